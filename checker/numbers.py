"""Numbers as texts write them, turned into plain digits before anything reads them.

Real texts print numbers in many ways; each is brought to one canonical spelling (ASCII
digits, ``,`` between thousands, ``.`` before decimals) so that the value parser and the
digit check read the same thing:

* Arabic-Indic (``١٢٫٤``) and Persian (``۱۲٫۴``) digits, with the Arabic decimal and
  thousands separators;
* a decimal comma, for sources whose language uses one (``12,42`` in a Russian or German
  text is 12.42); which languages do comes from the Unicode CLDR data, through Babel;
* number words, read by text2num (``two billion and forty million``, ``fourteen``);
* composite numbers, a number with a scale word followed by smaller ones
  (``7 billion 315 million`` is 7,315,000,000);
* ``a dozen`` (12), and the multiplicative words text2num does not read (``twice``,
  ``thrice``, ``halved``), for relations.

Everything is cached per distinct string; none of it needs pint.
"""

from __future__ import annotations

import re
from functools import lru_cache


class LazyPattern:
    """A regular expression compiled when first used: patterns that only rare inputs reach
    (a period the quote contradicts, a currency named in words) cost nothing at every start.
    ``compiled`` is the pattern itself, for pandas' string methods."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, *args) -> re.Match[str] | None:
        return self.compiled.search(text, *args)

    def finditer(self, text: str):
        return self.compiled.finditer(text)

    def findall(self, text: str) -> list:
        return self.compiled.findall(text)

    def sub(self, replacement, text: str) -> str:
        return self.compiled.sub(replacement, text)


# Arabic-Indic (U+0660–0669) and Extended Arabic-Indic, i.e. Persian/Urdu (U+06F0–06F9)
# digits, and the Arabic decimal (U+066B) and thousands (U+066C) separators.
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + n): str(n) for n in range(10)},
        **{chr(0x06F0 + n): str(n) for n in range(10)},
        "\u066b": ".",
        "\u066c": ",",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)

# Words for multiples that text2num leaves alone. "dozen" is twelve in every register.
MULTIPLES = {
    "twice": 2,
    "thrice": 3,
    "double": 2,
    "doubled": 2,
    "triple": 3,
    "tripled": 3,
    "quadruple": 4,
    "quadrupled": 4,
    "twofold": 2,
    "threefold": 3,
    "fourfold": 4,
    "fivefold": 5,
    "tenfold": 10,
    "half": 0.5,
    "halved": 0.5,
}

SCALE_WORDS = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
# South Asian scales: a lakh is 100,000, a crore ten million ("4.9 lakh", "₹1.5 lakh crore").
SOUTH_ASIAN_SCALES = {
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "lakh crore": 1e12,
}
SCALE_WORDS.update(SOUTH_ASIAN_SCALES)
# Scale words of other languages, as values and quotes copied from such texts write them:
# Portuguese and Spanish (Brazil's "bilhão" is a thousand million, Spain's "billón" a
# million million; "mil" is a thousand, not pint's thousandth of an inch), German,
# French and Italian ("Milliarde", "milliard", "miliardo": a thousand million), Dutch.
OTHER_SCALES = {
    "mil": 1e3,
    "milhão": 1e6,
    "milhões": 1e6,
    "milhao": 1e6,
    "milhoes": 1e6,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "bilhao": 1e9,
    "bilhoes": 1e9,
    "trilhão": 1e12,
    "trilhões": 1e12,
    "bi": 1e9,  # Brazilian headlines' shorthand ("Custo sobe para R$ 20 bi"); "mi" is the mile
    "tri": 1e12,
    "millón": 1e6,
    "millones": 1e6,
    "billón": 1e12,
    "billones": 1e12,
    "millionen": 1e6,
    "millions": 1e6,  # French ("728,9 millions $"), and English in the plural
    "milliarde": 1e9,
    "milliarden": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "milioni": 1e6,
    "miliardo": 1e9,
    "miliardi": 1e9,
    # German abbreviations ("63 Mio. EUR", "4,1 Mrd. DKK") and its long-scale Billion (a
    # million million) in the plural; Dutch ("770 miljoen", "1,2 miljard"; "biljoen" is a
    # million million); a thousand in German, Italian, French and Dutch ("18 mila").
    # "Mil milhões" and "mil millones": a thousand million, as Portugal, Lusophone Africa
    # and Spanish write a billion.
    "mil milhões": 1e9,
    "mil milhoes": 1e9,
    "mil millones": 1e9,
    "mio": 1e6,
    # Norwegian, Danish and Swedish copy: "NOK 96,3 mill.", "milj.", "miljoner", "milliarder".
    "mill": 1e6,
    "milj": 1e6,
    "millioner": 1e6,
    "miljoner": 1e6,
    "milliarder": 1e9,
    "miljarder": 1e9,
    "mrd": 1e9,
    "billionen": 1e12,
    "miljoen": 1e6,
    "miljard": 1e9,
    "biljoen": 1e12,
    "tausend": 1e3,
    "mila": 1e3,
    "mille": 1e3,
    "duizend": 1e3,
}
SCALE_WORDS.update(OTHER_SCALES)
_SCALE = (
    r"thousand|million|billion|trillion|mn|mln|bn|bln|tn|trn|lakh crore|lakhs?|lacs?|crores?|cr|"
    + "|".join(sorted(OTHER_SCALES, key=len, reverse=True))
    + r"|1000(?:000)*"
)
# A number, not part of another: no digit, comma or decimal point before it (but the dot of
# an abbreviation, "Rs.30,70,000 crore").
_NUM = r"(?<![\d,])(?<!(?<![A-Za-z])\.)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_PART = re.compile(rf"({_NUM})\s*({_SCALE})\b", re.IGNORECASE)
_DIGIT_SCALE = re.compile(rf"({_NUM})\s+(1000(?:000)*)\b")  # text2num's "2.5 1000000"
# A composite: parts with strictly falling scales, joined by spaces, commas or "and".
_COMPOSITE = re.compile(rf"{_NUM}\s*(?:{_SCALE})\b(?:\s*,?\s*(?:and\s+)?{_NUM}\s*(?:{_SCALE})\b)+", re.IGNORECASE)
NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred)\b",
    re.IGNORECASE,
)


def scale_of(word: str) -> float:
    word = word.lower()
    return SCALE_WORDS.get(word) or float(word)


@lru_cache(maxsize=8)
def decimal_mark(language: str) -> str:
    """The decimal mark of a language (``,`` for ru, de, fr…; ``.`` for en), from CLDR.

    An empty or unknown language reads as English."""
    if not language:
        return "."
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return "."
    return "," if get_decimal_symbol(locale) == "," else "."


def known_language(language: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language.replace("-", "_"))
        return True
    except (ValueError, TypeError, UnknownLocaleError):
        return False


# With a decimal comma: "1.234.567,8" or "1 234 567,8" (groups of three after a dot or a
# space), or "12,42". A dot followed by other than three digits stays a decimal point, as
# an editor normalising a value would write it.
_COMMA_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[. ]\d{3})+(?:,\d+)?(?![\d])|(?<![\d.,])\d+,\d+(?![\d.,])")


def _comma_to_point(match: re.Match) -> str:
    text = match.group(0)
    whole, _, decimals = text.partition(",")
    whole = whole.replace(".", "").replace(" ", "")
    return f"{int(whole):,}" + (f".{decimals}" if decimals else "")


def _compose(match: re.Match) -> str:
    """'7 billion 315 million' → '7315000000', when the scales fall from part to part
    (not in a range: 'between 2 billion and 1 million' stays two numbers)."""
    text = match.group(0)
    if re.search(r"\bbetween\s*$", match.string[max(0, match.start() - 12) : match.start()], re.IGNORECASE):
        return text
    total, previous = 0.0, float("inf")
    for number, scale in _PART.findall(text):
        factor = scale_of(scale)
        if factor >= previous:
            return text
        previous = factor
        total += float(number.replace(",", "")) * factor
    return f"{total:.0f}"


# Thousands grouped by spaces, as the WHO, SI style and many languages write them ("13 920",
# "1 742 315", with a space, a no-break space or a thin space), with each group of three.
_SPACED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])")


def join_spaced_thousands(text: str) -> str:
    """'13 920' as '13920': thousands grouped by spaces joined into one number."""
    return (
        _SPACED.sub(lambda match: re.sub(r"\s", "", match.group(0)), text)
        if " " in text or "\u202f" in text or "\u00a0" in text or "\u2009" in text
        else text
    )


def canonical_separators(text: str, decimal: str = ".") -> str:
    """ASCII digits, and the decimal point and thousands commas of English; a number in
    Indian grouping ("4,09,549", "30,70,000": lakhs and crores) regrouped in thousands."""
    text = text.translate(_DIGITS)
    if "'" in text or "’" in text:  # Swiss grouping: "176'000", "176’000"
        text = _APOSTROPHE_GROUPING.sub(lambda found: found.group(0).replace("'", "").replace("’", ""), text)
    if decimal == ",":
        text = _COMMA_NUMBER.sub(_comma_to_point, text)
    elif "," in text:
        text = _INDIAN_GROUPING.sub(lambda found: f"{int(found.group(0).replace(',', '')):,}", text)
    return text


# Thousands grouped by apostrophes, as Swiss copy writes them: only whole groups of three.
_APOSTROPHE_GROUPING = re.compile(r"(?<![\d'’])\d{1,3}(?:['’]\d{3})+(?![\d'’])")
# Groups of two digits before the last three, which no thousands grouping writes.
_INDIAN_GROUPING = re.compile(r"(?<![\d,])(?<!\d\.)\d{1,2}(?:,\d{2})+,\d{3}(?![\d]|,\d)")


_MIL_MILLONES = re.compile(
    r"(?<![\d.,])(?:(\d{1,3})\s+)?\bmil\s+(\d{1,3})\s+(millones|milhões|milhoes)\b", re.IGNORECASE
)


@lru_cache(maxsize=65536)
def canonical(text: str, decimal: str = ".", join_scales: bool = True) -> str:
    """The text with its numbers spelled canonically (see the module docstring).

    With ``join_scales`` a number and its scale word become one number ("2.16 billion" →
    "2160000000"); without, a single number keeps its scale word, as the value parser
    reads it, and only composites and number words are joined."""
    text = canonical_separators(text, decimal)
    if NUMBER_WORD.search(text):
        from text_to_num import alpha2digit

        # text2num joins digits to scale words it produced ("2 1000000"); the composite pass
        # below joins them into one number. threshold=0: "two ships" is 2 ships too.
        text = alpha2digit(text, "en", threshold=0)
    if "dozen" in text.lower():
        text = _A_DOZEN_AFTER.sub(" per dozen", text)
        text = _DOZEN.sub(_dozen, text)
    if "mil " in text.lower():
        # Mexican and Central American copy writes thousands of millions in two parts: "41 mil
        # 200 millones" is 41,200 million, "mil 270 millones" 1,270 million.
        text = _MIL_MILLONES.sub(lambda m: f"{int(m.group(1) or 1) * 1000 + int(m.group(2))} {m.group(3)}", text)
    if _ANY_SCALE.search(text):
        # Fractions of a scale first: "half a million", "one and a half million", "a billion".
        text = _HALF_A.sub(lambda m: _scaled("0.5", m.group(1)), text)
        text = _QUARTER_OF_A.sub(lambda m: _scaled("0.75" if m.group(1) else "0.25", m.group(2)), text)
        text = _AND_A_HALF.sub(lambda m: _scaled(str(float(m.group(1)) + 0.5), m.group(2)), text)
        text = _A_SCALE.sub(lambda m: _scaled("1", m.group(1)), text)
        text = _COMPOSITE.sub(_compose, text)
        text = (_PART if join_scales else _DIGIT_SCALE).sub(lambda m: _scaled(m.group(1), m.group(2)), text)
        # text2num reads "two billion and 40 million" as two numbers: join a round number
        # and a smaller one after "and" when the smaller fits in the zeros of the larger.
        text = _AND_JOIN.sub(_join_and, text)
    return text


_DOZEN = re.compile(r"\b(?:an?\s+|(\d+)\s+)?dozen\b(?!s)", re.IGNORECASE)
# A price "a dozen" after its figure is per dozen ("$8.17 a dozen"), as "a barrel" is.
_A_DOZEN_AFTER = re.compile(r"(?<=[\w%$€£.)])\s+(?:a|each)\s+dozen\b(?!s)", re.IGNORECASE)
_SCALE_BEFORE = re.compile(rf"(?:\b(?:{_SCALE})|\bper|/)\s*$", re.IGNORECASE)


def _dozen(match: re.Match) -> str:
    """ "a dozen" and "3 dozen" as the number they are; "dozen" after a scale word or "per"
    ("19.4 million dozen", "$8.17 per dozen") stays a unit of twelve."""
    if (
        match.group(1) is None
        and match.group(0)[:1].lower() != "a"
        and _SCALE_BEFORE.search(match.string[: match.start()])
    ):
        return match.group(0)
    return str(12 * int(match.group(1) or 1))


_ANY_SCALE = re.compile(rf"\b(?:{_SCALE})\b", re.IGNORECASE)
_HALF_A = re.compile(rf"\bhalf an? ({_SCALE})\b", re.IGNORECASE)
# "A quarter of a million", "three quarters of a billion".
_QUARTER_OF_A = re.compile(rf"\b(?:an?|one|1|(three|3))[\s-]+quarters?\s+of\s+an?\s+({_SCALE})\b", re.IGNORECASE)
_AND_A_HALF = re.compile(rf"(\d+) and an? half ({_SCALE})\b", re.IGNORECASE)
_A_SCALE = re.compile(rf"\ban? ({_SCALE})\b", re.IGNORECASE)
_AND_JOIN = re.compile(r"(?<![\d.,])(\d{7,}) and (\d{4,})(?![\d.,])")


def _join_and(match: re.Match) -> str:
    larger, smaller = match.group(1), match.group(2)
    if re.search(r"\bbetween\s*$", match.string[max(0, match.start() - 12) : match.start()], re.IGNORECASE):
        return match.group(0)
    if int(larger) % 10 ** len(smaller) == 0 and int(smaller) < int(larger):
        return str(int(larger) + int(smaller))
    return match.group(0)


def _scaled(number: str, scale: str) -> str:
    """A number with its scale, as one number: '2.5 million' or text2num's '2.5 1000000'."""
    return f"{float(number.replace(',', '')) * scale_of(scale):.0f}"


def transpositions(number) -> list[float]:
    """Every number made by swapping two adjacent different digits of a number as written
    (the claims' ``number``): '2.61' → 6.21, 2.16; never with a leading zero ('90' is no
    transposition of 9, '905' none of 95, '0.4' none of 4: a zero more or less is a scale
    slip)."""
    if not isinstance(number, str):
        return []
    positions = [i for i, char in enumerate(number) if char.isdigit()]
    found = []
    for first, second in zip(positions, positions[1:]):
        # Not a zero brought to the front ("90" is no transposition of 9: it has a zero more).
        leading_zero = first == positions[0] and "0" in (number[first], number[second])
        if number[first] != number[second] and not leading_zero:
            chars = list(number)
            chars[first], chars[second] = chars[second], chars[first]
            found.append(float("".join(chars)))
    return found


# A relation's own qualifier, as editors write "about two-thirds" or "more than double":
# '~-67%', 'about -67%', '>x2', 'more than x2', 'x2+'.
_RELATION_QUALIFIERS = (
    (re.compile(r"^(?:~|≈|about|around|roughly|some|nearly|almost|approximately)\s*", re.IGNORECASE), "about"),
    (re.compile(r"^(?:>=?|≥|more than|over|above|at least)\s*", re.IGNORECASE), "gt"),
    (re.compile(r"^(?:<=?|≤|less than|under|below|at most)\s*", re.IGNORECASE), "lt"),
)


def relation_qualifier(text: str) -> tuple[str, str]:
    """A relation as written split into its qualifier ('about', 'gt', 'lt' or '') and the
    relation itself ('x2', '-67%')."""
    text = text.strip()
    for pattern, qualifier in _RELATION_QUALIFIERS:
        found = pattern.match(text)
        if found and found.end() < len(text):
            return qualifier, text[found.end() :].strip()
    if text.endswith("+") and len(text) > 1 and not text[:-1].rstrip().endswith(("%", "pp", "bp")):
        return "gt", text[:-1].strip()  # "x2+": more than double
    return "", text
