"""The corpus's tables as a Frictionless Data Package (https://datapackage.org/, version 2).

One resource per table: ``claims/sources.csv``, ``topics.csv``, ``entities.csv``, every
``claims/tagged/SOURCE-ID.csv``, and ``reviews.csv`` and ``ignore.csv`` when the corpus has
them. Each field is a column of the file's own header, in its order, described from
``checker/schema.py``: ``constraints.required`` for the columns every row must fill,
primary keys (``id``, ``key``, ``fingerprint``), and cells that hold a list separated by
semicolons as ``list`` fields with that delimiter (items keep the space after a ``;``).

Types and foreign keys are declared where the data holds them, since a validator reads
the cells as written: a date column is a ``date`` when every cell is ``YYYY-MM-DD``, the
tolerance a ``number`` when every cell is a plain decimal number, and a column references
another table's key when every value in it is such a key (claims may name a topic or an
entity by an alias, and the ignore table may say ``*`` for every source; claimcheck
resolves those, a generic validator cannot). Claim ids are unique across the whole corpus,
which a package can say only per file.

Paths are relative to the package's folder, which must be the corpus folder or a folder
above it: the specification forbids paths that climb out of it.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from checker.errors import UsageError
from checker.exports.inputs import Inputs, dump
from checker.files import read_regular
from checker.schema import CLAIMS, DECISIONS, ENTITIES, IGNORES, REVIEWS, SOURCES, TOPICS, TableSchema

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LISTS = {
    ("sources", "author"),
    ("topics", "aliases"),
    ("topics", "states"),
    ("topics", "sum_of"),
    ("entities", "aliases"),
    ("reviews", "claims"),
}
KEYS = {"sources": "id", "topics": "key", "entities": "key", "claims": "id", "reviews": "fingerprint"}
# (table, column) → (table, key column) it may reference; declared only where it holds.
REFERENCES = {
    ("claims", "topic"): ("topics", "key"),
    ("claims", "subject"): ("entities", "key"),
    ("claims", "attributed_to"): ("entities", "key"),
    ("claims", "cites"): ("sources", "id"),
    ("sources", "cited_in"): ("sources", "id"),
    ("topics", "part_of"): ("topics", "key"),
    ("topics", "bounded_by"): ("topics", "key"),
    ("reviews", "topic"): ("topics", "key"),
    ("ignore", "source"): ("sources", "id"),
}
DATES = {("reviews", "date"), ("reviews", "expires")}
NUMBERS = {("topics", "tolerance")}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_NAME = re.compile(r"[^a-z0-9._-]+")


class Table:
    """One CSV file as a validator reads it: its header and its cells as written."""

    def __init__(self, root: Path, path: str, schema: TableSchema, name: str):
        self.path, self.schema, self.name = path, schema, name
        data = read_regular(Path(root) / path)
        self.encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        rows = [row for row in csv.reader(io.StringIO(data.decode(self.encoding), newline="")) if row]
        self.header = rows[0] if rows else []
        self.rows = rows[1:]

    def values(self, column: str) -> set[str]:
        """The column's non-empty cells (a validator reads an empty cell as missing)."""
        if column not in self.labels:
            return set()
        position = self.labels.index(column)
        return {row[position] for row in self.rows if position < len(row) and row[position] != ""}

    @property
    def labels(self) -> list[str]:
        return [label.strip() for label in self.header]


def export(inputs: Inputs) -> str:
    inputs.load()  # a package describes a valid corpus: invalid data stops here (exit 2)
    root = Path(inputs.root)
    tables = [
        Table(root, f"claims/{file}", schema, schema.name)
        for schema, file in ((SOURCES, "sources.csv"), (TOPICS, "topics.csv"), (ENTITIES, "entities.csv"))
    ]
    names = {table.name for table in tables}
    for path in sorted((root / "claims" / "tagged").glob("*.csv")):
        name = unique_name("claims-" + _NAME.sub("-", path.stem.lower()), names)
        tables.append(Table(root, f"claims/tagged/{path.name}", CLAIMS, name))
    for schema, file in ((REVIEWS, "reviews.csv"), (IGNORES, "ignore.csv")):
        if (root / "claims" / file).is_file():
            tables.append(Table(root, f"claims/{file}", schema, schema.name))
    by_schema: dict[str, list[Table]] = {}
    for table in tables:
        by_schema.setdefault(table.schema.name, []).append(table)
    resources = [resource(table, by_schema, inputs) for table in tables]
    return dump(
        {
            "$schema": PROFILE,
            "name": "claimcheck-corpus",
            "title": "A claimcheck corpus: sources, topics, entities, tagged claims and reviews",
            "description": "Tables of hand-tagged factual claims (claims/tagged/SOURCE-ID.csv, one claim per row) "
            "with the sources they come from, the canonical topics and entities they name, the editors' "
            "decisions on findings and the mentions the coverage report leaves out. The source texts are "
            "under seeds/. Written by claimcheck export datapackage.",
            "resources": resources,
        }
    )


def unique_name(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}-{number}", number + 1
    taken.add(candidate)
    return candidate


def resource(table: Table, by_schema: dict[str, list[Table]], inputs: Inputs) -> dict:
    path = inputs.relative(table.path)
    if path.startswith("../") or Path(path).is_absolute():
        raise UsageError(
            f"a data package must be written in the corpus folder or a folder above it: "
            f"its paths may not leave the package's folder (here {path})"
        )
    kind = table.schema.name
    columns = {column.name: column for column in table.schema.columns}
    fields = []
    for label in table.header:
        column = columns.get(label.strip())
        field: dict = {"name": label, "type": "string"}
        if column is not None:
            field.update(field_type(kind, column.name, table))
            if column.doc:
                field["description"] = column.doc
            if column.example:
                field["example"] = column.example
            constraints = field.pop("constraints", {})
            if column.mandatory:
                constraints["required"] = True
            if (kind, column.name) == ("reviews", "decision"):
                constraints["enum"] = list(DECISIONS)  # read as written: the ledger is checked exactly
            if constraints:
                field["constraints"] = constraints
        fields.append(field)
    schema: dict = {"fields": fields}
    key = KEYS.get(kind)
    if key in table.labels:
        schema["primaryKey"] = [table.header[table.labels.index(key)]]
    foreign = foreign_keys(table, by_schema)
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": table.name,
        "path": path,
        "type": "table",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": table.encoding,
        "schema": schema,
    }


def field_type(kind: str, column: str, table: Table) -> dict:
    if (kind, column) in LISTS:
        return {"type": "list", "delimiter": ";", "itemType": "string"}
    values = table.values(column)
    if (kind, column) in DATES and all(_DATE.match(value) for value in values):
        return {"type": "date"}
    if (kind, column) in NUMBERS and all(_NUMBER.match(value) for value in values):
        return {"type": "number", "constraints": {"minimum": 0}}
    return {}


def foreign_keys(table: Table, by_schema: dict[str, list[Table]]) -> list[dict]:
    kind = table.schema.name
    keys = []
    for (source_kind, column), (target_kind, target_column) in sorted(REFERENCES.items()):
        if source_kind != kind or column not in table.labels or len(by_schema.get(target_kind, [])) != 1:
            continue
        target = by_schema[target_kind][0]
        values = table.values(column)
        if not values <= target.values(target_column):
            continue
        keys.append(
            {
                "fields": [table.header[table.labels.index(column)]],
                "reference": {
                    "resource": "" if target is table else target.name,
                    "fields": [target.header[target.labels.index(target_column)]],
                },
            }
        )
    return keys
