"""Rules run family by family (local processes, a Dask cluster) give the single-process
findings, byte for byte."""

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import partition
from checker.cli import main
from checker.synthetic import generate
from conftest import build_corpus, claim

# Two unrelated topics: a conflict in one whose best explanation is a precise figure of
# the other, so the diagnosis must look across families, i.e. across partitions.
TOPICS = [{"key": "trade", "kind": "quantity", "unit": "USD"}, {"key": "aid", "kind": "quantity", "unit": "USD"}]
CLAIMS = {
    "first": [claim("f-trade", "trade", "USD 12.42 billion", period="2024", quote="USD 12.42 billion in 2024")],
    "second": [
        claim("s-trade", "trade", "US$1 billion", period="2024", quote="US$1 billion in 2024"),
        claim("s-aid", "aid", "USD 12.42 billion", period="2024", quote="aid of USD 12.42 billion in 2024"),
    ],
}


def _reports(root, tmp_path, name, *options):
    outputs = {fmt: tmp_path / f"{name}.{fmt}" for fmt in ("json", "sarif", "md")}
    arguments = ["check", "--root", str(root), *options]
    for path in outputs.values():
        arguments += ["-o", str(path)]
    main(arguments)
    return {fmt: path.read_bytes() for fmt, path in outputs.items()}


def test_a_diagnosis_across_partitions_is_the_single_process_one(tmp_path):
    root = build_corpus(tmp_path / "corpus", CLAIMS, topics=TOPICS)
    single = _reports(root, tmp_path, "single")
    split = _reports(root, tmp_path, "split", "--jobs", "2")
    assert split == single
    assert b"different scope" in single["json"] and b"s-aid" in single["json"]
    # The two topics really went to different partitions.
    from checker.corpus import load_corpus
    from checker.normalise import normalise

    claims = normalise(load_corpus(root)).claims
    placed = partition.assign(partition.groups(claims), 2)
    assert len(set(placed[(claims["topic"] == "trade").to_numpy()])) == 1
    assert set(placed[(claims["topic"] == "trade").to_numpy()]) != set(placed[(claims["topic"] == "aid").to_numpy()])


def test_an_odd_one_out_merged_from_pairs_is_diagnosed_across_partitions(tmp_path):
    """Two texts agree on US$1 billion, a third gives the other topic's USD 12.42 billion:
    one finding on the odd one out, with all three claims, whose diagnosis the other
    partition's topic gives, as in one process."""
    claims = {
        **CLAIMS,
        "third": [claim("t-trade", "trade", "US$1 billion", period="2024", quote="US$1 billion in 2024")],
    }
    root = build_corpus(tmp_path / "corpus", claims, topics=TOPICS)
    single = _reports(root, tmp_path, "single")
    split = _reports(root, tmp_path, "split", "--jobs", "2")
    assert split == single
    (finding,) = [f for f in json.loads(single["json"])["findings"] if f["rule"] == "value-conflict"]
    assert [c["claim_id"] for c in finding["claims"]] == ["f-trade", "s-trade", "t-trade"]
    assert finding["diagnosis"].startswith("different scope") and "s-aid" in finding["diagnosis"]


def test_a_synthetic_corpus_gives_identical_reports_with_three_processes(tmp_path):
    root = tmp_path / "synthetic"
    expected = generate(root, 3000, seed=7)
    single = _reports(root, tmp_path, "single")
    split = _reports(root, tmp_path, "split", "--jobs", "3")
    assert split == single
    assert len(expected.findings) > 10  # the comparison covers real findings of every kind


@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=300), st.integers(min_value=1, max_value=6)
)
def test_every_group_lies_in_one_partition_and_partitions_are_balanced(group_of_row, partitions):
    groups = np.array(group_of_row)
    placed = partition.assign(groups, partitions)
    for group in np.unique(groups):
        assert len(set(placed[groups == group])) == 1
    loads = np.bincount(placed, minlength=partitions)
    largest_group = np.bincount(groups).max()
    assert loads.max() - loads.min() <= largest_group  # greedy largest-first keeps them within one group


def test_since_links_join_two_families():
    import pandas as pd

    claims = pd.DataFrame({"family": ["a", "b", "c"], "topic": ["a", "b", "c"], "since_topic": ["b", "", ""]})
    codes = partition.groups(claims)
    assert codes[0] == codes[1] != codes[2]


def test_a_local_dask_cluster_gives_the_same_findings(tmp_path):
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'claimcheck[dask]'")
    root = tmp_path / "synthetic"
    generate(root, 2000, seed=11)
    single = _reports(root, tmp_path, "single")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = _reports(root, tmp_path, "dask", "--dask-scheduler", cluster.scheduler_address)
    assert on_dask == single


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'claimcheck[dask]'")
    monkeypatch.setattr(partition, "CONNECT_SECONDS", 1)
    root = build_corpus(tmp_path / "corpus", CLAIMS, topics=TOPICS)
    assert main(["check", "--root", str(root), "--dask-scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
