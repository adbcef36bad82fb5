"""INTERACTION_CREATE payloads built the way Discord builds them.

Options are typed from the registered command definition, snowflake options come with
`resolved` objects, and member/app permissions are computed from roles and overwrites.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.emulator.payloads import channel_json, member_json, role_json, user_json
from bot.emulator.permissions import channel_permissions, dm_permissions
from bot.emulator.state import Application, Channel, Guild, World

JSON = dict[str, Any]

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = 3, 4, 5, 6, 7, 8, 9, 10
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
GUILD_CONTEXT, BOT_DM_CONTEXT = 0, 1


class InvocationError(ValueError):
    """The user could not invoke this in Discord's client (unknown option, bad choice...)."""


@dataclass
class Where:
    """Where an interaction happens: a guild channel (guild set) or the bot's DM."""

    channel: Channel
    guild: Guild | None


def _snowflake(value: Any) -> int:
    raw = getattr(value, "id", value)
    if isinstance(raw, dict):
        raw = raw["id"]
    return int(raw)


class PayloadBuilder:
    """Builds interaction payloads against one world."""

    def __init__(self, world: World) -> None:
        self.world = world

    # ---- the common envelope ----

    def envelope(
        self,
        *,
        interaction_id: int,
        token: str,
        kind: int,
        app: Application,
        user_id: int,
        where: Where,
        data: JSON,
    ) -> JSON:
        """Fields every interaction carries, with member or user and both permission sets."""
        user = self.world.users[user_id]
        channel, guild = where.channel, where.guild
        payload: JSON = {
            "id": str(interaction_id),
            "application_id": str(app.id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "channel_id": str(channel.id),
        }
        if guild is not None:
            member = guild.members[user_id]
            user_perms = channel_permissions(guild, channel, user_id)
            app_perms = channel_permissions(guild, channel, app.bot_user_id)
            payload.update(
                guild_id=str(guild.id),
                guild={"id": str(guild.id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                member=member_json(member, user, user_perms),
                channel=channel_json(self.world, channel, user_perms),
                app_permissions=str(app_perms),
                authorizing_integration_owners={"0": str(guild.id)},
                context=GUILD_CONTEXT,
            )
        else:
            payload.update(
                user=user_json(user),
                channel=channel_json(self.world, channel),
                app_permissions=str(dm_permissions()),
                authorizing_integration_owners={"0": "0"},
                context=BOT_DM_CONTEXT,
            )
        return payload

    # ---- application command data ----

    def command_data(
        self,
        command: JSON,
        *,
        user_id: int,
        where: Where,
        options: dict[str, Any],
        subcommand: str | None,
        focused: str | None = None,
    ) -> JSON:
        """`data` of an APPLICATION_COMMAND (or AUTOCOMPLETE when `focused` is set)."""
        resolved: dict[str, JSON] = {}
        definitions: list[JSON] = command.get("options") or []
        path = subcommand.split() if subcommand else []
        wrappers: list[JSON] = []
        for name in path:
            found = next((o for o in definitions if o["name"] == name), None)
            if found is None or found["type"] not in (SUB_COMMAND, SUB_COMMAND_GROUP):
                raise InvocationError(f"/{command['name']} has no subcommand {name!r}")
            wrappers.append({"type": found["type"], "name": name})
            definitions = found.get("options") or []
        if definitions and definitions[0]["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP):
            raise InvocationError(f"/{command['name']} needs a subcommand")
        leaf = [
            self._option(d, options, user_id, where, resolved, focused) for d in definitions if d["name"] in options
        ]
        unknown = set(options) - {d["name"] for d in definitions}
        if unknown:
            raise InvocationError(f"/{command['name']} has no option(s) {sorted(unknown)}")
        missing = [d["name"] for d in definitions if d.get("required") and d["name"] not in options]
        if missing and focused is None:
            raise InvocationError(f"/{command['name']} requires {missing}")
        for wrapper in reversed(wrappers):
            wrapper["options"] = leaf
            leaf = [wrapper]
        data: JSON = {"id": command["id"], "name": command["name"], "type": 1, "options": leaf}
        if resolved:
            data["resolved"] = resolved
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return data

    def _option(
        self,
        definition: JSON,
        options: dict[str, Any],
        user_id: int,
        where: Where,
        resolved: dict[str, JSON],
        focused: str | None,
    ) -> JSON:
        name = definition["name"]
        kind = definition["type"]
        raw = options[name]
        option: JSON = {"name": name, "type": kind}
        if name == focused:
            option.update(value=str(raw), focused=True)
            return option
        if kind == STRING:
            value: Any = str(raw)
        elif kind == INTEGER:
            value = int(raw)
        elif kind == NUMBER:
            value = float(raw)
        elif kind == BOOLEAN:
            value = bool(raw)
        elif kind in (USER, CHANNEL, ROLE, MENTIONABLE):
            value = str(_snowflake(raw))
            self._resolve(kind, int(value), user_id, where, resolved)
        else:
            value = raw
        choices = definition.get("choices")
        if choices and value not in [c["value"] for c in choices]:
            raise InvocationError(f"{value!r} is not a choice of option {name!r}")
        option["value"] = value
        return option

    def _resolve(self, kind: int, target: int, user_id: int, where: Where, resolved: dict[str, JSON]) -> None:
        world, guild = self.world, where.guild
        key = str(target)
        if kind == CHANNEL:
            channel = world.channels.get(target)
            if channel is None or guild is None or channel.guild_id != guild.id:
                raise InvocationError(f"channel {target} is not in this guild")
            perms = channel_permissions(guild, channel, user_id)
            resolved.setdefault("channels", {})[key] = channel_json(world, channel, perms)
            return
        if kind in (ROLE, MENTIONABLE) and guild is not None and target in guild.roles:
            resolved.setdefault("roles", {})[key] = role_json(guild.roles[target])
            return
        user = world.users.get(target)
        if user is None:
            raise InvocationError(f"unknown user or role {target}")
        resolved.setdefault("users", {})[key] = user_json(user)
        if guild is not None and target in guild.members:
            member = guild.members[target]
            perms = channel_permissions(guild, where.channel, target)
            resolved.setdefault("members", {})[key] = member_json(member, None, perms)

    # ---- components ----

    @staticmethod
    def find_component(message: JSON, custom_id: str) -> JSON | None:
        """The component with this custom_id anywhere in a message's component tree."""
        stack = list(message.get("components") or [])
        while stack:
            component = stack.pop()
            if component.get("custom_id") == custom_id:
                found: JSON = component
                return found
            stack.extend(component.get("components") or [])
            accessory = component.get("accessory")
            if isinstance(accessory, dict):
                stack.append(accessory)
        return None

    @staticmethod
    def component_data(component: JSON, values: list[str] | None) -> JSON:
        """`data` of a MESSAGE_COMPONENT interaction."""
        data: JSON = {"custom_id": component["custom_id"], "component_type": component["type"]}
        if values is not None:
            data["values"] = values
        return data
