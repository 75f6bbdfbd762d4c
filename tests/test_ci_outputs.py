"""CI outputs, checked with their real consumers: the official SARIF schema, actionlint,
pre-commit, a GitHub-flavoured CommonMark renderer (cmark-gfm, the one GitHub runs),
junitparser and Jenkins' JUnit schema; and the workflow's own shell steps, run as GitHub
runs them (bash -e) on a broken corpus and on one with a new conflict."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import yaml
from consumers import actionlint, junit_schema, require

from checker.cli import EXIT_FINDINGS, EXIT_INVALID, main
from conftest import ROOT, SHARED, build_corpus, claim, git

SARIF_SCHEMA = Path(os.environ.get("CLAIMCHECK_SARIF_SCHEMA") or SHARED / "schemas" / "sarif-schema-2.1.0.json")
WORKFLOW = ROOT / ".github" / "workflows" / "claimcheck.yml"
BIN = Path(sys.executable).parent
TOPICS = [
    {"key": "trade", "kind": "quantity", "unit": "USD", "part_of": "total-trade"},
    {"key": "total-trade", "kind": "quantity", "unit": "USD"},
    {"key": "lpg-contract", "kind": "quantity", "unit": "t", "substance": "lpg", "bounded_by": "lpg-demand"},
    {"key": "lpg-demand", "kind": "quantity", "unit": "t/year", "substance": "lpg"},
]
SOURCES = [
    {"id": "early", "file": "early.txt", "published": "2025-01-10"},
    {"id": "late", "file": "late.txt", "published": "2025-06-30"},
]


def _validate_sarif(text: str) -> dict:
    if not SARIF_SCHEMA.is_file():
        require(None, f"the official SARIF schema ({SARIF_SCHEMA})")
    import jsonschema

    document = json.loads(text)
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    return document


def _broken(root: Path) -> Path:
    build_corpus(
        root,
        {"early": [claim("e1", "trade", "US$1 billion", period="2024")]},
        topics=TOPICS,
        entities=[],
        sources=SOURCES[:1],
        texts={"early": "e1 says US$1 billion.\ne2 says lots of money.\n"},
    )
    with (root / "claims" / "tagged" / "early.csv").open("a", encoding="utf-8") as handle:
        handle.write('e2,trade,lots of money,"e2 says lots of money.",2024,,,,,,,,,,\n')
    return root


def test_invalid_data_still_writes_every_report_with_the_errors_located(tmp_path, capsys):
    root = _broken(tmp_path / "corpus")
    out = tmp_path / "out"
    files = [out / name for name in ("r.sarif", "r.json", "r.xml", "r.md", "r.html", "r.log")]
    assert main(["check", "--root", str(root), *[arg for f in files for arg in ("-o", str(f))]]) == EXIT_INVALID
    assert "claims/tagged/early.csv:3: value: no number" in capsys.readouterr().err
    sarif = _validate_sarif(files[0].read_text())["runs"][0]
    (result,) = sarif["results"]
    assert result["ruleId"] == "data-error" and result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert json.loads(files[1].read_text())["errors"][0] == {
        "file": "claims/tagged/early.csv",
        "line": 3,
        "column": "value",
        "message": "no number in 'lots of money' (write digits, e.g. '~2,500' or '1.5 billion USD')",
    }
    junit = ElementTree.fromstring(files[2].read_bytes())
    failing = [case for case in junit.iter("testcase") if case.find("failure") is not None]
    assert [(case.get("file"), case.get("line")) for case in failing] == [("claims/tagged/early.csv", "3")]
    assert "### Data errors (1)" in files[3].read_text() and "claims/tagged/early.csv:3" in files[3].read_text()
    assert "claims/tagged/early.csv:3" in files[4].read_text()
    assert files[5].read_text().startswith("claims/tagged/early.csv:3: error data-error value: no number")


def _primary(document: dict, rule: str) -> tuple[str, int]:
    result = next(r for r in document["runs"][0]["results"] if r["ruleId"] == rule)
    location = result["locations"][0]["physicalLocation"]
    return location["artifactLocation"]["uri"], location["region"]["startLine"]


def test_sarif_points_at_the_claim_at_fault(tmp_path):
    claims = {
        "early": [
            claim("e-trade", "trade", "US$20 billion", period="2024"),
            claim(
                "e-demand",
                "lpg-demand",
                "~700,000 t/year",
                period="2025",
                modality="estimate",
                quote="about 700,000 t/year",
            ),
            claim(
                "e-convert",
                "lpg-contract",
                "50 million m^3",
                period="2025",
                converted="~26.3 million t",
                modality="plan",
                quote="50 million m^3 (about 26.3 million t)",
            ),
        ],
        "late": [
            claim("l-total", "total-trade", "US$12 billion", period="2024"),
            claim("l-cites", "trade", "US$7 billion", period="2024", cites="early"),
            claim("l-trade", "trade", "US$5 billion", period="2024"),
        ],
    }
    root = build_corpus(tmp_path / "corpus", claims, topics=TOPICS, entities=[], sources=SOURCES)
    main(["check", "--root", str(root), "-o", str(tmp_path / "r.sarif")])
    document = _validate_sarif((tmp_path / "r.sarif").read_text())
    assert _primary(document, "stated-conversion") == ("claims/tagged/early.csv", 4)  # the converting claim
    assert _primary(document, "magnitude-plausibility") == ("claims/tagged/early.csv", 2)  # the part above its whole
    assert _primary(document, "citation-consistency") == ("claims/tagged/late.csv", 3)  # the citing claim
    assert _primary(document, "value-conflict") == (
        "claims/tagged/late.csv",
        3,
    )  # two-sided: the later-published source
    result = next(r for r in document["runs"][0]["results"] if r["ruleId"] == "stated-conversion")
    assert [related["physicalLocation"]["region"]["startLine"] for related in result["relatedLocations"]] == [3]


def test_a_conflict_a_change_adds_points_at_the_changed_file_in_a_subfolder(tmp_path):
    """The corpus lives in data/ of a repository: SARIF paths start at the repository root,
    and the new claim's file (changed in the working tree) is the primary location even
    though its source was published first."""
    repository = tmp_path / "repository"
    root = _early_and_late(repository / "data", "US$1 billion")
    git(repository, "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "corpus")
    (root / "seeds" / "early.txt").write_text("e1 says US$1 billion.\ne2 says US$4 billion.\n")
    with (root / "claims" / "tagged" / "early.csv").open("a", encoding="utf-8") as handle:
        handle.write('e2,trade,US$4 billion,"e2 says US$4 billion.",2024,,,,,,,,,,\n')
    main(["check", "--root", str(root), "-o", str(tmp_path / "r.sarif")])
    document = _validate_sarif((tmp_path / "r.sarif").read_text())
    assert {_primary(document, "value-conflict")} == {("data/claims/tagged/early.csv", 3)}
    assert "%SRCROOT%" in document["runs"][0]["originalUriBaseIds"]


def test_reviewed_findings_never_open_alerts(tmp_path):
    root = _early_and_late(tmp_path / "corpus", "US$3 billion")
    report = json.loads(
        subprocess.run(
            [sys.executable, "-m", "checker", "check", "--root", str(root), "--format", "json"],
            capture_output=True,
            cwd=ROOT,
        ).stdout
    )
    fingerprint = report["findings"][0]["fingerprint"]
    assert (
        main(
            [
                "review",
                fingerprint,
                "--decision",
                "accepted-difference",
                "--note",
                "different scopes",
                "--root",
                str(root),
            ]
        )
        == 0
    )
    assert main(["check", "--root", str(root), "-o", str(tmp_path / "omit.sarif")]) == 0
    assert _validate_sarif((tmp_path / "omit.sarif").read_text())["runs"][0]["results"] == []
    main(["check", "--root", str(root), "--sarif-reviewed", "suppressed", "-o", str(tmp_path / "kept.sarif")])
    (result,) = _validate_sarif((tmp_path / "kept.sarif").read_text())["runs"][0]["results"]
    assert result["suppressions"][0]["status"] == "accepted"


# GitHub's workflow-command syntax: ::LEVEL key=value,key=value::message, with the toolkit's escaping.
COMMAND = re.compile(r"^::(error|warning|notice) file=([^,:]*),line=(\d+),title=([^,:]*)::(.*)$")


def _early_and_late(root, late_value: str, topics=None):
    """Two sources on one topic and year: "early" gives US$1 billion, "late" ``late_value``."""
    return build_corpus(
        root,
        {
            "early": [claim("e1", "trade", "US$1 billion", period="2024")],
            "late": [claim("l1", "trade", late_value, period="2024")],
        },
        topics=TOPICS if topics is None else topics,
        entities=[],
        sources=SOURCES,
    )


def _unescape(text: str) -> str:
    return text.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_github_annotations_are_escaped_as_the_toolkit_does(tmp_path, capsys):
    topics = [{"key": "trade", "kind": "quantity", "unit": "USD", "label": "trade, 100%: total"}]
    root = _early_and_late(tmp_path / "corpus", "US$3 billion", topics)
    assert main(["check", "--root", str(root), "--format", "github"]) == EXIT_FINDINGS
    (line,) = capsys.readouterr().out.splitlines()
    match = COMMAND.match(line)
    assert match, line
    level, file, number, title, message = match.groups()
    assert (level, _unescape(file), number) == ("error", "claims/tagged/late.csv", "2")
    assert _unescape(title) == "claimcheck value-conflict (trade)"
    assert "trade, 100%: total" in _unescape(message) and "%25" in message


def test_concise_output_is_one_line_per_finding(tmp_path, capsys):
    root = _early_and_late(tmp_path / "corpus", "US$3 billion")
    assert main(["check", "--root", str(root), "--format", "concise"]) == EXIT_FINDINGS
    assert re.fullmatch(r"claims/tagged/late\.csv:2: error value-conflict .+\n", capsys.readouterr().out)


def test_the_workflow_passes_actionlint():
    found = require(None, "node and actionlint's WebAssembly build") if actionlint() is None else actionlint()
    node, package = found
    script = (
        "const { createLinter } = require(process.argv[1]);"
        "createLinter().then(lint => { const fs = require('fs');"
        " console.log(JSON.stringify(lint(fs.readFileSync(process.argv[2], 'utf8'), process.argv[2]))); });"
    )
    process = subprocess.run(
        [node, "-e", script, str(package), str(WORKFLOW)], capture_output=True, text=True, timeout=120
    )
    assert process.returncode == 0, process.stderr
    assert json.loads(process.stdout) == []


def _check_step() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    return next(step for step in steps if step.get("name") == "Check the claims")


def _run_step(corpus: Path, folder: Path) -> tuple[int, str]:
    """The step's script as GitHub runs it: bash --noprofile --norc -eo pipefail."""
    summary = folder / "summary.md"
    env = {
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "CORPUS": str(corpus),
        "BASE": "",
        "LINK_BASE": "https://example.org/blob/x/",
        "GITHUB_STEP_SUMMARY": str(summary),
        "HOME": str(folder),
        "CLAIMCHECK_CACHE": "off",
    }
    process = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _check_step()["run"]],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return process.returncode, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_the_workflow_step_writes_the_summary_and_fails_the_job(tmp_path):
    broken = _broken(tmp_path / "broken")
    (tmp_path / "run-broken").mkdir()
    code, summary = _run_step(broken, tmp_path / "run-broken")
    assert code == EXIT_INVALID and "### Data errors (1)" in summary
    assert (tmp_path / "run-broken" / "claimcheck.sarif").is_file()  # uploaded whenever it exists
    conflicting = _early_and_late(tmp_path / "conflict", "US$3 billion")
    (tmp_path / "run-conflict").mkdir()
    code, summary = _run_step(conflicting, tmp_path / "run-conflict")
    assert code == EXIT_FINDINGS and "value\\-conflict" not in summary and "`value-conflict`" in summary
    assert (tmp_path / "run-conflict" / "claimcheck.html").is_file()


def _gitlab_job() -> dict:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- gitlab-ci -->\n```yaml\n(.*?)```", text, re.S)
    assert block, "the README shows a GitLab CI job between <!-- gitlab-ci --> and a yaml block"
    return yaml.safe_load(block.group(1))["claimcheck"]


def test_the_gitlab_job_in_the_readme_runs_and_fails_on_invalid_data(tmp_path):
    job = _gitlab_job()
    assert job["artifacts"]["when"] == "always" and job["artifacts"]["reports"]["junit"] == "claimcheck.xml"
    lines = [line for line in job["script"] if not line.startswith("pip install")]
    for corpus, expected in (
        (_broken(tmp_path / "broken"), EXIT_INVALID),
        (
            build_corpus(
                tmp_path / "ok",
                {"early": [claim("e1", "trade", "US$1 billion", period="2024")]},
                topics=TOPICS,
                entities=[],
                sources=SOURCES[:1],
            ),
            0,
        ),
    ):
        folder = tmp_path / f"run-{corpus.name}"
        folder.mkdir()
        script = "\n".join(line.replace("--root .", f"--root {corpus}") for line in lines)
        process = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", script],
            cwd=folder,
            capture_output=True,
            text=True,
            env={"PATH": f"{BIN}:{os.environ['PATH']}", "HOME": str(folder), "CLAIMCHECK_CACHE": "off"},
        )
        assert process.returncode == expected, process.stderr
        assert (folder / "claimcheck.xml").is_file()


def test_the_pre_commit_hook_definition_is_valid():
    process = subprocess.run(
        [str(BIN / "pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook["files"])
    for changed in (
        "claims/tagged/a.csv",
        "data/claims/topics.csv",
        "seeds/a.txt",
        "pyproject.toml",
        "data/claimcheck.toml",
    ):
        assert files.search(changed), changed
    assert not files.search("README.md")


def _render_gfm(markdown: str) -> str:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def test_markdown_renders_on_github_without_stray_backslashes_and_with_absolute_links(tmp_path):
    root = build_corpus(
        tmp_path / "corpus",
        {
            "early": [claim("e1", "trade", "USD 12.42 billion", period="2024")],
            "late": [
                claim(
                    "l1", "trade", "US$1 billion", period="2024", quote="- 1. from US$170m to US$1 billion, $x^2$ #tag"
                )
            ],
        },
        topics=TOPICS,
        entities=[],
        sources=SOURCES,
    )
    main(
        ["check", "--root", str(root), "-o", str(tmp_path / "r.md"), "--link-base", "https://github.com/o/r/blob/abc/"]
    )
    html = _render_gfm((tmp_path / "r.md").read_text(encoding="utf-8"))
    assert (
        "12.42 billion" in html and "\\1" not in html and "\\$" not in html and "\\" not in re.sub(r"<[^>]+>", "", html)
    )
    assert "- 1. from US$170m to US$1 billion, $x^2$ #tag" in html  # the quote renders as the text it is
    assert '<a href="https://github.com/o/r/blob/abc/claims/tagged/late.csv#L2">' in html
    assert "<script" not in html and "<math" not in html


def test_markdown_stays_under_githubs_comment_limit(tmp_path):
    rows = [
        claim(f"e{number}", "trade", f"US${number + 1} billion", period=str(1900 + number)) for number in range(400)
    ]
    others = [
        claim(f"l{number}", "trade", f"US${number + 500} billion", period=str(1900 + number)) for number in range(400)
    ]
    root = build_corpus(
        tmp_path / "corpus", {"early": rows, "late": others}, topics=TOPICS, entities=[], sources=SOURCES
    )
    main(["check", "--root", str(root), "-o", str(tmp_path / "r.md"), "-o", str(tmp_path / "r.json")])
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    total = len(json.loads((tmp_path / "r.json").read_text())["findings"])
    assert len(text) < 65_536 and total >= 400
    shown = text.count("#### ")
    assert re.search(rf"\*\*{total - shown} more finding\(s\) not shown here\*\*", text), text[-400:]
    assert "<details>" not in text or text.count("<details>") == text.count("</details>")


def test_junit_reads_with_junitparser_and_validates_against_jenkins_schema(tmp_path):
    import junitparser
    import xmlschema

    schema_path = require(junit_schema(), "Jenkins' JUnit schema (junit-10.xsd)")
    root = build_corpus(
        tmp_path / "corpus",
        {
            "early": [claim("e1", "trade", "US$1 billion", period="2024")],
            "late": [
                claim("l1", "trade", "US$3 billion", period="2024"),
                claim("l2", "total-trade", "US$2 billion", period="2024"),
            ],
        },
        topics=TOPICS,
        entities=[],
        sources=SOURCES,
    )
    main(["check", "--root", str(root), "-o", str(tmp_path / "r.xml")])
    xml = junitparser.JUnitXml.fromfile(str(tmp_path / "r.xml"))
    cases = {(case.classname, case.name): case for suite in xml for case in suite}
    failing = cases[("claimcheck.value-conflict", "trade: e1, l1")]
    assert [type(result).__name__ for result in failing.result] == ["Failure"]
    assert failing._elem.get("file") == "claims/tagged/late.csv" and failing._elem.get("line") == "2"
    assert ("claimcheck.date-conflict", "no findings") in cases  # a rule that passed is a passing case
    # Jenkins' schema, and the same schema with the two location attributes GitLab reads
    # (Jenkins' parser ignores them).
    text = schema_path.read_text(encoding="utf-8")
    located = text.replace(
        '<xs:attribute name="group" type="xs:string"/>\n        </xs:complexType>\n    </xs:element>\n\n    <xs:element name="testsuite">',
        '<xs:attribute name="group" type="xs:string"/>\n            <xs:attribute name="file" type="xs:string"/>\n'
        '            <xs:attribute name="line" type="xs:string"/>\n        </xs:complexType>\n    </xs:element>\n\n'
        '    <xs:element name="testsuite">',
    )
    assert located != text
    xmlschema.XMLSchema(located).validate(str(tmp_path / "r.xml"))
    document = ElementTree.parse(tmp_path / "r.xml")
    for case in document.iter("testcase"):
        case.attrib.pop("file", None)
        case.attrib.pop("line", None)
    xmlschema.XMLSchema(text).validate(document)


def test_linter_conventions(tmp_path, capsys, monkeypatch):
    root = build_corpus(
        tmp_path / "corpus",
        {
            "early": [
                claim("e1", "trade", "US$1 billion", period="2024"),
                claim("e2", "total-trade", "US$2 billion", period="2024"),
            ],
            "late": [claim("l1", "trade", "US$3 billion", period="2024")],
        },
        topics=TOPICS,
        entities=[],
        sources=SOURCES,
    )
    assert main(["check", "--root", str(root), "--ignore", "value-conflict,magnitude-plausibility"]) == 0
    capsys.readouterr()
    assert (
        main(["check", "--root", str(root), "--select", "magnitude-plausibility", "--format", "concise"])
        == EXIT_FINDINGS
    )
    assert all(" magnitude-plausibility " in line for line in capsys.readouterr().out.splitlines())
    assert main(["check", "--root", str(root), "--select", "value-conflit"]) == EXIT_INVALID
    assert "did you mean 'value-conflict'" in capsys.readouterr().err
    assert main(["check", "--root", str(root), "--exit-zero"]) == 0
    capsys.readouterr()
    assert main(["check", "--root", str(root), "--statistics"]) == EXIT_FINDINGS
    stats = capsys.readouterr().out.splitlines()
    assert sorted(line.split()[3] for line in stats) == ["magnitude-plausibility", "value-conflict"]
    assert main(["rules", "value-conflict"]) == 0
    explained = capsys.readouterr().out
    assert "Fails:" in explained and "tolerance: float, default 0.02, >= 0, <= 1" in explained
    monkeypatch.setenv("NO_COLOR", "1")
    assert (
        "\033["
        not in subprocess.run(
            [sys.executable, "-m", "checker", "check", "--root", str(root)], capture_output=True, text=True, cwd=ROOT
        ).stdout
    )


def test_quiet_shows_only_what_fails(tmp_path, capsys):
    root = build_corpus(
        tmp_path / "corpus",
        {
            "early": [claim("e1", "trade", "US$1 billion", period="2024")],
            "late": [
                claim("l1", "trade", "US$3 billion", period="2024"),
                claim("l2", "trade", "US$1 billion", period="2024-01"),
            ],
        },
        topics=[{"key": "trade", "kind": "quantity", "unit": "USD"}],
        entities=[],
        sources=SOURCES,
    )
    main(["check", "--root", str(root), "--format", "concise", "--fail-on", "error"])
    everything = capsys.readouterr().out.splitlines()
    main(["check", "--root", str(root), "--format", "concise", "--quiet"])
    quiet = capsys.readouterr().out.splitlines()
    assert quiet and all(" error " in line for line in quiet) and len(quiet) <= len(everything)


def test_configuration_is_found_walking_up_from_the_corpus(tmp_path, capsys):
    root = _early_and_late(tmp_path / "project" / "data", "US$1.2 billion")
    assert main(["check", "--root", str(root)]) == EXIT_FINDINGS  # 10 % apart: a conflict at 2 %
    (tmp_path / "project" / "claimcheck.toml").write_text("[rules.value-conflict]\ntolerance = 0.1\n")
    assert main(["check", "--root", str(root)]) == 0


def test_no_progress_display_when_standard_error_is_not_a_terminal(tmp_path):
    root = build_corpus(
        tmp_path / "corpus",
        {"early": [claim("e1", "trade", "US$1 billion", period="2024")]},
        topics=TOPICS,
        entities=[],
        sources=SOURCES[:1],
    )
    process = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--root", str(root)], capture_output=True, text=True, cwd=ROOT
    )
    assert process.returncode == 0 and process.stderr == ""
