"""Channel routes: read a channel, post (with nonce de-duplication), list, edit, delete; DMs."""

from __future__ import annotations

from aiohttp import web

from bot.emulator import messaging
from bot.emulator.context import Context, request_app, request_body, request_context
from bot.emulator.httputil import ApiError, Body, json_response, no_content, unknown
from bot.emulator.payloads import apply_edit, channel_json
from bot.emulator.permissions import SEND_MESSAGES, VIEW_CHANNEL, channel_permissions
from bot.emulator.state import Application, Channel, NonceKey

READ_MESSAGE_HISTORY = 1 << 16
MAX_CONTENT = 2000
MAX_NONCE = 25


def _ctx(request: web.Request) -> tuple[Context, Application, Body]:
    return request_context(request), request_app(request), request_body(request)


def visible_channel(ctx: Context, app: Application, channel_id: int, need: int = 0) -> Channel:
    """The channel if the bot can see it (404 10003 / 403 50001 / 403 50013 otherwise)."""
    channel = ctx.world.channels.get(channel_id)
    if channel is None:
        raise unknown("Channel", 10003)
    if channel.guild_id is None:
        if app.bot_user_id not in channel.recipients:
            raise ApiError(403, 50001, "Missing Access")
        return channel
    guild = ctx.world.guilds[channel.guild_id]
    if app.bot_user_id not in guild.members:
        raise unknown("Channel", 10003)
    permissions = channel_permissions(guild, channel, app.bot_user_id)
    if not permissions & VIEW_CHANNEL:
        raise ApiError(403, 50001, "Missing Access")
    if need and permissions & need != need:
        raise ApiError(403, 50013, "Missing Permissions")
    return channel


def validate_message_body(body: Body) -> None:
    """Discord's checks on a new message: not empty, content and nonce within limits."""
    data = body.object()
    content = data.get("content") or ""
    if not (
        content
        or data.get("embeds")
        or data.get("components")
        or body.files
        or data.get("sticker_ids")
        or data.get("poll")
    ):
        raise ApiError(400, 50006, "Cannot send an empty message")
    if len(content) > MAX_CONTENT:
        raise ApiError(400, 50035, "Invalid Form Body (content: Must be 2000 or fewer in length.)")
    nonce = data.get("nonce")
    if isinstance(nonce, str) and len(nonce) > MAX_NONCE:
        raise ApiError(400, 50035, "Invalid Form Body (nonce: Must be 25 or fewer in length.)")


async def get_channel(request: web.Request) -> web.StreamResponse:
    """GET /channels/{channel_id}."""
    ctx, app, _ = _ctx(request)
    channel = visible_channel(ctx, app, int(request.match_info["channel_id"]))
    return json_response(channel_json(ctx.world, channel))


async def create_message(request: web.Request) -> web.StreamResponse:
    """POST /channels/{channel_id}/messages, honouring nonce + enforce_nonce like Discord."""
    ctx, app, body = _ctx(request)
    channel = visible_channel(ctx, app, int(request.match_info["channel_id"]), VIEW_CHANNEL | SEND_MESSAGES)
    validate_message_body(body)
    data = body.object()
    key: NonceKey | None = None
    if data.get("nonce") is not None and data.get("enforce_nonce"):
        key = NonceKey(channel.id, app.bot_user_id, str(data["nonce"]))
        existing = ctx.world.nonces.get(key)
        if existing is not None:
            return json_response(existing)
    author = ctx.world.users[app.bot_user_id]
    message = messaging.build_message(ctx, channel, author, body)
    if key is not None:
        ctx.world.nonces[key] = message
    await messaging.publish(ctx, channel, message)
    return json_response(message)


async def list_messages(request: web.Request) -> web.StreamResponse:
    """GET /channels/{channel_id}/messages: newest first, with before/after/limit."""
    ctx, app, _ = _ctx(request)
    channel = visible_channel(ctx, app, int(request.match_info["channel_id"]), VIEW_CHANNEL | READ_MESSAGE_HISTORY)
    try:
        limit = min(100, max(1, int(request.query.get("limit", "50"))))
        before = int(request.query["before"]) if "before" in request.query else None
        after = int(request.query["after"]) if "after" in request.query else None
    except ValueError as exc:
        raise ApiError(400, 50035, "Invalid Form Body") from exc
    messages = list(ctx.world.messages.get(channel.id, []))
    if before is not None:
        messages = [m for m in messages if int(m["id"]) < before]
    if after is not None:
        messages = [m for m in messages if int(m["id"]) > after]
        return json_response(list(reversed(messages[:limit])))
    return json_response(list(reversed(messages[-limit:])))


def _stored(request: web.Request) -> tuple[Context, Channel, dict[str, object]]:
    ctx, app, _ = _ctx(request)
    channel = visible_channel(ctx, app, int(request.match_info["channel_id"]))
    message = ctx.world.find_message(channel.id, int(request.match_info["message_id"]))
    if message is None:
        raise unknown("Message", 10008)
    return ctx, channel, message


async def get_message(request: web.Request) -> web.StreamResponse:
    """GET /channels/{channel_id}/messages/{message_id}."""
    _, _, message = _stored(request)
    return json_response(message)


async def edit_message(request: web.Request) -> web.StreamResponse:
    """PATCH /channels/{channel_id}/messages/{message_id}: only the author may edit."""
    ctx, channel, message = _stored(request)
    app = request_app(request)
    author = message["author"]
    if not isinstance(author, dict) or int(author["id"]) != app.bot_user_id:
        raise ApiError(403, 50005, "Cannot edit a message authored by another user")
    apply_edit(message, request_body(request).object())
    ctx.changes.notify()
    await messaging.announce(ctx, channel, message, "MESSAGE_UPDATE")
    return json_response(message)


async def delete_message(request: web.Request) -> web.StreamResponse:
    """DELETE /channels/{channel_id}/messages/{message_id}."""
    ctx, channel, message = _stored(request)
    ctx.world.messages[channel.id].remove(message)
    ctx.changes.notify()
    await messaging.announce_delete(ctx, channel, int(str(message["id"])))
    return no_content()


async def trigger_typing(request: web.Request) -> web.StreamResponse:
    """POST /channels/{channel_id}/typing."""
    ctx, app, _ = _ctx(request)
    visible_channel(ctx, app, int(request.match_info["channel_id"]), SEND_MESSAGES)
    return no_content()


async def create_dm(request: web.Request) -> web.StreamResponse:
    """POST /users/@me/channels {recipient_id}: the DM channel with that user."""
    ctx, app, body = _ctx(request)
    recipient = body.object().get("recipient_id")
    try:
        user_id = int(str(recipient))
    except ValueError as exc:
        raise ApiError(400, 50035, "Invalid Form Body") from exc
    if user_id not in ctx.world.users:
        raise unknown("User", 10013)
    channel = ctx.world.dm_channel(user_id, app.bot_user_id)
    return json_response(channel_json(ctx.world, channel))


def register(router: web.UrlDispatcher, prefix: str) -> None:
    """Add the channel routes."""
    base = f"{prefix}/channels/{{channel_id}}"
    router.add_get(base, get_channel)
    router.add_get(f"{base}/messages", list_messages)
    router.add_post(f"{base}/messages", create_message)
    router.add_get(f"{base}/messages/{{message_id}}", get_message)
    router.add_patch(f"{base}/messages/{{message_id}}", edit_message)
    router.add_delete(f"{base}/messages/{{message_id}}", delete_message)
    router.add_post(f"{base}/typing", trigger_typing)
