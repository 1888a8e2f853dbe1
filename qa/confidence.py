"""One confidence: the calibrated probability that an answer is right.

Each candidate answer is described by the signals that tell a right answer from a wrong one
(``Signals``): how strongly the reader prefers the span to "no answer here", whether the span is
of the kind asked, whether its context meets the question's names, years and numbers, how well
retrieval scored its passage, and how many windows found the same answer. A logistic model over them, fitted on development questions
by ``tools/fit_confidence.py`` and stored in ``qa/reader_model/confidence.json``, turns them into
the probability that the answer is right; answers below the stored threshold are refused.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "reader_model" / "confidence.json"


@dataclass(frozen=True, slots=True)
class Signals:
    """What is known of one candidate answer when its confidence is computed."""

    evidence: float  # the reader's span score minus its "no answer" score in the window
    type_agrees: float  # 1: the span is of the asked kind
    unmet_sentence: float  # how many of the question's names, years, numbers the answer's sentence, title and date do not mention
    unmet_article: float  # of those, how many the whole article does not mention
    passage_score: float  # the passage's retrieval score (hybrid, 0..1 plus the date prior)
    agreeing_windows: float  # other windows that found the same answer

    def vector(self) -> list[float]:
        return list(asdict(self).values())


FEATURES = tuple(Signals.__dataclass_fields__)


class ConfidenceModel:
    """The fitted logistic model and the refusal threshold (``confidence.json``)."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"the confidence model names unknown signals: {', '.join(sorted(unknown))}")
        self.weights = [float(weights.get(name, 0.0)) for name in FEATURES]
        self.bias = float(bias)
        self.threshold = float(threshold)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "ConfidenceModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["threshold"])

    def probability(self, signals: Signals) -> float:
        """The probability that the candidate described by ``signals`` is a right answer."""
        x = self.bias + sum(w * v for w, v in zip(self.weights, signals.vector()))
        return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


# (lowest probability, words): how a confidence reads to a person, the number staying on hover and in the API
WORDS = ((0.8, "very likely right"), (0.6, "likely right"), (0.4, "uncertain"), (0.0, "doubtful"))


def in_words(probability: float) -> str:
    """The confidence as a reader understands it: "very likely right", "likely right", "uncertain" or "doubtful"."""
    return next(words for lowest, words in WORDS if probability >= lowest)
