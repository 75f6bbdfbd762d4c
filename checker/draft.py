"""A first draft of the claims of a text: one proposed row for every number, date and
quantity mention that no claim covers yet, and accepting chosen rows into the claims table.

The mentions are the ones ``claimcheck coverage`` lists as missing (``checker.coverage``).
Each is read in its sentence as a whole value phrase (``checker.phrases``), and becomes a
row of the claims table's columns plus two:

* ``value``: the phrase as a claims table writes it, checked with the project's own
  parsers (``checker.quantities`` for quantities and counts, ``checker.dates`` for dates);
* ``quote``: the clause that carries it, verbatim, within one sentence;
* ``period``: for a figure, the year or date its sentence ties it to ("in 2024" right after
  it, else the nearest date before it, else after it);
* ``modality``: from cue words of the sentence (``expected to``, ``plans`` → plan;
  ``agreement``, ``deal`` → agreement; ``looking to``, ``target`` → target; ``estimated``
  → estimate; ``forecast``, ``projected`` → forecast); empty is ``actual``;
* ``topic``: the best match of the quote against the names of the topics of a compatible
  kind and unit (see ``_TopicMatcher``), when it is a clear winner;
* ``confidence`` (0–1): how sure the reading of the value is (a full date or a figure with
  its unit reads surely; a bare number, a year that is another figure's period, a number
  that is part of a name much less), and ``topic_candidates``: the best topics with their
  scores.

Drafts live in ``claims/drafts/SOURCE-ID.csv``; ``check`` never reads them (the loader
reads ``claims/tagged/`` only). ``accept`` moves chosen rows into
``claims/tagged/SOURCE-ID.csv``, appending them and keeping every byte of the rows
already there.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from checker import dates, quantities
from checker.coverage import coverage
from checker.display import shortened
from checker.errors import DataError, ParseError, Problem, UsageError, WriteError
from checker.files import locked, read_regular, write_atomic
from checker.names import did_you_mean, normal_form, split_list
from checker.normalise import Normalised
from checker.numbers import canonical_separators, decimal_mark
from checker.phrases import Phrase, clause, read_sentence, sentences
from checker.schema import CLAIMS, Column, TableSchema
from checker.tables import read_table

DRAFTS = TableSchema(
    "drafts",
    CLAIMS.columns
    + (
        Column("confidence", doc="How sure the reading of the value is, 0 to 1."),
        Column("topic_candidates", doc="The best topics by rapidfuzz, each with its score: 'key (score); …'."),
    ),
)
DRAFT_FOLDER = "claims/drafts"
# The topic cell is filled only for a clear winner: a score of at least TOPIC_CUTOFF and
# TOPIC_MARGIN points ahead of the next candidate; otherwise the editor chooses.
TOPIC_CUTOFF = 30.0
TOPIC_MARGIN = 5.0
CANDIDATES = 3

_MODALITY_CUES = (
    (
        "forecast",
        re.compile(
            r"\b(?:forecasts?|forecasted|projected|projections?|predicted|expected to (?:reach|rise|grow|fall|increase|"
            r"decrease|exceed|double|top))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "plan",
        re.compile(
            r"\b(?:expects? to|expected to|plans? to|planned|planning to|intends? to|intended|scheduled|(?:is|are) set to|"
            r"(?:is|are) to (?:be|sign)|will be (?:signed|held|launched|built)|upcoming)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "agreement",
        re.compile(r"\b(?:agreed|agreements?|deals?|contracts?|accords?|memorand(?:um|a)|treaty)\b", re.IGNORECASE),
    ),
    (
        "target",
        re.compile(
            r"\b(?:targets?|targeted|aims?(?:ing)? (?:to|at|for)|goal|looking to|seeks? to|seeking to|ambition|"
            r"bring(?:ing)? [^.;]{0,40}\bto (?:more than |over |about |around )?\S*\d)",
            re.IGNORECASE,
        ),
    ),
    ("estimate", re.compile(r"\b(?:estimated|an estimate|estimates?)\b", re.IGNORECASE)),
)
# What ties a figure to the date after it: "US$1 billion in 2024", "(2024)".
_PERIOD_LINK = re.compile(
    r"^[^.;:!?]{0,60}?(?:\b(?:in|for|during|over|throughout|as of|by)\s+(?:the\s+)?(?:(?:fiscal|financial|calendar)\s+)?(?:year\s+)?|\(\s*)$",
    re.IGNORECASE,
)
_COMPARED = re.compile(
    r"\b(?:compared (?:to|with)|than(?: in)?|up from|down from|relative to|versus|vs\.?)\s+(?:the\s+)?(?:year\s+)?$",
    re.IGNORECASE,
)
_PREVIOUS_YEAR = re.compile(
    r"\b(?:the previous year|the year before|a year earlier|last year|the preceding year)\b", re.IGNORECASE
)


@dataclass
class Proposal:
    """One draft row and where its quote is (offsets in the text)."""

    row: dict[str, str]
    start: int
    end: int
    confidence: float
    kind: str
    at: int  # where the value phrase starts
    mentions: list[str] = field(default_factory=list)


def draft_path(root: Path, source_id: str) -> Path:
    return Path(root) / DRAFT_FOLDER / f"{source_id}.csv"


# ---------------------------------------------------------------------------------------
# Proposing


def propose(normalised: Normalised, root: Path, source_id: str) -> list[Proposal]:
    """The draft rows of one source: every uncovered mention of its text read as a value."""
    if source_id not in set(normalised.sources["id"]):
        known = sorted(normalised.texts)
        raise UsageError(
            f"unknown source '{source_id}'{did_you_mean(source_id, known)}; sources with a text: {', '.join(known)}"
        )
    if source_id not in normalised.texts:
        raise UsageError(f"source '{source_id}' has no text under seeds/: nothing to draft from")
    result = coverage(normalised, root)
    if result.problems:
        raise DataError(result.problems)
    missing = [m for m in result.mentions if m.source == source_id and m.status == "missing"]
    source = normalised.sources[normalised.sources["id"] == source_id].iloc[0]
    decimal = decimal_mark(str(source.get("language", "") or ""))
    text = normalised.texts[source_id].text
    reading = canonical_separators(text, decimal)
    if len(reading) != len(text):  # offsets must stay those of the text
        reading = text
    topics = _TopicMatcher(normalised.topics)
    used_ids = set(normalised.claims["id"])
    proposals: list[Proposal] = []
    spans = sentences(reading)
    for low, high in spans:
        inside = [m for m in missing if low <= m.start < high]
        if not inside:
            continue
        proposals.extend(_sentence_proposals(text, reading, (low, high), inside, source_id, decimal, topics))
    return _merge_repeats(proposals, text, used_ids, source_id)


def _sentence_proposals(
    text: str, reading: str, sentence: tuple[int, int], mentions, source_id: str, decimal: str, topics: _TopicMatcher
) -> list[Proposal]:
    low, high = sentence
    phrases = read_sentence(reading, low, high)
    figures = [p for p in phrases if p.kind in ("quantity", "count")]
    date_phrases = [p for p in phrases if p.kind == "date"]
    periods: dict[int, Phrase] = {}
    secondary: dict[int, str] = {}  # date phrase index → why it is read as part of a figure
    for figure in figures:
        period = _period_of(reading, figure, date_phrases, low)
        if period is not None:
            periods[id(figure)] = period
            if period.year_like:
                secondary[id(period)] = f"also read as the period of '{reading[figure.start : figure.end]}'"
    for date in date_phrases:
        if date.year_like and _COMPARED.search(reading, max(low, date.start - 30), date.start) and figures:
            secondary[id(date)] = "what a figure of the sentence is compared with"
    modality = _modality(reading[low:high])
    proposals = []
    absorbed: set[int] = set()
    for phrase in phrases:
        if phrase.kind == "multiple":
            previous = [f for f in figures if f.end <= phrase.start]
            if previous:
                absorbed.add(id(phrase))
    for phrase in phrases:
        covered = [m for m in mentions if phrase.start <= m.start < phrase.end]
        if not covered or id(phrase) in absorbed:
            continue
        proposals.append(
            _proposal(
                text,
                reading,
                sentence,
                phrase,
                covered,
                periods.get(id(phrase)),
                secondary.get(id(phrase)),
                modality,
                phrases,
                source_id,
                decimal,
                topics,
            )
        )
    # Mentions no phrase reads ("9/11", a number inside a name) still get a row, flagged.
    for mention in mentions:
        if any(p.start <= mention.start < p.end and id(p) not in absorbed for p in phrases):
            continue
        holder = next((proposal for proposal in proposals if proposal.start <= mention.start < proposal.end), None)
        if holder is not None and any(p.start <= mention.start < p.end for p in phrases):
            holder.mentions.append(mention.text)  # a multiple, inside the quote of the figure it describes
            continue
        phrase = Phrase(mention.start, mention.end, "number", mention.text, notes=("not read as a date or a quantity",))
        proposals.append(
            _proposal(
                text, reading, sentence, phrase, [mention], None, None, modality, phrases, source_id, decimal, topics
            )
        )
    return proposals


def _period_of(reading: str, figure: Phrase, date_phrases: list[Phrase], low: int) -> Phrase | None:
    after = [d for d in date_phrases if d.start >= figure.end]
    for date in after:
        if _PERIOD_LINK.match(reading[figure.end : date.start]):
            return date
        break
    before = [
        d
        for d in date_phrases
        if d.end <= figure.start and not _COMPARED.search(reading, max(low, d.start - 30), d.start)
    ]
    if before:
        return before[-1]
    after = [d for d in after if not _COMPARED.search(reading, max(low, d.start - 30), d.start)]
    return after[0] if after else None


def _modality(sentence: str) -> str:
    for modality, cue in _MODALITY_CUES:
        if cue.search(sentence):
            return modality
    return ""


def _proposal(
    text: str,
    reading: str,
    sentence: tuple[int, int],
    phrase: Phrase,
    mentions,
    period: Phrase | None,
    secondary: str | None,
    modality: str,
    phrases: list[Phrase],
    source_id: str,
    decimal: str,
    topics: _TopicMatcher,
) -> Proposal:
    notes = list(phrase.notes)
    end = phrase.end
    relation = relative_to = ""
    multiples = [
        p
        for p in phrases
        if p.kind == "multiple"
        and p.start >= phrase.end
        and not any(f.kind in ("quantity", "count") and phrase.end <= f.start < p.start for f in phrases)
    ]
    if phrase.kind in ("quantity", "count") and multiples:
        relation = multiples[0].value
        end = max(end, multiples[0].end)
        previous = _PREVIOUS_YEAR.search(reading, multiples[0].end, sentence[1])
        if period is not None and re.fullmatch(r"\d{4}", period.value) and previous:
            relative_to = str(int(period.value) - 1)
        else:
            relation = ""
            notes.append(
                f"'{reading[multiples[0].start : multiples[0].end]}': a relation (relation {multiples[0].value}) whose "
                "reference to fill in relative_to"
            )
    start_quote, end_quote = clause(reading, sentence, phrase.start, end)
    quote = text[start_quote:end_quote]
    value, kind, confidence = _read_value(phrase, decimal, notes)
    row = {name: "" for name in CLAIMS.names}
    row.update(value=value, quote=quote, relation=relation, relative_to=relative_to)
    if phrase.converted:
        row["converted"] = phrase.converted
    if period is not None and kind in ("quantity", "count"):
        row["period"] = period.value
        notes.append(f"period from '{reading[period.start : period.end]}'")
    if secondary:
        notes.append(secondary)
        confidence = min(confidence, 0.3)
    if kind == "date":
        row["modality"] = "plan" if modality == "plan" else ""
    elif kind in ("quantity", "count"):
        row["modality"] = modality
    candidates = topics.candidates(quote, phrase.start - start_quote, kind, value, decimal)
    runner_up = candidates[1][1] if len(candidates) > 1 else 0.0
    if candidates and candidates[0][1] >= TOPIC_CUTOFF and candidates[0][1] - runner_up >= TOPIC_MARGIN:
        row["topic"] = candidates[0][0]
    # A bare count ("2,500 militants") takes the unit its likely topics agree on ("person").
    close = [key for key, score in candidates if score >= TOPIC_CUTOFF and candidates[0][1] - score < TOPIC_MARGIN]
    units = {topics.unit_of(key) for key in ([row["topic"]] if row["topic"] else close)}
    if kind == "count" and len(units) == 1 and "" not in units and _bare(value, decimal):
        unit = units.pop()
        row["value"] = f"{value} {unit}"
        notes.append(f"unit '{unit}' from the likely topics")
    row["note"] = "; ".join(notes)
    row["confidence"] = f"{confidence:.2f}"
    row["topic_candidates"] = "; ".join(f"{key} ({score:.0f})" for key, score in candidates)
    return Proposal(row, start_quote, end_quote, confidence, kind, phrase.start, [m.text for m in mentions])


def _bare(value: str, decimal: str) -> bool:
    try:
        return quantities.parse_quantity(value, decimal).dimension == "dimensionless" and "%" not in value
    except ParseError:
        return False


def _read_value(phrase: Phrase, decimal: str, notes: list[str]) -> tuple[str, str, float]:
    """The value, its kind (date, quantity, count, number) and the confidence of the reading;
    a value the project's parsers refuse is kept as written, with a note."""
    if phrase.kind == "date":
        try:
            interval = dates.parse_date(phrase.value)
        except ParseError as error:
            notes.append(f"not a date the checker reads: {error}")
            return phrase.value, "number", 0.1
        if phrase.value.startswith("..") or phrase.value.endswith(".."):
            confidence = 0.7
        else:
            confidence = {"day": 0.9, "month": 0.9, "year": 0.8}.get(interval.precision, 0.7)
        return phrase.value, "date", confidence
    if phrase.kind in ("quantity", "count"):
        try:
            quantities.parse_quantity(phrase.value, decimal)
        except ParseError as error:
            notes.append(f"the value parser refuses it: {error}")
            return phrase.value, "number", 0.1
        if phrase.kind == "quantity":
            confidence = 0.85
        elif phrase.unit:
            confidence = 0.8
        else:
            confidence = 0.6
        if any("written in words" in note for note in phrase.notes):
            confidence -= 0.1
        if any("ordinal" in note for note in phrase.notes):
            confidence = 0.5
        if any("read as metric tonnes" in note for note in phrase.notes):
            confidence -= 0.1
        return phrase.value, phrase.kind, round(confidence, 2)
    if phrase.kind == "multiple":
        notes.append("a multiple: it describes another figure (a relation), rather than stating one")
        return phrase.value, "number", 0.2
    return phrase.value, "number", 0.1


def _merge_repeats(proposals: list[Proposal], text: str, used_ids: set[str], source_id: str) -> list[Proposal]:
    """One row for a passage the text repeats (a pull quote), and ids that are unique and
    stable: the source, then the line and column where the value starts."""
    from checker.texts import SourceText

    located = SourceText(text)
    merged: dict[tuple[str, str, str], Proposal] = {}
    for proposal in proposals:
        key = (proposal.row["quote"], proposal.row["value"], proposal.row["period"])
        if key in merged:
            merged[key].mentions.extend(proposal.mentions)
            note = merged[key].row["note"]
            if "the passage appears more than once" not in note:
                merged[key].row["note"] = "; ".join(
                    part for part in (note, "the passage appears more than once") if part
                )
            continue
        merged[key] = proposal
    result = sorted(merged.values(), key=lambda p: (p.at, p.row["value"]))
    taken = set(used_ids)
    for proposal in result:
        line = located.line_of(proposal.at)
        column = proposal.at - text.rfind("\n", 0, proposal.at)
        base = f"{source_id}-l{line}c{column}"
        candidate, suffix = base, 1
        while candidate in taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        taken.add(candidate)
        proposal.row["id"] = candidate
    return result


class _TopicMatcher:
    """Topic candidates for a figure or date, among the topics whose kind and unit fit it.

    A topic scores by how many of the content words of its names (key, label, aliases,
    event) the quote holds, each found with rapidfuzz (a word ratio of at least
    ``WORD_MATCH``: 'overdoses' finds 'overdose') or by its stem ('ruled' finds 'ruling'),
    and weighted by its closeness to the
    value: a word next to the figure counts fully, one ``NEARBY`` words away half. The sum
    is divided by the name's word count plus one, so a one-word name matching one word of
    a long sentence does not score 100. Best name per topic, 0–100."""

    WORD_MATCH = 80.0
    NEARBY = 20.0
    _STOPWORDS = frozenset(
        [
            "a",
            "an",
            "and",
            "as",
            "at",
            "be",
            "been",
            "by",
            "for",
            "from",
            "in",
            "into",
            "is",
            "its",
            "of",
            "on",
            "or",
            "over",
            "per",
            "than",
            "that",
            "the",
            "their",
            "this",
            "to",
            "under",
            "was",
            "were",
            "which",
            "with",
        ]
    )

    def __init__(self, topics: pd.DataFrame):
        self.topics = topics.drop_duplicates("key").set_index("key") if len(topics) else topics
        self.names: dict[str, list[list[str]]] = {}
        for key, row in self.topics.iterrows():
            names = [key] + split_list(str(row.get("aliases", "") or ""))
            for column in ("label", "event"):
                if row.get(column):
                    names.append(str(row[column]))
            words = [self._words(name) for name in names]
            self.names[key] = [w for w in words if w]

    _SUFFIX = re.compile(r"(?:ations?|ings?|ments?|ers?|ied|ies|ed|es|s)$")

    @classmethod
    def _stem(cls, word: str) -> str:
        """A word without its commonest English endings ('ruling', 'ruled' → 'rul')."""
        stem = cls._SUFFIX.sub("", word)
        return stem if len(stem) >= 3 else word

    @classmethod
    def _words(cls, text: str) -> list[str]:
        return [word for word in normal_form(text).split("-") if word and word not in cls._STOPWORDS]

    def unit_of(self, key: str) -> str:
        return str(self.topics.loc[key, "unit"] or "") if key in self.topics.index else ""

    def _fits(self, key: str, kind: str, value: str, decimal: str) -> bool:
        row = self.topics.loc[key]
        if kind == "date":
            return row["kind"] == "date"
        if kind not in ("quantity", "count"):
            return row["kind"] in ("quantity", "count", "date")
        if row["kind"] not in ("quantity", "count"):
            return False
        try:
            parsed = quantities.parse_quantity(value, decimal)
        except ParseError:
            return True
        topic_dimension = row.get("dimension")
        if parsed.dimension == "dimensionless" and "%" not in value:
            return row["kind"] == "count"  # a bare count takes its topic's unit
        if not isinstance(topic_dimension, str):
            return parsed.dimension == "dimensionless"
        amount = [dimension.removesuffix(" / [time]") for dimension in (parsed.dimension, topic_dimension)]
        if amount[0] == amount[1]:
            return True
        return bool(row.get("substance")) and set(amount) <= {quantities.VOLUME_DIMENSION, quantities.MASS_DIMENSION}

    def candidates(self, quote: str, at: int, kind: str, value: str, decimal: str) -> list[tuple[str, float]]:
        """The best topics for the value at offset ``at`` of the quote, with their scores."""
        from rapidfuzz import fuzz

        tokens = [
            (match.start(), word)
            for match in re.finditer(r"[^\W_]+", quote)
            for word in [normal_form(match.group(0))]
            if word and word not in self._STOPWORDS
        ]
        stems = [self._stem(token) for _, token in tokens]
        centre = sum(1 for position, _ in tokens if position < at)
        weights = [1.0 / (1.0 + abs(index - centre) / self.NEARBY) for index in range(len(tokens))]
        scored = []
        for key, names in self.names.items():
            if not self._fits(key, kind, value, decimal):
                continue
            best = 0.0
            for words in names:
                found = sum(
                    max(
                        (
                            weight
                            for weight, (_, token), stem in zip(weights, tokens, stems)
                            if stem == self._stem(word) or fuzz.ratio(word, token) >= self.WORD_MATCH
                        ),
                        default=0.0,
                    )
                    for word in words
                )
                best = max(best, 100.0 * found / (len(words) + 1))
            scored.append((key, round(best, 1)))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return [item for item in scored[:CANDIDATES] if item[1] > 0]


# ---------------------------------------------------------------------------------------
# Files


def render_rows(rows: list[dict[str, str]]) -> str:
    """A draft table as CSV text: the draft columns, minimal quoting, '\\n' line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(DRAFTS.names), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in DRAFTS.names})
    return buffer.getvalue()


def write_draft(root: Path, source_id: str, proposals: list[Proposal]) -> tuple[Path, int, int]:
    """Write the draft file. Rows an editor already has in it (same id, same quote) are
    kept as the editor left them; rows whose mention is now covered drop out. Returns the
    path, the number of rows and how many were kept from the old file."""
    path = draft_path(root, source_id)
    old: dict[str, dict[str, str]] = {}
    if path.exists():
        problems: list[Problem] = []
        table = read_table(path, DRAFTS, f"{DRAFT_FOLDER}/{path.name}", problems)
        if not problems:
            old = {row["id"]: {name: row[name] for name in DRAFTS.names} for row in table.to_dict("records")}
    rows, kept = [], 0
    for proposal in proposals:
        previous = old.get(proposal.row["id"])
        if previous is not None and previous["quote"] == proposal.row["quote"]:
            rows.append(previous)
            kept += 1
        else:
            rows.append(proposal.row)
    with locked(path):
        _write(path, render_rows(rows))
    return path, len(rows), kept


def accept(
    root: Path, source_id: str, row_ids: list[str], known_ids: set[str], resolve_topic
) -> tuple[Path, list[str]]:
    """Move draft rows into ``claims/tagged/SOURCE-ID.csv``.

    The rows are appended to the claims table (created with the claims header if absent)
    in the order of its header, every byte already there kept; then they are cut out of
    the draft file, every other byte of it kept. Rows with an empty required cell, an id
    already used, or a topic that does not resolve are refused, all of them at once
    (DataError), and nothing is written."""
    root = Path(root)
    path = draft_path(root, source_id)
    shown = f"{DRAFT_FOLDER}/{path.name}"
    if not path.exists():
        raise UsageError(f"no draft for '{source_id}' ({shown}): run `claimcheck draft {source_id}` first")
    problems: list[Problem] = []
    table = read_table(path, DRAFTS, shown, [])  # mandatory columns are checked below, for the chosen rows only
    wanted = list(dict.fromkeys(row_id for part in row_ids for row_id in part.split(",") if row_id.strip()))
    wanted = [row_id.strip() for row_id in wanted]
    by_id = {row["id"]: row for row in table.to_dict("records")}
    unknown = [row_id for row_id in wanted if row_id not in by_id]
    if unknown:
        raise UsageError(
            f"no row {', '.join(repr(r) for r in unknown)} in {shown} (its ids: {', '.join(list(by_id)[:6])}"
            + (", …" if len(by_id) > 6 else "")
            + ")"
        )
    chosen = [by_id[row_id] for row_id in wanted]
    for row in chosen:
        for column in CLAIMS.columns:
            if column.mandatory and not str(row[column.name]).strip():
                problems.append(
                    Problem(shown, int(row["line"]), column.name, "empty: fill it in before accepting the row")
                )
        if row["id"] in known_ids:
            problems.append(
                Problem(shown, int(row["line"]), "id", f"'{row['id']}' is already a claim id; give the row another id")
            )
        topic = str(row["topic"]).strip()
        if topic:
            message = resolve_topic(topic)
            if message:
                problems.append(Problem(shown, int(row["line"]), "topic", message))
    if problems:
        raise DataError(problems)
    target = root / "claims" / "tagged" / f"{source_id}.csv"
    with locked(target):
        existing = read_regular(target) if target.exists() else b""
        _write(target, _append_rows(existing, chosen))
    with locked(path):
        data = read_regular(path)
        _write(path, _cut_rows(data, {int(row["line"]) for row in chosen}))
    return target, wanted


def _append_rows(existing: bytes, rows: list[dict]) -> bytes:
    """The claims table with rows appended in its own column order and line ending."""
    newline = "\r\n" if b"\r\n" in existing else "\n"
    text = existing.decode("utf-8-sig") if existing else ""
    bom = existing[:3] == b"\xef\xbb\xbf"
    if text.strip():
        header = next(csv.reader([text.split("\n", 1)[0].rstrip("\r")]))
    else:
        header, text = list(CLAIMS.names), ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    if not text:
        writer.writerow(header)
    for row in rows:
        writer.writerow([str(row.get(column.strip(), "")) for column in header])
    prefix = existing
    if prefix and not prefix.endswith(b"\n"):
        prefix += newline.encode()
    if not existing and bom:
        prefix = b"\xef\xbb\xbf"
    return prefix + buffer.getvalue().encode("utf-8")


def _cut_rows(data: bytes, lines: set[int]) -> bytes:
    """The draft file without the records starting on ``lines``; every other byte kept."""
    from checker.tables import _records

    starts, record_lines, _, _ = _records(data)
    bounds = list(starts) + [len(data)]
    kept = [data[bounds[i] : bounds[i + 1]] for i in range(len(starts)) if int(record_lines[i]) not in lines]
    return b"".join(kept)


def render_proposals(proposals: list[Proposal]) -> str:
    """The proposals as the terminal shows them: id, confidence, value, period, topic, quote."""
    lines = []
    for proposal in proposals:
        row = proposal.row
        quote = " ".join(row["quote"].split())
        quote = shortened(quote, 70)
        period = f" ({row['period']})" if row["period"] else ""
        topic = row["topic"] or "?"
        lines.append(f"{row['id']}  {row['confidence']}  {row['value']}{period}  → {topic}  “{quote}”")
    return "\n".join(lines) + ("\n" if lines else "")


def as_frame(proposals: list[Proposal]) -> pd.DataFrame:
    """The proposals as a table (for measuring them), with their quote spans."""
    frame = pd.DataFrame([p.row for p in proposals], columns=list(DRAFTS.names))
    frame["quote_start"] = np.array([p.start for p in proposals], dtype=np.int64)
    frame["quote_end"] = np.array([p.end for p in proposals], dtype=np.int64)
    frame["kind"] = [p.kind for p in proposals]
    return frame


def run(root: Path, source_id: str, accept_ids: list[str], load) -> str:
    """The ``claimcheck draft`` command: write the draft, or accept rows of it. ``load``
    reads and validates the corpus (DataError on invalid data). Returns what to print."""
    root = Path(root)
    if accept_ids:
        from checker.corpus import load_corpus
        from checker.references import resolvers

        corpus = load_corpus(root)
        topic_resolver, _ = resolvers(corpus.topics, corpus.entities)

        def resolve_topic(name: str) -> str:
            resolution = topic_resolver.resolve(name)
            if resolution.how in ("unknown", "ambiguous", "empty"):
                hint = (
                    f" (did you mean {', '.join(repr(c) for c in resolution.candidates)}?)"
                    if resolution.candidates
                    else ""
                )
                return f"unknown topic '{name}'{hint}"
            return ""

        target, accepted = accept(root, source_id, accept_ids, set(corpus.claims["id"]), resolve_topic)
        left = _count_rows(draft_path(root, source_id))
        return (
            f"claims/tagged/{target.name}: {len(accepted)} row(s) accepted ({', '.join(accepted)})\n"
            f"{DRAFT_FOLDER}/{source_id}.csv: {left} row(s) left\n"
        )
    normalised = load(root)
    proposals = propose(normalised, root, source_id)
    path = draft_path(root, source_id)
    shown = f"{DRAFT_FOLDER}/{path.name}"
    if not proposals and not path.exists():
        return f"{source_id}: every number and date mention of its text is covered; nothing to draft\n"
    _, rows, kept = write_draft(root, source_id, proposals)
    with_topic = sum(1 for p in proposals if p.row["topic"])
    mentions = sum(len(p.mentions) for p in proposals)
    lines = [
        f"{shown}: {rows} row(s) for {mentions} uncovered mention(s), {with_topic} with a topic"
        + (f", {kept} kept as edited" if kept else "")
        + "; no claims table changes until rows are accepted"
    ]
    if proposals:
        lines.append(render_proposals(proposals).rstrip("\n"))
        lines.append(f"check the rows (fill empty topics), then: claimcheck draft {source_id} --accept ID[,ID…]")
    return "\n".join(lines) + "\n"


def _count_rows(path: Path) -> int:
    if not path.exists():
        return 0
    return len(read_table(path, DRAFTS, path.name, []))


def _write(path: Path, data: str | bytes) -> None:
    """Write atomically; a failure is a WriteError naming the file (exit code 3)."""
    try:
        write_atomic(path, data)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
