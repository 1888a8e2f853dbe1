"""qa.truecase: names restored to a question typed in lower case, as the articles write them."""

import pytest
from hypothesis import given, strategies as st

from qa.constraints import question_constraints
from qa.truecase import truecased, typed_in_capitals, typed_in_lower_case

pytestmark = pytest.mark.unit

ARTICLE = (
    "Shares in Blackburn Rovers rose. Then City lost and City drew. The club said Blackburn had won the FA Cup six times, and Bank of America "
    "lent it money. A Tory spokesman, Tim Yeo, said the bank was wrong. The Tory party and the Tory leader agreed. "
    "Old hands said the 30-year-old and the old guard were in Blackburn. The bank told us the US Senate agreed. "
    "The chip of Sony, IBM and Toshiba was shown, and Sony said IBM and Toshiba agreed."
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many times have blackburn won the fa cup", "how many times have Blackburn won the FA Cup"),
        ("what did bank of america lend", "what did Bank of America lend"),  # the whole name, though "bank" alone is a word
        ("who is the tory spokesman", "who is the Tory spokesman"),
        ("what did the us senate agree", "what did the US Senate agree"),
        ("how old is tim yeo's club", "how old is Tim Yeo's club"),  # "how old" is no name; a possessive keeps its ending
        ("which city did blackburn beat", "which city did Blackburn beat"),  # the kind asked for is no name, though "City" is one here
        ("when did city lose", "when did City lose"),
        ("who won in berlin", "who won in Berlin"),  # a big city the articles never write
        ("how fast will the czech economy grow", "how fast will the Czech economy grow"),  # the first word of a country's name
        ("how fast will the south grow", "how fast will the south grow"),  # not a common one
        ("what did the bank say", "what did the bank say"),  # written in lower case too: no name
        ("who told us", "who told us"),  # the articles write "us" in lower case too
        ("what did sony ibm and toshiba show", "what did Sony, IBM and Toshiba show"),  # three names, never written as one
    ],
)
def test_a_question_typed_in_lower_case_gets_the_articles_names(question, expected):
    assert truecased(question, [ARTICLE]) == expected


@pytest.mark.parametrize(
    ("question", "unknown", "expected"),
    [
        ("how old is quentin davies", (), "how old is Quentin Davies"),  # capitalised only opening a sentence, never in lower case
        ("how old is pedro davies", ("pedro",), "how old is Pedro Davies"),  # no article uses it
        ("how old is the mp davies", (), "how old is the mp Davies"),  # written in lower case too
    ],
)
def test_a_word_before_a_name_is_its_first_word_when_the_articles_never_write_it_otherwise(question, unknown, expected):
    article = "Quentin Davies, the MP for Grantham, was attacked. Mr Davies, 60, said the mp was fine. The old park is dangerous."
    assert truecased(question, [article], unknown) == expected


def test_only_a_question_with_no_capital_at_all_is_typed_in_lower_case():
    assert typed_in_lower_case("how many times have blackburn won the fa cup")
    for question in ("How many times have Blackburn won the fa cup?", "Which former pope was laid to rest this week?"):
        assert not typed_in_lower_case(question)  # the second names nothing: its lower-case words are no names


def test_a_question_typed_in_capitals_marks_no_names_either():
    assert typed_in_capitals("HOW MUCH DID QWEST OFFER FOR MCI?")
    for question in ("How much did Qwest offer for MCI?", "I"):
        assert not typed_in_capitals(question)  # some lower case, or too short to tell
    assert typed_in_capitals("WHO IS NATO'S CHIEF?")


def test_the_restored_names_are_constraints_the_checks_see():
    question = truecased("what share of the vote did jeremy edwards get", ["Caprice left. Then Jeremy Edwards left with 12% of the vote."])
    assert [c.text for c in question_constraints(question)] == ["Jeremy", "Edwards"]


@given(st.text(alphabet="abcdefg hij'?-", max_size=40))
def test_truecasing_changes_only_the_case_of_letters(question):
    assert truecased(question, [ARTICLE]).lower() == question.lower()
