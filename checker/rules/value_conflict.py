"""Two sources give different values for the same quantity, period and scope.

Fails:  US$1 billion (bilateral trade, 2024) vs USD 12.42 billion (bilateral trade, 2024)
Passes: US$1 billion (2024) vs "more than US$3 billion" as a target
Passes: US$1 billion (2024) vs ~US$1.2 billion (2024): the intervals meet
Passes: US$1 billion (2024) vs US$170 million (2022): different periods

Only actual figures and estimates are compared; the intervals come from qualifiers and
stated precision, widened by the topic's tolerance (or this rule's). The message gives
both values in the topic's unit, the ratio, and a diagnosis: a scale slip (a power of
ten), rounding, a different scope (the value matches another topic's figure), a different
period (the value matches the same topic in another period), or plainly different figures.
"""

from __future__ import annotations

import math
from typing import Any, Iterator, Mapping

import numpy as np
import pandas as pd

from checker import display
from checker.findings import Finding
from checker.reconcile import (FIGURES, NUMERIC, ValueIndex, comparable_pairs, intervals_apart, ref, side,
                               tolerance_of)

ID = "value-conflict"
SEVERITY = "error"
OPTIONS = {"tolerance": 0.02, "match_tolerance": 0.05}


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    figures = claims["kind"].isin(NUMERIC) & claims["modality"].isin(FIGURES) & claims["magnitude"].notna()
    pairs = comparable_pairs(claims, figures, keys=("topic", "scope", "dimension"))
    if pairs.empty:
        return
    tolerance = tolerance_of(claims, pairs["a"], options["tolerance"])
    apart = intervals_apart(side(claims, pairs, "a", "low"), side(claims, pairs, "a", "high"),
                            side(claims, pairs, "b", "low"), side(claims, pairs, "b", "high"), tolerance)
    index = None
    for a, b in pairs[apart].itertuples(index=False):  # loop only over the findings
        if index is None:
            index = ValueIndex(claims.loc[figures, ["kind", "dimension", "magnitude", "low", "high"]])
        first, second = claims.loc[a], claims.loc[b]
        diagnosis = diagnose(claims, index, first, second, options)
        period = display.date_range(first["period_start"], first["period_end"])
        if (first["period_start"], first["period_end"]) != (second["period_start"], second["period_end"]):
            period = f"{period} and {display.date_range(second['period_start'], second['period_end'])}"
        message = (f"{first['source']} gives {value(first)} and {second['source']} gives {value(second)} "
                   f"for {first['topic_label']} in {period}: {display.ratio(first['magnitude'], second['magnitude'])} apart")
        yield Finding(topic=first["topic"], message=message, claims=(ref(claims, a), ref(claims, b)), diagnosis=diagnosis)


def value(row: pd.Series) -> str:
    return display.quantity(row["low"], row["high"], row["magnitude"], row["topic_factor"], row["topic_unit"], row["qualifier"])


def diagnose(claims: pd.DataFrame, index: ValueIndex, first: pd.Series, second: pd.Series, options: Mapping[str, Any]) -> str:
    low, high = sorted((abs(first["magnitude"]), abs(second["magnitude"])))
    if low > 0:
        power = round(math.log10(high / low))
        if power >= 1 and abs(high / low / 10 ** power - 1) <= options["match_tolerance"]:
            return f"scale slip: the values differ by a factor of {10 ** power:,} (a power of ten)"
    steps = [row["high"] - row["low"] for row in (first, second) if row["qualifier"] == "stated" and np.isfinite(row["high"] - row["low"])]
    if steps and max(steps) > 0:
        coarse = max(steps)
        if math.floor(first["magnitude"] / coarse + 1e-9) == math.floor(second["magnitude"] / coarse + 1e-9):
            return "rounding: the values agree when truncated to the coarser stated precision (one was cut, not rounded)"
    for row in (second, first):
        for label_ in index.matching(row["dimension"], row["low"], row["high"], options["match_tolerance"]):
            other = claims.loc[label_]
            if other["id"] in (first["id"], second["id"]):
                continue
            overlaps = other["period_start"] < row["period_end"] and row["period_start"] < other["period_end"]
            if other["topic"] != row["topic"] and overlaps:
                return (f"different scope: {value(row)} ({row['id']}) matches {other['topic_label']} "
                        f"({other['id']}: {display.quantity(other['low'], other['high'], other['magnitude'], other['topic_factor'], other['topic_unit'], other['qualifier'])})")
            if other["topic"] == row["topic"] and other["scope"] == row["scope"] and not overlaps:
                return (f"different period: {value(row)} ({row['id']}) matches the figure for "
                        f"{display.date_range(other['period_start'], other['period_end'])} ({other['id']})")
    return "different figures: no scale slip, rounding, other scope or other period explains the gap"
