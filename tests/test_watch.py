"""index.watch: the folder's signature, and a watch that updates once per change and outlives refusals."""

import os
import threading
import time

import pytest

from index.errors import CorpusError
from index.watch import folder_signature, watch_folder

pytestmark = pytest.mark.unit


def test_the_signature_lists_the_files_an_update_reads_and_moves_with_each_of_them(tmp_path):
    assert folder_signature(tmp_path / "nowhere") == {}
    (tmp_path / "world").mkdir()
    (tmp_path / "world" / "a.txt").write_text("one")
    (tmp_path / ".hidden.txt").write_text("never read")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    first = folder_signature(tmp_path)
    assert list(first) == ["world/a.txt"]
    (tmp_path / "world" / "a.txt").write_text("one, longer")
    assert folder_signature(tmp_path) != first
    (tmp_path / "b.md").write_text("two")
    assert set(folder_signature(tmp_path)) == {"world/a.txt", "b.md"}


def test_the_interval_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="interval must be positive"):
        watch_folder(tmp_path, lambda: None, interval=0)


def _until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def _watching(folder, update):
    stop = threading.Event()
    thread = threading.Thread(target=watch_folder, args=(folder, update), kwargs={"interval": 0.05, "stop": stop}, daemon=True)
    thread.start()
    return stop, thread


def test_an_update_at_the_start_then_one_per_change_and_none_while_nothing_changes(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    calls = []
    stop, thread = _watching(tmp_path, lambda: calls.append(sorted(os.listdir(tmp_path))))
    try:
        assert _until(lambda: len(calls) == 1)
        time.sleep(0.5)  # ten polls of an unchanged folder
        assert calls == [["a.txt"]]
        (tmp_path / "b.txt").write_text("two")
        assert _until(lambda: len(calls) == 2)
        assert calls[1] == ["a.txt", "b.txt"]
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive(), "setting stop ends the watch"


def test_a_refused_update_is_tried_again_after_the_next_change_not_at_every_poll(tmp_path):
    calls = []

    def update():
        calls.append(len(os.listdir(tmp_path)))
        if len(calls) == 1:
            raise CorpusError("nothing readable in the folder")

    stop, thread = _watching(tmp_path, update)
    try:
        assert _until(lambda: len(calls) == 1)
        time.sleep(0.5)
        assert calls == [0], "a refusal it names is not retried until the folder changes"
        (tmp_path / "a.txt").write_text("one")
        assert _until(lambda: len(calls) == 2) and calls[1] == 1
    finally:
        stop.set()
        thread.join(5)
