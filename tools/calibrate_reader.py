"""Calibrate the reader's confidence and choose its refusal threshold on held-out SQuAD 2.0 questions.

    qa eval ../shared/eval/squad/dev-v2.0-half.json.gz --threshold 0 --report v2.json   # answers everything
    python tools/calibrate_reader.py v2.json [--write]

The questions are split by article: the even-numbered articles (A) fit the calibration, a
logistic map from the reader's evidence (best span minus "no answer" score) to the chance
that the question is answerable, and choose the threshold: the highest that refuses at most
``--max-wrongly-refused`` of the answerable questions (people mostly ask what the news says; a
question the articles do not touch scores far lower than SQuAD 2.0's near-miss questions). The
threshold that maximises the SQuAD 2.0 score (a refusal is right for an unanswerable question,
an answer scores its exact match) is printed beside it. The odd-numbered articles (B) only report. ``--write`` stores both in ``qa/reader_model/reader.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.evaluate import exact_match, f1_score  # noqa: E402
from qa.reader import MODEL_DIR  # noqa: E402


def scores(has: np.ndarray, em: np.ndarray, f1: np.ndarray, probability: np.ndarray, threshold: float) -> dict[str, float]:
    """SQuAD 2.0 figures when answers below ``threshold`` are refused (``has``: answerable; ``em``/``f1``: of the answer given)."""
    answered = probability >= threshold
    overall = np.where(has, em * answered, ~answered)
    return {
        "questions": len(has),
        "no_answer_refused": float((~answered[~has]).mean()),
        "answerable_answered": float(answered[has].mean()),
        "answerable_exact_match": float((em * answered)[has].mean()),
        "answerable_f1": float((f1 * answered)[has].mean()),
        "overall_exact_match": float(overall.mean()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, help="report of `qa eval` on SQuAD 2.0 with --threshold 0")
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--max-wrongly-refused", type=float, default=0.02, help="share of answerable questions the threshold may refuse on A")
    parser.add_argument("--write", action="store_true", help="store the calibration and threshold in the model's reader.json")
    args = parser.parse_args()

    from sklearn.linear_model import LogisticRegression

    report = json.loads(args.report.read_text(encoding="utf-8"))
    if report["settings"].get("threshold") != 0 or report["settings"].get("extractor") != "reader":
        sys.exit("the report must come from `qa eval ... --extractor reader --threshold 0` (every question answered)")
    rows = [r for r in report["results"] if r["confidence"] is not None]
    if not report["settings"].get("calibration"):
        sys.exit("the report does not say which calibration made its confidences; rerun `qa eval`")
    settings_file = args.model / "reader.json"
    settings = json.loads(settings_file.read_text(encoding="utf-8"))
    scale, shift = report["settings"]["calibration"]["scale"], report["settings"]["calibration"]["shift"]
    confidence = np.clip([r["confidence"] for r in rows], 1e-12, 1 - 1e-12)
    evidence = (np.log(confidence / (1 - confidence)) - shift) / scale  # undo the calibration the report was made with

    articles = sorted({r["gold_docs"][0].split("#")[0] for r in rows})
    fit_side = set(articles[::2])
    side = np.array([r["gold_docs"][0].split("#")[0] in fit_side for r in rows])
    has = np.array([bool(r["answers"]) for r in rows])
    model = LogisticRegression(C=1e4).fit(evidence[side, None], has[side])
    new_scale, new_shift = float(model.coef_[0][0]), float(model.intercept_[0])
    if not (math.isfinite(new_scale) and new_scale > 0):
        sys.exit(f"calibration failed: more evidence must mean more likely answerable (scale {new_scale})")
    probability = 1 / (1 + np.exp(-(new_scale * evidence + new_shift)))

    em = np.array([max(exact_match(r["prediction"] or "", a) for a in r["answers"]) if r["answers"] else 0.0 for r in rows])
    f1 = np.array([max(f1_score(r["prediction"] or "", a) for a in r["answers"]) if r["answers"] else 0.0 for r in rows])

    def on(part: np.ndarray, threshold: float) -> dict[str, float]:
        return scores(has[part], em[part], f1[part], probability[part], threshold)

    grid = np.round(np.arange(0.0, 1.0, 0.01), 2)
    squad2_best = max(grid, key=lambda t: on(side, t)["overall_exact_match"])
    best = max(t for t in grid if 1 - on(side, t)["answerable_answered"] <= args.max_wrongly_refused)
    print(f"calibration: p = 1 / (1 + exp(-({new_scale:.3f} * evidence + {new_shift:.3f})))  (fit on {int(side.sum())} questions, {len(fit_side)} articles)")
    print(f"threshold chosen on A: {best:.2f} (answerable questions refused <= {args.max_wrongly_refused}); best SQuAD 2.0 score on A at {squad2_best:.2f}")
    for name, part in (("A (fit)", side), ("B (held out)", ~side)):
        for t in (best, squad2_best):
            figures = on(part, t)
            print(f"{name:<13} t={t:.2f} " + "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()))
    held = probability[~side]
    bins = np.linspace(0, 1, 6)
    print("reliability on B (predicted -> share answerable):")
    for lo, hi in zip(bins[:-1], bins[1:]):
        inside = (held >= lo) & (held < hi if hi < 1 else held <= hi)
        if inside.any():
            print(f"  {lo:.1f}-{hi:.1f}: {inside.sum():5d} questions, mean predicted {held[inside].mean():.3f}, answerable {has[~side][inside].mean():.3f}")
    if args.write:
        settings["calibration"] = {"scale": round(new_scale, 4), "shift": round(new_shift, 4)}
        settings["threshold"] = float(best)
        settings["calibrated_on"] = {
            "set": Path(report["questions_file"]).name,
            "fit": "even-numbered articles (sorted by title)",
            "rule": f"highest threshold refusing at most {args.max_wrongly_refused} of answerable questions on the fit half",
            "held_out": on(~side, best),
        }
        settings_file.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {settings_file}")


if __name__ == "__main__":
    main()
