"""Near copies of a story: found at index time, recorded in the index, one copy in the top passages, the others cited."""

from __future__ import annotations

import pytest

from index.clean import content_hash
from index.copies import THRESHOLD, find_copies, regroup, shingles
from index.corpus_index import CorpusIndex
from index.update import apply_changes, build_index, save_index
from index.types import Document
from qa.api import QA
from qa.retrieve import Retriever

FERRY = (
    "The island of Eskerby will get a new electric ferry next spring, the regional council said on Monday. "
    "The ferry will carry 300 passengers and 60 cars and replace two diesel boats that have served the route since 1988. "
    "It cost 41 million euros, of which the national climate fund paid half. Crossing times will fall from 50 to 35 minutes, "
    "and the harbour at Lunde will get a charging station that draws power from the new offshore wind farm. "
    "Islanders have campaigned for a cleaner link for more than a decade, and the council said fares would not rise."
)
FERRY_WIRE = FERRY.replace("said on Monday", "announced on Monday").replace("would not rise", "would stay the same")
ORCHARD = (
    "Apple growers in the Vale of Brisk expect their smallest harvest in twenty years after a late frost in April "
    "killed most of the blossom. The growers' association said yields could fall by 70 percent, and it asked the "
    "government for emergency support. Cider makers in the valley are already buying fruit from abroad to keep their presses running."
)


def doc(doc_id: str, text: str, source: str | None = None, date: str | None = None, title: str | None = None) -> Document:
    return Document(id=doc_id, title=title or text.split(".")[0], source=source or doc_id, date=date, text=text, content_hash=content_hash(text))


@pytest.mark.unit
def test_a_lightly_edited_copy_is_over_the_threshold_and_another_story_is_not():
    def jaccard(a: str, b: str) -> float:
        return len(shingles(a) & shingles(b)) / len(shingles(a) | shingles(b))

    assert jaccard(FERRY, FERRY_WIRE) > THRESHOLD
    assert jaccard(FERRY, ORCHARD) < 0.05


@pytest.mark.unit
def test_copies_are_found_among_the_indexed_and_among_each_other():
    ferry, wire, orchard = doc("a/ferry.txt", FERRY), doc("b/ferry.txt", FERRY_WIRE), doc("c/orchard.txt", ORCHARD)
    assert find_copies([ferry, wire, orchard], [], {}) == {"b/ferry.txt": "a/ferry.txt"}  # the first in id order tells the story
    assert find_copies([wire], [ferry, orchard], {}) == {"b/ferry.txt": "a/ferry.txt"}
    third = doc("z/ferry.txt", FERRY_WIRE + " Ferry tickets go on sale in March.")
    # a copy of a copy joins the story's first document
    assert find_copies([third], [ferry, wire, orchard], {"b/ferry.txt": "a/ferry.txt"}) == {"z/ferry.txt": "a/ferry.txt"}


@pytest.mark.unit
def test_a_story_whose_first_document_is_gone_is_handed_to_its_next_copy():
    assert regroup({"b": "a", "c": "a", "d": None}) == {"b": None, "c": "b", "d": None}
    assert regroup({"a": None, "b": "a"}) == {"a": None, "b": "a"}


@pytest.mark.unit
def test_updates_record_copies_incrementally_and_regroup_when_the_first_goes(fake_embedder):
    index, _ = apply_changes(CorpusIndex.empty(fake_embedder), fake_embedder, upserts=[doc("a/ferry.txt", FERRY), doc("c/orchard.txt", ORCHARD)])
    assert all(e.copy_of is None for e in index.manifest.documents.values())
    embedded = len(fake_embedder.embedded)
    index, _ = apply_changes(index, fake_embedder, upserts=[doc("b/ferry.txt", FERRY_WIRE)])
    assert index.manifest.documents["b/ferry.txt"].copy_of == "a/ferry.txt"
    assert len(fake_embedder.embedded) > embedded  # a near copy is still indexed: its words differ
    assert index.story("b/ferry.txt") == index.story("a/ferry.txt") == "a/ferry.txt"
    assert [d for d, _ in index.copies("a/ferry.txt")] == ["b/ferry.txt"]

    index, _ = apply_changes(index, fake_embedder, upserts=[doc("d/ferry.txt", FERRY)])  # an exact copy: listed, not indexed
    assert index.manifest.duplicates["d/ferry.txt"].of == "a/ferry.txt"
    assert [d for d, _ in index.copies("b/ferry.txt")] == ["a/ferry.txt", "d/ferry.txt"]

    index, _ = apply_changes(index, fake_embedder, removals=["a/ferry.txt"])  # the exact copy is indexed in its place
    assert "d/ferry.txt" in index.manifest.documents
    assert index.manifest.documents["b/ferry.txt"].copy_of is None  # the story's first remaining document tells it now
    assert index.manifest.documents["d/ferry.txt"].copy_of == "b/ferry.txt"
    assert index.copies("c/orchard.txt") == []


@pytest.mark.unit
def test_the_check_accepts_recorded_stories_and_names_a_broken_one(fake_embedder, tmp_path):
    from index.check import check_index
    from index.manifest import MANIFEST

    index = build_index([doc("a/ferry.txt", FERRY), doc("b/ferry.txt", FERRY_WIRE)], fake_embedder)
    save_index(index, tmp_path / "index")
    assert check_index(tmp_path / "index").ok
    manifest = tmp_path / "index" / MANIFEST
    manifest.write_text(manifest.read_text().replace('"copy_of": "a/ferry.txt"', '"copy_of": "gone.txt"'))
    report = check_index(tmp_path / "index")
    assert not report.ok and any("gone.txt" in p for p in report.problems)


@pytest.fixture(scope="module")
def ferry_qa(embedder):
    documents = [
        doc("herald/ferry.txt", FERRY, source="Eskerby Herald", date="2024-03-04", title="Eskerby gets an electric ferry"),
        doc("wire/ferry.txt", FERRY_WIRE, source="Nordic Wire", date="2024-03-05", title="Electric ferry for Eskerby"),
        doc("post/orchard.txt", ORCHARD, source="Valley Post", date="2024-03-05"),
    ]
    return QA(build_index(documents, embedder), embedder)


def test_retrieval_keeps_one_copy_of_a_story_in_the_top_passages(ferry_qa, embedder):
    question = "How many passengers will the new Eskerby ferry carry?"
    hits = ferry_qa.search(question, k=3)
    assert {h.passage.doc_id for h in hits} & {"herald/ferry.txt", "wire/ferry.txt"} == {hits[0].passage.doc_id}
    assert "post/orchard.txt" in {h.passage.doc_id for h in hits}  # the slot a copy would have taken
    every = Retriever(ferry_qa.index, embedder, one_copy=False).retrieve(question, k=3)
    assert {"herald/ferry.txt", "wire/ferry.txt"} <= {h.passage.doc_id for h in every}


def test_an_answer_cites_one_copy_and_lists_the_others_with_their_sources_and_dates(ferry_qa):
    answer = ferry_qa.ask("How much did the Eskerby ferry cost?")
    assert answer.answered and "41 million euros" in answer.text
    cited = answer.citations[0].doc_id
    assert cited in {"herald/ferry.txt", "wire/ferry.txt"}
    other = ({"herald/ferry.txt", "wire/ferry.txt"} - {cited}).pop()
    assert [c.doc_id for c in answer.also_reported_by] == [other]
    copy = answer.also_reported_by[0]
    assert (copy.source, copy.date) == (("Eskerby Herald", "2024-03-04") if other.startswith("herald") else ("Nordic Wire", "2024-03-05"))
    assert ferry_qa.ask("What did the growers' association ask for?").also_reported_by == []
