"""Typos read as the words the articles use: only for words neither the articles nor English know."""

import pytest

from index.words import WORD, bm25_terms
from qa.spelling import respelled

pytestmark = pytest.mark.unit

ARTICLE = "The government said broadcast rights for the Premier League were sold by Marsh & McLennan to Ranieri and Raniero, not to a broadcaster, astrophysicist or gauge maker."
STEMS = {t for terms in bm25_terms(WORD.findall(ARTICLE)) for t in terms}


def unknown_to_articles(text: str) -> list[str]:
    """The words of ``text`` these articles never use (as ``Backend.unknown_words`` finds them)."""
    words = WORD.findall(text)
    return [w for w, terms in zip(words, bm25_terms(words)) if terms and not all(t in STEMS for t in terms)]


def written_as(word: str) -> str | None:
    """How the article writes ``word`` with a capital."""
    return next((w for w in WORD.findall(ARTICLE) if w.lower() == word and w[0].isupper()), None)


def fixed(question: str) -> str:
    return respelled(question, unknown_to_articles(question), unknown_to_articles, written_as)


def test_a_typo_is_read_as_the_word_the_articles_use():
    assert fixed("When were the talks held for braodcast rights?") == "When were the talks held for broadcast rights?"
    assert fixed("What did the goverment say?") == "What did the government say?"
    assert fixed("Goverment said what?") == "Government said what?"  # the question's first word keeps its capital
    assert fixed("what did the astrophysisist say") == "what did the astrophysicist say"  # two edits in a long word
    assert fixed("Which guages were sold?") == "Which gauges were sold?"  # another form of a word the articles use


def test_words_that_are_not_typos_stay_as_typed():
    for question in (
        "How many hearts does an octopus have?",  # English knows it: the articles are about something else
        "Who is Yoon?",  # a name, and short
        "Who chairs Marsh & McLenen now?",  # two edits from the name
        "Who met Ranieru?",  # one edit from two names
        "Who met Vanieri?",  # a name starts with the letter typed
        "Who met Ranier?",  # nor ends otherwise: another ending often makes another name
        "What are web analytics?",  # not in English's list, but the nearest word is two edits away in a short word
    ):
        assert fixed(question) == question


def test_a_mistyped_name_is_read_as_the_one_name_the_articles_write_one_edit_away():
    assert fixed("What did Marsh & McLenann report?") == "What did Marsh & McLennan report?"  # as the article writes it
    assert fixed("Who met Raneiri?") == "Who met Ranieri?"  # two letters swapped
    assert fixed("Who met Ranierri?") == "Who met Ranieri?"  # a letter too many
    assert fixed("Who chairs the Primier League?") == "Who chairs the Premier League?"
    assert fixed("who met raneiri") == "who met ranieri"  # a name typed in lower case, kept so


def test_every_occurrence_of_the_word_is_replaced_and_only_the_whole_word():
    assert fixed("Did the goverment's broadcaster or the goverment sell them?") == "Did the government's broadcaster or the government sell them?"
    assert fixed("Did the govermental broadcaster sell them?") == "Did the govermental broadcaster sell them?"
