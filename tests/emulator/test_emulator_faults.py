"""Faults and discord.py's recovery: 429 (route and global), 5xx, 403, 404, a channel
deleted or a permission taken away, dropped sockets, RECONNECT and INVALID_SESSION."""

from __future__ import annotations

import time

import discord
import pytest
from emulator_minibot import MiniBot
from emulator_world import World

from bot.emulator import BucketSpec, Emulator

MESSAGES = "/channels/{channel_id}/messages"


def _statuses(emu: Emulator, route: str) -> list[int]:
    return [r.status for r in emu.request_log if r.route == route]


def _channel(bot: MiniBot, channel_id: int) -> discord.TextChannel:
    channel = bot.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel)
    return channel


async def test_route_429_is_retried(emu: Emulator, world: World, bot: MiniBot) -> None:
    emu.faults.rate_limit("POST", MESSAGES, retry_after=0.1)
    await _channel(bot, world.news.id).send("after a 429")
    assert _statuses(emu, MESSAGES) == [429, 200]
    assert [m["content"] for m in emu.messages(world.news.id)] == ["after a 429"]


async def test_global_429_is_retried(emu: Emulator, world: World, bot: MiniBot) -> None:
    emu.faults.rate_limit("*", "*", retry_after=0.1, global_=True)
    fetched = await bot.fetch_channel(world.general.id)
    assert fetched.id == world.general.id
    limited = [r for r in emu.request_log if r.status == 429]
    assert limited[0].response["global"] is True


async def test_502_is_retried(emu: Emulator, world: World, bot: MiniBot) -> None:
    emu.faults.server_error("POST", MESSAGES, status=502)
    await _channel(bot, world.news.id).send("after a 502")
    assert _statuses(emu, MESSAGES) == [502, 200]


async def test_403_surfaces_as_forbidden(emu: Emulator, world: World, bot: MiniBot) -> None:
    emu.faults.forbidden("POST", MESSAGES)
    with pytest.raises(discord.Forbidden) as caught:
        await _channel(bot, world.news.id).send("nope")
    assert caught.value.code == 50013


async def test_404_surfaces_as_not_found(emu: Emulator, world: World, bot: MiniBot) -> None:
    emu.faults.not_found("POST", f"/channels/{world.news.id}/messages")
    with pytest.raises(discord.NotFound) as caught:
        await _channel(bot, world.news.id).send("nope")
    assert caught.value.code == 10003


async def test_fault_reported_through_a_command(emu: Emulator, world: World, bot: MiniBot) -> None:
    emu.faults.forbidden("POST", MESSAGES)
    ix = await emu.invoke_command(world.admin.id, "post", options={"channel": world.news.id}, guild_id=world.guild.id)
    assert (await ix.final_message())["content"] == "failed: Forbidden 50013"


async def test_permission_taken_away(emu: Emulator, world: World, bot: MiniBot) -> None:
    send = discord.Permissions(send_messages=True).value
    emu.set_overwrite(world.news.id, world.guild.id, deny=send, type=0)
    with pytest.raises(discord.Forbidden) as caught:
        await _channel(bot, world.news.id).send("nope")
    assert caught.value.code == 50013

    emu.set_role_permissions(world.guild.id, world.everyone.id, 0)
    emu.set_role_permissions(world.guild.id, world.bot_role.id, 0)
    with pytest.raises(discord.Forbidden) as caught:
        await _channel(bot, world.general.id).send("nope")
    assert caught.value.code == 50001


async def test_deleted_channel(emu: Emulator, world: World, bot: MiniBot) -> None:
    channel = _channel(bot, world.news.id)
    await emu.delete_channel(world.news.id)
    await emu.wait_until(lambda: bot.seen.deleted_channels, what="CHANNEL_DELETE")
    assert bot.get_channel(world.news.id) is None
    with pytest.raises(discord.NotFound) as caught:
        await channel.send("into the void")
    assert caught.value.code == 10003


async def test_dropped_connection_resumes_and_replays(emu: Emulator, world: World, bot: MiniBot) -> None:
    assert await emu.drop_connections() == 1
    await emu.send_dm(world.alice.id, "sent while the bot was away")
    await emu.wait_until(lambda: bot.seen.resumed, what="RESUMED")
    channel_id = emu.dm_channel_id(world.alice.id)
    assert channel_id is not None
    messages = await emu.wait_for_messages(channel_id, count=2)
    assert messages[1]["content"] == "echo: sent while the bot was away"
    [session] = emu.sessions
    assert session["resumes"] == 1
    assert session["replayed"] >= 1
    assert emu.stats()["identifies"] == 1


async def test_reconnect_resumes_with_replay(emu: Emulator, world: World, bot: MiniBot) -> None:
    await emu.send_reconnect()
    await emu.send_message(world.alice.id, world.general.id, "one")
    await emu.send_message(world.alice.id, world.general.id, "two")
    await emu.wait_until(lambda: bot.seen.resumed, what="RESUMED")
    await emu.wait_until(lambda: len(bot.seen.guild_messages) >= 2, what="both messages")
    assert bot.seen.guild_messages == ["one", "two"]
    assert emu.stats()["identifies"] == 1
    [session] = emu.sessions
    assert session["replayed"] >= 2, "events sent after RECONNECT come back on RESUME"
    ix = await emu.invoke_command(world.alice.id, "ping", guild_id=world.guild.id)
    assert (await ix.final_message())["content"] == "pong"


async def test_invalid_session_not_resumable_reidentifies(emu: Emulator, world: World, bot: MiniBot) -> None:
    await emu.send_invalid_session(resumable=False)
    await emu.wait_until(lambda: emu.stats()["identifies"] == 2, what="a second IDENTIFY")
    await emu.wait_until(lambda: bot.seen.connects >= 2, what="the client to see READY")
    ix = await emu.invoke_command(world.alice.id, "ping", guild_id=world.guild.id)
    assert (await ix.final_message())["content"] == "pong"
    live = [s for s in emu.sessions if not s["invalidated"]]
    assert len(live) == 1


async def test_invalid_session_resumable_resumes(emu: Emulator, world: World, bot: MiniBot) -> None:
    await emu.send_invalid_session(resumable=True)
    await emu.wait_until(lambda: bot.seen.resumed, what="RESUMED")
    assert emu.stats()["identifies"] == 1


@pytest.mark.parametrize("emu", [{"global_rate_limit": 5.0}], indirect=True)
async def test_global_budget_is_enforced_and_honoured(emu: Emulator, world: World, bot: MiniBot) -> None:
    for _ in range(8):
        await bot.fetch_channel(world.general.id)
    limited = [r for r in emu.request_log if r.status == 429]
    assert limited, "a burst over the budget gets 429"
    assert all(r.response["global"] for r in limited)
    assert _statuses(emu, "/channels/{channel_id}")[-1] == 200


@pytest.mark.parametrize("emu", [{"global_rate_limit": 1.0}], indirect=True)
async def test_interaction_callbacks_are_exempt_from_the_global_limit(
    emu: Emulator, world: World, bot: MiniBot
) -> None:
    for _ in range(5):
        ix = await emu.invoke_command(world.alice.id, "ping", guild_id=world.guild.id)
        await ix.final_message()
    callbacks = _statuses(emu, "/interactions/{interaction_id}/{interaction_token}/callback")
    assert callbacks == [200] * 5


@pytest.mark.parametrize(
    "emu",
    [{"channel_message_limit": BucketSpec(2, 0.3)}],
    indirect=True,
)
async def test_route_bucket_makes_the_client_wait(emu: Emulator, world: World, bot: MiniBot) -> None:
    channel = _channel(bot, world.news.id)
    started = time.monotonic()
    for n in range(5):
        await channel.send(f"message {n}")
    elapsed = time.monotonic() - started
    assert len(emu.messages(world.news.id)) == 5
    assert elapsed >= 0.5, "discord.py waits for the bucket to reset"
    posts = [r for r in emu.request_log if r.route == MESSAGES]
    assert sum(r.status == 429 for r in posts) <= 1
