"""What git knows about the corpus: the repository's root (so that reports locate files
as code scanning and pull requests do, relative to it) and when each file last changed
(so that a two-sided finding points at the claim a change just added).

Every question is one git call for the whole corpus, asked only when a report needs it;
without git, or outside a repository, the corpus folder is the root and no file has a
change time.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


def _git(root: Path, *arguments: str) -> str | None:
    try:
        process = subprocess.run(["git", *arguments], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return process.stdout if process.returncode == 0 else None


@dataclass
class Repository:
    root: Path  # the corpus folder
    _times: dict[str, float] = field(default_factory=dict, init=False)

    @cached_property
    def top(self) -> Path | None:
        """The repository's root, or None outside a repository."""
        output = _git(self.root, "rev-parse", "--show-toplevel")
        return Path(output.strip()).resolve() if output else None

    @cached_property
    def prefix(self) -> str:
        """The corpus folder relative to the repository root: "" or "data/"."""
        if self.top is None:
            return ""
        try:
            relative = Path(self.root).resolve().relative_to(self.top).as_posix()
        except ValueError:
            return ""
        return "" if relative == "." else relative + "/"

    @cached_property
    def change_times(self) -> dict[str, float]:
        """When each file of the corpus last changed, by its path relative to the corpus:
        its last commit's time, or now (infinity) when the working tree changes it."""
        if self.top is None:
            return {}
        times: dict[str, float] = {}
        log = _git(self.root, "log", "--format=%x00%ct", "--name-only", "--relative", "--", "claims", "seeds") or ""
        for entry in log.split("\x00")[1:]:
            lines = [line for line in entry.splitlines() if line.strip()]
            if not lines:
                continue
            moment = float(lines[0])
            for name in lines[1:]:
                times.setdefault(name, moment)  # newest commits come first
        status = _git(self.root, "status", "--porcelain", "--untracked-files=all", "--", "claims", "seeds") or ""
        prefix = self.prefix
        for line in status.splitlines():
            name = line[3:].split(" -> ")[-1].strip('"')
            if name.startswith(prefix):
                times[name[len(prefix) :]] = float("inf")
        return times
