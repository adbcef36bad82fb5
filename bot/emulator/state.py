"""The emulator's world: users, applications, guilds, channels, messages and commands.

Plain dataclasses plus one `World` that owns them, so REST handlers, the gateway and the
control API all read and change the same state.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.snowflakes import SnowflakeGenerator

JSON = dict[str, Any]

TEXT_CHANNEL = 0
DM_CHANNEL = 1
ROLE_OVERWRITE = 0
MEMBER_OVERWRITE = 1


def now_iso() -> str:
    """Discord-style ISO 8601 timestamp with an explicit UTC offset."""
    return datetime.datetime.now(datetime.UTC).isoformat()


@dataclass
class User:
    """A Discord user; bot users belong to an application."""

    id: int
    name: str
    bot: bool = False
    global_name: str | None = None


@dataclass
class Application:
    """A bot application: its id doubles as the bot user's id, as on Discord."""

    id: int
    name: str
    token: str
    owner_id: int

    @property
    def bot_user_id(self) -> int:
        """The bot user's id (equal to the application id)."""
        return self.id


@dataclass
class Role:
    """A guild role; the @everyone role has the guild's id."""

    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0


@dataclass
class Overwrite:
    """A channel permission overwrite for a role (type 0) or a member (type 1)."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0


@dataclass
class Channel:
    """A guild channel or a DM channel (type 1, with recipients)."""

    id: int
    type: int
    name: str
    guild_id: int | None = None
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    overwrites: dict[int, Overwrite] = field(default_factory=dict)
    recipients: list[int] = field(default_factory=list)
    last_message_id: int | None = None


@dataclass
class Member:
    """A user's membership of a guild."""

    user_id: int
    guild_id: int
    roles: list[int] = field(default_factory=list)
    joined_at: str = field(default_factory=now_iso)
    nick: str | None = None


@dataclass
class Guild:
    """A guild with its roles, channels (ids, in creation order) and members."""

    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channel_ids: list[int] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)


@dataclass(frozen=True)
class NonceKey:
    """Identifies a nonce the way Discord scopes it: per channel and author."""

    channel_id: int
    author_id: int
    nonce: str


class World:
    """All state of one emulator instance, with lookups the other modules share."""

    def __init__(self) -> None:
        self.ids = SnowflakeGenerator()
        self.users: dict[int, User] = {}
        self.applications: dict[int, Application] = {}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.deleted_channels: set[int] = set()
        self.messages: dict[int, list[JSON]] = {}
        self.nonces: dict[NonceKey, JSON] = {}
        self.dm_channels: dict[tuple[int, int], int] = {}
        # (application id, guild id or None for global) -> registered commands
        self.commands: dict[tuple[int, int | None], list[JSON]] = {}

    def new_id(self) -> int:
        """A fresh snowflake."""
        return self.ids.next()

    # ---- lookups ----

    def application_by_token(self, token: str) -> Application | None:
        """The application a bot token belongs to."""
        for app in self.applications.values():
            if secrets.compare_digest(app.token, token):
                return app
        return None

    def default_application(self) -> Application:
        """The first application created: what callers mean when they do not say."""
        if not self.applications:
            raise LookupError("no application: call create_application() first")
        return next(iter(self.applications.values()))

    def guild_of_channel(self, channel_id: int) -> Guild | None:
        """The guild a channel belongs to, if any."""
        channel = self.channels.get(channel_id)
        if channel is None or channel.guild_id is None:
            return None
        return self.guilds.get(channel.guild_id)

    def guilds_of_user(self, user_id: int) -> list[Guild]:
        """Guilds the user (or bot user) is a member of."""
        return [g for g in self.guilds.values() if user_id in g.members]

    def channels_of_guild(self, guild_id: int) -> list[Channel]:
        """Live channels of a guild, in creation order."""
        guild = self.guilds[guild_id]
        return [self.channels[c] for c in guild.channel_ids if c in self.channels]

    def store_message(self, channel_id: int, message: JSON) -> None:
        """Append a message to its channel's history."""
        self.messages.setdefault(channel_id, []).append(message)
        channel = self.channels.get(channel_id)
        if channel is not None:
            channel.last_message_id = int(message["id"])

    def find_message(self, channel_id: int, message_id: int) -> JSON | None:
        """A stored message by id."""
        for message in self.messages.get(channel_id, []):
            if int(message["id"]) == message_id:
                return message
        return None

    def dm_channel(self, user_id: int, bot_user_id: int) -> Channel:
        """The DM channel between a user and a bot, created on first use."""
        key = (user_id, bot_user_id)
        channel_id = self.dm_channels.get(key)
        if channel_id is None:
            channel_id = self.new_id()
            self.channels[channel_id] = Channel(
                id=channel_id, type=DM_CHANNEL, name="", recipients=[user_id, bot_user_id]
            )
            self.dm_channels[key] = channel_id
        return self.channels[channel_id]

    def commands_for(self, application_id: int, guild_id: int | None) -> list[JSON]:
        """Registered commands of an application, globally or in one guild."""
        return self.commands.get((application_id, guild_id), [])

    def find_command(self, application_id: int, name: str, guild_id: int | None) -> JSON | None:
        """Look a command up as Discord resolves it: guild commands first, then global."""
        scopes: list[int | None] = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            for command in self.commands_for(application_id, scope):
                if command["name"] == name and command.get("type", 1) == 1:
                    return command
        return None
