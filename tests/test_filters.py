"""Filters by date and source: checked at the boundary, applied inside retrieval (real model, real FAISS), in the API and the CLI."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from index.errors import QuestionError
from qa.cli import app
from qa.filters import admits, article_filter, source_name

BUDGET = "How much is the Eskerby harbour budget?"
runner = CliRunner()


# -- the filter itself ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, name",
    [
        ("https://www.bbc.co.uk/news/business-1", "bbc.co.uk"),
        ("http://Courier.example:8080/a?b=c", "courier.example"),
        ("Gazette", "Gazette"),
        ("news/business-100.txt", "news/business-100.txt"),
        ("javascript:alert(1)", "javascript:alert(1)"),
    ],
)
@pytest.mark.unit
def test_a_source_is_named_by_its_web_host_or_as_stored(source, name):
    assert source_name(source) == name


@pytest.mark.unit
def test_no_filter_is_none_and_a_filter_keeps_what_it_was_given():
    assert article_filter() is None
    assert article_filter("", " ", None) is None
    within = article_filter("2024-03-01", date(2024, 3, 31), ["BBC.co.uk ", "Gazette"])
    assert (within.since, within.until, within.sources) == (date(2024, 3, 1), date(2024, 3, 31), frozenset({"bbc.co.uk", "gazette"}))
    assert article_filter(sources="Gazette").sources == frozenset({"gazette"})  # one name alone
    assert within.describe() == "dated 2024-03-01 to 2024-03-31, from bbc.co.uk or gazette"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(since="2024-03-10", until="2024-03-01"), "since (2024-03-10) is after until (2024-03-01)"),
        (dict(since="last week"), "since must look like 2024-03-22"),
        (dict(until="31/03/2024"), "until must look like 2024-03-22"),
        (dict(sources=[]), "sources is empty"),
        (dict(sources=["bbc.co.uk", " "]), "every source must be a non-empty name"),
        (dict(sources=[3]), "every source must be a non-empty name"),
        (dict(sources=7), "sources must be a list of source names"),
    ],
)
@pytest.mark.unit
def test_a_bad_filter_is_a_clear_error(kwargs, message):
    with pytest.raises(QuestionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        article_filter(**kwargs)


@pytest.mark.unit
def test_admits_by_day_both_ends_included_and_by_source_whole_or_by_host():
    within = article_filter("2024-03-01", "2024-03-31", ["bbc.co.uk", "notes.txt"])
    assert admits(within, "2024-03-01", "https://www.bbc.co.uk/news/1")
    assert admits(within, "2024-03-31", "NOTES.TXT")
    assert not admits(within, "2024-04-01", "https://www.bbc.co.uk/news/1")
    assert not admits(within, "2024-02-29", "notes.txt")
    assert not admits(within, None, "notes.txt")  # undated: left out once a date is set
    assert not admits(within, "2024-03-05", "https://cnn.com/a")
    assert admits(article_filter(sources=["notes.txt"]), None, "notes.txt")  # no date bound: undated articles stay


# -- the API, on four articles from four sources -------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, amount, doc_id",
    [
        (dict(sources=["herald.example"]), "12 million euros", "herald-budget.md"),
        (dict(sources=["Courier.Example"]), "15 million euros", "courier-budget.md"),
        (dict(sources=["harbour-notes.txt"]), "9 million euros", "harbour-notes.txt"),
        (dict(since="2024-03-10"), "15 million euros", "courier-budget.md"),
        (dict(until=date(2024, 3, 10)), "12 million euros", "herald-budget.md"),
        (dict(since="2024-03-01", until="2024-03-31", sources=["courier.example", "herald.example"]), None, None),
    ],
)
def test_the_answer_comes_from_the_articles_inside_the_filter(news_qa, kwargs, amount, doc_id):
    answer = news_qa.ask(BUDGET, **kwargs)
    assert answer.answered, answer.reason
    if amount is None:  # both budget reports are inside: either answers
        assert answer.span.doc_id in {"herald-budget.md", "courier-budget.md"}
    else:
        assert answer.text == amount and answer.span.doc_id == doc_id
    for citation in [answer.span, *answer.citations]:
        assert news_qa.document(citation.doc_id).text[citation.start : citation.end] == citation.quote


def test_search_fills_the_top_passages_from_inside_the_filter(news_qa):
    everything = news_qa.search(BUDGET, k=3)
    assert {h.passage.doc_id for h in everything} == {"herald-budget.md", "courier-budget.md", "harbour-notes.txt"}
    ferry = news_qa.search(BUDGET, k=3, sources=["gazette"])  # ranked below all three budget articles, yet three passages
    assert len(ferry) == 3 and {h.passage.doc_id for h in ferry} == {"gazette-ferry.json#0"}
    assert len({h.passage.start for h in ferry}) == 3
    assert [h.score for h in ferry] == sorted((h.score for h in ferry), reverse=True)


def test_a_date_bound_leaves_out_undated_articles(news_qa):
    assert "harbour-notes.txt" in {h.passage.doc_id for h in news_qa.search(BUDGET, k=10)}
    dated = news_qa.search(BUDGET, k=10, since="1900-01-01")
    assert dated and "harbour-notes.txt" not in {h.passage.doc_id for h in dated}
    assert {news_qa.document(h.passage.doc_id).date for h in news_qa.search(BUDGET, k=10, until="2024-03-04")} == {"2024-02-11", "2024-03-04"}


def test_a_filter_no_article_is_inside_gets_an_honest_refusal(news_qa):
    for kwargs in (dict(since="2025-01-01"), dict(sources=["nowhere.example"]), dict(until="2024-03-01", sources=["courier.example"])):
        answer = news_qa.ask(BUDGET, **kwargs)
        assert not answer.answered and answer.confidence == 0.0 and not answer.closest
        assert answer.reason.startswith("no article matches the filter (")
        assert news_qa.search(BUDGET, k=5, **kwargs) == []
    assert "dated 2025-01-01 or later" in news_qa.ask(BUDGET, since="2025-01-01").reason


def test_the_api_refuses_a_bad_filter(news_qa):
    with pytest.raises(QuestionError, match="after until"):
        news_qa.ask(BUDGET, since="2024-03-20", until="2024-03-04")
    with pytest.raises(QuestionError, match="sources is empty"):
        news_qa.search(BUDGET, sources=[])
    with pytest.raises(QuestionError, match="until must look like"):
        news_qa.search(BUDGET, until="tomorrow")


def test_sources_lists_the_names_a_filter_takes(news_qa):
    assert news_qa.sources() == {"courier.example": 1, "Gazette": 1, "harbour-notes.txt": 1, "herald.example": 1}


def test_a_follow_up_stays_inside_the_filter(news_qa):
    first = news_qa.ask(BUDGET, sources=["courier.example"])
    follow_up = news_qa.ask("Why did it rise?", history=[{"question": BUDGET, "answer": first.text}], sources=["courier.example"])
    assert all(c.doc_id == "courier-budget.md" for c in [*follow_up.citations, *follow_up.closest])


# -- the command line -----------------------------------------------------------------------------


def _json(output: str):
    return json.loads(output[min(i for i in (output.find("{"), output.find("[")) if i >= 0) :])


def test_cli_ask_and_search_take_the_filters(news_qa):
    index = str(news_qa.folder)
    result = runner.invoke(app, ["ask", BUDGET, "--index", index, "--source", "herald.example", "--json"])
    assert result.exit_code == 0, result.output
    assert _json(result.stdout)["span"]["doc_id"] == "herald-budget.md"
    result = runner.invoke(app, ["ask", BUDGET, "--index", index, "--since", "2024-03-10", "--until", "2024-03-31", "--json"])
    assert result.exit_code == 0, result.output
    assert _json(result.stdout)["text"] == "15 million euros"
    result = runner.invoke(app, ["search", BUDGET, "--index", index, "-k", "4", "--source", "gazette", "--source", "harbour-notes.txt", "--json"])
    assert result.exit_code == 0, result.output
    hits = _json(result.stdout)
    assert len(hits) == 4 and {h["passage"]["doc_id"] for h in hits} <= {"gazette-ferry.json#0", "harbour-notes.txt"}


def test_cli_says_when_no_article_is_inside_and_refuses_a_bad_filter(news_qa):
    index = str(news_qa.folder)
    result = runner.invoke(app, ["search", BUDGET, "--index", index, "--since", "2030-01-01"])
    assert result.exit_code == 0 and "No article matches the filter (dated 2030-01-01 or later)" in result.output
    result = runner.invoke(app, ["ask", BUDGET, "--index", index, "--source", "nowhere.example"])
    assert result.exit_code == 0 and "no article matches the filter (from nowhere.example)" in " ".join(result.output.split())
    result = runner.invoke(app, ["ask", BUDGET, "--index", index, "--since", "2024-03-20", "--until", "2024-03-01"])
    assert result.exit_code == 1 and "after until" in result.output
    result = runner.invoke(app, ["search", BUDGET, "--index", index, "--until", "soon"])
    assert result.exit_code == 1 and "until must look like 2024-03-22" in result.output


def test_cli_status_names_the_sources_a_filter_takes(news_qa):
    result = runner.invoke(app, ["index", "status", "--index", str(news_qa.folder)])
    assert result.exit_code == 0, result.output
    listed = " ".join(result.output.split())
    assert "sources (what --source takes): courier.example (1), Gazette (1), harbour-notes.txt (1), herald.example (1)" in listed
