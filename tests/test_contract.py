"""The claims-table contract: normalisation produces exactly it, and the rules and the
report read only what it declares."""

import ast
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import contract
from checker.corpus import load_corpus
from checker.normalise import normalise
from checker.schema import ENTITIES, IGNORES, REVIEWS, SOURCES, TOPICS
from conftest import build_corpus, claim

TABLES = (SOURCES, TOPICS, ENTITIES, REVIEWS, IGNORES)

CHECKER = Path(__file__).resolve().parent.parent / "checker"
# Modules that receive the normalised claims table.
READERS = (
    sorted((CHECKER / "rules").glob("*.py"))
    + [CHECKER / name for name in ("pairing.py", "report.py", "coverage.py", "draft.py", "reanchor.py", "partition.py")]
    + sorted((CHECKER / "exports").glob("*.py"))
)


def _expected_dtype(column: contract.ClaimColumn):
    if column.dtype == "category":
        return pd.CategoricalDtype
    if column.dtype == "str":
        return pd.StringDtype
    return None


def _assert_conforms(claims: pd.DataFrame) -> None:
    assert tuple(claims.columns) == contract.NAMES
    assert claims.columns.dtype == object  # labels as plain strings (tables.plain_labels)
    for column in contract.CLAIMS:
        expected = _expected_dtype(column)
        if expected is None:
            assert str(claims[column.name].dtype) == column.dtype, column.name
        else:
            assert isinstance(claims[column.name].dtype, expected), (column.name, claims[column.name].dtype)


def test_the_bundled_corpus_normalises_to_exactly_the_contract():
    claims = normalise(load_corpus(CHECKER.parent)).claims
    assert len(claims) > 100
    _assert_conforms(claims)


def test_a_corpus_with_errors_and_an_empty_one_still_conform(tmp_path):
    broken = build_corpus(
        tmp_path / "broken",
        {"a": [claim("a1", "trade", "US$ lots", period="2024"), claim("a2", "no-such-topic", "2025-04-17")]},
    )
    result = normalise(load_corpus(broken))
    assert result.problems  # the bad value and the unknown topic are reported…
    _assert_conforms(result.claims)  # …and the table still has every declared column
    empty = build_corpus(tmp_path / "empty", {"a": []})
    _assert_conforms(normalise(load_corpus(empty)).claims)


def test_loaded_tables_label_their_columns_with_plain_strings(tmp_path):
    # An Arrow string index of labels makes every look-up of a column by name slower and
    # rebuilds itself for every column normalisation adds.
    empty = build_corpus(tmp_path / "empty", {"a": []})
    for corpus in (load_corpus(CHECKER.parent), load_corpus(empty)):
        for frame in (corpus.claims, corpus.sources, corpus.topics, corpus.entities):
            assert frame.columns.dtype == object
            assert all(type(label) is str for label in frame.columns)


def test_categorical_columns_of_one_domain_share_their_categories():
    claims = normalise(load_corpus(CHECKER.parent)).claims
    by_domain: dict[str, list] = {}
    for column in contract.CLAIMS:
        if column.domain:
            by_domain.setdefault(column.domain, []).append(list(claims[column.name].cat.categories))
    assert set(by_domain) >= {"unit", "dimension", "source"}
    for domain, categories in by_domain.items():
        assert all(each == categories[0] for each in categories), domain
        assert categories[0] == sorted(categories[0])  # sorting by a category sorts by its text


def _made(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


# Tables readers receive besides the claims: the pairs pairing.py builds, and the sources.
OTHER_TABLES = (
    _made(CHECKER / "pairing.py")
    | {name for table in TABLES for name in table.names}
    | {"published_start", "published_end"}
)


def _read_but_never_made(path: Path) -> set[str]:
    """String keys a module reads by subscript (``row["x"]``) that it never creates itself
    (as a dict key, an assigned column, a keyword or any other literal): the columns it
    expects to receive."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    read: set[str] = set()
    made: set[str] = set()
    read_nodes: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            base = node.value
            if isinstance(base, ast.Name) and base.id == "options":
                continue
            keys = node.slice.elts if isinstance(node.slice, (ast.List, ast.Tuple)) else [node.slice]
            for key in keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    read.add(key.value)
                    read_nodes.add(id(key))
        elif isinstance(node, ast.keyword) and node.arg:
            made.add(node.arg)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in read_nodes:
            made.add(node.value)
    return read - made


@pytest.mark.parametrize("path", READERS, ids=lambda path: path.name)
def test_every_column_a_reader_reads_is_declared(path):
    undeclared = (
        _read_but_never_made(path) - set(contract.NAMES) - (OTHER_TABLES if path.name != "pairing.py" else set())
    )
    assert not undeclared, f"{path.name} reads columns the contract does not declare: {sorted(undeclared)}"


def test_the_scan_would_see_an_undeclared_column(tmp_path):
    module = tmp_path / "rule.py"
    module.write_text(
        'def check(claims, options):\n    return claims["magnitude"] + claims["no_such_column"] + options["x"]\n'
    )
    assert _read_but_never_made(module) - set(contract.NAMES) == {"no_such_column"}


def test_every_declared_column_means_something():
    assert len(set(contract.NAMES)) == len(contract.NAMES)
    for column in contract.CLAIMS:
        assert column.dtype in ("str", "category", "float64", "int64", "int32", "int8", "bool"), column.name
        assert column.meaning and column.stage, column.name


# Columns read through a name built at run time, and the module and pattern that read them.
READ_BY_PATTERN = {
    **{
        f"{name}_{part}": ("rules/name_reconciliation.py", f'f"{{column}}_{part}"')
        for name in ("topic", "subject", "attributed_to")
        for part in ("input", "match")
    },
    **{
        f"{name}_{part}": ("rules/name_reconciliation.py", f"f'{{column}}_{part}'")
        for name in ("topic", "subject", "attributed_to")
        for part in ("score", "candidates")
    },
    **{
        f"{phase}_{side}": ("rules/unit_dimension.py", f'f"{{phase}}_{side}"')
        for phase in ("liquid", "gas", "bulk")
        for side in ("low", "high")
    },
    # A claim's value and its stated conversion are shown by one function, with a prefix.
    **{f"converted_{part}": ("pairing.py", f'row[f"{{prefix}}{part}"]') for part in ("unit", "qualifier")},
    # An exchange rate reads a figure and its conversion alike, with a prefix.
    "converted_half": ("rules/stated_conversion.py", 'row[f"{prefix}half"]'),
}


def test_no_declared_column_goes_unread():
    """Every declared column is read somewhere: by name, or through a pattern listed above
    whose module really builds that name."""
    modules = READERS + sorted((CHECKER / "formats").glob("*.py"))
    literals = set().union(*(_made(path) for path in modules))
    unread = []
    for name in contract.NAMES:
        if name in literals:
            continue
        module, pattern = READ_BY_PATTERN.get(name, (None, None))
        if module is None or pattern not in (CHECKER / module).read_text(encoding="utf-8"):
            unread.append(name)
    assert not unread, f"declared but never read (delete them from the contract and normalisation): {unread}"


@given(
    st.lists(st.sampled_from(["b", "a", "c", None]), max_size=12),
    st.sampled_from(["category", "object", "str"]),
    st.lists(st.sampled_from(["a", "b", "c", "d"]), unique=True, min_size=1),
)
def test_recoding_to_a_shared_domain_is_astype(values, dtype, categories):
    """A column recoded through the domain's dictionary is exactly ``astype`` to the
    domain's categories: the same codes, a value outside them (or missing) missing."""
    import pandas as pd

    from checker.contract import _recoded

    column = pd.Series(values, dtype=dtype)
    target = pd.CategoricalDtype(sorted(categories))
    lookup = pd.Index(target.categories.tolist(), dtype=object)
    got = _recoded(column, target, lookup)
    assert got.dtype == target
    known = sorted(categories)
    assert got.cat.codes.tolist() == [known.index(value) if value in known else -1 for value in values]
    if all(value is None or value in known for value in values):  # what astype gives, where it is defined
        assert got.cat.codes.tolist() == column.astype(target).cat.codes.tolist()


TEXTS = st.one_of(st.none(), st.sampled_from(["", "a", "b", "exact", "USD", "é"]))


@given(st.lists(TEXTS, max_size=8), st.lists(TEXTS, max_size=8), st.sampled_from([object, "str"]))
def test_positions_in_an_index_are_what_a_list_look_up_gives(known, asked, dtype):
    # The fast path asks an object index of an object index; the answer is the plain one.
    from checker.columns import positions_in

    index = pd.Index(list(dict.fromkeys(known)), dtype=dtype)
    assert positions_in(index, asked).tolist() == index.get_indexer(list(asked)).tolist()
