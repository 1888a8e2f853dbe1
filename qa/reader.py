"""The extractive reader: for a question and short windows of text, the best answer span of each
window and how strongly the window answers the question at all.

A MiniLM-L6 (all-MiniLM-L6-v2 with a span head) fine-tuned on SQuAD v1.1 reading windows, with
"no answer" windows labelled at [CLS] as in SQuAD 2.0 (``tools/train_reader.py``), shipped as fused
int8 ONNX in ``qa/reader_model/`` with its tokenizer and a model card; it runs on ONNX Runtime, offline.

Scores, per window: ``span`` = start logit + end logit of the best span (at most
``MAX_ANSWER_TOKENS`` word pieces, inside the window); ``null`` = the same at [CLS]. Their
difference is the evidence that the window holds an answer; ``probability`` maps it through the
logistic calibration stored beside the model (``reader.json``), fitted on held-out questions.
"""

from __future__ import annotations

import json
import math
import threading
from functools import cached_property
from pathlib import Path
from typing import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from index.embed import cpu_session, cpu_threads
from index.errors import NewsQAError

MODEL_DIR = Path(__file__).parent / "reader_model"
MAX_LENGTH = 192  # word pieces of question + window, as in training
MAX_ANSWER_TOKENS = 30


class Reading(BaseModel):
    """The reader's best span in one window; ``start``/``end`` are offsets into the window text."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    span: float
    null: float

    @property
    def evidence(self) -> float:
        """How much more the reader believes this span than "no answer here"."""
        return self.span - self.null


class Reader:
    """The shipped reader model on ONNX Runtime; one instance per process is enough (``load_reader``)."""

    def __init__(self, folder: Path = MODEL_DIR, threads: int | None = None) -> None:
        self.folder = Path(folder)
        for name in ("model.onnx", "tokenizer.json", "reader.json"):
            if not (self.folder / name).is_file():
                raise NewsQAError(f"the reader model is incomplete: {self.folder / name} is missing")
        self.threads = threads or cpu_threads()
        settings = json.loads((self.folder / "reader.json").read_text(encoding="utf-8"))
        self.scale = float(settings["calibration"]["scale"])
        self.shift = float(settings["calibration"]["shift"])
        self.threshold = float(settings["threshold"])

    @cached_property
    def tokenizer(self):  # noqa: ANN201 - tokenizers.Tokenizer
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        # Cut the longer of question and window first: the window, unless the question is the longer
        # (training cut only windows; a question of 500 characters can exceed the whole input).
        tokenizer.enable_truncation(max_length=MAX_LENGTH, strategy="longest_first")
        tokenizer.no_padding()
        return tokenizer

    @cached_property
    def session(self):  # noqa: ANN201 - onnxruntime.InferenceSession
        return cpu_session(self.folder / "model.onnx", self.threads)

    def probability(self, evidence: float) -> float:
        """Calibrated probability that a window with this evidence answers the question."""
        x = self.scale * evidence + self.shift
        return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))  # no overflow either way

    def read(self, question: str, windows: Sequence[str]) -> list[Reading]:
        """The best span of each window (in order), read in one batch."""
        if not windows:
            return []
        encodings = self.tokenizer.encode_batch([(question, w) for w in windows])
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        for r, e in enumerate(encodings):
            ids[r, : len(e.ids)] = e.ids
            types[r, : len(e.ids)] = e.type_ids
            mask[r, : len(e.ids)] = 1
        starts, ends = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
        return [_best_span(e, s, t) for e, s, t in zip(encodings, starts, ends)]


def _best_span(encoding, start_logits: np.ndarray, end_logits: np.ndarray) -> Reading:  # noqa: ANN001 - tokenizers.Encoding
    """The highest-scoring span of window tokens no longer than ``MAX_ANSWER_TOKENS``, as window character offsets."""
    context = np.array([s == 1 for s in encoding.sequence_ids] + [False] * (len(start_logits) - len(encoding.ids)))
    null = float(start_logits[0] + end_logits[0])
    if not context.any():
        return Reading(start=0, end=0, span=-math.inf, null=null)
    s = np.where(context, start_logits, -np.inf)
    e = np.where(context, end_logits, -np.inf)
    scores = s[:, None] + e[None, :]
    n = len(s)
    band = np.triu(np.ones((n, n), dtype=bool)) & ~np.triu(np.ones((n, n), dtype=bool), MAX_ANSWER_TOKENS)
    scores = np.where(band, scores, -np.inf)
    i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
    offsets = encoding.offsets
    return Reading(start=offsets[i][0], end=offsets[j][1], span=float(scores[i, j]), null=null)


_reader: Reader | None = None
_loading = threading.Lock()


def load_reader() -> Reader:
    """The shipped reader, loaded once per process."""
    global _reader
    with _loading:
        if _reader is None:
            _reader = Reader()
        return _reader
