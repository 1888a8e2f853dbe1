"""The question's constraints, and whether an answer's context meets them.

"What was the fine in Wales?" is not answered by a sentence about Scotland's fine, nor
"Umbro's 2003 profit" by the 2004 figure. The names, years and numbers a question states are
its constraints; an answer's sentence (with the article's title and date) should mention each
of them, in some form ("Korean" for "Korea", "UK" for "Britain"), and its article must. What is
unmet lowers the confidence, and a refusal says which constraint failed and what the text gives
in its place. A figure the sentence gives for another person than the one asked about
(``rival_person``) is someone else's, and so is any answer from a sentence that puts another name
in the asked one's place (``swapped_name``) or gives the opposite end of what is asked
(``opposite_degree``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Sequence

from index.words import STOPWORDS, stem
from qa.answer_types import CHANGE_VERBS, ORG_WORDS, Expected, span_types
from qa.places import names_a_big_place, place_beside, place_kinds, place_of_there, same_place
from qa.question_type import PERSON_NOUNS

__all__ = [
    "Constraint", "a_change", "asks_holder", "contrast", "describes_answer", "first_since", "in_phrases", "forecast", "met", "opposite_degree",
    "other_body", "other_body_owning", "other_number", "other_office", "other_ones", "other_stage", "other_subject_of_change", "other_owner", "other_owner_of_thing", "other_period", "other_place", "other_role", "other_year",
    "qualified_role", "question_constraints", "rival_person", "swapped_name", "the_owner_instead", "unsaid", "DESCRIBED_BY_AGE",
]

_ALIASES = [
    {"uk", "britain", "british", "united kingdom"},
    {"england", "english"},
    {"scotland", "scottish"},
    {"wales", "welsh"},
    {"us", "u.s", "usa", "america", "american", "united states"},
    {"eu", "european union", "europe", "european"},
    {"un", "united nations"},
    {"france", "french"},
    {"spain", "spanish"},
    {"netherlands", "dutch", "holland"},
    {"switzerland", "swiss"},
    {"ireland", "irish"},
    {"wwii", "ww2", "world war ii", "second world war"},
    {"wwi", "ww1", "world war i", "first world war"},
    {"tv", "television"},  # abbreviations news and questions use for a common word
    {"pm", "prime minister"},
    {"mp", "member of parliament", "members of parliament"},
    {"ceo", "chief executive"},
]
_PARTS_OF_UK = {"england", "english", "scotland", "scottish", "wales", "welsh", "northern ireland"}  # each is the UK; the UK is not each
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_NUMBER = re.compile(r"(?<![\w.])(?<!\d{4}[-–/])(?:\d[\d,.]*\d%?|\d%?)")  # not the end of a span of years ("2005-6")
_WORD = re.compile(r"[A-Za-z][\w'’&.]*[\w&]|[A-Za-z]")  # a hyphen parts names: "Japan-South Korea"
_MONTHS = frozenset("january february march april june july august september october november december".split())
_GENERIC = frozenset(
    """i a the mr mrs ms dr sir new north south east west central great first last will what who when where why which how
    did does do was were is are has have had can could would should may in on at of for and or
    monday tuesday wednesday thursday friday saturday sunday""".split()
)  # weekdays too: a sentence seldom repeats the day a question gives ("without power Thursday")


@dataclass(frozen=True, slots=True)
class Constraint:
    """A name, year, number or month the question states: ``text`` as asked, ``kind`` one of name/year/number/month;
    ``head``: the last word of the name it is the first part of ("Panthers" for "Carolina" in "Carolina Panthers"),
    whose mention as a name also counts: a text names "the Panthers" and "Mr White" by that word alone;
    ``initials``: of the whole name, when news may write it so ("B&B" for "Bradford & Bingley", "CPS")."""

    text: str
    kind: str
    head: str | None = None
    initials: str | None = field(default=None, compare=False)

    @property
    def forms(self) -> list[str]:
        """Lower-case forms that count as a mention (aliases included for a few names)."""
        low = _folded(self.text.lower().replace("’", "'").removesuffix("'s"))
        forms = next((group for group in _ALIASES if low in group or low.removesuffix("s") in group), set()) | {low}  # "Americans", "MPs" too
        return sorted(forms | _PARTS_OF_UK if "uk" in forms else forms)


def question_constraints(question: str) -> list[Constraint]:
    """The constraints ``question`` states: capitalised names (not a sentence's first word), years, other numbers, months."""
    return list(_question_constraints(question))


@lru_cache(maxsize=256)
def _question_constraints(question: str) -> tuple[Constraint, ...]:
    """``question_constraints``, kept: every candidate answer's checks ask again for the same question."""
    out: list[Constraint] = []
    years = {m.group() for m in _YEAR.finditer(question)}
    out += [Constraint(y, "year") for y in sorted(years)]
    out += [Constraint(m.group().rstrip("%").rstrip(".,"), "number") for m in _NUMBER.finditer(question) if m.group() not in years]
    words = list(_WORD.finditer(question))
    names: list[tuple[re.Match[str], str]] = []
    for i, match in enumerate(words):
        word = match.group().rstrip(".")
        low = word.lower().replace("’", "'").removesuffix("'s")
        opens = i == 0 or re.search(r"[.?!:]\s+$", question[words[i - 1].end() : match.start()]) is not None  # a sentence's first word ("... this week. Approximately how many")
        if low in _MONTHS:
            out.append(Constraint(word, "month"))
        elif word[0].isupper() and (low not in _GENERIC and low not in STOPWORDS or _named_may(question, match)) and (not opens or word.isupper()) and len(low) > 1:
            names.append((match, word.replace("’", "'").removesuffix("'s")))
    aliased = -1  # the last word of a name taken whole because it has aliases ("United Kingdom" is the UK)
    initials: dict[int, str | None] = {}  # of the whole name each word is part of
    for j, (match, name) in enumerate(names):
        k = j
        while k + 1 < len(names) and question[names[k][0].end() : names[k + 1][0].start()] in (" ", " & ") and not names[k][0].group().endswith(("'s", "’s")):
            k += 1  # the next word of the same name (not past a possessive: "McCartney's Super Bowl" names two things)
        whole = question[match.start() : names[k][0].end()]
        if j <= aliased:
            continue
        if k > j and any(whole.lower() in group for group in _ALIASES):
            out.append(Constraint(whole, "name"))
            aliased = k
            continue
        if k > j and j not in initials:
            initials.update(dict.fromkeys(range(j, k + 1), _initials_of(whole)))
        out.append(Constraint(name, "name", names[k][1] if k > j else None, initials.get(j)))
    seen: set[str] = set()
    return tuple(c for c in out if not (c.text.lower() in seen or seen.add(c.text.lower())))


def _initials_of(name: str) -> str | None:
    """The initials news may write a name of several words as: "B&B", "M&S", "CPS"; not two letters alone ("BA")."""
    letters = "".join("&" if w == "&" else w[0] for w in name.split())
    return letters if "&" in letters or len(letters) > 2 else None


_DATED_BEFORE = re.compile(r"\b(?:in|since|until|by|from|early|late|mid|last|next|this|on|\d{1,2}(?:st|nd|rd|th)?)[\s-]+$", re.I)


def _named_may(question: str, match: re.Match[str]) -> bool:
    """Whether "May" inside the question is a name ("cost May", "May Department Stores"), not the
    month ("in May", "May 2005") nor the verb, which is never capitalised there."""
    return match.group() == "May" and not _DATED_BEFORE.search(question[: match.start()]) and not re.match(r"\s+\d", question[match.end() :])


_KINDS_OF_THING = frozenset({"tv", "pc", "cd", "dvd", "mp3", "sms", "gps"})  # abbreviations of common nouns, no names


def describes_answer(constraint: Constraint, question: str) -> bool:
    """Whether the constraint is a word such as "English" in "which English county" or "TV" in "which TV
    programme": it says what the answer is, which an article need not spell out, not what it is about."""
    noun = re.search(rf"\b(?:which|what)\s+(?:[A-Z][\w-]*\s+)*{re.escape(constraint.text)}\s+([a-z]+)", question)
    describing = _ADJECTIVE_NAME.search(constraint.text) is not None or constraint.text.lower() in _KINDS_OF_THING  # "which TV programme"
    return describing and noun is not None and noun.group(1) not in STOPWORDS  # not "which Republican in ..."


def in_phrases(constraints: Sequence[Constraint], question: str) -> list[str]:
    """The constraints as the question words them, those next to each other joined: "Halo 2", "UK"."""
    spans = []
    for c in constraints:
        found = re.search(rf"(?<!\w){re.escape(c.text)}(?!\w)", question)
        if found:
            spans.append((found.start(), found.end()))
    phrases: list[list[int]] = []
    for start, end in sorted(spans):
        if phrases and question[phrases[-1][1] : start] == " ":
            phrases[-1][1] = end
        else:
            phrases.append([start, end])
    return [question[start:end] for start, end in phrases]


def as_worded(missing: Constraint, unmet: Sequence[Constraint], question: str) -> str:
    """``missing`` as the question words it, with the unmet words beside it: "Mona Lisa" for "Mona"."""
    at = re.compile(rf"(?<!\w){re.escape(missing.text)}(?!\w)")
    return next((phrase for phrase in in_phrases(unmet, question) if at.search(phrase)), missing.text)


def _mentions(constraint: Constraint, low_text: str, text: str) -> bool:
    if constraint.kind in ("year", "number"):
        return re.search(rf"(?<![\d.,]){re.escape(constraint.text)}(?![\d])", low_text) is not None
    for form in constraint.forms:
        # whole words, or a word that begins with the form ("Korean" for "Korea"; "Bekele's")
        pattern = rf"\b{re.escape(form)}\b" if len(form) < 5 else rf"\b{re.escape(form[: max(4, len(form) - 3)])}"
        if re.search(pattern, low_text):
            return True
    if constraint.initials and re.search(rf"(?<![\w&]){re.escape(constraint.initials)}(?![\w&])", text):
        return True  # "B&B" for "Bradford & Bingley"
    acronym = constraint.text.removesuffix("s")  # "MVPs"
    if acronym.isupper() and acronym in _spelled_out(text):
        return True  # spelled out: "Presiding Officer" for "PO", "National Health Service" for "NHS"
    # the head alone, as a name (capitalised): "the Panthers", "Mr White", but not any "day" for "Christmas Day"
    return constraint.head is not None and re.search(rf"\b{re.escape(constraint.head)}\b", text) is not None


@lru_cache(maxsize=64)
def _spelled_out(text: str) -> frozenset[str]:
    """The initials of the names ``text`` gives, and of each run of their words ("SNP" in "Scottish National
    Party Justice Minister Kenny MacAskill"), kept: every answer read from an article asks again."""
    out = set()
    for m in _CAPITALISED_RUN.finditer(text):
        letters = _initials(m.group())
        out |= {letters[i:j] for i in range(len(letters)) for j in range(i + 2, len(letters) + 1)}
    return frozenset(out)


def met(constraints: Sequence[Constraint], context: str) -> list[bool]:
    """For each constraint, whether ``context`` mentions it, accents aside ("Copa America" for "Copa América")."""
    return [_mentions(c, _low(context), context) for c in constraints]


@lru_cache(maxsize=64)
def _low(text: str) -> str:
    """``text`` as constraints are looked for in it, kept: every answer read from an article asks again."""
    return _folded(text.lower().replace("’", "'"))


def _folded(text: str) -> str:
    """``text`` without its accents ("América" is "America")."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def contrast(missing: Constraint, context: str, exclude: Sequence[str] = (), question: str = "") -> str | None:
    """What ``context`` gives in place of the ``missing`` constraint: another year for a year, another
    name of the same kind for a name (not "Vladimir Putin" for "the Mona Lisa", nor "Xi" for "France")."""
    if missing.kind == "year":
        others = [y for y in _YEAR.findall(context) if y != missing.text]
        return others[0] if others else None
    if missing.kind == "name":
        skip = {e.lower() for e in exclude}
        for group in _ALIASES:
            if missing.text.lower() in group:
                for form in sorted(group - {missing.text.lower()}, key=len, reverse=True):
                    found = re.search(rf"\b{re.escape(form)}\b", context, re.I)
                    if found and form not in skip and found.group()[0].isupper():
                        return found.group()
        # a name inside the sentence, not its first word (a capital there says nothing)
        names = [m.group() for m in re.finditer(r"(?<=[a-z,;:]\s)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*", context)]
        names = [n for n in names if n.lower() not in _GENERIC | STOPWORDS | _MONTHS and not any(set(n.lower().split()) <= set(e.split()) for e in skip)]  # not the answer's own words
        asked = as_worded(missing, question_constraints(question), question) if question else missing.text
        kind = _kind_of_name(asked, question)
        names = [n for n in names if _comparable(kind, _kind_of_name(n, context))]
        return names[0] if names else None
    return None


def _kind_of_name(name: str, text: str) -> str:
    """A name's kind as far as words tell it: a place the lists know, a thing ``text`` calls "the ..."
    ("the Mona Lisa", "the World Cup"), a person's full name, or any other name."""
    if place_kinds(name) or name.lower() in _PARTS_OF_UK:
        return "place"
    if re.search(rf"\bthe (?:\d{{4}} )?{re.escape(name)}\b", text, re.I):
        return "thing"
    return "person" if people(name) == [name] else "other"


def _comparable(a: str, b: str) -> bool:
    """Whether a name of kind ``b`` can stand where one of kind ``a`` was asked for: only one of the
    same kind, a surname or another name for a person's full name."""
    return a == b or {a, b} == {"person", "other"}


_NAME_WORD = r"(?:Mc|Mac)?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"  # "McCartney", "O'Brien", "Smith-Jones"
_FULL_NAME = re.compile(rf"\b{_NAME_WORD}(?: {_NAME_WORD})+\b")
_NOT_PEOPLE = frozenset(form for group in _ALIASES for form in group) | _PARTS_OF_UK | _MONTHS
_OPENERS = _GENERIC | STOPWORDS


def people(text: str) -> list[str]:
    """Full names of people in ``text``: runs of two or more capitalised words that name no organisation, country or month."""
    out = []
    for match in _FULL_NAME.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in _OPENERS:
            words.pop(0)  # "The", "In" opening a sentence
        name = " ".join(words)
        if len(words) > 1 and not ORG_WORDS.search(name) and not any(w.lower() in _NOT_PEOPLE for w in words):
            out.append(name)
    return out


DESCRIBED_BY_AGE = re.compile(r"\d{1,3}-year-old\b")
# after another person's name, what makes the figure not theirs: a thing of theirs with a name ("flautist
# James Newton's Choir"), or someone described between them and the figure ("who treated the Dutchman after he ...")
_NOT_THE_FIGURES_OWNER = re.compile(r"^['’]s\s+[A-Z]|\bthe (?:[A-Z][a-z]+(?:man|woman)|\d{1,3}-year-old)\b")


def rival_person(question: str, sentence: str, answer_at: int, article: str = "") -> tuple[str, str] | None:
    """When ``sentence`` names none of the people the question names, but another person before
    the answer (at ``answer_at``), the first person asked about and that other person.

    "How much was Oasis drummer Alan White fined?" is not answered by "Oasis singer Liam
    Gallagher has been fined 50,000 euros": the figure belongs to someone else. A surname alone
    is a person when the ``article`` gives the whole name ("Michels" for "Rinus Michels"). A
    question that names no person is about the first name it gives ("Opera"), and a sentence
    that mentions none of its names but puts another name before the figure ("Firefox wants 10%
    of the market"), or another name with the noun the question gives its name with ("the
    Shadowcrew website" for "the Carderplanet website"), gives that name's figure.
    """
    asked = people(question)
    low_sentence, low_question = sentence.lower(), question.lower()
    before = sentence[:answer_at]
    if DESCRIBED_BY_AGE.match(sentence, answer_at) and re.search(r"(?<![,(]) the $", before):
        return None  # "cannot afford to sack the 43-year-old Liverpool legend": someone described, not the person named before
    if re.match(rf"\W*the {DESCRIBED_BY_AGE.pattern}", before, re.I):
        return None  # "The 62-year-old sang Hey Jude ...": its subject is a person the article named before

    def named(words: set[str]) -> list[str]:
        return [w for w in re.findall(_NAME_WORD, before) if w in words and w.lower() not in low_question and w.lower() not in _OPENERS | _NOT_PEOPLE]

    if asked:
        if any(p.split()[-1].lower() in low_sentence for p in asked):
            return None
        others = [p for p in people(before) if p.split()[-1].lower() not in low_question]
        others = others or named({p.split()[-1] for p in _people_of(article)})  # "Michels" for "Rinus Michels"
        others = [p for p in others if not _NOT_THE_FIGURES_OWNER.search(before.rsplit(p, 1)[1])]
        return (asked[0], others[0]) if others else None
    names = [c for c in question_constraints(question) if c.kind == "name" and c.text.lower() not in _NOT_PEOPLE]
    subject = re.match(rf"\s*(?:(?:The|But|And|Meanwhile|Now),? )?({_NAME_WORD})\b", before)
    if not names or subject is None or any(met(names, sentence)):
        return None
    if _initials(_CAPITALISED_RUN.match(before, subject.start(1)).group()) in {c.text for c in names}:
        return None  # "The Internal Revenue Service" is the IRS
    # the sentence's subject, a name that is no person's (a person may belong to the organisation asked about)
    others = named({subject.group(1)} & (_names_in(article) - {w for p in _people_of(article) for w in p.split()}))
    return (in_phrases(names, question)[0], others[0]) if others else None


@lru_cache(maxsize=64)
def _people_of(article: str) -> tuple[str, ...]:
    """``people`` of a whole article, kept: every answer read from it asks again."""
    return tuple(people(article))


@lru_cache(maxsize=64)
def _names_in(text: str) -> frozenset[str]:
    """Capitalised words that stand inside a sentence somewhere in ``text`` (after a lower-case word): names, not sentence openers."""
    return frozenset(re.findall(rf"(?<=[a-z,] )({_NAME_WORD})\b", text))


_WHOLE_YEAR = re.compile(r"\b(?:(?:whole|full|entire) (?:of )?(?:the )?(?:year|(?:19|20)\d\d)|full-year|all of (?:19|20)\d\d|annual|yearly)\b", re.I)
_PART_OF_YEAR = re.compile(
    r"\b(?:(?:the )?(?:first|second|third|fourth|final|last) (?:quarter|half)|(?:the )?(?:first|last|past|latest) (?:three|six|nine|3|6|9) months|(?:three|six|nine|3|6|9) months (?:to|ending)|quarterly|half-year(?:ly)?)(?: (?:of|to|ending|in) (?:the year|(?:19|20)\d\d|\w+(?: \d{4})?))?",
    re.I,
)


_RELATIVE_PERIOD = re.compile(r"\b(this|last|next)\s+(year|season|week|month)(?:['’]s)?\b", re.I)


def other_period(question: str, sentence: str) -> tuple[str, str] | None:
    """When ``sentence`` gives its figure for another period than the one the question asks about:
    a part of a year for a whole year ("the last three months of 2004" for "the whole of 2004"), the
    year it is compared with for the year asked ("an 82% jump on 2003 figures" for "in 2003"), or
    another week, weekend, round... than the one asked ("at the weekend" for "its opening weekend"),
    last year for this year ("Last year's big winner" for "this year's awards").
    The two periods, as worded; None when the sentence does not say or says the same."""
    whole = _WHOLE_YEAR.search(question)
    part = _PART_OF_YEAR.search(sentence)
    if whole and part:
        return whole.group(), part.group()
    for year in _YEAR.findall(question):
        mentions = list(re.finditer(rf"(?<![\d.,]){year}(?!\d)", sentence))
        if mentions and not _COMPARED_WITH.search(question[: question.index(year)]) and all(_COMPARED_WITH.search(sentence[: m.start()]) for m in mentions):
            return year, f"another year (compared with {year})"
    relative = _RELATIVE_PERIOD.search(question)  # "this year's awards", "last season"
    if relative:
        given = [m for m in _RELATIVE_PERIOD.finditer(sentence) if m.group(2).lower() == relative.group(2).lower() and not _COMPARED_WITH.search(sentence[: m.start()])]
        if given and not any(m.group(1).lower() == relative.group(1).lower() for m in given):
            return relative.group().strip(), given[0].group().strip()  # "Last year's big winner" for "this year's"
    asked = _ORDINAL_PERIOD.search(question)
    if asked is None:
        return None
    ordinal, period = _ordinal(asked.group(1)), asked.group(2).lower()
    given = [m for m in _ANY_PERIOD.finditer(sentence) if m.group(2).lower() == period]
    if not given:  # "on its first day" for "in its first week": the same ordinal, another period
        other = next((m for m in _ANY_PERIOD.finditer(sentence) if m.group(1) and _ordinal(m.group(1)) == ordinal), None)
        return (asked.group(), other.group().strip()) if other else None
    if any(m.group(1) and _ordinal(m.group(1)) == ordinal for m in given) or (ordinal == "first" and _OPENED.search(sentence)):
        return None
    return asked.group(), given[0].group().strip()


def first_since(before: str, span: str) -> bool:
    """Whether the time in ``span`` is what a "first ... since" compares with ("the first visit ... since
    World War II"), not when the thing happened; ``before``: the sentence up to the span."""
    joined = before + span
    since = [m for m in re.finditer(r"\bsince\s", joined, re.I) if m.start() >= len(before) - 6]
    return bool(since) and re.search(r"\b(?:first|only)\b", joined[: since[-1].start()], re.I) is not None


_COMPARING = r"compared (?:with|to)|(?:in )?comparison (?:with|to)|than|against|versus"
# after the answer, what its figure is compared with: "profits of 400m euros, compared with a loss of 984m euros in 2003"
_COMPARISON = re.compile(rf"\b(?:{_COMPARING}|up from|down from|up on|down on)\b", re.I)


def other_year(question: str, sentence: str, answer: tuple[int, int], heading: str = "") -> tuple[str, str] | None:
    """A year the question gives that neither ``sentence`` nor the article's ``heading`` mentions,
    when the sentence gives another outside the answer (``answer``: its span in the sentence): "The
    Lightning won the last two Stanley Cups in 2020 and 2021" does not say who won in 2022. A year after
    the answer that its figure is compared with is not the figure's ("400m euros, compared with a loss
    of 984m euros in 2003")."""
    asked = [y for y in _YEAR.findall(question) if not re.search(rf"(?<![\d.,]){y}(?!\d)", f"{heading} {sentence}")]
    given = [
        m.group() for m in _YEAR.finditer(sentence)
        if not answer[0] <= m.start() < answer[1] and not (m.start() >= answer[1] and _COMPARISON.search(sentence[answer[1] : m.start()]))
    ]
    return (asked[0], given[0]) if asked and given else None


# a year named as what a figure is compared with: "an 82% jump on 2003 figures", "up from 2003", "than in 2003"
_COMPARED_WITH = re.compile(rf"\b(?:on|from|over|since|{_COMPARING})\s+(?:(?:the|its|in|a|year|{'|'.join(_MONTHS)}|may)\s+)*$", re.I)  # "in comparison with January 2004"
_ORDINALS = r"opening|first|debut|second|third|fourth|fifth|final"
_PERIODS = r"weekend|week|day|month|quarter|half|round|season|term|leg|stage"
_ORDINAL_PERIOD = re.compile(rf"\b({_ORDINALS}) ({_PERIODS})s?\b", re.I)
_ANY_PERIOD = re.compile(rf"\b(?:(?:the|its|a|this|that|last|next) )?(?:({_ORDINALS}|\w+) )?({_PERIODS})s?\b", re.I)
_OPENED = re.compile(r"\b(?:opened|opening|debuted|debut|launched|premiered|released)\b", re.I)


def _ordinal(word: str) -> str:
    """One name for the ordinals that mean the same: "opening" and "debut" are the first."""
    low = word.lower()
    return "first" if low in ("opening", "debut") else low


_ASKS_WHAT_HAPPENED = re.compile(  # "How many copies did it sell?", "How many people attended?"
    r"^\W*(?:(?:\w+\W+){0,10}?(?:did|was|were|had)|how (?:many|much)\W+(?:\w+\W+){0,3}?(?!expected\b)[a-z]+ed)\b", re.I
)
_FORECAST_AFTER = re.compile(r"^\W*(?:[\w'’-]+\s+){0,2}?(?:is|are) (?:expected|predicted|forecast|set|likely|due) to\b", re.I)  # "120,000 people are expected to"
_FORECAST = re.compile(
    r"\b(?:will|(?:is|are|was|were) (?:expected|predicted|forecast|set|likely|due) to|expected to|predict(?:s|ed)?|forecasts?|projecting|projected|plans? to|aims? to|hopes? to)\b",
    re.I,
)

_CLAUSE_OPENER = re.compile(r",\s+(?:which|who|whom|where|when|after|since|having)\b", re.I)
_ASKS_SALE = re.compile(r"\b(?:sell|sold|fetch(?:ed)?|went for|bought|paid)\b", re.I)  # "How much did the tapes sell for?"
_ESTIMATE = re.compile(r"\b(?:valued at|estimated at|(?:is|are|was|were) estimated|could fetch|might fetch)\b", re.I)  # a price before the sale


def forecast(question: str, sentence: str, answer_at: int, answer_end: int | None = None) -> str | None:
    """When the question asks what happened ("How many copies did it sell?") and ``sentence`` gives
    its figure as a forecast or a plan ("will sell 300,000 copies", "is expected to be complete in a
    deal worth £17m", "About 120,000 people are expected to attend"), or a sale's price as estimated
    before it ("valued at up to $50,000" for what the tapes sold for): the words that say so (before
    the answer, at ``answer_at``, or just after it, from ``answer_end``)."""
    if not _ASKS_WHAT_HAPPENED.search(question) or _FORECAST.search(question) or re.search(r"\bexpected\b", question, re.I):
        return None  # "How many meets were expected?" asks for the forecast
    clauses = _CLAUSE_OPENER.split(sentence[:answer_at])
    before = clauses[-1]  # the answer's own clause: "Jay-Z will continue to run Roc-A-Fella, which he founded in 1995"
    said = _FORECAST.findall(before) or (_ESTIMATE.findall(before) if _ASKS_SALE.search(question) else [])
    after = _FORECAST_AFTER.match(sentence[answer_end:]) if answer_end is not None else None
    return said[-1] if said else after.group().strip() if after else None


_QUESTION_NEGATION = re.compile(r"\b(?:not|never|no longer|neither|nor)\b|n['’]t\b", re.I)
_SENTENCE_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|fail(?:s|ed|ing|ure)?|refus\w*|declin\w*|lack\w*|den(?:y|ied|ies|ial)|reject\w*|"
    r"against|instead|rather than|except(?:ions?)?|unlike|absen\w*|unable|ban(?:s|ned)?|avoid\w*|miss(?:ed|ing)?|lost|los(?:e|es|ing)|excluded?|prevent\w*|stop(?:s|ped)?)\b|n['’]t\b",
    re.I,
)


def _said_plainly(negated: str, sentence: str) -> bool:
    """Whether ``sentence`` says the first word the question negates (``negated``: the question after its
    "not"), each time without a negation in the few words before it: "could recover the money" for
    "Who could not recover the money?", but not "refused to sign" for "Who did not sign?"."""
    word = next((w for w in _CONTEXT_WORD.findall(negated.lower()) if len(w) > 2 and w not in STOPWORDS), None)
    words = _CONTEXT_WORD.findall(sentence)
    found = [i for i, w in enumerate(words) if word and stem(w.lower()) == stem(word)]
    return bool(found) and not any(_SENTENCE_NEGATION.search(" ".join(words[max(0, i - 4) : i])) for i in found)


_LIFE_EVENTS = (  # an event of a life a question asks about, and the words a sentence tells it with
    ("a birth", re.compile(r"\b(?:was|were|is|are)\b.*\bborn\b"), re.compile(r"\b(?:born|births?|native)\b")),
    ("a death", re.compile(r"\b(?:die|died)\b"), re.compile(r"\b(?:die[ds]?|dying|death|dead|kill(?:s|ed|ing)|slain|murder(?:s|ed)?|assassinat\w*|passed away|buried|funeral)\b")),
    ("a marriage", re.compile(r"\b(?:marry|married|wed)\b"), re.compile(r"\b(?:marr(?:y|ied|ies|iage)|wed(?:s|ded|ding)?|wife|husband|spouse)\b")),
)


def unsaid(question: str, sentence: str) -> str | None:
    """What the question asks about that ``sentence`` does not say, in words: "a death" for "Where did
    Lord Scarman die?" over a sentence on riots in Brixton, "a birth" for "After Braddock was born, ..."
    over his death; "what did not happen" when the question asks what did not ("What didn't
    Washington do?") and the sentence negates nothing, or says plainly what the question negates
    ("could recover the money" for "Who could not recover the money?"). None when the sentence says it."""
    proper = re.split(r"(?<=[.!?])\s+", question.strip())[-1]  # not a preamble: "Dick Cheney died this week. Under which president did he serve?"
    negation = _QUESTION_NEGATION.search(proper.replace("’", "'"))
    if negation and (not _SENTENCE_NEGATION.search(sentence) or _said_plainly(proper[negation.end() :], sentence)):
        return "what did not happen"
    low_question, low_sentence = proper.lower(), sentence.lower()
    return next((event for event, asked, told in _LIFE_EVENTS if asked.search(low_question) and not told.search(low_sentence)), None)


# superlatives and comparatives and their opposites; "at least" is no superlative; not "more" and "less", nor "earlier" and "later" (news uses them for anything)
_DEGREES = {
    "largest": "smallest", "biggest": "smallest", "smallest": "largest|biggest", "highest": "lowest", "lowest": "highest",
    "oldest": "youngest|newest", "youngest": "oldest", "newest": "oldest", "earliest": "latest", "longest": "shortest",
    "shortest": "longest", "best": "worst", "worst": "best", "most": "(?<!at )least|fewest", "least": "most", "fewest": "most",
    "richest": "poorest", "poorest": "richest", "strongest": "weakest", "weakest": "strongest",
    "larger": "smaller|lesser", "bigger": "smaller", "smaller": "larger|bigger", "lesser": "larger|greater", "greater": "lesser",
    "higher": "lower", "lower": "higher", "older": "younger", "younger": "older", "stronger": "weaker", "weaker": "stronger",
    "better": "worse", "worse": "better", "richer": "poorer", "poorer": "richer", "longer": "shorter", "shorter": "longer",
}


_APPROVE, _REJECT = r"approv(?:e|ed|es|ing|al)", r"reject(?:s|ed|ing|ion)?|vot(?:ed|es|ing) down"
_RISE, _FALL = r"r(?:ise|ose|isen|ises|ising)", r"fell|fallen|falling|declin(?:e|ed|es|ing)"  # not "fall": "this fall" is a season
_ALLOW, _FORBID = r"allow(?:s|ed|ing)?|permit(?:s|ted)?", r"prohibit(?:s|ed|ing)?|forb(?:id|ids|ade|idden)|ban(?:s|ned)?"
_SUCCEED, _FAIL = r"succe(?:ed|eds|eded|ss|ssful)", r"fail(?:s|ed|ure)?"
_SLOW, _RAPID = r"slow(?:ly|er)?", r"rapid(?:ly)?|quick(?:ly)?"
_AGREE, _REFUSE = r"agree(?:s|d|ing)?", r"refus(?:e|es|ed|ing|al)"
_ACTIONS = (  # what happened, as asked and its opposite as told
    (_APPROVE, _REJECT), (_REJECT, _APPROVE), (_RISE, _FALL), (rf"{_FALL}|(?<!this )(?<!last )(?<!next )(?<!the )falls?", _RISE),  # "did profits fall?", not "this fall"
    (r"increas(?:e|ed|es|ing)", r"decreas(?:e|ed|es|ing)"), (r"decreas(?:e|ed|es|ing)", r"increas(?:e|ed|es|ing)"),
    (r"acquit(?:s|ted|tal)?", r"convict(?:s|ed|ion)?"), (r"convict(?:s|ed|ion)?", r"acquit(?:s|ted|tal)?"),
    (_ALLOW, _FORBID), (_FORBID, _ALLOW), (_SUCCEED, _FAIL), (_FAIL, _SUCCEED),
    ("majority", "minority"), ("minority", "majority"), ("inside", "outside"), ("outside", "inside"),
    (_SLOW, _RAPID), (_RAPID, _SLOW), ("closed to", "open to"), ("open to", "closed to"), (_AGREE, _REFUSE), (_REFUSE, _AGREE),
    ("primary", "secondary"), ("secondary", "primary"), ("inpatients?", "outpatients?"), ("outpatients?", "inpatients?"),
    ("imports?|imported", "exports?|exported"), ("exports?|exported", "imports?|imported"), ("maximum", "minimum"), ("minimum", "maximum"),
    ("male", "female"), ("female", "male"), ("men", "women"), ("women", "men"),
    ("gold", "silver|bronze"), ("silver", "gold|bronze"), ("bronze", "gold|silver"),
)  # not public and private, foreign and domestic: "Which public figure ...?", "the International Monetary Fund"  # not opened and closed: "closed after 34 years" is told by "opened 34 years ago"


def opposite_degree(question: str, sentence: str) -> tuple[str, str] | None:
    """When the question asks for the highest, the largest... and ``sentence`` gives only the
    opposite ("What is the lowest court?" over "the highest court"), or asks what was approved,
    rose or was acquitted and the sentence tells only a rejection, a fall, a conviction, or asks
    what is "unimportant" and the sentence says only "important": the answer is the other end. The
    two words, as asked and as given; None when the sentence says the same or neither."""
    low_question, low_sentence = question.lower(), sentence.lower()
    for word, opposite in _DEGREES.items():
        if re.search(rf"(?<!at )\b{word}\b", low_question) and not re.search(rf"\b{word}\b", low_sentence):
            found = re.search(rf"\b(?:{opposite})\b", low_sentence)
            if found:
                return f"the {word}", f"the {found.group()}"
    for asked, opposite in _ACTIONS:
        wanted = re.search(rf"\b(?:{asked})\b", low_question)
        if wanted and not re.search(rf"\b(?:{asked})\b", low_sentence):
            found = re.search(rf"\b(?:{opposite})\b", low_sentence)
            if found:
                return wanted.group(), found.group()
    return _unprefixed(low_question, low_sentence)


_ASKS_CHANGE = re.compile(r"\b(?:growth|change[sd]?|by how much|how much (?:more|less))\b|(?:er|more|less) than\b", re.I)
_CHANGED_BY = re.compile(
    r"\b(?:rose|risen|rising|rises|fell|fallen|falling|falls|soared|soaring|jumped|climbed|dropped|slumped|plunged|surged|grew|grown|"
    r"increased|decreased|declined|gained|slipped|dipped|eased)\s+(?:by\s+)?(?:about |around |almost |nearly |more than |some |just |over |under )?$"
    r"|\b(?:up|down)\s+by\s+(?:about |around |almost |nearly |more than |some |just |over |under )?$",  # "up by 2,400", not "set up four countries"
    re.I,
)
_BY = re.compile(r"\bby\s+(?:about |around |almost |nearly |more than |some |just |over |under )?$", re.I)
_A_CHANGE_AFTER = re.compile(r"^(?:\s+(?:a|per ?cent|percent|points?|percentage points?))?\s+(?:rise|fall|increase|decrease|drop|jump|gain|decline|surge|slump|growth)\b", re.I)


def a_change(question: str, sentence: str, answer: tuple[int, int]) -> str | None:
    """When the question asks for a level ("What was ITV1's audience share?") and ``sentence`` gives
    the figure at ``answer`` as a change ("Its share of the audience soared by 20%", "a 6% rise in
    profits"): the words that make it one."""
    if CHANGE_VERBS.search(question) or _ASKS_CHANGE.search(question):
        return None
    if re.match(r"\s+of\b", sentence[answer[1] :]):
        return None  # a share of something: "gained just 5% of the public vote"
    before = _CHANGED_BY.search(sentence[: answer[0]])
    if before is None and re.search(r"[%£$€]|points?$", sentence[answer[0] : answer[1]]):
        before = _BY.search(sentence[: answer[0]])  # "helped lift Channel 4's January audience share by 12%"
    after = _A_CHANGE_AFTER.match(sentence[answer[1] :])
    return before.group().strip() if before else after.group().strip() if after else None


_OTHER_ONES = re.compile(  # "three other Birmingham councillors"; not "X and two other councillors", which holds X
    r"(?<!\band )(?<!\bor )\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+) other ((?:[A-Za-z-]+ ){0,2}?)([a-z]+s)\b"
)
OTHERS_REACH = 60  # characters between such a phrase and the answer it speaks of


def other_ones(question: str, sentence: str, answer: tuple[int, int]) -> tuple[str, str] | None:
    """When the question asks about some people or things ("the three Birmingham Labour councillors")
    and ``sentence`` gives the answer beside "other" ones of the kind ("three other Birmingham councillors
    in the Bordesley Green ward"): the kind as asked and the phrase given."""
    if re.search(r"\b(?:other|others|another)\b", question, re.I):
        return None
    asked = {stem(w) for w in re.findall(r"[a-z]+s\b", question.lower())}
    for m in _OTHER_ONES.finditer(sentence):
        near = answer[0] - OTHERS_REACH <= m.end() <= answer[0] or answer[1] <= m.start() <= answer[1] + OTHERS_REACH // 2
        if near and stem(m.group(2)) in asked:
            return m.group(2), m.group().strip()
    return None


_A_CHANGE_OF = re.compile(r"^(?:\s+[\w-]+)?\s+(?:rise|fall|increase|decrease|drop|jump|gain|decline|growth|surge|slump|rebound|cut)\s+(?:in|of)\b", re.I)
_CHANGE_OF = re.compile(  # "By how much did business investment in France rise ...?": what changed
    r"\bdid (?:the )?((?:[a-z][\w-]* ){0,3}?[a-z][\w-]*)(?: (?:in|of|at|for|on) [\w'’ -]+?)? "
    r"(?:rise|fall|grow|increase|decrease|drop|climb|jump|decline|shrink|expand|gain|go up|go down)\b",
    re.I,
)


def other_subject_of_change(question: str, sentence: str, answer: tuple[int, int]) -> tuple[str, str] | None:
    """When the question asks how much something rose or fell and ``sentence`` names it only after the
    figure, whose subject is something else ("Consumer spending was up by 1.2% ..., and there also
    was a rebound in business investment"): what was asked about and the sentence's subject."""
    asked = _CHANGE_OF.search(question)
    if asked is None:
        return None
    head = stem(asked.group(1).split()[-1])
    before, after = sentence[: answer[0]], sentence[answer[1] :]
    if head in {stem(w) for w in re.findall(r"[A-Za-z]+", before)} or head not in {stem(w) for w in re.findall(r"[A-Za-z]+", after)}:
        return None
    if _A_CHANGE_OF.match(after):
        return None  # "a 6% rise in profits": what changed follows the figure
    clause = re.split(r"[,;:]\s+", before)[-1]
    verb = re.search(rf"\s+(?:(?:was|were|is|are|has|have|had)\b|{CHANGE_VERBS.pattern[2:]})", clause, re.I)
    subject = " ".join(w for w in clause[: verb.start() if verb else len(clause)].split()[:3] if w.lower() not in STOPWORDS)
    return (asked.group(1), subject) if subject else None


_NOW, _BEFORE = r"current|existing|present", r"old|previous|former"
_STAGES = (  # a stage asked for, and the stages a figure qualified otherwise belongs to
    (r"new(?! (?:york|zealand|jersey|delhi|orleans|mexico|hampshire|england|south wales)\b)", rf"{_NOW}|{_BEFORE}"),
    (_NOW, rf"new|proposed|planned|future|{_BEFORE}"),
    (_BEFORE, rf"{_NOW}|new|proposed|planned"),
)
_STAGE_BEFORE = r"\s+((?:[a-z-]+\s+){0,2}?)(?:of\s+|was\s+|is\s+)?(?:about\s+|around\s+|some\s+)?$"  # "a current target of 18 months"


def other_stage(question: str, sentence: str, answer_at: int) -> tuple[str, str] | None:
    """When the question asks for the new, the current or the previous one and ``sentence`` gives the
    answer (at ``answer_at``) as another ("no patient would wait more than 12 months ..., against a
    current target of 18 months" for the new target): the two words, as asked and as given."""
    low_question, before = question.lower(), sentence[:answer_at].lower()
    for asked, others in _STAGES:
        wanted = re.search(rf"\b(?:{asked})\b", low_question)
        given = re.search(rf"\b({others})\b{_STAGE_BEFORE}", before) if wanted else None
        if given is None or re.search(rf"\b(?:{asked})\b", given.group()):
            continue
        nouns = {stem(w) for w in given.group(2).split()}
        if not nouns or nouns & {stem(w) for w in re.findall(r"[a-z]+", low_question)}:  # of the asked thing: not "Former assistant Antonio Lopez" for the new coach
            return f"the {wanted.group()}", f"the {given.group(1)}"
    return None


_NEGATING_PREFIX = re.compile(r"\b(?:un|non-?|il|ir)([a-z]{4,})\b")  # not "dis": "discover" is no negation of "cover"


def _unprefixed(low_question: str, low_sentence: str) -> tuple[str, str] | None:
    """A word the question negates with a prefix that the sentence gives only without it, and not
    negated either: "important" for "unimportant", "legal" for "illegal", but not "not known"
    for "unknown"."""
    negated = list(_NEGATING_PREFIX.finditer(low_question))
    words = _CONTEXT_WORD.findall(low_sentence) if negated else []
    stemmed = [stem(w) for w in words]
    for m in negated:
        if m.group() in STOPWORDS or stem(m.group()) in stemmed or stem(m.group(1)) not in stemmed:
            continue
        at = stemmed.index(stem(m.group(1)))
        if not any(w in {"not", "no", "never"} or w.endswith("n't") for w in words[max(0, at - 2) : at]):
            return m.group(), words[at]
    return None


_RANKS = r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|(?:[2-9]|1\d)(?:nd|rd|th)"
_RANK = re.compile(rf"\b(?:{_RANKS})\b")  # a place in an order; not "first", which news uses for anything new
_ORDER = re.compile(rf"\b(?:first|last|lastly|finally|{_RANKS})\b")  # the words of an order listed


_NUMERAL = re.compile(r"\b([A-Z][a-z]+) (X{0,3}(?:IX|IV|VI{0,3}|I{1,3}))\b")  # a name and its Roman numeral: "Elizabeth II", "World War I"


def other_number(question: str, sentence: str) -> tuple[str, str] | None:
    """A number the question gives with its noun ("73 home runs") that ``sentence`` does not
    mention, when the sentence gives another number with the same noun ("61 home runs"), or a
    place in an order it does not give when the sentence gives another ("the fourth country" for
    "the second nation", "the first state" for "the second state"), or another Roman numeral after the
    asked name ("Elizabeth II" for "Elizabeth I"): the answer is someone else's. The two, as worded; None otherwise."""
    low_sentence = sentence.lower()
    asked = _RANK.search(question.lower())  # "the second nation", not "fourth country"
    if asked and not re.search(rf"\b{asked.group()}\b", low_sentence) and len(set(_ORDER.findall(low_sentence))) < 2:  # not a list "first ..., second ..., lastly ..."
        noun = re.match(r"\s+([a-z]{3,})", question.lower()[asked.end() :])  # "the first state" for "the second state"
        given = _RANK.search(low_sentence) or noun and re.search(rf"\bfirst {noun.group(1)}\b", low_sentence)
        if given:
            return asked.group(), given.group()
    for name, asked_numeral in _NUMERAL.findall(question):  # "George IV Bridge" for "George V Bridge"
        given = [numeral for other, numeral in _NUMERAL.findall(sentence) if other == name]
        if given and not re.search(rf"\b{asked_numeral}\b", sentence):  # "Super Bowl I and II" gives II
            return f"{name} {asked_numeral}", f"{name} {given[0]}"
    for c in question_constraints(question):
        if c.kind != "number" or met([c], sentence)[0]:
            continue
        noun = re.match(r"\s+([a-z]{3,})((?: [a-z]{3,})?)", question[question.find(c.text) + len(c.text) :])
        if noun and noun.group(1) not in STOPWORDS:
            given = re.search(rf"(?<![\w.,])\d[\d,.]*\s+{noun.group(1)}\b(?:{noun.group(2)}\b)?", low_sentence)
            if given:
                return f"{c.text} {noun.group(1)}{noun.group(2)}", given.group()
    return None


_OWNER = r"\b((?:[A-Z][\w&.-]* )*[A-Z][\w&.-]*)['’]s"  # a name that owns what follows: "UKIP's", "Labour's"
_OWNER_BEFORE = re.compile(rf"{_OWNER}\s+$")
_OWNING_BODY_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){1,2}of\s+(?:the\s+)?((?:[A-Z][\w&.-]*\s+)*(?:of\s+)?[A-Z][\w&.-]*)")  # "cash machines of the Bank of America"


def other_owner(question: str, sentence: str, answer_at: int, article: str = "") -> tuple[str, str] | None:
    """A figure whose owner stands right before it, a name the question does not give ("one of UKIP's
    two London Assembly members" for "How many members does the London Assembly have?"): the
    question's first name and that owner. Not a person of the ``article`` ("Mr Brown's £2bn" may be
    the chancellor's), nor a name of the question or one of its aliases ("Britain's" for the UK)."""
    owner = _OWNER_BEFORE.search(sentence[:answer_at])
    names = [c for c in question_constraints(question) if c.kind == "name"]
    if owner is None or not names:
        return None
    name = owner.group(1)
    while " " in name and name.split(" ", 1)[0].lower() in _OPENERS:
        name = name.split(" ", 1)[1]  # "But UKIP's"
    words = name.lower().split()
    if name.lower() in _OPENERS or any(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in words) or any(met(names, name)):
        return None
    if set(words) & {w.lower() for p in _people_of(article) for w in p.split()}:
        return None
    return in_phrases(names, question)[0], name


def other_body_owning(question: str, sentence: str, answer_end: int) -> tuple[str, str] | None:
    """A count of things an organisation the question does not name owns, right after the figure (which
    ends at ``answer_end``): "13,000 cash machines of the Bank of America" for the Canadian Imperial Bank
    of Commerce's. The organisation asked about and the owner; None when the question names no organisation."""
    owner = _OWNING_BODY_AFTER.match(sentence, answer_end)
    names = [c for c in question_constraints(question) if c.kind == "name"]
    bodies = [phrase for phrase in in_phrases(names, question) if ORG_WORDS.search(phrase)]
    if owner is None or not bodies or not ORG_WORDS.search(owner.group(1)):
        return None
    # what tells one body from another: not "Bank" or "of" in "the Bank of America"
    words = [w.lower() for w in owner.group(1).split() if w.lower() not in _OPENERS and not ORG_WORDS.search(w)]
    own = [replace(c, head=None) for c in names if not ORG_WORDS.search(c.text)]
    if not words or any(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in words) or any(met(own, owner.group(1))):
        return None
    return bodies[0], owner.group(1)


def other_place(question: str, sentence: str, before: str, answer: tuple[int, int]) -> tuple[str, str] | None:
    """A figure given for another place than the one the question names, in a sentence that does not
    name the asked one: the place its "there" stands for ("95% of all mobiles sold there", after a
    sentence on Japan, for "... sold in the US") or the place beside the figure ("growth of 2.2% across
    the European Union" for the Czech Republic's). The question's place and that one. ``before``: the
    text just before the sentence; ``answer``: the figure's offsets in the sentence."""
    names = [c for c in question_constraints(question) if c.kind == "name"]
    asked = [Constraint(phrase, "name") for phrase in in_phrases(names, question) if names_a_big_place(phrase)]  # "Czech Republic"
    if not asked or all(met(asked, sentence)):
        return None
    there = place_of_there(sentence, before) or place_beside(sentence, *answer)
    if there is None or any(same_place(c.text, there) or same_place(there, c.text) for c in asked):
        return None
    return asked[0].text, there


_OWNED = re.compile(rf"{_OWNER} ((?:[a-z-]+ ){{0,2}}[a-z-]+)")  # "Lucy's birth mother", "Labour's spring conference"
_HOW_OLD = re.compile(  # "How old was Stephen Pound", "How old is Hearts winger Saulius Mikoliunas"
    r"\b(?i:how old (?:is|was|were|are|will))\s+([A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|(?!(?:when|while|after|before|as|at|in|on|of|for|and|if|since|until|where|that|did|does|was|were|is)\b)[a-z]+(?=\s+[A-Z])))*)(['’]s)?"
)
_APPOSED = re.compile(r"\b([A-Z][\w-]*)\s*,\s*(?:aged\s+)?$")  # "Lucy, 36": the figure stands beside the name as its age


def the_owner_instead(question: str, sentence: str, answer_at: int) -> tuple[str, str] | None:
    """A figure set beside a name ("Lucy, 36, tracked down Mr Pound") for a question about someone else:
    someone that name owns ("How old was Lucy's birth mother?") or another person whose age is asked
    ("How old was Stephen Pound when ...?"). The asked one and the name beside the figure."""
    apposed = _APPOSED.search(sentence[:answer_at])
    if apposed is None:
        return None
    name = apposed.group(1)
    for owned in _OWNED.finditer(question):
        noun = [w for w in owned.group(2).split() if w not in STOPWORDS]
        if noun and owned.group(1).split()[-1] == name:
            return f"{owned.group(1)}'s {' '.join(noun)}", owned.group(1)
    asked = _HOW_OLD.search(question)
    if asked and not asked.group(2) and name not in asked.group(1).split():  # "How old is Stephen Pound's daughter": the owned one
        return asked.group(1), name
    return None


def other_owner_of_thing(question: str, sentence: str, answer: tuple[int, int] = (0, 0)) -> tuple[str, str] | None:
    """The thing the question asks about, owned in ``sentence`` by a name the question does not give
    ("Labour's spring conference" for "Where are the Conservatives holding their spring conference?"):
    the question's first name and that owner. Only an organisation or a party, by its name or an acronym:
    a person may be named by a role ("Mr Brown's speech" for the chancellor's) and a place owns loosely; not the
    answer itself (``answer``: its span in ``sentence``; "California's homeless population" for "Which state ...?")."""
    names = [c for c in question_constraints(question) if c.kind == "name"]
    low_question = question.lower()
    for owned in _OWNED.finditer(sentence):
        if owned.start(1) < answer[1] and answer[0] < owned.end(1):
            continue
        thing = owned.group(2).split()
        owner = owned.group(1)
        while " " in owner and owner.split(" ", 1)[0].lower() in _OPENERS:
            owner = owner.split(" ", 1)[1]  # "Speaking at Labour's"
        pairs = {" ".join(thing[i : i + 2]) for i in range(len(thing) - 1)}  # "spring conference" of "spring conference in"
        if not names or owner.lower() in _OPENERS or not any(re.search(rf"\b{pair}\b", low_question) for pair in pairs):
            continue
        if any(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in owner.split()) or any(met(names, owner)) or owner in _spelled_out(question):
            continue  # the question's own name, an alias or its initials ("BA's" for British Airways)
        if not (owner.isupper() and len(owner) > 1) and Expected.ORGANISATION not in span_types(owner):
            continue  # only a body owns a thing apart: a place or a person may own it loosely ("California's midway point")
        return in_phrases(names, question)[0], owner
    return None


_BODY_HEAD = r"(?:ministry|department)"
_ASKED_BODY = re.compile(rf"\b((?:[a-z-]+ ){{1,2}}){_BODY_HEAD}\b")  # "the health ministry": lower-case words, no names
_GIVEN_BODY = re.compile(rf"\b((?:[\w-]+ ){{1,2}}){_BODY_HEAD}\b", re.I)


def other_body(question: str, sentence: str) -> tuple[str, str] | None:
    """The question's ministry or department by what it is of ("the health ministry") when ``sentence``
    names only another of that kind ("its finance ministry"): the asked one and the one given."""
    asked = _ASKED_BODY.search(question)
    words = [w for w in asked.group(1).split() if w not in STOPWORDS] if asked else []
    if not words or re.search(rf"\b{re.escape(words[-1])}\b", sentence, re.I):
        return None
    head = question[asked.end(1) : asked.end()].lower()
    for given in _GIVEN_BODY.finditer(sentence):
        held = [w for w in given.group(1).lower().split() if w not in STOPWORDS]
        if held and given.group()[len(given.group(1)) :].lower() == head:
            return f"{' '.join(words)} {head}", f"{held[-1]} {head}"
    return None


_ROLES = (  # roles news gives people; one person may be named by any role of a group ("Qantas boss" is its chief executive)
    frozenset({"chairman", "chairwoman", "chair"}),
    frozenset({"finance director", "chief financial officer", "cfo"}),
    frozenset({"chief executive", "ceo", "boss", "chief", "managing director", "head"}),
    frozenset({"coach", "head coach", "manager", "boss"}),
    frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    frozenset({"captain", "skipper"}),
    frozenset({"winger", "striker", "midfielder", "defender", "goalkeeper", "keeper", "full-back", "centre-back"}),  # "Hearts winger" is no manager
    frozenset({"founder", "co-founder"}),
    frozenset({"owner"}),
    frozenset({"editor"}),
    frozenset({"prime minister"}),
    frozenset({"chancellor"}),
    frozenset({"leader"}),  # "Tory leader Michael Howard"
)
_ROLE_NAMES = "|".join(sorted({r for group in _ROLES for r in group}, key=len, reverse=True))
_ROLE = re.compile(rf"\b(?:{_ROLE_NAMES})\b", re.I)
_ASKS_WHO = re.compile(r"\s*who\b", re.I)  # only "who" asks for whoever holds a role
NEAR_ROLE = 60  # characters at most between an answer and the asked role the sentence gives it ("The head of ... St Fintian's, Richard Fogarty")


def other_role(question: str, sentence: str, answer_at: int, answer_end: int) -> tuple[str, str] | None:
    """When a "who" question asks for a role ("Who is the finance director at Qantas?") and
    ``sentence`` names the answer by another ("Qantas boss Mr Dixon"), never by the one asked:
    the role asked and the role given. The title the answer itself carries counts first: "Chancellor
    Gordon Brown" does not answer "Who is the prime minister?" beside "the prime minister and". When
    the sentence gives the asked role only far from the answer, it calls someone else so (the role
    asked and ""): "The Tory leader argued ... let down by Tony Blair"."""
    asked = [m.group().lower() for m in _ROLE.finditer(question)]
    if not asked or not _ASKS_WHO.match(question):
        return None
    same = frozenset().union(*(g for g in _ROLES if g & set(asked)))
    own = re.search(rf"(?:{_ROLE.pattern})\s*$", sentence[max(0, answer_at - 30) : answer_at], re.I) or _ROLE.match(sentence, answer_at)
    if own:
        title = own.group().strip().lower()
        if title not in same:
            return asked[0], title
        title_at = answer_at - len(own.group()) if own.re is not _ROLE else answer_at  # the title before the answer, or the answer's start
        owner = _TITLE_OWNER.search(sentence[max(0, title_at - 40) : title_at])
        names = [c for c in question_constraints(question) if c.kind == "name"]
        if owner and names and owner.group(1).lower() not in _OPENERS and owner.group(1).lower() not in question.lower() and not any(met(names, owner.group(1))):
            return asked[0], f"{owner.group(1)} {title}"  # "Rosneft chief Sergei Bogdanchikov" does not head Gazprom
        return None
    mentions = [m for m in _ROLE.finditer(sentence) if m.group().lower() in same]
    if mentions:
        beside = any(m.start() - NEAR_ROLE <= answer_end and answer_at <= m.end() + NEAR_ROLE for m in mentions)
        return None if beside else (asked[0], "")  # "The Tory leader argued ... let down by Tony Blair": someone else
    near = [m.group().lower() for m in _ROLE.finditer(sentence[max(0, answer_at - 30) : answer_end + 20])]
    return (asked[0], near[0]) if near else None


_TITLE_OWNER = re.compile(r"\b([A-Z][\w&-]+)(?:['’]s)?\s+$")  # "Rosneft" of "Rosneft chief"
_QUALIFIER = r"\b(shadow|former|ex|deputy|vice|acting|assistant|junior)[- ]((?:[a-z]+ ){0,3}[a-z]+)"
_QUALIFIED_BEFORE = re.compile(_QUALIFIER + r",? $", re.I)  # "shadow foreign secretary Michael Ancram", "The deputy leader, Ms Jones"
_QUALIFIED_AFTER = re.compile(  # "John Prescott, the deputy prime minister", "Damien Hockney who is now Veritas' deputy leader"
    r"^,?\s+(?:who (?:is|was) (?:now )?)?(?:the |a |[A-Z][\w-]*['’]s? )?" + _QUALIFIER + r"\b", re.I
)

_LEFT = re.compile(  # "Mr Blunkett quit as home secretary": the role held no longer, as if "former"
    r"^,?\s+(?:who )?(?:has |had )?(?:quit|resigned|stepped down|stood down|was sacked|was ousted|retired) as (?:the )?((?:[a-z]+ ){0,3}[a-z]+)", re.I
)

_TITLE_STOPWORDS = STOPWORDS - {"of"}  # "secretary of state" is a title, "is enforced by the" none


def qualified_role(question: str, sentence: str, answer_at: int, answer_end: int) -> tuple[str, str] | None:
    """When a "who" question asks for a role ("Who is the foreign secretary?") and ``sentence`` gives the
    answer that role qualified ("shadow foreign secretary Michael Ancram", "John Prescott, the deputy
    prime minister"), unless the question qualifies it so too: the role asked (as the question words
    it) and the role given."""
    if not _ASKS_WHO.match(question):
        return None
    before = _QUALIFIED_BEFORE.search(sentence[max(0, answer_at - 60) : answer_at])
    title = before or _QUALIFIED_AFTER.match(sentence[answer_end : answer_end + 60])
    left = None if title else _LEFT.match(sentence[answer_end : answer_end + 60])
    qualifier, held = (title.group(1), title.group(2)) if title else ("former", left.group(1)) if left else (None, "")
    if not qualifier or re.search(rf"\b{qualifier}\b", question, re.I):
        return None
    words = held.split()
    # the title ends at the answer before it and begins at the qualifier after it: the longest part the question words
    parts = [words[i:] for i in range(len(words))] if before else [words[:i] for i in range(len(words), 0, -1)]
    for part in parts:
        asked = re.search(rf"\b{' '.join(part)}\b", question, re.I)
        if asked and part[-1].lower() != "of" and not any(w.lower() in _TITLE_STOPWORDS for w in part):
            return asked.group(), f"{qualifier.lower()} {' '.join(words if before else part)}"
    return None  # "the former is enforced by the" holds no title the question asks for


_OFFICE_HEAD = r"(?:secretary|minister|leader|manager|coach|director|officer|chairman|chairwoman|spokesman|spokeswoman|editor|captain|governor|commissioner|ambassador|correspondent)"
_ASKED_OFFICE = re.compile(rf"\b((?:[a-z-]+ ){{1,3}}){_OFFICE_HEAD}\b")  # "the deputy prime minister", "the health secretary": lower-case words, no names
_OFFICE_BEFORE = re.compile(rf"((?:[\w-]+ ){{1,3}})({_OFFICE_HEAD}),? $", re.I)  # "General secretary Brendan Barber"
_OFFICE_AFTER = re.compile(rf"^,\s+(?:the |a )?((?:[\w-]+ ){{1,3}})({_OFFICE_HEAD})\b", re.I)  # "Rhona Brankin, the deputy health minister"
_ANY_HOLDER = frozenset({"new", "current", "present", "then", "now", "party", "team", "club", "national", "chief", "general", "senior", "top", "permanent", "interim", "caretaker"})


_KIN = r"(?:wife|husband|partner|girlfriend|boyfriend|son|daughter|mother|father|brother|sister|widow|widower)"


def asks_holder(question: str) -> bool:
    """Whether ``question`` asks who holds a role or an office ("Who is the Chancellor of the Exchequer?",
    "Who was Qantas's finance director?"), who someone's kin is ("Who is Stephen Pound's wife?") or who a
    person described is ("Who is the Evening Standard reporter ...?"): a person, never an organisation."""
    return bool(re.match(rf"\s*who (?:is|was|will be|has been|became)\b(?:\W+[\w'’-]+){{0,4}}?\W+(?:{_ROLE_NAMES}|{_OFFICE_HEAD}|{_KIN}|{PERSON_NOUNS})\b", question, re.I))


def other_office(question: str, sentence: str, answer_at: int, answer_end: int) -> tuple[str, str] | None:
    """When a "who" question asks for an office by what it is of ("Who is the health secretary?", "the
    deputy prime minister") and ``sentence`` gives the answer another office of that kind ("General
    secretary Brendan Barber", "Rhona Brankin, the deputy health minister"): the office asked and the
    office given (``qualified_role`` and ``other_role`` take roles the question names without it)."""
    if not _ASKS_WHO.match(question):
        return None
    asked = _ASKED_OFFICE.search(question)
    if asked is None:
        return None
    words = [w for w in asked.group(1).split() if w not in STOPWORDS]
    head = question[asked.end(1) : asked.end()].lower()
    if not words or words[-1] in _ANY_HOLDER:
        return None
    given = _OFFICE_BEFORE.search(sentence[max(0, answer_at - 50) : answer_at]) or _OFFICE_AFTER.match(sentence[answer_end : answer_end + 60])
    if given is None or given.group(2).lower() != head:
        return None
    held = [w.lower() for w in given.group(1).split()]
    while held and (held[0] in STOPWORDS or held[0].endswith(("ing", "ed"))):  # "announced by Work and Pensions Secretary",
        held.pop(0)  # "leaving coach Sven-Goran Eriksson": the title's words only
    if not held or held[-1] in STOPWORDS or words[-1] in held:
        return None
    return f"{' '.join(words)} {head}", f"{' '.join(held)} {head}"


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?: (?:of |de |the |and |for )?[A-Z][\w'’-]*)*")
_CONTEXT_WORD = re.compile(r"[\w'’-]+")
_WH_WORDS = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "why", "how"})
_LEADING = _OPENERS | _WH_WORDS  # words before a name that are no part of it
_THING = re.compile(  # the last word of a name that names no person: "the Zbigniew Library", "the FSO Tico Factory"
    rf"^(?:{ORG_WORDS.pattern}|Library|Museum|Gallery|Theatre|Theater|Forest|Park|Palace|Castle|Church|Cathedral|Bridge|Street|"
    r"Square|Hall|Stadium|Airport|Station|Hospital|School|Factory|River|Lake|Island|Mountains?|Parliament|Assembly|"
    r"Championship|Prize|Award|Act|Treaty|Festival|Market|Centre|Center|Tower|Building|Company|Government|Army|Navy)$"
)
_ADJECTIVE_NAME = re.compile(r"(?:an|ese|ish|ic)$")  # "European", "Italian", "Japanese": qualifiers, not the one asked about


def swapped_name(question: str, sentence: str, answer: tuple[int, int] = (0, 0)) -> tuple[str, str] | None:
    """A name the question gives that ``sentence`` does not mention, and the other name the sentence
    gives in its place: with the same word before it ("the largest medical school in Poland" for
    "... in Chopin"; after a small word, the same two words) or the same word after it ("Turkish
    forces" for "Norman forces", "the Shadowcrew website" for "the Carderplanet website"). A name
    beginning as the asked one does is a form of it ("Huguenots", "Míng"), and so are the initials of
    a name the question gives ("MPC") and the name an acronym of the question spells ("Internal
    Revenue Service" for "IRS"); the sentence's first word says nothing (it is capitalised
    whatever it is). Not checked: a name written as an adjective ("European"), unless it begins a
    longer name ("Democratic National Convention": its last word alone is no mention), or one of the
    few names news often leaves unsaid ("US", "EU"); not counted: the answer itself (``answer``:
    its span in ``sentence``), a possessive ("Moldova's candidacy") or a compound ("GOP-held")."""
    low_question = question.lower()
    acronyms = {_initials(m.group()) for m in _CAPITALISED_RUN.finditer(question)}  # "MPC"
    for c in question_constraints(question):
        at = question.find(c.text)
        if c.kind != "name" or at < 0 or (_ADJECTIVE_NAME.search(c.text) and c.head is None) or any(c.text.lower() in group for group in _ALIASES):
            continue
        if met([replace(c, head=None)], sentence)[0]:  # its last word alone is no mention here: "Republican National Convention"
            continue
        asked = (_stems(question[:at])[-2:], _stems(question[at + len(c.text) :])[:1])
        adjective = _ADJECTIVE_NAME.search(c.text) is not None  # its rival is another adjective or takes the same head: not "Sen." for "Republican JD Vance"
        around = _around_in_name(question, at, at + len(c.text))
        for m in _CAPITALISED_RUN.finditer(sentence):
            start, other = m.start(), m.group()
            while other.split(" ", 1)[0].lower() in _OPENERS and " " in other:  # "The Shadowcrew website": the name is "Shadowcrew"
                start, other = start + len(other.split(" ", 1)[0]) + 1, other.split(" ", 1)[1]
            if m.end() > answer[0] and start < answer[1] or other.endswith(("'s", "’s")) or "-" in other:
                continue
            swapped = _swapped_within(around, other)
            if swapped and swapped.lower() not in low_question and not _first_letters(swapped) & _first_letters(c.text):
                return c.text, other  # "Royal University of Warsaw" for "Royal University of Prussia"
            if start == 0:
                continue
            if other.lower() in low_question or other.lower() in _OPENERS or _first_letters(other) & _first_letters(c.text) or other in acronyms:
                continue
            if _initials(other) == c.text or adjective and other.rsplit(" ", 1)[-1] != c.head and not _ADJECTIVE_NAME.search(other):  # "Internal Revenue Service" for "IRS"
                continue
            if _same_context(asked, (_stems(sentence[:start])[-2:], _stems(sentence[m.end() :])[:1])):
                return c.text, other
    return None


def _around_in_name(question: str, start: int, end: int) -> tuple[str, str] | None:
    """The rest of the longer name the question gives [start:end] in: ("Royal University of ", "") for
    "Prussia" in "the Royal University of Prussia", ("", " Government") for "Jewish" in "the Jewish
    Government". None when the name stands alone or beside small words only, is the longer name's
    head ("Cup" in "Copa Cup": "Copa America" is the same thing loosely named), or stands before a
    head that may be a person's name without being an adjective ("Woodrow" in "Woodrow Wilson":
    "President Wilson" is he; but "Zbigniew" in "Zbigniew Library" and "Jewish" in "Jewish Government")."""
    for m in _CAPITALISED_RUN.finditer(question):
        if m.start() <= start and end <= m.end():
            before, after = question[m.start() : start], question[end : m.end()]
            while before.split(" ", 1)[0].lower() in _LEADING and " " in before:  # "The", "Which"
                before = before.split(" ", 1)[1]
            rest = [w for w in f"{before} {after}".split() if w.lower() not in _OPENERS]
            head = not after and not before.endswith(("of ", "de "))
            first_name = bool(after) and not _ADJECTIVE_NAME.search(question[start:end]) and not _THING.search(after.split()[-1])
            return (before, after) if rest and not head and not first_name else None
    return None


def _swapped_within(around: tuple[str, str] | None, name: str) -> str | None:
    """What stands in ``name`` where the asked name stands in its longer name (``_around_in_name``):
    "Warsaw" in "Royal University of Warsaw"; None when ``name`` is not that longer name with
    another part."""
    if around is None:
        return None
    before, after = around
    if not (name.startswith(before) and name.endswith(after)) or len(name) <= len(before) + len(after):
        return None
    middle = name[len(before) : len(name) - len(after)]
    return middle if re.fullmatch(r"[A-Z][\w'’]*(?: [A-Z][\w'’]*)*", middle) else None


def _initials(name: str) -> str:
    """The initials of a name's capitalised words, small ones aside: "MPC" for "Monetary Policy Committee"."""
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.lower() not in _OPENERS)


def _stems(text: str) -> list[str]:
    return [stem(w) for w in _CONTEXT_WORD.findall(text.lower())]


def _first_letters(name: str) -> set[str]:
    """The first four letters of each word, accents dropped: "Huguenots" and "Huguenot", "Míng" and "Ming" share them."""
    return {unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode().lower()[:4] for w in name.split()}


def _same_context(asked: tuple[list[str], list[str]], given: tuple[list[str], list[str]]) -> bool:
    """Whether two names stand between the same words: the word before (with the one before it when it is a small word), or the word after."""
    (asked_before, asked_after), (given_before, given_after) = asked, given
    if asked_before and given_before and asked_before[-1] == given_before[-1] and asked_before[-1] not in _WH_WORDS:
        if asked_before[-1] not in STOPWORDS:
            return True
        if len(asked_before) > 1 and len(given_before) > 1 and asked_before[-2] == given_before[-2] and asked_before[-2] not in STOPWORDS:
            return True  # "school in Poland" for "school in Chopin"; "from the" is too common to say anything
    return bool(asked_after and given_after and asked_after[0] == given_after[0] and asked_after[0] not in STOPWORDS)
