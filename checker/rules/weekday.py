"""A date written with its weekday falls on another day of the week.

Fails:  "on Thursday, 3 May 2024" tagged 2024-05-03 (3 May 2024 was a Friday)
Passes: "on Friday, 3 May 2024" tagged 2024-05-03
Passes: "on 3 May 2024" tagged 2024-05-03 (no weekday to check)
Fails:  "By Sunday 18 March the count stood at 1,250", period 2024-03-18 (a Monday)

The calendar settles a date stated with its weekday: when the two disagree, one of them
was mistyped. The date is a date claim's value, any other claim's period when that is one
day (or a time of day), or the first or last day of its period ("in the week to Saturday,
March 9", period 2025-03-03/2025-03-09). The message names the nearest dates that have the stated weekday, and a
year in which the stated day and month fall on it, since a year slip is a common cause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker.dates import WEEKDAYS, local_days
from checker.examples import Example, claim_row
from checker.findings import Finding
from checker.options import Option
from checker.pairing import ref, row_of

ID = "date-weekday"
SEVERITY = "error"
OPTIONS: dict[str, Option] = {}


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    stated = claims["stated_weekday"] >= 0
    if not stated.any():
        return
    # The day the weekday was read against: a date claim's date, any other claim's period's
    # first day, or (a weekday of 7 and more) its last.
    last = claims["stated_weekday"] >= 7
    day = pd.Series(np.nan, index=claims.index)
    day[stated] = local_days(claims.loc[stated])
    day = day.where(~last, claims["period_end"].floordiv(1) - 1)
    weekday_of_claim = claims["stated_weekday"] % 7
    wrong = stated & ((day.floordiv(1) - 1) % 7 != weekday_of_claim)
    # One finding per weekday written: the claims of one sentence that share it (a rate cut
    # and the new rates, all "on Wednesday, September 25") are named together.
    groups: dict[tuple, list] = {}
    for label in claims.index[wrong]:  # only the findings
        row = row_of(claims, label)
        groups.setdefault((row["source"], row["quote"], int(day[label]), int(row["stated_weekday"]) % 7), []).append(
            row
        )
    for (_, _, ordinal, weekday), rows in groups.items():
        date = dt.date.fromordinal(ordinal)
        named = ", ".join(row["id"] for row in rows)
        yield Finding(
            topic=rows[0]["topic"],
            claims=tuple(ref(claims, row.name) for row in rows),
            diagnosis="the weekday does not fit the date",
            message=f"{named} {'writes' if len(rows) == 1 else 'write'} {WEEKDAYS[weekday]} for {date.isoformat()}, "
            f"a {WEEKDAYS[date.weekday()]}; {fitting_dates(date, weekday)}",
        )


def fitting_dates(date: dt.date, weekday: int) -> str:
    """The nearest dates on the stated weekday, and the nearest year where the same day and
    month fall on it."""
    before = date - dt.timedelta(days=(date.weekday() - weekday) % 7 or 7)
    after = date + dt.timedelta(days=(weekday - date.weekday()) % 7 or 7)
    text = f"{WEEKDAYS[weekday]} would be {before.isoformat()} or {after.isoformat()}"
    for offset in (1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
        try:
            other = date.replace(year=date.year + offset)
        except ValueError:  # 29 February
            continue
        if other.weekday() == weekday:
            return f"{text}; {date.strftime('%d %B').lstrip('0')} was a {WEEKDAYS[weekday]} in {other.year}"
    return text


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_SIGNING = {"key": "signing", "kind": "date", "event": "Agreement signed"}
EXAMPLES = (
    Example(
        "fails",
        '"on Thursday, 3 May 2024" tagged 2024-05-03 (3 May 2024 was a Friday)',
        {"a": (claim_row("signed", "signing", "2024-05-03", "signed on Thursday, 3 May 2024"),)},
        topics=(_SIGNING,),
        flags=(("signed",),),
    ),
    Example(
        "passes",
        '"on Friday, 3 May 2024" tagged 2024-05-03',
        {"a": (claim_row("signed", "signing", "2024-05-03", "signed on Friday, 3 May 2024"),)},
        topics=(_SIGNING,),
    ),
    Example(
        "passes",
        '"on 3 May 2024" tagged 2024-05-03 (no weekday to check)',
        {"a": (claim_row("signed", "signing", "2024-05-03", "signed on 3 May 2024"),)},
        topics=(_SIGNING,),
    ),
    Example(
        "fails",
        '"By Sunday 18 March the count stood at 1,250", period 2024-03-18 (a Monday)',
        {
            "a": (
                claim_row(
                    "toll", "toll", "1,250 person", "By Sunday 18 March the count stood at 1,250", period="2024-03-18"
                ),
            )
        },
        topics=({"key": "toll", "kind": "count", "unit": "person", "aggregation": "cumulative"},),
        flags=(("toll",),),
    ),
)
