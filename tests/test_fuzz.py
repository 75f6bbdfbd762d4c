"""A short run of the command-line fuzz campaign (tests/fuzz_cli.py; `make fuzz` runs
2,000 trials): no traceback, no hang, only documented exit codes, reports that strict
parsers accept, claims tables never modified."""

from fuzz_cli import campaign


def test_a_short_fuzz_campaign_finds_no_problem():
    outcomes = campaign(trials=40, seed=7)
    assert [(outcome.trial, outcome.command, outcome.problems) for outcome in outcomes if outcome.problems] == []
