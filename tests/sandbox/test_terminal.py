"""`python -m bot sandbox` driven the way a person uses it: a real terminal, keystrokes, the screen.

Each test starts the real command on a pseudo-terminal, waits for what a person would wait for
(the prompt, a reply) with a deadline, and never sleeps for a fixed time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sandbox_terminal import REPO, plain, terminal, terminal_env

from bot.settings import default_content_dir

pytestmark = pytest.mark.e2e

HEGSETH = (
    "I just met with @rajnathsingh to sign a 10-year US-India Defense Framework. This advances our defense "
    "partnership, a cornerstone for regional stability and deterrence."
)
SINGH_SECOND = "Defence will remain the major pillar of our bilateral relations."


def unwrapped(text: str) -> str:
    """Embed text joined back across the wrapped lines and the embed's bar."""
    return re.sub(r"\s*\n\s*(?:│ ?)?", " ", text)


def test_a_member_tries_the_answers_completes_and_quits() -> None:
    with terminal() as term:
        term.expect("member> ")
        # Tab completes the speaker from the bot's own autocomplete.
        term.send("/quote speaker:Heg\t")
        term.expect("pete-hegseth")
        term.send("\r")
        reply = term.expect("member> ")
        assert "Max Member used /quote" in reply
        assert HEGSETH in unwrapped(reply)

        term.type_line("/quote speaker:Singh")
        assert "[Next quote]" in term.expect("member> ")
        term.type_line("Next quote")
        clicked = term.expect("member> ")
        assert "(updated)" in clicked
        assert SINGH_SECOND in unwrapped(clicked)

        term.type_line("dm what did Singh say?")
        answer = term.expect("member> ")
        assert "DM with Max Member" in answer
        assert SINGH_SECOND in unwrapped(answer)

        term.type_line("/digest status")
        assert "You don't have permission to use /digest here" in term.expect("member> ")

        term.type_line("/quote topc:era")
        mistake = term.expect("member> ")
        assert "Did you mean topic:?" in mistake
        assert "speaker:, topic:" in mistake

        term.type_line("quit")
        assert term.wait_exit() == 0
    assert "Traceback" not in term.screen


def test_an_admin_sets_up_the_digest_and_sees_it_land() -> None:
    with terminal() as term:
        term.expect("member> ")
        term.type_line("as admin")
        term.expect("admin> ")
        term.type_line("/digest setup channel:#digest time:09:00 timezone:Asia/Kolkata")
        setup = term.expect("admin> ")
        assert "Daily digest set: #digest at 09:00 Asia/Kolkata" in unwrapped(setup)
        assert "(only you can see this)" in setup
        term.type_line("tick 1d")
        ticked = term.expect("admin> ")
        assert "Newsbrief [BOT] · #digest" in ticked
        assert "Quote of the day" in ticked
        term.type_line("/digest status")
        assert "posted" in term.expect("admin> ")
        term.send("\x04")  # Ctrl-D
        assert term.wait_exit() == 0
    assert "Traceback" not in term.screen


def run_sandbox(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", *args],
        cwd=REPO,
        env=terminal_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_tour_runs_every_command_posts_a_digest_and_exits_0() -> None:
    result = run_sandbox("--tour")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    out = plain(result.stdout)
    for name in ("summary", "quote", "background", "facts", "who", "timeline", "ask", "articles", "about", "digest"):
        assert f"Max Member used /{name}" in out or f"Ada Admin used /{name}" in out, name
    assert "(updated)" in out  # Next quote was clicked
    assert "Not in the articles" in out  # the question the articles don't cover
    assert "DM with Max Member" in out
    assert "You don't have permission to use /digest here" in out
    assert "Newsbrief [BOT] · #digest" in out
    assert "Quote of the day" in out
    assert "Tour done" in out
    assert "\x1b" not in result.stdout  # not a terminal: no colours
    assert result.stderr == ""


def broken_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(default_content_dir(), content)
    article = next((content / "articles").glob("*.yaml"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("title:", "title: [broken", 1), encoding="utf-8")
    return content


def test_broken_content_is_reported_as_path_line_message(tmp_path: Path) -> None:
    result = run_sandbox("--content", str(broken_content(tmp_path)))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines
    assert all(re.match(r"^.+\.yaml:\d+: .+", line) for line in lines), lines


def test_a_missing_content_directory_is_one_line(tmp_path: Path) -> None:
    result = run_sandbox("--content", str(tmp_path / "nowhere"), "--tour")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.match(r"^.+nowhere:\d+: .+", result.stderr.strip())
