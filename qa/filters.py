"""Filters by date and source: which articles a question may be answered from.

A filter keeps the articles dated from ``since`` to ``until`` (both days included; once either is
set, an article without a date is left out, since nothing says it falls inside) and published by
one of ``sources``. A source name matches an article's stored source (its web address, or its
file's path when it has none), case aside, either whole or by its web host without "www.":
"bbc.co.uk" matches "https://www.bbc.co.uk/news/business-1". Retrieval searches only the
passages of the articles a filter keeps (``qa.retrieve``), so the best passages are all inside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlparse

from index.backend import in_days
from index.errors import QuestionError
from qa.recency import parse_day
from qa.types import ArticleFilter

MAX_SOURCES = 1000  # names in one filter


def source_name(source: str) -> str:
    """How a source is named in filters and lists: the host of a web address without "www.", else the source itself."""
    try:
        parsed = urlparse(source.strip())
    except ValueError:
        return source
    if parsed.scheme.lower() in ("http", "https") and parsed.hostname:
        host = parsed.hostname
        return host[4:] if host.startswith("www.") else host
    return source


def article_filter(
    since: date | str | None = None, until: date | str | None = None, sources: Iterable[str] | str | None = None
) -> ArticleFilter | None:
    """The filter the user asked for, checked (a ``QuestionError`` says what is wrong), or None for no filter.

    Dates as for ``qa.recency.parse_day``; an empty string is no bound. ``sources``: source names
    (a single string is one name); an empty list is an error, not "every source".
    """
    first, last = parse_day(since, "since"), parse_day(until, "until")
    if first and last and first > last:
        raise QuestionError(f"since ({first}) is after until ({last}): no day lies between them")
    names = _source_names(sources)
    if first is None and last is None and names is None:
        return None
    return ArticleFilter(since=first, until=last, sources=names)


def _source_names(sources: Iterable[str] | str | None) -> frozenset[str] | None:
    if sources is None:
        return None
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, Iterable) or isinstance(sources, (bytes, dict)):
        raise QuestionError(f"sources must be a list of source names, got {type(sources).__name__}")
    names = list(sources)
    if not names:
        raise QuestionError("sources is empty: name at least one source, or leave sources out to use every source")
    if len(names) > MAX_SOURCES:
        raise QuestionError(f"sources names {len(names)} sources; the limit is {MAX_SOURCES}")
    if not all(isinstance(name, str) and name.strip() for name in names):
        raise QuestionError(f"every source must be a non-empty name, got {names!r}"[:300])
    return frozenset(name.strip().lower() for name in names)


def narrowed(within: ArticleFilter | None, days: tuple[date, date] | None) -> ArticleFilter | None:
    """``within`` kept to the articles dated between ``days`` (first and last, both included) as well; None: no filter."""
    if days is None:
        return within
    if within is None:
        return ArticleFilter(since=days[0], until=days[1])
    since = max(d for d in (within.since, days[0]) if d is not None)
    until = min(d for d in (within.until, days[1]) if d is not None)
    return within.model_copy(update={"since": since, "until": until})


def admits(within: ArticleFilter, day: str | None, source: str) -> bool:
    """Whether an article dated ``day`` (ISO, or None) from ``source`` is inside the filter."""
    if not in_days(day, within.since, within.until):
        return False
    if within.sources is not None:
        return source.lower() in within.sources or source_name(source).lower() in within.sources
    return True


def count_sources(sources: Iterable[str]) -> dict[str, int]:
    """Articles per source name of ``sources`` (one per article), the most first, then by name: what a filter can take."""
    counts = Counter(source_name(source) for source in sources)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0].lower())))
