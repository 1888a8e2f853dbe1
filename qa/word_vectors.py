"""Sentence vectors together with contextual word vectors, from one forward pass of the embedder.

The extractor wants, besides the sentence embedding, a vector per word (the MiniLM
token embeddings that the sentence embedding is the mean of) to match question and
sentence words loosely ("marry" / "married", "team up with" / "joined"). Sentence
transformers return both from the same pass, so this costs nothing extra.

``encode(embedder, texts)`` returns one ``Encoded`` per text. Word vectors are
available when the embedder offers ``embed_with_tokens(texts)``, wraps a
sentence-transformers model (``.model`` with a fast tokenizer) or is the ONNX
embedder of ``index.embed`` (``.session`` and ``.tokenizer``); otherwise only the
sentence vector is filled and ``words`` is None, and the extractor falls back to
its lexical features. Results are memoised by (embedder name, text) in a bounded
LRU (``CACHE_SIZE`` texts), so a follow-up question over the same articles skips
the model.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from qa.spans import tokenize

__all__ = ["CACHE_SIZE", "Encoded", "encode", "pool_words"]

CACHE_SIZE = 4096


@dataclass(frozen=True)
class Encoded:
    vector: np.ndarray  # (dim,) float32, unit length
    words: np.ndarray | None  # (words of qa.spans.tokenize(text), dim) float16, unit rows (zero when truncated away)


_cache: OrderedDict[tuple[str, str], Encoded] = OrderedDict()


def cache_items() -> list[tuple[tuple[str, str], Encoded]]:
    """The memo's content (the dev harness saves it between runs)."""
    return list(_cache.items())


def prefill(items: Sequence[tuple[tuple[str, str], Encoded]]) -> None:
    for key, value in items:
        _cache[key] = value
    _trim()


def _trim() -> None:
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)


def pool_words(text: str, offsets: np.ndarray, pieces: np.ndarray) -> np.ndarray:
    """Mean of the word-piece vectors of each word of ``tokenize(text)``, unit-normalised, float16."""
    words = tokenize(text)
    dim = pieces.shape[1]
    out = np.zeros((len(words), dim), dtype=np.float32)
    if not words or len(offsets) == 0:
        return out.astype(np.float16)
    starts = np.array([w.start for w in words])
    ends = np.array([w.end for w in words])
    piece_starts = offsets[:, 0]
    real = offsets[:, 1] > offsets[:, 0]
    index = np.searchsorted(starts, piece_starts, side="right") - 1
    ok = real & (index >= 0)
    ok[ok] &= piece_starts[ok] < ends[index[ok]]
    np.add.at(out, index[ok], pieces[ok])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out.astype(np.float16)


def _model_of(embedder):
    model = getattr(embedder, "model", None)
    if model is None or not hasattr(model, "tokenizer") or not callable(getattr(model, "encode", None)):
        return None
    if not getattr(model.tokenizer, "is_fast", False):
        return None
    return model


def _is_onnx(embedder) -> bool:
    return hasattr(type(embedder), "session") and hasattr(type(embedder), "tokenizer") and callable(getattr(embedder, "embed", None))


def _encode_with_onnx(embedder, texts: list[str], batch_size: int = 64) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The same for ``index.embed.OnnxEmbedder``: its tokenizer gives the offsets, its session the token vectors."""
    encodings = embedder.tokenizer.encode_batch(texts)
    session = embedder.session
    needs_type_ids = "token_type_ids" in {i.name for i in session.get_inputs()}
    order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
    results: list[tuple[np.ndarray, np.ndarray, np.ndarray] | None] = [None] * len(texts)
    for at in range(0, len(order), batch_size):
        rows = order[at : at + batch_size]
        width = len(encodings[rows[0]].ids)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for r, i in enumerate(rows):
            ids[r, : len(encodings[i].ids)] = encodings[i].ids
            mask[r, : len(encodings[i].ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if needs_type_ids:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(None, feed)[0].astype(np.float32)
        for r, i in enumerate(rows):
            n = len(encodings[i].ids)
            pieces = hidden[r, :n]
            vector = pieces.mean(axis=0)
            results[i] = (vector, np.asarray(encodings[i].offsets, dtype=np.int64).reshape(-1, 2), pieces)
    return results  # type: ignore[return-value]


def _encode_with_model(model, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(sentence vector, piece offsets, piece vectors) per text, from one batched forward pass."""
    outputs = model.encode(texts, output_value=None, batch_size=64, show_progress_bar=False)
    max_length = getattr(model, "max_seq_length", 256)
    tokenized = model.tokenizer(texts, return_offsets_mapping=True, truncation=True, max_length=max_length)
    results = []
    for output, offsets in zip(outputs, tokenized["offset_mapping"]):
        mask = output["attention_mask"].bool()
        pieces = output["token_embeddings"][mask].float().cpu().numpy()
        vector = output["sentence_embedding"].float().cpu().numpy()
        offsets = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
        n = min(len(offsets), len(pieces))
        results.append((vector, offsets[:n], pieces[:n]))
    return results


def encode(embedder, texts: Sequence[str]) -> list[Encoded]:
    """Sentence vector (and word vectors when the embedder can give them) of each text, memoised."""
    name = getattr(embedder, "name", type(embedder).__name__)
    keys = [(name, t) for t in texts]
    missing = list(dict.fromkeys(t for k, t in zip(keys, texts) if k not in _cache))
    fresh: dict[str, Encoded] = {}
    if missing:
        provider = getattr(embedder, "embed_with_tokens", None)
        onnx = not callable(provider) and _is_onnx(embedder)
        model = None if callable(provider) or onnx else _model_of(embedder)
        if callable(provider):
            for text, (vector, offsets, pieces) in zip(missing, provider(missing)):
                fresh[text] = _make(text, vector, offsets, pieces)
        elif onnx:
            for text, (vector, offsets, pieces) in zip(missing, _encode_with_onnx(embedder, missing)):
                fresh[text] = _make(text, vector, offsets, pieces)
        elif model is not None:
            for text, (vector, offsets, pieces) in zip(missing, _encode_with_model(model, missing)):
                fresh[text] = _make(text, vector, offsets, pieces)
        else:
            for text, vector in zip(missing, embedder.embed(missing)):
                fresh[text] = Encoded(np.asarray(vector, dtype=np.float32), None)
    results = []
    for key, text in zip(keys, texts):
        value = fresh.get(text)
        if value is None:
            value = _cache[key]
            _cache.move_to_end(key)
        else:
            _cache[key] = value
        results.append(value)
    _trim()
    return results


def _make(text: str, vector: np.ndarray, offsets: np.ndarray, pieces: np.ndarray) -> Encoded:
    vector = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    if norm > 0:
        vector = vector / norm
    return Encoded(vector, pool_words(text, np.asarray(offsets), np.asarray(pieces, dtype=np.float32)))
