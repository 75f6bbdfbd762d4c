"""Markdown for a pull-request comment or a CI job summary: counts first, then new and
changed findings, each with its quotes and file:line links; then the rest.

Every text that comes from a source or a claim is escaped, so a quote holding Markdown,
a link or HTML renders as the text it is.
"""

from __future__ import annotations

import re
from typing import Any

from checker.display import visible

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~:&$])")  # "$" opens maths on GitHub
_LINE_START = re.compile(r"^([#>+=-]|\d+[.)])")
_ICONS = {"error": "🛑", "warning": "⚠️", "note": "ℹ️"}


def escape(text: str) -> str:
    """Text safe in Markdown (GitHub-flavoured): line breaks flattened, control characters
    shown as escapes, and the characters
    that open links, images, HTML, code, emphasis, tables or autolinks (':' and 'www.')
    backslash-escaped, so a quote renders as the text it is."""
    flat = visible(" ".join(str(text).split()))
    escaped = _SPECIAL.sub(r"\\\1", flat).replace("www.", "www\\.")
    return _LINE_START.sub(r"\\\1", escaped)


def _link(file: str, line: int) -> str:
    # File names come from the corpus folder; only path-safe characters reach the link.
    target = re.sub(r"[^A-Za-z0-9._/-]", "", file)
    return f"[{escape(file)}:{line}]({target}#L{line})"


def _finding(finding: dict[str, Any]) -> list[str]:
    status = finding["status"]
    review = finding.get("review")
    heading = f"#### {_ICONS[finding['severity']]} {finding['severity']} · `{finding['rule']}` · {escape(finding['topic'])} · {status}"
    if review:
        heading += f" · reviewed: {escape(review['decision'])}"
    lines = [heading, "", escape(finding["message"]), ""]
    if finding["diagnosis"]:
        lines += [f"*Diagnosis:* {escape(finding['diagnosis'])}", ""]
    for claim in finding["claims"]:
        lines.append(f"> **{escape(claim['source'])}** · {_link(claim['file'], claim['line'])} · `{escape(claim['claim_id'])}` · "
                     f"{escape(claim['value'])} → {escape(claim['normalised'])}  ")
        lines.append(f"> “{escape(claim['quote'])}”")
        lines.append("")
    if review:
        lines += [f"*Review:* {escape(review['decision'])} by {escape(review.get('reviewer') or 'unknown')} "
                  f"({escape(review.get('date') or 'undated')}): {escape(review.get('note') or '')}", ""]
    lines.append(f"<sub>fingerprint `{finding['fingerprint']}`</sub>")
    lines.append("")
    return lines


def render_markdown(record: dict[str, Any]) -> str:
    summary = record["summary"]
    corpus = record["run"]["corpus"]
    verdict = "❌ failing" if summary["failing"] else "✅ passing"
    lines = [
        f"## claimcheck: {verdict}",
        "",
        f"{corpus['claims']} claims from {corpus['sources']} sources ({corpus['texts']} texts), {corpus['topics_used']} topics.",
        "",
        "| | error | warning | note |",
        "| --- | ---: | ---: | ---: |",
    ]
    by_status = {}
    for finding in record["findings"]:
        by_status.setdefault(finding["status"], {"error": 0, "warning": 0, "note": 0})[finding["severity"]] += 1
    for status in ("new", "changed", "unchanged"):
        counts = by_status.get(status, {"error": 0, "warning": 0, "note": 0})
        lines.append(f"| {status} | {counts['error']} | {counts['warning']} | {counts['note']} |")
    lines += ["", f"Resolved since the baseline: {summary['resolved']}. Reviewed: {summary['reviewed']}. "
                  f"Failing at '{record['run']['fail_on']}': {summary['failing']}.", ""]
    sections = (
        ("New and changed findings", [f for f in record["findings"] if f["status"] in ("new", "changed") and not f.get("review")]),
        ("Reviewed findings", [f for f in record["findings"] if f.get("review")]),
        ("Unchanged findings", [f for f in record["findings"] if f["status"] == "unchanged" and not f.get("review")]),
        ("Resolved findings", record["resolved"]),
    )
    for title, findings in sections:
        if not findings:
            continue
        lines += [f"### {title} ({len(findings)})", ""]
        if title != "New and changed findings":
            lines += ["<details>", f"<summary>{len(findings)} finding(s)</summary>", ""]
        for finding in findings:
            lines += _finding(finding)
        if title != "New and changed findings":
            lines += ["</details>", ""]
    if record["stale_reviews"]:
        lines += [f"### Stale reviews ({len(record['stale_reviews'])})", ""]
        for stale in record["stale_reviews"]:
            lines.append(f"- `{stale['fingerprint']}` ({escape(stale['decision'])}): {escape(stale['reason'])}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
