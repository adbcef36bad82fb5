"""Creating messages and telling the gateway about them (MESSAGE_CREATE/UPDATE/DELETE).

Shared by the REST routes (the bot posting) and user actions (people posting), so both
produce the same stored shape and the same events.
"""

from __future__ import annotations

from typing import Any

from bot.emulator.context import Context
from bot.emulator.gateway import GatewaySession
from bot.emulator.httputil import Body
from bot.emulator.payloads import EPHEMERAL, member_json, message_json
from bot.emulator.state import Channel, User

JSON = dict[str, Any]

GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15


def attachments_json(ctx: Context, channel_id: int, body: Body) -> list[JSON]:
    """Attachment objects for uploaded files, with CDN-shaped URLs."""
    out: list[JSON] = []
    for upload in body.files:
        attachment_id = ctx.world.new_id()
        url = f"https://cdn.discordapp.com/attachments/{channel_id}/{attachment_id}/{upload.filename}"
        data: JSON = {
            "id": str(attachment_id),
            "filename": upload.filename,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
        }
        if upload.content_type:
            data["content_type"] = upload.content_type
        out.append(data)
    return out


def build_message(
    ctx: Context,
    channel: Channel,
    author: User,
    body: Body,
    *,
    message_type: int = 0,
    extra: JSON | None = None,
    flags: int | None = None,
) -> JSON:
    """A message from a create-message style request body."""
    data = body.object()
    return message_json(
        message_id=ctx.world.new_id(),
        channel_id=channel.id,
        author=author,
        content=data.get("content") or "",
        embeds=data.get("embeds"),
        components=data.get("components"),
        flags=int(data.get("flags") or 0) if flags is None else flags,
        message_type=message_type,
        nonce=data.get("nonce"),
        attachments=attachments_json(ctx, channel.id, body),
        extra=extra,
    )


def _gateway_shape(ctx: Context, channel: Channel, message: JSON) -> JSON:
    # A shallow copy is enough: the frame is serialised as soon as it is dispatched.
    data = dict(message)
    if channel.guild_id is not None:
        data["guild_id"] = str(channel.guild_id)
        guild = ctx.world.guilds.get(channel.guild_id)
        member = guild.members.get(int(message["author"]["id"])) if guild else None
        if member is not None:
            data["member"] = member_json(member, None)
    return data


def _for_session(ctx: Context, channel: Channel, message: JSON) -> Any:
    shaped = _gateway_shape(ctx, channel, message)

    def view(session: GatewaySession) -> JSON:
        # Without the message-content intent a bot sees no content of others' guild messages
        # unless it is mentioned, as on Discord.
        own = int(message["author"]["id"]) == session.application_id
        mentioned = any(int(u["id"]) == session.application_id for u in message["mentions"])
        if channel.guild_id is None or own or mentioned or session.intents & MESSAGE_CONTENT:
            return shaped
        redacted = dict(shaped)
        redacted.update(content="", embeds=[], components=[], attachments=[])
        return redacted

    return view


async def announce(ctx: Context, channel: Channel, message: JSON, event: str) -> None:
    """Dispatch MESSAGE_CREATE/UPDATE for a message to the bots that can see it."""
    if message["flags"] & EPHEMERAL:
        return
    view = _for_session(ctx, channel, message)
    if channel.guild_id is not None:
        ctx.gateway.dispatch_guild(channel.guild_id, event, view, intent=GUILD_MESSAGES)
        return
    for app in ctx.world.applications.values():
        if app.bot_user_id in channel.recipients:
            ctx.gateway.dispatch_app(app.id, event, view, intent=DIRECT_MESSAGES)


async def publish(ctx: Context, channel: Channel, message: JSON) -> JSON:
    """Store a new message, wake waiters, and dispatch MESSAGE_CREATE."""
    if not message["flags"] & EPHEMERAL:
        ctx.world.store_message(channel.id, message)
    ctx.changes.notify()
    await announce(ctx, channel, message, "MESSAGE_CREATE")
    return message


async def announce_delete(ctx: Context, channel: Channel, message_id: int) -> None:
    """Dispatch MESSAGE_DELETE."""
    data: JSON = {"id": str(message_id), "channel_id": str(channel.id)}
    if channel.guild_id is not None:
        data["guild_id"] = str(channel.guild_id)
        ctx.gateway.dispatch_guild(channel.guild_id, "MESSAGE_DELETE", data, intent=GUILD_MESSAGES)
        return
    for app in ctx.world.applications.values():
        if app.bot_user_id in channel.recipients:
            ctx.gateway.dispatch_app(app.id, "MESSAGE_DELETE", data, intent=DIRECT_MESSAGES)
