"""A process on a pseudo-terminal: type into it and read its screen, with deadlines, never sleeps.

The sandbox is tested the way a person uses it: a real terminal (so readline, Tab and Ctrl-D
behave as they do for people), keystrokes in, text out.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>]")
# Rewriting a line in place: readline redraws with a carriage return, then the text again.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def sandbox_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", "sandbox", *args]


def terminal_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBRIEF_")}
    env.update(TERM="xterm", NO_COLOR="1", INPUTRC="/dev/null", PYTHONIOENCODING="utf-8", LANG="C.UTF-8")
    env.update(extra)
    return env


def plain(raw: str) -> str:
    """What a person reads: escape sequences dropped, carriage returns treated as newlines."""
    text = _ANSI.sub("", raw).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


class Terminal:
    """One child process on a pty of a fixed size."""

    def __init__(self, argv: Sequence[str], *, env: dict[str, str], cols: int = 110, rows: int = 50) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=REPO,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.fd = master
        self.raw = ""
        self._cursor = 0
        self._closed = False

    @property
    def screen(self) -> str:
        """Everything shown so far, as plain text."""
        return plain(self.raw)

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def type_line(self, line: str) -> None:
        self.send(line + "\r")

    def _read_some(self, deadline: float) -> bool:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or self._closed:
            return False
        ready, _, _ = select.select([self.fd], [], [], remaining)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            self._closed = True
            return False
        self.raw += chunk.decode("utf-8", errors="replace")
        return True

    def expect(self, pattern: str, *, timeout: float = 15.0, regex: bool = False) -> str:
        """Wait for `pattern` after the last match; return the text read up to and including it."""
        deadline = time.monotonic() + timeout
        compiled = re.compile(pattern if regex else re.escape(pattern))
        while True:
            screen = self.screen
            found = compiled.search(screen, self._cursor)
            if found:
                seen = screen[self._cursor : found.end()]
                self._cursor = found.end()
                return seen
            if not self._read_some(deadline) and (time.monotonic() >= deadline or self._closed):
                tail = screen[self._cursor :][-3000:]
                raise AssertionError(f"{pattern!r} did not appear within {timeout} s; screen since last match:\n{tail}")

    def wait_exit(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read_some(min(deadline, time.monotonic() + 0.2))
        code = self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        while self._read_some(time.monotonic() + 0.05):
            pass
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        with contextlib.suppress(OSError):
            os.close(self.fd)


@contextlib.contextmanager
def terminal(*args: str, env: dict[str, str] | None = None) -> Iterator[Terminal]:
    term = Terminal(sandbox_command(*args), env=env or terminal_env())
    try:
        yield term
    finally:
        term.close()
