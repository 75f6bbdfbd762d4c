import datetime as dt

import pytest

from checker.pegs import PARITIES, parity, parity_text
from checker.quantities import CURRENCIES


def test_a_parity_reads_both_ways_round_from_its_day():
    low, high, since = parity("EUR", "XOF")
    assert low == high == 655.957 and dt.date.fromordinal(int(since)) == dt.date(1999, 1, 1)
    back_low, back_high, back_since = parity("XOF", "EUR")
    assert back_low == back_high == pytest.approx(1 / 655.957) and back_since == since
    hong_kong = parity("HKD", "USD")
    assert hong_kong[0] == pytest.approx(1 / 7.85) and hong_kong[1] == pytest.approx(1 / 7.75)


def test_floating_currencies_have_no_parity():
    assert parity("USD", "EUR") is None and parity("EUR", "GBP") is None and parity("XOF", "XAF") is None


def test_a_parity_is_told_as_it_is_fixed_whichever_way_it_is_asked():
    assert parity_text("XOF", "EUR") == parity_text("EUR", "XOF") == "655.957 XOF per EUR"
    assert parity_text("USD", "HKD") == "7.75 to 7.85 HKD per USD"


@pytest.mark.parametrize("pair", sorted(PARITIES))
def test_every_parity_is_between_currencies_claimcheck_reads(pair):
    low, high, since = PARITIES[pair]
    assert set(pair) <= set(CURRENCIES) and 0 < low <= high
    assert dt.date.fromisoformat(since) < dt.date(2026, 1, 1)
