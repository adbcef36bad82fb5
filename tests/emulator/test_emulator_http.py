"""REST details discord.py depends on (exact Content-Type, 204 without a type, rate-limit
headers, 401), the lookups the bot makes, and the HTTP control API."""

from __future__ import annotations

from typing import Any

import aiohttp
import discord
import pytest
from emulator_minibot import MiniBot
from emulator_world import TOKEN, World

from bot.emulator import Emulator

AUTH = {"Authorization": f"Bot {TOKEN}"}
RATE_LIMIT_HEADERS = (
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-RateLimit-Reset-After",
    "X-RateLimit-Bucket",
)


async def test_json_answers_and_rate_limit_headers(emu: Emulator, world: World) -> None:
    async with aiohttp.ClientSession(headers=AUTH) as session:
        async with session.get(f"{emu.api_base}/users/@me") as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "application/json"
            for name in RATE_LIMIT_HEADERS:
                assert name in response.headers
        async with session.get(f"{emu.api_base}/gateway/bot") as response:
            assert (await response.json())["url"] == emu.gateway_url
        url = f"{emu.api_base}/channels/{world.news.id}/messages"
        async with session.post(url, json={"content": "x"}) as response:
            message = await response.json()
            assert response.headers["X-RateLimit-Limit"] == "5"
            assert response.headers["X-RateLimit-Remaining"] == "4"
        async with session.delete(f"{url}/{message['id']}") as response:
            assert response.status == 204
            assert "application/json" not in response.headers.get("Content-Type", "")
            assert await response.read() == b""


async def test_unauthorized_and_unknown(emu: Emulator, world: World) -> None:
    async with aiohttp.ClientSession() as session:
        bad = {"Authorization": "Bot nope"}
        async with session.get(f"{emu.api_base}/users/@me", headers=bad) as response:
            assert response.status == 401
            assert (await response.json())["message"] == "401: Unauthorized"
        missing = f"{emu.api_base}/channels/123/messages"
        async with session.get(missing, headers=AUTH) as response:
            assert response.status == 404
            assert (await response.json())["code"] == 10003


async def test_lookups_the_bot_makes(emu: Emulator, world: World, bot: MiniBot) -> None:
    guild = await bot.fetch_guild(world.guild.id)
    assert guild.name == "Demo"
    member = await guild.fetch_member(world.alice.id)
    assert member.name == "alice"
    channel = await bot.fetch_channel(world.news.id)
    assert isinstance(channel, discord.TextChannel)
    assert channel.name == "news"
    user = await bot.fetch_user(world.alice.id)
    assert user.name == "alice"
    channels = await guild.fetch_channels()
    assert {c.name for c in channels} == {"general", "news"}
    roles = await guild.fetch_roles()
    assert {r.name for r in roles} >= {"@everyone", "Editor", "Bot"}
    stranger = emu.create_user("stranger")
    with pytest.raises(discord.NotFound) as caught:
        await guild.fetch_member(stranger.id)
    assert caught.value.code == 10007


async def _call(session: aiohttp.ClientSession, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    async with session.request(method, url, json=body) as response:
        assert response.status == 200, await response.text()
        return await response.json()


async def test_control_api_drives_the_bot(emu: Emulator, bot: MiniBot, world: World) -> None:
    base = emu.control_url
    async with aiohttp.ClientSession() as session:
        info = await _call(session, "GET", f"{base}/info")
        assert info["applications"][0]["token"] == TOKEN
        user = await _call(session, "POST", f"{base}/users", {"name": "bench"})
        await _call(session, "POST", f"{base}/guilds/{world.guild.id}/members", {"user_id": user["id"]})
        channel = await _call(session, "POST", f"{base}/guilds/{world.guild.id}/channels", {"name": "bench"})
        result = await _call(
            session,
            "POST",
            f"{base}/interactions/command",
            {
                "user_id": user["id"],
                "name": "ping",
                "guild_id": str(world.guild.id),
                "channel_id": channel["id"],
                "wait": "final",
            },
        )
        assert result["original"]["content"] == "pong"
        messages = await _call(session, "GET", f"{base}/channels/{channel['id']}/messages?count=1&timeout=5")
        assert [m["content"] for m in messages] == ["pong"]
        choices = await _call(
            session,
            "POST",
            f"{base}/interactions/autocomplete",
            {
                "user_id": user["id"],
                "name": "quote",
                "options": {"speaker": "mo"},
                "focused": "speaker",
                "guild_id": str(world.guild.id),
            },
        )
        assert choices["choices"] == [{"name": "Modi", "value": "Modi"}]
        dm = await _call(session, "POST", f"{base}/dm", {"user_id": user["id"], "content": "hi"})
        assert dm["content"] == "hi"
        await _call(session, "POST", f"{base}/faults/forbidden", {"method": "PATCH", "path_pattern": "/never"})
        stats = await _call(session, "GET", f"{base}/stats")
        assert stats["requests"]["total"] > 0
        assert stats["requests"]["peak_per_second"] >= 1
        sessions = await _call(session, "GET", f"{base}/sessions")
        assert sessions[0]["connected"] is True
        async with session.post(f"{base}/interactions/command", json={"user_id": user["id"], "name": "nope"}) as bad:
            assert bad.status == 400
    assert len(emu.faults.pending()) == 1
