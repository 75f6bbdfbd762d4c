"""The review ledger (claims/reviews.csv): an editor's decision on a finding.

A reviewed finding shows its decision and no longer fails CI. A review whose finding no
longer exists, or whose finding's values changed (same rule, topic and claims, another
fingerprint), is stale and reported as such, so no decision silently outlives its reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from checker.corpus import OUTSIDE, escapes
from checker.errors import DataError, Problem, UsageError
from checker.files import locked, spreadsheet_safe, write_atomic
from checker.findings import Finding, identity_of
from checker.schema import DECISIONS, REVIEWS
from checker.tables import read_table

LEDGER = Path("claims") / "reviews.csv"


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def load(root: Path, path: Path | None = None) -> tuple[dict[str, dict], list[Problem]]:
    """Reviews by fingerprint, and the problems of the ledger (all of them)."""
    path = Path(root) / LEDGER if path is None else Path(path)
    if not path.exists():
        return {}, []
    problems: list[Problem] = []
    shown = LEDGER.as_posix() if path == Path(root) / LEDGER else path.name
    if escapes(path, root):
        return {}, [Problem(shown, 0, "-", OUTSIDE)]
    table = read_table(path, REVIEWS, shown, problems)
    reviews: dict[str, dict] = {}
    for row in table.itertuples():
        where = (shown, int(row.line))
        if row.decision and row.decision not in DECISIONS:
            problems.append(Problem(*where, "decision", f"'{row.decision}' is not one of {', '.join(DECISIONS)}"))
        for column in ("date", "expires"):
            value = getattr(row, column)
            if value and _iso_date(value) is None:
                problems.append(Problem(*where, column, f"'{value}' is not an ISO date (YYYY-MM-DD)"))
        if row.fingerprint in reviews:
            problems.append(
                Problem(*where, "fingerprint", f"reviewed twice (first at line {reviews[row.fingerprint]['line']})")
            )
            continue
        reviews[row.fingerprint] = {
            "fingerprint": row.fingerprint,
            "decision": row.decision,
            "reviewer": row.reviewer,
            "date": row.date,
            "note": row.note,
            "expires": row.expires,
            "rule": row.rule,
            "topic": row.topic,
            "claims": [c.strip() for c in row.claims.split(";") if c.strip()],
            "line": int(row.line),
        }
    return reviews, problems


def apply(findings: list[Finding], reviews: dict[str, dict], today: dt.date) -> tuple[dict[str, dict], list[dict]]:
    """Reviews that hold for current findings, and stale reviews with the reason."""
    current = {finding.fingerprint: finding for finding in findings}
    by_identity = {finding.identity: finding for finding in findings}
    holding: dict[str, dict] = {}
    stale: list[dict] = []
    for fingerprint, review in sorted(reviews.items()):
        public = {key: review[key] for key in ("decision", "reviewer", "date", "note", "expires")}
        expires = _iso_date(review["expires"]) if review["expires"] else None
        if fingerprint in current:
            if expires is not None and expires < today:
                stale.append(
                    {"fingerprint": fingerprint, **public, "reason": f"the decision expired on {review['expires']}"}
                )
                continue
            holding[fingerprint] = public
            continue
        identity = identity_of(review["rule"], review["topic"], review["claims"]) if review["rule"] else None
        if identity and identity in by_identity:
            reason = f"the values changed: the finding is now {by_identity[identity].fingerprint}; review it again"
        else:
            reason = "the finding no longer exists"
        stale.append({"fingerprint": fingerprint, **public, "reason": reason})
    return holding, stale


def record(root: Path, finding: Finding, decision: str, note: str, reviewer: str, date: str, expires: str) -> str:
    """Append or update the review of one finding, atomically and under a lock.

    Every other row is kept as it is. Returns 'added' or 'updated'."""
    if decision not in DECISIONS:
        raise UsageError(f"decision must be one of {', '.join(DECISIONS)}")
    for label, value in (("date", date), ("expires", expires)):
        if value and _iso_date(value) is None:
            raise UsageError(f"--{label} '{value}' is not an ISO date (YYYY-MM-DD)")
    path = Path(root) / LEDGER
    with locked(path):
        rows: list[dict[str, str]] = []
        if path.exists():
            problems: list[Problem] = []
            table = read_table(path, REVIEWS, LEDGER.as_posix(), problems)
            if problems:
                raise DataError(problems)
            rows = [{column: getattr(row, column) for column in REVIEWS.names} for row in table.itertuples()]
        entry = {
            "fingerprint": finding.fingerprint,
            "decision": decision,
            "reviewer": reviewer,
            "date": date,
            "note": note,
            "expires": expires,
            "rule": finding.rule,
            "topic": finding.topic,
            "claims": "; ".join(finding.claim_ids),
        }
        outcome = "added"
        for position, row in enumerate(rows):
            if row["fingerprint"] == finding.fingerprint:
                rows[position] = entry
                outcome = "updated"
                break
        else:
            rows.append(entry)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(REVIEWS.names), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: spreadsheet_safe(str(row.get(column, ""))) for column in REVIEWS.names})
        write_atomic(path, buffer.getvalue())
    return outcome
