"""A deterministic bag-of-words hashing embedder: no model, so index bookkeeping is tested and
crash-tested fast (the tests' ``fake_embedder`` fixture, bench/crash.py). It counts what it embeds."""

from __future__ import annotations

import hashlib

import numpy as np


class FakeEmbedder:
    """Each word adds one to a hashed coordinate; rows are scaled to unit length. Keeps every text it embeds."""

    name = "fake/hashing-64"
    dim = 64

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        self.embedded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)
