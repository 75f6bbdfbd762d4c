"""Read the corpus: source texts, and the sources, topics, entities and claims tables.

Every table row keeps the physical line it starts on, so every later problem or finding
can point at ``FILE:LINE``. Problems are collected, never raised one at a time.

Layout of a corpus folder::

    seeds/                  source texts (UTF-8)
    claims/sources.csv      one row per source
    claims/topics.csv       canonical topics
    claims/entities.csv     canonical entities (organisations, people, countries)
    claims/tagged/*.csv     one claims table per source, named after the source id
    claims/reviews.csv      editorial decisions on findings (optional)
    claims/ignore.csv       mentions the coverage report leaves out, with reasons (optional)
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from checker.errors import Problem
from checker.files import read_regular
from checker.texts import SourceText

# Hand-edited tables stay far below these; the limits turn a runaway paste or a wrong
# file into a clear error instead of exhausting memory.
MAX_TABLE_BYTES = 512 * 1024 * 1024
MAX_TEXT_BYTES = 32 * 1024 * 1024
MAX_FIELD_CHARS = 20_000


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False  # the header must have it
    mandatory: bool = False  # every row must fill it
    doc: str = ""
    example: str = ""


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


SOURCES = TableSchema("sources", (
    Column("id", True, True, "Short unique id; the claims table of the source is claims/tagged/ID.csv.", "orf-zakharov-2025"),
    Column("file", doc="The text under seeds/, if the corpus holds it. Empty for a work known only from a citation.", example="orf-zakharov-2025.txt"),
    Column("title", doc="Title as the text states it; empty when it states none.", example="Understanding Russias Taliban gauntlet"),
    Column("author", doc="Authors as stated, separated by semicolons.", example="Harsh V. Pant; Aleksei Zakharov"),
    Column("publisher", doc="Outlet or publisher as stated.", example="Observer Research Foundation"),
    Column("published", doc="Publication date (EDTF). The as-of time of a claim with no period.", example="2025-07-28"),
    Column("url", doc="Address, when stated.", example="https://tass.com/politics/1793853"),
    Column("dateline", doc="The text's own dateline, verbatim, when it has one (checked against the text).", example="Published – July 28, 2025 12:08 am IST"),
    Column("cited_in", doc="The source whose footnote cites this one. A cited work without a text of its own has its claims' quotes (its headline, as the footnote gives it) found in that source's text.", example="capss-patro-2025"),
    Column("citation", doc="The footnote as it appears in the citing text, verbatim.", example='"Afghanistan\'s trade volume surpasses \\$12 billion in 2024: Statement," *Amu TV*, January 05, 2025'),
    Column("language", doc="The text's language (a BCP 47 code such as en, ru, de, fa); numbers in its quotes and claims use that language's decimal mark (12,42 in ru is 12.42). Empty: English.", example="ru"),
    Column("note", doc="Anything an editor should know: where a field comes from, doubts."),
))

TOPICS = TableSchema("topics", (
    Column("key", True, True, "Canonical topic key, lower case with hyphens.", "russia-afghanistan-trade"),
    Column("kind", True, True, "quantity, count, date or status.", "quantity"),
    Column("label", doc="Human-readable name.", example="Russia–Afghanistan bilateral trade"),
    Column("aliases", doc="Other names editors use, separated by semicolons.", example="bilateral trade; trade turnover"),
    Column("unit", doc="Display unit, which fixes the expected dimension (quantity and count topics).", example="USD"),
    Column("tolerance", doc="Relative tolerance when comparing values (0.02 = 2 %); empty takes the rule's default.", example="0.02"),
    Column("substance", doc="What is measured, when a density links volume and mass: " + ", ".join(("lpg", "wheat", "flour", "gasoline", "diesel", "crude-oil", "natural-gas")) + ".", example="lpg"),
    Column("states", doc="Status topics: the allowed states, separated by semicolons.", example="recognised; not-recognised"),
    Column("part_of", doc="A topic whose value this topic's value can never exceed (a part of that whole).", example="afghanistan-foreign-trade"),
    Column("bounded_by", doc="A topic whose value bounds this one within an order of magnitude (annual demand bounds an annual contract).", example="afghanistan-lpg-demand"),
    Column("aggregation", doc="Quantity and count topics: flow (a sum over its period: trade, deliveries), stock (a level at an instant: population, a price) or cumulative (a running total as of a date: a death toll). Empty: flow for amounts of money, mass, volume and energy, stock for everything else.", example="flow"),
    Column("rounding", doc="How an unqualified round number of this topic reads: a largest relative half-width (5 % by default: 1 billion is 0.95–1.05 billion), stated (the full precision of its significant digits) or exact.", example="10%"),
    Column("sum_of", doc="Topics whose values add up to this topic's, separated by semicolons.", example="afghanistan-exports; afghanistan-imports"),
    Column("event", doc="Date topics: what happened, for reports.", example="Supreme Court suspends the ban on the Taliban"),
    Column("note", doc="Definitions and caveats."),
))

ENTITIES = TableSchema("entities", (
    Column("key", True, True, "Canonical entity key.", "iskp"),
    Column("label", doc="Display name.", example="Islamic State Khorasan Province"),
    Column("kind", doc="organisation, person, country, ministry, court, media…", example="organisation"),
    Column("aliases", doc="Other names, separated by semicolons.", example="ISKP; IS-K; Islamic State Khorasan Province"),
    Column("note", doc="Anything an editor should know."),
))

CLAIMS = TableSchema("claims", (
    Column("id", True, True, "Claim id, unique across the whole corpus.", "orf-trade-2024"),
    Column("topic", True, True, "Topic key or alias.", "russia-afghanistan-trade"),
    Column("value", True, True, "Quantity, count, date (EDTF) or state, as the text gives it.", "US$1 billion"),
    Column("quote", True, True, "The sentence or clause that carries the claim, verbatim from the source text.", "from US$170 million in 2022 to US$1 billion in 2024"),
    Column("period", doc="The time a figure covers, or the time a status holds (EDTF). Empty: the source's publication date.", example="2024"),
    Column("scope", doc="What the figure covers when a topic has several scopes; claims compare only within one scope.", example="bilateral"),
    Column("modality", doc="actual (default), estimate, forecast, target, plan or agreement. Only actual and estimate figures conflict.", example="target"),
    Column("subject", doc="The entity the claim is about, when the topic does not say it.", example="taliban"),
    Column("attributed_to", doc="Who the text says the claim comes from (an entity).", example="Taliban Ministry of Industry and Commerce"),
    Column("cites", doc="The source id of the work a footnote cites for this claim.", example="orf-zakharov-2025"),
    Column("converted", doc="A conversion the text states itself, as a second value.", example="~26.3 million t"),
    Column("relation", doc="A relation the text states: x2 (a multiple), +16% / -5% (a change), increase, decrease, since.", example="x2"),
    Column("relative_to", doc="What the relation refers to: a period of the same topic, or for 'since' a date topic.", example="2023"),
    Column("inferred", doc="yes when the value is read from context rather than stated in digits or number words (the note must say how).", example="yes"),
    Column("note", doc="Editor's note."),
))

REVIEWS = TableSchema("reviews", (
    Column("fingerprint", True, True, "The finding's fingerprint, from any report.", "3f9c0a7e1b2d4c5a"),
    Column("decision", True, True, "confirmed-error, accepted-difference or false-positive.", "accepted-difference"),
    Column("reviewer", doc="Who decided.", example="desk editor"),
    Column("date", doc="When (ISO date).", example="2025-08-01"),
    Column("note", doc="Why, for the next reader.", example="Different scopes: bilateral vs total trade."),
    Column("expires", doc="Optional date after which the decision must be taken again.", example="2026-01-01"),
    Column("rule", doc="Rule id of the finding, recorded for readers and stale-review reports.", example="value-conflict"),
    Column("topic", doc="Topic of the finding, recorded for readers.", example="russia-afghanistan-trade"),
    Column("claims", doc="Claim ids of the finding, recorded for readers and stale-review reports.", example="orf-trade-2024; capss-trade-2024"),
))

IGNORES = TableSchema("ignore", (
    Column("source", True, True, "Source id, or * for every source.", "capss-patro-2025"),
    Column("pattern", True, True, "A regular expression; every mention it matches is left out of coverage.", r"Accessed on \w+ \d{2}, \d{4}"),
    Column("reason", True, True, "Why these mentions carry no claim.", "access dates of footnotes"),
))

@dataclass
class Corpus:
    root: Path
    sources: pd.DataFrame
    topics: pd.DataFrame
    entities: pd.DataFrame
    claims: pd.DataFrame
    texts: dict[str, SourceText] = field(default_factory=dict)
    text_files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def display_path(path: Path, root: Path) -> str:
    """A path as reports print it: relative to the corpus root, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, name: str, problems: list[Problem]) -> str | None:
    """UTF-8 (a byte-order mark is allowed); anything else is a problem naming the byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        problems.append(Problem(name, _line_of_offset(data, error.start), "-",
                                f"not UTF-8: byte 0x{byte:02x} at offset {error.start}; save the file as UTF-8"))
        return None


def read_table(path: Path, schema: TableSchema, name: str, problems: list[Problem]) -> pd.DataFrame:
    """Read one CSV table as text columns plus ``line``; problems go to ``problems``.

    Returns an empty table with the schema's columns when the file cannot be read.
    """
    frame = conform(read_raw(path, schema, name, problems), schema)
    frame["_table"] = name
    return tidy(frame, schema, problems, "_table").drop(columns="_table")


def _empty(schema: TableSchema) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in schema.names} | {"line": pd.Series(dtype=np.int64)})


def read_raw(path: Path, schema: TableSchema, name: str, problems: list[Problem]) -> pd.DataFrame:
    """Parse one CSV file into the schema's text columns plus ``line``, untidied."""
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            problems.append(Problem(name, 0, "-", f"file is {size} bytes, above the limit of {MAX_TABLE_BYTES}"))
            return _empty(schema)
        data = read_regular(path, MAX_TABLE_BYTES)
    except OSError as error:
        problems.append(Problem(name, 0, "-", f"cannot read: {error.strerror or error}"))
        return _empty(schema)
    text = decode(data, name, problems)
    if text is None:
        return _empty(schema)
    if not text.strip():
        problems.append(Problem(name, 1, "-", f"empty file: expected a header row ({', '.join(c.name for c in schema.columns if c.required)}, …)"))
        return _empty(schema)
    header_line = text.split("\n", 1)[0]
    if "," not in header_line:
        for delimiter, label in (("\t", "tabs"), (";", "semicolons"), ("|", "bars")):
            if delimiter in header_line:
                problems.append(Problem(name, 1, "-", f"fields are separated by {label}; use commas"))
                return _empty(schema)
    try:
        # index_col=False: rows with more fields than the header must not silently turn
        # their first cells into an index; pandas warns instead, and the warning is an error.
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False,
                                skip_blank_lines=False, engine="c", index_col=False)
    except (pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError, ValueError, csv.Error):
        problems.extend(_diagnose_structure(text, name))
        return _empty(schema)
    before = len(problems)
    _check_header(list(frame.columns), schema, name, problems)
    if any(p.column == "-" and "missing column" in p.message for p in problems[before:]):
        return _empty(schema)
    names = [str(column).strip() for column in frame.columns]
    if names != list(frame.columns):  # only a header with stray spaces or duplicates costs a copy
        frame.columns = names
    if frame.columns.has_duplicates:
        frame = frame.loc[:, ~frame.columns.duplicated()]
    # Physical line of each row: the header is line 1, and a row starts after every line
    # the previous rows took. Line breaks inside quoted cells shift the rows after them;
    # they are counted only when the file has more lines than rows.
    lines_in_file = text.count("\n") + (0 if text.endswith("\n") else 1)
    starts = 2 + np.arange(len(frame), dtype=np.int64)
    if len(frame) and lines_in_file > len(frame) + 1:
        breaks = np.zeros(len(frame), dtype=np.int64)
        for column in frame.columns:
            breaks += frame[column].str.count("\n").to_numpy(dtype=np.int64)
        starts += np.concatenate(([0], np.cumsum(breaks)[:-1]))
    frame["line"] = starts
    _short_rows(text, frame, name, problems)
    # A cell can only be too long if some line is, or if cells span lines.
    if len(text) > MAX_FIELD_CHARS and (lines_in_file > len(frame) + 1 or max(map(len, text.split("\n"))) > MAX_FIELD_CHARS):
        too_long = np.zeros(len(frame), dtype=bool)
        for column in frame.columns.drop("line"):
            too_long |= (frame[column].str.len() > MAX_FIELD_CHARS).to_numpy()
        for line in frame.loc[too_long, "line"]:
            problems.append(Problem(name, int(line), "-", f"a cell is longer than {MAX_FIELD_CHARS} characters"))
        frame = frame[~too_long]
    return frame


_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def _short_rows(text: str, frame: pd.DataFrame, name: str, problems: list[Problem]) -> None:
    """Rows with fewer fields than the header. pandas fills them with empty cells as if the
    editor had left them empty; a row a field short usually means a lost comma, and every
    value after it sits in the wrong column. With quoted cells removed (their commas and
    line breaks are not separators), each remaining line is one row, and its commas count
    its fields."""
    rows = _QUOTED.sub("", text).replace("\r", "").split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    width = len(frame.columns) - 1  # without "line"
    commas = np.fromiter((row.count(",") for row in rows[1:1 + len(frame)]), dtype=np.int64, count=min(len(rows) - 1, len(frame)))
    blank = np.fromiter((not row.strip() for row in rows[1:1 + len(frame)]), dtype=bool, count=len(commas))
    for position in np.flatnonzero((commas < width - 1) & ~blank):
        problems.append(Problem(name, int(frame["line"].iloc[position]), "-",
                                f"{int(commas[position]) + 1} fields where the header has {width}: a comma is missing, "
                                "or an empty cell at the end of the row needs its comma"))


def conform(frame: pd.DataFrame, schema: TableSchema) -> pd.DataFrame:
    """The schema's columns in order (absent ones empty), plus ``line``."""
    for column in schema.names:
        if column not in frame.columns:
            frame[column] = ""
        elif frame[column].isna().any():  # columns missing from some of the concatenated files
            frame[column] = frame[column].fillna("")
    extras = [c for c in ("source", "file", "_table") if c in frame.columns and c not in schema.names]
    return frame[list(schema.names) + ["line"] + extras]


def tidy(frame: pd.DataFrame, schema: TableSchema, problems: list[Problem], file_column: str = "file") -> pd.DataFrame:
    """Drop blank rows, strip cells (quotes and citations stay verbatim), and report
    missing mandatory values; once for a whole table, however many files it came from."""
    columns = list(schema.names)
    blank = np.ones(len(frame), dtype=bool)
    for column in columns:
        blank &= (frame[column] == "").to_numpy()
    frame = frame[~blank].copy()
    for column in columns:
        if column not in ("quote", "citation"):
            # A list comprehension: str.strip per cell is several times faster than the
            # pandas accessor on object columns.
            cells = frame[column].to_numpy(dtype=object).copy()
            filled = np.flatnonzero(cells != "")  # empty cells, the most common, need nothing
            cells[filled] = [cell.strip() for cell in cells[filled]]
            frame[column] = pd.Series(cells, index=frame.index, dtype=object)
    for column in schema.columns:
        if column.mandatory:
            empty = (frame[column.name] == "") if column.name not in ("quote", "citation") else (frame[column.name].str.strip() == "")
            for file, line in frame.loc[empty, [file_column, "line"]].itertuples(index=False):
                problems.append(Problem(file, int(line), column.name, "missing value"))
    return frame.reset_index(drop=True)


def _check_header(columns: list[str], schema: TableSchema, name: str, problems: list[Problem]) -> None:
    from rapidfuzz import process

    stripped = [str(column).strip() for column in columns]
    seen: set[str] = set()
    for column in stripped:
        if column in seen:
            problems.append(Problem(name, 1, column, "column appears twice in the header"))
        seen.add(column)
        if column not in schema.names:
            match = process.extractOne(column, schema.names, score_cutoff=60) if column else None
            hint = f" (did you mean '{match[0]}'?)" if match else f" (known columns: {', '.join(schema.names)})"
            shown = column if column and not column.startswith("Unnamed: ") else "(blank header cell)"
            problems.append(Problem(name, 1, shown, f"unknown column{hint}"))
    for column in schema.columns:
        if column.required and column.name not in seen:
            problems.append(Problem(name, 1, "-", f"missing column '{column.name}'"))


def _diagnose_structure(text: str, name: str) -> list[Problem]:
    """Find every structurally broken row with the csv module, for a file pandas refused."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header_width = None
    start_line = 1
    try:
        for row in reader:
            if header_width is None:
                header_width = len(row)
            elif row and len(row) > header_width:
                problems.append(Problem(name, start_line, "-", f"{len(row)} fields where the header has {header_width}: "
                                        "a comma inside a cell needs the cell in double quotes"))
            start_line = reader.line_num + 1
    except csv.Error as error:
        message = str(error)
        if "EOF" in message or "end of" in message or "new-line" in message:
            message = "a double quote opened here is never closed"
        problems.append(Problem(name, start_line, "-", message))
    if not problems:
        problems.append(Problem(name, 1, "-", "the file is not a readable CSV table"))
    return problems


def safe_join(base: Path, relative: str, root: Path | None = None) -> Path | None:
    """``base/relative`` if it stays inside ``base`` and the corpus ``root`` once every
    symbolic link is followed, folders included (no '..', no absolute path, no link out)."""
    if not relative or os.path.isabs(relative) or re.match(r"^[A-Za-z]:", relative):
        return None
    candidate = (base / relative)
    try:
        resolved = candidate.resolve()
        resolved.relative_to(base.resolve())
        if root is not None:
            resolved.relative_to(Path(root).resolve())
    except (ValueError, OSError, RuntimeError):
        return None
    return candidate


def escapes(path: Path, root: Path) -> bool:
    """Whether a path of the corpus leads outside its root once symbolic links are followed
    (the file itself or any folder on the way)."""
    try:
        Path(path).resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError, RuntimeError):
        return True
    return False


OUTSIDE = "a symbolic link (or a folder on its path) leads outside the corpus; copy the file into it"


def load_corpus(root: Path) -> Corpus:
    """Read every table and source text under ``root``; collect all problems."""
    root = Path(root)
    problems: list[Problem] = []
    claims_dir = root / "claims"
    tables = {}
    for schema, filename in ((SOURCES, "sources.csv"), (TOPICS, "topics.csv"), (ENTITIES, "entities.csv")):
        path = claims_dir / filename
        shown = f"claims/{filename}"
        if not path.exists():
            problems.append(Problem(shown, 0, "-", f"missing {schema.name} table"))
            tables[schema.name] = read_table(Path(os.devnull), schema, shown, [])
        elif escapes(path, root):
            problems.append(Problem(shown, 0, "-", OUTSIDE))
            tables[schema.name] = read_table(Path(os.devnull), schema, shown, [])
        else:
            tables[schema.name] = read_table(path, schema, shown, problems)
        tables[schema.name]["table_file"] = shown
    sources = tables["sources"]
    texts: dict[str, SourceText] = {}
    text_files: dict[str, str] = {}
    sources_name = "claims/sources.csv"
    seeds = root / "seeds"
    seeds_outside = seeds.exists() and escapes(seeds, root)
    if seeds_outside:
        problems.append(Problem("seeds", 0, "-", OUTSIDE))
    for row in sources.itertuples():
        if not row.file or seeds_outside:
            continue
        path = safe_join(seeds, row.file, root)
        if path is None:
            problems.append(Problem(sources_name, int(row.line), "file", f"'{row.file}' is outside seeds/; give a path inside it"))
            continue
        shown = f"seeds/{Path(row.file).as_posix()}"
        try:
            data = read_regular(path, MAX_TEXT_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            problems.append(Problem(sources_name, int(row.line), "file", f"no such file: {shown}"))
            continue
        except OSError as error:  # not a regular file, above the size limit, a name too long…
            problems.append(Problem(sources_name, int(row.line), "file", f"cannot read {shown}: {error.strerror or error}"))
            continue
        content = decode(data, shown, problems)
        if content is not None:
            texts[row.id] = SourceText(content)
            text_files[row.id] = shown
    frames: list[pd.DataFrame] = []
    owners: list[tuple[str, str, int]] = []
    tagged = claims_dir / "tagged"
    if tagged.is_dir() and escapes(tagged, root):
        problems.append(Problem("claims/tagged", 0, "-", OUTSIDE))
        paths = []
    else:
        paths = sorted(tagged.glob("*.csv")) if tagged.is_dir() else []
        if not paths:
            problems.append(Problem("claims/tagged", 0, "-", "no claims tables (claims/tagged/SOURCE-ID.csv)"))
    for path in paths:
        shown = f"claims/tagged/{path.name}"
        if escapes(path, root):
            problems.append(Problem(shown, 0, "-", OUTSIDE))
            continue
        frame = read_raw(path, CLAIMS, shown, problems)
        frames.append(frame)
        owners.append((path.stem, shown, len(frame)))
    if frames:
        claims = pd.concat(frames, ignore_index=True, sort=False)
        # Source and file of every row, set once for the whole table rather than per file.
        claims["source"] = np.repeat([stem for stem, _, _ in owners], [count for _, _, count in owners])
        claims["file"] = np.repeat([shown for _, shown, _ in owners], [count for _, _, count in owners])
        claims = tidy(conform(claims, CLAIMS), CLAIMS, problems)
    else:
        claims = _empty(CLAIMS).assign(source="", file="")
    return Corpus(root=root, sources=sources, topics=tables["topics"], entities=tables["entities"],
                  claims=claims, texts=texts, text_files=text_files, problems=problems)
