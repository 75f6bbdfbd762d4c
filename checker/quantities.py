"""The one unit registry: values as editors write them, scale words, currencies, densities.

A value such as ``~US$1.5 billion``, ``>275,000 t`` or ``700000 t/year`` becomes a
``Quantity``: magnitude and bounds in base units (kilogram, metre, second, one unit per
currency), and the dimension. Bounds come from the qualifier and the stated precision:

* no qualifier: the value carries its stated precision, half a unit of its last
  significant digit: ``12.42`` is 12.415–12.425, ``1 billion`` is 0.5–1.5 billion,
  ``275,000`` is 274,500–275,500 (trailing zeros of a whole number are not significant);
* ``=``: exact, both bounds are the value;
* ``~`` (about, around, approximately, nearly, almost, some): the value ± the larger of its
  stated precision and ``ABOUT_FRACTION`` of it;
* ``>`` / ``>=`` (more than, over, above, at least): the value is the lower bound, no upper;
* ``<`` / ``<=`` (less than, under, below, at most, up to): the value is the upper bound.

pint is slow per call, so everything here is cached per unique string, and the table-wide
functions work on unique values only.
"""

from __future__ import annotations

import math
import re
import sys
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from checker.columns import from_codes, positions_in
from checker.densities import DENSITIES
from checker.densities import MASS_DIMENSION as MASS_DIMENSION  # re-exported: the normaliser reads them here
from checker.densities import PHASES as PHASES
from checker.densities import SUBSTANCE_LABELS as SUBSTANCE_LABELS
from checker.densities import VOLUME_DIMENSION as VOLUME_DIMENSION
from checker.densities import density_bounds as density_bounds
from checker.errors import ParseError
from checker.lookups import LookupCache
from checker.numbers import OTHER_SCALES, SOUTH_ASIAN_SCALES, LazyPattern, canonical, join_spaced_thousands
from checker.texts import one_in

# "about 700,000 tonnes" admits ±10 % unless the stated precision is coarser. This is a
# house convention (documented in the README), not a standard.
ABOUT_FRACTION = 0.10

QUALIFIERS = {
    "=": "exact",
    "exactly": "exact",
    "~": "about",
    "≈": "about",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    # Circa, as UK and Irish copy abbreviates it ("c. 128,400", "c.128,400", "circa 128,400").
    "circa": "about",
    "c.": "about",
    "ca.": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "about",
    # Just below or just above the figure: one side of it, within the "about" width.
    "nearly": "nearly",
    "almost": "nearly",
    "just under": "nearly",
    "just below": "nearly",
    "just short of": "nearly",
    "slightly less than": "nearly",
    "slightly under": "nearly",
    "a little under": "nearly",
    "a little less than": "nearly",
    "just over": "just_over",
    "just above": "just_over",
    "slightly more than": "just_over",
    "slightly over": "just_over",
    "slightly above": "just_over",
    "a little over": "just_over",
    "a little more than": "just_over",
    "well over": "gt",
    "well above": "gt",
    "far more than": "gt",
    "well under": "lt",
    "well below": "lt",
    ">": "gt",
    "over": "gt",
    "more than": "gt",
    "above": "gt",
    "in excess of": "gt",
    ">=": "ge",
    "≥": "ge",
    "at least": "ge",
    "<": "lt",
    "less than": "lt",
    "under": "lt",
    "below": "lt",
    "fewer than": "lt",
    "<=": "le",
    "≤": "le",
    "at most": "le",
    "up to": "le",
}
QUALIFIER_SYMBOL = {
    "exact": "=",
    "about": "~",
    "nearly": "≲",
    "just_over": "≳",
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
    "stated": "",
}

# The weights of a bag a text may state with it ("60-kg bags"); a bag alone is 60 kg.
BAG_KILOGRAMS = (25, 40, 45, 46, 50, 59, 60, 62.5, 64, 65, 69, 70, 90, 100)  # cocoa: 62.5 kg net, 64 gross
_BAG_WEIGHTS = "|".join(re.escape(str(kilograms)) for kilograms in sorted(BAG_KILOGRAMS, key=str, reverse=True))


def bag_unit(kilograms: float | str) -> str:
    """The unit of a bag of that weight ("bag_of_62_5_kg")."""
    return f"bag_of_{str(kilograms).replace('.', '_')}_kg"


SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,  # only when the value is money: "US$170m"; otherwise "m" is the metre
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    # German and Russian abbreviations, for values copied from such texts.
    "mio": 1e6,
    "mrd": 1e9,
    "тыс": 1e3,
    "млн": 1e6,
    "млрд": 1e9,
    **SOUTH_ASIAN_SCALES,
    **OTHER_SCALES,
}

# ISO 4217 codes the registry knows. Each is its own dimension, so pint refuses to convert
# between them: exchange rates change daily and must never be applied silently.
CURRENCIES: tuple[str, ...] = (
    "USD",
    "EUR",
    "GBP",
    "RUB",
    "AFN",
    "CNY",
    "INR",
    "PKR",
    "IRR",
    "KZT",
    "UZS",
    "TJS",
    "TMT",
    "KGS",
    "TRY",
    "AED",
    "SAR",
    "JPY",
    "CHF",
    "QAR",
    "CAD",
    "AUD",
    "NZD",
    "HKD",
    "SGD",
    "KRW",
    "BRL",
    "MXN",
    "ZAR",
    "SEK",
    "NOK",
    "PLN",
    "UAH",
    "ILS",
    "EGP",
    "NGN",
    "KES",
    "TZS",
    "UGX",
    # The IMF's special drawing right: disbursements and quotas are set in it.
    "XDR",
    # Bitcoin: no ISO 4217 code, but ransoms and crypto markets are reported in it.
    "BTC",
)
# The other active codes of ISO 4217 (2025). Those that spell an English word or a unit
# ("ALL", "CUP", "PEN", "TOP", "MAD", "COP") are read only as written, in capitals.
CASED_CURRENCIES = (
    "ALL", "BAM", "BOB", "COP", "CUP", "GEL", "MAD", "MOP", "NAD", "PEN", "SOS", "TOP",
)  # fmt: skip
CURRENCIES += (
    "AMD", "ANG", "AOA", "ARS", "AWG", "AZN", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BSD", "BTN",
    "BWP", "BYN", "BZD", "CDF", "CLP", "CRC", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "ERN", "ETB", "FJD",
    "FKP", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HNL", "HTG", "HUF", "IDR", "IQD", "ISK", "JMD", "JOD",
    "KHR", "KMF", "KPW", "KWD", "KYD", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MDL", "MGA", "MKD", "MMK",
    "MNT", "MRU", "MUR", "MVR", "MWK", "MYR", "MZN", "NIO", "NPR", "OMR", "PAB", "PGK", "PHP", "PYG", "RON",
    "RSD", "RWF", "SBD", "SCR", "SDG", "SHP", "SLE", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TND",
    "TTD", "TWD", "UYU", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZMW", "ZWG",
) + CASED_CURRENCIES  # fmt: skip
# A pattern for a currency code in a value: the word-like codes in capitals only, even
# where the rest of the pattern ignores case.
CURRENCY_CODE = (
    "(?:"
    + "|".join(code for code in CURRENCIES if code not in CASED_CURRENCIES)
    + "|(?-i:"
    + "|".join(CASED_CURRENCIES)
    + "))"
)


def is_currency_code(text: str) -> bool:
    """Whether ``text`` is an ISO 4217 code claimcheck reads (word-like codes in capitals)."""
    return text in CURRENCIES or (text.upper() in CURRENCIES and text.upper() not in CASED_CURRENCIES)


CURRENCY_WORDS = {
    "USD": ("US_dollar", "dollar", "dollars"),
    "EUR": ("euro", "euros"),
    "GBP": ("pound_sterling",),
    "RUB": ("rouble", "roubles", "ruble", "rubles"),
    "AFN": ("afghani", "afghanis"),
    "CNY": ("yuan", "renminbi"),
    "INR": ("Indian_rupee",),
    "PKR": ("Pakistani_rupee",),
    "KZT": ("tenge",),
    "JPY": ("yen",),
    "BTC": ("bitcoin", "bitcoins"),
    "TJS": ("somoni",),
}
# Symbols are read as the currency most texts in this field mean by them; "$" alone is
# the US dollar. Ambiguous symbols (¥, "rupee") are left out on purpose.
CURRENCY_SYMBOLS = {
    "US$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "₹": "INR",
    "؋": "AFN",
    "₸": "KZT",
    # The other dollars as wire style writes them ("C$28.6 billion", "A$1.2 billion").
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    # The Caribbean's dollars as their papers write them ("EC$186.3 million", "J$2.1 billion").
    "EC$": "XCD",
    "J$": "JMD",
    "TT$": "TTD",
    "Bds$": "BBD",
    "BZ$": "BZD",
    "N$": "NAD",
    "B/.": "PAB",  # the balboa, as Panamanian copy writes it ("B/.2,544.5 million")
    "Fr.": "CHF",  # the Swiss franc, as Swiss copy writes it ("Fr. 29.90")
    "₴": "UAH",
    "₪": "ILS",
    "₦": "NGN",
    "₩": "KRW",
    # Shillings as East African copy writes them; "Sh" alone could be any of the three.
    "KSh": "KES",
    "Ksh": "KES",
    "TSh": "TZS",
    "USh": "UGX",
    "SDR": "XDR",
    "Kshs": "KES",
    "KShs": "KES",
    "GH₵": "GHS",
    "GH¢": "GHS",
    "₵": "GHS",
    "₼": "AZN",
    "₱": "PHP",
    "NT$": "TWD",
    "₺": "TRY",
    "฿": "THB",
    "৳": "BDT",
    "₾": "GEL",
    "₮": "MNT",
    "E£": "EGP",
    "LE": "EGP",
    # The yen and the yuan share "¥" (read under a topic in either, see SHARED_CURRENCY_WORDS);
    # their own prefixes name one, and "RMB" is the renminbi as Chinese pricing writes it.
    "₿": "BTC",
    "JP¥": "JPY",
    "CN¥": "CNY",
    "RMB": "CNY",
    "Rmb": "CNY",
    # The Saudi riyal as Saudi outlets write it ("SR1.285 trillion").
    "SR": "SAR",
    # The Pakistani rupee as IMF documents write it ("PRs 2.4 trillion").
    "PRs": "PKR",
    # The Indonesian rupiah ("Rp 25 billion", "Rp25bn").
    "Rp": "IDR",
}

# Currencies named in words with their country, as releases and wire copy write them
# ("11.88 billion Azerbaijani manat", "GH₵3.2 billion", "1 billion cedis"): each is its code.
CURRENCY_NAMES = (
    ("USD", r"U\.?S\.?\s*dollars?|United\s+States\s+dollars?"),
    ("CAD", r"Canadian\s+dollars?"),
    ("AUD", r"Australian\s+dollars?"),
    ("NZD", r"New\s+Zealand\s+dollars?"),
    ("HKD", r"Hong\s+Kong\s+dollars?"),
    ("SGD", r"Singapore\s+dollars?"),
    ("CHF", r"Swiss\s+francs?|(?:Schweizer\s+)?Franken"),
    ("ZAR", r"(?:South\s+African\s+)?rands?"),
    ("UAH", r"hryvni?as?"),
    ("ILS", r"shekels?"),
    ("NGN", r"nairas?"),
    ("KES", r"Kenyan?\s+shillings?"),
    ("TZS", r"Tanzanian?\s+shillings?"),
    ("UGX", r"Ugandan?\s+shillings?"),
    ("XDR", r"SDRs?|special\s+drawing\s+rights?"),
    ("BTC", r"XBT"),
    ("GBP", r"pounds?\s+sterling|sterling"),
    ("GHS", r"(?:Ghana(?:ian)?\s+)?cedis?"),
    ("ZMW", r"Zambian\s+kwachas?"),
    ("MWK", r"Malawian\s+kwachas?"),
    ("AZN", r"Azerbaijani\s+manats?"),
    ("TMT", r"Turkmen(?:istan)?\s+manats?"),
    ("MXN", r"Mexican\s+pesos?"),
    ("PHP", r"Philippine\s+pesos?"),
    ("CLP", r"Chilean\s+pesos?"),
    ("COP", r"Colombian\s+pesos?"),
    ("ARS", r"Argentin(?:e|ian)\s+pesos?"),
    ("UYU", r"Uruguayan\s+pesos?"),
    ("DOP", r"Dominican\s+pesos?"),
    ("MAD", r"Moroccan\s+dirhams?"),
    ("AED", r"(?:UAE|Emirati)\s+dirhams?"),
    ("SAR", r"Saudi\s+riyals?"),
    ("QAR", r"Qatari\s+riyals?"),
    ("OMR", r"Omani\s+rials?"),
    ("YER", r"Yemeni\s+rials?"),
    ("IRR", r"Iranian\s+rials?"),
    ("SEK", r"Swedish\s+krona"),
    ("NOK", r"Norwegian\s+kron(?:er|e)"),
    ("DKK", r"Danish\s+kron(?:er|e)"),
    ("ISK", r"Icelandic\s+kron(?:ur|a)"),
    ("CZK", r"Czech\s+korun(?:a|as|y)"),
    ("PKR", r"Pakistani\s+rupees?"),
    ("INR", r"Indian\s+rupees?"),
    ("LKR", r"Sri\s+Lankan\s+rupees?"),
    ("NPR", r"Nepal(?:ese|i)\s+rupees?"),
    ("IQD", r"Iraqi\s+dinars?"),
    ("JOD", r"Jordanian\s+dinars?"),
    ("KWD", r"Kuwaiti\s+dinars?"),
    ("BHD", r"Bahraini\s+dinars?"),
    ("DZD", r"Algerian\s+dinars?"),
    ("TND", r"Tunisian\s+dinars?"),
    ("LYD", r"Libyan\s+dinars?"),
    ("RSD", r"Serbian\s+dinars?"),
    ("SSP", r"South\s+Sudanese\s+pounds?"),
    ("SDG", r"Sudanese\s+pounds?"),
    ("EGP", r"Egyptian\s+pounds?"),
    ("LBP", r"Lebanese\s+pounds?"),
    ("SYP", r"Syrian\s+pounds?"),
    ("XOF", r"West\s+African\s+CFA\s+francs?"),
    ("XAF", r"Central\s+African\s+CFA\s+francs?"),
    ("CDF", r"Congolese\s+francs?"),
    ("RWF", r"Rwandan\s+francs?"),
    ("GNF", r"Guinean\s+francs?"),
    ("BRL", r"(?:Brazilian\s+)?reais|Brazilian\s+real"),
    ("CVE", r"(?:Cape\s+Verdean\s+)?escudos?"),
    ("CNY", r"Chinese\s+yuan|RMB"),
    ("JPY", r"Japanese\s+yen"),
    ("KRW", r"(?:South\s+)?Korean\s+won"),
    ("TRY", r"Turkish\s+lir(?:as?|e)"),
    ("IDR", r"(?:Indonesian\s+)?rupiahs?"),
    ("MYR", r"(?:Malaysian\s+)?ringgits?"),
    ("THB", r"(?:Thai\s+)?baht"),
    ("VND", r"Vietnamese\s+dong"),
    ("PLN", r"(?:Polish\s+)?(?:zlot(?:y|ys|ies)|złot(?:y|ys|ych))"),
    ("HUF", r"(?:Hungarian\s+)?forints?"),
    ("RON", r"Romanian\s+(?:lei|leu)"),
    ("MDL", r"Moldovan\s+(?:lei|leu)"),
    ("BGN", r"Bulgarian\s+leva?"),
    ("GEL", r"Georgian\s+laris?"),
    ("AMD", r"Armenian\s+drams?"),
    ("ETB", r"(?:Ethiopian\s+)?birrs?"),
    ("BDT", r"(?:Bangladeshi\s+)?takas?"),
    ("MMK", r"(?:Myanmar\s+)?kyats?"),
    ("KHR", r"(?:Cambodian\s+)?riels?"),
    ("MNT", r"(?:Mongolian\s+)?tugr[iö]ks?"),
    ("PEN", r"(?:Peruvian\s+)?soles|Peruvian\s+sol"),
    ("AOA", r"(?:Angolan\s+)?kwanzas?"),
    ("MZN", r"(?:Mozambican\s+)?(?:meticais|metical)"),
    ("BWP", r"Botswana\s+pula"),
    ("MGA", r"(?:Malagasy\s+)?ariary"),
    ("SLE", r"Sierra\s+Leone(?:an)?\s+leones?"),
    ("UZS", r"Uzbek\s+(?:so['ʻ‘]?m|sum)s?"),
    ("KGS", r"Kyrgyz\s+soms?"),
    ("TWD", r"(?:New\s+)?Taiwan(?:ese)?\s+dollars?"),
    ("JMD", r"Jamaican\s+dollars?"),
    ("NAD", r"Namibian\s+dollars?"),
    ("SEK", r"(?:Swedish\s+)?kronor"),
    ("NOK", r"Norwegian\s+(?:crowns?|kroner|krone)"),
    ("DKK", r"Danish\s+(?:crowns?|kroner|krone)"),
    ("SEK", r"Swedish\s+(?:crowns?|krona)"),
    ("CZK", r"Czech\s+(?:crowns?|korun[ay]?)"),
    ("PLN", r"zł"),
)
# Currency words several countries share: alone, each is read as the topic's own currency
# when that is one of them ("54,000 pounds" under a topic in GBP, "Sh12.9 billion" under
# one in KES), and refused as ambiguous otherwise. A "pound" under any other topic is the
# pound of weight.
SHARED_CURRENCY_WORDS = {
    "pound": ("GBP", "EGP", "LBP", "SYP", "SDG", "SSP", "FKP", "GIP", "SHP"),
    "¥": ("JPY", "CNY"),
    # Philippine and Botswanan copy's "P24.1 billion": the peso or the pula.
    "p": ("PHP", "BWP"),
    "shilling": ("KES", "TZS", "UGX", "SOS"),
    "sh": ("KES", "TZS", "UGX", "SOS"),
    "manat": ("AZN", "TMT"),
    "kwacha": ("ZMW", "MWK"),
    "peso": ("MXN", "PHP", "CLP", "COP", "ARS", "UYU", "DOP", "CUP"),
    "dirham": ("AED", "MAD"),
    "riyal": ("SAR", "QAR", "OMR", "YER"),
    "rial": ("IRR", "OMR", "YER"),
    "dinar": ("IQD", "JOD", "KWD", "BHD", "DZD", "TND", "LYD", "RSD"),
    "franc": ("CHF", "XOF", "XAF", "CDF", "RWF", "GNF", "BIF", "DJF", "KMF", "XPF"),
    # The CFA franc of West and of Central Africa ("1,800 CFA francs", "francs CFA", "FCFA").
    "cfa": ("XOF", "XAF"),
    "krona": ("SEK", "ISK"),
    "krone": ("NOK", "DKK"),
    "kroner": ("NOK", "DKK"),
    # The Scandinavian and Czech crowns as English copy names them, and "kr" ("19,742 billion kr").
    "crown": ("NOK", "DKK", "SEK", "CZK", "ISK"),
    "kr": ("NOK", "DKK", "SEK", "ISK"),
    "rupee": ("INR", "PKR", "LKR", "NPR", "MUR", "SCR"),
    "rs": ("INR", "PKR", "LKR", "NPR", "MUR", "SCR"),
    # South African copy's "R894 million": the rand, under a topic in ZAR; Malawian and
    # Zambian copy's "MK9.8 billion", "K9.8 billion": the kwacha.
    "r": ("ZAR",),
    "mk": ("MWK",),
    "k": ("ZMW", "MWK", "PGK", "MMK"),
    # Ethiopian and Belarusian copy's "Br1.93 trillion": the birr or the rouble.
    "br": ("ETB", "BYN"),
    "lira": ("TRY", "LBP", "SYP"),
    "leu": ("RON", "MDL"),
    "lei": ("RON", "MDL"),
}
# The currencies a bare "$" stands for in a text of their country: the dollars, and the
# pesos of Latin America, whose sign it is too. A text of any other country (a Kenyan
# paper's "$") means the US dollar by it.
DOLLAR_SIGN_CURRENCIES = frozenset(
    {code for code, pattern in CURRENCY_NAMES if "dollar" in pattern}
    | {"BBD", "BMD", "BND", "BSD", "BZD", "FJD", "GYD", "KYD", "LRD", "SBD", "SRD", "TTD", "XCD", "ZWL"}
    | set(SHARED_CURRENCY_WORDS["peso"]) - {"PHP"}
) & frozenset(CURRENCIES)

_CENT_CODES = {
    "canadian": "CAD",
    "cad": "CAD",
    "australian": "AUD",
    "aud": "AUD",
    "newzealand": "NZD",
    "nzd": "NZD",
    "hongkong": "HKD",
    "hkd": "HKD",
    "singapore": "SGD",
    "sgd": "SGD",
    "euro": "EUR",
    "eur": "EUR",
}
_NAMED_CENTS = LazyPattern(
    r"\b(Canadian|CAD|Australian|AUD|New\s+Zealand|NZD|Hong\s+Kong|HKD|Singapore|SGD|euro|EUR)\s*cents?\b",
    re.IGNORECASE,
)

# Things a price or a rate is per that are no unit of measure: each its own dimension.
PER_THINGS = (
    "stream",
    "play",
    "view",
    "download",
    "ticket",
    "vehicle",
    "room",
    "ride",
    "subscription",
    "dose",
    "vial",
    "QALY",
    "bed_night",
    "pack",
    "vote",
)
# A vaccine's shot or jab, and a drug's injection, is its dose ("$41.50 a shot"; pint's
# shot is a bar measure).
_PER_DOSE = LazyPattern(
    r"(?:(?<=\bper )|(?<=/)|(?<=/ )|(?<=\ba )|(?<=\beach ))(?:shots?|jabs?|injections?)\b", re.IGNORECASE
)
# People a figure is per, as their role names them ("$250,000 per depositor"): per person.
_PER_PERSON = LazyPattern(
    r"(?:(?<=\bper )|(?<=/)|(?<=/ )|(?<=\ba )|(?<=\beach ))(?:depositor|customer|subscriber|user|account[\s-]holder|borrower|taxpayer|beneficiary|"
    r"beneficiaries|recipient|citizen|pensioner|retiree|claimant|applicant|voter|member|listener|viewer)s?\b",
    re.IGNORECASE,
)

# Units an editor is likely to mean, offered as suggestions when a unit is unknown.
COMMON_UNITS = (
    "t",
    "tonne",
    "tonnes",
    "kg",
    "kt",
    "Mt",
    "m^3",
    "cubic metres",
    "litre",
    "barrel",
    "km",
    "year",
    "month",
    "day",
    "percent",
    "%",
    "t/year",
    "m^3/year",
    "USD/year",
    "decade",
    "century",
    "kWh",
    "MW",
    "people",
) + CURRENCIES

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+"
# Each substitution's pattern is compiled when a unit is first looked up (with the look-up
# cache warm, never): the currency names are one pattern, each name its own group.
_UNIT_SUBSTITUTIONS = (
    # "84 millones de euros", "62 millions d'euros", "2,5 milioni di euro": the preposition
    # between a scale word and its unit in Spanish, Portuguese, French and Italian copy
    # (pint would read "d'euros" as days times euros, "de" as deci-elementary charges).
    (LazyPattern(r"^(?:(?:de|do|da|des|del|di)\s+|d['’]\s*)(?=[^\W\d_])", re.IGNORECASE), ""),
    # Those languages' words for the dollar and the pound ("dólares", "livres sterling").
    (LazyPattern(r"(?<!\w)(?:dólar(?:es)?|dollari|dollaro)(?!\w)", re.IGNORECASE), "dollars"),
    (LazyPattern(r"(?<!\w)(?:livres?\s+sterling|libras?\s+esterlinas?|sterline)(?!\w)", re.IGNORECASE), "GBP"),
    (LazyPattern(r"(?<!\w)(?:livres|libras)(?!\w)", re.IGNORECASE), "pounds"),
    # German copy capitalises its nouns: "450 Mio. Euro".
    (LazyPattern(r"(?<!\w)Euros?(?!\w)"), "EUR"),
    # Units and rates as Spanish, Portuguese, French, Italian and German copy write them
    # ("26 días", "~140 kilómetros", "US$38 millones diarios", "12.000 toneladas").
    (
        LazyPattern(
            r"(?<!\w)(?:diari[oa]s?|por\s+d[ií]a|al\s+d[ií]a|par\s+jour|al\s+giorno|pro\s+Tag)(?!\w)", re.IGNORECASE
        ),
        "per day",
    ),
    (
        LazyPattern(
            r"(?<!\w)(?:anuales|anuais|al\s+año|por\s+año|por\s+ano|par\s+an|all['’]anno|pro\s+Jahr)(?!\w)",
            re.IGNORECASE,
        ),
        "per year",
    ),
    (LazyPattern(r"(?<!\w)(?:d[ií]as|jours|giorni|Tage)(?!\w)", re.IGNORECASE), "days"),
    (LazyPattern(r"(?<!\w)(?:semanas|semaines|settimane|Wochen)(?!\w)", re.IGNORECASE), "weeks"),
    (LazyPattern(r"(?<!\w)(?:meses|mois|mesi|Monate)(?!\w)", re.IGNORECASE), "months"),
    (LazyPattern(r"(?<!\w)(?:años|anos|anni|Jahre)(?!\w)", re.IGNORECASE), "years"),
    (LazyPattern(r"(?<!\w)(?:horas|heures|ore|Stunden)(?!\w)", re.IGNORECASE), "hours"),
    (LazyPattern(r"(?<!\w)(?:minutos|minuti|Minuten)(?!\w)", re.IGNORECASE), "minutes"),
    (LazyPattern(r"(?<!\w)(?:segundos|secondes|secondi|Sekunden)(?!\w)", re.IGNORECASE), "seconds"),
    (LazyPattern(r"(?<!\w)(?:kil[oó]metros?|kilomètres?|chilometri|Kilometer)(?!\w)", re.IGNORECASE), "km"),
    (LazyPattern(r"(?<!\w)(?:toneladas|tonnellate|Tonnen)(?!\w)", re.IGNORECASE), "t"),
    (LazyPattern(r"(?<!\w)(?:personas|pessoas|personnes|persone|Personen)(?!\w)", re.IGNORECASE), "person"),
    (
        LazyPattern(
            r"(?<!\w)(?:"
            + "|".join(f"(?P<c{i}>{pattern})" for i, (_, pattern) in enumerate(CURRENCY_NAMES))
            + r")(?!\w)",
            re.IGNORECASE,
        ),
        lambda found: CURRENCY_NAMES[int(found.lastgroup[1:])][0],
    ),
    (LazyPattern(r"\bper\s*cent\b", re.IGNORECASE), "percent"),
    # A distressed bond's price, "71 cents on the dollar": per cent of its face value.
    (LazyPattern(r"\bcents?\s+on\s+the\s+(?:dollar|euro|pound)\b", re.IGNORECASE), "percent"),
    (LazyPattern(r"\bper\s+annum\b", re.IGNORECASE), "per year"),
    # "1.25 pct points", "4.75 %pts", "0.5 % pts": percentage points as wire copy abbreviates
    # them (pint would read the typographic point, a length, and the pint, a volume).
    (
        LazyPattern(r"(?:%|\bpercent\b|\bp(?:c|ct)\b)\.?\s*(?:age\s+)?(?:points?|pts?)\b\.?", re.IGNORECASE),
        "percentage_point",
    ),
    # "5pc", "3.4 pct": percent as British and wire copy abbreviate it (pint would read the
    # parsec and the picotonne).
    (LazyPattern(r"\bp(?:c|ct)\b"), "percent"),
    # What a percentage is of, and that it is a yearly rate, are the topic's to say: "3.4% of
    # GDP", "12% a year", "9.1% y/y" are percentages.
    (
        LazyPattern(
            r"(%|\bpercent\b)\s*(?:of\s+(?:the\s+)?[^\W\d_][\w-]*|(?:a|per|each)\s+year|annually|y/y|yoy|"
            r"year[\s-]on[\s-]year|p\.?a\.?|q/q|qoq|quarter[\s-]on[\s-]quarter|m/m|mom|month[\s-]on[\s-]month|"
            r"(?:annuali[sz]ed|seasonally\s+adjusted|saar|sa)|NIY|APR|APY|AER|EAR)$",
            re.IGNORECASE,
        ),
        r"\1",
    ),
    (LazyPattern(r"\bpercentage[\s-]+points?\b|\bpp\b|\bppts?\b", re.IGNORECASE), "percentage_point"),
    (LazyPattern(r"\bbasis[\s-]+points?\b|\bbps?\b", re.IGNORECASE), "basis_point"),
    # "12 per day", "5 a day": a rate of things counted without a unit.
    (LazyPattern(r"^(?:an?|per|each)\s+(?=[^\W\d_])", re.IGNORECASE), "1 / "),
    (LazyPattern(r"^annually\b", re.IGNORECASE), "1 / year"),
    (LazyPattern(r"\b(?:a|per|each)\s+year\b", re.IGNORECASE), "/ year"),
    (LazyPattern(r"\bannually\b|\bper\s+annum\b|\ba\s+year\b", re.IGNORECASE), "/ year"),
    # "US$80 a barrel", "2 million barrels a day", "5,000 people a month": "a", "an" and
    # "each" before a unit mean "per" (pint would read "a" as the annum and multiply).
    (LazyPattern(r"(?:^|(?<=\s))(?:an?|each)\s+(?=[^\W\d_])", re.IGNORECASE), "/ "),
    (LazyPattern(r"\bdecades?\b", re.IGNORECASE), "decennium"),
    (LazyPattern(r"\bm³"), "m ** 3"),
    # "km2", "m3", "ft3": squares and cubes written without a caret.
    (LazyPattern(r"\b(k?m|cm|mm|ft|mi|yd)([23])\b"), r"\1 ** \2"),
    (LazyPattern(r"\bcu\.?\s+(?=[^\W\d_])", re.IGNORECASE), "cubic "),
    # "Metric ton(ne)s" are tonnes ("tons" alone stays ambiguous, below).
    (LazyPattern(r"\bmetric\s+ton(?:ne)?s?\b", re.IGNORECASE), "tonne"),
    # Gallons as copy names them: US (pint's gallon) and imperial ("980,000 US gallons").
    (LazyPattern(r"\bU\.?S\.?\s+gal(?:lon)?s?\b", re.IGNORECASE), "gallon"),
    (LazyPattern(r"\b(?:imperial|UK)\s+gal(?:lon)?s?\b", re.IGNORECASE), "imperial_gallon"),
    # The US steel and scrap trade's short ton, also called the net ton (2,000 lb), and the
    # long ton (2,240 lb), as desks spell them ("$880 a short ton").
    (LazyPattern(r"\b(?:short|net)[\s_-]+tons?\b", re.IGNORECASE), "short_ton"),
    (LazyPattern(r"\blong[\s_-]+tons?\b", re.IGNORECASE), "long_ton"),
    # A ship's size: gross tonnage ("1,845 GT", "GRT", "gross tons"), an index of its
    # enclosed volume and no mass (pint reads GT as the gigatesla), and deadweight, the
    # tonnes of cargo it carries ("50,000 dwt"; pint's dwt is the pennyweight).
    # ("Gt" stays the gigatonne of emissions statistics.)
    (LazyPattern(r"\bgross\s+(?:register(?:ed)?\s+)?ton(?:nage|ne|s)?s?\b", re.IGNORECASE), "gross_tonnage"),
    (LazyPattern(r"\b(?:GT|gt|GRT|grt)\b"), "gross_tonnage"),
    (LazyPattern(r"\bdead[\s-]?weight(?:\s+ton(?:ne)?s?|\s+tonnage)?\b", re.IGNORECASE), "tonne"),
    (LazyPattern(r"\b(?:DWT|dwt)\b"), "tonne"),
    # Commodity statistics: "mt" and "MT" are metric tonnes (pint: millitonne, megatesla),
    # "MMT" a million of them (USDA), "Mtpa"/"mtpa" million tonnes per annum (LNG plants),
    # "tpa" tonnes per annum. "Mt" stays pint's megatonne.
    (LazyPattern(r"\b(?:mt|MT)\b"), "tonne"),
    (LazyPattern(r"\b(?:MMT|mmt|MMt)\b"), "megatonne"),
    (LazyPattern(r"\b(?:Mtpa|mtpa|MTPA|MMTPA|mmtpa)\b"), "megatonne / year"),
    (LazyPattern(r"\b(?:ktpa|KTPA)\b"), "kilotonne / year"),
    (LazyPattern(r"\b(?:tpa|TPA)\b"), "tonne / year"),
    # In pint "kt" is the knot; in commodity statistics it is the kilotonne.
    (LazyPattern(r"\bkt\b"), "kilotonne"),
    # Oil as the industry writes it: barrels a day (IEA and OPEC write "kb/d" for thousands
    # and "mb/d" for millions; "MM" is the industry's million). Pint would read "b" as the barn.
    (LazyPattern(r"\b(?:b/d|bpd|BPD|bbl/d|bopd)(?![\w/])"), "barrel / day"),
    (LazyPattern(r"\b(?:kb/d|kbd|kbpd|kbbl/d|kbopd|tb/d|tbd|tbpd)(?![\w/])"), "kilobarrel / day"),
    (LazyPattern(r"\b(?:mb/d|mbd|mbpd|mmbpd|MMbpd|MMb/d|mmb/d|MMbbl/d|MMBD|mmbd)(?![\w/])"), "megabarrel / day"),
    (LazyPattern(r"\b(?:MMbbl|mmbbl|MMBbl|MMBBL)\b"), "megabarrel"),
    (LazyPattern(r"\b(?:boe/d|boepd)(?![\w/])"), "boe / day"),
    # "mtoe": million tonnes of oil equivalent, as energy statistics write it (pint: milli).
    (LazyPattern(r"\bmtoe\b"), "Mtoe"),
    (LazyPattern(r"\b(?:kboe/d|kboepd)(?![\w/])"), "kiloboe / day"),
    (LazyPattern(r"\b(?:MMboe|mmboe)\b"), "megaboe"),
    # Gas in cubic feet: "Mcf" a thousand (the Roman M of the US industry), "MMcf" a
    # million, "Bcf" a billion, "Tcf" a trillion; heat in million Btu.
    (LazyPattern(r"\bMcf\b"), "kilocubic_foot"),
    (LazyPattern(r"\b(?:MMcf|mmcf|MMCF)\b"), "megacubic_foot"),
    (LazyPattern(r"\b(?:Bcf|bcf|BCF)\b"), "gigacubic_foot"),
    (LazyPattern(r"\b(?:Tcf|tcf|TCF)\b"), "teracubic_foot"),
    (LazyPattern(r"\b(?:MMBtu|mmBtu|MMBTU|mmbtu)\b"), "megaBtu"),
    (LazyPattern(r"\b(?:MMscfd|mmscfd|MMcfd|mmcfd|MMscf/d|MMcf/d)(?![\w/])"), "megacubic_foot / day"),
    # Data as telecoms writes it: "38.6 Mb/s", "1 Gb" are bits (pint: megabarn, gilbert).
    (LazyPattern(r"\b([kKMGTPE])b(?=\s*/|\s*$|\s+per\b)"), r"\1bit"),
    # Yields in the post-Soviet and European way: a centner (quintal) is 100 kg.
    (LazyPattern(r"\b(?:centners?|quintals?|c|q|ц)(?=\s*/\s*(?:ha|hectare)\b)", re.IGNORECASE), "quintal"),
    (LazyPattern(r"\b(?:centners?|quintals?)\b", re.IGNORECASE), "quintal"),
    (LazyPattern(r"/\s*y\b|/\s*yr\b"), "/ year"),
    (LazyPattern(r"\bUS\s*cents?\b|\bUS¢", re.IGNORECASE), "US_cent"),
    # Another dollar's (or the euro's) cents named: "16.57 Canadian cents", "CAD cents".
    (_NAMED_CENTS, lambda found: f"{_CENT_CODES[found.group(1).lower().replace(' ', '')]}_cent"),
    # Airline capacity and unit revenue: an available seat-kilometre (ASK) or seat-mile
    # (ASM) is a seat flown a kilometre or a mile; "cents per ASK".
    (
        LazyPattern(r"\b(?:available\s+)?seat[\s-]*(?:km|kilomet(?:re|er)s?)\b|\bASKs?\b", re.IGNORECASE),
        "seat_kilometre",
    ),
    (LazyPattern(r"\b(?:available\s+)?seat[\s-]*miles?\b|\bASMs?\b", re.IGNORECASE), "seat_mile"),
    # Emissions: "Mt CO2", "MtCO2e", "t CO2-eq", "tonnes of carbon dioxide" are the mass.
    (
        LazyPattern(
            r"(?<=[a-zA-Z])\s*(?:of\s+)?(?:CO[2₂]|carbon\s+dioxide)(?:[\s-]*e(?:q(?:uivalent)?)?\b\.?)?(?=\s|/|$)",
        ),
        "",
    ),
    # Temperatures as reporting writes them: "1.5C", "45 °F", "2.7 degrees Celsius" (pint
    # would read C and F alone as the coulomb and the farad).
    (LazyPattern(r"^(?:°\s*)?C$|^degrees?\s+(?:C|[Cc]elsius|[Cc]entigrade)$"), "degree_Celsius"),
    (LazyPattern(r"^(?:°\s*)?F$|^degrees?\s+(?:F|[Ff]ahrenheit)$"), "degree_Fahrenheit"),
    (LazyPattern(r"\bparts\s+per\s+million\b", re.IGNORECASE), "ppm"),
    # A multiple as auctions and markets print one: a bid-to-cover of "3.12 times", "3.12x".
    (LazyPattern(r"^(?:times|x|×)$", re.IGNORECASE), "dimensionless"),
    (LazyPattern(r"\bparts\s+per\s+billion\b", re.IGNORECASE), "ppb"),
    # Per-share figures and UK pence: "US$1.02 a share", "540p".
    (LazyPattern(r"\bpence\b|(?<=\d)p$|^p$|^p(?=\s*(?:/|per\b|an?\b|each\b))"), "penny"),
    # A pack alone is a count of its own ("£16.20 a pack"; of so many, see _PACK_OF).
    (LazyPattern(r"\bpackets?\b", re.IGNORECASE), "pack"),
    (LazyPattern(r"\bnautical\s+miles?\b", re.IGNORECASE), "nautical_mile"),
    # Fire and land reports' acres ("48,312 ac"; pint would read the annum times the speed
    # of light), and a rail line's route- or track-kilometres.
    (LazyPattern(r"\bac\b"), "acre"),
    (LazyPattern(r"\b(?:route|track)[\s-]*(?:km|kilomet(?:re|er)s?)\b", re.IGNORECASE), "km"),
    # Prices and rents as markets write them: "NOK 24.5 a kilo", "£87.50 psf" (per square
    # foot), "£7,150 psm", "£1,338 pcm" (per calendar month), "£16,056 pa", "18,500 sqm".
    (LazyPattern(r"\bkilos?\b", re.IGNORECASE), "kilogram"),
    (LazyPattern(r"\bpsf\b"), "/ ft ** 2"),
    (LazyPattern(r"\bpsm\b"), "/ m ** 2"),
    (LazyPattern(r"\bpcm\b"), "/ month"),
    (
        LazyPattern(rf"\b({_BAG_WEIGHTS})[\s-]*(?:kg|kilo(?:gram(?:me)?)?s?)[\s-]+bags?\b", re.IGNORECASE),
        lambda found: bag_unit(found.group(1)),
    ),
    (
        LazyPattern(rf"\bbags?\s+of\s+({_BAG_WEIGHTS})[\s-]*(?:kg|kilo(?:gram(?:me)?)?s?)\b", re.IGNORECASE),
        lambda found: bag_unit(found.group(1)),
    ),
    # Prices as subscriptions and commodity desks write them: "$18.99/mo" a month, "$72.31/b"
    # a barrel (never the barn), and "$31 billion a quarter" (never pint's quarter of weight).
    (LazyPattern(r"/\s*mo\b\.?"), "/ month"),
    (LazyPattern(r"/\s*b\b(?!/)"), "/ barrel"),
    (LazyPattern(r"(?:\b(?:an?|per|each)\s+|/\s*)(?:quarter|qtr)\b\.?", re.IGNORECASE), "/ quarter_year"),
    (LazyPattern(r"(?<=\s)p\.?a\.?$"), "/ year"),
    (
        LazyPattern(r"\bsq\.?\s*(m|ft|km|mi|yd|in)\b|\b(?:sqm)\b", re.IGNORECASE),
        lambda found: f"{found.group(1) or 'm'} ** 2",
    ),
    # Fuel economy as spec sheets write it: miles per (US) gallon, and its electric
    # equivalent ("120 MPGe"); "16 kWh/100 km" and "6.5 l/100km" divide by the count below.
    (LazyPattern(r"\bmpge?\b", re.IGNORECASE), "mile / gallon"),
    # A unit hyphenated to its number, as an adjective: "an 800-volt platform", "a 10-year plan".
    (LazyPattern(r"^-\s*(?=[^\W\d_])"), ""),
    # Water as utilities write it: "Mm³" a million cubic metres (never cubic megametres),
    # "MLD" million litres a day, "l/c/d" and "lpcd" litres per person (capita) a day.
    (LazyPattern(r"\bMm(?:³|3|\^3|\s*\*\*\s*3)(?!\w)"), "megacubic_metre"),
    (LazyPattern(r"\bMLD\b"), "megalitre / day"),
    # and as US utilities write it: "MGD" million gallons a day, "gpd" gallons a day.
    (LazyPattern(r"\b(?:MGD|mgd)\b"), "megagallon / day"),
    (LazyPattern(r"\b(?:gpd|GPD)\b"), "gallon / day"),
    (
        LazyPattern(
            r"\b(?:l|litres?|liters?)\s*/\s*(?:c|p|cap|capita|person)\s*/\s*d(?:ay)?\b|\blpcd\b", re.IGNORECASE
        ),
        "litre / person / day",
    ),
    (LazyPattern(r"\bper\s+(?:capita|head)\b", re.IGNORECASE), "per person"),
    # Transport output: passenger-kilometres, tonne-kilometres.
    (LazyPattern(r"\bpassenger[\s-]*(?:km|kilomet(?:re|er)s?)\b|\bpkm\b", re.IGNORECASE), "person * km"),
    # Work and outages counted in people and time: "55,800 person-days" lost to a strike,
    # "4.2 million customer-hours" without power.
    (
        LazyPattern(r"\b(?:person|man|worker|customer|patient)[\s-]*(hours?|days?|minutes?|years?)\b", re.IGNORECASE),
        lambda found: f"person * {found.group(1).lower().rstrip('s')}",
    ),
    (LazyPattern(r"\btonne[\s-]*(?:km|kilomet(?:re|er)s?)\b|\btkm\b", re.IGNORECASE), "tonne * km"),
    # "410 gigawatt-hours", "ZAR 2.46 per kilowatt-hour".
    (LazyPattern(r"watt[\s-]hours?\b", re.IGNORECASE), "watt_hour"),
    # Precious metals are weighed in troy ounces; grades in grams per tonne.
    (LazyPattern(r"\btroy\s+(?:ounces?|oz)\b", re.IGNORECASE), "troy_ounce"),
    (LazyPattern(r"\b(?:gpt|g/t)\b"), "gram / tonne"),
    # Thermal and electric capacity written with the suffix in brackets: "GW(th)", "MW(e)".
    (LazyPattern(r"(?<=W)\((th|e|p)\)"), r"\1"),
    # Freight rates: a forty-foot container is two twenty-foot equivalent units.
    (
        LazyPattern(
            r"\b40[\s-]*(?:foot|ft|feet)\s+(?:containers?|boxe?s?|equivalent\s+units?)\b|\bFEUs?\b", re.IGNORECASE
        ),
        "FEU",
    ),
    (
        LazyPattern(r"\b20[\s-]*(?:foot|ft|feet)\s+(?:containers?|boxe?s?|equivalent\s+units?)\b", re.IGNORECASE),
        "TEU",
    ),
    # "24 cents a share": a cent is a hundredth of the dollar "$" stands for (US cents).
    (LazyPattern(r"\bcents?\b|¢", re.IGNORECASE), "US_cent"),
    # Airport capacity: million passengers per annum.
    (LazyPattern(r"\b(?:mppa|MPPA|mppy)\b"), "megaperson / year"),
    (LazyPattern(r"\bpeople\b|\bpersons?\b|\bindividuals\b|\bpax\b|\bjobs?\b", re.IGNORECASE), "person"),
    (_PER_PERSON, "person"),
    (_PER_DOSE, "dose"),
    # A shelter's or a hospital's bed for one night, what its cost is per ("$112 per
    # bed-night", "$112 a bed a night") and what it counts ("478,000 bed-nights").
    (
        LazyPattern(r"\bbeds?\s*(?:(?:per|a|each)\s+|/\s*)night\b|\bbed[\s-]*nights?\b", re.IGNORECASE),
        lambda found: "bed_nights" if found.group(0).lower().endswith("s") else "bed_night",
    ),
    # Spectrum's price per megahertz per head of population: "$0.55/MHz/pop", "/MHz-pop".
    (LazyPattern(r"\bMHz[\s-]pops?\b"), "(MHz * person)"),
    (LazyPattern(r"(?:(?<=\bper )|(?<=/)|(?<=/ ))pops?\b"), "person"),
    # Head counts as reporting names them: each is a count of people.
    (
        LazyPattern(
            r"\b(?:troops?|soldiers?|servicem[ae]n|service\s+members?|fighters?|civilians?|refugees?|migrants?|"
            r"asylum[\s-]seekers?|workers?|employees?|staff|residents?|inhabitants?|patients?|voters?|children|"
            r"child|adults?|women|woman|men|man|students?|pupils?|teachers?|doctors?|nurses?|prisoners?|"
            r"detainees?|hostages?|casualties|deaths?|dead|killed|wounded|injured|displaced|IDPs?|returnees?|"
            r"males?|females?|boys?|girls?|"
            r"passengers?|tourists?|visitors?|members?|recruits?|personnel|officers?|delegates?|participants?|"
            r"pilots?|crew|drivers?|farmers?|miners?|fishers?|fishermen|players?|athletes?|pensioners?)\b"
        ),
        "person",
    ),
    # Things and events counted (flights a week, aircraft ordered, doses given): a count,
    # whatever is counted, which is the topic's to say. Not after "per" or "/": "US$900 per
    # household" is no amount of dollars, and is refused rather than read as one.
    (
        LazyPattern(
            r"(?<!/)(?<!/ )(?<!per )\b(?:(?!per\b|each\b)[a-z][a-z-]{2,}\s+)?(?:flights?|calls?|transits?|crossings?|"
            r"passages?|units?|starts?|completions?|sales|transactions?|listings?|tanks?|rounds?|batteries|"
            r"howitzers?|launchers?|guns?|bombs?|grenades?|munitions?|projectiles?|interceptors?|helicopters?|departures?|sailings?|voyages?|trips?|journeys?|movements?|frequencies|"
            r"aircraft|planes?|jets?|vehicles?|cars?|trucks?|lorries|buses|trains?|ships?|vessels?|tankers?|"
            r"drones?|missiles?|rockets?|shells?|attacks?|strikes?|raids?|incidents?|doses?|vaccinations?|"
            r"streams?|plays?|views?|downloads?|tickets?|rooms?|rides?|subscriptions?|shots?|jabs?|vials?|bed_nights?|packs?|"
            r"beds?|schools?|hospitals?|clinics?|homes?|houses?|dwellings?|households?|buildings?|"
            r"projects?|companies|company|firms?|businesses|contracts?|licen[cs]es?|permits?|visas?|"
            r"applications?|votes?|ballots?|seats?|villages?|towns?|settlements?|camps?|shelters?|"
            r"meals?|parcels?|wells?|mines?|reactors?|turbines?|routes?|destinations?|stores?|branches|cargo(?:e?s)?|"
            r"shipments?|consignments?|subscriptions?|subscribers?|connections?|lines?|accounts?|offences?|"
            r"crimes?|cases?|arrests?|convictions?|prosecutions?|sentences?|applications?|arrivals?|returns?|"
            r"deportations?|removals?|requests?|decisions?|journeys?|boardings?)\b",
            re.IGNORECASE,
        ),
        "count",
    ),
)
# Abbreviations whose "M" the US oil and gas industry reads as a thousand (Roman) and SI
# (and pint) as a million: refused rather than read one way silently.
_ROMAN_THOUSANDS = re.compile(r"\bM(?:bbl|b/d|bpd|bd|boe|boe/d|Btu|BTU)\b|\bMBD\b|\bm(?:boe|bbl)\b")
# A currency word several countries share, alone (its country named, it was read above).
# Abbreviations among them are read only as written, before a number ("R894 million",
# "Rs. 950 billion", "K9.8 billion"), never inside a code or a word ("KES", "kWh").
_SHARED_ABBREVIATIONS = ("rs", "sh", "mk", "r", "k", "p", "br", "¥")
_CFA = r"F\s?CFA|CFA\s+F(?:rancs?)?\b|francs?\s+CFA|CFA"
SHARED_WORD = LazyPattern(
    r"(?<![\w$])(?:(?-i:Rs|Sh|MK|Br|R|K|P)\.?(?=\s*[\d.])|¥(?=\s*[\d.])|(?:"
    + _CFA
    + r")(?![^\W\d])|(?:"
    + "|".join(
        sorted((key for key in SHARED_CURRENCY_WORDS if key not in _SHARED_ABBREVIATIONS), key=len, reverse=True)
    )
    + r")(?:e?s)?(?![^\W\d]))",
    re.IGNORECASE,
)


_NAMED_CURRENCY = LazyPattern("|".join(f"(?:{pattern})" for _, pattern in CURRENCY_NAMES), re.IGNORECASE)


def in_topic_currency(text: str, code: str | set[str]) -> str:
    """``text`` with each currency word several countries share, written alone, as the
    topic's currency (``code``, or one of the codes of a unit such as EGP/USD) that the word
    can name: "54,000 pounds" under a topic in GBP, "Sh12.9 billion" under one in KES,
    "47.55 pounds per dollar" under one in EGP/USD. A word its country names ("Egyptian
    pounds") stays as written."""
    named = [found.span() for found in _NAMED_CURRENCY.finditer(text)]
    codes = {code} if isinstance(code, str) else code

    def swap(found: re.Match) -> str:
        if any(start <= found.start() < end for start, end in named):
            return found.group(0)
        fitting = codes.intersection(SHARED_CURRENCY_WORDS.get(shared_currency_word(found.group(0)), ()))
        if len(fitting) != 1:
            return found.group(0)
        (code,) = fitting
        return f"{code} " if text[found.end() : found.end() + 1].isdigit() else code

    return SHARED_WORD.sub(swap, text)


# Ounces of a topic weighed in troy ounces (gold, silver, platinum) are troy ounces.
TROY_UNIT = re.compile(r"\b(?:ozt|toz|troy)", re.IGNORECASE)
_OUNCES = re.compile(r"(?<!troy )(?<!troy_)\b(?:ounces?|oz)\b", re.IGNORECASE)


def in_troy_ounces(text: str) -> str:
    return _OUNCES.sub("troy_ounce", text)


# "kt" is the kilotonne in commodity statistics and the knot in weather bulletins and
# aviation: under a topic of speeds, the knot.
SPEED = "[length] / [time]"
KNOTS = re.compile(r"(?<![A-Za-z])kts?\b")


def in_knots(text: str) -> str:
    return KNOTS.sub("knot", text)


# "mb" is pint's millibarn (an area) and weather copy's millibar ("a central pressure of
# 938 mb"): under a topic of pressures, the millibar.
PRESSURE = "[mass] / [length] / [time] ** 2"
MILLIBARS = re.compile(r"(?<![A-Za-z])mbs?\b")


def in_millibars(text: str) -> str:
    return MILLIBARS.sub("millibar", text)


# "nm" is the nanometre of chipmaking and the nautical mile of the sea: under a topic in
# either, that one (elsewhere it is refused as ambiguous).
NANOMETRE_UNIT = re.compile(r"^(?:nanomet(?:re|er)s?)$", re.IGNORECASE)
NAUTICAL_UNIT = re.compile(r"^(?:nautical_miles?|nmi|nautical miles?)$", re.IGNORECASE)
_NM = re.compile(r"(?<![A-Za-z])nm\b")


def in_topic_nm(text: str, unit: str) -> str:
    if NANOMETRE_UNIT.match(unit.strip()):
        return _NM.sub("nanometer", text)
    if NAUTICAL_UNIT.match(unit.strip()):
        return _NM.sub("nautical_mile", text)
    return text


# A topic of temperature differences (an anomaly, a warming: unit delta_degC or
# delta_degF) reads "2.8C above average" and "4.7F" as differences, not readings.
DELTA_UNIT = re.compile(r"delta", re.IGNORECASE)
TEMPERATURE_SCALE = re.compile(
    r"(?<=\d)\s*(?:°\s*|degrees?\s+)?(?:(?-i:C)|Celsius|centigrade|(?-i:F)|Fahrenheit)\b", re.IGNORECASE
)


# "Degrees" alone under a topic of temperatures is that topic's degree ("must not exceed
# 19 degrees" under a topic in degC), never pint's angle.
BARE_DEGREES = re.compile(r"(?<=\d)\s*degrees?\b(?!\s*(?:C\b|F\b|Celsius|centigrade|Fahrenheit|of\b))", re.IGNORECASE)
_TOPIC_DEGREE = {
    "[temperature in degree Celsius]": " degC",
    "[temperature in degree Fahrenheit]": " degF",
    "[temperature]": " kelvin",
}


def in_topic_degrees(text: str, dimension: str, unit: str) -> str:
    """ "19 degrees" in the topic's own degrees: Celsius or Fahrenheit readings, or a
    difference (delta_degC, delta_degF) in its own scale."""
    degree = _TOPIC_DEGREE.get(dimension)
    if degree is None:
        return text
    if dimension == "[temperature]":
        if not DELTA_UNIT.search(unit):
            return text  # kelvin: no one writes "degrees" for it
        degree = " delta_degF" if "f" in unit.lower().replace("delta", "") else " delta_degC"
    return BARE_DEGREES.sub(degree, text)


def as_temperature_difference(text: str) -> str:
    """ "2.8C" as "2.8 delta_degC", "4.7 °F" as "4.7 delta_degF"."""
    return TEMPERATURE_SCALE.sub(
        lambda found: " delta_degF" if found.group(0).strip()[-1:] in "Ft" else " delta_degC", text
    )


def shared_currency_word(word: str) -> str:
    """The key of SHARED_CURRENCY_WORDS a word as written stands for ("Pesos" → "peso")."""
    lowered = word.lower().rstrip(".")
    if "cfa" in lowered:
        return "cfa"
    for key in sorted(SHARED_CURRENCY_WORDS, key=len, reverse=True):
        if lowered in (key, key + "s", key + "es"):
            return key
    return ""


# Gas volumes whose "m" and "t" each industry reads its own way (see _unit_info).
_AMBIGUOUS_GAS = re.compile(r"\bmcm\b|(?:/|\bper)\s*tcm\b", re.IGNORECASE)
_AMBIGUOUS_UNITS = {
    "c": "'c' after a number is ambiguous (cents, or degrees?): write 'US cents' or 'US$0.38', or '38 °C'",
    "ton": "'ton' is ambiguous: write 't' (metric tonne), 'short_ton' or 'long_ton'",
    "tons": "'tons' is ambiguous: write 't' (metric tonne), 'short_ton' or 'long_ton'",
    "billion": "the scale word must follow the number directly",
    "nm": "'nm' is ambiguous (nautical miles, or nanometres?): write 'nmi' or 'nautical miles', or 'nanometre'",
}


@dataclass(frozen=True)
class Quantity:
    """A parsed value in base units, with the interval its qualifier and precision allow."""

    magnitude: float
    low: float
    high: float
    unit: str
    dimension: str
    qualifier: str


@dataclass(frozen=True)
class UnitInfo:
    factor: float  # base units per one of this unit
    unit: str  # the base unit, as pint prints it
    dimension: str  # pint's dimensionality, e.g. "[mass] / [time]" or "[currency_USD]"


def _pint():
    """pint, imported without its optional support for dask arrays, which claimcheck never
    hands it: with dask installed (the ``dask`` extra), pint imports it at once, a tenth of
    a second of every run that asks pint anything. Once dask is imported (a distributed
    run), pint is imported as it is."""
    if "pint" not in sys.modules and "dask" not in sys.modules:
        sys.modules["dask"] = None  # pint's find_spec("dask") sees no dask
        try:
            import pint
        finally:
            del sys.modules["dask"]
    import pint

    return pint


@lru_cache(maxsize=1)
def registry():
    """Build the one unit registry (once per process: building it takes a tenth of a second)."""
    pint = _pint()
    # pint's own definitions, read as pint reads them, but for the bit: information has a
    # dimension of its own here (pint's bit is a pure number), so 412.5 PB is an amount of
    # data and 100 Mbps never equals 100 MHz. The bit is redefined before pint derives its
    # prefixed units (gigabyte, Mbps) from it, which is why the registry starts empty.
    ureg = pint.UnitRegistry(None, on_redefinition="ignore", system="mks")  # the barrel below is redefined on purpose
    ureg.load_definitions(Path(pint.__file__).parent / "default_en.txt")
    ureg.define("bit = [information] = _ = bits")
    ureg._build_cache()
    # pint's "decade" is a logarithmic unit (a factor of ten); editors mean ten years.
    ureg.define("decennium = 10 * year = _ = decennia")
    # A bag is the coffee trade's 60 kg (ICO, USDA; pint's is a 94-lb bag of cement), and
    # a bag of another weight is written with it ("50-kg bags" of rice, "70-kg bags").
    ureg.define("bag = 60 * kilogram = _ = bags")
    # A mill is a thousandth: a property-tax rate of 39.72 mills is $39.72 per $1,000 of value.
    ureg.define("mill = 1e-3 = _ = mills")
    # Eggs are sold and counted by the dozen ("$8.17 a dozen", "19.4 million dozen").
    ureg.define("dozen = 12 = doz = dozens")
    for kilograms in BAG_KILOGRAMS:
        ureg.define(f"{bag_unit(kilograms)} = {kilograms} * kilogram")
    # A quarter of a year, as a rate's period ("$31 billion a quarter"); pint's quarter is a weight.
    ureg.define("quarter_year = 3 * month = _ = quarter_years")
    # pint's "barrel" is the US liquid barrel of 31.5 gallons; a barrel of crude oil or of
    # oil products, which is what reporting means by "barrels" and "bbl", holds 42 gallons.
    ureg.define("barrel = oil_barrel = bbl")
    # Gas volumes as the industry writes them: billion and trillion cubic metres.
    ureg.define("bcm = 1e9 * meter ** 3 = billion_cubic_metres")
    ureg.define("tcm = 1e12 * meter ** 3 = trillion_cubic_metres")
    # A change of a percentage written in points: 2.5 percentage points is 2.5 % of the
    # whole; a basis point is a hundredth of a percentage point (central banks' rates).
    ureg.define("percentage_point = percent = _ = percentage_points")
    ureg.define("basis_point = 0.01 * percent = _ = basis_points")
    ureg.define("ppb = 1e-9 = _ = parts_per_billion")
    ureg.define("quintal = 100 * kilogram = _ = quintals = centner = centners")
    ureg.define("US_cent = 0.01 * USD = _ = US_cents")
    for code in sorted(set(_CENT_CODES.values())):
        ureg.define(f"{code}_cent = 0.01 * {code}")
    ureg.define("seat = [seat]")
    ureg.define("seat_kilometre = seat * kilometre = ASK")
    ureg.define("seat_mile = seat * mile = ASM")
    ureg.define("penny = 0.01 * GBP = _ = pence")
    # A share of a company: earnings and dividends per share are money per share.
    ureg.define("share = [share] = _ = shares")
    # A barrel of oil equivalent: the heat of a barrel of crude, 5.8 million Btu (US EIA,
    # "Units and calculators explained").
    ureg.define("boe = 5.8e6 * Btu = _ = barrel_of_oil_equivalent")
    # Electric and peak (solar) capacity are watts of power: MWe, GWp.
    ureg.define("watt_electric = watt = We")
    ureg.define("watt_peak = watt = Wp")
    # Thermal capacity (heat pumps, district heating): GWth, MWth, kWth.
    ureg.define("watt_thermal = watt = Wth")
    # A container ship's or port's capacity: twenty-foot equivalent units, a count of its own.
    ureg.define("TEU = [container] = _ = TEUs")
    ureg.define("gross_tonnage = [gross_tonnage]")
    ureg.define("FEU = 2 * TEU = _ = FEUs")
    # A head count: people, persons, individuals. Its own dimension so that a count of
    # people never compares with a count of something else by accident.
    ureg.define("person = [person] = _ = persons")
    # A household: statistics' unit of income, spending and size ("US$900 per household",
    # "2.4 persons per household"), a count of its own as a person is.
    ureg.define("household = [household] = _ = households")
    # What a price or a rate is per, each a count of its own as a share is: a stream's
    # payout, a ticket's price, a vehicle's cost ("$0.004 per stream", "$30,000 per
    # vehicle"). Before "per" the same words are counted as things (see _UNIT_SUBSTITUTIONS).
    for thing in PER_THINGS:
        ureg.define(f"{thing} = [{thing}] = _ = {thing}s")
    ureg.define("megacubic_metre = 1e6 * meter ** 3")
    # A night of a stay (tourism's average length of stay, guest nights): not a day, since
    # 8 nights are 9 days of a stay.
    ureg.define("night = [night] = _ = nights")
    # A season of a sport or a harvest: one a year ("£1.675bn a season" for four seasons).
    ureg.define("season = year = _ = seasons")
    for code in CURRENCIES:
        aliases = "".join(f" = {alias}" for alias in CURRENCY_WORDS.get(code, ()))
        ureg.define(f"{code} = [currency_{code}] = _{aliases}")
    for substance, phases in DENSITIES.items():
        for phase, (low, high) in phases.items():
            ureg.add_context(_density_context(ureg, substance, phase, (low + high) / 2))
    return ureg


def _density_context(ureg, substance: str, phase: str, density: float):
    """A pint context converting volume to mass (and rates of either) through a density.

    The density is a context parameter, so the same context gives the low and high bounds.
    """
    pint = _pint()
    context = pint.Context(f"{substance}:{phase}", defaults={"density": density})
    kg_per_m3 = ureg.Unit("kg/m^3")
    for volume, mass in (("[volume]", "[mass]"), ("[volume] / [time]", "[mass] / [time]")):
        # pint hands the context's parameters to a transformation as keywords.
        context.add_transformation(volume, mass, lambda ureg, x, density: x * (density * kg_per_m3))
        context.add_transformation(mass, volume, lambda ureg, x, density: x / (density * kg_per_m3))
    return context


# Registry answers kept between runs (see checker.lookups).
LOOKUPS = LookupCache("units", "pint", Path(__file__))


@lru_cache(maxsize=65536)
def unit_info(unit: str) -> UnitInfo:
    """Look a unit expression up (one pint call per unique unit, remembered across runs)."""
    cached = LOOKUPS.get(f"unit:{unit}")
    try:
        return UnitInfo(factor=float(cached[0]), unit=str(cached[1]), dimension=str(cached[2]))
    except (TypeError, ValueError, IndexError, KeyError):
        pass  # not cached, or an entry of the wrong shape: ask pint
    info = _unit_info(unit)
    LOOKUPS.put(f"unit:{unit}", [info.factor, info.unit, info.dimension])
    return info


# A rate per so many ("68.4 per 100,000 population", "12 per 1,000 live births", "5 per
# 100k"): what is counted is the topic's to say; the count divides. When what follows the
# count is a unit ("US$300 per 1,000 cubic metres", "6 l per 100 km"), it divides too.
_PER_COUNT = LazyPattern(
    r"(?:(?:^|(?<!parts)(?<!part)\s)per\s*|\s*/\s*)(?P<count>\d{1,3}(?:[,\s\u00a0\u202f]\d{3})+|\d+|hundred|thousand|million)"
    # not a container's or a bag's size ("per 40ft box", "per 64 kg bag": read below)
    r"(?![\s-]*(?:foot|ft|feet)\b|[\s-]*(?:kg|kilo(?:gram(?:me)?)?s?)[\s-]+bags?\b)\s*"
    r"(?P<k>k\b)?(?:\s*(?P<counted>[^\W\d_].*?))?\s*$",
    re.IGNORECASE,
)
_COUNT_WORDS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


# A price per pack of so many is per so many of what it holds ("£6.63 per pack of 20" is
# per 20 cigarettes, as "£331.51 per 1,000 cigarettes" is per 1,000).
_PACK_OF = re.compile(
    r"(?:\b(?:per|a|each)\s+|/\s*)pack(?:et)?s?\s+of\s+(\d+)(?:\s+(?:cigarettes|sticks|cigars))?\b", re.IGNORECASE
)


def _unit_info(unit: str) -> UnitInfo:
    if "pack" in unit.lower():
        unit = _PACK_OF.sub(r"per \1", unit)
    per_count = _PER_COUNT.search(unit.strip())
    if per_count:
        written = per_count.group("count").lower()
        count = _COUNT_WORDS.get(written) or int(re.sub(r"\D", "", written))
        count *= 1000 if per_count.group("k") else 1
        if not count:
            raise ParseError(f"'{unit}' is a rate per zero")
        head = unit.strip()[: per_count.start()]
        counted = per_count.group("counted") or ""
        try:
            per = _unit_info(counted) if counted else None
        except ParseError:
            per = None  # "population", "live births": what is counted, not a unit
        if per is not None and per.dimension not in ("dimensionless", "[person]"):
            info = _unit_info(f"{head or '1'} / ({counted})")
        else:
            info = _unit_info(head) if head else UnitInfo(1.0, "dimensionless", "dimensionless")
            if per is not None and info.dimension == per.dimension == "[person]":
                # "45 deaths per 100,000 people", "97 men per 100 women": people per people,
                # the plain ratio "45 per 100,000 population" is.
                info = UnitInfo(info.factor / per.factor, "dimensionless", "dimensionless")
        return UnitInfo(factor=info.factor / count, unit=info.unit, dimension=info.dimension)
    if _AMBIGUOUS_GAS.search(unit):
        raise ParseError(
            f"'{_AMBIGUOUS_GAS.search(unit).group(0)}' is ambiguous: 'mcm' is a million cubic metres to the IEA "  # type: ignore[union-attr]
            f"and a thousand in Russian and Central Asian copy, where a price 'per tcm' is per thousand: write "
            f"'million m^3' or 'thousand m^3' ('US$296 per 1,000 m^3')"
        )
    ureg = registry()
    spelled = unit.strip()
    for pattern, replacement in _UNIT_SUBSTITUTIONS:
        spelled = pattern.sub(replacement, spelled)
    if spelled.lower() in _AMBIGUOUS_UNITS:
        raise ParseError(_AMBIGUOUS_UNITS[spelled.lower()])
    if re.match(r"^c\s*/", spelled):  # "246c/kWh": cents of which currency, or the speed of light?
        raise ParseError(
            "'c' before '/' is ambiguous (cents of which currency, or the speed of light?): write the currency "
            "('ZAR 2.46/kWh', '24.6 US cents/kWh')"
        )
    shared = SHARED_WORD.search(spelled)
    if shared and shared_currency_word(shared.group(0)) != "pound":
        word = shared.group(0)
        raise ParseError(
            f"'{word}' alone is ambiguous ({', '.join(SHARED_CURRENCY_WORDS[shared_currency_word(word)])}?): "
            f"write the ISO code, measure the topic in its currency, or give the source's country's currency "
            f"in sources.csv's currency column"
        )
    roman = _ROMAN_THOUSANDS.search(unit)
    if roman:
        raise ParseError(
            f"'{roman.group(0)}' is ambiguous: the oil and gas industry's M is a thousand, SI's a million; "
            f"write 'thousand' or 'million' with the unit ('3 million barrel/day', '40 thousand barrel')"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantity = ureg.Quantity(1, spelled) if spelled else ureg.Quantity(1)
            base = quantity.to_base_units()
    except Exception as error:  # pint's expression parser fails in many ways (TokenError, AssertionError, …)
        if isinstance(error, (KeyboardInterrupt, MemoryError)):
            raise
        raise ParseError(f"unknown unit '{unit}'{did_you_mean(unit)}") from error
    if not quantity._is_multiplicative:  # pint's own test for an offset scale (°C, °F)
        # A temperature on an offset scale is kept in its own scale, as a dimension of its
        # own: scaling it like a multiplicative unit would make 45 °C against 113 °F a
        # conflict, and an offset would put its precision on the kelvin, not on its degrees.
        scale = str(quantity.units)
        return UnitInfo(factor=1.0, unit=scale, dimension=f"[temperature in {scale.replace('_', ' ')}]")
    factor = float(base.magnitude)
    if not math.isfinite(factor) or factor <= 0:
        raise ParseError(f"unit '{unit}' has no usable conversion factor")
    return UnitInfo(factor=factor, unit=str(base.units), dimension=str(quantity.dimensionality))


@lru_cache(maxsize=1)
def _known_units() -> tuple[str, ...]:
    """Common units first (they win ties), then every unit name the registry defines."""
    names = [name for name in dir(registry()) if not name.startswith("_") and len(name) > 1]
    return tuple(dict.fromkeys(COMMON_UNITS + tuple(names)))


# A suggestion that means the metric tonne is shown as "t"; the refused "ton" and "tons"
# (short, long or metric?) are never suggested.
_TONNE = {"tonne", "tonnes", "metric_ton", "t"}


def did_you_mean(unit: str) -> str:
    from rapidfuzz import fuzz, process

    choices = [name for name in _known_units() if name.lower() not in _AMBIGUOUS_UNITS]
    matches = process.extract(unit.strip(), choices, scorer=fuzz.ratio, limit=3, score_cutoff=70)
    suggestions = list(dict.fromkeys("t" if match in _TONNE else match for match, _, _ in matches))
    if not suggestions:
        return ""
    return " (did you mean " + ", ".join(f"'{match}'" for match in suggestions) + "?)"


# One pattern reads a whole value (after numbers.canonical has spelled its number the
# canonical way); each part is then interpreted on whole columns.
_VALUE = re.compile(
    r"^\s*(?P<qualifier>" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")?\s*"
    r"(?P<symbol>" + "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)) + r")?\s*"
    r"(?P<code>" + CURRENCY_CODE + r"(?=\s*[-+\d.]))?\s*"
    r"(?P<number>" + _NUMBER + r")"
    # A scale word may be hyphenated to its number, as Canadian style writes it ("$9.84-billion").
    r"(?:(?P<gap>\s*|-(?=(?:thousand|million|billion|trillion)\b))(?P<scale>"
    + "|".join(sorted(SCALES, key=len, reverse=True))
    + r")\b\.?)?"
    r"\s*(?P<unit>.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_SIGN_BEFORE_CURRENCY = re.compile(
    r"^-\s*("
    + "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
    + "|"
    + CURRENCY_CODE
    + r"(?=\s*\d))\s*"
)
# Accounting writes a negative figure in parentheses: "US$(87) million" is a loss of 87 million.
_ACCOUNTING_NEGATIVE = re.compile(r"\((\d[\d,.]*)\)")
# A sign in words, as wire copy writes a return: "minus 1.6%", "negative 0.3 %".
_SIGN_WORD = re.compile(r"^(?:minus|negative)\s+(?=[\d.])", re.IGNORECASE)
_CLEAN = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2212": "-", "\u2013": "-"})
MAX_VALUE_CHARS = 200


def parse_quantity(text: str, decimal: str = ".") -> Quantity:
    """Read one value as an editor writes it. Raises ParseError, and nothing else."""
    if not isinstance(text, str):
        raise ParseError("a value must be text")
    if not text.translate(_CLEAN).strip():
        raise ParseError("empty value")
    table, errors = parse_quantities(pd.Series([text], dtype=object), pd.Series([decimal], dtype=object))
    if errors:
        raise ParseError(errors[text])
    row = table.iloc[0]
    return Quantity(
        float(row["magnitude"]), float(row["low"]), float(row["high"]), row["unit"], row["dimension"], row["qualifier"]
    )


QUANTITY_COLUMNS = (
    "magnitude",
    "low",
    "high",
    "unit",
    "dimension",
    "qualifier",
    "half",
    "digits",
    "number",
    "number_factor",
)
_FLOAT_COLUMNS = ("magnitude", "low", "high", "half", "digits", "number_factor")
_CATEGORY_COLUMNS = ("unit", "dimension", "qualifier")


# A number, its scale word if any, then up to four words naming what is counted ("79,600
# BEVs", "37 missing", "1.2 million charging points").
_COUNTED_IN_WORDS = LazyPattern(
    r"^(?P<head>.*?\d(?:[\d,.\s]*\d)?\.?(?:\s*[-–]\s*\d[\d,.]*)?)\s*(?:-\s*)?(?P<words>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3})$"
)


_RATE_TAIL = LazyPattern(
    r"\s+(?:a|an|per|each)\s+(?:year|month|week|day|hour|quarter|season)\s*$|\s*/\s*(?:year|yr|y|month|week|day|d|h)\s*$",
    re.IGNORECASE,
)


def counted_in_words(text: str) -> str | None:
    """A count of things the unit list does not name, as a count: "79,600 BEVs" is 79,600
    units, "37 missing" 37, with a scale word kept ("1.2 million chargers"). Only for a
    value that failed to parse under a count topic, which says what is counted; None when
    the text does not end in words after its number."""
    text = text.strip()
    rate = _RATE_TAIL.search(text)  # "2,900 satellites a year": a count a year
    head, tail = (text[: rate.start()].rstrip(), f" {rate.group(0).strip()}") if rate else (text, "")
    found = _COUNTED_IN_WORDS.compiled.match(head)
    if not found:
        return None
    first = found.group("words").split()[0]
    end = found.start("words") + len(first) if first.lower().rstrip(".") in SCALES else found.end("head")
    return f"{head[:end]} units{tail}"  # as written up to the number or its scale word, and its rate


def parse_quantities(values: pd.Series, decimals: pd.Series | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """Parse a column of values: one regular-expression pass, then whole-column arithmetic,
    and one registry look-up per unique unit (pint is slow per call).

    ``decimals`` gives each row's decimal mark ('.' or ','; see numbers.decimal_mark).
    Returns one row per input row with the parsed fields (NaN where empty or unparseable):
    magnitude and bounds in base units under the default precision model (see
    ``precision_bounds``), unit, dimension, qualifier, the literal half-step of the stated
    precision, the number of significant digits, the number as written (canonical
    spelling) and the base units one unit of that number stands for. Also the error
    message for every distinct string that failed.
    """
    value_codes, value_uniques = pd.factorize(values)  # hashing once beats unique() + get_indexer()
    comma = np.zeros(len(values), dtype=np.int64) if decimals is None else (decimals.to_numpy() == ",").astype(np.int64)
    # The same text reads differently under a decimal comma: one parse per (text, mark).
    codes, pair_uniques = pd.factorize(np.where(value_codes >= 0, value_codes * 2 + comma, -1))
    value_uniques = np.asarray(value_uniques, dtype=object)
    texts_of = np.array([value_uniques[code // 2] if code >= 0 else "" for code in pair_uniques], dtype=object)
    marks_of = np.array(["," if code >= 0 and code % 2 else "." for code in pair_uniques], dtype=object)
    keep = texts_of != ""
    parsed, errors = _parse_unique(pd.Series(texts_of[keep], dtype=object), marks_of[keep])
    row_of_unique = np.full(len(pair_uniques), -1, dtype=np.int64)
    row_of_unique[np.flatnonzero(keep)] = np.arange(int(keep.sum()))
    codes = np.where(codes >= 0, row_of_unique[np.maximum(codes, 0)], -1)
    gather = np.where(codes >= 0, codes, len(parsed))  # one past the parsed rows: the empty value
    result = pd.DataFrame(index=values.index)
    for column in QUANTITY_COLUMNS:
        source = parsed[column].to_numpy()
        if column in _CATEGORY_COLUMNS:  # few distinct texts: built from the codes
            result[column] = from_codes(source, codes, values.index)
            continue
        if column in _FLOAT_COLUMNS:
            taken = np.append(source.astype(float), np.nan)[gather]
        else:
            taken = np.append(source.astype(object), [None])[gather]
        # Text stays Python objects here (pandas would convert it to Arrow strings only to
        # have the claims-table contract convert it again).
        result[column] = pd.Series(taken, index=values.index, dtype=taken.dtype)
    return result, errors


_RANGE_NUMBER = r"\d(?:[\d,.]*\d)?"
_RANGE_HEAD = (
    r"(?:(?:"
    + "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
    + "|"
    + CURRENCY_CODE
    + r")\s*)"
)
_RANGE_SCALE = r"(?:" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b\.?"
# A range as reporting writes it: "between 3 and 4 million t", "3-4 million t", "3 to 4
# million t", "from 300,000 to 1.2 million t", "US$1.2bn–1.5bn". Each end is read as a value
# of its own (the unit, and a scale word written once, shared).
_RANGE = re.compile(
    rf"^\s*(?P<about>(?:~|about|around|approximately|roughly|some|circa)\s*)?(?:(?P<between>between)|from)?\s*(?P<head>{_RANGE_HEAD})?(?P<low>{_RANGE_NUMBER})\s*"
    rf"(?:-\s*(?={_RANGE_SCALE}))?(?P<low_scale>{_RANGE_SCALE})?\s*(?P<low_unit>%|[^\W\d_]+)?\s*(?P<sep>-|–|—|to|and)\s*(?P<high_head>{_RANGE_HEAD})?"
    rf"(?P<high>{_RANGE_NUMBER})\s*(?:-\s*(?={_RANGE_SCALE}))?(?P<high_scale>{_RANGE_SCALE})?\s*(?P<unit>.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)


def _plain_number(text: str, mark: str) -> float:
    """A range end's number without its scale, to order the two ends ('1.2' → 1.2)."""
    digits = text.replace(".", "").replace(",", ".") if mark == "," else text.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return math.nan


# A figure with its margin, as surveys and targets write it: "50±1 %", "3.2 +/- 0.4 million".
_PLUS_MINUS = re.compile(
    rf"^\s*(?P<head>{_RANGE_HEAD})?(?P<number>{_RANGE_NUMBER})\s*(?:±|\+/-|\+/−|\+-)\s*(?P<margin>{_RANGE_NUMBER})"
    rf"\s*(?P<scale>{_RANGE_SCALE})?\s*(?P<unit>.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)


def _margin_ends(match: re.Match, mark: str) -> tuple[str, str] | None:
    """The two ends of a figure with its margin ("50±1 %": 49 and 51 %), written to the
    decimals of the number or the margin, whichever has more."""
    number, margin = _plain_number(match["number"], mark), _plain_number(match["margin"], mark)
    if not (math.isfinite(number) and math.isfinite(margin)) or margin < 0:
        return None
    decimals = max(len(part.split(mark)[1]) if mark in part else 0 for part in (match["number"], match["margin"]))
    head, scale = (match["head"] or "").strip(), match["scale"] or ""
    low, high = (f"{end:.{decimals}f}".replace(".", mark) for end in (number - margin, number + margin))
    return f"{head}{low}{scale} {match['unit']}".strip(), f"{head}{high}{scale} {match['unit']}".strip()


def range_high(value: str, mark: str = ".") -> str | None:
    """A range value's high end as a value of its own ("US$4,500-6,000 per person": "US$6,000
    per person"), for the quote check; None for any other value."""
    text = join_spaced_thousands(value).translate(_CLEAN).strip()
    if _PLUS_MINUS.match(text):
        return None  # "50±1 %": the quote states the figure and its margin, not the ends
    ends = _range_ends(text, mark)
    return ends[1] if ends else None


def _range_ends(text: str, mark: str) -> tuple[str, str] | None:
    """The two ends of a range as values of their own, or None when the text is no range.
    A scale word written once ("3-4 million") belongs to both ends, unless the low end would
    then exceed the high one ("300,000 to 1.2 million"); a figure with its margin ("50±1 %")
    is the range it spans."""
    margin = _PLUS_MINUS.match(text)
    if margin is not None:
        return _margin_ends(margin, mark)
    match = _RANGE.match(text)
    if match is None or (match["sep"].lower() == "and") != bool(match["between"]):
        return None
    head, high_head = (
        (match[first] or match[second] or "").strip()
        for first, second in (("head", "high_head"), ("high_head", "head"))
    )
    low_scale, high_scale = match["low_scale"] or "", match["high_scale"] or ""
    if not low_scale and high_scale:
        shared = SCALES.get(high_scale.lower().rstrip("."), 1.0)
        low, high = _plain_number(match["low"], mark), _plain_number(match["high"], mark) * shared
        if not low * shared > high:
            low_scale = high_scale
    unit = match["unit"]
    if match["low_unit"]:  # the unit written at both ends ("11.5% to 12.5%"): the same one
        if unit and unit.lower() != match["low_unit"].lower():
            return None
        unit = unit or match["low_unit"]
    # The scale word attached to its number, as "3m tonnes" is written (an "m" apart from
    # its number would read as the metre). About a range ("about 10 to 14 days"): each end
    # about its number.
    about = "~" if match["about"] else ""
    return (
        f"{about}{head}{match['low']}{low_scale} {unit}".strip(),
        f"{about}{high_head}{match['high']}{high_scale} {unit}".strip(),
    )


def _parse_unique(texts: pd.Series, marks: np.ndarray) -> tuple[pd.DataFrame, dict[str, str]]:
    """Parse distinct strings (each with its decimal mark), ranges among them; rows that
    fail get NaN and an entry in the error dict."""
    shown = texts.map(lambda text: join_spaced_thousands(text).translate(_CLEAN).strip())
    ends = [_range_ends(text, mark) for text, mark in zip(shown, marks)]
    ranged = np.array([end is not None for end in ends], dtype=bool)
    if not ranged.any():
        return _parse_single(texts, marks)
    single, errors = _parse_single(texts[~ranged], marks[~ranged])
    pairs = [end for end in ends if end is not None]
    endpoints = pd.Series([text for pair in pairs for text in pair], dtype=object)
    parsed, end_errors = _parse_single(endpoints, np.repeat(marks[ranged], 2))
    low, high = parsed.iloc[0::2].reset_index(drop=True), parsed.iloc[1::2].reset_index(drop=True)
    frame = low.copy()
    about = np.array([low_text.startswith("~") for low_text, _ in pairs], dtype=bool)
    frame["magnitude"] = (low["magnitude"] + high["magnitude"]) / 2
    frame["low"] = np.where(about, low["low"], low["magnitude"])
    frame["high"] = np.where(about, high["high"], high["magnitude"])
    frame["half"] = (high["magnitude"] - low["magnitude"]) / 2
    frame["digits"] = np.fmin(low["digits"], high["digits"])
    frame["qualifier"] = "range"
    for position, (text, (low_text, high_text)) in enumerate(zip(texts[ranged], pairs)):
        message = end_errors.get(low_text) or end_errors.get(high_text)
        if message is None and low.at[position, "dimension"] != high.at[position, "dimension"]:
            message = f"the two ends of the range '{text}' are in different units"
        if message is None and not low.at[position, "magnitude"] <= high.at[position, "magnitude"]:
            message = f"the range '{text}' runs from the larger value to the smaller: write the smaller first"
        if message is not None:
            errors[text] = message
            frame.loc[position, list(frame.columns)] = None
    frame.index = texts.index[ranged]
    single.index = texts.index[~ranged]
    return pd.concat([single, frame]).loc[texts.index].reset_index(drop=True), errors


# An earthquake's magnitude as reports write it: "magnitude 6.7", "M6.8", "Mw 7.1" (the
# number is the value; "M" alone before a one-decimal number is no currency).
_MAGNITUDE_SCALE = LazyPattern(
    r"^(?:(?P<before>[^\d]*?\s)?(?:magnitude|Mw|Mj|ML|Ms)[\s-]*|M(?=\d\.\d\b))(?=\d)", re.IGNORECASE
)


def _magnitude_scale(text: str) -> str:
    """The value of "magnitude 6.7", "M6.8": the number, and a qualifier before it ("about")."""

    def keep(found: re.Match) -> str:
        before = (found.group("before") or "").strip()
        return f"{before} " if before.lower() in QUALIFIERS else ""

    return _MAGNITUDE_SCALE.sub(keep, text)


_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
_VULGAR = LazyPattern(r"(?<![\d.,])(\d+)?\s*([½¼¾⅓⅔⅛⅜⅝⅞])")


def _vulgar_fractions(text: str) -> str:
    """A number with a vulgar fraction as decimals: "4¾ %" is 4.75 %, "1½%" 1.5 % (central
    banks write rates so), "¾" alone 0.75."""
    if not any(fraction in text for fraction in _FRACTIONS):
        return text

    def decimal(found: re.Match) -> str:
        value = int(found.group(1) or 0) + _FRACTIONS[found.group(2)]
        return f"{value:.4f}".rstrip("0")

    return _VULGAR.sub(decimal, text)


# Hyphens that join what a value reads apart: a rate as British papers print it
# ("£180,000-a-week"), a number word and its unit ("a four-year contract": "four-year").
_HYPHENATED_RATE = LazyPattern(r"(?<=[\d\w])-(an?|per)-(?=[^\W\d_])", re.IGNORECASE)
_NUMBER_WORD_HYPHEN = LazyPattern(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)"
    r"-(?=[^\W\d_]{2,})(?!(?:quarter|third|half|fifth|sixth|tenth|fourth)s?\b)",
    re.IGNORECASE,
)


def _hyphens_as_written(text: str) -> str:
    if "-" not in text:
        return text
    return _NUMBER_WORD_HYPHEN.sub(r"\1 ", _HYPHENATED_RATE.sub(r" \1 ", text))


# A whole number and a fraction, as copy writes them: "nine and a half hours" (9 and a
# half, once its words are digits), "2 and three-quarters", "9 1/2 hours", "4-3/4".
_AND_A_PART = LazyPattern(
    r"(?<![\d.,])(\d+) and (?:(an?|one) half|(an?|one) quarter|three[\s-]quarters|(an?|one) third|two[\s-]thirds)\b",
    re.IGNORECASE,
)
_PARTS_WRITTEN = {"half": 1 / 2, "quarter": 1 / 4, "quarters": 3 / 4, "third": 1 / 3, "thirds": 2 / 3}
_MIXED = LazyPattern(r"(?<![\d.,/])(\d+)[\s-]+([1-7])/([2348])(?![\d/])")


def _mixed_numbers(text: str) -> str:
    """A whole number and a fraction as one decimal number: "9 and a half hours" is 9.5
    hours, "9 1/2 hours" too (never 9 per 2 hours)."""
    if " and " in text:
        text = _AND_A_PART.sub(
            lambda found: (
                f"{int(found.group(1)) + _PARTS_WRITTEN[found.group(0).split()[-1].split('-')[-1].lower()]:.4g}"
            ),
            text,
        )
    if "/" in text:

        def whole_and_part(found: re.Match) -> str:
            top, bottom = int(found.group(2)), int(found.group(3))
            return f"{int(found.group(1)) + top / bottom:.4g}" if top < bottom else found.group(0)

        text = _MIXED.sub(whole_and_part, text)
    return text


# What may follow money and still be one unit: a rate ("per", "/", "a", "each") or the
# market's per-unit abbreviations (psf, psm, pcm, p.a.).
_PER_WORDS = re.compile(
    r"^(?:/|per |an? |each |psf\b|psm\b|pcm\b|p\.?a\.?$|"
    # The same in Spanish, Portuguese, French, Italian and German copy (see _UNIT_SUBSTITUTIONS).
    r"(?i:diari[oa]s?|por\s|al\s|par\s|all['’]|pro\s|anuales\b|anuais\b))"
)


# "5,100+ people", "US$3bn+": a number followed by a plus is a lower bound, as wire copy
# writes one ("more than", read as at least the number).
_TRAILING_PLUS = re.compile(r"^(?P<head>[^\d+]*?)(?P<number>\d[\d,.]*\s*(?:[A-Za-z]{1,8}\b)?)\s*\+(?=\s|$)")


_PREFIX = re.compile(r"\s*(?P<prefix>[^\W\d_][^\s\d]{0,5}|¥)\s*\d")


def _no_number(text: str) -> str:
    """Why no number was read: a prefix before the number that is no currency claimcheck
    knows ("Sh4.29 trillion"), or no digits at all."""
    qualifier = re.match(
        r"^\s*(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s*",
        text,
        re.IGNORECASE,
    )
    prefix = _PREFIX.match(text, qualifier.end() if qualifier else 0)
    word = shared_currency_word(prefix.group("prefix")) if prefix else ""
    if word:
        return (
            f"'{prefix.group('prefix')}' alone is ambiguous ({', '.join(SHARED_CURRENCY_WORDS[word])}?): "  # type: ignore[union-attr]
            f"write the ISO code, measure the topic in its currency, or give the source's country's currency "
            f"in sources.csv's currency column"
        )
    if prefix and not is_currency_code(prefix.group("prefix").rstrip("$")):
        return (
            f"'{prefix.group('prefix')}' before the number is no currency claimcheck knows: write the ISO code "
            f"(e.g. 'KES 4.29 trillion' for Kenyan shillings), or the unit after the number"
        )
    if re.search(r"\b(?:half|halves|thirds?|quarters?|fifths?|tenths?)\b", text, re.IGNORECASE):
        return f"no number in '{text}': write a share in words as a percentage ('~75 %' for \"almost three-quarters\")"
    return f"no number in '{text}' (write digits, e.g. '~2,500' or '1.5 billion USD')"


def _trailing_plus(text: str) -> str:
    found = _TRAILING_PLUS.match(text)
    if not found:
        return text
    head = found.group("head").strip()
    if head and head not in CURRENCY_SYMBOLS and not is_currency_code(head):
        return text  # a qualifier or a sign already stands before it
    return f">={found.group('head')}{found.group('number')}{text[found.end() :]}"


_SHARE_COUNTS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_SHARE_PARTS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "tenth": 10}
_SHARE_IN_WORDS = LazyPattern(
    r"^\s*(?P<qualifier>[^\d]*?)\s*(?:(?P<count>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
    r"(?P<part>half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|tenths?)\s*$",
    re.IGNORECASE,
)


# A span of time in words: "an hour", "half an hour", "more than a year", "a quarter of
# an hour", "three-quarters of an hour" (the value has no digits of its own).
_TIME_IN_WORDS = LazyPattern(
    r"^\s*(?P<qualifier>[^\d]*?)\s*(?:(?P<share>half|a\s+quarter\s+of|three[\s-]quarters\s+of)\s+)?(?:an?|one)\s+"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade|century)\s*$",
    re.IGNORECASE,
)
_TIME_SHARES = {"half": 0.5, "a quarter of": 0.25, "three-quarters of": 0.75, "three quarters of": 0.75}


def _time_in_words(text: str) -> str:
    """A span of time written in words as a value, as its number and unit."""
    if re.search(r"\d", text):
        return text
    found = _TIME_IN_WORDS.search(text)
    if found is None:
        return text
    qualifier = found.group("qualifier").strip()
    if qualifier and qualifier.lower() not in QUALIFIERS:
        return text
    share = _TIME_SHARES[re.sub(r"\s+", " ", found.group("share").lower())] if found.group("share") else 1
    return f"{qualifier} {share:g} {found.group('unit')}".strip()


# A move of a rate in words: "a quarter-point", "half a percentage point", "three-quarters
# of a point" (central banks' and wire copy's), a share of a percentage point.
_POINT_IN_WORDS = LazyPattern(
    r"^\s*(?P<qualifier>[^\d]*?)\s*(?:(?P<count>a|one|two|three)[\s-]+)?(?P<part>half|quarters?|thirds?)[\s-]+"
    r"(?:(?:of\s+)?an?\s+)?(?:percentage[\s-]+)?point\s*$",
    re.IGNORECASE,
)


def _share_in_words(text: str) -> str:
    """A share written in words as a value ("almost three-quarters", "just over half") as
    the percentage it states ("almost 75 %"), to the precision of its words (a whole
    percent); a share of a percentage point ("a quarter-point", "half a percentage point")
    as the points; other values as they are."""
    one_in_so_many = one_in(text)
    if one_in_so_many is not None:  # "almost one in 10", "19 out of 20"
        qualifier, fraction = one_in_so_many
        if not qualifier.strip() or qualifier.strip().lower() in QUALIFIERS:
            return f"{qualifier.strip()} {100 * fraction:.4g} %".strip()
        return text
    if not re.search(r"half|halves|third|quarter|fourth|fifth|sixth|tenth", text, re.IGNORECASE):
        return text
    point = _POINT_IN_WORDS.search(text)
    if point is not None and (
        not point.group("qualifier").strip() or point.group("qualifier").strip().lower() in QUALIFIERS
    ):
        share = (
            _SHARE_COUNTS[(point.group("count") or "a").lower()] / _SHARE_PARTS[point.group("part").lower().rstrip("s")]
        )
        return f"{point.group('qualifier')} {share:g} percentage_point".strip()
    found = _SHARE_IN_WORDS.search(text)
    if found is None or (
        found.group("qualifier").strip().lower() not in QUALIFIERS and found.group("qualifier").strip()
    ):
        return text
    part = found.group("part").lower().rstrip("s")
    part = "half" if part == "halve" else part
    count = _SHARE_COUNTS[(found.group("count") or "a").lower()]
    if count >= _SHARE_PARTS[part]:
        return text
    share = 100 * count / _SHARE_PARTS[part]
    # A bound sits at the share itself ("more than two-thirds" is above 66.67 %, and 66.8 %
    # is more than two-thirds); a share alone reads as its round percent.
    shown = f"{share:.2f}".rstrip("0").rstrip(".") if found.group("qualifier").strip() else f"{round(share)}"
    return f"{found.group('qualifier')} {shown} %".strip()


# A currency named in words before its number, as government copy writes it ("Birr 582.0
# billion", "Naira 3.2 trillion"): its code.
_LEADING_NAME = LazyPattern(
    r"^(?P<head>\s*(?:(?:"
    + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s*)?)(?:"
    + "|".join(f"(?P<c{i}>{pattern})" for i, (_, pattern) in enumerate(CURRENCY_NAMES))
    + r")(?=\s*[-+]?[\d.])",
    re.IGNORECASE,
)


def _leading_currency_name(text: str) -> str:
    found = _LEADING_NAME.search(text)  # anchored at the start
    if found is None:
        return text
    named = next(name for name, value in found.groupdict().items() if name.startswith("c") and value)
    return found.group("head") + CURRENCY_NAMES[int(named[1:])][0] + " " + text[found.end() :].lstrip()


def _parse_single(texts: pd.Series, marks: np.ndarray) -> tuple[pd.DataFrame, dict[str, str]]:
    """Parse distinct strings that are each one value (see ``_parse_unique``)."""
    errors: dict[str, str] = {}
    n = len(texts)
    too_long = (texts.str.len() > MAX_VALUE_CHARS).fillna(False).astype(bool)
    # A minus written before the currency ("-€30m", "-EUR 30 million") belongs to the number.
    shown = texts.map(
        lambda t: _SIGN_BEFORE_CURRENCY.sub(
            r"\1-",
            _SIGN_WORD.sub("-", _ACCOUNTING_NEGATIVE.sub(r"-\1", join_spaced_thousands(t).translate(_CLEAN).strip())),
        )
    )
    shown = (
        shown.map(_leading_currency_name)
        .map(_hyphens_as_written)
        .map(_time_in_words)
        .map(_share_in_words)
        .map(_vulgar_fractions)
        .map(_magnitude_scale)
    )
    cleaned = pd.Series(
        [
            _trailing_plus(_mixed_numbers(canonical(text, mark, join_scales=False)).strip()) if not long else ""
            for text, mark, long in zip(shown, marks, too_long)
        ],
        index=texts.index,
        dtype=object,
    )
    parts = cleaned.str.extract(_VALUE)
    failed = np.zeros(n, dtype=bool)

    def fail(mask, message_of) -> None:
        nonlocal failed
        for position in np.flatnonzero(mask & ~failed):
            errors[texts.iloc[position]] = message_of(position)
        failed |= mask

    fail((cleaned == "").to_numpy(dtype=bool) & ~too_long.to_numpy(), lambda i: "empty value")
    fail(too_long.to_numpy(), lambda i: f"value is longer than {MAX_VALUE_CHARS} characters")
    fail(parts["number"].isna().to_numpy(), lambda i: _no_number(shown.iloc[i]))

    number = parts["number"].fillna("0")
    value = pd.to_numeric(number.str.replace(",", "", regex=False), errors="coerce").to_numpy(dtype=float)
    fail(~np.isfinite(value), lambda i: f"'{number.iloc[i]}' is not a finite number")

    qualifier = (
        parts["qualifier"].fillna("").str.lower().map(lambda q: QUALIFIERS.get(q, "stated")).to_numpy(dtype=object)
    )
    currency = parts["symbol"].map(CURRENCY_SYMBOLS).fillna(parts["code"].fillna("").str.upper()).to_numpy(dtype=object)
    unit = parts["unit"].fillna("").to_numpy(dtype=object)
    scale_word = parts["scale"].fillna("").str.lower().to_numpy(dtype=object)
    attached = (parts["gap"].fillna("") == "").to_numpy()
    # "m" is the million for money ("US$170m", "170m USD") and when it is attached to the
    # number and followed by a unit word ("6m tonnes", "100m barrels"); otherwise it is
    # the metre ("5 m", "20m/s", "3m^3").
    unit_upper = pd.Series(unit, dtype=object).str.upper()
    money_unit = (
        unit_upper.isin(CURRENCIES) & ~unit_upper.isin(CASED_CURRENCIES)
        | pd.Series(unit, dtype=object).isin(CASED_CURRENCIES)
        | pd.Series(unit, dtype=object).str.match(
            r"^(?:(?:B|MM|mm|mil)\s+)?" + CURRENCY_CODE + r"\b", flags=re.IGNORECASE
        )
    )
    is_money = (currency != "") | money_unit.to_numpy()
    unit_word = pd.Series(unit, dtype=object).str.match(r"^[^\W\d_]").to_numpy()
    # Money's own scale abbreviations, which mean bytes and millimetres elsewhere: "$5B",
    # "USD 5.2 B", "$1.84b" (a billion, as headlines write it), "Rs10.13tr" (a trillion, as
    # Pakistani papers write it), "$5mm", "$5 mil" (a
    # million, in finance).
    money_scale = pd.Series(unit, dtype=object).str.extract(r"^(B|b|MM|mm|mil|tr)\b\.?\s*(.*)$")
    money_scaled = is_money & (scale_word == "") & money_scale[0].notna().to_numpy()
    if money_scaled.any():
        scale_word = np.where(
            money_scaled,
            money_scale[0].map({"B": "bn", "b": "bn", "MM": "mn", "mm": "mn", "mil": "mn", "tr": "tn"}),
            scale_word,
        )
        unit = np.where(money_scaled, money_scale[1].fillna(""), unit)
    million = (scale_word == "m") & (is_money | (attached & unit_word))
    metre = (scale_word == "m") & ~million & (unit != "")
    fail(
        (scale_word == "m") & ~million & (unit == ""),
        lambda i: (
            "'m' alone after a number is ambiguous (million or metres?): write 'million', or 'metres' "
            "('7.2 metres'); 'm' reads as the metre in a compound unit ('20 m/s', '15 m^3')"
        ),
    )
    # "350 K": a thousand ("15K") or the kelvin? Apart from its number and without money
    # or a unit, it could be either.
    fail(
        (parts["scale"].fillna("") == "K").to_numpy() & ~attached & (unit == "") & ~is_money,
        lambda i: "'K' apart from its number is ambiguous (thousand or kelvin?): write 'thousand' or 'kelvin'",
    )
    unit = np.where(metre, "m " + unit.astype(str), unit)
    scale_word = np.where(metre, "", scale_word)
    scale = pd.Series(scale_word).map(lambda w: SCALES.get(w, 1.0)).to_numpy(dtype=float)
    two_units = (
        (currency != "")
        & (unit != "")
        & ~pd.Series(unit, dtype=object).str.match(_PER_WORDS.pattern).to_numpy(dtype=bool)
    )
    fail(two_units, lambda i: f"two units in '{shown.iloc[i]}': {currency[i]} and '{unit[i]}'")
    full_unit = np.where(currency != "", (currency.astype(str) + " " + unit.astype(str)), unit.astype(str))
    full_unit = pd.Series(full_unit, dtype=object).str.strip()

    factors = np.full(n, np.nan)
    base_units = np.full(n, None, dtype=object)
    dimensions = np.full(n, None, dtype=object)
    for name, positions in full_unit[~failed].groupby(full_unit[~failed], sort=False).groups.items():
        rows = full_unit.index.get_indexer(positions)
        try:
            info = unit_info(name)
        except ParseError as error:
            mask = np.zeros(n, dtype=bool)
            mask[rows] = True
            fail(mask, lambda i, message=str(error): message)
            continue
        factors[rows], base_units[rows], dimensions[rows] = info.factor, info.unit, info.dimension

    steps, digits = _steps(number)
    with np.errstate(over="ignore", invalid="ignore"):
        magnitude = value * scale * factors
        half = steps / 2 * scale * factors
        low, high = precision_bounds(magnitude, half, qualifier)
    fail(~np.isfinite(magnitude) & ~failed, lambda i: f"'{shown.iloc[i]}' is too large to represent")
    frame = pd.DataFrame(
        {
            "magnitude": np.where(failed, np.nan, magnitude),
            "low": np.where(failed, np.nan, low),
            "high": np.where(failed, np.nan, high),
            # numpy's stubs reject None as a fill value; these are object arrays, where it is one.
            "unit": np.where(failed, None, base_units),  # type: ignore[call-overload]
            "dimension": np.where(failed, None, dimensions),  # type: ignore[call-overload]
            "qualifier": np.where(failed, None, qualifier),
            "half": np.where(failed, np.nan, half),
            "digits": np.where(failed, np.nan, digits),
            "number": np.where(failed, None, number.str.replace(",", "", regex=False).to_numpy(dtype=object)),
            "number_factor": np.where(failed, np.nan, scale * factors),
        }
    )
    return frame, errors


# An unqualified value reads as its stated precision, half a unit of its last significant
# digit, but no wider than ROUNDING of the value: newsrooms write a figure rounded, to a
# precision readers can take at face value. "1 billion" is 0.95–1.05 billion, not
# 0.5–1.5 billion (see the README's rounding table and the sources cited there).
ROUNDING = 0.05
# A count of discrete things written as a whole number below this, unqualified, is exact:
# "3 ships" means three, "14 dead" fourteen.
EXACT_COUNT_BELOW = 100


def precision_bounds(magnitude, half, qualifier, rounding=ROUNDING, exact=False, about_cap=np.inf, digits=None):
    """Bounds from the qualifier and the precision (all arrays, or scalars).

    ``half`` is the literal half-step of the stated precision; ``rounding`` caps it for
    unqualified values (``inf``: no cap, the full stated precision); ``exact`` marks values
    that are exact unless qualified (small whole counts). ``about`` widens to the larger of
    the literal half-step and ABOUT_FRACTION, as it always has, the fraction at most
    ``about_cap`` (a percentage's: "about 76 %" is a couple of points either way, not 7.6);
    with ``digits`` (significant digits as written), a figure of three or more reads to half
    that fraction: no one writes "about $835" for $735.45, or "about 28.5" for 25.8.
    """
    magnitude = np.asarray(magnitude, dtype=float)
    half = np.asarray(half, dtype=float)
    one_of = _qualifier_test(qualifier)
    with np.errstate(invalid="ignore"):
        # A zero has no size to round by: its written precision is all it says ("0.0 %" is
        # -0.05 to 0.05 %).
        capped = np.where(magnitude == 0, half, np.minimum(half, np.abs(magnitude) * rounding))
        stated_half = np.where(exact, 0.0, capped)
        fraction = (
            ABOUT_FRACTION if digits is None else np.where(np.asarray(digits) >= 3, ABOUT_FRACTION / 2, ABOUT_FRACTION)
        )
        about_half = np.maximum(half, np.minimum(np.abs(magnitude) * fraction, about_cap))
    exact_, stated, about, ranged = one_of("exact"), one_of("stated"), one_of("about"), one_of("range")
    nearly, just_over = one_of("nearly"), one_of("just_over")
    # A range ("3-4 million") is its two ends: the magnitude is their middle, the half-step half their distance.
    # "Nearly 15 million" lies below 15 million, within the "about" width; "just over" above.
    low = np.select(
        [exact_, stated, about, ranged, nearly, one_of("gt", "ge", "just_over")],
        [
            magnitude,
            magnitude - stated_half,
            magnitude - about_half,
            magnitude - half,
            magnitude - about_half,
            magnitude,
        ],
        -np.inf,
    )
    high = np.select(
        [exact_, stated, about, ranged, just_over, one_of("lt", "le", "nearly")],
        [
            magnitude,
            magnitude + stated_half,
            magnitude + about_half,
            magnitude + half,
            magnitude + about_half,
            magnitude,
        ],
        np.inf,
    )
    return low, high


def _qualifier_test(qualifier):
    """A test of which qualifiers are among some names: on the codes of a category column
    (a handful of categories, never a comparison of a million strings), else on the values."""
    if isinstance(qualifier, pd.Series) and isinstance(qualifier.dtype, pd.CategoricalDtype):
        codes, categories = qualifier.cat.codes.to_numpy(), qualifier.cat.categories

        def among(*names: str) -> np.ndarray:
            wanted = positions_in(categories, list(names))
            return np.isin(codes, wanted[wanted >= 0])

        return among
    values = np.asarray(qualifier, dtype=object)
    return lambda *names: np.isin(values, names)


def _steps(numbers: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """One unit of each number's last significant digit (half of it is the stated
    precision), and how many significant digits it has: '12.42' → 0.01 and 4,
    '275,000' → 1000 and 3, '1' → 1 and 1, '1.5e6' → 100,000 and 2."""
    parts = (
        numbers.str.lower()
        .str.lstrip("+-")
        .str.replace(",", "", regex=False)
        .str.extract(r"^(\d*)(?:\.(\d*))?(?:e([-+]?\d+))?$")
    )
    whole = parts[0].fillna("").astype(str)
    decimal_part = parts[1].fillna("").astype(str)
    decimals = decimal_part.str.len().to_numpy()
    exponent = pd.to_numeric(parts[2], errors="coerce").fillna(0).to_numpy()
    stripped = whole.str.rstrip("0").str.len().to_numpy()
    zeros = whole.str.len().to_numpy() - stripped
    power = np.where(decimals > 0, -decimals, np.where(stripped > 0, zeros, 0))
    # Significant digits: leading zeros never count; trailing zeros of a whole number do not.
    significant = np.where(
        decimals > 0,
        (whole + decimal_part).str.lstrip("0").str.len().to_numpy(),
        whole.str.lstrip("0").str.rstrip("0").str.len().to_numpy(),
    )
    with np.errstate(over="ignore"):
        return np.power(10.0, (power + exponent).astype(float)), np.maximum(significant, 1).astype(float)


@lru_cache(maxsize=1)
def seconds_per_year() -> float:
    """pint's year (the Julian year, 365.25 days) in seconds: turns rates into yearly amounts."""
    cached = LOOKUPS.get("seconds-per-year")
    if not isinstance(cached, float):
        cached = float(registry().Quantity(1, "year").to("second").magnitude)
        LOOKUPS.put("seconds-per-year", cached)
    return float(cached)


def display_factor(unit: str) -> tuple[float, str]:
    """How many base units one display unit holds, and the dimension it must match."""
    info = unit_info(unit)
    return info.factor, info.dimension


def density_factors(unit: str, target_unit: str, substance: str, phase: str) -> tuple[float, float] | None:
    """Factors that turn a value in ``unit`` into base units of ``target_unit`` through
    the substance's density in this phase: (with the low density, with the high density).

    None when the substance has no density for the phase or the dimensions do not allow it.
    """
    densities = DENSITIES.get(substance, {}).get(phase)
    if densities is None:
        return None
    return _density_factors(unit, target_unit, f"{substance}:{phase}", densities)


@lru_cache(maxsize=4096)
def _density_factors(unit: str, target_unit: str, context: str, densities: tuple[float, float]):
    key = f"density:{unit}|{target_unit}|{context}|{densities[0]!r}|{densities[1]!r}"
    cached = LOOKUPS.get(key)
    if isinstance(cached, list) and (cached == [] or (len(cached) == 2 and all(isinstance(v, float) for v in cached))):
        return (cached[0], cached[1]) if cached else None
    result = _density_factors_uncached(unit, target_unit, context, densities)
    LOOKUPS.put(key, list(result) if result else [])
    return result


def _density_factors_uncached(unit: str, target_unit: str, context: str, densities: tuple[float, float]):
    pint = _pint()
    ureg = registry()
    source = unit_info(unit)
    target = unit_info(target_unit)
    if source.dimension == target.dimension:
        return None
    quantity = ureg.Quantity(1.0, source.unit)
    try:
        low, high = (quantity.to(target.unit, context, density=d).magnitude for d in densities)
    except pint.errors.DimensionalityError:
        return None
    return float(min(low, high)), float(max(low, high))
