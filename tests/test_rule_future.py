from checker.rules import future
from conftest import claim, ids, run_rules

TOPICS = [
    {"key": "trade", "kind": "quantity", "unit": "USD", "label": "bilateral trade"},
    {"key": "forum", "kind": "date", "event": "Business forum"},
]
JULY = [{"id": "a", "file": "a.txt", "published": "2025-07-04"}]


def _findings(normalised, *rows, sources=JULY):
    return run_rules(normalised({"a": list(rows)}, topics=TOPICS, entities=[], sources=sources), future)


def test_an_actual_figure_for_a_later_year_is_a_warning_naming_the_publication(normalised):
    (finding,) = _findings(normalised, claim("a1", "trade", "US$3 billion", period="2026"))
    assert finding.severity == "warning" and "2025-07-04" in finding.message and "2026" in finding.message


def test_an_actual_date_after_the_publication_is_a_warning(normalised):
    (finding,) = _findings(normalised, claim("a1", "forum", "2026-06-12", quote="on 12 June 2026"))
    assert finding.claim_ids == ("a1",) and "actual date" in finding.message


def test_plans_targets_forecasts_the_current_year_and_the_next_day_pass(normalised):
    rows = [
        claim("target", "trade", "US$3 billion", period="2030", modality="target"),
        claim("plan", "forum", "2026-06-12", quote="on 12 June 2026", modality="plan"),
        claim("forecast", "trade", "US$1.4 billion", period="2026", modality="forecast", attributed_to=""),
        claim("this-year", "trade", "US$1 billion", period="2025"),
        claim("next-day", "forum", "2025-07-05", quote="on 5 July 2025"),
        claim("decided", "trade", "US$150 million", period="2025-07/2025-12"),  # set for the coming months
        claim("undated", "trade", "US$1.1 billion"),
    ]
    assert ids(_findings(normalised, *rows)) == []


def test_a_source_without_a_publication_date_is_not_judged(normalised):
    sources = [{"id": "a", "file": "a.txt", "published": ""}]
    assert _findings(normalised, claim("a1", "trade", "US$3 billion", period="2030"), sources=sources) == []


def test_an_estimate_for_a_later_year_is_named_an_estimate(normalised):
    (finding,) = _findings(normalised, claim("a1", "trade", "~US$3 billion", period="2026", modality="estimate"))
    assert "as an estimated figure for 2026" in finding.message and "actual" not in finding.message


def test_a_budget_for_the_fiscal_year_from_july_adopted_in_may_is_decided(normalised):
    may = [{"id": "a", "file": "a.txt", "published": "2025-05-28"}]
    # A year from 1 July, 34 days after the text: set ahead of its term, no finding.
    assert _findings(normalised, claim("fy", "trade", "US$609.8 million", period="2025-07/2026-06"), sources=may) == []
    # A single month that far ahead is not decided yet, nor a year that begins next year.
    assert len(_findings(normalised, claim("m", "trade", "US$9 million", period="2025-07"), sources=may)) == 1
    assert len(_findings(normalised, claim("y", "trade", "US$609.8 million", period="2026"), sources=may)) == 1
