"""The README documents what the code defines, so neither can drift from the other."""

import re

from checker.schema import CLAIMS, ENTITIES, SOURCES, TOPICS
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands_first():
    first_block = README.split("```")[1]
    assert "make check" in first_block and "make test" in first_block


def test_every_column_is_documented():
    for schema in (CLAIMS, SOURCES, TOPICS, ENTITIES):
        for column in schema.names:
            assert re.search(rf"^\| `{column}` \|", README, re.MULTILINE), f"{schema.name}.{column} is not documented"


def test_rules_table_matches_the_registry():
    from checker.rules import RULES, description

    for rule in RULES:
        row = f"| `{rule.ID}` | {rule.SEVERITY} | {description(rule)} |"
        assert row in README, f"README rules table is stale for {rule.ID}"


def test_every_review_column_is_documented():
    from checker.schema import REVIEWS

    for column in REVIEWS.names:
        assert f"`{column}`" in README, column


def test_every_guarantee_names_a_test_that_exists():
    import ast

    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", README.split("## Guarantees", 1)[1].split("\n## ", 1)[0])
    assert len(named) >= 15
    for path, name in named:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert name in functions, f"{path}::{name} is named in the README but does not exist"
