"""index.files: atomic writes, removal of leftovers, and the one writer lock of an index folder (also as updates meet it)."""

import os
import threading

import pytest

from index.errors import IndexLockedError
from index.files import LOCK, WriterLock, remove_tree, write_atomic
from index.manifest import read_manifest
from index.update import add_documents

from conftest import LUNAR, first_update, make_doc

pytestmark = pytest.mark.unit


def test_write_atomic_replaces_the_whole_file_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_bytes(b"old and longer than the new content")
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_remove_tree_takes_files_and_folders_and_ignores_what_is_gone(tmp_path):
    folder = tmp_path / "segment"
    (folder / "lexical").mkdir(parents=True)
    (folder / "lexical" / "vocab.json").write_text("{}")
    single = tmp_path / "manifest.json.123.tmp"
    single.write_text("x")
    remove_tree(folder)
    remove_tree(single)
    remove_tree(tmp_path / "never-there")
    assert list(tmp_path.iterdir()) == []


def test_remove_tree_removes_a_link_to_a_folder_not_the_folder(tmp_path):
    target = tmp_path / "kept"
    target.mkdir()
    (target / "article.txt").write_text("still here")
    link = tmp_path / "link"
    link.symlink_to(target, target_is_directory=True)
    remove_tree(link)
    assert not link.exists() and (target / "article.txt").read_text() == "still here"


def test_a_second_writer_is_refused_with_the_holder_named_until_the_first_leaves(tmp_path):
    with WriterLock(tmp_path / "index"):
        holder = (tmp_path / "index" / LOCK).read_text()
        assert holder.startswith(f"process {os.getpid()} on ")
        with pytest.raises(IndexLockedError, match=f"being updated by process {os.getpid()}"):
            with WriterLock(tmp_path / "index"):
                pass
    assert (tmp_path / "index" / LOCK).read_text() == "", "the holder's name is cleared on release"
    with WriterLock(tmp_path / "index"):
        pass


def test_a_writer_that_waits_still_gives_up_at_its_deadline(tmp_path):
    with WriterLock(tmp_path):
        with pytest.raises(IndexLockedError):
            with WriterLock(tmp_path, wait=0.2):
                pass


def test_a_second_writer_gets_a_clear_error(article_folders, fake_embedder):
    corpus, index = article_folders
    first_update(corpus, index, fake_embedder)
    before = read_manifest(index)
    with WriterLock(index):
        with pytest.raises(IndexLockedError, match="being updated by process"):
            add_documents(index, [make_doc("lunar", LUNAR)], fake_embedder)
    assert read_manifest(index) == before
    add_documents(index, [make_doc("lunar", LUNAR)], fake_embedder)  # the lock is gone with its holder


def test_a_writer_can_wait_for_the_lock(article_folders, fake_embedder):
    corpus, index = article_folders
    first_update(corpus, index, fake_embedder)
    holder = WriterLock(index).__enter__()
    threading.Timer(0.3, holder.__exit__, (None, None, None)).start()
    _, report = add_documents(index, [make_doc("lunar", LUNAR)], fake_embedder, wait=5)
    assert report.added == ["lunar"]
