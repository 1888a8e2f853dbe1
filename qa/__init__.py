"""Answering: retrieve passages, extract the answer, cite it exactly. ``from qa import QA``.

Everything a caller of ``QA`` meets is importable from here: the types of documents, answers,
updates and the index's status (``index.types`` and ``qa.types``, the two homes of public types),
the errors (``index.errors``: all are ``NewsQAError``; a bad question or filter is a
``QuestionError``, also a ``ValueError``; a file that cannot be read is an ``UnreadableFileError``),
and ``int_setting``, how a whole-number ``QA_*`` setting is read from the environment.
"""

from index.errors import CorpusError, IndexFormatError, IndexLockedError, NewsQAError, QuestionError, UnreadableFileError
from index.runtime import int_setting
from index.types import ChunkSettings, Document, Passage, SkippedFile, UpdateReport
from qa.types import Answer, ArticleFilter, Citation, Copy, Differing, Hit, IndexStatus, Turn

__all__ = [
    "QA",
    "Answer",
    "ArticleFilter",
    "ChunkSettings",
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
    "SkippedFile",
    "Turn",
    "UnreadableFileError",
    "UpdateReport",
    "int_setting",
]


def __getattr__(name: str):  # noqa: ANN202 - lazy, so `import qa` stays light
    if name == "QA":
        import qa.api

        return qa.api.QA
    raise AttributeError(name)
