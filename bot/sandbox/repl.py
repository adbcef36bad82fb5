"""The prompt: read lines in a thread so the bot keeps running on the event loop meanwhile.

`input()` blocks, so each line is read on a daemon thread while the asyncio loop (with the bot,
the emulator and the #digest watcher) runs in the main thread. Tab completion also runs on that
input thread; it reaches the bot's autocomplete through `run_coroutine_threadsafe` with a short
timeout, so a slow answer never freezes typing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import TextIO

from bot.sandbox.complete import Focus, complete
from bot.sandbox.session import Session

log = logging.getLogger(__name__)

COMPLETION_TIMEOUT = 2.0


class Console:
    """Terminal input and output; redraws the prompt when something lands while someone types."""

    def __init__(self, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = stdin.isatty()
        self._readline: ModuleType | None = None
        self._prompt = ""
        self._reading = False

    def enable_completion(self, completer: Callable[[str, int], str | None]) -> None:
        """Line editing, history and Tab completion, where the readline module exists."""
        if not self.interactive:
            return
        try:
            import readline  # importing it changes input(), so only once a prompt is wanted
        except ImportError:
            return
        self._readline = readline
        readline.set_completer_delims(" \t\n")
        readline.set_completer(completer)
        if "libedit" in (readline.__doc__ or ""):
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")
            readline.parse_and_bind("set show-all-if-ambiguous on")

    @property
    def readline(self) -> ModuleType | None:
        return self._readline

    async def read(self, prompt: str) -> str:
        """One line; EOFError on Ctrl-D (or the end of piped input)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str] = loop.create_future()

        def deliver(line: str | None, error: BaseException | None) -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(line or "")

        def reader() -> None:
            try:
                line = input(prompt) if self.interactive else self._read_piped(prompt)
            except (EOFError, OSError, ValueError) as exc:
                loop.call_soon_threadsafe(deliver, None, EOFError(str(exc)))
                return
            loop.call_soon_threadsafe(deliver, line, None)

        self._prompt, self._reading = prompt, True
        try:
            threading.Thread(target=reader, name="sandbox-input", daemon=True).start()
            return await future
        finally:
            self._reading = False

    def _read_piped(self, prompt: str) -> str:
        """Piped input: no editing; echo the line so a transcript reads like a session."""
        line = self.stdin.readline()
        if not line:
            raise EOFError
        self.stdout.write(prompt + line if line.endswith("\n") else prompt + line + "\n")
        self.stdout.flush()
        return line.rstrip("\n")

    def write(self, text: str) -> None:
        """Print a block; if the prompt is up, clear it, print above it, then draw it again."""
        if self._reading and self.interactive:
            typed = self._readline.get_line_buffer() if self._readline else ""
            self.stdout.write("\r\x1b[2K" + text + "\n" + self._prompt + typed)
        else:
            self.stdout.write(text + "\n")
        self.stdout.flush()


class Completer:
    """readline's completer protocol (called with state 0, 1, 2... until None) over `complete`."""

    def __init__(self, session: Session, console: Console, loop: asyncio.AbstractEventLoop) -> None:
        self.session = session
        self.console = console
        self.loop = loop
        self._matches: list[str] = []

    def __call__(self, text: str, state: int) -> str | None:
        if state == 0:
            try:
                self._matches = self._compute()
            except Exception:  # a completion bug must not kill the input thread
                log.warning("completion failed", exc_info=True)
                self._matches = []
        return self._matches[state] if state < len(self._matches) else None

    def _compute(self) -> list[str]:
        readline = self.console.readline
        if readline is None:
            return []
        buffer = readline.get_line_buffer()
        begin, end = readline.get_begidx(), readline.get_endidx()
        line = buffer[:end]
        result = complete(
            line,
            self.session.schema,
            self.session.directory,
            labels=self.session.labels,
            lookup=self._lookup,
            hidden=self.session.hidden_commands(),
        )
        return relative_to_word(line, begin, result.start, result.candidates)

    def _lookup(self, focus: Focus) -> list[str]:
        future = asyncio.run_coroutine_threadsafe(self.session.autocomplete(focus), self.loop)
        try:
            return future.result(timeout=COMPLETION_TIMEOUT)
        except TimeoutError:
            future.cancel()
            return []


def relative_to_word(line: str, begin: int, start: int, candidates: list[str]) -> list[str]:
    """readline replaces only the word from `begin`; candidates replace `line[start:]`."""
    if start >= begin:
        lead = line[begin:start]
        return [lead + c for c in candidates]
    typed = line[start:begin]
    cut = begin - start
    return [c[cut:] for c in candidates if c[:cut].casefold() == typed.casefold()]


async def run_repl(session: Session, console: Console) -> int:
    """Read and run lines until quit or Ctrl-D; the #digest watcher prints posts meanwhile."""
    loop = asyncio.get_running_loop()
    console.enable_completion(Completer(session, console, loop))
    console.write(session.welcome())
    watcher = asyncio.create_task(session.watch(), name="sandbox-digest-watcher")
    try:
        while True:
            try:
                line = await console.read(session.prompt)
            except EOFError:
                if console.interactive:
                    console.write("")
                break
            if not await session.execute(line):
                break
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
    return 0
