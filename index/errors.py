"""The package's exceptions, in one module below both sides (``qa`` exports them): one base class, a few
specific ones, messages that say what to do. ``QuestionError`` is raised by ``qa`` only, yet belongs to
the same family, so that a caller catches every deliberate error as ``NewsQAError``."""


class NewsQAError(Exception):
    """Base class of every error this project raises on purpose."""


class CorpusError(NewsQAError):
    """The corpus folder is missing, or holds no readable document."""


class IndexFormatError(NewsQAError):
    """A folder is not an index, or was built with another model or format."""


class IndexLockedError(NewsQAError):
    """Another process is writing the index."""


class QuestionError(NewsQAError, ValueError):
    """A question is empty, too long or otherwise unusable."""


class UnreadableFileError(CorpusError):
    """One file cannot be used as a document source; an update skips it and says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
