from checker.rules import derived
from conftest import claim, ids, run_rules


def test_twice_as_much_checked_against_the_previous_year(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "y2024",
                    "trade",
                    "US$80 million",
                    period="2024",
                    relation="x2",
                    relative_to="2023",
                    quote="US$80 million, twice as much as the previous year",
                )
            ],
            "b": [claim("y2023", "trade", "US$60 million", period="2023")],
        }
    )
    (finding,) = run_rules(result, derived)
    assert finding.claim_ids == ("y2023", "y2024") and "40 million" in finding.message


def test_relation_holds_or_has_nothing_to_check(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "y2024",
                    "trade",
                    "US$80 million",
                    period="2024",
                    relation="x2",
                    relative_to="2023",
                    quote="US$80 million, twice as much as the previous year",
                )
            ],
            "b": [claim("y2023", "trade", "US$40 million", period="2023")],
        }
    )
    assert run_rules(result, derived) == []
    result = normalised(
        {
            "a": [
                claim(
                    "y2024",
                    "trade",
                    "US$80 million",
                    period="2024",
                    relation="x2",
                    relative_to="2023",
                    quote="US$80 million, twice as much as the previous year",
                )
            ]
        }
    )
    assert run_rules(result, derived) == []


def test_percent_change_and_direction(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "y2020",
                    "overdoses",
                    "18,013 person",
                    period="2020",
                    relation="+16%",
                    relative_to="2019",
                    quote="18,013 individuals, a 16 per cent increase",
                ),
                claim("y2019", "overdoses", "15,528 person", period="2019"),
                claim(
                    "up",
                    "trade",
                    "US$1 billion",
                    period="2024",
                    relation="increase",
                    relative_to="2022",
                    quote="to US$1 billion",
                ),
                claim("y2022", "trade", "US$170 million", period="2022"),
            ]
        }
    )
    assert run_rules(result, derived) == []
    result = normalised(
        {
            "a": [
                claim(
                    "up",
                    "trade",
                    "US$100 million",
                    period="2024",
                    relation="increase",
                    relative_to="2022",
                    quote="to US$100 million",
                ),
                claim("y2022", "trade", "US$170 million", period="2022"),
            ]
        }
    )
    assert ids(run_rules(result, derived)) == [("derived-figures", ("up", "y2022"))]


def test_a_change_in_a_german_text_reads_its_decimal_comma(normalised):
    """ "+8,4%" in a German text is 8.4 %: €13,90 against €12,82 holds; "+9,4%" is flagged,
    its message giving the change the two figures make (+8.42 %), not their ratio."""
    topics = [{"key": "wage", "kind": "quantity", "unit": "EUR/hour"}]
    sources = [{"id": "a", "file": "a.txt", "published": "2026-01-07", "language": "de"}]

    def found(relation: str) -> list:
        rows = {
            "a": [
                claim(
                    "y2026",
                    "wage",
                    "EUR 13,90/hour",
                    period="2026",
                    relation=relation,
                    relative_to="2025",
                    quote=f"13,90 Euro, ein Plus von {relation.strip('+%')} Prozent",
                ),
                claim("y2025", "wage", "EUR 12,82/hour", period="2025", quote="12,82 Euro"),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[], sources=sources), derived)

    assert found("+8,4%") == []
    (finding,) = found("+9,4%")
    assert "the change between the two claims is +8.42 %" in finding.message


def test_a_relation_that_holds_with_its_own_texts_figure_is_no_finding(normalised):
    """ "14,080 transits, down 1.1 % from 14,239": another text's 14,293 for the year before
    is a conflict of the two counts (value-conflict's), not of the relation. Without its
    own text's figure, the relation is checked against the other text's."""
    topics = [{"key": "transits", "kind": "count", "label": "transits"}]

    def found(own_base: bool) -> list:
        rows = {
            "a": [
                claim(
                    "y23",
                    "transits",
                    "14,080",
                    period="2023",
                    relation="-1.1%",
                    relative_to="2022",
                    quote="14,080 transits, down 1.1% from 14,239",
                ),
            ],
            "b": [claim("b22", "transits", "14,293", period="2022", quote="14,293 transits")],
        }
        if own_base:
            rows["a"].append(claim("y22", "transits", "14,239", period="2022", quote="from 14,239"))
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert found(own_base=True) == []
    assert ids(found(own_base=False)) == [("derived-figures", ("b22", "y23"))]


def test_a_bodys_estimate_relative_to_a_time_meets_only_its_own_estimates(normalised):
    """A ministry's estimate "cut by about 3.1 billion, to 8.4 billion" refers to the
    ministry's 11.5 billion, never to a consumer group's 13.2 billion for the same day; the
    ministry's own figure still counts."""
    topics = [{"key": "cost", "kind": "quantity", "unit": "EUR"}]

    def found(ministry_base: str) -> list:
        cut = claim(
            "cut",
            "cost",
            "~EUR 8.4 billion",
            period="2024-09-23",
            modality="estimate",
            attributed_to="ministry",
            relation="~-EUR 3.1 billion",
            relative_to="2024-03-12",
            quote="cuts the expected cost by around EUR 3.1 billion, to approximately EUR 8.4 billion",
        )
        rows = {
            "a": [cut],
            "b": [
                claim(
                    "own",
                    "cost",
                    ministry_base,
                    period="2024-03-12",
                    modality="estimate",
                    attributed_to="ministry",
                    quote=ministry_base,
                ),
                claim(
                    "other",
                    "cost",
                    "EUR 13.2 billion",
                    period="2024-03-12",
                    modality="estimate",
                    attributed_to="consumers",
                    quote="EUR 13.2 billion",
                ),
            ],
        }
        entities = [{"key": "ministry", "label": "Ministry"}, {"key": "consumers", "label": "Consumer group"}]
        return run_rules(normalised(rows, topics=topics, entities=entities), derived)

    assert found("~EUR 11.5 billion") == []
    assert ids(found("~EUR 14.6 billion")) == [("derived-figures", ("cut", "own"))]


def test_duration_since_a_date(normalised):
    good = claim(
        "dur",
        "ban-duration",
        ">2 decades",
        period="2025-04-17",
        relation="since",
        relative_to="listing",
        quote="ending over two decades",
    )
    result = normalised({"a": [good, claim("listed", "listing", "2003", quote="In 2003")]})
    assert run_rules(result, derived) == []
    result = normalised({"a": [good, claim("listed", "listing", "2010", quote="In 2010")]})
    assert ids(run_rules(result, derived)) == [("derived-figures", ("dur", "listed"))]


def test_a_duration_that_fits_no_texts_date_of_its_start_is_one_finding(normalised):
    """ "Over two decades" since a listing three texts date to 2010: one finding on the
    duration naming the three dates, not three."""
    good = claim(
        "dur",
        "ban-duration",
        ">2 decades",
        period="2025-04-17",
        relation="since",
        relative_to="listing",
        quote="ending over two decades",
    )
    rows = {"a": [good], **{source: [claim(f"{source}-listed", "listing", "2010")] for source in "bcd"}}
    (finding,) = run_rules(normalised(rows), derived)
    assert finding.subject == "dur" and finding.claim_ids == ("b-listed", "c-listed", "d-listed", "dur")


def test_a_duration_from_a_time_of_day_is_counted_from_the_time(normalised):
    """'64 hours after' a detection at 02:14 on 8 March is 18:14 on 10 March: it fits a
    notification at 18:30 that day (no calendar day is added to a time of day); '30 hours'
    does not, and days between days stay counted as calendars count them."""
    topics = [
        {"key": "detected", "kind": "date", "event": "Breach detected"},
        {"key": "delay", "kind": "quantity", "unit": "hour"},
    ]

    def found(value: str, period: str, detected: str) -> list:
        rows = {
            "a": [
                claim("d", "delay", value, period=period, relation="since", relative_to="detected"),
                claim("t", "detected", detected, quote=f"detected {detected}"),
            ]
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), derived))

    assert found("64 hours", "2025-03-10T18:30Z", "2025-03-08T02:14Z") == []
    assert found("64 hours", "2025-03-10", "2025-03-08T02:14Z") == []
    assert found("30 hours", "2025-03-10T18:30Z", "2025-03-08T02:14Z") == [("derived-figures", ("d", "t"))]
    rows = {
        "a": [
            claim("d", "delay", "30 hours", period="2025-03-10T18:30Z", relation="since", relative_to="detected"),
            claim("t", "detected", "2025-03-08T02:14Z", quote="detected 2025-03-08T02:14Z"),
        ]
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), derived)
    assert finding.message.endswith("that is 2.7 days")  # in days, not "0.1 months"
    assert found("24 hours", "2025-03-11", "2025-03-08") == [("derived-figures", ("d", "t"))]


def test_a_direction_compares_the_stated_values(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "up",
                    "trade",
                    "US$1 billion",
                    period="2024",
                    relation="increase",
                    relative_to="2023",
                    quote="rose to US$1 billion",
                ),
                claim("y2023", "trade", "US$1.04 billion", period="2023"),
            ]
        }
    )
    assert ids(run_rules(result, derived)) == [("derived-figures", ("up", "y2023"))]


def test_a_stated_percentage_change_is_as_precise_as_its_digits(normalised):
    """EUR 4,412 million against EUR 4,085 million the year before is +8.0 %: '+8%' holds,
    '+12%' does not (a ratio in words keeps the looser tolerance)."""

    def findings(change: str):
        result = normalised(
            {
                "a": [
                    claim(
                        "fy24",
                        "trade",
                        "EUR 4,412 million",
                        period="2024",
                        relation=change,
                        relative_to="2023",
                        quote=f"revenue rose {change} to EUR 4,412 million",
                    )
                ],
                "b": [claim("fy23", "trade", "EUR 4,085 million", period="2023")],
            }
        )
        return ids(run_rules(result, derived))

    assert findings("+8%") == []
    assert findings("+8.0%") == []
    assert findings("+12%") == [("derived-figures", ("fy23", "fy24"))]
    assert findings("+10%") == [("derived-figures", ("fy23", "fy24"))]
    # A point off a small change is no rounding: +9.0 % is 1.0 point above what the figures
    # give (8.0 %); their own precision allows 7.99 to 8.02 %.
    assert findings("+9.0%") == [("derived-figures", ("fy23", "fy24"))]
    assert findings("+8.1%") == []  # within a fifth of a point: the slack


def _rates(normalised, relation: str, earlier: str, later: str = "11.8 %"):
    """Inflation of June and July 2025, the July claim stating a relation to June."""
    topics = [{"key": "inflation", "kind": "quantity", "unit": "%"}]
    rows = {
        "a": [
            claim(
                "july",
                "inflation",
                later,
                period="2025-07",
                relation=relation,
                relative_to="2025-06",
                quote=f"{later}, {relation} on June",
            )
        ],
        "b": [claim("june", "inflation", earlier, period="2025-06", quote=earlier)],
    }
    return run_rules(normalised(rows, topics=topics, entities=[]), derived)


def test_a_change_in_percentage_points_adds_to_the_reference(normalised):
    assert _rates(normalised, "+0.5 pp", "11.3 %") == []
    assert _rates(normalised, "+50 bp", "11.3 %") == []
    (finding,) = _rates(normalised, "+0.5 pp", "11.0 %")
    assert finding.claim_ids == ("july", "june") and "+0.8 percentage points" in finding.message


def test_percent_written_for_points_is_named(normalised):
    """'Up 0.5 %' from 11.3 % to 11.8 %: as a relative change 11.8 is 4.4 % above 11.3, but
    as points the figures fit."""
    (finding,) = _rates(normalised, "+0.5%", "11.3 %")
    assert "percent written for points?" in finding.message


def test_a_plans_stated_change_is_checked_against_the_plan_it_refers_to(normalised):
    """The 2025 budget 'a third more' than 2024's EUR 118.2m (both budgets, plans): EUR 141.8m
    is a fifth more, so the relation fails; an actual figure for 2024 is another kind."""
    topics = [{"key": "budget", "kind": "quantity", "unit": "EUR"}]

    def findings(reference_modality: str):
        rows = {
            "a": [
                claim(
                    "y2025",
                    "budget",
                    "EUR 141.8 million",
                    period="2025",
                    relation="+33%",
                    relative_to="2024",
                    modality="plan",
                    quote="EUR 141.8 million, a third more",
                )
            ],
            "b": [claim("y2024", "budget", "EUR 118.2 million", period="2024", modality=reference_modality)],
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), derived))

    assert findings("plan") == [("derived-figures", ("y2024", "y2025"))]
    assert findings("actual") == []


def test_a_relation_that_holds_with_another_figure_for_its_period_may_refer_to_that_one(normalised):
    """The 2025-26 budget of CAD 9.84 billion is '3.4 % above 2024-25': not the 2024-25
    budget of 9.41 billion (+4.6 %), but the forecast of 2024-25 spending, 9.52 billion,
    which another source gives. Without that forecast the relation fails."""
    topics = [{"key": "spending", "kind": "quantity", "unit": "CAD", "aggregation": "flow"}]

    def findings(with_forecast: bool):
        rows = {
            "brief": [
                claim(
                    "next",
                    "spending",
                    "CAD 9.84 billion",
                    period="2025-04/2026-03",
                    relation="+3.4%",
                    relative_to="2024-04/2025-03",
                    modality="plan",
                    quote="CAD 9.84 billion, 3.4 per cent more",
                )
            ],
            "ministry": [
                claim("budget", "spending", "CAD 9.41 billion", period="2024-04/2025-03", modality="plan"),
                *(
                    [claim("outturn", "spending", "CAD 9.52 billion", period="2024-04/2025-03", modality="forecast")]
                    if with_forecast
                    else []
                ),
            ],
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), derived))

    assert findings(False) == [("derived-figures", ("budget", "next"))]
    assert findings(True) == []


def test_a_narrowing_loss_tagged_as_a_decrease_is_explained(normalised):
    """'Narrowed its net loss to $18 million from $41 million': the signed figure rose."""
    topics = [{"key": "profit", "kind": "quantity", "unit": "USD", "label": "net profit"}]

    def findings(direction: str):
        rows = {
            "a": [
                claim("q4", "profit", "-US$18 million", period="2024-Q4", relation=direction, relative_to="2023-Q4"),
                claim("q4-prev", "profit", "-US$41 million", period="2023-Q4"),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert findings("increase") == []
    (finding,) = findings("decrease")
    assert "a loss that narrows is an increase" in finding.message


def _doubled(normalised, relation: str, sources=("b",)):
    """CAD 1.24 billion this year, stated as a relation to last year's CAD 0.58 billion
    (given by each of ``sources``)."""
    rows = {
        "a": [
            claim(
                "now",
                "trade",
                "US$1.24 billion",
                period="2024",
                relation=relation,
                relative_to="2023",
                quote="US$1.24 billion, more than double",
            )
        ]
    }
    for source in sources:
        rows[source] = [claim(f"{source}-before", "trade", "US$0.58 billion", period="2023")]
    return run_rules(normalised(rows), derived)


def test_a_relation_may_say_more_than_less_than_or_about(normalised):
    assert ids(_doubled(normalised, "x2")) == [("derived-figures", ("b-before", "now"))]  # 2.14 is not 2
    assert _doubled(normalised, ">x2") == [] and _doubled(normalised, "more than x2") == []
    assert _doubled(normalised, "x2+") == []
    assert ids(_doubled(normalised, "<x2")) == [("derived-figures", ("b-before", "now"))]
    assert _doubled(normalised, "~+114%") == [] and _doubled(normalised, "about +110%") == []
    assert ids(_doubled(normalised, "+110%")) == [("derived-figures", ("b-before", "now"))]


def test_a_relation_missing_every_sources_figure_is_one_finding(normalised):
    (finding,) = _doubled(normalised, "x3", sources=("b", "c", "d"))
    assert set(finding.claim_ids) == {"now", "b-before", "c-before", "d-before"}
    assert "c-before, d-before give a figure for it too" in finding.message


def test_a_topic_without_a_unit_leaves_no_gap_in_the_message(normalised):
    topics = [{"key": "calls", "kind": "count", "label": "port calls"}]
    rows = {
        "a": [claim("now", "calls", "1,055", period="2024-01", relation="+40%", relative_to="2023-01")],
        "b": [claim("before", "calls", "1,020", period="2023-01")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), derived)
    assert "it implies 753.6 for 2023-01" in finding.message and "  " not in finding.message


def test_a_figure_copied_onto_another_period_of_its_sentence_is_named(normalised):
    """The tagger gave the 2025 figure, from the same quote, to the 2024 row as well."""
    topics = [{"key": "earnings", "kind": "quantity", "unit": "USD", "aggregation": "flow"}]
    quote = "Q1 earnings reached US$1,004 million, up 14.7 per cent on a year earlier"
    rows = {
        "a": [
            claim(
                "now",
                "earnings",
                "US$1,004 million",
                period="2025-Q1",
                relation="+14.7%",
                relative_to="2024-Q1",
                quote=quote,
            ),
            claim("then", "earnings", "US$1,004 million", period="2024-Q1", quote=quote),
        ]
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), derived)
    assert "one copied onto the other's period?" in finding.message


def test_down_more_than_a_share_is_a_fall_larger_than_it(normalised):
    """Week 15's 170 cases are 'down more than 80 per cent' on week 9's 1,060 (a fall of 84 %):
    '>-80%' holds; '<-80%' (down less than 80 %) and '-80%' as stated do not."""
    topics = [{"key": "cases", "kind": "count", "aggregation": "flow"}]

    def findings(relation: str):
        rows = {
            "a": [
                claim("w15", "cases", "170", period="2025-W15", relation=relation, relative_to="2025-W09"),
                claim("w09", "cases", "1,060", period="2025-W09"),
            ]
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), derived))

    assert findings(">-80%") == []
    assert findings("<-80%") == [("derived-figures", ("w09", "w15"))]
    assert findings("-80%") == [("derived-figures", ("w09", "w15"))]


def test_a_rounded_figure_of_the_same_kind_does_not_excuse_a_relation_that_misses_the_precise_one(normalised):
    """Ridership 'rose 8 per cent' to 412.6 million from 389.2 million (+6.0 %): a third
    source's 'about 389 million' does not make +8 % right, and, read at its digits, is
    missed too."""
    topics = [{"key": "ridership", "kind": "quantity", "unit": "person", "aggregation": "flow"}]
    rows = {
        "wire": [claim("now", "ridership", "412.6 million person", period="2024", relation="+8%", relative_to="2023")],
        "agency": [claim("then", "ridership", "389.2 million person", period="2023")],
        "brief": [claim("rounded", "ridership", "~389 million person", period="2023")],
    }
    assert ids(run_rules(normalised(rows, topics=topics, entities=[]), derived)) == [
        ("derived-figures", ("now", "rounded", "then"))
    ]


def test_about_a_percentage_change_is_some_points_either_way(normalised):
    """'An increase of about 8 per cent' from $3.25: $3.35 (+3.1 %) is no such increase;
    $3.54 (+8.9 %) is."""
    topics = [{"key": "fare", "kind": "quantity", "unit": "CAD"}]

    def findings(value: str):
        rows = {
            "a": [
                claim("new", "fare", value, period="2025", relation="~+8%", relative_to="2024"),
                claim("old", "fare", "CAD 3.25", period="2024"),
            ]
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), derived))

    assert findings("CAD 3.35") == [("derived-figures", ("new", "old"))]
    assert findings("CAD 3.54") == []


def _rose_by(amount: str, to: str, before: str, **fields) -> dict:
    """A figure for 2024 stated with its change as an amount over 2023, and another
    source's figure for 2023."""
    return {
        "a": [
            claim(
                "y2024",
                fields.pop("topic", "trade"),
                to,
                period="2024",
                relation=amount,
                relative_to="2023",
                quote=f"rose by {amount.lstrip('+~>')} to {to}",
            )
        ],
        "b": [claim("y2023", fields.pop("topic_b", "trade"), before, period="2023")],
    }


def test_a_change_stated_as_an_amount_is_checked(normalised):
    # US$1.2 billion, up US$300 million: 2023 was about US$900 million, not US$600 million.
    (finding,) = run_rules(normalised(_rose_by("+US$300 million", "US$1.2 billion", "US$0.6 billion")), derived)
    assert finding.claim_ids == ("y2023", "y2024")
    assert "900 million" in finding.message and "+600 million" in finding.message
    # A fall stated as a negative amount; the figures rose instead.
    (finding,) = run_rules(normalised(_rose_by("-US$300 million", "US$1.2 billion", "US$0.9 billion")), derived)
    assert finding.claim_ids == ("y2023", "y2024")


def test_a_change_as_an_amount_that_holds_within_rounding(normalised):
    assert run_rules(normalised(_rose_by("+US$300 million", "US$1.24 billion", "US$0.94 billion")), derived) == []
    # The figures rounded: 1.2 billion from 0.9 billion is a rise of 300 million.
    assert run_rules(normalised(_rose_by("+US$312 million", "US$1.2 billion", "US$0.9 billion")), derived) == []
    # The change in another unit of the same kind, and a fall.
    assert (
        run_rules(
            normalised(
                _rose_by("-450 kt", "2.1 million t", "2.55 million t", topic="lpg-imports", topic_b="lpg-imports")
            ),
            derived,
        )
        == []
    )
    (finding,) = run_rules(
        normalised(_rose_by("-450 kt", "2.1 million t", "2.95 million t", topic="lpg-imports", topic_b="lpg-imports")),
        derived,
    )
    assert "2.55 million t for 2023" in finding.message


def test_an_about_or_more_than_amount_reads_as_it_says(normalised):
    # "about US$300 million" takes a rise of 330 million; a bare one does not.
    assert run_rules(normalised(_rose_by("~+US$300 million", "US$1.23 billion", "US$903 million")), derived) == []
    assert len(run_rules(normalised(_rose_by("+US$300 million", "US$1.23 billion", "US$903 million")), derived)) == 1
    # "more than US$300 million": any larger rise holds, a smaller one does not.
    assert run_rules(normalised(_rose_by(">+US$300 million", "US$1.5 billion", "US$0.9 billion")), derived) == []
    assert len(run_rules(normalised(_rose_by(">+US$300 million", "US$1.05 billion", "US$0.9 billion")), derived)) == 1


def test_a_change_as_an_amount_in_another_kind_of_unit_is_a_data_error(normalised):
    result = normalised(_rose_by("+300,000 t", "US$1.2 billion", "US$0.9 billion"))
    (problem,) = result.problems
    assert problem.column == "relation" and "is in" in problem.message
    # An amount that cannot be read says why, on the relation.
    result = normalised(_rose_by("+300 zorks", "US$1.2 billion", "US$0.9 billion"))
    (problem,) = result.problems
    assert problem.column == "relation" and "zorks" in problem.message
    # A percentage written in words is a change, not an amount of "per cent".
    for written in ("+16 per cent", "+16 percent", "+16 pct"):
        result = normalised(_rose_by(written, "US$1.2 billion", "US$0.9 billion"))
        assert result.problems == [] and result.claims["relation_kind"].tolist()[0] == "change"
    result = normalised(_rose_by("+16 perc", "US$1.2 billion", "US$0.9 billion"))
    (problem,) = result.problems
    assert problem.column == "relation"


SHARES = [
    {"key": "exports", "kind": "quantity", "unit": "bag", "label": "coffee exports"},
    {"key": "us-exports", "kind": "quantity", "unit": "bag", "label": "exports to the US", "part_of": "exports"},
    {"key": "us-share", "kind": "quantity", "unit": "%", "label": "US share", "share_of": "us-exports / exports"},
]


def _one_texts_figures(normalised, topics: list, figures: tuple, period: str) -> list:
    """derived-figures' findings on one text's figures for one time: (topic, value) pairs,
    each claim named after its topic."""
    rows = {"a": [claim(topic, topic, value, period=period) for topic, value in figures]}
    return run_rules(normalised(rows, topics=topics, entities=[]), derived)


def _share_corpus(share: str, part_source: str = "a") -> dict:
    rows = {
        "a": [
            claim("total", "exports", "50.44 million bags", period="2024"),
            claim("share", "us-share", share, period="2024"),
        ]
    }
    rows.setdefault(part_source, []).append(claim("us", "us-exports", "8.1 million bags", period="2024"))
    return rows


def test_a_share_is_checked_against_its_part_over_its_whole(normalised):
    # 8.1 of 50.44 million bags is 16.06 %: "16.1 %" holds, "19.1 %" does not.
    assert run_rules(normalised(_share_corpus("16.1 %"), topics=SHARES), derived) == []
    (finding,) = run_rules(normalised(_share_corpus("19.1 %"), topics=SHARES), derived)
    assert finding.claim_ids == ("share", "total", "us") and "16.1 %" in finding.message
    # A transposed share is named as one.
    (finding,) = run_rules(normalised(_share_corpus("61.1 %"), topics=SHARES), derived)
    assert finding.diagnosis.startswith("digit transposition")
    # The part from another source: 2 % slack between sources ("16.3 %" holds, "17 %" not).
    assert run_rules(normalised(_share_corpus("16.3 %", part_source="b"), topics=SHARES), derived) == []
    assert len(run_rules(normalised(_share_corpus("17 %", part_source="b"), topics=SHARES), derived)) == 1


def test_a_texts_share_divides_its_own_part_and_whole_of_different_kinds(normalised):
    """ "The $1.41 billion grant covers 11.4 % of the $12.4 billion the first phase is to
    cost": an agreement over a plan, both in the share's own text. "12.4 %" is flagged; a
    part of another kind in another text is never divided."""
    topics = [
        {"key": "grant", "kind": "quantity", "unit": "USD", "label": "grant"},
        {"key": "cost", "kind": "quantity", "unit": "USD", "label": "first-phase cost"},
        {"key": "share", "kind": "quantity", "unit": "%", "label": "grant share", "share_of": "grant / cost"},
    ]

    def run(share: str, grant_source: str = "a") -> list:
        rows = {
            "a": [
                claim("cost", "cost", "$12.4 billion", modality="plan"),
                claim("share", "share", share, modality="plan"),
            ]
        }
        rows.setdefault(grant_source, []).append(claim("grant", "grant", "$1.41 billion", modality="agreement"))
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert run("about 11.4 %") == []
    (finding,) = run("about 12.4 %")
    assert finding.claim_ids == ("cost", "grant", "share") and "11.4 %" in finding.message
    assert run("about 12.4 %", grant_source="b") == []


def test_a_share_meets_what_all_sources_say_of_its_whole_together(normalised):
    """3,451 unsheltered of a whole given as "about 8,400" by one source and 8,412 by two:
    the whole is 8,412 (what every reading allows), so "46 %" is flagged (41.0 %), however
    wide "about 8,400" alone would be; "41 %" holds."""
    topics = [
        {"key": "total", "kind": "count", "label": "people counted"},
        {"key": "unsheltered", "kind": "count", "label": "unsheltered", "part_of": "total"},
        {
            "key": "share",
            "kind": "quantity",
            "unit": "%",
            "label": "unsheltered share",
            "share_of": "unsheltered / total",
        },
    ]

    def run(share: str, other: str = "8,412"):
        rows = {
            "a": [claim("part", "unsheltered", "3,451", period="2025"), claim("share", "share", share, period="2025")],
            "b": [claim("about", "total", "about 8,400", period="2025")],
            "c": [claim("exact", "total", "8,412", period="2025"), claim("other", "total", other, period="2025")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert run("41 %") == []
    (finding,) = run("46 %")
    assert set(finding.claim_ids) == {"share", "part", "exact"} and "41 %" in finding.message
    # Two precise wholes that disagree (8,142 is a slip): the share may be either's, never
    # the vaguer "about 8,400"'s.
    assert run("42 %", other="8,142") == []
    assert len(run("46 %", other="8,142")) == 1


def test_a_share_of_topics_that_do_not_compare_is_a_data_error(normalised):
    topics = [*SHARES[:2], {"key": "us-share", "kind": "quantity", "unit": "%", "share_of": "us-exports / trade"}]
    result = normalised(_share_corpus("16.1 %"), topics=topics)
    assert any(
        problem.column == "share_of" and "unknown topic 'trade'" in problem.message for problem in result.problems
    )


def test_a_whole_number_of_units_since_a_date_counts_the_units_completed(normalised):
    """ "Five months after" an announcement five months and seventeen days before fits (texts
    count completed months); "five months" after one six and a half months before does not."""
    topics = [
        {"key": "announced", "kind": "date", "event": "Deal announced"},
        {"key": "time-to-close", "kind": "quantity", "unit": "month"},
    ]

    def found(announced: str) -> list:
        rows = {
            "a": [
                claim("d", "time-to-close", "5 month", period="2025-08-27", relation="since", relative_to="announced"),
                claim("t", "announced", announced, quote=f"announced {announced}"),
            ]
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), derived))

    assert found("2025-03-10") == []
    assert found("2025-02-10") == [("derived-figures", ("d", "t"))]


def test_a_share_topic_without_a_unit_is_a_share_too(normalised):
    topics = [*SHARES[:2], {"key": "us-share", "kind": "quantity", "share_of": "us-exports / exports"}]
    result = normalised(
        {
            "a": [
                claim("total", "exports", "50.44 million bags", period="2024"),
                claim("us", "us-exports", "8.1 million bags", period="2024"),
                claim("share", "us-share", "0.191", period="2024"),
            ]
        },
        topics=topics,
    )
    (finding,) = run_rules(result, derived)
    assert finding.claim_ids == ("share", "total", "us")


def test_a_share_divides_only_figures_in_one_unit(normalised):
    """Payouts of $9.6 billion (a currency slip for €9.6 billion) over revenue of €15.7
    billion make no share: the 61 % stated is not checked against dollars over euros, and
    holds against the euros."""
    topics = [
        {"key": "revenue", "kind": "quantity", "unit": "EUR"},
        {"key": "payouts", "kind": "quantity", "unit": "EUR", "part_of": "revenue"},
        {"key": "payout-share", "kind": "quantity", "unit": "%", "share_of": "payouts / revenue"},
    ]

    def found(payouts: str) -> list:
        rows = {
            "a": [
                claim("rev", "revenue", "€15.7 billion", period="2024"),
                claim("pay", "payouts", payouts, period="2024"),
                claim("share", "payout-share", "71 %", period="2024"),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert found("$9.6 billion") == []
    (finding,) = found("€9.6 billion")
    assert set(finding.claim_ids) == {"pay", "rev", "share"}


def test_a_level_relative_to_a_year_meets_its_level_at_the_years_end(normalised):
    """ "Deposits nearly tripled between 2019 and 2022", with deposits given at the end of
    2019 only: the year-end level is the one referred to, so $28.4 billion then makes
    $55.3 billion no tripling (1.95×), and $18.6 billion does. A flow's year is never its
    last day."""

    def found(earlier: str, aggregation: str = "stock") -> list:
        topics = [{"key": "deposits", "kind": "quantity", "unit": "USD", "aggregation": aggregation}]
        rows = {
            "a": [claim("d2022", "deposits", "$55.3 billion", period="2022", relation="~x3", relative_to="2019")],
            "b": [claim("d2019", "deposits", earlier, period="2019-12-31")],
        }
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), derived))

    assert found("$28.4 billion") == [("derived-figures", ("d2019", "d2022"))]
    assert found("$18.6 billion") == []
    assert found("$28.4 billion", aggregation="flow") == []


def test_nearly_halved_reads_a_tenth_of_the_multiple_either_way(normalised):
    """356,000 to 193,000 (0.542) is "nearly halved" (~x0.5); to 230,000 (0.646) it is not."""

    def found(after: str) -> list:
        rows = {
            "a": [
                claim("y2024", "trade", after, period="2024", relation="~x0.5", relative_to="2023"),
                claim("y2023", "trade", "US$356,000", period="2023"),
            ]
        }
        return run_rules(normalised(rows), derived)

    assert found("US$193,000") == []
    assert len(found("US$230,000")) == 1


def test_a_change_in_pc_is_a_percentage_change(normalised):
    """British papers' "+55pc" is a change of 55 %, never an amount of 55 "pc"."""
    result = normalised(_rose_by("+16pc", "US$1.2 billion", "US$0.9 billion"))
    assert result.problems == [] and result.claims["relation_kind"].tolist()[0] == "change"


def test_a_share_in_a_scope_meets_a_part_of_no_scope(normalised):
    """Germany's 8.4 % of the 14 markets' sales: the whole is scoped (14 markets), Germany's
    sales are not; 193,000 of 2.31 million is 8.35 %, so 4.8 % is flagged."""
    topics = [
        {"key": "eu-sales", "kind": "count"},
        {"key": "de-sales", "kind": "count", "part_of": "eu-sales"},
        {"key": "de-share", "kind": "quantity", "unit": "%", "share_of": "de-sales / eu-sales"},
    ]

    def found(share: str) -> list:
        rows = {
            "a": [
                claim("eu", "eu-sales", "2.31 million", period="2024", scope="14-markets"),
                claim("de", "de-sales", "193,000", period="2024"),
                claim("share", "de-share", share, period="2024", scope="14-markets"),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert found("8.4 %") == []
    (finding,) = found("4.8 %")
    assert finding.subject == "share" and "8.35 %" in finding.message


def test_a_relation_meets_only_figures_of_its_own_subject(normalised):
    """A nation's flock "down 5.3% from a year earlier" is checked against the nation's
    figure for that year, never a state's (Ohio's 15.3 million would imply 18.8 times the
    fall); the state's own relation meets the state's figure."""
    entities = [{"key": "ohio", "label": "Ohio"}]
    topics = [{"key": "flock", "kind": "count"}]
    national = claim(
        "us-2025", "flock", "287.6 million", period="2025-02-01", relation="-5.3%", relative_to="2024-02-01"
    )
    rows = {
        "a": [national, claim("us-2024", "flock", "303.7 million", period="2024-02-01")],
        "b": [
            claim("oh-2024", "flock", "15.3 million", period="2024-02-01", subject="ohio"),
            claim(
                "oh-2025",
                "flock",
                "11.8 million",
                period="2025-02-01",
                subject="ohio",
                relation="x2",
                relative_to="2024-02-01",
            ),
        ],
    }
    findings = run_rules(normalised(rows, topics=topics, entities=entities), derived)
    assert ids(findings) == [("derived-figures", ("oh-2024", "oh-2025"))]


def test_a_deal_stated_relative_to_what_is_meets_its_own_texts_actual_figure(normalised):
    """ "Rises from $98,420 to $110,770, an increase of 15.2 per cent": the top of the scale
    the deal sets (an agreement) against today's pay (actual), from the same text, rises
    12.5 %; with no agreed figure for that time, the relation meets the actual one. Another
    text's actual figure is no reference for it."""
    topics = [{"key": "salary", "kind": "quantity", "unit": "CAD"}]

    def run(relation: str, same_source: bool = True):
        deal = claim(
            "deal",
            "salary",
            "$110,770",
            period="2026-07/2027-06",
            modality="agreement",
            relation=relation,
            relative_to="2023-06-30",
        )
        today = claim("today", "salary", "$98,420", period="2023-06-30")
        rows = {"a": [deal, today]} if same_source else {"a": [deal], "b": [today]}
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert run("+12.5%") == []
    assert ids(run("+15.2%")) == [("derived-figures", ("deal", "today"))]
    assert run("+15.2%", same_source=False) == []


def test_a_named_bodys_estimated_share_is_held_to_the_count_only_beyond_two_methods_gap(normalised):
    """An exit poll's 30 % against a quotient of 31.5 % (the count's share),
    within what two bodies' methods put apart, passes; 19 % against 31.5 % does not, and
    the same 30 % unattributed is held to the count."""
    topics = [
        {"key": "valid", "kind": "count", "label": "valid votes"},
        {"key": "party-votes", "kind": "count", "label": "party votes", "part_of": "valid"},
        {"key": "party-share", "kind": "quantity", "unit": "%", "share_of": "party-votes / valid"},
    ]
    entities = [{"key": "polaris", "label": "Polaris exit poll"}]

    def found(share: str, **fields) -> list:
        rows = {
            "cec": [
                claim("valid", "valid", "4,290,000", period="2025-09-14"),
                claim("votes", "party-votes", "1,351,203", period="2025-09-14"),
            ],
            "wire": [claim("exit", "party-share", share, period="2025-09-14", **fields)],
        }
        return run_rules(normalised(rows, topics=topics, entities=entities), derived)

    assert found("30 %", modality="estimate", attributed_to="polaris") == []
    assert len(found("19 %", modality="estimate", attributed_to="polaris")) == 1
    assert len(found("30 %")) == 1


def test_another_bodys_estimate_is_no_whole_of_a_share_it_does_not_give(normalised):
    """ "BNDES has committed R$9.6 billion, 48 % of the cost", beside a watchdog's estimate
    that the cost could reach R$23 billion (41.7 %): the share is of the owner's cost, not
    the watchdog's, which the text gives beside the owner's cost of another month. The
    watchdog's own share of its own estimate is held to it, and so is a share of the only
    estimate its text gives (a statistics office's GDP)."""
    topics = [
        {"key": "cost", "kind": "quantity", "unit": "BRL"},
        {"key": "loan", "kind": "quantity", "unit": "BRL"},
        {"key": "loan-share", "kind": "quantity", "unit": "%", "share_of": "loan / cost"},
    ]
    entities = [{"key": "watchdog", "label": "Rios Vivos"}]

    def found(share_body: str, owners_cost: bool = True) -> list:
        rows = {
            "a": [
                claim("loan", "loan", "R$9.6 billion", period="2025-06"),
                claim("share", "loan-share", "48 %", period="2025-06", attributed_to=share_body),
                claim("cost", "cost", "R$23 billion", period="2025-06", modality="estimate", attributed_to="watchdog"),
            ]
        }
        if owners_cost:
            rows["a"].append(claim("owner", "cost", "R$20.08 billion", period="2025-02", modality="estimate"))
        return run_rules(normalised(rows, topics=topics, entities=entities), derived)

    assert found("") == []
    assert [finding.subject for finding in found("watchdog")] == ["share"]
    assert [finding.subject for finding in found("", owners_cost=False)] == ["share"]


def test_a_superseded_share_is_not_divided_across_its_texts_current_figures(normalised):
    """A preliminary turnout since revised (67.4 %) beside the final counts of its own text
    (67.9 %): the old figure was another count's quotient."""
    topics = [
        {"key": "registered", "kind": "count", "label": "registered voters"},
        {"key": "ballots", "kind": "count", "label": "ballots cast", "part_of": "registered"},
        {"key": "turnout", "kind": "quantity", "unit": "%", "share_of": "ballots / registered"},
    ]

    def found(modality: str) -> list:
        rows = {
            "cec": [
                claim("registered", "registered", "6,412,880", period="2025-09-14"),
                claim("ballots", "ballots", "4,354,346", period="2025-09-14"),
                claim("turnout", "turnout", "67.4 %", period="2025-09-14", modality=modality),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert found("superseded") == []
    assert len(found("")) == 1


def test_a_target_share_is_not_divided_across_figures_of_other_kinds_only(normalised):
    """A budgeted deficit of 4.9 % of GDP (a target) beside the revised deficit and the
    latest GDP (actual figures, 4.84 %): the target was the budget's own deficit over the
    GDP it assumed, which the text does not give. With the budgeted deficit given, the
    share is divided (its own kind beside the other)."""
    topics = [
        {"key": "gdp", "kind": "quantity", "unit": "INR", "label": "GDP"},
        {"key": "deficit", "kind": "quantity", "unit": "INR", "label": "fiscal deficit"},
        {"key": "ratio", "kind": "quantity", "unit": "%", "label": "deficit ratio", "share_of": "deficit / gdp"},
    ]

    def run(*extra) -> list:
        rows = {
            "mof": [
                claim("fd-re", "deficit", "₹15,69,527 crore", period="2024"),
                claim("gdp", "gdp", "₹3,24,11,406 crore", period="2024"),
                claim("ratio-be", "ratio", "4.9 %", period="2024", modality="target"),
                *extra,
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert run() == []
    (finding,) = run(claim("fd-be", "deficit", "₹16,85,494 crore", period="2024", modality="target"))
    assert finding.claim_ids == ("fd-be", "gdp", "ratio-be")


def test_a_share_of_people_over_a_plain_count_divides(normalised):
    """Turnout: ballots cast (a plain count) over registered voters (counted in people)."""
    topics = [
        {"key": "registered", "kind": "count", "unit": "person", "label": "registered voters"},
        {"key": "ballots", "kind": "count", "label": "ballots cast"},
        {"key": "turnout", "kind": "quantity", "unit": "%", "share_of": "ballots / registered"},
    ]

    def found(turnout: str) -> list:
        figures = (("registered", "6,412,880"), ("ballots", "4,354,346"), ("turnout", turnout))
        return _one_texts_figures(normalised, topics, figures, "2025-09-14")

    assert found("67.9 %") == []
    assert len(found("69.7 %")) == 1


def test_a_regions_share_is_not_divided_by_the_nations_part_and_whole(normalised):
    """21.2 % aged 65 and over in one region, beside the nation's 1,007,490 of 6,412,087
    (15.7 %): neither figure is the region's, so nothing is divided; with the region's
    own whole, the nation's part (no scope) stands for it as before."""
    topics = [
        {"key": "population", "kind": "count", "label": "population"},
        {"key": "older", "kind": "count", "label": "aged 65 and over", "part_of": "population"},
        {"key": "share", "kind": "quantity", "unit": "%", "share_of": "older / population"},
    ]

    def found(*regional) -> list:
        rows = {
            "office": [
                claim("pop", "population", "6,412,087", period="2024"),
                claim("old", "older", "1,007,490", period="2024"),
            ],
            "paper": [claim("share", "share", "21.2 %", period="2024", scope="highlands"), *regional],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert found() == []
    assert len(found(claim("pop-h", "population", "3,000,000", period="2024", scope="highlands"))) == 1


def test_a_share_of_two_money_topics_in_two_currencies_divides_figures_in_one(normalised):
    """A mine's royalties (topic in dollars) over the nation's (in kwacha), the text giving
    both in kwacha: "K2.05 billion of K19.7 billion, just over a tenth" is accepted and
    divided (10.4 %); "15 %" is flagged."""
    topics = [
        {"key": "mine", "kind": "quantity", "unit": "USD"},
        {"key": "nation", "kind": "quantity", "unit": "ZMW"},
        {"key": "share", "kind": "quantity", "unit": "%", "share_of": "mine / nation"},
    ]

    def found(share: str) -> list:
        rows = {
            "a": [
                claim("mine-k", "mine", "ZMW 2.05 billion", period="2024"),
                claim("nation", "nation", "ZMW 19.7 billion", period="2024"),
                claim("share", "share", share, period="2024"),
            ]
        }
        result = normalised(rows, topics=topics, entities=[])
        assert result.problems == []
        return run_rules(result, derived)

    assert found("10.4 %") == []
    assert len(found("15 %")) == 1


def test_a_share_meets_its_texts_level_of_a_day_or_two_apart(normalised):
    """ "As of 19 May, US$151.3 million, or 22 % of the revised requirement", in a release of
    20 May that gives the requirement, US$687.5 million, as of its day: 22 % holds, 27 %
    does not. A level of another text, or a week apart, is no part of it."""
    topics = [
        {"key": "funded", "kind": "quantity", "unit": "USD", "aggregation": "cumulative"},
        {"key": "required", "kind": "quantity", "unit": "USD", "aggregation": "stock"},
        {"key": "funded-share", "kind": "quantity", "unit": "%", "share_of": "funded / required"},
    ]

    def found(share: str, required_period: str = "2025-05-20", same_text: bool = True) -> list:
        rows = {
            "a": [
                claim("funded", "funded", "US$151.3 million", period="2025-05-19"),
                claim("share", "funded-share", share, period="2025-05-19"),
            ]
        }
        required = claim("required", "required", "US$687.5 million", period=required_period)
        rows.setdefault("a" if same_text else "b", []).append(required)
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert found("22 %") == []
    assert [finding.subject for finding in found("27 %")] == ["share"]
    assert found("27 %", required_period="2025-05-27") == []
    assert found("27 %", same_text=False) == []


def test_an_about_part_of_a_share_is_read_at_its_digits(normalised):
    """ "About 60 % of that, or $2.5 million" of $4.2 million: the "about" rounds $2.5
    million to its digits, not a tenth either side, so "about 70 %" does not hold."""
    topics = [
        {"key": "pilot", "kind": "quantity", "unit": "USD"},
        {"key": "school", "kind": "quantity", "unit": "USD", "part_of": "pilot"},
        {"key": "school-share", "kind": "quantity", "unit": "%", "share_of": "school / pilot"},
    ]

    def found(share: str) -> list:
        figures = (("pilot", "US$4.2 million"), ("school", "~US$2.5 million"), ("school-share", share))
        return _one_texts_figures(normalised, topics, figures, "2026")

    assert found("~60 %") == []
    assert [finding.subject for finding in found("~70 %")] == ["school-share"]


def test_a_part_in_another_currency_divides_by_its_stated_conversion(normalised):
    """Singapore customers' claims "S$186 million (US$139 million)" of US$2.14 billion in
    all: 6.5 % holds by the conversion, 8.5 % does not."""
    topics = [
        {"key": "claims", "kind": "quantity", "unit": "USD"},
        {"key": "sg-claims", "kind": "quantity", "unit": "USD", "part_of": "claims"},
        {"key": "sg-share", "kind": "quantity", "unit": "%", "share_of": "sg-claims / claims"},
    ]

    def found(share: str) -> list:
        rows = {
            "a": [
                claim("all", "claims", "US$2.14 billion", period="2024-03-14"),
                claim(
                    "sg",
                    "sg-claims",
                    "S$186 million",
                    "S$186 million (US$139 million)",
                    period="2024-03-14",
                    converted="US$139 million",
                ),
                claim("share", "sg-share", share, period="2024-03-14"),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert found("6.5 %") == []
    (finding,) = found("8.5 %")
    assert finding.subject == "share" and finding.message.endswith(": 6.5 %")


def test_an_about_base_of_a_stated_change_is_read_at_its_digits(normalised):
    """ "1.46 million votes against roughly 1.18 million in 2020, a rise of 19 percent": at
    its digits 1.18 million makes +23.7 %, so +19 % misses it (read as 1.12 to 1.24 million,
    it passed); +24 % holds."""
    topics = [{"key": "votes", "kind": "count"}]

    def found(change: str) -> list:
        rows = {
            "a": [
                claim("now", "votes", "1.46 million", period="2025", relation=change, relative_to="2020"),
                claim("then", "votes", "~1.18 million", period="2020"),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert ids(found("+19%")) == [("derived-figures", ("now", "then"))]
    assert found("+24%") == []


def test_a_share_of_a_running_total_so_far_meets_the_whole_of_its_period(normalised):
    """ "Had received US$56.6 million by mid-May, or 46 percent" of the year's US$138 million
    appeal: 41 %. The running total so far is divided by the whole of the period its day
    lies in; 41 % holds."""
    topics = [
        {"key": "appeal", "kind": "quantity", "unit": "USD", "aggregation": "flow"},
        {"key": "funded", "kind": "quantity", "unit": "USD", "aggregation": "cumulative", "part_of": "appeal"},
        {"key": "funded-share", "kind": "quantity", "unit": "%", "aggregation": "stock", "share_of": "funded / appeal"},
    ]

    def found(share: str) -> list:
        rows = {
            "a": [
                claim("appeal", "appeal", "US$138 million", period="2025"),
                claim("funded", "funded", "US$56.6 million", period="2025-05-11/2025-05-20"),
                claim("share", "funded-share", share, period="2025-05-11/2025-05-20"),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), derived)

    assert ids(found("46 %")) == [("derived-figures", ("appeal", "funded", "share"))]
    assert found("41 %") == []
