"""Human-readable forms of normalised values, for messages and reports.

Plain arithmetic on numbers already in base units: the normaliser gives every claim its
topic's display unit and how many base units one display unit holds.
"""

from __future__ import annotations

import datetime as dt
import math
import re

# The month names every module reads and writes dates with (English), January first.
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number(value: float, digits: int = 4) -> str:
    """1.242e10 → '12.42 billion'; 275000 → '275,000'; 0.526 → '0.526'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    magnitude = abs(value)
    for scale, word in _SCALES:
        if magnitude >= scale:
            return f"{_significant(value / scale, digits)} {word}"
    if magnitude >= 1000:
        if digits > 4 and value != round(value):  # a bound in full: 58,411.5, never 58,412 for it
            decimals = min(3, max(0, digits - 1 - int(math.floor(math.log10(magnitude)))))
            text = f"{value:,.{decimals}f}"
            return text.rstrip("0").rstrip(".") if "." in text else text
        return f"{round(value):,}"
    return _significant(value, digits)


def _significant(value: float, digits: int) -> str:
    text = f"{value:.{digits}g}"
    if "e" in text:
        text = f"{value:.{max(0, digits - 1 - int(math.floor(math.log10(abs(value)))))}f}"
    return text


# The Julian year (365.25 days), pint's "year": what a rate in base units per second is
# multiplied by to read per year.
SECONDS_PER_YEAR = 365.25 * 86400


def in_unit(base_value: float, factor: float) -> float:
    return base_value / factor if factor and not math.isnan(factor) else base_value


_UNIT_NAMES = {
    "meter ** 3": "m³",
    "kilogram": "kg",
    "second": "s",
    "meter": "m",
    "kilogram / second": "kg/s",
    "meter ** 3 / second": "m³/s",
    "dimensionless": "",
    "person": "people",
}


def unit_name(unit: str) -> str:
    """A unit as a reader writes it: 'm³' rather than pint's 'meter ** 3'."""
    unit = unit or ""
    # pint's names join words by underscores ("nautical_mile"): a reader's do not.
    return _UNIT_NAMES.get(unit, unit).replace("_", " ")


def _digits_within(magnitude: float, low: float, high: float, factor: float) -> int:
    """The fewest significant digits (four at least) that show a value inside its own
    interval: 1,856.7 (1,856.65–1,856.75) shows as 1,856.7, not 1,857."""
    value, least, most = (in_unit(bound, factor) for bound in (magnitude, low, high))
    if not all(math.isfinite(bound) for bound in (value, least, most)) or not least < most:
        return 4
    for digits in range(4, 11):
        if 1000 <= abs(value) < 1e6 and digits == 4:
            shown = float(round(value))
        elif 1000 <= abs(value) < 1e6:
            shown = round(value, min(3, max(0, digits - 1 - int(math.floor(math.log10(abs(value)))))))
        else:
            shown = float(f"{value:.{digits}g}")
        if least - 1e-9 * abs(least) <= shown <= most + 1e-9 * abs(most):
            return digits
    return 10


def quantity(low: float, high: float, magnitude: float, factor: float, unit: str, qualifier: str = "stated") -> str:
    """The value in the display unit, with its interval: '1 billion USD (0.5–1.5 billion)'."""
    unit = unit_name(unit)
    shown = f"{number(in_unit(magnitude, factor), _digits_within(magnitude, low, high, factor))} {unit}".strip()
    if qualifier == "exact" or low == high:
        return shown
    # A dash between negative numbers reads as a minus ("-18.5–-17.5"): then "to".
    dash = " to " if min(low, high) < 0 else "–"
    if qualifier == "range" and math.isfinite(low) and math.isfinite(high):  # "3-4 million t": its two ends
        return f"{number(in_unit(low, factor))}{dash}{number(in_unit(high, factor))} {unit}".strip()
    if math.isinf(high) and not math.isinf(low):
        return f"≥ {number(in_unit(low, factor))} {unit}".strip()
    if math.isinf(low) and not math.isinf(high):
        return f"≤ {number(in_unit(high, factor))} {unit}".strip()
    # Bounds in full (up to 8 significant digits), so 12.42 shows as 12.415–12.425.
    return f"{shown} ({number(in_unit(low, factor), 8)}{dash}{number(in_unit(high, factor), 8)})"


def day_to_iso(day: float) -> str:
    """A day number as an ISO date; open ends print as '..' (EDTF's open interval)."""
    if not math.isfinite(day):
        return ".."
    return dt.date.fromordinal(int(day)).isoformat()


def _moment(day: float) -> str:
    """A fractional day number as an EDTF date and time, to the minute ('..' if open)."""
    if not math.isfinite(day):
        return ".."
    moment = dt.datetime.fromordinal(int(day)) + dt.timedelta(seconds=round((day % 1) * 86400))
    return moment.strftime("%Y-%m-%dT%H:%M") if moment.second == 0 else moment.strftime("%Y-%m-%dT%H:%M:%S")


def interval_label(start: float, end: float) -> str:
    """The shortest EDTF text for an interval of whole days, years or months (or of
    minutes and seconds, for times of day)."""
    if (math.isfinite(start) and start % 1) or (math.isfinite(end) and end % 1):
        first_moment = _moment(start)
        last_minute = _moment(end - 1 / 1440) if math.isfinite(end) else None
        if last_minute is None or last_minute <= first_moment:
            return first_moment
        return f"{first_moment}/{last_minute}"
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


def date_range(start: float, end: float) -> str:
    if start is None or math.isnan(start):
        return "?"
    return interval_label(start, end)


def ratio(first: float, second: float) -> str:
    """How many times larger the larger value is: '12.4×'."""
    if math.isnan(first) or math.isnan(second) or (not first and not second):
        return "?"
    larger, smaller = max(abs(first), abs(second)), min(abs(first), abs(second))
    if smaller == 0:
        return "∞"
    if larger / smaller < 1.1:  # close figures: '1×' would hide the gap; '0.17 %' shows it
        return f"{_significant((larger / smaller - 1) * 100, 2)} %"
    return f"{_significant(larger / smaller, 3)}×"


# Characters a terminal acts on instead of showing: C0 and C1 controls, DEL, and the
# bidirectional overrides that reorder what follows. Shown as escapes, never sent raw.
_INVISIBLE = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
_INVISIBLE.update({code: f"\\u{code:04x}" for code in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def visible(text: str, keep_newlines: bool = False) -> str:
    """Text safe to print on a terminal: every control character shown as an escape
    (``\\x1b``), so an escape sequence in a quote or a note cannot clear the screen or
    plant a hyperlink. Newlines are kept only where the caller lays text out in lines."""
    table = dict(_INVISIBLE)
    if keep_newlines:
        del table[0x0A]
    return str(text).translate(table)


def shortened(text: str, limit: int) -> str:
    """``text`` when it fits in ``limit`` characters, else its start cut at a space and an
    ellipsis (at ``limit`` characters when no space falls in the last third)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut < limit * 2 // 3:
        cut = limit - 1
    return text[:cut].rstrip() + "…"


_DIMENSION_WORDS = {
    "[mass] * [length] ** 2 / [time] ** 2": "an energy",
    "[mass] * [length] ** 2 / [time] ** 3": "a power (energy per time)",
    "[length] / [time]": "a speed",
    "[container]": "a number of containers",
    "[mass]": "a mass",
    "[length] ** 3": "a volume",
    "[length] ** 2": "an area",
    "[length]": "a length",
    "[person]": "a number of people",
    "[information]": "an amount of data",
    "[information] / [time]": "a data rate",
    "dimensionless": "a plain number",
}


def dimension_words(dimension) -> str:
    """A dimension as a sentence says it ('money in EUR', 'a mass per time'), else as pint
    writes it."""
    text = str(dimension)
    money = re.fullmatch(r"\[currency_(\w+)\]", text)
    if money:
        return f"money in {money.group(1)}"
    if text in _DIMENSION_WORDS:
        return _DIMENSION_WORDS[text]
    counted = re.fullmatch(r"\[([a-zA-Z]+)\]", text)
    if counted:  # a count of its own: a dose, a stream, a household
        return f"a {counted.group(1)}"
    rate = text.endswith(" / [time]")
    base = text[: -len(" / [time]")] if rate else text
    money = re.fullmatch(r"\[currency_(\w+)\](?: / (.+))?", base)
    if money and money.group(2):  # a price: money per mass, per volume, per dose…
        per = dimension_words(money.group(2)).removeprefix("a ").removeprefix("an ")
        return f"money in {money.group(1)} per {per}" + (" per time" if rate else "")
    return _DIMENSION_WORDS.get(base, base) + (" per time" if rate else "")


def _exponents(dimension: str) -> dict[str, float]:
    """A dimension as pint writes it ('[mass] * [length] ** 2 / [time] ** 3') as exponents."""
    exponents: dict[str, float] = {}
    sign = 1
    # Every factor after the first "/" divides ('[luminosity] / [length] ** 2 / [time]').
    tokens = re.split(r" (\*|/) ", str(dimension).strip())
    for operator, factor in zip(["*", *tokens[1::2]], tokens[0::2]):
        if operator == "/":
            sign = -1
        name, _, power = factor.strip().partition(" ** ")
        if name and name not in ("dimensionless", "1"):
            try:
                exponents[name] = exponents.get(name, 0) + sign * float(power or 1)
            except ValueError:  # no dimension pint would write: compare it as it is
                return {str(dimension): 1}
    return {name: power for name, power in exponents.items() if power}


def per_what(first, second) -> str:
    """The dimension one is the other per ('[dose]' for money and money per dose), not
    time (see rate_and_amount); '' when neither is."""
    one, two = _exponents(first), _exponents(second)
    for per, amount in ((one, two), (two, one)):
        extra = {name: power - amount.get(name, 0) for name, power in per.items() if power != amount.get(name, 0)}
        missing = [name for name in amount if name not in per]
        if not missing and len(extra) == 1:
            ((name, power),) = extra.items()
            if power == -1 and name != "[time]":
                return name
    return ""


def rate_and_amount(first, second) -> bool:
    """Whether one dimension is the other per time (GW and GWh, t/year and t)."""
    one, two = _exponents(first), _exponents(second)
    for rate, amount in ((one, two), (two, one)):
        if {**amount, "[time]": amount.get("[time]", 0) - 1} == {**rate, "[time]": rate.get("[time]", 0)}:
            return True
    return False
