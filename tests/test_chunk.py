"""Chunking: exact offsets, coverage, size bound, overlap, argument checks, sentences inside passages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.chunk import chunk
from index.sentences import sentences_in
from index.sentences import split_sentences
from index.types import Document, Passage

pytestmark = pytest.mark.unit

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_doc(text: str, doc_id: str = "doc.txt") -> Document:
    return Document(id=doc_id, title="t", source="s", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())


def numbered_sentences(count: int, words: int = 10) -> str:
    """``count`` sentences of exactly ``words`` words each, all different."""
    return " ".join(" ".join([f"S{i}w{j}" for j in range(words - 1)] + [f"end{i}."]) for i in range(count))


def word_count(passage: Passage) -> int:
    return len(passage.text.split())


def assert_valid_passages(doc: Document, passages: list[Passage], size: int) -> None:
    """Exact offsets, ordered, non-empty, within ``size`` words, covering every non-space character."""
    covered_to = 0
    for previous, passage in zip([None, *passages], passages):
        assert passage.doc_id == doc.id
        assert doc.text[passage.start : passage.end] == passage.text
        assert passage.text and passage.text == passage.text.strip()
        assert word_count(passage) <= size
        if previous is not None:
            assert previous.start < passage.start and previous.end < passage.end
        assert doc.text[covered_to : passage.start].strip() == ""  # no gap holding text
        covered_to = max(covered_to, passage.end)
    assert doc.text[covered_to:].strip() == ""


# --- examples ----------------------------------------------------------------------


def test_short_document_gives_one_passage() -> None:
    doc = make_doc("  A short story. It ends here.\n")
    assert chunk(doc) == [Passage(doc_id=doc.id, start=2, end=30, text="A short story. It ends here.")]


def test_empty_or_blank_document_gives_no_passage() -> None:
    assert chunk(make_doc("")) == []
    assert chunk(make_doc(" \n\t ")) == []


def test_passages_start_and_end_on_sentence_boundaries() -> None:
    doc = make_doc(numbered_sentences(50))
    sentence_starts = {start for start, _ in split_sentences(doc.text)}
    sentence_ends = {end for _, end in split_sentences(doc.text)}
    passages = chunk(doc, size=35, overlap=10)
    assert len(passages) > 1
    assert all(p.start in sentence_starts and p.end in sentence_ends for p in passages)
    assert [word_count(p) for p in passages[:-1]] == [30] * (len(passages) - 1)  # 3 whole sentences fit in 35
    assert_valid_passages(doc, passages, 35)


def test_overlap_repeats_whole_trailing_sentences() -> None:
    doc = make_doc(numbered_sentences(20))
    passages = chunk(doc, size=40, overlap=20)
    for previous, passage in zip(passages, passages[1:]):
        shared = doc.text[passage.start : previous.end]
        assert len(shared.split()) == 20  # the last two 10-word sentences
        assert shared.endswith(".")


def test_overlap_is_at_least_one_sentence() -> None:
    doc = make_doc(numbered_sentences(20))
    passages = chunk(doc, size=40, overlap=3)  # one sentence (10 words) is more than 3: still shared
    for previous, passage in zip(passages, passages[1:]):
        assert passage.start < previous.end
        assert len(doc.text[passage.start : previous.end].split()) == 10


def test_no_overlap_when_zero() -> None:
    doc = make_doc(numbered_sentences(20))
    passages = chunk(doc, size=40, overlap=0)
    assert len(passages) == 5
    for previous, passage in zip(passages, passages[1:]):
        assert previous.end < passage.start
    assert sum(word_count(p) for p in passages) == 200


def test_passages_may_cross_paragraphs_keeping_the_text_verbatim() -> None:
    doc = make_doc("Title\n\nFirst paragraph here.\nSecond one.")
    assert [p.text for p in chunk(doc)] == [doc.text]


def test_long_sentence_is_cut_at_word_boundaries() -> None:
    words = [f"W{i}" for i in range(25)]
    doc = make_doc("Intro. " + " ".join(words) + ". Outro.")
    passages = chunk(doc, size=10, overlap=2)
    assert_valid_passages(doc, passages, 10)
    assert [p.text for p in passages] == [
        "Intro.",  # "Intro." + 10 words of the long sentence would exceed 10 words
        "W0 W1 W2 W3 W4 W5 W6 W7 W8 W9",
        "W10 W11 W12 W13 W14 W15 W16 W17 W18 W19",
        "W20 W21 W22 W23 W24. Outro.",
    ]


def test_seeds_chunk_into_valid_passages() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        doc = make_doc(path.read_text(encoding="utf-8"), path.name)
        passages = chunk(doc)
        assert_valid_passages(doc, passages, 120)
        assert all(p.start < q.start < p.end for p, q in zip(passages, passages[1:]))  # overlapping


@pytest.mark.parametrize(
    ("size", "overlap"),
    [(0, 0), (-5, 0), (10, 10), (10, 11), (10, -1), (2.5, 0), (10, 1.5), (True, 0), ("120", 30)],
)
def test_bad_arguments_raise(size, overlap) -> None:
    with pytest.raises(ValueError, match="chunk (size|overlap)"):
        chunk(make_doc("Some text."), size=size, overlap=overlap)


def test_smallest_valid_arguments() -> None:
    doc = make_doc("One two three. Four five.")
    assert [p.text for p in chunk(doc, size=1, overlap=0)] == ["One", "two", "three.", "Four", "five."]


# --- properties --------------------------------------------------------------------

FRAGMENTS = [
    "U.S.", "U.S.-led", "St.", "Dr.", "Mr.", "Jan.", "No.", "e.g.", "etc.", "J.", "3.5", "$40", "1.",
    "...", "…", ".", "?", "!", "“", "”", "’", "—", "¿", "¡", "The", "he", "北京。", "😀", "é", "word",
]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u2028", ""]
ALPHABET = st.characters(codec="utf-8") | st.sampled_from(list(".!?…“”\"'—。 \n\t"))

texts = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS) | st.text(ALPHABET, max_size=5), st.sampled_from(SEPARATORS)),
    max_size=80,
).map(lambda parts: "".join(word + sep for word, sep in parts))


@st.composite
def size_and_overlap(draw) -> tuple[int, int]:
    size = draw(st.integers(1, 25))
    return size, draw(st.integers(0, size - 1))


@settings(max_examples=300, deadline=None)
@given(texts, size_and_overlap())
def test_passages_are_exact_ordered_bounded_and_cover_the_text(text: str, args: tuple[int, int]) -> None:
    size, overlap = args
    doc = make_doc(text)
    assert_valid_passages(doc, chunk(doc, size=size, overlap=overlap), size)


@settings(max_examples=200, deadline=None)
@given(texts, size_and_overlap())
def test_overlap_zero_means_disjoint_passages(text: str, args: tuple[int, int]) -> None:
    size, _ = args
    passages = chunk(make_doc(text), size=size, overlap=0)
    assert all(previous.end <= passage.start for previous, passage in zip(passages, passages[1:]))


@settings(max_examples=200, deadline=None)
@given(texts, size_and_overlap())
def test_sentences_in_a_passage_are_the_document_sentences(text: str, args: tuple[int, int]) -> None:
    size, overlap = args
    doc = make_doc(text)
    spans = split_sentences(text)
    for passage in chunk(doc, size=size, overlap=overlap):
        inside = sentences_in(text, passage.start, passage.end)
        assert inside == [(max(s, passage.start), min(e, passage.end)) for s, e in spans if s < passage.end and e > passage.start]
        assert inside[0][0] == passage.start and inside[-1][1] == passage.end
