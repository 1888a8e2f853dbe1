"""Cut a document into sentence-aligned, overlapping passages with exact offsets.

A passage is a run of whole sentences of about ``size`` words (whitespace tokens);
the text between its sentences (spaces, line breaks) is kept verbatim, so
``doc.text[p.start:p.end] == p.text`` always holds. Consecutive passages share
about ``overlap`` words of whole trailing sentences so that an answer spanning a
passage boundary is still found whole in one passage.

Guarantees (tested):

* every passage holds at most ``size`` words: a sentence longer than ``size`` words is
  first cut at word boundaries into pieces of at most ``size`` words;
* every non-whitespace character of the document is in at least one passage;
* passages are ordered by start (and by end), never empty, and each one adds text
  that the previous one did not hold;
* with ``overlap > 0`` a passage of two or more sentences hands at least its last
  sentence on to the next passage, unless that sentence plus the next one would
  exceed ``size`` words; with ``overlap == 0`` passages never share text.

The whole document is split into sentences once and packed greedily, so chunking
is linear in the length of the text and a small part of indexing (docs/log.md).
"""

from __future__ import annotations

import re
from itertools import accumulate

from index.sentences import split_sentences
from index.types import Document, Passage

_WORD = re.compile(r"\S+")

Unit = tuple[int, int, int]  # (start, end, word count) of a sentence or a piece of one


def chunk(doc: Document, size: int = 120, overlap: int = 30) -> list[Passage]:
    """Split ``doc.text`` into passages of at most ``size`` words sharing about ``overlap`` words."""
    return [Passage(doc_id=doc.id, start=start, end=end, text=doc.text[start:end]) for start, end in chunk_spans(doc, size, overlap)]


def chunk_spans(doc: Document, size: int = 120, overlap: int = 30) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``chunk``'s passages, without copying their text (what indexing keeps)."""
    check_chunk_arguments(size, overlap)
    units = _units(doc.text, size)
    return [(units[first][0], units[last][1]) for first, last in _pack([words for _, _, words in units], size, overlap)]


def check_chunk_arguments(size: int, overlap: int) -> None:
    """Raise ``ValueError`` unless ``size >= 1`` and ``0 <= overlap < size``."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"chunk size must be a whole number of words >= 1, got {size!r}")
    if isinstance(overlap, bool) or not isinstance(overlap, int) or not 0 <= overlap < size:
        raise ValueError(f"chunk overlap must be a whole number of words with 0 <= overlap < size ({size}), got {overlap!r}")


def _units(text: str, size: int) -> list[Unit]:
    """Sentences of ``text`` with their word counts; those over ``size`` words cut into pieces."""
    units: list[Unit] = []
    for start, end in split_sentences(text):
        words = len(text[start:end].split())
        if words <= size:
            units.append((start, end, words))
        else:
            units.extend(_pieces(text, start, end, size))
    return units


def _pieces(text: str, start: int, end: int, size: int) -> list[Unit]:
    """Cut the sentence ``text[start:end]`` at word boundaries into pieces of at most ``size`` words."""
    tokens = [m.span() for m in _WORD.finditer(text, start, end)]
    return [
        (tokens[i][0], tokens[min(i + size, len(tokens)) - 1][1], min(size, len(tokens) - i))
        for i in range(0, len(tokens), size)
    ]


def _pack(words: list[int], size: int, overlap: int) -> list[tuple[int, int]]:
    """Group units (given by word counts, each ``<= size``) into ``(first, last)`` index ranges.

    Greedy: a passage takes its overlap units, then at least one new unit, then as
    many more as fit in ``size`` words. Overlap units are dropped from the front when
    they would leave no room for the first new unit.
    """
    prefix = [0, *accumulate(words)]  # prefix[j] - prefix[i] == sum(words[i:j])
    groups: list[tuple[int, int]] = []
    first, new, n = 0, 0, len(words)
    while new < n:
        while prefix[new + 1] - prefix[first] > size:
            first += 1  # never passes `new`: words[new] <= size
        last = new
        while last + 1 < n and prefix[last + 2] - prefix[first] <= size:
            last += 1
        groups.append((first, last))
        new = last + 1
        first = _overlap_start(words, first, last, overlap)
    return groups


def _overlap_start(words: list[int], first: int, last: int, overlap: int) -> int:
    """Index of the first unit of ``first..last`` to repeat in the next passage.

    Whole trailing units of about ``overlap`` words: at least the last unit when the
    passage has several, never the first unit (the next passage must move on).
    """
    if overlap == 0 or last == first:
        return last + 1
    k, shared = last, words[last]
    while k - 1 > first and shared + words[k - 1] <= overlap:
        k -= 1
        shared += words[k]
    return k


def index_text(doc: Document, start: int, end: int) -> str:
    """What gets embedded and BM25-indexed for the passage ``doc.text[start:end]``: its text headed by the document's title.

    A passage lifted from the middle of an article often never names its topic; the
    title does, and retrieval finds the passage more often with it (docs/log.md).
    Citations are unaffected: they point into ``doc.text`` only.
    """
    text = doc.text[start:end]
    if start == 0 and doc.text.startswith(doc.title.rstrip("…")):
        return text
    return f"{doc.title}\n{text}"

