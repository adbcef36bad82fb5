"""`python -m bot check [DIR]`: exit 0 when valid, else 1 and one `path:line: message` per problem."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "facts" / "fixtures"
GOOD = FIXTURES / "good" / "minimal.yaml"
BAD = FIXTURES / "bad"


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    """A valid article beside three broken ones."""
    for name in ("duplicate-key.yaml", "quote-straight-apostrophe.yaml", "empty.yaml"):
        shutil.copy(BAD / name, tmp_path / name)
    shutil.copy(GOOD, tmp_path / "good.yaml")
    return tmp_path


def expected_lines(directory: Path) -> list[str]:
    return [
        f"{directory}/duplicate-key.yaml:4: duplicate key `title` (first defined on line 3)",
        f"{directory}/empty.yaml:1: file is empty",
        f"{directory}/quote-straight-apostrophe.yaml:38: quote 'glad' is not verbatim in"
        " paragraph 1: it matches up to 'We', then has \"'re glad to be here\"; quote marks and"
        " apostrophes must be the article's own (’ is not ')",
    ]


def test_valid_content_exits_0(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(content_dir)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{content_dir}: 1 article valid (content ")
    assert err == ""


def test_content_dir_defaults_to_the_environment(
    broken_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSBRIEF_CONTENT_DIR", str(broken_dir))
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == expected_lines(broken_dir)


def test_broken_content_exits_1_with_one_line_per_problem(broken_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(broken_dir)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == expected_lines(broken_dir)


def test_every_malformed_fixture_prints_path_line_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(BAD)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    reported = {line.split(":", 1)[0] for line in lines}
    assert reported == {str(path) for path in BAD.glob("*.yaml")}
    for line in lines:
        path, number, message = line.split(":", 2)
        assert path.startswith(str(BAD))
        assert int(number) >= 1, line
        assert message.startswith(" "), line
        assert message.strip(), line


def test_a_missing_directory_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert main(["check", str(missing)]) == 1
    assert capsys.readouterr().err == f"{missing}:0: content directory does not exist\n"


def test_python_m_bot_check_exits_1_without_a_traceback(broken_dir: Path, repo_root: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(broken_dir)],
        cwd=broken_dir,  # not the repository: nothing may depend on the working directory
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == expected_lines(broken_dir)


def test_python_m_bot_check_on_the_seed_exits_0(repo_root: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEWSBRIEF_CONTENT_DIR"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check"],
        cwd=repo_root.parent,
        env={**env, "PYTHONPATH": str(repo_root)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "1 article valid" in result.stdout
