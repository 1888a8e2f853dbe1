"""Updating while answering: threads querying during updates, following another writer, watching a folder, a live server."""

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index.clean import content_hash
from index.corpus_index import CorpusIndex
from index.types import ChunkSettings
from index.types import Document
from index.update import add_documents, build_index, save_index, update_from_folder, write_update
from qa.api import QA

ROOT = Path(__file__).resolve().parent.parent
DOCS_PER_VERSION = 4
LUNAR = "Lunar base\n\nThe zanzibarite lunar base opened on Tuesday near the south pole of the Moon."


def _doc(doc_id, text):
    return Document(id=doc_id, title=text.split("\n")[0], source=doc_id, text=text, content_hash=content_hash(text))


def _version(n):
    """DOCS_PER_VERSION documents, all saying which version they belong to."""
    return [
        _doc(f"v{n}-{k}", f"Report {k}\n\nThe marker of this report is version{n}. Report {k} of version{n} has words {k} and {n}.")
        for k in range(DOCS_PER_VERSION)
    ]


def _wait_for(condition, timeout=20.0, every=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def test_queries_in_threads_never_fail_nor_see_half_an_update(tmp_path, fake_embedder):
    """Each sync replaces every document by those of the next version: a reader sees one version, whole."""
    corpus, folder = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()

    def write_version(n):
        for path in corpus.iterdir():
            path.unlink()
        for doc in _version(n):
            (corpus / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")

    write_version(0)
    index, _ = update_from_folder(folder, corpus, fake_embedder, chunking=ChunkSettings(size=40, overlap=5))
    qa = QA(index, fake_embedder, folder)
    stop, failures, seen, asked = threading.Event(), [], set(), [0]

    def ask_forever():
        while not stop.is_set():
            try:
                hits = qa.search("marker report version", k=50)
                versions = {re.search(r"version(\d+)", h.passage.text).group(1) for h in hits}
                documents = {h.passage.doc_id for h in hits}
                if len(versions) != 1 or len(documents) != DOCS_PER_VERSION:
                    failures.append(f"saw versions {versions} in {len(documents)} documents")
                seen.update(versions)
                answer = qa.ask("What is the marker of this report?")
                quotes = [c.quote for c in answer.citations + answer.closest]
                if len({v for q in quotes for v in re.findall(r"version(\d+)", q)}) > 1:
                    failures.append(f"an answer quotes two versions: {quotes}")
                asked[0] += 1
            except Exception as exc:  # noqa: BLE001 - any exception is a failure
                failures.append(repr(exc))

    threads = [threading.Thread(target=ask_forever) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for n in range(1, 21):
            write_version(n)
            report = qa.update_from_folder(corpus)
            assert len(report.added) == len(report.removed) == DOCS_PER_VERSION
            time.sleep(0.01)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert failures == [], failures[:3]
    assert asked[0] > 20 and len(seen) > 3, f"{asked[0]} questions saw versions {sorted(seen)}"
    assert seen <= {str(n) for n in range(21)}


def test_a_running_qa_follows_another_writer_without_restart(tmp_path, fake_embedder):
    folder = tmp_path / "idx"
    save_index(build_index(_version(0), fake_embedder), folder)
    qa = QA(CorpusIndex.open(folder), fake_embedder, folder)
    qa.FOLLOW_SECONDS = 0.05
    old_segments = set(map(id, qa.index.segments))
    add_documents(folder, [_doc("lunar", LUNAR)], fake_embedder)  # as another process would

    def served():
        qa.ask("When did the zanzibarite lunar base open?")  # asking is what notices the new version
        return any(h.passage.doc_id == "lunar" for h in qa.search("zanzibarite lunar base", 3))

    assert _wait_for(served, timeout=10)
    assert old_segments & set(map(id, qa.index.segments)), "unchanged segments are shared, not read again"


def test_watch_follows_files_appearing_changing_and_disappearing(tmp_path, fake_embedder):
    corpus, folder = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    (corpus / "tides.txt").write_text("Ocean tides\n\nTides are caused by the Moon.", encoding="utf-8")
    index, _ = update_from_folder(folder, corpus, fake_embedder)
    qa = QA(index, fake_embedder, folder)
    reports = []
    stop = qa.start_watching(corpus, interval=0.05, on_update=reports.append)
    try:
        (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")
        assert _wait_for(lambda: "lunar.txt" in qa.index.documents)
        assert qa.search("zanzibarite", 1)[0].passage.doc_id == "lunar.txt"
        (corpus / "lunar.txt").write_text(LUNAR.replace("Tuesday", "Friday"), encoding="utf-8")
        assert _wait_for(lambda: "Friday" in qa.index.documents["lunar.txt"].text)
        (corpus / "lunar.txt").unlink()
        assert _wait_for(lambda: "lunar.txt" not in qa.index.documents)
        assert all(h.passage.doc_id != "lunar.txt" for h in qa.search("zanzibarite lunar base", 5))
        assert _wait_for(lambda: len(reports) >= 3)  # each report arrives just after its version is served
    finally:
        stop.set()
    events = [(kind, doc_id) for r in reports for kind in ("added", "changed", "removed") for doc_id in getattr(r, kind)]
    assert events == [("added", "lunar.txt"), ("changed", "lunar.txt"), ("removed", "lunar.txt")]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_a_started_server_answers_about_a_document_added_after_it_started(tmp_path):
    """`qa serve --corpus C --watch`: a file dropped into C is answered from, without a restart."""
    gradio_client = pytest.importorskip("gradio_client")
    corpus, folder, port = tmp_path / "corpus", tmp_path / "idx", _free_port()
    shutil.copytree(ROOT / "seeds", corpus)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "NO_PROXY": "127.0.0.1,localhost"}
    server = subprocess.Popen(
        [sys.executable, "-m", "qa.cli", "serve", "--corpus", str(corpus), "--index", str(folder), "--port", str(port), "--watch", "0.5"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT,
    )
    try:
        client = None

        def started():
            nonlocal client
            assert server.poll() is None, server.stderr.read().decode()
            try:
                client = gradio_client.Client(f"http://127.0.0.1:{port}/", verbose=False)
                return True
            except Exception:  # noqa: BLE001 - not listening yet
                return False

        assert _wait_for(started, timeout=240, every=1), "the server did not start"
        question = "When did the zanzibarite lunar base open?"
        before = client.predict(question, None, api_name="/ask")
        assert not (before["answered"] and "Tuesday" in before["text"])
        (corpus / "lunar.txt").write_text(LUNAR, encoding="utf-8")

        def answered():
            answer = client.predict(question, None, api_name="/ask")
            return answer["answered"] and answer["text"] == "Tuesday" and answer["span"]["doc_id"] == "lunar.txt"

        assert _wait_for(answered, timeout=120, every=1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_opening_the_folder_while_a_writer_merges_and_retires_segments(tmp_path, fake_embedder):
    """A reader that reads the manifest just before a writer deletes the segments it lists tries again."""
    folder = tmp_path / "idx"
    save_index(build_index(_version(0), fake_embedder), folder)
    stop, failures, opened = threading.Event(), [], [0]

    def open_forever():
        while not stop.is_set():
            try:
                index = CorpusIndex.open(folder)
                versions = {re.search(r"version(\d+)", d.text).group(1) for d in index.documents.values()}
                if len(versions) != 1 or len(index.documents) != DOCS_PER_VERSION:
                    failures.append(f"opened versions {versions}")
                opened[0] += 1
            except Exception as exc:  # noqa: BLE001
                failures.append(repr(exc))

    threads = [threading.Thread(target=open_forever) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        current = None
        for n in range(1, 25):
            current, _ = write_update(folder, lambda c, n=n: (_version(n), [d.id for d in _version(n - 1)], None, 0), fake_embedder, base=current)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert failures == [], failures[:3]
    assert opened[0] > 10
