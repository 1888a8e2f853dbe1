"""Public types of the build side: documents as loaded and cleaned, and the passages cut from them."""

from __future__ import annotations

from datetime import date as Date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Document(BaseModel):
    """One article as stored in the index; every citation points into ``text``.

    ``id`` is stable across rebuilds: the file's path relative to the corpus folder
    (with ``#<record id>`` for records of a JSON/JSONL file). ``content_hash`` is the
    sha256 of the cleaned text, so an unchanged article is never re-embedded.
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    title: str
    source: str
    date: str | None = None
    text: str
    content_hash: str

    @field_validator("date")
    @classmethod
    def _iso_day(cls, value: str | None) -> str | None:
        """Dates rank answers by time (``qa.recency``), so they must be real days: ``YYYY-MM-DD``."""
        if value is not None:
            try:
                Date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"date must be a day written as 2024-03-22, got {value!r}") from None
        return value


class Passage(BaseModel):
    """A span of a document's text: ``document.text[start:end] == text`` always holds."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _span_matches_text(self) -> "Passage":
        if self.end - self.start != len(self.text):
            raise ValueError(f"passage span {self.start}:{self.end} does not fit its text of {len(self.text)} chars")
        return self
