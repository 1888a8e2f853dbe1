"""Loading a corpus folder into cleaned ``Document`` objects, validated at the boundary.

Supported files: ``.txt``, ``.md``, ``.html``/``.htm`` (main text by trafilatura), ``.json``
(a list of records, or an object holding one under "data"/"articles"/"documents", or one
record), ``.jsonl``, and the gzipped ``.json.gz``/``.jsonl.gz``. Files are read as strict
UTF-8. A file that cannot be used (binary, empty, not UTF-8, malformed JSON, unsupported
extension) is skipped with a warning naming it; a folder with no usable file is an error.

Document ids are stable across rebuilds: the file's path relative to the folder (posix),
with ``#<record id>`` (or ``#<record index>``) for records of a JSON/JSONL file.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel, ConfigDict
from tqdm import tqdm

from index.clean import clean_text, content_hash, normalize_whitespace
from index.errors import CorpusError
from index.types import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "LoadResult",
    "SkippedFile",
    "UnreadableFileError",
    "load_file",
    "load_folder",
]

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".json.gz", ".jsonl.gz")

# A NUL byte this early means a binary file, not text.
BINARY_SNIFF_BYTES = 8192
# Record fields holding the article body, in order of preference.
TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content")
# Object keys that may hold the list of records of a .json file.
RECORD_LIST_KEYS: tuple[str, ...] = ("data", "articles", "documents")

_ISO_LIKE_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class SkippedFile(BaseModel):
    """A file (or one record of a JSON file, ``path#id``) that was not loaded, and why."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str


class LoadResult(BaseModel):
    """The documents of a folder, in path order, and what was skipped."""

    model_config = ConfigDict(frozen=True)

    documents: list[Document]
    skipped: list[SkippedFile]


class UnreadableFileError(CorpusError):
    """One file cannot be used as a document source; ``load_folder`` skips it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# --- public API ---------------------------------------------------------------------------


def load_folder(folder: Path | str, *, progress: bool = False) -> LoadResult:
    """Load every supported file under ``folder`` (recursively, sorted, hidden entries ignored).

    Unusable files and records are skipped with a warning; raises ``CorpusError`` when the
    folder is missing, is not a directory, or yields no document at all.
    """
    root = _existing_folder(folder)
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    seen_ids: set[str] = set()
    with tqdm(unit=" docs", desc="Loading", disable=not progress) as bar:
        for path in _corpus_files(root):
            relpath = _relpath(path, root)
            bar.set_postfix_str(relpath, refresh=False)
            try:
                items = list(_iter_file(path, relpath))
            except UnreadableFileError as error:
                skipped.append(_warned(SkippedFile(path=error.path, reason=error.reason)))
                continue
            for item in items:
                if isinstance(item, SkippedFile):
                    skipped.append(_warned(item))
                elif item.id in seen_ids:
                    skipped.append(_warned(SkippedFile(path=item.id, reason="duplicate document id")))
                else:
                    seen_ids.add(item.id)
                    documents.append(item)
            bar.update(len(items))
    if not documents:
        raise CorpusError(_nothing_loaded_message(folder, skipped))
    return LoadResult(documents=documents, skipped=skipped)


def load_file(path: Path, root: Path) -> list[Document]:
    """Load the documents of one file; ids are relative to ``root``.

    Raises ``UnreadableFileError`` when the file as a whole cannot be used; records of a
    JSON file that cannot be used are skipped with a warning.
    """
    items = list(_iter_file(path, _relpath(path, root)))
    for item in items:
        if isinstance(item, SkippedFile):
            _warned(item)
    return [item for item in items if isinstance(item, Document)]


# --- the folder walk ----------------------------------------------------------------------


def _existing_folder(folder: Path | str) -> Path:
    """Return the folder as a ``Path``, or raise ``CorpusError`` saying what is wrong with it."""
    root = Path(folder).expanduser()
    if not root.exists():
        raise CorpusError(f"Corpus folder {folder} does not exist; pass the folder that holds your articles.")
    if not root.is_dir():
        raise CorpusError(f"Corpus path {folder} is a file, not a folder; pass the folder that holds it.")
    return root


def _corpus_files(root: Path) -> list[Path]:
    """All non-hidden files under ``root``, sorted by relative posix path (symlinked folders not followed)."""
    found: list[Path] = []
    for directory, subdirectories, filenames in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        found.extend(Path(directory, name) for name in filenames if not name.startswith("."))
    return sorted(found, key=lambda path: _relpath(path, root))


def _relpath(path: Path, root: Path) -> str:
    """Path relative to the corpus folder, in posix form: the stable base of document ids."""
    return path.relative_to(root).as_posix()


def _warned(item: SkippedFile) -> SkippedFile:
    """Log a warning naming a skipped file or record, and return it."""
    logger.warning("Skipped %s: %s", item.path, item.reason)
    return item


def _nothing_loaded_message(folder: Path | str, skipped: list[SkippedFile], shown: int = 10) -> str:
    """Say why a folder gave no document: nothing supported in it, or every file skipped and why."""
    if not skipped:
        return (
            f"Corpus folder {folder} holds no documents; add UTF-8 files with one of the extensions "
            f"{', '.join(SUPPORTED_SUFFIXES)}."
        )
    lines = [f"- {item.path}: {item.reason}" for item in skipped[:shown]]
    if len(skipped) > shown:
        lines.append(f"- … and {len(skipped) - shown} more")
    return f"Corpus folder {folder} holds no readable documents; every file was skipped:\n" + "\n".join(lines)


# --- one file -----------------------------------------------------------------------------


def _suffix(path: Path) -> str:
    """The supported (possibly double, like ``.jsonl.gz``) extension of a path, lower case, or its last suffix."""
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix
    return path.suffix.lower()


def _iter_file(path: Path, relpath: str) -> Iterator[Document | SkippedFile]:
    """Yield the documents of one file, and the records skipped; raise ``UnreadableFileError`` for the file."""
    suffix = _suffix(path)
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFileError(relpath, f"unsupported extension {suffix or '(none)'!r}")
    try:
        if suffix in (".jsonl", ".jsonl.gz"):
            yield from _jsonl_documents(path, relpath)
        elif suffix in (".json", ".json.gz"):
            yield from _json_documents(_read_text(path, relpath), relpath)
        elif suffix in (".html", ".htm"):
            yield _html_document(_read_text(path, relpath), relpath)
        elif suffix == ".md":
            yield _markdown_document(_read_text(path, relpath), relpath)
        else:
            yield _text_document(_read_text(path, relpath), relpath)
    except (OSError, EOFError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
        raise UnreadableFileError(relpath, f"cannot be read ({error})") from error


def _open_bytes(path: Path) -> BinaryIO:
    """Open a file for reading bytes, decompressing ``.gz`` on the fly."""
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _check_not_binary(head: bytes, relpath: str) -> None:
    """Raise when the first bytes of a file hold a NUL byte, the mark of binary data."""
    if b"\x00" in head[:BINARY_SNIFF_BYTES]:
        raise UnreadableFileError(relpath, "binary file (NUL byte in its first 8 KB)")


def _decode(data: bytes, relpath: str, where: str = "") -> str:
    """Decode strict UTF-8 (a leading byte-order mark is dropped), or say where the file is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise UnreadableFileError(
            relpath, f"not valid UTF-8 (byte 0x{bad} at offset {error.start}{where}); re-save it as UTF-8"
        ) from error


def _read_text(path: Path, relpath: str) -> str:
    """Read a whole (possibly gzipped) file as strict UTF-8 text, refusing binary and empty files."""
    with _open_bytes(path) as stream:
        data = stream.read()
    if not data:
        raise UnreadableFileError(relpath, "empty file")
    _check_not_binary(data, relpath)
    return _decode(data, relpath)


def _make_document(doc_id: str, title: str, body: str, source: str, date_value: str | None) -> Document:
    """Build a document whose text is the cleaned body, headed by its title line when that is missing."""
    title = _one_line(title)
    if title and body.split("\n", 1)[0] != title:
        body = f"{title}\n\n{body}"
    return Document(
        id=doc_id,
        title=title or _title_from_first_line(body.split("\n", 1)[0]),
        source=source,
        date=date_value,
        text=body,
        content_hash=content_hash(body),
    )


def _cleaned_or_raise(text: str, relpath: str) -> str:
    """Clean a file's text, refusing one with nothing left."""
    cleaned = clean_text(text)
    if not cleaned:
        raise UnreadableFileError(relpath, "no text (empty after cleaning)")
    return cleaned


def _text_document(raw: str, relpath: str) -> Document:
    """A ``.txt`` article: the title is its first non-empty line; no date."""
    body = _cleaned_or_raise(raw, relpath)
    return _make_document(relpath, "", body, relpath, None)


def _markdown_document(raw: str, relpath: str) -> Document:
    """A ``.md`` article: optional front matter (title, date), heading marks removed, title = first line."""
    meta, raw = _split_front_matter(raw)
    body = _cleaned_or_raise(_MARKDOWN_HEADING.sub(r"\1", raw), relpath)
    return _make_document(relpath, meta.get("title", ""), body, meta.get("url") or relpath, _iso_date(meta.get("date")))


def _split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split simple ``key: value`` YAML front matter off a markdown text."""
    match = _FRONT_MATTER.match(raw)
    if match is None:
        return {}, raw
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, colon, value = line.partition(":")
        if colon and key.strip():
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, raw[match.end() :]


def _html_document(raw: str, relpath: str) -> Document:
    """An HTML page: main text, title, date and canonical url extracted by trafilatura."""
    import trafilatura  # imported here: slow to import and needed for HTML only

    extracted = trafilatura.bare_extraction(
        raw,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        with_metadata=True,
    )
    text = getattr(extracted, "text", None) or ""
    if not text.strip():
        raise UnreadableFileError(relpath, "no main text found in the HTML")
    # trafilatura separates paragraphs by one newline; store them as the .txt files do.
    body = _cleaned_or_raise(text.replace("\n", "\n\n"), relpath)
    title = getattr(extracted, "title", None) or ""
    url = getattr(extracted, "url", None) or relpath
    return _make_document(relpath, title, body, url, _iso_date(getattr(extracted, "date", None)))


# --- JSON records -------------------------------------------------------------------------


def _json_documents(raw: str, relpath: str) -> Iterator[Document | SkippedFile]:
    """The records of a ``.json`` file: a list, an object holding a list, or a single record."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise UnreadableFileError(relpath, f"malformed JSON (line {error.lineno}: {error.msg})") from error
    records = _records_of(data, relpath)
    yield from _documents_of_records(enumerate(records), relpath)


def _records_of(data: Any, relpath: str) -> list[Any]:
    """Find the list of records in parsed JSON."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in RECORD_LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
        return [data]
    raise UnreadableFileError(relpath, "JSON holds neither records nor an object")


def _jsonl_documents(path: Path, relpath: str) -> Iterator[Document | SkippedFile]:
    """The records of a (possibly gzipped) ``.jsonl`` file, read line by line to keep memory flat."""
    with _open_bytes(path) as stream:
        head = stream.read(BINARY_SNIFF_BYTES)
    if not head:
        raise UnreadableFileError(relpath, "empty file")
    _check_not_binary(head, relpath)
    with _open_bytes(path) as stream:
        yield from _documents_of_records(_jsonl_records(stream, relpath), relpath)


def _jsonl_records(stream: BinaryIO, relpath: str) -> Iterator[tuple[int, Any]]:
    """Parse one JSON value per non-blank line; yield (record index, value)."""
    index = 0
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        text = _decode(line, relpath, where=f" on line {line_number}")
        try:
            yield index, json.loads(text)
        except json.JSONDecodeError as error:
            raise UnreadableFileError(relpath, f"malformed JSON on line {line_number} ({error.msg})") from error
        index += 1


def _documents_of_records(records: Iterator[tuple[int, Any]], relpath: str) -> Iterator[Document | SkippedFile]:
    """Turn records into documents; a record without usable text is skipped; a file with none is unreadable."""
    loaded = 0
    for index, record in records:
        item = _record_document(record, index, relpath)
        loaded += isinstance(item, Document)
        yield item
    if not loaded:
        raise UnreadableFileError(relpath, f"no record with text (fields {', '.join(TEXT_FIELDS)})")


def _record_document(record: Any, index: int, relpath: str) -> Document | SkippedFile:
    """One JSON record as a document, or why it is skipped."""
    record_id = record.get("id") if isinstance(record, dict) else None
    doc_id = f"{relpath}#{index if record_id is None or record_id == '' else record_id}"
    if not isinstance(record, dict):
        return SkippedFile(path=doc_id, reason="record is not a JSON object")
    raw_text = next((record[field] for field in TEXT_FIELDS if isinstance(record.get(field), str)), None)
    if raw_text is None:
        return SkippedFile(path=doc_id, reason=f"record has no text field ({', '.join(TEXT_FIELDS)})")
    body = clean_text(raw_text)
    if not body:
        return SkippedFile(path=doc_id, reason="record text is empty after cleaning")
    title = record.get("title")
    urls = (record[key] for key in ("url", "source") if isinstance(record.get(key), str) and record[key])
    source = next(urls, relpath)
    return _make_document(doc_id, title if isinstance(title, str) else "", body, source, _iso_date(record.get("date")))


# --- small helpers ------------------------------------------------------------------------


TITLE_MAX_WORDS = 16


def _title_from_first_line(line: str) -> str:
    """A text file's title: its first line, or when that is a whole paragraph, its first words and an ellipsis."""
    words = line.split()
    if len(words) <= TITLE_MAX_WORDS:
        return line
    return " ".join(words[:TITLE_MAX_WORDS]).rstrip(",;:") + "…"


def _one_line(text: str) -> str:
    """Normalise a title to a single line of single-spaced text."""
    return " ".join(normalize_whitespace(text).split())


def _iso_date(value: Any) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from strings like ``2018/03/15`` or ``2018-03-15T10:00Z``, else None."""
    if not isinstance(value, str):
        return None
    match = _ISO_LIKE_DATE.match(value.strip())
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None
