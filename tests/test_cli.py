"""The command line: exit codes and exact output."""

import gc
import json
import subprocess
import sys
from pathlib import Path

from checker.cli import main
from conftest import ROOT, claim

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def test_check_on_valid_corpus_exits_0(corpus_dir, capsys):
    root = corpus_dir({"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    assert main(["check", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "1 sources (1 texts), 1 claims" in out


def test_broken_corpus_exits_2_with_every_problem(capsys):
    assert main(["check", "--root", str(BROKEN)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "claimcheck: 10 problem(s) in the input data"
    assert err[-2] == "claimcheck: no rule ran: these problems leave no claim that can be checked alone; fix them first"
    assert len(err) == 12 and all(line.startswith("claims/tagged/alpha.csv:") for line in err[:-2])


def test_no_traceback_as_a_process():
    process = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--root", str(BROKEN)], capture_output=True, text=True, cwd=ROOT
    )
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    assert "claims/tagged/alpha.csv:3: value:" in process.stderr


def test_usage_error_exits_2(capsys):
    assert main(["frobnicate"]) == 2
    assert main(["check", "--root", "/nonexistent-corpus"]) == 2


def test_the_inputs_hashed_in_the_background_are_hashed_as_in_the_foreground(tmp_path):
    from checker import report

    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "b.txt").write_text("second")
    files = ["b.txt", "a.txt", "missing.txt"]
    report.hash_inputs_in_background(tmp_path, files)
    first = report.inputs_hash(tmp_path, files)
    assert first == report._inputs_hash(tmp_path, ["a.txt", "b.txt", "missing.txt"])
    # A result is taken once: a later run over changed files hashes them again.
    (tmp_path / "a.txt").write_text("changed")
    assert report.inputs_hash(tmp_path, files) == report._inputs_hash(tmp_path, files) != first
    report.hash_inputs_in_background(tmp_path, ["a.txt"])
    assert report.inputs_hash(tmp_path, ["b.txt"]) == report._inputs_hash(tmp_path, ["b.txt"])  # another set of files
    # A hash started again after the files changed is the new one, never the one left unused.
    report.hash_inputs_in_background(tmp_path, files)
    report._hashing[(str(tmp_path), tuple(sorted(set(files))))].result()
    (tmp_path / "b.txt").write_text("changed too")
    report.hash_inputs_in_background(tmp_path, files)
    assert report.inputs_hash(tmp_path, files) == report._inputs_hash(tmp_path, files)


def test_the_process_entry_tunes_the_collector_and_freezes_what_is_left_on_exit(monkeypatch):
    from checker import cli

    seen = {}

    def fake_main():
        seen["threshold"] = gc.get_threshold()[0]
        seen["frozen"] = gc.get_freeze_count()
        return 7

    threshold = gc.get_threshold()
    monkeypatch.setattr(cli, "main", fake_main)
    gc.unfreeze()
    try:
        assert cli.entry() == 7
        assert seen == {"threshold": 200_000, "frozen": 0}  # nothing frozen while the check runs
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_a_process_ends_with_its_reports_whole(corpus_dir, tmp_path):
    root = corpus_dir({"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    report = tmp_path / "report.json"
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            "--root",
            str(root),
            "--format",
            "json",
            "-o",
            "-",
            "-o",
            str(report),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert process.returncode == 0, process.stderr
    assert json.loads(process.stdout) == json.loads(report.read_text(encoding="utf-8"))
    assert json.loads(process.stdout)["run"]["corpus"]["claims"] == 1
