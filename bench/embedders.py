"""Embedders side by side: speed and agreement of sentence-transformers and ONNX int8 on the same texts.

    .venv/bin/python bench/embedders.py                                  # all 2,067 SQuAD v1.1 dev paragraphs
    .venv/bin/python bench/embedders.py --texts realtimeqa --limit 2000  # RealTimeQA passages of 120 words
    .venv/bin/python bench/embedders.py --embedders st,onnx --batch 32 --chunk 128

The texts are cut into chunks of ``--chunk``; every chunk is embedded by each embedder in turn
(the order alternates from chunk to chunk), so a slow spell of a shared machine costs every
embedder alike and the speed ratio is fair. Prints the time and resident memory of loading
each model (in the order given: a second model that shares a library with the first looks
cheaper), texts/s, word pieces/s, the cosine between each embedder's vector and the first
one's (min, 1st percentile, mean) per text, and the time to embed one question alone
(``--queries`` SQuAD questions, the embedders taking turns), which is what a user waits for.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.embed import EMBEDDER_ALIASES, OnnxEmbedder, get_embedder  # noqa: E402

SQUAD11 = Path("../shared/eval/squad/dev-v1.1.json.gz")
REALTIMEQA = Path("../shared/eval/realtimeqa/corpus.jsonl.gz")


def squad_paragraphs(path: Path) -> list[str]:
    data = json.loads(gzip.decompress(path.read_bytes()))["data"]
    return [p["context"] for article in data for p in article["paragraphs"]]


def realtimeqa_passages(path: Path, limit: int, seed: int) -> list[str]:
    """Passages (the project's chunker, 120 words) of articles sampled evenly from the corpus."""
    from index.chunk import chunk
    from index.load import load_file

    documents = load_file(path, path.parent)
    rng = np.random.default_rng(seed)
    passages: list[str] = []
    for i in rng.permutation(len(documents)):
        passages.extend(p.text for p in chunk(documents[i]))
        if len(passages) >= limit:
            break
    return passages[:limit]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def squad_questions(path: Path, n: int) -> list[str]:
    data = json.loads(gzip.decompress(path.read_bytes()))["data"]
    questions = [q["question"] for article in data for p in article["paragraphs"] for q in p["qas"]]
    return questions[:: max(1, len(questions) // n)][:n]


def single_latency(embedders: list, questions: list[str]) -> list[list[float]]:
    """Seconds to embed one question alone (as at query time), the embedders taking turns."""
    seconds: list[list[float]] = [[] for _ in embedders]
    for n, q in enumerate(questions):
        order = range(len(embedders)) if n % 2 == 0 else reversed(range(len(embedders)))
        for i in order:
            start = time.perf_counter()
            embedders[i].embed([q])
            seconds[i].append(time.perf_counter() - start)
    return seconds


def _with_threads(embedder, threads: int | None):  # noqa: ANN001, ANN202
    """A fresh instance of an ONNX embedder with ``threads``; any other embedder as it is."""
    return type(embedder)(threads) if threads and isinstance(embedder, OnnxEmbedder) else embedder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", choices=["squad", "realtimeqa"], default="squad")
    parser.add_argument("--squad", type=Path, default=SQUAD11)
    parser.add_argument("--corpus", type=Path, default=REALTIMEQA)
    parser.add_argument("--limit", type=int, default=0, help="use the first N texts (0: all SQuAD paragraphs; 2,000 RealTimeQA passages)")
    parser.add_argument("--embedders", default="st,onnx,int8", help=f"comma list; short names {', '.join(EMBEDDER_ALIASES)}")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--chunk", type=int, default=128, help="texts per interleaved round")
    parser.add_argument("--threads", type=int, default=None, help="ONNX Runtime threads (default: the CPUs of this process)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, help="write the vectors of each embedder here as NAME.npy")
    parser.add_argument("--queries", type=int, default=200, help="SQuAD questions embedded one at a time for the latency columns")
    args = parser.parse_args(argv)

    if args.texts == "squad":
        texts = squad_paragraphs(args.squad)
        texts = texts[: args.limit] if args.limit else texts
    else:
        texts = realtimeqa_passages(args.corpus, args.limit or 2000, args.seed)
    names = [n.strip() for n in args.embedders.split(",") if n.strip()]
    embedders = [_with_threads(get_embedder(n), args.threads) for n in names]
    pieces = sum(OnnxEmbedder().token_counts(texts))
    load_seconds, load_mb = [], []
    for e in embedders:  # load the models and warm up outside the clock
        before, start = _rss_mb(), time.perf_counter()
        e.embed(["warm up"] * 4)
        load_seconds.append(time.perf_counter() - start)
        load_mb.append(_rss_mb() - before)

    latency = single_latency(embedders, squad_questions(args.squad, args.queries)) if args.queries else [[float("nan")]] * len(embedders)
    seconds = [0.0] * len(embedders)
    vectors = [np.zeros((len(texts), e.dim), dtype=np.float32) for e in embedders]
    for n, at in enumerate(range(0, len(texts), args.chunk)):
        part = texts[at : at + args.chunk]
        order = range(len(embedders)) if n % 2 == 0 else reversed(range(len(embedders)))
        for i in order:
            start = time.perf_counter()
            vectors[i][at : at + len(part)] = embedders[i].embed(part, batch_size=args.batch)
            seconds[i] += time.perf_counter() - start
        done = at + len(part)
        print(f"\r{done}/{len(texts)} texts  " + "  ".join(f"{names[i]} {done / s:.1f}/s" for i, s in enumerate(seconds)), end="", file=sys.stderr)
    print(file=sys.stderr)

    print(f"{len(texts)} {args.texts} texts, {pieces} word pieces ({pieces / len(texts):.0f} a text, truncated at 256), batch {args.batch}")
    print(f"{'embedder':<44} {'load s':>6} {'load MB':>7} {'texts/s':>8} {'pieces/s':>9} {'speed':>6} {'cos min':>8} {'cos p1':>7} {'cos mean':>8} {'1 query p50/p95 ms':>19}")
    for i, e in enumerate(embedders):
        cos = (vectors[i] * vectors[0]).sum(axis=1)
        norms = np.linalg.norm(vectors[i], axis=1)
        assert np.allclose(norms, 1.0, atol=1e-4), f"{e.name} returned vectors that are not unit length"
        print(
            f"{e.name:<44} {load_seconds[i]:6.1f} {load_mb[i]:7.0f} {len(texts) / seconds[i]:8.1f} {pieces / seconds[i]:9.0f} {seconds[0] / seconds[i]:5.2f}x"
            f" {cos.min():8.4f} {np.percentile(cos, 1):7.4f} {cos.mean():8.4f}"
            f" {np.percentile(latency[i], 50) * 1000:9.1f} /{np.percentile(latency[i], 95) * 1000:7.1f}"
        )
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, v in zip(names, vectors):
            np.save(args.save / f"{name.replace('/', '_')}.npy", v)


if __name__ == "__main__":
    main()
