"""Tests of index.load: every format, bad files skipped with a warning, clear errors, determinism."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import shutil
from pathlib import Path

import pytest

from index.errors import CorpusError, UnreadableFileError
from index.load import load_file
from test_clean import SEED_FURNITURE

from conftest import read_corpus

pytestmark = pytest.mark.unit

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = "000_3a9375036b298c0f.txt"
SEED_004 = "004_987bf9152aa0758f.txt"

PARAGRAPHS = [
    "The city council voted seven to two on Tuesday to approve a new bridge across the Verde River, "
    "ending a decade of debate over traffic in the old town.",
    "Construction is expected to begin in the spring and to cost about forty million dollars, according "
    "to the mayor, who called the vote a turning point for the region.",
    "Residents who spoke at the meeting were largely in favour of the plan, although several shop owners "
    "worried about two years of roadworks on Main Street.",
]

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council Approves New Bridge | The Riverside Gazette</title>
<meta property="og:title" content="Council Approves New Bridge">
<meta property="article:published_time" content="2024-05-06T10:00:00Z">
<link rel="canonical" href="https://gazette.example.com/news/bridge">
<script>window.tracker = "TRACKING-CODE";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/subscribe">Subscribe</a> | NAVIGATION-MENU</nav>
<article>
<h1>Council Approves New Bridge</h1>
{''.join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)}
</article>
<footer>FOOTER-COPYRIGHT 2024 The Riverside Gazette. All rights reserved. Privacy policy.</footer>
<script>console.log("SCRIPT-BODY");</script>
</body></html>
"""

RECORDS = [
    {
        "id": "a1",
        "url": "https://news.example.com/a1",
        "title": "Bridge vote",
        "date": "2018/03/15",
        "text": PARAGRAPHS[0],
    },
    {"title": "Second story", "date": "2020-01-02T08:30:00Z", "body": PARAGRAPHS[1]},
    {"content": f"Third story\n\n{PARAGRAPHS[2]}", "date": None},
]


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


@pytest.fixture
def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def good_text() -> str:
    return "Good article\n\n" + "\n\n".join(PARAGRAPHS)


# --- the seeds ----------------------------------------------------------------------------


def test_seeds_load_with_their_titles(seed_folder: Path) -> None:
    result = read_corpus(seed_folder)
    assert [document.id for document in result.documents] == [SEED_000, SEED_004]
    first, second = result.documents
    assert first.title == "Vladimir Putin and Xi Jinping Stake Out a New World Order"
    assert second.title == "The past two weeks have marked a remarkable series of events that highlight major changes in…"
    assert second.text.startswith("The past two weeks have marked a remarkable series of events")
    for document in result.documents:
        assert document.source == document.id
        assert document.date is None
        assert document.text.split("\n", 1)[0].startswith(document.title.rstrip("…"))
        assert document.content_hash == hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    assert result.skipped == []


@pytest.mark.parametrize("furniture", SEED_FURNITURE)
def test_seed_furniture_is_not_stored(seed_folder: Path, furniture: str) -> None:
    for document in read_corpus(seed_folder).documents:
        assert furniture not in document.text


@pytest.mark.parametrize(
    ("document_id", "content"),
    [
        (SEED_004, "The past two weeks have marked a remarkable series of events"),
        (SEED_000, "Xinhua via Getty Images"),
        (SEED_004, "You are in Moscow"),
        (SEED_004, "Kishida in Kiev"),
        (SEED_000, "continuing joint military exercises worldwide"),
        (SEED_004, "simulated nuclear counterattack"),
    ],
)
def test_seed_content_is_stored(seed_folder: Path, document_id: str, content: str) -> None:
    documents = {document.id: document for document in read_corpus(seed_folder).documents}
    assert content in documents[document_id].text


# --- each format --------------------------------------------------------------------------


def test_txt_title_is_the_first_non_empty_line(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "\n\n  Bridge   vote \n\n" + PARAGRAPHS[0] + "\n")
    (document,) = read_corpus(tmp_path).documents
    assert (document.id, document.title, document.source, document.date) == ("a.txt", "Bridge vote", "a.txt", None)
    assert document.text == f"Bridge vote\n\n{PARAGRAPHS[0]}"


def test_markdown_heading_mark_is_stripped_and_front_matter_read(tmp_path: Path) -> None:
    _write(tmp_path / "plain.md", f"# Bridge vote\n\n{PARAGRAPHS[0]}\n\n## Costs\n\n{PARAGRAPHS[1]}\n")
    _write(tmp_path / "front.md", f"---\ntitle: \"Front matter title\"\ndate: 2023-07-09\n---\n{PARAGRAPHS[2]}\n")
    front, plain = read_corpus(tmp_path).documents
    assert plain.title == "Bridge vote"
    assert plain.text == f"Bridge vote\n\n{PARAGRAPHS[0]}\n\nCosts\n\n{PARAGRAPHS[1]}"
    assert (front.title, front.date) == ("Front matter title", "2023-07-09")
    assert front.text == f"Front matter title\n\n{PARAGRAPHS[2]}"


def test_html_main_text_title_date_and_url_are_extracted(tmp_path: Path) -> None:
    _write(tmp_path / "news" / "bridge.html", HTML_PAGE)
    (document,) = read_corpus(tmp_path).documents
    assert document.id == "news/bridge.html"
    assert document.title == "Council Approves New Bridge"
    assert document.date == "2024-05-06"
    assert document.source == "https://gazette.example.com/news/bridge"
    assert document.text == "Council Approves New Bridge\n\n" + "\n\n".join(PARAGRAPHS)
    for furniture in ("NAVIGATION-MENU", "FOOTER-COPYRIGHT", "TRACKING-CODE", "SCRIPT-BODY", "Subscribe"):
        assert furniture not in document.text


def test_json_list_records(tmp_path: Path) -> None:
    _write(tmp_path / "batch.json", json.dumps(RECORDS))
    first, second, third = read_corpus(tmp_path).documents
    assert (first.id, first.title, first.date, first.source) == (
        "batch.json#a1",
        "Bridge vote",
        "2018-03-15",
        "https://news.example.com/a1",
    )
    assert first.text == f"Bridge vote\n\n{PARAGRAPHS[0]}"
    assert (second.id, second.title, second.date) == ("batch.json#1", "Second story", "2020-01-02")
    assert second.source == "batch.json"
    assert second.text == f"Second story\n\n{PARAGRAPHS[1]}"
    assert (third.id, third.title, third.date) == ("batch.json#2", "Third story", None)
    assert third.text == f"Third story\n\n{PARAGRAPHS[2]}"


@pytest.mark.parametrize("key", ["data", "articles", "documents"])
def test_json_object_holding_records(tmp_path: Path, key: str) -> None:
    _write(tmp_path / "wrapped.json", json.dumps({"meta": {"count": 3}, key: RECORDS}))
    assert [document.id for document in read_corpus(tmp_path).documents] == [
        "wrapped.json#a1",
        "wrapped.json#1",
        "wrapped.json#2",
    ]


def test_json_single_record(tmp_path: Path) -> None:
    _write(tmp_path / "one.json", json.dumps(RECORDS[0]))
    (document,) = read_corpus(tmp_path).documents
    assert (document.id, document.title) == ("one.json#a1", "Bridge vote")


def test_jsonl_and_gzipped_files_give_the_same_documents(tmp_path: Path) -> None:
    _write(tmp_path / "plain.jsonl", _jsonl(RECORDS) + "\n")
    _write(tmp_path / "packed.jsonl.gz", gzip.compress(_jsonl(RECORDS).encode("utf-8")))
    _write(tmp_path / "packed.json.gz", gzip.compress(json.dumps(RECORDS).encode("utf-8")))
    by_file: dict[str, list[tuple]] = {}
    for document in read_corpus(tmp_path).documents:
        relpath, record_id = document.id.split("#")
        by_file.setdefault(relpath, []).append(
            (record_id, document.title, document.date, document.text, document.content_hash)
        )
    assert sorted(by_file) == ["packed.json.gz", "packed.jsonl.gz", "plain.jsonl"]
    assert [row[0] for row in by_file["plain.jsonl"]] == ["a1", "1", "2"]
    assert by_file["packed.jsonl.gz"] == by_file["plain.jsonl"] == by_file["packed.json.gz"]


def test_record_text_is_cleaned_and_title_not_repeated(tmp_path: Path) -> None:
    record = {"id": 7, "title": "Bridge vote", "text": f"Bridge vote\nSubscribe\nComments (4)\n\n{PARAGRAPHS[0]}"}
    _write(tmp_path / "r.jsonl", _jsonl([record]))
    (document,) = read_corpus(tmp_path).documents
    assert document.id == "r.jsonl#7"
    assert document.text == f"Bridge vote\n\n{PARAGRAPHS[0]}"


def test_folders_are_walked_recursively_sorted_and_hidden_entries_ignored(tmp_path: Path, good_text: str) -> None:
    for name in ("b.txt", "a/z.txt", "a/b/c.md", "c.txt", ".hidden.txt", ".git/config.txt", "a/.cache/x.txt"):
        _write(tmp_path / name, good_text)
    result = read_corpus(str(tmp_path))
    assert [document.id for document in result.documents] == ["a/b/c.md", "a/z.txt", "b.txt", "c.txt"]
    assert result.skipped == []


def test_byte_order_mark_is_stripped(tmp_path: Path, good_text: str) -> None:
    _write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + good_text.encode("utf-8"))
    (document,) = read_corpus(tmp_path).documents
    assert document.title == "Good article"
    assert not document.text.startswith("\ufeff")


def test_load_file_gives_the_documents_of_one_file(tmp_path: Path, good_text: str) -> None:
    path = _write(tmp_path / "sub" / "a.txt", good_text)
    (document,) = load_file(path, tmp_path)
    assert document.id == "sub/a.txt"


def test_progress_bar_does_not_change_the_result(seed_folder: Path) -> None:
    assert read_corpus(seed_folder, progress=True) == read_corpus(seed_folder)


# --- bad input ----------------------------------------------------------------------------


def test_missing_folder_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        read_corpus(tmp_path / "nowhere")


def test_a_file_instead_of_a_folder_is_a_corpus_error(tmp_path: Path, good_text: str) -> None:
    path = _write(tmp_path / "a.txt", good_text)
    with pytest.raises(CorpusError, match="is a file, not a folder"):
        read_corpus(path)


def test_empty_folder_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="holds no readable documents"):
        read_corpus(tmp_path)


BAD_FILES: dict[str, bytes] = {
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "empty.txt": b"",
    "blank.md": b"  \n\t\n   \n",
    "broken.json": b'[{"title": "x", "text": "unterminated',
    "broken.jsonl": b'{"text": oops}\n{"text": "cut short\n',
    "photo.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
    "furniture.txt": b"Subscribe\nSign in\nComments (2)\nLoad More\n",
    "notext.json": b'[{"title": "no body here"}]',
}
BAD_REASONS = {
    "binary.txt": "binary",
    "empty.txt": "empty file",
    "blank.md": "empty after cleaning",
    "broken.json": "malformed JSON",
    "broken.jsonl": "2 lines unreadable, the first: line 1: malformed JSON",
    "photo.jpg": "unsupported extension",
    "furniture.txt": "empty after cleaning",
    "notext.json": "no record with text",
}


def test_bad_files_are_skipped_with_a_warning_and_good_files_loaded(
    tmp_path: Path, good_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    for name, content in BAD_FILES.items():
        _write(tmp_path / name, content)
    _write(tmp_path / "good.txt", good_text)
    with caplog.at_level(logging.WARNING, logger="index.load"):
        result = read_corpus(tmp_path)
    assert [document.id for document in result.documents] == ["good.txt"]
    reasons = {item.path: item.reason for item in result.skipped}
    assert sorted(reasons) == sorted(BAD_FILES)
    for name, expected in BAD_REASONS.items():
        assert expected in reasons[name], name
        assert any(name in record.getMessage() for record in caplog.records if record.levelno == logging.WARNING), name


def test_folder_of_only_bad_files_names_them_in_the_error(tmp_path: Path) -> None:
    for name in ("binary.txt", "empty.txt", "broken.json"):
        _write(tmp_path / name, BAD_FILES[name])
    with pytest.raises(CorpusError, match="no readable documents") as raised:
        read_corpus(tmp_path)
    message = str(raised.value)
    for name in ("binary.txt", "empty.txt", "broken.json"):
        assert name in message
    assert "empty file" in message


def test_load_file_raises_a_specific_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "binary.txt", BAD_FILES["binary.txt"])
    with pytest.raises(UnreadableFileError) as raised:
        load_file(path, tmp_path)
    assert isinstance(raised.value, CorpusError)
    assert raised.value.path == "binary.txt"


def test_unusable_records_are_skipped_and_the_rest_of_the_file_loaded(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    records = [RECORDS[0], {"id": "empty", "text": " "}, "not an object", {"id": "a1", "text": "Same id"}, RECORDS[1]]
    _write(tmp_path / "mixed.jsonl", _jsonl(records))
    with caplog.at_level(logging.WARNING, logger="index.load"):
        result = read_corpus(tmp_path)
    assert [document.id for document in result.documents] == ["mixed.jsonl#a1", "mixed.jsonl#4"]
    assert [item.path for item in result.skipped] == ["mixed.jsonl#empty", "mixed.jsonl#2", "mixed.jsonl#a1"]
    assert "mixed.jsonl#empty" in caplog.text


def test_truncated_gzip_is_skipped(tmp_path: Path, good_text: str) -> None:
    _write(tmp_path / "cut.jsonl.gz", gzip.compress(_jsonl(RECORDS * 50).encode("utf-8"))[:200])
    _write(tmp_path / "good.txt", good_text)
    result = read_corpus(tmp_path)
    assert [document.id for document in result.documents] == ["good.txt"]
    assert [item.path for item in result.skipped] == ["cut.jsonl.gz"]


# --- determinism --------------------------------------------------------------------------


def test_loading_twice_gives_identical_documents(tmp_path: Path, good_text: str) -> None:
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    _write(tmp_path / "batch.jsonl.gz", gzip.compress(_jsonl(RECORDS).encode("utf-8")))
    _write(tmp_path / "page.html", HTML_PAGE)
    _write(tmp_path / "notes.md", good_text)
    first, second = read_corpus(tmp_path), read_corpus(tmp_path)
    assert first == second
    assert [document.model_dump() for document in first.documents] == [
        document.model_dump() for document in second.documents
    ]


def test_content_hash_is_stable_and_follows_the_content(tmp_path: Path, good_text: str) -> None:
    path = _write(tmp_path / "a.txt", good_text)
    before = read_corpus(tmp_path).documents[0].content_hash
    path.write_text(good_text.replace("  ", " ") + "\n\nSubscribe\n", encoding="utf-8")  # furniture only
    assert read_corpus(tmp_path).documents[0].content_hash == before
    path.write_text(good_text + "\n\nA new paragraph.", encoding="utf-8")
    assert read_corpus(tmp_path).documents[0].content_hash != before
