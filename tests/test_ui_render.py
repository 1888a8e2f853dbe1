"""ui.render without a browser: escaping of untrusted article text, highlights, citation links."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa import Answer, Citation, Copy, Differing, Document
from ui import render
from ui.app import example_questions

pytestmark = pytest.mark.unit

HOSTILE = (
    "<script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=1\"> "
    "[click me](javascript:window.__pwned=1) ${alert(1)} {{constructor.constructor('alert(1)')()}} "
    "<a href=\"javascript:alert(1)\">x</a> $$x$$ **bold** _it_ `code` & done"
)
# The tags ui.render writes itself; anything else in its output would come from an article.
OWN_TAGS = {"div", "p", "strong", "span", "blockquote", "mark", "a", "ol", "li", "br", "q", "article", "h3", "dl", "dt", "dd", "code", "table", "thead", "tbody", "tr", "th", "td", "ul"}


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(markup)
    collector.close()
    return collector


def assert_inert(markup: str) -> TagCollector:
    """Only our own tags; no event handler attributes; every link a citation or a plain http(s) address."""
    parsed = parse(markup)
    for tag, attrs in parsed.tags:
        assert tag in OWN_TAGS, f"unexpected <{tag}> in {markup[:200]}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            if name == "href":
                assert value and (value.startswith(("#cite:", "#doc:")) or re.match(r"https?://", value)), value
    return parsed


def citation(doc_id: str, text: str, start: int, end: int, title: str = "A title", source: str = "src.txt") -> Citation:
    return Citation(doc_id=doc_id, title=title, source=source, date="2023-03-24", start=start, end=end, quote=text[start:end])


def document(text: str, doc_id: str = "news/a.txt", title: str = "A title", source: str = "news/a.txt", date: str | None = "2023-03-24") -> Document:
    return Document(id=doc_id, title=title, source=source, date=date, text=text, content_hash="0" * 64)


# -- escaping -----------------------------------------------------------------------------------


def test_escape_text_leaves_no_markup_and_reads_back_the_same():
    escaped = render.escape_text(HOSTILE)
    for char in "<>\"'[](){}*_`$":
        assert char not in escaped
    assert html.unescape(escaped) == HOSTILE


@given(st.text(max_size=300))
def test_escape_text_round_trips_and_has_no_syntax(text):
    escaped = render.escape_text(text)
    assert html.unescape(escaped) == text
    bare = re.sub(r"&#\d+;", "", escaped)
    assert not set(bare) & set(render._SPECIAL)


def test_a_lone_surrogate_is_shown_as_a_replacement_character():
    shown = render.render_question("Where did Kishida \ud83d meet Yoon?")
    assert "Kishida \ufffd meet" in shown and shown.encode("utf-8")


def test_one_line_folds_white_space():
    assert render.escape_text("a\n\n  b\tc", one_line=True) == "a b c"


@given(st.text(min_size=0, max_size=80), st.integers(-5, 90), st.integers(-5, 90))
def test_highlight_marks_exactly_the_span(text, start, end):
    marked = render.highlight(text, start, end)
    inside = re.search(r"<mark[^>]*>(.*?)</mark>", marked, re.DOTALL).group(1)
    s = max(0, min(start, len(text)))
    e = max(s, min(end, len(text)))
    assert html.unescape(inside) == text[s:e]
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", marked)) == text


# -- citation links -----------------------------------------------------------------------------


@given(st.text(min_size=1, max_size=60), st.integers(0, 10**6), st.integers(0, 10**6))
def test_cite_href_parses_back(doc_id, a, b):
    start, end = min(a, b), max(a, b)
    href = render.cite_href(doc_id, start, end)
    assert href.startswith("#cite:") and '"' not in href and "<" not in href
    assert render.parse_cite(href) == (doc_id, start, end)
    assert render.parse_cite(href[1:] + "|1712345678901") == (doc_id, start, end)


def test_parse_cite_rejects_what_is_not_a_citation():
    for value in (None, "", "cite:", "cite:a.txt:5", "cite:a.txt:9:3", "javascript:alert(1)", "#other:a:1:2", "cite:a:b:c"):
        assert render.parse_cite(value) is None


@given(st.text(min_size=1, max_size=60))
def test_doc_href_parses_back(doc_id):
    href = render.doc_href(doc_id)
    assert href.startswith("#doc:") and '"' not in href and "<" not in href
    assert render.parse_doc(href) == doc_id
    assert render.parse_doc(href[1:] + "|1712345678901") == doc_id
    for value in (None, "", "doc:", "#cite:a.txt:1:2", "javascript:alert(1)"):
        assert render.parse_doc(value) is None


# -- answers ------------------------------------------------------------------------------------

TEXT = "Kishida met Yoon in Tokyo on March 16. The deal was worth $40 billion, officials said."


def answered() -> Answer:
    sentence = citation("news/a.txt", TEXT, 0, 38)
    span = citation("news/a.txt", TEXT, 20, 25)
    other = citation("news/b#2.json", TEXT, 39, 86, title="Another article")
    return Answer(question="Where did they meet?", answered=True, text="Tokyo", confidence=0.87, span=span, citations=[sentence, other], query="Where did they meet?")


def test_answer_shows_phrase_sentence_with_mark_confidence_and_numbered_citations():
    markup = render.render_answer(answered())
    parsed = assert_inert(markup)
    assert "\n" not in markup  # one HTML block for the chat's Markdown
    assert "<strong>Tokyo</strong>" in markup
    assert "very likely right" in markup and "right: 0.87" in markup  # in words, the number on hover
    marks = re.findall(r'<mark class="qa-mark">(.*?)</mark>', markup)
    assert marks == ["Tokyo"]
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    targets = [render.parse_cite(h) for h in hrefs]
    assert ("news/a.txt", 0, 38) in targets and ("news/b#2.json", 39, 86) in targets
    text = "".join(parsed.text)
    assert "[1]" in text and "[2]" in text and "Another article" in text


def test_a_sentence_that_answers_yes_or_no_is_given_in_the_articles_words_once():
    sentence, span = citation("news/a.txt", TEXT, 0, 38), citation("news/a.txt", TEXT, 0, 37)  # the answer without its full stop
    answer = Answer(question="Did Kishida meet Yoon?", answered=True, text=span.quote, confidence=0.6, span=span, citations=[sentence], query="Did Kishida meet Yoon?")
    markup = render.render_answer(answer)
    parsed = assert_inert(markup)
    assert f"{render.WORDS_LABEL}<strong>Kishida met Yoon in Tokyo on March 16</strong>" in markup
    assert markup.count("Kishida met Yoon") == 1 and "qa-sentence" not in markup  # not quoted again below
    assert {render.parse_cite(attrs["href"]) for tag, attrs in parsed.tags if tag == "a"} == {("news/a.txt", 0, 38)}
    assert render.WORDS_LABEL not in render.render_answer(answered())


def test_a_name_given_in_full_elsewhere_marks_its_word_in_the_sentence():
    text = "The US gymnast Simone Biles arrived. On Sunday Biles won the title."
    sentence = citation("news/a.txt", text, 37, len(text))
    span = citation("news/a.txt", text, 15, 27)
    answer = Answer(question="Who won?", answered=True, text="Simone Biles", confidence=0.7, span=span, citations=[sentence], query="Who won?")
    markup = render.render_answer(answer)
    assert "<strong>Simone Biles</strong>" in markup
    assert re.findall(r'<mark class="qa-mark">(.*?)</mark>', markup) == ["Biles"]


def test_a_follow_up_says_how_it_was_understood_and_a_plain_question_does_not():
    follow_up = answered().model_copy(update={"question": "When did he meet <i>Kishida</i>?", "query": "When did he (Yoon) meet <i>Kishida</i>?"})
    markup = render.render_answer(follow_up)
    parsed = assert_inert(markup)
    assert "Understood as: When did he (Yoon) meet <i>Kishida</i>?" in "".join(parsed.text)
    refused = Answer(question="And in 2005?", answered=False, confidence=0.1, query="How many texts were sent in 2005?")
    assert "Understood as" in render.render_answer(refused)
    assert "Understood as" not in render.render_answer(answered().model_copy(update={"query": "Where did they meet?"}))


def test_the_other_publications_of_a_story_are_listed_with_source_and_date():
    copies = [Copy(doc_id="wire/a.txt", title="Leaders <meet>", source="Nordic Wire", date="2023-03-25"), Copy(doc_id="b.txt", title="Same", source="b.txt")]
    markup = render.render_answer(answered().model_copy(update={"also_reported_by": copies}))
    text = "".join(assert_inert(markup).text)
    assert "Also reported by: Leaders <meet> — Nordic Wire · 2023-03-25; Same — b.txt" in text
    assert "Also reported by" not in render.render_answer(answered())


def test_sources_that_differ_are_shown_side_by_side_with_sources_dates_and_links():
    other = "Officials said <b>Osaka</b> hosted them."
    sentence = Citation(doc_id="wire/c.txt", title="Summit", source="Nordic Wire", date="2023-03-20", start=0, end=len(other), quote=other)
    span = sentence.model_copy(update={"start": 15, "end": 27, "quote": other[15:27]})
    differ = [Differing(text=span.quote, confidence=0.4, span=span, sentence=sentence)]
    markup = render.render_answer(answered().model_copy(update={"sources_differ": differ}))
    parsed = assert_inert(markup)
    assert "Sources differ: Tokyo (src.txt · 2023-03-24) · <b>Osaka</b> (Nordic Wire · 2023-03-20)" in "".join(parsed.text)
    assert ("wire/c.txt", 0, len(other)) in [render.parse_cite(attrs["href"]) for tag, attrs in parsed.tags if tag == "a"]
    assert "Sources differ" not in render.render_answer(answered())


def test_not_found_says_so_and_offers_the_closest_passages():
    closest = [citation("news/a.txt", TEXT, 39, 86)]
    answer = Answer(question="GDP?", answered=False, confidence=0.2, reason="no passage answers this confidently", closest=closest, query="GDP?")
    markup = render.render_answer(answer)
    assert_inert(markup)
    assert render.NOT_FOUND in markup
    assert "closest passages" in markup
    assert render.cite_href("news/a.txt", 39, 86) in markup


def test_hostile_article_text_is_shown_as_text_everywhere():
    text = f"{HOSTILE}\nThe festival drew 9,000 visitors."
    start = text.index("9,000")
    sentence = citation("evil.md", text, 0, len(text), title='<img src=x onerror="window.__pwned=1">', source="javascript:alert(1)")
    span = citation("evil.md", text, start, start + 5)
    answer = Answer(question="<b>how many?</b>", answered=True, text="9,000", confidence=0.9, span=span, citations=[sentence], query="q")
    for markup in (
        render.render_answer(answer),
        render.render_question(answer.question),
        render.render_document(document(text, "evil.md", title=sentence.title, source="javascript:alert(1)"), 0, 10),
        render.render_documents([("evil.md", sentence.title, "javascript:alert(1)", None, 1)]),
        render.render_sources([('<img src=x onerror="window.__pwned=1">', 1, None, None)]),
    ):
        parsed = assert_inert(markup)
        shown = "".join(parsed.text)
        assert "script" not in {tag for tag, _ in parsed.tags}
        assert "img" not in {tag for tag, _ in parsed.tags}
        assert "<script>" in shown or "<img" in shown or "<b>" in shown  # visible as text


# -- the source and documents panels ------------------------------------------------------------


def test_document_panel_marks_the_cited_passage_and_shows_the_metadata():
    doc = document(TEXT, source="https://example.org/story?a=1&b=2")
    markup = render.render_document(doc, 39, 86)
    parsed = assert_inert(markup)
    cited = re.search(r'<mark class="qa-mark" id="qa-cited">(.*?)</mark>', markup).group(1)
    assert html.unescape(cited) == TEXT[39:86]
    shown = "".join(parsed.text)
    assert "A title" in shown and "2023-03-24" in shown and "news/a.txt" in shown
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert links == ["https://example.org/story?a=1&b=2"]


def test_document_panel_links_no_other_scheme():
    for source in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JaVaScRiPt:alert(1)", "//evil.example", "file:///etc/passwd"):
        parsed = assert_inert(render.render_document(document(TEXT, source=source)))
        assert not [tag for tag, _ in parsed.tags if tag == "a"]


def test_document_panel_without_a_citation_has_no_mark():
    markup = render.render_document(document(TEXT, date=None))
    assert "<mark" not in markup and "unknown" in markup


def test_documents_table_and_status():
    table = render.render_documents([("a.txt", "First", "herald.example", "2023-01-02", 3), ("b.md", "Second", "b.md", None, 7)])
    parsed = assert_inert(table)
    shown = "".join(parsed.text)
    assert "First" in shown and "b.md" in shown and "7" in shown and "herald.example" in shown
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert [render.parse_doc(href) for href in links] == ["a.txt", "b.md"]  # each title opens its article
    assert "No documents" in render.render_documents([])
    status = render.render_status(2, 14, "all-MiniLM-L6-v2", "2026-01-01T00:00:00+00:00", ".qa-index", "seeds", uploads=True)
    assert_inert(status)
    assert "14" in status and "uploads go into the corpus folder" in status
    assert "without" in render.render_status(2, 14, "m", "t", "i", None, uploads=False)


def test_examples_follow_the_indexed_articles():
    assert "How much was the AUKUS submarine deal worth?" in example_questions(["000_3a9375036b298c0f.txt"])
    assert "Who is South Korea's president?" not in example_questions(["000_3a9375036b298c0f.txt"])
    assert example_questions(["other.txt"]) == []
