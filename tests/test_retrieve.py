import pytest

from qa.retrieve import fuse_rrf, fuse_scores


def test_rrf_rewards_agreement():
    scores = fuse_rrf([1, 2, 3], [3, 4])
    assert max(scores, key=scores.get) == 3
    assert scores[1] == pytest.approx(1 / 61)


def test_score_fusion_normalises_bm25_and_weights():
    scores = fuse_scores([(1, 0.9), (2, 0.2)], [(2, 10.0), (3, 5.0)], dense_weight=0.5)
    assert scores[1] == pytest.approx(0.45)
    assert scores[2] == pytest.approx(0.1 + 0.5)
    assert scores[3] == pytest.approx(0.25)
    assert fuse_scores([(1, -0.3)], [], 0.5) == {1: 0.0}


@pytest.mark.parametrize(
    "query, doc",
    [
        ("Kishida Bucha mass grave", "004_987bf9152aa0758f.txt"),
        ("AUKUS submarine deal", "000_3a9375036b298c0f.txt"),
        ("friendship between the leaders of Beijing and the Kremlin", "000_3a9375036b298c0f.txt"),
    ],
)
def test_hybrid_search_on_seeds(seeds_qa, query, doc):
    hits = seeds_qa.search(query, k=3)
    assert hits[0].passage.doc_id == doc
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    top = hits[0]
    assert seeds_qa.document(top.passage.doc_id).text[top.passage.start : top.passage.end] == top.passage.text
