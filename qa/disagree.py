"""Sources that disagree: well-supported answers from different articles that differ.

News changes: a death toll rises over a week, and two articles give two figures. Rather than
pick one silently, the answer shows the others beside the most probable one, with their sources
and dates, the one nearest the day asked about first (or the latest, when no day is given). The
most probable answer stays first: on RealTimeQA questions whose articles disagree it is right
more often than the one nearest the day (docs/benchmarks.md). Answers from copies of the same
story (``index.copies``) never count as a second source.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, Sequence

from index.words import STOPWORDS
from qa.answer_types import span_types
from qa.phrases import bare_amount
from qa.types import Extraction

__all__ = ["MAX_WORDS", "SUPPORT_RATIO", "differing", "nearest_first"]

SUPPORT_RATIO = 0.5  # another article's answer counts when its confidence is at least this share of the best one's
MAX_WORDS = 6  # only short answers (a figure, a date, a name) are compared: two sentences always differ


def differing(extractions: Sequence[Extraction], story: Callable[[str], str], threshold: float) -> list[Extraction]:
    """The answers after the first that other articles give and that differ from it and from each other.

    An answer counts when it is confident enough to be given on its own (``threshold``), close
    to the best one's confidence, meets every constraint of the question in its sentence
    (``reason`` is None), is not contradicted and is of the same kind (a figure for a figure); its
    article tells another ``story`` (its copies tell the same) than the articles already shown.
    """
    if not extractions:
        return []
    best = extractions[0]
    if _words(best) > MAX_WORDS:
        return []
    shown = [best]
    for e in extractions[1:]:
        if e.contradicted or e.reason is not None or e.confidence < max(threshold, SUPPORT_RATIO * best.confidence):
            continue
        if _words(e) > MAX_WORDS or story(e.span.doc_id) in {story(s.span.doc_id) for s in shown}:
            continue
        if any(_same(_text(e), _text(s)) or not _alike(e, s) for s in shown):
            continue
        shown.append(e)
    return shown[1:]


def nearest_first(extractions: Sequence[Extraction], as_of: date | None) -> list[Extraction]:
    """``extractions`` ordered by their article's date: nearest ``as_of`` first, or the latest first
    when no day is given; undated articles after the dated ones, the order among equals kept."""

    def key(e: Extraction) -> tuple[int, int]:
        day = e.span.date
        if day is None:
            return (1, 0)
        ordinal = date.fromisoformat(day).toordinal()
        return (0, abs(ordinal - as_of.toordinal()) if as_of else -ordinal)

    return sorted(extractions, key=key)


def _text(e: Extraction) -> str:
    return " ".join(e.span.quote.lower().split())


def _words(e: Extraction) -> int:
    return len(_text(e).split())


def _alike(a: Extraction, b: Extraction) -> bool:
    """Whether two answers are of one kind (``qa.answer_types``): "10 minutes" and "16.2 times" answer different questions;
    "at least 40" and "52" the same one."""
    kinds_a, kinds_b = span_types(bare_amount(a.span.quote)), span_types(bare_amount(b.span.quote))
    return bool(kinds_a & kinds_b) or not (kinds_a or kinds_b)


def _same(a: str, b: str) -> bool:
    """Whether two answers say the same: figures when they share a number ("52" and "52 people", not
    "40 people" and "52 people"), names when they share a word or one word begins the other
    ("Dr. Oz" and "Mehmet Oz", "Japan" and "Japanese")."""
    numbers_a, numbers_b = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    if numbers_a and numbers_b:
        return bool(numbers_a & numbers_b)
    words_a, words_b = set(_WORD.findall(a)) - STOPWORDS, set(_WORD.findall(b)) - STOPWORDS
    return bool(words_a & words_b) or any(min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)) for x in words_a for y in words_b)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]{2,}")
