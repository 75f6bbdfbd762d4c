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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from checker.columns import from_codes

FUZZY_THRESHOLD = 88.0
AMBIGUITY_MARGIN = 3.0
SUGGESTION_CUTOFF = 55.0
# Up to this many distinct names, a misspelt name is scored against every one; beyond it
# (corpora with hundreds of thousands of topics), against its NEIGHBOURS names either side
# in sorted order, forwards and backwards (see Resolver._neighbourhood).
EXHAUSTIVE_UP_TO = 50_000
NEIGHBOURS = 500


# A did-you-mean for a word outside a closed list (rule ids, columns, states, source ids):
# the one best rapidfuzz match at or above this score, or nothing.
DID_YOU_MEAN_CUTOFF = 60.0


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'x'?)" for the closest choice, or "" when none is close."""
    from rapidfuzz import process

    match = process.extractOne(word, list(choices), score_cutoff=DID_YOU_MEAN_CUTOFF) if word else None
    return f" (did you mean '{match[0]}'?)" if match else ""


_NON_WORD = re.compile(r"[^0-9a-z]+")


_NON_WORD_ANY = re.compile(r"[\W_]+")


def normal_form(name: str) -> str:
    """Lower case, no accents, words joined by single hyphens; letters of every script
    are kept (a Cyrillic or Persian name is not reduced to nothing)."""
    if name.isascii():
        return _NON_WORD.sub("-", name.lower()).strip("-")
    decomposed = unicodedata.normalize("NFKD", name)
    unaccented = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_WORD_ANY.sub("-", unaccented.casefold()).strip("-")


# A notch written as a sign after a grade ("CCC+", "B-", "A1+"): a state of its own.
_NOTCH = re.compile(r"(?<=\w)\s*(?:(?P<plus>\+)|[-−–])(?=\s|$|[;,)])")


def state_form(state: str) -> str:
    """``normal_form`` of a status, a sign after a grade kept as a word: "CCC+" is
    "ccc-plus", "CCC-" "ccc-minus", and neither is "ccc"."""
    return normal_form(_NOTCH.sub(lambda found: " plus" if found.group("plus") else " minus", state))


def normal_forms(names: list[str]) -> list[str]:
    """``normal_form`` of many names: the ASCII ones on a whole column at once."""
    ascii_positions = [position for position, name in enumerate(names) if name.isascii()]
    forms = [name if name.isascii() else normal_form(name) for name in names]
    if ascii_positions:
        column = pd.Series([names[position] for position in ascii_positions], dtype="str")
        folded = column.str.lower().str.replace(_NON_WORD.pattern, "-", regex=True).str.strip("-")
        for position, form in zip(ascii_positions, folded.tolist()):
            forms[position] = form
    return forms


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
        # Every key, then its aliases, in order (the first name to claim a form keeps it);
        # their normal forms computed in one batch.
        owners, names, is_alias = [], [], []
        for key, key_aliases in aliases.items():
            for position, name in enumerate((key, *key_aliases)):
                owners.append(key)
                names.append(name)
                is_alias.append(position > 0)
        for owner, name, alias, form in zip(owners, names, is_alias, normal_forms(names)):
            if alias:
                self._alias.setdefault(name, owner)
            self._normal.setdefault(form, owner)
        # Fuzzy matching compares normal forms with words spaced, so scores do not depend
        # on hyphen-versus-space choices.
        self._choices = {form.replace("-", " "): key for form, key in self._normal.items()}
        self._cache: dict[str, Resolution] = {}
        self._neighbours: Callable | None = None

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

    def resolve_many(self, names) -> dict[str, Resolution]:
        """Resolve many names; the fuzzy ones in one batch (rapidfuzz.process.cdist on
        all cores), so a million claims with a few hundred misspelt names stay fast."""
        pending: dict[str, str] = {}
        for name in names:
            if name in self._cache:
                continue
            stripped = name.strip()
            if not stripped:
                self._cache[name] = Resolution(None, "empty", 0.0)
            elif stripped in self.keys:
                self._cache[name] = Resolution(stripped, "key")
            elif stripped in self._alias:
                self._cache[name] = Resolution(self._alias[stripped], "alias")
            elif normal_form(stripped) in self._normal:
                self._cache[name] = Resolution(self._normal[normal_form(stripped)], "normalised")
            else:
                pending[name] = normal_form(stripped).replace("-", " ")
        if pending:
            for name, resolution in zip(pending, self._fuzzy_batch(list(pending.values()))):
                self._cache[name] = resolution
        return {name: self._cache[name] for name in names}

    def _fuzzy(self, query: str) -> Resolution:
        return self._fuzzy_batch([query])[0]

    def _fuzzy_batch(self, queries: list[str]) -> list[Resolution]:
        import numpy as np
        from rapidfuzz import fuzz, process

        choices = list(self._choices)
        if not choices:
            return [Resolution(None, "unknown", 0.0) for _ in queries]
        results: list[Resolution] = []
        if len(choices) > EXHAUSTIVE_UP_TO:
            if self._neighbours is None:  # built once per resolver: sorting a million names takes a while
                self._neighbours = self._neighbourhood(choices)
            neighbours: Callable = self._neighbours
            named = np.array(choices, dtype=object)
            for query in queries:
                candidates = named[neighbours(query)].tolist()
                scores = process.cdist(
                    [query], candidates, scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF, dtype=np.uint8
                )
                results.append(self._best(query, candidates, scores[0]))
            return results
        for start in range(0, len(queries), 64):  # bounded memory: 64 rows of scores at a time
            batch = queries[start : start + 64]
            scores = process.cdist(
                batch, choices, scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF, dtype=np.uint8, workers=-1
            )
            results += [self._best(query, choices, row) for query, row in zip(batch, scores)]
        return results

    def _best(self, query: str, choices: list[str], row) -> Resolution:
        """The resolution of a query from its integer scores against ``choices``."""
        import numpy as np
        from rapidfuzz import fuzz

        if not query:
            return Resolution(None, "unknown", 0.0)
        top = np.flatnonzero(row >= SUGGESTION_CUTOFF)
        top = top[np.argsort(-row[top], kind="stable")][:12]
        # cdist scores are rounded to integers; rescore the few candidates exactly.
        best_by_key: dict[str, float] = {}
        for index in top:
            key = self._choices[choices[index]]
            score = float(fuzz.ratio(query, choices[index]))
            if score >= SUGGESTION_CUTOFF:
                best_by_key[key] = max(best_by_key.get(key, 0.0), score)
        return self._rank(best_by_key)

    def _neighbourhood(self, choices: list[str]):
        """For very many names: a function from a query to the positions of the names next
        to it in sorted order, and next to it when both are read backwards. A typo leaves
        the start or the end of a name intact, so its key is among those neighbours; the
        query is scored against them only, not against every name (sorted neighbourhood)."""
        from bisect import bisect_left

        import numpy as np

        orders, keys = [], []
        for names in (choices, [choice[::-1] for choice in choices]):
            order = sorted(range(len(names)), key=names.__getitem__)  # Python's sort: stable, by code point
            orders.append(np.array(order, dtype=np.int64))
            keys.append([names[position] for position in order])

        def neighbours(query: str) -> np.ndarray:
            found = []
            for order, sorted_keys, text in zip(orders, keys, (query, query[::-1])):
                at = bisect_left(sorted_keys, text)
                found.append(order[max(0, at - NEIGHBOURS) : at + NEIGHBOURS])
            return np.unique(np.concatenate(found))  # in the names' own order, as the exhaustive search scores them

        return neighbours

    @staticmethod
    def _rank(best_by_key: dict[str, float]) -> Resolution:
        ranked = sorted(best_by_key.items(), key=lambda item: (-item[1], item[0]))
        if not ranked or ranked[0][1] < FUZZY_THRESHOLD:
            return Resolution(None, "unknown", ranked[0][1] if ranked else 0.0, tuple(key for key, _ in ranked[:3]))
        best, score = ranked[0]
        rivals = tuple(key for key, other in ranked[1:] if score - other <= AMBIGUITY_MARGIN)
        if rivals:
            return Resolution(best, "ambiguous", score, (best,) + rivals)
        return Resolution(best, "fuzzy", score, (best,))


def resolve_column(names: pd.Series, resolver: Resolver) -> pd.DataFrame:
    """Resolve every unique name once; columns key ('' when unresolved), how, score,
    candidates. Text comes back as categories built from the codes: hashed once per name."""
    codes, uniques = pd.factorize(names, use_na_sentinel=False)
    unique_names = np.asarray(uniques, dtype=object).tolist()  # one conversion, not an iteration over Arrow scalars
    resolved = resolver.resolve_many(unique_names)
    per_unique = [resolved[name] for name in unique_names]
    keys = np.array([r.key for r in per_unique], dtype=object)
    hows = np.array([r.how for r in per_unique], dtype=object)
    scores = np.array([r.score for r in per_unique] + [0.0], dtype=float)
    candidates = np.array(["; ".join(r.candidates) for r in per_unique], dtype=object)
    return pd.DataFrame(
        {
            "key": from_codes(keys, codes, names.index, fill=""),
            "how": from_codes(hows, codes, names.index, fill="empty"),
            "score": scores[codes],
            "candidates": from_codes(candidates, codes, names.index, fill=""),
        },
        index=names.index,
    )
