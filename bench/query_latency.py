"""Query latency against index size, with and without answer extraction, and the memory of a loaded index.

    .venv/bin/python bench/query_latency.py INDEX [INDEX ...]            # e.g. the folders kept by bench/indexing.py --save
    .venv/bin/python bench/query_latency.py ../bench-indexes/* --questions 100

Each index is measured in a fresh Python process: resident memory before and after
``QA.open`` (the loaded index, models excluded: they are loaded first), then for each of
``--questions`` RealTimeQA dev questions, one at a time as a user asks them: the FAISS
search alone, retrieval (question embedding, FAISS, BM25, fusion), and ``QA.ask``
(retrieval plus answer extraction by the default extractor, the reader), as of the question's date.
Prints p50/p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

QUESTIONS = Path("../shared/eval/realtimeqa/questions_dev.jsonl")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(index: Path, questions: list[tuple[str, str | None]]) -> dict:
    from index.embed import get_embedder
    from index.manifest import read_manifest
    from qa.api import QA
    from qa.extract import extract_answers
    from qa.reader import load_reader

    manifest = read_manifest(index)
    embedder = get_embedder(manifest.embedder.name)
    embedder.embed(["warm up"])
    extract_answers("warm up", [], embedder)
    load_reader().read("warm up", ["warm up"])
    before = rss_mb()
    start = time.perf_counter()
    qa = QA.open(index)
    load = time.perf_counter() - start
    after = rss_mb()
    qa.ask(questions[0][0])  # first-call costs outside the clock
    dense, retrieve, ask = [], [], []
    for q, day in questions:
        vector = embedder.embed([q])
        start = time.perf_counter()
        qa.index.dense.search(vector, qa.retriever.depth)
        dense.append(time.perf_counter() - start)
        start = time.perf_counter()
        qa.search(q, 10, as_of=day)
        retrieve.append(time.perf_counter() - start)
        start = time.perf_counter()
        qa.ask(q, as_of=day)
        ask.append(time.perf_counter() - start)
    ms = lambda xs, p: float(np.percentile(xs, p) * 1000)  # noqa: E731
    return {
        "index": str(index), "embedder": manifest.embedder.name, "passages": len(qa.index), "load_s": load,
        "index_rss_mb": after - before,
        "faiss_p50": ms(dense, 50), "faiss_p95": ms(dense, 95),
        "retrieve_p50": ms(retrieve, 50), "retrieve_p95": ms(retrieve, 95),
        "ask_p50": ms(ask, 50), "ask_p95": ms(ask, 95),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("indexes", nargs="*", type=Path)
    parser.add_argument("--questions-file", type=Path, default=QUESTIONS)
    parser.add_argument("--questions", type=int, default=50, help="how many questions (spread over the file)")
    parser.add_argument("--json", type=Path, help="also write the rows here as JSON")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.questions_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(rows) // args.questions)
    questions = [(r["question"], r.get("date")) for r in rows[::step][: args.questions]]  # asked as of their day, as qa eval does
    if args.child:
        print(json.dumps(child(args.child, questions)))
        return
    print(f"{len(questions)} questions from {args.questions_file.name}, one at a time; milliseconds")
    print(f"{'passages':>8} {'embedder':<40} {'load s':>6} {'RSS MB':>7} {'faiss p50/p95':>14} {'retrieve p50/p95':>17} {'ask p50/p95':>13}")
    results = []
    for index in args.indexes:
        command = [sys.executable, __file__, "--child", str(index), "--questions-file", str(args.questions_file), "--questions", str(args.questions)]
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
        if done.returncode != 0:
            print(f"{index}: failed (exit {done.returncode})", file=sys.stderr)
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(r)
        print(
            f"{r['passages']:>8} {r['embedder']:<40} {r['load_s']:6.1f} {r['index_rss_mb']:7.0f} {r['faiss_p50']:6.1f} /{r['faiss_p95']:6.1f}"
            f" {r['retrieve_p50']:7.0f} /{r['retrieve_p95']:7.0f} {r['ask_p50']:5.0f} /{r['ask_p95']:5.0f}",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
