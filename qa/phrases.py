"""Phrase rules the extractors share: the noun phrase a "which N" question asks for, the phrase an
opening "It was ..." stands for, the name a description stands beside, the full name a surname
stands for, and the "times" of a multiple.

Pure functions over words that carry document offsets (``index.words.tokenize``), so every
phrase they return is ``(start, end)`` into the document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from index.words import STOPWORDS, Token, tokenize
from qa.conversation import CALENDAR
from qa.spans import APPROXIMATE, MONTH_NAMES, TIME_UNITS, trim_span

WH_WORDS = frozenset({"who", "whom", "whose", "when", "where", "why", "which", "what", "how"})
PRONOUN_SUBJECT = re.compile(r"^(It|This|That)\s+(was|is|had been|has been|became|marked)\b")
_HEAD_NOUN = re.compile(r"\b(?:which|what)\s+((?:\w+\s+){0,2}?\w+?)s?\s+(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can)\b", re.IGNORECASE)
_WHAT_IS = re.compile(r"^\s*what\s+(?:was|is|were|are)\s+", re.IGNORECASE)
_MODIFIER_WORDS = frozenset({"its", "his", "her", "their", "our", "the", "a", "an", "east", "west", "north", "south", "new", "old", "first", "last", "main", "former"})
_ADJECTIVE = re.compile(r"(?:al|an|ese|ish|ic|ive|ous|ern|ful|less|ary|ian)$")
_PREPOSITIONS = frozenset({"of", "on", "for", "to", "from", "in", "at", "with", "against", "over"})
_RESTATED_WORDS = 3  # "What was X?" restates "It was X ..." when X's first words are the same
_PREFIX_STEM = 4  # a question stem this long also matches the words it begins ("korea" in "Korean"); shorter ones match too much
_COMPLEMENT_WORDS = 4  # words after "N of/on/..." searched for a question word: a short prepositional phrase, not the rest of the sentence
_MODIFIERS = 3  # words at most before a noun taken as its modifiers ("Japanese controls", "its east coast")
_MODIFIER_GAP = 2  # characters at most between a modifier and the next word: a blank or two, as inside one phrase
_REFERRING_WORDS = slice(2, 8)  # the words after "It was" that name what "It" stands for ("the first visit ...")
_APPOSITIVE_NAME = re.compile(r"^,\s(?:the\s)?((?:[A-Z][\w'&-]*)(?:\s(?:of|for|and|de|the)?\s?[A-Z][\w'&-]*)*)(?=[,.;:)]|\s*$)")
_TIMES_ASKED = re.compile(r"\bhow (?:many times over|often|frequently)\b", re.IGNORECASE)  # a multiple or a frequency; "how many times was he sacked?" asks for a count
_TIMES_AFTER = re.compile(r"^\s+times\b")


def question_stems(question: str) -> set[str]:
    """The stems of the question's content words (not its wh-word or stop words)."""
    return {t.stem for t in tokenize(question) if not t.is_stop and t.lower not in WH_WORDS}


def head_noun(question: str) -> tuple[str, frozenset[str]] | None:
    """The stem of the noun a "which/what N did..." question asks for, and the content stems of its phrase
    ("Which export controls did..." -> ``("control", {"export", "control"})``); None for other questions."""
    match = _HEAD_NOUN.search(question)
    if match is None:
        return None
    words = tokenize(match.group(1))
    return words[-1].stem, frozenset(w.stem for w in words if not w.is_stop)


def is_question_word(token: Token, q_stems: set[str]) -> bool:
    """A word of the question, also in another form ("Korean" for "Korea's")."""
    return token.stem in q_stems or any(len(q) >= _PREFIX_STEM and token.lower.startswith(q) for q in q_stems)


def phrase_ending_in(tokens: Sequence[Token], noun: str, q_stems: set[str]) -> tuple[int, int] | None:
    """The phrase around the asked noun: "its east coast" for "which coast", "Japanese controls on South Korean exports" for "which export controls".

    Backwards over modifiers (possessives, capitalised words, adjectives), forwards over a
    short prepositional phrase that repeats a question word; only if it adds a new word.
    """
    for i, t in enumerate(tokens):
        if t.stem != noun:
            continue
        j = _modifiers_before(tokens, i)
        k = i
        if i + 1 < len(tokens) and tokens[i + 1].lower in _PREPOSITIONS:
            for m in range(i + 2, min(i + 2 + _COMPLEMENT_WORDS, len(tokens))):
                if is_question_word(tokens[m], q_stems):
                    k = m
        words = tokens[j:i] + tokens[i + 1 : k + 1]
        if any(not is_question_word(w, q_stems) and not w.is_stop for w in words) or any(w.lower in _MODIFIER_WORDS for w in tokens[j:i]):
            return tokens[j].start, tokens[k].end
    return None


def referent(text: str, sentence_start: int, tokens: Sequence[Token], q_stems: set[str]) -> tuple[int, int] | None:
    """The phrase an opening "It was the first visit..." stands for: the latest earlier mention of its noun in the paragraph.

    ``tokens`` are the sentence's words (document offsets), the sentence starting at ``sentence_start``.
    """
    paragraph_start = text.rfind("\n", 0, sentence_start) + 1
    earlier = tokenize(text[paragraph_start:sentence_start], paragraph_start)
    nouns = [t.stem for t in tokens[_REFERRING_WORDS] if t.stem in q_stems and not t.is_stop]
    for t in reversed(earlier):
        if t.stem in nouns:
            end = text.find(".", t.end)
            end = end if end != -1 and end < sentence_start else sentence_start
            phrase_end = re.search(r"\s+(?:was|is|were|are|had|has)\b", text[t.start : end])
            stop = t.start + phrase_end.start() if phrase_end else end
            return trim_span(text, t.start, stop)
    return None


def complete_answer(question: str, text: str, sentence: tuple[int, int], start: int, end: int, q_stems: set[str]) -> tuple[int, int]:
    """The reader's span ``[start, end)`` in ``sentence``, completed where it is only part of the answer.

    - "What was the first visit...?" over "It was the first visit ...": the answer is what "It"
      stands for, earlier in the paragraph, which the reader (reading a window) cannot point at.
    - "Which export controls...?" read as "South Korean exports", the complement of "controls on":
      the answer is the whole noun phrase, "Japanese controls on South Korean exports". Only when
      the span repeats a word of the asked phrase: SQuAD's answers are otherwise the bare
      complement ("Jerusalem" for "What conquest...", not "the conquest of Jerusalem").
    """
    subject = PRONOUN_SUBJECT.match(text[sentence[0] : sentence[1]])
    asked = _WHAT_IS.match(question)
    if subject and asked:
        restated = [t.stem for t in tokenize(question[asked.end() :])][:_RESTATED_WORDS]
        if restated == [t.stem for t in tokenize(text[sentence[0] + subject.end() : sentence[1]])][:_RESTATED_WORDS]:
            found = referent(text, sentence[0], tokenize(text[sentence[0] : sentence[1]], sentence[0]), q_stems)
            if found:
                return found
    head = head_noun(question)
    if head and {t.stem for t in tokenize(text[start:end])} & head[1]:
        tokens = tokenize(text[sentence[0] : sentence[1]], sentence[0])
        for i, t in enumerate(tokens[:-2]):
            if t.stem == head[0] and tokens[i + 1].lower in _PREPOSITIONS and tokens[i + 2].start == start:
                return tokens[_modifiers_before(tokens, i)].start, end
    return start, end


def named_by_apposition(text: str, start: int, end: int, sentence_end: int) -> tuple[int, int] | None:
    """The name a description stands beside: "the media watchdog, Reporters Without Borders" names the
    watchdog. For a who/which-organisation question the reader may point at the description; the
    answer is the name. ``None`` when the span names something itself or no name follows it."""
    if any(c.isupper() for c in text[start:end]):
        return None
    found = _APPOSITIVE_NAME.match(text[end:sentence_end])
    return (end + found.start(1), end + found.end(1)) if found else None


_NAME_WORD = r"[A-Z][\w-]*(?:['’][A-Za-z]{2,}[\w-]*)?\.?"  # "O'Brien"; no possessive ("Alphabet's Google", "Bezos' Amazon")
TITLE = re.compile(  # a word before a name that says who someone is, not their name
    r"^(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame|President|Vice|Prime|Minister|Premier|Chancellor|King|Queen|Prince|Princess|Pope|Judge|Justice"
    r"|Coach|Manager|Chairman|Chief|Boss|Captain|General|Senator|Sen|Rep|Representative|Governor|Gov|Mayor|Secretary|Speaker|Leader)\.?$"
)
_NATIONALITY = re.compile(r"(?:ish|ese|ian|ean|can|ic|i)$")  # "British", "Chinese", "Brazilian", "Korean", "American", "Iraqi"
_NAME_BEFORE = re.compile(rf"(?<!\S)(?:{_NAME_WORD} ){{1,3}}$")  # up to three capitalised words right before a mention
_NAME_REACH = 60  # characters searched before a mention for the rest of its name
_SENTENCE_START = re.compile(r"(?:^|[.!?]['’\"”]?\s+|\n\s*|[\"“]\s*)$")


def full_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A one-word name ``text[start:end]`` as the article gives it in full, where it does: news names
    someone or a team in full once ("Simone Biles", "Buffalo Bills") and by one word after ("Biles",
    "the Bills"). The full name's first mention without titles, nationality or acronyms before it
    ("President Joe Biden" gives "Joe Biden", "US TikTok" nothing); the span itself when the article
    gives no full form, or two ("Joe Biden", "Hunter Biden"), or the word is not a name's last ("Rihanna
    Fenty"). A sentence's first word ("Buying Parler", "Gymnast Simone Biles") is taken for a first
    name only to tell two full forms apart, and then only when the article never writes it in lower case."""
    word = text[start:end]
    if not re.fullmatch(r"[A-Z][\w’'-]*\w", word) or TITLE.search(word):  # "President" names no one in particular
        return start, end
    return _full_form(text, word) or (start, end)


@lru_cache(maxsize=256)
def _full_form(text: str, word: str) -> tuple[int, int] | None:
    """``full_name``'s search of the article, once per article and word: several windows find the same name."""
    forms: dict[str, tuple[int, int]] = {}
    opening: set[str] = set()  # full forms that start a sentence: maybe a name, maybe "Later Biles"
    for mention in re.finditer(rf"\b{re.escape(word)}\b(?! [A-Z])", text):
        before = _NAME_BEFORE.search(text[max(0, mention.start() - _NAME_REACH) : mention.start()])
        if before is None:
            continue
        words = before.group().split()
        at = mention.start() - len(before.group())
        cut = max((i + 1 for i, w in enumerate(words) if _ends_name(w)), default=0)
        if len(words) - cut > 1 and _NATIONALITY.search(words[cut]):
            cut += 1  # "Brazilian Gabriel Medina"; not "Christian" of "Christian Pulisic"
        if cut == 0 and _SENTENCE_START.search(text[max(0, at - 4) : at]):
            if not re.search(rf"\b{re.escape(words[0].lower())}\b", text):
                opening.add(" ".join([*words, word]))
            cut = 1
        if cut < len(words):
            first = at + len(" ".join(words[:cut])) + (1 if cut else 0)
            forms.setdefault(" ".join(text[first : mention.end()].split()), (first, mention.end()))
    return next(iter(forms.values())) if len(forms) == 1 and opening <= set(forms) else None


def _ends_name(word: str) -> bool:
    """Whether no name runs on across ``word``: a title, an acronym, a small word, a day or month ("On Sunday
    Biles"), or the end of a sentence ("Biden. Biden")."""
    acronym = len(word) > 1 and word.isupper() and word.isalpha()  # "US", "NASA": whose, not who
    return bool(TITLE.search(word)) or acronym or word.lower() in STOPWORDS or word.lower() in CALENDAR or (word.endswith(".") and not re.fullmatch(r"[A-Z]\.", word))


_VERSUS_END = re.compile(r"\bvs?\.?$")
_OTHER_PARTY = re.compile(r"\.? ?[A-Z][\w'’-]*(?: (?:(?:of|de|der|du|van|von|for) )?[A-Z][\w'’-]*)*")


def with_other_party(text: str, start: int, end: int) -> int:
    """The end of a span that stops at the "v" of a case or a match widened by the other party:
    "Commission v Italy", not "Commission v"."""
    after = _OTHER_PARTY.match(text, end) if _VERSUS_END.search(text[start:end]) else None
    return after.end() if after else end


def with_counted_times(question: str, text: str, start: int, end: int) -> int:
    """The end of a number widened by the "times" a "how many times over" or "how often" question asks about: "16.2 times", not "16.2"."""
    after = _TIMES_AFTER.match(text[end : end + 8]) if _TIMES_ASKED.search(question) else None
    return end + after.end() if after else end


def with_time_unit(question: str, text: str, start: int, end: int) -> int:
    """The end of a bare number widened by the unit of time after it, for a duration the question does not
    measure itself: "six years" for "How long did he work there?", but "six" for "How many years ...?"."""
    if not re.fullmatch(r"[\w.,]+", text[start:end]):
        return end
    after = _TIME_UNIT_AFTER.match(text[end : end + 12])
    if after is None or re.search(rf"\b{after.group(1).rstrip('s')[:5]}", question, re.I):
        return end
    return end + after.end()


_DATED_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+)+(?:in|on|during)\s+(?=\d|(?i:" + "|".join(CALENDAR) + r")\b)")  # "Hiroshima in May"


def past_what_is_dated(text: str, start: int, end: int) -> int:
    """The start of a date moved past the name it dates and its preposition: "May" of "Hiroshima in May"."""
    found = _DATED_NAME.match(text, start, end)
    return found.end() if found else start


def with_ago(text: str, end: int) -> int:
    """The end of a while widened by the "ago" after it, which makes it a date: "four years ago"."""
    after = re.match(r"\s+ago\b", text[end : end + 8], re.I)
    return end + after.end() if after else end


_MORE_UNITS = r"(?!['’]|\s*(?:,|and|or)\s*(?:day|date|month|year)\b)"  # not "what year's budget", "what month, day and year"
_ASKS_MONTH = re.compile(rf"\b(?:which|what)\s+month\b{_MORE_UNITS}", re.I)
_ASKS_YEAR = re.compile(rf"\b(?:which|what)\s+year\b{_MORE_UNITS}", re.I)
_ASKS_DATE = re.compile(r"\b(?:which|what)\s+(?:exact\s+)?date\b", re.I)
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
_A_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b(?!s)")
_A_DAY = re.compile(  # a day of a month: "20 February", "Feb. 6", "the 5th", "6/2/2005"; not the "11" of "Chapter 11 ... in December"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH_NAMES}\b|\b{MONTH_NAMES}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b"
)


_RELATIVE = r"\b(?:this|last|next|that|the same|the following|the previous) {unit}\b"


def gives_asked_unit(question: str, span: str) -> bool:
    """Whether a date answers in the unit the question asks for: "which month" by a month ("May",
    "last month"), not a weekday ("Wednesday"); "what year" by a year ("2004", "last year"); "what
    date" by a day ("20 February", "Monday"), not "next month". True when the question asks for no such unit."""
    if _ASKS_MONTH.search(question):
        return bool(_MONTH.search(span) or re.search(_RELATIVE.format(unit="month"), span, re.I))
    if _ASKS_YEAR.search(question):
        return bool(re.search(r"\b\d{3,4}s?\b", span) or re.search(_RELATIVE.format(unit="year"), span, re.I))  # "1169", "the 1980s"
    if _ASKS_DATE.search(question):
        return bool(_A_DAY.search(span) or re.search(rf"\b(?:today|tomorrow|yesterday|{'|'.join(d for d in CALENDAR if d.endswith('day'))})\b", span, re.I))  # a day, not "next month" nor "in December"
    return True


def to_asked_unit(question: str, text: str, start: int, end: int) -> tuple[int, int]:
    """A date narrowed to the unit the question asks for: "May" of "May 11" or "Thursday in May" for "in
    which month?", "2025" of "January 2025" for "what year?". A date already of that unit, with none of
    it or with two ("April and October"), is kept."""
    span = text[start:end]
    if _ASKS_MONTH.search(question):
        months = list(_MONTH.finditer(span))
        if len(months) == 1 and months[0].group() != span:  # not "April and October"
            return start + months[0].start(), start + months[0].end()
    elif _ASKS_YEAR.search(question):
        years = list(_A_YEAR.finditer(span))
        if len(years) == 1 and years[0].group() != span and not re.search(r"\d\s*[-–/]\s*\d", span):  # not "1759-60"
            return start + years[0].start(), start + years[0].end()
    return start, end


_TIME_UNIT_AFTER = re.compile(rf"[ -]({TIME_UNITS})\b", re.I)
_APPROXIMATE = (  # what an amount is said to be close to, or at least or at most: "in excess of 200", "up to $1m"
    rf"(?:(?:just |well |slightly )?(?:more|less|fewer) than|(?:just |well )?(?:over|under)|{APPROXIMATE}|"
    r"at most|as (?:many|much|few|little) as|in excess of|an estimated|estimated|close to)"
)
_APPROXIMATION = re.compile(rf"\b{_APPROXIMATE}\s$", re.I)
_APPROXIMATION_FIRST = re.compile(rf"^{_APPROXIMATE}\s+", re.I)


def with_approximation(text: str, start: int) -> int:
    """The start of an amount widened by the words that say it is approximate or a bound: "in excess of 200",
    "up to $1m", "more than 250", not "200": the figure alone would say more than the article does."""
    before = _APPROXIMATION.search(text[max(0, start - 24) : start])
    return start - len(before.group()) if before else start


def bare_amount(quote: str) -> str:
    """``quote`` without the words before it that make it approximate or a bound: "9%" of "around 9%"."""
    return _APPROXIMATION_FIRST.sub("", quote.strip())


def answer_key(quote: str) -> str:
    """What tells one answer from another: "around 9%" and "9%" of two windows are one answer."""
    return " ".join(bare_amount(quote).lower().split())


def with_asked_noun(question: str, text: str, end: int) -> int:
    """The end of a name widened by the capitalised noun after it that the question asks for in lower
    case, even before a possessive: "Northeastern University" (of "Northeastern University’s law
    school") for "Which university ...?". Not a title before it: SQuAD answers "Roger Goodell", not
    "Commissioner Roger Goodell", to "Who is the commissioner of the NFL?"."""
    after = re.match(r" ([A-Z][a-z]+)(?=['’]s\b|\W|$)", text[end : end + 40])
    return end + after.end() if after and after.group(1).lower() in set(re.findall(r"\b[a-z]{3,}\b", question)) - STOPWORDS else end


_TITLE_WORD = r"(?:[A-Z0-9][\w'’!?-]*)"
_TITLE_SMALL = r"(?:a|an|the|of|in|on|to|and|or|for|at|by|with|from|my|your|it|is|me|you)"
_TITLE_BEFORE = re.compile(rf"(?<![\w'’])(?:{_TITLE_WORD} (?:{_TITLE_SMALL} )*)+$")
_TITLE_AFTER = re.compile(rf"^(?: (?:{_TITLE_SMALL} )*{_TITLE_WORD})+")
_OWNER = re.compile(r"(?:['’]s|s['’])$")  # "Eminem's", "Elvis'"
_CONTRACTION = re.compile(r"(?i:it|that|what|there|let|he|she|who)['’]s")  # "It's": no owner


def _owner(word: str) -> bool:
    return _OWNER.search(word) is not None and _CONTRACTION.fullmatch(word) is None


def whole_title(text: str, sentence_start: int, start: int, end: int) -> tuple[int, int]:
    """A capitalised span widened to the whole title it is part of, for a question that asks for a
    work's name: "Do They Know It's Christmas" of "Christmas", "Like Toy Soldiers" of "Toy Soldiers".
    Title-case words and the small words between them count; an owner's name does not ("Encore" of
    "Eminem's Encore"), nor another title or name beside it, after "and" or "or"."""
    if not text[start:end][:1].isupper() or _owner(text[start:end].split()[-1]):
        return start, end
    before = _TITLE_BEFORE.search(text, sentence_start, start)
    words = before.group().split() if before else []
    words = words[max((i + 1 for i, w in enumerate(words) if w in ("and", "or")), default=0) :]  # "Beyoncé and Bruno Mars": two names
    while words and not words[0][:1].isupper():
        words.pop(0)
    if words and not any(_owner(w) for w in words):
        start -= len(" ".join(words)) + 1
    after = _TITLE_AFTER.match(text[end : end + 80]) if text[start:end].split()[-1][:1].isupper() else None  # not past "Cinderella story"
    words = re.split(r" (?:and|or) ", after.group())[0].split(" ") if after else []
    words = words[: next((i for i, w in enumerate(words) if _owner(w)), len(words))]
    while words and not words[-1][:1].isupper():
        words.pop()
    return start, end + len(" ".join(words))


def with_place_preposition(text: str, start: int, end: int) -> int:
    """The start of an unnamed place widened by its preposition: "in bed", "at home", not "bed"; a named place stays as it is."""
    if any(c.isupper() for c in text[start:end]):
        return start
    before = re.search(r"\b(?:in|at)\s$", text[max(0, start - 3) : start])
    return start - len(before.group()) if before else start


def _modifiers_before(tokens: Sequence[Token], i: int) -> int:
    """Index of the first of up to ``_MODIFIERS`` modifiers standing right before ``tokens[i]`` (``i`` when none)."""
    j = i
    while j > 0 and i - j < _MODIFIERS and tokens[j - 1].end + _MODIFIER_GAP >= tokens[j].start and _is_modifier(tokens[j - 1], j - 1 == 0):
        j -= 1
    return j


def _is_modifier(token: Token, sentence_start: bool) -> bool:
    return token.lower in _MODIFIER_WORDS or (token.is_capitalised and not sentence_start and not token.is_stop) or bool(_ADJECTIVE.search(token.lower) and not token.is_stop)
