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
