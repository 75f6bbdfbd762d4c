"""A rule's Fails:/Passes: examples as data that run.

Each rule module has ``EXAMPLES``, a tuple of ``Example``: a few rows of the claims table
(by source), the topic and entity rows they need, and what the rule must report. The
meta-test ``tests/test_rule_examples.py`` writes each example as a corpus, runs the rule on
it and asserts that it flags exactly the expected claims (a passing example: nothing).
The docstring's Fails:/Passes: lines are the examples' descriptions, word for word and in
order (the same test checks it), so the documentation cannot drift from the behaviour;
``claimcheck rules RULE-ID`` shows each example with its rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Row = Mapping[str, str]  # one row of a corpus table: column name → cell
OUTCOMES = ("fails", "passes")


def claim_row(id: str, topic: str, value: str, quote: str | None = None, **columns: str) -> Row:
    """One row of a claims table; the quote defaults to the value as written."""
    return {"id": id, "topic": topic, "value": value, "quote": value if quote is None else quote, **columns}


@dataclass(frozen=True)
class Example:
    outcome: str  # "fails" or "passes"
    description: str  # the docstring's line after "Fails:" or "Passes:"
    claims: Mapping[str, tuple[Row, ...]]  # source id → its claims; each source's text is its quotes
    topics: tuple[Row, ...]  # the topics table
    flags: tuple[tuple[str, ...], ...] = ()  # the claim ids of each finding a failing example expects
    entities: tuple[Row, ...] = ()  # the entities table
    sources: tuple[Row, ...] = ()  # the sources table, when an example needs its dates (else one per source)

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"an example fails or passes, not {self.outcome!r}")
        if (self.outcome == "fails") != bool(self.flags):
            raise ValueError(f"a failing example names the claims it flags, a passing one none: {self.description}")

    @property
    def label(self) -> str:
        return "Fails:" if self.outcome == "fails" else "Passes:"

    def shown(self) -> list[str]:
        """The example as `claimcheck rules RULE-ID` prints it: its rows, table by table."""
        lines = [f"{self.label:<8}{self.description}"]
        rows = (
            [("claims/sources.csv", row) for row in self.sources]
            + [("claims/topics.csv", row) for row in self.topics]
            + [("claims/entities.csv", row) for row in self.entities]
        )
        rows += [(f"claims/tagged/{source}.csv", row) for source, claims in self.claims.items() for row in claims]
        width = max(len(table) for table, _ in rows)
        for table, row in rows:
            cells = ", ".join(
                f"{name}={_cell(value)}"
                for name, value in row.items()
                if value and not (name == "quote" and value == row.get("value"))
            )
            lines.append(f"        {table:<{width}}  {cells}")
        flagged = "; ".join(" + ".join(ids) for ids in self.flags) or "nothing"
        lines.append(f"        {'flags':<{width}}  {flagged}")
        return lines


def _cell(value: str) -> str:
    return f'"{value}"' if any(mark in value for mark in ", =") else value


def documented(doc: str | None) -> list[tuple[str, str]]:
    """The Fails:/Passes: lines of a docstring as (outcome, text), continuation lines
    (indented under the text) joined with single spaces."""
    examples: list[tuple[str, str]] = []
    current = False
    for line in (doc or "").strip().splitlines()[1:]:
        stripped = line.strip()
        for outcome, label in (("fails", "Fails:"), ("passes", "Passes:")):
            if stripped.startswith(label):
                examples.append((outcome, stripped[len(label) :].strip()))
                current = True
                break
        else:
            if current and stripped and line.startswith(" "):
                outcome, text = examples[-1]
                examples[-1] = (outcome, f"{text} {stripped}")
            else:
                current = False
    return examples


def without_examples(doc: str | None) -> str:
    """A docstring after its first line, less its Fails:/Passes: lines."""
    kept: list[str] = []
    current = False
    for line in (doc or "").strip().splitlines()[1:]:
        stripped = line.strip()
        if stripped.startswith(("Fails:", "Passes:")):
            current = True
        elif not (current and stripped and line.startswith(" ")):
            current = False
            kept.append(line.rstrip())
    text = "\n".join(kept).strip()
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
