"""The review ledger: a decision silences a finding in CI, shows in every report, goes
stale when the finding goes or changes, and concurrent reviews both land."""

import csv
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from checker import files
from checker.cli import main
from conftest import ROOT, build_corpus, claim

CLAIMS = {
    "orf": [
        claim("orf-2024", "trade", "US$1 billion", period="2024"),
        claim("orf-court", "court-ruling", "2025-04-17", quote="on 17 April 2025"),
    ],
    "capss": [
        claim("capss-2024", "trade", "USD 12.42 billion", period="2024"),
        claim("capss-court", "court-ruling", "2025-04-21", quote="on April 21, 2025"),
    ],
}


def findings(root, capsys, *extra):
    main(["check", "--root", str(root), "--format", "json", *extra])
    return json.loads(capsys.readouterr().out)


def test_a_review_silences_one_finding_and_shows_in_html(tmp_path, capsys):
    root = build_corpus(tmp_path / "corpus", CLAIMS)
    data = findings(root, capsys)
    by_rule = {f["rule"]: f["fingerprint"] for f in data["findings"]}
    assert main(["check", "--root", str(root)]) == 1
    capsys.readouterr()
    assert (
        main(
            [
                "review",
                "--root",
                str(root),
                by_rule["value-conflict"][:8],
                "--decision",
                "accepted-difference",
                "--note",
                "Different scopes: <b>bilateral</b> vs total.",
                "--reviewer",
                "desk",
                "--date",
                "2025-08-01",
            ]
        )
        == 0
    )
    assert "added review" in capsys.readouterr().out
    data = findings(root, capsys)
    reviewed = {f["rule"]: f["review"] for f in data["findings"]}
    assert reviewed["value-conflict"]["decision"] == "accepted-difference"
    assert reviewed["date-conflict"] is None
    assert main(["check", "--root", str(root)]) == 1  # the date conflict still fails
    capsys.readouterr()
    main(
        [
            "review",
            "--root",
            str(root),
            by_rule["date-conflict"],
            "--decision",
            "confirmed-error",
            "--note",
            "capss misdates it",
        ]
    )
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 0
    html = tmp_path / "report.html"
    main(["check", "--root", str(root), "--format", "html", "-o", str(html)])
    page = html.read_text()
    assert 'data-review="reviewed"' in page and "accepted-difference" in page
    assert "&lt;b&gt;bilateral&lt;/b&gt;" in page


def test_updating_a_review_keeps_every_other_row(tmp_path, capsys):
    root = build_corpus(tmp_path / "corpus", CLAIMS)
    ledger = root / "claims" / "reviews.csv"
    ledger.write_text(
        "fingerprint,decision,reviewer,date,note,expires,rule,topic,claims\n"
        "0000000000000000,false-positive,old,2024-01-01,kept as is,,value-conflict,trade,a; b\n"
    )
    fingerprint = next(f["fingerprint"] for f in findings(root, capsys)["findings"] if f["rule"] == "value-conflict")
    main(["review", "--root", str(root), fingerprint, "--decision", "false-positive", "--note", "first"])
    main(["review", "--root", str(root), fingerprint, "--decision", "accepted-difference", "--note", '=HYPERLINK("x")'])
    rows = list(csv.DictReader(ledger.open()))
    assert [row["fingerprint"] for row in rows] == ["0000000000000000", fingerprint]
    assert rows[0]["note"] == "kept as is"
    assert rows[1]["decision"] == "accepted-difference"
    assert rows[1]["note"] == '\'=HYPERLINK("x")'  # neutralised for spreadsheets


def test_stale_reviews_are_reported(tmp_path, capsys):
    root = build_corpus(tmp_path / "corpus", CLAIMS)
    data = findings(root, capsys)
    fingerprint = next(f["fingerprint"] for f in data["findings"] if f["rule"] == "value-conflict")
    main(
        [
            "review",
            "--root",
            str(root),
            fingerprint,
            "--decision",
            "accepted-difference",
            "--note",
            "ok",
            "--expires",
            "2030-01-01",
        ]
    )
    capsys.readouterr()
    changed = {
        **CLAIMS,
        "capss": [dict(CLAIMS["capss"][0], value="USD 12.5 billion", quote="USD 12.5 billion")] + CLAIMS["capss"][1:],
    }
    build_corpus(tmp_path / "corpus", changed)
    data = findings(root, capsys)
    (stale,) = data["stale_reviews"]
    assert stale["fingerprint"] == fingerprint and stale["reason"].startswith("the values changed")
    assert main(["check", "--root", str(root)]) == 1  # the changed finding is unreviewed again
    capsys.readouterr()
    data = findings(root, capsys, "--today", "2031-01-01")
    build_corpus(tmp_path / "corpus", CLAIMS)
    data = findings(root, capsys, "--today", "2031-01-01")
    assert data["stale_reviews"][0]["reason"] == "the decision expired on 2030-01-01"


def test_unknown_fingerprint_and_bad_ledger(tmp_path, capsys):
    root = build_corpus(tmp_path / "corpus", CLAIMS)
    assert main(["review", "--root", str(root), "ffffffff", "--decision", "false-positive", "--note", "x"]) == 2
    (root / "claims" / "reviews.csv").write_text("fingerprint,decision\nabc,maybe\n")
    assert main(["check", "--root", str(root)]) == 2
    assert "claims/reviews.csv:2: decision: 'maybe' is not one of" in capsys.readouterr().err


def test_concurrent_reviews_both_land(tmp_path, capsys):
    root = build_corpus(tmp_path / "corpus", CLAIMS)
    fingerprints = [f["fingerprint"] for f in findings(root, capsys)["findings"]]
    assert len(fingerprints) == 2
    commands = [
        [
            sys.executable,
            "-m",
            "checker",
            "review",
            "--root",
            str(root),
            fingerprint,
            "--decision",
            "accepted-difference",
            "--note",
            f"parallel {n}",
        ]
        for n, fingerprint in enumerate(fingerprints)
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(
            pool.map(lambda command: subprocess.run(command, cwd=ROOT, capture_output=True, text=True), commands)
        )
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    rows = list(csv.DictReader((root / "claims" / "reviews.csv").open()))
    assert sorted(row["fingerprint"] for row in rows) == sorted(fingerprints)


def test_a_failure_mid_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old and whole")

    def broken_fsync(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        files.write_atomic(target, "new " * 1000)
    assert target.read_text() == "old and whole"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


@pytest.mark.parametrize(
    "cell, safe",
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-12.5", "-12.5"),
        ("@cmd", "'@cmd"),
        ("plain", "plain"),
        ("-x", "'-x"),
        ("", ""),
    ],
)
def test_spreadsheet_safe_cells(cell, safe):
    assert files.spreadsheet_safe(cell) == safe
