"""The records every report format is built from: plain dicts and lists, no pandas.

``build(result, ...)`` turns a check result (and optionally a baseline and the review
ledger) into one record; each renderer in ``checker.formats`` is a pure function of it.
Nothing here reads the clock, so the same corpus gives byte-identical reports.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

import pandas as pd

from checker import __version__
from checker.examples import documented
from checker.files import read_regular
from checker.findings import Finding, Severity
from checker.records import (
    ClaimRecord,
    Comparison,
    ErrorRecord,
    FindingRecord,
    Report,
    ReviewRecord,
    RevisedPassage,
    RuleRecord,
)
from checker.repository import Repository
from checker.rules import description

STATUSES = ("new", "changed", "unchanged", "resolved")


def _rule_record(rule) -> RuleRecord:
    doc = (rule.__doc__ or "").strip()
    examples = documented(doc)  # the docstring's Fails:/Passes: lines, which the rule's EXAMPLES run
    body = "\n".join(line for line in doc.splitlines()[1:]).strip()
    explanation = body.split("\n\n")[-1] if "\n\n" in body else ""
    return {
        "id": rule.ID,
        "severity": rule.SEVERITY,
        "description": description(rule),
        "fails": [text for outcome, text in examples if outcome == "fails"],
        "passes": [text for outcome, text in examples if outcome == "passes"],
        "explanation": " ".join(explanation.split()),
    }


def input_files(normalised) -> list[str]:
    """The corpus files a check read, as the report names them."""
    return (
        list(normalised.text_files.values())
        + sorted(set(normalised.claims["file"].unique()))
        + ["claims/sources.csv", "claims/topics.csv", "claims/entities.csv"]
    )


_hashing: dict[tuple[str, tuple[str, ...]], Future] = {}


def hash_inputs_in_background(root: Path, files: list[str]) -> None:
    """Start hashing the inputs in a thread while the rules run: reading and hashing release
    the interpreter, so on a second core it costs the check nothing (on a million claims it
    is a fifth of a second of reading 200 MB again). ``inputs_hash`` takes the result."""
    pool = ThreadPoolExecutor(max_workers=1)
    # A new hash each time: files may have changed since an earlier one was started.
    _hashing[(str(root), tuple(sorted(set(files))))] = pool.submit(_inputs_hash, root, files)
    pool.shutdown(wait=False)  # its one thread ends when the hash is done


_asking: dict[str, Repository] = {}


def ask_git_in_background(root: Path) -> None:
    """Start git's answers for the report (the repository's root, the files' change times)
    in a thread while the rules run; ``build`` takes them."""
    _asking[str(root)] = Repository(Path(root)).ask_in_background()


def _repository(root: Path) -> Repository:
    return _asking.pop(str(root), None) or Repository(Path(root))


def inputs_hash(root: Path, files: list[str]) -> str:
    """SHA-256 over the corpus files a check read, in a stable order."""
    started = _hashing.pop((str(root), tuple(sorted(set(files)))), None)
    return started.result() if started is not None else _inputs_hash(root, files)


def _inputs_hash(root: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(set(files)):
        path = Path(root) / name
        digest.update(name.encode("utf-8") + b"\0")
        try:
            digest.update(read_regular(path))
        except OSError:
            pass  # a file that cannot be read was reported when the corpus was loaded
        digest.update(b"\0")
    return digest.hexdigest()


def _claim_record(ref) -> ClaimRecord:
    return {
        "source": ref.source,
        "claim_id": ref.claim_id,
        "file": ref.file,
        "line": ref.line,
        "quote": ref.quote,
        "value": ref.value,
        "normalised": ref.normalised,
        "period": ref.period,
    }


def finding_record(
    finding: Finding,
    status: str = "new",
    review: ReviewRecord | None = None,
    previous: str | None = None,
    subject: str = "",
) -> FindingRecord:
    return {
        "fingerprint": finding.fingerprint,
        "identity": finding.identity,
        "rule": finding.rule,
        "severity": finding.severity,
        "topic": finding.topic,
        "message": finding.message,
        "diagnosis": finding.diagnosis,
        "status": status,
        "previous_fingerprint": previous,
        "review": review,
        "subject": subject or finding.subject or finding.claims[0].claim_id,
        "claims": [_claim_record(ref) for ref in finding.claims],
        "failing": False,
    }


def subject_of(finding: Finding, change_times: dict[str, float], published: dict[str, float]) -> str:
    """The claim a finding points at first. A rule names it when one claim is at fault
    (the converting claim, the citing claim, the part above its whole); otherwise the
    claim whose file changed most recently, then the one from the later-published source,
    so that a pull request's annotation lands on the line it added."""
    if finding.subject or len(finding.claims) == 1:
        return finding.subject or finding.claims[0].claim_id

    def recency(ref) -> tuple:
        when = published.get(ref.source, -math.inf)
        return (change_times.get(ref.file, -math.inf), when if math.isfinite(when) else -math.inf, ref.claim_id)

    return max(finding.claims, key=recency).claim_id


def corpus_counts(normalised) -> dict[str, int]:
    claims = normalised.claims
    return {
        "sources": int(len(normalised.sources)),
        "texts": int(len(normalised.texts)),
        "claims": int(len(claims)),
        "topics": int(len(normalised.topics)),
        "topics_used": int(claims["topic"].nunique()),
        "entities": int(len(normalised.entities)),
    }


def _number(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and not math.isfinite(value)) else float(value)


def claims_records(normalised, ref_of, in_findings: set[str]) -> list[dict[str, Any]]:
    """Every claim with what the editorial report shows: value, period, chart data (values
    over time, bounds, status and date spans), and for claims of findings the paragraph of
    their source text around the quote (offsets of the quote inside it)."""
    records = []
    claims = normalised.claims
    columns = {
        name: claims[name].to_numpy()
        for name in (
            "id",
            "kind",
            "topic",
            "modality",
            "scope",
            "attributed_to",
            "cites",
            "note",
            "text_source",
            "quote_start",
            "quote_end",
            "dimension",
            "topic_dimension",
            "magnitude",
            "low",
            "high",
            "qualifier",
            "topic_factor",
            "period_start",
            "period_end",
            "date_start",
            "date_end",
            "state",
        )
    }
    for position, label in enumerate(claims.index):
        row = {name: values[position] for name, values in columns.items()}
        ref = ref_of(label)
        context, start, end = "", -1, -1
        text = normalised.texts.get(row["text_source"]) if row["id"] in in_findings else None
        if text is not None and row["quote_start"] >= 0:
            before, after = text.paragraph_around(int(row["quote_start"]), int(row["quote_end"]))
            context = text.text[before:after]
            start, end = int(row["quote_start"]) - before, int(row["quote_end"]) - before
        numeric = (
            row["kind"] in ("quantity", "count")
            and row["dimension"] == row["topic_dimension"]
            and not pd.isna(row["magnitude"])
        )
        factor = row["topic_factor"] if numeric else math.nan
        bound = (
            "lower"
            if numeric and row["qualifier"] in ("gt", "ge")
            else ("upper" if numeric and row["qualifier"] in ("lt", "le") else "")
        )
        if row["kind"] == "date":
            span = {"t0": _number(row["date_start"]), "t1": _number(row["date_end"]), "state": ""}
        elif row["kind"] == "status":
            span = {"t0": _number(row["period_start"]), "t1": _number(row["period_end"]), "state": row["state"]}
        else:
            span = {"t0": None, "t1": None, "state": ""}
        records.append(
            {
                **_claim_record(ref),
                "topic": row["topic"],
                "kind": row["kind"],
                "modality": row["modality"],
                "scope": row["scope"],
                "attributed_to": row["attributed_to"],
                "cites": row["cites"],
                "note": row["note"],
                "context": context,
                "quote_start": start,
                "quote_end": end,
                "chart": {
                    "t0": _number(row["period_start"]) if numeric else None,
                    "t1": _number(row["period_end"]) if numeric else None,
                    "value": _number(row["magnitude"] / factor) if numeric else None,
                    "low": _number(row["low"] / factor) if numeric else None,
                    "high": _number(row["high"] / factor) if numeric else None,
                    "bound": bound,
                },
                "span": span,
            }
        )
    return records


def build(
    result,
    root: Path,
    comparison: Comparison | None = None,
    reviews=None,
    stale=None,
    with_claims: bool = False,
    repository: Repository | None = None,
    revisions: dict[str, RevisedPassage] | None = None,
) -> Report:
    """The one record all formats render: run, summary, rules, findings (and claims).

    ``revisions`` (claim id → passage before and now, from ``reanchor.revisions``) marks the
    findings whose claims come from a source revised since the baseline."""
    from checker.pairing import ref

    normalised = result.normalised
    repository = repository or _repository(root)
    reviews = reviews or {}
    published = dict(zip(normalised.sources["id"], normalised.sources["published_start"]))
    change_times = repository.change_times if any(not f.subject and len(f.claims) > 1 for f in result.findings) else {}
    findings = []
    for finding in result.findings:
        status, previous = comparison.statuses.get(finding.fingerprint, ("new", None)) if comparison else ("new", None)
        findings.append(
            finding_record(
                finding,
                status,
                reviews.get(finding.fingerprint),
                previous,
                subject_of(finding, change_times, published),
            )
        )
    for finding_entry in findings:
        revised_now = revisions or {}
        revised = [
            revised_now[claim["claim_id"]] for claim in finding_entry["claims"] if claim["claim_id"] in revised_now
        ]
        if revised:
            finding_entry["source_revised"] = revised
    # A baseline's findings are records read back from a saved report (validated by baseline.report_problems).
    resolved = cast(
        list[FindingRecord],
        [dict(record, status="resolved", failing=False) for record in comparison.resolved] if comparison else [],
    )
    fail_rank = Severity(result.config.fail_on).rank
    for entry in findings:
        entry["failing"] = bool(
            entry["review"] is None
            and Severity(entry["severity"]).rank <= fail_rank
            and entry["status"] in ("new", "changed")
        )
    files = input_files(normalised)
    topics = normalised.topics
    record: Report = {
        "tool": {"name": "claimcheck", "version": __version__},
        "run": {
            "corpus": corpus_counts(normalised),
            "inputs_sha256": inputs_hash(root, files),
            "fail_on": result.config.fail_on,
            "baseline": comparison.label if comparison else None,
            "path_prefix": repository.prefix,
        },
        "summary": summary(findings, resolved),
        "rules": [_rule_record(rule) for rule in result.rules],
        "findings": findings,
        "resolved": resolved,
        "stale_reviews": list(stale or []),
        "errors": [],
        "topics": {  # columns as lists: a corpus can have a hundred thousand topics
            key: {"label": label or key, "kind": kind, "unit": unit}
            for key, label, kind, unit in zip(*(topics[column].tolist() for column in ("key", "label", "kind", "unit")))
            if key
        },
        "topics_in_use": sorted(set(normalised.claims["topic"].unique()) - {""}),
    }
    if with_claims:
        in_findings = {claim["claim_id"] for finding in findings + resolved for claim in finding["claims"]}
        record["claims"] = claims_records(normalised, lambda label: ref(normalised.claims, label), in_findings)
        record["sources"] = {
            row.id: {
                "title": row.title,
                "author": row.author,
                "publisher": row.publisher,
                "published": row.published,
                "url": row.url,
                "file": row.file,
            }
            for row in normalised.sources.itertuples()
            if row.id
        }
    return record


def errors_record(problems, root: Path, rules, fail_on: str = "error", repository: Repository | None = None) -> Report:
    """The record of a corpus that could not be checked: its data errors, located, so that
    every format still shows them (code scanning, test reports, job summaries)."""
    repository = repository or Repository(Path(root))
    errors: list[ErrorRecord] = [
        {"file": problem.file, "line": problem.line, "column": problem.column, "message": problem.message}
        for problem in problems
    ]
    return {
        "tool": {"name": "claimcheck", "version": __version__},
        "run": {
            "corpus": {"sources": 0, "texts": 0, "claims": 0, "topics": 0, "topics_used": 0, "entities": 0},
            "inputs_sha256": "",
            "fail_on": fail_on,
            "baseline": None,
            "path_prefix": repository.prefix,
        },
        "summary": summary([], []) | {"errors": len(errors)},
        "rules": [_rule_record(rule) for rule in rules],
        "findings": [],
        "resolved": [],
        "stale_reviews": [],
        "errors": errors,
        "topics": {},
        "topics_in_use": [],
    }


def add_problems(record: Report, problems, aside) -> None:
    """A check that ran without what its data errors touch (``setaside``): the errors,
    located, and what was set aside, beside the findings of the rest."""
    record["errors"] = [
        {"file": problem.file, "line": problem.line, "column": problem.column, "message": problem.message}
        for problem in problems
    ]
    record["summary"]["errors"] = len(problems)
    record["run"]["set_aside"] = {"claims": aside.claims, "topics": list(aside.topics)}


def summary(findings: Sequence[Mapping[str, Any]], resolved: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    counts = {severity.value: 0 for severity in Severity}
    for record in findings:
        counts[record["severity"]] += 1
    by_status = {status: 0 for status in STATUSES}
    for record in findings:
        by_status[record["status"]] += 1
    by_status["resolved"] = len(resolved)
    return {
        **counts,
        **by_status,
        "reviewed": sum(1 for record in findings if record["review"] is not None),
        "failing": sum(1 for record in findings if record["failing"]),
        "errors": 0,
    }
