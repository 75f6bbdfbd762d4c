import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.errors import ParseError
from checker.quantities import density_factors, parse_quantity


def test_scale_words_and_currency_prefixes_agree():
    forms = ["1 billion USD", "US$1 billion", "USD 1 billion", "$1bn", "1 bn USD", "1000 million USD", "US$1000m"]
    magnitudes = {parse_quantity(text).magnitude for text in forms}
    assert magnitudes == {1e9}
    assert parse_quantity("US$1 billion").dimension == "[currency_USD]"


def test_stated_precision_gives_bounds():
    value = parse_quantity("USD 12.42 billion")
    assert value.low == pytest.approx(12.415e9) and value.high == pytest.approx(12.425e9)
    one = parse_quantity("1 billion USD")  # a round number reads to 5 %, not to its one digit
    assert (one.low, one.high) == (0.95e9, 1.05e9)
    tonnes = parse_quantity("275,000 t")
    assert (tonnes.low, tonnes.high) == (274_500_000.0, 275_500_000.0)


def test_a_zero_is_as_precise_as_its_digits():
    """A zero has no size to round by: "0.0 %" is -0.05 to 0.05 %, not an empty interval,
    whatever cap the rounding puts on other figures (a percentage's: none)."""
    from checker.quantities import precision_bounds

    low, high = precision_bounds([0.0, 0.004], [0.0005, 0.0005], pd.Series(["stated", "stated"]), rounding=np.inf)
    assert list(low) == pytest.approx([-0.0005, 0.0035]) and list(high) == pytest.approx([0.0005, 0.0045])


def test_about_a_range_is_about_each_end():
    """ "About 10 to 14 days": each end about its number, as "about 10 days" and "about 14
    days" read; the middle stays the middle."""
    about, low, high = parse_quantity("about 10 to 14 days"), parse_quantity("~10 days"), parse_quantity("~14 days")
    assert (about.low, about.high) == (low.low, high.high) and about.qualifier == "range"
    assert about.magnitude == pytest.approx(12 * 86400)
    assert parse_quantity("~10-14 day").low == about.low


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("=1 billion USD", 1e9, 1e9),
        ("~700,000 t", 630_000e3, 770_000e3),
        (">275,000 t", 275_000e3, math.inf),
        ("more than US$3 billion", 3e9, math.inf),
        ("<5 t", -math.inf, 5e3),
        ("at most 5 t", -math.inf, 5e3),
        # Just below or just above: one side of the figure, within the "about" width.
        ("nearly 15 million person", 13.5e6, 15e6),
        ("almost 13 million ha", 11.7e10, 13e10),
        ("just under 19 million t", 17.1e9, 19e9),
        ("just over 1,500 person", 1500, 1650),
        ("close to 500 t", 450e3, 550e3),
        ("well over 1,000 person", 1000, math.inf),
    ],
)
def test_qualifiers_become_intervals(text, low, high):
    value = parse_quantity(text)
    assert value.low == pytest.approx(low) and value.high == pytest.approx(high)


def test_units_normalise_to_base_units():
    assert parse_quantity("700000 t/year").magnitude == pytest.approx(parse_quantity("700 kt/year").magnitude)
    assert parse_quantity("50 million m^3").magnitude == pytest.approx(5e7)
    assert parse_quantity("50 million cubic metres").magnitude == pytest.approx(5e7)
    assert parse_quantity("16 %").magnitude == pytest.approx(0.16)
    assert parse_quantity("16 per cent").magnitude == pytest.approx(0.16)
    assert parse_quantity(">2 decades").low == pytest.approx(parse_quantity("20 years").magnitude)


def test_a_barrel_is_the_oil_barrel():
    oil_barrel = 42 * 3.785411784e-3  # m³: 42 US gallons
    for text in ("1 barrel", "=1 bbl", "=1 barrels", "=1 oil_barrel"):
        assert parse_quantity(text).magnitude == pytest.approx(oil_barrel)
    # 100,000 tonnes of crude "about 730,000 barrels": a crude oil's density, 0.86 t/m³.
    density = parse_quantity("100,000 t").magnitude / parse_quantity("730,000 barrels").magnitude
    low, high = density_factors("m^3", "t", "crude-oil", "liquid")
    assert low <= density <= high
    assert parse_quantity("=1 beer_barrel").magnitude == pytest.approx(31 * 3.785411784e-3)


@pytest.mark.parametrize(
    "text, same_as",
    [
        ("12 bcm/year", "12 billion m^3/year"),
        ("1.2 tcm", "1,200 bcm"),
        ("1.5 million metric tons", "1.5 million t"),
        ("2 metric tonnes", "2 t"),
        ("300 billion tenge", "KZT 300 billion"),
        ("₸300bn", "300 billion KZT"),
        ("1 trillion yen", "JPY 1 trillion"),
        # "a", "an" and "each" before a unit are "per" (pint reads "a" as the annum).
        ("US$80 a barrel", "US$80/barrel"),
        ("2 million barrels a day", "2 million barrel/day"),
        ("$250 a tonne", "USD 250/t"),
        ("5,000 people a month", "5,000 person/month"),
        ("$5 an hour", "USD 5/hour"),
        ("12 per day", "12 1/day"),
        ("5 a year", "5 1/year"),
        ("5 t per annum", "5 t/year"),
        # Percentages as economics writes them.
        ("2.5 pp", "2.5 %"),
        ("2.5 percentage points", "2.5 %"),
        ("50 bps", "0.5 %"),
        ("50 basis points", "0.5 %"),
        ("5pc", "5 %"),
        ("5.5 pct", "5.5 %"),
        ("3.4% of GDP", "3.4 %"),
        ("12 % a year", "12 %"),
        ("9.1% y/y", "9.1 %"),
        ("11.8 percent year-on-year", "11.8 %"),
        # Commodities, oil and gas.
        ("5 mt", "5 t"),
        ("5 MT", "5 t"),
        ("5 MMT", "5 million t"),
        ("5 Mtpa", "5 million t/year"),
        ("5 mtpa", "5 million t/year"),
        ("300,000 tpa", "300,000 t/year"),
        ("3 million bpd", "3 million barrel/day"),
        ("3 million b/d", "3 million barrel/day"),
        ("2 mb/d", "2 million barrel/day"),
        ("250 kb/d", "250 thousand barrel/day"),
        ("5 MMbbl", "5 million barrel"),
        ("3 Bcf", "3 billion ft^3"),
        ("3 Mcf", "3 thousand ft^3"),
        ("450 MMscfd", "450 million ft^3/day"),
        ("4 MMBtu", "4 million Btu"),
        ("12 bcm/y", "12 bcm/year"),
        ("14.5 centners per hectare", "1.45 t/hectare"),
        ("14.5 c/ha", "1.45 t/ha"),
        ("5 cu m", "5 m^3"),
        ("5 km2", "5 km^2"),
        ("50 million m3", "50 million m^3"),
        ("3 GWe", "3 GW"),
        ("500 MWp", "500 MW"),
        ("4.5 US cents/kWh", "USD 0.045/kWh"),
        # Scale words of other registers.
        ("5.25trn tenge", "KZT 5.25 trillion"),
        ("5 bln USD", "USD 5 billion"),
        ("$5B", "USD 5 billion"),
        ("5B USD", "USD 5 billion"),
        ("$5mm", "USD 5 million"),
        # Emissions in the mass of CO2, and temperatures as reporting writes them.
        ("1.2 Mt CO2", "1.2 Mt"),
        ("1.2 MtCO2e", "1.2 Mt"),
        ("5 t CO2-eq", "5 t"),
        ("5 million tonnes of carbon dioxide", "5 million t"),
        ("3 Mt CO2/year", "3 Mt/year"),
        ("1.5C", "1.5 degC"),
        ("2.7 degrees Celsius", "2.7 degC"),
        ("113 F", "113 degF"),
        ("423.9 parts per million", "423.9 ppm"),
        # Rates per so many, per-share figures, pence, accounting negatives, spaced thousands.
        ("68.4 per 100,000 population", "0.000684"),
        ("12 per 1,000 live births", "0.012"),
        ("5 per 100k", "0.00005"),
        ("US$1.02 a share", "USD 1.02/share"),
        ("540p", "GBP 5.40"),
        ("540 pence", "GBP 5.40"),
        ("US$(87) million", "-US$87 million"),
        ("13 920 person", "13,920 person"),
        ("1\u00a0742\u00a0315", "1,742,315"),
        ("between 18 000 and 22 000 person", "between 18,000 and 22,000 person"),
        # Head counts named by who is counted.
        ("68,000 troops", "68,000 person"),
        (">2,100 soldiers", ">2,100 person"),
    ],
)
def test_industry_units_and_currency_words(text, same_as):
    value, expected = parse_quantity(text), parse_quantity(same_as)
    assert value.magnitude == pytest.approx(expected.magnitude) and value.dimension == expected.dimension


def test_currencies_are_separate_dimensions():
    assert parse_quantity("5 RUB").dimension != parse_quantity("5 USD").dimension
    assert parse_quantity("5 roubles").dimension == "[currency_RUB]"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("5 furlongz", "did you mean 'furlong'"),
        ("5 tons", "ambiguous"),
        ("50 m", "ambiguous"),
        ("lots", "no number"),
        ("", "empty"),
        ("US$5 t", "two units"),
        ("1e400 t", "not a finite number"),
        # The oil industry's Roman M (a thousand) against SI's mega (a million).
        ("5 Mbbl", "ambiguous"),
        ("2 Mb/d", "ambiguous"),
        ("350 K", "ambiguous"),
        ("38c", "ambiguous"),
    ],
)
def test_bad_values_raise_parse_error(text, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse_quantity(text)


def test_density_factors_span_the_phase():
    liquid = density_factors("m^3", "t", "lpg", "liquid")
    gas = density_factors("m^3", "t", "lpg", "gas")
    assert liquid == pytest.approx((500.0, 580.0))  # kg per m³: base unit of t is kg
    assert gas == pytest.approx((1.86, 2.49))
    assert density_factors("m^3", "t", "lpg", "bulk") is None
    assert density_factors("t", "t", "lpg", "liquid") is None


UNITS = st.sampled_from([("t", 1e3), ("kg", 1.0), ("kt", 1e6), ("Mt", 1e9)])


@given(st.integers(min_value=1, max_value=10**9), UNITS, UNITS)
def test_equivalent_units_give_the_same_value(amount, first, second):
    (unit_a, factor_a), (unit_b, factor_b) = first, second
    kilograms = amount * factor_a
    in_b = kilograms / factor_b
    a = parse_quantity(f"={amount} {unit_a}")
    b = parse_quantity(f"={in_b!r} {unit_b}")
    assert a.magnitude == pytest.approx(b.magnitude, rel=1e-9)


@given(
    st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "~", ">", "<", "=", "about ", "over "]),
    st.sampled_from(["t", "USD", "m^3", "%", "", "person", "t/year"]),
)
def test_bounds_always_contain_the_value(number, qualifier, unit):
    value = parse_quantity(f"{qualifier}{number} {unit}".strip())
    assert value.low <= value.magnitude <= value.high


@given(st.text(max_size=60))
def test_any_text_parses_or_raises_parse_error(text):
    try:
        parse_quantity(text)
    except ParseError:
        pass


@pytest.mark.parametrize(
    "text, magnitude",
    [
        ("7 billion 315 million USD", 7.315e9),
        ("two billion and 40 million USD", 2.04e9),
        ("fourteen", 14),
        ("6m tonnes", 6e9),
        ("١٢٫٤ t", 12_400),
        ("۱۲۳ t", 123_000),
        ("half a million t", 5e8),
    ],
)
def test_numbers_as_texts_write_them(text, magnitude):
    assert parse_quantity(text).magnitude == pytest.approx(magnitude)


def test_m_before_a_unit_word_is_the_million():
    assert parse_quantity("100m barrels").magnitude == pytest.approx(parse_quantity("100 million barrels").magnitude)


def test_a_decimal_comma_reads_by_the_source_language():
    assert parse_quantity("12,42 billion USD", decimal=",").magnitude == pytest.approx(12.42e9)
    assert parse_quantity("1.234,5 t", decimal=",").magnitude == pytest.approx(1_234_500)
    assert parse_quantity("1,234 t").magnitude == pytest.approx(1_234_000)


def test_metres_stay_metres():
    assert parse_quantity("20m/s").dimension == "[length] / [time]"
    assert parse_quantity("3m^3").magnitude == pytest.approx(3)


QUALIFIERS = st.sampled_from(["exact", "stated", "about", "gt", "ge", "lt", "le", None])


@given(st.lists(st.tuples(QUALIFIERS, st.floats(-1e6, 1e6), st.floats(0, 10)), max_size=15))
def test_precision_bounds_read_a_category_column_as_its_values(rows):
    """The bounds from a category column of qualifiers (read by its codes) are those from
    the same qualifiers as text."""
    import numpy as np
    import pandas as pd

    from checker.quantities import precision_bounds

    qualifiers = [row[0] for row in rows]
    magnitude = np.array([row[1] for row in rows], dtype=float)
    half = np.array([row[2] for row in rows], dtype=float)
    as_text = precision_bounds(magnitude, half, np.array(qualifiers, dtype=object))
    as_category = precision_bounds(magnitude, half, pd.Series(pd.Categorical(qualifiers), dtype="category"))
    for expected, got in zip(as_text, as_category):
        assert np.array_equal(expected, got)
    assert all(
        np.isneginf(low) == (qualifier not in ("exact", "stated", "about", "gt", "ge"))
        for low, qualifier in zip(as_text[0], qualifiers)
    )


def test_pint_is_imported_without_dask_and_dask_stays_importable():
    """In a fresh interpreter: asking pint leaves dask unimported (pint's dask-array support
    is never used), and dask imports afterwards as usual (a distributed run needs it)."""
    import subprocess
    import sys
    from importlib.util import find_spec

    if find_spec("dask") is None:
        import pytest

        pytest.skip("dask is not installed: nothing for pint to import")
    script = (
        "import sys\n"
        "from checker.quantities import unit_info, registry\n"
        "registry(); assert unit_info.__wrapped__('t/year').dimension == '[mass] / [time]'\n"
        "assert 'dask' not in sys.modules, 'pint imported dask'\n"
        "import dask.distributed\n"
        "print(dask.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(__file__).parent.parent
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "dask"


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("between 3 and 4 million t", 3e9, 4e9),
        ("3-4 million t", 3e9, 4e9),
        ("3–4m tonnes", 3e9, 4e9),
        ("3 to 4 million t", 3e9, 4e9),
        ("from 300,000 to 1.2 million t", 3e8, 1.2e9),  # the scale word is the high end's alone
        ("US$1.2bn–1.5bn", 1.2e9, 1.5e9),
        ("between 1,000 and 1,500 person", 1000, 1500),
        ("5-10 %", 0.05, 0.10),
        ("11.5% to 12.5%", 0.115, 0.125),  # the unit written at both ends
        ("3 t to 4 t", 3e3, 4e3),
    ],
)
def test_a_range_is_its_two_ends(text, low, high):
    value = parse_quantity(text)
    assert (value.low, value.high) == (pytest.approx(low), pytest.approx(high))
    assert value.magnitude == pytest.approx((low + high) / 2) and value.qualifier == "range"
    last = text.split()[-1]  # the unit alone, or the high end with its unit
    probe = "US$1" if "US$" in text else last if last[0].isdigit() else f"1 {last}"
    assert value.dimension == parse_quantity(probe).dimension


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("US$3-€4 million", "different units"),
        ("4 million to 3 million t", "from the larger value to the smaller"),
        ("3 and 4 million t", "unknown unit"),  # "and" makes a range only after "between"
    ],
)
def test_a_range_that_cannot_be_read_says_why(text, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse_quantity(text)


@pytest.mark.parametrize("text", ["-€30m", "-EUR 30 million", "€-30m", "-30 million euros", "−US$30 million"])
def test_a_minus_before_or_after_the_currency_is_the_numbers(text):
    value = parse_quantity(text)
    assert value.magnitude == pytest.approx(-3e7) and value.dimension.startswith("[currency_")


def test_a_temperature_stays_on_its_own_scale():
    """°C and °F are offset scales: each is a dimension of its own, read in its degrees (45 °C
    is 45, to half a degree), so 45 °C never 'conflicts' with 113 °F, the same heat."""
    celsius, fahrenheit = parse_quantity("45 °C"), parse_quantity("113 °F")
    assert (celsius.magnitude, celsius.low, celsius.high) == (45, 44.5, 45.5)
    assert celsius.dimension != fahrenheit.dimension
    assert parse_quantity("45 degC").dimension == celsius.dimension
    assert parse_quantity("-5 °C").magnitude == -5


@pytest.mark.parametrize(
    "text, magnitude, dimension",
    [
        # Currencies as wire copy and releases write them.
        ("C$35.67 an hour", 35.67 / 3600, "[currency_CAD] / [time]"),
        ("C$28.6 billion", 28.6e9, "[currency_CAD]"),
        ("35.67 Canadian dollars", 35.67, "[currency_CAD]"),
        ("A$1.2 billion", 1.2e9, "[currency_AUD]"),
        ("69.7 US dollars per barrel", 69.7 / 0.158987294928, "[currency_USD] / [length] ** 3"),
        ("96.5 roubles per US dollar", 96.5, "[currency_RUB] / [currency_USD]"),
        ("24 cents a share", 0.24, "[currency_USD] / [share]"),
        # Head counts and things counted, as each trade names them.
        ("48,600 jobs", 48_600, "[person]"),
        ("21.6 million pax", 21.6e6, "[person]"),
        ("13,980 USD per student", 13_980, "[currency_USD] / [person]"),
        ("22 mppa", 22e6 / (365.25 * 86400), "[person] / [time]"),
        ("40 aircraft", 40, "dimensionless"),
        ("4 flights a week", 4 / (7 * 86400), "1 / [time]"),
        ("44 movements an hour", 44 / 3600, "1 / [time]"),
        # The US steel trade's short (net) ton, as desks spell it.
        ("US$880 a short ton", 880 / 907.18474, "[currency_USD] / [mass]"),
        ("US$688 per net ton", 688 / 907.18474, "[currency_USD] / [mass]"),
        ("2 long tons", 2 * 1016.0469088, "[mass]"),
        # What a price is per: people by their role, things each a count of their own.
        ("$250,000 per depositor", 250_000, "[currency_USD] / [person]"),
        ("€3,000 per pilot", 3_000, "[currency_EUR] / [person]"),
        ("EUR 1,200 a farmer", 1_200, "[currency_EUR] / [person]"),
        ("$0.004 per stream", 0.004, "[currency_USD] / [stream]"),
        ("2 billion streams", 2e9, "dimensionless"),
        # Spectrum is priced per megahertz per head of population ("pop").
        ("$0.55/MHz/pop", 0.55e-6, "[currency_USD] * [time] / [person]"),
        ("$0.55 per MHz per pop", 0.55e-6, "[currency_USD] * [time] / [person]"),
        ("$0.55/MHz-pop", 0.55e-6, "[currency_USD] * [time] / [person]"),
        # A container's size is no count a rate is per: "per 40ft box" is per FEU.
        ("$1,987 per 40ft box", 1987 / 2, "[currency_USD] / [container]"),
        ("$1,987 per forty-foot box", 1987 / 2, "[currency_USD] / [container]"),
        ("$805 per twenty-foot equivalent unit", 805, "[currency_USD] / [container]"),
        ("GHS 3,200 per 64 kg bag", 50, "[currency_GHS] / [mass]"),
        ("$5 per 100 kg", 0.05, "[currency_USD] / [mass]"),
        # Eggs by the dozen: a price a dozen, per dozen or /doz, and a count of dozens.
        ("$8.17 a dozen", 8.17 / 12, "[currency_USD]"),
        ("$8.17 per dozen", 8.17 / 12, "[currency_USD]"),
        ("US$8.17/doz", 8.17 / 12, "[currency_USD]"),
        ("19.4 million dozen", 19.4e6 * 12, "dimensionless"),
        ("a dozen", 12, "dimensionless"),
        ("3 dozen", 36, "dimensionless"),
        # A shelter's cost per bed-night, and bed-nights counted.
        ("$112 per bed-night", 112, "[currency_USD] / [bed_night]"),
        ("$112 a bed a night", 112, "[currency_USD] / [bed_night]"),
        ("478,000 bed-nights", 478_000, "dimensionless"),
        # Another dollar's cents named, and airlines' seat-kilometres (ASK) and seat-miles.
        ("16.57 Canadian cents per ASK", 0.1657 / 1000, "[currency_CAD] / [seat] / [length]"),
        ("16.57 cents per available seat kilometre", 0.1657 / 1000, "[currency_USD] / [seat] / [length]"),
        ("16.57 CAD cents/km", 0.1657 / 1000, "[currency_CAD] / [length]"),
        ("45.2 billion ASKs", 45.2e12, "[seat] * [length]"),
        # Tobacco: a price per pack of 20 is per 20 of what it holds, as one per 1,000
        # cigarettes is per 1,000; a pack alone is its own count; pence per millilitre.
        ("£6.63 per pack of 20", 6.63 / 20, "[currency_GBP]"),
        ("£331.51 per 1,000 cigarettes", 331.51 / 1000, "[currency_GBP]"),
        ("£16.20 a pack", 16.2, "[currency_GBP] / [pack]"),
        ("22p per millilitre", 0.22 / 1e-6, "[currency_GBP] / [length] ** 3"),
        ("22p/ml", 0.22 / 1e-6, "[currency_GBP] / [length] ** 3"),
        # A sign in words, as wire copy writes a return.
        ("minus 1.6 %", -0.016, "dimensionless"),
        ("negative 0.3%", -0.003, "dimensionless"),
        ("1,008 billion Norwegian crowns", 1.008e12, "[currency_NOK]"),
        # Pakistani copy's trillion, and the rupee as IMF documents write it.
        ("PKR 10.13tr", 10.13e12, "[currency_PKR]"),
        ("PRs 2.4 trillion", 2.4e12, "[currency_PKR]"),
        # A ship's size: gross tonnage is no mass and no gigatesla; deadweight is tonnes.
        ("1,845 GT", 1845, "[gross_tonnage]"),
        ("1,845 gross tonnage", 1845, "[gross_tonnage]"),
        ("2,000 GRT", 2000, "[gross_tonnage]"),
        ("50,000 dwt", 5e7, "[mass]"),
        ("50,000 deadweight tonnes", 5e7, "[mass]"),
        ("36.8 Gt", 3.68e13, "[mass]"),  # the gigatonne stays
        # Scale words of other languages, as copied from their texts.
        ("R$ 412 milhões", 4.12e8, "[currency_BRL]"),
        ("R$ 1.9 bilhão", 1.9e9, "[currency_BRL]"),
        ("R$ 20 bi", 2e10, "[currency_BRL]"),  # a Brazilian headline's shorthand
        ("Rp 25 billion", 2.5e10, "[currency_IDR]"),  # the rupiah
        ("Rp25bn", 2.5e10, "[currency_IDR]"),
        ("20 mi", 20 * 1609.344, "[length]"),  # "mi" stays the mile
        ("19 mil person", 19_000, "[person]"),
        ("EUR 5.4 Milliarden", 5.4e9, "[currency_EUR]"),
        ("EUR 450 Millionen", 4.5e8, "[currency_EUR]"),
        ("EUR 2 milliards", 2e9, "[currency_EUR]"),
        ("EUR 728.9 millions", 7.289e8, "[currency_EUR]"),
        ("B/.2,544.5 million", 2.5445e9, "[currency_PAB]"),
        # The preposition between a scale word and its unit, and the dollar in their words
        # ("d'euros" was days times euros; "de" a deci-elementary charge).
        ("84 millones de euros", 8.4e7, "[currency_EUR]"),
        ("62 millions d'euros", 6.2e7, "[currency_EUR]"),
        ("2.5 milioni di euro", 2.5e6, "[currency_EUR]"),
        ("86 millones de dólares", 8.6e7, "[currency_USD]"),
        ("1.9 milliard de livres sterling", 1.9e9, "[currency_GBP]"),
        ("4.7 mil milhões CVE", 4.7e9, "[currency_CVE]"),  # a thousand million
        ("4.7 mil millones USD", 4.7e9, "[currency_USD]"),
        ("224 milhões de escudos", 2.24e8, "[currency_CVE]"),
        ("71 cents on the dollar", 0.71, "dimensionless"),  # a distressed bond's price
        # Units, rates and the euro as other languages' copy writes them.
        ("450 Mio. Euro", 4.5e8, "[currency_EUR]"),
        ("NOK 412 mill.", 4.12e8, "[currency_NOK]"),
        ("26 días", 26 * 86400, "[time]"),
        ("19 Minuten", 19 * 60, "[time]"),
        ("140 kilómetros", 140_000, "[length]"),
        ("12000 toneladas", 1.2e7, "[mass]"),
        ("US$38 millones diarios", 3.8e7 / 86400, "[currency_USD] / [time]"),
        ("EC$186.3 million", 1.863e8, "[currency_XCD]"),  # the Caribbean's dollars
        ("J$2.1 billion", 2.1e9, "[currency_JMD]"),
        # Mexican copy's thousands of millions in two parts.
        ("41 mil 200 millones MXN", 4.12e10, "[currency_MXN]"),
        ("mil 270 millones MXN", 1.27e9, "[currency_MXN]"),
        ("3 days", 3 * 86400, "[time]"),  # a unit that begins with "da" keeps it
        ("4 decades", 4 * 10 * 365.25 * 86400, "[time]"),
        # Gallons named as copy names them.
        ("980,000 US gallons", 980_000 * 0.003785411784, "[length] ** 3"),
        ("5 imperial gallons", 5 * 0.00454609, "[length] ** 3"),
        # Swiss copy: thousands grouped by apostrophes, the franc as Franken or Fr.
        ("176'000 person", 176_000, "[person]"),
        ("176’000 person", 176_000, "[person]"),
        ("186 Mio. Franken", 1.86e8, "[currency_CHF]"),
        ("Fr. 29.90", 29.9, "[currency_CHF]"),
        # A bound in words sits at the share itself: 66.8 % is more than two-thirds.
        ("more than two-thirds", 0.6667, "dimensionless"),
        ("two-thirds", 0.67, "dimensionless"),
    ],
)
def test_units_as_each_trade_writes_them(text, magnitude, dimension):
    quantity = parse_quantity(text)
    assert quantity.magnitude == pytest.approx(magnitude) and quantity.dimension == dimension


@pytest.mark.parametrize("text", ["US$900 per widget", "300 per flight", "5 tonnse"])
def test_a_thing_counted_is_no_denominator_and_a_misspelt_unit_stays_an_error(text):
    with pytest.raises(ParseError):
        parse_quantity(text)


@pytest.mark.parametrize(
    "text, magnitude, low, high, dimension",
    [
        ("KSh 2,571.4 billion", 2.5714e12, 2.57135e12, 2.57145e12, "[currency_KES]"),
        ("2.57 trillion Kenyan shillings", 2.57e12, 2.565e12, 2.575e12, "[currency_KES]"),
        ("SDR 455.2 million", 455.2e6, 455.15e6, 455.25e6, "[currency_XDR]"),
        ("3,500 nautical miles", 3500 * 1852, 3450 * 1852, 3550 * 1852, "[length]"),
        ("USD 4,406 per 40-foot container", 2203, 2202.75, 2203.25, "[currency_USD] / [container]"),
        ("5,100+ person", 5100, 5100, float("inf"), "[person]"),
        ("US$3 billion+", 3e9, 3e9, float("inf"), "[currency_USD]"),
        ("almost a quarter of a million t", 2.5e8, 2.25e8, 2.5e8, "[mass]"),
        ("214,155 units", 214_155, 214_154.5, 214_155.5, "dimensionless"),  # not candela per square metre
        ("1,412 port calls", 1412, 1411.5, 1412.5, "dimensionless"),
        ("31 tanks", 31, 30.5, 31.5, "dimensionless"),
        # Every currency of ISO 4217, by code, symbol, or name with its country.
        ("GH₵3.2 billion", 3.2e9, 3.15e9, 3.25e9, "[currency_GHS]"),
        ("1 billion cedis", 1e9, 0.95e9, 1.05e9, "[currency_GHS]"),
        ("ZMW 12.5 million", 12.5e6, 12.45e6, 12.55e6, "[currency_ZMW]"),
        ("11.88 billion Azerbaijani manat", 11.88e9, 11.875e9, 11.885e9, "[currency_AZN]"),
        ("₼11.88 billion", 11.88e9, 11.875e9, 11.885e9, "[currency_AZN]"),
        ("PEN 4.1 billion", 4.1e9, 4.05e9, 4.15e9, "[currency_PEN]"),
        ("5 billion Egyptian pounds", 5e9, 4.75e9, 5.25e9, "[currency_EGP]"),
        ("3.4 billion kronor", 3.4e9, 3.35e9, 3.45e9, "[currency_SEK]"),
        ("Kshs 727", 727, 726.5, 727.5, "[currency_KES]"),
        ("$9.84-billion", 9.84e9, 9.835e9, 9.845e9, "[currency_USD]"),
        ("C$412-million", 412e6, 411.5e6, 412.5e6, "[currency_CAD]"),
        # A figure with its margin is the range it spans.
        ("50±1 %", 0.5, 0.49, 0.51, "dimensionless"),
        ("3.2 +/- 0.4 million t", 3.2e9, 2.8e9, 3.6e9, "[mass]"),
        ("US$5 ± 0.25 billion", 5e9, 4.75e9, 5.25e9, "[currency_USD]"),
        # A currency named before its number, as government copy writes it.
        ("Birr 582.0 billion", 582e9, 581.95e9, 582.05e9, "[currency_ETB]"),
        ("about Naira 3.2 trillion", 3.2e12, 2.88e12, 3.52e12, "[currency_NGN]"),
        ("EUR 1.20 per vote", 1.2, 1.195, 1.205, "[currency_EUR] / [vote]"),
        ("$9,850 per injection", 9850, 9845, 9855, "[currency_USD] / [dose]"),
        # Gold in troy ounces, grades in grams per tonne.
        ("5 troy ounces", 5 * 0.0311034768, 4.75 * 0.0311034768, 5.25 * 0.0311034768, "[mass]"),
        ("2.1 g/t", 2.1e-6, 2.05e-6, 2.15e-6, "dimensionless"),
        ("2.1 gpt", 2.1e-6, 2.05e-6, 2.15e-6, "dimensionless"),
        # Data in bits and bytes, a dimension of its own; rates per second.
        ("412.5 PB", 412.5e15 * 8, 412.45e15 * 8, 412.55e15 * 8, "[information]"),
        ("38.6 Mb/s", 38.6e6, 38.55e6, 38.65e6, "[information] / [time]"),
        ("38.6 Mbps", 38.6e6, 38.55e6, 38.65e6, "[information] / [time]"),
        # A price per so many units of a unit; a rate per so many of what is counted.
        ("US$296 per 1,000 cubic metres", 0.296, 0.2955, 0.2965, "[currency_USD] / [length] ** 3"),
        ("US$296 per thousand m^3", 0.296, 0.2955, 0.2965, "[currency_USD] / [length] ** 3"),
        ("84 per 100,000 population", 84e-5, 83.5e-5, 84.5e-5, "dimensionless"),
        # People per so many people is the same plain ratio, whoever is counted.
        ("84 deaths per 100,000 people", 84e-5, 83.5e-5, 84.5e-5, "dimensionless"),
        ("97 males per 100 females", 0.97, 0.965, 0.975, "dimensionless"),
        # A household, statistics' unit of income and size, is a count of its own.
        ("2.4 persons per household", 2.4, 2.35, 2.45, "[person] / [household]"),
        ("US$912 a household", 912, 911.5, 912.5, "[currency_USD] / [household]"),
        ("28 mtoe", 28e6 * 41.868e9, 27.5e6 * 41.868e9, 28.5e6 * 41.868e9, "[mass] * [length] ** 2 / [time] ** 2"),
        ("15 cargoes", 15, 14.5, 15.5, "dimensionless"),
        ("8.4 nights", 8.4, 8.35, 8.45, "[night]"),  # a night of a stay is no day: 8 nights are 9 days
        # Water and power as utilities write them.
        ("41.2 Mm³", 41.2e6, 41.15e6, 41.25e6, "[length] ** 3"),  # a million cubic metres, not cubic megametres
        ("218 l/c/d", 218e-3 / 86400, 217.5e-3 / 86400, 218.5e-3 / 86400, "[length] ** 3 / [person] / [time]"),
        ("410 gigawatt-hours", 410 * 3.6e12, 405 * 3.6e12, 415 * 3.6e12, "[mass] * [length] ** 2 / [time] ** 2"),
        ("E£47.55", 47.55, 47.545, 47.555, "[currency_EGP]"),
        # A share in words as a value: the percentage it states.
        ("almost three-quarters", 0.75, 0.675, 0.75, "dimensionless"),
        ("just over half", 0.5, 0.5, 0.55, "dimensionless"),
        ("almost one in 10", 0.1, 0.05, 0.1, "dimensionless"),
        # A whole number and a fraction: "9 1/2 hours" is never 9 per 2 hours.
        ("9 1/2 hours", 9.5 * 3600, 9.45 * 3600, 9.55 * 3600, "[time]"),
        ("nine and a half hours", 9.5 * 3600, 9.45 * 3600, 9.55 * 3600, "[time]"),
        ("2 and three-quarters %", 0.0275, 0.02745, 0.02755, "dimensionless"),
        # A multiple as auctions print it; a billion as headlines do; a vaccine's shot.
        ("3.12 times", 3.12, 3.115, 3.125, "dimensionless"),
        # Circa, as UK and Irish copy abbreviates it: about.
        ("c. 128,400", 128_400, 115_560, 141_240, "dimensionless"),
        ("circa 128,400", 128_400, 115_560, 141_240, "dimensionless"),
        ("3.12x", 3.12, 3.115, 3.125, "dimensionless"),
        ("A$1.84b", 1.84e9, 1.835e9, 1.845e9, "[currency_AUD]"),
        ("$41.50 a shot", 41.5, 41.495, 41.505, "[currency_USD] / [dose]"),
        ("2 shots", 2, 1.9, 2.1, "dimensionless"),
        # Thermal capacity; a rate hyphenated as British papers print it; a number word hyphenated.
        ("21.4 GW(th)", 21.4e9, 21.35e9, 21.45e9, "[mass] * [length] ** 2 / [time] ** 3"),
        (
            "£183,500-a-week",
            183_500 / (7 * 86400),
            183_450 / (7 * 86400),
            183_550 / (7 * 86400),
            "[currency_GBP] / [time]",
        ),
        ("Mj 7.4", 7.4, 7.35, 7.45, "dimensionless"),
        ("19 out of 20", 0.95, 0.945, 0.955, "dimensionless"),
        ("3.11 billion passenger-km", 3.11e12, 3.105e12, 3.115e12, "[person] * [length]"),
        ("£1.675bn a season", 1.675e9 / 31557600, 1.6745e9 / 31557600, 1.6755e9 / 31557600, "[currency_GBP] / [time]"),
        # Percentage points as wire copy abbreviates them (not a typographic point, a length,
        # nor a pint, a volume), and percentages with what they are a rate of.
        ("1.25 pct points", 0.0125, 0.01245, 0.01255, "dimensionless"),
        ("4.75 %pts", 0.0475, 0.04745, 0.04755, "dimensionless"),
        ("4.5 % pa", 0.045, 0.0445, 0.0455, "dimensionless"),
        ("4.5% p.a.", 0.045, 0.0445, 0.0455, "dimensionless"),
        ("0.3% qoq", 0.003, 0.00285, 0.00315, "dimensionless"),
        # The renminbi and the yen by their own prefixes; fuel economy; a unit hyphenated.
        ("RMB 289,900", 289_900, 289_850, 289_950, "[currency_CNY]"),
        ("Rmb289,900", 289_900, 289_850, 289_950, "[currency_CNY]"),
        ("289,900 RMB", 289_900, 289_850, 289_950, "[currency_CNY]"),
        ("JP¥1.21 trillion", 1.21e12, 1.205e12, 1.215e12, "[currency_JPY]"),
        ("CN¥5 billion", 5e9, 4.75e9, 5.25e9, "[currency_CNY]"),
        ("16 kWh/100 km", 16 * 3.6e6 / 1e5, 15.5 * 3.6e6 / 1e5, 16.5 * 3.6e6 / 1e5, "[mass] * [length] / [time] ** 2"),
        ("6.5 l/100km", 6.5e-3 / 1e5, 6.45e-3 / 1e5, 6.55e-3 / 1e5, "[length] ** 2"),
        ("4¾ %", 0.0475, 0.04745, 0.04755, "dimensionless"),
        ("quarter-point", 0.0025, 0.00245, 0.00255, "dimensionless"),
        ("half a percentage point", 0.005, 0.00475, 0.00525, "dimensionless"),
        ("magnitude 6.7", 6.7, 6.65, 6.75, "dimensionless"),
        ("M6.8", 6.8, 6.75, 6.85, "dimensionless"),
        ("about magnitude 6", 6, 5.4, 6.6, "dimensionless"),
        ("NOK 24.5 a kilo", 24.5, 24.45, 24.55, "[currency_NOK] / [mass]"),
        ("£7,150 psm", 7150, 7145, 7155, "[currency_GBP] / [length] ** 2"),
        ("£7,150/sqm", 7150, 7145, 7155, "[currency_GBP] / [length] ** 2"),
        ("18,500 sq m", 18_500, 18_450, 18_550, "[length] ** 2"),
        ("5.75% NIY", 0.0575, 0.05745, 0.05755, "dimensionless"),
        ("120 BTC", 120, 115, 125, "[currency_BTC]"),
        ("120 bitcoin", 120, 115, 125, "[currency_BTC]"),
        ("48,312 ac", 48_312 * 4046.8726099, 48_311.5 * 4046.8726099, 48_312.5 * 4046.8726099, "[length] ** 2"),
        ("15.6 route-km", 15_600, 15_550, 15_650, "[length]"),
        ("an hour", 3600, 3420, 3780, "[time]"),
        ("more than an hour", 3600, 3600, math.inf, "[time]"),
        ("just under half an hour", 1800, 1620, 1800, "[time]"),
        ("800-volt", 800, 760, 840, "[mass] * [length] ** 2 / [time] ** 3 / [current]"),
    ],
)
def test_money_distances_bounds_and_counts_as_desks_write_them(text, magnitude, low, high, dimension):
    quantity = parse_quantity(text)
    assert quantity.dimension == dimension
    assert (quantity.magnitude, quantity.low, quantity.high) == pytest.approx((magnitude, low, high))


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("3,500 nm", "'nm' is ambiguous"),
        ("2.57 trillion shillings", "'shillings' alone is ambiguous"),
        ("Sh4.29 trillion", r"'Sh' alone is ambiguous \(KES, TZS, UGX, SOS\?\)"),
        ("Zh4.29 trillion", "'Zh' before the number is no currency claimcheck knows"),
        ("11.88 billion manat", r"'manat' alone is ambiguous \(AZN, TMT\?\)"),
        ("5 billion pesos", "'pesos' alone is ambiguous"),
        ("Rs. 2.2 billion", r"'Rs.' alone is ambiguous \(INR, PKR, LKR"),
        ("~Sh194 billion", r"'Sh' alone is ambiguous"),
        ("a good half", "write a share in words as a percentage"),  # not "no number": the qualifier is read first
        ("246c/kWh", "'c' before '/' is ambiguous"),
        ("5 per 0 people", "a rate per zero"),
        ("32 mcm/d", "'mcm' is ambiguous"),
        ("US$296/tcm", "'/tcm' is ambiguous"),
        ("1.2 mboe/d", "'mboe' is ambiguous"),
        ("¥1.21 trillion", r"'¥' alone is ambiguous \(JPY, CNY\?\)"),  # not "no number"
        ("P24.1 billion", r"'P' alone is ambiguous \(PHP, BWP\?\)"),
    ],
)
def test_ambiguous_units_and_unknown_currency_prefixes_say_what_to_write(text, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse_quantity(text)


@pytest.mark.parametrize(
    "text, code, read",
    [
        ("54,000 pounds/year", "GBP", "54,000 GBP/year"),
        ("Sh12.9 billion", "KES", "KES 12.9 billion"),
        ("20.6 billion shillings", "KES", "20.6 billion KES"),
        ("5 billion Egyptian pounds", "GBP", "5 billion Egyptian pounds"),  # its country named: a currency slip, kept
        ("5 pounds", "USD", "5 pounds"),  # no dollar is a pound: the pound of weight, as written
        ("5 billion pesos", "MXN", "5 billion MXN"),
        ("Rs. 950.4 billion", "LKR", "LKR 950.4 billion"),
        ("R894 million", "ZAR", "ZAR 894 million"),
        ("Br1.93 trillion", "ETB", "ETB 1.93 trillion"),  # the birr, as Ethiopian copy writes it
        ("2.57 trillion Kenyan shillings", "KES", "2.57 trillion Kenyan shillings"),  # named: read as such
        ("47.55 pounds per dollar", {"EGP", "USD"}, "47.55 EGP per dollar"),  # a topic in EGP/USD
        ("¥1.21 trillion", "JPY", "JPY 1.21 trillion"),
        ("about ¥289,900", "CNY", "about CNY 289,900"),
        ("P24.1 billion", "PHP", "PHP 24.1 billion"),
        ("540p", "GBP", "540p"),  # pence, not the peso: no number follows
        # The CFA franc as West and Central African copy writes it.
        ("1,800 CFA francs/kg", "XOF", "1,800 XOF/kg"),
        ("1,000 francs CFA/kg", "XOF", "1,000 XOF/kg"),
        ("1,800 FCFA/kg", "XAF", "1,800 XAF/kg"),
        ("CFA 1,500/kg", "XOF", "XOF 1,500/kg"),
        ("1,800 CFA francs/kg", "CHF", "1,800 CFA francs/kg"),  # no Swiss franc is a CFA franc
        # Crowns, as English copy names the Scandinavian and Czech currencies, and "kr".
        ("1,008 billion crowns", "NOK", "1,008 billion NOK"),
        ("kr 19,742 billion", "NOK", "NOK 19,742 billion"),
        ("19,742 billion kr", "SEK", "19,742 billion SEK"),
        ("1,008 billion Norwegian crowns", "SEK", "1,008 billion Norwegian crowns"),  # named: kept
    ],
)
def test_a_shared_currency_word_alone_is_the_topics_currency_when_it_can_name_it(text, code, read):
    from checker.quantities import in_topic_currency

    assert in_topic_currency(text, code) == read


def test_a_data_rate_is_no_frequency():
    """pint's bit is a pure number, so 100 Mbps would equal 100 MHz; here it is data."""
    assert parse_quantity("100 Mbps").dimension != parse_quantity("100 MHz").dimension
    assert parse_quantity("1 GB").magnitude == parse_quantity("8 Gb").magnitude


def test_a_rent_per_calendar_month_and_per_annum_are_one_rate():
    """£1,338 pcm is £16,056 pa; £87.50 psf is about £942 a square metre."""
    month, year = parse_quantity("£1,338 pcm"), parse_quantity("£16,056 p.a.")
    assert month.dimension == year.dimension == "[currency_GBP] / [time]"
    assert month.magnitude == pytest.approx(year.magnitude)
    assert parse_quantity("£87.50 psf").magnitude == pytest.approx(87.5 / 0.09290304)


def test_prices_and_rates_as_desks_abbreviate_them():
    """ "$18.99/mo" is a month's price, "$72.31/b" a barrel's (not the barn's), "$31 billion a
    quarter" a third of a year's flow at that pace (not pint's quarter of weight), "300 tb/d"
    OPEC's thousand barrels a day, and "SR101 billion" Saudi riyals."""
    assert parse_quantity("$18.99/mo").magnitude == pytest.approx(parse_quantity("$18.99 per month").magnitude)
    assert parse_quantity("$72.31/b").magnitude == pytest.approx(parse_quantity("$72.31 a barrel").magnitude)
    quarter, year = parse_quantity("$31 billion a quarter"), parse_quantity("$124 billion a year")
    assert quarter.dimension == "[currency_USD] / [time]" and quarter.magnitude == pytest.approx(year.magnitude)
    assert parse_quantity("$2 billion/quarter").dimension == "[currency_USD] / [time]"
    assert parse_quantity("300 tb/d").magnitude == pytest.approx(parse_quantity("300 kb/d").magnitude)
    assert parse_quantity("SR101 billion").dimension == "[currency_SAR]"
    # A quarter alone is still a share in words.
    assert parse_quantity("a quarter").magnitude == 0.25


def test_south_asian_scales_bags_and_mills():
    """A lakh is 100,000 and a crore ten million ("4.9 lakh people", "₹1.5 lakh crore"); a
    bag is the coffee trade's 60 kg unless its weight is written with it; a mill a thousandth."""
    assert parse_quantity("4.9 lakh").magnitude == pytest.approx(490_000)
    assert parse_quantity("1.2 crore").magnitude == pytest.approx(12_000_000)
    assert parse_quantity("INR 1.5 lakh crore").magnitude == pytest.approx(1.5e12)
    assert parse_quantity("29 million bags").magnitude == pytest.approx(parse_quantity("1.74 million t").magnitude)
    assert parse_quantity("3 million 50-kg bags").magnitude == pytest.approx(parse_quantity("150,000 t").magnitude)
    assert parse_quantity("2 million bags of 60 kg").magnitude == pytest.approx(parse_quantity("120,000 t").magnitude)
    # Cocoa's bags: 62.5 kg net, 64 kg gross.
    assert parse_quantity("GHS 3,125 per bag of 62.5 kg").magnitude == pytest.approx(50)
    assert parse_quantity("GHS 3,200 per 64-kg bag").magnitude == pytest.approx(50)
    assert parse_quantity("GHS 3,200 per bag of 64 kilogrammes").magnitude == pytest.approx(50)
    assert parse_quantity("39.72 mills").magnitude == pytest.approx(0.03972)
    # Indian digit grouping: 4,09,549 crore is 409,549 crore, never a number and a unit ",09,549".
    assert parse_quantity("INR 4,09,549 crore").magnitude == pytest.approx(4.09549e12)
    assert parse_quantity("₹2,08,100 crore").magnitude == pytest.approx(2.081e12)


def test_work_in_people_and_time_and_canadian_ranges():
    """ "55,800 person-days" (a strike's days lost) and "4.2 million customer-hours" (an
    outage) are people times time; a range with scale words hyphenated Canadian style
    ("$120-million to $150-million") is its two ends."""
    assert parse_quantity("55,800 person-days").dimension == parse_quantity("55,800 person days").dimension
    assert parse_quantity("55,800 person-days").magnitude == pytest.approx(
        parse_quantity("55,800 person days").magnitude
    )
    assert parse_quantity("4.2 million customer-hours").dimension == "[person] * [time]"
    ranged = parse_quantity("$120-million to $150-million")
    assert (ranged.low, ranged.high) == (pytest.approx(120e6), pytest.approx(150e6))
    assert parse_quantity("3-4 million t").low == pytest.approx(3e9)  # a plain range still reads
