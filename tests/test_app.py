"""`newsbrief run` and `sync` as an operator meets them: exit codes, health, no token in logs."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot import app
from bot.emulator import Emulator
from bot.logs import RedactSecrets
from bot.settings import REPO_ROOT, Settings
from bot.testbed import create_demo_world


def settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(database=tmp_path / "db.sqlite3", health_port=0, **values)  # type: ignore[arg-type]


def test_run_without_a_token_explains_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["NEWSBRIEF_DATABASE"] = str(tmp_path / "db.sqlite3")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "DISCORD_TOKEN is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


async def test_run_with_a_rejected_token_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    async with Emulator(global_rate_limit=None) as emu:
        create_demo_world(emu)
        config = settings(
            tmp_path,
            DISCORD_TOKEN="not-a-real-token",
            discord_api_base=emu.api_base,
            discord_gateway=emu.gateway_url,
        )
        assert await app.run(config) == 2
    assert "rejected DISCORD_TOKEN" in capsys.readouterr().err


async def test_run_serves_health_until_stopped(tmp_path: Path) -> None:
    async with Emulator(global_rate_limit=None) as emu:
        world = create_demo_world(emu)
        config = Settings(
            DISCORD_TOKEN=world.token,  # type: ignore[call-arg]
            database=tmp_path / "db.sqlite3",
            health_port=_free_port(),
            discord_api_base=emu.api_base,
            discord_gateway=emu.gateway_url,
        )
        task = asyncio.create_task(app.run(config))
        base = f"http://127.0.0.1:{config.health_port}"
        async with aiohttp.ClientSession() as http:

            async def ready() -> bool:
                try:
                    async with http.get(f"{base}/readyz") as response:
                        return response.status == 200
                except aiohttp.ClientError:
                    return False

            deadline = asyncio.get_running_loop().time() + 20
            while not await ready():
                assert asyncio.get_running_loop().time() < deadline, "never became ready"
                assert not task.done(), task
                await asyncio.sleep(0.05)
            async with http.get(f"{base}/metrics") as response:
                text = await response.text()
            assert "newsbrief_articles_loaded 1" in text
            assert "newsbrief_gateway_latency_seconds" in text
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_sync_registers_commands_for_one_guild(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    async with Emulator(global_rate_limit=None) as emu:
        world = create_demo_world(emu)
        config = settings(
            tmp_path, DISCORD_TOKEN=world.token, discord_api_base=emu.api_base, discord_gateway=emu.gateway_url
        )
        assert await app.sync(config, world.guild_id) == 0
        names = {c["name"] for c in emu.registered_commands(world.guild_id)}
        assert {"ask", "summary", "quote", "digest", "about"} <= names
        assert emu.registered_commands() == []  # nothing global
    assert "Registered" in capsys.readouterr().out


def test_token_is_redacted_from_log_lines() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "connecting with %s", ("sekret-token",), None)
    assert RedactSecrets("sekret-token").filter(record)
    assert record.getMessage() == "connecting with [redacted]"


def test_defaults_do_not_depend_on_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("NEWSBRIEF_CONTENT_DIR", "NEWSBRIEF_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    config = Settings()
    assert config.content_dir == REPO_ROOT / "content"
    assert config.database.is_absolute()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
