"""Pairing claims for comparison, and the claim references findings carry.

Rules compare claims within groups (a topic, scope, time…) and report the pairs that
disagree. Generating every pair of a group would be quadratic in its size, so the
primitives here sort once and enumerate only the pairs that are findings: a pair apart,
a pair overlapping in time with different states, a pair where one value exceeds
another. Time and memory grow as n log n plus the number of pairs found. A group with
more than ``PAIR_LIMIT`` such pairs is not enumerated: it is returned as a ``Crowd``,
which a rule reports as one summarising finding.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from checker import display
from checker.findings import ClaimRef, Finding
from checker.numbers import transpositions as transpositions  # re-exported: rules diagnose with it

NUMERIC = ("quantity", "count")
FIGURES = ("actual", "estimate")  # modalities that state what is, so they can conflict
# Claims that cover the same time share these three numbers (see derive.spans): the
# same period for flows and stocks, the same count start and as-of instant for running totals.
SAME_TIME = ("span_start", "span_inner_end", "span_outer_end")


# More pairs than this in one comparison group are summarised in one finding: an editor
# cannot read a thousand findings about one topic, and enumerating millions exhausts memory.
PAIR_LIMIT = 1000


@dataclass(frozen=True)
class Crowd:
    """A comparison group with more findings than PAIR_LIMIT."""

    labels: tuple  # row labels of every claim of the group
    pairs: int  # how many pairs disagree


@dataclass
class Pairs:
    """Pairs of row labels (columns ``a`` and ``b``) and the groups too crowded to list."""

    frame: pd.DataFrame
    crowds: list[Crowd] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.frame.empty and not self.crowds


def group_codes(claims: pd.DataFrame, mask, keys: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Row labels of the masked claims and one integer per group of ``keys`` (numbered in
    order of first appearance). Category columns group by their codes, nothing hashed; no
    column is copied beyond the masked rows."""
    chosen = np.arange(len(claims)) if mask is None else np.flatnonzero(np.asarray(mask, dtype=bool))
    codes = np.zeros(len(chosen), dtype=np.int64)
    for key in keys:  # combine the factorised keys into one code
        factor, count = _key_codes(claims[key], chosen)
        if (int(codes.max(initial=0)) + 1) * (count + 1) >= 2**62:  # compact before a product could overflow
            codes = pd.factorize(codes)[0].astype(np.int64)
        codes = codes * (count + 1) + factor
    if len(codes):
        codes = pd.factorize(codes)[0].astype(np.int64)  # compact again: products can grow large
    return claims.index.to_numpy()[chosen], codes


def factorize_rows(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One code per distinct row of equally long numeric columns (numbered in order of
    first appearance; NaN is a value like any other) and the distinct rows as a float
    table, one column each: what factorising a MultiIndex gives, without building one."""
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        factor, uniques = pd.factorize(np.asarray(column), use_na_sentinel=False)
        if (int(combined.max(initial=0)) + 1) * (len(uniques) + 1) >= 2**62:  # compact before an overflow
            combined = pd.factorize(combined)[0].astype(np.int64)
        combined = combined * (len(uniques) + 1) + factor
    codes = pd.factorize(combined)[0].astype(np.int64)
    first = np.zeros(int(codes.max(initial=-1)) + 1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # each code's first row
    return codes, np.column_stack([np.asarray(column, dtype=float)[first] for column in columns])


def _key_codes(column: pd.Series, chosen: np.ndarray) -> tuple[np.ndarray, int]:
    """The chosen rows' codes of one key column (a missing value is one value) and how
    many codes there can be."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()[chosen].astype(np.int64) + 1, len(column.cat.categories) + 1
    values = column.to_numpy()[chosen] if isinstance(column.dtype, np.dtype) else column.array.take(chosen)
    factor, uniques = pd.factorize(values, use_na_sentinel=False)
    return factor.astype(np.int64), len(uniques)


def shared_codes(*sides: list) -> list[np.ndarray]:
    """One integer per distinct combination of key values, the same across sides: each
    side is a list of equally many columns (arrays or Series), matched by position, so a
    left and a right side get the same code for the same key. Missing text keys are one
    value; a row with a missing (NaN) number among its keys matches nothing, not even itself
    on the other side."""
    lengths = [len(side[0]) for side in sides]
    total = sum(lengths)
    codes = np.zeros(total, dtype=np.int64)
    alone = np.zeros(total, dtype=bool)
    for position in range(len(sides[0])):
        columns = [side[position] for side in sides]
        if all(isinstance(column, pd.Series) and isinstance(column.dtype, pd.CategoricalDtype) for column in columns):
            factor, count = _shared_category_codes(columns)
        else:
            parts = [column.to_numpy() if isinstance(column, pd.Series) else np.asarray(column) for column in columns]
            if all(part.dtype.kind == "f" for part in parts):
                values = np.concatenate(parts)
                alone |= np.isnan(values)
            else:
                values = np.concatenate([part.astype(object) for part in parts])
            factor, uniques = pd.factorize(values, use_na_sentinel=False)
            count = len(uniques)
        codes = pd.factorize(codes * (count + 1) + factor)[0].astype(np.int64) if total else codes
    if alone.any():
        codes[alone] = codes.max(initial=-1) + 1 + np.arange(int(alone.sum()))
    return list(np.split(codes, np.cumsum(lengths)[:-1]))


def _shared_category_codes(columns: list[pd.Series]) -> tuple[np.ndarray, int]:
    """Category columns' codes on one shared set of categories (missing is a value of its
    own, code 0), concatenated, and how many codes there can be: nothing hashed when the
    columns share their categories, as columns of one table do."""
    categories = columns[0].cat.categories
    for column in columns[1:]:
        if not column.cat.categories.equals(categories):
            categories = categories.union(column.cat.categories)
    parts = []
    for column in columns:
        own = column.cat.codes.to_numpy().astype(np.int64)
        if column.cat.categories.equals(categories):
            parts.append(own + 1)
        else:
            shared = np.append(categories.get_indexer(column.cat.categories), -1)  # code -1: missing
            parts.append(shared[own] + 1)
    return np.concatenate(parts), len(categories) + 1


def as_states(column: pd.Series) -> np.ndarray:
    """A column's values as ``pairs_overlapping`` compares them, equal where the values are:
    a category column's codes (nothing converted to text), else its values."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()
    return column.to_numpy(dtype=object)


def positions_of(column: pd.Series, values: list) -> np.ndarray:
    """The position of the row holding each value (-1 where none does): one pass over the
    column that hashes only the values asked for."""
    wanted = list(dict.fromkeys(values))
    if not wanted or not len(column):
        return np.full(len(values), -1, dtype=np.int64)
    arrow = pa.array(column.array)
    found = pc.index_in(arrow, value_set=pa.array(wanted, arrow.type))  # the column's own text type
    index = found.to_numpy(zero_copy_only=False)  # the wanted value each row holds, NaN: none
    rows = np.flatnonzero(~np.isnan(index))
    row_of_value = np.full(len(wanted), -1, dtype=np.int64)
    row_of_value[index[rows].astype(np.int64)[::-1]] = rows[::-1]  # the first row, if a value repeats
    order = {value: position for position, value in enumerate(wanted)}
    return row_of_value[[order[value] for value in values]]


def _dense_ranks(*arrays: np.ndarray) -> list[np.ndarray]:
    """Each value's rank among all the arrays' values (ties share a rank), so that
    comparisons of floats become exact comparisons of small integers."""
    values = np.concatenate([np.asarray(array, dtype=float) for array in arrays])
    # A hash table, then a sort of the distinct values only (as np.unique ranks them: -0.0
    # equals 0.0, NaN last): values repeat a lot, and this is several times faster.
    inverse, _ = pd.factorize(values, sort=True, use_na_sentinel=False)
    ranks, start = [], 0
    for array in arrays:
        ranks.append(inverse[start : start + len(array)].astype(np.int64))
        start += len(array)
    return ranks


def expand_ranges(rows: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row, every position in [start, stop): (row, position) arrays."""
    counts = np.maximum(stops - starts, 0)
    repeated = np.repeat(rows, counts)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return repeated, np.repeat(starts, counts) + offsets


def _crowded(codes: np.ndarray, counts: np.ndarray, limit: int) -> np.ndarray:
    """Which groups have more pairs than the limit."""
    if not len(codes):
        return np.zeros(0, dtype=bool)
    totals = np.bincount(codes, weights=counts, minlength=int(codes.max()) + 1)
    return totals > limit


def _crowds(labels: np.ndarray, codes: np.ndarray, counts: np.ndarray, crowded: np.ndarray) -> list[Crowd]:
    totals = np.bincount(codes, weights=counts, minlength=len(crowded))
    return [Crowd(tuple(labels[codes == group]), int(totals[group])) for group in np.flatnonzero(crowded)]


def _search(sorted_keys: np.ndarray, needles: np.ndarray, order: np.ndarray, side: str = "left") -> np.ndarray:
    """``np.searchsorted(sorted_keys, needles, side)``, asked in ``order``: NumPy's binary
    search narrows each search by the last one when the needles rise, so needles in an
    order that sorts them (or nearly: a group's high bounds in the order of its low ones)
    are found about three times faster than in random order."""
    found = np.empty(len(needles), dtype=np.intp)
    found[order] = np.searchsorted(sorted_keys, needles[order], side=side)  # type: ignore[call-overload]
    return found


def _frame(a, b) -> pd.DataFrame:
    return pd.DataFrame({"a": np.asarray(a), "b": np.asarray(b)})


def pairs_apart(
    labels: np.ndarray,
    codes: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    strict: bool = True,
    limit: int = PAIR_LIMIT,
) -> Pairs:
    """Pairs of one group whose intervals do not meet: ``a`` lies wholly below ``b``
    (high_a < low_b, or <= when not ``strict``). One sort; each claim's partners are a
    contiguous run of the group sorted by low bound."""
    if len(labels) < 2:
        return Pairs(_frame([], []))
    rank_low, rank_high = _dense_ranks(low, high)
    span = int(max(rank_low.max(), rank_high.max())) + 2
    keys = codes * span + rank_low
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = _search(sorted_keys, codes * span + rank_high, order, side="right" if strict else "left")
    stops = _search(sorted_keys, codes * span + (span - 1), order, side="right")
    counts = np.maximum(stops - starts, 0)
    if not strict:  # a point interval (low == high) would otherwise meet itself
        counts = counts - ((rank_low == rank_high) & (counts > 0))
    crowded = _crowded(codes, counts, limit)
    keep = ~crowded[codes]
    rows, positions = expand_ranges(np.flatnonzero(keep), starts[keep], stops[keep])
    partners = order[positions]
    distinct = partners != rows
    return Pairs(_frame(labels[rows[distinct]], labels[partners[distinct]]), _crowds(labels, codes, counts, crowded))


def pairs_overlapping(
    labels: np.ndarray,
    codes: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    states: np.ndarray,
    limit: int = PAIR_LIMIT,
) -> Pairs:
    """Pairs of one group whose [start, end) intervals intersect and whose states differ.

    Sorted by start, a claim's overlapping partners after it are a contiguous run (those
    starting before it ends); sorted by (state, start) within the group, its same-state
    partners are another. Their difference counts the pairs of different states without
    enumerating any; only claims with such partners, in groups under the limit, are then
    walked along their run."""
    if len(labels) < 2:
        return Pairs(_frame([], []))
    rank_start, rank_end = _dense_ranks(start, end)
    span = int(max(rank_start.max(), rank_end.max())) + 2
    states = np.asarray(states)
    state_codes = (
        pd.factorize(states)[0] if states.dtype.kind in "iu" else pd.factorize(pd.Series(states, dtype=object))[0]
    ).astype(np.int64)
    keys = codes * span + rank_start
    order = np.argsort(keys, kind="stable")
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    stops = _search(keys[order], codes * span + rank_end, order)
    total = np.maximum(stops - position - 1, 0)
    # The same count within one state: the group key extended by the state.
    state_span = int(state_codes.max()) + 1
    state_keys = (codes * state_span + state_codes) * span + rank_start
    state_order = np.argsort(state_keys, kind="stable")
    sorted_state_keys = state_keys[state_order]
    state_position = np.empty(len(state_order), dtype=np.int64)
    state_position[state_order] = np.arange(len(state_order))
    same_stops = _search(sorted_state_keys, (codes * state_span + state_codes) * span + rank_end, state_order)
    # Ties in start: a same-state partner may sort before the claim in one order and after
    # it in the other. Count, in both orders, the partners that start at or after it.
    same = np.maximum(same_stops - state_position - 1, 0)
    counts = total - same
    crowded = _crowded(codes, counts, limit)
    walk = np.flatnonzero((counts > 0) & ~crowded[codes])
    rows, at = expand_ranges(walk, position[walk] + 1, stops[walk])
    partners = order[at]
    differ = state_codes[rows] != state_codes[partners]
    return Pairs(_frame(labels[rows[differ]], labels[partners[differ]]), _crowds(labels, codes, counts, crowded))


def pairs_exceeding(
    left_labels: np.ndarray,
    left_codes: np.ndarray,
    left_values: np.ndarray,
    right_labels: np.ndarray,
    right_codes: np.ndarray,
    right_values: np.ndarray,
    limit: int = PAIR_LIMIT,
) -> Pairs:
    """Pairs (a from the left, b from the right) of one group where a's value exceeds
    b's: the right side sorted once by value, each a's partners a contiguous run."""
    if not len(left_labels) or not len(right_labels):
        return Pairs(_frame([], []))
    rank_left, rank_right = _dense_ranks(left_values, right_values)
    span = int(max(rank_left.max(), rank_right.max())) + 2
    keys = right_codes * span + rank_right
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.searchsorted(sorted_keys, left_codes * span, side="left")
    stops = np.searchsorted(sorted_keys, left_codes * span + rank_left, side="left")
    counts = np.maximum(stops - starts, 0)
    crowded = _crowded(
        np.concatenate((left_codes, right_codes)), np.concatenate((counts, np.zeros(len(right_codes)))), limit
    )
    keep = ~crowded[left_codes]
    rows, positions = expand_ranges(np.flatnonzero(keep), starts[keep], stops[keep])
    crowds = []
    for group in np.flatnonzero(crowded):
        crowds.append(
            Crowd(
                tuple(left_labels[left_codes == group]) + tuple(right_labels[right_codes == group]),
                int(counts[left_codes == group].sum()),
            )
        )
    return Pairs(_frame(left_labels[rows], right_labels[order[positions]]), crowds)


def nested_spans(
    codes: np.ndarray, start: np.ndarray, inner_end: np.ndarray, outer_end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (inner, outer) of distinct spans of one group where the inner span lies
    certainly inside the outer one (see ``certainly_inside``), as positions in the arrays.

    Sorted by group and start, the spans that can lie inside a span are those starting
    from its start up to its inner end: a contiguous run, filtered by their ends."""
    if len(codes) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    rank_start, rank_inner = _dense_ranks(start, inner_end)
    span = int(max(rank_start.max(), rank_inner.max())) + 2
    keys = codes * span + rank_start
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    first = _search(sorted_keys, keys, order)
    last = _search(sorted_keys, codes * span + rank_inner, order)
    outer, positions = expand_ranges(np.arange(len(codes)), first, last)
    inner = order[positions]
    with np.errstate(invalid="ignore"):
        inside = (inner != outer) & (outer_end[inner] <= inner_end[outer]) & (start[inner] >= start[outer])
        same = (
            (start[inner] == start[outer])
            & (inner_end[inner] == inner_end[outer])
            & (outer_end[inner] == outer_end[outer])
        )
    keep = inside & ~same
    return inner[keep], outer[keep]


def exceeding_inside(
    claims: pd.DataFrame,
    mask,
    keys: Iterable[str],
    tolerance: float,
    left_mask=None,
    right_mask=None,
    topic_tolerance: bool = False,
    groups: tuple[np.ndarray, np.ndarray] | None = None,
):
    """Pairs (inner, outer) of one group where the inner claim covers a time certainly
    inside the outer's and still exceeds it: its low bound above the outer's high bound,
    both widened by the tolerance (``topic_tolerance``: each claim's topic tolerance where
    the topic sets one). Yields (inner label, outer label, None) per pair and
    (None, None, crowd) per crowded group. ``left_mask`` / ``right_mask`` restrict which
    claims may be inner / outer (parts and wholes); the group keys must then link them.
    ``groups``: the masked claims' labels and group codes, when the caller has them."""
    labels, codes = group_codes(claims, mask, keys) if groups is None else groups
    if len(labels) < 2:
        return
    spans = claims.loc[labels, list(SAME_TIME)]
    span_codes, table = factorize_rows(codes, *(spans[c].to_numpy(dtype=float) for c in SAME_TIME))
    inner, outer = nested_spans(table[:, 0].astype(np.int64), table[:, 1], table[:, 2], table[:, 3])
    low, high = widened(
        claims.loc[labels, "low"].to_numpy(dtype=float),
        claims.loc[labels, "high"].to_numpy(dtype=float),
        tolerance_of(claims, labels, tolerance) if topic_tolerance else tolerance,
    )
    may_inner = (
        np.ones(len(labels), dtype=bool)
        if left_mask is None
        else np.asarray(left_mask)[claims.index.get_indexer(labels)]
    )
    may_outer = (
        np.ones(len(labels), dtype=bool)
        if right_mask is None
        else np.asarray(right_mask)[claims.index.get_indexer(labels)]
    )
    # Left: each claim of an inner span, once per outer span containing it (the group of
    # the comparison is that outer span); right: each claim once, grouped by its span.
    order, bounds = members(span_codes, len(table))
    pair, left_rows = rows_of(order, bounds, inner)
    left_groups = outer[pair].astype(np.int64)
    left_rows, left_groups = left_rows[may_inner[left_rows]], left_groups[may_inner[left_rows]]
    right_rows = np.flatnonzero(may_outer)
    pairs = pairs_exceeding(
        labels[left_rows],
        left_groups,
        low[left_rows],
        labels[right_rows],
        span_codes[right_rows].astype(np.int64),
        high[right_rows],
    )
    for crowd in pairs.crowds:
        yield None, None, crowd
    for a, b in pairs.frame.itertuples(index=False):
        yield a, b, None


def members(codes: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows by code, compressed: the rows of code k are ``order[bounds[k]:bounds[k + 1]]``."""
    order = np.argsort(codes, kind="stable")
    return order, np.searchsorted(codes[order], np.arange(count + 1))


def rows_of(order: np.ndarray, bounds: np.ndarray, which: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows of each code in ``which``, with the position in ``which`` they belong to."""
    position, at = expand_ranges(np.arange(len(which)), bounds[which], bounds[np.asarray(which) + 1])
    return position, order[at]


def adjacent_periods(codes: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of distinct periods of one group, the second starting (within a day) where the
    first ends, of the same length (within 1 % and a day). Sorted by group and start, a
    period's followers are a short run found by binary search."""
    if len(codes) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    rank_start, rank_low, rank_high = _dense_ranks(start, end - 1, end + 1)
    span = int(max(rank_start.max(), rank_low.max(), rank_high.max())) + 2
    keys = codes * span + rank_start
    order = np.argsort(keys, kind="stable")
    low = _search(keys[order], codes * span + rank_low, order)
    high = _search(keys[order], codes * span + rank_high, order, side="right")
    first, positions = expand_ranges(np.arange(len(codes)), low, high)
    second = order[positions]
    length_first, length_second = end[first] - start[first], end[second] - start[second]
    with np.errstate(invalid="ignore"):
        same_length = np.abs(length_first - length_second) <= 0.01 * np.maximum(length_first, length_second) + 1
    keep = same_length & (first != second) & np.isfinite(length_first)
    return first[keep], second[keep]


def stated_intervals(claims: pd.DataFrame, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The interval [value - half, value + half) each figure stands for as stated: rounding
    half up, so two figures one step apart only touch; an exact figure (no half-step) is
    its point."""
    values = claims.loc[labels, "magnitude"].to_numpy(dtype=float)
    halves = claims.loc[labels, "half"].to_numpy(dtype=float)
    return values - halves, np.where(halves > 0, values + halves, np.nextafter(values, np.inf))


def same_figures(claims: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Which pairs give the same figure: apart by at most the coarser half-step."""
    magnitude, half = claims["magnitude"], claims["half"]
    return (
        np.abs(magnitude.loc[a].to_numpy() - magnitude.loc[b].to_numpy())
        <= np.maximum(half.loc[a].to_numpy(), half.loc[b].to_numpy()) * 1.000001
    )


def different_estimators(first, second) -> bool:
    """Two estimates that name different estimators differ legitimately, as forecasts by
    different forecasters do: each counts its own way (and a text that sets them side by
    side says so); so do one body's estimate and another body's count (a government's
    estimate of arrivals against the refugee agency's registrations), and two parties'
    plans or targets (each party's manifesto)."""
    if not (first["attributed_to"] and second["attributed_to"]) or first["attributed_to"] == second["attributed_to"]:
        return False
    modalities = {first["modality"], second["modality"]}
    if len(modalities) == 1:
        return first["modality"] in ("estimate", "plan", "target")
    return modalities == {"estimate", "actual"}


def different_bodies(first, second) -> bool:
    """Two actual figures each attributed to a different named body (one country's
    statistics office and its partner's customs): mirror statistics, which differ by
    method, coverage and timing."""
    return (
        first["modality"] == second["modality"] == "actual"
        and bool(first["attributed_to"] and second["attributed_to"])
        and first["attributed_to"] != second["attributed_to"]
    )


# How far apart two bodies' figures of one thing may lie by method, coverage and timing
# alone (mirror statistics, an exit poll against the count); beyond it, a slip is likelier.
MIRROR_RATIO = 1.5


def estimate_and_count(first, second) -> bool:
    """A named body's estimate against an actual figure that names no body or another (an
    exit poll's share against the result): different ways of counting, which differ by
    method, though a text that gives the figure unattributed may also be restating the
    estimate (so they are compared beyond MIRROR_RATIO)."""
    if {first["modality"], second["modality"]} != {"estimate", "actual"}:
        return False
    estimate = first if first["modality"] == "estimate" else second
    return bool(estimate["attributed_to"]) and first["attributed_to"] != second["attributed_to"]


def within_mirror(first: float, second: float) -> bool:
    """Two figures no further apart than two bodies' methods put them."""
    return max(abs(first), abs(second)) <= MIRROR_RATIO * min(abs(first), abs(second))


def by_id(claims: pd.DataFrame, a, b) -> tuple[Row, Row]:
    """The two claims of a pair, the one whose id sorts first first: messages read the
    same however the pair was found."""
    first, second = row_of(claims, a), row_of(claims, b)
    return (first, second) if first["id"] <= second["id"] else (second, first)


def crowd_extremes(claims: pd.DataFrame, crowd: Crowd, column: str) -> tuple:
    """The claims of a crowded group with the lowest and the highest value of ``column``
    (ties broken by claim id), which a summarising finding shows."""
    rows = claims.loc[list(crowd.labels), [column, "id"]].sort_values([column, "id"], kind="stable")
    return rows.index[0], rows.index[-1]


def comparable_pairs(
    claims: pd.DataFrame,
    mask: pd.Series | np.ndarray | None = None,
    keys: Iterable[str] = ("topic", "scope"),
    overlap: tuple[str, str] | None = ("period_start", "period_end"),
) -> pd.DataFrame:
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


def overlap_clusters(codes: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Finer codes: within each group, one code per run of intervals [start, end) that
    overlap one another in a chain. Pairs of overlapping intervals never cross a run, so a
    pairing over these codes finds the same pairs, and a crowd is one run of figures that
    really meet, not every figure a group holds."""
    if len(codes) == 0:
        return codes
    order = np.lexsort((start, codes))
    sorted_codes, sorted_start = codes[order], start[order]
    reach = pd.Series(end[order]).groupby(sorted_codes, sort=False).cummax().to_numpy()
    new_run = np.ones(len(order), dtype=bool)
    new_run[1:] = (sorted_codes[1:] != sorted_codes[:-1]) | (sorted_start[1:] >= reach[:-1])
    runs = np.empty(len(order), dtype=np.int64)
    runs[order] = np.cumsum(new_run) - 1
    return runs


def periods_overlap(first, second):
    """Whether two claims' periods overlap (half-open: [start, end) meets [s, e) when
    start < e and s < end). Either side is a row or a table of claims, or a mapping of
    arrays; the answer is a bool or a boolean array accordingly."""
    overlap = (np.asarray(first["period_start"]) < np.asarray(second["period_end"])) & (
        np.asarray(second["period_start"]) < np.asarray(first["period_end"])
    )
    return bool(overlap) if np.ndim(overlap) == 0 else overlap


def widened(low: np.ndarray | float, high: np.ndarray | float, tolerance: np.ndarray | float) -> tuple[Any, Any]:
    """An interval widened by a relative tolerance on each bound: arrays of bounds, or the
    two bounds of one interval (the result has the shape of the bounds)."""
    with np.errstate(invalid="ignore"):
        # An open end (">6.2 million": no upper bound) stays open: infinity times a
        # tolerance of zero is NaN, which would make the interval compare false everywhere.
        return (
            np.where(np.isinf(low), low, low - np.abs(low) * tolerance),
            np.where(np.isinf(high), high, high + np.abs(high) * tolerance),
        )


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
        inside = (start_in >= start_out) & (
            side(claims, pairs, inner, "span_outer_end") <= side(claims, pairs, outer, "span_inner_end")
        )
        same = (
            (start_in == start_out)
            & (side(claims, pairs, inner, "span_inner_end") == side(claims, pairs, outer, "span_inner_end"))
            & (side(claims, pairs, inner, "span_outer_end") == side(claims, pairs, outer, "span_outer_end"))
        )
    return inside & ~same


def same_time(first, second) -> bool:
    """Whether two claims (rows) cover the same time."""
    return all(first[column] == second[column] for column in SAME_TIME)


def odd_ones_out(findings: list[Finding], skip: Callable[[Finding], bool] = lambda finding: False) -> Iterator[Finding]:
    """The findings, each pair whose one claim disagrees with several others that agree
    with each other pointing at that claim: one slip met by every other source (a figure
    transposed in one text of four) is one claim at fault, not the later-published one.
    ``skip``: pairs that are no conflict of a slip (a revision)."""
    pairs = [finding for finding in findings if len(finding.claims) == 2 and not finding.subject and not skip(finding)]
    met = Counter(ref.claim_id for finding in pairs for ref in finding.claims)
    # The other sources each claim disagrees with: two rows of one text count once.
    against: dict[str, set[str]] = {}
    for finding in pairs:
        first_ref, second_ref = finding.claims
        for mine, theirs in ((first_ref, second_ref), (second_ref, first_ref)):
            if theirs.source != mine.source:  # its own text's other row is no other source
                against.setdefault(mine.claim_id, set()).add(theirs.source)
    for finding in findings:
        if len(finding.claims) == 2 and not finding.subject and not skip(finding):
            one, other = finding.claim_ids
            odd = [
                claim
                for claim, partner in ((one, other), (other, one))
                if len(against.get(claim, ())) >= 2 and met[claim] >= 2 and met[partner] == 1
            ]
            if len(odd) == 1:
                finding = replace(
                    finding,
                    subject=odd[0],
                    message=f"{finding.message}; {odd[0]} is the odd one out: {len(against[odd[0]])} other "
                    "sources disagree with it and agree with each other",
                )
        yield finding


def merged_odd_ones(findings: Iterable[Finding], rank: Callable[[Finding], tuple]) -> Iterator[Finding]:
    """One finding per odd one out (``odd_ones_out``): its pairs with the sources that agree
    with each other are one slip, shown with every claim it meets, at the most severe of
    their levels and in the words of the pair that speaks for it best (the least ``rank``,
    whose last item is the partner's id). The message ends with the odd one out against
    its partners' ids in brackets, the speaking partner first."""
    findings = list(findings)
    odd: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.subject and len(finding.claims) == 2:
            odd.setdefault(finding.subject, []).append(finding)
    for finding in findings:
        pairs = odd.get(finding.subject, []) if finding.subject and len(finding.claims) == 2 else []
        if len(pairs) < 2:
            yield finding
        elif finding is pairs[0]:
            best = min(pairs, key=rank)
            refs = {ref.claim_id: ref for pair in pairs for ref in pair.claims}
            first = rank(best)[-1]
            partners = [first, *sorted(claim for claim in refs if claim not in (first, finding.subject))]
            yield replace(
                best,
                claims=tuple(refs[claim] for claim in sorted(refs)),
                message=f"{best.message} ({finding.subject} against {', '.join(partners)})",
            )


def partner_of(finding: Finding) -> str:
    """The claim of a pair finding that is not its subject."""
    return next(claim for claim in finding.claim_ids if claim != finding.subject)


REVISION_KEY = ("topic", "scope", "subject", *SAME_TIME)


def superseded_pairs(claims: pd.DataFrame, mask) -> pd.DataFrame:
    """Each claim of ``mask`` (figures that state what is) whose stated figure a
    ``superseded`` claim of the same topic, scope, subject and time holds: columns
    ``claim`` and ``superseded`` (index labels), ``before``, whether the claim's source is
    another text published no later than the superseded claim's (its figure was right in
    its day), and ``since``, whether it was published after (a figure already revised,
    given as current). The superseded claims are few: they are joined to the rest on their
    key, once."""
    superseded = (claims["modality"] == "superseded").to_numpy(dtype=bool) & claims["magnitude"].notna().to_numpy()
    empty = pd.DataFrame({"claim": [], "superseded": [], "before": [], "since": []})
    if not superseded.any():
        return empty
    key = list(REVISION_KEY)
    old = claims.loc[superseded, [*key, "low", "high", "published_end", "source"]]
    old = old.rename(columns={"published_end": "revised_day", "source": "revised_in"}).assign(superseded=old.index)
    mask = np.asarray(mask, dtype=bool) & ~superseded
    current = claims.loc[mask, [*key, "magnitude", "published_end", "source"]]
    current = current.assign(claim=current.index)
    joined = current.merge(old, on=key)
    joined = joined[(joined["low"] <= joined["magnitude"]) & (joined["magnitude"] <= joined["high"])]
    if joined.empty:
        return empty
    published, revised = (
        joined["published_end"].to_numpy(dtype=float),
        joined["revised_day"].to_numpy(dtype=float),
    )
    return pd.DataFrame(
        {
            "claim": joined["claim"].to_numpy(),
            "superseded": joined["superseded"].to_numpy(),
            "before": (published <= revised) & (joined["source"] != joined["revised_in"]).to_numpy(dtype=bool),
            "since": published > revised,  # neither where a source has no publication date
        }
    )


def sharing_key(claims: pd.DataFrame, labels, mask, key=REVISION_KEY) -> dict:
    """For each claim of ``labels`` (a few: those of findings), the claims of ``mask`` with
    the same ``key`` columns: one join, not a pass over the table per claim."""
    if not len(labels):
        return {}
    key = list(key)
    wanted = claims.loc[list(labels), key].assign(label=list(labels))
    chosen = np.asarray(mask, dtype=bool)
    others = claims.loc[chosen, key].assign(other=claims.index[chosen])
    found: dict = {label: [] for label in labels}
    for label, other in wanted.merge(others, on=key)[["label", "other"]].itertuples(index=False):
        found[label].append(other)
    return found


def revised_since(claims: pd.DataFrame, mask) -> np.ndarray:
    """The claims of ``mask`` whose figure another text, published later, gives as since
    revised: right in their day, they are no evidence against the revised figures."""
    pairs = superseded_pairs(claims, mask)
    result = np.zeros(len(claims), dtype=bool)
    if len(pairs):
        result[claims.index.get_indexer(pairs.loc[pairs["before"], "claim"])] = True
    return result


# A pressure is a reading far from its zero ("a central pressure of 941 hPa"): a slack of a
# share of it reads to about two hectopascals at the air's pressure, not 19 as the 2 % of an
# amount would.
PRESSURE = "[mass] / [length] / [time] ** 2"
PRESSURE_TOLERANCE = 0.002


def tolerance_of(claims: pd.DataFrame, rows, default: float) -> np.ndarray:
    """Each claim's topic tolerance, or the rule's default where the topic sets none. A
    percentage's default is none at all: its precision is in its points (16.25 % is not
    16.5 %), and a relative slack of 2 % would let a third of a point through at 16 %. A
    pressure's is ``PRESSURE_TOLERANCE`` at most."""
    if not len(rows):
        return np.zeros(0)
    values = claims.loc[rows, "tolerance"].to_numpy(dtype=float)
    dimension = claims.loc[rows, "dimension"]
    percent = (dimension == "dimensionless").to_numpy(dtype=bool) & (
        claims.loc[rows, "number_factor"].to_numpy(dtype=float) < 1
    )
    pressure = (dimension == PRESSURE).to_numpy(dtype=bool)
    fallback = np.where(percent, 0.0, np.where(pressure, min(default, PRESSURE_TOLERANCE), default))
    return np.where(np.isnan(values), fallback, values)


def value_text(row: pd.Series, prefix: str = "") -> str:
    """The normalised value of a claim (or its stated conversion, prefix 'converted_')."""
    kind = row["kind"]
    if kind in NUMERIC:
        if pd.isna(row[f"{prefix}magnitude"]):
            return ""
        factor, unit = _display_unit(row, prefix)
        if "**" in display.unit_name(unit):  # pint's base units of a price per MWh in another currency: as written
            return str(row["converted" if prefix else "value"])
        return display.quantity(
            row[f"{prefix}low"],
            row[f"{prefix}high"],
            row[f"{prefix}magnitude"],
            factor,
            unit,
            row[f"{prefix}qualifier"],
        )
    if kind == "date":
        return display.date_range(row["date_start"], row["date_end"])
    if kind == "status":
        return row["state"]
    return str(row["value"])


# A currency in a dimension as pint writes it: "[currency_USD] / [mass]".
CURRENCY = re.compile(r"\[currency_(\w+)\]")


def currencies_of_one_price(first: str, second: str) -> tuple[str, str] | None:
    """The two currencies of two dimensions that are one thing priced in each ("[currency_EUR]
    / [mass]" and "[currency_USD] / [mass]", or plain money in two currencies); None when
    they are not."""
    codes = [CURRENCY.findall(str(dimension)) for dimension in (first, second)]
    if not all(len(found) == 1 for found in codes) or codes[0] == codes[1]:
        return None
    if CURRENCY.sub("", str(first)) != CURRENCY.sub("", str(second)):
        return None
    return codes[0][0], codes[1][0]


def _display_unit(row: pd.Series, prefix: str) -> tuple[float, str]:
    """The topic's display unit when the value has the topic's dimension, else base units."""
    if row[f"{prefix}dimension"] == row["topic_dimension"] and not pd.isna(row["topic_factor"]):
        return float(row["topic_factor"]), str(row["topic_unit"])
    # A price in another currency than the topic's, per the topic's own thing: in the topic's
    # unit with the currency swapped (USD/t beside a topic in RUB/t, not USD per kilogram).
    codes = currencies_of_one_price(row[f"{prefix}dimension"], row["topic_dimension"])
    if codes and not pd.isna(row["topic_factor"]) and re.search(rf"\b{codes[1]}\b", str(row["topic_unit"])):
        return float(row["topic_factor"]), re.sub(rf"\b{codes[1]}\b", codes[0], str(row["topic_unit"]))
    unit = row[f"{prefix}unit"]
    if isinstance(unit, str) and unit.endswith(" / second"):  # a rate reads per year, as reporting gives rates
        return 1 / display.SECONDS_PER_YEAR, f"{display.unit_name(unit[: -len(' / second')])}/year"
    return 1.0, "" if unit == "dimensionless" else str(unit)


def amount_text(row: pd.Series, base_value: float) -> str:
    """A number in base units of a claim's dimension, in the unit its value is shown in."""
    factor, unit = _display_unit(row, "")
    return f"{display.number(display.in_unit(base_value, factor))} {display.unit_name(unit)}".strip()


def topic_terms(row: pd.Series) -> tuple[float, str]:
    """The factor and unit a claim's figures show in: the topic's display unit, or, for a
    rate of the topic's amount (CHF 46.5 million a season under a topic in CHF), that unit
    a year, never the amount a second."""
    factor = float(row["topic_factor"])
    unit = row["topic_unit"] if isinstance(row["topic_unit"], str) else ""
    if str(row["dimension"]) == f"{row['topic_dimension']} / [time]":
        return factor / display.SECONDS_PER_YEAR, f"{unit}/year"
    return factor, unit


def in_topic_unit(row: pd.Series, base_value: float) -> str:
    """A number in base units of the topic's dimension, shown in the topic's display unit
    (whatever the claim's own dimension: a rate taken over its period is an amount)."""
    unit = row["topic_unit"] if isinstance(row["topic_unit"], str) else ""
    return f"{display.number(display.in_unit(base_value, float(row['topic_factor'])))} {unit}".strip()


def _key(row: pd.Series) -> str:
    """The canonical reading of a claim that fingerprints hash: base units, full precision."""
    parts = [
        row["kind"],
        f"{row['period_start']:.0f}/{row['period_end']:.0f}" if not pd.isna(row["period_start"]) else "",
    ]
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


class RowReader:
    """The fields a finding shows of a claim, read by label from a claims table's columns.

    A pandas row look-up on the wide table costs a fraction of a millisecond, and findings
    at scale number in the thousands; so a row here is a view that reads a field only when
    asked, from arrays taken once per column without copying: numbers from their NumPy
    array, categories through their codes, text from its Arrow array."""

    def __init__(self, claims: pd.DataFrame):
        self.claims = claims
        self._getters: dict[str, Callable] = {}

    def getter(self, column: str) -> Callable:
        getter = self._getters.get(column)
        if getter is None:
            getter = self._getters[column] = _element_getter(self.claims[column])
        return getter

    def row(self, label) -> Row:
        return Row(self, self.claims.index.get_loc(label), label)


class Row(Mapping):
    """One claim's fields, read on demand; ``name`` is its label, as a pandas row's is."""

    __slots__ = ("_reader", "_position", "name")

    def __init__(self, reader: RowReader, position: int, label):
        self._reader, self._position, self.name = reader, position, label

    def __getitem__(self, column: str):
        return self._reader.getter(column)(self._position)

    def __iter__(self) -> Iterator[str]:
        return iter(self._reader.claims.columns)

    def __len__(self) -> int:
        return len(self._reader.claims.columns)


def _element_getter(column: pd.Series) -> Callable:
    """A function from position to the column's value there, as ``column.array[i]`` gives it."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        values = np.append(np.asarray(column.cat.categories, dtype=object), np.nan)  # code -1: missing
        return lambda position: values[codes[position]]
    if isinstance(dtype, np.dtype):
        return column.to_numpy().__getitem__
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        # Arrow text read from its Arrow array: pandas' own element access costs several
        # times more, and findings at scale read thousands of cells.
        arrow = pa.array(column.array)
        if isinstance(arrow, pa.ChunkedArray):
            arrow = arrow.chunk(0) if arrow.num_chunks == 1 else arrow.combine_chunks()
        missing = dtype.na_value

        def text(position):
            value = arrow[int(position)].as_py()
            return missing if value is None else value

        return text
    return column.array.__getitem__


# The reader of the table the engine is checking: set by ``reading`` for the span of a run,
# never kept beyond it.
_READER: ContextVar[RowReader | None] = ContextVar("claimcheck_rows", default=None)


@contextmanager
def reading(claims: pd.DataFrame):
    """Let ``ref`` read rows of ``claims`` through one reader while the block runs."""
    token = _READER.set(RowReader(claims))
    try:
        yield
    finally:
        _READER.reset(token)


def row_of(claims: pd.DataFrame, label) -> Row:
    """One claim's fields by label, read on demand (the run's reader when it checks ``claims``)."""
    reader = _READER.get()
    if reader is None or reader.claims is not claims:
        reader = RowReader(claims)  # a table no run announced (a test's, a subset): read it directly
    return reader.row(label)


def ref(claims: pd.DataFrame, label) -> ClaimRef:
    """A claim as findings carry it."""
    row = row_of(claims, label)
    period = display.date_range(row["period_start"], row["period_end"]) if not pd.isna(row["period_start"]) else ""
    normalised = value_text(row)
    if row["kind"] in NUMERIC and not pd.isna(row["converted_magnitude"]):
        normalised += f" = {value_text(row, 'converted_')}"
    return ClaimRef(
        source=row["source"],
        claim_id=row["id"],
        file=row["file"],
        line=int(row["line"]),
        quote=row["quote"],
        value=row["value"] + (f" ({row['converted']})" if row["converted"] else ""),
        normalised=normalised,
        period=period,
        topic=row["topic"],
        key=_key(row),
    )


class MagnitudeIndex:
    """Claims by stated value, per dimension and family, and the precise figures per
    dimension: the claims whose value lies near a given one in O(log n + k), for diagnoses
    that look for a matching figure (in the claim's family, or a precise figure anywhere).
    Keeping the window to those two keeps a diagnosis's cost from growing with the corpus.
    The columns a diagnosis compares are kept as arrays, so candidates are judged on whole
    arrays, not row by row."""

    COLUMNS = (
        "id",
        "topic",
        "scope",
        "subject",
        "family",
        "digits",
        "period_start",
        "period_end",
        "magnitude",
        "half",
        "qualifier",
        "undated",
        "modality_class",
    )

    def __init__(self, claims: pd.DataFrame, precise_digits: float):
        numeric = (claims["kind"].isin(NUMERIC) & claims["magnitude"].notna()).to_numpy()
        self.labels = claims.index.to_numpy()[numeric]
        self.arrays = {column: _window_column(claims[column], numeric) for column in self.COLUMNS}
        self.precise_digits = precise_digits
        self._values = claims["magnitude"].to_numpy(dtype=float)[numeric]
        dimension_codes, dimensions = _codes_of(claims["dimension"], numeric)
        family_codes, families = _codes_of(claims["family"], numeric)
        self._dimension_code = {dimension: code for code, dimension in enumerate(dimensions.tolist())}
        self._family_code = {family: code for code, family in enumerate(families.tolist())}
        width = len(families) + 1
        precise = claims["digits"].to_numpy(dtype=float)[numeric] >= precise_digits
        # Groups are runs of one sort by key, then value (ties by position): one look-up
        # finds a group's run, and no group is built until a diagnosis asks for it.
        self._families = self._sorted(dimension_codes.astype(np.int64) * width + family_codes, np.ones_like(precise))
        self._precise = self._sorted(dimension_codes.astype(np.int64), precise)

    def _sorted(self, keys: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        chosen = np.flatnonzero(mask & (keys >= 0))
        if not len(chosen):
            return keys[chosen], self._values[chosen], chosen
        # By key, then value, ties by position: one stable sort of an integer key (the values
        # as dense ranks), several times faster than np.lexsort of the two.
        (ranks,) = _dense_ranks(self._values[chosen])
        span = int(ranks.max()) + 1
        if (int(keys[chosen].max()) + 1) * span < 2**62:
            order = chosen[np.argsort(keys[chosen] * span + ranks, kind="stable")]
        else:
            order = chosen[np.lexsort((self._values[chosen], keys[chosen]))]
        return keys[order], self._values[order], order

    @staticmethod
    def _group(runs: tuple[np.ndarray, np.ndarray, np.ndarray], key: int | None):
        if key is None:
            return None
        keys, values, positions = runs
        start, stop = np.searchsorted(keys, key, side="left"), np.searchsorted(keys, key, side="right")
        return (values[start:stop], positions[start:stop]) if stop > start else None

    @staticmethod
    def _window(group, value: float, tolerance: float) -> np.ndarray:
        if group is None:
            return np.zeros(0, dtype=np.int64)
        values, positions = group
        reach = abs(value) * tolerance / (1 - tolerance) if tolerance < 1 else math.inf
        start = np.searchsorted(values, value - reach, side="left")
        stop = np.searchsorted(values, value + reach, side="right")
        return positions[start:stop]

    def near(self, dimension: str, family: str, value: float, digits: float, tolerance: float) -> np.ndarray:
        """Positions (into ``arrays``) of claims within ``tolerance`` (relative to the larger)
        of ``value``: of the same dimension and family, and, for a precise figure, the
        precise figures of the dimension; ordered by value (ties by position)."""
        if not math.isfinite(value):
            return np.zeros(0, dtype=np.int64)
        dimension_code = self._dimension_code.get(dimension)
        family_code = self._family_code.get(family)
        family_key = (
            None
            if dimension_code is None or family_code is None
            else dimension_code * (len(self._family_code) + 1) + family_code
        )
        found = self._window(self._group(self._families, family_key), value, tolerance)
        if digits >= self.precise_digits:
            found = np.union1d(found, self._window(self._group(self._precise, dimension_code), value, tolerance))
        return found[np.lexsort((found, self._values[found]))]


def _codes_of(column: pd.Series, mask: np.ndarray) -> tuple[np.ndarray, pd.Index]:
    """The masked rows' codes of a column (-1: missing) and the values the codes stand for."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()[mask].astype(np.int64), column.cat.categories
    codes, uniques = pd.factorize(column.array[mask])
    return codes.astype(np.int64), pd.Index(uniques)


def _window_column(column: pd.Series, mask: np.ndarray):
    """A column of the magnitude index: numbers as NumPy arrays; categories as their codes
    and text as its Arrow array, turned into Python objects only at the positions a
    diagnosis reads."""
    if isinstance(column.dtype, np.dtype):
        return column.to_numpy()[mask]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return _CodedWindow(column.cat.codes.to_numpy()[mask], column.cat.categories)
    return _TextWindow(column.array[mask])


class _CodedWindow:
    def __init__(self, codes: np.ndarray, categories: pd.Index):
        self._codes = codes
        self._values = np.append(np.asarray(categories, dtype=object), np.nan)  # code -1: missing

    def __getitem__(self, positions: np.ndarray) -> np.ndarray:
        return self._values[self._codes[positions]]


class _TextWindow:
    def __init__(self, array):
        self._array = array

    def __getitem__(self, positions: np.ndarray) -> np.ndarray:
        return self._array.take(np.asarray(positions, dtype=np.int64)).to_numpy(dtype=object)


def point_gaps(
    value: float, stated: np.ndarray, half: np.ndarray, qualifier: np.ndarray, tolerance: float
) -> np.ndarray:
    """How far a figure is from other claims' stated values, relative, where a stated value
    could be that figure rounded (within the claim's own precision, at most ``tolerance``
    of the value), NaN where it could not. A lower bound (">12 billion") matches figures
    just above it, an upper bound figures just below it. Point values, not intervals
    widened by precision: 140 never matches 100."""
    stated = stated.astype(float)
    half = half.astype(float)
    scale = np.maximum(abs(value), np.abs(stated))
    bounded = np.isin(qualifier, ("gt", "ge", "lt", "le"))
    with np.errstate(invalid="ignore", divide="ignore"):
        reach = np.where(
            np.isfinite(half), np.minimum(np.where(bounded, 2 * half, half), tolerance * scale), tolerance * scale
        )
        gap = value - stated
        fits = np.where(
            np.isin(qualifier, ("gt", "ge")),
            (gap >= 0) & (gap <= reach),
            np.where(
                np.isin(qualifier, ("lt", "le")),
                (-gap >= 0) & (-gap <= reach),
                np.abs(gap) <= np.maximum(reach, 1e-12 * scale),
            ),
        )
        relative = np.abs(gap) / np.where(scale > 0, scale, 1.0)
    return np.where(fits, relative, np.nan)
