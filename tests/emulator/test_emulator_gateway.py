"""The gateway seen from outside discord.py (zlib-stream frames, close codes) and from it
(a rotated token closes with 4004, two shards split the guilds by Discord's formula)."""

from __future__ import annotations

import asyncio
import json
import zlib
from typing import Any

import aiohttp
import discord
import pytest
from emulator_minibot import MiniBot, ShardedMiniBot
from emulator_world import TOKEN, World

from bot.emulator import Emulator
from bot.emulator.testing import running_client


class RawGateway:
    """A bare websocket client that inflates zlib-stream frames."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.inflate = zlib.decompressobj()

    async def receive(self) -> dict[str, Any]:
        msg = await self.ws.receive(timeout=5.0)
        if msg.type is aiohttp.WSMsgType.BINARY:
            data: dict[str, Any] = json.loads(self.inflate.decompress(msg.data))
            return data
        assert msg.type is aiohttp.WSMsgType.TEXT, msg
        text: dict[str, Any] = json.loads(msg.data)
        return text


async def test_zlib_stream_hello_heartbeat_identify(emu: Emulator, world: World) -> None:
    url = f"{emu.gateway_url}?v=10&encoding=json&compress=zlib-stream"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        gateway = RawGateway(ws)
        hello = await gateway.receive()
        assert hello["op"] == 10
        assert hello["d"]["heartbeat_interval"] > 0
        await ws.send_json({"op": 1, "d": None})
        assert (await gateway.receive())["op"] == 11
        identify = {"token": TOKEN, "intents": 513, "properties": {}, "shard": [0, 1]}
        await ws.send_json({"op": 2, "d": identify})
        ready = await gateway.receive()
        assert ready["t"] == "READY"
        assert ready["s"] == 1
        data = ready["d"]
        assert {"session_id", "resume_gateway_url", "user", "guilds", "shard"} <= data.keys()
        assert data["user"]["id"] == str(world.app.bot_user_id)
        guild_create = await gateway.receive()
        assert guild_create["t"] == "GUILD_CREATE"
        assert guild_create["d"]["id"] == str(world.guild.id)
        assert guild_create["s"] == 2


async def test_bad_token_closes_with_4004(emu: Emulator, world: World) -> None:
    async with aiohttp.ClientSession() as session, session.ws_connect(emu.gateway_url) as ws:
        gateway = RawGateway(ws)
        assert (await gateway.receive())["op"] == 10
        await ws.send_json({"op": 2, "d": {"token": "wrong", "intents": 0, "properties": {}}})
        msg = await ws.receive(timeout=5.0)
        assert msg.type is aiohttp.WSMsgType.CLOSE
        assert ws.close_code == 4004


async def test_discord_py_stops_on_4004(emu: Emulator, world: World) -> None:
    client = MiniBot()
    await client.login(TOKEN)
    world.app.token = "rotated"  # REST login passed; the gateway now refuses the old token
    with pytest.raises(discord.ConnectionClosed) as caught:
        await asyncio.wait_for(client.connect(), timeout=10.0)
    assert caught.value.code == 4004
    await client.close()


async def test_two_shards_split_the_guilds(emu: Emulator) -> None:
    app = emu.create_application("Newsbrief", token=TOKEN)
    owner = emu.create_user("owner")
    guilds = [emu.create_guild(f"Guild {n}", owner_id=owner.id) for n in range(6)]
    for guild in guilds:
        emu.add_member(guild.id, app.bot_user_id)
        emu.create_channel(guild.id, "general")
    expected = {s: [g.id for g in guilds if (g.id >> 22) % 2 == s] for s in (0, 1)}
    assert expected[0]
    assert expected[1]

    client = ShardedMiniBot(shard_count=2)
    async with running_client(client, TOKEN):
        await client.tree.sync()
        by_shard = {s["shard"][0]: s for s in emu.sessions}
        assert sorted(by_shard) == [0, 1]
        assert all(s["shard"][1] == 2 for s in by_shard.values())
        for shard_id in (0, 1):
            assert sorted(by_shard[shard_id]["guild_ids"]) == sorted(expected[shard_id])
        assert sorted(g.id for g in client.guilds) == sorted(g.id for g in guilds)
        for seen in client.guilds:
            assert seen.shard_id == (seen.id >> 22) % 2

        target = expected[1][0]
        ix = await emu.invoke_command(owner.id, "ping", guild_id=target)
        assert (await ix.final_message())["content"] == "pong from shard 1"
    await emu.wait_until(lambda: all(s["invalidated"] for s in emu.sessions), what="closed sessions to end")
