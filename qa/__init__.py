"""Answering: retrieve passages, extract the answer, cite it exactly. ``from qa import QA``.

Everything a caller of ``QA`` meets is importable from here: the answer's types, the reports of
updates and of the index's status, and the errors (all are ``NewsQAError``; a bad question or
filter is a ``QuestionError``, also a ``ValueError``).
"""

from index.errors import CorpusError, IndexFormatError, IndexLockedError, NewsQAError, QuestionError
from qa.types import Answer, ArticleFilter, Citation, Copy, Differing, Document, Hit, Passage, Turn

__all__ = [
    "QA",
    "Answer",
    "ArticleFilter",
    "Citation",
    "Copy",
    "CorpusError",
    "Differing",
    "Document",
    "Hit",
    "IndexFormatError",
    "IndexLockedError",
    "IndexStatus",
    "NewsQAError",
    "Passage",
    "QuestionError",
    "Turn",
    "UpdateReport",
]


def __getattr__(name: str):  # noqa: ANN202 - lazy, so `import qa.types` stays light
    if name in ("QA", "IndexStatus"):
        import qa.api

        return getattr(qa.api, name)
    if name == "UpdateReport":
        from index.update import UpdateReport

        return UpdateReport
    raise AttributeError(name)
