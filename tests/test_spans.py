"""qa.spans: words and answer-shaped phrases of a sentence, as exact character offsets."""

import pytest

from qa.spans import stem, stems, tokenize, trim_span, typed_spans

pytestmark = pytest.mark.unit


def _found(text):
    return {(text[s.start : s.end], s.shape) for s in typed_spans(text)}


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


def test_names_join_across_connectors_but_not_across_and():
    text = "According to Reuters, the Bank of the West and Charles de Gaulle met."
    names = {span for span, shape in _found(text) if shape == "name"}
    assert names == {"Reuters", "Bank of the West", "Charles de Gaulle"}


def test_numbers_come_with_and_without_their_unit_and_money_with_its_currency():
    found = _found("About 300 soldiers crossed; the plan costs 45 million euros.")
    assert {("About 300 soldiers", "number"), ("About 300", "number"), ("45 million euros", "money")} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose 4.5% in the spring of 2022.", {("4.5%", "percent"), ("spring of 2022", "date")}),
        ("They landed on 3 June 2023 at 10:30 GMT.", {("3 June 2023", "date"), ("10:30 GMT", "date")}),
        ("In the 1990s, as in the 21st century.", {("1990s", "date"), ("the 21st century", "date")}),
        ("He called it ‘historic’ and the “new era” began.", {("historic", "quote"), ("new era", "quote")}),
    ],
)
def test_shapes(text, expected):
    assert expected <= _found(text)


def test_trim_keeps_quotes_balanced_inside_and_an_empty_span_is_empty():
    text = "(the “friendship” pact)"
    assert text[slice(*trim_span(text, 0, len(text)))] == "the “friendship” pact"
    start, end = trim_span("  ... ", 0, 6)
    assert start == end
