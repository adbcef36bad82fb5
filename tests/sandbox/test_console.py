"""The prompt's input and output without a terminal: piped lines, and redrawing the prompt."""

from __future__ import annotations

import io

import pytest

from bot.sandbox.repl import Console


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


async def test_piped_lines_are_echoed_after_the_prompt_like_a_transcript() -> None:
    out = io.StringIO()
    console = Console(io.StringIO("/quote speaker:Hegseth\nquit"), out)
    assert not console.interactive
    assert await console.read("member> ") == "/quote speaker:Hegseth"
    assert await console.read("member> ") == "quit"
    with pytest.raises(EOFError):
        await console.read("member> ")
    assert out.getvalue() == "member> /quote speaker:Hegseth\nmember> quit\n"


def test_something_landing_while_the_prompt_is_up_is_printed_above_it() -> None:
    out = io.StringIO()
    console = Console(FakeTerminal(), out)
    console.write("before")
    console._prompt, console._reading = "admin> ", True  # as while input() waits
    console.write("Newsbrief [BOT] · #digest")
    assert out.getvalue() == "before\n\r\x1b[2KNewsbrief [BOT] · #digest\nadmin> "
