"""Answers by the reader: cut the top passages into windows, read the most promising, keep the best spans.

1. Windows (``qa.windows``) are cut from the sentences of the top ``MAX_PASSAGES`` passages, and
   of the lines between two of them from one article when little lies between.
2. They are ranked cheaply by the IDF-weighted share of the question's content words they hold,
   their passage's retrieval score and, when the question asks for a date or an amount, whether
   they hold one of that kind (``qa.answer_types``); the best ``MAX_WINDOWS`` are read: reading is
   the costly step, so the reader re-ranks a short list (bench/reader_windows.py measures how many
   windows pay).
3. Each read window gives its best spans; the first of the asked kind (``qa.answer_types``) is
   the window's answer, and a window with none gives no answer. Its context is checked against
   the question's names, years and numbers (``qa.constraints``), and its confidence is the
   probability that it is right (``qa.confidence``); answers rank by it. An answer is
   contradicted, and refused whatever its confidence, when its article never mentions one of
   them; when its figure is given for another person or name than the one asked about, for
   another period, or as a forecast when the question asks what happened; when its sentence puts
   another name in the place of one the question gives, or gives the opposite end of what it
   asks ("the highest" for "the lowest"); when its figure stands in a sentence that mentions none
   of two or more of them; or when the question asks what did not happen and its sentence negates
   nothing (or says it plainly), or asks about someone's birth, death or marriage and its sentence
   tells no such event. A span that is only part of the answer is completed (``qa.phrases``: "It was the
   first visit" points back to what "It" stands for; "which export controls" gets the whole noun
   phrase; "the media watchdog, Reporters Without Borders" gives the name; an amount keeps what says it
   is approximate or a bound, "up to $20,000"). The answer's sentence (cited
   with it) is the sentence around the span; other windows that found the same answer are cited
   as support.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from index.sentences import sentences_in
from index.types import Document
from index.words import stem, stems
from qa.extract import MAX_PASSAGES, MAX_SUPPORT
from qa.places import AskedPlace, PlaceKind, a_people_or_nation, asks_body, names_a_big_place, place_kinds, to_asked_place
from qa.phrases import TITLE, answer_key, complete_answer, full_name, named_by_apposition, past_what_is_dated, question_stems, gives_asked_unit, to_asked_unit, with_ago, with_approximation, with_asked_noun, with_counted_times, with_other_party, with_place_preposition, with_time_unit, whole_title
from qa.answer_types import ORG_WORDS, WEEKDAYS, Expected, a_party_for_a_seat, agreement, counts_something_else, expected_type, names_a_body, names_a_rank, other_sex, span_types, the_asked_count
from qa.confidence import ConfidenceModel, Signals
from qa.conversation import as_stated
from qa.constraints import Constraint, as_worded, contrast, describes_answer, in_phrases, met, name_initials, question_constraints, referred_to, spelled_shorthands, swapped_name
from qa.opposites import DENIED, opposite_degree, other_group, other_measure, other_number, other_thing_counted, unsaid
from qa.owners import DESCRIBED_BY_AGE, other_body, other_body_owning, other_clause_subject, other_ones, other_owner, other_owner_of_thing, other_place, rival_person, shared_figure, the_buyer_instead, the_owner_instead, the_roles_reversed, the_speaker_for_whose
from qa.periods import a_change, a_level, first_since, forecast, other_month, other_period, other_stage, other_subject_of_change, other_year
from qa.reader import Reader
from qa.roles import asks_holder, left_unnamed, other_office, other_role, qualified_role, role_in_other_body, unqualified_role
from qa.spans import idf, is_credit, not_the_doer, past_dateline, past_list_marker, the_other_end
from qa.types import Citation, Extraction, Hit
from qa.windows import sentence_windows

MAX_WINDOWS = 6  # windows read per question, two at a time on 2 cores
PASSAGE_WEIGHT = 0.3  # of the passage's retrieval score (relative to the best) in a window's rank
TYPED_WEIGHT = 0.3  # for holding a phrase of the asked kind when the question asks for a date or an amount
LONE_SUBJECT_CONFIDENCE = 0.4  # below it, a figure in a sentence that names none of a question's one subject (of two words or more) is refused
KIND_MARGIN = 1.0  # span score a span surely naming the asked kind may lose to one that only may ("Putin" over "the People's Daily" for "who")
GAP_CHARS = 600  # text at most between two top passages of one article that is read too: about one passage
THERE_REACH = 400  # characters before an answer's sentence searched for the place its "there" stands for: a sentence or two
POINTS_BACK_REACH = 400  # characters before a sentence that opens with "He" or "The 25-year-old" searched for the sentence before it
OPENING_WORDS = 8  # of that sentence, where its subject stands: "Manchester United's Brown last played ...", not "... instead of Petr Cech"
NAME_KINDS = frozenset({Expected.PERSON, Expected.ORGANISATION, Expected.PLACE})
AMOUNT_KINDS = frozenset({Expected.MONEY, Expected.AMOUNT, Expected.MEASURE, Expected.PERCENT, Expected.COUNT, Expected.NUMBER})  # "more than 250", "up to $1m"
TYPED_KINDS = frozenset({Expected.DATE, Expected.MONEY, Expected.AMOUNT, Expected.MEASURE, Expected.FREQUENCY, Expected.SPEED, Expected.PERCENT, Expected.AGE, Expected.COUNT, Expected.DURATION, Expected.SCORE, Expected.NUMBER, Expected.ORDINAL})


@lru_cache(maxsize=1)
def load_confidence_model() -> ConfidenceModel:
    """The shipped confidence model, loaded once."""
    return ConfidenceModel.load()


@dataclass(frozen=True, slots=True)
class _Window:
    doc: Document
    start: int
    end: int
    hit: int  # rank of the hit it was cut from
    sentences: list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One answer found by the reader, with the signals its confidence is computed from."""

    doc: Document
    start: int
    end: int
    sentence: tuple[int, int]
    signals: Signals
    unmet: tuple[Constraint, ...]  # the question's constraints its sentence, title and date do not mention (those the article misses first)
    rival: tuple[str, str] | None = None  # (who or what the question asks about, whom or what else the sentence gives the figure for)
    off_subject: bool = False  # a figure in a sentence that mentions none of the question's two or more constraints (for one subject, a doubtful figure)
    forecast: str | None = None  # the words that make the figure a forecast ("will sell") when the question asks what happened
    unsaid: str | None = None  # what the question asks about that the sentence does not say: "a death", "what did not happen"

    @property
    def key(self) -> str:
        return answer_key(self.doc.text[self.start : self.end])

    @property
    def contradicted(self) -> bool:
        """Whether the answer is refused whatever its confidence: its article never mentions a constraint
        of the question, its figure is given for someone or something else, for another period or as a
        forecast, its figure stands in a sentence about something else, or the question asks what did
        not happen and its sentence negates nothing."""
        return self.signals.unmet_article > 0 or self.rival is not None or self.off_subject or self.forecast is not None or self.unsaid is not None


def read_candidates(question: str, hits: Sequence[Hit], reader: Reader, model: ConfidenceModel | None = None) -> list[Candidate]:
    """Every window's best answer of the asked kind (a span of another kind is never one), in reading order.
    ``model``: the confidence model (default: the shipped one), which decides when a sentence naming
    nothing of a question about one subject speaks of something else."""
    model = model or load_confidence_model()
    windows = candidate_windows(hits)
    if not question.strip() or not windows:
        return []
    chosen = shortlist(question, windows, hits)
    readings = reader.read(spelled_shorthands(question), [w.doc.text[w.start : w.end] for w in chosen])
    q_stems = question_stems(question)
    expected = expected_type(question)
    constraints = question_constraints(question)
    as_asked = as_stated(question)
    place = AskedPlace.of(as_asked, q_stems) if expected == Expected.PLACE else None
    holder = expected == Expected.PERSON and asks_holder(question)
    one_person = expected == Expected.PERSON and re.match(r"\s*(?:which|what)\b", question, re.I) is not None  # a which-person question asks for one person, no body
    body = expected == Expected.ORGANISATION and asks_body(question)
    own = question_constraints(as_asked)
    stated = [c in own for c in constraints]  # not the referents the conversation added
    described = [describes_answer(c, as_asked) for c in constraints]  # "English" in "which English county": no article need say it
    subjects = len(in_phrases([c for c, own in zip(constraints, stated) if own], as_asked))  # "Brian Welch" is one, "Halo 2, UK" two
    asked_names = {c.text.lower() for c in constraints if c.kind == "name" and not _family_name(question, c.text)}
    kin_of = [c.text for c in constraints if c.kind == "name" and _family_name(question, c.text)]  # "Tesla" of "Tesla's father": a family name
    asked_names |= {name_initials(p).lower() for p in in_phrases([c for c in constraints if c.kind == "name"], question) if len(p.split()) > 2}  # "PTC"
    out: list[Candidate] = []
    for w, r in zip(chosen, readings):
        if not math.isfinite(r.span):
            continue
        best = None  # (start, end, sentence, agrees, score): the first span that may be of the asked kind, or one surely of it nearly as good
        for alt_start, alt_end, score in r.alternatives or ((r.start, r.end, r.span),):
            if best is not None and best[4] - score > KIND_MARGIN:
                break
            start, end, sentence = _answer(question, q_stems, w, alt_start, alt_end)
            text = w.doc.text
            if expected in NAME_KINDS:
                start, end = named_by_apposition(text, start, end, sentence[1]) or (start, end)
                start, end = _whole_name_span(text, sentence[0], start, end)
                end = with_asked_noun(question, text, end)
            elif expected in (Expected.COUNT, Expected.FREQUENCY):
                counted = the_asked_count(question, text[sentence[0] : sentence[1]], start - sentence[0], end - sentence[0]) if expected == Expected.COUNT else None
                start, end = (sentence[0] + counted[0], sentence[0] + counted[1]) if counted else (start, end)  # the number beside the asked noun
                end = with_counted_times(question, text, start, end)
            elif expected == Expected.DURATION:
                end = with_time_unit(question, text, start, end)
            elif expected == Expected.DATE:
                start, end = past_what_is_dated(text, start, end), with_ago(text, end)
            elif expected == Expected.TITLE:
                start, end = whole_title(text, sentence[0], start, end)  # "Do They Know It's Christmas", not "Christmas"
            if expected == Expected.PLACE:
                start = with_place_preposition(text, start, end)
                if place.kind:
                    start, end = to_asked_place(place.kind, text, start, end)  # "Virginia" of "southwestern Virginia" for "which state?"
            if expected in AMOUNT_KINDS:
                start = with_approximation(text, start)
            end = _closed(text, start, end, sentence[1])
            while end > start + 1 and text[end - 1] in ",;:":
                end -= 1  # "20," of "Mikoliunas, 20, barged ...": the comma says it is an age
            start = past_list_marker(text, start, end)
            span, after, before = text[start:end], text[end : end + 24], text[max(0, start - 16) : start]
            types = span_types(span, after, before)
            agrees = agreement(expected, types, span, after)
            if holder and Expected.ORGANISATION in types:
                agrees = -1  # "Who is the Chancellor of the Exchequer?" is not answered by "accountancy firm Ernst & Young"
            if one_person and (Expected.ORGANISATION in types or names_a_body(span) and not any(c.isupper() for c in span)):
                agrees = -1  # "Which Home Office minister": not "police"; "the name of the reporter": not "Labour"
            if expected == Expected.PERSON and other_sex(question, span, before):
                agrees = -1  # "Mr Pound" for "What is the name of Lucy's birth mother?"
            if the_speaker_for_whose(question, text[sentence[0] : sentence[1]], start - sentence[0], end - sentence[0]):
                agrees = -1  # "Whose fancy dress party was it?" is not answered by "..., says Tory leader Michael Howard"
            if a_party_for_a_seat(question, span):
                agrees = -1  # "Which constituency is Stephen Pound MP for?" is not answered by "Labour"
            if body and names_a_big_place(span):
                agrees = -1  # "Which school complained?" is not answered by "Dublin"
            if expected == Expected.ORGANISATION and a_people_or_nation(question, span):
                agrees = -1  # "Which club did Juninho join Celtic from?" is not answered by "Brazilian" nor by "England"
            if expected == Expected.COUNT and (counts_something_else(question, span, after) or names_a_rank(before, span)):
                agrees = -1
            if place:
                agrees = place.agreement(text, start, end, agrees)
            if is_credit(question, text, start, end):
                agrees = -1  # "WASHINGTON –" and "(CNN)" say where and by whom a story was written
            if expected in NAME_KINDS and (not_the_doer(question, text, start, sentence[0]) or _names_the_asked_one(question, text, start, end)):
                agrees = -1  # "passed Kareem Abdul-Jabbar" does not say who became the leading scorer
            if expected in (Expected.PERSON, Expected.ORGANISATION) and _describes_what_follows(question, text, end):
                agrees = -1  # "Rosneft-owned Yugansk" does not say who will run Yugansk
            if the_other_end(question, text, start, end):
                agrees = -1  # "move from BBC One ... to Sundays on BBC Two" does not say where it moves to
            if expected == Expected.DATE and not gives_asked_unit(question, span):
                agrees = -1  # "Wednesday" does not say in which month the trial began
            if expected == Expected.DATE and first_since(text[sentence[0] : start], span):
                agrees = -1  # "When did Kishida visit Bucha?" is not answered by "the first visit ... since World War II"
            if _repeats_question(question, span) or _DETERMINERS.fullmatch(span):
                agrees = -1  # "PSL" does not say what "PSL" stands for; "The" says nothing
            if _the_family_alone(kin_of, span):
                agrees = -1  # "Milutin Tesla" answers "Tesla's father", "Edgar's sister Margaret" no "Margaret's husband"
            if span.count("(") != span.count(")"):
                agrees = -1  # "$1bn) from 2.4bn euros" is no phrase
            # of the asked kind, and not (part of) a name the question gives ("Arjen" for "who broke Robben's foot?")
            if agrees >= 0 and _within_a_sentence(w, start, end) and not (expected in NAME_KINDS and _gives_asked_name(asked_names, _name_to_check(asked_names, text, start, end))):
                if best is None or agrees > best[3]:
                    best = (start, end, sentence, agrees, score)
                if best[3] > 0 or expected not in (Expected.PERSON, Expected.ORGANISATION):
                    break
        if best is None:
            continue
        start, end, sentence, agrees, score = best
        if expected == Expected.DATE:
            start, end = to_asked_unit(question, w.doc.text, start, end)  # "May" of "May 11" for "which month?"
        heading = f"{w.doc.title} {w.doc.date or ''}"
        # the sentence must mention what the question states (a referent may stand there as "he"), the article everything
        anywhere = [ok or said for ok, said in zip(met(constraints, f"{heading} {text}"), described)]
        in_sentence = [
            ok or not own or everywhere and referred_to(c, as_asked, text[sentence[0] : sentence[1]])
            for c, ok, own, everywhere in zip(constraints, met(constraints, f"{heading} {text[sentence[0] : sentence[1]]}"), stated, anywhere)
        ]
        signals = Signals(
            evidence=score - r.null,
            type_agrees=float(agrees > 0),
            unmet_sentence=float(in_sentence.count(False)),
            unmet_article=float(anywhere.count(False)),
            passage_score=hits[w.hit].score,
            agreeing_windows=0.0,
        )
        # the constraints the sentence misses, those the article misses first
        misses = sorted(zip(constraints, in_sentence, anywhere), key=lambda m: m[2])
        unmet = tuple(c for c, ok, everywhere in misses if not (ok and everywhere))
        figure = expected in TYPED_KINDS
        said = text[sentence[0] : sentence[1]]
        at = (start - sentence[0], end - sentence[0])  # the answer in its sentence
        rival = (
            rival_person(as_asked, said, at[0], text) or other_clause_subject(as_asked, said, at[0]) or other_owner(as_asked, said, at[0], text)
            or other_body_owning(as_asked, said, at[1]) or other_period(as_asked, said)
            or other_place(as_asked, said, text[max(0, sentence[0] - THERE_REACH) : sentence[0]], at) or the_owner_instead(as_asked, said, at[0]) or the_buyer_instead(as_asked, said)
            or the_roles_reversed(as_asked, said)
            or _changed(as_asked, said, at) or other_subject_of_change(as_asked, said, at) or other_measure(as_asked, said, at[0])
            or other_thing_counted(as_asked, said, at[1]) or other_group(as_asked, said, at[1])
        ) if figure else None
        rival = rival or opposite_degree(as_asked, said) or other_number(as_asked, said) or swapped_name(as_asked, said, at) or other_body(as_asked, said)
        rival = rival or other_owner_of_thing(as_asked, said, at) or other_stage(as_asked, said, at[0]) or other_ones(as_asked, said, at)
        rival = rival or (
            qualified_role(as_asked, said, *at) or unqualified_role(as_asked, said, *at) or other_role(as_asked, said, *at) or other_office(as_asked, said, *at) or role_in_other_body(as_asked, said, at[1])
            or left_unnamed(as_asked, said) if expected == Expected.PERSON else None
        )
        rival = rival or other_year(as_asked, said, at, heading) or other_month(as_asked, said, at) or (shared_figure(as_asked, said, at) if expected in AMOUNT_KINDS else None)
        off_subject = figure and sum(stated) > 1 and not any(ok for ok, own in zip(in_sentence, stated) if own)
        if off_subject and (_POINTS_BACK.match(said) or _PRONOUN.search(said[: at[0]])):  # "The 25-year-old was only called into the squad ...", "The comments came as it reported": of whom the sentence before speaks first
            off_subject = not any(met(constraints, _opening(text[max(0, sentence[0] - POINTS_BACK_REACH) : sentence[0]])))
        predicted = forecast(as_asked, said, *at) if figure else None
        out.append(Candidate(w.doc, start, end, sentence, signals, unmet, rival, off_subject, predicted, unsaid(as_asked, said)))
    agreeing = Counter(c.key for c in out)
    rivals: dict[str, list[tuple[str, str]]] = {}
    for c in out:  # a figure given for someone else in one window is theirs in every window
        if c.rival:
            rivals.setdefault(c.key, []).append(c.rival)
    out = [replace(c, signals=replace(c.signals, agreeing_windows=float(agreeing[c.key] - 1)), rival=c.rival or _theirs(rivals.get(c.key, []), c)) for c in out]
    if subjects == 1:  # one subject, which a sentence may call "the 34-year-old" or "the group": only a doubtful answer is off it
        out = [replace(c, off_subject=c.off_subject and model.probability(c.signals) < LONE_SUBJECT_CONFIDENCE) for c in out]
    return out


def _theirs(rivals: Sequence[tuple[str, str]], c: Candidate) -> tuple[str, str] | None:
    """The first of ``rivals``, found for the same answer in other windows, that ``c``'s own sentence does not
    answer: a sentence naming the one asked about gives the answer for it ("after the 2020 election (79% ..."
    beside "on 2020: 79% say ..."; "fundraising ban" beside "allowed" for "banned")."""
    if not rivals:
        return None
    said = c.doc.text[c.sentence[0] : c.sentence[1]].lower()
    said_stems = stems(said)

    def names(rival: tuple[str, str]) -> bool:
        word = rival[0].split()[-1].lower()
        return word in said or stem(word) in said_stems

    return next((rival for rival in rivals if not names(rival)), None)


def read_answers(question: str, hits: Sequence[Hit], reader: Reader, top_n: int = 3, model: ConfidenceModel | None = None) -> list[Extraction]:
    """The ``top_n`` best answers the reader finds in the top hits, most probably right first ([] when there is nothing to read).

    Each answer's confidence is the probability that it is right (``qa.confidence``); windows
    that found the same answer are cited as its support. An answer whose context misses one of
    the question's constraints carries the reason, for a refusal to say.
    """
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, got {top_n}")
    model = model or load_confidence_model()
    # most probable first, but an answer whose article misses a constraint after the others (another
    # article may meet it); when the first is contradicted, the question is refused (qa.api)
    scored = sorted(
        ((model.probability(c.signals), c) for c in read_candidates(question, hits, reader, model)),
        key=lambda pair: (pair[1].signals.unmet_article > 0, -pair[0]),
    )
    named = expected_type(question) in (Expected.PERSON, Expected.ORGANISATION, Expected.TITLE, Expected.OTHER)  # not a place: "York" is not "New York"
    found: dict[str, tuple[float, Candidate, Citation, Citation]] = {}
    support: dict[str, list[Citation]] = {}
    for p, c in scored:
        # "Biles" is given as the article names her in full, "Simone Biles", where it does so
        span = Citation.quoting(c.doc, *(full_name(c.doc.text, c.start, c.end) if named else (c.start, c.end)))
        key = answer_key(span.quote)
        sentence = Citation.quoting(c.doc, *c.sentence)
        if key in found:
            support[key].append(sentence)
        else:
            found[key] = (p, c, span, sentence)
            support[key] = []
    return [
        Extraction(
            span=span,
            sentence=sentence,
            confidence=p,
            support=[s for s in support[key] if s != sentence][:MAX_SUPPORT],
            reason=_unmet_reason(question, c),
            contradicted=c.contradicted,
        )
        for key, (p, c, span, sentence) in list(found.items())[:top_n]
    ]


def _unmet_reason(question: str, c: Candidate) -> str | None:
    """In words, which of the question's constraints the answer's context does not meet, and what it gives instead."""
    quote = c.doc.text[c.start : c.end]
    if c.rival and not c.signals.unmet_article:
        if not c.rival[1]:
            return f"the closest answer, “{quote}”, is not the one its sentence calls the {c.rival[0]}"
        return f"the closest answer, “{quote}”, is given for {c.rival[1]}, not {c.rival[0]}"
    if c.unsaid == DENIED and not c.signals.unmet_article:
        return f"the sentence with the closest answer, “{quote}”, denies what the question takes as done"
    if c.unsaid and not c.signals.unmet_article:
        return f"the question asks about {c.unsaid}; the sentence with the closest answer, “{quote}”, says nothing of the kind"
    if c.forecast and not c.signals.unmet_article:
        return f"the closest answer, “{quote}”, is a forecast or an estimate (“{c.forecast}”), not what happened"
    if c.off_subject and not c.signals.unmet_article:
        phrases = in_phrases(c.unmet, question)  # "Quentin Davies" is one
        said = f"mentions none of {', '.join(phrases)}" if len(phrases) > 1 else f"does not mention {as_worded(c.unmet[0], c.unmet, question)}"
        return f"the sentence with the closest answer, “{quote}”, {said}"
    if not c.unmet:
        return None
    missing = c.unmet[0]
    asked = as_worded(missing, c.unmet, question)
    instead = contrast(missing, c.doc.text[c.sentence[0] : c.sentence[1]], exclude=[quote], question=question)
    if instead:
        return f"the closest answer, “{quote}”, is given for {instead}, not {asked}"
    where = "article" if c.signals.unmet_article else "sentence"  # the constraints the article misses come first
    return f"the {where} with the closest answer, “{quote}”, does not mention {asked}"


def candidate_windows(hits: Sequence[Hit]) -> list[_Window]:
    """The windows of the top ``MAX_PASSAGES`` hits, each once, in hit order; then the windows of the
    text between two of those hits from one article, when little lies between them: an article that
    holds two of the best passages may well hold the answer in the lines that join them."""
    out, seen = [], set()

    def add(i: int, doc: Document, start: int, end: int) -> None:
        sentences = sentences_in(doc.text, start, end)
        for w_start, w_end in sentence_windows(sentences):
            if (doc.id, w_start, w_end) not in seen:
                seen.add((doc.id, w_start, w_end))
                out.append(_Window(doc, w_start, w_end, i, [s for s in sentences if w_start <= s[0] and s[1] <= w_end]))

    top = hits[:MAX_PASSAGES]
    for i, hit in enumerate(top):
        add(i, hit.document, hit.passage.start, hit.passage.end)
    for i, hit in enumerate(top):
        after = [h.passage.start for h in top if h.passage.doc_id == hit.passage.doc_id and h.passage.start >= hit.passage.end]
        if after and min(after) - hit.passage.end <= GAP_CHARS:
            add(i, hit.document, hit.passage.end, min(after))
    return out


def shortlist(question: str, windows: Sequence[_Window], hits: Sequence[Hit], k: int = MAX_WINDOWS) -> list[_Window]:
    """The ``k`` windows most worth reading: question words they hold (IDF-weighted), passage score and,
    when the question asks for a date or an amount of some kind, whether they hold one."""
    q_stems = question_stems(question)
    held = [stems(w.doc.text[w.start : w.end]) for w in windows]
    weights = idf(q_stems, held)
    total = sum(weights.values()) or 1.0
    top = max(h.score for h in hits[:MAX_PASSAGES]) or 1.0
    expected = expected_type(question)
    typed = expected in TYPED_KINDS

    def rank(i: int) -> float:
        w = windows[i]
        holds = TYPED_WEIGHT if typed and expected in span_types(w.doc.text[w.start : w.end]) else 0.0
        return sum(weights[s] for s in held[i] & q_stems) / total + PASSAGE_WEIGHT * hits[w.hit].score / top + holds

    ranked = sorted(range(len(windows)), key=lambda i: -rank(i))
    return [windows[i] for i in ranked[:k]]


def _changed(question: str, sentence: str, answer: tuple[int, int]) -> tuple[str, str] | None:
    """``a_change`` and ``a_level`` as rivals: the level asked for and the change the figure is, or the other way round."""
    words = a_change(question, sentence, answer)
    if words:
        return ("its level", f"a change (“{words}”)")
    words = a_level(question, sentence, answer)
    return ("how much it changed", f"the level it reached (“{words}”)") if words else None


def _closed(text: str, start: int, end: int, limit: int) -> int:
    """The end of the span ``start:end`` with the bracket it opens closed, when the close comes before ``limit``:
    "Catholicism (Christianity)", not "Catholicism (Christianity". A span that closes a bracket it never
    opened is left as it is, and refused as no phrase: the reader's next span is better than the text
    back to the opening ("(1951) – but the city ...")."""
    if text.count("(", start, end) > text.count(")", start, end):
        close = text.find(")", end, limit)
        return close + 1 if close >= 0 else end
    return end


def _opening(before: str) -> str:
    """The first ``OPENING_WORDS`` words of the last sentence of ``before``, where its subject stands, or of
    its last clause after "but" when that names a subject of its own: the one a next "The 22-year-old" means
    after "Cudicini kept a club record ..., but Petr Cech has established himself"."""
    last = re.split(r"(?<=[.!?])[\"”’']?\s+", before.strip())[-1]
    clauses = re.split(r",\s+(?:but|while|whereas)\s+", last)
    if len(clauses) > 1 and re.match(r"(?!(?:He|She|It|They|The|His|Her|Its|Their)\b)[A-Z]", clauses[-1]):
        last = clauses[-1]
    return " ".join(last.split()[:OPENING_WORDS])


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span that starts or ends inside a word to the whole word, or inside a hyphened name: the
    reader's word pieces can cut a rare word ("Zelensk|yy"), and an answer quoted from an article must not."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    hyphened = re.match(r"-[A-Z]\w*", text[end : end + 40]) if end > start and text[start].isupper() else None
    return start, end + (hyphened.end() if hyphened else 0)  # a name joined by a hyphen is one: "Merriam-Webster", not "Merriam"


_PRONOUN = re.compile(r"\b(?:it|he|she|they)\b(?! (?:is|was|has been) (?:said|thought|believed|expected|understood)\b)", re.I)  # not "it is said"
_POINTS_BACK = re.compile(rf"\W*(?:he|she|they|the {DESCRIBED_BY_AGE.pattern})\b", re.I)
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][a-z]+ )+$")
_NAME_AFTER = re.compile(rf"^(?: (?!(?i:{WEEKDAYS})\b)(?:[A-Z][a-z]+|(?=[IVXL]{{2}})[IVXL]+)\b(?!['’]))+")  # "John Paul II"; not "Congress Friday"


def _whole_name(text: str, start: int, end: int) -> str:
    """The span with the capitalised words right before and after it: "Arjen" stands in "Arjen Robben"."""
    before = _NAME_BEFORE.search(text[max(0, start - 60) : start])
    after = _NAME_AFTER.match(text[end : end + 60])
    return (before.group() if before else "") + text[start:end] + (after.group() if after else "")


def _name_to_check(asked: set[str], text: str, start: int, end: int) -> str:
    """The name an answer stands in, to check against the names the question gives: the whole capitalised
    run ("Arjen" stands in "Arjen Robben"), but a full name of its own alone when a title or a body the
    question names precedes it ("Doug Smith" of "the troubled Child Support Agency Doug Smith")."""
    whole, span = _whole_name(text, start, end), text[start:end]
    words, before = re.findall(r"\w+", span), re.findall(r"[\w.]+", whole[: len(whole) - len(span)])
    if len(words) >= 2 and whole.endswith(span) and not asked & {w.lower() for w in words} and before and (TITLE.match(before[-1]) or ORG_WORDS.fullmatch(before[-1])):
        return span  # after a title or a body: "Defence Secretary Geoff Hoon", not "Charles Philip Arthur George Windsor"
    return whole


def _repeats_question(question: str, span: str) -> bool:
    """Whether the span only repeats words the question gives, in its order: "PSL" for "What does “PSL” stand for?"."""
    words = " ".join(re.findall(r"\w+", span.lower()))
    return bool(words) and f" {words} " in _word_run(question)


_DETERMINERS = re.compile(r"\W*(?:(?i:the|an?|this|that|these|those|its|his|her|their|our|my|your)\b\W*)+")  # no word of its own: no answer


@lru_cache(maxsize=64)
def _word_run(text: str) -> str:
    """``text``'s words, lower-cased, one blank between and around them."""
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


_PLACE_QUALIFIERS = frozenset("new old north south east west northern southern eastern western central upper lower greater".split())


_KIN = r"(?:father|mother|parents?|son|daughter|brother|sister|wife|husband|uncle|aunt|cousin|grandfather|grandmother|nephew|niece)"


def _family_name(question: str, name: str) -> bool:
    """Whether the question gives ``name`` as a family's ("which member of the Biden family", "Tesla's
    father"), which its member may share ("Milutin Tesla")."""
    family = rf"(?<!\w){re.escape(name)}(?:(?:['’]s)?\s+family\b|['’]s\s+(?:[\w-]+\s+)?{_KIN}\b)"
    return re.search(family, question, re.I) is not None


def _the_family_alone(families: Sequence[str], span: str) -> bool:
    """Whether ``span`` gives a family name the question asks about ("Tesla" of "Tesla's father") without
    a name of the family's member before it ("Milutin Tesla" is one, "Edgar's sister Margaret" none)."""
    return any(
        re.search(rf"\b{re.escape(name)}\b", span) and not any(m.group(1)[0].isupper() for m in re.finditer(rf"\b([\w-]+) {re.escape(name)}\b", span))
        for name in families
    )


def _gives_asked_name(asked: set[str], name: str) -> bool:
    """Whether ``name`` is (part of) a name the question gives ("Arjen" for "Robben's"), or spells one
    out ("UK Independence Party" for "UKIP"); not another name that shares only a country's name or a
    common word with it ("BBC America" for "in America", "Alaska Airlines" for "Hawaiian Airlines"),
    though "New France" and "southern France" are France."""
    words = re.findall(r"\w+", name)
    initials = "".join(w if w.isupper() else w[0] for w in words if w[0].isupper())
    given = [w for w in words if w.lower() in asked]
    others = [w for w in words if w.lower() not in asked]
    if (
        given and others and all(w[0].isupper() and w.lower() not in _PLACE_QUALIFIERS for w in others)
        and all(PlaceKind.COUNTRY in place_kinds(w) or ORG_WORDS.fullmatch(w) for w in given)
    ):
        return False
    return bool(given) or (len(initials) > 1 and initials.lower() in asked)


_ALIAS_AFTER = re.compile(  # "Norman Cook - aka Fatboy Slim"; an acronym in brackets, "The Screen Actors Guild (SAG-AFTRA)"
    r"\s*(?:[-–—,(]?\s*(?:aka|a\.k\.a\.|also known as|better known as)\s+((?:[A-Z][\w'’-]*\s?){1,3})|\(([A-Z][A-Z&.-]*[A-Z])\))"
)
_REAL_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\s?){1,3}),?\s*\(?(?:real name|born|whose real name is)\s+$")  # "Fatboy Slim (real name Norman Cook)"


def _names_the_asked_one(question: str, text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is another name of someone the question names, as the question
    words it in any case: "Norman Cook - aka Fatboy Slim" for "who is fatboy slim's neighbour?", "The
    Screen Actors Guild (SAG-AFTRA)" for "Who leads SAG-AFTRA?"."""
    low = question.lower()
    alias = _ALIAS_AFTER.match(text, end) or _REAL_NAME_BEFORE.search(text, max(0, start - 40), start)
    if alias is not None and alias.lastindex == 2 and names_a_big_place(alias.group(2)):
        return False  # "Joao Chianca (USA)": a competitor's country, no other name of his
    return alias is not None and all(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", low) for w in alias.group(alias.lastindex).split())


_MODIFYING = re.compile(r"-(owned|controlled|backed|funded|led|run|based|born|made|built|designed)\b")  # "Rosneft-owned Yugansk"


def _describes_what_follows(question: str, text: str, end: int) -> bool:
    """Whether the name ending at ``end`` only describes the noun after it ("Rosneft" of "Rosneft-owned
    Yugansk"), and the question does not ask for that relation ("Who will run Yugansk?", not "Who owns it?")."""
    joined = _MODIFYING.match(text, end)
    return joined is not None and stem(joined.group(1)) not in {stem(w) for w in re.findall(r"[a-z]+", question.lower())}


_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")
_NOT_A_NAME_PART = re.compile(rf"{TITLE.pattern}|(?:an|ese|ish|i)$")  # a title or a nationality


_PARTICLE = re.compile(r"(?:al|el|de|da|di|du|van|von|bin|ibn)[- ][A-Z]")  # "al-Turabi" is part of "Hassan al-Turabi"


def _whole_name_span(text: str, sentence_start: int, start: int, end: int) -> tuple[int, int]:
    """A capitalised span widened to the whole name it is part of: the capitalised words after it
    ("Arjen" in "Arjen Robben"), and for a one-word span the word before it when that is part of
    the name ("Santander" in "Racing Santander"), not a title or a nationality ("President Yoon",
    "Korean"), nor the sentence's first word (capitalised whatever it is)."""
    if not (text[start:end][:1].isupper() or _PARTICLE.match(text, start)):
        return start, end
    before = _WORD_BEFORE.search(text[max(sentence_start, start - 40) : start])
    if before and " " not in text[start:end].strip() and not _NOT_A_NAME_PART.search(before.group(1)) and start - len(before.group()) > sentence_start:
        start -= len(before.group())
    after = _NAME_AFTER.match(text[end : end + 60])
    return start, end + (len(after.group()) if after else 0)


def _answer(question: str, q_stems: set[str], w: _Window, span_start: int, span_end: int) -> tuple[int, int, tuple[int, int]]:
    """A span of the window as a document span, widened to whole words and completed (``qa.phrases``), and the span to cite around it."""
    start, end = _whole_words(w.doc.text, w.start + span_start, w.start + span_end)
    start = past_dateline(w.doc.text, start, end)
    sentence = _sentence(w, start, end)
    start, end = complete_answer(question, w.doc.text, sentence, start, end, q_stems)
    end = with_other_party(w.doc.text, start, end)
    return start, end, (min(sentence[0], start), max(sentence[1], end))


def _within_a_sentence(w: _Window, start: int, end: int) -> bool:
    """Whether the span stays inside one sentence: an answer running on into the next ("82% jump. Profits rose to £801m") is two half-answers."""
    return not any(start < s[1] < end for s in w.sentences)


def _sentence(w: _Window, start: int, end: int) -> tuple[int, int]:
    """The document span of the window's sentences that hold ``[start, end)``."""
    inside = [s for s in w.sentences if s[1] > start and s[0] < end] or [(start, end)]
    return min(inside[0][0], start), max(inside[-1][1], end)
