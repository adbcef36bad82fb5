"""JSON shapes of users, roles, members, channels, guilds and messages, as Discord sends them.

Snowflakes are strings and every field the OpenAPI description marks required is present,
so what the emulator answers validates against the spec.
"""

from __future__ import annotations

from typing import Any

from bot.emulator.state import (
    DM_CHANNEL,
    Application,
    Channel,
    Guild,
    Member,
    Role,
    User,
    World,
    now_iso,
)

JSON = dict[str, Any]

EPHEMERAL = 1 << 6
LOADING = 1 << 7
_SELECTS = {3, 5, 6, 7, 8}


def user_json(user: User) -> JSON:
    """A public user object."""
    data: JSON = {
        "id": str(user.id),
        "username": user.name,
        "avatar": None,
        "discriminator": "0",
        "public_flags": 0,
        "flags": 0,
        "global_name": user.global_name,
        "primary_guild": None,
    }
    if user.bot:
        data["bot"] = True
    return data


def current_user_json(user: User) -> JSON:
    """The token owner's own user object (GET /users/@me)."""
    return {**user_json(user), "mfa_enabled": False, "locale": "en-US", "verified": True}


def application_json(app: Application, bot: User, owner: User) -> JSON:
    """GET /oauth2/applications/@me."""
    return {
        "id": str(app.id),
        "name": app.name,
        "icon": None,
        "description": "",
        "type": None,
        "bot": user_json(bot),
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "flags": 0,
        "flags_new": "0",
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "owner": user_json(owner),
        "approximate_guild_count": 0,
        "approximate_user_install_count": 0,
        "approximate_user_authorization_count": 0,
        "explicit_content_filter": 0,
        "team": None,
        "eligible_oauth2_scopes": ["bot", "applications.commands"],
    }


def role_json(role: Role) -> JSON:
    """A guild role."""
    return {
        "id": str(role.id),
        "name": role.name,
        "permissions": str(role.permissions),
        "position": role.position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "icon": None,
        "unicode_emoji": None,
        "flags": 0,
    }


def member_json(member: Member, user: User | None, permissions: int | None = None) -> JSON:
    """A guild member; with `permissions` as interactions carry it."""
    data: JSON = {
        "avatar": None,
        "banner": None,
        "communication_disabled_until": None,
        "flags": 0,
        "joined_at": member.joined_at,
        "nick": member.nick,
        "pending": False,
        "premium_since": None,
        "roles": [str(r) for r in member.roles],
        "mute": False,
        "deaf": False,
    }
    if user is not None:
        data["user"] = user_json(user)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def channel_json(world: World, channel: Channel, permissions: int | None = None) -> JSON:
    """A guild or DM channel; `permissions` is added for resolved interaction channels."""
    last = str(channel.last_message_id) if channel.last_message_id else None
    if channel.type == DM_CHANNEL:
        bots = {a.bot_user_id for a in world.applications.values()}
        others = [world.users[u] for u in channel.recipients if u not in bots and u in world.users]
        return {
            "id": str(channel.id),
            "type": DM_CHANNEL,
            "flags": 0,
            "last_message_id": last,
            "recipients": [user_json(u) for u in others],
        }
    data: JSON = {
        "id": str(channel.id),
        "type": channel.type,
        "flags": 0,
        "guild_id": str(channel.guild_id),
        "name": channel.name,
        "position": channel.position,
        "parent_id": str(channel.parent_id) if channel.parent_id else None,
        "topic": channel.topic,
        "nsfw": False,
        "rate_limit_per_user": 0,
        "last_message_id": last,
        "permission_overwrites": [
            {"id": str(o.id), "type": o.type, "allow": str(o.allow), "deny": str(o.deny)}
            for o in channel.overwrites.values()
        ],
    }
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def guild_json(guild: Guild, application_id: int | None = None) -> JSON:
    """GET /guilds/{id}: the guild without members or channels."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "description": None,
        "home_header": None,
        "splash": None,
        "discovery_splash": None,
        "features": [],
        "banner": None,
        "owner_id": str(guild.owner_id),
        "application_id": None,
        "region": "deprecated",
        "afk_channel_id": None,
        "afk_timeout": 300,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "widget_enabled": False,
        "widget_channel_id": None,
        "verification_level": 0,
        "roles": [role_json(r) for r in guild.roles.values()],
        "default_message_notifications": 0,
        "mfa_level": 0,
        "explicit_content_filter": 0,
        "max_presences": None,
        "max_members": 500000,
        "max_stage_video_channel_users": 0,
        "max_video_channel_users": 25,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "rules_channel_id": None,
        "safety_alerts_channel_id": None,
        "public_updates_channel_id": None,
        "premium_progress_bar_enabled": False,
        "nsfw": False,
        "nsfw_level": 0,
        "emojis": [],
        "stickers": [],
        "incidents_data": None,
        "approximate_member_count": len(guild.members),
        "approximate_presence_count": 0,
    }


def guild_create_json(world: World, guild: Guild, bot_user_id: int) -> JSON:
    """The GUILD_CREATE dispatch: the guild with channels and every member, so no chunking."""
    data = guild_json(guild)
    bot_member = guild.members.get(bot_user_id)
    data.update(
        {
            "channels": [channel_json(world, c) for c in world.channels_of_guild(guild.id)],
            "members": [member_json(m, world.users.get(m.user_id)) for m in guild.members.values()],
            "member_count": len(guild.members),
            "joined_at": bot_member.joined_at if bot_member else now_iso(),
            "large": False,
            "unavailable": False,
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }
    )
    return data


def strip_none(value: Any) -> Any:
    """Drop null members the way Discord's stored objects omit unset fields."""
    if isinstance(value, dict):
        return {k: strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_none(v) for v in value]
    return value


def normalize_embeds(embeds: list[JSON] | None) -> list[JSON]:
    """Request embeds -> stored embeds: type 'rich', fields with explicit inline."""
    out: list[JSON] = []
    for embed in embeds or []:
        data: JSON = strip_none(embed)
        data.setdefault("type", "rich")
        data["fields"] = [{"inline": False, **f} for f in data.get("fields", [])]
        if not data["fields"]:
            del data["fields"]
        out.append(data)
    return out


def normalize_components(components: list[JSON] | None) -> list[JSON]:
    """Request components -> stored components, numbered in tree order as Discord does."""
    counter = [0]

    def visit(component: JSON) -> JSON:
        data: JSON = strip_none(component)
        counter[0] += 1
        data.setdefault("id", counter[0])
        kind = data.get("type")
        if kind in _SELECTS:
            data.setdefault("min_values", 1)
            data.setdefault("max_values", 1)
        if kind == 17:
            data.setdefault("accent_color", None)
            data.setdefault("spoiler", False)
        if "components" in data:
            data["components"] = [visit(c) for c in data["components"]]
        return data

    return [visit(c) for c in components or []]


def message_json(
    *,
    message_id: int,
    channel_id: int,
    author: User,
    content: str = "",
    embeds: list[JSON] | None = None,
    components: list[JSON] | None = None,
    flags: int = 0,
    message_type: int = 0,
    nonce: str | int | None = None,
    attachments: list[JSON] | None = None,
    extra: JSON | None = None,
) -> JSON:
    """A stored message, in the shape of the REST message object."""
    data: JSON = {
        "type": message_type,
        "content": content,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments or [],
        "embeds": normalize_embeds(embeds),
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "flags": flags,
        "components": normalize_components(components),
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": user_json(author),
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
    }
    if nonce is not None:
        data["nonce"] = nonce
    if extra:
        data.update(extra)
    return data


def apply_edit(message: JSON, body: JSON) -> JSON:
    """Apply a message PATCH body (content, embeds, components, flags) in place."""
    if "content" in body:
        message["content"] = body["content"] or ""
    if "embeds" in body:
        message["embeds"] = normalize_embeds(body["embeds"])
    if "components" in body:
        message["components"] = normalize_components(body["components"])
    if body.get("flags") is not None:
        message["flags"] = int(body["flags"]) | (message["flags"] & EPHEMERAL)
    message["flags"] &= ~LOADING
    message["edited_timestamp"] = now_iso()
    return message
