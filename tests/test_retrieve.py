import pytest

from qa.retrieve import fuse_rrf, fuse_scores


@pytest.mark.unit
def test_rrf_rewards_agreement():
    scores = fuse_rrf([1, 2, 3], [3, 4])
    assert max(scores, key=scores.get) == 3
    assert scores[1] == pytest.approx(1 / 61)


@pytest.mark.unit
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
    assert all(h.document == seeds_qa.document(h.passage.doc_id) for h in hits), "a hit carries the article it is cut from"
    assert "document" not in top.model_dump(), "its JSON shows the passage, not the whole article"


def test_searches_from_many_threads_agree_with_one_at_a_time(seeds_qa):
    """BM25 runs on its own threads beside the embedding; concurrent questions must not disturb each other
    (each thread has its own stemmer)."""
    from concurrent.futures import ThreadPoolExecutor

    queries = ["Kishida Bucha mass grave", "AUKUS submarine deal", "North Korea missile launch", "export controls Japan Korea"] * 4
    alone = [[(h.passage.doc_id, h.passage.start, round(h.score, 6)) for h in seeds_qa.search(q, k=5)] for q in queries]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda q: [(h.passage.doc_id, h.passage.start, round(h.score, 6)) for h in seeds_qa.search(q, k=5)], queries))
    assert together == alone
    batch = seeds_qa.retriever.retrieve_many(queries[:4], k=5)
    assert [[(h.passage.doc_id, h.passage.start) for h in hits] for hits in batch] == [[(d, s) for d, s, _ in a] for a in alone[:4]]


def test_merged_retrieval_keeps_the_first_querys_best_and_adds_what_it_misses(seeds_qa):
    retriever = seeds_qa.retriever
    first, second = "AUKUS submarine deal", "Kishida Bucha mass grave"
    alone = retriever.retrieve(first, k=5)
    merged = retriever.retrieve_merged([first, second], k=10)
    assert merged[0] == alone[0]  # the first query's best stays first: a later one outranks it only by a margin
    keys = {(h.passage.doc_id, h.passage.start) for h in merged}
    assert (alone[0].passage.doc_id, alone[0].passage.start) in keys
    best_second = retriever.retrieve(second, k=1)[0]
    assert (best_second.passage.doc_id, best_second.passage.start) in keys  # what the first query misses
    assert [h.score for h in merged] == sorted((h.score for h in merged), reverse=True)
    assert len(keys) == len(merged)  # each passage once


def test_a_question_that_stands_alone_in_a_conversation_is_answered_from_its_own_article(seeds_qa):
    history = [{"question": "What did North Korea stage last weekend?", "answer": "military drills"}]
    answer = seeds_qa.ask("How much was the AUKUS submarine deal worth?", history=history)
    assert answer.query == "How much was the AUKUS submarine deal worth?"
    assert answer.answered and "$40 billion" in answer.text
