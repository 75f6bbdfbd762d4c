"""The bundled corpus: valid, fully covered, its findings the brief's conflicts and all
reviewed, its reports up to date, and the README's description of it true."""

import csv
import json
import shutil

import pytest

from checker.cli import main
from checker.corpus import load_corpus
from checker.coverage import coverage
from checker.normalise import normalise
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bundled():
    return normalise(load_corpus(ROOT))


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    output = tmp_path_factory.mktemp("bundled") / "report.json"
    assert main(["check", "--root", str(ROOT), "--format", "json", "-o", str(output)]) == 0
    return json.loads(output.read_text(encoding="utf-8"))


def test_loads_without_problems(bundled):
    assert bundled.problems == []
    assert len(bundled.texts) == 5 and len(bundled.claims) > 150


def test_every_mention_is_covered(bundled):
    result = coverage(bundled, ROOT)
    assert result.problems == [] and result.unused_ignores == []
    missing = [f"{m.file}:{m.line}: {m.text}" for m in result.mentions if m.status == "missing"]
    assert missing == []


def test_the_brief_conflicts_are_found_with_their_diagnosis(record):
    by_claims = {tuple(c["claim_id"] for c in f["claims"]): f for f in record["findings"]}
    trade = by_claims[("capss-trade-2024", "orf-trade-2024")]
    assert trade["rule"] == "value-conflict" and trade["severity"] == "error"
    assert trade["diagnosis"].startswith("different scope") and "amu-2025-01-05" in trade["diagnosis"]
    lpg = next(f for f in record["findings"] if f["rule"] == "stated-conversion")
    assert "orf-lpg-transit-contract" in [c["claim_id"] for c in lpg["claims"]]
    assert "LPG as a liquid" in lpg["message"] and "implausible" in lpg["diagnosis"]


def test_every_finding_is_reviewed_and_make_check_passes(record):
    assert record["findings"] and all(f["review"] for f in record["findings"])
    assert record["summary"]["failing"] == 0 and record["stale_reviews"] == []


def test_a_new_unreviewed_conflict_fails_the_check(tmp_path, capsys):
    copy = tmp_path / "corpus"
    for folder in ("seeds", "claims"):
        shutil.copytree(ROOT / folder, copy / folder)
    # An editor mis-tags the Crocus City Hall attack with the Dagestan attacks' month.
    tagged = copy / "claims" / "tagged" / "unsigned-2025.csv"
    header = tagged.read_text(encoding="utf-8").splitlines()[0].split(",")
    with tagged.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerow(
            {
                "id": "uns-crocus-mistagged",
                "topic": "crocus-city-hall-attack",
                "value": "2024-06",
                "quote": "in June 2024",
            }
        )
    code = main(["check", "--root", str(copy), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    failing = [f for f in data["findings"] if f["failing"]]
    assert code == 1
    assert failing and {f["rule"] for f in failing} == {"date-conflict"}
    assert all("uns-crocus-mistagged" in [c["claim_id"] for c in f["claims"]] for f in failing)
    assert sum(1 for f in data["findings"] if f["review"]) == 10  # the reviewed findings stay reviewed


def _rules_in_the_reports() -> list[str]:
    return [
        rule["id"] for rule in json.loads((ROOT / "reports" / "baseline.json").read_text(encoding="utf-8"))["rules"]
    ]


def test_generated_reports_are_up_to_date(tmp_path, monkeypatch):
    # Regenerated with the rules the committed reports list: a rule added since changes only
    # the list of rules in them, as long as it finds nothing here (the next test).
    import checker.rules

    listed = _rules_in_the_reports()
    monkeypatch.setattr(checker.rules, "RULES", tuple(rule for rule in checker.rules.RULES if rule.ID in listed))
    assert [rule.ID for rule in checker.rules.RULES] == listed, (
        "reports/ lists a rule that is not registered: run `claimcheck reports`"
    )
    assert main(["reports", "--root", str(ROOT), "--dir", str(tmp_path)]) == 0
    committed = ROOT / "reports"
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == sorted(path.name for path in committed.iterdir())
    for name in names:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), (
            f"reports/{name} is stale: run `claimcheck reports`"
        )


def corpus_section(bundled) -> str:
    """The README's description of the corpus, generated from the data."""
    sources, claims, topics = bundled.sources, bundled.claims, bundled.topics
    lines = ["| source | title | published | claims |", "| --- | --- | --- | --: |"]
    for row in sources[sources["file"] != ""].sort_values("id").itertuples():
        count = int((claims["source"] == row.id).sum())
        lines.append(f"| `{row.id}` | {row.title or '(untitled)'} | {row.published or '(undated)'} | {count} |")
    cited = sources[sources["file"] == ""]
    with_claims = sorted(set(claims["source"]) & set(cited["id"]))
    cited_claims = int(claims["source"].isin(cited["id"]).sum())
    kinds = claims.groupby("kind")["id"].size()
    used = claims["topic"].nunique()
    lines += [
        "",
        f"{len(claims)} claims in {used} topics ({', '.join(f'{kinds.get(k, 0)} {k}' for k in ('quantity', 'count', 'date', 'status'))} claims); "
        f"{len(cited)} works cited in footnotes are sources too, {len(with_claims)} of them with {cited_claims} claims taken from their headlines; "
        f"{len(topics)} topics and {len(bundled.entities)} entities are defined.",
    ]
    return "\n".join(lines)


def test_readme_describes_the_corpus(bundled):
    expected = corpus_section(bundled)
    assert expected in README, "README corpus section is stale; it should read:\n\n" + expected


def test_rules_the_reports_leave_out_find_nothing(bundled):
    """So the committed reports still hold every finding; `claimcheck reports` lists the new rule."""
    from checker import engine
    from checker.config import load_config
    from checker.rules import RULES

    unlisted = tuple(rule for rule in RULES if rule.ID not in _rules_in_the_reports())
    findings = engine.run(bundled, load_config(ROOT, RULES), rules=unlisted).findings
    assert findings == [], (
        f"{sorted({f.rule for f in findings})} find something: review it, then run `claimcheck reports`"
    )
