"""Answers by the reader: cut the top passages into windows, read the most promising, keep the best spans.

1. Windows (``qa.windows``) are cut from the sentences of the top ``MAX_PASSAGES`` passages.
2. They are ranked cheaply by the IDF-weighted share of the question's content words they hold,
   their passage's retrieval score and, when the question asks for a date or a number, whether
   they hold one; the best ``MAX_WINDOWS`` are read: a window costs about 7.5 ms on one core, so the
   reader re-ranks a short list (bench/reader_windows.py: 4 windows give 93 % of the EM of all).
3. Each read window gives its best span and the evidence that it answers at all; spans are
   ranked by that evidence and the confidence is its calibrated probability. A span that is only
   part of the answer is completed (``qa.phrases.complete_answer``: "It was the first visit" points
   back to what "It" stands for; "which export controls" gets the whole noun phrase). The answer's
   sentence (cited with it) is the sentence around the span; other windows that found the
   same answer are cited as support.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from index.chunk import sentences_in
from index.types import Document
from qa.extract import MAX_SUPPORT, SHAPES, Extraction
from qa.phrases import complete_answer, question_stems
from qa.question_type import AnswerKind, classify_question
from qa.reader import Reader, Reading
from qa.spans import stems, typed_spans
from qa.types import Hit
from qa.windows import sentence_windows

MAX_PASSAGES = 5
MAX_WINDOWS = 4  # windows read per question, two at a time on 2 cores: ~19 ms p50
PASSAGE_WEIGHT = 0.3  # of the passage's retrieval score (relative to the best) in a window's rank
# Evidence units added for the passage's retrieval score relative to the best (read_answers): EM on
# SQuAD v1.1 open +0.5 points, RealTimeQA 100k prefix asked as of the questions' dates 0.364 -> 0.374
# (bench/reader_windows.py --passage-weights; docs/benchmarks.md, "Asking as of a date").
ANSWER_PASSAGE_WEIGHT = 8.0
TYPED_WEIGHT = 0.2  # for holding a date/number/amount when the question asks for one
TYPED_KINDS = frozenset({AnswerKind.DATE, AnswerKind.NUMBER, AnswerKind.AMOUNT})


@dataclass(frozen=True, slots=True)
class _Window:
    doc: Document
    start: int
    end: int
    hit: int  # rank of the hit it was cut from
    sentences: list[tuple[int, int]]


def read_answers(
    question: str, hits: Sequence[Hit], documents: Mapping[str, Document], reader: Reader, top_n: int = 3, passage_weight: float | None = None
) -> list[Extraction]:
    """The ``top_n`` best answers the reader finds in the top hits, best first ([] when there is nothing to read).

    Answers rank by the reader's evidence plus ``passage_weight`` (default ``ANSWER_PASSAGE_WEIGHT``)
    times their passage's retrieval score relative to the best: near-equal readings of two
    articles go to the one retrieval prefers (e.g. the one dated nearer the day asked about).
    """
    weight = ANSWER_PASSAGE_WEIGHT if passage_weight is None else passage_weight
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, got {top_n}")
    windows = candidate_windows(hits, documents)
    if not question.strip() or not windows:
        return []
    chosen = shortlist(question, windows, hits)
    readings = reader.read(question, [w.doc.text[w.start : w.end] for w in chosen])
    q_stems = question_stems(question)
    found: dict[str, tuple[float, _Window, int, int, tuple[int, int]]] = {}  # answer (lower case) -> best evidence, where, sentence
    support: dict[str, list[tuple[str, int, int]]] = {}
    top = max(h.score for h in hits[:MAX_PASSAGES]) or 1.0
    for w, r in sorted(zip(chosen, readings), key=lambda pair: -(pair[1].evidence + weight * hits[pair[0].hit].score / top)):
        if not math.isfinite(r.span):
            continue
        start, end, sentence = _answer(question, q_stems, w, r)
        key = " ".join(w.doc.text[start:end].lower().split())
        if key in found:
            support[key].append((w.doc.id, *sentence))
        else:
            found[key] = (r.evidence, w, start, end, sentence)
            support[key] = []
    out = []
    for key, (evidence, w, start, end, sentence) in list(found.items())[:top_n]:
        out.append(
            Extraction(
                doc_id=w.doc.id, answer_start=start, answer_end=end,
                sentence_start=sentence[0], sentence_end=sentence[1],
                confidence=reader.probability(evidence),
                support=[s for s in support[key] if s != (w.doc.id, *sentence)][:MAX_SUPPORT],
            )
        )
    return out


def candidate_windows(hits: Sequence[Hit], documents: Mapping[str, Document]) -> list[_Window]:
    """The windows of the top ``MAX_PASSAGES`` hits, each once, in hit order."""
    out, seen = [], set()
    for i, hit in enumerate(hits[:MAX_PASSAGES]):
        doc = documents[hit.passage.doc_id]
        sentences = sentences_in(doc.text, hit.passage.start, hit.passage.end)
        for start, end in sentence_windows(sentences):
            if (doc.id, start, end) not in seen:
                seen.add((doc.id, start, end))
                out.append(_Window(doc, start, end, i, [s for s in sentences if start <= s[0] and s[1] <= end]))
    return out


def shortlist(question: str, windows: Sequence[_Window], hits: Sequence[Hit], k: int = MAX_WINDOWS) -> list[_Window]:
    """The ``k`` windows most worth reading: question words they hold (IDF-weighted) and passage score."""
    q_stems = question_stems(question)
    held = [stems(w.doc.text[w.start : w.end]) for w in windows]
    idf = {s: math.log(1 + len(windows) / (1 + sum(s in ws for ws in held))) for s in q_stems}
    total = sum(idf.values()) or 1.0
    top = max(h.score for h in hits[:MAX_PASSAGES]) or 1.0
    kind = classify_question(question).kind
    shapes = set(SHAPES[kind]) if kind in TYPED_KINDS else set()

    def rank(i: int) -> float:
        w = windows[i]
        typed = TYPED_WEIGHT if shapes and any(s.shape in shapes for s in typed_spans(w.doc.text[w.start : w.end])) else 0.0
        return sum(idf[s] for s in held[i] & q_stems) / total + PASSAGE_WEIGHT * hits[w.hit].score / top + typed

    ranked = sorted(range(len(windows)), key=lambda i: -rank(i))
    return [windows[i] for i in ranked[:k]]


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span that starts or ends inside a word to the whole word: the reader's word pieces
    can cut a rare word ("Zelensk|yy"), and an answer quoted from an article must not."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def _answer(question: str, q_stems: set[str], w: _Window, r: Reading) -> tuple[int, int, tuple[int, int]]:
    """A reading as a document span, widened to whole words and completed (``qa.phrases``), and the span to cite around it."""
    start, end = _whole_words(w.doc.text, w.start + r.start, w.start + r.end)
    sentence = _sentence(w, start, end)
    start, end = complete_answer(question, w.doc.text, sentence, start, end, q_stems)
    return start, end, (min(sentence[0], start), max(sentence[1], end))


def _sentence(w: _Window, start: int, end: int) -> tuple[int, int]:
    """The document span of the window's sentences that hold ``[start, end)``."""
    inside = [s for s in w.sentences if s[1] > start and s[0] < end] or [(start, end)]
    return min(inside[0][0], start), max(inside[-1][1], end)
