"""Plain text for a terminal: findings grouped by topic, each with its quotes and sources,
and a one-line summary at the end. Colour only when asked (the CLI asks on a terminal)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from checker.display import visible as v

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m", "dim": "\033[2m", "bold": "\033[1m"}
_RESET = "\033[0m"


def _paint(text: str, colour: str, enabled: bool) -> str:
    return f"{_COLOURS[colour]}{text}{_RESET}" if enabled else text


def summary_line(record: dict[str, Any]) -> str:
    summary = record["summary"]
    errors, aside = record.get("errors"), record["run"].get("set_aside")
    if errors and not aside:
        return f"{len(errors)} problem(s) in the input data: nothing was checked"
    parts = [f"{summary['error']} error(s), {summary['warning']} warning(s), {summary['note']} note(s)"]
    if errors and aside:
        parts.insert(
            0,
            f"{len(errors)} problem(s) in the input data: {aside['claims']} claim(s) in "
            f"{len(aside['topics'])} topic(s) not checked"
            if aside["claims"]
            else f"{len(errors)} problem(s) in the input data: every claim checked",
        )
    if record["run"]["baseline"]:
        parts.append(
            f"{summary['new']} new, {summary['changed']} changed, {summary['unchanged']} unchanged, {summary['resolved']} resolved"
        )
    parts.append(f"{summary['reviewed']} reviewed")
    parts.append(f"{summary['failing']} failing at '{record['run']['fail_on']}'")
    return "; ".join(parts)


def render_text(record: dict[str, Any], colour: bool = False) -> str:
    corpus = record["run"]["corpus"]
    lines = [
        f"corpus: {corpus['sources']} sources ({corpus['texts']} texts), {corpus['claims']} claims"
        + (f" checked ({record['run']['set_aside']['claims']} set aside)" if record["run"].get("set_aside") else "")
        + ", "
        f"{corpus['topics_used']} topics in use of {corpus['topics']}",
        "",
    ]
    topics = record["topics"]
    ordered = sorted(record["findings"] + record["resolved"], key=lambda f: (f["topic"], f["status"] == "resolved"))
    for topic, group in groupby(ordered, key=lambda finding: finding["topic"]):
        label = topics.get(topic, {}).get("label", topic)
        lines.append(_paint(v(topic), "bold", colour) + (f" — {v(label)}" if label != topic else ""))
        for finding in group:
            status = f"[{finding['status']}]"
            if finding.get("review"):
                status += f" [{v(finding['review']['decision'])}]"
            lines.append(
                f"  {_paint(finding['severity'], finding['severity'], colour)}  {finding['rule']}  {status}  {finding['fingerprint']}"
            )
            lines.append(f"    {v(finding['message'])}")
            if finding["diagnosis"]:
                lines.append(f"    diagnosis: {v(finding['diagnosis'])}")
            for claim in finding["claims"]:
                lines.append(
                    f"    - {v(claim['file'])}:{claim['line']}  {v(claim['claim_id'])} ({v(claim['source'])})  {v(claim['value'])}  → {v(claim['normalised'])}"
                )
                lines.append(_paint(f'      "{v(claim["quote"])}"', "dim", colour))
            review = finding.get("review")
            if review:
                lines.append(
                    f"    review: {v(review['decision'])} by {v(review.get('reviewer') or 'unknown')} ({v(review.get('date') or 'undated')}): {v(review.get('note', ''))}"
                )
        lines.append("")
    for stale in record.get("stale_reviews", []):
        lines.append(f"stale review {v(stale['fingerprint'])} ({v(stale['decision'])}): {v(stale['reason'])}")
    if record.get("stale_reviews"):
        lines.append("")
    lines.append(summary_line(record))
    return "\n".join(lines) + "\n"
