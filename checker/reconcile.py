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
# Claims that cover the same time share these three numbers (see normalise._spans): the
# same period for flows and stocks, the same count start and as-of instant for running totals.
SAME_TIME = ("span_start", "span_inner_end", "span_outer_end")


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


def certainly_inside(claims: pd.DataFrame, pairs: pd.DataFrame, inner: str = "a", outer: str = "b") -> np.ndarray:
    """True where the ``inner`` claim covers a time that lies inside the ``outer`` claim's
    whatever their as-of instants are, without covering the same time: a quarter inside
    its year, a running total as of May inside the one as of June."""
    start_in, start_out = side(claims, pairs, inner, "span_start"), side(claims, pairs, outer, "span_start")
    with np.errstate(invalid="ignore"):
        inside = (start_in >= start_out) & (side(claims, pairs, inner, "span_outer_end") <= side(claims, pairs, outer, "span_inner_end"))
        same = ((start_in == start_out) & (side(claims, pairs, inner, "span_inner_end") == side(claims, pairs, outer, "span_inner_end"))
                & (side(claims, pairs, inner, "span_outer_end") == side(claims, pairs, outer, "span_outer_end")))
    return inside & ~same


def same_time(first, second) -> bool:
    """Whether two claims (rows) cover the same time."""
    return all(first[column] == second[column] for column in SAME_TIME)


def point_match(value: float, other, tolerance: float) -> float | None:
    """How far a figure is from another claim's stated value, relative, when the stated
    value could be that figure rounded (the other claim's own precision, at most
    ``tolerance`` of the value); None when it could not. A lower bound (">12 billion")
    matches figures just above it, an upper bound figures just below it. Point values, not
    intervals widened by precision: 140 never matches 100."""
    stated, half, qualifier = other["magnitude"], other["half"], other["qualifier"]
    if not (math.isfinite(value) and math.isfinite(stated)) or value == 0 and stated == 0:
        return None if not (value == 0 and stated == 0) else 0.0
    scale = max(abs(value), abs(stated))
    reach = min(2 * half if qualifier in ("gt", "ge", "lt", "le") else half, tolerance * scale) if math.isfinite(half) else tolerance * scale
    gap = value - stated
    if qualifier in ("gt", "ge"):
        fits = 0 <= gap <= reach
    elif qualifier in ("lt", "le"):
        fits = 0 <= -gap <= reach
    else:
        fits = abs(gap) <= max(reach, 1e-12 * scale)
    return abs(gap) / scale if fits else None


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


class MagnitudeIndex:
    """Claims by stated value, per dimension: the claims whose value lies near a given one
    in O(log n + k), for diagnoses that look for a matching figure."""

    def __init__(self, claims: pd.DataFrame):
        numeric = claims.loc[claims["kind"].isin(NUMERIC) & claims["magnitude"].notna(), ["dimension", "magnitude"]]
        self._groups: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for dimension, group in numeric.groupby("dimension", sort=False):
            values = group["magnitude"].to_numpy(dtype=float)
            order = np.argsort(values, kind="stable")
            self._groups[dimension] = (values[order], group.index.to_numpy()[order])

    def near(self, dimension: str, value: float, tolerance: float) -> list:
        """Row labels of claims within ``tolerance`` (relative to the larger) of ``value``."""
        if dimension not in self._groups or not math.isfinite(value):
            return []
        values, labels = self._groups[dimension]
        reach = abs(value) * tolerance / (1 - tolerance) if tolerance < 1 else math.inf
        start = np.searchsorted(values, value - reach, side="left")
        stop = np.searchsorted(values, value + reach, side="right")
        return labels[start:stop].tolist()
