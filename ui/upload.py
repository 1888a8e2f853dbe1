"""Checking uploaded articles before they touch the corpus folder, and saving them all or none.

An upload is refused as a whole, with a message that says why, when any file in it
has a type other than .txt/.md/.html/.htm, is larger than the limit, is empty or binary,
cannot be parsed, yields no article text, or would replace a file already in the corpus.
Text in another encoding than UTF-8 (Windows-1252, UTF-16 with a byte-order mark, ...) is
accepted and decoded as the corpus loader decodes it (``qa.api.read_documents``).
File names are reduced to a plain base name (letters, digits, ``.``, ``-``, ``_``), so
nothing can be written outside the corpus folder or into a hidden file.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa import NewsQAError, UnreadableFileError
from qa.api import read_documents

__all__ = ["ALLOWED_SUFFIXES", "MAX_FILES", "MAX_FILE_BYTES", "StagedFile", "UploadError", "remove_saved", "safe_name", "save_files", "validate_files"]

ALLOWED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILES = 20
MAX_NAME_CHARS = 100

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadError(NewsQAError):
    """An upload was refused; nothing was written. The message says why."""


@dataclass(frozen=True)
class StagedFile:
    """A checked upload: the name it gets in the corpus folder and its bytes."""

    name: str
    data: bytes
    title: str
    content_hash: str


def safe_name(name: str) -> str:
    """A plain file name for an uploaded ``name``: its last path component only, unsafe characters
    replaced by ``_``, no leading dot; raises ``UploadError`` when the type is not allowed."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name))[-1]
    base = _UNSAFE.sub("_", base).lstrip("._-")
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadError(f"{name!r}: only {', '.join(ALLOWED_SUFFIXES)} files can be added (got {suffix or 'no extension'})")
    stem = stem.strip("._-")[: MAX_NAME_CHARS - len(suffix)]
    if not stem:
        raise UploadError(f"{name!r}: the file name has no usable letters or digits; rename the file")
    return stem + suffix


def _check_one(path: Path, name: str, scratch: Path) -> StagedFile:
    size = path.stat().st_size
    if size == 0:
        raise UploadError(f"{name}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise UploadError(f"{name}: the file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.1f} MB per file")
    data = path.read_bytes()
    trial = scratch / name
    trial.write_bytes(data)
    try:
        documents = read_documents(trial)
    except UnreadableFileError as exc:
        raise UploadError(f"{name}: {exc.reason}") from None
    except NewsQAError as exc:
        raise UploadError(f"{name}: {exc}") from None
    if not documents:
        raise UploadError(f"{name}: no article text was found in it")
    return StagedFile(name=name, data=data, title=documents[0].title, content_hash=documents[0].content_hash)


def validate_files(
    paths: Sequence[Path | str], corpus: Path | str, names: Sequence[str] | None = None, indexed: Mapping[str, str] | None = None
) -> list[StagedFile]:
    """Check every uploaded file (``names``: the names the user gave them, default the paths' names;
    ``indexed``: content hash -> id of the documents already indexed, so the same text is not added twice).

    Returns the files ready to save, or raises ``UploadError`` for the first problem.
    """
    if not paths:
        raise UploadError("choose one or more .txt, .md or .html files first")
    if len(paths) > MAX_FILES:
        raise UploadError(f"{len(paths)} files at once; the limit is {MAX_FILES}")
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise UploadError("the corpus folder is missing; uploads are off")
    names = list(names) if names is not None else [Path(p).name for p in paths]
    staged: list[StagedFile] = []
    seen: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="qa-upload-") as scratch:
        for path, given in zip(paths, names):
            name = safe_name(given)
            if name.lower() in seen:
                raise UploadError(f"{name}: the upload names this file twice")
            seen.add(name.lower())
            if (corpus / name).exists() or any(p.name.lower() == name.lower() for p in corpus.iterdir()):
                raise UploadError(f"{name}: a file of that name is already in the corpus; rename the new one")
            item = _check_one(Path(path), name, Path(scratch))
            twin = (indexed or {}).get(item.content_hash) or next((s.name for s in staged if s.content_hash == item.content_hash), None)
            if twin:
                raise UploadError(f"{name}: the same text is already indexed as {twin}")
            staged.append(item)
    return staged


def save_files(staged: Sequence[StagedFile], corpus: Path | str) -> list[Path]:
    """Write the checked files into ``corpus``: each to a hidden temporary name, then renamed into place.

    All or nothing: when one fails, the ones already written are removed and ``UploadError`` is raised.
    """
    root = Path(corpus).resolve()
    written: list[Path] = []
    try:
        for item in staged:
            target = (root / item.name).resolve()
            if target.parent != root:
                raise UploadError(f"{item.name}: not a plain file name")
            temporary = root / f".upload-{uuid.uuid4().hex}.part"
            with open(temporary, "xb") as out:
                out.write(item.data)
                out.flush()
                os.fsync(out.fileno())
            try:
                if target.exists():
                    raise UploadError(f"{item.name}: a file of that name is already in the corpus; rename the new one")
                _move_without_replacing(temporary, target)
            finally:
                temporary.unlink(missing_ok=True)
            written.append(target)
    except OSError as exc:
        remove_saved(written)
        raise UploadError(f"could not save the upload: {exc.strerror or exc}") from None
    except UploadError:
        remove_saved(written)
        raise
    return written


def _move_without_replacing(temporary: Path, target: Path) -> None:
    """Give ``temporary`` the name ``target``, failing if ``target`` exists (a hard link where the file system allows)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise UploadError(f"{target.name}: a file of that name is already in the corpus; rename the new one") from None
    except OSError:  # no hard links here: the check above and the server's upload lock must do
        os.replace(temporary, target)


def remove_saved(paths: Sequence[Path]) -> None:
    """Undo ``save_files``: remove the files it wrote."""
    for path in paths:
        path.unlink(missing_ok=True)
