"""Write files whole or not at all: write a temporary file beside the target, then rename."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

MAX_TMP_STEM = 200


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` atomically.

    On any exception (or SIGTERM, which is turned into ``SystemExit`` while the file is open)
    the target is left as it was and the temporary file is removed; after SIGKILL it is left
    as an ignorable ``.NAME.*.tmp`` file. The new file gets the old one's permissions, else
    the usual ones (0666 less the umask), not the 0600 of a temporary file. A path that
    exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO) is written
    through, never replaced.
    """
    path = Path(path)
    binary = "b" in mode
    if is_special(path):
        # a device, FIFO or socket (or a symlink to one): renaming over it would replace the
        # node with a regular file, so the bytes go through it
        with open(path, mode, encoding=None if binary else encoding) as handle:
            yield handle
            handle.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp: str | None = None
    restore = _terminate_on_sigterm()
    try:
        # SIGTERM waits while the file is created, so that ``tmp`` names it when SystemExit comes
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        try:
            # a name near the 255-byte limit leaves no room for the temporary name's additions
            short = path.name[:MAX_TMP_STEM]
            fd, tmp = tempfile.mkstemp(prefix=f".{short}.", suffix=".tmp", dir=path.parent)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.chmod(fd, _mode_for(path))
        with os.fdopen(fd, mode, encoding=None if binary else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    finally:
        restore()


def is_special(path: Path) -> bool:
    """True if ``path`` exists and is not a regular file (a symlink's target decides)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, else 0666 less the umask."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def sigterm_exits() -> Iterator[None]:
    """Within the block, SIGTERM raises SystemExit (so ``finally`` and ``with`` cleanup run)."""
    restore = _terminate_on_sigterm()
    try:
        yield
    finally:
        restore()


def default_sigterm() -> None:
    """In a forked worker: let SIGTERM kill it outright again, and leave SIGINT to the parent.

    Under ``sigterm_exits`` a forked process inherits the handler that raises SystemExit, and
    a Python handler does not run while a process waits in C code (a worker blocked on its
    pool's queue), so ``Pool.terminate()`` could wait for such a worker forever. Ctrl-C goes
    to the whole process group: each worker printed a KeyboardInterrupt traceback; now only
    the parent sees it, and stops the workers with SIGTERM.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _raise_terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _terminate_on_sigterm() -> Callable[[], None]:
    """Make SIGTERM raise SystemExit (so cleanup runs) if it would kill the process outright."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return lambda: None  # someone handles SIGTERM already (the server does)
    signal.signal(signal.SIGTERM, _raise_terminated)
    return lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_open(path, "w") as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
