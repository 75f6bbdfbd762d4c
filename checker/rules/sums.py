"""The parts of a total do not add up to the total.

Fails:  exports of 2.16 billion and imports of 7.35 billion, "a total of 9.96 billion" (2.61, transposed)
Fails:  exports 2.61 billion and imports 7.35 billion (one source) vs a total of 7.35 billion (another)
Passes: exports of 2.61 billion and imports of 7.35 billion, a total of 9.96 billion
Passes: exports of 2.6 billion and imports of 7.4 billion vs a total of 9.96 billion (within precision)

A topic whose ``sum_of`` lists other topics is their sum. For each claim of the total,
the claims of every part for the same time, scope and modality class are added up, their
intervals combined (so the precision of every figure counts), first within the total's
own source, then across sources, then each other source's parts on their own (so that one
source's correct parts cannot hide another's wrong one); a total outside the sum, beyond
the tolerance, is a finding; an "about" figure is read at its stated digits there, as each
figure of a sum is rounded to its own. When only some parts are given, they must not already exceed the total. The
diagnosis looks for a digit transposition (2.61 written 2.16) or a part the total leaves
out, when one explains the gap exactly.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.densities import PHASES
from checker.examples import Example, Row, claim_row
from checker.findings import Finding
from checker.options import tolerance
from checker.pairing import (
    NUMERIC,
    PAIR_LIMIT,
    SAME_TIME,
    different_estimators,
    estimate_and_count,
    group_codes,
    members,
    ref,
    revised_since,
    row_of,
    topic_terms,
    transpositions,
    value_text,
    widened,
    within_mirror,
)

ID = "sum-consistency"
SEVERITY = "error"
OPTIONS = {
    "tolerance": tolerance(0.0, "relative slack beyond the combined precision of the figures"),
    # Parts from one source against another's total: sources round and revise (a studio's
    # Sunday estimate against Monday's final figure) as value-conflict lets two figures differ.
    # 1 % on each side: the two may lie 2 % apart beyond their precision, as two precise
    # figures of two sources may in value-conflict.
    "across_tolerance": tolerance(
        0.01,
        "relative slack on each side when the parts come from other sources than the total (within one source: "
        "tolerance)",
    ),
}
WITHIN = "within its source"

KEYS = ["scope", "subject", "dimension", "modality_class", *SAME_TIME]


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    # A level and a running total as of one instant add up alike (the missing, a level, and
    # the bodies recovered so far, a running total, make the dead and missing): a level's
    # time is read as a running total's, from the beginning to the end of its period.
    summed = claims["sum_plans"] != ""
    if not summed.any():
        return
    involved = {str(topic) for topic in claims.loc[summed, "topic"].unique()} | {
        part
        for cell in claims.loc[summed, "sum_plans"].unique()
        for plan in str(cell).split("|")
        for part in plan.split(";")
    }
    aggregations = set(claims.loc[claims["topic"].isin(involved), "aggregation"].astype(str).unique())
    if {"stock", "cumulative"} <= aggregations:
        stock = (claims["aggregation"] == "stock").to_numpy(dtype=bool)
        running = (claims["aggregation"] == "cumulative").to_numpy(dtype=bool) & np.isneginf(
            claims["span_start"].to_numpy(dtype=float)
        )
        levels = stock | running
        claims = claims.assign(
            span_start=np.where(levels, -np.inf, claims["span_start"].to_numpy(dtype=float)),
            span_inner_end=np.where(
                levels, claims["span_outer_end"].to_numpy(dtype=float), claims["span_inner_end"].to_numpy(dtype=float)
            ),
        )
    numeric = claims["kind"].isin(NUMERIC) & claims["magnitude"].notna()
    # A figure a later text gives as since revised was right in its day: no evidence
    # against the revised parts or total.
    numeric &= ~revised_since(claims, numeric)
    totals = numeric & claims["sum_plans"].ne("")
    if not totals.any():
        return
    # Each part topic's claims for one time, scope, subject and modality class, as one row:
    # the widest interval they allow and the claims that bound it (within each source, and
    # across sources). Totals then meet one row per part, never every part claim.
    part_topics = {
        part for cell in claims.loc[totals, "sum_plans"] for plan in cell.split("|") for part in plan.split(";")
    }
    parts = _in_topic_dimension(claims, numeric & claims["topic"].isin(part_topics))
    across = _extent(parts, ["topic", *KEYS])
    within = _extent(parts, ["topic", "source", *KEYS])
    # One row per total, way of adding up (its plan: the parts, or the parts of parts) and part.
    left = claims.loc[totals, ["source", "sum_plans", *KEYS]].copy()
    left["total"] = left.index
    left["plan"] = left.pop("sum_plans").astype(str).str.split("|")
    left = left.explode("plan")
    left["topic"] = left["plan"].str.split(";")
    left = left.explode("topic")
    left["total"] = list(zip(left["total"], left["plan"]))
    # One source's parts against another's total: the "across" extents, the widest of every
    # source's, would let one source's correct parts hide another's wrong one.
    one_source = left.drop(columns="source").merge(
        within.rename(columns={"source": "part_source"}), on=["topic", *KEYS]
    )
    total_sources = claims.loc[[key[0] for key in one_source["total"]], "source"].to_numpy()
    one_source = one_source[one_source["part_source"].to_numpy() != total_sources]
    candidates = {
        WITHIN: left.merge(within, on=["topic", "source", *KEYS]),
        "across sources": left.merge(across, on=["topic", *KEYS]),
        "parts from one other source": one_source,
    }
    # Per total and scope: the sum of its parts' intervals, and whether every part is given;
    # only the totals that fail are then looked at one by one.
    wanted = {key: len(key[1].split(";")) for key in dict.fromkeys(left["total"])}
    tolerances = {
        scope: options["tolerance"] if scope == WITHIN else max(options["tolerance"], options["across_tolerance"])
        for scope in candidates
    }
    stated_low, stated_high = at_stated_digits(claims)
    failing: dict = {}
    for scope, frame in candidates.items():
        if frame.empty:
            continue
        # Totals off their parts by more than the figures' precision: whether the slack
        # between sources excuses them is decided one by one (a digit transposition that
        # explains the gap exactly is never excused).
        total_low, total_high = widened(stated_low, stated_high, options["tolerance"])
        by = ["total", "part_source"] if "part_source" in frame else ["total"]
        sums = frame.groupby(by, sort=False).agg(low=("low", "sum"), high=("high", "sum"), parts=("topic", "nunique"))
        totals_of = sums.index.get_level_values("total")
        position = claims.index.get_indexer([key[0] for key in totals_of])
        low, high = widened(sums["low"].to_numpy(dtype=float), sums["high"].to_numpy(dtype=float), options["tolerance"])
        complete = sums["parts"].to_numpy() == np.array([wanted[key] for key in totals_of])
        off = np.where(
            complete, (low > total_high[position]) | (high < total_low[position]), low > total_high[position]
        )
        for key in sums.index[off]:
            total_key = key[0] if "part_source" in frame else key
            # One finding per total claim: within its source first (the loop's order), its
            # own parts before the parts of its parts.
            failing.setdefault(total_key[0], []).append((scope, key))
    _drop_restated(claims, totals, failing)
    rows_of = {
        scope: frame.groupby(["total", "part_source"] if "part_source" in frame else "total", sort=False).groups
        for scope, frame in candidates.items()
    }
    confirmed = _Confirmations(claims, numeric & claims["topic"].isin(part_topics | set(claims.loc[totals, "topic"])))
    # The failing totals of each topic; more than PAIR_LIMIT are summarised in one finding
    # before any of them is written out.
    by_topic: dict[str, list] = {}
    for label, entry in failing.items():
        by_topic.setdefault(claims.at[label, "topic"], []).append((label, entry))
    for topic, entries in by_topic.items():
        if len(entries) > PAIR_LIMIT:
            yield Finding(
                topic=topic,
                claims=(ref(claims, entries[0][0]), ref(claims, entries[-1][0])),
                diagnosis="many totals off their parts: too many to list one by one",
                message=f"{len(entries):,} claims of {claims.loc[claims['topic'] == topic, 'topic_label'].iloc[0]} "
                "do not add up to their parts",
            )
            continue
        made: list[tuple] = []
        for label, tried in entries:  # only the totals that fail, each way in turn until one holds
            for scope, key in tried:
                chosen = candidates[scope].loc[rows_of[scope][key]]
                plan = (key[0] if "part_source" in candidates[scope] else key)[1]
                finding = _check_total(
                    claims, label, plan.split(";"), {scope: chosen}, tolerances[scope], confirmed, options["tolerance"]
                )
                if finding is not None:
                    made.append((label, finding))
                    break
        yield from _merged(claims, made)


def _drop_restated(claims: pd.DataFrame, totals, failing: dict) -> None:
    """Leave out a failing total that its own text restates more precisely in a claim that
    adds up: a wire's headline "Rs 4.09 lakh crore" cut short from the Rs 4,09,549 crore it
    gives too, whose parts add up exactly. Only the failing totals are looked at."""
    if not failing:
        return
    keys = ["topic", "source", *KEYS]
    group = claims.loc[totals, keys].groupby(keys, sort=False, observed=True, dropna=False).ngroup()
    members_of: dict = {}
    for label, code in group.items():
        members_of.setdefault(code, []).append(label)
    half = (claims["high"] - claims["low"]) / 2
    for label in list(failing):
        siblings = [other for other in members_of.get(group[label], []) if other != label and other not in failing]
        if any(half[other] < half[label] for other in siblings):
            del failing[label]


def _merged(claims: pd.DataFrame, made: list[tuple]) -> Iterator[Finding]:
    """The findings of one topic's totals, those that fail against the same parts as one:
    four texts' deposit totals against one text's insured and uninsured parts are one
    problem, most likely in the parts, not four. A total's own transposition stays its own."""
    groups: dict[tuple, list[tuple]] = {}
    for label, finding in made:
        own = finding.subject == claims.at[label, "id"] and finding.diagnosis.startswith("digit transposition")
        key = (label,) if own else (finding.diagnosis.split(":")[0], tuple(ref.claim_id for ref in finding.claims[1:]))
        groups.setdefault(key, []).append((label, finding))
    for members_of in (cluster for group in groups.values() for cluster in _agreeing(claims, group)):
        rows = [row_of(claims, label) for label, _ in members_of]
        first_row, first = rows[0], members_of[0][1]
        said = f"{first_row['topic_label']} is {_amount(first_row)} ({first_row['id']}), but "
        if len(members_of) == 1 or not first.message.startswith(said):
            yield from (finding for _, finding in members_of)
            continue
        totals = [f"{_amount(row)} ({row['id']})" for row in rows]
        diagnoses = {finding.diagnosis for _, finding in members_of}
        at_fault = {finding.subject for _, finding in members_of}
        part_blamed = len(diagnoses) == 1 and len(at_fault) == 1 and not at_fault & {row["id"] for row in rows}
        yield Finding(
            topic=first.topic,
            subject=first.subject if part_blamed else "",
            claims=(*(ref(claims, label) for label, _ in members_of), *first.claims[1:]),
            diagnosis=first.diagnosis
            if part_blamed
            else f"the parts do not add up to the total {len(rows)} claims give: a part is the likelier slip",
            message=f"{first_row['topic_label']} is {', '.join(totals[:-1])} and {totals[-1]}, but "
            + first.message[len(said) :].replace("its parts add up to", "the parts add up to", 1),
        )


def _agreeing(claims: pd.DataFrame, group: list[tuple]) -> list[list[tuple]]:
    """The totals of a group in clusters that agree with each other (their intervals meet),
    in the group's order within each: totals that differ are each their own problem."""
    ordered = sorted(group, key=lambda member: float(claims.at[member[0], "low"]))
    clusters: list[list[tuple]] = []
    ceiling = -np.inf
    for member in ordered:
        low, high = float(claims.at[member[0], "low"]), float(claims.at[member[0], "high"])
        if clusters and low <= ceiling:
            clusters[-1].append(member)
            ceiling = min(ceiling, high)
        else:
            clusters.append([member])
            ceiling = high
    position = {member[0]: index for index, member in enumerate(group)}
    return sorted(
        (sorted(cluster, key=lambda member: position[member[0]]) for cluster in clusters),
        key=lambda cluster: position[cluster[0][0]],
    )


def at_stated_digits(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's interval, an "about" figure read at its stated digits: "about 3.3
    million" is 3.25 to 3.35 million in a sum, not a tenth either way. A sum adds figures
    each rounded to its own digits, so their rounding, not the looseness of "about", is
    what its parts may be off by (as a part against its whole is read, in magnitude)."""
    low, high = claims["low"].to_numpy(dtype=float), claims["high"].to_numpy(dtype=float)
    about = (claims["qualifier"] == "about").to_numpy(dtype=bool)
    if not about.any():
        return low, high
    magnitude, half = claims["magnitude"].to_numpy(dtype=float), claims["half"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        stated = about & np.isfinite(half) & (half > 0)
        return (
            np.where(stated, np.maximum(low, magnitude - half), low),
            np.where(stated, np.minimum(high, magnitude + half), high),
        )


def _row_at_stated_digits(row) -> tuple[float, float]:
    low, high = float(row["low"]), float(row["high"])
    half = float(row["half"])
    if row["qualifier"] != "about" or not (np.isfinite(half) and half > 0):
        return low, high
    return max(low, row["magnitude"] - half), min(high, row["magnitude"] + half)


def _in_topic_dimension(claims: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """The part claims' columns a sum reads, each in its topic's dimension: a part given in
    another ("40.2 million barrels" of crude under a topic in tonnes) through its substance's
    densities, the widest interval they allow, instead of leaving the part out of the sum."""
    parts = claims.loc[mask, ["topic", "source", "low", "high", *KEYS]]
    parts["low"], parts["high"] = at_stated_digits(claims.loc[mask])
    other = (parts["dimension"].astype(str) != claims.loc[mask, "topic_dimension"].astype(str)).to_numpy(dtype=bool)
    if not other.any():
        return parts
    rows = parts.index[other]
    low = claims.loc[rows, [f"{phase}_low" for phase in PHASES]].min(axis=1, skipna=True)
    high = claims.loc[rows, [f"{phase}_high" for phase in PHASES]].max(axis=1, skipna=True)
    convertible = (low.notna() & high.notna()).to_numpy(dtype=bool)
    if not convertible.any():
        return parts
    rows = rows[convertible]
    parts = parts.copy()
    parts.loc[rows, "low"] = low.to_numpy()[convertible]
    parts.loc[rows, "high"] = high.to_numpy()[convertible]
    dimension = claims.loc[rows, "topic_dimension"].astype(str)
    parts["dimension"] = parts["dimension"].cat.add_categories(
        sorted(set(dimension) - set(parts["dimension"].cat.categories))
    )
    parts.loc[rows, "dimension"] = dimension.to_numpy()
    return parts


def _extent(parts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group of part claims: lowest low, highest high, and the claims holding them."""
    if parts.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in [*keys, "low", "high", "lowest", "highest"]})
    grouped = parts.groupby(keys, sort=False, dropna=False)
    frame = grouped.agg(low=("low", "min"), high=("high", "max")).reset_index()
    frame["lowest"] = grouped["low"].idxmin().to_numpy()
    frame["highest"] = grouped["high"].idxmax().to_numpy()
    return frame


def _check_total(
    claims: pd.DataFrame,
    label,
    topics: list[str],
    groups: dict,
    tolerance: float,
    confirmed: _Confirmations,
    exact: float | None = None,
) -> Finding | None:
    """The finding for one total against one way of adding its parts, or None. Off by more
    than ``exact`` (the slack within one source) but within ``tolerance`` (between sources),
    a total is a finding only when a digit transposition explains the gap."""
    if exact is not None and exact < tolerance:
        loose = _check_total(claims, label, topics, groups, tolerance, confirmed)
        if loose is not None:
            return loose
        strict = _check_total(claims, label, topics, groups, exact, confirmed)
        total = row_of(claims, label)
        # Against a rounded total some swap of some part fits by chance: only a precise
        # total (to 0.1 %) tells a transposition.
        precise = (total["high"] - total["low"]) / 2 <= 0.001 * abs(total["magnitude"])
        return strict if strict is not None and precise and strict.diagnosis.startswith("digit transposition") else None
    total = row_of(claims, label)
    for scope, chosen in groups.items():
        if chosen is None or chosen.empty:
            continue
        found = set(chosen["topic"])
        complete = found == set(topics)
        low, high = float(chosen["low"].sum()), float(chosen["high"].sum())
        total_low, total_high = widened(*_row_at_stated_digits(total), tolerance)
        sum_low, sum_high = widened(low, high, tolerance)
        if _other_estimators(claims, total, chosen) or _estimate_against_counts(claims, total, chosen, low, high):
            continue
        if complete and (sum_low > total_high or sum_high < total_low):
            return _finding(claims, label, chosen, scope, low, high, confirmed)
        if not complete and sum_low > total_high:
            return _finding(
                claims, label, chosen, scope, low, high, confirmed, partial=[t for t in topics if t not in found]
            )
    return None


def _other_estimators(claims: pd.DataFrame, total, chosen: pd.DataFrame) -> bool:
    """Whether a part the sum reads is another body's estimate than the total (one
    university's estimate of a blackout's cost against a think tank's estimate of its
    parts): each counts its own way, as value-conflict leaves them alone."""
    labels = dict.fromkeys(label for pair in zip(chosen["lowest"], chosen["highest"]) for label in pair)
    return any(different_estimators(total, row_of(claims, label)) for label in labels)


def _estimate_against_counts(claims: pd.DataFrame, total, chosen: pd.DataFrame, low: float, high: float) -> bool:
    """Whether the total is a named body's estimate and the parts actual figures that name
    no body or another (an NGO's 29 dead, six informal miners among them, against the
    official 16 employees and 7 contractors), within what two methods put apart
    (MIRROR_RATIO): each counts its own way, as value-conflict leaves them (beyond it, a
    slip is likelier)."""
    labels = dict.fromkeys(label for pair in zip(chosen["lowest"], chosen["highest"]) for label in pair)
    if not any(estimate_and_count(total, row_of(claims, label)) for label in labels):
        return False
    middle = (low + high) / 2
    return bool(middle and total["magnitude"] and within_mirror(total["magnitude"], middle))


def _finding(
    claims: pd.DataFrame,
    label,
    chosen: pd.DataFrame,
    scope: str,
    low: float,
    high: float,
    confirmed: _Confirmations,
    partial: list[str] | None = None,
) -> Finding:
    total = row_of(claims, label)
    chosen = chosen.sort_values("topic")
    part_labels = list(dict.fromkeys(part for pair in zip(chosen["lowest"], chosen["highest"]) for part in pair))
    parts = [row_of(claims, part) for part in part_labels]
    addends = []
    for lowest, highest in zip(chosen["lowest"], chosen["highest"]):
        first = row_of(claims, lowest)
        if lowest == highest:
            addends.append(f"{first['topic_label']} {_amount(first)} ({first['id']})")
            continue
        # Two sources' figures for one part: the sum takes the part anywhere between them.
        last = row_of(claims, highest)
        addends.append(
            f"{first['topic_label']} between {_amount(first)} ({first['id']}) and {_amount(last)} ({last['id']})"
        )
    listed = " + ".join(addends)
    summed = display.quantity(low, high, (low + high) / 2, *topic_terms(total))
    refs = (ref(claims, label), *(ref(claims, part.name) for part in parts))
    if partial:
        return Finding(
            topic=total["topic"],
            subject=total["id"],
            claims=refs,
            diagnosis="the parts given already exceed the total",
            message=f"{total['topic_label']} is {_amount(total)} ({total['id']}), but {listed} already make "
            f"{summed}, without {', '.join(partial)} ({scope})",
        )
    diagnosis, subject = _diagnose(confirmed, total, parts)
    return Finding(
        topic=total["topic"],
        subject=subject,
        claims=refs,
        diagnosis=diagnosis,
        message=f"{total['topic_label']} is {_amount(total)} ({total['id']}), but its parts add up to "
        f"{summed}: {listed} ({scope})",
    )


class _Confirmations:
    """Whether another source gives a claim's figure for the same topic, scope and time: a
    figure two sources agree on is no slip of one pen. The figures of the sums' topics are
    grouped once, on first use (only a failing total asks), by their codes."""

    def __init__(self, claims: pd.DataFrame, mask):
        self._claims, self._mask = claims, mask
        self._groups: tuple | None = None

    def _build(self) -> tuple:
        claims = self._claims
        labels, codes = group_codes(claims, self._mask, ("topic", "scope", *SAME_TIME))
        positions = claims.index.get_indexer(labels)
        order, bounds = members(codes, int(codes.max(initial=-1)) + 1)
        sources = claims["source"].cat.codes.to_numpy()[positions]
        magnitudes = claims["magnitude"].to_numpy(dtype=float)[positions]
        halves = np.nan_to_num(
            (claims["high"].to_numpy(dtype=float) - claims["low"].to_numpy(dtype=float))[positions] / 2
        )
        return positions, codes, order, bounds, sources, magnitudes, halves

    def __call__(self, row: pd.Series, coarser: bool = False) -> bool:
        """Whether another source gives the figure within its rounding, or (``coarser``)
        within the coarser of the two roundings: ₹50,65,345 crore is confirmed so by another
        text's "50.65 trillion rupees", though that says nothing of its last digits."""
        if self._groups is None:
            self._groups = self._build()
        positions, codes, order, bounds, sources, magnitudes, halves = self._groups
        at = np.searchsorted(positions, self._claims.index.get_loc(row.name))
        if at >= len(positions) or positions[at] != self._claims.index.get_loc(row.name):
            return False
        members_of = order[bounds[codes[at]] : bounds[codes[at] + 1]]
        others = members_of[sources[members_of] != sources[at]]
        slack = np.maximum(halves[others], _half(row)) if coarser else _half(row)
        return bool((np.abs(magnitudes[others] - row["magnitude"]) <= slack).any())


def _explains(residual: float, tight: float, total: pd.Series) -> bool:
    """Whether what a swap leaves of the gap is no more than rounding: nothing (exact
    figures), or less than the coarsest figure's half-step (65,000 read as ±500 is no fit
    for a 500 left over)."""
    return residual <= 1e-9 * abs(total["magnitude"]) or residual < tight * (1 - 1e-9)


def _diagnose(confirmed: _Confirmations, total: pd.Series, parts: list[pd.Series]) -> tuple[str, str]:
    """A digit transposition or a dropped part, when either explains the gap exactly; and
    the claim at fault (the transposed figure, else the total). A figure another source
    confirms is not taken for transposed."""
    by_topic: dict[str, list[pd.Series]] = {}
    for part in parts:
        by_topic.setdefault(part["topic"], []).append(part)
    chosen = [rows[0] for rows in by_topic.values()]  # one figure per part, the first in order
    values = [part["magnitude"] for part in chosen]
    slack = sum(_half(part) for part in chosen) + _half(total)
    # A swap explains the gap when it leaves less than the coarsest figure's rounding
    # (9,430 against 9,420 in whole megawatts is 10 off: no explanation, though the halves
    # of five figures add up to more); of several, the nearest is taken: against a rounded
    # part ("$1.1 billion") a wrong swap of another may fit too, less closely.
    tight = max(_half(row) for row in (*chosen, total))
    fits: list[tuple[float, int, str, str]] = []
    for position, part in enumerate(chosen):
        if confirmed(part):
            continue
        for swapped in transpositions(part["number"]):
            candidate = swapped * part["number_factor"]
            residual = abs(sum(values) - values[position] + candidate - total["magnitude"])
            if _explains(residual, tight, total):
                fits.append(
                    (
                        residual,
                        len(fits),
                        f"digit transposition: {part['id']} gives {part['number']} where "
                        f"{_plain(swapped, part['number'])} makes the parts add up to the total",
                        part["id"],
                    )
                )
    for swapped in () if confirmed(total) else transpositions(total["number"]):
        residual = abs(sum(values) - swapped * total["number_factor"])
        if _explains(residual, tight, total):
            fits.append(
                (
                    residual,
                    len(fits),
                    f"digit transposition: {total['id']} gives {total['number']} where "
                    f"{_plain(swapped, total['number'])} is the sum of the parts",
                    total["id"],
                )
            )
    if fits:
        _, _, diagnosis, at_fault = min(fits)
        return diagnosis, at_fault
    # A scale slip in one part: a power of ten that makes the parts add up as written
    # ("$7.5 billion" of international sales beside $104.9 million of US sales, for a total
    # of $112.4 million).
    for position, part in enumerate(chosen):
        if confirmed(part):
            continue
        for power in (1, 2, 3, 6, 9, -1, -2, -3, -6, -9):  # a decimal, lakh and crore, a scale word
            candidate = values[position] * 10.0**power
            if part["kind"] == "count" and not (abs(candidate) >= 1 and float(candidate).is_integer()):
                continue  # no count is a fraction of one
            # At the other figures' rounding (the slipped part's own rounds widely), and to a
            # figure that is more than that rounding (else the part was left out, below).
            others = max(_half(row) for row in (*chosen[:position], *chosen[position + 1 :], total))
            residual = abs(sum(values) - values[position] + candidate - total["magnitude"])
            if _explains(residual, others, total) and abs(candidate) > others:
                return (
                    f"a scale slip: {part['id']} gives {_amount(part)}, {10 ** abs(power):,} times "
                    f"{'less' if power > 0 else 'more'} than the figure that makes the parts add up",
                    part["id"],
                )
    for position, part in enumerate(chosen):
        # The total equals the other parts within their rounding (the dropped part's own
        # rounding is no slack: a part's scale slip rounds widely).
        if len(chosen) > 1 and abs(sum(values) - values[position] - total["magnitude"]) <= slack - _half(part):
            return f"a part dropped: the total equals the parts without {part['topic_label']} ({part['id']})", total[
                "id"
            ]
    # A total another text confirms, beside one part no other text does: the part is the
    # likelier slip.
    unconfirmed = [part for part in chosen if not confirmed(part, coarser=True)]
    if len(chosen) > 1 and len(unconfirmed) == 1 and confirmed(total, coarser=True):
        return (
            f"the parts do not add up to the total, which another text confirms; {unconfirmed[0]['id']} is the "
            "only part no other text confirms",
            unconfirmed[0]["id"],
        )
    return "the parts do not add up to the total", total["id"]


def _half(row: pd.Series) -> float:
    """How far a figure may be off in a diagnosis: half its interval, an "about" figure's at
    its stated digits (a swap that fits only within the width of "approximately 1.8" is no
    diagnosis); nothing for a whole count as stated (181 firefighters add up exactly, not
    to within half a firefighter)."""
    if row["kind"] == "count" and row["qualifier"] == "stated" and float(row["magnitude"]).is_integer():
        return 0.0
    low, high = _row_at_stated_digits(row)
    width = high - low
    return width / 2 if np.isfinite(width) else 0.0


def _plain(value: float, like: str) -> str:
    decimals = len(like.split(".")[1]) if "." in like else 0
    return f"{value:.{decimals}f}"


def _amount(row: pd.Series) -> str:
    return value_text(row)  # in the topic's unit, or per year in the row's own where its dimension differs


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_TOPICS = (
    {"key": "exports", "kind": "quantity", "unit": "USD"},
    {"key": "imports", "kind": "quantity", "unit": "USD"},
    {"key": "turnover", "kind": "quantity", "unit": "USD", "label": "trade turnover", "sum_of": "exports; imports"},
)


def _trade(exports: str, imports: str, total: str, total_from: str = "a") -> dict[str, tuple[Row, ...]]:
    """Exports and imports of 2024 from source a, and their total from ``total_from``."""
    parts = (
        claim_row("exports", "exports", exports, period="2024"),
        claim_row("imports", "imports", imports, period="2024"),
    )
    whole = claim_row("total", "turnover", total, period="2024")
    return {"a": (*parts, whole)} if total_from == "a" else {"a": parts, total_from: (whole,)}


EXAMPLES = (
    Example(
        "fails",
        'exports of 2.16 billion and imports of 7.35 billion, "a total of 9.96 billion" (2.61, transposed)',
        _trade("US$2.16 billion", "US$7.35 billion", "US$9.96 billion"),
        topics=_TOPICS,
        flags=(("exports", "imports", "total"),),
    ),
    Example(
        "fails",
        "exports 2.61 billion and imports 7.35 billion (one source) vs a total of 7.35 billion (another)",
        _trade("US$2.61 billion", "US$7.35 billion", "US$7.35 billion", total_from="b"),
        topics=_TOPICS,
        flags=(("exports", "imports", "total"),),
    ),
    Example(
        "passes",
        "exports of 2.61 billion and imports of 7.35 billion, a total of 9.96 billion",
        _trade("US$2.61 billion", "US$7.35 billion", "US$9.96 billion"),
        topics=_TOPICS,
    ),
    Example(
        "passes",
        "exports of 2.6 billion and imports of 7.4 billion vs a total of 9.96 billion (within precision)",
        _trade("US$2.6 billion", "US$7.4 billion", "US$9.96 billion"),
        topics=_TOPICS,
    ),
)
