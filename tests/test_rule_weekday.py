import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.dates import WEEKDAYS
from checker.rules import RULES, weekday
from conftest import claim, ids, run_rules, scaled

TOPICS = [{"key": "signing", "kind": "date", "event": "Deal signed"}]


def test_a_wrong_weekday_is_an_error_naming_the_fitting_dates(normalised):
    result = normalised(
        {"a": [claim("a1", "signing", "2024-05-03", quote="signed on Thursday, 3 May 2024")]},
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, weekday)
    assert finding.claim_ids == ("a1",) and "Friday" in finding.message and "2024-05-02" in finding.message


def test_the_right_weekday_or_none_passes(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "signing", "2024-05-03", quote="signed on Friday, 3 May 2024"),
                claim("a2", "signing", "2024-05-03", quote="signed on May 3, 2024 (Friday)"),
                claim("a3", "signing", "2024-05-03", quote="signed on 3 May 2024"),
            ]
        },
        topics=TOPICS,
        entities=[],
    )
    assert run_rules(result, weekday) == []


def test_a_figure_for_the_same_day_a_year_earlier_keeps_this_years_weekday(normalised):
    """ "86,000 t by Saturday 13 December, 60 % more than the 53,800 t at the same point last
    year": the Saturday is 2025's; last year's figure, tagged 2024-12-13 (a Friday), is no
    weekday slip. Without "last year" it is one."""
    topics = [{"key": "receipts", "kind": "quantity", "unit": "t", "aggregation": "cumulative"}]

    def found(quote: str) -> list:
        rows = {"a": [claim("prev", "receipts", "53,800 t", period="2024-12-13", quote=quote)]}
        return run_rules(normalised(rows, topics=topics, entities=[]), weekday)

    said = "86,000 t by Saturday 13 December, 60 % more than the 53,800 t at the same point"
    assert found(f"{said} last year") == []
    assert len(found(said)) == 1


def test_a_wrong_weekday_in_a_sources_own_language_is_an_error(normalised):
    """A Dutch, Italian or Portuguese text's weekday is read as an English one is."""
    result = normalised(
        {
            "a": [
                claim("nl", "signing", "2025-07-14", quote="Op dinsdag 14 juli 2025 brak de dijk"),
                claim("it", "signing", "2025-06-10", quote="martedì 10 giugno 2025"),
                claim("pt", "signing", "2025-11-17", quote="na segunda-feira, 17 de novembro de 2025"),
            ]
        },
        topics=TOPICS,
        entities=[],
    )
    (finding,) = run_rules(result, weekday)
    assert finding.claim_ids == ("nl",) and "Monday" in finding.message


@settings(max_examples=scaled(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.integers(0, 6),
    st.sampled_from(
        ["{weekday}, {day} {month} {year}", "{weekday} {month} {day}, {year}", "{day} {month} {year} ({weekday})"]
    ),
)
def test_restating_a_date_with_its_weekday(normalised, date, shift, form):
    """The right weekday creates no finding, from any rule; a wrong one creates exactly one."""
    stated = (date.weekday() + shift) % 7
    quote = (
        "It happened on "
        + form.format(weekday=WEEKDAYS[stated], day=date.day, month=date.strftime("%B"), year=date.year)
        + "."
    )
    result = normalised(
        {
            "a": [claim("a1", "signing", date.isoformat(), quote=quote)],
            "b": [claim("b1", "signing", date.isoformat(), quote=f"on {date.day} {date.strftime('%B')} {date.year}")],
        },
        topics=TOPICS,
        entities=[],
        # Texts published after every date drawn: no date lies in their future.
        sources=[{"id": source, "file": f"{source}.txt", "published": "2101-01-01"} for source in ("a", "b")],
    )
    found = ids(run_rules(result, *RULES))
    assert found == ([] if shift == 0 else [("date-weekday", ("a1",))])


def test_a_weekday_beside_a_periods_last_or_first_day_is_checked(normalised):
    """'In the week to Saturday, March 9' with the week 3-9 March 2025 (9 March was a
    Sunday): the weekday fits no day of the period it names."""
    topics = [{"key": "cases", "kind": "count", "unit": "person", "aggregation": "flow"}]

    def findings(quote: str, period: str):
        rows = {"a": [claim("w", "cases", "1,250 person", period=period, quote=quote)]}
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), weekday))

    assert findings("1,250 cases in the week to Saturday, March 9", "2025-03-03/2025-03-09") == [
        ("date-weekday", ("w",))
    ]
    assert findings("1,250 cases in the week to Sunday, March 9", "2025-03-03/2025-03-09") == []
    assert findings("1,250 cases from Monday, March 3", "2025-03-03/2025-03-09") == []
    # A weekday in brackets, and a period with a time of day.
    assert findings("1,250 cases on Saturday (March 13)", "2025-03-13") == [("date-weekday", ("w",))]
    assert findings("1,250 cases by Thursday, March 13, 18:00", "2025-03-13T18:00") == []
    assert findings("1,250 cases by Friday, March 13, 18:00", "2025-03-13T18:00") == [("date-weekday", ("w",))]


def test_claims_of_one_sentence_sharing_a_wrong_weekday_are_one_finding(normalised):
    quote = "On Wednesday, September 25, 2025, the bank cut its rate to 22 % and its deposit rate to 21 %"
    result = normalised(
        {
            "a": [
                claim("cut", "court-ruling", "2025-09-25", quote=quote),
                claim("other", "listing", "2025-09-25", quote=quote),
            ]
        }
    )
    (finding,) = run_rules(result, weekday)
    assert finding.claim_ids == ("cut", "other") and finding.message.startswith("cut, other write Wednesday")


def test_a_weekday_beside_a_date_with_its_time_of_day_is_checked(normalised):
    """'Saturday, August 9, 2024, 2:38 p.m.': 9 August 2024 was a Friday, time of day or not."""
    topics = [{"key": "ignition", "kind": "date", "event": "Ignition"}]
    rows = {"a": [claim("i", "ignition", "2024-08-09T14:38", quote="on Saturday, August 9, 2024, 2:38 p.m.")]}
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), weekday)
    assert "Saturday for 2024-08-09, a Friday" in finding.message
    fitting = {"a": [claim("i", "ignition", "2025-08-09T14:38", quote="on Saturday, August 9, 2025, 2:38 p.m.")]}
    assert run_rules(normalised(fitting, topics=topics, entities=[]), weekday) == []


def test_a_weekday_beside_a_time_with_its_offset_is_read_on_its_local_day(normalised):
    """ "6:15 p.m. Eastern time on Sunday, Oct. 18", tagged 2025-10-18T18:15-04:00: 22:15 in
    UTC, but the 18th in the zone written, and 18 October 2025 was a Saturday. Late in the
    evening west of UTC the UTC day is the next one: "11:30 p.m. on Saturday, Oct. 18"
    (03:30 UTC on the 19th) fits."""
    topics = [{"key": "closing", "kind": "date", "event": "Bank closed"}]

    def found(value: str, quote: str) -> list:
        rows = {"a": [claim("c", "closing", value, quote=quote)]}
        return run_rules(normalised(rows, topics=topics, entities=[]), weekday)

    (finding,) = found("2025-10-18T18:15-04:00", "at 6:15 p.m. Eastern time on Sunday, Oct. 18, 2025")
    assert "Sunday for 2025-10-18, a Saturday" in finding.message
    assert found("2025-10-18T23:30-04:00", "at 11:30 p.m. Eastern time on Saturday, Oct. 18, 2025") == []
