"""BM25 over passages with bm25s (terms by ``index.words.bm25_terms``), ids are row numbers.

bm25s cannot delete a row, and its scores bake in the statistics (document frequency,
document count) of the rows it was built from. A segmented index therefore keeps one
``Bm25Index`` per immutable segment and searches them together with ``search_segments``:
dead rows are masked out, and each segment's term scores are rescaled from its own IDF
to the IDF of all segments together, so a small new segment ranks like the rest.
"""

from __future__ import annotations

import logging
from pathlib import Path
from itertools import islice
from typing import Iterable, Sequence

import bm25s
import numpy as np
from tqdm import tqdm

from index.words import bm25_terms

logging.getLogger("bm25s").setLevel(logging.WARNING)

NO_WORDS = "\x00"  # stands for "no word" in segments where no row has one; no query token can equal it


BATCH = 10_000  # texts tokenized at a time while building
# BM25 term saturation and length normalisation, saved with each index: Anserini's defaults, which
# retrieved better than bm25s's 1.5 / 0.75 on SQuAD-open and no worse on RealTimeQA (docs/log.md,
# 2026-11-30, "BM25 parameters").
K1, B = 0.9, 0.4


class Bm25Index:
    """A bm25s index whose document ids are the row numbers of the texts it was built from."""

    FOLDER = "lexical"

    def __init__(self, model: bm25s.BM25, size: int) -> None:
        self.model = model
        self.size = size

    @classmethod
    def build(cls, texts: Iterable[str], total: int | None = None, progress: bool = False) -> "Bm25Index":
        """BM25 over ``texts`` (``total``: how many, for the progress bar), read a batch at a time.

        Each batch is tokenized and its words turned into ids of one shared vocabulary at once, so
        neither all the texts nor all their words as strings are held together; bm25s then indexes
        the ids as it would the words (with passages kept as spans, this cut the peak memory of a
        large build by more than a third: docs/log.md).
        """
        model = bm25s.BM25(k1=K1, b=B)
        vocab: dict[str, int] = {}
        ids: list[list[int]] = []
        with tqdm(total=total, desc="BM25", unit=" passages", disable=not progress) as bar:
            rest = iter(texts)
            while batch := list(islice(rest, BATCH)):
                ids.extend([vocab.setdefault(word, len(vocab)) for word in words] for words in bm25_terms(batch))
                bar.update(len(batch))
        if ids:
            if not vocab:  # bm25s cannot index rows that hold no word at all (e.g. only "—.")
                vocab, ids = {NO_WORDS: 0}, [[0] for _ in ids]
            model.index((ids, vocab), show_progress=progress)
        return cls(model, len(ids))

    def term_postings(self, tokens: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray] | None]:
        """For each query token, its (rows, scores) postings here, or None when the token is unknown."""
        if self.size == 0:
            return [None for _ in tokens]
        vocab = self.model.vocab_dict
        indptr = self.model.scores["indptr"]
        out: list[tuple[np.ndarray, np.ndarray] | None] = []
        for token in tokens:
            tid = vocab.get(token)
            if tid is None or tid + 1 >= len(indptr):
                out.append(None)
                continue
            start, end = int(indptr[tid]), int(indptr[tid + 1])
            out.append((self.model.scores["indices"][start:end], self.model.scores["data"][start:end]))
        return out

    def save(self, folder: Path) -> None:
        self.model.save(str(Path(folder) / self.FOLDER), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> "Bm25Index":
        path = Path(folder) / cls.FOLDER
        model = bm25s.BM25.load(str(path), show_progress=False) if size else bm25s.BM25()
        return cls(model, size)


def lucene_idf(df: np.ndarray, n: float) -> np.ndarray:
    """The IDF bm25s uses by default (Lucene's): log(1 + (N - df + 0.5) / (df + 0.5))."""
    return np.log1p((n - df + 0.5) / (df + 0.5))


def search_segments(
    indexes: Sequence[Bm25Index],
    masks: Sequence[np.ndarray | None],
    query: str,
    k: int,
    global_idf: bool = True,
) -> list[tuple[int, int, float]]:
    """Top ``k`` (segment, row, score) over several indexes; ``masks[i]`` (bool per row, or None) keeps live rows.

    With ``global_idf`` each term's score in a segment is multiplied by idf(all) / idf(segment),
    computed from the document counts and frequencies of every segment: the ranking of one
    BM25 built over all rows, up to the average passage length, which stays per segment.
    """
    tokens = bm25_terms([query])[0]
    if not tokens or not indexes:
        return []
    postings = [index.term_postings(tokens) for index in indexes]
    weights = [np.ones(len(tokens)) for _ in indexes]
    if global_idf:
        dfs = np.array([[0 if p is None else len(p[0]) for p in rows] for rows in postings], dtype=np.float64)
        sizes = np.array([index.size for index in indexes], dtype=np.float64)
        idf_all = lucene_idf(dfs.sum(axis=0), sizes.sum())
        for i in range(len(indexes)):
            idf_own = lucene_idf(dfs[i], sizes[i])
            weights[i] = np.divide(idf_all, idf_own, out=np.zeros_like(idf_all), where=idf_own > 0)
    found: list[tuple[int, int, float]] = []
    for i, (index, mask) in enumerate(zip(indexes, masks)):
        if all(p is None for p in postings[i]):
            continue
        scores = np.zeros(index.size, dtype=np.float32)
        for posting, weight in zip(postings[i], weights[i]):
            if posting is not None:
                rows, values = posting
                scores[rows] += values * np.float32(weight)
        matched = np.flatnonzero(scores > 0)  # the top k among the rows a query word reaches, not all rows
        if mask is not None:
            matched = matched[mask[matched]]
        top = min(k, len(matched))
        rows = matched[np.argpartition(-scores[matched], top - 1)[:top]] if top < len(matched) else matched
        found.extend((i, int(r), float(scores[r])) for r in rows)
    found.sort(key=lambda hit: (-hit[2], hit[0], hit[1]))
    return found[:k]
