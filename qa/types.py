"""Types of the answer side, in one place: hits, citations, extractions (an extractor's answers) and the
answers built from them, differing sources, conversation turns, article filters, and the status of an
index as ``QA`` reports it."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from index.types import Document, Passage

__all__ = ["Answer", "ArticleFilter", "Citation", "Copy", "Differing", "Extraction", "Hit", "IndexStatus", "Turn"]


class Hit(BaseModel):
    """A retrieved passage with its fused score and the ranks it had in each search, and the article
    it is cut from: what an extractor reads around the passage and cites."""

    model_config = ConfigDict(frozen=True)

    passage: Passage
    document: Document = Field(exclude=True, repr=False, description="the article of the passage; left out of the JSON, which shows the passage")
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None


class ArticleRef(BaseModel):
    """A stored article, named for a reader: its id, title, source and date."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    title: str
    source: str
    date: str | None = None


class Copy(ArticleRef):
    """Another publication of a cited story: a near copy or an exact duplicate of its article (``index.copies``)."""


class Citation(ArticleRef):
    """An exact quote of a stored document: ``document.text[start:end] == quote``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str

    @classmethod
    def quoting(cls, document: Document, start: int, end: int) -> "Citation":
        """``document.text[start:end]``, with the article it stands in."""
        return cls(
            doc_id=document.id, title=document.title, source=document.source, date=document.date, start=start, end=end, quote=document.text[start:end]
        )


class Extraction(BaseModel):
    """One answer an extractor found in the hits (``qa.extractors``), not yet judged: ``QA`` answers with the
    best one (its ``span``, ``confidence``, and ``sentence`` then ``support`` as the citations) or refuses it."""

    model_config = ConfigDict(frozen=True)

    span: Citation
    sentence: Citation = Field(description="the sentence that gives the answer: it holds the span, or the surname the span gives in full")
    confidence: float = Field(ge=0.0, le=1.0)
    support: list[Citation] = Field(default_factory=list, description="other sentences that give the same answer")
    reason: str | None = Field(default=None, description="why the answer may not hold: a constraint of the question its context does not meet")
    contradicted: bool = Field(default=False, description="its article never mentions a name, year or number the question gives: never an answer")


class Differing(BaseModel):
    """Another article's answer to the same question that differs from the one given (news changes: a toll rises)."""

    model_config = ConfigDict(frozen=True)

    text: str
    confidence: float = Field(ge=0.0, le=1.0)
    span: Citation
    sentence: Citation


class Answer(BaseModel):
    """What ``QA.ask`` returns.

    When ``answered`` is true, ``text`` is the answer lifted word for word from the
    article, ``span`` says exactly where it stands, and ``citations`` are the
    supporting sentences (the first one gives the answer and holds the span, unless the span is
    a name the article gives in full elsewhere: "Simone Biles" for the sentence's "Biles"). When it is false, ``text``
    and ``span`` are None, ``reason`` says why, and ``closest`` offers the nearest
    passages so a person can judge for themselves. ``confidence`` is the probability that the answer
    is right; for a refusal, that the closest answer would have been (0 when a check contradicts it).
    """

    model_config = ConfigDict(frozen=True)

    question: str
    answered: bool
    text: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    span: Citation | None = None
    citations: list[Citation] = Field(default_factory=list)
    reason: str | None = None
    closest: list[Citation] = Field(default_factory=list)
    query: str = Field(
        description="the question as understood: without a polite lead-in, its typos read as the articles' words, resolved against the conversation (the question itself when none applies)"
    )
    also_reported_by: list[Copy] = Field(default_factory=list, description="the other publications of the story the answer cites")
    sources_differ: list[Differing] = Field(
        default_factory=list,
        description="well-supported answers of other articles that differ from the one given (the most probable), the one dated nearest the day asked about (or the latest) first",
    )


class Turn(BaseModel):
    """One earlier exchange of a conversation, used to understand follow-up questions."""

    model_config = ConfigDict(frozen=True)

    question: str
    answer: str | None = None


class ArticleFilter(BaseModel):
    """Which articles a question may be answered from (``qa.filters.article_filter`` builds one from user input).

    ``since`` and ``until`` are days, both included; when either is set, an article without a
    date is left out. ``sources``: lower-cased source names (``qa.filters.source_name``), None for all.
    """

    model_config = ConfigDict(frozen=True)

    since: date | None = None
    until: date | None = None
    sources: frozenset[str] | None = None

    def describe(self) -> str:
        """The filter in words: "dated 2024-03-01 to 2024-03-31, from bbc.co.uk or cnn.com"."""
        parts = []
        if self.since and self.until:
            parts.append(f"dated {self.since} to {self.until}")
        elif self.since:
            parts.append(f"dated {self.since} or later")
        elif self.until:
            parts.append(f"dated {self.until} or earlier")
        if self.sources:
            parts.append("from " + " or ".join(sorted(self.sources)))
        return ", ".join(parts)


class IndexStatus(BaseModel):
    """What an index holds, for `qa index status` and the documents panel."""

    folder: str
    corpus: str | None
    embedder: str
    documents: int
    passages: int
    updated_at: str
    duplicates: int = 0
    segments: int = 0
    skipped: dict[str, str] = Field(default_factory=dict, description="files, records or feed lines of the corpus not indexed, and why")
