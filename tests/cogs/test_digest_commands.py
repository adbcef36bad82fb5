"""`/digest` end to end: who may set it up, posting at the local time, failures reported."""

from __future__ import annotations

import datetime as dt

import discord
import pytest

from bot.emulator import InvocationError
from bot.testbed import BOT_PERMISSIONS, Testbed, embed_text, is_ephemeral

SETUP = {"time": "09:00", "timezone": "Asia/Kolkata"}  # 03:30 UTC; the testbed starts at 02:00 UTC


async def setup_digest(testbed: Testbed, user: str = "admin") -> dict[str, object]:
    options = {"channel": testbed.world.digest_id, **SETUP}
    return await testbed.command("digest", options, subcommand="setup", user=user)


async def test_admin_setup_is_saved_and_confirmed(testbed: Testbed) -> None:
    reply = await setup_digest(testbed)
    assert is_ephemeral(reply)
    assert "09:00 Asia/Kolkata" in embed_text(reply)
    saved = await testbed.store.get(testbed.world.guild_id)
    assert saved is not None
    assert (saved.channel_id, saved.time, saved.timezone) == (testbed.world.digest_id, dt.time(9, 0), "Asia/Kolkata")
    assert saved.set_by == testbed.world.admin_id


async def test_non_admin_is_refused_and_nothing_is_saved(testbed: Testbed) -> None:
    # Discord itself hides /digest from members without Manage Server...
    with pytest.raises(InvocationError):
        await setup_digest(testbed, user="member")
    # ...until a server overrides that in its integration settings; the runtime check still refuses.
    command = testbed.emulator.world.find_command(testbed.world.bot_user_id, "digest", testbed.world.guild_id)
    assert command is not None
    command["default_member_permissions"] = None
    reply = await setup_digest(testbed, user="member")
    assert is_ephemeral(reply)
    assert "Manage" in embed_text(reply)
    assert await testbed.store.get(testbed.world.guild_id) is None


async def test_digest_is_declared_for_server_managers_and_guilds_only(testbed: Testbed) -> None:
    [digest] = [c for c in testbed.emulator.registered_commands() if c["name"] == "digest"]
    assert int(digest["default_member_permissions"]) == discord.Permissions(manage_guild=True).value
    assert digest.get("contexts") == [0]


async def test_digest_in_a_dm_is_refused(testbed: Testbed) -> None:
    with pytest.raises(InvocationError):  # Discord does not offer it in DMs...
        await testbed.command("digest", subcommand="status", user="admin", dm=True)
    command = testbed.emulator.world.find_command(testbed.world.bot_user_id, "digest", None)
    assert command is not None
    command["contexts"] = None  # ...and if it ever did (stale metadata), the runtime check refuses.
    command["dm_permission"] = True
    reply = await testbed.command("digest", subcommand="status", user="admin", dm=True)
    assert "server" in embed_text(reply)


async def test_bad_time_and_timezone_are_explained(testbed: Testbed) -> None:
    options = {"channel": testbed.world.digest_id, "time": "9am", "timezone": "Asia/Kolkata"}
    assert "HH:MM" in embed_text(await testbed.command("digest", options, subcommand="setup", user="admin"))
    options = {"channel": testbed.world.digest_id, "time": "09:00", "timezone": "Mars/Olympus"}
    assert "IANA" in embed_text(await testbed.command("digest", options, subcommand="setup", user="admin"))
    assert await testbed.store.get(testbed.world.guild_id) is None


async def test_setup_refuses_a_channel_the_bot_cannot_post_in(testbed: Testbed) -> None:
    testbed.emulator.set_overwrite(
        testbed.world.digest_id, testbed.world.bot_role_id, deny=discord.Permissions(embed_links=True).value
    )
    await testbed.emulator.wait_until(
        lambda: (
            not testbed.bot.get_channel(testbed.world.digest_id)
            .permissions_for(testbed.bot.get_guild(testbed.world.guild_id).me)  # type: ignore[union-attr]
            .embed_links
        ),  # type: ignore[union-attr]
        timeout=5,
    )
    reply = await setup_digest(testbed)
    assert "Embed Links" in embed_text(reply)
    assert await testbed.store.get(testbed.world.guild_id) is None


async def test_digest_posts_at_the_local_time_once(testbed: Testbed) -> None:
    await setup_digest(testbed)
    await testbed.advance(dt.timedelta(hours=1))  # 03:00 UTC = 08:30 in Kolkata
    assert testbed.emulator.messages(testbed.world.digest_id) == []
    await testbed.advance(dt.timedelta(minutes=31))  # 09:01 in Kolkata
    [posted] = await testbed.emulator.wait_for_messages(testbed.world.digest_id, count=1, timeout=10)
    assert "Quote of the day" in embed_text(posted)
    await testbed.advance(dt.timedelta(hours=2))
    assert len(testbed.emulator.messages(testbed.world.digest_id)) == 1
    status = embed_text(await testbed.command("digest", subcommand="status", user="admin"))
    assert "posted" in status
    assert "Thu 26 Nov 2026, 09:00 IST" in status  # next post, in the server's local time
    # The next local day posts again.
    await testbed.advance(dt.timedelta(hours=22))
    await testbed.emulator.wait_for_messages(testbed.world.digest_id, count=2, timeout=10)


async def test_send_now_posts_today_once_and_preview_is_private(testbed: Testbed) -> None:
    await setup_digest(testbed)
    preview = await testbed.command("digest", subcommand="preview", user="admin")
    assert is_ephemeral(preview)
    assert "Quote of the day" in embed_text(preview)
    assert testbed.emulator.messages(testbed.world.digest_id) == []
    first = await testbed.command("digest", subcommand="send-now", user="admin")
    assert "posted in" in embed_text(first)
    second = await testbed.command("digest", subcommand="send-now", user="admin")
    assert "already posted" in embed_text(second)
    # When the scheduled time comes, it is not posted again.
    await testbed.advance(dt.timedelta(hours=2))
    assert len(testbed.emulator.messages(testbed.world.digest_id)) == 1


async def test_off_stops_the_digest(testbed: Testbed) -> None:
    await setup_digest(testbed)
    assert "turned off" in embed_text(await testbed.command("digest", subcommand="off", user="admin"))
    await testbed.advance(dt.timedelta(hours=2))
    assert testbed.emulator.messages(testbed.world.digest_id) == []
    assert "off" in embed_text(await testbed.command("digest", subcommand="status", user="admin"))


async def test_deleted_channel_is_recorded_reported_and_admin_told_once(testbed: Testbed) -> None:
    await setup_digest(testbed)
    await testbed.emulator.delete_channel(testbed.world.digest_id)
    await testbed.advance(dt.timedelta(hours=2))
    saved = await testbed.store.get(testbed.world.guild_id)
    assert saved is not None
    assert saved.enabled  # settings kept
    assert saved.last_error is not None
    assert "no longer exists" in saved.last_error
    dm_channel = testbed.emulator.dm_channel_id(testbed.world.admin_id)
    assert dm_channel is not None
    [notice] = testbed.emulator.messages(dm_channel)
    assert "couldn't post the daily digest" in notice["content"]
    assert "no longer exists" in embed_text(await testbed.command("digest", subcommand="status", user="admin"))
    # Next day fails again, but the admin is not told twice.
    await testbed.advance(dt.timedelta(days=1))
    assert len(testbed.emulator.messages(dm_channel)) == 1


async def test_revoked_permission_is_recorded_and_the_rest_goes_on(testbed: Testbed) -> None:
    await setup_digest(testbed)
    testbed.emulator.set_role_permissions(testbed.world.guild_id, testbed.world.bot_role_id, 0)
    testbed.emulator.set_overwrite(testbed.world.digest_id, testbed.world.bot_role_id, deny=BOT_PERMISSIONS.value)
    await testbed.advance(dt.timedelta(hours=2))
    saved = await testbed.store.get(testbed.world.guild_id)
    assert saved is not None
    assert saved.last_error is not None
    assert "permission" in saved.last_error
    assert testbed.emulator.messages(testbed.world.digest_id) == []
    # Commands still work.
    assert "10-year" in embed_text(await testbed.command("summary"))
