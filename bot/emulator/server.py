"""The Emulator: one aiohttp server (REST, gateway, control API) on a real TCP port.

This class is the public face: it starts and stops the server, exposes the world
building, user actions and faults, and answers questions tests ask.
"""

from __future__ import annotations

import copy
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.emulator import control, rest
from bot.emulator.actions import UserActions
from bot.emulator.context import CONTEXT_KEY, Context
from bot.emulator.editor import WorldEditor
from bot.emulator.faults import FaultInjector
from bot.emulator.gateway import Gateway
from bot.emulator.ratelimit import CHANNEL_MESSAGES, DEFAULT_BUCKET, BucketSpec, RateLimiter
from bot.emulator.records import InteractionRecord, RequestRecord
from bot.emulator.state import TEXT_CHANNEL, Application, Channel, Guild, Member, Overwrite, Role, User, World
from bot.emulator.waiting import Changes

JSON = dict[str, Any]


class Emulator:
    """A Discord-compatible server for the real discord.py client, on 127.0.0.1."""

    def __init__(
        self,
        global_rate_limit: float | None = 50.0,
        *,
        channel_message_limit: BucketSpec | None = CHANNEL_MESSAGES,
        route_limit: BucketSpec | None = DEFAULT_BUCKET,
        heartbeat_interval_ms: int = 41_250,
        interaction_timeout: float = 3.0,
        keep_request_log: bool = True,
    ) -> None:
        world = World()
        changes = Changes()
        specs: dict[str, BucketSpec] = {}
        if channel_message_limit is not None:
            specs["POST /channels/{channel_id}/messages"] = channel_message_limit
        self._ctx = Context(
            world=world,
            gateway=Gateway(world, changes, heartbeat_interval_ms=heartbeat_interval_ms),
            limiter=RateLimiter(global_rate_limit, specs, route_limit),
            changes=changes,
            keep_request_log=keep_request_log,
            interaction_timeout=interaction_timeout,
        )
        self._editor = WorldEditor(self._ctx)
        self._actions = UserActions(self._ctx)
        self._runner: web.AppRunner | None = None
        self._host = "127.0.0.1"
        self._port = 0

    # ---- lifecycle ----

    def build_app(self) -> web.Application:
        """The aiohttp application (REST under /api/v10, gateway at /, control at /_emulator)."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app[CONTEXT_KEY] = self._ctx
        rest.register(app)
        control.register(app, self)
        app.router.add_get("/", self._ctx.gateway.handle)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on a real TCP port (0 picks a free one)."""
        if self._runner is not None:
            raise RuntimeError("emulator already started")
        runner = web.AppRunner(self.build_app(), handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self._host = host
        self._port = sockets[0].getsockname()[1] if sockets else port
        self._ctx.gateway.url = self.gateway_url

    async def close(self) -> None:
        """Close gateway sockets and stop listening."""
        if self._runner is None:
            return
        await self._ctx.gateway.close_all()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def port(self) -> int:
        """The TCP port listened on."""
        return self._port

    @property
    def base_url(self) -> str:
        """http://host:port"""
        return f"http://{self._host}:{self._port}"

    @property
    def api_base(self) -> str:
        """What discord.http.Route.BASE should be."""
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """What DiscordWebSocket.DEFAULT_GATEWAY should be (discord.py appends the query)."""
        return f"ws://{self._host}:{self._port}/"

    @property
    def control_url(self) -> str:
        """Base of the HTTP control API."""
        return f"{self.base_url}/_emulator"

    # ---- building the world ----

    @property
    def world(self) -> World:
        """The live state (read it; change it through the methods below)."""
        return self._ctx.world

    def create_application(self, name: str = "Newsbrief", token: str | None = None) -> Application:
        """A bot application; its id is also the bot user's id."""
        return self._editor.create_application(name, token)

    def create_user(self, name: str, *, global_name: str | None = None) -> User:
        """A human user."""
        return self._editor.create_user(name, global_name=global_name)

    def create_guild(self, name: str, owner_id: int | None = None) -> Guild:
        """A guild; its @everyone role has the guild's id."""
        return self._editor.create_guild(name, owner_id)

    def create_role(self, guild_id: int, name: str, permissions: Any = 0) -> Role:
        """A role; `permissions` is an int or a discord.Permissions."""
        return self._editor.create_role(guild_id, name, permissions)

    def add_member(
        self, guild_id: int, user_id: int, roles: list[int] | None = None, nick: str | None = None
    ) -> Member:
        """Add a user, or the bot (app.bot_user_id), to a guild."""
        return self._editor.add_member(guild_id, user_id, roles, nick)

    def create_channel(
        self,
        guild_id: int,
        name: str,
        type: int = TEXT_CHANNEL,
        *,
        topic: str | None = None,
        parent_id: int | None = None,
    ) -> Channel:
        """A guild channel (type 0 text by default)."""
        return self._editor.create_channel(guild_id, name, type, topic=topic, parent_id=parent_id)

    def set_overwrite(
        self, channel_id: int, target_id: int, *, allow: Any = 0, deny: Any = 0, type: int = 0
    ) -> Overwrite:
        """A permission overwrite for a role (type 0) or member (type 1)."""
        return self._editor.set_overwrite(channel_id, target_id, allow=allow, deny=deny, type=type)

    def set_role_permissions(self, guild_id: int, role_id: int, permissions: Any) -> Role:
        """Change a role's permissions (take one away, give one)."""
        return self._editor.set_role_permissions(guild_id, role_id, permissions)

    async def delete_channel(self, channel_id: int) -> None:
        """Delete a channel; the bot gets CHANNEL_DELETE, later REST gets 404 (10003)."""
        self._editor.delete_channel(channel_id)

    # ---- acting as users ----

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
        """Run a slash command as the user; no guild_id (and no channel) means in a DM."""
        return await self._actions.invoke_command(
            user_id,
            name,
            options,
            subcommand=subcommand,
            guild_id=guild_id,
            channel_id=channel_id,
            application_id=application_id,
        )

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
        """Autocomplete choices ({name, value}) the bot offers for option `focused`."""
        return await self._actions.autocomplete(
            user_id,
            name,
            options,
            focused=focused,
            subcommand=subcommand,
            guild_id=guild_id,
            channel_id=channel_id,
            application_id=application_id,
            timeout=timeout,
        )

    async def click_button(self, user_id: int, *, message: JSON | int, custom_id: str) -> InteractionRecord:
        """Click a button on a message the bot posted (dict or message id)."""
        return await self._actions.click_component(user_id, message=message, custom_id=custom_id)

    async def select(
        self, user_id: int, *, message: JSON | int, custom_id: str, values: list[str]
    ) -> InteractionRecord:
        """Pick values in a select menu on a message the bot posted."""
        return await self._actions.click_component(user_id, message=message, custom_id=custom_id, values=values)

    async def send_dm(self, user_id: int, content: str, application_id: int | None = None) -> JSON:
        """The user writes to the bot in a DM."""
        return await self._actions.send_dm(user_id, content, application_id)

    async def send_message(self, user_id: int, channel_id: int, content: str) -> JSON:
        """The user posts in a guild channel."""
        return await self._actions.send_message(user_id, channel_id, content)

    # ---- reading state ----

    def messages(self, channel_id: int) -> list[JSON]:
        """A channel's messages, oldest first (copies)."""
        return copy.deepcopy(self._ctx.world.messages.get(channel_id, []))

    async def wait_for_messages(
        self,
        channel_id: int,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the public API
    ) -> list[JSON]:
        """Wait until a channel holds at least `count` messages; return them all."""

        def probe() -> list[JSON] | None:
            messages = self._ctx.world.messages.get(channel_id, [])
            return copy.deepcopy(messages) if len(messages) >= count else None

        return await self._ctx.changes.wait_for(probe, timeout, f"{count} message(s) in channel {channel_id}")

    async def wait_until(
        self,
        predicate: Any,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the public API
        what: str = "a condition",
    ) -> Any:
        """Wait until predicate() is truthy; re-checked on every emulator change and every
        10 ms, so it may also watch the client's own state. Returns the truthy value."""
        return await self._ctx.changes.wait_for(lambda: predicate() or None, timeout, what, poll=0.01)

    def dm_channel_id(self, user_id: int, application_id: int | None = None) -> int | None:
        """The DM channel between a user and the bot, if one exists."""
        if not self._ctx.world.applications:
            return None
        app = self._actions._app(application_id)
        return self._ctx.world.dm_channels.get((user_id, app.bot_user_id))

    def registered_commands(self, guild_id: int | None = None, application_id: int | None = None) -> list[JSON]:
        """Commands the bot registered, globally (guild_id None) or in a guild."""
        app = self._actions._app(application_id)
        return copy.deepcopy(self._ctx.world.commands_for(app.id, guild_id))

    @property
    def interactions(self) -> list[InteractionRecord]:
        """Every interaction sent to the bot, oldest first."""
        return self._ctx.interactions.all()

    def interaction(self, interaction_id: int) -> InteractionRecord | None:
        """One interaction by id."""
        return self._ctx.interactions.by_id.get(interaction_id)

    @property
    def request_log(self) -> list[RequestRecord]:
        """Every REST request with its answer, oldest first."""
        return self._ctx.request_log

    @property
    def faults(self) -> FaultInjector:
        """Arm REST faults: rate_limit, server_error, forbidden, not_found."""
        return self._ctx.faults

    @property
    def sessions(self) -> list[JSON]:
        """Gateway sessions: shard, guild ids, connected, seq, resumes."""
        return self._ctx.gateway.describe()

    def stats(self) -> JSON:
        """Request counts and peak rate, gateway and interaction counts."""
        return {
            "requests": self._ctx.stats.snapshot(),
            "identifies": self._ctx.gateway.identify_count,
            "sessions": len(self._ctx.gateway.sessions),
            "interactions": len(self._ctx.interactions.by_id),
        }

    # ---- gateway faults ----

    async def drop_connections(self) -> int:
        """Cut gateway sockets abnormally; clients RESUME. Returns how many were cut."""
        dropped = self._ctx.gateway.drop_connections()
        self._ctx.changes.notify()
        return dropped

    async def send_reconnect(self) -> int:
        """Op 7 RECONNECT to every session; missed events are replayed on RESUME."""
        return self._ctx.gateway.send_reconnect()

    async def send_invalid_session(self, resumable: bool = False) -> int:
        """Op 9 INVALID_SESSION; with resumable=False the client must IDENTIFY again."""
        sent = self._ctx.gateway.send_invalid_session(resumable=resumable)
        self._ctx.changes.notify()
        return sent
