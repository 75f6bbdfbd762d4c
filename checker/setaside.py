"""A check that data errors do not stop: the claims a problem touches are set aside with
every claim of their topic families, and the rules run on the rest.

Rules compare claims only within topic families (``references.topic_families``, joined by
the ``since`` links claims state: ``partition.groups``), so a family is either checked
whole or not at all: a sum is never checked without one of its parts, nor a status
sequence without one of its steps. What a problem touches:

- a claim row: the row (its values are not trusted); its family, or when its topic is
  unknown, the families of the topics it might have meant (the resolver's candidates);
- a row or a claims file that could not be read at all (a field too many, a quote never
  closed): every topic the file's text names, by key or by label or alias, and every claim
  of the file that was read;
- a topic's row: that topic and the topics its ``part_of``, ``bounded_by``, ``sum_of``, ``share_of``
  cells name; an entity's row: the claims naming the entity; a source's row or its text:
  the source's claims and the claims that cite it.

A problem that cannot be placed (a table's header, a file that is not a claims file)
leaves nothing to trust: then no rule runs, as before. Findings are then reported with
the problems, and the exit code stays 2 (invalid data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from checker.errors import Problem
from checker.files import read_regular

_TOKEN = re.compile(r"[\w.-]+")


@dataclass(frozen=True)
class SetAside:
    """What a check with data errors left out: ``keep`` marks the claims the rules read."""

    keep: np.ndarray
    claims: int  # how many claims were set aside
    topics: tuple[str, ...]  # every topic with a claim set aside, sorted
    claim_ids: frozenset[str]  # the id of each claim set aside (ids are unique in a corpus)

    def covers(self, topic: str, claim_ids) -> bool:
        """Whether a finding of a saved report or a review, by its topic and claim ids,
        reads anything set aside: this check can say nothing about it (neither resolved
        nor still there, nor its review stale)."""
        return topic in self.topics or any(claim_id in self.claim_ids for claim_id in claim_ids)


def set_aside(
    claims: pd.DataFrame,
    groups: np.ndarray,
    families: dict[str, str],
    topics: pd.DataFrame,
    entities: pd.DataFrame,
    sources: pd.DataFrame,
    text_files: dict[str, str],
    problems: list[Problem],
    root: Path,
) -> SetAside | None:
    """The claims the rules can still read despite ``problems``, or None when a problem
    cannot be placed. ``groups``: one integer per claim, equal within what rules compare;
    ``families``: each topic's family (``references.topic_families``)."""
    files = claims["file"].to_numpy(dtype=object)
    lines = claims["line"].to_numpy(dtype=np.int64)
    # The rows at the problems' files and lines, looked up among those rows only.
    near = np.flatnonzero(
        claims["file"].isin({problem.file for problem in problems}).to_numpy(dtype=bool)
        & np.isin(lines, [problem.line for problem in problems])
    )
    row_at = {(files[position], int(lines[position])): int(position) for position in near}
    topic_keys = set(topics["key"]) if len(topics) else set()
    claims_files = {file for file in claims["file"].unique().tolist() if isinstance(file, str)}
    rows: set[int] = set()  # claims read, whose own values are not trusted
    named: set[str] = set()  # topics whose families are set aside
    scanned: dict[str, set[int]] = {}  # claims files, and lines of records not read: scanned for topic names
    topic_file = _only(topics, "file")
    entity_file = _only(entities, "file")
    source_file = _only(sources, "table_file")
    texts = {path: source for source, path in text_files.items()}
    for problem in problems:
        position = row_at.get((problem.file, problem.line))
        if position is not None:
            rows.add(position)
            continue
        if problem.file.startswith("claims/tagged/") or problem.file in claims_files:
            scanned.setdefault(problem.file, set()).add(problem.line)
        elif problem.file == topic_file and problem.line > 0:
            at = topics[topics["line"] == problem.line]
            if not len(at):
                return None
            for cells in at[["key", "part_of", "bounded_by", "sum_of", "share_of"]].fillna("").itertuples(index=False):
                named.update(token for cell in cells for token in _TOKEN.findall(str(cell)) if token in topic_keys)
        elif problem.file == entity_file and problem.line > 0:
            at = entities[entities["line"] == problem.line]
            if not len(at):
                return None
            for key in at["key"]:
                rows.update(_naming(claims, key))
        elif problem.file == source_file and problem.line > 0:
            at = sources[sources["line"] == problem.line]
            if not len(at):
                return None
            for source in at["id"]:
                rows.update(_of_source(claims, source))
        elif problem.file in texts:
            rows.update(_of_source(claims, texts[problem.file]))
        else:
            return None
    for file, starts in sorted(scanned.items()):
        try:
            text = read_regular(root / file).decode("utf-8", "replace").splitlines()  # a pipe would block
        except OSError:
            return None
        read = np.sort(lines[files == file])
        if 0 in starts or not len(read):  # the file as a whole: all it holds
            rows.update(np.flatnonzero(files == file).tolist())
            named.update(_topics_named("\n".join(text), topics))
            continue
        for start in starts:  # a record not read, to the next record that was (a quote never closed runs on)
            after = read[read > start]
            end = int(after[0]) - 1 if len(after) else len(text)
            named.update(_topics_named("\n".join(text[start - 1 : end]), topics))
    for position in rows:  # a claim of an unknown topic: the topics it might have meant
        if claims["topic_match"].iat[position] == "unknown":
            named.update(_candidates(claims["topic_candidates"].iat[position]))
    touched = np.zeros(len(claims), dtype=bool)
    touched[list(rows)] = True
    # A topic named may have no claim read (its file was not): its family, from the topics.
    touched |= claims["topic"].isin(named).to_numpy(dtype=bool)
    touched |= claims["family"].isin({families.get(topic, topic) for topic in named}).to_numpy(dtype=bool)
    aside_groups = np.unique(groups[touched & (groups >= 0)])
    keep = ~(touched | np.isin(groups, aside_groups))
    left = ~keep
    aside_topics = {str(topic) for topic in claims["topic"].to_numpy(dtype=object)[left] if topic}
    aside_topics |= named
    return SetAside(
        keep=keep,
        claims=int(left.sum()),
        topics=tuple(sorted(aside_topics)),
        claim_ids=frozenset(claims["id"].to_numpy(dtype=object)[left].tolist()),
    )


def _only(table: pd.DataFrame, column: str) -> str | None:
    """The one file a reference table was read from."""
    if column not in table or not len(table):
        return None
    files = table[column].dropna().unique()
    return str(files[0]) if len(files) == 1 else None


def _naming(claims: pd.DataFrame, entity: str) -> list[int]:
    found = np.zeros(len(claims), dtype=bool)
    for column in ("subject", "attributed_to", "subject_input", "attributed_to_input"):
        if column in claims:
            found |= (claims[column] == entity).to_numpy(dtype=bool)
    return np.flatnonzero(found).tolist()


def _of_source(claims: pd.DataFrame, source: str) -> list[int]:
    found = (claims["source"] == source).to_numpy(dtype=bool) | (claims["cites"] == source).to_numpy(dtype=bool)
    return np.flatnonzero(found).tolist()


def _candidates(cell) -> list[str]:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return []
    if isinstance(cell, str):
        return [part.strip() for part in cell.split(";") if part.strip()]
    return [str(part) for part in cell]


def _topics_named(text: str, topics: pd.DataFrame) -> set[str]:
    """Every topic a claims file's text names: by key as a token, or by its label or an
    alias anywhere (case aside); generous on purpose, as what it names is set aside."""
    tokens = set(_TOKEN.findall(text))
    folded = text.casefold()
    found = set()
    for key, label, aliases in topics[["key", "label", "aliases"]].fillna("").itertuples(index=False):
        names = [label, *str(aliases).split(";")]
        if key in tokens or any(name.strip() and name.strip().casefold() in folded for name in names):
            found.add(key)
    return found


def partial(normalised, root: Path):
    """``normalised`` with only the claims no problem touches, and what was set aside in
    its ``set_aside``; None when nothing can be trusted (as ``set_aside``, or every claim
    is touched)."""
    from dataclasses import replace

    from checker.partition import groups
    from checker.references import topic_families

    claims = normalised.claims
    aside = set_aside(
        claims,
        groups(claims),
        topic_families(normalised.topics),
        normalised.topics,
        normalised.entities,
        normalised.sources,
        normalised.text_files,
        normalised.problems,
        root,
    )
    if aside is None or not aside.keep.any():
        return None
    return replace(normalised, claims=claims[aside.keep], set_aside=aside)
