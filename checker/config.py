"""Options: ``[tool.claimcheck]`` in a pyproject.toml, or a claimcheck.toml, validated
against each rule's OPTIONS declarations.

    [tool.claimcheck]                 # in claimcheck.toml the same keys, at the top level
    fail-on = "error"                 # or "warning", "note": the lowest severity that fails

    [tool.claimcheck.rules.value-conflict]
    tolerance = 0.05                  # any option the rule declares (claimcheck rules RULE-ID)
    severity = "warning"              # override the rule's default severity
    enabled = false                   # switch a rule off

Every setting is checked for its type and range; a problem names the file, the line and
the key. The configuration is found by walking up from the corpus folder to the first
folder holding a claimcheck.toml, or a pyproject.toml with a [tool.claimcheck] table.
"""

from __future__ import annotations

import re
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


def _line_of(text: str, key: str) -> int:
    """The first line that sets ``key`` (as a key or a table header); 0 when none does."""
    pattern = re.compile(rf"^\s*(?:\[[^\]]*\b{re.escape(key)}\b[^\]]*\]|[\"']?{re.escape(key)}[\"']?\s*=)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return 0


def _read(path: Path, shown: str) -> tuple[dict, str]:
    from checker.files import read_regular

    try:
        text = read_regular(path).decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise DataError([Problem(shown, 0, "-", f"not UTF-8: {error.reason} at byte {error.start}")]) from None
    except OSError as error:
        raise DataError([Problem(shown, 0, "-", f"cannot read: {error.strerror or error}")]) from None
    except tomllib.TOMLDecodeError as error:
        raise DataError([Problem(shown, getattr(error, "lineno", 0) or 0, "-", f"not valid TOML: {error}")]) from None
    return data, text


def find_config(start: Path) -> Path | None:
    """The configuration for a corpus: its own claimcheck.toml or pyproject.toml, else,
    walking up, the first claimcheck.toml or pyproject.toml with a [tool.claimcheck] table."""
    from checker.files import read_regular

    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / "claimcheck.toml").exists():
            return candidate / "claimcheck.toml"  # read later: anything but a file is an error then
        pyproject = candidate / "pyproject.toml"
        if pyproject.exists():
            if candidate == folder:
                return pyproject  # the corpus's own: always read and validated
            try:
                if b"[tool.claimcheck" in read_regular(pyproject):
                    return pyproject
            except OSError:
                continue
    return None


def load_config(root: Path, rules, explicit: Path | None = None) -> Config:
    """Read and validate the options for ``rules`` (modules with ID, SEVERITY, OPTIONS)."""
    path = explicit or find_config(Path(root))
    if path is None:
        return _resolve(rules, {}, "error", "")
    shown = path.name if explicit is None else str(path)
    data, text = _read(path, shown)
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(shown, _line_of(text, key), key, message))

    settings: Any = data
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            problem("tool", "must be a table ([tool])")
            tool = {}
        settings = tool.get("claimcheck", {})
        if not isinstance(settings, dict):
            problem("claimcheck", "must be a table ([tool.claimcheck])")
            settings = {}
    for key in settings:
        if key not in TOP_LEVEL:
            problem(key, f"unknown setting (known: {', '.join(TOP_LEVEL)})")
    fail_on = settings.get("fail-on", "error")
    if fail_on not in SEVERITIES:
        problem("fail-on", f"{fail_on!r} is not error, warning or note")
        fail_on = "error"
    rule_settings = settings.get("rules", {})
    if not isinstance(rule_settings, dict):
        problem("rules", "must be a table of rules ([tool.claimcheck.rules.RULE-ID])")
        rule_settings = {}
    by_id = {rule.ID: rule for rule in rules}
    for rule_id, values in rule_settings.items():
        if rule_id not in by_id:
            from checker.names import did_you_mean

            problem(rule_id, f"unknown rule '{rule_id}'{did_you_mean(rule_id, by_id)}")
            continue
        if not isinstance(values, dict):
            problem(rule_id, "must be a table of options")
            continue
        declared = by_id[rule_id].OPTIONS
        for option, value in values.items():
            if option == "enabled":
                if not isinstance(value, bool):
                    problem("enabled", f"'enabled' of rule '{rule_id}' must be true or false, not {value!r}")
            elif option == "severity":
                if value not in SEVERITIES:
                    problem("severity", f"{value!r} is not one of {', '.join(SEVERITIES)}")
            elif option not in declared:
                known = ", ".join(list(PER_RULE) + list(declared))
                problem(option, f"unknown option '{option}' for rule '{rule_id}' (known: {known})")
            else:
                message = declared[option].problem(value)
                if message:
                    problem(option, f"option '{option}' of rule '{rule_id}' {message}")
    if problems:
        raise DataError(problems)
    return _resolve(rules, rule_settings, fail_on, shown)


def _resolve(rules, rule_settings: dict, fail_on: str, shown: str) -> Config:
    resolved: dict[str, RuleSettings] = {}
    for rule in rules:
        values = rule_settings.get(rule.ID, {})
        options = {name: option.coerce(values.get(name, option.default)) for name, option in rule.OPTIONS.items()}
        resolved[rule.ID] = RuleSettings(
            enabled=values.get("enabled", True), severity=values.get("severity"), options=options
        )
    return Config(rules=resolved, fail_on=fail_on, path=shown)
