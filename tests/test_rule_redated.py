from checker.rules import redated
from conftest import claim, ids, run_rules

TOPICS = [
    {"key": "trade", "kind": "quantity", "unit": "USD", "label": "bilateral trade"},
    {"key": "exports", "kind": "quantity", "unit": "t", "label": "wheat exports"},
    {"key": "reserves", "kind": "quantity", "unit": "USD", "label": "reserves", "aggregation": "stock"},
    {"key": "shipped", "kind": "quantity", "unit": "t", "label": "shipped to date", "aggregation": "cumulative"},
]


def test_a_precise_flow_for_another_year_is_a_warning(normalised):
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$12.42 billion", period="2024")],
            "b": [claim("b1", "trade", "USD 12.4 billion", period="2023")],
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, redated)
    assert finding.claim_ids == ("a1", "b1") and finding.severity == "warning"
    assert "2023" in finding.message and "2024" in finding.message
    assert "another period" in finding.diagnosis


def test_a_part_of_the_period_with_the_whole_periods_figure_names_the_part(normalised):
    result = normalised(
        {
            "a": [claim("a1", "exports", "1,836,500 t", period="2024-01/2024-11")],
            "b": [claim("b1", "exports", "1.8365 million t", period="2024")],
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, redated)
    assert "a part of it" in finding.diagnosis
    assert finding.message.index("(b1)") < finding.message.index("(a1)")  # the whole first


def test_agreeing_sources_against_one_misdated_figure_give_one_finding(normalised):
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$12.42 billion", period="2024")],
            "b": [claim("b1", "trade", "US$12.42 billion", period="2024")],
            "c": [claim("c1", "trade", "US$12.42 billion", period="2024")],
            "d": [claim("d1", "trade", "US$12.42 billion", period="2023")],
        },
        topics=TOPICS,
        entities=[],
    )
    assert len(run_rules(result, redated)) == 1


def test_coincidences_levels_plans_and_one_sources_own_statements_pass(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "trade", "US$1.2 billion", period="2024"),  # two digits: coincidence
                claim("a2", "reserves", "US$612.5 billion", period="2024"),  # a level may hold
                claim("a3", "shipped", "1,836,500 t", period="2024-05-01"),  # a running total may stand still
                claim("a4", "trade", "US$3.25 billion", period="2025", modality="plan"),
                claim("a5", "exports", "412,300 t", period="2023"),
                claim("a6", "exports", "412,300 t", period="2024"),  # the same source says both itself
                claim("a7", "trade", "US$8.31 billion", period="2022"),
            ],
            "b": [
                claim("b1", "trade", "US$1.2 billion", period="2023"),
                claim("b2", "reserves", "US$612.5 billion", period="2023"),
                claim("b3", "shipped", "1,836,500 t", period="2024-06-01"),
                claim("b4", "trade", "US$3.25 billion", period="2026", modality="plan"),
                claim("b5", "trade", "US$8.31 billion", period="2022", scope="exports only"),  # another scope
                claim("b6", "trade", "US$8.37 billion", period="2021"),  # apart beyond the precision
            ],
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(result, redated)) == []


def test_the_same_period_written_two_ways_is_no_finding(normalised):
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$12.42 billion", period="2024")],
            "b": [claim("b1", "trade", "US$12.42 billion", period="2024-01/2024-12")],
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(result, redated)) == []


def test_figures_without_a_period_are_not_compared(normalised):
    result = normalised(
        {
            "a": [claim("a1", "exports", "1,836,500 t")],
            "b": [claim("b1", "exports", "1,836,500 t", period="2023")],
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(result, redated)) == []


def test_a_figure_another_source_contradicts_in_its_own_period_is_left_to_value_conflict(normalised):
    # b1 gives 2024's figure for 2023, where c1 says otherwise: value-conflict reports
    # b1 against c1 and names the match for 2024 in its diagnosis.
    result = normalised(
        {
            "a": [claim("a1", "trade", "US$12.42 billion", period="2024")],
            "b": [claim("b1", "trade", "US$12.42 billion", period="2023")],
            "c": [claim("c1", "trade", "US$11.37 billion", period="2023")],
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(result, redated)) == []
    # Without c1's figure, nothing else reports b1: the warning stands.
    alone = normalised(
        {
            "a": [claim("a1", "trade", "US$12.42 billion", period="2024")],
            "b": [claim("b1", "trade", "US$12.42 billion", period="2023")],
            "c": [claim("c1", "trade", "about US$12.4 billion", period="2023")],
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(alone, redated)) == [("redated-figure", ("a1", "b1"))]


def test_one_period_at_two_precisions_and_rounded_figures_pass(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "trade", "US$1.24 billion", period="2024-03-20/2025-03-20"),
                claim("a2", "trade", "about US$10.3 billion", period="2023"),
            ],
            "b": [
                claim("b1", "trade", "US$1.24 billion", period="2024-03/2025-03"),
                claim("b2", "trade", "US$10.25 billion", period="2022"),
            ],
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(result, redated)) == []


def test_a_figure_one_source_gives_for_both_periods_is_left_alone_across_sources(normalised):
    """£27.3 million for the fiscal year and for its last weeks: the brief gives it for both
    itself (the costs all fell in those weeks), so the newspaper's fiscal-year figure beside
    the brief's weeks is no misdating either."""
    rows = {
        "brief": [
            claim("b-year", "trade", "US$27.3 million", period="2024-04/2025-03", quote="27.3 million in the year"),
            claim(
                "b-weeks",
                "trade",
                "US$27.3 million",
                period="2025-03-08/2025-03-31",
                quote="27.3 million, all of it in March",
            ),
        ],
        "paper": [claim("p-year", "trade", "US$27.3 million", period="2024-04/2025-03")],
    }
    assert run_rules(normalised(rows, topics=TOPICS, entities=[]), redated) == []
    alone = {"brief": rows["brief"][1:], "paper": rows["paper"]}
    assert ids(run_rules(normalised(alone, topics=TOPICS, entities=[]), redated)) == [
        ("redated-figure", ("b-weeks", "p-year"))
    ]


def _levels(normalised, later: list, topic: str = "reserves") -> list:
    """Reserves of $4.46 billion in 2023 (text a) and $8.62 billion on 10 March 2025 (text
    b), then the given claims in a text of 20 May 2025 (and c2, of 30 June)."""
    sources = [
        {"id": "a", "file": "a.txt", "published": "2024-01-20"},
        {"id": "b", "file": "b.txt", "published": "2025-03-10"},
        {"id": "c", "file": "c.txt", "published": "2025-05-20"},
        {"id": "d", "file": "d.txt", "published": "2025-06-30"},
    ]
    rows = {
        "a": [claim("old", topic, "US$4.46 billion", period="2023")],
        "b": [claim("between", topic, "US$8.62 billion", period="2025-03-10")],
        **later,
    }
    sources = [source for source in sources if source["id"] in rows]
    return run_rules(normalised(rows, topics=TOPICS, entities=[], sources=sources), redated)


def test_an_earlier_level_given_as_current_is_a_warning(normalised):
    (finding,) = _levels(normalised, {"c": [claim("now", "reserves", "US$4.46 billion", period="2025-05-20")]})
    assert finding.severity == "warning" and finding.subject == "now"
    assert finding.claim_ids == ("between", "now", "old") and "earlier level" in finding.diagnosis
    # Without the level between, the level held: no finding.
    sources = [{"id": s, "file": f"{s}.txt", "published": "2025-05-20"} for s in ("a", "c")]
    rows = {
        "a": [claim("old", "reserves", "US$4.46 billion", period="2023")],
        "c": [claim("now", "reserves", "US$4.46 billion", period="2025-05-20")],
    }
    assert run_rules(normalised(rows, topics=TOPICS, entities=[], sources=sources), redated) == []


def test_a_level_that_went_back_or_was_known_only_later_is_no_finding(normalised):
    # Another text gives the figure again after the other level: it went back.
    again = {
        "c": [claim("now", "reserves", "US$4.46 billion", period="2025-05-20")],
        "d": [claim("back", "reserves", "US$4.46 billion", period="2025-04-30")],
    }
    assert _levels(normalised, again) == []
    # A round figure is no sign; nor is a rate (a policy rate goes back to where it was).
    assert _levels(normalised, {"c": [claim("now", "reserves", "US$4.5 billion", period="2025-05-20")]}) == []
