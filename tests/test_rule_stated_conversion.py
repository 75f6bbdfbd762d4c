from checker.rules import stated_conversion
from conftest import claim, ids, run_rules

LPG_QUOTE = "a contract transitioning 50 million cubic metres (about 26.3 million tonnes) of LPG"


def test_liquid_conversion_with_an_implausible_amount(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "contract",
                    "lpg-contract",
                    "50 million m^3",
                    period="2025",
                    modality="plan",
                    converted="~26.3 million t",
                    quote=LPG_QUOTE,
                ),
                claim(
                    "demand",
                    "lpg-demand",
                    "~700,000 t/year",
                    period="2025",
                    modality="estimate",
                    quote="the annual demand is estimated to be around 700,000 tonnes per year",
                ),
            ]
        }
    )
    (finding,) = run_rules(result, stated_conversion)
    assert finding.claim_ids == ("contract", "demand")
    assert "as a liquid" in finding.message and "as a gas" in finding.message
    assert "0.526 t/m³" in finding.message


def test_a_factor_that_is_no_density(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "c",
                    "lpg-contract",
                    "2 million m^3",
                    period="2025",
                    converted="~9 million t",
                    quote="2 million m^3 (about 9 million t)",
                )
            ]
        }
    )
    (finding,) = run_rules(result, stated_conversion)
    assert "no density" in finding.diagnosis and "scale slip" not in finding.diagnosis


def test_gas_conversion_within_bounds_passes(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "contract",
                    "lpg-contract",
                    "50 million m^3",
                    period="2025",
                    converted="~100,000 t",
                    quote="50 million cubic metres (about 100,000 tonnes) of LPG gas",
                ),
                claim(
                    "demand",
                    "lpg-demand",
                    "~700,000 t/year",
                    period="2025",
                    quote="demand around 700,000 tonnes per year",
                ),
            ]
        }
    )
    assert run_rules(result, stated_conversion) == []


def test_same_dimension_conversion_must_agree(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "good",
                    "lpg-imports",
                    "275,000 t",
                    period="2024",
                    converted="275 million kg",
                    quote="275,000 t (275 million kg)",
                ),
                claim(
                    "bad",
                    "lpg-imports",
                    "275,000 t",
                    period="2023",
                    converted="27.5 million kg",
                    quote="275,000 t (27.5 million kg)",
                ),
            ]
        }
    )
    assert ids(run_rules(result, stated_conversion)) == [("stated-conversion", ("bad",))]


def _conversions(normalised, *rows):
    """Claims of one source stating currency conversions: (id, value, converted, period)."""
    claims = [
        claim(id_, "trade", value, period=period, converted=converted, quote=f"{value} ({converted})")
        for id_, value, converted, period in rows
    ]
    return run_rules(normalised({"a": claims}), stated_conversion)


def test_a_currency_conversion_alone_is_not_checkable_and_not_reported(normalised):
    assert _conversions(normalised, ("c", "US$1 billion", "90 billion RUB", "2024")) == []


def test_currency_conversions_of_one_year_must_imply_one_exchange_rate(normalised):
    """Three texts' conversions at 90, 91 and 92 roubles to the dollar agree; one at 9 (a
    scale slip) is an error naming the others, one at 150 a warning."""
    agreeing = [("c1", "US$1 billion", "90 billion RUB", "2024"), ("c2", "US$2 billion", "182 billion RUB", "2024")]
    assert _conversions(normalised, *agreeing, ("c3", "RUB 92 billion", "US$1 billion", "2024")) == []
    (slip,) = _conversions(normalised, *agreeing, ("bad", "US$1 billion", "9 billion RUB", "2024"))
    assert slip.severity == "error" and slip.claim_ids == ("bad", "c1", "c2") and slip.subject == "bad"
    assert slip.diagnosis.startswith("a scale slip: a conversion at 10 times")
    (moved,) = _conversions(normalised, *agreeing, ("odd", "US$1 billion", "150 billion RUB", "2024"))
    assert moved.severity == "warning" and not moved.diagnosis.startswith("a scale slip")
    # Rates are quoted as desks quote them: roubles per dollar, however the conversion runs.
    assert "150 RUB per USD" in moved.message and "91 RUB per USD" in moved.message
    # Two rates either side of one are quoted the same way round, so they read side by side.
    euros = [("e1", "US$1 billion", "€1.226 billion", "2025"), ("e2", "US$2 billion", "€2.452 billion", "2025")]
    (odd,) = _conversions(normalised, *euros, ("odd", "US$1 billion", "€927 million", "2025"))
    assert "0.927 EUR per USD" in odd.message and "1.226 EUR per USD" in odd.message
    # Another year is another market: no comparison.
    assert _conversions(normalised, *agreeing, ("old", "US$1 billion", "60 billion RUB", "2019")) == []


def test_a_bound_and_a_price_convert_at_the_exchange_rate_of_their_figures(normalised):
    """ "more than $10 billion (9.6 billion euros)" states a rate of 0.96 euros to the dollar,
    as a plain amount does: no warning that nothing links them, and its rate counts among
    the year's. So does a price, "£412 ($555) a megawatt-hour", at 1.347 dollars a pound."""
    agreeing = [("c1", "US$1 billion", "€960 million", "2024"), ("c2", "US$2 billion", "€1.92 billion", "2024")]
    assert _conversions(normalised, ("more", ">US$10 billion", "€9.6 billion", "2024"), *agreeing) == []
    (slip,) = _conversions(normalised, ("more", ">US$10 billion", "€96 billion", "2024"), *agreeing)
    assert slip.subject == "more" and slip.severity == "error"
    topics = [{"key": "power-price", "kind": "quantity", "unit": "GBP/MWh"}]

    def prices(*rows) -> list:
        claims = [
            claim(id_, "power-price", value, period="2025-07", converted=converted, quote=f"{value} ({converted})")
            for id_, value, converted in rows
        ]
        return run_rules(normalised({"a": claims}, topics=topics, entities=[]), stated_conversion)

    assert prices(("p", "£412 a megawatt hour", "$555 a megawatt hour")) == []
    money = ("m", "£1.1 billion", "$1.48 billion")
    assert prices(("p", "£412 a megawatt-hour", "$555 a megawatt-hour"), money) == []
    (odd,) = prices(("p", "£412 a megawatt-hour", "$5,550 a megawatt-hour"), money)
    assert odd.diagnosis.startswith("a scale slip")
    # A price per megawatt-hour and one per barrel share no rate.
    assert prices(("p", "£412 a megawatt-hour", "$555 a barrel"))[0].diagnosis == "not checkable"


def test_a_temperature_stated_on_the_other_scale_is_checked_as_a_reading_or_a_difference(normalised):
    """46.3C (115.3F) is a reading, 1.7C (3.1F) a warming: both right; 46.3C (105.3F) neither."""
    topics = [{"key": "heat", "kind": "quantity", "unit": "degC"}]

    def findings(value: str, converted: str):
        rows = {"a": [claim("t", "heat", value, period="2025", converted=converted, quote=f"{value} ({converted})")]}
        return run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)

    assert findings("46.3C", "115.3F") == []
    assert findings("1.7C", "3.1F") == []
    (wrong,) = findings("46.3C", "105.3F")
    assert wrong.claim_ids == ("t",) and "115.3" in wrong.message


def test_a_topic_of_temperature_differences_reads_celsius_and_fahrenheit_as_differences(normalised):
    """Under a topic in delta_degC, "2.6C (4.7F)" is an anomaly stated right, "2.6C (36.7F)"
    one converted as if it were a reading, and "2.8C" is in the topic's dimension."""
    topics = [{"key": "anomaly", "kind": "quantity", "unit": "delta_degC"}]

    def result(value: str, converted: str = ""):
        rows = {
            "a": [claim("t", "anomaly", value, period="2025-07", converted=converted, quote=f"{value} {converted}")]
        }
        return normalised(rows, topics=topics, entities=[])

    assert result("2.8C").claims["dimension"].tolist() == ["[temperature]"]
    assert run_rules(result("2.6C", "4.7F"), stated_conversion) == []
    (wrong,) = run_rules(result("2.6C", "36.7F"), stated_conversion)
    assert wrong.diagnosis == "the stated conversion is wrong"


def test_a_rate_a_sixth_off_the_others_is_flagged_as_the_readme_says(normalised):
    """$1.8bn stated as £1.6bn (1.125 dollars a pound) against 1.34 twice: 16 % apart."""
    rows = (
        ("c1", "US$1.34 billion", "£1 billion", "2025"),
        ("c2", "US$2.68 billion", "£2 billion", "2025"),
        ("odd", "US$1.8 billion", "£1.6 billion", "2025"),
    )
    (finding,) = _conversions(normalised, *rows)
    assert finding.subject == "odd" and finding.severity == "warning"


def test_a_rate_stated_beside_an_amount_is_taken_over_the_claims_period(normalised):
    """108.5 million t of crude in 2024 'or about 2.17 million barrels a day': over 366 days
    that is 0.86 t/m³, crude oil's density; 21.7 million b/d is ten times that, and 297 kt a
    day of the same mass is the same figure."""
    topics = [{"key": "crude", "kind": "quantity", "unit": "t", "substance": "crude-oil", "label": "crude exports"}]

    def findings(converted: str, period: str = "2024"):
        rows = [
            claim(
                "c",
                "crude",
                "108.5 million t",
                period=period,
                converted=converted,
                quote=f"108.5 million t ({converted})",
            )
        ]
        return run_rules(normalised({"a": rows}, topics=topics, entities=[]), stated_conversion)

    assert findings("~2.17 million b/d") == []
    assert findings("~296.4 thousand t/day") == []
    (wrong,) = findings("~21.7 million b/d")
    assert wrong.severity == "error" and "over 2024 (366 days)" in wrong.message
    (slip,) = findings("~29.6 thousand t/day")
    assert slip.diagnosis == "the stated conversion is wrong"
    (unchecked,) = findings("~2.17 million b/d", period="")  # no period of its own
    assert unchecked.severity == "warning" and "no period of its own" in unchecked.message


def test_a_plain_number_stated_in_money_asks_for_the_values_unit(normalised):
    """'120' (bitcoin, its unit left out) stated as ~$10 million: no density is at issue,
    a price or a rate would be; the message asks whether the value's unit is missing."""
    topics = [{"key": "ransom", "kind": "quantity"}]
    rows = {"a": [claim("r", "ransom", "120", period="2025-03", converted="~$10 million", quote="120 ($10 million)")]}
    findings = [f for f in run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)]
    assert findings and "is the value's unit missing?" in findings[0].message and "density" not in findings[0].message


def test_one_texts_conversions_share_one_rate(normalised):
    """A wire converts A$5.51 billion as $3.62 billion (1.522) and A$1.84 billion as $1.21
    billion (1.521): one rate. $1.12 billion (1.21 transposed, 1.643) is 8 % off, within a
    year's market moves against another text's rate, but not within one text's."""

    def conversion(id_: str, value: str, converted: str) -> dict:
        return claim(id_, "trade", value, period="2025", converted=converted, quote=f"{value} ({converted})")

    def found(capex_in_dollars: str) -> list:
        claims = [
            conversion("npv", "A$5.51 billion", "$3.62 billion"),
            conversion("capex", "A$1.84 billion", capex_in_dollars),
        ]
        other = [conversion("paper", "A$2 billion", "$1.3 billion")]
        return run_rules(normalised({"wire": claims, "paper": other}), stated_conversion)

    assert found("$1.21 billion") == []
    (odd,) = found("$1.12 billion")
    assert odd.subject == "capex" and odd.severity == "warning" and "its own text's" in odd.diagnosis


def test_of_two_conversions_the_precise_one_is_tried_against_the_loose_one(normalised):
    """ "About C$1 billion (US$725 million)" takes a wide range of rates; "C$340 million
    (US$427 million)", a transposed 247, is 1.256 dollars to the Canadian dollar against
    0.725: found, whichever of the two is read first."""
    loose, tight = ("loose", "~C$1 billion", "~US$725 million"), ("tight", "C$340 million", "US$427 million")
    for order in ((loose, tight), (tight, loose)):
        (finding,) = _conversions(normalised, *((id_, value, converted, "2025") for id_, value, converted in order))
        assert set(finding.claim_ids) == {"loose", "tight"}


def test_conversions_within_a_year_of_each_other_meet_across_calendar_and_fiscal_years(normalised):
    """A conversion for the fiscal year July 2024-June 2025 meets one of March 2025; at
    0.854 euros to the pound, where the others give 1.185, the rate is inverted: an error.
    Of two conversions, neither is blamed: the message tells both alike."""
    agreeing = [
        ("c1", "£1 billion", "€1.185 billion", "2024-07/2025-06"),
        ("c2", "£2 billion", "€2.37 billion", "2025-03"),
    ]
    assert _conversions(normalised, *agreeing, ("c3", "£9.2 million", "€10.9 million", "2024-10")) == []
    (inverted,) = _conversions(normalised, *agreeing, ("odd", "£14.4 million", "€12.3 million", "2024-10-08"))
    assert inverted.subject == "odd" and inverted.severity == "error"
    assert inverted.diagnosis.startswith("an inverted rate") and inverted.claim_ids == ("c1", "c2", "odd")
    (pair,) = _conversions(normalised, agreeing[0], ("odd", "£14.4 million", "€12.3 million", "2024-10-08"))
    assert pair.subject == "" and "c1 states £1 billion" in pair.message and "odd states £14.4 million" in pair.message


def test_the_rate_a_finding_cites_is_of_the_conversions_that_agree_with_it(normalised):
    """Two conversions at 56.3 pesos to the dollar, one at 56,667 (a scale slip) and one at
    32.7: each finding names only the two that agree, never the other slip."""
    rows = (
        ("c1", "PHP 56.3 million", "US$1 million", "2025-06"),
        ("c2", "PHP 112.6 million", "US$2 million", "2025-07"),
        ("slip", "PHP 85 billion", "US$1.5 million", "2025-06"),
        ("off", "PHP 7 million", "US$214,000", "2025-09"),
    )
    findings = {finding.subject: finding for finding in _conversions(normalised, *rows)}
    assert set(findings) == {"slip", "off"}
    assert findings["slip"].claim_ids == ("c1", "c2", "slip") and findings["slip"].diagnosis.startswith("a scale slip")
    assert findings["off"].claim_ids == ("c1", "c2", "off") and "56,670" not in findings["off"].message


def test_parts_per_billion_convert_to_micrograms_per_litre_in_water(normalised):
    """'8 ppb (8 micrograms per liter)': a mass fraction of water is that mass per litre;
    '8 ppb (80 micrograms per liter)' is ten times off. No substance needs naming."""
    topics = [{"key": "lead", "kind": "quantity", "unit": "ppb"}]

    def findings(converted: str) -> list:
        rows = {"a": [claim("l", "lead", "8 ppb", period="2025", converted=converted, quote=f"8 ppb ({converted})")]}
        return run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)

    assert findings("8 µg/L") == []
    assert findings("8 micrograms per liter") == []
    (wrong,) = findings("80 micrograms per liter")
    assert wrong.diagnosis == "the stated conversion is wrong" and "10×" in wrong.message


def test_conversions_between_units_of_one_dimension_hold_to_their_digits(normalised):
    """81.1 ft is 24.72 m: "24.27 metres" is 1.9 % off, a slip no exact factor allows; 109 °F
    is 42.8 °C, and "43.8C" (110.8 °F) is a degree and more off, however small a share of
    109 that is. Rounded conversions hold at their own digits."""
    topics = [
        {"key": "level", "kind": "quantity", "unit": "ft"},
        {"key": "high", "kind": "quantity", "unit": "degF"},
    ]

    def findings(topic: str, value: str, converted: str) -> list:
        rows = {"a": [claim("c", topic, value, period="2025", converted=converted, quote=f"{value} ({converted})")]}
        return run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)

    assert findings("level", "81.1 ft", "24.72 metres") == []
    assert findings("level", "about 80 ft", "about 24 metres") == []
    assert len(findings("level", "81.1 ft", "24.27 metres")) == 1
    assert findings("high", "109F", "42.8C") == []
    assert len(findings("high", "109F", "43.8C")) == 1


def test_an_about_conversion_reads_to_its_digits_for_the_rate(normalised):
    """Rs 20 lakh "about US$17,400" implies 114.9 rupees to the dollar where two others
    give 135.6: an "about" conversion is rounded, not vague, and the 15 % gap is flagged;
    "about US$14,700" (136.1) agrees."""
    agreeing = [("c1", "NPR 1 million", "US$7,375", "2025-03"), ("c2", "NPR 2 million", "US$14,750", "2025-04")]
    assert _conversions(normalised, *agreeing, ("c3", "NPR 20 lakh", "~US$14,700", "2025-06")) == []
    (finding,) = _conversions(normalised, *agreeing, ("odd", "NPR 20 lakh", "~US$17,400", "2025-06"))
    assert finding.subject == "odd"


def test_a_price_per_tonne_stated_per_bushel_goes_by_the_substances_density(normalised):
    """$226 a tonne of wheat, or about $6.15 a bushel: 0.74 t/m³, wheat in bulk; "about
    $7.15" would make it 0.9 t/m³, which wheat never is. Not "not checkable"."""
    topics = [{"key": "price", "kind": "quantity", "unit": "USD/t", "substance": "wheat"}]

    def found(per_bushel: str) -> list:
        quote = f"wheat at $226 a metric ton, or about ${per_bushel} a bushel"
        rows = {
            "a": [claim("fob", "price", "US$226/t", quote, period="2025-05-16", converted=f"~US${per_bushel}/bushel")]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)

    assert found("6.15") == []
    (finding,) = found("7.15")
    assert finding.severity == "error" and "no density of wheat" in finding.message


def test_a_conversion_at_a_rate_the_corpus_states_for_its_time_is_right(normalised):
    """The birr floated: 971.2 billion birr as $16.9 billion in July 2024 (57.47 to the
    dollar) and 1.93 trillion birr as about $14.4 billion a year on (134). Apart by more than
    two, an error, unless the corpus states each rate near its time (57.48 on 26 July, 134.2
    on 11 July): then each is vouched for."""
    topics = [
        {"key": "budget", "kind": "quantity", "unit": "ETB"},
        {"key": "rate", "kind": "quantity", "unit": "ETB/USD"},
    ]
    sources = [
        {"id": "wire", "file": "wire.txt", "published": "2024-07-30"},
        {"id": "paper", "file": "paper.txt", "published": "2025-07-14"},
    ]

    def found(*rates) -> list:
        rows = {
            "wire": [
                claim(
                    "old",
                    "budget",
                    "971.2 billion birr",
                    "a 971.2 billion birr ($16.9 billion) budget",
                    period="2024-07-08",
                    converted="US$16.9 billion",
                ),
                *rates[:1],
            ],
            "paper": [
                claim(
                    "new",
                    "budget",
                    "1.93 trillion birr",
                    "a budget of 1.93 trillion birr (about $14.4 billion)",
                    period="2025-07-08",
                    converted="~US$14.4 billion",
                ),
                *rates[1:],
            ],
        }
        return run_rules(normalised(rows, topics=topics, entities=[], sources=sources), stated_conversion)

    (finding,) = found()
    assert finding.severity == "error" and set(finding.claim_ids) == {"old", "new"}
    assert (
        found(
            claim("rate-jul24", "rate", "57.48 birr per dollar", period="2024-07-26"),
            claim("rate-jul25", "rate", "134.2 birr per dollar", period="2025-07-11"),
        )
        == []
    )
    # Only the first vouched for, a year before the second: the rate may have moved since,
    # as the corpus's own rate shows it is a market's (a rate stated for the time of neither
    # leaves the pair a finding).
    assert found(claim("rate-jul24", "rate", "57.48 birr per dollar", period="2024-07-26")) == []
    assert len(found(claim("rate-jan25", "rate", "90 birr per dollar", period="2025-01-15"))) == 1


def test_a_factor_a_power_of_ten_off_a_density_is_a_scale_slip(normalised):
    """40.1 million t "or about 1.47 million bushels" of wheat: 774 t/m³, a thousand times
    wheat's density (1.47 billion bushels was meant); 4.5 t/m³ of LPG is no power of ten."""
    topics = [{"key": "exports", "kind": "quantity", "unit": "t", "substance": "wheat"}]
    quote = "shipped 40.1 million metric tons of wheat, or about 1.47 million bushels"
    rows = {"a": [claim("x", "exports", "40.1 million t", quote, period="2025", converted="~1.47 million bushel")]}
    (finding,) = run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)
    assert finding.diagnosis == "a scale slip: the factor is 1,000 times a density of wheat"


def test_one_texts_conversions_months_apart_may_be_at_their_own_times_rates(normalised):
    """A July story converts April's 16,300 roubles as $198 (82.3 to the dollar) and July's
    13,800 as $176 (78.4): each at its month's rate, not one text's one rate. Of one week,
    the one apart from another text's rate of that time is the odd one."""
    topics = [{"key": "price", "kind": "quantity", "unit": "RUB/t"}]
    sources = [
        {"id": "paper", "file": "paper.txt", "published": "2025-07-10"},
        {"id": "wire", "file": "wire.txt", "published": "2025-07-08"},
    ]

    def found(april_period: str) -> list:
        rows = {
            "paper": [
                claim(
                    "apr", "price", "16,300 RUB/t", "16,300 roubles ($198)", period=april_period, converted="US$198/t"
                ),
                claim(
                    "jul", "price", "13,800 RUB/t", "13,800 roubles ($176)", period="2025-07-07", converted="US$176/t"
                ),
            ],
            "wire": [
                claim("w", "price", "14,000 RUB/t", "14,000 roubles ($179)", period="2025-07-07", converted="US$179/t")
            ],
        }
        return run_rules(normalised(rows, topics=topics, entities=[], sources=sources), stated_conversion)

    assert found("2025-04") == []
    (finding,) = found("2025-07-07")
    assert finding.subject == "apr" and "one text converts at one rate" in finding.message


def test_one_texts_two_conversions_are_held_to_one_rate_when_they_are_the_corpus_only_ones(normalised):
    """EUR 16,900 "roughly USD 19,800" (1.172) beside USD 19,700 "about EUR 15,800" (1.247)
    in one text: 6 % apart, within a market's 10 % but not one text's one rate."""
    topics = [
        {"key": "de", "kind": "quantity", "unit": "EUR/year"},
        {"key": "us", "kind": "quantity", "unit": "USD/year"},
    ]

    def found(euros: str) -> list:
        rows = {
            "a": [
                claim(
                    "de",
                    "de",
                    "EUR 16,900 a year",
                    "EUR 16,900 a year - roughly USD 19,800",
                    converted="~USD 19,800 a year",
                ),
                claim(
                    "us",
                    "us",
                    "USD 19,700 a year",
                    f"USD 19,700 a year (about EUR {euros})",
                    converted=f"~EUR {euros} a year",
                ),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)

    assert found("16,800") == []
    (finding,) = found("15,800")
    assert finding.severity == "warning" and set(finding.claim_ids) == {"de", "us"}


def test_an_about_conversion_between_units_reads_to_its_digits(normalised):
    """ "About 38 miles (70 km)": 38 miles are 61 km, and "about" is the figure's rounding,
    not a tenth more; "about 38 miles (61 km)" and "about 40 miles (64 km)" hold."""
    topics = [{"key": "distance", "kind": "quantity", "unit": "km"}]

    def found(miles: str, km: str) -> list:
        quote = f"about {miles} miles ({km} km)"
        rows = {"a": [claim("d", "distance", f"~{miles} mile", quote, period="2025", converted=f"{km} km")]}
        return ids(run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion))

    assert found("38", "70") == [("stated-conversion", ("d",))]
    assert found("38", "61") == []
    assert found("40", "64") == []


def test_a_range_converted_end_by_end_is_held_to_each_ends_rate(normalised):
    """ "US$4,500-6,000 (~€5,250-7,000)" beside "about US$2 million (€1.7 million)" and
    another text's "US$4,500-6,000 (~€3,850-5,100)": an inverted rate, end by end (the
    low end of one over the high end of the other let any rate through)."""
    topics = [
        {"key": "fare", "kind": "quantity", "unit": "USD/person"},
        {"key": "rev", "kind": "quantity", "unit": "USD"},
    ]

    def found(euros: str) -> list:
        rows = {
            "a": [
                claim(
                    "f1",
                    "fare",
                    "US$4,500-6,000 per person",
                    "US$4,500-6,000 (~€3,850-5,100) per person",
                    period="2025",
                    converted="~€3,850-5,100 per person",
                ),
                claim(
                    "r1",
                    "rev",
                    "~US$2 million",
                    "about US$2 million (€1.7 million)",
                    period="2025",
                    converted="~€1.7 million",
                ),
            ],
            "b": [
                claim(
                    "f2",
                    "fare",
                    "US$4,500-6,000 per person",
                    f"US$4,500-6,000 (~€{euros}) per person",
                    period="2025",
                    converted=f"~€{euros} per person",
                ),
            ],
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)

    assert found("3,850-5,150") == []
    (finding,) = found("5,250-7,000")
    assert finding.subject == "f2" and finding.severity == "error"


def test_a_conversion_is_held_to_the_rate_its_corpus_states_for_its_time(normalised):
    """ "R$14.6 billion (about US$2.5 billion)" in October 2019, in a text that gives the rate
    that month as 4.12 reais to the dollar (US$3.5 billion): a warning; at US$35 billion a
    scale slip, an error; "about US$3.5 billion" agrees. A rate of another year says nothing."""
    topics = [
        {"key": "cost", "kind": "quantity", "unit": "BRL"},
        {"key": "fx", "kind": "quantity", "unit": "BRL/USD"},
    ]

    def found(converted: str, rate_period: str = "2019-10") -> list:
        rows = {
            "a": [
                claim(
                    "cost",
                    "cost",
                    "R$14.6 billion",
                    f"R$14.6 billion ({converted.lstrip('~')})",
                    period="2019-10",
                    converted=converted,
                ),
                claim("rate", "fx", "4.12 BRL/USD", period=rate_period),
            ]
        }
        return run_rules(normalised(rows, topics=topics, entities=[]), stated_conversion)

    assert found("~US$3.5 billion") == []
    (finding,) = found("~US$2.5 billion")
    assert finding.severity == "warning" and finding.subject == "cost" and finding.claim_ids == ("cost", "rate")
    assert "4.12 BRL per USD" in finding.message
    (finding,) = found("~US$35 billion")
    assert finding.severity == "error" and finding.diagnosis.startswith("a scale slip")
    assert found("~US$2.5 billion", rate_period="2021-10") == []


def test_a_figure_for_a_time_after_its_text_converts_at_the_rate_of_its_day(normalised):
    """A pledge of €6 billion for 2027-2030 stated as $5.2 billion (0.87 dollars to the
    euro, inverted) beside the same wire's €2 billion ($2.32 billion) for this year: both
    are converted at the rate of the wire's day, and the inverted one is flagged."""
    sources = [{"id": "a", "file": "a.txt", "published": "2026-10-13"}]

    def found(converted: str) -> list:
        rows = {
            "a": [
                claim(
                    "now",
                    "trade",
                    "€2 billion",
                    "€2 billion ($2.32 billion)",
                    period="2026",
                    converted="US$2.32 billion",
                ),
                claim(
                    "pledge",
                    "trade",
                    "€6 billion",
                    f"€6 billion ({converted})",
                    period="2027/2030",
                    converted=converted.replace("$", "US$"),
                ),
            ]
        }
        return run_rules(normalised(rows, sources=sources), stated_conversion)

    assert found("$6.96 billion") == []
    (finding,) = found("$5.17 billion")
    assert finding.severity == "error" and finding.diagnosis.startswith("an inverted rate")


def test_a_deficit_converts_as_its_size_does(normalised):
    """A deficit of -€13.5 billion stated as -$14.5 billion beside the same text's €2 billion
    ($2.15 billion): one rate, no "not checkable" warning; as -$18.5 billion, another rate."""

    def found(converted: str) -> list:
        rows = [
            ("deficit", "-€13.5 billion", converted, "2025"),
            ("other", "€2 billion", "US$2.15 billion", "2025"),
        ]
        return _conversions(normalised, *rows)

    assert found("-US$14.5 billion") == []
    (finding,) = found("-US$18.5 billion")
    assert finding.rule == "stated-conversion" and "per" in finding.message and finding.severity == "warning"


def test_a_conversion_between_currencies_at_a_fixed_parity_is_held_to_it(normalised):
    """The CFA franc has been 655.957 to the euro since 1999: one conversion alone is
    checkable, and of two texts' conversions the one off the parity is named, never the
    one at it."""
    right = ("right", "XOF 12.5 billion", "€19.1 million", "2024")
    assert _conversions(normalised, right) == []
    (off,) = _conversions(normalised, ("off", "XOF 12.5 billion", "€21.4 million", "2024"))
    assert off.severity == "error" and off.subject == "off" and off.claim_ids == ("off",)
    assert "655.957 XOF per EUR" in off.message and "since 1999-01-01" in off.message
    (paired,) = _conversions(normalised, right, ("off", "XOF 12.5 billion", "€20.0 million", "2024"))
    assert paired.claim_ids == ("off",) and paired.severity == "warning"
    # Either way round, and inverted: euros into CFA francs at a euro per 656 francs.
    assert _conversions(normalised, ("back", "€19.1 million", "XOF 12.53 billion", "2024")) == []
    (inverted,) = _conversions(normalised, ("inv", "€19.1 million", "XOF 29,100", "2024"))
    assert inverted.severity == "error" and "inverted" in inverted.diagnosis


def test_a_parity_holds_within_its_band_and_from_its_day(normalised):
    """The Hong Kong dollar trades within 7.75-7.85 to the US dollar since May 2005, the
    krone within 2.25 % of 7.46038 to the euro; before the lev was fixed, no parity."""
    assert _conversions(normalised, ("hk", "HK$7.84 billion", "US$1.0 billion", "2024")) == []
    (hk,) = _conversions(normalised, ("hk", "HK$7.2 billion", "US$1.05 billion", "2024"))
    assert hk.subject == "hk" and "7.75 to 7.85 HKD per USD" in hk.message
    assert _conversions(normalised, ("dk", "DKK 7.6 billion", "€1.00 billion", "2024")) == []
    assert _conversions(normalised, ("lev", "BGN 2.5 billion", "€1.00 billion", "1995")) == []
    assert _conversions(normalised, ("lev", "BGN 2.5 billion", "€1.00 billion", "2020")) != []


def test_an_inverted_rate_near_one_is_an_error(normalised):
    """1.088 dollars to the euro, inverted, is 0.919: only 18 % apart, but their product is
    one, so "€3.1 billion (about $2.85 billion)" divides where the others multiply."""
    agreeing = [("e1", "€1 billion", "US$1.088 billion", "2025"), ("e2", "€2 billion", "US$2.176 billion", "2025")]
    (finding,) = _conversions(normalised, *agreeing, ("odd", "€3.1 billion", "~US$2.85 billion", "2025"))
    assert finding.severity == "error" and finding.diagnosis.startswith("an inverted rate")
    # A move of the same size that is no inversion stays a warning.
    (moved,) = _conversions(normalised, *agreeing, ("odd", "€3.1 billion", "~US$3.88 billion", "2025"))
    assert moved.severity == "warning" and not moved.diagnosis.startswith("an inverted rate")


def test_a_conversion_at_the_rate_of_another_time_names_it(normalised):
    """Two conversions of a fiscal year at 518 tenge to the dollar and one at 446.7, the
    rate the corpus states for March of the year before: the finding says whose rate it
    is; at a rate no one states, it says nothing of it."""
    topics = [
        {"key": "trade", "kind": "quantity", "unit": "KZT"},
        {"key": "fx", "kind": "quantity", "unit": "KZT/USD"},
    ]

    def found(odd: str) -> list:
        claims = [
            claim(id_, "trade", value, period="2024-04/2025-03", converted=converted, quote=f"{value} ({converted})")
            for id_, value, converted in (
                ("c1", "KZT 518 billion", "US$1.00 billion"),
                ("c2", "KZT 1,036 billion", "US$2.00 billion"),
                ("odd", "KZT 2.47 trillion", odd),
            )
        ]
        claims.append(claim("rate", "fx", "447.0 KZT/USD", period="2024-03-31"))
        return run_rules(normalised({"a": claims}, topics=topics, entities=[]), stated_conversion)

    (finding,) = found("US$5.53 billion")
    assert finding.subject == "odd" and "it is the rate rate gives for 2024-03-31" in finding.message
    (other,) = found("US$5.90 billion")
    assert "it is the rate" not in other.message


def test_a_conversion_inverting_its_own_texts_rate_of_another_time_is_an_error(normalised):
    """A text of February 2025 that states "$1 = €0.96" converts 2024's €61.4 million as
    "about $59 million": 0.961 dollars to the euro, the stated rate inverted. The rate may
    have moved since 2024, but not into its inverse; at $64 million (1.04), it holds."""
    topics = [
        {"key": "comp", "kind": "quantity", "unit": "EUR"},
        {"key": "fx", "kind": "quantity", "unit": "EUR/USD"},
    ]

    def found(converted: str) -> list:
        rows = {
            "a": [
                claim(
                    "comp",
                    "comp",
                    "€61.4 million",
                    f"€61.4 million ({converted.lstrip('~')})",
                    period="2024",
                    converted=converted,
                ),
                claim("rate", "fx", "0.96 EUR/USD", "$1 = €0.96"),
            ]
        }
        sources = [{"id": "a", "file": "a.txt", "published": "2025-02-11"}]
        return run_rules(normalised(rows, topics=topics, entities=[], sources=sources), stated_conversion)

    (finding,) = found("~US$59 million")
    assert finding.severity == "error" and finding.diagnosis.startswith("an inverted rate")
    assert finding.claim_ids == ("comp", "rate") and "0.96 EUR/USD" in finding.message
    assert found("~US$64 million") == []
