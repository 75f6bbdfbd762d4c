from checker.rules import date_conflict
from conftest import claim, ids, run_rules


def test_different_days_conflict(normalised):
    result = normalised(
        {
            "a": [claim("a1", "court-ruling", "2025-04-17", quote="on 17 April 2025")],
            "b": [claim("b1", "court-ruling", "2025-04-21", quote="on 21 April 2025")],
        }
    )
    (finding,) = run_rules(result, date_conflict)
    assert finding.claim_ids == ("a1", "b1") and "4 day(s)" in finding.message


def test_month_and_day_within_it_pass(normalised):
    result = normalised(
        {
            "a": [claim("a1", "court-ruling", "2024-03", quote="in March 2024")],
            "b": [claim("b1", "court-ruling", "2024-03-22", quote="on March 22, 2024")],
            "c": [claim("c1", "court-ruling", "../2024-03-25", quote="published on March 25, 2024")],
        }
    )
    assert run_rules(result, date_conflict) == []


def test_planned_and_actual_dates_are_not_compared(normalised):
    result = normalised(
        {
            "a": [claim("a1", "court-ruling", "2025-05", modality="plan", quote="expected in May 2025")],
            "b": [claim("b1", "court-ruling", "2025-06", quote="in June 2025")],
        }
    )
    assert run_rules(result, date_conflict) == []
    result = normalised(
        {
            "a": [claim("a1", "court-ruling", "2025-05", quote="in May 2025")],
            "b": [claim("b1", "court-ruling", "2025-06", quote="in June 2025")],
        }
    )
    assert ids(run_rules(result, date_conflict)) == [("date-conflict", ("a1", "b1"))]


def test_common_slips_are_diagnosed(normalised):
    cases = {
        ("2024-03-05", "5 March 2024"): "day and month swapped",
        ("2024-04-03", "3 April 2024"): "a month off by one",
        ("2023-05-03", "3 May 2023"): "a year slip",
    }
    for (other, quote), cause in cases.items():
        result = normalised(
            {
                "a": [claim("a1", "court-ruling", "2024-05-03", quote="on 3 May 2024")],
                "b": [claim("b1", "court-ruling", other, quote=f"on {quote}")],
            }
        )
        (finding,) = run_rules(result, date_conflict)
        assert cause in finding.diagnosis, (other, finding.diagnosis)


def test_the_weekday_says_which_date_is_right(normalised):
    result = normalised(
        {
            "a": [claim("a1", "court-ruling", "2024-05-03", quote="on Friday, 3 May 2024")],
            "b": [claim("b1", "court-ruling", "2024-05-04", quote="on 4 May 2024")],
        }
    )
    (finding,) = run_rules(result, date_conflict)
    assert "a1 writes Friday, which fits its own date" in finding.diagnosis


def test_plans_compare_only_when_stated_for_the_same_time(normalised):
    """A plan stated in 2020 (2025) and one stated now (2028) are a revised schedule; two
    plans stated now, or both in 2020, that differ are a conflict."""
    topics = [{"key": "opening", "kind": "date", "event": "Line opens"}]

    def findings(first_period: str, second_period: str):
        rows = {
            "a": [claim("a", "opening", "2025", period=first_period, quote="due in 2025", modality="plan")],
            "b": [claim("b", "opening", "2028", period=second_period, quote="due in 2028", modality="plan")],
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), date_conflict))

    assert findings("2020", "") == []
    assert findings("", "") == [("date-conflict", ("a", "b"))]
    assert findings("2020", "2020") == [("date-conflict", ("a", "b"))]


def test_plans_of_two_parties_and_a_texts_schedule_beside_a_proposal_do_not_conflict(normalised):
    """One text gives the date a regulation applies from ("prévue le 30 décembre 2024") and
    the date the Commission proposes (30 December 2025): the schedule and a proposal. Two
    named parties' plans in two texts are kept apart too; one text's two unattributed plans,
    or two texts' plans for one party, still conflict."""
    topics = [{"key": "applies", "kind": "date", "event": "The regulation applies"}]
    entities = [{"key": "commission", "label": "European Commission"}, {"key": "council", "label": "Council"}]

    def findings(first_party: str, second_party: str, same_text: bool) -> list:
        first = claim("a1", "applies", "2024-12-30", modality="plan", attributed_to=first_party)
        second = claim("b1", "applies", "2025-12-30", modality="plan", attributed_to=second_party)
        rows = {"a": [first, second]} if same_text else {"a": [first], "b": [second]}
        return ids(run_rules(normalised(rows, topics=topics, entities=entities), date_conflict))

    assert findings("", "commission", same_text=True) == []
    assert findings("council", "commission", same_text=False) == []
    assert findings("", "", same_text=True) == [("date-conflict", ("a1", "b1"))]
    assert findings("commission", "commission", same_text=False) == [("date-conflict", ("a1", "b1"))]
    assert findings("", "commission", same_text=False) == [("date-conflict", ("a1", "b1"))]


def test_plans_without_a_period_compare_only_in_texts_a_month_apart_at_most(normalised):
    """'First wafers in 2027' in an April release and 'in the first half of 2028' in a
    January paper are a schedule revised between them; two texts of one month that differ
    conflict."""
    topics = [{"key": "opening", "kind": "date", "event": "Line opens"}]

    def findings(second_published: str):
        rows = {
            "a": [claim("a", "opening", "2027", quote="due in 2027", modality="plan")],
            "b": [claim("b", "opening", "2028-01/2028-06", quote="due in the first half of 2028", modality="plan")],
        }
        sources = [
            {"id": "a", "file": "a.txt", "published": "2024-04-18"},
            {"id": "b", "file": "b.txt", "published": second_published},
        ]
        return ids(run_rules(normalised(rows, topics=topics, entities=[], sources=sources), date_conflict))

    assert findings("2025-01-23") == []
    assert findings("2024-05-02") == [("date-conflict", ("a", "b"))]


def test_a_year_slip_is_named_when_one_date_is_given_to_the_month(normalised):
    topics = [{"key": "launch", "kind": "date", "event": "Launch"}]
    rows = {
        "a": [claim("a", "launch", "2024-03", quote="in March 2024")],
        "b": [claim("b", "launch", "2025-03-03", quote="on 3 March 2025")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)
    assert finding.diagnosis.startswith("a year slip")


def test_two_times_of_one_day_are_hours_apart_and_twelve_hours_is_an_am_pm_slip(normalised):
    def finding(other: str, said: str):
        result = normalised(
            {
                "a": [claim("a1", "court-ruling", "2024-11-09T08:30", quote="at 08:30 on 9 November 2024")],
                "b": [claim("b1", "court-ruling", other, quote=f"at {said} on 9 November 2024")],
            }
        )
        (found,) = run_rules(result, date_conflict)
        return found

    slip = finding("2024-11-09T20:30", "8.30pm")
    assert "12 h 00 min apart" in slip.message and slip.diagnosis.startswith("an am/pm slip")
    late = finding("2024-11-09T10:45", "10:45")
    assert "2 h 15 min apart" in late.message and late.diagnosis == "different times beyond the stated precision"


def test_years_are_counted_in_years_and_transposed_digits_are_named(normalised):
    topics = [{"key": "expiry", "kind": "date", "event": "Patent expiry"}]

    def finding(one: str, two: str):
        rows = {"a": [claim("a1", "expiry", one, quote=one)], "b": [claim("b1", "expiry", two, quote=two)]}
        (found,) = run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)
        return found

    years = finding("2036", "2063")
    assert years.message.endswith("27 year(s) apart") and "digits transposed" in years.diagnosis
    assert finding("2027", "2028").diagnosis == "different years beyond the stated precision"
    days = finding("2025-07-12", "2025-07-21")
    assert "the day's digits transposed" in days.diagnosis


def test_a_local_day_and_a_utc_time_of_the_same_moment_agree(normalised):
    """'On Monday 10 March' in Kourou (no time: a local day) and 01:24 UTC on 11 March are
    the same launch; a day two days off is not; two times exactly an hour apart name the
    time zone as the likely slip."""
    topics = [{"key": "launch", "kind": "date", "event": "Launch"}]

    def found(one: str, two: str) -> list:
        rows = {"a": [claim("a1", "launch", one, quote=one)], "b": [claim("b1", "launch", two, quote=two)]}
        return run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)

    assert found("2025-03-10", "2025-03-11T01:24Z") == []
    assert len(found("2025-03-09", "2025-03-11T01:24Z")) == 1
    (hour,) = found("2025-03-11T01:24Z", "2025-03-11T02:24Z")
    assert hour.diagnosis.startswith("a time-zone slip? the times are exactly 1 hour(s) apart")


def test_one_texts_history_of_a_schedule_is_no_conflict(normalised):
    """ "Pushed the opening back once, to September 2025 from the original date of December
    2024": two superseded schedules in one text are its history, not a conflict."""
    topics = [{"key": "opening", "kind": "date", "event": "Line 4 opening"}]
    quote = "pushed the opening back once, to September 2025 from the original date of December 2024"
    rows = {
        "a": [
            claim("sep", "opening", "2025-09", modality="superseded", quote=quote),
            claim("dec", "opening", "2024-12", modality="superseded", quote=quote),
        ]
    }
    assert run_rules(normalised(rows, topics=topics, entities=[]), date_conflict) == []


def test_a_local_time_on_another_day_than_a_local_day_is_a_warning(normalised):
    """ "At 6 p.m. on Tuesday, March 11" (a local time, no zone) and "lifted the order on
    March 12": on the local clock another day, a warning; the same day agrees, and so does
    a time written in UTC that falls on the 12th in some zone."""
    topics = [{"key": "lifted", "kind": "date", "event": "Evacuation order lifted"}]

    def found(one: str, two: str) -> list:
        rows = {"a": [claim("a1", "lifted", one, quote=one)], "b": [claim("b1", "lifted", two, quote=two)]}
        return run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)

    (finding,) = found("2025-03-11T18:00", "2025-03-12")
    assert finding.severity == "warning" and "another day on the local clock" in finding.diagnosis
    assert found("2025-03-11T18:00", "2025-03-11") == []
    assert found("2025-03-11T18:00Z", "2025-03-12") == []


def test_a_year_slip_in_a_date_with_its_time_is_named(normalised):
    topics = [{"key": "ignition", "kind": "date", "event": "Ignition"}]
    rows = {
        "a": [claim("a1", "ignition", "2024-08-09T14:38", quote="2024-08-09T14:38")],
        "b": [claim("b1", "ignition", "2025-08-09T14:38", quote="2025-08-09T14:38")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)
    assert "a year slip" in finding.diagnosis


def test_a_local_time_and_the_same_time_with_its_zone_agree(normalised):
    """'2:38 p.m.' tagged 14:38 in one source and 14:38-07:00 in another is one time on the
    local clock; 15:38-07:00 against 14:38 is an hour's slip."""
    topics = [{"key": "ignition", "kind": "date", "event": "Ignition"}]

    def found(zoned: str) -> list:
        rows = {
            "a": [claim("a1", "ignition", "2025-08-09T14:38", quote="2025-08-09T14:38")],
            "b": [claim("b1", "ignition", zoned, quote=zoned)],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)

    assert found("2025-08-09T14:38-07:00") == []
    (slip,) = found("2025-08-09T15:38-07:00")
    # An hour apart on the local clock, not the eight hours the zone makes of it in UTC; and
    # a whole hour is another zone's clock too, which the time without a zone may be on: a
    # note. Eleven minutes apart fits no zone (an error), nor do twelve hours (am and pm).
    assert "1 h 00 min apart on the local clock" in slip.message and "15:38-07:00" in slip.message
    assert slip.diagnosis.startswith("different times on the local clock") and slip.severity == "note"
    assert [finding.severity for finding in found("2025-08-09T14:49-07:00")] == ["error"]
    (am_pm,) = found("2025-08-09T02:38-07:00")
    assert am_pm.diagnosis.startswith("an am/pm slip") and am_pm.severity == "error"


def test_an_approximate_time_with_its_zone_meets_a_local_time_on_another_zones_clock(normalised):
    """ "About 9:40 p.m. (2040 GMT)" in the wire, "21:40" in a Hamburg release: an hour apart
    on the UTC clock, which the release's time without a zone is not on: a note, not an
    error."""
    topics = [{"key": "fire", "kind": "date", "event": "Fire breaks out"}]
    rows = {
        "wire": [claim("wire", "fire", "2025-03-11T20:40Z~", quote="2025-03-11T20:40Z~")],
        "release": [claim("release", "fire", "2025-03-11T21:40", quote="2025-03-11T21:40")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)
    assert finding.severity == "note" and "1 h 00 min apart" in finding.message


def test_a_local_time_meets_a_time_in_another_zone_on_a_clock_the_corpus_gives(normalised):
    """An Alberta paper's "4:30 p.m." (16:30, no zone) against "6:30 p.m. Eastern"
    (18:30-04:00): two hours apart on the Eastern clock, but the same instant on the
    mountain clock another text gives the event in (16:30-06:00). 17:30 fits no zone."""
    topics = [{"key": "order", "kind": "date", "event": "Evacuation order issued"}]

    def found(local: str) -> list:
        rows = {
            "paper": [claim("paper", "order", local, quote=local)],
            "wire": [claim("wire", "order", "2025-05-11T16:30-06:00", quote="2025-05-11T16:30-06:00")],
            "trade": [claim("trade", "order", "2025-05-11T18:30-04:00", quote="2025-05-11T18:30-04:00")],
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), date_conflict))

    assert found("2025-05-11T16:30") == []
    assert found("2025-05-11T17:30") == [("date-conflict", ("paper", "trade", "wire"))]  # the odd one out


def test_forecasts_of_a_date_compare_only_within_one_forecaster(normalised):
    """The regional agency expects relief "by Thursday", a private forecaster "not before
    Friday": two forecasts, no conflict; one forecaster's two dates conflict."""
    entities = [{"key": "agency", "label": "Regional agency"}, {"key": "private", "label": "Private forecaster"}]

    def found(second_forecaster: str) -> list:
        rows = {
            "a": [
                claim("thu", "court-ruling", "2025-01-16", modality="forecast", attributed_to="agency"),
                claim("fri", "court-ruling", "2025-01-17", modality="forecast", attributed_to=second_forecaster),
            ]
        }
        return ids(run_rules(normalised(rows, entities=entities), date_conflict))

    assert found("private") == []
    assert found("agency") == [("date-conflict", ("fri", "thu"))]


def test_two_times_a_day_apart_are_told_in_hours(normalised):
    """07:12 on the 19th against 07:12 on the 18th (a UTC date not rolled back): 24 h apart,
    not "at least 2 day(s)"."""
    rows = {
        "a": [claim("a1", "court-ruling", "2025-11-19T07:12", quote="at 07:12 on 19 November 2025")],
        "b": [claim("b1", "court-ruling", "2025-11-18T07:12", quote="at 07:12 on 18 November 2025")],
    }
    (finding,) = run_rules(normalised(rows), date_conflict)
    assert "24 h apart" in finding.message


def test_the_weekday_diagnosis_reads_a_time_with_its_zone_on_its_local_day(normalised):
    """ "07:12 on Wednesday 19 November" in Tokyo (22:12 UTC on the 18th) against a wire's
    UTC time a day later: the report's Wednesday fits its own date, read in its zone."""
    topics = [{"key": "quake", "kind": "date", "event": "Earthquake"}]
    rows = {
        "report": [claim("jst", "quake", "2025-11-19T07:12+09:00", quote="at 07:12 on 19 November 2025 (Wednesday)")],
        "wire": [claim("utc", "quake", "2025-11-19T22:12Z", quote="at 2212 GMT on 19 November 2025")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)
    assert "jst writes Wednesday, which fits its own date" in finding.diagnosis


def test_about_a_time_meets_the_times_within_a_quarter_of_an_hour(normalised):
    """ "About 10:40 a.m." against 10:38 agrees; against 11:38 it is an hour off."""
    topics = [{"key": "collapse", "kind": "date", "event": "Shaft collapse"}]

    def run(other: str):
        rows = {
            "a": [claim("a", "collapse", "2025-03-04T10:40~", quote="struck at about 10:40 a.m. on March 4")],
            "b": [claim("b", "collapse", other, quote=f"at {other[11:16]} on March 4")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)

    assert run("2025-03-04T10:38") == []
    (finding,) = run("2025-03-04T11:38")
    assert "58 min apart" in finding.message


def test_a_plan_a_later_text_gives_as_since_revised_is_no_conflict(normalised):
    """A preview gives the launch for 01:47 UTC on 15 October; the wire, after the scrub,
    gives the first schedule as superseded and the new one three days later: a revised
    schedule. Without the superseded row the two plans conflict, told in days and minutes."""
    topics = [{"key": "launch", "kind": "date", "event": "Launch"}]
    sources = [
        {"id": "preview", "file": "preview.txt", "published": "2025-09-29"},
        {"id": "wire", "file": "wire.txt", "published": "2025-10-15"},
    ]

    def found(with_superseded: bool) -> list:
        wire = [
            claim("new", "launch", "2025-10-18T01:52Z", quote="now set for 0152 GMT on 18 October", modality="plan")
        ]
        if with_superseded:
            wire.append(
                claim(
                    "old",
                    "launch",
                    "2025-10-15T01:47Z",
                    quote="first set for 0147 GMT on 15 October",
                    modality="superseded",
                )
            )
        rows = {
            "preview": [claim("p", "launch", "2025-10-15T01:47Z", quote="at 0147 GMT on 15 October", modality="plan")],
            "wire": wire,
        }
        return run_rules(normalised(rows, topics=topics, entities=[], sources=sources), date_conflict)

    assert found(with_superseded=True) == []
    (finding,) = found(with_superseded=False)
    assert "3 day(s) 5 min apart" in finding.message


def test_one_date_against_three_texts_that_agree_is_one_finding_on_it(normalised):
    """Three texts say the wage came in 2015; one says 1 January 2016: one finding, on that
    claim, with every claim it meets, diagnosed as a year slip."""
    topics = [{"key": "intro", "kind": "date", "event": "Minimum wage introduced"}]
    rows = {
        "a": [claim("a1", "intro", "2015", quote="introduced in 2015")],
        "b": [claim("b1", "intro", "2015", quote="since its introduction in 2015")],
        "c": [claim("c1", "intro", "2015", quote="in 2015")],
        "d": [claim("d1", "intro", "2016-01-01", quote="introduced on 1 January 2016")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)
    assert finding.subject == "d1" and finding.claim_ids == ("a1", "b1", "c1", "d1")
    assert finding.diagnosis.startswith("a year slip") and "odd one out" in finding.message


def test_a_schedule_given_as_current_after_its_revision_is_a_warning(normalised):
    """A November wire: the opening moved from spring 2025 to August 2025. A January
    release still gives spring 2025 as the plan: a warning on it. A text of the spring
    before the wire gave it right in its day."""
    topics = [{"key": "opening", "kind": "date", "event": "Opening"}]
    sources = [
        {"id": "early", "file": "early.txt", "published": "2024-03-01"},
        {"id": "wire", "file": "wire.txt", "published": "2024-11-20"},
        {"id": "release", "file": "release.txt", "published": "2025-01-28"},
    ]
    rows = {
        "early": [claim("e", "opening", "2025-21", quote="opening in spring 2025", modality="plan")],
        "wire": [
            claim("w", "opening", "2025-08", quote="now due in August 2025", modality="plan"),
            claim("w-old", "opening", "2025-21", quote="moved from spring 2025", modality="superseded"),
        ],
        "release": [claim("r", "opening", "2025-21", quote="opening in spring 2025", modality="plan")],
    }
    findings = run_rules(normalised(rows, topics=topics, entities=[], sources=sources), date_conflict)
    (stale,) = [f for f in findings if f.diagnosis.startswith("revised")]
    assert stale.subject == "r" and stale.severity == "warning" and stale.claim_ids == ("r", "w", "w-old")
    assert not any(f.subject == "e" for f in findings)
    # That warning is the one finding on the stale schedule, also from a text of the wire's
    # month: no error against the new schedule too.
    sources[2] = {"id": "release", "file": "release.txt", "published": "2024-12-05"}
    findings = run_rules(normalised(rows, topics=topics, entities=[], sources=sources), date_conflict)
    assert [(f.subject, f.severity) for f in findings if "r" in f.claim_ids] == [("r", "warning")]


def test_a_gap_in_days_counts_calendar_days(normalised):
    """Landfall on 17 September against 20:10 UTC on 18 September: at least a day apart,
    not two; 17 against 19 September: two days."""
    topics = [{"key": "landfall", "kind": "date", "event": "Landfall"}]

    def message(other: str, said: str) -> str:
        rows = {
            "a": [claim("a", "landfall", "2025-09-17", quote="on 17 September 2025")],
            "b": [claim("b", "landfall", other, quote=said)],
        }
        (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)
        return finding.message

    assert message("2025-09-19", "on 19 September 2025").endswith("at least 2 day(s) apart")
    assert message("2025-09-18T20:10Z", "at 2010 GMT on 18 September 2025").endswith("at least 1 day(s) apart")


def test_one_forecast_day_credited_to_two_bodies_is_a_warning(normalised):
    """The city projects Day Zero for 21 October; another text gives 21 October as the
    weather service's projection: one day, two bodies. Two bodies' different days are
    two forecasts (no finding), and one body's day in two texts is no misattribution."""
    topics = [{"key": "day-zero", "kind": "date", "event": "Day Zero"}]
    entities = [{"key": "city", "label": "the city"}, {"key": "weather", "label": "Weather Service"}]

    def found(second_day: str, second_body: str) -> list:
        rows = {
            "a": [claim("a1", "day-zero", "2025-10-21", modality="forecast", attributed_to="city")],
            "b": [claim("b1", "day-zero", second_day, modality="forecast", attributed_to=second_body)],
        }
        return run_rules(normalised(rows, topics=topics, entities=entities), date_conflict)

    (finding,) = found("2025-10-21", "weather")
    assert finding.severity == "warning" and finding.diagnosis.startswith("one date, two bodies")
    assert finding.claim_ids == ("a1", "b1")
    assert found("2025-11-04", "weather") == []
    assert found("2025-10-21", "city") == []


def test_a_date_with_an_open_side_conflicts_without_a_crash(normalised):
    """ "Before 2024" (`../2023-12-31`) against 14 March 2025: apart, and the gap is told
    without reading the open side."""
    topics = [{"key": "signing", "kind": "date", "event": "Signing"}]
    rows = {
        "a": [claim("a", "signing", "../2023-12-31", quote="before 31 December 2023")],
        "b": [claim("b", "signing", "2025-03-14", quote="on 14 March 2025")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), date_conflict)
    assert finding.severity == "error" and "apart" in finding.message
