"""The shared services REST handlers, the gateway and user actions work with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.emulator.faults import FaultInjector
from bot.emulator.gateway import Gateway
from bot.emulator.httputil import ApiError, Body
from bot.emulator.ratelimit import RateLimiter
from bot.emulator.records import InteractionRegistry, RequestRecord
from bot.emulator.state import Application, World
from bot.emulator.stats import RequestStats
from bot.emulator.waiting import Changes


@dataclass
class Context:
    """Everything one emulator instance owns, passed explicitly (no globals)."""

    world: World
    gateway: Gateway
    faults: FaultInjector = field(default_factory=FaultInjector)
    limiter: RateLimiter = field(default_factory=RateLimiter)
    stats: RequestStats = field(default_factory=RequestStats)
    interactions: InteractionRegistry = field(default_factory=InteractionRegistry)
    request_log: list[RequestRecord] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    keep_request_log: bool = True
    interaction_timeout: float = 3.0


CONTEXT_KEY = web.AppKey("emulator_context", Context)

# Typed request keys where aiohttp has them (3.12+), plain strings before that.
_APP: Any = web.RequestKey("emulator_app", Application) if hasattr(web, "RequestKey") else "emulator_app"
_BODY: Any = web.RequestKey("emulator_body", Body) if hasattr(web, "RequestKey") else "emulator_body"


def request_context(request: web.Request) -> Context:
    """The emulator a request belongs to."""
    return request.app[CONTEXT_KEY]


def set_request_app(request: web.Request, app: Application) -> None:
    """Remember which application's token authenticated the request."""
    request[_APP] = app


def request_app(request: web.Request) -> Application:
    """The application whose bot token authenticated the request."""
    app = request.get(_APP)
    if not isinstance(app, Application):
        raise ApiError(401, 0, "401: Unauthorized")
    return app


def set_request_body(request: web.Request, body: Body) -> None:
    """Store the parsed body for the handler."""
    request[_BODY] = body


def request_body(request: web.Request) -> Body:
    """The parsed request body."""
    body = request.get(_BODY)
    return body if isinstance(body, Body) else Body()
