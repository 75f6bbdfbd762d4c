"""Reliability: no hang on files that are not regular, no output over the corpus, no path
out of the corpus through a link, a clear error for every write failure, configuration
and baseline of the wrong shape, text that is not UTF-8, and output that stays safe
(strict XML, inert terminal text, inert Markdown) whatever the input holds."""

import csv
import json
import os
import resource
import socket
import subprocess
import sys
import threading
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli import EXIT_INVALID, EXIT_WRITE, main
from checker.files import write_atomic
from conftest import ROOT, build_corpus, claim, scaled

CORPUS_FILES = (
    "claims/sources.csv",
    "claims/topics.csv",
    "claims/entities.csv",
    "claims/tagged/alpha.csv",
    "seeds/alpha.txt",
    "claims/reviews.csv",
    "claims/ignore.csv",
)
SLOW = settings(max_examples=scaled(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _corpus(tmp_path: Path, name: str = "corpus") -> Path:
    return build_corpus(tmp_path / name, {"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})


def _run(*arguments: str | bytes, cwd: Path = ROOT, timeout: float = 20) -> subprocess.CompletedProcess:
    """The checker as a process, as CI runs it; a hang fails the test instead of the suite."""
    return subprocess.run([sys.executable, "-m", "checker", *arguments], capture_output=True, cwd=cwd, timeout=timeout)


def _make(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "named pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()


# Every file and every kind, not a sample: a reader that opens one of them raw (a named
# pipe blocks it) hides in whichever combination a sample leaves out.
@pytest.mark.parametrize("kind", ["named pipe", "folder", "socket"])
@pytest.mark.parametrize("file", CORPUS_FILES)
def test_any_file_that_is_not_regular_is_a_located_error_never_a_hang(tmp_path_factory, file, kind):
    root = _corpus(tmp_path_factory.mktemp("not-regular"))
    if len(str(root / file)) > 100 and kind == "socket":
        kind = "named pipe"  # socket paths are limited to about a hundred bytes
    _make(root / file, kind)
    process = _run(
        "coverage" if file == "claims/ignore.csv" else "check", "--root", str(root)
    )  # only coverage reads it
    err = process.stderr.decode()
    assert process.returncode == EXIT_INVALID, err
    assert "Traceback" not in err
    shown = "claims/tagged" if kind == "folder" and file.endswith("alpha.csv") else file
    assert shown in err or "no claims tables" in err, err


def test_a_named_pipe_as_the_configuration_is_refused(tmp_path):
    root = _corpus(tmp_path)
    os.mkfifo(root / "claimcheck.toml")
    process = _run("check", "--root", str(root))
    assert process.returncode == EXIT_INVALID and b"not a regular file (a named pipe)" in process.stderr


@SLOW
@given(
    st.sampled_from(
        CORPUS_FILES
        + ("claims/tagged/new.csv", "claims/report.md", "seeds/out.txt", "pyproject.toml", "claimcheck.toml", "claims")
    ),
    st.sampled_from(["check", "baseline"]),
)
def test_no_output_path_inside_the_corpus(tmp_path_factory, target, command):
    root = _corpus(tmp_path_factory.mktemp("outputs"))
    (root / "claims" / "reviews.csv").write_text("fingerprint,decision\n")
    (root / "claimcheck.toml").write_text("")
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    arguments = ["check", "--format", "markdown"] if command == "check" else ["baseline"]
    process = _run(*arguments, "--root", str(root), "-o", str(root / target))
    assert process.returncode == EXIT_INVALID and b"refusing to write" in process.stderr
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == before


def test_reports_refuse_a_folder_inside_the_corpus(tmp_path):
    root = _corpus(tmp_path)
    assert main(["reports", "--root", str(root), "--dir", str(root / "claims" / "tagged")]) == EXIT_INVALID
    assert sorted(p.name for p in (root / "claims" / "tagged").iterdir()) == ["alpha.csv"]


@pytest.mark.parametrize("link", ["seeds", "claims/tagged", "claims/topics.csv"])
def test_links_out_of_the_corpus_are_refused_and_never_echoed(tmp_path, link):
    root = _corpus(tmp_path)
    outside = tmp_path / "outside"
    target = root / link
    if target.is_dir():
        outside.mkdir()
        for child in target.iterdir():
            (outside / child.name).write_bytes(child.read_bytes().replace(b"US$1 billion", b"SECRET TEXT"))
        os.rename(target, tmp_path / "moved")
        target.symlink_to(outside, target_is_directory=True)
    else:
        outside.write_text("key,kind\nsecret-topic,quantity\n")
        target.unlink()
        target.symlink_to(outside)
    process = _run("check", "--root", str(root))
    err = process.stderr.decode()
    assert process.returncode == EXIT_INVALID and "leads outside the corpus" in err
    assert "SECRET" not in err and "secret" not in err


def test_a_link_to_a_system_file_is_refused(tmp_path):
    root = _corpus(tmp_path)
    (root / "claims" / "entities.csv").unlink()
    (root / "claims" / "entities.csv").symlink_to("/etc/passwd")
    process = _run("check", "--root", str(root))
    assert process.returncode == EXIT_INVALID and b"claims/entities.csv:0: -: a symbolic link" in process.stderr


def test_write_failures_are_one_line_errors_and_the_old_file_stays(tmp_path):
    root = _corpus(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "a-file").write_text("keep me")
    for target in (tmp_path / "folder", tmp_path / "a-file" / "report.md"):
        process = _run("check", "--root", str(root), "--format", "markdown", "-o", str(target))
        lines = process.stderr.decode().strip().splitlines()
        assert (
            process.returncode == EXIT_WRITE
            and len(lines) == 1
            and lines[0].startswith(f"claimcheck: cannot write {target}")
        )
    assert (tmp_path / "a-file").read_text() == "keep me"


def test_a_full_disk_is_a_write_error_and_the_old_report_stays(tmp_path):
    root = _corpus(tmp_path)
    report = tmp_path / "report.html"
    report.write_text("the old report")

    def small_files():  # any file the process writes may hold at most 1 KiB: a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    process = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--root", str(root), "--format", "html", "-o", str(report)],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        preexec_fn=small_files,
        env={**os.environ, "CLAIMCHECK_CACHE": "off"},
    )
    assert process.returncode == EXIT_WRITE, process.stderr
    assert process.stderr.decode().strip().startswith(f"claimcheck: cannot write {report}: File too large")
    assert report.read_text() == "the old report"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".report")] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder, so the case cannot arise")
def test_a_read_only_folder_is_a_write_error(tmp_path):
    root = _corpus(tmp_path)
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    assert main(["check", "--root", str(root), "-o", str(folder / "report.md")]) == EXIT_WRITE


def test_writing_to_a_device_or_pipe_writes_through_and_keeps_it(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"] and pipe.is_fifo()
    write_atomic(Path(os.devnull), "discarded")
    assert Path(os.devnull).is_char_device()


CONFIGS = {
    "tool = 1\n": ("tool", "must be a table"),
    "[tool]\nclaimcheck = 1\n": ("claimcheck", "must be a table"),
    "[tool]\nclaimcheck = [1]\n": ("claimcheck", "must be a table"),
    "[tool.claimcheck]\nrules = 3\n": ("rules", "must be a table of rules"),
    "[tool.claimcheck.rules.value-conflict]\ntolerance = nan\n": ("tolerance", "must be a finite number"),
    "[tool.claimcheck.rules.value-conflict]\ntolerance = -0.1\n": ("tolerance", "must be at least 0"),
    "[tool.claimcheck.rules.magnitude-plausibility]\nmax_ratio = 0\n": ("max_ratio", "must be above 1"),
    "[tool.claimcheck.rules.date-conflict]\nslack_days = 1.5\n": ("slack_days", "must be a whole number"),
    '[tool.claimcheck.rules.status-conflict]\nreversals = "yes"\n': ("reversals", "must be true or false"),
    "[tool.claimcheck]\nfail-on = 2\n": ("fail-on", "is not error, warning or note"),
}


@pytest.mark.parametrize("text", CONFIGS, ids=[key.splitlines()[-1] for key in CONFIGS])
def test_configuration_of_the_wrong_shape_or_range_names_file_line_and_key(tmp_path, capsys, text):
    root = _corpus(tmp_path)
    (root / "pyproject.toml").write_text(text)
    assert main(["check", "--root", str(root)]) == EXIT_INVALID
    key, message = CONFIGS[text]
    line = next(number for number, content in enumerate(text.splitlines(), start=1) if key in content)
    err = capsys.readouterr().err
    assert f"pyproject.toml:{line}: {key}: " in err and message in err and "Traceback" not in err


BASELINES = {
    '{"findings": [{"fingerprint": 1}]}': "schema_version",
    '{"schema_version": 1, "findings": [{"fingerprint": 1}]}': "findings[0].fingerprint must be str",
    '{"schema_version": 1, "findings": [{"fingerprint": "a"}]}': "findings[0].rule must be str",
    '{"schema_version": 2, "findings": []}': "schema_version is 2",
    '{"schema_version": 1, "findings": {}}': "'findings' must be a list",
    "[1, 2]": "the top level is list",
    "not json": "is not JSON",
}


@pytest.mark.parametrize("text", BASELINES)
def test_a_malformed_baseline_says_what_is_wrong(tmp_path, capsys, text):
    root = _corpus(tmp_path)
    (tmp_path / "baseline.json").write_text(text)
    assert main(["check", "--root", str(root), "--baseline", str(tmp_path / "baseline.json")]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert BASELINES[text] in err and "Traceback" not in err


def test_command_line_text_that_is_not_utf8_is_refused_and_the_ledger_untouched(tmp_path):
    root = _corpus(tmp_path)
    (root / "seeds" / "alpha.txt").write_text("c1 says US$1 billion.\nc2 says US$2 billion.\n")
    with (root / "claims" / "tagged" / "alpha.csv").open("a", encoding="utf-8") as handle:
        handle.write('c2,trade,US$2 billion,"c2 says US$2 billion.",2024,,,,,,,,,,\n')
    ledger = root / "claims" / "reviews.csv"
    ledger.write_text("fingerprint,decision\n")
    fingerprint = json.loads(_run("check", "--root", str(root), "--format", "json").stdout)["findings"][0][
        "fingerprint"
    ]
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "review",
            fingerprint,
            "--decision",
            "false-positive",
            "--note",
            b"bad \xff byte",
            "--root",
            str(root),
        ],
        capture_output=True,
        cwd=ROOT,
        timeout=20,
    )
    assert process.returncode == EXIT_INVALID and b"is not valid UTF-8" in process.stderr
    assert b"Traceback" not in process.stderr
    assert ledger.read_text() == "fingerprint,decision\n"


CONTROLS = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(
    lambda c: c.isprintable() is False and c not in "\r"
)


@SLOW
@given(CONTROLS, st.sampled_from(["quote", "note"]))
def test_any_control_character_leaves_every_output_readable(tmp_path_factory, control, where):
    """JUnit parses with a strict XML parser, the text report and stderr show the character
    escaped (never raw), Markdown keeps it out of markup."""
    root = tmp_path_factory.mktemp("controls") / "corpus"
    text = f"c1 says US$1 billion{control}.\nc2 says US$2 billion.\n"
    rows = [
        claim("c1", "trade", "US$1 billion", period="2024", quote=f"c1 says US$1 billion{control}."),
        claim("c2", "trade", "US$2 billion", period="2024", quote="c2 says US$2 billion."),
    ]
    build_corpus(root, {"alpha": rows}, texts={"alpha": text})
    if where == "note":
        rows[0]["quote"] = "c1 says US$1 billion"
        build_corpus(root, {"alpha": rows}, texts={"alpha": text})
        fingerprint = json.loads(_run("check", "--root", str(root), "--format", "json").stdout)["findings"][0][
            "fingerprint"
        ]
        assert (
            main(
                [
                    "review",
                    fingerprint,
                    "--decision",
                    "false-positive",
                    "--note",
                    f"a note{control}with a control",
                    "--root",
                    str(root),
                ]
            )
            == 0
        )
    outputs = {
        fmt: _run("check", "--root", str(root), "--format", fmt)
        for fmt in ("junit", "text", "markdown", "json", "sarif")
    }
    ElementTree.fromstring(outputs["junit"].stdout)
    json.loads(outputs["json"].stdout)
    json.loads(outputs["sarif"].stdout)
    raw = control.encode("utf-8")
    if control != "\n":  # a line break is the layout of text and Markdown; any other control is escaped
        assert raw not in outputs["text"].stdout and raw not in outputs["text"].stderr
        assert raw not in outputs["markdown"].stdout


def test_an_escape_sequence_in_a_label_cannot_reach_the_terminal(tmp_path):
    root = build_corpus(
        tmp_path / "corpus",
        {
            "a": [claim("a1", "trade", "US$1 billion", period="2024")],
            "b": [claim("b1", "trade", "US$3 billion", period="2024")],
        },
    )
    (root / "claims" / "topics.csv").write_text(
        "key,kind,unit,label\ntrade,quantity,USD,\x1b]8;;http://evil\x07Trade\x1b[2J\n"
    )
    process = _run("check", "--root", str(root))
    assert b"\x1b" not in process.stdout and b"\x07" not in process.stdout
    assert b"\\x1b]8;;http://evil\\x07Trade\\x1b[2J" in process.stdout


def test_dollar_maths_stays_text_in_markdown(tmp_path):
    from checker.formats.markdown import escape

    assert escape("costs $x^2$ and $5") == "costs \\$x^2\\$ and \\$5"


def test_the_ledger_rows_stay_csv(tmp_path):
    with (ROOT / "claims" / "reviews.csv").open(encoding="utf-8") as handle:
        assert all(len(row) == 9 for row in csv.reader(handle))


def test_a_text_path_too_long_for_the_file_system_is_a_located_error(tmp_path, capsys):
    root = build_corpus(
        tmp_path / "corpus",
        {"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]},
        sources=[{"id": "alpha", "file": "9" * 400, "published": "2025-01-01"}],
    )
    assert main(["check", "--root", str(root)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "claims/sources.csv:2: file: cannot read seeds/999" in err and "File name too long" in err
