"""index.segment: an immutable slice of the index, written once, verified when opened."""

import json

import numpy as np
import pytest

from index import store
from index.check import check_index
from index.chunk import chunk
from index.clean import content_hash
from index.corpus_index import CorpusIndex
from index.errors import IndexFormatError
from index.lexical import search_segments
from index.manifest import read_manifest
from index.segment import DOCUMENTS, INFO, PASSAGES, Segment, file_checksums
from index.types import Document
from index.update import update_from_folder

from conftest import first_update, found_by

pytestmark = pytest.mark.unit

TEXTS = {
    "tides.txt": "Ocean tides\n\nTides are caused by the Moon. Spring tides happen at full moon and new moon. "
    "Neap tides happen when the Sun and the Moon pull at right angles.",
    "bees.md": "Honey bees\n\nA honey bee colony has one queen. Worker bees gather nectar and pollen.",
}


def _parts():
    docs = [Document(id=i, title=t.split("\n")[0], source=i, text=t, content_hash=content_hash(t)) for i, t in TEXTS.items()]
    return [(doc, [(p.start, p.end) for p in chunk(doc, size=8, overlap=2)]) for doc in docs]


@pytest.fixture
def segment(fake_embedder):
    parts = _parts()
    vectors = fake_embedder.embed([doc.text[s:e] for doc, spans in parts for s, e in spans])
    return Segment.build("s1", parts, vectors)


def test_rows_are_the_passages_of_each_document_in_order(segment):
    for doc, spans in _parts():
        first, last = segment.doc_rows[doc.id]
        assert [(p.start, p.end) for p in map(segment.passage, range(first, last))] == spans
        for row in range(first, last):
            passage = segment.passage(row)
            assert passage.text == doc.text[passage.start : passage.end] and segment.document_of(row) == doc
    assert len(segment) == sum(len(spans) for _, spans in _parts())


def test_a_vector_for_every_passage_or_none_is_built(fake_embedder):
    with pytest.raises(ValueError, match="vectors for"):
        Segment.build("s1", _parts(), fake_embedder.embed(["one passage"]))


def test_live_mask_keeps_the_rows_of_documents_whose_current_version_is_here(segment):
    assert segment.live_mask({"tides.txt": "s1", "bees.md": "s1"}) is None
    mask = segment.live_mask({"tides.txt": "s1", "bees.md": "s2"})
    first, last = segment.doc_rows["bees.md"]
    assert not mask[first:last].any() and mask.sum() == len(segment) - (last - first)


def test_part_gives_one_document_with_its_spans_and_vectors(segment):
    (doc, spans), vectors = segment.part("bees.md")
    first, last = segment.doc_rows["bees.md"]
    assert doc.id == "bees.md" and spans == [(int(s), int(e)) for _, s, e in segment.rows[first:last]]
    assert np.array_equal(vectors, segment.vectors[first:last])


def test_saved_and_opened_it_is_the_same_segment_with_every_file_checksummed(tmp_path, segment):
    segment.save(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["s1"], "no temp folder left"
    opened = Segment.load(tmp_path, "s1")
    assert opened.documents == segment.documents and np.array_equal(opened.rows, segment.rows)
    assert np.array_equal(opened.vectors, segment.vectors)
    assert json.loads((tmp_path / "s1" / INFO).read_text())["files"] == file_checksums(tmp_path / "s1")
    ((_, row, _),) = search_segments([opened.lexical], [None], "queen colony", 1)
    assert opened.passage(row).doc_id == "bees.md"


def test_a_changed_letter_is_refused_and_a_missing_file_is_a_missing_segment(tmp_path, segment):
    segment.save(tmp_path)
    stored = tmp_path / "s1" / DOCUMENTS
    stored.write_text(stored.read_text().replace("queen", "quern"))
    with pytest.raises(IndexFormatError, match=f"segment s1: {DOCUMENTS} does not match the checksum"):
        Segment.load(tmp_path, "s1")
    assert Segment.load(tmp_path, "s1", verify=False).by_id["bees.md"].text.count("quern") == 1
    segment.save(tmp_path / "again")
    (tmp_path / "again" / "s1" / PASSAGES).unlink()  # as when a writer has just retired the segment
    with pytest.raises(FileNotFoundError):
        Segment.load(tmp_path / "again", "s1")


def test_large_segments_get_an_approximate_index_saved_with_them(article_folders, fake_embedder, monkeypatch):
    """From APPROXIMATE_FROM passages a segment uses HNSW: recorded in the manifest, saved, reopened, deletions hidden."""
    corpus, index = article_folders
    exact, _ = first_update(corpus, tmp_exact := index.parent / "exact", fake_embedder)
    monkeypatch.setattr(store, "APPROXIMATE_FROM", 5)
    built, _ = first_update(corpus, index, fake_embedder)
    (segment,) = read_manifest(index).segments
    assert segment.dense.startswith("hnsw M=32") and "efSearch=256" in segment.dense
    assert (index / "segments" / segment.name / "dense.faiss").is_file()
    assert not list((tmp_exact / "segments").glob("*/dense.faiss"))  # small exact segments rebuild from vectors
    reopened = CorpusIndex.open(index)
    assert reopened.segments[0].dense.approximate and check_index(index).ok
    for query in ("rover landed on Mars", "spring tides full moon", "worker bees nectar"):
        vector = fake_embedder.embed([query])
        assert _top(reopened, vector) == _top(exact, vector)  # over a few passages HNSW is exact

    (corpus / "bees.md").unlink()
    after, _ = update_from_folder(index, corpus, fake_embedder, base=reopened)
    assert after.segments[0].dense.approximate  # the big segment stays, its bees rows dead
    assert found_by(after, fake_embedder, "honey bee colony queen", "bees.md") == set() and check_index(index).ok


def _top(index, vector):
    """The best passage and the top 5 scores (hashed words tie often: ids below the first may swap)."""
    scores, ids = index.dense.search(vector, 5)
    best = index.passage(int(ids[0, 0]))
    return (best.doc_id, best.start), [round(float(x), 5) for x in scores[0]]
