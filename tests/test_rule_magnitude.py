from checker.rules import magnitude
from conftest import claim, ids, run_rules


def test_beyond_an_order_of_magnitude_of_its_bound(normalised):
    result = normalised(
        {
            "a": [
                claim("contract", "lpg-contract", "26.3 million t", period="2025", modality="plan"),
                claim("demand", "lpg-demand", "~700,000 t/year", period="2025", modality="estimate"),
            ]
        }
    )
    (finding,) = run_rules(result, magnitude)
    assert finding.claim_ids == ("contract", "demand") and "one year of" in finding.message


def test_within_the_bound_passes(normalised):
    result = normalised(
        {
            "a": [
                claim("imports", "lpg-imports", ">275,000 t", period="2025"),
                claim("demand", "lpg-demand", "~700,000 t/year", period="2025"),
            ]
        }
    )
    assert run_rules(result, magnitude) == []


def test_a_part_must_not_exceed_its_whole(normalised):
    result = normalised(
        {
            "a": [
                claim("part", "trade", "US$20 billion", period="2024"),
                claim("whole", "total-trade", "US$12 billion", period="2024"),
                claim("fine", "trade", "US$10 billion", period="2023"),
                claim("whole-2023", "total-trade", "US$12 billion", period="2023"),
            ]
        }
    )
    findings = run_rules(result, magnitude)
    assert ids(findings) == [("magnitude-plausibility", ("part", "whole"))]
    assert findings[0].severity == "error"


def test_a_whole_below_several_parts_or_below_its_own_other_figure_is_the_slip(normalised):
    """A county's "US$1.2 million" for US$1.2 billion: two parts exceed it, or another
    source's figure for the whole holds the part. One finding, on the whole, which is the
    likelier slip; a part above every figure for its whole stays a finding on the part."""

    def findings(*rows: tuple[str, str, str]):
        """One claim per source: (id, topic, value), all for 2024."""
        corpus = {f"s{n}": [claim(id_, topic, value, period="2024")] for n, (id_, topic, value) in enumerate(rows)}
        return run_rules(normalised(corpus), magnitude)

    (finding,) = findings(
        ("whole", "total-trade", "US$1.2 million"),
        ("part-b", "trade", "US$390 million"),
        ("part-c", "trade", "US$386 million"),
    )
    assert finding.subject == "whole" and set(finding.claim_ids) == {"whole", "part-b", "part-c"}
    assert "the whole is the likelier slip" in finding.diagnosis
    (finding,) = findings(
        ("whole", "total-trade", "US$1.2 million"),
        ("part", "trade", "US$390 million"),
        ("other-whole", "total-trade", "US$1.2 billion"),
    )
    assert finding.subject == "whole" and "another source's figure" in finding.diagnosis
    (part_slip,) = findings(("whole", "total-trade", "US$1.2 billion"), ("part", "trade", "US$3.9 billion"))
    assert part_slip.subject == "part" and part_slip.diagnosis == "a part exceeds its whole"


def test_a_part_in_another_scope_or_by_another_estimator_is_no_part_of_that_whole(normalised):
    """A think tank's England-and-Wales over-65s (2,250) against the agency's England-only
    deaths (2,150): another population, and another body's model. The same part against a
    whole in its own scope, or of no named scope, is one; a part of no named scope against a
    whole in a scope of its own (a grant-equivalent total) is not: another measure."""

    def found(part_scope: str, whole_scope: str, whole_estimator: str, whole: str = "2,150") -> list:
        result = normalised(
            {
                "brief": [
                    claim(
                        "old",
                        "over-65",
                        "2,250",
                        period="2025-07",
                        scope=part_scope,
                        modality="estimate",
                        attributed_to="ehi",
                    )
                ],
                "agency": [
                    claim(
                        "all",
                        "deaths",
                        whole,
                        period="2025-07",
                        scope=whole_scope,
                        modality="estimate",
                        attributed_to=whole_estimator,
                    )
                ],
            },
            topics=[
                {"key": "deaths", "kind": "count", "unit": "person"},
                {"key": "over-65", "kind": "count", "unit": "person", "part_of": "deaths"},
            ],
            entities=[{"key": "ehi", "label": "Heat institute"}, {"key": "ukhsa", "label": "Health agency"}],
        )
        return run_rules(result, magnitude)

    assert found("england-and-wales", "england", "ehi") == []
    assert found("england", "england", "ukhsa") == []  # 4.7 % over: models differ
    assert ids(found("england", "england", "ukhsa", "1,950")) == [("magnitude-plausibility", ("all", "old"))]
    assert ids(found("england", "england", "ehi")) == [("magnitude-plausibility", ("all", "old"))]
    assert ids(found("england", "", "ehi")) == [("magnitude-plausibility", ("all", "old"))]
    assert found("", "england", "ehi") == []


def test_an_agreed_part_must_not_exceed_its_agreed_whole(normalised):
    """A country's share of a quota against the quota, both agreed: a part above its whole;
    an agreed share is not compared with an actual whole (what was caught is not a quota)."""
    result = normalised(
        {
            "a": [
                claim("share", "trade", "US$20 billion", period="2025", modality="agreement"),
                claim("quota", "total-trade", "US$12 billion", period="2025", modality="agreement"),
                claim("caught", "total-trade", "US$12 billion", period="2024"),
                claim("share-2024", "trade", "US$20 billion", period="2024", modality="agreement"),
            ]
        }
    )
    findings = run_rules(result, magnitude)
    assert ids(findings) == [("magnitude-plausibility", ("quota", "share"))]
    assert findings[0].message.endswith("both as agreements")


def test_a_jump_between_adjacent_years(normalised):
    result = normalised(
        {
            "a": [
                claim("y2023", "trade", "US$20 million", period="2023"),
                claim("y2024", "trade", "US$1 billion", period="2024"),
                claim("y2022", "trade", "US$170 million", period="2022"),
            ]
        }
    )
    assert ids(run_rules(result, magnitude)) == [("magnitude-plausibility", ("y2023", "y2024"))]


def test_a_jump_at_the_edge_of_a_series_is_a_note(normalised):
    """Costs of a breach found in a fiscal year's last weeks: EUR 4.1 million that year,
    EUR 46.3 million the next, and nothing before. How an activity begins, or a scale
    slip: a note. The same jump after an earlier year of the same size is a dip: a warning."""
    topics = [{"key": "costs", "kind": "quantity", "unit": "EUR"}]

    def found(*values: tuple[str, str]) -> list:
        rows = {"a": [claim(f"y{period}", "costs", value, period=period) for period, value in values]}
        return run_rules(normalised(rows, topics=topics, entities=[]), magnitude)

    (start,) = found(("2023", "EUR 4.1 million"), ("2024", "EUR 46.3 million"))
    assert start.severity == "note" and "at the start of the series" in start.diagnosis
    (end,) = found(("2023", "EUR 46.3 million"), ("2024", "EUR 4.1 million"))
    assert end.severity == "note" and "at the end of the series" in end.diagnosis
    (dip,) = found(("2022", "EUR 40 million"), ("2023", "EUR 4.1 million"), ("2024", "EUR 46.3 million"))
    assert dip.severity == "warning" and dip.claim_ids == ("y2023", "y2024")
    # A loss that narrows (-7.9 million to -4.2 million) is no jump at all.
    assert found(("2022", "EUR 7 million"), ("2023", "EUR -7.9 million"), ("2024", "EUR -4.2 million")) == []


def test_a_bound_in_another_dimension_is_converted_through_the_density(normalised):
    topics = [
        {"key": "contract", "kind": "quantity", "unit": "t", "substance": "lpg", "bounded_by": "demand"},
        {"key": "demand", "kind": "quantity", "unit": "m^3/year", "substance": "lpg"},
    ]
    result = normalised(
        {
            "a": [
                claim("big", "contract", "26.3 million t", period="2025"),
                claim("fine", "contract", "300,000 t", period="2025", quote="fine says 300,000 t"),
                claim("demand", "demand", "1.3 million m^3/year", period="2025"),
            ]
        },
        topics=topics,
        entities=[],
    )
    assert ids(run_rules(result, magnitude)) == [("magnitude-plausibility", ("big", "demand"))]


def test_a_forecast_part_beyond_its_forecast_whole_is_one_error_on_the_part(normalised):
    """A region's forecast cost of €450 billion (a slip for million) against the nation's
    €5.4 billion, forecast by the ministry and given by two texts: one error, on the part,
    naming both wholes. Two forecasters' figures may differ by a tenth: 5.9 against 5.4 by
    another forecaster passes, by the same forecaster it does not."""
    topics = [
        {"key": "national", "kind": "quantity", "unit": "EUR", "label": "national cost"},
        {"key": "regional", "kind": "quantity", "unit": "EUR", "label": "regional cost", "part_of": "national"},
    ]
    entities = [{"key": "ministry", "label": "the ministry"}, {"key": "institute", "label": "the institute"}]

    def found(part: str, forecaster: str = "ministry") -> list:
        rows = {
            "a": [
                claim(
                    "a-nat", "national", "EUR 5.4 billion", period="2026", modality="forecast", attributed_to="ministry"
                )
            ],
            "b": [
                claim(
                    "b-nat", "national", "EUR 5.4 billion", period="2026", modality="forecast", attributed_to="ministry"
                ),
                claim("b-reg", "regional", part, period="2026", modality="forecast", attributed_to=forecaster),
            ],
        }
        return run_rules(normalised(rows, topics=topics, entities=entities), magnitude)

    (finding,) = found("EUR 450 billion")
    assert finding.subject == "b-reg" and finding.claim_ids == ("a-nat", "b-nat", "b-reg")
    assert "both as forecasts" in finding.message
    assert found("EUR 5.9 billion", forecaster="institute") == []
    assert len(found("EUR 5.9 billion")) == 1


def test_a_claim_beyond_a_bound_several_texts_give_is_one_finding(normalised):
    """A debt of 370 billion (for million) against a cost three texts give as 1.1 billion:
    one finding on the debt, naming every text's figure for the bound."""
    topics = [
        {"key": "debt", "kind": "quantity", "unit": "CAD", "bounded_by": "cost"},
        {"key": "cost", "kind": "quantity", "unit": "CAD"},
    ]
    rows = {
        "a": [
            claim("debt", "debt", "C$370 billion", period="2025"),
            claim("a-cost", "cost", "C$1.1 billion", period="2025"),
        ],
        "b": [claim("b-cost", "cost", "C$1.1 billion", period="2025")],
        "c": [claim("c-cost", "cost", "C$1.12 billion", period="2025")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), magnitude)
    assert finding.subject == "debt" and finding.claim_ids == ("a-cost", "b-cost", "c-cost", "debt")


def test_parts_above_a_whole_two_texts_confirm_are_each_the_slip(normalised):
    """Hospitalised 230 and unvaccinated 257 against 214 cases, and another text's 211: the
    whole is confirmed, so each part is blamed, not the whole; with one text's whole alone,
    two parts above it blame the whole."""
    topics = [
        {"key": "cases", "kind": "count", "unit": "person", "label": "cases"},
        {"key": "hosp", "kind": "count", "unit": "person", "label": "hospitalised", "part_of": "cases"},
        {"key": "unvax", "kind": "count", "unit": "person", "label": "unvaccinated", "part_of": "cases"},
    ]

    def subjects(second_whole: bool) -> set:
        rows = {
            "a": [
                claim("a-cases", "cases", "214", period="2025-04-10"),
                claim("a-hosp", "hosp", "230", period="2025-04-10"),
                claim("a-unvax", "unvax", "257", period="2025-04-10"),
            ]
        }
        if second_whole:
            rows["b"] = [claim("b-cases", "cases", "211", period="2025-04-10")]
        return {f.subject for f in run_rules(normalised(rows, topics=topics, entities=[]), magnitude)}

    assert subjects(second_whole=True) == {"a-hosp", "a-unvax"}
    assert subjects(second_whole=False) == {"a-cases"}


def test_a_part_of_one_subject_is_no_part_of_another_subjects_whole(normalised):
    """One party's regional votes against another party's national votes: no part of it;
    against its own party's national votes, a part above its whole."""
    topics = [
        {"key": "votes", "kind": "count", "unit": "person"},
        {"key": "votes-south", "kind": "count", "unit": "person", "part_of": "votes"},
    ]
    entities = [{"key": "sdu", "label": "Social Democratic Union"}, {"key": "srl", "label": "Southern League"}]

    def found(national_subject: str) -> list:
        result = normalised(
            {
                "cec": [claim("national", "votes", "148,062", period="2025-09-14", subject=national_subject)],
                "paper": [claim("south", "votes-south", "214,315", period="2025-09-14", subject="sdu")],
            },
            topics=topics,
            entities=entities,
        )
        return run_rules(result, magnitude)

    assert found("srl") == []
    assert ids(found("sdu")) == [("magnitude-plausibility", ("national", "south"))]
