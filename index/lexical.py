"""BM25 over passages with bm25s: English stop words, Snowball stemming, ids are row numbers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import bm25s
import numpy as np
import Stemmer

logging.getLogger("bm25s").setLevel(logging.WARNING)

_stemmer = Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str], progress: bool = False) -> list[list[str]]:
    """Lower-cased, stop-worded, stemmed tokens: the same analysis for passages and queries."""
    return bm25s.tokenize(
        list(texts), stopwords="en", stemmer=_stemmer, return_ids=False, show_progress=progress
    )


class Bm25Index:
    """A bm25s index whose document ids are the row numbers of the texts it was built from."""

    FOLDER = "lexical"

    def __init__(self, model: bm25s.BM25, size: int) -> None:
        self.model = model
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str], progress: bool = False) -> "Bm25Index":
        model = bm25s.BM25()
        if texts:
            model.index(tokenize(texts, progress), show_progress=progress)
        return cls(model, len(texts))

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (row ids, scores) with a positive score; ``mask`` (0/1 per row) hides rows."""
        tokens = tokenize([query])
        if self.size == 0 or not tokens[0] or not set(tokens[0]) & self.model.vocab_dict.keys():
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        k = min(k, self.size)
        ids, scores = self.model.retrieve(tokens, k=k, show_progress=False, weight_mask=mask)
        ids, scores = ids[0].astype(np.int64), scores[0]
        keep = scores > 0
        return ids[keep], scores[keep]

    def save(self, folder: Path) -> None:
        self.model.save(str(Path(folder) / self.FOLDER), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> "Bm25Index":
        path = Path(folder) / cls.FOLDER
        model = bm25s.BM25.load(str(path), show_progress=False) if size else bm25s.BM25()
        return cls(model, size)
