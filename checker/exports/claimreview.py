"""Confirmed errors as schema.org ClaimReview (https://schema.org/ClaimReview), JSON-LD.

A finding whose review decision is ``confirmed-error`` says that a source is wrong. One
ClaimReview is written per claim such a finding concerns, rated on this scale (the
README has it too):

    1  False         the claim a confirmed finding holds at fault: its rule names it (the
                     converting claim of a stated conversion, the citing claim of a citation,
                     the part above its whole)
    3  Contradicted  a claim on one side of a confirmed conflict whose rule does not say
                     which side is wrong: the editor's note (reviewBody) says which
    5  True          never given: only confirmed errors are exported

A claim in several confirmed findings gets one review with the lowest rating, every
reviewer, the latest review date and every note. In a finding that names the claim at
fault, the other claims are its evidence and get no review of their own.

The reviewed claim (``itemReviewed``, a ``Claim``) carries the claim's source as the
sources table states it: authors as people (else the publisher as an organisation), the
publication date when it is a plain ISO date, and the work it appears in with its title,
publisher and address where known. Nothing is invented: a field the table leaves empty is
left out.
"""

from __future__ import annotations

import re

from checker.exports.inputs import Inputs, dump
from checker.findings import Finding

CONTEXT = "https://schema.org"
FALSE, CONTRADICTED = 1, 3
WORST, BEST = 1, 5
RATINGS = {FALSE: "False", CONTRADICTED: "Contradicted"}
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def export(inputs: Inputs) -> str:
    result, reviews = inputs.reviewed()
    by_claim: dict[str, list[tuple[int, Finding, dict]]] = {}
    for finding in result.findings:
        review = reviews.get(finding.fingerprint)
        if review is None or review["decision"] != "confirmed-error":
            continue
        at_fault = finding.subject if finding.subject in finding.claim_ids else ""
        for ref in finding.claims:
            if at_fault and ref.claim_id != at_fault:
                continue  # evidence against the claim at fault, not itself in doubt
            by_claim.setdefault(ref.claim_id, []).append((FALSE if at_fault else CONTRADICTED, finding, review))
    claims = result.normalised.claims.set_index("id")
    sources = {row.id: row for row in result.normalised.sources.itertuples() if row.id}
    graph = []
    for claim_id in sorted(by_claim):
        entries = sorted(by_claim[claim_id], key=lambda entry: entry[1].fingerprint)
        claim = claims.loc[claim_id]
        graph.append(claim_review(claim_id, claim, sources.get(claim["source"]), entries))
    return dump({"@context": CONTEXT, "@graph": graph})


def claim_review(claim_id: str, claim, source, entries) -> dict:
    rating = min(entry[0] for entry in entries)
    reviewers = sorted({review["reviewer"] for _, _, review in entries if review["reviewer"]})
    dates = sorted(review["date"] for _, _, review in entries if review["date"])
    notes = list(dict.fromkeys(review["note"] for _, _, review in entries if review["note"]))
    findings = [finding for _, finding, _ in entries]
    node = {
        "@type": "ClaimReview",
        "claimReviewed": claim["quote"],
        "itemReviewed": item_reviewed(claim_id, source),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": RATINGS[rating],
            "ratingExplanation": explanation(claim_id, rating, findings),
        },
        "identifier": [finding.fingerprint for finding in findings],
    }
    if reviewers:
        node["author"] = [{"@type": "Person", "name": name} for name in reviewers]
    if dates:
        node["datePublished"] = dates[-1]
    if notes:
        node["reviewBody"] = "\n\n".join(notes)
    return node


def explanation(claim_id: str, rating: int, findings) -> str:
    parts = []
    for finding in findings:
        if finding.subject == claim_id:
            parts.append(f"{finding.rule} ({finding.fingerprint}) holds this claim at fault: {finding.message}.")
        else:
            others = ", ".join(other for other in finding.claim_ids if other != claim_id)
            parts.append(f"{finding.rule} ({finding.fingerprint}): contradicted by {others}: {finding.message}.")
    parts.append(
        "An editor confirmed the error."
        if rating == FALSE
        else "An editor confirmed that one of the sources is wrong; the review says which."
    )
    return " ".join(parts)


def item_reviewed(claim_id: str, source) -> dict:
    """The Claim, with its author and where it appears, from the sources table."""
    node: dict = {"@type": "Claim", "identifier": claim_id}
    if source is None:
        return node
    people = [name.strip() for name in source.author.split(";") if name.strip()]
    publisher = {"@type": "Organization", "name": source.publisher} if source.publisher else None
    author = [{"@type": "Person", "name": name} for name in people] or ([publisher] if publisher else [])
    published = source.published if _ISO_DATE.match(source.published or "") else ""
    if author:
        node["author"] = author
    if published:
        node["datePublished"] = published
    appearance: dict = {}
    if source.title:
        appearance["headline"] = source.title
    if source.url:
        appearance["url"] = source.url
    if publisher:
        appearance["publisher"] = publisher
    if appearance:
        appearance["@type"] = "CreativeWork"
        if author:
            appearance["author"] = author
        if published:
            appearance["datePublished"] = published
        node["appearance"] = appearance
    return node
