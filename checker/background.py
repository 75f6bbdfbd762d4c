"""A stage of the check run in a forked process while the calling process goes on.

A forked child inherits the calling process's tables as they stand (nothing is copied or
sent to it), computes its stage, and sends back only the result. The result is always the
same as the stage run in the calling process: when the child cannot be started, dies,
fails, cannot send its result or stops making progress, the stage simply runs here when
its result is asked for (a failure of the stage itself is then raised here, as in a run
without a child).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")

# A child whose processor time has not moved for this long while its result is awaited is
# stuck (it computes, or sends, or it has nothing left to do): it is stopped and the stage
# runs here. Never reached by a child that works, however large the corpus.
STALLED_SECONDS = 30.0


def cores() -> int:
    """The processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every system
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is the start method of choice only on Linux (elsewhere system libraries may
    not survive it: Python itself no longer forks by default on macOS), and only while no
    other thread of Python's runs here (a thread's locks would be copied held)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class Pending(Generic[Result]):
    """``function(*args)``, computed in a forked child when ``fork`` is true and forking
    is possible, else in this process when ``result`` is called. A thread here receives
    the child's result as soon as it is sent, so the child ends then and does not hold its
    memory until the result is asked for."""

    def __init__(self, function: Callable[..., Result], *args, fork: bool = True) -> None:
        self._function, self._args = function, args
        self.where = ""  # once the result is taken: "child" or "here", where it was computed
        self._value: Result | None = None
        self._received: tuple[str, object] = ("failed", None)
        self._receiving: threading.Thread | None = None
        self._process: Any = None  # the forked child, a multiprocessing process
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        import multiprocessing
        import warnings

        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        try:
            process = context.Process(target=_compute, args=(sender, self._function, self._args), daemon=True)
            with warnings.catch_warnings():
                # Python 3.12 and later warn of any thread at a fork; the threads here are
                # the C libraries' own pools (Arrow's), which are made safe to fork.
                warnings.filterwarnings(
                    "ignore", message=r".*fork\(\) may lead to deadlocks", category=DeprecationWarning
                )
                process.start()
        except Exception:  # no process to be had (limits, memory, a daemonic process): computed here
            receiver.close()
        else:
            self._process = process
            self._receiving = threading.Thread(target=self._receive, args=(receiver, process), daemon=True)
            self._receiving.start()
        finally:
            sender.close()

    def _receive(self, receiver, process) -> None:
        try:
            self._received = receiver.recv()
        except Exception:  # the child died before it sent everything, or sent what cannot be read
            pass
        finally:
            receiver.close()
            process.join()

    def result(self) -> Result:
        """The stage's result: the child's, or computed here when there is no child or it
        sent nothing. Asked again, the same result."""
        if not self.where:
            self._value = self._take()
        return self._value  # type: ignore[return-value]

    def _take(self) -> Result:
        function, args = self._function, self._args
        if self._receiving is not None:
            self._await()
            self._receiving = self._process = None
            (status, value), self._received = self._received, ("failed", None)
            if status == "done":
                self._args = ()  # the inputs are not held past the result
                self.where = "child"
                return value  # type: ignore[return-value]
        value = function(*args)  # raises what the stage raises, and may be asked again then
        self._args = ()
        self.where = "here"
        return value

    def _await(self) -> None:
        """Wait for the child's result while the child makes progress; stop a stuck child."""
        assert self._receiving is not None and self._process is not None
        ticks, still = _processor_ticks(self._process.pid), 0.0
        while True:
            self._receiving.join(timeout=1.0)
            if not self._receiving.is_alive():
                return
            now = _processor_ticks(self._process.pid)
            still = still + 1.0 if now == ticks and now >= 0 else 0.0  # unknown: never stopped
            ticks = now
            if still >= STALLED_SECONDS:
                self._process.kill()  # the pipe closes: the thread receives nothing and ends
                self._receiving.join()
                return


def _processor_ticks(pid: int) -> int:
    """The processor time a process has used so far, in clock ticks (-1: unknown)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return -1


def _compute(sender, function: Callable, args: tuple) -> None:
    """In the child: compute and send the result, or send that it failed (the calling
    process then computes it itself, and raises what the stage raises)."""
    import gc

    gc.freeze()  # the inherited objects are never collected here, so their pages stay shared
    try:
        sender.send(("done", function(*args)))
    except BaseException:  # the stage failed, or its result could not be sent
        try:
            sender.send(("failed", None))
        except BaseException:  # the calling process sees the pipe close unsent
            pass
    finally:
        sender.close()
