"""A claim that cites another source of the corpus must agree with what that source says.

Fails:  USD 12.42 billion of bilateral trade in 2024, citing a report whose own claim is
        Afghanistan's total trade of >US$12 billion in 2024 (the figure, another scope)
Fails:  a ban "lifted" on 2025-04-17, citing a source that says the ban was "suspended"
Passes: a court decision dated 2025-04-17, citing a source that dates it 2025-04-17

The citing claim is compared with the cited source's claims on the same topic: values
(intervals within tolerance, for the same time and modality class), dates (intervals) and
statuses (same state for overlapping times). When the cited source has no claim on the topic, its claims in other topics are
searched for the same figure: a match means the citation moved the figure to another
scope. A cited source whose text is in the corpus and says nothing on the topic is noted.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

import pandas as pd

from checker.findings import Finding, Severity
from checker.options import Option, tolerance
from checker.pairing import NUMERIC, intervals_apart, ref, same_time, value_text

ID = "citation-consistency"
SEVERITY = "warning"
OPTIONS = {"tolerance": tolerance(0.02),
           "note_unsupported": Option(True, "note a citing claim whose cited source says nothing on its topic")}


def _meets(claim: pd.Series, other: pd.Series, tolerance: float) -> bool | None:
    """Whether two claims agree; None when they cannot be compared."""
    overlaps = other["period_start"] < claim["period_end"] and claim["period_start"] < other["period_end"]
    if claim["kind"] in NUMERIC:
        if claim["dimension"] != other["dimension"] or pd.isna(other["magnitude"]):
            return None
        if not same_time(claim, other) or claim["modality_class"] != other["modality_class"]:
            return None
        return not intervals_apart(claim["low"], claim["high"], other["low"], other["high"], tolerance)
    if claim["kind"] == "date":
        return not (claim["date_start"] >= other["date_end"] or other["date_start"] >= claim["date_end"])
    if claim["kind"] == "status":
        return None if not overlaps else claim["state"] == other["state"]
    return None


def check(claims: pd.DataFrame, options: Mapping[str, Any]) -> Iterator[Finding]:
    citing = claims["cites"].ne("") & (claims["cites"].isin(claims["source"]) | claims["cites_has_text"])
    if not citing.any():
        return
    # The cited claims of each citing claim, by one join on (cited source, topic) and one
    # on the cited source alone (for a figure moved to another topic).
    left = pd.DataFrame({"a": claims.index[citing], "source": claims.loc[citing, "cites"].to_numpy(),
                         "topic": claims.loc[citing, "topic"].to_numpy()})
    right = pd.DataFrame({"b": claims.index, "source": claims["source"].to_numpy(), "topic": claims["topic"].to_numpy()})
    right = right[right["source"].isin(set(left["source"]))]
    same_topic_of = left.merge(right, on=["source", "topic"]).groupby("a")["b"].apply(list).to_dict()
    by_source = right.groupby("source")["b"].apply(list).to_dict()
    tolerance = options["tolerance"]
    for label in claims.index[citing]:  # one citing claim at a time: citations are few
        claim = claims.loc[label]
        same_topic = same_topic_of.get(label, [])
        verdicts = [(other_label, _meets(claim, claims.loc[other_label], tolerance)) for other_label in same_topic]
        agreeing = [other for other, verdict in verdicts if verdict]
        disagreeing = [other for other, verdict in verdicts if verdict is False]
        if disagreeing and not agreeing:
            other = claims.loc[disagreeing[0]]
            yield Finding(topic=claim["topic"], claims=(ref(claims, label), ref(claims, disagreeing[0])),
                          diagnosis="the cited source says otherwise",
                          message=f"{claim['id']} gives {value_text(claim)} citing {claim['cites']}, which gives {value_text(other)} ({other['id']})")
            continue
        if verdicts:
            continue
        moved = _same_figure_elsewhere(claim, claims.loc[by_source.get(claim["cites"], [])], tolerance) if claim["kind"] in NUMERIC else None
        if moved is not None:
            other = claims.loc[moved]
            yield Finding(topic=claim["topic"], claims=(ref(claims, label), ref(claims, moved)),
                          diagnosis="different scope: the cited figure is about another topic",
                          message=f"{claim['id']} gives {value_text(claim)} for {claim['topic_label']} citing {claim['cites']}, "
                                  f"but the cited figure ({value_text(other)}, {other['id']}) is for {other['topic_label']}")
        elif options["note_unsupported"] and claim["cites_has_text"]:
            yield Finding(topic=claim["topic"], claims=(ref(claims, label),), severity=Severity.NOTE.value,
                          diagnosis="the cited source makes no claim on this topic",
                          message=f"{claim['id']} cites {claim['cites']}, which makes no claim on {claim['topic_label']}")


def _same_figure_elsewhere(claim: pd.Series, cited: pd.DataFrame, tolerance: float):
    """The first claim of the cited source, in another topic, whose figure meets this one."""
    if claim["kind"] not in NUMERIC or pd.isna(claim["magnitude"]) or cited.empty:
        return None
    meets = ~intervals_apart(claim["low"], claim["high"], cited["low"].to_numpy(dtype=float), cited["high"].to_numpy(dtype=float), tolerance)
    candidates = ((cited["topic"] != claim["topic"]).to_numpy() & (cited["dimension"] == claim["dimension"]).to_numpy()
                  & (cited["period_start"] < claim["period_end"]).to_numpy() & (claim["period_start"] < cited["period_end"]).to_numpy()
                  & meets)
    found = cited.index[candidates]
    return found[0] if len(found) else None
