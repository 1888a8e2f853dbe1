"""Incremental updates against full rebuilds, on RealTimeQA news articles.

    python bench/update.py [CORPUS.jsonl.gz] [--sizes 10000 100000] [--adds 10] [--churn 200]

For each index size (in passages) it builds an index of the first RealTimeQA articles, then:

* adds single new articles one by one with the real model (all-MiniLM-L6-v2), timing each
  add end to end (chunk, embed, segment, fsync, manifest switch, any merge it triggers);
* compares with a full rebuild of the same index: chunking, BM25 and writing measured, plus
  embedding every passage at the real model's speed measured in this run.

Synthetic: to keep the run short, the bulk of each index gets pseudo-random unit vectors
(one per passage, seeded by its text) instead of model embeddings; texts, passages and
BM25 postings are real. Only the added articles are embedded with the real model, and the
rebuild's embedding time is extrapolated from the model's measured passages per second.

Then, on the smallest size: delete-heavy churn (each round removes 5 articles and adds 5,
synthetic vectors), and how per-segment BM25 ranks compared with one merged BM25.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

from index.chunk import chunk
from index.clean import clean_text, content_hash
from index.corpus_index import CorpusIndex
from index.embed import get_embedder
from index.lexical import search_segments
from index.types import ChunkSettings, Document
from index.update import add_documents, apply_changes, build_index, save_index, write_update

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "realtimeqa" / "corpus.jsonl.gz"


class SyntheticEmbedder:
    """Pseudo-random unit vectors seeded by the text, under the real model's name and dimension (bulk only)."""

    def __init__(self, name: str, dim: int) -> None:
        self.name, self.dim = name, dim

    def embed(self, texts, batch_size: int = 64, progress: bool = False) -> np.ndarray:  # noqa: ANN001
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = np.random.default_rng(zlib.crc32(text.encode())).standard_normal(self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def read_articles(path: Path, passages_wanted: int, chunking: ChunkSettings) -> tuple[list[Document], list[Document]]:
    """Articles from the start of the file until ``passages_wanted`` passages, and the next 200 (to add)."""
    docs, extra, total = [], [], 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = clean_text(record.get("text") or "")
            if not text.strip():
                continue
            title = (record.get("title") or "").strip()
            body = f"{title}\n\n{text}" if title else text
            doc = Document(id=record["id"], title=title or body[:60], source=record.get("url") or record["id"], text=body, content_hash=content_hash(body))
            if total < passages_wanted:
                docs.append(doc)
                total += len(chunk(doc, chunking.size, chunking.overlap))
            else:
                extra.append(doc)
                if len(extra) == 200:
                    break
    return docs, extra


def timed(fn):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def query_latency(index: CorpusIndex, queries: list[str], vectors: np.ndarray) -> float:
    start = time.perf_counter()
    for q, v in zip(queries, vectors):
        index.dense.search(v[None, :], 50)
        index.lexical.search(q, 50)
    return (time.perf_counter() - start) / len(queries) * 1000


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--questions", type=Path, default=None, help="RealTimeQA questions for the ranking comparison")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="index sizes, in passages")
    parser.add_argument("--adds", type=int, default=10, help="single-article adds timed per size")
    parser.add_argument("--churn", type=int, default=200, help="rounds of delete-heavy churn")
    args = parser.parse_args()
    chunking = ChunkSettings()
    model = get_embedder()
    synthetic = SyntheticEmbedder(model.name, model.dim)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (figures are wall-clock, shared machine)")

    sample_docs, _ = read_articles(args.corpus, 600, chunking)
    sample = [p.text for d in sample_docs for p in chunk(d, chunking.size, chunking.overlap)][:256]
    _, load_seconds = timed(lambda: model.embed(sample[:8]))
    _, seconds = timed(lambda: model.embed(sample))
    rate = len(sample) / seconds
    print(f"real model: loaded in {load_seconds:.1f} s, embeds {rate:.0f} passages/s (measured on {len(sample)} passages)\n")

    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-update-"))
    smallest = None
    try:
        for size in args.sizes:
            docs, extra = read_articles(args.corpus, size, chunking)
            folder = tmp / f"idx-{size}"
            index, build_seconds = timed(lambda: build_index(docs, synthetic, chunking))
            _, save_seconds = timed(lambda: save_index(index, folder))
            index = CorpusIndex.open(folder)
            n = len(index)
            queries = [d.title for d in extra[100:150]]
            vectors = model.embed(queries)
            latency_before = query_latency(index, queries, vectors)
            rebuild_measured = build_seconds + save_seconds  # includes synthetic vectors, a negligible part
            rebuild_total = rebuild_measured + n / rate
            adds, merged, index_part = [], 0, []
            for doc in extra[: args.adds]:
                (index, report), seconds = timed(lambda: add_documents(folder, [doc], model, base=index))
                adds.append(seconds)
                merged += report.segments_merged > 0
            for doc in extra[args.adds : 2 * args.adds]:  # the same without the model: what the index itself costs
                (index, report), seconds = timed(lambda: add_documents(folder, [doc], synthetic, base=index))
                index_part.append(seconds)
            latency = f"{latency_before:.0f} / {query_latency(index, queries, vectors):.0f}"
            manifest_kb = (folder / "manifest.json").stat().st_size / 1000
            rows.append((size, n, len(docs), rebuild_measured, rebuild_total, adds, index_part, merged, len(index.segments), latency, manifest_kb))
            if smallest is None:
                smallest = (folder, docs, extra, queries, vectors)
        print("adding one article (real model) vs a full rebuild")
        print(f"{'passages':>9} {'articles':>8} {'rebuild w/o embed':>18} {'rebuild total':>14} {'add median':>11} {'add max':>8} "
              f"{'ratio median':>13} {'ratio max':>10} {'index part median/max':>22} {'merges':>7} {'segments':>8} {'query ms before/after':>22} {'manifest':>9}")
        for size, n, n_docs, measured, total, adds, index_part, merged, segments, latency, manifest_kb in rows:
            med, worst = statistics.median(adds), max(adds)
            part = f"{statistics.median(index_part):.2f} / {max(index_part):.2f} s"
            print(f"{n:>9} {n_docs:>8} {measured:>16.1f} s {total:>12.0f} s {med:>9.2f} s {worst:>6.2f} s "
                  f"{med / total:>13.5f} {worst / total:>10.5f} {part:>22} {merged:>4}/{len(adds):<2} {segments:>8} {latency:>22} {manifest_kb:>6.0f} kB")
        print("rebuild total = measured chunk + BM25 + write, plus embedding every passage at the measured model speed;")
        print("add = one article end to end with the real model; index part = the same for other articles with synthetic vectors;")
        print("query = one dense + one BM25 search (top 50), before the adds (one segment) and after them\n")

        folder, docs, extra, queries, vectors = smallest
        if args.churn:
            churn(folder, docs, extra, synthetic, args.churn, queries, vectors, rows[0][3])
        ranking(docs, synthetic, chunking, args.questions or args.corpus.with_name("questions_dev.jsonl"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def churn(folder: Path, docs: list[Document], extra: list[Document], embedder, rounds: int, queries, vectors, rebuild: float) -> None:  # noqa: ANN001
    """Each round removes 5 indexed articles and adds 5 (new ones, or earlier removed ones back), in one commit."""
    index = CorpusIndex.open(folder)
    rng = np.random.default_rng(0)
    pool = list(extra[40:])
    before_ms = query_latency(index, queries, vectors)
    times, merges, max_dead, max_segments = [], 0, 0.0, 0
    start = time.perf_counter()
    for _ in range(rounds):
        ids = list(index.documents)
        out = [ids[i] for i in rng.choice(len(ids), 5, replace=False)]
        add = [pool.pop(0) for _ in range(5)]
        pool.extend(index.documents[d] for d in out)
        (index, report), seconds = timed(lambda: write_update(folder, lambda current: (add, out, None, 0), embedder, base=index))
        times.append(seconds)
        merges += report.segments_merged > 0
        max_dead = max(max_dead, index.dead / (len(index) + index.dead))
        max_segments = max(max_segments, len(index.segments))
    total = time.perf_counter() - start
    times.sort()
    print(f"delete-heavy churn on {len(index)} passages: {rounds} rounds of -5/+5 articles (synthetic vectors: index cost only)")
    print(f"  per round: median {statistics.median(times) * 1000:.0f} ms, p95 {times[int(0.95 * len(times))] * 1000:.0f} ms, "
          f"max {times[-1]:.2f} s; total {total:.1f} s for {rounds * 10} article changes "
          f"(a rebuild per round, even without embedding: {rounds * rebuild:.0f} s)")
    print(f"  merges in {merges} rounds; at most {max_segments} segments and {max_dead:.0%} retired rows; "
          f"now {len(index.segments)} segments, {index.dead} retired rows, {folder_mb(folder):.0f} MB on disk")
    print(f"  query (dense + BM25, top 50): {before_ms:.1f} ms before, {query_latency(index, queries, vectors):.1f} ms after\n")


def ranking(docs: list[Document], embedder, chunking: ChunkSettings, questions_file: Path) -> None:  # noqa: ANN001
    """Top-10 BM25 of segments (as the merge policy leaves them) against one BM25 over the same passages."""
    questions = [json.loads(line)["question"] for line in open(questions_file, encoding="utf-8")][:300] if questions_file.is_file() else []
    if not questions:
        print(f"ranking comparison skipped: no questions at {questions_file}")
        return
    merged = build_index(docs, embedder, chunking)
    segmented = CorpusIndex.empty(embedder, chunking)
    at, size = 0, len(docs) // 2
    while at < len(docs):  # halving segments: 1/2, 1/4, 1/8 ... of the articles, as geometric merging leaves them
        segmented, _ = apply_changes(segmented, embedder, docs[at : at + max(size, 1)])
        at += max(size, 1)
        size //= 2
    key = lambda index, pid: (index.passage(pid).doc_id, index.passage(pid).start)  # noqa: E731
    print(f"BM25 ranking, {len(segmented.segments)} segments vs one merged index ({len(merged)} passages, {len(questions)} questions)")
    for label, global_idf in (("per-segment IDF", False), ("index-wide IDF", True)):
        overlap, top1 = [], 0
        for q in questions:
            a = [key(merged, int(i)) for i in merged.lexical.search(q, 10)[0]]
            hits = search_segments([s.lexical for s in segmented.segments], segmented.masks, q, 10, global_idf)
            b = [key(segmented, segmented.offsets[s] + r) for s, r, _ in hits]
            if a:
                overlap.append(len(set(a) & set(b)) / len(a))
                top1 += bool(b) and a[0] == b[0]
        print(f"  {label:<16} top-10 overlap {np.mean(overlap):.3f}, same top-1 {top1 / len(overlap):.3f}")


if __name__ == "__main__":
    main()
