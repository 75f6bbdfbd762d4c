"""Every claim as a W3C Web Annotation on its source text (https://www.w3.org/TR/annotation-model/).

One AnnotationCollection holds one AnnotationPage with an Annotation per claim, in the
order of the claims tables (source, then line). Each annotation targets the text the
claim's quote was found in (``seeds/FILE``; for a cited work without a text of its own,
the citing source's text) with two selectors that pick the same characters:

- ``TextQuoteSelector``: the quote as the text writes it (``exact``), with ``prefix`` and
  ``suffix`` of 32 characters, grown until the three together occur once in the text;
- ``TextPositionSelector``: ``start`` and ``end`` in the text's characters (Unicode code
  points, as the model counts them, after the byte-order mark if any).

Its bodies say what the editor tagged: the topic (purpose ``tagging``) and the value with
its period, scope and modality (purpose ``describing``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from checker.errors import UsageError
from checker.exports.inputs import Inputs, dump, resolve

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_LENGTH = 32  # characters of prefix and suffix to start with (what annotation tools commonly keep)


def export(inputs: Inputs) -> str:
    if inputs.base and not urlsplit(inputs.base).scheme:
        raise UsageError(
            f"--base '{inputs.base}' is not an absolute IRI: give the address the export will be "
            "published at, e.g. https://example.org/corpus/annotations.jsonld"
        )
    normalised = inputs.load()
    languages = dict(zip(normalised.sources["id"], normalised.sources["language"]))
    claims = normalised.claims
    columns = {
        name: claims[name].to_numpy()
        for name in (
            "id",
            "source",
            "topic",
            "value",
            "period",
            "scope",
            "modality",
            "text_source",
            "quote_start",
            "quote_end",
        )
    }
    items = []
    for position in range(len(claims)):
        row = {name: values[position] for name, values in columns.items()}
        text = normalised.texts.get(row["text_source"])
        if text is None or int(row["quote_start"]) < 0:  # a valid corpus has none: every quote is found
            continue
        start, end = int(row["quote_start"]), int(row["quote_end"])
        prefix, suffix = unique_context(text.text, start, end)
        source = {
            "id": inputs.iri(normalised.text_files[row["text_source"]]),
            "type": "Text",
            "format": "text/plain",
            "language": languages.get(row["text_source"]) or "en",  # the sources table: empty is English
        }
        items.append(
            {
                "id": resolve(inputs.base, f"#{row['id']}"),
                "type": "Annotation",
                "motivation": "describing",
                "body": [
                    {"type": "TextualBody", "purpose": "tagging", "value": row["topic"], "format": "text/plain"},
                    {"type": "TextualBody", "purpose": "describing", "value": description(row), "format": "text/plain"},
                ],
                "target": {
                    "source": source,
                    "selector": [
                        quote_selector(text.text[start:end], prefix, suffix),
                        {"type": "TextPositionSelector", "start": start, "end": end},
                    ],
                },
            }
        )
    page = {"id": resolve(inputs.base, "#page-1"), "type": "AnnotationPage", "startIndex": 0, "items": items}
    collection = {
        "@context": CONTEXT,
        "id": resolve(inputs.base, "#claims"),
        "type": "AnnotationCollection",
        "label": "Claims tagged in the corpus's source texts",
        "total": len(items),
        "first": page,
    }
    if items:
        collection["last"] = page["id"]
    return dump(collection)


def quote_selector(exact: str, prefix: str, suffix: str) -> dict:
    """A TextQuoteSelector; an empty prefix or suffix (a quote at the very start or end of
    its text) is left out, as the model makes both optional."""
    selector = {"type": "TextQuoteSelector", "exact": exact}
    if prefix:
        selector["prefix"] = prefix
    if suffix:
        selector["suffix"] = suffix
    return selector


def description(row) -> str:
    """The value as written, with what qualifies it: ``US$1 billion (period 2024, scope bilateral)``."""
    qualifiers = [f"{name} {row[name]}" for name in ("period", "scope") if row[name]]
    if row["modality"] and row["modality"] != "actual":
        qualifiers.append(f"modality {row['modality']}")
    return row["value"] + (f" ({', '.join(qualifiers)})" if qualifiers else "")


def unique_context(text: str, start: int, end: int, length: int = CONTEXT_LENGTH) -> tuple[str, str]:
    """Prefix and suffix of at most ``length`` characters, doubled until prefix + exact +
    suffix occurs exactly once in the text (at the text's ends they simply run out)."""
    while True:
        prefix, suffix = text[max(0, start - length) : start], text[end : end + length]
        if occurrences(text, prefix + text[start:end] + suffix) == 1 or (len(prefix) < length and len(suffix) < length):
            return prefix, suffix
        length *= 2


def occurrences(text: str, needle: str, limit: int = 2) -> int:
    """How many times ``needle`` occurs in ``text``, overlapping ones included, counting up
    to ``limit``."""
    count, at = 0, text.find(needle)
    while at >= 0 and count < limit:
        count += 1
        at = text.find(needle, at + 1)
    return count
