"""Run native code that may crash or never return in a forked child, so the command survives.

``run_isolated(function)`` forks; the child runs ``function()`` and sends back its result (or
the exception it raised) through a pipe. The parent waits, and:

- when the child dies by a signal (a segfault from a deeply nested query, an abort from a Rust
  panic in pyoxigraph) raises :class:`Crashed` with one line, the panic's message when there is
  one; the child's own stderr (a 57-line backtrace) is kept out of sight;
- on Ctrl-C or SIGTERM kills the child (a query inside pyoxigraph cannot be interrupted from
  Python) and lets the KeyboardInterrupt or SystemExit go on.

Without ``os.fork`` (not Linux or macOS) the function runs in the process itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import signal
import tempfile
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Crashed(Exception):
    """The child died by a signal; the message is one line."""


def run_isolated(function: Callable[[], T]) -> T:
    """``function()``, run in a forked child; Crashed if the child dies by a signal."""
    if not hasattr(os, "fork"):
        return function()
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile() as child_stderr:
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(function, read_end, write_end, child_stderr.fileno())
        os.close(write_end)
        try:
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            raise
        if os.WIFSIGNALED(status) or not data:
            child_stderr.seek(0)
            raise Crashed(_crash_line(status, child_stderr.read().decode("utf-8", "replace")))
    kind, value = pickle.loads(data)
    if kind == "error":
        raise value
    return value


def _child(function: Callable[[], object], read_end: int, write_end: int, stderr: int) -> None:
    code = 0
    try:
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child at once
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.dup2(stderr, 2)
        try:
            payload: tuple[str, object] = ("ok", function())
        except Exception as err:
            payload = ("error", err)
        try:
            data = pickle.dumps(payload)
        except Exception as err:  # an exception that cannot be pickled
            data = pickle.dumps(("error", RuntimeError(str(err))))
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _crash_line(status: int, stderr: str) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        how = f"signal {number}"
        with contextlib.suppress(ValueError):
            how = signal.Signals(number).name
    else:
        how = f"exit {os.WEXITSTATUS(status)}"
    panic = re.search(r"panicked at [^\n]*\n([^\n]+)", stderr)
    if panic:
        return f"the query engine failed ({how}): {panic.group(1).strip()}"
    if how == "SIGSEGV":
        return "the query engine crashed (SIGSEGV); is the query nested very deeply?"
    return f"the query engine crashed ({how})"
