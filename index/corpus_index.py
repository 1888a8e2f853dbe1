"""The index itself: documents, passages, dense vectors and BM25 postings, in memory and on disk.

On disk it is a folder of plain files, readable without this code:
``manifest.json``, ``documents.jsonl``, ``passages.jsonl`` (doc id and character
offsets; the text is the slice of the document), ``dense.faiss`` and ``lexical/`` (bm25s).
Passage ids are row numbers of ``passages.jsonl``, shared by FAISS and BM25.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from index.chunk import chunk
from index.embed import Embedder
from index.errors import IndexFormatError
from index.lexical import Bm25Index
from index.manifest import (
    MANIFEST,
    REBUILD_HINT,
    ChunkSettings,
    DocumentEntry,
    EmbedderInfo,
    Manifest,
    check_embedder,
    read_manifest,
)
from index.store import FaissStore, VectorStore
from index.types import Document, Passage

DOCUMENTS = "documents.jsonl"
PASSAGES = "passages.jsonl"


class CorpusIndex:
    """Everything retrieval needs, aligned on passage ids (row numbers)."""

    def __init__(
        self,
        manifest: Manifest,
        documents: dict[str, Document],
        passage_docs: list[str],
        spans: np.ndarray,
        dense: VectorStore,
        lexical: Bm25Index,
    ) -> None:
        self.manifest = manifest
        self.documents = documents
        self.passage_docs = passage_docs
        self.spans = spans  # (n, 2) int64 start, end
        self.dense = dense
        self.lexical = lexical

    def __len__(self) -> int:
        return len(self.passage_docs)

    def passage(self, pid: int) -> Passage:
        """The passage with id ``pid``, its text sliced from the stored document."""
        doc_id = self.passage_docs[pid]
        start, end = (int(x) for x in self.spans[pid])
        return Passage(doc_id=doc_id, start=start, end=end, text=self.documents[doc_id].text[start:end])

    def passages(self) -> Iterable[Passage]:
        return (self.passage(i) for i in range(len(self)))

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        documents: Sequence[Document],
        embedder: Embedder,
        chunking: ChunkSettings = ChunkSettings(),
        corpus: str | None = None,
        progress: bool = False,
    ) -> "CorpusIndex":
        """Chunk, embed and index ``documents`` (a document whose content repeats an earlier one is skipped)."""
        unique: dict[str, Document] = {}
        seen_hashes: set[str] = set()
        for doc in documents:
            if doc.content_hash in seen_hashes:
                continue
            seen_hashes.add(doc.content_hash)
            unique[doc.id] = doc
        passages = [p for doc in unique.values() for p in chunk(doc, size=chunking.size, overlap=chunking.overlap)]
        vectors = embedder.embed([p.text for p in passages], progress=progress)
        counts: dict[str, int] = {}
        for p in passages:
            counts[p.doc_id] = counts.get(p.doc_id, 0) + 1
        manifest = Manifest(
            embedder=EmbedderInfo(name=embedder.name, dim=embedder.dim),
            chunking=chunking,
            corpus=corpus,
            documents={
                d.id: DocumentEntry(
                    content_hash=d.content_hash, title=d.title, source=d.source, date=d.date, passages=counts.get(d.id, 0)
                )
                for d in unique.values()
            },
            passages=len(passages),
        )
        dense = FaissStore(embedder.dim)
        dense.add(np.arange(len(passages), dtype=np.int64), vectors)
        lexical = Bm25Index.build([p.text for p in passages], progress=progress)
        spans = np.array([(p.start, p.end) for p in passages], dtype=np.int64).reshape(-1, 2)
        return cls(manifest, unique, [p.doc_id for p in passages], spans, dense, lexical)

    # -- disk ---------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the index to ``folder``: into a fresh sibling folder first, then swapped in."""
        folder = Path(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = folder.with_name(folder.name + ".writing")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        with open(staging / DOCUMENTS, "w", encoding="utf-8") as f:
            for doc in self.documents.values():
                f.write(doc.model_dump_json() + "\n")
        with open(staging / PASSAGES, "w", encoding="utf-8") as f:
            for doc_id, (start, end) in zip(self.passage_docs, self.spans.tolist()):
                f.write(json.dumps({"doc_id": doc_id, "start": start, "end": end}) + "\n")
        self.dense.save(staging)
        self.lexical.save(staging)
        (staging / MANIFEST).write_text(self.manifest.model_dump_json(indent=1), encoding="utf-8")
        if folder.exists():
            if not (folder / MANIFEST).is_file() and any(folder.iterdir()):
                shutil.rmtree(staging)
                raise IndexFormatError(f"{folder} exists and is not an index; refusing to overwrite it")
            old = folder.with_name(folder.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            folder.rename(old)
            staging.rename(folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(folder)

    @classmethod
    def open(cls, folder: Path, embedder: Embedder | None = None) -> "CorpusIndex":
        """Open an index folder; with ``embedder``, refuse an index built by another model."""
        folder = Path(folder)
        manifest = read_manifest(folder)
        if embedder is not None:
            check_embedder(manifest, embedder.name, embedder.dim, folder)
        try:
            documents: dict[str, Document] = {}
            with open(folder / DOCUMENTS, encoding="utf-8") as f:
                for line in f:
                    doc = Document.model_validate_json(line)
                    documents[doc.id] = doc
            passage_docs: list[str] = []
            spans: list[tuple[int, int]] = []
            with open(folder / PASSAGES, encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    passage_docs.append(row["doc_id"])
                    spans.append((row["start"], row["end"]))
            dense = FaissStore.load(folder)
            lexical = Bm25Index.load(folder, len(passage_docs))
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise IndexFormatError(f"{folder} is damaged ({exc}); {REBUILD_HINT.format(folder=folder)}") from exc
        if len(passage_docs) != manifest.passages or len(dense) != len(passage_docs):
            raise IndexFormatError(
                f"{folder} is inconsistent: manifest {manifest.passages} passages, {len(passage_docs)} stored, "
                f"{len(dense)} vectors; {REBUILD_HINT.format(folder=folder)}"
            )
        return cls(manifest, documents, passage_docs, np.array(spans, dtype=np.int64).reshape(-1, 2), dense, lexical)
