"""JUnit XML: one test suite per rule, one test case per rule and topic in use.

A test case fails when the rule has a failing (new or changed, unreviewed, at or above the
threshold) finding on the topic; the failure carries the messages. Findings that do not
fail (reviewed, unchanged, resolved, or below the threshold) are listed in the case's
system-out with their status.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

# Characters XML 1.0 does not allow at all (controls other than tab, line feed and
# carriage return; lone surrogates; U+FFFE and U+FFFF): a form feed from PDF-extracted
# text must not make the file unreadable. They are written as visible escapes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group(0)):02x}" if ord(match.group(0)) < 0x100
                        else f"\\u{ord(match.group(0)):04x}", str(text))


def render_junit(record: dict[str, Any]) -> str:
    topics = sorted(set(record.get("topics_in_use", record["topics"])) | {f["topic"] for f in record["resolved"]})
    by_case: dict[tuple[str, str], list[dict]] = {}
    for finding in record["findings"] + record["resolved"]:  # resolved ones pass, listed in system-out
        by_case.setdefault((finding["rule"], finding["topic"]), []).append(finding)
    root = ElementTree.Element("testsuites", name="claimcheck")
    total_tests = total_failures = 0
    for rule in record["rules"]:
        suite = ElementTree.SubElement(root, "testsuite", name=rule["id"])
        tests = failures = 0
        for topic in topics:
            findings = by_case.get((rule["id"], topic), [])
            case = ElementTree.SubElement(suite, "testcase", classname=f"claimcheck.{rule['id']}", name=topic)
            tests += 1
            failing = [f for f in findings if f.get("failing")]
            passing = [f for f in findings if not f.get("failing")]
            if failing:
                failures += 1
                failure = ElementTree.SubElement(case, "failure", message=failing[0]["message"], type=failing[0]["severity"])
                failure.text = "\n\n".join(_describe(f) for f in failing)
            if passing:
                out = ElementTree.SubElement(case, "system-out")
                out.text = "\n\n".join(_describe(f) for f in passing)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ElementTree.indent(root)
    # Control characters cannot be markup, so escaping them in the serialised document is
    # escaping them in every text and attribute at once.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_safe(ElementTree.tostring(root, encoding="unicode")) + "\n"


def _describe(finding: dict[str, Any]) -> str:
    lines = [f"[{finding['severity']}] [{finding['status']}] {finding['message']}"]
    if finding.get("review"):
        lines.append(f"reviewed: {finding['review']['decision']} — {finding['review'].get('note') or ''}")
    for claim in finding["claims"]:
        lines.append(f"  {claim['file']}:{claim['line']} {claim['claim_id']}: \"{claim['quote']}\"")
    lines.append(f"  fingerprint {finding['fingerprint']}")
    return "\n".join(lines)
