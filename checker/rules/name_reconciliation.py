"""A topic or entity name resolved only by a fuzzy match, or ambiguously.

Fails:  topic "russia-afghanistan-trdae" → russia-afghanistan-trade (a note: correct the typo)
Fails:  topic "lpg-ports" matches lpg-imports and lpg-exports equally (a warning)
Passes: topic "bilateral trade", a listed alias of russia-afghanistan-trade

Names resolve by key, alias, normalised form, then rapidfuzz; a name unknown to all of
them is a data error reported by the loader. A fuzzy resolution is reported as a note
with its score: correct the claim when the name is a typo, or add the name to the topic's
aliases when editors use it, so the match becomes explicit; an ambiguous one,
where a second candidate scores within a few points, is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import Option
from checker.pairing import ref, row_of

ID = "name-reconciliation"
SEVERITY = "note"
OPTIONS: dict[str, Option] = {}

COLUMNS = (
    ("topic", "topic", "topics.csv"),
    ("subject", "entity", "entities.csv"),
    ("attributed_to", "entity", "entities.csv"),
)


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    for column, kind, table in COLUMNS:
        how = claims[f"{column}_match"]
        for label in claims.index[how.isin(("fuzzy", "ambiguous"))]:
            row = row_of(claims, label)
            name = row[f"{column}_input"]
            if row[f"{column}_match"] == "fuzzy":
                yield Finding(
                    topic=row["topic"],
                    claims=(ref(claims, label),),
                    severity=Severity.NOTE.value,
                    diagnosis="fuzzy match",
                    message=f"{column} '{name}' resolved to {kind} '{row[column]}' by fuzzy match "
                    f"(score {row[f'{column}_score']:.0f}): correct the claim to '{row[column]}' if it is a "
                    f"typo, or add '{name}' to its aliases in {table} if editors use that name",
                )
            else:
                yield Finding(
                    topic=row["topic"],
                    claims=(ref(claims, label),),
                    severity=Severity.WARNING.value,
                    diagnosis="ambiguous match",
                    message=f"{column} '{name}' matches several {kind}s equally well "
                    f"({row[f'{column}_candidates']}); resolved to '{row[column]}' — use the key",
                )


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_TRADE = {"key": "russia-afghanistan-trade", "kind": "quantity", "unit": "USD", "aliases": "bilateral trade"}
EXAMPLES = (
    Example(
        "fails",
        'topic "russia-afghanistan-trdae" → russia-afghanistan-trade (a note: correct the typo)',
        {"a": (claim_row("a-2024", "russia-afghanistan-trdae", "US$1 billion", period="2024"),)},
        topics=(_TRADE,),
        flags=(("a-2024",),),
    ),
    Example(
        "fails",
        'topic "lpg-ports" matches lpg-imports and lpg-exports equally (a warning)',
        {"a": (claim_row("a-2024", "lpg-ports", "5 t", period="2024"),)},
        topics=(
            {"key": "lpg-imports", "kind": "quantity", "unit": "t"},
            {"key": "lpg-exports", "kind": "quantity", "unit": "t"},
        ),
        flags=(("a-2024",),),
    ),
    Example(
        "passes",
        'topic "bilateral trade", a listed alias of russia-afghanistan-trade',
        {"a": (claim_row("a-2024", "bilateral trade", "US$1 billion", period="2024"),)},
        topics=(_TRADE,),
    ),
)
