"""qa.question_type: the kind of answer a question expects, decided by its earliest wh-word."""

import pytest

from qa.question_type import SAID, YES_NO, AnswerKind, QuestionType, asked_clause, asks_yes_or_no, classify_question

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
        ("Which party leader resigned?", "what", AnswerKind.PERSON),  # a person of the body
        ("Which Supreme Court justice rebuked the president?", "what", AnswerKind.PERSON),
        ("Which Monetary Policy Committee member voted for a rise?", "which", AnswerKind.OTHER),
        ("Which famous musician is Fatboy Slim's neighbour?", "what", AnswerKind.PERSON),
        ("What is the name of the ship?", "name", AnswerKind.OTHER),
        ("What was the new bridge called?", "name", AnswerKind.OTHER),
        ("What modern-day country was Tesla born in?", "what", AnswerKind.PLACE),  # a hyphenated modifier
        ("Which coffee chain is releasing boozy drinks?", "what", AnswerKind.ORGANISATION),
        ("Which group of countries announced the cut?", "what", AnswerKind.ORGANISATION),  # a group, not a country
        ("What kind of company is Sky UK Limited?", "what", AnswerKind.OTHER),  # a description, not a name
        ("Which of his future generals joined forces with him?", "what", AnswerKind.PERSON),
        # a news quiz's lead-in says nothing of what is asked: its own sentence, or a clause joined by "when"
        ("Police arrested 31 men who planned to riot at a Pride event. Where was the event?", "where", AnswerKind.PLACE),
        ("Sen. Laphonza Butler made history this week when she became the only Black woman in the Senate. Which state does she represent?", "what", AnswerKind.PLACE),
        ("At least 12 people were injured when a crane collapsed this week in which major city?", "what", AnswerKind.PLACE),
        ("Fox News rocked the media world when it announced it would part ways with which top-rated host?", "which", AnswerKind.OTHER),
        ("Western governments considered Islamists to be the lesser of two evils when compared to whom?", "who", AnswerKind.PERSON),
        ("When did the crane collapse, and where?", "when", AnswerKind.DATE),  # "when" that asks
        ("When was the bridge opened?", "when", AnswerKind.DATE),
    ],
)
def test_kinds(question, wh, kind):
    assert classify_question(question) == QuestionType(wh, kind)


def test_without_a_question_word_nothing_narrower_is_expected():
    assert classify_question("Tell me everything about the harbour budget") == QuestionType("none", AnswerKind.OTHER)
    assert classify_question("") == QuestionType("none", AnswerKind.OTHER)


@pytest.mark.parametrize(
    ("question", "yes_or_no"),
    [
        ("Did the Fed raise rates?", True),
        ("Is it true that Doom 3 was released in August?", True),
        ("Can you tell me whether the Fed raised rates?", True),
        ("Do you know if he won?", True),
        ("hasn't the bank cut its rates?", True),  # typed in lower case, negated
        ("Did the man who shot Lennon plead guilty?", True),  # a wh-word that opens a clause
        ("Dick Cheney died this week. Did he ever resign?", True),  # its last sentence asks
        ("Did the Fed raise rates or not?", True),
        ("And did he win?", True),  # a follow-up
        ("Is corporal punishment increasing or declining?", False),  # alternatives: one of them is the answer
        ("Did he say who won?", False),  # asks who
        ("Do you know who won?", False),
        ("Does anyone know when it opens?", False),
        ("Who won? Tell me.", False),
        ("Was was the plan for the mission?", False),  # a mistyped "What"
        ("Tell me about the harbour budget", False),
    ],
)
def test_a_question_that_asks_yes_or_no(question, yes_or_no):
    assert asks_yes_or_no(question) is yes_or_no
    assert (classify_question(question) == QuestionType(YES_NO, AnswerKind.OTHER)) is yes_or_no


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What did Ian Shepherdson make of the PPI report?", True),
        ("What did Jose Mourinho claim about the gesture that got him sent off?", True),
        ("What did Blair say?", True),
        ("What did Tesla claim to perfect?", False),  # a thing he claimed, not what he said of it
        ("What does the treaty not say?", False),
        ("Who said the economy would grow?", False),
    ],
)
def test_a_question_about_what_someone_said(question, said):
    assert (classify_question(question).wh == SAID) is said


def test_kinds_are_plain_strings():
    assert AnswerKind.PERSON == "person" and f"{AnswerKind.ORGANISATION}" == "organisation"


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("Where was the event?", "Where was the event?"),
        ("Police arrested 31 men this week. Where was the event?", "Where was the event?"),
        ("Which US city dyes its river green in honor of St. Patrick’s Day?", "Which US city dyes its river green in honor of St. Patrick’s Day?"),  # "St." ends no sentence
        ("What percentage of US adults disapprove of overturning Roe v. Wade?", "What percentage of US adults disapprove of overturning Roe v. Wade?"),
        ("The final was close. Who won? Tell me.", "Who won? Tell me."),  # from the last sentence that asks on
        ("How much did it cost when it opened?", "How much did it cost when it opened?"),  # no question after the "when"
        ("What did he say when asked which team he would join?", "What did he say when asked which team he would join?"),  # the question came first
    ],
)
def test_the_asked_clause(question, clause):
    assert asked_clause(question) == clause
