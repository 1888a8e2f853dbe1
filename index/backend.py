"""The seam between the product and where passages are stored and searched: one interface, two backends.

- ``faiss`` (default, embedded): immutable segments of FAISS vectors and bm25s postings in the
  index folder (``index.corpus_index``).
- ``milvus``: a Milvus collection (a Milvus server, Milvus Distributed, Zilliz Cloud, or a Milvus
  Lite file), with the index folder as its catalogue (``index.milvus``).

Every backend passes the same shared test (tests/test_backends.py). Retrieval (``qa.retrieve``),
answering (``qa.api``) and updates (``index.update``) only use what ``Backend`` lists; the
hybrid ranking and the date prior (``qa.recency``) are computed above the seam, so both backends
rank alike. A passage id (``pid``) is whatever the backend uses as its key: a row of a snapshot
for FAISS, a stable hash of the passage for Milvus.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Protocol, Sequence, runtime_checkable

import numpy as np
from pydantic import BaseModel, ConfigDict

from index.manifest import MANIFEST, Manifest

if TYPE_CHECKING:
    from index.embed import Embedder
    from index.manifest import DocumentEntry, DuplicateEntry, SegmentEntry
    from index.segment import Part
    from index.types import Document, Passage

BACKENDS: tuple[str, ...] = ("faiss", "milvus")
DEFAULT_BACKEND = "faiss"


class Where(BaseModel):
    """A filter on the passages searched: documents by id, and articles dated within [since, until].

    A date bound keeps dated articles only. Both backends apply it inside the search (a FAISS
    selector and a bm25s mask; a Milvus scalar filter), so the top k are the top k of what passes.
    """

    model_config = ConfigDict(frozen=True)

    doc_ids: frozenset[str] | None = None
    since: date | None = None
    until: date | None = None

    def admits(self, doc: "Document") -> bool:
        if self.doc_ids is not None and doc.id not in self.doc_ids:
            return False
        return in_days(doc.date, self.since, self.until)


def in_days(day: str | None, since: date | None, until: date | None) -> bool:
    """Whether an article dated ``day`` (ISO, or None) falls within [since, until]; an undated one does only when neither is set."""
    if since is None and until is None:
        return True
    if day is None:
        return False
    when = date.fromisoformat(day)
    return (since is None or when >= since) and (until is None or when <= until)


@runtime_checkable
class Backend(Protocol):
    """One consistent version of an index, whatever stores it: documents, passages, both searches, changes."""

    manifest: Manifest
    documents: Mapping[str, "Document"]  # every indexed document by id: what citations point into
    version: object  # fingerprint of the committed version this was read from or written as

    def __len__(self) -> int: ...  # live passages

    def passage(self, pid: int) -> "Passage": ...

    def document_of(self, pid: int) -> "Document": ...

    def part(self, doc_id: str) -> tuple["Part", np.ndarray]: ...  # a document's spans and their vectors, to reuse

    def story(self, doc_id: str) -> str: ...

    def copies(self, doc_id: str) -> list[tuple[str, "DocumentEntry | DuplicateEntry"]]: ...

    def segment_entries(self) -> list["SegmentEntry"]: ...

    def search_dense(self, queries: np.ndarray, k: int, where: Where | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (scores, pids) per query row (inner product of unit vectors); missing slots have pid -1."""
        ...

    def search_lexical(self, query: str, k: int, where: Where | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (pids, BM25 scores) with a positive score, best first (``index.words.bm25_terms`` analysis)."""
        ...

    def unknown_words(self, text: str) -> list[str]: ...

    def changed(self, manifest: Manifest, parts: Sequence["Part"], vectors: np.ndarray | None, progress: bool = False) -> "Backend":
        """This index with ``parts`` (re)indexed and every document ``manifest`` no longer lists, or lists
        among ``parts``, dropped: ``manifest`` is the new catalogue (``index.update.apply_changes``)."""
        ...

    def commit(self, folder: Path, generation: int) -> "Backend":
        """Make this version the current one of ``folder`` (the caller holds its writer lock)."""
        ...


def recorded_backend(folder: Path) -> dict:
    """The backend, URI and collection the manifest at ``folder`` names, read even from a damaged index (default: faiss)."""
    import json

    try:
        info = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8")).get("backend") or {}
    except (OSError, ValueError, AttributeError):
        info = {}
    return {"backend": info.get("name") or DEFAULT_BACKEND, "uri": info.get("uri"), "collection": info.get("collection")}


def open_index(folder: Path | str, embedder: "Embedder | None" = None, reuse: Backend | None = None) -> Backend:
    """Open the current version of the index at ``folder`` on whichever backend built it."""
    folder = Path(folder)
    if recorded_backend(folder)["backend"] == "milvus":
        from index.milvus import MilvusIndex

        return MilvusIndex.open(folder, embedder, reuse)
    from index.corpus_index import CorpusIndex

    return CorpusIndex.open(folder, embedder, reuse if isinstance(reuse, CorpusIndex) else None)

