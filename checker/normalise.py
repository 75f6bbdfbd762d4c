"""Build the one normalised claims table the rules work on, exactly as ``contract.py``
declares it.

The stages, in order: the reference tables are validated (``references.py``); each
claim's topic and entities are resolved (``names.py``) and its topic's fields attached;
its value is parsed (here: quantities, dates, states, once per unique string); its
quote is located and its digits checked (``quotes.py``); the derived columns are added
(``derive.py``: spans of time, weekdays, relations, densities, yearly amounts). Problems
are collected for every row and column at once, never raised one by one.

What reads the claims only as they were read — the ids' checks and the quote search — runs
first, in a forked process beside the rest on a large corpus (``background.py``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from checker import background, contract, dates, quantities
from checker.columns import from_codes, map_unique
from checker.corpus import Corpus
from checker.derive import amount_relation, amounts, densities, periods, relations, spans, weekdays
from checker.errors import Problem
from checker.names import did_you_mean, normal_form, resolve_column, split_list, state_form
from checker.numbers import LazyPattern, decimal_mark, relation_qualifier
from checker.quotes import MISREAD_UNITS, SEARCH_READS, Search, locate_quotes, search, unit_misread
from checker.references import (
    ID_PATTERN,
    KINDS,
    check_entities,
    check_sources,
    check_topics,
    flagged,
    problem,
    resolvers,
    suggest,
    topic_families,
    unique_ids,
)
from checker.setaside import SetAside
from checker.tables import plain_labels, release_memory
from checker.texts import SHARE_IN_WORDS, stated_in_digits

# From this many claims, the checks of the claims as read (the ids, the quote search) run
# in a second process beside the rest of normalisation: below it, starting a process costs
# about what it saves.
BESIDE_FROM = 50_000
AS_READ = ("id", "file", "line", *SEARCH_READS)
# "superseded": a figure published earlier and since revised ("revised from 76,000"),
# which the texts still give: it compares only with other sources' superseded figures.
# "About 76 %" reads as 73.5 to 78.5 %: a share's "about" is a few points, not a tenth of
# itself (7.6 points would let "about 67 %" and "about 76 %" agree); a round ten reads
# twice as wide ("about 70 %" is 65 to 75 %).
ABOUT_POINTS = 0.025


def _worded_shares(claims: pd.DataFrame, percent: np.ndarray) -> np.ndarray:
    """Which percentages their quote gives only as a share in words ("six in 10", "one in
    five", "two-thirds") and not in digits: only quotes that write a share in words are read."""
    found = np.zeros(len(claims), dtype=bool)
    rows = np.flatnonzero(percent & (claims["inferred"] != "yes").to_numpy(dtype=bool))
    if not len(rows):
        return found
    worded = claims["quote"].iloc[rows].str.contains(SHARE_IN_WORDS).to_numpy(dtype=bool)
    for position in rows[worded].tolist():
        number = claims["number"].iat[position]
        try:
            written = float(str(number).replace(",", ""))
        except ValueError:
            continue
        found[position] = not stated_in_digits(
            written, str(claims["quote"].iat[position]), str(claims["decimal"].iat[position])
        )
    return found


WEEK_SECONDS = 7 * 86400
OFFSET_SCALES = ("[temperature in degree Celsius]", "[temperature in degree Fahrenheit]")


def _round_tens(numbers: pd.Series, among: np.ndarray) -> np.ndarray:
    """Which numbers as written are whole tens ('70', '40'), among the rows asked about
    (whole percentages: a handful; the column is read only there)."""
    found = np.zeros(len(numbers), dtype=bool)
    rows = np.flatnonzero(among)
    if len(rows):
        found[rows] = numbers.iloc[rows].fillna("").str.fullmatch(r"[1-9]0").to_numpy(dtype=bool)
    return found


MODALITIES = ("actual", "estimate", "forecast", "target", "plan", "agreement", "superseded")


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
    set_aside: SetAside | None = None  # with problems: what the rules did not read (setaside.partial)


def normalise(corpus: Corpus, jobs: int | None = None) -> Normalised:
    """Validate everything and build the normalised claims table. ``jobs``: the processes
    it may use; by default, on a machine with more than one core, the ids and quotes of a
    large corpus are checked in a forked process while the claims are resolved and parsed
    here (the same result either way; 1: all here)."""
    problems = list(corpus.problems)
    sources = check_sources(corpus, problems)
    claims = _in_reading_order(corpus.claims)
    beside = (jobs is None or jobs > 1) and len(claims) >= BESIDE_FROM and background.cores() > 1
    # Reads a snapshot of columns as they were read (the table's own columns are replaced as
    # it is normalised; the snapshot keeps the originals, for a child and for this process alike).
    read_as_read = background.Pending(_as_read, claims[list(AS_READ)], corpus, sources, fork=beside)
    topics = check_topics(corpus.topics, problems)
    entities = check_entities(corpus.entities, problems)
    source_ids = set(sources["id"])

    for file, stem in claims[["file", "source"]].drop_duplicates().itertuples(index=False):
        if stem not in source_ids:
            problems.append(Problem(file, 0, "-", f"no source '{stem}' in the sources table for this claims file"))

    topic_resolver, entity_resolver = resolvers(topics, entities)
    resolved = resolve_column(claims["topic"], topic_resolver)
    claims["topic_input"] = claims["topic"]
    claims["topic"] = resolved["key"]
    claims["topic_match"] = resolved["how"]
    claims["topic_score"] = resolved["score"]
    claims["topic_candidates"] = resolved["candidates"]
    for row in flagged(claims, resolved["how"] == "unknown"):
        problem(problems, row, "topic", f"unknown topic '{row.topic_input}'{suggest(row.topic_candidates)}")

    for column in ("subject", "attributed_to"):
        names = resolve_column(claims[column], entity_resolver)
        claims[f"{column}_input"] = claims[column]
        claims[column] = names["key"]
        claims[f"{column}_match"] = names["how"]
        claims[f"{column}_score"] = names["score"]
        claims[f"{column}_candidates"] = names["candidates"]
        for row in flagged(claims, names["how"] == "unknown"):
            problem(
                problems,
                row,
                column,
                f"unknown entity '{getattr(row, column + '_input')}'{suggest(getattr(row, column + '_candidates'))}",
            )

    kind_of = dict(zip(entities["key"], entities["kind"])) if "kind" in entities else {}
    claims["attributed_kind"] = map_unique(
        claims["attributed_to"], lambda key: str(kind_of.get(key, "") or "").strip().lower(), categorical=True
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
        ("sum_plans", "sum_plans"),
        ("share_part", "share_part"),
        ("share_whole", "share_whole"),
        ("year_start", "year_start_month"),
    ):
        source = topic_table[source_column].to_numpy() if len(topic_table) else np.zeros(0)
        if source_column == "label":  # a topic without a label is shown by its key
            source = np.where(pd.isna(source) | (source == ""), topic_table.index.to_numpy(dtype=object), source)
        numbers = source_column in ("factor", "tolerance_value", "rounding_value", "year_start_month")
        declared = contract.BY_NAME[column].dtype if column in contract.BY_NAME else None  # None: a working column
        if declared == "category" or (declared is None and not numbers):  # kind, units, substance, states…
            claims[column] = from_codes(source, positions, claims.index, fill="")
            continue
        filler = np.nan if numbers else None
        taken = np.full(len(claims), filler, dtype=float if filler is np.nan else object)
        taken[positions >= 0] = source[positions[positions >= 0]]
        claims[column] = pd.Series(taken, index=claims.index, dtype=taken.dtype)  # no detour through Arrow strings
    family = topic_families(topics)
    claims["family"] = map_unique(claims["topic"], lambda topic: family.get(topic, topic), categorical=True)
    language = dict(zip(sources["id"], sources["language"]))
    claims["decimal"] = map_unique(
        claims["source"], lambda source: decimal_mark(language.get(source, "")), categorical=True
    )
    # A source's own dollar, when its code is one claimcheck knows (else sources.csv says so).
    currency = (
        {
            source: code
            for source, code in zip(sources["id"], sources["currency"].str.upper())
            if code in quantities.CURRENCIES
        }
        if "currency" in sources
        else {}
    )
    claims["dollar"] = map_unique(claims["source"], lambda source: currency.get(source, "") or "", categorical=True)

    claims["modality"] = map_unique(claims["modality"], lambda modality: modality.lower() or "actual", categorical=True)
    for row in flagged(claims, ~claims["modality"].isin(MODALITIES)):
        problem(problems, row, "modality", f"'{row.modality}' is not one of {', '.join(MODALITIES)}")
    # Actual figures and estimates state what is, and compare with each other; targets
    # with targets, plans with plans, agreements with agreements, forecasts with forecasts.
    claims["modality_class"] = map_unique(
        claims["modality"], lambda modality: "actual" if modality == "estimate" else modality, categorical=True
    )
    claims["scope"] = map_unique(claims["scope"], normal_form, categorical=True)
    for row in flagged(claims, (claims["cites"] != "") & ~claims["cites"].isin(source_ids)):
        problem(problems, row, "cites", f"unknown source '{row.cites}'")
    claims["inferred"] = claims["inferred"].str.lower()
    for row in flagged(claims, ~claims["inferred"].isin(("", "yes", "no"))):
        problem(problems, row, "inferred", "write yes, no or leave empty")
    for row in flagged(claims, (claims["inferred"] == "yes") & (claims["note"] == "")):
        problem(problems, row, "note", "an inferred value needs a note saying how it was read")

    _values(claims, problems)
    stated_amounts = _relation_amounts(claims, problems)
    _unit_misreads(claims, problems)
    periods(claims, sources, problems)
    spans(claims)
    weekdays(claims)
    relations(claims, topic_resolver, topic_table, problems, stated_amounts)
    found, id_problems = read_as_read.result()
    problems.extend(id_problems)
    located = locate_quotes(claims, corpus, sources, problems, found=found)
    for column in located.columns:
        claims[column] = located[column]
    del located
    release_memory()  # the quote search's strings, before the last columns are added
    densities(claims)
    amounts(claims)
    with_text = set(sources.loc[sources["file"] != "", "id"])
    claims["cites_has_text"] = claims["cites"].isin(with_text)
    # What only normalisation used goes first, so that it is not held while the table is conformed.
    claims = claims.drop(columns=[column for column in claims.columns if column not in contract.BY_NAME])
    release_memory()
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


def _as_read(claims: pd.DataFrame, corpus: Corpus, sources: pd.DataFrame) -> tuple[Search, list[Problem]]:
    """What reads only the claims as they were read: the claim ids' checks and the quote
    search (``quotes.search``), with the problems of the ids."""
    problems: list[Problem] = []
    unique_ids(claims, "id", problems)
    for row in flagged(claims, ~claims["id"].str.match(ID_PATTERN) & (claims["id"] != "")):
        problem(problems, row, "id", "use letters, digits, '.', '_' and '-' only")
    return search(claims, corpus, sources), problems


def _in_reading_order(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims by source, then line: sorted once, before any column is added, and not
    copied when they are read in that order already (claims files are read by name); the
    column labels as an object index."""
    codes, _ = pd.factorize(claims["source"], sort=True)
    lines = claims["line"].to_numpy(dtype=np.int64)
    key = codes.astype(np.int64) * (int(lines.max(initial=0)) + 1) + lines
    if len(key) < 2 or bool((key[1:] >= key[:-1]).all()):
        ordered = claims.reset_index(drop=True)
    else:
        ordered = claims.sort_values(["source", "line"], kind="stable", ignore_index=True)
    return plain_labels(ordered)  # normalisation adds some seventy columns by name


def percentage(claims: pd.DataFrame, prefix: str = "") -> np.ndarray:
    """Which values are percentages (or percentage or basis points): a ratio written in a
    unit smaller than one."""
    return (claims[f"{prefix}dimension"] == "dimensionless").to_numpy(dtype=bool) & (
        claims[f"{prefix}number_factor"].to_numpy(dtype=float) < 1
    )


_BARE_DOLLAR = re.compile(r"(?<![A-Za-z$])\$")
_CENTS = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:cents?\b|¢)", re.IGNORECASE)


def _local_dollars(values: pd.Series, dollar: pd.Series) -> pd.Series:
    """The values as the parser reads them: in a text whose own currency is one "$" names
    (a Canadian paper's "$701,800", a Mexican one's pesos), a bare "$" and "cents" are that
    currency's; elsewhere (a Kenyan paper's "$") the US dollar's. Only those rows are
    rewritten; the value as written stays the claim's."""
    local = dollar.isin(quantities.DOLLAR_SIGN_CURRENCIES).to_numpy(dtype=bool)
    if not local.any():
        return values
    written = values.str.contains(r"\$|cent|¢", regex=True).fillna(False).to_numpy(dtype=bool)
    rows = np.flatnonzero(local & written)
    if not len(rows):
        return values
    rewritten = values.copy()
    for position in rows:  # the rows of such texts that write a bare dollar or cents
        code = str(dollar.iloc[position])
        text = _BARE_DOLLAR.sub(f"{code} ", str(values.iloc[position]))
        rewritten.iloc[position] = _CENTS.sub(functools.partial(_in_units, code=code), text)
    return rewritten


_TOPIC_CURRENCY = re.compile(r"\[currency_(\w+)\]")
_TOPIC_WORDS = LazyPattern(
    rf"{quantities.SHARED_WORD.pattern}|\bounces?\b|\boz\b|(?<![A-Za-z])kts?\b|(?<![A-Za-z])nm\b|(?<![A-Za-z])mbs?\b|"
    rf"{quantities.TEMPERATURE_SCALE.pattern}|\bdegrees?\b",
    re.IGNORECASE,
)


_BARE_M = re.compile(r"(?<=\d)\s*m\s*$")


def _metres_of_lengths(values: pd.Series, claims: pd.DataFrame) -> pd.Series:
    """ "1.3 m" under a topic of lengths (a tsunami's height) is 1.3 metres, as the topic
    says, not an ambiguous million: only those rows are rewritten."""
    lengths = (claims["topic_dimension"] == "[length]").to_numpy(dtype=bool)
    if not lengths.any():
        return values
    rows = np.flatnonzero(lengths & values.str.contains(_BARE_M, regex=True).fillna(False).to_numpy(dtype=bool))
    if not len(rows):
        return values
    rewritten = values.to_numpy(dtype=object).copy()
    rewritten[rows] = [_BARE_M.sub(" metre", str(text)) for text in rewritten[rows]]
    return pd.Series(rewritten, index=values.index, dtype=values.dtype)


def _in_topic_terms(values: pd.Series, claims: pd.DataFrame, currency_words: bool) -> pd.Series:
    """The values as the topic's unit reads them: a currency word several countries share,
    alone, is the topic's currency when it can name it ("54,000 pounds" under a topic in
    GBP; ``currency_words``: the value, not a conversion into another currency), else the
    currency of the source's country when it can name that ("Sh12.9 billion" in a Kenyan
    paper, `currency` KES), the
    ounces of a topic weighed in troy ounces are troy ounces, "kt" under a topic of speeds
    is the knot, not the kilotonne, "mb" under a topic of pressures the millibar, not the
    millibarn, and "nm" under a topic in nanometres or nautical miles
    is that unit. Only those rows are rewritten."""
    values = _metres_of_lengths(values, claims)
    codes, uniques = pd.factorize(values)
    if not len(uniques):
        return values
    worded = pd.Series(np.asarray(uniques, dtype=object)).str.contains(_TOPIC_WORDS.compiled).to_numpy(dtype=bool)
    rows = np.flatnonzero((codes >= 0) & worded[np.maximum(codes, 0)])
    if not len(rows):
        return values
    read: dict[tuple[str, str, str, str], str] = {}  # each value under each topic unit, read once
    taken = [
        array.take(rows).to_numpy(dtype=object)
        for array in (values.array, claims["topic_dimension"].array, claims["topic_unit"].array, claims["dollar"].array)
    ]
    texts = []
    for key in zip(*(map(str, column) for column in taken)):  # the rows naming a shared word or ounces
        if key not in read:
            text, dimension, unit, home = key
            currencies = set(_TOPIC_CURRENCY.findall(dimension))
            if currency_words and currencies:
                text = quantities.in_topic_currency(text, currencies)
            if home:  # a Kenyan paper's "Sh12.9 billion", whatever its topic's currency
                text = quantities.in_topic_currency(text, home)
            text = quantities.in_troy_ounces(text) if quantities.TROY_UNIT.search(unit) else text
            text = quantities.in_knots(text) if dimension == quantities.SPEED else text
            text = quantities.in_millibars(text) if dimension == quantities.PRESSURE else text
            if quantities.DELTA_UNIT.search(unit):  # a warming of "2.8C" under a topic in delta_degC
                text = quantities.as_temperature_difference(text)
            text = quantities.in_topic_degrees(text, dimension, unit)
            read[key] = quantities.in_topic_nm(text, unit)
        texts.append(read[key])
    rewritten = values.to_numpy(dtype=object).copy()
    rewritten[rows] = texts
    return pd.Series(rewritten, index=values.index, dtype=values.dtype)


def _unit_misreads(claims: pd.DataFrame, problems: list[Problem]) -> None:
    """A value whose quote gives its number in another unit of the same family ("200 mcg"
    tagged "200 mg"): a data error, as a number the quote does not state is. Only values
    written with such a unit are read (few), each against its own quote."""
    codes, uniques = pd.factorize(claims["value"])
    if not len(uniques):
        return
    written = pd.Series(np.asarray(uniques, dtype=object)).str.contains(MISREAD_UNITS).to_numpy(dtype=bool)
    rows = np.flatnonzero(
        (codes >= 0) & written[np.maximum(codes, 0)] & (claims["inferred"] != "yes").to_numpy(dtype=bool)
    )
    for position in rows.tolist():
        row = claims.iloc[position]
        message = unit_misread(str(row["value"]), str(row["quote"]))
        if message:
            problem(problems, row, "value", f"{message} {_MISREAD_HINT}")


_MISREAD_HINT = "(write the unit the quote gives)"


_POUNDS = re.compile(r"\bpounds?\b(?!\s*(?:of|a|per)\b)", re.IGNORECASE)


def _pounds_of_money(converted: pd.Series, claims: pd.DataFrame) -> pd.Series:
    """A conversion of money into "pounds" ("2.9 billion Norwegian crowns (~215 million
    pounds)") is into sterling, as wire copy writes it: a sum of money is never stated as
    a weight. Only the rows whose value is money and whose conversion names pounds."""
    rows = np.flatnonzero(converted.str.contains(_POUNDS).fillna(False).to_numpy(dtype=bool))
    if not len(rows):
        return converted
    dimension = claims["dimension"]
    money = np.array([str(category).startswith("[currency_") for category in dimension.cat.categories] + [False])
    rows = rows[money[dimension.cat.codes.to_numpy()[rows]]]
    if not len(rows):
        return converted
    rewritten = converted.to_numpy(dtype=object).copy()
    rewritten[rows] = [_POUNDS.sub("GBP", str(text)) for text in rewritten[rows]]
    return pd.Series(rewritten, index=converted.index, dtype=converted.dtype)


def _counted_in_words(values: pd.Series, errors: dict[str, str], claims: pd.DataFrame) -> pd.Series | None:
    """Under a count topic, which says what is counted, a value whose noun the unit list
    does not know ("79,600 BEVs", "37 missing") read as a count; None when there is none.
    Only values that failed as an unknown unit are rewritten."""
    unknown = {text for text, message in errors.items() if message.startswith("unknown unit")}
    if not unknown:
        return None
    failed = np.flatnonzero((values.isin(unknown) & (claims["kind"] == "count")).to_numpy(dtype=bool))
    rewritten = {text: quantities.counted_in_words(text) for text in set(values.iloc[failed])}
    rows = [position for position in failed.tolist() if rewritten[values.iloc[position]]]
    if not rows:
        return None
    texts = values.to_numpy(dtype=object).copy()
    texts[rows] = [rewritten[values.iloc[position]] for position in rows]
    return pd.Series(texts, index=values.index, dtype=values.dtype)


def _masked(column: pd.Series, replacements) -> pd.Series:
    """``column`` with the value of each (mask, value) pair where its mask holds; a
    category column gains the values it lacks."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        missing = [value for _, value in replacements if value not in column.cat.categories]
        column = column.cat.add_categories(missing) if missing else column
    for mask, value in replacements:
        column = column.mask(mask, value)
    return column


def _in_units(found: re.Match, code: str) -> str:
    """'24 cents' of a local dollar as that currency's units: '0.24 CAD'."""
    return f"{float(found.group(1).replace(',', '')) / 100:.12g} {code}"


def _relation_amounts(claims: pd.DataFrame, problems: list[Problem]) -> dict:
    """A relation stated as an amount ("rose by US$300 million to US$1.2 billion":
    ``+US$300 million`` relative to the year before) read as a value of the claim's own
    topic is, with the same units, currencies and rounding: for each claim stating one, its
    middle in base units, signed, and half its width. Only the few claims stating one are
    read; a change in another kind of unit than the value's is a data error."""
    stated: dict = {}
    numeric = claims["kind"].isin(("quantity", "count")) & (claims["relation"] != "")
    if not numeric.any():
        return stated
    chosen = claims.loc[numeric.to_numpy(dtype=bool)]
    written = {}
    for label, relation in zip(chosen.index, chosen["relation"]):
        qualifier, text = relation_qualifier(relation)
        if amount_relation(text):
            amount = text[1:].strip()
            written[label] = (-1.0 if text[0] != "+" else 1.0, f"about {amount}" if qualifier == "about" else amount)
    if not written:
        return stated
    amounts_read = claims.loc[list(written)].copy()
    amounts_read["value"] = [text for _, text in written.values()]
    amounts_read["converted"] = ""
    amounts_read["relation"] = "+"  # its sign is read apart: the amount itself is a size
    found: list[Problem] = []
    _values(amounts_read, found)
    for each in found:
        problems.append(Problem(each.file, each.line, "relation", f"the change as an amount: {each.message}"))
    failed = {(each.file, each.line) for each in found}
    for label, (sign, _) in written.items():
        row = amounts_read.loc[label]
        if (str(row["file"]), int(row["line"])) in failed:
            continue
        mine, theirs = row["dimension"], claims.at[label, "dimension"]
        if isinstance(theirs, str) and mine != theirs:
            problem(
                problems,
                row,
                "relation",
                f"the change '{claims.at[label, 'relation'].strip()}' is in {row['unit']}, but the value "
                f"'{claims.at[label, 'value']}' is in {claims.at[label, 'unit']}: write the change in the value's kind of unit "
                "(a change in another currency as a percentage, if the text gives no amount in the value's currency)",
            )
            continue
        low, high = float(row["low"]), float(row["high"])
        stated[label] = (sign * (low + high) / 2, (high - low) / 2)
    return stated


def _values(claims: pd.DataFrame, problems: list[Problem]) -> None:
    numeric = claims["kind"].isin(("quantity", "count"))
    # The parser's errors are keyed by the text it read, which a local dollar rewrites.
    read_values = _in_topic_terms(
        _local_dollars(claims["value"].where(numeric, ""), claims["dollar"]), claims, currency_words=True
    )
    parsed, errors = quantities.parse_quantities(read_values, claims["decimal"])
    counted = _counted_in_words(read_values, errors, claims)
    if counted is not None:
        read_values = counted
        parsed, errors = quantities.parse_quantities(read_values, claims["decimal"])
    for column in quantities.QUANTITY_COLUMNS:
        claims[column] = parsed[column]
    read_converted = _pounds_of_money(
        _in_topic_terms(
            _local_dollars(claims["converted"].where(numeric, ""), claims["dollar"]), claims, currency_words=False
        ),
        claims,
    )
    converted, converted_errors = quantities.parse_quantities(read_converted, claims["decimal"])
    counted = _counted_in_words(read_converted, converted_errors, claims)  # "~480,000 wafers a year"
    if counted is not None:
        read_converted = counted
        converted, converted_errors = quantities.parse_quantities(read_converted, claims["decimal"])
    for column in quantities.QUANTITY_COLUMNS:
        claims[f"converted_{column}"] = converted[column]
    # The precision model: a topic's rounding caps how widely an unqualified round number
    # reads; a small whole count of discrete things is exact unless qualified.
    rounding = claims["rounding"].to_numpy(dtype=float)
    unset = np.isnan(rounding)  # the topic sets none
    # A share the quote gives only in words ("six in 10" tagged 60 %, "one in five" 20 %)
    # is a rounding by nature: it reads as "about", a round ten's width wide.
    worded = _worded_shares(claims, percentage(claims))
    if worded.any():
        claims["qualifier"] = _masked(claims["qualifier"], ((worded & (claims["qualifier"] == "stated"), "about"),))
    for prefix in ("", "converted_"):
        magnitude = claims[f"{prefix}magnitude"].to_numpy(dtype=float)
        half = claims[f"{prefix}half"].to_numpy(dtype=float)
        # A percentage is rounded to whole points or to its decimals, never to a share of
        # itself: "6 %" is 5.5–6.5 % and "60 %" 59.5–60.5 % (its zero counts), "16.5 %"
        # 16.45–16.55 %, unless the topic sets its own rounding.
        percent = percentage(claims, prefix)
        # So is a temperature on an offset scale ("-3C" is -3.5 to -2.5 °C, "20C" 19.5 to
        # 20.5 °C): a share of a reading on a scale whose zero is arbitrary means nothing.
        degrees = claims[f"{prefix}dimension"].isin(OFFSET_SCALES).to_numpy(dtype=bool)
        # And a span of days, hours, minutes or weeks is counted in them: "90 days" is 90
        # days to the day, not 85.5 to 94.5 (a statutory notice period, "three days after").
        counted = (claims[f"{prefix}dimension"] == "[time]").to_numpy(dtype=bool) & (
            claims[f"{prefix}number_factor"].to_numpy(dtype=float) <= WEEK_SECONDS
        )
        degrees = degrees | counted
        whole = (
            (percent | degrees)
            & ~claims[f"{prefix}number"].fillna("").str.contains(".", regex=False).to_numpy(dtype=bool)
            & (claims[f"{prefix}qualifier"] != "range").to_numpy(dtype=bool)  # a range's half is its ends'
        )
        half = np.where(whole, claims[f"{prefix}number_factor"].to_numpy(dtype=float) / 2, half)
        row_rounding = np.where(unset, np.where(percent | degrees, np.inf, quantities.ROUNDING), rounding)
        with np.errstate(invalid="ignore"):
            exact = (
                (claims["kind"] == "count").to_numpy()
                & (np.abs(magnitude) < quantities.EXACT_COUNT_BELOW)
                & (magnitude == np.round(magnitude))
            )
        low, high = quantities.precision_bounds(
            magnitude,
            half,
            claims[f"{prefix}qualifier"],
            row_rounding,
            exact | (row_rounding == 0),
            np.where(
                percent,
                np.where(
                    _round_tens(claims[f"{prefix}number"], whole) | (worded if not prefix else False),
                    2 * ABOUT_POINTS,
                    ABOUT_POINTS,
                ),
                np.inf,
            ),
            # A share in words has the digits of its words, not the tagger's: "almost a
            # third" written "nearly 33.3 %" is as loose as "nearly a third".
            np.where(worded, 1.0, claims[f"{prefix}digits"].to_numpy(dtype=float))
            if not prefix
            else claims[f"{prefix}digits"].to_numpy(dtype=float),
        )
        claims[f"{prefix}low"] = np.where(np.isnan(magnitude), np.nan, low)
        claims[f"{prefix}high"] = np.where(np.isnan(magnitude), np.nan, high)
    value_failed = (numeric & read_values.isin(errors.keys())).to_numpy(dtype=bool)
    for position in np.flatnonzero(value_failed):
        problem(problems, claims.iloc[position], "value", errors[read_values.iloc[position]])
    # Head counts and things counted are both counts: "287 deaths" under a count topic
    # without a unit is a plain count, and "73,450 applications" or a plain "73,450" under a
    # count topic counted in people is people (the noun names what is counted, which the
    # topic says; a plain number under a quantity topic stays a data error below).
    for prefix in ("", "converted_"):
        unit, dimension = claims[f"{prefix}unit"], claims[f"{prefix}dimension"]
        as_plain = numeric & (dimension == "[person]") & (claims["topic_dimension"] == "dimensionless")
        as_people = numeric & (unit == "count") & (claims["topic_dimension"] == "[person]")
        if not prefix:  # and a plain whole number under a count topic counted in people: "5,000" displaced
            as_people |= (
                numeric
                & (unit == "dimensionless")
                & (claims["number_factor"] >= 1)
                # Whole, to the float's own precision: 8.2 million is 8,200,000 (8.2 × 10⁶ in
                # binary floating point is 8,199,999.999999999).
                & ((claims["magnitude"] - claims["magnitude"].round()).abs() <= 1e-9 * claims["magnitude"].abs())
                & (claims["kind"] == "count")
                & (claims["topic_dimension"] == "[person]")
            )
        # So is a rate of things counted under a topic counted in people a year: "10,000
        # returns a year", "10,000 a year" (the topic says what is counted).
        as_people_rate = numeric & (dimension == "1 / [time]") & (claims["topic_dimension"] == "[person] / [time]")
        if as_plain.any() or as_people.any() or as_people_rate.any():
            claims[f"{prefix}dimension"] = _masked(
                dimension,
                ((as_plain, "dimensionless"), (as_people, "[person]"), (as_people_rate, "[person] / [time]")),
            )
            claims[f"{prefix}unit"] = _masked(
                unit, ((as_plain, "dimensionless"), (as_people, "person"), (as_people_rate, "person / second"))
            )
    # A plain number under a topic measured in a unit: the unit was left out ("29.2" for
    # 29.2 %, which would read as 2,920 %; "5,000" for 5,000 people).
    plain = (
        numeric
        & (claims["dimension"] == "dimensionless")
        & (claims["number_factor"] >= 1)
        & (claims["topic_unit"] != "")
        & claims["topic_unit"].notna()
    )
    for row in flagged(claims, plain):
        problem(
            problems,
            row,
            "value",
            f"'{row.value}' has no unit, but topic '{row.topic}' is measured in {row.topic_unit}: "
            f"write the value's unit ('{row.value} {row.topic_unit}' if it is in {row.topic_unit}; a figure in "
            "another unit, as the quote states it)",
        )
    converted_failed = (numeric & read_converted.isin(converted_errors.keys())).to_numpy(dtype=bool)
    for position in np.flatnonzero(converted_failed):
        problem(problems, claims.iloc[position], "converted", converted_errors[read_converted.iloc[position]])
    for row in flagged(claims, ~numeric & (claims["converted"] != "")):
        problem(problems, row, "converted", "only quantities and counts state conversions")
    claims["value_parsed"] = claims["kind"].isin(KINDS) & ~value_failed & ~converted_failed
    # Money, ratios and temperatures may be negative (a loss, a budget balance, a fall of
    # 3 %, -5 °C); a negative count, mass, volume or length is a slip.
    signed = map_unique(
        claims["dimension"],
        lambda dimension: (
            isinstance(dimension, str)
            and (dimension.startswith(("[currency_", "[temperature")) or dimension == "dimensionless")
        ),
    ).to_numpy(dtype=bool)
    # A flow may be negative whatever it counts: a net change over a period (jobs lost, a
    # stock drawn down, net exports of an importer). A level or a running total of people,
    # tonnes or kilometres may not.
    signed |= (claims["aggregation"] == "flow").to_numpy(dtype=bool)
    negative = numeric & (claims["magnitude"] < 0) & (claims["relation"] == "") & ~signed
    for row in flagged(claims, negative):
        problem(
            problems,
            row,
            "value",
            "a negative amount makes no sense here (a level or a running total cannot be negative; only money, "
            "ratios and temperatures may be, and flows: for a net change over a period, set the topic's "
            "aggregation to flow)",
        )

    is_date = claims["kind"] == "date"
    parsed_dates, date_errors = dates.parse_dates(claims["value"].where(is_date, ""))
    claims["date_start"] = parsed_dates["start"]
    claims["date_end"] = parsed_dates["end"]
    claims["date_precision"] = parsed_dates["precision"]
    claims["value_parsed"] &= ~(is_date & claims["value"].isin(date_errors.keys()))
    for row in flagged(claims, is_date & claims["value"].isin(date_errors.keys())):
        problem(problems, row, "value", date_errors[row.value])

    is_status = claims["kind"] == "status"
    claims["state"] = map_unique(claims["value"].where(is_status, ""), state_form, categorical=True)
    listed = {
        key: [state_form(state) for state in split_list(states if isinstance(states, str) else "")]
        for key, states in claims.loc[is_status, ["topic", "states"]].drop_duplicates("topic").itertuples(index=False)
    }
    allowed_states = {key: set(states) for key, states in listed.items()}
    statuses = claims.loc[is_status, ["topic", "state"]]
    pairs = statuses.drop_duplicates()
    # Each state's place in its topic's list, which lists states in the order a status
    # usually moves through them (proposed; approved).
    ranks = {
        (topic, state): float(listed[topic].index(state))
        for topic, state in pairs.itertuples(index=False)
        if topic in listed and state in listed[topic]
    }
    rank = np.full(len(claims), np.nan)
    if ranks:
        table = pd.DataFrame(
            [(topic, state, place) for (topic, state), place in ranks.items()], columns=["topic", "state", "_rank"]
        ).astype({"topic": statuses["topic"].dtype, "state": statuses["state"].dtype})
        rank[np.flatnonzero(is_status.to_numpy(dtype=bool))] = statuses.merge(table, how="left", on=["topic", "state"])[
            "_rank"
        ].to_numpy(dtype=float)
    claims["state_rank"] = rank
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
    for row in flagged(claims, unknown_state):  # only the claims with a problem
        allowed = sorted(allowed_states.get(row.topic, ()))
        if row.state not in allowed:
            hint = did_you_mean(row.state, allowed)
            problem(
                problems,
                row,
                "value",
                f"'{row.value}' is not a state of topic '{row.topic}': {', '.join(allowed)}{hint}",
            )
