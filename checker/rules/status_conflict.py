"""Two claims give different statuses for the same time, or a status reverses without a change.

Fails:  "recognised" (as of 2025-07-28) vs "not recognised" (as of 2025-07-28)
Fails:  listed (2003/2024) → removed (April 2025) → listed (July 2025): a reversal, warned
Passes: "not recognised" (as of 2025-04-28) vs "recognised" (from 2025-07-03): the status
        changed between two dated claims

Statuses of one topic, scope and subject conflict when their periods overlap. Claims with
disjoint periods record a change over time; a sequence that goes back to an earlier state
(A → B → A) is reported as a warning, since the texts then disagree about whether the
change happened.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

import numpy as np
import pandas as pd

from checker import display
from checker.findings import Finding, Severity
from checker.reconcile import comparable_pairs, ref, side

ID = "status-conflict"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {"reversals": True}


def _period(row: pd.Series) -> str:
    return display.date_range(row["period_start"], row["period_end"])


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    statuses = (claims["kind"] == "status") & claims["state"].ne("") & claims["period_start"].notna()
    pairs = comparable_pairs(claims, statuses, keys=("topic", "scope", "subject"))
    if not pairs.empty:
        differ = side(claims, pairs, "a", "state") != side(claims, pairs, "b", "state")
        for a, b in pairs[differ].itertuples(index=False):
            first, second = claims.loc[a], claims.loc[b]
            yield Finding(topic=first["topic"], claims=(ref(claims, a), ref(claims, b)),
                          diagnosis="conflicting statuses for overlapping times",
                          message=f"{first['source']} says '{first['state']}' for {_period(first)} while {second['source']} says "
                                  f"'{second['state']}' for {_period(second)}")
    if options["reversals"]:
        yield from _reversals(claims, statuses)


def _overlap(first: pd.Series, second: pd.Series) -> bool:
    return first["period_start"] < second["period_end"] and second["period_start"] < first["period_end"]


def _reversals(claims: pd.DataFrame, statuses: pd.Series) -> Iterator[Finding]:
    subset = claims[statuses]
    varied = subset.groupby(["topic", "scope", "subject"])["state"].transform("nunique") > 1
    subset = subset[varied]
    if subset.empty:
        return
    midpoint = np.where(np.isfinite(subset["period_start"]) & np.isfinite(subset["period_end"]),
                        (subset["period_start"] + subset["period_end"]) / 2,
                        np.where(np.isfinite(subset["period_start"]), subset["period_start"], subset["period_end"]))
    ordered = subset.assign(_mid=midpoint).sort_values(["topic", "scope", "subject", "_mid", "id"], kind="stable")
    for (topic, _, _), group in ordered.groupby(["topic", "scope", "subject"], sort=True):
        runs: list[tuple[str, list]] = []
        for label, state in zip(group.index, group["state"]):
            if runs and runs[-1][0] == state:
                runs[-1][1].append(label)
            else:
                runs.append((state, [label]))
        for before, during, after in zip(runs, runs[1:], runs[2:]):
            if before[0] != after[0]:
                continue
            # A middle claim overlapping its neighbours in time is an overlap conflict,
            # reported above; a reversal is a sequence of disjoint claims.
            edges = (claims.loc[before[1][-1]], claims.loc[after[1][0]])
            if any(_overlap(claims.loc[label], edge) for label in during[1] for edge in edges):
                continue
            # The claims nearest the two changes: the last of the first run, the middle
            # run, and the first of the last run.
            labels = [before[1][-1], *during[1], after[1][0]]
            rows = [claims.loc[label] for label in labels]
            story = " → ".join(f"'{row['state']}' ({_period(row)}, {row['id']})" for row in rows)
            yield Finding(topic=topic, claims=tuple(ref(claims, label) for label in labels), severity=Severity.WARNING.value,
                          diagnosis="the status reverses: the texts disagree on whether the change happened",
                          message=f"{story}: the status goes back to '{before[0]}'")
