"""The rule registry: an explicit tuple, in the order rules run and are listed.

Every rule is a module with ID, SEVERITY, OPTIONS, a docstring whose first line is its
description (with Fails:/Passes: examples), ``check(claims, options)`` yielding findings,
and EXAMPLES: the docstring's examples as data that run (see checker/examples.py).
CONTRIBUTING.md walks through adding one.
"""

from checker.rules import (
    citation,
    date_conflict,
    derived,
    future,
    magnitude,
    name_reconciliation,
    period_totals,
    redated,
    relabelled,
    stated_conversion,
    status_conflict,
    sums,
    unit_dimension,
    value_conflict,
    weekday,
)

RULES = (
    value_conflict,
    period_totals,
    sums,
    relabelled,
    redated,
    unit_dimension,
    stated_conversion,
    magnitude,
    status_conflict,
    date_conflict,
    weekday,
    derived,
    future,
    citation,
    name_reconciliation,
)


def description(rule) -> str:
    return (rule.__doc__ or "").strip().splitlines()[0]
