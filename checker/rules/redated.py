"""The same precise flow figure is given for two different periods, as if one source misdated it.

Fails:  trade of US$12.42 billion in 2024 (one source) vs US$12.42 billion in 2023 (another)
Fails:  exports of 1,836,500 t in January–November vs 1,836,500 t for the whole year
Fails:  a budget line of €446 million in 2023, €862 million in March 2025, and €446 million in May 2025
Passes: trade of US$12.42 billion in 2024 vs US$11.37 billion in 2023
Passes: a policy rate of 16.25 % in 2023 and in 2024 (a level, not a flow)
Passes: a budget of US$1.25 billion planned for 2024 and for 2025 (plans may repeat)

A flow (trade, exports, spending: a sum over its period) stated to three or more
significant digits almost never comes out the same for two different periods. When one
source gives it for one period and another source for another, one of them has usually
taken the other's figure with the wrong year, or dropped "in the first eleven months" and
given it for the whole year. Only actual figures and estimates are compared, within one
topic, scope and subject; levels (stocks) and running totals may well repeat, and so may
plans, targets and forecasts. A source that gives the same figure for two periods itself
is left alone: it says so on purpose, and so are other sources' figures for those two
periods; so is a figure with a qualifier ("about $10.3
billion" is a rounding). Periods whose starts and ends each lie less than four weeks apart
are one period written at two precisions (a fiscal year to the day and to the month). A warning, since a
flow can repeat by chance; the finding names both periods.

A level (a budget line, a count of staff, a fund's capital) given for one time with the
figure another text gives for an earlier time, where a text published no later gives
another level between the two, is likelier the old figure given as current than a level
that went back to the digit: a warning too. Only money, counts and quantities (a rate
goes back to where it was), and none where a text gives the figure again after the other
level.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.examples import Example, claim_row
from checker.findings import Finding
from checker.options import Option
from checker.pairing import (
    NUMERIC,
    by_id,
    crowd_extremes,
    factorize_rows,
    group_codes,
    overlap_clusters,
    pairs_overlapping,
    ref,
    row_of,
    same_figures,
    stated_intervals,
    tolerance_of,
    value_text,
    widened,
)

ID = "redated-figure"
SEVERITY = "warning"
OPTIONS = {"min_digits": Option(3, "significant digits a figure needs to count as precise", minimum=2, maximum=15)}

GROUP = ("topic", "scope", "subject", "dimension")
DEFAULT_TOLERANCE = 0.02  # value-conflict's default: a gap it reports


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    yield from _flows(claims, options)
    yield from _levels(claims, options)


def _flows(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    flows = (
        claims["kind"].isin(NUMERIC)
        & claims["aggregation"].eq("flow")
        & claims["modality_class"].eq("actual")
        & ~claims["undated"].astype(bool)
        & np.isfinite(claims["magnitude"])
        & np.isfinite(claims["period_start"])
        & np.isfinite(claims["period_end"])
    )
    # Precise as written: "about $10.3 billion" is a rounding, not a figure to the digit.
    precise = (
        flows
        & (claims["digits"] >= options["min_digits"])
        & (claims["magnitude"] != 0)
        & claims["qualifier"].eq("stated")
    )
    labels, codes = group_codes(claims, precise, GROUP)
    if len(labels) < 2:
        return
    low, high = stated_intervals(claims, labels)  # figures one step apart only touch
    codes = overlap_clusters(codes, low, high)
    periods, _ = factorize_rows(
        claims.loc[labels, "period_start"].to_numpy(dtype=float), claims.loc[labels, "period_end"].to_numpy(dtype=float)
    )
    pairs = pairs_overlapping(labels, codes, low, high, periods)
    for crowd in pairs.crowds:
        lowest, highest = crowd_extremes(claims, crowd, "magnitude")
        row = row_of(claims, lowest)
        yield Finding(
            topic=row["topic"],
            claims=(ref(claims, lowest), ref(claims, highest)),
            diagnosis="the same figures for many periods: too many pairs to list one by one",
            message=f"{len(crowd.labels)} claims of {row['topic_label']} give the same precise figures for "
            f"different periods; {crowd.pairs:,} pairs",
        )
    frame = pairs.frame
    if frame.empty:
        return
    a, b = frame["a"].to_numpy(), frame["b"].to_numpy()
    source = claims["source"]
    equal = same_figures(claims, a, b)
    other_source = source.loc[a].to_numpy() != source.loc[b].to_numpy()
    found = equal & other_source
    if not found.any():
        return
    # A figure one source itself gives for both periods is the same money on purpose (costs
    # of a year all incurred in its last weeks): the other sources' pairs of those periods too.
    seen: set[tuple] = {
        _key(*by_id(claims, left, right)) for left, right in zip(a[equal & ~other_source], b[equal & ~other_source])
    }
    conflicting = _Rivals(claims, flows)
    for left, right in zip(a[found], b[found]):  # only the findings
        first, second = by_id(claims, left, right)
        if _nearly_the_same(first, second):
            continue  # one fiscal year, given to the day in one text and to the month in another
        if conflicting.any(first) or conflicting.any(second):
            continue  # a value conflict in its own period: value-conflict reports it and names this match
        # One finding per figure and pair of periods: three sources agreeing on 2024 against
        # one giving 2023 are one misdating, not three.
        key = _key(first, second)
        if key in seen:
            continue
        seen.add(key)
        yield _finding(claims, first, second)


def _levels(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A level given as current that is an earlier time's, where a text published no later
    gives another level between the two: a transport budget line of €446 million in the
    2023 bid and €862 million from March 2025 (two texts), then "currently budgeted at
    €446 million" in May. Levels of money, counts and quantities only (a rate goes back to
    where it was), to three significant digits, as stated, of what is or is planned; none
    where a text gives the old figure again after the other level (it went back)."""
    levels = (
        claims["kind"].isin(NUMERIC)
        & claims["aggregation"].eq("stock")
        & claims["modality_class"].isin(("actual", "plan"))
        & claims["modality"].ne("superseded")
        & np.isfinite(claims["magnitude"])
        & np.isfinite(claims["period_start"])
        & np.isfinite(claims["period_end"])
        & (claims["dimension"].ne("dimensionless") | claims["kind"].eq("count"))
    )
    precise = levels & (claims["digits"] >= options["min_digits"]) & (claims["magnitude"] != 0)
    precise &= claims["qualifier"].eq("stated")
    labels, codes = group_codes(claims, precise, (*GROUP, "modality_class"))
    if len(labels) < 2:
        return
    low, high = stated_intervals(claims, labels)
    codes = overlap_clusters(codes, low, high)
    times, _ = factorize_rows(
        claims.loc[labels, "period_start"].to_numpy(dtype=float), claims.loc[labels, "period_end"].to_numpy(dtype=float)
    )
    pairs = pairs_overlapping(labels, codes, low, high, times)
    frame = pairs.frame
    if frame.empty:
        return
    a, b = frame["a"].to_numpy(), frame["b"].to_numpy()
    equal = same_figures(claims, a, b) & (claims.loc[a, "source"].to_numpy() != claims.loc[b, "source"].to_numpy())
    if not equal.any():
        return
    # Only the topics of the candidates are looked into (a mask per topic, never a scan).
    others = _LevelsBetween(claims, levels & claims["topic"].isin(claims.loc[a[equal], "topic"].unique()))
    seen: set = set()
    for left, right in zip(a[equal], b[equal]):  # only the same figure at two times: few
        old, current = sorted(by_id(claims, left, right), key=lambda row: (row["period_end"], row["period_start"]))
        if old["period_end"] > current["period_start"] or current.name in seen:
            continue  # overlapping times: one level
        between = others.between(old, current)
        if between is None:
            continue
        seen.add(current.name)
        yield Finding(
            topic=current["topic"],
            subject=current["id"],
            claims=(ref(claims, current.name), ref(claims, old.name), ref(claims, between.name)),
            diagnosis="an earlier level given as current: the level of another time, since changed?",
            message=f"{current['source']} gives {value_text(current)} for {_period(current)} ({current['id']}), "
            f"the level {old['source']} gives for {_period(old)} ({old['id']}); {between['source']} gives "
            f"{value_text(between)} for {_period(between)} ({between['id']}), between the two",
        )


class _LevelsBetween:
    """The levels of each group (topic, scope, subject, dimension, kind of figure) by time,
    for the look-up of a level between two claims' times (one per finding)."""

    def __init__(self, claims: pd.DataFrame, levels: pd.Series) -> None:
        self.claims = claims
        self.groups: dict = {}
        for key, group in claims.loc[levels, [*GROUP, "modality_class"]].groupby(
            [*GROUP, "modality_class"], observed=True, sort=False
        ):
            self.groups[key] = group.index

    def between(self, old: pd.Series, current: pd.Series):
        """A level from another text than ``current``'s, published no later, for a time
        after ``old``'s and before ``current``'s, apart from the figure beyond the
        tolerance; None if there is none, or if a text gives the figure again after it."""
        labels = self.groups.get(tuple(old[column] for column in (*GROUP, "modality_class")))
        if labels is None:
            return None
        rows = self.claims.loc[labels, ["period_start", "period_end", "published_end", "low", "high", "source"]]
        start, end = rows["period_start"].to_numpy(dtype=float), rows["period_end"].to_numpy(dtype=float)
        after = (start >= old["period_end"]) & (start < current["period_start"]) & (end <= current["period_end"])
        known = (rows["published_end"].to_numpy(dtype=float) <= current["published_end"]) & (
            rows["source"].to_numpy() != current["source"]
        )
        # Apart beyond both figures' rounding: a level that moved at all (1,140 waiting, then
        # 1,162) and came back to the digit is rarer than an old figure given as current.
        low, high = rows["low"].to_numpy(dtype=float), rows["high"].to_numpy(dtype=float)
        apart = (high < current["low"]) | (low > current["high"])
        candidates = np.flatnonzero(after & known & apart)
        if not len(candidates):
            return None
        first = candidates[np.argmin(start[candidates])]
        again = (start >= start[first]) & ~apart & (labels != current.name)
        if again.any():
            return None  # the figure again after the other level: it went back
        return row_of(self.claims, labels[first])


def _key(first, second) -> tuple:
    """A figure and its pair of periods, whichever claims give them."""
    spans = tuple(
        sorted(((first["period_start"], first["period_end"]), (second["period_start"], second["period_end"])))
    )
    return (first["topic"], first["scope"], first["subject"], spans, display.number(first["magnitude"], 10))


class _Rivals:
    """Which claims another figure contradicts for their own period: those are value
    conflicts, whose diagnosis already names a figure for another period that matches.

    Built once on whole columns: per (group, period), the highest low end and the lowest
    high end of its figures, each widened by its tolerance; a claim is contradicted when
    either lies beyond its own widened interval. (A crowd of one topic and period is one
    look-up per finding, never a scan of the crowd.)"""

    def __init__(self, claims: pd.DataFrame, flows: pd.Series) -> None:
        labels, codes = group_codes(claims, flows, GROUP)
        periods, _ = factorize_rows(
            claims.loc[labels, "period_start"].to_numpy(dtype=float),
            claims.loc[labels, "period_end"].to_numpy(dtype=float),
        )
        buckets, _ = factorize_rows(codes, periods)
        low, high = widened(
            claims.loc[labels, "low"].to_numpy(dtype=float),
            claims.loc[labels, "high"].to_numpy(dtype=float),
            tolerance_of(claims, labels, DEFAULT_TOLERANCE),
        )
        self.highest_low = np.full(int(buckets.max(initial=-1)) + 1, -np.inf)
        self.lowest_high = np.full(len(self.highest_low), np.inf)
        np.maximum.at(self.highest_low, buckets, np.nan_to_num(low, nan=-np.inf))
        np.minimum.at(self.lowest_high, buckets, np.nan_to_num(high, nan=np.inf))
        self.positions = pd.Index(labels)
        self.buckets, self.low, self.high = buckets, low, high

    def any(self, row) -> bool:
        if row.name not in self.positions:
            return False
        position = self.positions.get_loc(row.name)
        bucket = self.buckets[position]
        return bool(self.highest_low[bucket] > self.high[position] or self.lowest_high[bucket] < self.low[position])


def _finding(claims: pd.DataFrame, first, second) -> Finding:
    figure = value_text(first)
    first_period, second_period = _period(first), _period(second)
    inside = _contains(first, second) or _contains(second, first)
    if inside:
        whole, part = (first, second) if _contains(first, second) else (second, first)
        diagnosis = "the same figure for a period and a part of it: the rest of the period would add nothing"
        message = (
            f"{figure}: {whole['source']} gives it for {_period(whole)} ({whole['id']}) and {part['source']} "
            f"for {_period(part)} ({part['id']}), a part of that period; one of the two periods is likely wrong"
        )
    else:
        diagnosis = "the same figure for another period: one of them misdated?"
        message = (
            f"{figure}: {first['source']} gives it for {first_period} ({first['id']}) and {second['source']} "
            f"for {second_period} ({second['id']}); a flow rarely repeats to the digit, so one of the periods "
            "is likely wrong"
        )
    return Finding(
        topic=first["topic"],
        subject=first["id"],
        claims=(ref(claims, first.name), ref(claims, second.name)),
        diagnosis=diagnosis,
        message=message,
    )


def _nearly_the_same(first, second) -> bool:
    """Two periods whose starts and ends each lie less than four weeks apart: one period
    written at two precisions (1403 SH, 20 March 2024 to 20 March 2025, against
    2024-03/2025-03), never a month more or less (January to November against the year)."""
    return bool(
        abs(first["period_start"] - second["period_start"]) < 28
        and abs(first["period_end"] - second["period_end"]) < 28
    )


def _contains(outer, inner) -> bool:
    return outer["period_start"] <= inner["period_start"] and inner["period_end"] <= outer["period_end"]


def _period(row) -> str:
    return display.date_range(row["period_start"], row["period_end"])


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_TRADE = ({"key": "trade", "kind": "quantity", "unit": "USD", "label": "bilateral trade"},)
_EXPORTS = ({"key": "exports", "kind": "quantity", "unit": "t", "label": "wheat exports"},)
_RATE = ({"key": "rate", "kind": "quantity", "unit": "%", "label": "policy rate"},)
_BUDGET_LINE = (
    {"key": "transport", "kind": "quantity", "unit": "EUR", "aggregation": "stock", "label": "transport budget line"},
)
EXAMPLES = (
    Example(
        "fails",
        "trade of US$12.42 billion in 2024 (one source) vs US$12.42 billion in 2023 (another)",
        {
            "a": (claim_row("a-2024", "trade", "US$12.42 billion", period="2024"),),
            "b": (claim_row("b-2023", "trade", "US$12.42 billion", period="2023"),),
        },
        topics=_TRADE,
        flags=(("a-2024", "b-2023"),),
    ),
    Example(
        "fails",
        "exports of 1,836,500 t in January–November vs 1,836,500 t for the whole year",
        {
            "a": (claim_row("a-11m", "exports", "1,836,500 t", period="2024-01/2024-11"),),
            "b": (claim_row("b-year", "exports", "1,836,500 t", period="2024"),),
        },
        topics=_EXPORTS,
        flags=(("a-11m", "b-year"),),
    ),
    Example(
        "fails",
        "a budget line of €446 million in 2023, €862 million in March 2025, and €446 million in May 2025",
        {
            "bid": (claim_row("bid-2023", "transport", "€446 million", period="2023"),),
            "release": (claim_row("release-march", "transport", "€862 million", period="2025-03-10"),),
            "analysis": (claim_row("analysis-may", "transport", "€446 million", period="2025-05-20"),),
        },
        topics=_BUDGET_LINE,
        sources=tuple(
            {"id": source, "file": f"{source}.txt", "published": day}
            for source, day in (("bid", "2023-01-20"), ("release", "2025-03-10"), ("analysis", "2025-05-20"))
        ),
        flags=(("analysis-may", "bid-2023", "release-march"),),
    ),
    Example(
        "passes",
        "trade of US$12.42 billion in 2024 vs US$11.37 billion in 2023",
        {
            "a": (claim_row("a-2024", "trade", "US$12.42 billion", period="2024"),),
            "b": (claim_row("b-2023", "trade", "US$11.37 billion", period="2023"),),
        },
        topics=_TRADE,
    ),
    Example(
        "passes",
        "a policy rate of 16.25 % in 2023 and in 2024 (a level, not a flow)",
        {
            "a": (claim_row("a-2024", "rate", "16.25 %", period="2024"),),
            "b": (claim_row("b-2023", "rate", "16.25 %", period="2023"),),
        },
        topics=_RATE,
    ),
    Example(
        "passes",
        "a budget of US$1.25 billion planned for 2024 and for 2025 (plans may repeat)",
        {
            "a": (claim_row("a-2024", "trade", "US$1.25 billion", period="2024", modality="plan"),),
            "b": (claim_row("b-2025", "trade", "US$1.25 billion", period="2025", modality="plan"),),
        },
        topics=_TRADE,
    ),
)
