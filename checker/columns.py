"""Whole-column helpers shared by the stages of normalisation."""

from __future__ import annotations

import numpy as np
import pandas as pd


def map_unique(values: pd.Series, function) -> pd.Series:
    """Apply a Python function once per distinct value of a column."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = np.array([function(value) for value in uniques] + [None], dtype=object)
    return pd.Series(
        mapped[codes] if len(uniques) else np.full(len(values), None, dtype=object), index=values.index, dtype=object
    )
