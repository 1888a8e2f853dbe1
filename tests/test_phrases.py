"""Completing a reader's span into the whole answer (``qa.phrases.complete_answer``), and the phrase rules under it."""

from __future__ import annotations

import pytest

from qa.phrases import complete_answer, head_noun, question_stems

pytestmark = pytest.mark.unit

KISHIDA = (
    "Japan will host the G7 summit in May, and he was the only G7 leader yet to visit Ukraine. "
    "It was the first visit by a Japanese prime minister to a country at war since World War II, "
    "and he also went to Bucha, site of a mass grave."
)
EXPORTS = "The two countries agreed to end Japanese controls on South Korean exports and to share intelligence."
TANCRED = "Tancred played a role in the conquest of Jerusalem."


def complete(question: str, text: str, sentence: tuple[int, int], span: str) -> str:
    start = text.index(span, sentence[0])
    begin, end = complete_answer(question, text, sentence, start, start + len(span), question_stems(question))
    return text[begin:end]


def test_a_restated_it_was_sentence_points_back_to_what_it_stands_for():
    sentence = (KISHIDA.index("It was"), len(KISHIDA))
    question = "What was the first visit by a Japanese prime minister to a country at war since World War II?"
    assert complete(question, KISHIDA, sentence, "mass grave") == "visit Ukraine"


def test_an_it_was_sentence_the_question_does_not_restate_keeps_the_span():
    sentence = (KISHIDA.index("It was"), len(KISHIDA))
    assert complete("What was the site of a mass grave?", KISHIDA, sentence, "Bucha") == "Bucha"


def test_a_span_inside_the_asked_noun_phrase_grows_to_the_whole_phrase():
    question = "Which export controls did the agreement end?"
    assert head_noun(question) == ("control", frozenset({"export", "control"}))
    assert complete(question, EXPORTS, (0, len(EXPORTS)), "South Korean exports") == "Japanese controls on South Korean exports"


def test_a_bare_complement_stays_bare():
    # SQuAD's answer here is "Jerusalem": the span repeats no word of "conquest", so it is kept.
    assert complete("What major conquest did Tancred play a role in?", TANCRED, (0, len(TANCRED)), "Jerusalem") == "Jerusalem"


@pytest.mark.parametrize("question", ["Who ended the controls?", "When did the agreement end the controls?"])
def test_other_questions_keep_the_span(question):
    assert complete(question, EXPORTS, (0, len(EXPORTS)), "South Korean exports") == "South Korean exports"
