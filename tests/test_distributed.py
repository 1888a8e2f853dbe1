"""Distributed indexing on Ray: a local Ray cluster the tests start themselves (every server on 127.0.0.1,
no dashboard, no usage reports), two embedding actors, and the same vectors, answers and citations as
a single-process build; shards checkpointed so an interrupted build resumes."""

from __future__ import annotations

import ipaddress
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index.chunk import chunk_spans, index_text
from index.checkpoint import checkpoint_folder
from index.distributed import RayEmbedder
from index.embed import OnnxInt8Embedder
from index.errors import NewsQAError
from index.types import ChunkSettings
from qa.api import QA
from qa.evaluate import contains

from conftest import ROOT, SEED_QUESTIONS, SEEDS, read_corpus

pytestmark = [pytest.mark.slow, pytest.mark.ray]

LOOPBACK = ("127.0.0.1:", "::1:")
TOPICS = ["council", "harbour", "railway", "library", "hospital", "festival", "bridge", "school", "market", "museum"]
PLACES = ["Aldwick", "Brancaster", "Corrie", "Dunmore", "Elsford", "Fenwick"]


def descendants() -> set[int]:
    """Process ids of every process this one started, and theirs."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [os.getpid()]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def listening(pids: set[int]) -> list[str]:
    """The local addresses (IP:port; IPv4 for IPv4-mapped) of the TCP sockets the processes ``pids`` listen on, from /proc."""
    inodes = set()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").glob("*"):
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                address, port = fields[1].split(":")
                packed = bytes.fromhex(address)
                ip = ipaddress.ip_address(b"".join(packed[i : i + 4][::-1] for i in range(0, len(packed), 4)))  # little-endian words
                found.append(f"{getattr(ip, 'ipv4_mapped', None) or ip}:{int(port, 16)}")
    return found


@pytest.fixture(scope="module")
def ray_head(tmp_path_factory):
    """A Ray cluster of this machine alone, 2 CPUs, its address; stopped, with every process it started, afterwards."""
    saved = {k: os.environ.get(k) for k in ("RAY_USAGE_STATS_ENABLED", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "RAY_gcs_server_port_wait_time_s")}
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # no usage reports to Ray's makers
    os.environ["RAY_gcs_server_port_wait_time_s"] = "180"  # on a busy machine the head's first server takes longer than Ray's 30 s to start
    # Local-only mode: the node's address is 127.0.0.1, so Ray's servers listen on loopback only
    # (read when ray is first imported, which nothing before this fixture does).
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    import ray
    import ray.data

    before = descendants()
    # a new cluster, never one found running; its logs and sockets in a temporary folder. Ray waits
    # 30 s (not configurable) for its raylet to register: on a loaded machine that can run out, so twice.
    for attempt in (1, 2):
        try:
            ray.init("local", num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False, _temp_dir=str(tmp_path_factory.mktemp("ray")))
            break
        except Exception as exc:  # Ray raises a bare Exception for it
            ray.shutdown()
            if attempt == 2 or "timed out during startup" not in str(exc):
                raise
    # the actors all started before the first shard is handed out, so that both get work here
    ray.data.DataContext.get_current().wait_for_min_actors_s = 120
    try:
        address = ray.get_runtime_context().gcs_address
        assert address.startswith("127.0.0.1:"), address
        addresses = listening(descendants() - before)
        assert addresses and all(a.startswith(LOOPBACK) for a in addresses), addresses
        yield address
    finally:
        ray.shutdown()
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    deadline = time.monotonic() + 30
    while descendants() - before and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not descendants() - before, "Ray left processes behind"


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    """The seeds and six generated articles."""
    folder = tmp_path_factory.mktemp("news")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder)
    rng = random.Random(19)
    for n, place in enumerate(PLACES):
        sentences = [
            f"The {rng.choice(TOPICS)} in {place} will {rng.choice(['close', 'open', 'reopen', 'expand'])} "
            f"{rng.choice(['next week', 'in March', 'after the repairs', 'this summer'])}, officials said on {rng.choice(['Monday', 'Friday'])}."
            + " Residents" * rng.randint(0, 1)
            + f" {rng.randint(2, 900)} people {rng.choice(['signed a petition', 'attended the meeting', 'wrote to the council'])}."
            for _ in range(30 + 4 * n)
        ]
        (folder / f"{place.lower()}.txt").write_text(f"{place} news\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def passages(news) -> list[str]:
    """The texts a build of ``news`` embeds, in order."""
    chunking = ChunkSettings()
    return [index_text(doc, s, e) for doc in read_corpus(news).documents for s, e in chunk_spans(doc, size=chunking.size, overlap=chunking.overlap)]


def test_two_actors_embed_the_shards_as_one_process_does(ray_head, passages, embedder, tmp_path):
    on_ray = RayEmbedder(embedder, tmp_path, ray_head, actors=2, shard_size=8)
    vectors = on_ray.embed(passages)
    bounds = on_ray.bounds(len(passages))
    assert len(bounds) >= 4 and len(on_ray.workers) == 2  # both actors had work
    alone = np.concatenate([embedder.embed(passages[start:end]) for start, end in bounds])
    assert np.array_equal(vectors, alone)  # bit for bit: each shard is one embed call, wherever it runs
    assert on_ray.embedded == len(passages) and len(list(on_ray.folder.glob("shard-*.npy"))) == len(bounds)

    # interrupted: a shard missing (never written) is embedded again, the others are read back
    lost = sorted(on_ray.folder.glob("shard-*.npy"))[1]
    lost.unlink()
    resumed = RayEmbedder(embedder, tmp_path, ray_head, actors=2, shard_size=8)
    assert np.array_equal(resumed.embed(passages), vectors)
    assert resumed.embedded == bounds[1][1] - bounds[1][0] and resumed.loaded == len(passages) - resumed.embedded

    # all there: the cluster is not asked at all
    offline = RayEmbedder(embedder, tmp_path, "127.0.0.1:1", shard_size=8)
    assert np.array_equal(offline.embed(passages), vectors) and offline.embedded == 0


def test_workers_with_another_model_are_refused(ray_head, passages, embedder, tmp_path):
    class OtherRecipe:  # the driver's model as another version of newsqa would name it
        name, dim, revision = embedder.name, embedder.dim, "recipe-other"

    with pytest.raises(NewsQAError, match="install the same version of newsqa"):
        RayEmbedder(OtherRecipe(), tmp_path, ray_head, shard_size=8).embed(passages[:8])
    assert not list(tmp_path.rglob("shard-*.npy"))


def test_shards_aligned_with_the_tokenizing_window_give_the_vectors_of_one_call(embedder, passages, monkeypatch, tmp_path):
    """Why a Ray build equals a single-process one: a shard is cut where one call over every text starts a
    new window anyway, and a short remainder joins the shard before it; the windows are made small here."""
    monkeypatch.setattr(OnnxInt8Embedder, "WINDOW", 16)
    monkeypatch.setattr(OnnxInt8Embedder, "ALONE_UP_TO", 4)
    # a remainder of 3 texts, two of one length: one call batches those two together, a call of their own would not
    texts = passages[:32] + ["The harbour will close on Monday.", "The library will open on Friday.", "The museum will reopen in March."]
    sharding = RayEmbedder(embedder, tmp_path, "auto")
    assert sharding.shard_size == 16 and sharding.bounds(len(texts)) == [(0, 16), (16, 35)]
    one_call = embedder.embed(texts)
    assert np.array_equal(np.concatenate([embedder.embed(texts[:16]), embedder.embed(texts[16:])]), one_call)
    assert not np.array_equal(embedder.embed(texts[32:]), one_call[32:])  # what joining the remainder avoids
    assert not np.array_equal(embedder.embed(texts[8:24]), one_call[8:24])  # and cutting elsewhere than the windows


def vectors_of(qa: QA) -> dict[str, np.ndarray]:
    return {doc_id: qa.index.part(doc_id)[1] for doc_id in qa.index.manifest.documents}


def citations(answer) -> list[tuple[str, int, int, str]]:
    return [(c.doc_id, c.start, c.end, c.quote) for c in ([answer.span] if answer.span else []) + answer.citations + answer.closest]


def test_a_ray_build_answers_as_a_single_process_build(ray_head, news, tmp_path):
    alone = QA.build(news, tmp_path / "alone")
    on_ray = QA.build(news, tmp_path / "ray", ray_address=ray_head, ray_actors=2)
    assert (checkpoint_folder(tmp_path / "ray")).is_dir()
    expected, got = vectors_of(alone), vectors_of(on_ray)
    assert expected.keys() == got.keys() and all(np.array_equal(got[d], expected[d]) for d in expected)
    for question, answers in SEED_QUESTIONS:
        a, b = alone.ask(question), on_ray.ask(question)
        assert (b.answered, b.text) == (a.answered, a.text), question
        assert citations(b) == citations(a), question
        assert all(on_ray.document(doc_id).text[start:end] == quote for doc_id, start, end, quote in citations(b))
        assert contains(b.text, answers) if answers else not b.answered, question


def test_a_build_that_failed_after_embedding_resumes_from_its_shards(ray_head, news, embedder, tmp_path, monkeypatch):
    from index.corpus_index import CorpusIndex
    from index.distributed import on_ray
    from index.update import update_from_folder

    def disk_full(*args, **kwargs):
        raise OSError("disk full")

    folder = tmp_path / "index"
    monkeypatch.setattr(CorpusIndex, "commit", disk_full)
    first = on_ray(embedder, folder, ray_head)
    with pytest.raises(OSError, match="disk full"):
        update_from_folder(folder, news, first, rebuild=True)
    assert not folder.exists() and first.embedded > 0  # the index folder is gone, the shards are not
    monkeypatch.undo()
    again = on_ray(embedder, folder, ray_head)
    index, report = update_from_folder(folder, news, again, rebuild=True)
    assert again.embedded == 0 and again.loaded == first.embedded == report.passages_embedded == len(index)


@pytest.mark.milvus
def test_qa_index_build_on_ray_into_milvus(ray_head, news, tmp_path):
    """The command line, as a second Ray client of the running head, writing to a Milvus Lite file."""
    from index.milvus import close

    folder = tmp_path / "index"
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    command = [str(Path(sys.executable).with_name("qa")), "index", "build", str(news), "--index", str(folder),
               "--backend", "milvus", "--uri", str(tmp_path / "passages.db"), "--ray", ray_head, "--actors", "2"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert re.search(r"embedded \d+ passages on 1 Ray actor, 0 taken from the shards", done.stdout), done.stdout  # one shard: one actor
    try:
        on_milvus = QA.open(folder)
        alone = QA.build(news, tmp_path / "alone")
        assert on_milvus.index.manifest.backend.name == "milvus"
        expected, got = vectors_of(alone), vectors_of(on_milvus)
        assert expected.keys() == got.keys() and all(np.array_equal(got[d], expected[d]) for d in expected)
    finally:
        close()


def test_bad_ray_options_are_refused(tmp_path):
    from typer.testing import CliRunner

    from qa.cli import app

    result = CliRunner().invoke(app, ["index", "build", str(SEEDS), "--index", str(tmp_path / "i"), "--actors", "2"])
    assert result.exit_code == 1 and "--actors goes with --ray" in result.output
    with pytest.raises(ValueError, match="Ray address"):
        RayEmbedder(OnnxInt8Embedder(), tmp_path, " ")
    # nothing listens there: refused at once, where Ray itself would retry for minutes
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    command = [str(Path(sys.executable).with_name("qa")), "index", "build", str(SEEDS), "--index", str(tmp_path / "i"), "--ray", "127.0.0.1:1"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 1 and "cannot reach the Ray cluster at 127.0.0.1:1" in done.stderr, done.stderr[-2000:]
    assert not (tmp_path / "i").exists()
