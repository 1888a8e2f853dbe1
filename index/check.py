"""The consistency check behind `qa index check`: manifest, stored texts, passages, vectors and postings agree.

Everything is re-derived from the stored documents where it can be: content hashes are
recomputed, documents re-chunked, passages re-tokenized and compared with the BM25 postings,
and (optionally) a sample of passages re-embedded and compared with the stored vectors.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from index.chunk import chunk, index_text
from index.clean import content_hash
from index.errors import IndexFormatError
from index.words import bm25_terms
from index.manifest import MANIFEST, read_manifest
from index.segment import INFO, SEGMENTS, Segment, file_checksums

NORM_TOLERANCE = 1e-3
EMBED_AGREEMENT = 0.98  # cosine between a stored vector and the same passage embedded again


class CheckReport(BaseModel):
    folder: str
    problems: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    documents: int = 0
    passages: int = 0
    dead: int = 0
    segments: int = 0
    reembedded: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_index(folder: Path | str, embedder=None, sample: int = 0, seed: int = 0) -> CheckReport:  # noqa: ANN001
    """Verify the index in ``folder``; with ``embedder``, also re-embed ``sample`` random passages."""
    folder = Path(folder)
    report = CheckReport(folder=str(folder))
    problem = report.problems.append
    try:
        manifest = read_manifest(folder)
    except IndexFormatError as exc:
        problem(str(exc))
        return report
    report.documents, report.passages, report.segments = len(manifest.documents), manifest.passages, len(manifest.segments)
    if manifest.backend.name == "milvus":
        _check_milvus(folder, problem)
        return report
    segments: dict[str, Segment] = {}
    for entry in manifest.segments:
        path = folder / SEGMENTS / entry.name
        try:
            segment = Segment.load(folder / SEGMENTS, entry.name, verify=False)
        except (OSError, IndexFormatError) as exc:
            problem(f"segment {entry.name} cannot be read: {exc}")
            continue
        segments[entry.name] = segment
        recorded = json.loads((path / INFO).read_text(encoding="utf-8")).get("files", {})
        if recorded != file_checksums(path):
            problem(f"segment {entry.name}: its files do not match the checksums in its {INFO}")
        try:
            _check_segment(segment, manifest.embedder.dim, manifest.chunking, problem)
        except Exception as exc:  # noqa: BLE001 - damage the checks above did not foresee: report it, check the rest
            problem(f"segment {entry.name} cannot be checked ({type(exc).__name__}: {exc})")
    if len(segments) < len(manifest.segments):
        return report

    live_rows = 0
    for entry in manifest.segments:
        segment = segments[entry.name]
        current = [d.id for d in segment.documents if getattr(manifest.documents.get(d.id), "segment", None) == segment.name]
        rows = sum(last - first for first, last in (segment.doc_rows.get(doc_id, (0, 0)) for doc_id in current))
        live_rows += rows
        if entry.passages != len(segment) or entry.live != rows:
            problem(f"segment {entry.name}: the manifest says {entry.passages} rows, {entry.live} live; it holds {len(segment)}, {rows} live")
        if not current:
            problem(f"segment {entry.name} is listed but holds no current document")
        report.dead += len(segment) - rows
    if live_rows != manifest.passages:
        problem(f"the manifest counts {manifest.passages} passages; its documents have {live_rows}")

    for doc_id, entry in manifest.documents.items():
        segment = segments.get(entry.segment)
        if segment is None:
            problem(f"document {doc_id!r}: its segment {entry.segment!r} is not listed")
            continue
        doc = segment.by_id.get(doc_id)
        if doc is None:
            problem(f"document {doc_id!r}: not stored in its segment {entry.segment}")
            continue
        if (doc.content_hash, doc.title, doc.source, doc.date) != (entry.content_hash, entry.title, entry.source, entry.date):
            problem(f"document {doc_id!r}: the manifest and the stored document disagree (hash, title, source or date)")
        first, last = segment.doc_rows.get(doc_id, (0, 0))
        if last - first != entry.passages:
            problem(f"document {doc_id!r}: the manifest says {entry.passages} passages, its segment holds {last - first}")
    for doc_id, entry in manifest.documents.items():
        first = manifest.documents.get(entry.copy_of) if entry.copy_of else None
        if entry.copy_of and (first is None or first.copy_of is not None):
            problem(f"document {doc_id!r}: a copy of {entry.copy_of!r}, which is not the indexed first document of a story")
    for doc_id, dup in manifest.duplicates.items():
        of = manifest.documents.get(dup.of)
        if doc_id in manifest.documents:
            problem(f"{doc_id!r} is both indexed and listed as a duplicate")
        if of is None or of.content_hash != dup.content_hash:
            problem(f"duplicate {doc_id!r}: {dup.of!r} is not indexed with the same content")
    for relpath, entry in manifest.files.items():
        for doc_id in entry.documents:
            if doc_id not in manifest.documents and doc_id not in manifest.duplicates:
                problem(f"file {relpath}: its document {doc_id!r} is neither indexed nor a duplicate")

    listed = {e.name for e in manifest.segments}
    if (folder / SEGMENTS).is_dir():
        extra = sorted(p.name for p in (folder / SEGMENTS).iterdir() if p.name not in listed)
        if extra:
            report.notes.append(f"{len(extra)} unlisted entries under {SEGMENTS}/ (left by an interrupted write; removed by the next update)")
    if any(p.name.startswith(MANIFEST) and p.name != MANIFEST for p in folder.iterdir()):
        report.notes.append("a temporary manifest was left by an interrupted write (removed by the next update)")

    if embedder is not None and sample > 0:
        _check_vectors_by_embedding(manifest, segments, embedder, sample, seed, report)
    return report


def _check_milvus(folder: Path, problem) -> None:  # noqa: ANN001
    """An index on Milvus: its collection was made with the index's settings (checked on opening), holds one
    row per passage of the manifest, and the stored documents are the versions the manifest names."""
    from index.milvus import MilvusIndex

    try:
        index = MilvusIndex.open(folder)
    except IndexFormatError as exc:
        problem(str(exc))
        return
    rows = index.client.query(index.collection, filter="", output_fields=["count(*)"])[0]["count(*)"]
    if rows != len(index):
        problem(f"the Milvus collection {index.collection} holds {rows} passages; the manifest's documents have {len(index)}")
    for doc_id, entry in index.manifest.documents.items():
        doc = index.documents[doc_id]
        if content_hash(doc.text) != doc.content_hash or doc.content_hash != entry.content_hash:
            problem(f"document {doc_id!r}: the stored text is not the version the manifest names")


def _check_segment(segment: Segment, dim: int, chunking, problem) -> None:  # noqa: ANN001
    name = segment.name
    if segment.dim != dim:
        problem(f"segment {name}: vectors of {segment.dim} dimensions, the index uses {dim}")
        return
    lines, starts, ends = segment.rows[:, 0], segment.rows[:, 1], segment.rows[:, 2]
    if len(segment.rows) and (lines.min() < 0 or lines.max() >= len(segment.documents)):
        problem(f"segment {name}: a passage points at a document it does not hold")
        return
    if len(segment.rows) and np.any(np.diff(lines) < 0):
        problem(f"segment {name}: the passages of a document are not consecutive")
    for doc in segment.documents:
        if content_hash(doc.text) != doc.content_hash:
            problem(f"segment {name}: the stored text of {doc.id!r} does not match its content hash")
        first, last = segment.doc_rows.get(doc.id, (0, 0))
        expected = [(p.start, p.end) for p in chunk(doc, size=chunking.size, overlap=chunking.overlap)]
        if [(int(s), int(e)) for s, e in zip(starts[first:last], ends[first:last])] != expected:
            problem(f"segment {name}: the passages of {doc.id!r} are not the chunks of its text")
    vectors = np.asarray(segment.vectors, dtype=np.float32)
    if not np.all(np.isfinite(vectors)):
        problem(f"segment {name}: vectors hold NaN or infinity")
    elif len(vectors) and np.abs(np.linalg.norm(vectors, axis=1) - 1).max() > NORM_TOLERANCE:
        problem(f"segment {name}: vectors are not of unit length")
    if len(segment.dense) != len(segment):
        problem(f"segment {name}: FAISS holds {len(segment.dense)} vectors for {len(segment)} passages")
    _check_postings(segment, problem)


def _check_postings(segment: Segment, problem) -> None:  # noqa: ANN001
    """Every passage's tokens, and only those, have a posting for its row."""
    name, n = segment.name, len(segment)
    if n == 0:
        return
    model = segment.lexical.model
    if model.scores.get("num_docs") != n:
        problem(f"segment {name}: BM25 has {model.scores.get('num_docs')} rows for {n} passages")
        return
    indptr, indices = model.scores["indptr"], model.scores["indices"]
    vocab_size = len(indptr) - 1
    stored = np.repeat(np.arange(vocab_size, dtype=np.int64), np.diff(indptr)) + indices.astype(np.int64) * vocab_size
    vocab = model.vocab_dict
    expected = []
    missing = 0
    for row, tokens in enumerate(bm25_terms([index_text(segment.documents[int(line)], int(start), int(end)) for line, start, end in segment.rows])):
        for token in set(tokens):
            tid = vocab.get(token)
            if tid is None or tid >= vocab_size:
                missing += 1
            else:
                expected.append(row * vocab_size + tid)
    if missing:
        problem(f"segment {name}: {missing} passage tokens have no BM25 posting")
    if not np.array_equal(np.sort(stored), np.sort(np.array(expected, dtype=np.int64))):
        problem(f"segment {name}: the BM25 postings are not those of the passage texts")


def _check_vectors_by_embedding(manifest, segments, embedder, sample, seed, report) -> None:  # noqa: ANN001
    if (embedder.name, embedder.dim) != (manifest.embedder.name, manifest.embedder.dim):
        report.problems.append(f"cannot re-embed with {embedder.name}: the index was built with {manifest.embedder.name}")
        return
    rows = [(s, r) for s in segments.values() for r in range(len(s))]
    rng = np.random.default_rng(seed)
    picked = [rows[i] for i in rng.choice(len(rows), size=min(sample, len(rows)), replace=False)] if rows else []
    if not picked:
        return
    fresh = embedder.embed([index_text(s.documents[int(s.rows[r][0])], int(s.rows[r][1]), int(s.rows[r][2])) for s, r in picked])
    stored = np.stack([np.asarray(s.vectors[r], dtype=np.float32) for s, r in picked])
    cosines = (fresh * stored).sum(axis=1)
    report.reembedded = len(picked)
    bad = int((cosines < EMBED_AGREEMENT).sum())
    if bad:
        report.problems.append(f"{bad} of {len(picked)} re-embedded passages disagree with their stored vectors (cosine < {EMBED_AGREEMENT})")
