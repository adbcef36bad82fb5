"""The session against the real bot in the emulator, in-process: what each typed line prints."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from bot.sandbox.complete import Focus
from bot.sandbox.parse import parse_line
from bot.sandbox.session import Session
from bot.sandbox.show import Style
from bot.sandbox.tour import TOUR
from bot.testbed import Testbed, running_testbed

SETUP = "/digest setup channel:#digest time:09:00 timezone:Asia/Kolkata"  # 03:30 UTC


@dataclass
class Screen:
    lines: list[str] = field(default_factory=list)

    def write(self, text: str) -> None:
        self.lines.append(text)

    def take(self) -> str:
        text = "\n".join(self.lines)
        self.lines.clear()
        return text


@dataclass
class Person:
    session: Session
    screen: Screen

    @property
    def testbed(self) -> Testbed:
        return self.session.testbed

    async def type(self, line: str) -> str:
        assert await self.session.execute(line)
        return self.screen.take()


@pytest.fixture
async def person() -> AsyncIterator[Person]:
    async with running_testbed() as testbed:  # starts 02:00 UTC, 07:30 in Kolkata
        await testbed.wait_for_tick(after=0)
        screen = Screen()
        yield Person(Session(testbed, style=Style(width=100), write=screen.write), screen)


async def test_every_tour_line_parses_against_what_the_bot_registered(person: Person) -> None:
    session = person.session
    for line in TOUR:
        parse_line(line, session.schema, session.directory)
    digest = session.schema.commands["digest"]
    assert digest.admin_only
    assert digest.guild_only
    assert {"setup", "off", "status", "preview", "send-now"} <= set(digest.subcommands)


async def test_a_reply_shows_as_discord_would(person: Person) -> None:
    text = await person.type("/quote speaker:Hegseth")
    assert "Max Member used /quote" in text
    assert "Newsbrief [BOT] · #general" in text
    assert "I just met with @rajnathsingh to sign a 10-year US-India Defense Framework." in text.replace("\n  │ ", " ")
    private = await person.type("/summary private:true")
    assert "(only you can see this)" in private


async def test_buttons_are_clicked_by_their_label(person: Person) -> None:
    first = await person.type("/quote speaker:Singh")
    assert "[Next quote]" in first
    assert person.session.labels == ["Next quote"]
    second = await person.type("[next QUOTE]")
    assert "(updated)" in second
    assert "(2 of 2)" in second
    unknown = await person.type("Previous quote")
    assert "Buttons you can click: Next quote" in unknown
    assert "try /quote speaker:x" in await person.type("quote speaker:x")


async def test_a_dm_question_gets_its_answer(person: Person) -> None:
    text = await person.type("dm what did Singh say?")
    assert "DM with Max Member" in text
    assert "Defence will remain the major pillar" in text.replace("\n  │ ", " ")
    in_dm = await person.type("dm /about")
    assert "About Newsbrief" in in_dm


async def test_what_discord_hides_is_refused_in_its_words(person: Person) -> None:
    text = await person.type("/digest status")
    assert "You don't have permission to use /digest here" in text
    assert "as admin" in text
    await person.type("as admin")
    assert "only works in a server" in await person.type("dm /digest status")
    assert person.session.failures == 0  # refusals are Discord behaving, not the sandbox failing


async def test_a_command_the_bot_fails_on_shows_its_error_reply(
    person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(person.testbed.bot.content.answers, "summary", broken)
    text = await person.type("/summary")
    assert "Something went wrong on my side" in text
    assert "(only you can see this)" in text
    assert "Traceback" not in text
    assert "Quotes by Pete Hegseth" in await person.type("/quote speaker:Hegseth")


async def test_a_tick_stops_at_the_digest_time_it_jumps_over(person: Person) -> None:
    await person.type("as admin")
    assert "Daily digest set: #digest at 09:00 Asia/Kolkata" in await person.type(SETUP)
    text = await person.type("tick 1d")  # 02:00 UTC on the 26th: 09:00 IST on the 25th was on the way
    assert "Thu 26 Nov 2026 02:00 UTC" in text
    assert "Newsbrief [BOT] · #digest" in text
    assert "Newsbrief digest · 25 Nov 2026" in text
    assert text.index("1 d later") < text.index("· #digest")
    text = await person.type("tick 1d")
    assert text.count("· #digest") == 1
    assert "Newsbrief digest · 26 Nov 2026" in text
    assert len(person.testbed.emulator.messages(person.testbed.world.digest_id)) == 2
    assert "26 Nov 2026 posted" in await person.type("/digest status")


async def test_a_digest_set_up_after_its_time_posts_in_the_next_minute() -> None:
    late = dt.datetime(2026, 11, 25, 6, 0, tzinfo=dt.UTC)  # 11:30 in Kolkata
    async with running_testbed(start=late) as testbed:
        await testbed.wait_for_tick(after=0)
        screen = Screen()
        person = Person(Session(testbed, style=Style(), write=screen.write, user="admin"), screen)
        assert "due now" in await person.type(SETUP)
        text = await person.type("tick 30m")
        assert "Newsbrief digest · 25 Nov 2026" in text


async def test_posts_landing_between_commands_are_printed(person: Person) -> None:
    watcher = asyncio.create_task(person.session.watch())
    try:
        await person.type("as admin")
        await person.type(SETUP)
        # Someone else (another admin, say) posts the digest while this person sits at the prompt.
        await person.testbed.command("digest", subcommand="send-now", user="admin")
        await person.testbed.emulator.wait_until(lambda: "· #digest" in "\n".join(person.screen.lines), timeout=5)
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
    assert "Newsbrief digest · 25 Nov 2026" in person.screen.take()


async def test_completion_asks_the_bots_autocomplete(person: Person) -> None:
    session = person.session
    assert await session.autocomplete(Focus("quote", None, "speaker", "Heg", {})) == ["pete-hegseth"]
    session.user = "admin"
    zones = await session.autocomplete(
        Focus("digest", "setup", "timezone", "Asia/Kol", {"channel": "#digest", "time": "nine"})
    )
    assert zones[0] == "Asia/Kolkata"
    assert session.hidden_commands() == set()
    session.user = "member"  # Discord hides /digest from members, so nothing is offered
    assert session.hidden_commands() == {"digest"}
    assert await session.autocomplete(Focus("digest", "setup", "timezone", "Asia", {})) == []


async def test_help_lists_every_command_and_the_sandbox_words(person: Person) -> None:
    text = await person.type("help")
    for name in person.session.schema.names:
        assert f"/{name}" in text
    for word in ("dm <text>", "as admin", "tick 1d", "Next quote", "quit"):
        assert word in text
    digest = await person.type("help /digest")
    assert "/digest setup" in digest
    assert "e.g. /digest setup channel:<channel> time:<text> timezone:<text>" in digest
    assert "No command /nope" in await person.type("help nope")


async def test_typing_mistakes_are_explained_and_counted(person: Person) -> None:
    text = await person.type("/quote topc:era")
    assert "Did you mean topic:?" in text
    assert person.session.failures == 1
    assert not await person.session.execute("quit")


async def test_posts_in_any_channel_show_once_and_replies_are_not_repeated(person: Person) -> None:
    await person.type("as admin")
    await person.type("/digest setup channel:#general time:09:00 timezone:Asia/Kolkata")
    text = await person.type("/digest send-now")
    assert "Today's digest is posted in #general" in text
    assert text.count("Newsbrief digest · 25 Nov 2026") == 1
    again = await person.type("/quote speaker:Hegseth")
    assert "Newsbrief digest" not in again
    assert again.count("Quotes by Pete Hegseth") == 1
