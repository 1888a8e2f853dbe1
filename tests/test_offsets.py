"""Offsets are sacred: every passage, citation and answer span equals its slice of the stored document.

Property test on generated articles (unicode, odd punctuation, abbreviations, numbers),
through the whole pipeline: clean → chunk → index → retrieve → extract (reader or heuristic) → cite.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.clean import clean_text, content_hash
from index.types import ChunkSettings
from index.types import Document
from index.update import build_index
from qa.api import QA
from qa.extractors import EXTRACTORS

WORDS = st.sampled_from(
    ["Xi", "Putin", "U.S.", "St.", "George's", "Dr.", "Mr.", "3.5", "$40", "billion", "Müller", "Zoë", "北京",
     "naïve", "São", "Paulo", "café", "🙂", "“quoted”", "‘single’", "—", "…", "(aside)", "e.g.", "No.", "1",
     "March", "21,", "2023", "met", "in", "the", "Kremlin", "Tokyo", "said", "deal", "worth", "¿qué?", "¡sí!"]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=18).map(" ".join).map(lambda s: s + st_end(s))


def st_end(sentence: str) -> str:
    return "" if sentence[-1] in ".?!…" else "."


ARTICLE = st.lists(st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=6).map("\n\n".join)


@pytest.mark.parametrize("extractor", EXTRACTORS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(articles=st.lists(ARTICLE, min_size=1, max_size=3), question_words=st.lists(WORDS, min_size=1, max_size=6))
def test_every_quote_is_its_slice(fake_embedder, extractor, articles, question_words):
    documents = []
    for n, raw in enumerate(articles):
        text = clean_text(raw)
        if text:
            documents.append(Document(id=f"a{n}.txt", title=text.split("\n")[0][:40], source=f"a{n}.txt", text=text, content_hash=content_hash(text)))
    if not documents:
        return
    index = build_index(documents, fake_embedder, ChunkSettings(size=12, overlap=4))
    for p in index.passages():
        assert index.documents[p.doc_id].text[p.start : p.end] == p.text
    qa = QA(index, fake_embedder, threshold=0.0, extractor=extractor)
    answer = qa.ask(" ".join(question_words) + "?")
    quotes = [answer.span] if answer.span else []
    for c in quotes + answer.citations + answer.closest:
        assert index.documents[c.doc_id].text[c.start : c.end] == c.quote
    if answer.answered:
        assert answer.text == answer.span.quote and answer.text.strip() == answer.text != ""
