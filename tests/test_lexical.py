import numpy as np
import pytest

from index.corpus_index import CorpusIndex
from index.lexical import Bm25Index, search_segments
from index.update import apply_changes, build_index
from index.words import bm25_terms

from conftest import CHUNKING, make_doc

pytestmark = pytest.mark.unit

TEXTS = ["Xi Jinping met Vladimir Putin in Moscow.", "Kishida visited Ukraine and Bucha.", "The cat sat on the mat."]


def _search(index: Bm25Index, query: str, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores) of one index, searched as the product searches its segments."""
    hits = search_segments([index], [mask], query, k)
    return np.array([row for _, row, _ in hits], dtype=np.int64), np.array([score for _, _, score in hits], dtype=np.float32)


def test_search_finds_the_matching_row_only():
    index = Bm25Index.build(TEXTS)
    ids, scores = _search(index, "Which city did Putin host Xi in?", 3)
    assert ids.tolist() == [0] and scores[0] > 0


def test_unknown_words_and_mask(tmp_path):
    index = Bm25Index.build(TEXTS)
    assert _search(index, "zebra quantum", 3)[0].size == 0
    mask = np.array([True, False, True])
    assert _search(index, "Kishida Ukraine", 3, mask=mask)[0].size == 0
    index.save(tmp_path)
    assert _search(Bm25Index.load(tmp_path, 3), "Kishida", 3)[0].tolist() == [1]


def test_empty_index():
    assert _search(Bm25Index.build([]), "anything", 5)[0].size == 0


def test_building_in_batches_of_ids_ranks_as_bm25s_over_the_words(monkeypatch):
    import bm25s

    import index.lexical as lexical

    texts = TEXTS * 3 + ["Putin and Xi in Moscow again.", "", "—.", "Ukraine, Ukraine and Bucha: the visits of Kishida."]
    reference = bm25s.BM25(k1=lexical.K1, b=lexical.B)
    reference.index(bm25_terms(texts), show_progress=False)
    monkeypatch.setattr(lexical, "BATCH", 4)  # several batches, the last one short
    built = Bm25Index.build(iter(texts), total=len(texts))
    assert built.size == len(texts)
    for query in ("Putin Moscow", "Kishida visited Ukraine", "cat mat", "Xi"):
        ids, scores = _search(built, query, len(texts))
        want_ids, want_scores = reference.retrieve(bm25_terms([query]), k=len(texts), show_progress=False)
        keep = want_scores[0] > 0
        assert sorted(zip(ids.tolist(), np.round(scores, 5).tolist())) == sorted(zip(want_ids[0][keep].tolist(), np.round(want_scores[0][keep], 5).tolist()))


def test_rows_without_a_word_are_indexed_and_never_found():
    index = Bm25Index.build(["—.", "..."])
    assert index.size == 2 and _search(index, "anything", 2)[0].size == 0


def test_segmented_bm25_ranks_like_one_merged_bm25(fake_embedder):
    docs = [make_doc(f"d{n}", f"Doc {n:02d}\n\n" + " ".join(f"w{(n * 7 + k) % 23}" for k in range(15))) for n in range(40)]
    merged = build_index(docs, fake_embedder, CHUNKING)
    segmented = CorpusIndex.empty(fake_embedder, CHUNKING)
    for start in range(0, 40, 10):
        segmented, _ = apply_changes(segmented, fake_embedder, docs[start : start + 10])
    assert len(segmented.segments) == 4
    for query in ["w1 w5", "w3", "w7 w8 w22", "w11 w0 w2"]:
        a_ids, a_scores = merged.lexical.search(query, 200)
        b_ids, b_scores = segmented.lexical.search(query, 200)
        a = {(merged.passage(int(i)).doc_id, merged.passage(int(i)).start): s for i, s in zip(a_ids, a_scores)}
        b = {(segmented.passage(int(i)).doc_id, segmented.passage(int(i)).start): s for i, s in zip(b_ids, b_scores)}
        assert a.keys() == b.keys()
        # IDF is the whole index's; only the average passage length differs per segment
        np.testing.assert_allclose([b[key] for key in a], list(a.values()), rtol=0.05)
