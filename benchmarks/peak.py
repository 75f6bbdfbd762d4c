"""Run the claimcheck command line and print its own peak memory on exit.

The benchmark runs a check through this wrapper: the peak resident set of the process's
own address space (VmHWM in /proc/self/status), which neither the benchmark's memory (a
child started from a large process inherits its high-water mark in ``ru_maxrss``) nor
the machine's other work can inflate. ``--string-storage=python`` as the first argument
runs the check with pandas' Python string storage instead of Arrow's."""

import atexit
import sys
from pathlib import Path


def _report() -> None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                print(f"peak-kib {line.split()[1]}", file=sys.stderr)
    except OSError:
        pass


if __name__ == "__main__":
    atexit.register(_report)
    if len(sys.argv) > 1 and sys.argv[1].startswith("--string-storage="):
        # The benchmark's other way of storing text: pandas' Python string storage
        # instead of Arrow's, for the comparison the benchmark prints.
        import pandas as pd

        pd.set_option("mode.string_storage", sys.argv.pop(1).split("=", 1)[1])
    from checker.cli import entry

    sys.exit(entry())
