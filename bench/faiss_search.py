"""Dense search alone: exact FAISS (1 thread vs all) against approximate indexes (HNSW, IVF), latency and recall.

    .venv/bin/python bench/faiss_search.py --index .qa-index-eval/dev-v1-onnx          # the vectors of an index folder
    .venv/bin/python bench/faiss_search.py --index .qa-index-eval/realtimeqa-int8 --sizes 50000,100000,all
    .venv/bin/python bench/faiss_search.py --shards .qa-index-eval/realtimeqa-int8.vectors --sizes 100000,200000
    .venv/bin/python bench/faiss_search.py --random 10000,100000,365000                # latency only, random unit vectors

Queries are one at a time (as a user asks), ``k`` = 50 (the retriever's depth). With real
vectors the queries are RealTimeQA dev questions embedded by the index's model, and
``recall@10`` / ``recall@50`` is the share of the exact top-k that the approximate index
finds. Random vectors have no structure, which is the worst case for approximate search:
use them for latency, not recall.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import faiss
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

QUESTIONS = Path("../shared/eval/realtimeqa/questions_dev.jsonl")


def index_vectors(folder: Path) -> tuple[np.ndarray, str]:
    """All vectors of an index folder's segments, and the embedder that made them."""
    from index.manifest import read_manifest

    manifest = read_manifest(folder)
    parts = [np.load(folder / "segments" / s.name / "vectors.npy") for s in manifest.segments]
    return np.concatenate(parts).astype(np.float32), manifest.embedder.name


def shard_vectors(folder: Path) -> tuple[np.ndarray, str]:
    """The vectors checkpointed so far by an index build (``index.checkpoint``), in order, and their embedder."""
    (model,) = [d for d in folder.iterdir() if d.is_dir()]
    shards = sorted(model.glob("shard-*.npy"))
    return np.concatenate([np.load(p) for p in shards]).astype(np.float32), model.name.replace("__", "/")


def candidates(n: int, dim: int) -> list[tuple[str, faiss.Index]]:
    """Exact search, HNSW and IVF, sized for ``n`` vectors."""
    from index.store import HNSW_EF_CONSTRUCTION, HNSW_M

    hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    nlist = max(16, int(4 * np.sqrt(n)))
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    return [("flat", faiss.IndexFlatIP(dim)), (f"hnsw{HNSW_M}", hnsw), (f"ivf{nlist}", ivf)]


def timed_search(index: faiss.Index, queries: np.ndarray, k: int) -> tuple[np.ndarray, list[float]]:
    ids, seconds = [], []
    for q in queries:
        start = time.perf_counter()
        _, found = index.search(q[None, :], k)
        seconds.append(time.perf_counter() - start)
        ids.append(found[0])
    return np.array(ids), seconds


def recall(found: np.ndarray, exact: np.ndarray, k: int) -> float:
    return float(np.mean([len(set(f[:k]) & set(e[:k])) / k for f, e in zip(found, exact)]))


def run(vectors: np.ndarray, queries: np.ndarray, k: int, threads: int, label: str) -> list[dict]:
    n, dim = vectors.shape
    rows = []
    exact = None
    for name, index in candidates(n, dim):
        faiss.omp_set_num_threads(threads)
        start = time.perf_counter()
        if not index.is_trained:
            index.train(vectors[np.random.default_rng(0).choice(n, min(n, 256 * index.nlist), replace=False)])
        index.add(vectors)
        build = time.perf_counter() - start
        settings = [("", None)]
        if name.startswith("hnsw"):
            settings = [(f" ef{ef}", ef) for ef in (64, 128, 256)]
        elif name.startswith("ivf"):
            settings = [(f" nprobe{p}", p) for p in (8, 32)]
        for suffix, value in settings:
            if name.startswith("hnsw"):
                index.hnsw.efSearch = value
            elif name.startswith("ivf"):
                index.nprobe = value
            for search_threads in ([1, threads] if name == "flat" and threads > 1 else [1]):
                faiss.omp_set_num_threads(search_threads)
                found, seconds = timed_search(index, queries, k)
                if exact is None:
                    exact = found
                rows.append({
                    "vectors": label, "n": n, "index": name + suffix, "search_threads": search_threads, "build_s": build,
                    "p50_ms": float(np.percentile(seconds, 50) * 1000), "p95_ms": float(np.percentile(seconds, 95) * 1000),
                    "recall@10": recall(found, exact, 10), f"recall@{k}": recall(found, exact, k),
                })
                r = rows[-1]
                print(f"{label:<10} {n:>8} {r['index']:<14} {search_threads:>3} {build:8.1f} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} {r['recall@10']:9.3f} {r[f'recall@{k}']:9.3f}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, action="append", default=[], help="an index folder (repeatable)")
    parser.add_argument("--shards", type=Path, action="append", default=[], help="the vector shards of a build (INDEX.vectors)")
    parser.add_argument("--random", default="", help="comma list of sizes of random unit vectors")
    parser.add_argument("--sizes", default="all", help="comma list: the first N vectors of each --index, or all")
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--k", type=int, default=100, help="results per search (the retriever's depth)")
    parser.add_argument("--threads", type=int, default=2, help="threads for building, and the second exact-search row")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    print(f"{'vectors':<10} {'n':>8} {'index':<14} {'thr':>3} {'build s':>8} {'p50 ms':>8} {'p95 ms':>8} {'recall@10':>9} {f'recall@{args.k}':>9}")
    rows = []
    texts = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()][: args.questions]
    for folder, read in [(f, index_vectors) for f in args.index] + [(f, shard_vectors) for f in args.shards]:
        from index.embed import get_embedder

        vectors, embedder = read(folder)
        queries = get_embedder(embedder).embed(texts)
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            n = len(vectors) if size == "all" else min(int(size), len(vectors))
            rows += run(vectors[:n], queries, args.k, args.threads, folder.name[:10])
    rng = np.random.default_rng(0)
    for size in [int(s) for s in args.random.split(",") if s.strip()]:
        vectors = rng.standard_normal((size, 384), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        queries = vectors[: args.questions] + 0.3 * rng.standard_normal((args.questions, 384), dtype=np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        rows += run(vectors, queries, args.k, args.threads, "random")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
