"""A one-line progress bar on stderr for batch builds and loads, shown only on a terminal.

``Progress(total, unit)`` redraws at most ten times a second with ``\\r``: done/total (total 0:
not known), a bar, the triple count, elapsed seconds and the rate; ``close()`` ends the line;
``note(text)`` then says what a long step after the bar is doing. When the stream is not a
TTY (a pipe, a log file, a test), it writes nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 24
_INTERVAL = 0.1


class Progress:
    """Articles (or other units) done of a total, with triples, elapsed time and rate."""

    def __init__(
        self,
        total: int,
        unit: str = "articles",
        stream: TextIO | None = None,
        enabled: bool | None = None,
    ) -> None:
        self.total = total
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_tty(self.stream) if enabled is None else enabled
        self.done = 0
        self.triples = 0
        self.start = time.monotonic()
        self._drawn = 0.0
        self._shown = False

    def update(self, done: int = 1, triples: int | None = None) -> None:
        """Count ``done`` more units; ``triples`` is the graph's size so far."""
        self.done += done
        if triples is not None:
            self.triples = triples
        now = time.monotonic()
        finished = bool(self.total) and self.done >= self.total
        if self.enabled and (now - self._drawn >= _INTERVAL or finished):
            self._drawn = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the bar as it stands."""
        elapsed = (now if now is not None else time.monotonic()) - self.start
        filled = int(_WIDTH * self.done / self.total) if self.total else _WIDTH
        rate = self.done / elapsed if elapsed > 0 else 0.0
        of = f"/{self.total}" if self.total else ""
        return (
            f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done}{of} {self.unit}, "
            f"{self.triples:,} triples, {elapsed:.1f} s, {rate:,.1f} {self.unit}/s"
        )

    def _draw(self, now: float) -> None:
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """Draw the final state and end the line (only if anything was shown)."""
        if self.enabled and self._shown:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def note(self, text: str) -> None:
        """One line saying what comes next ("validating ..."), with the elapsed time."""
        if self.enabled:
            elapsed = time.monotonic() - self.start
            self.stream.write(f"{text} ({elapsed:.1f} s)\n")
            self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
