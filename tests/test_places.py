"""qa.places: the kind of place a question asks for, and whether a span names one of that kind."""

import pytest

from qa.places import PlaceKind, asked_place, lies_in, place_agreement, place_kinds, places_left

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
    for people in ("Iranian", "Australians", "Brazilian Supreme Court Justice Gilmar Mendes"):
        assert place_agreement(PlaceKind.COUNTRY, people) == -1, people  # of the country, not the country
    assert place_agreement(PlaceKind.COUNTRY, "Pelé") == 0


def test_a_place_the_question_leaves_does_not_answer_where():
    assert places_left("Where was he heading after Kenya?") == ("kenya",)
    assert places_left("Where did the flight from the UK land?") == ("uk",)
    assert places_left("Where in Kenya was he attacked?") == ()  # the answer lies inside Kenya
    assert places_left("Who came after Kenya?") == ()  # only a "where" question asks for a place elsewhere
    assert lies_in("Nairobi", ("kenya",)) and lies_in("the Nairobi Serena Hotel", ("kenya",))  # a city of the country left
    assert lies_in("Kenya", ("kenya",)) and lies_in("London", ("uk",))
    assert not lies_in("Sudan", ("kenya",)) and not lies_in("Paris", ("uk",))
