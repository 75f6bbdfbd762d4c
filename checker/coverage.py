"""Coverage: which number, date and quantity mentions of each text a claim covers.

A mention is a run of digits (with its thousands separators, decimals, %, and a 4-digit
year's trailing "s"), a date written with a month name, or a number word (two … ninety,
hundred, dozen, twice, decade). It is covered when it lies inside the quote of a claim
(any occurrence of that quote in the text), inside a dateline or footnote citation that
the sources table records, or matches a pattern of the ignore list (claims/ignore.csv),
each pattern with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from checker.corpus import OUTSIDE, escapes
from checker.display import visible
from checker.errors import Problem
from checker.normalise import Normalised
from checker.schema import IGNORES
from checker.tables import read_table
from checker.texts import MONTH_WORD, SourceText, fold

_MONTH = MONTH_WORD
_MENTION = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"  # 17 April 2025
    rf"|(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"  # April 17, 2025
    rf"|(?:{_MONTH}\s+\d{{4}})"  # April 2025
    r"|(?:\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?|\b\d{1,2}\.\d{2}\s?[ap]\.?m\.?)"  # 6:00 p.m., 9.40am (a time of day)
    r"|(?:(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,])(?:\s?%)?)"  # 388 500 (thousands by spaces)
    r"|(?:\d+(?:[.,]\d+)*(?:\s?%|s\b)?)"  # 275,000  12.42  16%  2010s
    r"|(?:\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|"
    r"[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|[Ee]ighteen|[Nn]ineteen|[Tt]wenty|[Tt]hirty|"
    r"[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety|[Hh]undred|[Dd]ozen|[Tt]wice|[Dd]ecades?)\b)"
)


@dataclass
class Mention:
    source: str
    file: str
    line: int
    start: int
    end: int
    text: str
    status: str  # covered, ignored, missing
    reason: str = ""


@dataclass
class Coverage:
    mentions: list[Mention]
    problems: list[Problem] = field(default_factory=list)
    unused_ignores: list[Problem] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """Counts per source: mentions, ignored, covered, missing, percent covered."""
        frame = pd.DataFrame([m.__dict__ for m in self.mentions], columns=list(Mention.__dataclass_fields__))
        counts = frame.pivot_table(index="source", columns="status", values="start", aggfunc="count", fill_value=0)
        for status in ("covered", "ignored", "missing"):
            if status not in counts:
                counts[status] = 0
        counts = counts[["covered", "ignored", "missing"]].astype(int)
        counts["mentions"] = counts.sum(axis=1)
        counted = counts["covered"] + counts["missing"]
        counts["percent"] = (100 * counts["covered"] / counted.where(counted > 0)).fillna(100.0)
        return counts


def find_mentions(text: str) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match.group(0)) for match in _MENTION.finditer(text)]


def _spans(text: SourceText, passage: str) -> list[tuple[int, int]]:
    """Every occurrence of a passage (texts repeat pull quotes) as original spans."""
    needle = fold(passage)
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    at = text.folded.find(needle)
    while at >= 0:
        spans.append((int(text._origin[at]), int(text._origin[at + len(needle) - 1]) + 1))
        at = text.folded.find(needle, at + 1)
    return spans


def load_ignores(root: Path, problems: list[Problem]) -> pd.DataFrame:
    path = root / "claims" / "ignore.csv"
    if not path.exists():
        return pd.DataFrame(columns=list(IGNORES.names) + ["line"])
    if escapes(path, root):
        problems.append(Problem("claims/ignore.csv", 0, "-", OUTSIDE))
        return pd.DataFrame(columns=list(IGNORES.names) + ["line"])
    return read_table(path, IGNORES, "claims/ignore.csv", problems)


def coverage(normalised: Normalised, root: Path) -> Coverage:
    problems: list[Problem] = []
    ignores = load_ignores(Path(root), problems)
    compiled = []
    for row in ignores.itertuples():
        try:
            compiled.append((row, re.compile(row.pattern)))
        except re.error as error:
            problems.append(
                Problem("claims/ignore.csv", int(row.line), "pattern", f"not a regular expression: {error}")
            )
    used: set[int] = set()
    claims = normalised.claims
    sources = normalised.sources
    mentions: list[Mention] = []
    for source_id, text in sorted(normalised.texts.items()):
        covered: list[tuple[int, int]] = []
        for quote in pd.unique(claims.loc[claims["text_source"] == source_id, "quote"]):
            covered.extend(_spans(text, quote))
        for row in sources.itertuples():
            if row.id == source_id and row.dateline:
                covered.extend(_spans(text, row.dateline))
            if row.cited_in == source_id and row.citation:
                covered.extend(_spans(text, row.citation))
        ignored: list[tuple[int, int, str]] = []
        for row, pattern in compiled:
            if row.source not in ("*", source_id):
                continue
            for match in pattern.finditer(text.text):
                if match.end() > match.start():
                    ignored.append((match.start(), match.end(), row.reason))
                    used.add(int(row.line))
        file = normalised.text_files[source_id]
        for start, end, mention in find_mentions(text.text):
            if any(a <= start and end <= b for a, b in covered):
                status, reason = "covered", ""
            else:
                ignoring = next((why for a, b, why in ignored if a <= start and end <= b), None)
                status = "ignored" if ignoring is not None else "missing"
                reason = ignoring or ""
            mentions.append(Mention(source_id, file, text.line_of(start), start, end, mention, status, reason))
    unused = [
        Problem("claims/ignore.csv", int(row.line), "pattern", f"matches nothing: '{row.pattern}'")
        for row, _ in compiled
        if int(row.line) not in used
    ]
    return Coverage(mentions=mentions, problems=problems, unused_ignores=unused)


def render_coverage(result: Coverage, texts: dict[str, SourceText]) -> str:
    table = result.table()
    lines = ["source                  mentions  covered  ignored  missing  covered %"]
    for row in table.itertuples():
        lines.append(
            f"{visible(row.Index):<24}{row.mentions:>8}{row.covered:>9}{row.ignored:>9}{row.missing:>9}{row.percent:>10.1f}"
        )
    total = table[["mentions", "covered", "ignored", "missing"]].sum().astype(int)
    counted = total["covered"] + total["missing"]
    percent = 100.0 * total["covered"] / counted if counted else 100.0
    lines.append(
        f"{'total':<24}{total['mentions']:>8}{total['covered']:>9}{total['ignored']:>9}{total['missing']:>9}{percent:>10.1f}"
    )
    missing = [m for m in result.mentions if m.status == "missing"]
    if missing:
        lines.append("")
        lines.append("not covered by any claim (tag it, or add it to claims/ignore.csv with a reason):")
        for mention in missing:
            text = texts[mention.source].text
            context = " ".join(text[max(0, mention.start - 50) : mention.end + 50].split())
            lines.append(visible(f"{mention.file}:{mention.line}: '{mention.text}' … {context} …"))
    for problem in result.unused_ignores:
        lines.append(visible(f"warning: {problem}"))
    return "\n".join(lines) + "\n"
