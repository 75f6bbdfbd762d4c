"""The report record every format renders, typed: what ``report.build`` hands the renderers
in ``checker.formats``. Plain dicts at run time (they serialise to the JSON report as they
are), described here as TypedDicts so that a renderer and the builder agree on every key.
No pandas, no pint: renderers import this and nothing heavier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

SCHEMA_VERSION = 1  # of the JSON report, and so of a saved baseline


class ClaimRecord(TypedDict):
    source: str
    claim_id: str
    file: str  # relative to the corpus folder
    line: int
    quote: str
    value: str  # as written
    normalised: str  # as read
    period: str


class ReviewRecord(TypedDict):
    decision: str
    reviewer: str
    date: str
    note: str
    expires: str


class RevisedPassage(TypedDict):
    """A claim of a finding whose source text was revised since the baseline."""

    claim_id: str
    source: str
    text_file: str
    before: str  # the passage (the quote) in the baseline's text
    now: str  # the quote now, or the closest passage of the revised text
    change: str  # what changed: a figure, a word, spacing or punctuation


class FindingRecord(TypedDict):
    fingerprint: str
    identity: str
    rule: str
    severity: str
    topic: str
    message: str
    diagnosis: str
    status: str  # new, changed, unchanged or resolved
    previous_fingerprint: str | None
    review: ReviewRecord | None
    subject: str  # the claim at fault: the primary location in code scanning
    claims: list[ClaimRecord]
    failing: bool
    source_revised: NotRequired[list[RevisedPassage]]  # only in a comparison, only when a source was revised


class RuleRecord(TypedDict):
    id: str
    severity: str
    description: str
    fails: list[str]
    passes: list[str]
    explanation: str


class ErrorRecord(TypedDict):
    """A problem in the input data, located."""

    file: str
    line: int
    column: str
    message: str


class StaleReview(TypedDict):
    fingerprint: str
    decision: str
    reviewer: str
    date: str
    note: str
    expires: str
    reason: str


class RunRecord(TypedDict):
    corpus: dict[str, int]
    inputs_sha256: str
    fail_on: str
    baseline: str | None
    path_prefix: str  # the corpus folder relative to the repository root ("" when the same)
    set_aside: NotRequired[SetAsideRecord]  # only when data errors left claims unchecked


class SetAsideRecord(TypedDict):
    """What a check with data errors did not read: the claims the errors touch, with every
    claim of their topic families."""

    claims: int
    topics: list[str]


class Report(TypedDict, total=False):
    tool: dict[str, str]
    run: RunRecord
    summary: dict[str, int]
    rules: list[RuleRecord]
    findings: list[FindingRecord]
    resolved: list[FindingRecord]
    stale_reviews: list[StaleReview]
    errors: list[ErrorRecord]
    topics: dict[str, dict[str, str]]
    topics_in_use: list[str]
    claims: list[dict[str, Any]]  # every claim, for the editorial report
    sources: dict[str, dict[str, str]]


@dataclass(frozen=True)
class Comparison:
    """A check compared with a baseline: each current finding's status (and the
    fingerprint it had, when changed), and the baseline findings that were resolved."""

    label: str
    statuses: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    resolved: list[dict[str, Any]] = field(default_factory=list)
