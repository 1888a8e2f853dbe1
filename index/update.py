"""Incremental updates: add, change and remove documents without rebuilding the index.

Every update is one writer (``WriterLock``) applying a change set to the current version:

1. the documents to add or change are chunked; their vectors are embedded, or copied from
   an identical document already indexed (a renamed file, a duplicate taking over);
2. they become one new segment; the manifest points their ids at it, which turns the rows
   of their old versions, and of removed documents, into tombstones;
3. the new segment is written and the manifest switched atomically (``commit``);
4. then, if the merge policy asks for it, the newest segments are merged (and segments with
   many tombstones compacted) in a second commit, so the change itself is visible at once.

Unchanged documents are never re-embedded: documents are compared by content hash, and
files by size and modification time before they are even read.
"""

from __future__ import annotations

import json
import logging
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np
from pydantic import BaseModel, Field
from tqdm import tqdm

from index.chunk import chunk_spans, index_text
from index.clean import content_hash, valid_unicode
from index.copies import find_copies, regroup
from index.backend import DEFAULT_BACKEND, open_index
from index.corpus_index import CorpusIndex, commit, is_index_folder, new_segment_name
from index.embed import Embedder, get_embedder
from index.errors import CorpusError, IndexFormatError, UnreadableFileError
from index.files import WriterLock, remove_tree
from index.load import LoadOptions, corpus_files, corpus_folder, no_documents_message, read_file
from index.manifest import (
    FORMAT_VERSION,
    MANIFEST,
    DocumentEntry,
    DuplicateEntry,
    FileEntry,
    check_embedder,
    manifest_version,
    read_manifest_version,
)
from index.segment import SEGMENTS, Part, Segment
from index.types import ChunkSettings, Document, SkippedFile, UpdateReport

log = logging.getLogger(__name__)

RACY_SECONDS = 2.0  # a file modified this recently may change again within the same timestamp: re-read it next time


class MergePolicy(BaseModel):
    """When to merge segments.

    ``factor``: the newest segments are merged while the one before them holds at most
    ``factor`` times their live passages, so segment sizes grow geometrically (a few
    dozen segments at most) and a passage is rewritten O(log n) times over its life.
    ``max_dead``: a segment whose tombstones exceed this share of its rows is rewritten.
    """

    factor: float = Field(default=2.0, gt=0)
    max_dead: float = Field(default=0.3, gt=0, le=1)

    def plan(self, index: CorpusIndex) -> list[list[int]]:
        """Groups of segment positions to merge (each group becomes one segment)."""
        entries = index.segment_entries()
        if not entries:
            return []
        groups: list[list[int]] = []
        j = len(entries) - 1
        total = entries[j].live
        while j > 0 and entries[j - 1].live <= self.factor * total:
            j -= 1
            total += entries[j].live
        tail = list(range(j, len(entries)))
        if len(tail) > 1:
            groups.append(tail)
        for i, e in enumerate(entries[:j] if len(tail) > 1 else entries):
            if e.passages and (e.passages - e.live) > self.max_dead * e.passages:
                groups.append([i])
        return groups


# -- the change set, in memory ---------------------------------------------------------------


def build_index(
    documents: Sequence[Document], embedder: Embedder, chunking: ChunkSettings = ChunkSettings(), corpus: str | None = None, progress: bool = False
) -> CorpusIndex:
    """Chunk, embed and index ``documents`` in memory (a document whose content repeats an earlier one is listed as its duplicate)."""
    index, _ = apply_changes(CorpusIndex.empty(embedder, chunking, corpus), embedder, upserts=documents, progress=progress)
    return index


def apply_changes(
    base: CorpusIndex,
    embedder: Embedder,
    upserts: Iterable[Document] = (),
    removals: Iterable[str] = (),
    files: dict[str, FileEntry] | None = None,
    progress: bool = False,
) -> tuple[CorpusIndex, UpdateReport]:
    """A new snapshot: ``base`` with ``upserts`` added or replaced and ``removals`` removed (nothing is written).

    A document whose content is already indexed under another id is listed as a duplicate of
    it; when that other one goes, the duplicate is indexed in its place with the same vectors.
    """
    start = time.perf_counter()
    manifest = base.manifest
    report = UpdateReport()
    documents = dict(manifest.documents)
    duplicates = dict(manifest.duplicates)

    for doc_id in sorted(set(removals)):
        if documents.pop(doc_id, None) is not None or duplicates.pop(doc_id, None) is not None:
            report.removed.append(doc_id)

    incoming: dict[str, Document] = {}
    for doc in upserts:
        incoming.setdefault(doc.id, doc)
    to_index: dict[str, Document] = {}
    for doc_id, doc in incoming.items():
        old = documents.get(doc_id) or duplicates.get(doc_id)
        if old is None:
            report.added.append(doc_id)
        elif (old.content_hash, old.title, old.source, old.date) == (doc.content_hash, doc.title, doc.source, doc.date):
            continue
        else:
            documents.pop(doc_id, None)
            duplicates.pop(doc_id, None)
            report.changed.append(doc_id)
        to_index[doc_id] = doc

    owner = {entry.content_hash: doc_id for doc_id, entry in documents.items()}
    for doc_id in sorted(to_index):
        doc = to_index[doc_id]
        first = owner.setdefault(doc.content_hash, doc_id)
        if first != doc_id:
            del to_index[doc_id]
            duplicates[doc_id] = DuplicateEntry(of=first, content_hash=doc.content_hash, title=doc.title, source=doc.source, date=doc.date)
            report.duplicates[doc_id] = first
            if doc_id in report.added:
                report.added.remove(doc_id)
    old_text = {doc.content_hash: doc for doc in base.documents.values()}
    for doc_id in sorted(duplicates):
        dup = duplicates[doc_id]
        if owner.get(dup.content_hash) == dup.of:
            continue
        if dup.content_hash in owner:
            duplicates[doc_id] = dup.model_copy(update={"of": owner[dup.content_hash]})
            continue
        # the document it duplicated is gone: index this one in its place (same text, same vectors)
        del duplicates[doc_id]
        if dup.content_hash not in old_text:
            log.warning("dropped the duplicate %s: the text it duplicated is not in the index", doc_id)
            continue
        text = old_text[dup.content_hash].text
        to_index[doc_id] = Document(id=doc_id, title=dup.title, source=dup.source, date=dup.date, text=text, content_hash=dup.content_hash)
        owner[dup.content_hash] = doc_id

    parts, vectors = _embed_parts(base, list(to_index.values()), embedder, manifest.chunking, report, progress) if to_index else ([], None)
    for doc, spans in parts:
        documents[doc.id] = DocumentEntry(content_hash=doc.content_hash, title=doc.title, source=doc.source, date=doc.date, passages=len(spans))
    documents = _record_copies(base, documents, to_index)
    new_manifest = manifest.model_copy(
        update={"documents": documents, "duplicates": duplicates, "files": files if files is not None else manifest.files}
    )
    index = base.changed(new_manifest, parts, vectors, progress)
    report.skipped = skipped_files(new_manifest.files)
    touched = set(to_index) | set(report.added) | set(report.changed) | set(report.duplicates)
    report.unchanged = len((documents.keys() | duplicates.keys()) - touched)
    report.passages_added = sum(documents[d].passages for d in to_index)
    report.passages_removed = len(base) + report.passages_added - len(index)
    _finish(report, index, start)
    return index, report


def _record_copies(base: CorpusIndex, documents: dict[str, DocumentEntry], added: Mapping[str, Document]) -> dict[str, DocumentEntry]:
    """``documents`` with each one's story recorded (``index.copies``): the added ones compared with all the
    others, and a story whose first document is gone handed to its next copy."""
    indexed = [base.documents[doc_id] for doc_id in documents if doc_id not in added]
    found = find_copies(added.values(), indexed, {doc_id: entry.copy_of for doc_id, entry in documents.items()}) if added else {}
    roots = regroup({doc_id: found.get(doc_id, entry.copy_of) for doc_id, entry in documents.items()})
    return {
        doc_id: entry if entry.copy_of == roots[doc_id] else entry.model_copy(update={"copy_of": roots[doc_id]})
        for doc_id, entry in documents.items()
    }


def _embed_parts(
    base: CorpusIndex, docs: Sequence[Document], embedder: Embedder, chunking: ChunkSettings, report: UpdateReport, progress: bool
) -> tuple[list[Part], np.ndarray]:
    """Chunk ``docs`` and find their vectors (one matrix, a row per span in order): copied when ``base``
    holds the same text chunked the same way, else embedded. With nothing to copy, the matrix is the
    embedder's own output, not a second copy of it."""
    sources = {doc.content_hash: doc.id for doc in base.documents.values()}
    parts: list[Part] = []
    reused: list[np.ndarray | None] = []
    texts: list[str] = []
    for doc in docs:
        spans = chunk_spans(doc, size=chunking.size, overlap=chunking.overlap)
        vectors = None
        source = sources.get(doc.content_hash)
        if source is not None:
            (_, old_spans), old_vectors = base.part(source)
            if old_spans == spans:
                vectors = old_vectors
                report.passages_reused += len(spans)
        if vectors is None:
            texts.extend(index_text(doc, start, end) for start, end in spans)
        parts.append((doc, spans))
        reused.append(vectors)
    dim = base.manifest.embedder.dim
    embedded = embedder.embed(texts, progress=progress) if texts else np.zeros((0, dim), np.float32)
    report.passages_embedded += len(texts)
    if all(v is None for v in reused):
        return parts, embedded
    blocks, at = [], 0
    for (_, spans), vectors in zip(parts, reused):
        if vectors is None:
            vectors, at = embedded[at : at + len(spans)], at + len(spans)
        blocks.append(np.asarray(vectors, dtype=np.float32).reshape(len(spans), dim))
    return parts, np.concatenate(blocks)


def merge_segments(index: CorpusIndex, groups: Sequence[Sequence[int]], progress: bool = False) -> CorpusIndex:
    """A snapshot where each group of segments is replaced by one segment of their live rows."""
    documents = dict(index.manifest.documents)
    replaced: dict[int, Segment | None] = {}
    for group in groups:
        parts, blocks = [], [np.zeros((0, index.manifest.embedder.dim), np.float32)]
        for i in group:
            segment = index.segments[i]
            for doc in segment.documents:
                entry = documents.get(doc.id)
                if entry is not None and entry.segment == segment.name:
                    part, vectors = segment.part(doc.id)
                    parts.append(part)
                    blocks.append(vectors)
        merged = Segment.build(new_segment_name(index.manifest.generation + 1), parts, np.concatenate(blocks), progress)
        for doc, _ in parts:
            documents[doc.id] = documents[doc.id].model_copy(update={"segment": merged.name})
        replaced[group[-1]] = merged if parts else None
        for i in group[:-1]:
            replaced[i] = None
    segments = []
    for i, segment in enumerate(index.segments):
        new = replaced.get(i, segment)
        if new is not None:
            segments.append(new)
    return CorpusIndex(index.manifest.model_copy(update={"documents": documents}), segments, index.version)


def _finish(report: UpdateReport, index: CorpusIndex, start: float) -> None:
    report.documents = len(index.manifest.documents)
    report.passages = len(index)
    report.segments = len(index.segment_entries())
    report.generation = index.manifest.generation
    report.seconds = time.perf_counter() - start


# -- the corpus folder ------------------------------------------------------------------------


def skipped_files(files: dict[str, FileEntry]) -> list[SkippedFile]:
    """What a file table says was not indexed: whole files, then records and lines of files, by path."""
    skipped = []
    for relpath, entry in sorted(files.items()):
        if entry.skipped:
            skipped.append(SkippedFile(path=relpath, reason=entry.skipped))
        skipped.extend(SkippedFile(path=path, reason=reason) for path, reason in entry.dropped.items())
    return skipped


def scan_folder(
    corpus_dir: Path, base: CorpusIndex, progress: bool = False, options: LoadOptions | None = None
) -> tuple[list[Document], list[str], dict[str, FileEntry], int]:
    """What changed in ``corpus_dir`` since ``base``: (documents to upsert, ids to remove, file table, files read).

    A file whose size and modification time are as recorded is not read; its documents are
    taken as unchanged. Every other file is read, and its documents compared by content hash.
    A file skipped last time is looked at again (the limits may have changed); one that
    cannot be used is recorded with its reason in the file table, and nothing else stops.
    """
    root = corpus_folder(corpus_dir)
    options = options or LoadOptions.from_env()
    known = base.manifest.files
    indexed = base.manifest.documents.keys() | base.manifest.duplicates.keys()
    now = time.time_ns()
    present: set[str] = set()
    upserts: list[Document] = []
    files: dict[str, FileEntry] = {}
    listing = corpus_files(root)
    to_read = []
    for relpath, st in listing:
        entry = known.get(relpath)
        if entry and entry.mtime_ns and entry.mtime_ns == st.st_mtime_ns and entry.size == st.st_size and not entry.skipped and set(entry.documents) <= indexed:
            files[relpath] = entry
            present.update(entry.documents)
        else:
            to_read.append((relpath, st))
    for relpath, st in tqdm(to_read, desc="Reading", unit=" files", disable=not progress or not to_read):
        racy = now - st.st_mtime_ns < RACY_SECONDS * 1e9
        try:
            loaded = read_file(root / relpath, root, options)
        except UnreadableFileError as exc:
            log.warning("Skipped %s: %s", exc.path, exc.reason)
            files[exc.path] = FileEntry(mtime_ns=0 if racy else st.st_mtime_ns, size=st.st_size, skipped=exc.reason)
            continue
        ids = []
        dropped = {item.path: item.reason for item in loaded.skipped}
        for doc in loaded.documents:
            if doc.id in present:
                log.warning("Skipped %s: duplicate document id", doc.id)
                dropped[doc.id] = "duplicate document id"
                continue
            present.add(doc.id)
            ids.append(doc.id)
            upserts.append(doc)
        files[relpath] = FileEntry(mtime_ns=0 if racy else st.st_mtime_ns, size=st.st_size, documents=ids, dropped=dropped, encoding=loaded.encoding)
    if not present:
        kept = "\nThe index is left as it was: add articles, or delete the index folder to start over." if indexed else ""
        raise CorpusError(no_documents_message(corpus_dir, skipped_files(files)) + kept)
    removals = sorted(indexed - present)
    return upserts, removals, files, len(to_read)


# -- writing, one writer at a time --------------------------------------------------------------


def _current(folder: Path, base: CorpusIndex | None, embedder: Embedder | None) -> CorpusIndex | None:
    """The version on disk: ``base`` itself when it is still current, else opened (sharing ``base``'s segments)."""
    if not (folder / MANIFEST).exists():
        return None
    if base is not None and base.version is not None and base.version == manifest_version(folder):
        if embedder is not None:
            check_embedder(base.manifest, embedder.name, embedder.dim, folder)
        return base
    return open_index(folder, embedder, reuse=base)


def without_damaged_segments(folder: Path, embedder: Embedder | None, damage: IndexFormatError) -> tuple[CorpusIndex, list[str]]:
    """The index on disk without its damaged segments, to be repaired from the corpus folder (the caller holds the writer lock).

    The documents of a damaged segment are taken out of the manifest with their files' entries,
    so the scan reads those files again and embeds them afresh; nothing else is re-embedded.
    Raises ``damage`` again when the manifest itself is damaged, no segment is, or a lost
    document did not come from a corpus file (added through the API: only a rebuild can restore it).
    """
    try:
        manifest, _ = read_manifest_version(folder)
        if embedder is not None:
            check_embedder(manifest, embedder.name, embedder.dim, folder)
    except IndexFormatError:
        raise damage from None
    if manifest.backend.name != "faiss":
        raise damage  # its passages are not in segments here
    good: list[Segment] = []
    damaged: dict[str, str] = {}
    for entry in manifest.segments:
        try:
            segment = Segment.load(folder / SEGMENTS, entry.name)
        except (OSError, IndexFormatError) as exc:
            damaged[entry.name] = str(exc)
            continue
        if segment.dim != manifest.embedder.dim:
            damaged[entry.name] = f"segment {entry.name}: vectors of {segment.dim} dimensions, the index uses {manifest.embedder.dim}"
        else:
            good.append(segment)
    by_name = {s.name: s for s in good}
    lost = {doc_id for doc_id, e in manifest.documents.items() if e.segment not in by_name or doc_id not in by_name[e.segment].by_id}
    if not lost:
        raise damage
    lost |= {doc_id for doc_id, dup in manifest.duplicates.items() if dup.of in lost}
    from_files = {doc_id for entry in manifest.files.values() for doc_id in entry.documents}
    if not lost <= from_files:
        raise IndexFormatError(
            f"{damage}; {len(lost - from_files)} of the documents lost were not read from the corpus folder (added through the API), "
            "so an update cannot restore them"
        ) from None
    repaired = manifest.model_copy(
        update={
            "documents": {k: v for k, v in manifest.documents.items() if k not in lost},
            "duplicates": {k: v for k, v in manifest.duplicates.items() if k not in lost},
            "files": {k: v for k, v in manifest.files.items() if not lost & set(v.documents)},
        }
    )
    for name, why in damaged.items():
        log.warning("%s is damaged (%s): reading its documents again from the corpus", name, why)
    return CorpusIndex(repaired, [s for s in good if any(e.segment == s.name for e in repaired.documents.values())]), sorted(damaged)


@contextmanager
def _writing(folder: Path, wait: float) -> Iterator[None]:
    """Hold the writer lock of ``folder`` (an index, or none yet): a folder holding anything else is
    refused, and a first write that fails leaves nothing behind."""
    if folder.exists() and not is_index_folder(folder):
        raise IndexFormatError(f"{folder} exists and is not an index; refusing to write into it")
    created = not folder.exists()
    try:
        with WriterLock(folder, wait=wait):
            yield
    except BaseException:
        if created and not (folder / MANIFEST).exists():
            remove_tree(folder)
        raise


def save_index(index: CorpusIndex, folder: Path | str, wait: float = 0.0) -> CorpusIndex:
    """Make ``folder`` hold exactly ``index`` (built in memory) as its next version; returns the snapshot committed."""
    folder = Path(folder)
    with _writing(folder, wait):
        return commit(folder, index, int(_on_disk(folder, "generation", 0)) + 1)


def write_update(
    folder: Path | str,
    change: Callable[[CorpusIndex], tuple[Iterable[Document], Iterable[str], dict[str, FileEntry] | None, int]],
    embedder: Embedder | None = None,
    *,
    base: CorpusIndex | None = None,
    start_over: Callable[[], CorpusIndex] | None = None,
    rebuild: bool = False,
    on_commit: Callable[[CorpusIndex], None] | None = None,
    policy: MergePolicy = MergePolicy(),
    wait: float = 0.0,
    progress: bool = False,
) -> tuple[CorpusIndex, UpdateReport]:
    """Apply ``change(current) -> (upserts, removals, file table or None, files read)`` to the index in ``folder``.

    Holds the writer lock throughout; commits the change, then any merge, each atomically, and
    calls ``on_commit`` with each committed snapshot. ``base``: the caller's snapshot, used as
    is when it is still the current version. ``start_over`` makes the empty index to start
    from when there is none yet, or always with ``rebuild``. ``wait``: seconds to wait for
    another writer before raising ``IndexLockedError`` (default: do not wait).
    """
    folder = Path(folder)
    start = time.perf_counter()
    with _writing(folder, wait):
        current: CorpusIndex | None = None
        repaired: list[str] = []
        if rebuild and (folder / MANIFEST).exists() and not (folder / MANIFEST).is_file():
            remove_tree(folder / MANIFEST)  # damage a rebuild replaces anyway (a folder where the manifest belongs)
        if not rebuild:
            try:
                current = _current(folder, base, embedder)
            except IndexFormatError as exc:
                if start_over is None:
                    raise
                if _on_disk(folder, "format_version", FORMAT_VERSION) == FORMAT_VERSION:
                    current, repaired = without_damaged_segments(folder, embedder, exc)
                else:
                    log.warning("the index in %s has another format: rebuilding it", folder)
        generation = current.manifest.generation if current is not None else int(_on_disk(folder, "generation", 0))
        if current is None:
            if start_over is None:
                raise IndexFormatError(f"{folder} is not an index yet; build it first with `qa index build`")
            current = start_over()
            fresh = True
        else:
            fresh = False
        if embedder is None:
            embedder = get_embedder(current.manifest.embedder.name)
        upserts, removals, files, files_read = change(current)
        index, report = apply_changes(current, embedder, upserts, removals, files, progress)
        report.files_read = files_read
        report.repaired = repaired
        if report.changes or fresh or repaired or report.skipped != skipped_files(current.manifest.files):
            index = index.commit(folder, generation + 1)
            generation += 1
            if on_commit:
                on_commit(index)
            groups = policy.plan(index)
            if groups:
                merge_start = time.perf_counter()
                index = commit(folder, merge_segments(index, groups, progress), generation + 1)
                report.segments_merged = sum(len(g) for g in groups)
                report.merge_seconds = time.perf_counter() - merge_start
                if on_commit:
                    on_commit(index)
        else:
            index = current
        _finish(report, index, start)
        return index, report


def update_in_memory(
    index: CorpusIndex, embedder: Embedder, change: Callable, policy: MergePolicy = MergePolicy(), progress: bool = False
) -> tuple[CorpusIndex, UpdateReport]:
    """``write_update`` for an index that lives only in memory: the same change set and merges, nothing written."""
    start = time.perf_counter()
    upserts, removals, files, files_read = change(index)
    new, report = apply_changes(index, embedder, upserts, removals, files, progress)
    report.files_read = files_read
    groups = policy.plan(new) if report.changes else []
    if groups:
        merge_start = time.perf_counter()
        new = merge_segments(new, groups, progress)
        report.segments_merged = sum(len(g) for g in groups)
        report.merge_seconds = time.perf_counter() - merge_start
    _finish(report, new, start)
    return new, report


def empty_index(
    folder: Path, embedder: Embedder, chunking: ChunkSettings, corpus: str | None, backend: str = DEFAULT_BACKEND,
    uri: str | None = None, collection: str | None = None,
):  # noqa: ANN201 - an index.backend.Backend
    """A new, empty index for ``folder`` on ``backend`` (a Milvus collection of that name is replaced)."""
    if backend == "milvus":
        from index.milvus import MilvusIndex

        return MilvusIndex.create(folder, embedder, chunking, corpus, uri, collection)
    if backend != "faiss":
        raise ValueError(f"backend must be faiss or milvus, got {backend!r}")
    return CorpusIndex.empty(embedder, chunking, corpus)


def _on_disk(folder: Path, key: str, default: object) -> object:
    """A field of whatever manifest is there, even one this version cannot use (its format, its generation)."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get(key, default)
    except (OSError, ValueError, AttributeError, TypeError):
        return default


def checked_documents(documents: Iterable[Document | dict]) -> list[Document]:
    """Documents given to ``add_documents``, validated: ``Document`` objects, or dicts of their fields
    (``content_hash`` may be left out: it is computed). A ``content_hash`` that is not the sha256 of
    the text is refused: stored, it would make the index fail ``qa index check`` for good."""
    if isinstance(documents, (str, bytes, dict, Document)) or not isinstance(documents, Iterable):
        raise TypeError(f"add_documents takes a list of documents, got {type(documents).__name__}")
    checked = []
    for item in documents:
        if isinstance(item, dict):
            text = item.get("text")
            fields = {**item, "content_hash": content_hash(text)} if isinstance(text, str) and not item.get("content_hash") else item
            item = Document.model_validate(fields)
        elif not isinstance(item, Document):
            raise TypeError(f"add_documents takes Document objects or dicts of their fields, got {type(item).__name__}: {str(item)[:60]!r}")
        if valid_unicode(item.text) != item.text:
            raise ValueError(f"document {item.id!r}: its text holds lone surrogates (half a UTF-16 pair); clean it with index.clean.valid_unicode")
        if item.content_hash != content_hash(item.text):
            raise ValueError(f"document {item.id!r}: content_hash is not the sha256 of its text; leave it out of a dict, or compute it with index.clean.content_hash")
        checked.append(item)
    return checked


def add_documents(folder: Path | str, documents: Iterable[Document | dict], embedder: Embedder | None = None, **options) -> tuple[CorpusIndex, UpdateReport]:
    """Add documents (or replace those with the same id) in the index at ``folder`` (see ``checked_documents``)."""
    documents = checked_documents(documents)
    return write_update(folder, lambda current: (documents, [], None, 0), embedder, **options)


def remove_documents(folder: Path | str, doc_ids: Iterable[str], embedder: Embedder | None = None, **options) -> tuple[CorpusIndex, UpdateReport]:
    """Remove documents by id from the index at ``folder`` (unknown ids are ignored)."""
    doc_ids = list(doc_ids)
    return write_update(folder, lambda current: ([], doc_ids, None, 0), embedder, **options)


def update_from_folder(
    folder: Path | str,
    corpus_dir: Path | str,
    embedder: Embedder | None = None,
    *,
    rebuild: bool = False,
    chunking: ChunkSettings | None = None,
    backend: str = DEFAULT_BACKEND,
    uri: str | None = None,
    collection: str | None = None,
    **options,
) -> tuple[CorpusIndex, UpdateReport]:
    """Make the index at ``folder`` follow ``corpus_dir``: new files added, changed ones replaced, deleted ones removed.

    Builds the index when there is none; ``rebuild`` starts from scratch (e.g. with other ``chunking``).
    ``backend``, ``uri``, ``collection``: where a new index stores its passages (``index.backend``);
    an existing index stays where it is.
    """
    corpus_dir = corpus_folder(corpus_dir)
    progress = options.get("progress", False)

    def start_over() -> CorpusIndex:
        return empty_index(Path(folder), embedder or get_embedder(), chunking or ChunkSettings(), str(corpus_dir), backend, uri, collection)

    def change(current: CorpusIndex):
        return scan_folder(corpus_dir, current, progress)

    return write_update(folder, change, embedder, start_over=start_over, rebuild=rebuild, **options)
