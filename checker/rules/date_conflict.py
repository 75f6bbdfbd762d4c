"""The same event is dated differently beyond the claims' precision.

Fails:  Supreme Court decision on 2025-04-17 vs on 2025-04-21
Fails:  Crocus City Hall attack in 2024-03 vs in 2024-06
Fails:  signed on 2024-03-05 vs on 2024-05-03 (day and month swapped)
Passes: Crocus City Hall attack in 2024-03 vs on 2024-03-22 (a month contains the day)
Passes: opening planned for 2025 (as said in 2020) vs planned for 2028 (as said now)

Each date is the interval of days its precision covers, so only disjoint intervals
conflict. Actual dates are compared with actual dates, planned with planned, and a plan
with a plan stated for the same time (a schedule revised between two times is no
conflict): its period, or, for two plans without one, texts published within a month
(`plans_within_days`) of each other; forecasts only within one named forecaster (two bodies' forecasts of a
smog's end differ as forecasters do), and plans or targets of two named parties not at all,
nor one text's schedule in force and a named party's plan to move it. A date given to the day has no time zone: a time of day (read in UTC) that falls
on it in some zone (UTC-12 to UTC+14) agrees with it ("Monday 10 March" in Kourou is 01:24
UTC on 11 March), and a time of day written without a zone is a local clock time: another
day than a date given to the day is a warning (18:00 on 11 March and 12 March: a slip, or
the day in another zone), and it agrees
with the same clock time written with its zone (14:38 and 14:38-07:00), and with the
same instant on the clock of a zone the corpus gives that event or its text in (16:30 in
a local paper, 18:30-04:00 Eastern, where another text gives 16:30-06:00). The
diagnosis names the common slips between two dates to the day: a month off by one, day
and month swapped, a year slip, transposed digits; between two times, an am/pm or a
time-zone slip; and when a quote writes its date with the weekday, which of the two dates
that weekday fits. One date that disagrees with two or more sources that agree with each
other is one finding on it, the odd one out, listing every claim it meets. A planned date
given as current by a text published after another gave it as since revised (or by that
very text), where a plan of another date stands, is a warning. The same forecast or
estimated day credited to two bodies by two texts is a warning: one may name the wrong body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker import display
from checker.dates import APPROXIMATE_TIME_DAYS, WEEKDAYS, offset_days, weekday_of
from checker.examples import Example, claim_row
from checker.findings import Finding, Severity
from checker.options import Option
from checker.pairing import (
    by_id,
    crowd_extremes,
    different_estimators,
    group_codes,
    merged_odd_ones,
    odd_ones_out,
    pairs_apart,
    partner_of,
    ref,
    row_of,
    sharing_key,
)

ID = "date-conflict"
SEVERITY = "error"
OPTIONS = {
    "slack_days": Option(0, "days two dates may lie apart before they conflict", minimum=0, maximum=3650),
    "plans_within_days": Option(
        31,
        "days apart two texts may be published for their plans without a period of their own to compare (a "
        "schedule may be revised between them)",
        minimum=0,
    ),
}


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    # One date that disagrees with several sources that agree with each other is one
    # finding on it, the odd one out (a year slip in one text of four).
    yield from merged_odd_ones(odd_ones_out(list(_conflicts(claims, options))), _rank)
    yield from _one_date_two_bodies(claims)


def _one_date_two_bodies(claims: pd.DataFrame) -> Iterator[Finding]:
    """The same forecast or estimated day of one event credited to two bodies by two texts
    ("the city projects Day Zero for 21 October", "the weather service's 21 October"):
    such dates are never compared, as forecasters differ, but one day under two names is
    likelier one body's credited to the other. A warning, as for a figure of three digits."""
    chosen = (
        (claims["kind"] == "date").to_numpy(dtype=bool)
        & claims["modality"].isin(("forecast", "estimate")).to_numpy(dtype=bool)
        & (claims["attributed_to"] != "").to_numpy(dtype=bool)
        & (claims["date_precision"] == "day").to_numpy(dtype=bool)
    )
    if chosen.sum() < 2:
        return
    keys = ["topic", "scope", "subject", "date_start"]
    frame = claims.loc[chosen, [*keys, "attributed_to", "source"]]
    for _, group in frame.groupby(keys, sort=True, observed=True):
        if group["attributed_to"].nunique() < 2 or group["source"].nunique() < 2:
            continue
        first = row_of(claims, group.index[0])
        other = row_of(
            claims, next(label for label in group.index if group.at[label, "attributed_to"] != first["attributed_to"])
        )
        yield Finding(
            topic=first["topic"],
            claims=(ref(claims, first.name), ref(claims, other.name)),
            severity=Severity.WARNING.value,
            diagnosis="one date, two bodies: one text may credit the date to the wrong body",
            message=f"{first['source']} gives {display.day_to_iso(first['date_start'])} as {first['attributed_to']}'s "
            f"({first['id']}) and {other['source']} as {other['attributed_to']}'s ({other['id']}), for "
            f"{first['topic_label']}: the same day from two bodies",
        )


def _rank(finding: Finding) -> tuple[int, bool, str]:
    """How a pair of an odd one out speaks for it: the most severe, then a named slip (a
    year slip, a transposition) before plainly different dates, then the partner's id."""
    generic = finding.diagnosis.startswith("different dates")
    return Severity(finding.severity or SEVERITY).rank, generic, partner_of(finding)


def _conflicts(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    dates = (claims["kind"] == "date") & claims["date_start"].notna()
    # Actual dates compare with actual ones, planned with planned: the modality class is a
    # grouping key of its own.
    # A plan, target or forecast stated at one time and another stated later may differ: the
    # schedule was revised ("opening in 2025", said in 2020; "in 2028", said now). So those
    # compare only when stated for the same time, their periods; those without a period of
    # their own (as of their texts) compare with each other when their texts came out
    # within a month of each other.
    stated_then = (claims["modality_class"] != "actual").to_numpy(dtype=bool) & ~claims["undated"].to_numpy(dtype=bool)
    # Forecasts compare only within one named forecaster, as figures do: a regional agency's
    # "relief by Thursday" and a private forecaster's "not before Friday" are two forecasts.
    forecast = claims["modality_class"] == "forecast"
    dates &= ~forecast | (claims["attributed_to"] != "")
    keys = pd.DataFrame(
        {
            **{column: claims[column] for column in ("topic", "scope", "subject", "modality_class")},
            "_forecaster": claims["attributed_to"].where(forecast, ""),
            **{
                f"_{column}": np.where(stated_then, claims[column].to_numpy(dtype=float), np.nan)
                for column in ("period_start", "period_end")
            },
        },
        copy=False,
    )
    labels, codes = group_codes(keys, dates, keys.columns)
    # Apart: one date ends (plus the slack) at or before the other starts.
    end = claims.loc[labels, "date_end"].to_numpy(dtype=float) + options["slack_days"]
    pairs = pairs_apart(labels, codes, claims.loc[labels, "date_start"].to_numpy(dtype=float), end, strict=False)
    for crowd in pairs.crowds:
        earliest, latest = crowd_extremes(claims, crowd, "date_start")
        first, last = row_of(claims, earliest), row_of(claims, latest)
        yield Finding(
            topic=first["topic"],
            claims=(ref(claims, earliest), ref(claims, latest)),
            diagnosis="many different dates: too many conflicting pairs to list one by one",
            message=f"{len(crowd.labels)} claims date {first['topic_label']} and {crowd.pairs:,} pairs of them conflict; "
            f"they range from {display.date_range(first['date_start'], first['date_end'])} ({first['id']}) "
            f"to {display.date_range(last['date_start'], last['date_end'])} ({last['id']})",
        )
    superseded = _superseded_plans(claims)
    revised = set(superseded.loc[superseded["revised"], "label"])
    # A schedule given as current after its revision is _stale_plans' warning, not also an
    # error against the schedule that replaced it.
    stale = set(superseded.loc[superseded["stale"], "label"])
    zones: dict = {}
    yield from _stale_plans(claims, superseded)
    for a, b in pairs.frame.itertuples(index=False):
        first, second = by_id(claims, a, b)
        a, b = first.name, second.name
        if (a in revised) != (b in revised) or (a in stale) != (b in stale):
            continue  # one is the schedule a later text gives as since revised ("first set for 14 October")
        if (
            first["modality_class"] != "actual"
            and first["undated"]
            and second["undated"]
            and abs(first["published_end"] - second["published_end"]) > options["plans_within_days"]
        ):
            continue  # plans as of two texts months apart: the schedule may have been revised between them
        if different_estimators(first, second) or _two_parties_plans(first, second):
            continue  # the schedule in force and a party's proposal to move it
        if first["source"] == second["source"] and (
            first["quote"] == second["quote"] or first["modality"] == second["modality"] == "superseded"
        ):
            # One text telling a schedule's history ("pushed back to September 2025 from the
            # original December 2024"): its earlier dates, one after another, no conflict.
            continue
        slipped = next(
            ((day, moment) for day, moment in ((first, second), (second, first)) if _another_local_day(day, moment)),
            None,
        )
        if slipped is not None:
            # A time without a zone is the local clock's, and so, most likely, is the day
            # another text gives without one: a day apart on it is a slip (or the other
            # text's day in another zone), a warning.
            day, moment = slipped
            moment_day = float(np.floor(moment["date_start"]))
            yield Finding(
                topic=first["topic"],
                severity=Severity.WARNING.value,
                claims=(ref(claims, a), ref(claims, b)),
                diagnosis="another day on the local clock: a date slip, or the day in another time zone?",
                message=f"{moment['source']} dates {moment['topic_label']} {moment['value']}, a local time (no zone) "
                f"on {display.date_range(moment_day, moment_day + 1)}, and {day['source']} {day['value']}: another "
                "day, unless one text gives the day in another time zone",
            )
            continue
        if _local_day_of(first, second) or _local_day_of(second, first) or _same_clock(first, second):
            continue
        local = _local_gap(first, second)
        if local is not None and _in_a_known_zone(claims, zones, first, second):
            continue
        if local is not None:
            # One time with its zone, one without (a local time): compared on the local clock.
            hours, rest = divmod(round(_clock_gap(first, second)[0]), 60)
            gap = f"{hours} h {rest:02d} min apart" if hours else f"{rest} min apart"
            # A whole hour's gap (or a half or three quarters: India, Nepal) is any other
            # zone's clock, which a time without a zone may be on ("21:40" in a Hamburg
            # release, "2040 GMT" in the wire): a note, never twelve hours (am and pm).
            zoned_apart = _another_zone(first, second)
            yield Finding(
                topic=first["topic"],
                severity=Severity.NOTE.value if zoned_apart else "",
                claims=(ref(claims, a), ref(claims, b)),
                diagnosis=(
                    "an am/pm slip: the same time of day twelve hours apart on the local clock"
                    if local == 720
                    else "different times on the local clock"
                    + (" (a whole hour: summer time, or a wrong hour?)" if local % 60 == 0 else "")
                ),
                message=f"{first['source']} dates {first['topic_label']} {first['value']} and {second['source']} "
                f"{second['value']}: {gap} on the local clock (the time without a zone read as local time)"
                + (
                    "; the time without a zone may be another zone's clock (give it its zone if the text says it)"
                    if zoned_apart
                    else ""
                ),
            )
            continue
        yield Finding(
            topic=first["topic"],
            claims=(ref(claims, a), ref(claims, b)),
            diagnosis=diagnose(first, second),
            message=f"{first['source']} dates {first['topic_label']} {display.date_range(first['date_start'], first['date_end'])} "
            f"and {second['source']} {display.date_range(second['date_start'], second['date_end'])}: {_gap(first, second)}",
        )


def _two_parties_plans(first: pd.Series, second: pd.Series) -> bool:
    """Whether one text gives two planned dates of one event, one of them a named party's
    and the other not its: the schedule in force ("prévue le 30 décembre 2024") and what a
    party proposes ("the Commission would move it to 30 December 2025"). Two parties'
    plans in any texts are kept apart as figures are (``different_estimators``)."""
    return bool(
        first["source"] == second["source"]
        and first["modality"] in ("plan", "target")
        and second["modality"] in ("plan", "target")
        and first["attributed_to"] != second["attributed_to"]
    )


def _superseded_plans(claims: pd.DataFrame) -> pd.DataFrame:
    """The planned dates that a ``superseded`` claim gives as since revised (the same date
    of the same event: "the launch, first set for 22:47 on 14 October, was scrubbed"), each
    with that claim (``old``) and whether its own text came out no later than the one that
    revised it (``revised``: the old schedule, right in its day) or later, or is that very
    text (``stale``: a schedule since revised given as current). The superseded claims are
    few: each is looked up once."""
    superseded = (claims["modality"] == "superseded").to_numpy(dtype=bool) & (claims["kind"] == "date").to_numpy(
        dtype=bool
    )
    if not superseded.any():
        return pd.DataFrame({"label": [], "old": [], "revised": [], "stale": []})
    key = ["topic", "scope", "subject", "date_start", "date_end"]
    old = claims.loc[superseded, [*key, "published_end", "source"]].rename(
        columns={"published_end": "revised_day", "source": "revised_in"}
    )
    old = old.assign(old=old.index)
    plans = (
        (claims["kind"] == "date").to_numpy(dtype=bool)
        & (claims["modality_class"] != "actual").to_numpy(dtype=bool)
        & ~superseded
    )
    current = claims.loc[plans, [*key, "published_end", "source"]].assign(label=claims.index[plans])
    joined = current.merge(old, on=key)
    same_text = (joined["source"] == joined["revised_in"]).to_numpy(dtype=bool)
    return joined.assign(
        revised=(joined["published_end"] <= joined["revised_day"]).to_numpy(dtype=bool) & ~same_text,
        stale=(joined["published_end"] > joined["revised_day"]).to_numpy(dtype=bool) | same_text,
    )


def _stale_plans(claims: pd.DataFrame, superseded: pd.DataFrame) -> Iterator[Finding]:
    """A planned date a text gives as current after another text (or itself) gave it as
    since revised, where a plan of another date stands for the same event: a warning on it
    ("opening in spring 2025", in a release of January 2025, where the wire had said in
    November that spring 2025 was dropped for August)."""
    plans = (
        (claims["kind"] == "date").to_numpy(dtype=bool)
        & (claims["modality_class"] != "actual").to_numpy(dtype=bool)
        & (claims["modality"] != "superseded").to_numpy(dtype=bool)
    )
    stale = superseded[superseded["stale"].to_numpy(dtype=bool)]
    alike = sharing_key(claims, list(dict.fromkeys(stale["label"])), plans, ("topic", "scope", "subject"))
    for label, old_label in zip(stale["label"], stale["old"]):
        row, old = row_of(claims, label), row_of(claims, old_label)
        others = [
            other
            for other in alike[label]
            if (claims.at[other, "date_start"], claims.at[other, "date_end"]) != (row["date_start"], row["date_end"])
        ]
        if not others:
            continue
        new = row_of(claims, min(others, key=lambda other: claims.at[other, "id"]))
        where = "its own text" if row["source"] == old["source"] else f"{old['source']}, published earlier,"
        yield Finding(
            topic=row["topic"],
            subject=row["id"],
            claims=(ref(claims, label), ref(claims, old_label), ref(claims, new.name)),
            severity=Severity.WARNING.value,
            diagnosis=f"revised: {row['id']} gives as current the schedule {old['id']} gives as since revised",
            message=f"{row['source']} dates {row['topic_label']} {row['value']} ({row['id']}), the schedule {where} "
            f"gives as since revised ({old['id']}); {new['source']} dates it {new['value']} ({new['id']})",
        )


# A calendar day written without a time has no time zone: in UTC it may begin 14 hours
# earlier (UTC+14) and end 12 hours later (UTC-12) than the UTC day of the same date.
ZONE_EARLIEST, ZONE_LATEST = 14 / 24, 12 / 24


def _local_day_of(day: pd.Series, moment: pd.Series) -> bool:
    """Whether ``moment``, a time of day (in UTC, as read), falls on ``day``, a date given to
    the day, in some time zone: 22:24 on 10 March in Kourou is 01:24 on 11 March in UTC."""
    if day["date_precision"] != "day" or moment["date_precision"] not in ("minute", "second"):
        return False
    return day["date_start"] - ZONE_EARLIEST <= moment["date_start"] < day["date_end"] + ZONE_LATEST


def _another_local_day(day: pd.Series, moment: pd.Series) -> bool:
    """Whether ``moment``, a time of day written without a zone (a local clock time), falls
    on another day than ``day``, a date given to the day, though in some zone it would fall
    on it: 18:00 on 11 March, where another text gives 12 March."""
    return (
        _local_day_of(day, moment)
        and offset_days(moment["value"]) is None
        and not day["date_start"] <= moment["date_start"] < day["date_end"]
    )


def _same_clock(first: pd.Series, second: pd.Series) -> bool:
    """Two times of day, one with its zone and one without (a local time, read as if in
    UTC), that read the same on the local clock: "2:38 p.m." tagged 14:38 and 14:38-07:00."""
    return _local_gap(first, second) == 0


def _local_gap(first: pd.Series, second: pd.Series) -> int | None:
    """Minutes between two times of day on the local clock when one states its zone and the
    other does not (a local time, read as if in UTC); None otherwise."""
    if {first["date_precision"], second["date_precision"]} - {"minute", "second", "approximate time"}:
        return None
    offsets = [offset_days(first["value"]), offset_days(second["value"])]
    if (offsets[0] is None) == (offsets[1] is None):
        return None
    zoned, floating = (first, second) if offsets[0] is not None else (second, first)
    # An approximate time ("about 9:40 p.m.") is its middle, and meets anything within its
    # quarter of an hour either side.
    raw, slack = _clock_gap(first, second)
    return round(max(0.0, raw - slack))


def _clock_gap(first, second) -> tuple[float, float]:
    """Minutes between a time with its zone and one without, on the first's local clock,
    and how many of them approximate times' windows take up."""
    offsets = [offset_days(first["value"]), offset_days(second["value"])]
    zoned, floating = (first, second) if offsets[0] is not None else (second, first)
    slack = sum(
        (row["date_end"] - row["date_start"]) / 2
        for row in (zoned, floating)
        if row["date_precision"] == "approximate time"
    )
    offset = next((found for found in offsets if found is not None), 0.0)
    local = _clock_middle(zoned) + offset
    return abs(local - _clock_middle(floating)) * 1440, slack * 1440


def _another_zone(first, second) -> bool:
    """Whether a time without a zone is the other's on another zone's clock: a whole
    quarter of an hour apart (zones are), short of twelve hours (am and pm)."""
    raw, slack = _clock_gap(first, second)
    return any(abs(raw - 15 * quarters) <= slack + 0.5 for quarters in range(1, 48))


def _clock_middle(row) -> float:
    """A time of day's day number: the time written for an approximate time ("about
    9:40 p.m." is read 9:25 to 9:56), else its start."""
    if row["date_precision"] == "approximate time":
        return row["date_start"] + APPROXIMATE_TIME_DAYS
    return row["date_start"]


def _in_a_known_zone(claims: pd.DataFrame, zones: dict, first, second) -> bool:
    """Whether a time of day written without a zone is the other's instant on the clock of
    a zone the corpus gives that event or its own text in: "4:30 p.m." in an Alberta paper
    is 22:30 UTC, which "6:30 p.m. Eastern" (18:30-04:00) also is, when another text gives
    the event at 16:30-06:00. ``zones`` caches the offsets by topic and by source."""
    offsets = [offset_days(first["value"]), offset_days(second["value"])]
    zoned, floating = (first, second) if offsets[0] is not None else (second, first)
    if not zones:
        timed = claims["date_precision"].isin(("minute", "second")).to_numpy(dtype=bool)
        for value, topic, source in claims.loc[timed, ["value", "topic", "source"]].itertuples(index=False):
            offset = offset_days(value)
            if offset is not None:
                zones.setdefault(("topic", str(topic)), set()).add(offset)
                zones.setdefault(("source", str(source)), set()).add(offset)
        zones.setdefault(None, set())  # built, though no time states a zone
    candidates = zones.get(("topic", str(floating["topic"])), set()) | zones.get(
        ("source", str(floating["source"])), set()
    )
    return any(round(abs(floating["date_start"] - offset - zoned["date_start"]) * 1440) == 0 for offset in candidates)


def _gap(first: pd.Series, second: pd.Series) -> str:
    """How far apart two dates are at the least: in days, or in hours and minutes for two
    times of one day."""
    if {first["date_precision"], second["date_precision"]} <= _TIMES:
        minutes = round(abs(_middle(first) - _middle(second)) * 1440)
        if minutes % 1440 == 0:  # the same clock time on other days: "exactly 24 h", not "2 days"
            return f"{minutes // 60} h apart"
        days, minutes = divmod(minutes, 1440)
        hours, rest = divmod(minutes, 60)
        clock = f"{hours} h {rest:02d} min" if hours else f"{rest} min"
        return f"{days} day(s) {clock} apart" if days else f"{clock} apart"
    if first["date_precision"] == second["date_precision"] == "year":  # "2027" and "2028": years, not days
        years = abs(_year(first) - _year(second))
        return f"{years} year(s) apart"
    # In calendar days: a day and a time on the next day are a day apart, not two.
    starts = [np.floor(row["date_start"]) for row in (first, second)]  # an open side stays infinite
    ends = [np.ceil(row["date_end"]) for row in (first, second)]
    gap = max(starts[0] - ends[1], starts[1] - ends[0]) + 1
    return f"at least {gap:.0f} day(s) apart"


# Times of day: to the minute or second, or about one ("about 10:40 a.m.": 10:40~).
_TIMES = {"minute", "second", "approximate time"}


def _middle(row: pd.Series) -> float:
    """A time of day's instant: its start, or the time "about" which it is."""
    if row["date_precision"] == "approximate time":
        return row["date_start"] + APPROXIMATE_TIME_DAYS
    return row["date_start"]


def _year(row: pd.Series) -> int:
    return dt.date.fromordinal(int(row["date_start"])).year


def _transposed(one: int, two: int) -> bool:
    """Whether two numbers are the same digits in another order (2036 and 2063, 12 and 21)."""
    return one != two and sorted(str(one)) == sorted(str(two)) and len(str(one)) == len(str(two))


def diagnose(first: pd.Series, second: pd.Series) -> str:
    """The common slips between two dates given to the day, and what a stated weekday says."""
    precisions = {first["date_precision"], second["date_precision"]}
    if precisions <= _TIMES:
        minutes = round(abs(_middle(first) - _middle(second)) * 1440)
        if minutes == 720:
            return "an am/pm slip: the same time of day twelve hours apart"
        if minutes % 60 == 0 and minutes <= 14 * 60:
            return f"a time-zone slip? the times are exactly {minutes // 60} hour(s) apart (local time read as UTC, or summer time)"
        if minutes < 1440:
            return "different times beyond the stated precision"
    if precisions == {"year"}:
        if _transposed(_year(first), _year(second)):
            return "different years: the year's digits transposed?"
        return "different years beyond the stated precision"
    if "year" in precisions:
        # A year against a date within another: the year of the one is all there is to compare.
        years = (
            dt.date.fromordinal(int(first["date_start"])).year,
            dt.date.fromordinal(int(second["date_start"])).year,
        )
        if abs(years[0] - years[1]) == 1:
            return "a year slip: the date falls in the year next to the other's"
        if _transposed(*years):
            return "different years: the year's digits transposed?"
    # Times of day on different days: their days compare as days do (a year slip in a
    # date written with its time is a year slip).
    precisions = {"day" if precision in ("minute", "second") else precision for precision in precisions}
    if not precisions <= {"day", "month"}:  # seasons, open intervals…
        return "different dates beyond the stated precision"
    one, two = (dt.date.fromordinal(int(row["date_start"])) for row in (first, second))
    if precisions != {"day"}:
        # One given to the month: the month and the year can still be compared.
        if one.month == two.month and one.year != two.year:
            return "a year slip: the same month in another year"
        return "different dates beyond the stated precision"
    causes = []
    if one.year == two.year and one.day == two.day and abs(one.month - two.month) == 1:
        causes.append("a month off by one")
    if one.year == two.year and (one.day, one.month) == (two.month, two.day):
        causes.append("day and month swapped")
    if (one.month, one.day) == (two.month, two.day) and one.year != two.year:
        causes.append("a year slip")
        if _transposed(one.year, two.year):
            causes.append("the year's digits transposed")
    if one.year == two.year and one.month == two.month and _transposed(one.day, two.day):
        causes.append("the day's digits transposed")
    for row, other in ((first, second), (second, first)):
        weekday = int(row["stated_weekday"])
        if weekday < 0:
            continue
        # Both days as the claim's own clock counts them: a time with its zone on the local
        # day ("07:12 JST on Wednesday 19 November" is 22:12 UTC on the 18th).
        zone = offset_days(row["value"]) or 0.0
        own, theirs = (
            weekday_of(np.floor(row["date_start"] + zone)) == weekday,
            weekday_of(np.floor(other["date_start"] + zone)) == weekday,
        )
        if own and not theirs:
            causes.append(f"{row['id']} writes {WEEKDAYS[weekday]}, which fits its own date, not {other['id']}'s")
        elif theirs and not own:
            causes.append(f"{row['id']} writes {WEEKDAYS[weekday]}, which fits {other['id']}'s date, not its own")
    if not causes:
        return "different dates beyond the stated precision"
    return "different dates: " + "; ".join(causes)


# The docstring's Fails:/Passes: lines as data: tests/test_rule_examples.py runs each one
# through this rule, and `claimcheck rules RULE-ID` shows them with their rows.
_RULING = {"key": "court-ruling", "kind": "date", "event": "Supreme Court decision"}
_ATTACK = {"key": "attack", "kind": "date", "event": "Crocus City Hall attack"}
EXAMPLES = (
    Example(
        "fails",
        "Supreme Court decision on 2025-04-17 vs on 2025-04-21",
        {
            "a": (claim_row("a-ruling", "court-ruling", "2025-04-17", "on 17 April 2025"),),
            "b": (claim_row("b-ruling", "court-ruling", "2025-04-21", "on April 21, 2025"),),
        },
        topics=(_RULING,),
        flags=(("a-ruling", "b-ruling"),),
    ),
    Example(
        "fails",
        "Crocus City Hall attack in 2024-03 vs in 2024-06",
        {
            "a": (claim_row("a-attack", "attack", "2024-03", "in March 2024"),),
            "b": (claim_row("b-attack", "attack", "2024-06", "in June 2024"),),
        },
        topics=(_ATTACK,),
        flags=(("a-attack", "b-attack"),),
    ),
    Example(
        "fails",
        "signed on 2024-03-05 vs on 2024-05-03 (day and month swapped)",
        {
            "a": (claim_row("a-signed", "signing", "2024-03-05", "signed on 5 March 2024"),),
            "b": (claim_row("b-signed", "signing", "2024-05-03", "signed on 3 May 2024"),),
        },
        topics=({"key": "signing", "kind": "date", "event": "Agreement signed"},),
        flags=(("a-signed", "b-signed"),),
    ),
    Example(
        "passes",
        "Crocus City Hall attack in 2024-03 vs on 2024-03-22 (a month contains the day)",
        {
            "a": (claim_row("a-attack", "attack", "2024-03", "in March 2024"),),
            "b": (claim_row("b-attack", "attack", "2024-03-22", "on March 22, 2024"),),
        },
        topics=(_ATTACK,),
    ),
    Example(
        "passes",
        "opening planned for 2025 (as said in 2020) vs planned for 2028 (as said now)",
        {
            "a": (claim_row("a-then", "opening", "2025", "due to open in 2025", period="2020", modality="plan"),),
            "b": (claim_row("b-now", "opening", "2028", "now due to open in 2028", modality="plan"),),
        },
        topics=({"key": "opening", "kind": "date", "event": "Line opens"},),
    ),
)
