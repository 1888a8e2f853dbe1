"""The question's constraints, and whether an answer's context meets them.

"What was the fine in Wales?" is not answered by a sentence about Scotland's fine, nor
"Umbro's 2003 profit" by the 2004 figure. The names, years and numbers a question states are
its constraints; an answer's sentence (with the article's title and date) should mention each
of them, in some form ("Korean" for "Korea", "UK" for "Britain", "B&B" for "Bradford & Bingley"),
and its article must. What is unmet lowers the confidence, and a refusal says which constraint
failed and what the text gives in its place (``contrast``). A sentence that puts another name in
the asked one's place (``swapped_name``) answers for that name. The checks of whose figure an
answer is, when it holds, what a sentence tells against the question and who holds a role are in
``qa.owners``, ``qa.periods``, ``qa.opposites`` and ``qa.roles``; they share the words kept here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

from index.words import STOPWORDS, stem
from qa.answer_types import ORG_WORDS
from qa.places import asked_country_name, demonym, place_kinds

__all__ = [
    "CAPITALISED_RUN", "CONTEXT_WORD", "MONTHS", "NAME_WORD", "NOT_PEOPLE", "OPENERS", "YEAR", "Constraint", "aliased", "as_worded", "contrast",
    "describes_answer", "in_phrases", "met", "name_initials", "people", "question_constraints",
    "referred_to", "shorthand_words", "spelled_out", "spelled_shorthands", "swapped_name",
]

_ALIASES = [
    {"uk", "britain", "british", "united kingdom"},
    {"england", "english"},
    {"scotland", "scottish"},
    {"wales", "welsh"},
    {"tory", "tories", "conservative", "conservatives"},
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
    {"9/11", "11 september", "september 11", "sept 11"},
]
SHORTHANDS = {"q1": "first quarter", "q2": "second quarter", "q3": "third quarter", "q4": "fourth quarter"}  # "Q3" of a business question
_ALIASES += [{short, long} for short, long in SHORTHANDS.items()]
_SHORTHAND = re.compile(rf"\b(?:{'|'.join(SHORTHANDS)})\b", re.I)
MISSPELT = 0.8  # likeness of two names (difflib's ratio) from which one is taken for the other misspelt
_PARTS_OF_UK = {"england", "english", "scotland", "scottish", "wales", "welsh", "northern ireland"}  # each is the UK; the UK is not each
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_NUMBER = re.compile(r"(?<![\w.])(?<!\d{4}[-–/])(?:\d[\d,.]*\d%?|\d%?)(?![A-Z\d]|[.,]\d)")  # not the end of a span of years ("2005-6"), nor of a name ("1Xtra")
_GLUED_TO_NAME = re.compile(r"(?<![\w-])([A-Z][A-Za-z]*)-$")  # the capitalised word a number is joined to by a hyphen
_WORD = re.compile(r"(?<![\w.])(?:\d[\d.]*)?[A-Za-z][\w'’&.]*[\w&]|(?<![\w.])(?:\d[\d.]*)?[A-Za-z]")  # a hyphen parts names: "Japan-South Korea"; "1Xtra", "3G", "103.5FM" are one
_NINE_ELEVEN = re.compile(r"(?<![\d/])9/11(?![\d/])")  # a name, not two numbers: news writes "11 September"
MONTHS = frozenset("january february march april june july august september october november december".split())
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


def spelled_shorthands(text: str) -> str:
    """``text`` with its shorthands spelled out as news writes them: "in Q3" -> "in third quarter"."""
    return _SHORTHAND.sub(lambda m: SHORTHANDS[m.group().lower()], text)


def shorthand_words(text: str) -> list[str]:
    """What the shorthands of ``text`` stand for, to search for beside them: ["third quarter"] for "in Q3"."""
    return [SHORTHANDS[m.group().lower()] for m in _SHORTHAND.finditer(text)]


def aliased(word: str) -> bool:
    """Whether ``word`` has another form news writes it in ("Q3" for "third quarter", "TV" for "television")."""
    return any(word.lower() in group for group in _ALIASES)


def question_constraints(question: str) -> list[Constraint]:
    """The constraints ``question`` states: capitalised names (not a sentence's first word), years, other numbers, months."""
    return list(_question_constraints(question))


@lru_cache(maxsize=256)
def _question_constraints(question: str) -> tuple[Constraint, ...]:
    """``question_constraints``, kept: every candidate answer's checks ask again for the same question."""
    out: list[Constraint] = []
    years = {m.group() for m in YEAR.finditer(question)}
    out += [Constraint(y, "year") for y in sorted(years)]
    if _NINE_ELEVEN.search(question):
        out.append(Constraint("9/11", "name"))
        question = _NINE_ELEVEN.sub("    ", question)
    for m in _NUMBER.finditer(question):
        glued = _GLUED_TO_NAME.search(question, 0, m.start())  # "Covid-19", "K-12": the number is part of a name
        if glued is not None and len(glued.group(1)) == 1:
            out.append(Constraint(question[glued.start(1) : m.end()], "name"))  # "K-12" as a whole; "Covid" is a name of its own
        elif glued is None and m.group() not in years:
            out.append(Constraint(m.group().rstrip("%").rstrip(".,"), "number"))
    words = list(_WORD.finditer(question))
    names: list[tuple[re.Match[str], str]] = []
    for i, match in enumerate(words):
        word = match.group().rstrip(".")
        low = word.lower().replace("’", "'").removesuffix("'s")
        opens = i == 0 or re.search(r"[.?!:]\s+$", question[words[i - 1].end() : match.start()]) is not None  # a sentence's first word ("... this week. Approximately how many")
        if low in MONTHS:
            out.append(Constraint(word, "month"))
        elif word.lstrip("0123456789.")[0].isupper() and (low not in _GENERIC and low not in STOPWORDS or _named_may(question, match)) and (not opens or word.isupper()) and len(low) > 1:
            names.append((match, word.replace("’", "'").removesuffix("'s")))
    taken_whole = -1  # the last word of a name taken whole because it has aliases ("United Kingdom" is the UK)
    whole_initials: dict[int, str | None] = {}  # of the whole name each word is part of
    for j, (match, name) in enumerate(names):
        k = j
        while k + 1 < len(names) and question[names[k][0].end() : names[k + 1][0].start()] in (" ", " & ") and not names[k][0].group().endswith(("'s", "’s")):
            k += 1  # the next word of the same name (not past a possessive: "McCartney's Super Bowl" names two things)
        whole = question[match.start() : names[k][0].end()]
        if j <= taken_whole:
            continue
        if k > j and aliased(whole):
            out.append(Constraint(whole, "name"))
            taken_whole = k
            continue
        if k > j and j not in whole_initials:
            whole_initials.update(dict.fromkeys(range(j, k + 1), _initials_of(whole)))
        out.append(Constraint(name, "name", names[k][1] if k > j else None, whole_initials.get(j)))
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
    """Whether the constraint is a word such as "English" in "which English county", "TV" in "which TV
    programme" or "US" in "which major US city": it says what the answer is, which an article need not
    spell out, not what it is about."""
    if constraint.text == asked_country_name(question):
        return True  # "which major US city": the answer's place is checked instead (qa.places.asked_country)
    noun = re.search(rf"\b(?:which|what)\s+(?:[A-Z][\w-]*\s+)*{re.escape(constraint.text)}\s+([a-z]+)", question)
    describing = _ADJECTIVE_NAME.search(constraint.text) is not None or constraint.text.lower() in _KINDS_OF_THING  # "which TV programme"
    return describing and noun is not None and noun.group(1) not in STOPWORDS  # not "which Republican in ..."


def in_phrases(constraints: Sequence[Constraint], question: str) -> list[str]:
    """The constraints as the question words them, those next to each other joined: "Halo 2", "UK", "Winn-Dixie"."""
    spans = []
    for c in constraints:
        found = re.search(rf"(?<!\w){re.escape(c.text)}(?!\w)", question)
        if found:
            spans.append((found.start(), found.end()))
    phrases: list[list[int]] = []
    for start, end in sorted(spans):
        if phrases and question[phrases[-1][1] : start] in (" ", "-"):
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
        if re.search(rf"(?<![\d.,]){re.escape(constraint.text)}(?![\d])", low_text):
            return True
        return constraint.kind == "number" and _precision(constraint.text) > 0 and any(rounds_to(m.group(), constraint.text) for m in _FIGURE.finditer(low_text))  # "125,232" for "around 125,000"
    for form in constraint.forms:
        # whole words, or a word that begins with the form ("Korean" for "Korea"; "Bekele's")
        pattern = rf"\b{re.escape(form)}\b" if len(form) < 5 else rf"\b{re.escape(form[: max(4, len(form) - 3)])}"
        if re.search(pattern, low_text):
            return True
    if constraint.initials and re.search(rf"(?<![\w&]){re.escape(constraint.initials)}(?![\w&])", text):
        return True  # "B&B" for "Bradford & Bingley"
    acronym = constraint.text.removesuffix("s")  # "MVPs"
    if acronym.isupper() and acronym in spelled_out(text):
        return True  # spelled out: "Presiding Officer" for "PO", "National Health Service" for "NHS"
    # the head alone, as a name (capitalised): "the Panthers", "Mr White", but not any "day" for "Christmas Day"
    return constraint.head is not None and re.search(rf"\b{re.escape(constraint.head)}\b", text) is not None


_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d{3,}(?![\d.,])")  # whole numbers of three digits or more


def rounds_to(given: str, asked: str) -> bool:
    """Whether the figure ``given`` is the round one ``asked`` about, rounded ("30,949" for "31,000"): a whole
    number ending in two zeros or more, within half of its last non-zero place."""
    precision = _precision(asked)
    try:
        return precision > 0 and abs(float(given.replace(",", "").rstrip(".")) - int(asked.replace(",", ""))) < precision / 2
    except ValueError:
        return False


def _precision(figure: str) -> int:
    """The place a whole number ending in two zeros or more is rounded to (1000 for "31,000"); 0 for any other."""
    plain = figure.replace(",", "")
    zeros = len(plain) - len(plain.rstrip("0"))
    return 10**zeros if zeros >= 2 and plain.isdigit() else 0


@lru_cache(maxsize=64)
def spelled_out(text: str) -> frozenset[str]:
    """The initials of the names ``text`` gives, and of each run of their words ("SNP" in "Scottish National
    Party Justice Minister Kenny MacAskill"), kept: every answer read from an article asks again."""
    out = set()
    for m in CAPITALISED_RUN.finditer(text):
        letters = name_initials(m.group())
        out |= {letters[i:j] for i in range(len(letters)) for j in range(i + 2, len(letters) + 1)}
    return frozenset(out)


def referred_to(constraint: Constraint, question: str, sentence: str) -> bool:
    """Whether ``sentence`` opens by speaking of the thing the question names with the common noun the
    question gives the name with: "The festival ... will take place in Lucerne" of "the Golden Rose
    festival", or names the knight the question names by title and first name ("Sir John" of John
    Gieve). Only for an article that names the thing elsewhere: another festival's article says
    "the festival" too."""
    if constraint.kind != "name":
        return False
    first = re.search(rf"\b([A-Z][a-z]+)\s+{re.escape(constraint.text)}\b", question)
    if first and re.search(rf"\b(?:Sir|Dame)\s+{first.group(1)}\b(?!\s+[A-Z])", sentence):
        return True  # "Sir John was made permanent secretary" of John Gieve, as British news writes a knight
    noun = re.search(rf"(?<!\w){re.escape(constraint.head or constraint.text)}\s+([a-z]{{3,}})\b", question)
    if noun is None or noun.group(1) in STOPWORDS:
        return False
    return re.match(rf"\W*(?:the|this|that) {noun.group(1)}\b", sentence, re.I) is not None  # as the subject it speaks of, not "in the final minutes of the game"


def met(constraints: Sequence[Constraint], context: str) -> list[bool]:
    """For each constraint, whether ``context`` mentions it, accents aside ("Copa America" for "Copa América")."""
    return [_mentions(c, _low(context), context) for c in constraints]


@lru_cache(maxsize=64)
def _low(text: str) -> str:
    """``text`` as constraints are looked for in it, kept: every answer read from an article asks again."""
    return _folded(text.lower().replace("’", "'"))


def _folded(text: str) -> str:
    """``text`` without its accents ("América" is "America"). Only its runs of non-ASCII characters are
    decomposed: ASCII never decomposes nor reorders with the marks beside it, and an article is mostly ASCII."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda run: "".join(ch for ch in unicodedata.normalize("NFKD", run.group()) if not unicodedata.combining(ch)), text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def contrast(missing: Constraint, context: str, exclude: Sequence[str] = (), question: str = "") -> str | None:
    """What ``context`` gives in place of the ``missing`` constraint: another year for a year, another
    name of the same kind for a name (not "Vladimir Putin" for "the Mona Lisa", nor "Xi" for "France")."""
    if missing.kind == "year":
        others = [y for y in YEAR.findall(context) if y != missing.text]
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
        names = [n for n in names if n.lower() not in _GENERIC | STOPWORDS | MONTHS and not any(set(n.lower().split()) <= set(e.split()) for e in skip)]  # not the answer's own words
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


NAME_WORD = r"(?:Mc|Mac|Di|De|Le|La|Du)?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"  # "McCartney", "DiCaprio", "O'Brien", "Smith-Jones"
_FULL_NAME = re.compile(rf"\b{NAME_WORD}(?: {NAME_WORD})+\b")
NOT_PEOPLE = frozenset(form for group in _ALIASES for form in group) | _PARTS_OF_UK | MONTHS
OPENERS = _GENERIC | STOPWORDS


def people(text: str) -> list[str]:
    """Full names of people in ``text``: runs of two or more capitalised words that name no organisation, country,
    month or thing ("Boxing Day", "Indian Ocean", "Consumer Electronics Show")."""
    out = []
    for match in _FULL_NAME.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in OPENERS:
            words.pop(0)  # "The", "In" opening a sentence
        name = " ".join(words)
        if len(words) > 1 and not ORG_WORDS.search(name) and not any(w.lower() in NOT_PEOPLE for w in words) and not _THING.search(words[-1]):
            out.append(name)
    return out


CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?: (?:of |de |the |and |for )?[A-Z][\w'’-]*)*")
CONTEXT_WORD = re.compile(r"[\w'’-]+")
_WH_WORDS = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "why", "how"})
_LEADING = OPENERS | _WH_WORDS  # words before a name that are no part of it
_COMPETITION = re.compile(r"\b(?:League|Premiership|Conference|Division)$")  # a level a team plays at, no rival of the team
_THING = re.compile(  # the last word of a name that names no person: "the Zbigniew Library", "the FSO Tico Factory"
    rf"^(?:{ORG_WORDS.pattern}|Library|Museum|Gallery|Theatre|Theater|Forest|Park|Palace|Castle|Church|Cathedral|Bridge|Street|"
    r"Square|Hall|Stadium|Airport|Station|Hospital|School|Factory|River|Lake|Island|Mountains?|Parliament|Assembly|"
    r"Championships?|Prize|Awards?|Act|Treaty|Festival|Market|Centre|Center|Tower|Building|Company|Government|Army|Navy|"
    r"Day|Eve|Week|Ocean|Sea|Show|Cup|Trophy|Games|League|Tour|Series|Olympics|Expo|Summit|Conference)$"
)
_ADJECTIVE_NAME = re.compile(r"(?:an|ese|ish|ic)$")  # "European", "Italian", "Japanese": qualifiers, not the one asked about


def swapped_name(question: str, sentence: str, answer: tuple[int, int] = (0, 0)) -> tuple[str, str] | None:
    """A name the question gives that ``sentence`` does not mention, and the other name the sentence
    gives in its place: with the same word before it ("the largest medical school in Poland" for
    "... in Chopin"; after a small word, the same two words) or the same word after it ("Turkish
    forces" for "Norman forces", "the Shadowcrew website" for "the Carderplanet website", "Charlie Brooker,
    who created" for "Chris Morris create"), named as the question words it ("Chris Morris"). A name
    beginning as the asked one does is a form of it ("Huguenots", "Míng"), and so are the initials of a
    name the question gives ("MPC") and the name an acronym of the question spells ("Internal Revenue
    Service" for "IRS"); the sentence's first word says nothing (it is capitalised
    whatever it is). Not checked: a name written as an adjective ("European"), unless it begins a
    longer name ("Democratic National Convention": its last word alone is no mention), or one of the
    few names news often leaves unsaid ("US", "EU"); not counted: the answer itself (``answer``:
    its span in ``sentence``), a possessive ("Moldova's candidacy") or a compound ("GOP-held")."""
    low_question = question.lower()
    acronyms = {name_initials(m.group()) for m in CAPITALISED_RUN.finditer(question)}  # "MPC"
    for c in question_constraints(question):
        at = question.find(c.text)
        if c.kind != "name" or at < 0 or (_ADJECTIVE_NAME.search(c.text) and c.head is None) or any(c.text.lower() in group for group in _ALIASES):
            continue
        if met([replace(c, head=None)], sentence)[0]:  # its last word alone is no mention here: "Republican National Convention"
            continue
        asked = (_stems(question[:at])[-2:], _stems(question[at + len(c.text) :])[:1])
        asked_capital = _capitalised_next(question, at + len(c.text))
        adjective = _ADJECTIVE_NAME.search(c.text) is not None  # its rival is another adjective or takes the same head: not "Sen." for "Republican JD Vance"
        around = _around_in_name(question, at, at + len(c.text))
        for m in CAPITALISED_RUN.finditer(sentence):
            start, other = m.start(), m.group()
            while other.split(" ", 1)[0].lower() in OPENERS and " " in other:  # "The Shadowcrew website": the name is "Shadowcrew"
                start, other = start + len(other.split(" ", 1)[0]) + 1, other.split(" ", 1)[1]
            if m.end() > answer[0] and start < answer[1] or other.endswith(("'s", "’s")) or "-" in other:
                continue
            swapped = _swapped_within(around, other)
            if swapped and swapped.lower() not in low_question and not _first_letters(swapped) & _first_letters(c.text) and not _misspelt(swapped, c.text):
                return c.text, other  # "Royal University of Warsaw" for "Royal University of Prussia"
            if start == 0:
                continue
            if other.lower() in low_question or other.lower() in OPENERS or _first_letters(other) & _first_letters(c.text) or other in acronyms:
                continue
            if name_initials(other) == c.text or adjective and other.rsplit(" ", 1)[-1] != c.head and not _ADJECTIVE_NAME.search(other):  # "Internal Revenue Service" for "IRS"
                continue
            if not adjective and demonym(other):
                continue  # "the German festival" may be the Berlin Film Festival: a people's adjective describes, it names no rival
            if _COMPETITION.search(other) and not _COMPETITION.search(c.text):
                continue  # "The 17-year-old Irish League midfielder" plays for the club asked about ("Larne midfielder")
            following = _RELATIVE.sub("", sentence[m.end() :], count=1)  # "Charlie Brooker, who created" as "Charlie Brooker created"
            after = _stems(following)[:1] if _capitalised_next(following, 0) == asked_capital else []  # "A US bank" is no "Riggs Bank"
            if _same_context(asked, (_stems(sentence[:start])[-2:], after)):
                return c.text if adjective else as_worded(c, [k for k in question_constraints(question) if k.kind == "name"], question), other
    return None


_RELATIVE = re.compile(r"^,?\s+(?:who|which)\b")


def _around_in_name(question: str, start: int, end: int) -> tuple[str, str] | None:
    """The rest of the longer name the question gives [start:end] in: ("Royal University of ", "") for
    "Prussia" in "the Royal University of Prussia", ("", " Government") for "Jewish" in "the Jewish
    Government". None when the name stands alone or beside small words only, is the longer name's
    head ("Cup" in "Copa Cup": "Copa America" is the same thing loosely named), or stands before a
    head that may be a person's name without being an adjective ("Woodrow" in "Woodrow Wilson":
    "President Wilson" is he; but "Zbigniew" in "Zbigniew Library" and "Jewish" in "Jewish Government")."""
    for m in CAPITALISED_RUN.finditer(question):
        if m.start() <= start and end <= m.end():
            before, after = question[m.start() : start], question[end : m.end()]
            while before.split(" ", 1)[0].lower() in _LEADING and " " in before:  # "The", "Which"
                before = before.split(" ", 1)[1]
            rest = [w for w in f"{before} {after}".split() if w.lower() not in OPENERS]
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


def name_initials(name: str) -> str:
    """The initials of a name's capitalised words, small ones aside: "MPC" for "Monetary Policy Committee"."""
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.lower() not in OPENERS)


def _stems(text: str) -> list[str]:
    return [stem(w) for w in CONTEXT_WORD.findall(text.lower())]


def _capitalised_next(text: str, at: int) -> bool:
    """Whether the word after ``at`` is capitalised: part of the name ("Riggs Bank"), not a noun it describes ("US bank")."""
    word = CONTEXT_WORD.search(text, at)
    return word is not None and word.group()[:1].isupper()


def _misspelt(a: str, b: str) -> bool:
    """Whether two names differ as a misspelling does ("Primier" for "Premier"), not as two names do."""
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= MISSPELT


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
