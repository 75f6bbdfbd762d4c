"""GitHub Actions workflow commands: one annotation per finding a pull request should see,
``::error file=…,line=…,title=…::message``, as ruff, sqlfluff and yamllint print them.

Annotations need no code-scanning licence: GitHub shows them on the changed lines of a
pull request and in the run's summary. Only findings that need attention are printed:
new or changed and not reviewed (a reviewed or unchanged finding would repeat on every
run), and every data error. Paths are relative to the repository root.

Escaping follows the Actions toolkit (``@actions/core``): in the message ``%``, ``\\r``
and ``\\n`` become ``%25``, ``%0D`` and ``%0A``; in a property (file, title) also ``:``
and ``,`` become ``%3A`` and ``%2C``.
"""

from __future__ import annotations

from checker.records import Report

LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, file: str, line: int, title: str, message: str) -> str:
    return (
        f"::{level} file={escape_property(file)},line={max(1, int(line))},title={escape_property(title)}"
        f"::{escape_data(message)}"
    )


def render_github(record: Report) -> str:
    prefix = record["run"]["path_prefix"]
    lines = []
    for error in record.get("errors", []):
        column = "" if error["column"] == "-" else f"{error['column']}: "
        lines.append(
            _command("error", prefix + error["file"], error["line"], "claimcheck data-error", column + error["message"])
        )
    for finding in record["findings"]:
        if finding.get("review") or finding["status"] not in ("new", "changed"):
            continue
        subject = next(
            (claim for claim in finding["claims"] if claim["claim_id"] == finding["subject"]), finding["claims"][0]
        )
        message = finding["message"] + (f" Diagnosis: {finding['diagnosis']}." if finding["diagnosis"] else "")
        lines.append(
            _command(
                LEVEL[finding["severity"]],
                prefix + subject["file"],
                subject["line"],
                f"claimcheck {finding['rule']} ({finding['topic']})",
                message,
            )
        )
    return "".join(line + "\n" for line in lines)
