"""The words of a text, analysed two ways on purpose: into BM25 terms, and into tokens for reading answers.

Both stem with one Snowball English stemmer (``stem``); they cut and filter words differently, and
each must stay as it is:

* ``bm25_terms`` (BM25 in ``index.lexical`` and the Milvus backend): bm25s's tokenizer, words of two
  or more letters or digits cut at apostrophes and hyphens, bm25s's English stop words left out,
  the rest stemmed. The postings of every stored index were made with it and its manifest records
  it (``ANALYSER``): another analysis would look up terms those postings do not hold.
* ``tokenize`` (the reader, ``qa``): every word with its character offsets, kept whole across
  hyphens, apostrophes, inner dots and thousands separators ("Suk-yeol", "U.S.", "1,000"), so a
  run of tokens is a span of the text that can be quoted; ``STOPWORDS``, a longer list than
  bm25s's (modal verbs, "per", "via", "whether", …), flags the words a question may share with
  a sentence without that telling anything.

``WORD`` is a word as a user types it, to name the words of a question that no passage holds.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import bm25s
import Stemmer

__all__ = ["ANALYSER", "STOPWORDS", "WORD", "Token", "bm25_terms", "english_stemmer", "stem", "stems", "tokenize"]

_local = threading.local()

# What ``bm25_terms`` does, recorded with every index: a backend that analyses otherwise would not match its postings.
ANALYSER = "bm25s-en-stopwords+snowball-english"
WORD = re.compile(r"\b[^\W\d_][\w'’-]*")  # a word as a user types it, not the letters of "£1.04bn"

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom whose why will with would you your yours
    yourself yourselves 's s t don didn doesn isn wasn weren won wouldn shouldn couldn one's per via upon
    among amongst within without whether however although though yet also may might must shall""".split()
)

STEM_CACHE = 65_536  # distinct words whose stems are kept: the vocabulary of the texts at hand, in bounded memory
_TOKEN = re.compile(r"\w+(?:(?:[-'’.&]|,(?=\d{3}\b))\w+)*", re.UNICODE)


def english_stemmer() -> Stemmer.Stemmer:
    """This thread's Snowball English stemmer: a PyStemmer object must not be shared between threads
    (questions are answered on several threads, and BM25 searches run beside the question's embedding)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def bm25_terms(texts: Sequence[str], progress: bool = False) -> list[list[str]]:
    """Lower-cased, stop-worded, stemmed terms: the same analysis for passages and queries."""
    return bm25s.tokenize(
        list(texts), stopwords="en", stemmer=english_stemmer(), return_ids=False, show_progress=progress
    )


@lru_cache(maxsize=STEM_CACHE)
def stem(word: str) -> str:
    """The Snowball stem of a lower-cased word."""
    return english_stemmer().stemWord(word.lower().replace("’", "'"))


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    stem: str
    is_stop: bool
    is_capitalised: bool


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The words of ``text`` with offsets shifted by ``offset`` (so a sentence's tokens carry document offsets)."""
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        lower = word.lower().replace("’", "'")
        tokens.append(
            Token(
                start=match.start() + offset,
                end=match.end() + offset,
                text=word,
                lower=lower,
                stem=stem(lower),
                is_stop=lower in STOPWORDS,
                is_capitalised=word[0].isupper() or word[0].isdigit(),
            )
        )
    return tokens


def stems(text: str) -> set[str]:
    """The stems of the words of ``text``: ``{t.stem for t in tokenize(text)}`` at a fraction of the cost
    (no offsets, no flags), for ranking many windows by the question words they hold. A hyphenated
    word holds its parts too: "Amsterdam-based" holds "based"."""
    words = _TOKEN.findall(text)
    return {stem(word) for word in words} | {stem(part) for word in words if "-" in word for part in word.split("-") if part}
