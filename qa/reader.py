"""The extractive reader: for a question and short windows of text, the best answer span of each
window and how strongly the window answers the question at all.

A MiniLM-L6 (all-MiniLM-L6-v2 with a span head) fine-tuned on SQuAD v1.1 reading windows, with
"no answer" windows labelled at [CLS] as in SQuAD 2.0 (``tools/train_reader.py``), shipped as fused
int8 ONNX in ``qa/reader_model/`` with its tokenizer and a model card; it runs on ONNX Runtime, offline.

Scores, per window: ``span`` = start logit + end logit of the best span (at most
``MAX_ANSWER_TOKENS`` word pieces, inside the window); ``null`` = the same at [CLS]. Their
difference is the evidence that the window holds an answer, one of the signals of an answer's
confidence (``qa.confidence``).
"""

from __future__ import annotations

import math
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from index.runtime import available_cpus, cpu_session, exact_int8
from index.errors import NewsQAError

MODEL_DIR = Path(__file__).parent / "reader_model"
MAX_LENGTH = 192  # word pieces of question + window, as in training
MAX_ANSWER_TOKENS = 30  # an answer is a phrase, not a clause: the same limit as BERT's SQuAD recipe
ALTERNATIVES = 8  # spans kept per window, best first: the best one of the asked kind may not be the first


class Reading(BaseModel):
    """The reader's best span in one window; ``start``/``end`` are offsets into the window text."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    span: float
    null: float
    alternatives: tuple[tuple[int, int, float], ...] = ()  # (start, end, span score) of the best spans, the best first

    @property
    def evidence(self) -> float:
        """How much more the reader believes this span than "no answer here"."""
        return self.span - self.null


class Reader:
    """The shipped reader model on ONNX Runtime; one instance per process is enough (``load_reader``)."""

    def __init__(self, folder: Path = MODEL_DIR, threads: int | None = None) -> None:
        self.folder = Path(folder)
        for name in ("model.onnx", "tokenizer.json"):
            if not (self.folder / name).is_file():
                raise NewsQAError(f"the reader model is incomplete: {self.folder / name} is missing")
        self.threads = threads or available_cpus()

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
        # One thread per run: the windows of a question run side by side instead (``read``).
        import onnx

        from index.fusions import split_skip_layer_norms

        model = exact_int8(split_skip_layer_norms(onnx.load(str(self.folder / "model.onnx"))))
        return cpu_session(model.SerializeToString(), 1, disabled_optimizers=["SkipLayerNormFusion"])

    @cached_property
    def _pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="qa-reader")

    def read(self, question: str, windows: Sequence[str]) -> list[Reading]:
        """The best span of each window (in order).

        Each window is read alone, in a single-threaded run, the windows shared out over the
        CPUs. Alone, because the model quantises its activations per run: read in one batch, a
        window's reading moved with its batch-mates and their padding (the best window changed
        for some questions); alone, it depends on the question and its own text only.
        Side by side, because one-thread runs hand nothing between threads, which is faster than
        one batch on all threads (docs/log.md, 2026-11-30).
        """
        windows = list(windows)
        if self.threads == 1 or len(windows) < 2:
            return [self._read_one(question, w) for w in windows]
        return list(self._pool.map(lambda w: self._read_one(question, w), windows))

    def _read_one(self, question: str, window: str) -> Reading:
        encoding = self.tokenizer.encode(question, window)
        ids = np.array([encoding.ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.array([encoding.type_ids], dtype=np.int64)}
        starts, ends = self.session.run(None, feed)
        return _best_span(encoding, starts[0], ends[0])


def _best_span(encoding, start_logits: np.ndarray, end_logits: np.ndarray) -> Reading:  # noqa: ANN001 - tokenizers.Encoding
    """The highest-scoring span of window tokens no longer than ``MAX_ANSWER_TOKENS``, as window character offsets."""
    context = np.array([s == 1 for s in encoding.sequence_ids])
    null = float(start_logits[0] + end_logits[0])
    if not context.any():
        return Reading(start=0, end=0, span=-math.inf, null=null)
    s = np.where(context, start_logits, -np.inf)
    e = np.where(context, end_logits, -np.inf)
    scores = s[:, None] + e[None, :]
    n = len(s)
    band = np.triu(np.ones((n, n), dtype=bool)) & ~np.triu(np.ones((n, n), dtype=bool), MAX_ANSWER_TOKENS)
    scores = np.where(band, scores, -np.inf)
    flat = scores.ravel()
    top = np.argpartition(-flat, min(ALTERNATIVES, flat.size) - 1)[:ALTERNATIVES]
    top = [int(t) for t in top[np.argsort(-flat[top])] if np.isfinite(flat[t])]
    offsets = encoding.offsets
    spans = []
    for t in top:
        i, j = divmod(t, n)
        spans.append((offsets[i][0], offsets[j][1], float(flat[t])))
    best = spans[0]
    return Reading(start=best[0], end=best[1], span=best[2], null=null, alternatives=tuple(spans))


_reader: Reader | None = None
_loading = threading.Lock()


def load_reader() -> Reader:
    """The shipped reader, loaded once per process."""
    global _reader
    with _loading:
        if _reader is None:
            _reader = Reader()
        return _reader
