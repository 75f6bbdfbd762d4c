"""Run the claimcheck command line and print its own peak memory on exit.

The benchmark runs a check through this wrapper: the peak resident set of the process's
own address space (VmHWM in /proc/self/status), which neither the benchmark's memory (a
child started from a large process inherits its high-water mark in ``ru_maxrss``) nor
the machine's other work can inflate. When the check runs a stage in a second process
beside it (``checker/background.py``), that process prints, as it ends, what both hold at
that moment: the calling process's resident set and its own private memory (pages it
shares with the calling process are counted once). ``--string-storage=python`` as the
first argument runs the check with pandas' Python string storage instead of Arrow's."""

import atexit
import os
import sys
from pathlib import Path


def _report() -> None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                print(f"peak-kib {line.split()[1]}", file=sys.stderr)
    except OSError:
        pass


def _kib(path: str, *fields: str) -> int:
    """The sum of these fields (in kB) of a /proc file; 0 when unreadable."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return 0
    return sum(int(line.split()[1]) for line in lines if line.split(":")[0] in fields)


def _measure_beside() -> None:
    """Wrap the second process's work so that, as it ends, it prints both processes' memory."""
    from checker import background

    compute = background._compute

    def measured(sender, function, args):
        def stage(*arguments):
            value = function(*arguments)
            both = _kib(f"/proc/{os.getppid()}/status", "VmRSS") + _kib(
                "/proc/self/smaps_rollup", "Private_Clean", "Private_Dirty"
            )
            print(f"beside-kib {both}", file=sys.stderr, flush=True)
            return value

        compute(sender, stage, args)

    background._compute = measured


if __name__ == "__main__":
    atexit.register(_report)
    if len(sys.argv) > 1 and sys.argv[1].startswith("--string-storage="):
        # The benchmark's other way of storing text: pandas' Python string storage
        # instead of Arrow's, for the comparison the benchmark prints.
        import pandas as pd

        pd.set_option("mode.string_storage", sys.argv.pop(1).split("=", 1)[1])
    _measure_beside()
    from checker.cli import entry

    sys.exit(entry())
