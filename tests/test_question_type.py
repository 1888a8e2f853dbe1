"""qa.question_type: the kind of answer a question expects, decided by its earliest wh-word."""

import pytest

from qa.question_type import AnswerKind, QuestionType, classify_question

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "wh", "kind"),
    [
        ("Who said what?", "who", AnswerKind.PERSON),  # the earliest wh-word decides
        ("How much did it cost when it opened?", "how much", AnswerKind.AMOUNT),
        ("The spokesman said: who knows?", "who", AnswerKind.PERSON),  # a wh-word anywhere
        ("  WHERE   did they   meet ", "where", AnswerKind.PLACE),  # case and blanks do not matter
        ("Whose car was stolen?", "who", AnswerKind.PERSON),
        ("What time did the match start?", "what", AnswerKind.DATE),
        ("What temperature was recorded?", "what", AnswerKind.NUMBER),
        ("What share of the vote did she win?", "what", AnswerKind.AMOUNT),
        ("Which countries signed the treaty?", "what", AnswerKind.PLACE),  # irregular plurals
        ("Which universities joined the strike?", "what", AnswerKind.ORGANISATION),
        ("Which press freedom group criticised the law?", "what", AnswerKind.ORGANISATION),  # nouns behind modifiers
        ("Which think-tank wrote the report?", "what", AnswerKind.ORGANISATION),
        ("Which famous musician is Fatboy Slim's neighbour?", "what", AnswerKind.PERSON),
        ("What is the name of the ship?", "name", AnswerKind.OTHER),
        ("What was the new bridge called?", "name", AnswerKind.OTHER),
    ],
)
def test_kinds(question, wh, kind):
    assert classify_question(question) == QuestionType(wh, kind)


def test_without_a_question_word_nothing_narrower_is_expected():
    assert classify_question("Tell me everything about the harbour budget") == QuestionType("none", AnswerKind.OTHER)
    assert classify_question("") == QuestionType("none", AnswerKind.OTHER)


def test_kinds_are_plain_strings():
    assert AnswerKind.PERSON == "person" and f"{AnswerKind.ORGANISATION}" == "organisation"
