"""What bounds a figure: the claims of the topic that bounds its topic, and how far beyond
them an amount goes. Shared by the magnitude and stated-conversion rules, which must not
import each other (each rule stands alone; see the import contracts in pyproject.toml).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from checker import display
from checker.densities import density_bounds
from checker.pairing import FIGURES, periods_overlap, row_of


def bound_groups(claims: pd.DataFrame, topics) -> dict:
    """For each of these topics, its figures that can bound another claim: their labels,
    period starts and period ends as arrays, found on whole columns once."""
    eligible = claims["topic"].isin(set(topics)) & claims["modality"].isin(FIGURES) & claims["amount_magnitude"].notna()
    figures = claims.loc[eligible, ["topic", "period_start", "period_end"]]
    starts, ends = figures["period_start"].to_numpy(dtype=float), figures["period_end"].to_numpy(dtype=float)
    return {
        topic: (figures.index[positions], starts[positions], ends[positions])
        for topic, positions in figures.groupby("topic", sort=False, observed=True).indices.items()
    }


def bounding_claims(claims: pd.DataFrame, label_, groups: dict | None = None) -> list:
    """Figures of the topic that bounds this claim's topic, for an overlapping period;
    ``groups`` (from ``bound_groups``) when many claims are asked about."""
    row = row_of(claims, label_)
    bound_topic = row["bounded_by"]
    if not isinstance(bound_topic, str) or not bound_topic:
        return []
    if groups is None:
        groups = bound_groups(claims, [bound_topic])
    if bound_topic not in groups:
        return []
    labels, starts, ends = groups[bound_topic]
    return list(labels[periods_overlap({"period_start": starts, "period_end": ends}, row)])


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
    substance = (
        bound["substance"] if isinstance(bound["substance"], str) and bound["substance"] else amount.get("substance")
    )
    converted = density_bounds(
        bound["amount_low"], bound["amount_high"], bound["amount_dimension"], amount["amount_dimension"], substance
    )
    if not converted:
        return None
    ratios = []
    for phase, (low, high) in converted.items():
        if not (high > 0 and amount["amount_low"] / high > max_ratio):
            return None
        ratios.append(f"{display.ratio(amount['amount_magnitude'], (low + high) / 2)} {phase}")
    return f"{' / '.join(ratios)}{yearly} {bound['topic_label']} (converted through the density of {substance})"
