"""The claims-table contract: what normalisation hands the rules and the report builder.

Every column of the normalised claims table, in order: its name, its dtype, the stage of
normalisation that fills it, and what it means. ``conform`` makes a table exactly this
(the columns in this order, with these dtypes; anything else normalisation used on the
way is dropped), and a test checks that every column the rules and the report read is
declared here. Rules and renderers depend on this module, never on normalise's internals.

Dtypes are pinned, whatever pandas' defaults: text is ``str`` (Arrow-backed strings,
pyarrow being a dependency), and text with few distinct values (kinds, units, dimensions,
qualifiers, states, how a name was matched…) is ``category``, stored once as integer codes,
so that comparisons and masks over a million claims work on small integers. Everything
that names a topic (its key, label, parts, bounds, family) or an entity is a category too:
a corpus has far fewer topics than claims.

Stages: ``read`` (the claims file as written, trimmed), ``names`` (topic and entity
resolution), ``topics`` (fields of the claim's topic), ``values`` (quantities, dates,
states), ``periods`` (time intervals), ``relations``, ``quotes`` (where the quote lies in
its text), ``densities``, ``amounts`` (yearly amounts of rates) and ``texts``.

Times are day numbers (days since 0001-01-01, as floats so that ±inf and NaN can say
"open" and "unknown"); intervals are half-open, [start, end).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from checker.columns import positions_in

NUMERIC_DTYPES = ("float64", "int64", "int32", "int8", "bool")


@dataclass(frozen=True)
class ClaimColumn:
    name: str
    dtype: str  # str, category, float64, int64, int32, int8 or bool
    stage: str
    meaning: str
    domain: str = ""  # categorical columns of one domain share their categories, so they compare


def _quantity(prefix: str, what: str) -> tuple[ClaimColumn, ...]:
    return (
        ClaimColumn(f"{prefix}magnitude", "float64", "values", f"{what} in base units (NaN when not a quantity)"),
        ClaimColumn(
            f"{prefix}low", "float64", "values", f"lowest value {what} can mean, after its qualifier and precision"
        ),
        ClaimColumn(f"{prefix}high", "float64", "values", f"highest value {what} can mean"),
        ClaimColumn(f"{prefix}unit", "category", "values", f"the unit {what} is written in, as pint names it", "unit"),
        ClaimColumn(
            f"{prefix}dimension",
            "category",
            "values",
            f"the physical dimension of {what}'s unit ([mass], [currency_USD]…)",
            "dimension",
        ),
        ClaimColumn(
            f"{prefix}qualifier",
            "category",
            "values",
            f"the qualifier of {what}: '', '~' (about), '>' (more than), '<', '='",
            "qualifier",
        ),
    )


CLAIMS: tuple[ClaimColumn, ...] = (
    ClaimColumn("id", "str", "read", "the claim's id, unique in the corpus"),
    ClaimColumn(
        "topic", "category", "names", "the canonical topic key the claim's topic resolved to ('' when unknown)", "topic"
    ),
    ClaimColumn("value", "str", "read", "the value as the editor wrote it"),
    ClaimColumn("quote", "str", "read", "the verbatim passage of the source text that states the claim"),
    ClaimColumn("period", "str", "read", "the period as written (EDTF); '' means the source's publication date"),
    ClaimColumn("scope", "category", "read", "the scope, in normal form (lower case, no punctuation)"),
    ClaimColumn("modality", "category", "read", "actual, estimate, forecast, target, plan, agreement or superseded"),
    ClaimColumn(
        "subject", "category", "names", "the canonical entity key of the claim's subject ('' when none)", "entity"
    ),
    ClaimColumn(
        "attributed_to",
        "category",
        "names",
        "the canonical entity key of who said it ('' when the source itself)",
        "entity",
    ),
    ClaimColumn(
        "attributed_kind",
        "category",
        "names",
        "the kind the entities table gives who said it (person, organisation, ministry…; '' when none)",
    ),
    ClaimColumn("cites", "str", "read", "the id of the source the claim cites ('' when none)"),
    ClaimColumn("converted", "str", "read", "a conversion the text states beside the value, as written"),
    ClaimColumn("relation", "str", "read", "a relation the value states (x2, +16%, increase, since), as written"),
    ClaimColumn("relative_to", "str", "read", "what the relation refers to: a period, or a date topic for 'since'"),
    ClaimColumn("note", "str", "read", "the editor's note"),
    ClaimColumn("line", "int32", "read", "the line of the claims file the claim is on"),
    ClaimColumn("file", "category", "read", "the claims file, relative to the corpus root"),
    ClaimColumn("source", "category", "read", "the source id (the claims file's name)", "source"),
    # How each name resolved, for the name-reconciliation rule.
    *(
        column
        for name in ("topic", "subject", "attributed_to")
        for column in (
            ClaimColumn(f"{name}_input", "str", "names", f"the {name} as written"),
            ClaimColumn(
                f"{name}_match",
                "category",
                "names",
                f"how the {name} resolved: key, alias, normalised, fuzzy, ambiguous, unknown or ''",
                "match",
            ),
            ClaimColumn(f"{name}_score", "float64", "names", f"the rapidfuzz score of a fuzzy {name} match"),
            ClaimColumn(
                f"{name}_candidates", "category", "names", f"the best candidates for the {name}, separated by '; '"
            ),
        )
    ),
    ClaimColumn("kind", "category", "topics", "the topic's kind: quantity, count, date or status ('' when unknown)"),
    ClaimColumn("topic_unit", "category", "topics", "the unit the topic is reported in", "unit"),
    ClaimColumn("topic_factor", "float64", "topics", "base units per topic unit"),
    ClaimColumn("topic_dimension", "category", "topics", "the dimension of the topic's unit", "dimension"),
    ClaimColumn("tolerance", "float64", "topics", "the topic's relative tolerance (NaN: the rule's option)"),
    ClaimColumn(
        "rounding", "float64", "topics", "the topic's cap on an unqualified figure's rounding (NaN: the default)"
    ),
    ClaimColumn("substance", "category", "topics", "the substance the topic measures, for densities ('' when none)"),
    ClaimColumn("part_of", "category", "topics", "the topic this topic is a part of ('' when none)", "topic"),
    ClaimColumn(
        "bounded_by", "category", "topics", "the topic that bounds this topic from above ('' when none)", "topic"
    ),
    ClaimColumn("topic_label", "category", "topics", "the topic's label, or its key"),
    ClaimColumn("aggregation", "category", "topics", "flow, stock or cumulative (how amounts add up over time)"),
    ClaimColumn("sum_of", "category", "topics", "the topics this topic is the sum of, separated by semicolons"),
    ClaimColumn("share_part", "category", "topics", "the part a share topic is the share of ('' when none)", "topic"),
    ClaimColumn("share_whole", "category", "topics", "the whole a share topic is the share of ('' when none)", "topic"),
    ClaimColumn(
        "sum_plans",
        "category",
        "topics",
        "the ways the topic adds up: its parts, and parts that are sums replaced by theirs ('a;b|a;c;d')",
    ),
    ClaimColumn(
        "family",
        "category",
        "topics",
        "the connected group of topics linked by part_of, bounded_by, sum_of and share_of (named by one of its topics)",
        "topic",
    ),
    ClaimColumn(
        "modality_class",
        "category",
        "read",
        "what the claim compares with: actual (actual and estimate) or its modality",
    ),
    *_quantity("", "the value"),
    ClaimColumn("half", "float64", "values", "half the step of the value's last stated digit, in base units"),
    ClaimColumn(
        "converted_half", "float64", "values", "half the step of the stated conversion's last digit, in base units"
    ),
    ClaimColumn("digits", "float64", "values", "the value's significant figures as written (NaN for words)"),
    ClaimColumn("number", "str", "values", "the number of the value as written, canonical (12.42)"),
    ClaimColumn("number_factor", "float64", "values", "base units per unit of the written number"),
    *_quantity("converted_", "the stated conversion"),
    ClaimColumn("date_start", "float64", "values", "the first day a date claim can mean"),
    ClaimColumn("date_end", "float64", "values", "the day after the last day a date claim can mean"),
    ClaimColumn("date_precision", "category", "values", "year, month, day, interval… as the date is written"),
    ClaimColumn("state", "category", "values", "a status claim's state, in normal form ('' for other kinds)"),
    ClaimColumn(
        "state_rank", "float64", "values", "a status claim's state's place in its topic's list of states (NaN: none)"
    ),
    ClaimColumn("period_start", "float64", "periods", "the first day of the claim's period"),
    ClaimColumn("period_end", "float64", "periods", "the day after the claim's period"),
    ClaimColumn(
        "span_start",
        "float64",
        "periods",
        "the first day the figure covers (-inf: a running total from the beginning); for a status over an "
        "interval, the first day it certainly holds",
    ),
    ClaimColumn(
        "span_inner_end",
        "float64",
        "periods",
        "the earliest instant the figure's coverage can end; for a status over an interval, where it "
        "certainly holds until",
    ),
    ClaimColumn("span_outer_end", "float64", "periods", "the latest instant the figure's coverage can end"),
    ClaimColumn("asof_timed", "bool", "periods", "a running total as of a time of day, not a day or longer"),
    ClaimColumn("undated", "bool", "periods", "no period of its own: as of its source's publication date"),
    ClaimColumn("published_end", "float64", "periods", "the day after its source's publication date (NaN: none)"),
    ClaimColumn(
        "stated_weekday",
        "int8",
        "values",
        "the weekday the quote writes beside the date (a date claim's, else its period's if one day, or its "
        "period's first day; Monday = 0), 7 more for its period's last day, or -1",
    ),
    ClaimColumn(
        "relation_kind", "category", "relations", "ratio, change, points, difference, increase, decrease, since or ''"
    ),
    ClaimColumn(
        "relation_factor",
        "float64",
        "relations",
        "the factor a ratio or change states (x2 → 2, +16% → 1.16); a change in points (+0.5 pp → 0.005) or "
        "as an amount (a difference: +US$300 million → 3e8, in base units), the amount",
    ),
    ClaimColumn("relation_half", "float64", "relations", "half the width of a difference's amount, in base units"),
    ClaimColumn("relative_start", "float64", "relations", "the first day of the period the relation refers to"),
    ClaimColumn("relative_end", "float64", "relations", "the day after it"),
    ClaimColumn("since_topic", "category", "relations", "the date topic a 'since' relation refers to", "topic"),
    ClaimColumn(
        "text_source",
        "category",
        "quotes",
        "the source whose text holds the quote (the citing source for a cited work)",
        "source",
    ),
    ClaimColumn("quote_start", "int32", "quotes", "where the quote starts in that text (-1: not found)"),
    ClaimColumn("quote_end", "int32", "quotes", "where it ends"),
    *(
        column
        for phase in ("liquid", "gas", "bulk")
        for column in (
            ClaimColumn(
                f"{phase}_low",
                "float64",
                "densities",
                f"the value's low bound in the topic's base unit, through the substance's {phase} density",
            ),
            ClaimColumn(f"{phase}_high", "float64", "densities", f"its high bound, through the {phase} density"),
        )
    ),
    ClaimColumn(
        "amount_dimension",
        "category",
        "amounts",
        "the dimension of the value as an amount (a rate per year becomes its year's amount)",
        "dimension",
    ),
    ClaimColumn("amount_magnitude", "float64", "amounts", "the value as an amount"),
    ClaimColumn("amount_low", "float64", "amounts", "the low bound of the value as an amount"),
    ClaimColumn("amount_high", "float64", "amounts", "the high bound of the value as an amount"),
    ClaimColumn(
        "converted_amount_dimension",
        "category",
        "amounts",
        "the dimension of the stated conversion as an amount",
        "dimension",
    ),
    ClaimColumn("cites_has_text", "bool", "texts", "the cited source has a text under seeds/"),
)

NAMES: tuple[str, ...] = tuple(column.name for column in CLAIMS)
_LABELS = pd.Index(NAMES, dtype=object)
BY_NAME: dict[str, ClaimColumn] = {column.name: column for column in CLAIMS}


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """The claims table exactly as the contract declares it: its columns in order, with
    their dtypes. A column the contract declares and the frame lacks is a programming
    error (KeyError), never silently filled."""
    data = {}
    domains: dict[str, list] = {}
    for column in CLAIMS:
        if column.dtype == "category" and column.domain:
            domains.setdefault(column.domain, []).append(_present(frame[column.name]))
    shared = {  # sorted: sorting by category sorts by text
        domain: pd.CategoricalDtype(
            sorted(pd.unique(np.concatenate([np.asarray(part, dtype=object) for part in parts])))
        )
        for domain, parts in domains.items()
    }
    lookups: dict[str, pd.Index] = {}  # one hash table of a domain's categories, built once
    for column in CLAIMS:
        values = frame[column.name]
        if column.dtype == "category":
            if column.domain:  # shared categories, and their hash table built once
                target = shared[column.domain]
                if column.domain not in lookups:
                    lookups[column.domain] = pd.Index(target.categories.tolist(), dtype=object)
                lookup = lookups[column.domain]
            else:
                target = pd.CategoricalDtype(sorted(_present(values)))
                lookup = pd.Index(target.categories.tolist(), dtype=object)
            data[column.name] = _recoded(values, target, lookup)
        elif column.dtype == "str":
            data[column.name] = values.astype("str")
        else:
            data[column.name] = values.astype(column.dtype)
    # Columns already of their declared dtype are taken as they are, and each column stays
    # its own block: no copy of the whole table (which would double the peak memory). The
    # labels are plain Python strings, as tables.plain_labels gives them.
    return pd.DataFrame(data, index=frame.index, columns=_LABELS, copy=False)


def _recoded(values: pd.Series, target: pd.CategoricalDtype, lookup: pd.Index) -> pd.Series:
    """``values.astype(target)`` (a value outside the categories, or missing, becomes
    missing) through ``lookup``, an object index of the target's categories whose hash table
    is built once per domain: pandas rebuilt one of the hundreds of thousands of topic names
    for every column it recoded."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, present = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, present = pd.factorize(values)  # missing values: -1
    mapping = np.append(positions_in(lookup, present), -1)  # code -1: missing
    return pd.Series(pd.Categorical.from_codes(mapping[codes], dtype=target), index=values.index)


def _present(values: pd.Series):
    """The distinct values a column holds (a category's used categories, no missing)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        used = np.bincount(values.cat.codes.to_numpy() + 1, minlength=len(values.cat.categories) + 1)[1:] > 0
        return values.cat.categories[used]
    return values.dropna().unique()


def empty() -> pd.DataFrame:
    """A claims table with no rows and every declared column."""
    return pd.DataFrame(
        {column.name: pd.Series(dtype="category" if column.dtype == "category" else column.dtype) for column in CLAIMS}
    )
