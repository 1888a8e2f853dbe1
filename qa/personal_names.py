"""Given names and surnames, and the sex a given name says, from the US Census name lists.

A name tells a person from a place ("Tom DeLonge" is no island, "Nova Scotia" no person) and often
the person's sex ("James Tambone" is no spokeswoman), where the text gives no title to tell it by.
The lists are the 1990 US Census' male and female first names, with the share of people bearing
each, and its surnames (public domain), as the `names` package ships them; names from elsewhere
are missing, so a name they lack says nothing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import names

__all__ = ["is_given_name", "is_surname", "sex_of"]

_CLEAR = 0.95  # the share of a name's bearers of one sex for the name to say the sex ("Taylor", "Jean" say none)
_COMMON = 0.005  # percent of the men or of the women bearing it, for a given name to make a name a person's ("Oneida Carry" is a portage)
_NOT_GIVEN = frozenset(  # in the lists, but before a name a title, or a word places begin with: "Monte Gargano", "Santa Clara Marriott"
    "queen king prince princess lord lady duke earl royal sir dame saint monte santa santo sierra forest al".split()
)  # and "Al" of "Al Nassr", "Al Qaeda": the Arabic article
_MEN_ELSEWHERE = frozenset("andrea nicola simone gabriele daniele michele emanuele dominique camille".split())  # a woman's name in the US, a man's in Italy or France


@lru_cache(maxsize=1)
def _shares() -> dict[str, tuple[float, float]]:
    """Each given name (lower case) with the percentages of US men and of US women who bear it."""
    shares: dict[str, list[float]] = {}
    for column, key in enumerate(("first:male", "first:female")):
        for line in Path(names.FILES[key]).read_text(encoding="ascii").splitlines():
            name, percent = line.split()[:2]
            shares.setdefault(name.lower(), [0.0, 0.0])[column] = float(percent)
    return {name: (male, female) for name, (male, female) in shares.items()}


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    lines = Path(names.FILES["last"]).read_text(encoding="ascii").splitlines()
    return frozenset(line.split()[0].lower() for line in lines if line.strip())


def is_surname(word: str) -> bool:
    """Whether ``word`` is a surname the census lists ("DeLonge", "Tucker"; not "Scotia")."""
    return word.lower() in _surnames()


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name the census lists as borne by one in 20,000 or more ("Tom",
    "Harriet"; not "Oneida" nor "Nova", nor a title or a place's first word: "Queen", "Monte")."""
    low = word.lower()
    return max(_shares().get(low, (0.0, 0.0))) >= _COMMON and low not in _NOT_GIVEN


def sex_of(word: str) -> str | None:
    """"male" or "female" when nearly all who bear the given name ``word`` are of that sex; None when
    they are of both ("Taylor", "Andrea" in Italy) or the lists do not know the name ("Joao")."""
    male, female = _shares().get(word.lower(), (0.0, 0.0))
    if male + female == 0 or word.lower() in _MEN_ELSEWHERE:
        return None
    share = male / (male + female)
    return "male" if share >= _CLEAR else "female" if share <= 1 - _CLEAR else None
