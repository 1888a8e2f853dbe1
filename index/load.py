"""Reading a corpus folder into cleaned ``Document`` objects, validated at the boundary: the folder
walk and one file at a time (``index.update.scan_folder`` decides which files need reading).

Supported files: ``.txt``, ``.md``, ``.html``/``.htm`` (main text by trafilatura), ``.json``
(a list of records, or an object holding one under "data"/"articles"/"documents", or one
record), ``.jsonl``, and the gzipped ``.json.gz``/``.jsonl.gz``.

Text is UTF-8 when it decodes as UTF-8; a byte-order mark (UTF-8, UTF-16, UTF-32) is obeyed;
anything else is decoded in the encoding charset-normalizer detects (Windows-1252 preferred
where it fits, as browsers do for undeclared Western text), and that encoding is recorded.

Every file fails alone: a file that cannot be used (binary, empty, malformed, nested too
deeply, not a regular file, a link out of the corpus folder, an article over the size limit,
a name that is not UTF-8, or anything else its parser chokes on) is skipped with a warning
naming it and why; a broken line of a ``.jsonl`` feed drops that line only. A folder with
no usable file is an error.

Document ids are stable across rebuilds: the file's path relative to the folder (posix),
with ``#<record id>`` (or ``#<record index>``) for records of a JSON/JSONL file.
"""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel, ConfigDict, Field

from index.clean import clean_text, content_hash, normalize_whitespace, valid_unicode
from index.errors import CorpusError, UnreadableFileError
from index.types import Document, SkippedFile

__all__ = [
    "SUPPORTED_SUFFIXES",
    "FileLoad",
    "LoadOptions",
    "corpus_folder",
    "corpus_files",
    "load_file",
    "no_documents_message",
    "read_file",
]

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".json.gz", ".jsonl.gz")
FEED_SUFFIXES: tuple[str, ...] = (".json", ".jsonl", ".json.gz", ".jsonl.gz")

# A NUL byte this early means a binary file, not text (unless a UTF-16/32 byte-order mark says otherwise).
BINARY_SNIFF_BYTES = 8192
# Record fields holding the article body, in order of preference.
TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content")
# Object keys that may hold the list of records of a .json file.
RECORD_LIST_KEYS: tuple[str, ...] = ("data", "articles", "documents")
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy Western text without a declared encoding is Windows-1252 whenever that fits (as in browsers):
# on short texts a detector cannot tell it from its cousins (cp1250, cp775), which garble letters.
PREFERRED_LEGACY_ENCODING = "cp1252"
MB = 1024 * 1024
DEFAULT_MAX_ARTICLE_MB = 10.0
# A .json file is parsed whole, in memory: one larger than this (after decompression) is refused;
# such feeds belong in .jsonl, read line by line. Also a bound on what a small .gz may unpack to.
MAX_JSON_BYTES = 1024 * MB
# A feed line may hold an article at the limit with every character JSON-escaped (\uXXXX: 6 bytes).
LINE_BYTES_PER_ARTICLE_BYTE = 6
MAX_REASON_CHARS = 300

_ISO_LIKE_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class FileLoad(BaseModel):
    """The documents of one file, the records or lines of it that were skipped, and its text encoding."""

    model_config = ConfigDict(frozen=True)

    documents: list[Document]
    skipped: list[SkippedFile] = Field(default_factory=list)
    encoding: str | None = Field(default=None, description="None for UTF-8 (or ASCII); else the encoding the text was decoded from")


class LoadOptions(BaseModel):
    """What the loader may read: how large one article may be, and whether links out of the corpus are followed.

    Defaults come from the environment: ``QA_MAX_FILE_MB`` (an article file, or one record of a
    feed, larger than this is skipped; default 10) and ``QA_FOLLOW_LINKS`` (1: index files that
    symbolic links inside the corpus point to outside it; default: skip them).
    """

    model_config = ConfigDict(frozen=True)

    max_article_bytes: int = Field(default=int(DEFAULT_MAX_ARTICLE_MB * MB), gt=0)
    follow_links: bool = False

    @classmethod
    def from_env(cls) -> "LoadOptions":
        raw = os.environ.get("QA_MAX_FILE_MB", "").strip()
        try:
            megabytes = float(raw) if raw else DEFAULT_MAX_ARTICLE_MB
        except ValueError:
            raise CorpusError(f"QA_MAX_FILE_MB must be a number of megabytes, got {raw!r}") from None
        if not megabytes > 0:
            raise CorpusError(f"QA_MAX_FILE_MB must be positive, got {raw!r}")
        follow = os.environ.get("QA_FOLLOW_LINKS", "").strip().lower() in ("1", "true", "yes", "on")
        return cls(max_article_bytes=int(megabytes * MB), follow_links=follow)

    @property
    def limit_text(self) -> str:
        return _megabytes(self.max_article_bytes)


# --- public API ---------------------------------------------------------------------------


def load_file(path: Path, root: Path, options: LoadOptions | None = None) -> list[Document]:
    """Load the documents of one file; ids are relative to ``root``.

    Raises ``UnreadableFileError`` when the file as a whole cannot be used; records of a
    JSON file that cannot be used are skipped with a warning.
    """
    return read_file(path, root, options).documents


def read_file(path: Path, root: Path, options: LoadOptions | None = None) -> FileLoad:
    """Load one file: its documents, the records or lines skipped (each logged), and its encoding.

    Raises ``UnreadableFileError`` when the file as a whole cannot be used, whatever the
    cause: no exception of a parser escapes, so one bad file never stops the others.
    """
    options = options or LoadOptions.from_env()
    relpath = _relpath(Path(path), Path(root))
    try:
        loaded = _read(Path(path), Path(root), relpath, options)
    except UnreadableFileError:
        raise
    except RecursionError:
        raise UnreadableFileError(relpath, "nested too deeply to be read (hundreds of levels of brackets or tags)") from None
    except (OSError, EOFError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
        raise UnreadableFileError(relpath, _short(f"cannot be read ({error})")) from error
    except Exception as error:  # noqa: BLE001 - any parser failure is this file's problem only
        raise UnreadableFileError(relpath, _short(f"cannot be parsed ({_describe(error)})")) from error
    for item in loaded.skipped:
        _warned(item)
    return loaded


# --- the folder walk ----------------------------------------------------------------------


def corpus_folder(folder: Path | str) -> Path:
    """The corpus folder as a ``Path``; raises ``CorpusError`` saying what is wrong with it."""
    root = Path(folder).expanduser()
    if not root.exists():
        raise CorpusError(f"Corpus folder {folder} does not exist; pass the folder that holds your articles.")
    if not root.is_dir():
        raise CorpusError(f"Corpus path {folder} is a file, not a folder; pass the folder that holds it.")
    return root


def corpus_files(root: Path) -> list[tuple[str, os.stat_result]]:
    """(relative posix path, stat) of every non-hidden file under ``root``, sorted; folders that are
    symbolic links are not entered (``read_file`` decides which linked files may be read).

    Only ``stat`` is called, which never blocks, even on a named pipe; a broken link is listed
    with its own ``lstat`` so that it is reported, not silently left out.
    """
    found = []
    for directory, subdirectories, filenames in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                path = Path(directory, name)
                try:
                    st = path.stat() if not path.is_symlink() or path.exists() else path.lstat()
                except OSError:  # vanished while we walked
                    continue
                found.append((path.relative_to(root).as_posix(), st))
    return sorted(found, key=lambda item: item[0])


def _relpath(path: Path, root: Path) -> str:
    """Path relative to the corpus folder, in posix form: the stable base of document ids."""
    return path.relative_to(root).as_posix()


def _printable(relpath: str) -> str:
    """A relative path as it can be shown and stored: bytes of a name that are not UTF-8 become U+FFFD."""
    return relpath.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _warned(item: SkippedFile) -> SkippedFile:
    """Log a warning naming a skipped file or record, and return it."""
    logger.warning("Skipped %s: %s", item.path, item.reason)
    return item


def no_documents_message(folder: Path | str, skipped: list[SkippedFile], shown: int = 10) -> str:
    """Why a folder gave no document: nothing supported in it, or every file skipped and why."""
    if not skipped:
        return (
            f"Corpus folder {folder} holds no readable documents; add text files with one of the extensions "
            f"{', '.join(SUPPORTED_SUFFIXES)}."
        )
    lines = [f"- {item.path}: {item.reason}" for item in skipped[:shown]]
    if len(skipped) > shown:
        lines.append(f"- … and {len(skipped) - shown} more")
    return f"Corpus folder {folder} holds no readable documents; every file was skipped:\n" + "\n".join(lines)


def _short(reason: str) -> str:
    """A reason fit for a report line."""
    reason = " ".join(reason.split())
    return reason if len(reason) <= MAX_REASON_CHARS else reason[: MAX_REASON_CHARS - 1] + "…"


def _megabytes(size: int) -> str:
    return f"{size / MB:.3g} MB"


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


# --- one file -----------------------------------------------------------------------------


def _suffix(path: Path) -> str:
    """The supported (possibly double, like ``.jsonl.gz``) extension of a path, lower case, or its last suffix."""
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix
    return path.suffix.lower()


def _read(path: Path, root: Path, relpath: str, options: LoadOptions) -> FileLoad:
    """The checks that need no reading first (name, type, link, size), then the file by its format."""
    shown = _printable(relpath)
    if shown != relpath:
        raise UnreadableFileError(shown, "the file name is not valid UTF-8; rename the file")
    suffix = _suffix(path)
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFileError(relpath, f"unsupported extension {suffix or '(none)'!r}")
    _check_link(path, root, relpath, options)
    st = os.stat(path)
    _check_regular(st, relpath)
    if suffix not in FEED_SUFFIXES and st.st_size > options.max_article_bytes:
        raise UnreadableFileError(relpath, f"the file is {_megabytes(st.st_size)}; the limit for one article is {options.limit_text} (QA_MAX_FILE_MB)")
    if suffix in (".jsonl", ".jsonl.gz"):
        return _jsonl_file(path, relpath, options)
    text, encoding = _read_text(path, relpath, MAX_JSON_BYTES if suffix in FEED_SUFFIXES else options.max_article_bytes)
    if suffix in (".json", ".json.gz"):
        items = list(_json_documents(text, relpath, options))
    elif suffix in (".html", ".htm"):
        items = [_html_document(text, relpath)]
    elif suffix == ".md":
        items = [_markdown_document(text, relpath)]
    else:
        items = [_text_document(text, relpath)]
    return _file_load(items, encoding)


def _file_load(items: list[Document | SkippedFile], encoding: str | None) -> FileLoad:
    return FileLoad(
        documents=[item for item in items if isinstance(item, Document)],
        skipped=[item for item in items if isinstance(item, SkippedFile)],
        encoding=encoding,
    )


def _check_link(path: Path, root: Path, relpath: str, options: LoadOptions) -> None:
    """Refuse a symbolic link that leads out of the corpus folder, unless the operator allowed it."""
    if options.follow_links or not path.is_symlink():
        return
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise UnreadableFileError(relpath, "a symbolic link to a file outside the corpus folder; not followed (allow it with --follow-links or QA_FOLLOW_LINKS=1)")


def _check_regular(st: os.stat_result, relpath: str) -> None:
    """Refuse what is not a regular file (a named pipe would block the reader for ever, a device never ends)."""
    if not stat.S_ISREG(st.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file"
        raise UnreadableFileError(relpath, f"{kind}, not a regular file; skipped without opening it")


@contextmanager
def _open_bytes(path: Path, relpath: str) -> Iterator[BinaryIO]:
    """Open a regular file for reading bytes, decompressing ``.gz`` on the fly.

    Opened without blocking and checked again once open: a file swapped for a named pipe since
    it was looked at is refused, not waited on.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as raw:
        _check_regular(os.fstat(fd), relpath)
        if path.name.lower().endswith(".gz"):
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield unzipped  # type: ignore[misc]
        else:
            yield raw


def _read_text(path: Path, relpath: str, limit: int) -> tuple[str, str | None]:
    """Read a whole (possibly gzipped) file of at most ``limit`` bytes as text, refusing binary and empty
    files; (text, encoding or None for UTF-8)."""
    with _open_bytes(path, relpath) as stream:
        data = stream.read(limit + 1)
    if not data:
        raise UnreadableFileError(relpath, "empty file")
    if len(data) > limit:
        raise UnreadableFileError(relpath, f"over {_megabytes(limit)} of text (unpacked): too large to be read whole; split it, or make it a .jsonl feed")
    return _decode_text(data, relpath)


def _decode_text(data: bytes, relpath: str, where: str = "") -> tuple[str, str | None]:
    """Decode bytes as text: a byte-order mark decides, else UTF-8, else the encoding charset-normalizer
    detects (Windows-1252 when it fits). Returns (text, encoding or None for UTF-8); raises for binary data."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), (None if codec == "utf-8-sig" else codec)
            except UnicodeDecodeError as error:
                raise UnreadableFileError(relpath, f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} ({error.reason} at offset {error.start}{where})") from None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise UnreadableFileError(relpath, f"binary file (NUL byte in its first 8 KB{where})")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported here: needed for legacy encodings only

    matches = from_bytes(data)
    if not matches:
        raise UnreadableFileError(relpath, f"binary file, or text in no encoding that could be recognised{where}")
    if any(PREFERRED_LEGACY_ENCODING in match.could_be_from_charset for match in matches):
        return data.decode(PREFERRED_LEGACY_ENCODING), PREFERRED_LEGACY_ENCODING
    best = matches.best()
    return str(best), best.encoding


def _make_document(doc_id: str, title: str, body: str, source: str, date_value: str | None) -> Document:
    """Build a document whose text is the cleaned body, headed by its title line when that is missing."""
    title = _one_line(title)
    if title and body.split("\n", 1)[0] != title:
        body = f"{title}\n\n{body}"
    return Document(
        id=doc_id,
        title=title or _title_from_first_line(body.split("\n", 1)[0]),
        source=valid_unicode(source),
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


def _json_documents(raw: str, relpath: str, options: LoadOptions) -> Iterator[Document | SkippedFile]:
    """The records of a ``.json`` file: a list, an object holding a list, or a single record."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise UnreadableFileError(relpath, f"malformed JSON (line {error.lineno}: {error.msg})") from error
    records = _records_of(data, relpath)
    yield from _documents_of_records(enumerate(records), relpath, options)


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


def _jsonl_file(path: Path, relpath: str, options: LoadOptions) -> FileLoad:
    """The records of a (possibly gzipped) ``.jsonl`` file, read line by line to keep memory flat."""
    with _open_bytes(path, relpath) as stream:
        head = stream.read(BINARY_SNIFF_BYTES)
        if not head:
            raise UnreadableFileError(relpath, "empty file")
        if any(head.startswith(bom) for bom, codec in BOMS if codec != "utf-8-sig"):
            raise UnreadableFileError(relpath, "a UTF-16 or UTF-32 feed; re-save it as UTF-8 (one JSON record per line)")
        if b"\x00" in head:
            raise UnreadableFileError(relpath, "binary file (NUL byte in its first 8 KB)")
    encodings: set[str] = set()
    with _open_bytes(path, relpath) as stream:
        lines = _jsonl_records(stream, relpath, encodings, options.max_article_bytes * LINE_BYTES_PER_ARTICLE_BYTE)
        items = list(_documents_of_records(lines, relpath, options))
    return _file_load(items, ",".join(sorted(encodings)) or None)


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of a stream, each read with at most ``limit`` bytes in memory; None for a longer line (skipped to its end)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
            pass
        yield None


def _jsonl_records(stream: BinaryIO, relpath: str, encodings: set[str], limit: int) -> Iterator[tuple[int, Any] | SkippedFile]:
    """Parse one JSON value per non-blank line; yield (record index, value), or the line skipped and why.

    A broken line (cut short by a writer, garbled, over ``limit`` bytes) drops that line only. Record
    indexes count every non-blank line, broken or not, so the ids of the other records never shift.
    """
    index = 0
    for line_number, line in enumerate(_lines(stream, limit), start=1):
        where = f"{relpath}, line {line_number}"
        if line is None:
            yield SkippedFile(path=where, reason=f"a line of over {_megabytes(limit)}; only this line is skipped")
            index += 1
            continue
        if not line.strip():
            continue
        try:
            text, encoding = _decode_text(line, where)
            if encoding:
                encodings.add(encoding)
            yield index, json.loads(text)
        except UnreadableFileError as error:
            yield SkippedFile(path=where, reason=error.reason)
        except json.JSONDecodeError as error:
            yield SkippedFile(path=where, reason=f"malformed JSON ({error.msg}); only this line is skipped")
        except RecursionError:
            yield SkippedFile(path=where, reason="nested too deeply to be read; only this line is skipped")
        index += 1


def _documents_of_records(
    records: Iterator[tuple[int, Any] | SkippedFile], relpath: str, options: LoadOptions
) -> Iterator[Document | SkippedFile]:
    """Turn records into documents; a record without usable text is skipped; a file with none is unreadable."""
    loaded = 0
    skipped: list[SkippedFile] = []
    for record in records:
        if isinstance(record, SkippedFile):
            skipped.append(record)
            yield record
            continue
        index, value = record
        item = _record_document(value, index, relpath, options)
        loaded += isinstance(item, Document)
        yield item
    if not loaded:
        why = f"no record with text (fields {', '.join(TEXT_FIELDS)})"
        if skipped:
            first = skipped[0]
            why += f"; {len(skipped)} line{'s' * (len(skipped) != 1)} unreadable, the first: {first.path.rsplit(', ', 1)[-1]}: {first.reason.split(';')[0]}"
        raise UnreadableFileError(relpath, _short(why))


def _record_document(record: Any, index: int, relpath: str, options: LoadOptions) -> Document | SkippedFile:
    """One JSON record as a document, or why it is skipped."""
    record_id = record.get("id") if isinstance(record, dict) else None
    doc_id = valid_unicode(f"{relpath}#{index if record_id is None or record_id == '' else record_id}")
    if not isinstance(record, dict):
        return SkippedFile(path=doc_id, reason="record is not a JSON object")
    raw_text = next((record[field] for field in TEXT_FIELDS if isinstance(record.get(field), str)), None)
    if raw_text is None:
        return SkippedFile(path=doc_id, reason=f"record has no text field ({', '.join(TEXT_FIELDS)})")
    size = len(raw_text.encode("utf-8", "surrogatepass"))
    if size > options.max_article_bytes:
        return SkippedFile(path=doc_id, reason=f"record text is {_megabytes(size)}; the limit for one article is {options.limit_text} (QA_MAX_FILE_MB)")
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
