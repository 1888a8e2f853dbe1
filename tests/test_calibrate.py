"""tools/calibrate_reader.py on a synthetic SQuAD 2.0 report: fit on half the articles, write reader.json."""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
import sys

from conftest import ROOT
from qa.reader import MODEL_DIR

TOOL = ROOT / "tools" / "calibrate_reader.py"


def report(calibration: dict | None) -> dict:
    """Answerable questions have higher evidence than unanswerable ones, with overlap; half the predictions are right."""
    rng = random.Random(3)
    rows = []
    for n in range(400):
        answerable = n % 2 == 0
        evidence = rng.gauss(4.0 if answerable else -2.0, 3.0)
        rows.append({
            "gold_docs": [f"Article{n % 7}#0"],
            "answers": ["Paris"] if answerable else [],
            "prediction": "Paris" if answerable and n % 4 == 0 else "Lyon",
            "confidence": 1 / (1 + math.exp(-evidence)),
        })
    return {"settings": {"threshold": 0, "extractor": "reader", "calibration": calibration}, "questions_file": "v2.json", "results": rows}


def run(tmp_path, data: dict) -> subprocess.CompletedProcess:
    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return subprocess.run([sys.executable, str(TOOL), str(path), "--model", str(model), "--write"], capture_output=True, text=True)


def test_fits_on_one_half_and_writes_the_calibration(tmp_path):
    result = run(tmp_path, report({"scale": 1.0, "shift": 0.0}))
    assert result.returncode == 0, result.stderr
    settings = json.loads((tmp_path / "model" / "reader.json").read_text(encoding="utf-8"))
    assert settings["calibration"]["scale"] > 0
    assert 0.0 <= settings["threshold"] < 1.0
    held = settings["calibrated_on"]["held_out"]
    assert held["answerable_answered"] >= 0.9  # the rule: at most 2 % refused on the fit half
    assert "B (held out)" in result.stdout


def test_refuses_a_report_that_does_not_say_its_calibration(tmp_path):
    result = run(tmp_path, report(None))
    assert result.returncode != 0
    assert "which calibration" in result.stderr
