import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.dates import fiscal_interval, interval_label, parse_date, parse_periods
from checker.errors import ParseError
from conftest import scaled


def test_month_contains_its_days():
    month = parse_date("2024-03")
    day = parse_date("2024-03-22")
    assert month.contains(day) and not day.contains(month)
    assert parse_date("2024").contains(month)


def test_intervals_and_open_ends():
    span = parse_date("2024/2025")
    assert span.start == dt.date(2024, 1, 1).toordinal() and span.end == dt.date(2026, 1, 1).toordinal()
    open_end = parse_date("2025-04-17/..")
    assert open_end.end == float("inf")
    assert parse_date("../2022-09-28").start == float("-inf")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("2024-02-30", "February 2024 has no day 30"),
        ("March 2024", "write '2024-03'"),
        ("22 March 2024", "write '2024-03-22'"),
        ("2024-2025", "write '2024/2025'"),
        ("yesterday", "not a valid date"),
        ("", "empty"),
        # A split year (fiscal or marketing) is not two calendar years, nor EDTF's season 25.
        ("2024/25", "split year.*'2024-07/2025-06'"),
        ("MY2024/25", "split year"),
        ("2024-25", "not read as EDTF's season 25.*split year"),
        ("FY2025", "fiscal year.*'2024-10/2025-09'"),
        ("2025-05-1X", "unspecified digits"),
    ],
)
def test_bad_dates_raise_parse_error_with_a_hint(text, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse_date(text)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9998, 12, 31)))
def test_finer_precision_nests_in_coarser(day):
    as_day = parse_date(day.isoformat())
    as_month = parse_date(f"{day.year:04d}-{day.month:02d}")
    as_year = parse_date(f"{day.year:04d}")
    assert as_year.contains(as_month) and as_month.contains(as_day)
    assert interval_label(as_day.start, as_day.end) == day.isoformat()


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_parse_error(text):
    try:
        parse_date(text)
    except ParseError:
        pass


SIDES = st.one_of(
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
    st.tuples(st.integers(1, 9999), st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
    st.tuples(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    ),
)
PLAIN = st.one_of(
    SIDES, st.tuples(SIDES, SIDES).map("/".join), SIDES.map(lambda s: f"{s}/.."), SIDES.map(lambda s: f"../{s}")
)


@settings(max_examples=scaled(300), deadline=None)
@given(PLAIN)
def test_fast_calendar_path_agrees_with_edtf(text):
    """Plain calendar dates are read on whole columns; edtf reads the rest. Same answers."""
    from checker.dates import _parse_edtf, parse_dates

    try:
        expected = _parse_edtf(text)
    except ParseError:
        expected = None
    table, errors = parse_dates(pd.Series([text]))
    if expected is None:
        assert text in errors
    else:
        row = table.iloc[0]
        assert (row["start"], row["end"]) == (expected.start, expected.end)
        assert row["precision"] == expected.precision or (row["precision"] == "interval")


@pytest.mark.parametrize(
    "text",
    ["~2025-05-03T09:40", "2025-05-03T09:40?/2025-05-04", "2025-05-03T9:40:00:00"],  # T09:40~ is about 09:40
)
def test_a_time_of_day_written_otherwise_is_a_parse_error_not_a_crash(text):
    with pytest.raises(ParseError, match="not a valid date"):
        parse_date(text)


QUALIFIED_YEARS = st.one_of(
    st.tuples(st.integers(0, 9999), st.sampled_from("~?%")).map(lambda t: f"{t[0]:04d}{t[1]}"),
    st.tuples(st.integers(0, 999), st.integers(1, 3)).map(lambda t: f"{t[0]:04d}"[: 4 - t[1]] + "X" * t[1]),
)


@settings(max_examples=scaled(300), deadline=None)
@given(QUALIFIED_YEARS)
def test_qualified_and_unspecified_years_read_as_edtf_reads_them(text):
    """ "2000~", "2000%", "199X" are read without edtf's grammar: the same bounds, the same
    precision and the same refusals (a year padded out of the calendar) as edtf gives."""
    from checker.dates import _parse_edtf_uncached

    try:
        expected = _parse_edtf_uncached(text)
    except ParseError as error:
        with pytest.raises(ParseError, match="outside the calendar"):
            parse_date(text)
        assert "outside the calendar" in str(error)
        return
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("1402 SH", dt.date(2023, 3, 21), dt.date(2024, 3, 19)),
        ("1403-01 SH", dt.date(2024, 3, 20), dt.date(2024, 4, 19)),
        ("1403-12-30 SH", dt.date(2025, 3, 20), dt.date(2025, 3, 20)),
        ("1401/1403 SH", dt.date(2022, 3, 21), dt.date(2025, 3, 20)),
    ],
)
def test_solar_hijri_years_months_and_days(text, first, last):
    interval = parse_date(text)
    assert (interval.start, interval.end) == (first.toordinal(), last.toordinal() + 1)


def test_times_of_day_are_fractions_of_a_day():
    morning, evening = parse_date("2024-05-02T10:00"), parse_date("2024-05-02T18:00")
    day = parse_date("2024-05-02")
    assert day.contains(morning) and morning.end <= evening.start
    assert parse_date("2024-05-02T14:00+04:30").start == parse_date("2024-05-02T09:30").start
    assert interval_label(morning.start, morning.end) == "2024-05-02T10:00"


def test_the_last_side_of_an_interval_is_its_as_of_time():
    assert parse_date("2022-07/2024-05-02").last_start == dt.date(2024, 5, 2).toordinal()
    assert parse_date("2024-05").last_start == dt.date(2024, 5, 1).toordinal()
    assert parse_date("2004~/2006").last_start == dt.date(2006, 1, 1).toordinal()


@pytest.mark.parametrize(
    "text", ["1403-13 SH", "1403-01-32 SH", "2024-02-30T10:00", "2024-05-02T25:00", "1402 SH/1401 SH"]
)
def test_bad_calendar_dates_raise_parse_error(text):
    with pytest.raises(ParseError):
        parse_date(text)


@pytest.mark.parametrize(
    "text, same_as",
    [
        ("Q1 2025", "2025-01/2025-03"),
        ("2025-Q3", "2025-07/2025-09"),
        ("H1 2025", "2025-01/2025-06"),
        ("h2 2024", "2024-07/2024-12"),
        ("summer 2024", "2024-22"),
        ("Spring 2025", "2025-21"),
        ("fall 2023", "2023-23"),
    ],
)
def test_quarters_and_halves_as_reports_write_them(text, same_as):
    interval, expected = parse_date(text), parse_date(same_as)
    assert (interval.start, interval.end) == (expected.start, expected.end)


@pytest.mark.parametrize(
    "text, year_start, first, last",
    [
        # Split years begin in their first year, in the topic's first month.
        ("2024-25", 4, "2024-04-01", "2025-03-31"),
        ("2024/25", 7, "2024-07-01", "2025-06-30"),
        ("2023–24", 10, "2023-10-01", "2024-09-30"),
        ("FY2024-25", 4, "2024-04-01", "2025-03-31"),
        ("FY 2024/2025", 4, "2024-04-01", "2025-03-31"),
        ("MY 2024/25", 6, "2024-06-01", "2025-05-31"),
        ("FY24/25", 7, "2024-07-01", "2025-06-30"),
        ("2099/00", 4, "2099-04-01", "2100-03-31"),
        # A fiscal year named by one year ends in it; from January it is that calendar year.
        ("FY2025", 10, "2024-10-01", "2025-09-30"),
        ("FY25", 7, "2024-07-01", "2025-06-30"),
        ("FY'25", 4, "2024-04-01", "2025-03-31"),
        ("fiscal 2025", 10, "2024-10-01", "2025-09-30"),
        ("Fiscal Year 2025", 10, "2024-10-01", "2025-09-30"),
        ("financial year 2025", 4, "2024-04-01", "2025-03-31"),
        ("FY2025", 1, "2025-01-01", "2025-12-31"),
        # Quarters and halves of a fiscal year, before or after it.
        ("Q1 FY25", 10, "2024-10-01", "2024-12-31"),
        ("FY2025 Q3", 10, "2025-04-01", "2025-06-30"),
        ("Q4 2024-25", 4, "2025-01-01", "2025-03-31"),
        ("H2 2023/24", 10, "2024-04-01", "2024-09-30"),
        ("H1 FY2026", 7, "2025-07-01", "2025-12-31"),
        # From one fiscal year to another: over fiscal years 2026 to 2030.
        ("FY2026/FY2030", 10, "2025-10-01", "2030-09-30"),
        ("fiscal 2026/fiscal 2027", 4, "2025-04-01", "2027-03-31"),
    ],
)
def test_fiscal_years_read_by_their_first_month(text, year_start, first, last):
    interval = fiscal_interval(text, year_start)
    assert interval is not None
    assert (
        dt.date.fromordinal(int(interval.start)).isoformat(),
        dt.date.fromordinal(int(interval.end) - 1).isoformat(),
    ) == (
        first,
        last,
    )


@pytest.mark.parametrize(
    "text",
    # Calendar times, whatever the topic's fiscal year: a year, a calendar quarter, two whole
    # years, a month (2011-12 is December 2011), a day.
    ["2025", "Q1 2025", "2024/2025", "2011-12", "2024-03", "2024-03-22", "last year", ""],
)
def test_calendar_times_are_no_fiscal_years(text):
    assert fiscal_interval(text, 4) is None


@pytest.mark.parametrize(
    "text, year_start, fragment",
    [
        ("FY2024-26", 4, "second year follows the first"),
        ("2024/25", 1, "begin in January"),
        ("Q1 FY25 Q2", 4, "two parts"),
        ("H3 FY25", 4, "two halves"),
        ("FY2030/FY2026", 10, "ends before it starts"),
    ],
)
def test_a_fiscal_year_named_wrongly_is_a_parse_error(text, year_start, fragment):
    with pytest.raises(ParseError, match=fragment):
        fiscal_interval(text, year_start)


@settings(max_examples=scaled(200), deadline=None)
@given(st.integers(1990, 2090), st.integers(2, 12))
def test_a_split_year_is_the_fiscal_year_ending_in_its_second_and_its_quarters_tile_it(year, year_start):
    split = fiscal_interval(f"{year}/{(year + 1) % 100:02d}", year_start)
    named = fiscal_interval(f"FY{year + 1}", year_start)
    assert split is not None and named is not None and (split.start, split.end) == (named.start, named.end)
    quarters = [fiscal_interval(f"Q{quarter} FY{year + 1}", year_start) for quarter in (1, 2, 3, 4)]
    assert quarters[0].start == split.start and quarters[-1].end == split.end
    assert all(earlier.end == later.start for earlier, later in zip(quarters, quarters[1:]))


@settings(max_examples=scaled(300), deadline=None)
@given(st.text(max_size=24), st.integers(1, 12))
def test_any_text_is_a_fiscal_year_or_not_or_a_parse_error(text, year_start):
    try:
        interval = fiscal_interval(text, year_start)
    except ParseError:
        return
    assert interval is None or interval.start < interval.end


def test_periods_read_fiscal_years_only_under_a_topic_with_a_first_month():
    # "2023-24" is EDTF's winter 2023 too: a split year under a topic of fiscal years, the
    # season under any other.
    values = pd.Series(["2024-25", "2024-25", "FY2025", "2025", "FY2024-26", "2023-24", "2023-24", "2011-12"])
    parsed, errors = parse_periods(values, [4.0, float("nan"), 10.0, 4.0, 4.0, 7.0, float("nan"), 7.0])
    starts = [dt.date.fromordinal(int(day)).isoformat() if day == day else None for day in parsed["start"]]
    assert starts == ["2024-04-01", None, "2024-10-01", "2025-01-01", None, "2023-07-01", "2023-12-01", "2011-12-01"]
    assert sorted(errors.index) == [1, 4]
    assert "year_start" in errors[1] and "second year follows" in errors[4]


@pytest.mark.parametrize(
    "text, start, end, first_end",
    [
        # "Since the second half of 2023", "since Q4 2023": an interval from a division of a
        # year, which certainly covers only the days after that division's last.
        ("2023-41/2025-09-12", "2023-07-01", "2025-09-12", "2023-12-31"),
        ("Q4 2023/2025-09-12", "2023-10-01", "2025-09-12", "2023-12-31"),
        ("H1 2024/..", "2024-01-01", None, "2024-06-30"),
        ("2023-12/2024-41", "2023-12-01", "2024-12-31", "2023-12-31"),
    ],
)
def test_a_quarter_or_half_of_a_year_may_be_a_side_of_an_interval(text, start, end, first_end):
    interval = parse_date(text)

    def day(number: float) -> str | None:
        return dt.date.fromordinal(int(number)).isoformat() if number != float("inf") else None

    assert (day(interval.start), day(interval.end - 1) if end else day(interval.end)) == (start, end)
    assert day(interval.first_end - 1) == first_end and interval.precision == "interval"


def test_about_a_time_of_day_is_a_quarter_of_an_hour_either_side():
    """ "At about 10:40 a.m.": 10:40~, from 10:25 to the end of 10:55."""
    about, exact = parse_date("2025-03-04T10:40~"), parse_date("2025-03-04T10:40")
    assert about.precision == "approximate time"
    assert about.start == pytest.approx(exact.start - 15 / 1440) and about.end == pytest.approx(exact.end + 15 / 1440)
    with pytest.raises(ParseError, match="T09:40~"):
        parse_date("~2025-03-04T10:40")
