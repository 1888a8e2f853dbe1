"""Segments: immutable slices of the index, each a folder of plain files.

A segment holds some documents, their passages (character spans), one vector per
passage and the BM25 postings of those passages. It is written once (to a temp name,
fsynced, renamed) and never changed; an update adds a new segment, a merge writes a new
one from the live rows of old ones. Which rows are live is decided by the manifest, not
by the segment, so a segment can be shared by every version of the index that lists it.

    segments/<name>/segment.json     what it holds, and the sha256 of every file
    segments/<name>/documents.jsonl  one Document per line
    segments/<name>/passages.npy     (rows, 3) int64: document line, start, end
    segments/<name>/vectors.npy      (rows, dim) float32, unit length
    segments/<name>/lexical/         bm25s postings of the passage texts

Within a segment the passages of one document are consecutive rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from index.chunk import index_text
from index.errors import IndexFormatError
from index.files import fsync_tree, remove_tree
from index.lexical import Bm25Index
from index.store import FaissStore
from index.types import Document, Passage

SEGMENTS = "segments"
INFO = "segment.json"
DOCUMENTS = "documents.jsonl"
PASSAGES = "passages.npy"
VECTORS = "vectors.npy"
Part = tuple[Document, Sequence[tuple[int, int]]]  # a document and the (start, end) spans of its passages
# numpy parses every .npy header with ast.literal_eval, and CPython 3.11's AST conversion keeps
# its recursion depth in shared state: two threads loading at once can raise
# "SystemError: AST constructor recursion depth mismatch". Segment files are read one thread at a time.
_READ_LOCK = threading.Lock()
PROGRESS_FROM = 5000  # passages: smaller segments are indexed too fast for a progress bar to help


class Segment:
    """One immutable segment in memory: documents, spans, vectors (FAISS) and BM25, by row."""

    def __init__(
        self,
        name: str,
        documents: list[Document],
        rows: np.ndarray,
        vectors: np.ndarray,
        lexical: Bm25Index,
        dense: FaissStore | None = None,
    ) -> None:
        self.name = name
        self.documents = documents
        self.rows = np.asarray(rows, dtype=np.int64).reshape(-1, 3)  # document line, start, end
        self.vectors = vectors
        self.lexical = lexical
        # Exact search is rebuilt from the vectors in a moment; an approximate index is saved with the segment.
        self.dense = dense if dense is not None else FaissStore.for_vectors(np.asarray(vectors, dtype=np.float32))
        self.doc_rows: dict[str, tuple[int, int]] = {}
        lines = self.rows[:, 0]
        bounds = np.flatnonzero(np.diff(lines)) + 1
        for first, last in zip(np.r_[0, bounds], np.r_[bounds, len(lines)]):
            if last > first:
                self.doc_rows[documents[int(lines[first])].id] = (int(first), int(last))
        self.by_id = {doc.id: doc for doc in documents}

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def passage(self, row: int) -> Passage:
        line, start, end = (int(x) for x in self.rows[row])
        doc = self.documents[line]
        return Passage(doc_id=doc.id, start=start, end=end, text=doc.text[start:end])

    def document_of(self, row: int) -> Document:
        """The document row ``row`` was cut from."""
        return self.documents[int(self.rows[row, 0])]

    def live_mask(self, live: dict[str, str]) -> np.ndarray | None:
        """Rows whose document's current version is here (``live``: document id -> segment name); None if all are."""
        alive = np.array([live.get(doc.id) == self.name for doc in self.documents], dtype=bool)
        if alive.all():
            return None
        return alive[self.rows[:, 0]] if len(self.rows) else np.zeros(0, dtype=bool)

    # -- making ---------------------------------------------------------------------------

    @classmethod
    def build(cls, name: str, parts: Sequence[Part], vectors: np.ndarray, progress: bool = False) -> "Segment":
        """A segment of ``parts`` (each document with its passage spans) and ``vectors``, one row per span in order.

        The vectors come as one matrix and the passage texts are cut from the documents only as
        BM25 reads them: a whole corpus would otherwise hold each passage's vector and text twice.
        """
        documents = [doc for doc, _ in parts]
        rows = np.array([(line, start, end) for line, (_, spans) in enumerate(parts) for start, end in spans], dtype=np.int64).reshape(-1, 3)
        if len(vectors) != len(rows):
            raise ValueError(f"{len(vectors)} vectors for {len(rows)} passages")
        texts = (index_text(doc, start, end) for doc, spans in parts for start, end in spans)
        lexical = Bm25Index.build(texts, len(rows), progress=progress and len(rows) >= PROGRESS_FROM)
        return cls(name, documents, rows, np.asarray(vectors, dtype=np.float32), lexical)

    def part(self, doc_id: str) -> tuple[Part, np.ndarray]:
        """One document of this segment with its passage spans, and their vectors, to copy into another segment."""
        first, last = self.doc_rows.get(doc_id, (0, 0))
        spans = [(int(start), int(end)) for _, start, end in self.rows[first:last]]
        return (self.by_id[doc_id], spans), np.asarray(self.vectors[first:last])

    # -- disk -----------------------------------------------------------------------------

    def save(self, segments_dir: Path) -> None:
        """Write to ``segments_dir/<name>``: into a temp folder, fsynced, then renamed into place."""
        final = Path(segments_dir) / self.name
        tmp = Path(segments_dir) / f".{self.name}.{os.getpid()}.tmp"
        remove_tree(tmp)
        tmp.mkdir(parents=True)
        with open(tmp / DOCUMENTS, "w", encoding="utf-8") as f:
            for doc in self.documents:
                f.write(doc.model_dump_json() + "\n")
        np.save(tmp / PASSAGES, self.rows)
        np.save(tmp / VECTORS, np.ascontiguousarray(self.vectors, dtype=np.float32))
        if len(self.rows):
            self.lexical.save(tmp)
        if self.dense.approximate:
            self.dense.save(tmp)
        files = {str(p.relative_to(tmp)): _sha256(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        info = {"name": self.name, "passages": len(self.rows), "documents": len(self.documents), "dim": self.dim, "dense": self.dense.description, "files": files}
        (tmp / INFO).write_text(json.dumps(info, indent=1), encoding="utf-8")
        fsync_tree(tmp)
        os.replace(tmp, final)
        with _READ_LOCK:
            self.vectors = np.load(final / VECTORS, mmap_mode="r")  # FAISS has its own copy: keep this one in the page cache only

    @classmethod
    def load(cls, segments_dir: Path, name: str) -> "Segment":
        folder = Path(segments_dir) / name
        try:
            info = json.loads((folder / INFO).read_text(encoding="utf-8"))
            with open(folder / DOCUMENTS, encoding="utf-8") as f:
                documents = [Document.model_validate_json(line) for line in f]
            with _READ_LOCK:
                rows = np.load(folder / PASSAGES)
                vectors = np.load(folder / VECTORS, mmap_mode="r")
                lexical = Bm25Index.load(folder, len(rows))
            dense = FaissStore.load(folder) if (folder / FaissStore.FILE).is_file() else None
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise IndexFormatError(f"segment {folder} is damaged ({exc})") from exc
        stored = len(rows) if dense is None else len(dense)
        if len(rows) != info.get("passages") or vectors.shape[0] != len(rows) or stored != len(rows) or len(documents) != info.get("documents"):
            raise IndexFormatError(
                f"segment {folder} is inconsistent: {len(rows)} passages, {vectors.shape[0]} vectors, "
                f"{stored} in FAISS, {len(documents)} documents, its segment.json says {info.get('passages')} and {info.get('documents')}"
            )
        return cls(name, documents, rows, vectors, lexical, dense)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file of a segment folder except segment.json (for the consistency check)."""
    return {str(p.relative_to(folder)): _sha256(p) for p in sorted(folder.rglob("*")) if p.is_file() and p.name != INFO}
