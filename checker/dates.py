"""Dates with precision, as intervals of days.

Editors write dates in EDTF (ISO 8601-2, read by the ``edtf`` library): ``2024``,
``2024-03``, ``2024-03-22``, intervals ``2024/2025`` or ``2024-03/2024-05``, open intervals
``2025-04-17/..``, seasons ``2024-21`` (spring), approximate ``2024~``. Every date is an
interval ``[start, end)`` of proleptic Gregorian day numbers (``date.toordinal()``), so a
date at month precision contains every day of that month: March 2024 and 22 March 2024 are
compatible, and a finer date always nests inside the coarser one it refines.

Open ends are ±infinity, so the columns are floats.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from checker.errors import ParseError

_MONTHS = "january february march april may june july august september october november december".split()
_HUMAN_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_HUMAN_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_HUMAN_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{4})$")


@dataclass(frozen=True)
class DateInterval:
    """Days ``start`` (inclusive) to ``end`` (exclusive), and the precision as written."""

    start: float
    end: float
    precision: str

    def contains(self, other: "DateInterval") -> bool:
        return self.start <= other.start and other.end <= self.end


def _month_number(word: str) -> int | None:
    word = word.lower()
    for number, name in enumerate(_MONTHS, start=1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


def _hint(text: str) -> str:
    """Suggest the EDTF spelling of a date written the human way."""
    if match := _ISO_DAY.match(text):
        year, month, day = (int(part) for part in match.groups())
        if 1 <= month <= 12:
            return f" ({_MONTHS[month - 1].title()} {year} has no day {day})"
        return f" (there is no month {month})"
    if match := _YEAR_RANGE.match(text):
        return f" (write '{match.group(1)}/{match.group(2)}' for a span of years)"
    if match := _HUMAN_DAY_MONTH_YEAR.match(text):
        day, month, year = match.groups()
    elif match := _HUMAN_MONTH_DAY_YEAR.match(text):
        month, day, year = match.groups()
    elif match := _HUMAN_MONTH_YEAR.match(text):
        month, year = match.groups()
        day = None
    else:
        return " (write an EDTF date: 2024, 2024-03, 2024-03-22, 2024/2025)"
    number = _month_number(month)
    if number is None:
        return " (write an EDTF date: 2024, 2024-03, 2024-03-22, 2024/2025)"
    suggestion = f"{year}-{number:02d}" + (f"-{int(day):02d}" if day else "")
    return f" (write '{suggestion}')"


def _day_number(struct) -> float:
    """A struct_time (or the float infinity edtf gives for an open end) as a day number."""
    if isinstance(struct, float):
        return struct
    return float(dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday).toordinal())


def _precision(parsed, text: str) -> str:
    name = type(parsed).__name__
    if name == "Date":
        return {1: "year", 2: "month", 3: "day"}[text.count("-") + 1] if text[:1] != "-" else "year"
    if "interval" in name.lower():
        return "interval"
    return {"Season": "season", "UncertainOrApproximate": "approximate",
            "Unspecified": "decade-or-century"}.get(name, name.lower())


@lru_cache(maxsize=65536)
def parse_date(text: str) -> DateInterval:
    """Read an EDTF date or interval. Raises ParseError, and nothing else."""
    if not isinstance(text, str):
        raise ParseError("a date must be text")
    source = text.strip()
    if not source:
        raise ParseError("empty date")
    if len(source) > 64:
        raise ParseError("date is longer than 64 characters")
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(source)
        lower = parsed.lower_fuzzy()
        upper = parsed.upper_fuzzy()
    except EDTFParseException:
        raise ParseError(f"'{source}' is not a valid date{_hint(source)}") from None
    except (ValueError, TypeError, AttributeError, OverflowError, KeyError, IndexError) as error:
        raise ParseError(f"'{source}' is not a valid date ({error})") from None
    try:
        start = _day_number(lower)
        end = _day_number(upper) + 1
    except (ValueError, OverflowError):
        raise ParseError(f"'{source}' is outside the calendar") from None
    if not (start < end) or math.isnan(start) or math.isnan(end):
        raise ParseError(f"'{source}' ends before it starts")
    return DateInterval(start=start, end=end, precision=_precision(parsed, source))


def parse_dates(values: pd.Series) -> tuple[pd.DataFrame, dict[str, str]]:
    """Parse a column of dates once per unique string: columns start, end, precision."""
    unique = pd.unique(values[values != ""])
    parsed: dict[str, tuple] = {}
    errors: dict[str, str] = {}
    for text in unique:
        try:
            interval = parse_date(text)
        except ParseError as error:
            errors[text] = str(error)
            continue
        parsed[text] = (interval.start, interval.end, interval.precision)
    index = pd.Index(list(parsed))
    table = list(parsed.values())
    codes = index.get_indexer(values)
    starts = np.array([row[0] for row in table] + [np.nan])
    ends = np.array([row[1] for row in table] + [np.nan])
    precisions = np.array([row[2] for row in table] + [None], dtype=object)
    codes = np.where(codes >= 0, codes, len(table))
    result = pd.DataFrame(
        {"start": starts[codes], "end": ends[codes], "precision": precisions[codes]},
        index=values.index,
    )
    return result, errors


def day_to_iso(day: float) -> str:
    """A day number as an ISO date; open ends print as '..' (EDTF's open interval)."""
    if not math.isfinite(day):
        return ".."
    return dt.date.fromordinal(int(day)).isoformat()


def interval_label(start: float, end: float) -> str:
    """The shortest EDTF text for an interval of whole days, years or months."""
    if not (math.isfinite(start) and math.isfinite(end)):
        return f"{day_to_iso(start)}/{day_to_iso(end - 1 if math.isfinite(end) else end)}"
    first = dt.date.fromordinal(int(start))
    last = dt.date.fromordinal(int(end) - 1)
    if last == dt.date.max:
        return f"{first.isoformat()}/{last.isoformat()}"
    if first.month == 1 and first.day == 1 and last.month == 12 and last.day == 31:
        return str(first.year) if first.year == last.year else f"{first.year}/{last.year}"
    month_end = (last + dt.timedelta(days=1)).day == 1
    if first.day == 1 and month_end:
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year}-{first.month:02d}"
        return f"{first.year}-{first.month:02d}/{last.year}-{last.month:02d}"
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()}/{last.isoformat()}"
