"""Value phrases in running text: the date or quantity a number mention belongs to.

A mention (``checker.coverage``) is a bare run of digits, a month-and-year or a number
word. Drafting a claim needs the whole phrase around it, read the way an editor would tag
it, so that the value can go through the project's own parsers:

* dates: ``17 April 2025``, ``April 17, 2025``, ``May 2023``, ``2021``, ranges
  (``1996-2001``, ``from 1996 to 2001``, ``between 2010 and 2014``, ``2024–25``),
  decades (``the 1990s`` as ``199X``; ``early`` and ``late`` as the first and last five
  years, ``mid-`` as the whole decade), and the words that make a date an open interval:
  ``by``/``until``/``before`` (``../DATE``), ``after`` (from the next day, month or year:
  ``DATE/..``); ``since`` and ``as early as`` keep the date itself;
* quantities: a qualifier (``over``, ``about``, ``nearly``…, as
  ``checker.quantities.QUALIFIERS`` reads them; ``estimated`` is left to the modality
  ``estimate`` rather than made a ``~`` as well), a currency before or after the number,
  the number in digits or words (``two``, ``twenty-five``, ``a`` before a unit), a scale
  word (``million``, ``bn``, an attached ``m``), a unit (``tonnes``, ``cubic metres``,
  ``per cent``, ``decades``, ``people``…), and a rate (``per year``, ``a year``,
  ``annually``), also when it closes a list (``1 million tons of gasoline, … and
  2 million tons of wheat a year``);
* counts: a number before a noun that is no unit (``three countries``), ordinals
  (``the 16th forum``);
* multiples (``twice``), which describe another figure rather than state one.

Everything here is plain text work (regular expressions and text2num); values are
validated by the callers with ``checker.quantities`` and ``checker.dates``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker.numbers import MULTIPLES
from checker.quantities import CASED_CURRENCIES, CURRENCIES, CURRENCY_SYMBOLS, QUALIFIERS
from checker.texts import MONTH_WORD

_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NUMBERS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH_NUMBERS["sept"] = 9
_MONTH = MONTH_WORD
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d|21\d\d)"
_BEFORE = r"(?<![\w$€£₽₹.,/])"
_DATE_ATOM = re.compile(
    rf"{_BEFORE}(?:"
    rf"(?P<dmy_day>{_DAY})\s+(?:of\s+)?(?P<dmy_month>{_MONTH}),?\s+(?P<dmy_year>{_YEAR})"
    rf"|(?P<mdy_month>{_MONTH})\s+(?P<mdy_day>{_DAY}),?\s+(?P<mdy_year>{_YEAR})"
    rf"|(?P<my_month>{_MONTH}),?\s+(?P<my_year>{_YEAR})"
    rf"|(?P<decade>1\d\d0|20\d0)s"
    rf"|(?P<year>{_YEAR})(?:\s*[-–/]\s*(?P<year_end>\d\d)(?!\d|[.,]\d))?"
    rf")(?![\w%]|[.,]\d)"
)
# What may stand between two dates of a range, and the word that opens it.
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_DATE_PREFIX = re.compile(
    r"\b(?P<word>by|before|until|till|since|after|as early as|as late as|as of|from)\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$",
    re.IGNORECASE,
)
_DATE_PART = re.compile(r"\b(?P<part>early|mid|late|end of|beginning of|start of)[\s-]+$", re.IGNORECASE)

# A number in digits (English separators; the source's decimal mark is applied before
# this runs) or in words.
_WORD_NUMBERS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
)
# Digits joined by a slash ("9/11", "16/2025") are a name or a serial number, not an amount.
# Thousands grouped by spaces ("388 500 tonnes", as the WHO, SI and many languages write
# them) are one number, as the digit check reads them.
_DIGIT_NUMBER = re.compile(
    r"(?<![\w.,])(?<!\d/)(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?!\d|[.,]\d|/\d)"
)
_GROUPING = re.compile(r"[,\s\u00a0\u202f\u2009]")
_WORD_NUMBER = re.compile(
    rf"\b(?:(?:{_WORD_NUMBERS})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD_NUMBERS}))*|a dozen|dozen|an?)\b", re.IGNORECASE
)
_MULTIPLE = re.compile(r"\b(?:" + "|".join(sorted(MULTIPLES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_ORDINAL = re.compile(r"^(?:st|nd|rd|th)\b")
_SCALE_AFTER = re.compile(
    r"^(?:[\s-]*(?P<word>thousand|million|billion|trillion)\b|\s?(?P<short>mn|mln|bn|tn)\b|(?P<attached>[mk])\b)",
    re.IGNORECASE,
)
# Currencies written after the number, as ISO codes or words.
_CURRENCY_AFTER = {
    "usd": "USD",
    "us dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "rub": "RUB",
    "roubles": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "ruble": "RUB",
    "afn": "AFN",
    "afghanis": "AFN",
    "gbp": "GBP",
    "pounds sterling": "GBP",
    "cny": "CNY",
    "yuan": "CNY",
    "inr": "INR",
    "pkr": "PKR",
    "irr": "IRR",
    "kzt": "KZT",
    "uzs": "UZS",
    "try": "TRY",
    "aed": "AED",
    "jpy": "JPY",
    "chf": "CHF",
}
_CURRENCY_BEFORE = re.compile(
    r"(?P<currency>"
    + "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
    + r"|\b(?:"
    + "|".join(code for code in CURRENCIES if code not in CASED_CURRENCIES)  # "COP 29" is no money
    + r")\s)\s?$"
)
# Unit words as texts write them, and the unit a claims table writes (one pint reads).
# "tons" is read as metric tonnes, with a note: the claims table refuses it as ambiguous.
UNIT_WORDS = {
    "metric tonnes": "t",
    "metric tons": "t",
    "tonnes": "t",
    "tonne": "t",
    "tons": "t",
    "ton": "t",
    "kilotonnes": "kt",
    "kt": "kt",
    "million tonnes": "Mt",
    "kilograms": "kg",
    "kilogram": "kg",
    "kg": "kg",
    "cubic metres": "m^3",
    "cubic meters": "m^3",
    "cubic metre": "m^3",
    "cubic meter": "m^3",
    "m3": "m^3",
    "m³": "m^3",
    "bcm": "billion m^3",
    "barrels": "barrel",
    "barrel": "barrel",
    "litres": "litre",
    "liters": "litre",
    "litre": "litre",
    "liter": "litre",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "miles": "mile",
    "mile": "mile",
    "square kilometres": "km^2",
    "square kilometers": "km^2",
    "km2": "km^2",
    "km²": "km^2",
    "hectares": "hectare",
    "hectare": "hectare",
    "per cent": "%",
    "percent": "%",
    "%": "%",
    "people": "person",
    "persons": "person",
    "person": "person",
    "individuals": "person",
    "years": "year",
    "year": "year",
    "decades": "decades",
    "decade": "decade",
    "months": "month",
    "month": "month",
    "weeks": "week",
    "week": "week",
    "days": "day",
    "day": "day",
    "hours": "hour",
    "hour": "hour",
    "centuries": "century",
    "century": "century",
    "mw": "MW",
    "gw": "GW",
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "twh": "TWh",
    "percentage points": "pp",
    "percentage point": "pp",
    "basis points": "bp",
    "basis point": "bp",
    "bps": "bp",
    "b/d": "b/d",
    "bpd": "b/d",
    "kb/d": "kb/d",
    "mtpa": "Mtpa",
    "bcf": "bcf",
    "tcf": "tcf",
    "mmbtu": "MMBtu",
    "teu": "TEU",
}
_UNIT_AFTER = re.compile(
    r"^[\s-]*(?P<unit>"
    + "|".join(re.escape(word) for word in sorted(UNIT_WORDS, key=len, reverse=True))
    + r")(?![\w²³])",
    re.IGNORECASE,
)
_RATES = {
    "per year": "year",
    "a year": "year",
    "per annum": "year",
    "annually": "year",
    "each year": "year",
    "every year": "year",
    "yearly": "year",
    "/year": "year",
    "a day": "day",
    "per day": "day",
    "daily": "day",
    "each day": "day",
    "/day": "day",
    "a month": "month",
    "per month": "month",
    "monthly": "month",
    "each month": "month",
}
_RATE_AFTER = re.compile(
    r"^\s*(?P<rate>" + "|".join(re.escape(rate) for rate in sorted(_RATES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# "tons of liquefied petroleum gas a year": the rate after a short "of …" phrase.
_OF_PHRASE = re.compile(
    r"^\s+of\s+(?:[\w’'-]+\s+){0,4}?(?=(?:"
    + "|".join(re.escape(rate) for rate in sorted(_RATES, key=len, reverse=True))
    + r")\b)",
    re.IGNORECASE,
)
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=\W))(?P<qualifier>"
    + "|".join(
        re.escape(word)
        for word in sorted((q for q in QUALIFIERS if q[0].isalpha() and "estimated" not in q), key=len, reverse=True)
    )
    + r")\s+$",
    re.IGNORECASE,
)
_QUALIFIER_SIGN = {
    "exact": "=",
    "about": "~",
    "nearly": "nearly ",
    "just_over": "just over ",
    "gt": ">",
    "ge": ">=",
    "lt": "<",
    "le": "<=",
    "stated": "",
}


@dataclass(frozen=True)
class Phrase:
    """One value phrase: its span in the text, what it states and how it was read."""

    start: int
    end: int
    kind: str  # "date", "quantity" (with a unit or currency), "count" (a bare number), "multiple"
    value: str  # as a claims table writes it: EDTF for dates
    year_like: bool = False  # a year, a span of years or a decade: it may be a figure's period
    unit: str = ""
    notes: tuple[str, ...] = field(default=())
    converted: str = ""  # a conversion the text states in parentheses right after


# ---------------------------------------------------------------------------------------
# Sentences and clauses


_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Prof|Rev|Hon|No|Nos|vs|etc|approx|Inc|Ltd|Co|Corp|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|U\.S|U\.K|U\.N|E\.U)\.)$"
)
# A sentence ends at . ! ? (and closing quotes or brackets), then any footnote markers
# (superscript digits, <sup>…</sup>), then a capital or a digit.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>[^<]{0,12}</sup>))*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a line break always ends one; a full stop, question or exclamation
    mark before a capital or a digit does, unless it ends an abbreviation (``U.S.``,
    ``Dr.``, an initial)."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in _SENTENCE_END.finditer(text, line.start(), line.end()):
            if _ABBREVIATION.search(text, max(line.start(), end.start() - 6), end.start() + 1):
                continue
            spans.append((start, end.end()))
            start = end.end()
        spans.append((start, line.end()))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_CLAUSE_BREAK = re.compile(
    r";\s|:\s|\s[–—]\s|—|,\s(?=(?:which|while|whereas|but|although|though|thus|yet|so that|as)\b)"
)


def clause(text: str, sentence: tuple[int, int], start: int, end: int, shortest: int = 40) -> tuple[int, int]:
    """The clause of a sentence that holds ``start:end``, widened by its neighbours until it
    is at least ``shortest`` characters long (a quote should carry its own context)."""
    low, high = sentence
    cuts = (
        [low]
        + [m.end() for m in _CLAUSE_BREAK.finditer(text, low, high) if m.end() <= start or m.start() >= end]
        + [high]
    )
    breaks = sorted(set(cuts))
    pieces = list(zip(breaks, breaks[1:]))
    index = next((i for i, (a, b) in enumerate(pieces) if a <= start < b), 0)
    first = last = index
    while pieces[last][1] - pieces[first][0] < shortest and (first > 0 or last < len(pieces) - 1):
        if last < len(pieces) - 1:
            last += 1
        if pieces[last][1] - pieces[first][0] < shortest and first > 0:
            first -= 1
    a, b = pieces[first][0], pieces[last][1]
    # Drop the separators and trailing punctuation a clause ends on ("…, which"), never the
    # phrase itself.
    a, b = _trim(text, a, b)
    while b > end and text[b - 1] in ",;:—–- ":
        b -= 1
    while a < start and text[a] in ",;:—–- ":
        a += 1
    return _trim(text, a, b)


# ---------------------------------------------------------------------------------------
# Dates


def _atom(match: re.Match) -> tuple[str, str]:
    """An atom's EDTF value and precision ('day', 'month', 'year', 'decade')."""
    groups = match.groupdict()
    for prefix in ("dmy", "mdy"):
        if groups[f"{prefix}_year"]:
            year, month = int(groups[f"{prefix}_year"]), _MONTH_NUMBERS[groups[f"{prefix}_month"].rstrip(".").lower()]
            day = int(re.sub(r"\D", "", groups[f"{prefix}_day"]))
            try:
                dt.date(year, month, day)
            except ValueError:
                return f"{year:04d}-{month:02d}", "month"
            return f"{year:04d}-{month:02d}-{day:02d}", "day"
    if groups["my_year"]:
        return f"{int(groups['my_year']):04d}-{_MONTH_NUMBERS[groups['my_month'].rstrip('.').lower()]:02d}", "month"
    if groups["decade"]:
        return groups["decade"][:3] + "X", "decade"
    year = int(groups["year"])
    if groups["year_end"]:
        end = year // 100 * 100 + int(groups["year_end"])
        if end > year:
            return f"{year}/{end}", "years"
    return f"{year}", "year"


def _after(value: str, precision: str) -> str | None:
    """The open interval after a date: from the next day, month or year."""
    if precision == "day":
        day = dt.date.fromisoformat(value) + dt.timedelta(days=1)
        return f"{day.isoformat()}/.."
    if precision == "month":
        year, month = (int(part) for part in value.split("-"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return f"{year:04d}-{month:02d}/.."
    if precision == "year":
        return f"{int(value) + 1}/.."
    return None


def date_phrases(text: str, start: int, end: int) -> list[Phrase]:
    """Every date phrase of ``text[start:end]`` (a sentence)."""
    atoms: list[list[Any]] = []
    for match in _DATE_ATOM.finditer(text, start, end):
        if match.group("year") and _looks_like_amount(text, match.start(), match.end(), end):
            continue
        if _part_of_a_name(text, match.start(), start):
            continue
        value, precision = _atom(match)
        atoms.append([match.start(), match.end(), value, precision])
    # Ranges: "1996-2001", "from 1996 to 2001", "between March and May 2024" is left alone.
    merged: list[list[Any]] = []
    for atom in atoms:
        if merged:
            previous = merged[-1]
            between = text[previous[1] : atom[0]]
            opened = _RANGE_OPEN.search(text, max(start, previous[0] - 12), previous[0])
            joins = _RANGE_JOIN.match(between) and (opened or not re.search(r"\band\b", between, re.IGNORECASE))
            simple = "/" not in previous[2] and "/" not in atom[2] and "X" not in previous[2] + atom[2]
            if joins and simple and previous[2] < atom[2]:
                low = opened.start() if opened else previous[0]
                merged[-1] = [
                    low,
                    atom[1],
                    f"{previous[2]}/{atom[2]}",
                    "years" if previous[3] == atom[3] == "year" else "interval",
                ]
                continue
        merged.append(atom)
    phrases = []
    for low, high, value, precision in merged:
        notes: list[str] = []
        before = text[max(start, low - 30) : low]
        if precision == "decade":
            part = _DATE_PART.search(before)
            if part and part.group("part").lower() in ("early", "late"):
                decade = int(value[:3]) * 10
                value = (
                    f"{decade}/{decade + 4}" if part.group("part").lower() == "early" else f"{decade + 5}/{decade + 9}"
                )
                notes.append(
                    f"'{part.group('part')}' read as the {'first' if value.startswith(str(decade) + '/') else 'last'} five years of the decade"
                )
            if part:
                low -= len(part.group(0))
                before = text[max(start, low - 30) : low]
        elif (part := _DATE_PART.search(before)) is not None:
            notes.append(f"'{part.group('part')}' is not kept: EDTF has no such part of a {precision}")
            low -= len(part.group(0))
            before = text[max(start, low - 30) : low]
        prefix = _DATE_PREFIX.search(before)
        word = prefix.group("word").lower() if prefix else ""
        if word in ("by", "before", "until", "till", "as late as") and "/" not in value:
            value = f"../{value}"
            notes.append(f"'{word}': on or before")
        elif word == "after" and "/" not in value:
            later = _after(value, precision)
            if later:
                value = later
                notes.append("'after': from the next " + {"day": "day", "month": "month", "year": "year"}[precision])
        elif word == "since":
            notes.append("'since': the date it counts from (a status or duration may hold from it)")
        year_like = precision in ("year", "years", "decade") and not value.startswith("..") and not value.endswith("..")
        phrases.append(Phrase(low, high, "date", value, year_like=year_like, notes=tuple(notes)))
    return phrases


def _part_of_a_name(text: str, at: int, start: int) -> bool:
    """'COVID-19', 'Su-35', 'A-2024': a number hyphenated to a word is part of a name, except
    after the words that place a date in its decade ('mid-1990s')."""
    if at - 1 < start or text[at - 1] not in "-‑":
        return False
    found = re.search(r"(\w*)$", text[max(start, at - 12) : at - 1])
    word = found.group(1) if found else ""
    return bool(word) and not word.isdigit() and word.lower() not in ("mid", "early", "late", "pre", "post")


def _looks_like_amount(text: str, start: int, end: int, limit: int) -> bool:
    """A four-digit number that is an amount, not a year: after a currency or a qualifier,
    or before a scale word or a unit ('over 2000 tonnes', '$2025')."""
    before = text[max(0, start - 20) : start]
    after = text[end:limit]
    if _CURRENCY_BEFORE.search(before) or _QUALIFIER_BEFORE.search(before):
        return True
    return bool(_SCALE_AFTER.match(after) and not re.match(r"^[mk]\b", after)) or bool(
        _UNIT_AFTER.match(after) and not re.match(r"^\s*[-–]", after)
    )


# ---------------------------------------------------------------------------------------
# Quantities


@lru_cache(maxsize=1024)
def word_number(words: str) -> float | None:
    """A number written in words ('twenty-five', 'two hundred', 'a dozen', 'a'), or None."""
    lowered = words.lower().strip()
    if lowered in ("a", "an"):
        return 1.0
    if lowered in ("dozen", "a dozen"):
        return 12.0
    from text_to_num import text2num

    try:
        return float(text2num(re.sub(r"[\s-]+", " ", lowered).replace(" and ", " "), "en"))
    except ValueError:
        return None


def quantity_phrases(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Phrase]:
    """Every quantity, count and multiple of ``text[start:end]`` outside the spans taken
    (by dates)."""
    found: list[Phrase] = []
    tokens = [(m.start(), m.end(), m.group(0), True) for m in _DIGIT_NUMBER.finditer(text, start, end)]
    tokens += [(m.start(), m.end(), m.group(0), False) for m in _WORD_NUMBER.finditer(text, start, end)]
    for low, high, written, digits in sorted(tokens):
        if any(a <= low < b for a, b in taken) or any(p.start <= low < p.end for p in found):
            continue
        if _part_of_a_name(text, low, start):
            continue
        phrase = _quantity(text, low, high, written, digits, start, end)
        if phrase is not None:
            found.append(phrase)
    for match in _MULTIPLE.finditer(text, start, end):
        if not any(a <= match.start() < b for a, b in taken) and not any(
            p.start <= match.start() < p.end for p in found
        ):
            found.append(Phrase(match.start(), match.end(), "multiple", f"x{MULTIPLES[match.group(0).lower()]:g}"))
    found.sort(key=lambda phrase: phrase.start)
    _conversions(text, found)
    return _rates_over_lists(text, found, end)


def _quantity(text: str, low: int, high: int, written: str, digits: bool, start: int, end: int) -> Phrase | None:
    number = float(_GROUPING.sub("", written)) if digits else word_number(written)
    if number is None:
        return None
    notes: list[str] = []
    after = text[high:end]
    position = high
    ordinal = _ORDINAL.match(after) if digits else None
    if ordinal:
        return Phrase(
            low,
            high + ordinal.end(),
            "count",
            _shown(written, digits, number),
            notes=("an ordinal: the number of an edition or rank",),
        )
    scale = _SCALE_AFTER.match(after)
    scale_text = ""
    if scale and (scale.group("word") or scale.group("short") or scale.group("attached")):
        scale_text = scale.group("word") or scale.group("short") or scale.group("attached")
        position += scale.end()
    currency_after = ""
    unit = ""
    rest = text[position:end]
    match = re.match(
        r"^\s+(?P<currency>" + "|".join(re.escape(c) for c in sorted(_CURRENCY_AFTER, key=len, reverse=True)) + r")\b",
        rest,
        re.IGNORECASE,
    )
    if match and not (match.group("currency").lower() in ("try",) and match.group("currency") != "TRY"):
        currency_after = _CURRENCY_AFTER[match.group("currency").lower()]
        position += match.end()
    else:
        match = _UNIT_AFTER.match(rest)
        if match:
            word = match.group("unit")
            unit = UNIT_WORDS[word.lower()]
            if word.lower() in ("ton", "tons"):
                notes.append(f"'{word}' read as metric tonnes (the claims table refuses 'tons' as ambiguous)")
            position += match.end()
    # A lone "a"/"an" is a number only before a unit or a scale ("a decade", "a million").
    if not digits and written.lower() in ("a", "an") and not (unit or scale_text or currency_after):
        return None
    if (
        scale
        and scale.group("attached")
        and not (unit or currency_after or _CURRENCY_BEFORE.search(text[max(start, low - 6) : low]))
    ):
        if scale.group("attached").lower() == "m" and not re.match(r"^\s+[a-z]", text[position:end]):
            scale_text, position = "", high  # "20m" alone: metres or million? leave the number
        elif scale.group("attached").lower() == "k":
            pass
    rate = _RATE_AFTER.match(text[position:end])
    if rate:
        per = _RATES[rate.group("rate").lower()]
        unit = f"{unit}/{per}" if unit else f"/{per}"
        position += rate.end()
    before = text[max(start, low - 40) : low]
    currency = _CURRENCY_BEFORE.search(before)
    first = low
    currency_text = ""
    if currency:
        currency_text = currency.group("currency").strip()
        first = max(start, low - 40) + currency.start()
        before = text[max(start, low - 40) : first]
    qualifier = _QUALIFIER_BEFORE.search(before)
    sign = ""
    if qualifier:
        sign = _QUALIFIER_SIGN[QUALIFIERS[qualifier.group("qualifier").lower()]]
        first = max(start, low - 40) + qualifier.start()
    shown = _shown(written, digits, number)
    if unit in ("decade", "decades") or unit.startswith(("decade", "decades")):
        unit = (
            unit.replace("decades", "decade")
            if number == 1
            else unit.replace("decades", "decade").replace("decade", "decades", 1)
        )
    value = (
        sign
        + (currency_text if currency_text in CURRENCY_SYMBOLS else (currency_text + " " if currency_text else ""))
        + shown
    )
    if (
        scale_text and scale is not None
    ):  # as written: "3.5bn", "3.5 bn", "1.2 billion" ("1.2-billion" as "1.2 billion")
        value += re.sub(r"[\s-]+", " ", text[high : high + scale.end()])
    if currency_after:
        value += f" {currency_after}"
    if unit:
        value += unit if unit.startswith("/") else f" {unit}"
    kind = (
        "quantity"
        if (unit.strip("/") and unit.split("/")[0] not in ("", "person")) or currency_text or currency_after
        else "count"
    )
    if unit.startswith("person"):
        kind = "count"
    if not digits:
        notes.append(f"'{written}' written in words")
    return Phrase(first, position, kind, value, unit=unit, notes=tuple(notes))


def _shown(written: str, digits: bool, number: float) -> str:
    if digits:
        return f"{number:,.0f}" if _GROUPING.sub("", written.replace(",", "")) != written.replace(",", "") else written
    return f"{number:,.0f}" if number == int(number) else f"{number:g}"


_CONVERSION_GAP = re.compile(
    r"(?:\s+of\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+)?\s*\(\s*(?:(?:or|i\.e\.|about|around|approximately|"
    r"some|roughly|nearly|almost|over|more than|up to)\s+)?",
    re.IGNORECASE,
)


def _conversions(text: str, phrases: list[Phrase]) -> None:
    """'50 million cubic metres (about 26.3 million tonnes)': the quantity in parentheses
    right after another is the text's own conversion of it."""
    index = 0
    while index < len(phrases) - 1:
        first, second = phrases[index], phrases[index + 1]
        between = text[first.end : second.start]
        closing = text[second.end : second.end + 2]
        if (
            first.kind == second.kind == "quantity"
            and _CONVERSION_GAP.fullmatch(between)
            and first.unit != second.unit
            and closing.lstrip().startswith(")")
        ):
            phrases[index] = Phrase(
                first.start,
                second.end + closing.index(")") + 1,
                first.kind,
                first.value,
                first.year_like,
                first.unit,
                first.notes,
                converted=second.value,
            )
            del phrases[index + 1]
        index += 1


def _rates_over_lists(text: str, phrases: list[Phrase], end: int) -> list[Phrase]:
    """A rate that closes a list of quantities of one unit applies to each of them:
    '1 million tons of gasoline, …, and 2 million tons of wheat a year'."""
    result = list(phrases)
    rates: list[tuple[int, int]] = []
    index = len(result) - 1
    while index >= 0:
        last = result[index]
        if last.kind != "quantity" or "/" in last.unit or not last.unit:
            index -= 1
            continue
        of = _OF_PHRASE.match(text[last.end : end])
        rate = _RATE_AFTER.match(text[last.end + (of.end() if of else 0) : end]) if of else None
        if not rate:
            index -= 1
            continue
        per = _RATES[rate.group("rate").lower()]
        rate_start = last.end + (of.end() if of else 0) + rate.start("rate")
        rates.append((rate_start, rate_start + len(rate.group("rate"))))
        members = [index]
        while members[0] > 0:
            previous = result[members[0] - 1]
            gap = text[previous.end : result[members[0]].start]
            if (
                previous.kind == "quantity"
                and previous.unit == last.unit
                and len(gap) <= 60
                and re.fullmatch(
                    r"(?:\s+of\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)?\s*,?\s*(?:and\s+|or\s+)?", gap, re.IGNORECASE
                )
            ):
                members.insert(0, members[0] - 1)
            else:
                break
        for member in members:
            phrase = result[member]
            result[member] = Phrase(
                phrase.start,
                phrase.end,
                phrase.kind,
                phrase.value.replace(f" {phrase.unit}", f" {phrase.unit}/{per}", 1)
                if phrase.value.endswith(f" {phrase.unit}")
                else phrase.value + f"/{per}",
                phrase.year_like,
                f"{phrase.unit}/{per}",
                phrase.notes + (f"'{rate.group('rate')}' at the end of the list read as the rate of each figure",)
                if len(members) > 1 or member != index or of
                else phrase.notes,
                phrase.converted,
            )
        index = members[0] - 1
    # "a year" read as the rate of a list is not a duration of its own.
    return [phrase for phrase in result if not any(a <= phrase.start < b for a, b in rates)]


def read_sentence(text: str, start: int, end: int) -> list[Phrase]:
    """The date, quantity, count and multiple phrases of one sentence, in text order."""
    dates = date_phrases(text, start, end)
    quantities = quantity_phrases(text, start, end, [(p.start, p.end) for p in dates])
    return sorted(dates + quantities, key=lambda phrase: (phrase.start, phrase.end))
