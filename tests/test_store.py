"""FAISS store of one segment: add, search, remove, save, load (the backends' shared suite is tests/test_backends.py)."""

import faiss
import numpy as np
import pytest

from index.store import FaissStore

pytestmark = pytest.mark.unit

BACKENDS = [FaissStore]


def _unit(rows: int, dim: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize("backend", BACKENDS)
def test_add_search_save_load(backend, tmp_path):
    store = backend(16)
    vectors = _unit(50, 16)
    store.add(np.arange(100, 150), vectors)
    assert len(store) == 50
    scores, ids = store.search(vectors[7], 3)
    assert ids[0, 0] == 107 and scores[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert list(scores[0]) == sorted(scores[0], reverse=True)
    store.save(tmp_path)
    again = backend.load(tmp_path)
    assert len(again) == 50
    np.testing.assert_array_equal(again.search(vectors[:5], 4)[1], store.search(vectors[:5], 4)[1])


@pytest.mark.parametrize("backend", BACKENDS)
def test_rejects_wrong_dimension(backend):
    with pytest.raises(ValueError, match="shape"):
        backend(16).add(np.arange(2), _unit(2, 8))


@pytest.mark.parametrize("backend", BACKENDS)
def test_search_clamps_k(backend):
    store = backend(8)
    store.add(np.arange(3), _unit(3, 8))
    _, ids = store.search(_unit(1, 8, seed=1), 10)
    assert sorted(ids[0].tolist()) == [0, 1, 2]


def test_hnsw_finds_what_exact_search_finds_and_respects_the_selector():
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((50, 64))
    vectors = (centres[rng.integers(0, 50, 4000)] + 0.3 * rng.standard_normal((4000, 64))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[rng.integers(0, 4000, 50)] + 0.05 * rng.standard_normal((50, 64)).astype(np.float32)
    exact, hnsw = FaissStore.for_vectors(vectors), FaissStore.for_vectors(vectors, approximate_from=1000)
    assert exact.description == "flat" and hnsw.approximate
    _, truth = exact.search(queries, 10)
    _, found = hnsw.search(queries, 10)
    recall = np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found)])
    assert recall >= 0.95
    allowed = np.arange(4000) % 3 == 0
    bits = np.packbits(allowed, bitorder="little")
    _, found = hnsw.search(queries, 10, faiss.IDSelectorBitmap(4000, faiss.swig_ptr(bits)))
    assert (found >= 0).all() and allowed[found].all()
