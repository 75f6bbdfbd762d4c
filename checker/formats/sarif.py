"""SARIF 2.1.0, as code-scanning services ingest it.

* ``tool.driver.rules`` is the rule registry, plus ``data-error`` for problems in the data;
* each result's location is its **subject claim**, the one at fault (the converting claim,
  the citing claim, the part above its whole, or of a two-sided conflict the claim whose
  file changed most recently), so a pull request shows the annotation on the line it
  added; the other claims are ``relatedLocations``;
* paths are relative to the repository root (the corpus folder may be a subfolder), with
  the ``%SRCROOT%`` base described in ``originalUriBaseIds``;
* ``partialFingerprints`` carry the finding's fingerprint, so a service tracks the same
  finding across commits; ``baselineState`` comes from the comparison;
* **reviewed findings are left out** by default. GitHub code scanning does not honour
  SARIF ``suppressions`` (a suppressed result still opens an alert), so a finding an
  editor has decided on must not be in the file at all. ``reviewed="suppressed"`` keeps
  them, with an accepted suppression, for consumers that honour it.
"""

from __future__ import annotations

import json
from typing import Any

from checker.records import ClaimRecord, FindingRecord, Report, RuleRecord

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASELINE_STATE = {"new": "new", "changed": "updated", "unchanged": "unchanged"}
LEVEL = {"error": "error", "warning": "warning", "note": "note"}
DATA_ERROR = {
    "id": "data-error",
    "severity": "error",
    "description": "The corpus has a problem in its data that must be fixed before it can be checked.",
    "fails": [],
    "passes": [],
    "explanation": "A table, value, date or reference that cannot be read, located at its file, line and column.",
}


def _location(file: str, line: int, prefix: str) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": prefix + file, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(1, int(line))},
        }
    }


def _rule(rule: RuleRecord) -> dict[str, Any]:
    help_lines = (
        [rule["description"], ""]
        + [f"Fails: {example}" for example in rule["fails"]]
        + [f"Passes: {example}" for example in rule["passes"]]
    )
    return {
        "id": rule["id"],
        "name": "".join(part.title() for part in rule["id"].split("-")),
        "shortDescription": {"text": rule["description"]},
        "fullDescription": {"text": rule["explanation"] or rule["description"]},
        "defaultConfiguration": {"level": LEVEL[rule["severity"]]},
        "help": {"text": "\n".join(help_lines)},
    }


def _result(finding: FindingRecord, index: dict[str, int], prefix: str, reviewed: str) -> dict[str, Any] | None:
    review = finding.get("review")
    if review and reviewed == "omit":
        return None
    claims: list[ClaimRecord] = finding["claims"]
    subject = next((claim for claim in claims if claim["claim_id"] == finding["subject"]), claims[0])
    others = [claim for claim in claims if claim is not subject]
    result: dict[str, Any] = {
        "ruleId": finding["rule"],
        "ruleIndex": index[finding["rule"]],
        "level": LEVEL[finding["severity"]],
        "message": {
            "text": finding["message"] + (f" Diagnosis: {finding['diagnosis']}." if finding["diagnosis"] else "")
        },
        "locations": [_location(subject["file"], subject["line"], prefix)],
        "partialFingerprints": {
            "claimcheckFingerprint/v1": finding["fingerprint"],
            "claimcheckIdentity/v1": finding["identity"],
        },
        "baselineState": BASELINE_STATE[finding["status"]],
        "properties": {
            "topic": finding["topic"],
            "subject": subject["claim_id"],
            "claims": [claim["claim_id"] for claim in claims],
            "status": finding["status"],
        },
    }
    if others:
        result["relatedLocations"] = [
            {
                **_location(claim["file"], claim["line"], prefix),
                "id": position,
                "message": {"text": f"{claim['claim_id']} ({claim['source']}): {claim['quote']}"},
            }
            for position, claim in enumerate(others, start=1)
        ]
    if review:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{review['decision']}: {review.get('note') or ''}".strip(),
            }
        ]
    return result


def render_sarif(record: Report, reviewed: str = "omit") -> str:
    rules = [_rule(rule) for rule in record["rules"]] + [_rule(DATA_ERROR)]  # type: ignore[arg-type]
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    prefix = record["run"]["path_prefix"]
    results = [
        result for finding in record["findings"] if (result := _result(finding, index, prefix, reviewed)) is not None
    ]
    for error in record.get("errors", []):
        results.append(
            {
                "ruleId": "data-error",
                "ruleIndex": index["data-error"],
                "level": "error",
                "message": {
                    "text": f"{error['column']}: {error['message']}" if error["column"] != "-" else error["message"]
                },
                "locations": [_location(error["file"], error["line"], prefix)],
                "properties": {"column": error["column"]},
            }
        )
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "claimcheck", "version": record["tool"]["version"], "rules": rules}},
                "originalUriBaseIds": {
                    "%SRCROOT%": {"description": {"text": "The root of the repository that holds the corpus."}}
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "inputsSha256": record["run"]["inputs_sha256"],
                    "corpusFolder": prefix or ".",
                    "reviewedFindings": reviewed,
                    "resolved": [finding["fingerprint"] for finding in record["resolved"]],
                    "staleReviews": [stale["fingerprint"] for stale in record["stale_reviews"]],
                },
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
