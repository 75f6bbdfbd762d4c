"""Pairing by sort and sweep gives exactly the pairs a brute force gives, and a group too
large to list becomes one summarising finding instead of exhausting memory."""

import itertools
from collections import Counter

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from checker import engine
from checker.config import Config
from checker.corpus import load_corpus
from checker.normalise import normalise
from checker.pairing import (
    PAIR_LIMIT,
    _dense_ranks,
    factorize_rows,
    nested_spans,
    pairs_apart,
    pairs_exceeding,
    pairs_overlapping,
)
from checker.synthetic import crowded

VALUES = st.sampled_from([0.0, 1.0, 2.0, 2.5, 3.0, 7.0, float("-inf"), float("inf")])
ROWS = st.lists(
    st.tuples(st.integers(0, 2), VALUES, st.sampled_from([0.0, 0.5, 1.0, 4.0, float("inf")]), st.sampled_from("xyz")),
    max_size=25,
)


def _arrays(rows):
    codes = np.array([row[0] for row in rows], dtype=np.int64)
    low = np.array([row[1] for row in rows], dtype=float)
    with np.errstate(invalid="ignore"):
        high = low + np.array([row[2] for row in rows], dtype=float)
    keep = ~np.isnan(high)
    states = np.array([row[3] for row in rows], dtype=object)
    return np.arange(100, 100 + int(keep.sum())), codes[keep], low[keep], high[keep], states[keep]


FLOATS = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.sampled_from([0.0, -0.0, 1.5, float("nan")])


@given(st.lists(st.lists(FLOATS, max_size=12), min_size=1, max_size=4))
def test_dense_ranks_order_values_as_numpy_does(arrays):
    """Ranks are dense, ties (0.0 and -0.0, every NaN) share one, NaN ranks last."""
    values = [np.array(array, dtype=float) for array in arrays]
    _, expected = np.unique(np.concatenate(values), return_inverse=True)
    ranks = np.concatenate(_dense_ranks(*values))
    assert ranks.tolist() == expected.tolist()
    assert [len(rank) for rank in _dense_ranks(*values)] == [len(array) for array in values]


@given(st.lists(st.tuples(st.integers(0, 3), FLOATS, st.sampled_from([1.0, float("nan"), 2.0])), max_size=20))
def test_factorize_rows_is_factorising_a_multiindex(rows):
    columns = [np.array([row[position] for row in rows], dtype=float) for position in range(3)]
    codes, table = factorize_rows(*columns)
    if not rows:
        assert len(codes) == 0 and len(table) == 0
        return
    expected_codes, distinct = pd.factorize(pd.MultiIndex.from_arrays(columns))
    assert codes.tolist() == expected_codes.tolist()
    expected = distinct.to_frame(index=False).to_numpy(dtype=float)
    assert np.array_equal(table, expected, equal_nan=True)


@given(ROWS, st.booleans())
def test_pairs_apart_is_the_brute_force(rows, strict):
    labels, codes, low, high, _ = _arrays(rows)
    found = pairs_apart(labels, codes, low, high, strict=strict, limit=10**9).frame
    expected = {
        (labels[i], labels[j])
        for i, j in itertools.permutations(range(len(labels)), 2)
        if codes[i] == codes[j] and (high[i] < low[j] if strict else high[i] <= low[j])
    }
    assert set(map(tuple, found.to_numpy().tolist())) == expected and len(found) == len(expected)


@given(ROWS)
def test_pairs_overlapping_with_another_state_is_the_brute_force(rows):
    labels, codes, start, _, states = _arrays(rows)
    start = np.where(np.isfinite(start), start, 0.0)
    end = start + 1.5
    found = pairs_overlapping(labels, codes, start, end, states, limit=10**9).frame
    expected = {
        frozenset((labels[i], labels[j]))
        for i, j in itertools.combinations(range(len(labels)), 2)
        if codes[i] == codes[j] and states[i] != states[j] and start[i] < end[j] and start[j] < end[i]
    }
    assert {frozenset(pair) for pair in found.to_numpy().tolist()} == expected and len(found) == len(expected)
    # States given as a category column's codes (as_states) pair exactly as their values do.
    from checker.pairing import as_states

    coded = as_states(pd.Series(states, dtype="category"))
    assert coded.dtype.kind == "i"
    by_code = pairs_overlapping(labels, codes, start, end, coded, limit=10**9).frame
    assert by_code.to_numpy().tolist() == found.to_numpy().tolist()


@given(ROWS, ROWS)
def test_pairs_exceeding_is_the_brute_force(left_rows, right_rows):
    left, left_codes, left_values, _, _ = _arrays(left_rows)
    right, right_codes, right_values, _, _ = _arrays(right_rows)
    right = right + 1000
    found = pairs_exceeding(left, left_codes, left_values, right, right_codes, right_values, limit=10**9).frame
    expected = {
        (left[i], right[j])
        for i in range(len(left))
        for j in range(len(right))
        if left_codes[i] == right_codes[j] and left_values[i] > right_values[j]
    }
    assert set(map(tuple, found.to_numpy().tolist())) == expected


@given(
    st.lists(
        st.tuples(
            st.integers(0, 1), st.sampled_from([float("-inf"), 0.0, 1.0, 3.0]), st.integers(1, 6), st.integers(0, 2)
        ),
        unique=True,
        max_size=20,
    )
)
def test_nested_spans_is_the_brute_force(spans):
    codes = np.array([span[0] for span in spans], dtype=np.int64)
    start = np.array([span[1] for span in spans], dtype=float)
    inner = np.array([(0.0 if np.isinf(span[1]) else span[1]) + span[2] for span in spans], dtype=float)
    outer = inner + np.array([span[3] for span in spans], dtype=float)
    found = set(zip(*(array.tolist() for array in nested_spans(codes, start, inner, outer))))
    expected = {
        (i, o)
        for i, o in itertools.permutations(range(len(spans)), 2)
        if codes[i] == codes[o]
        and start[i] >= start[o]
        and outer[i] <= inner[o]
        and not (start[i] == start[o] and inner[i] == inner[o] and outer[i] == outer[o])
    }
    assert found == expected


def test_a_crowded_group_is_summarised_by_every_pairing_rule(tmp_path):
    sizes = crowded(tmp_path / "corpus", 3_000)
    normalised = normalise(load_corpus(tmp_path / "corpus"))
    assert normalised.problems == [] and len(normalised.claims) == sum(sizes.values())
    findings = engine.run(normalised, Config()).findings
    summarised = {finding.rule for finding in findings if "too many" in finding.diagnosis}
    assert summarised >= {
        "value-conflict",
        "period-totals",
        "status-conflict",
        "date-conflict",
        "unit-dimension",
        "relabelled-figure",
        "derived-figures",
    }
    counts = Counter(finding.rule for finding in findings)
    assert max(counts.values()) <= PAIR_LIMIT


def test_shared_codes_match_equal_keys_across_sides_and_never_a_missing_number():
    import numpy as np

    from checker.pairing import shared_codes

    left = [np.array(["t1", "t1", "t2", None], dtype=object), np.array([1.0, np.nan, 1.0, 2.0])]
    right = [np.array(["t1", "t2", "t1", None], dtype=object), np.array([1.0, 1.0, np.nan, 2.0])]
    first, second = shared_codes(left, right)
    assert first[0] == second[0] and first[2] == second[1]  # (t1, 1) and (t2, 1) on both sides
    assert first[3] == second[3]  # a missing text key is one value
    assert first[0] != first[2]
    # A row with a missing number stands alone: no other row on either side shares its code.
    assert first[1] not in set(second) and list(first).count(first[1]) == 1
    assert second[2] not in set(first) and list(second).count(second[2]) == 1


KEYS = st.lists(st.sampled_from(["t1", "t2", "t3", None]), max_size=12)


@given(KEYS, KEYS, st.booleans())
def test_shared_codes_of_category_columns_are_those_of_their_values(left, right, same_categories):
    """Category columns, with the same categories or not, get the codes their values get."""
    from checker.pairing import shared_codes

    categories = ["t1", "t2", "t3"]
    left_column = pd.Series(pd.Categorical(left, categories=categories))
    right_column = pd.Series(
        pd.Categorical(right, categories=categories if same_categories else sorted({"t3", "t0", *filter(None, right)}))
    )
    by_category = np.concatenate(shared_codes([left_column], [right_column]))
    by_value = np.concatenate(shared_codes([np.array(left, dtype=object)], [np.array(right, dtype=object)]))
    values = left + right
    for first in range(len(values)):
        for second in range(len(values)):
            assert (by_category[first] == by_category[second]) == (values[first] == values[second])
            assert (by_value[first] == by_value[second]) == (values[first] == values[second])


def test_overlap_clusters_split_a_group_into_runs_that_meet():
    import numpy as np

    from checker.pairing import overlap_clusters

    codes = np.array([0, 0, 0, 0, 1, 1])
    start = np.array([1.0, 1.5, 5.0, 5.5, 1.0, 1.2])
    end = np.array([2.0, 3.0, 6.0, 7.0, 1.1, 2.0])  # [1,2) [1.5,3) meet; [5,6) [5.5,7) meet
    runs = overlap_clusters(codes, start, end)
    assert runs[0] == runs[1] != runs[2] == runs[3]
    assert runs[4] != runs[5]  # [1, 1.1) and [1.2, 2) do not meet
    assert len(set(runs[:4]) & set(runs[4:])) == 0


@given(st.lists(st.one_of(st.none(), st.text(max_size=5)), max_size=12), st.integers(1, 3))
def test_a_row_reads_each_cell_as_pandas_gives_it(values, chunks):
    """Row views read text from its Arrow array, category codes and numbers from NumPy:
    every cell, missing ones included, is what the column's own element access gives."""
    import math

    import pyarrow as pa

    from checker.pairing import RowReader

    size = -(-len(values) // chunks) if values else 1
    parts = [pa.array(values[start : start + size], pa.large_string()) for start in range(0, len(values), size)]
    text = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(parts, pa.large_string())), dtype="str")
    claims = pd.DataFrame(
        {
            "text": text,
            "category": pd.Series(values, dtype="category"),
            "number": pd.Series([len(v) if v else math.nan for v in values], dtype=float),
        }
    )
    reader = RowReader(claims)
    for position, label in enumerate(claims.index):
        row = reader.row(label)
        for column in claims.columns:
            expected, got = claims[column].array[position], row[column]
            assert (pd.isna(expected) and pd.isna(got) and type(got) is type(expected)) or got == expected


@given(
    st.lists(
        st.tuples(st.sampled_from(["[mass]", "[length]"]), st.sampled_from(["f1", "f2", "f3"]), FLOATS, st.booleans()),
        max_size=20,
    )
)
def test_the_magnitude_index_sorts_by_group_then_value_then_position(rows):
    from checker.pairing import MagnitudeIndex

    rows = [row for row in rows if not np.isnan(row[2])]
    claims = pd.DataFrame(
        {
            "id": pd.Series([f"c{i}" for i in range(len(rows))], dtype="str"),
            "kind": pd.Series(["quantity"] * len(rows), dtype="category"),
            "topic": pd.Series(["t"] * len(rows), dtype="category"),
            "scope": pd.Series([""] * len(rows), dtype="category"),
            "subject": pd.Series([""] * len(rows), dtype="category"),
            "dimension": pd.Series([row[0] for row in rows], dtype="category"),
            "family": pd.Series([row[1] for row in rows], dtype="category"),
            "magnitude": [row[2] for row in rows],
            "digits": [5.0 if row[3] else 1.0 for row in rows],
            "period_start": 0.0,
            "period_end": 1.0,
            "half": 0.5,
            "qualifier": pd.Series(["stated"] * len(rows), dtype="category"),
            "undated": False,
            "modality_class": pd.Series(["actual"] * len(rows), dtype="category"),
        }
    )
    index = MagnitudeIndex(claims, 4)
    keys, values, order = index._families
    expected = sorted(range(len(rows)), key=lambda i: (rows[i][0], rows[i][1], rows[i][2], i))
    assert order.tolist() == expected
    keys, values, order = index._precise
    assert order.tolist() == [
        i for i in sorted(range(len(rows)), key=lambda i: (rows[i][0], rows[i][2], i)) if rows[i][3]
    ]


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", None]), max_size=10), st.lists(st.sampled_from("abcex"), max_size=6)
)
def test_positions_of_are_the_first_rows_holding_each_value(column, values):
    from checker.pairing import positions_of

    found = positions_of(pd.Series(column, dtype="str"), values)
    assert found.tolist() == [column.index(value) if value in column else -1 for value in values]


def test_a_rate_in_another_dimension_than_its_topics_reads_per_year():
    """10 million barrels a year under a topic in t/year: shown in m³ per year, not per second."""
    import pandas as pd

    from checker.pairing import value_text
    from checker.quantities import parse_quantity

    value = parse_quantity("10 million barrels/year")
    row = pd.Series(
        {
            "kind": "quantity",
            "magnitude": value.magnitude,
            "low": value.low,
            "high": value.high,
            "unit": value.unit,
            "dimension": value.dimension,
            "qualifier": value.qualifier,
            "topic_dimension": "[mass] / [time]",
            "topic_factor": 1000 / (365.25 * 86400),
            "topic_unit": "t/year",
        }
    )
    assert value_text(row).startswith("1.59 million m³/year (")
