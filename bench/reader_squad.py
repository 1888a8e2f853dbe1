"""The reader alone on SQuAD with the gold paragraph given: EM/F1 and reading time.

    python bench/reader_squad.py ../shared/eval/squad/dev-v1.1.json.gz [--limit N] [--model qa/reader_model]

Every window of the gold paragraph (``qa.windows``) is read in one batch; the answer is
the span of the window with the most evidence. Scores are the official SQuAD v1.1 EM/F1
(max over the accepted answers). Unanswerable SQuAD 2.0 questions are skipped here
(abstention is measured through the whole pipeline: ``qa eval`` and ``tools/fit_confidence.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.sentences import sentences_in  # noqa: E402
from qa.evaluate import exact_match, f1_score, read_squad  # noqa: E402
from qa.reader import MODEL_DIR, Reader  # noqa: E402
from qa.windows import sentence_windows  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("squad", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="first N answerable questions")
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    args = parser.parse_args()

    documents, questions = read_squad(args.squad)
    texts = {d.id: d.text for d in documents}
    questions = [q for q in questions if q.answers][: args.limit]
    reader = Reader(args.model)
    reader.read("warm up", ["warm up"])
    ems, f1s, times, windows_read = [], [], [], []
    for q in questions:
        text = texts[q.gold_docs[0]]
        windows = sentence_windows(sentences_in(text, 0, len(text)))
        began = time.perf_counter()
        readings = reader.read(q.question, [text[s:e] for s, e in windows])
        times.append((time.perf_counter() - began) * 1000)
        windows_read.append(len(windows))
        (start, _), best = max(zip(windows, readings), key=lambda pair: pair[1].evidence)
        prediction = text[start + best.start : start + best.end]
        ems.append(max(exact_match(prediction, a) for a in q.answers))
        f1s.append(max(f1_score(prediction, a) for a in q.answers))
    print(f"{args.squad.name}: {len(questions)} answerable questions, gold paragraph given, model {args.model}")
    print(f"{'EM':<28}{np.mean(ems):.4f}")
    print(f"{'F1':<28}{np.mean(f1s):.4f}")
    print(f"{'windows per paragraph':<28}{np.mean(windows_read):.2f} mean")
    print(f"{'reading ms per question':<28}p50 {np.percentile(times, 50):.1f}  p95 {np.percentile(times, 95):.1f}")


if __name__ == "__main__":
    main()
