"""Fit the confidence model (``qa/reader_model/confidence.json``) on development questions.

    python tools/fit_confidence.py collect bbc QUESTIONS.jsonl --corpus CORPUS_DIR --out bbc.jsonl
    python tools/fit_confidence.py collect squad dev-v2.0-half.json.gz --out squad2.jsonl
    python tools/fit_confidence.py collect realtimeqa questions_dev.jsonl --docs 1000 --out rtqa.jsonl
    python tools/fit_confidence.py fit bbc.jsonl squad2.jsonl seeds.jsonl [--write]
    python tools/fit_confidence.py score squad2B.jsonl      # the shipped model on held-out questions

``collect`` asks every question through the product's retrieval and reader (follow-ups with
their history) and writes each candidate answer's signals (``qa.confidence.Signals``) with
its label: right when it contains an accepted answer (and, for the BBC set, stands in the gold
article). SQuAD 2.0 questions are split by article: the even-numbered articles (A) are
collected for fitting, the odd-numbered ones (B) are kept apart for reporting (``--half B``);
``--half A1`` and ``A2`` collect the two folds of A, for a reader trained on one of them.
``fit`` fits a logistic regression on the candidates and chooses the refusal threshold: the
one that gets the most questions right (an answer right, or a refusal of a question whose
best candidate is wrong), answerable and unanswerable questions counted alike, among the
thresholds that keep every right answer of the seeds set (``--keep``: not fitted on).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.confidence import FEATURES, MODEL_FILE  # noqa: E402


# SQuAD 2.0 articles by their place in title order: A the even-numbered ones, B the odd-numbered ones;
# A1 and A2 the two folds of A (a reader may be trained on A1 and its confidence fitted on A2)
HALVES = {"A": (0, 2), "B": (1, 3), "A1": (0,), "A2": (2,)}


def _questions(args: argparse.Namespace) -> tuple[Callable[[], list] | None, str, list]:
    """What to index (None for a corpus folder), its source, and the questions (``qa.evaluate.Question``).

    RealTimeQA is indexed as ``qa eval --docs N`` indexes it: the questions' gold articles and N others."""
    from qa.evaluate import load_realtimeqa_corpus, read_bbc_questions, read_realtimeqa_questions, read_seeds_questions, read_squad, realtimeqa_subset

    path = Path(args.questions)
    if args.kind == "squad":
        documents, questions = read_squad(path)
        titles = sorted({d.title for d in documents})
        keep = {t for i, t in enumerate(titles) if i % 4 in HALVES[args.half]}
        title_of = {d.id: d.title for d in documents}
        return (lambda: documents), str(path), [q for q in questions if title_of[q.gold_docs[0]] in keep]
    if args.kind == "realtimeqa":
        corpus = path.parent / "corpus.jsonl.gz"
        questions = read_realtimeqa_questions(path, corpus)
        kept = realtimeqa_subset(questions, corpus, args.docs, args.seed)
        return (lambda: load_realtimeqa_corpus(corpus, kept)), str(corpus), questions
    questions = read_bbc_questions(path, args.corpus) if args.kind == "bbc" else read_seeds_questions(path)
    return None, str(args.corpus), questions


def collect(args: argparse.Namespace) -> None:
    from tqdm import tqdm

    from index.embed import DEFAULT_EMBEDDER
    from qa.api import HITS
    from qa.conversation import understand
    from qa.evaluate import contains, open_or_build
    from qa.read import read_candidates
    from qa.recency import parse_as_of

    documents, source, questions = _questions(args)
    qa = open_or_build(Path(args.index), DEFAULT_EMBEDDER, documents, source, progress=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for q in tqdm(questions, desc="questions"):
            followup = understand(qa.as_understood(q.question), q.history)
            hits = qa.retriever.retrieve_merged(followup.queries, k=HITS, as_of=parse_as_of(q.date) if q.date else None)  # as qa eval asks
            candidates = read_candidates(followup.question, hits, qa.reader)
            row = {"set": args.kind, "id": q.id, "kind": q.kind or args.kind, "answerable": bool(q.answers)}
            for c in candidates:
                text = c.doc.text[c.start : c.end]
                right = bool(q.answers) and contains(text, q.answers) and (args.kind != "bbc" or c.doc.id in q.gold_docs)
                out.write(json.dumps(row | {"answer": text, "right": right, "signals": c.signals.vector(), "contradicted": c.contradicted}) + "\n")
            if not candidates:
                out.write(json.dumps(row | {"answer": None, "right": False, "signals": None}) + "\n")


def _load(paths: list[str]) -> list[dict]:
    rows = []
    for path in paths:
        rows += [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def _best(rows: list[dict], probability: np.ndarray) -> dict[tuple[str, str], tuple[float, dict]]:
    """Per question, the candidate the product answers with and its probability (0 when there is none).

    As in ``qa.read.read_answers``, the most probable candidate whose article meets every
    constraint comes first (the others after it); as in ``qa.api``, a question whose first
    candidate is contradicted is refused whatever the probability: it counts here with probability 0.
    """
    missing = FEATURES.index("unmet_article")
    rank: dict[tuple[str, str], tuple[tuple[bool, float], float, dict]] = {}
    for row, p in zip(rows, probability):
        key = (row["set"], row["id"])
        order = (row["signals"] is None or row["signals"][missing] > 0, -float(p))
        if key not in rank or order < rank[key][0]:
            rank[key] = (order, float(p), row)
    return {key: (0.0 if row.get("contradicted") else p, row) for key, (_, p, row) in rank.items()}


def fit(args: argparse.Namespace) -> None:
    from sklearn.linear_model import LogisticRegression

    rows = _load(args.candidates)
    usable = [r for r in rows if r["signals"] is not None and r["set"] not in args.keep]
    x = np.array([r["signals"] for r in usable])
    y = np.array([r["right"] for r in usable])
    weight = np.array([1.0 if r["set"] == "bbc" else args.other_weight for r in usable])
    model = LogisticRegression(C=args.c, max_iter=5000).fit(x, y, sample_weight=weight)
    coef, bias = model.coef_[0], float(model.intercept_[0])
    for name, w in zip(FEATURES, coef):
        print(f"  {name:18s} {w:+.4f}")
    print(f"  {'bias':18s} {bias:+.4f}")
    probability = np.array([model.predict_proba([r["signals"]])[0, 1] if r["signals"] is not None else 0.0 for r in rows])
    best = _best(rows, probability)
    chosen = _threshold(best, args)
    _report_sets(rows, best, chosen)
    if args.write:
        data = {
            "weights": {name: round(float(w), 6) for name, w in zip(FEATURES, coef)},
            "bias": round(bias, 6),
            "threshold": round(chosen, 3),
            "fitted_on": {"candidates": [Path(p).name for p in args.candidates], "C": args.c, "other_weight": args.other_weight, "kept": args.keep},
        }
        args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


def score(args: argparse.Namespace) -> None:
    from qa.confidence import ConfidenceModel, Signals

    model = ConfidenceModel.load(args.model)
    rows = _load(args.candidates)
    probability = np.array([model.probability(Signals(*r["signals"])) if r["signals"] is not None else 0.0 for r in rows])
    _report_sets(rows, _best(rows, probability), model.threshold)


def _report_sets(rows: list[dict], best: dict, threshold: float) -> None:
    """``report`` for each set, with how many of its questions some candidate answers rightly (what the best ranking could)."""
    found = {(row["set"], row["id"]) for row in rows if row["right"]}
    for s in sorted({k[0] for k in best}):
        report(s, [v for k, v in best.items() if k[0] == s], threshold, sum(1 for k in found if k[0] == s))


def _threshold(best: dict, args: argparse.Namespace) -> float:
    """The threshold that gets the most questions right, the questions of other sets than BBC weighted
    by ``--other-weight``, among those that keep every right answer of the ``--keep`` sets."""
    if args.threshold is not None:
        return args.threshold
    kept = [p for (s, _), (p, row) in best.items() if s in args.keep and row["right"]]
    grid = [t for t in np.round(np.arange(0.01, 0.96, 0.01), 3) if all(p >= t for p in kept)]
    scores = []
    for t in grid:
        total = 0.0
        for (s, _), (p, row) in best.items():
            ok = (p >= t and row["right"]) or (p < t and not row["right"])
            total += ok * (1.0 if s == "bbc" else 0.0 if s in args.keep else args.other_weight)
        scores.append(total)
    return float(grid[int(np.argmax(scores))])


def report(name: str, best: list[tuple[float, dict]], threshold: float, found: int) -> None:
    from sklearn.metrics import roc_auc_score

    answerable = [(p, r) for p, r in best if r["answerable"]]
    unanswerable = [(p, r) for p, r in best if not r["answerable"]]
    right = sum(p >= threshold and r["right"] for p, r in answerable)
    answered = sum(p >= threshold for p, r in answerable)
    refused = sum(p < threshold for p, r in unanswerable)
    labels = [bool(r["right"]) for p, r in best]
    auroc = roc_auc_score(labels, [p for p, r in best]) if 0 < sum(labels) < len(labels) else float("nan")
    print(
        f"{name}: threshold {threshold:.2f}: answerable right {right}/{len(answerable)} (answered {answered}; a right candidate was read for {found}), "
        f"unanswerable refused {refused}/{len(unanswerable)}, AUROC {auroc:.3f}"
    )
    kinds = sorted({r["kind"] for _, r in best})
    if len(kinds) > 1:
        for kind in kinds:
            of = [(p, r) for p, r in best if r["kind"] == kind]
            ok = sum((p >= threshold and r["right"]) if r["answerable"] else p < threshold for p, r in of)
            print(f"    {kind:10s} {ok}/{len(of)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("kind", choices=["bbc", "seeds", "squad", "realtimeqa"])
    c.add_argument("questions")
    c.add_argument("--corpus", type=Path, default=Path("seeds"), help="corpus folder (BBC and seeds sets)")
    c.add_argument("--index", required=True, help="index folder (built when missing)")
    c.add_argument("--half", choices=list(HALVES), default="A", help="SQuAD 2.0: which half of the articles (A1, A2: the folds of A)")
    c.add_argument("--docs", type=int, default=1000, help="RealTimeQA: index the gold articles and this many others (as qa eval --docs)")
    c.add_argument("--seed", type=int, default=0, help="RealTimeQA: random seed of --docs (as qa eval --seed)")
    c.add_argument("--out", required=True)
    f = sub.add_parser("fit")
    f.add_argument("candidates", nargs="+")
    f.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    f.add_argument("--other-weight", type=float, default=0.3, help="weight of a candidate of another set against a BBC one (news is the product's use)")
    f.add_argument("--threshold", type=float, help="use this threshold instead of choosing one")
    f.add_argument("--keep", nargs="*", default=["seeds"], help="sets not fitted on whose right answers the threshold must all keep")
    f.add_argument("--write", action="store_true")
    f.add_argument("--out", type=Path, default=MODEL_FILE, help="where --write writes the model (default: the shipped one)")
    r = sub.add_parser("score", help="report the shipped model on collected candidates (e.g. SQuAD 2.0 half B)")
    r.add_argument("candidates", nargs="+")
    r.add_argument("--model", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    {"collect": collect, "fit": fit, "score": score}[args.command](args)


if __name__ == "__main__":
    main()
