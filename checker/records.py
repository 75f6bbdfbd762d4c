"""The report record every format renders: its schema version (and, as the record grows,
its typed parts). No pandas, no pint: renderers import this and nothing heavier."""

from __future__ import annotations

SCHEMA_VERSION = 1  # of the JSON report, and so of a saved baseline
