"""The ONNX Runtime on CPU, shared by the embedding model (``index.embed``) and the reader (``qa.reader``):
how many CPUs there are, how many threads the embedder uses, one way to open a session, how this
CPU multiplies int8 (``has_vnni``, ``exact_int8``); and how a whole-number setting is read from the
environment."""

from __future__ import annotations

import functools
import os
from typing import Sequence

from index.errors import NewsQAError

__all__ = ["available_cpus", "cpu_session", "cpu_threads", "exact_int8", "has_vnni", "int_setting"]


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def int_setting(name: str, default: int, least: int) -> int:
    """The whole number the environment variable ``name`` holds (at least ``least``), else ``default``;
    read when used, so a setting changed at run time counts."""
    env = os.environ.get(name, "").strip()
    if not env:
        return default
    try:
        return max(least, int(env))
    except ValueError:
        raise NewsQAError(f"{name} must be a whole number, got {env!r}") from None


def cpu_threads() -> int:
    """Threads of the embedding model: ``QA_EMBED_THREADS`` if set, else the CPUs this process may run on."""
    return int_setting("QA_EMBED_THREADS", available_cpus(), 1)


def cpu_session(model, threads: int, disabled_optimizers: Sequence[str] = ()):  # noqa: ANN001, ANN201 - a Path or bytes; an InferenceSession
    """An ONNX Runtime CPU session for ``model`` (a file or the serialized model) with ``threads`` threads that sleep between calls.

    ``disabled_optimizers``: ONNX Runtime graph rewrites not to apply (by name, e.g. ``SkipLayerNormFusion``).
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Threads sleep instead of spinning between calls: the cores are shared with the rest of the app.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    extra = {"disabled_optimizers": list(disabled_optimizers)} if disabled_optimizers else {}
    source = model if isinstance(model, bytes) else str(model)
    return onnxruntime.InferenceSession(source, options, providers=["CPUExecutionProvider"], **extra)


# The integer products ``quantize_dynamic`` writes, and which of their inputs are an int8 weight and its zero point.
_WEIGHT_INPUTS = {"MatMulInteger": (1, 3), "QAttention": (1, 7)}


@functools.cache
def has_vnni() -> bool:
    """Whether this CPU has VNNI (AVX-512 VNNI or AVX-VNNI): ONNX Runtime's uint8 x int8 products are exact there.

    Read from the flags the CPU reports, not from the named microarchitecture archspec matches it
    to: a virtual CPU that reports VNNI may match only a generic one without it ("x86_64_v4").
    """
    try:
        from archspec.cpu.detect import detected_info

        return bool({"avx512_vnni", "avx_vnni"} & detected_info().features)
    except Exception:  # noqa: BLE001 - an unknown CPU: take the product that is exact everywhere
        return False


def exact_int8(model):  # noqa: ANN001, ANN201 - onnx.ModelProto in and out
    """``model`` as this CPU multiplies its int8 products exactly: as it is with VNNI, else its int8
    weights stored as uint8 (each plus 128, and its zero point too: the same numbers).

    ONNX Runtime multiplies uint8 activations by int8 weights on CPUs without VNNI (AVX2, AVX-512
    without VNNI) by adding pairs of products in 16 bits, which saturate; the reader then picked
    other spans than on a CPU with VNNI, and fewer right ones (docs/log.md, 2026-12-07). uint8 x
    uint8 products are exact on every CPU. Changes ``model`` in place.
    """
    if has_vnni():
        return model
    import numpy as np
    from onnx import TensorProto, numpy_helper

    weights = {init.name: init for init in model.graph.initializer if init.data_type == TensorProto.INT8}
    names = {node.input[i] for node in model.graph.node for i in _WEIGHT_INPUTS.get(node.op_type, ()) if i < len(node.input)}
    for name in names & weights.keys():
        shifted = numpy_helper.to_array(weights[name]).astype(np.int16) + 128
        weights[name].CopyFrom(numpy_helper.from_array(shifted.astype(np.uint8), name))
    return model
