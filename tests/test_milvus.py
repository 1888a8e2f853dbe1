"""The Milvus backend through the product: the seeds answered as on the default backend, with the same
citations, from an index built by ``QA.from_folder`` and by ``qa index build`` on a Milvus Lite file
the tests start themselves; its collection's settings checked when it is opened."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from index.check import check_index
from index.errors import IndexFormatError
from index.manifest import MANIFEST
from qa.api import QA
from qa.cli import app
from qa.evaluate import contains

from conftest import SEED_QUESTIONS, SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.milvus]


@pytest.fixture(scope="module")
def milvus_qa(tmp_path_factory):
    from index.milvus import close

    qa = QA.from_folder(SEEDS, tmp_path_factory.mktemp("milvus") / "index", backend="milvus")
    yield qa
    close()


def citations(answer) -> list[tuple[str, int, int, str]]:
    return [(c.doc_id, c.start, c.end, c.quote) for c in ([answer.span] if answer.span else []) + answer.citations + answer.closest]


def test_the_seeds_are_answered_as_on_the_default_backend(milvus_qa, seeds_qa):
    for question, answers in SEED_QUESTIONS:
        on_milvus, on_faiss = milvus_qa.ask(question), seeds_qa.ask(question)
        assert (on_milvus.answered, on_milvus.text) == (on_faiss.answered, on_faiss.text), question
        assert citations(on_milvus) == citations(on_faiss), question
        for doc_id, start, end, quote in citations(on_milvus):
            assert milvus_qa.document(doc_id).text[start:end] == quote  # offsets are sacred
        assert contains(on_milvus.text, answers) if answers else not on_milvus.answered, question


def test_the_index_reopens_on_milvus_and_refuses_another_backend(milvus_qa):
    folder = milvus_qa.folder
    reopened = QA.from_folder(SEEDS, folder)  # no backend named: the one it was built on
    assert reopened.index.manifest.backend.name == "milvus" and len(reopened.index) == len(milvus_qa.index)
    with pytest.raises(IndexFormatError, match="--backend faiss"):
        QA.from_folder(SEEDS, folder, backend="faiss")


def test_a_collection_made_with_other_settings_is_refused(milvus_qa):
    folder = milvus_qa.folder
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["chunking"]["size"] = 200
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    try:
        with pytest.raises(IndexFormatError, match=r"made with .*'size': 120.*expects .*'size': 200.*qa index build"):
            QA.open(folder)
    finally:
        manifest["chunking"]["size"] = 120
        (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert len(QA.open(folder).index) == len(milvus_qa.index)


def test_passage_keys_stay_while_their_text_does(milvus_qa):
    index = milvus_qa.index
    pid = int(index.search_lexical("Kishida Yoon Tokyo", 1)[0][0])
    text = "A short note on the weather in Tokyo: rain all week."
    milvus_qa.add_documents([{"id": "note.txt", "title": "Weather", "source": "Desk", "text": text}])
    milvus_qa.remove_documents(["note.txt"])
    assert int(milvus_qa.index.search_lexical("Kishida Yoon Tokyo", 1)[0][0]) == pid
    assert milvus_qa.index.passage(pid) == index.passage(pid)


def test_qa_index_build_on_a_milvus_lite_file(tmp_path):
    from index.milvus import close

    folder, lite = tmp_path / "index", tmp_path / "passages.db"
    result = CliRunner().invoke(app, ["index", "build", str(SEEDS), "--index", str(folder), "--backend", "milvus", "--uri", str(lite)])
    try:
        assert result.exit_code == 0, result.output
        assert "passages in the Milvus collection newsqa" in " ".join(result.output.split()) and lite.exists()
        qa = QA.open(folder)
        assert qa.index.manifest.backend.uri == str(lite) and qa.ask("Where did Kishida and Yoon meet?").text == "Tokyo"
        assert check_index(folder).ok
        qa.index.client.delete(qa.index.collection, filter="start == 0")  # rows lost behind the index's back
        assert any("holds 12 passages" in p for p in check_index(folder).problems)
    finally:
        close()
    bad = CliRunner().invoke(app, ["index", "build", str(SEEDS), "--index", str(tmp_path / "other"), "--uri", str(lite)])
    assert bad.exit_code == 1 and "--backend milvus" in bad.output


def test_a_collection_of_another_index_is_never_replaced(tmp_path):
    from index.milvus import close

    lite = str(tmp_path / "shared.db")
    try:
        first = QA.build(SEEDS, tmp_path / "a", backend="milvus", uri=lite)
        with pytest.raises(IndexFormatError, match="holds the passages of another index.*--collection"):
            QA.build(SEEDS, tmp_path / "b", backend="milvus", uri=lite)
        assert not (tmp_path / "b").exists() and QA.open(tmp_path / "a").ask("Where did Kishida and Yoon meet?").text == "Tokyo"
        QA.build(SEEDS, tmp_path / "b", backend="milvus", uri=lite, collection="other")
        rebuilt = QA.build(SEEDS, tmp_path / "a", backend="milvus", uri=lite)  # its own collection: replaced
        assert rebuilt.index.manifest.backend.index_id != first.index.manifest.backend.index_id
        assert len(QA.open(tmp_path / "b").index) == len(rebuilt.index)
    finally:
        close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def milvus_lite_server(data_dir: Path, port: int):
    """A Milvus Lite server process bound to 127.0.0.1 only, stopped when the block ends."""
    command = [str(Path(sys.executable).parent / "milvus-lite"), "server", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "the Milvus Lite server did not start"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_index_on_a_milvus_server_outlives_a_restart_of_the_server(tmp_path):
    from index.milvus import close

    folder, data, port = tmp_path / "index", tmp_path / "milvus-data", _free_port()
    question = "Where did Kishida and Yoon meet?"
    with milvus_lite_server(data, port) as uri:
        qa = QA.from_folder(SEEDS, folder, backend="milvus", uri=uri, collection="seeds")
        before = qa.ask(question)
        assert before.text == "Tokyo" and qa.index.manifest.backend.uri == uri and not (folder / "milvus.db").exists()
        close(uri)
    with milvus_lite_server(data, port) as uri:  # the same data, a new server: the collection is loaded again
        try:
            again = QA.from_folder(SEEDS, folder)
            assert len(again.index) == len(qa.index) and citations(again.ask(question)) == citations(before)
        finally:
            close(uri)
