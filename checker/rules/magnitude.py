"""A value is an order of magnitude beyond what bounds it or the adjacent year's, or a part exceeds its whole.

Fails:  a contract for 26.3 million t of LPG vs an annual LPG demand of ~700,000 t/year
Fails:  a contract for 26.3 million t of LPG vs an annual demand of 1.3 million m³ of liquid LPG
Fails:  flour exports of US$2 billion vs bilateral trade of US$1 billion (part > whole)
Fails:  trade of US$20 million in 2023 vs US$1 billion in 2024 (a 50× jump in a year)
Passes: LPG imports of >275,000 t vs an annual demand of ~700,000 t/year
Passes: flour exports of US$2 billion in 2024 vs bilateral trade of US$1 billion in Q1 2024

Bounds come from the topics table: ``bounded_by`` names a topic whose value bounds this
one within ``max_ratio`` (an annual demand bounds a contract; a rate is compared as one
year's amount; volume and mass are converted through the substance's density, and a
claim is flagged only when it is beyond its bound under every phase), ``part_of`` names
the whole a part can never exceed, for the same time or a part in a sub-period of the
whole's, in what is and in what is agreed, planned or targeted (a share of a quota against
the quota, each compared within its modality class; forecasts too, those of two
forecasters only beyond a tenth). A part above several texts' figures for its whole is one
finding on the part; a whole several parts exceed is the likelier slip, unless other texts'
figures for it confirm it (then each part is). A yearly (or longer) figure and the one for
the adjacent period of the same length are also compared: more than ``max_ratio`` apart, a
dip or a spike is a warning, and a jump at the edge of the series (the smaller figure the
first or the last one given: costs of a breach found in a fiscal year's last weeks, a new
mine's first year) a note. Claims with a stated conversion into another dimension are
left to the stated-conversion rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.bounds import excess
from checker.densities import MASS_DIMENSION, VOLUME_DIMENSION, density_bounds
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import Option, tolerance
from checker.pairing import (
    FIGURES,
    NUMERIC,
    SAME_TIME,
    Crowd,
    adjacent_periods,
    crowd_extremes,
    different_estimators,
    exceeding_inside,
    factorize_rows,
    group_codes,
    members,
    pairs_exceeding,
    periods_overlap,
    ref,
    row_of,
    rows_of,
    shared_codes,
    widened,
)

ID = "magnitude-plausibility"
SEVERITY = "warning"
OPTIONS = {
    "max_ratio": Option(
        10.0, "how many times its bound a value may be (an order of magnitude)", minimum=1.0, above_minimum=True
    ),
    "tolerance": tolerance(0.02),
}


def amount_text(row: pd.Series, prefix: str = "") -> str:
    return display.quantity(
        row[f"{prefix}low"],
        row[f"{prefix}high"],
        row[f"{prefix}magnitude"],
        row["topic_factor"],
        row["topic_unit"],
        row[f"{prefix}qualifier"],
    )


# How far one body's estimate of a part may exceed another body's of its whole.
ESTIMATORS_SLACK = 0.10


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    numeric = claims["kind"].isin(NUMERIC) & claims["amount_magnitude"].notna()
    figures = numeric & claims["modality"].isin(FIGURES)
    yield from _bounds(claims, numeric, figures, options)
    # A part never exceeds its whole in what is, nor in what is agreed, planned or targeted:
    # a quota's share against the quota, both agreed (each compared within its modality class).
    yield from _parts(claims, numeric & claims["modality_class"].isin(PART_MODALITIES), options)
    yield from _jumps(claims, figures, options)


def _bounds(claims, numeric, figures, options) -> Iterator[Finding]:
    crosses_dimension = claims["converted_magnitude"].notna() & (
        claims["converted_amount_dimension"] != claims["amount_dimension"]
    )
    bounded = numeric & claims["bounded_by"].fillna("").ne("") & ~crosses_dimension
    bounds = figures & claims["topic"].isin(set(claims.loc[bounded, "bounded_by"]))
    if not bounded.any() or not bounds.any():
        return
    ratio = options["max_ratio"]
    # Left: each bounded claim's smallest amount, grouped by (bounding topic, dimension).
    left = claims.loc[bounded, ["bounded_by", "amount_dimension", "amount_low"]]  # not whole rows of the wide table
    # Right: each bound's largest amount times the ratio, in its own dimension and, through
    # the substance's density, in the other (the largest reading over every phase).
    right = claims.loc[bounds, ["topic", "amount_dimension", "amount_low", "amount_high", "substance"]]
    labels, links, dimensions, values = (
        [right.index.to_numpy()],
        [right["topic"].to_numpy()],
        [right["amount_dimension"].to_numpy()],
        [right["amount_high"].to_numpy(dtype=float) * ratio],
    )
    for target in (VOLUME_DIMENSION, MASS_DIMENSION):
        convertible = right[right["amount_dimension"] != target]
        converted = [
            density_bounds(row.amount_low, row.amount_high, row.amount_dimension, target, row.substance)
            for row in convertible.itertuples()
        ]  # bounds are few: one per topic and period
        keep = np.array([bool(c) for c in converted], dtype=bool)
        if keep.any():
            labels.append(convertible.index.to_numpy()[keep])
            links.append(convertible["topic"].to_numpy()[keep])
            dimensions.append(np.full(int(keep.sum()), target, dtype=object))
            values.append(np.array([max(high for _, high in c.values()) for c in converted if c]) * ratio)
    left_codes, right_codes = shared_codes(
        [left["bounded_by"], left["amount_dimension"]], [np.concatenate(links), np.concatenate(dimensions)]
    )
    pairs = pairs_exceeding(
        left.index.to_numpy(),
        left_codes,
        left["amount_low"].to_numpy(dtype=float),
        np.concatenate(labels),
        right_codes,
        np.concatenate(values),
    )
    for crowd in pairs.crowds:
        lowest, highest = crowd_extremes(claims, crowd, "amount_magnitude")
        row = row_of(claims, highest)
        yield Finding(
            topic=row["topic"],
            claims=(ref(claims, lowest), ref(claims, highest)),
            diagnosis="many implausible magnitudes: too many pairs to list one by one",
            message=f"{crowd.pairs:,} pairs of {row['topic_label']} and its bound {row['bounded_by']} are more than "
            f"{ratio:g} times apart",
        )
    # One finding per claim beyond its bound, however many texts give the bound: the first
    # bound's words, the others named.
    beyond: dict = {}
    for a, b in pairs.frame.drop_duplicates().itertuples(index=False):  # only the findings
        row, bound = row_of(claims, a), row_of(claims, b)
        if not periods_overlap(row, bound):
            continue
        text = excess(row, bound, ratio)
        if text is not None:
            beyond.setdefault(a, []).append((b, text))
    for a, bounds in beyond.items():
        row, (b, text) = row_of(claims, a), bounds[0]
        bound = row_of(claims, b)
        others = [row_of(claims, other)["id"] for other, _ in bounds[1:]]
        yield Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=(ref(claims, a), *(ref(claims, other) for other, _ in bounds)),
            diagnosis="implausible magnitude: beyond an order of magnitude of its bound",
            message=f"{row['value']} ({row['topic_label']}) is {text} ({bound['value']}, {bound['id']})"
            + (
                f", and beyond the bound {', '.join(others)} give{'s' if len(others) == 1 else ''} too"
                if others
                else ""
            ),
        )


PART_MODALITIES = ("actual", "agreement", "plan", "target", "forecast")  # superseded figures are past


def _other_forecasters(part, whole) -> bool:
    """Forecasts not both named for one forecaster: each models its own way, as estimators
    count theirs (a part far beyond the whole is still a slip: 450 billion of 5.4)."""
    return part["modality_class"] == "forecast" and (
        not part["attributed_to"] or part["attributed_to"] != whole["attributed_to"]
    )


def _parts(claims, figures, options) -> Iterator[Finding]:
    has_whole = figures & claims["part_of"].fillna("").ne("")
    wholes = figures & claims["topic"].isin(set(claims.loc[has_whole, "part_of"]))
    if not has_whole.any() or not wholes.any():
        return
    # One frame with each part once (linked to its whole's topic) and each whole once
    # (linked to its own topic), so a claim that is both a part and a whole plays both.
    columns = [
        "id",
        "topic",
        "dimension",
        "modality_class",
        "aggregation",
        "low",
        "high",
        "magnitude",
        "qualifier",
        "half",
        "subject",
        *SAME_TIME,
    ]
    frame = pd.concat(
        [
            claims.loc[has_whole, columns].assign(link=claims.loc[has_whole, "part_of"], role="part"),
            claims.loc[wholes, columns].assign(link=claims.loc[wholes, "topic"], role="whole"),
        ]
    )
    origin = frame.index.to_numpy()
    frame = frame.reset_index(drop=True)
    is_part, is_whole = (frame["role"] == "part").to_numpy(), (frame["role"] == "whole").to_numpy()
    # A part "about" or "nearly" so many is read at its stated digits, not the width of its
    # "about": "about 21,300 landed in Crete" exceeds 19,850 sea arrivals in all, though a
    # tenth below 21,300 would not ("about 20,000" is read to its one digit, and passes).
    loose = frame["qualifier"].isin(("about", "nearly")).to_numpy(dtype=bool) & is_part
    stated_low = frame["magnitude"].to_numpy(dtype=float) - frame["half"].to_numpy(dtype=float)
    part_low = np.where(
        loose & np.isfinite(stated_low),
        np.maximum(frame["low"].to_numpy(dtype=float), stated_low),
        frame["low"].to_numpy(dtype=float),
    )
    low, high = widened(part_low, frame["high"].to_numpy(dtype=float), options["tolerance"])
    # A part compares with its whole for the same time...
    (codes,) = shared_codes(
        [frame["link"], frame["dimension"], frame["modality_class"], *(frame[c] for c in SAME_TIME)]
    )
    found = pairs_exceeding(
        frame.index.to_numpy()[is_part],
        codes[is_part],
        low[is_part],
        frame.index.to_numpy()[is_whole],
        codes[is_whole],
        high[is_whole],
    )
    results = [(a, b, None) for a, b in found.frame.itertuples(index=False)] + [
        (None, None, crowd) for crowd in found.crowds
    ]
    # ...or in a sub-period of the whole's, when both add up over time; periods that
    # merely overlap say nothing.
    adds_up = frame["aggregation"].isin(("flow", "cumulative")).to_numpy()
    results += list(
        exceeding_inside(
            frame,
            adds_up,
            ("link", "dimension", "modality_class"),
            options["tolerance"],
            left_mask=is_part,
            right_mask=is_whole,
        )
    )
    pairs: list[tuple] = []
    for a, b, crowd in results:
        if crowd is not None:
            labels = Crowd(tuple(origin[list(crowd.labels)]), crowd.pairs)
            lowest, highest = crowd_extremes(claims, labels, "magnitude")
            part = row_of(claims, highest)
            yield Finding(
                topic=part["topic"],
                claims=(ref(claims, lowest), ref(claims, highest)),
                severity=Severity.ERROR.value,
                diagnosis="many parts exceed their whole: too many pairs to list one by one",
                message=f"{crowd.pairs:,} pairs where {part['topic_label']} exceeds its whole {part['part_of']}",
            )
            continue
        part, whole = row_of(claims, origin[a]), row_of(claims, origin[b])
        if whole["scope"] and part["scope"] != whole["scope"]:
            # England and Wales's over-65s against England's deaths in all: another
            # population; a whole in a scope of its own (a grant-equivalent total) against a
            # part in the topic's own: another measure. A part in a scope of its own (a
            # region's) still lies within a whole in the topic's.
            continue
        if part["subject"] and whole["subject"] and part["subject"] != whole["subject"]:
            continue  # one party's votes in a region against another party's in the nation
        if (different_estimators(part, whole) or _other_forecasters(part, whole)) and part["low"] <= whole["high"] * (
            1 + ESTIMATORS_SLACK
        ):
            # One body's estimate of a part against another's of the whole: each counts its
            # own way, and models differ by a tenth; a part far beyond the whole is a slip.
            continue
        pairs.append((a, b))
    by_whole: dict[int, list[int]] = {}
    over: dict[int, list[int]] = {}
    for a, b in pairs:
        by_whole.setdefault(b, []).append(a)
    for b, parts in by_whole.items():
        # A whole that several parts exceed, or that another source's figure for the same
        # whole and time holds the part within, is the likelier slip ("$1.2 million" for a
        # county's $1.2 billion): one finding, on the whole.
        subject = frame["subject"].to_numpy(dtype=object)
        others = np.flatnonzero(is_whole & (codes == codes[b]) & (np.arange(len(frame)) != b) & (subject == subject[b]))
        holds = any(all(high[other] >= low[part] for part in parts) for other in others)
        # Several parts above a whole that other texts' figures for it confirm (cases of 214
        # and 211, hospitalised 230 and unvaccinated 257) blame the parts, each on its own.
        confirmed = len(others) > 0 and not holds
        if (len(set(parts)) >= 2 and not confirmed) or holds:
            yield _whole_slip(claims, [origin[a] for a in parts], origin[b], holds)
            continue
        for a in parts:
            over.setdefault(a, []).append(b)
    # A part above several texts' figures for its whole (each alone) is one slip: one
    # finding on the part, with every whole it exceeds.
    for a, wholes in over.items():
        yield _part_over_whole(claims, origin[a], [origin[b] for b in wholes])


def _whole_slip(claims: pd.DataFrame, parts: list, whole_label, held: bool) -> Finding:
    whole = row_of(claims, whole_label)
    shown = ", ".join(f"{row['id']} ({amount_text(row)})" for row in (row_of(claims, label) for label in parts))
    why = "another source's figure for it holds them" if held else f"{len(parts)} parts exceed it"
    return Finding(
        topic=whole["topic"],
        subject=whole["id"],
        claims=(ref(claims, whole_label), *(ref(claims, label) for label in parts)),
        severity=Severity.ERROR.value,
        diagnosis=f"parts exceed their whole; the whole is the likelier slip: {why}",
        message=f"{whole['topic_label']} ({amount_text(whole)}, {whole['id']}) is below its part"
        f"{'s' if len(parts) > 1 else ''} {shown}",
    )


def _part_over_whole(claims: pd.DataFrame, a, wholes: list) -> Finding:
    part, whole = row_of(claims, a), row_of(claims, wholes[0])
    also = [row_of(claims, b)["id"] for b in wholes[1:]]
    when = (
        "for the same period"
        if all(part[c] == whole[c] for c in SAME_TIME)
        else (
            f"for {display.date_range(part['period_start'], part['period_end'])}, within the whole's "
            f"{display.date_range(whole['period_start'], whole['period_end'])}"
        )
    )
    return Finding(
        topic=part["topic"],
        subject=part["id"],
        claims=(ref(claims, a), *(ref(claims, b) for b in wholes)),
        severity=Severity.ERROR.value,
        diagnosis="a part exceeds its whole",
        message=f"{part['topic_label']} ({amount_text(part)}, {part['id']}) exceeds {whole['topic_label']} "
        f"({amount_text(whole)}, {whole['id']}) {when}"
        + ("" if part["modality_class"] == "actual" else f", both as {part['modality_class']}s")
        + (f", and the figures {', '.join(also)} give for it" if also else ""),
    )


# Seasonal and monthly figures swing by more than tenfold for good reasons (a delivery one
# month, none the next): the jump test is for yearly or longer figures only.
YEAR_DAYS = 365


def _jumps(claims, figures, options) -> Iterator[Finding]:
    yearly = (
        figures
        & (claims["aggregation"] != "cumulative")
        & ((claims["period_end"] - claims["period_start"]) >= YEAR_DAYS)
        & (claims["low"] > 0)  # a loss that narrows, a balance that turns: no order of magnitude to judge
    )
    labels, codes = group_codes(claims, yearly, ("topic", "scope", "dimension"))
    if len(labels) < 2:
        return
    periods = claims.loc[labels, ["period_start", "period_end"]].to_numpy(dtype=float)
    span_codes, table = factorize_rows(codes, periods[:, 0], periods[:, 1])
    first, second = adjacent_periods(table[:, 0].astype(np.int64), table[:, 1], table[:, 2])
    if not len(first):
        return
    # Claims of each period, grouped by the adjacent pair it takes part in; then values
    # more than max_ratio apart, in both directions.
    low, high = claims.loc[labels, "low"].to_numpy(dtype=float), claims.loc[labels, "high"].to_numpy(dtype=float)
    order, bounds = members(span_codes, len(table))
    found = []
    for earlier, later in ((first, second), (second, first)):
        left_groups, left_rows = rows_of(order, bounds, earlier)
        right_groups, right_rows = rows_of(order, bounds, later)
        pairs = pairs_exceeding(
            labels[left_rows],
            left_groups,
            low[left_rows],
            labels[right_rows],
            right_groups,
            high[right_rows] * options["max_ratio"],
        )
        found.append(pairs)
    # Each series's first start and last end, once: where a finding's figures lie in it.
    count = int(codes.max()) + 1
    first_start = np.full(count, np.inf)
    last_end = np.full(count, -np.inf)
    np.minimum.at(first_start, codes, periods[:, 0])
    np.maximum.at(last_end, codes, periods[:, 1])
    position = pd.Index(labels)

    def series_of(label) -> tuple[float, float]:
        code = codes[position.get_loc(label)]
        return float(first_start[code]), float(last_end[code])

    for pairs in found:
        for crowd in pairs.crowds:
            lowest, highest = crowd_extremes(claims, crowd, "magnitude")
            row = row_of(claims, highest)
            yield Finding(
                topic=row["topic"],
                claims=(ref(claims, lowest), ref(claims, highest)),
                diagnosis="many jumps between adjacent periods: too many pairs to list one by one",
                message=f"{crowd.pairs:,} pairs of {row['topic_label']} for adjacent periods are more than "
                f"{options['max_ratio']:g} times apart",
            )
        for a, b in pairs.frame.itertuples(index=False):
            first_row, second_row = sorted((row_of(claims, a), row_of(claims, b)), key=lambda row: row["period_start"])
            message = (
                f"{first_row['topic_label']} goes from {amount_text(first_row)} ({display.date_range(first_row['period_start'], first_row['period_end'])}, {first_row['id']}) "
                f"to {amount_text(second_row)} ({display.date_range(second_row['period_start'], second_row['period_end'])}, {second_row['id']}): "
                f"{display.ratio(first_row['magnitude'], second_row['magnitude'])} in one period"
            )
            edge = _edge(first_row, second_row, series_of(first_row.name))
            if edge:
                yield Finding(
                    topic=first_row["topic"],
                    claims=(ref(claims, a), ref(claims, b)),
                    severity=Severity.NOTE.value,
                    diagnosis=f"a jump at the {edge} of the series: an activity that {'began' if edge == 'start' else 'ended'} "
                    "within the smaller figure's period (costs of an event, a new mine's first year), or a scale slip?",
                    message=message,
                )
                continue
            yield Finding(
                topic=first_row["topic"],
                claims=(ref(claims, a), ref(claims, b)),
                diagnosis="implausible magnitude: more than an order of magnitude between adjacent periods",
                message=message,
            )


def _edge(first: pd.Series, second: pd.Series, series: tuple[float, float]) -> str:
    """'start' when the smaller of two adjacent periods' figures is the earlier one and no
    figure of the series (its topic, scope and dimension: its first start and last end) is
    for an earlier time, 'end' when it is the later one and none is for a later time, else
    '': a jump from or to nothing much at a series' edge is how an activity begins or ends
    (costs of a breach found in a fiscal year's last weeks); one in its middle, a dip or a
    spike, is the implausible one."""
    first_start, last_end = series
    if abs(first["magnitude"]) < abs(second["magnitude"]):
        return "start" if first_start >= first["period_start"] else ""
    return "end" if last_end <= second["period_end"] else ""


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_LPG = (
    {"key": "lpg-contract", "kind": "quantity", "unit": "t", "substance": "lpg", "bounded_by": "lpg-demand"},
    {"key": "lpg-imports", "kind": "quantity", "unit": "t", "substance": "lpg", "bounded_by": "lpg-demand"},
    {"key": "lpg-demand", "kind": "quantity", "unit": "t/year", "substance": "lpg", "label": "annual LPG demand"},
)
_TRADE = (
    {"key": "flour-exports", "kind": "quantity", "unit": "USD", "part_of": "trade"},
    {"key": "trade", "kind": "quantity", "unit": "USD", "label": "bilateral trade"},
)
_DEMAND = claim_row("demand", "lpg-demand", "~700,000 t/year", "around 700,000 tonnes per year", period="2025")
EXAMPLES = (
    Example(
        "fails",
        "a contract for 26.3 million t of LPG vs an annual LPG demand of ~700,000 t/year",
        {"a": (claim_row("contract", "lpg-contract", "26.3 million t", period="2025", modality="plan"), _DEMAND)},
        topics=_LPG,
        flags=(("contract", "demand"),),
    ),
    Example(
        "fails",
        "a contract for 26.3 million t of LPG vs an annual demand of 1.3 million m³ of liquid LPG",
        {
            "a": (
                claim_row("contract", "lpg-contract", "26.3 million t", period="2025", modality="plan"),
                claim_row("demand", "lpg-demand", "1.3 million m^3/year", "1.3 million m³ a year", period="2025"),
            )
        },
        topics=(_LPG[0], {"key": "lpg-demand", "kind": "quantity", "unit": "m^3/year", "substance": "lpg"}),
        flags=(("contract", "demand"),),
    ),
    Example(
        "fails",
        "flour exports of US$2 billion vs bilateral trade of US$1 billion (part > whole)",
        {
            "a": (
                claim_row("flour", "flour-exports", "US$2 billion", period="2024"),
                claim_row("trade", "trade", "US$1 billion", period="2024"),
            )
        },
        topics=_TRADE,
        flags=(("flour", "trade"),),
    ),
    Example(
        "fails",
        "trade of US$20 million in 2023 vs US$1 billion in 2024 (a 50× jump in a year)",
        {
            "a": (
                claim_row("trade-2023", "trade", "US$20 million", period="2023"),
                claim_row("trade-2024", "trade", "US$1 billion", period="2024"),
            )
        },
        topics=_TRADE[1:],
        flags=(("trade-2023", "trade-2024"),),
    ),
    Example(
        "passes",
        "LPG imports of >275,000 t vs an annual demand of ~700,000 t/year",
        {"a": (claim_row("imports", "lpg-imports", ">275,000 t", "more than 275,000 tonnes", period="2025"), _DEMAND)},
        topics=_LPG,
    ),
    Example(
        "passes",
        "flour exports of US$2 billion in 2024 vs bilateral trade of US$1 billion in Q1 2024",
        {
            "a": (
                claim_row("flour", "flour-exports", "US$2 billion", period="2024"),
                claim_row("trade-q1", "trade", "US$1 billion", period="2024-01/2024-03"),
            )
        },
        topics=_TRADE,
    ),
)
