"""The kind of answer a question asks for, the kinds a candidate span can be, and whether they agree.

"How old is Bekele?" asks for an age: "10,000m" is no age, "22" or "the 22-year-old" is. "Who
chairs Ryanair?" asks for a person: an amount, a date or a lower-case phrase is not one. The
question side refines ``qa.question_type`` (one coarse kind per question) into the kinds a
reader of news tells apart; the span side is a small grammar over the span's own words, with
a few words after it for units ("12.91 seconds"). Agreement is +1 (the span is of the asked
kind), 0 (cannot tell) or -1 (it is of another kind): a contradicting span is never an answer.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from index.words import STOPWORDS
from qa.personal_names import is_given_name, is_surname, sex_of
from qa.places import demonym, place_kinds
from qa.question_type import ORG_NOUNS, PERSON_NOUNS, PLACE_NOUNS, AnswerKind, asked_clause, classify_question
from qa.spans import APPROXIMATE, MONTH_NAMES, TIME_UNITS
from qa.spelling import POSSESSIVE

__all__ = ["ORG_WORDS", "Expected", "a_party_for_a_seat", "agreement", "counts_something_else", "expected_type", "names_a_body", "other_sex", "span_types", "the_asked_count"]


class Expected(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    DATE = "date"  # a date or a time of day, a year, a period
    MONEY = "money"
    PERCENT = "percent"
    AGE = "age"
    COUNT = "count"
    DURATION = "duration"
    SCORE = "score"  # a score in sport or a race time
    FREQUENCY = "frequency"  # how often: "three or four times", "twice a week", "every day"
    SPEED = "speed"  # how fast something goes: "300,000 km per second", "70mph"
    ORDINAL = "ordinal"  # a place in an order: the minute of play ("the 68th", "68")
    NUMBER = "number"  # any other measure
    AMOUNT = "amount"  # an amount of something: a measure, a sum or a share, not a bare count ("how much land")
    MEASURE = "measure"  # an amount of a stuff, never a sum of money ("how much electricity")
    NAME = "name"  # a capitalised name of any sort (span side only)
    TITLE = "title"  # the name of a work or a product: a film, a show, a song, a book, an app
    REASON = "reason"
    MANNER = "manner"  # how something is done: "How did Blackburn respond?", "How are they paying?"
    DESCRIPTION = "description"  # what someone named is: "Who is Barry Ferguson?" asks "Scotland captain", no one else
    OTHER = "other"


_MONTHS = MONTH_NAMES  # matched without regard to case
WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"  # lower case: match with re.I or (?i:...)
_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dozens|hundreds|thousands|millions|billions|a few|several)"
_NUMERAL = rf"(?:\d[\d,.]*[½¼¾]?(?:bn|m|k|tn)?|{_NUMBER_WORDS})"  # "30bn" texts, "5½" sacks
_SCALE = re.compile(r"\d(?:bn|m|k)\b|\b(?:hundreds?|thousands?|millions?|billions?|trillions?)\b", re.I)  # a count of many, no share
_UNITS = r"(?:km|cm|mm|kg|g|lb|lbs|ft|mph|kph|km/h|mw|gw|kwh|gb|mb|tb|ghz|mhz)"  # "m" aside: "2.5m" may be millions
_MEASURE_WORDS = r"metres?|meters?|kilometres?|miles?|feet|inches|tonnes?|tons?|barrels?|litres?|gallons?|(?:kilo|mega|giga)?watts?"
_MEASURES = rf"(?:{_MEASURE_WORDS})"
_UNIT_WORDS = rf"(?:{_MEASURE_WORDS}|points?|goals?|runs?|votes?|seats?)"
_MEASURED = re.compile(rf"\d(?:bn|k|tn)?(?:\s?(?!lbs?\b){_UNITS}\b|\s{_MEASURES}\b)", re.I)  # a measure, surely no sum of money: "30GB", "40 km" (but "by how much" may be "151 votes", "how many pounds" "8.8 lb")

_SPAN_PATTERNS: list[tuple[Expected, re.Pattern[str]]] = [
    (Expected.MONEY, re.compile(r"[$£€¥₹]\s?\d|\d\s?(?:(?:m|bn|k|million|billion|thousand|trillion)\s)?(?:dollars|pounds|euros|yen|rupees|pence|cents|francs|yuan|roubles|rubles)\b|\b(?:us|uk)?\$", re.I)),
    (Expected.PERCENT, re.compile(r"\d\s?%|\b(?:per ?cent|percent|percentage points?)\b", re.I)),
    (Expected.SCORE, re.compile(r"\b\d{1,3}\s?[-–]\s?\d{1,3}\b(?!\s*[-–]?\s*(?:year|month|day))|\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b|\b\d+(?:\.\d+)?\s?(?:secs?|seconds|s)\b|\b\d+\s?(?:hrs?|hours?)\s+\d+\s?(?:mins?|minutes?)\b", re.I)),
    (Expected.AGE, re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged?\s+\d{1,3}\b|^\s*\d{1,3}\s*$|\b(?:teen|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", re.I)),
    (Expected.DURATION, re.compile(rf"\b{_NUMERAL}(?:\s|-)(?:and a half\s)?{TIME_UNITS}\b|\b(?:a|an|half an?)\s(?:year|month|week|day|hour|decade)\b", re.I)),
    (Expected.DATE, re.compile(rf"\b{_MONTHS}\b\.?(?:\s+\d{{1,2}})?|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b|\b{WEEKDAYS}\b|\b(?:1[5-9]|20)\d\d(?:s)?\b|\b(?:today|yesterday|tomorrow|tonight|last (?:week|month|year|night)|next (?:week|month|year)|this (?:week|month|year)|(?:morning|afternoon|evening|midnight|noon|christmas|easter|spring|summer|autumn|winter))\b|\b\d{{1,2}}(?::\d\d)?\s?(?:am|pm|gmt|bst)\b|\b\d{{1,2}}(?:st|nd|rd|th)[- ]centur(?:y|ies)\b|\b(?:first|second) world war\b|\bworld war (?:i|ii|one|two|1|2)\b", re.I)),
    (Expected.SPEED, re.compile(r"\d\s?(?:mph|km/h|kph|knots|m/s)\b|\b(?:miles|kilometres|kilometers|km|metres|meters|feet)\s+(?:an|a|per)\s+(?:hour|second|minute)\b", re.I)),
    (Expected.FREQUENCY, re.compile(r"\b(?:times|twice|once|thrice|every|daily|weekly|monthly|yearly|annually|hourly|nightly)\b|\b(?:a|per) (?:day|week|month|year|night|season)\b", re.I)),
    (Expected.NUMBER, re.compile(rf"\d(?:bn|k|tn)?(?:\s?(?:m|{_UNITS})\b|\s(?:{_UNIT_WORDS})\b)", re.I)),
    (Expected.ORDINAL, re.compile(r"\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:place|position|spot)\b|^\s*(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s*$", re.I)),
    (Expected.COUNT, re.compile(rf"\b{_NUMERAL}\b", re.I)),
]
_CLAUSE_WORDS = 3  # lower-case words beyond a name's connectors that make a span a clause or a description, no organisation's name
_DATE_WORD = re.compile(rf"(?i:{_MONTHS}|{WEEKDAYS}|christmas|easter)\.?")  # a capitalised word that names a day or a month
_DATES_A_MONTH = re.compile(r"\b(?:in|since|until|during|early|late|mid|last|next|this)[\s-]$", re.I)
_DIGITLESS_MONTH_WORDS = re.compile(r"^\s*(?:may|march|june|july)\s*$", re.I)  # also common words: a date only with a day or year
_CAPITALISED = re.compile(r"^[A-Z0-9]")
_PARTY = re.compile(  # a political party named alone ("Labour's" in "Labour's Ken Livingstone"): a body, not a person
    r"(?:the\s+)?(?:Labour|Conservatives?|Tory|Tories|Lib(?:eral)?\s+Dem(?:ocrat)?s?|UKIP|SNP|Plaid\s+Cymru|Sinn\s+F[eé]in|DUP|Greens|Democrats|Republicans|GOP)(?:\s+[Pp]arty)?(?:['’]s?)?"
)
_PLACE_MODIFIER = re.compile(r"-(?:based|born|headquartered)\b")
_PLACE_BEFORE = re.compile(r"\b(?:of|in|near)\s+$")
_ORG_BEFORE = re.compile(  # "accountancy firm Ernst & Young", "software giant Microsoft": a name described as a business or a body
    r"\b(?:firm|company|group|bank|retailer|carmaker|airline|insurer|broadcaster|publisher|supermarket|chain|giant|maker|manufacturer|watchdog|regulator|consultancy|conglomerate)\s+$",
    re.I,
)
_ADDRESS_AFTER = re.compile(r"^,\s+[A-Z][a-z]+\b(?!\s+[A-Z])")  # "of Woodbridge, Suffolk": a town and its county
_CONNECTORS = frozenset({"of", "the", "de", "del", "da", "di", "du", "des", "la", "le", "von", "van", "der", "den", "bin", "al", "el", "y", "&", "and", "for", "on", "in", "at", "'s", "’s"})
ORG_WORDS = re.compile(r"\b(?:Inc|Ltd|plc|Corp|Co|Group|Bank|Airways|Airlines|Air|Motors|Holdings|Party|Council|Commission|Committee|Agency|Association|Federation|Union|Club|FC|United|City|Rovers|Athletic|University|College|Institute|Ministry|Department|Office|Court|Board|Authority|Services?|Industries|Partners|Associates|Enterprises|Solutions|Network|Records|Studios|Pictures|Entertainment|Games|Software|Systems|Technologies|Communications|Telecom|Media|News|Times|Post|Journal|BBC|ITV|UN|EU|Nato|IMF|WTO|Fifa|Uefa)\b")

_WHICH_PERSON_NOUNS = (  # what "which ...?" asks for when it asks for a person (the name-of questions take all of ``PERSON_NOUNS``)
    r"person|man|woman|player|judge|chairman|chief|boss|minister|president|leader|actor|actress|singer|star|director|coach|manager|striker|winger|captain"
    r"|economist|analyst|spokes(?:man|woman|person)|executive|official|founder|author|writer|designer|presenter|host"
)
_PERSON_HINT = re.compile(
    rf"\b(?:who|whom|whose)\b|\b(?:which|what)\s+(?:\w+\s+)?(?:{_WHICH_PERSON_NOUNS})\b"
    rf"|\bname of (?:the |a |an |his |her |their |its |[A-Z][\w-]*['’]s )?(?:[\w-]+\s+){{0,2}}?(?-i:{PERSON_NOUNS})\b"  # "the name of the reporter ...?", not "of the Host Committee's"
    r"(?=\s*(?:$|[^\w\s]|(?-i:[A-Z])|(?:who|whom|whose|that|of|in|at|on|for|from|to|with|he|she|was|is|did|does|had|has)\b))"  # not "of the new sister channel"
    rf"|^\W*what(?:['’]s| is| was) (?:the |his |her |their |its |[A-Z][\w-]*['’]s )?(?:[\w-]+ )?(?-i:{PERSON_NOUNS})['’]s name\b",  # "What is the reporter's name?"
    re.I,
)
_SEX_NOUNS = {  # the asked person's sex, by the noun the question asks with, and an answer's, by its title
    "female": re.compile(r"\b(?:woman|actress|mother|wife|daughter|sister|girlfriend|spokeswoman|queen|princess)\b", re.I),
    "male": re.compile(r"\b(?:man|father|husband|son|brother|boyfriend|spokesman|king|prince)\b", re.I),
}
_ASKED_PRONOUN = re.compile(  # "Which actor said she ...?", "Which lawmaker announced that he ...?": the asked one's sex; not "Who did she marry?"
    r"^\W*(?:who|(?:which|what) [\w-]+(?: [\w-]+)?)\s+(?!(?:did|does|do|has|have|had|will|would|is|was|are|were|can|could|should|may|might)\b)(?:[\w'’-]+\s+){1,2}?(she|he)\b", re.I
)
_SEX_TITLES = {"female": re.compile(r"(?:Mrs|Ms|Miss|Lady|Dame|Queen|Princess)\b"), "male": re.compile(r"(?:Mr|Sir|Lord|King|Prince)\b")}
_AGE = re.compile(r"\bhow old\b|\bwhat age\b|\bage of\b(?!\s+\d)|\bat what age\b", re.I)  # not "under the age of 14"
_DURATION = re.compile(r"\bhow much time\b|\bhow long\b(?!\s+(?:is|was|were|are)\s+(?:the|a|an)\s+\w+\s+(?:track|course|race|bridge|road|river|tunnel|line))|\bfor how many (?:years|months|weeks|days|hours|minutes)\b|\bhow many " + TIME_UNITS + r"\b", re.I)
_SCORE = re.compile(r"\b(?:what|which) (?:was |is )?(?:the )?(?:final |winning |half-time |full-time )?(?:score|scoreline|result|time|margin)\b|\bwhat time did\b|\bin what time\b|\bby what (?:score|margin)\b|\bhow fast did\b|\bwinning time\b", re.I)
_PERCENT = re.compile(r"\b(?:what|which|how big a|how much of a) (?:\w+ )?(?:percentage|percent|proportion|share|rate|stake)\b|\bby how much\b|\bhow high\b|\bhow low\b", re.I)
_WHAT_THE = r"^\s*what (?:is|was|were|are|will be) (?:the |its |his |her |their )?(?:(?!(?:for|of|in|on|at|to|by|with|from|the|a|an)\b)[\w&.-]+(?:'s|’s)? ){0,4}"  # "what was Marsh & McLennan's net ..."
_MONEY_NOUNS = r"(?:price|fee|fine|cost|profit|profits|loss|losses|revenue|revenues|sales|turnover|salary|pay|budget|valuation|debt|earnings|income|bonus|damages|compensation)"
_STUFF = r"(?:electricity|power|energy|water|oil|gas|petrol|fuel|coal|steel|rain|rainfall|snow|ice|space|storage|memory|data|bandwidth|food|grain|rice|wheat|sugar|alcohol|beer|wine|milk|waste|carbon|co2|weight|traffic)"  # measured, not paid
_MONEY = re.compile(rf"\bhow much\b|\b(?:what|which) (?:\w+ )?{_MONEY_NOUNS}\b", re.I)
_HOW_MUCH_NOUN = re.compile(r"\bhow much (?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|money|cash|more|less)\b)([a-z-]+)", re.I)  # "how much land"
CHANGE_VERBS = re.compile(r"\b(?:rise|rose|risen|fall|fell|fallen|grow|grew|grown|increase|increased|decrease|decreased|drop|dropped|climb|climbed|jump|jumped|slump|slumped|shrink|shrank|shrunk|decline|declined|expand|expanded|gain|gained|slip|slipped|up|down)\b", re.I)
_CUT = re.compile(r"\b(?:cut|cuts|cutting|reduc(?:e|ed|es|ing)|lower(?:ed|s|ing)?|slash(?:ed|es|ing)?)\b(?!\s+(?:cost|costs|save|saves|saved)\b)", re.I)  # a change, as "fell": not "How much did the tax cut cost?"
_WHAT_PERCENT = re.compile(
    _WHAT_THE + r"(?:(?<!exchange )rate|percentage|proportion|share|stake)(?=\s*(?:\?|$|\b(?:in|of|for|at|on|by|among|this|last|during|now|today)\b))"  # "the UK's annual inflation rate in November"
    r"|^\s*(?:what|which) (?:[a-z-]+ )?(?:(?<!exchange )rate|percentage|proportion) (?:has|have|had|is|was|are|were|did|does|do|will|would)\b",  # "What growth rate has the UNECE forecast ...?"
    re.I,
)
_WHAT_CHANGE = re.compile(  # "What funding increase is Torfaen council getting?": a figure, "6%"
    r"^\s*(?:what|which) (?:[a-z-]+ )?(?:increase|rise|growth|gain|jump|fall|drop|decline) (?:has|have|had|is|was|are|were|did|does|do|will|would|in|of)\b", re.I
)
_SENTENCE = re.compile(r"\b(?:what|which) (?:is|was|were|are|will be|could be) (?:the )?(?:\w+ ){0,2}(?:sentence|jail term|prison term|ban|suspension)\b", re.I)  # a prison sentence, a ban: a duration
_WHAT_MONEY = re.compile(rf"{_WHAT_THE}{_MONEY_NOUNS}\b|\bhow (?:big|large|small|heavy) (?:is|was|were|are|will be) (?:the |its |their |his |her |a )?(?:[\w-]+ ){{0,2}}{_MONEY_NOUNS}\b", re.I)  # "How big was the quarterly loss?"
_MONEY_VERB = re.compile(
    r"^\s*what(?:'s|’s| is| was)? (?:the )?(?:most|maximum|least|minimum)\b.*\b(?:fine|charge|pay|cost|earn|spend)\b"  # "what's the most the FCC can fine"
    r"|^\s*what (?:did|does|do|will|would) .*\bcost\b",  # "what did the tickets cost?"
    re.I,
)
_TITLE = re.compile(  # "Which film scored the most Oscar nominations?", not "what type of film" nor "what shows us"
    r"\b(?:which|what)(?: (?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|must|should|may|might|type|types|kind|kinds|genre|sort)\b)[\w’'-]+){0,3}"
    r" (?-i:film|movie|show|song|album|book|novel|app|musical|documentary|sitcom|podcast|single|painting|opera|video game)s?\b(?! (?:us|the|that|an?|genres?|types?|styles?|versions?|industry|trailers?|hosts?|stars?|casts?|[a-z]+(?:er|or|ist)s?)\b)",  # not "show performer"
    re.I,
)
_FREQUENCY = re.compile(r"\bhow (?:often|frequently)\b", re.I)
_HOW_FAST_CHANGE = re.compile(r"\bhow (?:fast|quickly)\b.*\b(?:grow|grew|grown|growing|rise|rose|risen|rising|increase[ds]?|increasing|expand(?:ed|ing)?|fall|fell|fallen|falling|decline[ds]?|declining|shrink|shrank|shrinking)\b", re.I)
_SPEED = re.compile(r"\bhow fast (?:does|do|is|are|can|could|will|would)\b|\b(?:what|which) (?:is |was )?(?:the |its )?(?:top |average |maximum )?speed\b", re.I)
_COUNT = re.compile(r"\bhow many\b|\b(?:what|which) number\b", re.I)
_COUNT_OF_MONEY = re.compile(r"\bhow many (?:[A-Za-z]+ )?(?:pounds|dollars|euros|yen|pence|cents|francs|rupees|yuan|roubles|rubles)\b", re.I)
_ATTENDANCE = re.compile(_WHAT_THE + r"(?:attendance|crowd|gate)\b", re.I)  # a count of people: "2-2" or "three minutes" is none
_TIME_OF_DAY = re.compile(r"\bwhat time\b(?! did)", re.I)
_ORDINAL = re.compile(  # "in which minute?": the 68th of a match, not "seven minutes later"; a place in a chart or a poll
    r"\b(?:which|what) minute\b|\bwhat (?:number|(?:chart )?position) did\b.*\b(?:reach|get to|peak|climb|go to|finish)\b"
    r"|^\W*where did\b.*\b(?:finish|come|end up|rank|place)\b.*\b(?:in|on)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:poll|chart|table|race|league|standings|rankings?|list|championship)\b",  # "Where did Razorlight's album finish in the poll?"
    re.I,
)

_COARSE = {
    AnswerKind.PERSON: Expected.PERSON,
    AnswerKind.ORGANISATION: Expected.ORGANISATION,
    AnswerKind.PLACE: Expected.PLACE,
    AnswerKind.DATE: Expected.DATE,
    AnswerKind.AMOUNT: Expected.MONEY,
    AnswerKind.NUMBER: Expected.NUMBER,
    AnswerKind.OTHER: Expected.OTHER,
}


_NAME_OF_KIND = re.compile(  # "What is the name of the parent company that owns MTV?", "the name of the town": an organisation's or a place's name
    rf"\bname of (?:the |a |an |his |her |their |its )?(?:[\w-]+\s+){{0,2}}?(?:(?!body\b)({ORG_NOUNS})|{PLACE_NOUNS})\b(?=\s*(?:$|[?,.;:!]|(?:that|which|where|who|of|in|at|on|for|from|to|with|he|she|it|was|is|did|does|had|has)\b))",
    re.I,
)
_WHO_IS_NAME = re.compile(r"^\s*who (?:is|was|are|were) (?:[A-Z][\w'’.-]*\s?)+\?*\s*$")  # "Who was Warsz?" asks what he was


def expected_type(question: str) -> Expected:
    """The kind of answer ``question`` asks for; ``OTHER`` when no narrower kind fits."""
    question = asked_clause(question)
    if _WHO_IS_NAME.match(question[:1].lower() + question[1:]):
        return Expected.DESCRIPTION
    coarse = classify_question(question)
    if coarse.wh == "why" or re.match(r"\s*how (?:did|does|do|was|were|is|are|has|have|had|can|could|will|would)\b", question, re.I):
        return Expected.REASON if coarse.wh == "why" else Expected.MANNER
    if _AGE.search(question):
        return Expected.AGE
    if _FREQUENCY.search(question):
        return Expected.FREQUENCY
    if _HOW_FAST_CHANGE.search(question):
        return Expected.NUMBER  # "How fast did consumer spending grow?": a rate of change, "4.6%"
    if _SPEED.search(question):
        return Expected.SPEED
    if _TIME_OF_DAY.search(question):
        return Expected.DATE
    if _ORDINAL.search(question):
        return Expected.ORDINAL
    if _SCORE.search(question) and coarse.kind not in (AnswerKind.PERSON, AnswerKind.ORGANISATION):
        return Expected.SCORE
    if _DURATION.search(question) or _SENTENCE.search(question):
        return Expected.DURATION
    if coarse.kind in (AnswerKind.AMOUNT, AnswerKind.NUMBER):
        if _COUNT_OF_MONEY.search(question):
            return Expected.MONEY  # "how many pounds": a sum, so a bare count of other things ("£20" for "how many levels") is told apart
        if _COUNT.search(question):
            return Expected.COUNT
        if _PERCENT.search(question) and not re.search(r"\bhow much\b", question, re.I):
            return Expected.PERCENT
        if _MONEY.search(question):
            return _how_much(question)
        return Expected.MONEY if _WHAT_MONEY.search(question) else Expected.NUMBER
    if coarse.kind == AnswerKind.OTHER and _PERSON_HINT.search(question):
        return Expected.PERSON
    if coarse.kind == AnswerKind.OTHER and (named := _NAME_OF_KIND.search(question)):
        return Expected.ORGANISATION if named.group(1) else Expected.PLACE  # "the name of the parent company": a company's name
    if coarse.kind == AnswerKind.OTHER and (_WHAT_MONEY.search(question) or _MONEY_VERB.search(question)):
        return Expected.MONEY
    if coarse.kind == AnswerKind.OTHER and _WHAT_PERCENT.search(question):
        return Expected.PERCENT
    if coarse.kind == AnswerKind.OTHER and _WHAT_CHANGE.search(question):
        return Expected.NUMBER
    if coarse.kind == AnswerKind.OTHER and _ATTENDANCE.search(question):
        return Expected.COUNT
    if coarse.kind == AnswerKind.OTHER and _TITLE.search(question):
        return Expected.TITLE
    return _COARSE[coarse.kind]


def other_sex(question: str, span: str, before: str = "") -> bool:
    """Whether the person ``span`` names is, by the title it carries (in it or just ``before`` it) or by its
    given name, of the other sex than the one the question asks for by its noun or the pronoun it is the
    subject of: "Mr Pound" is no one's birth mother, "Mr. Altman" no answer to "Which actor said she was
    angered ...?", "James Tambone" no spokeswoman."""
    asked = _asked_sex(question)
    if asked is None:
        return False
    titled = " ".join(before.split()[-1:] + [span]).strip()  # with the word before it: "Mr" + "Pound"
    if any(title.match(span.strip()) or title.match(titled) for sex, title in _SEX_TITLES.items() if sex != asked):
        return True
    leading = _LEADING_NAME.match(span.strip())  # "James Tambone" of "James Tambone, who headed sales"
    given = _given_name(leading.group()) if leading else None
    return given is not None and sex_of(given) not in (None, asked)


_LEADING_NAME = re.compile(r"[\"“‘']?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}")


def _given_name(name: str) -> str | None:
    """The given name a person's name of two or three capitalised words begins with ("James" of "James
    Tambone"), past a title ("Dr"); None for any other span."""
    words = [w.strip("\"'“”‘’,") for w in name.split()]
    if words and _NAME_TITLE.fullmatch(words[0]):
        words = words[1:]
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) or not is_given_name(words[0]):
        return None
    return words[0]


_NAME_TITLE = re.compile(r"(?:Dr|Prof|Rep|Sen|Gov|Rev|Capt|Col|Gen|Sgt|Det|Insp|Supt|Cllr)\.?")


@lru_cache(maxsize=64)
def _asked_sex(question: str) -> str | None:
    """The sex of the person ``question`` asks for, by its noun or the pronoun it is the subject of; None when it does not say.
    Once a question: every span read for it asks again."""
    asked = _PERSON_HINT.search(question)
    pronoun = _ASKED_PRONOUN.match(question)
    sexes = [sex for sex, noun in _SEX_NOUNS.items() if asked and noun.search(asked.group())]
    sexes = sexes or ([{"she": "female", "he": "male"}[pronoun.group(1).lower()]] if pronoun else [])
    return sexes[0] if len(sexes) == 1 else None


def _how_much(question: str) -> Expected:
    """What a "how much" question asks for: a sum of money ("how much did Tulip pay", "how much profit"),
    a change, a comparison or a share ("how much did prices rise", "how much more", "how much of the vote": any amount), or an amount
    of something ("how much land": a measure, a sum or a share, not a bare count)."""
    if not re.search(r"\bhow much\b", question, re.I):
        return Expected.MONEY  # "what fee", "what profit"
    noun = _HOW_MUCH_NOUN.search(question)
    if noun is not None:
        word = noun.group(1).lower()
        if word == "of":
            return Expected.NUMBER
        if re.fullmatch(_MONEY_NOUNS, word) or word in ("pre-tax", "net", "annual"):
            return Expected.MONEY
        return Expected.MEASURE if re.fullmatch(_STUFF, word) else Expected.AMOUNT
    changed = CHANGE_VERBS.search(question) or _CUT.search(question) or re.search(r"\bhow much (?:more|less)\b|\bby\W*$", question, re.I)
    return Expected.NUMBER if changed else Expected.MONEY  # "How much did M&S cut prices by?": "24%"


def span_types(text: str, after: str = "", before: str = "") -> frozenset[Expected]:
    """The kinds the span ``text`` can be (``after``: the words that follow it, for a unit; ``before``: those
    that precede it, for a place's preposition, a business's description or a currency sign); empty when none is recognised."""
    found: set[Expected] = set()
    tail = f"{text} {after.strip()[:20]}"
    for kind, pattern in _SPAN_PATTERNS:
        source = tail if kind in (Expected.SCORE, Expected.DURATION, Expected.PERCENT, Expected.MONEY) else text
        match = pattern.search(source)
        if match and (kind not in (Expected.SCORE, Expected.DURATION, Expected.PERCENT, Expected.MONEY) or match.start() < len(text)):
            found.add(kind)
    if Expected.DURATION in found and (_AGO_END.search(text) or _AGO.match(after)):
        found.add(Expected.DATE)  # "four years ago" says when
    if Expected.DATE in found and _DIGITLESS_MONTH_WORDS.match(text) and not _DATES_A_MONTH.search(before):
        found.discard(Expected.DATE)  # "May" may be a name, unless what precedes makes it a month ("in May")
    if re.search(r"[£$€¥]\s*$", before) and text[:1].isdigit():
        found.add(Expected.MONEY)  # "20" of "£20": a span the reader cut after the currency sign
    if Expected.MONEY in found:
        found.discard(Expected.AGE)
    bare = re.fullmatch(r"\s*(\d{1,3})\s*", text)
    if bare and not 0 < int(bare.group(1)) < 120:
        found.discard(Expected.AGE)  # before counts are weighed: "500" is no age, so it stays a count
    if re.fullmatch(r"\s*1[0-4]\d\d\s*", text):
        found.add(Expected.DATE)  # "1313" may be a year as well as a count
    if found & {Expected.MONEY, Expected.PERCENT, Expected.SCORE, Expected.DURATION, Expected.AGE, Expected.NUMBER} or _in_a_name(text) or _NAMED_NUMBER.fullmatch(text) and _MID_SENTENCE.search(before) or _HYPHENATED_NAME.search(text):
        found.discard(Expected.COUNT)  # "contacted Five to cease ...": a number written as a name mid-sentence is one
    if Expected.DATE in found and re.fullmatch(r"\s*(?:1[5-9]|20)\d\ds?\s*", text):
        found.discard(Expected.COUNT)  # a year alone is a date, not a count
    words = text.split()
    if words and _is_name(words):
        found.add(Expected.NAME)
        if ORG_WORDS.search(text) or _ORG_BEFORE.search(before) or _PARTY.fullmatch(text.strip()):
            found.add(Expected.ORGANISATION)
        elif _a_person_s_name(text):
            found.add(Expected.PERSON)
        if _PLACE_MODIFIER.match(after) or (_PLACE_BEFORE.search(before) and _ADDRESS_AFTER.match(after)):
            found.add(Expected.PLACE)  # "Paris" in "the Paris-based pressure group", "Woodbridge" in "Mr Betts-Green, of Woodbridge, Suffolk"
    return frozenset(found)


_HYPHENATED_NAME = re.compile(rf"\b(?=[A-Z])(?i:{_NUMBER_WORDS})-(?!(?i:{_NUMBER_WORDS})\b)[A-Z]")  # "Four-Kings", the team: no count; not "Twenty-Five"
_NAMED_NUMBER = re.compile(rf"\s*(?=[A-Z])(?i:{_NUMBER_WORDS})\s*")  # "Five", the channel
_MID_SENTENCE = re.compile(r"[a-z,]\s+$")
_AGO = re.compile(r"\s*ago\b", re.I)  # after a while: "four years ago"
_AGO_END = re.compile(r"\bago\W*$", re.I)


_BEFORE_A_COUNT = frozenset(re.findall(r"[a-z]+", APPROXIMATE)) | frozenset(
    "a an the only just under exactly all another and or between from estimated total record top by".split()
)  # words that qualify a count ("About 900,000"), not a name's ("Andre 3000")


def _in_a_name(text: str) -> bool:
    """Whether the span's number is part of a name ("Andre 3000", "Apollo 11"): a capitalised word stands
    right before it, other than a word that qualifies a count ("About 900,000")."""
    number = re.search(rf"\b{_NUMERAL}\b", text, re.I)
    word = re.search(r"(?<!\S)([A-Z][\w/'’-]*) +$", text[: number.start()]) if number else None  # "Andre 3000"; not "Mr Sullivan, one of six"
    return word is not None and word.group(1).lower() not in _BEFORE_A_COUNT


def _is_name(words: list[str]) -> bool:
    """Capitalised words, possibly joined by connectors ("Bank of England"), not only numbers."""
    content = [w for w in words if w.lower().strip(",.") not in _CONNECTORS and w.strip(",.") not in _LOWER_CASE_SUFFIXES]
    return bool(content) and all(_CAPITALISED.match(w.lstrip("\"'“‘(")) for w in content) and any(w.lstrip("\"'“‘(")[:1].isalpha() for w in content)


def _a_person_s_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name: a given name, perhaps a middle one, and a surname ("Tom
    DeLonge", "Dr Kate Moss"), neither of them a place's ("Cleveland Browns", "Virginia Beach")."""
    given = _given_name(text)
    words = text.split()
    if given is None or not is_surname(POSSESSIVE.sub("", words[-1]).rstrip("'’")) or place_kinds(given) or demonym(given) or _PARTY.search(text):
        return False  # "Nova Scotia", "Georgia Tech", "Christian Democrats"
    if place_kinds(text) or place_kinds(" ".join(words[:2])):
        return False  # "Santa Clara Marriott"
    if _PLACE_HEAD.search(text) or _FEATURE_HEAD.search(text):
        return False
    return not _DATE_WORD.fullmatch(given)  # "June Carter" yes, but "May" of "May Day" is a month


_FEATURE_HEAD = re.compile(  # the last word of a place named after someone: "Myrtle Beach", "Glen Canyon"
    r"\b(?:beach|canyon|springs?|falls|heights|hills?|creek|point|sound|keys?|rock|ridge|lakes?|woods?|gardens?|grove|vineyard|cove|peak|hole|pass|reef|islands?|bridge|dam|tunnel|fort|lane|avenue|boulevard|mansion|manor|lodge|cottage|abbey|chapel|memorial|monument|plaza|wharf|pier|quay|castle)\W*$",
    re.I,
)


def _lower_case_head(text: str) -> bool:
    """Whether the phrase ends in a lower-case word, as a description does and a person's or an organisation's name
    does not ("British Sky Broadcasting Group plc" is a name)."""
    words = [w.strip(",.;:\"'”’)") for w in text.split()]
    words = [w for w in words if w]
    return len(words) > 1 and words[-1][0].islower() and words[-1].lower() not in _CONNECTORS and words[-1] not in _LOWER_CASE_SUFFIXES


_LOWER_CASE_SUFFIXES = frozenset({"plc", "inc", "ltd", "llc", "co", "corp", "gmbh", "ag", "sa", "nv", "bv", "spa"})


_PLACE_HEAD = re.compile(  # the last word of a described place ("a London hospice", "Scottish rivers")
    r"\b(?:city|town|village|country|state|province|region|county|district|area|capital|port|airport|stadium|ground|arena|venue|hospital|hospice|clinic|home|house|bed|car|flat|apartment|villa|farm|hotel|resort|restaurant|pub|bar|nightclub|shop|store|mall|club|church|cathedral|prison|jail|school|college|university|office|headquarters|centre|center|park|hall|street|road|square|island|coast|border|river|valley|mountain|suburb|estate|base|camp|court|studio|theatre|theater|museum|gallery|station|building|tower|palace|embassy|chamber|room|plant|factory|mine|field|land|water|sea|lake|forest|basin|delta|peninsula|bay|gulf|plain|desert|harbou?r|shore|bank|canal|strait|channel|highland|lowland|territory|colony)s?\W*$",
    re.I,
)
_BODY_HEAD = re.compile(  # the last word of a body of people, which may answer "who"
    r"\b(?:council|legislature|government|parliament|congress|senate|assembly|committee|commission|court|jury|police|army|navy|military|board|ministry|department|agency|authority|regulator|administration|cabinet|union|party|club|team|company|firm|group|family|voters|officials|residents|shareholders|investors|fans|workers|staff)s?\W*$",
    re.I,
)


def names_a_body(text: str) -> bool:
    """Whether ``text`` ends in a word for a body of people ("police", "the city council"), which answers "who" but no "which minister"."""
    return _BODY_HEAD.search(text) is not None


def a_party_for_a_seat(question: str, span: str) -> bool:
    """Whether a political party ("Labour", "Labour backbencher") is offered for the seat a question asks for:
    "Which constituency is Stephen Pound MP for?" asks where he sits, not for whom."""
    return _ASKS_SEAT.search(question) is not None and _PARTY.match(span.strip()) is not None


_ASKS_SEAT = re.compile(r"\b(?:which|what) (?:constituency|seat|ward|riding|electorate)\b", re.I)
_ROLE_AT_END = re.compile(rf"\b{PERSON_NOUNS}s?\W*$", re.I)
_GIVEN_AND_FAMILY = re.compile(r"\b([A-Z][a-z]+)\s+[A-Z][a-z][\w'’-]*")  # "Courtney Love", not "Chelsea FC"
_WORD_BESIDE_FIGURE = re.compile(r"\b(?!(?:and|or|to|of|per|cent|hundreds?|thousands?|millions?|billions?|bn|m)\b)[a-z]{2,}")  # "by a quarter point": a manner
_NUMERIC = frozenset({Expected.MONEY, Expected.PERCENT, Expected.AGE, Expected.COUNT, Expected.DURATION, Expected.SCORE, Expected.NUMBER, Expected.DATE})
_AMOUNTS = frozenset({Expected.MONEY, Expected.PERCENT, Expected.COUNT, Expected.NUMBER, Expected.DURATION, Expected.SCORE, Expected.AGE})


def agreement(expected: Expected, types: frozenset[Expected], text: str, after: str = "") -> int:
    """+1 when the span ``text`` (of ``types``; ``after``: the words that follow it) is of the ``expected``
    kind, -1 when it is plainly of another, 0 when it cannot be told."""
    if expected == Expected.MANNER:  # "How are Verizon and Qwest paying for MCI?" is not answered by "$250m"
        return -1 if types & _NUMERIC - {Expected.SCORE} and not _WORD_BESIDE_FIGURE.search(text) else 0
    if expected == Expected.DESCRIPTION:  # "Who is Barry Ferguson?" is not answered by "Alex McLeish"
        if Expected.PERSON in types or Expected.NAME in types and not re.search(r"\b[a-z]", text) and not _ROLE_AT_END.search(text):
            return -1  # "McLeish" too; not "Landgrave of Hesse", "Agriculture Minister", "Singer"
        return -1 if any(is_given_name(m.group(1)) for m in _GIVEN_AND_FAMILY.finditer(text)) else 0  # "Courtney Love, the widow of ..."
    if expected in (Expected.OTHER, Expected.REASON):
        return 0
    if expected == Expected.TITLE:  # a work or a product has a name: "seltzer tequila" names no film
        return -1 if not re.search(r"[A-Z0-9\"“‘']", text) else 0
    numeric = types & _NUMERIC
    if expected == Expected.ORGANISATION and sum(w[:1].islower() and w.lower() not in _CONNECTORS for w in text.split()) > _CLAUSE_WORDS:
        return -1  # "Massachusetts doughnut and coffee chain is preparing to launch ... Dunkin’ Spiked": a clause, not a name
    if expected in (Expected.PERSON, Expected.ORGANISATION, Expected.PLACE):
        if Expected.PLACE in types:
            return 1 if expected == Expected.PLACE else -1
        if Expected.NAME in types and not numeric:
            if expected == Expected.PLACE and Expected.PERSON in types:
                return -1  # "Joe Biden" is no island
            if expected == Expected.PERSON and Expected.ORGANISATION in types or expected == Expected.ORGANISATION and Expected.PERSON in types:
                return 0  # "Tom DeLonge" may be a band, as "Ralph Lauren" is a business
            return 1
        if numeric and (Expected.NAME not in types or Expected.DATE in types and any(c.isdigit() for c in text)):
            return -1  # "March 16" names a day, no one and no place
        if Expected.DATE in types and all(_DATE_WORD.fullmatch(word) for word in re.findall(r"[A-Z][\w.]*", text)):
            return -1  # "Sunday", "Thursday of November": a day's names only
        if expected == Expected.PLACE and _PLACE_HEAD.search(text):
            return 0  # a place described, named or not: "a London hospice", "in hospital", "in bed"
        if expected == Expected.PERSON and re.match(r"\s*an?\s", text, re.I):
            return -1  # "a prospective candidate for UKIP": someone unnamed answers no "who"
        if expected == Expected.PERSON and _BODY_HEAD.search(text):
            return 0  # "who" may be a body of people: "the city council", "the Florida legislature"; "which group" asks for a name
        if _lower_case_head(text):
            return -1  # "Boeing plane deal", "Brixton riots": a phrase about something, naming no one and no place
        return 0 if any(c.isupper() for c in text) else -1  # a name is capitalised: "the plane deal" names no one
    if expected == Expected.DATE:
        if Expected.DATE in types:
            return 1
        return -1 if types & (_AMOUNTS | {Expected.NAME, Expected.ORDINAL}) or not types else 0  # "10th" alone is no date
    if expected == Expected.SPEED:  # "How fast does light travel?" is not answered by "40 minutes"
        return 1 if Expected.SPEED in types else 0 if Expected.NUMBER in types or types == {Expected.COUNT} else -1
    if expected == Expected.FREQUENCY:  # "three" may be three times; "two days" is no frequency
        return 1 if Expected.FREQUENCY in types else 0 if types == {Expected.COUNT} else -1
    if expected == Expected.ORDINAL:  # "68" may be the 68th minute; "29th" is no count, nor "nine" of "nine points"
        counts_things = re.match(r"\S+\s+(?!minutes?\b)[a-z]", f"{text}{after[:12]}") is not None
        return 1 if Expected.ORDINAL in types else 0 if types in ({Expected.COUNT}, {Expected.AGE}) and not counts_things else -1
    if expected == Expected.COUNT and Expected.FREQUENCY in types:
        return 0  # "How many times has it won?" may be answered "twice"
    # an amount of some kind was asked for
    if not numeric:
        return -1
    if expected in types:
        return 1
    if expected == Expected.NUMBER:
        return 1 if types & _AMOUNTS else -1
    if expected == Expected.COUNT:  # "how many levels" is not answered by "£20" ("how many pounds" asks for money), nor "how many times" by "45 years"
        return 0 if types & {Expected.NUMBER, Expected.PERCENT, Expected.AGE} and Expected.DURATION not in types else -1
    if expected == Expected.AGE:
        return 0 if Expected.COUNT in types and not types & {Expected.MONEY, Expected.PERCENT, Expected.DATE, Expected.SCORE} else -1
    if expected == Expected.AMOUNT:
        return 1 if types & {Expected.MONEY, Expected.NUMBER, Expected.PERCENT} else -1
    if expected == Expected.MEASURE:  # "how much electricity" is not answered by "1.4bn yuan"
        return 1 if types & {Expected.NUMBER, Expected.PERCENT} and Expected.MONEY not in types else -1  # nor by a bare count, as any amount
    if expected == Expected.MONEY:  # a bare count ("five", "23 times"), a percentage or a measure ("30GB") is no sum of money: a fee, a price, a fine has a currency
        return 0 if Expected.NUMBER in types and not _MEASURED.search(text) else -1
    if expected == Expected.PERCENT:  # "54" may be a share; "More than five million" is none
        return 0 if types & {Expected.COUNT, Expected.NUMBER} and not _SCALE.search(text) else -1
    if expected == Expected.DURATION:  # "three" may be three years, "from 1915 until 1918" a duration, "11:28" the time left; "42, has pleaded guilty", "Mr Sullivan, 42" and "Sunday" are none
        if types & _NUMERIC == {Expected.DATE} and not any(c.isdigit() for c in text):
            return -1
        return 0 if types & {Expected.DATE, Expected.SCORE} or (Expected.COUNT in types and Expected.NAME not in types and len(text.split()) <= 3) else -1
    if expected == Expected.SCORE:  # "16.2 times" is how often, not a score or a time
        return 0 if types & {Expected.COUNT, Expected.NUMBER, Expected.DURATION} and Expected.FREQUENCY not in types else -1
    return 0


_A_GROUP_OF = frozenset({"strong", "man", "men", "member", "person", "people", "woman", "women", "seat", "seater"})  # "a 2,700-strong audience", "a 15-man squad"
_GROUPS_OF_PEOPLE = frozenset(
    """people persons members staff workers employees users customers subscribers fans visitors passengers residents children
    adults students pupils patients victims soldiers troops officers police players voters citizens immigrants migrants refugees
    men women others delegates jobs posts positions""".split()
)
_HOW_MANY = re.compile(r"\bhow many ([a-z]+)\b", re.I)
_AN_AGE = re.compile(r"-year-old\b|\s+years? old\b", re.I)
_COUNTED = re.compile(r"^[\s\d,.]*(?:[a-z]+\s+)??([a-z]+s)\b")  # the plural noun right after the number ("three websites")


_RANK = re.compile(r"\b(?:number|No\.?)\s+(?:\d+|[a-z]+)\s*$", re.I)  # "went to number one", "reached No 13"


def names_a_rank(before: str, span: str) -> bool:
    """Whether the number of ``span`` (after ``before``) is a place in a ranking ("number one"), which counts nothing."""
    number = re.search(rf"\b{_NUMERAL}\b", span, re.I)
    return number is not None and _RANK.search(f"{before}{span[: number.end()]}") is not None


def counts_something_else(question: str, text: str, after: str) -> bool:
    """Whether a count answers "how many <people>?" or an attendance with a count of things: "How many members
    did the site have?" is not answered by "three" in "three websites". Only groups of people are told apart from things,
    and an age from any count ("The 47-year-old" does not say how many times he competed)."""
    number = re.search(rf"\b{_NUMERAL}\b", text, re.I)
    if number is None:
        return False
    rest = text[number.end() :] + after  # the text as it runs on
    asked = _HOW_MANY.search(question)
    if _AN_AGE.match(rest):
        return asked is None or asked.group(1).lower() != "years"  # "The 47-year-old" counts no times
    if (asked is None or asked.group(1).lower() not in _GROUPS_OF_PEOPLE) and not _ATTENDANCE.search(question):
        return False  # an attendance counts people: "three points" is none
    compound = re.match(r"-([a-z]+)", rest)  # "11-game unbeaten run": the number describes a noun ("Twenty-eight" is a number)
    if compound is not None and not re.fullmatch(_NUMBER_WORDS, compound.group(1)):
        return compound.group(1) not in _GROUPS_OF_PEOPLE | _A_GROUP_OF
    counted = _COUNTED.match(rest)
    return counted is not None and counted.group(1) not in _GROUPS_OF_PEOPLE


_HOW_MANY_PHRASE = re.compile(r"\bhow many ((?:[a-z-]+ ){0,3}?[a-z-]+)(?= (?:are|is|was|were|did|do|does|have|has|had|will|would|could|can|should|might|must)\b|\s*\??$)", re.I)
_COUNTED_REACH = 4  # words between a number and the noun it counts ("900,000 military and civilian staff")
_A_NUMBER = re.compile(rf"\b{_NUMERAL}(?:\s+(?:hundred|thousand|million|billion))?\b", re.I)
_WORDS_AFTER = re.compile(rf"(?:\s+[\w-]+){{1,{_COUNTED_REACH}}}")


def the_asked_count(question: str, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``sentence`` gives the count the question asks for, when the number at ``start:end`` counts
    something else: "How many defence department staff are among those hit?" is answered by "900,000" of
    "About 900,000 military and civilian staff ... are among the 1.2 million affected", not by "1.2 million"."""
    asked = _HOW_MANY_PHRASE.search(question)
    if asked is None:
        return None
    noun = asked.group(1).split()[-1].lower()
    if noun in ("times", "time"):
        return None  # "how many times" counts no noun: "sacked him seven times and forced three turnovers"
    counts = []  # each number, and whether the words after it (up to another number) name the asked noun
    for m in _A_NUMBER.finditer(sentence):
        after = _WORDS_AFTER.match(sentence, m.end())
        words = after.group().split() if after else []
        words = words[: next((i for i, w in enumerate(words) if _A_NUMBER.fullmatch(w)), len(words))]
        counts.append((m, words, noun in (w.lower() for w in words)))  # the very word: "one judge from each state" counts no "judges"
    own = [(words, counts_noun) for m, words, counts_noun in counts if start <= m.start() < end]
    if not own or any(counts_noun for _, counts_noun in own) or not own[-1][0] or not own[-1][0][0].islower() or own[-1][0][0] in STOPWORDS:
        return None  # it counts the asked noun, or leaves it unsaid: "the TGWU has 800,000.", "about 7,000 in the UK", "about 100 Muslim, ... 50 Jewish schools"
    return next((m.span() for m, _, counts_noun in counts if counts_noun and not start <= m.start() < end), None)
