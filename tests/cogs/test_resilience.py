"""The bot keeps answering through gateway reconnects, Discord errors and restarts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.client import BotOptions
from bot.clock import ManualClock
from bot.emulator import Emulator
from bot.endpoint import point_discord_at, restore_endpoints
from bot.store import GuildDigest, SqliteStore
from bot.testbed import BOT_PERMISSIONS, DEFAULT_START, Testbed, create_demo_world, embed_text, running_bot


async def test_reconnect_in_the_middle_of_a_command(testbed: Testbed) -> None:
    record = await testbed.invoke("ask", {"question": "Where was it signed?"})
    await testbed.emulator.send_reconnect()
    more = [await testbed.invoke("quote", {"speaker": "Singh"}) for _ in range(3)]
    assert "Kuala Lumpur" in embed_text(await record.final_message(timeout=10))
    for each in more:
        assert "Singh" in embed_text(await each.final_message(timeout=10))


async def test_dropped_connection_is_resumed(testbed: Testbed) -> None:
    await testbed.emulator.drop_connections()
    message = await testbed.command("summary", timeout=15)
    assert "10-year" in embed_text(message)


async def test_server_errors_on_a_digest_post_are_retried(testbed: Testbed) -> None:
    testbed.emulator.faults.server_error("POST", "/channels/{channel_id}/messages", status=502, times=1)
    options = {"channel": testbed.world.digest_id, "time": "09:00", "timezone": "Asia/Kolkata"}
    await testbed.command("digest", options, subcommand="setup", user="admin")
    await testbed.advance(dt.timedelta(hours=2))
    await testbed.emulator.wait_for_messages(testbed.world.digest_id, count=1, timeout=60)
    assert len(testbed.emulator.messages(testbed.world.digest_id)) == 1


async def test_restart_in_the_middle_of_a_fan_out_posts_no_duplicate(tmp_path: Path) -> None:
    """Many servers due at once; the bot dies part-way; a new process finishes without repeats."""
    servers = 24
    emu = Emulator(global_rate_limit=None)
    await emu.start()
    previous = point_discord_at(emu.api_base, emu.gateway_url)
    store = SqliteStore(tmp_path / "fanout.sqlite3")
    await store.open()
    try:
        world = create_demo_world(emu)
        channels: list[int] = []
        for index in range(servers):
            guild = emu.create_guild(f"Server {index}", owner_id=world.admin_id)
            role = emu.create_role(guild.id, "Newsbrief", BOT_PERMISSIONS)
            emu.add_member(guild.id, world.bot_user_id, roles=[role.id])
            channel = emu.create_channel(guild.id, "digest")
            channels.append(channel.id)
            await store.save(
                GuildDigest(
                    guild_id=guild.id, channel_id=channel.id, time=dt.time(3, 0), timezone="UTC", set_by=world.admin_id
                )
            )
        clock = ManualClock(DEFAULT_START + dt.timedelta(hours=1, minutes=1))  # 03:01 UTC: all due
        slow = BotOptions(digest_rate=40.0, digest_concurrency=4)

        def posted() -> int:
            return sum(1 for c in channels if emu.messages(c))

        async with running_bot(world.token, store, clock, options=slow):
            await emu.wait_until(lambda: posted() >= servers // 3, timeout=60)
        # Killed part-way: some posted, some claimed in flight, some untouched.
        assert posted() < servers
        clock = ManualClock(clock.now() + dt.timedelta(minutes=1))
        fast = BotOptions(digest_rate=0.0, digest_interval=60.0)
        async with running_bot(world.token, store, clock, options=fast) as bot:
            await emu.wait_until(lambda: bot.scheduler.ticks >= 1, timeout=60)
            # Claims left unconfirmed by the dead process are retried after their lease.
            await clock.advance(dt.timedelta(minutes=6))
            await emu.wait_until(lambda: posted() == servers, timeout=60)
            ticks = bot.scheduler.ticks
            await clock.advance(dt.timedelta(minutes=1))
            await emu.wait_until(lambda: bot.scheduler.ticks > ticks, timeout=60)
        assert [len(emu.messages(c)) for c in channels] == [1] * servers
    finally:
        await store.close()
        restore_endpoints(previous)
        await emu.close()


async def test_one_servers_failure_never_stops_the_others_or_the_loop(testbed: Testbed) -> None:
    emu, world = testbed.emulator, testbed.world
    channels = []
    for name in ("broken", "fine"):
        guild = emu.create_guild(name, owner_id=world.admin_id)
        role = emu.create_role(guild.id, "Newsbrief", BOT_PERMISSIONS)
        emu.add_member(guild.id, world.bot_user_id, roles=[role.id])
        channels.append(emu.create_channel(guild.id, "digest").id)
        await testbed.store.save(
            GuildDigest(guild_id=guild.id, channel_id=channels[-1], time=dt.time(3, 0), timezone="UTC", set_by=None)
        )
    broken_guild = (await testbed.store.enabled())[0].guild_id
    await testbed.store.save(
        GuildDigest(guild_id=-1, channel_id=1, time=dt.time(3, 0), timezone="Mars/Olympus")  # unusable row
    )
    real_post = testbed.bot.scheduler.poster.post

    async def flaky_post(settings: GuildDigest, day: dt.date, *, force: bool = False) -> str:
        if settings.guild_id == broken_guild:
            raise RuntimeError("boom")
        return await real_post(settings, day, force=force)

    testbed.bot.scheduler.poster.post = flaky_post  # type: ignore[method-assign]
    await testbed.advance(dt.timedelta(hours=2))
    posted = [len(emu.messages(c)) for c in channels]
    assert sorted(posted) == [0, 1]
    ticks = testbed.bot.scheduler.ticks
    await testbed.advance(dt.timedelta(minutes=1))
    assert testbed.bot.scheduler.ticks > ticks  # the loop is still running
    assert "10-year" in embed_text(await testbed.command("summary"))
