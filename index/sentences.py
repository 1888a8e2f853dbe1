"""Sentence spans of news text, as exact character offsets.

Why a small regex splitter and not pysbd: pysbd with ``char_span=True`` is about a
hundred times slower, minutes where this module takes seconds on a large corpus (docs/log.md).

How it works: every line break ends a sentence (news text puts one paragraph or
heading per line). Inside a line, a run of terminators (``.``, ``!``, ``?``,
``…``; optionally followed by closing quotes or brackets) followed by whitespace
is a *candidate* boundary, and ``_ends_sentence`` decides it with a few rules:

* never before a lowercase word ("e.g. the", "... and then");
* a single ``.`` after a title or Latin abbreviation ("Mr.", "Dr.", "e.g.") never
  ends a sentence; after "No."/"Jan."/"p." it does not when a number follows;
* a number of up to three digits that opens the sentence is a list marker ("2. Paris");
* after initials, dotted acronyms and abbreviations that can also end a sentence
  ("J.", "U.S.", "a.m.", "St.", "Inc.", "etc.") it ends one only when the next
  word is a usual sentence opener ("The", "He", "But", ...).

CJK full stops (``。！？``) end a sentence even without a following space.
Dots inside tokens ("3.5", "U.S.-led", "$40.5") are never candidates.
"""

from __future__ import annotations

import re

# Characters that str.splitlines() treats as line breaks; each one ends a sentence.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

# A line stripped of surrounding whitespace: starts and ends on a non-space character
# (no line-break character is \S, so a match never crosses a line).
_LINE = re.compile(rf"\S(?:[^{LINE_BREAKS}]*\S)?")

_CLOSERS = "\"'”’»)\\]}"
_OPENERS = "\"'“‘«([{¿¡"

# Candidate boundary: terminators plus closing quotes/brackets, then optional whitespace
# (group 1) and the first character of the next word (group 2). One character class up
# front lets the regex engine skip quickly to the next terminator.
_CANDIDATE = re.compile(rf"[.!?…。！？]+[{_CLOSERS}]*(?=(\s+)?(\S))")
_CJK_STOPS = frozenset("。！？")  # end a sentence even with no space after them

# Never end a sentence: titles and Latin abbreviations (lowercase, without the final dot).
_NEVER_FINAL = frozenset(
    """mr mrs ms mx dr prof sen sens rep reps gov govs gen gens atty lt col maj capt cmdr adm sgt cpl pvt
    rev hon pres supt insp det messrs mme mlle mt ft vs v e.g i.e cf viz approx
    esp ca""".split()
)

# Do not end a sentence when a number follows ("No. 1", "Jan. 5", "p. 12", "Vol. 3").
_BEFORE_NUMBER = frozenset(
    """no nos jan feb mar apr jun jul aug sep sept oct nov dec p pp vol art sec
    ch fig para op""".split()
)

# May end a sentence: end one only before a usual sentence opener (see _OPENER_WORD).
_MAYBE_FINAL = frozenset(
    """st ave blvd rd inc corp co ltd llc jr sr bros etc al dept univ assn
    gov't""".split()
)

# Initials ("J", "R") and dotted acronyms ("U.S", "a.m", "Ph.D") before the final dot.
_ACRONYM = re.compile(r"[^\W\d_](?:\.[^\W\d_]+)*")

# Words that usually open a sentence; after "U.S." etc. they signal a new sentence.
_OPENER_WORD = re.compile(
    r"""(?:The|This|That|These|Those|There|Then|It|Its|He|She|They|We|I|You|His|Her|
    Their|Our|My|But|And|Or|So|Yet|However|Meanwhile|Still|Now|In|On|At|As|A|An|After|
    Before|When|While|If|Since|For|Many|Some|Most|Officials|What|Why|How|Who|Where|
    Last|Next|Earlier|Later|According|Both|Each|Such|Although|Though|Despite)\b(?!\.)""",
    re.VERBOSE,
)

_WINDOW = 40  # abbreviations are short: look at most this far back for the previous token


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``, in order.

    Spans never overlap, never include leading/trailing whitespace, are never empty,
    and together cover every non-whitespace character of ``text``.
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        _split_line(text, line.start(), line.end(), spans)
    return spans


def sentences_in(doc_text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (document offsets) of ``doc_text`` that lie in ``[start, end)``.

    The spans are exactly those of ``split_sentences(doc_text)`` that intersect the range,
    clipped to it (and stripped of whitespace). For a passage made by ``index.chunk.chunk`` this
    means its whole sentences, except that a piece of an over-long sentence comes back as one span.
    Only the lines touching the range are split (a line break always ends a
    sentence), so the cost is that of the passage, not of the document.
    """
    if not 0 <= start <= end <= len(doc_text):
        raise ValueError(f"range {start}:{end} is not inside a text of {len(doc_text)} characters")
    line_start = max(doc_text.rfind(c, 0, start) for c in LINE_BREAKS) + 1
    line_end = min((i for i in (doc_text.find(c, end) for c in LINE_BREAKS) if i >= 0), default=len(doc_text))
    spans = []
    for s, e in split_sentences(doc_text[line_start:line_end]):
        s, e = max(s + line_start, start), min(e + line_start, end)
        while s < e and doc_text[s].isspace():  # a range cutting a sentence may start or end in a space
            s += 1
        while s < e and doc_text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def _split_line(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentences of the stripped line ``text[start:end]`` to ``spans``."""
    sentence_start = start
    for cand in _CANDIDATE.finditer(text, start, end):
        if cand.group(1) is None and _CJK_STOPS.isdisjoint(cand.group()):
            continue  # "3.5", "U.S.-led": a dot inside a token
        next_start = cand.start(2)
        if _ends_sentence(text, sentence_start, cand.start(), next_start, end):
            spans.append((sentence_start, cand.end()))
            sentence_start = next_start
    spans.append((sentence_start, end))


def _ends_sentence(text: str, sentence_start: int, term_start: int, next_start: int, line_end: int) -> bool:
    """Decide whether the terminator at ``term_start`` ends the sentence begun at ``sentence_start``."""
    first = text[next_start]
    if first in _OPENERS and next_start + 1 < line_end:
        first = text[next_start + 1]
    if first.islower():
        return False  # "e.g. the", "Mr. and Mrs.", "... and then"
    if text[term_start] != "." or text[term_start + 1 : term_start + 2] == ".":
        return True  # "!", "?", "…", "...": only a lowercase word keeps the sentence going
    token = _previous_token(text, sentence_start, term_start)
    key = token.lower().rsplit("-", 1)[-1]  # "Trinity-St." ends as "St." does
    if key in _NEVER_FINAL:
        return False
    if key in _BEFORE_NUMBER and first.isdigit():
        return False
    if token.isdigit() and len(token) <= 3 and term_start - len(token) == sentence_start:
        return False  # a list number opening a line or sentence: "24. Hyderabad, India"
    if key in _MAYBE_FINAL or _ACRONYM.fullmatch(token):
        return _OPENER_WORD.match(text, next_start, line_end) is not None
    return True


def _previous_token(text: str, sentence_start: int, pos: int) -> str:
    """The whitespace token ending at ``pos`` (within the sentence), without opening quotes.

    Returns "" for a token longer than the look-back window: no abbreviation is that long.
    """
    lo = max(sentence_start, pos - _WINDOW)
    window = text[lo:pos]
    parts = window.rsplit(None, 1)
    if not parts or window[-1:].isspace():
        return ""
    token = parts[-1]
    if len(token) == len(window) and lo > sentence_start:
        return ""  # the token continues before the window: too long to be an abbreviation
    return token.lstrip(_OPENERS)
