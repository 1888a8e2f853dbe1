"""Sentence splitting: news cases from the brief, the seeds, and properties on generated text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.sentences import sentences_in, split_sentences

pytestmark = pytest.mark.unit

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.S. economy grew. Prices rose.",
            ["The U.S. economy grew.", "Prices rose."],
            id="U.S. mid-sentence",
        ),
        pytest.param(
            "It is the current U.S.-led world order. It may end.",
            ["It is the current U.S.-led world order.", "It may end."],
            id="U.S.-led",
        ),
        pytest.param(
            "They met at St. George's Hall in Moscow. Then they ate.",
            ["They met at St. George's Hall in Moscow.", "Then they ate."],
            id="St. George's Hall",
        ),
        pytest.param(
            "The third church is Trinity-St. Paul's Episcopal Church. It opened in 1863.",
            ["The third church is Trinity-St. Paul's Episcopal Church.", "It opened in 1863."],
            id="Trinity-St. Paul's",
        ),
        pytest.param(
            "Dr. Smith arrived late. Mr. Jones did not.",
            ["Dr. Smith arrived late.", "Mr. Jones did not."],
            id="Dr. and Mr.",
        ),
        pytest.param(
            "The vote is on Jan. 5 in Ohio. It is No. 1 on the list.",
            ["The vote is on Jan. 5 in Ohio.", "It is No. 1 on the list."],
            id="Jan. 5 and No. 1",
        ),
        pytest.param(
            "The Hobbit is by J. R. R. Tolkien. It sold well.",
            ["The Hobbit is by J. R. R. Tolkien.", "It sold well."],
            id="initials",
        ),
        pytest.param(
            "Growth was 3.5 percent. The deal is worth $40 billion. Shares fell.",
            ["Growth was 3.5 percent.", "The deal is worth $40 billion.", "Shares fell."],
            id="decimals and money",
        ),
        pytest.param(
            "Some cities, e.g. Paris, grew. Others, e.g. Rome, did not.",
            ["Some cities, e.g. Paris, grew.", "Others, e.g. Rome, did not."],
            id="e.g.",
        ),
        pytest.param(
            "He paused... and then went on. Wait... The end came. So it goes… Nobody knew.",
            ["He paused... and then went on.", "Wait...", "The end came.", "So it goes…", "Nobody knew."],
            id="ellipses",
        ),
        pytest.param(
            "He said “Change is coming.” Then he left.",
            ["He said “Change is coming.”", "Then he left."],
            id="closing quote",
        ),
        pytest.param(
            "“Change is coming,” the president said. “Why?” he asked. She left!",
            ["“Change is coming,” the president said.", "“Why?” he asked.", "She left!"],
            id="quotes, question and exclamation",
        ),
        pytest.param(
            "Is it over? Yes! It is. Really?!",
            ["Is it over?", "Yes!", "It is.", "Really?!"],
            id="question and exclamation marks",
        ),
        pytest.param(
            "Troops left the U.S.\nThe war ended.",
            ["Troops left the U.S.", "The war ended."],
            id="U.S. ending a paragraph",
        ),
        pytest.param(
            "Troops arrived in the U.S. The war ended.",
            ["Troops arrived in the U.S.", "The war ended."],
            id="U.S. ending a sentence before an opener word",
        ),
        pytest.param(
            "A Headline Without A Period\nThe story begins here. It goes on.\n\nA new paragraph",
            ["A Headline Without A Period", "The story begins here.", "It goes on.", "A new paragraph"],
            id="line breaks end sentences",
        ),
        pytest.param(
            "The meeting began at 9 a.m. Eastern time. It ended at 5 p.m. The vote followed.",
            ["The meeting began at 9 a.m. Eastern time.", "It ended at 5 p.m.", "The vote followed."],
            id="a.m. and p.m.",
        ),
        pytest.param("City list\n1. Singapore\n2. Paris", ["City list", "1. Singapore", "2. Paris"], id="numbered list"),
        pytest.param("  Leading and trailing spaces.  \t", ["Leading and trailing spaces."], id="stripped"),
        pytest.param("", [], id="empty"),
        pytest.param(" \n\t\u2028 ", [], id="only whitespace"),
        pytest.param("北京很大。上海也很大！", ["北京很大。", "上海也很大！"], id="CJK full stops"),
    ],
)
def test_examples(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_seed_st_georges_hall_is_one_sentence() -> None:
    text = (SEEDS / "000_3a9375036b298c0f.txt").read_text(encoding="utf-8")
    assert any("St. George's Hall at the Kremlin in Moscow" in s for s in sentences(text))


def test_seed_us_led_world_order_is_one_sentence() -> None:
    text = (SEEDS / "000_3a9375036b298c0f.txt").read_text(encoding="utf-8")
    assert "But the leaders found common ground on one issue: It’s time to end the current U.S.-led world order." in sentences(text)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seeds_hold_the_properties(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_valid_spans(text, split_sentences(text))


# --- properties on generated text -------------------------------------------------

FRAGMENTS = [
    "U.S.", "U.S.-led", "St.", "Dr.", "Mr.", "Jan.", "No.", "e.g.", "i.e.", "etc.", "a.m.", "J.", "R.",
    "3.5", "$40", "1.", "...", "…", ".", "?", "!", "?!", "“", "”", "‘", "’", "\"", "'", "—", "¿", "¡",
    "(", ")", "The", "he", "北京", "。", "！", "？", "😀", "é", "Ünïcödé", "ß", "İ", "x.y", "\u200b",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028", "\x1c", "\x1f", "\u3000", ""]
ALPHABET = st.characters(codec="utf-8") | st.sampled_from(list(".!?…“”’\"'()—¿¡。！？ \n\t"))

news_like_text = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS) | st.text(ALPHABET, max_size=6), st.sampled_from(SEPARATORS)),
    max_size=40,
).map(lambda parts: "".join(word + sep for word, sep in parts))
any_text = news_like_text | st.text(ALPHABET, max_size=200)


def assert_valid_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """In order, non-overlapping, in bounds, stripped, non-empty, covering every non-space character."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert text[previous_end:start].strip() == ""  # nothing but whitespace is left out
        previous_end = end
    assert text[previous_end:].strip() == ""


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_spans_are_ordered_stripped_and_cover_the_text(text: str) -> None:
    assert_valid_spans(text, split_sentences(text))


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_no_sentence_crosses_a_line_break(text: str) -> None:
    for start, end in split_sentences(text):
        assert len(text[start:end].splitlines()) == 1


# --- sentences_in ------------------------------------------------------------------


def test_sentences_in_returns_document_offsets() -> None:
    text = "Intro line.\nDr. Smith left. He came back. The end."
    start = text.index("He came")
    assert sentences_in(text, start, len(text)) == [(start, start + 13), (len(text) - 8, len(text))]


def test_sentences_in_clips_to_the_range() -> None:
    text = "Alpha beta gamma. Delta."
    assert [text[s:e] for s, e in sentences_in(text, 6, 15)] == ["beta gamm"]
    assert [text[s:e] for s, e in sentences_in(text, 5, 18)] == ["beta gamma."]  # stripped
    assert [text[s:e] for s, e in sentences_in(text, 0, 19)] == ["Alpha beta gamma.", "D"]
    assert sentences_in(text, 3, 3) == []


def test_sentences_in_rejects_bad_ranges() -> None:
    with pytest.raises(ValueError, match="not inside"):
        sentences_in("abc", 2, 1)
    with pytest.raises(ValueError, match="not inside"):
        sentences_in("abc", 0, 4)
