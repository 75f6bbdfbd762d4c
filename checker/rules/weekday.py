"""A date written with its weekday falls on another day of the week.

Fails:  "on Thursday, 3 May 2024" tagged 2024-05-03 (3 May 2024 was a Friday)
Passes: "on Friday, 3 May 2024" tagged 2024-05-03
Passes: "on 3 May 2024" tagged 2024-05-03 (no weekday to check)

The calendar settles a date stated with its weekday: when the two disagree, one of them
was mistyped. The message names the nearest dates that have the stated weekday, and a
year in which the stated day and month fall on it, since a year slip is a common cause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from checker.dates import WEEKDAYS
from checker.examples import Example, claim_row
from checker.findings import Finding
from checker.options import Option
from checker.pairing import ref, row_of

ID = "date-weekday"
SEVERITY = "error"
OPTIONS: dict[str, Option] = {}


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    stated = claims["stated_weekday"] >= 0
    actual = (claims["date_start"] - 1) % 7
    wrong = stated & (actual != claims["stated_weekday"])
    for label in claims.index[wrong]:  # only the findings
        row = row_of(claims, label)
        date = dt.date.fromordinal(int(row["date_start"]))
        weekday = int(row["stated_weekday"])
        yield Finding(
            topic=row["topic"],
            claims=(ref(claims, label),),
            diagnosis="the weekday does not fit the date",
            message=f"{row['id']} writes {WEEKDAYS[weekday]} for {date.isoformat()}, a {WEEKDAYS[date.weekday()]}; "
            f"{fitting_dates(date, weekday)}",
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
)
