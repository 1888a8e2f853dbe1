"""Vector stores: one small interface, FAISS behind it by default.

The rest of the code only sees ``VectorStore``, so the same index can later move
onto a distributed engine by writing one more class with these five methods.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol, runtime_checkable

import faiss
import numpy as np

# One OpenMP thread: a search of one question gains nothing from more, and on a busy machine
# (or beside the embedder's own threads) the thread barriers cost 25-130 ms a search instead of
# 0.2-0.4 ms (bench/faiss_search.py). QA_FAISS_THREADS sets another count.
faiss.omp_set_num_threads(max(1, int(os.environ.get("QA_FAISS_THREADS", "1") or 1)))


@runtime_checkable
class VectorStore(Protocol):
    """Keeps unit vectors under integer ids; search returns inner-product scores, best first."""

    dim: int

    def __len__(self) -> int: ...

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...

    def remove(self, ids: np.ndarray) -> int: ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def save(self, folder: Path) -> None: ...


class FaissStore:
    """Exact inner-product search (``IndexFlatIP``) with explicit int64 ids (``IndexIDMap2``)."""

    FILE = "dense.faiss"

    def __init__(self, dim: int, index: faiss.Index | None = None) -> None:
        self.dim = dim
        self.index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add ``vectors`` (n × dim float32) under ``ids`` (n int64)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {vectors.shape}")
        self.index.add_with_ids(vectors, np.ascontiguousarray(ids, dtype=np.int64))

    def remove(self, ids: np.ndarray) -> int:
        """Remove the given ids; returns how many were present."""
        return int(self.index.remove_ids(np.ascontiguousarray(ids, dtype=np.int64)))

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (scores, ids) per query row; missing slots have id -1."""
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(1, min(k, len(self))) if len(self) else 1
        return self.index.search(queries, k)

    def save(self, folder: Path) -> None:
        faiss.write_index(self.index, str(Path(folder) / self.FILE))

    @classmethod
    def load(cls, folder: Path) -> "FaissStore":
        index = faiss.read_index(str(Path(folder) / cls.FILE))
        return cls(index.d, index)
