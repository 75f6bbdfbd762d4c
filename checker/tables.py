"""Reading the CSV tables of a corpus: every row with the physical line it starts on, every
structural problem located, all files parsed by pyarrow's CSV reader in parallel threads.

Per file, one pass of array arithmetic over its bytes finds where each record starts (a
line break outside quotes) and its physical line; when pyarrow leaves out a row of
another width, a second pass counts each record's fields (commas outside quotes), so
rows with too many or too few fields are located without a Python-level loop. Blank
lines are skipped as editors expect. pyarrow then parses
the fields (multi-threaded C++, strings never inferred as numbers), the cells are stripped
on whole columns (pyarrow compute), and the result is one pandas table of text columns
(pyarrow-backed ``str``) plus ``line``. A file pyarrow cannot read (a quote never closed)
is diagnosed row by row with the csv module.
"""

from __future__ import annotations

import csv
import ctypes
import io
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from checker.errors import Problem
from checker.files import read_regular
from checker.names import did_you_mean
from checker.schema import TableSchema

# Arrow's allocator: the C library's, unless ARROW_DEFAULT_MEMORY_POOL names another. With
# pyarrow's default (mimalloc) the whole-column steps of reading (joining the files' rows,
# stripping cells) ran up to three times slower on tables of millions of rows, and memory
# freed after each stage goes back to the system through one call (release_memory).
if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
    pa.set_memory_pool(pa.system_memory_pool())

# Hand-edited tables stay far below these; the limits turn a runaway paste or a wrong
# file into a clear error instead of exhausting memory.
MAX_TABLE_BYTES = 512 * 1024 * 1024
MAX_FIELD_CHARS = 20_000
VERBATIM = ("quote", "citation")  # cells kept exactly as written (they must match a text)
_BOM = b"\xef\xbb\xbf"
_QUOTE, _COMMA, _NEWLINE = ord('"'), ord(","), ord("\n")


@dataclass
class Parsed:
    """One file: its rows (an Arrow table of strings, or None) and its problems."""

    name: str
    table: pa.Table | None
    lines: np.ndarray
    problems: list[Problem]


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_utf8(data: bytes, name: str, problems: list[Problem]) -> bool:
    """UTF-8 (a byte-order mark is allowed); anything else is a problem naming the byte."""
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        byte = data[error.start]
        problems.append(
            Problem(
                name,
                _line_of_offset(data, error.start),
                "-",
                f"not UTF-8: byte 0x{byte:02x} at offset {error.start}; save the file as UTF-8",
            )
        )
        return False


def decode(data: bytes, name: str, problems: list[Problem]) -> str | None:
    """A text file's content, or None with a problem naming the first byte that is not UTF-8."""
    return data.decode("utf-8-sig") if check_utf8(data, name, problems) else None


def _records(data: bytes, width: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each record's start offset, physical line, field count and whether it is blank.

    A record ends at a line break outside quotes: one with an even number of quotes before
    it (an escaped quote "" counts twice, so it never flips the parity). Only the positions
    of quotes, line breaks and commas are kept, never an array the size of the file.

    ``width``: the parser found every record that is not an empty line to have this many
    fields, so commas are not counted (the pass over them costs as much as parsing); an
    empty line gets a count of -1, as it is no row at all."""
    array = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(array == _QUOTE)
    newlines = np.flatnonzero(array == _NEWLINE)
    outside = np.searchsorted(quotes, newlines) % 2 == 0
    ends = newlines[outside]
    starts = np.concatenate(([0], ends + 1))
    if starts[-1] >= len(array):  # the file ends with a line break
        starts = starts[:-1]
    stops = np.concatenate((ends, [len(array)]))[: len(starts)]
    lines = np.searchsorted(newlines, starts) + 1  # line breaks before the start, plus one
    blank = np.zeros(len(starts), dtype=bool)
    empty_line = np.zeros(len(starts), dtype=bool)
    for position in np.flatnonzero(stops - starts < 64):  # only a short record can be blank
        record = data[starts[position] : stops[position]]
        blank[position] = not record.strip()
        empty_line[position] = record in (b"", b"\r")
    if width is not None:
        return starts, lines, np.where(empty_line, -1, width), blank
    commas = np.flatnonzero(array == _COMMA)
    commas = commas[np.searchsorted(quotes, commas) % 2 == 0]
    fields = np.bincount(np.searchsorted(starts, commas, side="right") - 1, minlength=len(starts)) + 1
    return starts, lines, fields, blank


def _structure(text: str, name: str) -> list[Problem]:
    """Every structurally broken row, found with the csv module, for a file pyarrow refused."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header_width = None
    start_line = 1
    try:
        for row in reader:
            if header_width is None:
                header_width = len(row)
            elif row and len(row) != header_width:
                problems.append(Problem(name, start_line, "-", _width_message(len(row), header_width)))
            start_line = reader.line_num + 1
    except csv.Error as error:
        message = str(error)
        if "EOF" in message or "end of" in message or "new-line" in message:
            message = "a double quote opened here is never closed"
        problems.append(Problem(name, start_line, "-", message))
    if not problems:
        problems.append(Problem(name, 1, "-", "the file is not a readable CSV table"))
    return problems


def _width_message(fields: int, width: int) -> str:
    if fields > width:
        return f"{fields} fields where the header has {width}: a comma inside a cell needs the cell in double quotes"
    return (
        f"{fields} fields where the header has {width}: a comma is missing, or an empty cell at the end of the row "
        "needs its comma"
    )


def _header(data: bytes) -> list[str] | None:
    first = data.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    try:
        return next(csv.reader([first]), [])
    except csv.Error:
        return None


def parse(data: bytes, name: str, schema: TableSchema) -> Parsed:
    """Parse one file's bytes (see the module docstring)."""
    problems: list[Problem] = []
    empty = Parsed(name, None, np.zeros(0, dtype=np.int64), problems)
    if len(data) > MAX_TABLE_BYTES:
        problems.append(Problem(name, 0, "-", f"file is {len(data)} bytes, above the limit of {MAX_TABLE_BYTES}"))
        return empty
    if not check_utf8(data, name, problems):
        return empty
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"\r" in data:  # a lone carriage return ends a line too (old Mac files): read it as \n
        data = re.sub(rb"\r(?!\n)", b"\n", data)
    if not data.strip():
        problems.append(
            Problem(
                name,
                1,
                "-",
                f"empty file: expected a header row ({', '.join(c.name for c in schema.columns if c.required)}, …)",
            )
        )
        return empty
    header_line = data.split(b"\n", 1)[0]
    if b"," not in header_line:
        for delimiter, label in ((b"\t", "tabs"), (b";", "semicolons"), (b"|", "bars")):
            if delimiter in header_line:
                problems.append(Problem(name, 1, "-", f"fields are separated by {label}; use commas"))
                return empty
    header = _header(data)
    if header is None:
        problems.extend(_structure(data.decode("utf-8"), name))
        return empty
    _check_header(header, schema, name, problems)
    if any(problem.column == "-" and "missing column" in problem.message for problem in problems):
        return empty
    if data.count(b'"') % 2:  # a quote opened and never closed: let csv say where
        problems.extend(_structure(data.decode("utf-8"), name))
        return empty
    width = len(header)
    names = [f"\x00{position}" for position in range(width)]  # pyarrow needs unique names
    skipped: list[int] = []  # rows of another width, which pyarrow leaves out

    def skip(row) -> str:
        skipped.append(row.number)
        return "skip"

    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(use_threads=False, column_names=names, skip_rows=1, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(
                newlines_in_values=True, ignore_empty_lines=True, invalid_row_handler=skip
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types={column: pa.string() for column in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError):
        problems.extend(_structure(data.decode("utf-8"), name))
        return empty
    # Fields are counted only when pyarrow left a row out: otherwise each record has the
    # header's width, and the rows it returns are the records that are not empty lines.
    starts, lines, fields, blank = _records(data, None if skipped else width)
    rows = ~blank
    rows[0] = False  # the header
    wrong = rows & (fields != width)
    for line, count in zip(lines[wrong], fields[wrong]):
        problems.append(Problem(name, int(line), "-", _width_message(int(count), width)))
    # pyarrow skips lines that are empty (not those of spaces alone) and rows of the wrong
    # width; the records kept, in order, are the rows it returns.
    kept = rows & (fields == width)
    whitespace_only = blank & (fields == width)  # spaces only, but as many fields: a row of empty cells
    kept |= whitespace_only & (np.arange(len(blank)) > 0)
    row_lines = lines[kept]
    if table.num_rows != len(row_lines):  # a record pyarrow saw differently: let csv locate it
        problems.extend(_structure(data.decode("utf-8"), name))
        return empty
    columns = {}
    for position, column in enumerate(header):
        column = column.strip()
        if column in columns or not column:
            continue
        columns[column] = table.column(position)
    return Parsed(name, pa.table(columns) if columns else None, row_lines.astype(np.int64), problems)


def _check_header(columns: list[str], schema: TableSchema, name: str, problems: list[Problem]) -> None:

    stripped = [str(column).strip() for column in columns]
    seen: set[str] = set()
    for column in stripped:
        if column in seen and column:
            problems.append(Problem(name, 1, column, "column appears twice in the header"))
        seen.add(column)
        if column not in schema.names:
            hint = did_you_mean(column, schema.names) or f" (known columns: {', '.join(schema.names)})"
            shown = column if column else "(blank header cell)"
            problems.append(Problem(name, 1, shown, f"unknown column{hint}"))
    for declared in schema.columns:
        if declared.required and declared.name not in seen:
            problems.append(Problem(name, 1, "-", f"missing column '{declared.name}'"))


def plain_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its column labels as plain Python strings (an object index), in
    place: pandas gives labels an Arrow string index, through which every look-up of a
    column by name is a third slower and every column added rebuilds the labels (a tenth
    of a millisecond each); the checker looks columns up by name thousands of times."""
    frame.columns = frame.columns.astype(object)
    return frame


def empty_table(schema: TableSchema) -> pd.DataFrame:
    return pd.DataFrame(
        {column: pd.Series(dtype="str") for column in schema.names} | {"line": pd.Series(dtype=np.int32)}
    )


def _to_frame(
    parsed: list[Parsed], schema: TableSchema, problems: list[Problem], extra: dict[str, list[str]] | None
) -> pd.DataFrame:
    """The parsed files as one table: the schema's columns (absent ones empty), ``line``,
    and per-file columns (``extra``: a value for each file), cells stripped on whole
    columns, blank rows dropped, cells over the size limit and missing mandatory values
    reported."""
    tables, line_parts = [], []
    extra_values: dict[str, list[np.ndarray]] = {key: [] for key in (extra or {})}
    for position, item in enumerate(parsed):
        problems.extend(item.problems)
        if item.table is None or item.table.num_rows == 0:
            continue
        length = item.table.num_rows
        present = set(item.table.column_names)  # once: pyarrow builds this list anew at every call
        arrays = {}
        for column in schema.names:
            arrays[column] = item.table.column(column) if column in present else pa.array([""] * length, pa.string())
        tables.append(pa.table(arrays))
        line_parts.append(item.lines)
        for key in extra or {}:
            extra_values[key].append(np.full(length, position, dtype=np.int32))
    if not tables:
        frame = empty_table(schema)
        for key in extra or {}:
            frame[key] = pd.Series(dtype="str")
        return plain_labels(frame)
    # One chunk per column: pandas takes rows from a many-chunk Arrow array by walking its
    # chunks, which made every look-up of a row cost as much as the number of files.
    table = pa.concat_tables(tables).combine_chunks()
    lines = np.concatenate(line_parts)
    stripped, empty = {}, {}
    blank = None
    for column in schema.names:
        values = table.column(column)
        if column not in VERBATIM:
            values = pc.utf8_trim_whitespace(values)
        stripped[column] = values
        empty[column] = pc.equal(pc.utf8_trim_whitespace(values) if column in VERBATIM else values, "")
        blank = empty[column] if blank is None else pc.and_(blank, empty[column])
    keep = pc.invert(blank).to_numpy(zero_copy_only=False)
    owner = {key: np.concatenate(parts) for key, parts in extra_values.items()}
    names = {key: np.asarray(values, dtype=object) for key, values in (extra or {}).items()}
    file_column = next(iter(names), None)
    shown_files = (
        names[file_column][owner[file_column]]
        if file_column
        else np.full(len(lines), parsed[0].name if parsed else "", dtype=object)
    )
    # Cells over the size limit: reported, the row left out.
    too_long = np.zeros(len(lines), dtype=bool)
    for values in stripped.values():
        # Bytes first (no decoding): a cell within the limit in bytes is within it in characters.
        if (pc.max(pc.binary_length(values)).as_py() or 0) > MAX_FIELD_CHARS:
            too_long |= pc.utf8_length(values).to_numpy(zero_copy_only=False) > MAX_FIELD_CHARS
    for row in np.flatnonzero(too_long & keep):
        problems.append(
            Problem(str(shown_files[row]), int(lines[row]), "-", f"a cell is longer than {MAX_FIELD_CHARS} characters")
        )
    keep &= ~too_long
    dropped = not keep.all()  # blank rows, cells over the limit: usually none, and nothing is filtered
    frame = pd.DataFrame(
        {
            column: pd.Series((values.filter(pa.array(keep)) if dropped else values).to_pandas(), dtype="str")
            if len(values)
            else pd.Series(dtype="str")
            for column, values in stripped.items()
        }
    )
    frame["line"] = lines[keep].astype(np.int32)  # a file of two billion lines is beyond any corpus
    for key in extra or {}:
        frame[key] = pd.Categorical.from_codes(owner[key][keep], categories=pd.Index(names[key], dtype="str"))
    # Missing mandatory values, once for the whole table.
    for declared in schema.columns:
        if declared.mandatory:
            missing = empty[declared.name].to_numpy(zero_copy_only=False)[keep]  # stripped cells, computed above
            for where, line in zip(
                frame.loc[missing, "file"] if "file" in frame else [parsed[0].name] * int(missing.sum()),
                frame.loc[missing, "line"],
            ):
                problems.append(Problem(str(where), int(line), declared.name, "missing value"))
    return plain_labels(frame.reset_index(drop=True))


def read_table(path: Path, schema: TableSchema, name: str, problems: list[Problem]) -> pd.DataFrame:
    """Read one CSV table as text columns plus ``line``; problems go to ``problems``.
    An empty table with the schema's columns when the file cannot be read."""
    try:
        data = read_regular(path, MAX_TABLE_BYTES)
    except OSError as error:
        problems.append(Problem(name, 0, "-", f"cannot read: {error.strerror or error}"))
        return empty_table(schema)
    frame = _to_frame([parse(data, name, schema)], schema, problems, None)
    return frame


def read_tables(files: list[tuple[Path, str, str]], schema: TableSchema, problems: list[Problem]) -> pd.DataFrame:
    """Read many CSV tables of one schema, (path, name shown, source id) each, in parallel
    threads; one table with ``source`` and ``file`` columns (categorical) for every row."""

    def load(item: tuple[Path, str, str]) -> Parsed:
        path, name, _ = item
        try:
            data = read_regular(path, MAX_TABLE_BYTES)
        except OSError as error:
            return Parsed(
                name,
                None,
                np.zeros(0, dtype=np.int64),
                [Problem(name, 0, "-", f"cannot read: {error.strerror or error}")],
            )
        return parse(data, name, schema)

    with ThreadPoolExecutor(max_workers=4) as pool:
        parsed = list(pool.map(load, files))
    frame = _to_frame(
        parsed, schema, problems, {"file": [name for _, name, _ in files], "source": [stem for _, _, stem in files]}
    )
    del parsed
    release_memory()
    return frame


def release_memory() -> None:
    """Hand freed buffers back to the system after a stage that builds a large table:
    Arrow's allocator and the C library's keep them for reuse, and after reading or
    normalising a large corpus that is as much again as the table itself."""
    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)  # glibc; other C libraries have no such call
        except (AttributeError, OSError):
            pass
