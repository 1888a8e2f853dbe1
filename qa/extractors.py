"""The ways an answer is extracted from retrieved passages, behind one interface.

Each extractor checks its settings when made, loads what it needs on first use (``warm_up``)
and answers with one method (``run``): the best answers in the hits (each hit carries its article),
most probably right first, each quoting its span and sentence exactly (``qa.types.Extraction``).
``threshold`` is the confidence below which its best answer is refused.

- ``SpanReader`` ("reader", the default): our extractive reader model reads windows of the top
  passages and its spans are checked against the question (``qa.read``).
- ``SentenceScorer`` ("heuristic"): sentences scored with the embedding model and the question's
  words, narrowed to a phrase where the question allows (``qa.extract``); no reader model. It
  answers why-questions whatever the extractor: a reason is a clause, not a short span.
"""

from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

from index.embed import Embedder
from qa.extract import ANSWER_THRESHOLD, extract_answers
from qa.read import load_confidence_model, read_answers
from qa.reader import Reader, load_reader
from qa.types import Extraction, Hit

__all__ = ["EXTRACTORS", "Extractor", "SentenceScorer", "SpanReader", "make_extractor"]

EXTRACTORS = ("reader", "heuristic")


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

    def run(self, question: str, hits: Sequence[Hit]) -> list[Extraction]:
        self.warm_up()
        return read_answers(question, hits, self.reader)  # type: ignore[arg-type]


class SentenceScorer:
    """Sentence scoring with the embedding model, no reader model."""

    name = "heuristic"

    def __init__(self, embedder: Embedder, threshold: float | None = None) -> None:
        self.embedder = embedder
        self._threshold = _checked(threshold)

    @property
    def threshold(self) -> float:
        return self._threshold if self._threshold is not None else ANSWER_THRESHOLD

    def warm_up(self) -> None:
        """Nothing to load: the embedding model is the index's."""

    def run(self, question: str, hits: Sequence[Hit]) -> list[Extraction]:
        return extract_answers(question, hits, self.embedder)


def make_extractor(name: str, embedder: Embedder, threshold: float | None = None) -> SpanReader | SentenceScorer:
    """The extractor called ``name`` ("reader" or "heuristic"), warmed up."""
    if name not in EXTRACTORS:
        raise ValueError(f"extractor must be one of {', '.join(EXTRACTORS)}, got {name!r}")
    extractor: SpanReader | SentenceScorer = SpanReader(threshold) if name == "reader" else SentenceScorer(embedder, threshold)
    extractor.warm_up()
    return extractor
