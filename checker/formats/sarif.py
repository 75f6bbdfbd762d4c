"""SARIF 2.1.0, as code-scanning services ingest it.

tool.driver.rules comes from the rule registry; each result has the rule, the level, the
message, a location at the claims file and line of its first claim, related locations for
the others, and partialFingerprints from the finding's fingerprint, so a service tracks
the same finding across commits. A reviewed finding carries an accepted suppression.
"""

from __future__ import annotations

import json
from typing import Any


SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASELINE_STATE = {"new": "new", "changed": "updated", "unchanged": "unchanged"}


def _location(claim: dict[str, Any]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": claim["file"], "uriBaseId": "%SRCROOT%"},
                                 "region": {"startLine": max(1, int(claim["line"]))}}}


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    help_lines = [rule["description"], ""] + [f"Fails: {example}" for example in rule["fails"]] + [f"Passes: {example}" for example in rule["passes"]]
    return {
        "id": rule["id"],
        "name": "".join(part.title() for part in rule["id"].split("-")),
        "shortDescription": {"text": rule["description"]},
        "fullDescription": {"text": rule["explanation"] or rule["description"]},
        "defaultConfiguration": {"level": rule["severity"]},
        "help": {"text": "\n".join(help_lines)},
    }


def render_sarif(record: dict[str, Any]) -> str:
    rules = [_rule(rule) for rule in record["rules"]]
    index = {rule["id"]: position for position, rule in enumerate(record["rules"])}
    results = []
    for finding in record["findings"]:
        first, *others = finding["claims"]
        result: dict[str, Any] = {
            "ruleId": finding["rule"],
            "ruleIndex": index[finding["rule"]],
            "level": finding["severity"],
            "message": {"text": finding["message"] + (f" Diagnosis: {finding['diagnosis']}." if finding["diagnosis"] else "")},
            "locations": [_location(first)],
            "partialFingerprints": {"claimcheckFingerprint/v1": finding["fingerprint"], "claimcheckIdentity/v1": finding["identity"]},
            "baselineState": BASELINE_STATE[finding["status"]],
            "properties": {"topic": finding["topic"], "claims": [claim["claim_id"] for claim in finding["claims"]],
                           "status": finding["status"]},
        }
        if others:
            result["relatedLocations"] = [
                {**_location(claim), "id": position, "message": {"text": f"{claim['claim_id']} ({claim['source']}): {claim['quote']}"}}
                for position, claim in enumerate(others, start=1)
            ]
        if finding.get("review"):
            review = finding["review"]
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": f"{review['decision']}: {review.get('note') or ''}".strip()}]
        results.append(result)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "claimcheck", "version": record["tool"]["version"], "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "inputsSha256": record["run"]["inputs_sha256"],
                "resolved": [finding["fingerprint"] for finding in record["resolved"]],
                "staleReviews": [stale["fingerprint"] for stale in record["stale_reviews"]],
            },
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
