"""Relations a text states are checked against the claims they relate to, when those exist.

Fails:  US$80 million in 2024, "twice as much as the previous year" (x2 of 2023), while
        another claim gives US$60 million for 2023
Fails:  trade "rose" to US$1 billion in 2024 from US$1.04 billion in 2023 (stated values fall)
Fails:  ">2 decades" of ban ending in 2025 since a listing dated 2010
Passes: "from US$170 million in 2022 to US$1 billion in 2024" (an increase, and it is one)
Passes: a relation to a period for which no claim exists (nothing to check against)

Relations: ``xN`` (N times the reference), ``+P%`` / ``-P%`` (a change), ``increase`` /
``decrease`` (a direction, judged on the stated values, not their intervals), all relative
to the same topic and scope in the period given by ``relative_to``; ``since`` relates a duration to the date of the event topic named by
``relative_to``: the duration must fit the time from that date to the claim's period.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

import numpy as np
import pandas as pd

from checker import display
from checker.findings import Finding
from checker.options import tolerance
from checker.reconcile import FIGURES, NUMERIC, ref, side, widened

ID = "derived-figures"
SEVERITY = "warning"
OPTIONS = {"tolerance": tolerance(0.05)}
SECONDS_PER_DAY = 86_400.0


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    yield from _relative(claims, options)
    yield from _since(claims, options)


def _relative(claims: pd.DataFrame, options) -> Iterator[Finding]:
    related = claims["relation_kind"].isin(("ratio", "change", "increase", "decrease")) & claims["magnitude"].notna()
    references = claims["kind"].isin(NUMERIC) & claims["modality"].isin(FIGURES) & claims["magnitude"].notna()
    left = pd.DataFrame({"a": claims.index[related]})
    for column in ("topic", "scope", "dimension"):
        left[column] = claims.loc[related, column].to_numpy()
    right = pd.DataFrame({"b": claims.index[references]})
    for column in ("topic", "scope", "dimension"):
        right[column] = claims.loc[references, column].to_numpy()
    pairs = left.merge(right, on=["topic", "scope", "dimension"])[["a", "b"]]
    pairs = pairs[pairs["a"] != pairs["b"]]
    if pairs.empty:
        return
    in_reference_period = ((side(claims, pairs, "b", "period_start") < side(claims, pairs, "a", "relative_end"))
                           & (side(claims, pairs, "a", "relative_start") < side(claims, pairs, "b", "period_end")))
    pairs = pairs[in_reference_period]
    if pairs.empty:
        return
    kind = side(claims, pairs, "a", "relation_kind")
    factor = side(claims, pairs, "a", "relation_factor")
    low, high = side(claims, pairs, "a", "low"), side(claims, pairs, "a", "high")
    ref_low, ref_high = side(claims, pairs, "b", "low"), side(claims, pairs, "b", "high")
    tolerance = options["tolerance"]
    with np.errstate(invalid="ignore"):
        expected_low, expected_high = widened(ref_low * np.nan_to_num(factor, nan=1.0), ref_high * np.nan_to_num(factor, nan=1.0), tolerance)
        scaled = np.isin(kind, ("ratio", "change"))
        # A direction compares the stated values: "rose from 1.04 billion to 1 billion" is wrong
        # although the two intervals of precision meet.
        stated, ref_stated = side(claims, pairs, "a", "magnitude"), side(claims, pairs, "b", "magnitude")
        wrong = np.where(scaled, (low > expected_high) | (high < expected_low),
                         np.where(kind == "increase", stated <= ref_stated, stated >= ref_stated))
    for a, b in pairs[wrong].itertuples(index=False):
        claim, reference = claims.loc[a], claims.loc[b]
        stated = {"ratio": f"{claim['relation']} of", "change": f"{claim['relation']} over",
                  "increase": "an increase over", "decrease": "a decrease from"}[claim["relation_kind"]]
        if claim["relation_kind"] in ("ratio", "change"):
            implied = claim["magnitude"] / claim["relation_factor"] / claim["topic_factor"]
            detail = (f"; it implies {display.number(implied)} {claim['topic_unit']} for {claim['relative_to']}, "
                      f"the ratio of the two claims is {claim['magnitude'] / reference['magnitude']:.3g}")
        else:
            detail = ""
        yield Finding(topic=claim["topic"], claims=(ref(claims, a), ref(claims, b)),
                      diagnosis="a stated relation does not hold between the claims",
                      message=f"{claim['id']} says {claim['value']} is {stated} {claim['relative_to']}, "
                              f"but {reference['id']} gives {reference['value']} for {display.date_range(reference['period_start'], reference['period_end'])}{detail}")


def _since(claims: pd.DataFrame, options) -> Iterator[Finding]:
    durations = (claims["relation_kind"] == "since") & claims["magnitude"].notna() & (claims["dimension"] == "[time]")
    events = (claims["kind"] == "date") & claims["date_start"].notna() & claims["modality"].isin(FIGURES)
    left = pd.DataFrame({"a": claims.index[durations], "target": claims.loc[durations, "since_topic"].to_numpy()})
    right = pd.DataFrame({"b": claims.index[events], "target": claims.loc[events, "topic"].to_numpy()})
    pairs = left.merge(right, on="target")[["a", "b"]]
    if pairs.empty:
        return
    # Elapsed time from the event to the end of the duration, as an interval of seconds:
    # shortest from the event's last day to the period's first day, longest from the
    # event's first day to the period's last day.
    shortest = (side(claims, pairs, "a", "period_start") - (side(claims, pairs, "b", "date_end") - 1)) * SECONDS_PER_DAY
    longest = (side(claims, pairs, "a", "period_end") - side(claims, pairs, "b", "date_start")) * SECONDS_PER_DAY
    low, high = widened(side(claims, pairs, "a", "low"), side(claims, pairs, "a", "high"), options["tolerance"])
    with np.errstate(invalid="ignore"):
        wrong = (low > longest) | (high < shortest)
    year = 365.25 * SECONDS_PER_DAY
    for (a, b), short, long in zip(pairs[wrong].itertuples(index=False), shortest[wrong], longest[wrong]):
        duration, event = claims.loc[a], claims.loc[b]
        yield Finding(topic=duration["topic"], claims=(ref(claims, a), ref(claims, b)),
                      diagnosis="a stated duration does not fit the dates it implies",
                      message=f"{duration['id']} gives {duration['value']} up to {display.date_range(duration['period_start'], duration['period_end'])} "
                              f"since {event['topic_label']}, which {event['id']} dates {display.date_range(event['date_start'], event['date_end'])}: "
                              f"that is {short / year:.1f}–{long / year:.1f} years")
