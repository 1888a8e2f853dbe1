"""How the int8 embedder cuts a window of texts into batches: padded batches of neighbours in length
(sorted, as before) against batches of texts of one length (``index.embed.length_batches``, no
padding), each at a cap of tokens per batch.

    .venv/bin/python bench/embed_batching.py            # 4,096 RealTimeQA passages, 3 rounds
    .venv/bin/python bench/embed_batching.py --squad    # also the cosine to sentence-transformers, all SQuAD paragraphs

The variants take turns on the same texts in every round; the table gives the median passages/s and
its ratio to the first row, all measured in the same minutes. Activations are quantised per batch,
so how texts are batched also moves the vectors: ``--squad`` reports the worst, 1st percentile and
mean cosine of each variant to sentence-transformers, batch 64, as indexing embeds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.embedders import REALTIMEQA, SQUAD11, realtimeqa_passages, squad_paragraphs  # noqa: E402
from index.embed import OnnxInt8Embedder, get_embedder  # noqa: E402


def padded_batches(lengths: Sequence[int], batch_size: int, tokens_per_batch: int) -> list[list[int]]:
    """Sorted by length, longest first, cut every ``batch_size`` texts or ``tokens_per_batch`` padded tokens."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches, at = [], 0
    while at < len(order):
        batches.append(order[at : at + max(1, min(batch_size, tokens_per_batch // lengths[order[at]]))])
        at += len(batches[-1])
    return batches


class Variant(OnnxInt8Embedder):
    """The int8 embedder with another way of cutting batches."""

    def __init__(self, padded: bool, tokens_per_batch: int) -> None:
        super().__init__()
        self.padded, self.TOKENS_PER_BATCH = padded, tokens_per_batch
        self.label = f"{'padded' if padded else 'one length'}, {tokens_per_batch} tokens"

    def batches(self, lengths: Sequence[int], batch_size: int) -> list[list[int]]:
        return padded_batches(lengths, batch_size, self.TOKENS_PER_BATCH) if self.padded else super().batches(lengths, batch_size)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REALTIMEQA)
    parser.add_argument("--passages", type=int, default=4096)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--squad", nargs="?", type=Path, const=SQUAD11, default=None, help="also the cosine on these SQuAD paragraphs")
    args = parser.parse_args(argv)
    variants = [Variant(True, 2048)] + [Variant(False, cap) for cap in (2048, 1024, 512)]
    texts = realtimeqa_passages(args.corpus, args.passages, args.seed)
    rates: dict[str, list[float]] = {v.label: [] for v in variants}
    for variant in variants:
        variant.embed(texts[:64], batch_size=64)  # load the model before timing
    for _ in range(args.rounds):
        for variant in variants:
            start = time.perf_counter()
            variant.embed(texts, batch_size=64)
            rates[variant.label].append(len(texts) / (time.perf_counter() - start))
    cosines = {}
    if args.squad:
        paragraphs = squad_paragraphs(args.squad)
        reference = get_embedder("st").embed(paragraphs, batch_size=64)
        cosines = {v.label: np.sum(v.embed(paragraphs, batch_size=64) * reference, axis=1) for v in variants}
    base = statistics.median(rates[variants[0].label])
    print(f"{len(texts)} RealTimeQA passages, {args.rounds} rounds" + (f"; cosine on {len(paragraphs)} SQuAD paragraphs" if cosines else ""))
    print(f"{'batches':<26} {'passages/s':>10} {'ratio':>6}" + ("   cos min   cos p1  cos mean" if cosines else ""))
    for variant in variants:
        rate = statistics.median(rates[variant.label])
        line = f"{variant.label:<26} {rate:10.1f} {rate / base:5.2f}x"
        if cosines:
            c = cosines[variant.label]
            line += f"   {c.min():7.4f}  {np.percentile(c, 1):7.4f}  {c.mean():8.4f}"
        print(line)


if __name__ == "__main__":
    main()
