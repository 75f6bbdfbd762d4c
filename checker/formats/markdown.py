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
# GitHub refuses a pull-request comment over 65,536 characters; keep room for the closing lines.
MAX_CHARS = 60_000
NAMED_TOPICS = 50  # the topics a check with data errors did not check, named in full up to this many


def escape(text: str, line_start: bool = False) -> str:
    """Text safe in Markdown (GitHub-flavoured): line breaks flattened, control characters
    shown as escapes, and the characters that open links, images, HTML, code, emphasis,
    tables, maths or autolinks (':' and 'www.') backslash-escaped, so a quote renders as
    the text it is. ``line_start``: the text begins a line, where '#', '>', '-' or '1.'
    would open a heading, a quote or a list, so those are escaped too (and only there: a
    backslash before '12.42' in the middle of a line would show)."""
    flat = visible(" ".join(str(text).split()))
    escaped = _SPECIAL.sub(r"\\\1", flat).replace("www.", "www\\.")
    return _LINE_START.sub(r"\\\1", escaped) if line_start else escaped


def _link(file: str, line: int, base: str) -> str:
    # File names come from the corpus folder; only path-safe characters reach the link.
    target = re.sub(r"[^A-Za-z0-9._/-]", "", file)
    return f"[{escape(file)}:{line}]({base}{target}#L{line})"


def _finding(finding: dict[str, Any], base: str) -> list[str]:
    status = finding["status"]
    review = finding.get("review")
    heading = f"#### {_ICONS[finding['severity']]} {finding['severity']} · `{finding['rule']}` · {escape(finding['topic'])} · {status}"
    if review:
        heading += f" · reviewed: {escape(review['decision'])}"
    revised = finding.get("source_revised") or []
    if revised:
        heading += " · source revised"
    lines = [heading, "", escape(finding["message"], line_start=True), ""]
    if finding["diagnosis"]:
        lines += [f"*Diagnosis:* {escape(finding['diagnosis'])}", ""]
    for claim in finding["claims"]:
        lines.append(
            f"> **{escape(claim['source'])}** · {_link(claim['file'], claim['line'], base)} · `{escape(claim['claim_id'])}` · "
            f"{escape(claim['value'])} → {escape(claim['normalised'])}  "
        )
        lines.append(f"> “{escape(claim['quote'])}”")
        lines.append("")
    if revised:
        lines += ["*Source revised since the baseline:*", "", "| claim | before | now |", "| --- | --- | --- |"]
        lines += [
            f"| `{escape(item['claim_id'])}` ({escape(item['text_file'])}; {escape(item['change'])}) | "
            f"“{escape(item['before'])}” | “{escape(item['now'])}” |"
            for item in revised
        ]
        lines.append("")
    if review:
        lines += [
            f"*Review:* {escape(review['decision'])} by {escape(review.get('reviewer') or 'unknown')} "
            f"({escape(review.get('date') or 'undated')}): {escape(review.get('note') or '')}",
            "",
        ]
    lines.append(f"<sub>fingerprint `{finding['fingerprint']}`</sub>")
    lines.append("")
    return lines


def render_markdown(record: dict[str, Any], link_base: str = "") -> str:
    """The report; ``link_base`` makes file links absolute (a pull-request comment has no
    folder to be relative to): ``https://github.com/OWNER/REPO/blob/SHA/``."""
    summary = record["summary"]
    corpus = record["run"]["corpus"]
    base = (link_base.rstrip("/") + "/" if link_base else "") + record["run"].get("path_prefix", "")
    errors = record.get("errors", [])
    verdict = "❌ invalid data" if errors else ("❌ failing" if summary["failing"] else "✅ passing")
    lines = [f"## claimcheck: {verdict}", ""]
    aside = record["run"].get("set_aside")
    if errors:
        said = (
            f"The rules ran without the {aside['claims']} claim(s) these touch and the rest of their topic "
            f"families ({len(aside['topics'])} topic(s)); fix them to check those too:"
            if aside
            else "The corpus could not be checked; fix these first:"
        )
        lines += [f"### Data errors ({len(errors)})", "", said, ""]
        for error in errors:
            column = "" if error["column"] == "-" else f"`{escape(error['column'])}`: "
            lines.append(f"- {_link(error['file'], error['line'], base)} {column}{escape(error['message'])}")
        if not aside:
            return "\n".join(lines).rstrip("\n") + "\n"
        topics = aside["topics"]
        more = f" and {len(topics) - NAMED_TOPICS} more" if len(topics) > NAMED_TOPICS else ""
        lines += ["", "Not checked: " + ", ".join(escape(topic) for topic in topics[:NAMED_TOPICS]) + more + ".", ""]
    lines += [
        f"{corpus['claims']} claims{' checked' if aside else ''} from {corpus['sources']} sources "
        f"({corpus['texts']} texts), {corpus['topics_used']} topics"
        + (f"; {aside['claims']} claims set aside." if aside else "."),
        "",
        "| | error | warning | note |",
        "| --- | ---: | ---: | ---: |",
    ]
    by_status: dict[str, dict[str, int]] = {}
    for finding in record["findings"]:
        by_status.setdefault(finding["status"], {"error": 0, "warning": 0, "note": 0})[finding["severity"]] += 1
    for status in ("new", "changed", "unchanged"):
        counts = by_status.get(status, {"error": 0, "warning": 0, "note": 0})
        lines.append(f"| {status} | {counts['error']} | {counts['warning']} | {counts['note']} |")
    lines += [
        "",
        f"Resolved since the baseline: {summary['resolved']}. Reviewed: {summary['reviewed']}. "
        f"Failing at '{record['run']['fail_on']}': {summary['failing']}.",
        "",
    ]
    sections = (
        (
            "New and changed findings",
            [f for f in record["findings"] if f["status"] in ("new", "changed") and not f.get("review")],
        ),
        ("Reviewed findings", [f for f in record["findings"] if f.get("review")]),
        ("Unchanged findings", [f for f in record["findings"] if f["status"] == "unchanged" and not f.get("review")]),
        ("Resolved findings", record["resolved"]),
    )
    size = sum(len(line) + 1 for line in lines)
    left_out = 0
    for title, findings in sections:
        if not findings:
            continue
        folded = title != "New and changed findings"
        head = [f"### {title} ({len(findings)})", ""] + (
            ["<details>", f"<summary>{len(findings)} finding(s)</summary>", ""] if folded else []
        )
        tail = ["</details>", ""] if folded else []
        block = list(head)
        for number, finding in enumerate(findings):
            part = _finding(finding, base)
            if size + sum(len(line) + 1 for line in block + part + tail) > MAX_CHARS:
                left_out += len(findings) - number
                break
            block += part
        if len(block) > len(head):  # at least one finding of the section fitted
            lines += block + tail
            size += sum(len(line) + 1 for line in block + tail)
    if record["stale_reviews"]:
        stale_lines = [f"### Stale reviews ({len(record['stale_reviews'])})", ""]
        stale_lines += [
            f"- `{stale['fingerprint']}` ({escape(stale['decision'])}): {escape(stale['reason'])}"
            for stale in record["stale_reviews"]
        ]
        if size + sum(len(line) + 1 for line in stale_lines) <= MAX_CHARS:
            lines += stale_lines + [""]
    if left_out:
        lines += [
            f"**{left_out} more finding(s) not shown here**, to keep this under GitHub's comment limit: "
            "see the full report (`claimcheck check --format html`, or the report artifact of this run).",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
