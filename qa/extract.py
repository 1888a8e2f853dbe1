"""Answer extraction: from retrieved passages to the shortest span of an article that answers.

Steps, for one question:

1. the sentences of the top passages are the candidates (document offsets, from
   ``index.sentences.split_sentences`` over the whole document);
2. each sentence is scored on lexical evidence (the question's content words,
   stemmed, weighted by an IDF computed over the candidate sentences themselves),
   semantic evidence (MiniLM cosine question-sentence, one batched call), the
   retrieval rank of its passage and whether it holds a phrase of the kind the
   question asks for (``qa.question_type``);
3. inside the best sentences, answer-shaped spans (``qa.spans``) are scored by
   kind match, distance to the question words found in the sentence and overlap
   with the question; the best span wins, else the whole sentence is the answer;
4. the confidence is a logistic function of the evidence, and ``ANSWER_THRESHOLD``
   separates answers from refusals.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from index.embed import Embedder
from index.sentences import split_sentences
from index.types import Document
from qa.question_type import AnswerKind, QuestionType, classify_question
from qa.spans import Token, TypedSpan, tokenize, trim_span, typed_spans
from qa.types import Hit

__all__ = ["ANSWER_THRESHOLD", "Extraction", "extract_answers"]

# See the module docstring of bench/extract_dev.py for how this was measured.
ANSWER_THRESHOLD: float = 0.5

MAX_PASSAGES = 8  # passages of the hit list whose sentences are candidates
MAX_SENTENCE_CHARS = 600  # longer "sentences" (tables, lists) are cut into windows of this size


class Extraction(BaseModel):
    """One answer candidate: the span a person reads, the sentence holding it, and how sure we are."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    answer_start: int = Field(ge=0)
    answer_end: int = Field(ge=0)
    sentence_start: int = Field(ge=0)
    sentence_end: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0)
    support: list[tuple[str, int, int]] = Field(default_factory=list)


# ------------------------------------------------------------------ sentences


_sentence_cache: OrderedDict[tuple[str, str], list[tuple[int, int]]] = OrderedDict()
_SENTENCE_CACHE_SIZE = 2048


def _document_sentences(document: Document) -> list[tuple[int, int]]:
    """Sentence spans of a whole document, memoised by id and content hash."""
    key = (document.id, document.content_hash)
    spans = _sentence_cache.get(key)
    if spans is None:
        spans = []
        for start, end in split_sentences(document.text):
            while end - start > MAX_SENTENCE_CHARS:  # a run-on "sentence": cut at a blank near the limit
                cut = document.text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
                cut = cut if cut > start else start + MAX_SENTENCE_CHARS
                spans.append((start, cut))
                start = cut + 1
                while start < end and document.text[start].isspace():
                    start += 1
            if end > start:
                spans.append((start, end))
        _sentence_cache[key] = spans
        if len(_sentence_cache) > _SENTENCE_CACHE_SIZE:
            _sentence_cache.popitem(last=False)
    else:
        _sentence_cache.move_to_end(key)
    return spans


@dataclass
class _Sentence:
    doc_id: str
    start: int
    end: int
    text: str
    hit_rank: int
    hit_score: float
    tokens: list[Token]
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


def _candidate_sentences(hits: Sequence[Hit], documents: Mapping[str, Document], max_passages: int) -> list[_Sentence]:
    seen: dict[tuple[str, int, int], _Sentence] = {}
    for rank, hit in enumerate(hits[:max_passages]):
        passage = hit.passage
        document = documents.get(passage.doc_id)
        if document is None:
            continue
        for start, end in _document_sentences(document):
            if end <= passage.start or start >= passage.end:
                continue
            key = (passage.doc_id, start, end)
            if key in seen:
                continue
            text = document.text[start:end]
            tokens = tokenize(text, start)
            if not tokens:
                continue
            seen[key] = _Sentence(passage.doc_id, start, end, text, rank, float(hit.score), tokens)
    return list(seen.values())


# ------------------------------------------------------------------ question


@dataclass
class _Question:
    text: str
    qtype: QuestionType
    tokens: list[Token]
    content_stems: list[str]  # distinct stems of the question's content words, in order
    all_stems: frozenset[str]
    all_lower: frozenset[str]


_QUESTION_NOISE = frozenset({"name", "called", "call", "kind", "type", "many", "much", "long", "year", "did", "does", "do"})


def _parse_question(question: str) -> _Question:
    tokens = tokenize(question)
    content: list[str] = []
    for tok in tokens:
        if tok.is_stop or tok.lower in _QUESTION_NOISE:
            continue
        if tok.stem not in content:
            content.append(tok.stem)
    return _Question(
        text=question,
        qtype=classify_question(question),
        tokens=tokens,
        content_stems=content,
        all_stems=frozenset(t.stem for t in tokens),
        all_lower=frozenset(t.lower for t in tokens),
    )


# ------------------------------------------------------------------ scoring

_KIND_SHAPES: dict[AnswerKind, tuple[str, ...]] = {
    AnswerKind.PERSON: ("name",),
    AnswerKind.ORGANISATION: ("name",),
    AnswerKind.PLACE: ("name",),
    AnswerKind.DATE: ("date",),
    AnswerKind.NUMBER: ("number", "percent", "money"),
    AnswerKind.AMOUNT: ("money", "percent", "number"),
    AnswerKind.OTHER: ("quote",),
}


def _idf(sentences: list[_Sentence], stems: Sequence[str]) -> dict[str, float]:
    """IDF of each question stem over the candidate sentences; a stem found nowhere weighs the most."""
    n = len(sentences)
    df = {s: 0 for s in stems}
    for sentence in sentences:
        present = {t.stem for t in sentence.tokens}
        for s in stems:
            if s in present:
                df[s] += 1
    return {s: math.log((n + 1) / (df[s] + 0.5)) for s in stems}


@dataclass
class _Span:
    start: int
    end: int
    shape: str
    score: float


def _answer_spans(sentence: _Sentence, question: _Question, text: str) -> list[_Span]:
    """Spans of the expected kind in the sentence, best first, scored by closeness to the question words."""
    shapes = _KIND_SHAPES[question.qtype.kind]
    if not shapes:
        return []
    matched = [i for i, t in enumerate(sentence.tokens) if not t.is_stop and t.stem in question.all_stems]
    spans = []
    for span in typed_spans(sentence.text, sentence.start, sentence.tokens):
        if span.shape not in shapes:
            continue
        inside = [i for i, t in enumerate(sentence.tokens) if t.start >= span.start and t.end <= span.end]
        content = [sentence.tokens[i] for i in inside if not sentence.tokens[i].is_stop]
        if content and all(t.stem in question.all_stems for t in content):
            continue  # the question's own words are not its answer
        if inside and matched:
            distance = min(min(abs(i - m) for m in matched) for i in inside)
        else:
            distance = 10
        score = 1.0 - 0.05 * min(distance, 20) - 0.3 * shapes.index(span.shape)
        score -= 0.2 * sum(1 for t in content if t.stem in question.all_stems) / max(len(content), 1)
        spans.append(_Span(span.start, span.end, span.shape, score))
    spans.sort(key=lambda s: -s.score)
    return spans


def extract_answers(
    question: str,
    hits: Sequence[Hit],
    documents: Mapping[str, Document],
    embedder: Embedder,
    top_n: int = 3,
) -> list[Extraction]:
    """The best ``top_n`` answers to ``question`` found in the sentences of ``hits``, best first.

    Each answer's ``document.text[answer_start:answer_end]`` is the span to show; it
    lies inside ``sentence_start:sentence_end``. Returns ``[]`` when the hits hold
    no sentence at all; otherwise callers compare ``confidence`` to ``ANSWER_THRESHOLD``.
    """
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, got {top_n}")
    sentences = _candidate_sentences(hits, documents, MAX_PASSAGES)
    if not sentences or not question.strip():
        return []
    parsed = _parse_question(question)
    vectors = embedder.embed([question] + [s.text for s in sentences])
    cosines = vectors[1:] @ vectors[0]
    idf = _idf(sentences, parsed.content_stems)
    idf_total = sum(idf.values()) or 1.0
    top_score = max(float(h.score) for h in hits[:MAX_PASSAGES]) or 1.0

    for sentence, cosine in zip(sentences, cosines):
        present = {t.stem for t in sentence.tokens}
        lexical = sum(w for s, w in idf.items() if s in present) / idf_total
        sentence.features = {
            "cosine": float(cosine),
            "lexical": lexical,
            "rank": 1.0 / (1.0 + sentence.hit_rank),
            "retrieval": float(sentence.hit_score) / top_score if top_score > 0 else 0.0,
        }
        sentence.score = 1.0 * float(cosine) + 0.8 * lexical + 0.15 * sentence.features["rank"]

    sentences.sort(key=lambda s: -s.score)
    results: list[Extraction] = []
    for sentence in sentences[: max(top_n * 2, 4)]:
        spans = _answer_spans(sentence, parsed, documents[sentence.doc_id].text)
        if spans:
            best = spans[0]
            sentence.score += 0.1
            answer_start, answer_end = best.start, best.end
        else:
            answer_start, answer_end = trim_span(documents[sentence.doc_id].text, sentence.start, sentence.end)
        confidence = 1.0 / (1.0 + math.exp(-8.0 * (sentence.score - 0.75)))
        results.append(
            Extraction(
                doc_id=sentence.doc_id,
                answer_start=answer_start,
                answer_end=answer_end,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                confidence=confidence,
                support=[],
            )
        )
    results.sort(key=lambda e: -e.confidence)
    results = results[:top_n]
    # support: the next best sentences of other places, for the first answer
    if results:
        first = results[0]
        support = [
            (s.doc_id, s.start, s.end)
            for s in sentences[1:4]
            if (s.doc_id, s.start, s.end) != (first.doc_id, first.sentence_start, first.sentence_end)
        ][:2]
        results[0] = first.model_copy(update={"support": support})
    return results
