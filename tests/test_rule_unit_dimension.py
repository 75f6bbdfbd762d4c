import pytest

from checker.rules import unit_dimension
from conftest import claim, ids, run_rules


def test_volume_and_mass_disagreeing_under_every_density(normalised):
    result = normalised(
        {
            "a": [claim("a1", "lpg-imports", "50 million m^3", period="2024")],
            "b": [claim("b1", "lpg-imports", "=200,000 t", period="2024")],
        }
    )
    (finding,) = run_rules(result, unit_dimension)
    assert finding.claim_ids == ("a1", "b1") and finding.severity == "error"


def test_consistent_only_as_gas_is_a_note_naming_the_phases(normalised):
    result = normalised(
        {
            "a": [claim("a1", "lpg-imports", "=50 million m^3", period="2024")],
            "b": [claim("b1", "lpg-imports", "~100,000 t", period="2024")],
        }
    )
    (finding,) = run_rules(result, unit_dimension)
    assert finding.severity == "note"
    assert "as a gas" in finding.message and "as a liquid" in finding.message


def test_without_a_density_the_pair_is_not_comparable(normalised):
    topics = [{"key": "cargo", "kind": "quantity", "unit": "t"}]
    result = normalised(
        {
            "a": [claim("a1", "cargo", "50 million m^3", period="2024")],
            "b": [claim("b1", "cargo", "200,000 t", period="2024")],
        },
        topics=topics,
        entities=[],
    )
    findings = run_rules(result, unit_dimension)
    assert ("unit-dimension", ("a1", "b1")) in ids(findings)
    assert all(f.diagnosis.startswith("not comparable") for f in findings)


def test_same_dimension_is_not_this_rules_business(normalised):
    result = normalised(
        {
            "a": [claim("a1", "lpg-imports", "50 t", period="2024")],
            "b": [claim("b1", "lpg-imports", "5,000,000 t", period="2024")],
        }
    )
    assert run_rules(result, unit_dimension) == []


def test_a_single_claim_in_an_unreachable_dimension(normalised):
    result = normalised({"a": [claim("a1", "lpg-imports", "US$132 million", period="2024")]})
    assert ids(run_rules(result, unit_dimension)) == [("unit-dimension", ("a1",))]


def test_a_target_in_another_currency_is_flagged_like_an_actual_figure(normalised):
    result = normalised(
        {
            "a": [
                claim("target", "trade", "RUB 300 billion", period="2025", modality="target"),
                claim("actual", "trade", "US$1 billion", period="2024"),
            ]
        }
    )
    assert ids(run_rules(result, unit_dimension)) == [("unit-dimension", ("target",))]
    assert run_rules(result, unit_dimension)[0].severity == "note"  # money in two currencies


def test_a_value_converted_into_the_topics_currency_is_read_by_its_conversion(normalised):
    """'US$4.4 million (CHF 3.9 million)' under a topic in CHF is not 'not comparable': its
    stated CHF figure is compared (and agrees with another source's CHF 3.9 million)."""

    def findings(converted: str):
        herald = claim(
            "h",
            "appeal",
            "US$4.4 million",
            period="2024",
            converted=converted,
            quote=f"appealed for US$4.4 million ({converted})",
        )
        result = normalised(
            {"herald": [herald], "who": [claim("w", "appeal", "CHF 3.9 million", period="2024")]},
            topics=[{"key": "appeal", "kind": "quantity", "unit": "CHF"}],
            entities=[],
        )
        return run_rules(result, unit_dimension)

    assert findings("CHF 3.9 million") == []
    (finding,) = findings("CHF 5.9 million")
    assert finding.claim_ids == ("h", "w") and finding.severity == "error"
    assert "US$4.4 million (stated as CHF 5.9 million) and CHF 3.9 million disagree in CHF" in finding.message


def test_a_rate_and_an_amount_of_a_flow_compare_over_their_period(normalised):
    """5,200 people a month over 2024 are about 62,400 people: no finding; against 82,400,
    an error that says over which period the rate was read."""
    topics = [{"key": "emigrants", "kind": "count", "unit": "person", "aggregation": "flow"}]

    def findings(amount: str):
        result = normalised(
            {
                "paper": [
                    claim("monthly", "emigrants", "~5,200 person/month", period="2024", quote="about 5,200 a month")
                ],
                "brief": [claim("yearly", "emigrants", f"{amount} person", period="2024", quote=f"{amount} people")],
            },
            topics=topics,
            entities=[],
        )
        return run_rules(result, unit_dimension)

    assert findings("62,400") == []
    (finding,) = findings("82,400")
    assert finding.severity == "error" and "~5,200 person/month (over 2024)" in finding.message
    # Both shown as amounts in the topic's unit, the rate taken over the year.
    assert "56,275 person–68,781 person against" in finding.message


def test_a_money_rate_over_its_period_shows_as_an_amount_in_the_topics_unit(normalised):
    """About €65 million a year over three years against "EUR 195 Mrd" (a scale slip): the
    rate shows as 175.5 to 214.5 million euros, not as trillions of euros a year."""
    topics = [{"key": "cost", "kind": "quantity", "unit": "EUR", "aggregation": "flow"}]
    rows = {
        "a": [claim("rate", "cost", "~€65 million/year", period="2025-07/2028-06")],
        "b": [claim("amount", "cost", "EUR 195 billion", period="2025-07/2028-06")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
    assert "trillion" not in finding.message and "million EUR" in finding.message


def test_the_same_figure_in_two_currencies_is_a_currency_slip(normalised):
    """€1.24 billion where the others say US$1.24 billion: no exchange rate makes the two one
    figure, so one sign is wrong (an error); €1.15 billion is a conversion (not comparable)."""
    topics = [{"key": "aid", "kind": "quantity", "unit": "USD"}]

    def finding(euros: str):
        rows = {
            "a": [claim("a", "aid", "US$1.24 billion", period="2025", quote="US$1.24 billion")],
            "b": [claim("b", "aid", euros, period="2025", quote=euros)],
        }
        (found,) = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
        return found

    slip = finding("€1.24 billion")
    assert slip.severity == "error" and slip.diagnosis.startswith("a currency slip") and slip.claim_ids == ("a", "b")
    other = finding("€1.15 billion")
    assert other.severity == "note" and other.diagnosis.startswith("not comparable")  # two currencies: a note
    # "About" widens the figure, not the sign: about €1.1 billion is a conversion at about
    # 1.13 dollars a euro, which a euro was worth.
    rounded = finding("about €1.1 billion")
    assert rounded.severity == "note" and rounded.diagnosis.startswith("not comparable")


def test_two_currencies_at_a_fixed_parity_are_compared_at_it(normalised):
    """The dirham is held at 3.6725 to the dollar: AED 9.6 billion and US$2.61 billion are
    one figure; US$261 million against it is a scale slip; a dirham figure alone under a
    topic in dollars is comparable, so no note. Two floating currencies stay a note."""
    topics = [{"key": "cash", "kind": "quantity", "unit": "USD"}]

    def found(dollars: str, dirhams: str = "AED 9.6 billion") -> list:
        rows = {
            "a": [claim("a", "cash", dirhams, period="2025-09-30", quote=dirhams)],
            "b": [claim("b", "cash", dollars, period="2025-09-30", quote=dollars)],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)

    assert found("US$2.61 billion") == []
    (slip,) = found("US$261 million")
    assert slip.severity == "error" and slip.diagnosis.startswith("scale slip") and "3.6725 AED per USD" in slip.message
    (apart,) = found("US$2.2 billion")
    assert apart.severity == "error" and apart.diagnosis.startswith("different figures at the fixed parity")
    alone = {"a": [claim("a", "cash", "AED 9.6 billion", period="2025-09-30", quote="AED 9.6 billion")]}
    assert run_rules(normalised(alone, topics=topics, entities=[]), unit_dimension) == []
    (floating,) = found("US$2.61 billion", "€2.2 billion")
    assert floating.severity == "note" and "fixed parity" in floating.message


def test_a_figure_stated_in_another_claims_conversion_currency_is_compared_with_it(normalised):
    """'About €1.1 billion' beside 'USD 1.24 billion (EUR 1.09 billion)' and '$1.24bn': the
    euro figure agrees with the stated conversion, so it is compared, and no pair warns that
    euros cannot be compared; €1.9 billion disagrees with it (an error)."""
    topics = [{"key": "aid", "kind": "quantity", "unit": "USD"}]

    def findings(euros: str):
        rows = {
            "a": [
                claim(
                    "a",
                    "aid",
                    "USD 1.24 billion",
                    period="2025",
                    converted="EUR 1.09 billion",
                    quote="USD 1.24 billion (EUR 1.09 billion)",
                )
            ],
            "b": [claim("b", "aid", euros, period="2025")],
            "c": [claim("c", "aid", "US$1.24 billion", period="2025")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)

    assert findings("about €1.1 billion") == []
    (finding,) = findings("€1.9 billion")
    assert finding.severity == "error" and finding.claim_ids == ("a", "b")


def test_a_rate_against_its_amount_in_a_stock_topic_says_so(normalised):
    """Peak demand in GW, one claim in GWh: one finding (not one more for the claim alone),
    saying that one is a rate of the other."""
    topics = [{"key": "peak", "kind": "quantity", "unit": "GW", "aggregation": "stock"}]
    rows = {
        "a": [claim("a", "peak", "7.8 GW", period="2025", quote="7.8 GW")],
        "b": [claim("b", "peak", "7.8 GWh", period="2025", quote="7.8 GWh")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
    assert "a rate of the other" in finding.message and "a power" in finding.message


def test_a_plain_count_a_day_and_its_months_total_compare_over_the_period(normalised):
    """44 transits a day in January are about 1,364 transits: 1,362 agrees, 1,862 does not;
    neither is 'not comparable' for want of a density."""
    topics = [{"key": "transits", "kind": "count", "aggregation": "flow"}]

    def findings(total: str):
        rows = {
            "wire": [claim("daily", "transits", "44 a day", period="2024-01", quote="44 a day")],
            "brief": [claim("month", "transits", f"{total} transits", period="2024-01", quote=f"{total} transits")],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)

    assert findings("1,362") == []
    (finding,) = findings("1,862")
    assert finding.severity == "error"


def test_the_same_precise_figure_in_two_unlinked_units_is_a_unit_slip(normalised):
    """781,000 tonnes where the wire says 781,000 TEU: no density links containers and
    tonnes, and the same figure to the digit is a slip of the unit (an error); 64 t
    against 64 TEU is too short a figure to tell (not comparable, a warning)."""
    topics = [{"key": "volume", "kind": "quantity", "unit": "TEU", "label": "container volume"}]

    def finding(tonnes: str, teu: str):
        rows = {
            "wire": [claim("wire", "volume", f"{teu} TEU", period="2024-02")],
            "paper": [claim("paper", "volume", f"{tonnes} t", period="2024-02")],
        }
        (found,) = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
        return found

    slip = finding("781,000", "781,000")
    assert slip.severity == "error" and slip.diagnosis.startswith("a unit slip") and "wrong unit" in slip.message
    assert finding("64", "64").severity == "warning"
    assert finding("522,000", "781,000").severity == "warning"


def _paper_against(normalised, currency: str, unit: str, paper_value: str, other_value: str):
    """A paper of a country whose currency sources.csv gives, and another source, each with
    one figure of a topic in ``unit`` for March 2025."""
    sources = [
        {"id": "paper", "file": "paper.txt", "published": "2025-04-15", "currency": currency},
        {"id": "other", "file": "other.txt", "published": "2025-04-15"},
    ]
    rows = {
        "paper": [claim("paper", "figure", paper_value, period="2025-03")],
        "other": [claim("other", "figure", other_value, period="2025-03")],
    }
    topics = [{"key": "figure", "kind": "quantity", "unit": unit, "label": "figure"}]
    return normalised(rows, topics=topics, entities=[], sources=sources)


def test_a_sources_own_dollar_is_read_as_its_currency(normalised):
    """A Canadian paper's "$701,800" (its sources row says currency CAD) is Canadian dollars,
    like the agency's C$701,800; the same "$" in a US wire is the US dollar's."""
    assert run_rules(_paper_against(normalised, "CAD", "CAD", "$701,800", "C$701,800"), unit_dimension) == []
    (slip,) = run_rules(_paper_against(normalised, "CAD", "CAD", "US$701,800", "C$701,800"), unit_dimension)
    assert slip.diagnosis.startswith("a currency slip")


def test_a_local_dollars_cents_are_its_hundredths():
    import pandas as pd

    from checker.normalise import _local_dollars

    values = pd.Series(["24 cents a share", "$1.2 billion", "US$5", "24 cents a share"])
    dollar = pd.Series(["CAD", "AUD", "CAD", ""])
    assert _local_dollars(values, dollar).tolist() == [
        "0.24 CAD a share",
        "AUD 1.2 billion",
        "US$5",
        "24 cents a share",
    ]


def test_a_figure_of_one_digit_is_no_currency_slip_of_one_a_rate_away(normalised):
    """ "almost C$10 billion" reads as anything from 5 to 10 billion, but against US$7.3
    billion it is a conversion at 1.37, not the same figure with the wrong sign; "C$7.3
    billion" against it is."""
    topics = [{"key": "exports", "kind": "quantity", "unit": "USD", "label": "exports"}]

    def slips(paper_value: str) -> list:
        rows = {
            "paper": [claim("paper", "exports", paper_value, period="2024")],
            "wire": [claim("wire", "exports", "~US$7.3 billion", period="2024")],
        }
        found = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
        return [finding for finding in found if finding.diagnosis.startswith("a currency slip")]

    assert slips("almost C$10 billion") == []
    assert len(slips("C$7.3 billion")) == 1


def test_a_kenyan_papers_shillings_are_its_own_and_its_dollar_the_us_dollar(normalised):
    """A source whose currency is KES reads its bare "Sh" as Kenyan shillings under a
    topic in US dollars (a note of two currencies, not a refusal), and its "$" stays the
    US dollar: "$95 million" agrees with a wire's US$95 million, where reading "$" as
    shillings would make a currency slip of it."""
    shillings = _paper_against(normalised, "KES", "USD", "Sh12.3 billion", "US$95 million").claims.set_index("id")
    assert shillings.loc["paper", "dimension"] == "[currency_KES]" and shillings.loc["paper", "magnitude"] == 12.3e9
    dollars = _paper_against(normalised, "KES", "USD", "$95 million", "US$95 million")
    assert run_rules(dollars, unit_dimension) == []
    assert dollars.claims.set_index("id").loc["paper", "dimension"] == "[currency_USD]"


def test_the_same_figure_in_two_currencies_in_one_news_cycle_is_a_currency_slip(normalised):
    """'€5bn' pledged, and '$5 billion' in a text six days later, neither with a period:
    one sign is wrong; 50 days apart, the texts are not compared."""
    topics = [{"key": "pledge", "kind": "quantity", "unit": "EUR"}]

    def found(second_published: str) -> list:
        rows = {
            "a": [claim("a1", "pledge", "€5bn", quote="€5bn")],
            "b": [claim("b1", "pledge", "$5 billion", quote="$5 billion")],
        }
        sources = [
            {"id": "a", "file": "a.txt", "published": "2025-08-05"},
            {"id": "b", "file": "b.txt", "published": second_published},
        ]
        return run_rules(normalised(rows, topics=topics, entities=[], sources=sources), unit_dimension)

    slips = [finding for finding in found("2025-08-11") if finding.diagnosis.startswith("a currency slip")]
    assert len(slips) == 1 and slips[0].severity == "error" and slips[0].claim_ids == ("a1", "b1")
    assert not [finding for finding in found("2025-09-24") if finding.diagnosis.startswith("a currency slip")]


def test_the_same_precise_figure_in_two_currencies_is_a_slip_whenever_its_times_meet(normalised):
    """A$385 million and US$385 million 45 days apart without periods, and £14.4 million
    proposed on 8 October against €14.4 million in October: a figure of three digits is no
    coincidence. Round figures (€5bn, $5 billion) of texts 45 days apart are not compared,
    nor precise ones of periods that do not meet."""
    topics = [{"key": "cost", "kind": "quantity", "unit": "AUD"}]
    sources = [
        {"id": "a", "file": "a.txt", "published": "2025-07-04"},
        {"id": "b", "file": "b.txt", "published": "2025-08-18"},
    ]

    def slips(first: str, second: str, first_period: str = "", second_period: str = "") -> list:
        rows = {
            "a": [claim("a1", "cost", first, quote=first, period=first_period)],
            "b": [claim("b1", "cost", second, quote=second, period=second_period)],
        }
        found = run_rules(normalised(rows, topics=topics, entities=[], sources=sources), unit_dimension)
        return [f.claim_ids for f in found if f.diagnosis.startswith("a currency slip") and f.severity == "error"]

    assert slips("A$385 million", "US$385 million") == [("a1", "b1")]
    assert slips("A$5bn", "US$5 billion") == []
    assert slips("£14.4 million", "€14.4 million", "2024-10-08", "2024-10") == [("a1", "b1")]
    assert slips("£14.4 million", "€14.4 million", "2024-10-08", "2024-11") == []


def test_a_currency_slip_names_the_currencies_and_money_per_person_is_no_currency(normalised):
    topics = [{"key": "aid", "kind": "quantity", "unit": "CAD"}]
    rows = {
        "a": [claim("a", "aid", "C$742.1 billion", period="2025", quote="C$742.1 billion")],
        "b": [claim("b", "aid", "US$742.1 billion", period="2025", quote="US$742.1 billion")],
    }
    (slip,) = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
    assert "(CAD)" in slip.message and "(USD)" in slip.message
    per_person = [{"key": "spend", "kind": "quantity", "unit": "USD/person"}]
    rows = {
        "a": [claim("a", "spend", "$4,210 per person", period="2025", quote="$4,210 per person")],
        "b": [claim("b", "spend", "$4,210", period="2025", quote="$4,210")],
    }
    (finding,) = run_rules(normalised(rows, topics=per_person, entities=[]), unit_dimension)
    assert not finding.diagnosis.startswith("a currency slip") and "]" not in finding.diagnosis


def test_a_monthly_figure_given_without_its_month_is_told_how_to_tag_it(normalised):
    """ARPU of "€4.85 a month" in one text and "€4.85" in another: the same figure, one
    value without its rate's period; the message says how to write it."""
    topics = [{"key": "arpu", "kind": "quantity", "unit": "EUR/month", "label": "ARPU"}]
    rows = {
        "paper": [claim("paper", "arpu", "€4.85 a month", period="2024-10/2024-12")],
        "statement": [claim("statement", "arpu", "€4.85", period="2024-10/2024-12")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
    assert finding.severity == "error" and "'€4.85 a month'" in finding.message


def test_a_price_tagged_without_what_it_is_per_is_no_unit_slip(normalised):
    """ "$41.50" in one text and "$41.50 a shot" in another: no slip of the pen in either
    text, a price tagged once without its "per dose"; a note that says how to tag it."""
    topics = [{"key": "price", "kind": "quantity", "unit": "USD/dose", "label": "price per dose"}]
    rows = {
        "wire": [claim("wire", "price", "$41.50 a shot", period="2025-08")],
        "paper": [claim("paper", "price", "$41.50", period="2025-08")],
    }
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
    assert finding.severity == "note" and "per dose" in finding.message and "without what it is per" in finding.message


def test_two_claims_in_one_other_currency_compare_with_each_other_and_get_no_note(normalised):
    """ "Up to €10 million" in add-ons in two texts, under a topic in pounds: value-conflict
    compares them with each other, so neither is "not comparable"; one alone is."""
    topics = [{"key": "addons", "kind": "quantity", "unit": "GBP", "label": "add-ons"}]
    both = {
        "wire": [claim("wire", "addons", "<=10 million euros", period="2025-07")],
        "brief": [claim("brief", "addons", "€10 million", period="2025-07")],
    }
    assert run_rules(normalised(both, topics=topics, entities=[]), unit_dimension) == []
    (alone,) = run_rules(normalised({"wire": both["wire"]}, topics=topics, entities=[]), unit_dimension)
    assert alone.severity == "note"
    # Prices per cubic metre under a topic in plain dollars: the topic's unit lacks what they
    # are per, and each keeps its note, however many agree.
    prices = {
        "wire": [claim("wire", "gas", "$300 per 1,000 cubic metres", period="2025-07")],
        "brief": [claim("brief", "gas", "$296 per 1,000 cubic metres", period="2025-07")],
    }
    gas = [{"key": "gas", "kind": "quantity", "unit": "USD", "label": "gas price"}]
    assert len(run_rules(normalised(prices, topics=gas, entities=[]), unit_dimension)) == 2


def test_one_figure_in_two_currencies_at_par_is_no_slip(normalised):
    """Panamanian copy gives the canal's transfer as B/.2,544.5 million, a wire as $2.54
    billion: the balboa is the dollar at par. Euros for dollars stay a slip."""
    topics = [{"key": "transfer", "kind": "quantity", "unit": "USD"}]

    def slips(first: str) -> list:
        rows = {
            "a": [claim("a1", "transfer", first, quote=first, period="2023")],
            "b": [claim("b1", "transfer", "$2.54 billion", quote="$2.54 billion", period="2023")],
        }
        found = run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
        return [f for f in found if f.diagnosis.startswith("a currency slip")]

    assert slips("B/.2,544.5 million") == []
    assert len(slips("€2,544.5 million")) == 1


def test_a_currency_slip_blames_the_figure_in_another_currency_than_its_topics(normalised):
    """$48.6 million in one text against EUR 48.6 million in two others, under a topic in
    euros: one finding, on the dollars, with both texts it meets."""
    topics = [{"key": "cost", "kind": "quantity", "unit": "EUR"}]
    rows = {
        "a": [claim("a1", "cost", "EUR 48.6 million", period="2025")],
        "b": [claim("b1", "cost", "€48.6 million", period="2025")],
        "c": [claim("c1", "cost", "$48.6 million", period="2025")],
    }
    slips = [
        finding
        for finding in run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
        if finding.diagnosis.startswith("a currency slip")
    ]
    assert [(finding.subject, finding.claim_ids) for finding in slips] == [("c1", ("a1", "b1", "c1"))]


@pytest.mark.parametrize(
    ("fields", "first_period", "second_period", "slip"),
    [
        ({"modality": "agreement"}, "", "", True),  # a deal's break fee, March and June
        ({}, "", "", False),  # round figures of texts months apart: not compared
        ({}, "2025-03-10", "2025-03-17", True),  # a running total as of days a week apart
        ({}, "2025-03-10", "2025-06-17", False),
        ({}, "", "2025-03", True),  # "so far" on 10 March and "in March"
        ({}, "2025-03", "2025-06-17", False),
        ({}, "2025-Q1", "2025-03-17", False),  # a quarter's running total is of no one day
    ],
)
def test_a_deals_terms_and_a_running_total_of_one_week_in_two_currencies_are_a_slip(
    normalised, fields, first_period, second_period, slip
):
    topics = [{"key": "fee", "kind": "quantity", "unit": "USD", "aggregation": "cumulative"}]
    sources = [
        {"id": "a", "file": "a.txt", "published": "2025-03-10"},
        {"id": "b", "file": "b.txt", "published": "2025-06-20"},
    ]
    rows = {
        "a": [claim("a1", "fee", "$150 million", period=first_period, **fields)],
        "b": [claim("b1", "fee", "£150m", period=second_period, **fields)],
    }
    found = run_rules(normalised(rows, topics=topics, entities=[], sources=sources), unit_dimension)
    slips = [(f.subject, f.severity) for f in found if f.diagnosis.startswith("a currency slip")]
    assert slips == ([("b1", "error")] if slip else [])


def test_one_price_in_two_currencies_is_a_currency_slip(normalised):
    """$245 a tonne in one text and €245 a tonne in another for the same week: a currency
    slip named by its currencies, not "a unit slip ... EUR / kilogram and USD / kilogram"."""
    topics = [{"key": "fob", "kind": "quantity", "unit": "USD/t"}]
    rows = {
        "a": [claim("a1", "fob", "US$245/t", period="2025-02-14")],
        "b": [claim("b1", "fob", "€245/t", period="2025-02-14")],
    }
    slips = [
        (finding.subject, finding.diagnosis)
        for finding in run_rules(normalised(rows, topics=topics, entities=[]), unit_dimension)
        if "slip" in finding.diagnosis
    ]
    assert slips == [("b1", "a currency slip: the same figure in USD and EUR")]


def test_a_stated_conversion_transposed_against_a_figure_in_the_topics_currency_is_an_error(normalised):
    """ "Sh54.6 billion ($432 million)" in a Kenyan paper against another text's $423
    million: 2 % apart, within the tolerance, but two digits of the conversion swapped; a
    conversion of $428 million is no such slip."""
    topics = [{"key": "disbursed", "kind": "quantity", "unit": "USD", "aggregation": "flow"}]
    entities = [{"key": "treasury", "label": "National Treasury"}]

    def found(converted: str) -> list:
        rows = {
            "a": [claim("usd", "disbursed", "US$423 million", period="2019/2023")],
            "b": [
                claim(
                    "kes",
                    "disbursed",
                    "KES 54.6 billion",
                    f"KES 54.6 billion ({converted})",
                    period="2019/2023",
                    converted=converted,
                )
            ],
        }
        return run_rules(normalised(rows, topics=topics, entities=entities), unit_dimension)

    (finding,) = found("US$432 million")
    assert finding.severity == "error" and finding.subject == "kes"
    assert finding.diagnosis.startswith("digit transposition: kes states US$432 million")
    assert found("US$428 million") == []
