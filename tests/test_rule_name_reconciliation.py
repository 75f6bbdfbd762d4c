from checker.rules import name_reconciliation
from conftest import claim, ids, run_rules


def test_fuzzy_topic_is_a_note_with_the_alias_to_add(normalised):
    result = normalised(
        {
            "a": [
                claim("a1", "russia-afghanistan-trdae", "US$1 billion", period="2024"),
                claim("a2", "bilateral trade", "US$1 billion", period="2023"),
            ]
        },
        topics=[{"key": "russia-afghanistan-trade", "kind": "quantity", "unit": "USD", "aliases": "bilateral trade"}],
        entities=[],
    )
    findings = run_rules(result, name_reconciliation)
    assert ids(findings) == [("name-reconciliation", ("a1",))]
    assert findings[0].severity == "note" and "add 'russia-afghanistan-trdae'" in findings[0].message


def test_ambiguous_names_warn(normalised):
    topics = [
        {"key": "lpg-imports", "kind": "quantity", "unit": "t"},
        {"key": "lpg-exports", "kind": "quantity", "unit": "t"},
    ]
    result = normalised({"a": [claim("a1", "lpg-ports", "5 t", period="2024")]}, topics=topics, entities=[])
    findings = run_rules(result, name_reconciliation)
    assert ids(findings) == [("name-reconciliation", ("a1",))] and findings[0].severity == "warning"


def test_fuzzy_entity_is_noted(normalised):
    result = normalised(
        {"a": [claim("a1", "trade", "US$1 billion", period="2024", attributed_to="Ministry of Comerce")]}
    )
    findings = run_rules(result, name_reconciliation)
    assert ids(findings) == [("name-reconciliation", ("a1",))] and "attributed_to" in findings[0].message
