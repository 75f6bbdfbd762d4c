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


def bounding_claims(claims: pd.DataFrame, label_, groups: dict | None = None) -> list:
    """Figures of the topic that bounds this claim's topic, for an overlapping period."""
    row = row_of(claims, label_)
    bound_topic = row["bounded_by"]
    if not isinstance(bound_topic, str) or not bound_topic:
        return []
    if groups is not None:
        candidates = claims.loc[groups.get(bound_topic, [])]
    else:
        candidates = claims[claims["topic"] == bound_topic]
    keep = (
        candidates["modality"].isin(FIGURES) & candidates["amount_magnitude"].notna() & periods_overlap(candidates, row)
    )
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
