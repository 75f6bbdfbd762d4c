"""Two claims give different statuses for the same time, or a status reverses without a change.

Fails:  "recognised" (as of 2025-07-28) vs "not recognised" (as of 2025-07-28)
Fails:  listed (2003/2024) → removed (April 2025) → listed (July 2025): a reversal, warned
Passes: "not recognised" (as of 2025-04-28) vs "recognised" (from 2025-07-03): the status
        changed between two dated claims

Statuses of one topic, scope, subject and modality class (what is, against a forecast or
a plan: never compared) conflict when their periods overlap. When they
overlap only where a side of an interval is imprecise ("delisted 2025-05/2025-07-11", from
some day in May, against "listed 2022-03/2025-05-02"), the change may fall there, and the
two agree under that reading: a note, to check the day. Claims with
disjoint periods record a change over time; a sequence that goes back to an earlier state
(A → B → A) is reported as a warning, since the texts then disagree about whether the
change happened (one text that tells the whole sequence itself is not: shipping paused,
resumed and halted again). Two statuses that meet only on the day one ends and the other
begins ("in force until 24 April", "expired on 24 April") record the change on that day.
An open end ("from 1 April", `2025-04-01/..`) holds as far as its text can tell: a status
that begins after that text was published is a change, not a conflict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import Option
from checker.pairing import (
    PAIR_LIMIT,
    Crowd,
    as_states,
    by_id,
    group_codes,
    pairs_overlapping,
    periods_overlap,
    ref,
    row_of,
)

ID = "status-conflict"
SEVERITY = "error"
GROUP = ("topic", "scope", "subject", "modality_class")  # what compares with what
OPTIONS = {"reversals": Option(True, "warn when a status goes back to an earlier state (A → B → A)")}


def _period(row: pd.Series) -> str:
    return display.date_range(row["period_start"], row["period_end"])


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    statuses = (claims["kind"] == "status") & claims["state"].ne("") & claims["period_start"].notna()
    # A forecast's or a plan's status is compared with forecasts or plans, not with what is.
    labels, codes = group_codes(claims, statuses, GROUP)
    pairs = pairs_overlapping(
        labels,
        codes,
        claims.loc[labels, "period_start"].to_numpy(dtype=float),
        claims.loc[labels, "period_end"].to_numpy(dtype=float),
        as_states(claims.loc[labels, "state"]),
    )
    for crowd in pairs.crowds:
        yield _summary(claims, crowd)
    for a, b in pairs.frame.itertuples(index=False):
        first, second = by_id(claims, a, b)
        if _change_day(first, second):
            continue  # "in force until 24 April" and "expired on 24 April": the change falls that day
        if _outran(first, second):
            continue  # "Level 4 from 1 April" in March, "Level 3 from 1 September" in August
        message = (
            f"{first['source']} says '{first['state']}' for {_period(first)} while {second['source']} says "
            f"'{second['state']}' for {_period(second)}"
        )
        if _certainly_overlap(first, second):
            yield Finding(
                topic=first["topic"],
                claims=(ref(claims, first.name), ref(claims, second.name)),
                diagnosis="conflicting statuses for overlapping times",
                message=message,
            )
            continue
        # The periods meet only where a side of an interval is imprecise ("delisted
        # 2025-05/…" against "listed …/2025-05-02"): the change may fall there.
        yield Finding(
            topic=first["topic"],
            claims=(ref(claims, first.name), ref(claims, second.name)),
            severity=Severity.NOTE.value,
            diagnosis="the statuses may overlap only where a period's side is imprecise: the change may fall there",
            message=f"{message}; they overlap only in {_shared(first, second)}, within a side of an interval "
            "not given to the day",
        )
    if options["reversals"]:
        yield from _reversals(claims, statuses)


def _summary(claims: pd.DataFrame, crowd: Crowd) -> Finding:
    """One finding for a group with too many conflicting pairs to list: the first claim of
    each of two states shows what they disagree on."""
    group = claims.loc[list(crowd.labels)].sort_values("id", kind="stable")
    states = sorted(set(group["state"]))
    shown = [group.index[group["state"] == state][0] for state in states[:2]]
    first = row_of(claims, shown[0])
    return Finding(
        topic=first["topic"],
        claims=tuple(ref(claims, label) for label in shown),
        diagnosis="many conflicting statuses: too many pairs to list one by one",
        message=f"{len(crowd.labels)} claims give {', '.join(repr(state) for state in states)} for "
        f"{first['topic_label']} and {crowd.pairs:,} pairs of them conflict for overlapping times",
    )


# A day written without a time has no zone: in UTC it may end this much after its UTC day
# (UTC-12), so a time of day read in UTC may fall on it ("10 p.m. CDT on 25 July" is 03:00
# UTC on the 26th).
ZONE_LATEST = 12 / 24


def _change_day(first: pd.Series, second: pd.Series) -> bool:
    """Whether two statuses meet only on one day that is the last of one and the first of
    the other: the day the status changed, on which both were true (a time of day that
    ends the one may fall on the other's first day in its own zone)."""
    earlier, later = (first, second) if first["period_start"] <= second["period_start"] else (second, first)
    slack = ZONE_LATEST if earlier["period_end"] != np.floor(earlier["period_end"]) else 0.0
    return bool(
        earlier["period_start"] < later["period_start"]
        and earlier["period_end"] <= later["period_end"]
        and earlier["period_end"] - later["period_start"] <= 1 + slack
    )


def _outran(first: pd.Series, second: pd.Series) -> bool:
    """Whether the two meet only where an open end ("from 1 April", `2025-04-01/..`) runs
    past what its text could know: the other status begins after the open one's text was
    published, and after the open one began. An open end says the status holds as far as
    its text can tell; a later change is no conflict with it (a plan to tighten
    restrictions from April, told in March, and a plan to ease them from September, told in
    August)."""
    earlier, later = (first, second) if first["period_start"] <= second["period_start"] else (second, first)
    published = earlier["published_end"]  # the day after publication
    return bool(
        np.isinf(earlier["period_end"])
        and earlier["period_start"] < later["period_start"]
        and np.isfinite(published)
        and later["period_start"] >= published
    )


def _overlap(first: pd.Series, second: pd.Series) -> bool:
    return periods_overlap(first, second)


def _certainly_overlap(first: pd.Series, second: pd.Series) -> bool:
    """Whether the times the two statuses certainly hold overlap: a period, or over an
    interval from its first side's last day to its last side's first (derive.spans)."""
    return bool(first["span_start"] < second["span_inner_end"] and second["span_start"] < first["span_inner_end"])


def _shared(first: pd.Series, second: pd.Series) -> str:
    start = max(first["period_start"], second["period_start"])
    end = min(first["period_end"], second["period_end"])
    return display.date_range(start, end)


def _reversals(claims: pd.DataFrame, statuses: pd.Series) -> Iterator[Finding]:
    subset = claims.loc[statuses, ["id", *GROUP, "state", "period_start", "period_end"]]
    varied = subset.groupby(list(GROUP), observed=True)["state"].transform("nunique") > 1
    subset = subset[varied]
    if subset.empty:
        return
    midpoint = np.where(
        np.isfinite(subset["period_start"]) & np.isfinite(subset["period_end"]),
        (subset["period_start"] + subset["period_end"]) / 2,
        np.where(np.isfinite(subset["period_start"]), subset["period_start"], subset["period_end"]),
    )
    ordered = subset.assign(_mid=midpoint).sort_values([*GROUP, "_mid", "id"], kind="stable")
    # Runs of equal states in time order, found on whole columns: a run starts where the
    # group or the state changes. A reversal is run i and run i+2 of one group sharing a
    # state; only those groups are then walked in Python.
    group_key = ordered.groupby(list(GROUP), sort=False, observed=True).ngroup()
    new_group = (group_key != group_key.shift()).to_numpy()
    new_run = new_group | (ordered["state"] != ordered["state"].shift()).to_numpy()
    run_group = group_key.to_numpy()[new_run]
    run_state = ordered["state"].to_numpy()[new_run]
    same_group = np.zeros(len(run_state), dtype=bool)
    same_group[:-2] = run_group[:-2] == run_group[2:]
    candidates = np.flatnonzero(same_group & np.concatenate((run_state[:-2] == run_state[2:], [False, False])))
    if len(candidates) == 0:
        return
    # A group that reverses more often than PAIR_LIMIT times is summarised, not listed.
    groups, per_group = np.unique(run_group[candidates], return_counts=True)
    for group in groups[per_group > PAIR_LIMIT]:
        members = ordered.index[group_key.to_numpy() == group]
        first_row = row_of(claims, members[0])
        yield Finding(
            topic=first_row["topic"],
            claims=(ref(claims, members[0]), ref(claims, members[-1])),
            severity=Severity.WARNING.value,
            diagnosis="the status reverses again and again: too many reversals to list one by one",
            message=f"{len(members)} claims give {first_row['topic_label']} and it reverses "
            f"{int(per_group[groups == group][0]):,} times in time order",
        )
    crowded = set(groups[per_group > PAIR_LIMIT])
    candidates = np.array([first for first in candidates if run_group[first] not in crowded], dtype=np.int64)
    run_starts = np.flatnonzero(new_run)
    run_ends = np.append(run_starts[1:], len(ordered))
    labels_in_order = ordered.index.to_numpy()
    for first in candidates:
        before, during, after = (
            list(labels_in_order[run_starts[run] : run_ends[run]]) for run in (first, first + 1, first + 2)
        )
        state = run_state[first]
        # A middle claim overlapping its neighbours in time is an overlap conflict,
        # reported above; a reversal is a sequence of disjoint claims.
        # (An open end that runs past what its text could know meets a later status only
        # there: a change, so the two are a sequence, as the conflict check reads them.)
        edges = (row_of(claims, before[-1]), row_of(claims, after[0]))
        if any(
            _overlap(row, edge) and not _outran(row, edge)
            for row in (row_of(claims, label) for label in during)
            for edge in edges
        ):
            continue
        # The claims nearest the two changes: the last of the first run, the middle run,
        # and the first of the last run.
        labels = [before[-1], *during, after[0]]
        rows = [row_of(claims, label) for label in labels]
        # One text telling the whole sequence (paused, resumed, halted again) says it
        # happened, however many others confirm a part of it.
        told = [{claims.at[label, "source"] for label in run} for run in (before, during, after)]
        if told[0] & told[1] & told[2] or told[1] & told[2]:
            # (A text that gives the middle state and the return after it, "during the
            # suspension between 20 June and 14 July", tells the step back itself.)
            continue
        story = " → ".join(f"'{row['state']}' ({_period(row)}, {row['id']})" for row in rows)
        early = _too_early(rows)
        yield Finding(
            topic=rows[0]["topic"],
            subject=early["id"] if early is not None else "",
            claims=tuple(ref(claims, label) for label in labels),
            severity=Severity.WARNING.value,
            diagnosis="the status reverses: the texts disagree on whether the change happened",
            message=f"{story}: the status goes back to '{state}'" + _blame(early, rows),
        )


def _blame(early: Any, rows: list) -> str:
    """Which claim of a reversal is the likelier slip, in words (see ``_too_early``)."""
    if early is None:
        return ""
    position = next(index for index, row in enumerate(rows) if row.name == early.name)
    if position and rows[position - 1]["state_rank"] > early["state_rank"]:
        return (
            f"; {early['id']} gives '{early['state']}' after {rows[position - 1]['id']} dates the step to "
            f"'{rows[position - 1]['state']}': the likelier slip (a step back)"
        )
    return (
        f"; {early['id']} gives '{early['state']}' before a state its topic lists ahead of it: the "
        "likelier slip (a step given too early)"
    )


def _too_early(rows: list) -> Any:
    """Of a reversal's claims in time order (A, B…, A), the one before its step back in the
    order the topic lists its states (proposed; approved): a state given before its time
    ("approved" in November, "proposed" in February, approved in August) or, where the
    step back comes second (pending, "dismissed", pending), the middle claim given ahead of
    the facts. None where both steps go one way or the ranks are unknown."""
    ranks = [row["state_rank"] for row in rows]
    if not all(np.isfinite(rank) for rank in ranks):
        return None
    back = [position for position in range(len(rows) - 1) if ranks[position + 1] < ranks[position]]
    if len(back) != 1:
        return None
    ahead = rows[back[0]]
    if _dated_before_its_text(ahead):
        # A text that dates the step ahead ("terminated on 4 November", told on the 18th)
        # reports it as done: the claim that steps back after it is the likelier slip.
        return rows[back[0] + 1]
    return ahead


def _dated_before_its_text(row: pd.Series) -> bool:
    """Whether a status's period begins before its text's publication day: the text dates
    the state, rather than giving it as of its own day."""
    published = row["published_end"] - 1
    return bool(not row["undated"] and np.isfinite(published) and row["period_start"] < published)


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_RECOGNITION = {"key": "recognition", "kind": "status", "states": "recognised; not-recognised"}
_LISTING = {"key": "listing", "kind": "status", "states": "listed; removed"}
EXAMPLES = (
    Example(
        "fails",
        '"recognised" (as of 2025-07-28) vs "not recognised" (as of 2025-07-28)',
        {
            "a": (claim_row("a-recognised", "recognition", "recognised", period="2025-07-28"),),
            "b": (claim_row("b-not", "recognition", "not-recognised", "not recognised", period="2025-07-28"),),
        },
        topics=(_RECOGNITION,),
        flags=(("a-recognised", "b-not"),),
    ),
    Example(
        "fails",
        "listed (2003/2024) → removed (April 2025) → listed (July 2025): a reversal, warned",
        {
            "a": (claim_row("a-listed", "listing", "listed", period="2003/2024"),),
            "b": (claim_row("b-removed", "listing", "removed", period="2025-04"),),
            "c": (claim_row("c-listed", "listing", "listed", period="2025-07"),),
        },
        topics=(_LISTING,),
        flags=(("a-listed", "b-removed", "c-listed"),),
    ),
    Example(
        "passes",
        '"not recognised" (as of 2025-04-28) vs "recognised" (from 2025-07-03): the status '
        "changed between two dated claims",
        {
            "a": (claim_row("a-not", "recognition", "not-recognised", "not recognised", period="2025-04-28"),),
            "b": (claim_row("b-recognised", "recognition", "recognised", period="2025-07-03/.."),),
        },
        topics=(_RECOGNITION,),
    ),
)
