"""Baselines: changing one claim gives exactly the expected new, changed and resolved findings,
in every format; --since reads the old corpus from git without touching the working tree."""

import json
import xml.etree.ElementTree as ElementTree

from checker.cli import main
from conftest import build_corpus, claim, git

BEFORE = {
    "orf": [
        claim("orf-2024", "trade", "US$1 billion", period="2024"),
        claim("orf-court", "court-ruling", "2025-04-17", quote="on 17 April 2025"),
        claim("orf-rec", "recognition", "not-recognised", period="2025-07"),
    ],
    "capss": [
        claim("capss-2024", "trade", "USD 12.42 billion", period="2024"),
        claim("capss-court", "court-ruling", "2025-04-17", quote="on April 17, 2025"),
        claim("capss-rec", "recognition", "recognised", period="2025-07"),
    ],
}


def after():
    """capss-2024 now agrees (the value conflict is resolved), the court date moves (a new
    date conflict), and the status claim changes period (the status conflict changes)."""
    changed = {source: [dict(row) for row in rows] for source, rows in BEFORE.items()}
    changed["capss"][0].update(value="US$1.1 billion", quote="capss-2024 says US$1.1 billion.")
    changed["capss"][1].update(value="2025-04-21", quote="on April 21, 2025")
    changed["capss"][2].update(period="2025-07-15/2025-07-31")
    return changed


def test_one_change_gives_new_changed_and_resolved_in_every_format(tmp_path):
    root = build_corpus(tmp_path / "corpus", BEFORE)
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", "--root", str(root), "-o", str(baseline)]) == 0
    old = json.loads(baseline.read_text())
    assert sorted(f["rule"] for f in old["findings"]) == ["status-conflict", "value-conflict"]

    build_corpus(tmp_path / "corpus", after())
    outputs = {}
    for fmt in ("json", "markdown", "sarif", "junit", "html", "text"):
        path = tmp_path / f"out.{fmt}"
        code = main(["check", "--root", str(root), "--baseline", str(baseline), "--format", fmt, "-o", str(path)])
        assert code == 1  # the new date conflict fails
        outputs[fmt] = path.read_text(encoding="utf-8")

    data = json.loads(outputs["json"])
    statuses = sorted((f["rule"], f["status"]) for f in data["findings"])
    assert statuses == [("date-conflict", "new"), ("status-conflict", "changed")]
    assert [f["rule"] for f in data["resolved"]] == ["value-conflict"]
    changed = next(f for f in data["findings"] if f["status"] == "changed")
    assert changed["previous_fingerprint"] == next(
        f["fingerprint"] for f in old["findings"] if f["rule"] == "status-conflict"
    )
    assert data["summary"]["new"] == 1 and data["summary"]["changed"] == 1 and data["summary"]["resolved"] == 1

    sarif = json.loads(outputs["sarif"])["runs"][0]
    assert sorted(r["baselineState"] for r in sarif["results"]) == ["new", "updated"]
    assert sarif["properties"]["resolved"] == [f["fingerprint"] for f in data["resolved"]]
    assert "### Resolved findings (1)" in outputs["markdown"] and "date\\-conflict" not in outputs["markdown"]
    assert "· new" in outputs["markdown"] and "· changed" in outputs["markdown"]
    assert 'data-status="resolved"' in outputs["html"] and 'data-status="changed"' in outputs["html"]
    assert "1 new, 1 changed, 0 unchanged, 1 resolved" in outputs["text"]
    junit = ElementTree.fromstring(outputs["junit"].encode())
    failed = sorted(case.get("classname") for case in junit.iter("testcase") if case.find("failure") is not None)
    assert failed == ["claimcheck.date-conflict", "claimcheck.status-conflict"]
    resolved_case = next(
        case for case in junit.iter("testcase") if case.get("classname") == "claimcheck.value-conflict"
    )
    assert resolved_case.get("name").startswith("trade: ") and resolved_case.find("failure") is None
    assert "[resolved]" in resolved_case.find("system-out").text


def test_unchanged_findings_pass_against_their_baseline(tmp_path):
    root = build_corpus(tmp_path / "corpus", BEFORE)
    baseline = tmp_path / "baseline.json"
    main(["baseline", "--root", str(root), "-o", str(baseline)])
    assert main(["check", "--root", str(root), "--baseline", str(baseline)]) == 0


def test_since_a_git_revision(tmp_path, capsys):
    root = build_corpus(tmp_path / "corpus", BEFORE)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "before")
    build_corpus(tmp_path / "corpus", after())
    before_files = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert main(["check", "--root", str(root), "--since", "HEAD", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert sorted((f["rule"], f["status"]) for f in data["findings"]) == [
        ("date-conflict", "new"),
        ("status-conflict", "changed"),
    ]
    assert data["run"]["baseline"] == "git:HEAD"
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts} == before_files


def test_bad_baseline_and_revision_are_usage_errors(tmp_path, capsys):
    root = build_corpus(tmp_path / "corpus", BEFORE)
    (tmp_path / "junk.json").write_text("{}")
    assert main(["check", "--root", str(root), "--baseline", str(tmp_path / "junk.json")]) == 2
    assert main(["check", "--root", str(root), "--since", "no-such-ref"]) == 2
    assert "Traceback" not in capsys.readouterr().err
