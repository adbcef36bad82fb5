"""What users do: run a slash command, type into an autocomplete, click a button, post.

Each action builds the payload Discord would build and sends it to the bot over the
gateway; interactions come back as records the caller can await.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from bot.emulator import messaging
from bot.emulator.context import Context
from bot.emulator.httputil import Body
from bot.emulator.interactions import (
    BOT_DM_CONTEXT,
    GUILD_CONTEXT,
    InvocationError,
    PayloadBuilder,
    Where,
)
from bot.emulator.payloads import user_json
from bot.emulator.permissions import (
    ADMINISTRATOR,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    base_permissions,
    channel_permissions,
)
from bot.emulator.records import InteractionRecord
from bot.emulator.state import TEXT_CHANNEL, Application, Channel

JSON = dict[str, Any]
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE = 2, 3, 4
_MENTION = re.compile(r"<@!?(\d+)>")


class NotConnectedError(RuntimeError):
    """No gateway session of the application would receive the interaction."""


class UserActions:
    """Drives the bot as users would."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.world = ctx.world
        self.builder = PayloadBuilder(ctx.world)

    def _app(self, application_id: int | None) -> Application:
        if application_id is None:
            return self.world.default_application()
        return self.world.applications[application_id]

    def _where(self, user_id: int, app: Application, guild_id: int | None, channel_id: int | None) -> Where:
        if user_id not in self.world.users:
            raise InvocationError(f"unknown user {user_id}")
        if guild_id is None and channel_id is not None:
            channel = self.world.channels.get(channel_id)
            if channel is None:
                raise InvocationError(f"unknown channel {channel_id}")
            guild_id = channel.guild_id
        if guild_id is None:
            return Where(self.world.dm_channel(user_id, app.bot_user_id), None)
        guild = self.world.guilds[guild_id]
        if user_id not in guild.members:
            raise InvocationError(f"user {user_id} is not a member of guild {guild_id}")
        if app.bot_user_id not in guild.members:
            raise InvocationError(f"the bot is not a member of guild {guild_id}")
        if channel_id is None:
            texts = [c for c in self.world.channels_of_guild(guild_id) if c.type == TEXT_CHANNEL]
            if not texts:
                raise InvocationError(f"guild {guild_id} has no text channel")
            channel_id = texts[0].id
        channel = self.world.channels[channel_id]
        if channel.guild_id != guild_id:
            raise InvocationError(f"channel {channel_id} is not in guild {guild_id}")
        if not channel_permissions(guild, channel, user_id) & VIEW_CHANNEL:
            raise InvocationError(f"user {user_id} cannot see channel {channel_id}")
        return Where(channel, guild)

    def _command(self, app: Application, name: str, user_id: int, where: Where) -> JSON:
        guild_id = where.guild.id if where.guild else None
        command = self.world.find_command(app.id, name, guild_id)
        if command is None:
            raise InvocationError(f"/{name} is not registered (did the bot sync?)")
        contexts = command.get("contexts")
        context = GUILD_CONTEXT if where.guild else BOT_DM_CONTEXT
        if contexts is not None and context not in contexts:
            raise InvocationError(f"/{name} is not available in this context")
        if where.guild is None and command.get("dm_permission") is False:
            raise InvocationError(f"/{name} is guild-only")
        required = command.get("default_member_permissions")
        if where.guild is not None and required is not None:
            perms = base_permissions(where.guild, user_id)
            if not perms & ADMINISTRATOR and perms & int(required) != int(required):
                raise InvocationError(f"user {user_id} may not use /{name}")
        return command

    def _deliver(self, record: InteractionRecord, app: Application) -> InteractionRecord:
        self.ctx.interactions.add(record)
        sent = self.ctx.gateway.dispatch_app(app.id, "INTERACTION_CREATE", record.payload, guild_id=record.guild_id)
        if sent == 0:
            raise NotConnectedError(f"no gateway session of application {app.id} is connected")
        return record

    def _record(
        self, kind: int, app: Application, user_id: int, where: Where, data: JSON, **extra: Any
    ) -> InteractionRecord:
        interaction_id = self.world.new_id()
        token = f"aW50ZXJhY3Rpb246{secrets.token_urlsafe(48)}"
        payload = self.builder.envelope(
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            app=app,
            user_id=user_id,
            where=where,
            data=data,
        )
        if "source_message" in extra:
            payload["message"] = extra["source_message"]
        return InteractionRecord(
            id=interaction_id,
            token=token,
            type=kind,
            application_id=app.id,
            channel_id=where.channel.id,
            guild_id=where.guild.id if where.guild else None,
            user_id=user_id,
            payload=payload,
            **extra,
        )

    async def invoke_command(
        self,
        user_id: int,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        application_id: int | None = None,
    ) -> InteractionRecord:
        """Run /name [subcommand] as the user; guild_id None (and no channel) means a DM."""
        app = self._app(application_id)
        where = self._where(user_id, app, guild_id, channel_id)
        command = self._command(app, name, user_id, where)
        data = self.builder.command_data(
            command, user_id=user_id, where=where, options=options or {}, subcommand=subcommand
        )
        # Discord names the invocation with its subcommand ("digest setup") in message metadata.
        full_name = f"{name} {subcommand}" if subcommand else name
        record = self._record(APPLICATION_COMMAND, app, user_id, where, data, command_name=full_name)
        return self._deliver(record, app)

    async def autocomplete(
        self,
        user_id: int,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        focused: str,
        subcommand: str | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        application_id: int | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the public API
    ) -> list[JSON]:
        """Type into option `focused` and return the choices the bot offers."""
        app = self._app(application_id)
        where = self._where(user_id, app, guild_id, channel_id)
        command = self._command(app, name, user_id, where)
        data = self.builder.command_data(
            command,
            user_id=user_id,
            where=where,
            options=options or {},
            subcommand=subcommand,
            focused=focused,
        )
        record = self._record(AUTOCOMPLETE, app, user_id, where, data, command_name=name)
        self._deliver(record, app)
        await record.response(timeout=timeout)
        return record.choices() or []

    def find_live_message(self, message_id: int) -> JSON | None:
        """The current version of a message, including ephemeral interaction messages."""
        for messages in self.world.messages.values():
            for message in messages:
                if int(message["id"]) == message_id:
                    return message
        for record in self.ctx.interactions.all():
            for candidate in [record.original, *record.followups]:
                if candidate is not None and int(candidate["id"]) == message_id:
                    return candidate
        return None

    async def click_component(
        self,
        user_id: int,
        *,
        message: JSON | int,
        custom_id: str,
        values: list[str] | None = None,
    ) -> InteractionRecord:
        """Click a button (or pick select values) on a message the bot posted."""
        message_id = int(message["id"]) if isinstance(message, dict) else int(message)
        live = self.find_live_message(message_id)
        if live is None:
            raise InvocationError(f"unknown message {message_id}")
        component = self.builder.find_component(live, custom_id)
        if component is None:
            raise InvocationError(f"message {message_id} has no component {custom_id!r}")
        if component.get("disabled"):
            raise InvocationError(f"component {custom_id!r} is disabled")
        app = self._app(int(live.get("application_id") or live["author"]["id"]))
        channel = self.world.channels.get(int(live["channel_id"]))
        if channel is None:
            raise InvocationError(f"the channel of message {message_id} is gone")
        where = self._where(user_id, app, channel.guild_id, channel.id)
        data = self.builder.component_data(component, values)
        record = self._record(MESSAGE_COMPONENT, app, user_id, where, data, source_message=live)
        return self._deliver(record, app)

    async def send_dm(self, user_id: int, content: str, application_id: int | None = None) -> JSON:
        """The user writes to the bot in their DM channel (MESSAGE_CREATE to shard 0)."""
        app = self._app(application_id)
        channel = self.world.dm_channel(user_id, app.bot_user_id)
        return await self._post(user_id, channel, content)

    async def send_message(self, user_id: int, channel_id: int, content: str) -> JSON:
        """The user posts in a guild channel they can write to."""
        channel = self.world.channels.get(channel_id)
        if channel is None or channel.guild_id is None:
            raise InvocationError(f"{channel_id} is not a guild channel")
        guild = self.world.guilds[channel.guild_id]
        needed = VIEW_CHANNEL | SEND_MESSAGES
        if user_id not in guild.members or channel_permissions(guild, channel, user_id) & needed != needed:
            raise InvocationError(f"user {user_id} cannot post in channel {channel_id}")
        return await self._post(user_id, channel, content)

    async def _post(self, user_id: int, channel: Channel, content: str) -> JSON:
        author = self.world.users[user_id]
        message = messaging.build_message(self.ctx, channel, author, Body(json={"content": content}))
        mentioned = {int(m) for m in _MENTION.findall(content)}
        message["mentions"] = [user_json(self.world.users[u]) for u in mentioned if u in self.world.users]
        return await messaging.publish(self.ctx, channel, message)
