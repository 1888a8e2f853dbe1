"""The date a question is asked about, as a retrieval signal: articles written near it rank higher.

A news question is about a time ("this week's" election, "the latest" ranking), and a corpus of
several years names the same people and places again and again. Given the date a question is
asked as of, each retrieved passage's fused score gains ``weight * exp(-days / scale)``, where
``days`` is how far its article's date lies from that date, before or after (a later article
often reports the same event). Undated articles gain nothing. Measured on RealTimeQA
(docs/benchmarks.md, "Retrieval"; the weights and scales tried: docs/log.md, 2026-11-30).

A question that says it is about the week it is asked in ("this week", "last weekend") is
answered only from the articles dated within ``WEEK_REACH_DAYS`` of that day (``asked_days``):
an article of years before that names the same kind of event answers another week's question.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from index.errors import QuestionError

DATE_WEIGHT = 0.5
DATE_SCALE_DAYS = 14.0
# the days either side of the day asked as of that "this week" and "last week" reach (docs/log.md, 2026-12-07)
WEEK_REACH_DAYS = 10
_ABOUT_THE_WEEK = re.compile(r"(?<!the )\b(?:this(?: past)?|last) week(?:end)?\b", re.I)  # not "the last week of the campaign"


def parse_day(value: date | datetime | str | None, what: str = "the date to ask as of") -> date | None:
    """The day ``value`` names (a date, a datetime or an ISO ``YYYY-MM-DD`` string), or None for none;
    a ``QuestionError`` naming ``what`` otherwise."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text.replace("/", "-")[:10])
        except ValueError:
            pass
    raise QuestionError(f"{what} must look like 2024-03-22, got {value!r}")


def parse_as_of(value: date | datetime | str | None) -> date | None:
    """The day a question is asked as of (see ``parse_day``)."""
    return parse_day(value)


def date_prior(article_date: str | None, as_of: date, weight: float = DATE_WEIGHT, scale_days: float = DATE_SCALE_DAYS) -> float:
    """What a passage of an article dated ``article_date`` (ISO, or None) gains for a question asked as of ``as_of``."""
    if article_date is None or weight == 0:
        return 0.0
    days = abs((as_of - date.fromisoformat(article_date)).days)
    return weight * math.exp(-days / scale_days)


def asked_days(question: str, as_of: date | None) -> tuple[date, date] | None:
    """The first and last day a question asked as of ``as_of`` is about, when it says it asks about that
    week ("Which country was shaken by an earthquake this week?"); None when it does not or no day is given."""
    if as_of is None or not _ABOUT_THE_WEEK.search(question):
        return None
    reach = timedelta(days=WEEK_REACH_DAYS)
    return as_of - reach, as_of + reach
