"""Run the enabled rules, stamp rule id and severity, de-duplicate and sort.

A rule is a pure function of the normalised claims and its options. Every rule receives
the same claims table (copying a million rows per rule would double the memory); under
pandas' copy-on-write any frame a rule derives from it is its own, and a rule never
assigns to the table itself: ``tests/test_rules_meta.py`` runs every rule and checks the
table is unchanged afterwards. Options are a read-only mapping. While the rules run,
``pairing.reading`` lets findings read claim fields through one row reader.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import MappingProxyType

from checker.config import Config
from checker.findings import Finding, Severity
from checker.normalise import Normalised
from checker.options import defaults
from checker.pairing import reading
from checker.rules import RULES
from checker.tables import release_memory


@dataclass
class CheckResult:
    findings: list[Finding]
    normalised: Normalised
    config: Config
    rules: tuple = RULES
    timings: dict[str, float] = field(default_factory=dict)


def sort_key(finding: Finding):
    return (Severity(finding.severity).rank, finding.topic, finding.rule, finding.claim_ids, finding.fingerprint)


def run(normalised: Normalised, config: Config, rules: tuple = RULES, progress=None) -> CheckResult:
    findings: dict[str, Finding] = {}
    timings: dict[str, float] = {}
    claims = normalised.claims
    with reading(claims):
        for rule in rules:
            settings = config.rules.get(rule.ID)
            if settings is not None and not settings.enabled:
                continue
            override = settings.severity if settings else None
            options = MappingProxyType(dict(settings.options if settings else defaults(rule.OPTIONS)))
            if progress:
                progress(f"rule {rule.ID}")
            started = time.perf_counter()
            for finding in rule.check(claims, options) if len(claims) else ():
                stamped = finding.stamped(rule.ID, override or finding.severity or rule.SEVERITY)
                findings.setdefault(stamped.fingerprint, stamped)
            timings[rule.ID] = time.perf_counter() - started
            release_memory()  # what the rule built on the way goes back, not into the next rule's peak
    ordered = sorted(findings.values(), key=sort_key)
    return CheckResult(findings=ordered, normalised=normalised, config=config, rules=rules, timings=timings)
