"""The ONNX Runtime on CPU, shared by the embedding model (``index.embed``) and the reader (``qa.reader``):
how many CPUs there are, how many threads the embedder uses, and one way to open a session; and
how a whole-number setting is read from the environment."""

from __future__ import annotations

import os
from typing import Sequence

from index.errors import NewsQAError

__all__ = ["available_cpus", "cpu_session", "cpu_threads", "int_setting"]


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
