"""A stage of the check run in a forked process while the calling process goes on.

A forked child inherits the calling process's tables as they stand (nothing is copied or
sent to it), computes its stage, and sends back only the result. The result is always the
same as the stage run in the calling process: when the child cannot be started, dies, or
fails, the stage simply runs here when its result is asked for (a failure of the stage
itself is then raised here, as in a run without a child).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

Result = TypeVar("Result")


def cores() -> int:
    """The processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every system
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is the start method of choice only on Linux: elsewhere system libraries may
    not survive it (Python itself no longer forks by default on macOS)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


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
        if fork and can_fork():
            import multiprocessing

            context = multiprocessing.get_context("fork")
            receiver, sender = context.Pipe(duplex=False)
            try:
                process = context.Process(target=_compute, args=(sender, function, args), daemon=True)
                process.start()
            except OSError:  # no process to be had (limits, memory): computed here instead
                receiver.close()
            else:
                self._receiving = threading.Thread(target=self._receive, args=(receiver, process), daemon=True)
                self._receiving.start()
            finally:
                sender.close()

    def _receive(self, receiver, process) -> None:
        try:
            self._received = receiver.recv()
        except (EOFError, OSError):  # the child died before it sent anything
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
        self._args = ()  # the inputs are not held past the result
        if self._receiving is not None:
            self._receiving.join()
            self._receiving = None
            (status, value), self._received = self._received, ("failed", None)
            if status == "done":
                self.where = "child"
                return value  # type: ignore[return-value]
        self.where = "here"
        return function(*args)


def _compute(sender, function: Callable, args: tuple) -> None:
    """In the child: compute and send the result, or send that it failed (the calling
    process then computes it itself, and raises what the stage raises)."""
    try:
        sender.send(("done", function(*args)))
    except BaseException:  # the stage failed, or its result could not be sent
        try:
            sender.send(("failed", None))
        except BaseException:  # the calling process sees the pipe close unsent
            pass
    finally:
        sender.close()
