"""JSON: the run, the summary, the rules and every finding, in a stable key order.

The schema is documented in the README (section "JSON report"). No wall-clock time is
recorded, so the same corpus gives the same bytes; a saved report is a baseline.
"""

from __future__ import annotations

import json
from typing import Any

from checker.records import SCHEMA_VERSION

KEYS = ("tool", "run", "summary", "rules", "findings", "resolved", "stale_reviews", "errors")


def render_json(record: dict[str, Any]) -> str:
    document = {"schema_version": SCHEMA_VERSION, **{key: record[key] for key in KEYS}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
