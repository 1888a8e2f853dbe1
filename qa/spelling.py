"""Words a user mistyped, read as the word the articles use: "braodcast" as "broadcast".

A mistyped word finds no passage by its letters, and the answer checks look for it in the
article, so one typo can turn a question the articles answer into a refusal. A word is read
as another only when the articles never use it, English does not know it either
(pyspellchecker's word list), and an English word the articles do use lies one edit away (two
for long words); the most frequent such word is taken. A name typed with a capital is read as the
one name the articles write one edit away that keeps its first letter, and its last letter or its
letters ("Raneiri" as "Ranieri"); so is a word of a question typed in lower case that English does
not know ("cudciini" as "cudicini"). Short words, words English knows and names without one such
neighbour are left as typed: an article that never mentions them is then said so plainly ("Yoon"
is not read as "moon").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from spellchecker import SpellChecker

from index.words import bm25_terms

__all__ = ["POSSESSIVE", "respelled"]

MIN_LETTERS = 5  # shorter words have too many English neighbours one edit away ("yoon": soon, moon, noon)
TWO_EDITS_FROM = 10  # letters: a word this long may be two edits from the one meant ("astrophysisist"); a shorter one may be another word ("analytics")
POSSESSIVE = re.compile(r"['’]s$")  # "Renault's": the word is "Renault"
# prefixes and endings English words take: a known word with one is a real word ("defunded"), not a typo
_PREFIX = re.compile(r"^(?:de|re|un|non|pre|mis|dis|over|under|co)(?=\w{4})")
_ENDING = re.compile(r"(?<=\w{4})(?:ed|ing|s|es|ly|er|ers)$")


@lru_cache(maxsize=1)
def _english() -> SpellChecker:
    return SpellChecker(language="en")


def respelled(
    question: str, unknown: Sequence[str], unknown_to_articles: Callable[[str], list[str]], written_as: Callable[[str], str | None]
) -> str:
    """``question`` with each of its ``unknown`` words (content words no article uses) that is a typo
    read as the word the articles use. ``unknown_to_articles(text)``: the words of ``text`` no article
    uses (``Backend.unknown_words``); ``written_as(word)``: how the articles write a word they use
    with a capital ("McLennan" for "mclennan"), None when they do not."""
    lower_case = question == question.lower()
    out = question
    for word in dict.fromkeys(POSSESSIVE.sub("", w) for w in unknown):
        if len(word) < MIN_LETTERS or not word.isalpha():
            continue  # too short to tell
        if lower_case or word.islower() or question.lstrip().startswith(word):
            meant = _meant(word.lower(), unknown_to_articles)
            meant = meant.capitalize() if meant and word[0].isupper() else meant
            if meant is None and lower_case:  # a name typed in lower case ("cudciini"), kept so
                meant = (_name_meant(word, unknown_to_articles, written_as) or "").lower() or None
        else:
            meant = _name_meant(word, unknown_to_articles, written_as)
        if meant:
            out = re.sub(rf"(?<![\w'’-]){re.escape(word)}(?=['’]s\b|(?![\w'’-]))", meant, out)  # "goverment" and "goverment's"
    return out


def _name_meant(name: str, unknown_to_articles: Callable[[str], list[str]], written_as: Callable[[str], str | None]) -> str | None:
    """The name the articles write that ``name`` (typed with a capital) is a typo of: one edit away, with
    the same first and last letters or the same letters, and the only one (or the only one with the same
    letters); None otherwise. Another ending often makes another name ("Carpathia" is not "Carpathian").
    A name no article writes, and no other so near, stays as typed and is then said to be missing."""
    word = name.lower()
    candidates = sorted(
        w for w in _english().edit_distance_1(word) if w.isalpha() and w[:1] == word[:1] and (w[-1:] == word[-1:] or sorted(w) == sorted(word))
    )
    used = _used(candidates, unknown_to_articles)
    swapped = [w for w in used if sorted(w) == sorted(word)]  # two letters swapped: "Ranieri" for "Raneiri"
    meant = swapped if len(swapped) == 1 else used
    return written_as(meant[0]) if len(meant) == 1 else None


def _meant(word: str, unknown_to_articles: Callable[[str], list[str]]) -> str | None:
    """The word the articles use that ``word`` (lower case) is a typo of, or None."""
    english = _english()
    if word in english or english.known({_PREFIX.sub("", word), _ENDING.sub("", word), _ENDING.sub("", _PREFIX.sub("", word))} - {word}):
        return None  # a word English knows ("defunded" is "funded" with a prefix), which the articles do not use: not a typo
    for edits in (english.edit_distance_1, english.edit_distance_2) if len(word) >= TWO_EDITS_FROM else (english.edit_distance_1,):
        candidates = sorted(w for w in english.known(edits(word)) if w.isalpha() and bm25_terms([w])[0])  # content words only
        used = _used(candidates, unknown_to_articles)
        if used:  # a typo seldom changes the first letter ("scouting" for "scounting", not "counting"), swaps two letters
            # more often than it replaces one ("coach" for "caoch", not "catch"); then the commonest word
            return max(used, key=lambda w: (w[0] == word[0], sorted(w) == sorted(word), english.word_usage_frequency(w), w))
    return None


def _used(candidates: list[str], unknown_to_articles: Callable[[str], list[str]]) -> list[str]:
    """The ``candidates`` some article uses, asked of the index at once."""
    if not candidates:
        return []
    unused = set(unknown_to_articles(" ".join(candidates)))
    return [w for w in candidates if w not in unused]
