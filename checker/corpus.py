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

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from checker.errors import Problem
from checker.files import read_regular
from checker.schema import CLAIMS, ENTITIES, SOURCES, TOPICS
from checker.tables import decode, empty_table, read_table, read_tables
from checker.texts import SourceText

# A source text above this is refused: a runaway paste or a wrong file, not an article.
MAX_TEXT_BYTES = 32 * 1024 * 1024


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


def safe_join(base: Path, relative: str, root: Path | None = None) -> Path | None:
    """``base/relative`` if it stays inside ``base`` and the corpus ``root`` once every
    symbolic link is followed, folders included (no '..', no absolute path, no link out)."""
    if not relative or os.path.isabs(relative) or re.match(r"^[A-Za-z]:", relative):
        return None
    candidate = base / relative
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
            tables[schema.name] = empty_table(schema)
        elif escapes(path, root):
            problems.append(Problem(shown, 0, "-", OUTSIDE))
            tables[schema.name] = empty_table(schema)
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
        text_path = safe_join(seeds, row.file, root)
        if text_path is None:
            problems.append(
                Problem(sources_name, int(row.line), "file", f"'{row.file}' is outside seeds/; give a path inside it")
            )
            continue
        shown = f"seeds/{Path(row.file).as_posix()}"
        try:
            data = read_regular(text_path, MAX_TEXT_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            problems.append(Problem(sources_name, int(row.line), "file", f"no such file: {shown}"))
            continue
        except OSError as error:  # not a regular file, above the size limit, a name too long…
            problems.append(
                Problem(sources_name, int(row.line), "file", f"cannot read {shown}: {error.strerror or error}")
            )
            continue
        content = decode(data, shown, problems)
        if content is not None:
            texts[row.id] = SourceText(content)
            text_files[row.id] = shown
    tagged = claims_dir / "tagged"
    files: list[tuple[Path, str, str]] = []
    if tagged.is_dir() and escapes(tagged, root):
        problems.append(Problem("claims/tagged", 0, "-", OUTSIDE))
    else:
        paths = sorted(tagged.glob("*.csv")) if tagged.is_dir() else []
        if not paths:
            problems.append(Problem("claims/tagged", 0, "-", "no claims tables (claims/tagged/SOURCE-ID.csv)"))
        for path in paths:
            shown = f"claims/tagged/{path.name}"
            if escapes(path, root):
                problems.append(Problem(shown, 0, "-", OUTSIDE))
                continue
            files.append((path, shown, path.stem))
    claims = read_tables(files, CLAIMS, problems)
    return Corpus(
        root=root,
        sources=sources,
        topics=tables["topics"],
        entities=tables["entities"],
        claims=claims,
        texts=texts,
        text_files=text_files,
        problems=problems,
    )
