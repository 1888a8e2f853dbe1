"""What the Documents tab shows of the corpus as a whole: articles over time and per source (pure functions)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from qa.filters import count_sources, source_name

DAYS_SHOWN = 92  # dated articles spanning at most this many days are counted per day
MONTHS_SHOWN = 60  # then per month up to this many months, then per year


def _months(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def timeline(dates: Iterable[str | None]) -> tuple[str, list[tuple[str, int]], int]:
    """Articles per day, month or year (the finest unit that keeps the plot readable), every period
    from the first dated article to the last (empty ones count 0), and how many articles have no date."""
    all_dates = list(dates)
    days = sorted(d for d in all_dates if d)
    undated = len(all_dates) - len(days)
    if not days:
        return "day", [], undated
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    if (last - first).days < DAYS_SHOWN:
        unit, periods = "day", [date.fromordinal(n).isoformat() for n in range(first.toordinal(), last.toordinal() + 1)]
    elif _months(first, last) <= MONTHS_SHOWN:
        unit = "month"
        periods = [f"{first.year + (first.month - 1 + n) // 12:04d}-{(first.month - 1 + n) % 12 + 1:02d}" for n in range(_months(first, last))]
    else:
        unit, periods = "year", [f"{year:04d}" for year in range(first.year, last.year + 1)]
    counts = Counter(d[: len(periods[0])] for d in days)
    return unit, [(period, counts.get(period, 0)) for period in periods], undated


def timeline_note(unit: str, counts: list[tuple[str, int]], undated: int) -> str:
    """What the plot of ``timeline`` shows, in words, and what it leaves out."""
    if not counts:
        return "No article has a date." if undated else "No documents are indexed yet."
    note = f"Articles per {unit}."
    if undated:
        note += f" {undated} article{' has' if undated == 1 else 's have'} no date and {'is' if undated == 1 else 'are'} not shown."
    return note


def by_source(articles: Iterable[tuple[str, str | None]]) -> list[tuple[str, int, str | None, str | None]]:
    """Per source name (``qa.filters.count_sources``) of (source, date) pairs: articles, first and last date; most articles first."""
    articles = list(articles)
    spans: dict[str, tuple[str, str]] = {}
    for source, day in articles:
        if day:
            name = source_name(source)
            first, last = spans.get(name, (day, day))
            spans[name] = (min(first, day), max(last, day))
    return [(name, n, *spans.get(name, (None, None))) for name, n in count_sources(source for source, _ in articles).items()]
