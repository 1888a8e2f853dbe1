"""index.manifest: the commit point of an index, read back exactly, refused with a rebuild hint when it is not one."""

import json

import pytest
from pydantic import ValidationError

from index.errors import IndexFormatError
from index.manifest import (
    FORMAT_VERSION,
    MANIFEST,
    DocumentEntry,
    EmbedderInfo,
    FileEntry,
    Manifest,
    SegmentEntry,
    check_embedder,
    manifest_version,
    read_manifest,
    read_manifest_version,
    write_manifest,
)
from index.types import ChunkSettings

pytestmark = pytest.mark.unit


def _manifest(**changes) -> Manifest:
    return Manifest(
        embedder=EmbedderInfo(name="fake/hashing-64", dim=64),
        chunking=ChunkSettings(size=12, overlap=3),
        documents={"mars.txt": DocumentEntry(content_hash="ab" * 32, title="Mars", source="mars.txt", date="2024-03-04", passages=2, segment="s1")},
        files={"mars.txt": FileEntry(mtime_ns=1, size=120, documents=["mars.txt"])},
        segments=[SegmentEntry(name="s1", passages=2, live=2)],
        passages=2,
        **changes,
    )


def test_a_written_manifest_reads_back_equal_and_leaves_no_temp_file(tmp_path):
    manifest = _manifest(generation=4)
    write_manifest(tmp_path, manifest)
    assert read_manifest(tmp_path) == manifest
    assert [p.name for p in tmp_path.iterdir()] == [MANIFEST]


def test_a_file_entry_keeps_its_notes_only_when_it_has_some():
    plain = FileEntry(mtime_ns=5, size=10, documents=["a.txt"]).model_dump()
    assert set(plain) == {"mtime_ns", "size", "documents"}
    noted = FileEntry(mtime_ns=5, size=10, skipped="binary file", encoding="cp1252").model_dump()
    assert noted["skipped"] == "binary file" and noted["encoding"] == "cp1252" and "dropped" not in noted


def test_the_fingerprint_is_that_of_the_file_read_and_changes_with_each_commit(tmp_path):
    assert manifest_version(tmp_path) is None
    write_manifest(tmp_path, _manifest())
    _, read_from = read_manifest_version(tmp_path)
    assert read_from == manifest_version(tmp_path)
    write_manifest(tmp_path, _manifest(generation=1))
    assert manifest_version(tmp_path) != read_from, "a commit renames a new file over the old one"


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda path: path.write_text("{not json", encoding="utf-8"), "unreadable"),
        (lambda path: path.write_bytes(b"\xff\xfe{}"), "unreadable"),
        (lambda path: path.write_text(json.dumps({"format_version": FORMAT_VERSION, "embedder": {"name": "x"}}), encoding="utf-8"), "not a valid manifest"),
        (lambda path: path.write_text(json.dumps([1, 2]), encoding="utf-8"), "index format None"),
    ],
)
def test_a_damaged_manifest_is_refused_with_the_rebuild_command(tmp_path, damage, message):
    damage(tmp_path / MANIFEST)
    with pytest.raises(IndexFormatError, match=message) as caught:
        read_manifest(tmp_path)
    assert f"qa index build CORPUS_DIR --index {tmp_path}" in str(caught.value)


def test_an_index_of_another_model_is_refused_naming_both_models(tmp_path):
    manifest = _manifest()
    check_embedder(manifest, "fake/hashing-64", 64, tmp_path)
    with pytest.raises(IndexFormatError, match=r"built with fake/hashing-64 \(64 dimensions\), but this run uses other/model \(384 dimensions\)"):
        check_embedder(manifest, "other/model", 384, tmp_path)


def test_chunk_settings_refuse_empty_passages_and_negative_overlap():
    with pytest.raises(ValidationError):
        ChunkSettings(size=0)
    with pytest.raises(ValidationError):
        ChunkSettings(overlap=-1)
    assert ChunkSettings() == ChunkSettings(size=120, overlap=30)
