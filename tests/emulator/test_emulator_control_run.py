"""The control API's timed batch (`/interactions/run`) and the latency each interaction reports:
what the end-to-end benchmark measures with, from another process."""

from __future__ import annotations

from typing import Any

import aiohttp
from emulator_minibot import MiniBot
from emulator_world import World

from bot.emulator import Emulator


async def _post(session: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> tuple[int, Any]:
    async with session.post(url, json=body) as response:
        return response.status, await response.json(content_type=None)


async def test_run_times_every_invocation(emu: Emulator, bot: MiniBot, world: World) -> None:
    body = {
        "name": "ping",
        "user_ids": [world.admin.id, str(world.alice.id)],
        "guild_id": str(world.guild.id),
        "channel_id": world.general.id,
        "application_id": world.app.id,
        "count": 12,
        "concurrency": 4,
    }
    async with aiohttp.ClientSession() as session:
        status, result = await _post(session, f"{emu.control_url}/interactions/run", body)
    assert status == 200, result
    assert (result["count"], result["answered"], result["failed"], result["errors"]) == (12, 12, 0, [])
    assert len(result["latencies"]) == 12
    assert all(0 < latency < result["wall"] for latency in result["latencies"])
    commands = [r for r in emu.interactions if r.command_name == "ping"]
    assert len(commands) == 12
    assert {r.user_id for r in commands} == {world.admin.id, world.alice.id}
    assert all(r.latency is not None and r.latency > 0 for r in commands)
    assert len(emu.messages(world.general.id)) == 12


async def test_run_paces_starts_and_reports_failures(emu: Emulator, bot: MiniBot, world: World) -> None:
    base = {"user_ids": [world.alice.id], "guild_id": world.guild.id, "channel_id": world.general.id}
    async with aiohttp.ClientSession() as session:
        status, paced = await _post(
            session, f"{emu.control_url}/interactions/run", {**base, "name": "ping", "count": 3, "interval": 0.05}
        )
        assert status == 200
        assert paced["answered"] == 3
        assert paced["wall"] >= 0.1  # the third starts two intervals after the first
        status, failed = await _post(
            session, f"{emu.control_url}/interactions/run", {**base, "name": "nope", "count": 2}
        )
        assert status == 200
        assert (failed["answered"], failed["failed"]) == (0, 2)
        assert "not registered" in failed["errors"][0]
        status, bad = await _post(
            session, f"{emu.control_url}/interactions/run", {**base, "name": "ping", "count": 1, "concurrency": 0}
        )
        assert status == 400, bad


async def test_a_single_invocation_reports_its_latency(emu: Emulator, bot: MiniBot, world: World) -> None:
    body = {"user_id": world.alice.id, "name": "ping", "guild_id": world.guild.id, "wait": "response"}
    async with aiohttp.ClientSession() as session:
        status, result = await _post(session, f"{emu.control_url}/interactions/command", body)
        assert status == 200
        assert result["latency"] > 0
        status, pending = await _post(
            session, f"{emu.control_url}/interactions/command", {**body, "name": "slow", "wait": "none"}
        )
        assert status == 200
        assert pending["latency"] is None  # nothing answered yet


async def test_run_cycles_through_a_list_of_options(emu: Emulator, bot: MiniBot, world: World) -> None:
    speakers = ["Ada", "Grace", "Linus"]
    body = {
        "name": "quote",
        "user_ids": [world.alice.id],
        "guild_id": world.guild.id,
        "channel_id": world.general.id,
        "count": 7,
        "concurrency": 1,
        "options_cycle": [{"speaker": s} for s in speakers],
    }
    async with aiohttp.ClientSession() as session:
        status, result = await _post(session, f"{emu.control_url}/interactions/run", body)
        assert status == 200, result
        assert (result["answered"], result["failed"]) == (7, 0)
        said = [m["content"] for m in emu.messages(world.general.id)]
        assert said == [f"{speakers[i % 3]} said something" for i in range(7)]
        # Without a cycle every invocation has the same `options`, as before.
        status, same = await _post(
            session,
            f"{emu.control_url}/interactions/run",
            {**body, "options_cycle": None, "options": {"speaker": "Ada"}, "count": 2},
        )
        assert status == 200, same
        assert [m["content"] for m in emu.messages(world.general.id)][7:] == ["Ada said something"] * 2
        for bad in ([], [1], {"speaker": "Ada"}):
            status, refused = await _post(
                session, f"{emu.control_url}/interactions/run", {**body, "options_cycle": bad}
            )
            assert status == 400, refused
