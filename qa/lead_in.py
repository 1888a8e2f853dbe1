"""A question put politely, read as the question it asks: "Can you tell me who chairs Ryanair?" as
"Who chairs Ryanair?"; "What's ...?" and "whats ...?" as "What is ...?".

The checks read a question from its question word on ("who" asks for a person), and a lead-in's
words ("tell", "know") are no words of the answer's sentence. The lead-in is dropped only before a
question that has a question word or a follow-up's "And ...?", so "Do you know if ...?" and "Tell me
about ..." stay as typed; a ", please" at the end goes too.
"""

from __future__ import annotations

import re

__all__ = ["lead_in_length", "spelled_out", "without_lead_in"]

_LEAD_IN = re.compile(
    r"^\s*(?:please\s*,?\s*)?"
    r"(?:(?:can|could|would|will)\s+(?:you|u|anyone|someone)\s+(?:please\s+)?(?:tell|show|remind)\s+me"
    r"|(?:do|does)\s+(?:you|anyone|someone)\s+(?:happen\s+to\s+)?know"
    r"|i\s*(?:'d|’d|\s+would)\s+like\s+to\s+know|i\s+(?:want|need|wish)\s+to\s+know|i\s+(?:was\s+)?wonder(?:ing)?"
    r"|(?:please\s+)?tell\s+me|any\s+idea)"
    r"\s*[,:]?\s+",
    re.IGNORECASE,
)
_QUESTION = re.compile(r".*\b(?:who|whom|whose|what|which|when|where|why|how)\b|and\b", re.IGNORECASE)  # "And in 2005?" too
_PLEASE_AT_END = re.compile(r",\s*please(?=\s*[?.!]*\s*$)", re.IGNORECASE)  # not "vote as they please"


_CONTRACTED = re.compile(  # at the start only: not "the Who's Your Daddy? specials"; "who's" only before "the", "a": "Who's major ports ...?" means whose
    r"^(\s*)(what|where|when|how|who(?=['’]?s\s+(?:the|a|an)\b))['’]?s\b", re.IGNORECASE
)


def spelled_out(question: str) -> str:
    """``question`` with the "is" of its opening question word spelled out: "What's the fed funds rate?" and "whats
    ..." as "What is ...", so that the kind asked is read from it as from "What is ...?"."""
    return _CONTRACTED.sub(lambda m: f"{m.group(1)}{m.group(2)} is", question, count=1)


def lead_in_length(question: str) -> int:
    """How many characters a polite lead-in takes at the start of ``question`` ("Can you tell me "), 0 when it has none."""
    lead = _LEAD_IN.match(question)
    return lead.end() if lead else 0


def without_lead_in(question: str) -> str:
    """``question`` without a polite lead-in before the question it leads to, nor a ", please" at its end;
    its first letter a capital unless the rest is typed all in lower case."""
    rest = _PLEASE_AT_END.sub("", question)
    lead = _LEAD_IN.match(rest)
    if lead is None or not _QUESTION.match(rest, lead.end()):
        return rest
    rest = rest[lead.end() :]
    return rest[:1].upper() + rest[1:] if rest != rest.lower() else rest
