from checker.rules import relabelled
from conftest import claim, ids, run_rules

TOPICS = [
    {"key": "diesel", "kind": "quantity", "unit": "t", "substance": "diesel", "label": "diesel deliveries"},
    {"key": "gasoline", "kind": "quantity", "unit": "t", "substance": "gasoline", "label": "gasoline deliveries"},
    {"key": "wheat-exports", "kind": "quantity", "unit": "USD", "label": "wheat exports"},
    {"key": "wheat-imports", "kind": "quantity", "unit": "USD", "label": "wheat imports"},
]


def test_a_precise_figure_under_another_substance_is_a_warning(normalised):
    result = normalised(
        {
            "a": [claim("a1", "diesel", "182,431 t", period="2024")],
            "b": [claim("b1", "gasoline", "182,431 t", period="2024")],
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, relabelled)
    assert finding.claim_ids == ("a1", "b1") and finding.severity == "warning"
    assert "substance: diesel vs gasoline" in finding.diagnosis


def test_exports_as_imports_names_the_direction(normalised):
    result = normalised(
        {
            "a": [claim("a1", "wheat-exports", "US$412 million", period="2024")],
            "b": [claim("b1", "wheat-imports", "US$412 million", period="2024-03/2024-12")],
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, relabelled)
    assert "direction: exports vs imports" in finding.diagnosis


def test_within_one_source_it_is_a_note(normalised):
    result = normalised(
        {"a": [claim("a1", "diesel", "182,431 t", period="2024"), claim("a2", "gasoline", "182,431 t", period="2024")]},
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, relabelled)
    assert finding.severity == "note"


def test_round_figures_other_times_and_the_same_topic_pass(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "diesel", "14 t", period="2024"),
                claim("a2", "diesel", "182,431 t", period="2024"),
                claim("a3", "wheat-exports", "US$1 billion", period="2024"),
            ],
            "b": [
                claim("b1", "gasoline", "14 t", period="2024"),
                claim("b2", "gasoline", "182,431 t", period="2019"),
                claim("b3", "wheat-imports", "US$1 billion", period="2024"),
                claim("b4", "diesel", "182,431 t", period="2024"),
            ],
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(result, relabelled)) == []


def test_rounded_figures_and_forecasts_are_no_relabelling(normalised):
    """A forecast of 'about 235,000' starts for the year against a six-month average of
    234,870: a rounding, and a forecast, not another topic's figure under a new label."""
    topics = [
        {"key": "starts", "kind": "count", "label": "housing starts"},
        {"key": "average", "kind": "count", "label": "six-month average of starts"},
    ]
    rows = {
        "a": [claim("a-forecast", "starts", "about 235,000", period="2025", modality="forecast", attributed_to="")],
        "b": [claim("b-average", "average", "234,870", period="2025-03")],
        "c": [claim("c-rounded", "starts", "about 234,870", period="2025-03")],
    }
    assert ids(run_rules(normalised(rows, topics=topics, entities=[]), relabelled)) == []
    stated = {"a": [claim("a1", "starts", "234,870", period="2025-03")], "b": rows["b"]}
    (finding,) = run_rules(normalised(stated, topics=topics, entities=[]), relabelled)
    assert "label: 'housing starts' vs 'six-month average of starts'" in finding.diagnosis


def test_one_sentence_giving_the_figure_for_both_topics_is_no_relabelling(normalised):
    """'Units 1 and 2, each rated at 845 megawatts': twins, said so in one sentence; another
    text giving unit 1 alone 845 MW is no relabelling of unit 2 either."""
    topics = [
        {"key": "unit1", "kind": "quantity", "unit": "MW", "label": "Unit 1 capacity"},
        {"key": "unit2", "kind": "quantity", "unit": "MW", "label": "Unit 2 capacity"},
    ]
    quote = "Units 1 and 2, each rated at 845 megawatts"
    rows = {
        "a": [
            claim("a1", "unit1", "845 MW", period="2025", quote=quote),
            claim("a2", "unit2", "845 MW", period="2025", quote=quote),
        ],
        "b": [claim("b1", "unit1", "845 MW", period="2025", quote="Unit 1 (845 MW)")],
    }
    assert run_rules(normalised(rows, topics=topics, entities=[]), relabelled) == []


def test_a_count_of_things_relabelled_as_a_count_of_people_is_a_warning(normalised):
    """1,128 maritime incidents in one text, 1,128 deaths at sea (counted in people) in
    another: one kind of figure, under another label. A percentage of the same digits is no
    count."""
    topics = [
        {"key": "incidents", "kind": "count", "label": "maritime incidents"},
        {"key": "deaths", "kind": "count", "unit": "person", "label": "deaths at sea"},
        {"key": "share", "kind": "quantity", "unit": "%", "label": "a share"},
    ]
    rows = {
        "a": [claim("a1", "incidents", "1,128", period="2024")],
        "b": [claim("b1", "deaths", "1,128", period="2024"), claim("b2", "share", "11.28 %", period="2024")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), relabelled)
    assert finding.claim_ids == ("a1", "b1") and finding.severity == "warning"


def test_a_rounded_figure_that_is_its_own_topics_precise_one_is_no_relabelling(normalised):
    """A paper's 98.6 % of the court meeting's votes meets the general meeting's 98.55 % at
    the edge of its rounding; the release gives the court meeting's 98.62 %, which 98.6 %
    rounds. Without that figure the pair is a warning."""
    topics = [
        {"key": "gm", "kind": "quantity", "unit": "%", "label": "general meeting votes in favour"},
        {"key": "court", "kind": "quantity", "unit": "%", "label": "court meeting votes in favour"},
    ]

    def found(*own) -> list:
        rows = {
            "release": [claim("gm", "gm", "98.55 %", period="2025-05-19"), *own],
            "paper": [claim("court-paper", "court", "98.6 %", period="2025-05-19")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), relabelled)

    assert found(claim("court-release", "court", "98.62 %", period="2025-05-19")) == []
    assert ids(found()) == [("relabelled-figure", ("court-paper", "gm"))]


def test_two_totals_each_the_sum_of_its_own_parts_are_one_total_told_two_ways(normalised):
    """A Games budget by cost line and the same budget by funder: the same figure under
    both is a note; two totals of exports and imports still differ in direction."""
    topics = [
        {"key": "budget", "kind": "quantity", "unit": "EUR", "label": "Games budget", "sum_of": "venues; transport"},
        {"key": "venues", "kind": "quantity", "unit": "EUR"},
        {"key": "transport", "kind": "quantity", "unit": "EUR"},
        {"key": "funding", "kind": "quantity", "unit": "EUR", "label": "public funding", "sum_of": "state; region"},
        {"key": "state", "kind": "quantity", "unit": "EUR"},
        {"key": "region", "kind": "quantity", "unit": "EUR"},
        {"key": "exports", "kind": "quantity", "unit": "EUR", "label": "exports", "sum_of": "x1; x2"},
        {"key": "imports", "kind": "quantity", "unit": "EUR", "label": "imports", "sum_of": "m1; m2"},
        *({"key": key, "kind": "quantity", "unit": "EUR"} for key in ("x1", "x2", "m1", "m2")),
    ]

    def found(first: str, second: str) -> list:
        rows = {
            "a": [claim("a1", first, "€2,384 million", period="2025")],
            "b": [claim("b1", second, "€2,384 million", period="2025")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), relabelled)

    (told,) = found("budget", "funding")
    assert told.severity == "note"
    (direction,) = found("exports", "imports")
    assert direction.severity == "warning" and "direction" in direction.diagnosis
    (part,) = found("budget", "venues")  # a part given as its whole: the rule's core case
    assert part.severity == "warning"
