"""Interaction callbacks and the interaction webhook: follow-ups and @original.

Callbacks answer `?with_response=1` with {"interaction": ..., "resource": ...}, which
discord.py needs (a 204 there breaks send_message).
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from bot.emulator import messaging
from bot.emulator.context import Context, request_body, request_context
from bot.emulator.httputil import ApiError, Body, json_response, no_content, unknown
from bot.emulator.payloads import EPHEMERAL, LOADING, apply_edit, user_json
from bot.emulator.records import (
    DEFERRED_MESSAGE,
    DEFERRED_UPDATE,
    MESSAGE_CALLBACK,
    UPDATE_MESSAGE,
    InteractionRecord,
)
from bot.emulator.state import Channel

JSON = dict[str, Any]
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE = 2, 3, 4
AUTOCOMPLETE_RESULT, MODAL = 8, 9
_ALLOWED = {
    APPLICATION_COMMAND: {MESSAGE_CALLBACK, DEFERRED_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {MESSAGE_CALLBACK, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, MODAL},
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    5: {MESSAGE_CALLBACK, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE},
}
_TRUE = {"1", "true", "True"}


def _extras(ctx: Context, record: InteractionRecord) -> JSON:
    """Fields Discord adds to messages created by an interaction response."""
    user = user_json(ctx.world.users[record.user_id])
    extra: JSON = {
        "application_id": str(record.application_id),
        "webhook_id": str(record.application_id),
    }
    if record.type == APPLICATION_COMMAND:
        extra["interaction"] = {
            "id": str(record.id),
            "type": record.type,
            "name": record.command_name or "",
            "user": user,
        }
        extra["interaction_metadata"] = {
            "id": str(record.id),
            "type": record.type,
            "user": user,
            "authorizing_integration_owners": {},
        }
    elif record.type == MESSAGE_COMPONENT and record.source_message is not None:
        extra["interaction_metadata"] = {
            "id": str(record.id),
            "type": record.type,
            "user": user,
            "authorizing_integration_owners": {},
            "interacted_message_id": record.source_message["id"],
        }
    return extra


def _channel(ctx: Context, record: InteractionRecord) -> Channel:
    channel = ctx.world.channels.get(record.channel_id)
    if channel is None:
        raise unknown("Channel", 10003)
    return channel


def _new_message(ctx: Context, record: InteractionRecord, body: Body, flags: int) -> JSON:
    channel = _channel(ctx, record)
    author = ctx.world.users[record.application_id]
    kind = 20 if record.type == APPLICATION_COMMAND else 0
    return messaging.build_message(
        ctx, channel, author, body, message_type=kind, extra=_extras(ctx, record), flags=flags
    )


async def callback(request: web.Request) -> web.StreamResponse:
    """POST /interactions/{interaction_id}/{interaction_token}/callback."""
    arrived = time.monotonic()
    ctx = request_context(request)
    record = ctx.interactions.by_id.get(int(request.match_info["interaction_id"]))
    if record is None or record.token != request.match_info["interaction_token"]:
        raise unknown("interaction", 10062)
    if record.callback is not None:
        raise ApiError(400, 40060, "Interaction has already been acknowledged.")
    if time.monotonic() - record.created > ctx.interaction_timeout:
        raise unknown("interaction", 10062)
    body = request_body(request)
    data = body.object()
    kind = int(data.get("type", 0))
    if kind not in _ALLOWED.get(record.type, set()):
        raise ApiError(400, 50035, f"Invalid Form Body (type: {kind} not valid here)")
    inner: JSON = data.get("data") or {}
    flags = int(inner.get("flags") or 0)
    resource: JSON | None = None
    channel = _channel(ctx, record)
    if kind == MESSAGE_CALLBACK:
        message = _new_message(ctx, record, Body(json=inner, files=body.files), flags)
        record.original = message
        await messaging.publish(ctx, channel, message)
        resource = {"type": kind, "message": message}
    elif kind == DEFERRED_MESSAGE:
        placeholder = Body(json={"content": ""})
        record.original = _new_message(ctx, record, placeholder, (flags & EPHEMERAL) | LOADING)
        await messaging.publish(ctx, channel, record.original)
    elif kind in (DEFERRED_UPDATE, UPDATE_MESSAGE) and record.source_message is not None:
        record.original = record.source_message
        if kind == UPDATE_MESSAGE:
            apply_edit(record.original, inner)
            record.edits += 1
            await messaging.announce(ctx, channel, record.original, "MESSAGE_UPDATE")
            resource = {"type": kind, "message": record.original}
    record.callback = data
    record.answered = arrived
    record.changes.notify()
    ctx.changes.notify()
    if request.query.get("with_response") not in _TRUE:
        return no_content()
    original = record.original
    interaction: JSON = {
        "id": str(record.id),
        "type": record.type,
        "response_message_loading": kind == DEFERRED_MESSAGE,
        "response_message_ephemeral": bool(original and original["flags"] & EPHEMERAL),
        "channel_id": str(record.channel_id),
    }
    if original is not None and kind in (MESSAGE_CALLBACK, DEFERRED_MESSAGE, UPDATE_MESSAGE):
        interaction["response_message_id"] = original["id"]
    if record.guild_id is not None:
        interaction["guild_id"] = str(record.guild_id)
    answer: JSON = {"interaction": interaction}
    if resource is not None:
        answer["resource"] = resource
    return json_response(answer)


def _record(request: web.Request) -> tuple[Context, InteractionRecord]:
    ctx = request_context(request)
    record = ctx.interactions.by_token.get(request.match_info["webhook_token"])
    if record is None or str(record.application_id) != request.match_info["webhook_id"]:
        raise unknown("Webhook", 10015)
    return ctx, record


async def followup(request: web.Request) -> web.StreamResponse:
    """POST /webhooks/{application_id}/{token}: a follow-up message."""
    ctx, record = _record(request)
    if record.callback is None:
        raise unknown("Webhook", 10015)
    body = request_body(request)
    flags = int(body.object().get("flags") or 0)
    message = _new_message(ctx, record, body, flags)
    record.followups.append(message)
    await messaging.publish(ctx, _channel(ctx, record), message)
    record.changes.notify()
    if request.query.get("wait") in _TRUE:
        return json_response(message)
    return no_content()


def _target(record: InteractionRecord, message_id: str) -> JSON:
    if message_id == "@original":
        if record.original is None:
            raise unknown("Message", 10008)
        return record.original
    for message in [record.original, *record.followups]:
        if message is not None and message["id"] == message_id:
            return message
    raise unknown("Message", 10008)


async def get_webhook_message(request: web.Request) -> web.StreamResponse:
    """GET .../messages/@original or .../messages/{message_id}."""
    _, record = _record(request)
    return json_response(_target(record, request.match_info.get("message_id", "@original")))


async def edit_webhook_message(request: web.Request) -> web.StreamResponse:
    """PATCH .../messages/@original or .../messages/{message_id}."""
    ctx, record = _record(request)
    message = _target(record, request.match_info.get("message_id", "@original"))
    body = request_body(request)
    apply_edit(message, body.object())
    if body.files:
        message["attachments"] = messaging.attachments_json(ctx, record.channel_id, body)
    record.edits += 1
    record.changes.notify()
    ctx.changes.notify()
    await messaging.announce(ctx, _channel(ctx, record), message, "MESSAGE_UPDATE")
    return json_response(message)


async def delete_webhook_message(request: web.Request) -> web.StreamResponse:
    """DELETE .../messages/@original or .../messages/{message_id}."""
    ctx, record = _record(request)
    message = _target(record, request.match_info.get("message_id", "@original"))
    channel = _channel(ctx, record)
    stored = ctx.world.messages.get(channel.id, [])
    if message in stored:
        stored.remove(message)
    if message is record.original:
        record.original = None
    elif message in record.followups:
        record.followups.remove(message)
    record.changes.notify()
    ctx.changes.notify()
    await messaging.announce_delete(ctx, channel, int(message["id"]))
    return no_content()


def register(router: web.UrlDispatcher, prefix: str) -> None:
    """Add the interaction routes; @original before {message_id} so it matches first."""
    router.add_post(f"{prefix}/interactions/{{interaction_id}}/{{interaction_token}}/callback", callback)
    hook = f"{prefix}/webhooks/{{webhook_id}}/{{webhook_token}}"
    router.add_post(hook, followup)
    for suffix in ("/messages/@original", "/messages/{message_id}"):
        router.add_get(hook + suffix, get_webhook_message)
        router.add_patch(hook + suffix, edit_webhook_message)
        router.add_delete(hook + suffix, delete_webhook_message)
