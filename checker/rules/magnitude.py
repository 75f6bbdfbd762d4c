"""A value is more than an order of magnitude beyond what bounds it, or a part exceeds its whole.

Fails:  a contract for 26.3 million t of LPG vs an annual LPG demand of ~700,000 t/year
Fails:  a contract for 26.3 million t of LPG vs an annual demand of 1.3 million m³ of liquid LPG
Fails:  flour exports of US$2 billion vs bilateral trade of US$1 billion (part > whole)
Fails:  trade of US$20 million in 2023 vs US$1 billion in 2024 (a 50× jump in a year)
Passes: LPG imports of >275,000 t vs an annual demand of ~700,000 t/year
Passes: flour exports of US$2 billion in 2024 vs bilateral trade of US$1 billion in Q1 2024

Bounds come from the topics table: ``bounded_by`` names a topic whose value bounds this
one within ``max_ratio`` (an annual demand bounds a contract; a rate is compared as one
year's amount; volume and mass are converted through the substance's density, and a
claim is flagged only when it is beyond its bound under every phase), ``part_of`` names
the whole a part can never exceed, for the same time or a part in a sub-period of the
whole's. A yearly (or longer) figure and the one for the adjacent period of the same
length are also compared. Claims with a stated conversion into another dimension are
left to the stated-conversion rule.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

import numpy as np
import pandas as pd

from checker import display
from checker.findings import Finding, Severity
from checker.options import Option, tolerance
from checker.quantities import density_bounds
from checker.reconcile import FIGURES, NUMERIC, SAME_TIME, certainly_inside, comparable_pairs, ref, side

ID = "magnitude-plausibility"
SEVERITY = "warning"
OPTIONS = {"max_ratio": Option(10.0, "how many times its bound a value may be (an order of magnitude)", minimum=1.0, above_minimum=True),
           "tolerance": tolerance(0.02)}


def amount_text(row: pd.Series, prefix: str = "") -> str:
    return display.quantity(row[f"{prefix}low"], row[f"{prefix}high"], row[f"{prefix}magnitude"], row["topic_factor"], row["topic_unit"], row[f"{prefix}qualifier"])


def bounding_claims(claims: pd.DataFrame, label_, groups: dict | None = None) -> list:
    """Figures of the topic that bounds this claim's topic, for an overlapping period."""
    row = claims.loc[label_]
    bound_topic = row["bounded_by"]
    if not isinstance(bound_topic, str) or not bound_topic:
        return []
    if groups is not None:
        candidates = claims.loc[groups.get(bound_topic, [])]
    else:
        candidates = claims[claims["topic"] == bound_topic]
    keep = (candidates["modality"].isin(FIGURES) & candidates["amount_magnitude"].notna()
            & (candidates["period_start"] < row["period_end"]) & (row["period_start"] < candidates["period_end"]))
    return list(candidates.index[keep])


def excess(amount: pd.Series, bound: pd.Series, max_ratio: float) -> str | None:
    """How many times the bound an amount is, when more than ``max_ratio``; else None.

    An amount in another dimension than its bound (a mass against a volume) is converted
    through the substance's density, once per phase; it exceeds only under every phase."""
    yearly = " one year of" if str(bound["dimension"]).endswith(" / [time]") else ""
    if amount["amount_dimension"] == bound["amount_dimension"]:
        smallest_ratio = amount["amount_low"] / bound["amount_high"] if bound["amount_high"] > 0 else np.nan
        if not (smallest_ratio > max_ratio):
            return None
        return f"{display.ratio(amount['amount_magnitude'], bound['amount_magnitude'])}{yearly} {bound['topic_label']}"
    substance = bound["substance"] if isinstance(bound["substance"], str) and bound["substance"] else amount.get("substance")
    converted = density_bounds(bound["amount_low"], bound["amount_high"], bound["amount_dimension"], amount["amount_dimension"], substance)
    if not converted:
        return None
    ratios = []
    for phase, (low, high) in converted.items():
        if not (high > 0 and amount["amount_low"] / high > max_ratio):
            return None
        ratios.append(f"{display.ratio(amount['amount_magnitude'], (low + high) / 2)} {phase}")
    return f"{' / '.join(ratios)}{yearly} {bound['topic_label']} (converted through the density of {substance})"


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    numeric = claims["kind"].isin(NUMERIC) & claims["amount_magnitude"].notna()
    figures = numeric & claims["modality"].isin(FIGURES)
    yield from _bounds(claims, numeric, figures, options)
    yield from _parts(claims, figures, options)
    yield from _jumps(claims, figures, options)


def _merge_on_topic(claims: pd.DataFrame, left_mask, right_mask, link: str) -> pd.DataFrame:
    """Pairs (left claim, right claim) where the left claim's topic ``link``s to the right's."""
    left = pd.DataFrame({"a": claims.index[left_mask], "target": claims.loc[left_mask, link].to_numpy(dtype=object)})
    right = pd.DataFrame({"b": claims.index[right_mask], "target": claims.loc[right_mask, "topic"].to_numpy(dtype=object)})
    pairs = left.merge(right, on="target")[["a", "b"]]
    overlap = ((side(claims, pairs, "a", "period_start") < side(claims, pairs, "b", "period_end"))
               & (side(claims, pairs, "b", "period_start") < side(claims, pairs, "a", "period_end")))
    return pairs[overlap]


def _bounds(claims, numeric, figures, options) -> Iterator[Finding]:
    crosses_dimension = claims["converted_magnitude"].notna() & (claims["converted_amount_dimension"] != claims["amount_dimension"])
    bounded = numeric & claims["bounded_by"].fillna("").ne("") & ~crosses_dimension
    pairs = _merge_on_topic(claims, bounded, figures, "bounded_by")
    if pairs.empty:
        return
    same = side(claims, pairs, "a", "amount_dimension") == side(claims, pairs, "b", "amount_dimension")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = side(claims, pairs, "a", "amount_low") / side(claims, pairs, "b", "amount_high")
    # Pairs in different dimensions are few; excess() converts them through the density.
    for a, b in pairs[~same | (ratio > options["max_ratio"])].itertuples(index=False):
        row, bound = claims.loc[a], claims.loc[b]
        text = excess(row, bound, options["max_ratio"])
        if text is None:
            continue
        yield Finding(topic=row["topic"], claims=(ref(claims, a), ref(claims, b)),
                      diagnosis="implausible magnitude: beyond an order of magnitude of its bound",
                      message=f"{row['value']} ({row['topic_label']}) is {text} ({bound['value']}, {bound['id']})")


def _parts(claims, figures, options) -> Iterator[Finding]:
    has_whole = figures & claims["part_of"].fillna("").ne("")
    pairs = _merge_on_topic(claims, has_whole, figures, "part_of")
    if pairs.empty:
        return
    same = side(claims, pairs, "a", "dimension") == side(claims, pairs, "b", "dimension")
    same_time = np.ones(len(pairs), dtype=bool)
    for column in SAME_TIME:
        same_time &= side(claims, pairs, "a", column) == side(claims, pairs, "b", column)
    # A part compares with its whole for the same time, or in a sub-period of the whole's
    # (when both add up over time); periods that merely overlap say nothing.
    both_add_up = np.isin(side(claims, pairs, "a", "aggregation"), ("flow", "cumulative")) & np.isin(
        side(claims, pairs, "b", "aggregation"), ("flow", "cumulative"))
    pairs = pairs[same & (same_time | (both_add_up & certainly_inside(claims, pairs, "a", "b")))]
    tolerance = options["tolerance"]
    low_part = side(claims, pairs, "a", "low")
    high_whole = side(claims, pairs, "b", "high")
    exceeds = low_part - np.abs(low_part) * tolerance > high_whole + np.abs(high_whole) * tolerance
    for a, b in pairs[exceeds].itertuples(index=False):
        part, whole = claims.loc[a], claims.loc[b]
        when = "for the same period" if all(part[c] == whole[c] for c in SAME_TIME) else (
            f"for {display.date_range(part['period_start'], part['period_end'])}, within the whole's "
            f"{display.date_range(whole['period_start'], whole['period_end'])}")
        yield Finding(topic=part["topic"], claims=(ref(claims, a), ref(claims, b)), severity=Severity.ERROR.value,
                      diagnosis="a part exceeds its whole",
                      message=f"{part['topic_label']} ({amount_text(part)}, {part['id']}) exceeds {whole['topic_label']} "
                              f"({amount_text(whole)}, {whole['id']}) {when}")


# Seasonal and monthly figures swing by more than tenfold for good reasons (a delivery one
# month, none the next): the jump test is for yearly or longer figures only.
YEAR_DAYS = 365


def _jumps(claims, figures, options) -> Iterator[Finding]:
    yearly = figures & (claims["aggregation"] != "cumulative") & ((claims["period_end"] - claims["period_start"]) >= YEAR_DAYS)
    pairs = comparable_pairs(claims, yearly, keys=("topic", "scope", "dimension"), overlap=None)
    if pairs.empty:
        return
    start_a, end_a = side(claims, pairs, "a", "period_start"), side(claims, pairs, "a", "period_end")
    start_b, end_b = side(claims, pairs, "b", "period_start"), side(claims, pairs, "b", "period_end")
    length_a, length_b = end_a - start_a, end_b - start_b
    with np.errstate(invalid="ignore"):
        same_length = np.abs(length_a - length_b) <= 0.01 * np.maximum(length_a, length_b) + 1
        adjacent = ((np.abs(start_b - end_a) <= 1) | (np.abs(start_a - end_b) <= 1)) & np.isfinite(length_a)
    pairs = pairs[same_length & adjacent]
    if pairs.empty:
        return
    low_a, high_a = side(claims, pairs, "a", "low"), side(claims, pairs, "a", "high")
    low_b, high_b = side(claims, pairs, "b", "low"), side(claims, pairs, "b", "high")
    with np.errstate(divide="ignore", invalid="ignore"):
        jump = np.maximum(low_a / high_b, low_b / high_a)
    for a, b in pairs[jump > options["max_ratio"]].itertuples(index=False):
        first, second = sorted((claims.loc[a], claims.loc[b]), key=lambda row: row["period_start"])
        yield Finding(topic=first["topic"], claims=(ref(claims, a), ref(claims, b)),
                      diagnosis="implausible magnitude: more than an order of magnitude between adjacent periods",
                      message=f"{first['topic_label']} goes from {amount_text(first)} ({display.date_range(first['period_start'], first['period_end'])}, {first['id']}) "
                              f"to {amount_text(second)} ({display.date_range(second['period_start'], second['period_end'])}, {second['id']}): "
                              f"{display.ratio(first['magnitude'], second['magnitude'])} in one period")
