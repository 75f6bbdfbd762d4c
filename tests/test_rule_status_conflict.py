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


def test_an_overlap_only_within_an_imprecise_side_is_a_note(normalised):
    """'Listed' until 2 May against 'removed' from some day in May: they overlap only if the
    removal came on 1 or 2 May, and agree if it came later, so the change may fall there (a
    note to check the day, neither an error nor a warning)."""
    result = normalised(
        {
            "a": [claim("a1", "listing", "listed", period="2022-03/2025-05-02")],
            "b": [claim("b1", "listing", "removed", period="2025-05/2025-07-11")],
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, status_conflict)
    assert finding.claim_ids == ("a1", "b1") and finding.severity == "note"
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


def test_an_open_end_holds_as_far_as_its_text_can_tell(normalised):
    """A plan told in March to tighten restrictions from 1 April, with no end, and a plan
    told in August to ease them from 1 September: a change after the first text, no
    conflict. An open-ended state against another that begins before its text was
    published conflicts: that text knew the time."""
    topics = [{"key": "level", "kind": "status", "states": "level-3; level-4"}]
    sources = [
        {"id": "a", "file": "a.txt", "published": "2025-03-18"},
        {"id": "b", "file": "b.txt", "published": "2025-08-14"},
    ]

    def found(first: str, second: str, modality: str = "plan") -> list:
        rows = {
            "a": [claim("a1", "level", "level-4", period=first, modality=modality)],
            "b": [claim("b1", "level", "level-3", period=second, modality=modality)],
        }
        return run_rules(normalised(rows, topics=topics, entities=[], sources=sources), status_conflict)

    assert found("2025-04-01/..", "2025-09-01/..") == []
    assert found("2025-04-01/..", "2025-09-01/..", modality="") == []
    assert found("2025-04-01/..", "2025-06-01/2025-06-30", modality="") == []
    # The August text's open end: it knew April.
    (finding,) = found("2025-04-01/2025-04-30", "2025-04-01/..", modality="")
    assert finding.severity == "error" and finding.claim_ids == ("a1", "b1")
    # A state that begins before the open one's text was published: a conflict.
    (finding,) = found("2025-01-01/..", "2025-03-01/2025-03-10", modality="")
    assert finding.severity == "error"


def test_a_status_back_a_step_after_an_open_end_is_a_reversal(normalised):
    """'Under review' in March, 'decided' from 21 May (an open end, told that day), then
    'under review' in June: the open end meets June only past its text, so no conflict, but
    the sequence goes back a step: a reversal, warned."""
    topics = [{"key": "dispute", "kind": "status", "states": "filed; under-review; decided"}]
    sources = [
        {"id": "a", "file": "a.txt", "published": "2025-03-04"},
        {"id": "b", "file": "b.txt", "published": "2025-05-21"},
        {"id": "c", "file": "c.txt", "published": "2025-06-16"},
    ]
    rows = {
        "a": [claim("a1", "dispute", "under-review")],
        "b": [claim("b1", "dispute", "decided", period="2025-05-21/..")],
        "c": [claim("c1", "dispute", "under-review")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[], sources=sources), status_conflict)
    assert finding.severity == "warning" and finding.diagnosis.startswith("the status reverses")
    assert finding.claim_ids == ("a1", "b1", "c1")


def test_a_text_that_tells_the_step_back_itself_is_no_reversal(normalised):
    """'Open' in April, May and early July; one analysis: 'suspended' from 20 June to 13
    July and 'open' again from 14 July ("during the suspension between 20 June and 14
    July"): that text tells the step back itself, so it happened."""
    topics = [{"key": "scheme", "kind": "status", "states": "open; suspended; closed"}]
    rows = {
        "a": [claim("a1", "scheme", "open", period="2025-04-10")],
        "b": [
            claim("b1", "scheme", "suspended", period="2025-06-20/2025-07-13"),
            claim("b2", "scheme", "open", period="2025-07-14/2025-08-21"),
        ],
    }
    assert run_rules(normalised(rows, topics=topics, entities=[]), status_conflict) == []


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


def test_statuses_meeting_on_the_day_of_the_change_do_not_conflict(normalised):
    """'In force from 25 March to 24 April' and 'expired on 24 April' (from that day, or that
    day alone): the truce changed on 24 April, when both were true."""
    topics = [{"key": "truce", "kind": "status", "states": "in-effect; expired"}]

    def findings(expired_period: str):
        rows = {
            "a": [claim("a", "truce", "in-effect", period="2025-03-25/2025-04-24", quote="in force")],
            "b": [claim("b", "truce", "expired", period=expired_period, quote="expired")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), status_conflict)

    assert findings("2025-04-24/2025-06-02") == []
    assert findings("2025-04-24") == []
    assert ids(findings("2025-04-20/2025-06-02")) == [("status-conflict", ("a", "b"))]  # four days of both


def test_a_status_ending_at_a_time_with_its_zone_meets_a_change_on_its_local_day(normalised):
    """'In effect through 10 p.m. on Friday, July 25' (22:00-05:00, 03:00 UTC on the 26th)
    and 'expired as scheduled on July 25': the change falls on the 25th in its own zone."""
    topics = [{"key": "order", "kind": "status", "states": "in-effect; expired"}]

    def findings(end: str):
        rows = {
            "a": [claim("a", "order", "in-effect", period=f"2025-07-21/{end}", quote="in effect through 10 p.m.")],
            "b": [claim("b", "order", "expired", period="2025-07-25/2025-09-15", quote="expired on July 25")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), status_conflict)

    assert findings("2025-07-25T22:00-05:00") == []
    assert ids(findings("2025-07-27T22:00-05:00")) == [("status-conflict", ("a", "b"))]


def test_one_text_telling_a_pause_a_resumption_and_a_halt_is_no_reversal(normalised):
    topics = [{"key": "route", "kind": "status", "states": "paused; resumed"}]
    rows = [
        claim("p1", "route", "paused", period="2023-12-15/2023-12-23", quote="paused"),
        claim("r1", "route", "resumed", period="2023-12-24/2023-12-30", quote="resumed"),
        claim("p2", "route", "paused", period="2024-01-01/2024-02-12", quote="paused"),
    ]
    alone = run_rules(normalised({"a": rows}, topics=topics, entities=[]), status_conflict)
    assert alone == []
    split = run_rules(normalised({"a": rows[:2], "b": rows[2:]}, topics=topics, entities=[]), status_conflict)
    assert ids(split) == [("status-conflict", ("p1", "p2", "r1"))]
    # Other texts that confirm the middle of a sequence one text tells whole are no split.
    confirmed = {"a": rows, "b": [claim("r2", "route", "resumed", period="2023-12-26/2023-12-28", quote="resumed")]}
    assert run_rules(normalised(confirmed, topics=topics, entities=[]), status_conflict) == []


def test_a_forecast_status_is_compared_only_with_forecasts(normalised):
    """'Hold' in September and a cut in November are what happened; a think tank's forecast
    of a hold in December is neither a reversal of them nor a conflict with what is."""
    topics = [{"key": "decision", "kind": "status", "states": "hold; cut"}]
    result = normalised(
        {
            "a": [claim("a1", "decision", "hold", period="2024-09-19")],
            "b": [claim("b1", "decision", "cut", period="2024-11-07")],
            "c": [
                claim("c1", "decision", "hold", period="2024-12-19", modality="forecast"),
                claim("c2", "decision", "cut", period="2024-11-07", modality="forecast"),
            ],
            "d": [claim("d1", "decision", "hold", period="2024-11-07", modality="forecast")],
        },
        topics=topics,
        entities=[],
    )
    # Only the two forecasts for 7 November disagree.
    assert ids(run_rules(result, status_conflict)) == [("status-conflict", ("c2", "d1"))]


def test_a_notch_after_a_grade_is_a_state_of_its_own(normalised):
    """A rating of CCC- in one text and CCC+ in another for the same days conflict; CCC-
    against CCC- does not, and a notch not in the topic's states is refused."""
    topics = [{"key": "rating", "kind": "status", "states": "CCC+; CCC; CCC-; C; RD"}]

    def found(first: str, second: str) -> list:
        rows = {
            "a": [claim("a1", "rating", first, period="2025-05-20/2025-06-01")],
            "b": [claim("b1", "rating", second, period="2025-05-20/2025-06-01")],
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), status_conflict))

    assert found("CCC-", "CCC+") == [("status-conflict", ("a1", "b1"))]
    assert found("CCC", "CCC-") == [("status-conflict", ("a1", "b1"))]
    assert found("CCC-", "CCC-") == []
    refused = normalised(
        {"a": [claim("a1", "rating", "B-", period="2025-05-20/2025-06-01")]}, topics=topics, entities=[]
    )
    assert [problem.column for problem in refused.problems] == ["value"]


def test_a_reversal_is_on_the_state_given_before_its_time(normalised):
    """States listed as a status moves through them (proposed; approved), each as of its
    text's day: "approved" in November, "proposed" in February, approved in August is on
    November's claim (a step given too early); proposed, "approved", proposed is on the
    middle one. But where a text dates the step ahead before its own day ("approved on 14
    February", told in March), the claim that steps back after it is the likelier slip."""
    topics = [{"key": "reservoir", "kind": "status", "states": "proposed; approved"}]
    periods = ("2023-11-02", "2024-02-14", "2024-08-20")

    def subject(*states: str, published: tuple = periods) -> tuple[str, str]:
        rows = {
            source: [claim(f"{source}1", "reservoir", state, period=period)]
            for source, state, period in zip("abc", states, periods)
        }
        sources = [{"id": source, "file": f"{source}.txt", "published": day} for source, day in zip("abc", published)]
        (finding,) = run_rules(normalised(rows, topics=topics, entities=[], sources=sources), status_conflict)
        return finding.subject, finding.message

    assert subject("approved", "proposed", "approved")[0] == "a1"
    assert subject("proposed", "approved", "proposed")[0] == "b1"
    dated, message = subject("proposed", "approved", "proposed", published=("2023-11-02", "2024-03-20", "2024-08-20"))
    assert dated == "c1" and "a step back" in message
