"""Severity, ClaimRef, Finding and fingerprints; nothing else.

A finding is a value, not an exception. Its fingerprint comes from meaning — the rule, the
topic, and each claim's id with its normalised value — never from line numbers: moving
rows leaves it unchanged, changing a value changes it. Its identity leaves the values out,
so a finding whose values changed can be recognised as the same finding, changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "note": 2}[self.value]


SEVERITIES = tuple(severity.value for severity in Severity)


@dataclass(frozen=True)
class ClaimRef:
    """One claim as a finding shows it: where it is, what it says, what it was read as."""

    source: str
    claim_id: str
    file: str
    line: int
    quote: str
    value: str  # as written
    normalised: str  # as read: interval in display units, date interval or state
    period: str = ""
    topic: str = ""
    key: str = ""  # the canonical form the fingerprint hashes (base units, full precision)


@dataclass(frozen=True)
class Finding:
    topic: str
    message: str
    claims: tuple[ClaimRef, ...]
    diagnosis: str = ""
    rule: str = ""  # stamped by the engine
    severity: str = ""  # a rule may choose a level for one finding; the engine stamps the final one
    subject: str = ""  # the claim id at fault, when the rule knows it (a report picks one otherwise)
    fingerprint: str = field(default="", compare=False)
    identity: str = field(default="", compare=False)

    def stamped(self, rule: str, severity: str) -> Finding:
        claims = tuple(sorted(self.claims, key=lambda ref: ref.claim_id))
        return replace(
            self,
            rule=rule,
            severity=severity,
            claims=claims,
            fingerprint=fingerprint(rule, self.topic, claims, with_values=True),
            identity=fingerprint(rule, self.topic, claims, with_values=False),
        )

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(ref.claim_id for ref in self.claims)


def fingerprint(rule: str, topic: str, claims: tuple[ClaimRef, ...], with_values: bool) -> str:
    """16 hex digits of SHA-256 over the finding's meaning; claim order does not matter."""
    parts = sorted(f"{ref.claim_id}={ref.key}" if with_values else ref.claim_id for ref in claims)
    text = "\x1f".join([rule, topic, *parts])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def identity_of(rule: str, topic: str, claim_ids: list[str]) -> str:
    """The identity of a finding from its recorded rule, topic and claim ids."""
    refs = tuple(ClaimRef("", claim_id, "", 0, "", "", "") for claim_id in claim_ids)
    return fingerprint(rule, topic, refs, with_values=False)
