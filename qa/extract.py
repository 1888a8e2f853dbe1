"""Answer extraction: from retrieved passages to the shortest span of an article that answers.

For one question:

1. **Candidates.** The sentences of the top ``MAX_PASSAGES`` hits (document offsets,
   ``index.sentences.split_sentences`` over the whole document, memoised). The
   ``MAX_EMBEDDED_SENTENCES`` lexically best of them (IDF-weighted share of the
   question's content stems, IDF computed over the candidates themselves) go on:
   embedding is the expensive step, and this cut keeps the right sentence 98% of the
   time on SQuAD 2.0 half.
2. **Sentence score.** One batched MiniLM pass gives each sentence its vector and
   contextual word vectors (``qa.word_vectors``). A linear score over dense features:
   cosine question-sentence, lexical evidence (exact stems, a prefix match for
   "invade"/"invasion", a soft match by word vectors), what the neighbouring
   sentences match (an answer often follows the sentence naming the topic), how many
   new words the sentence brings, the retrieval rank and score of its passage, and
   whether it holds a phrase of the kind the question asks for
   (``qa.question_type``). Softmax over the candidates.
3. **Span score.** Inside the best ``SPAN_SENTENCES`` sentences, every phrase of up to
   ``MAX_SPAN_TOKENS`` words (not starting or ending on a stop word) and every
   answer-shaped phrase (``qa.spans.typed_spans``: names, dates, numbers, money,
   percentages, quotes) is scored by sparse features: its shape crossed with the
   expected answer kind, its length, its overlap with the question, its distance to
   the question words found in the sentence (exactly and by word vectors), the words
   just before and after it, and how much its mean word vector looks like a right
   answer of that kind. Softmax within the sentence. The answer comes from the pair
   (sentence, span) with the best ``log p(sentence) + log p(span)``: it is the
   shortest stretch of that sentence, grown from the best span, whose candidates
   hold ``span_coverage`` of the probability, a value per answer kind (the best span
   alone when the model is sure, a clause or the whole sentence when it is not). A why-question gets the
   sentence.
4. **Confidence.** A logistic model over the evidence (sentence probability and
   margin, cosine, lexical coverage, the IDF share of question words found in no
   candidate, span probability, answer length) estimating "the answer contains a
   right answer"; ``ANSWER_THRESHOLD`` separates answers from refusals.

The weights of the three linear models, the kind prototypes, ``span_coverage`` and
the threshold live in ``qa/extract_weights.json``, written by
``bench/train_extract.py`` (trained on SQuAD 2.0 half; see there for the data, the
criteria and why v1.1 dev is reported on its other articles). Without the file,
rough hand-set defaults keep the module working. Word-vector features are used only
with the model the weights name (``all-MiniLM-L6-v2``, through sentence-transformers
or the int8 ONNX embedder); with another model they are left out and answers get
somewhat worse, never wrong offsets.

Offsets: ``document.text[answer_start:answer_end]`` is exactly the answer shown.
Spans are trimmed of blanks and surrounding punctuation; a quotation mark or bracket
survives only when balanced inside the span, so a quoted phrase is returned without
its quotes (``dear friend`` from ``his “dear friend.”``).
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from index.embed import Embedder
from index.sentences import split_sentences
from index.types import Document
from qa.question_type import AnswerKind, QuestionType, classify_question
from qa.spans import STOPWORDS, Token, tokenize, trim_span, typed_spans
from qa.types import Hit
from qa.word_vectors import encode

__all__ = ["ANSWER_THRESHOLD", "Extraction", "extract_answers"]

WEIGHTS_PATH = Path(__file__).with_name("extract_weights.json")

# Chosen by bench/train_extract.py, see the comment there and the figures in the weights file.
ANSWER_THRESHOLD: float = 0.24

MAX_PASSAGES = 8  # passages of the hit list whose sentences are candidates
MAX_EMBEDDED_SENTENCES = 12  # of those, the lexically best ones are embedded and scored (98% keep the right one on SQuAD 2.0 half)
MAX_SENTENCE_CHARS = 600  # longer "sentences" (tables, lists) are cut into windows of this size
MAX_SPAN_TOKENS = 10  # longest phrase considered as a span (longer answers get the sentence)
SPAN_SENTENCES = 3  # sentences (best first) whose spans are scored
SPAN_COVERAGE = 0.0  # probability mass the returned stretch must hold (0: the best span alone; 1: the sentence)


class Extraction(BaseModel):
    """One answer candidate: the span a person reads, the sentence holding it, and how sure we are."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    answer_start: int = Field(ge=0)
    answer_end: int = Field(ge=0)
    sentence_start: int = Field(ge=0)
    sentence_end: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0)
    support: list[tuple[str, int, int]] = Field(default_factory=list)


# ================================================================== sentences

_sentence_cache: OrderedDict[tuple[str, str, int], list[tuple[int, int]]] = OrderedDict()
_SENTENCE_CACHE_SIZE = 4096


def document_sentences(document: Document) -> list[tuple[int, int]]:
    """Sentence spans of a whole document, memoised by id and text; run-ons cut near ``MAX_SENTENCE_CHARS``."""
    key = (document.id, document.content_hash, hash(document.text))
    spans = _sentence_cache.get(key)
    if spans is not None:
        _sentence_cache.move_to_end(key)
        return spans
    text = document.text
    spans = []
    for start, end in split_sentences(text):
        while end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            piece = trim_span(text, start, cut) if cut > start else (start, cut)
            if piece[1] > piece[0]:
                spans.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            spans.append((start, end))
    _sentence_cache[key] = spans
    if len(_sentence_cache) > _SENTENCE_CACHE_SIZE:
        _sentence_cache.popitem(last=False)
    return spans


@dataclass
class Sentence:
    doc_id: str
    start: int
    end: int
    text: str
    index: int  # position among the document's sentences
    hit_rank: int
    hit_score: float
    tokens: list[Token]
    stems: frozenset[str]
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    probability: float = 0.0
    spans: list["Span"] | None = None  # span candidates with features, computed on first use
    word_vectors: np.ndarray | None = None  # (tokens, dim) float16 unit rows, aligned with ``tokens``


def _candidate_sentences(hits: Sequence[Hit], documents: Mapping[str, Document], max_passages: int) -> tuple[list[Sentence], dict[tuple[str, int], frozenset[str]]]:
    """Distinct sentences overlapping the top passages, and the stems of every sentence of those documents (for neighbours)."""
    seen: dict[tuple[str, int, int], Sentence] = {}
    neighbours: dict[tuple[str, int], frozenset[str]] = {}
    for rank, hit in enumerate(hits[:max_passages]):
        passage = hit.passage
        document = documents.get(passage.doc_id)
        if document is None:
            continue
        spans = document_sentences(document)
        for index, (start, end) in enumerate(spans):
            if end <= passage.start or start >= passage.end:
                continue
            key = (passage.doc_id, start, end)
            if key in seen:
                continue
            text = document.text[start:end]
            tokens = tokenize(text, start)
            if not tokens:
                continue
            stems = frozenset(t.stem for t in tokens)
            seen[key] = Sentence(passage.doc_id, start, end, text, index, rank, float(hit.score), tokens, stems)
            neighbours[(passage.doc_id, index)] = stems
            for other in (index - 1, index + 1):
                if 0 <= other < len(spans) and (passage.doc_id, other) not in neighbours:
                    s, e = spans[other]
                    neighbours[(passage.doc_id, other)] = frozenset(t.stem for t in tokenize(document.text[s:e]))
    return list(seen.values()), neighbours


# ================================================================== question


@dataclass
class Question:
    text: str
    qtype: QuestionType
    tokens: list[Token]
    content_stems: list[str]  # distinct stems of the content words, in order
    all_stems: frozenset[str]
    focus: str | None  # stem of the noun right after what/which ("agency" in "Which agency ...")
    vector: np.ndarray | None = None
    word_vectors: np.ndarray | None = None  # aligned with ``tokens``
    content_index: list[int] = field(default_factory=list)  # token index of each content stem's first occurrence
    wh_index: int | None = None


_QUESTION_NOISE = frozenset(
    {"name", "named", "called", "call", "kind", "type", "many", "much", "long", "year", "did", "does", "do", "happen", "happened", "according"}
)
_WH_WORDS = frozenset({"what", "which", "who", "whom", "whose", "when", "where", "why", "how"})


def parse_question(question: str) -> Question:
    tokens = tokenize(question)
    content: list[str] = []
    for tok in tokens:
        if tok.is_stop or tok.lower in _QUESTION_NOISE:
            continue
        if tok.stem not in content:
            content.append(tok.stem)
    content_index = [next(i for i, t in enumerate(tokens) if t.stem == stem) for stem in content]
    wh_index = next((i for i, t in enumerate(tokens) if t.lower in _WH_WORDS), None)
    focus = None
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower in {"what", "which"}:
            nxt = tokens[i + 1]
            if not nxt.is_stop and nxt.lower not in _QUESTION_NOISE:
                focus = nxt.stem
            break
    return Question(
        question, classify_question(question), tokens, content, frozenset(t.stem for t in tokens), focus, content_index=content_index, wh_index=wh_index
    )


# ================================================================== lexical evidence


def _idf(sentences: list[Sentence], stems: Sequence[str]) -> dict[str, float]:
    """IDF of each question stem over the candidate sentences; a stem found nowhere weighs the most."""
    n = len(sentences)
    df = dict.fromkeys(stems, 0)
    for sentence in sentences:
        for s in stems:
            if s in sentence.stems:
                df[s] += 1
    return {s: math.log((n + 1) / (df[s] + 0.5)) for s in stems}


@lru_cache(maxsize=65536)
def _prefix_match(a: str, b: str) -> bool:
    """Loose match of two stems ("invad"/"invas", "russia"/"russian"): a long shared prefix."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(4, shortest - 2)


def _fuzzy_present(stem: str, stems: frozenset[str]) -> bool:
    return stem in stems or any(_prefix_match(stem, other) for other in stems)


# ================================================================== sentence features

SENTENCE_FEATURES = [
    "bias",
    "cosine",
    "cosine_gap",  # cosine minus the best cosine among candidates
    "cosine_rank",  # 1 / (1 + rank by cosine)
    "lexical",  # IDF-weighted share of the question's content stems present
    "lexical_gap",
    "lexical_fuzzy",
    "lexical_count",  # unweighted share
    "soft_lexical",  # IDF-weighted mean over question content words of the best word-vector cosine in the sentence
    "bigram",  # share of consecutive question content pairs present in order
    "neighbour_lexical",  # best lexical share of the previous / next sentence
    "window_lexical",  # lexical share of the sentence and its two neighbours together
    "novel",  # log(1 + content words not in the question)
    "restates",  # share of the sentence's content words that are question words
    "hit_rank",  # 1 / (1 + passage rank)
    "hit_score",  # passage score / best passage score
    "top_hit",
    "first_sentence",
    "length",  # log tokens
    "kind_match",  # holds an answer-shaped phrase of the expected kind, not made of question words
    "kind_other",  # the question expects no particular shape
]


def _sentence_features(
    question: Question, sentences: list[Sentence], cosines: np.ndarray, neighbours: dict, top_score: float, idf: dict[str, float]
) -> np.ndarray:
    stems = question.content_stems
    idf_total = sum(idf.values()) or 1.0
    pairs = list(zip(stems, stems[1:]))
    cosine_order = np.argsort(-cosines)
    cosine_rank = np.empty(len(sentences), dtype=np.int64)
    cosine_rank[cosine_order] = np.arange(len(sentences))
    best_cosine = float(cosines.max()) if len(cosines) else 0.0

    def lexical_of(present: frozenset[str]) -> float:
        return sum(w for s, w in idf.items() if s in present) / idf_total

    question_words = _question_content_vectors(question)
    idf_weights = [idf[s] for s in stems]
    rows = []
    lexicals = [lexical_of(s.stems) for s in sentences]
    best_lexical = max(lexicals, default=0.0)
    expected = _KIND_SHAPES[question.qtype.kind]
    for i, sentence in enumerate(sentences):
        present = sentence.stems
        fuzzy = sum(w for s, w in idf.items() if _fuzzy_present(s, present)) / idf_total
        count = sum(1 for s in stems if s in present) / max(len(stems), 1)
        ordered = [t.stem for t in sentence.tokens if not t.is_stop]
        bigrams = set(zip(ordered, ordered[1:]))
        bigram = sum(1 for p in pairs if p in bigrams) / len(pairs) if pairs else 0.0
        neighbour = max(
            (lexical_of(neighbours[(sentence.doc_id, j)]) for j in (sentence.index - 1, sentence.index + 1) if (sentence.doc_id, j) in neighbours),
            default=0.0,
        )
        window_stems = present.union(*(neighbours[(sentence.doc_id, j)] for j in (sentence.index - 1, sentence.index + 1) if (sentence.doc_id, j) in neighbours))
        window = lexical_of(window_stems)
        content = [t for t in sentence.tokens if not t.is_stop]
        novel = sum(1 for t in content if t.stem not in question.all_stems)
        restates = 1.0 - novel / max(len(content), 1)
        kind_match = 0.0
        if expected:
            for span in typed_spans(sentence.text, sentence.start, sentence.tokens):
                if span.shape in expected and not _made_of_question(sentence, span.start, span.end, question):
                    kind_match = 1.0
                    break
        soft = fuzzy
        if question_words is not None and sentence.word_vectors is not None and len(sentence.word_vectors):
            best = (sentence.word_vectors.astype(np.float32) @ question_words.T).max(axis=0)
            soft = float(sum(w * max(float(b), 0.0) for w, b in zip(idf_weights, best)) / idf_total)
        sentence.features = {
            "bias": 1.0,
            "cosine": float(cosines[i]),
            "cosine_gap": float(cosines[i]) - best_cosine,
            "cosine_rank": 1.0 / (1.0 + float(cosine_rank[i])),
            "lexical": lexicals[i],
            "lexical_gap": lexicals[i] - best_lexical,
            "lexical_fuzzy": fuzzy,
            "lexical_count": count,
            "soft_lexical": soft,
            "bigram": bigram,
            "neighbour_lexical": neighbour,
            "window_lexical": window,
            "novel": math.log1p(novel),
            "restates": restates,
            "hit_rank": 1.0 / (1.0 + sentence.hit_rank),
            "hit_score": sentence.hit_score / top_score if top_score > 0 else 0.0,
            "top_hit": float(sentence.hit_rank == 0),
            "first_sentence": float(sentence.index == 0),
            "length": math.log1p(len(sentence.tokens)),
            "kind_match": kind_match,
            "kind_other": float(question.qtype.kind == AnswerKind.OTHER),
        }
        rows.append([sentence.features[name] for name in SENTENCE_FEATURES])
    return np.asarray(rows, dtype=np.float64)


def _question_content_vectors(question: Question) -> np.ndarray | None:
    """Word vectors of the question's content words (one per content stem), float32."""
    if question.word_vectors is None or not question.content_index:
        return None
    return question.word_vectors[question.content_index].astype(np.float32)


def _made_of_question(sentence: Sentence, start: int, end: int, question: Question) -> bool:
    content = [t for t in sentence.tokens if t.start >= start and t.end <= end and not t.is_stop]
    return bool(content) and all(t.stem in question.all_stems for t in content)


# ================================================================== spans

_KIND_SHAPES: dict[AnswerKind, tuple[str, ...]] = {
    AnswerKind.PERSON: ("name",),
    AnswerKind.ORGANISATION: ("name",),
    AnswerKind.PLACE: ("name",),
    AnswerKind.DATE: ("date",),
    AnswerKind.NUMBER: ("number", "percent", "money"),
    AnswerKind.AMOUNT: ("money", "percent", "number"),
    AnswerKind.OTHER: (),
}
_LEXICAL_NEIGHBOURS = frozenset(
    STOPWORDS
    | {"called", "named", "known", "including", "include", "includes", "such", "like", "said", "says", "according", "than", "nearly", "about", "around", "approximately", "over", "under", "since", "until", "became", "become", "becomes", "named", "led", "founded", "built", "born", "died", "won", "percent"}
)
_ORG_WORDS = frozenset(
    "agency agencies news images press times post journal group company corporation corp inc ltd co university college institute school party bank council committee ministry department association union league club federation foundation organization organisation commission court army navy force airlines airways network channel service services office bureau society church board fund trust".split()
)
_PERSON_TITLES = frozenset(
    "mr mrs ms dr prof president minister king queen prince princess sir lord lady pope senator governor mayor judge general chancellor secretary leader ceo chairman chief director coach captain rev saint st premier emperor".split()
)
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "across", "into", "throughout", "outside", "inside"})


@dataclass
class Span:
    start: int
    end: int
    first: int  # token indices in the sentence, inclusive
    last: int
    shapes: set[str]
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    probability: float = 0.0


def _length_bucket(n: int) -> str:
    return str(n) if n <= 4 else ("5-6" if n <= 6 else "7+")


def _distance_bucket(d: int | None) -> str:
    if d is None:
        return "none"
    if d <= 1:
        return "1"
    if d <= 3:
        return "2-3"
    if d <= 6:
        return "4-6"
    if d <= 10:
        return "7-10"
    return "11+"


def span_candidates(question: Question, sentence: Sentence, document_text: str) -> list[Span]:
    """Every phrase of the sentence that could be the answer, with its sparse features."""
    tokens = sentence.tokens
    n = len(tokens)
    kind = question.qtype.kind.value
    wh = question.qtype.wh
    by_range: dict[tuple[int, int], Span] = {}

    for i in range(n):
        if tokens[i].is_stop and not tokens[i].text[0].isdigit():
            continue
        for j in range(i, min(n, i + MAX_SPAN_TOKENS)):
            if tokens[j].is_stop:
                continue
            gap = document_text[tokens[j - 1].end : tokens[j].start] if j > i else ""
            if any(ch in gap for ch in ";:()[]\n") or "—" in gap or " – " in gap:
                break
            start, end = trim_span(document_text, tokens[i].start, tokens[j].end)
            if end > start:
                by_range.setdefault((start, end), Span(start, end, i, j, set()))
    for typed in typed_spans(sentence.text, sentence.start, tokens):
        first = next((k for k, t in enumerate(tokens) if t.end > typed.start), None)
        last = next((k for k in range(n - 1, -1, -1) if tokens[k].start < typed.end), None)
        if first is None or last is None or last < first:
            continue
        span = by_range.setdefault((typed.start, typed.end), Span(typed.start, typed.end, first, last, set()))
        span.shapes.add(typed.shape)

    typed_here = [s for s in by_range.values() if s.shapes]
    matched = [k for k, t in enumerate(tokens) if not t.is_stop and t.stem in question.all_stems and t.lower not in _WH_WORDS]
    focus_positions = [k for k, t in enumerate(tokens) if question.focus is not None and t.stem == question.focus]
    sentence_text_start = sentence.start
    spans = list(by_range.values())
    expected = _KIND_SHAPES[question.qtype.kind]
    expected_typed = [s for s in typed_here if s.shapes & set(expected)]
    means = _span_means(sentence, spans)
    word_match = None
    question_words = _question_content_vectors(question)
    if means is not None and question_words is not None:
        word_match = (sentence.word_vectors.astype(np.float32) @ question_words.T).max(axis=1)
    wh_vector = question.word_vectors[question.wh_index].astype(np.float32) if question.word_vectors is not None and question.wh_index is not None else None
    for number, span in enumerate(spans):
        inside = tokens[span.first : span.last + 1]
        content = [t for t in inside if not t.is_stop]
        in_question = sum(1 for t in content if t.stem in question.all_stems)
        overlap = in_question / max(len(content), 1)
        outside = [m for m in matched if m < span.first or m > span.last]
        distance = min((min(abs(m - span.first), abs(m - span.last)) for m in outside), default=None)
        length = span.last - span.first + 1
        shapes = span.shapes or {"plain"}
        f: dict[str, float] = {"bias": 1.0}
        for shape in shapes:
            f[f"shape={shape}|kind={kind}"] = 1.0
            f[f"shape={shape}|wh={wh}"] = 1.0
        f[f"len={_length_bucket(length)}|kind={kind}"] = 1.0
        f[f"len={_length_bucket(length)}|wh={wh}"] = 1.0
        f["overlap"] = overlap
        f[f"overlap_all|kind={kind}"] = float(content != [] and in_question == len(content))
        f["overlap_any"] = float(in_question > 0)
        f[f"dist={_distance_bucket(distance)}"] = 1.0
        f[f"dist={_distance_bucket(distance)}|kind={kind}"] = 1.0
        left = sum(1 for m in outside if span.first - 4 <= m < span.first)
        right = sum(1 for m in outside if span.last < m <= span.last + 4)
        f["matched_left"] = min(left, 3) / 3.0
        f["matched_right"] = min(right, 3) / 3.0
        f["matched_share"] = len(outside) / max(len(question.content_stems), 1)
        caps = sum(1 for t in content if t.text[0].isupper())
        f["caps_all"] = float(content != [] and caps == len(content))
        f[f"caps_all|kind={kind}"] = f["caps_all"]
        f["caps_share"] = caps / max(len(content), 1)
        f["digit"] = float(any(ch.isdigit() for ch in document_text[span.start : span.end]))
        f[f"digit|kind={kind}"] = f["digit"]
        f["sentence_start"] = float(span.first == 0)
        f["sentence_end"] = float(span.last == len(tokens) - 1)
        # what stands right before and after the span
        before_text = document_text[max(sentence_text_start, span.start - 3) : span.start].strip()
        after_text = document_text[span.end : span.end + 3].strip()
        prev_tok = tokens[span.first - 1] if span.first > 0 else None
        next_tok = tokens[span.last + 1] if span.last + 1 < n else None
        if before_text and not before_text[-1].isalnum():
            f[f"prev_char={before_text[-1]}"] = 1.0
        if after_text and not after_text[0].isalnum():
            f[f"next_char={after_text[0]}"] = 1.0
        prev_word = _neighbour_word(prev_tok, question)
        next_word = _neighbour_word(next_tok, question)
        f[f"prev={prev_word}|kind={kind}"] = 1.0
        f[f"next={next_word}|kind={kind}"] = 1.0
        f[f"prev={prev_word}"] = 1.0
        f[f"next={next_word}"] = 1.0
        if prev_tok is not None and prev_tok.lower in _PLACE_PREPOSITIONS and f["caps_all"]:
            f[f"prep_caps|kind={kind}"] = 1.0
        if prev_tok is not None and prev_tok.lower.rstrip(".") in _PERSON_TITLES:
            f[f"after_title|kind={kind}"] = 1.0
        if content and content[-1].lower in _ORG_WORDS:
            f[f"org_word|kind={kind}"] = 1.0
        if content and content[0].lower.rstrip(".") in _PERSON_TITLES:
            f[f"starts_title|kind={kind}"] = 1.0
        if focus_positions:
            if any(span.first <= k <= span.last for k in focus_positions):
                f["focus_inside"] = 1.0
                f["focus_inside_novel"] = float(in_question < len(content))
            elif any(span.first - 2 <= k < span.first for k in focus_positions):
                f["focus_before"] = 1.0
            elif any(span.last < k <= span.last + 2 for k in focus_positions):
                f["focus_after"] = 1.0
        # crude part-of-speech hints from the edge words
        f[f"last_suffix={_suffix_class(inside[-1])}|kind={kind}"] = 1.0
        f[f"first_suffix={_suffix_class(inside[0])}"] = 1.0
        if prev_tok is not None and prev_tok.text[0].isupper() and inside[0].text[0].isupper() and span.first > 1 and _adjacent_tokens(document_text, prev_tok, inside[0]):
            f["cuts_name_left"] = 1.0
        if next_tok is not None and next_tok.text[0].isupper() and inside[-1].text[0].isupper() and _adjacent_tokens(document_text, inside[-1], next_tok):
            f["cuts_name_right"] = 1.0
        if any(t.start <= span.start and span.end <= t.end and (t.start, t.end) != (span.start, span.end) for t in expected_typed):
            f["inside_expected_typed"] = 1.0
        if means is not None:
            mean = means[number]
            if question.vector is not None:
                f["sem_question"] = float(mean @ question.vector)
            if wh_vector is not None:
                f[f"sem_wh|kind={kind}"] = float(mean @ wh_vector)
            if word_match is not None:
                f["soft_left"] = float(word_match[max(0, span.first - 3) : span.first].max()) if span.first > 0 else 0.0
                f["soft_right"] = float(word_match[span.last + 1 : span.last + 4].max()) if span.last + 1 < n else 0.0
                f["soft_inside"] = float(word_match[span.first : span.last + 1].max())
        stretch = document_text[span.start : span.end]
        f["comma"] = float("," in stretch)
        f["and"] = float(any(t.lower in {"and", "or"} for t in inside))
        f["stop_share"] = sum(1 for t in inside if t.is_stop) / length
        f[f"position={min(int(4 * span.first / max(n, 1)), 3)}"] = 1.0
        if span.shapes:
            f["typed"] = 1.0
        elif any(t.start < span.end and span.start < t.end for t in typed_here):
            f["partial_typed"] = 1.0
        span.features = f
    return spans


def _span_means(sentence: Sentence, spans: list[Span]) -> np.ndarray | None:
    """Unit mean word vector of each span, or None without word vectors."""
    vectors = sentence.word_vectors
    if vectors is None or len(vectors) != len(sentence.tokens) or not spans:
        return None
    cumulative = np.vstack([np.zeros((1, vectors.shape[1]), dtype=np.float32), np.cumsum(vectors.astype(np.float32), axis=0)])
    first = np.array([s.first for s in spans])
    last = np.array([s.last for s in spans])
    means = cumulative[last + 1] - cumulative[first]
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    np.divide(means, norms, out=means, where=norms > 0)
    return means


def _suffix_class(token: Token) -> str:
    word = token.lower
    if token.text[0].isdigit():
        return "digit"
    if token.is_stop:
        return "stop"
    for suffix in ("ly", "ing", "ed", "tion", "ment", "ness", "ity", "al", "ous", "ive", "ic", "er", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return suffix
    return "other"


def _adjacent_tokens(text: str, left: Token, right: Token) -> bool:
    """Only blanks between two tokens."""
    return text[left.end : right.start].strip() == ""


def _neighbour_word(token: Token | None, question: Question) -> str:
    if token is None:
        return "<edge>"
    if token.lower in _LEXICAL_NEIGHBOURS:
        return token.lower
    if token.stem in question.all_stems:
        return "<question>"
    return "<cap>" if token.text[0].isupper() else "<word>"


# ================================================================== weights


@dataclass
class Weights:
    sentence: np.ndarray  # aligned with SENTENCE_FEATURES
    span: dict[str, float]
    confidence: dict[str, float]
    threshold: float
    span_coverage: float | dict[str, float]  # one value, or one per answer kind
    prototypes: dict[str, np.ndarray] = field(default_factory=dict)  # answer kind -> unit direction in word-vector space
    word_vector_model: str | None = None  # the embedder whose word vectors the weights were trained with


_DEFAULT_SENTENCE = {"cosine": 4.0, "lexical": 3.0, "hit_rank": 0.6, "kind_match": 0.5, "novel": 0.3}
_DEFAULT_SPAN = {
    "overlap": -3.0,
    "dist=1": 1.0,
    "dist=2-3": 0.6,
    "dist=4-6": 0.2,
    "shape=plain|kind=other": 0.0,
    **{f"shape={s}|kind={k.value}": 2.0 for k, shapes in _KIND_SHAPES.items() for s in shapes},
    **{f"len={b}|kind=other": w for b, w in [("1", -0.5), ("2", 0.0), ("3", 0.2), ("4", 0.2), ("5-6", 0.0), ("7+", -0.5)]},
}
_DEFAULT_CONFIDENCE = {"bias": -6.0, "cosine": 6.0, "lexical": 4.0}


def _load_weights() -> Weights:
    if not WEIGHTS_PATH.exists():
        return Weights(
            sentence=np.array([_DEFAULT_SENTENCE.get(name, 0.0) for name in SENTENCE_FEATURES]),
            span=dict(_DEFAULT_SPAN),
            confidence=dict(_DEFAULT_CONFIDENCE),
            threshold=ANSWER_THRESHOLD,
            span_coverage=SPAN_COVERAGE,
        )
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    sentence = data["sentence"]
    return Weights(
        sentence=np.array([sentence.get(name, 0.0) for name in SENTENCE_FEATURES]),
        span=dict(data["span"]),
        confidence=dict(data["confidence"]),
        threshold=float(data.get("threshold", ANSWER_THRESHOLD)),
        span_coverage=data.get("span_coverage", SPAN_COVERAGE),
        prototypes={kind: np.asarray(v, dtype=np.float32) for kind, v in data.get("prototypes", {}).items()},
        word_vector_model=data.get("word_vectors"),
    )


_weights: Weights | None = None


def weights() -> Weights:
    global _weights
    if _weights is None:
        _weights = _load_weights()
    return _weights


def reload_weights(new: Weights | None = None) -> Weights:
    """Replace the weights in use (the training script evaluates candidates this way)."""
    global _weights
    _weights = new if new is not None else _load_weights()
    return _weights


# ================================================================== analysis


@dataclass
class Analysis:
    """Everything computed for one question; ``extract_answers`` reads it, ``bench/train_extract.py`` learns from it."""

    question: Question
    sentences: list[Sentence]  # best first after scoring
    sentence_matrix: np.ndarray  # rows aligned with ``sentences`` before sorting
    unsorted: list[Sentence]
    best_cosine: float
    best_lexical: float
    missing_idf: float  # IDF share of the question stems found in no candidate sentence


def analyse(question: str, hits: Sequence[Hit], documents: Mapping[str, Document], embedder: Embedder, max_passages: int = MAX_PASSAGES) -> Analysis | None:
    sentences, neighbours = _candidate_sentences(hits, documents, max_passages)
    if not sentences or not question.strip():
        return None
    parsed = parse_question(question)
    idf = _idf(sentences, parsed.content_stems)  # over every candidate, before the cut below
    idf_total = sum(idf.values()) or 1.0
    everywhere = frozenset().union(*(s.stems for s in sentences))
    missing = sum(v for s, v in idf.items() if not _fuzzy_present(s, everywhere)) / idf_total if idf else 0.0
    if len(sentences) > MAX_EMBEDDED_SENTENCES:
        # only the lexically best sentences are embedded (the model is the expensive part); ties go to the better passage
        def prefilter(sentence: Sentence) -> float:
            lexical = sum(w for stem, w in idf.items() if stem in sentence.stems) / idf_total
            return lexical + 0.01 / (1.0 + sentence.hit_rank)

        kept = sorted(range(len(sentences)), key=lambda i: -prefilter(sentences[i]))[:MAX_EMBEDDED_SENTENCES]
        sentences = [sentences[i] for i in sorted(kept)]
    encoded = encode(embedder, [question] + [s.text for s in sentences])
    vectors = np.stack([e.vector for e in encoded])
    # word vectors only from the model the weights were trained with (another model's vectors mean nothing to them)
    trained_with = weights().word_vector_model
    usable = trained_with is None or _model_family(trained_with) == _model_family(getattr(embedder, "name", ""))
    parsed.vector = encoded[0].vector
    parsed.word_vectors = encoded[0].words if usable else None
    for sentence, e in zip(sentences, encoded[1:]):
        sentence.word_vectors = e.words if usable else None
    cosines = (vectors[1:] @ vectors[0]).astype(np.float64)
    top_score = max(float(h.score) for h in hits[:max_passages])
    matrix = _sentence_features(parsed, sentences, cosines, neighbours, top_score, idf)
    analysis = Analysis(
        question=parsed,
        sentences=list(sentences),
        sentence_matrix=matrix,
        unsorted=sentences,
        best_cosine=float(cosines.max()),
        best_lexical=max(s.features["lexical"] for s in sentences),
        missing_idf=missing,
    )
    return rescore(analysis)


def _model_family(name: str) -> str:
    """"sentence-transformers/all-MiniLM-L6-v2" and "onnx-int8/all-MiniLM-L6-v2" are the same model."""
    return name.rsplit("/", 1)[-1]


def rescore(analysis: Analysis) -> Analysis:
    """Score and sort the sentences with the weights in use (features are not recomputed)."""
    scores = analysis.sentence_matrix @ weights().sentence
    probabilities = np.exp(scores - scores.max())
    probabilities /= probabilities.sum()
    for sentence, score, probability in zip(analysis.unsorted, scores, probabilities):
        sentence.score, sentence.probability = float(score), float(probability)
    analysis.sentences = sorted(analysis.unsorted, key=lambda s: -s.score)
    return analysis


def score_spans(question: Question, sentence: Sentence, document_text: str) -> list[Span]:
    """The sentence's span candidates, scored and given a probability within the sentence, best first."""
    if sentence.spans is None:
        sentence.spans = span_candidates(question, sentence, document_text)
    spans = list(sentence.spans)
    if not spans:
        return []
    add_prototype_feature(question, sentence, spans, weights().prototypes)
    table = weights().span
    scores = np.array([sum(table.get(name, 0.0) * value for name, value in span.features.items()) for span in spans])
    probabilities = np.exp(scores - scores.max())
    probabilities /= probabilities.sum()
    for span, score, probability in zip(spans, scores, probabilities):
        span.score, span.probability = float(score), float(probability)
    spans.sort(key=lambda s: -s.score)
    return spans


def add_prototype_feature(question: Question, sentence: Sentence, spans: list[Span], prototypes: Mapping[str, np.ndarray]) -> None:
    """``proto|kind=K``: cosine of the span's mean word vector with the direction that separated right answers of kind K in training."""
    kind = question.qtype.kind.value
    prototype = prototypes.get(kind)
    if prototype is None:
        return
    means = _span_means(sentence, spans)
    if means is None:
        return
    for span, value in zip(spans, means @ prototype):
        span.features[f"proto|kind={kind}"] = float(value)


CONFIDENCE_FEATURES = [
    "bias",
    "sentence_probability",
    "sentence_margin",  # score gap to the second sentence
    "cosine",
    "best_cosine",
    "lexical",
    "best_lexical",
    "lexical_fuzzy",
    "window_lexical",
    "missing_idf",
    "span_probability",  # probability mass of the span candidates inside the answer
    "sentence_answer",  # the answer is the whole sentence
    "answer_words",  # log(1 + words of the answer)
    "kind_other",
    "kind_match",
    "hit_score",
]


def confidence_features(analysis: Analysis, sentence: Sentence, span_probability: float, sentence_answer: bool, answer_words: int) -> dict[str, float]:
    second = analysis.sentences[1].score if len(analysis.sentences) > 1 else sentence.score - 5.0
    return {
        "bias": 1.0,
        "sentence_probability": sentence.probability,
        "sentence_margin": min(sentence.score - second, 5.0) if sentence is analysis.sentences[0] else 0.0,
        "cosine": sentence.features["cosine"],
        "best_cosine": analysis.best_cosine,
        "lexical": sentence.features["lexical"],
        "best_lexical": analysis.best_lexical,
        "lexical_fuzzy": sentence.features["lexical_fuzzy"],
        "window_lexical": sentence.features["window_lexical"],
        "missing_idf": analysis.missing_idf,
        "span_probability": span_probability,
        "sentence_answer": float(sentence_answer),
        "answer_words": math.log1p(answer_words),
        "kind_other": sentence.features["kind_other"],
        "kind_match": sentence.features["kind_match"],
        "hit_score": sentence.features["hit_score"],
    }


def _confidence(features: dict[str, float]) -> float:
    table = weights().confidence
    z = sum(table.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


# ================================================================== public entry point


def extract_answers(
    question: str,
    hits: Sequence[Hit],
    documents: Mapping[str, Document],
    embedder: Embedder,
    top_n: int = 3,
) -> list[Extraction]:
    """The best ``top_n`` answers to ``question`` found in the sentences of ``hits``, best first.

    ``document.text[answer_start:answer_end]`` is the answer to show and lies inside
    ``sentence_start:sentence_end``. Returns ``[]`` when the hits hold no sentence;
    otherwise compare ``confidence`` with ``ANSWER_THRESHOLD`` to answer or refuse.
    """
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, got {top_n}")
    analysis = analyse(question, hits, documents, embedder)
    if analysis is None:
        return []
    return select_answers(analysis, documents, top_n)


def _covering_stretch(spans: list[Span], coverage: float) -> tuple[int, int, float]:
    """The shortest stretch grown from the best span (adding spans best first) whose candidates hold ``coverage`` of the probability."""
    starts = np.array([s.start for s in spans])
    ends = np.array([s.end for s in spans])
    probabilities = np.array([s.probability for s in spans])
    lo, hi = spans[0].start, spans[0].end
    mass = float(probabilities[(starts >= lo) & (ends <= hi)].sum())
    for span in spans[1:]:
        if mass >= coverage:
            break
        lo, hi = min(lo, span.start), max(hi, span.end)
        mass = float(probabilities[(starts >= lo) & (ends <= hi)].sum())
    return lo, hi, mass


def select_answers(analysis: Analysis, documents: Mapping[str, Document], top_n: int = 3) -> list[Extraction]:
    """The answers of an analysed question with the weights in use (see ``extract_answers``)."""
    return [extraction for extraction, _ in select_with_features(analysis, documents, top_n)]


def select_with_features(analysis: Analysis, documents: Mapping[str, Document], top_n: int = 3) -> list[tuple[Extraction, dict[str, float]]]:
    """``select_answers`` with the confidence features of each answer (for training the confidence model)."""
    w = weights()
    parsed = analysis.question
    sentence_only = parsed.qtype.wh == "why"
    coverage = w.span_coverage if isinstance(w.span_coverage, (int, float)) else w.span_coverage.get(parsed.qtype.kind.value, SPAN_COVERAGE)
    pool: list[tuple[float, Sentence, int, int, float, bool]] = []
    for sentence in analysis.sentences[: max(SPAN_SENTENCES, top_n)]:
        text = documents[sentence.doc_id].text
        log_sentence = math.log(max(sentence.probability, 1e-12))
        whole_start, whole_end = trim_span(text, sentence.start, sentence.end)
        spans = [] if sentence_only else score_spans(parsed, sentence, text)
        if not spans:
            pool.append((log_sentence, sentence, whole_start, whole_end, 0.0, True))
            continue
        start, end, mass = _covering_stretch(spans, coverage)
        start, end = trim_span(text, start, end)
        whole = (start, end) == (whole_start, whole_end) or end <= start
        if end <= start:
            start, end = whole_start, whole_end
        pool.append((log_sentence + math.log(max(spans[0].probability, 1e-12)), sentence, start, end, mass, whole))
    pool.sort(key=lambda item: -item[0])
    results: list[tuple[Extraction, dict[str, float]]] = []
    seen_answers: set[str] = set()
    for _, sentence, start, end, span_probability, whole in pool:
        text = documents[sentence.doc_id].text
        key = " ".join(text[start:end].lower().split())
        if key in seen_answers:
            continue
        seen_answers.add(key)
        features = confidence_features(analysis, sentence, span_probability, whole, len(text[start:end].split()))
        support = [(s.doc_id, s.start, s.end) for s in analysis.sentences[:4] if s is not sentence][:2]
        extraction = Extraction(
            doc_id=sentence.doc_id,
            answer_start=start,
            answer_end=end,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            confidence=_confidence(features),
            support=support,
        )
        results.append((extraction, features))
        if len(results) == top_n:
            break
    return results
