"""Reconciliation of topic and entity names: key, then alias, then normalised form, then
a rapidfuzz match.

A name resolves by the first step that finds it:

1. ``key``: the canonical key itself;
2. ``alias``: one of the key's listed aliases;
3. ``normalised``: the same letters and digits ignoring case, accents, spaces and
   punctuation (``Russia–Afghanistan trade`` = ``russia-afghanistan-trade``);
4. ``fuzzy``: the best rapidfuzz match at or above ``FUZZY_THRESHOLD``, unless a second
   candidate scores within ``AMBIGUITY_MARGIN`` of it (``ambiguous``);
5. ``unknown``: no candidate; the suggestions are the best matches below the threshold.

Each unique name is resolved once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

FUZZY_THRESHOLD = 88.0
AMBIGUITY_MARGIN = 3.0
SUGGESTION_CUTOFF = 55.0


def normal_form(name: str) -> str:
    """Lower case, no accents, words joined by single hyphens."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^0-9a-z]+", "-", ascii_only.lower()).strip("-")


def split_list(cell: str) -> list[str]:
    """A cell holding several names, separated by semicolons (commas stay inside names)."""
    return [part.strip() for part in cell.split(";") if part.strip()]


@dataclass(frozen=True)
class Resolution:
    key: str | None
    how: str  # key, alias, normalised, fuzzy, ambiguous, unknown, empty
    score: float = 100.0
    candidates: tuple[str, ...] = ()


class Resolver:
    """Resolves names to canonical keys, given each key's aliases."""

    def __init__(self, aliases: dict[str, Iterable[str]]):
        self.keys = set(aliases)
        self._alias: dict[str, str] = {}
        self._normal: dict[str, str] = {}
        for key, names in aliases.items():
            self._normal.setdefault(normal_form(key), key)
            for alias in names:
                self._alias.setdefault(alias, key)
                self._normal.setdefault(normal_form(alias), key)
        # Fuzzy matching compares normal forms with words spaced, so scores do not depend
        # on hyphen-versus-space choices.
        self._choices = {form.replace("-", " "): key for form, key in self._normal.items()}
        self._cache: dict[str, Resolution] = {}

    def resolve(self, name: str) -> Resolution:
        cached = self._cache.get(name)
        if cached is None:
            cached = self._cache[name] = self._resolve(name)
        return cached

    def _resolve(self, name: str) -> Resolution:
        stripped = name.strip()
        if not stripped:
            return Resolution(None, "empty", 0.0)
        if stripped in self.keys:
            return Resolution(stripped, "key")
        if stripped in self._alias:
            return Resolution(self._alias[stripped], "alias")
        form = normal_form(stripped)
        if form in self._normal:
            return Resolution(self._normal[form], "normalised")
        return self._fuzzy(form.replace("-", " "))

    def _fuzzy(self, query: str) -> Resolution:
        from rapidfuzz import fuzz, process

        if not query or not self._choices:
            return Resolution(None, "unknown", 0.0)
        matches = process.extract(query, list(self._choices), scorer=fuzz.ratio, limit=12, score_cutoff=SUGGESTION_CUTOFF)
        best_by_key: dict[str, float] = {}
        for choice, score, _ in matches:
            key = self._choices[choice]
            best_by_key[key] = max(best_by_key.get(key, 0.0), float(score))
        ranked = sorted(best_by_key.items(), key=lambda item: (-item[1], item[0]))
        if not ranked or ranked[0][1] < FUZZY_THRESHOLD:
            return Resolution(None, "unknown", ranked[0][1] if ranked else 0.0, tuple(key for key, _ in ranked[:3]))
        best, score = ranked[0]
        rivals = tuple(key for key, other in ranked[1:] if score - other <= AMBIGUITY_MARGIN)
        if rivals:
            return Resolution(best, "ambiguous", score, (best,) + rivals)
        return Resolution(best, "fuzzy", score, (best,))


def resolve_column(names: pd.Series, resolver: Resolver) -> pd.DataFrame:
    """Resolve every unique name once; columns key, how, score, candidates."""
    resolved = {name: resolver.resolve(name) for name in pd.unique(names)}
    return pd.DataFrame(
        {
            "key": names.map({name: r.key for name, r in resolved.items()}),
            "how": names.map({name: r.how for name, r in resolved.items()}),
            "score": names.map({name: r.score for name, r in resolved.items()}).astype(float),
            "candidates": names.map({name: "; ".join(r.candidates) for name, r in resolved.items()}),
        },
        index=names.index,
    )
