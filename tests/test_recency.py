"""Asking as of a date: parsing it at the boundary, the prior, and answers that follow the date (real model)."""

import math
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from index.errors import QuestionError
from index.types import Document
from qa.api import QA
from qa.cli import app
from qa.filters import narrowed
from qa.recency import DATE_SCALE_DAYS, DATE_WEIGHT, WEEK_REACH_DAYS, asked_days, date_prior, parse_as_of
from qa.types import ArticleFilter


@pytest.mark.parametrize(
    "value, day",
    [
        ("2024-03-22", date(2024, 3, 22)),
        (" 2022/06/10 ", date(2022, 6, 10)),  # RealTimeQA writes its dates so
        ("2024-03-22T10:00:00Z", date(2024, 3, 22)),
        (date(2020, 1, 1), date(2020, 1, 1)),
        (datetime(2020, 1, 1, 23, 59), date(2020, 1, 1)),
        (None, None),
        ("", None),
    ],
)
@pytest.mark.unit
def test_parse_as_of(value, day):
    assert parse_as_of(value) == day


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01", "22/03/2024", 20240322])
@pytest.mark.unit
def test_a_bad_date_is_a_clear_error(value):
    with pytest.raises(QuestionError, match="2024-03-22"):
        parse_as_of(value)


@pytest.mark.unit
def test_prior_is_the_weight_on_the_day_and_fades_with_distance_both_ways():
    day = date(2023, 6, 1)
    assert date_prior("2023-06-01", day) == pytest.approx(DATE_WEIGHT)
    assert date_prior("2023-07-01", day) == pytest.approx(DATE_WEIGHT * math.exp(-30 / DATE_SCALE_DAYS))
    assert date_prior("2023-05-02", day) == date_prior("2023-07-01", day)
    assert date_prior(None, day) == 0.0
    assert date_prior("2023-06-01", day, weight=0.0) == 0.0


@given(st.dates(), st.integers(0, 5000), st.integers(0, 5000))
@pytest.mark.unit
def test_prior_never_grows_with_distance(day, near, far):
    near, far = sorted((near, far))
    article = lambda days: date.fromordinal(max(1, day.toordinal() - days)).isoformat()  # noqa: E731
    assert 0 <= date_prior(article(far), day) <= date_prior(article(near), day) <= DATE_WEIGHT


@pytest.mark.unit
def test_a_document_date_must_be_a_day():
    fields = dict(id="a", title="t", source="s", text="x", content_hash="0" * 64)
    assert Document(date="2024-03-22", **fields).date == "2024-03-22"
    with pytest.raises(ValidationError, match="2024-03-22"):
        Document(date="March 22", **fields)


@pytest.mark.parametrize(
    "question",
    ["Which country was shaken by an earthquake this week?", "Who won THIS PAST WEEK's vote?", "Which band played last weekend?",
     "What did the council approve last week?", "Which ally was found guilty this week of defaming a former employee?"],
)
@pytest.mark.unit
def test_a_question_about_its_week_is_about_the_days_around_the_day_asked(question):
    day = date(2022, 6, 10)
    first, last = asked_days(question, day)
    assert (day - first).days == (last - day).days == WEEK_REACH_DAYS
    assert asked_days(question, None) is None  # no day asked as of: no week to keep to


@pytest.mark.parametrize(
    "question",
    ["Who works a four-day week?", "Which weekly paper reported it?", "What happened in the week of 14 March?",
     "Who led in the last week of the campaign?", "What did he do on the last weekend of May?"],
)
@pytest.mark.unit
def test_a_question_that_names_no_week_of_its_own_keeps_every_day(question):
    assert asked_days(question, date(2022, 6, 10)) is None


@pytest.mark.unit
def test_the_week_narrows_a_filter_and_keeps_its_sources():
    week = (date(2022, 6, 1), date(2022, 6, 20))
    assert narrowed(None, None) is None and narrowed(None, week) == ArticleFilter(since=week[0], until=week[1])
    chosen = ArticleFilter(since=date(2022, 6, 5), sources=frozenset({"bbc.co.uk"}))
    assert narrowed(chosen, week) == ArticleFilter(since=date(2022, 6, 5), until=week[1], sources=frozenset({"bbc.co.uk"}))
    assert narrowed(chosen, None) is chosen


# -- end to end: two reports of the same yearly vote, different years -------------------------

BUDGET = "{year}: the Marrowby town council approved its yearly budget on Tuesday. The budget for {year} is {amount}, the mayor said."


@pytest.fixture(scope="module")
def budget_qa(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("budgets")
    for name, year, amount in [("old.md", 2019, "$4 million"), ("new.md", 2023, "$9 million")]:
        (folder / name).write_text(
            f"---\ntitle: Marrowby budget\ndate: {year}-03-14\n---\n{BUDGET.format(year=year, amount=amount)}\n", encoding="utf-8"
        )
    return QA.build(folder, folder.parent / "index")


@pytest.mark.parametrize("as_of, doc_id, amount", [("2019-03-20", "old.md", "$4 million"), (date(2023, 3, 15), "new.md", "$9 million")])
def test_the_answer_follows_the_date_asked_about(budget_qa, as_of, doc_id, amount):
    question = "How much is the Marrowby town budget the council approved?"
    hits = budget_qa.search(question, k=2, as_of=as_of)
    assert hits[0].passage.doc_id == doc_id and hits[0].score > hits[1].score
    answer = budget_qa.ask(question, as_of=as_of)
    assert answer.answered and answer.text == amount and answer.span.doc_id == doc_id
    assert budget_qa.document(doc_id).text[answer.span.start : answer.span.end] == amount


def test_without_a_date_both_reports_rank_on_their_words(budget_qa):
    question = "How much is the Marrowby town budget the council approved?"
    plain = budget_qa.search(question, k=2)
    dated = budget_qa.search(question, k=2, as_of="2023-03-14")
    assert {h.passage.doc_id for h in plain} == {"old.md", "new.md"}
    by_doc = {h.passage.doc_id: h.score for h in plain}
    assert dated[0].score == pytest.approx(by_doc["new.md"] + DATE_WEIGHT, abs=1e-6)


def test_ask_refuses_a_bad_date(budget_qa):
    with pytest.raises(QuestionError, match="2024-03-22"):
        budget_qa.ask("How much is the budget?", as_of="next week")


def test_cli_asks_as_of_a_date_and_refuses_a_bad_one(budget_qa, tmp_path):
    runner = CliRunner()
    index = str(budget_qa.folder)
    result = runner.invoke(app, ["ask", "How much is the Marrowby town budget?", "--index", index, "--as-of", "2019-03-14", "--json"])
    assert result.exit_code == 0, result.output
    assert '"text": "$4 million"' in result.stdout
    result = runner.invoke(app, ["search", "Marrowby budget", "--index", index, "--as-of", "14.03.2019"])
    assert result.exit_code == 1 and "2024-03-22" in result.output


@pytest.mark.parametrize("as_of, doc_id, amount", [("2019-03-20", "old.md", "$4 million"), ("2023-03-10", "new.md", "$9 million")])
def test_a_question_about_its_week_is_answered_from_that_weeks_article(budget_qa, as_of, doc_id, amount):
    answer = budget_qa.ask("How much is the yearly budget the Marrowby town council approved this week?", as_of=as_of)
    assert answer.answered and answer.text == amount and answer.span.doc_id == doc_id


def test_a_question_about_a_week_no_article_was_written_in_is_refused_saying_so(budget_qa):
    question = "How much is the yearly budget the Marrowby town council approved this week?"
    answer = budget_qa.ask(question, as_of="2021-06-01")
    assert not answer.answered and answer.text is None
    assert answer.reason == "the question asks about the week it is asked in, and no article is dated from 2021-05-22 to 2021-06-11"
    assert budget_qa.ask(question.replace(" this week", ""), as_of="2021-06-01").answered  # a question of no week of its own is answered
    filtered = budget_qa.ask(question, as_of="2023-03-10", until="2023-03-01")  # the week's article is outside the user's filter
    assert not filtered.answered
    assert filtered.reason.endswith("no article of the filter (dated 2023-03-01 or earlier) is dated from 2023-02-28 to 2023-03-20")


def test_the_refusal_of_a_week_says_that_undated_articles_are_left_out(seeds_qa):
    answer = seeds_qa.ask("Whom did Xi Jinping meet in Moscow this week?", as_of="2023-03-24")
    assert not answer.answered
    assert answer.reason.endswith("no article is dated from 2023-03-14 to 2023-04-03 (articles without a date are left out)")
    assert seeds_qa.ask("Whom did Xi Jinping meet in Moscow this week?").answered  # no day asked as of: no week to keep to
