"""The ways an answer is extracted from retrieved passages, behind one interface.

Each extractor checks its settings when made, loads what it needs on first use (``warm_up``)
and answers with one method (``run``): the best answers in the hits (each hit carries its article),
most probably right first, each quoting its span and sentence exactly (``qa.types.Extraction``).
``threshold`` is the confidence below which its best answer is refused.

- ``SpanReader`` ("reader", the default): our extractive reader model reads windows of the top
  passages and its spans are checked against the question (``qa.read``).
- ``SentenceScorer`` ("heuristic"): sentences scored with the embedding model and the question's
  words, narrowed to a phrase where the question allows (``qa.extract``); no reader model. It
  answers why-questions whatever the extractor: it finds the sentence that gives the reason better
  than the reader's spans do. Given a reader, it answers with the clause the reader finds in that
  sentence when a causal word introduces it ("because engineers found cracks"), the sentence cited,
  and the reader's evidence enters its confidence. Questions that ask yes or no, or what someone said
  about something, it answers the same way with the sentence that tells it, whole.
"""

from __future__ import annotations

import math
import re
from typing import Protocol, Sequence, runtime_checkable

from index.embed import Embedder
from index.sentences import sentences_in
from qa import places
from qa.extract import ANSWER_THRESHOLD, NO_REASON, NO_REASON_CONFIDENCE, extract_answers, gives_reason, reason_span
from qa.phrases import question_stems
from qa.read import load_confidence_model, read_answers
from qa.reader import Reader, Reading, load_reader
from qa.types import Extraction, Hit

__all__ = ["EXTRACTORS", "Extractor", "SentenceScorer", "SpanReader", "make_extractor"]

EXTRACTORS = ("reader", "heuristic")
# A why-answer's confidence with a reader: a logistic of the sentence scorer's confidence (as log-odds) and the reader's
# evidence on the answer (span score minus "no answer"), fitted on the why-questions of SQuAD v1.1 dev and SQuAD 2.0
# half A (docs/log.md, 2026-12-06): sentence scoring trusts any sentence with a causal word; the reader tells which give one.
REASON_BIAS, REASON_SENTENCE_WEIGHT, REASON_EVIDENCE_WEIGHT = -1.018, 0.098, 0.183
# spans that read as a reason without a causal word before them: a purpose or a cause ("to encourage investment", "For
# exercise"), and after a comma or "by", what followed from the event or its means ("..., pushing prices down"; not the
# "training camp" of "to have a training camp")
_PURPOSE = re.compile(r"(?i:to\s+[a-z]+|for|because|due to|owing to|thanks to|in order|so as|so that)\b")
_PARTICIPLE = re.compile(r"(?!(?:during|including|according)\b)[a-z]+ing\b")
_BEFORE_PARTICIPLE = re.compile(r"(?:,|\bby|\bwhile|\bthrough)\s*$")
SHORT_RESTATEMENT = 8  # words at most of a sentence that only restates the question, its reason told in the next ("Kishida had to go on this trip.")
REASON_THRESHOLD = 0.1  # below it a why-answer read by the reader is refused: every right why-answer of the BBC dev set and the seeds stays
# below it an answer that is the whole sentence telling it is refused: its confidence is ``reason_confidence``, fitted on
# why-questions, and the worked-on yes-or-no questions' answers below it were wrong (docs/log.md, 2026-12-08)
SENTENCE_THRESHOLD = 0.3


@runtime_checkable
class Extractor(Protocol):
    """What answering needs of an extractor (``SpanReader`` and ``SentenceScorer`` are two)."""

    name: str

    @property
    def threshold(self) -> float: ...

    def warm_up(self) -> None: ...

    def run(self, question: str, hits: Sequence[Hit]) -> list[Extraction]: ...


def _checked(threshold: float | None) -> float | None:
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    return threshold


class SpanReader:
    """The shipped reader model over windows of the top passages; confidence: the probability of being right."""

    name = "reader"

    def __init__(self, threshold: float | None = None) -> None:
        self._threshold = _checked(threshold)
        self.reader: Reader | None = None

    @property
    def threshold(self) -> float:
        return self._threshold if self._threshold is not None else load_confidence_model().threshold

    def warm_up(self) -> None:
        if self.reader is None:
            self.reader = load_reader()
            places.load()

    def run(self, question: str, hits: Sequence[Hit]) -> list[Extraction]:
        self.warm_up()
        return read_answers(question, hits, self.reader)  # type: ignore[arg-type]


class SentenceScorer:
    """Sentence scoring with the embedding model; with ``reader``, a reason narrowed to its clause, or, when it answers
    with whole sentences (``whole``: questions that ask yes or no, or what was said), the sentence read by the reader."""

    name = "heuristic"

    def __init__(self, embedder: Embedder, threshold: float | None = None, reader: Reader | None = None, whole: bool = False) -> None:
        self.embedder = embedder
        self._threshold = _checked(threshold)
        self.reader = reader
        self.whole = whole

    @property
    def threshold(self) -> float:
        if self._threshold is not None:
            return self._threshold
        return ANSWER_THRESHOLD if self.reader is None else SENTENCE_THRESHOLD if self.whole else REASON_THRESHOLD

    def warm_up(self) -> None:
        """Nothing to load: the embedding model is the index's."""

    def run(self, question: str, hits: Sequence[Hit]) -> list[Extraction]:
        found = extract_answers(question, hits, self.embedder)
        if not self.reader or not found:
            return found
        return read_sentences(question, found, self.reader) if self.whole else reason_clauses(question, found, self.reader)


def reason_clauses(question: str, extractions: Sequence[Extraction], reader: Reader) -> list[Extraction]:
    """The reader's reading of each why-answer: its span narrowed to the reason the reader's best span within
    it stands in when a causal word introduces that span (``qa.extract.reason_span``), its sentence
    unchanged (otherwise the reader may cut a reason short: "he was the only G7 leader" of "... yet to
    visit Ukraine"); its confidence ``reason_confidence``. An answer without a causal word, whose span the reader
    does not read as a reason either (``_reads_as_reason``), gives none: its confidence is held below the threshold.
    The order is kept: the reader's evidence tells a doubtful reason, but sentence scoring ranks reasons
    better than it does."""
    out, stems = [], question_stems(question)
    for e, r in zip(extractions, reader.read(question, [e.span.quote for e in extractions])):
        quote = e.span.quote
        reason = reason_span(quote, r.start, r.end) if 0 < r.start < r.end else None
        if e.confidence >= ANSWER_THRESHOLD and not e.contradicted and not reason and not gives_reason(quote, stems) and not _reads_as_reason(quote, r):
            e = e.model_copy(update={"confidence": min(e.confidence, NO_REASON_CONFIDENCE), "reason": NO_REASON})
        if reason:
            span = e.span.model_copy(update={"start": e.span.start + reason[0], "end": e.span.start + reason[1], "quote": quote[reason[0] : reason[1]]})
            e = e.model_copy(update={"span": span})
        out.append(e.model_copy(update={"confidence": reason_confidence(e.confidence, r.evidence)}))
    return out


def read_sentences(question: str, extractions: Sequence[Extraction], reader: Reader) -> list[Extraction]:
    """Each sentence that answers a question whole (asking yes or no, or what was said), with its confidence
    ``reason_confidence`` (no better model is fitted for these questions yet): the reader's evidence on the sentence tells one that bears on the
    question from one that only shares its words. The order is kept: sentence scoring ranks them better than it does."""
    readings = reader.read(question, [e.span.quote for e in extractions])
    return [e.model_copy(update={"confidence": reason_confidence(e.confidence, r.evidence)}) for e, r in zip(extractions, readings)]


def _reads_as_reason(quote: str, reading: Reading) -> bool:
    """Whether the reader's span in a why-answer without a causal word (a sentence that restates the question and
    the one after it, ``qa.extract``) reads as the reason: a purpose or a cause, what followed or the means
    (``_PURPOSE``, ``_PARTICIPLE``), or anything in the sentence after a short restatement. Otherwise the next
    sentence only goes on with the story ("The new Scotland manager has decided to have a training camp ... since
    replacing Berti Vogts. It is the sort of move you would expect from Walter" does not say why Vogts was replaced)."""
    if _PURPOSE.match(quote, reading.start) or _PARTICIPLE.match(quote, reading.start) and _BEFORE_PARTICIPLE.search(quote, 0, reading.start):
        return True
    sentences = sentences_in(quote, 0, len(quote))
    return len(sentences) > 1 and reading.start >= sentences[1][0] and len(quote[sentences[0][0] : sentences[0][1]].split()) <= SHORT_RESTATEMENT


def reason_confidence(sentence_confidence: float, evidence: float) -> float:
    """The probability that a why-answer is right, from the sentence scorer's confidence and the reader's
    ``evidence``. An answer sentence scoring refuses (no reason given, or no sentence close enough) stays
    below ``REASON_THRESHOLD``, in the same order."""
    if sentence_confidence < ANSWER_THRESHOLD:
        return sentence_confidence * REASON_THRESHOLD / ANSWER_THRESHOLD
    sure = min(sentence_confidence, 1.0 - 1e-9)
    odds = math.log(sure / (1.0 - sure))
    return 1.0 / (1.0 + math.exp(-(REASON_BIAS + REASON_SENTENCE_WEIGHT * odds + REASON_EVIDENCE_WEIGHT * evidence)))


def make_extractor(name: str, embedder: Embedder, threshold: float | None = None) -> SpanReader | SentenceScorer:
    """The extractor called ``name`` ("reader" or "heuristic"), warmed up."""
    if name not in EXTRACTORS:
        raise ValueError(f"extractor must be one of {', '.join(EXTRACTORS)}, got {name!r}")
    extractor: SpanReader | SentenceScorer = SpanReader(threshold) if name == "reader" else SentenceScorer(embedder, threshold)
    extractor.warm_up()
    return extractor
