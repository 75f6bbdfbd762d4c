import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.rules import value_conflict
from conftest import claim, ids, run_rules


def test_different_totals_for_the_same_year_conflict(normalised):
    result = normalised(
        {
            "orf": [claim("orf-2024", "trade", "US$1 billion", period="2024")],
            "capss": [claim("capss-2024", "trade", "USD 12.42 billion", period="2024")],
        }
    )
    findings = run_rules(result, value_conflict)
    assert ids(findings) == [("value-conflict", ("capss-2024", "orf-2024"))]
    assert findings[0].severity == "error"
    assert "12.4×" in findings[0].message


def test_target_and_values_within_bounds_pass(normalised):
    result = normalised(
        {
            "orf": [
                claim("actual", "trade", "US$1 billion", period="2024"),
                claim("target", "trade", "more than US$3 billion", period="2024", modality="target"),
                claim("close", "trade", "~US$1.2 billion", period="2024"),
                claim("other-year", "trade", "US$170 million", period="2022"),
            ]
        }
    )
    assert run_rules(result, value_conflict) == []


def test_scale_slip_diagnosis(normalised):
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$170 million", period="2022")],
            "b": [claim("b1", "trade", "US$1.7 billion", period="2022")],
        }
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.diagnosis.startswith("scale slip")


def test_a_scale_slip_against_a_rounded_figure_is_read_within_its_rounding(normalised):
    """21 billion against "about 2 billion" (1.8 to 2.2 billion, times ten): a scale slip;
    against "more than 2 billion", which has no upper end, nothing says so."""

    def diagnosis(other: str) -> str:
        rows = {
            "a": [claim("a1", "trade", "US$21 billion", period="2022")],
            "b": [claim("b1", "trade", other, period="2022")],
        }
        findings = run_rules(normalised(rows), value_conflict)
        return findings[0].diagnosis if findings else ""

    assert diagnosis("about US$2 billion").startswith("scale slip: the values differ by a factor of 10 ")
    assert diagnosis("US$2.6 billion").startswith("different figures")  # 26 billion is no slip of 21


def test_different_scope_diagnosis_names_the_other_topic(normalised):
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$1 billion", period="2024")],
            "b": [claim("b1", "trade", "USD 12.42 billion", period="2024")],
            "c": [claim("c1", "total-trade", ">12 billion USD", period="2024")],
        }
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.diagnosis.startswith("different scope") and "c1" in finding.diagnosis


def test_different_period_diagnosis(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "trade", "US$1 billion", period="2024"),
                claim("a0", "trade", "US$400 million", period="2023"),
            ],
            "b": [claim("b1", "trade", "US$400 million", period="2024")],
        }
    )
    findings = run_rules(result, value_conflict)
    assert ids(findings) == [("value-conflict", ("a1", "b1"))]
    assert findings[0].diagnosis.startswith("different period") and "a0" in findings[0].diagnosis


def test_truncation_is_diagnosed_as_rounding(normalised):
    result = normalised(
        {
            "a": [claim("a1", "trade", "=1.29 billion USD", period="2024")],
            "b": [claim("b1", "trade", "1.2 billion USD", period="2024")],
        }
    )
    (finding,) = run_rules(result, value_conflict, tolerance=0.0)
    assert finding.diagnosis.startswith("rounding")


def test_tolerance_from_the_topic(normalised):
    topics = [{"key": "trade", "kind": "quantity", "unit": "USD", "tolerance": "0.5"}]
    result = normalised(
        {
            "a": [claim("a1", "trade", "=100 USD", period="2024")],
            "b": [claim("b1", "trade", "=140 USD", period="2024")],
        },
        topics=topics,
        entities=[],
    )
    assert run_rules(result, value_conflict) == []


def test_a_claim_never_conflicts_with_itself(normalised):
    result = normalised({"a": [claim("a1", "trade", "US$1 billion", period="2024")]})
    assert run_rules(result, value_conflict) == []


EQUIVALENT = [
    ("USD", "1 billion USD", "US$1000 million"),
    ("t", "=275000 t", "=275 kilotonne"),
    ("t/year", "=700000 t/year", "=700 kt/year"),
    ("m^3", "=2 million m^3", "=2000000000 litre"),
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(EQUIVALENT))
def test_restating_in_an_equivalent_unit_creates_no_finding(normalised, pair):
    unit, first, second = pair
    topics = [{"key": "x", "kind": "quantity", "unit": unit}]
    result = normalised(
        {
            "a": [claim("a1", "x", first, period="2024", quote=f"a1 says {first.lstrip('=')}")],
            "b": [claim("b1", "x", second, period="2024", quote=f"b1 says {second.lstrip('=')}")],
        },
        topics=topics,
        entities=[],
    )
    assert run_rules(result, value_conflict) == []


ROUND = [
    {"key": "oil", "kind": "quantity", "unit": "barrel"},
    {"key": "trade", "kind": "quantity", "unit": "USD"},
    {"key": "extensions", "kind": "count"},
    {"key": "aircraft", "kind": "count"},
    {"key": "growth", "kind": "quantity", "unit": "percent"},
    {"key": "toll", "kind": "count", "unit": "person", "aggregation": "cumulative"},
]


def test_round_numbers_read_tight_but_rounding_is_allowed(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "oil", "3 million barrel", period="2024-05"),
                claim("a2", "trade", "US$1 billion", period="2024"),
            ],
            "b": [
                claim("b1", "oil", "2 million barrel", period="2024-05"),
                claim("b2", "trade", "US$1.04 billion", period="2024"),
            ],
        },
        topics=ROUND,
        entities=[],
    )
    assert ids(run_rules(result, value_conflict)) == [("value-conflict", ("a1", "b1"))]


def test_about_still_widens(normalised):
    result = normalised(
        {
            "a": [claim("a1", "trade", "about US$1 billion", period="2024")],
            "b": [claim("b1", "trade", "US$1.3 billion", period="2024")],
        },
        topics=ROUND,
        entities=[],
    )
    assert run_rules(result, value_conflict) == []


def test_small_counts_are_exact(normalised):
    result = normalised(
        {"a": [claim("a1", "extensions", "2", period="2024")], "b": [claim("b1", "extensions", "3", period="2024")]},
        topics=ROUND,
        entities=[],
    )
    assert ids(run_rules(result, value_conflict)) == [("value-conflict", ("a1", "b1"))]


def test_a_rounding_per_topic(normalised):
    topics = [{"key": "oil", "kind": "quantity", "unit": "barrel", "rounding": "stated"}]
    result = normalised(
        {
            "a": [claim("a1", "oil", "3 million barrel", period="2024-05")],
            "b": [claim("b1", "oil", "2 million barrel", period="2024-05")],
        },
        topics=topics,
        entities=[],
    )
    assert run_rules(result, value_conflict) == []  # one significant digit, as written


def test_nested_periods_are_not_compared(normalised):
    result = normalised(
        {
            "a": [claim("h1", "trade", "US$3.1 billion", period="2024-01/2024-06")],
            "b": [claim("year", "trade", "US$7.9 billion", period="2024")],
        },
        topics=ROUND,
        entities=[],
    )
    assert run_rules(result, value_conflict) == []


def test_agreements_compare_with_agreements_and_never_with_actual_figures(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "aircraft", "40", period="2024", modality="agreement"),
                claim("a2", "aircraft", "12", period="2024"),
            ],
            "b": [claim("b1", "aircraft", "60", period="2024", modality="agreement")],
        },
        topics=ROUND,
        entities=[],
    )
    assert ids(run_rules(result, value_conflict)) == [("value-conflict", ("a1", "b1"))]


def test_forecasters_may_differ_but_one_forecaster_reported_differently_is_a_warning(normalised):
    entities = [{"key": "imf"}, {"key": "world-bank"}]
    result = normalised(
        {
            "a": [claim("a1", "growth", "2.5 %", period="2025", modality="forecast", attributed_to="imf")],
            "b": [
                claim("b1", "growth", "3.9 %", period="2025", modality="forecast", attributed_to="world-bank"),
                claim("b2", "growth", "3.9 %", period="2025", modality="forecast"),
            ],
        },
        topics=ROUND,
        entities=entities,
    )
    assert run_rules(result, value_conflict) == []
    result = normalised(
        {
            "a": [claim("a1", "growth", "2.5 %", period="2025", modality="forecast", attributed_to="imf")],
            "b": [claim("b1", "growth", "3.9 %", period="2025", modality="forecast", attributed_to="imf")],
        },
        topics=ROUND,
        entities=entities,
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.severity == "warning"
    # A scale slip no revision explains is an error, a forecast's too (445 written 4,450).
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$445 million", period="2026", modality="forecast", attributed_to="imf")],
            "b": [claim("b1", "trade", "US$4,450 million", period="2026", modality="forecast", attributed_to="imf")],
        },
        entities=entities,
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.severity == "error" and finding.diagnosis.startswith("scale slip")


def test_running_totals_on_one_day_without_times_are_a_note(normalised):
    result = normalised(
        {
            "a": [claim("a1", "toll", "120 person", period="2024-05-02")],
            "b": [claim("b1", "toll", "150 person", period="2024-05-02")],
        },
        topics=ROUND,
        entities=[],
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.severity == "note"
    result = normalised(
        {
            "a": [claim("a1", "toll", "120 person", period="2024-05-02T14:00", quote="120 dead at 14:00")],
            "b": [claim("b1", "toll", "150 person", period="2024-05-02T14:00", quote="150 dead at 14:00")],
        },
        topics=ROUND,
        entities=[],
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.severity == "error"


def test_a_count_of_another_kind_never_explains_a_conflict(normalised):
    topics = [
        {"key": "arrests", "kind": "count", "unit": "person"},
        {"key": "injured", "kind": "count", "unit": "person"},
    ]
    result = normalised(
        {
            "a": [
                claim("a1", "arrests", "140 person", period="2024-05-02"),
                claim("a2", "injured", "100 person", period="2024-05-02"),
            ],
            "b": [claim("b1", "arrests", "230 person", period="2024-05-02")],
        },
        topics=topics,
        entities=[],
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.diagnosis.startswith("different figures")


def test_the_closest_candidate_explains_a_conflict(normalised):
    topics = [
        {"key": "trade", "kind": "quantity", "unit": "USD", "part_of": "total"},
        {"key": "total", "kind": "quantity", "unit": "USD"},
        {"key": "exports", "kind": "quantity", "unit": "USD", "part_of": "total"},
    ]
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$1 billion", period="2024")],
            "b": [claim("b1", "trade", "USD 12.42 billion", period="2024")],
            "c": [
                claim("c1", "exports", "USD 12.1 billion", period="2024"),
                claim("c2", "total", "USD 12.4 billion", period="2024"),
            ],
        },
        topics=topics,
        entities=[],
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.diagnosis.startswith("different scope") and "c2" in finding.diagnosis


def test_a_range_conflicts_only_with_figures_outside_it(normalised):
    """'Between 3 and 4 billion USD' agrees with 3.5 billion and with the round 4 billion;
    it conflicts with 5 billion, and the message shows the range's two ends."""
    result = normalised(
        {
            "a": [
                claim(
                    "range",
                    "trade",
                    "between 3 and 4 billion USD",
                    period="2024",
                    quote="trade of between 3 and 4 billion dollars",
                )
            ],
            "b": [
                claim("inside", "trade", "US$3.5 billion", period="2024"),
                claim("edge", "trade", "US$4 billion", period="2024"),
            ],
            "c": [claim("outside", "trade", "US$5 billion", period="2024")],
        }
    )
    assert result.problems == []
    findings = [finding for finding in run_rules(result, value_conflict) if "range" in finding.claim_ids]
    assert [finding.claim_ids for finding in findings] == [("outside", "range")]
    assert "3 billion–4 billion USD" in findings[0].message


def _one_finding(normalised, first: str, second: str, topic: str = "trade", topics=None, period: str = "2024"):
    """The one value-conflict finding between two sources' claims of one topic, each quoting
    its value as written (``topics``: instead of the default topics, with no entities)."""
    result = normalised(
        {
            "a": [claim("a", topic, first, period=period, quote=first)],
            "b": [claim("b", topic, second, period=period, quote=second)],
        },
        **({"topics": topics, "entities": []} if topics else {}),
    )
    (finding,) = run_rules(result, value_conflict)
    return finding


def test_a_digit_transposition_is_diagnosed(normalised):
    assert _one_finding(normalised, "US$45,000", "US$54,000").diagnosis.startswith("digit transposition: ")
    # Not when the figures differ otherwise (45,000 against 55,000).
    assert not _one_finding(normalised, "US$45,000", "US$55,000").diagnosis.startswith("digit transposition")


def test_a_slip_of_the_pen_in_a_running_total_of_one_day_stays_an_error(normalised):
    """Two counts for the same day without a time of day are a note (different hours), but
    not when a digit transposition explains the gap: 4,812 written 4,182."""
    topics = [{"key": "cases", "kind": "count", "unit": "person", "aggregation": "cumulative"}]

    def finding(second: str):
        return _one_finding(normalised, "4,812 person", f"{second} person", "cases", topics, "2024-03-12")

    transposed = finding("4,182")
    assert transposed.severity == "error" and transposed.diagnosis.startswith("digit transposition")
    assert finding("4,300").severity == "note"


def test_claims_about_different_subjects_of_one_topic_are_not_compared(normalised):
    """Votes per party in one topic, the party in ``subject``: each party's figures compare
    with that party's only."""
    entities = [
        {"key": "unity", "label": "People's Unity", "kind": "organisation", "aliases": ""},
        {"key": "alliance", "label": "Democratic Alliance", "kind": "organisation", "aliases": ""},
    ]
    topics = [{"key": "party-votes", "kind": "count", "unit": "person"}]
    result = normalised(
        {
            "commission": [
                claim("c-unity", "party-votes", "954,202 person", period="2025", subject="unity"),
                claim("c-alliance", "party-votes", "673,408 person", period="2025", subject="alliance"),
            ],
            "paper": [
                claim("p-unity", "party-votes", "954,202 person", period="2025", subject="unity"),
                claim("p-alliance", "party-votes", "637,408 person", period="2025", subject="alliance"),
            ],
        },
        topics=topics,
        entities=entities,
    )
    assert [finding.claim_ids for finding in run_rules(result, value_conflict)] == [("c-alliance", "p-alliance")]


def test_figures_in_another_dimension_than_their_topics_show_in_their_own_unit(normalised):
    """A topic in people a year, two amounts in people: the message shows people, not the
    amounts multiplied by the seconds of a year."""
    topics = [{"key": "emigration", "kind": "count", "unit": "person/year"}]
    finding = _one_finding(normalised, "384,000 person", "38,400 person", "emigration", topics)
    assert "384,000 people" in finding.message and "38,400 people" in finding.message
    assert "trillion" not in finding.message


def test_a_unit_slip_is_diagnosed_and_is_no_difference_of_hours(normalised):
    """120,000 acres where the others say 120,000 hectares: the factor between the units
    exactly; for two running totals of one day that is an error, not the note for counts
    from different hours."""
    topics = [{"key": "burned", "kind": "quantity", "unit": "hectare", "aggregation": "cumulative"}]

    def finding(other: str):
        return _one_finding(normalised, "120,000 hectares", f"{other} acres", "burned", topics, "2025-08-20")

    slip = finding("120,000")
    assert slip.diagnosis.startswith("unit slip") and "acres and hectares" in slip.diagnosis
    assert slip.severity == "error"
    other = finding("100,000")
    assert not other.diagnosis.startswith("unit slip") and other.severity == "note"


@pytest.mark.parametrize(
    "unit, first, second, units",
    [
        ("day", "301 weeks", "43 weeks", "days and weeks"),  # 43 weeks is 301 days
        ("month", "138 years", "11.5 years", "months and years"),
        ("TB", "412.5 TB", "3,300 TB", "bits and bytes"),  # terabits written as terabytes
        ("kg", "61,480 ozt", "61,480 oz", "troy and avoirdupois ounces"),
        ("USD/FEU", "$3,218 per FEU", "$3,218 per TEU", "FEU and TEU"),  # a forty-foot box is two TEU
    ],
)
def test_a_figure_in_the_next_unit_is_diagnosed_as_a_unit_slip(normalised, unit, first, second, units):
    topics = [{"key": "figure", "kind": "quantity", "unit": unit}]
    finding = _one_finding(normalised, first, second, "figure", topics)
    assert finding.diagnosis.startswith("unit slip") and units in finding.diagnosis


RATE = [{"key": "policy-rate", "kind": "quantity", "unit": "%"}]


def _rate_findings(normalised, first: str, second: str, tolerance: str = ""):
    topics = [{**RATE[0], "tolerance": tolerance}]
    result = normalised(
        {
            "a": [claim("a", "policy-rate", first, period="2025-07-14", quote=first)],
            "b": [claim("b", "policy-rate", second, period="2025-07-14", quote=second)],
        },
        topics=topics,
        entities=[],
    )
    return ids(run_rules(result, value_conflict))


@pytest.mark.parametrize(
    "first, second",
    [
        ("16.5 %", "16.25 %"),  # a quarter point: within 2 % of the rate, but a different rate
        ("11.8 %", "11.6 %"),
        ("61.3 %", "63.1 %"),
        ("60 %", "63.1 %"),  # "60" is whole points: 59.5–60.5
        ("50 bp", "0.75 %"),
    ],
)
def test_percentages_differing_beyond_their_stated_points_conflict(normalised, first, second):
    assert _rate_findings(normalised, first, second) == [("value-conflict", ("a", "b"))]


@pytest.mark.parametrize(
    "first, second",
    [
        ("9.1 %", "9.06 %"),  # 9.06 rounds to 9.1
        ("6 %", "6.4 %"),  # 6.4 rounds to whole points as 6
        ("2.5 percentage points", "2.5 %"),
        ("about 16 %", "16.5 %"),
        ("16.5 %", "16.5 per cent"),
    ],
)
def test_percentages_that_round_to_each_other_pass(normalised, first, second):
    assert _rate_findings(normalised, first, second) == []


def test_a_topics_tolerance_still_widens_percentages(normalised):
    assert _rate_findings(normalised, "16.5 %", "16.25 %", tolerance="0.05") == []


@pytest.mark.parametrize(
    "first, second, conflict",
    [
        ("925 hPa", "941 mbar", True),  # within 2 % of the air's pressure, 16 hPa apart
        ("940 hPa", "941 mb", False),
        ("27.79 inHg", "941 mb", False),  # 941.1 hPa
        ("27.79 inHg", "925 hPa", True),
    ],
)
def test_pressures_are_readings_compared_to_a_few_hectopascals(normalised, first, second, conflict):
    """A storm's central pressure at landfall: 925 against 941 hPa is another storm, within
    the 2 % an amount may be off; 940 against 941, or 27.79 inHg against 941 mb, agree."""
    topics = [{"key": "pressure", "kind": "quantity", "unit": "hPa"}]
    rows = {
        "a": [claim("a", "pressure", first, period="2025-09-17", quote=first)],
        "b": [claim("b", "pressure", second, period="2025-09-17", quote=second)],
    }
    found = ids(run_rules(normalised(rows, topics=topics, entities=[]), value_conflict))
    assert found == ([("value-conflict", ("a", "b"))] if conflict else [])


def test_estimates_by_different_named_estimators_are_not_compared(normalised):
    """40,000 against 45,000 troops: by two named estimators, two ways of counting; by one
    estimator, or with one estimator unnamed, a conflict."""
    entities = [{"key": "institute", "kind": "organisation"}, {"key": "officials", "kind": "organisation"}]
    topics = [{"key": "troops", "kind": "count", "unit": "person"}]

    def findings(first: str, second: str):
        rows = {
            source: [
                claim(source, "troops", value, period="2025-05", quote=value, modality="estimate", attributed_to=who)
            ]
            for source, value, who in (("a", "40,000 person", first), ("b", "45,000 person", second))
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=entities), value_conflict))

    assert findings("institute", "officials") == []
    assert findings("institute", "institute") == [("value-conflict", ("a", "b"))]
    assert findings("institute", "") == [("value-conflict", ("a", "b"))]


def _undated(normalised, first: str, second: str, published: tuple[str, str], options=None):
    """Two claims without a period, in texts published on the given days."""
    topics = [{"key": "capacity", "kind": "quantity", "unit": "MW"}]
    sources = [{"id": source, "file": f"{source}.txt", "published": day} for source, day in zip(("a", "b"), published)]
    result = normalised(
        {"a": [claim("a", "capacity", first, quote=first)], "b": [claim("b", "capacity", second, quote=second)]},
        topics=topics,
        entities=[],
        sources=sources,
    )
    return run_rules(result, value_conflict, **(options or {}))


def test_claims_without_a_period_compare_across_publication_days_of_one_news_cycle(normalised):
    """1,200 MW in a release of 14 April against 1,500 MW in a paper of 20 April: a note
    (the capacity may have changed); 12,000 MW, a scale slip no change explains, an error."""
    (finding,) = _undated(normalised, "1,200 MW", "1,500 MW", ("2025-04-14", "2025-04-20"))
    assert finding.severity == "note" and finding.claim_ids == ("a", "b")
    (finding,) = _undated(normalised, "1,200 MW", "12,000 MW", ("2025-04-14", "2025-04-20"))
    assert finding.severity == "error" and finding.diagnosis.startswith("scale slip")


def test_claims_without_a_period_far_apart_in_time_are_not_compared(normalised):
    assert _undated(normalised, "1,200 MW", "1,500 MW", ("2023-01-10", "2025-04-20")) == []
    assert _undated(normalised, "1,200 MW", "1,500 MW", ("2025-04-14", "2025-04-20"), {"undated_within_days": 0}) == []
    assert _undated(normalised, "1,200 MW", "1,210 MW", ("2025-04-14", "2025-04-20")) == []
    # Unless a scale or unit slip explains them: no revision moves a figure by a power of
    # ten with the same digits (a contract of $41.5 million, months later $415 million).
    (slip,) = _undated(normalised, "1,250 MW", "12,500 MW", ("2025-03-11", "2025-10-14"))
    assert slip.severity == "error" and slip.diagnosis.startswith("scale slip") and "217 days apart" in slip.message
    # A transposition months apart may be a real change (1,250 staff, then 1,520): not compared.
    assert _undated(normalised, "1,250 MW", "1,520 MW", ("2025-03-11", "2025-10-14")) == []


def test_a_figure_of_an_overlapping_period_is_diagnosed_as_a_different_period(normalised):
    """4.31 TWh tagged for 2024 is the fiscal year's figure (April 2024 to March 2025), which
    overlaps 2024 without being it."""
    topics = [{"key": "generation", "kind": "quantity", "unit": "GWh"}]
    result = normalised(
        {
            "a": [claim("a-2024", "generation", "4,310 GWh", period="2024", quote="4,310 GWh")],
            "b": [
                claim("b-2024", "generation", "3,942 GWh", period="2024", quote="3,942 GWh"),
                claim("b-fy", "generation", "4,310 GWh", period="2024-04/2025-03", quote="4,310 GWh"),
            ],
        },
        topics=topics,
        entities=[],
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.claim_ids == ("a-2024", "b-2024")
    assert finding.diagnosis.startswith("different period") and "b-fy" in finding.diagnosis


def test_the_same_topics_figure_in_another_scope_is_diagnosed_as_a_different_scope(normalised):
    topics = [{"key": "spending", "kind": "quantity", "unit": "%"}]
    result = normalised(
        {
            "a": [claim("a-nat", "spending", "3.4 %", period="2025", quote="3.4 %", scope="national")],
            "b": [
                claim("b-nat", "spending", "2.1 %", period="2025", quote="2.1 %", scope="national"),
                claim("b-nato", "spending", "3.4 %", period="2025", quote="3.4 %", scope="nato-definition"),
            ],
        },
        topics=topics,
        entities=[],
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.claim_ids == ("a-nat", "b-nat")
    assert finding.diagnosis.startswith("different scope") and "nato-definition" in finding.diagnosis


def test_a_percentage_range_with_whole_ends_keeps_its_ends(normalised):
    """14.5 % lies inside '14-17 %': whole-number ends are the range's, not rounded points."""
    assert _rate_findings(normalised, "14-17 %", "14.5 %") == []
    assert _rate_findings(normalised, "between 5% and 8%", "7.9 %") == []


def test_plans_of_different_parties_are_not_compared(normalised):
    """Party A promises 9,000 deportations a year, party B 12,000: two plans, not a conflict;
    one party's plan reported as two figures is one."""
    entities = [{"key": "party-a", "kind": "organisation"}, {"key": "party-b", "kind": "organisation"}]
    topics = [{"key": "deportations", "kind": "count", "unit": "person"}]

    def findings(first: str, second: str):
        rows = {
            source: [
                claim(source, "deportations", value, period="2026", quote=value, modality="plan", attributed_to=who)
            ]
            for source, value, who in (("a", "9,000 person", first), ("b", "12,000 person", second))
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=entities), value_conflict))

    assert findings("party-a", "party-b") == []
    assert findings("party-b", "party-b") == [("value-conflict", ("a", "b"))]


def test_overlapping_ranges_with_different_ends_are_a_warning(normalised):
    """Guidance of US$4.58-5 billion against US$4.85-5.0 billion: they overlap, but a range
    states its ends. The same range written two ways is no finding."""
    topics = [{"key": "guidance", "kind": "quantity", "unit": "USD"}]

    def findings(first: str, second: str):
        rows = {
            "a": [claim("a", "guidance", first, period="2026", quote=first)],
            "b": [claim("b", "guidance", second, period="2026", quote=second)],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)

    (finding,) = findings("US$4.58-5 billion", "US$4.85-5.0 billion")
    assert finding.severity == "warning" and finding.diagnosis.startswith("different ranges")
    assert findings("US$4.85-5 billion", "between US$4.85 billion and US$5.0 billion") == []
    assert [f.severity for f in findings("US$4.58-5 billion", "US$5.5-6 billion")] == ["error"]


def test_ranges_that_only_touch_at_an_end_are_not_a_range_finding(normalised):
    topics = [{"key": "growth", "kind": "quantity", "unit": "%"}]
    rows = {
        "a": [claim("a", "growth", "4.5-5.5 %", period="2025", quote="4.5-5.5 %")],
        "b": [claim("b", "growth", "5.5-6.5 %", period="2025", quote="5.5-6.5 %")],
    }
    assert run_rules(normalised(rows, topics=topics, entities=[]), value_conflict) == []


def test_another_entitys_figure_is_diagnosed_as_a_different_subject(normalised):
    """Party A's share given as 25.75 %, the figure of party B in the same results."""
    topics = [{"key": "share", "kind": "quantity", "unit": "%"}]
    entities = [{"key": "party-a", "kind": "organisation"}, {"key": "party-b", "kind": "organisation"}]
    rows = {
        "a": [claim("a-a", "share", "25.75 %", period="2025-06-08", quote="25.75 %", subject="party-a")],
        "b": [
            claim("b-a", "share", "29.2 %", period="2025-06-08", quote="29.2 %", subject="party-a"),
            claim("b-b", "share", "25.75 %", period="2025-06-08", quote="25.75 %", subject="party-b"),
        ],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=entities), value_conflict)
    assert finding.claim_ids == ("a-a", "b-a")
    assert finding.diagnosis.startswith("different subject") and "party-b" in finding.diagnosis


def test_a_transposition_within_the_tolerance_is_still_an_error(normalised):
    # 212,840 for 212,480 is 0.17 % off and 63,100 for 61,300 2.9 %: the 2 % slack lets
    # such gaps through, but no source rounds a count into its own transposition.
    result = normalised(
        {
            "a": [
                claim("a-arrivals", "overdoses", "212,480 person", period="2025-01/2025-06"),
                claim("a-full-time", "overdoses", "61,300 person", period="2025-02"),
            ],
            "b": [
                claim("b-arrivals", "overdoses", "212,840 person", period="2025-01/2025-06"),
                claim("b-full-time", "overdoses", "63,100 person", period="2025-02"),
            ],
        }
    )
    findings = run_rules(result, value_conflict)
    assert ids(findings) == [
        ("value-conflict", ("a-arrivals", "b-arrivals")),
        ("value-conflict", ("a-full-time", "b-full-time")),
    ]
    assert all(f.severity == "error" and f.diagnosis.startswith("digit transposition") for f in findings)
    assert any("0.17 % apart" in finding.message for finding in findings)


def test_an_about_does_not_excuse_a_transposition_of_a_precise_figure(normalised):
    """'About 28.5 bcm' against 25.8 bcm from the same forecaster: within the 'about' width,
    but no one rounds 25.8 to about 28.5; 'about 28.5' against 28.3 is a rounding."""
    topics = [{"key": "gas", "kind": "quantity", "unit": "bcm", "aggregation": "flow"}]
    slip = _one_finding(normalised, "~28.5 bcm", "25.8 bcm", "gas", topics)
    assert slip.diagnosis.startswith("digit transposition")
    result = normalised(
        {"a": [claim("a", "gas", "~28.5 bcm", period="2024")], "b": [claim("b", "gas", "28.3 bcm", period="2024")]},
        topics=topics,
        entities=[],
    )
    assert run_rules(result, value_conflict) == []
    # Nor within the tolerance: "about 63,100" for 61,300.
    people = _one_finding(normalised, "about 63,100 person", "61,300 person", "overdoses")
    assert people.diagnosis.startswith("digit transposition")


def test_a_transposition_is_read_at_the_coarser_of_two_precisions(normalised):
    """$2.446 billion against the official $2,463,817,000: at the short figure's precision
    the long one is 2.464 billion, whose digits the short one swaps (0.7 % apart, inside
    the tolerance); $2.464 billion is that figure rounded, and passes."""

    def found(short: str, long: str):
        result = normalised(
            {
                "a": [claim("short", "trade", short, period="2025")],
                "b": [claim("official", "trade", long, period="2025")],
            }
        )
        return run_rules(result, value_conflict)

    (slip,) = found("US$2.446 billion", "US$2,463,817,000")
    assert slip.severity == "error" and slip.diagnosis.startswith("digit transposition")
    assert found("US$2.464 billion", "US$2,463,817,000") == []
    assert found("US$2.46 billion", "US$2,463,817,000") == []
    # The finer figure's digits swapped and rounded are no slip: 18.73 and 18.4 pass.
    assert found("US$18.73 million", "US$18.4 million") == []


def test_close_figures_that_are_no_transposition_pass_within_the_tolerance(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "overdoses", "212,480 person", period="2025-01/2025-06"),
                claim("a2", "trade", "US$18.73 million", period="2024"),
                claim("a3", "overdoses", "61,300 person", period="2025-02"),
            ],
            "b": [
                claim("b1", "overdoses", "212,500 person", period="2025-01/2025-06"),
                claim("b2", "trade", "US$18.4 million", period="2024"),
                claim("b3", "overdoses", "about 62,100 person", period="2025-02"),  # a rounding, no transposition
            ],
        }
    )
    assert ids(run_rules(result, value_conflict)) == []


def test_a_rate_per_the_wrong_period_is_diagnosed_as_a_unit_slip(normalised):
    result = normalised(
        {
            "a": [claim("a-avg", "hires", "about 70,000 person/month", period="2024-12/2025-02", scope="Ontario")],
            "b": [claim("b-avg", "hires", "70,400 person/week", period="2024-12/2025-02", scope="Ontario")],
        },
        topics=[{"key": "hires", "kind": "count", "unit": "person/month"}],
        entities=[],
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.diagnosis.startswith("unit slip") and "a week and a month" in finding.diagnosis
    assert ", ontario," in finding.message.lower()


def test_one_bodys_estimate_and_another_bodys_count_differ_unless_a_slip_explains_it(normalised):
    topics = [{"key": "arrivals", "kind": "count", "unit": "person"}]
    result = normalised(
        {
            "a": [
                claim(
                    "a-gov", "arrivals", ">250,000 person", period="2025-H1", modality="estimate", attributed_to="gov"
                ),
                claim(
                    "a-gov-q",
                    "arrivals",
                    "250 million person",
                    period="2025-Q1",
                    modality="estimate",
                    attributed_to="gov",
                ),
            ],
            "b": [
                claim("b-unhcr", "arrivals", "212,480 person", period="2025-H1", attributed_to="unhcr"),
                claim("b-unhcr-q", "arrivals", "250,000 person", period="2025-Q1", attributed_to="unhcr"),
                claim("b-plain", "arrivals", "212,480 person", period="2025-H1"),  # no estimator named
            ],
        },
        topics=topics,
        entities=[{"key": "gov", "label": "Government commission"}, {"key": "unhcr", "label": "UNHCR"}],
    )
    findings = run_rules(result, value_conflict)
    # The scale slip is an error whoever counted; the estimate against the named count is
    # none; against a figure that names no one, it is compared as before.
    assert ids(findings) == [("value-conflict", ("a-gov", "b-plain")), ("value-conflict", ("a-gov-q", "b-unhcr-q"))]


def test_a_third_undated_claim_is_no_other_period_for_the_diagnosis(normalised):
    """Three texts of one week without periods: the one agreeing with a side does not
    'explain' it as the figure for its own publication day."""
    topics = [{"key": "capacity", "kind": "quantity", "unit": "MW"}]
    days = {"a": "2025-06-20", "b": "2025-07-03", "c": "2025-07-08"}
    sources = [{"id": source, "file": f"{source}.txt", "published": day} for source, day in days.items()]
    values = {"a": ">10,000 MW", "b": "more than 10,000 MW", "c": "8,600 MW"}
    result = normalised(
        {source: [claim(source, "capacity", value, quote=value)] for source, value in values.items()},
        topics=topics,
        entities=[],
        sources=sources,
    )
    (finding,) = run_rules(result, value_conflict)  # c against both: one finding on c
    assert finding.subject == "c" and finding.claim_ids == ("a", "b", "c") and finding.severity == "note"
    assert not finding.diagnosis.startswith("different period")


def test_things_counted_by_name_compare_as_counts(normalised):
    topics = [
        {"key": "orders", "kind": "count", "label": "aircraft ordered"},
        {"key": "frequency", "kind": "count", "unit": "per week", "label": "flights a week"},
    ]
    result = normalised(
        {
            "a": [
                claim("a-orders", "orders", "40 aircraft", period="2025", quote="an order for 40 aircraft"),
                claim("a-freq", "frequency", "4 flights a week", period="2025-06", quote="four flights a week"),
            ],
            "b": [
                claim("b-orders", "orders", "60", period="2025", quote="60 jets"),
                claim("b-freq", "frequency", "4 per week", period="2025-06", quote="4 per week"),
            ],
        },
        topics=topics,
        entities=[],
    )
    assert ids(run_rules(result, value_conflict)) == [("value-conflict", ("a-orders", "b-orders"))]


def test_a_superseded_figure_compares_only_with_other_superseded_figures(normalised):
    """January's gain 'revised to 71,500 from 76,000', in two texts: the first estimate
    is no conflict with the revised figure, but two texts must name the same first one."""
    topics = [{"key": "jobs", "kind": "count", "unit": "person", "aggregation": "flow"}]

    def findings(first_estimate: str):
        rows = {
            source: [
                claim(f"{source}-rev", "jobs", "71,500 person", period="2025-01"),
                claim(f"{source}-first", "jobs", value, period="2025-01", modality="superseded"),
            ]
            for source, value in (("a", "76,000 person"), ("b", first_estimate))
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)

    assert findings("76,000 person") == []
    assert ids(findings("67,000 person")) == [("value-conflict", ("a-first", "b-first"))]


def test_two_named_bodies_figures_are_a_note_within_mirror_statistics_reach(normalised):
    """Uzbekistan's statistics agency gives US$12.4 billion for 2024, Russian customs US$11.6
    billion: mirror statistics, a note; US$1 billion against US$12.42 billion stays an error."""
    entities = [{"key": "uzstat", "label": "Uzbek statistics agency"}, {"key": "customs", "label": "Russian customs"}]

    def finding(first: str, second: str):
        rows = {
            "a": [claim("a", "trade", first, period="2024", attributed_to="uzstat")],
            "b": [claim("b", "trade", second, period="2024", attributed_to="customs")],
        }
        (found,) = run_rules(normalised(rows, entities=entities), value_conflict)
        return found

    mirror = finding("US$12.4 billion", "US$11.6 billion")
    assert mirror.severity == "note" and "mirror statistics" in mirror.message
    assert finding("US$12.42 billion", "US$1 billion").severity == "error"
    assert finding("US$12.4 billion", "US$1.24 billion").severity == "error"  # a scale slip, whoever counted


def test_a_forecasts_gap_is_not_explained_by_an_actual_figure(normalised):
    """The IMF's deficit forecast given as 5.7 % and 5.2 % for 2025: the actual 5 % of
    the fiscal year before is no 'different period' for either."""
    topics = [{"key": "deficit", "kind": "quantity", "unit": "%"}]
    entities = [{"key": "imf", "label": "IMF"}]
    rows = {
        "a": [claim("a", "deficit", "5.7 %", period="2025", modality="forecast", attributed_to="imf")],
        "b": [
            claim("b", "deficit", "5.2 %", period="2025", modality="forecast", attributed_to="imf"),
            claim("b-actual", "deficit", "5 %", period="2024-07/2025-06"),
        ],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=entities), value_conflict)
    assert finding.severity == "warning" and not finding.diagnosis.startswith("different period")


def test_about_a_share_is_a_few_points_either_way(normalised):
    """'About 76 %' against 'about 67 %' of arrivals: a tenth of each (7 points) made them
    agree; a share's 'about' is 2.5 points (5 for a round ten: 'about 70 %' for 66 %)."""
    topics = [{"key": "share", "kind": "quantity", "unit": "%", "label": "Ontario's share"}]

    def findings(first: str, second: str):
        rows = {"a": [claim("a", "share", first, period="2025")], "b": [claim("b", "share", second, period="2025")]}
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), value_conflict))

    assert findings("about 76 %", "about 67 %") == [("value-conflict", ("a", "b"))]
    assert findings("about 76 %", "75 %") == []
    assert findings("about 70 %", "66 %") == []


def test_a_lower_bound_proves_no_rate_slip(normalised):
    """9,000 deportations a year planned against 'at least 12,000 a year': 1.33 apart, which
    no factor between periods explains; the open end fits any factor and proves none."""
    topics = [{"key": "returns", "kind": "count", "unit": "person/year"}]
    rows = {
        "a": [claim("a", "returns", "9,000 person/year", period="2025")],
        "b": [claim("b", "returns", ">=12,000 person/year", period="2025")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)
    assert not finding.diagnosis.startswith("unit slip")


def test_a_level_for_a_period_meets_the_level_at_its_last_day_only_through_a_slip(normalised):
    """Debt 'at end-June' tagged 2025-06 by one source and 2025-06-30 by the others: the same
    level if the month's is its end, another if it is an average. A transposition (11.18
    for 11.81) is no average: an error; a figure merely apart (11.5) is left alone."""
    topics = [{"key": "debt", "kind": "quantity", "unit": "KES", "aggregation": "stock"}]

    def findings(month_value: str):
        rows = {
            "paper": [claim("month", "debt", month_value, period="2025-06")],
            "treasury": [claim("day", "debt", "KES 11.81 trillion", period="2025-06-30")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)

    (slip,) = findings("KES 11.18 trillion")
    assert slip.severity == "error" and slip.diagnosis.startswith("digit transposition")
    assert findings("KES 11.5 trillion") == []
    assert findings("KES 11.81 trillion") == []


def test_the_odd_one_out_is_the_claim_at_fault(normalised):
    """One text of four transposes a figure: its three conflicts all point at it, not at
    the later-published source of each pair; two texts that disagree point at neither."""
    rows = {
        "a": [claim("a1", "trade", "US$1.24 billion", period="2024")],
        "b": [claim("b1", "trade", "US$1.24 billion", period="2024")],
        "c": [claim("c1", "trade", "US$2.14 billion", period="2024")],
        "d": [claim("d1", "trade", "US$1.24 billion", period="2024")],
    }
    (finding,) = run_rules(normalised(rows), value_conflict)  # one slip, one finding with every claim it meets
    assert finding.subject == "c1" and finding.claim_ids == ("a1", "b1", "c1", "d1")
    assert "c1 is the odd one out: 3 other sources" in finding.message
    assert finding.message.endswith("(c1 against a1, b1, d1)")  # the claim at fault, then the others
    assert finding.diagnosis.startswith("digit transposition") and finding.severity == "error"
    two = {key: rows[key] for key in ("a", "c")}
    (finding,) = run_rules(normalised(two), value_conflict)
    assert finding.subject == "" and "odd one out" not in finding.message


def test_a_price_per_square_foot_printed_per_square_metre_is_a_unit_slip(normalised):
    topics = [{"key": "rent", "kind": "quantity", "unit": "GBP/m^2"}]
    rows = {
        "a": [claim("a1", "rent", "£87.50 psf", period="2025")],
        "b": [claim("b1", "rent", "£87.50 psm", period="2025")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)
    assert finding.diagnosis.startswith("unit slip") and "prices per square feet and square metres" in finding.diagnosis


def test_a_price_per_short_ton_printed_per_tonne_names_short_tons_not_ounces(normalised):
    """880 a short ton against 880 a tonne differ by 1.1023, the short ton's factor; the
    troy ounce's 1.0971 is near, but farther."""
    topics = [{"key": "coil", "kind": "quantity", "unit": "USD/t"}]
    rows = {
        "a": [claim("a1", "coil", "US$880 a short ton", period="2025-06")],
        "b": [claim("b1", "coil", "US$880 per tonne", period="2025-06")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)
    assert "short tons and tonnes" in finding.diagnosis


def test_two_precise_figures_may_lie_the_tolerance_apart_not_twice_it(normalised):
    topics = [{"key": "generation", "kind": "quantity", "unit": "TWh"}]

    def found(other: str) -> list:
        rows = {
            "a": [claim("a1", "generation", "34.6 TWh", period="2024")],
            "b": [claim("b1", "generation", other, period="2024")],
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), value_conflict))

    assert found("35.9 TWh") == [("value-conflict", ("a1", "b1"))]  # 3.8 % apart
    assert found("35.1 TWh") == []  # 1.4 % apart
    assert found("about 35.9 TWh") == []  # "about" keeps its width and the full tolerance


def test_two_rows_of_one_text_are_no_majority(normalised):
    """A text that gives the figure twice (two rows) against one other text: two sources,
    neither the odd one out."""
    rows = {
        "a": [
            claim("a1", "trade", "US$1.24 billion", period="2024"),
            claim("a2", "trade", "US$1.24 billion", period="2024", quote="again US$1.24 billion"),
        ],
        "c": [claim("c1", "trade", "US$2.14 billion", period="2024")],
    }
    findings = run_rules(normalised(rows), value_conflict)
    assert len(findings) == 2 and all(finding.subject == "" for finding in findings)


SHARE = [{"key": "opposed", "kind": "quantity", "unit": "%"}]


@pytest.mark.parametrize(
    ("words", "value", "precise", "conflict"),
    [
        ("Six in 10 Canadians oppose it", "60 %", "62 %", False),  # newsroom rounding of 62 %
        ("One in five residents is over 65", "20 %", "19.3 %", False),
        ("nearly two-thirds oppose it", "nearly 67 %", "62 %", False),
        ("Six in 10 Canadians oppose it", "60 %", "71 %", True),  # no rounding gives 71 % as six in 10
        ("One in five residents is over 65", "20 %", "33 %", True),
        ("60 per cent, or six in 10, oppose it", "60 %", "62 %", True),  # the quote gives the digits
        # The value written as the quote words it: the same share, the same reading.
        ("Six in 10 Canadians oppose it", "six in 10", "62 %", False),
        ("almost one in 10 adults oppose it", "almost one in 10", "9.6 %", False),
        ("almost one in 10 adults oppose it", "almost one in 10", "10.4 %", True),  # "almost" stays under
        ("One in six residents is over 65", "one in six", "17.1 %", False),
        ("One in six residents is over 65", "one in six", "25 %", True),
        # The tagger's digits are not the text's: "almost a third" written "nearly 33.3 %".
        ("€9.5 million, almost a third of its fine", "nearly 33.3 %", "30.2 %", False),
        ("€9.5 million, almost a third of its fine", "nearly 33.3 %", "26 %", True),
    ],
)
def test_a_share_given_only_in_words_reads_as_a_rounding(normalised, words, value, precise, conflict):
    result = normalised(
        {
            "a": [claim("worded", "opposed", value, quote=words, period="2026-05")],
            "b": [claim("precise", "opposed", precise, quote=f"{precise} oppose it", period="2026-05")],
        },
        topics=SHARE,
        entities=[],
    )
    assert bool(run_rules(result, value_conflict)) == conflict


def test_nineteen_times_out_of_twenty_is_a_share_in_words(normalised):
    result = normalised(
        {"a": [claim("margin", "opposed", "95 %", quote="accurate 19 times out of 20", period="2026-05")]},
        topics=SHARE,
        entities=[],
    )
    assert result.problems == []


def test_about_before_a_figure_of_three_digits_reads_to_half_the_width(normalised):
    def conflict(about: str, precise: str) -> bool:
        result = normalised(
            {
                "a": [claim("about", "trade", about, period="2024")],
                "b": [claim("precise", "trade", precise, period="2024")],
            }
        )
        return bool(run_rules(result, value_conflict))

    # "about $835" is no rounding of $735.45; "about $80" may be one of $73.5.
    assert conflict("about US$835 million", "US$735.45 million")
    assert not conflict("about US$80 million", "US$73.5 million")
    # Three digits still admit a few per cent: "about $745" for $735.45.
    assert not conflict("about US$745 million", "US$735.45 million")


REVENUE = [{"key": "revenue", "kind": "quantity", "unit": "USD"}]


@pytest.mark.parametrize(
    ("fiscal", "calendar", "calendar_period", "conflict"),
    [
        # A fiscal quarter ended on Saturday 28 June against "April through June".
        ("$9.84 billion", "$9.8 billion", "2025-04/2025-06", False),
        ("$9.84 billion", "$8.9 billion", "2025-04/2025-06", True),
        ("$9.84 billion", "$9.84 billion", "2025-Q2", False),
        # Two days of a quarter (2.2 %) may differ: 9.84 against 10.0 is within them.
        ("$9.84 billion", "$10.0 billion", "2025-04/2025-06", False),
        # A fiscal year July to June is no near calendar year: never compared.
        ("$9.84 billion", "$30 billion", "2025", False),
    ],
)
def test_a_52_53_week_fiscal_quarter_meets_its_calendar_months(normalised, fiscal, calendar, calendar_period, conflict):
    result = normalised(
        {
            "release": [claim("fiscal", "revenue", fiscal, period="2025-03-30/2025-06-28")],
            "paper": [claim("calendar", "revenue", calendar, period=calendar_period)],
        },
        topics=REVENUE,
        entities=[],
    )
    findings = run_rules(result, value_conflict)
    assert bool(findings) == conflict
    if conflict:
        assert "2025-03-30" in findings[0].message


def test_a_running_total_to_date_is_no_fiscal_quarter_near_the_half_year(normalised):
    """Sales from 1 April to 7 October (£172.3bn, three auctions after September) against
    April–September (£161.4bn): a week off the half year, but no run of whole weeks, so not
    read as the same months; a 13-week quarter a day off its months is."""

    def found(period: str) -> list:
        rows = {
            "a": [claim("h1", "revenue", "£161.4 billion", period="2025-04/2025-09")],
            "b": [claim("to-date", "revenue", "£172.3 billion", period=period)],
        }
        return run_rules(
            normalised(rows, topics=[{"key": "revenue", "kind": "quantity", "unit": "GBP"}]), value_conflict
        )

    assert found("2025-04-01/2025-10-07") == []
    assert len(found("2025-03-30/2025-09-27")) == 1  # 182 days: 26 weeks


def test_a_figure_another_text_gives_as_since_revised_is_a_note_saying_so(normalised):
    def findings(with_superseded: bool) -> list:
        later = [
            claim("new", "trade", "US$1.45 billion", period="2024", quote="cut to US$1.45 billion from US$1.54 billion")
        ]
        if with_superseded:
            later.append(
                claim(
                    "old",
                    "trade",
                    "US$1.54 billion",
                    period="2024",
                    modality="superseded",
                    quote="cut to US$1.45 billion from US$1.54 billion",
                )
            )
        result = normalised({"early": [claim("early", "trade", "US$1.54 billion", period="2024")], "later": later})
        return run_rules(result, value_conflict)

    (finding,) = findings(with_superseded=True)
    assert finding.severity == "note" and finding.diagnosis.startswith("revised") and "old" in finding.diagnosis
    assert "odd one out" not in finding.message
    (finding,) = findings(with_superseded=False)
    assert finding.severity == "error" and not finding.diagnosis.startswith("revised")


@pytest.mark.parametrize(
    ("first", "second", "found"),
    [
        ("up to 20 GW", "up to 12 GW", True),  # two caps for one thing disagree
        ("up to 18 GW", "at most 18 GW", False),
        ("up to 18 GW", "1.8 GW", True),  # a scale slip under the cap
        ("up to 18 GW", "12 GW", False),  # a figure under its cap agrees with it
        ("up to 18 GW", "24 GW", True),  # above the cap: a conflict as before
    ],
)
def test_up_to_states_a_cap(normalised, first, second, found):
    result = normalised(
        {
            "a": [claim("a", "capacity", first, period="2025")],
            "b": [claim("b", "capacity", second, period="2025")],
        },
        topics=[{"key": "capacity", "kind": "quantity", "unit": "GW"}],
        entities=[],
    )
    assert bool(run_rules(result, value_conflict)) == found


def test_gallons_a_day_written_as_litres_a_day_is_a_unit_slip(normalised):
    result = normalised(
        {
            "a": [claim("a", "water", "1.2 million gallons a day", period="2025")],
            "b": [claim("b", "water", "1.2 million litres a day", period="2025")],
        },
        topics=[{"key": "water", "kind": "quantity", "unit": "MGD"}],
        entities=[],
    )
    (finding,) = run_rules(result, value_conflict)
    assert finding.diagnosis.startswith("unit slip") and "gallons and litres" in finding.diagnosis


def test_a_level_given_for_a_month_meets_a_day_inside_it_by_a_slip_only(normalised):
    def found(month_figure: str) -> list:
        result = normalised(
            {
                "release": [claim("night", "population", "23,418,652 people", period="2024-04-14")],
                "wire": [claim("month", "population", month_figure, period="2024-04")],
            },
            topics=[{"key": "population", "kind": "count", "unit": "person"}],
            entities=[],
        )
        return run_rules(result, value_conflict)

    (finding,) = found("32,418,652 people")  # "the April 2024 census counted": digits swapped
    assert finding.diagnosis.startswith("digit transposition")
    assert found("23.52 million people") == []  # another figure: the month's may be an average


def test_a_gap_of_a_tenth_in_one_unit_is_no_troy_ounce_slip(normalised):
    """US$1,050 and US$960 a tonne differ by 1.094, near the troy ounce's 1.0971: in one
    unit it is an ordinary gap (a warning between one forecaster's figures), never a unit
    slip, which only figures written in two units can be."""
    topics = [{"key": "price", "kind": "quantity", "unit": "USD/t"}]
    rows = {
        "a": [claim("a1", "price", "US$1,050 a tonne", period="2026", modality="forecast", attributed_to="bank")],
        "b": [claim("b1", "price", "US$960 a tonne", period="2026", modality="forecast", attributed_to="bank")],
    }
    entities = [{"key": "bank", "label": "the bank"}]
    (finding,) = run_rules(normalised(rows, topics=topics, entities=entities), value_conflict)
    assert finding.diagnosis.startswith("different figures") and finding.severity == "warning"


def test_a_rounded_figure_in_nautical_miles_meets_kilometres_as_a_unit_slip(normalised):
    """4.1 km where the others give about 4 nautical miles and 7.6 km: 1.81 and 1.85 apart,
    the factor between the two within the rounded figure's precision. One finding on the
    slip, with both claims it meets."""
    topics = [{"key": "distance", "kind": "quantity", "unit": "km"}]
    rows = {
        "a": [claim("a1", "distance", "about 4 nautical miles")],
        "b": [claim("b1", "distance", "4.1 km")],
        "c": [claim("c1", "distance", "7.6 km")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)
    assert finding.subject == "b1" and finding.claim_ids == ("a1", "b1", "c1")
    assert "nautical miles and kilometres" in finding.diagnosis and finding.severity == "error"
    far = {**rows, "a": [claim("a1", "distance", "about 5 nautical miles")]}  # 2.26×: no factor near
    findings = run_rules(normalised(far, topics=topics, entities=[]), value_conflict)
    assert all("nautical" not in finding.diagnosis for finding in findings if "a1" in finding.claim_ids)


def test_a_figure_given_as_current_after_its_revision_is_a_warning(normalised):
    """The release revises 240 on board to 249; a text published later gives 240 as the
    count: a warning on it, naming the revision. The wire's 240 of the day before the
    release was right in its day; a text that gives 240 as superseded and as current is
    flagged even with no revised figure given."""
    topics = [{"key": "aboard", "kind": "count", "unit": "person", "rounding": "exact"}]
    sources = [
        {"id": "wire", "file": "wire.txt", "published": "2025-06-15"},
        {"id": "release", "file": "release.txt", "published": "2025-06-18"},
        {"id": "paper", "file": "paper.txt", "published": "2025-09-05"},
    ]
    rows = {
        "wire": [claim("w", "aboard", "240", period="2025-06-14")],
        "release": [
            claim("r", "aboard", "249", period="2025-06-14"),
            claim("r-old", "aboard", "240", period="2025-06-14", modality="superseded", quote="from 240"),
        ],
        "paper": [claim("p", "aboard", "240", period="2025-06-14")],
    }
    findings = run_rules(normalised(rows, topics=topics, entities=[], sources=sources), value_conflict)
    (stale,) = [f for f in findings if f.subject == "p"]
    assert stale.severity == "warning" and stale.claim_ids == ("p", "r", "r-old")
    assert stale.diagnosis.startswith("revised") and "published earlier" in stale.message
    assert not any(f.subject == "w" for f in findings)
    # The stale figure and the revised one are no second finding: no "right in its day" note.
    assert not [f for f in findings if f.claim_ids == ("p", "r")]
    one_text = {
        "paper": [
            claim("p", "aboard", "240", period="2025-06-14"),
            claim("p-old", "aboard", "240", period="2025-06-14", modality="superseded", quote="first 240"),
        ]
    }
    (finding,) = run_rules(normalised(one_text, topics=topics, entities=[], sources=sources[2:]), value_conflict)
    assert finding.subject == "p" and "its own text" in finding.message
    # So is a forecast: guidance of 7-9 % cut to 5-6 % in April, "reaffirmed" in August.
    guidance = [{"key": "growth", "kind": "quantity", "unit": "%"}]
    entities = [{"key": "chain", "label": "the chain"}]
    forecasts = {
        "release": [
            claim("r", "growth", "5-6 %", period="2025", modality="forecast", attributed_to="chain"),
            claim(
                "r-old",
                "growth",
                "7-9 %",
                period="2025",
                modality="superseded",
                attributed_to="chain",
                quote="from 7-9 %",
            ),
        ],
        "paper": [claim("p", "growth", "7-9 %", period="2025", modality="forecast", attributed_to="chain")],
    }
    findings = run_rules(normalised(forecasts, topics=guidance, entities=entities, sources=sources[1:]), value_conflict)
    (stale,) = [f for f in findings if f.diagnosis.startswith("revised: p gives as current")]
    assert stale.severity == "warning" and stale.claim_ids == ("p", "r", "r-old")


def test_one_forecast_credited_to_two_bodies_is_a_note_or_a_warning(normalised):
    """The utility forecasts "$690 million" in March; an August analysis gives "Ohio EPA's
    forecast ... is $690 million": forecasters are never compared, but one figure of three
    written digits under two names is likelier one misattributed, a note; of three
    significant digits ($691.5 million), a warning. A round $700 million is no sign."""
    topics = [{"key": "cost", "kind": "quantity", "unit": "USD"}]
    entities = [{"key": "utility", "label": "the utility"}, {"key": "epa", "label": "Ohio EPA"}]
    sources = [
        {"id": "a", "file": "a.txt", "published": "2025-03-04"},
        {"id": "b", "file": "b.txt", "published": "2025-08-12"},
    ]

    def found(first: str, second: str) -> list:
        rows = {
            "a": [claim("a1", "cost", first, modality="forecast", attributed_to="utility")],
            "b": [claim("b1", "cost", second, modality="forecast", attributed_to="epa")],
        }
        return run_rules(normalised(rows, topics=topics, entities=entities, sources=sources), value_conflict)

    (finding,) = found("$690 million", "$690 million")
    assert finding.severity == "note" and finding.diagnosis.startswith("one figure, two bodies")
    assert finding.message.endswith("the same figure to 2 significant digits")
    (finding,) = found("$691.5 million", "$691.5 million")
    assert finding.severity == "warning" and finding.message.endswith("the same figure to 4 significant digits")
    assert found("$700 million", "$700 million") == []
    assert found("$690 million", "$720 million") == []


def test_an_earlier_figure_and_an_estimate_credited_to_two_bodies_are_a_warning(normalised):
    """The company's preliminary $18.5 million, since revised (one text), given as a market
    research firm's estimate by another: one figure of three digits, two bodies."""
    topics = [{"key": "sales", "kind": "quantity", "unit": "USD"}]
    entities = [{"key": "maker", "label": "the maker"}, {"key": "iqvia", "label": "IQVIA"}]
    rows = {
        "a": [claim("a1", "sales", "$18.5 million", period="2025-Q4", modality="superseded", attributed_to="maker")],
        "b": [claim("b1", "sales", "$18.5 million", period="2025-Q4", modality="estimate", attributed_to="iqvia")],
    }
    findings = run_rules(normalised(rows, topics=topics, entities=entities), value_conflict)
    assert [(finding.severity, finding.claim_ids) for finding in findings] == [("warning", ("a1", "b1"))]
    assert findings[0].diagnosis.startswith("one figure, two bodies")


def test_a_forecast_of_its_texts_day_meets_one_another_text_dates_to_that_day(normalised):
    """An analysis of 20 May: "the Observatory now forecasts €2.52 billion" (no period: as of
    its day); a later paper: "the 2.52 billion the Foundation forecast in May", dated 20 May
    and since revised. One figure of three digits, two bodies, one day: a warning."""
    topics = [{"key": "cost", "kind": "quantity", "unit": "EUR"}]
    entities = [{"key": "observatory", "label": "Observatory"}, {"key": "foundation", "label": "Foundation"}]
    sources = [
        {"id": "a", "file": "a.txt", "published": "2025-05-20"},
        {"id": "b", "file": "b.txt", "published": "2025-06-27"},
    ]

    def found(day: str) -> list:
        rows = {
            "a": [claim("a1", "cost", "€2.52 billion", modality="forecast", attributed_to="observatory")],
            "b": [claim("b1", "cost", "€2.52 billion", period=day, modality="superseded", attributed_to="foundation")],
        }
        return run_rules(normalised(rows, topics=topics, entities=entities, sources=sources), value_conflict)

    (finding,) = found("2025-05-20")
    assert finding.severity == "warning" and finding.diagnosis.startswith("one figure, two bodies")
    assert found("2025-04-02") == []  # another day's forecast: forecasters differ


def test_a_forecast_given_as_the_figure_is_a_warning(normalised):
    """The wire gives the analysts' consensus of $1.26 billion for the quarter and the
    company's $1.23 billion; a weekly gives "$1.26bn" as the revenue: a warning on it. The
    same figure without an actual one that rules it out is no sign."""
    topics = [{"key": "revenue", "kind": "quantity", "unit": "USD"}]

    def found(with_actual: bool) -> list:
        wire = [
            claim(
                "consensus",
                "revenue",
                "$1.26 billion",
                period="2025-Q1",
                modality="forecast",
                quote="consensus $1.26 billion",
            )
        ]
        if with_actual:
            wire.append(claim("reported", "revenue", "$1.23 billion", period="2025-Q1", quote="reported $1.23 billion"))
        rows = {"wire": wire, "weekly": [claim("weekly", "revenue", "$1.26 billion", period="2025-Q1")]}
        found = run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)
        return [f for f in found if f.diagnosis.startswith("a forecast given")]

    (finding,) = found(with_actual=True)
    assert finding.subject == "weekly" and finding.severity == "warning"
    assert finding.claim_ids == ("consensus", "reported", "weekly")
    assert found(with_actual=False) == []


def test_small_counts_read_exactly_and_a_recounts_few_are_a_note(normalised):
    """73 people on board against 74: no tolerance widens an exact count, so they differ,
    a person apart: a recount or a slip, a note. 60 against 73 is an error."""
    topics = [{"key": "aboard", "kind": "count", "unit": "person"}]

    def found(other: str) -> list:
        rows = {
            "a": [claim("a1", "aboard", "73", period="2025-03-07")],
            "b": [claim("b1", "aboard", other, period="2025-03-07")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)

    (near,) = found("74")
    assert near.severity == "note" and "a recount between the texts, or a slip" in near.message
    (far,) = found("60")
    assert far.severity == "error"
    assert found("73") == []


def test_texts_months_apart_compare_for_a_transposition_too(normalised):
    """83,250 t left aboard in March, 82,350 in a May text, neither with a period: no
    revision swaps two digits a percent apart, so the slip is an error; 83,250 against
    83,205 (a recount of the last digits?) is left alone, as any other gap is."""
    topics = [{"key": "aboard", "kind": "quantity", "unit": "t"}]
    sources = [
        {"id": "a", "file": "a.txt", "published": "2025-03-27"},
        {"id": "b", "file": "b.txt", "published": "2025-05-15"},
    ]

    def found(later: str) -> list:
        rows = {"a": [claim("a1", "aboard", "83,250 t")], "b": [claim("b1", "aboard", later)]}
        return run_rules(normalised(rows, topics=topics, entities=[], sources=sources), value_conflict)

    (finding,) = found("82,350 t")
    assert finding.diagnosis.startswith("digit transposition") and finding.severity == "error"
    assert found("83,205 t") == []
    assert found("80,000 t") == []
    # Two significant digits swap by chance as often as by a slip: 1,200 MW cancelled,
    # then 2.1 GW (a second project dropped), is a change, not a transposition.
    assert _undated(normalised, "1,200 MW", "2.1 GW", ("2025-09-23", "2025-11-18")) == []
    assert _undated(normalised, "13 MW", "31 MW", ("2025-09-23", "2025-11-18")) == []


@pytest.mark.parametrize(
    ("first", "second", "flagged"),
    [
        ("US$80 billion", "US$70 billion", True),  # meet only at 75 billion, rounded up by one and down by the other
        ("US$8 billion", "US$9 billion", True),
        ("US$4.5 billion", "US$4.7 billion", True),  # apart to the digits written
        ("US$4.5 billion", "US$4.62 billion", True),  # a precise figure outside the rounded one
        ("US$1.2 billion", "US$1.25 billion", False),  # 1.25 rounds to 1.2 (half to even) or is cut short
        ("US$1 billion", "US$1.04 billion", False),  # 1.04 billion rounds to 1 billion
        ("US$34.6 billion", "US$35.1 billion", False),  # two precise figures may lie the tolerance apart
        ("about US$80 billion", "US$70 billion", False),  # "about" reads wider than its rounding
    ],
)
def test_rounded_figures_within_the_tolerance_that_no_value_rounds_to_are_a_warning(normalised, first, second, flagged):
    result = normalised(
        {
            "a": [claim("a1", "trade", first, period="2024")],
            "b": [claim("b1", "trade", second, period="2024")],
        }
    )
    findings = run_rules(result, value_conflict)
    assert [(finding.severity, finding.claim_ids) for finding in findings] == (
        [("warning", ("a1", "b1"))] if flagged else []
    )
    if flagged:
        assert "no one value rounds to both" in findings[0].message


def test_rounded_figures_of_two_bodies_a_step_apart_are_not_reported(normalised):
    """Another body's figure is a reason for a gap within the tolerance: no note either."""
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$80 billion", period="2024", attributed_to="ministry")],
            "b": [claim("b1", "trade", "US$70 billion", period="2024", attributed_to="iskp")],
        }
    )
    assert run_rules(result, value_conflict) == []


def test_a_named_bodys_estimate_against_the_count_is_a_note_within_two_methods_gap(normalised):
    """An exit poll's 30 % against the official 31.5 % (two texts): a note that they differ
    by method, not an error; the same gap without the poll's name is an error, and so is a
    gap beyond what two methods put apart (an unattributed 1,200 t against a body's
    estimate of 3,150 t restates it with a slip)."""
    topics = [{"key": "share", "kind": "quantity", "unit": "%"}]
    entities = [{"key": "polaris", "label": "Polaris exit poll"}]

    def found(estimate: str, **fields) -> list:
        rows = {
            "cec": [claim("count", "share", "31.5 %", period="2025-09-14")],
            "paper": [claim("again", "share", "31.5 %", period="2025-09-14")],
            "wire": [claim("poll", "share", estimate, period="2025-09-14", **fields)],
        }
        findings = run_rules(normalised(rows, topics=topics, entities=entities), value_conflict)
        return [(finding.severity, finding.subject) for finding in findings]

    assert found("30 %", modality="estimate", attributed_to="polaris") == [("note", "poll")]
    assert found("30 %") == [("error", "poll")]
    assert found("18 %", modality="estimate", attributed_to="polaris") == [("error", "poll")]


def test_a_range_is_one_figure_of_two_bodies_only_with_the_same_ends(normalised):
    """Guidance of $1.00 billion to $1.02 billion and the analysts' consensus of $1.01
    billion: the consensus may well be the middle of the range; no note. The same range
    credited to two bodies is one figure, as a single one is."""
    topics = [{"key": "revenue", "kind": "quantity", "unit": "USD"}]
    entities = [{"key": "maker", "label": "the maker"}, {"key": "lseg", "label": "LSEG"}]

    def found(second: str) -> list:
        rows = {
            "a": [
                claim(
                    "a1", "revenue", "$1.00-1.02 billion", period="2025-Q1", modality="forecast", attributed_to="maker"
                )
            ],
            "b": [claim("b1", "revenue", second, period="2025-Q1", modality="forecast", attributed_to="lseg")],
        }
        return run_rules(normalised(rows, topics=topics, entities=entities), value_conflict)

    assert found("$1.01 billion") == []
    (finding,) = found("$1.00-1.02 billion")
    assert finding.diagnosis.startswith("one figure, two bodies") and finding.severity == "warning"
    assert found("$1.00-1.03 billion") == []


def test_a_plan_given_as_current_after_its_revision_is_a_warning(normalised):
    """A text gives 1,450 job cuts as since revised to 1,380 and, in its lede, 1,450 as the
    plan: a warning on the lede, as for an actual figure."""
    topics = [{"key": "cuts", "kind": "count", "unit": "person"}]
    rows = {
        "a": [
            claim("old", "cuts", "1,450", period="2025", modality="superseded"),
            claim("now", "cuts", "1,380", period="2025", modality="plan"),
            claim("lede", "cuts", "1,450", period="2025", modality="plan"),
        ]
    }
    findings = run_rules(normalised(rows, topics=topics, entities=[]), value_conflict)
    assert ("warning", "lede") in [(finding.severity, finding.subject) for finding in findings]


def test_earlier_figures_of_one_revision_history_are_not_compared(normalised):
    """A forecast cut from 4.2 % to 4.0 %, then to 3.7 %, then to 3.1 %: the three earlier
    figures, each given as since revised, are vintages, not a conflict; one text's 2.4 %
    for the 4.2 % another gives is still a slip."""
    topics = [{"key": "cpi", "kind": "quantity", "unit": "%"}]

    def found(first: str) -> list:
        rows = {
            "a": [
                claim("feb", "cpi", first, period="2025", modality="superseded", attributed_to="bank"),
                claim("apr", "cpi", "4.0 %", period="2025", modality="superseded", attributed_to="bank"),
            ],
            "b": [
                claim("jun", "cpi", "3.7 %", period="2025", modality="superseded", attributed_to="bank"),
                claim("feb-b", "cpi", "4.2 %", period="2025", modality="superseded", attributed_to="bank"),
            ],
        }
        entities = [{"key": "bank", "label": "the central bank"}]
        return run_rules(normalised(rows, topics=topics, entities=entities), value_conflict)

    assert found("4.2 %") == []
    assert [finding.diagnosis.split(":")[0] for finding in found("2.4 %")] == ["digit transposition"]


def test_one_figure_two_texts_credit_to_one_body_and_one_to_another_is_a_warning_on_the_odd_one(normalised):
    """The trust forecasts 8,200 patients (its release and a local paper); an analysis
    credits 8,200 to a consultancy: two significant digits, but two texts against one make
    the analysis's credit the odd one out, a warning on it. A range's two ends count
    together: "US$45-60 million" is a figure of four digits."""
    topics = [{"key": "patients", "kind": "count"}, {"key": "cost", "kind": "quantity", "unit": "USD"}]
    entities = [{"key": "trust", "label": "the trust"}, {"key": "kestrel", "label": "Kestrel"}]
    sources = [
        {"id": source, "file": f"{source}.txt", "published": day}
        for source, day in (("a", "2025-05-22"), ("b", "2025-07-03"), ("c", "2025-09-11"))
    ]

    def found(topic: str, value: str, third: bool = True) -> list:
        rows = {
            "a": [claim("a1", topic, value, period="2026", modality="forecast", attributed_to="trust")],
            "b": [claim("b1", topic, value, period="2026", modality="forecast", attributed_to="kestrel")],
        }
        if third:
            rows["c"] = [claim("c1", topic, value, period="2026", modality="forecast", attributed_to="trust")]
        given = [source for source in sources if source["id"] in rows]
        return run_rules(normalised(rows, topics=topics, entities=entities, sources=given), value_conflict)

    (odd,) = found("patients", "8,200")
    assert odd.severity == "warning" and odd.subject == "b1" and "2 texts credit it to trust" in odd.message
    (alone,) = found("patients", "8,200", third=False)
    assert alone.severity == "note"
    (ranged,) = found("cost", "US$45-60 million", third=False)
    assert ranged.severity == "warning"


def test_one_figure_of_a_person_and_a_body_is_no_misattribution(normalised):
    """ "US$4.5-5 billion" as the chief executive's guidance in one text and the company's in
    another: a person speaks for a body, so neither credit is wrong; two bodies alike are."""
    topics = [{"key": "capex", "kind": "quantity", "unit": "USD"}]

    def found(kind: str) -> list:
        entities = [
            {"key": "okafor", "label": "Dana Okafor", "kind": kind},
            {"key": "corvane", "label": "Corvane", "kind": "organisation"},
        ]
        rows = {
            "a": [claim("a1", "capex", "US$45-60 million", period="2025", modality="forecast", attributed_to="okafor")],
            "b": [
                claim("b1", "capex", "US$45-60 million", period="2025", modality="forecast", attributed_to="corvane")
            ],
        }
        return run_rules(normalised(rows, topics=topics, entities=entities), value_conflict)

    assert [finding.severity for finding in found("person")] == ["note"]
    assert [finding.severity for finding in found("organisation")] == ["warning"]
