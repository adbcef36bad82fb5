"""The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME with replay, sharding.

Sessions outlive their sockets so a client that reconnects can RESUME and receive the
events dispatched while it was away, as on Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from bot.emulator.payloads import guild_create_json, member_json, user_json
from bot.emulator.snowflakes import shard_for
from bot.emulator.state import Application, World
from bot.emulator.waiting import Changes

JSON = dict[str, Any]
_log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT = 0, 1, 2, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11
CLOSE_AUTH_FAILED, CLOSE_ALREADY_AUTHENTICATED, CLOSE_INVALID_SHARD = 4004, 4005, 4010
CLOSE_NOT_AUTHENTICATED, CLOSE_DECODE_ERROR = 4003, 4002
BUFFER_SIZE = 2000


EventData = JSON | Callable[["GatewaySession"], JSON | None]


class Connection:
    """One websocket with an ordered outbox; zlib-stream compressed when the client asked.

    Frames are queued synchronously and written by one task, so events keep their order
    and state changes made outside a coroutine can still dispatch.
    """

    def __init__(self, ws: web.WebSocketResponse, request: web.Request, compress: bool) -> None:
        self.ws = ws
        self.request = request
        self._zlib = zlib.compressobj() if compress else None
        self._outbox: asyncio.Queue[str | None] = asyncio.Queue()
        self._writer = asyncio.get_running_loop().create_task(self._write())

    def enqueue(self, payload: JSON | str) -> None:
        """Queue one gateway frame for sending."""
        self._outbox.put_nowait(payload if isinstance(payload, str) else json.dumps(payload))

    async def _write(self) -> None:
        while True:
            text = await self._outbox.get()
            if text is None or self.ws.closed:
                return
            try:
                if self._zlib is None:
                    await self.ws.send_str(text)
                else:
                    chunk = self._zlib.compress(text.encode())
                    await self.ws.send_bytes(chunk + self._zlib.flush(zlib.Z_SYNC_FLUSH))
            except (ConnectionError, RuntimeError) as exc:
                _log.debug("gateway write failed: %s", exc)
                return

    async def close(self, code: int, message: bytes = b"") -> None:
        """Flush what is queued, then close with a gateway close code."""
        self._outbox.put_nowait(None)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self._writer
            await self.ws.close(code=code, message=message)

    def stop(self) -> None:
        """Stop the writer (the socket is gone)."""
        self._writer.cancel()


@dataclass
class GatewaySession:
    """An identified session: its shard, intents, sequence and replay buffer."""

    session_id: str
    application_id: int
    shard_id: int
    shard_count: int
    intents: int
    seq: int = 0
    buffer: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=BUFFER_SIZE))
    connection: Connection | None = None
    invalidated: bool = False
    resumes: int = 0
    replayed: int = 0

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this shard receives the guild's events."""
        return shard_for(guild_id, self.shard_count) == self.shard_id

    def dispatch(self, event: str, data: JSON) -> None:
        """Number, buffer and (if connected) queue one DISPATCH frame."""
        self.seq += 1
        frame = json.dumps({"op": DISPATCH, "t": event, "s": self.seq, "d": data})
        self.buffer.append((self.seq, frame))
        if self.connection is not None:
            self.connection.enqueue(frame)


class Gateway:
    """All gateway sessions of one emulator, and the websocket handler that feeds them."""

    def __init__(self, world: World, changes: Changes, *, heartbeat_interval_ms: int = 41_250) -> None:
        self.world = world
        self.changes = changes
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: set[Connection] = set()
        self.url = ""
        self.identify_count = 0

    # ---- routing events ----

    def live_sessions(self, application_id: int | None = None) -> list[GatewaySession]:
        """Sessions that can still receive events (connected, or away but resumable)."""
        return [
            s
            for s in self.sessions.values()
            if not s.invalidated and (application_id is None or s.application_id == application_id)
        ]

    def dispatch_guild(self, guild_id: int, event: str, data: EventData, *, intent: int = 0) -> int:
        """Send a guild event to every bot in the guild, on the shard that owns it."""
        guild = self.world.guilds.get(guild_id)
        if guild is None:
            return 0
        sent = 0
        for session in self.live_sessions():
            if session.application_id not in guild.members or not session.owns_guild(guild_id):
                continue
            sent += _deliver(session, event, data, intent)
        return sent

    def dispatch_app(
        self,
        application_id: int,
        event: str,
        data: EventData,
        *,
        guild_id: int | None = None,
        intent: int = 0,
    ) -> int:
        """Send an event to one application: its guild's shard, or shard 0 for DMs."""
        sent = 0
        for session in self.live_sessions(application_id):
            owner = session.owns_guild(guild_id) if guild_id is not None else session.shard_id == 0
            if owner:
                sent += _deliver(session, event, data, intent)
        return sent

    # ---- faults ----

    def drop_connections(self) -> int:
        """Cut every socket without a close frame; clients should RESUME. Returns the count."""
        dropped = 0
        for connection in list(self.connections):
            transport = connection.request.transport
            connection.stop()
            if transport is not None:
                transport.abort()
                dropped += 1
        for session in self.sessions.values():
            session.connection = None
        return dropped

    def send_reconnect(self) -> int:
        """Op 7 to every connected session; returns how many got it."""
        sent = 0
        for session in self.sessions.values():
            if session.connection is not None:
                session.connection.enqueue({"op": RECONNECT, "d": None})
                sent += 1
        return sent

    def send_invalid_session(self, *, resumable: bool = False) -> int:
        """Op 9 to every connected session; a non-resumable session is forgotten."""
        sent = 0
        for session in self.sessions.values():
            if session.connection is None:
                continue
            if not resumable:
                session.invalidated = True
            session.connection.enqueue({"op": INVALID_SESSION, "d": resumable})
            sent += 1
        return sent

    async def close_all(self) -> None:
        """Close every socket (emulator shutdown)."""
        for connection in list(self.connections):
            await connection.close(1001, b"emulator shutting down")

    def describe(self) -> list[JSON]:
        """What tests see as `emu.sessions`."""
        out: list[JSON] = []
        for s in self.sessions.values():
            guilds = self.world.guilds_of_user(s.application_id)
            out.append(
                {
                    "session_id": s.session_id,
                    "application_id": s.application_id,
                    "shard": [s.shard_id, s.shard_count],
                    "guild_ids": [g.id for g in guilds if s.owns_guild(g.id)],
                    "connected": s.connection is not None,
                    "invalidated": s.invalidated,
                    "seq": s.seq,
                    "intents": s.intents,
                    "resumes": s.resumes,
                    "replayed": s.replayed,
                }
            )
        return out

    # ---- the websocket ----

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """GET / (upgrade): run one gateway connection until it closes."""
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        compress = request.query.get("compress") == "zlib-stream"
        connection = Connection(ws, request, compress)
        self.connections.add(connection)
        session: GatewaySession | None = None
        try:
            connection.enqueue({"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                try:
                    frame = json.loads(msg.data)
                except ValueError:
                    await connection.close(CLOSE_DECODE_ERROR, b"Error while decoding payload.")
                    break
                session = await self._on_frame(connection, session, frame)
        except (ConnectionError, RuntimeError) as exc:
            _log.debug("gateway connection ended: %s", exc)
        finally:
            self.connections.discard(connection)
            connection.stop()
            if session is not None and session.connection is connection:
                session.connection = None
                if ws.close_code in (1000, 1001):
                    # A client that closes normally ends its session, as on Discord.
                    session.invalidated = True
            self.changes.notify()
        return ws

    async def _on_frame(
        self, connection: Connection, session: GatewaySession | None, frame: JSON
    ) -> GatewaySession | None:
        op = frame.get("op")
        data = frame.get("d")
        if op == HEARTBEAT:
            connection.enqueue({"op": HEARTBEAT_ACK})
        elif op == IDENTIFY:
            if session is not None:
                await connection.close(CLOSE_ALREADY_AUTHENTICATED, b"Already authenticated.")
                return session
            return await self._identify(connection, data or {})
        elif op == RESUME:
            return await self._resume(connection, data or {})
        elif op == REQUEST_MEMBERS:
            if session is None:
                await connection.close(CLOSE_NOT_AUTHENTICATED, b"Not authenticated.")
            else:
                self._chunk(session, data or {})
        return session

    def _app_for(self, token: Any) -> Application | None:
        if not isinstance(token, str):
            return None
        return self.world.application_by_token(token.removeprefix("Bot "))

    async def _identify(self, connection: Connection, data: JSON) -> GatewaySession | None:
        app = self._app_for(data.get("token"))
        if app is None:
            await connection.close(CLOSE_AUTH_FAILED, b"Authentication failed.")
            return None
        shard_id, shard_count = data.get("shard") or [0, 1]
        if not 0 <= shard_id < shard_count:
            await connection.close(CLOSE_INVALID_SHARD, b"Invalid shard.")
            return None
        self.identify_count += 1
        session = GatewaySession(
            session_id=secrets.token_hex(16),
            application_id=app.id,
            shard_id=shard_id,
            shard_count=shard_count,
            intents=int(data.get("intents", 0)),
        )
        self.sessions[session.session_id] = session
        guilds = [g for g in self.world.guilds_of_user(app.id) if session.owns_guild(g.id)]
        ready = {
            "v": 10,
            "user": user_json(self.world.users[app.bot_user_id]),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(app.id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
        }
        session.connection = connection
        session.dispatch("READY", ready)
        for guild in guilds:
            session.dispatch("GUILD_CREATE", guild_create_json(self.world, guild, app.bot_user_id))
        self.changes.notify()
        return session

    async def _resume(self, connection: Connection, data: JSON) -> GatewaySession | None:
        app = self._app_for(data.get("token"))
        session = self.sessions.get(str(data.get("session_id")))
        if app is None:
            await connection.close(CLOSE_AUTH_FAILED, b"Authentication failed.")
            return None
        if session is None or session.invalidated or session.application_id != app.id:
            connection.enqueue({"op": INVALID_SESSION, "d": False})
            return None
        last_seq = int(data.get("seq") or 0)
        if session.connection is not None and session.connection is not connection:
            session.connection.stop()
        session.connection = connection
        session.resumes += 1
        for seq, frame in list(session.buffer):
            if seq > last_seq:
                connection.enqueue(frame)
                session.replayed += 1
        session.dispatch("RESUMED", {})
        self.changes.notify()
        return session

    def _chunk(self, session: GatewaySession, data: JSON) -> None:
        guild = self.world.guilds.get(int(data.get("guild_id", 0)))
        if guild is None:
            return
        wanted = {int(u) for u in data.get("user_ids") or []}
        members = [
            member_json(m, self.world.users.get(m.user_id))
            for m in guild.members.values()
            if not wanted or m.user_id in wanted
        ]
        chunk: JSON = {
            "guild_id": str(guild.id),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        session.dispatch("GUILD_MEMBERS_CHUNK", chunk)


def _deliver(session: GatewaySession, event: str, data: EventData, intent: int) -> int:
    if intent and not session.intents & intent:
        return 0
    payload = data(session) if callable(data) else data
    if payload is None:
        return 0
    session.dispatch(event, payload)
    return 1
