"""One line per finding, ``FILE:LINE: severity rule-id message``, for terminals and for
searching logs; data errors first, as ``FILE:LINE: error data-error column: message``.
Control characters are shown as escapes."""

from __future__ import annotations

from checker.display import visible
from checker.records import Report


def render_concise(record: Report) -> str:
    lines = []
    for error in record.get("errors", []):
        lines.append(f"{error['file']}:{error['line']}: error data-error {error['column']}: {error['message']}")
    for finding in record["findings"]:
        subject = next(
            (claim for claim in finding["claims"] if claim["claim_id"] == finding["subject"]), finding["claims"][0]
        )
        marks = "" if finding["status"] == "new" else f" [{finding['status']}]"
        if review := finding.get("review"):
            marks += f" [{review['decision']}]"
        lines.append(
            f"{subject['file']}:{subject['line']}: {finding['severity']} {finding['rule']} {finding['message']}{marks}"
        )
    return "".join(visible(line) + "\n" for line in lines)
