"""ui.upload: only allowed, readable, reasonably sized files with plain names reach the corpus, all or none."""

from __future__ import annotations

import pytest

from ui import upload
from ui.upload import UploadError, safe_name, save_files, validate_files

pytestmark = pytest.mark.unit

ARTICLE = "Varnholm opens its new bridge\n\nThe town of Varnholm opened a bridge that cost 12 million euros.\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "old.txt").write_text("Old news\n\nSomething happened somewhere on Monday.\n")
    return folder


@pytest.fixture
def incoming(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder


def put(folder, name, data):
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("story.txt", "story.txt"),
        ("Story One.MD", "Story_One.md"),
        ("../../etc/evil.txt", "evil.txt"),
        ("..\\..\\windows\\evil.html", "evil.html"),
        ("/abs/path/x.htm", "x.htm"),
        (".hidden.txt", "hidden.txt"),
        ("a/../../b.txt", "b.txt"),
        ("rapport-été.txt", "rapport-_t.txt"),
        ("<script>.txt", "script.txt"),
    ],
)
def test_safe_name_keeps_a_plain_base_name(given, expected):
    assert safe_name(given) == expected


@pytest.mark.parametrize("given", ["x.exe", "x.txt.sh", "x", "x.json", "x.jsonl.gz", "...txt", ".txt", "../.txt", "x.pdf"])
def test_safe_name_refuses_other_types_and_empty_names(given):
    with pytest.raises(UploadError):
        safe_name(given)


def test_valid_files_are_saved_and_read_back(corpus, incoming):
    files = [put(incoming, "bridge.txt", ARTICLE), put(incoming, "page.html", "<html><head><title>Page</title></head><body><article><p>" + "A long enough paragraph of news text about the harbour. " * 5 + "</p></article></body></html>")]
    staged = validate_files(files, corpus)
    assert [s.name for s in staged] == ["bridge.txt", "page.html"]
    written = save_files(staged, corpus)
    assert sorted(p.name for p in corpus.iterdir()) == ["bridge.txt", "old.txt", "page.html"]
    assert (corpus / "bridge.txt").read_text() == ARTICLE
    assert all(p.parent == corpus.resolve() for p in written)


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("empty.txt", "", "empty"),
        ("binary.txt", b"\x00\x01\x02binary", "binary"),
        ("script.sh", "echo hi", "only"),
    ],
)
def test_unusable_files_are_refused_and_nothing_is_written(corpus, incoming, name, data, why):
    before = sorted(p.name for p in corpus.iterdir())
    files = [put(incoming, "good.txt", ARTICLE), put(incoming, name, data)]
    with pytest.raises(UploadError, match=why):
        validate_files(files, corpus)
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_too_large_is_refused(corpus, incoming, monkeypatch):
    monkeypatch.setattr(upload, "MAX_FILE_BYTES", 100)
    with pytest.raises(UploadError, match="limit"):
        validate_files([put(incoming, "big.txt", ARTICLE * 5)], corpus)


def test_existing_names_duplicates_and_same_text_are_refused(corpus, incoming):
    with pytest.raises(UploadError, match="already in the corpus"):
        validate_files([put(incoming, "OLD.txt", ARTICLE)], corpus)
    first = put(incoming, "a.txt", ARTICLE)
    with pytest.raises(UploadError, match="twice"):
        validate_files([first, first], corpus, names=["a.txt", "a.txt"])
    staged = validate_files([first], corpus)
    with pytest.raises(UploadError, match="already indexed as old.txt"):
        validate_files([first], corpus, indexed={staged[0].content_hash: "old.txt"})
    with pytest.raises(UploadError, match="already indexed as a.txt"):
        validate_files([first, put(incoming, "b.txt", ARTICLE)], corpus)


def test_too_many_files_or_none(corpus, incoming):
    with pytest.raises(UploadError, match="choose"):
        validate_files([], corpus)
    with pytest.raises(UploadError, match="limit"):
        validate_files([put(incoming, f"f{i}.txt", ARTICLE + str(i)) for i in range(upload.MAX_FILES + 1)], corpus)


def test_save_is_all_or_nothing(corpus, incoming):
    staged = validate_files([put(incoming, "one.txt", ARTICLE), put(incoming, "two.txt", ARTICLE + "More.\n")], corpus)
    (corpus / "two.txt").write_text("appeared meanwhile")  # a race the check could not see
    with pytest.raises(UploadError, match="already in the corpus"):
        save_files(staged, corpus)
    assert sorted(p.name for p in corpus.iterdir()) == ["old.txt", "two.txt"]
    assert (corpus / "two.txt").read_text() == "appeared meanwhile"
