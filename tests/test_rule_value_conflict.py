from hypothesis import given, settings, strategies as st, HealthCheck

from checker.rules import value_conflict
from conftest import claim, ids, run_rules


def test_different_totals_for_the_same_year_conflict(normalised):
    result = normalised({
        "orf": [claim("orf-2024", "trade", "US$1 billion", period="2024")],
        "capss": [claim("capss-2024", "trade", "USD 12.42 billion", period="2024")],
    })
    findings = run_rules(result, value_conflict)
    assert ids(findings) == [("value-conflict", ("capss-2024", "orf-2024"))]
    assert findings[0].severity == "error"
    assert "12.4×" in findings[0].message


def test_target_and_values_within_bounds_pass(normalised):
    result = normalised({"orf": [
        claim("actual", "trade", "US$1 billion", period="2024"),
        claim("target", "trade", "more than US$3 billion", period="2024", modality="target"),
        claim("close", "trade", "~US$1.2 billion", period="2024"),
        claim("other-year", "trade", "US$170 million", period="2022"),
    ]})
    assert run_rules(result, value_conflict) == []


def test_scale_slip_diagnosis(normalised):
    result = normalised({"a": [claim("a1", "trade", "US$170 million", period="2022")],
                         "b": [claim("b1", "trade", "US$1.7 billion", period="2022")]})
    (finding,) = run_rules(result, value_conflict)
    assert finding.diagnosis.startswith("scale slip")


def test_different_scope_diagnosis_names_the_other_topic(normalised):
    result = normalised({"a": [claim("a1", "trade", "US$1 billion", period="2024")],
                         "b": [claim("b1", "trade", "USD 12.42 billion", period="2024")],
                         "c": [claim("c1", "total-trade", ">12 billion USD", period="2024")]})
    (finding,) = run_rules(result, value_conflict)
    assert finding.diagnosis.startswith("different scope") and "c1" in finding.diagnosis


def test_different_period_diagnosis(normalised):
    result = normalised({"a": [claim("a1", "trade", "US$1 billion", period="2024"),
                               claim("a0", "trade", "US$400 million", period="2023")],
                         "b": [claim("b1", "trade", "US$400 million", period="2024")]})
    findings = run_rules(result, value_conflict)
    assert ids(findings) == [("value-conflict", ("a1", "b1"))]
    assert findings[0].diagnosis.startswith("different period") and "a0" in findings[0].diagnosis


def test_truncation_is_diagnosed_as_rounding(normalised):
    result = normalised({"a": [claim("a1", "trade", "=1.29 billion USD", period="2024")],
                         "b": [claim("b1", "trade", "1.2 billion USD", period="2024")]})
    (finding,) = run_rules(result, value_conflict, tolerance=0.0)
    assert finding.diagnosis.startswith("rounding")


def test_tolerance_from_the_topic(normalised):
    topics = [{"key": "trade", "kind": "quantity", "unit": "USD", "tolerance": "0.5"}]
    result = normalised({"a": [claim("a1", "trade", "=100 USD", period="2024")],
                         "b": [claim("b1", "trade", "=140 USD", period="2024")]}, topics=topics, entities=[])
    assert run_rules(result, value_conflict) == []


def test_a_claim_never_conflicts_with_itself(normalised):
    result = normalised({"a": [claim("a1", "trade", "US$1 billion", period="2024")]})
    assert run_rules(result, value_conflict) == []


EQUIVALENT = [("USD", "1 billion USD", "US$1000 million"), ("t", "=275000 t", "=275 kilotonne"),
              ("t/year", "=700000 t/year", "=700 kt/year"), ("m^3", "=2 million m^3", "=2000000000 litre")]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(EQUIVALENT))
def test_restating_in_an_equivalent_unit_creates_no_finding(normalised, pair):
    unit, first, second = pair
    topics = [{"key": "x", "kind": "quantity", "unit": unit}]
    result = normalised({"a": [claim("a1", "x", first, period="2024", quote=f"a1 says {first.lstrip('=')}")],
                         "b": [claim("b1", "x", second, period="2024", quote=f"b1 says {second.lstrip('=')}")]},
                        topics=topics, entities=[])
    assert run_rules(result, value_conflict) == []
