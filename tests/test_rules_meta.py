"""Every rule is registered, documented with examples, tested, and behaves as a pure function."""

import pkgutil

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checker.rules
from checker.findings import ClaimRef, Finding
from checker.rules import RULES, description
from conftest import ROOT, claim, run_rules


def test_every_rule_module_is_registered():
    modules = {name for _, name, _ in pkgutil.iter_modules(checker.rules.__path__)}
    registered = {rule.__name__.rsplit(".", 1)[1] for rule in RULES}
    assert modules == registered


def test_every_rule_is_documented_and_tested():
    ids = [rule.ID for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        doc = rule.__doc__ or ""
        assert description(rule).endswith("."), rule.ID
        assert "\nFails:" in doc and "\nPasses:" in doc, rule.ID
        assert rule.SEVERITY in ("error", "warning", "note")
        assert isinstance(rule.OPTIONS, dict)
        module = rule.__name__.rsplit(".", 1)[1]
        assert (ROOT / "tests" / f"test_rule_{module}.py").is_file(), f"no test module for {rule.ID}"


MIXED = {
    "orf": [
        claim("orf-2024", "trade", "US$1 billion", period="2024"),
        claim("orf-2022", "trade", "US$170 million", period="2022"),
        claim("orf-rec", "recognition", "not-recognised", period="2025-07"),
        claim("orf-court", "court-ruling", "2025-04-17", quote="on 17 April 2025"),
        claim(
            "orf-contract",
            "lpg-contract",
            "50 million m^3",
            period="2025",
            converted="~26.3 million t",
            quote="50 million cubic metres (about 26.3 million tonnes)",
        ),
        claim("orf-demand", "lpg-demand", "~700,000 t/year", period="2025", quote="around 700,000 tonnes per year"),
    ],
    "capss": [
        claim("capss-2024", "trade", "USD 12.42 billion", period="2024", cites="amu"),
        claim("capss-rec", "recognition", "recognised", period="2025-07"),
        claim("capss-court", "court-ruling", "2025-04-21", quote="on April 21, 2025"),
    ],
    "amu": [claim("amu-total", "total-trade", ">12 billion USD", period="2024")],
}


def _findings(result):
    return run_rules(result, *RULES)


def test_rules_do_not_mutate_the_claims(normalised):
    result = normalised(MIXED)
    before = result.claims.copy()
    _findings(result)
    pd.testing.assert_frame_equal(result.claims, before)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False))
def test_shuffling_rows_changes_no_finding(normalised, random):
    baseline = _findings(normalised(MIXED))
    shuffled = {source: random.sample(rows, len(rows)) for source, rows in MIXED.items()}
    again = _findings(normalised(shuffled))
    assert [f.fingerprint for f in baseline] == [f.fingerprint for f in again]
    assert [f.message for f in baseline] == [f.message for f in again]
    assert len(baseline) >= 4


refs = st.builds(
    ClaimRef,
    source=st.text(max_size=5),
    claim_id=st.text(min_size=1, max_size=8),
    file=st.just("f.csv"),
    line=st.integers(1, 99),
    quote=st.text(max_size=10),
    value=st.text(max_size=5),
    normalised=st.text(max_size=5),
    key=st.text(max_size=8),
)


@given(refs, refs, st.text(max_size=10))
def test_swapping_two_claims_changes_no_fingerprint(first, second, topic):
    forward = Finding(topic=topic, message="m", claims=(first, second)).stamped("rule", "error")
    backward = Finding(topic=topic, message="m", claims=(second, first)).stamped("rule", "error")
    assert forward.fingerprint == backward.fingerprint and forward.identity == backward.identity


def test_swapping_the_values_of_two_claims_keeps_the_identity(normalised):
    swapped = {
        **MIXED,
        "orf": [dict(MIXED["orf"][0], value="USD 12.42 billion", quote="USD 12.42 billion")] + MIXED["orf"][1:],
        "capss": [dict(MIXED["capss"][0], value="US$1 billion", quote="US$1 billion")] + MIXED["capss"][1:],
    }
    before = {f.identity: f for f in _findings(normalised(MIXED)) if f.rule == "value-conflict"}
    after = {f.identity: f for f in _findings(normalised(swapped)) if f.rule == "value-conflict"}
    assert before.keys() == after.keys()
    assert {f.fingerprint for f in before.values()} != {f.fingerprint for f in after.values()}


def test_changing_a_value_changes_the_fingerprint_but_not_the_identity(normalised):
    before = {f.rule: f for f in _findings(normalised(MIXED))}
    changed = {
        **MIXED,
        "capss": [dict(MIXED["capss"][0], value="USD 12.43 billion", quote="USD 12.43 billion")] + MIXED["capss"][1:],
    }
    after = {f.rule: f for f in _findings(normalised(changed))}
    assert before["value-conflict"].identity == after["value-conflict"].identity
    assert before["value-conflict"].fingerprint != after["value-conflict"].fingerprint


def test_moving_rows_keeps_fingerprints(normalised):
    moved = {**MIXED, "orf": [dict(row, note="moved " * 3) for row in reversed(MIXED["orf"])]}
    assert [f.fingerprint for f in _findings(normalised(MIXED))] == [
        f.fingerprint for f in _findings(normalised(moved))
    ]
