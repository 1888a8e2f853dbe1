"""The index manifest: what built the index, with which settings, over which documents.

It is the first file read when an index is opened, so an index built by another
model or another format version is refused with a message, never used silently.

It is also the commit point of every change: it lists the live segments, and for
each document the segment that holds its current version. Rows of a segment whose
document now lives elsewhere (changed) or nowhere (removed) are tombstones; they
disappear when the segment is merged. A new manifest is written beside the old one
and renamed over it, so readers see the old index or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_serializer

from index.errors import IndexFormatError
from index.files import write_atomic
from index.types import ChunkSettings
from index.words import ANALYSER

FORMAT_VERSION = 3  # 3: passages are indexed headed by their title (index.chunk.index_text)
MANIFEST = "manifest.json"
REBUILD_HINT = "rebuild it with `qa index build CORPUS_DIR --index {folder}`"


class EmbedderInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    dim: int


class DocumentEntry(BaseModel):
    """Per-document bookkeeping: the content hash decides whether a document must be re-embedded."""

    model_config = ConfigDict(frozen=True)

    content_hash: str
    title: str
    source: str
    date: str | None = None
    passages: int
    segment: str = Field(default="", description="the segment holding this version of the document")
    copy_of: str | None = Field(default=None, description="the first document of the story this one is a near copy of (``index.copies``)")


class DuplicateEntry(BaseModel):
    """A document whose content is already indexed under another id: listed, not indexed twice."""

    model_config = ConfigDict(frozen=True)

    of: str = Field(description="the id under which the same content is indexed")
    content_hash: str
    title: str
    source: str
    date: str | None = None


class FileEntry(BaseModel):
    """What a corpus file looked like when it was last read, so an untouched file is not read again."""

    model_config = ConfigDict(frozen=True)

    mtime_ns: int = Field(description="0: modified just before it was read, so read it again next time")
    size: int
    documents: list[str] = Field(default_factory=list)
    skipped: str | None = Field(default=None, description="why the file as a whole is not indexed (it is read again at every update)")
    dropped: dict[str, str] = Field(default_factory=dict, description="records or lines of the file that were skipped, and why")
    encoding: str | None = Field(default=None, description="the encoding its text was decoded from, when not UTF-8")

    @model_serializer(mode="wrap")
    def _without_empty_notes(self, handler):  # noqa: ANN001, ANN202 - most files have no notes: keep the manifest small
        data = handler(self)
        for key in ("skipped", "dropped", "encoding"):
            if not data.get(key):
                data.pop(key, None)
        return data


class BackendInfo(BaseModel):
    """Where the passages are stored and searched (``index.backend``), and how their words were analysed."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(default="faiss", description="faiss (segments in this folder) or milvus")
    uri: str | None = Field(default=None, description="milvus: the server or Milvus Lite file; None: milvus.db in this folder")
    collection: str | None = Field(default=None, description="milvus: the collection holding the passages")
    index_id: str | None = Field(default=None, description="milvus: this index's id, recorded by its collection too")
    analyser: str = Field(default=ANALYSER, description="how passage and query words become BM25 terms (``index.words.bm25_terms``)")


class SegmentEntry(BaseModel):
    """An immutable segment folder under ``segments/``: its rows, of which ``live`` are current."""

    model_config = ConfigDict(frozen=True)

    name: str
    passages: int = Field(ge=0, description="rows stored, live or not")
    live: int = Field(ge=0, description="rows whose document still points at this segment")
    dense: str = Field(default="flat", description="its vector search: flat (exact) or hnsw with its parameters")


class Manifest(BaseModel):
    format_version: int = FORMAT_VERSION
    embedder: EmbedderInfo
    chunking: ChunkSettings
    backend: BackendInfo = Field(default_factory=BackendInfo)
    corpus: str | None = Field(default=None, description="the corpus folder the index was built from")
    documents: dict[str, DocumentEntry] = Field(default_factory=dict)
    duplicates: dict[str, DuplicateEntry] = Field(default_factory=dict)
    files: dict[str, FileEntry] = Field(default_factory=dict)
    segments: list[SegmentEntry] = Field(default_factory=list)
    passages: int = 0
    generation: int = Field(default=0, description="how many changes were committed to this folder")
    updated_at: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))


def read_manifest(folder: Path) -> Manifest:
    """Read and validate ``folder/manifest.json``; a clear error if the folder is not an index."""
    return read_manifest_version(folder)[0]


def manifest_version(folder: Path) -> tuple[int, int] | None:
    """A cheap fingerprint (inode, mtime) of the current manifest, or None when there is none."""
    try:
        st = os.stat(Path(folder) / MANIFEST)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def read_manifest_version(folder: Path) -> tuple[Manifest, tuple[int, int]]:
    """The manifest and the fingerprint of the very file it was read from (see ``manifest_version``)."""
    path = Path(folder) / MANIFEST
    if not Path(folder).is_dir():
        raise IndexFormatError(f"{folder} is not an index folder (it does not exist); build one with `qa index build`")
    if path.exists() and not path.is_file():
        raise IndexFormatError(f"{folder} is damaged: its {MANIFEST} is not a file; {REBUILD_HINT.format(folder=folder)}")
    if not path.is_file():
        raise IndexFormatError(f"{folder} is not an index: it has no {MANIFEST}; {REBUILD_HINT.format(folder=folder)}")
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            raw = json.loads(f.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexFormatError(f"{path} is unreadable ({exc}); {REBUILD_HINT.format(folder=folder)}") from exc
    version = raw.get("format_version") if isinstance(raw, dict) else None
    if version != FORMAT_VERSION:
        raise IndexFormatError(
            f"{folder} has index format {version!r}, this version reads format {FORMAT_VERSION}; "
            + REBUILD_HINT.format(folder=folder)
        )
    try:
        return Manifest.model_validate(raw), (st.st_ino, st.st_mtime_ns)
    except ValidationError as exc:
        raise IndexFormatError(f"{path} is not a valid manifest: {exc}; {REBUILD_HINT.format(folder=folder)}") from exc


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Commit ``manifest``: written beside the old one, fsynced, then renamed over it."""
    write_atomic(Path(folder) / MANIFEST, manifest.model_dump_json(indent=1).encode("utf-8"))


def check_embedder(manifest: Manifest, name: str, dim: int, folder: Path) -> None:
    """Refuse an index whose vectors come from another model: its answers would be wrong, not just slow."""
    if manifest.embedder.name != name or manifest.embedder.dim != dim:
        raise IndexFormatError(
            f"{folder} was built with {manifest.embedder.name} ({manifest.embedder.dim} dimensions), "
            f"but this run uses {name} ({dim} dimensions); {REBUILD_HINT.format(folder=folder)}, "
            "or open it with the embedder that built it"
        )
