"""Pure parts of the emulator: permission arithmetic, snowflakes and shards, the
conformance checker itself, the discord.py redirect, and the standalone entry point."""

from __future__ import annotations

import asyncio
import sys

import discord
import discord.gateway
import discord.http
import pytest
import yarl

from bot.emulator.conformance import ConformanceChecker, spec_path
from bot.emulator.permissions import ALL_PERMISSIONS, base_permissions, channel_permissions
from bot.emulator.records import RequestRecord
from bot.emulator.redirect import discord_pointed_at, point_discord_at, restore_endpoints
from bot.emulator.snowflakes import SnowflakeGenerator, shard_for
from bot.emulator.state import MEMBER_OVERWRITE, Channel, Guild, Member, Overwrite, Role

P = discord.Permissions
VIEW, SEND = P(view_channel=True).value, P(send_messages=True).value
EMBED = P(embed_links=True).value


def _guild() -> tuple[Guild, Channel]:
    guild = Guild(id=100, name="g", owner_id=1)
    guild.roles[100] = Role(100, 100, "@everyone", VIEW | SEND | EMBED)
    guild.roles[200] = Role(200, 100, "Mod", P(manage_messages=True).value)
    guild.roles[300] = Role(300, 100, "Admin", P(administrator=True).value)
    guild.members[2] = Member(user_id=2, guild_id=100, roles=[200])
    guild.members[3] = Member(user_id=3, guild_id=100, roles=[300])
    guild.members[4] = Member(user_id=4, guild_id=100)
    return guild, Channel(id=10, type=0, name="c", guild_id=100)


def test_owner_and_administrator_get_everything() -> None:
    guild, channel = _guild()
    channel.overwrites[100] = Overwrite(100, 0, deny=VIEW)
    assert base_permissions(guild, 1) == ALL_PERMISSIONS
    assert channel_permissions(guild, channel, 3) == ALL_PERMISSIONS


def test_overwrites_apply_in_discord_order() -> None:
    guild, channel = _guild()
    channel.overwrites[100] = Overwrite(100, 0, deny=SEND)  # @everyone: no sending
    channel.overwrites[200] = Overwrite(200, 0, allow=SEND)  # Mod role: may send
    channel.overwrites[4] = Overwrite(4, MEMBER_OVERWRITE, allow=SEND)  # member 4: may send
    assert channel_permissions(guild, channel, 2) & SEND
    assert channel_permissions(guild, channel, 4) & SEND
    del channel.overwrites[4]
    assert not channel_permissions(guild, channel, 4) & SEND
    channel.overwrites[2] = Overwrite(2, MEMBER_OVERWRITE, deny=SEND)  # member beats role
    assert not channel_permissions(guild, channel, 2) & SEND


def test_implicit_rules() -> None:
    guild, channel = _guild()
    channel.overwrites[100] = Overwrite(100, 0, deny=SEND)
    assert not channel_permissions(guild, channel, 4) & EMBED  # no send, no embeds
    channel.overwrites[100] = Overwrite(100, 0, deny=VIEW)
    assert channel_permissions(guild, channel, 4) == 0


def test_snowflakes_spread_over_shards() -> None:
    ids = SnowflakeGenerator()
    minted = [ids.next() for _ in range(100)]
    assert minted == sorted(set(minted))
    assert {shard_for(i, 3) for i in minted} == {0, 1, 2}


@pytest.fixture(scope="module")
def checker() -> ConformanceChecker:
    path = spec_path()
    if not path.is_file():
        pytest.skip(f"Discord's OpenAPI description is not at {path}")
    return ConformanceChecker.from_path(path)


def test_checker_names_route_side_and_json_path(checker: ConformanceChecker) -> None:
    record = RequestRecord(
        method="POST",
        route="/channels/{channel_id}/messages",
        path="/channels/1/messages",
        query={},
        json={"content": "x", "nonce": "n" * 30},
        status=200,
        response={"id": 1},
        content_type="application/json",
    )
    found = {(v.side, v.json_path) for v in checker.check(record)}
    assert ("request", "$.nonce") in found
    assert any(side == "response" for side, _ in found)


def test_checker_flags_a_charset_content_type(checker: ConformanceChecker) -> None:
    record = RequestRecord(
        "GET", "/gateway", "/gateway", {}, None, 200, {"url": "ws://x/"}, "application/json; charset=utf-8"
    )
    [violation] = checker.check(record)
    assert "Content-Type" in violation.message


def test_checker_flags_unknown_routes(checker: ConformanceChecker) -> None:
    record = RequestRecord("GET", "/nope", "/nope", {}, None, 200, {}, "application/json")
    [violation] = checker.check(record)
    assert violation.side == "route"


def test_redirect_and_restore() -> None:
    before_base = discord.http.Route.BASE
    before_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    previous = point_discord_at("http://127.0.0.1:1/api/v10/", "ws://127.0.0.1:1")
    assert discord.http.Route.BASE == "http://127.0.0.1:1/api/v10"
    assert yarl.URL("ws://127.0.0.1:1/") == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    assert discord.http.Route("GET", "/users/@me").url == "http://127.0.0.1:1/api/v10/users/@me"
    restore_endpoints(previous)
    assert before_base == discord.http.Route.BASE
    with discord_pointed_at("http://h/api/v10", None):
        assert before_gateway == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    assert before_base == discord.http.Route.BASE


async def test_standalone_entry_point_prints_token_and_urls() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.emulator",
        "--port",
        "0",
        "--token",
        "abc",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        lines = [(await asyncio.wait_for(process.stdout.readline(), 20.0)).decode().strip() for _ in range(3)]
        assert lines[0] == "DISCORD_TOKEN=abc"
        assert lines[1].startswith("NEWSBRIEF_DISCORD_API_BASE=http://127.0.0.1:")
        assert lines[2].startswith("NEWSBRIEF_DISCORD_GATEWAY=ws://127.0.0.1:")
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10.0) == 0
