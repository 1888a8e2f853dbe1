"""tools/fit_confidence.py on synthetic candidates: fit, choose the threshold, write a model the product loads, score it."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

from conftest import ROOT
from qa.confidence import FEATURES, ConfidenceModel, Signals

TOOL = ROOT / "tools" / "fit_confidence.py"


def candidates(path, n: int = 300) -> None:
    """Right answers have more reader evidence and fewer unmet constraints than wrong ones, with overlap."""
    rng = random.Random(5)
    with open(path, "w", encoding="utf-8") as out:
        for q in range(n):
            answerable = q % 3 != 0
            for c in range(2):
                right = answerable and c == 0 and rng.random() < 0.8
                signals = dict.fromkeys(FEATURES, 0.0) | {
                    "evidence": rng.gauss(6.0 if right else -1.0, 3.0),
                    "unmet_article": float(not right and rng.random() < 0.5),
                    "passage_score": rng.uniform(0.3, 0.9),
                }
                row = {"set": "bbc" if q % 2 else "squad", "id": str(q), "kind": "factoid" if answerable else "near_miss",
                       "answerable": answerable, "answer": "x", "right": right, "signals": [signals[f] for f in FEATURES]}
                out.write(json.dumps(row) + "\n")


def test_fits_writes_and_scores_a_model_the_product_loads(tmp_path):
    data, model = tmp_path / "candidates.jsonl", tmp_path / "confidence.json"
    candidates(data)
    fitted = subprocess.run([sys.executable, str(TOOL), "fit", str(data), "--write", "--out", str(model)], capture_output=True, text=True)
    assert fitted.returncode == 0, fitted.stderr
    loaded = ConfidenceModel.load(model)
    weights = dict(zip(FEATURES, loaded.weights))
    assert weights["evidence"] > 0 and weights["unmet_article"] < 0  # more evidence: more likely right; an unmet constraint: less
    assert 0.05 <= loaded.threshold <= 0.95
    assert "answerable right" in fitted.stdout and "near_miss" in fitted.stdout
    scored = subprocess.run([sys.executable, str(TOOL), "score", str(data), "--model", str(model)], capture_output=True, text=True)
    assert scored.returncode == 0, scored.stderr
    assert f"threshold {loaded.threshold:.2f}" in scored.stdout and "AUROC" in scored.stdout
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    found = {r["id"] for r in rows if r["right"] and r["set"] == "bbc"}  # what the best ranking could answer
    chosen = next(line for line in scored.stdout.splitlines() if line.startswith("bbc:"))
    assert f"a right candidate was read for {len(found)})" in chosen and len(found) < 150


def test_threshold_keeps_every_right_answer_of_the_kept_set(tmp_path):
    data, model = tmp_path / "candidates.jsonl", tmp_path / "confidence.json"
    candidates(data)
    weak = dict.fromkeys(FEATURES, 0.0) | {"evidence": -1.0, "passage_score": 0.5}  # right, but the reader doubts it
    with open(data, "a", encoding="utf-8") as out:
        out.write(json.dumps({"set": "seeds", "id": "s1", "kind": "seeds", "answerable": True, "answer": "x", "right": True,
                              "signals": [weak[f] for f in FEATURES]}) + "\n")
    fitted = subprocess.run([sys.executable, str(TOOL), "fit", str(data), "--write", "--out", str(model)], capture_output=True, text=True)
    assert fitted.returncode == 0, fitted.stderr
    loaded = ConfidenceModel.load(model)
    kept = loaded.probability(Signals(**weak))
    assert loaded.threshold <= kept  # the seeds answer stays answered
    assert "seeds: threshold" in fitted.stdout and "answerable right 1/1" in fitted.stdout


def test_collects_realtimeqa_candidates_from_its_gold_articles_and_others(realtimeqa_dir, tmp_path):
    """The real embedder and reader over a tiny RealTimeQA set, indexed as ``qa eval --docs 1`` indexes it."""
    out = tmp_path / "rtqa.jsonl"
    run = subprocess.run(
        [sys.executable, str(TOOL), "collect", "realtimeqa", str(realtimeqa_dir / "questions_dev.jsonl"), "--docs", "1",
         "--index", str(tmp_path / "index"), "--out", str(out)],
        capture_output=True, text=True, env=os.environ | {"HF_HUB_OFFLINE": "1"},
    )
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in rows} == {"20220610_0", "20220610_2"} and {r["set"] for r in rows} == {"realtimeqa"}
    assert any(r["right"] and "Hong Kong" in r["answer"] for r in rows if r["id"] == "20220610_0")
    assert all(len(r["signals"]) == len(FEATURES) for r in rows if r["signals"] is not None)


def test_squad_halves_split_the_articles_and_a_folds_split_half_a(tmp_path):
    import argparse
    import gzip

    sys.path.insert(0, str(ROOT / "tools"))
    from fit_confidence import _questions

    articles = [
        {"title": f"Article {i}", "paragraphs": [{"context": f"Article {i} was written in {1900 + i}.",
                                                   "qas": [{"id": f"q{i}", "question": f"When was article {i} written?",
                                                            "answers": [{"text": str(1900 + i), "answer_start": 22 if i < 10 else 23}]}]}]}
        for i in range(8)
    ]
    path = tmp_path / "squad2.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump({"version": "v2.0", "data": articles}, f)

    def ids(half: str) -> set[str]:
        _, _, questions = _questions(argparse.Namespace(kind="squad", questions=str(path), half=half))
        return {q.id for q in questions}

    assert ids("A") == {"q0", "q2", "q4", "q6"} and ids("B") == {"q1", "q3", "q5", "q7"}
    assert ids("A1") == {"q0", "q4"} and ids("A2") == {"q2", "q6"}
