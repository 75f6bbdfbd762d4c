"""How a rule declares its options: type, default, range and a one-line description.

A rule's ``OPTIONS`` maps each option name to an ``Option``. The configuration is
validated against these declarations (type, finite numbers, range), ``claimcheck rules
RULE-ID`` shows them, and the engine hands a rule the resolved values as a plain mapping.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Option:
    default: Any
    description: str
    minimum: float | None = None
    maximum: float | None = None
    above_minimum: bool = False  # the minimum itself is not allowed (a ratio of 0)

    @property
    def kind(self) -> type:
        return type(self.default)

    def problem(self, value: Any) -> str | None:
        """Why a configured value is not acceptable, or None."""
        kind = self.kind
        if kind is bool:
            return None if isinstance(value, bool) else f"must be true or false, not {value!r}"
        if kind in (int, float):
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or (kind is int and not isinstance(value, int))
            ):
                return f"must be {'a whole number' if kind is int else 'a number'}, not {value!r}"
            if not math.isfinite(value):
                return f"must be a finite number, not {value!r}"
            if self.minimum is not None and (value < self.minimum or (self.above_minimum and value == self.minimum)):
                return f"must be {'above' if self.above_minimum else 'at least'} {self.minimum:g}, not {value!r}"
            if self.maximum is not None and value > self.maximum:
                return f"must be at most {self.maximum:g}, not {value!r}"
            return None
        return None if isinstance(value, kind) else f"must be {kind.__name__}, not {value!r}"

    def coerce(self, value: Any) -> Any:
        return float(value) if self.kind is float else value

    def shown(self) -> str:
        """The declaration as `claimcheck rules RULE-ID` prints it."""
        low = "" if self.minimum is None else (f"> {self.minimum:g}" if self.above_minimum else f">= {self.minimum:g}")
        high = "" if self.maximum is None else f"<= {self.maximum:g}"
        bounds = ", ".join(part for part in (low, high) if part)
        default = str(self.default).lower() if isinstance(self.default, bool) else f"{self.default!r}"
        return f"{self.kind.__name__}, default {default}" + (f", {bounds}" if bounds else "") + f": {self.description}"


def defaults(options: dict[str, Option]) -> dict[str, Any]:
    """The default value of every option."""
    return {name: option.default for name, option in options.items()}


# Shared declarations: most rules widen intervals by a relative tolerance.
def tolerance(
    default: float, what: str = "relative tolerance that widens both values before they are compared"
) -> Option:
    return Option(default, what, minimum=0.0, maximum=1.0)
