"""Relations a text states are checked against the claims they relate to, when those exist.

Fails:  US$80 million in 2024, "twice as much as the previous year" (x2 of 2023), while
        another claim gives US$60 million for 2023
Fails:  "up US$300 million to US$1.2 billion" (+US$300 million over 2023), while another
        claim gives US$600 million for 2023
Fails:  trade "rose" to US$1 billion in 2024 from US$1.04 billion in 2023 (stated values fall)
Fails:  ">2 decades" of ban ending in 2025 since a listing dated 2010
Passes: "from US$170 million in 2022 to US$1 billion in 2024" (an increase, and it is one)
Passes: a relation to a period for which no claim exists (nothing to check against)

Relations: ``xN`` (N times the reference), ``+P%`` / ``-P%`` (a change), ``+0.5 pp`` /
``-25 bp`` (a change of a percentage in points, added to the reference), ``+US$300 million``
(a change as an amount, added to the reference, as precise as a value), ``increase`` /
``decrease`` (a direction, judged on the stated values, not their intervals), all relative
to the same topic and scope for the period given by ``relative_to`` (the same period, as
the claims' aggregation compares them), and to figures of the same kind (a plan's to plans;
a forecast's to actual figures); ``since`` relates a duration to the date of the event topic named by
``relative_to``: the duration must fit the time from that date to the claim's period.
A share topic (``share_of`` = PART / WHOLE in the topics table) must be the part's figure
over the whole's for the same time, scope and subject: from the share's own source when it
gives both, else from any source within 2 %.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.examples import Example, claim_row
from checker.findings import Finding
from checker.numbers import relation_qualifier
from checker.options import tolerance
from checker.pairing import (
    FIGURES,
    MIRROR_RATIO,
    NUMERIC,
    different_estimators,
    estimate_and_count,
    pairs_exceeding,
    ref,
    row_of,
    shared_codes,
    topic_terms,
    transpositions,
    widened,
)

ID = "derived-figures"
SEVERITY = "warning"
OPTIONS = {
    "tolerance": tolerance(0.05),
    # The figures' own precision is in their bounds already; a slack of 1 % on the factor
    # was a whole point of change, more than the change itself for a load factor or a fare.
    "change_tolerance": tolerance(
        0.002, "relative slack on a stated percentage change ('+8%') beyond the rounding of its digits"
    ),
}
SECONDS_PER_DAY = 86_400.0


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    yield from _relative(claims, options)
    yield from _since(claims, options)
    yield from _shares(claims, options)


_BOUNDS = ("low", "high", "magnitude")
_RELATION_COLUMNS = (
    "topic",
    "modality_class",
    "scope",
    "subject",
    "dimension",
    "relative_start",
    "relative_end",
    "relation",
    "relation_kind",
    "relation_factor",
    "relation_half",
    "aggregation",
    "source",
    *_BOUNDS,
    "qualifier",
    "half",
)


def _relative(claims: pd.DataFrame, options) -> Iterator[Finding]:
    related = (
        claims["relation_kind"].isin(("ratio", "change", "points", "difference", "increase", "decrease"))
        & claims["magnitude"].notna()
    )
    # A relation refers to figures of its own kind: an actual figure's to actual figures (and
    # estimates), a plan's to plans ("this year's budget is a fifth above last year's"); a
    # forecast's to what happened.
    references = claims["kind"].isin(NUMERIC) & claims["modality_class"].ne("forecast") & claims["magnitude"].notna()
    if not related.any() or not references.any():
        return
    # A relation claim meets the references of its topic, scope and dimension whose period
    # is the one it refers to; each way a relation can fail is a comparison of one value per
    # side, so only the failing pairs are enumerated (see pairing.pairs_exceeding).
    # Only the columns compared: a selection of whole rows would copy the wide table.
    relation = claims.loc[related, list(_RELATION_COLUMNS)]
    reference = claims.loc[
        references,
        [
            "topic",
            "scope",
            "subject",
            "dimension",
            "period_start",
            "period_end",
            "modality_class",
            "source",
            *_BOUNDS,
            "qualifier",
            "half",
        ],
    ]
    # The kind of figure referred to, as a category of the references' own (the relations
    # are few; the references can be millions, so their column stays codes).
    classes = relation["modality_class"].to_numpy(dtype=object)
    referred_class = pd.Series(
        pd.Categorical(np.where(classes == "forecast", "actual", classes), dtype=reference["modality_class"].dtype),
        index=relation.index,
    )

    def codes(relation: pd.DataFrame) -> list[np.ndarray]:
        """One integer per (topic, scope, subject, dimension, period, kind of figure), the same
        on both sides: a nation's figure relative to last year's is never a state's."""
        return shared_codes(
            [
                *(relation[c] for c in ("topic", "scope", "subject", "dimension", "relative_start", "relative_end")),
                referred_class,
            ],
            [
                *(
                    reference[c]
                    for c in ("topic", "scope", "subject", "dimension", "period_start", "period_end", "modality_class")
                )
            ],
        )

    relation_codes, reference_codes = codes(relation)
    # A level "tripled between 2019 and 2022" refers, where no figure is given for 2019 as a
    # whole, to the level at its end (deposits at 31 December 2019): a year-end balance.
    start, end = relation["relative_start"].to_numpy(dtype=float), relation["relative_end"].to_numpy(dtype=float)
    year_end = (
        ~np.isin(relation_codes, reference_codes)
        & (relation["aggregation"] == "stock").to_numpy(dtype=bool)
        & (end - start > 1)
    )
    if year_end.any():
        relation = relation.assign(relative_start=np.where(year_end, end - 1, start))
        relation_codes, reference_codes = codes(relation)
    # A plan, agreement or target stated relative to what is ("rises from $98,420 to the
    # $110,770 the deal sets", "cut by 63% from $1,349"), where no figure of its own kind is
    # given for that time, refers to the actual figure its own text gives for it.
    settled = ~np.isin(relation_codes, reference_codes) & np.isin(classes, ("plan", "agreement", "target"))
    actual = (reference["modality_class"] == "actual").to_numpy(dtype=bool)
    if settled.any() and actual.any():
        own = reference[actual]
        mine, theirs = shared_codes(
            [
                relation.loc[settled, c]
                for c in ("topic", "scope", "subject", "dimension", "relative_start", "relative_end", "source")
            ],
            [own[c] for c in ("topic", "scope", "subject", "dimension", "period_start", "period_end", "source")],
        )
        offset = int(max(relation_codes.max(initial=0), reference_codes.max(initial=0))) + 1
        relation_codes = relation_codes.copy()
        relation_codes[settled] = mine + offset
        reference = pd.concat([reference, own])
        reference_codes = np.concatenate([reference_codes, theirs + offset])
        referred_class = referred_class.where(~settled, "actual")
    kind = relation["relation_kind"].to_numpy()
    factor = np.nan_to_num(relation["relation_factor"].to_numpy(dtype=float), nan=1.0)
    scaled = np.isin(kind, ("ratio", "change"))
    # A stated percentage is as precise as its digits ('+8%' is 7.5 to 8.5 %), with a small
    # slack beyond; a ratio in words ('twice', 'doubled') reads loosely, by the tolerance.
    change = kind == "change"
    decimals = relation["relation"].str.extract(r"\.(\d+)\s*%")[0].str.len().fillna(0).to_numpy(dtype=float)
    half = np.where(change, 0.5 * 10.0**-decimals / 100, 0.0)
    # A relation's own qualifier: "about" reads loosely (the rule's tolerance, as a ratio in
    # words), "more than" bounds it from below only, "less than" from above only.
    qualifier = np.array([relation_qualifier(text)[0] for text in relation["relation"]], dtype=object)
    # "Down more than 80 %" (">-80%") is a fall larger than 80 %: the figure lies below the
    # stated change, not above it; "less than" a fall, above.
    falling = (kind == "change") & (np.nan_to_num(relation["relation_factor"].to_numpy(dtype=float), nan=1.0) < 1)
    qualifier = np.where(falling & (qualifier == "gt"), "lt", np.where(falling & (qualifier == "lt"), "gt", qualifier))
    about = qualifier == "about"
    # "About 8 per cent" is some 2.5 points either way (a tenth of a larger change), as an
    # "about" before a percentage reads: a looser factor would take +3 % for "about 8 %".
    half = np.where(change & about, np.maximum(ABOUT_CHANGE_POINTS, 0.1 * np.abs(factor - 1)), half)
    # "About half", "nearly halved" (~x0.5): a tenth of the multiple either way, as "about"
    # before a figure reads, so a fall of 45.8 % is nearly halved.
    half = np.where((kind == "ratio") & about, ABOUT_RATIO * factor, half)
    tolerance = np.where(change, options["change_tolerance"], options["tolerance"])
    # A change in points ('+0.5 pp') adds to the reference, as precise as its digits; so
    # does a change stated as an amount ('+US$300 million'), as precise as a value is.
    points = np.isin(kind, ("points", "difference"))
    point_decimals = relation["relation"].str.extract(r"\.(\d+)")[0].str.len().fillna(0).to_numpy(dtype=float)
    per_point = np.where(relation["relation"].str.contains(r"b", case=False).to_numpy(dtype=bool), 1e-4, 1e-2)
    point_half = np.where(
        kind == "difference",
        relation["relation_half"].to_numpy(dtype=float),
        0.5 * 10.0**-point_decimals * per_point,
    )
    delta = np.where(points, np.nan_to_num(relation["relation_factor"].to_numpy(dtype=float)), 0.0)
    # An "about" or "nearly" figure on either side is read at its stated digits, as a share's
    # part and whole are ("roughly 1.18 million" is no 1.12 to 1.24 million for a stated
    # change): the relation's own digits and tolerance say how far it may lie.
    low, high, stated = _at_stated_digits(relation)
    ref_low, ref_high, ref_stated = _at_stated_digits(reference)
    with np.errstate(divide="ignore", invalid="ignore"):
        comparisons = (
            # too large: above the reference's high bound times the factor, widened
            (
                scaled & (qualifier != "gt"),
                low / ((factor + half) * (1 + tolerance)),
                np.ones(len(reference), dtype=bool),
                ref_high,
                False,
            ),
            # too small: below the reference's low bound times the factor, widened
            (
                scaled & (qualifier != "lt"),
                high / ((factor - half) * (1 - tolerance)),
                np.ones(len(reference), dtype=bool),
                ref_low,
                True,
            ),
            # points: above the reference's high bound plus the change, or below its low bound plus it
            (
                points & (qualifier != "gt"),
                low - delta - point_half,
                np.ones(len(reference), dtype=bool),
                ref_high,
                False,
            ),
            (
                points & (qualifier != "lt"),
                high - delta + point_half,
                np.ones(len(reference), dtype=bool),
                ref_low,
                True,
            ),
            # "increase", but the stated value is not above the reference's (point values: "rose
            # from 1.04 billion to 1 billion" is wrong although the intervals meet)
            (kind == "increase", np.nextafter(stated, -np.inf), np.ones(len(reference), dtype=bool), ref_stated, True),
            # "decrease", but the stated value is not below the reference's
            (kind == "decrease", stated, np.ones(len(reference), dtype=bool), np.nextafter(ref_stated, -np.inf), False),
        )
    found: list[tuple] = []
    for relation_mask, relation_value, reference_mask, reference_value, reference_exceeds in comparisons:
        rows, refs = np.flatnonzero(relation_mask), np.flatnonzero(reference_mask)
        if reference_exceeds:  # the reference's value exceeds the relation's bound
            pairs = pairs_exceeding(
                reference.index.to_numpy()[refs],
                reference_codes[refs],
                reference_value[refs],
                relation.index.to_numpy()[rows],
                relation_codes[rows],
                relation_value[rows],
            )
            found += [(a, b) for b, a in pairs.frame.itertuples(index=False)]
        else:
            pairs = pairs_exceeding(
                relation.index.to_numpy()[rows],
                relation_codes[rows],
                relation_value[rows],
                reference.index.to_numpy()[refs],
                reference_codes[refs],
                reference_value[refs],
            )
            found += list(pairs.frame.itertuples(index=False, name=None))
        for crowd in pairs.crowds:
            first = claims.loc[min(crowd.labels, key=lambda label: claims.loc[label, "id"])]
            yield Finding(
                topic=first["topic"],
                claims=(ref(claims, first.name),),
                diagnosis="many stated relations do not hold: too many pairs to list one by one",
                message=f"{crowd.pairs:,} pairs of {first['topic_label']} where a stated relation does not hold",
            )
    # One finding per relation claim, however many sources give the figure it refers to:
    # the first reference found is shown, the others are named.
    references_of: dict = {}
    for a, b in dict.fromkeys(found):  # in the order found, each pair once
        if a != b and not different_estimators(row_of(claims, a), row_of(claims, b)):
            # (A ministry's estimate "cut by 3.1 billion" refers to the ministry's own
            # earlier estimate, never to a consumer group's: each estimates its own way.)
            references_of.setdefault(a, []).append(b)

    def holds(at: int, their_low: np.ndarray, their_high: np.ndarray, their_stated: np.ndarray) -> np.ndarray:
        """Which figures the relation at ``at`` (a position in ``relation``) holds with."""
        ok = np.ones(len(their_low), dtype=bool)
        with np.errstate(divide="ignore", invalid="ignore"):
            for active, value, _, _, exceeds in comparisons:
                if active[at]:
                    mine = value[at]
                    if kind[at] == "increase":
                        theirs = their_stated
                    elif kind[at] == "decrease":
                        theirs = np.nextafter(their_stated, -np.inf)
                    else:
                        theirs = their_high if not exceeds else their_low
                    ok &= ~((theirs > mine) if exceeds else (mine > theirs))
        return ok

    # A relation that holds with another figure the texts give for the time it refers to
    # (a forecast of last year's spending, where the rule first read the budget) may well
    # refer to that one: no finding.
    # Nor does one that holds with its own text's figure for that time ("down 1.1 % from
    # 14,239"): another text's other figure for it is a conflict of those figures.
    if references_of:
        alternatives = _figures_for(claims, relation.loc[list(references_of)], referred_class)
        own = _figures_for(claims, relation.loc[list(references_of)], referred_class, own_source=True)
        positions = relation.index.get_indexer(list(references_of))
        for a, at in zip(list(references_of), positions):
            if any(found is not None and holds(at, *found).any() for found in (alternatives.get(a), own.get(a))):
                del references_of[a]
    for a, bs in references_of.items():
        b = bs[0]
        claim, reference_row = row_of(claims, a), row_of(claims, b)
        stated_text = {
            "ratio": f"{claim['relation']} of",
            "change": f"{claim['relation']} over",
            "points": f"{claim['relation']} over",
            "difference": f"{claim['relation']} over",
            "increase": "an increase over",
            "decrease": "a decrease from",
        }[claim["relation_kind"]]
        if claim["relation_kind"] in ("ratio", "change"):
            factor, unit = topic_terms(claim)
            implied = claim["magnitude"] / claim["relation_factor"] / factor
            ratio = claim["magnitude"] / reference_row["magnitude"]
            between = (
                f"the change between the two claims is {(ratio - 1) * 100:+.3g} %"
                if claim["relation_kind"] == "change"
                else f"the ratio of the two claims is {ratio:.3g}"
            )
            detail = f"; it implies {_with_unit(implied, unit)} for {claim['relative_to']}, {between}"
            detail += _points_for_percent(claim, reference_row)
        elif claim["relation_kind"] == "points":
            implied = (claim["magnitude"] - claim["relation_factor"]) / claim["topic_factor"]
            gap = (claim["magnitude"] - reference_row["magnitude"]) * 100
            detail = (
                f"; it implies {_with_unit(implied, claim['topic_unit'])} for {claim['relative_to']}, "
                f"but from the one to the other the change is {gap:+.3g} percentage points"
            )
        elif claim["relation_kind"] == "difference":
            implied = (claim["magnitude"] - claim["relation_factor"]) / claim["topic_factor"]
            gap = (claim["magnitude"] - reference_row["magnitude"]) / claim["topic_factor"]
            detail = (
                f"; it implies {_with_unit(implied, claim['topic_unit'])} for {claim['relative_to']}, "
                f"but from the one to the other the change is {'+' if gap >= 0 else '-'}{_with_unit(abs(gap), claim['topic_unit'])}"
            )
        elif claim["magnitude"] < 0 and reference_row["magnitude"] < 0:
            # "Narrowed its loss to $18 million from $41 million": the loss shrinks, the
            # signed figure (a net result) rises.
            detail = (
                "; both figures are negative: a loss that narrows is an increase of the figure, and one that "
                "widens a decrease (the relation follows the signed figures, not the size of the loss)"
            )
        else:
            detail = ""
        if claim["magnitude"] == reference_row["magnitude"] and claim["quote"] == reference_row["quote"]:
            detail += "; both give the same figure from the same quote: one copied onto the other's period?"
        if len(bs) > 1:
            others = ", ".join(row_of(claims, other)["id"] for other in bs[1:])
            detail += f"; {others} {'gives' if len(bs) == 2 else 'give'} a figure for it too, which the relation misses as well"
        yield Finding(
            topic=claim["topic"],
            subject=claim["id"],
            claims=(ref(claims, a), *(ref(claims, other) for other in bs)),
            diagnosis="a stated relation does not hold between the claims",
            message=f"{claim['id']} says {claim['value']} is {stated_text} {claim['relative_to']}, "
            f"but {reference_row['id']} gives {reference_row['value']} for "
            f"{display.date_range(reference_row['period_start'], reference_row['period_end'])}{detail}",
        )


# A share set against a part and a whole from other sources than its own may miss their
# quotient by this much beyond the figures' precision, as two sources' figures may differ.
SHARE_ACROSS_SOURCES = 0.02
_SHARE_KEY = ("scope", "subject", "modality_class", "period_start", "period_end")
# The kinds of figure a text's own share may divide across when its part and whole are of
# different kinds (an agreed grant over a planned cost).
_DIVIDED_ACROSS = ("actual", "agreement", "plan", "target")


# How many days apart a level its text gives may lie from the end of a share's time and
# still be its part or whole ("as of 19 May, $151.3 million, or 22 % of the revised
# requirement" in a release of 20 May that gives the requirement as of its day).
LEVEL_NEAR_DAYS = 3


def _level_near(claims: pd.DataFrame, share: pd.Series, topic: str, own_levels: dict) -> list:
    """The share's own text's levels of ``topic`` as of a day within LEVEL_NEAR_DAYS of the
    end of the share's time, in its scope, subject and modality class (the nearest): a level
    given over a period meets the level at its last day, and one text's figures of a day or
    two apart are of one reading."""
    key = tuple(str(share[column]) for column in ("source",)) + (
        topic,
        *(str(share[column]) for column in ("scope", "subject", "modality_class")),
    )
    end = share["period_end"]
    if not np.isfinite(end):
        return []
    near = [
        (abs(claims.at[other, "period_end"] - end), other)
        for other in own_levels.get(key, [])
        if claims.at[other, "period_end"] - claims.at[other, "period_start"] <= 1
        and abs(claims.at[other, "period_end"] - end) <= LEVEL_NEAR_DAYS
    ]
    if not near:
        return []
    nearest = min(gap for gap, _ in near)
    return [other for gap, other in near if gap == nearest]


def _whole_of_its_period(claims: pd.DataFrame, share: pd.Series, by_topic: dict) -> list:
    """The figures of a share's whole, in its scope (or none) and subject, for a period that
    contains the share's time and is longer (a year's appeal for a share as of mid-May):
    its own text's where it gives one, else any text's."""
    whole = str(share["share_whole"])
    found = [
        other
        for scope in dict.fromkeys((str(share["scope"]), ""))
        for other in by_topic.get((whole, scope, str(share["subject"])), [])
        if claims.at[other, "period_start"] <= share["period_start"]
        and share["period_end"] <= claims.at[other, "period_end"]
        and claims.at[other, "period_end"] - claims.at[other, "period_start"]
        > share["period_end"] - share["period_start"]
        and claims.at[other, "modality"] != "superseded"
    ]
    own = [other for other in found if claims.at[other, "source"] == share["source"]]
    return own or found


def _shares(claims: pd.DataFrame, options) -> Iterator[Finding]:
    """A share (a topic whose share_of names a part and a whole) against the part's figure
    over the whole's for the same time, scope and subject (the whole also for no subject):
    from the share's own source when it gives both, else from any source, within 2 %. Only
    the claims of the topics some share names are read."""
    shares = (claims["share_part"] != "").to_numpy(dtype=bool) & claims["magnitude"].notna().to_numpy(dtype=bool)
    if not shares.any():
        return
    named = set(claims.loc[shares, "share_part"].astype(str)) | set(claims.loc[shares, "share_whole"].astype(str))
    figures = claims["topic"].isin(named) & claims["kind"].isin(NUMERIC) & claims["magnitude"].notna()
    index: dict = {}
    for label, topic, *key in claims.loc[figures, ["topic", *_SHARE_KEY]].itertuples():
        index.setdefault((str(topic), *map(str, key[:3]), *key[3:]), []).append(label)
    bodies: dict[tuple[str, str], set[str]] = {}  # who each text credits each topic's figures to
    for source, topic, body in claims.loc[figures, ["source", "topic", "attributed_to"]].itertuples(index=False):
        bodies.setdefault((str(source), str(topic)), set()).add(str(body))
    # Each text's levels (stocks and running totals) of the topics shares name, for a share
    # whose part or whole its text gives as of a day or two apart.
    levels = figures & claims["aggregation"].isin(("stock", "cumulative"))
    own_levels: dict[tuple, list] = {}
    for label, *key in claims.loc[levels, ["source", "topic", "scope", "subject", "modality_class"]].itertuples():
        own_levels.setdefault(tuple(map(str, key)), []).append(label)
    by_topic: dict[tuple, list] = {}
    for label, *key in claims.loc[figures, ["topic", "scope", "subject"]].itertuples():
        by_topic.setdefault(tuple(map(str, key)), []).append(label)
    for label in claims.index[shares]:  # the share claims: few
        share = row_of(claims, label)
        key = tuple(str(share[column]) for column in _SHARE_KEY[:3]) + (share["period_start"], share["period_end"])
        # A part or whole of no scope stands for every scope (Germany's sales in the 14
        # markets' share of them); a whole of no subject for every subject.
        scoped_parts = index.get((str(share["share_part"]), *key), [])
        parts = scoped_parts or index.get((str(share["share_part"]), "", *key[1:]), [])
        scoped_wholes = index.get((str(share["share_whole"]), *key), []) or index.get(
            (str(share["share_whole"]), key[0], "", *key[2:]), []
        )
        wholes = scoped_wholes or index.get((str(share["share_whole"]), "", *key[1:]), [])
        if key[0] and not (scoped_parts or scoped_wholes):
            # A region's share against the nation's part and whole: neither is the region's.
            parts, wholes = [], []
        own_kind = parts or wholes or share["modality_class"] == "actual"
        if own_kind and not (parts and wholes) and share["modality_class"] in _DIVIDED_ACROSS:
            # A text divides what it gives, whatever each figure's kind: "the $1.41 billion
            # grant covers 11.4 % of the $12.4 billion the first phase is planned to cost"
            # (an agreement over a plan). Only its own figures, of the kinds that are set; a
            # share that is itself a target or plan only beside a part or whole of its own
            # kind: a budgeted deficit ratio is the budget's deficit over the GDP the budget
            # assumed, not the revised deficit over the latest GDP its text gives beside it.
            parts, wholes = (
                group
                or [
                    other
                    for kind in _DIVIDED_ACROSS
                    for other in index.get((str(share[topic]), key[0], key[1], kind, *key[3:]), [])
                    if claims.at[other, "source"] == share["source"]
                ]
                for group, topic in ((parts, "share_part"), (wholes, "share_whole"))
            )
        if (parts or wholes) and not (parts and wholes):
            parts, wholes = (
                group or _level_near(claims, share, str(share[topic]), own_levels)
                for group, topic in ((parts, "share_part"), (wholes, "share_whole"))
            )
        if parts and not wholes and all(claims.at[other, "aggregation"] == "cumulative" for other in parts):
            # A running total so far over the whole of a period containing its day: "had
            # received US$56.6 million by mid-May, or 41 percent" of the year's appeal.
            wholes = _whole_of_its_period(claims, share, by_topic)
        # Another named body's estimate ("a watchdog estimates the full cost could reach R$23
        # billion") is no part or whole of a share that body does not give, where the
        # share's text gives that figure by another body too (the owner's R$20.08 billion):
        # "48 % of the cost" is of the owner's cost. A statistics office's GDP, the only
        # one its text gives, is the whole of "4.8 % of GDP".
        parts, wholes = (
            [
                other
                for other in group
                if not (
                    claims.at[other, "modality"] == "estimate"
                    and claims.at[other, "attributed_to"]
                    and claims.at[other, "attributed_to"] != share["attributed_to"]
                    and bodies.get((share["source"], claims.at[other, "topic"]), set())
                    - {claims.at[other, "attributed_to"]}
                )
            ]
            for group in (parts, wholes)
        )
        # A part in dollars over a whole in euros is no share: only figures in one unit divide
        # (counts of people and plain counts alike: ballots cast over registered voters).
        common = {_kind_of_figure(claims, other) for other in parts} & {
            _kind_of_figure(claims, other) for other in wholes
        }
        if not common:
            continue
        dimension = min(common)
        parts = [other for other in parts if _kind_of_figure(claims, other) == dimension]
        wholes = [other for other in wholes if _kind_of_figure(claims, other) == dimension]
        own = [
            [other for other in group if row_of(claims, other)["source"] == share["source"]]
            for group in (parts, wholes)
        ]
        chosen, slack = (own, 0.0) if all(own) else ((parts, wholes), SHARE_ACROSS_SOURCES)
        if share["modality"] == "estimate" and any(
            estimate_and_count(share, row_of(claims, other)) for group in chosen for other in group
        ):
            # A named body's estimate (an exit poll's share) against the count's quotient:
            # they differ by method, within what two bodies' figures do.
            slack = 1 - 1 / MIRROR_RATIO
        (part_low, part_high), (whole_low, whole_high) = (_reading(claims, group) for group in chosen)
        if not (part_low >= 0 and whole_low > 0):
            continue
        implied_low, implied_high = part_low / whole_high * (1 - slack), part_high / whole_low * (1 + slack)
        if implied_low <= share["high"] and share["low"] <= implied_high:
            continue
        # Shown: the most precise of each (8,412 rather than "about 8,400").
        part, whole = (
            row_of(claims, min(group, key=lambda other: float(claims.at[other, "high"] - claims.at[other, "low"])))
            for group in chosen
        )
        quotient = (
            part[f"{_converted(claims, part.name)}magnitude"] / whole[f"{_converted(claims, whole.name)}magnitude"]
        )
        swapped = [
            candidate
            for candidate in transpositions(share["number"])
            if implied_low <= candidate * share["number_factor"] <= implied_high
        ]
        diagnosis = (
            f"digit transposition: {share['id']} gives {share['number']} where {swapped[0]:g} is the part over the whole"
            if swapped
            else "a stated share does not hold between the part and the whole"
        )
        yield Finding(
            topic=share["topic"],
            subject=share["id"],
            claims=(ref(claims, label), ref(claims, part.name), ref(claims, whole.name)),
            diagnosis=diagnosis,
            message=f"{share['id']} gives {share['value']} as the share of {part['topic_label']} in "
            f"{whole['topic_label']}, but {part['id']} gives {part['value']} and {whole['id']} gives {whole['value']}"
            f" for {display.date_range(share['period_start'], share['period_end'])}: "
            f"{display.number(100 * quotient, 3)} %",
        )


def _converted(claims: pd.DataFrame, label) -> str:
    """ "converted_" for a figure read by its stated conversion into its topic's unit
    ("S$186 million (US$139 million)" under a topic in USD), else ""."""
    return (
        "converted_"
        if str(claims.at[label, "dimension"]) != str(claims.at[label, "topic_dimension"])
        and str(claims.at[label, "converted_dimension"]) == str(claims.at[label, "topic_dimension"])
        and np.isfinite(float(claims.at[label, "converted_magnitude"]))
        else ""
    )


def _kind_of_figure(claims: pd.DataFrame, label) -> str:
    """A figure's dimension (its stated conversion's, when that is its topic's), a count of
    people read as a plain count."""
    dimension = str(claims.at[label, f"{_converted(claims, label)}dimension"])
    return "dimensionless" if dimension == "[person]" else dimension


def _reading(claims: pd.DataFrame, labels: list) -> tuple[float, float]:
    """What several claims of one figure say of it together: the values all their readings
    allow ("about 8,400" and 8,412: 8,412), or where they disagree (a conflict reported
    of its own), any of the readings no other lies within (8,142 and 8,412, beside "about
    8,400", which adds nothing to either). An "about" or "nearly" figure is read at its
    stated digits, as a part of a whole is: "about 60 % of that, or $2.5 million" is $2.45
    to $2.55 million, not a tenth either side."""
    readings = [_at_digits(claims, label) for label in labels]
    lows, highs = [low for low, _ in readings], [high for _, high in readings]
    if max(lows) <= min(highs):
        return max(lows), min(highs)
    finest = [
        (low, high)
        for low, high in readings
        if not any(
            (other_low, other_high) != (low, high) and low <= other_low and other_high <= high
            for other_low, other_high in readings
        )
    ]
    return min(low for low, _ in finest), max(high for _, high in finest)


def _at_stated_digits(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A frame's low, high and stated values, an "about" or "nearly" figure's at its
    stated digits (its magnitude and half a step of its last digit, within its reading),
    on whole columns."""
    low, high, magnitude, half = (frame[c].to_numpy(dtype=float) for c in ("low", "high", "magnitude", "half"))
    loose = frame["qualifier"].isin(("about", "nearly")).to_numpy(dtype=bool) & np.isfinite(half)
    with np.errstate(invalid="ignore"):
        low = np.where(loose, np.fmax(low, magnitude - half), low)
        high = np.where(loose, np.fmin(high, magnitude + half), high)
    return low, high, magnitude


def _at_digits(claims: pd.DataFrame, label) -> tuple[float, float]:
    """A figure's reading (by its stated conversion, when that is in its topic's unit), an
    "about" or "nearly" one's at its stated digits (its magnitude and half a step of its
    last digit, within its reading)."""
    prefix = _converted(claims, label)
    low, high = float(claims.at[label, f"{prefix}low"]), float(claims.at[label, f"{prefix}high"])
    half, magnitude = float(claims.at[label, f"{prefix}half"]), float(claims.at[label, f"{prefix}magnitude"])
    if claims.at[label, f"{prefix}qualifier"] in ("about", "nearly") and np.isfinite(half) and np.isfinite(magnitude):
        return max(low, magnitude - half), min(high, magnitude + half)
    return low, high


ABOUT_CHANGE_POINTS = 0.025
ABOUT_RATIO = 0.1


def _figures_for(claims: pd.DataFrame, relations: pd.DataFrame, referred: pd.Series, own_source: bool = False) -> dict:
    """For each relation claim, the low, high and stated values of every figure of another
    kind than those it was checked against (a forecast, where it referred to the budget) in
    its topic, scope and dimension for the period it refers to: read only in the topics of
    the relations that failed. A rounded figure of the same kind never excuses a relation
    that misses the precise one. ``own_source``: instead, the figures of the kind it was
    checked against that its own text gives."""
    candidates = claims["kind"].isin(NUMERIC) & claims["magnitude"].notna() & claims["topic"].isin(relations["topic"])
    keys = ["topic", "scope", "dimension", "period_start", "period_end", "modality_class", "source"]
    figures = claims.loc[candidates, [*keys, *_BOUNDS, "qualifier", "half"]]
    keyed: dict = {}
    for key, group in figures.groupby(keys, observed=True):
        keyed.setdefault(key[:-2], []).append((str(key[-2]), str(key[-1]), _at_stated_digits(group)))
    found: dict = {}
    sources = claims.loc[relations.index, "source"].astype(str)
    for label, *key in relations[["topic", "scope", "dimension", "relative_start", "relative_end"]].itertuples():
        others = [
            values
            for kind, source, values in keyed.get(tuple(key), ())
            if (
                (kind == str(referred[label]) and source == sources[label])
                if own_source
                else kind != str(referred[label])
            )
        ]
        if others:
            found[label] = tuple(np.concatenate([values[i] for values in others]) for i in range(3))
    return found


def _with_unit(number: float, unit) -> str:
    """A number and its unit, the unit left out when the topic has none."""
    return f"{display.number(number)} {unit}".strip() if isinstance(unit, str) else display.number(number)


def _points_for_percent(claim, reference) -> str:
    """A percentage change stated of two percentages that fits as a change in points ("rose
    0.5 %" from 11.3 % to 11.8 %): the classic confusion of percent and percentage points."""
    if claim["dimension"] != "dimensionless" or not (claim["number_factor"] < 1 and reference["number_factor"] < 1):
        return ""
    stated_points = (claim["relation_factor"] - 1) * 100  # '+0.5%' read as 0.5 points
    gap = (claim["magnitude"] - reference["magnitude"]) * 100
    if abs(gap - stated_points) <= 0.05 * max(abs(stated_points), 0.1):
        return f"; as percentage points it fits ({gap:+.3g} points): percent written for points?"
    return ""


def _upper(claims: pd.DataFrame, label, options) -> float:
    """A duration's largest reading in seconds, widened by the tolerance as the pairs were."""
    _, high = widened(np.array([claims.at[label, "low"]]), np.array([claims.at[label, "high"]]), options["tolerance"])
    return float(high[0])


def _since(claims: pd.DataFrame, options) -> Iterator[Finding]:
    durations = (claims["relation_kind"] == "since") & claims["magnitude"].notna() & (claims["dimension"] == "[time]")
    events = (claims["kind"] == "date") & claims["date_start"].notna() & claims["modality"].isin(FIGURES)
    if not durations.any() or not events.any():
        return
    duration = claims.loc[
        durations,
        [
            "since_topic",
            "period_start",
            "period_end",
            "low",
            "high",
            "magnitude",
            "qualifier",
            "number",
            "number_factor",
        ],
    ]
    event = claims.loc[events, ["topic", "date_start", "date_end"]]
    known: dict = {}
    duration_codes = np.fromiter(
        (known.setdefault(topic, len(known)) for topic in duration["since_topic"]), dtype=np.int64
    )
    event_codes = np.fromiter((known.setdefault(topic, len(known)) for topic in event["topic"]), dtype=np.int64)
    # "Five months after" a day five months and seventeen days before: a whole number of
    # units, unqualified, counts the units completed (up to the next one), as texts count time.
    whole = (duration["qualifier"] == "stated").to_numpy(dtype=bool) & duration["number"].astype(str).str.fullmatch(
        r"\d+"
    ).to_numpy(dtype=bool)
    completed = np.where(
        whole,
        np.maximum(
            duration["high"].to_numpy(dtype=float),
            (duration["magnitude"] + duration["number_factor"]).to_numpy(dtype=float) - 1,
        ),
        duration["high"].to_numpy(dtype=float),
    )
    low, high = widened(duration["low"].to_numpy(dtype=float), completed, options["tolerance"])
    # Elapsed time from the event to the end of the duration, in seconds: at least from the
    # event's last day to the period's first day, at most from the event's first day to
    # the period's last day. Too long: low > (period end - event start); too short:
    # high < (period start - event end + 1 day). Each is one value per side.
    period_start, period_end = (
        duration[c].to_numpy(dtype=float) * SECONDS_PER_DAY for c in ("period_start", "period_end")
    )
    event_start, event_end = (event[c].to_numpy(dtype=float) * SECONDS_PER_DAY for c in ("date_start", "date_end"))
    too_long = pairs_exceeding(
        event.index.to_numpy(), event_codes, event_start, duration.index.to_numpy(), duration_codes, period_end - low
    )
    too_short = pairs_exceeding(
        duration.index.to_numpy(),
        duration_codes,
        period_start + SECONDS_PER_DAY - high,
        event.index.to_numpy(),
        event_codes,
        event_end,
    )
    pairs = [(a, b) for b, a in too_long.frame.itertuples(index=False)] + list(
        too_short.frame.itertuples(index=False, name=None)
    )
    too_short_events: dict = {}
    for a, b in too_short.frame.itertuples(index=False, name=None):
        too_short_events.setdefault(a, set()).add(b)
    year = 365.25 * SECONDS_PER_DAY
    for crowd in too_long.crowds + too_short.crowds:
        first = claims.loc[min(crowd.labels, key=lambda label: claims.loc[label, "id"])]
        yield Finding(
            topic=first["topic"],
            claims=(ref(claims, first.name),),
            diagnosis="many durations do not fit their dates: too many pairs to list one by one",
            message=f"{crowd.pairs:,} pairs of a duration and the date it runs from do not fit",
        )
    found: dict = {}
    for a, b in dict.fromkeys(pairs):
        duration_row, event_row = row_of(claims, a), row_of(claims, b)
        # Days are counted as calendars count them ("three days after 8 March" is 11 March);
        # a time of day on either side is counted from the time itself ("64 hours after
        # 02:14 on 8 March" is 18:14 on 10 March).
        whole_days = all(
            row[end] - row[start] >= 1
            for row, start, end in ((duration_row, "period_start", "period_end"), (event_row, "date_start", "date_end"))
        )
        short = (duration_row["period_start"] - (event_row["date_end"] - (1 if whole_days else 0))) * SECONDS_PER_DAY
        if not whole_days and b in too_short_events.get(a, ()) and short <= _upper(claims, a, options) + 1e-6:
            continue  # too short only by the calendar's day, which a time of day does not count
        long = (duration_row["period_end"] - event_row["date_start"]) * SECONDS_PER_DAY
        found.setdefault(a, []).append(
            Finding(
                topic=duration_row["topic"],
                subject=duration_row["id"],
                claims=(ref(claims, a), ref(claims, b)),
                diagnosis="a stated duration does not fit the dates it implies",
                message=f"{duration_row['id']} gives {duration_row['value']} up to {display.date_range(duration_row['period_start'], duration_row['period_end'])} "
                f"since {event_row['topic_label']}, which {event_row['id']} dates {display.date_range(event_row['date_start'], event_row['date_end'])}: "
                f"that is {_time_between(short, long, year)}",
            )
        )
    # One duration that fits none of several texts' dates of its start is one finding, in
    # the words of its first pair, with every date it meets.
    for duration_findings in found.values():
        first = duration_findings[0]
        others = [finding.claims[1] for finding in duration_findings[1:]]
        yield dataclasses.replace(
            first,
            claims=(*first.claims, *others),
            message=first.message + (f" (and {', '.join(ref.claim_id for ref in others)})" if others else ""),
        )


def _time_between(short: float, long: float, year: float) -> str:
    """The time between two dates as a span in years, months, days or hours (the largest
    unit the longer end reaches), one figure when both ends read the same: '8.2–8.4 months',
    '1.7 years', '2.7 days', '64.3 hours'; a date after the end it runs to, said so."""
    if long < 0:
        return "a date after the end of the span it starts, which no duration fits"
    day = SECONDS_PER_DAY
    unit, name = next(
        (size, label)
        for size, label in ((year, "years"), (year / 12, "months"), (day, "days"), (3600.0, "hours"))
        if abs(long) >= size or label == "hours"
    )
    low, high = f"{max(short, 0) / unit:.1f}", f"{long / unit:.1f}"
    return f"{low} {name}" if low == high else f"{low}–{high} {name}"


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_TRADE = {"key": "trade", "kind": "quantity", "unit": "USD", "label": "bilateral trade"}
EXAMPLES = (
    Example(
        "fails",
        'US$80 million in 2024, "twice as much as the previous year" (x2 of 2023), while '
        "another claim gives US$60 million for 2023",
        {
            "a": (
                claim_row(
                    "a-2024",
                    "trade",
                    "US$80 million",
                    "US$80 million, twice as much as the previous year",
                    period="2024",
                    relation="x2",
                    relative_to="2023",
                ),
            ),
            "b": (claim_row("b-2023", "trade", "US$60 million", period="2023"),),
        },
        topics=(_TRADE,),
        flags=(("a-2024", "b-2023"),),
    ),
    Example(
        "fails",
        '"up US$300 million to US$1.2 billion" (+US$300 million over 2023), while another '
        "claim gives US$600 million for 2023",
        {
            "a": (
                claim_row(
                    "a-2024",
                    "trade",
                    "US$1.2 billion",
                    "trade was up US$300 million to US$1.2 billion",
                    period="2024",
                    relation="+US$300 million",
                    relative_to="2023",
                ),
            ),
            "b": (claim_row("b-2023", "trade", "US$600 million", period="2023"),),
        },
        topics=(_TRADE,),
        flags=(("a-2024", "b-2023"),),
    ),
    Example(
        "fails",
        'trade "rose" to US$1 billion in 2024 from US$1.04 billion in 2023 (stated values fall)',
        {
            "a": (
                claim_row(
                    "rose",
                    "trade",
                    "US$1 billion",
                    "trade rose to US$1 billion",
                    period="2024",
                    relation="increase",
                    relative_to="2023",
                ),
                claim_row("before", "trade", "US$1.04 billion", period="2023"),
            )
        },
        topics=(_TRADE,),
        flags=(("before", "rose"),),
    ),
    Example(
        "fails",
        '">2 decades" of ban ending in 2025 since a listing dated 2010',
        {
            "a": (
                claim_row(
                    "ban",
                    "ban-duration",
                    ">2 decades",
                    "a ban of over two decades",
                    period="2025-04-17",
                    relation="since",
                    relative_to="listing",
                ),
                claim_row("listed", "listing", "2010", "listed in 2010"),
            )
        },
        topics=(
            {"key": "ban-duration", "kind": "quantity", "unit": "year"},
            {"key": "listing", "kind": "date", "event": "Group listed"},
        ),
        flags=(("ban", "listed"),),
    ),
    Example(
        "passes",
        '"from US$170 million in 2022 to US$1 billion in 2024" (an increase, and it is one)',
        {
            "a": (
                claim_row(
                    "to",
                    "trade",
                    "US$1 billion",
                    "from US$170 million in 2022 to US$1 billion in 2024",
                    period="2024",
                    relation="increase",
                    relative_to="2022",
                ),
                claim_row(
                    "from",
                    "trade",
                    "US$170 million",
                    "from US$170 million in 2022 to US$1 billion in 2024",
                    period="2022",
                ),
            )
        },
        topics=(_TRADE,),
    ),
    Example(
        "passes",
        "a relation to a period for which no claim exists (nothing to check against)",
        {
            "a": (
                claim_row(
                    "a-2024",
                    "trade",
                    "US$80 million",
                    "US$80 million, twice as much as the previous year",
                    period="2024",
                    relation="x2",
                    relative_to="2023",
                ),
            )
        },
        topics=(_TRADE,),
    ),
)
