"""A total over part of a period exceeds the total over the whole, or a running total falls.

Fails:  wheat exports of 2.1 Mt in Q1 2024 vs 1.8 Mt in the whole of 2024 (a flow)
Fails:  wheat exports of 1.1 Mt in Q1 and 1.2 Mt in Q2 2024 vs 2.0 Mt in the first half (parts add up)
Fails:  wheat exports of 0.5 Mt in Q1 and 0.6 Mt in Q2 2024 vs 1.8 Mt in the first half (parts cover it)
Fails:  a death toll of 1,450 as of 9 May vs 1,200 as of 12 May (a running total falls)
Passes: exports of US$3.1 billion in January–June vs US$7.9 billion for the year
Passes: 1,200 dead as of 2 May vs ">1,000" as of 9 May (a lower bound may trail)
Passes: 2.3 Mt shipped in May vs 31 Mt shipped since the deal began, as of June

Within one topic, scope and modality class, a flow over a sub-period can never exceed the
same flow over a period that contains it (beyond the figures' precision: 208.7 Mt for a
quarter against 201.5 Mt for the half year is an error), and a running total (a cumulative
topic) never falls (a fall within 2 % beyond the precision is a warning, a revision?): the total as of an earlier instant can never exceed the total as of a later one; one count above every later
one (or below every earlier one) is one finding that blames it.
A month's flow tagged in a cumulative topic with its interval ('2024-05-01/2024-05-31')
is a total from its own start, inside any running total that counts from before it.
Periods that overlap without nesting are not compared; stocks (levels at an instant)
may go up and down and are left to value-conflict. Flows add up over time: sub-periods that do not overlap (weeks, months, quarters) can
together never exceed a period that contains them all, even when each alone stays below
it. Of the sub-periods inside a whole, the disjoint set with the largest total is taken
(each sub-period at the lowest reading its claims allow together), and the whole is flagged when
that total exceeds it. Sub-periods that together cover a whole (each starting where the
one before ends) add up to it: at the highest reading their claims allow, they must reach
the whole's figure. A topic with a negative figure is a signed flow (a balance, a net
result): its parts may cancel, and neither check applies to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import tolerance
from checker.pairing import (
    NUMERIC,
    amount_text,
    crowd_extremes,
    different_bodies,
    different_estimators,
    estimate_and_count,
    exceeding_inside,
    factorize_rows,
    group_codes,
    members,
    nested_spans,
    ref,
    revised_since,
    row_of,
    tolerance_of,
    transpositions,
    value_text,
    widened,
    within_mirror,
)

ID = "period-totals"
SEVERITY = "error"
OPTIONS = {
    "tolerance": tolerance(0.0, "relative slack beyond the figures' precision"),
    "revision": tolerance(
        0.02, "how far a running total may fall beyond its precision as a revision (a warning, not an error)"
    ),
    # Sub-periods from one source against another's whole: a wire's Sunday estimates for
    # each day against a paper's final weekend figure differ as two sources' figures may.
    "across_tolerance": tolerance(
        0.02, "relative slack when sub-periods added up come from another source than the whole"
    ),
}


GROUP = ("topic", "scope", "subject", "dimension", "modality_class")
PRECISE_WHOLE = 0.001


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    totals = (
        claims["kind"].isin(NUMERIC)
        & claims["magnitude"].notna()
        & claims["aggregation"].isin(("flow", "cumulative"))
        & claims["modality_class"].ne("forecast")
    )
    # A flow without a period (a project's cost, "the census cost 48.6 million euros") is of
    # no stated time: no sub-period of anything, nor a whole. A running total without one is
    # as of its text's day.
    totals &= ~(claims["undated"] & (claims["aggregation"] == "flow"))
    totals &= ~_signed(claims, totals)
    totals &= ~revised_since(claims, totals)  # a count a later text gives as since revised: right in its day
    groups = group_codes(claims, totals, GROUP)  # one grouping for both checks
    yield from _exceeding(claims, totals, options, groups)
    yield from _sub_period_sums(claims, groups, options)


def _signed(claims: pd.DataFrame, mask: pd.Series) -> np.ndarray:
    """The claims of topics where some figure is negative: a balance or a net result, whose
    parts may cancel, so that a part may exceed its whole."""
    negative = mask & (claims["magnitude"] < 0)
    if not negative.any():
        return np.zeros(len(claims), dtype=bool)
    return claims["topic"].isin(claims.loc[negative, "topic"].unique()).to_numpy()


def _exceeding(claims: pd.DataFrame, totals, options: Mapping[str, Any], groups) -> Iterator[Finding]:
    falls: list[tuple] = []  # running totals that fall: one finding per claim they share, after
    for inner_label, outer_label, crowd in exceeding_inside(
        claims, totals, GROUP, options["tolerance"], topic_tolerance=True, groups=groups
    ):
        if crowd is not None:
            yield _summary(claims, crowd)
            continue
        part, whole = row_of(claims, inner_label), row_of(claims, outer_label)
        if (
            different_estimators(part, whole)
            or different_bodies(part, whole)
            or (estimate_and_count(part, whole) and within_mirror(part["magnitude"], whole["magnitude"]))
        ):
            # Each named body counts its own way: a prosecutor's estimate is no UN count;
            # a figure far beyond a body's estimate may restate it with a slip.
            continue
        refs = (ref(claims, inner_label), ref(claims, outer_label))
        shown_part, shown_whole = _amount(part), _amount(whole)
        if part["aggregation"] == "cumulative" and np.isinf(part["span_start"]) and np.isinf(whole["span_start"]):
            # Counts are revised down now and then (duplicates removed): a small fall is a
            # warning that asks, a larger one an error.
            falls.append((inner_label, outer_label, part["low"] * (1 - options["revision"]) <= whole["high"]))
            continue
        diagnosis = "a sub-period exceeds the period that contains it"
        if part["aggregation"] == "flow" and part["period_end"] - part["period_start"] <= 1:
            # "Exports to 31 January": a total up to a day, tagged as that day's flow.
            diagnosis += (
                f"; {part['id']} covers one day: if its figure is a total up to that day, give the period "
                f"its start (…/{display.date_range(part['period_start'], part['period_end'])}) or tag it "
                "in a cumulative topic"
            )
        yield Finding(
            topic=part["topic"],
            subject=part["id"],
            claims=refs,
            diagnosis=diagnosis,
            message=f"{part['topic_label']} is {shown_part} for {_period(part)} ({part['id']}), more than the "
            f"{shown_whole} given for {_period(whole)} ({whole['id']}), a period that contains it",
        )
    yield from _falls(claims, falls, options["revision"])


def _falls(claims: pd.DataFrame, falls: list[tuple], revision: float) -> Iterator[Finding]:
    """Running totals that fall, as findings: the pairs that share one claim (a January
    count too high for every later one, or one later count too low for every earlier) as
    one finding blaming that claim; the others each their own."""
    roles: dict[tuple, list[int]] = {}  # (claim, earlier?) → the falls it is in, so
    for index, (earlier_label, later_label, _) in enumerate(falls):
        roles.setdefault((earlier_label, True), []).append(index)
        roles.setdefault((later_label, False), []).append(index)
    done: set[int] = set()
    for (label, earlier), indices in sorted(
        roles.items(), key=lambda item: (-len(item[1]), claims.index.get_loc(item[0][0]), not item[0][1])
    ):
        mine = [index for index in indices if index not in done]
        if len(mine) < 2:
            continue
        done.update(mine)
        row = row_of(claims, label)
        others = [row_of(claims, falls[index][1] if earlier else falls[index][0]) for index in mine]
        listed = ", ".join(f"{_amount(other)} as of {_period(other)} ({other['id']})" for other in others)
        yield Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=(ref(claims, label), *(ref(claims, other.name) for other in others)),
            severity=Severity.WARNING.value if all(falls[index][2] for index in mine) else "",
            diagnosis=f"a running total falls over time: {row['id']} against {len(others)} counts "
            f"{'after' if earlier else 'before'} it",
            message=f"{row['topic_label']} is {_amount(row)} as of {_period(row)} ({row['id']}), "
            + (f"above the later {listed}" if earlier else f"below the earlier {listed}")
            + ": a running total cannot fall",
        )
    for index, (earlier_label, later_label, revised) in enumerate(falls):
        if index in done:
            continue
        part, whole = row_of(claims, earlier_label), row_of(claims, later_label)
        yield Finding(
            topic=part["topic"],
            subject=whole["id"],
            claims=(ref(claims, earlier_label), ref(claims, later_label)),
            severity=Severity.WARNING.value if revised else "",
            diagnosis="a running total falls over time"
            + (f" by less than {revision:.0%} beyond its precision: a revision?" if revised else ""),
            message=f"{part['topic_label']} is {_amount(part)} as of {_period(part)} ({part['id']}) but only "
            f"{_amount(whole)} as of the later {_period(whole)} ({whole['id']}): a running total cannot fall",
        )


def _sub_period_sums(claims: pd.DataFrame, groups, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Wholes exceeded by the disjoint sub-periods inside them taken together (where no one
    sub-period alone exceeds the whole: that pair is reported above). ``groups``: the
    totals' labels and group codes; the flows among them are added up."""
    labels, codes = groups
    flows = (claims.loc[labels, "aggregation"] == "flow").to_numpy(dtype=bool)
    labels, codes = labels[flows], codes[flows]
    if len(labels) < 3:
        return
    start = claims.loc[labels, "span_start"].to_numpy(dtype=float)
    end = claims.loc[labels, "span_outer_end"].to_numpy(dtype=float)
    bounded = np.isfinite(start) & np.isfinite(end)
    labels, codes, start, end = labels[bounded], codes[bounded], start[bounded], end[bounded]
    if len(labels) < 3:
        return
    low, high = widened(
        claims.loc[labels, "low"].to_numpy(dtype=float),
        claims.loc[labels, "high"].to_numpy(dtype=float),
        tolerance_of(claims, labels, options["tolerance"]),
    )
    span_codes, table = factorize_rows(codes, start, end)
    inner, outer = nested_spans(table[:, 0].astype(np.int64), table[:, 1], table[:, 2], table[:, 2])
    if len(inner) < 2:
        return
    # Each span at the lowest reading its claims allow together, and the claim that gives
    # it: where they all meet, the highest of their low ends ("nearly 900 billion", read
    # down to 810, does not hide another source's 896.1); where they disagree (that is
    # value-conflict's to report), the lowest.
    lowest_high = np.full(len(table), np.inf)
    np.minimum.at(lowest_high, span_codes, high)
    least, least_row = _lowest_reading(span_codes, low, len(table), highest=False)
    agreed, agreed_row = _lowest_reading(span_codes, low, len(table), highest=True)
    meet = agreed <= lowest_high
    least, least_row = np.where(meet, agreed, least), np.where(meet, agreed_row, least_row)
    # Every sub-period together bounds any disjoint set of them: only wholes they exceed
    # can be exceeded, and only those are looked at one by one.
    together = np.bincount(outer, weights=least[inner], minlength=len(table))
    several = np.bincount(outer, minlength=len(table)) >= 2  # one part alone is a pair, above
    suspects = np.flatnonzero((together > lowest_high) & several)
    # Sub-periods that cover the whole add up to it: each span at the highest reading its
    # claims allow together, and a whole whose every sub-period together stays below its
    # highest low end is looked at for such a cover (January, February and March against
    # the first quarter).
    highest_high = np.full(len(table), -np.inf)
    np.maximum.at(highest_high, span_codes, high)
    most = np.where(meet, lowest_high, highest_high)
    highest_low = np.full(len(table), -np.inf)
    np.maximum.at(highest_low, span_codes, low)
    below = np.bincount(outer, weights=most[inner], minlength=len(table))
    short = np.flatnonzero(((below < highest_low * (1 - 1e-9)) | _straddled(table, inner, outer)) & several)
    if not len(suspects) and not len(short):
        return
    inner_order, inner_bounds = members(outer, len(table))
    claim_order, claim_bounds = members(span_codes, len(table))
    sources = claims.loc[labels, "source"].cat.codes.to_numpy()

    def off(total: float, whole_row: int, rows, bound: float, above: bool) -> bool:
        """Whether parts adding up to ``total`` miss the whole's ``bound`` (above it, or
        below): by more than a hair (exact parts of an exact whole add up with rounding in
        floats), and, when a part comes from another source than the whole, by more than
        the slack between sources, unless a digit transposition explains the gap exactly."""
        hair = total > bound * (1 + 1e-9) if above else total < bound * (1 - 1e-9)
        if hair and _other_counts(claims, labels[rows], labels[whole_row]):
            return False  # one body's estimate of the whole against another's count of its parts
        if not hair or (sources[rows] == sources[whole_row]).all():
            return hair
        slack = options["across_tolerance"]
        beyond = total > bound * (1 + slack) if above else total < bound * (1 - slack)
        return beyond or _transposed(claims, labels[rows], labels[whole_row])

    def own(spans, whole_row: int, above: bool) -> list[int] | None:
        """The whole's own source's claims for ``spans``, each at its lowest reading (its
        highest, for a cover that falls short), when that source gives every one of them:
        one source's quarters against its own year need no slack between sources, however
        closely the others' figures agree with them."""
        rows = []
        for span in spans:
            positions = claim_order[claim_bounds[span] : claim_bounds[span + 1]]
            positions = positions[sources[positions] == sources[whole_row]]
            if not len(positions):
                return None
            rows.append(int(positions[np.argmin(low[positions]) if above else np.argmax(high[positions])]))
        return rows

    for whole_span in short:  # loop only over likely findings
        parts = inner[inner_order[inner_bounds[whole_span] : inner_bounds[whole_span + 1]]]
        cover = _fullest_cover(
            table[parts, 1], table[parts, 2], most[parts], table[whole_span, 1], table[whole_span, 2]
        )
        if cover is None or len(cover[0]) < 2:
            continue
        chosen, total = parts[cover[0]], cover[1]
        rows = _reading_rows(span_codes, high, chosen, meet)
        short_of = [
            whole_row
            for whole_row in claim_order[claim_bounds[whole_span] : claim_bounds[whole_span + 1]]
            if off(total, whole_row, rows, low[whole_row], above=False)
        ]
        if short_of:
            yield _parts_short(claims, labels[rows], labels[short_of], total)
            continue
        for whole_row in claim_order[claim_bounds[whole_span] : claim_bounds[whole_span + 1]]:
            mine = own(chosen, whole_row, above=False)
            if mine is not None and mine != rows and high[mine].sum() < low[whole_row] * (1 - 1e-9):
                yield _parts_short(claims, labels[mine], labels[[whole_row]], float(high[mine].sum()))
                break
    for whole_span in suspects:  # loop only over likely findings
        parts = inner[inner_order[inner_bounds[whole_span] : inner_bounds[whole_span + 1]]]
        chosen, total = _heaviest_disjoint(table[parts, 1], table[parts, 2], least[parts])
        if len(chosen) < 2:
            continue
        parts = parts[chosen]
        exceeded = [
            whole_row
            for whole_row in claim_order[claim_bounds[whole_span] : claim_bounds[whole_span + 1]]
            if off(total, whole_row, least_row[parts], high[whole_row], above=True)
            and least[parts].max() <= high[whole_row]
        ]
        if exceeded:  # one finding for the period, however many sources give its total
            yield _parts_exceed(claims, labels[least_row[parts]], labels[exceeded])
            continue
        for whole_row in claim_order[claim_bounds[whole_span] : claim_bounds[whole_span + 1]]:
            mine = own(parts, whole_row, above=True)
            if mine is not None and low[mine].sum() > high[whole_row] * (1 + 1e-9):
                yield _parts_exceed(claims, labels[mine], labels[[whole_row]])
                break


def _other_counts(claims: pd.DataFrame, part_labels, whole_label) -> bool:
    """Whether a part is another estimator's or body's figure than the whole (a refugee
    agency's registrations against a government's estimate of all arrivals), which the
    parts and their whole may differ by, as a part and its whole do (``_exceeding``)."""
    whole = row_of(claims, whole_label)
    return any(
        different_estimators(part, whole) or different_bodies(part, whole)
        for part in (row_of(claims, label) for label in part_labels)
    )


def _straddled(table: np.ndarray, inner: np.ndarray, outer: np.ndarray) -> np.ndarray:
    """Per span, whether two sub-periods inside it overlap without one holding the other
    (fiscal years and a calendar year across them): their sum then says nothing of a
    cover's, so such a whole is looked at for one whatever the sum."""
    flags = np.zeros(len(table), dtype=bool)
    if not len(inner):
        return flags
    order = np.lexsort((table[inner, 1], outer))
    group, start, end = outer[order], table[inner[order], 1].astype(float), table[inner[order], 2].astype(float)
    reach = pd.Series(end).groupby(group).cummax().to_numpy()  # the furthest end so far, in the group
    before = np.r_[-np.inf, reach[:-1]]
    same = np.r_[False, group[1:] == group[:-1]]
    flags[group[same & (start < before) & (end > before)]] = True
    return flags


def _transposed(claims: pd.DataFrame, part_labels, whole_label) -> bool:
    """Whether swapping two adjacent digits of one figure, a part's or the whole's, makes
    the parts add up to the whole within their precision (166.7 written 167.6)."""
    parts = [row_of(claims, label) for label in part_labels]
    whole = row_of(claims, whole_label)
    values = [float(part["magnitude"]) for part in parts]
    slack = sum(float(row["high"] - row["low"]) / 2 for row in (*parts, whole))
    # Against a rounded whole ("144 million", ±0.35 %) some swap of some part fits by
    # chance: only a precise whole (to 0.1 %) tells a transposition.
    if not np.isfinite(slack) or (whole["high"] - whole["low"]) / 2 > PRECISE_WHOLE * abs(whole["magnitude"]):
        return False
    for position, part in enumerate(parts):
        for swapped in transpositions(part["number"]):
            if abs(sum(values) - values[position] + swapped * part["number_factor"] - whole["magnitude"]) <= slack:
                return True
    return any(
        abs(sum(values) - swapped * whole["number_factor"]) <= slack for swapped in transpositions(whole["number"])
    )


def _lowest_reading(
    span_codes: np.ndarray, low: np.ndarray, count: int, highest: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Per span, the lowest (or the highest) low end of its claims, at least zero, and the
    position of the claim that gives it."""
    key = np.nan_to_num(low, nan=-np.inf if highest else np.inf)
    order = np.lexsort((-key if highest else key, span_codes))
    first = order[np.r_[True, span_codes[order][1:] != span_codes[order][:-1]]]
    value = np.zeros(count)
    value[span_codes[first]] = np.maximum(np.nan_to_num(low[first], nan=0.0), 0)
    row = np.zeros(count, dtype=np.int64)
    row[span_codes[first]] = first
    return value, row


def _reading_rows(span_codes: np.ndarray, high: np.ndarray, spans: np.ndarray, meet: np.ndarray) -> list[int]:
    """For each span, the position of the claim that gives its highest reading (the
    lowest high end where its claims agree, else the highest)."""
    rows = []
    for span in spans:
        positions = np.flatnonzero(span_codes == span)
        values = np.nan_to_num(high[positions], nan=-np.inf)
        rows.append(int(positions[np.argmin(values) if meet[span] else np.argmax(values)]))
    return rows


def _fullest_cover(
    start: np.ndarray, end: np.ndarray, weight: np.ndarray, whole_start: float, whole_end: float
) -> tuple[np.ndarray, float] | None:
    """The chain of intervals, each starting where the one before ends, that runs from the
    whole's start to its end with the largest total weight, as positions, and that total;
    None when no chain covers the whole."""
    best: dict[float, tuple[float, list[int]]] = {whole_start: (0.0, [])}
    for position in np.argsort(start, kind="stable"):  # a chain only runs forward
        reached = best.get(start[position])
        if reached is None or end[position] > whole_end:
            continue
        candidate = (reached[0] + weight[position], [*reached[1], int(position)])
        if end[position] not in best or candidate[0] > best[end[position]][0]:
            best[end[position]] = candidate
    found = best.get(whole_end)
    return (np.array(found[1], dtype=np.int64), found[0]) if found and found[1] else None


def _heaviest_disjoint(start: np.ndarray, end: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, float]:
    """The set of pairwise disjoint intervals [start, end) with the largest total weight
    (weighted interval scheduling), as positions, and that total."""
    order = np.argsort(end, kind="stable")
    start, end, weight = start[order], end[order], weight[order]
    # For each interval, how many intervals (by end) finish before it starts.
    before = np.searchsorted(end, start, side="right")
    best = np.zeros(len(order) + 1)
    for position in range(len(order)):
        best[position + 1] = max(best[position], weight[position] + best[before[position]])
    chosen = []
    position = len(order)
    while position > 0:
        if weight[position - 1] + best[before[position - 1]] >= best[position - 1] and weight[position - 1] > 0:
            chosen.append(order[position - 1])
            position = before[position - 1]
        else:
            position -= 1
    return np.sort(np.array(chosen, dtype=np.int64)), float(best[-1])


def _parts_short(claims: pd.DataFrame, part_labels: np.ndarray, whole_labels: np.ndarray, total: float) -> Finding:
    parts = sorted((row_of(claims, label) for label in part_labels), key=lambda row: (row["period_start"], row["id"]))
    wholes = sorted((row_of(claims, label) for label in whole_labels), key=lambda row: (-row["low"], row["id"]))
    whole = wholes[0]  # the highest total of the period, which the parts fall shortest of
    listed = ", ".join(f"{_amount(row)} for {_period(row)} ({row['id']})" for row in parts)
    also = "".join(f"; also {_amount(row)} in {row['id']}" for row in wholes[1:])
    return Finding(
        topic=whole["topic"],
        subject=whole["id"],
        claims=tuple(ref(claims, label) for label in (*part_labels, *(row.name for row in wholes))),
        diagnosis="sub-periods that cover a period add up to less than it",
        message=f"{whole['topic_label']}: {len(parts)} periods that together cover {_period(whole)} add up to at "
        f"most {amount_text(whole, total)} ({listed}), less than the {_amount(whole)} given for {_period(whole)} "
        f"({whole['id']}{also})",
    )


def _parts_exceed(claims: pd.DataFrame, part_labels: np.ndarray, whole_labels: np.ndarray) -> Finding:
    parts = [row_of(claims, label) for label in part_labels]
    parts.sort(key=lambda row: (row["period_start"], row["id"]))
    wholes = sorted((row_of(claims, label) for label in whole_labels), key=lambda row: (row["high"], row["id"]))
    whole = wholes[0]  # the lowest total of the period, which the parts exceed most
    total = float(sum(max(row["low"], 0) for row in parts))
    listed = ", ".join(f"{_amount(row)} for {_period(row)} ({row['id']})" for row in parts)
    also = "".join(f"; also {_amount(row)} in {row['id']}" for row in wholes[1:])
    given = f"{_amount(whole)} given for {_period(whole)} ({whole['id']}{also})"
    return Finding(
        topic=whole["topic"],
        subject=whole["id"],
        claims=tuple(ref(claims, label) for label in (*part_labels, *(row.name for row in wholes))),
        diagnosis="sub-periods add up to more than the period that contains them",
        message=f"{whole['topic_label']}: {len(parts)} periods that do not overlap add up to at least "
        f"{amount_text(whole, total)} ({listed}), more than the {given}, a period that contains them all",
    )


def _summary(claims: pd.DataFrame, crowd) -> Finding:
    lowest, highest = crowd_extremes(claims, crowd, "magnitude")
    first = row_of(claims, lowest)
    return Finding(
        topic=first["topic"],
        claims=(ref(claims, lowest), ref(claims, highest)),
        diagnosis="many sub-periods exceed their whole: too many pairs to list one by one",
        message=f"{len(crowd.labels)} claims of {first['topic_label']} and {crowd.pairs:,} pairs of them where a total "
        f"for part of a period exceeds the total for a period containing it; values from {_amount(first)} "
        f"({first['id']}) to {_amount(row_of(claims, highest))} ({row_of(claims, highest)['id']})",
    )


def _amount(row: pd.Series) -> str:
    return value_text(row)  # in the topic's unit, or per year in the row's own where its dimension differs


def _period(row: pd.Series) -> str:
    return display.date_range(row["period_start"], row["period_end"])


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_TOLL = {"key": "toll", "kind": "count", "unit": "person", "label": "death toll", "aggregation": "cumulative"}
EXAMPLES = (
    Example(
        "fails",
        "wheat exports of 2.1 Mt in Q1 2024 vs 1.8 Mt in the whole of 2024 (a flow)",
        {
            "a": (claim_row("a-q1", "wheat-exports", "2.1 million t", period="2024-01/2024-03"),),
            "b": (claim_row("b-2024", "wheat-exports", "1.8 million t", period="2024"),),
        },
        topics=({"key": "wheat-exports", "kind": "quantity", "unit": "t", "aggregation": "flow"},),
        flags=(("a-q1", "b-2024"),),
    ),
    Example(
        "fails",
        "wheat exports of 1.1 Mt in Q1 and 1.2 Mt in Q2 2024 vs 2.0 Mt in the first half (parts add up)",
        {
            "a": (
                claim_row("a-q1", "wheat-exports", "1.1 million t", period="2024-01/2024-03"),
                claim_row("a-q2", "wheat-exports", "1.2 million t", period="2024-04/2024-06"),
            ),
            "b": (claim_row("b-h1", "wheat-exports", "2.0 million t", period="2024-01/2024-06"),),
        },
        topics=({"key": "wheat-exports", "kind": "quantity", "unit": "t", "aggregation": "flow"},),
        flags=(("a-q1", "a-q2", "b-h1"),),
    ),
    Example(
        "fails",
        "wheat exports of 0.5 Mt in Q1 and 0.6 Mt in Q2 2024 vs 1.8 Mt in the first half (parts cover it)",
        {
            "a": (
                claim_row("a-q1", "wheat-exports", "0.5 million t", period="2024-01/2024-03"),
                claim_row("a-q2", "wheat-exports", "0.6 million t", period="2024-04/2024-06"),
            ),
            "b": (claim_row("b-h1", "wheat-exports", "1.8 million t", period="2024-01/2024-06"),),
        },
        topics=({"key": "wheat-exports", "kind": "quantity", "unit": "t", "aggregation": "flow"},),
        flags=(("a-q1", "a-q2", "b-h1"),),
    ),
    Example(
        "fails",
        "a death toll of 1,450 as of 9 May vs 1,200 as of 12 May (a running total falls)",
        {
            "a": (claim_row("a-may9", "toll", "1,450 person", "1,450 dead", period="2024-05-09"),),
            "b": (claim_row("b-may12", "toll", "1,200 person", "1,200 dead", period="2024-05-12"),),
        },
        topics=(_TOLL,),
        flags=(("a-may9", "b-may12"),),
    ),
    Example(
        "passes",
        "exports of US$3.1 billion in January–June vs US$7.9 billion for the year",
        {
            "a": (claim_row("a-h1", "exports", "US$3.1 billion", period="2024-01/2024-06"),),
            "b": (claim_row("b-2024", "exports", "US$7.9 billion", period="2024"),),
        },
        topics=({"key": "exports", "kind": "quantity", "unit": "USD"},),
    ),
    Example(
        "passes",
        '1,200 dead as of 2 May vs ">1,000" as of 9 May (a lower bound may trail)',
        {
            "a": (claim_row("a-may2", "toll", "1,200 person", "1,200 dead", period="2024-05-02"),),
            "b": (claim_row("b-may9", "toll", "more than 1,000 person", "more than 1,000 dead", period="2024-05-09"),),
        },
        topics=(_TOLL,),
    ),
    Example(
        "passes",
        "2.3 Mt shipped in May vs 31 Mt shipped since the deal began, as of June",
        {
            "a": (claim_row("a-may", "shipped", "2.3 million t", period="2024-05-01/2024-05-31"),),
            "b": (claim_row("b-june", "shipped", "31 million t", period="2024-06-30"),),
        },
        topics=({"key": "shipped", "kind": "quantity", "unit": "t", "aggregation": "cumulative"},),
    ),
)
