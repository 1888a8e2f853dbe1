"""A process that updates an index step after step until it is killed; and the loop that kills it.

    python -m bench.crash_driver INDEX_DIR FIRST_STEP

Step ``i`` turns the index from state ``i - 1`` into state ``i`` (a deterministic function of
``i``): it adds three documents, changes one, removes the three added four steps earlier,
and every seventh step rewrites the whole index instead (``CorpusIndex.save``). Merges
happen on the way. After each committed step the driver prints the step number.

``kill_loop`` starts the driver, kills it with SIGKILL at a random moment, and checks that
the index opens, passes the consistency check and is in the state before or after the step
that was running. It is shared by bench/crash.py and tests/test_crash.py.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _text(step: int, j: int, version: int = 0) -> str:
    words = " ".join(f"w{(step * 31 + j * 7 + k * (version + 1)) % 97}" for k in range(20 + j * 9))
    return f"Article {step}-{j} v{version}\n\nStep {step} item {j} version {version} says {words}."


def state(step: int) -> dict[str, str]:
    """The documents (id -> text) the index holds after ``step``."""
    docs: dict[str, str] = {}
    for i in range(step + 1):
        for j in range(3):
            docs[f"s{i}-{j}"] = _text(i, j)
        if i >= 4:
            for j in range(3):
                docs.pop(f"s{i - 4}-{j}", None)
        changed = f"s{max(i - 1, 0)}-1"
        if changed in docs:
            docs[changed] = _text(max(i - 1, 0), 1, version=i)
    return docs


def _document(doc_id: str, text: str):  # noqa: ANN202
    from index.clean import content_hash
    from index.types import Document

    return Document(id=doc_id, title=text.split("\n")[0], source=doc_id, text=text, content_hash=content_hash(text))


def run_driver(index_dir: Path, first: int) -> None:
    from bench.fake_embedder import FakeEmbedder
    from index.types import ChunkSettings
    from index.update import build_index, save_index, write_update

    embedder = FakeEmbedder()
    chunking = ChunkSettings(size=16, overlap=4)
    print("ready", flush=True)
    step = first
    while True:
        target = state(step)
        if step % 7 == 0:
            save_index(build_index([_document(d, t) for d, t in target.items()], embedder, chunking), index_dir)
        else:
            before = state(step - 1)
            upserts = [_document(d, t) for d, t in target.items() if before.get(d) != t]
            removals = [d for d in before if d not in target]
            write_update(index_dir, lambda current: (upserts, removals, None, 0), embedder)
        print(step, flush=True)
        step += 1


def index_state(index_dir: Path) -> dict[str, str]:
    """The documents (id -> text) an index folder holds, opened as any reader would."""
    from index.corpus_index import CorpusIndex

    index = CorpusIndex.open(index_dir)
    return {doc_id: doc.text for doc_id, doc in index.documents.items()}


def kill_loop(index_dir: Path, kills: int, seed: int = 0, max_delay: float = 0.6, log=print) -> dict[str, int]:  # noqa: ANN001
    """Kill the driver ``kills`` times at random moments; after each kill the index must be whole and old-or-new."""
    from index.check import check_index

    rng = random.Random(seed)
    done = -1  # the last step known committed; -1: no index yet
    outcomes = {"before": 0, "after": 0, "no index yet": 0, "steps": 0, "left garbage": 0}
    alive = 0.0  # seconds the drivers ran after "ready": with the steps they made, how long a step takes here
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    for n in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.crash_driver", str(index_dir), str(done + 1)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True, bufsize=1,
        )
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        step_seconds = alive / outcomes["steps"] if outcomes["steps"] else 0.0
        delay = rng.uniform(0, max(max_delay, 2.5 * step_seconds))  # a loaded machine gets longer windows
        time.sleep(delay)
        alive += delay
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        printed = [int(line) for line in out.split()]
        assert proc.returncode == -signal.SIGKILL, f"the driver died by itself: {err}"
        last = printed[-1] if printed else done
        outcomes["steps"] += last - done
        if last < 0 and not (index_dir / "manifest.json").exists():
            outcomes["no index yet"] += 1
            continue
        report = check_index(index_dir)
        assert report.ok, f"kill {n}: the index fails the check: {report.problems}"
        outcomes["left garbage"] += bool(report.notes)  # killed in the middle of writing: cleaned by the next writer
        found = index_state(index_dir)
        if found == state(last):
            outcomes["before"] += 1
            done = last
        elif found == state(last + 1):
            outcomes["after"] += 1  # committed, killed before it could say so
            done = last + 1
        else:
            raise AssertionError(f"kill {n}: the index is neither state {last} nor {last + 1}")
        log(f"kill {n + 1}/{kills}: after step {done}, {len(found)} documents, check ok")
    return outcomes


if __name__ == "__main__":
    run_driver(Path(sys.argv[1]), int(sys.argv[2]))
