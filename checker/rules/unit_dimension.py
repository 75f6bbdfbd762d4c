"""Claims of one topic in different dimensions are compared through the substance's density.

Where no density links them, the pair is flagged as not comparable rather than skipped,
whatever the claims' modality (a target in another currency than its topic's is flagged
like an actual figure). Claims compare for the same time and modality class.

Fails:  50 million m³ of LPG vs 200,000 t of LPG (no density of LPG reconciles them)
Fails:  US$80 million vs 80,000 t in one topic (no density links money and mass)
Fails:  50 million m³ vs 100,000 t of LPG: consistent only as a gas (a note naming the phases)
Passes: 1,000 m³ vs 830 t of diesel (the density of diesel links them)

A value with a stated conversion into the topic's dimension is read by that conversion
(the conversion itself is `stated-conversion`'s to check).

For a flow, a rate and an amount convert through the claims' period (5,200 people a month
over 2024 are 62,400 people).

Volume and mass (and their rates) convert through the densities of the topic's
substance, one interpretation per phase: LPG as a liquid (0.50–0.58 t/m³) or as a gas at
standard conditions (1.86–2.49 kg/m³). The finding says which interpretations are
consistent and which are not; a pair consistent under every phase is not reported.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from checker import display
from checker.densities import PHASE_LABELS, PHASES, SUBSTANCE_LABELS, is_rate, rate_of
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import tolerance
from checker.pairing import (
    CURRENCY,
    NUMERIC,
    SAME_TIME,
    as_states,
    by_id,
    currencies_of_one_price,
    different_estimators,
    group_codes,
    in_topic_unit,
    intervals_apart,
    merged_odd_ones,
    odd_ones_out,
    pairs_overlapping,
    partner_of,
    ref,
    row_of,
    transpositions,
)
from checker.pegs import PARITIES, parity, parity_text

ID = "unit-dimension"
SEVERITY = "warning"
OPTIONS = {"tolerance": tolerance(0.02)}


def in_topic_dimension(row: pd.Series, phase: str) -> tuple[float, float] | None:
    """The claim's interval in the topic's base unit under one phase's density; a value
    in another dimension whose stated conversion is in the topic's ("US$4.4 million (CHF
    3.9 million)" for a topic in CHF) is read by its conversion."""
    plain = _without_density(row)
    if plain is not None:
        return plain
    low, high = row[f"{phase}_low"], row[f"{phase}_high"]
    if np.isnan(low) and np.isnan(high):
        return None
    return low, high


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    # One currency slip met by several texts that agree with each other is one finding on
    # it, the odd one out, with every claim it meets.
    yield from merged_odd_ones(odd_ones_out(list(_findings(claims, options))), _rank)


def _rank(finding: Finding) -> tuple[int, str]:
    """How a pair of an odd one out speaks for it: the most severe, then the partner's id."""
    return Severity(finding.severity or SEVERITY).rank, partner_of(finding)


def _in_topic_currency(first, second) -> dict[str, str]:
    """A currency slip's subject: of two figures, the one in another currency than its
    topic's, when the other is in the topic's ($14.82 trillion under a topic in rupees,
    beside ₹14.82 lakh crore); nothing when both or neither are."""
    other = [row for row in (first, second) if row["dimension"] != row["topic_dimension"]]
    return {"subject": other[0]["id"]} if len(other) == 1 else {}


def _findings(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    numeric = claims["kind"].isin(NUMERIC) & claims["magnitude"].notna()
    labels, codes = group_codes(claims, numeric, ("topic", "scope", "subject", "modality_class", *SAME_TIME))
    # Pairs of a group in different dimensions: every pair "overlaps" (one instant for all).
    always = np.zeros(len(labels))
    pairs = pairs_overlapping(labels, codes, always, always + 1, as_states(claims.loc[labels, "dimension"]))
    for crowd in pairs.crowds:
        group = claims.loc[list(crowd.labels)].sort_values("id", kind="stable")
        dimensions = sorted(set(group["dimension"]))
        shown = [group.index[group["dimension"] == dimension][0] for dimension in dimensions[:2]]
        first = row_of(claims, shown[0])
        yield Finding(
            topic=first["topic"],
            claims=tuple(ref(claims, label) for label in shown),
            diagnosis="many claims in different dimensions: too many pairs to compare one by one",
            message=f"{len(crowd.labels)} claims give {first['topic_label']} in {len(dimensions)} dimensions "
            f"({', '.join(dimensions)}); {crowd.pairs:,} pairs would need a density to compare",
        )
    paired: set = set()  # claims already named by a pair: no second finding of their own
    # A claim in another dimension than its topic's that no pair can compare: one warning,
    # and none when some other pair did compare it (by a conversion stated beside either).
    uncompared: dict = {}
    compared: set = set()
    for a, b in pairs.frame.itertuples(index=False):
        first, second = by_id(claims, a, b)
        finding = _compare(claims, first.name, second.name, options["tolerance"])
        odd = [row.name for row in (first, second) if row["dimension"] != row["topic_dimension"]] or [first.name]
        if finding is None:
            compared.update(odd)
        elif finding.diagnosis == NOT_COMPARABLE:
            for label in odd:
                uncompared.setdefault(label, finding)
        else:
            paired.update((first.name, second.name))
            yield finding
    given: set = set()
    for label, finding in uncompared.items():
        if label in compared or label in paired or id(finding) in given:
            continue
        given.add(id(finding))
        paired.add(label)
        yield finding
    yield from _undated_currency_slips(claims, numeric, paired, options["tolerance"])
    # A claim alone in a dimension its topic cannot reach is not comparable with anything,
    # whatever its modality: a target in roubles for a topic in dollars is flagged too.
    mismatched = numeric & (claims["dimension"] != claims["topic_dimension"]) & claims["topic_dimension"].notna()
    # Two claims in one currency other than the topic's (a fee "up to €10 million" in two
    # texts under a topic in pounds) compare with each other in value-conflict: no note. A
    # topic whose unit lacks what its values are per (USD for prices per m³) keeps its note.
    other_money = (
        mismatched.to_numpy(dtype=bool) & _money_only(claims["dimension"]) & _money_only(claims["topic_dimension"])
    )
    alike, alike_codes = group_codes(
        claims, other_money, ("topic", "scope", "subject", "modality_class", "dimension", *SAME_TIME)
    )
    shared = set(alike[np.bincount(alike_codes)[alike_codes] > 1]) if len(alike) else set()
    for label in claims.index[mismatched]:
        if label in paired or label in compared or label in shared:
            continue
        row = row_of(claims, label)
        if any(in_topic_dimension(row, phase) is not None for phase in PHASES):
            continue
        currencies = currencies_of_one_price(row["dimension"], row["topic_dimension"])
        if currencies and parity(*currencies) is not None:
            continue  # money at a fixed parity to the topic's: comparable, and compared where paired
        yield Finding(
            topic=row["topic"],
            claims=(ref(claims, label),),
            message=f"{row['value']} is {display.dimension_words(row['dimension'])}, but topic '{row['topic']}' is measured "
            f"in {row['topic_unit'] or 'no unit'} ({display.dimension_words(row['topic_dimension'])}): not comparable, "
            f"{_why_not(row['dimension'], row['topic_dimension'], None)}",
            diagnosis="not comparable: different dimensions",
            severity=Severity.NOTE.value
            if _monies(row["dimension"], row["topic_dimension"])
            else Severity.WARNING.value,
        )


def _money_only(column: pd.Series) -> np.ndarray:
    """Per claim, whether a dimension column holds plain money (no price), read once per
    category."""
    codes, categories = column.cat.codes.to_numpy(), column.cat.categories
    money = np.append(
        np.asarray(pd.Series(categories.astype(str)).str.fullmatch(r"\[currency_\w+\]"), dtype=bool), False
    )
    return money[codes]  # code -1 (missing) reads the appended False


def _monies(*dimensions) -> bool:
    """Whether every dimension is a currency: amounts no rate is known to link, a desk's
    everyday (a pledge in euros under a topic in dollars), worth a note, not a warning."""
    return all(str(dimension).startswith("[currency_") for dimension in dimensions)


SECONDS_PER_DAY = 86400
# Figures without a period of their own (as of their texts' publication) compare across
# texts published this close together, as value-conflict's do.
UNDATED_WITHIN_DAYS = 31


# A figure of this many significant digits is precise: the same one in two currencies is a
# slip of the sign whenever the two times meet, not a coincidence of round numbers.
PRECISE_DIGITS = 3


def _meet(one: pd.Series, two: pd.Series) -> bool:
    """Whether two money claims' times let the same figure be one figure: texts of one news
    cycle when neither has a period ("€5bn" in one, "$5 billion" in another, six days
    apart), levels and running totals as of days (or a month) of one news cycle, a deal's terms at any
    dates, and, for a precise figure (A$385 million), texts of any dates, or periods that
    overlap (a fine proposed on 8 October and "in October")."""
    precise = min(one["digits"], two["digits"]) >= PRECISE_DIGITS
    if one["modality_class"] == "agreement":
        return True  # a deal's terms (a break fee of $150 million) do not change by a currency
    if one["undated"] and two["undated"]:
        return precise or abs(one["period_start"] - two["period_start"]) <= UNDATED_WITHIN_DAYS
    if one["aggregation"] in ("cumulative", "stock") and all(
        row["period_end"] - row["period_start"] <= UNDATED_WITHIN_DAYS or row["undated"] for row in (one, two)
    ):
        # A level or running total as of days of one news cycle (pledges of 1.5 million
        # pounds on 15 October, "EUR 1.5 million" as of 22 October), or of a month ("R350
        # million in March" and "$350 million so far" on 18 March).
        return bool(abs(one["period_end"] - two["period_end"]) <= UNDATED_WITHIN_DAYS or precise)
    return bool(precise and one["period_start"] < two["period_end"] and two["period_start"] < one["period_end"])


def _undated_currency_slips(claims: pd.DataFrame, numeric, paired: set, tolerance: float) -> Iterator[Finding]:
    """The same figure in two currencies at times that meet (``_meet``), which the pairs of
    one time above did not compare: a currency slip. Pairs are the money claims of one topic
    in different currencies whose figures meet as written."""
    money = numeric & claims["dimension"].astype(str).str.startswith("[currency_")
    labels, codes = group_codes(claims, money, ("topic", "scope", "subject", "modality_class"))
    if len(labels) < 2:
        return
    magnitude = claims.loc[labels, "magnitude"].to_numpy(dtype=float)
    half = np.nan_to_num(claims.loc[labels, "half"].to_numpy(dtype=float))
    pairs = pairs_overlapping(
        labels, codes, magnitude - half, magnitude + half, as_states(claims.loc[labels, "dimension"])
    )
    for a, b in pairs.frame.itertuples(index=False):  # crowds of one figure: left to the pairs above
        one, two = by_id(claims, a, b)
        if not _meet(one, two) or {a, b} <= paired:
            continue
        slip = _currency_slip(one, two, tolerance)
        if slip:
            paired.update((a, b))
            yield Finding(
                topic=one["topic"],
                claims=(ref(claims, one.name), ref(claims, two.name)),
                severity=Severity.ERROR.value,
                diagnosis=slip,
                **_in_topic_currency(one, two),
                message=f"{one['value']} and {two['value']} are the same figure in two "
                f"{'currencies' if slip.startswith('a currency') else 'units'} for "
                f"{one['topic_label']}, {_times(one, two)}: one of them has the wrong "
                f"{'currency' if slip.startswith('a currency') else 'unit'}",
            )


def _times(one: pd.Series, two: pd.Series) -> str:
    """When two claims say their figures, in words: their texts' dates, or their periods."""
    if one["undated"] and two["undated"]:
        return f"in texts of {display.day_to_iso(one['period_start'])} and {display.day_to_iso(two['period_start'])}"
    return (
        f"for {display.date_range(one['period_start'], one['period_end'])} and "
        f"{display.date_range(two['period_start'], two['period_end'])}"
    )


def _by_conversion(row: pd.Series) -> bool:
    """Whether a claim is read by its stated conversion (see ``in_topic_dimension``)."""
    return row["dimension"] != row["topic_dimension"] and row["converted_dimension"] == row["topic_dimension"]


def _over_period(row: pd.Series) -> float | None:
    """For a flow, a rate under a topic of amounts or an amount under a topic of rates: the
    seconds of the claim's period, which turn the one into the other (5,200 people a month
    over 2024 are 62,400 people); else None."""
    if row["aggregation"] != "flow":
        return None
    dimension, topic = str(row["dimension"]), str(row["topic_dimension"])
    if dimension != rate_of(topic) and rate_of(dimension) != topic:
        return None
    seconds = (row["period_end"] - row["period_start"]) * SECONDS_PER_DAY
    return seconds if np.isfinite(seconds) and seconds > 0 else None


def _without_density(row: pd.Series) -> tuple[float, float] | None:
    """The claim's interval in the topic's dimension when no density is needed: as it is,
    by its stated conversion, or a rate or amount through its period; else None."""
    if row["dimension"] == row["topic_dimension"]:
        return row["low"], row["high"]
    if _by_conversion(row) and np.isfinite(row["converted_magnitude"]):
        return row["converted_low"], row["converted_high"]
    seconds = _over_period(row)
    if seconds is None:
        return None
    factor = seconds if is_rate(str(row["dimension"])) else 1 / seconds
    return row["low"] * factor, row["high"] * factor


# How far apart two figures as written may be and still be one figure: a rounding's width.
SAME_FIGURE = 0.05


# Currencies at par, so that one figure in both is no slip: the balboa and the Bahamian and
# Bermudian dollars are the US dollar's, the Brunei dollar the Singapore dollar's, and so
# on (checker/pegs.py: the parities of one to one).
AT_PAR = {frozenset(pair) for pair, (low, high, _) in PARITIES.items() if low == high == 1.0}


def _currency_slip(first: pd.Series, second: pd.Series, tolerance: float) -> str:
    """Two amounts of money in different currencies whose figures agree (€1.24 billion and
    US$1.24 billion): no exchange rate is near one for long, so the same figure is a slip
    of the currency sign, not a conversion. Empty when the figures differ."""
    # Prices of one thing in two currencies (€245 a tonne, $245 a tonne) slip alike.
    currencies = currencies_of_one_price(first["dimension"], second["dimension"])
    if currencies is None:  # not money per person against money per barrel, nor two units
        return _unit_slip(first, second)
    if frozenset(currencies) in AT_PAR:
        return ""  # "B/.2,544.5 million" and "$2.54 billion": one figure in two names of one money
    # The same figure as written, at the coarser of the two precisions: not the intervals a
    # qualifier widens ("about €1.1 billion" reaches US$1.21 billion, and a euro is worth
    # about a dollar: "about €1.1 billion" for US$1.24 billion is a conversion, not a slip).
    # A figure of one significant digit rounds widely ("almost $10 billion" is any 5 to 10
    # billion): the same figure is also within a rounding's 5 % of the larger, for "C$10
    # billion" against US$7.3 billion is a conversion at 1.37, not a slip of the sign.
    halves = [row["half"] if np.isfinite(row["half"]) else 0.0 for row in (first, second)]
    gap = abs(first["magnitude"] - second["magnitude"])
    if gap > max(halves) * (1 + 1e-9) or gap > SAME_FIGURE * max(abs(first["magnitude"]), abs(second["magnitude"])):
        return ""
    return f"a currency slip: the same figure in {currencies[0]} and {currencies[1]}"


def _with_currency(row: pd.Series) -> str:
    """A value as written, with its currency's code when the value does not show it
    ("$742.1 billion (CAD)"): two dollar figures read the same otherwise."""
    found = CURRENCY.fullmatch(str(row["dimension"]))
    value = str(row["value"])
    return f"{value} ({found.group(1)})" if found and found.group(1) not in value else value


def _at_parity(
    claims: pd.DataFrame, first: pd.Series, second: pd.Series, tolerance: float
) -> Finding | None | Literal[False]:
    """Two amounts (or prices of one thing) in two currencies held at a fixed parity
    (checker/pegs.py), compared at it: None when they agree, a finding when they do not
    (US$261 million against AED 9.6 billion, US$2.61 billion at 3.6725 dirhams to the
    dollar: a scale slip); False when no parity links the two currencies."""
    currencies = currencies_of_one_price(first["dimension"], second["dimension"])
    fixed = parity(*currencies) if currencies else None
    if currencies is None or fixed is None:
        return False
    rate_low, rate_high, since = fixed
    if any(row["period_start"] < since for row in (first, second)):
        return False  # before the parity was fixed
    low, high = first["low"] * rate_low, first["high"] * rate_high
    if not intervals_apart(low, high, second["low"], second["high"], tolerance):
        return None
    ratio = max(abs(first["magnitude"]) * rate_low, abs(second["magnitude"])) / max(
        min(abs(first["magnitude"]) * rate_low, abs(second["magnitude"])), 1e-300
    )
    power = round(math.log10(ratio)) if ratio > 0 else 0
    scaled = power >= 1 and abs(ratio / 10**power - 1) <= 0.05
    return Finding(
        topic=first["topic"],
        claims=(ref(claims, first.name), ref(claims, second.name)),
        severity=Severity.ERROR.value,
        diagnosis=(
            f"scale slip: the values differ by a factor of {10**power:,} at the fixed parity"
            if scaled
            else "different figures at the fixed parity between the two currencies"
        ),
        message=f"{_with_currency(first)} and {_with_currency(second)} disagree at the fixed parity of "
        f"{parity_text(*currencies)}: {first['value']} is {display.number(first['magnitude'] * rate_low)}"
        f"{'' if rate_low == rate_high else '–' + display.number(first['magnitude'] * rate_high)} "
        f"{currencies[1]}",
    )


def _unit_slip(first: pd.Series, second: pd.Series) -> str:
    """Two figures in dimensions nothing links whose numbers as written are the same precise
    figure (781,000 t where the others say 781,000 TEU): one unit is a slip. Empty else."""
    try:
        numbers = [float(str(row["number"]).replace(",", "")) for row in (first, second)]
    except ValueError:
        return ""
    if min(first["digits"], second["digits"]) < 3 or numbers[0] != numbers[1]:
        return ""
    if display.per_what(first["dimension"], second["dimension"]):
        return ""  # "$41.50" and "$41.50 a shot": a price tagged without what it is per, no slip
    units = [display.unit_name(_per_year(row)[1]) or "a plain number" for row in (first, second)]
    return f"a unit slip: the same figure in {units[0]} and {units[1]}"


def _per_year(row: pd.Series) -> tuple[float, str]:
    """The factor and unit a claim's figure shows in: money a second (a fee a year, read in
    base units) per year, as texts give it; any other unit as it is."""
    unit = str(row["unit"])
    if unit.endswith(" / second") and str(row["dimension"]).startswith("[currency_"):
        return 1 / display.SECONDS_PER_YEAR, f"{unit[: -len(' / second')]}/year"
    return 1.0, unit


def _why_not(first, second, substance) -> str:
    """Why two dimensions cannot be compared here."""
    per = display.per_what(first, second)
    if per:
        return (
            f"one is the other per {display.dimension_words(per)}: a figure tagged without what it is per? "
            "write the value with it ('$41.50 per dose'), as the topic measures it"
        )
    if any(str(dimension).startswith("[currency_") for dimension in (first, second)):
        return (
            "claimcheck converts money only between currencies held at a fixed parity (checker/pegs.py), "
            "never at a market's rate, nor into anything else"
        )
    if display.rate_and_amount(first, second):
        return (
            "one is a rate of the other (power and energy, tonnes a year and tonnes), which compare only in "
            "a flow topic, over the claims' period; is one of the units a slip?"
        )
    if substance:
        return f"no density of {substance} for these units"
    return "the topic names no substance whose density would link them"


def _shown(row: pd.Series) -> str:
    if _by_conversion(row):
        return f"{row['value']} (stated as {row['converted']})"
    if row["dimension"] != row["topic_dimension"]:
        return f"{row['value']} (over {display.date_range(row['period_start'], row['period_end'])})"
    return str(row["value"])


NOT_COMPARABLE = "not comparable: different dimensions"

_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _transposed_conversion(claims: pd.DataFrame, first: pd.Series, second: pd.Series) -> Finding | None:
    """Two figures within the tolerance of each other, one read by its stated conversion,
    where swapping two adjacent digits of the conversion as written gives the other to its
    last digit ("Sh54.6 billion ($432 million)" beside another text's $423 million): a
    digit transposition, which no tolerance excuses, as between two figures of one unit."""
    for converted, plain in ((first, second), (second, first)):
        if not (_by_conversion(converted) and plain["dimension"] == plain["topic_dimension"]):
            continue
        written = _FIRST_NUMBER.search(str(converted["converted"]))
        if written is None or not plain["digits"] >= PRECISE_DIGITS:
            continue
        number = written.group(0).replace(",", "")
        if len(number.replace(".", "").lstrip("0")) < PRECISE_DIGITS:
            continue
        if not float(number) or not np.isfinite(converted["converted_magnitude"]):
            continue
        factor = converted["converted_magnitude"] / float(number)
        if any(math.isclose(swapped * factor, plain["magnitude"], rel_tol=1e-9) for swapped in transpositions(number)):
            return Finding(
                topic=first["topic"],
                subject=converted["id"],
                claims=(ref(claims, first.name), ref(claims, second.name)),
                severity=Severity.ERROR.value,
                diagnosis=f"digit transposition: {converted['id']} states {converted['converted']} where "
                f"{plain['id']} gives a figure with two adjacent digits swapped",
                message=f"{converted['value']} (stated as {converted['converted']}) and {plain['value']} are one "
                f"figure with two digits swapped, in {first['topic_unit'] or 'plain numbers'}",
            )
    return None


def _stated_in_each_others(first: pd.Series, second: pd.Series):
    """When one claim states its figure also in the other's unit ("USD 1.24 billion (EUR
    1.09 billion)" beside "about €1.1 billion"): both intervals in that unit; else None."""
    for one, other in ((first, second), (second, first)):
        if str(other["converted_dimension"]) == str(one["dimension"]) and np.isfinite(other["converted_magnitude"]):
            return one, (one["low"], one["high"]), other, (other["converted_low"], other["converted_high"])
    return None


def _compare(claims: pd.DataFrame, a, b, default_tolerance: float) -> Finding | None:
    first, second = row_of(claims, a), row_of(claims, b)
    if different_estimators(first, second) and not _currency_slip(first, second, default_tolerance):
        # Two bodies' estimates differ by method, in one unit or two (value-conflict leaves
        # them alone): only the same figure in two currencies is a slip between them.
        return None
    tolerance = default_tolerance if np.isnan(first["tolerance"]) else first["tolerance"]
    one, two = _without_density(first), _without_density(second)
    if one is not None and two is not None:
        # No density involved: a value stated with its conversion into the topic's unit, or a
        # rate and an amount of a flow over the same period.
        (low_1, high_1), (low_2, high_2) = one, two
        if not intervals_apart(low_1, high_1, low_2, high_2, tolerance):
            return _transposed_conversion(claims, first, second)
        return Finding(
            topic=first["topic"],
            claims=(ref(claims, a), ref(claims, b)),
            severity=Severity.ERROR.value,
            diagnosis="different figures in the topic's unit, one by its stated conversion or its period",
            message=f"{_shown(first)} and {_shown(second)} disagree in {first['topic_unit'] or 'plain numbers'}: "
            f"{in_topic_unit(first, low_1)}–{in_topic_unit(first, high_1)} against "
            f"{in_topic_unit(second, low_2)}–{in_topic_unit(second, high_2)}",
        )
    crossed = _stated_in_each_others(first, second) if first["dimension"] != second["dimension"] else None
    if crossed is not None:
        plain, (low_1, high_1), converting, (low_2, high_2) = crossed
        if not intervals_apart(low_1, high_1, low_2, high_2, tolerance):
            return None
        return Finding(
            topic=first["topic"],
            claims=(ref(claims, a), ref(claims, b)),
            severity=Severity.ERROR.value,
            diagnosis="different figures in one unit, one by its stated conversion",
            message=f"{plain['value']} and {converting['value']} (stated as {converting['converted']}) disagree: "
            f"{display.quantity(low_1, high_1, plain['magnitude'], *_per_year(plain), 'stated')} against "
            f"{display.quantity(low_2, high_2, converting['converted_magnitude'], *_per_year(plain), 'stated')}",
        )
    consistent: list[str] = []
    inconsistent: list[str] = []
    for phase in PHASES:
        one, two = in_topic_dimension(first, phase), in_topic_dimension(second, phase)
        if one is None or two is None:
            continue
        (low_1, high_1), (low_2, high_2) = one, two
        meet = not intervals_apart(low_1, high_1, low_2, high_2, tolerance)
        converted = first if first["dimension"] != first["topic_dimension"] else second
        low, high = one if converted is first else two
        text = f"{PHASE_LABELS[phase]} ({converted['value']} is {in_topic_unit(converted, low)}–{in_topic_unit(converted, high)})"
        (consistent if meet else inconsistent).append(text)
    refs = (ref(claims, a), ref(claims, b))
    substance = (
        SUBSTANCE_LABELS.get(first["substance"], first["substance"])
        if isinstance(first["substance"], str) and first["substance"]
        else None
    )
    if not consistent and not inconsistent:
        slip = _currency_slip(first, second, tolerance)
        if not slip:
            at_parity = _at_parity(claims, first, second, tolerance)
            if at_parity is not False:
                return at_parity
        if slip:
            return Finding(
                topic=first["topic"],
                claims=refs,
                severity=Severity.ERROR.value,
                diagnosis=slip,
                **_in_topic_currency(first, second),
                message=f"{_with_currency(first)} and {_with_currency(second)} are the same figure in two "
                f"{'currencies' if slip.startswith('a currency') else 'units'} for {first['topic_label']}: one of "
                f"them has the wrong {'currency' if slip.startswith('a currency') else 'unit'}"
                + (
                    " (where a text leaves a rate's period unsaid, as a monthly price given as '€4.85', write "
                    "the value with it, '€4.85 a month': the quote need not show the unit)"
                    if display.rate_and_amount(first["dimension"], second["dimension"])
                    else ""
                ),
            )
        return Finding(
            topic=first["topic"],
            claims=refs,
            severity=Severity.NOTE.value
            if _monies(first["dimension"], second["dimension"])
            else Severity.WARNING.value,
            diagnosis=NOT_COMPARABLE,
            message=f"{first['value']} ({display.dimension_words(first['dimension'])}) and {second['value']} "
            f"({display.dimension_words(second['dimension'])}) cannot be compared: "
            + _why_not(first["dimension"], second["dimension"], substance),
        )
    if not inconsistent:
        return None
    if not consistent:
        return Finding(
            topic=first["topic"],
            claims=refs,
            severity=Severity.ERROR.value,
            diagnosis=f"no density of {substance} reconciles the two values",
            message=f"{first['value']} and {second['value']} disagree under every density of {substance}: "
            + "; ".join(inconsistent),
        )
    return Finding(
        topic=first["topic"],
        claims=refs,
        severity=Severity.NOTE.value,
        diagnosis="consistent only under one reading of the substance's phase",
        message=f"{first['value']} and {second['value']} agree only {'; '.join(consistent)}; "
        f"they disagree {'; '.join(inconsistent)}",
    )


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_LPG = {"key": "lpg-imports", "kind": "quantity", "unit": "t", "substance": "lpg", "label": "LPG imports"}
EXAMPLES = (
    Example(
        "fails",
        "50 million m³ of LPG vs 200,000 t of LPG (no density of LPG reconciles them)",
        {
            "a": (claim_row("a-volume", "lpg-imports", "50 million m^3", "50 million m³", period="2024"),),
            "b": (claim_row("b-mass", "lpg-imports", "200,000 t", period="2024"),),
        },
        topics=(_LPG,),
        flags=(("a-volume", "b-mass"),),
    ),
    Example(
        "fails",
        "US$80 million vs 80,000 t in one topic (no density links money and mass)",
        {
            "a": (claim_row("a-value", "lpg-imports", "US$80 million", period="2024"),),
            "b": (claim_row("b-mass", "lpg-imports", "80,000 t", period="2024"),),
        },
        topics=(_LPG,),
        flags=(("a-value", "b-mass"),),
    ),
    Example(
        "fails",
        "50 million m³ vs 100,000 t of LPG: consistent only as a gas (a note naming the phases)",
        {
            "a": (claim_row("a-volume", "lpg-imports", "50 million m^3", "50 million m³", period="2024"),),
            "b": (claim_row("b-mass", "lpg-imports", "100,000 t", period="2024"),),
        },
        topics=(_LPG,),
        flags=(("a-volume", "b-mass"),),
    ),
    Example(
        "passes",
        "1,000 m³ vs 830 t of diesel (the density of diesel links them)",
        {
            "a": (claim_row("a-volume", "diesel", "1,000 m^3", "1,000 m³", period="2024"),),
            "b": (claim_row("b-mass", "diesel", "830 t", period="2024"),),
        },
        topics=({"key": "diesel", "kind": "quantity", "unit": "t", "substance": "diesel"},),
    ),
)
