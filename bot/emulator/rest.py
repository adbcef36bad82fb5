"""The REST API under /api/v10: the middleware every request passes, and small routes.

The middleware authenticates, applies armed faults and rate limits, adds the
X-RateLimit-* headers, and records each exchange for the conformance check.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.emulator import rest_commands, rest_interactions, rest_messages
from bot.emulator.context import (
    Context,
    request_app,
    request_context,
    set_request_app,
    set_request_body,
)
from bot.emulator.httputil import (
    JSON_BODY_KEY,
    ApiError,
    error_response,
    json_response,
    read_body,
    unknown,
)
from bot.emulator.payloads import (
    application_json,
    channel_json,
    current_user_json,
    guild_json,
    member_json,
    role_json,
    user_json,
)
from bot.emulator.records import RequestRecord

API_PREFIX = "/api/v10"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_TOKEN_ROUTES = ("/interactions/", "/webhooks/")
_MAJOR_PARAMS = (
    "channel_id",
    "guild_id",
    "webhook_id",
    "interaction_id",
    "webhook_token",
    "interaction_token",
)


context = request_context
current_app = request_app


def _template(request: web.Request) -> str:
    info = request.match_info
    if info.http_exception is None:
        canonical = info.route.resource.canonical if info.route.resource else request.path
        return canonical.removeprefix(API_PREFIX)
    return request.path.removeprefix(API_PREFIX)


def _identity(request: web.Request, template: str) -> str:
    """Who the rate limits count against: the bot token, or an interaction's token."""
    header = request.headers.get("Authorization", "")
    if template.startswith(_TOKEN_ROUTES) and not header:
        info = request.match_info
        return info.get("webhook_token") or info.get("interaction_token", "")
    return header


def _authenticate(ctx: Context, request: web.Request, template: str) -> None:
    """Raise 401 for a missing or unknown bot token (token routes need none)."""
    header = request.headers.get("Authorization", "")
    if template.startswith(_TOKEN_ROUTES) and not header:
        return
    app = ctx.world.application_by_token(header.removeprefix("Bot ")) if header else None
    if app is None or not header.startswith("Bot "):
        raise ApiError(401, 0, "401: Unauthorized")
    set_request_app(request, app)


@web.middleware
async def api_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Auth, faults, rate limits and the request log around every /api/v10 route."""
    if not request.path.startswith(API_PREFIX + "/"):
        return await handler(request)
    ctx = context(request)
    template = _template(request)
    route_key = f"{request.method} {template}"
    body_json = None
    fault_kind: str | None = None
    headers: dict[str, str] = {}
    try:
        if request.match_info.http_exception is not None:
            raise ApiError(404, 0, "404: Not Found")
        body = await read_body(request)
        body_json = body.json
        set_request_body(request, body)
        major = "+".join(request.match_info[k] for k in _MAJOR_PARAMS if k in request.match_info)
        decision = ctx.limiter.check(
            token=_identity(request, template),
            route_key=route_key,
            major=major,
            exempt_global=template.startswith(_TOKEN_ROUTES),
        )
        headers.update(decision.headers)
        _authenticate(ctx, request, template)
        fault = ctx.faults.take(request.method, template, request.path.removeprefix(API_PREFIX))
        if fault is not None:
            fault_kind = fault.kind
            response: web.StreamResponse = json_response(
                fault.body, status=fault.status, headers={**headers, **fault.headers}
            )
        elif not decision.allowed:
            fault_kind = "rate_limit"
            limited = {
                "message": "You are being rate limited.",
                "retry_after": decision.retry_after,
                "global": decision.is_global,
                "code": 0,
            }
            extra = {"Via": "1.1 google", "Retry-After": str(max(1, round(decision.retry_after)))}
            response = json_response(limited, status=429, headers={**headers, **extra})
        else:
            response = await handler(request)
            for name, value in headers.items():
                response.headers.setdefault(name, value)
    except ApiError as error:
        response = error_response(error, headers)
    ctx.stats.record(route_key, response.status)
    if ctx.keep_request_log:
        ctx.request_log.append(
            RequestRecord(
                method=request.method,
                route=template,
                path=request.path.removeprefix(API_PREFIX),
                query=dict(request.query),
                json=body_json,
                status=response.status,
                response=response.get(JSON_BODY_KEY),
                content_type=response.headers.get("Content-Type"),
                fault=fault_kind,
            )
        )
    return response


# ---- users, applications, gateway ----


async def get_me(request: web.Request) -> web.StreamResponse:
    """GET /users/@me: the bot user."""
    app = current_app(request)
    return json_response(current_user_json(context(request).world.users[app.bot_user_id]))


async def get_user(request: web.Request) -> web.StreamResponse:
    """GET /users/{user_id}."""
    user = context(request).world.users.get(int(request.match_info["user_id"]))
    if user is None:
        raise unknown("User", 10013)
    return json_response(user_json(user))


async def get_my_application(request: web.Request) -> web.StreamResponse:
    """GET /oauth2/applications/@me."""
    world = context(request).world
    app = current_app(request)
    owner = world.users.get(app.owner_id, world.users[app.bot_user_id])
    return json_response(application_json(app, world.users[app.bot_user_id], owner))


async def get_gateway(request: web.Request) -> web.StreamResponse:
    """GET /gateway."""
    return json_response({"url": context(request).gateway.url})


async def get_gateway_bot(request: web.Request) -> web.StreamResponse:
    """GET /gateway/bot: one shard recommended, generous session limits."""
    limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
    return json_response({"url": context(request).gateway.url, "shards": 1, "session_start_limit": limit})


async def get_my_guilds(request: web.Request) -> web.StreamResponse:
    """GET /users/@me/guilds."""
    ctx = context(request)
    guilds = ctx.world.guilds_of_user(current_app(request).bot_user_id)
    return json_response(
        [
            {
                "id": str(g.id),
                "name": g.name,
                "icon": None,
                "owner": False,
                "permissions": "0",
                "features": [],
                "banner": None,
            }
            for g in guilds
        ]
    )


# ---- guilds ----


def _guild(request: web.Request) -> tuple[Context, int]:
    ctx = context(request)
    guild_id = int(request.match_info["guild_id"])
    guild = ctx.world.guilds.get(guild_id)
    if guild is None or current_app(request).bot_user_id not in guild.members:
        raise unknown("Guild", 10004)
    return ctx, guild_id


async def get_guild(request: web.Request) -> web.StreamResponse:
    """GET /guilds/{guild_id}."""
    ctx, guild_id = _guild(request)
    return json_response(guild_json(ctx.world.guilds[guild_id]))


async def get_guild_channels(request: web.Request) -> web.StreamResponse:
    """GET /guilds/{guild_id}/channels."""
    ctx, guild_id = _guild(request)
    channels = ctx.world.channels_of_guild(guild_id)
    return json_response([channel_json(ctx.world, c) for c in channels])


async def get_guild_roles(request: web.Request) -> web.StreamResponse:
    """GET /guilds/{guild_id}/roles."""
    ctx, guild_id = _guild(request)
    return json_response([role_json(r) for r in ctx.world.guilds[guild_id].roles.values()])


async def get_member(request: web.Request) -> web.StreamResponse:
    """GET /guilds/{guild_id}/members/{user_id}."""
    ctx, guild_id = _guild(request)
    user_id = int(request.match_info["user_id"])
    member = ctx.world.guilds[guild_id].members.get(user_id)
    if member is None:
        raise unknown("Member", 10007)
    return json_response(member_json(member, ctx.world.users.get(user_id)))


def register(app: web.Application) -> None:
    """Add every REST route and the middleware to an aiohttp app."""
    app.middlewares.append(api_middleware)
    r = app.router
    p = API_PREFIX
    r.add_get(f"{p}/users/@me", get_me)
    r.add_get(f"{p}/users/@me/guilds", get_my_guilds)
    r.add_post(f"{p}/users/@me/channels", rest_messages.create_dm)
    r.add_get(f"{p}/users/{{user_id}}", get_user)
    r.add_get(f"{p}/oauth2/applications/@me", get_my_application)
    r.add_get(f"{p}/gateway", get_gateway)
    r.add_get(f"{p}/gateway/bot", get_gateway_bot)
    r.add_get(f"{p}/guilds/{{guild_id}}", get_guild)
    r.add_get(f"{p}/guilds/{{guild_id}}/channels", get_guild_channels)
    r.add_get(f"{p}/guilds/{{guild_id}}/roles", get_guild_roles)
    r.add_get(f"{p}/guilds/{{guild_id}}/members/{{user_id}}", get_member)
    rest_messages.register(r, p)
    rest_commands.register(r, p)
    rest_interactions.register(r, p)
