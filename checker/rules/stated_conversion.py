"""A conversion the text states itself must imply a real density and a plausible amount.

The implied factor is checked against the substance's densities (which phase it
corresponds to) and the converted amount against the claims that bound it.

Fails:  "50 million cubic metres (about 26.3 million tonnes) of LPG": 0.526 t/m³ is LPG
        as a liquid, and 26.3 million t is 38 times Afghanistan's annual LPG demand
Fails:  "2 million m³ (about 9 million t) of LPG": 4.5 t/m³ is no density of LPG
Passes: "50 million cubic metres (about 100,000 tonnes) of LPG gas": 2 kg/m³ is LPG as gas
        at standard conditions, and the amount is within the bounds
Fails:  "10 million tonnes a year (about 7.3 million barrels a year)" of crude oil: 8.62 t/m³
        is no density of crude oil
Passes: "10 million tonnes a year (about 73 million barrels a year)" of crude oil: 0.86 t/m³
Fails:  "12.5 billion CFA francs (about €21.4 million)": 584 CFA francs to the euro, held at 655.957 since 1999
Passes: "12.5 billion CFA francs (about €19.1 million)": 654 CFA francs to the euro, its parity within rounding

Rates convert alike ("10 million t/year (about 73 million barrels a year)" of crude oil:
the time cancels out of the density), and a rate stated beside an amount is taken over the
claim's period ("108.5 million t (about 2.17 million b/d)" in 2024: 366 days of it).
Conversions within one dimension (feet to metres, long tons to tonnes) go by an exact
factor: they must agree to their stated digits and half a percent (``unit_tolerance``),
and a temperature on the other scale to its digits and a tenth of a degree. Two
currencies held at a fixed parity (the CFA francs to the euro, the Gulf currencies and the
Hong Kong dollar to the US dollar: ``checker/pegs.py``) convert at it within their rounding
and 2 % (10 % beyond it is an error). claimcheck knows no floating exchange rate, but the
conversions between two currencies that the corpus states within a year of each other
(the middles of their periods, whatever calendar or fiscal year each falls in; a period
after its text's day is converted at that day's rate) must agree
(within 10 % beyond their rounding, a market's moves): a rate apart from the others is a
warning, and an error beyond a factor of two (a slip, not a market) or where it inverts
theirs. One text's own conversions of about one time (within a month), made
at one rate, agree within 3 %; a rate the corpus states as a claim within a month of a
conversion vouches for it (a currency that floated), and a conversion that meets no rate
the corpus states for its time is held to it (within 3 % of its own text's rate, 10 % of
another's). Prices convert at the same rates, and a bound ("more than
$10 billion") at its figure's. A mass fraction stated as a mass per volume ("8 ppb (8
micrograms per liter)") is read in water, a kilogram a litre. A price per mass stated as
a price per volume ("$226 a tonne, or about $6.15 a bushel" of wheat) goes by the
substance's density, as its amounts do.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping
from itertools import compress
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.bounds import bound_groups, bounding_claims, excess
from checker.densities import (
    DENSITIES,
    MASS_DIMENSION,
    PHASE_LABELS,
    RATE,
    SUBSTANCE_LABELS,
    VOLUME_DIMENSION,
    amount_of,
    is_rate,
)
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import Option, tolerance
from checker.pairing import CURRENCY, NUMERIC, intervals_apart, ref, row_of
from checker.pegs import parity, parity_text

ID = "stated-conversion"
SEVERITY = "error"
OPTIONS = {
    "tolerance": tolerance(0.02),
    "unit_tolerance": tolerance(
        0.005,
        "relative slack beyond their stated digits for a conversion between two units of one dimension (feet to "
        "metres: an exact factor)",
    ),
    "rate_tolerance": tolerance(
        0.10, "how far a conversion's exchange rate may lie from the corpus's others of the year"
    ),
    "max_ratio": Option(10.0, "how many times its bound a converted amount may be", minimum=1.0, above_minimum=True),
}

VOLUME, MASS = VOLUME_DIMENSION, MASS_DIMENSION
# The pairs of dimensions a density links: amounts, and rates of them over the same time.
LINKED = ({VOLUME, MASS}, {VOLUME + RATE, MASS + RATE})


def density_text(low: float, high: float) -> str:
    """kg/m³ shown the way the trade writes it: t/m³ for liquids and solids, kg/m³ for gases."""
    if high >= 100:
        return f"{low / 1000:.3g}–{high / 1000:.3g} t/m³" if low != high else f"{low / 1000:.3g} t/m³"
    return f"{low:.3g}–{high:.3g} kg/m³" if low != high else f"{low:.3g} kg/m³"


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    stated = claims["kind"].isin(NUMERIC) & claims["converted_magnitude"].notna() & claims["magnitude"].notna()
    if not stated.any():
        return
    groups = bound_groups(claims, claims.loc[stated, "bounded_by"].dropna())
    exchanges: dict[tuple[str, str], list[tuple[Any, float, float, float, float]]] = {}
    for label in claims.index[stated]:  # one claim each: a handful per corpus
        row = row_of(claims, label)
        temperature = _temperature(claims, row, options["tolerance"])
        if isinstance(temperature, Finding):
            yield temperature
        if temperature is not None:
            continue
        exchange = _exchange(row)
        if exchange is not None:
            key, rate = exchange
            exchanges.setdefault(key, []).append((label, *rate))
            continue
        finding = _check_one(claims, label, options, groups)
        if finding is not None:
            yield finding
    stated_rates = _stated_rates(claims) if exchanges else {}
    blamed: set[str] = set()  # conversions a finding names already: not told twice
    for (source, target), rates in sorted(exchanges.items()):
        fixed = parity(source, target)
        if fixed is not None:
            # Two currencies a treaty or a currency board holds at a parity: each conversion
            # of the parity's time is held to it, whatever the corpus's others imply.
            # (An undated conversion, in an undated text, is taken as of today's parity.)
            of_parity = [not _day_of(claims, entry) < fixed[2] for entry in rates]
            yield from _against_parity(claims, source, target, list(compress(rates, of_parity)), fixed)
            rates = [entry for entry, held in zip(rates, of_parity, strict=True) if not held]
            if not rates:
                continue
        # A conversion at a rate the corpus itself states for its time is right whatever the
        # others imply (the birr floated: 57.48 to the dollar in July 2024, 134.2 a year on).
        known = stated_rates.get((source, target), [])
        vouched = {claims.at[entry[0], "id"] for entry in rates if _vouched(claims, entry, known)}
        middles = {claims.at[entry[0], "id"]: entry[4] for entry in rates}
        for finding in _exchange_outliers(claims, source, target, rates, options["rate_tolerance"], known):
            if finding.subject in vouched or (not finding.subject and set(finding.claim_ids) <= vouched):
                continue
            if (
                not finding.subject
                and vouched & set(finding.claim_ids)
                and _apart_in_time(finding, middles)
                and finding.diagnosis.startswith("a conversion at another exchange rate")
            ):
                # A pair of which the corpus's own rate vouches for one, at another time than
                # the other's: the rate moved (a fiscal year's average against July's rate),
                # though no move inverts a rate or scales it by ten.
                continue
            blamed.update(finding.claim_ids if not finding.subject else (finding.subject,))
            yield finding
        unblamed = [entry for entry in rates if claims.at[entry[0], "id"] not in blamed]
        yield from _against_stated_rates(claims, source, target, unblamed, known, options["rate_tolerance"])


_SCALES = {"[temperature in degree Celsius]": "C", "[temperature in degree Fahrenheit]": "F"}


def _temperature(claims: pd.DataFrame, row: pd.Series, tolerance: float) -> Finding | bool | None:
    """A temperature stated on the other scale ("46.3C (115.3F)", or a warming "1.7C (3.1F)"):
    right as a reading (F = C × 9/5 + 32) or as a difference (F = C × 9/5). A finding when
    neither fits, False when one does, None for any other conversion."""
    scales = (_SCALES.get(str(row["dimension"])), _SCALES.get(str(row["converted_dimension"])))
    if None in scales or scales[0] == scales[1]:
        return None
    celsius, fahrenheit = ("", "converted_") if scales[0] == "C" else ("converted_", "")
    low, high = row[f"{celsius}low"], row[f"{celsius}high"]
    # A scale is no ratio: a reading converts to its stated digits and a tenth of a degree,
    # never a share of itself (2 % of 109 °F would let 43.8 °C through for 42.8).
    for offset in (32.0, 0.0):  # a reading, then a difference
        if not intervals_apart(
            low * 1.8 + offset - DEGREE_SLACK,
            high * 1.8 + offset + DEGREE_SLACK,
            row[f"{fahrenheit}low"],
            row[f"{fahrenheit}high"],
            0.0,
        ):
            return False
    reading = display.number(row[f"{celsius}magnitude"] * 1.8 + 32)
    difference = display.number(row[f"{celsius}magnitude"] * 1.8)
    return Finding(
        topic=row["topic"],
        subject=row["id"],
        claims=(ref(claims, row.name),),
        diagnosis="the stated conversion is wrong",
        message=f"{row['value']} is stated as {row['converted']}, but {row[f'{celsius}magnitude']:g} °C is "
        f"{reading} °F as a reading and {difference} °F as a difference",
    )


# Degrees Fahrenheit a stated temperature conversion may miss by beyond its digits.
DEGREE_SLACK = 0.1


def _priced(dimension: str) -> tuple[str, str] | None:
    """An amount of money, or a price in it ("£412 ($555) a megawatt-hour"): its currency,
    and the dimension with the currency left out, which a conversion between currencies
    leaves as it is. None for any other dimension (an exchange rate, money per money)."""
    codes = CURRENCY.findall(dimension)
    if len(codes) != 1 or "[currency_" not in dimension.split(" / ")[0] or f"[currency_{codes[0]}] **" in dimension:
        return None
    return codes[0], CURRENCY.sub("[money]", dimension)


def _reading(row: pd.Series, prefix: str) -> tuple[float, float, float]:
    """A figure's magnitude and bounds for an exchange rate: a bound ("more than $10
    billion (9.6 billion euros)") or an "about" figure at its figure and stated precision,
    for the conversion is of the figure, whatever lies beyond it."""
    magnitude, low, high = (row[f"{prefix}{column}"] for column in ("magnitude", "low", "high"))
    # A conversion written "about US$14,700" is rounded, not vague: its digits, and the
    # rate's tolerance, say how far it may lie (an "about" of 5 % more hid a 15 % slip).
    if np.isfinite(low) and np.isfinite(high) and row[f"{prefix}qualifier"] != "about":
        return magnitude, low, high
    half = row[f"{prefix}half"] if np.isfinite(row[f"{prefix}half"]) else 0.0
    return magnitude, magnitude - half, magnitude + half


def _exchange(row: pd.Series) -> tuple[tuple[str, str], tuple[float, float, float, float]] | None:
    """A conversion between two currencies as an exchange rate: the currencies (in sorted
    order), and the rate (point, low, high) in units of the second currency per unit of the
    first with the middle day of the claim's period (NaN: none); None for any other
    conversion."""
    dimensions = (str(row["dimension"]), str(row["converted_dimension"]))
    value_price, converted_price = (_priced(dimension) for dimension in dimensions)
    if (
        value_price is None
        or converted_price is None
        or value_price[0] == converted_price[0]
        or value_price[1] != converted_price[1]  # a price per tonne and one per barrel: no rate
    ):
        return None
    values = (*_reading(row, ""), *_reading(row, "converted_"))
    if all(np.isfinite(values)) and max(values) < 0:
        # A deficit or a loss in both ("-€13.5 billion (-$14.5 billion)"): its size converts.
        values = (-values[0], -values[2], -values[1], -values[3], -values[5], -values[4])
    if not all(np.isfinite(values)) or min(values) <= 0:
        return None
    magnitude, low, high, converted, converted_low, converted_high = values
    rate = (converted / magnitude, converted_low / high, converted_high / low)
    if row["qualifier"] == row["converted_qualifier"] == "range":
        # A range converted end by end ("US$4,500-6,000 (~€3,850-5,100)"): each end's rate,
        # not the low end of one over the high end of the other.
        ends = sorted((converted_low / low, converted_high / high))
        rate = (converted / magnitude, ends[0], ends[1])
    first, second = value_price[0], converted_price[0]
    if first > second:  # one direction per pair of currencies
        first, second = second, first
        rate = (1 / rate[0], 1 / rate[2], 1 / rate[1])
    start, end = row["period_start"], row["period_end"]
    middle = (start + end) / 2 if np.isfinite(start) and np.isfinite(end) else np.nan
    # A figure for a time after its text (a pledge for 2027-2030) is converted at the rate of
    # its text's day: no rate of its own time is known yet.
    published = row["published_end"] - 1
    if np.isfinite(middle) and np.isfinite(published) and middle > published:
        middle = published
    return (first, second), (*rate, middle)


# How far apart in time (days between the middles of their periods) two conversions may be
# and still be held to one market's rate: a year, whatever calendar or fiscal year each
# falls in (a conversion for July 2024-June 2025 meets one for March 2025).
RATE_WINDOW_DAYS = 366


_RATE_DIMENSION = re.compile(r"^\[currency_(\w+)\] / \[currency_(\w+)\]$")
# How near in time (days) a rate the corpus states vouches for a conversion: a month.
STATED_RATE_DAYS = 31


def _stated_rates(claims: pd.DataFrame) -> dict[tuple[str, str], list[tuple[float, float, float, float, Any]]]:
    """The exchange rates the corpus states as claims ("57.48 birr per dollar" on 26 July),
    by pair of currencies in sorted order, each as (point, low, high) in units of the second
    per unit of the first, with the middle day of its period (or its text's day) and its
    label."""
    rated = claims["dimension"].astype(str).str.match(_RATE_DIMENSION.pattern).to_numpy(dtype=bool) & (
        claims["magnitude"].to_numpy(dtype=float) > 0
    )
    found: dict[tuple[str, str], list[tuple[float, float, float, float, Any]]] = {}
    for label in claims.index[rated]:  # the stated rates: few
        row = row_of(claims, label)
        matched = _RATE_DIMENSION.match(str(row["dimension"]))
        if matched is None or matched.group(1) == matched.group(2):
            continue
        per, unit = matched.groups()
        magnitude, low, high = _reading(row, "")
        if not (low > 0 and np.isfinite(high)):
            continue
        start, end = row["period_start"], row["period_end"]
        day = (start + end) / 2 if np.isfinite(start) and np.isfinite(end) else row["published_end"] - 1
        if per < unit:  # PER per UNIT: the rate of UNIT per PER is its inverse
            found.setdefault((per, unit), []).append((1 / magnitude, 1 / high, 1 / low, day, label))
        else:
            found.setdefault((unit, per), []).append((magnitude, low, high, day, label))
    return found


def _against_stated_rates(
    claims: pd.DataFrame, source: str, target: str, rates, known, tolerance: float
) -> Iterator[Finding]:
    """A conversion at another rate than one the corpus states for its time (within
    STATED_RATE_DAYS of its period's middle): "R$14.6 billion (about US$2.5 billion)" in
    a text that gives the rate of that October as 4.12 reais to the dollar. Held to its own
    text's rate within SAME_TEXT, to another text's within the rate tolerance, beyond the
    rounding of both; an error beyond a factor of two or where it inverts the rate."""
    for label, rate, low, high, middle in rates:
        if not np.isfinite(middle):
            continue
        own = claims.at[label, "source"]
        for stated in known:
            point, rate_low, rate_high, day, rate_label = stated
            if abs(day - middle) > STATED_RATE_DAYS:
                continue
            slack = SAME_TEXT if claims.at[rate_label, "source"] == own else tolerance
            if rate_low * (1 - slack) <= high and low <= rate_high * (1 + slack):
                break  # one stated rate of its time that it meets is enough
        else:
            near = [stated for stated in known if np.isfinite(middle) and abs(stated[3] - middle) <= STATED_RATE_DAYS]
            if not near:
                # A text converts at the rate it states for its own day, whatever time its
                # figures are of ("$1 = €0.96", and 2024's €61.4 million "about $59 million"):
                # the rate may have moved since, but not inverted or by a power of ten.
                yield from _against_own_texts_rate(claims, label, rate, known, tolerance, source, target)
                continue
            point, _, _, _, rate_label = near[0]
            row, stated_row = row_of(claims, label), row_of(claims, rate_label)
            diagnosis, grave = _rate_slip(
                rate,
                point,
                tolerance,
                (
                    "the stated rate",
                    "the stated rate multiplies",
                    "a conversion at another exchange rate than the one stated for its time",
                ),
            )
            yield Finding(
                topic=row["topic"],
                subject=row["id"],
                claims=(ref(claims, label), ref(claims, rate_label)),
                severity=Severity.ERROR.value if grave else Severity.WARNING.value,
                diagnosis=diagnosis,
                message=f"{row['value']} is stated as {row['converted']}: {_rate(rate, source, target, point)}, "
                f"where {stated_row['id']} gives the rate as {_rate(point, source, target)} for "
                f"{display.date_range(stated_row['period_start'], stated_row['period_end'])}",
            )


def _day_of(claims: pd.DataFrame, entry) -> float:
    """The day a conversion's rate is of: its period's middle, or its text's day."""
    middle = entry[4]
    return middle if np.isfinite(middle) else float(claims.at[entry[0], "published_end"] - 1)


# How far beyond their rounding (and a parity's band) a conversion between two currencies
# at a fixed parity may lie: a writer's rounded rate (3.67 dirhams, 656 CFA francs) is
# well within it. Beyond PARITY_GRAVE, no rounding explains it: an error.
PARITY_SLACK = 0.02
PARITY_GRAVE = 0.10


def _against_parity(claims: pd.DataFrame, source: str, target: str, rates, fixed) -> Iterator[Finding]:
    """A conversion between two currencies at a fixed parity that misses the parity beyond
    its rounding and PARITY_SLACK: 12.5 billion CFA francs stated as €21.4 million, where the
    euro has been 655.957 CFA francs since 1999."""
    parity_low, parity_high, since = fixed
    for label, rate, low, high, _ in rates:
        if parity_low * (1 - PARITY_SLACK) <= high and low <= parity_high * (1 + PARITY_SLACK):
            continue
        point = (parity_low + parity_high) / 2
        row = row_of(claims, label)
        diagnosis, grave = _rate_slip(
            rate,
            point,
            PARITY_SLACK,
            (
                "the fixed parity",
                "the parity multiplies",
                "a conversion at another rate than the fixed parity between the two currencies",
            ),
        )
        apart = max(rate / parity_high, parity_low / rate) - 1
        yield Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=(ref(claims, label),),
            severity=Severity.ERROR.value if grave or apart > PARITY_GRAVE else Severity.WARNING.value,
            diagnosis=diagnosis,
            message=f"{row['value']} is stated as {row['converted']}: {_rate(rate, source, target, point)}, where "
            f"the two currencies are held at {parity_text(source, target)} (since {display.day_to_iso(since)})",
        )


# How near one a conversion's rate times its own text's stated rate must be for the one to
# be the other inverted.
INVERTED_TO_THE_DIGIT = 0.01


def _against_own_texts_rate(
    claims: pd.DataFrame, label, rate: float, known, tolerance: float, source: str, target: str
) -> Iterator[Finding]:
    """A conversion that inverts, or scales by a power of ten, the rate its own text states
    for another time than its figure's (see ``_against_stated_rates``)."""
    own = claims.at[label, "source"]
    for point, _, _, _, rate_label in known:
        if claims.at[rate_label, "source"] != own:
            continue
        diagnosis, grave = _rate_slip(rate, point, tolerance, ("the stated rate", "the stated rate multiplies", ""))
        # Its own text's rate inverted to the digit is an inversion even near one (1.04
        # dollars to the euro against "$1 = €0.96"), beyond one text's slack.
        if (
            not diagnosis
            and abs(rate * point - 1) <= INVERTED_TO_THE_DIGIT
            and max(rate, point) / min(rate, point) > 1 + SAME_TEXT
        ):
            diagnosis, grave = (
                "an inverted rate: the conversion divides where the stated rate multiplies (or the reverse)",
                True,
            )
        if not (grave and diagnosis):
            continue  # another rate: the market may have moved since the figure's time
        row, stated_row = row_of(claims, label), row_of(claims, rate_label)
        yield Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=(ref(claims, label), ref(claims, rate_label)),
            severity=Severity.ERROR.value,
            diagnosis=diagnosis,
            message=f"{row['value']} is stated as {row['converted']}: {_rate(rate, source, target, point)}, "
            f"where the same text's {stated_row['id']} gives the rate as {stated_row['value']} "
            f"({_rate(point, source, target)})",
        )
        return


def _rate_slip(rate: float, reference: float, tolerance: float, words: tuple[str, str, str]) -> tuple[str, bool]:
    """What a conversion's rate apart from a reference rate says: a scale slip (a power of
    ten), an inverted rate, or another rate (``words``: how the reference is named, how it
    converts, and the plain diagnosis); and whether that is grave (an error: beyond a factor
    of two, or inverted) rather than a market's move."""
    ratio = max(rate, reference) / min(rate, reference)
    power = round(math.log10(ratio))
    # Inverted: the rate's product with the reference is one, within the tolerance; for a
    # rate near one (1.088 dollars to the euro, inverted 0.919), within a quarter of it.
    inverted = (ratio > 1 + 2 * tolerance and abs(rate * reference - 1) <= tolerance) or (
        ratio > 1 + tolerance and abs(rate * reference - 1) <= tolerance / 4
    )
    named, converts, plain = words
    if power >= 1 and abs(ratio / 10**power - 1) <= 0.02:
        diagnosis = f"a scale slip: a conversion at {10**power:,} times or a {10**power:,}th of {named}"
    elif inverted:
        diagnosis = f"an inverted rate: the conversion divides where {converts} (or the reverse)"
    else:
        diagnosis = plain
    return diagnosis, ratio > 2 or inverted


def _apart_in_time(finding: Finding, middles: dict) -> bool:
    """Whether a pair finding's two conversions lie more than STATED_RATE_DAYS apart."""
    times = [middles.get(claim, np.nan) for claim in finding.claim_ids]
    return len(times) == 2 and all(np.isfinite(times)) and abs(times[0] - times[1]) > STATED_RATE_DAYS


def _vouched(claims: pd.DataFrame, entry, known) -> bool:
    """Whether a rate the corpus states within STATED_RATE_DAYS of a conversion (of its
    period's middle or of its text's day) agrees with it within SAME_TEXT beyond rounding."""
    label, _, low, high, middle = entry
    published = claims.at[label, "published_end"] - 1
    for _, rate_low, rate_high, day, _ in known:
        near = any(np.isfinite(when) and abs(when - day) <= STATED_RATE_DAYS for when in (middle, published))
        if near and rate_low * (1 - SAME_TEXT) <= high and low <= rate_high * (1 + SAME_TEXT):
            return True
    return False


def _neighbours(rates, position: int) -> list:
    """The other conversions within RATE_WINDOW_DAYS of one (undated ones with each other)."""
    middle = rates[position][4]
    return [
        other
        for index, other in enumerate(rates)
        if index != position
        and (
            (np.isnan(middle) and np.isnan(other[4]))
            or (not np.isnan(middle) and not np.isnan(other[4]) and abs(other[4] - middle) <= RATE_WINDOW_DAYS)
        )
    ]


def _within(rate_low: float, rate_high: float, middle: float, tolerance: float) -> bool:
    return middle * (1 - tolerance) <= rate_high and rate_low <= middle * (1 + tolerance)


def _exchange_outliers(claims: pd.DataFrame, source: str, target: str, rates, tolerance: float, known=()):
    """Conversions between two currencies whose rate lies apart from the others' within a
    year of it (their median, or the one other): claimcheck knows no exchange rate, but a
    corpus's own conversions must agree with each other within a market's moves; and one
    text's conversions, made at one rate, within SAME_TEXT beyond their rounding."""
    if len(rates) < 2:
        return
    # One text converts at one rate, for the conversions of one year: the rate of the day
    # for this year's figures, the rate of the time for a 2023 contract.
    years: dict[int, list] = {}
    for entry in rates:
        years.setdefault(dt.date.fromordinal(int(entry[4])).year if np.isfinite(entry[4]) else 0, []).append(entry)
    for year in sorted(years):
        yield from _within_one_text(claims, source, target, years[year], tolerance)
    reported: set = set()
    for position, (label, rate, low, high, _) in enumerate(rates):
        others = _neighbours(rates, position)
        if not others:
            continue
        # The rate of most: the median of all (of two, the other's: one finding for the
        # pair; a loose "about C$1 billion" takes any rate near it, a precise one does not).
        middle = others[0][1] if len(others) == 1 else float(np.median([rate, *(other[1] for other in others)]))
        if _within(low, high, middle, tolerance):
            continue  # within the tolerance of the others' rate, beyond its own rounding
        if len(others) == 1:
            pair = frozenset((label, others[0][0]))
            if pair in reported:
                continue
            reported.add(pair)
        # The others that speak for the rate: those that agree with it (all, where none does).
        named = [other for other in others if _within(other[2], other[3], middle, tolerance)] or others
        row = row_of(claims, label)
        diagnosis, grave = _rate_slip(
            rate,
            middle,
            tolerance,
            (
                "the others' rate",
                "the others multiply",
                "a conversion at another exchange rate than the corpus's others",
            ),
        )
        period = (
            display.date_range(row["period_start"], row["period_end"])
            if np.isfinite(row["period_start"])
            else "no period"
        )
        if len(others) == 1:  # of two, neither is known to be the one: both are told alike
            other = row_of(claims, others[0][0])
            message = (
                f"{row['id']} states {row['value']} as {row['converted']} ({_rate(rate, source, target, middle)}, "
                f"{period}) and {other['id']} states {other['value']} as {other['converted']} "
                f"({_rate(middle, source, target)}): conversions within a year of each other"
            )
        else:
            message = (
                f"{row['value']} is stated as {row['converted']}: {_rate(rate, source, target, middle)} ({period}), "
                f"where {', '.join(row_of(claims, other[0])['id'] for other in named)} "
                f"{'imply' if len(named) > 1 else 'implies'} {_rate(middle, source, target)} within a year of it"
            )
        message += _another_days_rate(claims, known, rate_low=low, rate_high=high, middle=rates[position][4])
        yield Finding(
            topic=row["topic"],
            subject=row["id"] if len(others) > 1 else "",
            claims=(ref(claims, label), *(ref(claims, other[0]) for other in named)),
            severity=Severity.ERROR.value if grave else Severity.WARNING.value,
            diagnosis=diagnosis,
            message=message,
        )


def _another_days_rate(claims: pd.DataFrame, known, rate_low: float, rate_high: float, middle: float) -> str:
    """Where a conversion apart from the others meets, within SAME_TEXT, a rate the corpus
    states for another time (more than STATED_RATE_DAYS from it): that it is that day's
    rate ("447.0 tenge to the dollar in March 2024", used for March 2025's figure)."""
    for _, stated_low, stated_high, day, label in known:
        if np.isfinite(middle) and abs(day - middle) <= STATED_RATE_DAYS:
            continue
        if stated_low * (1 - SAME_TEXT) <= rate_high and rate_low <= stated_high * (1 + SAME_TEXT):
            stated = row_of(claims, label)
            when = display.date_range(stated["period_start"], stated["period_end"])
            return f"; it is the rate {stated['id']} gives for {when} ({stated['value']}): another time's rate?"
    return ""


# How far one text's own conversions between two currencies may differ beyond their
# rounding: a writer converts at one rate ("$1 = 1.5207 Australian dollars").
SAME_TEXT = 0.03


# How far apart in time (days between the middles of their periods) one text's two
# conversions are held to one rate: a month (a July story may convert April's price at
# April's rate and July's at July's).
SAME_TEXT_DAYS = 31


def _near(first, second, days: float) -> bool:
    """Whether two conversions' times (the middles of their periods) lie within ``days``
    (two without a period: as of their texts)."""
    if np.isnan(first[4]) or np.isnan(second[4]):
        return bool(np.isnan(first[4]) and np.isnan(second[4]))
    return bool(abs(first[4] - second[4]) <= days)


def _within_one_text(claims: pd.DataFrame, source: str, target: str, rates, tolerance: float) -> Iterator[Finding]:
    """A conversion apart from its own text's others of about its time (SAME_TEXT_DAYS) by
    more than SAME_TEXT, though within the corpus's market tolerance (beyond it, the corpus
    check reports it): A$1.84 billion stated as $1.12 billion (1.21 transposed) beside
    A$5.51 billion as $3.62 billion in one wire story. Of two, the one farther from other
    texts' conversions of that time is the odd one; with none to tell, both are told alike."""
    by_text: dict[str, list] = {}
    for entry in rates:
        by_text.setdefault(str(claims.at[entry[0], "source"]), []).append(entry)
    typical = float(np.median([rate[1] for rate in rates]))
    reported: set = set()
    for text, entries in by_text.items():
        if len(entries) < 2:
            continue
        alone = len(entries) == len(
            rates
        )  # the year's only conversions: the corpus check takes a pair beyond its tolerance
        for position, entry in enumerate(entries):
            label, rate, low, high, _ = entry
            others = [
                other
                for index, other in enumerate(entries)
                if index != position and _near(entry, other, SAME_TEXT_DAYS)
            ]
            if not others:
                continue
            middle = others[0][1] if len(others) == 1 else float(np.median([rate, *(other[1] for other in others)]))
            if middle * (1 - SAME_TEXT) <= high and low <= middle * (1 + SAME_TEXT):
                continue
            if not (typical * (1 - tolerance) <= high and low <= typical * (1 + tolerance)):
                continue  # apart from the corpus's rate too: reported as such
            if alone and not (middle * (1 - tolerance) <= high and low <= middle * (1 + tolerance)):
                continue  # beyond the market's tolerance of its text's others: the corpus check's
            subject = label
            if len(others) == 1:
                # Of two, the one farther from other texts' rates of the time is the odd one;
                # none, where the other's rounding takes this one's rate ("nearly 2 billion
                # reais ($350 million)" beside 412 million reais as $76 million).
                pair = frozenset((label, others[0][0]))
                if pair in reported or (
                    rate * (1 - SAME_TEXT) <= others[0][3] and others[0][2] <= rate * (1 + SAME_TEXT)
                ):
                    continue
                around = [
                    other[1]
                    for other in rates
                    if str(claims.at[other[0], "source"]) != text and _near(entry, other, SAME_TEXT_DAYS)
                ]
                if around:
                    near_rate = float(np.median(around))
                    if abs(rate - near_rate) < abs(others[0][1] - near_rate):
                        continue
                else:
                    subject = None
                reported.add(pair)
            row = row_of(claims, label)
            if subject is None:
                other = row_of(claims, others[0][0])
                yield Finding(
                    topic=row["topic"],
                    claims=(ref(claims, label), ref(claims, other.name)),
                    severity=Severity.WARNING.value,
                    diagnosis="a conversion at another exchange rate than its own text's others",
                    message=f"{row['id']} states {row['value']} as {row['converted']} "
                    f"({_rate(rate, source, target, middle)}) and {other['id']} states {other['value']} as "
                    f"{other['converted']} ({_rate(middle, source, target)}) in one text at about one time: one text "
                    "converts at one rate (a digit slip in a conversion?)",
                )
                continue
            yield Finding(
                topic=row["topic"],
                subject=row["id"],
                claims=(ref(claims, label), *(ref(claims, other[0]) for other in others)),
                severity=Severity.WARNING.value,
                diagnosis="a conversion at another exchange rate than its own text's others",
                message=f"{row['value']} is stated as {row['converted']}: {_rate(rate, source, target, middle)}, where "
                f"the same text's {', '.join(row_of(claims, other[0])['id'] for other in others)} "
                f"{'imply' if len(others) > 1 else 'implies'} {_rate(middle, source, target)}: one text converts "
                "at one rate (a digit slip in a conversion?)",
            )


def _rate(rate: float, source: str, target: str, quoted_as: float | None = None) -> str:
    """An exchange rate as desks quote it: in units of the dearer currency's price, so that
    it is at least one (297 LKR per USD, not 0.003368 USD per LKR); with ``quoted_as``,
    the way that rate is quoted, so that two rates read side by side (0.927 and 1.226 EUR
    per USD, never 1.079 USD per EUR against 1.226 EUR per USD)."""
    if 0 < (rate if quoted_as is None else quoted_as) < 1:
        return f"{display.number(1 / rate)} {source} per {target}"
    return f"{display.number(rate)} {target} per {source}"


def _over_period(row) -> tuple[Any, str]:
    """A rate stated beside an amount ("108.5 million t (about 2.17 million b/d)" for 2024):
    the rate taken over the claim's period, so that both are amounts; and how the period
    reads ('' when nothing was changed). A claim without a period of its own is left as it
    is: no time to take the rate over."""
    rates = [is_rate(str(row[f"{prefix}dimension"])) for prefix in ("", "converted_")]
    days = row["period_end"] - row["period_start"]
    if rates[0] == rates[1] or row["undated"] or not (np.isfinite(days) and days > 0):
        return row, ""
    prefix = "" if rates[0] else "converted_"
    taken = dict(row)
    for column in ("magnitude", "low", "high"):
        taken[f"{prefix}{column}"] = row[f"{prefix}{column}"] * days * 86_400
    taken[f"{prefix}dimension"] = taken[f"{prefix}amount_dimension"] = amount_of(str(row[f"{prefix}dimension"]))
    if not prefix:  # the value's amount is now the amount over the period
        for column in ("magnitude", "low", "high"):
            taken[f"amount_{column}"] = taken[column]
    return taken, f" over {display.date_range(row['period_start'], row['period_end'])} ({days:g} days)"


CONCENTRATION = "[mass] / [length] ** 3"
# A part per million, billion or trillion of a dilute solution in water is a milligram,
# microgram or nanogram per litre: water weighs a kilogram a litre (1,000 kg/m³), as
# environmental and health reporting converts them ("8 ppb (8 micrograms per liter)").
WATER_KG_PER_M3 = 1000.0


def _in_water(row, refs, tolerance: float) -> Finding | None:
    """A mass fraction stated as a mass per volume (or the reverse), checked at water's
    density; None when it holds."""
    fraction, per_volume = ("", "converted_") if row["dimension"] == "dimensionless" else ("converted_", "")
    return _apart(
        row,
        refs,
        tolerance,
        (row[f"{fraction}{column}"] * WATER_KG_PER_M3 for column in ("magnitude", "low", "high")),
        (row[f"{per_volume}{column}"] for column in ("magnitude", "low", "high")),
        ", but in water (1 kg a litre)",
    )


def _apart(row, refs, tolerance: float, stated, converted, said: str) -> Finding | None:
    """The finding of a conversion whose two sides (magnitude, low, high each, in one
    dimension) lie apart beyond the tolerance; None when they meet."""
    magnitude, low, high = stated
    converted_magnitude, converted_low, converted_high = converted
    if not intervals_apart(low, high, converted_low, converted_high, tolerance):
        return None
    return Finding(
        topic=row["topic"],
        subject=row["id"],
        claims=refs,
        diagnosis="the stated conversion is wrong",
        message=f"{row['value']} is stated as {row['converted']}{said} they differ by "
        f"{display.ratio(magnitude, converted_magnitude)}",
    )


def _per_money(row) -> Any:
    """A price per mass stated as a price per volume of the substance, or the reverse
    ("$226 a tonne, or about $6.15 a bushel" of wheat), as what a unit of money buys: a
    mass and a volume, which the substance's density links. None for any other conversion."""
    dimensions = [str(row[f"{prefix}dimension"]) for prefix in ("", "converted_")]
    per = []
    for dimension in dimensions:
        for amount in (MASS, VOLUME):
            if dimension.endswith(f" / {amount}") and dimension.startswith("[currency_"):
                per.append((dimension[: -len(f" / {amount}")], amount))
    if len(per) != 2 or per[0][0] != per[1][0] or per[0][1] == per[1][1] or "/" in per[0][0]:
        return None
    taken = dict(row)
    for prefix, (_, amount) in zip(("", "converted_"), per):
        magnitude, low, high = (row[f"{prefix}{column}"] for column in ("magnitude", "low", "high"))
        if not (magnitude > 0 and low > 0 and np.isfinite(high)):
            return None
        taken[f"{prefix}magnitude"], taken[f"{prefix}low"], taken[f"{prefix}high"] = 1 / magnitude, 1 / high, 1 / low
        taken[f"{prefix}dimension"] = amount
    return taken


def _check_one(claims: pd.DataFrame, label, options: Mapping[str, Any], groups: dict) -> Finding | None:
    row, over = _over_period(row_of(claims, label))
    priced = _per_money(row)
    if priced is not None:
        row = priced
    refs = (ref(claims, label),)
    tolerance = options["tolerance"] if np.isnan(row["tolerance"]) else row["tolerance"]
    if row["dimension"] == row["converted_dimension"]:
        # Units of one dimension convert by an exact factor: "81.1 ft (24.72 m)" to its
        # digits, not within a density's or a market's slack (24.27 m is a slip).
        # An "about" on either side is the figure's rounding, read to its digits: "about 38
        # miles (70 km)" is 61 km, not within the tenth "about" would add.
        return _apart(
            row,
            refs,
            options["unit_tolerance"] if np.isnan(row["tolerance"]) else row["tolerance"],
            _reading(row, ""),
            _reading(row, "converted_"),
            f"{over}, but",
        )
    dimensions = {row["dimension"], row["converted_dimension"]}
    if dimensions == {"dimensionless", CONCENTRATION}:
        return _in_water(row, refs, tolerance)
    substance = row["substance"] if isinstance(row["substance"], str) and row["substance"] else ""
    if dimensions not in LINKED or substance not in DENSITIES:
        substance = SUBSTANCE_LABELS.get(substance, substance)
        amounts = {amount_of(str(dimension)) for dimension in dimensions}
        why = (
            "one is a rate and the other an amount, and the claim has no period of its own to take the rate over"
            if amounts in LINKED or len(amounts) == 1
            else f"only a price or an exchange rate would link {display.dimension_words(row['dimension'])} "
            f"with {display.dimension_words(row['converted_dimension'])}, and claimcheck applies none (is the value's "
            "unit missing?)"
            if any(str(dimension).startswith("[currency_") for dimension in dimensions)
            else f"no density links {display.dimension_words(row['dimension'])} with "
            f"{display.dimension_words(row['converted_dimension'])}"
            if dimensions not in LINKED
            else f"claimcheck knows no density of {substance}"
            if substance
            else "the topic names no substance whose density would link them"
        )
        return Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=refs,
            severity=Severity.WARNING.value,
            diagnosis="not checkable",
            message=f"{row['value']} is stated as {row['converted']}: {why}",
        )
    # Rates: the density is the same (the time cancels out); amounts are of one year, as
    # the claims table's amount columns give a rate's (mass per year, shown in t/year).
    per_year = row["amount_magnitude"] / row["magnitude"] if row["dimension"].endswith(RATE) else 1.0
    per_year = per_year if np.isfinite(per_year) and per_year > 0 else 1.0
    tonnes = "t/year" if row["dimension"].endswith(RATE) else "t"
    # The implied density, with the interval both values' precision allows (kg/m³).
    if row["dimension"].startswith(VOLUME):
        volume_low, volume_high, mass_low, mass_high = (
            row["low"],
            row["high"],
            row["converted_low"],
            row["converted_high"],
        )
        volume_text, mass_text = row["value"], row["converted"]
        mass_prefix = "converted_"
    else:
        volume_low, volume_high, mass_low, mass_high = (
            row["converted_low"],
            row["converted_high"],
            row["low"],
            row["high"],
        )
        volume_text, mass_text = row["converted"], row["value"]
        mass_prefix = ""
    implied = (
        (row["converted_magnitude"] / row["magnitude"])
        if row["dimension"].startswith(VOLUME)
        else (row["magnitude"] / row["converted_magnitude"])
    )
    implied_low, implied_high = mass_low / volume_high, mass_high / volume_low
    matches: list[tuple[str, float, float]] = []
    others: list[tuple[str, float, float]] = []
    densities = DENSITIES[substance]
    substance = SUBSTANCE_LABELS.get(substance, substance)
    for phase, (low, high) in densities.items():
        fits = not (implied_low > high * (1 + tolerance) or low * (1 - tolerance) > implied_high)
        (matches if fits else others).append((phase, low, high))
    described = f"{volume_text} stated as {mass_text}{over} implies {density_text(implied, implied)}"
    if priced is not None:  # a price: told as written
        described = f"{row['value']} stated as {row['converted']} implies {density_text(implied, implied)}"
    if not matches:
        known = "; ".join(f"{PHASE_LABELS[phase]} {density_text(low, high)}" for phase, low, high in others)
        diagnosis = f"the factor matches no density of {substance}"
        # A thousand, million or billion times a density is a scale slip in one of the two
        # figures (1.47 million bushels for 1.47 billion: 774 t/m³, a thousand times wheat's).
        for power in (3, 6, 9, -3, -6, -9):  # a scale word's slip: thousand, million, billion
            if any(
                low * 10.0**power * (1 - tolerance) <= implied_high
                and implied_low <= high * 10.0**power * (1 + tolerance)
                for _, low, high in others
            ):
                times = f"{10**power:,} times" if power > 0 else f"a {10**-power:,}th of"
                diagnosis = f"a scale slip: the factor is {times} a density of {substance}"
                break
        return Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=refs,
            diagnosis=diagnosis,
            message=f"{described}, which is no density of {substance} ({known})",
        )
    if priced is not None:
        return None  # a price at the substance's density: no amount to bound
    phase, low, high = matches[0]
    reading = f"{described}, the density of {substance} {PHASE_LABELS[phase]} ({density_text(low, high)})"
    alternatives = [
        f"{PHASE_LABELS[other]} ({density_text(least, most)}) {volume_text} would be "
        f"{display.number(volume_low * least * per_year / 1000)}–"
        f"{display.number(volume_high * most * per_year / 1000)} {tonnes}"
        for other, least, most in others
    ]
    amount = pd.Series(
        {
            "amount_dimension": MASS,
            "amount_low": mass_low * per_year,
            "amount_high": mass_high * per_year,
            "amount_magnitude": row[f"{mass_prefix}magnitude"] * per_year,
        }
    )
    too_large, bounds = [], []
    for bound_label in bounding_claims(claims, label, groups):
        bound = row_of(claims, bound_label)
        result = excess(amount, bound, options["max_ratio"])
        if result is not None:
            too_large.append(f"{result} ({bound['id']}: {bound['value']})")
            bounds.append(ref(claims, bound_label))
    if not too_large:
        return None  # a consistent reading with a plausible amount
    message = f"{reading}; {mass_text} is {'; '.join(too_large)}"
    if alternatives:
        message += "; read " + "; ".join(alternatives)
    return Finding(
        topic=row["topic"],
        subject=row["id"],
        claims=refs + tuple(bounds),
        message=message,
        diagnosis=f"the conversion assumes {substance} {PHASE_LABELS[phase]} and gives an implausible amount",
    )


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_LPG = (
    {"key": "lpg-contract", "kind": "quantity", "unit": "t", "substance": "lpg", "bounded_by": "lpg-demand"},
    {"key": "lpg-demand", "kind": "quantity", "unit": "t/year", "substance": "lpg", "label": "annual LPG demand"},
)
_CRUDE = ({"key": "crude-transit", "kind": "quantity", "unit": "t/year", "substance": "crude-oil"},)


def _crude_transit(converted: str) -> Mapping[str, str]:
    barrels = converted.strip("~").replace("barrels/year", "barrels a year")
    return claim_row(
        "transit",
        "crude-transit",
        "10 million t/year",
        f"transit of 10 million tonnes a year (about {barrels}) of crude",
        period="2025",
        converted=converted,
    )


_GRANT = ({"key": "grant", "kind": "quantity", "unit": "XOF"},)


def _grant(converted: str) -> Mapping[str, str]:
    euros = converted.strip("~").replace("EUR ", "€")
    return claim_row(
        "grant", "grant", "XOF 12.5 billion", f"a grant of 12.5 billion CFA francs (about {euros})", converted=converted
    )


_DEMAND = claim_row(
    "demand", "lpg-demand", "~700,000 t/year", "the annual demand is around 700,000 tonnes", period="2025"
)
EXAMPLES = (
    Example(
        "fails",
        '"50 million cubic metres (about 26.3 million tonnes) of LPG": 0.526 t/m³ is LPG as a liquid, '
        "and 26.3 million t is 38 times Afghanistan's annual LPG demand",
        {
            "orf": (
                claim_row(
                    "contract",
                    "lpg-contract",
                    "50 million m^3",
                    "50 million cubic metres (about 26.3 million tonnes) of LPG",
                    period="2025",
                    converted="~26.3 million t",
                ),
                _DEMAND,
            )
        },
        topics=_LPG,
        flags=(("contract", "demand"),),
    ),
    Example(
        "fails",
        '"2 million m³ (about 9 million t) of LPG": 4.5 t/m³ is no density of LPG',
        {
            "a": (
                claim_row(
                    "contract",
                    "lpg-contract",
                    "2 million m^3",
                    "2 million m³ (about 9 million t) of LPG",
                    period="2025",
                    converted="~9 million t",
                ),
            )
        },
        topics=_LPG,
        flags=(("contract",),),
    ),
    Example(
        "passes",
        '"50 million cubic metres (about 100,000 tonnes) of LPG gas": 2 kg/m³ is LPG as gas '
        "at standard conditions, and the amount is within the bounds",
        {
            "a": (
                claim_row(
                    "contract",
                    "lpg-contract",
                    "50 million m^3",
                    "50 million cubic metres (about 100,000 tonnes) of LPG gas",
                    period="2025",
                    converted="~100,000 t",
                ),
                _DEMAND,
            )
        },
        topics=_LPG,
    ),
    Example(
        "fails",
        '"10 million tonnes a year (about 7.3 million barrels a year)" of crude oil: 8.62 t/m³ is no density of '
        "crude oil",
        {"a": (_crude_transit("~7.3 million barrels/year"),)},
        topics=_CRUDE,
        flags=(("transit",),),
    ),
    Example(
        "passes",
        '"10 million tonnes a year (about 73 million barrels a year)" of crude oil: 0.86 t/m³',
        {"a": (_crude_transit("~73 million barrels/year"),)},
        topics=_CRUDE,
    ),
    Example(
        "fails",
        '"12.5 billion CFA francs (about €21.4 million)": 584 CFA francs to the euro, held at 655.957 since 1999',
        {"a": (_grant("~EUR 21.4 million"),)},
        topics=_GRANT,
        flags=(("grant",),),
    ),
    Example(
        "passes",
        '"12.5 billion CFA francs (about €19.1 million)": 654 CFA francs to the euro, its parity within rounding',
        {"a": (_grant("~EUR 19.1 million"),)},
        topics=_GRANT,
    ),
)
