"""HTTP control API under /_emulator: a thin JSON layer over the Emulator's Python API,
so a benchmark or the sandbox in another process can drive it.

Ids go out as strings (like Discord) and are accepted as strings or integers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.emulator.httputil import json_response
from bot.emulator.interactions import InvocationError
from bot.emulator.records import InteractionRecord

if TYPE_CHECKING:
    from bot.emulator.server import Emulator

JSON = dict[str, Any]
PREFIX = "/_emulator"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _public(obj: Any) -> JSON:
    """A dataclass as JSON with ids as strings and secrets left out."""
    data = dataclasses.asdict(obj)
    out: JSON = {}
    for key, value in data.items():
        if key in ("overwrites", "members", "roles", "channel_ids"):
            continue
        out[key] = str(value) if (key == "id" or key.endswith("_id")) and value else value
    return out


def _id(value: Any) -> int | None:
    return None if value is None else int(value)


def _interaction(record: InteractionRecord) -> JSON:
    return {
        "id": str(record.id),
        "type": record.type,
        "callback": record.callback,
        "original": record.original,
        "followups": record.followups,
        "latency": record.latency,
    }


class ControlApi:
    """Route handlers bound to one emulator."""

    def __init__(self, emulator: Emulator) -> None:
        self.emu = emulator

    @staticmethod
    async def _body(request: web.Request) -> JSON:
        raw = await request.read()
        data = json.loads(raw) if raw else {}
        if not isinstance(data, dict):
            raise InvocationError("expected a JSON object")
        return data

    async def info(self, request: web.Request) -> web.StreamResponse:
        """Urls and the applications with their tokens."""
        apps = [
            {**_public(a), "token": a.token, "bot_user_id": str(a.bot_user_id)}
            for a in self.emu.world.applications.values()
        ]
        return json_response({"api_base": self.emu.api_base, "gateway_url": self.emu.gateway_url, "applications": apps})

    async def create_application(self, request: web.Request) -> web.StreamResponse:
        """{name, token?} -> the application, with its token."""
        body = await self._body(request)
        app = self.emu.create_application(body.get("name", "Newsbrief"), body.get("token"))
        return json_response({**_public(app), "token": app.token, "bot_user_id": str(app.id)})

    async def create_user(self, request: web.Request) -> web.StreamResponse:
        """{name} -> the user."""
        body = await self._body(request)
        return json_response(_public(self.emu.create_user(body["name"])))

    async def create_guild(self, request: web.Request) -> web.StreamResponse:
        """{name, owner_id?} -> the guild."""
        body = await self._body(request)
        guild = self.emu.create_guild(body["name"], _id(body.get("owner_id")))
        return json_response(_public(guild))

    async def create_role(self, request: web.Request) -> web.StreamResponse:
        """{name, permissions} -> the role."""
        body = await self._body(request)
        guild_id = int(request.match_info["guild_id"])
        role = self.emu.create_role(guild_id, body["name"], int(body.get("permissions", 0)))
        return json_response(_public(role))

    async def set_role_permissions(self, request: web.Request) -> web.StreamResponse:
        """{permissions} -> the role."""
        body = await self._body(request)
        role = self.emu.set_role_permissions(
            int(request.match_info["guild_id"]),
            int(request.match_info["role_id"]),
            int(body["permissions"]),
        )
        return json_response(_public(role))

    async def add_member(self, request: web.Request) -> web.StreamResponse:
        """{user_id, roles?} -> the member."""
        body = await self._body(request)
        roles = [int(r) for r in body.get("roles", [])]
        member = self.emu.add_member(int(request.match_info["guild_id"]), int(body["user_id"]), roles)
        return json_response(_public(member))

    async def create_channel(self, request: web.Request) -> web.StreamResponse:
        """{name, type?} -> the channel."""
        body = await self._body(request)
        guild_id = int(request.match_info["guild_id"])
        channel = self.emu.create_channel(guild_id, body["name"], int(body.get("type", 0)))
        return json_response(_public(channel))

    async def set_overwrite(self, request: web.Request) -> web.StreamResponse:
        """{allow, deny, type} -> the overwrite."""
        body = await self._body(request)
        overwrite = self.emu.set_overwrite(
            int(request.match_info["channel_id"]),
            int(request.match_info["target_id"]),
            allow=int(body.get("allow", 0)),
            deny=int(body.get("deny", 0)),
            type=int(body.get("type", 0)),
        )
        return json_response(_public(overwrite))

    async def delete_channel(self, request: web.Request) -> web.StreamResponse:
        """Delete a channel."""
        await self.emu.delete_channel(int(request.match_info["channel_id"]))
        return json_response({"deleted": request.match_info["channel_id"]})

    async def _finish(self, record: InteractionRecord, body: JSON) -> web.StreamResponse:
        wait = body.get("wait", "response")
        timeout = float(body.get("timeout", 5.0))
        if wait == "final":
            await record.final_message(timeout=timeout)
        elif wait == "response":
            await record.response(timeout=timeout)
        return json_response(_interaction(record))

    async def invoke(self, request: web.Request) -> web.StreamResponse:
        """{user_id, name, options?, subcommand?, guild_id?, channel_id?, application_id?,
        wait?: none|response|final}."""
        body = await self._body(request)
        record = await self.emu.invoke_command(
            int(body["user_id"]),
            body["name"],
            body.get("options") or {},
            subcommand=body.get("subcommand"),
            guild_id=_id(body.get("guild_id")),
            channel_id=_id(body.get("channel_id")),
            application_id=_id(body.get("application_id")),
        )
        return await self._finish(record, body)

    async def run_commands(self, request: web.Request) -> web.StreamResponse:
        """{name, user_ids, count, concurrency?, interval?, options?, options_cycle?, subcommand?,
        guild_id?, channel_id?, application_id?, timeout?} -> {count, answered, failed, errors,
        wall, latencies}.

        Runs `count` invocations (user i is user_ids[i % len]) with at most `concurrency` in
        flight and starts at least `interval` s apart; each latency is from dispatching the
        interaction to its callback arriving. Timed here, so a benchmark's own client costs
        stay out of the figures. With `options_cycle` (a list of option objects) invocation i
        uses options_cycle[i % len], so a batch can mix requests as real users do; otherwise
        every invocation uses `options`.
        """
        body = await self._body(request)
        users = [int(u) for u in body.get("user_ids") or []]
        count = int(body["count"])
        concurrency = int(body.get("concurrency", 1))
        interval = float(body.get("interval", 0.0))
        timeout = float(body.get("timeout", 5.0))
        if not users or count < 0 or concurrency < 1 or interval < 0:
            raise InvocationError("need user_ids, count >= 0, concurrency >= 1 and interval >= 0")
        name = body["name"]
        cycle = body.get("options_cycle")
        if cycle is None:
            cycle = [body.get("options") or {}]
        elif not isinstance(cycle, list) or not cycle or not all(isinstance(o, dict) for o in cycle):
            raise InvocationError("options_cycle must be a non-empty list of option objects")
        guild_id, channel_id = _id(body.get("guild_id")), _id(body.get("channel_id"))
        application_id = _id(body.get("application_id"))
        latencies: list[float] = []
        errors: list[str] = []
        slots = asyncio.Semaphore(concurrency)

        async def one(index: int) -> None:
            try:
                record = await self.emu.invoke_command(
                    users[index % len(users)],
                    name,
                    cycle[index % len(cycle)],
                    subcommand=body.get("subcommand"),
                    guild_id=guild_id,
                    channel_id=channel_id,
                    application_id=application_id,
                )
                await record.response(timeout=timeout)
                if record.latency is not None:
                    latencies.append(record.latency)
            except (InvocationError, TimeoutError, RuntimeError) as exc:
                errors.append(str(exc))
            finally:
                slots.release()

        loop = asyncio.get_running_loop()
        started = time.monotonic()
        tasks: list[asyncio.Task[None]] = []
        for index in range(count):
            await slots.acquire()
            delay = started + index * interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(loop.create_task(one(index)))
        await asyncio.gather(*tasks)
        return json_response(
            {
                "count": count,
                "answered": len(latencies),
                "failed": len(errors),
                "errors": errors[:5],
                "wall": time.monotonic() - started,
                "latencies": latencies,
            }
        )

    async def autocomplete(self, request: web.Request) -> web.StreamResponse:
        """{user_id, name, options, focused, ...} -> {choices}."""
        body = await self._body(request)
        choices = await self.emu.autocomplete(
            int(body["user_id"]),
            body["name"],
            body.get("options") or {},
            focused=body["focused"],
            subcommand=body.get("subcommand"),
            guild_id=_id(body.get("guild_id")),
            channel_id=_id(body.get("channel_id")),
            timeout=float(body.get("timeout", 5.0)),
        )
        return json_response({"choices": choices})

    async def click(self, request: web.Request) -> web.StreamResponse:
        """{user_id, message_id, custom_id, values?, wait?}."""
        body = await self._body(request)
        if body.get("values") is not None:
            record = await self.emu.select(
                int(body["user_id"]),
                message=int(body["message_id"]),
                custom_id=body["custom_id"],
                values=list(body["values"]),
            )
        else:
            record = await self.emu.click_button(
                int(body["user_id"]), message=int(body["message_id"]), custom_id=body["custom_id"]
            )
        return await self._finish(record, body)

    async def interaction(self, request: web.Request) -> web.StreamResponse:
        """GET an interaction; ?wait=response|final&timeout=s waits first."""
        record = self.emu.interaction(int(request.match_info["interaction_id"]))
        if record is None:
            raise KeyError("unknown interaction")
        query = dict(request.query)
        return await self._finish(record, {"wait": query.get("wait", "none"), **query})

    async def dm(self, request: web.Request) -> web.StreamResponse:
        """{user_id, content} -> the DM message."""
        body = await self._body(request)
        return json_response(await self.emu.send_dm(int(body["user_id"]), body["content"]))

    async def post(self, request: web.Request) -> web.StreamResponse:
        """{user_id, channel_id, content} -> the message."""
        body = await self._body(request)
        message = await self.emu.send_message(int(body["user_id"]), int(body["channel_id"]), body["content"])
        return json_response(message)

    async def messages(self, request: web.Request) -> web.StreamResponse:
        """A channel's messages, oldest first; ?count=n&timeout=s waits for n."""
        channel_id = int(request.match_info["channel_id"])
        if "count" in request.query:
            result = await self.emu.wait_for_messages(
                channel_id,
                int(request.query["count"]),
                float(request.query.get("timeout", "5")),
            )
        else:
            result = self.emu.messages(channel_id)
        return json_response(result)

    async def commands(self, request: web.Request) -> web.StreamResponse:
        """Registered commands; ?guild_id= for a guild's."""
        return json_response(self.emu.registered_commands(_id(request.query.get("guild_id"))))

    async def fault(self, request: web.Request) -> web.StreamResponse:
        """Arm a fault: kind in rate_limit, server_error, forbidden, not_found."""
        body = await self._body(request)
        kind = request.match_info["kind"]
        method = body.get("method", "*")
        pattern = body.get("path_pattern", "*")
        times = int(body.get("times", 1))
        faults = self.emu.faults
        if kind == "rate_limit":
            faults.rate_limit(
                method,
                pattern,
                times=times,
                retry_after=float(body.get("retry_after", 0.2)),
                global_=bool(body.get("global", False)),
            )
        elif kind == "server_error":
            faults.server_error(method, pattern, status=int(body.get("status", 502)), times=times)
        elif kind == "forbidden":
            faults.forbidden(method, pattern, times=times)
        elif kind == "not_found":
            faults.not_found(method, pattern, times=times)
        else:
            raise KeyError(f"unknown fault {kind}")
        return json_response({"armed": kind, "pending": len(faults.pending())})

    async def gateway(self, request: web.Request) -> web.StreamResponse:
        """POST drop | reconnect | invalid-session (?resumable=1)."""
        action = request.match_info["action"]
        if action == "drop":
            count = await self.emu.drop_connections()
        elif action == "reconnect":
            count = await self.emu.send_reconnect()
        elif action == "invalid-session":
            resumable = request.query.get("resumable") in ("1", "true")
            count = await self.emu.send_invalid_session(resumable=resumable)
        else:
            raise KeyError(f"unknown gateway action {action}")
        return json_response({"sessions": count})

    async def sessions(self, request: web.Request) -> web.StreamResponse:
        """Gateway sessions."""
        return json_response(self.emu.sessions)

    async def stats(self, request: web.Request) -> web.StreamResponse:
        """Request counts, peak requests per second, gateway and interaction counts."""
        return json_response(self.emu.stats())


@web.middleware
async def control_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn caller mistakes into JSON errors instead of 500s."""
    if not request.path.startswith(PREFIX):
        return await handler(request)
    try:
        return await handler(request)
    except (InvocationError, ValueError) as exc:
        return json_response({"error": str(exc)}, status=400)
    except KeyError as exc:
        return json_response({"error": f"not found: {exc}"}, status=404)
    except TimeoutError as exc:
        return json_response({"error": str(exc)}, status=504)
    except RuntimeError as exc:
        return json_response({"error": str(exc)}, status=409)


def register(app: web.Application, emulator: Emulator) -> None:
    """Add the /_emulator routes."""
    api = ControlApi(emulator)
    app.middlewares.append(control_errors)
    r = app.router
    p = PREFIX
    r.add_get(f"{p}/info", api.info)
    r.add_post(f"{p}/applications", api.create_application)
    r.add_post(f"{p}/users", api.create_user)
    r.add_post(f"{p}/guilds", api.create_guild)
    r.add_post(f"{p}/guilds/{{guild_id}}/roles", api.create_role)
    r.add_patch(f"{p}/guilds/{{guild_id}}/roles/{{role_id}}", api.set_role_permissions)
    r.add_post(f"{p}/guilds/{{guild_id}}/members", api.add_member)
    r.add_post(f"{p}/guilds/{{guild_id}}/channels", api.create_channel)
    r.add_put(f"{p}/channels/{{channel_id}}/overwrites/{{target_id}}", api.set_overwrite)
    r.add_delete(f"{p}/channels/{{channel_id}}", api.delete_channel)
    r.add_get(f"{p}/channels/{{channel_id}}/messages", api.messages)
    r.add_post(f"{p}/interactions/command", api.invoke)
    r.add_post(f"{p}/interactions/run", api.run_commands)
    r.add_post(f"{p}/interactions/autocomplete", api.autocomplete)
    r.add_post(f"{p}/interactions/click", api.click)
    r.add_get(f"{p}/interactions/{{interaction_id}}", api.interaction)
    r.add_post(f"{p}/dm", api.dm)
    r.add_post(f"{p}/messages", api.post)
    r.add_get(f"{p}/commands", api.commands)
    r.add_post(f"{p}/faults/{{kind}}", api.fault)
    r.add_post(f"{p}/gateway/{{action}}", api.gateway)
    r.add_get(f"{p}/sessions", api.sessions)
    r.add_get(f"{p}/stats", api.stats)
