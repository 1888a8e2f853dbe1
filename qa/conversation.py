"""Follow-up questions: rewrite a question in the light of the earlier turns (extractive, no model).

"When did he meet Kishida?" after "Who is South Korea's president?" answered
"Yoon Suk-yeol" becomes "When did Yoon Suk-yeol meet Kishida?" for extraction, and
retrieval also gets the previous question's words, so the right article comes up.
"""

from __future__ import annotations

import re
from typing import Sequence

from qa.types import Turn

_PRONOUN = re.compile(r"\b(he|she|they|him|her|them|his|hers|their|it|its|this|that|there|these|those)\b", re.IGNORECASE)
_POSSESSIVE = {"his", "her", "hers", "their", "its"}
_SUBJECT_OBJECT = {"he", "she", "they", "him", "them", "it"}
MAX_ANSWER_WORDS = 6


def needs_context(question: str) -> bool:
    """A question leaning on earlier turns: it has a pronoun or is only a few words long."""
    return bool(_PRONOUN.search(question)) or len(question.split()) <= 3


def _referent(history: Sequence[Turn]) -> str | None:
    """The short answer of the last answered turn: the thing a pronoun most likely points to."""
    for turn in reversed(history):
        if turn.answer and len(turn.answer.split()) <= MAX_ANSWER_WORDS:
            return turn.answer.strip()
    return None


def resolve(question: str, history: Sequence[Turn]) -> str:
    """Replace the first personal pronoun by the last short answer (possessives get ``'s``)."""
    referent = _referent(history)
    if not referent or not needs_context(question):
        return question

    def swap(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        if word in _POSSESSIVE:
            return f"{referent}'s"
        if word in _SUBJECT_OBJECT:
            return referent
        return match.group(0)

    pattern = re.compile(r"\b(he|she|they|him|them|it|his|her|hers|their|its)\b", re.IGNORECASE)
    return pattern.sub(swap, question, count=1)


def retrieval_query(question: str, history: Sequence[Turn]) -> str:
    """The question, resolved, plus the previous question when the new one leans on it."""
    resolved = resolve(question, history)
    if not history or not needs_context(question):
        return resolved
    return f"{resolved} {history[-1].question}"
