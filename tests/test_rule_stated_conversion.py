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
    assert "no density" in finding.diagnosis


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


def test_currency_conversions_are_noted_not_checked(normalised):
    result = normalised(
        {
            "a": [
                claim(
                    "c",
                    "trade",
                    "US$1 billion",
                    period="2024",
                    converted="90 billion RUB",
                    quote="US$1 billion (90 billion RUB)",
                )
            ]
        }
    )
    (finding,) = run_rules(result, stated_conversion)
    assert finding.severity == "note"
