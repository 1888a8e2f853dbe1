"""The Milvus backend: passages, their vectors and BM25 postings in a Milvus collection.

The URI is a Milvus server (``http://host:19530``), Milvus Distributed or a Zilliz Cloud endpoint
(its token in the ``MILVUS_TOKEN`` environment variable), or a local Milvus Lite file
(``something.db``; by default ``milvus.db`` in the index folder). The index folder stays the
catalogue, as for the default backend:

    manifest.json             model, chunking, analyser, backend (URI, collection), every document
    documents.<gen>.jsonl     the documents' texts (what citations point into), one file per version

One row of the collection per passage:

    pid            INT64 primary key: a hash of (document id, content hash, start, end), stable
                   for as long as the passage's text is, so an unchanged passage keeps its id
    doc_id, hash   the document and the content hash of the version the passage was cut from
    start, end     exact character offsets into the document's text
    day            the article's date as a day number (0: undated), for the date filter
    terms          the passage's words analysed by ``index.words`` (stop words out, Snowball
                   stems): Milvus Lite has no English stemmer, so Milvus's ``standard`` analyzer
                   only splits these terms again and both backends score the same terms
    sparse         BM25 postings Milvus computes from ``terms``
    vector         the passage's unit vector, searched by inner product

The collection records the embedder, dimensions, chunking and analyser in its properties; an
index whose manifest disagrees is refused. Changes go to Milvus as they are applied (delete a
document's rows, insert its new ones) and become the index's current version when the catalogue
is committed; a search ignores rows of documents its version does not hold.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import threading
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from tqdm import tqdm

from index.backend import Where
from index.corpus_index import Stories, _now, collect_garbage
from index.chunk import index_text
from index.embed import Embedder
from index.errors import IndexFormatError
from index.files import write_atomic
from index.lexical import B, K1
from index.manifest import (
    FORMAT_VERSION,
    MANIFEST,
    BackendInfo,
    EmbedderInfo,
    Manifest,
    SegmentEntry,
    check_embedder,
    manifest_version,
    read_manifest_version,
    write_manifest,
)
from index.segment import Part
from index.types import ChunkSettings, Document, Passage
from index.words import WORD, bm25_terms

log = logging.getLogger(__name__)

COLLECTION = "newsqa"
LITE_FILE = "milvus.db"
META = "newsqa.index"  # the collection property that records how its passages were made
BATCH = 512  # rows per insert
MAX_LIMIT = 16_384  # Milvus's largest top k
TERMS_BYTES = 65_535  # the largest VARCHAR
SPAN_FIELDS = ["doc_id", "hash", "start", "end"]
BUILD_HINT = "rebuild it with `qa index build CORPUS_DIR --index {folder} --backend milvus --uri URI`"

_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def connect(uri: str) -> Any:
    """One ``MilvusClient`` per URI in this process (a Milvus Lite file is served by one local server)."""
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise IndexFormatError("the Milvus backend needs pymilvus and milvus-lite: pip install 'newsqa[milvus]'") from exc
    with _clients_lock:
        client = _clients.get(uri)
        if client is None:
            try:
                client = _clients[uri] = MilvusClient(uri, token=os.environ.get("MILVUS_TOKEN", ""))
            except Exception as exc:  # noqa: BLE001 - pymilvus raises several kinds for an unreachable server
                raise IndexFormatError(f"cannot reach Milvus at {uri}: {exc}") from exc
        return client


def close(uri: str | None = None) -> None:
    """Close the client of ``uri`` (None: every client this process opened); a Milvus Lite file's server,
    which runs in this process bound to 127.0.0.1, stops with it."""
    with _clients_lock:
        uris = list(_clients) if uri is None else [uri] if uri in _clients else []
        for each in uris:
            _clients.pop(each).close()
            if is_lite(each):
                from milvus_lite.server_manager import server_manager_instance

                server_manager_instance.release_server(each)


def is_lite(uri: str) -> bool:
    return "://" not in uri


def resolve_uri(folder: Path, uri: str | None) -> str:
    """The URI to connect to: a Milvus Lite file relative to the current folder made absolute; none: one in the index folder."""
    if uri is None:
        return str(Path(folder).resolve() / LITE_FILE)
    if is_lite(uri):
        if not uri.endswith(".db"):
            raise ValueError(f"a Milvus URI is http(s)://HOST:PORT or a Milvus Lite file ending in .db, got {uri!r}")
        return str(Path(uri).expanduser().resolve())
    return uri


def passage_key(doc_id: str, content_hash: str, start: int, end: int) -> int:
    """The passage's primary key: 63 bits of a hash of what makes it, so it is the same in every version that holds it."""
    digest = hashlib.blake2b(f"{doc_id}\x00{content_hash}\x00{start}\x00{end}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def day_number(day: str | None) -> int:
    return date.fromisoformat(day).toordinal() if day else 0


def collection_meta(manifest: Manifest) -> dict:
    """What must agree between an index and the collection holding its passages: which index it is, and how its passages were made."""
    return {
        "index": manifest.backend.index_id,
        "corpus": manifest.corpus,
        "format": FORMAT_VERSION,
        "embedder": manifest.embedder.name,
        "dim": manifest.embedder.dim,
        "chunking": manifest.chunking.model_dump(),
        "analyser": manifest.backend.analyser,
    }


def _meta(client: Any, name: str) -> dict:
    """What the collection ``name`` records about the index it belongs to ({} when newsqa did not make it)."""
    return json.loads(client.describe_collection(name).get("properties", {}).get(META) or "{}")


def _index_id(folder: Path) -> str | None:
    """The id of the Milvus index at ``folder`` (None when there is none), read even from a damaged manifest."""
    try:
        return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))["backend"]["index_id"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def literal(value: object) -> str:
    """A string, number or list of them written as a Milvus expression literal (JSON's quoting is Milvus's)."""
    return json.dumps(value, ensure_ascii=False)


def filter_of(where: Where | None) -> str:
    """A Milvus boolean expression for ``where`` ("" for none)."""
    if where is None:
        return ""
    terms = []
    if where.doc_ids is not None:
        terms.append(f"doc_id in {literal(sorted(where.doc_ids))}")
    if where.since is not None or where.until is not None:
        terms.append(f"day >= {where.since.toordinal() if where.since else 1}")  # 0: undated
    if where.until is not None:
        terms.append(f"day <= {where.until.toordinal()}")
    return " and ".join(terms)


def _create_collection(client: Any, name: str, manifest: Manifest) -> None:
    from pymilvus import DataType, Function, FunctionType

    schema = client.create_schema(auto_id=False, description="newsqa passages")
    schema.add_field("pid", DataType.INT64, is_primary=True)
    schema.add_field("doc_id", DataType.VARCHAR, max_length=4096)
    schema.add_field("hash", DataType.VARCHAR, max_length=64)
    schema.add_field("start", DataType.INT64)
    schema.add_field("end", DataType.INT64)
    schema.add_field("day", DataType.INT64)
    schema.add_field("terms", DataType.VARCHAR, max_length=TERMS_BYTES, enable_analyzer=True, analyzer_params={"tokenizer": "standard"})
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=manifest.embedder.dim)
    schema.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["terms"], output_field_names=["sparse"]))
    indexes = client.prepare_index_params()
    indexes.add_index("vector", index_type="FLAT", metric_type="IP")  # exact, as the default backend below 50k passages
    # Our k1 and b: a Milvus server applies them; Milvus Lite ignores them (1.5 / 0.75), so its BM25 ranks a little otherwise.
    indexes.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25", params={"bm25_k1": K1, "bm25_b": B})
    indexes.add_index("doc_id", index_type="INVERTED")
    client.create_collection(name, schema=schema, index_params=indexes, properties={META: json.dumps(collection_meta(manifest))})


def _joined(terms: Sequence[str]) -> str:
    """A passage's analysed words as one string, cut at a word to fit a VARCHAR."""
    joined = " ".join(terms)
    if len(joined.encode()) > TERMS_BYTES:
        joined = joined.encode()[:TERMS_BYTES].decode(errors="ignore").rsplit(" ", 1)[0]
    return joined


class MilvusIndex(Stories):
    """One version of an index whose passages live in a Milvus collection (``index.backend.Backend``)."""

    def __init__(
        self, manifest: Manifest, documents: dict[str, Document], client: Any, uri: str,
        version: tuple[int, int] | None = None, spans: dict[int, tuple[str, str, int, int]] | None = None,
    ) -> None:
        self.manifest = manifest
        self.documents = documents
        self.client = client
        self.uri = uri
        self.collection = manifest.backend.collection or COLLECTION
        self.version = version
        self._spans = spans if spans is not None else {}  # pid -> doc_id, hash, start, end: filled by searches, shared by versions
        self._passages = sum(entry.passages for entry in manifest.documents.values())

    def __len__(self) -> int:
        return self._passages

    # -- making and opening -------------------------------------------------------------------

    @classmethod
    def create(
        cls, folder: Path, embedder: Embedder, chunking: ChunkSettings = ChunkSettings(), corpus: str | None = None,
        uri: str | None = None, collection: str | None = None,
    ) -> "MilvusIndex":
        """An empty index for ``folder`` whose passages go to ``collection`` at ``uri``.

        A collection of that name is replaced only when it holds an earlier build of this same index;
        one that holds another index's passages, or anything else, is refused: nothing is lost."""
        address = resolve_uri(folder, uri)
        stored_uri = None if uri is None else address
        manifest = Manifest(
            embedder=EmbedderInfo(name=embedder.name, dim=embedder.dim), chunking=chunking, corpus=corpus,
            backend=BackendInfo(name="milvus", uri=stored_uri, collection=collection or COLLECTION, index_id=secrets.token_hex(8)),
        )
        client = connect(address)
        name = manifest.backend.collection
        if client.has_collection(name):
            owner = _meta(client, name).get("index")
            if owner is None or owner != _index_id(folder):
                raise IndexFormatError(
                    f"the Milvus collection {name} at {address} holds "
                    + (f"the passages of another index (built from {_meta(client, name).get('corpus')})" if owner else "data newsqa did not write")
                    + f"; name another collection with --collection, or drop this one (MilvusClient({address!r}).drop_collection({name!r}))"
                )
            log.info("replacing the Milvus collection %s at %s", name, address)
            client.drop_collection(name)
        _create_collection(client, name, manifest)
        return cls(manifest, {}, client, address)

    @classmethod
    def open(cls, folder: Path, embedder: Embedder | None = None, reuse: object | None = None) -> "MilvusIndex":
        """The current version of the index at ``folder``; refused when its collection was made otherwise (another model, chunking, analyser)."""
        folder = Path(folder)
        manifest, version = read_manifest_version(folder)
        if manifest.backend.name != "milvus":
            raise IndexFormatError(f"{folder} is an index on {manifest.backend.name}, not milvus")
        if embedder is not None:
            check_embedder(manifest, embedder.name, embedder.dim, folder)
        address = resolve_uri(folder, manifest.backend.uri)
        client = connect(address)
        name = manifest.backend.collection or COLLECTION
        if not client.has_collection(name):
            raise IndexFormatError(f"{folder} keeps its passages in the Milvus collection {name} at {address}, which is not there; " + BUILD_HINT.format(folder=folder))
        found = _meta(client, name)
        expected = collection_meta(manifest)
        if found != expected:
            raise IndexFormatError(
                f"the Milvus collection {name} at {address} holds passages made with {found or 'unknown settings'}, "
                f"but {folder} expects {expected}; {BUILD_HINT.format(folder=folder)}, or point the index at another collection"
            )
        client.load_collection(name)  # after a restart of the server, a collection must be loaded again
        documents = _read_documents(folder / documents_file(manifest.generation))
        missing = manifest.documents.keys() - documents.keys()
        if missing:
            raise IndexFormatError(f"{folder} is damaged: {len(missing)} documents of its manifest have no text, e.g. {sorted(missing)[0]!r}")
        spans = reuse._spans if isinstance(reuse, MilvusIndex) and reuse.uri == address else None
        return cls(manifest, {d: documents[d] for d in manifest.documents}, client, address, version, spans)

    # -- passages ----------------------------------------------------------------------------

    def _span(self, pid: int) -> tuple[str, str, int, int]:
        span = self._spans.get(pid)
        if span is None:
            rows = self.client.query(self.collection, filter=f"pid == {int(pid)}", output_fields=SPAN_FIELDS)
            if not rows:
                raise IndexError(f"no passage {pid} in this index")
            span = self._spans[pid] = (rows[0]["doc_id"], rows[0]["hash"], int(rows[0]["start"]), int(rows[0]["end"]))
        return span

    def passage(self, pid: int) -> Passage:
        doc_id, _, start, end = self._span(pid)
        return Passage(doc_id=doc_id, start=start, end=end, text=self.documents[doc_id].text[start:end])

    def document_of(self, pid: int) -> Document:
        return self.documents[self._span(pid)[0]]

    def part(self, doc_id: str) -> tuple[Part, np.ndarray]:
        """An indexed document with its passage spans and their vectors, read back from Milvus."""
        rows = self.client.query(self.collection, filter=f"doc_id == {literal(doc_id)}", output_fields=["start", "end", "vector"])
        rows.sort(key=lambda row: (row["start"], row["end"]))
        vectors = np.array([row["vector"] for row in rows], dtype=np.float32).reshape(len(rows), self.manifest.embedder.dim)
        return (self.documents[doc_id], [(int(row["start"]), int(row["end"])) for row in rows]), vectors

    def segment_entries(self) -> list[SegmentEntry]:
        """None: no segments to merge here, Milvus compacts its own."""
        return []

    # -- searching ---------------------------------------------------------------------------

    def _visible(self, hit: Any) -> int | None:
        """The hit's pid, remembered with its span; None when its document's version is not this index's
        (a change being written, or one this version predates)."""
        entity = hit["entity"]
        doc = self.documents.get(entity["doc_id"])
        if doc is None or doc.content_hash != entity["hash"]:
            return None
        pid = int(hit["pid"])
        self._spans[pid] = (entity["doc_id"], entity["hash"], int(entity["start"]), int(entity["end"]))
        return pid

    def search_dense(self, queries: np.ndarray, k: int, where: Where | None = None) -> tuple[np.ndarray, np.ndarray]:
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(1, min(k, len(self), MAX_LIMIT))
        scores = np.full((len(queries), k), -np.inf, np.float32)
        ids = np.full((len(queries), k), -1, np.int64)
        if len(self) == 0:
            return scores, ids
        results = self.client.search(
            self.collection, data=queries.tolist(), anns_field="vector", limit=k, filter=filter_of(where),
            output_fields=SPAN_FIELDS, search_params={"metric_type": "IP"},
        )
        for row, hits in enumerate(results):
            found = [(pid, float(hit["distance"])) for hit in hits if (pid := self._visible(hit)) is not None]
            for col, (pid, score) in enumerate(found):
                ids[row, col], scores[row, col] = pid, score
        return scores, ids

    def search_lexical(self, query: str, k: int, where: Where | None = None) -> tuple[np.ndarray, np.ndarray]:
        terms = " ".join(bm25_terms([query])[0])
        if not terms or len(self) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        hits = self.client.search(
            self.collection, data=[terms], anns_field="sparse", limit=max(1, min(k, MAX_LIMIT)), filter=filter_of(where),
            output_fields=SPAN_FIELDS, search_params={"metric_type": "BM25"},
        )[0]
        # Milvus Lite returns BM25 scores negated; a BM25 score is never negative, so its size is the score.
        found = [(pid, abs(float(hit["distance"]))) for hit in hits if (pid := self._visible(hit)) is not None]
        found = sorted((hit for hit in found if hit[1] > 0), key=lambda hit: -hit[1])
        return np.array([p for p, _ in found], dtype=np.int64), np.array([s for _, s in found], dtype=np.float32)

    def unknown_words(self, text: str) -> list[str]:
        """The words of ``text`` that no passage uses (stop words are never unknown): one BM25 look-up per term."""
        words = WORD.findall(text)
        analysed = bm25_terms(words)
        terms = sorted({t for word_terms in analysed for t in word_terms})
        if not terms or len(self) == 0:
            return [w for w, word_terms in zip(words, analysed) if word_terms]
        results = self.client.search(self.collection, data=terms, anns_field="sparse", limit=1, search_params={"metric_type": "BM25"})
        known = {term for term, hits in zip(terms, results) if len(hits)}
        return [w for w, word_terms in zip(words, analysed) if word_terms and not all(t in known for t in word_terms)]

    # -- changing ----------------------------------------------------------------------------

    def changed(self, manifest: Manifest, parts: Sequence[Part], vectors: np.ndarray | None, progress: bool = False) -> "MilvusIndex":
        """Write the change to Milvus (rows of dropped and re-indexed documents deleted, ``parts`` inserted); the new version.

        Rows are deleted by document id before they are inserted, even for a document new to the catalogue:
        a write that died after inserting leaves no second copy of a passage when it is done again."""
        reindexed = {doc.id: doc for doc, _ in parts}
        stale = sorted({d for d in self.manifest.documents if d not in manifest.documents} | reindexed.keys())
        for i in range(0, len(stale), 1000):
            self.client.delete(self.collection, filter=f"doc_id in {literal(stale[i : i + 1000])}")
        rows = [(doc, start, end) for doc, spans in parts for start, end in spans]
        with tqdm(total=len(rows), desc="Milvus", unit=" passages", disable=not progress or not rows) as bar:
            for at in range(0, len(rows), BATCH):
                batch = rows[at : at + BATCH]
                terms = bm25_terms([index_text(doc, start, end) for doc, start, end in batch])
                self.client.insert(self.collection, [
                    {
                        "pid": passage_key(doc.id, doc.content_hash, start, end), "doc_id": doc.id, "hash": doc.content_hash,
                        "start": start, "end": end, "day": day_number(doc.date), "terms": _joined(words),
                        "vector": np.asarray(vectors[at + i], dtype=np.float32).tolist(),
                    }
                    for i, ((doc, start, end), words) in enumerate(zip(batch, terms))
                ])
                bar.update(len(batch))
        documents = {d: reindexed.get(d) or self.documents[d] for d in manifest.documents}
        return MilvusIndex(manifest, documents, self.client, self.uri, None, self._spans)

    def commit(self, folder: Path, generation: int) -> "MilvusIndex":
        """Flush Milvus, write the documents of this version, then switch the manifest to it (atomically)."""
        folder = Path(folder)
        self.client.flush(self.collection)
        lines = "".join(doc.model_dump_json() + "\n" for doc in self.documents.values())
        write_atomic(folder / documents_file(generation), lines.encode("utf-8"))
        manifest = self.manifest.model_copy(update={"segments": [], "passages": len(self), "generation": generation, "updated_at": _now()})
        write_manifest(folder, manifest)
        collect_garbage(folder, set())
        for old in folder.glob("documents.*.jsonl"):
            if old.name != documents_file(generation):
                old.unlink(missing_ok=True)
        return MilvusIndex(manifest, self.documents, self.client, self.uri, manifest_version(folder), self._spans)

def documents_file(generation: int) -> str:
    return f"documents.{generation:06d}.jsonl"


def _read_documents(path: Path) -> dict[str, Document]:
    try:
        with open(path, encoding="utf-8") as f:
            return {doc.id: doc for doc in (Document.model_validate_json(line) for line in f)}
    except FileNotFoundError as exc:
        raise IndexFormatError(f"{path.parent} is damaged: missing {path.name}; {BUILD_HINT.format(folder=path.parent)}") from exc
    except ValueError as exc:
        raise IndexFormatError(f"{path} is damaged ({exc}); {BUILD_HINT.format(folder=path.parent)}") from exc
