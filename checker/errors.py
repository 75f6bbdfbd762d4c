"""The project's own error types, and the one record every input problem becomes.

Parsers raise ``ParseError`` (a value alone, no file context); the loader turns each
into a ``Problem`` with file, line and column, collects all of them, and raises one
``DataError`` at the end (lazy validation, as pandera does it).
"""

from __future__ import annotations

from dataclasses import dataclass


class ClaimcheckError(Exception):
    """Base class of every error the tool raises on purpose."""


class ParseError(ClaimcheckError, ValueError):
    """A single value (a quantity, a date, a qualifier) could not be read."""


class UsageError(ClaimcheckError):
    """The command line or the configuration asks for something that does not exist."""


class WriteError(ClaimcheckError):
    """An output file could not be written (the old file, if any, is left whole)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the input data, located as precisely as the input allows.

    ``line`` is the 1-based physical line in ``file``; 0 means the file as a whole.
    """

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class DataError(ClaimcheckError):
    """The input data has problems; all of them are listed, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the input data")
