"""FAISS vector search of one segment: exact (flat) or approximate (HNSW), with explicit ids.

The product does not call it directly: it searches through ``index.backend.Backend``, whose
default backend (``index.corpus_index``) uses one ``FaissStore`` per segment.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from index.runtime import available_cpus, int_setting



def search_threads() -> int:
    """OpenMP threads of a FAISS search: ``QA_FAISS_THREADS``, else one. A search of one question gains
    nothing from more, and on a busy machine (or beside the embedder's own threads) the thread
    barriers cost far more than the search (bench/faiss_search.py, docs/log.md)."""
    return int_setting("QA_FAISS_THREADS", 1, 1)


# Segments of at least this many passages get an approximate index (HNSW) instead of exact search:
# exact search scans every vector (3.1 ms at 50k, 6.6 ms at 100k on one core here), HNSW stays under
# a millisecond with 99 % of the exact top 100. Chosen with bench/faiss_search.py on real RealTimeQA
# vectors (docs/benchmarks.md).
APPROXIMATE_FROM = 50_000
HNSW_M = 32  # links per node: memory 256 bytes/vector on top of the vectors' 1,536
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 256  # candidates kept while searching: recall@100 0.990 against exact at 100k RealTimeQA passages (128: 0.975)


class FaissStore:
    """Inner-product search with explicit int64 ids (``IndexIDMap2``): exact (flat) or HNSW.

    An HNSW store cannot remove ids; the segments that use it never do (they hide dead rows
    with a selector).
    """

    FILE = "dense.faiss"

    def __init__(self, dim: int, index: faiss.Index | None = None) -> None:
        self.dim = dim
        self.index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        inner = faiss.downcast_index(self.index.index) if isinstance(self.index, faiss.IndexIDMap) else self.index
        self.hnsw: faiss.IndexHNSW | None = inner if isinstance(inner, faiss.IndexHNSW) else None  # looked up once, not per search
        faiss.omp_set_num_threads(search_threads())

    @classmethod
    def for_vectors(cls, vectors: np.ndarray, approximate_from: int | None = None) -> "FaissStore":
        """A store of ``vectors`` under ids 0..n-1: exact below ``approximate_from`` rows (default
        ``APPROXIMATE_FROM``), HNSW from there."""
        n, dim = vectors.shape
        if n < (APPROXIMATE_FROM if approximate_from is None else approximate_from):
            store = cls(dim)
        else:
            hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            hnsw.hnsw.efSearch = HNSW_EF_SEARCH
            store = cls(dim, faiss.IndexIDMap2(hnsw))
        if n:
            faiss.omp_set_num_threads(available_cpus())  # building is batch work: every core
            try:
                store.add(np.arange(n, dtype=np.int64), vectors)
            finally:
                faiss.omp_set_num_threads(search_threads())
        return store

    @property
    def approximate(self) -> bool:
        return self.hnsw is not None

    @property
    def description(self) -> str:
        """What kind of search this is, with its parameters (recorded in the manifest)."""
        hnsw = self.hnsw
        if hnsw is None:
            return "flat"
        return f"hnsw M={hnsw.hnsw.nb_neighbors(1)} efConstruction={hnsw.hnsw.efConstruction} efSearch={hnsw.hnsw.efSearch}"

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add ``vectors`` (n × dim float32) under ``ids`` (n int64)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {vectors.shape}")
        self.index.add_with_ids(vectors, np.ascontiguousarray(ids, dtype=np.int64))

    def search(
        self, queries: np.ndarray, k: int, selector: faiss.IDSelector | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (scores, ids) per query row, among the ids ``selector`` lets through; missing slots have id -1."""
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(1, min(k, len(self))) if len(self) else 1
        hnsw = self.hnsw
        if hnsw is not None:
            params = faiss.SearchParametersHNSW(efSearch=max(hnsw.hnsw.efSearch, k))
            if selector is not None:
                params.sel = selector
        else:
            params = None if selector is None else faiss.SearchParameters(sel=selector)
        return self.index.search(queries, k, params=params)

    def save(self, folder: Path) -> None:
        faiss.write_index(self.index, str(Path(folder) / self.FILE))

    @classmethod
    def load(cls, folder: Path) -> "FaissStore":
        index = faiss.read_index(str(Path(folder) / cls.FILE))
        return cls(index.d, index)
