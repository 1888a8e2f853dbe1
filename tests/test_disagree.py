"""Sources that disagree: differing answers of other articles shown side by side, nearest the day asked about first."""

from __future__ import annotations

import pytest

from index.clean import content_hash
from index.types import Document
from index.update import build_index
from qa.api import QA
from qa.disagree import differing, nearest_first
from qa.types import Citation, Extraction

EARLY = (
    "Floods in the Eskerby valley have killed at least 40 people, officials said on Sunday. "
    "Rescue teams are searching villages along the river, and thousands of homes remain without power. "
    "The regional council has opened schools as shelters for families who lost their homes."
)
LATE = (
    "The death toll from the Eskerby valley floods has risen to 52, the regional government said on Tuesday, as the water began to recede. "
    "Army engineers are rebuilding two bridges that were swept away, and the railway line to the coast will stay closed until next month."
)
ORCHARD = (
    "Apple growers in the Vale of Brisk expect their smallest harvest in twenty years after a late frost in April "
    "killed most of the blossom. The growers' association said yields could fall by 70 percent."
)


def doc(doc_id: str, text: str, source: str, date: str | None, title: str) -> Document:
    return Document(id=doc_id, title=title, source=source, date=date, text=text, content_hash=content_hash(text))


def found(documents: dict[str, Document], doc_id: str, answer: str, confidence: float, **kw) -> Extraction:
    document = documents[doc_id]
    start = document.text.index(answer)
    return Extraction(
        span=Citation.quoting(document, start, start + len(answer)), sentence=Citation.quoting(document, 0, len(document.text)), confidence=confidence, **kw
    )


DOCS = {
    "times/flood.txt": doc("times/flood.txt", EARLY, "Valley Times", "2024-03-03", "Floods kill 40"),
    "wire/flood.txt": doc("wire/flood.txt", LATE, "Nordic Wire", "2024-03-05", "Toll rises to 52"),
    "copy/flood.txt": doc("copy/flood.txt", LATE, "Coast News", "2024-03-06", "Toll rises to 52"),
    "undated/flood.txt": doc("undated/flood.txt", EARLY, "Blog", None, "Floods"),
}


def story(doc_id: str) -> str:
    return "wire/flood.txt" if doc_id == "copy/flood.txt" else doc_id


@pytest.mark.unit
def test_a_confident_different_answer_of_another_article_differs():
    best = found(DOCS, "times/flood.txt", "40", 0.7)
    other = found(DOCS, "wire/flood.txt", "52", 0.4)
    assert differing([best, other], story, threshold=0.03) == [other]


@pytest.mark.parametrize(
    ("doc_id", "answer", "confidence", "extra"),
    [
        ("wire/flood.txt", "52", 0.2, {}),  # under half the best one's confidence
        ("wire/flood.txt", "52", 0.6, {"reason": "the sentence does not mention Eskerby"}),  # a constraint unmet
        ("wire/flood.txt", "52", 0.6, {"contradicted": True}),
        ("times/flood.txt", "thousands", 0.6, {}),  # the same article
        ("wire/flood.txt", "Tuesday", 0.6, {}),  # another kind of answer: a day, not a count
        ("undated/flood.txt", "at least 40 people", 0.6, {}),  # the same answer in other words
    ],
)
@pytest.mark.unit
def test_what_does_not_count_as_a_differing_source(doc_id, answer, confidence, extra):
    best = found(DOCS, "times/flood.txt", "40", 0.7)
    assert differing([best, found(DOCS, doc_id, answer, confidence, **extra)], story, threshold=0.03) == []


@pytest.mark.unit
def test_copies_of_one_story_count_once():
    best = found(DOCS, "times/flood.txt", "40", 0.7)
    wire, copy = found(DOCS, "wire/flood.txt", "52", 0.5), found(DOCS, "copy/flood.txt", "52", 0.5)
    assert differing([best, wire, copy], story, threshold=0.03) == [wire]


@pytest.mark.unit
def test_the_nearest_to_the_day_asked_about_comes_first_else_the_latest():
    early, late = found(DOCS, "times/flood.txt", "40", 0.7), found(DOCS, "wire/flood.txt", "52", 0.4)
    undated = found(DOCS, "undated/flood.txt", "40", 0.9)
    from datetime import date

    assert nearest_first([early, late, undated], None) == [late, early, undated]
    assert nearest_first([late, early], date(2024, 3, 3)) == [early, late]


@pytest.fixture(scope="module")
def flood_qa(embedder):
    documents = [DOCS["times/flood.txt"], DOCS["wire/flood.txt"], doc("post/orchard.txt", ORCHARD, "Valley Post", "2024-03-05", "Frost hits apples")]
    return QA(build_index(documents, embedder), embedder)


def test_an_answer_shows_the_other_sources_figure_beside_it_with_source_and_date(flood_qa):
    answer = flood_qa.ask("How many people have died in the Eskerby floods?")
    assert answer.answered and answer.text == "at least 40" and answer.span.source == "Valley Times"  # the most probable, as the article bounds it
    assert [(d.text, d.span.source, d.span.date) for d in answer.sources_differ] == [("52", "Nordic Wire", "2024-03-05")]
    for d in answer.sources_differ:  # offsets are exact
        text = flood_qa.document(d.span.doc_id).text
        assert text[d.span.start : d.span.end] == d.text and text[d.sentence.start : d.sentence.end] == d.sentence.quote
    assert flood_qa.ask("How much could apple yields fall in the Vale of Brisk?").sources_differ == []


@pytest.mark.unit
@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("52", "52 people", True),
        ("40 people", "52 people", False),  # figures differ though their words agree
        ("$5", "$4.96", False),
        ("dr. oz", "mehmet oz", True),  # one name in other words
        ("japan", "japanese", True),
        ("adele", "carrie underwood", False),
    ],
)
def test_answers_in_other_words_are_the_same_answer(a, b, same):
    from qa.disagree import _same

    assert _same(a, b) is same
