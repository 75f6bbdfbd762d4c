"""Grouping claims for comparison: pairs within a topic, scope and overlapping time.

Everything here is vectorised: pairs come from a self-merge on the grouping keys (so only
claims of one group ever meet), and the overlap test is a column operation. Rules then
loop only over the pairs that are findings.
"""

from __future__ import annotations

import math
import weakref
from typing import Iterable

import numpy as np
import pandas as pd

from checker import display
from checker.findings import ClaimRef

NUMERIC = ("quantity", "count")
FIGURES = ("actual", "estimate")  # modalities that state what is, so they can conflict


def comparable_pairs(claims: pd.DataFrame, mask: pd.Series | np.ndarray | None = None,
                     keys: Iterable[str] = ("topic", "scope"),
                     overlap: tuple[str, str] | None = ("period_start", "period_end")) -> pd.DataFrame:
    """Unordered pairs of distinct claims sharing ``keys`` whose ``overlap`` intervals
    intersect. Columns ``a`` and ``b`` are row labels of ``claims``; ``a``'s id sorts first,
    so a pair is never reported twice and A-vs-B is B-vs-A.

    The claims are sorted by group and id, and every pair within a group is generated with
    array arithmetic: no join, no Python loop, and only pairs that share a group."""
    keys = list(keys)
    # Only the columns the pairing reads: masking the whole (wide) claims table would
    # copy every column of every selected row.
    needed = list(dict.fromkeys(keys + ["id"] + (list(overlap) if overlap else [])))
    subset = claims[needed] if mask is None else claims.loc[mask, needed]
    if len(subset) < 2:
        return pd.DataFrame({"a": pd.Series(dtype=claims.index.dtype), "b": pd.Series(dtype=claims.index.dtype)})
    codes = np.zeros(len(subset), dtype=np.int64)
    for key in keys:  # one integer per group: combine the factorised keys
        factor, uniques = pd.factorize(subset[key], use_na_sentinel=False)
        codes = codes * (len(uniques) + 1) + factor
    order = np.lexsort((subset["id"].to_numpy(dtype=object).astype(str), codes))
    codes = codes[order]
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(codes)])))
    position_in_group = np.arange(len(codes)) - np.repeat(starts, sizes)
    partners = np.repeat(sizes, sizes) - position_in_group - 1  # later members of its group
    first = np.repeat(np.arange(len(codes)), partners)
    offsets = np.arange(len(first)) - np.repeat(np.cumsum(partners) - partners, partners)
    second = first + 1 + offsets
    labels = subset.index.to_numpy()[order]
    a, b = labels[first], labels[second]
    if overlap and len(a):
        start, end = overlap
        begin = subset[start].to_numpy(dtype=float)[order]
        finish = subset[end].to_numpy(dtype=float)[order]
        keep = (begin[first] < finish[second]) & (begin[second] < finish[first])
        a, b = a[keep], b[keep]
    return pd.DataFrame({"a": a, "b": b})


def side(claims: pd.DataFrame, pairs: pd.DataFrame, which: str, column: str) -> np.ndarray:
    """A column of ``claims`` aligned with one side of ``pairs``."""
    return claims[column].to_numpy()[claims.index.get_indexer(pairs[which])]


def widened(low: np.ndarray, high: np.ndarray, tolerance: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """An interval widened by a relative tolerance on each bound."""
    with np.errstate(invalid="ignore"):
        return low - np.abs(low) * tolerance, high + np.abs(high) * tolerance


def intervals_apart(low_a, high_a, low_b, high_b, tolerance) -> np.ndarray:
    """True where two intervals do not meet even after widening both by the tolerance."""
    low_a, high_a = widened(np.asarray(low_a, float), np.asarray(high_a, float), tolerance)
    low_b, high_b = widened(np.asarray(low_b, float), np.asarray(high_b, float), tolerance)
    return (low_a > high_b) | (low_b > high_a)


def tolerance_of(claims: pd.DataFrame, rows, default: float) -> np.ndarray:
    values = claims.loc[rows, "tolerance"].to_numpy(dtype=float) if len(rows) else np.zeros(0)
    return np.where(np.isnan(values), default, values)


def value_text(row: pd.Series, prefix: str = "") -> str:
    """The normalised value of a claim (or its stated conversion, prefix 'converted_')."""
    kind = row["kind"]
    if kind in NUMERIC:
        if pd.isna(row[f"{prefix}magnitude"]):
            return ""
        factor, unit = _display_unit(row, prefix)
        return display.quantity(row[f"{prefix}low"], row[f"{prefix}high"], row[f"{prefix}magnitude"], factor, unit, row[f"{prefix}qualifier"])
    if kind == "date":
        return display.date_range(row["date_start"], row["date_end"])
    if kind == "status":
        return row["state"]
    return str(row["value"])


def _display_unit(row: pd.Series, prefix: str) -> tuple[float, str]:
    """The topic's display unit when the value has the topic's dimension, else base units."""
    if row[f"{prefix}dimension"] == row["topic_dimension"] and not pd.isna(row["topic_factor"]):
        return float(row["topic_factor"]), str(row["topic_unit"])
    unit = row[f"{prefix}unit"]
    return 1.0, "" if unit == "dimensionless" else str(unit)


def in_topic_unit(row: pd.Series, base_value: float) -> str:
    """A number in base units of the topic's dimension, shown in the topic's display unit."""
    factor = row["topic_factor"]
    unit = row["topic_unit"] if isinstance(row["topic_unit"], str) else ""
    return f"{display.number(display.in_unit(base_value, factor))} {unit}".strip()


def _key(row: pd.Series) -> str:
    """The canonical reading of a claim that fingerprints hash: base units, full precision."""
    parts = [row["kind"], f"{row['period_start']:.0f}/{row['period_end']:.0f}" if not pd.isna(row["period_start"]) else ""]
    if row["kind"] in NUMERIC:
        parts += [str(row["dimension"]), f"{row['low']:.9g}", f"{row['high']:.9g}"]
        if not pd.isna(row["converted_magnitude"]):
            parts += [str(row["converted_dimension"]), f"{row['converted_low']:.9g}", f"{row['converted_high']:.9g}"]
    elif row["kind"] == "date":
        parts += [f"{row['date_start']:.0f}", f"{row['date_end']:.0f}"]
    elif row["kind"] == "status":
        parts += [row["state"]]
    parts += [row["modality"], row["scope"], row["relation"], row["relative_to"]]
    return "|".join(str(part) for part in parts)


_ROW_COLUMNS = ("kind", "magnitude", "low", "high", "qualifier", "dimension", "unit", "topic_dimension", "topic_factor",
                "topic_unit", "converted_magnitude", "converted_low", "converted_high", "converted_qualifier",
                "converted_dimension", "converted_unit", "date_start", "date_end", "state", "value", "period_start",
                "period_end", "modality", "scope", "relation", "relative_to", "source", "id", "file", "line", "quote",
                "converted", "topic")
_ROWS: dict[int, tuple] = {}  # id of a claims table → (weak reference to it, arrays, index)


def _row(claims: pd.DataFrame, label) -> dict:
    """The fields a finding shows of one claim, read from column arrays built once per
    claims table (a pandas row lookup on a wide table costs a fraction of a millisecond,
    and findings at scale number in the thousands)."""
    cached = _ROWS.get(id(claims))
    if cached is None or cached[0]() is not claims:
        key = id(claims)
        cached = (weakref.ref(claims, lambda _: _ROWS.pop(key, None)),
                  {column: claims[column].to_numpy() for column in _ROW_COLUMNS}, pd.Index(claims.index))
        _ROWS[key] = cached
    _, arrays, index = cached
    position = index.get_loc(label)
    return {column: values[position] for column, values in arrays.items()}


def ref(claims: pd.DataFrame, label) -> ClaimRef:
    """A claim as findings carry it."""
    row = _row(claims, label)
    period = display.date_range(row["period_start"], row["period_end"]) if not pd.isna(row["period_start"]) else ""
    normalised = value_text(row)
    if row["kind"] in NUMERIC and not pd.isna(row["converted_magnitude"]):
        normalised += f" = {value_text(row, 'converted_')}"
    return ClaimRef(
        source=row["source"], claim_id=row["id"], file=row["file"], line=int(row["line"]), quote=row["quote"],
        value=row["value"] + (f" ({row['converted']})" if row["converted"] else ""),
        normalised=normalised, period=period, topic=row["topic"], key=_key(row),
    )


class ValueIndex:
    """Find claims whose value meets a given interval, by dimension, in O(log n + k).

    Bounded claims are sorted by magnitude; a claim's interval can meet a query only if
    its magnitude lies within the query widened by the widest relative half-width in the
    index, so one binary search gives the candidates and one vectorised test the answer.
    Claims with an open bound (``>``, ``<``) are few and always tested.
    """

    def __init__(self, claims: pd.DataFrame, columns: tuple[str, str, str, str] = ("dimension", "magnitude", "low", "high")):
        dimension, magnitude, low, high = columns
        numeric = claims.loc[claims["kind"].isin(NUMERIC) & claims[magnitude].notna(), [dimension, magnitude, low, high]]
        self._groups: dict[str, tuple] = {}
        for dim, group in numeric.groupby(dimension, sort=False):
            lows, highs, values = (group[c].to_numpy(dtype=float) for c in (low, high, magnitude))
            labels = group.index.to_numpy()
            bounded = np.isfinite(lows) & np.isfinite(highs)
            order = np.argsort(values[bounded], kind="stable")
            with np.errstate(divide="ignore", invalid="ignore"):
                widths = np.abs((highs - lows) / 2 / values)[bounded]
            spread = float(np.nanmax(widths[np.isfinite(widths)])) if np.isfinite(widths).any() else 0.0
            self._groups[dim] = (values[bounded][order], lows[bounded][order], highs[bounded][order], labels[bounded][order],
                                 lows[~bounded], highs[~bounded], labels[~bounded], spread)

    def matching(self, dimension: str, low: float, high: float, tolerance: float) -> list:
        """Row labels of claims whose interval meets [low, high] widened by the tolerance."""
        if dimension not in self._groups:
            return []
        values, lows, highs, labels, open_lows, open_highs, open_labels, spread = self._groups[dimension]
        query_low = low - abs(low) * tolerance if math.isfinite(low) else -math.inf
        query_high = high + abs(high) * tolerance if math.isfinite(high) else math.inf
        reach = (1 + spread) * (1 + tolerance)
        start = np.searchsorted(values, query_low / reach if query_low > 0 else query_low * reach, side="left")
        stop = np.searchsorted(values, query_high * reach if query_high > 0 else query_high / reach, side="right")
        found = []
        for candidate_lows, candidate_highs, candidate_labels in ((lows[start:stop], highs[start:stop], labels[start:stop]),
                                                                  (open_lows, open_highs, open_labels)):
            with np.errstate(invalid="ignore"):
                meets = ~((candidate_lows - np.abs(candidate_lows) * tolerance > query_high)
                          | (query_low > candidate_highs + np.abs(candidate_highs) * tolerance))
            found.extend(candidate_labels[meets].tolist())
        return found
