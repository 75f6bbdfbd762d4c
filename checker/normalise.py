"""Validate the corpus and build the one normalised claims table the rules work on.

Every value is parsed once per unique string (quantities, dates, names); problems are
collected for every row and column at once. The result has, per claim, its fields as
written, its canonical topic and entities, the value in base units with bounds, the time
intervals, and the file and line it came from.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from checker import contract, dates, quantities
from checker.corpus import Corpus
from checker.errors import ParseError, Problem
from checker.names import Resolver, normal_form, resolve_column, split_list
from checker.numbers import decimal_mark, known_language
from checker.tables import release_memory
from checker.texts import fold, months_in, numbers_in, stated_weekday, value_numbers

KINDS = ("quantity", "count", "date", "status")
MODALITIES = ("actual", "estimate", "forecast", "target", "plan", "agreement")
AGGREGATIONS = ("flow", "stock", "cumulative")
# Dimensions whose amounts add up over time by default (a flow); anything else — rates,
# durations, shares, head counts, plain counts — is a level (a stock) unless the topic says.
FLOW_DIMENSIONS = ("[mass]", "[length] ** 3", "[length] ** 2 * [mass] / [time] ** 2")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
RELATIONS = ("ratio", "change", "increase", "decrease", "since")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_RATIO = re.compile(r"^[x×*]\s*(\d+(?:\.\d+)?)$", re.IGNORECASE)
_CHANGE = re.compile(r"^([+-]\s*\d+(?:\.\d+)?)\s*%$")
_DATE_PARTS = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass
class Normalised:
    """What the rules and reports need: the claims table and the reference tables."""

    claims: pd.DataFrame
    sources: pd.DataFrame
    topics: pd.DataFrame
    entities: pd.DataFrame
    texts: dict
    text_files: dict
    problems: list[Problem] = field(default_factory=list)


def _as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    """A reference table with Python strings: its rows are walked with itertuples (to build
    resolvers, families and checks), and walking Arrow strings one by one is slow."""
    return frame.astype({column: object for column in frame.columns if isinstance(frame[column].dtype, pd.StringDtype)})


def _problem(problems: list[Problem], row, column: str, message: str) -> None:
    problems.append(Problem(row.file, int(row.line), column, message))


def _unique_ids(frame: pd.DataFrame, column: str, problems: list[Problem], file_column: str = "file") -> None:
    duplicated = frame[frame.duplicated(column, keep=False) & (frame[column] != "")]
    first: dict[str, tuple[str, int]] = {}
    for row in duplicated.itertuples():
        key = getattr(row, column)
        where = (getattr(row, file_column), int(row.line))
        if key not in first:
            first[key] = where
        else:
            problems.append(
                Problem(
                    where[0], where[1], column, f"duplicate {column} '{key}' (first at {first[key][0]}:{first[key][1]})"
                )
            )


def _check_sources(corpus: Corpus, problems: list[Problem]) -> pd.DataFrame:
    sources = _as_objects(corpus.sources)
    sources["table_file"] = sources.get("table_file", "claims/sources.csv")
    shown = sources.rename(columns={"file": "text_file"}).rename(columns={"table_file": "file"})
    _unique_ids(shown, "id", problems)
    ids = set(sources["id"])
    published, errors = dates.parse_dates(sources["published"])
    sources["published_start"] = published["start"]
    sources["published_end"] = published["end"]
    for row in shown.itertuples():
        if row.id and not _ID.match(row.id):
            _problem(problems, row, "id", "use letters, digits, '.', '_' and '-' only")
        if row.published in errors:
            _problem(problems, row, "published", errors[row.published])
        if row.cited_in and row.cited_in not in ids:
            _problem(problems, row, "cited_in", f"unknown source '{row.cited_in}'")
        if not row.text_file and not row.cited_in:
            _problem(
                problems, row, "file", "a source needs a text under seeds/ or a cited_in source whose text cites it"
            )
        if row.language and not known_language(row.language):
            _problem(problems, row, "language", f"'{row.language}' is not a language code (write e.g. en, ru, de, fa)")
        if row.dateline:
            text = corpus.texts.get(row.id)
            if text is not None and text.find(row.dateline) is None:
                _problem(problems, row, "dateline", "not found verbatim in the source text")
        if row.citation:
            citing = corpus.texts.get(row.cited_in) if row.cited_in else None
            if citing is None:
                _problem(problems, row, "citation", "a citation needs cited_in: the source whose text holds it")
            elif citing.find(row.citation) is None:
                score, line, _ = citing.closest(row.citation)
                _problem(
                    problems,
                    row,
                    "citation",
                    f"not found verbatim in {corpus.text_files.get(row.cited_in)} (closest passage at line {line}, similarity {score:.0f}%)",
                )
    return sources


def _check_topics(topics: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Validate the topics table on whole columns; Python runs only for rows with a problem."""
    topics = _as_objects(topics).rename(columns={"table_file": "file"})
    _unique_ids(topics, "key", problems)
    keys = set(topics["key"])
    topics["kind"] = topics["kind"].str.lower()

    def report(mask, column: str, message_of) -> None:
        for row in topics[mask].itertuples():
            _problem(problems, row, column, message_of(row))

    report(~topics["kind"].isin(KINDS + ("",)), "kind", lambda row: f"'{row.kind}' is not one of {', '.join(KINDS)}")
    numeric = topics["kind"].isin(("quantity", "count"))
    units: dict[str, tuple[float, str | None]] = {}
    unit_errors: dict[str, str] = {}
    for unit in pd.unique(topics.loc[numeric, "unit"]):
        try:
            units[unit] = quantities.display_factor(unit)
        except ParseError as error:
            unit_errors[unit] = str(error)
    report(numeric & topics["unit"].isin(unit_errors.keys()), "unit", lambda row: unit_errors[row.unit])
    report(
        ~numeric & (topics["unit"] != "") & topics["kind"].isin(KINDS),
        "unit",
        lambda row: f"a {row.kind} topic has no unit",
    )
    report(
        (topics["kind"] == "status") & (topics["states"].str.replace(";", "", regex=False).str.strip() == ""),
        "states",
        lambda row: "a status topic lists its allowed states",
    )
    tolerance = pd.to_numeric(topics["tolerance"], errors="coerce")
    report(
        (topics["tolerance"] != "") & ~tolerance.between(0, 10, inclusive="left"),
        "tolerance",
        lambda row: f"'{row.tolerance}' is not a relative tolerance (e.g. 0.02 for 2 %)",
    )
    report(
        (topics["substance"] != "") & ~topics["substance"].isin(quantities.DENSITIES.keys()),
        "substance",
        lambda row: f"no density known for '{row.substance}' (known: {', '.join(sorted(quantities.DENSITIES))})",
    )
    for column in ("part_of", "bounded_by"):
        target = topics[column]
        report(
            (target != "") & ~target.isin(keys),
            column,
            lambda row, column=column: f"unknown topic '{getattr(row, column)}'",
        )
        report((target != "") & (target == topics["key"]), column, lambda row: "a topic cannot refer to itself")
    known = numeric & topics["unit"].isin(units.keys())
    topics["factor"] = np.where(known, topics["unit"].map(lambda unit: units.get(unit, (math.nan, None))[0]), math.nan)
    topics["dimension"] = np.where(known, topics["unit"].map(lambda unit: units.get(unit, (math.nan, None))[1]), None)
    topics["tolerance_value"] = tolerance.where(tolerance.between(0, 10, inclusive="left"))
    topics["aggregation"] = topics["aggregation"].str.lower()
    report(
        (topics["aggregation"] != "") & ~topics["aggregation"].isin(AGGREGATIONS),
        "aggregation",
        lambda row: f"'{row.aggregation}' is not one of {', '.join(AGGREGATIONS)}",
    )
    report(
        (topics["aggregation"] != "") & ~numeric & topics["kind"].isin(KINDS),
        "aggregation",
        lambda row: f"a {row.kind} topic has no aggregation (only quantity and count topics do)",
    )
    default = np.where(
        topics["dimension"].isin(FLOW_DIMENSIONS) | topics["dimension"].fillna("").str.startswith("[currency_"),
        "flow",
        "stock",
    )
    topics["aggregation_value"] = np.where(
        topics["aggregation"].isin(AGGREGATIONS), topics["aggregation"], np.where(numeric, default, "")
    )
    rounding = topics["rounding"].map(_rounding)
    report(
        rounding.isna() & (topics["rounding"] != ""),
        "rounding",
        lambda row: (
            f"'{row.rounding}' is not a rounding: write a fraction or percentage (0.05, 5%), 'stated' or 'exact'"
        ),
    )
    topics["rounding_value"] = rounding.fillna(quantities.ROUNDING).astype(float)
    _check_sums(topics, keys, problems)
    _check_aliases(topics, "key", problems)
    return topics


def topic_families(topics: pd.DataFrame) -> dict[str, str]:
    """Each topic's family: the connected group of topics its part_of, bounded_by and
    sum_of links reach, named after the first key of the group. Rules compare claims
    only within a family (a figure can explain another only there)."""
    parent: dict[str, str] = {key: key for key in topics["key"] if key}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for row in topics.itertuples():
        if not row.key:
            continue
        for other in [row.part_of, row.bounded_by, *split_list(row.sum_of)]:
            if other in parent:
                first, second = sorted((root(row.key), root(other)))
                parent[second] = first
    return {key: root(key) for key in parent}


def _rounding(text: str) -> float | None:
    """A topic's rounding: the largest relative half-width of an unqualified round number
    (inf for 'stated', 0 for 'exact'); None when unreadable. Empty takes the default."""
    text = text.strip().lower()
    if not text:
        return quantities.ROUNDING
    if text == "stated":
        return math.inf
    if text == "exact":
        return 0.0
    match = _PERCENT.match(text)
    try:
        value = float(match.group(1)) / 100 if match else float(text)
    except ValueError:
        return None
    return value if 0 <= value <= 1 else None


def _check_sums(topics: pd.DataFrame, keys: set[str], problems: list[Problem]) -> None:
    """sum_of names known numeric topics other than itself, with the total's unit dimension."""
    info = {row.key: (row.kind, row.dimension) for row in topics.itertuples()}
    parts_of = {}
    for row in topics[topics["sum_of"] != ""].itertuples():
        parts = split_list(row.sum_of)
        parts_of[row.key] = parts
        if row.kind not in ("quantity", "count"):
            _problem(problems, row, "sum_of", f"a {row.kind} topic cannot be a sum")
            continue
        if len(parts) < 2:
            _problem(problems, row, "sum_of", "a sum needs at least two parts, separated by semicolons")
        for part in parts:
            if part not in keys:
                _problem(problems, row, "sum_of", f"unknown topic '{part}'")
            elif part == row.key:
                _problem(problems, row, "sum_of", "a topic cannot be a part of itself")
            elif info[part][0] not in ("quantity", "count"):
                _problem(problems, row, "sum_of", f"'{part}' is a {info[part][0]} topic, not a quantity")
            elif isinstance(row.dimension, str) and isinstance(info[part][1], str) and info[part][1] != row.dimension:
                _problem(
                    problems, row, "sum_of", f"'{part}' is measured in {info[part][1]}, the total in {row.dimension}"
                )


def _check_aliases(table: pd.DataFrame, key_column: str, problems: list[Problem]) -> None:
    """An alias naming two different keys would make resolution depend on row order."""
    owner: dict[str, str] = {normal_form(key): key for key in table[key_column]}
    for row in table[table["aliases"] != ""].itertuples():
        for alias in split_list(row.aliases):
            form = normal_form(alias)
            key = getattr(row, key_column)
            if owner.setdefault(form, key) != key:
                _problem(problems, row, "aliases", f"'{alias}' already names '{owner[form]}'")


def _check_entities(entities: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    entities = _as_objects(entities).rename(columns={"table_file": "file"})
    _unique_ids(entities, "key", problems)
    _check_aliases(entities, "key", problems)
    return entities


def resolvers(topics: pd.DataFrame, entities: pd.DataFrame) -> tuple[Resolver, Resolver]:
    topic_resolver = Resolver(
        {
            row.key: split_list(row.aliases) + ([row.label] if row.label else [])
            for row in topics.itertuples()
            if row.key
        }
    )
    entity_resolver = Resolver(
        {
            row.key: split_list(row.aliases) + ([row.label] if row.label else [])
            for row in entities.itertuples()
            if row.key
        }
    )
    return topic_resolver, entity_resolver


def _suggest(resolution_candidates: str) -> str:
    candidates = [c for c in resolution_candidates.split("; ") if c]
    return f" (did you mean {', '.join(repr(c) for c in candidates)}?)" if candidates else ""


def _quote_and_digits(
    claims: pd.DataFrame, corpus: Corpus, sources: pd.DataFrame, problems: list[Problem]
) -> pd.DataFrame:
    """Find each quote in its text; check the value's digits appear in the quote.

    Quotes are searched from where the previous quote of the same text was found (editors
    tag in reading order, so the search is linear in the text), falling back to the whole
    text. The digit check takes a column-wide shortcut — the number as written appears in
    the quote — and reads the quote's numbers only for the rest."""
    text_of = dict(zip(sources["id"], sources["id"]))
    text_of.update({row.id: row.cited_in for row in sources.itertuples() if not row.file and row.cited_in})
    starts = np.full(len(claims), -1, dtype=np.int64)
    ends = np.full(len(claims), -1, dtype=np.int64)
    text_ids = _map_unique(claims["source"], lambda source: text_of.get(source, ""))
    raw_quotes = claims["quote"].to_numpy(dtype=object)
    missing: list[int] = []
    for text_id, positions in pd.Series(np.arange(len(claims))).groupby(text_ids.to_numpy(), sort=False):
        text = corpus.texts.get(text_id)
        if text is None:
            continue
        raw_cursor = folded_cursor = 0
        original = text.text
        for position in positions.to_numpy():
            quote = raw_quotes[position].strip()
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
    for position in missing:
        row = claims.iloc[position]
        text_id = text_ids.iloc[position]
        score, line, passage = corpus.texts[text_id].closest(row["quote"])
        excerpt = passage if len(passage) <= 90 else passage[:87] + "…"
        problems.append(
            Problem(
                row["file"],
                int(row["line"]),
                "quote",
                f"not found in {corpus.text_files[text_id]}; closest passage at line {line} "
                f'(similarity {score:.0f}%): "{excerpt}"',
            )
        )
    checked = (
        (starts >= 0)
        & (claims["inferred"] != "yes").to_numpy()
        & claims["value_parsed"].to_numpy(dtype=bool)
        & (claims["kind"] != "status").to_numpy()
    )
    quotes = claims["quote"].to_numpy(dtype=object)
    kinds, files, lines, decimals = (claims[c].to_numpy() for c in ("kind", "file", "line", "decimal"))
    for column in ("value", "converted"):
        values = claims[column].to_numpy(dtype=object)
        # Shortcut: the value as written appears in the quote as a whole (not inside a
        # longer number); everything else is read number by number.
        stated = np.fromiter(
            (not value or _appears(value, quote) for value, quote in zip(values, quotes)), dtype=bool, count=len(values)
        )
        written: dict[tuple[str, str], str] = {}  # each distinct value's first number, read once
        for position in np.flatnonzero(checked & ~stated):
            value, decimal = values[position], decimals[position]
            if kinds[position] in ("quantity", "count"):
                # Second shortcut: the value's first number, as written, stands in the quote.
                number = written.get((value, decimal))
                if number is None:
                    number = written[(value, decimal)] = value_numbers(value, decimal)[0]
                if number and _appears(number, quotes[position]):
                    continue
            message = _digits_missing(value, quotes[position], kinds[position], decimal)
            if message:
                problems.append(Problem(files[position], int(lines[position]), column, message))
    return pd.DataFrame({"text_source": text_ids, "quote_start": starts, "quote_end": ends}, index=claims.index)


def _appears(value: str, quote: str) -> bool:
    at = quote.find(value)
    if at < 0:
        return False
    before = quote[at - 1] if at else " "
    after = quote[at + len(value)] if at + len(value) < len(quote) else " "
    return not (before.isdigit() or before in ".,") and not (
        after.isdigit() or (after in ".," and quote[at + len(value) + 1 : at + len(value) + 2].isdigit())
    )


def _digits_missing(value: str, quote: str, kind: str, decimal: str = ".") -> str | None:
    """None when every number of the value is stated in the quote; else the problem."""
    if not value or kind == "status":
        return None
    stated = numbers_in(quote, decimal)
    if kind == "date":
        for year, month, day in _DATE_PARTS.findall(value):
            if float(year) not in stated:
                return f"year {year} does not appear in the quote"
            if month and float(month) not in stated and int(month) not in months_in(quote):
                return f"month {month} does not appear in the quote"
            if day and float(day) not in stated:
                return f"day {int(day)} does not appear in the quote"
        return None
    written, candidates = value_numbers(value, decimal)
    if not written or candidates & stated:
        return None
    shown = ", ".join(f"{n:g}" for n in sorted(stated)[:6]) or "no numbers"
    return f"{written} does not appear in the quote (it states {shown}); mark the claim inferred=yes with a note if it is read from context"


def normalise(corpus: Corpus) -> Normalised:
    """Validate everything and build the normalised claims table."""
    problems = list(corpus.problems)
    sources = _check_sources(corpus, problems)
    topics = _check_topics(corpus.topics, problems)
    entities = _check_entities(corpus.entities, problems)
    claims = corpus.claims.copy()
    source_ids = set(sources["id"])

    for file, stem in claims[["file", "source"]].drop_duplicates().itertuples(index=False):
        if stem not in source_ids:
            problems.append(Problem(file, 0, "-", f"no source '{stem}' in the sources table for this claims file"))
    _unique_ids(claims, "id", problems)
    for row in claims[~claims["id"].str.match(_ID) & (claims["id"] != "")].itertuples():
        _problem(problems, row, "id", "use letters, digits, '.', '_' and '-' only")

    topic_resolver, entity_resolver = resolvers(topics, entities)
    resolved = resolve_column(claims["topic"], topic_resolver)
    claims["topic_input"] = claims["topic"]
    claims["topic"] = resolved["key"].fillna("")
    claims["topic_match"] = resolved["how"]
    claims["topic_score"] = resolved["score"]
    claims["topic_candidates"] = resolved["candidates"]
    for row in claims[resolved["how"] == "unknown"].itertuples():
        _problem(problems, row, "topic", f"unknown topic '{row.topic_input}'{_suggest(row.topic_candidates)}")

    for column in ("subject", "attributed_to"):
        names = resolve_column(claims[column], entity_resolver)
        claims[f"{column}_input"] = claims[column]
        claims[column] = names["key"].fillna("")
        claims[f"{column}_match"] = names["how"]
        claims[f"{column}_score"] = names["score"]
        claims[f"{column}_candidates"] = names["candidates"]
        for row in claims[names["how"] == "unknown"].itertuples():
            _problem(
                problems,
                row,
                column,
                f"unknown entity '{getattr(row, column + '_input')}'{_suggest(getattr(row, column + '_candidates'))}",
            )

    topic_table = topics.drop_duplicates("key").set_index("key")
    # One look-up of every claim's topic row, then every topic column taken by position.
    positions = topic_table.index.get_indexer(claims["topic"]) if len(topic_table) else np.full(len(claims), -1)
    for column, source_column in (
        ("kind", "kind"),
        ("topic_unit", "unit"),
        ("topic_factor", "factor"),
        ("topic_dimension", "dimension"),
        ("tolerance", "tolerance_value"),
        ("substance", "substance"),
        ("part_of", "part_of"),
        ("bounded_by", "bounded_by"),
        ("topic_label", "label"),
        ("states", "states"),
        ("aggregation", "aggregation_value"),
        ("rounding", "rounding_value"),
        ("sum_of", "sum_of"),
    ):
        source = topic_table[source_column].to_numpy() if len(topic_table) else np.zeros(0)
        filler = np.nan if source_column in ("factor", "tolerance_value", "rounding_value") else None
        taken = np.full(len(claims), filler, dtype=float if filler is np.nan else object)
        taken[positions >= 0] = source[positions[positions >= 0]]
        claims[column] = pd.Series(taken, index=claims.index, dtype=taken.dtype)  # no detour through Arrow strings
    claims["kind"] = claims["kind"].fillna("")
    family = topic_families(topics)
    claims["family"] = _map_unique(claims["topic"], lambda topic: family.get(topic, topic))
    claims["aggregation"] = claims["aggregation"].fillna("")
    claims["sum_of"] = claims["sum_of"].fillna("")
    claims["rounding"] = claims["rounding"].fillna(quantities.ROUNDING)
    language = dict(zip(sources["id"], sources["language"]))
    claims["decimal"] = _map_unique(claims["source"], lambda source: decimal_mark(language.get(source, "")))
    labels = claims["topic_label"].fillna("").astype(str)
    claims["topic_label"] = labels.where(labels != "", claims["topic"])

    claims["modality"] = claims["modality"].str.lower().replace("", "actual")
    for row in claims[~claims["modality"].isin(MODALITIES)].itertuples():
        _problem(problems, row, "modality", f"'{row.modality}' is not one of {', '.join(MODALITIES)}")
    # Actual figures and estimates state what is, and compare with each other; targets
    # with targets, plans with plans, agreements with agreements, forecasts with forecasts.
    claims["modality_class"] = claims["modality"].replace("estimate", "actual")
    claims["scope"] = _map_unique(claims["scope"], normal_form)
    for row in claims[(claims["cites"] != "") & ~claims["cites"].isin(source_ids)].itertuples():
        _problem(problems, row, "cites", f"unknown source '{row.cites}'")
    claims["inferred"] = claims["inferred"].str.lower()
    for row in claims[~claims["inferred"].isin(("", "yes", "no"))].itertuples():
        _problem(problems, row, "inferred", "write yes, no or leave empty")
    for row in claims[(claims["inferred"] == "yes") & (claims["note"] == "")].itertuples():
        _problem(problems, row, "note", "an inferred value needs a note saying how it was read")

    _values(claims, problems)
    _periods(claims, sources, problems)
    _spans(claims)
    _weekdays(claims)
    _relations(claims, topic_resolver, topic_table, problems)
    located = _quote_and_digits(claims, corpus, sources, problems)
    claims = pd.concat([claims, located], axis=1)
    _densities(claims)
    _amounts(claims)
    quantities.LOOKUPS.save()
    dates.LOOKUPS.save()
    with_text = set(sources.loc[sources["file"] != "", "id"])
    claims["cites_has_text"] = claims["cites"].isin(with_text)
    claims = claims.sort_values(["source", "line"], kind="stable").reset_index(drop=True)
    claims = contract.conform(claims)  # exactly the declared columns and dtypes
    release_memory()
    return Normalised(
        claims=claims,
        sources=sources,
        topics=topics,
        entities=entities,
        texts=corpus.texts,
        text_files=corpus.text_files,
        problems=sorted(set(problems)),
    )


def _values(claims: pd.DataFrame, problems: list[Problem]) -> None:
    numeric = claims["kind"].isin(("quantity", "count"))
    parsed, errors = quantities.parse_quantities(claims["value"].where(numeric, ""), claims["decimal"])
    for column in quantities.QUANTITY_COLUMNS:
        claims[column] = parsed[column]
    converted, converted_errors = quantities.parse_quantities(claims["converted"].where(numeric, ""), claims["decimal"])
    for column in quantities.QUANTITY_COLUMNS:
        claims[f"converted_{column}"] = converted[column]
    # The precision model: a topic's rounding caps how widely an unqualified round number
    # reads; a small whole count of discrete things is exact unless qualified.
    rounding = claims["rounding"].to_numpy(dtype=float)
    for prefix in ("", "converted_"):
        magnitude = claims[f"{prefix}magnitude"].to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            exact = (
                (claims["kind"] == "count").to_numpy()
                & (np.abs(magnitude) < quantities.EXACT_COUNT_BELOW)
                & (magnitude == np.round(magnitude))
            )
        low, high = quantities.precision_bounds(
            magnitude,
            claims[f"{prefix}half"].to_numpy(dtype=float),
            claims[f"{prefix}qualifier"].to_numpy(dtype=object),
            rounding,
            exact | (rounding == 0),
        )
        claims[f"{prefix}low"] = np.where(np.isnan(magnitude), np.nan, low)
        claims[f"{prefix}high"] = np.where(np.isnan(magnitude), np.nan, high)
    for row in claims[numeric & claims["value"].isin(errors.keys())].itertuples():
        _problem(problems, row, "value", errors[row.value])
    for row in claims[numeric & claims["converted"].isin(converted_errors.keys())].itertuples():
        _problem(problems, row, "converted", converted_errors[row.converted])
    for row in claims[~numeric & (claims["converted"] != "")].itertuples():
        _problem(problems, row, "converted", "only quantities and counts state conversions")
    claims["value_parsed"] = (
        claims["kind"].isin(KINDS)
        & ~claims["value"].isin(errors.keys())
        & ~claims["converted"].isin(converted_errors.keys())
    )
    negative = numeric & (claims["magnitude"] < 0) & (claims["relation"] == "")
    for row in claims[negative].itertuples():
        _problem(problems, row, "value", "a negative amount makes no sense here")

    is_date = claims["kind"] == "date"
    parsed_dates, date_errors = dates.parse_dates(claims["value"].where(is_date, ""))
    claims["date_start"] = parsed_dates["start"]
    claims["date_end"] = parsed_dates["end"]
    claims["date_precision"] = parsed_dates["precision"]
    claims["value_parsed"] &= ~(is_date & claims["value"].isin(date_errors.keys()))
    for row in claims[is_date & claims["value"].isin(date_errors.keys())].itertuples():
        _problem(problems, row, "value", date_errors[row.value])

    is_status = claims["kind"] == "status"
    claims["state"] = np.where(is_status, _map_unique(claims["value"].where(is_status, ""), normal_form), "")
    allowed_states = {
        key: {normal_form(state) for state in split_list(states if isinstance(states, str) else "")}
        for key, states in claims.loc[is_status, ["topic", "states"]].drop_duplicates("topic").itertuples(index=False)
    }
    statuses = claims.loc[is_status, ["topic", "state"]]
    pairs = statuses.drop_duplicates()
    bad = pairs[
        [
            topic in allowed_states and state not in allowed_states[topic]
            for topic, state in pairs.itertuples(index=False)
        ]
    ]
    unknown_state = (
        is_status & claims.set_index(["topic", "state"]).index.isin(pd.MultiIndex.from_frame(bad))
        if len(bad)
        else is_status & False
    )
    for row in claims[unknown_state].itertuples():  # only the claims with a problem
        allowed = sorted(allowed_states.get(row.topic, ()))
        if row.state not in allowed:
            from rapidfuzz import process

            match = process.extractOne(row.state, allowed, score_cutoff=50)
            hint = f" (did you mean '{match[0]}'?)" if match else ""
            _problem(
                problems,
                row,
                "value",
                f"'{row.value}' is not a state of topic '{row.topic}': {', '.join(allowed)}{hint}",
            )


def _map_unique(values: pd.Series, function) -> pd.Series:
    """Apply a Python function once per distinct value of a column."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = np.array([function(value) for value in uniques] + [None], dtype=object)
    return pd.Series(
        mapped[codes] if len(uniques) else np.full(len(values), None, dtype=object), index=values.index, dtype=object
    )


def _periods(claims: pd.DataFrame, sources: pd.DataFrame, problems: list[Problem]) -> None:
    parsed, errors = dates.parse_dates(claims["period"])
    for row in claims[claims["period"].isin(errors.keys())].itertuples():
        _problem(problems, row, "period", errors[row.period])
    published = sources.drop_duplicates("id").set_index("id")
    default_start = claims["source"].map(published["published_start"]) if len(published) else np.nan
    default_end = claims["source"].map(published["published_end"]) if len(published) else np.nan
    empty = claims["period"] == ""
    claims["period_start"] = parsed["start"].where(~empty, default_start).astype(float)
    claims["period_end"] = parsed["end"].where(~empty, default_end).astype(float)
    claims["period_last_start"] = parsed["last_start"].where(~empty, default_start).astype(float)
    claims["period_precision"] = parsed["precision"].where(~empty, "publication")
    needs_time = claims["kind"].isin(("quantity", "count", "status"))
    for row in claims[needs_time & empty & claims["period_start"].isna()].itertuples():
        _problem(problems, row, "period", "no period, and the source has no publication date to fall back on")


def _spans(claims: pd.DataFrame) -> None:
    """What time a figure covers, by its topic's aggregation, as three day numbers.

    A flow or a stock covers its period, [start, end). A cumulative total counts from its
    period's explicit start (the start of an interval: '2022-07/2024-05-02'), or from the
    topic's beginning (-inf) when the period is one date, up to an as-of instant that lies
    somewhere in the period's last side: at the earliest ``span_inner_end``, at the latest
    ``span_outer_end``. A figure certainly covers less than another when its span lies
    inside the other's whatever the instants; two figures cover the same time when all
    three numbers are equal."""
    cumulative = (claims["aggregation"] == "cumulative").to_numpy()
    start = claims["period_start"].to_numpy(dtype=float)
    explicit_start = (claims["period_precision"] == "interval").to_numpy() & np.isfinite(start)
    claims["span_start"] = np.where(cumulative & ~explicit_start, -np.inf, start)
    claims["span_inner_end"] = np.where(
        cumulative, claims["period_last_start"].to_numpy(dtype=float), claims["period_end"].to_numpy(dtype=float)
    )
    claims["span_outer_end"] = claims["period_end"].to_numpy(dtype=float)
    # An as-of instant known to the minute or second, rather than a day or longer.
    claims["asof_timed"] = cumulative & ((claims["span_outer_end"] - claims["span_inner_end"]) < 1).to_numpy()


def _weekdays(claims: pd.DataFrame) -> None:
    """The weekday a date claim's quote writes next to the date (Monday = 0), or -1."""
    claims["stated_weekday"] = -1
    days = (
        (claims["kind"] == "date")
        & (claims["date_precision"] == "day")
        & claims["quote"].str.contains(r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)", regex=True)
    )
    if days.any():
        claims.loc[days, "stated_weekday"] = [
            stated_weekday(quote, day) for quote, day in zip(claims.loc[days, "quote"], claims.loc[days, "date_start"])
        ]


def _relations(
    claims: pd.DataFrame, topic_resolver: Resolver, topic_table: pd.DataFrame, problems: list[Problem]
) -> None:
    claims["relation_kind"] = ""
    claims["relation_factor"] = np.nan
    claims["relative_start"] = np.nan
    claims["relative_end"] = np.nan
    claims["since_topic"] = ""
    related = claims.index[(claims["relation"] != "") | (claims["relative_to"] != "")]
    if len(related) == 0:
        return
    kinds, factors, ref_starts, ref_ends, since_topics = [], [], [], [], []
    for row in claims.loc[related].itertuples():  # only claims that state a relation
        kind, factor, start, end, since = "", math.nan, math.nan, math.nan, ""
        text = row.relation.strip()
        if text:
            lowered = text.lower()
            if match := _RATIO.match(text):
                kind, factor = "ratio", float(match.group(1))
            elif match := _CHANGE.match(text):
                kind, factor = "change", 1 + float(match.group(1).replace(" ", "")) / 100
            elif lowered in ("increase", "decrease", "since"):
                kind = lowered
            else:
                _problem(
                    problems, row, "relation", f"'{text}' is not a relation (x2, +16%, -5%, increase, decrease, since)"
                )
            if kind and not row.relative_to:
                _problem(problems, row, "relative_to", f"the relation '{text}' needs what it refers to")
            elif kind == "since":
                resolution = topic_resolver.resolve(row.relative_to)
                if resolution.key is None or resolution.how in ("fuzzy", "ambiguous", "unknown"):
                    _problem(
                        problems,
                        row,
                        "relative_to",
                        f"unknown topic '{row.relative_to}'{_suggest('; '.join(resolution.candidates))}",
                    )
                elif topic_table.loc[resolution.key, "kind"] != "date":
                    _problem(
                        problems,
                        row,
                        "relative_to",
                        f"'since' refers to a date topic; '{resolution.key}' is a {topic_table.loc[resolution.key, 'kind']} topic",
                    )
                else:
                    since = resolution.key
            elif kind:
                try:
                    interval = dates.parse_date(row.relative_to)
                    start, end = interval.start, interval.end
                except ParseError as error:
                    _problem(problems, row, "relative_to", str(error))
        elif row.relative_to:
            _problem(problems, row, "relation", "relative_to is set but the relation is empty")
        kinds.append(kind)
        factors.append(factor)
        ref_starts.append(start)
        ref_ends.append(end)
        since_topics.append(since)
    claims.loc[related, "relation_kind"] = kinds
    claims.loc[related, "relation_factor"] = np.asarray(factors, dtype=float)
    claims.loc[related, "relative_start"] = np.asarray(ref_starts, dtype=float)
    claims.loc[related, "relative_end"] = np.asarray(ref_ends, dtype=float)
    claims.loc[related, "since_topic"] = since_topics


def _densities(claims: pd.DataFrame) -> None:
    """For claims whose topic names a substance and whose dimension differs from the
    topic's, the value's bounds in the topic's base unit under each phase's density.

    Computed once per (unit, topic unit, substance, phase) with pint contexts, then
    applied to whole columns, so rules compare volume and mass without calling pint.
    """
    for phase in quantities.PHASES:
        claims[f"{phase}_low"] = np.nan
        claims[f"{phase}_high"] = np.nan
    has_substance = claims["substance"].fillna("") != ""
    candidates = claims[has_substance & claims["unit"].notna() & claims["topic_unit"].notna()]
    if candidates.empty:
        return
    keys = candidates[["unit", "topic_unit", "substance"]].drop_duplicates()
    for unit, topic_unit, substance in keys.itertuples(index=False):
        rows = candidates.index[
            (candidates["unit"] == unit)
            & (candidates["topic_unit"] == topic_unit)
            & (candidates["substance"] == substance)
        ]
        for phase in quantities.PHASES:
            try:
                factors = quantities.density_factors(unit, topic_unit, substance, phase)
            except ParseError:
                factors = None
            if factors is None:
                continue
            low_factor, high_factor = factors
            claims.loc[rows, f"{phase}_low"] = claims.loc[rows, "low"] * low_factor
            claims.loc[rows, f"{phase}_high"] = claims.loc[rows, "high"] * high_factor


RATE = " / [time]"


def _amounts(claims: pd.DataFrame) -> None:
    """Yearly amounts: a rate (t/year) becomes the amount of one year (t), so that a total
    can be compared with an annual figure. Amount columns mirror value columns."""
    per_year = quantities.seconds_per_year()

    def amount_of(dimension) -> str:
        text = dimension if isinstance(dimension, str) else ""
        return text[: -len(RATE)] if text.endswith(RATE) else text

    # Dimensions are few: work out each once, then map the columns.
    for prefix in ("", "converted_"):
        dimension = claims[f"{prefix}dimension"]
        claims[f"{prefix}amount_dimension"] = _map_unique(dimension, amount_of)
        factor = _map_unique(
            dimension, lambda d: per_year if isinstance(d, str) and d.endswith(RATE) else 1.0
        ).to_numpy(dtype=float)
        if not prefix:  # a conversion's amount is compared by its dimension only
            for column in ("magnitude", "low", "high"):
                claims[f"amount_{column}"] = claims[column].to_numpy(dtype=float) * factor
