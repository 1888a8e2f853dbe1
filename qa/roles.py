"""Who holds the asked role: a "who" question about a role is not answered by a holder of another.

"Who is the finance director at Qantas?" is not answered by "Qantas boss Mr Dixon", nor "Who is
the head of Gazprom?" by "Rosneft chief Sergei Bogdanchikov", nor "Who is the Wales manager?" by
"club manager Sir Alex Ferguson" (``other_role``); "Who is the foreign secretary?" not by "shadow
foreign secretary Michael Ancram" (``qualified_role``); "Who is the health secretary?" not by
"General secretary Brendan Barber" (``other_office``); "Who was the agent Titan paid?" not by anyone
in a sentence that says "an unnamed agent" (``left_unnamed``). "Who runs GlaxoSmithKline?" is
asked as news words it: "Who is the chief executive of GlaxoSmithKline?" (``as_role_question``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.words import STOPWORDS
from qa.constraints import OPENERS, met, name_initials, question_constraints
from qa.places import PlaceKind, place_kinds
from qa.question_type import PERSON_NOUNS

__all__ = ["as_role_question", "asks_holder", "left_unnamed", "other_office", "other_role", "qualified_role", "role_in_other_body", "unqualified_role"]


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
_ASKS_WHO = re.compile(r"\s*(?:who|what(?:'s|’s| is| was) the name of)\b", re.I)  # asks for whoever holds a role; "Which Barcelona coach" may be its assistant coach
_NATION_ROLE = re.compile(rf"\b([A-Z][a-z]+)(?:['’]s)? ({_ROLE_NAMES})\b")  # "the Wales manager"
_CLUB_BEFORE = re.compile(r"\bclub\s+$", re.I)
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
        words = [w for w in owner.group(1).split() if w.lower() not in OPENERS] if owner else []  # not "The" of "The Rosneft chief"
        names = [c for c in question_constraints(question) if c.kind == "name"]
        if words and names and not any(w.lower() in question.lower() for w in words) and not any(met(names, " ".join(words))):
            return asked[0], f"{' '.join(words)} {title}"  # "Rosneft chief Sergei Bogdanchikov" does not head Gazprom
        nation = _NATION_ROLE.search(question)
        if nation and _CLUB_BEFORE.search(sentence, 0, title_at) and PlaceKind.COUNTRY in place_kinds(nation.group(1)):
            return f"{nation.group(1)} {nation.group(2).lower()}", f"club {title}"  # "club manager Sir Alex Ferguson" does not manage Wales
        return None
    mentions = [m for m in _ROLE.finditer(sentence) if m.group().lower() in same]
    if mentions:
        beside = any(m.start() - NEAR_ROLE <= answer_end and answer_at <= m.end() + NEAR_ROLE for m in mentions)
        return None if beside else (asked[0], "")  # "The Tory leader argued ... let down by Tony Blair": someone else
    near = [m.group().lower() for m in _ROLE.finditer(sentence[max(0, answer_at - 30) : answer_end + 20])]
    return (asked[0], near[0]) if near else None


_BODY = r"((?:the\s+)?(?-i:[A-Z][\w&'’-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w&'’-]*)*))"  # a body's name, capitalised
_BODY_ROLE = rf"({_ROLE_NAMES}|president|director|secretary|spokes(?:man|woman|person))\s+(?:of|at)\s+{_BODY}"
_ROLE_OF_ASKED = re.compile(rf"\b{_BODY_ROLE}", re.I)  # "the president of the Parents Television Council"
_ROLE_OF_AFTER = re.compile(rf",\s+(?:the\s+)?{_BODY_ROLE}", re.I)  # ", president of the National Council for Adoption"


def role_in_other_body(question: str, sentence: str, answer_end: int) -> tuple[str, str] | None:
    """When a "who" question asks for a role in a body ("Who is the president of the Parents Television
    Council?") and ``sentence`` gives the answer that role in another ("Thomas Atwood, president of the
    National Council for Adoption"): the role asked and the role given, each with its body."""
    asked = _ROLE_OF_ASKED.search(question)
    given = _ROLE_OF_AFTER.match(sentence, answer_end)
    if asked is None or given is None or not _ASKS_WHO.match(question) or given.group(1).lower() != asked.group(1).lower():
        return None
    names = [replace(c, head=None) for c in question_constraints(question) if c.kind == "name" and c.text in asked.group(2)]  # "Council" alone is not the whole name
    body, wanted = (re.sub(r"^the\s+", "", m.group(2).strip(), flags=re.I) for m in (given, asked))
    if not names or all(met(names, body)) or name_initials(body) in question:
        return None
    return f"{asked.group(1)} of {wanted}", f"{given.group(1)} of {body}"


_TITLE_OWNER = re.compile(r"\b((?:[A-Z][\w&-]+\s+)*[A-Z][\w&-]+)(?:['’]s)?\s+$")  # "Rosneft" of "Rosneft chief", "Queens Park Rangers" of "Queens Park Rangers keeper"
_QUALIFIERS = ("shadow", "former", "ex", "deputy", "vice", "acting", "assistant", "junior")
_QUALIFIER = rf"\b({'|'.join(_QUALIFIERS)})[- ]((?:[a-z]+ ){{0,3}}[a-z]+)"
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


_ASKED_QUALIFIED = re.compile(  # "the deputy director of the reserve", "the vice president?": the qualifier and the role's words
    rf"\b({'|'.join(_QUALIFIERS)})[- ]([a-z]+(?: [a-z]+){{0,2}}?)(?=\s+(?:of|at|in|for|to)\b|[^\w\s]|\s+[A-Z]|\s*$)"
)


_QUALIFIED_HERE = re.compile(rf"\b(?:{'|'.join(_QUALIFIERS)})[- ]$", re.I)  # a qualifier right before a role


def unqualified_role(question: str, sentence: str, answer_at: int, answer_end: int) -> tuple[str, str] | None:
    """When a "who" question asks for a qualified role ("Who is the deputy director of the reserve?") and
    ``sentence`` gives the answer the role without it ("Zhang Hemin, director of the reserve", "Director
    Zhang Hemin"): the role asked and the role given."""
    if not _ASKS_WHO.match(question) or (asked := _ASKED_QUALIFIED.search(question)) is None:
        return None
    role = re.escape(asked.group(2))
    near = max(0, answer_at - 60)
    before = re.search(rf"\b{role},?\s+$", sentence[near:answer_at], re.I)
    after = re.match(rf",?\s+(?:who (?:is|was) (?:now )?)?(?:(?:the|a|[A-Z][\w-]*['’]s?) )?({role})\b", sentence[answer_end:], re.I)
    role_at = near + before.start() if before else answer_end + after.start(1) if after else None
    if role_at is None or _QUALIFIED_HERE.search(sentence, 0, role_at):
        return None  # no role beside the answer, or the role qualified as well ("deputy director")
    return f"{asked.group(1)} {asked.group(2)}", asked.group(2)


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
    held = given.group(1).split()
    if given.group(2)[0].isupper():  # "priority for Finance Minister": a capitalised title's words are capitalised
        while held and held[0][0].islower():
            held.pop(0)
    held = [w.lower() for w in held]
    while held and (held[0] in STOPWORDS or held[0].endswith(("ing", "ed"))):  # "announced by Work and Pensions Secretary",
        held.pop(0)  # "leaving coach Sven-Goran Eriksson": the title's words only
    if not held or held[-1] in STOPWORDS or words[-1] in held:
        return None
    return f"{' '.join(words)} {head}", f"{' '.join(held)} {head}"


_UNNAMED = re.compile(r"\b(?:an?|the|one)\s+(?:unnamed|unidentified|anonymous|undisclosed|unknown)\s+(?:[a-z-]+\s+){0,2}?([a-z-]{3,})\b")


def left_unnamed(question: str, sentence: str) -> tuple[str, str] | None:
    """The one a "who" question asks for when ``sentence`` calls it unnamed ("paying $2.1m to an unnamed
    agent in Benin" for "Who was the agent in Benin that Titan paid?"): the sentence says it does not name
    them, so no name in it answers. The asked noun and ""; None otherwise."""
    if not _ASKS_WHO.match(question):
        return None
    low = question.lower()
    return next(((m.group(1), "") for m in _UNNAMED.finditer(sentence) if re.search(rf"\bthe (?:[a-z-]+ ){{0,2}}{m.group(1)}\b", low)), None)


# what a verb of running something makes its subject: "Who runs GlaxoSmithKline?" asks for its chief executive
_ROLE_OF_VERB = {
    "runs": "chief executive", "heads": "head", "leads": "leader", "chairs": "chairman", "manages": "manager",
    "coaches": "coach", "owns": "owner", "edits": "editor", "captains": "captain",
}
_WHO_RUNS = re.compile(rf"^(\s*who)\s+(?:(now|currently)\s+)?({'|'.join(_ROLE_OF_VERB)})\s+(?!(?:in|for|a|an|to|at|on|with)\b)(?=\S)", re.I)


def as_role_question(question: str) -> str:
    """A "who runs X?" question as news words the answer: "Who is the chief executive of X?" (heads, leads,
    chairs, manages, coaches, owns, edits, captains likewise); any other question as it is."""
    found = _WHO_RUNS.match(question)
    if found is None:
        return question
    role = _ROLE_OF_VERB[found.group(3).lower()]
    now = f" {found.group(2)}" if found.group(2) else ""
    return f"{found.group(1)} is{now} the {role} of {question[found.end() :]}"
