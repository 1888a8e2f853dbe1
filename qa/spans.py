"""Answer-shaped spans of a sentence, as character offsets into the text they came from.

``typed_spans`` finds the phrases that look like an answer of a known kind: dates, money,
percentages, numbers with their unit, capitalised names, quoted phrases (over the words of
``index.words.tokenize``). Nothing here rewrites the text: every span is ``(start, end)`` and
``text[start:end]`` is what a reader sees.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from index.words import Token, tokenize

__all__ = ["TypedSpan", "idf", "is_credit", "past_dateline", "trim_span", "typed_spans"]


def idf(terms: set[str], held: Sequence[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each of ``terms`` over the candidates whose stems are ``held``: the
    rarer a question word among the candidates, the more holding it tells them apart."""
    n = len(held)
    return {t: math.log(1 + n / (1 + sum(t in h for h in held))) for t in terms}


_AGENCY = r"(?:CNN|AP|Reuters|AFP|UPI)"
_CREDIT = re.compile(rf"(?:^|\W){_AGENCY}(?:\)|\W*$)")  # "CNN", "Hong Kong CNN", "win - CNN" (a title's credit), "CNN) The House"
_DATELINE_AFTER = re.compile(rf"[ \t]*(?:\(?{_AGENCY}\)?[ \t]*)?[—–−]")  # "WASHINGTON –", "SAO PAULO (AP) —"
_DATELINE = re.compile(rf"[A-Z][A-Z.'’-]{{2,}}(?:[ ,]+[A-Z][\w.'’-]*)*{_DATELINE_AFTER.pattern}[ \t]*|[A-Z][A-Z.'’-]{{2,}}(?: [A-Z][A-Z.'’-]+)* - ")


def is_credit(question: str, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a dateline or a news agency's credit ("WASHINGTON –", "New York
    CNN —", "... - CNN", "... | The Week UK" ending a title): where and by whom a story was written, not what it tells, unless the
    question names the agency or asks for one ("Which news agency ...?")."""
    if re.search(rf"\b{_AGENCY}\b|\b(?:agency|agencies|network|outlet|broadcaster|channel|news organi[sz]ation)\b", question):
        return False
    line_start = start == 0 or text[start - 1] == "\n"
    told = _TOLD_BEFORE.search(text, max(0, start - 12), start) and _OUTLET_AFTER.match(text, end) and not _ASKS_WHOM_TOLD.search(question)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    site = text.rfind(" | ", text.rfind("\n", 0, start) + 1, end) >= 0 and " | " not in text[end:line_end]  # ends in "... high | CNN Business"
    return bool(_CREDIT.search(text[start:end]) or (line_start and _DATELINE_AFTER.match(text, end)) or told or site)


def not_the_doer(question: str, text: str, start: int, sentence_start: int) -> bool:
    """Whether the name at ``start`` is not who did what the question asks about: whom someone passed,
    beat, replaced or finished ahead of ("LeBron James passed Kareem Abdul-Jabbar to become ..."), unless the question asks
    for that one ("Whom did he pass?", "Which team lost?"); one whose goal was ruled out when the question
    asks who scored ("Craig Bryson had a goal chopped off"); or a name inside the quote of the speaker a
    "Who said ...?" asks for ("... that Mr. Altman would pursue a voice ...," Johansson said); or one who
    only presented, hosted or backed what the question asks about ("... at the awards, presented by Little
    Britain star Matt Lucas" does not say who won), unless the question asks who did that."""
    before = text[sentence_start:start]
    if (_OVERTAKEN_BEFORE.search(before) or _BEHIND.search(before)) and not _ASKS_THE_OVERTAKEN.search(question):
        return True
    by = _ONLY_BY.search(before)
    if by and not re.search(_PRESENTED if re.match(_PRESENTED, by.group(1), re.I) else rf"\b{by.group(1)[:5]}", question, re.I):
        return True
    if _ASKS_SCORER.search(question) and _RULED_OUT.match(text, start):
        return True
    paragraph = text[text.rfind("\n", 0, start) + 1 : start]  # a quote may open sentences before
    quoted = sum(paragraph.count(q) for q in "“”\"") % 2 == 1  # an opening quote mark not closed yet
    return quoted and _ASKS_SPEAKER.match(question) is not None


def the_other_end(question: str, text: str, start: int, end: int) -> bool:
    """Whether the answer at ``start`` is where something came from when the question asks where it goes
    ("Which channel is Top of the Pops moving to?" over "move from BBC One on Fridays to Sundays on BBC
    Two"), or where it goes when the question asks where it came from ("stolen from" over "shipped to a
    back-up data centre"): a question ending on "to" or "from" asks for that end."""
    asked = _ASKS_END.search(question)
    given = _END_BEFORE.search(text, max(0, start - 12), start) or _END_OPENING.match(text[start:end])  # "shipped to a ..." kept whole
    return asked is not None and given is not None and given.group(1).lower() != asked.group(1).lower()


_ONLY_BY = re.compile(  # "presented by Little Britain star": whoever follows did only that ("introduced by Watt": he invented it)
    r"\b(present|host|sponsor|organi[sz]|announc|report|back|criticis|criticiz|prais|welcom|attend|watch)(?:ed|d)\s+by\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
_PRESENTED = r"\b(?:present|host|introduc|compere|front)"  # one way of saying who presented
_ASKS_END = re.compile(r"\b(to|from)\W*$", re.I)
_END_BEFORE = re.compile(r"\b(to|from)\s+(?:the\s+|an?\s+)?$", re.I)
_END_OPENING = re.compile(r"(?:[a-z]+\s+)?(to|from)\s", re.I)
_OVERTAKEN_BEFORE = re.compile(
    r"\b(?:pass(?:ed|ing)|surpass(?:ed|ing)|overt(?:ook|aking|aken)|broke|breaking|beat|beating|defeat(?:ed|ing)|replac(?:ed|ing)|"
    r"succeed(?:ed|ing)|oust(?:ed|ing)|unseat(?:ed|ing)|dethron(?:ed|ing))\s+(?:the\s+)?$",
    re.I,
)
_BEHIND = re.compile(r"\b(?:ahead|clear) of\s+(?:the\s+)?(?:[A-Za-z-]+\s+){0,2}$")  # "finishing ahead of American golfer Mina Harigae"
_ASKS_THE_OVERTAKEN = re.compile(
    r"(?<!-)\b(?:pass|surpass|overt|broke|break|beat|defeat|replac|succeed|oust|unseat|dethron|los[et]|lost|whose record|runner|previous|former|predecessor|preced|ahead of|behind|before|place of|instead of|"
    r"play|face|against|opponent|versus|vs)", re.I
)  # not "record-breaking"
_ASKS_SCORER = re.compile(r"\bscor(?:e|ed|es|ing)\b", re.I)
_RULED_OUT = re.compile(  # "Craig Bryson had a goal chopped off", "Smith, who had a header ruled out"
    r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*,?(?: who)? (?:had|has|saw) (?:a|an|his|her|their|its|another|one|two) (?:[\w-]+ )?(?:goals?|tr(?:y|ies)|efforts?|strikes?|headers?|shots?)"
    r" (?:chopped off|disallowed|ruled out|struck off|cancell?ed out|wiped out)"
)
_ASKS_SPEAKER = re.compile(r"\W*(?:who|which (?:[\w-]+ ){0,2}?[\w-]+) (?:said|says|has said|told|warned|claimed|argued|stated)\b", re.I)


# the outlet a quote was given to: "Will Davies ... told the BBC News website"
_TOLD_BEFORE = re.compile(r"\b(?:told|telling|tells|speaking to|said to|in an interview with)\s+(?:the\s+)?$", re.I)
_OUTLET_AFTER = re.compile(r"\s+(?i:website|newspaper|paper|programme|program|radio|TV|television|magazine|news agency)\b|['’]s\s+[A-Z]")
_ASKS_WHOM_TOLD = re.compile(r"\b(?:told|tell|interview|speak|spoke|talk)", re.I)


_STRIP_CHARS = " \t\r\n,;:.!?-–—/\\|*•·\"'“”‘’«»()[]{}"
_OPENERS = {"(": ")", "[": "]", "“": "”", "‘": "’", '"': '"', "«": "»"}


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past surrounding blanks and punctuation.

    A quotation mark or bracket is kept only when it is balanced inside the span
    (``“dear friend”`` keeps neither quote, ``the “friendship” pact`` keeps both).
    A trailing "." is kept after an abbreviation-like token ("U.S.", "Jr.").
    """
    while start < end and text[start] in _STRIP_CHARS:
        start += 1
    while end > start and text[end - 1] in _STRIP_CHARS:
        end -= 1
    if start >= end:
        return start, start
    # keep the final dot of an abbreviation such as "U.S." or "Inc."
    if end < len(text) and text[end] == "." and re.search(r"(?:\b[A-Z]\.[A-Z]|\b(?:Jr|Sr|Inc|Ltd|Co|Corp|St|Dr|Mr|Mrs|Ms|Prof))$", text[start:end]):
        end += 1
    return start, end


def past_list_marker(text: str, start: int, end: int) -> int:
    """The start of a span moved past the number or letter of the list item it opens ("1. Covid-19", "A. Eiffel
    Tower" of a quiz's options): only at the start of a line, where a list's items stand."""
    marker = _LIST_MARKER.match(text, start, end)
    at_line_start = not text[text.rfind("\n", 0, start) + 1 : start].strip()
    return marker.end() if marker and at_line_start else start


def past_dateline(text: str, start: int, end: int) -> int:
    """The start of a span moved past the dateline it opens with ("WASHINGTON − California Gov"): where the
    story was written is no part of what it tells. Only at the start of a line, where a dateline stands."""
    dateline = _DATELINE.match(text, start, end)
    at_line_start = not text[text.rfind("\n", 0, start) + 1 : start].strip()
    return dateline.end() if dateline and at_line_start and dateline.end() < end else start


_LIST_MARKER = re.compile(r"(?:\d{1,2}|[A-D])[.)]\s+(?![A-Z]\.\s)(?=\S)")  # not an initial: "A. A. Milne"


# ---------------------------------------------------------------- typed spans

MONTH_NAMES = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"  # a month, whole or cut short
_MONTHS = rf"{MONTH_NAMES}\.?"
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_NUMBER_WORDS = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"dozen|dozens|hundreds|thousands|millions|billions|half|a dozen|a hundred|a thousand|a million|a billion)"
)
_NUMBER = r"(?:\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|" + _NUMBER_WORDS + r"(?:[- ]" + _NUMBER_WORDS + r")*)"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|hundred|mln|bn|m|k)\b)?"
_CURRENCY_WORDS = r"(?:dollars?|euros?|pounds?|yen|yuan|renminbi|rubles?|roubles?|rupees?|pesos?|francs?|marks?|won|cents?|pence|shillings?|bitcoins?|USD|EUR|GBP)"

_DATE_PATTERNS = [
    rf"\b(?:{_WEEKDAYS},?\s+)?{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b",
    rf"\b(?:{_WEEKDAYS},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+{_YEAR})?\b",
    rf"\b(?:(?:early|mid|late)[- ])?{_MONTHS}(?:,?\s+{_YEAR})\b",
    rf"\b(?:(?:early|mid|late)[- ])?{_MONTHS}\b",
    rf"\b(?:(?:the\s+)?(?:early|mid|late)[- ])?{_YEAR}s?\b(?:\s*(?:–|-|to)\s*{_YEAR}s?\b)?",
    r"\b'\d0s\b",
    rf"\b{_WEEKDAYS}\b",
    r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+century\b|\b(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)\s+century\b",
    r"(?i:\b(?:last|next|this|past|previous|coming)\s+(?:week|weekend|month|year|summer|winter|spring|autumn|fall|decade|century|night|morning|evening)\b)",
    r"(?i:\b(?:yesterday|today|tomorrow|tonight)\b)",
    r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm|GMT|UTC|ET|BST)\b|\b\d{1,2}:\d{2}\b",
    r"(?i:\b(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?)" + _YEAR + r"\b",
    r"\b\d{1,4}\s+(?:BC|BCE|AD|CE)\b|\b(?:AD|CE)\s+\d{1,4}\b",
]
_MONEY_PATTERNS = [
    rf"(?:US|A|C|HK|NZ)?[$€£¥₹₽]\s?\d+(?:[.,]\d+)*{_SCALE}",
    rf"\b{_NUMBER}{_SCALE}\s+(?:US\s+)?{_CURRENCY_WORDS}\b",
]
_PERCENT_PATTERNS = [rf"\b{_NUMBER}\s?(?:%|percent\b|per\s+cent\b|percentage points?\b)"]
TIME_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|decades?|centuries|century|nights?|terms?|seasons?)"  # units of a while: "six years", "three seasons"
APPROXIMATE = r"about|around|nearly|almost|over|more than|less than|fewer than|at least|up to|some|roughly|approximately"  # "about 40"
_NUMBER_PATTERN = re.compile(
    rf"(?<![\w.,])(?:(?:{APPROXIMATE})\s+)?"
    rf"{_NUMBER}{_SCALE}(?:\s+(?!(?:and|or|the|of|to|in|on|at|for|by|with|from|as|a|an|is|was|are|were|that|which|who)\b)[a-z][a-z-]+)?",
    re.IGNORECASE,
)
_QUOTE_MIN = 2  # characters: a lone quoted character is punctuation, not a phrase
_QUOTE_MAX = 120  # characters: a quoted title or phrase, not a whole quoted speech
_SINGLE_QUOTE_MAX = 80  # shorter: ‘ and ’ are also apostrophes, so a long match is more likely two of those
_QUOTE_PATTERN = re.compile(
    rf"“([^”]{{{_QUOTE_MIN},{_QUOTE_MAX}}})”|\"([^\"]{{{_QUOTE_MIN},{_QUOTE_MAX}}})\""
    rf"|‘([^’]{{{_QUOTE_MIN},{_SINGLE_QUOTE_MAX}}})’(?!\w)|«([^»]{{{_QUOTE_MIN},{_QUOTE_MAX}}})»"
)
_CONNECTORS = frozenset({"of", "the", "de", "del", "della", "da", "di", "du", "des", "la", "le", "von", "van", "der", "den", "bin", "al", "el", "y", "&", "and", "for", "on", "upon"})
_MAX_CONNECTORS = 2  # lower-case words joining two capitalised ones into one name ("Bank of the West"); more would join two names
_LEADING_FUNCTION = frozenset(
    """the a an in on at of for by from to with and or but as it its this that these those he she they we i his
    her their our my your there here when where while after before since during if although though because
    last next according""".split()
)

_COMPILED_TYPED: list[tuple[str, re.Pattern[str]]] = (
    [("date", re.compile(p)) for p in _DATE_PATTERNS]
    + [("money", re.compile(p, re.IGNORECASE)) for p in _MONEY_PATTERNS]
    + [("percent", re.compile(p, re.IGNORECASE)) for p in _PERCENT_PATTERNS]
)


@dataclass(frozen=True, slots=True)
class TypedSpan:
    """A phrase of a recognised shape: ``shape`` is date, money, percent, number, name or quote."""

    start: int
    end: int
    shape: str


def _name_spans(text: str, offset: int, tokens: list[Token]) -> list[TypedSpan]:
    """Runs of capitalised words, joined across "of", "the", "de", "&" and hyphens when capitals follow."""
    spans: list[TypedSpan] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if not (tok.text[0].isupper()) or (tok.lower in _LEADING_FUNCTION and tok.lower not in {"the"}):
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            # allow connectors between capitalised words ("Bank of England", "Charles de Gaulle")
            while k < n and tokens[k].lower in _CONNECTORS and not tokens[k].text[0].isupper() and k - j <= _MAX_CONNECTORS:
                k += 1
            if k < n and tokens[k].text[0].isupper() and _adjacent(text, offset, tokens[k - 1], tokens[k]) and (k == j + 1 or _adjacent(text, offset, tokens[j], tokens[j + 1])):
                if k > j + 1 and tokens[k - 1].lower in {"and"}:
                    break
                j = k
                continue
            break
        start_i = i
        if tokens[start_i].lower == "the":
            start_i += 1
        if start_i <= j:
            spans.append(TypedSpan(tokens[start_i].start, tokens[j].end, "name"))
        i = j + 1
    return spans


def _adjacent(text: str, offset: int, left: Token, right: Token) -> bool:
    """True when only blanks (no punctuation) separate two tokens."""
    gap = text[left.end - offset : right.start - offset]
    return gap.strip() == "" and "\n" not in gap


def typed_spans(text: str, offset: int = 0, tokens: list[Token] | None = None) -> list[TypedSpan]:
    """The answer-shaped phrases of ``text``, with offsets shifted by ``offset``; overlapping spans of different shapes are all kept."""
    if tokens is None:
        tokens = tokenize(text, offset)
    found: set[TypedSpan] = set()
    for shape, pattern in _COMPILED_TYPED:
        for match in pattern.finditer(text):
            start, end = trim_span(text, match.start(), match.end())
            if end > start:
                found.add(TypedSpan(start + offset, end + offset, shape))
    for match in _NUMBER_PATTERN.finditer(text):
        start, end = trim_span(text, match.start(), match.end())
        if end > start:
            found.add(TypedSpan(start + offset, end + offset, "number"))
            # the bare number too, without the unit word
            bare = re.match(rf"(?:[a-z]+\s+(?:than\s+|least\s+|to\s+)?)?{_NUMBER}{_SCALE}", text[start:end], re.IGNORECASE)
            if bare is not None:
                b_start, b_end = trim_span(text, start, start + bare.end())
                if b_end > b_start:
                    found.add(TypedSpan(b_start + offset, b_end + offset, "number"))
    for match in _QUOTE_PATTERN.finditer(text):
        group = next(g for g in range(1, _QUOTE_PATTERN.groups + 1) if match.group(g) is not None)
        start, end = trim_span(text, match.start(group), match.end(group))
        if end > start:
            found.add(TypedSpan(start + offset, end + offset, "quote"))
    found.update(_name_spans(text, offset, tokens))
    return sorted(found, key=lambda s: (s.start, s.end, s.shape))
