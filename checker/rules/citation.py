"""A claim that cites another source of the corpus must agree with what that source says.

Fails:  USD 12.42 billion of bilateral trade in 2024, citing a report whose own claim is
        Afghanistan's total trade of >US$12 billion in 2024 (the figure, another scope)
Fails:  a ban "lifted" on 2025-04-17, citing a source that says the ban was "suspended"
Passes: a court decision dated 2025-04-17, citing a source that dates it 2025-04-17

The citing claim is compared with the cited source's claims on the same topic: values
(intervals within tolerance, for the same time and modality class), dates (intervals) and
statuses (same state for overlapping times). When the cited source has no claim on the topic, its claims in other topics are
searched for the same figure: a match means the citation moved the figure to another
scope. A cited source whose text is in the corpus and says nothing on the topic is noted.
When the cited source gives a flow only for other periods, the same figure there is a
warning (the citation, or the cited text, has the wrong year) and another figure a note.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import Option, tolerance
from checker.pairing import (
    NUMERIC,
    SAME_TIME,
    intervals_apart,
    periods_overlap,
    ref,
    row_of,
    shared_codes,
    tolerance_of,
    value_text,
    widened,
)

ID = "citation-consistency"
SEVERITY = "warning"
REACH = "corpus"  # compares across topic families: a partitioned run does it once, over the whole table
OPTIONS = {
    "tolerance": tolerance(0.02),
    "note_unsupported": Option(True, "note a citing claim whose cited source says nothing on its topic"),
}


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    citing = claims["cites"].ne("") & (claims["cites"].isin(claims["source"].unique()) | claims["cites_has_text"])
    if not citing.any():
        return
    tolerance = options["tolerance"]
    # The cited sources' claims, with only the columns a verdict reads.
    cited = claims.loc[claims["source"].isin(set(claims.loc[citing, "cites"])), list(_VERDICT_COLUMNS)]
    # Only the (source, topic) groups some citing claim asks about are arranged.
    cited_keys, wanted = shared_codes(
        [cited["source"], cited["topic"]], [claims.loc[citing, "cites"], claims.loc[citing, "topic"]]
    )
    on_topic = _Groups(cited[np.isin(cited_keys, wanted)], tolerance)
    by_source = {source: rows for source, rows in cited.groupby("source", sort=False).groups.items()}
    for label in claims.index[citing]:  # one citing claim at a time: each meets a sorted group in O(log n)
        claim = row_of(claims, label)
        if (claim["cites"], claim["topic"]) in on_topic.topics:
            agrees, disagreeing = on_topic.verdict(claim)
            if disagreeing is not None and not agrees:
                other = row_of(claims, disagreeing)
                yield Finding(
                    topic=claim["topic"],
                    subject=claim["id"],
                    claims=(ref(claims, label), ref(claims, disagreeing)),
                    diagnosis="the cited source says otherwise",
                    message=f"{claim['id']} gives {value_text(claim)} citing {claim['cites']}, which gives {value_text(other)} ({other['id']})",
                )
            elif not agrees and claim["kind"] in NUMERIC and claim["aggregation"] == "flow" and not claim["undated"]:
                # The cited source gives a flow, but not for this time: the citation (or the
                # cited text) has the wrong year, or the figure is not the cited one. (A
                # level may hold from one day to the next: only flows are judged.)
                elsewhere = _other_times(claim, cited.loc[by_source.get(claim["cites"], [])], tolerance)
                if elsewhere is not None:
                    other, same_figure = row_of(claims, elsewhere[0]), elsewhere[1]
                    yield Finding(
                        topic=claim["topic"],
                        subject=claim["id"],
                        claims=(ref(claims, label), ref(claims, elsewhere[0])),
                        severity="" if same_figure else Severity.NOTE.value,
                        diagnosis="different period: the cited source gives this figure for another time"
                        if same_figure
                        else "the cited source gives this topic only for other times",
                        message=f"{claim['id']} gives {value_text(claim)} for {_when(claim)} citing {claim['cites']}, "
                        f"which gives {value_text(other)} for {_when(other)} ({other['id']})"
                        + ("" if same_figure else " and nothing for that time"),
                    )
            continue
        moved = (
            _same_figure_elsewhere(claim, cited.loc[by_source.get(claim["cites"], [])], tolerance)
            if claim["kind"] in NUMERIC
            else None
        )
        if moved is not None:
            other = row_of(claims, moved)
            yield Finding(
                topic=claim["topic"],
                subject=claim["id"],
                claims=(ref(claims, label), ref(claims, moved)),
                diagnosis="different scope: the cited figure is about another topic",
                message=f"{claim['id']} gives {value_text(claim)} for {claim['topic_label']} citing {claim['cites']}, "
                f"but the cited figure ({value_text(other)}, {other['id']}) is for {other['topic_label']}",
            )
        elif options["note_unsupported"] and claim["cites_has_text"]:
            yield Finding(
                topic=claim["topic"],
                subject=claim["id"],
                claims=(ref(claims, label),),
                severity=Severity.NOTE.value,
                diagnosis="the cited source makes no claim on this topic",
                message=f"{claim['id']} cites {claim['cites']}, which makes no claim on {claim['topic_label']}",
            )


def _when(row) -> str:
    return display.date_range(row["period_start"], row["period_end"])


def _other_times(claim, cited: pd.DataFrame, tolerance: float) -> tuple[object, bool] | None:
    """A claim of the cited source on the citing claim's topic for another time: the one
    that gives the same figure (first), else the nearest in time, and whether it is the
    same figure; None when the cited source has no figure on the topic."""
    rows = cited[
        (cited["topic"] == claim["topic"]).to_numpy(dtype=bool)
        & cited["magnitude"].notna().to_numpy()
        & ~cited["undated"].to_numpy(dtype=bool)
    ]
    rows = rows[(rows["dimension"] == claim["dimension"]).to_numpy(dtype=bool)]
    if rows.empty:
        return None
    low, high = widened(rows["low"].to_numpy(dtype=float), rows["high"].to_numpy(dtype=float), tolerance)
    own_low, own_high = widened(claim["low"], claim["high"], tolerance)
    same = ~intervals_apart(low, high, own_low, own_high, 0.0)
    if same.any():
        return rows.index[np.flatnonzero(same)[0]], True
    distance = np.abs(rows["period_start"].to_numpy(dtype=float) - claim["period_start"])
    return rows.index[int(np.nanargmin(distance))] if np.isfinite(distance).any() else rows.index[0], False


_VERDICT_COLUMNS = (
    "source",
    "topic",
    "subject",
    "kind",
    "magnitude",
    "low",
    "high",
    "dimension",
    "number_factor",
    "modality_class",
    *SAME_TIME,
    "date_start",
    "date_end",
    "period_start",
    "period_end",
    "state",
    "tolerance",
    "undated",
)


class _Groups:
    """The claims the cited sources make on the topics cited, arranged so that a citing
    claim learns in O(log n) whether any of them agrees with it and which one disagrees.
    The groups come from one grouping of the whole table; each is sorted only when a
    citing claim first asks about it."""

    def __init__(self, cited: pd.DataFrame, tolerance: float):
        self.labels = cited.index.to_numpy()
        # A topic's own tolerance wins over the rule's (the cited and the citing claim share the topic).
        self.low, self.high = widened(
            cited["low"].to_numpy(dtype=float),
            cited["high"].to_numpy(dtype=float),
            tolerance_of(cited, cited.index, tolerance),
        )
        self.tolerance = tolerance
        # The columns a date or status verdict reads, as arrays taken once (not a slice of
        # the table per citing claim).
        self.columns = {
            column: cited[column].to_numpy(dtype=float)
            for column in ("date_start", "date_end", "period_start", "period_end")
        }
        self.states = cited["state"].to_numpy(dtype=object)
        kind = cited["kind"]
        self.topics = set(cited.groupby(["source", "topic"], sort=False, observed=True).indices)
        self._members = {
            "numeric": _members(
                cited,
                (kind.isin(NUMERIC) & cited["magnitude"].notna()).to_numpy(),
                ["subject", "dimension", "modality_class", *SAME_TIME],
            ),
            "date": _members(cited, (kind == "date").to_numpy(), []),
            "status": _members(cited, (kind == "status").to_numpy(), []),
        }
        self._sorted: dict[tuple, tuple | None] = {}

    def _group(self, what: str, key: tuple):
        if (what, key) not in self._sorted:
            positions = self._members[what].get(key)
            if positions is None:
                found = None
            elif what == "numeric":
                found = _sorted(self.labels[positions], self.low[positions], self.high[positions])
            else:  # dates: half-open intervals, [start, end) meets [s, e) when start < e and s < end
                found = _sorted(
                    self.labels[positions],
                    self.columns["date_start"][positions],
                    np.nextafter(self.columns["date_end"][positions], -np.inf),
                )
            self._sorted[(what, key)] = found
        return self._sorted[(what, key)]

    def verdict(self, claim) -> tuple[bool, object]:
        """(some claim agrees, a claim that disagrees or None)."""
        topic = (claim["cites"], claim["topic"])
        if claim["kind"] in NUMERIC:
            if pd.isna(claim["magnitude"]):
                return False, None
            key = (
                *topic,
                claim["subject"],
                claim["dimension"],
                claim["modality_class"],
                *(claim[c] for c in SAME_TIME),
            )
            own = claim["tolerance"]
            low, high = widened(claim["low"], claim["high"], self.tolerance if np.isnan(own) else own)
            return _meet(self._group("numeric", key), low, high)
        if claim["kind"] == "date":
            return _meet(
                self._group("date", topic), claim["date_start"], float(np.nextafter(claim["date_end"], -np.inf))
            )
        positions = self._members["status"].get(topic)
        if claim["kind"] == "status" and positions is not None:
            periods = {column: self.columns[column][positions] for column in ("period_start", "period_end")}
            overlapping = periods_overlap(periods, claim)
            same = self.states[positions] == claim["state"]
            differing = self.labels[positions][overlapping & ~same]
            return bool((overlapping & same).any()), (differing[0] if len(differing) else None)
        return False, None


def _members(cited: pd.DataFrame, mask: np.ndarray, keys: list[str]) -> dict:
    """Positions of the masked claims, by (source, topic, *keys), in one grouping."""
    chosen = np.flatnonzero(mask)
    if not len(chosen):
        return {}
    groups = cited.iloc[chosen].groupby(["source", "topic", *keys], sort=False, dropna=False, observed=True).indices
    return {key: chosen[positions] for key, positions in groups.items()}


def _sorted(labels: np.ndarray, low: np.ndarray, high: np.ndarray) -> tuple:
    """Members by low bound, with the running largest high bound (does any earlier member
    reach up to a value?) and the running smallest one and where it is (does any end below?)."""
    order = np.argsort(low, kind="stable")
    highs = high[order]
    smallest = np.minimum.accumulate(highs)
    where_smallest = np.maximum.accumulate(np.where(highs == smallest, np.arange(len(highs)), 0))
    return labels[order], low[order], np.maximum.accumulate(highs), smallest, where_smallest


def _meet(found, low: float, high: float) -> tuple[bool, object]:
    """Whether an interval [low, high] meets any of a sorted group's intervals, and a member
    it does not meet, if any: one that starts above it, else one that ends below it."""
    if found is None:
        return False, None
    labels, lows, running_high, smallest, where_smallest = found
    before = int(np.searchsorted(lows, high, side="right"))  # members starting at or below its high
    agrees = before > 0 and running_high[before - 1] >= low
    if before < len(labels):
        return bool(agrees), labels[before]
    if before > 0 and smallest[before - 1] < low:
        return bool(agrees), labels[where_smallest[before - 1]]
    return bool(agrees), None


def _same_figure_elsewhere(claim: pd.Series, cited: pd.DataFrame, tolerance: float):
    """The first claim of the cited source, in another topic, whose figure meets this one."""
    if claim["kind"] not in NUMERIC or pd.isna(claim["magnitude"]) or cited.empty:
        return None
    meets = ~intervals_apart(
        claim["low"], claim["high"], cited["low"].to_numpy(dtype=float), cited["high"].to_numpy(dtype=float), tolerance
    )
    candidates = (
        (cited["topic"] != claim["topic"]).to_numpy()
        & (cited["dimension"] == claim["dimension"]).to_numpy()
        & periods_overlap(cited, claim)
        & meets
    )
    found = cited.index[candidates]
    return found[0] if len(found) else None


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_TRADE = (
    {"key": "trade", "kind": "quantity", "unit": "USD", "label": "bilateral trade"},
    {"key": "total-trade", "kind": "quantity", "unit": "USD", "label": "Afghanistan's total trade"},
)
_RULING = {"key": "court-ruling", "kind": "date", "event": "Supreme Court decision"}
EXAMPLES = (
    Example(
        "fails",
        "USD 12.42 billion of bilateral trade in 2024, citing a report whose own claim is "
        "Afghanistan's total trade of >US$12 billion in 2024 (the figure, another scope)",
        {
            "capss": (claim_row("capss-trade", "trade", "USD 12.42 billion", period="2024", cites="amu"),),
            "amu": (
                claim_row("amu-total", "total-trade", ">12 billion USD", "more than 12 billion USD", period="2024"),
            ),
        },
        topics=_TRADE,
        flags=(("amu-total", "capss-trade"),),
    ),
    Example(
        "fails",
        'a ban "lifted" on 2025-04-17, citing a source that says the ban was "suspended"',
        {
            "a": (claim_row("a-lifted", "ban", "lifted", "the ban was lifted", period="2025-04-17", cites="b"),),
            "b": (claim_row("b-suspended", "ban", "suspended", "the ban was suspended", period="2025-04-17"),),
        },
        topics=({"key": "ban", "kind": "status", "states": "in-force; suspended; lifted"},),
        flags=(("a-lifted", "b-suspended"),),
    ),
    Example(
        "passes",
        "a court decision dated 2025-04-17, citing a source that dates it 2025-04-17",
        {
            "a": (claim_row("a-ruling", "court-ruling", "2025-04-17", "on April 17, 2025", cites="b"),),
            "b": (claim_row("b-ruling", "court-ruling", "2025-04-17", "on 17 April 2025"),),
        },
        topics=(_RULING,),
    ),
)
