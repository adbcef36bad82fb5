"""Application command registration: bulk overwrite (PUT), list, create, get, edit, delete.

Global and per-guild sets are kept apart, and ids survive a re-sync of the same name,
as on Discord.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.emulator.context import Context, request_app, request_body, request_context
from bot.emulator.httputil import ApiError, json_response, no_content, unknown
from bot.emulator.payloads import strip_none

JSON = dict[str, Any]


def _scope(request: web.Request) -> tuple[Context, int, int | None]:
    ctx = request_context(request)
    app = request_app(request)
    if int(request.match_info["application_id"]) != app.id:
        raise ApiError(403, 50001, "Missing Access")
    guild_id: int | None = None
    if "guild_id" in request.match_info:
        guild_id = int(request.match_info["guild_id"])
        guild = ctx.world.guilds.get(guild_id)
        if guild is None or app.bot_user_id not in guild.members:
            raise ApiError(403, 50001, "Missing Access")
    return ctx, app.id, guild_id


def _stored_command(ctx: Context, app_id: int, guild_id: int | None, body: JSON, previous: JSON | None) -> JSON:
    if not isinstance(body, dict) or not body.get("name"):
        raise ApiError(400, 50035, "Invalid Form Body (name: This field is required)")
    command: JSON = strip_none(body)
    command.pop("id", None)
    perms = body.get("default_member_permissions")
    command.update(
        id=previous["id"] if previous else str(ctx.world.new_id()),
        application_id=str(app_id),
        version=str(ctx.world.new_id()),
        default_member_permissions=None if perms is None else str(perms),
        type=int(body.get("type") or 1),
        description=body.get("description") or "",
    )
    command.setdefault("dm_permission", True)
    command.setdefault("nsfw", False)
    if guild_id is not None:
        command["guild_id"] = str(guild_id)
    return command


async def bulk_overwrite(request: web.Request) -> web.StreamResponse:
    """PUT .../commands: replace the whole set."""
    ctx, app_id, guild_id = _scope(request)
    bodies = request_body(request).json or []
    if not isinstance(bodies, list):
        raise ApiError(400, 50035, "Invalid Form Body")
    old = {(c["name"], c["type"]): c for c in ctx.world.commands_for(app_id, guild_id)}
    commands = []
    for body in bodies:
        previous = None
        if isinstance(body, dict):
            previous = old.get((body.get("name"), int(body.get("type") or 1)))
        commands.append(_stored_command(ctx, app_id, guild_id, body, previous))
    ctx.world.commands[(app_id, guild_id)] = commands
    ctx.changes.notify()
    return json_response(commands)


async def list_commands(request: web.Request) -> web.StreamResponse:
    """GET .../commands."""
    ctx, app_id, guild_id = _scope(request)
    return json_response(ctx.world.commands_for(app_id, guild_id))


async def create_command(request: web.Request) -> web.StreamResponse:
    """POST .../commands: upsert one command by name and type."""
    ctx, app_id, guild_id = _scope(request)
    body = request_body(request).object()
    commands = ctx.world.commands.setdefault((app_id, guild_id), [])
    kind = int(body.get("type") or 1)
    previous = next((c for c in commands if (c["name"], c["type"]) == (body.get("name"), kind)), None)
    command = _stored_command(ctx, app_id, guild_id, body, previous)
    if previous is not None:
        commands[commands.index(previous)] = command
    else:
        commands.append(command)
    ctx.changes.notify()
    return json_response(command, status=200 if previous else 201)


def _find(request: web.Request) -> tuple[Context, list[JSON], JSON]:
    ctx, app_id, guild_id = _scope(request)
    commands = ctx.world.commands.setdefault((app_id, guild_id), [])
    wanted = request.match_info["command_id"]
    for command in commands:
        if command["id"] == wanted:
            return ctx, commands, command
    raise unknown("application command", 10063)


async def get_command(request: web.Request) -> web.StreamResponse:
    """GET .../commands/{command_id}."""
    _, _, command = _find(request)
    return json_response(command)


async def edit_command(request: web.Request) -> web.StreamResponse:
    """PATCH .../commands/{command_id}."""
    _, _, command = _find(request)
    body = request_body(request).object()
    command.update(strip_none({k: v for k, v in body.items() if k not in ("id", "type")}))
    if "default_member_permissions" in body:
        perms = body["default_member_permissions"]
        command["default_member_permissions"] = None if perms is None else str(perms)
    return json_response(command)


async def delete_command(request: web.Request) -> web.StreamResponse:
    """DELETE .../commands/{command_id}."""
    ctx, commands, command = _find(request)
    commands.remove(command)
    ctx.changes.notify()
    return no_content()


def register(router: web.UrlDispatcher, prefix: str) -> None:
    """Add the command routes, global and per guild."""
    for base in (
        f"{prefix}/applications/{{application_id}}/commands",
        f"{prefix}/applications/{{application_id}}/guilds/{{guild_id}}/commands",
    ):
        router.add_get(base, list_commands)
        router.add_put(base, bulk_overwrite)
        router.add_post(base, create_command)
        router.add_get(f"{base}/{{command_id}}", get_command)
        router.add_patch(f"{base}/{{command_id}}", edit_command)
        router.add_delete(f"{base}/{{command_id}}", delete_command)
