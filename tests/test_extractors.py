"""The extractors behind one interface: settings checked when made, the model loaded on first use, one run method."""

from __future__ import annotations

import pytest

from qa.extractors import EXTRACTORS, Extractor, SentenceScorer, SpanReader, make_extractor


@pytest.mark.unit
def test_settings_are_checked_when_an_extractor_is_made(fake_embedder):
    with pytest.raises(ValueError, match="one of reader, heuristic"):
        make_extractor("llm", fake_embedder)
    with pytest.raises(ValueError, match="between 0 and 1"):
        SpanReader(threshold=1.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        SentenceScorer(fake_embedder, threshold=-0.1)
    assert SpanReader().reader is None  # the reader model loads on first use, not when made


def test_the_reader_is_loaded_on_first_use():
    lazy = SpanReader()
    lazy.warm_up()
    assert lazy.reader is not None
    assert 0 < lazy.threshold < 1  # the confidence model's own


@pytest.mark.parametrize("name", EXTRACTORS)
def test_each_extractor_answers_from_hits_with_exact_offsets(name, embedder, seeds_qa):
    extractor = make_extractor(name, embedder, threshold=0.2)
    assert isinstance(extractor, Extractor)
    assert extractor.name == name and extractor.threshold == 0.2
    question = "Where did Kishida and Yoon meet?"
    found = extractor.run(question, seeds_qa.search(question, k=10))
    assert found and "Tokyo" in seeds_qa.document(found[0].span.doc_id).text[found[0].span.start : found[0].span.end]
    assert [e.confidence for e in found] == sorted((e.confidence for e in found), reverse=True)


class _ScriptedReader:
    """Stands in for the reader model in a unit test: its reading of each text is given."""

    def __init__(self, readings):
        self.readings = readings

    def read(self, question, windows):
        return [self.readings[w] for w in windows]


@pytest.mark.unit
def test_a_why_answer_is_narrowed_to_a_reason_clause_and_doubted_when_the_reader_finds_little_in_it():
    from index.types import Document
    from qa.extractors import REASON_THRESHOLD, reason_clauses, reason_confidence
    from qa.reader import Reading
    from qa.types import Citation, Extraction

    text = "The bridge was closed because engineers found cracks. Drivers were angry after the detour opened."
    doc = Document(id="a", title="Bridge", source="a", text=text, content_hash="x")
    first, second = text.index("The"), text.index("Drivers")
    closed = Citation.quoting(doc, first, second - 1)
    angry = Citation.quoting(doc, second, len(text))
    found = [Extraction(span=closed, sentence=closed, confidence=0.9), Extraction(span=angry, sentence=angry, confidence=0.8)]
    cracks = closed.quote.index("engineers")
    reader = _ScriptedReader({
        closed.quote: Reading(start=cracks, end=len(closed.quote) - 1, span=8.0, null=1.0),  # evidence 7: believed
        angry.quote: Reading(start=0, end=7, span=1.0, null=2.0),  # evidence -1: no reason here
    })
    best, doubted = reason_clauses("Why was the bridge closed?", found, reader)  # in the order found
    assert best.span.quote == "engineers found cracks" and best.sentence == closed and best.confidence == reason_confidence(0.9, 7.0)
    assert text[best.span.start : best.span.end] == best.span.quote
    assert doubted.span == angry  # not narrowed: no causal word before
    assert best.confidence > 0.5 > doubted.confidence > REASON_THRESHOLD  # the reader's doubt: given, as doubtful


@pytest.mark.unit
def test_a_why_answer_sentence_scoring_refuses_stays_refused_whatever_the_reader_finds():
    from qa.extract import ANSWER_THRESHOLD
    from qa.extractors import REASON_THRESHOLD, reason_confidence

    assert reason_confidence(ANSWER_THRESHOLD - 0.01, 20.0) < REASON_THRESHOLD <= reason_confidence(ANSWER_THRESHOLD, 0.0)
    assert reason_confidence(0.2, 0.0) < reason_confidence(0.3, 0.0)  # in the same order
    assert reason_confidence(0.9, 10.0) > reason_confidence(0.99, -2.0)  # the reader's evidence counts most


_REPLACED = "Smith, who replaced Vogts as Scotland manager last month, has named his first squad for the spring."
_RAISED = "Output of crude oil was raised by the cartel's members in March, for the first time in two years."


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, reader_finds, explained",
    [
        # the next sentence goes on with the story: the reader's span is no reason
        (f"{_REPLACED} He has called a training camp instead of a friendly.", "a training camp", False),
        (f"{_REPLACED} He has decided to have a training camp instead.", "training camp", False),  # a noun, not what followed
        (f"{_REPLACED} He has called a training camp instead of a friendly.", "Smith", False),
        (f"{_RAISED} The producers said output would be higher in the spring.", "would be higher", False),
        # a purpose, or what followed, reads as a reason without a causal word before it
        (f"{_RAISED} Saudi Arabia increased production, pushing prices down.", "pushing prices down", True),
        (f"{_RAISED} The cartel wanted to win back market share.", "to win back market share", True),
        (f"{_RAISED} For exercise, its oil minister walked ten miles a day.", "For exercise", True),
        # after a short restatement, the next sentence is the reason
        ("Kishida had to go on this trip. He was the only G7 leader yet to visit Ukraine.", "He was the only G7 leader", True),
        ("Kishida had to go on this trip. He was the only G7 leader yet to visit Ukraine.", "Kishida", False),
    ],
)
def test_a_why_answer_without_a_causal_word_is_a_reason_only_when_the_reader_finds_one(text, reader_finds, explained):
    """A sentence that restates the question and the one after it (``qa.extract``) give a reason only when the
    reader's span reads as one; otherwise the answer is refused as giving none."""
    from index.types import Document
    from qa.extract import NO_REASON
    from qa.extractors import REASON_THRESHOLD, reason_clauses
    from qa.reader import Reading
    from qa.types import Citation, Extraction

    doc = Document(id="a", title="Oil", source="a", text=text, content_hash="x")
    both = Citation.quoting(doc, 0, len(text))
    start = text.index(reader_finds)
    reader = _ScriptedReader({text: Reading(start=start, end=start + len(reader_finds), span=9.0, null=1.0)})
    (read,) = reason_clauses("Why was it done?", [Extraction(span=both, sentence=both, confidence=0.95)], reader)
    assert (read.confidence >= REASON_THRESHOLD) is explained and (read.reason == NO_REASON) is not explained
