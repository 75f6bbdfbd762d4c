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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.errors import DataError, UsageError
from checker.findings import Finding
from checker.records import SCHEMA_VERSION, Comparison

CORPUS_PATHS = ("claims", "seeds", "pyproject.toml", "claimcheck.toml")


# What a finding of a saved report must hold, and of which type, for a comparison and for
# the formats that show resolved findings.
FINDING_FIELDS: dict[str, type] = {
    "fingerprint": str,
    "identity": str,
    "rule": str,
    "severity": str,
    "topic": str,
    "message": str,
    "diagnosis": str,
    "claims": list,
}
CLAIM_FIELDS: dict[str, type] = {
    "source": str,
    "claim_id": str,
    "file": str,
    "line": int,
    "quote": str,
    "value": str,
    "normalised": str,
    "period": str,
}


def load_report(path: Path) -> tuple[list[dict[str, Any]], str]:
    """The findings of a saved JSON report, validated; every problem is named."""
    from checker.files import read_regular

    try:
        data = json.loads(read_regular(Path(path)).decode("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no baseline file {path}") from None
    except UnicodeDecodeError as error:
        raise UsageError(f"baseline {path} is not UTF-8 ({error.reason} at byte {error.start})") from None
    except ValueError as error:
        raise UsageError(f"baseline {path} is not JSON: {error}") from None
    except OSError as error:
        raise UsageError(f"cannot read baseline {path}: {error.strerror or error}") from None
    problems = report_problems(data)
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise UsageError(f"baseline {path} is not a claimcheck JSON report: {shown}")
    return data["findings"], str(path)


def report_problems(data: Any) -> list[str]:
    """What is wrong with a saved report, field by field (empty when nothing is)."""
    if not isinstance(data, dict):
        return [f"the top level is {type(data).__name__}, not an object"]
    problems = []
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        problems.append(f"schema_version is {version!r}, this claimcheck reads {SCHEMA_VERSION}")
    findings = data.get("findings")
    if not isinstance(findings, list):
        return problems + ["'findings' must be a list"]
    for number, finding in enumerate(findings):
        if not isinstance(finding, dict):
            problems.append(f"findings[{number}] is not an object")
            continue
        for field, kind in FINDING_FIELDS.items():
            if not isinstance(finding.get(field), kind) or isinstance(finding.get(field), bool):
                problems.append(
                    f"findings[{number}].{field} must be {kind.__name__}, not {type(finding.get(field)).__name__}"
                )
        claims = finding.get("claims")
        for index, claim in enumerate(claims if isinstance(claims, list) else []):
            if not isinstance(claim, dict):
                problems.append(f"findings[{number}].claims[{index}] is not an object")
                continue
            for field, kind in CLAIM_FIELDS.items():
                if not isinstance(claim.get(field), kind) or isinstance(claim.get(field), bool):
                    problems.append(f"findings[{number}].claims[{index}].{field} must be {kind.__name__}")
    return problems


def compare(findings: list[Finding], baseline: list[dict[str, Any]], label: str) -> Comparison:
    """Status by fingerprint (with the previous fingerprint of a changed finding), and
    the baseline findings that were resolved."""
    old_fingerprints = {record["fingerprint"]: record for record in baseline}
    old_identities = {record.get("identity"): record for record in baseline if record.get("identity")}
    statuses: dict[str, tuple[str, str | None]] = {}
    matched: set[str] = set()
    for finding in findings:
        if finding.fingerprint in old_fingerprints:
            statuses[finding.fingerprint] = ("unchanged", None)
            matched.add(finding.fingerprint)
        elif finding.identity in old_identities:
            previous = old_identities[finding.identity]["fingerprint"]
            statuses[finding.fingerprint] = ("changed", previous)
            matched.add(previous)
        else:
            statuses[finding.fingerprint] = ("new", None)
    resolved = [
        record for record in baseline if record["fingerprint"] not in matched and record.get("status") != "resolved"
    ]
    resolved.sort(key=lambda record: (record.get("topic", ""), record.get("rule", ""), record["fingerprint"]))
    return Comparison(label=label, statuses=statuses, resolved=resolved)


def findings_at_revision(root: Path, revision: str, check: Callable[[Path], list[Finding]]) -> list[dict[str, Any]]:
    """Findings of the corpus as it was at a git revision, read with ``git archive`` into a
    temporary folder: the working tree is never touched."""
    from checker.report import finding_record

    root = Path(root).resolve()
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        prefix = root.relative_to(Path(top).resolve()).as_posix()
        paths = [f"{revision}:{prefix}/{name}" if prefix != "." else f"{revision}:{name}" for name in CORPUS_PATHS]
        listing = subprocess.run(
            ["git", "ls-tree", "--name-only", revision, "--", *(p.split(":", 1)[1] for p in paths)],
            cwd=top,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        archive = subprocess.run(
            ["git", "archive", "--format=tar", revision, "--", *listing], cwd=top, capture_output=True, check=True
        ).stdout
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
            raise UsageError(
                f"the corpus at '{revision}' is not valid ({len(error.problems)} problem(s)); "
                "compare with a saved baseline instead"
            ) from None
    return [dict(finding_record(finding)) for finding in findings]
