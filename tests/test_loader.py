"""The loader and validation: every problem in one run, located as FILE:LINE: column."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import quantities
from checker.corpus import load_corpus
from checker.normalise import normalise
from checker.quotes import digits_missing
from conftest import DEFAULT_TOPICS, claim

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def problems_of(root):
    return [str(problem) for problem in normalise(load_corpus(root)).problems]


def test_broken_fixture_lists_every_problem_with_file_and_line():
    found = problems_of(BROKEN)
    expected_prefixes = [
        "claims/tagged/alpha.csv:3: value: 12.24 does not appear in the quote",
        "claims/tagged/alpha.csv:5: value: unknown unit 'furlongz' (did you mean 'furlong'",
        "claims/tagged/alpha.csv:6: value: '2025-04-31' is not a valid date (April 2025 has no day 31)",
        "claims/tagged/alpha.csv:7: topic: unknown topic 'cattle-count'",
        "claims/tagged/alpha.csv:8: id: duplicate id 'a1' (first at claims/tagged/alpha.csv:2)",
        "claims/tagged/alpha.csv:9: value: missing value",
        "claims/tagged/alpha.csv:10: quote: not found in seeds/alpha.txt; closest passage at line 1",
        "claims/tagged/alpha.csv:11: cites: unknown source 'zeta'",
        "claims/tagged/alpha.csv:12: value: no number in 'lots'",
        "claims/tagged/alpha.csv:13: period: 'March 2024' is not a valid date (write '2024-03')",
    ]
    assert len(found) == len(expected_prefixes)
    for line, prefix in zip(found, expected_prefixes):
        assert line.startswith(prefix), (line, prefix)


def test_fuzzy_topic_resolves_without_an_error():
    result = normalise(load_corpus(BROKEN))
    row = result.claims.set_index("id").loc["a3"]
    assert row["topic"] == "bilateral-trade" and row["topic_match"] == "fuzzy"


def test_values_are_normalised_per_claim(normalised):
    result = normalised(
        {
            "alpha": [
                claim("c1", "trade", "US$1 billion", period="2024"),
                claim("c2", "bilateral trade", "USD 12.42 billion", period="2024"),
                claim("c3", "court-ruling", "2025-04-17", quote="The court ruled on 17 April 2025."),
                claim("c4", "recognition", "Recognised", period="2025-07"),
            ]
        }
    )
    assert result.problems == []
    claims = result.claims.set_index("id")
    assert claims.loc["c2", "topic"] == "trade" and claims.loc["c2", "topic_match"] == "alias"
    assert claims.loc["c1", "low"] == 0.95e9 and claims.loc["c1", "high"] == 1.05e9
    assert claims.loc["c1", "dimension"] == "[currency_USD]"
    assert claims.loc["c3", "date_end"] - claims.loc["c3", "date_start"] == 1
    assert claims.loc["c4", "state"] == "recognised"
    assert claims.loc["c1", "line"] == 2 and claims.loc["c4", "line"] == 5
    assert claims.loc["c1", "file"] == "claims/tagged/alpha.csv"


def test_line_numbers_count_line_breaks_inside_cells(normalised):
    result = normalised(
        {
            "alpha": [
                claim("c1", "trade", "US$1 billion", period="2024", note="first line\nsecond line"),
                claim("c2", "trade", "US$2 billion", period="2023"),
            ]
        }
    )
    assert result.claims.set_index("id").loc["c2", "line"] == 4


def test_quote_found_despite_typographic_quotes_and_line_breaks(normalised):
    text = "Putin called them \u2018allies in countering\nterrorism\u2019 in 2024.\n"
    result = normalised(
        {"alpha": [claim("c1", "court-ruling", "2024", quote="'allies in countering terrorism' in 2024")]},
        texts={"alpha": text},
    )
    assert result.problems == []


def test_status_must_be_one_of_the_topic_states(normalised):
    result = normalised({"alpha": [claim("c1", "recognition", "recognized", period="2025")]})
    assert [p.column for p in result.problems] == ["value"]
    assert "did you mean 'recognised'" in result.problems[0].message


def test_period_defaults_to_publication_date(normalised):
    result = normalised({"alpha": [claim("c1", "trade", "US$1 billion")]})
    row = result.claims.iloc[0]
    published = result.sources.set_index("id").loc["alpha", "published_start"]
    assert row["period_start"] == published and row["period_end"] - row["period_start"] == 1


def test_inferred_values_skip_the_digit_check_but_need_a_note(normalised):
    result = normalised(
        {
            "alpha": [
                claim(
                    "c1", "trade", "US$40 million", period="2023", inferred="yes", quote="half as much the year before"
                ),
            ]
        }
    )
    assert [(p.column, p.message) for p in result.problems] == [
        ("note", "an inferred value needs a note saying how it was read")
    ]


def test_unknown_entity_gets_suggestions(normalised):
    result = normalised(
        {"alpha": [claim("c1", "trade", "US$1 billion", period="2024", attributed_to="Ministry of Comerce")]}
    )
    assert result.problems == []  # a fuzzy match above the threshold resolves
    result = normalised(
        {"alpha": [claim("c1", "trade", "US$1 billion", period="2024", attributed_to="Finance office")]}
    )
    assert [p.column for p in result.problems] == ["attributed_to"]


def test_claims_file_must_name_a_source(corpus_dir):
    root = corpus_dir({"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    (root / "claims" / "tagged" / "alpha.csv").rename(root / "claims" / "tagged" / "beta.csv")
    problems = problems_of(root)
    assert any(p.startswith("claims/tagged/beta.csv:0: -: no source 'beta'") for p in problems)


def test_the_loader_never_modifies_claims_files(corpus_dir):
    root = corpus_dir({"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    before = {path: path.read_bytes() for path in (root / "claims").rglob("*.csv")}
    normalise(load_corpus(root))
    assert {path: path.read_bytes() for path in (root / "claims").rglob("*.csv")} == before


def test_a_row_one_field_short_is_reported_like_one_field_too_many(tmp_path):
    from checker.schema import CLAIMS
    from conftest import build_corpus, claim

    root = build_corpus(tmp_path / "corpus", {"alpha": [claim("c1", "trade", "US$1 billion", period="2024")]})
    header = ",".join(CLAIMS.names)
    (root / "claims" / "tagged" / "alpha.csv").write_text(
        header
        + '\nc1,trade,US$1 billion,2024,,,,,,,,,,"c1 says US$1 billion."\n'  # the quote's column, one comma short
        + 'c2,trade,US$2 billion,"c2, says US$2 billion.",2024,,,,,,,,,,\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in normalise(load_corpus(root)).problems]
    assert any(p.startswith("claims/tagged/alpha.csv:2: -: 14 fields where the header has 15") for p in problems), (
        problems
    )
    assert not any(p.startswith("claims/tagged/alpha.csv:3: -:") for p in problems)


def test_data_entry_hints():
    from checker.dates import parse_date
    from checker.errors import ParseError
    from checker.quantities import parse_quantity

    with pytest.raises(ParseError, match="write '2024-03-22'"):
        parse_date("22/03/2024")
    with pytest.raises(ParseError, match=r"did you mean 't'\?"):
        parse_quantity("5 tonns")


def test_relations_read_their_dates_and_report_each_bad_one_on_its_line(normalised):
    result = normalised(
        {
            "alpha": [
                claim("c1", "trade", "US$2 billion", period="2024", relation="x2", relative_to="2023"),
                claim("c2", "trade", "US$3 billion", period="2024", relation="+16%", relative_to="2023-13"),
                claim("c3", "trade", "US$4 billion", period="2024", relation="increase", relative_to="not a date"),
            ]
        }
    )
    problems = [str(problem) for problem in result.problems]
    assert [p.split(": ")[0:2] for p in problems if ": relative_to:" in p] == [
        ["claims/tagged/alpha.csv:3", "relative_to"],
        ["claims/tagged/alpha.csv:4", "relative_to"],
    ], problems
    assert any("'not a date' is not a valid date" in p for p in problems), problems
    first = result.claims.set_index("id").loc["c1"]
    assert first["relation_kind"] == "ratio" and first["relative_end"] - first["relative_start"] == 365


@given(st.lists(st.sampled_from(["a", "b", "c", ""]), max_size=12))
def test_every_repeat_of_an_id_is_reported_against_its_first(ids):
    import pandas as pd

    from checker.references import unique_ids

    frame = pd.DataFrame({"id": pd.Series(ids, dtype="str"), "file": "f.csv", "line": range(2, len(ids) + 2)})
    problems = []
    unique_ids(frame, "id", problems)
    expected = [
        f"f.csv:{line}: id: duplicate id '{key}' (first at f.csv:{ids.index(key) + 2})"
        for line, key in enumerate(ids, start=2)
        if key and ids.index(key) + 2 != line
    ]
    assert [str(problem) for problem in problems] == expected


@pytest.mark.parametrize(
    "value, quote",
    [
        ("2024-21", "a rapprochement that began in spring 2024"),
        ("2024-23", "talks resumed in the fall of 2024"),
        ("2024-23", "talks resumed in autumn 2024"),
        ("2024-35", "exports in the third quarter of 2024"),
        ("2024-35", "exports in Q3 2024"),
        ("2024-40", "in the first half of 2024"),
        ("2024-41", "in H2 2024"),
        # A quarter by its last month, as Australian and company copy names it.
        ("2027-36", "first production targeted for the December quarter of 2027"),
        ("2025-35", "in the quarter to September 2025"),
        ("2027-36", "in the final quarter of 2027"),
    ],
)
def test_seasons_quarters_and_halves_are_read_in_words(value, quote):
    assert digits_missing(value, quote, "date") is None


@pytest.mark.parametrize(
    "value, quote, message",
    [
        ("2024-21", "talks began in 2024", "the season 'spring' (21) does not appear in the quote"),
        ("2024-22", "talks began in spring 2024", "the season 'summer' (22)"),
        ("2024-36", "exports in Q3 2024", "the fourth quarter (Q4, 36)"),
        ("2024-35", "in the December quarter of 2024", "the third quarter (Q3, 35)"),
        ("2024-40", "in the second half of 2024", "the first half (40)"),
        ("2025-21", "began in spring 2024", "year 2025"),
    ],
)
def test_a_season_or_quarter_the_quote_does_not_state_is_named(value, quote, message):
    assert message in (digits_missing(value, quote, "date") or "")


def test_a_date_part_missing_from_the_quote_points_to_inferred():
    message = digits_missing("2024-03-14", "on Thursday 14 March", "date")
    assert message == (
        "year 2024 does not appear in the quote; mark the claim inferred=yes with a note if it is read from context"
    )


def test_money_ratios_and_flows_may_be_negative_a_level_may_not(corpus_dir):
    topics = [
        *DEFAULT_TOPICS,
        {"key": "balance", "kind": "quantity", "unit": "%"},
        {"key": "reserves", "kind": "quantity", "unit": "t", "aggregation": "stock"},
        {"key": "jobs", "kind": "count", "unit": "person", "aggregation": "flow", "label": "net change in jobs"},
        {"key": "workforce", "kind": "count", "unit": "person"},
    ]
    root = corpus_dir(
        {
            "alpha": [
                claim("loss", "trade", "-€30m", period="2024", quote="a net loss of -€30m"),
                claim("balance", "balance", "-3.4 %", period="2024", quote="a balance of -3.4%"),
                claim("mass", "reserves", "-5 t", period="2024", quote="-5 t"),
                claim("net", "jobs", "-12,700 person", period="2025-02", quote="fell by 12,700"),
                claim("drawn", "lpg-contract", "-5 t", period="2024", quote="-5 t"),  # a flow: a mass by default
                claim("staff", "workforce", "-40 person", period="2024", quote="-40 staff"),  # a head count: a level
            ]
        },
        topics=topics,
    )
    said = {(problem.line, problem.message.split(" (")[0]) for problem in normalise(load_corpus(root)).problems}
    assert (4, "a negative amount makes no sense here") in said
    assert (7, "a negative amount makes no sense here") in said
    assert not any(line in (2, 3, 5, 6) and "negative" in message for line, message in said)


@pytest.mark.parametrize(
    "value, quote",
    [
        ("2025-05-16", "встреча 16 мая 2025 года"),  # Russian month names, any case
        ("2025-08-19", "во вторник, 19 августа 2025 года"),
        ("1404-02-25 SH", "۲۵ ثور ۱۴۰۴"),  # a Solar Hijri month by its Dari name
        ("1404-02-25 SH", "۲۵ اردیبهشت ۱۴۰۴"),  # by its Iranian name
        ("1404-04-12 SH", "on 12 Saratan 1404"),  # transliterated
        ("2025-05-16", "signed on 16.05.2025"),  # in digits
    ],
)
def test_dates_in_russian_dari_persian_and_digits_are_read(value, quote):
    assert digits_missing(value, quote, "date") is None


def test_a_month_the_quote_names_otherwise_is_still_missing():
    assert digits_missing("2025-06-16", "встреча 16 мая 2025 года", "date").startswith("month 06")
    assert digits_missing("1404-03-25 SH", "۲۵ ثور ۱۴۰۴", "date").startswith("month 03")


@pytest.mark.parametrize(
    "value, quote, stated",
    [
        ("US$1.12 million", "the plant cost US$1.12 billion", "1.12 billion"),
        ("580 million t", "exports of 580 thousand tonnes", "580 thousand"),
        ("5 million person", "five thousand people fled", "5 thousand"),
    ],
)
def test_a_value_whose_number_the_quote_gives_under_another_scale_is_an_error(value, quote, stated):
    message = digits_missing(value, quote, "quantity") or ""
    assert f"which states {stated}" in message


@pytest.mark.parametrize(
    "value, quote",
    [
        ("580,000 t", "exports of 580 thousand tonnes"),
        ("2.1 million t", "2.1 Mt of wheat"),  # the unit carries the scale
        ("US$1 billion", "$1bn in trade"),
        ("1.5 million t", "1,500 thousand tonnes"),
        ("US$170 million", "US$170m"),
        ("1 billion USD", "from US$170 million in 2022 to US$1 billion in 2024"),
        ("7 billion 315 million USD", "7 billion 315 million dollars"),
    ],
)
def test_a_scale_written_another_way_passes(value, quote):
    assert digits_missing(value, quote, "quantity") is None


def test_the_digit_checks_shortcut_does_not_pass_a_number_under_another_scale(normalised):
    """The shortcut (the value's number stands in the quote) would pass 'US$1.12 million'
    against a quote of 'US$1.12 billion'; with a scale word it needs number and word."""
    result = normalised(
        {"alpha": [claim("c1", "trade", "US$1.12 million", period="2024", quote="trade reached US$1.12 billion")]}
    )
    (problem,) = [str(problem) for problem in result.problems]
    assert "value: 1.12 million does not appear in the quote, which states 1.12 billion" in problem


def test_a_scaled_number_with_thousands_points_in_spanish_copy_is_its_own_scale():
    """ "1.345 millones" in a Spanish text is 1,345 million, as a value of "€1.345 million"
    in that text says (its number was read through the decimal comma a second time, as
    1.345, and refused); "€1.345 billion" against it is another scale and is refused."""
    assert digits_missing("€1.345 million", "de 1.345 millones de euros", "quantity", ",") is None
    assert "which states" in (digits_missing("€1.345 billion", "de 1.345 millones de euros", "quantity", ",") or "")


@pytest.mark.parametrize(
    ("value", "quote", "decimal", "missing"),
    [
        # A number the quote states only under a scale word: the value left it out.
        ("212 ha", "212 mil hectares", ",", "which states 212 thousand"),
        ("770 person", "770 million people were affected", ".", "which states 770 million"),
        ("212 thousand ha", "212 mil hectares", ",", None),
        ("212000 ha", "212 mil hectares", ",", None),
        ("5 person", "5 of the 5 million people", ".", None),  # stated bare too
        # "Mil milhões", a thousand million; spans of time in German; seasons abroad.
        ("~4.7 billion CVE", "cerca de 4,7 mil milhões de escudos", ",", None),
        ("~4.7 million CVE", "cerca de 4,7 mil milhões de escudos", ",", "which states 4.7 billion"),
        ("MXN 41,200 million", "un costo de 41 mil 200 millones de pesos", ".", None),
        ("MXN 1,270 million", "otros mil 270 millones de pesos", ".", None),
        ("MXN 41,200", "un costo de 41 mil 200 millones de pesos", ".", "41,200 does not appear"),
        # Scale words of Dutch and German copy, and German's abbreviations.
        ("EUR 770 billion", "770 miljoen euro", ",", "which states 770 million"),
        ("EUR 770 million", "770 miljoen euro", ",", None),
        ("DKK 4.1 billion", "4,1 Mrd. DKK", ",", None),
        ("EUR 63 million", "63 Mio. EUR", ",", None),
        # A thousands comma in a text whose decimal mark is the comma reads as a decimal,
        # even where the quote writes the same characters the other way ("4.150").
        ("4,150", "reúne 4.150 fazendas", ",", "'4,150' is a decimal (about 4), not 4150"),
        ("212,000 ha", "212 mil hectares", ",", "'212,000' is a decimal (about 212), not 212000"),
    ],
)
def test_a_number_is_read_with_the_scale_and_the_decimal_mark_of_its_source(value, quote, decimal, missing):
    message = digits_missing(value, quote, "quantity", decimal)
    assert (message is None) if missing is None else (missing in (message or "")), message


def test_a_span_of_time_in_two_units_is_read_in_the_language_of_its_source():
    quote = "von 2 Stunden 14 Minuten auf 1 Stunde 58 Minuten"
    assert digits_missing("134 minute", quote, "quantity", ",", language="de") is None
    assert digits_missing("118 minute", quote, "quantity", ",", language="de") is None
    assert "119 does not appear" in (digits_missing("119 minute", quote, "quantity", ",", language="de") or "")


def test_the_digit_checks_shortcut_reads_a_comma_decimal_sources_number_as_it_reads_there(normalised):
    """The shortcut would pass "4,150" (4.15 in Portuguese copy) against a quote of "4.150"
    (4,150 there): written canonically, the value's number is the quote's characters."""
    result = normalised(
        {"alpha": [claim("c1", "farms", "4,150", period="2024", quote="a cooperativa reúne 4.150 fazendas")]},
        topics=[{"key": "farms", "kind": "count"}],
        sources=[{"id": "alpha", "file": "alpha.txt", "published": "2025-01-01", "language": "pt"}],
    )
    assert any("'4,150' is a decimal" in str(problem) for problem in result.problems), result.problems


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        ("US$4,500-6,000 per person", None),
        ("US$4,500-9,900 per person", "9,900 does not appear"),  # the high end checked too
        ("US$1,200-6,000 per person", "1,200 does not appear"),
        ("50±1 %", None),  # a margin: the quote states the figure and the margin
    ],
)
def test_both_ends_of_a_range_must_stand_in_the_quote(value, missing):
    quote = "fares between US$4,500 and US$6,000 each, a share of 50±1 per cent"
    message = digits_missing(value, quote, "quantity")
    assert (message is None) if missing is None else (missing in (message or ""))


def test_a_change_without_its_base_is_accepted_and_since_without_its_date_is_not(normalised):
    """ "Cut by 50 basis points to 5.50 %": the earlier level unsaid, the relation stands
    unchecked; a duration "since" nothing says nothing and is refused."""
    topics = [
        {"key": "repo", "kind": "quantity", "unit": "%"},
        {"key": "ban", "kind": "quantity", "unit": "year"},
    ]
    rows = {
        "a": [
            claim("cut", "repo", "5.50 %", "cut by 50 basis points to 5.50%", period="2025-06-06", relation="-50 bp"),
            claim(
                "ban",
                "ban",
                "2 year",
                "a ban of two years",
                period="2025",
                relation="since",
                inferred="yes",
                note="words",
            ),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [(problem.line, problem.column) for problem in result.problems] == [(3, "relative_to")]


def test_the_numbers_a_quote_states_are_listed_with_separators_from_five_digits():
    message = digits_missing("12,700 t", "in 2024 exports were 15,200 tonnes", "quantity") or ""
    assert "(it states 2024, 15,200)" in message


@pytest.mark.parametrize(
    "value, quote",
    [
        ("~80 %", "four-fifths of the crop"),
        ("67 %", "two thirds of voters"),
        ("66.7 %", "two-thirds of voters"),
        ("25 %", "a quarter of exports"),
        ("20 %", "one in five children"),
        ("~20 %", "it had removed only about one lead line in five"),
        ("0.75", "three quarters of the total"),
    ],
)
def test_shares_in_words_state_their_number(value, quote):
    assert digits_missing(value, quote, "quantity") is None


def test_a_share_in_words_states_only_its_own_number():
    assert "60 does not appear" in (digits_missing("60 %", "four-fifths of the crop", "quantity") or "")


def test_a_sum_adds_up_its_parts_and_the_parts_of_its_parts():
    import pandas as pd

    from checker.references import sum_plans

    topics = pd.DataFrame(
        {
            "key": ["cost", "lenders", "bank-a", "bank-b", "state", "loop"],
            "sum_of": ["lenders; state", "bank-a; bank-b", "", "", "", "loop; state"],
        }
    )
    plans = dict(zip(topics["key"], sum_plans(topics)))
    assert plans["cost"] == "lenders;state|bank-a;bank-b;state"
    assert plans["lenders"] == "bank-a;bank-b" and plans["state"] == ""
    assert plans["loop"] == "loop;state"  # a part of itself (a data error) is not expanded without end


@pytest.mark.parametrize(
    "value, quote",
    [
        ("13,920 person", "a total of 13 920 cases"),  # thousands grouped by spaces, as the WHO writes them
        ("1,742,315 person", "1 742 315 people were tested"),
        ("120 person", "as of March 9 120 new cases"),  # or two numbers: both readings count
        ("US$(87) million", "a net loss of $(87) million"),
    ],
)
def test_numbers_grouped_by_spaces_and_in_parentheses_are_read(value, quote):
    assert digits_missing(value, quote, "count") is None


def test_a_plain_number_under_a_topic_with_a_unit_is_a_data_error(normalised):
    """'29.2' for a share in % would read as 2,920 %; '5.2' under a count of people is 5.2
    million or 5.2 thousand people, not 5.2 people. A plain whole number under a count topic
    counted in people is that many people (the topic says what is counted, as it does for
    '73,450 applications'); under a topic without a unit, a count of things."""
    topics = [
        {"key": "share", "kind": "quantity", "unit": "%"},
        {"key": "refugees", "kind": "count", "unit": "person"},
        {"key": "aircraft", "kind": "count"},
    ]
    result = normalised(
        {
            "a": [
                claim("s", "share", "29.2", period="2025", quote="29.2"),
                claim("r", "refugees", "5.2", period="2025", quote="5.2"),
                claim("w", "refugees", "5,000", period="2025", quote="5,000"),
                claim("p", "aircraft", "40", period="2025", quote="40"),
            ]
        },
        topics=topics,
        entities=[],
    )
    problems = [str(problem) for problem in result.problems]
    assert len(problems) == 2
    assert "'29.2' has no unit, but topic 'share' is measured in %: write the value's unit ('29.2 %' if" in problems[0]
    assert "'5.2' has no unit, but topic 'refugees' is measured in person" in problems[1]
    read = result.claims.set_index("id")
    assert read.loc["w", "dimension"] == "[person]" and read.loc["w", "magnitude"] == 5000


def test_a_value_that_transposes_the_quotes_digits_is_named_a_transposition():
    message = digits_missing("4,696,636 person", "4,696,663 votes were cast", "count") or ""
    assert message.endswith("which states 4,696,663: a digit transposition?")
    # A zero more is no transposition: R90 million where the quote says R9 million.
    message = digits_missing("ZAR 90 million", "a fine of R9 million", "quantity") or ""
    assert "transposition" not in message and "90" in message


@pytest.mark.parametrize(
    "value, published, missing",
    [
        ("2025-06-03", "2025-06-12", None),  # "on Tuesday, June 3" in a story of 12 June 2025
        ("2025-04-04", "2025-03-07", None),  # an event ahead, in the same year
        ("2024-12-30", "2025-01-05", None),  # the end of last year, in a story of early January
        ("2025-12-30", "2025-01-05", "year 2025 (without one, the quote's date reads as 2024"),
        ("2024-06-03", "2025-06-12", "year 2024 (without one, the quote's date reads as 2025"),
        ("2025-06-03", "", "year 2025 does not appear"),  # no publication date to read it from
        ("2025-06-04", "2025-06-12", "day 4"),  # the day must still be stated
    ],
)
def test_a_date_without_its_year_takes_the_year_nearest_its_publication(value, published, missing):
    months = {"06": "June", "04": "April", "12": "December"}
    quote = f"on {months[value[5:7]]} {int(value[8:]) if missing != 'day 4' else 3}"
    message = digits_missing(value, quote, "date", published=published)
    assert (message is None) if missing is None else (missing in (message or ""))


@pytest.mark.parametrize(
    "value, quote, missing",
    [
        ("62k person", "killed 62,000 people", None),
        ("almost 250,000 t", "almost a quarter of a million tonnes", None),
        ("750 million USD", "three quarters of a billion dollars", None),
        ("two million person", "two million people fled", None),
        ("three million person", "two million people fled", "3,000,000 does not appear"),  # a value in words
        # Halves, a time with its article, and spans written in two units.
        ("11.5 year", "jailed for 11 years and six months", None),
        ("138 month", "jailed for 11 years and six months", None),
        ("11.5 year", "an 11-and-a-half-year sentence", None),
        ("<1 year", "waited less than a year", None),
        ("6.75 hour", "an outage of 6 hours and 45 minutes", None),
        ("405 minute", "an outage of 6 hours and 45 minutes", None),
        (">50 %", "just over half of it went to Europe", None),
        ("12.5 year", "jailed for 11 years and six months", "12.5 does not appear"),
        ("6.25 %", "cut by six and a quarter percentage points", None),
        ("40 %", "two of every five litres are lost", None),
        ("~20 %", "about one patient in five", None),  # a noun between the two numbers
        # A share written in words as the value is checked like one in digits.
        ("just over a third", "just over a third of homes", None),
        ("just over a third", "just over 33 % of homes", None),
        ("just over a third", "will deliver 1,450 homes", "a third does not appear"),
    ],
)
def test_the_digit_check_reads_thousands_quarters_and_values_in_words(value, quote, missing):
    message = digits_missing(value, quote, "count")
    assert (message is None) if missing is None else (missing in (message or ""))


@pytest.mark.parametrize(
    "value, quote, published, tense, missing",
    [
        # The weekday fits 2024 only: "Tuesday, December 10" in a story of June 2025.
        ("2024-12-10", "on Tuesday, December 10", "2025-06-13", "", None),
        ("2023-12-10", "on Tuesday, December 10", "2025-06-13", "", "reads as 2024"),
        # A weekday that fits no nearby reading of the tense is the text's slip (date-weekday
        # reports it): "Sunday, May 3" in June 2025 (a Saturday then) is still May 2025.
        ("2025-05-03", "on Sunday, May 3", "2025-06-10", "past", None),
        # The quote names the year relative to its publication.
        ("2024-10-30", "Oct. 30 last year", "2025-07-29", "", None),
        ("2026-01-15", "on 15 January next year", "2025-07-29", "", None),
        # A planned month lies ahead: "in March" in a story of May 2025 is March 2026.
        ("2026-03", "due to meet in Kabul in March", "2025-05-29", "ahead", None),
        ("2025-03", "due to meet in Kabul in March", "2025-05-29", "ahead", "reads as 2026"),
        # A plan whose day has just passed is this year's: "was due to expire on March 31", in April.
        ("2025-03-31", "the pilot was due to expire on March 31", "2025-04-02", "ahead", None),
        # A month a text reports as done lies behind: "raised in April", in October, is last April.
        ("2025-04", "which the government raised in April", "2025-10-16", "past", None),
        ("2026-04", "which the government raised in April", "2025-10-16", "past", "reads as 2025"),
        # A plan the text tells as past: "had originally been scheduled for November 19", in March.
        ("2024-11-19", "The launch had originally been scheduled for November 19", "2025-03-11", "ahead", None),
        ("2025-11-19", "The launch had originally been scheduled for November 19", "2025-03-11", "ahead", None),
        ("2024-11-19", "The launch is scheduled for November 19", "2025-03-11", "ahead", "reads as 2025"),
        # A part of a year in words states the months a tagger writes for it.
        ("2027-10/2027-12", "the fab should open in late 2027", "2025-07-24", "ahead", None),
        ("../2027-12", "by the end of 2027", "2025-07-24", "ahead", None),
        ("../2027-12-31", "by the end of 2027", "2025-07-24", "ahead", None),
        ("../2025-12-31", "the line should open by year-end", "2025-07-24", "ahead", None),
        ("../2027-12-30", "by the end of 2027", "2025-07-24", "ahead", "day 30"),
        ("2026-01/2026-03", "production starts in early 2026", "2025-07-24", "ahead", None),
        ("2027-12", "the fab should open in 2027", "2025-07-24", "ahead", "month 12"),
        ("2026-01/2026-04", "construction is set to begin early next year", "2025-10-09", "ahead", None),
        ("2028-01/2028-06", "now expected in the first half of 2028", "2025-01-23", "ahead", None),
        ("2028-07/2028-12", "now expected in the first half of 2028", "2025-01-23", "ahead", "month 07"),
        ("2026-07/2026-09", "first shipments in Q3 2026", "2025-01-23", "ahead", None),
        ("2026-10/2026-12", "first shipments in the fourth quarter of 2026", "2025-01-23", "ahead", None),
        # "The first week of April" states its seven days.
        ("2025-04-01/2025-04-07", "they expect to finish in the first week of April", "2025-03-27", "ahead", None),
        ("2025-04-01/2025-04-09", "they expect to finish in the first week of April", "2025-03-27", "ahead", "day 9"),
        # "Last July" is the latest July before the text's month; "next March" the first after.
        ("2024-07", "The hiring freeze imposed last July", "2025-06-27", "past", None),
        ("2025-07", "The hiring freeze imposed last July", "2025-06-27", "past", "year 2025"),
        ("2025-07", "The hiring freeze imposed last July", "2025-09-10", "past", None),
        ("2026-03", "a decision is due next March", "2025-09-10", "ahead", None),
        # Month names of other languages, in full.
        ("2025-10", "verabschiedete die Verordnung Ende Oktober", "2026-01-07", "", None),
        ("2025-10-17", "a nova tentativa, no dia 17 de outubro", "2025-12-02", "", None),
        ("2025-09-17", "a nova tentativa, no dia 17 de outubro", "2025-12-02", "", "month 09"),
        ("2025-12-04", "el 4 de diciembre", "2025-12-06", "", None),
        # Wire style: a day of the week around the dateline by its weekday alone.
        ("2025-01-14T16:47", "at 4:47 p.m. on Tuesday", "2025-01-15", "", None),
        ("2025-01-15", "the alert remained in effect on Wednesday", "2025-01-15", "", None),
        ("2025-01-14", "the grid operator said yesterday", "2025-01-15", "", None),
        ("2025-01-17", "the board meets on Friday", "2025-01-15", "ahead", None),
        # The day's number elsewhere in the quote, as an amount, is no day written out.
        ("2025-05-09", "the board on Friday completed the review of the $9 billion programme", "2025-05-09", "", None),
        ("2025-11-05", "the world's fifth-largest line, on Wednesday reported", "2025-11-06", "", None),
        # "Since last Thursday" in a Thursday's story: a week before, not the day itself.
        ("2024-06-27", "it had cancelled 1,180 flights since last Thursday", "2024-07-04", "", None),
        (
            "2024-07-04",
            "it had cancelled 1,180 flights since last Thursday",
            "2024-07-04",
            "",
            "Thursday is 2024-06-27",
        ),
        (
            "2025-05-02",
            "the board on Friday completed the review of the $2 billion programme",
            "2025-05-09",
            "",
            "Friday is 2025-05-09",
        ),
        # Not that Tuesday, nor one more than six days before the dateline.
        ("2025-01-13", "at 4:47 p.m. on Tuesday", "2025-01-15", "", "month 01"),
        ("2025-01-07", "at 4:47 p.m. on Tuesday", "2025-01-15", "", "month 01"),
        ("2025-01-17", "the board meets on Friday", "2025-01-15", "", "month 01"),
        ("2025-01-14T16:47", "at 5:47 p.m. on Tuesday", "2025-01-15", "", "time 16:47"),
        # A bound a tagger shifts by a day: "before October 31" is on or before 30 October.
        ("../2025-10-30", "must be ratified before October 31, 2025", "2025-09-23", "ahead", None),
        ("2001-05-10/..", "after 9 May 2001", "2025-09-23", "", None),
        ("../2025-10-29", "must be ratified before October 31, 2025", "2025-09-23", "ahead", "day 29"),
        # "By the end of the month": the last day of the text's month.
        ("../2025-09-30", "due to review the measure by the end of the month", "2025-09-22", "ahead", None),
        ("../2025-09-29", "due to review the measure by the end of the month", "2025-09-22", "ahead", "day 29"),
        # The middle of a month, and its first day in words.
        ("2025-01-15/..", "the pier is due to reopen in mid-January", "2024-11-23", "ahead", None),
        ("2025-01-25/..", "the pier is due to reopen in mid-January", "2024-11-23", "ahead", "day 25"),
        ("2025-05-01", "Dal primo maggio la tariffa sale", "2025-07-03", "past", None),
        # Seasons in the sources' languages.
        ("2024-23", "ein Bericht wird für den Herbst 2024 erwartet", "2024-07-18", "ahead", None),
        ("2024-21", "ein Bericht wird für den Herbst 2024 erwartet", "2024-07-18", "ahead", "the season 'spring'"),
        # Quarters and halves in the sources' languages.
        ("2025-Q3", "reprise prévue au troisième trimestre 2025", "2025-02-18", "ahead", None),
        ("2025-Q3", "reprise prévue au deuxième trimestre 2025", "2025-02-18", "ahead", "the third quarter"),
        ("2025-Q3", "Wiederaufnahme im dritten Quartal 2025", "2025-02-18", "ahead", None),
        ("2025-40", "en el primer semestre de 2025", "2025-02-18", "", None),
        # A quarter without its year, as a plan: the next one of that name.
        ("2025-Q3", "expect the transaction to close in the third quarter", "2025-06-18", "ahead", None),
        ("2024-Q3", "expect the transaction to close in the third quarter", "2025-06-18", "ahead", "year 2024"),
    ],
)
def test_the_year_of_a_date_without_one_follows_its_weekday_its_words_and_its_tense(
    value, quote, published, tense, missing
):
    message = digits_missing(value, quote, "date", published=published, tense=tense)
    assert (message is None) if missing is None else (missing in (message or ""))


@pytest.mark.parametrize(
    "value, quote, missing",
    [
        ("2025-05-03T09:40", "the outage began at 9.40am on May 3, 2025", None),
        ("2025-05-03T21:40", "the outage began at 9.40pm on May 3, 2025", None),
        ("2025-05-03T21:40", "the outage began at 21:40 on May 3, 2025", None),
        ("2025-05-03T10:40", "the outage began at 9.40am on May 3, 2025", "time 10:40"),
        ("2025-05-03T21:40", "the outage began at 9.40am on May 3, 2025", "time 21:40"),
        ("2025-05-03T12:00", "at noon on May 3, 2025", None),
        ("2025-05-03T21:15", "departed at 2115H on May 3, 2025", None),
        # "The weekend of Oct. 18" states its Saturday and Sunday.
        ("2025-05-03/2025-05-04", "the systems move over the weekend of May 3, 2025", None),
        ("2025-05-03/2025-05-05", "the systems move over the weekend of May 3, 2025", "day 5"),
        # "The week of 7 April" states the 7th and the six days after it.
        ("2025-04-28/2025-05-04", "a restart in the week of April 28, 2025", None),
        ("2025-04-28/2025-05-05", "a restart in the week of April 28, 2025", "day 5"),
        # "Last month" in a story of 4 May is April; the end of a month in German copy.
        ("2025-04", "Last month the bank approved a record transfer", None),
        ("2025-03", "Last month the bank approved a record transfer", "month 03"),
        ("2025-06-30", "die Anlage soll bis Ende Juni 2025 wieder laufen", None),
        ("2025-06-29", "die Anlage soll bis Ende Juni 2025 wieder laufen", "day 29"),
        ("2027-12-31", "die Arbeiten sollen bis Ende 2027 abgeschlossen sein", None),
        ("2027-12-30", "die Arbeiten sollen bis Ende 2027 abgeschlossen sein", "day 30"),
        # Halves of a month: the 1st to the 15th, the 16th to its end.
        ("2025-03-16/2025-03-31", "the peak is expected in the second half of March 2025", None),
        ("2025-03-01/2025-03-15", "the peak is expected in the first half of March 2025", None),
        ("2025-03-15/2025-03-31", "the peak is expected in the second half of March 2025", "day 15"),
        ("2025-03-16/2025-03-31", "el pico se espera en la segunda quincena de marzo de 2025", None),
        # A weekday alone in a source's own language dates the week around its dateline.
        ("2025-05-02", "Die Bahn teilte am Freitag mit, der Verkehr laufe wieder", None),
        ("2025-05-01", "Die Bahn teilte am Freitag mit, der Verkehr laufe wieder", "month 05"),
        # A time alone in a story of that day is of the dateline's day.
        ("2025-05-04T10:51", "the last contact came at 10:51 a.m. local time", None),
        ("2025-05-03T10:51", "the last contact came at 10:51 a.m. local time", "month 05"),
        # Midnight on a day is 00:00 on the next.
        ("2025-05-04T00:00", "the order lapsed at midnight on May 3, 2025", None),
        ("2025-05-04T00:00", "the order lapsed at noon on May 3, 2025", "day 4"),
        ("2025-05-03T21:15", "departed at 2115 on May 3, 2025", "time 21:15"),  # a bare number is no time
    ],
)
def test_a_time_of_day_is_checked_against_the_quote_in_12_or_24_hours(value, quote, missing):
    message = digits_missing(value, quote, "date", published="2025-05-04")
    assert (message is None) if missing is None else (missing in (message or ""))


def test_an_unknown_currency_for_a_sources_dollar_is_a_data_error(corpus_dir):
    root = corpus_dir(
        {"alpha": [claim("c1", "trade", "$1 billion", period="2024", quote="$1 billion")]},
        sources=[{"id": "alpha", "file": "alpha.txt", "published": "2025-01-01", "currency": "CDN"}],
    )
    said = [str(problem) for problem in normalise(load_corpus(root)).problems]
    assert said == ["claims/sources.csv:2: currency: 'CDN' is no currency code claimcheck knows (write e.g. CAD, AUD)"]


def test_a_value_the_parser_refuses_is_reported_in_a_text_with_its_own_dollar(corpus_dir):
    """A text whose "$" is another currency has its values rewritten before they are read:
    a value that still cannot be read must be reported at its own row, never dropped."""
    rows = [
        claim("c1", "budget", "$9.84 billion fish", period="2024", quote="$9.84 billion fish"),
        claim("c2", "budget", "$9.84-billion", period="2024", quote="$9.84-billion"),
    ]
    root = corpus_dir(
        {"paper": rows},
        topics=[{"key": "budget", "kind": "quantity", "unit": "CAD"}],
        sources=[{"id": "paper", "file": "paper.txt", "published": "2025-01-01", "currency": "CAD"}],
    )
    result = normalise(load_corpus(root))
    said = [str(problem) for problem in result.problems]
    assert len(said) == 1 and said[0].startswith("claims/tagged/paper.csv:2: value: ")
    read = result.claims.set_index("id")
    assert read.loc["c2", "magnitude"] == 9.84e9 and read.loc["c2", "dimension"] == "[currency_CAD]"


def test_pounds_and_ounces_are_read_in_the_topics_own_terms(normalised):
    """ "54,000 pounds" under a topic in GBP is sterling, and gold's "ounces" under a topic in
    troy ounces are troy ounces; the same words elsewhere keep their usual reading."""
    topics = [
        {"key": "cost", "kind": "quantity", "unit": "GBP/year"},
        {"key": "gold", "kind": "quantity", "unit": "ozt"},
        {"key": "cargo", "kind": "quantity", "unit": "t"},
    ]
    rows = {
        "wire": [
            claim("c1", "cost", "~54,000 pounds/year", period="2024", quote="about 54,000 pounds a year"),
            claim("c2", "gold", "4.82 million ounces", period="2024", quote="4.82 million ounces"),
            claim("c3", "cargo", "5,000 pounds", period="2024", quote="5,000 pounds"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [str(problem) for problem in result.problems] == []
    read = result.claims.set_index("id")
    assert read.loc["c1", "dimension"] == "[currency_GBP] / [time]"
    assert read.loc["c2", "magnitude"] == pytest.approx(4.82e6 * 0.0311034768)
    assert read.loc["c3", "magnitude"] == pytest.approx(5000 * 0.45359237)


def _said_of_one_claim(corpus_dir, row: dict, topics: list[dict]) -> list[str]:
    """The problems a corpus of one claim (line 2 of alpha's table) is reported with."""
    root = corpus_dir({"alpha": [row]}, topics=topics, entities=[])
    return [str(problem) for problem in normalise(load_corpus(root)).problems]


def _slip_or_nothing(said: list[str], column: str, slip: str | None) -> None:
    """Nothing said, or the one slip expected, on that claim's column."""
    if slip is None:
        assert said == []
    else:
        assert len(said) == 1 and said[0].startswith(f"claims/tagged/alpha.csv:2: {column}: ") and slip in said[0]


@pytest.mark.parametrize(
    "value, period, quote, slip",
    [
        ("201,300 oz", "2025", "The mine produced 201,300 ounces in calendar 2024.", "2025 does not reach 2024"),
        ("30.2 Mt", "2022", "output fell from 30.2 Mt in 2023", "2022 does not reach 2023"),
        ("201,300 oz", "2023", "In 2024, the mine produced 201,300 ounces.", "2023 does not reach 2024"),
        ("12 %", "2024-03", "prices rose 12 % in March 2025", "2024-03 does not reach March 2025"),
        # A part of a year in words ties the figure to that year.
        ("478,000", "2023-01/2023-03", "In the January-March quarter of 2024 alone, shelters logged 478,000", "2024"),
        ("478,000", "2023-01/2023-03", "In January-March 2024, shelters logged 478,000", "2024"),
        ("287 billion NOK", "2024-40", "inflows of NOK 287 billion in the first six months of 2025", "2025"),
        ("478,000", "2024-01/2024-03", "In the first quarter of 2024, shelters logged 478,000", None),
        # Consistent, or the year is not the figure's own.
        ("201,300 oz", "2024", "The mine produced 201,300 ounces in calendar 2024.", None),
        ("5,120 person", "2023", "Deportations rose to 6,410 in 2024 from 5,120 a year earlier.", None),
        ("5 billion USD", "2024", "Exports reached $5 billion, up from 2023.", None),
        ("5 billion USD", "2024", "Exports were $5 billion in 2015 dollars.", None),
        # The start of a running count is no time of its figure.
        ("14.5 million", "2025-07-31", "riders had made some 14.5 million trips since the launch in May 2022", None),
        (
            "1,078 million USD",
            "2024-07/2024-09",
            "Revenue for fiscal 2025 was $1,078 million in the first quarter",
            None,
        ),
        ("9.41 billion USD", "2024-04/2025-03", "a budget of $9.41 billion in 2024-25", None),
        ("3 Mt", "2023", "exports of 5 Mt in 2024 and of 3 Mt the year before", None),
        # A day or month without its year, in the period's year.
        (
            "88,113 person",
            "2025-07-04",
            "On Friday 18 July there were 88,113 people in prison",
            "does not reach 18 July",
        ),
        ("88,113 person", "2025-07-18", "On Friday 18 July there were 88,113 people in prison", None),
        ("7.8 %", "2025-02", "the rate eased to 7.6 per cent from 7.8 per cent in January", "does not reach January"),
        ("5 Mt", "2025-05", "exports were 5 Mt, a record, as the minister said on 3 June", None),
        ("46 year", "2024-11-09", "The burst pipe was 46 years old, installed in 1978", None),
        ("46 year", "2024-11-09", "a 46-year-old pipe installed in 1978", None),
        (
            "4.75 billion GBP",
            "2025-10-07",
            "Britain sold 4.75 billion pounds of gilts maturing in 2035 on Tuesday",
            None,
        ),
        # A schedule's day is no time of the figure.
        (
            "14.5 billion EUR",
            "2026-05-08",
            "The second, worth €14.5 billion and originally due on July 15, was postponed",
            None,
        ),
        ("14.5 billion EUR", "2026-05-08", "The second tranche of €14.5 billion was paid on July 15", "July 15"),
        # A day a few words after the figure ("at the height of the fire on Aug. 15").
        (
            "12,430 person",
            "2025-08-14",
            "evacuated 12,430 people at the height of the fire on Aug. 15",
            "does not reach Aug. 15",
        ),
        # Results told as reported: a time after the figure is when they were told.
        (
            "982 million USD",
            "2025-01/2025-03",
            "reported first-quarter revenue of $982 million in late April, up 7%",
            None,
        ),
        ("982 million USD", "2025-01/2025-03", "first-quarter revenue was $982 million in late April", "April"),
        # A forecast names when it was made as often as its time.
        ("3,700 USD", "2025-12", "raised its year-end forecast to US$3,700 in April", None),
        # "Last year" in a text of 31 December 2025 is 2024; "this year" 2025.
        (
            "6 Mt",
            "2023",
            "Canada shipped nearly 6 Mt of steel to the United States last year",
            "does not reach last year",
        ),
        ("6 Mt", "2024", "Canada shipped nearly 6 Mt of steel to the United States last year", None),
        ("6 Mt", "2025-01/2025-11", "This year, Canada has shipped 6 Mt of steel", None),
        ("6 Mt", "2024", "This year, Canada has shipped 6 Mt of steel", "does not reach this year"),
        # Another figure's year: "up from 5 Mt last year", "against last year's".
        ("6 Mt", "2025", "shipments rose to 6 Mt from 5 Mt last year", None),
        ("6 Mt", "2025", "shipments of 6 Mt, against last year's 5 Mt", None),
        ("6 Mt", "2025", "shipments rose to 6 Mt from last year", None),
    ],
)
def test_a_period_the_quote_contradicts_is_a_tagging_slip(corpus_dir, value, period, quote, slip):
    topics = [{"key": "figure", "kind": "quantity", "aggregation": "flow"}]
    modality = "forecast" if "forecast" in quote else ""
    row = claim("c1", "figure", value, period=period, quote=quote, modality=modality)
    _slip_or_nothing(_said_of_one_claim(corpus_dir, row, topics), "period", slip)


@pytest.mark.parametrize(
    "modality, unit, value, quote, slip",
    [
        ("", "USD", "US$18.5 million", "sales of $18.5 million in January", "does not reach January"),
        # An earlier figure's quote names when it was given; an estimate's, when it was
        # made; a duration's, when it began.
        ("superseded", "USD", "US$18.5 million", "the preliminary $18.5 million the company gave in January", None),
        ("estimate", "USD", "US$15.2 billion", "put insured losses at $15.2bn on 14 January", None),
        ("", "USD", "US$15.2 billion", "put insured losses at $15.2bn on 14 January", "does not reach 14 January"),
        ("", "day", "135 days", "extinguished 135 days after it was discovered on May 10", None),
    ],
)
def test_the_time_an_earlier_figure_or_estimate_was_given_or_a_duration_began_is_no_period(
    corpus_dir, modality, unit, value, quote, slip
):
    topics = [{"key": "figure", "kind": "quantity", "unit": unit, "aggregation": "flow"}]
    row = claim("c1", "figure", value, period="2025-09", quote=quote, modality=modality)
    _slip_or_nothing(_said_of_one_claim(corpus_dir, row, topics), "period", slip)


@pytest.mark.parametrize(
    "period, quote, slip",
    [
        # Under a topic whose years begin in October, a split year in the quote is those months.
        ("2022/23", "Output reached 1.8 million tonnes in the 2023/24 season.", "2022/23 does not reach 2023/24"),
        ("2022-10/2023-09", "Output reached 1.8 million tonnes in the 2023/24 season.", None),
        ("2023/24", "Output reached 1.8 million tonnes in the 2023/24 season.", None),
        ("2023-10/2024-09", "Output reached 1.8 million tonnes in 2023-24.", None),
        ("2024/25", "Output reached 1.8 million tonnes in 2023-24.", "does not reach 2023-24"),
        # A fiscal year named by one year may end or begin in it.
        ("FY2024", "Output reached 1.8 million tonnes in fiscal 2024.", None),
        ("FY2025", "Output reached 1.8 million tonnes in fiscal 2024.", None),
        ("FY2026", "Output reached 1.8 million tonnes in fiscal 2024.", "does not reach fiscal 2024"),
    ],
)
def test_a_split_year_in_the_quote_is_read_by_its_topics_first_month(corpus_dir, period, quote, slip):
    topics = [{"key": "output", "kind": "quantity", "unit": "t", "year_start": "October"}]
    row = claim("c1", "output", "1.8 million t", period=period, quote=quote)
    _slip_or_nothing(_said_of_one_claim(corpus_dir, row, topics), "period", slip)


def test_degrees_alone_are_the_topics_own_degrees(normalised):
    """ "Must not exceed 19 degrees" under a topic in degC is 19 °C, not pint's angle; "4
    degrees" of warming under one in delta_degF is 4 °F of difference; under a topic of
    angles, degrees stay angles."""
    topics = [
        {"key": "heat", "kind": "quantity", "unit": "degC"},
        {"key": "warming", "kind": "quantity", "unit": "delta_degF"},
        {"key": "angle", "kind": "quantity", "unit": "degree"},
    ]
    rows = {
        "a": [
            claim("c1", "heat", "19 degrees"),
            claim("c2", "warming", "4 degrees"),
            claim("c3", "angle", "45 degrees"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [str(problem) for problem in result.problems] == []
    read = result.claims.set_index("id")
    assert read.loc["c1", "dimension"] == "[temperature in degree Celsius]" and read.loc["c1", "magnitude"] == 19
    assert read.loc["c2", "dimension"] == "[temperature]" and read.loc["c2", "magnitude"] == pytest.approx(4 / 1.8)
    assert read.loc["c3", "dimension"] == "dimensionless"


def test_a_temperature_reads_to_its_digits_not_a_share_of_itself(normalised):
    """ "-3C" is -3.5 to -2.5 °C, "20C" 19.5 to 20.5 °C (its zero counts), "46.3C" 46.25 to
    46.35 °C: a share of a reading on a scale whose zero is arbitrary means nothing."""
    topics = [{"key": "low", "kind": "quantity", "unit": "degC"}]
    rows = {
        "a": [
            claim(f"c{n}", "low", value, period="2025") for n, value in enumerate(("-3 degC", "20 degC", "46.3 degC"))
        ]
    }
    read = normalised(rows, topics=topics, entities=[]).claims.set_index("id")
    assert read[["low", "high"]].to_numpy().ravel().tolist() == pytest.approx([-3.5, -2.5, 19.5, 20.5, 46.25, 46.35])


def test_a_span_of_days_or_hours_reads_to_the_unit_and_one_of_years_as_before(normalised):
    """ "90 days" is 89.5 to 90.5 days (a notice period is counted to the day), "36 hours"
    35.5 to 36.5 hours; "5 years" keeps the 5 % of a rounded figure."""
    topics = [{"key": "span", "kind": "quantity", "unit": "day"}]
    values = ("90 day", "36 hour", "5 year")
    rows = {"a": [claim(f"c{n}", "span", value, period="2025") for n, value in enumerate(values)]}
    read = normalised(rows, topics=topics, entities=[]).claims.set_index("id")
    day, hour, year = 86400, 3600, 365.25 * 86400
    expected = [89.5 * day, 90.5 * day, 35.5 * hour, 36.5 * hour, 4.75 * year, 5.25 * year]
    assert read[["low", "high"]].to_numpy().ravel().tolist() == pytest.approx(expected)


def test_a_noun_after_a_count_is_read_in_the_topics_terms(normalised):
    """'287 deaths' under a count topic without a unit is a plain count (it met a plain 287
    as a 'unit slip'); '73,450 applications' under a topic in people is people."""
    topics = [
        {"key": "deaths", "kind": "count"},
        {"key": "applications", "kind": "count", "unit": "person"},
        {"key": "returns", "kind": "count", "unit": "person/year", "aggregation": "flow"},
    ]
    rows = {
        "a": [
            claim("c1", "deaths", "287 deaths", period="2024"),
            claim("c2", "deaths", "287", period="2024"),
            claim("c3", "applications", "73,450 applications", period="2024"),
            claim("c4", "returns", "10,000 returns a year", period="2025"),
            claim("c5", "returns", "10,000 a year", period="2025"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [str(problem) for problem in result.problems] == []
    read = result.claims.set_index("id")
    assert read.loc["c1", "dimension"] == read.loc["c2", "dimension"] == "dimensionless"
    assert read.loc["c3", "dimension"] == "[person]"
    assert read.loc["c4", "dimension"] == read.loc["c5", "dimension"] == "[person] / [time]"


def test_a_plain_whole_number_with_a_scale_word_under_a_topic_of_people_is_people(normalised):
    """ "~8.2 million" is 8,200,000 people as "~8 million" is, though 8.2 × 10⁶ is not
    whole in binary floating point; "2.5" people is no whole number and stays an error."""
    topics = [{"key": "eligible", "kind": "count", "unit": "person"}]
    rows = {
        "a": [
            claim("c1", "eligible", "~8.2 million", period="2025"),
            claim("c2", "eligible", "~8 million", period="2025"),
            claim("c3", "eligible", "2.5", period="2025"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [(problem.line, problem.column) for problem in result.problems] == [(4, "value")]
    assert result.claims.set_index("id").loc["c1", "unit"] == "person"


def test_a_count_of_things_the_unit_list_does_not_name_is_a_count(normalised):
    """Under a count topic, which says what is counted, '79,600 BEVs' and '37 missing' are
    counts; under a quantity topic the same unknown noun stays a data error."""
    topics = [
        {"key": "deliveries", "kind": "count"},
        {"key": "missing", "kind": "count", "unit": "person"},
        {"key": "capacity", "kind": "quantity", "unit": "t"},
        {"key": "launched", "kind": "count", "unit": "1/year", "aggregation": "flow"},
    ]
    rows = {
        "a": [
            claim("c1", "deliveries", "79,600 BEVs", period="2024"),
            claim("c2", "deliveries", "about 1.2 million charging points", period="2024"),
            claim("c3", "missing", "37 missing", period="2024"),
            claim("c4", "capacity", "79,600 BEVs", period="2024"),
            claim("c5", "launched", "2,900 satellites a year", period="2030", modality="forecast"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [(p.line, p.column) for p in result.problems] == [(5, "value")]
    assert "unknown unit 'BEVs'" in result.problems[0].message
    read = result.claims.set_index("id")
    assert read.loc["c1", "magnitude"] == 79_600 and read.loc["c1", "dimension"] == "dimensionless"
    assert read.loc["c2", "magnitude"] == 1_200_000 and read.loc["c2", "qualifier"] == "about"
    assert read.loc["c3", "magnitude"] == 37 and read.loc["c3", "dimension"] == "[person]"
    # So is a conversion's noun: "about 480,000 wafers a year" for 40,000 a month.
    rows = {
        "a": [
            claim(
                "w1",
                "launched",
                "40,000 wafers/month",
                converted="~480,000 wafers a year",
                quote="40,000 wafers a month, or about 480,000 wafers a year",
            )
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert result.problems == []
    converted = result.claims.set_index("id").loc["w1"]
    assert converted["converted_dimension"] == "1 / [time]" and converted["converted_qualifier"] == "about"
    assert read.loc["c5", "dimension"] == "1 / [time]"  # "a year" kept: a count a year


def test_knots_yen_and_pesos_are_read_in_the_topics_own_terms(normalised):
    """'150 kt' under a topic of speeds is 150 knots (a kilotonne elsewhere); '¥1.21
    trillion' under a topic in JPY is yen, 'P24.1 billion' under one in PHP pesos, and
    'nm' the nanometre or the nautical mile its topic is measured in; '938 mb' under a
    topic of pressures is millibars, not pint's millibarns."""
    topics = [
        {"key": "pressure", "kind": "quantity", "unit": "hPa"},
        {"key": "wind", "kind": "quantity", "unit": "km/h"},
        {"key": "cargo", "kind": "quantity", "unit": "t"},
        {"key": "profit", "kind": "quantity", "unit": "JPY"},
        {"key": "damage", "kind": "quantity", "unit": "PHP"},
        {"key": "node", "kind": "quantity", "unit": "nanometre"},
        {"key": "zone", "kind": "quantity", "unit": "nautical_mile"},
    ]
    rows = {
        "a": [
            claim("w", "wind", "150 kt", period="2025"),
            claim("c", "cargo", "150 kt", period="2025"),
            claim("y", "profit", "¥1.21 trillion", period="2025"),
            claim("p", "damage", "P24.1 billion", period="2025"),
            claim("n", "node", "4nm", period="2025"),
            claim("z", "zone", "200 nm", period="2025"),
            claim("mb", "pressure", "938 mb", period="2025"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [str(problem) for problem in result.problems] == []
    read = result.claims.set_index("id")
    assert (
        read.loc["w", "magnitude"] == pytest.approx(150 * 1852 / 3600)
        and read.loc["w", "dimension"] == "[length] / [time]"
    )
    assert read.loc["c", "magnitude"] == pytest.approx(150e6) and read.loc["c", "dimension"] == "[mass]"
    assert read.loc["y", "dimension"] == "[currency_JPY]" and read.loc["y", "magnitude"] == pytest.approx(1.21e12)
    assert read.loc["p", "dimension"] == "[currency_PHP]"
    assert read.loc["n", "magnitude"] == pytest.approx(4e-9) and read.loc["z", "magnitude"] == pytest.approx(200 * 1852)
    assert read.loc["mb", "magnitude"] == pytest.approx(93_800) and read.loc["mb", "dimension"] == quantities.PRESSURE


def test_a_vulgar_fraction_in_a_value_is_its_decimal(normalised):
    """Central banks write rates as '4¾%' and '1½%': the value reads as its quote does."""
    topics = [{"key": "rate", "kind": "quantity", "unit": "%"}]
    rows = {
        "a": [
            claim("r1", "rate", "4¾ %", period="2024-11-07", quote="cut Bank Rate to 4¾%"),
            claim("r2", "rate", "1½%", period="2009-03-05", quote="a record low of 1½%"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [str(problem) for problem in result.problems] == []
    read = result.claims.set_index("id")
    assert read.loc["r1", "magnitude"] == pytest.approx(0.0475) and read.loc["r2", "magnitude"] == pytest.approx(0.015)


def test_a_move_in_words_is_read_in_percentage_points(normalised):
    """'A quarter-point' and 'half a percentage point' are 0.25 and 0.5 percentage points,
    never 25 % (which the hint for shares in words would have made of them)."""
    topics = [{"key": "move", "kind": "quantity", "unit": "percentage_point"}]
    rows = {
        "a": [
            claim("m1", "move", "quarter-point", period="2024-11-07", quote="a quarter-point cut"),
            claim("m2", "move", "half a percentage point", period="2024-09-18", quote="by half a percentage point"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert [str(problem) for problem in result.problems] == []
    read = result.claims.set_index("id")
    assert read.loc["m1", "magnitude"] == pytest.approx(0.0025) and read.loc["m2", "magnitude"] == pytest.approx(0.005)


def test_a_unit_misread_from_the_quote_is_a_data_error(normalised):
    """'200 mg' where the quote gives 200 mcg (a thousandfold dose), '12 miles' where it
    gives 12 km: the number is there, its unit is not; a conversion the quote states too
    ('12 km (7.5 miles)') passes."""
    topics = [
        {"key": "dose", "kind": "quantity", "unit": "mg"},
        {"key": "length", "kind": "quantity", "unit": "km"},
    ]
    rows = {
        "a": [
            claim("d1", "dose", "200 mg", period="2025", quote="a daily dose of 200 mcg"),
            claim("d2", "dose", "200 µg", period="2025", quote="a daily dose of 200 micrograms"),
            claim("l1", "length", "12 miles", period="2025", quote="a 12-km stretch"),
            claim("l2", "length", "7.5 miles", period="2025", quote="12 km (7.5 miles) long"),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    said = [(problem.line, problem.message) for problem in result.problems]
    assert [line for line, _ in said] == [2, 4]
    assert said[0][1].startswith("the quote gives 200 µg, not mg: a unit misread?")


@pytest.mark.parametrize(
    "period, quote, wrong",
    [
        ("2024-03-31", "As of March 31, 2025, the project was 41.3 per cent complete", True),
        ("2025-03-31", "As of March 31, 2025, the project was 41.3 per cent complete", False),
        ("2023-12-31", "By December 31, 2024, it had spent 41.3 per cent of the budget.", True),
        ("2024-12-31", "41.3 per cent as of 31 December 2024", False),
        ("2024-12-31", "41.3 per cent, the agency said on March 31, 2025", False),  # told, not the figure's time
    ],
)
def test_a_period_must_reach_the_dated_day_the_quote_gives_the_figure(normalised, period, quote, wrong):
    topics = [{"key": "progress", "kind": "quantity", "unit": "%", "aggregation": "cumulative"}]
    rows = {"a": [claim("p", "progress", "41.3 %", period=period, quote=quote)]}
    sources = [{"id": "a", "file": "a.txt", "published": "2025-04-15"}]
    result = normalised(rows, topics=topics, entities=[], sources=sources)
    said = [problem for problem in result.problems if problem.column == "period"]
    assert bool(said) == wrong


def test_today_dates_a_day_the_quote_gives_with_another_date_beside_it():
    quote = "Mayor Elena Delgado today signed the budget the council adopted on May 27"
    assert digits_missing("2025-05-30", quote, "date", published="2025-05-30") is None
    assert "day 29" in (digits_missing("2025-05-29", quote, "date", published="2025-05-30") or "")


def test_the_end_of_a_month_states_its_last_day():
    assert digits_missing("../2025-06-30", "by the end of June 2025", "date") is None
    assert digits_missing("2025-02-28", "debt at end-February 2025", "date") is None
    assert "day 29" in (digits_missing("../2025-06-29", "by the end of June 2025", "date") or "")


def test_a_plan_told_as_past_is_dated_by_a_weekday_of_the_past_days():
    """ "had been due to end on Tuesday evening", a plan in a story of Wednesday 15 January:
    the Tuesday before; "is due to end on Tuesday" is the one after."""
    past, ahead = "the ban had been due to end on Tuesday evening", "the ban is due to end on Tuesday evening"
    assert digits_missing("2025-01-14", past, "date", published="2025-01-15", tense="ahead") is None
    assert digits_missing("2025-01-21", ahead, "date", published="2025-01-15", tense="ahead") is None
    assert digits_missing("2025-01-14", ahead, "date", published="2025-01-15", tense="ahead") is not None


def test_a_weekday_alone_that_is_not_the_tagged_day_says_which_day_it_is():
    message = digits_missing("2025-07-10", "the board on Wednesday approved the tariff", "date", published="2025-07-10")
    assert message and message.startswith(
        "the quote's Wednesday is 2025-07-09 by the text's publication, not 2025-07-10"
    )


def test_a_topics_first_month_reads_its_fiscal_years_and_a_bad_one_is_reported(corpus_dir):
    """A topic's year_start reads its claims' split and fiscal years ("2024-25", "Q1 FY25");
    the same period under a topic without one is refused with the hint to give one, and a
    year_start that is no month is reported at its row."""
    topics = [
        {"key": "borrowing", "kind": "quantity", "unit": "GBP", "year_start": "April"},
        {"key": "deficit", "kind": "quantity", "unit": "USD", "year_start": "10"},
        {"key": "trade", "kind": "quantity", "unit": "USD"},
        {"key": "harvest", "kind": "quantity", "unit": "t", "year_start": "Octember"},
        {"key": "launch", "kind": "date", "year_start": "Jan"},
    ]
    rows = [
        claim("b1", "borrowing", "£121.3 billion", period="2024-25"),
        claim("d1", "deficit", "$0.7 trillion", period="Q1 FY25"),
        claim("t1", "trade", "$5 billion", period="2024-25"),
    ]
    result = normalise(load_corpus(corpus_dir({"paper": rows}, topics=topics)))
    said = [str(problem) for problem in result.problems]
    assert said[0].startswith("claims/tagged/paper.csv:4: period: '2024-25'")
    assert "give its topic a year_start" in said[0]
    assert said[1:] == [
        "claims/topics.csv:5: year_start: 'Octember' is not a month: write its name or number (April, Apr, 4)",
        "claims/topics.csv:6: year_start: a date topic has no fiscal years",
    ]
    read = result.claims.set_index("id")
    first_day = lambda day: dt.date.fromordinal(int(day)).isoformat()  # noqa: E731
    assert (first_day(read.loc["b1", "period_start"]), first_day(read.loc["b1", "period_end"])) == (
        "2024-04-01",
        "2025-04-01",
    )
    assert (first_day(read.loc["d1", "period_start"]), first_day(read.loc["d1", "period_end"])) == (
        "2024-10-01",
        "2025-01-01",
    )


@pytest.mark.parametrize(
    "relation, quote, slip",
    [
        ("+9.7%", "inflows rose 7.9 percent to $3.4 billion", "9.7 does not appear in the quote, which states 7.9"),
        ("+32.3%", "up 33.2pc from a year earlier to $3.4 billion", "32.3 does not appear"),
        ("+7.9%", "inflows rose 7.9 percent to $3.4 billion", None),
        ("+9%", "inflows rose 8 percent to $3.4 billion", None),  # no transposition: left to the rules
        ("x2", "inflows doubled to $3.4 billion", None),  # read from words
        ("~-67%", "down about two-thirds to $3.4 billion", None),
        # A change in points worked out from the quote's figures: 0.4 is no transposition of
        # the "fourth" quarter's 4.
        ("-0.4 pp", "$3.4 billion in the fourth quarter, down from 6.5pc to 6.1pc", None),
    ],
)
def test_a_relation_that_transposes_its_quotes_digits_is_a_tagging_slip(corpus_dir, relation, quote, slip):
    topics = [{"key": "inflows", "kind": "quantity", "unit": "USD"}]
    row = claim("c1", "inflows", "$3.4 billion", period="2025", quote=quote, relation=relation, relative_to="2024")
    _slip_or_nothing(_said_of_one_claim(corpus_dir, row, topics), "relation", slip)


@pytest.mark.parametrize(
    "value, quote, missing",
    [
        ("R$ 1,9 bilhão", "O programa custou R$ 1,9 bilhão", None),
        ("R$ 1,9 million", "O programa custou R$ 1,9 bilhão", "which states 1.9 billion"),
        ("~19 mil person", "cerca de 19 mil habitantes", None),
        ("EUR 450 Milliarden", "Mehrkosten von 450 Millionen Euro", "which states 450 million"),
    ],
)
def test_scale_words_of_other_languages_are_read_in_values_and_quotes(value, quote, missing):
    message = digits_missing(value, quote, "quantity", ",")
    assert (message is None) if missing is None else (missing in (message or ""))


@pytest.mark.parametrize(
    "value, quote, missing",
    [
        ("0-1 %", "comparable store sales to range from flat to up 1%", None),
        ("0 %", "sales were unchanged from a year earlier", None),
        ("0-1 %", "sales to range up to 1%", "0 does not appear"),
    ],
)
def test_flat_and_unchanged_state_a_change_of_nought(value, quote, missing):
    message = digits_missing(value, quote, "quantity")
    assert (message is None) if missing is None else (missing in (message or ""))


def test_a_conversion_of_money_into_pounds_is_into_sterling(normalised):
    """ "2.9 billion Norwegian crowns (~215 million pounds)": money converted into pounds is
    sterling, not weight; a weight converted into pounds stays a weight."""
    topics = [
        {"key": "value", "kind": "quantity", "unit": "NOK"},
        {"key": "catch", "kind": "quantity", "unit": "t"},
    ]
    rows = {
        "a": [
            claim(
                "v",
                "value",
                "2.9 billion Norwegian crowns",
                converted="~215 million pounds",
                period="2024",
                quote="2.9 billion Norwegian crowns (about 215 million pounds)",
            ),
            claim(
                "c",
                "catch",
                "1,000 t",
                converted="~2.2 million pounds",
                period="2024",
                quote="1,000 tonnes (about 2.2 million pounds)",
            ),
        ]
    }
    result = normalised(rows, topics=topics, entities=[])
    assert result.problems == []
    read = result.claims.set_index("id")
    assert read.loc["v", "converted_dimension"] == "[currency_GBP]"
    assert read.loc["c", "converted_dimension"] == "[mass]"
