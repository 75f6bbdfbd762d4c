"""A corpus of made-up reports (tests/fixtures/semantics) holding every class of real
claim semantics, with an answer key: every real conflict is found by the right rule with
the right diagnosis, every look-alike stays quiet, and nothing else is flagged."""

import csv
import json

import pytest

from checker.cli import main
from conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "semantics"
CASES = list(csv.DictReader((CORPUS / "expected.csv").open(encoding="utf-8")))


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    output = tmp_path_factory.mktemp("semantics") / "report.json"
    assert main(["check", "--root", str(CORPUS), "--format", "json", "-o", str(output)]) == 1
    return json.loads(output.read_text(encoding="utf-8"))["findings"]


def _claims(case) -> set[str]:
    return {claim.strip() for claim in case["claims"].split(";") if claim.strip()}


def _matches(case, finding) -> bool:
    ids = {claim["claim_id"] for claim in finding["claims"]}
    severities = ("note",) if case["expect"] == "note" else ("error", "warning")
    return (
        finding["rule"] == case["rule"]
        and finding["severity"] in severities
        and _claims(case) <= ids
        and case["diagnosis"] in finding["diagnosis"]
    )


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"] in ("finding", "note")], ids=lambda c: c["case"])
def test_every_real_conflict_is_found_with_its_diagnosis(findings, case):
    assert any(_matches(case, finding) for finding in findings), (case, [(f["rule"], f["diagnosis"]) for f in findings])


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"] == "quiet"], ids=lambda c: c["case"])
def test_every_look_alike_is_quiet(findings, case):
    claims = _claims(case)
    needed = min(2, len(claims))
    loud = [
        f
        for f in findings
        if f["severity"] in ("error", "warning")
        and len(claims & {claim["claim_id"] for claim in f["claims"]}) >= needed
    ]
    assert loud == []


def test_nothing_outside_the_answer_key_is_flagged(findings):
    expected = [case for case in CASES if case["expect"] in ("finding", "note")]
    unexpected = [
        (f["rule"], [c["claim_id"] for c in f["claims"]])
        for f in findings
        if not any(_matches(case, f) for case in expected)
    ]
    assert unexpected == []


def test_the_key_covers_every_class_both_ways():
    classes = {case["class"] for case in CASES}
    assert classes >= {
        "nested-periods",
        "cumulative",
        "round-numbers",
        "small-counts",
        "sums",
        "relabelled",
        "modality",
        "diagnosis-scope",
        "diagnosis-date",
        "weekday",
        "written-numbers",
        "calendar",
    }
    for name in classes - {"diagnosis-date"}:
        expects = {case["expect"] for case in CASES if case["class"] == name}
        assert "quiet" in expects and expects & {"finding", "note"}, name
