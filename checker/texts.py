"""Source texts: finding a claim's quote in its text, and the digits a quote states.

A quote must be verbatim, but spreadsheets and copy-paste change some characters without
changing the words, so matching folds them: runs of whitespace become one space, and
typographic quotes, apostrophes and dashes match their plain forms. Everything else, case
included, must match exactly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " ",
})
_SPACE = re.compile(r"\s+")
# Every character Python's \s matches, as code points.
_WHITESPACE = np.array([code for code in range(0x3001) if chr(code).isspace()], dtype=np.uint32)


def fold(text: str) -> str:
    """The matching form of a quote: folded characters, single spaces, no outer space."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


@dataclass
class SourceText:
    """The text of one source file, with what it takes to find quotes in it quickly."""

    text: str
    folded: str = field(init=False)
    _origin: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # The folded text keeps the first character of every whitespace run (as a space)
        # and drops the rest; ``_origin`` maps each folded character back to the original,
        # so a match in the folded text gives the exact original span. Done on code-point
        # arrays, not character by character.
        translated = self.text.translate(_FOLD)
        points = np.frombuffer(translated.encode("utf-32-le"), dtype=np.uint32)
        space = np.isin(points, _WHITESPACE)
        keep = ~(space & np.concatenate(([False], space[:-1])))
        origin = np.flatnonzero(keep)
        folded = points[keep].copy()
        folded[space[keep]] = 32
        self.folded = folded.tobytes().decode("utf-32-le")
        self._origin = np.concatenate((origin, [len(self.text)])).astype(np.int64)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [match.end() for match in re.finditer("\n", self.text)]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset in the original text."""
        return bisect.bisect_right(self._line_starts, offset)

    def find(self, quote: str) -> tuple[int, int] | None:
        """The span of the quote's first occurrence in the original text, or None."""
        needle = fold(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        start = int(self._origin[at])
        end = int(self._origin[at + len(needle) - 1]) + 1
        return start, end

    def find_folded(self, needle: str, hint: int = 0) -> tuple[tuple[int, int] | None, int]:
        """Find an already folded quote, searching from ``hint`` first (quotes are mostly
        tagged in reading order), then the whole text. Returns the original span and
        where the next search should start."""
        at = self.folded.find(needle, hint)
        if at < 0 and hint:
            at = self.folded.find(needle)
        if at < 0:
            return None, hint
        start = int(self._origin[at])
        end = int(self._origin[at + len(needle) - 1]) + 1
        return (start, end), at

    def closest(self, quote: str) -> tuple[float, int, str]:
        """The passage most similar to a quote: (similarity 0–100, line, passage)."""
        from rapidfuzz import fuzz

        needle = fold(quote)
        alignment = fuzz.partial_ratio_alignment(needle, self.folded)
        if alignment is None:
            return 0.0, 1, ""
        start = int(self._origin[alignment.dest_start])
        passage = self.folded[alignment.dest_start:alignment.dest_end]
        return float(alignment.score), self.line_of(start), passage

    def paragraph_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the paragraph (the run of text between blank-ish line breaks) that
        holds ``start:end``; one line when the text has one paragraph per line."""
        before = self.text.rfind("\n", 0, start) + 1
        after = self.text.find("\n", end)
        return before, len(self.text) if after < 0 else after


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "twice": 2, "half": 0.5,
    "single": 1, "a decade": 1, "decade": 1, "first": 1, "second": 2, "third": 3,
}
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_WORDS = re.compile(r"[a-z]+")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def numbers_in(text: str) -> set[float]:
    """Every number a passage states, in digits or as a number word."""
    found = {float(token.replace(",", "")) for token in _DIGITS.findall(text)}
    for word in _WORDS.findall(text.lower()):
        if word in _NUMBER_WORDS:
            found.add(float(_NUMBER_WORDS[word]))
    return found


def months_in(text: str) -> set[int]:
    lowered = text.lower()
    return {number for number, name in enumerate(_MONTH_NAMES, start=1) if re.search(rf"\b{name}", lowered)}
