"""Two sources give different values for the same quantity, period and scope.

Fails:  US$1 billion (bilateral trade, 2024) vs USD 12.42 billion (bilateral trade, 2024)
Fails:  3 million barrels vs 2 million barrels for the same month (round numbers read tight)
Fails:  an agreement for 40 aircraft vs an agreement for 60 aircraft (the same deal)
Passes: US$1 billion (2024) vs "more than US$3 billion" as a target
Passes: US$1 billion (2024) vs US$1.04 billion (2024): 1 billion is a rounded 1.04 billion
Passes: US$3.1 billion (January–June 2024) vs US$7.9 billion (2024): periods that nest
Passes: 1,200 dead as of 2 May vs 1,450 dead as of 9 May (a running total rising)
Passes: an estimate of 40,000 troops by one institute vs one of 45,000 by officials

Claims compare when they are about the same subject (where the topic leaves it to the
claim), cover the same time (a topic's aggregation says what that
means: the same period for flows and stocks, the same as-of instant for running totals)
and have the same modality class: actual figures and estimates with each other, targets
with targets, plans with plans, agreements with agreements. Forecasts differ
legitimately between forecasters: only one forecaster's figures reported differently are
flagged, as a warning (an error where a scale slip, a digit transposition or a unit slip
explains the gap, which no revision does). Estimates that name different estimators differ legitimately too,
and so do one body's estimate and another body's count, and plans or targets of different
parties (`attributed_to`): they are not compared, unless a scale slip, a digit
transposition or a unit slip explains the gap (then an error). Two running totals for the same day (or month) without a time of
day are a note: they may be counts from different hours (unless a scale slip, a digit
transposition or a unit slip explains the gap, which no hour does: then an error). The intervals come from
qualifiers and the precision model, widened by the topic's tolerance (or this rule's).
The message gives both values in the topic's unit, the ratio, and a diagnosis: a scale
slip (a power of ten), rounding, a digit transposition (54,000 for 45,000), a unit slip
(acres for hectares), a different scope (the value is another topic's figure
in the same family, or a precise figure of another topic), a different period (the value
is the same topic's figure for another time), a different subject (another entity's
figure), or plainly different figures. One claim that disagrees with several sources that
agree with each other (a figure transposed in one text of four) is one finding on that
claim, the odd one out, with every claim it meets, not one finding per pair. The same
forecast, estimate or earlier figure since revised, of three written digits credited to two bodies by two texts is a
warning when three of its digits are significant (10.1 %, $18.5 million) or it is a range
with the same ends, and a note when two are ($690 million): one text may name the wrong
body. An actual figure that is another text's forecast for
that time to its last digit, where an actual figure rules it out, is a warning: a forecast
given as the figure. A figure
given as current that an earlier text (or the same text) gives as since revised is a
warning: the later text repeats a figure already revised. Two figures of which one is
rounded, close enough for the tolerance but such that no one value rounds to both (£80bn
against £70bn, 4.5 million against 4.7 million), are a warning.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections import ChainMap
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import Option, tolerance
from checker.pairing import (
    NUMERIC,
    REVISION_KEY,
    SAME_TIME,
    Crowd,
    MagnitudeIndex,
    by_id,
    crowd_extremes,
    different_bodies,
    different_estimators,
    estimate_and_count,
    group_codes,
    intervals_apart,
    merged_odd_ones,
    odd_ones_out,
    pairs_apart,
    partner_of,
    periods_overlap,
    point_gaps,
    positions_of,
    ref,
    row_of,
    same_time,
    sharing_key,
    superseded_pairs,
    tolerance_of,
    transpositions,
    value_text,
    widened,
    within_mirror,
)

ID = "value-conflict"
SEVERITY = "error"
OPTIONS = {
    "tolerance": tolerance(0.02),
    "match_tolerance": tolerance(0.05, "how near another figure must be to explain a conflict (scope, period)"),
    "undated_within_days": Option(
        31,
        "how many days apart the publications of two claims without a period may be and still compare (0: never)",
        minimum=0,
        maximum=3650,
    ),
}

TRUNCATION_STEP = 0.10
# A figure with this many significant digits is unlikely to recur by chance: when another
# topic gives it, that topic is a candidate explanation even outside the family.
PRECISE_DIGITS = 3
# How far apart two named bodies' figures for one quantity may be as mirror statistics (a
# note); beyond it, an error: no difference of method makes one figure half again another.
# Ranges of one figure compared pair by pair: more in one group is a crowd, not a handful.
RANGES_PER_GROUP = 100


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    numeric = claims["kind"].isin(NUMERIC) & claims["magnitude"].notna()
    # Forecasts compare only within one named forecaster: the forecaster is a key of the
    # group for forecasts, and unnamed forecasts are left out.
    forecast = claims["modality_class"] == "forecast"
    numeric &= ~forecast | (claims["attributed_to"] != "")
    forecaster = claims["attributed_to"].where(forecast, "")
    columns = ("topic", "scope", "subject", "dimension", "modality_class")
    keys = pd.DataFrame(
        {**{column: claims[column] for column in (*columns, *SAME_TIME)}, "_forecaster": forecaster}, copy=False
    )
    pairs = list(_pairs(claims, options, numeric, keys, columns, forecaster))
    # A revision is no slip: its current figure is no odd one out of the earlier ones.
    yield from merged_odd_ones(odd_ones_out(pairs, lambda finding: finding.diagnosis.startswith("revised")), _rank)
    yield from _stale(claims, numeric & claims["modality_class"].isin(("actual", "forecast", "plan", "target")))
    yield from _one_figure_two_forecasters(claims)
    yield from _forecast_as_actual(claims, claims["kind"].isin(NUMERIC) & claims["magnitude"].notna())


def _forecast_as_actual(claims: pd.DataFrame, numeric: pd.Series) -> Iterator[Finding]:
    """An actual figure that is another text's forecast for the same time to its last digit
    of three or more, where another actual figure for that time rules it out: quarterly
    revenue of "$1.26 billion", the analysts' consensus the wire gave, where the company
    reported $1.23 billion. The forecasts are few: each is joined to the figures once."""
    forecast = numeric.to_numpy(dtype=bool) & (claims["modality_class"] == "forecast").to_numpy(dtype=bool)
    actual = numeric.to_numpy(dtype=bool) & (claims["modality"] == "actual").to_numpy(dtype=bool)
    if not forecast.any() or not actual.any():
        return
    key = list(REVISION_KEY)
    told = claims.loc[forecast, [*key, "magnitude", "source"]].rename(columns={"source": "forecast_in"})
    told = told.assign(forecast=told.index)
    given = claims.loc[
        actual & (claims["digits"] >= ATTRIBUTION_DIGITS).to_numpy(dtype=bool), [*key, "magnitude", "source"]
    ]
    joined = given.assign(claim=given.index).merge(told, on=[*key, "magnitude"])
    joined = joined[joined["source"] != joined["forecast_in"]]
    if joined.empty:
        return
    alike = sharing_key(claims, list(dict.fromkeys(joined["claim"])), actual)
    for label, forecast_label in zip(joined["claim"], joined["forecast"]):
        row, told_row = row_of(claims, label), row_of(claims, forecast_label)
        against = [
            other
            for other in alike[label]
            if other != label and not (claims.at[other, "low"] <= row["magnitude"] <= claims.at[other, "high"])
        ]
        if not against:
            continue
        other = row_of(claims, min(against, key=lambda candidate: claims.at[candidate, "id"]))
        yield Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=(ref(claims, label), ref(claims, forecast_label), ref(claims, other.name)),
            severity=Severity.WARNING.value,
            diagnosis=f"a forecast given as the figure: {row['id']} gives what {told_row['id']} gives as a forecast",
            message=f"{row['source']} gives {value(row)} ({row['id']}) as the actual figure for {row['topic_label']} in "
            f"{display.date_range(row['period_start'], row['period_end'])}, the figure {told_row['source']} gives as "
            f"a forecast ({told_row['id']}); {other['source']} gives {value(other)} ({other['id']})",
        )


# What _revised says of a pair whose earlier figure a text gives as current after its
# revision: no finding of the pair, for _stale's warning on that claim tells it.
STALE = "stale"
# Significant digits from which one figure given by two forecasters is no coincidence.
ATTRIBUTION_DIGITS = 3


def _one_figure_two_forecasters(claims: pd.DataFrame) -> Iterator[Finding]:
    """The same forecast, estimate or earlier figure since revised, of three written digits,
    for one time (or both without a period), attributed to two different bodies by two texts ("the utility's $690
    million" and "Ohio EPA's $690 million"): such figures are never compared, as
    forecasters differ, but one figure to three digits is likelier one body's credited to
    the other. A warning when three of its digits are significant, a note when two are:
    bodies adopt each other's figures, and reach round ones alike."""
    # Forecasts, estimates and earlier figures since revised alike: a body's preliminary
    # figure one text gives as another body's estimate is one figure, two bodies.
    chosen = (
        claims["modality"].isin(("forecast", "estimate", "superseded")).to_numpy(dtype=bool)
        & (claims["attributed_to"] != "").to_numpy(dtype=bool)
        & ((claims["digits"] >= 2) | (claims["qualifier"] == "range")).to_numpy(dtype=bool)
        & claims["magnitude"].notna().to_numpy(dtype=bool)
    )
    if chosen.sum() < 2:
        return
    # Three digits as written ("$690 million", "1.21"), two of them significant: never a
    # round "$700 million" or "1.5 billion", which many bodies give alike.
    rows = np.flatnonzero(chosen)
    written = claims["number"].iloc[rows].astype(str).str.count(r"\d").to_numpy()
    # A range's two ends count together ("US$45-60 million": four digits, two figures).
    ranges = (claims["qualifier"].iloc[rows] == "range").to_numpy(dtype=bool)
    written = np.where(ranges, 2 * written, written)
    chosen[rows[written < ATTRIBUTION_DIGITS]] = False
    if chosen.sum() < 2:
        return
    keys = ["topic", "scope", "subject", "dimension", *SAME_TIME, "magnitude", "_low", "_high"]
    frame = claims.loc[chosen, [*keys[:-2], "attributed_to", "source", "undated", "qualifier", "low", "high"]]
    # A range ("$1.00 billion to $1.02 billion" of guidance) is one figure only with the same
    # ends (UNEP's "$310-365 billion a year" credited to the World Bank), never its middle
    # (a consensus of $1.01 billion may well be it).
    ranged = (frame["qualifier"] == "range").to_numpy(dtype=bool)
    frame = frame.assign(
        _low=np.where(ranged, frame["low"].to_numpy(dtype=float), np.nan),
        _high=np.where(ranged, frame["high"].to_numpy(dtype=float), np.nan),
    )
    # A forecast without a period of its own is of its text's day: two texts' days differ,
    # the figure ("$690 million through 2034") does not. And it meets a figure another text
    # dates to that day ("the 2.52 billion forecast in May", tagged with the day): a second
    # pass keeps the days, for groups of both.
    undated = frame["undated"].to_numpy(dtype=bool)
    of_their_days = frame.copy() if undated.any() and not undated.all() else None
    frame.loc[undated, list(SAME_TIME)] = np.nan
    groups = _credited_apart(frame, keys)
    if of_their_days is not None:
        groups = itertools.chain(groups, _credited_apart(of_their_days, keys, both_undated_and_dated=True))
    for group in groups:  # only groups of two bodies in two texts: few
        # A person and a body: a chief financial officer gives the company's guidance (or an
        # analyst's forecast is credited to the company): a note.
        kinds = {str(kind) for kind in claims.loc[group.index, "attributed_kind"]}
        person_and_body = "person" in kinds and len(kinds) > 1
        # Two texts or more crediting one body and one text another: that one is the odd one
        # out, the likelier misattribution, whatever its digits.
        texts_of = group.groupby("attributed_to", observed=True)["source"].nunique()
        odd = texts_of.index[texts_of == 1] if len(texts_of) == 2 and texts_of.max() >= 2 else []
        if len(odd) == 1:
            first = row_of(claims, group.index[(group["attributed_to"] == odd[0]).to_numpy()][0])
            other = row_of(claims, group.index[(group["attributed_to"] != odd[0]).to_numpy()][0])
        else:
            first = row_of(claims, group.index[0])
            other = row_of(
                claims,
                next(label for label in group.index if group.at[label, "attributed_to"] != first["attributed_to"]),
            )
        digits = int(min(first["digits"], other["digits"]))
        yield Finding(
            topic=first["topic"],
            claims=(ref(claims, first.name), ref(claims, other.name)),
            # Three significant digits ("10.1 %", "$18.5 million", "255,000 t"), or a range's
            # two ends, are an editor's check of whom the figure belongs to; two ("$690
            # million", "580,000 t") a figure two bodies may well reach alike, one adopting
            # the other's.
            subject=first["id"] if len(odd) == 1 else "",
            severity=(
                Severity.WARNING
                if not person_and_body
                and (digits >= ATTRIBUTION_DIGITS or first["qualifier"] == "range" or len(odd) == 1)
                else Severity.NOTE
            ).value,
            diagnosis="one figure, two bodies: one text may credit the figure to the wrong body",
            message=f"{first['source']} gives {value(first)} as {first['attributed_to']}'s ({first['id']}) and "
            f"{other['source']} as {other['attributed_to']}'s ({other['id']}), for {first['topic_label']} in "
            f"{display.date_range(first['period_start'], first['period_end'])}: the same figure to "
            f"{digits} significant digits"
            + (
                f"; {int(texts_of.max())} texts credit it to {other['attributed_to']}, only {first['source']} to "
                f"{first['attributed_to']}"
                if len(odd) == 1
                else ""
            ),
        )


def _credited_apart(frame: pd.DataFrame, keys: list, both_undated_and_dated: bool = False) -> Iterator[pd.DataFrame]:
    """The groups of ``frame`` by ``keys`` whose figures two texts credit to two bodies
    (and, with ``both_undated_and_dated``, that hold both a figure without a period and one
    with), found on whole columns; only those groups are taken apart."""
    grouped = frame.groupby(keys, sort=False, observed=True, dropna=False)
    wanted = (grouped["attributed_to"].transform("nunique") >= 2) & (grouped["source"].transform("nunique") >= 2)
    if both_undated_and_dated:
        wanted &= grouped["undated"].transform("nunique") == 2
    chosen = frame[wanted.to_numpy(dtype=bool)]
    if chosen.empty:
        return
    for _, group in chosen.groupby(keys, sort=False, observed=True, dropna=False):
        yield group


def _stale(claims: pd.DataFrame, figures: pd.Series) -> Iterator[Finding]:
    """A figure or forecast given as current that a text published earlier (or the same
    text) gives as since revised: "249 people were on board, not the 240 first reported"
    in June, and "240 on board" in September (a text of the same day may have gone out
    before the revision). The figure is the superseded one to its last digit, and another
    figure for that time, outside the superseded one's reading, is the revision."""
    pairs = superseded_pairs(claims, figures)
    if len(pairs):  # published after the revision, or by the text that gives it
        same_text = (
            claims.loc[pairs["claim"], "source"].to_numpy() == claims.loc[pairs["superseded"], "source"].to_numpy()
        )
        pairs = pairs[pairs["since"].to_numpy(dtype=bool) | same_text]
    if not len(pairs):
        return
    alike = sharing_key(claims, list(dict.fromkeys(pairs["claim"])), figures)
    for label, old_label in zip(pairs["claim"], pairs["superseded"]):
        row, old = row_of(claims, label), row_of(claims, old_label)
        if not math.isclose(row["magnitude"], old["magnitude"], rel_tol=1e-9):
            continue  # a rounding of the earlier figure may be one of the revised one too
        revisions = [
            other
            for other in alike[label]
            if other != label
            and claims.at[other, "modality_class"] == row["modality_class"]
            and not (old["low"] <= claims.at[other, "magnitude"] <= old["high"])
        ]
        same_text = row["source"] == old["source"]
        if not (revisions or same_text):
            continue  # one text's earlier figure met by another's: no revision to tell them apart
        shown = [ref(claims, label), ref(claims, old_label)]
        revised_to = ""
        if revisions:
            revised = row_of(claims, min(revisions, key=lambda other: claims.at[other, "id"]))
            shown.append(ref(claims, revised.name))
            revised_to = f" to {value(revised)} ({revised['id']})"
        if same_text:
            where = "the figure its own text gives as since revised"
        else:
            where = f"the figure {old['source']}, published earlier, gives as since revised"
        yield Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=tuple(shown),
            diagnosis=f"revised: {row['id']} gives as current the figure {old['id']} gives as since revised",
            message=f"{row['source']} gives {value(row)} ({row['id']}) as the current figure for {row['topic_label']} "
            f"in {display.date_range(row['period_start'], row['period_end'])}: {where} ({old['id']}: "
            f"{old['value']}){revised_to}",
            severity=Severity.WARNING.value,
        )


# A figure stated to this many significant digits, without "about", is precise: it is
# widened by half the tolerance, so that two precise figures may lie the tolerance apart
# (34.6 against 35.9 TWh, 3.8 % apart, conflict at 2 %), not twice it.
PRECISE_WIDENING_DIGITS = 3


# How far apart two figures of texts months apart must be for a swap of their digits to be
# a slip rather than a revision of their last digits.
FAR_TRANSPOSITION = 0.01
# ... and how close in time their texts must be (a quarter): a longer time may change it.
TRANSPOSITION_DAYS = 92
# ... and how many significant digits each must write: a figure that changed from 1.2 GW
# to 2.1 GW (or 13 to 31 sites) swaps two digits by chance far more often than by a slip.
FAR_TRANSPOSITION_DIGITS = 3


def _significant_digits(number: object) -> int:
    """How many significant digits a figure's number as written has ("1200": 2, "2.1": 2,
    "3.58": 3); 0 when it is not written in digits."""
    if not isinstance(number, str):
        return 0
    digits = number.replace(".", "").replace(",", "").lstrip("-").lstrip("0").rstrip("0")
    return len(digits) if digits.isdigit() else 0


# Small whole counts this many apart, and at most this share of the larger, are a
# recount's difference, as likely as a slip's (72 and 73 on board; never 2 and 3 times).
FEW_APART = 2
FEW_APART_SHARE = 0.05


def _few_apart(first: pd.Series, second: pd.Series) -> bool:
    """Whether two exact small counts (read to the unit) differ by a recount's few."""
    exact = all(row["kind"] == "count" and row["low"] == row["high"] for row in (first, second))
    gap = abs(first["magnitude"] - second["magnitude"])
    larger = max(abs(first["magnitude"]), abs(second["magnitude"]))
    return bool(exact and gap <= FEW_APART and gap <= FEW_APART_SHARE * larger)


def _widening(claims: pd.DataFrame, labels, default: float) -> np.ndarray:
    """Each claim's widening: its tolerance, halved for a precise figure, and none for a
    small whole count read exactly (73 people on board is not 74) unless its topic sets one."""
    tolerance = tolerance_of(claims, labels, default)
    precise = (claims.loc[labels, "digits"].to_numpy(dtype=float) >= PRECISE_WIDENING_DIGITS) & (
        claims.loc[labels, "qualifier"] == "stated"
    ).to_numpy(dtype=bool)
    exact = (
        (claims.loc[labels, "kind"] == "count").to_numpy(dtype=bool)
        & (claims.loc[labels, "low"].to_numpy(dtype=float) == claims.loc[labels, "high"].to_numpy(dtype=float))
        & np.isnan(claims.loc[labels, "tolerance"].to_numpy(dtype=float))
    )
    return np.where(exact, 0.0, np.where(precise, tolerance / 2, tolerance))


MONTH_DAYS = 28
# Day numbers are proleptic Gregorian ordinals (date.toordinal); NumPy counts days from 1970.
_EPOCH = 719_163
# A period's end within this many days of a month boundary is read as that boundary (a
# 52/53-week fiscal calendar ends its quarters and years on a Saturday near the month's end).
SNAP_DAYS = 7


def _month_end(days: np.ndarray, among: np.ndarray) -> np.ndarray:
    """Each whole day number among ``among`` as the last day of its month; the others as
    they are."""
    result = days.copy()
    chosen = among & np.isfinite(days) & (days == np.round(days))
    if chosen.any():
        day = (days[chosen] - _EPOCH).astype("int64").astype("datetime64[D]")
        last = (day.astype("datetime64[M]") + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
        result[chosen] = last.astype("int64").astype(float) + _EPOCH
    return result


def _to_months(days: np.ndarray, among: np.ndarray) -> np.ndarray:
    """Each whole day number among ``among`` moved to the nearest first of a month when it
    lies within SNAP_DAYS of it; the others as they are."""
    result = days.copy()
    chosen = among & np.isfinite(days) & (days == np.round(days))
    if not chosen.any():
        return result
    day = (days[chosen] - _EPOCH).astype("int64").astype("datetime64[D]")
    first = day.astype("datetime64[M]").astype("datetime64[D]")
    following = (day.astype("datetime64[M]") + 1).astype("datetime64[D]")
    before, after = (day - first).astype(int), (following - day).astype(int)
    nearest = np.where(before <= after, first, following)
    close = np.minimum(before, after) <= SNAP_DAYS
    moved = np.where(close, nearest, day).astype("int64").astype(float) + _EPOCH
    result[chosen] = moved
    return result


_SLIPS = ("scale slip", "digit transposition", "unit slip")


def _rank(finding: Finding) -> tuple[int, bool, str]:
    """How a pair of an odd one out speaks for it: the most severe first, then a slip of
    the pen (intrinsic to the pair, as its severity is), then the partner's id."""
    severity = Severity(finding.severity or SEVERITY).rank
    return severity, not finding.diagnosis.startswith(_SLIPS), partner_of(finding)


def _pairs(claims, options, numeric, keys, columns, forecaster) -> Iterator[Finding]:
    finder = _Finder(claims, options)
    labels, codes = group_codes(keys, numeric, keys.columns)
    yield from finder.conflicts(labels, codes)
    yield from finder.transposed(labels, codes)
    yield from finder.steps(labels, codes)
    yield from finder.ranges(labels, codes)
    yield from finder.caps(labels, codes)
    # Figures tagged without a period are as of their texts' publication: articles of one
    # news cycle giving a plant's capacity or a project's cost on different days. They are
    # compared across the days too, when the days are close; the level may have moved
    # between them, so such a conflict is a warning unless a slip of the pen explains it.
    yield from finder.period_ends(numeric, keys, columns)
    yield from finder.near_periods(numeric, keys, columns)
    undated = numeric & claims["undated"] & (claims["aggregation"] != "cumulative")
    if undated.sum() > 1:
        keys = pd.DataFrame({**{column: claims[column] for column in columns}, "_forecaster": forecaster}, copy=False)
        undated_groups = group_codes(keys, undated, keys.columns)
        yield from finder.conflicts(*undated_groups, undated=True)
        yield from finder.transposed(*undated_groups, undated=True)


class _Finder:
    """The findings of groups of comparable claims, diagnosed over the whole table."""

    def __init__(self, claims: pd.DataFrame, options: Mapping[str, Any]):
        self.claims, self.options = claims, options
        self.index: MagnitudeIndex | None = None
        self._superseded: dict | None = None

    def conflicts(self, labels: np.ndarray, codes: np.ndarray, undated: bool = False) -> Iterator[Finding]:
        claims, options = self.claims, self.options
        if len(labels) < 2:
            return
        tolerance = _widening(claims, labels, options["tolerance"])
        low, high = widened(
            claims.loc[labels, "low"].to_numpy(dtype=float), claims.loc[labels, "high"].to_numpy(dtype=float), tolerance
        )
        pairs = pairs_apart(labels, codes, low, high)
        if not undated:
            for crowd in pairs.crowds:
                yield _summary(claims, crowd)
        window = options["undated_within_days"]
        for a, b in pairs.frame.itertuples(index=False):  # loop only over the findings
            first, second = by_id(claims, a, b)
            if undated and same_time(first, second):
                continue  # the same day was compared above
            far = undated and abs(first["period_start"] - second["period_start"]) > window
            finding = self._finding(first, second, undated, estimators=different_estimators(first, second))
            if finding is None:
                continue
            if far:
                # Texts months apart give other times' figures (a project's cost revised), but
                # no revision moves a figure by a power of ten or into another unit with the
                # same digits (a contract of $41.5 million against $415 million is a slip),
                # nor, within a quarter, swaps two of its digits a percent or more apart
                # (83,250 t left aboard, then 82,350; a recount of the last digits may look
                # like a swap, and 1,250 MW may be 1,520 MW after half a year's works).
                transposed = (
                    finding.diagnosis.startswith("digit transposition")
                    and abs(first["period_start"] - second["period_start"]) <= TRANSPOSITION_DAYS
                    and abs(first["magnitude"] - second["magnitude"])
                    >= FAR_TRANSPOSITION * max(abs(first["magnitude"]), abs(second["magnitude"]))
                    and min(_significant_digits(first["number"]), _significant_digits(second["number"]))
                    >= FAR_TRANSPOSITION_DIGITS
                )
                if not (finding.diagnosis.startswith(("scale slip", "unit slip")) or transposed):
                    continue
                finding = dataclasses.replace(
                    finding,
                    message=f"{finding.message}; the texts are "
                    f"{abs(first['period_start'] - second['period_start']):.0f} days apart, compared only for a slip",
                )
            yield finding

    def period_ends(self, numeric: pd.Series, keys: pd.DataFrame, columns: tuple[str, ...]) -> Iterator[Finding]:
        """A level given for a period ("debt in June", tagged 2025-06; a ratio "in FY2024/25")
        against the same level given at that period's last day (2025-06-30): the same figure,
        if the period's was the level at its end, or another (an average, a level that moved
        within it). So the two are compared, and a finding made only where a slip of the pen
        explains their gap (a transposition, a scale or unit slip), which no average does."""
        claims = self.claims
        start = claims["period_start"].to_numpy(dtype=float)
        end = claims["period_end"].to_numpy(dtype=float)
        length = end - start
        level = numeric.to_numpy(dtype=bool) & (claims["aggregation"] == "stock").to_numpy(dtype=bool)
        level &= np.isfinite(length)
        stretch, day = level & (length > 1), level & (length == 1)
        if not (stretch.any() and day.any()):
            return
        # A day meets the period that ends on it, and a month's figure ("the April 2024 census
        # counted", tagged 2024-04) the days inside that month (census night, 14 April): each
        # day is keyed by the last day of its month, which a month's own figure ends on.
        day_key = np.where(day, _month_end(start, day), start)
        as_of = pd.DataFrame(
            {column: keys[column] for column in (*columns, "_forecaster")}
            | {"_as_of": pd.Series(np.where(stretch, end - 1, day_key), index=claims.index)},
            copy=False,
        )
        labels, codes = group_codes(as_of, stretch | day, as_of.columns)
        if len(labels) < 2:
            return
        tolerance = _widening(claims, labels, self.options["tolerance"])
        low, high = widened(
            claims.loc[labels, "low"].to_numpy(dtype=float), claims.loc[labels, "high"].to_numpy(dtype=float), tolerance
        )
        pairs = pairs_apart(labels, codes, low, high)  # crowds of one day are summarised by conflicts()
        is_stretch = pd.Series(stretch, index=claims.index)
        for a, b in pairs.frame.itertuples(index=False):  # loop only over the findings
            if is_stretch[a] == is_stretch[b]:
                continue  # two periods, or two days: compared as they are, above
            first, second = by_id(claims, a, b)
            finding = self._finding(first, second, undated=False, estimators=True)  # only a slip
            if finding is not None:
                yield finding

    def near_periods(self, numeric: pd.Series, keys: pd.DataFrame, columns: tuple[str, ...]) -> Iterator[Finding]:
        """Flows over nearly the same months: a fiscal quarter that ends on a Saturday
        (2025-03-30/2025-06-28, a 52/53-week calendar) against "April through June" or
        Q2 2025. Each period of whole weeks within a week of month boundaries is read as those months, and
        the figures are compared with their tolerance widened by the share of the period
        that differs (two days of a quarter, 2.2 %), so only what the days cannot explain
        is a finding."""
        claims = self.claims
        start = claims["period_start"].to_numpy(dtype=float)
        end = claims["period_end"].to_numpy(dtype=float)
        length = end - start
        flow = numeric.to_numpy(dtype=bool) & (claims["aggregation"] == "flow").to_numpy(dtype=bool)
        flow &= np.isfinite(length) & (length >= MONTH_DAYS)
        if not flow.any():
            return
        snapped_start, snapped_end = _to_months(start, flow), _to_months(end, flow)
        with np.errstate(invalid="ignore"):  # open periods (±inf) are no flows here
            off = np.where(flow, np.abs(start - snapped_start) + np.abs(end - snapped_end), 0.0)
        # A 52/53-week calendar counts whole weeks (a quarter of 13 or 14, a year of 52 or
        # 53): a period off whole months is read as them only when it is whole weeks, never
        # a running total "to date" (1 April to 7 October) against the half year.
        flow &= (off == 0) | (np.nan_to_num(length) % 7 == 0)
        if not (flow & (off > 0)).any():
            return  # every period is whole months: compared as they are, above
        near = pd.DataFrame(
            {column: keys[column] for column in (*columns, "_forecaster")}
            | {
                "_start": pd.Series(snapped_start, index=claims.index),
                "_end": pd.Series(snapped_end, index=claims.index),
            },
            copy=False,
        )
        labels, codes = group_codes(near, flow, near.columns)
        if len(labels) < 2:
            return
        positions = claims.index.get_indexer(labels)
        tolerance = _widening(claims, labels, self.options["tolerance"]) + off[positions] / length[positions]
        low, high = widened(
            claims.loc[labels, "low"].to_numpy(dtype=float), claims.loc[labels, "high"].to_numpy(dtype=float), tolerance
        )
        pairs = pairs_apart(labels, codes, low, high)
        for a, b in pairs.frame.itertuples(index=False):  # loop only over the findings
            first, second = by_id(claims, a, b)
            if (first["period_start"], first["period_end"]) == (second["period_start"], second["period_end"]):
                continue  # the same period: compared above
            finding = self._finding(first, second, undated=False, estimators=different_estimators(first, second))
            if finding is not None:
                yield finding

    def transposed(self, labels: np.ndarray, codes: np.ndarray, undated: bool = False) -> Iterator[Finding]:
        """Figures close enough for the tolerance, but apart at their stated precision, where
        one is the other with two adjacent digits swapped (212,840 for 212,480; 63,100 for
        61,300): no source rounds or revises a count into its own transposition, so the
        tolerance does not excuse it, nor does an "about" before a figure of that many digits
        (no one rounds 25.8 to "about 28.5"). ``undated``: figures without a period, as of
        their texts' days, which a revision between may move: only a swap a percent or
        more apart, of texts of different days within a quarter (one day's are compared
        above)."""
        claims = self.claims
        exact = (
            claims.loc[labels, "qualifier"].isin(("stated", "about", "nearly", "just_over")).to_numpy(dtype=bool)
            & (claims.loc[labels, "digits"].to_numpy(dtype=float) >= PRECISE_DIGITS)
            & (claims.loc[labels, "half"].to_numpy(dtype=float) > 0)
        )
        labels, codes = labels[exact], codes[exact]
        if len(labels) < 2:
            return
        magnitude = claims.loc[labels, "magnitude"].to_numpy(dtype=float)
        half = claims.loc[labels, "half"].to_numpy(dtype=float)
        pairs = pairs_apart(labels, codes, magnitude - half, magnitude + half).frame  # crowds: summarised above
        if pairs.empty:
            return
        a, b = pairs["a"].to_numpy(), pairs["b"].to_numpy()
        tolerance = np.maximum(
            tolerance_of(claims, a, self.options["tolerance"]), tolerance_of(claims, b, self.options["tolerance"])
        )
        low, high = claims["low"], claims["high"]
        # Only pairs the tolerance let through (the rest were reported above); figures of
        # other precisions are compared at the coarser one (_transposed).
        candidates = ~intervals_apart(
            low.loc[a].to_numpy(), high.loc[a].to_numpy(), low.loc[b].to_numpy(), high.loc[b].to_numpy(), tolerance
        )
        for left, right in zip(a[candidates], b[candidates]):  # a handful: close figures of one quantity
            first, second = by_id(claims, left, right)
            if not (_transposed(first, second) or _transposed(second, first)):
                continue
            if undated and (
                same_time(first, second)
                or abs(first["period_start"] - second["period_start"]) > TRANSPOSITION_DAYS
                or abs(first["magnitude"] - second["magnitude"])
                < FAR_TRANSPOSITION * max(abs(first["magnitude"]), abs(second["magnitude"]))
            ):
                continue
            finding = self._finding(first, second, undated=False)  # a slip: a finding whoever counted
            if finding is not None:
                yield finding

    def steps(self, labels: np.ndarray, codes: np.ndarray) -> Iterator[Finding]:
        """Rounded figures (one or two significant digits, no qualifier) that the tolerance
        lets through but that no one value rounds to: £70bn against £80bn, 4.5 million
        against 4.7 million. Each is read to half a step of its last digit (£80bn is
        £75bn–£85bn, before the README's cap of 5 %), and where those intervals do not
        meet, or meet only at their common end (£75bn, rounded up by one text and down by
        the other), one text rounded wrongly or the figures differ. Two precise figures may
        lie the tolerance apart (a revision, another method): only a pair with a rounded
        figure is compared. A warning: the gap is within what the rule tolerates, and one
        text may have cut a figure short (£79bn written as £70bn) rather than rounded it.
        Figures of a topic that sets its own ``rounding`` are read as it says, and left out."""
        claims = self.claims
        # Columns read by position, on whole arrays: every numeric claim passes here.
        position = claims.index.get_indexer(labels)
        half = claims["half"].to_numpy(dtype=float)[position]
        # A topic that sets its own rounding says how its figures are rounded.
        stated = (
            (claims["qualifier"] == "stated").to_numpy(dtype=bool)[position]
            & (half > 0)
            & np.isnan(claims["rounding"].to_numpy(dtype=float)[position])
        )
        position, labels, codes, half = position[stated], labels[stated], codes[stated], half[stated]
        rounded = claims["digits"].to_numpy(dtype=float)[position] < PRECISE_DIGITS
        if len(labels) < 2 or not rounded.any():
            return
        magnitude = claims["magnitude"].to_numpy(dtype=float)[position]
        # Intervals a hair narrower than the rounding's, so that two meeting only at an end
        # are apart.
        inner = half * (1 - 1e-9)
        pairs = pairs_apart(labels, codes, magnitude - inner, magnitude + inner).frame  # crowds: summarised above
        if pairs.empty:
            return
        a_at, b_at = (claims.index.get_indexer(pairs[side].to_numpy()) for side in ("a", "b"))
        is_rounded = claims["digits"].to_numpy(dtype=float) < PRECISE_DIGITS
        kept = is_rounded[a_at] | is_rounded[b_at]
        a, b, a_at, b_at = pairs["a"].to_numpy()[kept], pairs["b"].to_numpy()[kept], a_at[kept], b_at[kept]
        if not len(a):
            return
        low, high = claims["low"].to_numpy(dtype=float), claims["high"].to_numpy(dtype=float)
        low_a, high_a = widened(low[a_at], high[a_at], _widening(claims, a, self.options["tolerance"]))
        low_b, high_b = widened(low[b_at], high[b_at], _widening(claims, b, self.options["tolerance"]))
        let_through = (low_a <= high_b) & (low_b <= high_a)  # the rest were reported above
        for left, right in zip(a[let_through], b[let_through]):  # a handful: close figures of one quantity
            first, second = by_id(claims, left, right)
            finding = self._finding(first, second, undated=False, estimators=different_estimators(first, second))
            if finding is None or finding.severity == Severity.NOTE.value:
                continue  # another body's figure, a revision: a reason for a gap this small
            if Severity(finding.severity or SEVERITY).rank < Severity.WARNING.rank:
                finding = dataclasses.replace(finding, severity=Severity.WARNING.value)
            yield dataclasses.replace(
                finding,
                message=f"{finding.message}; within the rule's tolerance, but no one value rounds to both: "
                f"to the digits written, they read {_rounding(first)} and {_rounding(second)}",
            )

    def caps(self, labels: np.ndarray, codes: np.ndarray) -> Iterator[Finding]:
        """ "Up to" (or "at most") a figure states a cap, not any lower figure: two sources'
        caps for one thing ("contracts of up to 20 years" against "up to 12 years") should
        agree, and are compared as the figures they state; a cap against a figure below it
        is a finding only where a slip of the pen explains the gap ("up to 18 GW" against
        1.8 GW: a scale slip), since a figure under its cap agrees with it."""
        claims = self.claims
        qualifier = claims.loc[labels, "qualifier"].to_numpy(dtype=object)
        capped = qualifier == "le"
        if not capped.any():
            return
        plain = np.isin(qualifier, ("stated", "about", "nearly", "just_over", "exact"))
        chosen = capped | plain
        labels, codes, capped = labels[chosen], codes[chosen], capped[chosen]
        if len(labels) < 2:
            return
        magnitude = claims.loc[labels, "magnitude"].to_numpy(dtype=float)
        half = np.nan_to_num(claims.loc[labels, "half"].to_numpy(dtype=float))
        # A cap's own interval is its stated figure at its precision; the others keep theirs.
        low = np.where(capped, magnitude - half, claims.loc[labels, "low"].to_numpy(dtype=float))
        high = np.where(capped, magnitude + half, claims.loc[labels, "high"].to_numpy(dtype=float))
        low, high = widened(low, high, _widening(claims, labels, self.options["tolerance"]))
        is_cap = pd.Series(capped, index=labels)
        for a, b in pairs_apart(labels, codes, low, high).frame.itertuples(index=False):  # only the findings
            if not (is_cap[a] or is_cap[b]):
                continue  # two plain figures: compared above
            first, second = by_id(claims, a, b)
            both = bool(is_cap[a] and is_cap[b])
            finding = self._finding(
                first, second, undated=False, estimators=not both or different_estimators(first, second)
            )
            if finding is not None:
                yield finding

    def ranges(self, labels: np.ndarray, codes: np.ndarray) -> Iterator[Finding]:
        """Two ranges for one figure whose ends differ, though they overlap ("US$4.58-5
        billion" and "US$4.85-5.0 billion" of one forecaster): a range states its ends, so
        they should agree. A warning: ranges are also drawn differently from one source."""
        claims = self.claims
        ranged = (claims.loc[labels, "qualifier"] == "range").to_numpy(dtype=bool)
        if ranged.sum() < 2:
            return
        labels, codes = labels[ranged], codes[ranged]
        tolerance = tolerance_of(claims, labels, self.options["tolerance"])
        low = claims.loc[labels, "low"].to_numpy(dtype=float)
        high = claims.loc[labels, "high"].to_numpy(dtype=float)
        order = np.argsort(codes, kind="stable")
        for group in np.split(order, np.flatnonzero(np.diff(codes[order])) + 1):
            if len(group) > RANGES_PER_GROUP:
                continue  # a crowd of ranges: their conflicts are summarised above
            for position, i in enumerate(group):  # a group's ranges: a handful
                for j in group[position + 1 :]:
                    # (with a hair for the floats of percentages: 5.5 × 0.01 twice is not always equal)
                    reach = (max(tolerance[i], tolerance[j]) + 1e-9) * max(abs(high[i]), abs(high[j]))
                    # Ranges that only touch ("4.5-5.5 %" and "5.5-6.5 %": a forecast revised a
                    # point up) meet at an end: no common stretch, and no finding here either.
                    overlap = min(high[i], high[j]) - max(low[i], low[j]) > reach
                    if not overlap or (abs(low[i] - low[j]) <= reach and abs(high[i] - high[j]) <= reach):
                        continue  # apart: a conflict above; or the same range
                    first, second = by_id(claims, labels[i], labels[j])
                    if different_estimators(first, second):
                        continue
                    # A range a later text gives as since revised ("raised to $200-235 million
                    # from $180-210 million") was right in its day: a note saying so.
                    revised = self._revised(first, second)
                    if revised == STALE:
                        continue  # given as current after its revision: _stale's warning tells it
                    yield Finding(
                        topic=first["topic"],
                        message=f"{first['source']} gives {value(first)} and {second['source']} gives {value(second)} "
                        f"for {first['topic_label']} in {display.date_range(first['period_start'], first['period_end'])}: "
                        "the ranges overlap but their ends differ",
                        claims=(ref(claims, first.name), ref(claims, second.name)),
                        diagnosis=revised or "different ranges: one source's ends are not the other's",
                        severity=Severity.NOTE.value if revised else Severity.WARNING.value,
                    )

    def _revised(self, first, second) -> str:
        """When a text gives one of the two figures as since revised (a ``superseded`` claim
        of the same topic, scope, subject and period: "cut its forecast to 1.45 mb/d from
        1.54 mb/d"), the diagnosis saying so; else ''. The superseded claims are few: they are
        gathered once, on first use."""
        if self._superseded is None:
            claims = self.claims
            chosen = claims.index[
                (claims["modality"] == "superseded").to_numpy(dtype=bool) & claims["magnitude"].notna()
            ]
            self._superseded = {}
            for label in chosen:
                row = row_of(claims, label)
                key = (row["topic"], row["scope"], row["subject"], row["period_start"], row["period_end"])
                self._superseded.setdefault(key, []).append(row)
        key = (first["topic"], first["scope"], first["subject"], first["period_start"], first["period_end"])
        for earlier in self._superseded.get(key, ()):
            for old, new in ((first, second), (second, first)):
                if earlier["low"] <= old["magnitude"] <= earlier["high"] and not (
                    earlier["low"] <= new["magnitude"] <= earlier["high"]
                ):
                    if (
                        old["modality"] != "superseded"
                        and math.isclose(old["magnitude"], earlier["magnitude"], rel_tol=1e-9)
                        and (old["source"] == earlier["source"] or old["published_end"] > earlier["published_end"])
                    ):
                        return STALE  # given as current after its revision: _stale's warning tells it
                    return (
                        f"revised: {earlier['id']} gives {earlier['value']} as the earlier figure, since revised, "
                        f"which {old['id']} still gives"
                    )
        return ""

    def _finding(self, first, second, undated: bool, estimators: bool = False) -> Finding | None:
        """The finding of a pair in conflict; None for figures of different estimators
        (``estimators``) unless a slip of the pen explains their gap, which no way of
        counting does."""
        claims = self.claims
        if self.index is None:
            self.index = MagnitudeIndex(claims, PRECISE_DIGITS)
        severity = None
        vintages = first["modality"] == second["modality"] == "superseded"
        if vintages and not diagnose(claims, self.index, first, second, self.options).startswith(_SLIPS):
            # Two earlier figures, each since revised (a forecast cut from 4.2 % to 4.0 %, then
            # to 3.7 %): vintages of one revision history, apart only by a slip of the pen.
            return None
        revised = "" if vintages else self._revised(first, second)
        if revised == STALE:
            return None
        diagnosis = revised or diagnose(claims, self.index, first, second, self.options)
        slip = diagnosis.startswith(("scale slip", "digit transposition", "unit slip"))
        if estimators and not slip:
            return None
        counted = estimate_and_count(first, second) and not slip
        bodies = (different_bodies(first, second) or counted) and not slip
        if bodies and within_mirror(first["magnitude"], second["magnitude"]):
            # Mirror statistics: one country's statistics office and its partner's customs
            # differ by method, coverage and timing, as an exit poll and the count do; a
            # note, unless the gap is beyond that.
            severity = Severity.NOTE.value
        if undated and not slip:
            # The level may have moved between the days ("34 treatment centres" on 3 March, "38"
            # on 14 March): a note to look at, not a warning.
            severity = Severity.NOTE.value
        elif revised:
            # The earlier figure, which a text gives as since revised: the older text was right
            # in its day.
            severity = Severity.NOTE.value
        elif first["modality_class"] == "forecast" and not slip:
            # One forecaster's forecasts may be revised; a slip of the pen no revision explains.
            severity = Severity.WARNING.value
        elif first["aggregation"] == "cumulative" and not first["asof_timed"] and not slip:
            # Counts of one day from different hours may differ; a slip of the pen they cannot explain.
            severity = Severity.NOTE.value
        elif not slip and _few_apart(first, second):
            # Two small counts a person or two apart (72 and 73 on board): a recount between
            # the texts (the first count left out an infant), or a slip; a note to look at.
            severity = Severity.NOTE.value
        period = display.date_range(first["period_start"], first["period_end"])
        if (first["period_start"], first["period_end"]) != (second["period_start"], second["period_end"]):
            period = f"{period} and {display.date_range(second['period_start'], second['period_end'])}"
        modality = "" if first["modality_class"] == "actual" else f" ({first['modality']})"
        if first["scope"]:  # the scope both claims share ("Ontario"): the topic alone may read as national
            modality = f", {first['scope']},{modality}"
        when = f"as of their texts' publication ({period}), with no period of their own" if undated else f"in {period}"
        message = (
            f"{first['source']} gives {value(first)} and {second['source']} gives {value(second)} "
            f"for {first['topic_label']}{modality} {when}: {display.ratio(first['magnitude'], second['magnitude'])} apart"
        )
        if counted and severity == Severity.NOTE.value:
            estimate, count = (first, second) if first["modality"] == "estimate" else (second, first)
            message += (
                f"; {estimate['id']} is {estimate['attributed_to']}'s estimate and {count['id']} a figure given as "
                f"actual{' by ' + count['attributed_to'] if count['attributed_to'] else ''}: they may differ by method"
            )
        elif bodies and severity == Severity.NOTE.value:
            message += (
                f"; each names its own source ({first['attributed_to']}, {second['attributed_to']}): figures of "
                "different bodies (mirror statistics) differ by method and coverage"
            )
        elif undated and severity == Severity.NOTE.value:
            message += "; the figure may have changed between those days (give each claim its period if so)"
        elif revised:
            message += f"; {revised}"
        elif severity == Severity.NOTE.value and _few_apart(first, second):
            message += "; counts a few apart: a recount between the texts, or a slip"
        elif severity == Severity.NOTE.value:
            message += "; running totals for the same day without a time of day may be counts from different hours"
        return Finding(
            topic=first["topic"],
            message=message,
            claims=(ref(claims, first.name), ref(claims, second.name)),
            diagnosis=diagnosis,
            severity=severity or "",
        )


def revisit(claims: pd.DataFrame, findings: list[Finding], options: Mapping[str, Any]) -> Iterator[Finding]:
    """The findings again, diagnosed over the whole table: a run split by topic families
    (checker/partition.py) found them on one group of families, and a different scope may
    lie in another."""
    # Each finding as the pair that speaks for it: its own two claims, or an odd one out
    # merged from several pairs (``_merged``) and the partner its words are of.
    pairs = []
    for finding in findings:
        if finding.diagnosis.startswith("many different"):
            continue
        if len(finding.claims) == 2:
            pairs.append((finding, finding.claim_ids))
        elif finding.subject and finding.subject in finding.claim_ids:
            partner = next((claim for claim in _partners(finding)[:1] if claim in finding.claim_ids), "")
            if partner:
                pairs.append((finding, (finding.subject, partner)))
    if not pairs:
        return
    index = MagnitudeIndex(claims, PRECISE_DIGITS)
    # Every finding's two claims found in one pass over the ids (a hash of the few wanted,
    # not of a million), not one look-up per finding.
    located = positions_of(claims["id"], [claim for _, pair in pairs for claim in pair])
    for (finding, _), found in zip(pairs, located.reshape(-1, 2)):
        if (found < 0).any():
            continue
        first, second = by_id(claims, claims.index[found[0]], claims.index[found[1]])
        diagnosis = diagnose(claims, index, first, second, options)
        if diagnosis != finding.diagnosis:
            yield dataclasses.replace(finding, diagnosis=diagnosis)


def _partners(finding: Finding) -> list[str]:
    """The claim ids a merged finding's message lists last, beside its subject: the partner
    of the pair whose words it carries comes first."""
    listed = re.search(r"\((?:[^()]+ against )?([^()]+)\)$", finding.message)
    return listed.group(1).split(", ") if listed else []


def _summary(claims: pd.DataFrame, crowd: Crowd) -> Finding:
    """One finding for a group with too many conflicting pairs to list."""
    lowest, highest = crowd_extremes(claims, crowd, "magnitude")
    low, high = row_of(claims, lowest), row_of(claims, highest)
    return Finding(
        topic=low["topic"],
        claims=(ref(claims, lowest), ref(claims, highest)),
        diagnosis="many different figures: too many conflicting pairs to list one by one",
        message=f"{len(crowd.labels)} claims give {low['topic_label']} for "
        f"{display.date_range(low['period_start'], low['period_end'])} and {crowd.pairs:,} pairs of them "
        f"conflict; they range from {value(low)} ({low['id']}) to {value(high)} ({high['id']})",
    )


def _rounding(row: pd.Series) -> str:
    """The interval a figure rounds from, half a step of its last digit either side."""
    bounds = {"low": row["magnitude"] - row["half"], "high": row["magnitude"] + row["half"], "qualifier": "range"}
    return value(ChainMap(bounds, row))


def value(row: pd.Series) -> str:
    return value_text(row)  # in the topic's unit, or in the row's own where its dimension differs


def _scale_slip(first: pd.Series, second: pd.Series, tolerance: float) -> int:
    """The power of ten between two values that one slip of the scale explains, else 0:
    their figures agree within ``tolerance``, or the smaller one's interval scaled by the
    power meets the larger one's (21 billion against "about 2 billion", 1.8 to 2.2 billion).
    Only positive, bounded intervals count: "more than 2 billion" says nothing of a slip."""
    small, big = sorted((first, second), key=lambda row: abs(row["magnitude"]))
    if abs(small["magnitude"]) <= 0:
        return 0
    ratio = abs(big["magnitude"]) / abs(small["magnitude"])
    power = round(math.log10(ratio))
    if power < 1:
        return 0
    if abs(ratio / 10**power - 1) <= tolerance:
        return power
    bounds = [small["low"], small["high"], big["low"], big["high"]]
    if not all(np.isfinite(bound) and bound > 0 for bound in bounds):
        return 0
    meets = small["low"] * 10**power <= big["high"] and big["low"] <= small["high"] * 10**power
    return power if meets else 0


def diagnose(
    claims: pd.DataFrame, index: MagnitudeIndex, first: pd.Series, second: pd.Series, options: Mapping[str, Any]
) -> str:
    """The likeliest cause of a conflict, from the stated (point) values."""
    power = _scale_slip(first, second, options["match_tolerance"])
    if power:
        return f"scale slip: the values differ by a factor of {10**power:,} (a power of ten)"
    steps = [
        (2 * row["half"], abs(row["magnitude"]))
        for row in (first, second)
        if row["qualifier"] == "stated" and np.isfinite(row["half"])
    ]
    if steps and max(steps)[0] > 0:
        coarse, size = max(steps)
        # Cutting to a precision is a slip only where that precision is fine: a step of at
        # most TRUNCATION_STEP of the value (1.29 cut to 1.2; never 140 cut to 100).
        if coarse <= TRUNCATION_STEP * size and math.floor(first["magnitude"] / coarse + 1e-9) == math.floor(
            second["magnitude"] / coarse + 1e-9
        ):
            return (
                "rounding: the values agree when truncated to the coarser stated precision (one was cut, not rounded)"
            )
    swapped = _transposed(first, second) or _transposed(second, first)
    if swapped:
        return swapped
    slip = _unit_slip(first, second, options["match_tolerance"])
    if slip:
        return slip
    best = _closest_explanation(claims, index, first, second, options["match_tolerance"])
    if best is None:
        return "different figures: no scale slip, rounding, digit transposition, unit slip, other scope or other period explains the gap"
    row, other, how = best
    shown = value_text(other)
    if how == "subject":
        return (
            f"different subject: {value(row)} ({row['id']}) is the figure of {other['subject'] or '(none)'} "
            f"({other['id']}), not of {row['subject'] or '(none)'}"
        )
    if how == "scope":
        where = other["topic_label"]
        if other["topic"] == row["topic"]:
            where = f"{where} in scope '{other['scope'] or '(none)'}'"
        return f"different scope: {value(row)} ({row['id']}) matches {where} ({other['id']}: {shown})"
    return (
        f"different period: {value(row)} ({row['id']}) matches the figure for "
        f"{display.date_range(other['period_start'], other['period_end'])} ({other['id']})"
    )


# Units of one dimension that texts confuse, by the factor between them: a figure in one
# given as if in the other differs by exactly that factor.
UNIT_SLIPS: dict[str, tuple[tuple[float, str], ...]] = {
    "[length]": (
        (1.609344, "miles and kilometres"),
        (1.852, "nautical miles and kilometres"),
        (1.1507794, "nautical miles and miles"),
        (3.28084, "feet and metres"),
        (2.54, "inches and centimetres"),
    ),
    "[length] ** 2": (
        (2.4710538, "acres and hectares"),
        (2.5899881, "square miles and square kilometres"),
        (10.7639104, "square feet and square metres"),
    ),
    "[mass]": (
        (2.2046226, "pounds and kilograms"),
        (1.0971429, "troy and avoirdupois ounces"),
        (1.1023113, "short tons and tonnes"),
    ),
    # A span of time given in the next unit up or down: 43 weeks written as 301 weeks.
    "[time]": (
        (7.0, "days and weeks"),
        (365.25 / 12, "days and months"),
        (365.25 / 12 / 7, "weeks and months"),
        (12.0, "months and years"),
        (365.25 / 7, "weeks and years"),
        (365.25, "days and years"),
        (24.0, "hours and days"),
        (60.0, "minutes and hours, or seconds and minutes"),
    ),
    "[information]": ((8.0, "bits and bytes"),),
    "[information] / [time]": ((8.0, "bits and bytes a second"),),
    "[length] ** 3": ((3.7854118, "US gallons and litres"), (6.2898108, "barrels and cubic metres")),
    "[length] ** 3 / [time]": (
        (3.7854118, "US gallons and litres (a rate)"),
        (6.2898108, "barrels and cubic metres (a rate)"),
    ),
    "[length] / [time]": (
        (1.609344, "miles and kilometres an hour"),
        (1.852, "knots and kilometres an hour"),
        (1.1507794, "knots and miles an hour"),
        (3.6, "metres a second and kilometres an hour"),
    ),
    # Containers: a forty-foot box (FEU) is two twenty-foot equivalent units (TEU).
    "[container]": ((2.0, "FEU and TEU"),),
}


# How near the figures' own ratio must come to the factor between two units or periods
# when their stated precision allows it, and the least factor fitted so.
TIME_SLIP_MATCH = 0.05
LOOSE_SLIP_FACTOR = 1.5
# Periods a rate is written per, which texts confuse ("70,400 a week" for "a month"), by
# the factor between them (a month is a twelfth of the Julian year, as pint's).
_MONTH_DAYS = 365.25 / 12
TIME_SLIPS: tuple[tuple[float, str], ...] = (
    (7.0, "a day and a week"),
    (_MONTH_DAYS / 7, "a week and a month"),
    (_MONTH_DAYS, "a day and a month"),
    (3.0, "a month and a quarter"),
    (4.0, "a quarter and a year"),
    (12.0, "a month and a year"),
    (365.25 / 7, "a week and a year"),
    (365.25, "a day and a year"),
    (24.0, "an hour and a day"),
)


_PRICE_PER = re.compile(r"^\[currency_\w+\] / (.+)$")


def _unit_slip(first: pd.Series, second: pd.Series, tolerance: float) -> str:
    """'unit slip: …' when the two figures differ by the factor between two units of their
    dimension that texts confuse (acres for hectares), or between two periods a rate may be
    written per (a week for a month), else ''."""
    low, high = sorted((abs(first["magnitude"]), abs(second["magnitude"])))
    if not low > 0:
        return ""
    dimension, per = str(first["dimension"]), ""
    priced = _PRICE_PER.match(dimension)  # a price per square foot printed as per square metre
    if priced and dimension not in UNIT_SLIPS:
        dimension, per = priced.group(1), "prices per "
    # Figures are often rounded ("about 4 nautical miles", "about 70,000 a month"): a factor
    # fits when it is as exact as a conversion's, or lies within the ratios the figures'
    # stated precision allows and near their own ratio; the closest factor first. Both
    # figures are stated with their bounds (no "more than"): a lower bound's open end fits
    # any factor and proves none. A factor near one (troy and avoirdupois ounces, 1.097) is
    # never fitted so loosely: a tenth between two rounded figures is an ordinary gap.
    bigger, smaller = (first, second) if abs(first["magnitude"]) >= abs(second["magnitude"]) else (second, first)
    with np.errstate(divide="ignore", invalid="ignore"):
        least = abs(bigger["low"]) / abs(smaller["high"]) * (1 - tolerance / 5)
        most = abs(bigger["high"]) / abs(smaller["low"]) * (1 + tolerance / 5)

    # A factor near one fits only figures written in two units (their numbers' factors to
    # base units differ): US$1,050 and US$960 a tonne are a gap of a tenth, not troy ounces
    # for avoirdupois ones.
    one_unit = math.isclose(float(first["number_factor"]), float(second["number_factor"]), rel_tol=1e-9)

    def fits(factor: float) -> bool:
        if factor < LOOSE_SLIP_FACTOR and one_unit:
            return False
        return abs(high / low / factor - 1) <= tolerance / 5 or (
            factor >= LOOSE_SLIP_FACTOR
            and least <= factor <= most
            and math.isfinite(most)
            and abs(high / low / factor - 1) <= TIME_SLIP_MATCH
        )

    fitting = sorted(  # of two near ones, the nearer
        (abs(math.log(high / low / factor)), factor, units)
        for factor, units in UNIT_SLIPS.get(dimension, ())
        if fits(factor)
    )
    if fitting:
        _, factor, units = fitting[0]
        return (
            f"unit slip: the values differ by {factor:.3g}, the factor between {per + units}: one may give "
            "the figure in the other unit"
        )
    if str(first["dimension"]).endswith("/ [time]"):
        # A rate given per the wrong period: the same fit, for the periods rates are written per.
        fitting = [(abs(math.log(high / low / factor)), factor, per) for factor, per in TIME_SLIPS if fits(factor)]
        if fitting:
            _, factor, per = min(fitting)
            return (
                f"unit slip: the values differ by {factor:.3g}, the factor between {per}: one may give the "
                "rate per the other period"
            )
    return ""


def _last_digit_half(row: pd.Series) -> float:
    """Half the step of a figure's last stated digit, in base units: 2.446 billion is
    stated to the million (half: 500,000), 2,463,817,000 to the unit, 1,200 to the hundred."""
    number, factor = row["number"], row["number_factor"]
    if not (isinstance(number, str) and np.isfinite(factor) and factor > 0):
        return 0.0
    whole, _, decimals = number.partition(".")
    step = 10.0 ** -len(decimals) if decimals else 10.0 ** (len(whole) - len(whole.rstrip("0")))
    return step * factor / 2


def _transposed(row: pd.Series, other: pd.Series) -> str:
    """'digit transposition: …' when swapping two adjacent digits of one figure as written
    gives the other (54,000 written for 45,000); a figure stated more coarsely than the
    other, when it swaps the digits of the other rounded to its precision (2.446 billion
    written for 2,463,817,000: 2.464 billion), else ''. (Digits of the finer figure are
    never swapped and then rounded: 18.73 is no slip for 18.4.)"""
    factor = row["number_factor"]
    if not (isinstance(row["number"], str) and np.isfinite(factor) and factor > 0):
        return ""
    half, other_half = _last_digit_half(row), _last_digit_half(other)
    slack = half if half > other_half else 0.0
    for swapped in transpositions(row["number"]):
        if math.isclose(swapped * factor, other["magnitude"], rel_tol=1e-9) or (
            abs(swapped * factor - other["magnitude"]) < slack * (1 - 1e-9)
        ):
            return (
                f"digit transposition: {row['id']} gives {_grouped(row['number'])} where {other['id']} gives a "
                "figure with two adjacent digits swapped"
            )
    return ""


def _grouped(number: str) -> str:
    """A whole number of five digits or more with its thousands grouped, as texts write it."""
    return f"{int(number):,}" if number.isdigit() and len(number) >= 5 else number


def _closest_explanation(
    claims: pd.DataFrame, index: MagnitudeIndex, first: pd.Series, second: pd.Series, tolerance: float
):
    """The claim whose stated value is nearest either side's, among those that could
    explain it: the same topic for another time (another period), or another topic of the
    same family, or any topic when both figures are precise, for an overlapping time
    (another scope). None when nothing is near: no far-fetched match. The candidates are
    judged on arrays (a window of the sorted values), never row by row."""
    best, best_gap = None, math.inf
    arrays = index.arrays
    for row in (second, first):
        near = index.near(row["dimension"], row["family"], row["magnitude"], row["digits"], tolerance)
        if not len(near):
            continue
        near = near[~np.isin(arrays["id"][near], (first["id"], second["id"]))]
        gaps = point_gaps(
            row["magnitude"], arrays["magnitude"][near], arrays["half"][near], arrays["qualifier"][near], tolerance
        )
        starts, ends = arrays["period_start"][near], arrays["period_end"][near]
        overlaps = periods_overlap({"period_start": starts, "period_end": ends}, row)
        # A figure of another kind explains nothing: a forecast is no actual figure's period.
        same_kind = arrays["modality_class"][near] == row["modality_class"]
        same_topic = arrays["topic"][near] == row["topic"]
        same_scope = arrays["scope"][near] == row["scope"]
        # Another time: any other period of the same figure, overlapping ones too (a fiscal
        # year for the calendar year, the first half for the first quarter).
        other_time = (starts != row["period_start"]) | (ends != row["period_end"])
        # A figure with no period of its own is as of its text's day: that day is no period
        # another figure could have been given for.
        dated = ~arrays["undated"][near].astype(bool) & (not row["undated"])
        same_subject = arrays["subject"][near] == row["subject"]
        period = same_topic & same_scope & same_subject & other_time & dated
        # Another subject: the same topic's figure for another entity at the same time (one
        # party's share given for another's).
        subject = same_topic & same_scope & ~same_subject & ~other_time
        precise = np.minimum(arrays["digits"][near].astype(float), row["digits"]) >= PRECISE_DIGITS
        # Another scope: another topic of the family (or a precise figure of any), or the
        # same topic's figure in another scope, for an overlapping time.
        scope = overlaps & (
            (~same_topic & ((arrays["family"][near] == row["family"]) | precise)) | (same_topic & ~same_scope)
        )
        candidates = np.where((period | scope | subject) & same_kind, gaps, np.nan)
        if not np.isfinite(candidates).any():
            continue
        position = int(np.nanargmin(candidates))
        if candidates[position] < best_gap:
            best_gap = float(candidates[position])
            label = index.labels[near[position]]
            how = "period" if period[position] else ("subject" if subject[position] else "scope")
            best = (row, row_of(claims, label), how)
    return best


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_TRADE = {"key": "trade", "kind": "quantity", "unit": "USD", "label": "bilateral trade"}
EXAMPLES = (
    Example(
        "fails",
        "US$1 billion (bilateral trade, 2024) vs USD 12.42 billion (bilateral trade, 2024)",
        {
            "orf": (claim_row("orf-2024", "trade", "US$1 billion", period="2024"),),
            "capss": (claim_row("capss-2024", "trade", "USD 12.42 billion", period="2024"),),
        },
        topics=(_TRADE,),
        flags=(("capss-2024", "orf-2024"),),
    ),
    Example(
        "fails",
        "3 million barrels vs 2 million barrels for the same month (round numbers read tight)",
        {
            "a": (claim_row("a-may", "oil", "3 million barrel", "3 million barrels", period="2024-05"),),
            "b": (claim_row("b-may", "oil", "2 million barrel", "2 million barrels", period="2024-05"),),
        },
        topics=({"key": "oil", "kind": "quantity", "unit": "barrel"},),
        flags=(("a-may", "b-may"),),
    ),
    Example(
        "fails",
        "an agreement for 40 aircraft vs an agreement for 60 aircraft (the same deal)",
        {
            "a": (
                claim_row(
                    "a-deal", "aircraft", "40", "an agreement for 40 aircraft", period="2024", modality="agreement"
                ),
            ),
            "b": (
                claim_row(
                    "b-deal", "aircraft", "60", "an agreement for 60 aircraft", period="2024", modality="agreement"
                ),
            ),
        },
        topics=({"key": "aircraft", "kind": "count"},),
        flags=(("a-deal", "b-deal"),),
    ),
    Example(
        "passes",
        'US$1 billion (2024) vs "more than US$3 billion" as a target',
        {
            "a": (claim_row("a-2024", "trade", "US$1 billion", period="2024"),),
            "b": (claim_row("b-target", "trade", "more than US$3 billion", period="2024", modality="target"),),
        },
        topics=(_TRADE,),
    ),
    Example(
        "passes",
        "US$1 billion (2024) vs US$1.04 billion (2024): 1 billion is a rounded 1.04 billion",
        {
            "a": (claim_row("a-2024", "trade", "US$1 billion", period="2024"),),
            "b": (claim_row("b-2024", "trade", "US$1.04 billion", period="2024"),),
        },
        topics=(_TRADE,),
    ),
    Example(
        "passes",
        "US$3.1 billion (January–June 2024) vs US$7.9 billion (2024): periods that nest",
        {
            "a": (claim_row("a-h1", "trade", "US$3.1 billion", period="2024-01/2024-06"),),
            "b": (claim_row("b-2024", "trade", "US$7.9 billion", period="2024"),),
        },
        topics=(_TRADE,),
    ),
    Example(
        "passes",
        "1,200 dead as of 2 May vs 1,450 dead as of 9 May (a running total rising)",
        {
            "a": (claim_row("a-may2", "toll", "1,200 person", "1,200 dead", period="2024-05-02"),),
            "b": (claim_row("b-may9", "toll", "1,450 person", "1,450 dead", period="2024-05-09"),),
        },
        topics=({"key": "toll", "kind": "count", "unit": "person", "aggregation": "cumulative"},),
    ),
    Example(
        "passes",
        "an estimate of 40,000 troops by one institute vs one of 45,000 by officials",
        {
            "a": (
                claim_row(
                    "a-est",
                    "troops",
                    "40,000 person",
                    "40,000 troops",
                    period="2025-05",
                    modality="estimate",
                    attributed_to="institute",
                ),
            ),
            "b": (
                claim_row(
                    "b-est",
                    "troops",
                    "45,000 person",
                    "45,000 troops",
                    period="2025-05",
                    modality="estimate",
                    attributed_to="officials",
                ),
            ),
        },
        topics=({"key": "troops", "kind": "count", "unit": "person"},),
        entities=({"key": "institute", "kind": "organisation"}, {"key": "officials", "kind": "organisation"}),
    ),
)
