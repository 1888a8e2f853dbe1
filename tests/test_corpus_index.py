"""The index on disk: save, reopen, same results; refusal of foreign, damaged or non-index folders."""

import json

import numpy as np
import pytest

from index.backend import Where
from index.corpus_index import CorpusIndex
from index.errors import IndexFormatError
from index.manifest import FORMAT_VERSION, read_manifest
from index.types import ChunkSettings, Document
from index.clean import content_hash
from index.update import build_index, save_index


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, title=text.split(".")[0], source=doc_id, text=text, content_hash=content_hash(text))


DOCS = [
    _doc("a.txt", "Mars rovers. The rover Curiosity landed on Mars in 2012. It studies the Gale crater."),
    _doc("b.txt", "Ocean tides. Tides are caused by the Moon. Spring tides happen at full moon."),
    _doc("c.txt", "Ocean tides. Tides are caused by the Moon. Spring tides happen at full moon."),  # same content as b
]


@pytest.mark.unit
def test_build_save_open_same_results(tmp_path, fake_embedder):
    built = build_index(DOCS, fake_embedder, ChunkSettings(size=8, overlap=2))
    assert set(built.documents) == {"a.txt", "b.txt"}, "a duplicate document is indexed once"
    built = save_index(built, tmp_path / "idx")
    opened = CorpusIndex.open(tmp_path / "idx", fake_embedder)
    assert len(opened) == len(built) == built.manifest.passages
    assert [p for p in opened.passages()] == [p for p in built.passages()]
    query = fake_embedder.embed(["Curiosity rover Mars"])
    np.testing.assert_array_equal(opened.dense.search(query, 3)[1], built.dense.search(query, 3)[1])
    assert opened.lexical.search("spring tides", 5)[0].tolist() == built.lexical.search("spring tides", 5)[0].tolist()
    for p in opened.passages():
        assert opened.documents[p.doc_id].text[p.start : p.end] == p.text


@pytest.mark.unit
def test_manifest_records_model_chunking_and_hashes(tmp_path, fake_embedder):
    save_index(build_index(DOCS, fake_embedder, ChunkSettings(size=8, overlap=2)), tmp_path / "idx")
    manifest = read_manifest(tmp_path / "idx")
    assert manifest.format_version == FORMAT_VERSION
    assert (manifest.embedder.name, manifest.embedder.dim) == (fake_embedder.name, fake_embedder.dim)
    assert (manifest.chunking.size, manifest.chunking.overlap) == (8, 2)
    assert manifest.documents["a.txt"].content_hash == DOCS[0].content_hash


def test_other_model_is_refused_with_rebuild_hint(tmp_path, fake_embedder, embedder):
    save_index(build_index(DOCS, fake_embedder), tmp_path / "idx")
    with pytest.raises(IndexFormatError, match=r"built with fake/hashing-64.*qa index build"):
        CorpusIndex.open(tmp_path / "idx", embedder)


@pytest.mark.unit
def test_other_format_version_is_refused(tmp_path, fake_embedder):
    save_index(build_index(DOCS, fake_embedder), tmp_path / "idx")
    path = tmp_path / "idx" / "manifest.json"
    raw = json.loads(path.read_text())
    raw["format_version"] = 99
    path.write_text(json.dumps(raw))
    with pytest.raises(IndexFormatError, match="format 99"):
        CorpusIndex.open(tmp_path / "idx")


@pytest.mark.parametrize("setup", ["missing", "empty", "junk manifest", "no vectors"])
@pytest.mark.unit
def test_not_an_index(tmp_path, fake_embedder, setup):
    folder = tmp_path / "idx"
    if setup == "empty":
        folder.mkdir()
    elif setup == "junk manifest":
        folder.mkdir()
        (folder / "manifest.json").write_text("{not json")
    elif setup == "no vectors":
        save_index(build_index(DOCS, fake_embedder), folder)
        next((folder / "segments").glob("*/vectors.npy")).unlink()
    with pytest.raises(IndexFormatError, match="index"):
        CorpusIndex.open(folder)


@pytest.mark.unit
def test_save_refuses_to_overwrite_a_folder_that_is_not_an_index(tmp_path, fake_embedder):
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(IndexFormatError, match="not an index"):
        save_index(build_index(DOCS, fake_embedder), folder)
    assert (folder / "notes.txt").read_text() == "keep me"


@pytest.mark.unit
def test_a_masked_search_sees_only_the_kept_passages_across_segments_and_never_a_dead_one(fake_embedder):
    from index.update import apply_changes

    built = build_index(DOCS[:2], fake_embedder, ChunkSettings(size=8, overlap=2))
    rover = _doc("a.txt", "Mars rovers again. The rover Perseverance landed on Mars in 2021. It studies the Jezero crater.")
    moons = _doc("d.txt", "Mars moons. Phobos and Deimos orbit Mars. Phobos is the larger moon of Mars.")
    index, _ = apply_changes(built, fake_embedder, upserts=[rover, moons])  # a second segment; a.txt's first rows are dead
    assert len(index.segments) == 2 and index.dead > 0
    mask = index.passage_mask(lambda doc: doc.id in {"a.txt", "d.txt"})
    kept = {pid for pid in index.passage_ids() if index.document_of(pid).id in {"a.txt", "d.txt"}}
    assert set(np.flatnonzero(mask).tolist()) == kept  # live rows only: the old a.txt is not among them
    np.testing.assert_array_equal(index._mask(Where(doc_ids=frozenset({"a.txt", "d.txt", "gone.txt"}))), mask)  # from the row ranges
    query = fake_embedder.embed(["rover Mars crater moon"])
    _, ids = index.dense.search(query, 50, mask)
    found = [int(i) for i in ids[0] if i >= 0]
    assert set(found) == kept  # every kept passage, nothing else, though k is larger
    lexical, _ = index.lexical.search("Mars rover moon tides", 50, mask)
    assert lexical.size and set(lexical.tolist()) <= kept
    nothing = index.passage_mask(lambda doc: False)
    assert not nothing.any() and (index.dense.search(query, 5, nothing)[1] == -1).all()


@pytest.mark.unit
def test_a_masked_search_of_an_approximate_segment_finds_the_exact_best_of_the_kept_passages(fake_embedder, monkeypatch):
    from index import corpus_index
    from index.store import FaissStore

    scored = []
    exact_search = corpus_index._exact_search
    monkeypatch.setattr(corpus_index, "_exact_search", lambda *args: scored.append(len(args[2])) or exact_search(*args))

    words = "harbour ferry budget council steel bridge tide rover crater moon festival lantern".split()
    docs = [_doc(f"{n:03d}.txt", f"Story {n}. " + " ".join(words[(n * k) % len(words)] for k in range(1, 8))) for n in range(300)]
    exact = build_index(docs, fake_embedder, ChunkSettings(size=40, overlap=5))
    approximate = build_index(docs, fake_embedder, ChunkSettings(size=40, overlap=5))
    segment = approximate.segments[0]
    segment.dense = FaissStore.for_vectors(np.asarray(segment.vectors), approximate_from=1)  # HNSW, as a large segment has
    assert segment.dense.approximate
    keep = {f"{n:03d}.txt" for n in range(0, 300, 37)}
    mask = approximate.passage_mask(lambda doc: doc.id in keep)
    query = fake_embedder.embed(["ferry budget council tide"])
    scores, ids = approximate.dense.search(query, 5, mask)
    want_scores, want_ids = exact.dense.search(query, 5, exact.passage_mask(lambda doc: doc.id in keep))
    assert {approximate.document_of(int(i)).id for i in ids[0]} <= keep
    np.testing.assert_allclose(scores, want_scores, rtol=1e-5)
    assert sorted(ids[0].tolist()) == sorted(want_ids[0].tolist())
    assert scored == [int(mask.sum())]  # the kept rows of the approximate segment were scored one by one
