"""Whole-column helpers shared by the stages of normalisation."""

from __future__ import annotations

import numpy as np
import pandas as pd


def map_unique(values: pd.Series, function, categorical: bool = False) -> pd.Series:
    """Apply a Python function once per distinct value of a column. With ``categorical``
    the result is a category column built from the codes (its text is never hashed per row)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = np.array([function(value) for value in uniques], dtype=object)
    if categorical:
        return from_codes(mapped, codes, values.index)
    mapped = np.append(mapped, [None])
    return pd.Series(
        mapped[codes] if len(uniques) else np.full(len(values), None, dtype=object), index=values.index, dtype=object
    )


def from_codes(per_code: np.ndarray, codes: np.ndarray, index: pd.Index, fill=None) -> pd.Series:
    """A category column from per-code values and each row's code (-1: ``fill``, missing
    when None): the values are hashed once per code, never once per row."""
    values = pd.Series(np.append(np.asarray(per_code, dtype=object), [fill]), dtype=object)
    if fill is not None:  # no missing values: every one is the fill
        values = values.where(values.notna(), fill)
    value_codes, categories = pd.factorize(values)  # missing values get -1
    taken = value_codes[np.where(codes >= 0, codes, len(values) - 1)]
    return pd.Series(pd.Categorical.from_codes(taken, categories=categories), index=index)


def positions_in(index: pd.Index, values) -> np.ndarray:
    """Each value's position in ``index`` (-1: absent), the values asked as an object index
    when ``index`` is one: a bare array or list is read as Arrow strings, and every look-up
    then casts across the two kinds (four times slower)."""
    asked = pd.Index(np.asarray(values, dtype=object), dtype=object) if index.dtype == object else values
    return index.get_indexer(asked)
