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
    )
    found = ids(run_rules(result, *RULES))
    assert found == ([] if shift == 0 else [("date-weekday", ("a1",))])
