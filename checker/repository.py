"""What git knows about the corpus: the repository's root (so that reports locate files
as code scanning and pull requests do, relative to it) and when each file last changed
(so that a two-sided finding points at the claim a change just added).

Every question is one git call for the whole corpus, asked only when a report needs it,
or asked ahead in a thread (``ask_in_background``) while the check runs; without git, or
outside a repository, the corpus folder is the root and no file has a change time.
"""

from __future__ import annotations

import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
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
    _asked: dict[str, Future] = field(default_factory=dict, init=False, repr=False)

    def ask_in_background(self) -> Repository:
        """Put both questions to git now, in a thread, one after the other: git runs as a
        process of its own and waiting for it releases the interpreter, so the answers are
        ready when a report asks for them. Never call this before forking."""
        pool = ThreadPoolExecutor(max_workers=1)
        self._asked["top"] = pool.submit(self._top)
        self._asked["change_times"] = pool.submit(self._change_times)
        pool.shutdown(wait=False)  # its one thread ends with the second answer
        return self

    @cached_property
    def top(self) -> Path | None:
        """The repository's root, or None outside a repository."""
        asked = self._asked.get("top")
        return asked.result() if asked is not None else self._top()

    def _top(self) -> Path | None:
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
        asked = self._asked.get("change_times")
        return asked.result() if asked is not None else self._change_times()

    def _change_times(self) -> dict[str, float]:
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
