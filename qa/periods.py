"""When a figure holds: for another period, as a forecast, as a change or at another stage.

"How much did Umbro make in the whole of 2004?" is not answered by "the last three months of 2004"
(``other_period``), nor by a year or a month the question does not ask about (``other_year``,
``other_month``); "How many copies did it sell?" not by "will sell 300,000 copies" (``forecast``);
"What was ITV1's audience share?" not by "soared by 20%" (``a_change``), "How much did profits
fall?" not by "fall to 3.4bn kroner" (``a_level``); "the new target" not by "a current target of 18
months" (``other_stage``); "How much did business investment rise?" not by "Consumer spending was up
by 1.2%" (``other_subject_of_change``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.words import STOPWORDS, stem
from qa.answer_types import CHANGE_VERBS
from qa.constraints import MONTHS, YEAR

__all__ = ["a_change", "a_level", "first_since", "forecast", "other_month", "other_period", "other_stage", "other_subject_of_change", "other_year"]


_WHOLE_YEAR = re.compile(r"\b(?:(?:whole|full|entire) (?:of )?(?:the )?(?:year|(?:19|20)\d\d)|full-year|all of (?:19|20)\d\d|annual|yearly)\b", re.I)
_PART_OF_YEAR = re.compile(
    r"\b(?:(?:the )?(?:first|second|third|fourth|final|last) (?:quarter|half)|(?:the )?(?:first|last|past|latest) (?:three|six|nine|3|6|9) months|(?:three|six|nine|3|6|9) months (?:to|ending)|quarterly|half-year(?:ly)?)(?: (?:of|to|ending|in) (?:the year|(?:19|20)\d\d|\w+(?: \d{4})?))?",
    re.I,
)


_RATE_UNITS = {"day": "day", "daily": "day", "week": "week", "weekly": "week", "month": "month", "monthly": "month", "year": "year", "yearly": "year", "annually": "year"}
_RATE = re.compile(  # what a figure is given per: "each month", "a year", "yearly"; not "a year ago" nor "for a year"
    r"\b(?:(?:each|every|per)\s+(day|week|month|year)|(?<!for )(?<!within )(?<!in )an?\s+(day|week|month|year)(?!\s+(?:ago|earlier|later|before|after|on|from|or|and)\b)|(daily|weekly|monthly|yearly|annually))\b",
    re.I,
)


def _rates(text: str) -> list[tuple[str, str]]:
    """The units ``text`` gives a figure per, canonical and as worded ("month", "each month")."""
    return [(_RATE_UNITS[next(g for g in m.groups() if g).lower()], m.group()) for m in _RATE.finditer(text)]


_RELATIVE_PERIOD = re.compile(r"\b(this|last|next)\s+(year|season|week|month)(?:['’]s)?\b", re.I)


def other_period(question: str, sentence: str) -> tuple[str, str] | None:
    """When ``sentence`` gives its figure for another period than the one the question asks about:
    a part of a year for a whole year ("the last three months of 2004" for "the whole of 2004"), the
    year it is compared with for the year asked ("an 82% jump on 2003 figures" for "in 2003"), or
    another week, weekend, round... than the one asked ("at the weekend" for "its opening weekend"),
    last year for this year ("Last year's big winner" for "this year's awards"), a rate per another unit
    ("£250m yearly" for "each month").
    The two periods, as worded; None when the sentence does not say or says the same."""
    whole = _WHOLE_YEAR.search(question)
    part = _PART_OF_YEAR.search(sentence)
    if whole and part and not _PART_OF_YEAR.search(question):  # "the annual rate in the first quarter" asks for a part too
        return whole.group(), part.group()
    for year in YEAR.findall(question):
        mentions = list(re.finditer(rf"(?<![\d.,]){year}(?!\d)", sentence))
        if mentions and not _COMPARED_WITH.search(question[: question.index(year)]) and all(_COMPARED_WITH.search(sentence[: m.start()]) for m in mentions):
            return year, f"another year (compared with {year})"
    relative = _RELATIVE_PERIOD.search(question)  # "this year's awards", "last season"
    if relative:
        given = [m for m in _RELATIVE_PERIOD.finditer(sentence) if m.group(2).lower() == relative.group(2).lower() and not _COMPARED_WITH.search(sentence[: m.start()])]
        if given and not any(m.group(1).lower() == relative.group(1).lower() for m in given):
            return relative.group().strip(), given[0].group().strip()  # "Last year's big winner" for "this year's"
    asked_rates, given_rates = _rates(question), _rates(sentence)
    if len({unit for unit, _ in asked_rates}) == 1 and given_rates and asked_rates[0][0] not in {unit for unit, _ in given_rates}:
        return asked_rates[0][1], given_rates[0][1]  # "up to £250m yearly" for "each month"
    asked = _ORDINAL_PERIOD.search(question)
    if asked is None:
        return None
    ordinal, period = _ordinal(asked.group(1), asked.group(2)), asked.group(2).lower()
    given = [m for m in _ANY_PERIOD.finditer(sentence) if m.group(2).lower() == period]
    if not given:  # "on its first day" for "in its first week": the same ordinal, another period
        other = next((m for m in _ANY_PERIOD.finditer(sentence) if m.group(1) and _ordinal(m.group(1), m.group(2)) == ordinal), None)
        return (asked.group(), other.group().strip()) if other else None
    if any(m.group(1) and _ordinal(m.group(1), m.group(2)) == ordinal for m in given) or (ordinal == "first" and _OPENED.search(sentence)):
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
    of 984m euros in 2003", "fall to 785m euros from 2.4bn euros in 2003"), nor one in another clause when the answer's own says "last year"
    ("fall 9% last year to £6.2bn, but ... a recovery during 2005"), nor one in a clause after it ("20%
    of Fiat - and gave Fiat an option ... from January 2004")."""
    asked = [y for y in YEAR.findall(question) if not re.search(rf"(?<![\d.,]){y}(?!\d)", f"{heading} {sentence}")]
    clause = _clause(sentence, *answer)
    clause = clause if _A_YEAR_AGO.search(sentence, *clause) else (0, len(sentence))
    changed_from = re.search(r"\bto\s+$", sentence[: answer[0]]) and _CHANGED_FROM.match(sentence, answer[1])  # "fall to 785m euros ($1bn) from 2.4bn euros in 2003"
    given = [
        m.group() for m in YEAR.finditer(sentence, *clause)
        if not answer[0] <= m.start() < answer[1]
        and not (m.start() >= answer[1] and (changed_from or _COMPARISON.search(sentence[answer[1] : m.start()]) or _NEXT_CLAUSE.search(sentence[answer[1] : m.start()])))
    ]
    return (asked[0], given[0]) if asked and given else None


def other_month(question: str, sentence: str, answer: tuple[int, int]) -> tuple[str, str] | None:
    """A month the question gives when ``sentence`` names none of the question's months but another one,
    its answer's included ("16 or 17 March" for "When is the second reading in February?", "house prices
    rose by 0.8% in January" for "in October"); not a month after the answer that its figure is compared
    with or changed from ("up from 0.2% in September", "went up to 5.5% from 5.4% in September"); nothing
    when the asked month is in a clause of its own ("When did he die after leaving office in March?").
    "May" is a month only with a day beside it, or in a question after "in", "since" and the like (not
    "Theresa May")."""
    asked = _asked_months(question)
    low = sentence.lower()
    if not asked or any(re.search(rf"\b{m.lower()}\b", low) for m in asked):
        return None
    for m in _MONTH.finditer(sentence):
        if not m.group()[0].isupper() or m.group() == "May" and not _DAY_BESIDE.search(sentence, max(0, m.start() - 3), m.end() + 3):
            continue
        if m.start() >= answer[1] and (_COMPARISON.search(sentence[answer[1] : m.start()]) or _CHANGED_FROM.match(sentence, answer[1])):
            continue
        return asked[0], m.group()
    return None


@lru_cache(maxsize=256)
def _asked_months(question: str) -> tuple[str, ...]:
    """The months the question proper asks about, read once for all of a question's candidates; none when the
    first stands in a clause of its own ("When did he die after leaving office in March?": another event's)."""
    proper = re.split(r"(?<=[.!?])\s+", question.strip())[-1]
    asked = tuple(m.group() for m in _MONTH.finditer(proper) if m.group().lower() != "may" or _MAY_A_MONTH.search(proper, max(0, m.start() - 8), m.end() + 3))
    first = _MONTH.search(proper)
    return () if not asked or _SUBORDINATE.search(proper, proper.find(" ") + 1, first.start()) else asked  # type: ignore[union-attr]


_MONTH = re.compile(rf"\b(?i:{'|'.join(sorted(MONTHS | {'may'}))})\b")
_CHANGED_FROM = re.compile(r"\s*(?:\([^)]*\)\s*)?from\b")
_SUBORDINATE = re.compile(r"\b(?:after|since|before|following|until|when|while|as)\b", re.I)
_DAY_BESIDE = re.compile(r"\d\s+May\b|\bMay\s+\d")
_MAY_A_MONTH = re.compile(r"\d\s+may\b|\bmay\s+\d|\b(?:in|since|until|till|by|before|after|from|to|of|early|late|mid-?)\s+may\b", re.I)
_A_YEAR_AGO = re.compile(r"\b(?:last|this|the past) year\b", re.I)  # a year the article's date tells
_NEXT_CLAUSE = re.compile(r"\s[-–—]\s+and\s|[,;]\s+(?:and|but|while|whereas|although|though)\s")  # "20% of Fiat - and gave Fiat an option ... in 2004": that clause's year
_CLAUSE_END = re.compile(r"[,;]\s+(?:but|while|whereas|although|though)\b|;")


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding ``start:end`` begins and ends: "profits fall 9% last year to £6.2bn" of "..., but ... says a recovery during 2005"."""
    begins = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)]
    ends = _CLAUSE_END.search(sentence, end)
    return (begins[-1] if begins else 0, ends.start() if ends else len(sentence))


# a year named as what a figure is compared with: "an 82% jump on 2003 figures", "up from 2003", "than in 2003"
_COMPARED_WITH = re.compile(rf"\b(?:on|from|over|since|{_COMPARING})\s+(?:(?:the|its|in|a|year|{'|'.join(MONTHS)}|may)\s+)*$", re.I)  # "in comparison with January 2004"
_ORDINALS = r"opening|first|debut|second|third|fourth|fifth|final"
_PERIODS = r"weekend|week|day|month|quarter|half|round|season|term|leg|stage"
_ORDINAL_PERIOD = re.compile(rf"\b({_ORDINALS}) ({_PERIODS})s?\b", re.I)
_ANY_PERIOD = re.compile(rf"\b(?:(?:the|its|a|this|that|last|next) )?(?:({_ORDINALS}|\w+) )?({_PERIODS})s?\b", re.I)
_OPENED = re.compile(r"\b(?:opened|opening|debuted|debut|launched|premiered|released)\b", re.I)


def _ordinal(word: str, period: str) -> str:
    """One name for the ordinals that mean the same: "opening" and "debut" are the first; a year's final quarter is its fourth."""
    low = word.lower()
    return "first" if low in ("opening", "debut") else "fourth" if low == "final" and period.lower() == "quarter" else low


_ASKS_WHAT_HAPPENED = re.compile(  # "How many copies did it sell?", "How many people attended?"
    r"^\W*(?:(?:\w+\W+){0,10}?(?:did|was|were|had|has been|have been)|how (?:many|much)\W+(?:\w+\W+){0,3}?(?!expected\b)[a-z]+ed)\b", re.I
)
_FORECAST_AFTER = re.compile(r"^\W*(?:[\w'’-]+\s+){0,2}?(?:is|are) (?:expected|predicted|forecast|set|likely|due) to\b", re.I)  # "120,000 people are expected to"
_FORECAST = re.compile(
    r"\b(?:will|(?:is|are|was|were) (?:expected|predicted|forecast|set|likely|due) to|expected to|predict(?:s|ed)?|forecasts?|projecting|projected|plans? to|aims? to|hopes? to|(?:could|would|might) have"
    r"|fac(?:e|es|ing) (?:a |an )?(?:possible|potential|maximum)|fac(?:e|es|ing) up to|(?:could|may|might) face"  # "faces a possible seven-match ban", "who each face a possible 10 year jail sentence"
    r"|expected (?:amount|figure|fine|fee|price|sum|total|level|number))\b",  # "far less than the expected amount of about £22,000"
    re.I,
)

_CLAUSE_OPENER = re.compile(r",\s+(?:which|who|whom|where|when|after|since|having)\b", re.I)
_PAST = r"(?:won|sold|made|paid|got|took|gave|came|went|saw|told|said|held|met|left|ran|became|began|bought|brought|built|fell|rose|grew|found|lost|spent|kept|beat|drew|[a-z]+ed|winning)"
_PAST_CLAUSE = re.compile(  # "since sanctions imposed in 1998", not "since 1952"; any "because" clause ("will spend the weekend in jail because he could not ...")
    rf"\s(?:because|(?:since|after|following|until|that|[-–])(?=\s(?:[\w'’.,-]+\s+){{0,10}}?{_PAST}\b))\s", re.I
)
_DONE_SINCE = re.compile(rf"\b(?:i|we|you|they|he|she|it)\s+(?:already\s+|also\s+|have\s+|has\s+|had\s+)?{_PAST}\b", re.I)  # "the four they won"
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
    before = _CLAUSE_OPENER.split(sentence[:answer_at])[-1]  # the answer's own clause: "Jay-Z will continue to run Roc-A-Fella, which he founded in 1995"
    before = _PAST_CLAUSE.split(before)[-1]  # or "... will attend the air show since sanctions imposed in 1998 ..."
    last = list(_FORECAST.finditer(before))
    if last and _DONE_SINCE.search(before, last[-1].end()):
        return None  # "will add their awards to the four they won ... and three Grammys": what was done, told after the plan
    said = _FORECAST.findall(before) or (_ESTIMATE.findall(before) if _ASKS_SALE.search(question) else [])
    after = _FORECAST_AFTER.match(sentence[answer_end:]) if answer_end is not None else None
    return said[-1] if said else after.group().strip() if after else None


_ASKS_CHANGE = re.compile(r"\b(?:growth|change[sd]?|by how much|how much (?:more|less)|extra|additional|further)\b|(?:er|more|less) than\b", re.I)
_ROUGHLY = r"(?:about |around |almost |nearly |more than |some |just |over |under )?$"  # the words news puts before a figure, then the figure
_CHANGED_BY = re.compile(
    r"\b(?:rose|risen|rising|rises|fell|fallen|falling|falls|soared|soaring|jumped|climbed|dropped|slumped|plunged|surged|grew|grown|"
    rf"increased|decreased|declined|gained|slipped|dipped|eased)\s+(?:by\s+)?{_ROUGHLY}"
    rf"|\b(?:up|down)\s+by\s+{_ROUGHLY}",  # "up by 2,400", not "set up four countries"
    re.I,
)
_ADDED = re.compile(rf"\b(?:an? )?(?:extra|additional|further)\s+{_ROUGHLY}", re.I)  # "an extra one million older people"
_ASKS_HOW_MANY_ARE = re.compile(r"\bhow many\b(?:\s+[\w-]+){1,3}?\s+(?:are|is|were|was)\b", re.I)  # how many there are, not how many were taken
_BY = re.compile(rf"\bby\s+{_ROUGHLY}", re.I)
_A_CHANGE_AFTER = re.compile(r"^(?:\s+(?:a|per ?cent|percent|points?|percentage points?))?\s+(?:rise|fall|increase|decrease|drop|jump|gain|decline|surge|slump|growth)\b", re.I)


def a_change(question: str, sentence: str, answer: tuple[int, int]) -> str | None:
    """When the question asks for a level ("What was ITV1's audience share?") and ``sentence`` gives
    the figure at ``answer`` as a change ("Its share of the audience soared by 20%", "a 6% rise in
    profits", "an extra one million older people"): the words that make it one."""
    if CHANGE_VERBS.search(question) or _ASKS_CHANGE.search(question):
        return None
    if re.match(r"\s+of\b", sentence[answer[1] :]) or re.search(r"\bto\s+[£$€\d]", sentence[answer[0] : answer[1]]):
        return None  # a share of something ("gained just 5% of the public vote"), or the level with the change ("1% to £933m")
    before = _CHANGED_BY.search(sentence[: answer[0]]) or (_ADDED.search(sentence[: answer[0]]) if _ASKS_HOW_MANY_ARE.search(question) else None)
    if before is None and re.search(r"[%£$€]|points?$", sentence[answer[0] : answer[1]]):
        before = _BY.search(sentence[: answer[0]])  # "helped lift Channel 4's January audience share by 12%"
    after = _A_CHANGE_AFTER.match(sentence[answer[1] :])
    return before.group().strip() if before else after.group().strip() if after else None


_ASKS_HOW_MUCH_CHANGED = re.compile(  # "How much did Carlsberg's profits fall?", not "... fall to?"
    r"\bhow (?:much|far)\b.*\b(?:rise|fall|grow|increase|decrease|drop|climb|jump|decline|shrink|gain|slide|slip)\b(?!\s+to\b)", re.I
)
_REACHED = re.compile(
    r"\b(?:rises?|rose|risen|rising|falls?|fell|fallen|falling|grows?|grew|grown|(?:increase|decrease|decline|drop|climb|jump|slip|dip|gain|surge|soar|plunge|tumble)[sd]?|"
    rf"dropped|slipped|dipped|slid|shrank|shrunk)\s+to\s+{_ROUGHLY}",
    re.I,
)


def a_level(question: str, sentence: str, answer: tuple[int, int]) -> str | None:
    """When the question asks how much something changed ("How much did Carlsberg's profits fall?") and
    ``sentence`` gives the figure at ``answer`` as the level it reached ("profits fall to 3.4bn Danish
    kroner"): the words that make it one."""
    if not _ASKS_HOW_MUCH_CHANGED.search(question):
        return None
    reached = _REACHED.search(sentence[: answer[0]])
    return reached.group().strip() if reached else None


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
