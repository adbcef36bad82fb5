"""Plain-text DMs: questions, help, the per-user limit, owner reload."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.settings import default_content_dir
from bot.testbed import Testbed, embed_text, running_testbed


async def test_a_dm_question_gets_the_ask_answer(testbed: Testbed) -> None:
    reply = await testbed.dm("what did Hegseth say?")
    text = embed_text(reply)
    assert "I just met with @rajnathsingh" in text
    assert "¶7" in text or "¶ 7" in text


async def test_help_lists_what_the_bot_can_do(testbed: Testbed) -> None:
    reply = await testbed.dm("help")
    assert "/ask" in reply["content"]
    assert "/digest setup" in reply["content"]


async def test_the_bot_never_answers_itself(testbed: Testbed) -> None:
    await testbed.dm("How long is the framework?")
    channel_id = testbed.emulator.dm_channel_id(testbed.world.member_id)
    assert channel_id is not None
    messages = testbed.emulator.messages(channel_id)
    assert len(messages) == 2  # the question and one answer, no echo loop


async def test_each_user_is_rate_limited_with_one_friendly_notice(testbed: Testbed) -> None:
    burst = testbed.bot.options.dm_burst
    for _ in range(burst):
        await testbed.dm("tariffs")
    notice = await testbed.dm("tariffs")
    assert "faster than I can keep up" in notice["content"]
    channel_id = testbed.emulator.dm_channel_id(testbed.world.member_id)
    assert channel_id is not None
    count = len(testbed.emulator.messages(channel_id))
    await testbed.emulator.send_dm(testbed.world.member_id, "tariffs again")
    # Another user is unaffected, and the limited one gets no second notice.
    reply = await testbed.dm("tariffs", user="admin")
    assert "25%" in embed_text(reply)
    assert len(testbed.emulator.messages(channel_id)) == count + 1


async def test_hostile_dm_pings_nobody(testbed: Testbed) -> None:
    await testbed.dm("@everyone @here what about " + "x" * 5000)
    sends = [
        r for r in testbed.emulator.request_log if r.method == "POST" and r.route == "/channels/{channel_id}/messages"
    ]
    assert sends
    assert all(r.json.get("allowed_mentions") == {"parse": []} for r in sends)


async def test_owner_reload_keeps_old_content_when_new_is_broken(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(default_content_dir(), content)
    async with running_testbed(content_dir=content) as testbed:
        article = next((content / "articles").glob("*.yaml"))
        article.write_text(article.read_text(encoding="utf-8").replace("title:", "title: [broken", 1), encoding="utf-8")
        reply = await testbed.dm("reload", user="admin")
        assert "kept the old" in reply["content"]
        assert f"{article.name}:" in reply["content"]
        assert "10-year" in embed_text(await testbed.command("summary"))
        # A member cannot reload: it is just a question to them.
        assert "kept the old" not in embed_text(await testbed.dm("reload"))
        # Fixed content is picked up.
        article.write_text(
            article.read_text(encoding="utf-8").replace(
                "title: [broken India and the US sign a 10-year defence framework",
                "title: India and the US agree a decade-long defence framework",
            ),
            encoding="utf-8",
        )
        reply = await testbed.dm("reload", user="admin")
        assert "Content reloaded" in reply["content"]
        assert "decade-long" in embed_text(await testbed.command("summary"))
