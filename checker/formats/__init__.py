"""One renderer per output format, all built from the same record (checker.report).

``RENDERERS`` is the format table: a format's name, the module that renders it and the
function's name. Modules are imported when their format is asked for, so a check that
prints text never imports the HTML renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

RENDERERS: dict[str, tuple[str, str]] = {
    "text": ("checker.formats.text", "render_text"),
    "markdown": ("checker.formats.markdown", "render_markdown"),
    "json": ("checker.formats.json_format", "render_json"),
    "sarif": ("checker.formats.sarif", "render_sarif"),
    "junit": ("checker.formats.junit", "render_junit"),
    "html": ("checker.formats.html", "render_html"),
    "github": ("checker.formats.github", "render_github"),
    "concise": ("checker.formats.concise", "render_concise"),
}
FORMATS = tuple(RENDERERS)


def renderer(name: str) -> Callable[..., str]:
    module, function = RENDERERS[name]
    return getattr(import_module(module), function)


def render(record: dict[str, Any], name: str, **options: Any) -> str:
    return renderer(name)(record, **options)
