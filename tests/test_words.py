"""index.words: the words of a text as BM25 terms, and as tokens with offsets for the reader."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.words import bm25_terms, stem, stems, tokenize

pytestmark = pytest.mark.unit


def test_bm25_terms_are_stemmed_without_stop_words():
    assert bm25_terms(["The visits of the leaders"]) == [["visit", "leader"]]


def test_tokens_carry_document_offsets_stems_and_flags():
    text = "The U.S. sold 1,000 tanks to Poland’s army."
    tokens = tokenize(text, offset=100)
    assert all(text[t.start - 100 : t.end - 100] == t.text for t in tokens)
    by_text = {t.text: t for t in tokens}
    assert {"1,000", "Poland’s", "U.S"} <= set(by_text), "a thousands separator, an apostrophe and inner dots stay inside a word"
    assert by_text["Poland’s"].stem == "poland" and by_text["tanks"].stem == "tank"
    assert by_text["The"].is_stop and by_text["to"].is_stop and not by_text["army"].is_stop
    assert by_text["1,000"].is_capitalised and by_text["Poland’s"].is_capitalised and not by_text["sold"].is_capitalised


def test_a_curly_apostrophe_stems_as_a_straight_one():
    assert stem("Poland’s") == stem("poland's") == "poland"


def test_a_hyphenated_word_holds_its_parts():
    assert {"amsterdam-bas", "amsterdam", "base"} <= stems("Amsterdam-based OneStat.com")


@given(st.text(alphabet=st.sampled_from(list("abcXYZ’'.,-& 0123\n")), max_size=80))
def test_stems_are_the_stems_tokenize_gives_and_those_of_hyphenated_parts(text: str) -> None:
    words = tokenize(text)
    parts = {stem(part) for t in words if "-" in t.text for part in t.text.split("-") if part}
    assert stems(text) == {t.stem for t in words} | parts
