"""Dates with precision, as intervals of days.

Editors write dates in EDTF (ISO 8601-2, read by the ``edtf`` library): ``2024``,
``2024-03``, ``2024-03-22``, intervals ``2024/2025`` or ``2024-03/2024-05``, open intervals
``2025-04-17/..``, seasons ``2024-21`` (spring), approximate ``2024~``. Every date is an
interval ``[start, end)`` of proleptic Gregorian day numbers (``date.toordinal()``), so a
date at month precision contains every day of that month: March 2024 and 22 March 2024 are
compatible, and a finer date always nests inside the coarser one it refines.

Open ends are ±infinity, so the columns are floats.

The plain calendar forms (YYYY, YYYY-MM, YYYY-MM-DD and intervals of them, open or not)
are read on whole columns with integer calendar arithmetic; the edtf library reads every
other form. edtf's grammar costs about 10 ms per string, which at a million claims with
many distinct dates would dominate a check; the tests hold both paths to the same answers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from checker.columns import from_codes, map_unique
from checker.display import MONTHS
from checker.display import day_to_iso as day_to_iso  # moved to display.py: reports render intervals without pandas
from checker.display import interval_label as interval_label
from checker.errors import ParseError
from checker.lookups import LookupCache

_MONTHS = list(MONTHS)
_HUMAN_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_HUMAN_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_HUMAN_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{4})$")
_SPLIT_YEAR = re.compile(r"^(?:FY|MY|SY)?\s*(\d{4})\s*[/–-]\s*(\d{2})$", re.IGNORECASE)
_FISCAL_YEAR = re.compile(r"^(?:Q[1-4]\s*|H[12]\s*)?(?:FY|fiscal(?:\s+year)?)\s*'?(\d{4}|\d{2})$", re.IGNORECASE)
# A fiscal year with its label, one side of an interval of them ("FY2026/FY2030").
_LABELLED_FISCAL = re.compile(
    r"^(?:[QH][1-4]\s*)?(?:FY|MY|SY|fiscal(?:\s+year)?|financial\s+year)\s*'?\d", re.IGNORECASE
)
# A fiscal, marketing or crop year as reports name it: a split year ("2024/25", "2024-25",
# "FY2024-25", "MY 2024/25", "FY24/25"), or one named by the year it ends in ("FY2025",
# "FY25", "FY'25", "fiscal 2025", "financial year 2025"); either with a quarter or a half
# of it before or after ("Q1 FY25", "H2 2024/25", "FY2025 Q3").
_FISCAL = re.compile(
    r"^(?:(?P<lead>[QH][1-4])\s*)?"
    r"(?P<label>FY|MY|SY|fiscal(?:\s+year)?|financial\s+year)?\s*'?"
    r"(?P<first>\d{4}|\d{2})(?:\s*(?P<mark>[/–-])\s*(?P<second>\d{4}|\d{2}))?"
    r"(?:\s*(?P<tail>[QH][1-4]))?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateInterval:
    """Days ``start`` (inclusive) to ``end`` (exclusive), and the precision as written.

    ``last_start`` is where the last side of an interval begins (``2022-07/2024-05`` →
    1 May 2024): the as-of time of a running total is its period's last side. For a single
    date it is ``start``. ``first_end`` is where the first side of an interval ends
    (``2022-07/2024-05`` → 1 August 2022; an open start: -inf): what an interval certainly
    covers runs from the first side's last day to the last side's first. For a single date
    it is ``end``. Days may be fractional: ``2024-05-02T14:00`` is the minute from 14:00, a
    day and a fraction."""

    start: float
    end: float
    precision: str
    last_start: float = math.nan
    first_end: float = math.nan

    def __post_init__(self) -> None:
        if math.isnan(self.last_start):
            object.__setattr__(self, "last_start", self.start)
        if math.isnan(self.first_end):
            object.__setattr__(self, "first_end", self.end)

    def contains(self, other: DateInterval) -> bool:
        return self.start <= other.start and other.end <= self.end


def _month_number(word: str) -> int | None:
    word = word.lower()
    for number, name in enumerate(_MONTHS, start=1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


_SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_SLASHED_ISO = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")


def _day_exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
        return True
    except ValueError:
        return False


def _hint(text: str) -> str:
    """Suggest the EDTF spelling of a date written the human way."""
    if match := _SLASHED.match(text):  # 22/03/2024, 03/22/2024, 22.03.2024
        first, second, year = (int(part) for part in match.groups())
        readings = [
            f"{year:04d}-{month:02d}-{day:02d}"
            for day, month in ((first, second), (second, first))
            if _day_exists(year, month, day)
        ]
        readings = list(dict.fromkeys(readings))
        if len(readings) == 1:
            return f" (write '{readings[0]}')"
        if readings:
            return f" (write '{readings[0]}' if the day comes first, '{readings[1]}' if the month does)"
    if match := _SLASHED_ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
        if _day_exists(year, month, day):
            return f" (write '{year:04d}-{month:02d}-{day:02d}'; a slash separates the two ends of an interval)"
    if match := _ISO_DAY.match(text):
        year, month, day = (int(part) for part in match.groups())
        if 1 <= month <= 12:
            return f" ({_MONTHS[month - 1].title()} {year} has no day {day})"
        return f" (there is no month {month})"
    if match := _YEAR_RANGE.match(text):
        return f" (write '{match.group(1)}/{match.group(2)}' for a span of years)"
    if match := _SPLIT_YEAR.match(text):
        year = int(match.group(1))
        return (
            f" ({text} is a split year, a fiscal, marketing or crop year: give its topic a year_start, the month "
            f"its years begin (April for April to March), or write its months, e.g. '{year}-07/{year + 1}-06' for "
            f"July to June; '{year}/{year + 1}' would be the two calendar years)"
        )
    if match := _FISCAL_YEAR.match(text):
        year = int(match.group(1))
        year += 2000 if year < 100 else 0
        return (
            f" (a fiscal year: give its topic a year_start, the month its years begin (October for a US federal "
            f"fiscal year), or write its months, e.g. '{year - 1}-10/{year}-09')"
        )
    day_text: str | None
    if match := _HUMAN_DAY_MONTH_YEAR.match(text):
        day_text, month_text, year_text = match.groups()
    elif match := _HUMAN_MONTH_DAY_YEAR.match(text):
        month_text, day_text, year_text = match.groups()
    elif match := _HUMAN_MONTH_YEAR.match(text):
        month_text, year_text = match.groups()
        day_text = None
    else:
        return " (write an EDTF date: 2024, 2024-03, 2024-03-22, 2024/2025)"
    number = _month_number(month_text)
    if number is None:
        return " (write an EDTF date: 2024, 2024-03, 2024-03-22, 2024/2025)"
    suggestion = f"{year_text}-{number:02d}" + (f"-{int(day_text):02d}" if day_text else "")
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
    return {"Season": "season", "UncertainOrApproximate": "approximate", "Unspecified": "decade-or-century"}.get(
        name, name.lower()
    )


_SIDE = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
_PLAIN = re.compile(rf"^\s*(?:{_SIDE}|(\.\.))(?:/(?:{_SIDE}|(\.\.)))?\s*$")
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _days_from_civil(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Proleptic Gregorian day ordinals (date.toordinal) from year, month, day arrays.

    The days-from-civil algorithm (H. Hinnant, "chrono-Compatible Low-Level Date
    Algorithms"), on whole arrays."""
    year = year - (month <= 2)
    era = np.floor_divide(year, 400)
    year_of_era = year - era * 400
    day_of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468 + _EPOCH_ORDINAL


def _side(year, month, day):
    """Start and end (exclusive) day numbers of one side, and whether it is a valid date."""
    year = year.astype(np.int64)
    has_month = month >= 0
    has_day = day >= 0
    month_ = np.where(has_month, month, 1)
    day_ = np.where(has_day, day, 1)
    valid = (year >= 1) & (month_ >= 1) & (month_ <= 12)
    month_ = np.clip(month_, 1, 12)
    next_month_year = np.where(month_ == 12, year + 1, year)
    next_month = np.where(month_ == 12, 1, month_ + 1)
    month_length = _days_from_civil(next_month_year, next_month, np.ones_like(year)) - _days_from_civil(
        year, month_, np.ones_like(year)
    )
    valid &= (day_ >= 1) & (day_ <= month_length)
    start = _days_from_civil(year, month_, np.clip(day_, 1, 31))
    end = np.where(
        has_day,
        start + 1,
        np.where(
            has_month,
            _days_from_civil(next_month_year, next_month, np.ones_like(year)),
            _days_from_civil(year + 1, np.ones_like(year), np.ones_like(year)),
        ),
    )
    precision = np.where(has_day, "day", np.where(has_month, "month", "year"))
    return start.astype(float), end.astype(float), valid, precision


def _plain(texts: pd.Series) -> pd.DataFrame:
    """Read the plain calendar forms on a whole column; other rows come back unmatched."""
    parts = texts.str.extract(_PLAIN)
    matched = parts[0].notna() | parts[3].notna()
    matched &= ~(parts[3].notna() & parts[7].notna())  # "../.." is no date
    numbers = parts[[0, 1, 2, 4, 5, 6]].apply(pd.to_numeric, errors="coerce").fillna(-1).to_numpy(dtype=np.int64)
    left_start, left_end, left_valid, precision = _side(
        np.where(numbers[:, 0] > 0, numbers[:, 0], 1), numbers[:, 1], numbers[:, 2]
    )
    right_start, right_end, right_valid, _ = _side(
        np.where(numbers[:, 3] > 0, numbers[:, 3], 1), numbers[:, 4], numbers[:, 5]
    )
    open_start, has_right, open_end = (
        parts[3].notna().to_numpy(),
        (parts[4].notna() | parts[7].notna()).to_numpy(),
        parts[7].notna().to_numpy(),
    )
    left_valid &= (numbers[:, 0] >= 1) | open_start
    right_valid &= ~(parts[4].notna().to_numpy()) | (numbers[:, 3] >= 1)
    start = np.where(open_start, -np.inf, left_start)
    end = np.where(open_end, np.inf, np.where(has_right, right_end, left_end))
    valid = left_valid & np.where(has_right & ~open_end, right_valid, True) & (start < end)
    last_start = np.where(open_end, np.inf, np.where(has_right, right_start, start))
    first_end = np.where(open_start, -np.inf, np.where(has_right, left_end, end))
    return pd.DataFrame(
        {
            "matched": matched.to_numpy() & valid,
            "start": start,
            "end": end,
            "precision": np.where(has_right | open_start, "interval", precision),
            "last_start": last_start,
            "first_end": first_end,
        },
        index=texts.index,
    )


# (An EDTF qualifier may follow: "20:40Z~" is about 20:40 UTC.)
_ZONE = re.compile(r"T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)[~?%]?$")


def offset_days(value: str) -> float | None:
    """The time zone a date value states, in days east of UTC (None: no zone, local time)."""
    found = _ZONE.search(str(value).strip())
    if not found:
        return None
    zone = found.group("zone")
    if zone == "Z":
        return 0.0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * (int(digits[:2]) + int(digits[2:4] or 0) / 60) / 24


def local_days(claims: pd.DataFrame) -> np.ndarray:
    """The day each claim is about as its text counts days: a date claim's date (a time of
    day with its zone on the day its offset names, 18:15-04:00 on 18 October though it is
    22:15 UTC), any other claim's period's first day."""
    day = claims["date_start"].where(claims["kind"] == "date", claims["period_start"]).to_numpy(dtype=float)
    timed = np.flatnonzero(
        (claims["kind"] == "date").to_numpy() & claims["date_precision"].isin(("minute", "second")).to_numpy()
    )
    if len(timed):
        offsets = np.array([offset_days(value) or 0.0 for value in claims["value"].iloc[timed]])
        day = day.copy()
        day[timed] = np.floor(day[timed] + offsets)
    return day


@lru_cache(maxsize=65536)
def parse_date(text: str) -> DateInterval:
    """Read an EDTF date or interval. Raises ParseError, and nothing else."""
    if not isinstance(text, str):
        raise ParseError("a date must be text")
    source = edtf_codes(text.strip())
    split = re.fullmatch(r"(\d{4})-(\d{2})", source)
    if split and 25 <= int(split.group(2)) <= 32 and int(split.group(2)) == (int(split.group(1)) + 1) % 100:
        # EDTF reads '2024-25' as a season of one hemisphere; a report means a split year.
        # ('2022-23' stays EDTF's autumn 2022, a code editors write: under a topic with a
        # year_start it is the split year, see parse_periods.)
        raise ParseError(f"'{source}' is not read as EDTF's season {split.group(2)}{_hint(source)}")
    if source and len(source) <= 64 and _PLAIN.match(source):
        plain = _plain(pd.Series([source], dtype=object)).iloc[0]
        if plain["matched"]:
            return DateInterval(
                start=float(plain["start"]),
                end=float(plain["end"]),
                precision=str(plain["precision"]),
                last_start=float(plain["last_start"]),
                first_end=float(plain["first_end"]),
            )
    if len(source) > 64:
        raise ParseError("date is longer than 64 characters")
    if _SOLAR_HIJRI_SUFFIX.search(source) or _TIME.search(source) or _DIVISION_SIDE.search(source):
        return _parse_sides(source)
    year = _QUALIFIED_YEAR.fullmatch(source)
    if year:
        return _year_span(source, year)
    interval = _parse_edtf(source)
    if interval.precision == "interval" and source.count("/") == 1:
        # The as-of time of an interval is its last side; what it certainly covers starts
        # where its first side ends.
        first, last = (side.strip() for side in source.split("/"))
        last_start = interval.start
        first_end = -math.inf if first in ("", "..") else interval.start + 1  # a side edtf alone cannot read: its start
        try:
            if last and last != "..":
                last_start = _parse_edtf(last).start
        except ParseError:
            pass
        try:
            if first and first != "..":
                first_end = _parse_edtf(first).end
        except ParseError:
            pass
        interval = DateInterval(interval.start, interval.end, interval.precision, last_start, first_end)
    return interval


# Quarters and halves as reports write them ("Q1 2025", "2025-Q3", "H1 2025"): EDTF's
# codes for them (ISO 8601-2: 33–36 quarters, 40–41 halves).
_QUARTER_OR_HALF = re.compile(
    r"(?<![\w-])(?:([QH])([1-4])\s*[-/ ]?\s*(\d{4})|(\d{4})\s*-?\s*([QH])([1-4]))(?![\w-])", re.IGNORECASE
)


# Seasons as texts name them ("summer 2024"): EDTF's codes 21–24 (spring to winter).
_SEASON = re.compile(r"(?<![\w-])(spring|summer|autumn|fall|winter)\s+(\d{4})(?![\w-])", re.IGNORECASE)
_SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


def edtf_codes(text: str) -> str:
    """Quarters, halves and seasons written as reports write them, as EDTF's codes ('Q1 2025'
    → '2025-33', 'summer 2024' → '2024-22'), and ISO weeks as their days ('2025-W10' →
    '2025-03-03/2025-03-09')."""
    text = _QUARTER_OR_HALF.sub(_edtf_code, text)
    if _SEASON.search(text):
        text = _SEASON.sub(lambda m: f"{m.group(2)}-{_SEASON_CODES[m.group(1).lower()]}", text)
    if "W" not in text.upper():
        return text
    sides = text.split("/")
    if len(sides) == 2:  # an interval of weeks: from the first one's Monday to the last one's Sunday
        return f"{_ISO_WEEK.sub(lambda m: _iso_week_day(m, 0), sides[0])}/{_ISO_WEEK.sub(lambda m: _iso_week_day(m, 6), sides[1])}"
    return _ISO_WEEK.sub(lambda m: _iso_week_day(m, None), text)


# An ISO 8601 week, as surveillance reports count them: "2025-W10" (Monday to Sunday).
_ISO_WEEK = re.compile(r"(?<![\w-])(\d{4})-?W(\d{2})(?![\w-])")


def _iso_week_day(match: re.Match, day: int | None) -> str:
    """A week's days ('2025-03-03/2025-03-09'), or one of them (0: Monday, 6: Sunday)."""
    try:
        monday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return match.group(0)
    if day is not None:
        return (monday + dt.timedelta(days=day)).isoformat()
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _edtf_code(match: re.Match) -> str:
    letter, number, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else match.group(5, 6, 4)
    base = 32 if letter.upper() == "Q" else 39
    if letter.upper() == "H" and int(number) > 2:
        return match.group(0)
    return f"{year}-{base + int(number)}"


# Solar Hijri (the Iranian and Afghan civil calendar): "1403 SH", "1403-01 SH" (Hamal or
# Farvardin 1403), "1403-01-15 SH", and intervals of them ("1401/1403 SH" or
# "1401 SH/1403 SH"). The year 1402 began on 21 March 2023.
_SOLAR_HIJRI_SUFFIX = re.compile(r"\s+SH\s*$")
_SOLAR_HIJRI = re.compile(r"^(\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?\s*(?:SH)?$")
# A date with a time of day (EDTF, from ISO 8601): "2024-05-02T14:00", seconds and a zone
# optional. Times with a zone are read in UTC; times without one as written.
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?(~)?$")
# "At about 10:40 a.m." (2025-03-04T10:40~): the quarter of an hour either side.
APPROXIMATE_TIME_DAYS = 15 / 1440


# An interval with a season, quarter or half of a year at one end ("2023-41/2025-09-12",
# since the second half of 2023): read side by side, as edtf reads no such interval.
_DIVISION_SIDE = re.compile(r"^\s*\d{4}-(?:2[1-9]|3\d|4[01])\s*/|/\s*\d{4}-(?:2[1-9]|3\d|4[01])\s*$")


def _parse_sides(source: str) -> DateInterval:
    """A date or interval with Solar Hijri or time-of-day sides, read side by side."""
    solar_hijri = bool(_SOLAR_HIJRI_SUFFIX.search(source))
    sides = [side.strip() for side in source.split("/")]
    if len(sides) > 2:
        raise ParseError(f"'{source}' is not a valid date (an interval has one '/')")
    if solar_hijri and len(sides) == 2:  # "1401/1403 SH": the suffix covers both sides
        sides = [side if side in ("", "..") or side.endswith("SH") else f"{side} SH" for side in sides]
    parsed = [None if side in ("", "..") else _one_side(side, source) for side in sides]
    if len(parsed) == 1:
        if parsed[0] is None:
            raise ParseError("empty date")
        return parsed[0]
    first, last = parsed
    if first is None and last is None:
        raise ParseError(f"'{source}' is not a valid date")
    start = -math.inf if first is None else first.start
    end = math.inf if last is None else last.end
    if not start < end:
        raise ParseError(f"'{source}' ends before it starts")
    return DateInterval(
        start, end, "interval", math.inf if last is None else last.start, -math.inf if first is None else first.end
    )


def _one_side(side: str, source: str) -> DateInterval:
    if side.endswith("SH"):
        return _solar_hijri(side, source)
    match = _DATETIME.match(side)
    if match:
        return _datetime(match, source)
    if _TIME.search(side):  # a time of day written otherwise: qualified ("~…T09:40") or with more
        raise ParseError(
            f"'{source}' is not a valid date: a time of day is written '2025-05-03T09:40', and \"about 9.40am\" "
            f"'2025-05-03T09:40~' (a quarter of an hour either side)"
        )
    return parse_date(side)


def _solar_hijri(side: str, source: str) -> DateInterval:
    import jdatetime

    match = _SOLAR_HIJRI.match(side)
    if not match:
        raise ParseError(
            f"'{source}' is not a valid Solar Hijri date (write '1403 SH', '1403-01 SH' or '1403-01-15 SH')"
        )
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if day:
            first = jdatetime.date(year, int(month), int(day))
            after = first + jdatetime.timedelta(days=1)
            precision = "day"
        elif month:
            first = jdatetime.date(year, int(month), 1)
            after = jdatetime.date(year + (int(month) == 12), int(month) % 12 + 1, 1)
            precision = "month"
        else:
            first, after = jdatetime.date(year, 1, 1), jdatetime.date(year + 1, 1, 1)
            precision = "year"
        start = float(first.togregorian().toordinal())
        end = float(after.togregorian().toordinal())
    except (ValueError, OverflowError) as error:
        raise ParseError(f"'{source}' is not a valid Solar Hijri date ({error})") from None
    return DateInterval(start, end, precision)


def _datetime(match: re.Match, source: str) -> DateInterval:
    year, month, day, hour, minute = (int(match.group(n)) for n in range(1, 6))
    second = match.group(6)
    try:
        moment = dt.datetime(year, month, day, hour, minute, int(second or 0))
    except ValueError as error:
        raise ParseError(f"'{source}' is not a valid date and time ({error})") from None
    zone = match.group(7)
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        moment -= sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    # A time as written covers the minute (or second) it names.
    length = 1 / 86400 if second else 1 / 1440
    start = moment.toordinal() + (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400
    if match.group(8):  # about that time
        return DateInterval(start - APPROXIMATE_TIME_DAYS, start + length + APPROXIMATE_TIME_DAYS, "approximate time")
    return DateInterval(start, start + length, "second" if second else "minute")


# A year alone, approximate or uncertain ("2000~", "2000?", both: "2000%"), or with
# unspecified digits ("199X", "19XX"): the forms a desk writes most of those beyond the
# plain calendar. Read here as edtf reads them (its fuzzy bounds pad such a year by one
# year each side, two for "%"), so that a corpus without rarer forms never imports edtf's
# grammar, a twentieth of a second at every start without the look-up cache.
_QUALIFIED_YEAR = re.compile(r"(\d{4})([~?%])|(?=[\dX]{4}$)(\d{1,3})(X+)")


def _year_span(source: str, year: re.Match[str]) -> DateInterval:
    if year.group(1):
        pad = 2 if year.group(2) == "%" else 1
        first, last, precision = int(year.group(1)) - pad, int(year.group(1)) + pad, "approximate"
    else:
        scale = 10 ** len(year.group(4))
        first = int(year.group(3)) * scale
        last, precision = first + scale - 1, "decade-or-century"
    if first < 1 or last > 9999:
        raise ParseError(f"'{source}' is outside the calendar")
    return DateInterval(
        float(dt.date(first, 1, 1).toordinal()), float(dt.date(last, 12, 31).toordinal() + 1), precision
    )


# edtf's answers kept between runs (see checker.lookups).
LOOKUPS = LookupCache("dates", "edtf", Path(__file__))


def _parse_edtf(source: str) -> DateInterval:
    cached = LOOKUPS.get(source)
    if isinstance(cached, list) and len(cached) == 3:
        start, end, precision = cached
        return DateInterval(start=float(start), end=float(end), precision=str(precision))
    interval = _parse_edtf_uncached(source)
    LOOKUPS.put(source, [interval.start, interval.end, interval.precision])
    return interval


def _parse_edtf_uncached(source: str) -> DateInterval:
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
        if re.search(r"\d[Xx]|[Xx]\d|[Xx]{2}", source):
            raise ParseError(
                f"'{source}' is not a valid date (unspecified digits are not read: write the interval "
                f"they stand for, e.g. '2025-05-10/2025-05-19' for '2025-05-1X')"
            ) from None
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
    """Parse a column of dates once per distinct string: columns start, end, precision,
    last_start and first_end (see ``DateInterval``).

    Plain calendar dates are read on the whole column; the rest one by one with edtf."""
    codes, uniques = pd.factorize(values)
    unique = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    count = len(unique)
    starts = np.full(count + 1, np.nan)
    ends = np.full(count + 1, np.nan)
    lasts = np.full(count + 1, np.nan)
    firsts = np.full(count + 1, np.nan)
    precisions = np.full(count + 1, None, dtype=object)
    errors: dict[str, str] = {}
    if count:
        plain = _plain(unique.str.strip())
        matched = plain["matched"].to_numpy(dtype=bool)
        starts[:count][matched] = plain["start"].to_numpy()[matched]
        ends[:count][matched] = plain["end"].to_numpy()[matched]
        lasts[:count][matched] = plain["last_start"].to_numpy()[matched]
        firsts[:count][matched] = plain["first_end"].to_numpy()[matched]
        precisions[:count][matched] = plain["precision"].to_numpy()[matched]
        for position in np.flatnonzero(~matched):
            text = unique.iloc[position]
            if text == "":
                continue
            try:
                interval = parse_date(text)
            except ParseError as error:
                errors[text] = str(error)
                continue
            starts[position], ends[position], precisions[position] = interval.start, interval.end, interval.precision
            lasts[position] = interval.last_start
            firsts[position] = interval.first_end
    codes = np.where(codes >= 0, codes, count)
    result = pd.DataFrame(
        {
            "start": starts[codes],
            "end": ends[codes],
            "precision": from_codes(precisions, codes, values.index),
            "last_start": lasts[codes],
            "first_end": firsts[codes],
        },
        index=values.index,
    )
    return result, errors


def fiscal_interval(text: str, year_start: int) -> DateInterval | None:
    """A fiscal, marketing or crop year (or a quarter or half of one) named as reports name
    it, read by the month its years begin (``year_start``, 1–12): "2024/25" and "FY2024-25"
    begin in 2024, "FY2025" and "fiscal 2025" end in 2025 (as the US, Indian, Australian and
    Canadian governments name theirs; with years from January, FY2025 is 2025), "Q1 FY25"
    is that year's first three months. None when the text names no such year: a plain year
    is a calendar year, and "2011-12" (a split year written with a hyphen whose second part
    can be a month) stays December 2011 (write 2011/12). Raises ParseError when it names one
    wrongly ("FY2024-26")."""
    sides = [side.strip() for side in text.split("/")]
    if len(sides) == 2 and all(_LABELLED_FISCAL.match(side) for side in sides):
        # Fiscal years from one to another ("FY2026/FY2030": over fiscal years 2026 to 2030).
        first_year, last_year = (fiscal_interval(side, year_start) for side in sides)
        if first_year is None or last_year is None:
            return None
        if not first_year.start < last_year.end:
            raise ParseError(f"'{text}' ends before it starts")
        return DateInterval(
            first_year.start, last_year.end, "interval", last_start=last_year.start, first_end=first_year.end
        )
    match = _FISCAL.match(text.strip())
    if match is None:
        return None
    label, first, mark, second = match.group("label"), match.group("first"), match.group("mark"), match.group("second")
    lead, tail = match.group("lead"), match.group("tail")
    if second is None and label is None:
        return None  # "2025", "Q1 2025": calendar times
    if label is None and (len(first) != 4 or len(second) != 2 or (mark == "-" and int(second) <= 12)):
        return None  # "2024/2025" is two calendar years (EDTF), "2024-03" a month
    if lead and tail:
        raise ParseError(f"'{text}' names two parts of a year")
    start_year = int(first) + (2000 if len(first) == 2 else 0)
    if second is not None:
        follows = int(second) == (start_year + 1) % 100 if len(second) == 2 else int(second) == start_year + 1
        if not follows:
            raise ParseError(f"'{text}' is no split year: its second year follows the first (2024/25)")
        if year_start == 1:
            raise ParseError(f"'{text}' is a split year, but its topic's years begin in January (year_start)")
    else:  # named by the year it ends in
        start_year -= 1 if year_start > 1 else 0
    part = (lead or tail or "").upper()
    if part.startswith("H") and int(part[1:]) > 2:
        raise ParseError(f"'{text}': a year has two halves")
    months, offset = (
        (3, 3 * (int(part[1:]) - 1)) if part.startswith("Q") else (6, 6 * (int(part[1:]) - 1)) if part else (12, 0)
    )
    first_month = start_year * 12 + year_start - 1 + offset  # months since year 0
    last_month = first_month + months
    start = dt.date(first_month // 12, first_month % 12 + 1, 1).toordinal()
    end = dt.date(last_month // 12, last_month % 12 + 1, 1).toordinal()
    precision = {3: "quarter", 6: "half", 12: "year"}[months]
    return DateInterval(start=float(start), end=float(end), precision=precision)


def _fiscal_form(text: str) -> bool:
    """Whether a period is written as a fiscal year, or an interval of two."""
    sides = [side.strip() for side in text.split("/")]
    return _FISCAL.match(text.strip()) is not None or (
        len(sides) == 2 and all(_LABELLED_FISCAL.match(side) for side in sides)
    )


def parse_periods(values: pd.Series, year_start: np.ndarray) -> tuple[pd.DataFrame, pd.Series]:
    """``parse_dates``, with fiscal years read by their topic's first month (``year_start``,
    a month number per row, NaN where the topic has none; see ``fiscal_interval``). Returns
    the parsed columns and the message of each row that cannot be read (a Series of the
    rows with a problem only)."""
    parsed, errors = parse_dates(values)
    failed = values.isin(errors.keys()).to_numpy(dtype=bool) if errors else np.zeros(len(values), dtype=bool)
    messages = pd.Series([errors[text] for text in values[failed]], index=values.index[failed], dtype=object)
    # Under a topic with fiscal years, a split year is read as one even where EDTF reads
    # another date ("2023-24", winter 2023).
    fiscal = np.isfinite(np.asarray(year_start, dtype=float))
    if fiscal.any():
        fiscal &= map_unique(values, _fiscal_form).to_numpy(dtype=bool)
    if not fiscal.any():
        return parsed, messages
    month_of = np.asarray(year_start, dtype=float)
    precision = parsed["precision"].astype(object).to_numpy(copy=True)
    starts, ends = parsed["start"].to_numpy(copy=True), parsed["end"].to_numpy(copy=True)
    lasts, firsts = parsed["last_start"].to_numpy(copy=True), parsed["first_end"].to_numpy(copy=True)
    read: dict[tuple[str, int], DateInterval | str | None] = {}
    texts = values.to_numpy(dtype=object)
    solved = np.zeros(len(values), dtype=bool)
    for row in np.flatnonzero(fiscal):  # only rows of fiscal topics written as fiscal years
        key = (texts[row], int(month_of[row]))
        if key not in read:
            try:
                read[key] = fiscal_interval(*key)
            except ParseError as error:
                read[key] = str(error)
        interval = read[key]
        if isinstance(interval, DateInterval):
            starts[row], ends[row], precision[row] = interval.start, interval.end, interval.precision
            lasts[row], firsts[row] = interval.last_start, interval.first_end
            solved[row] = True
        elif interval is not None:
            messages[values.index[row]] = interval
    messages = messages.drop(values.index[solved], errors="ignore")
    parsed["start"], parsed["end"] = starts, ends
    parsed["last_start"], parsed["first_end"] = lasts, firsts
    parsed["precision"] = pd.Series(precision, index=values.index, dtype=object).astype("category")
    return parsed, messages


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_of(day: float) -> int:
    """The weekday of a day number (date.toordinal), Monday = 0."""
    return int(day - 1) % 7
