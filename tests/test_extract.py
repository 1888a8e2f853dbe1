"""Answer extraction: question types, answer-shaped spans, exact offsets, refusal."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.types import Document, Passage
from index.words import tokenize

from qa.extract import ANSWER_THRESHOLD, extract_answers, gives_reason
from qa.phrases import question_stems
from qa.question_type import AnswerKind, classify_question
from qa.spans import trim_span, typed_spans
from qa.types import Extraction, Hit

# ------------------------------------------------------------------ question types


@pytest.mark.parametrize(
    ("question", "wh", "kind"),
    [
        ("Who designed the dam?", "who", AnswerKind.PERSON),
        ("Whom did Kishida meet in Tokyo?", "who", AnswerKind.PERSON),
        ("After a long investigation, the committee unveiled details pertaining to who?", "who", AnswerKind.PERSON),
        ("Which golfer won the 2022 US Women's Open?", "what", AnswerKind.PERSON),
        ("When did Russia invade Ukraine?", "when", AnswerKind.DATE),
        ("In what year did the war end?", "what", AnswerKind.DATE),
        ("What day of the week was the vote?", "what", AnswerKind.DATE),
        ("Where did Kishida and Yoon meet?", "where", AnswerKind.PLACE),
        ("What city hosts the G7 summit?", "what", AnswerKind.PLACE),
        ("In which country was the treaty signed?", "what", AnswerKind.PLACE),
        ("How many workers will the project employ?", "how many", AnswerKind.NUMBER),
        ("How long has he been sentenced to?", "how adj", AnswerKind.NUMBER),
        ("How old was the pilot?", "how adj", AnswerKind.NUMBER),
        ("How much will the dam cost?", "how much", AnswerKind.AMOUNT),
        ("What percentage of voters backed the plan?", "what", AnswerKind.AMOUNT),
        ("Which agency distributed the photo of the ceremony?", "what", AnswerKind.ORGANISATION),
        ("What company makes the iPhone?", "what", AnswerKind.ORGANISATION),
        ("Which auction house is selling the tapes?", "what", AnswerKind.ORGANISATION),
        ("Why did Kishida have to go to Ukraine?", "why", AnswerKind.OTHER),
        ("How come the video was pulled?", "why", AnswerKind.OTHER),
        ("How did Xi address Putin when bidding farewell?", "how", AnswerKind.OTHER),
        ("What did North Korea stage last weekend?", "what", AnswerKind.OTHER),
        ("Which export controls did the agreement end?", "which", AnswerKind.OTHER),
        ("Tell me about the summit", "none", AnswerKind.OTHER),
    ],
)
@pytest.mark.unit
def test_question_type(question: str, wh: str, kind: AnswerKind) -> None:
    qtype = classify_question(question)
    assert (qtype.wh, qtype.kind) == (wh, kind)


# ------------------------------------------------------------------ spans without the model


@pytest.mark.parametrize(
    ("sentence", "shape", "expected"),
    [
        ("Work began on March 3, 2021, after a long delay.", "date", "March 3, 2021"),
        ("Shuttle diplomacy was discontinued in 2011.", "date", "2011"),
        ("Last weekend, North Korea staged a drill.", "date", "Last weekend"),
        ("Construction will cost $2.4 billion in all.", "money", "$2.4 billion"),
        ("Support rose to 45 percent in May.", "percent", "45 percent"),
        ("He was sentenced to 15 years in prison.", "number", "15 years"),
        ("The Bank of England raised rates.", "name", "Bank of England"),
        ("Xi bade farewell to his “dear friend.”", "quote", "dear friend"),
    ],
)
@pytest.mark.unit
def test_typed_spans(sentence: str, shape: str, expected: str) -> None:
    found = {(sentence[s.start : s.end], s.shape) for s in typed_spans(sentence)}
    assert (expected, shape) in found


@pytest.mark.unit
def test_trim_span_strips_quotes_and_punctuation_but_keeps_abbreviations() -> None:
    text = "He said “dear friend.” to the U.S. envoy."
    start = text.index("“")
    assert text[slice(*trim_span(text, start, start + len("“dear friend.”")))] == "dear friend"
    us = text.index("U.S")
    assert text[slice(*trim_span(text, us - 1, us + 3))] == "U.S."
    assert trim_span(text, 2, 2) == (2, 2)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200), st.integers(0, 200), st.integers(0, 200))
@pytest.mark.unit
def test_trim_span_stays_inside(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    s, e = trim_span(text, start, end)
    assert start <= s <= e <= max(end, s)
    assert e <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(0, 50))
@pytest.mark.unit
def test_tokens_and_typed_spans_carry_exact_offsets(text: str, offset: int) -> None:
    padded = "x" * offset + text
    for token in tokenize(text, offset):
        assert padded[token.start : token.end] == token.text
    for span in typed_spans(text, offset):
        assert offset <= span.start < span.end <= offset + len(text)


# ------------------------------------------------------------------ a fake embedder for offset properties


class HashEmbedder:
    """Deterministic bag-of-words vectors: enough to drive the extractor without the model."""

    name = "test/hash"
    dim = 64

    def embed(self, texts, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                rows[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
            norm = np.linalg.norm(rows[i])
            rows[i] = rows[i] / norm if norm else rows[i]
            if not norm:
                rows[i, 0] = 1.0
        return rows


def _corpus(texts: dict[str, str]) -> tuple[dict[str, Document], list[Hit]]:
    documents = {
        doc_id: Document(id=doc_id, title=doc_id, source="test", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())
        for doc_id, text in texts.items()
    }
    hits = [
        Hit(passage=Passage(doc_id=doc_id, start=0, end=len(text), text=text), document=documents[doc_id], score=1.0 - 0.1 * rank, dense_rank=rank + 1)
        for rank, (doc_id, text) in enumerate(texts.items())
    ]
    return documents, hits


_words = st.sampled_from(
    "the dam Agency approved on Tuesday March 3, 2021 $2.4 billion 45 percent “quoted words” (in brackets) Clara Hoffmann; - . ? ! \n 3,500 workers U.S. St. George's Hall".split(" ")
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_words, min_size=1, max_size=60), st.sampled_from(["Who approved the dam?", "When did work begin?", "How much did it cost?", "What is it?"]))
@pytest.mark.unit
def test_answers_are_exact_offsets_inside_their_sentence(words: list[str], question: str) -> None:
    text = " ".join(words)
    documents, hits = _corpus({"doc": text})
    for answer in extract_answers(question, hits, HashEmbedder(), top_n=3):
        assert isinstance(answer, Extraction)
        assert 0 <= answer.sentence.start <= answer.span.start < answer.span.end <= answer.sentence.end <= len(text)
        shown = text[answer.span.start : answer.span.end]
        assert shown == shown.strip() and shown
        assert 0.0 <= answer.confidence <= 1.0


@pytest.mark.unit
def test_bad_arguments_and_empty_hits() -> None:
    documents, hits = _corpus({"doc": "A sentence."})
    with pytest.raises(ValueError):
        extract_answers("Who?", hits, HashEmbedder(), top_n=0)
    assert extract_answers("Who?", [], HashEmbedder()) == []
    assert extract_answers("   ", hits, HashEmbedder()) == []


# ------------------------------------------------------------------ with the real model

ARTICLE = (
    "Dam approved after decade of debate\n\n"
    "The Meridian Water Agency approved the new Corvallo dam on Tuesday after a decade of debate. "
    "The dam was designed by the engineer Clara Hoffmann, who also built the Lindqvist bridge. "
    "Construction will cost $2.4 billion and employ 3,500 workers over six years. "
    "The reservoir is located in Valparaíso, close to the Pacific coast. "
    "Officials said the reservoir will hold 45 percent more water than the old one. "
    "Work on the foundations began on March 3, 2021, according to the agency.\n"
)
OTHER = (
    "Orchestra opens its season\n\n"
    "The city orchestra opened its season with a programme of Brahms and Sibelius. "
    "The conductor, Ilse Marten, said ticket sales had doubled since last year.\n"
)


@pytest.fixture(scope="module")
def embedder():
    from index.embed import get_embedder

    return get_embedder()


@pytest.fixture(scope="module")
def tiny_corpus():
    return _corpus({"dam.txt": ARTICLE, "orchestra.txt": OTHER})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who designed the dam?", "Clara Hoffmann"),
        ("When did work on the foundations begin?", "March 3, 2021"),
        ("How many workers will the construction employ?", "3,500"),
        ("How much will the construction of the dam cost?", "$2.4 billion"),
        ("Where is the reservoir located?", "Valparaíso"),
    ],
)
def test_narrows_to_the_answer_span(question: str, expected: str, embedder, tiny_corpus) -> None:
    documents, hits = tiny_corpus
    answers = extract_answers(question, hits, embedder)
    top = answers[0]
    text = documents[top.span.doc_id].text
    shown = text[top.span.start : top.span.end]
    assert expected in shown
    assert len(shown) <= len(expected) + 16, shown  # a span, not the sentence
    assert text[top.sentence.start : top.sentence.end].find(shown) >= 0
    assert top.confidence >= ANSWER_THRESHOLD


@pytest.mark.slow
def test_an_ambiguous_name_gives_the_sentence_not_a_guess(embedder, tiny_corpus) -> None:
    """Two names stand near the question's words ("Meridian Water Agency", "Corvallo"): the sentence is the answer."""
    documents, hits = tiny_corpus
    top = extract_answers("Which agency approved the new dam?", hits, embedder)[0]
    shown = documents[top.span.doc_id].text[top.span.start : top.span.end]
    assert shown.startswith("The Meridian Water Agency approved the new Corvallo dam")
    assert (top.span.start, top.span.end) == (top.sentence.start, top.sentence.end - 1)


@pytest.mark.slow
@pytest.mark.parametrize("question", ["What is the GDP of Russia?", "Who won the 2018 FIFA World Cup?"])
def test_refuses_an_off_corpus_question(question: str, embedder, tiny_corpus) -> None:
    documents, hits = tiny_corpus
    answers = extract_answers(question, hits, embedder)
    assert all(a.confidence < ANSWER_THRESHOLD for a in answers)


@pytest.mark.slow
def test_support_points_at_other_sentences(embedder, tiny_corpus) -> None:
    documents, hits = tiny_corpus
    top = extract_answers("Who designed the dam?", hits, embedder)[0]
    for s in top.support:
        assert (s.doc_id, s.start, s.end) != (top.span.doc_id, top.sentence.start, top.sentence.end)
        assert documents[s.doc_id].text[s.start : s.end].strip()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Why did the agency reject the Corvallo dam?", "the closest passage gives approved, not reject"),
        ("Why did the Lisbon agency approve the dam?", "the closest article does not mention Lisbon"),
    ],
)
def test_a_sentence_that_contradicts_the_question_is_no_answer(question: str, reason: str, embedder, tiny_corpus) -> None:
    """The sentence scorer answers why-questions: the checks of the reader's answers hold for it too."""
    documents, hits = tiny_corpus
    top = extract_answers(question, hits, embedder)[0]
    assert top.contradicted and top.reason == reason
    assert not extract_answers("Why did the agency approve the Corvallo dam?", hits, embedder)[0].contradicted


@pytest.mark.unit
def test_a_reason_keeps_its_article_and_a_name_after_because_its_clause():
    from qa.extract import reason_span

    def reason(text: str, read: str) -> str | None:
        at = text.index(read)
        found = reason_span(text, at, at + len(read))
        return text[found[0] : found[1]] if found else None

    galloway = "Mr Galloway was expelled from the Labour party because of his staunch opposition to the war on Iraq."
    assert reason(galloway, "staunch opposition to the war on Iraq") == "his staunch opposition to the war on Iraq"
    denmark = "The special will be held in Denmark because the Danish Broadcasting Corporation came up with the idea, it said."
    assert reason(denmark, "Danish Broadcasting Corporation") == "the Danish Broadcasting Corporation came up with the idea"
    steel = "Steelmakers enjoy record profits as demand for steel has risen, driven by China."
    assert reason(steel, "demand for steel has risen") == "demand for steel has risen"
    assert reason("The primary factor is the weak dollar, he said.", "weak dollar") is None  # no causal word before it


def test_a_causal_word_gives_a_reason_only_for_something_else_than_the_question_s_event():
    asked = question_stems("Why did Fiat sell half of its finance arm in 2003?")
    assert not gives_reason("The relationship soured further after Fiat sold half its finance arm in 2003.", asked)  # what followed the sale
    assert gives_reason("Fiat sold half its finance arm in 2003 because its debts had grown.", asked)
    fuel = question_stems("Why did Gordon Brown freeze fuel duty this year?")  # a reason that runs on into the premise is one
    assert gives_reason("This year because of the volatility in the oil market I propose a continued freeze in fuel duty.", fuel)
    cuts = question_stems("Why did the company cut jobs?")
    assert gives_reason("The company cut 500 jobs after sales fell sharply.", cuts)
    assert not gives_reason("It declined to act at first, but was asked to do so later.", cuts)  # "do so" is no "therefore"
    vogts = question_stems("Why was Berti Vogts replaced as Scotland manager?")
    assert not gives_reason("The new Scotland manager has a training camp for his first week since replacing Berti Vogts.", vogts)  # "since" of time
    assert not gives_reason("The company has cut 500 jobs since 2003.", cuts)
    assert gives_reason("The company cut jobs since its sales had fallen.", cuts)

