"""Hybrid retrieval: dense (FAISS over MiniLM vectors) and lexical (BM25) hits, fused into one ranking."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import cached_property, lru_cache
from itertools import islice
from typing import Iterable, Iterator, Literal, Sequence

import numpy as np

from index.backend import Backend, Where
from index.embed import Embedder
from index.runtime import available_cpus
from index.types import Document
from qa.constraints import shorthand_words
from qa.filters import admits
from qa.recency import DATE_SCALE_DAYS, DATE_WEIGHT, date_prior
from qa.types import ArticleFilter, Hit

Fusion = Literal["rrf", "score", "dense", "lexical"]
RRF_K = 60
# Chosen on SQuAD v1.1 dev, open setting (10,570 questions over 2,067 paragraphs, depth 100,
# title-headed passages), recall@1/5/20: dense only 0.642/0.871/0.957 (depth 50, no titles),
# BM25 only 0.759/0.918/0.969, RRF 0.741/0.933/0.984; score fusion w=0.5 0.804/0.954/0.986,
# w=0.6 0.807/0.956/0.988 (kept), w=0.7 see bench/retrieval_fusion.py.
DENSE_WEIGHT = 0.6
MERGE_DISCOUNT = 0.9  # of a later query's scores in ``retrieve_merged``
FILTERS_KEPT = 32  # the article sets of recent filters kept by a retriever (one index version)


def fuse_rrf(dense: Sequence[int], lexical: Sequence[int], k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: each list adds 1 / (k + rank) for every id it holds."""
    scores: dict[int, float] = {}
    for ranking in (dense, lexical):
        for rank, pid in enumerate(ranking, start=1):
            scores[pid] = scores.get(pid, 0.0) + 1.0 / (k + rank)
    return scores


def fuse_scores(
    dense: Sequence[tuple[int, float]], lexical: Sequence[tuple[int, float]], dense_weight: float = 0.5
) -> dict[int, float]:
    """Convex combination of scores normalised per list: cosine as is, BM25 divided by the list's best score.

    Unlike RRF this keeps how far apart the hits are, which is what separates a
    passage that matches the question well from one that merely ranks first.
    """
    scores: dict[int, float] = {}
    for pid, score in dense:
        scores[pid] = dense_weight * max(float(score), 0.0)
    top = max((s for _, s in lexical), default=0.0)
    if top > 0:
        for pid, score in lexical:
            scores[pid] = scores.get(pid, 0.0) + (1.0 - dense_weight) * float(score) / top
    return scores


@lru_cache(maxsize=1)
def _searches() -> ThreadPoolExecutor:
    """The threads BM25 searches run on, one per core."""
    return ThreadPoolExecutor(max_workers=available_cpus(), thread_name_prefix="bm25")


class Retriever:
    """Searches a ``Backend`` (``index.backend``) both ways and fuses the results."""

    def __init__(
        self,
        index: Backend,
        embedder: Embedder,
        depth: int = 100,
        fusion: Fusion = "score",
        dense_weight: float = DENSE_WEIGHT,
        date_weight: float = DATE_WEIGHT,
        date_scale_days: float = DATE_SCALE_DAYS,
        one_copy: bool = True,
    ) -> None:
        """``date_weight``, ``date_scale_days``: what a question's date adds to passages of articles near it
        (``qa.recency``); the weight is on the scale of score fusion, whose scores lie between 0 and 1.
        ``one_copy``: passages of one copy of a story only (the best ranked; ``index.copies``), so copies
        do not push other articles out of the top passages."""
        if depth < 1:
            raise ValueError(f"depth must be at least 1, got {depth}")
        self.index = index
        self.embedder = embedder
        self.depth = depth
        self.fusion = fusion
        self.dense_weight = dense_weight
        self.date_weight = date_weight
        self.date_scale_days = date_scale_days
        self.one_copy = one_copy
        self._within: dict[ArticleFilter, Where] = {}

    def like(self, index: Backend) -> "Retriever":
        """A retriever with these settings over another version of the index."""
        return Retriever(index, self.embedder, self.depth, self.fusion, self.dense_weight, self.date_weight, self.date_scale_days, self.one_copy)

    def retrieve(self, query: str, k: int = 10, as_of: date | None = None, within: ArticleFilter | None = None) -> list[Hit]:
        """The ``k`` best passages for ``query``; with ``as_of``, articles dated near that day rank higher;
        with ``within``, only passages of the articles inside that filter (none when no article is)."""
        return self.retrieve_many([query], k, [as_of], within)[0]

    def retrieve_many(
        self, queries: Sequence[str], k: int = 10, as_of: Sequence[date | None] | None = None, within: ArticleFilter | None = None
    ) -> list[list[Hit]]:
        """Batch form of ``retrieve``: one embedding call for all queries (``as_of``: one date or None per query)."""
        where = self.where(within) if within is not None else None
        if len(self.index) == 0 or (where is not None and not where.doc_ids):
            return [[] for _ in queries]
        depth = max(self.depth, k)
        queries = [" ".join([query, *shorthand_words(query)]) for query in queries]  # "Q3" is found as the articles write it, "third quarter"
        # BM25 runs on other threads while the questions are embedded (ONNX Runtime lets go of the GIL):
        # 8.1 -> 6.1 ms p50 for both searches of a question on a 100k-passage index (docs/benchmarks.md).
        lexical = [_searches().submit(self.lexical, query, depth, where) for query in queries]
        vectors = self.embedder.embed(list(queries))
        dense_scores, dense_ids = self.index.search_dense(vectors, depth, where)
        days = as_of or [None] * len(queries)
        return [self._fuse(dense_ids[i], dense_scores[i], lexical[i].result(), k, days[i]) for i in range(len(queries))]

    def retrieve_merged(
        self, queries: Sequence[str], k: int = 10, as_of: date | None = None, discount: float = MERGE_DISCOUNT, within: ArticleFilter | None = None
    ) -> list[Hit]:
        """The ``k`` best passages for any of ``queries``, the most trusted first (a question and its rewordings).

        Each passage keeps its best score, the scores of each later query multiplied by ``discount``
        once more: a later query adds what the first one misses, and outranks it only by a margin.
        """
        best: dict[tuple[str, int], Hit] = {}
        for n, hits in enumerate(self.retrieve_many(list(queries), k, [as_of] * len(queries), within)):
            for hit in hits:
                hit = hit.model_copy(update={"score": hit.score * discount**n}) if n else hit
                key = (hit.passage.doc_id, hit.passage.start)
                if key not in best or hit.score > best[key].score:
                    best[key] = hit
        return sorted(best.values(), key=lambda h: -h.score)[:k]

    def _one_copy_each(self, ranked: Iterable[tuple[int, float]]) -> Iterator[tuple[int, float]]:
        """``ranked`` less the passages of a story's other copies than the first one ranked."""
        shown: dict[str, str] = {}  # story: the document shown for it
        for pid, score in ranked:
            doc_id = self.index.document_of(pid).id
            if shown.setdefault(self.index.story(doc_id), doc_id) == doc_id:
                yield pid, score

    def lexical(self, query: str, depth: int, where: Where | None = None) -> list[tuple[int, float]]:
        """The BM25 hits of ``query``: (passage id, score), best first; ``where`` limits the passages searched."""
        ids, scores = self.index.search_lexical(query, depth, where)
        return list(zip(ids.tolist(), scores.tolist()))

    def where(self, within: ArticleFilter) -> Where:
        """The backend's filter for the articles inside ``within``: their ids (empty when none is)."""
        where = self._within.get(within)
        if where is None:
            ids = frozenset(d.id for d in self._dated_between(within.since, within.until) if admits(within, d.date, d.source))
            where = Where(doc_ids=ids)  # the days are already in the choice of articles
            if len(self._within) >= FILTERS_KEPT:
                self._within.clear()
            self._within[within] = where
        return where

    def _dated_between(self, since: date | None, until: date | None) -> Iterable[Document]:
        """The articles dated from ``since`` to ``until`` (every article when neither is set), found by bisection."""
        if since is None and until is None:
            return self.index.documents.values()
        days, documents = self._by_date
        return documents[bisect_left(days, since) if since else 0 : bisect_right(days, until) if until else len(days)]

    @cached_property
    def _by_date(self) -> tuple[list[date], list[Document]]:
        """The dated articles of this index version in date order, with their days: a date filter is a range of them."""
        dated = sorted(((date.fromisoformat(d.date), d) for d in self.index.documents.values() if d.date), key=lambda pair: pair[0])
        return [day for day, _ in dated], [d for _, d in dated]

    def _fuse(
        self, dense_ids: np.ndarray, dense_scores: np.ndarray, lexical: list[tuple[int, float]], k: int, as_of: date | None = None
    ) -> list[Hit]:
        dense = [(int(p), float(s)) for p, s in zip(dense_ids, dense_scores) if p >= 0]
        if self.fusion == "rrf":
            fused = fuse_rrf([p for p, _ in dense], [p for p, _ in lexical])
        elif self.fusion == "dense":
            fused = dict(dense)
        elif self.fusion == "lexical":
            fused = dict(lexical)
        else:
            fused = fuse_scores(dense, lexical, self.dense_weight)
        if as_of is not None:
            for pid in fused:
                fused[pid] += date_prior(self.index.document_of(pid).date, as_of, self.date_weight, self.date_scale_days)
        dense_rank = {p: r for r, (p, _) in enumerate(dense, start=1)}
        lexical_rank = {p: r for r, (p, _) in enumerate(lexical, start=1)}
        ranked = sorted(fused.items(), key=lambda item: -item[1])
        best = list(islice(self._one_copy_each(ranked), k)) if self.one_copy else ranked[:k]
        return [
            Hit(
                passage=self.index.passage(pid),
                document=self.index.document_of(pid),
                score=score,
                dense_rank=dense_rank.get(pid),
                lexical_rank=lexical_rank.get(pid),
            )
            for pid, score in best
        ]
