"""The same precise figure appears under two topics, as if one source relabelled the other's.

Fails:  diesel deliveries of 182,400 t (one source) vs petrol deliveries of 182,400 t (another), 2024
Fails:  wheat exports of US$412 million vs flour exports of US$412 million, same year
Passes: 14 t of diesel vs 14 t of petrol (fewer than three significant digits: coincidence)
Passes: 182,400 t of diesel in 2024 vs 182,400 t of petrol in 2019 (different times)

A figure with three or more significant digits rarely recurs by chance. When two
different topics give it for overlapping times, from different sources, one of them is
usually another's number under a new label: diesel reported as petrol, wheat as flour,
bilateral trade as total trade, exports as imports. The warning names both topics and
what differs between them (substance, scope or direction), even when neither topic has
a conflict yet. The same figure under two topics of one source is a note, and none at all
when one sentence gives it for both ("Units 1 and 2, each rated at 845 megawatts"), in
that text or against any other, nor when the rounder figure is its own topic's more
precise one rounded (98.6 % where the release gives 98.62 %). Two totals that are each
the sum of their own parts (a budget by cost line, and the same budget by funder) are
one total told two ways, a note, unless their substances or directions differ. Only figures
as stated (not "about 235,000") and of what is (actual figures and estimates) count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import Option
from checker.pairing import (
    NUMERIC,
    as_states,
    by_id,
    crowd_extremes,
    group_codes,
    overlap_clusters,
    pairs_overlapping,
    ref,
    row_of,
    same_figures,
    stated_intervals,
)

ID = "relabelled-figure"
SEVERITY = "warning"
REACH = "corpus"  # compares across topic families: a partitioned run does it once, over the whole table
OPTIONS = {"min_digits": Option(3, "significant digits a figure needs to count as precise", minimum=2, maximum=15)}

# Opposite directions of a flow, as topic labels name them.
DIRECTIONS = (
    ("export", "import"),
    ("inflow", "outflow"),
    ("sale", "purchase"),
    ("sent", "received"),
    ("supplies", "receives"),
    ("sold", "bought"),
)


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    # Figures as stated, not rounded ones ("about 235,000"), and of what is (a forecast's
    # figure is no relabelling of a count).
    precise = (
        claims["kind"].isin(NUMERIC)
        & claims["magnitude"].notna()
        & claims["qualifier"].eq("stated")
        & claims["modality_class"].eq("actual")
        & (claims["digits"] >= options["min_digits"])
        & np.isfinite(claims["magnitude"])
        & (claims["magnitude"] != 0)
    )
    # Counts of people and of things are one kind of figure here: 1,128 incidents at sea
    # relabelled as 1,128 deaths (in people) is the same figure under another label.
    # (Read on the column's categories, never a string per claim.)
    dimension = claims["dimension"]
    categories = [str(category) for category in dimension.cat.categories]
    counts = np.array([category in ("[person]", "dimensionless") for category in categories] + [False])
    codes = dimension.cat.codes.to_numpy().astype(np.int64)
    counted = counts[codes] & (claims["kind"] == "count").to_numpy(dtype=bool)  # code -1 reads the last False
    kinds = pd.DataFrame({"dimension": np.where(counted, -2, codes)}, index=claims.index)
    labels, codes = group_codes(kinds, precise, ("dimension",))
    if len(labels) < 2:
        return
    # Candidates: claims of another topic whose figures' precision intervals meet (one sort,
    # see pairing.pairs_overlapping); then the same figure: apart by at most the coarser
    # half-step.
    low, high = stated_intervals(claims, labels)  # figures one step apart only touch
    # A dimension holds every precise figure of the corpus: pair within runs of figures that
    # meet, so that only a run too crowded to list is summarised, never the dimension.
    codes = overlap_clusters(codes, low, high)
    pairs = pairs_overlapping(labels, codes, low, high, as_states(claims.loc[labels, "topic"]))
    for crowd in pairs.crowds:
        lowest, highest = crowd_extremes(claims, crowd, "magnitude")
        row = row_of(claims, lowest)
        topics = sorted(set(claims.loc[list(crowd.labels), "topic"]))
        yield Finding(
            topic=row["topic"],
            claims=(ref(claims, lowest), ref(claims, highest)),
            diagnosis="the same figures under many labels: too many pairs to list one by one",
            message=f"{len(crowd.labels)} claims in {len(topics)} topics ({', '.join(topics[:5])}{', …' if len(topics) > 5 else ''}) "
            f"give the same precise figures; {crowd.pairs:,} pairs",
        )
    frame = pairs.frame
    if frame.empty:
        return
    a, b = frame["a"].to_numpy(), frame["b"].to_numpy()
    equal = same_figures(claims, a, b)
    overlap = (claims.loc[a, "period_start"].to_numpy() < claims.loc[b, "period_end"].to_numpy()) & (
        claims.loc[b, "period_start"].to_numpy() < claims.loc[a, "period_end"].to_numpy()
    )
    found = list(zip(a[equal & overlap], b[equal & overlap]))  # only the findings
    # One sentence that gives the figure for both topics ("Units 1 and 2, each rated at 845
    # megawatts") says they are equal: no relabelling, in that text or any other.
    told = {
        _told_key(first_row, second_row)
        for first_row, second_row in (by_id(claims, left, right) for left, right in found)
        if first_row["source"] == second_row["source"] and first_row["quote"] == second_row["quote"]
    }
    by_topic: dict[str, list] = {}
    if found:
        for label, topic in claims.loc[precise, "topic"].items():
            by_topic.setdefault(str(topic), []).append(label)
    for left, right in found:
        first_row, second_row = by_id(claims, left, right)
        left, right = first_row.name, second_row.name
        if _told_key(first_row, second_row) in told:
            continue
        if _own_figure_rounded(claims, by_topic, first_row, second_row):
            continue
        same_source = first_row["source"] == second_row["source"]
        figure = display.quantity(
            first_row["low"],
            first_row["high"],
            first_row["magnitude"],
            first_row["topic_factor"],
            first_row["topic_unit"],
            first_row["qualifier"],
        )
        difference = what_differs(first_row, second_row)
        # Two totals, each the sum of its own parts, of the same thing in the same unit: one
        # total told two ways (a budget by cost line and by funder), unless their labels or
        # substances say they are two things (exports and imports, diesel and petrol).
        two_breakdowns = (
            bool(_parts(first_row) and _parts(second_row))
            and "substance:" not in difference
            and "direction:" not in difference
        )
        who = (
            f"{first_row['source']} gives it"
            if same_source
            else f"{first_row['source']} and {second_row['source']} give it"
        )
        yield Finding(
            topic=first_row["topic"],
            claims=(ref(claims, left), ref(claims, right)),
            severity=Severity.NOTE.value if same_source or two_breakdowns else "",
            diagnosis=f"the same figure under another label ({difference})",
            message=f"{figure}: {who} for {first_row['topic_label']} ({first_row['id']}) and for "
            f"{second_row['topic_label']} ({second_row['id']}); they differ in {difference}",
        )


def _own_figure_rounded(claims: pd.DataFrame, by_topic: dict[str, list], first, second) -> bool:
    """Whether the coarser of two figures is its own topic's more precise figure rounded:
    98.6 % of the votes at one meeting, which a release gives as 98.62 %, meets another
    meeting's 98.55 % only at the edge of its rounding, and is no relabelling of it."""
    if first["digits"] == second["digits"]:
        return False
    coarse, fine = (first, second) if first["digits"] < second["digits"] else (second, first)
    low, high = coarse["magnitude"] - coarse["half"], coarse["magnitude"] + coarse["half"]
    for label in by_topic.get(str(coarse["topic"]), ()):
        other = row_of(claims, label)
        if (
            label != coarse.name
            and other["digits"] > coarse["digits"]
            and low <= other["magnitude"] <= high
            and other["magnitude"] != fine["magnitude"]
            and other["period_start"] < coarse["period_end"]
            and coarse["period_start"] < other["period_end"]
        ):
            return True
    return False


def what_differs(first: pd.Series, second: pd.Series) -> str:
    """Substance, scope or direction, from the topics table; else the words of the labels."""
    found = []
    substances = [row["substance"] if isinstance(row["substance"], str) else "" for row in (first, second)]
    if all(substances) and substances[0] != substances[1]:
        found.append(f"substance: {substances[0]} vs {substances[1]}")
    linked = (
        first["part_of"] == second["topic"]
        or second["part_of"] == first["topic"]
        or second["topic"] in _parts(first)
        or first["topic"] in _parts(second)
    )
    if linked or (first["family"] == second["family"] and not found):
        found.append(f"scope: {first['topic_label']} vs {second['topic_label']}")
    elif first["scope"] != second["scope"]:
        found.append(f"scope: {first['scope'] or 'unstated'} vs {second['scope'] or 'unstated'}")
    words = [set(re.findall(r"[a-z]+", str(row["topic_label"]).lower())) for row in (first, second)]
    for one, other in DIRECTIONS:
        if (
            any(w.startswith(one) for w in words[0])
            and any(w.startswith(other) for w in words[1])
            or (any(w.startswith(other) for w in words[0]) and any(w.startswith(one) for w in words[1]))
        ):
            found.append(f"direction: {one}s vs {other}s")
            break
    if not found:
        found.append(f"label: '{first['topic_label']}' vs '{second['topic_label']}'")
    return "; ".join(found)


def _parts(row: pd.Series) -> list[str]:
    return [part.strip() for part in str(row["sum_of"] or "").split(";") if part.strip()]


def _told_key(first_row, second_row) -> tuple:
    return (tuple(sorted((first_row["topic"], second_row["topic"]))), display.number(first_row["magnitude"], 10))


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_FUELS = (
    {"key": "diesel", "kind": "quantity", "unit": "t", "substance": "diesel", "label": "diesel deliveries"},
    {"key": "petrol", "kind": "quantity", "unit": "t", "substance": "gasoline", "label": "petrol deliveries"},
)
EXAMPLES = (
    Example(
        "fails",
        "diesel deliveries of 182,400 t (one source) vs petrol deliveries of 182,400 t (another), 2024",
        {
            "a": (claim_row("a-diesel", "diesel", "182,400 t", period="2024"),),
            "b": (claim_row("b-petrol", "petrol", "182,400 t", period="2024"),),
        },
        topics=_FUELS,
        flags=(("a-diesel", "b-petrol"),),
    ),
    Example(
        "fails",
        "wheat exports of US$412 million vs flour exports of US$412 million, same year",
        {
            "a": (claim_row("a-wheat", "wheat-exports", "US$412 million", period="2024"),),
            "b": (claim_row("b-flour", "flour-exports", "US$412 million", period="2024"),),
        },
        topics=(
            {"key": "wheat-exports", "kind": "quantity", "unit": "USD", "label": "wheat exports"},
            {"key": "flour-exports", "kind": "quantity", "unit": "USD", "label": "flour exports"},
        ),
        flags=(("a-wheat", "b-flour"),),
    ),
    Example(
        "passes",
        "14 t of diesel vs 14 t of petrol (fewer than three significant digits: coincidence)",
        {
            "a": (claim_row("a-diesel", "diesel", "14 t", period="2024"),),
            "b": (claim_row("b-petrol", "petrol", "14 t", period="2024"),),
        },
        topics=_FUELS,
    ),
    Example(
        "passes",
        "182,400 t of diesel in 2024 vs 182,400 t of petrol in 2019 (different times)",
        {
            "a": (claim_row("a-diesel", "diesel", "182,400 t", period="2024"),),
            "b": (claim_row("b-petrol", "petrol", "182,400 t", period="2019"),),
        },
        topics=_FUELS,
    ),
)
