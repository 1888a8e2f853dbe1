"""The index itself: documents, passages, dense vectors and BM25 postings, in memory and on disk.

On disk it is a folder of plain files, readable without this code:

    manifest.json        format, model, chunking, every document (hash, segment), the live segments
    segments/<name>/     immutable segments (see ``index.segment``)
    lock                 held by the one process writing the folder (see ``index.files``)

A ``CorpusIndex`` is one version of that folder, opened from one manifest: an immutable
snapshot. Updates (``index.update``) make a new snapshot that shares the unchanged
segments with the old one, so a reader holding the old snapshot is never disturbed.

Passage ids are shared by FAISS and BM25: the row number within a segment plus the
segment's offset in this snapshot (the rows of all its segments, live or not, one after
the other). They are stable for the life of a snapshot, not across versions.
"""

from __future__ import annotations

import bisect
import logging
import secrets
from functools import cached_property
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Sequence

import faiss
import numpy as np

from index.embed import Embedder
from index.errors import IndexFormatError
from index.files import fsync_dir, remove_tree
from index.lexical import search_segments
from index.manifest import (
    MANIFEST,
    REBUILD_HINT,
    DocumentEntry,
    DuplicateEntry,
    EmbedderInfo,
    Manifest,
    SegmentEntry,
    check_embedder,
    manifest_version,
    read_manifest_version,
    write_manifest,
)
from index.backend import Where
from index.segment import SEGMENTS, Part, Segment
from index.store import APPROXIMATE_FROM
from index.types import ChunkSettings, Document, Passage
from index.words import WORD, bm25_terms

log = logging.getLogger(__name__)

WHERE_MASKS_KEPT = 32  # passage masks of recent filters kept by a snapshot
OPEN_ATTEMPTS = 5  # a writer may retire a segment between our reading the manifest and the segment
LEGACY_FILES = ("documents.jsonl", "passages.jsonl", "dense.faiss", "lexical")  # format 1, removed on the first write


def new_segment_name(generation: int) -> str:
    """Unique for ever: the generation that made it and a random suffix (a crashed writer's leftovers never clash)."""
    return f"{generation:06d}-{secrets.token_hex(4)}"


class DenseSearch:
    """FAISS over every segment of a snapshot, dead rows excluded, ids are snapshot passage ids."""

    def __init__(self, segments: Sequence[Segment], offsets: Sequence[int], masks: Sequence[np.ndarray | None], dim: int) -> None:
        self.segments, self.offsets, self.masks, self.dim = segments, offsets, masks, dim
        self._selectors = [None if m is None else _bitmap_selector(m) for m in masks]
        self._live = sum(len(s) if m is None else int(m.sum()) for s, m in zip(segments, masks))

    def __len__(self) -> int:
        return self._live

    def search(self, queries: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (scores, ids) per query row over all live passages; missing slots have id -1.
        ``mask`` (bool per passage id) hides more passages."""
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(1, min(k, self._live)) if self._live else 1
        parts_scores, parts_ids = [], []
        for segment, offset, mask_here, selector in zip(self.segments, self.offsets, self.masks, self._selectors):
            if mask is not None:
                own = mask[offset : offset + len(segment)]
                mask_here = own if mask_here is None else mask_here & own
            if len(segment) == 0 or (mask_here is not None and not mask_here.any()):
                continue
            kk = min(k, len(segment))
            if mask is not None and segment.dense.approximate and mask_here.sum() < APPROXIMATE_FROM:
                # HNSW finds few of a small share of its rows: score those rows exactly, as a small segment would be
                scores, ids = _exact_search(queries, segment.vectors, np.flatnonzero(mask_here), kk)
            else:
                if mask is not None:
                    selector = _bitmap_selector(mask_here)
                scores, ids = segment.dense.search(queries, kk, None if selector is None else selector[0])
            parts_scores.append(np.where(ids >= 0, scores, -np.inf))
            parts_ids.append(np.where(ids >= 0, ids + offset, -1))
        if not parts_ids:
            return np.full((len(queries), k), -np.inf, np.float32), np.full((len(queries), k), -1, np.int64)
        scores, ids = np.concatenate(parts_scores, axis=1), np.concatenate(parts_ids, axis=1)
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        scores, ids = np.take_along_axis(scores, order, 1), np.take_along_axis(ids, order, 1)
        if ids.shape[1] < k:
            pad = k - ids.shape[1]
            scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
        return scores.astype(np.float32), ids.astype(np.int64)


class LexicalSearch:
    """BM25 over every segment of a snapshot, dead rows excluded, IDF of the whole index."""

    def __init__(self, segments: Sequence[Segment], offsets: Sequence[int], masks: Sequence[np.ndarray | None], global_idf: bool = True) -> None:
        self.segments, self.offsets, self.masks, self.global_idf = segments, offsets, masks, global_idf

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (passage ids, scores) with a positive score; ``mask`` (0/1 per passage id) hides more."""
        masks = list(self.masks)
        if mask is not None:
            mask = np.asarray(mask).astype(bool)
            for i, (segment, offset) in enumerate(zip(self.segments, self.offsets)):
                own = mask[offset : offset + len(segment)]
                masks[i] = own if masks[i] is None else masks[i] & own
        hits = search_segments([s.lexical for s in self.segments], masks, query, k, self.global_idf)
        ids = np.array([self.offsets[i] + row for i, row, _ in hits], dtype=np.int64)
        return ids, np.array([score for _, _, score in hits], dtype=np.float32)

    def unknown_words(self, text: str) -> list[str]:
        """The words of ``text`` that no passage uses, after the same analysis as search (stop words are never unknown)."""
        words = WORD.findall(text)
        vocabularies = [s.lexical.model.vocab_dict for s in self.segments if s.lexical.size]
        return [w for w, terms in zip(words, bm25_terms(words)) if terms and not any(all(t in v for t in terms) for v in vocabularies)]


def _exact_search(queries: np.ndarray, vectors: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top ``k`` (inner-product scores, row ids) per query among ``rows`` of ``vectors``, scored one by one.
    FAISS's own scan, not a NumPy product: the BLAS threads a product leaves spinning slow the reader
    that runs next."""
    k = min(k, len(rows))
    scores, top = faiss.knn(queries, np.ascontiguousarray(vectors[rows], dtype=np.float32), k, metric=faiss.METRIC_INNER_PRODUCT)
    return scores, rows[top]


def _bitmap_selector(mask: np.ndarray) -> tuple[faiss.IDSelector, np.ndarray]:
    bits = np.packbits(mask.astype(bool), bitorder="little")
    return faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bits)), bits  # keep the bits alive with the selector


class Stories:
    """The stories an index's documents tell, from its manifest (``index.copies``): shared by every backend."""

    manifest: Manifest

    def story(self, doc_id: str) -> str:
        """The first document of the story ``doc_id`` tells (itself, unless it is a near copy: ``index.copies``)."""
        entry = self.manifest.documents.get(doc_id)
        return (entry.copy_of if entry is not None else None) or doc_id

    def copies(self, doc_id: str) -> list[tuple[str, DocumentEntry | DuplicateEntry]]:
        """The other publications of the story ``doc_id`` tells, in id order: its near copies and the exact
        duplicates of each (listed, not indexed), with their titles, sources and dates."""
        return [(other, entry) for other, entry in self._stories.get(self.story(doc_id), []) if other != doc_id]

    @cached_property
    def _stories(self) -> dict[str, list[tuple[str, DocumentEntry | DuplicateEntry]]]:
        told: dict[str, list[tuple[str, DocumentEntry | DuplicateEntry]]] = {}
        entries = [*self.manifest.documents.items(), *self.manifest.duplicates.items()]
        for doc_id, entry in sorted(entries):
            indexed = entry.of if isinstance(entry, DuplicateEntry) else doc_id
            told.setdefault(self.story(indexed), []).append((doc_id, entry))
        return {root: members for root, members in told.items() if len(members) > 1}


class CorpusIndex(Stories):
    """One consistent version of the index: everything retrieval needs, aligned on passage ids."""

    def __init__(self, manifest: Manifest, segments: Sequence[Segment], version: tuple[int, int] | None = None) -> None:
        self.manifest = manifest
        self.segments = list(segments)
        self.version = version  # fingerprint of the manifest file this snapshot was read from or written as
        live = {doc_id: entry.segment for doc_id, entry in manifest.documents.items()}
        self.masks = [segment.live_mask(live) for segment in self.segments]
        self.offsets = [0]
        for segment in self.segments:
            self.offsets.append(self.offsets[-1] + len(segment))
        by_name = {s.name: s for s in self.segments}
        self.documents: dict[str, Document] = {}
        for doc_id, entry in manifest.documents.items():
            segment = by_name.get(entry.segment)
            if segment is None or doc_id not in segment.by_id:
                raise IndexFormatError(f"the manifest puts {doc_id!r} in segment {entry.segment!r}, which does not hold it")
            self.documents[doc_id] = segment.by_id[doc_id]
        dim = manifest.embedder.dim
        for segment in self.segments:
            if segment.dim != dim:
                raise IndexFormatError(f"segment {segment.name} holds vectors of {segment.dim} dimensions, the index uses {dim}")
        self.dense = DenseSearch(self.segments, self.offsets[:-1], self.masks, dim)
        self.lexical = LexicalSearch(self.segments, self.offsets[:-1], self.masks)

    def __len__(self) -> int:
        """Live passages."""
        return len(self.dense)

    # -- searching (``index.backend.Backend``) ------------------------------------------------

    def search_dense(self, queries: np.ndarray, k: int, where: Where | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (scores, passage ids) per query row; missing slots have id -1."""
        return self.dense.search(queries, k, self._mask(where))

    def search_lexical(self, query: str, k: int, where: Where | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` BM25 (passage ids, scores) with a positive score."""
        return self.lexical.search(query, k, self._mask(where))

    def unknown_words(self, text: str) -> list[str]:
        return self.lexical.unknown_words(text)

    def _mask(self, where: Where | None) -> np.ndarray | None:
        """Which passage ids ``where`` lets through (None: all), kept for the next search with it."""
        if where is None:
            return None
        masks = self.__dict__.setdefault("_where_masks", {})
        if where not in masks:
            if len(masks) >= WHERE_MASKS_KEPT:
                masks.clear()
            dated = where.since is not None or where.until is not None
            masks[where] = self.passage_mask(where.admits) if dated or where.doc_ids is None else self._documents_mask(where.doc_ids)
        return masks[where]

    @property
    def dead(self) -> int:
        """Rows kept in segments for documents that were changed or removed since (tombstones)."""
        return self.offsets[-1] - len(self)

    def passage(self, pid: int) -> Passage:
        """The passage with id ``pid``, its text sliced from the stored document."""
        segment, row = self._locate(pid)
        return segment.passage(row)

    def document_of(self, pid: int) -> Document:
        """The document passage ``pid`` was cut from (without slicing the passage's text)."""
        segment, row = self._locate(pid)
        return segment.document_of(row)

    def _locate(self, pid: int) -> tuple[Segment, int]:
        i = bisect.bisect_right(self.offsets, pid) - 1
        if not 0 <= i < len(self.segments):
            raise IndexError(f"no passage {pid} in this index")
        return self.segments[i], pid - self.offsets[i]

    def part(self, doc_id: str) -> tuple[Part, np.ndarray]:
        """An indexed document with its passage spans, and their vectors (to reuse them for the same text)."""
        return {s.name: s for s in self.segments}[self.manifest.documents[doc_id].segment].part(doc_id)

    def passage_ids(self) -> Iterator[int]:
        """Ids of the live passages, in order."""
        for segment, offset, mask in zip(self.segments, self.offsets, self.masks):
            rows = range(len(segment)) if mask is None else np.flatnonzero(mask)
            yield from (offset + int(r) for r in rows)

    def passages(self) -> Iterable[Passage]:
        return (self.passage(pid) for pid in self.passage_ids())

    def passage_mask(self, keep: Callable[[Document], bool]) -> np.ndarray:
        """Bool per passage id: the live passages of the documents ``keep`` accepts (for a filtered search)."""

        def kept_rows(segment: Segment) -> np.ndarray:
            kept = np.array([keep(doc) for doc in segment.documents], dtype=bool)
            return kept[segment.rows[:, 0]] if len(segment) else np.zeros(0, dtype=bool)

        return self._live(kept_rows)

    def _documents_mask(self, doc_ids: Collection[str]) -> np.ndarray:
        """``passage_mask`` for the documents ``doc_ids``, from their row ranges: no pass over every document."""

        def their_rows(segment: Segment) -> np.ndarray:
            rows = np.zeros(len(segment), dtype=bool)
            for doc_id in doc_ids:
                first, last = segment.doc_rows.get(doc_id, (0, 0))
                rows[first:last] = True
            return rows

        return self._live(their_rows)

    def _live(self, rows_of: Callable[[Segment], np.ndarray]) -> np.ndarray:
        """Bool per passage id: the rows ``rows_of`` picks in each segment, those deleted left out."""
        parts = [np.zeros(0, dtype=bool)]
        for segment, mask in zip(self.segments, self.masks):
            rows = rows_of(segment)
            parts.append(rows if mask is None else rows & mask)
        return np.concatenate(parts)

    def segment_entries(self) -> list[SegmentEntry]:
        return [
            SegmentEntry(name=s.name, passages=len(s), live=len(s) if m is None else int(m.sum()), dense=s.dense.description)
            for s, m in zip(self.segments, self.masks)
        ]

    # -- building -------------------------------------------------------------------------

    @classmethod
    def empty(cls, embedder: Embedder, chunking: ChunkSettings = ChunkSettings(), corpus: str | None = None) -> "CorpusIndex":
        return cls(Manifest(embedder=EmbedderInfo(name=embedder.name, dim=embedder.dim), chunking=chunking, corpus=corpus), [])

    def changed(self, manifest: Manifest, parts: Sequence[Part], vectors: np.ndarray | None, progress: bool = False) -> "CorpusIndex":
        """A new snapshot: ``parts`` in one new segment, ``manifest`` its catalogue; segments no document uses are dropped."""
        segments = list(self.segments)
        if parts:
            name = new_segment_name(manifest.generation + 1)
            segments.append(Segment.build(name, parts, vectors, progress))
            documents = dict(manifest.documents)
            for doc, _ in parts:
                documents[doc.id] = documents[doc.id].model_copy(update={"segment": name})
            manifest = manifest.model_copy(update={"documents": documents})
        used = {entry.segment for entry in manifest.documents.values()}
        return CorpusIndex(manifest, [s for s in segments if s.name in used])

    def commit(self, folder: Path, generation: int) -> "CorpusIndex":
        return commit(folder, self, generation)

    # -- disk ---------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path, embedder: Embedder | None = None, reuse: "CorpusIndex | None" = None) -> "CorpusIndex":
        """Open the current version of an index folder; with ``embedder``, refuse an index built by another model.

        Segments already in memory in ``reuse`` (an older snapshot of the same folder) are shared, not read again.
        """
        folder = Path(folder)
        for attempt in range(OPEN_ATTEMPTS):
            manifest, version = read_manifest_version(folder)
            if manifest.backend.name != "faiss":
                raise IndexFormatError(f"{folder} is an index on {manifest.backend.name}: open it with index.backend.open_index")
            if embedder is not None:
                check_embedder(manifest, embedder.name, embedder.dim, folder)
            known = {s.name: s for s in reuse.segments} if reuse is not None else {}
            try:
                segments = [known.get(e.name) or Segment.load(folder / SEGMENTS, e.name) for e in manifest.segments]
                return cls(manifest, segments, version)
            except (FileNotFoundError, IndexFormatError) as exc:
                if attempt + 1 < OPEN_ATTEMPTS and manifest_version(folder) != version:
                    continue  # a writer switched the manifest and retired segments meanwhile: read the new one
                what = f"missing {exc.filename}" if isinstance(exc, FileNotFoundError) else str(exc)
                raise IndexFormatError(f"{folder} is damaged ({what}); {REBUILD_HINT.format(folder=folder)}") from exc
        raise AssertionError("unreachable")


def is_index_folder(folder: Path) -> bool:
    """A folder we may write into: an index (it has a manifest), empty, or only the leftovers of a first write that died."""
    folder = Path(folder)
    if (folder / MANIFEST).is_file():
        return True
    return all(p.name in ("lock", SEGMENTS) or p.name.startswith(MANIFEST) for p in folder.iterdir())


def commit(folder: Path, index: CorpusIndex, generation: int) -> CorpusIndex:
    """Write the segments of ``index`` that ``folder`` lacks, switch the manifest, retire the rest.

    The caller holds the writer lock. Returns the snapshot as committed (new generation, fingerprint).
    """
    segments_dir = Path(folder) / SEGMENTS
    segments_dir.mkdir(parents=True, exist_ok=True)
    for segment in index.segments:
        if not (segments_dir / segment.name).is_dir():
            segment.save(segments_dir)
    fsync_dir(segments_dir)
    manifest = index.manifest.model_copy(
        update={"segments": index.segment_entries(), "passages": len(index), "generation": generation, "updated_at": _now()}
    )
    write_manifest(folder, manifest)
    collect_garbage(folder, {s.name for s in index.segments})
    return CorpusIndex(manifest, index.segments, manifest_version(folder))


def collect_garbage(folder: Path, keep: set[str]) -> list[str]:
    """Delete what no manifest names any more: retired segments, temp files of writers that died, format-1 files."""
    removed = []
    segments_dir = Path(folder) / SEGMENTS
    if segments_dir.is_dir():
        for path in segments_dir.iterdir():
            if path.name not in keep:
                remove_tree(path)
                removed.append(path.name)
    for path in Path(folder).iterdir():
        if path.name.endswith(".tmp") or path.name in LEGACY_FILES:
            remove_tree(path)
            removed.append(path.name)
    return removed


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")
