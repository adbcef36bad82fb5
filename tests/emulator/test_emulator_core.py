"""Login, command sync, slash commands (guild and DM), options, autocomplete, buttons,
deferred responses with follow-ups and edits, channel posts and DMs."""

from __future__ import annotations

import aiohttp
import discord
import pytest
from emulator_minibot import MiniBot
from emulator_world import TOKEN, World

from bot.emulator import Emulator, InvocationError
from bot.emulator.payloads import EPHEMERAL


async def test_login_ready_and_guilds(emu: Emulator, world: World, bot: MiniBot) -> None:
    assert bot.user is not None
    assert bot.user.id == world.app.bot_user_id
    assert bot.application_id == world.app.id
    assert [g.id for g in bot.guilds] == [world.guild.id]
    guild = bot.get_guild(world.guild.id)
    assert guild is not None
    assert {c.name for c in guild.text_channels} == {"general", "news"}
    [session] = emu.sessions
    assert session["connected"]
    assert session["guild_ids"] == [world.guild.id]


async def test_bad_token_is_refused_with_401(emu: Emulator, world: World) -> None:
    client = discord.Client(intents=discord.Intents.default())
    with pytest.raises(discord.LoginFailure):
        await client.login("not-the-token")
    await client.close()
    assert emu.request_log[-1].status == 401


async def test_sync_registers_global_and_guild_commands(emu: Emulator, world: World, bot: MiniBot) -> None:
    names = {c["name"] for c in emu.registered_commands()}
    assert names == {"ping", "quote", "digest", "slow", "tidy", "buttons", "post", "dmme"}
    first_ids = {c["name"]: c["id"] for c in emu.registered_commands()}

    bot.tree.copy_global_to(guild=discord.Object(world.guild.id))
    synced = await bot.tree.sync(guild=discord.Object(world.guild.id))
    assert {c.name for c in synced} == names
    assert {c["name"] for c in emu.registered_commands(world.guild.id)} == names

    await bot.tree.sync()
    assert {c["name"]: c["id"] for c in emu.registered_commands()} == first_ids
    fetched = await bot.tree.fetch_commands()
    assert {c.name for c in fetched} == names
    in_guild = await bot.tree.fetch_commands(guild=discord.Object(world.guild.id))
    assert {c.name for c in in_guild} == names


async def test_slash_command_in_a_guild(emu: Emulator, world: World, bot: MiniBot) -> None:
    ix = await emu.invoke_command(world.alice.id, "ping", guild_id=world.guild.id, channel_id=world.general.id)
    response = await ix.response()
    assert response == {"type": 4, "data": {"tts": False, "content": "pong"}}
    message = await ix.final_message()
    assert message["content"] == "pong"
    assert message["author"]["id"] == str(world.app.bot_user_id)
    assert [m["content"] for m in emu.messages(world.general.id)] == ["pong"]
    member = ix.payload["member"]
    assert int(member["permissions"]) & discord.Permissions(send_messages=True).value
    assert int(ix.payload["app_permissions"]) & discord.Permissions(embed_links=True).value


async def test_permissions_in_payloads_follow_roles_and_overwrites(emu: Emulator, world: World, bot: MiniBot) -> None:
    send = discord.Permissions(send_messages=True).value
    manage = discord.Permissions(manage_messages=True).value
    emu.set_overwrite(world.general.id, world.app.bot_user_id, deny=send, type=1)
    emu.set_overwrite(world.general.id, world.alice.id, allow=manage, type=1)
    ix = await emu.invoke_command(world.alice.id, "ping", guild_id=world.guild.id)
    assert not int(ix.payload["app_permissions"]) & send
    assert int(ix.payload["member"]["permissions"]) & manage
    assert (await ix.final_message())["content"] == "pong"  # responses need no channel perms

    admin_ix = await emu.invoke_command(world.admin.id, "ping", guild_id=world.guild.id)
    assert int(admin_ix.payload["member"]["permissions"]) == discord.Permissions.all().value


async def test_slash_command_in_a_dm(emu: Emulator, world: World, bot: MiniBot) -> None:
    ix = await emu.invoke_command(world.alice.id, "ping")
    message = await ix.final_message()
    assert message["content"] == "pong"
    assert "user" in ix.payload
    assert "member" not in ix.payload
    assert ix.channel_id == emu.dm_channel_id(world.alice.id)


async def test_guild_only_group_is_refused_in_a_dm(emu: Emulator, world: World, bot: MiniBot) -> None:
    with pytest.raises(InvocationError):
        await emu.invoke_command(world.alice.id, "digest", subcommand="setup", options={"time": "09:00"})


async def test_subcommand_with_a_resolved_channel_option(emu: Emulator, world: World, bot: MiniBot) -> None:
    ix = await emu.invoke_command(
        world.admin.id,
        "digest",
        subcommand="setup",
        options={"channel": world.news.id, "time": "09:00", "timezone": "Asia/Kolkata", "days": "3"},
        guild_id=world.guild.id,
        channel_id=world.general.id,
    )
    message = await ix.final_message()
    assert message["content"] == f"digest in <#{world.news.id}> at 09:00 Asia/Kolkata for 3 days"
    assert message["flags"] & EPHEMERAL
    assert bot.seen.digest_args == [(world.news.id, "news", "09:00", "Asia/Kolkata")]
    [option] = ix.payload["data"]["options"]
    assert option["type"] == 1
    days = next(o for o in option["options"] if o["name"] == "days")
    assert days["value"] == 3
    assert str(world.news.id) in ix.payload["data"]["resolved"]["channels"]
    assert emu.messages(world.general.id) == []  # ephemeral replies stay private


async def test_unknown_option_is_refused(emu: Emulator, world: World, bot: MiniBot) -> None:
    with pytest.raises(InvocationError):
        await emu.invoke_command(world.alice.id, "quote", options={"who": "x"})


async def test_autocomplete(emu: Emulator, world: World, bot: MiniBot) -> None:
    choices = await emu.autocomplete(
        world.alice.id,
        "quote",
        options={"speaker": "heg"},
        focused="speaker",
        guild_id=world.guild.id,
        channel_id=world.general.id,
    )
    assert choices == [{"name": "Hegseth", "value": "Hegseth"}]


async def test_button_click(emu: Emulator, world: World, bot: MiniBot) -> None:
    ix = await emu.invoke_command(world.alice.id, "buttons", guild_id=world.guild.id)
    message = await ix.final_message()
    [row] = message["components"]
    assert row["components"][0]["custom_id"] == "nb:more"
    click = await emu.click_button(world.alice.id, message=message, custom_id="nb:more")
    reply = await click.final_message()
    assert reply["content"] == "more for you"
    assert reply["flags"] & EPHEMERAL
    assert click.payload["message"]["id"] == message["id"]


async def test_deferred_response_follow_up_and_edit(emu: Emulator, world: World, bot: MiniBot) -> None:
    ix = await emu.invoke_command(world.alice.id, "slow", guild_id=world.guild.id)
    assert (await ix.response())["type"] == 5
    final = await ix.final_message()
    assert final["content"] == "done"
    assert [m["content"] for m in ix.followups] == ["part one"]
    contents = [m["content"] for m in emu.messages(world.general.id)]
    assert contents == ["done", "part one"]


async def test_original_get_delete_and_follow_up_edit(emu: Emulator, world: World, bot: MiniBot) -> None:
    ix = await emu.invoke_command(world.alice.id, "tidy", guild_id=world.guild.id)
    [follow_up] = await ix.wait_followups(1)
    await emu.wait_until(lambda: follow_up["content"] == "kept, edited", what="the edit")
    assert ix.original is None
    assert [m["content"] for m in emu.messages(world.general.id)] == ["kept, edited"]
    routes = {(r.method, r.route) for r in emu.request_log}
    original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
    assert ("GET", original) in routes
    assert ("DELETE", original) in routes
    assert ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}") in routes


async def test_channel_post(emu: Emulator, world: World, bot: MiniBot) -> None:
    channel = bot.get_channel(world.news.id)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send("breaking", embed=discord.Embed(title="T", description="D"))
    [stored] = await emu.wait_for_messages(world.news.id, count=1)
    assert stored["id"] == str(sent.id)
    assert stored["embeds"][0]["title"] == "T"
    history = [m.content async for m in channel.history(limit=10)]
    assert history == ["breaking"]


async def test_repeated_nonce_returns_the_first_message(emu: Emulator, world: World) -> None:
    url = f"{emu.api_base}/channels/{world.news.id}/messages"
    headers = {"Authorization": f"Bot {TOKEN}"}
    body = {"content": "digest", "nonce": "digest-2025-01-01", "enforce_nonce": True}
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json=body, headers=headers) as first:
            assert first.headers["Content-Type"] == "application/json"
            one = await first.json()
        async with session.post(url, json=body, headers=headers) as second:
            two = await second.json()
    assert one["id"] == two["id"]
    assert len(emu.messages(world.news.id)) == 1


async def test_dm_from_a_user_is_answered(emu: Emulator, world: World, bot: MiniBot) -> None:
    await emu.send_dm(world.alice.id, "what did Hegseth say?")
    channel_id = emu.dm_channel_id(world.alice.id)
    assert channel_id is not None
    messages = await emu.wait_for_messages(channel_id, count=2)
    assert [m["content"] for m in messages] == [
        "what did Hegseth say?",
        "echo: what did Hegseth say?",
    ]
    assert bot.seen.dms == ["what did Hegseth say?"]


async def test_bot_opens_a_dm(emu: Emulator, world: World, bot: MiniBot) -> None:
    ix = await emu.invoke_command(world.alice.id, "dmme", guild_id=world.guild.id)
    await ix.final_message()
    channel_id = emu.dm_channel_id(world.alice.id)
    assert channel_id is not None
    assert [m["content"] for m in emu.messages(channel_id)] == ["hello in private"]


async def test_user_message_in_a_guild_reaches_the_bot(emu: Emulator, world: World, bot: MiniBot) -> None:
    await emu.send_message(world.alice.id, world.general.id, "hi all")
    await emu.wait_until(lambda: bot.seen.guild_messages, what="the bot to see the message")
    assert bot.seen.guild_messages == ["hi all"]
