"""Desk corpora (tests/fixtures/desks): stories written and tagged as a desk would, each
four texts of one story from four outlets, in a clean copy and in a copy with a dozen
errors of the kinds that slip into reporting. The clean copy raises no error or warning;
in the injected copy every (claim, rule) of its answer key (expected.csv) is flagged at
error or warning, and nothing loud touches only claims the injection left as they were."""

import csv
import json

import pytest

from checker.cli import main
from conftest import ROOT

DESKS = sorted(path for path in (ROOT / "tests" / "fixtures" / "desks").iterdir() if path.is_dir())


def _loud(root, tmp_path) -> list[dict]:
    output = tmp_path / f"{root.parent.name}-{root.name}.json"
    assert main(["check", "--root", str(root), "--format", "json", "-o", str(output)]) in (0, 1)
    findings = json.loads(output.read_text(encoding="utf-8"))["findings"]
    return [finding for finding in findings if finding["severity"] in ("error", "warning")]


def _rows(root) -> dict[str, dict]:
    rows = {}
    for table in sorted((root / "claims" / "tagged").glob("*.csv")):
        with table.open(encoding="utf-8", newline="") as handle:
            rows.update((row["id"], row) for row in csv.DictReader(handle))
    return rows


@pytest.mark.parametrize("desk", DESKS, ids=lambda path: path.name)
def test_a_clean_desk_corpus_raises_no_error_or_warning(desk, tmp_path):
    loud = _loud(desk / "clean", tmp_path)
    assert loud == [], [(f["rule"], f["diagnosis"], [c["claim_id"] for c in f["claims"]]) for f in loud]


@pytest.mark.parametrize("desk", DESKS, ids=lambda path: path.name)
def test_every_injected_error_is_flagged_and_nothing_else(desk, tmp_path):
    with (desk / "injected" / "expected.csv").open(encoding="utf-8", newline="") as handle:
        expected = {(row["claim"], row["rule"]) for row in csv.DictReader(handle)}
    assert expected  # an answer key with something to find
    loud = _loud(desk / "injected", tmp_path)
    found = {(claim["claim_id"], finding["rule"]) for finding in loud for claim in finding["claims"]}
    assert expected - found == set()
    clean = _rows(desk / "clean")
    changed = {claim for claim, row in _rows(desk / "injected").items() if clean.get(claim) != row}
    stray = [finding for finding in loud if not changed & {claim["claim_id"] for claim in finding["claims"]}]
    assert stray == [], [(f["rule"], [c["claim_id"] for c in f["claims"]]) for f in stray]
