"""The columns derived from parsed values: the time a figure covers (periods and spans), a
stated weekday, relations to other periods or topics, values through densities, and
yearly amounts of rates."""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd

from checker import dates, quantities
from checker.columns import map_unique
from checker.densities import amount_of, is_rate
from checker.errors import ParseError, Problem
from checker.names import Resolver
from checker.numbers import relation_qualifier
from checker.references import flagged, problem, suggest
from checker.texts import WEEKDAY_HINT, stated_weekday

RELATIONS = ("ratio", "change", "increase", "decrease", "since")


_RATIO = re.compile(r"^[x×*]\s*(\d+(?:\.\d+)?)$", re.IGNORECASE)


_CHANGE = re.compile(r"^([+-]\s*\d+(?:\.\d+)?)\s*(?:%|per\s*cent|pct|pc)$", re.IGNORECASE)
# A change of a percentage in points: "+0.5 pp", "-25 bp", "+1.2 percentage points".
_POINTS = re.compile(
    r"^([+-]\s*\d+(?:\.\d+)?)\s*(pp|ppts?|percentage[\s-]points?|bps?|basis[\s-]points?)$", re.IGNORECASE
)
# A change stated as an amount, once its qualifier is read: "+US$300 million", "-1.1 TWh",
# "+120,000 t" (a sign, then a number with its unit or currency); never a percentage or
# points, which are a change of their own kind.
_AMOUNT = re.compile(r"^[+\-\u2212]\s*[^\d\s]{0,4}\s*\d")
_NOT_AMOUNT = re.compile(r"%|per\s*cent|\bpct\b|\d\s*pc\b|\bpp\b|\bppts?\b|\bbps?\b|\bpoints?\b|^[x×*]", re.IGNORECASE)


def amount_relation(text: str) -> bool:
    """Whether a relation (its qualifier read off) is a change stated as an amount."""
    return bool(_AMOUNT.match(text)) and not _NOT_AMOUNT.search(text)


def periods(claims: pd.DataFrame, sources: pd.DataFrame, problems: list[Problem]) -> None:
    parsed, errors = dates.parse_periods(claims["period"], _year_start(claims))
    for row in flagged(claims, claims.index.isin(errors.index)):
        problem(problems, row, "period", errors[row.Index])
    published = sources.drop_duplicates("id").set_index("id")
    default_start = claims["source"].map(published["published_start"]) if len(published) else np.nan
    default_end = claims["source"].map(published["published_end"]) if len(published) else np.nan
    empty = claims["period"] == ""
    claims["period_start"] = parsed["start"].where(~empty, default_start).astype(float)
    claims["period_end"] = parsed["end"].where(~empty, default_end).astype(float)
    claims["period_last_start"] = parsed["last_start"].where(~empty, default_start).astype(float)
    claims["period_first_end"] = parsed["first_end"].where(~empty, default_end).astype(float)
    precision = parsed["precision"].astype("category")  # a handful of values: kept as codes
    if "publication" not in precision.cat.categories:
        precision = precision.cat.add_categories(["publication"])
    claims["period_precision"] = precision.where(~empty, "publication")
    claims["undated"] = empty.to_numpy(dtype=bool)
    claims["published_end"] = pd.Series(default_end, index=claims.index, dtype=float) if len(published) else np.nan
    needs_time = claims["kind"].isin(("quantity", "count", "status"))
    for row in flagged(claims, needs_time & empty & claims["period_start"].isna()):
        problem(problems, row, "period", "no period, and the source has no publication date to fall back on")


def _year_start(claims: pd.DataFrame, rows: pd.Index | None = None) -> np.ndarray:
    """The month each claim's topic's years begin (fiscal years), NaN for none; of
    ``rows`` only, when given."""
    if "year_start" not in claims:
        return np.full(len(claims) if rows is None else len(rows), np.nan)
    column = claims["year_start"] if rows is None else claims["year_start"].loc[rows]
    return column.to_numpy(dtype=float)


def spans(claims: pd.DataFrame) -> None:
    """What time a figure covers, by its topic's aggregation, as three day numbers.

    A flow or a stock covers its period, [start, end). A cumulative total counts from its
    period's explicit start (the start of an interval: '2022-07/2024-05-02'), or from the
    topic's beginning (-inf) when the period is one date, up to an as-of instant that lies
    somewhere in the period's last side: at the earliest ``span_inner_end``, at the latest
    ``span_outer_end``. A figure certainly covers less than another when its span lies
    inside the other's whatever the instants; two figures cover the same time when all
    three numbers are equal.

    A status over an interval certainly holds from ``span_start`` to ``span_inner_end``:
    from the last day its first side can mean to the first day its last side can mean (a
    side given to the day is that day), so that "listed 2022-03/2025-05-02" and "delisted
    2025-05/2025-07-11" do not certainly overlap; the period stays the outer bounds."""
    cumulative = (claims["aggregation"] == "cumulative").to_numpy()
    start = claims["period_start"].to_numpy(dtype=float)
    explicit_start = (claims["period_precision"] == "interval").to_numpy() & np.isfinite(start)
    claims["span_start"] = np.where(cumulative & ~explicit_start, -np.inf, start)
    claims["span_inner_end"] = np.where(
        cumulative, claims["period_last_start"].to_numpy(dtype=float), claims["period_end"].to_numpy(dtype=float)
    )
    claims["span_outer_end"] = claims["period_end"].to_numpy(dtype=float)
    # A status holds over its period; over an interval whose sides are imprecise it holds
    # certainly only from the first side's last day to the last side's first ("delisted
    # 2025-05/2025-07-11": from 31 May at the latest), and at least on that last day.
    status = (claims["kind"] == "status").to_numpy() & (claims["period_precision"] == "interval").to_numpy()
    if status.any():
        last_start = claims["period_last_start"].to_numpy(dtype=float)[status]
        period_end = claims["period_end"].to_numpy(dtype=float)[status]
        latest_start = np.minimum(
            np.maximum(start[status], claims["period_first_end"].to_numpy(dtype=float)[status] - 1), last_start
        )
        span_start = claims["span_start"].to_numpy(dtype=float).copy()
        span_inner_end = claims["span_inner_end"].to_numpy(dtype=float).copy()
        span_start[status] = latest_start
        span_inner_end[status] = np.minimum(period_end, last_start + 1)
        claims["span_start"], claims["span_inner_end"] = span_start, span_inner_end
    # An as-of instant known to the minute or second, rather than a day or longer.
    claims["asof_timed"] = cumulative & ((claims["span_outer_end"] - claims["span_inner_end"]) < 1).to_numpy()


def weekdays(claims: pd.DataFrame) -> None:
    """The weekday a quote writes next to the day its claim is about (Monday = 0), or -1:
    a date claim's date, any other claim's period when it is one day ("by Sunday 18 March
    the count stood at 1,250"), or the first or last day of its period ("in the week to
    Saturday, March 9"): the weekday plus 7 when read against the period's last day."""
    claims["stated_weekday"] = np.full(len(claims), -1, dtype=np.int8)
    # The quotes are searched only for the claims about one day or a span of days, not the
    # whole column.
    is_date = (claims["kind"] == "date").to_numpy()
    precision = claims["period_precision"]
    one_day = precision.isin(("day", "minute", "second")).to_numpy()
    dated = is_date & (claims["date_precision"] == "day").to_numpy()
    # A date with its time of day, read on its local day: the day as written without a zone
    # or in UTC ("Saturday, August 9, 2:38 p.m."), the day its offset names with one
    # ("6:15 p.m. Eastern time on Sunday, Oct. 18", 18:15-04:00: the 18th).
    timed = is_date & claims["date_precision"].isin(("minute", "second")).to_numpy()
    dated |= timed
    spans = ~is_date & (precision == "interval").to_numpy() & np.isfinite(claims["period_end"].to_numpy(dtype=float))
    dated |= ~is_date & one_day
    quotes = claims.loc[dated | spans, "quote"]
    quotes = quotes[quotes.str.contains(WEEKDAY_HINT.pattern, regex=True).to_numpy()]  # a pattern Arrow runs
    if not len(quotes):
        return
    chosen = claims.loc[quotes.index]
    first = dates.local_days(chosen)
    last = chosen["period_end"].to_numpy(dtype=float) - 1
    interval = spans[claims.index.get_indexer(quotes.index)]
    found = []
    not_a_date = ~is_date[claims.index.get_indexer(quotes.index)]
    for quote, day, end, over, figure in zip(quotes, first, last, interval, not_a_date):
        weekday = stated_weekday(quote, day)
        if figure and weekday >= 0 and _a_year_earlier(quote, day, weekday):
            # "86,000 t by Saturday 13 December, 60 % more than the 53,800 t at the same point
            # last year": the weekday is of this year's day, the figure of last year's.
            weekday = -1
        if weekday < 0 and over and end != day:
            weekday = stated_weekday(quote, end)
            weekday = weekday + 7 if weekday >= 0 else -1
        found.append(weekday)
    claims.loc[quotes.index, "stated_weekday"] = np.array(found, dtype=np.int8)


# A figure a quote gives for the same day a year before the day it dates ("at the same
# point last year", "un año antes", "im Vorjahr").
_YEAR_EARLIER = re.compile(
    r"\b(?:last\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+(?:year|previous\s+year)\s+before|"
    r"año\s+(?:pasado|anterior)|un\s+año\s+antes|ano\s+(?:passado|anterior)|l['’]an(?:née)?\s+(?:dernière|dernier|"
    r"précédente)|vorjahr|vergangenen\s+jahr|anno\s+(?:scorso|precedente)|vorig\s+jaar)",
    re.IGNORECASE,
)


def _a_year_earlier(quote: str, day: float, weekday: int) -> bool:
    """Whether a figure's weekday is the quote's date's a year on, in a quote that gives
    the figure for a year before it."""
    if not _YEAR_EARLIER.search(quote) or not np.isfinite(day):
        return False
    date = dt.date.fromordinal(int(day))
    try:
        later = date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return False
    return later.weekday() == weekday % 7 != date.weekday()


def relations(
    claims: pd.DataFrame,
    topic_resolver: Resolver,
    topic_table: pd.DataFrame,
    problems: list[Problem],
    amounts: dict | None = None,
) -> None:
    """Read each stated relation: its kind, its factor (a ratio or change as a factor, a
    change in points or as an amount in base units, with the amount's half width from
    ``amounts``, which normalisation read as values: label → (amount, half)) and the period
    or date topic it refers to."""
    amounts = amounts or {}
    claims["relation_kind"] = ""
    claims["relation_factor"] = np.nan
    claims["relation_half"] = np.nan
    claims["relative_start"] = np.nan
    claims["relative_end"] = np.nan
    claims["since_topic"] = ""
    related = claims.index[(claims["relation"] != "") | (claims["relative_to"] != "")]
    if len(related) == 0:
        return
    # The dates referred to, read on one column once (not "since", whose reference is a topic).
    # Only what is read, not the wide table.
    frame = claims.loc[related, ["file", "line", "kind", "relation", "relative_to", "decimal"]]
    dated = frame["relative_to"].where(frame["relation"].str.strip().str.lower() != "since", "")
    referred, date_errors = dates.parse_periods(dated, _year_start(claims, related))
    kinds, factors, halves, ref_starts, ref_ends, since_topics = [], [], [], [], [], []
    for row, ref_start, ref_end in zip(
        frame.itertuples(), referred["start"].to_numpy(), referred["end"].to_numpy()
    ):  # only claims that state a relation
        kind, factor, half, start, end, since = "", math.nan, math.nan, math.nan, math.nan, ""
        text = row.relation.strip()
        if text:
            _, text = relation_qualifier(text)  # "~-67%", ">x2": the rule reads the qualifier
            lowered = text.lower()
            # A number in the source's language: "+8,4%" in a German text is 8.4 %.
            text = text.replace(",", ".") if row.decimal == "," and not amount_relation(text) else text
            if match := _RATIO.match(text):
                kind, factor = "ratio", float(match.group(1))
            elif match := _CHANGE.match(text):
                kind, factor = "change", 1 + float(match.group(1).replace(" ", "")) / 100
            elif match := _POINTS.match(text):
                per_point = 1e-4 if match.group(2).lower().startswith(("b", "basis")) else 1e-2
                kind, factor = "points", float(match.group(1).replace(" ", "")) * per_point
            elif lowered in ("increase", "decrease", "since"):
                kind = lowered
            elif amount_relation(text):
                if row.Index in amounts:
                    kind, (factor, half) = "difference", amounts[row.Index]
                elif row.kind not in ("quantity", "count"):
                    problem(problems, row, "relation", "a change as an amount is for quantities and counts")
                # else the amount could not be read: normalisation said why
            else:
                problem(
                    problems,
                    row,
                    "relation",
                    f"'{row.relation.strip()}' is not a relation (x2, +16%, -5%, +0.5 pp, -25 bp, +US$300 million, "
                    "increase, decrease, since; with ~ or > before it: ~-67%, >x2)",
                )
            if kind == "since" and not row.relative_to:
                problem(problems, row, "relative_to", f"the relation '{text}' needs what it refers to")
            elif kind and not row.relative_to:
                # A change the text gives without its base ("cut by 50 basis points to 5.50 %",
                # the earlier level unsaid): accepted as written, with nothing to check it by.
                kind = ""
            elif kind == "since":
                resolution = topic_resolver.resolve(row.relative_to)
                if resolution.key is None or resolution.how in ("fuzzy", "ambiguous", "unknown"):
                    problem(
                        problems,
                        row,
                        "relative_to",
                        f"unknown topic '{row.relative_to}'{suggest('; '.join(resolution.candidates))}",
                    )
                elif topic_table.loc[resolution.key, "kind"] != "date":
                    problem(
                        problems,
                        row,
                        "relative_to",
                        f"'since' refers to a date topic; '{resolution.key}' is a {topic_table.loc[resolution.key, 'kind']} topic",
                    )
                else:
                    since = resolution.key
            elif kind:
                if row.Index in date_errors.index:
                    problem(problems, row, "relative_to", date_errors[row.Index])
                else:
                    start, end = float(ref_start), float(ref_end)
        elif row.relative_to:
            problem(problems, row, "relation", "relative_to is set but the relation is empty")
        kinds.append(kind)
        factors.append(factor)
        halves.append(half)
        ref_starts.append(start)
        ref_ends.append(end)
        since_topics.append(since)
    claims.loc[related, "relation_kind"] = kinds
    claims.loc[related, "relation_factor"] = np.asarray(factors, dtype=float)
    claims.loc[related, "relation_half"] = np.asarray(halves, dtype=float)
    claims.loc[related, "relative_start"] = np.asarray(ref_starts, dtype=float)
    claims.loc[related, "relative_end"] = np.asarray(ref_ends, dtype=float)
    claims.loc[related, "since_topic"] = since_topics


def densities(claims: pd.DataFrame) -> None:
    """For claims whose topic names a substance and whose dimension differs from the
    topic's, the value's bounds in the topic's base unit under each phase's density.

    Computed once per (unit, topic unit, substance, phase) with pint contexts, then
    applied to whole columns, so rules compare volume and mass without calling pint.
    """
    bounds = {
        f"{phase}_{side}": np.full(len(claims), np.nan) for phase in quantities.PHASES for side in ("low", "high")
    }
    has_substance = claims["substance"].fillna("") != ""
    chosen = np.flatnonzero((has_substance & claims["unit"].notna() & claims["topic_unit"].notna()).to_numpy())
    if len(chosen):
        keys = claims[["unit", "topic_unit", "substance"]].iloc[chosen]
        codes, uniques = pd.factorize(pd.MultiIndex.from_frame(keys))
        low, high = (claims[column].to_numpy(dtype=float)[chosen] for column in ("low", "high"))
        for code, (unit, topic_unit, substance) in enumerate(uniques):
            mine = codes == code
            for phase in quantities.PHASES:
                try:
                    factors = quantities.density_factors(unit, topic_unit, substance, phase)
                except ParseError:
                    factors = None
                if factors is not None:
                    bounds[f"{phase}_low"][chosen[mine]] = low[mine] * factors[0]
                    bounds[f"{phase}_high"][chosen[mine]] = high[mine] * factors[1]
    for column, values in bounds.items():
        claims[column] = values


def amounts(claims: pd.DataFrame) -> None:
    """Yearly amounts: a rate (t/year) becomes the amount of one year (t), so that a total
    can be compared with an annual figure. Amount columns mirror value columns."""
    per_year = quantities.seconds_per_year()

    # Dimensions are few: work out each once, then map the columns.
    for prefix in ("", "converted_"):
        dimension = claims[f"{prefix}dimension"]
        claims[f"{prefix}amount_dimension"] = map_unique(dimension, amount_of, categorical=True)
        if prefix:  # a conversion's amount is compared by its dimension only
            continue
        codes, uniques = pd.factorize(dimension, use_na_sentinel=False)
        per_unique = np.array([per_year if is_rate(d) else 1.0 for d in uniques] + [1.0])
        factor = per_unique[codes]
        for column in ("magnitude", "low", "high"):
            claims[f"amount_{column}"] = claims[column].to_numpy(dtype=float) * factor
