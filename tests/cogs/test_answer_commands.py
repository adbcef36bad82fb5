"""Every answer command through the real discord.py client, in a server and in a DM."""

from __future__ import annotations

from typing import Any

import pytest

from bot.cogs.quote_button import NextQuoteButton
from bot.testbed import Testbed, buttons, embed_text, is_ephemeral

HEGSETH = "I just met with @rajnathsingh to sign a 10-year US-India Defense Framework."

COMMANDS: list[tuple[str, dict[str, Any], str]] = [
    ("summary", {}, "10-year"),
    ("summary", {"length": "detailed"}, "Kuala Lumpur"),
    ("quote", {"speaker": "Hegseth"}, HEGSETH),
    ("background", {"topic": "tariffs"}, "25% reciprocal tariffs"),
    ("background", {}, "Russian oil"),
    ("facts", {}, "Kuala Lumpur"),
    ("who", {"person": "Rajnath Singh"}, "defence minister"),
    ("timeline", {}, "Last year"),
    ("ask", {"question": "How long is the framework?"}, "10 years"),
    ("articles", {}, "10-year defence framework"),
    ("about", {}, "Content version"),
]


@pytest.mark.parametrize("dm", [False, True], ids=["guild", "dm"])
@pytest.mark.parametrize(("name", "options", "expected"), COMMANDS, ids=[c[0] + str(i) for i, c in enumerate(COMMANDS)])
async def test_command_answers(testbed: Testbed, name: str, options: dict[str, Any], expected: str, dm: bool) -> None:
    message = await testbed.command(name, options, dm=dm)
    assert expected in embed_text(message)
    assert message["embeds"], "answers come as embeds"


@pytest.mark.parametrize("name", ["summary", "facts", "ask", "quote"])
async def test_answers_cite_paragraphs_in_the_footer(testbed: Testbed, name: str) -> None:
    options = {"question": "Where was it signed?"} if name == "ask" else {}
    message = await testbed.command(name, options)
    footer = message["embeds"][-1]["footer"]["text"]
    assert "¶" in footer


async def test_private_makes_the_reply_ephemeral(testbed: Testbed) -> None:
    assert not is_ephemeral(await testbed.command("summary"))
    assert is_ephemeral(await testbed.command("summary", {"private": True}))


async def test_unknown_names_get_a_clear_answer(testbed: Testbed) -> None:
    text = embed_text(await testbed.command("who", {"person": "Napoleon"}))
    assert "Napoleon" in text
    assert "Rajnath Singh" in text  # says who it does know
    text = embed_text(await testbed.command("summary", {"article": "no-such-article"}))
    assert "india-us-defence-framework-2025" in text


async def test_ask_not_covered_says_so_and_suggests(testbed: Testbed) -> None:
    text = embed_text(await testbed.command("ask", {"question": "What is the capital of France?"}))
    assert "don't cover" in text or "not covered" in text or "doesn't cover" in text


async def test_quote_button_shows_the_next_matching_quote(testbed: Testbed) -> None:
    first = await testbed.command("quote", {"speaker": "Singh"})
    [button] = buttons(first)
    assert button["label"] == "Next quote"
    assert first["embeds"][0]["footer"]["text"].endswith("¶3")  # cites only the quote shown
    click = await testbed.emulator.click_button(testbed.world.member_id, message=first, custom_id=button["custom_id"])
    response = await click.response()
    assert response["type"] == 7  # the message is updated in place
    second = response["data"]
    assert embed_text(second) != embed_text(first)
    assert "Defence will remain the major pillar" in embed_text(second) + embed_text(first)
    # The button keeps cycling, and wraps around.
    [again] = buttons(second)
    third = await (
        await testbed.emulator.click_button(testbed.world.member_id, message=first, custom_id=again["custom_id"])
    ).response()
    assert embed_text(third["data"]) == embed_text(first)


async def test_autocomplete_suggests_from_the_content(testbed: Testbed) -> None:
    speakers = await testbed.autocomplete("quote", {"speaker": "heg"}, "speaker")
    assert any("Hegseth" in choice["name"] for choice in speakers)
    people = await testbed.autocomplete("who", {"person": "rajnth"}, "person")
    assert any("Rajnath Singh" in choice["name"] for choice in people)
    topics = await testbed.autocomplete("background", {"topic": "tarif"}, "topic")
    assert topics
    articles = await testbed.autocomplete("summary", {"article": ""}, "article")
    assert any(choice["value"] == "india-us-defence-framework-2025" for choice in articles)
    for choices in (speakers, people, topics, articles):
        assert len(choices) <= 25
        assert all(len(choice["name"]) <= 100 for choice in choices)


async def test_hostile_ask_pings_nobody(testbed: Testbed) -> None:
    question = "@everyone @here <@123> <@&456> what did Hegseth say? " + "\u202e\u200b" * 10
    message = await testbed.command("ask", {"question": question})
    assert message["embeds"]
    callbacks = [r for r in testbed.emulator.request_log if r.route.endswith("/callback")]
    assert callbacks
    for record in callbacks:
        data = record.json.get("data") or {}
        assert data.get("allowed_mentions") == {"parse": []}
    assert "@everyone" not in embed_text(message).replace("@\u200beveryone", "")


async def test_over_long_question_is_refused_by_the_option_limit(testbed: Testbed) -> None:
    message = await testbed.command("ask", {"question": "why " * 1000})
    assert message is not None  # answered (or refused) without crashing the bot
    assert testbed.bot.is_ready()


async def test_quote_buttons_are_not_stored_per_message(testbed: Testbed) -> None:
    """Clicks go through the dynamic item; no per-message view piles up or expires it."""
    for private in (False, True, False):
        await testbed.command("quote", {"speaker": "Singh", "private": private})
    store = testbed.bot._connection._view_store
    assert store._views == {}
    assert any(item is NextQuoteButton for item in store._dynamic_items.values())
