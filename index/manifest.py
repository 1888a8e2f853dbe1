"""The index manifest: what built the index, with which settings, over which documents.

It is the first file read when an index is opened, so an index built by another
model or another format version is refused with a message, never used silently.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from index.errors import IndexFormatError

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
REBUILD_HINT = "rebuild it with `qa index build CORPUS_DIR --index {folder}`"


class ChunkSettings(BaseModel):
    """How documents were cut into passages (words per passage, words of overlap)."""

    model_config = ConfigDict(frozen=True)

    size: int = Field(default=120, ge=1)
    overlap: int = Field(default=30, ge=0)


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


class Manifest(BaseModel):
    format_version: int = FORMAT_VERSION
    embedder: EmbedderInfo
    chunking: ChunkSettings
    corpus: str | None = Field(default=None, description="the corpus folder the index was built from")
    documents: dict[str, DocumentEntry] = Field(default_factory=dict)
    passages: int = 0
    updated_at: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))


def read_manifest(folder: Path) -> Manifest:
    """Read and validate ``folder/manifest.json``; a clear error if the folder is not an index."""
    path = Path(folder) / MANIFEST
    if not Path(folder).is_dir():
        raise IndexFormatError(f"{folder} is not an index folder (it does not exist); build one with `qa index build`")
    if not path.is_file():
        raise IndexFormatError(f"{folder} is not an index: it has no {MANIFEST}; {REBUILD_HINT.format(folder=folder)}")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexFormatError(f"{path} is unreadable ({exc}); {REBUILD_HINT.format(folder=folder)}") from exc
    version = raw.get("format_version") if isinstance(raw, dict) else None
    if version != FORMAT_VERSION:
        raise IndexFormatError(
            f"{folder} has index format {version!r}, this version reads format {FORMAT_VERSION}; "
            + REBUILD_HINT.format(folder=folder)
        )
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        raise IndexFormatError(f"{path} is not a valid manifest: {exc}; {REBUILD_HINT.format(folder=folder)}") from exc


def check_embedder(manifest: Manifest, name: str, dim: int, folder: Path) -> None:
    """Refuse an index whose vectors come from another model: its answers would be wrong, not just slow."""
    if manifest.embedder.name != name or manifest.embedder.dim != dim:
        raise IndexFormatError(
            f"{folder} was built with {manifest.embedder.name} ({manifest.embedder.dim} dimensions), "
            f"but this run uses {name} ({dim} dimensions); {REBUILD_HINT.format(folder=folder)}, "
            "or open it with the embedder that built it"
        )
