"""The chatbot in a real browser: Debian's chromium driven by Playwright against a real server.

Each scenario saves a screenshot under test-artifacts/ at the repository root.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ui import render

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
ANSWER_TIMEOUT = 60_000
ANSWERS = '[data-testid="bot"] .qa-answer, [data-testid="bot"] .qa-error'

UPLOADED = """Varnholm opens its new harbour bridge

The town of Varnholm on Tuesday opened a new harbour bridge. The bridge cost 12 million euros and took three years to build, the mayor said.
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """One tab on the chatbot, recording every dialog the page tries to open."""

    def __init__(self, browser, url: str, width: int = 1280, height: int = 900) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.set_default_timeout(20_000)
        self.page.goto(url)
        self.page.wait_for_selector("#qa-question textarea")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def ask(self, question: str):
        """Type ``question``, press Enter, and return the new answer's element."""
        answers = self.page.locator(ANSWERS)
        before = answers.count()
        box = self.page.locator("#qa-question textarea")
        box.fill(question)
        box.press("Enter")
        self.page.wait_for_function(
            "([selector, n]) => document.querySelectorAll(selector).length > n", arg=[ANSWERS, before], timeout=ANSWER_TIMEOUT
        )
        return answers.nth(before)

    def open_tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()

    def shot(self, name: str, full_page: bool = False) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"ui-{name}.png"), full_page=full_page)

    def assert_nothing_ran(self) -> None:
        assert self.dialogs == []
        assert self.page.evaluate("() => window.__pwned") is None
        injected = self.page.evaluate(
            """() => ({
                scripts: [...document.querySelectorAll('#qa-chat script, #qa-source script, #qa-documents script, #qa-status script, #qa-reader script, #qa-by-source script')].length,
                images: [...document.querySelectorAll('img[src="x"], [onerror], [onclick], [onload]')].length,
                frames: document.querySelectorAll('iframe').length,
                jsLinks: [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
            })"""
        )
        assert injected == {"scripts": 0, "images": 0, "frames": 0, "jsLinks": 0}

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser, ui_server):
    pages: list[Page] = []

    def opener(**size) -> Page:
        pages.append(Page(browser, ui_server.url, **size))
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


def test_a_seeds_question_shows_the_answer_its_sentence_and_citations(open_page):
    tab = open_page()
    example = tab.page.get_by_role("button", name="How much was the AUKUS submarine deal worth?")
    example.click()  # example questions are there on first load and fill the box (a round trip to the server)
    expect(tab.page.locator("#qa-question textarea")).to_have_value("How much was the AUKUS submarine deal worth?")
    tab.page.locator("#qa-question textarea").press("Enter")
    tab.page.wait_for_selector(ANSWERS, timeout=ANSWER_TIMEOUT)
    answer = tab.page.locator(ANSWERS).last
    tab.shot("answer")
    assert "$40 billion" in answer.locator(".qa-phrase strong").inner_text()
    confidence = answer.locator(".qa-confidence")
    assert confidence.inner_text() in {"very likely right", "likely right", "uncertain", "doubtful"}
    assert re.search(r"right: (0\.\d\d|1\.00)$", confidence.get_attribute("title"))  # the number on hover
    assert "$40 billion" in answer.locator(".qa-sentence mark").inner_text()
    first = answer.locator(".qa-citations a.qa-cite").first
    assert first.inner_text().startswith("[1] Vladimir Putin and Xi Jinping Stake Out a New World Order")


def test_a_citation_opens_the_article_with_the_passage_marked_and_in_view(open_page, ui_server):
    tab = open_page()
    answer = tab.ask("How much was the AUKUS submarine deal worth?")
    link = answer.locator(".qa-citations a.qa-cite").first  # the answer's sentence, or the closest passage
    doc_id, start, end = render.parse_cite(link.get_attribute("href"))
    doc = ui_server.holder.qa.document(doc_id)
    link.focus()
    tab.page.keyboard.press("Enter")  # the keyboard works as well as a click
    cited = tab.page.locator("#qa-source mark#qa-cited")
    cited.wait_for()
    assert cited.inner_text().split() == doc.text[start:end].split()
    source = tab.page.locator("#qa-source")
    assert source.locator(".qa-doc-title").inner_text() == doc.title
    meta = source.locator(".qa-doc-meta").inner_text()
    assert doc_id in meta and f"characters {start}–{end}" in meta
    assert source.locator(".qa-doc-text").inner_text().split() == doc.text.split()  # the whole article
    tab.page.wait_for_function(
        "() => { const r = document.getElementById('qa-cited').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"
    )
    tab.shot("citation")


def test_a_follow_up_question_is_understood_from_the_earlier_turn(open_page):
    tab = open_page()
    first = tab.ask("Who is South Korea's president?")
    assert "Yoon Suk-yeol" in first.inner_text()
    follow_up = tab.ask("When did he meet Kishida?")
    tab.shot("follow-up")
    assert "March 16" in follow_up.locator(".qa-phrase strong").inner_text()
    assert follow_up.locator(".qa-understood").inner_text() == "Understood as: When did he (Yoon Suk-yeol) meet Kishida?"
    assert first.locator(".qa-understood").count() == 0  # a question that stands alone is shown once, as asked


def test_a_yes_or_no_question_is_answered_in_the_articles_words(open_page):
    tab = open_page()
    answer = tab.ask("Did Kishida visit Ukraine?")
    tab.shot("yes-or-no")
    phrase = answer.locator(".qa-phrase")
    assert phrase.inner_text().startswith("In the article’s words:")
    assert "Kishida" in phrase.locator("strong").inner_text() and "Ukraine" in phrase.locator("strong").inner_text()
    assert answer.locator(".qa-sentence").count() == 0  # the sentence is the answer, not quoted twice
    phrase.locator("a.qa-cite").click()  # its citation opens the article at that sentence
    tab.page.locator("#qa-source mark#qa-cited").wait_for()
    assert phrase.locator("strong").inner_text() in tab.page.locator("#qa-source mark#qa-cited").inner_text()


def test_an_uploaded_article_is_indexed_and_can_be_asked_about(open_page, ui_server, tmp_path):
    tab = open_page()
    tab.open_tab("Documents")
    tab.page.locator("#qa-documents table").wait_for()
    assert "Vladimir Putin and Xi Jinping" in tab.page.locator("#qa-documents").inner_text()

    empty = tmp_path / "empty.txt"
    empty.write_text("")
    tab.page.locator("#qa-upload input[type=file]").set_input_files(str(empty))
    tab.page.locator("#qa-add").click()
    refusal = tab.page.locator("#qa-upload-message .qa-upload-error")
    refusal.wait_for()
    assert "empty" in refusal.inner_text()
    assert not (ui_server.corpus / "empty.txt").exists()
    tab.page.locator("#qa-upload button[aria-label='Clear']").click()

    article = tmp_path / "varnholm-bridge.txt"
    article.write_text(UPLOADED)
    tab.page.locator("#qa-upload input[type=file]").set_input_files(str(article))
    tab.page.locator("#qa-add").click()
    tab.page.locator("#qa-upload-message .qa-upload-ok").wait_for(timeout=ANSWER_TIMEOUT)
    assert "varnholm-bridge.txt" in tab.page.locator("#qa-upload-message").inner_text()
    assert "Varnholm opens its new harbour bridge" in tab.page.locator("#qa-documents").inner_text()
    assert (ui_server.corpus / "varnholm-bridge.txt").read_text() == UPLOADED
    assert "varnholm-bridge.txt" in tab.page.locator("#qa-by-source").inner_text()
    tab.shot("upload")

    tab.open_tab("Chat")
    tab.page.locator("#qa-sources input").click()  # a source to pick in the filters too
    expect(tab.page.get_by_role("option", name="varnholm-bridge.txt (1)")).to_be_visible()
    tab.page.keyboard.press("Escape")
    answer = tab.ask("How much did the Varnholm bridge cost?")
    tab.shot("upload-answer")
    assert "12 million euros" in answer.locator(".qa-phrase strong").inner_text()
    assert "varnholm-bridge.txt" in answer.locator(".qa-citations").inner_text()


def test_a_story_uploaded_twice_is_cited_once_and_also_reported_by_the_other(open_page, ui_server, tmp_path):
    from test_copies import FERRY, FERRY_WIRE

    tab = open_page()
    tab.open_tab("Documents")
    herald, wire = tmp_path / "herald-ferry.txt", tmp_path / "wire-ferry.txt"
    herald.write_text(f"Eskerby gets an electric ferry\n\n{FERRY}\n")
    wire.write_text(f"Electric ferry for Eskerby\n\n{FERRY_WIRE}\n")
    tab.page.locator("#qa-upload input[type=file]").set_input_files([str(herald), str(wire)])
    tab.page.locator("#qa-add").click()
    tab.page.locator("#qa-upload-message .qa-upload-ok").wait_for(timeout=ANSWER_TIMEOUT)

    tab.open_tab("Chat")
    answer = tab.ask("How much did the Eskerby ferry cost?")
    tab.shot("also-reported")
    assert "41 million euros" in answer.locator(".qa-phrase strong").inner_text()
    cited = answer.locator(".qa-citations").inner_text()
    also = answer.locator(".qa-also").inner_text()
    assert also.startswith("Also reported by: ")
    shown, other = ("herald-ferry.txt", "wire-ferry.txt") if "herald-ferry.txt" in cited else ("wire-ferry.txt", "herald-ferry.txt")
    assert shown in cited and other not in cited  # one copy cited
    assert other in also and shown not in also  # the other one named beside it


def test_a_hostile_article_shows_as_text_and_runs_nothing(open_page):
    tab = open_page()
    answer = tab.ask("How many visitors did the Marrowby lantern festival draw?")
    assert "9,000" in answer.locator(".qa-phrase strong").inner_text()
    assert "<script>" in answer.inner_text()  # the sentence, shown as text
    answer.locator(".qa-citations a.qa-cite").first.click()
    tab.page.locator("#qa-source mark#qa-cited").wait_for()
    shown = tab.page.locator("#qa-source").inner_text()
    for text in ("<script>window.__pwned=1", '<img src=x onerror="window.__pwned=1', "[programme](javascript:", "${alert('template')}", "{{constructor", "<iframe"):
        assert text in shown
    tab.page.wait_for_timeout(300)  # let anything that would run, run
    tab.shot("hostile")
    tab.assert_nothing_ran()
    tab.page.get_by_text("[programme](javascript:").first.click()  # clicking the text does nothing either
    tab.open_tab("Documents")
    tab.page.locator("#qa-documents table").wait_for()
    assert "<img src=x" in tab.page.locator("#qa-documents").inner_text()
    tab.page.locator("#qa-documents a.qa-open", has_text="Lantern festival").click()  # read in the documents tab too
    tab.page.locator("#qa-reader .qa-doc-title").wait_for()
    assert "<script>window.__pwned=1" in tab.page.locator("#qa-reader .qa-doc-text").inner_text()
    tab.page.wait_for_timeout(300)
    tab.shot("hostile-documents")
    tab.assert_nothing_ran()


def test_narrow_window_is_readable_and_unanswerable_questions_are_refused(open_page):
    tab = open_page(width=390, height=844)
    answer = tab.ask("What is the GDP of Brazil?")
    assert "Not found in these articles." in answer.inner_text()
    assert answer.locator(".qa-citations a.qa-cite").count() >= 1  # the closest passages, to judge for yourself
    overflow = tab.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    tab.shot("narrow", full_page=True)
    answer.locator(".qa-citations a.qa-cite").first.click()
    tab.page.locator("#qa-source mark#qa-cited").wait_for()
    tab.page.wait_for_function("() => { const r = document.getElementById('qa-cited').getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0; }")
    tab.shot("narrow-citation")


def test_a_date_to_ask_as_of_is_checked_and_then_used(open_page):
    tab = open_page()
    day = tab.page.locator("#qa-as-of input, #qa-as-of textarea").first
    day.fill("next Tuesday")
    error = tab.ask("How much was the AUKUS submarine deal worth?")
    assert "2024-03-22" in error.inner_text() and error.get_attribute("class") == "qa-error"
    day.fill("2023-03-24")
    answer = tab.ask("How much was the AUKUS submarine deal worth?")
    assert "$40 billion" in answer.locator(".qa-phrase strong").inner_text()
    tab.shot("as-of")


# -- filters by date and source, the corpus by date and by source (four articles from four sources: conftest.write_news) --

BUDGET = "How much is the Eskerby harbour budget?"


@pytest.fixture
def news_page(browser, news_server):
    tab = Page(browser, news_server.url)
    yield tab
    tab.close()


def test_filters_beside_the_date_asked_as_of_narrow_the_articles_answered_from(news_page):
    tab, since, until = news_page, news_page.page.locator("#qa-since input"), news_page.page.locator("#qa-until input")
    since.fill("next week")
    error = tab.ask(BUDGET)
    assert error.get_attribute("class") == "qa-error" and "since must look like 2024-03-22, got 'next week'" in error.inner_text()
    since.fill("2024-03-10")
    answer = tab.ask(BUDGET)
    assert answer.locator(".qa-phrase strong").inner_text() == "15 million euros"
    assert "courier.example" in answer.locator(".qa-citations").inner_text()

    since.fill("2025-01-01")
    refusal = tab.ask(BUDGET)
    assert "no article matches the filter (dated 2025-01-01 or later)" in refusal.inner_text()
    until.fill("2024-12-31")
    error = tab.ask(BUDGET)
    assert error.get_attribute("class") == "qa-error" and "since (2025-01-01) is after until (2024-12-31)" in error.inner_text()

    since.fill("")
    until.fill("")
    tab.page.locator("#qa-sources input").click()
    options = tab.page.get_by_role("option")
    assert sorted(options.all_inner_texts()) == ["Gazette (1)", "courier.example (1)", "harbour-notes.txt (1)", "herald.example (1)"]
    tab.page.get_by_role("option", name="herald.example (1)").click()
    tab.page.keyboard.press("Escape")
    answer = tab.ask(BUDGET)
    tab.shot("filters")
    assert answer.locator(".qa-phrase strong").inner_text() == "12 million euros"
    assert "herald.example" in answer.locator(".qa-citations").inner_text()


def test_the_documents_tab_shows_the_articles_by_date_and_by_source(news_page):
    tab = news_page
    tab.open_tab("Documents")
    bars = tab.page.locator("#qa-timeline .mark-rect path")
    bars.first.wait_for()
    labels = [bars.nth(i).get_attribute("aria-label") for i in range(bars.count())]
    assert len(labels) == 39  # every day from 2024-02-11 to 2024-03-20
    assert [label for label in labels if not label.endswith("articles: 0")] == [
        "day: 2024-02-11; articles: 1", "day: 2024-03-04; articles: 1", "day: 2024-03-20; articles: 1"
    ]
    expect(tab.page.locator("#qa-timeline-note")).to_have_text("Articles per day. 1 article has no date and is not shown.")
    rows = [row.split("\t") for row in tab.page.locator("#qa-by-source tbody tr").all_inner_texts()]
    assert [[cell.strip() for cell in row] for row in rows] == [
        ["courier.example", "1", "2024-03-20", "2024-03-20"],
        ["Gazette", "1", "2024-02-11", "2024-02-11"],
        ["harbour-notes.txt", "1", "", ""],
        ["herald.example", "1", "2024-03-04", "2024-03-04"],
    ]
    tab.shot("documents-corpus", full_page=True)


def test_any_indexed_article_opens_from_the_documents_table(news_page, news_server):
    tab = news_page
    tab.open_tab("Documents")
    expect(tab.page.locator("#qa-reader")).to_contain_text("Click a title in the table to read the article here.")
    tab.page.locator("#qa-documents").get_by_role("link", name="A day on the Eskerby ferry").click()
    reader = tab.page.locator("#qa-reader")
    expect(reader.locator(".qa-doc-title")).to_have_text("A day on the Eskerby ferry")
    doc = news_server.holder.qa.document("gazette-ferry.json#0")
    assert reader.locator(".qa-doc-text").inner_text().split() == doc.text.split()  # the whole article
    assert "Gazette" in reader.locator(".qa-doc-meta").inner_text() and "2024-02-11" in reader.locator(".qa-doc-meta").inner_text()
    tab.page.locator("#qa-documents").get_by_role("link", name="Eskerby harbour notes").click()
    expect(reader.locator(".qa-doc-title")).to_have_text("Eskerby harbour notes")
    tab.page.wait_for_function("() => { const r = document.getElementById('qa-reader').getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0; }")
    tab.shot("documents-reader")
