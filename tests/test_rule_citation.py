from checker.rules import citation
from conftest import claim, ids, run_rules


def test_a_cited_figure_moved_to_another_scope(normalised):
    result = normalised(
        {
            "capss": [claim("capss-trade", "trade", "USD 12.42 billion", period="2024", cites="amu")],
            "amu": [claim("amu-total", "total-trade", ">12 billion USD", period="2024")],
        }
    )
    (finding,) = run_rules(result, citation)
    assert finding.claim_ids == ("amu-total", "capss-trade") and finding.diagnosis.startswith("different scope")


def test_the_cited_source_says_otherwise(normalised):
    result = normalised(
        {
            "capss": [claim("c1", "court-ruling", "2025-04-17", cites="orf", quote="on April 17, 2025")],
            "orf": [claim("o1", "court-ruling", "2025-04-21", quote="on 21 April 2025")],
        }
    )
    assert ids(run_rules(result, citation)) == [("citation-consistency", ("c1", "o1"))]


def test_agreement_passes_and_silence_is_noted(normalised):
    result = normalised(
        {
            "capss": [
                claim("c1", "court-ruling", "2025-04-17", cites="orf", quote="on April 17, 2025"),
                claim("c2", "listing", "2003", cites="orf", quote="since 2003"),
            ],
            "orf": [claim("o1", "court-ruling", "2025-04", quote="in April 2025")],
        }
    )
    findings = run_rules(result, citation)
    assert ids(findings) == [("citation-consistency", ("c2",))]
    assert findings[0].severity == "note"
    assert run_rules(result, citation, note_unsupported=False) == []


def test_a_topics_own_tolerance_wins_over_the_rules(normalised):
    """A citing figure 1.2 % off its source agrees within the rule's 2 %, not within a topic
    tolerance of 0.5 %."""

    def findings(tolerance: str):
        topics = [{"key": "toll", "kind": "count", "unit": "person", "tolerance": tolerance}]
        result = normalised(
            {
                "gazette": [
                    claim("g1", "toll", "=1,200 person", period="2024-03-13", cites="wire", quote="1,200 dead")
                ],
                "wire": [claim("w1", "toll", "=1,214 person", period="2024-03-13", quote="1,214 dead")],
            },
            topics=topics,
            entities=[],
        )
        return ids(run_rules(result, citation))

    assert findings("") == []
    assert findings("0.005") == [("citation-consistency", ("g1", "w1"))]


def test_a_cited_source_giving_the_topic_only_for_another_time(normalised):
    """The wire cites the brief for more than 18 billion in 2024; the brief gives 18.4
    billion for 2023 (its year mistyped, or the wire's): a warning naming the other period.
    A different figure for the other year only is a note: nothing for the cited time."""

    def findings(brief_value: str):
        rows = {
            "wire": [claim("w", "trade", ">US$18 billion", period="2024", cites="brief")],
            "brief": [claim("b", "trade", brief_value, period="2023")],
        }
        return run_rules(normalised(rows), citation)

    (moved,) = findings("US$18.4 billion")
    assert moved.severity == "warning" and moved.diagnosis.startswith("different period")
    (silent,) = findings("US$12.1 billion")
    assert silent.severity == "note" and "nothing for that time" in silent.message
