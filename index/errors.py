"""The package's exceptions: one base class, a few specific ones, messages that say what to do."""


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
