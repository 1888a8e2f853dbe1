"""Answer extraction without a reader model: choose the sentence, then narrow it to the answer.

1. Candidate sentences come from the top passages. Each is scored by lexical evidence
   (IDF-weighted share of the question's content stems it holds, IDF taken over the
   candidates themselves), semantic evidence (MiniLM cosine with the question), the
   retrieval score of its passage, and whether it holds a phrase of the expected kind.
2. The answer is narrowed when the question type allows: a date, a number, an amount
   near the words the sentence shares with the question; a name (person, place,
   organisation) only when it stands clearly nearer to them than any other name; for
   "which/what place/organisation NOUN" a phrase around that noun; otherwise the sentence.
   A when/how-many/how-much question is not answered by a sentence lacking a date/number.
3. A sentence that restates a why-question is followed by its reason; a sentence whose
   subject is "It"/"This" answering a what-question points back to the phrase it stands for.
   A question that asks yes or no, or what someone said about something, is answered by the sentence
   that tells it, whole; one that asks yes or no is not refused for telling the other end of what is
   asked ("the fourth-largest" for "Is it the largest?").
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from typing import Sequence

import numpy as np

from index.sentences import sentences_in
from index.embed import Embedder
from index.types import Document
from index.words import tokenize
from qa.constraints import Constraint, as_worded, describes_answer, met, question_constraints, swapped_name
from qa.conversation import as_stated
from qa.opposites import opposite_degree, untold_event
from qa.phrases import PRONOUN_SUBJECT, head_noun, is_question_word, phrase_ending_in, question_stems, referent
from qa.question_type import WHOLE_SENTENCE, YES_NO, AnswerKind, classify_question
from qa.spans import idf, trim_span, typed_spans
from qa.types import Citation, Extraction, Hit

MAX_PASSAGES = 5  # passages whose sentences are candidates
# A candidate sentence's score is a weighted sum of its evidence. The rules and weights were written
# against the seeds questions (the name margin and the what-questions also against SQuAD per-kind
# figures: docs/log.md); each weight says how much one kind of evidence may count against the others.
COSINE_WEIGHT = 0.45  # of the model's cosine in a sentence's score (at most 1: candidates that cannot win are not embedded)
LEXICAL_WEIGHT = 0.35  # of the IDF-weighted share of the question's words the sentence holds: the next strongest evidence
CONTEXT_WEIGHT = 0.1  # of that share in the sentences just around it: the answer's sentence may not repeat the question
PASSAGE_WEIGHT = 0.1  # of its passage's retrieval score relative to the best: retrieval already ranked the passages
TYPED_WEIGHT = 0.1  # for a phrase of the asked kind right beside the question's words ...
TYPED_DECAY_WORDS = 4  # ... shrinking by e for every this many words between them
NO_TYPED_STRICT = -0.5  # a when/how-many/how-much question is not answered by a sentence without a date or number
NO_TYPED = -0.1  # other typed questions: a sentence without a phrase of the asked kind is less likely, not ruled out
NEGATION_WEIGHT = 0.05  # a negated question ("Who did not...") prefers a negated sentence
LEAD_WEIGHT = 0.03  # a small tie-breaker for the article's opening, where news states its core facts
CONFIDENCE_SLOPE = 14  # of the logistic around CENTER: scores 0.1 either side of it are confidences of about 0.2 and 0.8
NEIGHBOUR_GAP = 3  # characters at most between two sentences that follow each other: the blanks or line breaks between them
NO_ANCHOR_GAP = 20  # words: the distance of a phrase in a sentence holding none of the question's words, so far that its bonus all but vanishes
FIRST_ROUND = 8  # sentences embedded before the rest are pruned
MAX_SUPPORT = 2  # other sentences that repeat the answer, cited beside it
CENTER = 0.39  # score at which confidence is 0.5
LEAD_CHARS = 400  # news leads carry the core facts ("inverted pyramid")
BEFORE_REASON = 250  # characters before a why-answer's passage where the names it speaks of may stand ("He said ...")
# Confidence is a logistic of the sentence score centred on CENTER; answers below ANSWER_THRESHOLD
# are refused. Chosen on ../shared/eval/seeds_dev.jsonl and our own seeds questions: the
# off-corpus questions score 0.03-0.42 ("What is the GDP of Russia?" 0.42, the highest), the
# answerable ones 0.54-0.99 (lowest: "When did Kishida visit Bucha?" 0.54, "When did Russia
# invade Ukraine?" 0.56); the threshold lies in the gap.
ANSWER_THRESHOLD = 0.5

SHAPES: dict[AnswerKind, tuple[str, ...]] = {
    AnswerKind.PERSON: ("name",),
    AnswerKind.PLACE: ("name",),
    AnswerKind.ORGANISATION: ("name",),
    AnswerKind.DATE: ("date",),
    AnswerKind.NUMBER: ("number", "percent", "money"),
    AnswerKind.AMOUNT: ("money", "percent", "number"),
}
HEAD_NOUN_FIRST = frozenset({AnswerKind.PLACE, AnswerKind.ORGANISATION})
NAME_MARGIN = 3.0  # words: a name is given only when it stands this much nearer the question's words than the next name
STRICT_KINDS = frozenset({AnswerKind.DATE, AnswerKind.NUMBER, AnswerKind.AMOUNT})
# words that give a reason: a why-question is answered by a sentence that holds one, not by one that restates the question
_CAUSAL = re.compile(  # "so" as "therefore", not "do so", "so far", "so-called"; "since" as "because", not "since replacing Vogts", "since 2003"
    r"\b(because|since(?!\s+(?:\w+ing|\d+\w*|then|last|early|late|mid|the (?:start|end|beginning)|january|february|march|april|may|june|july|august|september|october|november|december)\b)|as a result|due to|in order to|so that|after|(?<!\bdo )(?<!\bdid )(?<!\bdoing )(?<!\bdone )so(?![\s-]+(?:far|much|many|called|long)\b)|amid|following|thanks to|owing to|in a bid to|aimed at"
    r"|designed to|hopes?|hoped|in the hope|to help|convinced|prompted|led to|reasons?|blamed|caused|meant that|on (?:[\w-]+ ){0,2}grounds|in protest)\b",
    re.IGNORECASE,
)
# words that introduce a reason clause, just before it: "because (of)", "due to", "to" (a purpose)
_INTRODUCES_REASON = re.compile(
    r"\b(because|due to|as|since|for|to|owing to|thanks to|as a result of)(\s+of)?(?=(?:\s+(?:the|a|an|his|her|its|their)){0,2}\s*$)", re.IGNORECASE
)
_BLANKS = re.compile(r"\s*")
_CLAUSE_END = re.compile(r"[,;:.!?](?=\s|$)|\s[-–]\s")
REASON_WEIGHT = 0.1  # added to a why-question's candidate sentence that gives a reason
NO_REASON_CONFIDENCE = 0.3  # at most, for a why-answer that gives no reason: below ANSWER_THRESHOLD, so refused
NO_REASON = "the closest passage says what happened but gives no reason"
_NAME_JOINER = re.compile(r"^\s*(?:/|,|via|and|of|for|at|&|-)\s*$", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|no|never|neither|nor|without|fail(?:s|ed)?|refus(?:e|ed|es)|lack(?:s|ed)?|n[’']t)\b", re.IGNORECASE)
_TYPE_NOUN = re.compile(r"\b(?:which|what)\s+(?!(?:is|was|are|were|did|does|do|has|have|had)\b)(\w+)", re.IGNORECASE)  # "which agency": an agency's name may end in "Agency"
_COUNTED = re.compile(r"\bhow many\s+(\w+)", re.IGNORECASE)
_NP_STOP = frozenset({"from", "to", "in", "on", "at", "by", "with", "for", "of", "toward", "towards", "into", "and", "or", "that", "which", "who"})


class _Candidate:
    __slots__ = ("doc", "start", "end", "hit", "tokens")

    def __init__(self, doc: Document, start: int, end: int, hit: int) -> None:
        self.doc, self.start, self.end, self.hit = doc, start, end, hit
        self.tokens = tokenize(doc.text[start:end], start)


def extract_answers(question: str, hits: Sequence[Hit], embedder: Embedder, top_n: int = 3) -> list[Extraction]:
    """The ``top_n`` best answers in the sentences of the top hits, best first ([] when there is no sentence)."""
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, got {top_n}")
    if not question.strip():
        return []
    asked_type = classify_question(question)
    kind, why, whole = asked_type.kind, asked_type.wh == "why", asked_type.wh in WHOLE_SENTENCE
    q_stems = question_stems(question)
    negative = bool(_NEGATION.search(question))
    asked = head_noun(question)
    head = asked[0] if asked else None
    counted = _COUNTED.search(question)
    type_match = counted or _TYPE_NOUN.search(question)
    type_noun = tokenize(type_match.group(1))[0].stem if type_match else None
    candidates = [c for c in _candidates(hits) if not whole or c.start > c.doc.text.find("\n")]  # a headline tells it only in short
    if not candidates:
        return []
    weights = idf(q_stems, [{t.stem for t in c.tokens} for c in candidates])
    total = sum(weights.values()) or 1.0
    top = max(h.score for h in hits[:MAX_PASSAGES]) or 1.0
    partial = []  # every part of a candidate's score but the model's cosine
    for c in candidates:
        lexical = sum(weights[s] for s in {t.stem for t in c.tokens} & q_stems) / total
        context = sum(weights[s] for s in _context_stems(c, candidates) & q_stems) / total
        found = None if kind in HEAD_NOUN_FIRST and head and phrase_ending_in(c.tokens, head, q_stems) else _typed_span(c, q_stems, kind, type_noun)
        span, distance = found if found else (None, None)
        if kind not in SHAPES:
            typed = 0.0
        elif distance is None:  # a when/how-many/how-much question is not answered by a sentence without a date/number/amount
            typed = NO_TYPED_STRICT if kind in STRICT_KINDS else NO_TYPED
        else:
            typed = TYPED_WEIGHT * math.exp(-distance / TYPED_DECAY_WORDS)  # the phrase stands right beside the question's words
        negation = NEGATION_WEIGHT if negative and _NEGATION.search(c.doc.text[c.start : c.end]) else 0.0
        lead = LEAD_WEIGHT if c.start < LEAD_CHARS else 0.0
        reason = REASON_WEIGHT if why and gives_reason(c.doc.text[c.start : c.end], q_stems) else 0.0
        partial.append((LEXICAL_WEIGHT * lexical + CONTEXT_WEIGHT * context + PASSAGE_WEIGHT * hits[c.hit].score / top + typed + negation + lead + reason, span))
    as_asked = as_stated(question)
    constraints = [c for c in question_constraints(question) if not describes_answer(c, as_asked)]  # those an article must mention
    cosines = _cosines(question, candidates, [rest for rest, _ in partial], embedder, top_n)
    scored = [(partial[i][0] + COSINE_WEIGHT * cosine, candidates[i], partial[i][1]) for i, cosine in cosines.items()]
    scored.sort(key=lambda item: -item[0])
    out = []
    for score, c, span in scored[:top_n]:
        start, end = span or _untyped_answer(question, why, c, q_stems, head if kind in HEAD_NOUN_FIRST else None, candidates)
        phrase = c.doc.text[start:end].lower()
        support = [
            Citation.quoting(o.doc, o.start, o.end) for o in candidates
            if o is not c and end - start < c.end - c.start and phrase in o.doc.text[o.start : o.end].lower()
        ][:MAX_SUPPORT]
        confidence = 1 / (1 + math.exp(-CONFIDENCE_SLOPE * (score - CENTER)))
        # a reason is a sentence with a causal word, or the sentence that follows one restating the question
        unexplained = why and end <= c.end and not gives_reason(c.doc.text[start:end], q_stems)
        sentence = Citation.quoting(c.doc, min(c.start, start), max(c.end, end))
        contradiction = _contradiction(as_asked, constraints, c.doc, sentence, (start - sentence.start, end - sentence.start), asked_type.wh)
        out.append(
            Extraction(
                span=Citation.quoting(c.doc, start, end),
                sentence=sentence,
                confidence=min(confidence, NO_REASON_CONFIDENCE) if unexplained else confidence,
                support=support,
                reason=contradiction or (NO_REASON if unexplained else None),
                contradicted=contradiction is not None,
            )
        )
    return sorted(out, key=lambda e: -e.confidence)  # a why-answer without a reason falls behind one with


PREMISE_SHARE = 0.7  # of the question's words, in the clause a causal word introduces, that make that clause the question's own event


def gives_reason(text: str, q_stems: set[str]) -> bool:
    """Whether ``text`` holds a causal word that introduces something other than the question's own
    event: "The relationship soured further after Fiat sold half its finance arm" gives no reason why
    Fiat sold it, only what followed from it."""
    for found in _CAUSAL.finditer(text):
        end = _CLAUSE_END.search(text, found.end())
        clause = {t.stem for t in tokenize(text[found.end() : end.start() if end else len(text)])}
        if not q_stems or len(q_stems & clause) < PREMISE_SHARE * len(q_stems):
            return True
    return False


def reason_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The reason that the phrase at ``start:end`` of ``text`` stands in, when words that make a reason
    introduce it ("... because"): from right after them, its article or possessive kept ("because of his
    staunch opposition"), to the end of the phrase, or of its clause when a "because", "as" or "since"
    introduces only a name ("because the Danish Broadcasting Corporation came up with the idea"); None otherwise."""
    introduced = _INTRODUCES_REASON.search(text, 0, start)
    if introduced is None:
        return None
    begin = _BLANKS.match(text, introduced.end()).end()  # type: ignore[union-attr]
    conjunction = introduced.group(1).lower() in ("because", "as", "since") and not introduced.group(2)
    if conjunction and not re.search(r"\b(?!(?:the|a|an)\b)[a-z]", text[start:end]):
        clause = _CLAUSE_END.search(text, end)
        end = clause.start() if clause else len(text.rstrip())
    return begin, end


def _contradiction(asked: str, constraints: Sequence[Constraint], doc: Document, cited: Citation, answer: tuple[int, int], wh: str) -> str | None:
    """Why the ``cited`` sentence cannot answer the question (``asked``, as the user worded it; ``wh``, its question
    word): its article never mentions one of ``constraints``, or it tells the opposite of what is asked or of another
    name (``qa.constraints``, as the reader's answers are checked). For a why-question, and one answered by a whole
    sentence, also when the passage does not tell the event the question asks about (``qa.opposites.untold_event``),
    or when neither its paragraph, the sentences just before it nor the article's title and lead name everyone and
    everything the question names (and, for a whole sentence, its years and months): a reason Elfyn Llwyd gives is
    not Dafydd Wigley's. The other end of what is asked answers yes or no: "the fourth-largest" says Nigeria is not
    the largest. None when nothing contradicts it."""
    missing = _unmet(constraints, f"{doc.title} {doc.date or ''} {doc.text}")
    if missing:
        return f"the closest article does not mention {as_worded(missing[0], missing, asked)}"
    sentence = cited.quote
    rival = (None if wh == YES_NO else opposite_degree(asked, sentence)) or swapped_name(asked, sentence, answer)
    if rival:
        return f"the closest passage gives {rival[1]}, not {rival[0]}"
    if wh != "why" and wh not in WHOLE_SENTENCE:
        return None
    event = untold_event(asked, sentence)
    if event:
        return f"the question asks about {event}; the closest passage says nothing of the kind"
    start, end = doc.text.rfind("\n", 0, cited.start) + 1, doc.text.find("\n", cited.end)  # its paragraph
    around = f"{doc.title} {doc.text[:LEAD_CHARS]} {doc.text[max(0, min(start, cited.start - BEFORE_REASON)) : end if end >= 0 else None]}"
    framing = ("name", "year", "month") if wh in WHOLE_SENTENCE else ("name",)
    missing = _unmet([c for c in constraints if c.kind in framing], around)
    return f"the closest passage is not about {as_worded(missing[0], missing, asked)}" if missing else None


def _unmet(constraints: Sequence[Constraint], text: str) -> list[Constraint]:
    """The constraints ``text`` does not mention, in the question's order."""
    return [c for c, ok in zip(constraints, met(constraints, text)) if not ok]


def _cosines(question: str, candidates: Sequence[_Candidate], partial: Sequence[float], embedder: Embedder, top_n: int) -> dict[int, float]:
    """Cosines to the question of the candidates that can still reach the ``top_n`` best scores.

    Embedding sentences is most of a question's time. The most promising ones by the rest of
    their score are embedded first; then only those whose score could still reach the
    ``top_n``-th best so far with a perfect cosine. The ``top_n`` are exactly those of
    embedding every candidate.
    """
    q_vector = embedder.embed([question])[0]
    order = sorted(range(len(candidates)), key=lambda i: -partial[i])
    cosines: dict[int, float] = {}

    def embed(ids: list[int]) -> None:
        if ids:
            vectors = _sentence_vectors(embedder, [candidates[i] for i in ids])
            cosines.update(zip(ids, (vectors @ q_vector).tolist()))

    embed(order[:FIRST_ROUND])
    bar = sorted((partial[i] + COSINE_WEIGHT * c for i, c in cosines.items()), reverse=True)[:top_n][-1]
    embed([i for i in order[FIRST_ROUND:] if partial[i] + COSINE_WEIGHT >= bar])
    return cosines


_cache_lock = threading.Lock()
_vector_cache: OrderedDict[tuple[str, str, int, int], np.ndarray] = OrderedDict()
VECTOR_CACHE_SIZE = 50_000  # sentence vectors kept (1.5 KB each): questions about the same articles skip the model


def _sentence_vectors(embedder: Embedder, candidates: Sequence[_Candidate]) -> np.ndarray:
    """The candidates' sentence vectors, from the cache when the same text of the same document was embedded before."""
    keys = [(embedder.name, c.doc.content_hash, c.start, c.end) for c in candidates]
    missing = [i for i, key in enumerate(keys) if key not in _vector_cache]
    if missing:
        fresh = embedder.embed([candidates[i].doc.text[candidates[i].start : candidates[i].end] for i in missing])
        with _cache_lock:
            for i, vector in zip(missing, fresh):
                _vector_cache[keys[i]] = vector
            while len(_vector_cache) > VECTOR_CACHE_SIZE:
                _vector_cache.popitem(last=False)
    with _cache_lock:
        rows = [_vector_cache.get(key) for key in keys]
    if any(row is None for row in rows):  # evicted by another thread meanwhile: embed those again
        return embedder.embed([c.doc.text[c.start : c.end] for c in candidates])
    return np.stack(rows)


def _candidates(hits: Sequence[Hit]) -> list[_Candidate]:
    seen: set[tuple[str, int]] = set()
    out = []
    for i, hit in enumerate(hits[:MAX_PASSAGES]):
        doc = hit.document
        for start, end in sentences_in(doc.text, hit.passage.start, hit.passage.end):
            if (doc.id, start) not in seen:
                seen.add((doc.id, start))
                candidate = _Candidate(doc, start, end, i)
                if candidate.tokens:  # a "sentence" of punctuation alone answers nothing
                    out.append(candidate)
    return out


def _context_stems(c: _Candidate, candidates: Sequence[_Candidate]) -> set[str]:
    """The stems of the sentences just before and after ``c`` in the same document (when they are candidates too)."""
    return {
        t.stem for o in candidates
        if o.doc.id == c.doc.id and o is not c and (0 <= c.start - o.end <= NEIGHBOUR_GAP or 0 <= o.start - c.end <= NEIGHBOUR_GAP)
        for t in o.tokens
    }


def _typed_span(c: _Candidate, q_stems: set[str], kind: AnswerKind, head: str | None = None) -> tuple[tuple[int, int] | None, int] | None:
    """The phrase of the expected shape nearest to the words shared with the question, and its distance in words.

    The phrase is None (but the distance given) when several names stand about as near:
    the sentence holds an answer of the right kind, but which one is a guess.

    Question words are trimmed off a name's edges ("South Korean President Yoon Suk-yeol"
    for "Who is South Korea's president?" gives "Yoon Suk-yeol"); a phrase made only of
    question words is no answer.
    """
    shapes = SHAPES.get(kind)
    if not shapes:
        return None
    text = c.doc.text
    position = {t.start: i for i, t in enumerate(c.tokens)}
    anchors = [i for i, t in enumerate(c.tokens) if is_question_word(t, q_stems) and not t.is_stop]
    found = []
    for s in typed_spans(text[c.start : c.end], c.start, c.tokens):
        if s.shape not in shapes:
            continue
        words = [t for t in c.tokens if s.start <= t.start and t.end <= s.end]
        if s.shape == "name":
            while words and (is_question_word(words[0], q_stems) or words[0].is_stop):
                words.pop(0)
            while words and (is_question_word(words[-1], q_stems) or words[-1].is_stop) and words[-1].stem != head:
                words.pop()
        if not words or any(is_question_word(w, q_stems) and not w.is_stop and w.stem != head for w in words) or [w.stem for w in words] == [head]:
            continue
        found.append((s.shape, words[0].start if s.shape == "name" else s.start, words[-1].end if s.shape == "name" else s.end))
    found = [f for f in found if not any(o[1] <= f[1] and f[2] <= o[2] and o[1:] != f[1:] for o in found)]
    if not found:
        return None

    def gaps(f) -> list[int]:
        """Words between the phrase and each of the question's words in the sentence (the nearest occurrence of each)."""
        first = position.get(f[1], 0)
        last = max((i for i, t in enumerate(c.tokens) if t.end <= f[2]), default=first)
        nearest: dict[str, int] = {}
        for a in anchors:
            gap = min(abs(a - first), abs(a - last))
            nearest[c.tokens[a].stem] = min(gap, nearest.get(c.tokens[a].stem, gap))
        return list(nearest.values()) or [NO_ANCHOR_GAP]

    def distance(f) -> int:
        return min(gaps(f))

    # the phrase close to all of the question's words, not just one of them
    def counts_the_noun(f) -> bool:
        """"9,000 visitors" for "how many visitors": the number stands right before the counted noun (or ends with it)."""
        inside = [t for t in c.tokens if f[1] <= t.start and t.end <= f[2]]
        after = [t for t in c.tokens if t.start >= f[2]][:2]
        return f[0] != "name" and any(t.stem == head for t in inside[-1:] + after)

    def rank(f) -> tuple[bool, int, float]:
        return not counts_the_noun(f), shapes.index(f[0]), sum(gaps(f)) / len(gaps(f))

    ranked = sorted(found, key=rank)
    best = ranked[0]
    if best[0] == "name" and len(ranked) > 1 and rank(ranked[1])[2] - rank(best)[2] < NAME_MARGIN:
        return None, distance(best)  # several names stand about as near: say the sentence rather than guess
    start, end = best[1], best[2]
    inside = [t for t in c.tokens if start <= t.start and t.end <= end]
    if best[0] != "name" and len(inside) > 1 and inside[-1].stem == head:
        end = inside[-2].end  # "9,000 visitors" answers "how many visitors" as "9,000"
    if best[0] == "name":  # "Xie Huanchi/Xinhua via Getty Images": names chained by joiners make one answer
        for other in sorted(found, key=lambda f: f[1]):
            if other[0] == "name" and other[1] >= end and _NAME_JOINER.match(text[end : other[1]]):
                end = other[2]
    return (start, end), distance(best)


def _untyped_answer(
    question: str, why: bool, c: _Candidate, q_stems: set[str], head: str | None, candidates: Sequence[_Candidate]
) -> tuple[int, int]:
    """For questions without a typed answer: a phrase ending in the asked noun, a referent, a reason, or the sentence."""
    text = c.doc.text
    phrase = phrase_ending_in(c.tokens, head, q_stems) if head else None
    if phrase:
        return phrase
    sentence = trim_span(text, c.start, c.end)
    if why and not gives_reason(text[c.start : c.end], q_stems):
        following = _next_sentence(c, candidates)
        if following is not None:
            return sentence[0], following[1]
    if PRONOUN_SUBJECT.match(text[c.start : c.end]) and question.lower().startswith("what"):
        found = referent(text, c.start, c.tokens, q_stems)
        if found:
            return found
    return sentence


def _next_sentence(c: _Candidate, candidates: Sequence[_Candidate]) -> tuple[int, int] | None:
    after = [o for o in candidates if o.doc.id == c.doc.id and o.start > c.end and "\n" not in c.doc.text[c.end : o.start]]
    return (min(after, key=lambda o: o.start).start, min(after, key=lambda o: o.start).end) if after else None
