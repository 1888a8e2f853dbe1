"""Segments: immutable slices of the index, each a folder of plain files.

A segment holds some documents, their passages (character spans), one vector per
passage and the BM25 postings of those passages. It is written once (to a temp name,
fsynced, renamed) and never changed; an update adds a new segment, a merge writes a new
one from the live rows of old ones. Which rows are live is decided by the manifest, not
by the segment, so a segment can be shared by every version of the index that lists it.

    segments/<name>/segment.json     what it holds, and the size and sha256 of every file
    segments/<name>/documents.jsonl  one Document per line
    segments/<name>/passages.npy     (rows, 3) int64: document line, start, end
    segments/<name>/vectors.npy      (rows, dim) float32, unit length
    segments/<name>/lexical/         bm25s postings of the passage texts

Within a segment the passages of one document are consecutive rows.

A segment is verified when it is opened: every file it lists must be there with its recorded
size, files up to ``VERIFY_MAX_BYTES`` must match their checksum (a single changed letter in
a stored article is caught), and the arrays must fit each other and the documents. A damaged
segment raises ``IndexFormatError`` saying what is wrong; nothing is answered from it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
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
# Files up to this size are checksummed each time a segment is opened (a few milliseconds for a
# segment of thousands of articles); larger ones, the vectors of a big segment, are checked by size and shape.
VERIFY_MAX_BYTES = 64 * 1024 * 1024


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
        stored = [p for p in sorted(tmp.rglob("*")) if p.is_file()]
        files = {str(p.relative_to(tmp)): _sha256(p) for p in stored}
        sizes = {str(p.relative_to(tmp)): p.stat().st_size for p in stored}
        info = {
            "name": self.name, "passages": len(self.rows), "documents": len(self.documents), "dim": self.dim,
            "dense": self.dense.description, "files": files, "sizes": sizes,
        }
        (tmp / INFO).write_text(json.dumps(info, indent=1), encoding="utf-8")
        fsync_tree(tmp)
        os.replace(tmp, final)
        with _READ_LOCK:
            self.vectors = np.load(final / VECTORS, mmap_mode="r")  # FAISS has its own copy: keep this one in the page cache only

    @classmethod
    def load(cls, segments_dir: Path, name: str, verify: bool = True) -> "Segment":
        """Open a saved segment, verified (see the module docstring); ``verify=False`` skips the checksums
        (``qa index check`` compares them itself, to report what else disagrees).

        Raises ``FileNotFoundError`` when a file is missing (a writer may just have retired the
        segment), ``IndexFormatError`` when it is damaged.
        """
        folder = Path(segments_dir) / name
        try:
            info = json.loads((folder / INFO).read_text(encoding="utf-8"))
            if not isinstance(info, dict) or not isinstance(info.get("files"), dict):
                raise IndexFormatError(f"its {INFO} is not a segment description")
            if verify:
                _verify_files(folder, info)
            with open(folder / DOCUMENTS, encoding="utf-8") as f:
                documents = [Document.model_validate_json(line) for line in f]
            with _READ_LOCK:
                rows = np.load(folder / PASSAGES)
                vectors = np.load(folder / VECTORS, mmap_mode="r")
                lexical = Bm25Index.load(folder, len(rows))
            dense = FaissStore.load(folder) if (folder / FaissStore.FILE).is_file() else None
            _check_arrays(info, documents, rows, vectors, dense)
        except FileNotFoundError:
            raise
        except IndexFormatError as exc:
            raise IndexFormatError(f"segment {name}: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - whatever a damaged file makes a parser raise
            raise IndexFormatError(f"segment {name}: {type(exc).__name__}: {exc}") from exc
        return cls(name, documents, rows, vectors, lexical, dense)


def _verify_files(folder: Path, info: dict) -> None:
    """Every file ``segment.json`` lists is a regular file of its recorded size; the smaller ones match their checksum."""
    sizes = info.get("sizes") or {}
    for relpath, digest in info["files"].items():
        path = folder / relpath
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise IndexFormatError(f"{relpath} is not a file")
        if relpath in sizes and st.st_size != sizes[relpath]:
            raise IndexFormatError(f"{relpath} is {st.st_size} bytes, its {INFO} says {sizes[relpath]}")
        if st.st_size <= VERIFY_MAX_BYTES and _sha256(path) != digest:
            raise IndexFormatError(f"{relpath} does not match the checksum its {INFO} records")


def _check_arrays(info: dict, documents: list[Document], rows: np.ndarray, vectors: np.ndarray, dense: FaissStore | None) -> None:
    """The passages, vectors and documents of a segment fit each other and its ``segment.json``."""
    if rows.ndim != 2 or rows.shape[1] != 3 or not np.issubdtype(rows.dtype, np.integer):
        raise IndexFormatError(f"{PASSAGES} holds an array of shape {rows.shape} ({rows.dtype}), not passages")
    if vectors.ndim != 2 or vectors.dtype != np.float32 or vectors.shape[1] != info.get("dim"):
        raise IndexFormatError(f"{VECTORS} holds an array of shape {vectors.shape} ({vectors.dtype}); {info.get('dim')} dimensions expected")
    stored = len(rows) if dense is None else len(dense)
    if len(rows) != info.get("passages") or vectors.shape[0] != len(rows) or stored != len(rows) or len(documents) != info.get("documents"):
        raise IndexFormatError(
            f"{len(rows)} passages, {vectors.shape[0]} vectors, {stored} in FAISS and {len(documents)} documents, "
            f"its {INFO} says {info.get('passages')} passages and {info.get('documents')} documents"
        )
    if len(rows):
        lines, starts, ends = rows[:, 0], rows[:, 1], rows[:, 2]
        if lines.min() < 0 or lines.max() >= len(documents) or np.any(np.diff(lines) < 0):
            raise IndexFormatError(f"{PASSAGES} points at documents the segment does not hold, or out of order")
        lengths = np.array([len(doc.text) for doc in documents], dtype=np.int64)
        if starts.min() < 0 or np.any(starts > ends) or np.any(ends > lengths[lines]):
            raise IndexFormatError(f"{PASSAGES} holds spans outside their documents' text")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file of a segment folder except segment.json (for the consistency check)."""
    return {str(p.relative_to(folder)): _sha256(p) for p in sorted(folder.rglob("*")) if p.is_file() and p.name != INFO}
