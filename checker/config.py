"""Options: ``[tool.claimcheck]`` in the corpus's pyproject.toml (or a claimcheck.toml),
validated against each rule's OPTIONS.

    [tool.claimcheck]
    fail-on = "error"               # or "warning": the lowest severity that fails a check

    [tool.claimcheck.rules.value-conflict]
    tolerance = 0.05                # any key of the rule's OPTIONS
    severity = "warning"            # override the rule's default severity
    enabled = false                 # switch a rule off
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import DataError, Problem
from checker.findings import SEVERITIES

TOP_LEVEL = ("fail-on", "rules")
PER_RULE = ("enabled", "severity")


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    severity: str | None  # set only when the configuration overrides the rule's levels
    options: dict[str, Any]


@dataclass(frozen=True)
class Config:
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    fail_on: str = "error"
    path: str = ""


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 0


def _read(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(path.name, 0, "-", f"cannot read: {error}")]) from None
    except tomllib.TOMLDecodeError as error:
        raise DataError([Problem(path.name, getattr(error, "lineno", 0) or 0, "-", f"not valid TOML: {error}")]) from None
    return data, text


def find_config(root: Path) -> Path | None:
    for name in ("claimcheck.toml", "pyproject.toml"):
        if (root / name).is_file():
            return root / name
    return None


def load_config(root: Path, rules, explicit: Path | None = None) -> Config:
    """Read and validate the options for ``rules`` (modules with ID, SEVERITY, OPTIONS)."""
    path = explicit or find_config(Path(root))
    settings: dict[str, Any] = {}
    text = ""
    if path is not None:
        data, text = _read(path)
        settings = data.get("tool", {}).get("claimcheck", {}) if path.name == "pyproject.toml" else data
    shown = path.name if path is not None else ""
    problems: list[Problem] = []
    by_id = {rule.ID: rule for rule in rules}

    def problem(key: str, message: str) -> None:
        problems.append(Problem(shown, _line_of(text, key), key, message))

    for key in settings:
        if key not in TOP_LEVEL:
            problem(key, f"unknown setting (known: {', '.join(TOP_LEVEL)})")
    fail_on = settings.get("fail-on", "error")
    if fail_on not in ("error", "warning", "note"):
        problem("fail-on", f"'{fail_on}' is not error, warning or note")
    rule_settings = settings.get("rules", {})
    if not isinstance(rule_settings, dict):
        problem("rules", "must be a table of rule ids")
        rule_settings = {}
    resolved: dict[str, RuleSettings] = {}
    for rule_id, values in rule_settings.items():
        if rule_id not in by_id:
            from rapidfuzz import process

            match = process.extractOne(rule_id, list(by_id), score_cutoff=60)
            problem(rule_id, f"unknown rule '{rule_id}'" + (f" (did you mean '{match[0]}'?)" if match else ""))
            continue
        if not isinstance(values, dict):
            problem(rule_id, "must be a table of options")
            continue
        options = by_id[rule_id].OPTIONS
        for option, value in values.items():
            if option in PER_RULE:
                continue
            if option not in options:
                known = ", ".join(list(PER_RULE) + list(options))
                problem(option, f"unknown option '{option}' for rule '{rule_id}' (known: {known})")
            elif not isinstance(value, type(options[option])) and not (isinstance(options[option], float) and isinstance(value, int) and not isinstance(value, bool)):
                problem(option, f"option '{option}' of rule '{rule_id}' must be {type(options[option]).__name__}, not {value!r}")
        if "severity" in values and values["severity"] not in SEVERITIES:
            problem("severity", f"'{values['severity']}' is not one of {', '.join(SEVERITIES)}")
        if "enabled" in values and not isinstance(values["enabled"], bool):
            problem("enabled", "must be true or false")
    if problems:
        raise DataError(problems)
    for rule in rules:
        values = rule_settings.get(rule.ID, {})
        options = {**rule.OPTIONS, **{k: (float(v) if isinstance(rule.OPTIONS.get(k), float) else v)
                                      for k, v in values.items() if k not in PER_RULE}}
        resolved[rule.ID] = RuleSettings(enabled=values.get("enabled", True), severity=values.get("severity"), options=options)
    return Config(rules=resolved, fail_on=fail_on, path=shown)
