"""Tests of index.clean: furniture goes, content stays, whitespace is normalised, hashes are stable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from index.clean import clean_text, content_hash, is_byline, is_furniture, normalize_whitespace

pytestmark = pytest.mark.unit

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SEED_FURNITURE = [
    "Start a Free Trial",
    "Get every newsletter and all of The Dispatch",
    "ALREADY HAVE AN ACCOUNT? SIGN IN",
    "Comments (21)",
    "Join The Dispatch to participate in the comments",
    "Load More",
    "Read more: An insider’s perspective",
    "More must-reads from TIME",
    "Contact us at",
    "By Editor",
    "Leave a Reply",
]
SEED_CONTENT = [
    "The past two weeks have marked a remarkable series of events",
    "(Photo by Xie Huanchi/Xinhua via Getty Images)",
    "You are in Moscow",
    "Kishida in Kiev",
    "continuing joint military exercises worldwide",
    "simulated nuclear counterattack",
    "Vladimir Putin and Xi Jinping Stake Out a New World Order",
]

OTHER_OUTLET = """\
Council Approves New Bridge
By Maria Lopez
Share on Facebook
Share this article

The city council voted 7-2 on Tuesday to approve a new bridge across the Verde River, ending a decade of debate.

Subscribe now for unlimited access

Analysts said the number of households that subscribe to local papers has fallen sharply, and comments \
from residents at the meeting were overwhelmingly in favour of the plan.

Read More: Five things to know about the bridge vote
Sign up for our daily newsletter
Follow us on Instagram

Construction is expected to begin in the spring and to cost about $40 million, the mayor said.

12 Comments
Leave a comment
"""


def _seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned_seeds() -> str:
    return "\n\n".join(clean_text(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt")))


@pytest.mark.parametrize("furniture", SEED_FURNITURE)
def test_seed_furniture_is_removed(cleaned_seeds: str, furniture: str) -> None:
    assert furniture not in cleaned_seeds


@pytest.mark.parametrize("content", SEED_CONTENT)
def test_seed_content_survives(cleaned_seeds: str, content: str) -> None:
    assert content in cleaned_seeds


def test_seed_articles_end_with_their_last_real_sentence() -> None:
    assert clean_text(_seed_text("000_3a9375036b298c0f.txt")).endswith("joint military exercises worldwide.")
    assert clean_text(_seed_text("004_987bf9152aa0758f.txt")).endswith("North Korea’s growing capabilities.")


def test_widget_label_glued_to_a_paragraph_is_cut_and_the_paragraph_kept() -> None:
    text = "Title\n\nLoad MoreThe past two weeks have marked a change.\n\nIt ended here.Leave a Reply"
    assert clean_text(text) == "Title\n\nThe past two weeks have marked a change.\n\nIt ended here."


def test_furniture_of_another_outlet_is_removed_and_its_content_kept() -> None:
    cleaned = clean_text(OTHER_OUTLET)
    for furniture in [
        "By Maria Lopez",
        "Share on Facebook",
        "Share this article",
        "Subscribe now for unlimited access",
        "Read More:",
        "Sign up for our daily newsletter",
        "Follow us on Instagram",
        "12 Comments",
        "Leave a comment",
    ]:
        assert furniture not in cleaned
    assert cleaned.startswith("Council Approves New Bridge\n\nThe city council voted 7-2")
    assert "households that subscribe to local papers has fallen sharply, and comments from residents" in cleaned
    assert cleaned.endswith("the mayor said.")


@pytest.mark.parametrize(
    "line",
    [
        "You are in Moscow",
        "Kishida in Kiev",
        "North Korea shakes its nuclear fist",
        "By the numbers",
        "Sign up for Disney+ for $7.99/month or $79.99/year",
        "More from a county news release:",
        "TikTok",
        "Readers who subscribe get the paper at dawn, and the comments section is busy by noon.",
        "(Photo by Xie Huanchi/Xinhua via Getty Images)",
    ],
)
def test_content_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)
    assert not is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe",
        "Start your free trial today",
        "Already a subscriber? Log in",
        "Comments (3)",
        "1,204 comments",
        "Join the conversation",
        "View comments",
        "Show more",
        "READ MORE:",
        "Related: Bridge opens to traffic",
        "Sign in",
        "Share this story",
        "Tweet | Email | Print",
        "Follow Jane Doe on X: @janedoe",
        "Advertisement",
        "Write to Jane Doe at jane.doe@example.com",
    ],
)
def test_furniture_lines_are_recognised(line: str) -> None:
    assert is_furniture(line)


def test_a_long_sentence_is_never_furniture() -> None:
    sentence = "Subscribe " + "and keep reading the long sentence " * 10
    assert len(sentence) > 160
    assert not is_furniture(sentence.strip())


def test_bylines_are_dropped_near_the_edges_but_kept_in_the_body() -> None:
    body = "\n\n".join(f"Paragraph number {number} of the review." for number in range(5))
    text = f"By Jane Doe\n\n{body}\n\nTranscription\nBy Kate Atkinson\n\n{body}\n\nBy Editor"
    cleaned = clean_text(text)
    assert "By Jane Doe" not in cleaned
    assert "By Editor" not in cleaned
    assert "Transcription\nBy Kate Atkinson" in cleaned


def test_whitespace_is_normalised() -> None:
    text = "\ufeff  Title \r\n\r\nOne\t two\u00a0\u00a0three  \n\n\n\n\nfour  \rfive\u200b\n\n"
    assert normalize_whitespace(text) == "Title\n\nOne two three\n\nfour\nfive"
    assert clean_text(text) == "Title\n\nOne two three\n\nfour\nfive"


def test_unicode_is_nfc_and_real_characters_are_kept() -> None:
    text = "Cafe\u0301 “quoted” — it’s 5 °C… 東京"
    assert clean_text(text) == "Café “quoted” — it’s 5 °C… 東京"


@pytest.mark.parametrize("text", [OTHER_OUTLET, "Title\nLoad MoreBody text.\n\nBy A\nBy B\nBy C\nBy D\nBy E"])
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


def test_clean_text_is_idempotent_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        once = clean_text(path.read_text(encoding="utf-8"))
        assert clean_text(once) == once


def test_empty_and_furniture_only_texts_clean_to_nothing() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\t\n ") == ""
    assert clean_text("Subscribe\nSign in\nComments (2)\nLoad More") == ""


def test_content_hash_is_the_sha256_of_the_text() -> None:
    text = clean_text(_seed_text("000_3a9375036b298c0f.txt"))
    assert content_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert content_hash(text) == content_hash(str(text))
    assert content_hash(text) != content_hash(text + ".")
    assert len(content_hash("")) == 64
