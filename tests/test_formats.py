"""Every format, built from one small corpus with known findings, read back by real parsers."""

import json
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from checker.cli import main
from conftest import SHARED, claim

# The official SARIF 2.1.0 schema: where CI provides it (../shared beside the project), or
# wherever CLAIMCHECK_SARIF_SCHEMA says. Without it the test is skipped with its reason
# (shown in the summary: pytest runs with -rs), except under CI, where it fails.
SARIF_SCHEMA = Path(os.environ.get("CLAIMCHECK_SARIF_SCHEMA") or SHARED / "schemas" / "sarif-schema-2.1.0.json")
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) ![i](http://x/y.png)"

CLAIMS = {
    "orf": [
        claim("orf-2024", "trade", "US$1 billion", period="2024"),
        claim("orf-court", "court-ruling", "2025-04-17", quote=f"on 17 April 2025 {HOSTILE}"),
    ],
    "capss": [
        claim("capss-2024", "trade", "USD 12.42 billion", period="2024", cites="amu"),
        claim("capss-court", "court-ruling", "2025-04-21", quote="on April 21, 2025"),
    ],
    "amu": [claim("amu-total", "total-trade", ">12 billion USD", period="2024")],
}


# capss is published after orf: a two-sided conflict points at the later source's claim.
SOURCES = [
    {"id": "orf", "file": "orf.txt", "published": "2025-04-28"},
    {"id": "capss", "file": "capss.txt", "published": "2025-07-27"},
    {"id": "amu", "file": "amu.txt", "published": "2025-01-05"},
]


@pytest.fixture
def corpus(corpus_dir):
    return corpus_dir(CLAIMS, sources=SOURCES)


def run(corpus, *args, capsys=None):
    code = main(["check", "--root", str(corpus), *args])
    return code


def render(corpus, fmt, tmp_path, *extra):
    output = tmp_path / f"report.{fmt}"
    code = main(["check", "--root", str(corpus), "--format", fmt, "-o", str(output), *extra])
    return code, output.read_text(encoding="utf-8")


def test_json_report(corpus, tmp_path):
    code, text = render(corpus, "json", tmp_path)
    assert code == 1
    data = json.loads(text)
    assert list(data) == [
        "schema_version",
        "tool",
        "run",
        "summary",
        "rules",
        "findings",
        "resolved",
        "stale_reviews",
        "errors",
    ]
    rules = sorted(f["rule"] for f in data["findings"])
    assert rules == ["citation-consistency", "date-conflict", "value-conflict"]
    finding = next(f for f in data["findings"] if f["rule"] == "value-conflict")
    assert list(finding) == [
        "fingerprint",
        "identity",
        "rule",
        "severity",
        "topic",
        "message",
        "diagnosis",
        "status",
        "previous_fingerprint",
        "review",
        "subject",
        "claims",
        "failing",
    ]
    assert finding["status"] == "new" and finding["review"] is None
    assert {c["claim_id"] for c in finding["claims"]} == {"orf-2024", "capss-2024"}
    assert all(
        set(c) == {"source", "claim_id", "file", "line", "quote", "value", "normalised", "period"}
        for c in finding["claims"]
    )
    assert data["run"]["corpus"]["claims"] == 5 and len(data["run"]["inputs_sha256"]) == 64
    assert data["summary"]["error"] == 2 and data["summary"]["failing"] == 2


def test_reports_are_byte_identical_across_runs(corpus, tmp_path):
    for fmt in ("json", "markdown", "sarif", "junit", "html", "text"):
        first = render(corpus, fmt, tmp_path)[1]
        second = render(corpus, fmt, tmp_path)[1]
        assert first == second, fmt


def test_sarif_validates_against_the_official_schema(corpus, tmp_path):
    if not SARIF_SCHEMA.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI provides the official SARIF schema at {SARIF_SCHEMA}, but it is missing")
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA} (set CLAIMCHECK_SARIF_SCHEMA)")
    import jsonschema

    _, text = render(corpus, "sarif", tmp_path)
    document = json.loads(text)
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run_ = document["runs"][0]
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]][0] == "value-conflict"
    result = next(r for r in run_["results"] if r["ruleId"] == "value-conflict")
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "claims/tagged/capss.csv"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "claims/tagged/orf.csv"
    assert len(result["partialFingerprints"]["claimcheckFingerprint/v1"]) == 16


def test_junit_reads_with_a_standard_parser(corpus, tmp_path):
    _, text = render(corpus, "junit", tmp_path)
    root = ElementTree.fromstring(text.encode("utf-8"))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert "value-conflict" in suites and "date-conflict" in suites
    cases = {(case.get("classname"), case.get("name")): case for case in root.iter("testcase")}
    failing = cases[("claimcheck.value-conflict", "trade: capss-2024, orf-2024")]
    assert failing.find("failure") is not None and "12.4×" in failing.find("failure").get("message")
    assert (failing.get("file"), failing.get("line")) == ("claims/tagged/capss.csv", "2")
    assert cases[("claimcheck.citation-consistency", "trade: amu-total, capss-2024")].find("failure") is None
    assert int(root.get("failures")) == 2  # value conflict and date conflict are errors; the citation warning is not


def test_markdown_lists_new_findings_with_links(corpus, tmp_path):
    _, text = render(corpus, "markdown", tmp_path)
    assert text.startswith("## claimcheck: ❌ failing")
    assert "[claims/tagged/capss.csv:2](claims/tagged/capss.csv#L2)" in text
    assert text.index("### New and changed findings") < text.index("date-conflict")


def test_hostile_quotes_render_as_text(corpus, tmp_path):
    _, markdown = render(corpus, "markdown", tmp_path)
    unescaped = re.compile(r"(?<!\\)(<script|<img|\]\(javascript|!\[i\]\()")
    assert not unescaped.search(markdown)
    assert "\\<script\\>" in markdown
    _, html = render(corpus, "html", tmp_path)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_fail_on_warning_and_output_to_stdout(corpus, capsys):
    assert main(["check", "--root", str(corpus), "--fail-on", "warning", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["failing"] == 3 and data["run"]["fail_on"] == "warning"


def test_clean_corpus_exits_0(corpus_dir, capsys):
    root = corpus_dir({"orf": [claim("orf-2024", "trade", "US$1 billion", period="2024")]})
    assert main(["check", "--root", str(root)]) == 0
    assert capsys.readouterr().out.strip().endswith("0 failing at 'error'")


def test_a_figures_bounds_show_in_full_from_a_thousand_up():
    """58,412 MW read to the unit is 58,411.5 to 58,412.5: its bounds never print as
    58,412 to 58,412 (and 18,013 never as 18,012 to 18,014, rounding half to even)."""
    from checker import display

    assert display.quantity(58411.5, 58412.5, 58412, 1, "MW") == "58,412 MW (58,411.5–58,412.5)"
    assert display.quantity(18012.5, 18013.5, 18013, 1, "") == "18,013 (18,012.5–18,013.5)"
    assert display.number(1234.5) == "1,234"  # a figure itself stays at its four digits


def test_a_conversion_only_base_units_could_show_is_shown_as_written(normalised):
    """US$5,000/MWh converted "~$6,860/MWh" in a Canadian text, under a topic in USD/MWh:
    the conversion shows in the topic's unit with its own currency (CAD/MWh), never as CAD *
    second ** 2 / kilogram / meter ** 2."""
    from checker.pairing import value_text
    from conftest import claim

    topics = [{"key": "cap", "kind": "quantity", "unit": "USD/MWh"}]
    sources = [{"id": "a", "file": "a.txt", "published": "2025-07-30", "currency": "CAD"}]
    rows = {"a": [claim("c", "cap", "US$5,000/MWh", converted="~$6,860/MWh", quote="US$5,000/MWh (~$6,860/MWh)")]}
    row = normalised(rows, topics=topics, entities=[], sources=sources).claims.iloc[0]
    assert value_text(row, "converted_") == "6,860 CAD/MWh (6,517–7,203)"
    assert "5,000" in value_text(row) and "**" not in value_text(row)


def test_a_figure_shows_inside_its_own_interval():
    """1,856.7 roubles (1,856.65–1,856.75) shows as 1,856.7, not 1,857, which lies outside
    the interval it is shown with; 4,345,346 as 4.345346 million; a round figure as before."""
    from checker import display

    assert display.quantity(1856.65, 1856.75, 1856.7, 1, "RUB/t") == "1,856.7 RUB/t (1,856.65–1,856.75)"
    assert display.quantity(4345345.5, 4345346.5, 4345346, 1, "").startswith("4.345346 million (")
    assert display.quantity(0.95e9, 1.05e9, 1e9, 1, "USD") == "1 billion USD (950 million–1.05 billion)"
