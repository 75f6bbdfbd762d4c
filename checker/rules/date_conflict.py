"""The same event is dated differently beyond the claims' precision.

Fails:  Supreme Court decision on 2025-04-17 vs on 2025-04-21
Fails:  Crocus City Hall attack in 2024-03 vs in 2024-06
Passes: Crocus City Hall attack in 2024-03 vs on 2024-03-22 (a month contains the day)

Each date is the interval of days its precision covers, so only disjoint intervals
conflict. Actual dates are compared with actual dates, planned with planned.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

import numpy as np
import pandas as pd

from checker import display
from checker.findings import Finding
from checker.reconcile import comparable_pairs, ref, side

ID = "date-conflict"
SEVERITY = "error"
OPTIONS = {"slack_days": 0}


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    dates = (claims["kind"] == "date") & claims["date_start"].notna()
    # Actual dates compare with actual ones, planned with planned: the modality class is a
    # grouping key of its own (on the few columns pairing needs, not a copy of the table).
    frame = claims[["id", "topic", "scope", "subject"]].assign(
        _planned=np.where(claims["modality"].isin(("actual", "estimate")), "actual", claims["modality"]))
    pairs = comparable_pairs(frame, dates, keys=("topic", "scope", "subject", "_planned"), overlap=None)
    if pairs.empty:
        return
    slack = options["slack_days"]
    start_a, end_a = side(claims, pairs, "a", "date_start"), side(claims, pairs, "a", "date_end")
    start_b, end_b = side(claims, pairs, "b", "date_start"), side(claims, pairs, "b", "date_end")
    apart = (start_a >= end_b + slack) | (start_b >= end_a + slack)
    for a, b in pairs[apart].itertuples(index=False):
        first, second = claims.loc[a], claims.loc[b]
        gap = max(first["date_start"] - second["date_end"], second["date_start"] - first["date_end"]) + 1
        yield Finding(topic=first["topic"], claims=(ref(claims, a), ref(claims, b)),
                      diagnosis="different dates beyond the stated precision",
                      message=f"{first['source']} dates {first['topic_label']} {display.date_range(first['date_start'], first['date_end'])} "
                              f"and {second['source']} {display.date_range(second['date_start'], second['date_end'])}: at least {gap:.0f} day(s) apart")
