"""Follow-up questions: understand a question in the light of the conversation (rules, no language model).

A follow-up leans on the last turn in two ways, each resolved by its own rule:

- a reference: a pronoun or a definite description ("he", "its", "the agency", "that company",
  "that same year") stands for the previous answer or for a name in the previous question,
  whichever agrees with it: a person for "he", a thing for "it", a group for "they", a date for
  "that year". A year or an amount never stands for a personal pronoun ("When did 1978 leave?" is
  wrong); a bare "that" after an amount is the amount. The question keeps its words and the
  referent follows in brackets: "When did he (Yoon Suk-yeol) meet Kishida?". A reference nothing
  agrees with ("that goal", "the two of them") gets the last turn's names in brackets instead.
- an ellipsis: "And in 2005?", "And which one in France?", "In which minute?" carry the previous
  question's frame, with what the new one gives put in the place of its counterpart (a year for a
  year, a place for a place, a name for a name, a question word for a question word).

Retrieval searches with the question as understood and, beside it, with the conversation's words
(``Followup.queries``), so the previous turn's article comes up even when the question alone does
not find it (``Retriever.retrieve_merged``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from index.words import STOPWORDS
from qa.answer_types import ORG_WORDS
from qa.question_type import AnswerKind, asks_yes_or_no, classify_question
from qa.truecase import typed_in_capitals
from qa.types import Turn

__all__ = ["Followup", "Referents", "as_stated", "asked_noun", "is_person", "names", "referents", "understand"]

MAX_ANSWER_WORDS = 8  # a longer answer is a clause, not something a pronoun can stand for

_WORD = re.compile(r"[A-Za-z0-9][\w'’&.-]*")
_CONNECTORS = {"of", "de", "du", "da", "del", "von", "van", "der", "la", "le", "&", "and"}
_FUNCTION = {
    "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "did", "does", "do", "is", "was", "are",
    "were", "has", "have", "had", "will", "would", "can", "could", "should", "the", "a", "an", "in", "on", "at", "by",
    "for", "with", "and", "but", "so", "to", "from", "after", "before", "since", "during", "if",
}
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "baroness", "president", "prime", "minister",
    "king", "queen", "prince", "princess", "judge", "senator", "governor", "chancellor", "pope", "general", "captain",
    "professor", "prof", "rev", "saint", "mayor", "coach", "manager", "chairman",
}
_ORG_WORDS = {
    "international", "bank", "group", "corp", "corporation", "inc", "ltd", "plc", "company", "co", "cup", "league",
    "united", "city", "fc", "party", "council", "commission", "committee", "agency", "association", "union",
    "university", "college", "school", "office", "ministry", "department", "court", "house", "parliament",
    "government", "service", "services", "operation", "airways", "airlines", "motors", "records", "times", "post",
    "news", "network", "foundation", "institute", "fund", "trust", "club", "board", "authority", "federation",
    "church", "army", "police", "museum", "centre", "center", "hospital", "street", "kingdom", "states", "republic",
    "games", "championship", "awards", "festival", "world", "europe", "america", "computers", "systems", "media",
}
_PRONOUN = re.compile(r"\b(he|she|him|his|her|hers|himself|herself|it|its|itself|they|them|their|theirs|themselves)\b", re.IGNORECASE)
_PERSONAL = {"he", "she", "him", "his", "her", "hers", "himself", "herself"}
_THING = {"it", "its", "itself"}
_GROUP_OF = re.compile(r"\b(?:two|three|four|both|all|each|either|neither|none|one|some|any|most|many|few|several)\s+of\s+$", re.IGNORECASE)
_EXPLETIVE_IT = re.compile(r"^\s+(?:all\b|(?:is|was|'s)\s+(?:\w+\s+)?(?:that|to|who|when)\b)", re.IGNORECASE)
_NOT_A_NOUN = {"is", "was", "are", "were", "be", "been", "being", "has", "had", "have", "did", "does", "do", "will",
               "would", "could", "can", "should", "may", "might", "up", "down", "in", "on", "for", "to", "by", "with",
               "from", "of", "at", "about", "mean", "means", "meant", "happen", "happened", "happens", "cost", "take"}
_DATE_NOUNS = r"(?:year|month|day|week|season|time|summer|winter|spring|autumn|weekend)"
_SAME_DATE = re.compile(r"\b(?:in\s+|during\s+|at\s+)?(?:that|the|this)\s+(?:same\s+|very\s+)?" + _DATE_NOUNS + r"\b", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(that|this|the)\s+(?:same\s+)?([a-z]+)\b")
_ORG_NOUNS = {
    "company", "firm", "agency", "club", "team", "side", "band", "group", "party", "bank", "business", "carrier",
    "airline", "government", "organisation", "organization", "network", "channel", "broadcaster", "newspaper",
    "paper", "studio", "label", "retailer", "maker", "manufacturer", "country", "city", "charity", "regulator",
    "body", "union", "council", "committee", "court", "university", "school",
}
_THE_REFERS = {"company", "firm", "agency", "club", "band", "team"}  # "the government", "the country" are mostly no reference
_ANNOTATED = re.compile(r"\s*\(")  # after a reference: what it stands for, in brackets
_REFERENT = re.compile(r"\s*\([^()]*\)")
CALENDAR = frozenset(  # days and months: capitalised, but no names
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december".split()
)
_LEAD = re.compile(r"^\s*(?:and|but|so|also|then|ok(?:ay)?|well)\b[\s,]*", re.IGNORECASE)
_ABOUT = re.compile(r"^\s*(?:what|how)\s+about\s+", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_WH = re.compile(r"\b(who|whom|whose|what|which|when|where|why|how(?: much| many| long| old| often)?)\b", re.IGNORECASE)
_POSSESSED = re.compile(r"(?:his|her|their|its)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?", re.IGNORECASE)  # "his sister", "her new husband"
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they|it)\b(?:\s*\([^)]*\))?")  # "he (Jeremy Jaynes)" in the previous question
_PLACE_PHRASE = re.compile(r"\b(in|at|from|across|throughout)\s+((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")


@dataclass(frozen=True)
class Referents:
    """What a reference in the next question can stand for, from the last turn, in order of preference."""

    persons: tuple[str, ...]
    things: tuple[str, ...]  # an organisation, a team, a work, a place: "it", "they", "the company"
    date: str | None  # what "that year" stands for
    answer: str | None
    answer_kind: AnswerKind
    asked_noun: str | None  # the noun of the previous question's "which ..." ("agency" in "Which agency led ...?")


@dataclass(frozen=True)
class Followup:
    """A question as understood in its conversation.

    ``question``: the question with its references and ellipsis resolved (itself when it stands
    alone); ``leans``: whether it leans on the conversation; ``queries``: what to search for, the
    most trusted first: the question with the last turn's words first when it leans on them, the
    question alone first when it stands alone (the last turn's words then only help where it finds little);
    ``said``: the last answer, when the question leans on it to ask something new ("Where was he heading
    after Kenya?" after "Grantham and Stamford") rather than repeating its frame ("And in 2005?").
    """

    question: str
    queries: tuple[str, ...]
    leans: bool
    said: str | None = None


def understand(question: str, history: Sequence[Turn]) -> Followup:
    """``question`` resolved against the last turn of ``history``, and the queries to retrieve it with."""
    question = question.strip()
    if not history:
        return Followup(question, (question,), False)
    last = history[-1]
    if typed_in_capitals(last.question):  # read as typed in lower case, as the question itself is
        last = last.model_copy(update={"question": last.question.lower()})
    ref = referents(last)
    text = _ABOUT.sub("", _LEAD.sub("", question)).strip() or question
    fragment = _is_fragment(text.rstrip("?.! "))
    completed = _fill_ellipsis(text, last.question, ref) if fragment else _capitalise(text)
    resolved = completed
    for rule in (_resolve_dates, _resolve_definites, _resolve_pronouns, _resolve_demonstrative):
        resolved = rule(resolved, ref)
    if not fragment and resolved == completed and _leans(question):
        resolved = _with_context(resolved, last, ref)  # a reference nothing agreed with ("that goal", "the two of them")
    leans = resolved != question or _leans(question)
    with_context = f"{resolved} {' '.join(part for part in (last.question, last.answer) if part)}"
    queries = (with_context, resolved) if leans else (resolved, with_context)
    return Followup(resolved, queries, leans, last.answer if leans and not fragment else None)


def repeats(answer: str, said: str) -> bool:
    """Whether ``answer`` only says (part of) ``said`` again: "Stamford" or "Grantham and Stamford" after "Grantham and Stamford"."""
    words = set(re.findall(r"\w+", answer.lower())) - STOPWORDS
    return bool(words) and words <= set(re.findall(r"\w+", said.lower()))


def as_stated(question: str) -> str:
    """The question as the user worded it: without the referents ``understand`` adds in brackets."""
    return _REFERENT.sub("", question)


def _leans(question: str) -> bool:
    """A question that still leans on the conversation: a reference left unresolved, or only a few words."""
    text = _LEAD.sub("", question)
    return bool(_PRONOUN.search(text) or re.search(r"\b(?:that|this|these|those)\b", text, re.IGNORECASE)) or len(text.split()) <= 3


# -- what the last turn offers --------------------------------------------------------------------


def names(text: str) -> list[str]:
    """The capitalised names of ``text`` in order ("Sir Nicholas Scott", "Bank of England"), possessives cut."""
    out: list[str] = []
    current: list[str] = []
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        bare = re.sub(r"['’]s$", "", word).rstrip(".")
        capital = word[0].isupper() and not (i == 0 and word.lower() in _FUNCTION)
        if capital:
            current.append(bare)
            if bare != word.rstrip("."):  # a possessive ends the name
                out.append(" ".join(current))
                current = []
        elif current and word.lower() in _CONNECTORS and i + 1 < len(words) and words[i + 1][0].isupper():
            current.append(word)
        elif current:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return [n for n in out if not _is_adjective(n)]


def _is_adjective(name: str) -> bool:
    """A nationality or similar adjective ("Spanish", "Korean") or a day or month: capitalised, but no name to refer to."""
    return " " not in name and (bool(re.search(r"(?:ish|ese|ian|ean|ic)$", name)) or name.lower() in CALENDAR)


def is_person(name: str) -> bool:
    """Whether a name looks like a person's: a title, or two to four capitalised words that name no organisation or
    place (by a word of either list of them: "France Telecom" is none)."""
    words = name.split()
    if not words or any(c.isdigit() for c in name):
        return False
    if words[0].lower().rstrip(".") in _TITLES:
        return True
    capitalised = [w for w in words if w[0].isupper()]
    return 2 <= len(words) <= 4 and len(capitalised) == len(words) and not any(w.lower() in _ORG_WORDS for w in words) and not ORG_WORDS.search(name)


def referents(turn: Turn) -> Referents:
    """The persons, things and date of ``turn`` a reference can stand for: its answer first when it agrees."""
    kind = classify_question(turn.question).kind
    asked = asked_noun(turn.question)
    answer_kind = classify_question(f"which {asked}").kind if asked else kind  # "Which Royal Bank economist": an economist
    answer = (turn.answer or "").strip() or None
    if answer and len(answer.split()) > MAX_ANSWER_WORDS:
        answer = None
    in_question = names(turn.question)
    persons = [n for n in in_question if is_person(n)]
    things = [n for n in in_question if not is_person(n)]
    date = None
    if answer:
        quantity = kind in (AnswerKind.DATE, AnswerKind.NUMBER, AnswerKind.AMOUNT) or any(c.isdigit() for c in answer)
        core = re.sub(r"^(?:the|a|an)\s+", "", answer, flags=re.IGNORECASE)
        if kind is AnswerKind.DATE or _YEAR.fullmatch(answer):
            date = answer
        elif not quantity and _capitalised(core) and _a_person(core, answer_kind) and asked not in _WORKS:  # "My Left Foot", a film
            persons.insert(0, answer)
        elif not quantity and _capitalised(core):
            things.insert(0, answer)
    elif answer_kind is AnswerKind.PERSON:
        persons = []  # unanswered: "he" is the person asked about, whom nobody named
    elif answer_kind in (AnswerKind.ORGANISATION, AnswerKind.PLACE, AnswerKind.OTHER):
        things = []
    if date is None:
        year = _YEAR.search(turn.question)
        date = year.group(0) if year else None
    return Referents(tuple(persons), tuple(things), date, answer, kind, asked)


def asked_noun(question: str) -> str | None:
    """The noun a "which ..." or "what ..." question asks for: its first lower-case word after the names
    ("economist" in "Which Royal Bank of Scotland economist commented ...?"); None for "What did ...?"."""
    lead = re.match(r"\s*(?:which|what)\s+((?:[\w'’&.-]+\s+){0,5})", question, re.IGNORECASE)
    if lead is None:
        return None
    for word in lead.group(1).split():
        if word[0].isupper() or word in _CONNECTORS:
            continue
        word = re.sub(r"['’]s$", "", word)
        return None if word in _FUNCTION or word in _NOT_A_NOUN else word
    return None


_WORKS = frozenset("film films movie movies book books novel song songs album albums single track show series programme play opera musical game painting".split())


def _a_person(answer: str, kind: AnswerKind) -> bool:
    """Whether an answer is a person: asked for as one ("Who ...?") and naming no organisation, or asked for
    as something else that is neither an organisation nor a place but looks like a person's name."""
    if kind is AnswerKind.PERSON:
        return not any(w.lower() in _ORG_WORDS for w in answer.split())
    return kind is AnswerKind.OTHER and is_person(answer)


def _capitalised(text: str) -> bool:
    return any(w[0].isupper() for w in text.split())


# -- the rules ------------------------------------------------------------------------------------


def _fill_ellipsis(text: str, previous: str, ref: Referents) -> str:
    """A fragment ("in 2005?", "In which minute?", "Lee?", its "And" or "What about" cut) completed with the previous question's frame."""
    body = text.rstrip("?.! ")
    frame = previous.strip().rstrip("?. ")
    years = _YEAR.findall(body)
    if years and not _WH.search(body):  # "And in 2005?": the new year in place of the old one
        return _replace_or_add(frame, _YEAR, years[0], body) + "?"
    place = _PLACE_PHRASE.search(body)
    wh = _WH.search(body)
    if wh is None:
        if place:  # "And in France?"
            return _replace_or_add(frame, _PLACE_PHRASE, place.group(0), body) + "?"
        if _POSSESSED.fullmatch(body):  # "And his sister?"
            subject = _SUBJECT_PRONOUN.search(frame)
            if subject:  # after "How long should he (Jeremy Jaynes) serve?"
                return f"{frame[: subject.start()]}{body}{frame[subject.end() :]}?"
            people = [n for n in names(frame) if is_person(n)]
            if len(people) == 1:  # after "How old is Tony Blair?": "How old is Tony Blair's wife?"
                return frame.replace(people[0], f"{people[0]}'s {body.split(None, 1)[1]}", 1) + "?"
        given = [n for n in names(_capitalise(body)) if n.lower() not in STOPWORDS]  # "His" of "his sister" is no name
        same = [n for n in names(frame) if given and is_person(n) == is_person(given[0])]
        if given and (len(same) == 1 or same and is_person(given[0])):  # "What about Lee?" after "How old is Kishida?"
            return frame.replace(same[0], given[0], 1) + "?"
        return f"{frame} {body}?"
    # a question word: "In which minute?", "Which one in France?", "With which song?"
    if place and _PLACE_PHRASE.search(frame):
        frame = _PLACE_PHRASE.sub(lambda _: place.group(0), frame, count=1)
        body = body.replace(place.group(0), "").strip()
    if re.fullmatch(r"(?:which|what)\s+one", body, re.IGNORECASE):
        return frame + "?"  # "which one" asks the previous question again, in the new place
    return f"{_capitalise(body)} ({_statement(frame, ref.answer)})?"


def _is_fragment(body: str) -> bool:
    """Whether ``body`` (the question less a leading "And") is a fragment rather than a whole question:
    no question word and a few words ("in 2005"), a preposition and a question word ("In which minute"),
    "which one ..." or a question word alone ("Why?", "How much?"). A question that asks yes or no is whole
    ("Did he resign?")."""
    words = body.split()
    wh = _WH.search(body)
    if wh is None:
        return len(words) <= 5 and not asks_yes_or_no(body)
    if re.fullmatch(r"(?:which|what)\s+one\b.*", body, re.IGNORECASE) or wh.group(0).lower() == body.lower():
        return True
    return bool(re.match(r"(?:in|on|at|with|by|for|from|to|of|since|until|after|before)\s", body, re.IGNORECASE)) and len(words) <= 4


def _statement(frame: str, answer: str | None) -> str:
    """The previous question as a statement of its answer, as far as plain word order allows.

    "Who put United ahead?" + "Rooney" -> "Rooney put United ahead"; otherwise the question and
    its answer side by side ("who did Band Aid keep off the top: Kylie Minogue").
    """
    if not answer:
        return frame
    subject = re.match(r"\s*(?:who|what)\s+(?!(?:is|was|are|were|did|does|do|has|had|have|will|would|can|could)\b)(\w+)", frame, re.IGNORECASE)
    if subject:
        return answer + frame[re.match(r"\s*\w+", frame).end():]
    return f"{frame[:1].lower()}{frame[1:]}: {answer}"


def _replace_or_add(frame: str, pattern: re.Pattern[str], new: str, body: str) -> str:
    """``frame`` with its first match of ``pattern`` replaced by ``new``, or with ``body`` added when it has none."""
    if pattern.search(frame):
        return pattern.sub(lambda _: new, frame, count=1)
    return f"{frame} {body}"


def _resolve_dates(question: str, ref: Referents) -> str:
    """"that same year", "the same season" -> the date of the last turn."""
    if not ref.date:
        return question
    return _SAME_DATE.sub(lambda m: m.group(0) if _ANNOTATED.match(question, m.end()) else f"{m.group(0)} ({ref.date})", question, count=1)


def _resolve_definites(question: str, ref: Referents) -> str:
    """"the agency" after "Which agency ...?" -> its answer; "that company" -> the organisation the last turn named."""

    def swap(match: re.Match[str]) -> str:
        noun = match.group(2).lower()
        if noun in _NOT_A_NOUN or _ANNOTATED.match(question, match.end()):
            return match.group(0)
        if ref.asked_noun == noun and ref.answer and ref.things and ref.things[0] == ref.answer:
            return f"{match.group(0)} ({ref.answer})"
        if noun in _ORG_NOUNS and ref.things and (match.group(1).lower() != "the" or noun == ref.asked_noun or noun in _THE_REFERS):
            return f"{match.group(0)} ({ref.things[0]})"
        return match.group(0)

    return _DEFINITE.sub(swap, question)


def _resolve_pronouns(question: str, ref: Referents) -> str:
    """Each pronoun followed by the referent that agrees with it, in brackets: "his (Lord Scarman) inquiry"."""
    introduced: set[str] = set()

    def swap(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        before, after = question[: match.start()], question[match.end() :]
        if _ANNOTATED.match(after):
            return match.group(0)  # resolved in an earlier turn: "he (Yoon Suk-yeol)"
        if word in _THING:
            if _EXPLETIVE_IT.match(after):
                return match.group(0)
            candidates = ref.things
        elif word in _PERSONAL:
            candidates = ref.persons
        else:
            if _GROUP_OF.search(before):
                return match.group(0)  # "the two of them": the people of the last turn together
            candidates = _plural(ref)
        if not candidates:
            return match.group(0)
        referent = candidates[0]
        if referent in introduced:
            return match.group(0)  # named once is enough: "When did he say he would leave?"
        introduced.add(referent)
        return f"{match.group(0)} ({referent})"

    return _PRONOUN.sub(swap, question)


def _plural(ref: Referents) -> tuple[str, ...]:
    """What "they" can stand for: the people of the last turn together ("Kishida and Yoon"), or a thing
    that is no place answered ("Tokyo" is "there", not "they")."""
    together = (" and ".join(ref.persons),) if len(ref.persons) > 1 else ()
    return together + tuple(t for t in ref.things if not (t == ref.answer and ref.answer_kind is AnswerKind.PLACE))


def _resolve_demonstrative(question: str, ref: Referents) -> str:
    """"By what percentage was that up?" after an amount: "that" is the amount ("was that (£1.04bn) up?")."""
    if not ref.answer or ref.answer_kind not in (AnswerKind.AMOUNT, AnswerKind.NUMBER):
        return question
    pronoun = re.compile(r"\b(that|this)\b(?=\s*[?.!]|\s*$|\s+(?:" + "|".join(sorted(_NOT_A_NOUN)) + r")\b)", re.IGNORECASE)
    return pronoun.sub(lambda m: f"{m.group(0)} ({ref.answer})", question, count=1)


def _with_context(question: str, last: Turn, ref: Referents) -> str:
    """``question`` with the last turn's names, years and answer in brackets, those it does not already hold."""
    given = question.lower()
    words = [*names(last.question), *_YEAR.findall(last.question)]
    if ref.answer:
        words.append(ref.answer)
    context = [w for w in dict.fromkeys(words) if w.lower() not in given]
    if not context:
        return question
    body = question.rstrip()
    end = body[-1] if body[-1:] in "?.!" else ""
    return f"{body[: len(body) - len(end)]} ({', '.join(context)}){end}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
