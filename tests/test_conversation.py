from qa.conversation import needs_context, resolve, retrieval_query
from qa.types import Turn

HISTORY = [Turn(question="Who is South Korea's president?", answer="Yoon Suk-yeol")]


def test_pronoun_is_replaced_by_the_last_short_answer():
    assert resolve("When did he meet Kishida?", HISTORY) == "When did Yoon Suk-yeol meet Kishida?"
    assert resolve("Where is his office?", HISTORY) == "Where is Yoon Suk-yeol's office?"


def test_self_contained_question_is_left_alone():
    question = "What did North Korea stage last weekend?"
    assert not needs_context(question)
    assert resolve(question, HISTORY) == question
    assert retrieval_query(question, HISTORY) == question


def test_retrieval_query_carries_the_previous_question():
    query = retrieval_query("When did he meet Kishida?", HISTORY)
    assert "Yoon Suk-yeol" in query and "South Korea's president" in query


def test_no_history_changes_nothing():
    assert retrieval_query("When did he meet Kishida?", []) == "When did he meet Kishida?"
