"""JUnit XML, as CI systems read test reports: one test case per finding, and one passing
case per rule that found nothing.

Each rule is a test suite. A finding's case fails when the finding fails the check (new
or changed, unreviewed, at or above the threshold): the failure carries the message and
every claim with its quote. A finding that does not fail is a case that passes, skipped
with the reason when it was reviewed; resolved findings pass, with their status in
system-out. Data errors are failing cases of a ``data-error`` suite. Every case names the
file and line of its subject claim (relative to the repository root) in ``file`` and
``line``, which GitLab shows, and ``time`` is 0. The rest follows the JUnit schema Jenkins
uses (junit-10.xsd), whose parser ignores the two location attributes.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from checker.records import FindingRecord, Report

# Characters XML 1.0 does not allow at all (controls other than tab, line feed and
# carriage return; lone surrogates; U+FFFE and U+FFFF): a form feed from PDF-extracted
# text must not make the file unreadable. They are written as visible escapes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(
        lambda match: (
            f"\\x{ord(match.group(0)):02x}" if ord(match.group(0)) < 0x100 else f"\\u{ord(match.group(0)):04x}"
        ),
        str(text),
    )


def _case(suite: ElementTree.Element, finding: FindingRecord, prefix: str) -> ElementTree.Element:
    subject = next(
        (claim for claim in finding["claims"] if claim["claim_id"] == finding["subject"]), finding["claims"][0]
    )
    name = f"{finding['topic']}: {', '.join(claim['claim_id'] for claim in finding['claims'])}"
    return ElementTree.SubElement(
        suite,
        "testcase",
        name=name,
        classname=f"claimcheck.{finding['rule']}",
        file=prefix + subject["file"],
        line=str(subject["line"]),
        time="0",
    )


def _suite(root: ElementTree.Element, name: str) -> ElementTree.Element:
    return ElementTree.SubElement(
        root, "testsuite", name=name, tests="0", failures="0", errors="0", skipped="0", time="0"
    )


def _count(suite: ElementTree.Element) -> tuple[int, int, int]:
    cases = suite.findall("testcase")
    failures = sum(1 for case in cases if case.find("failure") is not None)
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("skipped", str(skipped))
    return len(cases), failures, skipped


def render_junit(record: Report) -> str:
    prefix = record["run"]["path_prefix"]
    root = ElementTree.Element("testsuites", name="claimcheck")
    by_rule: dict[str, list[FindingRecord]] = {}
    for finding in record["findings"] + record["resolved"]:
        by_rule.setdefault(finding["rule"], []).append(finding)
    suites = []
    errors = record.get("errors", [])
    if errors:
        suite = _suite(root, "data-error")
        for error in errors:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                name=f"{error['file']}:{error['line']}: {error['column']}",
                classname="claimcheck.data-error",
                file=prefix + error["file"],
                line=str(error["line"]),
                time="0",
            )
            failure = ElementTree.SubElement(case, "failure", message=error["message"], type="error")
            failure.text = f"{error['file']}:{error['line']}: {error['column']}: {error['message']}"
        suites.append(suite)
    for rule in record["rules"]:
        suite = _suite(root, rule["id"])
        findings = by_rule.get(rule["id"], [])
        if not findings and not errors:
            ElementTree.SubElement(
                suite, "testcase", name="no findings", classname=f"claimcheck.{rule['id']}", time="0"
            )
        for finding in findings:
            case = _case(suite, finding, prefix)
            if finding.get("failing"):
                failure = ElementTree.SubElement(case, "failure", message=finding["message"], type=finding["severity"])
                failure.text = _describe(finding)
            elif review := finding.get("review"):
                ElementTree.SubElement(
                    case, "skipped", message=f"reviewed: {review['decision']}: {review.get('note') or ''}".strip()
                )
                ElementTree.SubElement(case, "system-out").text = _describe(finding)
            else:
                ElementTree.SubElement(case, "system-out").text = _describe(finding)
        suites.append(suite)
    totals = [_count(suite) for suite in suites]
    root.set("tests", str(sum(t[0] for t in totals)))
    root.set("failures", str(sum(t[1] for t in totals)))
    root.set("errors", "0")
    root.set("time", "0")
    ElementTree.indent(root)
    # Control characters cannot be markup, so escaping them in the serialised document is
    # escaping them in every text and attribute at once.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_safe(ElementTree.tostring(root, encoding="unicode")) + "\n"


def _describe(finding: FindingRecord) -> str:
    lines = [f"[{finding['severity']}] [{finding['status']}] {finding['message']}"]
    if finding["diagnosis"]:
        lines.append(f"diagnosis: {finding['diagnosis']}")
    if review := finding.get("review"):
        lines.append(f"reviewed: {review['decision']} — {review.get('note') or ''}")
    for claim in finding["claims"]:
        lines.append(f'  {claim["file"]}:{claim["line"]} {claim["claim_id"]}: "{claim["quote"]}"')
    lines.append(f"  fingerprint {finding['fingerprint']}")
    return "\n".join(lines)
