"""Digest fan-out: N servers due at the same minute, the emulator (another process) enforcing
Discord's global budget of 50 requests a second.

Every server has its own digest channel and its own local time and timezone, all naming the
same UTC instant. The bot starts on a manual clock a minute before it, idles through its first
scheduler tick, and the clock is then moved to the instant: the clock is moved and the timer
starts together, and it stops when the tick that posts everything has finished. Meanwhile a
reader asks /ask twice a second in another server, and the same reader's idle p50 is measured
just before. Afterwards every digest channel must hold exactly one message (no duplicate, no
loss), with distinct nonces, and the store must have every server marked sent.
Targets: completion time / (N / 50 per second) at most 1.15, and /ask p50 during the fan-out
at most twice its idle value.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.client import BotOptions, NewsbriefBot
from bot.clock import ManualClock
from bot.emulator.redirect import point_discord_at, restore_endpoints
from bot.store import GuildDigest, SqliteStore
from bot.testbed import running_bot
from sections import Options, SectionResult, Table, profile_top
from sections.e2e import QUESTION
from sections.emulator_process import EmulatorProcess, emulator_process, latency_figures, profiled

JSON = dict[str, Any]
RATIO_MAX = 1.15
ASK_RATIO_MAX = 2.0
#: When every digest is due (a Wednesday in November: no DST change anywhere near it).
DUE = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
#: Servers pick their own timezone; each gets the local time of DUE in its zone.
ZONES = ("UTC", "Europe/London", "Asia/Kolkata", "America/New_York", "Asia/Tokyo", "Australia/Sydney")
ROUTE = "POST /channels/{channel_id}/messages"


@dataclass(frozen=True)
class Sizes:
    servers: int
    rate_limit: float  # the emulator's global budget, requests per second
    ask_interval: float  # seconds between /ask invocations
    idle_asks: int
    setup_concurrency: int


FULL = Sizes(servers=2_000, rate_limit=50.0, ask_interval=0.5, idle_asks=20, setup_concurrency=16)
QUICK = Sizes(servers=40, rate_limit=50.0, ask_interval=0.1, idle_asks=5, setup_concurrency=8)


@dataclass(frozen=True)
class World:
    owner_id: int
    reader_id: int
    ask_guild_id: int
    ask_channel_id: int
    digests: list[tuple[int, int]]  # (guild id, digest channel id)


async def bounded(jobs: list[Callable[[], Awaitable[Any]]], concurrency: int) -> list[Any]:
    """Run the jobs with at most `concurrency` at a time; results in order."""
    slots = asyncio.Semaphore(concurrency)

    async def one(job: Callable[[], Awaitable[Any]]) -> Any:
        async with slots:
            return await job()

    return await asyncio.gather(*(one(job) for job in jobs))


async def build_world(emu: EmulatorProcess, servers: int, concurrency: int) -> World:
    """`servers` servers with the bot and a #digest channel each, plus a newsroom to ask in."""
    owner_id = int((await emu.post("/users", {"name": "owner"}))["id"])
    reader_id = int((await emu.post("/users", {"name": "reader"}))["id"])
    newsroom = int((await emu.post("/guilds", {"name": "Newsroom", "owner_id": owner_id}))["id"])
    for member in (reader_id, emu.application_id):
        await emu.post(f"/guilds/{newsroom}/members", {"user_id": member})
    general = int((await emu.post(f"/guilds/{newsroom}/channels", {"name": "general"}))["id"])

    async def server(index: int) -> tuple[int, int]:
        guild_id = int((await emu.post("/guilds", {"name": f"Server {index}", "owner_id": owner_id}))["id"])
        await emu.post(f"/guilds/{guild_id}/members", {"user_id": emu.application_id})
        channel = await emu.post(f"/guilds/{guild_id}/channels", {"name": "digest"})
        return guild_id, int(channel["id"])

    digests = await bounded([functools.partial(server, i) for i in range(servers)], concurrency)
    return World(owner_id, reader_id, newsroom, general, digests)


async def save_settings(store: SqliteStore, world: World) -> None:
    """Every server's digest at DUE, in its own timezone, written in one transaction."""
    await store.db.execute("BEGIN")
    for index, (guild_id, channel_id) in enumerate(world.digests):
        zone = ZONES[index % len(ZONES)]
        local = DUE.astimezone(ZoneInfo(zone)).time().replace(tzinfo=None)
        await store.save(GuildDigest(guild_id, channel_id, local, zone, set_by=world.owner_id))
    await store.db.execute("COMMIT")


async def ask_once(emu: EmulatorProcess, world: World) -> float:
    """One /ask in the newsroom; the emulator's latency (dispatch to callback), in seconds."""
    answer = await emu.post(
        "/interactions/command",
        {
            "user_id": world.reader_id,
            "name": "ask",
            "options": {"question": QUESTION},
            "guild_id": world.ask_guild_id,
            "channel_id": world.ask_channel_id,
            "wait": "response",
            "timeout": 10.0,
        },
    )
    if not (answer.get("callback") or {}).get("data", {}).get("embeds"):
        raise RuntimeError(f"/ask did not answer with an embed: {answer.get('callback')!r}")
    return float(answer["latency"])


async def ask_steadily(
    emu: EmulatorProcess, world: World, interval: float, *, count: int | None = None, until: asyncio.Event | None = None
) -> list[float]:
    """/ask every `interval` s (one at a time) until `count` are done or `until` is set."""
    latencies: list[float] = []
    loop = asyncio.get_running_loop()
    start = loop.time()
    while (count is None or len(latencies) < count) and not (until is not None and until.is_set()):
        latencies.append(await ask_once(emu, world))
        pause = start + len(latencies) * interval - loop.time()
        if pause > 0:
            if until is None:
                await asyncio.sleep(pause)
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(until.wait(), pause)
    return latencies


async def wait_for_tick(bot: NewsbriefBot, after: int, timeout: float) -> None:  # noqa: ASYNC109
    """Until the scheduler has finished tick number `after` + 1."""

    async def ticked() -> None:
        while bot.scheduler.ticks <= after:
            bot.scheduler.tick_done.clear()
            await bot.scheduler.tick_done.wait()

    await asyncio.wait_for(ticked(), timeout)


async def verify(emu: EmulatorProcess, store: SqliteStore, world: World, concurrency: int) -> JSON:
    """Messages per digest channel, distinct nonces, and the store's log by status."""
    jobs = [functools.partial(emu.get, f"/channels/{channel}/messages") for _, channel in world.digests]
    per_channel: list[list[JSON]] = await bounded(jobs, concurrency)
    counts = Counter(len(messages) for messages in per_channel)
    nonces = [str(m.get("nonce")) for messages in per_channel for m in messages]
    async with store.db.execute("SELECT status, count(*) FROM digest_log GROUP BY status") as cursor:
        statuses = {str(status): int(n) for status, n in await cursor.fetchall()}
    return {
        "channels": len(per_channel),
        "channels_with_one": counts.get(1, 0),
        "channels_missing": counts.get(0, 0),
        "channels_duplicated": sum(n for k, n in counts.items() if k > 1),
        "distinct_nonces": len(set(nonces)),
        "log_by_status": statuses,
    }


def _delta(after: JSON, before: JSON) -> JSON:
    """REST requests made between two emulator stats snapshots."""
    a, b = after["requests"], before["requests"]
    by_status = {k: v - int(b["by_status"].get(k, 0)) for k, v in a["by_status"].items()}
    return {
        "total": a["total"] - b["total"],
        "posts": a["by_route"].get(ROUTE, 0) - b["by_route"].get(ROUTE, 0),
        "status_429": by_status.get("429", 0),
        "by_status": {k: v for k, v in by_status.items() if v},
        "peak_per_second": a["peak_per_second"],
    }


async def measure(options: Options, bot_options: BotOptions | None = None) -> JSON:
    """Build the servers, post every digest once, and check the result."""
    sizes = QUICK if options.quick else FULL
    bound = sizes.servers / sizes.rate_limit
    chosen = bot_options or BotOptions(digest_interval=60.0, command_burst=1_000_000_000, command_window=1.0)
    profile_lines: list[str] = []
    async with emulator_process(global_rate_limit=sizes.rate_limit) as emu:
        options.log(f"fanout: creating {sizes.servers:,} servers")
        started = time.perf_counter()
        world = await build_world(emu, sizes.servers, sizes.setup_concurrency)
        setup_s = time.perf_counter() - started
        previous = point_discord_at(emu.api_base, emu.gateway_url)
        with tempfile.TemporaryDirectory(prefix="newsbrief-fanout-") as tmp:
            store = SqliteStore(Path(tmp) / "newsbrief.sqlite3")
            await store.open()
            try:
                await save_settings(store, world)
                clock = ManualClock(DUE - dt.timedelta(seconds=chosen.digest_interval))
                async with running_bot(emu.token, store, clock, options=chosen, ready_timeout=120.0) as bot:
                    await bot.tree.sync()
                    await wait_for_tick(bot, after=0, timeout=60.0)  # the first tick: nothing due yet
                    options.log(f"fanout: idle /ask ({sizes.idle_asks} asks)")
                    idle = await ask_steadily(emu, world, sizes.ask_interval, count=sizes.idle_asks)
                    before = await emu.get("/stats")
                    options.log(f"fanout: {sizes.servers:,} digests due (bound {bound:.1f} s)")
                    done = asyncio.Event()
                    asking = asyncio.create_task(ask_steadily(emu, world, sizes.ask_interval, until=done))
                    ticks = bot.scheduler.ticks
                    try:
                        with profiled(options.profile) as profile:
                            cpu = time.process_time()
                            started = time.perf_counter()
                            await clock.set(DUE)
                            await wait_for_tick(bot, after=ticks, timeout=bound * 3 + 60.0)
                            completion_s = time.perf_counter() - started
                            cpu_s = time.process_time() - cpu
                    finally:
                        done.set()
                        during = await asking
                    if profile is not None:
                        profile_lines = profile_top(profile)
                    requests = _delta(await emu.get("/stats"), before)
                checks = await verify(emu, store, world, sizes.setup_concurrency)
            finally:
                await store.close()
                restore_endpoints(previous)
    idle_figures, during_figures = latency_figures(idle), latency_figures(during)
    ratio = completion_s / bound
    ask_ratio = during_figures["p50_us"] / idle_figures["p50_us"]
    intact = (
        checks["channels_with_one"] == sizes.servers
        and checks["distinct_nonces"] == sizes.servers
        and checks["log_by_status"] == {"sent": sizes.servers}
    )
    figures: JSON = {
        "quick": options.quick,
        "sizes": asdict(sizes),
        "options": {"digest_rate": chosen.digest_rate, "digest_concurrency": chosen.digest_concurrency},
        "setup_s": round(setup_s, 2),
        "completion_s": round(completion_s, 3),
        "bound_s": bound,
        "ratio": round(ratio, 3),
        "posts_per_s": round(sizes.servers / completion_s, 2),
        "bot_cpu_s": round(cpu_s, 3),
        "requests": requests,
        "checks": {**checks, "intact": intact},
        "ask_idle": idle_figures,
        "ask_during": during_figures,
        "ask_ratio": round(ask_ratio, 3),
        "targets": {"ratio_max": RATIO_MAX, "ask_ratio_max": ASK_RATIO_MAX},
        "verdicts": {}
        if options.quick
        else {"ratio": ratio <= RATIO_MAX, "intact": intact, "ask_ratio": ask_ratio <= ASK_RATIO_MAX},
    }
    if profile_lines:
        figures["profile"] = profile_lines
    return figures


def _mark(figures: JSON, key: str, value: float, limit: float) -> str:
    verdict = figures["verdicts"].get(key)
    if verdict is None:
        return ""
    return "ok" if verdict else f"MISS by {value - limit:.2f}x"


def table(figures: JSON) -> Table:
    sizes, checks, requests = figures["sizes"], figures["checks"], figures["requests"]
    n = sizes["servers"]
    idle, during = figures["ask_idle"], figures["ask_during"]
    intact = figures["verdicts"].get("intact")
    rows = [
        ["servers due at the same minute", f"{n:,}", "", ""],
        ["rate-limit bound, servers / 50 per s (s)", f"{figures['bound_s']:.1f}", "", ""],
        ["completion time (s)", f"{figures['completion_s']:.1f}", "", ""],
        [
            "completion / bound",
            f"{figures['ratio']:.3f}",
            f"≤ {RATIO_MAX}",
            _mark(figures, "ratio", figures["ratio"], RATIO_MAX),
        ],
        ["posts per second", f"{figures['posts_per_s']:.1f}", "", ""],
        [
            "channels with exactly one digest",
            f"{checks['channels_with_one']:,} of {n:,}",
            "all (no duplicate, no loss)",
            "" if intact is None else ("ok" if intact else "MISS"),
        ],
        ["duplicates / missing", f"{checks['channels_duplicated']} / {checks['channels_missing']}", "", ""],
        ["429 answers during the fan-out", f"{requests['status_429']}", "", ""],
        ["peak REST requests in one second", f"{requests['peak_per_second']}", "", ""],
        ["/ask p50 idle (µs)", f"{idle['p50_us']:.0f}", "", ""],
        ["/ask p50 during the fan-out (µs)", f"{during['p50_us']:.0f}", "", ""],
        [
            "/ask p50 during / idle",
            f"{figures['ask_ratio']:.2f}",
            f"≤ {ASK_RATIO_MAX}",
            _mark(figures, "ask_ratio", figures["ask_ratio"], ASK_RATIO_MAX),
        ],
        ["bot CPU during the fan-out (s)", f"{figures['bot_cpu_s']:.1f}", "", ""],
    ]
    opts = figures["options"]
    notes = [
        f"The emulator (another process) allows {sizes['rate_limit']:.0f} requests/s per bot; the bot paces "
        f"digest posts at {opts['digest_rate']:g}/s with {opts['digest_concurrency']} in flight. "
        f"/ask ({idle['n']} idle, {during['n']} during) every {sizes['ask_interval']} s, timed by the emulator "
        f"from dispatch to callback. Log: {checks['log_by_status']}; REST by status: {requests['by_status']}.",
    ]
    if figures["quick"]:
        notes.append("Quick run: tiny sizes; targets are not judged.")
    if figures.get("profile"):
        notes.append("cProfile of the bot process during the fan-out (top functions by own time):")
        notes.extend(f"    {line}" for line in figures["profile"])
    return Table(
        title=f"Digest fan-out: {n:,} servers due at once, {sizes['rate_limit']:.0f} requests/s allowed",
        columns=["figure", "value", "target", "verdict"],
        rows=rows,
        notes=notes,
    )


def run(options: Options) -> SectionResult:
    """Entry point for run.py."""
    figures = asyncio.run(measure(options))
    return SectionResult(figures=figures, tables=[table(figures)])
