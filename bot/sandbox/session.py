"""One person's session in the demo server: who they are, what they last saw, what time it is.

The session turns parsed lines into actions on the emulator (as the current demo user), and
prints what that user would see: the bot's replies, and posts landing in #digest or in a DM.
It never raises out of `execute`: a failure is shown and the prompt comes back.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import discord

from bot.digest.schedule import ScheduleError, local_date, parse_timezone, scheduled_instant
from bot.emulator import InvocationError, NotConnectedError
from bot.emulator.permissions import base_permissions
from bot.sandbox.complete import Focus
from bot.sandbox.parse import (
    Action,
    DirectMessage,
    Directory,
    Help,
    ParseError,
    Quit,
    Slash,
    SwitchUser,
    Tick,
    Words,
    convert,
    example,
    parse_line,
)
from bot.sandbox.schema import CommandSpec, Schema
from bot.sandbox.show import Names, Style, buttons, paint, show_message
from bot.testbed import Testbed

log = logging.getLogger(__name__)

JSON = dict[str, Any]
Write = Callable[[str], None]
UPDATE_MESSAGE, DEFERRED_UPDATE = 7, 6
WATCH_POLL = 0.5  # seconds; also how long a swallowed cancel can delay quitting


class Session:
    """The REPL's state around a running testbed; `execute` runs one typed line."""

    def __init__(
        self,
        testbed: Testbed,
        *,
        style: Style,
        write: Write,
        user: str = "member",
        reply_timeout: float = 10.0,
    ) -> None:
        self.testbed = testbed
        self.style = style
        self.write = write
        self.user = user
        self.reply_timeout = reply_timeout
        self.failures = 0
        emulator, world = testbed.emulator, testbed.world
        registered = emulator.registered_commands() + emulator.registered_commands(world.guild_id)
        self.schema = Schema.from_registered(registered)
        guild = emulator.world.guilds[world.guild_id]
        channels = {emulator.world.channels[c].name: c for c in guild.channel_ids if c in emulator.world.channels}
        self.directory = Directory(
            channels=channels,
            users=dict(testbed.users),
            roles={r.name: r.id for r in guild.roles.values() if r.id != guild.id},
        )
        self.names = Names(
            channels={snowflake: name for name, snowflake in channels.items()},
            users={u.id: u.global_name or u.name for u in emulator.world.users.values()},
            roles={r.id: r.name for r in guild.roles.values()},
        )
        self._buttons_message: JSON | None = None
        self._hidden: frozenset[str] = frozenset()
        self._hidden_for: str | None = None
        self._seen: dict[int, int] = {}
        self._idle = asyncio.Event()
        self._idle.set()
        for channel_id in self._watched():
            self._seen[channel_id] = len(emulator.messages(channel_id))
        self.hidden_commands()

    # ---- what the prompt shows ----

    @property
    def prompt(self) -> str:
        return f"{self.user}> "

    @property
    def labels(self) -> list[str]:
        """Labels of the buttons one can click now (on the last message that had any)."""
        if self._buttons_message is None:
            return []
        return [str(b.get("label") or "") for b in buttons(self._buttons_message) if b.get("label")]

    def display_name(self, user: str) -> str:
        return self.names.users.get(self.testbed.users[user], user)

    def can_manage_server(self, user: str) -> bool:
        guild = self.testbed.emulator.world.guilds[self.testbed.world.guild_id]
        permissions = discord.Permissions(base_permissions(guild, self.testbed.users[user]))
        return permissions.manage_guild or permissions.administrator

    def hidden_commands(self) -> frozenset[str]:
        """Commands Discord would not show the current user (server-manager ones, for a member).

        Worked out on the event loop when the user changes: Tab completion asks from the input
        thread, which must not walk the emulator's state while the loop changes it.
        """
        if self._hidden_for != self.user:
            manager = self.can_manage_server(self.user)
            self._hidden = frozenset(n for n, spec in self.schema.commands.items() if spec.admin_only and not manager)
            self._hidden_for = self.user
        return self._hidden

    def welcome(self) -> str:
        channels = ", ".join(f"#{c}" for c in self.directory.channels)
        users = " and ".join(f"{self.display_name(u)} ({u})" for u in self.testbed.users)
        return "\n".join(
            [
                paint("Newsbrief sandbox", ["bold"], self.style)
                + f": the real bot in a local Discord server with {channels}, {users}.",
                f"You are {self.display_name(self.user)}. {self._clock_text()}",
                "Try /quote speaker:Hegseth, dm what did Singh say?, or help. Tab completes; quit or Ctrl-D leaves.",
            ]
        )

    # ---- running a line ----

    async def execute(self, line: str) -> bool:
        """Run one typed line and print what happens; False when the person asked to quit."""
        self._idle.clear()
        try:
            try:
                action = parse_line(line, self.schema, self.directory)
            except ParseError as exc:
                self.failures += 1
                self._notice(str(exc), error=True)
                return True
            if action is None:
                return True
            if isinstance(action, Quit):
                return False
            await self._dispatch(action)
        except Exception as exc:  # the prompt must survive anything one line does
            self.failures += 1
            log.warning("sandbox line %r failed", line, exc_info=True)
            self._notice(f"That went wrong in the sandbox: {type(exc).__name__}: {exc}", error=True)
        finally:
            self.show_new_posts()
            self._idle.set()
        return True

    async def _dispatch(self, action: Action) -> None:
        if isinstance(action, Slash):
            await self._slash(action)
        elif isinstance(action, DirectMessage):
            await self._direct_message(action.text)
        elif isinstance(action, SwitchUser):
            self.user = action.user
            self.hidden_commands()
            role = "can manage the server (/digest)" if self.can_manage_server(self.user) else "a member"
            self._notice(f"You are now {self.display_name(self.user)} ({self.user}), {role}.")
        elif isinstance(action, Tick):
            await self.tick(action.delta)
        elif isinstance(action, Help):
            self.write(self.help_text(action.topic))
        elif isinstance(action, Words):
            await self._words(action.text)

    async def _slash(self, action: Slash) -> None:
        try:
            record = await self.testbed.invoke(
                action.command, action.options, user=self.user, subcommand=action.subcommand, dm=action.in_dm
            )
        except InvocationError as exc:
            self._notice(self._refusal(action, exc), error=True)
            return
        except NotConnectedError:
            self.failures += 1
            self._notice("Newsbrief is offline (not connected to the gateway).", error=True)
            return
        try:
            message = await record.final_message(timeout=self.reply_timeout)
        except TimeoutError:
            self.failures += 1
            self._notice("The application did not respond.", error=True)
            return
        self._show(message, self._where(message))
        for followup in list(record.followups):
            self._show(followup, self._where(followup))

    def _refusal(self, action: Slash, exc: InvocationError) -> str:
        """What Discord's client would say (or hide) instead of the emulator's wording."""
        spec = self.schema.get(action.command)
        if spec is not None and action.in_dm and spec.guild_only:
            return f"/{action.command} only works in a server, not in DMs."
        if spec is not None and spec.admin_only and not self.can_manage_server(self.user):
            return (
                f"You don't have permission to use /{action.command} here "
                "(Discord shows it only to people who can Manage Server; try: as admin)."
            )
        return f"Discord would not send that: {exc}"

    async def _direct_message(self, text: str) -> None:
        emulator = self.testbed.emulator
        user_id = self.testbed.users[self.user]
        sent = await emulator.send_dm(user_id, text)
        channel_id = int(sent["channel_id"])
        index = next(i for i, m in enumerate(emulator.messages(channel_id)) if m["id"] == sent["id"])
        try:
            await emulator.wait_for_messages(channel_id, count=index + 2, timeout=self.reply_timeout)
        except TimeoutError:
            self._notice("Newsbrief did not reply.", error=True)

    async def _words(self, text: str) -> None:
        wanted = text.strip().strip("[]").strip().casefold()
        message = self._buttons_message
        button = next(
            (b for b in buttons(message or {}) if str(b.get("label") or "").casefold() == wanted),
            None,
        )
        if message is None or button is None:
            self.failures += 1
            self._notice(self._unknown_words(text), error=True)
            return
        record = await self.testbed.emulator.click_button(
            self.testbed.users[self.user], message=message, custom_id=str(button["custom_id"])
        )
        try:
            response = await record.response(timeout=self.reply_timeout)
            updated = await record.final_message(timeout=self.reply_timeout)
        except TimeoutError:
            self.failures += 1
            self._notice("This interaction failed (the application did not respond).", error=True)
            return
        in_place = response.get("type") in (UPDATE_MESSAGE, DEFERRED_UPDATE)
        self._show(updated, self._where(updated), updated=in_place)

    def _unknown_words(self, text: str) -> str:
        first = text.split()[0].lower()
        if first in self.schema.commands:
            return f"Slash commands start with /: try /{text.strip()}"
        if self.labels:
            shown = ", ".join(self.labels)
            return f"{text.strip()!r} is not something I know. Buttons you can click: {shown}. Type help for more."
        return f"{text.strip()!r} is not something I know. Type help to see what you can do."

    # ---- time ----

    async def tick(self, delta: dt.timedelta) -> None:
        """Move the bot's clock, stopping at each digest's local time so none is skipped.

        The first minute is its own step: on Discord the scheduler would already have looked at
        "now" (a digest set up after its time posts straight away), but the sandbox clock stands
        still between commands.
        """
        clock = self.testbed.clock
        target = clock.now() + delta
        interval = dt.timedelta(seconds=self.testbed.bot.options.digest_interval)
        await self._advance_to(min(clock.now() + interval, target))
        for stop in await self._digest_instants(clock.now(), target):
            await self._advance_to(stop)
        await self._advance_to(target)
        self._notice(f"{_duration(delta)} later. {self._clock_text()}")

    async def _digest_instants(self, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        instants: set[dt.datetime] = set()
        for settings in await self.testbed.store.enabled():
            try:
                zone = parse_timezone(settings.timezone)
            except ScheduleError:
                continue
            day = local_date(start, zone)
            while day <= local_date(end, zone):
                moment = scheduled_instant(day, settings.time, zone)
                if start < moment <= end:
                    instants.add(moment)
                day += dt.timedelta(days=1)
        return sorted(instants)

    async def _advance_to(self, moment: dt.datetime) -> None:
        """Set the clock; when the scheduler is due to wake, wait until it has looked at the new time."""
        clock, scheduler = self.testbed.clock, self.testbed.bot.scheduler
        interval = dt.timedelta(seconds=self.testbed.bot.options.digest_interval)
        step = moment - clock.now()
        if step <= dt.timedelta():
            return
        ticks = scheduler.ticks
        await clock.set(moment)
        if step >= interval and self.testbed.bot.options.run_scheduler:
            await self.testbed.wait_for_tick(after=ticks)

    def _clock_text(self) -> str:
        now = self.testbed.clock.now()
        return f"Sandbox clock: {now:%a %d %b %Y %H:%M} UTC."

    # ---- posts that land on their own ----

    def _watched(self) -> list[int]:
        """Every channel of the demo server, and the DMs the demo users have with the bot."""
        emulator = self.testbed.emulator
        watched = list(self.names.channels)
        for user_id in self.testbed.users.values():
            channel_id = emulator.dm_channel_id(user_id)
            if channel_id is not None:
                watched.append(channel_id)
        return watched

    def show_new_posts(self) -> None:
        """Print what the bot posted on its own (digests, DM answers, notices) since last time.

        Replies to commands and button clicks are left out: the command that caused them has
        shown them already.
        """
        emulator = self.testbed.emulator
        for channel_id in self._watched():
            messages = emulator.messages(channel_id)
            for message in messages[self._seen.get(channel_id, 0) :]:
                if (message.get("author") or {}).get("bot") and not _is_interaction_reply(message):
                    self._show(message, self._where(message))
            self._seen[channel_id] = len(messages)

    async def watch(self) -> None:
        """Print #digest posts as they land, once no command is running (the command prints its own).

        Waits are short and the loop checks for a pending cancel itself: on Python 3.11,
        asyncio.wait_for can swallow a cancel that arrives just as its inner wait finishes, and
        the emulator's waits are built on it.
        """
        digest_id = self.testbed.world.digest_id
        task = asyncio.current_task()
        while task is None or not task.cancelling():
            try:
                await self.testbed.emulator.wait_for_messages(
                    digest_id, count=self._seen.get(digest_id, 0) + 1, timeout=WATCH_POLL
                )
            except TimeoutError:
                continue
            await self._idle.wait()
            self.show_new_posts()
        raise asyncio.CancelledError

    # ---- completion ----

    async def autocomplete(self, focus: Focus) -> list[str]:
        """Values the bot's own autocomplete offers for the option being typed (empty on any refusal)."""
        spec = self._spec(focus.command, focus.subcommand)
        options: dict[str, Any] = {}
        for name, raw in focus.options.items():
            option = spec.option(name) if spec else None
            if option is None or not raw:
                continue
            try:
                options[name] = convert(option, raw, self.directory, focus.command)
            except ParseError:
                continue
        options[focus.option] = focus.typed
        try:
            choices = await self.testbed.autocomplete(
                focus.command, options, focus.option, user=self.user, subcommand=focus.subcommand
            )
        except (InvocationError, NotConnectedError, TimeoutError):
            return []
        return [str(c.get("value", c.get("name"))) for c in choices]

    def _spec(self, command: str, subcommand: str | None) -> CommandSpec | None:
        spec = self.schema.get(command)
        for part in (subcommand or "").split():
            spec = spec.subcommands.get(part) if spec else None
        return spec

    # ---- help ----

    def help_text(self, topic: str | None = None) -> str:
        if topic:
            return self._command_help(topic.strip().lstrip("/").lower())
        lines = [paint("Slash commands", ["bold"], self.style) + " (type them as in Discord; Tab completes):"]
        for spec in self.schema.commands.values():
            usage = " ".join(f"{o.name}:" if o.required else f"[{o.name}:]" for o in spec.options)
            if spec.subcommands:
                usage = "|".join(spec.subcommands)
            marker = " (server managers)" if spec.admin_only else ""
            lines.append(f"  /{spec.name} {usage}".rstrip() + f"  - {spec.description}{marker}")
        words = [
            ("dm <text>", "send the bot a direct message (dm /about runs a command in the DM)"),
            (" | ".join(f"as {u}" for u in self.testbed.users), f"switch user (now: {self.user})"),
            ("tick 1d | 2h | 30m", "move the bot's clock; digests post when their local time comes"),
            ("<button label>", "click a button on the last message, e.g. Next quote"),
            ("help /command", "one command's options"),
            ("quit", "leave (Ctrl-D too)"),
        ]
        column = max(len(left) for left, _ in words) + 2
        lines += ["", paint("Sandbox", ["bold"], self.style) + ":"]
        lines += [f"  {left.ljust(column)}{right}" for left, right in words]
        return "\n".join(lines)

    def _command_help(self, name: str) -> str:
        spec = self.schema.get(name)
        if spec is None:
            return f"No command /{name}. Commands: " + ", ".join(f"/{n}" for n in self.schema.names)
        lines = [paint(f"/{spec.name}", ["bold"], self.style) + f"  {spec.description}"]
        parts = [(f"/{spec.name} {sub}", s) for sub, s in spec.subcommands.items()] or [(f"/{spec.name}", spec)]
        for where, part in parts:
            if spec.subcommands:
                lines.append(f"  {where}  - {part.description}")
            for option in part.options:
                need = "required" if option.required else "optional"
                choices = f"; one of {', '.join(c.name for c in option.choices)}" if option.choices else ""
                lines.append(f"    {option.name}: {option.description} ({option.kind}, {need}{choices})")
            if any(o.required for o in part.options):
                lines.append(f"    e.g. {example(where, part)}")
        return "\n".join(lines)

    # ---- printing ----

    def _where(self, message: JSON) -> str:
        channel_id = int(message.get("channel_id") or 0)
        if channel_id in self.names.channels:
            return f"#{self.names.channels[channel_id]}"
        for user, user_id in self.testbed.users.items():
            if self.testbed.emulator.dm_channel_id(user_id) == channel_id:
                return f"DM with {self.display_name(user)}"
        return "DM"

    def _show(self, message: JSON, where: str, *, updated: bool = False) -> None:
        self.write(show_message(message, names=self.names, style=self.style, where=where, updated=updated))
        if buttons(message):
            self._buttons_message = message

    def _notice(self, text: str, *, error: bool = False) -> None:
        self.write(paint(("✗ " if error else "» ") + text, ["bold" if error else "dim"], self.style))


def _is_interaction_reply(message: JSON) -> bool:
    return bool(message.get("interaction") or message.get("interaction_metadata") or message.get("webhook_id"))


def _duration(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    return " ".join(p for p in parts if p) or f"{int(delta.total_seconds())} s"
