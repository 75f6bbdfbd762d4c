from checker.rules import status_conflict
from conftest import claim, ids, run_rules

TOPICS = [
    {"key": "listing", "kind": "status", "states": "listed; removed"},
    {"key": "recognition", "kind": "status", "states": "recognised; not-recognised"},
]


def test_different_statuses_for_the_same_time(normalised):
    result = normalised(
        {
            "a": [claim("a1", "recognition", "recognised", period="2025-07-28")],
            "b": [claim("b1", "recognition", "not-recognised", period="2025-06/2025-08")],
        }
    )
    (finding,) = run_rules(result, status_conflict)
    assert finding.claim_ids == ("a1", "b1") and finding.severity == "error"


def test_an_overlap_only_within_an_imprecise_side_is_a_warning(normalised):
    """'Listed' until 2 May against 'removed' from some day in May: they overlap only if the
    removal came on 1 or 2 May, so the change may fall there (a warning, not an error)."""
    result = normalised(
        {
            "a": [claim("a1", "listing", "listed", period="2022-03/2025-05-02")],
            "b": [claim("b1", "listing", "removed", period="2025-05/2025-07-11")],
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, status_conflict)
    assert finding.claim_ids == ("a1", "b1") and finding.severity == "warning"
    assert "overlap only in 2025-05-01/2025-05-02" in finding.message
    # Given to the day, the same overlap is certain: an error.
    result = normalised(
        {
            "a": [claim("a1", "listing", "listed", period="2022-03/2025-05-02")],
            "b": [claim("b1", "listing", "removed", period="2025-05-01/2025-07-11")],
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, status_conflict)
    assert finding.severity == "error"


def test_a_change_over_time_is_not_a_conflict(normalised):
    result = normalised(
        {
            "a": [claim("a1", "recognition", "not-recognised", period="2025-04-28")],
            "b": [claim("b1", "recognition", "recognised", period="2025-07-03/2025-07-27")],
            "c": [claim("c1", "recognition", "recognised", period="2025-07-28")],
        }
    )
    assert run_rules(result, status_conflict) == []


def test_a_reversal_is_a_warning(normalised):
    result = normalised(
        {
            "a": [claim("a1", "listing", "listed", period="2003/2024-12")],
            "b": [claim("b1", "listing", "removed", period="2025-04-28")],
            "c": [claim("c1", "listing", "listed", period="2025-07-28")],
        },
        topics=TOPICS,
        entities=[],
    )
    findings = run_rules(result, status_conflict)
    assert ids(findings) == [("status-conflict", ("a1", "b1", "c1"))]
    assert findings[0].severity == "warning"
    assert run_rules(result, status_conflict, reversals=False) == []


def test_different_subjects_do_not_conflict(normalised):
    result = normalised(
        {
            "a": [claim("a1", "recognition", "recognised", period="2025", subject="iskp")],
            "b": [claim("b1", "recognition", "not-recognised", period="2025", subject="ministry")],
        }
    )
    assert run_rules(result, status_conflict) == []


def test_an_overlap_is_not_also_reported_as_a_reversal(normalised):
    result = normalised(
        {
            "a": [claim("a1", "listing", "listed", period="2025-04-17/2025-04-28")],
            "b": [claim("b1", "listing", "removed", period="2025-04-17/2025-07-27")],
            "c": [claim("c1", "listing", "listed", period="2025-07-28")],
        },
        topics=TOPICS,
        entities=[],
    )
    assert ids(run_rules(result, status_conflict)) == [("status-conflict", ("a1", "b1"))]
