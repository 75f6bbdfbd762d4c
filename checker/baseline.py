"""Comparing a check with a baseline: a saved JSON report, or the corpus at a git commit.

A finding is ``unchanged`` when the baseline has its fingerprint, ``changed`` when the
baseline has its identity (same rule, topic and claims) under another fingerprint (the
values changed), ``new`` otherwise; a baseline finding with neither is ``resolved``.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Callable

from checker.errors import DataError, UsageError
from checker.findings import Finding

CORPUS_PATHS = ("claims", "seeds", "pyproject.toml", "claimcheck.toml")


def load_report(path: Path) -> tuple[list[dict[str, Any]], str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        findings = data["findings"]
        if not isinstance(findings, list) or not all(isinstance(f, dict) and "fingerprint" in f for f in findings):
            raise ValueError("findings without fingerprints")
    except FileNotFoundError:
        raise UsageError(f"no baseline file {path}") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"{path} is not a claimcheck JSON report: {error}") from None
    return findings, str(path)


def compare(findings: list[Finding], baseline: list[dict[str, Any]], label: str) -> dict[str, Any]:
    """Status by fingerprint (with the previous fingerprint of a changed finding), and
    the baseline findings that were resolved."""
    old_fingerprints = {record["fingerprint"]: record for record in baseline}
    old_identities = {record.get("identity"): record for record in baseline if record.get("identity")}
    comparison: dict[str, Any] = {"__baseline__": label}
    matched: set[str] = set()
    for finding in findings:
        if finding.fingerprint in old_fingerprints:
            comparison[finding.fingerprint] = ("unchanged", None)
            matched.add(finding.fingerprint)
        elif finding.identity in old_identities:
            previous = old_identities[finding.identity]["fingerprint"]
            comparison[finding.fingerprint] = ("changed", previous)
            matched.add(previous)
        else:
            comparison[finding.fingerprint] = ("new", None)
    resolved = [record for record in baseline if record["fingerprint"] not in matched and record.get("status") != "resolved"]
    comparison["__resolved__"] = sorted(resolved, key=lambda record: (record.get("topic", ""), record.get("rule", ""), record["fingerprint"]))
    return comparison


def findings_at_revision(root: Path, revision: str, check: Callable[[Path], list[Finding]]) -> list[dict[str, Any]]:
    """Findings of the corpus as it was at a git revision, read with ``git archive`` into a
    temporary folder: the working tree is never touched."""
    from checker.report import finding_record

    root = Path(root).resolve()
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        prefix = root.relative_to(Path(top).resolve()).as_posix()
        paths = [f"{revision}:{prefix}/{name}" if prefix != "." else f"{revision}:{name}" for name in CORPUS_PATHS]
        listing = subprocess.run(["git", "ls-tree", "--name-only", revision, "--", *(p.split(":", 1)[1] for p in paths)],
                                 cwd=top, capture_output=True, text=True, check=True).stdout.split()
        archive = subprocess.run(["git", "archive", "--format=tar", revision, "--", *listing],
                                 cwd=top, capture_output=True, check=True).stdout
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed") from None
    except subprocess.CalledProcessError as error:
        message = (error.stderr.decode() if isinstance(error.stderr, bytes) else error.stderr or "").strip()
        raise UsageError(f"cannot read the corpus at '{revision}' from git: {message or error}") from None
    with tempfile.TemporaryDirectory(prefix="claimcheck-since-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        old_root = Path(folder) / (prefix if prefix != "." else "")
        try:
            findings = check(old_root)
        except DataError as error:
            raise UsageError(f"the corpus at '{revision}' is not valid ({len(error.problems)} problem(s)); "
                             "compare with a saved baseline instead") from None
    return [finding_record(finding) for finding in findings]
