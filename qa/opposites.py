"""What a sentence tells against the question: the opposite of what is asked, or not what it asks.

"Which state approved the measure?" is not answered by "Arkansas voters rejected a measure", "the
lowest court" not by "the highest court", "outpatients" not by "inpatients" (``opposite_degree``);
"What didn't Washington do?" not by a sentence that negates nothing, "Where did he die?" not by a
sentence that tells no death, "What did he say in his appeal?" not by one that denies he made one (``unsaid``); "the record with 73 home runs" not by "61 home runs",
"Elizabeth I" not by "Elizabeth II" (``other_number``); "Inbev's total sales" not by "pre-tax profits
... rose 56% to 1.16bn euros" (``other_measure``); "references to drugs" not by "2,881 verbal
references to sex" (``other_thing_counted``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.words import STOPWORDS, stem
from qa.constraints import CONTEXT_WORD, met, question_constraints, rounds_to

__all__ = ["DENIED", "opposite_degree", "other_group", "other_measure", "other_number", "other_thing_counted", "unsaid", "untold_event"]


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
    word = next((w for w in CONTEXT_WORD.findall(negated.lower()) if len(w) > 2 and w not in STOPWORDS), None)
    words = CONTEXT_WORD.findall(sentence)
    found = [i for i, w in enumerate(words) if word and stem(w.lower()) == stem(word)]
    return bool(found) and not any(_SENTENCE_NEGATION.search(" ".join(words[max(0, i - 4) : i])) for i in found)


_EVENTS = (  # an event of a life, or a part played, a question asks about, and the words a sentence tells it with
    ("a birth", re.compile(r"(?i)\b(?:was|were|is|are)\b.*\bborn\b"), re.compile(r"(?i)\b(?:born|births?|native)\b")),
    ("a death", re.compile(r"(?i)\b(?:die|died)\b"), re.compile(r"(?i)\b(?:die[ds]?|dying|death|dead|kill(?:s|ed|ing)|slain|murder(?:s|ed)?|assassinat\w*|passed away|buried|funeral)\b")),
    (
        "a part played",  # "Who plays Nathan Barley?" asks for an actor; not "Who plays for Celtic?", "Who played quarterback?", "played a part in"
        re.compile(r"\b(?i:who (?:plays|played|will play|is playing|is to play|stars as|starred as|will star as)) (?:[A-Z]|(?i:the (?:title )?(?:role|part))\b)"),
        re.compile(r"(?i)\b(?:play(?:s|ed|ing|er)?|star(?:s|red|ring)?|cast|role|portray\w*|actor|actress|face[sd]?|host(?:s|ed)?|meets?|against)\b"),
    ),
    ("a marriage", re.compile(r"(?i)\b(?:marry|married|wed)\b"), re.compile(r"(?i)\b(?:marr(?:y|ied|ies|iage)|wed(?:s|ded|ding)?|wife|husband|spouse)\b")),
)


def unsaid(question: str, sentence: str) -> str | None:
    """What the question asks about that ``sentence`` does not say, in words: "a death" for "Where did
    Lord Scarman die?" over a sentence on riots in Brixton, "a birth" for "After Braddock was born, ..."
    over his death, "a part played" for "Who plays Nathan Barley?" over a sentence naming its writer; "what
    did not happen" when the question asks what did not ("What didn't Washington do?") and the sentence
    negates nothing, or says plainly what the question negates ("could recover the money" for "Who could
    not recover the money?"). None when the sentence says it."""
    proper = re.split(r"(?<=[.!?])\s+", question.strip())[-1]  # not a preamble: "Dick Cheney died this week. Under which president did he serve?"
    negation = _QUESTION_NEGATION.search(proper.replace("’", "'"))
    if negation and (not _SENTENCE_NEGATION.search(sentence) or _said_plainly(proper[negation.end() :], sentence)):
        return "what did not happen"
    if not negation and _denied(proper, sentence):
        return DENIED
    return _untold(_EVENTS, proper, sentence)


def _untold(events: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...], question: str, sentence: str) -> str | None:
    """The first of ``events`` the question asks about and ``sentence`` does not tell, in words ("a death")."""
    return next((event for event, asked, told in events if asked.search(question) and not told.search(sentence)), None)


_LEFT = r"left|leav(?:e|es|ing)|depart\w*|exit\w*|successor|succeed\w*|replac\w*|forced (?:out|from)|remov\w*|lost (?:his|her|their) jobs?|resign\w*|quit\w*|sack\w*"
_REMOVED = (  # removed from a post, a team or a place, or gone from it
    r"fir(?:e|ed|es|ing)|dismiss\w*|oust\w*|ax(?:e|ed|es|ing)|dropped|expel\w*|expulsion|thr(?:ew|own|ow|ows) (?:\w+ )?out|kick\w* (?:\w+ )?out|eject\w*|fled|exiled?"
    rf"|sent off|red card|ban(?:s|ned)?|barred|suspen\w*|{_LEFT}"
)
_DONE = (  # what a why-question often takes as done, and the words news tells it with: leaving a post, being removed from it or thrown out, an arrest
    ("a resignation", re.compile(r"(?i)\b(?:resign(?:s|ed|ing)?|quit(?:s|ting)?|st(?:ep|eps|epped|and|ands|ood) down)\b"), re.compile(rf"(?i)\b(?:st(?:ep|eps|epped|epping|and|ands|ood|anding) down|former|ex-|{_LEFT})")),
    ("a dismissal", re.compile(r"(?i)\b(?:sacked|fired|dismissed|ousted|axed)\b"), re.compile(rf"(?i)\b(?:{_REMOVED})")),
    ("an expulsion", re.compile(r"(?i)\b(?:expel(?:s|led)?|thr(?:ew|own) (?:\w+ )?out|kick(?:s|ed)? (?:\w+ )?out|ejected|sent off)\b"), re.compile(rf"(?i)\b(?:{_REMOVED})")),
    ("an arrest", re.compile(r"(?i)\barrest(?:s|ed)?\b"), re.compile(r"(?i)\b(?:arrest\w*|detain\w*|held|custody|caught|seized|charged|jail\w*)")),
)


def untold_event(question: str, sentence: str) -> str | None:
    """The event a why-question takes as done (or one that asks yes or no asks about) that the passage answering
    it (``sentence``) does not tell, in words: "a resignation" for "Why did Ian Rush resign as manager of
    Chester?" over "Rush's future as Chester manager is uncertain after he ... refused a severance package";
    the events of ``unsaid`` too ("a death").
    None when it tells it, or when the question asks why something did not happen ("Why hasn't the chairman
    sacked Rush?"): a reason for what did not happen seldom says so ("... but decided Tesla's patent would
    probably control the market")."""
    if _QUESTION_NEGATION.search(question.replace("’", "'")):
        return None
    return _untold(_EVENTS + _DONE, question, sentence)


DENIED = "what was denied"
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied)|dismiss(?:es|ed)?|reject(?:s|ed)?|played down)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:reports?|claims?|suggestions?|allegations?|rumou?rs?|speculation)\s+that\b(?P<told>[^.;]*)",
    re.I,
)


def _denied(question: str, sentence: str) -> bool:
    """Whether ``sentence`` denies what the question takes as done: "He denied an earlier report that he
    planned to make a direct appeal to the kidnappers via Al-Jazeera" for "What did Galloway say in his
    appeal to the kidnappers on Al-Jazeera?" (half of the question's words or more in what is denied)."""
    found = _DENIED.search(sentence)
    if found is None or re.search(r"\b(?:den(?:y|ies|ied|ial)|dismiss\w*|reject\w*|report\w*|claim\w*|allegations?|rumou?rs?)\b", question, re.I):
        return False  # "What did the minister deny?", "What did the report claim?" ask about the denial or the report
    asked = {stem(w) for w in CONTEXT_WORD.findall(question.lower()) if w not in STOPWORDS and len(w) > 2}
    told = {stem(w) for w in CONTEXT_WORD.findall(found.group("told").lower())}
    return bool(asked) and len(asked & told) >= len(asked) / 2


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
    ("adults?", "children|kids|pupils|minors"), ("children|kids|pupils", "adults?"), ("boys?", "girls?"), ("girls?", "boys?"),  # "would adults get?" over "Children would be offered"
    (r"w(?:in|ins|on|inning|inners?)|took|scoop(?:s|ed)?|picked up|collected", r"nominat\w*|shortlist\w*|in the running"),  # "How many awards did Alicia Keys win?" over "... has three nominations"
    (r"carr(?:y|ies|ied|ying) out|conduct(?:s|ed|ing)?", r"call(?:s|ed|ing)? for|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)"),  # "Who carried out the inquiry?" over "... have called for a second inquiry"
    (r"pa(?:y|ys|id|ying)|sp(?:end|ent)", r"price tag|valued at|valuation|asking price|release clause|buy-out clause|claims? for|claimed|sought|seeking|su(?:e|es|ed|ing) for"),  # "How much did Inter pay for Adriano?" over "a price tag of £40m"; the tobacco firms over "its claim for $280bn"
)
_MEDALS = (("gold", "silver|bronze"), ("silver", "gold|bronze"), ("bronze", "gold|silver"))  # only of a medal: "Normally silver, what color ...?"  # not public and private, foreign and domestic: "Which public figure ...?", "the International Monetary Fund"  # not opened and closed: "closed after 34 years" is told by "opened 34 years ago"


def opposite_degree(question: str, sentence: str) -> tuple[str, str] | None:
    """When the question asks for the highest, the largest... and ``sentence`` gives only the
    opposite ("What is the lowest court?" over "the highest court"), or asks what was approved,
    rose or was acquitted and the sentence tells only a rejection, a fall, a conviction, or asks
    what is "unimportant" and the sentence says only "important": the answer is the other end. The
    two words, as asked and as given; None when the sentence says the same or neither."""
    low_question, low_sentence = question.lower(), sentence.lower()
    degrees, actions = _asked_ends(low_question)
    for word, opposite in degrees:
        found = None if re.search(rf"\b{word}\b", low_sentence) else re.search(rf"\b(?:{opposite})\b", low_sentence)
        if found:
            return f"the {word}", f"the {found.group()}"
        ranked = _ranked(word, low_question, low_sentence)
        if ranked:
            return f"the {word}", f"the {ranked}"
    for asked, opposite, wanted in actions:
        if not re.search(rf"\b(?:{asked})\b", low_sentence):
            found = re.search(rf"\b(?:{opposite})\b", low_sentence)
            if found:
                return wanted, found.group()
    return _unprefixed(low_question, low_sentence)


@lru_cache(maxsize=64)
def _asked_ends(low_question: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str], ...]]:
    """The degrees (word, opposite) and the actions (asked, opposite, as worded) a question asks for, in
    ``opposite_degree``'s order: found once per question, not once per candidate answer."""
    degrees = tuple((word, opposite) for word, opposite in _DEGREES.items() if re.search(rf"(?<!at )\b{word}\b", low_question))
    actions = []
    for asked, opposite in _ACTIONS + (_MEDALS if re.search(r"\bmedals?\b", low_question) else ()):
        wanted = re.search(rf"\b(?:{asked})\b", low_question)
        if wanted and not re.search(rf"\b(?:{opposite})\b", low_question):  # "Which state approved the measure others rejected?"
            actions.append((asked, opposite, wanted.group()))
    return degrees, tuple(actions)


def _ranked(word: str, low_question: str, low_sentence: str) -> str | None:
    """The superlative ``word`` the question asks for, as the sentence gives it, only behind a place in an
    order ("third-biggest"), when the question asks for it alone ("Which is Japan's biggest lender?"); None otherwise."""
    if not (word.endswith("est") or word in ("most", "least")):
        return None
    if re.search(rf"\b(?:{_RANKS})[- ]{word}\b|\b(?:rank\w*|position|place)\b", low_question):
        return None  # asks for that place: "What rank for most populous city does Warsaw hold?"
    ranks = [re.search(rf"\b(?:{_RANKS})[- ]$", low_sentence[: m.start()]) for m in re.finditer(rf"\b{word}\b", low_sentence)]
    return f"{ranks[0].group()}{word}" if ranks and all(ranks) else None  # type: ignore[union-attr]


_NEGATING_PREFIX = re.compile(r"\b(?:un|non-?|il|ir)([a-z]{4,})\b")  # not "dis": "discover" is no negation of "cover"


def _unprefixed(low_question: str, low_sentence: str) -> tuple[str, str] | None:
    """A word the question negates with a prefix that the sentence gives only without it, and not
    negated either: "important" for "unimportant", "legal" for "illegal", but not "not known"
    for "unknown"."""
    negated = list(_NEGATING_PREFIX.finditer(low_question))
    words = CONTEXT_WORD.findall(low_sentence) if negated else []
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
    question = _asking_part(question)  # "... for the 17th month in a row. Which city ...?" asks in its last sentence
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
            given = re.search(rf"(?<![\w.,])(\d[\d,.]*)\s+{noun.group(1)}\b(?:{noun.group(2)}\b)?", low_sentence)
            if given and not rounds_to(given.group(1), c.text):
                return f"{c.text} {noun.group(1)}{noun.group(2)}", given.group()
    return None


def _asking_part(question: str) -> str:
    """The sentence of ``question`` that asks, without the statements before it ("Rents hit a record high for
    the 17th month in a row. Which city saw the biggest increase?" asks "Which city saw ...?")."""
    return re.split(r"(?<=[.!])\s+(?=[A-Z])", question.strip())[-1]


# the measures of a business's accounts, and the qualifiers that tell one profit from another
_SALES = r"sales|revenues?|turnover"
_PROFIT = r"profits?|earnings|income"
_MEASURE = re.compile(
    rf"\b(?:(pre-?tax|before[- ]tax|net|after[- ]tax|operating|underlying|gross|full-year|annual|total|half-year|quarterly)\s+)?({_SALES}|{_PROFIT})\b", re.I
)
_QUALIFIERS = {"pre-tax": "pre-tax", "pretax": "pre-tax", "before tax": "pre-tax", "before-tax": "pre-tax", "net": "net", "after tax": "net", "after-tax": "net", "operating": "operating", "underlying": "operating", "gross": "gross"}
MEASURE_REACH = 60  # characters between a measure and the figure it names, within a clause


def _measure(match: re.Match[str]) -> tuple[str, str | None]:
    """The family ("sales" or "profit") and the qualifier ("net", "pre-tax", ...) of a measure named."""
    family = "sales" if re.fullmatch(_SALES, match.group(2), re.I) else "profit"
    return family, _QUALIFIERS.get((match.group(1) or "").lower())


def other_measure(question: str, sentence: str, answer_at: int) -> tuple[str, str] | None:
    """When the question asks for one measure of a business's accounts and the figure (at ``answer_at``)
    is given for another, named just before it in its clause: "What were Inbev's total sales?" or "How
    much did Inbev's net profit rise?" is not answered by "pre-tax profits ... rose 56% to 1.16bn euros".
    The measure as asked and as given."""
    asked = _MEASURE.search(question)
    if asked is None:
        return None
    clause = re.split(r"[,;:]\s+|\s+(?:and|but|while|whereas)\s+", sentence[max(0, answer_at - MEASURE_REACH) : answer_at])[-1]
    given = list(_MEASURE.finditer(clause))
    if not given:
        return None
    (family, qualifier), (their_family, their_qualifier) = _measure(asked), _measure(given[-1])
    if family == their_family and (qualifier is None or their_qualifier is None or qualifier == their_qualifier):
        return None
    return asked.group().lower(), given[-1].group().lower()


_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_COUNTED_THING = re.compile(r"\s*(?:[a-z-]+\s+)?([a-z]+)\s+(to|of|from|for|on|about|against|with)\s+(?:the\s+|an?\s+)?([a-z]+)")


_GROUPS_BY_SEX = {"women": re.compile(r"\b(?:women|woman|females?|girls?)\b", re.I), "men": re.compile(r"\b(?:men|man|males?|boys?)\b", re.I)}
_OF_PEOPLE = re.compile(r"\s*(?:of|among)\s", re.I)
_GROUP_ENDS = re.compile(r"[,;:.]|\b(?:while|whereas|and|but)\b")


def other_group(question: str, sentence: str, answer_end: int) -> tuple[str, str] | None:
    """When the figure counts or shares out people of one sex ("90% of 18 to 24-year-old males") and the
    question asks about the other ("what percentage of 18 to 24-year-old women ...?"): both, as worded;
    None when the question names both sexes or neither, or the words after the figure name no sex."""
    asked = [sex for sex, words in _GROUPS_BY_SEX.items() if words.search(question)]
    if len(asked) != 1 or not _OF_PEOPLE.match(sentence, answer_end):
        return None
    after = _GROUP_ENDS.split(sentence[answer_end : answer_end + 60])[0]
    said = _GROUPS_BY_SEX["men" if asked[0] == "women" else "women"].search(after)
    if said is None or _GROUPS_BY_SEX[asked[0]].search(after):
        return None
    return _GROUPS_BY_SEX[asked[0]].search(question).group(), said.group()  # type: ignore[union-attr]


def other_thing_counted(question: str, sentence: str, answer_end: int) -> tuple[str, str] | None:
    """When the words right after a figure say it counts or measures another thing than the question asks
    about, under the same plural noun and preposition: "2,881 verbal references to sex" for "How many
    references to drugs ...?", "300 deaths from malaria" for "How many deaths from cholera?". Both, as
    worded; None when the question does not word the thing so, asks for the same (or the sentence goes on
    to it: "to sex and drugs"), or the two words only describe the same head ("hours of flying
    experience" for "hours of flight experience")."""
    given = _COUNTED_THING.match(sentence, answer_end)
    if given is None:
        return None
    noun, preposition, thing = given.groups()
    if not noun.endswith("s"):
        return None  # what a count counts is plural: "references to sex", not "prior to the game"
    low_question = question.lower()
    asked = re.search(rf"\b([a-z]+)\s+{preposition}\s+(?:the\s+|an?\s+)?([a-z]+)", low_question)
    if asked is None or stem(asked.group(1)) != stem(noun) or stem(asked.group(2)) == stem(thing) or asked.group(2) in STOPWORDS:
        return None
    if re.search(rf"\b{re.escape(asked.group(2))}", sentence[given.end() : given.end() + 30], re.I) or asked.group(2)[:3] == thing[:3]:
        return None  # "to sex and drugs"; "flying" for "flight"
    head, asked_head = _NEXT_WORD.match(sentence, given.end()), _NEXT_WORD.match(low_question, asked.end())
    if head and asked_head and head.group(1) == asked_head.group(1):
        return None  # a modifier of the same thing: "hours of flying experience" for "hours of pilot experience"
    return f"{asked.group(1)} {preposition} {asked.group(2)}", f"{noun} {preposition} {thing}"
