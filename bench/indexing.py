"""Indexing throughput and memory on RealTimeQA passages: passages/s, word pieces/s, peak RSS, index size.

    .venv/bin/python bench/indexing.py                                  # 1k and 10k passages, each embedder
    .venv/bin/python bench/indexing.py --sizes 1000,10000,100000 --embedders onnx
    .venv/bin/python bench/indexing.py --sizes all --embedders onnx --checkpoint ../rtqa-vectors   # whole corpus, resumable
    .venv/bin/python bench/indexing.py --save ../bench-indexes          # keep each index (for bench/query_latency.py)

For each size and embedder a fresh Python process (so that peak RSS is its own) draws
articles of ``../shared/eval/realtimeqa/corpus.jsonl.gz`` in a seeded random order until
it has the asked number of passages (whole articles, so a little more), and times:
``load`` (read + clean the articles), ``build`` (chunk, embed, FAISS, BM25: ``CorpusIndex.build``),
of which ``embed``, and ``save``. Rates are over ``build``; word pieces are counted with the
model's tokenizer (truncated at 256, as the model reads them). The rows of one run are
measured on the same machine in the same minutes, so their ratios are the comparison.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = Path("../shared/eval/realtimeqa/corpus.jsonl.gz")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) / 1e6


class TimedEmbedder:
    """Counts the seconds spent in ``embed`` of the wrapped embedder."""

    def __init__(self, inner) -> None:  # noqa: ANN001
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.seconds = 0.0

    def embed(self, texts, batch_size: int = 64, progress: bool = False):  # noqa: ANN001, ANN201
        start = time.perf_counter()
        try:
            return self.inner.embed(texts, batch_size=batch_size, progress=progress)
        finally:
            self.seconds += time.perf_counter() - start


def sample_records(corpus: Path, passages: int | None, seed: int, size: int, overlap: int) -> tuple[list[str], int]:
    """Raw JSONL lines of articles in a seeded random order until they hold ``passages`` passages (None: all)."""
    from index.chunk import chunk
    from index.clean import clean_text, content_hash
    from index.types import Document

    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    if passages is None:
        return lines, -1
    picked, count = [], 0
    for i in np.random.default_rng(seed).permutation(len(lines)):
        record = json.loads(lines[i])
        text = clean_text(record.get("text") or "")
        if not text:
            continue
        doc = Document(id="x", title="", source="", text=text, content_hash=content_hash(text))
        count += len(chunk(doc, size=size, overlap=overlap))
        picked.append(lines[i])
        if count >= passages:
            break
    return picked, count


def child(args: argparse.Namespace) -> None:
    """One measurement, in its own process; prints one JSON line."""
    from index.checkpoint import CheckpointedEmbedder
    from index.update import build_index, save_index
    from index.embed import OnnxEmbedder, get_embedder
    from index.load import load_file

    work = Path(tempfile.mkdtemp(prefix="bench-indexing-"))
    try:
        sample = Path(args.sample)
        embedder = get_embedder(args.embedder)
        embedder.embed(["warm up"])  # load the model outside the clock
        timed = TimedEmbedder(CheckpointedEmbedder(embedder, args.checkpoint) if args.checkpoint else embedder)
        start = time.perf_counter()
        documents = load_file(sample, sample.parent)
        load_seconds = time.perf_counter() - start
        start = time.perf_counter()
        index = build_index(documents, timed, progress=args.progress)
        build_seconds = time.perf_counter() - start
        out = Path(args.save) / f"{args.child}-{args.embedder}" if args.save else work / "index"
        if out.exists():
            shutil.rmtree(out)
        start = time.perf_counter()
        save_index(index, out)
        save_seconds = time.perf_counter() - start
        peak = peak_rss_mb()  # before counting word pieces, which is the benchmark's own work
        texts = [p.text for p in index.passages()]
        pieces = sum(OnnxEmbedder().token_counts(texts))
        embedded = timed.inner.embedded if args.checkpoint else len(texts)
        print(json.dumps({
            "size": args.child, "embedder": embedder.name, "documents": len(documents), "passages": len(texts),
            "word_pieces": pieces, "load_s": load_seconds, "build_s": build_seconds, "embed_s": timed.seconds,
            "save_s": save_seconds, "embedded": embedded, "peak_rss_mb": peak, "index_mb": folder_mb(out),
            "saved": str(out) if args.save else None,
        }))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", default="1000,10000", help="comma list of passage counts, or all")
    parser.add_argument("--embedders", default="int8,onnx,st", help="comma list (int8, onnx, st, or full names)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, help="keep each index as SAVE/SIZE-EMBEDDER")
    parser.add_argument("--checkpoint", type=Path, help="checkpoint passage vectors in shards here (resume a long run)")
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the rows here as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--embedder", help=argparse.SUPPRESS)
    parser.add_argument("--sample", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args)
        return

    rows = []
    header = f"{'passages':>8} {'embedder':<40} {'docs':>6} {'load s':>7} {'build s':>8} {'embed %':>7} {'pass/s':>7} {'pieces/s':>8} {'peak MB':>8} {'index MB':>8}"
    print(header)
    samples = Path(tempfile.mkdtemp(prefix="bench-indexing-samples-"))
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        if size == "all":
            sample = args.corpus
        else:  # drawn here, once for every embedder, so that the child's memory is the indexing's alone
            lines, _ = sample_records(args.corpus, int(size), args.seed, 120, 30)
            sample = samples / f"{size}" / args.corpus.name
            sample.parent.mkdir()
            with gzip.open(sample, "wt", encoding="utf-8") as f:
                f.writelines(lines)
        for name in [e.strip() for e in args.embedders.split(",") if e.strip()]:
            command = [sys.executable, __file__, "--child", size, "--embedder", name, "--sample", str(sample)]
            for flag, value in (("--save", args.save), ("--checkpoint", args.checkpoint)):
                if value:
                    command += [flag, str(value)]
            if args.progress:
                command.append("--progress")
            done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "TOKENIZERS_PARALLELISM": "false"})
            if done.returncode != 0:
                print(f"{size} {name}: failed (exit {done.returncode})", file=sys.stderr)
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(
                f"{row['passages']:>8} {row['embedder']:<40} {row['documents']:>6} {row['load_s']:7.1f} {row['build_s']:8.1f}"
                f" {100 * row['embed_s'] / row['build_s']:6.0f}% {row['passages'] / row['build_s']:7.1f}"
                f" {row['word_pieces'] / row['build_s']:8.0f} {row['peak_rss_mb']:8.0f} {row['index_mb']:8.1f}",
                flush=True,
            )
    shutil.rmtree(samples, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
