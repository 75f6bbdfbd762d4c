"""Source texts: finding a claim's quote in its text, and the digits a quote states.

A quote must be verbatim, but spreadsheets and copy-paste change some characters without
changing the words, so matching folds them: runs of whitespace become one space, and
typographic quotes, apostrophes and dashes match their plain forms. Everything else, case
included, must match exactly.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from checker.display import MONTHS
from checker.numbers import (
    MULTIPLES,
    NUMBER_WORD,
    SCALE_WORDS,
    LazyPattern,
    canonical,
    canonical_separators,
    join_spaced_thousands,
)

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
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

    @cached_property
    def _folding(self) -> tuple[str, np.ndarray]:
        """The folded text and where each of its characters comes from, built on first use
        (most quotes are found verbatim, so most texts are never folded). The folded text
        keeps the first character of every whitespace run (as a space) and drops the rest;
        the origin array maps each folded character back to the original, so a match in the
        folded text gives the exact original span. Done on code-point arrays."""
        translated = self.text.translate(_FOLD)
        points = np.frombuffer(translated.encode("utf-32-le"), dtype=np.uint32)
        space = np.isin(points, _WHITESPACE)
        keep = ~(space & np.concatenate(([False], space[:-1])))
        origin = np.flatnonzero(keep)
        folded = points[keep].copy()
        folded[space[keep]] = 32
        width = np.int32 if len(self.text) < 2**31 - 1 else np.int64
        return folded.tobytes().decode("utf-32-le"), np.concatenate((origin, [len(self.text)])).astype(width)

    @property
    def folded(self) -> str:
        return self._folding[0]

    @property
    def _origin(self) -> np.ndarray:
        return self._folding[1]

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
        begin, end = _whole_words(self.folded, alignment.dest_start, alignment.dest_end)
        return float(alignment.score), self.line_of(int(self._origin[begin])), self.folded[begin:end]

    def paragraph_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the paragraph (the run of text between blank-ish line breaks) that
        holds ``start:end``; one line when the text has one paragraph per line."""
        before = self.text.rfind("\n", 0, start) + 1
        after = self.text.find("\n", end)
        return before, len(self.text) if after < 0 else after


_TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNIT_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
# "Twenty-first", "thirty-fifth": a compound ordinal is its tens and its unit.
_COMPOUND_ORDINAL = re.compile(
    rf"\b(twenty|{'|'.join(_TENS)})[\s-]({'|'.join(_UNIT_ORDINALS)})\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    # Words text2num leaves as they are: ordinals and fractions that state a number, and
    # "a decade" as one.
    "half": 0.5,
    "single": 1,
    "a decade": 1,
    "decade": 1,
    "first": 1,
    "second": 2,
    "third": 3,
    # Ordinals state their number: "the fourth country to recognise", "on the thirtieth day".
    **{
        ordinal: number
        for number, ordinal in enumerate(
            [
                "fourth",
                "fifth",
                "sixth",
                "seventh",
                "eighth",
                "ninth",
                "tenth",
                "eleventh",
                "twelfth",
                "thirteenth",
                "fourteenth",
                "fifteenth",
                "sixteenth",
                "seventeenth",
                "eighteenth",
                "nineteenth",
                "twentieth",
            ],
            start=4,
        )
    },
    **{f"{tens[:-1]}ieth": 10 * position for position, tens in enumerate(_TENS, start=3)},
    "hundredth": 100,
    "dozen": 12,  # "more than a dozen pending"
    **MULTIPLES,
}
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_MILLIONS = re.compile(r"(\d+(?:\.\d+)?)m\b")  # "US$170m", "6m tonnes"
# Words are runs of letters of any script: "späten" is no "ten", "Zweitens" no "two".
_WORDS = re.compile(r"[^\W\d_]+")
# Number words of the languages text2num reads besides English ("cinco das 12 turbinas",
# "seit sechs Wochen", "vingt-deux"), one word or one hyphenated compound at a time, in
# a text of that language. Articles that are also "one" (ein, une, um…) state no number.
WORD_LANGUAGES = ("de", "es", "fr", "it", "nl", "pt")
_LOCAL_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ARTICLES = frozenset(
    ("un", "une", "uno", "una", "um", "uma", "ein", "eine", "einen", "einem", "einer", "eines", "een", "o", "y")
)
_MONTH_NAMES = tuple(month[:3] for month in MONTHS)
# A month name as texts write it, capitalised: in full, or cut to three letters ("Sept"
# too), with an optional full stop.
MONTH_WORD = (
    "(?:"
    + "|".join(
        [month.capitalize() for month in MONTHS]
        + ["Sept"]
        + [month[:3].capitalize() for month in MONTHS if len(month) > 3]
    )
    + r")\.?"
)


def value_numbers(value: str, decimal: str = ".") -> tuple[str, frozenset[float]]:
    """The first number of a value as written, and the numbers it may appear as in a quote
    (as written, and with its scale word applied)."""
    plain = canonical_separators(value, decimal)
    written = _DIGITS.search(plain)
    if not written:
        # A value in words ("three million"): its number, which the quote must state too.
        spelled = _DIGITS.search(canonical(value, decimal))
        if not spelled:
            # A share in words ("just over a third"): its fraction or percentage, which the
            # quote must state in words or in digits.
            share = _FRACTION.search(value)
            return (share.group(0), frozenset(_fractions(share.group(0)))) if share else ("", frozenset())
        number = float(spelled.group(0).replace(",", ""))
        return f"{number:,.12g}", frozenset({_key(number)})
    candidates = {_key(float(written.group(0).replace(",", "")))}
    if _THOUSANDS_K.match(plain, written.start()):  # "62k": 62,000
        candidates.add(_key(float(written.group(0).replace(",", "")) * 1000))
    scaled = _DIGITS.search(canonical(value, decimal))
    if scaled:
        candidates.add(_key(float(scaled.group(0).replace(",", ""))))
    return written.group(0), frozenset(candidates)


_THOUSANDS_K = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?[kK]\b")
_SCALED = re.compile(
    r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(" + "|".join(sorted(SCALE_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_SCALE_NAMES = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}


def written_scale(value: str, decimal: str = ".") -> tuple[str, float] | None:
    """The value's first number with its scale word, as written ("1.12 billion"), and the
    scale; None when its first number has no scale word."""
    plain = canonical_separators(value, decimal)
    first = _DIGITS.search(plain)
    scaled = _SCALED.search(plain)
    if first is None or scaled is None or scaled.start() != first.start():
        return None
    return scaled.group(0), SCALE_WORDS[scaled.group(2).lower()]


def scale_missing(value: str, quote: str, decimal: str = ".") -> str | None:
    """When a value's number stands in its quote only under another scale word ("1.12
    million" against "US$1.12 billion"), the scale the quote gives; else None."""
    written = written_scale(value, decimal)
    if written is None:
        return None
    # written_scale gives the number in canonical form already (1.345 millones in Spanish
    # copy is "1,345 million"): read it as such, not through the text's decimal mark again.
    number = float(_DIGITS.search(written[0]).group(0).replace(",", ""))  # type: ignore[union-attr]
    stated = numbers_in(quote, decimal)
    if _key(number * written[1]) in stated:
        return None
    for scale, name in _SCALE_NAMES.items():
        if scale != written[1] and _key(number * scale) in stated:
            return f"{number:,.12g} {name}"
    return None


def scale_left_out(value: str, quote: str, decimal: str = ".") -> str | None:
    """When a value's first number, written without a scale word, stands in its quote only
    under one ("212" against "212 mil hectares", "770" against "770 miljoen"), the quote's
    figure with its scale ("212 thousand"); else None. A number the quote also states bare
    ("212 of the 212 mil") passes."""
    if written_scale(value, decimal) is not None:
        return None
    first = _DIGITS.search(canonical_separators(value, decimal))
    if first is None:
        return None
    number = _key(float(first.group(0).replace(",", "")))
    plain = canonical_separators(quote, decimal)
    scaled_spans = [(found.start(1), found.end(1), found) for found in _SCALED.finditer(plain)]
    under_scale = None
    for token in _DIGITS.finditer(plain):
        if _key(float(token.group(0).replace(",", ""))) != number:
            continue
        scaled = next((found for start, end, found in scaled_spans if (start, end) == token.span()), None)
        if scaled is None:
            return None  # stated bare somewhere
        under_scale = scaled
    if under_scale is None:
        return None
    scale = SCALE_WORDS[under_scale.group(2).lower()]
    return f"{number:,.12g} {_SCALE_NAMES.get(scale, under_scale.group(2))}"


def _key(number: float) -> float:
    """Numbers compare at ten significant digits: 7.315 × 10⁹ computed two ways is one number."""
    return float(f"{number:.10g}")


@lru_cache(maxsize=65536)
def numbers_in(text: str, decimal: str = ".", language: str = "") -> frozenset[float]:
    """Every number a passage states: in digits (any script, the source's decimal mark),
    with a scale word applied and without, as number words (English, and the words of
    ``language``, the source's, where text2num reads it), or as a composite ("7 billion 315
    million")."""
    plain = canonical_separators(text, decimal)
    found = {_key(float(token.replace(",", ""))) for token in _DIGITS.findall(plain)}
    joined = join_spaced_thousands(text)
    if joined != text:  # "13 920" may be one number (thousands by spaces) or two: both count
        found |= numbers_in(joined, decimal, language)
    local = language.split("-")[0].split("_")[0].lower()
    if local in WORD_LANGUAGES:
        for word in set(_LOCAL_WORDS.findall(text.lower())):
            number = _local_word_number(word, local)
            if number is not None:
                found.add(number)
        found |= _local_fractions(text)
        english_units = _in_english_units(text)
        if english_units != text:  # "2 Stunden 14 Minuten" is 134 minutes, as "2 hours 14 minutes" is
            found |= _halves_and_spans(english_units)
    found |= {_key(float(number) * 1e6) for number in _MILLIONS.findall(plain)}
    found |= {_key(float(token.replace(",", ""))) for token in _DIGITS.findall(canonical(text, decimal))}
    for word in set(_WORDS.findall(text.lower())):
        number = _word_number(word)
        if number is not None:
            found.add(number)
    if _FRACTION.search(text):
        found |= _fractions(text)
    for tens, unit in _COMPOUND_ORDINAL.findall(text):
        decade = 20 if tens.lower() == "twenty" else 10 * (_TENS.index(tens.lower()) + 3)
        found.add(float(decade + _UNIT_ORDINALS.index(unit.lower()) + 1))
    if _HALVES.search(text):
        found |= _halves_and_spans(text)
    if _NO_CHANGE.search(text):  # "from flat to up 1%": a change of nought
        found.add(_key(0.0))
    # A multiple states its percentage too: "three times the July average" is 300 %,
    # "twice" 200 %, "2.5 times" 250 %.
    for digits_or_word, multiple in _TIMES.findall(text):
        number = _times_number(digits_or_word or multiple)
        if number is not None:
            found.add(_key(100 * number))
    return frozenset(found)


_TIMES = re.compile(r"\b(\d+(?:\.\d+)?|[a-z]+)[\s-]+(?:times|fold)\b|\b(twice|thrice)\b", re.IGNORECASE)


def _times_number(word: str) -> float | None:
    """The multiple a "N times" states: digits, or a number word (``twice``: 2)."""
    try:
        return float(word)
    except ValueError:
        return _word_number(word.lower())


# A change of nothing, as business and markets copy writes it.
_NO_CHANGE = re.compile(r"\b(?:flat|unchanged)\b", re.IGNORECASE)


_TIME_UNITS = {"year": 12, "month": 1, "week": 7, "day": 1, "hour": 60, "minute": 60, "second": 1}
_SMALLER = {"year": "month", "week": "day", "hour": "minute", "minute": "second"}
_AMOUNT = r"(\d+(?:\.\d+)?|[a-z]+)"
# A half ("just over half", "11-and-a-half years", "a year and a half", "7½"), a time
# counted in words with its article ("less than a year", "half an hour"), and a span in
# two units ("11 years and six months", "6 hours, 45 minutes").
_HALVES = re.compile(r"\bhalf\b|\band[\s-]+(?:a|one|three)[\s-]+(?:quarters?|thirds?)\b|½|¼|¾|\b(?:a|an)\s+(?:year|month|week|day|hour|minute|decade|century)\b|"
                     r"\b(?:years?|weeks?|hours?|minutes?)(?:,|\s+and)?\s+\S+\s+(?:months?|days?|minutes?|seconds?)\b",
                     re.IGNORECASE)  # fmt: skip
_AND_A_HALF = LazyPattern(
    rf"\b{_AMOUNT}(?:[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?))?[\s-]+and[\s-]+(a|one|three)[\s-]+"
    r"(half|quarters?|third|thirds)\b",
    re.IGNORECASE,
)
_PART_OF = {("a", "half"): 0.5, ("a", "quarter"): 0.25, ("one", "quarter"): 0.25, ("three", "quarters"): 0.75,
            ("a", "third"): 1 / 3, ("one", "third"): 1 / 3}  # fmt: skip
_VULGAR = LazyPattern(r"(\d+)?\s*([½¼¾])")
_WITH_ARTICLE = LazyPattern(
    r"\b(half\s+)?(?:a|an)\s+(?:year|month|week|day|hour|minute|decade|century)\b", re.IGNORECASE
)
_TWO_UNITS = LazyPattern(
    rf"\b{_AMOUNT}[\s-]+(year|week|hour|minute)s?(?:,|\s+and)?\s+{_AMOUNT}[\s-]+(month|day|minute|second)s?\b",
    re.IGNORECASE,
)


# Units of time in German, French, Spanish, Portuguese, Italian and Dutch, and the "and"
# between two of them, as English words: a span in two units is read as in English.
_LOCAL_TIME_UNITS = (
    ("years", r"jahren?|jahre|ans|années|annees|años|anos|anni|jaar|jaren"),
    ("months", r"monaten?|monate|mois|meses|mesi|maanden"),
    ("weeks", r"wochen|woche|semaines|semanas|settimane|weken"),
    ("days", r"tagen?|tage|jours|días|dias|giorni|dagen"),
    ("hours", r"stunden?|heures?|horas?|ore|uur"),
    ("minutes", r"minuten?|minutos?|minuti"),
    ("seconds", r"sekunden?|secondes?|segundos?|secondi|seconden"),
    ("and", r"und|et|y|e|en"),
)
_LOCAL_TIME_WORDS = LazyPattern(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<u{index}>{words})" for index, (_, words) in enumerate(_LOCAL_TIME_UNITS))
    + r")(?!\w)",
    re.IGNORECASE,
)


def _in_english_units(text: str) -> str:
    """The text with its units of time (and "and") in those languages written in English."""
    return _LOCAL_TIME_WORDS.sub(lambda found: _LOCAL_TIME_UNITS[int(str(found.lastgroup)[1:])][0], text)


def _amount(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return _word_number(word.lower()) if word.lower() not in ("a", "an") else 1.0


def _halves_and_spans(text: str) -> set[float]:
    """The numbers halves and spans of time state (see _HALVES), each at the precisions a
    value may round them to (6 hours 45 minutes: 6.75 hours, 405 minutes)."""
    found: set[float] = set()
    if re.search(r"\bhalf\b", text, re.IGNORECASE):
        found |= {0.5, 50.0}
    for amount, count, part in _AND_A_HALF.findall(text):
        number, share = _amount(amount), _PART_OF.get((count.lower(), part.lower()))
        if number is not None and share is not None:
            for digits in (1, 2, 3):
                found.add(_key(round(number + share, digits)))
    for whole, part in _VULGAR.findall(text):
        found.add(_key((float(whole) if whole else 0.0) + {"½": 0.5, "¼": 0.25, "¾": 0.75}[part]))
    for half in _WITH_ARTICLE.findall(text):
        found.add(0.5 if half else 1.0)
    for big, unit, small, smaller in _TWO_UNITS.findall(text):
        large, little = _amount(big), _amount(small)
        if large is None or little is None or _SMALLER.get(unit.lower()) != smaller.lower():
            continue
        per = _TIME_UNITS[unit.lower()]
        found.add(_key(large * per + little))
        for digits in (1, 2, 3):
            found.add(_key(round(large + little / per, digits)))
    return found


_COUNTS = ("a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PARTS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
# "Two-thirds", "four fifths", "a quarter", "one in five", "one patient in five", "one lead
# line in five", "19 times out of 20": a share in words.
# Denominators in words beyond nine: "one in sixteen", "one in twenty", "one in a hundred".
_BOTTOMS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "a hundred": 100, "a thousand": 1000,
}  # fmt: skip
_FRACTION = re.compile(
    rf"\b(?:({'|'.join(_COUNTS)})[\s-]+({'|'.join(_PARTS)})|({'|'.join(_COUNTS[1:])}|\d{{1,2}}) (?:[^\W\d_]+ ){{0,2}}(?:in|out of|of every|in every) (\d{{1,3}}|{'|'.join(sorted(_BOTTOMS, key=len, reverse=True))}|{'|'.join(_COUNTS[2:])}))\b",
    re.IGNORECASE,
)
# The same, without its groups: a test of whether a passage writes a share in words.
SHARE_IN_WORDS = re.compile(re.sub(r"\((?!\?)", "(?:", _FRACTION.pattern), re.IGNORECASE)


def stated_in_digits(number: float, text: str, decimal: str = ".") -> bool:
    """Whether a passage writes ``number`` in digits (not only in words or as a share in words)."""
    plain = canonical_separators(text, decimal)
    return _key(number) in {_key(float(token.replace(",", ""))) for token in _DIGITS.findall(plain)}


def _share(count: str, part: str, top: str, bottom: str) -> float | None:
    """The share one match of _FRACTION writes: "two-thirds", "one in five", "19 out of 20"."""
    if part:
        numerator, denominator = (
            (1 if count.lower() in ("a", "one") else _COUNTS.index(count.lower())),
            _PARTS[part.lower()],
        )
    else:
        numerator = int(top) if top.isdigit() else _COUNTS.index(top.lower())
        denominator = int(bottom) if bottom.isdigit() else _BOTTOMS.get(bottom.lower()) or _COUNTS.index(bottom.lower())
    return numerator / denominator if 0 < numerator < denominator else None


_ONE_IN = LazyPattern(rf"^\s*(?P<qualifier>[^\d]*?)\s*{_FRACTION.pattern}\s*$", re.IGNORECASE)


def one_in(text: str) -> tuple[str, float] | None:
    """A value that is a share written as "one in five", "almost one in 10" or "19 out of
    20": its qualifier as written and the share; None for any other value."""
    found = _ONE_IN.search(text)
    if found is None or not found.group(4):
        return None
    share = _share(*found.group(2, 3, 4, 5))
    return None if share is None else (found.group("qualifier"), share)


def _fractions(text: str) -> set[float]:
    """The shares a text writes in words, as a fraction and as a percentage, each at the
    precisions a value may round it to (two thirds: 0.67, 0.667, 67, 66.7)."""
    return _at_precisions(share for share in (_share(*groups) for groups in _FRACTION.findall(text)) if share)


def _at_precisions(shares) -> set[float]:
    found: set[float] = set()
    for share in shares:
        for digits in (0, 1, 2, 3):
            found.add(_key(round(share, digits + 1)))
            found.add(_key(round(100 * share, digits)))
    return found


# Shares in words in German, Spanish, French, Italian, Dutch and Portuguese copy ("más de
# una cuarta parte", "deux tiers", "ein Drittel"), read in a source of that language.
_LOCAL_FRACTIONS = tuple(
    (LazyPattern(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE), share)
    for words, share in (
        ("la mitad|metade|la moitié|la moitie|la metà|la meta|die hälfte|de helft", 1 / 2),
        ("un tercio|una tercera parte|um terço|um terco|terça parte|un tiers|un terzo|ein drittel|een derde", 1 / 3),
        ("dos tercios|dos terceras partes|dois terços|dois tercos|deux tiers|due terzi|zwei drittel|twee derde", 2 / 3),
        ("un cuarto|una cuarta parte|um quarto|quarta parte|un quart|un quarto|ein viertel|een kwart", 1 / 4),
        (
            "tres cuartos|tres cuartas partes|três quartos|tres quartos|trois quarts|tre quarti|drei viertel|"
            "driekwart|drie kwart",
            3 / 4,
        ),
        ("un quinto|una quinta parte|um quinto|quinta parte|un cinquième|ein fünftel|een vijfde", 1 / 5),
    )
)


def _local_fractions(text: str) -> set[float]:
    """The shares a text in one of those languages writes in words."""
    return _at_precisions(share for pattern, share in _LOCAL_FRACTIONS if pattern.search(text))


@lru_cache(maxsize=4096)
def _local_word_number(word: str, language: str) -> float | None:
    """A word's number in ``language`` ("cinco", "fünf", "vingt-deux"), read by text2num."""
    if word in _ARTICLES:
        return None
    from text_to_num import text2num

    try:
        return float(text2num(word, language))
    except (ValueError, IndexError, KeyError):
        return None


@lru_cache(maxsize=4096)
def _word_number(word: str) -> float | None:
    """A single word's number ("two" in "two-decade-long"), read by text2num."""
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    if not NUMBER_WORD.fullmatch(word):
        return None
    from text_to_num import text2num

    try:
        return float(text2num(word, "en"))
    except ValueError:
        return None


# Russian month names by their stems, in any case ("мая", "май", "августа").
_RU_MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма[йяе]",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
# The Solar Hijri months: their Afghan (Dari) and Iranian names, and transliterations of both.
_SOLAR_HIJRI_MONTHS = (
    ("حمل", "فروردین", "hamal", "farvardin"),
    ("ثور", "اردیبهشت", "sawr", "saur", "sowr", "ordibehesht"),
    ("جوزا", "خرداد", "jawza", "jauza", "jowza", "khordad"),
    ("سرطان", "تیر", "saratan", "tir"),
    ("اسد", "مرداد", "asad", "mordad"),
    ("سنبله", "شهریور", "sunbula", "sonbola", "sunbulah", "shahrivar"),
    ("میزان", "مهر", "mizan", "mehr"),
    ("عقرب", "آبان", "aqrab", "aban"),
    ("قوس", "آذر", "qaws", "qaus", "azar"),
    ("جدی", "دی", "jadi", "jaddi", "dey"),
    ("دلو", "بهمن", "dalw", "dalv", "bahman"),
    ("حوت", "اسفند", "hut", "hoot", "esfand"),
)
# A date in digits: "16.05.2025", "16/05/2025" (day and month in either order).
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})(?!\d)")


def months_in(text: str, solar_hijri: bool = False) -> set[int]:
    """The months a text names: in English or Russian words (Gregorian), or by their Solar
    Hijri names (``solar_hijri``), and in dates written in digits ("16.05.2025")."""
    lowered = text.lower()
    found = {
        month for day, month, _ in _NUMERIC_DATE.findall(lowered) for month in (int(day), int(month)) if month <= 12
    }
    if solar_hijri:
        return found | {
            number
            for number, names in enumerate(_SOLAR_HIJRI_MONTHS, start=1)
            if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered) for name in names)
        }
    found |= {number for number, name in enumerate(_MONTH_NAMES, start=1) if re.search(rf"\b{name}", lowered)}
    found |= {number for number, names in enumerate(_OTHER_MONTHS, start=1) if names.search(lowered)}
    for phrase, months in _PART_OF_YEAR:  # "late 2027", "by the end of 2027": months in words
        if phrase.search(lowered):
            found |= months
    return found | {number for number, stem in enumerate(_RU_MONTHS, start=1) if re.search(rf"\b{stem}", lowered)}


# Month names in German, French, Spanish, Portuguese, Italian and Dutch, in full (three
# letters of them would meet English words: "out", "set", "ago"), for quotes copied from
# such texts.
OTHER_MONTH_NAMES = (
    "januar|jänner|janvier|enero|janeiro|gennaio|januari",
    "februar|feber|février|fevrier|febrero|fevereiro|febbraio|februari",
    "märz|maerz|mars|marzo|março|marco|maart",
    "avril|abril|aprile",
    "mai|mayo|maio|maggio|mei",
    "juni|juin|junio|junho|giugno",
    "juli|juillet|julio|julho|luglio",
    "août|aout|agosto|augustus",
    "septembre|septiembre|setiembre|setembro|settembre",
    "oktober|octobre|octubre|outubro|ottobre",
    "novembre|noviembre|novembro",
    "dezember|décembre|decembre|diciembre|dezembro|dicembre",
)
_OTHER_MONTHS = tuple(LazyPattern(rf"\b(?:{names})\b") for names in OTHER_MONTH_NAMES)


# A part of a year in words, and the months a tagger may write for it ("late 2027" as
# 2027-10/2027-12, "the end of 2027" as 2027-12, "early 2026" as 2026-01/2026-03).
_OF_A_YEAR = r"(?:\s+of)?\s+(?:the\s+)?(?:(?:next|this|last|coming|current|following)\s+)?(?:year|\d{4})\b"
_LOCAL_OF = r"(?:\s+(?:de|del|di|van|des))?\s*"
_ORDINALS = ("first|1st", "second|2nd", "third|3rd", "fourth|4th")
_PART_OF_YEAR = (
    (
        LazyPattern(
            rf"\b(?:late|the\s+end|end|the\s+close|year[\s-]end){_OF_A_YEAR}|\b(?:year[\s-]end|end[\s-]\d{{4}})\b"
        ),
        set(range(9, 13)),
    ),
    (LazyPattern(rf"\b(?:early|the\s+start|start|the\s+beginning|beginning){_OF_A_YEAR}"), set(range(1, 5))),
    (LazyPattern(rf"\b(?:mid|the\s+middle){_OF_A_YEAR}|\bmid-\d{{4}}\b"), set(range(4, 10))),
    # The same in German, French, Spanish, Portuguese, Italian and Dutch copy: "Ende 2027",
    # "fin 2027", "finales de 2027", "eind 2027"; "Anfang 2026", "début 2026"; "Mitte 2026".
    (LazyPattern(rf"\b(?:ende|eind|fin|fine|fim|finales|final){_LOCAL_OF}\d{{4}}\b"), set(range(9, 13))),
    (
        LazyPattern(
            rf"\b(?:anfang|beginn|début|debut|principios|comienzos|inicio|início|inizio|begin){_LOCAL_OF}\d{{4}}\b"
        ),
        set(range(1, 5)),
    ),
    (LazyPattern(rf"\b(?:mitte|mi-|mediados|meados|metà|medio|midden){_LOCAL_OF}\d{{4}}\b"), set(range(4, 10))),
    # Halves and quarters: "the first half of 2028", "H1 2028", "the third quarter", "Q3"
    # (the text is lowered).
    *(
        (
            LazyPattern(rf"\b(?:{ordinal})\s+half\b|\bh{number}\b|\b{number}h\d{{2}}"),
            set(range(6 * number - 5, 6 * number + 1)),
        )
        for number, ordinal in enumerate(_ORDINALS[:2], start=1)
    ),
    *(
        (
            LazyPattern(rf"\b(?:{ordinal})\s+quarter\b|\bq{number}\b|\b{number}q\d{{2}}"),
            set(range(3 * number - 2, 3 * number + 1)),
        )
        for number, ordinal in enumerate(_ORDINALS, start=1)
    ),
)


def days_in(text: str) -> set[int]:
    """The days of dates written in digits ("16.05.2025": 16, and 5 in case of the other order)."""
    return {int(part) for day, month, _ in _NUMERIC_DATE.findall(text) for part in (day, month)}


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?"
_MONTH = rf"({'|'.join(_MONTH_NAMES)}|sept)[a-z]*\.?"
# "Friday, 3 May", "Friday 3 May 2024", "Friday, May 3", "Fri 3 May", "3 May (Friday)".
_WEEKDAY_BEFORE = re.compile(
    rf"\b{_WEEKDAY}\s*[,(]?\s*(?:the\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
_WEEKDAY_AFTER = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s*\d{{4}})?\s*[(,]\s*{_WEEKDAY}\b",
    re.IGNORECASE,
)


# Russian weekdays (Monday first, in the cases texts write them: "в среду, 20 августа").
_RU_WEEKDAYS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
_RU_WEEKDAY_BEFORE = re.compile(
    rf"(?<!\w)({'|'.join(_RU_WEEKDAYS)})[а-я]*\s*,?\s*(\d{{1,2}})\s+({'|'.join(_RU_MONTHS)})[а-я]*",
    re.IGNORECASE,
)
# Weekday names in German, French, Spanish, Portuguese, Italian and Dutch, Monday first
# (Portuguese in full: "segunda" alone is "second").
OTHER_WEEKDAY_NAMES = (
    "montag|lundi|lunes|segunda-feira|lunedì|lunedi|maandag",
    "dienstag|mardi|martes|terça-feira|terca-feira|martedì|martedi|dinsdag",
    "mittwoch|mercredi|miércoles|miercoles|quarta-feira|mercoledì|mercoledi|woensdag",
    "donnerstag|jeudi|jueves|quinta-feira|giovedì|giovedi|donderdag",
    "freitag|vendredi|viernes|sexta-feira|venerdì|venerdi|vrijdag",
    "samstag|sonnabend|samedi|sábado|sabado|sabato|zaterdag",
    "sonntag|dimanche|domingo|domenica|zondag",
)
# A weekday written in full, in English or in one of those languages.
WEEKDAY_WORD = "|".join((*_WEEKDAYS, *OTHER_WEEKDAY_NAMES))
# "Montag, 3. März", "lundi 3 mars", "lunes 3 de marzo", "segunda-feira, 17 de novembro",
# "martedì 10 giugno", "maandag 14 juli".
_OTHER_WEEKDAY_BEFORE = re.compile(
    rf"(?<!\w)({'|'.join(OTHER_WEEKDAY_NAMES)})(?!\w)\s*,?\s*(?:(?:der|den|le|el|il|o|dia)\s+)?(\d{{1,2}})"
    rf"(?:\.|er|º|°)?\s+(?:(?:de|di)\s+)?({'|'.join(OTHER_MONTH_NAMES)})(?!\w)",
    re.IGNORECASE,
)
WEEKDAY_HINT = re.compile(
    rf"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun|{'|'.join(_RU_WEEKDAYS)}|{'|'.join(OTHER_WEEKDAY_NAMES)})"
)


def weekday_number(word: str) -> int:
    """The weekday (Monday = 0) a weekday's name gives, in English (or its abbreviation) or
    in German, French, Spanish, Portuguese, Italian or Dutch; -1 for none."""
    lowered = word.lower()
    for index, names in enumerate(OTHER_WEEKDAY_NAMES):
        if lowered in names.split("|"):
            return index
    return next((index for index, name in enumerate(_WEEKDAYS) if name.startswith(lowered[:3])), -1)


def stated_weekdays(quote: str) -> list[tuple[int, int, int]]:
    """(day, month, weekday) for every date a quote writes with its weekday (Monday = 0), in
    English, Russian, German, French, Spanish, Portuguese, Italian or Dutch."""
    found = []
    for match in _RU_WEEKDAY_BEFORE.finditer(quote):
        weekday, day, month = match.groups()
        ru_weekday = next(index for index, stem in enumerate(_RU_WEEKDAYS) if weekday.lower().startswith(stem))
        ru_month = next(index for index, stem in enumerate(_RU_MONTHS, start=1) if re.match(stem, month.lower()))
        found.append((int(day), ru_month, ru_weekday))
    for match in _OTHER_WEEKDAY_BEFORE.finditer(quote):
        weekday, day, month = match.groups()
        other_month = next(
            index for index, names in enumerate(OTHER_MONTH_NAMES, start=1) if month.lower() in names.split("|")
        )
        found.append((int(day), other_month, weekday_number(weekday)))
    for match in _WEEKDAY_BEFORE.finditer(quote):
        weekday, day, month, month_first, day_after = match.groups()
        found.append((int(day or day_after), _month_index(month or month_first), _weekday_index(weekday)))
    for match in _WEEKDAY_AFTER.finditer(quote):
        day, month, month_first, day_after, weekday = match.groups()
        found.append((int(day or day_after), _month_index(month or month_first), _weekday_index(weekday)))
    return found


def stated_weekday(quote: str, day: float) -> int:
    """The weekday a quote writes next to the given date (day number), or -1."""
    if not isinstance(quote, str) or not math.isfinite(day):
        return -1
    date = dt.date.fromordinal(int(day))
    for stated_day, month, weekday in stated_weekdays(quote):
        if (stated_day, month) == (date.day, date.month):
            return weekday
    return -1


def _weekday_index(word: str) -> int:
    return next(index for index, name in enumerate(_WEEKDAYS) if name.startswith(word.lower()[:3]))


def _month_index(word: str) -> int:
    return _MONTH_NAMES.index(word.lower()[:3]) + 1


# How far a passage is widened to reach a word's edge: a script written without spaces
# has no edge nearby, and a passage should stay about as long as what it is compared with.
WIDEN_AT_MOST = 24


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened so that it neither starts nor ends inside a word (a match found
    by similarity can cut words at both ends), by at most ``WIDEN_AT_MOST`` characters each
    way, without the spaces at its ends."""
    if start >= end:
        return start, end
    floor, ceiling = max(0, start - WIDEN_AT_MOST), min(len(text), end + WIDEN_AT_MOST)
    while start > floor and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < ceiling and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
