"""A polite lead-in dropped before the question it leads to."""

import pytest

from qa.lead_in import spelled_out, without_lead_in

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("Can you tell me who chairs Ryanair?", "Who chairs Ryanair?"),
        ("Could you please tell me how much Barclays made before tax in 2004?", "How much Barclays made before tax in 2004?"),
        ("Do you know when the Bank of England last held rates?", "When the Bank of England last held rates?"),
        ("I'd like to know which club Juninho joined, please?", "Which club Juninho joined?"),
        ("Please tell me: where is OneStat.com based?", "Where is OneStat.com based?"),
        ("tell me what loss marsh & mclennan reported", "what loss marsh & mclennan reported"),  # typed in lower case: kept so
        ("I wonder why Glaxo dropped its obesity drug", "Why Glaxo dropped its obesity drug"),
        ("Who chairs Ryanair, please?", "Who chairs Ryanair?"),
        ("Can you tell me how much did mercedes-benz make", "how much did mercedes-benz make"),  # the rest in lower case: kept so
        ("Do you know, according to the UNECE, how fast the UK economy grew?", "According to the UNECE, how fast the UK economy grew?"),
        ("Can you tell me and in 2005?", "and in 2005?"),  # a follow-up
    ],
)
def test_a_lead_in_before_a_question_word_is_dropped(typed, asked):
    assert without_lead_in(typed) == asked


@pytest.mark.parametrize(
    "typed",
    [
        "Who chairs Ryanair?",
        "Do you know if Ryanair bought Boeing planes?",
        "Tell me about the Yukos auction",
        "Can you tell me more?",
        "On what issues may members vote as they please?",
        "Tell me anything",
    ],
)
def test_a_question_without_one_stays_as_typed(typed):
    assert without_lead_in(typed) == typed


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("What's the fed funds rate now?", "What is the fed funds rate now?"),
        ("whats the fed funds rate now", "what is the fed funds rate now"),  # typed without its apostrophe
        ("Who’s the chief executive of Ryanair?", "Who is the chief executive of Ryanair?"),
        ("Fox aired the Who's Your Daddy? specials. When?", "Fox aired the Who's Your Daddy? specials. When?"),  # a title within
        ("Whatsapp?", "Whatsapp?"),
        ("Who's major ports were controlled by the English?", "Who's major ports were controlled by the English?"),  # "whose" mistyped
    ],
)
def test_a_question_word_with_its_is_contracted_is_spelled_out(typed, asked):
    assert spelled_out(typed) == asked
