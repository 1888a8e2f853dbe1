"""Names restored to a question typed in lower case, as the articles write them.

Users often type "how many times have blackburn won the fa cup". The answer checks find the
question's names by their capitals ("Blackburn", "FA Cup"), so a question typed all in lower case
had none, and "what share of the vote did jeremy edwards get" was answered with another
housemate's figure. The articles retrieved for the question say which of its words are names:
a run of words the articles write capitalised in mid-sentence ("Bank of America", "US Senate"),
or a word they write so nearly every time ("Blackburn", "Tory"), is given the articles' form. A
country, a US state or a big city the articles never write is a name too ("in berlin"): the
checks then see that they do not mention it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from index.words import STOPWORDS
from qa.places import a_country_s_first_word, names_a_big_place
from qa.question_type import ORG_NOUNS, PERSON_NOUNS, PLACE_NOUNS

__all__ = ["truecased", "typed_in_lower_case"]

_WORD = re.compile(r"[^\W\d_][\w’'.&-]*(?<![.’'-])")  # "beirut's", "b&b", "u.s"
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”‘(\[\n]|--|[-–—])\s*$")  # what precedes a word whose capital proves nothing
_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "for", "on", "upon", "van", "von", "al", "el"})  # inside a name: "Bank of America"
_ASKED_KIND = re.compile(rf"(?:{PLACE_NOUNS}|{ORG_NOUNS}|{PERSON_NOUNS})s?")  # "which city": the kind asked for, no name
_NOT_PLACES = STOPWORDS | {"us"}  # "told us"
_LONGEST = 4  # words in a name looked for whole
_MOSTLY = 3  # a single word is a name when the articles capitalise it this many times as often as not
_LOOKBACK = 4  # characters before a word that say whether it opens a sentence


def _possessive(word: str) -> tuple[str, str]:
    """The word and its possessive ending, apart: "beirut's" -> ("beirut", "'s")."""
    if len(word) > 2 and word[-1] in "sS" and word[-2] in "'’":
        return word[:-2], word[-2:]
    return word, ""


def _shouted(words: list[tuple[int, str]], i: int) -> bool:
    """Whether the word at ``i`` stands in a line written in capitals ("AN ATMOSPHERIC RIVER"), which marks no name."""
    return words[i][1].isupper() and any(0 <= j < len(words) and len(words[j][1]) > 1 and words[j][1].isupper() for j in (i - 1, i + 1))


def _opens_sentence(text: str, start: int) -> bool:
    return start == 0 or _SENTENCE_END.search(text[max(0, start - _LOOKBACK) : start]) is not None


class _Usage:
    """How the articles write the question's words (``vocabulary``, lower case) and runs of them: the
    capitalised forms met in mid-sentence, and how often each is met in lower case. Only the question's
    words are counted: an article's other words cannot make the question's names."""

    def __init__(self, texts: Iterable[str], vocabulary: frozenset[str]) -> None:
        self.capitalised: dict[str, Counter[str]] = defaultdict(Counter)  # lower-case run -> its capitalised forms
        self.alone: Counter[str] = Counter()  # capitalised words met with no capitalised word beside them
        self.lower: Counter[str] = Counter()
        self.opening: dict[str, Counter[str]] = defaultdict(Counter)  # capitalised forms met opening a sentence, which proves little
        for text in texts:
            words = [(m.start(), _possessive(m.group())[0]) for m in _WORD.finditer(text)]
            lows = [w.lower() for _, w in words]
            for i, (start, word) in enumerate(words):
                if word.islower():
                    if word in vocabulary:
                        self.lower[word] += 1
                        self._count_lower_runs(words, lows, i, vocabulary)
                    elif "-" in word:
                        self.lower.update(part for part in word.split("-") if part in vocabulary)  # "old" of "30-year-old" too
                    continue
                if lows[i] not in vocabulary or not word[0].isupper() or _shouted(words, i):
                    continue
                if _opens_sentence(text, start):
                    self.opening[lows[i]][word] += 1
                    continue
                self.capitalised[lows[i]][word] += 1
                if not (i and self._joins(text, words[i - 1])) and not (i + 1 < len(words) and self._joins(text, words[i + 1])):
                    self.alone[lows[i]] += 1
                run, end = [word], start + len(word)
                for (at, nxt), low in zip(words[i + 1 : i + _LONGEST], lows[i + 1 : i + _LONGEST]):
                    if low not in vocabulary or not (nxt[0].isupper() or low in _CONNECTORS) or not text[end:at].isspace():
                        break  # not past a comma: "Sony, IBM and Toshiba" are three names
                    end = at + len(nxt)
                    run.append(nxt)
                    if nxt[0].isupper():
                        self.capitalised[" ".join(run).lower()][" ".join(run)] += 1

    def _count_lower_runs(self, words: list[tuple[int, str]], lows: list[str], i: int, vocabulary: frozenset[str]) -> None:
        """Count the runs of question words from ``i`` that prose writes in lower case ("social media", not a headline's "Social Media")."""
        for n in range(2, _LONGEST + 1):
            run = [w for _, w in words[i : i + n]]
            if len(run) < n or not (run[-1].islower() and lows[i + n - 1] in vocabulary):
                return
            self.lower[" ".join(run)] += 1

    @staticmethod
    def _joins(text: str, word: tuple[int, str]) -> bool:
        """Whether a word beside a capitalised one makes a longer name with it: capitalised, and not a sentence's first word ("The Tory party")."""
        return word[1][0].isupper() and not _opens_sentence(text, word[0])

    def run(self, words: list[str]) -> str | None:
        """The articles' form of ``words`` (lower case) as one name, if they write it so more often than not."""
        forms = self.capitalised.get(" ".join(words))
        return forms.most_common(1)[0][0] if forms and forms.total() > self.lower[" ".join(words)] else None

    def place(self, words: list[str]) -> str | None:
        """``words`` as a place's name, when they name a country (or begin one: "czech"), a US state or a big city the articles never write in lower case."""
        if words[0] in _NOT_PLACES or words[-1] in _NOT_PLACES or any(self.lower[w] for w in words):
            return None
        if not (names_a_big_place(" ".join(words)) or len(words) == 1 and a_country_s_first_word(words[0])):  # "czech"
            return None
        if len(words) == 1 and len(words[0]) <= 3:
            return words[0].upper()  # "uk", "usa"
        return " ".join(w if w in _CONNECTORS else w.capitalize() for w in words)

    def word(self, word: str) -> str | None:
        """The articles' form of ``word`` alone, if they nearly always capitalise it and write it as a name of
        its own at least as often as inside a longer one ("University" of "Northeastern University" is no name)."""
        forms = self.capitalised.get(word)
        if not forms or word in STOPWORDS or 2 * self.alone[word] < forms.total():
            return None
        return forms.most_common(1)[0][0] if forms.total() >= _MOSTLY * self.lower[word] and forms.total() > self.lower[word] else None

    def first_word(self, word: str) -> str | None:
        """The articles' form of ``word`` before a name, if they write it capitalised, if only opening a
        sentence ("Quentin Davies, the MP for ..."), and never in lower case."""
        forms = self.capitalised.get(word) or self.opening.get(word)
        return forms.most_common(1)[0][0] if forms and not self.lower[word] else None


def typed_in_lower_case(question: str) -> bool:
    """Whether the question has no capital at all: its user did not mark names. A question that capitalises
    its first word and no other may simply name nothing ("Which former pope was laid to rest?")."""
    return not any(c.isupper() for c in question)


def typed_in_capitals(question: str) -> bool:
    """Whether every letter of the question is a capital ("HOW MUCH DID QWEST OFFER?"): its user did not
    mark names either, so it is read as typed in lower case."""
    letters = [c for c in question if c.isalpha()]
    return len(letters) > 1 and not any(c.islower() for c in letters)


def truecased(question: str, texts: Iterable[str], unknown: Iterable[str] = ()) -> str:
    """``question`` with the names the ``texts`` write capitalised given their form ("how many times have
    blackburn won the fa cup" -> "... Blackburn won the FA Cup"); for a question typed in lower case.

    A word just before a name found is taken as that name's first word when the articles write it only
    capitalised, if only opening a sentence, or do not use it at all (``unknown``: the question's words
    that no article uses): "the mugging of quentin davies" -> "... Quentin Davies"."""
    matches = list(_WORD.finditer(question))
    parts = [_possessive(m.group()) for m in matches]
    usage = _Usage(texts, frozenset(word.lower() for word, _ in parts))
    out = [m.group() for m in matches]
    never_used = {word.lower() for word in unknown}
    ends: set[int] = set()  # the last word of each name found
    i = 1  # the first word is the question's own ("who", "how")
    while i < len(matches):
        if out[i - 1].lower() == "how" or out[i - 1].lower() in ("which", "what") and _ASKED_KIND.fullmatch(out[i].lower()):
            i += 1  # "how old", "which city": never a name ("which arsenal defender" may be)
            continue
        for n in range(min(_LONGEST, len(matches) - i), 0, -1):
            words = [parts[j][0].lower() for j in range(i, i + n)]
            if n > 1 and any(parts[j][1] for j in range(i, i + n - 1)):
                continue  # not across a possessive: "blackburn's fa cup run" names two things
            if n > 1 and (words[0] in _CONNECTORS or words[-1] in _CONNECTORS):
                continue
            form = (usage.run(words) if n > 1 else usage.word(words[0])) or usage.place(words)
            if form is not None:
                for j, word in zip(range(i, i + n), form.split(" ")):
                    out[j] = word + parts[j][1]
                before = parts[i - 1][0].lower()
                if i > 1 and i - 1 not in ends and not parts[i - 1][1] and before not in STOPWORDS:
                    out[i - 1] = usage.first_word(before) or (before.capitalize() if before in never_used else out[i - 1])
                ends.add(i + n - 1)
                i += n
                break
        else:
            i += 1
    pieces, last = [], 0
    for j, (m, word) in enumerate(zip(matches, out)):
        between = question[last : m.start()]
        if j - 1 in ends and word[:1].isupper() and out[j - 1][:1].isupper() and between.isspace():
            between = ", "  # two names the articles never write as one: "sony ibm and toshiba" -> "Sony, IBM and Toshiba"
        pieces += [between, word]
        last = m.end()
    return "".join(pieces) + question[last:]
