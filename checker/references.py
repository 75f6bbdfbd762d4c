"""The reference tables — sources, topics, entities — validated on whole columns, and what
they give the claims: topic fields, topic families, and the name resolvers.

Python runs only for rows with a problem; every problem is collected, none raised."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from checker import dates, quantities
from checker.columns import map_unique
from checker.corpus import Corpus
from checker.display import MONTHS
from checker.errors import ParseError, Problem
from checker.names import Resolver, normal_form, normal_forms, split_list
from checker.numbers import known_language

KINDS = ("quantity", "count", "date", "status")


AGGREGATIONS = ("flow", "stock", "cumulative")


# Dimensions whose amounts add up over time by default (a flow); anything else — rates,
# durations, shares, head counts, plain counts — is a level (a stock) unless the topic says.
# So is a price: money per barrel, tonne or share (only an amount of money alone is a flow).
FLOW_DIMENSIONS = ("[mass]", "[length] ** 3", "[length] ** 2 * [mass] / [time] ** 2")


_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    """A reference table with Python strings: its rows are walked with itertuples (to build
    resolvers, families and checks), and walking Arrow strings one by one is slow."""
    return frame.astype({column: object for column in frame.columns if isinstance(frame[column].dtype, pd.StringDtype)})


def problem(problems: list[Problem], row, column: str, message: str) -> None:
    problems.append(Problem(row.file, int(row.line), column, message))


def unique_ids(frame: pd.DataFrame, column: str, problems: list[Problem], file_column: str = "file") -> None:
    # Each value's count from its code (no hashing of the million values beyond factorize's).
    codes, _ = pd.factorize(frame[column])
    counts = np.bincount(codes[codes >= 0], minlength=1)
    repeated = (codes >= 0) & (counts[np.maximum(codes, 0)] > 1)
    if not repeated.any():
        return
    duplicated = frame[repeated & (frame[column] != "").to_numpy()]
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


def check_sources(corpus: Corpus, problems: list[Problem]) -> pd.DataFrame:
    sources = as_objects(corpus.sources)
    sources["table_file"] = sources.get("table_file", "claims/sources.csv")
    shown = sources.rename(columns={"file": "text_file"}).rename(columns={"table_file": "file"})
    unique_ids(shown, "id", problems)
    ids = set(sources["id"])
    published, errors = dates.parse_dates(sources["published"])
    sources["published_start"] = published["start"]
    sources["published_end"] = published["end"]
    for row in shown.itertuples():
        if row.id and not ID_PATTERN.match(row.id):
            problem(problems, row, "id", "use letters, digits, '.', '_' and '-' only")
        if row.published in errors:
            problem(problems, row, "published", errors[row.published])
        if row.cited_in and row.cited_in not in ids:
            problem(problems, row, "cited_in", f"unknown source '{row.cited_in}'")
        if not row.text_file and not row.cited_in:
            problem(
                problems, row, "file", "a source needs a text under seeds/ or a cited_in source whose text cites it"
            )
        if row.currency and row.currency.upper() not in quantities.CURRENCIES:
            problem(
                problems,
                row,
                "currency",
                f"'{row.currency}' is no currency code claimcheck knows (write e.g. CAD, AUD)",
            )
        if row.language and not known_language(row.language):
            problem(problems, row, "language", f"'{row.language}' is not a language code (write e.g. en, ru, de, fa)")
        if row.dateline:
            text = corpus.texts.get(row.id)
            if text is not None and text.find(row.dateline) is None:
                problem(problems, row, "dateline", "not found verbatim in the source text")
        if row.citation:
            citing = corpus.texts.get(row.cited_in) if row.cited_in else None
            if citing is None:
                problem(problems, row, "citation", "a citation needs cited_in: the source whose text holds it")
            elif citing.find(row.citation) is None:
                score, line, _ = citing.closest(row.citation)
                problem(
                    problems,
                    row,
                    "citation",
                    f"not found verbatim in {corpus.text_files.get(row.cited_in)} (closest passage at line {line}, similarity {score:.0f}%)",
                )
    return sources


def flagged(frame: pd.DataFrame, mask) -> Iterable:
    """The rows of ``frame`` where ``mask`` holds, as named tuples; nothing is built when
    no row does (the usual case: these are the rows with a problem)."""
    mask = np.asarray(mask, dtype=bool)
    return frame[mask].itertuples() if mask.any() else ()


def check_topics(topics: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Validate the topics table on whole columns; Python runs only for rows with a problem."""
    topics = as_objects(topics).rename(columns={"table_file": "file"})
    unique_ids(topics, "key", problems)
    keys = set(topics["key"])
    topics["kind"] = topics["kind"].str.lower()

    def report(mask, column: str, message_of) -> None:
        for row in flagged(topics, mask):
            problem(problems, row, column, message_of(row))

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
    factors = map_unique(topics["unit"], lambda unit: units.get(unit, (math.nan, None))[0]).astype(float)
    topics["factor"] = np.where(known, factors, math.nan)
    topics["dimension"] = np.where(
        known, map_unique(topics["unit"], lambda unit: units.get(unit, (math.nan, None))[1]), None
    )
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
        topics["dimension"].isin(FLOW_DIMENSIONS) | topics["dimension"].fillna("").str.fullmatch(r"\[currency_\w+\]"),
        "flow",
        "stock",
    )
    topics["aggregation_value"] = np.where(
        topics["aggregation"].isin(AGGREGATIONS), topics["aggregation"], np.where(numeric, default, "")
    )
    rounding = map_unique(topics["rounding"], _rounding).astype(float)  # NaN: not a rounding
    report(
        rounding.isna() & (topics["rounding"] != ""),
        "rounding",
        lambda row: (
            f"'{row.rounding}' is not a rounding: write a fraction or percentage (0.05, 5%), 'stated' or 'exact'"
        ),
    )
    # Empty stays NaN: the normaliser gives each value its default (percentages have their own).
    topics["rounding_value"] = rounding.astype(float)
    year_start = map_unique(topics["year_start"], _month).astype(float)  # NaN: none, or unreadable
    report(
        year_start.isna() & (topics["year_start"] != ""),
        "year_start",
        lambda row: f"'{row.year_start}' is not a month: write its name or number (April, Apr, 4)",
    )
    report(
        year_start.notna() & ~numeric & topics["kind"].isin(KINDS) & (topics["kind"] != "status"),
        "year_start",
        lambda row: f"a {row.kind} topic has no fiscal years",
    )
    topics["year_start_month"] = year_start
    _check_sums(topics, keys, problems)
    topics["sum_plans"] = sum_plans(topics)
    _check_shares(topics, keys, problems)
    _check_aliases(topics, "key", problems)
    return topics


def topic_families(topics: pd.DataFrame) -> dict[str, str]:
    """Each topic's family: the connected group of topics its part_of, bounded_by, sum_of
    and share_of links reach, named after the first key of the group. Rules compare claims
    only within a family (a figure can explain another only there)."""
    parent: dict[str, str] = {key: key for key in topics["key"].tolist() if key}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    # Only topics that link to another are visited; the rest are families of their own.
    share_of = topics["share_of"] if "share_of" in topics else pd.Series("", index=topics.index)
    linking = (topics["part_of"] != "") | (topics["bounded_by"] != "") | (topics["sum_of"] != "") | (share_of != "")
    links = topics.loc[linking, ["key", "part_of", "bounded_by", "sum_of"]].assign(share_of=share_of[linking])
    for key, part_of, bounded_by, sum_of, share in zip(*(links[column].tolist() for column in links.columns)):
        if not key:
            continue
        for other in [part_of, bounded_by, *split_list(sum_of), *share_parts(share)]:
            if other in parent:
                first, second = sorted((root(key), root(other)))
                parent[second] = first
    return {key: root(key) for key in parent}


def _month(text: str) -> float:
    """A month by its number (1–12, 04) or English name (April, Apr, Sept); NaN otherwise."""
    text = text.strip().rstrip(".").lower()
    if text.isdigit():
        return float(text) if 1 <= int(text) <= 12 else math.nan
    if len(text) >= 3:
        for number, name in enumerate(MONTHS, start=1):
            if name.startswith(text):
                return float(number)
    return math.nan


def _rounding(text: str) -> float | None:
    """A topic's rounding: the largest relative half-width of an unqualified round number
    (inf for 'stated', 0 for 'exact'); None when unreadable; NaN when empty (the default)."""
    text = text.strip().lower()
    if not text:
        return math.nan
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
    info = dict(zip(topics["key"].tolist(), zip(topics["kind"].tolist(), topics["dimension"].tolist())))
    parts_of = {}
    for row in flagged(topics, topics["sum_of"] != ""):
        parts = split_list(row.sum_of)
        parts_of[row.key] = parts
        if row.kind not in ("quantity", "count"):
            problem(problems, row, "sum_of", f"a {row.kind} topic cannot be a sum")
            continue
        if len(parts) < 2:
            problem(problems, row, "sum_of", "a sum needs at least two parts, separated by semicolons")
        for part in parts:
            if part not in keys:
                problem(problems, row, "sum_of", f"unknown topic '{part}'")
            elif part == row.key:
                problem(problems, row, "sum_of", "a topic cannot be a part of itself")
            elif info[part][0] not in ("quantity", "count"):
                problem(problems, row, "sum_of", f"'{part}' is a {info[part][0]} topic, not a quantity")
            elif isinstance(row.dimension, str) and isinstance(info[part][1], str) and info[part][1] != row.dimension:
                problem(
                    problems, row, "sum_of", f"'{part}' is measured in {info[part][1]}, the total in {row.dimension}"
                )


def share_parts(cell: str) -> tuple[str, str]:
    """A topic's share_of as its part and whole ("a / b" → ("a", "b")); two empty keys
    when there is none or it is not two topics."""
    halves = [half.strip() for half in (cell or "").split("/")]
    return (halves[0], halves[1]) if len(halves) == 2 and all(halves) else ("", "")


# Counts of people and plain counts divide alike: ballots cast over registered voters.
_COUNTED = {"dimensionless", "[person]"}


def _money(dimension) -> bool:
    """Whether a topic is measured in money: topics in two currencies may still be divided
    where their texts give both in one (a mine's royalties, topic in dollars, over the
    nation's in kwacha, given "K2.05 billion of K19.7 billion")."""
    return isinstance(dimension, str) and re.fullmatch(r"\[currency_\w+\]", dimension) is not None


def _check_shares(topics: pd.DataFrame, keys: set[str], problems: list[Problem]) -> None:
    """share_of names two known numeric topics of one dimension, the share topic being a
    share (dimensionless); the part and the whole go into their own columns."""
    topics["share_part"] = ""
    topics["share_whole"] = ""
    stated = topics["share_of"] != ""
    if not stated.any():
        return
    info = dict(zip(topics["key"].tolist(), zip(topics["kind"].tolist(), topics["dimension"].tolist())))
    parts, wholes = [], []
    for row in topics[stated].itertuples():  # only the share topics
        part, whole = share_parts(row.share_of)
        if not part:
            problem(problems, row, "share_of", f"'{row.share_of}' is not PART / WHOLE (two topics and a slash)")
        elif part:
            unknown = [key for key in (part, whole) if key not in keys]
            if unknown:
                problem(problems, row, "share_of", f"unknown topic '{unknown[0]}'")
                part = whole = ""
            elif row.kind not in ("quantity", "count") or (
                isinstance(row.dimension, str) and row.dimension != "dimensionless"
            ):
                problem(problems, row, "share_of", "a share topic is a quantity in % (or without a unit)")
                part = whole = ""
            elif row.key in (part, whole):
                problem(problems, row, "share_of", "a topic cannot be a share of itself")
                part = whole = ""
            elif (
                info[part][1] != info[whole][1]
                and not (info[part][0] == info[whole][0] == "count" and {info[part][1], info[whole][1]} <= _COUNTED)
                and not (_money(info[part][1]) and _money(info[whole][1]))
            ) or info[part][0] not in ("quantity", "count"):
                problem(
                    problems,
                    row,
                    "share_of",
                    f"'{part}' is measured in {info[part][1]}, '{whole}' in {info[whole][1]}: a share compares "
                    "figures of one kind",
                )
                part = whole = ""
        parts.append(part)
        wholes.append(whole)
    topics.loc[stated, "share_part"] = parts
    topics.loc[stated, "share_whole"] = wholes


MAX_SUM_PLANS = 16


def sum_plans(topics: pd.DataFrame) -> list[str]:
    """Each topic's ways of adding up, as text ('a;b|a;c;d', '' for no sum): its own parts,
    then the same with parts that are sums themselves replaced by their parts (cost =
    loans + grants, loans = bank A + bank B: cost = bank A + bank B + grants), so that a
    total meets its leaves when no claim gives the subtotal. At most MAX_SUM_PLANS."""
    parts_of = {key: split_list(cell) for key, cell in zip(topics["key"].tolist(), topics["sum_of"].tolist()) if cell}

    def plans(key: str, seen: frozenset) -> list[tuple[str, ...]]:
        found: list[tuple[str, ...]] = [()]
        for part in parts_of[key]:
            options: list[tuple[str, ...]] = [(part,)]
            if part in parts_of and part not in seen:
                options += plans(part, seen | {part})
            found = [plan + option for plan in found for option in options][:MAX_SUM_PLANS]
        return [plan for plan in found if len(set(plan)) == len(plan)]

    return [
        "|".join(";".join(plan) for plan in plans(key, frozenset({key}))) if key in parts_of else ""
        for key in topics["key"].tolist()
    ]


def _check_aliases(table: pd.DataFrame, key_column: str, problems: list[Problem]) -> None:
    """An alias naming two different keys would make resolution depend on row order."""
    keys = table[key_column].tolist()
    owner: dict[str, str] = dict(zip(normal_forms(keys), keys))
    for row in flagged(table, table["aliases"] != ""):
        for alias in split_list(row.aliases):
            form = normal_form(alias)
            key = getattr(row, key_column)
            if owner.setdefault(form, key) != key:
                problem(problems, row, "aliases", f"'{alias}' already names '{owner[form]}'")


def check_entities(entities: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    entities = as_objects(entities).rename(columns={"table_file": "file"})
    unique_ids(entities, "key", problems)
    _check_aliases(entities, "key", problems)
    return entities


def resolvers(topics: pd.DataFrame, entities: pd.DataFrame) -> tuple[Resolver, Resolver]:
    return _resolver(topics), _resolver(entities)


def _resolver(table: pd.DataFrame) -> Resolver:
    """A resolver of a table's keys, by their aliases and labels."""
    return Resolver(
        {
            key: (split_list(aliases) if aliases else []) + ([label] if label else [])
            for key, aliases, label in zip(*(table[column].tolist() for column in ("key", "aliases", "label")))
            if key
        }
    )


def suggest(resolution_candidates: str) -> str:
    candidates = [c for c in resolution_candidates.split("; ") if c]
    return f" (did you mean {', '.join(repr(c) for c in candidates)}?)" if candidates else ""
