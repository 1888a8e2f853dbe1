"""The index on disk: save, reopen, same results; refusal of foreign, damaged or non-index folders."""

import json

import numpy as np
import pytest

from index.corpus_index import CorpusIndex
from index.errors import IndexFormatError
from index.manifest import FORMAT_VERSION, ChunkSettings, read_manifest
from index.types import Document
from index.clean import content_hash


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, title=text.split(".")[0], source=doc_id, text=text, content_hash=content_hash(text))


DOCS = [
    _doc("a.txt", "Mars rovers. The rover Curiosity landed on Mars in 2012. It studies the Gale crater."),
    _doc("b.txt", "Ocean tides. Tides are caused by the Moon. Spring tides happen at full moon."),
    _doc("c.txt", "Ocean tides. Tides are caused by the Moon. Spring tides happen at full moon."),  # same content as b
]


def test_build_save_open_same_results(tmp_path, fake_embedder):
    built = CorpusIndex.build(DOCS, fake_embedder, ChunkSettings(size=8, overlap=2))
    assert set(built.documents) == {"a.txt", "b.txt"}, "a duplicate document is indexed once"
    built.save(tmp_path / "idx")
    opened = CorpusIndex.open(tmp_path / "idx", fake_embedder)
    assert len(opened) == len(built) == built.manifest.passages
    assert [p for p in opened.passages()] == [p for p in built.passages()]
    query = fake_embedder.embed(["Curiosity rover Mars"])
    np.testing.assert_array_equal(opened.dense.search(query, 3)[1], built.dense.search(query, 3)[1])
    assert opened.lexical.search("spring tides", 5)[0].tolist() == built.lexical.search("spring tides", 5)[0].tolist()
    for p in opened.passages():
        assert opened.documents[p.doc_id].text[p.start : p.end] == p.text


def test_manifest_records_model_chunking_and_hashes(tmp_path, fake_embedder):
    CorpusIndex.build(DOCS, fake_embedder, ChunkSettings(size=8, overlap=2)).save(tmp_path / "idx")
    manifest = read_manifest(tmp_path / "idx")
    assert manifest.format_version == FORMAT_VERSION
    assert (manifest.embedder.name, manifest.embedder.dim) == (fake_embedder.name, fake_embedder.dim)
    assert (manifest.chunking.size, manifest.chunking.overlap) == (8, 2)
    assert manifest.documents["a.txt"].content_hash == DOCS[0].content_hash


def test_other_model_is_refused_with_rebuild_hint(tmp_path, fake_embedder, embedder):
    CorpusIndex.build(DOCS, fake_embedder).save(tmp_path / "idx")
    with pytest.raises(IndexFormatError, match=r"built with fake/hashing-64.*qa index build"):
        CorpusIndex.open(tmp_path / "idx", embedder)


def test_other_format_version_is_refused(tmp_path, fake_embedder):
    CorpusIndex.build(DOCS, fake_embedder).save(tmp_path / "idx")
    path = tmp_path / "idx" / "manifest.json"
    raw = json.loads(path.read_text())
    raw["format_version"] = 99
    path.write_text(json.dumps(raw))
    with pytest.raises(IndexFormatError, match="format 99"):
        CorpusIndex.open(tmp_path / "idx")


@pytest.mark.parametrize("setup", ["missing", "empty", "junk manifest", "no vectors"])
def test_not_an_index(tmp_path, fake_embedder, setup):
    folder = tmp_path / "idx"
    if setup == "empty":
        folder.mkdir()
    elif setup == "junk manifest":
        folder.mkdir()
        (folder / "manifest.json").write_text("{not json")
    elif setup == "no vectors":
        CorpusIndex.build(DOCS, fake_embedder).save(folder)
        next((folder / "segments").glob("*/vectors.npy")).unlink()
    with pytest.raises(IndexFormatError, match="index"):
        CorpusIndex.open(folder)


def test_save_refuses_to_overwrite_a_folder_that_is_not_an_index(tmp_path, fake_embedder):
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(IndexFormatError, match="not an index"):
        CorpusIndex.build(DOCS, fake_embedder).save(folder)
    assert (folder / "notes.txt").read_text() == "keep me"
