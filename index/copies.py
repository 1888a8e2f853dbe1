"""Near copies: the same story published more than once (a wire story run by several outlets, a page saved twice).

Two articles are copies when the Jaccard similarity of their 8-word shingles over the first
400 words is above ``THRESHOLD``, estimated with MinHash and found with LSH (``datasketch``), so
an update compares each new article with the whole index without comparing every pair. Copies
form a story: every copy records the id of the story's first article (``DocumentEntry.copy_of``),
which records none. Retrieval then keeps one copy of a story among the top passages and cites the
others as "also reported by".

Signatures are kept per text (content hash, a lean signature of 1 KB) for the life of the process,
so an update hashes only the articles it adds (and, once, those already indexed).
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from datasketch import LeanMinHash, MinHash, MinHashLSH

from index.types import Document

__all__ = ["THRESHOLD", "find_copies", "regroup", "signature"]

THRESHOLD = 0.5
SHINGLE_WORDS = 8
LEAD_WORDS = 400
NUM_PERM = 128
MAX_KEPT = 500_000  # signatures kept at most (about 1 KB each); past that the cache starts again
_WORD = re.compile(r"\w+")
_signatures: dict[str, LeanMinHash] = {}  # content hash: signature


def shingles(text: str) -> set[str]:
    """The 8-word shingles of the first 400 words of ``text`` (lower case; a shorter text is one shingle)."""
    words = _WORD.findall(text.lower())[:LEAD_WORDS]
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def signature(doc: Document) -> LeanMinHash:
    """The MinHash of a document's text (computed once per text)."""
    kept = _signatures.get(doc.content_hash)
    if kept is None:
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch([s.encode("utf-8") for s in shingles(doc.text)])
        if len(_signatures) >= MAX_KEPT:
            _signatures.clear()
        kept = _signatures[doc.content_hash] = LeanMinHash(minhash)
    return kept


def find_copies(new: Iterable[Document], indexed: Iterable[Document], copy_of: Mapping[str, str | None]) -> dict[str, str]:
    """For each of ``new`` that copies an ``indexed`` document or a ``new`` one before it (in id order),
    the id of its story's first document. ``copy_of``: what the indexed documents already record."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[str, LeanMinHash] = {}
    story: dict[str, str] = {}
    for doc in indexed:
        signatures[doc.id] = signature(doc)
        story[doc.id] = copy_of.get(doc.id) or doc.id
        lsh.insert(doc.id, signatures[doc.id])
    found: dict[str, str] = {}
    for doc in sorted(new, key=lambda d: d.id):
        sig = signature(doc)
        # LSH proposes candidates; the estimate decides (a band collision alone is not a copy)
        matches = [other for other in lsh.query(sig) if sig.jaccard(signatures[other]) >= THRESHOLD]
        story[doc.id] = min((story[m] for m in matches), default=doc.id)
        if story[doc.id] != doc.id:
            found[doc.id] = story[doc.id]
        signatures[doc.id] = sig
        lsh.insert(doc.id, sig)
    return found


def regroup(copy_of: Mapping[str, str | None]) -> dict[str, str | None]:
    """Every document's story root, for a story whose first document is gone: its first remaining copy takes over."""
    members: dict[str, list[str]] = {}
    for doc_id, root in copy_of.items():
        if root is not None and root not in copy_of:
            members.setdefault(root, []).append(doc_id)
    out = dict(copy_of)
    for ids in members.values():
        first, *rest = sorted(ids)
        out[first] = None
        out.update({doc_id: first for doc_id in rest})
    return out
