"""Fixed exchange rates: currencies whose parity to another a treaty, a currency board or a
central bank holds fixed, with the day from which it holds.

Plain numbers, without pint, so that rules may use them. A conversion between two such
currencies is held to the parity whatever rates the corpus states or implies: no market
moves it. Only parities that hold in the market are listed, never an official rate that a
parallel market leaves behind (the Lebanese pound's 1,507.5 to the dollar, Eritrea's 15).
"""

from __future__ import annotations

import datetime as dt

# (anchor, currency): (low, high) units of the currency per one of the anchor, and the day
# the parity was fixed at that level. Sources:
# - The CFA francs (XOF, XAF), the Comorian franc (KMF), the CFP franc (XPF) and the Cape
#   Verdean escudo (CVE): fixed to the euro from its first day at the franc's and the
#   escudo's conversion rates (Council Decisions 98/683/EC, 1999/95/EC and 98/744/EC):
#   655.957, 491.96775, 1,000 CFP francs = 8.38 euros, and 110.265.
# - The convertible mark (BAM) and the Bulgarian lev (BGN): 1.95583 to the euro, the
#   Deutsche Mark's conversion rate, by their currency boards (the lev until the euro
#   replaced it on 1 January 2026 at that rate).
# - The Danish krone (DKK): ERM II central rate 7.46038, within ±2.25 % (Danmarks
#   Nationalbank). The dobra (STN): 24.5 to the euro since its redenomination in 2018.
# - The Hong Kong dollar (HKD): 7.75-7.85 to the US dollar, the Convertibility Undertakings
#   of 18 May 2005 (HKMA); the pataca (MOP): 1.03 to the Hong Kong dollar (AMCM).
# - Gulf currencies to the US dollar: the Saudi riyal 3.75 (SAMA, June 1986), the dirham
#   3.6725 (CBUAE, November 1997), the Qatari riyal 3.64 (July 2001), the Omani rial 0.3845
#   (January 1986), the Bahraini dinar 0.376 (2001); the Jordanian dinar 0.709 (October 1995).
# - Currency boards and pegs to the US dollar: the Djibouti franc 177.721 (1973), the East
#   Caribbean dollar 2.70 (July 1976), the Barbados dollar 2.00 (July 1975), the Belize
#   dollar 2.00 (1978), the Aruban florin and the Netherlands Antillean guilder 1.79 (1986,
#   1971), the Bahamian dollar 1.00 (1973), the balboa 1.00 (1904), the Bermudian dollar
#   1.00 (1972).
# - At par within a monetary union: the Namibian dollar, loti and lilangeni with the rand
#   (Common Monetary Area), the ngultrum with the Indian rupee, the Brunei dollar with the
#   Singapore dollar (Currency Interchangeability Agreement, 1967), the Falkland Islands,
#   Gibraltar and Saint Helena pounds with sterling. The Nepalese rupee: 1.60 to the
#   Indian rupee (February 1993).
PARITIES: dict[tuple[str, str], tuple[float, float, str]] = {
    ("EUR", "XOF"): (655.957, 655.957, "1999-01-01"),
    ("EUR", "XAF"): (655.957, 655.957, "1999-01-01"),
    ("EUR", "KMF"): (491.96775, 491.96775, "1999-01-01"),
    ("EUR", "XPF"): (1000 / 8.38, 1000 / 8.38, "1999-01-01"),
    ("EUR", "CVE"): (110.265, 110.265, "1999-01-01"),
    ("EUR", "BAM"): (1.95583, 1.95583, "1999-01-01"),
    ("EUR", "BGN"): (1.95583, 1.95583, "1999-01-01"),
    ("EUR", "DKK"): (7.46038 * (1 - 0.0225), 7.46038 * (1 + 0.0225), "1999-01-01"),
    ("EUR", "STN"): (24.5, 24.5, "2018-01-01"),
    ("USD", "HKD"): (7.75, 7.85, "2005-05-18"),
    ("HKD", "MOP"): (1.03, 1.03, "1983-01-01"),
    ("USD", "SAR"): (3.75, 3.75, "1986-06-01"),
    ("USD", "AED"): (3.6725, 3.6725, "1997-11-01"),
    ("USD", "QAR"): (3.64, 3.64, "2001-07-09"),
    ("USD", "OMR"): (0.3845, 0.3845, "1986-01-01"),
    ("USD", "BHD"): (0.376, 0.376, "2001-01-01"),
    ("USD", "JOD"): (0.709, 0.709, "1995-10-01"),
    ("USD", "DJF"): (177.721, 177.721, "1973-01-01"),
    ("USD", "XCD"): (2.70, 2.70, "1976-07-07"),
    ("USD", "BBD"): (2.00, 2.00, "1975-07-01"),
    ("USD", "BZD"): (2.00, 2.00, "1978-01-01"),
    ("USD", "AWG"): (1.79, 1.79, "1986-01-01"),
    ("USD", "ANG"): (1.79, 1.79, "1971-12-01"),
    ("USD", "BSD"): (1.00, 1.00, "1973-07-10"),
    ("USD", "PAB"): (1.00, 1.00, "1904-06-28"),
    ("USD", "BMD"): (1.00, 1.00, "1972-07-01"),
    ("ZAR", "NAD"): (1.00, 1.00, "1993-09-15"),
    ("ZAR", "LSL"): (1.00, 1.00, "1980-01-01"),
    ("ZAR", "SZL"): (1.00, 1.00, "1974-01-01"),
    ("INR", "BTN"): (1.00, 1.00, "1974-01-01"),
    ("INR", "NPR"): (1.60, 1.60, "1993-02-12"),
    ("SGD", "BND"): (1.00, 1.00, "1967-06-12"),
    ("GBP", "FKP"): (1.00, 1.00, "1966-01-01"),
    ("GBP", "GIP"): (1.00, 1.00, "1966-01-01"),
    ("GBP", "SHP"): (1.00, 1.00, "1976-01-01"),
}


def parity(first: str, second: str) -> tuple[float, float, float] | None:
    """The fixed parity between two currencies as (low, high) units of ``second`` per one
    of ``first``, with the day (a date ordinal) from which it holds; None where none is
    fixed."""
    if (first, second) in PARITIES:
        low, high, since = PARITIES[first, second]
        return low, high, float(dt.date.fromisoformat(since).toordinal())
    if (second, first) in PARITIES:
        low, high, since = PARITIES[second, first]
        return 1 / high, 1 / low, float(dt.date.fromisoformat(since).toordinal())
    return None


def parity_text(first: str, second: str) -> str:
    """The parity between two currencies as it is fixed, in units of the pegged currency
    per one of its anchor, at its full digits: "655.957 XOF per EUR", "7.75 to 7.85 HKD
    per USD"."""
    anchor, currency = (first, second) if (first, second) in PARITIES else (second, first)
    low, high, _ = PARITIES[anchor, currency]
    return f"{low:g} {currency} per {anchor}" if low == high else f"{low:g} to {high:g} {currency} per {anchor}"
