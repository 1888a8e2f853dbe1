"""The corpus as the Documents tab shows it: articles per day, month or year, and per source."""

import pytest

from ui.corpus import by_source, timeline, timeline_note

pytestmark = pytest.mark.unit


def test_a_short_span_is_counted_per_day_with_the_empty_days_and_the_undated_apart():
    unit, counts, undated = timeline(["2024-03-04", None, "2024-03-01", "2024-03-04", None])
    assert unit == "day" and undated == 2
    assert counts == [("2024-03-01", 1), ("2024-03-02", 0), ("2024-03-03", 0), ("2024-03-04", 2)]


def test_longer_spans_are_counted_per_month_then_per_year():
    unit, counts, _ = timeline(["2023-10-30", "2024-02-01", "2024-02-29"])
    assert unit == "month" and counts == [("2023-10", 1), ("2023-11", 0), ("2023-12", 0), ("2024-01", 0), ("2024-02", 2)]
    unit, counts, _ = timeline(["2015-06-01", "2024-01-01", "2024-12-31"])
    assert unit == "year" and counts[0] == ("2015", 1) and counts[-1] == ("2024", 2) and len(counts) == 10


def test_no_dated_article_is_an_empty_timeline():
    assert timeline([None, None]) == ("day", [], 2)
    assert timeline([]) == ("day", [], 0)


def test_the_note_says_what_the_plot_shows_and_leaves_out():
    assert timeline_note(*timeline(["2024-03-01", None])) == "Articles per day. 1 article has no date and is not shown."
    assert timeline_note(*timeline(["2019-03-01", "2024-03-01", None, None])) == "Articles per year. 2 articles have no date and are not shown."
    assert timeline_note(*timeline(["2024-03-01"])) == "Articles per day."
    assert timeline_note(*timeline([None])) == "No article has a date."
    assert timeline_note(*timeline([])) == "No documents are indexed yet."


def test_sources_are_counted_by_name_with_their_first_and_last_dates():
    rows = by_source([
        ("https://www.bbc.co.uk/news/1", "2024-03-04"),
        ("http://bbc.co.uk/news/2", "2024-01-02"),
        ("https://www.bbc.co.uk/news/3", None),
        ("notes.txt", None),
        ("Gazette", "2023-05-06"),
    ])
    assert rows == [("bbc.co.uk", 3, "2024-01-02", "2024-03-04"), ("Gazette", 1, "2023-05-06", "2023-05-06"), ("notes.txt", 1, None, None)]
