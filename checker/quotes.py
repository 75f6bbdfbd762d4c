"""Where each claim's quote lies in its source text, and whether the value's digits are
stated in the quote."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from checker.columns import map_unique
from checker.corpus import Corpus
from checker.dates import edtf_codes, fiscal_interval
from checker.display import MONTHS, shortened
from checker.errors import ParseError, Problem
from checker.numbers import LazyPattern, transpositions
from checker.quantities import range_high
from checker.texts import (
    MONTH_WORD,
    WEEKDAY_WORD,
    days_in,
    fold,
    months_in,
    numbers_in,
    scale_left_out,
    scale_missing,
    value_numbers,
    weekday_number,
    written_scale,
)

_DATE_PARTS = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
VALUE_COLUMNS = ("value", "converted")
SEARCH_READS = ("source", "quote", "period", *VALUE_COLUMNS)  # what ``search`` reads of the claims


@dataclass
class Search:
    """Where each claim's quote lies in its text (-1: not found, or no text), and which
    values stand in their quote as written (the digit check's column-wide shortcut)."""

    text_ids: pd.Series
    starts: np.ndarray
    ends: np.ndarray
    stated: dict[str, np.ndarray]
    missing: list[int]
    # Whether the quote names the first or last year of the claim's period as written (or
    # the period names none): the rest are read by ``_periods_against_quotes``.
    names_period_year: np.ndarray


def search(claims: pd.DataFrame, corpus: Corpus, sources: pd.DataFrame) -> Search:
    """Find each quote in its text, and whether each value appears in its quote as written.

    Reads only columns as they were read (source, quote, value, converted), and looks at
    every value (which of them the digit check reads is known only after parsing), so it
    can run before the claims are resolved and parsed, beside that work.

    Quotes are searched from where the previous quote of the same text was found (editors
    tag in reading order, so the search is linear in the text), falling back to the whole
    text."""
    text_of = dict(zip(sources["id"], sources["id"]))
    text_of.update({row.id: row.cited_in for row in sources.itertuples() if not row.file and row.cited_in})
    starts = np.full(len(claims), -1, dtype=np.int32)
    ends = np.full(len(claims), -1, dtype=np.int32)
    text_ids = map_unique(claims["source"], lambda source: text_of.get(source, ""), categorical=True)
    # Text is taken as Python strings one text's claims at a time, never the whole column.
    quote_array = claims["quote"].array
    value_arrays = {column: claims[column].array for column in VALUE_COLUMNS}
    # Shortcut of the digit check: the value as written appears in the quote as a whole
    # (not inside a longer number); everything else is read number by number later.
    stated = {column: np.ones(len(claims), dtype=bool) for column in value_arrays}
    written = {column: (claims[column] != "").to_numpy() for column in value_arrays}
    missing: list[int] = []
    names_period_year = np.ones(len(claims), dtype=bool)
    period_array = claims["period"].array
    # Each text's claims in reading order: one stable sort of the text codes, split where
    # the code changes (a group-by would hold several times as much while it iterates).
    codes = text_ids.cat.codes.to_numpy()
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    for positions in np.split(order, bounds) if len(order) else ():
        if codes[positions[0]] < 0:  # no source, so no text
            continue
        text_id = text_ids.cat.categories[codes[positions[0]]]
        quotes = quote_array.take(positions).to_numpy(dtype=object)
        for column, array in value_arrays.items():
            given = written[column][positions]
            if not given.any():
                continue
            values = array.take(positions[given]).to_numpy(dtype=object)
            stated[column][positions[given]] = [_appears(value, quote) for value, quote in zip(values, quotes[given])]
        names_period_year[positions] = [
            _names_period_year(period, quote)
            for period, quote in zip(period_array.take(positions).to_numpy(dtype=object), quotes)
        ]
        text = corpus.texts.get(text_id)
        if text is None:
            continue
        raw_cursor = folded_cursor = 0
        original = text.text
        for position, quote in zip(positions, quotes):
            quote = quote.strip()
            if not quote:
                continue
            # Most quotes are copied exactly: look for them as they are first, and fold
            # (whitespace, typographic quotes and dashes) only when that fails.
            at = original.find(quote, raw_cursor)
            if at < 0 and raw_cursor:
                at = original.find(quote)
            if at >= 0:
                starts[position], ends[position] = at, at + len(quote)
                raw_cursor = at
                continue
            span, folded_cursor = text.find_folded(fold(quote), folded_cursor)
            if span is None:
                missing.append(position)
            else:
                starts[position], ends[position] = span
    return Search(text_ids, starts, ends, stated, missing, names_period_year)


_ERA_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _names_period_year(period: str, quote: str) -> bool:
    """Whether the quote names the first or the last year of a period as written ("2024",
    "2024-07/2025-06", "../2025"; of a split year "2022/23", its first); a period without a
    year in digits of this era names none, and passes."""
    first, last = period[:4], period.rpartition("/")[2][:4]
    years = [year for year in (first, last) if year.isdigit() and year[:2] in ("19", "20")]
    if not years and period[:1].isalpha():  # "FY2025", "Q1 FY2025"
        years = _ERA_YEAR.findall(period)
    return not years or any(year in quote for year in years)


def locate_quotes(
    claims: pd.DataFrame, corpus: Corpus, sources: pd.DataFrame, problems: list[Problem], found: Search | None = None
) -> pd.DataFrame:
    """Each quote's text and span, with a problem for every quote not in its text and every
    value whose digits the quote does not state. ``found``: the search, done already
    (``search`` on these claims, in this order).

    The digit check takes the search's shortcut — the number as written appears in the
    quote — and reads the quote's numbers only for the rest: claims not inferred, whose
    value parsed, that are not statuses."""
    if found is None:
        found = search(claims, corpus, sources)
    text_ids, starts, ends, stated = found.text_ids, found.starts, found.ends, found.stated
    quote_array = claims["quote"].array
    for position in found.missing:
        row = claims.iloc[position]
        text_id = text_ids.iloc[position]
        score, line, passage = corpus.texts[text_id].closest(row["quote"])
        excerpt = shortened(passage, 90)
        problems.append(
            Problem(
                row["file"],
                int(row["line"]),
                "quote",
                f"not found in {corpus.text_files[text_id]}; closest passage at line {line} "
                f'(similarity {score:.0f}%): "{excerpt}"',
            )
        )
    may_check = (
        (claims["inferred"] != "yes").to_numpy()
        & claims["value_parsed"].to_numpy(dtype=bool)
        & (claims["kind"] != "status").to_numpy()
    )
    checked = (starts >= 0) & may_check
    files, lines = claims["file"].array, claims["line"].to_numpy()
    published_of = dict(zip(sources["id"], sources["published"]))
    language_of = dict(zip(sources["id"], sources["language"]))
    sources_of = claims["source"].array
    modalities = claims["modality"].array
    for column in VALUE_COLUMNS:
        values = claims[column].array
        # Each distinct value's first number, read once, as the quote must show it: with its
        # scale word where the value has one ("1.12 billion"), else the number alone.
        first_numbers: dict[tuple[str, str], tuple[str, bool]] = {}
        positions = np.flatnonzero(checked & ~stated[column])
        # The rows left are taken from their columns in one gather each, never cell by cell.
        rows = zip(
            positions,
            *(
                array.take(positions).to_numpy(dtype=object)
                for array in (values, claims["decimal"].array, quote_array, claims["kind"].array)
            ),
        )
        for position, value, decimal, quote, kind in rows:
            if kind in ("quantity", "count"):
                # Second shortcut: the value's first number, as written, stands in the quote.
                shown = first_numbers.get((value, decimal))
                if shown is None:
                    scaled = written_scale(value, decimal)
                    shown = first_numbers[(value, decimal)] = (
                        (scaled[0], True) if scaled else (value_numbers(value, decimal)[0], False)
                    )
                number, with_scale = shown
                # (Written canonically, "4.150" is four and some thousandths: in a text
                # whose decimal mark is the comma, the same characters are 4,150.)
                plain = decimal == "." or not any(mark in number for mark in ".,")
                if plain and number and (number in quote if with_scale else _appears(number, quote)):
                    continue
            published = published_of.get(sources_of[position], "") if kind == "date" else ""
            tense = _TENSES.get(modalities[position], "") if kind == "date" else ""
            language = language_of.get(sources_of[position], "") or ""
            message = digits_missing(value, quote, kind, decimal, published, tense, language)
            if message:
                problems.append(Problem(files[position], int(lines[position]), column, message))
    _periods_against_quotes(claims, checked & ~found.names_period_year, problems)
    _relations_against_quotes(claims, checked, problems)
    return pd.DataFrame({"text_source": text_ids, "quote_start": starts, "quote_end": ends}, index=claims.index)


# The year (and month) a quote ties its figure to: right after it ("201,300 ounces in
# calendar 2024", "30.2 mt in March 2023") or leading its clause ("In 2024, the mine
# produced 201,300 ounces"). A year of prices ("in 2015 dollars") is no time of the figure.
_YEAR = r"((?:19|20)\d\d)(?:[/–-]((?:19|20)?\d\d)\b)?"
# A part of the year before it ("the first quarter of 2024", "the first six months of 2025",
# "January-March 2024", "the January–March quarter of 2024"): the year is read.
_PART_OF_YEAR = (
    rf"(?:(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:quarter|half|three\s+months|six\s+months|"
    rf"nine\s+months)|{MONTH_WORD}\s*[-–]\s*{MONTH_WORD}(?:\s+(?:quarter|period))?)\s+(?:of\s+)?"
)
_TIED = rf"(?:in|for|during|throughout)\s+(?:the\s+)?(?:(?:calendar|fiscal|financial)\s+(?:year\s+)?)?(?:(?:early|late|mid)[\s-]+)?(?:{_PART_OF_YEAR}|({MONTH_WORD})\s+)?{_YEAR}"
_NOT_A_TIME = (
    r"(?![\d/–-]|\s*(?:prices|dollars|terms|money|values|constant|levels|US\$|USD|euros?|pounds|rand|roubles))"
)
_YEAR_AFTER = LazyPattern(rf"^[^.;!?\d,]{{0,40}}?\b{_TIED}\b{_NOT_A_TIME}", re.IGNORECASE)
_YEAR_BEFORE = LazyPattern(rf"(?:^|[.;:]\s+){_TIED}\b{_NOT_A_TIME}\s*,?[^.;!?\d]{{0,60}}$", re.IGNORECASE)
# A figure given relative to another time ("from 5,120 a year earlier") is not the year's.
_RELATIVE_TIME = LazyPattern(
    r"^[^.;!?\d]{0,30}?\b(?:a|the|one)\s+(?:year|month|quarter)\s+(?:earlier|before|ago)|^[^.;!?\d]{0,30}?"
    r"\b(?:the\s+)?(?:previous|prior|preceding|last)\s+(?:year|month|quarter)",
    re.IGNORECASE,
)
# A day, or a month, without its year, tied to the figure the same ways ("On Friday 18
# July there were 88,113", "as of March 31", "rose 12 % in March"): in the period's year.
_WEEKDAY_NAME = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY_TIED = (
    rf"(?:[Oo]n|[Bb]y|[Aa]s\s+(?:of|at))\s+(?:{_WEEKDAY_NAME},?\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_WORD})"
    rf"|({MONTH_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?![\w])(?!,?\s*(?:19|20)\d\d)"
)
_MONTH_TIED = rf"[Ii]n\s+(?:(?:early|late|mid)[\s-]+)?({MONTH_WORD})(?![\w])(?!\s*,?\s*\d)"
_DAY_AFTER = LazyPattern(rf"^[^.;!?\d,]{{0,40}}?\b(?:{_DAY_TIED}|{_MONTH_TIED})")
# The time a figure was told, not the time it is of ("…, the ministry said on 3 June").
# Nor the time of another event the sentence names ("46 years old, installed in 1978"),
# nor a bond's maturity ("sold £4.75bn of gilts maturing in 2035 on Tuesday"), nor a
# schedule's ("the second tranche, worth €14.5 billion and originally due on July 15"),
# nor the start of a running count ("14.5 million trips since the launch in May 2022").
_TOLD = LazyPattern(
    r"\b(?:said|says|told|announced|reported|published|released|stated|according|installed|built|founded|"
    r"established|opened|launched|signed|born|created|introduced|adopted|set\s+up|started|began|"
    r"matur(?:ing|es|ity)|expir(?:ing|es)|redeemable|due|scheduled|postponed|deferred|delayed|"
    # the start of a running count ("14.5 million trips since the launch in May 2022")
    r"since)\b",
    re.IGNORECASE,
)
# Results a sentence tells as reported, before their figure: a time after the figure is
# when they were told ("posted revenue of $982 million in late April").
_RESULTS_TOLD = LazyPattern(r"\b(?:reported|announced|posted|published|released|unveiled)\b", re.IGNORECASE)
_DAY_BEFORE = LazyPattern(rf"(?:^|[.;:]\s+)(?:{_DAY_TIED}|{_MONTH_TIED})\s*,?[^.;!?\d]{{0,60}}$")
# A day with its year, tied the same ways ("C$4.62 billion as of March 31, 2025", "By
# December 31, 2024, it had spent C$3.9 billion"): that day.
_DATED_TIED = (
    rf"(?:[Oo]n|[Bb]y|[Aa]s\s+(?:of|at)|[Aa]t\s+the\s+end\s+of)\s+(?:{_WEEKDAY_NAME},?\s+)?"
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_WORD})|({MONTH_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?)\.?,?\s*((?:19|20)\d\d)\b"
)
_DATED_AFTER = LazyPattern(rf"^[^.;!?\d,]{{0,40}}?\b{_DATED_TIED}")
_DATED_BEFORE = LazyPattern(rf"(?:^|[.;:]\s+){_DATED_TIED}\s*,?[^.;!?\d]{{0,60}}$")
_ANY_TIME = LazyPattern(rf"(?:19|20)\d\d|{MONTH_WORD}|\b(?:last|this|next)\s+year\b", re.IGNORECASE)
# A year named relative to the text's publication ("nearly 6 million t last year", in a
# story of June 2025: 2024), tied the same ways, unless it is another figure's ("up from 5
# million last year", "against last year's 5 million").
_YEAR_NAMED = r"\b(last|this|next)\s+year\b(?!['’]s)"
_RELATIVE_YEAR_AFTER = LazyPattern(rf"^[^.;!?\d,]{{0,60}}?{_YEAR_NAMED}", re.IGNORECASE)
_RELATIVE_YEAR_BEFORE = LazyPattern(rf"(?:^|[.;:]\s+){_YEAR_NAMED}\s*,?[^.;!?\d]{{0,60}}$", re.IGNORECASE)
_COMPARED = LazyPattern(r"\b(?:from|than|since|over|versus|vs|compared|against|on|before|after)\b", re.IGNORECASE)


_RELATION_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _relations_against_quotes(claims: pd.DataFrame, checked: np.ndarray, problems: list[Problem]) -> None:
    """A relation whose number its quote does not state, where the quote states that number
    with two adjacent digits swapped ("+9.7%" tagged for "up 7.9 percent"): a tagger's slip.
    A relation read from words ("doubled": x2, "about two-thirds": ~-67%) states no digits,
    and is never asked to."""
    relation = claims["relation"]
    rows = np.flatnonzero(checked & relation.str.contains(r"\d", regex=True).to_numpy(dtype=bool))
    files, lines = claims["file"].array, claims["line"].to_numpy()
    for position in rows:  # the claims that state a relation in digits: few
        found = _RELATION_NUMBER.search(str(relation.iloc[position]))
        if found is None:
            continue
        decimal = str(claims["decimal"].iloc[position])
        written = found.group(0)
        number = float(written.replace(",", ".") if decimal == "," else written.replace(",", ""))
        stated = numbers_in(str(claims["quote"].iloc[position]), decimal)
        if number in stated:
            continue
        swapped = [candidate for candidate in transpositions(written.replace(",", ".")) if candidate in stated]
        if swapped:
            problems.append(
                Problem(
                    files[position],
                    int(lines[position]),
                    "relation",
                    f"{written} does not appear in the quote, which states {swapped[0]:g}: a digit transposition?",
                )
            )


def _periods_against_quotes(claims: pd.DataFrame, suspects: np.ndarray, problems: list[Problem]) -> None:
    """A period the quote contradicts: the quote ties the figure to a year (or a month)
    the claim's period does not reach ("201,300 ounces in calendar 2024", period 2025): a
    tagger's slip. Read only for ``suspects``, figures whose quote names neither end year
    of their period (found beside the quote search, ``Search.names_period_year``)."""
    starts, ends = claims["period_start"].to_numpy(dtype=float), claims["period_end"].to_numpy(dtype=float)
    suspects = (
        suspects
        & claims["kind"].isin(("quantity", "count")).to_numpy()
        # A forecast's, plan's, target's or estimate's quote names when it was made as often
        # as the time it is for ("raised its year-end forecast to US$3,700 in April", "put
        # insured losses from the storm at $15.2bn on 14 November"), and so does an earlier
        # figure's ("the preliminary $18.5 million the company gave in January"): not read.
        # Nor a duration's, which names when it began ("135 days after it was discovered on
        # May 10").
        & (claims["modality"] == "actual").to_numpy(dtype=bool)
        & (claims["dimension"] != "[time]").to_numpy(dtype=bool)
        & (claims["period"] != "").to_numpy()
        & np.isfinite(starts)
        & np.isfinite(ends)
    )
    rows = np.flatnonzero(suspects)
    if not len(rows):
        return
    quotes = claims["quote"]
    rows = rows[quotes.iloc[rows].str.contains(_ANY_TIME.compiled).to_numpy(dtype=bool)]
    files, lines = claims["file"].array, claims["line"].to_numpy()
    published = claims["published_end"].to_numpy(dtype=float) - 1
    year_start = claims["year_start"].to_numpy(dtype=float) if "year_start" in claims else np.full(len(claims), np.nan)
    for position in rows:  # figures whose quote names other years than their period's
        years = range(_year_of(starts[position]), _year_of(ends[position] - 1) + 1)
        tied = _tied_time(
            str(claims["value"].iloc[position]),
            str(quotes.iloc[position]),
            str(claims["decimal"].iloc[position]),
            years,
            _year_of(published[position]) if np.isfinite(published[position]) else None,
            int(year_start[position]) if np.isfinite(year_start[position]) else None,
        )
        if tied is None:
            continue
        label, spans = tied
        if any(start < ends[position] and starts[position] < end for start, end in spans):
            continue
        problems.append(
            Problem(
                files[position],
                int(lines[position]),
                "period",
                f"{claims['period'].iloc[position]} does not reach {label}, the time the quote gives the figure; "
                f"mark the claim inferred=yes with a note if the period is read from context",
            )
        )


def _year_of(day: float) -> int:
    return datetime.date.fromordinal(int(day)).year


def _month_number(word: str) -> int:
    return MONTHS.index(next(name for name in MONTHS if name.startswith(word.lower().rstrip(".")[:3]))) + 1


def _tied_time(
    value: str, quote: str, decimal: str, years: range, published_year: int | None = None, year_start: int | None = None
) -> tuple[str, list[tuple[float, float]]] | None:
    """The time a quote ties the value's number to, as written and as spans of days
    [start, end): a day or month written without its year is read in each of ``years``
    (the claim's period's); "last year" in the year before ``published_year``; a split
    year ("in 2023/24") or a fiscal year ("in fiscal 2025") as the months it names when
    the topic's years begin in month ``year_start``."""
    number = value_numbers(value, decimal)[0]
    found = re.search(rf"(?<![\d.,]){re.escape(number)}(?!\d|[.,]\d)", quote) if number else None
    if found is None:
        return None
    if _RELATIVE_TIME.search(quote[found.end() :]):
        return None
    dated = _DATED_AFTER.search(quote[found.end() :]) or _DATED_BEFORE.search(quote[: found.start()])
    if dated is not None:
        return None if _TOLD.search(dated.group(0)) else _dated(dated)
    tied = _YEAR_AFTER.search(quote[found.end() :]) or _YEAR_BEFORE.search(quote[: found.start()])
    if tied is not None and _TOLD.search(tied.group(0)):
        return None
    if tied is None and published_year is not None:
        relative = _RELATIVE_YEAR_AFTER.search(quote[found.end() :]) or _RELATIVE_YEAR_BEFORE.search(
            quote[: found.start()]
        )
        if relative is not None:
            if _TOLD.search(relative.group(0)) or _COMPARED.search(relative.group(0)):
                return None
            year = published_year + _RELATIVE_YEAR[f"{relative.group(1).lower()} year"]
            label = f"{relative.group(1).lower()} year ({year}, as of the text's publication)"
            return label, [_days(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))]
    if tied is None:
        return _yearless(quote, found, years)
    month_word, first, last = tied.group(1), int(tied.group(2)), tied.group(3)
    fiscal = re.search(r"fiscal|financial", tied.group(0), re.IGNORECASE) is not None
    if year_start is not None and not month_word and (fiscal or (last and len(last) == 2)):
        # A fiscal year named by one year may end in it or begin in it (Japan's begins):
        # both are read.
        spans = []
        for named in [f"{first}/{last}"] if last else [f"FY{first}", f"FY{first + 1}"]:
            try:
                interval = fiscal_interval(named, year_start)
            except ParseError:  # "2023/25", or split years under a topic of calendar years
                break
            if interval is not None:
                spans.append((interval.start, interval.end))
        if spans:
            return (tied.string[tied.start(2) : tied.end(3)] if last else f"fiscal {first}"), spans
    if fiscal:
        # A fiscal year named by one year ends in it or begins in it, as each government
        # counts: it reaches into the years on either side.
        return f"fiscal {first}", [_days(datetime.date(first - 1, 1, 1), datetime.date(first + 2, 1, 1))]
    final = first if not last else int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if final < first or final > first + 1:
        return None  # "2024-2030" or a number that is no pair of years
    if month_word:
        return f"{month_word} {first}", [_month_days(first, _month_number(month_word))]
    label = str(first) if final == first else f"{first}–{final}"
    return label, [_days(datetime.date(first, 1, 1), datetime.date(final + 1, 1, 1))]


def _dated(tied: re.Match) -> tuple[str, list[tuple[float, float]]] | None:
    """The day a date with its year names, as written and as a span of days."""
    day_first, month_after, month_first, day_after, year = tied.groups()
    day, month_word = (int(day_first), month_after) if day_first else (int(day_after), month_first)
    try:
        date = datetime.date(int(year), _month_number(month_word), day)
    except ValueError:  # no such day (31 June): nothing to compare
        return None
    label = f"{day} {month_word} {year}" if day_first else f"{month_word} {day}, {year}"
    return label, [_days(date, date + datetime.timedelta(days=1))]


def _yearless(quote: str, found: re.Match, years: range) -> tuple[str, list[tuple[float, float]]] | None:
    after = _DAY_AFTER.search(quote[found.end() :])
    tied = after or _DAY_BEFORE.search(quote[: found.start()])
    if tied is None or len(years) > 2 or _TOLD.search(tied.group(0)):
        return None
    if after is not None and _RESULTS_TOLD.search(quote[: found.start()]):
        return None  # "reported first-quarter revenue of $982 million in late April": when it was told
    day_first, month_after, month_first, day_after, month_only = tied.groups()
    spans = []
    if month_only:
        month = _month_number(month_only)
        return month_only, [_month_days(year, month) for year in years]
    day, month_word = (int(day_first), month_after) if day_first else (int(day_after), month_first)
    for year in years:
        try:
            date = datetime.date(year, _month_number(month_word), day)
        except ValueError:  # no such day (31 June): nothing to compare
            return None
        spans.append(_days(date, date + datetime.timedelta(days=1)))
    return f"{day} {month_word}" if day_first else f"{month_word} {day}", spans


def _days(start: datetime.date, after: datetime.date) -> tuple[float, float]:
    return float(start.toordinal()), float(after.toordinal())


def _month_days(year: int, month: int) -> tuple[float, float]:
    return _days(datetime.date(year, month, 1), datetime.date(year + (month == 12), month % 12 + 1, 1))


def _appears(value: str, quote: str) -> bool:
    at = quote.find(value)
    if at < 0:
        return False
    before = quote[at - 1] if at else " "
    after = quote[at + len(value)] if at + len(value) < len(quote) else " "
    return not (before.isdigit() or before in ".,") and not (
        after.isdigit() or (after in ".," and quote[at + len(value) + 1 : at + len(value) + 2].isdigit())
    )


_ORDINALS = ("first", "second", "third", "fourth")
# The first to fourth in French, Spanish, Portuguese, Italian, German and Dutch, for their
# quarters and halves ("au troisième trimestre", "im ersten Halbjahr", "derde kwartaal").
_OTHER_ORDINALS = (
    "premier|1er|primer|primero|primeiro|1º|primo|erste[nrs]?|1\\.|eerste",
    "deuxième|deuxieme|second|2e|segundo|2º|secondo|zweite[nrs]?|2\\.|tweede",
    "troisième|troisieme|3e|tercer|tercero|terceiro|3º|terzo|dritte[nrs]?|3\\.|derde",
    "quatrième|quatrieme|4e|cuarto|quarto|4º|vierte[nrs]?|4\\.|vierde",
)
_OTHER_QUARTER = r"(?:trimestre|quartal|kwartaal)"
_OTHER_HALF = r"(?:semestre|halbjahr|halfjaar|jahreshälfte)"
# Seasons and the words for them, in English and in German, French, Spanish, Portuguese,
# Italian and Dutch copy ("für den Herbst erwartet").
_SEASONS = (
    ("spring", "spring|frühling|frühjahr|printemps|primavera|lente|voorjaar"),
    ("summer", "summer|sommer|été|ete|verano|verão|verao|estate|zomer"),
    ("autumn", "autumn|fall|herbst|automne|otoño|otono|outono|autunno|herfst|najaar"),
    ("winter", "winter|hiver|invierno|inverno"),
)


def sub_year(code: int) -> tuple[str, str]:
    """What an EDTF code above 12 in a date's month place stands for (ISO 8601-2: 21–32
    seasons, 33–36 quarters, 37–39 thirds of a year, 40–41 halves), and a pattern for the
    words a quote states it with."""

    def nth(number: int, noun: str) -> str:
        return rf"\b(?:{_ORDINALS[number - 1]}|{number}(?:st|nd|rd|th))[\s-]+{noun}"

    if 21 <= code <= 32:
        name, words = _SEASONS[(code - 21) % 4]
        return f"the season '{name}' ({code})", rf"\b(?:{words})\b"
    if 33 <= code <= 36:
        quarter = code - 32
        # Australian and company usage names a quarter by its last month ("the December
        # quarter", "the quarter to September"); the last is also the "final" quarter.
        month = ("march", "june", "september", "december")[quarter - 1]
        last = r"|\b(?:final|last)\s+quarter" if quarter == 4 else ""
        return (
            f"the {_ORDINALS[quarter - 1]} quarter (Q{quarter}, {code})",
            rf"\bq{quarter}\b|\b{quarter}q\b|{nth(quarter, 'quarter')}|\b{month}[\s-]+quarter\b"
            rf"|\bquarter\s+(?:to|ended|ending)\s+(?:30\s+|31\s+)?{month}\b{last}"
            rf"|(?<!\w)(?:{_OTHER_ORDINALS[quarter - 1]})\s*{_OTHER_QUARTER}\b",
        )
    if 37 <= code <= 39:
        third = code - 36
        return f"the {_ORDINALS[third - 1]} four months ({code})", nth(third, r"(?:four[\s-]+months|quadrimester)")
    if code in (40, 41):
        half = code - 39
        return (
            f"the {_ORDINALS[half - 1]} half ({code})",
            rf"\bh{half}\b|{nth(half, r'half')}|{nth(half, r'semester')}"
            rf"|(?<!\w)(?:{_OTHER_ORDINALS[half - 1]})\s*{_OTHER_HALF}\b",
        )
    return f"month {code}", r"(?!)"  # no such month: never stated


def digits_missing(
    value: str, quote: str, kind: str, decimal: str = ".", published: str = "", tense: str = "", language: str = ""
) -> str | None:
    """None when every number of the value is stated in the quote; else the problem.
    ``published``: the source's publication date, whose year a date without one takes
    (``tense``: "ahead" for a planned or forecast date, which lies after it, "past" for one
    the text reports as done); ``language``: the source's, whose number words count."""
    if not value or kind == "status":
        return None
    stated = numbers_in(quote, decimal, language)
    if kind == "date":
        # "The weekend of Oct. 18" states the Saturday and the Sunday after it.
        stated = stated | {float(int(after or before) + 1) for after, before in _WEEKEND_OF.findall(quote)}
        # "The week of 7 April" states the 7th and the six days after it.
        stated = stated | _week_of(quote)[0]
        # "The first week of April" states the 1st to the 7th (the second, the 8th to the 14th…).
        for ordinal in _WEEK_OF_MONTH.findall(quote):
            week = _WEEK_ORDINALS.index(ordinal.lower())
            stated = stated | {float(day) for day in range(7 * week + 1, 7 * week + 8)}
        missing = _date_part_missing(value, quote, stated, published, tense)
        timed = _TIMED_DAY.match(value)
        # Wire copy times the day's events by the clock alone ("at 10:51 a.m. local time"):
        # the day is the dateline's, when the quote states the time.
        if (
            missing
            and timed
            and timed.group(1) == published[:10]
            and _time_stated(int(timed.group(2)), int(timed.group(3)), quote)
        ):
            missing = None
        midnight = _MIDNIGHT.match(value)
        if missing and midnight and re.search(r"\bmidnight\b", quote, re.IGNORECASE):
            # "At midnight on 31 December" is 00:00 on 1 January: the quote gives the day before.
            before = datetime.date.fromisoformat(midnight.group(1)) - datetime.timedelta(days=1)
            if not _date_part_missing(before.isoformat(), quote, stated, published, tense):
                missing = None
        if not missing:
            return None
        reading = _weekday_reading(quote, published, tense) if missing.startswith(("month", "day", "year")) else ""
        if reading and reading.endswith(f" is {value}"):
            return None  # "on Wednesday" is the value's day ("fifth-largest" is no day of the month)
        if reading:  # the quote dates it by a weekday that names another day: say so first
            return (
                f"the quote's {reading} by the text's publication, not {value} ({missing} is not written "
                f"out); correct the value, or {_INFERRED}"
            )
        return f"{missing} does not appear in the quote; {_INFERRED}"
    written, candidates = value_numbers(value, decimal)
    other_scale = scale_missing(value, quote, decimal)
    if other_scale:
        shown_value = written_scale(value, decimal)[0]  # type: ignore[index]
        return f"{shown_value} does not appear in the quote, which states {other_scale}: correct the value's scale word"
    left_out = scale_left_out(value, quote, decimal) if kind in ("quantity", "count") else None
    if left_out:
        as_written, reading = _comma_reading(value, written, decimal)
        if reading:
            return f"{as_written} does not appear in the quote, which states {left_out}{reading}"
        return f"{written} does not appear in the quote, which states {left_out}: write the value's scale word"
    if written and candidates & stated:
        # A range's high end must stand in the quote too ("US$4,500-9,900" against "between
        # US$4,500 and US$6,000").
        high = range_high(value, decimal)
        high_written, high_candidates = value_numbers(high, decimal) if high else ("", frozenset())
        if not high_written or high_candidates & stated:
            return None
        written, candidates = high_written, high_candidates
    if not written:
        return None
    # Thousands separators from five digits: a year reads 2024, not 2,024.
    shown = ", ".join(f"{n:,.12g}" if abs(n) >= 10_000 else f"{n:.12g}" for n in sorted(stated)[:6]) or "no numbers"
    swapped = [number for number in transpositions(written.replace(",", "")) if number in stated]
    if swapped:  # "4,696,636" where the quote says "4,696,663"
        return f"{written} does not appear in the quote, which states {swapped[0]:,.12g}: a digit transposition?"
    as_written, reading = _comma_reading(value, written, decimal)
    return f"{as_written} does not appear in the quote (it states {shown}){reading}; {_INFERRED}"


_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])")


def _comma_reading(value: str, written: str, decimal: str) -> tuple[str, str]:
    """Where a value in a text whose decimal mark is the comma writes its number with a
    thousands comma ("4,150" for 4150): the number as the value writes it, and how it reads
    there (a little over four); else the number as read, and ''."""
    found = _COMMA_THOUSANDS.search(value) if decimal == "," else None
    if found is None:
        return written, ""
    whole = found.group(0).replace(",", "")
    return found.group(0), (
        f"; in this source, whose decimal mark is the comma, '{found.group(0)}' is a decimal (about "
        f"{float(written.replace(',', '')):.0f}), not {whole}: write {whole} or {found.group(0).replace(',', '.')}"
    )


# Where a date without its year lies from the text's publication, by the claim's modality:
# a plan, target or forecast ahead; a figure or event the text reports, behind.
_TENSES = {"plan": "ahead", "target": "ahead", "forecast": "ahead", "actual": "past", "estimate": "past"}
_INFERRED = "mark the claim inferred=yes with a note if it is read from context"


# A plan the text tells as past: what was scheduled, had been planned, was originally due.
_PAST_PLAN = LazyPattern(
    r"\b(?:originally|initially|previously|had\s+(?:been\s+)?(?:scheduled|planned|due|set|expected|slated)|"
    r"(?:was|were)\s+(?:originally\s+)?(?:scheduled|planned|due|set|expected|slated))\b",
    re.IGNORECASE,
)
_WEEKDAY_IN_QUOTE = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|\.)?\b", re.IGNORECASE
)
_RELATIVE_YEAR = {"last year": -1, "this year": 0, "next year": 1}
_LAST_OR_NEXT_MONTH = re.compile(rf"\b(last|next)\s+({MONTH_WORD})", re.IGNORECASE)


# An event a text reports as done may lie this far after its publication (a date given
# for the coming weeks); the same grace as future-figure's.
_REPORTED_GRACE = datetime.timedelta(days=31)


def _dateline_years(published: str, month: str, day: str, quote: str = "", tense: str = "") -> tuple[int, ...]:
    """The years a reader may give a day and month the quote writes without one, the
    likeliest first: the year the quote names ("Oct. 30 last year"), else the one whose
    calendar has the quote's weekday on that day ("Tuesday, December 10") and the one its
    tense gives (a weekday that fits only another year is the text's slip, which
    date-weekday reports); by tense, the first on or after the publication for a planned
    date (``tense`` "ahead"), the last on or before it, within a month, for a date a text
    reports as done ("past": "raised the royalty in April", in October, is last April),
    else the nearest the publication. Empty without a publication date given at least to
    the month."""
    found = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", published or "")
    if not found:
        return ()
    issued = datetime.date(int(found.group(1)), int(found.group(2)), int(found.group(3) or 15))
    relative = re.search(r"\b(last|this|next) year\b", quote, re.IGNORECASE)
    if relative:
        return (issued.year + _RELATIVE_YEAR[relative.group(0).lower()],)
    # "Last July" is the latest July before the text's month, "next March" the first after.
    for found_month in _LAST_OR_NEXT_MONTH.finditer(quote):
        if _month_number(found_month.group(2)) == int(month):
            if found_month.group(1).lower() == "last":
                return (issued.year if int(month) < issued.month else issued.year - 1,)
            return (issued.year if int(month) > issued.month else issued.year + 1,)
    candidates = []
    for year in (issued.year - 1, issued.year, issued.year + 1):
        try:
            candidates.append((datetime.date(year, int(month), int(day or 15)), year))
        except ValueError:  # 29 February of a common year
            continue
    if not candidates:
        return ()
    by_tense = min(candidates, key=lambda candidate: abs((candidate[0] - issued).days))[1]
    also: tuple[int, ...] = ()
    if tense == "ahead":
        # A plan's date may have just passed ("was due to expire on March 31", in April).
        later = [year for date, year in candidates if date >= issued - _REPORTED_GRACE]
        by_tense = later[0] if later else by_tense
        if _PAST_PLAN.search(quote):  # "had originally been scheduled for November 19": a plan of the past
            also = tuple(year for date, year in candidates if date <= issued + _REPORTED_GRACE)[-1:]
    elif tense == "past":
        earlier = [year for date, year in candidates if date <= issued + _REPORTED_GRACE]
        by_tense = earlier[-1] if earlier else by_tense
    if day:
        named = {weekday_number(m.group(1)) for m in _WEEKDAY_IN_QUOTE.finditer(quote)} | {
            weekday_number(word) for word in _WEEKDAY_ALONE.findall(quote)
        }
        fitting = [year for date, year in candidates if date.weekday() in named]
        if len(named) == 1 and len(fitting) == 1:
            return tuple(dict.fromkeys((fitting[0], by_tense, *also)))
    return tuple(dict.fromkeys((by_tense, *also)))


# Wire style dates an event of the week around the dateline by its weekday alone ("at 4:47
# p.m. on Tuesday"), or as yesterday, today or tomorrow.
# (In English or in the languages whose weekdays texts.py reads: "am Montag", "lundi".)
_WEEKDAY_ALONE = re.compile(rf"(?<!\w)({WEEKDAY_WORD})(?!\w)", re.IGNORECASE)
_RELATIVE_DAY = re.compile(r"\b(yesterday|today|tonight|tomorrow)\b", re.IGNORECASE)
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
# "Since last Thursday" in a Thursday's story is a week before it, never the day itself.
_LAST_WEEKDAY = re.compile(r"\blast\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_LAST_WEEK = range(-7, 0)


def _weekday_reading(quote: str, published: str, tense: str) -> str:
    """The day a quote that names one weekday and no day of the month means, by the
    publication ("Wednesday is 2025-07-09"), or ''."""
    found = re.match(r"^(\d{4})-(\d{2})-(\d{2})", published or "")
    named = {word.lower() for word in _WEEKDAY_ALONE.findall(quote)}
    if not found or len({weekday_number(word) for word in named}) != 1 or days_in(quote):
        return ""
    issued = datetime.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    weekday = weekday_number(next(iter(named)))
    window = range(0, 7) if tense == "ahead" else _LAST_WEEK if _LAST_WEEKDAY.search(quote) else range(-6, 1)
    days = [issued + datetime.timedelta(days=offset) for offset in window]
    day = next(day for day in days if day.weekday() == weekday)
    return f"{next(iter(named)).capitalize()} is {day.isoformat()}"


def _dated_by_weekday(year: int, month: int, day: int, quote: str, published: str, tense: str) -> bool:
    """Whether a quote that gives no month dates the day by its weekday, as wire copy does
    for the week around its dateline: the weekday named falls on that day, which lies in
    the six days before the publication (or on it), or for a planned date (``tense``
    "ahead") in the six after (or before, for a plan the quote tells as past: "had been due
    to end on Tuesday"); or the quote says yesterday, today or tomorrow of it."""
    found = re.match(r"^(\d{4})-(\d{2})-(\d{2})", published or "")
    if not found:
        return False
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return False
    issued = datetime.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    offset = (date - issued).days
    if any(_RELATIVE_DAYS[word.lower()] == offset for word in _RELATIVE_DAY.findall(quote)):
        return True
    window = range(0, 7) if tense == "ahead" else _LAST_WEEK if _LAST_WEEKDAY.search(quote) else range(-6, 1)
    if tense == "ahead" and _PAST_PLAN.search(quote):  # "had been due to end on Tuesday": a plan of the past days
        window = range(-6, 7)
    named = {weekday_number(word) for word in _WEEKDAY_ALONE.findall(quote)}
    return offset in window and date.weekday() in named


# The middle month of EDTF's divisions of a year (seasons 21–24, quarters 33–36, halves
# 40–41): "the third quarter" without its year takes the year the dateline gives that month.
_DIVISION_MONTH = {21: 4, 22: 7, 23: 10, 24: 12, 33: 2, 34: 5, 35: 8, 36: 11, 40: 3, 41: 9}


_BEFORE_DAY = re.compile(r"\b(?:before|prior\s+to)\b", re.IGNORECASE)
_AFTER_DAY = re.compile(r"\bafter\b", re.IGNORECASE)


def _day_beside(day: int, quote: str, stated: frozenset[float]) -> bool:
    """Whether the quote gives the day next to ``day`` as the bound a tagger shifts by one:
    "before October 31" is on or before 30 October (`../2025-10-30`), "after 9 May" from 10
    May (`2001-05-10/..`)."""
    return (float(day + 1) in stated and bool(_BEFORE_DAY.search(quote))) or (
        float(day - 1) in stated and bool(_AFTER_DAY.search(quote))
    )


def _date_part_missing(
    value: str, quote: str, stated: frozenset[float], published: str = "", tense: str = ""
) -> str | None:
    """The first part of a date value (year, month, day, season…) its quote does not state:
    months in words (English, Russian; a Solar Hijri date's by their Dari or Persian names),
    and dates in digits ("16.05.2025") count. A day and month without a year ("on Tuesday,
    June 3") state the year a reader takes from the dateline: the one that puts the day
    nearest the text's publication."""
    solar_hijri = value.rstrip().upper().endswith("SH")
    for year, month, day in _DATE_PARTS.findall(edtf_codes(value)):
        if (
            not solar_hijri
            and day
            and int(month) <= 12
            and int(day) not in days_in(quote)
            and _dated_by_weekday(int(year), int(month), int(day), quote, published, tense)
        ):
            continue  # "on Tuesday", a week from the dateline at most: the day the reader takes
        if float(year) not in stated:
            readings = (
                ()
                if solar_hijri or not month or (int(month) > 12 and int(month) not in _DIVISION_MONTH)
                else _dateline_years(published, str(_DIVISION_MONTH.get(int(month), month)), day, quote, tense)
            )
            if int(year) not in readings:
                hint = (
                    f" (without one, the quote's date reads as {readings[0]}, by the text's publication)"
                    if readings
                    else ""
                )
                return f"year {year}{hint}"
        if month and int(month) > 12:  # an EDTF season, quarter or half year: stated in words
            label, pattern = sub_year(int(month))
            if not re.search(pattern, quote, re.IGNORECASE):
                return label
            continue
        if (
            month
            and float(month) not in stated
            and int(month) not in months_in(quote, solar_hijri)
            and (int(year), int(month)) not in _months_named_relative(quote, published)
            and int(month) not in _week_of(quote)[1]
        ):
            return f"month {month}"
        if (
            day
            and float(day) not in stated
            and int(day) not in days_in(quote)
            and not _day_beside(int(day), quote, stated)
            and not _month_end(int(year), int(month), int(day), quote)
            and not _half_month(int(year), int(month), int(day), quote)
            and not _mid_or_first(int(month), int(day), quote)
            and not (
                re.search(r"\bthe\s+end\s+of\s+the\s+month\b", quote, re.IGNORECASE)
                and (int(year), int(month)) in _months_named_relative(quote, published)
                and _month_end(int(year), int(month), int(day), f"end of {MONTHS[int(month) - 1]}")
            )
        ):
            return f"day {int(day)}"
    clock = _VALUE_TIME.search(value)
    if clock and not _time_stated(int(clock.group(1)), int(clock.group(2)), quote):
        return f"time {clock.group(1)}:{clock.group(2)}"
    return None


_END_OF = LazyPattern(rf"\bend(?:\s+of|-)\s*({MONTH_WORD})", re.IGNORECASE)
# The end of a month in German, French, Spanish, Portuguese and Italian copy.
_END_OF_ABROAD = LazyPattern(
    r"\b(?:ende|fin|finales\s+de|fines\s+de|fin\s+de|final\s+de|fim\s+de|fine|alla\s+fine\s+di)\s+(\w+)",
    re.IGNORECASE,
)
_END_OF_YEAR = LazyPattern(
    r"\b(?:end(?:\s+of|-)\s*(?:the\s+year\b|(?:19|20)\d\d)|year[\s-]?end|"
    r"(?:ende|eind|fin|fine|fim|finales|final)(?:\s+(?:de|del|di|van))?\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


_RELATIVE_MONTH = re.compile(r"\b(last|this|next|the\s+end\s+of\s+the)\s+month\b(?!['’]s)", re.IGNORECASE)


def _months_named_relative(quote: str, published: str) -> set[tuple[int, int]]:
    """The months (year, month) "last month", "this month" and "next month" name in a text
    published on ``published`` (ISO date): "last month" in a story of 6 June is May."""
    if not published[:7] or not _RELATIVE_MONTH.search(quote):
        return set()
    try:
        year, month = int(published[:4]), int(published[5:7])
    except ValueError:
        return set()
    named = set()
    for found in _RELATIVE_MONTH.finditer(quote):
        shift = {"last": -1, "this": 0, "next": 1}.get(found.group(1).lower(), 0)  # "the end of the month": this
        index = year * 12 + month - 1 + shift
        named.add((index // 12, index % 12 + 1))
    return named


def _month_end(year: int, month: int, day: int, quote: str) -> bool:
    """Whether ``day`` is the last of its month and the quote says "the end of" that month
    ("by the end of June", tagged ../2025-06-30), or of the year for 31 December ("by the
    end of 2026", "by year-end")."""
    if (
        not 1 <= month <= 12
        or (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day != day
    ):
        return False
    if month == 12 and _END_OF_YEAR.search(quote):
        return True
    if any(month in months_in(found.group(1)) for found in _END_OF_ABROAD.finditer(quote)):
        return True  # "Ende Juni", "fin juin", "a finales de junio", "fine giugno"
    return any(_month_number(found.group(1)) == month for found in _END_OF.finditer(quote))


# "The second half of March", "la segunda quincena de marzo", "la première quinzaine de
# mai": the 1st to the 15th, or the 16th to the month's end.
_HALF_MONTH = LazyPattern(
    rf"\b(first|second|1st|2nd)\s+half\s+of\s+({MONTH_WORD})|"
    r"\b(primera|segunda|primeira|première|premiere|deuxième|deuxieme|seconde)\s+(?:quincena|quinzena|quinzaine)"
    r"\s+(?:de\s+|d')?(\w+)",
    re.IGNORECASE,
)
_FIRST_HALF_WORDS = ("first", "1st", "primera", "primeira", "première", "premiere")


def _half_month(year: int, month: int, day: int, quote: str) -> bool:
    """Whether ``day`` begins or ends the half of its month the quote names: the 1st or the
    15th of "the first half of March", the 16th or the last of its second half."""
    if not 1 <= month <= 12:
        return False
    last = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    for found in _HALF_MONTH.finditer(quote):
        english, english_month, other, other_month = found.groups()
        named = _month_number(english_month) if english_month else next(iter(months_in(other_month)), 0)
        if named != month:
            continue
        if (english or other).lower() in _FIRST_HALF_WORDS:
            if day in (1, 15):
                return True
        elif day in (16, last):
            return True
    return False


# "Mid-January", "mi-janvier", "Mitte Januar", "mediados de enero": the 10th to the 20th;
# "primo maggio", "premier mai", "primero de mayo": the 1st.
_MID_MONTH = LazyPattern(
    r"\b(?:mid[-\s]?|mi-|mitte\s+|mediados\s+de\s+|meados\s+de\s+|metà\s+(?:di\s+)?)([^\W\d_]+)", re.IGNORECASE
)
_FIRST_OF_MONTH = LazyPattern(r"\b(?:primo|premier|primero|primeiro)\s+(?:(?:de|di)\s+)?([^\W\d_]+)", re.IGNORECASE)
MID_MONTH_DAYS = range(10, 21)


def _mid_or_first(month: int, day: int, quote: str) -> bool:
    """Whether the quote names ``day`` of ``month`` as its middle (the 10th to the 20th) or
    its first day in words."""
    if day in MID_MONTH_DAYS and any(month in months_in(found.group(1)) for found in _MID_MONTH.finditer(quote)):
        return True
    return day == 1 and any(month in months_in(found.group(1)) for found in _FIRST_OF_MONTH.finditer(quote))


_VALUE_TIME = re.compile(r"T(\d{2}):(\d{2})")
_WEEKEND_OF = re.compile(
    rf"\bweekend\s+of\s+(?:(?:{MONTH_WORD})\s+(\d{{1,2}})\b|(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_WORD}))",
    re.IGNORECASE,
)
_WEEK_OF = re.compile(
    rf"\bweek\s+(?:of|beginning|starting)\s+(?:({MONTH_WORD})\s+(\d{{1,2}})\b|(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_WORD}))",
    re.IGNORECASE,
)


def _week_of(quote: str) -> tuple[set[float], set[int]]:
    """The days "the week of 28 April" states (the 28th and the six days after it, into the
    next month where it runs on: the 1st to the 4th of May), and the months it runs into."""
    days: set[float] = set()
    months: set[int] = set()
    for month_before, after, before, month_after in _WEEK_OF.findall(quote):
        first, month = int(after or before), _month_number(month_before or month_after)
        length = calendar.monthrange(2024 if month == 2 else 2025, month)[1]
        days |= {float(day if day <= length else day - length) for day in range(first, first + 7)}
        if first + 6 > length:
            months.add(month % 12 + 1)
    return days, months


_WEEK_ORDINALS = ("first", "second", "third", "fourth")
_WEEK_OF_MONTH = re.compile(rf"\b({'|'.join(_WEEK_ORDINALS)})\s+week\s+of\s+(?:{MONTH_WORD})", re.IGNORECASE)
# A time of day with its day: the day, the hour and the minute.
_TIMED_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})")
# A value at the first minute of a day: the midnight that ends the day before.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00(?::00)?(?:Z|[+-]\d{2}:\d{2})?$")
# A time of day as texts write it: "21:40", "9.40am", "9:40 p.m.", "10am", "0940 GMT",
# "2115H" (the military and Philippine government style), "noon", "midnight".
_QUOTE_TIME = LazyPattern(
    r"(?<![\d.,:])(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?)?(?![\d])|(?<!\d)([01]\d|2[0-3])([0-5]\d)\s*(?:GMT|UTC|hrs|hours|local|H)\b|\b(noon|midday|midnight)\b",
    re.IGNORECASE,
)


def _time_stated(hour: int, minute: int, quote: str) -> bool:
    """Whether the quote states the time of day hour:minute, in 24 or 12 hours."""
    for found in _QUOTE_TIME.finditer(quote):
        if found.group(6):
            if (hour, minute) == ((0, 0) if found.group(6).lower() == "midnight" else (12, 0)):
                return True
            continue
        if found.group(4):
            if (int(found.group(4)), int(found.group(5))) == (hour, minute):
                return True
            continue
        said_hour, said_minute, half = int(found.group(1)), found.group(2), (found.group(3) or "").lower()
        if not (said_minute or half) or (int(said_minute or 0) != minute) or said_hour > 23:
            continue  # a bare number is no time of day
        if half.startswith("a") and said_hour % 12 == hour and hour < 12:
            return True
        if half.startswith("p") and said_hour % 12 + 12 == hour:
            return True
        if not half and (said_hour == hour or said_hour == hour - 12):
            return True
    return False


# Units a tagger may misread for another of the same family: a dose in micrograms tagged
# in milligrams, kilometres tagged as miles. Each spelling's family and canonical name.
_UNIT_FAMILIES = {
    "µg": ("mass", "µg"), "μg": ("mass", "µg"), "mcg": ("mass", "µg"), "ug": ("mass", "µg"),
    "microgram": ("mass", "µg"), "micrograms": ("mass", "µg"),
    "mg": ("mass", "mg"), "milligram": ("mass", "mg"), "milligrams": ("mass", "mg"),
    "g": ("mass", "g"), "gram": ("mass", "g"), "grams": ("mass", "g"),
    "kg": ("mass", "kg"), "kilogram": ("mass", "kg"), "kilograms": ("mass", "kg"), "kilo": ("mass", "kg"),
    "kilos": ("mass", "kg"),
    "km": ("length", "km"), "kilometre": ("length", "km"), "kilometres": ("length", "km"),
    "kilometer": ("length", "km"), "kilometers": ("length", "km"),
    "mi": ("length", "mi"), "mile": ("length", "mi"), "miles": ("length", "mi"),
    "kwh": ("energy", "kWh"), "mwh": ("energy", "MWh"), "gwh": ("energy", "GWh"), "twh": ("energy", "TWh"),
    "kw": ("power", "kW"), "mw": ("power", "MW"), "gw": ("power", "GW"),
    "ml": ("volume", "ml"), "millilitre": ("volume", "ml"), "millilitres": ("volume", "ml"),
    "l": ("volume", "l"), "litre": ("volume", "l"), "litres": ("volume", "l"), "liter": ("volume", "l"),
    "liters": ("volume", "l"),
}  # fmt: skip
_UNIT_WORD = "|".join(sorted((re.escape(word) for word in _UNIT_FAMILIES), key=len, reverse=True))
_VALUE_UNIT = LazyPattern(
    rf"^[^\d]*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?:(?:thousand|million|billion|bn|m)\b)?\s*(?P<unit>{_UNIT_WORD})\b",
    re.IGNORECASE,
)
MISREAD_UNITS = re.compile(rf"\d\s*(?:{_UNIT_WORD})\b", re.IGNORECASE)  # which values the check reads


def unit_misread(value: str, quote: str) -> str | None:
    """When the quote gives the value's number in another unit of the same family ("200
    mcg" tagged "200 mg", "12 km" tagged "12 miles") and never in the value's own: the
    problem, else None."""
    found = _VALUE_UNIT.compiled.match(value)
    if not found:
        return None
    family, unit = _UNIT_FAMILIES[found.group("unit").lower()]
    number = re.escape(found.group("number")).replace(",", ",?")
    near = re.finditer(
        rf"(?<![\d.]){number}(?![\d])\s*(?:(?:thousand|million|billion|bn|m)\b)?[\s-]*(?P<unit>{_UNIT_WORD})\b",
        quote,
        re.IGNORECASE,
    )
    given = [_UNIT_FAMILIES[match.group("unit").lower()] for match in near]
    others = [name for kind, name in given if kind == family and name != unit]
    if not others or any(kind == family and name == unit for kind, name in given):
        return None
    return f"the quote gives {found.group('number')} {others[0]}, not {unit}: a unit misread?"
