"""Retrieval on SQuAD v1.1 dev, open setting: recall@1/5/20 of the gold paragraph for each fusion method.

    python bench/retrieval_squad.py [../shared/eval/squad/dev-v1.1.json.gz] [--limit N] [--embedder onnx|st]

Indexes all paragraphs once (reused from .qa-index-eval/dev-v1-EMBEDDER, the folder `qa eval`
uses too), asks every question, and prints one row per fusion method, all measured in the same run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from index.corpus_index import CorpusIndex
from index.checkpoint import CheckpointedEmbedder
from index.embed import DEFAULT_EMBEDDER, get_embedder
from index.errors import IndexFormatError
from qa.evaluate import default_index_dir, read_squad
from qa.retrieve import Retriever

METHODS = [("dense", "dense", 0.0), ("bm25", "lexical", 0.0), ("rrf", "rrf", 0.0)] + [
    (f"score w={w}", "score", w) for w in (0.3, 0.4, 0.5, 0.6, 0.7)
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("squad", nargs="?", type=Path, default=Path("../shared/eval/squad/dev-v1.1.json.gz"))
    parser.add_argument("--index", type=Path, default=None, help="index folder (default: .qa-index-eval/dev-v1-EMBEDDER)")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER, help="onnx, st, or a full embedder name")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    documents, questions = read_squad(args.squad)
    questions = questions[: args.limit] if args.limit else questions
    embedder = get_embedder(args.embedder)
    args.index = args.index or default_index_dir("dev-v1", embedder.name)
    try:
        index = CorpusIndex.open(args.index, embedder)
    except IndexFormatError:
        start = time.perf_counter()
        wrapped = CheckpointedEmbedder(embedder, args.index.with_name(args.index.name + ".vectors"))
        index = CorpusIndex.build(documents, wrapped, corpus=str(args.squad), progress=True)
        print(f"indexed {len(documents)} paragraphs, {len(index)} passages in {time.perf_counter() - start:.0f} s")
        index.save(args.index)
    vectors = embedder.embed([q.question for q in questions], progress=True)
    print(f"{'method':<14} {'R@1':>6} {'R@5':>6} {'R@20':>6}  ({len(questions)} questions, {embedder.name})")
    for label, fusion, weight in METHODS:
        retriever = Retriever(index, embedder, fusion=fusion, dense_weight=weight)
        dense_scores, dense_ids = index.dense.search(vectors, retriever.depth)
        hits = [0, 0, 0]
        for i, q in enumerate(questions):
            ranked = list(dict.fromkeys(h.passage.doc_id for h in retriever._fuse(q.question, dense_ids[i], dense_scores[i], 60)))
            for j, k in enumerate((1, 5, 20)):
                hits[j] += q.gold_docs[0] in ranked[:k]
        print(f"{label:<14} " + " ".join(f"{h / len(questions):6.3f}" for h in hits))


if __name__ == "__main__":
    main()
