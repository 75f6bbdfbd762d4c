"""A total over part of a period exceeds the total over the whole, or a running total falls.

Fails:  wheat exports of 2.1 Mt in Q1 2024 vs 1.8 Mt in the whole of 2024 (a flow)
Fails:  a death toll of 1,450 as of 9 May vs 1,200 as of 12 May (a running total falls)
Passes: exports of US$3.1 billion in January–June vs US$7.9 billion for the year
Passes: 1,200 dead as of 2 May vs ">1,000" as of 9 May (a lower bound may trail)
Passes: 2.3 Mt shipped in May vs 31 Mt shipped since the deal began, as of June

Within one topic, scope and modality class, a flow over a sub-period can never exceed the
same flow over a period that contains it, and a running total (a cumulative topic) never
falls: the total as of an earlier instant can never exceed the total as of a later one.
A month's flow tagged in a cumulative topic with its interval ('2024-05-01/2024-05-31')
is a total from its own start, inside any running total that counts from before it.
Periods that overlap without nesting are not compared; stocks (levels at an instant)
may go up and down and are left to value-conflict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.examples import Example, claim_row
from checker.findings import Finding
from checker.options import tolerance
from checker.pairing import NUMERIC, crowd_extremes, exceeding_inside, ref, row_of, value_text

ID = "period-totals"
SEVERITY = "error"
OPTIONS = {"tolerance": tolerance(0.02)}


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    totals = (
        claims["kind"].isin(NUMERIC)
        & claims["magnitude"].notna()
        & claims["aggregation"].isin(("flow", "cumulative"))
        & claims["modality_class"].ne("forecast")
    )
    for inner_label, outer_label, crowd in exceeding_inside(
        claims,
        totals,
        ("topic", "scope", "subject", "dimension", "modality_class"),
        options["tolerance"],
        topic_tolerance=True,
    ):
        if crowd is not None:
            yield _summary(claims, crowd)
            continue
        part, whole = row_of(claims, inner_label), row_of(claims, outer_label)
        refs = (ref(claims, inner_label), ref(claims, outer_label))
        shown_part, shown_whole = _amount(part), _amount(whole)
        if part["aggregation"] == "cumulative" and np.isinf(part["span_start"]) and np.isinf(whole["span_start"]):
            yield Finding(
                topic=part["topic"],
                subject=whole["id"],
                claims=refs,
                diagnosis="a running total falls over time",
                message=f"{part['topic_label']} is {shown_part} as of {_period(part)} ({part['id']}) but only "
                f"{shown_whole} as of the later {_period(whole)} ({whole['id']}): a running total cannot fall",
            )
            continue
        yield Finding(
            topic=part["topic"],
            subject=part["id"],
            claims=refs,
            diagnosis="a sub-period exceeds the period that contains it",
            message=f"{part['topic_label']} is {shown_part} for {_period(part)} ({part['id']}), more than the "
            f"{shown_whole} given for {_period(whole)} ({whole['id']}), a period that contains it",
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
