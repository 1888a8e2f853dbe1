"""What kind of answer a question expects: a person, a date, a place, a number, an amount, an organisation.

A question that asks yes or no ("Did the Fed raise rates?", "Is it true that ...?", "Do you know if
...?") is told apart first: its wh-words only open a clause of it ("Did the man who shot ... plead
guilty?"). One that offers alternatives ("Is it high or low?") asks for one of them, not yes or no.
Such a question, and one that asks what someone said about something ("What did Mourinho claim about
the gesture?"), is answered by the whole sentence that tells it (``WHOLE_SENTENCE``).

A handful of ordered patterns over the lower-cased question, first match wins.
The wh-word may stand anywhere ("...pertaining to who?"), so the patterns search the
whole asked clause, and the earliest wh-word decides when several appear. The asked clause is the
question without what news quizzes put before it: a sentence of its own ("Police arrested 31 men
... . Where was the event?") or a "when" that joins two clauses ("... this week when she became
...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from enum import StrEnum

from qa.lead_in import lead_in_length

__all__ = ["ORG_NOUNS", "PERSON_NOUNS", "PLACE_NOUNS", "SAID", "WHOLE_SENTENCE", "YES_NO", "AnswerKind", "QuestionType", "asked_clause", "asks_yes_or_no", "classify_question"]


class AnswerKind(StrEnum):
    PERSON = "person"
    DATE = "date"  # a date, a time, a year, a period ("last weekend", "the 1990s")
    PLACE = "place"
    NUMBER = "number"  # a count or a measure ("three", "15 years", "300 km")
    AMOUNT = "amount"  # money or a percentage
    ORGANISATION = "organisation"
    OTHER = "other"


@dataclass(frozen=True)
class QuestionType:
    """``wh`` is the question word as found ("who", "how many", "what", ...), ``kind`` the answer expected."""

    wh: str
    kind: AnswerKind


YES_NO = "yes/no"  # the ``wh`` of a question that asks yes or no
SAID = "said"  # the ``wh`` of one that asks what someone said, claimed or thought about something
WHOLE_SENTENCE = frozenset({YES_NO, SAID})  # questions answered by the whole sentence that tells it


PLACE_NOUNS = r"(?:city|town|village|country|nation|state|province|region|county|district|place|location|continent|island|river|lake|sea|ocean|mountain|valley|basin|watershed|peninsula|bay|street|neighbou?rhood|capital|port|airport|venue|stadium|area|territory|site|border|coast|borough|suburb|prefecture)"
ORG_NOUNS = r"(?:agency|organi[sz]ation|company|companies|firm|corporation|business|group|team|club|party|university|college|school|newspaper|paper|magazine|network|channel|broadcaster|bank|institution|institute|department|ministry|court|committee|council|union|band|league|body(?! parts?\b)|outlet|airline|brand|chain|restaurant|manufacturer|automaker|carrier|retailer|startup|publisher|studio|charity|government|administration|regulator|army|militia|house|auctioneer|label|operator|insurer|supermarket|watchdog|consortium|think[- ]tank|consultancy|consultancies|federation|coalition)"
PERSON_NOUNS = r"(?:person|people|man|woman|men|women|leader|president|minister|king|queen|emperor|actor|actress|singer|player|author|writer|scientist|ceo|chief|director|official|senator|governor|mayor|judge|justice|coach|founder|chairman|spokes(?:man|woman|person)|politician|candidate|artist|rapper|athlete|golfer|celebrity|doctor|general|pope|prince|princess|lawmaker|representative|journalist|reporter|composer|philosopher|inventor|explorer|architect|member|son|daughter|wife|husband|father|mother|brother|sister|pilot|astronaut|prosecutor|lawyer|attorney|secretary|chancellor|premier|dictator|monarch|character|musician|drummer|guitarist|footballer|striker|midfielder|defender|goalkeeper|winger|presenter|comedian|boss|manager)"
_DATE_NOUNS = r"(?:year|years|date|dates|day|days|month|months|decade|century|time|season|era|period|week|weekday|hour)"

_PLURAL = r"(?:s|es)?\b"
_MODIFIERS = r"(?: (?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|of)\b)[\w-]+){0,2}(?: and \w+)? "  # "which press freedom group", "which trade and industry secretary"
_IRREGULAR = {"cities": "city", "countries": "country", "agencies": "agency", "parties": "party", "universities": "university", "companies": "company", "counties": "county"}

# (pattern, wh label, kind): order matters, the first match wins.
_RULES: list[tuple[str, str, AnswerKind]] = [
    (r"\bhow much\b", "how much", AnswerKind.AMOUNT),
    (r"\bhow many\b", "how many", AnswerKind.NUMBER),
    (r"\bhow (?:long|old|far|big|large|tall|high|fast|deep|wide|heavy|often|frequently|hot|cold|late|early|soon)\b", "how adj", AnswerKind.NUMBER),
    (r"\b(?:what|which) (?:percentage|percent|proportion|share|fraction|rate|amount|sum|price|fee)\b", "what", AnswerKind.AMOUNT),
    (r"\b(?:what|which) (?:number|temperature|distance|speed|size|length|height|weight|age|population|score|total|count)\b", "what", AnswerKind.NUMBER),
    (r"\bwhen\b", "when", AnswerKind.DATE),
    (r"\b(?:what|which)(?: \w+)? " + _DATE_NOUNS + r"\b", "what", AnswerKind.DATE),
    (r"\bwhere\b", "where", AnswerKind.PLACE),
    (r"\b(?:what|which)(?: of)?" + _MODIFIERS + PLACE_NOUNS + _PLURAL, "what", AnswerKind.PLACE),
    (r"\b(?:what|which)(?: of)?" + _MODIFIERS + ORG_NOUNS + _PLURAL + r"(?! " + PERSON_NOUNS + r"\b)", "what", AnswerKind.ORGANISATION),  # not "which committee member"
    (r"\b(?:what|which)(?: of)?" + _MODIFIERS + PERSON_NOUNS + _PLURAL, "what", AnswerKind.PERSON),
    (r"\b(?:who|whom|whose)\b", "who", AnswerKind.PERSON),
    (r"\bwhy\b|\bhow come\b", "why", AnswerKind.OTHER),
    (r"\bwhat (?:is|was|are|were) (?:the )?(?:\w+ )?names? of\b|\bwhat (?:is|was|are|were) (?:\w+ ){1,6}(?:called|named)\b", "name", AnswerKind.OTHER),
    (r"\bwhich\b", "which", AnswerKind.OTHER),
    (r"\bwhat\b", "what", AnswerKind.OTHER),
    (r"\bhow\b", "how", AnswerKind.OTHER),
]
_COMPILED = [(re.compile(pattern), wh, kind) for pattern, wh, kind in _RULES]
_WH = re.compile(r"\b(?:who|whom|whose|when|where|why|which|what|how)\b")
_WH_CASED = re.compile(r"\b(?:who|whom|whose|when|where|why|which|what|how)\b", re.I)
_SENTENCE_START = re.compile(r"(?<=[a-z0-9)”\"'’][.!?])\s+(?=[A-Z“\"])")  # not after "St." or "v." alone: the part after must ask
_JOINING_WHEN = re.compile(  # "... this week when she became ...": "when" joins two clauses, the question asks later
    r"(?<=[a-z,] )when (?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should)\b|\W*$)(?=.*\b(?:who|whom|whose|where|which|what|how)\b)", re.I
)


_AUXILIARY = r"(?:is|are|was|were|am|do|does|did|has|have|had|will|would|can|could|should|shall|may|might|must)(?:n't|n’t)?"
_ASKS_YES_OR_NO = re.compile(
    r"\s*(?:(?:and|but|so|then|also)\s*,?\s+)?"  # a follow-up's "And did he ...?"
    rf"(?:is\s+it\s+(?:true|right|correct|the\s+case)\b|{_AUXILIARY}\s+(?!(?:you|anyone|someone)\s+(?:know|tell|remember)\b|{_AUXILIARY}\b))",  # not "Was was the plan?", a mistyped "What"
    re.IGNORECASE,
)
_IF = re.compile(r"(?:if|whether)\b", re.IGNORECASE)  # after a polite lead-in: "Can you tell me if ...?"
_EMBEDDED_WH = re.compile(r"\b(?:know|tell|say|said|says|remember|explain|reveal|revealed|disclose|disclosed|ask|asked|announce|announced)\s+(?:me\s+|us\s+)?(?:who|whom|whose|when|where|why|which|what|how)\b", re.I)
_ASKS_WHAT_WAS_SAID = re.compile(  # "What did Ian Shepherdson make of the PPI report?", not "What did Tesla claim to perfect?"
    r"\s*what (?:did|does|do|has|have|had|will|would) (?![^?]*\b(?:not|never)\b)[^?]*?\b(?:say|said|think|make|claim|reckon|believe|argue|warn)\s*(?:(?:about|of|on|regarding)\b|\?|$)",
    re.I,  # not "What does TFEU article 288 not say?", which asks what is left unsaid
)
_ALTERNATIVES = re.compile(r"\bor\b(?!\s+not\b)", re.I)  # "high or low?" asks for one; "... or not?" still yes or no


def asks_yes_or_no(question: str) -> bool:
    """Whether the last sentence of ``question`` asks yes or no: it opens with an auxiliary verb, "Is it true
    that" or a polite "Can you tell me if", offers no alternatives ("high or low?") and asks no wh-question of
    its own ("Did he say who won?" asks who)."""
    last = question[([0] + [found.end() for found in _SENTENCE_START.finditer(question)])[-1] :]
    lead = lead_in_length(last)
    asks = _IF.match(last, lead) if lead else _ASKS_YES_OR_NO.match(last)
    return bool(asks) and not _ALTERNATIVES.search(last) and not _EMBEDDED_WH.search(last)


@lru_cache(maxsize=512)  # read several times per question: for its kind, its place, its question word
def asked_clause(question: str) -> str:
    """The part of ``question`` that asks: from its last sentence that holds a question word on, and
    past a "when" that joins two clauses before the question word."""
    starts = [0] + [found.end() for found in _SENTENCE_START.finditer(question)]
    ends = starts[1:] + [len(question)]
    asking = [start for start, end in zip(starts, ends) if _WH_CASED.search(question, start, end)]
    clause = question[asking[-1] :] if asking else question
    joining = _JOINING_WHEN.search(clause)
    while joining is not None and not _WH_CASED.search(clause, 0, joining.start()):
        clause = clause[joining.end() :]
        joining = _JOINING_WHEN.search(clause)
    return clause


@lru_cache(maxsize=512)  # asked again by each check of each candidate answer
def classify_question(question: str) -> QuestionType:
    """The question word and the kind of answer expected; ``OTHER`` when nothing narrower fits.

    Only the clause from the earliest wh-word on is read, so "In what year..." is a
    date question and "Who said what?" a person one. A question that asks yes or no is ``YES_NO``, one that
    asks what someone said about something ``SAID``.
    """
    if asks_yes_or_no(question):
        return QuestionType(YES_NO, AnswerKind.OTHER)
    if _ASKS_WHAT_WAS_SAID.match(asked_clause(question)):
        return QuestionType(SAID, AnswerKind.OTHER)
    text = " ".join(asked_clause(question).lower().replace("’", "'").split())
    for plural, singular in _IRREGULAR.items():
        text = text.replace(plural, singular)
    first = _WH.search(text)
    if first is None:
        return QuestionType("none", AnswerKind.OTHER)
    clause = text[first.start():]
    for pattern, wh, kind in _COMPILED:
        match = pattern.search(clause)
        if match is not None and match.start() == 0:
            return QuestionType(wh, kind)
    # the earliest wh-word did not start a known pattern: take the first rule matching anywhere
    for pattern, wh, kind in _COMPILED:
        if pattern.search(clause):
            return QuestionType(wh, kind)
    return QuestionType("none", AnswerKind.OTHER)
