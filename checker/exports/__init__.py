"""Exports of a corpus for other tools, one module each: `claimcheck export KIND`.

    claimreview   confirmed errors as schema.org ClaimReview (JSON-LD)
    annotations   every claim as a W3C Web Annotation on its source text (JSON-LD)
    datapackage   the corpus's tables as a Frictionless Data Package (datapackage.json)

Each export is a pure function of ``Inputs`` that returns the text to write: sorted keys
and rows, no clock, so the same corpus gives byte-identical files. The command line
decides where the text goes and hands over what to read the corpus with.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.exports import claimreview, datapackage, web_annotations
from checker.exports.inputs import Inputs

EXPORTS: dict[str, Callable[[Inputs], str]] = {
    "claimreview": claimreview.export,
    "annotations": web_annotations.export,
    "datapackage": datapackage.export,
}
# The file each export is written to in the corpus folder when -o is not given.
DEFAULT_FILES = {
    "claimreview": "claimreview.jsonld",
    "annotations": "annotations.jsonld",
    "datapackage": "datapackage.json",
}
