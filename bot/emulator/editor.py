"""Building and changing the world from tests and tools, with the gateway events Discord
would send for each change (GUILD_CREATE when the bot joins, CHANNEL_CREATE/UPDATE/DELETE,
GUILD_ROLE_UPDATE, GUILD_MEMBER_ADD)."""

from __future__ import annotations

import secrets
from typing import Any

from bot.emulator.context import Context
from bot.emulator.payloads import channel_json, guild_create_json, member_json, role_json
from bot.emulator.permissions import DEFAULT_EVERYONE
from bot.emulator.state import (
    TEXT_CHANNEL,
    Application,
    Channel,
    Guild,
    Member,
    Overwrite,
    Role,
    User,
)

GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1


def _permission_value(permissions: Any) -> int:
    """Accept an int or anything with `.value` (discord.Permissions)."""
    return int(getattr(permissions, "value", permissions))


class WorldEditor:
    """Creates users, applications, guilds, roles, members and channels."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.world = ctx.world

    def create_application(
        self, name: str = "Newsbrief", token: str | None = None, owner_id: int | None = None
    ) -> Application:
        """A bot application and its bot user (same id). A token is generated if omitted."""
        app_id = self.world.new_id()
        token = token or f"emu.{secrets.token_urlsafe(24)}"
        if self.world.application_by_token(token) is not None:
            raise ValueError("an application with this token already exists")
        self.world.users[app_id] = User(id=app_id, name=name, bot=True)
        app = Application(id=app_id, name=name, token=token, owner_id=owner_id or app_id)
        self.world.applications[app_id] = app
        return app

    def create_user(self, name: str, *, global_name: str | None = None) -> User:
        """A human user."""
        user = User(id=self.world.new_id(), name=name, global_name=global_name)
        self.world.users[user.id] = user
        return user

    def create_guild(self, name: str, owner_id: int | None = None) -> Guild:
        """A guild with its @everyone role; the owner (created if omitted) is a member."""
        if owner_id is None:
            owner_id = self.create_user(f"{name.lower()}-owner").id
        if owner_id not in self.world.users:
            raise KeyError(f"unknown user {owner_id}")
        guild = Guild(id=self.world.new_id(), name=name, owner_id=owner_id)
        guild.roles[guild.id] = Role(id=guild.id, guild_id=guild.id, name="@everyone", permissions=DEFAULT_EVERYONE)
        guild.members[owner_id] = Member(user_id=owner_id, guild_id=guild.id)
        self.world.guilds[guild.id] = guild
        return guild

    def create_role(self, guild_id: int, name: str, permissions: Any = 0) -> Role:
        """A role above the existing ones."""
        guild = self.world.guilds[guild_id]
        role = Role(
            id=self.world.new_id(),
            guild_id=guild_id,
            name=name,
            permissions=_permission_value(permissions),
            position=len(guild.roles),
        )
        guild.roles[role.id] = role
        self._role_event(guild, role, "GUILD_ROLE_CREATE")
        return role

    def set_role_permissions(self, guild_id: int, role_id: int, permissions: Any) -> Role:
        """Change a role's permissions (e.g. take one away) and tell the bots."""
        guild = self.world.guilds[guild_id]
        role = guild.roles[role_id]
        role.permissions = _permission_value(permissions)
        self._role_event(guild, role, "GUILD_ROLE_UPDATE")
        return role

    def _role_event(self, guild: Guild, role: Role, event: str) -> None:
        data = {"guild_id": str(guild.id), "role": role_json(role)}
        self.ctx.gateway.dispatch_guild(guild.id, event, data, intent=GUILDS)

    def add_member(
        self, guild_id: int, user_id: int, roles: list[int] | None = None, nick: str | None = None
    ) -> Member:
        """Add a user (or a bot user) to a guild; the bot joining gets GUILD_CREATE."""
        guild = self.world.guilds[guild_id]
        if user_id not in self.world.users:
            raise KeyError(f"unknown user {user_id}")
        for role_id in roles or []:
            if role_id not in guild.roles:
                raise KeyError(f"role {role_id} is not in guild {guild_id}")
        member = Member(user_id=user_id, guild_id=guild_id, roles=list(roles or []), nick=nick)
        guild.members[user_id] = member
        if user_id in self.world.applications:
            data = guild_create_json(self.world, guild, user_id)
            self.ctx.gateway.dispatch_app(user_id, "GUILD_CREATE", data, guild_id=guild_id)
        else:
            payload = {
                **member_json(member, self.world.users[user_id]),
                "guild_id": str(guild_id),
            }
            self.ctx.gateway.dispatch_guild(guild_id, "GUILD_MEMBER_ADD", payload, intent=GUILD_MEMBERS)
        return member

    def create_channel(
        self,
        guild_id: int,
        name: str,
        type: int = TEXT_CHANNEL,
        *,
        topic: str | None = None,
        parent_id: int | None = None,
    ) -> Channel:
        """A guild channel; bots in the guild get CHANNEL_CREATE."""
        guild = self.world.guilds[guild_id]
        channel = Channel(
            id=self.world.new_id(),
            type=type,
            name=name,
            guild_id=guild_id,
            position=len(guild.channel_ids),
            topic=topic,
            parent_id=parent_id,
        )
        self.world.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        data = channel_json(self.world, channel)
        self.ctx.gateway.dispatch_guild(guild_id, "CHANNEL_CREATE", data, intent=GUILDS)
        return channel

    def set_overwrite(
        self,
        channel_id: int,
        target_id: int,
        *,
        allow: Any = 0,
        deny: Any = 0,
        type: int = 0,
    ) -> Overwrite:
        """Set a role (type 0) or member (type 1) overwrite; bots get CHANNEL_UPDATE."""
        channel = self.world.channels[channel_id]
        overwrite = Overwrite(id=target_id, type=type, allow=_permission_value(allow), deny=_permission_value(deny))
        channel.overwrites[target_id] = overwrite
        if channel.guild_id is not None:
            data = channel_json(self.world, channel)
            self.ctx.gateway.dispatch_guild(channel.guild_id, "CHANNEL_UPDATE", data, intent=GUILDS)
        return overwrite

    def delete_channel(self, channel_id: int) -> None:
        """Delete a channel: CHANNEL_DELETE now, 404 Unknown Channel (10003) from then on."""
        channel = self.world.channels.pop(channel_id)
        self.world.deleted_channels.add(channel_id)
        if channel.guild_id is not None:
            guild = self.world.guilds[channel.guild_id]
            if channel_id in guild.channel_ids:
                guild.channel_ids.remove(channel_id)
            data = channel_json(self.world, channel)
            self.ctx.gateway.dispatch_guild(channel.guild_id, "CHANNEL_DELETE", data, intent=GUILDS)
        self.ctx.changes.notify()
