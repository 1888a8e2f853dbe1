"""Fault injection: what real folders and real disks hold never stops the index, and never goes unnoticed.

Poison files of every kind sit beside good articles (each is skipped with its reason, the rest is
indexed); a named pipe never blocks; a broken feed line drops that line only; legacy encodings are
read; every file of a segment truncated, garbled or swapped is refused with a clear message, and
repaired by an update from the corpus. The kill -9 campaign is in test_crash.py.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from index.check import check_index
from index.clean import content_hash
from index.corpus_index import CorpusIndex
from index.errors import CorpusError, IndexFormatError, QuestionError, UnreadableFileError
from index.load import LoadOptions, read_file
from index.manifest import MANIFEST, read_manifest
from index.segment import SEGMENTS
from index.types import ChunkSettings, Document
from index.update import MergePolicy, add_documents, update_from_folder
from index.watch import MAX_BACKOFF, _backoff, watch_folder, watch_index
from qa.api import QA, check_question
from qa.cli import app

from conftest import read_corpus

CHUNKING = ChunkSettings(size=12, overlap=3)
GOOD = {
    "tides.txt": "Ocean tides\n\nTides are caused by the Moon. Spring tides happen at full moon and new moon.",
    "bees.md": "# Honey bees\n\nA honey bee colony has one queen. Worker bees gather nectar and pollen.",
}
# An SVG saved as .html, as found in scraped archives: lxml fails an assertion on it inside trafilatura.
SVG_AS_HTML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    "<script>alert(1)</script><text>hello</text></svg>"
)
# name -> (bytes, what the skip reason says)
POISON: dict[str, tuple[bytes, str]] = {
    "deep.json": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    "drawing.html": (SVG_AS_HTML.encode(), "cannot be parsed (AssertionError"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    "empty.txt": (b"", "empty file"),
    "cut.jsonl.gz": (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "cannot be read"),
}


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _one_line(output: str) -> str:
    """CLI output without the line breaks the terminal width put in."""
    return " ".join(output.split())


def _skips(report) -> dict[str, str]:  # noqa: ANN001
    return {item.path: item.reason for item in report.skipped}


@pytest.fixture
def folders(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "idx"
    _write(corpus, GOOD)
    return corpus, index


def _in_thread(function, seconds: float = 60.0):  # noqa: ANN001, ANN202
    """Run ``function`` in a thread; fail (instead of hanging the suite) when it does not return in time."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = function()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds:.0f} s: it blocked"
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["value"]


# -- every file fails alone -------------------------------------------------------------------------


@pytest.mark.unit
def test_poison_files_are_skipped_with_their_reason_and_the_rest_indexed(folders, fake_embedder, caplog):
    corpus, folder = folders
    _write(corpus, {name: data for name, (data, _) in POISON.items()})
    bad_name = os.fsencode(corpus) + b"/caf\xe9-latin1-name.txt"
    with open(bad_name, "wb") as f:
        f.write(b"Cafe story\n\nA story whose file name is not UTF-8.")
    with caplog.at_level(logging.WARNING):
        index, report = update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    assert sorted(index.documents) == sorted(GOOD)
    skips = _skips(report)
    for name, (_, why) in POISON.items():
        assert why in skips[name], (name, skips[name])
        assert f"Skipped {name}" in caplog.text
    assert "not valid UTF-8" in skips["caf\ufffd-latin1-name.txt"]
    files = read_manifest(folder).files  # recorded, so the status shows them, and the manifest is valid JSON
    assert files["deep.json"].skipped and files["tides.txt"].skipped is None
    assert check_index(folder).ok
    # the next update reads the skipped files again and still reports them; nothing else changes
    _, again = update_from_folder(folder, corpus, fake_embedder)
    assert again.changes == 0 and _skips(again) == skips


@pytest.mark.unit
def test_the_first_build_with_a_poison_file_is_an_index_too(tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus, {**GOOD, "deep.json": POISON["deep.json"][0]})
    result = read_corpus(corpus)
    assert [d.id for d in result.documents] == ["bees.md", "tides.txt"]
    assert [s.path for s in result.skipped] == ["deep.json"]


@pytest.mark.unit
def test_any_exception_of_a_parser_skips_that_file_only(folders, fake_embedder, monkeypatch):
    corpus, folder = folders
    _write(corpus, {"page.html": "<html><body><p>A page.</p></body></html>"})

    def broken_parser(raw, relpath):  # noqa: ANN001, ANN202
        raise KeyError("whatever a parser may raise")

    monkeypatch.setattr("index.load._html_document", broken_parser)
    index, report = update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    assert sorted(index.documents) == sorted(GOOD)
    assert "cannot be parsed (KeyError" in _skips(report)["page.html"]


@pytest.mark.unit
def test_a_named_pipe_is_skipped_without_being_opened(folders, fake_embedder):
    corpus, folder = folders
    os.mkfifo(corpus / "pipe.txt")
    index, report = _in_thread(lambda: update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING))
    assert sorted(index.documents) == sorted(GOOD)
    assert "a named pipe, not a regular file" in _skips(report)["pipe.txt"]
    result = _in_thread(lambda: read_corpus(corpus))
    assert "pipe.txt" in [s.path for s in result.skipped]


@pytest.mark.unit
def test_a_device_behind_an_allowed_link_is_not_read(folders, fake_embedder):
    corpus, folder = folders
    (corpus / "zero.txt").symlink_to("/dev/zero")
    options = LoadOptions(follow_links=True)
    with pytest.raises(UnreadableFileError, match="a device, not a regular file"):
        _in_thread(lambda: read_file(corpus / "zero.txt", corpus, options))


@pytest.mark.unit
def test_links_out_of_the_corpus_are_not_followed_unless_allowed(folders, fake_embedder, tmp_path, monkeypatch):
    corpus, folder = folders
    secret = tmp_path / "outside" / "secret.txt"
    _write(secret.parent, {"secret.txt": "Private notes\n\nThe vault code is 4812 and must stay private."})
    (corpus / "notes.txt").symlink_to(secret)
    (corpus / "alias.txt").symlink_to(corpus / "tides.txt")  # inside the corpus: followed
    index, report = update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    assert "notes.txt" not in index.documents
    assert index.manifest.duplicates == {"tides.txt": index.manifest.duplicates["tides.txt"]}  # alias.txt holds its text
    assert index.manifest.duplicates["tides.txt"].of == "alias.txt"
    assert "outside the corpus folder; not followed" in _skips(report)["notes.txt"]
    monkeypatch.setenv("QA_FOLLOW_LINKS", "1")
    index, report = update_from_folder(folder, corpus, fake_embedder)
    assert "4812" in index.documents["notes.txt"].text and not report.skipped


@pytest.mark.unit
def test_an_article_over_the_size_limit_is_skipped_with_the_limit_named(folders, fake_embedder, monkeypatch):
    corpus, folder = folders
    _write(corpus, {"huge.txt": "Huge\n\n" + "word " * 2000})
    _write(corpus, {"feed.jsonl": json.dumps({"id": "big", "text": "long " * 2000}) + "\n" + json.dumps({"id": "small", "text": "A short record."}) + "\n"})
    monkeypatch.setenv("QA_MAX_FILE_MB", "0.005")
    index, report = update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    skips = _skips(report)
    assert "the limit for one article is 0.005 MB (QA_MAX_FILE_MB)" in skips["huge.txt"]
    assert "the limit for one article is 0.005 MB" in skips["feed.jsonl#big"]
    assert "feed.jsonl#small" in index.documents and "huge.txt" not in index.documents
    monkeypatch.setenv("QA_MAX_FILE_MB", "1")  # a skipped file is looked at again: a raised limit takes it in
    index, report = update_from_folder(folder, corpus, fake_embedder)
    assert "huge.txt" in index.documents and "huge.txt" not in _skips(report)
    monkeypatch.setenv("QA_MAX_FILE_MB", "lots")
    with pytest.raises(CorpusError, match="QA_MAX_FILE_MB must be a number"):
        update_from_folder(folder, corpus, fake_embedder)


# -- feeds --------------------------------------------------------------------------------------------


def _records(n: int, start: int = 0) -> str:
    return "".join(json.dumps({"id": f"r{i}", "title": f"Story {i}", "text": f"Story {i} reports that the harbour {i} reopened."}) + "\n" for i in range(start, start + n))


@pytest.mark.unit
def test_a_truncated_last_line_of_a_feed_drops_that_line_only(folders, fake_embedder):
    corpus, folder = folders
    _write(corpus, {"feed.jsonl": _records(5)})
    update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    with open(corpus / "feed.jsonl", "a", encoding="utf-8") as feed:  # a writer stopped half-way through a record
        feed.write(_records(1, 5)[:30])
    index, report = update_from_folder(folder, corpus, fake_embedder)
    assert report.removed == [] and report.changes == 0
    assert {f"feed.jsonl#r{i}" for i in range(5)} <= set(index.documents)
    assert "malformed JSON" in _skips(report)["feed.jsonl, line 6"]
    with open(corpus / "feed.jsonl", "w", encoding="utf-8") as feed:  # the writer finishes the line
        feed.write(_records(6))
    index, report = update_from_folder(folder, corpus, fake_embedder)
    assert report.added == ["feed.jsonl#r5"] and not report.skipped


@pytest.mark.unit
def test_a_garbled_line_in_the_middle_keeps_the_other_records_and_their_ids(tmp_path):
    corpus = tmp_path / "corpus"
    lines = [json.dumps({"text": f"Record number {i} about the regional election results."}) for i in range(4)]
    lines[1] = lines[1][:10] + "@@garbage"
    _write(corpus, {"feed.jsonl": "\n".join(lines) + "\n"})
    result = read_corpus(corpus)
    assert [d.id for d in result.documents] == ["feed.jsonl#0", "feed.jsonl#2", "feed.jsonl#3"]
    assert [s.path for s in result.skipped] == ["feed.jsonl, line 2"]


@pytest.mark.unit
def test_an_over_long_feed_line_is_skipped_without_holding_it_in_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_MAX_FILE_MB", "0.001")  # lines of over 6 KB are skipped
    lines = [json.dumps({"text": "A short record about the harbour."}), json.dumps({"text": "x" * 20_000}), json.dumps({"text": "Another short one."})]
    _write(tmp_path, {"feed.jsonl": "\n".join(lines) + "\n", "endless.jsonl": "{" * 50_000})
    result = read_corpus(tmp_path)
    assert [d.id for d in result.documents] == ["feed.jsonl#0", "feed.jsonl#2"]
    reasons = {s.path: s.reason for s in result.skipped}
    assert "a line of over" in reasons["feed.jsonl, line 2"] and "a line of over" in reasons["endless.jsonl"]


@pytest.mark.unit
def test_a_json_feed_that_unpacks_to_too_much_is_refused(tmp_path, monkeypatch):
    import gzip

    monkeypatch.setattr("index.load.MAX_JSON_BYTES", 100_000)
    _write(tmp_path, {"bomb.json.gz": gzip.compress(b"[" + b" " * 10_000_000 + b"]"), "ok.txt": "Fine\n\nA fine article."})
    result = read_corpus(tmp_path)
    assert [d.id for d in result.documents] == ["ok.txt"]
    assert "too large to be read whole" in result.skipped[0].reason


@pytest.mark.unit
def test_lone_surrogates_in_a_feed_are_replaced_and_the_index_stays_writable(folders, fake_embedder):
    corpus, folder = folders
    _write(corpus, {"feed.json": '[{"id": "x\\udc80", "title": "Emoji \\ud83d", "text": "Half an emoji \\ud83d here."}]'})
    index, _ = update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    doc = index.documents["feed.json#x\ufffd"]
    assert doc.text.startswith("Emoji \ufffd\n\nHalf an emoji \ufffd here.")
    assert check_index(folder).ok


# -- encodings ----------------------------------------------------------------------------------------

ENCODED = {
    "latin1.txt": ("Café in São Paulo\n\nThe café near the praça reopened on Monday.", "latin-1", "cp1252"),
    "windows.txt": ("Mayor’s plan\n\nThe mayor said “we will build it” – at a cost of €40m.", "cp1252", "cp1252"),
    "utf16.txt": ("Zürich vote\n\nVoters in Zürich approved the new tram line, 55 % to 45 %.", "utf-16", "utf-16"),
    "utf16be.md": ("# Łódź budget\n\nŁódź city council passed its budget on Friday.", "utf-16-be", "utf-16"),
}


@pytest.mark.unit
def test_legacy_encodings_are_detected_indexed_and_recorded(folders, fake_embedder):
    corpus, folder = folders
    for name, (text, codec, _) in ENCODED.items():
        data = text.encode(codec)
        (corpus / name).write_bytes(("\ufeff".encode("utf-16-be") + data) if codec == "utf-16-be" else data)
    index, report = update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    assert not report.skipped
    files = read_manifest(folder).files
    for name, (text, _, encoding) in ENCODED.items():
        body = text.split("\n\n", 1)[1]
        assert body in index.documents[name].text, name
        assert files[name].encoding == encoding, name
    assert files["tides.txt"].encoding is None


@pytest.mark.unit
def test_only_really_binary_files_are_refused_as_binary(tmp_path):
    rng = np.random.default_rng(0)
    _write(tmp_path, {"noise.txt": bytes(rng.integers(128, 256, 4000, dtype=np.uint8)), "nul.txt": b"text\x00more text"})
    for name in ("noise.txt", "nul.txt"):
        with pytest.raises(UnreadableFileError, match="binary file"):
            read_file(tmp_path / name, tmp_path)


# -- the watcher ------------------------------------------------------------------------------------


@pytest.mark.unit
def test_the_watch_survives_any_exception_and_tries_again(tmp_path, caplog):
    tmp_path.joinpath("a.txt").write_text("x")
    calls = []

    def update() -> None:
        calls.append(time.monotonic())
        if len(calls) <= 2:
            raise RuntimeError("a bug somewhere")

    stop = threading.Event()
    thread = threading.Thread(target=watch_folder, args=(tmp_path, update, 0.02, stop), daemon=True)
    with caplog.at_level(logging.ERROR, logger="index.watch"):
        thread.start()
        deadline = time.monotonic() + 30
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        stop.set()
        thread.join(10)
    assert len(calls) >= 3, "the watch did not try again after failures"
    assert "RuntimeError: a bug somewhere" in caplog.text and "attempt 2" in caplog.text
    assert not thread.is_alive()


@pytest.mark.unit
def test_the_watch_waits_longer_after_each_failure_in_a_row():
    assert [_backoff(2.0, n) for n in range(5)] == [2.0, 2.0, 4.0, 8.0, 16.0]
    assert _backoff(2.0, 40) == MAX_BACKOFF


@pytest.mark.unit
def test_the_watch_keeps_indexing_beside_a_poison_file(folders, fake_embedder, caplog):
    corpus, folder = folders
    update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    reports = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_index, args=(folder, corpus, fake_embedder, 0.05, stop, reports.append), daemon=True)
    with caplog.at_level(logging.WARNING):
        thread.start()
        try:
            _write(corpus, {"deep.json": POISON["deep.json"][0]})
            assert _wait_for(lambda: any("deep.json" in _skips(r) for r in reports))
            _write(corpus, {"lunar.txt": "Lunar base\n\nThe lunar base opened near the south pole."})
            assert _wait_for(lambda: any("lunar.txt" in r.added for r in reports))
            (corpus / "deep.json").unlink()
            assert _wait_for(lambda: "deep.json" not in read_manifest(folder).files)
            assert thread.is_alive()
        finally:
            stop.set()
            thread.join(10)
    assert "Skipped deep.json: nested too deeply" in caplog.text


def _wait_for(condition, seconds: float = 60.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


# -- the index on disk ------------------------------------------------------------------------------


@pytest.fixture
def two_segments(folders, fake_embedder):
    """An index of two segments (the second added by an update), and the corpus it follows."""
    corpus, folder = folders
    update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    _write(corpus, {"tokyo.txt": "Summit in Tokyo\n\nThe leaders met in Tokyo on Thursday to discuss trade."})
    index, _ = update_from_folder(folder, corpus, fake_embedder, policy=MergePolicy(factor=1e-9))
    assert len(index.segments) == 2
    return corpus, folder, [folder / SEGMENTS / s.name for s in index.segments]


def _files_of(segment: Path) -> list[str]:
    return sorted(str(p.relative_to(segment)) for p in segment.rglob("*") if p.is_file() and p.name != "segment.json")


def _truncate(path: Path, other: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garble(path: Path, other: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


def _delete(path: Path, other: Path) -> None:
    path.unlink()


def _swap(path: Path, other: Path) -> None:
    mine = path.read_bytes()
    path.write_bytes(other.read_bytes())
    other.write_bytes(mine)


def _assert_refused_then_repaired(folder: Path, corpus: Path, embedder) -> None:  # noqa: ANN001
    """Readers refuse the damaged index with a clear message; an update from the corpus repairs it."""
    with pytest.raises(IndexFormatError, match=r"is damaged.*rebuild it with `qa index build"):
        CorpusIndex.open(folder)
    checked = CliRunner().invoke(app, ["index", "check", "--index", str(folder)])
    assert checked.exit_code == 1 and "problem" in checked.output and "Traceback" not in checked.output, checked.output
    extra = Document(id="extra", title="Extra", source="api", text="Extra\n\nAdded by hand.", content_hash=content_hash("Extra\n\nAdded by hand."))
    with pytest.raises(IndexFormatError, match="damaged"):  # no corpus to repair from: refused, the damage is not carried forward
        add_documents(folder, [extra], embedder)
    index, report = update_from_folder(folder, corpus, embedder)
    assert report.repaired and report.summary().startswith("repaired")
    assert sorted(index.documents) == ["bees.md", "tides.txt", "tokyo.txt"] and "Tokyo" in index.documents["tokyo.txt"].text
    assert check_index(folder).ok
    assert sorted(CorpusIndex.open(folder).documents) == sorted(index.documents)


@pytest.mark.parametrize("fault", [_truncate, _garble, _swap, _delete], ids=["truncated", "garbled", "swapped", "deleted"])
def test_every_segment_file_damaged_is_refused_then_repaired(two_segments, fake_embedder, fault):
    corpus, folder, (first, second) = two_segments
    pristine = folder.parent / "pristine"
    shutil.copytree(folder, pristine)
    files = [name for name in _files_of(second) if name in _files_of(first)]
    assert {"documents.jsonl", "passages.npy", "vectors.npy"} <= set(files)
    tried = 0
    was = {segment: pristine / segment.relative_to(folder) for segment in (first, second)}
    for name in ["segment.json", *files]:
        if fault is _swap and (was[first] / name).read_bytes() == (was[second] / name).read_bytes():
            continue  # the same bytes in both segments (bm25s parameters): swapping them changes nothing
        shutil.rmtree(folder)
        shutil.copytree(pristine, folder)
        fault(second / name, first / name)
        _assert_refused_then_repaired(folder, corpus, fake_embedder)
        tried += 1
    assert tried >= 4


@pytest.mark.unit
def test_one_changed_word_in_a_stored_article_is_caught_on_open(two_segments, fake_embedder):
    corpus, folder, (_, second) = two_segments
    stored = second / "documents.jsonl"
    stored.write_text(stored.read_text(encoding="utf-8").replace("Tokyo", "Osaka"), encoding="utf-8")
    with pytest.raises(IndexFormatError, match="documents.jsonl does not match the checksum"):
        CorpusIndex.open(folder)
    _assert_refused_then_repaired(folder, corpus, fake_embedder)


@pytest.mark.unit
def test_documents_added_through_the_api_are_not_lost_to_a_repair(two_segments, fake_embedder):
    corpus, folder, _ = two_segments
    text = "Extra\n\nAdded by hand, from no file."
    index, _ = add_documents(folder, [{"id": "extra", "title": "Extra", "source": "api", "text": text}], fake_embedder)
    stored = folder / SEGMENTS / index.manifest.documents["extra"].segment / "documents.jsonl"
    stored.write_text(stored.read_text(encoding="utf-8").replace("hand", "foot"), encoding="utf-8")
    with pytest.raises(IndexFormatError, match="added through the API"):
        update_from_folder(folder, corpus, fake_embedder)
    index, _ = update_from_folder(folder, corpus, fake_embedder, rebuild=True, chunking=CHUNKING)  # what the message says to do
    assert check_index(folder).ok and "extra" not in index.documents


@pytest.mark.unit
def test_a_manifest_garbled_is_refused_by_update_with_a_clear_message(two_segments, fake_embedder):
    corpus, folder, _ = two_segments
    (folder / MANIFEST).write_text("{garbled", encoding="utf-8")
    with pytest.raises(IndexFormatError, match="manifest.json is unreadable"):
        update_from_folder(folder, corpus, fake_embedder)
    result = CliRunner().invoke(app, ["index", "update", str(corpus), "--index", str(folder)])
    assert result.exit_code == 1 and "manifest.json is unreadable" in _one_line(result.output) and "Traceback" not in result.output, result.output


@pytest.mark.unit
def test_a_checksum_changed_in_segment_json_is_caught(two_segments, fake_embedder):
    corpus, folder, (_, second) = two_segments
    info = json.loads((second / "segment.json").read_text())
    info["files"]["passages.npy"] = "0" * 64
    (second / "segment.json").write_text(json.dumps(info))
    _assert_refused_then_repaired(folder, corpus, fake_embedder)


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda seg: (seg / "vectors.npy").write_bytes(b""), "vectors.npy is 0 bytes"),
        (lambda seg: np.save(seg / "vectors.npy", np.ones((len(np.load(seg / "passages.npy")), 32), np.float32)), "vectors.npy is"),
        (lambda seg: np.save(seg / "passages.npy", np.load(seg / "passages.npy") + 1), "passages.npy"),
    ],
    ids=["zero-byte vectors", "wrong dimension", "shifted passages"],
)
def test_array_damage_is_named(two_segments, fake_embedder, damage, says):
    corpus, folder, (_, second) = two_segments
    damage(second)
    with pytest.raises(IndexFormatError, match=says):
        CorpusIndex.open(folder)
    _assert_refused_then_repaired(folder, corpus, fake_embedder)


@pytest.mark.unit
def test_arrays_that_fit_their_checksums_but_not_each_other_are_refused(two_segments, fake_embedder):
    """Damage made with the checksums updated too (a tool rewrote the files): the shapes are still checked."""
    corpus, folder, (_, second) = two_segments
    from index.segment import _sha256

    rows = np.load(second / "passages.npy")
    np.save(second / "vectors.npy", np.ones((len(rows), 32), np.float32))
    info = json.loads((second / "segment.json").read_text())
    info["files"]["vectors.npy"] = _sha256(second / "vectors.npy")
    info["sizes"]["vectors.npy"] = (second / "vectors.npy").stat().st_size
    (second / "segment.json").write_text(json.dumps(info))
    with pytest.raises(IndexFormatError, match="64 dimensions expected"):
        CorpusIndex.open(folder)


@pytest.mark.unit
def test_a_manifest_that_is_a_folder_is_refused_then_rebuilt(two_segments, fake_embedder):
    corpus, folder, _ = two_segments
    (folder / MANIFEST).unlink()
    (folder / MANIFEST).mkdir()
    with pytest.raises(IndexFormatError, match="manifest.json is not a file"):
        CorpusIndex.open(folder)
    with pytest.raises(IndexFormatError, match="manifest.json is not a file"):
        update_from_folder(folder, corpus, fake_embedder)
    result = CliRunner().invoke(app, ["index", "status", "--index", str(folder)])
    assert result.exit_code == 1 and "manifest.json is not a file" in _one_line(result.output)
    index, _ = update_from_folder(folder, corpus, fake_embedder, rebuild=True, chunking=CHUNKING)
    assert "tokyo.txt" in index.documents and check_index(folder).ok


@pytest.mark.unit
def test_check_still_names_what_disagrees(two_segments):
    _, folder, (_, second) = two_segments
    stored = second / "documents.jsonl"
    stored.write_text(stored.read_text(encoding="utf-8").replace("Tokyo", "Osaka"), encoding="utf-8")
    problems = check_index(folder).problems
    assert any("do not match the checksums" in p for p in problems)
    assert any("does not match its content hash" in p for p in problems)


# -- inputs of the Python API -------------------------------------------------------------------------


@pytest.mark.unit
def test_add_documents_validates_its_input(folders, fake_embedder):
    corpus, folder = folders
    update_from_folder(folder, corpus, fake_embedder, chunking=CHUNKING)
    text = "Port strike\n\nDock workers in Varnholm went on strike on Monday."
    with pytest.raises(TypeError, match="Document objects or dicts"):
        add_documents(folder, ["just a string"], fake_embedder)
    with pytest.raises(TypeError, match="a list of documents, got str"):
        add_documents(folder, "just a string", fake_embedder)
    wrong = Document(id="strike", title="Port strike", source="x", text=text, content_hash="0" * 64)
    with pytest.raises(ValueError, match="content_hash is not the sha256 of its text"):
        add_documents(folder, [wrong], fake_embedder)
    with pytest.raises(ValueError, match="title"):
        add_documents(folder, [{"id": "strike", "text": text}], fake_embedder)
    assert "strike" not in CorpusIndex.open(folder).documents
    index, report = add_documents(folder, [{"id": "strike", "title": "Port strike", "source": "wire", "text": text}], fake_embedder)
    assert report.added == ["strike"] and index.documents["strike"].content_hash == content_hash(text)
    assert check_index(folder).ok


@pytest.mark.unit
def test_in_memory_add_documents_validates_too(fake_embedder):
    qa = QA(CorpusIndex.empty(fake_embedder, CHUNKING), fake_embedder, extractor="heuristic")
    with pytest.raises(TypeError):
        qa.add_documents([42])
    report = qa.add_documents([{"id": "a", "title": "A", "source": "s", "text": "A\n\nSome text about tides."}])
    assert report.added == ["a"]


@pytest.mark.unit
def test_a_question_with_a_lone_surrogate_gets_a_clear_message():
    with pytest.raises(QuestionError, match="invalid character"):
        check_question("Where did Kishida \ud83d meet Yoon?")
    assert check_question("Where did Kishida 🙂 meet Yoon?").startswith("Where")


# -- the server: uploads, status and the raw HTTP API ---------------------------------------------------


def _raw_call(url: str, endpoint: str, data: list) -> tuple[str, object]:
    """Call a named endpoint as a plain HTTP client does (no gradio_client): (event, its data)."""
    import urllib.request

    request = urllib.request.Request(
        f"{url}gradio_api/call/{endpoint}", data=json.dumps({"data": data}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        event_id = json.loads(response.read())["event_id"]
    with urllib.request.urlopen(f"{url}gradio_api/call/{endpoint}/{event_id}", timeout=120) as response:
        lines = response.read().decode().splitlines()
    event = next(line.split(": ", 1)[1] for line in lines if line.startswith("event: "))
    payload = next(line.split(": ", 1)[1] for line in lines if line.startswith("data: "))
    return event, json.loads(payload)


@pytest.mark.slow
def test_raw_http_ask_may_leave_out_history_and_as_of_and_is_told_what_is_missing(ui_server):
    question = "How much was the AUKUS submarine deal worth?"
    for data in ([question, []], [question]):
        event, answer = _raw_call(ui_server.url, "ask", data)
        assert event == "complete" and "$40 billion" in answer[0]["text"], (data, answer)
    event, error = _raw_call(ui_server.url, "ask", [])
    assert event == "error" and "missing: question" in error["error"]
    event, error = _raw_call(ui_server.url, "ask", ["Where did Kishida \ud83d meet Yoon?"])
    assert event == "error" and "invalid character" in error["error"]


@pytest.mark.slow
def test_a_poison_upload_is_refused_with_a_clear_message(ui_server, tmp_path):
    from ui.app import add_files
    from ui.upload import UploadError

    before = sorted(p.name for p in ui_server.corpus.iterdir())
    svg = tmp_path / "drawing.html"
    svg.write_text(SVG_AS_HTML, encoding="utf-8")
    with pytest.raises(UploadError, match=r"drawing.html: cannot be parsed \(AssertionError"):
        add_files(ui_server.holder, [svg])
    assert sorted(p.name for p in ui_server.corpus.iterdir()) == before
    latin = tmp_path / "cafe.txt"  # a legacy encoding is no reason to refuse an article
    latin.write_bytes("Café reopens in Varnholm\n\nThe café on the harbour reopened on Friday.".encode("latin-1"))
    try:
        assert "Added and indexed 1 file" in add_files(ui_server.holder, [latin])
        assert "café on the harbour" in ui_server.holder.qa.document("cafe.txt").text
    finally:
        (ui_server.corpus / "cafe.txt").unlink(missing_ok=True)
        ui_server.holder.refresh()


@pytest.mark.slow
def test_the_status_lists_the_files_not_indexed_and_why(ui_server):
    from gradio_client import Client

    from ui import render
    from ui.app import _status_html

    deep = ui_server.corpus / "deep.json"
    deep.write_bytes(POISON["deep.json"][0])
    try:
        ui_server.holder.refresh()
        assert "nested too deeply" in ui_server.holder.qa.status().skipped["deep.json"]
        html = _status_html(ui_server.holder)
        assert render.escape_text("deep.json", one_line=True) in html and "not indexed" in html and "nested too deeply" in html
        status = Client(ui_server.url, verbose=False).predict(api_name="/status")
        assert "nested too deeply" in status["skipped"]["deep.json"]
    finally:
        deep.unlink()
        ui_server.holder.refresh()
    assert "deep.json" not in ui_server.holder.qa.status().skipped


@pytest.mark.unit
def test_the_status_panel_escapes_what_it_lists():
    from ui import render

    html = render.render_status(2, 14, "m", "t", "i", "c", True, [("<b>x</b>.html", "cannot be parsed (<script>)")])
    assert render.escape_text("<b>x</b>.html", one_line=True) in html and render.escape_text("(<script>)", one_line=True) in html
    assert "<script>" not in html and "<b>" not in html
    assert "not indexed" not in render.render_status(2, 14, "m", "t", "i", "c", True)


@pytest.mark.slow
def test_cli_build_and_update_list_what_they_skipped(tmp_path):
    corpus, folder = tmp_path / "corpus", tmp_path / "idx"
    _write(corpus, {**GOOD, "deep.json": POISON["deep.json"][0], "drawing.html": SVG_AS_HTML})
    os.mkfifo(corpus / "pipe.txt")
    runner = CliRunner()
    built = _in_thread(lambda: runner.invoke(app, ["index", "build", str(corpus), "--index", str(folder)]), 600)
    assert built.exit_code == 0, built.output
    assert "indexed 2 documents" in built.output
    for line in ("skipped deep.json: nested too deeply", "skipped drawing.html: cannot be parsed (AssertionError", "skipped pipe.txt: a named pipe"):
        assert line in built.output, built.output
    updated = runner.invoke(app, ["index", "update", str(corpus), "--index", str(folder)])
    assert updated.exit_code == 0 and "3 skipped" in updated.output and "skipped pipe.txt" in updated.output, updated.output
    status = runner.invoke(app, ["index", "status", "--index", str(folder)])
    assert "skipped deep.json" in status.output


@pytest.mark.unit
def test_history_from_an_api_caller_is_bounded():
    from ui.app import MAX_HISTORY_ITEMS, _turns

    turns = _turns([{"question": "q" * 100_000, "answer": "a" * 100_000}] * (MAX_HISTORY_ITEMS + 10))
    assert len(turns) == MAX_HISTORY_ITEMS
    assert all(len(t.question) == 500 and len(t.answer) == 500 for t in turns)
    assert _turns([{"question": "Who?", "answer": None}])[0].answer is None
    assert _turns([{"question": "Who is \ud83d?", "answer": "Yoon"}])[0].question == "Who is \ufffd?"


def test_history_from_python_is_bounded_too(seeds_qa):
    long_turn = {"question": "Who is South Korea's president? " + "and more " * 20_000 + "\ud83d", "answer": "Yoon Suk-yeol"}
    answer = seeds_qa.ask("When did he meet Kishida?", history=[long_turn])
    assert "Yoon Suk-yeol" in answer.query  # the reference is still resolved from the turn
    assert answer.answered and "March 16" in answer.text
