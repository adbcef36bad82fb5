from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

SEED_ID = "india-us-defence-framework-2025"
HEGSETH = (
    "I just met with @rajnathsingh to sign a 10-year US-India Defense Framework. This advances our "
    "defense partnership, a cornerstone for regional stability and deterrence. We’re enhancing our "
    "coordination, info sharing, and tech cooperation"
)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main([*argv, "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_quote_by_speaker_is_verbatim(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "quote", "--speaker", "hegseth")
    assert data["kind"] == "quotes"
    items = data["items"]
    assert isinstance(items, list)
    assert [item["text"] for item in items] == [HEGSETH]
    assert items[0]["speaker"] == "Pete Hegseth"
    assert items[0]["paragraph"] == 7


def test_quote_all_lists_every_quote(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "quote", "--all")
    items = data["items"]
    assert isinstance(items, list)
    assert len(items) == 3
    assert all({"speaker", "text", "paragraph"} <= set(item) for item in items)


@pytest.mark.parametrize(
    ("argv", "kind"),
    [
        (["summary"], "summary"),
        (["summary", "--length", "detailed", "--article", SEED_ID], "summary"),
        (["background"], "topics"),
        (["background", "--topic", "tariffs"], "background"),
        (["facts"], "facts"),
        (["who", "Rajnath Singh"], "who"),
        (["timeline"], "timeline"),
        (["articles"], "articles"),
        (["ask", "where", "was", "it", "signed?"], "ask"),
        (["ask", "bitcoin price"], "not_found"),
        (["digest", "--date", "2025-11-03"], "digest"),
        (["digest", "--date", "2025-11-03", "--previous", "2025-10-30"], "digest"),
    ],
)
def test_every_subcommand_prints_json(
    capsys: pytest.CaptureFixture[str], argv: list[str], kind: str
) -> None:
    data = run_json(capsys, *argv)
    assert data["kind"] == kind
    assert {"kind", "article", "title", "text", "items", "citations"} <= set(data)


def test_text_output_has_source_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "How long is the framework?"]) == 0
    out = capsys.readouterr().out
    assert "The framework covers 10 years" in out
    assert "Source: Newsbrief seed report · 31 Oct 2025 · ¶1, 3, 7" in out


def test_digest_is_deterministic_per_date(capsys: pytest.CaptureFixture[str]) -> None:
    first = run_json(capsys, "digest", "--date", "2025-11-03")
    again = run_json(capsys, "digest", "--date", "2025-11-03")
    other = run_json(capsys, "digest", "--date", "2025-11-04")
    assert first == again
    assert first != other


def test_unknown_name_exits_1_with_an_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["who", "Nobody Known"]) == 1
    assert "Known people" in capsys.readouterr().out


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["digest", "--date", "03/11/2025"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_content_errors_are_path_line_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "articles"
    bad.mkdir()
    (bad / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["summary", "--content", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{bad / 'broken.yaml'}:" in captured.err
    assert "Traceback" not in captured.err


def test_missing_content_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "framework", "--content", str(tmp_path / "nope")]) == 1
    assert "content directory does not exist" in capsys.readouterr().err


def test_python_m_bot_ask_json_cites_paragraph_1(repo_root: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "How long is the framework?"],
        cwd=tmp_path,  # the content path must not depend on the working directory
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PYTHONPATH": str(repo_root), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "ask"
    assert {"article": SEED_ID, "paragraph": 1} in data["citations"]
