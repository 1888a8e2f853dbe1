"""Public types of the index side: documents as loaded and cleaned, the passages cut from them and how
(``ChunkSettings``), and what an update did (``UpdateReport``, naming each ``SkippedFile``)."""

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


class ChunkSettings(BaseModel):
    """How documents were cut into passages (words per passage, words of overlap)."""

    model_config = ConfigDict(frozen=True)

    size: int = Field(default=120, ge=1)
    overlap: int = Field(default=30, ge=0)


class SkippedFile(BaseModel):
    """A file (or one record of a JSON file, ``path#id``, or one line of a feed) that was not loaded, and why."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str


class UpdateReport(BaseModel):
    """What an update changed, for the summary line and for tests."""

    added: list[str] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    unchanged: int = 0
    duplicates: dict[str, str] = Field(default_factory=dict, description="newly seen duplicates: id -> id indexed with that content")
    passages_added: int = 0
    passages_removed: int = 0
    passages_embedded: int = 0
    passages_reused: int = Field(default=0, description="vectors copied from an identical document instead of embedded")
    files_read: int = 0
    skipped: list[SkippedFile] = Field(default_factory=list, description="files, records and feed lines of the corpus not indexed, and why")
    repaired: list[str] = Field(default_factory=list, description="damaged segments dropped, their documents read again from the corpus")
    segments_merged: int = 0
    documents: int = 0
    passages: int = 0
    segments: int = 0
    generation: int = 0
    seconds: float = 0.0
    merge_seconds: float = 0.0

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed) + len(self.duplicates)

    def summary(self) -> str:
        return (
            (f"repaired {len(self.repaired)} damaged segment{'s' * (len(self.repaired) != 1)}: " if self.repaired else "")
            + f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed, {self.unchanged} unchanged"
            + (f", {len(self.duplicates)} duplicates indexed once" if self.duplicates else "")
            + (f", {len(self.skipped)} skipped" if self.skipped else "")
            + f"; {self.passages_embedded} passages embedded"
            + (f", {self.passages_reused} reused" if self.passages_reused else "")
            + f", {self.passages_removed} retired; now {self.documents} documents, {self.passages} passages"
            + f" in {self.segments} segment{'s' if self.segments != 1 else ''}"
            + (f" ({self.segments_merged} merged in {self.merge_seconds:.2f} s)" if self.segments_merged else "")
            + f"; {self.seconds:.2f} s"
        )
