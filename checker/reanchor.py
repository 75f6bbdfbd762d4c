"""Re-anchoring quotes when a source text is revised (an outlet corrects an article).

Every claim's quote must be found verbatim in its text. When a text under ``seeds/``
changes, some quotes no longer are: they are orphans. For each, ``reanchor`` finds the
closest passage of the new text (rapidfuzz: ``partial_ratio_alignment`` to find the
place, then the span around it that is most similar to the quote), says what changed (a
figure, a word, nothing but spacing or punctuation) and, when the passage is similar
enough (``THRESHOLD``) and still states the claim's value, proposes it as the updated
quote. ``--write`` applies the proposals, replacing only the quote cell of each row.

Anchors: ``claims/anchors.csv`` (written by ``reanchor --record``, refreshed by
``--write``) keeps, per claim, where its quote was and the text around it, as a W3C Web
Annotation TextQuoteSelector does (``exact``, ``prefix``, ``suffix``; plus ``start`` and
``end`` offsets as a TextPositionSelector would). With it, a quote that occurs twice
(a pull quote) is followed to the right occurrence: if the outlet corrects the body and
not the pull quote, the quote is still found verbatim (in the pull quote), but the anchor
shows that the passage the claim was tagged on changed. ``check`` never needs the file.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.errors import DataError, Problem, WriteError
from checker.files import locked, read_regular, write_atomic
from checker.records import RevisedPassage
from checker.schema import ANCHORS
from checker.texts import SourceText, fold

ANCHORS_FILE = "claims/anchors.csv"
CONTEXT = 32  # characters of prefix and suffix, as annotation tools commonly keep
THRESHOLD = 90.0  # the similarity (0–100) above which an updated quote is proposed
_CONTEXT_MARGIN = 10.0  # how much better the anchored place's context must match to win over a verbatim copy


@dataclass
class Anchor:
    source: str
    claim: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass
class Outcome:
    """What became of one claim's quote in its (possibly revised) text."""

    source: str
    claim: str
    file: str
    line: int
    text_id: str
    text_file: str
    quote: str
    status: str  # intact, moved, orphan, changed (the anchored passage changed; a copy elsewhere still matches)
    start: int = -1  # the quote's (or the proposed passage's) span in the text
    end: int = -1
    passage: str = ""  # the closest passage, verbatim from the text
    passage_line: int = 0
    score: float = 100.0
    change: str = ""
    proposed: str = ""  # the updated quote, when one is proposed
    reason: str = ""  # why none is, when none is

    @property
    def revised(self) -> bool:
        return self.status in ("orphan", "changed")


def _value_stated(value: str, passage: str, kind: str, decimal: str) -> bool:
    # The same rule as check's digit check: every number of the value is in the passage.
    from checker.quotes import digits_missing as _digits_missing

    return _digits_missing(value, passage, kind, decimal) is None


def _similarity(first: str, second: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(first, second))


def _refine(needle: str, folded: str, start: int, end: int) -> tuple[int, int, float]:
    """The span near ``start:end`` of the folded text most similar to the needle."""
    from rapidfuzz import fuzz

    reach = min(40, max(6, len(needle) // 8))
    best = (start, end, float(fuzz.ratio(needle, folded[start:end])))
    starts = range(max(0, start - reach), min(len(folded), start + reach) + 1)
    for a in starts:
        for b in range(max(a + 1, end - reach), min(len(folded), end + reach) + 1):
            score = fuzz.ratio(needle, folded[a:b], score_cutoff=best[2])
            if score > best[2]:
                best = (a, b, float(score))
    return best


def _closest(text: SourceText, needle: str, anchor: Anchor | None) -> tuple[int, int, float]:
    """The folded span most similar to the needle: near the anchor's context when there is
    one, else anywhere; (start, end, similarity)."""
    from rapidfuzz import fuzz

    candidates = []
    found = fuzz.partial_ratio_alignment(needle, text.folded)
    if found is not None:
        candidates.append(_refine(needle, text.folded, found.dest_start, found.dest_end))
    if anchor is not None:
        context = anchor.prefix + needle + anchor.suffix
        around = fuzz.partial_ratio_alignment(context, text.folded)
        if around is not None:
            start = around.dest_start + len(anchor.prefix)
            end = max(start + 1, around.dest_end - len(anchor.suffix))
            candidates.append(_refine(needle, text.folded, start, end))
    if not candidates:
        return 0, 0, 0.0
    if anchor is not None:  # the anchor's context breaks near-ties (a repeated passage)
        return max(candidates, key=lambda c: (c[2] + 0.25 * _context_score(text, c[0], c[1], anchor), -c[0]))
    return max(candidates, key=lambda c: (c[2], -c[0]))


def _context_score(text: SourceText, start: int, end: int, anchor: Anchor) -> float:
    """How well the folded text around ``start:end`` matches the anchor's prefix and suffix."""
    before = text.folded[max(0, start - len(anchor.prefix)) : start]
    after = text.folded[end : end + len(anchor.suffix)]
    scores = [
        _similarity(anchor.prefix, before) if anchor.prefix else 100.0,
        _similarity(anchor.suffix, after) if anchor.suffix else 100.0,
    ]
    return sum(scores) / 2


def _occurrences(text: SourceText, needle: str) -> list[tuple[int, int]]:
    spans, at = [], text.folded.find(needle)
    while at >= 0 and needle:
        spans.append((at, at + len(needle)))
        at = text.folded.find(needle, at + 1)
    return spans


def _original(text: SourceText, start: int, end: int) -> tuple[int, int]:
    """A folded span as a span of the original text."""
    return int(text._origin[start]), int(text._origin[max(start, end - 1)]) + 1


def describe_change(old: str, new: str) -> str:
    """What differs between a quote and its passage: nothing but spacing or punctuation,
    a figure, or words."""
    old, new = fold(old), fold(new)
    if old == new:
        return "nothing"
    if re.sub(r"[\W_]+", "", old) == re.sub(r"[\W_]+", "", new):
        return "spacing or punctuation only"
    old_words, new_words = re.findall(r"[\w.,%$€£]+", old), re.findall(r"[\w.,%$€£]+", new)
    changes = []
    for tag, a, b, c, d in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if tag != "equal":
            changes.append((" ".join(old_words[a:b]).strip(".,"), " ".join(new_words[c:d]).strip(".,")))
    figures = [(a, b) for a, b in changes if re.search(r"\d", a + b)]
    shown = "; ".join(
        f"'{a}' → '{b}'" if a and b else (f"'{a}' removed" if a else f"'{b}' added")
        for a, b in (figures or changes)[:3]
    )
    kind = "a figure" if figures else ("words" if len(changes) > 1 else "a word")
    return f"{kind} changed: {shown}" if shown else "spacing or punctuation only"


def _anchor_of(text: SourceText, source: str, claim: str, quote: str, start: int, end: int) -> Anchor:
    """The anchor of a folded span: exact quote, context (folded) and original offsets."""
    first, last = _original(text, start, end)
    return Anchor(
        source,
        claim,
        quote,
        text.folded[max(0, start - CONTEXT) : start],
        text.folded[end : end + CONTEXT],
        first,
        last,
    )


def load_anchors(root: Path, problems: list[Problem]) -> dict[tuple[str, str], Anchor]:
    """The anchors file, read with the csv module: its context cells keep their spaces
    (the tables reader strips cells)."""
    path = Path(root) / ANCHORS_FILE
    if not path.exists():
        return {}
    try:
        text = read_regular(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(
            Problem(ANCHORS_FILE, 0, "-", f"cannot read: {error}; write it again with `claimcheck reanchor --record`")
        )
        return {}
    reader = csv.reader(io.StringIO(text, newline=""))
    anchors: dict[tuple[str, str], Anchor] = {}
    try:
        header = next(reader, [])
        if header != list(ANCHORS.names):
            problems.append(
                Problem(
                    ANCHORS_FILE,
                    1,
                    "-",
                    f"the header must be {','.join(ANCHORS.names)}; "
                    "write the file again with `claimcheck reanchor --record`",
                )
            )
            return {}
        line = reader.line_num + 1
        for row in reader:
            if row and len(row) != len(ANCHORS.names):
                problems.append(
                    Problem(ANCHORS_FILE, line, "-", f"{len(row)} fields where the header has {len(ANCHORS.names)}")
                )
            elif row:
                source, claim, exact, prefix, suffix, start, end = row
                if start.isdigit() and end.isdigit():
                    anchors[(source, claim)] = Anchor(source, claim, exact, prefix, suffix, int(start), int(end))
                else:
                    problems.append(Problem(ANCHORS_FILE, line, "start", "offsets must be whole numbers"))
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(Problem(ANCHORS_FILE, line, "-", str(error)))
    return anchors


def examine(
    root: Path, anchors: dict[tuple[str, str], Anchor] | None = None, only: set[str] | None = None
) -> tuple[list[Outcome], dict[tuple[str, str], Anchor], dict[str, SourceText]]:
    """Every claim's quote located in its text (of the texts ``only`` names, when given),
    with the anchors read from the file (or the ones given).

    Raises DataError when the corpus cannot be read (a missing table, a file that is not
    UTF-8, a malformed anchors file); quotes not found are outcomes, not errors."""
    from checker.corpus import load_corpus
    from checker.numbers import decimal_mark
    from checker.references import resolvers

    corpus = load_corpus(Path(root))
    problems = list(corpus.problems)
    if anchors is None:
        anchors = load_anchors(root, problems)
    if problems:
        raise DataError(problems)
    sources = corpus.sources
    text_of = {row.id: (row.id if row.file else row.cited_in) for row in sources.itertuples()}
    decimal_of = {row.id: decimal_mark(row.language) for row in sources.itertuples()}
    topic_resolver, _ = resolvers(corpus.topics, corpus.entities)
    kinds = dict(zip(corpus.topics["key"], corpus.topics["kind"].str.lower()))
    outcomes = []
    for row in corpus.claims.itertuples():
        text_id = text_of.get(row.source, "")
        text = corpus.texts.get(text_id)
        if text is None or not row.quote.strip() or (only is not None and text_id not in only):
            continue
        outcome = Outcome(
            row.source, row.id, row.file, int(row.line), text_id, corpus.text_files[text_id], row.quote, "intact"
        )
        anchor = anchors.get((row.source, row.id))
        if anchor is not None and anchor.exact != row.quote:
            anchor = None  # the quote was edited since the anchor was recorded
        needle = fold(row.quote)
        spans = _occurrences(text, needle)
        key = topic_resolver.resolve(row.topic).key
        kind = kinds.get(key or "", "")
        if spans:
            _place(outcome, text, spans, anchor, needle)
        else:
            outcome.status = "orphan"
        if outcome.revised:
            start, end, score = _closest(text, needle, anchor)
            _propose(outcome, text, start, end, score, row.value, kind, decimal_of.get(row.source, "."))
        outcomes.append(outcome)
    return outcomes, anchors, corpus.texts


def _place(
    outcome: Outcome, text: SourceText, spans: list[tuple[int, int]], anchor: Anchor | None, needle: str
) -> None:
    """A quote found verbatim: intact where its anchor says, moved elsewhere, or changed
    at its anchor while a copy elsewhere still matches."""
    if anchor is None:
        outcome.start, outcome.end = _original(text, *spans[0])
        return
    scored = sorted(((_context_score(text, a, b, anchor), -a, a, b) for a, b in spans), reverse=True)
    context, _, a, b = scored[0]
    outcome.start, outcome.end = _original(text, a, b)
    if context >= 100.0:  # the same words around it: intact, even if text above it changed length
        return
    # The anchored place may hold a corrected copy of the passage while the quote survives
    # verbatim elsewhere (a pull quote): look for the anchor's context.
    start, end, score = _closest(text, needle, anchor)
    elsewhere = not any(x < end and start < y for x, y in spans)
    if elsewhere and score >= 50.0 and _context_score(text, start, end, anchor) >= context + _CONTEXT_MARGIN:
        outcome.status = "changed"
    else:
        outcome.status = "moved"


def _propose(
    outcome: Outcome, text: SourceText, start: int, end: int, score: float, value: str, kind: str, decimal: str
) -> None:
    first, last = _original(text, start, end) if end > start else (0, 0)
    outcome.start, outcome.end = first, last
    outcome.passage = text.text[first:last]
    outcome.passage_line = text.line_of(first) if end > start else 0
    outcome.score = round(score, 1)
    outcome.change = describe_change(outcome.quote, outcome.passage) if outcome.passage else "no similar passage"
    punctuation = outcome.change == "spacing or punctuation only"
    if score < THRESHOLD:
        outcome.reason = f"similarity {score:.0f}% is below {THRESHOLD:.0f}%"
    elif kind == "status" and not punctuation:
        outcome.reason = "a status claim whose words changed needs an editor's reading"
    elif kind not in ("status", "") and not _value_stated(value, outcome.passage, kind, decimal):
        outcome.reason = f"the value {value} is no longer in the passage"
    elif "\n" in outcome.passage.strip():
        outcome.reason = "the passage runs over a paragraph break"
    else:
        outcome.proposed = outcome.passage.strip()


# ---------------------------------------------------------------------------------------
# Writing


def _field_spans(record: bytes) -> list[tuple[int, int]]:
    """Byte spans of the fields of one CSV record (commas outside quotes separate them)."""
    spans, start, quoted = [], 0, False
    for index, byte in enumerate(record):
        if byte == ord('"'):
            quoted = not quoted
        elif byte == ord(",") and not quoted:
            spans.append((start, index))
            start = index + 1
    end = len(record)
    while end > start and record[end - 1] in b"\r\n":
        end -= 1
    spans.append((start, end))
    return spans


def _csv_field(value: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([value])
    return buffer.getvalue().encode("utf-8")


def replace_quotes(data: bytes, changes: dict[int, str]) -> bytes:
    """A claims table with the quote cell of the records starting on the given lines
    replaced; every other byte, cell and row kept."""
    from checker.tables import _records

    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    offset = len(data) - len(body)
    header = next(csv.reader([body.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")]))
    column = [name.strip() for name in header].index("quote")
    starts, lines, _, _ = _records(body)
    bounds = list(starts) + [len(body)]
    pieces, cursor = [], 0
    for index, line in enumerate(lines):
        if int(line) not in changes:
            continue
        record_start, record_end = int(bounds[index]), int(bounds[index + 1])
        record = body[record_start:record_end]
        a, b = _field_spans(record)[column]
        pieces.append(body[cursor : record_start + a])
        pieces.append(_csv_field(changes[int(line)]))
        cursor = record_start + b
    pieces.append(body[cursor:])
    return data[:offset] + b"".join(pieces)


def render_anchors(anchors: dict[tuple[str, str], Anchor]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ANCHORS.names)
    for key in sorted(anchors):
        anchor = anchors[key]
        writer.writerow(
            [anchor.source, anchor.claim, anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end]
        )
    return buffer.getvalue()


def record_anchors(
    outcomes: list[Outcome], old: dict[tuple[str, str], Anchor], texts: dict[str, SourceText]
) -> dict[tuple[str, str], Anchor]:
    """Anchors for every quote found where it was found; a quote not found, or whose
    anchored passage changed, keeps its old anchor (the place it was tagged on)."""
    anchors = {}
    for outcome in outcomes:
        key = (outcome.source, outcome.claim)
        text = texts[outcome.text_id]
        if outcome.status in ("intact", "moved"):
            folded_start = int(np.searchsorted(text._origin, outcome.start))
            needle = fold(outcome.quote)
            anchors[key] = _anchor_of(
                text, outcome.source, outcome.claim, outcome.quote, folded_start, folded_start + len(needle)
            )
        elif key in old:
            anchors[key] = old[key]
    return anchors


def render_outcomes(outcomes: list[Outcome], texts: dict[str, SourceText]) -> list[str]:
    """One entry per quote that is not intact: where it went, or its closest passage, what
    changed and whether an updated quote is proposed."""
    lines = []
    for outcome in outcomes:
        if outcome.status == "intact":
            continue
        where = f"{outcome.file}:{outcome.line}: {outcome.claim}"
        if outcome.status == "moved":
            line = texts[outcome.text_id].line_of(outcome.start)
            lines.append(f"{where}: quote found at another place, {outcome.text_file}:{line}")
            continue
        what = (
            "quote not found"
            if outcome.status == "orphan"
            else "the passage it was tagged on changed (a copy elsewhere still matches)"
        )
        lines.append(
            f"{where}: {what}; closest passage {outcome.text_file}:{outcome.passage_line} "
            f"(similarity {outcome.score:.0f}%): {outcome.change}"
        )
        old, new = _excerpts(outcome.quote, outcome.passage)
        lines.append(f"    old: {old}")
        lines.append(f"    new: {new}")
        lines.append(
            "    "
            + ("proposed: the new passage as the quote" if outcome.proposed else f"no proposal: {outcome.reason}")
        )
    return lines


def run(root: Path, write: bool = False, record: bool = False) -> tuple[str, int]:
    """The ``claimcheck reanchor`` command. Returns what to print and the exit code: 0
    when every quote is found where its anchor puts it (after ``--write``), 1 when some
    quote needs an editor."""
    root = Path(root)
    outcomes, anchors, texts = examine(root)
    lines = render_outcomes(outcomes, texts)
    proposals = [outcome for outcome in outcomes if outcome.proposed]
    counts = {status: sum(o.status == status for o in outcomes) for status in ("intact", "moved", "orphan", "changed")}
    summary = (
        f"{len(outcomes)} quote(s): {counts['intact']} intact, {counts['moved']} moved, {counts['orphan']} not found, "
        f"{counts['changed']} changed at their anchor; {len(proposals)} updated quote(s) proposed"
    )
    if write and proposals:
        by_file: dict[str, dict[int, str]] = {}
        for outcome in proposals:
            by_file.setdefault(outcome.file, {})[outcome.line] = outcome.proposed
        for file, changes in sorted(by_file.items()):
            path = root / file
            with locked(path):
                _write(path, replace_quotes(read_regular(path), changes))
        summary += f", {len(proposals)} written"
        outcomes, anchors, texts = examine(root)
    elif proposals:
        summary += " (apply them with --write)"
    if write or record:
        path = root / ANCHORS_FILE
        with locked(path):
            _write(path, render_anchors(record_anchors(outcomes, anchors, texts)))
        summary += f"; {ANCHORS_FILE} written"
    left = sum(outcome.revised for outcome in outcomes)
    if write and left:
        summary += f"; {left} quote(s) still need an editor"
    lines.append(summary)
    return "\n".join(lines) + "\n", 1 if left else 0


def _excerpts(old: str, new: str, limit: int = 160) -> tuple[str, str]:
    """The two passages for a terminal, each cut to ``limit`` characters around where they
    first differ, so the change is in view."""
    old, new = " ".join(old.split()), " ".join(new.split())
    same = next((index for index, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    start = max(0, same - limit // 2) if max(len(old), len(new)) > limit else 0

    def cut(text: str) -> str:
        piece = text[start : start + limit]
        return ("…" if start else "") + "“" * (not start) + piece + ("”" if start + limit >= len(text) else "…")

    return cut(old), cut(new)


def revisions(old_root: Path, new_root: Path) -> dict[str, RevisedPassage]:
    """The claims whose source text was revised since a baseline corpus: claim id → the
    passage then and now. The baseline's quotes, located in its texts, are the anchors;
    in a text that changed, a claim is revised when its quote was edited since (by
    ``reanchor --write`` or by hand), or when its anchored passage is gone or changed."""
    changed = _changed_texts(Path(old_root), Path(new_root))
    if not changed:
        return {}  # the common case, and cheap: no text was revised
    try:
        old_outcomes, _, old_texts = examine(old_root, only=changed)
        baseline = record_anchors(old_outcomes, {}, old_texts)
        outcomes, _, texts = examine(new_root, anchors=baseline, only=changed)
    except DataError:
        return {}
    revised: dict[str, RevisedPassage] = {}
    for outcome in outcomes:
        anchor = baseline.get((outcome.source, outcome.claim))
        old_text = old_texts.get(outcome.text_id)
        if anchor is None or old_text is None or old_text.text == texts[outcome.text_id].text:
            continue
        if anchor.exact != outcome.quote:
            now = outcome.quote
        elif outcome.revised:
            now = outcome.passage
        else:
            continue
        revised[outcome.claim] = {
            "claim_id": outcome.claim,
            "source": outcome.source,
            "text_file": outcome.text_file,
            "before": anchor.exact,
            "now": now,
            "change": describe_change(anchor.exact, now),
        }
    return revised


def _write(path: Path, data: str | bytes) -> None:
    """Write atomically; a failure is a WriteError naming the file (exit code 3)."""
    try:
        write_atomic(path, data)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None


def _changed_texts(old_root: Path, new_root: Path) -> set[str]:
    """The ids of the sources whose text differs between two corpora (byte for byte)."""
    from checker.corpus import safe_join
    from checker.schema import SOURCES
    from checker.tables import read_table

    changed = set()
    sources = read_table(new_root / "claims" / "sources.csv", SOURCES, "claims/sources.csv", [])
    for row in sources.itertuples():
        if not row.file:
            continue
        paths = [safe_join(root / "seeds", row.file, root) for root in (old_root, new_root)]
        try:
            contents = [read_regular(path) if path is not None else None for path in paths]
        except OSError:
            contents = [None, b""]
        if contents[0] != contents[1]:
            changed.add(row.id)
    return changed
