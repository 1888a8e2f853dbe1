"""How many windows the reader should read: answer quality against windows read per question.

    python bench/reader_windows.py QUESTIONS --index INDEX [--corpus CORPUS] [--limit N] [--max-windows 12] [--dates]

Only answerable questions with a gold document in the index are asked (so a partial index of a
corpus can be used). For each question the top passages are retrieved and cut into windows (as ``QA.ask`` does), the
``--max-windows`` best by the cheap shortlist are read once, and the answer that reading only the
first k of them would give is scored for every k: exact match, F1, answer contains gold, and the
reading time of k windows (measured on a sample of questions). Ranking rules for the final
answer are compared too: reader evidence alone, and with the passage's retrieval score added.
With --dates, a question that has a date (RealTimeQA) is asked as of that day.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.api import HITS, QA  # noqa: E402
from qa.evaluate import contains, exact_match, f1_score, read_questions  # noqa: E402
from qa.read import candidate_windows, shortlist  # noqa: E402
from qa.reader import load_reader  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--max-windows", type=int, default=12)
    parser.add_argument("--passage-weights", default="0,0.5,1,2", help="weights of the passage score (relative to the best hit) added to the evidence")
    parser.add_argument("--dates", action="store_true", help="ask a question that has a date as of that day")
    args = parser.parse_args()

    qa = QA.open(args.index)
    questions = [q for q in read_questions(args.questions, args.corpus) if q.answers and any(d in qa.index.documents for d in q.gold_docs)]
    questions = questions[: args.limit]
    reader = load_reader()
    reader.read("warm up", ["warm up"])
    weights = [float(w) for w in args.passage_weights.split(",")]
    ks = list(range(1, args.max_windows + 1))
    em = {(k, w): [] for k in ks for w in weights}
    f1 = {(k, w): [] for k in ks for w in weights}
    found = {(k, w): [] for k in ks for w in weights}
    timing = {k: [] for k in (2, 3, 4, 6, 8) if k <= args.max_windows}
    for n, q in enumerate(questions):
        hits = qa.search(q.question, HITS, as_of=q.date if args.dates else None)
        chosen = shortlist(q.question, candidate_windows(hits), hits, args.max_windows)
        texts = [w.doc.text[w.start : w.end] for w in chosen]
        readings = reader.read(q.question, texts)
        if n % 5 == 0:
            for k in timing:
                if len(texts) >= k:
                    began = time.perf_counter()
                    reader.read(q.question, texts[:k])
                    timing[k].append((time.perf_counter() - began) * 1000)
        top = max(h.score for h in hits[:5]) if hits else 1.0
        for w in weights:
            for k in ks:
                pairs = list(zip(chosen[:k], readings[:k], texts[:k]))
                if not pairs:
                    prediction = ""
                else:
                    win, r, text = max(pairs, key=lambda p: p[1].evidence + w * hits[p[0].hit].score / top)
                    prediction = text[r.start : r.end]
                em[k, w].append(max(exact_match(prediction, a) for a in q.answers))
                f1[k, w].append(max(f1_score(prediction, a) for a in q.answers))
                found[k, w].append(contains(prediction, q.answers))
    print(f"{args.questions.name}: {len(questions)} answerable questions, index {args.index} ({len(qa.index)} passages)")
    print("windows  " + "  ".join(f"w={w:<4} EM    F1    contains" for w in weights) + "  read ms p50")
    for k in ks:
        cells = "  ".join(f"      {np.mean(em[k, w]):.3f} {np.mean(f1[k, w]):.3f} {np.mean(found[k, w]):.3f}   " for w in weights)
        t = f"{np.median(timing[k]):.1f}" if timing.get(k) else ""
        print(f"{k:>7}  {cells}  {t}")


if __name__ == "__main__":
    main()
