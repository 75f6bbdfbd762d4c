"""An actual figure or date lies after its source was published, as a plan, forecast or target would.

Fails:  trade of US$3 billion "in 2030" as an actual figure, in a text of July 2025
Fails:  a forum dated 12 June 2026 as an actual date, in a text of May 2025
Passes: the same US$3 billion for 2030 as a target
Passes: trade of US$1 billion in 2025, in a text of July 2025 (the year has begun)
Passes: a rate raised on Friday 11 July, in force from Monday 14 July (decided, effective soon)

A text cannot report as done what has not happened by the day it was published. A figure
tagged `actual` (or `estimate`) whose period begins after its source's publication date,
or a date claim after it, is either a plan, forecast or target whose modality was left
empty, or a figure given the wrong year ("in 2026" for "in 2024"). A month's grace is left:
what is decided takes effect soon (a rate raised on Friday applies from Monday); a figure
for a quarter or longer has three months (a city adopts in May its budget for the fiscal
year from July). The warning names the publication date and the period;
it says nothing when the source has no publication date.
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
from checker.pairing import FIGURES, NUMERIC, ref, row_of

ID = "future-figure"
SEVERITY = "warning"
OPTIONS = {
    "grace_days": Option(31, "days after publication a figure or date may begin as decided, not planned", minimum=0),
    "year_grace_days": Option(
        92,
        "days after publication a figure for a quarter or longer may begin as decided (a city's budget for the "
        "fiscal year from July, adopted in May)",
        minimum=0,
    ),
}
# A period this long (days) or longer is a budget's, a quota's, a tariff's term: set ahead of it.
LONG_PERIOD_DAYS = 89


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    figures = claims["modality"].isin(FIGURES).to_numpy(dtype=bool)
    published_end = claims["published_end"].to_numpy(dtype=float) + options["grace_days"]
    start = claims["period_start"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        long = claims["period_end"].to_numpy(dtype=float) - start >= LONG_PERIOD_DAYS
        grace = np.where(long, max(options["year_grace_days"], options["grace_days"]), options["grace_days"])
        numeric = claims["kind"].isin(NUMERIC).to_numpy(dtype=bool) & (
            start > claims["published_end"].to_numpy(dtype=float) + grace
        )
        dated = (claims["kind"] == "date").to_numpy(dtype=bool) & (
            claims["date_start"].to_numpy(dtype=float) > published_end
        )
    for label in claims.index[figures & (numeric | dated)]:  # only the findings
        row = row_of(claims, label)
        is_date = row["kind"] == "date"
        when = display.date_range(row["date_start"], row["date_end"]) if is_date else _period(row)
        published = display.day_to_iso(row["published_end"] - 1)
        what = "date" if is_date else "figure"
        given = "an estimated" if row["modality"] == "estimate" else "an actual"
        yield Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=(ref(claims, label),),
            diagnosis=f"{given} {what} after its source's publication: a plan, forecast or target, or a wrong year?",
            message=f"{row['id']} gives {row['value']} as {given} {what} for {when}, after {row['source']} was "
            f"published ({published}): set its modality (plan, forecast, target; agreement for a term a "
            "contract, licence, patent or law fixes, such as an expiry) if the text expects it, or check its year",
        )


def _period(row) -> str:
    return display.date_range(row["period_start"], row["period_end"])


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_TRADE = ({"key": "trade", "kind": "quantity", "unit": "USD", "label": "bilateral trade"},)
_FORUM = ({"key": "forum", "kind": "date", "event": "Business forum"},)
_JULY = ({"id": "a", "file": "a.txt", "published": "2025-07-04"},)
_MAY = ({"id": "a", "file": "a.txt", "published": "2025-05-29"},)
_RATE = ({"key": "rate", "kind": "quantity", "unit": "%", "label": "base rate"},)
EXAMPLES = (
    Example(
        "fails",
        'trade of US$3 billion "in 2030" as an actual figure, in a text of July 2025',
        {"a": (claim_row("a-2030", "trade", "US$3 billion", period="2030"),)},
        topics=_TRADE,
        sources=_JULY,
        flags=(("a-2030",),),
    ),
    Example(
        "fails",
        "a forum dated 12 June 2026 as an actual date, in a text of May 2025",
        {"a": (claim_row("a-forum", "forum", "2026-06-12", "on 12 June 2026"),)},
        topics=_FORUM,
        sources=_MAY,
        flags=(("a-forum",),),
    ),
    Example(
        "passes",
        "the same US$3 billion for 2030 as a target",
        {"a": (claim_row("a-2030", "trade", "US$3 billion", period="2030", modality="target"),)},
        topics=_TRADE,
        sources=_JULY,
    ),
    Example(
        "passes",
        "trade of US$1 billion in 2025, in a text of July 2025 (the year has begun)",
        {"a": (claim_row("a-2025", "trade", "US$1 billion", period="2025"),)},
        topics=_TRADE,
        sources=_JULY,
    ),
    Example(
        "passes",
        "a rate raised on Friday 11 July, in force from Monday 14 July (decided, effective soon)",
        {"a": (claim_row("a-rate", "rate", "16.5 %", period="2025-07-14"),)},
        topics=_RATE,
        sources=({"id": "a", "file": "a.txt", "published": "2025-07-11"},),
    ),
)
