"""Retrieval by fusion method: recall@1/5/20 of the gold document and of an accepted answer, on SQuAD or RealTimeQA.

    python bench/retrieval_fusion.py [../shared/eval/squad/dev-v1.1.json.gz] [--limit N] [--embedder int8|onnx|st]
    python bench/retrieval_fusion.py ../shared/eval/realtimeqa/questions_dev.jsonl --index .qa-index-eval/realtimeqa-int8 [--dates]

SQuAD paragraphs are indexed once (reused from .qa-index-eval/dev-v1-EMBEDDER, the folder `qa eval`
uses too); a RealTimeQA index is the one `qa eval` builds (give it with --index). Every question is
asked once per fusion method, all in the same run: gold recall (a passage of a gold document in the
top k) and answer recall (a passage that contains an accepted answer, as `qa eval` counts it).
With --dates, the default fusion is asked again as of each question's date (RealTimeQA), for a
grid of date weights and scales (``qa.recency``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.checkpoint import CheckpointedEmbedder  # noqa: E402
from index.corpus_index import CorpusIndex  # noqa: E402
from index.update import build_index, save_index  # noqa: E402
from index.embed import DEFAULT_EMBEDDER, get_embedder  # noqa: E402
from index.errors import IndexFormatError  # noqa: E402
from qa.evaluate import contains, default_index_dir, detect_format, read_questions, read_squad  # noqa: E402
from qa.recency import parse_as_of  # noqa: E402
from qa.retrieve import DENSE_WEIGHT, Retriever  # noqa: E402

# label, fusion, dense weight, date weight, date scale in days
METHODS = [("dense", "dense", 0.0, 0.0, 1.0), ("bm25", "lexical", 0.0, 0.0, 1.0), ("rrf", "rrf", 0.0, 0.0, 1.0)] + [
    (f"score w={w}", "score", w, 0.0, 1.0) for w in (0.3, 0.4, 0.5, 0.6, 0.7)
]
DATE_METHODS = [("score, no date", "score", DENSE_WEIGHT, 0.0, 1.0)] + [
    (f"date {dw}/{ds}d", "score", DENSE_WEIGHT, dw, ds) for dw in (0.1, 0.3, 0.5, 0.7, 1.0) for ds in (7, 14, 30, 90)
]
KS = (1, 5, 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", nargs="?", type=Path, default=Path("../shared/eval/squad/dev-v1.1.json.gz"))
    parser.add_argument("--index", type=Path, default=None, help="index folder (SQuAD default: .qa-index-eval/dev-v1-EMBEDDER)")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER, help="int8, onnx, st, or a full embedder name")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--dates", action="store_true", help="compare date weights and scales instead of fusion methods")
    parser.add_argument("--indexed-only", action="store_true", help="only questions with a gold document in the index")
    args = parser.parse_args()
    embedder = get_embedder(args.embedder)
    squad = detect_format(args.questions) == "squad"
    if squad:
        args.index = args.index or default_index_dir("dev-v1", embedder.name)
    elif args.index is None:
        sys.exit("give the index of this question set with --index (`qa eval QUESTIONS --retrieval-only` builds it)")
    questions = [q for q in read_questions(args.questions) if q.answers][: args.limit]
    try:
        index = CorpusIndex.open(args.index, embedder)
    except IndexFormatError:
        if not squad:
            raise
        documents = read_squad(args.questions)[0]
        start = time.perf_counter()
        wrapped = CheckpointedEmbedder(embedder, args.index.with_name(args.index.name + ".vectors"))
        index = build_index(documents, wrapped, corpus=str(args.questions), progress=True)
        print(f"indexed {len(documents)} paragraphs, {len(index)} passages in {time.perf_counter() - start:.0f} s")
        save_index(index, args.index)
    if args.indexed_only:
        questions = [q for q in questions if any(d in index.documents for d in q.gold_docs)]
    vectors = embedder.embed([q.question for q in questions])
    print(f"{len(questions)} questions, {len(index)} passages, {embedder.name}")
    print(f"{'method':<12} " + " ".join(f"{'gold@' + str(k):>8}" for k in KS) + " " + " ".join(f"{'answer@' + str(k):>9}" for k in KS))
    searcher = Retriever(index, embedder)  # both searches once per question; each method only fuses them
    dense_scores, dense_ids = index.dense.search(vectors, searcher.depth)
    lexical = [searcher.lexical(q.question, searcher.depth) for q in questions]
    for label, fusion, weight, date_weight, date_scale in DATE_METHODS if args.dates else METHODS:
        retriever = Retriever(index, embedder, fusion=fusion, dense_weight=weight, date_weight=date_weight, date_scale_days=date_scale)
        gold, answer = [0] * len(KS), [0] * len(KS)
        for i, q in enumerate(questions):
            as_of = parse_as_of(q.date) if date_weight else None
            hits = retriever._fuse(dense_ids[i], dense_scores[i], lexical[i], 3 * max(KS), as_of)  # enough passages for 20 documents
            docs = list(dict.fromkeys(h.passage.doc_id for h in hits))
            first = next((r for r, h in enumerate(hits, 1) if contains(h.passage.text, q.answers)), None)
            for j, k in enumerate(KS):
                gold[j] += any(d in q.gold_docs for d in docs[:k])
                answer[j] += first is not None and first <= k
        n = len(questions)
        print(f"{label:<12} " + " ".join(f"{g / n:8.3f}" for g in gold) + " " + " ".join(f"{a / n:9.3f}" for a in answer))


if __name__ == "__main__":
    main()
