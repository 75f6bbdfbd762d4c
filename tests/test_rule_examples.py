"""Every rule's Fails:/Passes: examples run: each EXAMPLES entry, written as a corpus, makes
the rule flag exactly the claims it names (a passing example: nothing), and the docstring's
example lines are those entries' descriptions, so the documentation cannot drift.
`claimcheck rules RULE-ID` shows the examples and every option's declaration."""

import pytest

from checker.cli import main
from checker.corpus import load_corpus
from checker.examples import Example, documented
from checker.normalise import normalise
from checker.rules import RULES
from conftest import build_corpus, run_rules

CASES = [(rule, example) for rule in RULES for example in getattr(rule, "EXAMPLES", ())]


def _case_id(rule, example) -> str:
    same = [other for other in rule.EXAMPLES if other.outcome == example.outcome]
    return f"{rule.ID}:{example.outcome}-{same.index(example) + 1}"


@pytest.mark.parametrize("rule, example", CASES, ids=[_case_id(rule, example) for rule, example in CASES])
def test_the_example_runs(tmp_path, rule, example):
    corpus = build_corpus(
        tmp_path,
        {source: list(rows) for source, rows in example.claims.items()},
        topics=list(example.topics),
        entities=list(example.entities),
        sources=list(example.sources) or None,
    )
    result = normalise(load_corpus(corpus))
    flagged = sorted(finding.claim_ids for finding in run_rules(result, rule))
    assert flagged == sorted(tuple(sorted(ids)) for ids in example.flags), example.description


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_the_docstring_lines_are_the_examples(rule):
    examples = getattr(rule, "EXAMPLES", None)
    assert isinstance(examples, tuple) and all(isinstance(example, Example) for example in examples), (
        f"{rule.__name__} needs EXAMPLES, a tuple of checker.examples.Example"
    )
    assert {example.outcome for example in examples} == {"fails", "passes"}, (
        f"{rule.ID} needs a failing and a passing example"
    )
    assert documented(rule.__doc__) == [(example.outcome, example.description) for example in examples]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_every_option_is_declared_in_full(rule):
    for name, option in rule.OPTIONS.items():
        assert option.description.strip(), f"{rule.ID}.{name} has no description"
        assert option.problem(option.default) is None, f"{rule.ID}.{name}: its default is outside its own range"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_the_explanation_shows_examples_and_options(rule, capsys):
    assert main(["rules", rule.ID]) == 0
    shown = capsys.readouterr().out
    for example in rule.EXAMPLES:
        assert f"{example.label:<8}{example.description}" in shown
        assert all(f"id={row['id']}," in shown for rows in example.claims.values() for row in rows)
    for name, option in rule.OPTIONS.items():
        assert f"  {name}: {option.shown()}" in shown


def test_continuation_lines_join_and_a_paragraph_ends_the_examples():
    doc = """First line.

Fails:  one
        continued
Passes: two
A paragraph of prose
        is not an example.
"""
    assert documented(doc) == [("fails", "one continued"), ("passes", "two")]


def test_an_example_says_what_it_flags():
    with pytest.raises(ValueError):
        Example("fails", "flags nothing", claims={}, topics=())
    with pytest.raises(ValueError):
        Example("passes", "flags something", claims={}, topics=(), flags=(("a",),))
