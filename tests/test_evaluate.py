"""Evaluation: official SQuAD normalisation and scores, the figures of a run, and every question format."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from index import embed
from qa.evaluate import (
    Question,
    QuestionResult,
    bbc_doc_id,
    calibration_bins,
    contains,
    corpus_record_ids,
    detect_format,
    evaluate,
    exact_match,
    expected_calibration_error,
    f1_score,
    judge,
    in_one_case,
    normalize_answer,
    normalize_text,
    read_bbc_questions,
    read_questions,
    read_realtimeqa_questions,
    read_seeds_questions,
    read_squad,
    realtimeqa_subset,
    reliability_diagram,
    run_questions,
    summarize,
    with_lead_in,
    with_typos,
)
from qa import Answer, Citation, Document, Hit, Passage, Turn
from qa.types import ArticleFilter

from conftest import read_corpus

# -- normalisation and scores (the official SQuAD evaluation script's behaviour) -------------


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("The Denver Broncos", "denver broncos"),
        ("  a  Quick,  brown   FOX! ", "quick brown fox"),
        ("Santa Clara, California.", "santa clara california"),
        ("theatre and an apple", "theatre and apple"),  # articles are whole words only
        ("$40 billion", "40 billion"),
        ("Suk-yeol", "sukyeol"),
    ],
)
@pytest.mark.unit
def test_normalize_answer_is_the_official_one(text, normal):
    assert normalize_answer(text) == normal


@pytest.mark.unit
def test_official_normalisation_keeps_typographic_quotes_and_normalize_text_folds_them():
    assert normalize_answer("People’s Daily") == "people’s daily"
    assert normalize_text("People’s Daily") == normalize_answer("People's Daily") == "peoples daily"


@pytest.mark.unit
def test_questions_in_one_case_keep_the_answers_given_before():
    asked = Question(id="q", question="Who met Kishida in Tokyo?", answers=["Yoon"], history=[Turn(question="Where is the G7?", answer="Hiroshima")])
    (lowered,) = in_one_case([asked])
    assert lowered.question == "who met kishida in tokyo?" and lowered.answers == ["Yoon"]
    assert lowered.history == [Turn(question="where is the g7?", answer="Hiroshima")]
    (shouted,) = in_one_case([asked], upper=True)
    assert shouted.question == "WHO MET KISHIDA IN TOKYO?" and shouted.history[0] == Turn(question="WHERE IS THE G7?", answer="Hiroshima")


@pytest.mark.unit
def test_with_typos_swaps_the_middle_letters_of_the_longest_word_once():
    asked = [
        Question(id="a", question="How many bosses face charges over the accounting fraud?", answers=["2"], history=[Turn(question="Which firm?")]),
        Question(id="b", question="Who is Yoon Suk-yeol?", answers=["Yoon"]),
    ]
    typed = with_typos(asked)
    assert typed[0].question == "How many bosses face charges over the acconuting fraud?" and typed[0].history == asked[0].history
    assert typed[1] == asked[1]  # no lower-case word of five letters: as it was
    in_names = with_typos([Question(id="c", question="Who replaced Ranieri at Porto?", answers=["Lopez"])], "names")
    assert in_names[0].question == "Who replaced Raineri at Porto?"  # the longest name after the first word


@pytest.mark.unit
def test_with_lead_in_asks_each_question_politely():
    asked = [Question(id="a", question="How many bosses face charges?", answers=["six"]), Question(id="b", question="In which year?", answers=["2004"])]
    assert [q.question for q in with_lead_in(asked)] == ["Can you tell me how many bosses face charges?", "Can you tell me In which year?"]


@pytest.mark.unit
def test_exact_match():
    assert exact_match("the Denver Broncos", "Denver Broncos")
    assert exact_match("Denver Broncos.", "denver broncos")
    assert not exact_match("Broncos", "Denver Broncos")


@pytest.mark.unit
def test_f1_score_official_examples():
    assert f1_score("Denver Broncos", "Denver Broncos") == 1.0
    assert f1_score("the Denver Broncos won", "Denver Broncos") == pytest.approx(0.8)  # P 2/3, R 1
    assert f1_score("Carolina Panthers", "Denver Broncos") == 0.0
    assert f1_score("", "Denver Broncos") == 0.0
    assert f1_score("1 2 2", "2 2 3") == pytest.approx(2 / 3)  # token counts are clipped: 2 common of 3 each


@pytest.mark.unit
def test_contains_matches_whole_normalised_words():
    assert contains("Kishida met Yoon Suk-yeol in Tokyo.", ["Yoon Suk-yeol"])
    assert contains("It was the People’s Daily.", ["People's Daily"])
    assert not contains("Tokyoite bars", ["Tokyo"])
    assert not contains(None, ["Tokyo"])
    assert not contains("Tokyo", [])
    assert not contains("Tokyo", ["the"])  # an answer that normalises to nothing never matches


# -- summarize -------------------------------------------------------------------------------


def _result(id, answers, gold="d1", doc_rank=None, answer_rank=None, answered=None, prediction=None, cited=None, seconds=0.1):
    return QuestionResult(
        id=id, question=f"q{id}", answers=answers, gold_docs=[gold] if gold else [], doc_rank=doc_rank, answer_rank=answer_rank,
        answered=answered, prediction=prediction, sentence=prediction, cited_doc=cited, retrieval_seconds=seconds / 2, seconds=seconds,
    )


@pytest.mark.unit
def test_summarize_on_hand_made_results():
    results = [
        _result("1", ["Tokyo"], doc_rank=1, answer_rank=1, answered=True, prediction="Tokyo", cited="d1", seconds=0.1),
        _result("2", ["Denver Broncos"], doc_rank=3, answer_rank=2, answered=True, prediction="the Broncos", cited="d2", seconds=0.2),
        _result("3", ["Moscow"], doc_rank=None, answer_rank=10, answered=False, seconds=0.3),
        _result("4", [], gold=None, answered=False, seconds=0.4),  # no answer in the corpus, refused: right
    ]
    figures = summarize(results)
    assert figures["questions"] == 4 and figures["answerable"] == 3 and figures["unanswerable"] == 1
    assert figures["recall@1"] == pytest.approx(1 / 3)
    assert figures["recall@5"] == pytest.approx(2 / 3) and figures["recall@20"] == pytest.approx(2 / 3)
    assert figures["mrr"] == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert figures["answer_recall@1"] == pytest.approx(1 / 3)
    assert figures["answer_recall@5"] == pytest.approx(2 / 3)
    assert figures["answer_recall@20"] == pytest.approx(1.0)
    assert figures["answer_mrr"] == pytest.approx((1 + 1 / 2 + 1 / 10) / 3)
    assert figures["exact_match"] == pytest.approx(1 / 3)
    assert figures["f1"] == pytest.approx((1 + 2 / 3 + 0) / 3)  # "the Broncos" vs "Denver Broncos": P 1, R 1/2
    assert figures["exact_match_all"] == pytest.approx(2 / 4)  # the refused unanswerable question scores 1
    assert figures["f1_all"] == pytest.approx((1 + 2 / 3 + 0 + 1) / 4)
    assert figures["answer_contains_gold"] == pytest.approx(1 / 3)
    assert figures["citation_correct"] == pytest.approx(1 / 2)
    assert figures["answered_rate"] == pytest.approx(2 / 3)
    assert figures["wrongly_refused"] == pytest.approx(1 / 3)
    assert figures["no_answer_refused"] == 1.0
    assert figures["latency_p50_ms"] == pytest.approx(250.0)
    assert figures["retrieval_p50_ms"] == pytest.approx(125.0)


@pytest.mark.unit
def test_summarize_retrieval_only_has_no_answer_figures():
    figures = summarize([_result("1", ["Tokyo"], doc_rank=2, answer_rank=1)])
    assert figures["recall@1"] == 0.0 and figures["recall@5"] == 1.0 and figures["mrr"] == 0.5
    assert "exact_match" not in figures and "no_answer_refused" not in figures


@pytest.mark.unit
def test_summarize_says_none_when_nothing_to_count():
    figures = summarize([_result("1", [], gold=None, answered=True, prediction="x")])
    assert figures["recall@1"] is None and figures["exact_match"] is None and figures["no_answer_refused"] == 0.0
    assert figures["confidence_auroc"] is None and figures["expected_calibration_error"] is None  # no confidence recorded
    assert "by_kind" not in figures  # no question carries a kind


def _judged(id, kind, answers, answered, confidence, prediction=None, cited="d1"):
    result = _result(id, answers, gold="d1" if answers else None, answered=answered, prediction=prediction, cited=cited if answered else None)
    result = result.model_copy(update={"kind": kind, "confidence": confidence})
    return result.model_copy(update={"right": judge(result, cite_gold=True)})


@pytest.fixture
def judged_results():
    """Two right answers (0.9, 0.8), a wrong one (0.85), a wrongly refused one (0.5), two unanswerable (0.2 refused, 0.95 answered)."""
    return [
        _judged("1", "factoid", ["Tokyo"], True, 0.9, "Tokyo"),
        _judged("2", "factoid", ["Moscow"], True, 0.85, "Paris"),
        _judged("3", "followup", ["Kishida"], True, 0.8, "Fumio Kishida"),
        _judged("4", "followup", ["Seoul"], False, 0.5),
        _judged("5", "near_miss", [], False, 0.2),
        _judged("6", "off_topic", [], True, 0.95, "Mars"),
    ]


@pytest.mark.unit
def test_judge_needs_the_gold_citation_only_when_asked():
    result = _result("1", ["Tokyo"], answered=True, prediction="in Tokyo", cited="d2")
    assert judge(result) is True and judge(result, cite_gold=True) is False
    assert judge(result.model_copy(update={"cited_doc": "d1"}), cite_gold=True) is True
    assert judge(_result("2", [], gold=None, answered=False)) is True  # unanswerable, refused
    assert judge(_result("3", [], gold=None, answered=True, prediction="x")) is False
    assert judge(_result("4", ["Tokyo"], answered=False)) is False
    assert judge(_result("5", ["Tokyo"])) is None  # retrieval only


@pytest.mark.unit
def test_summarize_per_kind_and_confidence_figures(judged_results):
    figures = summarize(judged_results)
    assert figures["by_kind"] == {
        "factoid": {"questions": 2, "answered": 2, "right": 1},
        "followup": {"questions": 2, "answered": 1, "right": 1},
        "near_miss": {"questions": 1, "answered": 0, "right": 1},
        "off_topic": {"questions": 1, "answered": 1, "right": 0},
    }
    assert figures["answerable_right"] == 2 and figures["unanswerable_refused"] == 1
    # positives 0.9, 0.8 against negatives 0.85, 0.5, 0.2, 0.95: 3 + 2 of 8 pairs ranked right
    assert figures["confidence_auroc"] == pytest.approx(5 / 8)
    # bins: 0.2 (right 0), 0.5 (0), 0.8 and 0.85 (1 of 2), 0.9 and 0.95 (1 of 2)
    assert figures["expected_calibration_error"] == pytest.approx((0.2 + 0.5 + 2 * 0.325 + 2 * 0.425) / 6)
    assert figures["confidence_median_right"] == pytest.approx(0.85)
    assert figures["confidence_median_wrong"] == pytest.approx(0.85)
    assert figures["confidence_median_unanswerable"] == pytest.approx(0.575)
    assert figures["exact_match"] == pytest.approx(1 / 4)  # the existing figures are still there


@pytest.mark.unit
def test_auroc_is_none_with_one_class_and_bins_take_a_confidence_of_one():
    figures = summarize([_judged("1", "factoid", ["Tokyo"], True, 0.9, "Tokyo"), _judged("2", "factoid", ["Oslo"], True, 1.0, "Oslo")])
    assert figures["confidence_auroc"] is None
    assert figures["expected_calibration_error"] == pytest.approx(0.05)
    bins = calibration_bins([0.0, 0.05, 1.0], [False, True, True])
    assert len(bins) == 10 and bins[0]["count"] == 2 and bins[0]["right"] == 0.5 and bins[9]["count"] == 1
    assert all(b["count"] == 0 and b["right"] is None for b in bins[1:9])
    assert expected_calibration_error([], []) is None


@pytest.mark.unit
def test_reliability_diagram_writes_a_png(judged_results, tmp_path):
    path = reliability_diagram(judged_results, tmp_path / "out" / "report.png")
    assert path == tmp_path / "out" / "report.png"
    data = path.read_bytes()
    assert len(data) > 0 and data[:8] == b"\x89PNG\r\n\x1a\n"
    assert reliability_diagram([_result("1", ["Tokyo"])], tmp_path / "none.png") is None  # retrieval only: nothing to plot
    assert not (tmp_path / "none.png").exists()


# -- question formats, on tiny files ---------------------------------------------------------


@pytest.fixture
def seeds_file(tmp_path):
    path = tmp_path / "seeds_dev.jsonl"
    rows = [
        {"id": "d01", "question": "Where did they meet?", "answers": ["Tokyo"], "doc": "a.txt", "evidence": "in Tokyo"},
        {"id": "d02", "question": "What is the GDP of Mars?", "answers": [], "doc": None, "evidence": None},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    return path


@pytest.fixture
def squad_v2_file(tmp_path):
    data = {
        "version": "v2.0",
        "data": [
            {
                "title": "Super_Bowl_50",
                "paragraphs": [
                    {
                        "context": "Super Bowl 50 was won by the Denver Broncos in Santa Clara, California.",
                        "qas": [
                            {"id": "q1", "question": "Who won Super Bowl 50?", "is_impossible": False,
                             "answers": [{"text": "Denver Broncos", "answer_start": 29}, {"text": "the Denver Broncos", "answer_start": 25},
                                         {"text": "Denver Broncos", "answer_start": 29}]},
                            {"id": "q2", "question": "Who lost Super Bowl 51?", "is_impossible": True, "answers": [],
                             "plausible_answers": [{"text": "Denver Broncos", "answer_start": 29}]},
                        ],
                    },
                    {"context": "The Panthers played in Charlotte.", "qas": [{"id": "q3", "question": "Where did the Panthers play?",
                                                                               "answers": [{"text": "Charlotte", "answer_start": 23}]}]},
                ],
            }
        ],
    }
    path = tmp_path / "dev-v2.0-tiny.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    return path


@pytest.fixture
def bbc_dir(tmp_path):
    """A tiny BBC-format set: a corpus folder (``business-100.txt``, ``tech-120.txt``) and its questions."""
    corpus = tmp_path / "bbc"
    corpus.mkdir()
    (corpus / "business-100.txt").write_text(
        "Ebbers trial opens\n\nFormer WorldCom boss Bernie Ebbers went on trial in New York on Monday. "
        "He is one of six WorldCom executives indicted in the case.\n", encoding="utf-8")
    (corpus / "tech-120.txt").write_text(
        "Games sales soar\n\nSales of video games rose sharply in 2004, the industry body said. "
        "The chairman of the body is Roger Bennett.\n", encoding="utf-8")
    rows = [
        {"id": "d001", "kind": "factoid", "question": "Where did the Ebbers trial open?", "answers": ["New York"],
         "doc": "business/100.txt", "history": [], "evidence": "went on trial in New York"},
        {"id": "d002", "kind": "followup", "question": "How many executives were indicted with him?", "answers": ["six"],
         "doc": "business/100.txt", "history": [{"question": "Who is the former WorldCom boss on trial?", "answer": "Bernie Ebbers"}],
         "evidence": "one of six WorldCom executives indicted"},
        {"id": "d003", "kind": "off_topic", "question": "What is the boiling point of mercury?", "answers": [], "doc": None,
         "history": [], "evidence": None},
    ]
    questions = tmp_path / "questions_dev.jsonl"
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return questions, corpus


@pytest.mark.unit
def test_detect_format(seeds_file, squad_v2_file, realtimeqa_dir, bbc_dir):
    assert detect_format(bbc_dir[0]) == "bbc"
    assert detect_format(seeds_file) == "seeds"
    assert detect_format(squad_v2_file) == "squad"
    assert detect_format(realtimeqa_dir / "questions_dev.jsonl") == "realtimeqa"


@pytest.mark.unit
def test_read_seeds_questions(seeds_file):
    questions = read_seeds_questions(seeds_file)
    assert [(q.id, q.answers, q.gold_docs) for q in questions] == [("d01", ["Tokyo"], ["a.txt"]), ("d02", [], [])]


@pytest.mark.unit
def test_bbc_doc_id_maps_category_paths_to_fetched_files(tmp_path):
    assert bbc_doc_id("business/100.txt", tmp_path) == "business-100.txt"
    (tmp_path / "sports").mkdir()
    (tmp_path / "sports" / "114.txt").write_text("x", encoding="utf-8")
    assert bbc_doc_id("sports/114.txt", tmp_path) == "sports/114.txt"  # the package's own layout: the literal path


@pytest.mark.unit
def test_read_bbc_questions(bbc_dir):
    questions_file, corpus = bbc_dir
    questions = read_bbc_questions(questions_file, corpus)
    assert [(q.id, q.kind, q.gold_docs) for q in questions] == [
        ("d001", "factoid", ["business-100.txt"]), ("d002", "followup", ["business-100.txt"]), ("d003", "off_topic", [])]
    assert questions[1].history == [Turn(question="Who is the former WorldCom boss on trial?", answer="Bernie Ebbers")]
    assert questions[0].history == [] and questions[2].answers == []
    assert read_questions(questions_file, corpus) == questions


@pytest.mark.unit
def test_bbc_gold_ids_are_the_ids_the_loader_gives(bbc_dir):
    questions_file, corpus = bbc_dir
    ids = {d.id for d in read_corpus(corpus).documents}
    assert {d for q in read_bbc_questions(questions_file, corpus) for d in q.gold_docs} <= ids


@pytest.mark.unit
def test_read_squad_v2(squad_v2_file):
    documents, questions = read_squad(squad_v2_file)
    assert [d.id for d in documents] == ["Super_Bowl_50#0", "Super_Bowl_50#1"]
    assert documents[0].title == "Super Bowl 50"
    by_id = {q.id: q for q in questions}
    assert by_id["q1"].answers == ["Denver Broncos", "the Denver Broncos"]  # distinct, sorted
    assert by_id["q2"].answers == []  # unanswerable: plausible answers are not accepted
    assert by_id["q3"].gold_docs == ["Super_Bowl_50#1"]


@pytest.mark.unit
def test_read_realtimeqa_questions_and_subset(realtimeqa_dir):
    corpus = realtimeqa_dir / "corpus.jsonl.gz"
    questions = read_realtimeqa_questions(realtimeqa_dir / "questions_dev.jsonl", corpus)
    assert questions[0].gold_docs == ["corpus.jsonl.gz#rtqa-00000"]
    assert questions[0].date == "2022-06-10"  # written 2022/06/10 in the file: asked as of that day
    assert corpus_record_ids(corpus) == ["rtqa-00000", "rtqa-00001", "rtqa-00002", "rtqa-00003"]
    subset = realtimeqa_subset(questions, corpus, others=1, seed=0)
    assert subset[:2] == ["corpus.jsonl.gz#rtqa-00000", "corpus.jsonl.gz#rtqa-00001"] and len(subset) == 3
    assert subset[2] in {"corpus.jsonl.gz#rtqa-00002", "corpus.jsonl.gz#rtqa-00003"}
    assert realtimeqa_subset(questions, corpus, others=1, seed=0) == subset  # the same seed draws the same articles
    assert len(realtimeqa_subset(questions, corpus, others=99)) == 4


# -- end to end, with the fake embedder ------------------------------------------------------


@pytest.fixture
def fake_registered(fake_embedder, monkeypatch):
    monkeypatch.setitem(embed.EMBEDDERS, fake_embedder.name, lambda: fake_embedder)
    monkeypatch.setitem(embed._cache, fake_embedder.name, fake_embedder)
    return fake_embedder


def test_evaluate_realtimeqa_subset_end_to_end(realtimeqa_dir, tmp_path, fake_registered):
    index_dir = tmp_path / "index"
    report, results = evaluate(
        realtimeqa_dir / "questions_dev.jsonl", index_dir=index_dir, embedder=fake_registered.name, docs=1, extract=True
    )
    assert report["format"] == "realtimeqa" and report["documents"] == 3 and report["embedder"] == fake_registered.name
    assert report["figures"]["questions"] == 2
    assert report["figures"]["answer_recall@20"] == 1.0 and report["figures"]["recall@20"] == 1.0
    assert {r.id for r in results} == {"20220610_0", "20220610_2"}
    assert all(r.answered is not None for r in results)
    assert (tmp_path / "index.vectors").is_dir()  # the passage vectors were checkpointed
    embedded = len(fake_registered.embedded)
    evaluate(realtimeqa_dir / "questions_dev.jsonl", index_dir=index_dir, embedder=fake_registered.name, docs=1, extract=False)
    assert len(fake_registered.embedded) == embedded + 1 + 2  # index reused: only the warm-up and the two questions embedded


class _StubRetriever:
    """Records how it is called; every query gets the same two passages."""

    def __init__(self, hits):
        self.hits, self.many, self.single = hits, [], []

    def retrieve_many(self, queries, k=10, as_of=None):
        self.many.append((list(queries), k))
        return [list(self.hits) for _ in queries]

    def retrieve_merged(self, queries, k=10, as_of=None, within=None):
        self.single.append((tuple(queries), k, within))
        return list(self.hits)


class _StubQA:
    """Just what ``run_questions`` uses of a ``QA``: answers "six", citing business-100.txt, and records the calls."""

    def __init__(self, hits):
        self.index, self.retriever, self.calls = object(), _StubRetriever(hits), []

    def as_understood(self, question):
        return question  # these questions have no lead-in and no typo

    def answer_from_hits(self, question, hits, query=None, index=None, as_of=None, said=None):
        self.calls.append({"question": question, "query": query, "said": said})
        quote = Citation(doc_id="business-100.txt", title="t", source="s", start=0, end=3, quote="six")
        return Answer(question=question, answered=True, text="six", confidence=0.7, span=quote, citations=[quote], query=query or question)


@pytest.mark.unit
def test_run_questions_asks_a_question_with_history_as_ask_does():
    from qa.conversation import understand

    text = "He is one of six WorldCom executives indicted in the case."
    document = Document(id="business-100.txt", title="WorldCom", source="s", text=text, content_hash="0")
    hits = [Hit(passage=Passage(doc_id=document.id, start=0, end=len(text), text=text), document=document, score=1.0)]
    history = [Turn(question="Who is the former WorldCom boss on trial?", answer="Bernie Ebbers")]
    questions = [
        Question(id="d001", question="How many WorldCom bosses face charges?", answers=["six"], gold_docs=["business-100.txt"], kind="factoid"),
        Question(id="d002", question="How many executives were indicted with him?", answers=["six"], gold_docs=["business-100.txt"],
                 kind="followup", history=history),
        Question(id="d003", question="Who won the 2004 Ryder Cup?", answers=["Europe"], gold_docs=["sports-101.txt"], kind="factoid"),
    ]
    qa = _StubQA(hits)
    results = run_questions(qa, questions, batch=3, cite_gold=True)
    followup = understand(questions[1].question, history)
    assert qa.retriever.many == [([questions[0].question, questions[2].question], 60)]  # the others still batched
    assert qa.retriever.single == [(tuple(followup.queries), 60, None)]
    assert "Ebbers" in followup.question and any("WorldCom boss" in q for q in followup.queries)
    assert qa.calls[1] == {"question": questions[1].question, "query": followup.question, "said": "Bernie Ebbers"}
    assert qa.calls[0]["query"] is None
    assert [r.understood for r in results] == [None, followup.question, None]  # in the report, to see how a follow-up was read
    assert [r.id for r in results] == ["d001", "d002", "d003"] and [r.kind for r in results] == ["factoid", "followup", "factoid"]
    assert [r.doc_rank for r in results] == [1, 1, None]
    assert [r.right for r in results] == [True, True, False]  # d003: "six" is not its answer, nor its gold document


@pytest.mark.unit
def test_run_questions_asks_a_question_about_its_week_as_ask_does():
    text = "Ebbers, the former WorldCom boss, was indicted this week."
    document = Document(id="business-100.txt", title="WorldCom", source="s", date="2005-03-01", text=text, content_hash="0")
    hits = [Hit(passage=Passage(doc_id=document.id, start=0, end=len(text), text=text), document=document, score=1.0)]
    questions = [
        Question(id="q1", question="Who was indicted this week?", answers=["Ebbers"], date="2005-03-02"),
        Question(id="q2", question="Who was indicted?", answers=["Ebbers"], date="2005-03-02"),
        Question(id="q3", question="Who was indicted this week?", answers=["Ebbers"]),
    ]
    qa = _StubQA(hits)
    run_questions(qa, questions, batch=3)
    assert qa.retriever.many == [([questions[1].question, questions[2].question], 60)]  # no week, or no day to take it from
    assert qa.retriever.single == [((questions[0].question,), 60, ArticleFilter(since=date(2005, 2, 20), until=date(2005, 3, 12)))]


def test_evaluate_bbc_end_to_end(bbc_dir, tmp_path, fake_registered):
    questions_file, corpus = bbc_dir
    report, results = evaluate(questions_file, corpus, tmp_path / "bbc-index", embedder=fake_registered.name, extractor="heuristic")
    figures = report["figures"]
    assert report["format"] == "bbc" and report["documents"] == 2
    assert figures["recall@20"] == 1.0  # the gold ids are the ids of the indexed files
    assert list(figures["by_kind"]) == ["factoid", "followup", "off_topic"]
    assert sum(row["questions"] for row in figures["by_kind"].values()) == 3
    assert figures["answerable_right"] + figures["unanswerable_refused"] == sum(row["right"] for row in figures["by_kind"].values())
    assert all(r.right is not None and r.kind for r in results)


def test_evaluate_squad_v2_retrieval_only(squad_v2_file, tmp_path, fake_registered):
    report, results = evaluate(squad_v2_file, index_dir=tmp_path / "squad", embedder=fake_registered.name, extract=False, batch=2)
    figures = report["figures"]
    assert figures["questions"] == 3 and figures["unanswerable"] == 1
    assert figures["recall@20"] == 1.0
    assert "exact_match" not in figures
    assert all(r.answered is None for r in results)


def test_cli_eval_prints_the_table_and_writes_the_report(realtimeqa_dir, tmp_path, fake_registered):
    from typer.testing import CliRunner

    from qa.cli import app

    report = tmp_path / "report.json"
    args = ["eval", str(realtimeqa_dir / "questions_dev.jsonl"), "--embedder", fake_registered.name, "--index", str(tmp_path / "idx"), "--docs", "1"]
    result = CliRunner().invoke(app, [*args, "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "answer_recall@5" in result.output and "latency_p95_ms" in result.output
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["figures"]["questions"] == 2 and len(written["results"]) == 2
    assert written["machine"]["cores"] >= 1 and written["embedder"] == fake_registered.name
    assert "confidence_auroc" in written["figures"] and "confidence_auroc" in result.output
    assert (tmp_path / "report.png").read_bytes()[:4] == b"\x89PNG"  # the reliability diagram, beside the report
    refused = CliRunner().invoke(app, [*args, "--retrieval-only", "--strict"])
    assert refused.exit_code == 1


def test_cli_eval_prints_the_per_kind_table(bbc_dir, tmp_path, fake_registered):
    from typer.testing import CliRunner

    from qa.cli import app

    questions_file, corpus = bbc_dir
    args = ["eval", str(questions_file), "--corpus", str(corpus), "--embedder", fake_registered.name, "--index", str(tmp_path / "idx"),
            "--extractor", "heuristic", "--report", str(tmp_path / "bbc.json")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "followup" in result.output and "off_topic" in result.output and "unanswerable_refused" in result.output
    assert "{" not in result.output  # the per-kind figures are a table of their own, not a dict in the metric table
    assert (tmp_path / "bbc.png").is_file()
