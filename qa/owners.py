"""Whose figure it is: an answer's sentence may give its figure for someone or something else.

"How much was Oasis drummer Alan White fined?" is not answered by "Oasis singer Liam Gallagher has
been fined 50,000 euros": another person stands before the figure or a "who" clause about another
person holds it (``rival_person``), a clause with a subject of its own holds it ("... fell while
Japan's Nippon Steel ... agreed to pay 72% more", ``other_clause_subject``), another name
owns it ("one of UKIP's two London Assembly members", ``other_owner``), another organisation owns
what it counts ("13,000 cash machines of the Bank of America", ``other_body_owning``), another
place holds it ("sold there", "across the European Union", ``other_place``), it is someone else's
age ("Lucy, 36", ``the_owner_instead``), the asked one bought what it was paid for ("... in turn
bought by Rosneft" for Rosneft's price, ``the_buyer_instead``), or it belongs to other ones of the
asked kind ("three other Birmingham councillors", ``other_ones``), or it is shared with another name
("from the US and the UK", ``shared_figure``). Each check returns what the question asks about and what
the sentence gives instead, for the refusal to say.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from index.words import STOPWORDS, stem
from qa.answer_types import ORG_WORDS, Expected, span_types
from qa.constraints import (
    CAPITALISED_RUN, NAME_WORD, NOT_PEOPLE, OPENERS, Constraint, in_phrases, met, name_initials, people, question_constraints, spelled_out,
)
from qa.places import a_country_s_first_word, country_of_people, demonym, names_a_big_place, place_beside, place_in_sentence, place_kinds, place_of_there, same_place

__all__ = ["DESCRIBED_BY_AGE", "other_body", "other_body_owning", "other_clause_subject", "other_ones", "other_owner", "other_owner_of_thing", "other_place", "rival_person", "shared_figure", "the_buyer_instead", "the_owner_instead", "the_roles_reversed"]


DESCRIBED_BY_AGE = re.compile(r"\d{1,3}-year-old\b")
# after another person's name, what makes the figure not theirs: a thing of theirs with a name ("flautist
# James Newton's Choir"), or someone described between them and the figure ("who treated the Dutchman after he ...")
_NOT_THE_FIGURES_OWNER = re.compile(r"^['’]s\s+[A-Z]|\bthe (?:[A-Z][a-z]+(?:man|woman)|\d{1,3}-year-old)\b")
_NEXT_CLAUSE = re.compile(r"(?:\band|\bwhile|\bbut|\bwhereas|;)\s+(?:[\w'’-]+\s+){0,3}$")  # "$1m ... and actor Leonardo " before "DiCaprio"
_A_THINGS_NAME = re.compile(r"\b(?i:its|their)\s+$")  # "best known for its Alfa Romeo marque": a brand, no person
_CLAUSE_BREAK = re.compile(r"(?:,\s*|\s)(?:while|whereas|but)\s+|;\s*")  # where a clause with a subject of its own begins
_WHO_CLAUSE = re.compile(r",\s+who\s+[^,;]*$")  # "Arsene Wenger, who was fined " before "£15,000": the figure is his


def _described_by_who_clause(question: str, sentence: str, answer_at: int) -> tuple[str, str] | None:
    """When the answer stands in a "who" clause about a person the question does not name, and the
    sentence names the one asked about after it: that one and the person the clause describes ("Arsene
    Wenger, who was fined £15,000 ..., believes that Aragones' punishment was too lenient" gives
    Wenger's fine, not Aragones')."""
    before = sentence[:answer_at]
    clause = _WHO_CLAUSE.search(before)
    if clause is None:
        return None
    described = people(before[: clause.start()])
    if not described or not before[: clause.start()].endswith(described[-1]) or described[-1].split()[-1].lower() in question.lower():
        return None
    after = sentence[answer_at:].lower()
    asked = [c.text for c in question_constraints(question) if c.kind == "name" and c.text.lower() in after]
    return (asked[0], described[-1]) if asked else None


def rival_person(question: str, sentence: str, answer_at: int, article: str = "") -> tuple[str, str] | None:
    """When ``sentence`` names none of the people the question names, but another person before
    the answer (at ``answer_at``), the first person asked about and that other person.

    "How much was Oasis drummer Alan White fined?" is not answered by "Oasis singer Liam
    Gallagher has been fined 50,000 euros": the figure belongs to someone else. A surname alone
    is a person when the ``article`` gives the whole name ("Michels" for "Rinus Michels"). A
    question that names no person is about the first name it gives ("Opera"), and a sentence
    that mentions none of its names but puts another name before the figure ("Firefox wants 10%
    of the market"), or another name with the noun the question gives its name with ("the
    Shadowcrew website" for "the Carderplanet website"), gives that name's figure. A figure in a "who"
    clause is the person's it describes ("Arsene Wenger, who was fined £15,000 ..., believes that
    Aragones' punishment ..."), and a person who opens the sentence owns its figure when the one asked
    about stands only in a later clause ("Owen ... has grabbed 11 goals for Real but ... Raul").
    """
    asked = people(question)
    low_sentence, low_question = sentence.lower(), question.lower()
    before = sentence[:answer_at]
    if DESCRIBED_BY_AGE.match(sentence, answer_at) and re.search(r"(?<![,(]) the $", before):
        return None  # "cannot afford to sack the 43-year-old Liverpool legend": someone described, not the person named before
    if re.match(rf"\W*the {DESCRIBED_BY_AGE.pattern}", before, re.I):
        return None  # "The 62-year-old sang Hey Jude ...": its subject is a person the article named before

    owner = _described_by_who_clause(question, sentence, answer_at)
    if owner:
        return owner

    def named(words: set[str]) -> list[str]:
        return [w for w in re.findall(NAME_WORD, before) if w in words and w.lower() not in low_question and w.lower() not in OPENERS | NOT_PEOPLE]

    if asked:
        mentions = [low_sentence.find(p.split()[-1].lower()) for p in asked if p.split()[-1].lower() in low_sentence]
        if mentions and (min(mentions) < answer_at or not _NEXT_CLAUSE.search(sentence, answer_at, min(mentions))):
            return None  # named before the figure, or in its clause; not only in the next ("... and actor Leonardo DiCaprio pledged")
        others = [p for p in people(before) if p.split()[-1].lower() not in low_question]
        others = others or named({p.split()[-1] for p in _people_of(article)})  # "Michels" for "Rinus Michels"
        others = [p for p in others if not _NOT_THE_FIGURES_OWNER.search(before.rsplit(p, 1)[1]) and not _A_THINGS_NAME.search(before.rsplit(p, 1)[0])]
        return (asked[0], others[0]) if others else None
    names = [c for c in question_constraints(question) if c.kind == "name" and c.text.lower() not in NOT_PEOPLE]
    # not "The German-US carmaker"; after an opening phrase: "Despite the dip in profits, Heineken's sales ..."
    subject = re.match(rf"\s*(?:[A-Z][^,;:\"“”]{{0,60}},\s+)?(?:(?:The|But|And|Meanwhile|Now),? )?({NAME_WORD})\b(?!-)", before)
    if not names or subject is None or demonym(subject.group(1)):
        return None  # "The German carmaker" is described, not named
    if any(met(names, sentence)):  # the one asked about only in a later clause: "Owen ... has grabbed 11 goals for Real but ... replace Raul"
        later = _CLAUSE_BREAK.search(sentence, answer_at)
        surnames = {p.split()[-1] for p in _people_of(article)} - {w for w in re.findall(NAME_WORD, question)}
        if later is None or subject.group(1) not in surnames:
            return None
        only_later = [c for c, before_it in zip(names, met(names, sentence[: later.start()])) if not before_it]
        return (only_later[0].text, subject.group(1)) if only_later else None
    if re.match(r"\s*The\b", before) and place_kinds(CAPITALISED_RUN.match(before, subject.start(1)).group()):
        return None  # "The Jacksonville, Florida-based firm" is described by where it is; not "The London Stock Exchange"
    if name_initials(CAPITALISED_RUN.match(before, subject.start(1)).group()) in {c.text for c in names}:
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
    return frozenset(re.findall(rf"(?<=[a-z,] )({NAME_WORD})\b", text))


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


_ONE_NAME = r"(?:the )?(?:[A-Z][\w&.-]* )*[A-Z][\w&-]*(?:\.[\w&-]+)*"
_PAIR = re.compile(rf"\b((?:{_ONE_NAME}, )*{_ONE_NAME}),? and ({_ONE_NAME})")  # "the US and the UK", "Sony, IBM and Toshiba"
_EACH = re.compile(r"\s*(?:[\w-]+\s+)?\beach\b|\bapiece\b", re.I)  # "5½ sacks each", "each had 5½"
_TOGETHER = re.compile(r"\b(?:and|together|combined|jointly|between|both)\b", re.I)
PAIR_REACH = 40  # characters between a figure and the pair of names that shares it: "$11m from the US and the UK"


def shared_figure(question: str, sentence: str, answer: tuple[int, int]) -> tuple[str, str] | None:
    """A figure the sentence gives for a pair of names of which the question asks about one ("it has
    only received $11m from the US and the UK" for how much the UK gave): the asked name alone and the
    pair together, as the refusal words them. Not when the question asks about them together ("How
    much did the US and the UK give?")."""
    if _TOGETHER.search(question):
        return None
    asked = {p.lower(): p for p in in_phrases([c for c in question_constraints(question) if c.kind == "name"], question)}
    for m in _PAIR.finditer(sentence):
        if not (answer[1] <= m.start() <= answer[1] + PAIR_REACH or answer[0] - PAIR_REACH <= m.end() <= answer[0]):
            continue
        if _EACH.search(sentence[min(m.end(), answer[1]) : max(m.start(), answer[0])]) or _EACH.match(sentence, answer[1]):
            continue  # "Derek Wolfe and Malik Jackson each had 5½ sacks": the figure is each one's
        each = [re.sub(r"^the ", "", name).lower() for name in re.split(r",? and |, ", m.group())]
        ours = [name for name in each if name in asked]  # the whole name: "French Canada" is no "French"
        if ours and any(name not in question.lower() for name in each):
            return f"{asked[ours[0]]} alone", f"{m.group()} together"
    return None


_NAME_RUN = r"\b((?:[A-Z][\w&.-]* )*[A-Z][\w&.-]*)"
_OWNER = rf"{_NAME_RUN}['’]s"  # a name that owns what follows: "UKIP's", "Labour's"
_OWNER_BEFORE = re.compile(rf"{_OWNER}\s+$")
_WHICH_BEFORE = re.compile(rf"{_NAME_RUN},\s+which\s+(?:[a-z]+\s+){{1,3}}$")  # "Yahoo Games, which attracts about 12 million"
_OWNING_BODY_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){1,2}of\s+(?:the\s+)?((?:[A-Z][\w&.-]*\s+)*(?:of\s+)?[A-Z][\w&.-]*)")  # "cash machines of the Bank of America"


def other_owner(question: str, sentence: str, answer_at: int, article: str = "") -> tuple[str, str] | None:
    """A figure whose owner stands right before it, a name the question does not give ("one of UKIP's
    two London Assembly members" for "How many members does the London Assembly have?", "Yahoo Games,
    which attracts about 12 million gamers" for AOL's): the
    question's first name and that owner. Not a person of the ``article`` ("Mr Brown's £2bn" may be
    the chancellor's), nor a name of the question or one of its aliases ("Britain's" for the UK)."""
    names = [c for c in question_constraints(question) if c.kind == "name"]
    owner = _OWNER_BEFORE.search(sentence[:answer_at])
    if owner is None and not any(met(names, sentence)):  # "Saxony, which began in 1527" may be the visitation Luther made
        owner = _WHICH_BEFORE.search(sentence[:answer_at])
    if owner is None or not names:
        return None
    name = owner.group(1)
    while " " in name and name.split(" ", 1)[0].lower() in OPENERS:
        name = name.split(" ", 1)[1]  # "But UKIP's"
    words = name.lower().split()
    telling = [w for w in name.split() if not ORG_WORDS.fullmatch(w)] or name.split()  # "Yahoo" of "Yahoo Games" for "AOL's games site"
    if name.lower() in OPENERS or any(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in telling) or any(met(names, name)):
        return None
    if set(words) & {w.lower() for p in _people_of(article) for w in p.split()}:
        return None
    return in_phrases(names, question)[0], name


def other_clause_subject(question: str, sentence: str, answer_at: int) -> tuple[str, str] | None:
    """A figure in a clause whose subject is a name the question does not give, while the question's
    names stand only in an earlier clause: "the UK's Corus ... fell while Japan's Nippon Steel slid after
    it agreed to pay 72% more" gives Nippon Steel's figure, not Corus'. The question's first name met
    and that subject; None when the figure's clause names what is asked or opens with no name."""
    breaks = list(_CLAUSE_BREAK.finditer(sentence, 0, answer_at))
    if not breaks:
        return None
    clause = sentence[breaks[-1].end() : answer_at]
    names = [c for c in question_constraints(question) if c.kind == "name"]
    earlier = [c for c, ok in zip(names, met(names, sentence[: breaks[-1].start()])) if ok]
    subject = CAPITALISED_RUN.match(clause)
    if not earlier or any(met(names, clause)) or subject is None or subject.group().split()[0].lower() in OPENERS:
        return None
    if any(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in re.findall(r"[\w-]+", subject.group()) if w.lower() not in OPENERS):
        return None
    return earlier[0].text, subject.group()


def other_body_owning(question: str, sentence: str, answer_end: int) -> tuple[str, str] | None:
    """A count of things an organisation the question does not name owns, right after the figure (which
    ends at ``answer_end``): "13,000 cash machines of the Bank of America" for the Canadian Imperial Bank
    of Commerce's. The organisation asked about and the owner; None when the question names no organisation."""
    owner = _OWNING_BODY_AFTER.match(sentence, answer_end)
    name = owner.group(1).rstrip(".") if owner else ""  # "the Bank of America." ending a sentence
    names = [c for c in question_constraints(question) if c.kind == "name"]
    bodies = [phrase for phrase in in_phrases(names, question) if ORG_WORDS.search(phrase) and not names_a_big_place(phrase)]
    if not bodies or not ORG_WORDS.search(name) or names_a_big_place(name):
        return None  # a body's, not a country's ("the United States")
    # what tells one body from another: not "Bank" or "of" in "the Bank of America"
    words = [w.lower() for w in name.split() if w.lower() not in OPENERS and not ORG_WORDS.search(w)]
    own = [replace(c, head=None) for c in names if not ORG_WORDS.search(c.text)]
    if not words or any(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in words) or any(met(own, name)):
        return None
    return bodies[0], name


def other_place(question: str, sentence: str, before: str, answer: tuple[int, int]) -> tuple[str, str] | None:
    """A figure given for another place than the one the question names, in a sentence that does not
    name the asked one: the place its "there" stands for ("95% of all mobiles sold there", after a
    sentence on Japan, for "... sold in the US") or the place beside the figure ("growth of 2.2% across
    the European Union" for the Czech Republic's), or the asked place only as one the figure leaves out ("outside
    France and the United Kingdom"). The question's place and that one. ``before``: the
    text just before the sentence; ``answer``: the figure's offsets in the sentence."""
    names = [c for c in question_constraints(question) if c.kind == "name"]
    asked = [Constraint(phrase, "name") for phrase in in_phrases(names, question) if names_a_big_place(phrase) or a_country_s_first_word(phrase)]  # "Czech (Republic)"
    # "German people" ask about Germany, unless the sentence speaks of Germans too
    asked += [Constraint(country, "name") for c in names if (country := country_of_people(c.text)) and not re.search(rf"\b{re.escape(c.text.rstrip('s'))}", sentence)]
    if not asked:
        return None
    if all(met(asked, sentence)):
        outside = list(_OUTSIDE.finditer(sentence))  # "growth outside France and the United Kingdom" is none in the UK
        if not outside:
            return None
        kept = _OUTSIDE.sub(" ", sentence)
        return next(((c.text, m.group()) for c, ok in zip(asked, met(asked, kept)) if not ok for m in outside if met([c], m.group())[0]), None)
    there = place_of_there(sentence, before) or place_beside(sentence, *answer) or place_in_sentence(sentence, *answer)
    if there is None or any(same_place(c.text, there) or same_place(there, c.text) for c in asked):
        return None
    return asked[0].text, there


_OUTSIDE = re.compile(r"\b(?:outside|excluding|except(?: in| for)?|other than|apart from)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:(?:and|or|&)\s+)?(?:the\s+)?[A-Z][\w-]*)*")
_OWNED = re.compile(rf"{_OWNER} ((?:[a-z-]+ ){{0,2}}[a-z-]+)")  # "Lucy's birth mother", "Labour's spring conference"
_HOW_OLD = re.compile(  # "How old was Stephen Pound", "How old is Hearts winger Saulius Mikoliunas"
    r"\b(?i:how old (?:is|was|were|are|will))\s+([A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|(?!(?:when|while|after|before|as|at|in|on|of|for|and|if|since|until|where|that|did|does|was|were|is)\b)[a-z]+(?=\s+[A-Z])))*)(['’]s)?"
)
_AGED = re.compile(r"\d+[- ]years?[- ]old\s+([^,.;:]{0,60})")  # the age before the one it is of: "17-year-old Italian striker Arturo Lupoli"
_DESCRIBING = 3  # words that may describe a person between an age and the name: "former England captain"
_A_VERB = re.compile(r"(?:ed|ing)$|^(?:won|sold|made|paid|got|took|gave|came|went|saw|told|said|says|held|met|left|ran|became|began|has|had|is|was|will)$")


def _described(words: str) -> str | None:
    """The name that ``words`` (those after an age) lead to past the words describing its bearer:
    "Arturo Lupoli" of "Italian striker Arturo Lupoli with ...", "David Beckham" of "former England
    captain David Beckham"; None when a verb or a function word comes first ("served in Northern Ireland")."""
    run: list[str] = []
    for word in words.split()[: _DESCRIBING + 3]:
        if word[:1].isupper():
            run.append(word)
        elif word in STOPWORDS or _A_VERB.search(word):
            break
        else:
            run = []  # "England" of "England captain" describes; a name ends the description
    named = " ".join(run).strip(" '’")
    return named if named and not country_of_people(named) else None


_APPOSED = re.compile(r"\b([A-Z][\w-]*)\s*,\s*(?:aged\s+)?$")  # "Lucy, 36": the figure stands beside the name as its age


def the_owner_instead(question: str, sentence: str, answer_at: int) -> tuple[str, str] | None:
    """A figure set beside a name ("Lucy, 36, tracked down Mr Pound") for a question about someone else:
    someone that name owns ("How old was Lucy's birth mother?") or another person whose age is asked
    ("How old was Stephen Pound when ...?"). The asked one and the name beside the figure."""
    asked = _HOW_OLD.search(question)
    aged = _AGED.match(sentence, answer_at)
    if asked and not asked.group(2) and aged:  # "17-year-old Italian striker Arturo Lupoli" for "How old is Thierry Henry?"
        named = _described(aged.group(1))
        return (asked.group(1), named) if named and not set(named.split()) & set(asked.group(1).split()) else None
    apposed = _APPOSED.search(sentence[:answer_at])
    if apposed is None:
        return None
    name = apposed.group(1)
    for owned in _OWNED.finditer(question):
        noun = [w for w in owned.group(2).split() if w not in STOPWORDS]
        if noun and owned.group(1).split()[-1] == name:
            return f"{owned.group(1)}'s {' '.join(noun)}", owned.group(1)
    if asked and not asked.group(2) and name not in asked.group(1).split():  # "How old is Stephen Pound's daughter": the owned one
        return asked.group(1), name
    return None


_ASKS_PRICE_OF = re.compile(r"\b(?i:how much (?:was|were|is|are|has|have been|had been)) ((?:[A-Z][\w'’&.-]*\s+){1,4}?)(?:\w+\s+){0,2}?(?i:bought|sold|acquired|purchased)\b")
_BUYS = r"(?:bought|buys|buying|acquired|acquires|purchased|paid|pays|took over)"


def the_buyer_instead(question: str, sentence: str) -> tuple[str, str] | None:
    """When the question asks what someone or something was bought or sold for ("How much was Rosneft
    bought for?") and ``sentence`` names it as the buyer ("It was bought for $9.4bn by a group, which
    was in turn bought by Rosneft", "Rosneft bought Yugansk for $9.3bn"): the asked one, and what it
    bought; or what someone paid and the sentence has it sell ("How much did Baikal Finance Group pay for
    Yuganskneftegas?" over "Baikal gave control of the company to Rosneft for $9.3bn"): the asked one, and what it sold for."""
    asked = _ASKS_PRICE_OF.search(question)
    if asked is not None:
        name = asked.group(1).strip()
        buyer = re.search(rf"\b{_BUYS}\b[^.;]{{0,80}}?\bby\s+(?:[\w-]+\s+){{0,4}}{re.escape(name)}\b|\b{re.escape(name)}\s+(?:has\s+|had\s+)?{_BUYS}\b", sentence)
        return (name, f"what {name} bought") if buyer else None
    payer = _ASKS_PAID_BY.search(question)
    if payer is None:
        return None
    name = payer.group(1).strip()
    first = name.split()[0]
    seller = re.search(rf"\b{re.escape(first)}\b(?:\s+[A-Z][\w'’&.-]*)*\s+(?:has\s+|had\s+)?{_SELLS}\b[^.;]{{0,80}}?\bto\s+[^.;]{{0,60}}?\bfor\b", sentence)
    return (name, f"what {name} sold for") if seller else None


def the_speaker_for_whose(question: str, sentence: str, start: int, end: int) -> bool:
    """Whether a "whose" question ("Whose fancy dress party was Prince Harry attending?") is offered the one
    who only says the sentence ("... a friend's fancy dress party, says Tory leader Michael Howard"): the
    speaker owns nothing the sentence tells of."""
    if not _WHOSE.match(question):
        return False
    last = (_SAYS_BEFORE.search(sentence[:start]) or _ENDS_WITH_SPEAKER.search(sentence[start:end])) and re.fullmatch(r"\W*", sentence[end:])
    first = not sentence[:start].strip(" \"'“‘") and _SAYS_AFTER.match(sentence, end)
    return bool(last or first)


_WHOSE = re.compile(r"\W*whose\b", re.I)
_SAYS_BEFORE = re.compile(r"[,\"”’]\s*(?:says?|said|told\s+\w+|according to)\s+(?:[\w.-]+\s+){0,4}$")  # "..., says Tory leader Michael Howard."
_ENDS_WITH_SPEAKER = re.compile(r"[,\"”’]\s*(?:says?|said|according to)\s+(?:[\w.-]+\s+){0,4}[\w.-]+$")  # "a friend's party, says Tory leader Michael Howard"
_SAYS_AFTER = re.compile(r"\s*(?:,[^,]{0,60},\s*)?(?:says?|said|told|added|warned)\b")  # "Michael Howard said ..."
_ASKS_PAID_BY = re.compile(r"\b(?i:how much)\s+(?:\w+\s+)?(?i:did|does|will|would|has|had)\s+((?:[A-Z][\w'’&.-]*\s+){1,4}?)(?i:pay|spend)\b")
_SELLS = r"(?:sold|sells|gave|gives|handed|hands|passed|passes|transferred|transfers)"


_NAME = r"[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3}"
_ASKS_ACTION = re.compile(  # "How much did Fiat pay GM?", "By what score did Barcelona beat Atletico Madrid?"
    rf"\b(?i:how|what|which)\b.*?\b(?i:did|does|do|will|would|is|was|has|have)\s+({_NAME})\s+"
    r"(?i:(pay|paying|paid|give|giving|lend|lending|owe|owing|offer|offering)|(beat|beating|defeat|defeating|thrash|thrashing|overcome|overcoming))"
    rf"\s+(?:to\s+)?({_NAME})\b"
)
_PAYS = r"(?:pays?|paid|paying|is to pay|will pay|agreed to pay|gives?|gave|lent|lends|owes?|offered|offers)"
_BEATS = r"(?:beat|beats|beaten|defeated|defeats|thrashed|overcame|won against)"
_LOSES = r"(?:lost to|lose to|loses to|fell to|beaten by|defeated by|defeat (?:at home |away )?(?:to|by)|loss to)"


def the_roles_reversed(question: str, sentence: str) -> tuple[str, str] | None:
    """When the question asks what one did to another ("How much did Fiat pay GM?", "By what score did
    Barcelona beat Atletico?") and ``sentence`` has the other do it to the one ("GM pays $2bn to evade
    Fiat buyout", "they fell to a 2-0 defeat at home to Atletico Madrid"): the deed asked, and the one given."""
    asked = _ASKS_ACTION.search(question)
    if asked is None:
        return None
    doer, paying, other = asked.group(1), asked.group(2), asked.group(4)
    verb, deed = (_PAYS, "paying") if paying else (_BEATS, "beating")
    one, two = re.escape(doer), re.escape(other)
    near = r"[^.;]{0,40}?"
    if re.search(rf"\b{one}\b{near}\b{verb}\b{near}\b{two}\b", sentence):
        return None
    reversed_ = re.search(rf"\b{two}\b{near}\b{verb}\b{near}\b{one}\b", sentence) or (
        not paying and re.search(rf"\b{one}\b[^.;]{{0,100}}?\b{_LOSES}\b{near}\b{two}\b", sentence)
    )
    return (f"{doer} {deed} {other}", f"{other} {deed} {doer}") if reversed_ else None


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
        while " " in owner and owner.split(" ", 1)[0].lower() in OPENERS:
            owner = owner.split(" ", 1)[1]  # "Speaking at Labour's"
        pairs = {" ".join(thing[i : i + 2]) for i in range(len(thing) - 1)}  # "spring conference" of "spring conference in"
        if not names or owner.lower() in OPENERS or not any(re.search(rf"\b{pair}\b", low_question) for pair in pairs):
            continue
        if any(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in owner.split()) or any(met(names, owner)) or owner in spelled_out(question):
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
    if words and words[-1] in ("government", "state", "federal", "public"):
        return None  # "which government department": any department is one
    if not words or re.search(rf"\b{re.escape(words[-1])}\b", sentence, re.I):
        return None
    head = question[asked.end(1) : asked.end()].lower()
    for given in _GIVEN_BODY.finditer(sentence):
        held = [w for w in given.group(1).lower().split() if w not in STOPWORDS]
        if held and given.group()[len(given.group(1)) :].lower() == head:
            return f"{' '.join(words)} {head}", f"{held[-1]} {head}"
    return None
