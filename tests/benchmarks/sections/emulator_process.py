"""The emulator in another process, driven over its HTTP control API, and the shared pieces
of the end-to-end and fan-out sections: a bare discord.py bot (the floor), running a client
until it is ready, percentiles, and process CPU time.

The bot under test runs in the benchmark's own process and the emulator in a child process,
as in production (Discord is somewhere else), so neither one's CPU is billed to the other.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import discord
from discord import app_commands

from bot.client import intents

JSON = dict[str, Any]
REPO_ROOT = Path(__file__).resolve().parents[3]
FLOOR_REPLY = "pong"


class ControlError(RuntimeError):
    """The emulator's control API refused a call."""


@dataclass
class EmulatorProcess:
    """A running `python -m bot.emulator` and a client for its control API."""

    pid: int
    token: str
    application_id: int
    api_base: str
    gateway_url: str
    control_url: str
    session: aiohttp.ClientSession

    async def call(self, method: str, path: str, body: JSON | None = None, **params: Any) -> Any:
        """One control API call; its JSON answer, or ControlError on a non-2xx status."""
        url = f"{self.control_url}{path}"
        query = {k: str(v) for k, v in params.items()}
        async with self.session.request(method, url, json=body, params=query) as response:
            data = await response.json(content_type=None)
            if response.status >= 300:
                raise ControlError(f"{method} {path} -> {response.status}: {data}")
            return data

    async def post(self, path: str, body: JSON | None = None) -> Any:
        return await self.call("POST", path, body or {})

    async def get(self, path: str, **params: Any) -> Any:
        return await self.call("GET", path, None, **params)

    def cpu_seconds(self) -> float:
        """User + system CPU the emulator process has used so far."""
        return process_cpu_seconds(self.pid)


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process, from /proc (0.0 where there is no /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


async def _read_banner(stream: asyncio.StreamReader, deadline: float) -> dict[str, str]:
    """The KEY=value and 'label: value' lines the emulator prints once it listens."""
    found: dict[str, str] = {}
    while "control API" not in found or "application id" not in found:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"the emulator printed only {sorted(found)} in time")
        line = (await asyncio.wait_for(stream.readline(), remaining)).decode().strip()
        if not line:
            raise RuntimeError("the emulator exited before printing its address")
        if "=" in line and ": " not in line:
            key, value = line.split("=", 1)
            found[key] = value
        elif ": " in line:
            key, value = line.split(": ", 1)
            found[key] = value
    return found


@contextlib.asynccontextmanager
async def emulator_process(
    *, global_rate_limit: float | None, ready_timeout: float = 30.0
) -> AsyncIterator[EmulatorProcess]:
    """Start the emulator in a child process (no demo world, no request log) and stop it after."""
    with tempfile.TemporaryFile() as errors:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.emulator",
            "--port",
            "0",
            "--empty",
            "--no-request-log",
            "--global-rate-limit",
            str(global_rate_limit or 0),
            cwd=REPO_ROOT,
            stdout=asyncio.subprocess.PIPE,
            stderr=errors,
        )
        session: aiohttp.ClientSession | None = None
        try:
            assert process.stdout is not None
            try:
                banner = await _read_banner(process.stdout, time.monotonic() + ready_timeout)
            except (TimeoutError, RuntimeError) as exc:
                errors.seek(0)
                tail = errors.read()[-2000:].decode(errors="replace")
                raise RuntimeError(f"emulator did not start: {exc}\n{tail}") from exc
            session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64))
            yield EmulatorProcess(
                pid=process.pid,
                token=banner["DISCORD_TOKEN"],
                application_id=int(banner["application id"]),
                api_base=banner["NEWSBRIEF_DISCORD_API_BASE"],
                gateway_url=banner["NEWSBRIEF_DISCORD_GATEWAY"],
                control_url=banner["control API"],
                session=session,
            )
        finally:
            if session is not None:
                await session.close()
            if process.returncode is None:
                process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), 10.0)
                except TimeoutError:
                    process.kill()
                    await process.wait()


# ---- the floor: discord.py answering a fixed string ----


class FloorBot(discord.Client):
    """The least a discord.py bot can do per interaction: one command, a fixed reply.

    Same intents and ready timeout as Newsbrief, so the only difference is our own code.
    """

    def __init__(self) -> None:
        super().__init__(intents=intents(), guild_ready_timeout=0.05)
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(name="ping", description="Answers with a fixed string")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(FLOOR_REPLY)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """No pause before IDENTIFY: the emulator has no IDENTIFY quota."""


# ---- figures ----


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolating between ranks; nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_figures(latencies: Sequence[float]) -> JSON:
    """p50/p90/p99/mean in microseconds."""
    return {
        "n": len(latencies),
        "p50_us": round(percentile(latencies, 50) * 1e6, 1),
        "p90_us": round(percentile(latencies, 90) * 1e6, 1),
        "p99_us": round(percentile(latencies, 99) * 1e6, 1),
        "mean_us": round(statistics.fmean(latencies) * 1e6, 1) if latencies else float("nan"),
    }


@contextlib.contextmanager
def profiled(enabled: bool) -> Iterator[cProfile.Profile | None]:
    """cProfile around a block when enabled (the block's own process only)."""
    if not enabled:
        yield None
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield profile
    finally:
        profile.disable()
