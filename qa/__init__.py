"""Answering: retrieve passages, extract the answer, cite it exactly. ``from qa import QA``."""

from qa.types import Answer, Citation, Document, Hit, Passage, Turn

__all__ = ["QA", "Answer", "Citation", "Document", "Hit", "Passage", "Turn"]


def __getattr__(name: str):  # noqa: ANN202 - lazy, so `import qa.types` stays light
    if name == "QA":
        from qa.api import QA

        return QA
    raise AttributeError(name)
