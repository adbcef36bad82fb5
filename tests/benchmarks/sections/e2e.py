"""End to end: slash commands through the emulator (another process) and the real discord.py
client, beside a bare discord.py bot answering a fixed string (the floor).

Both bots connect to the same emulator at the same time and take turns: every round runs a
batch for each of them, in a rotating order, so drift (CPU frequency, caches, other load, the
emulator's growing state) falls on both alike. The emulator runs each batch itself and times
every interaction from dispatching INTERACTION_CREATE to the bot's callback arriving, so the
driver's own costs stay out of the figures and the method is the same for both bots.
Targets: our p50 one at a time at most 1.25x the floor's; our throughput with 50 in flight at
least 0.8x the floor's.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.answers.ask import NOT_FOUND_TEXT
from bot.client import BotOptions
from bot.clock import ManualClock
from bot.emulator.redirect import point_discord_at, restore_endpoints
from bot.emulator.testing import running_client
from bot.store import SqliteStore
from bot.testbed import running_bot
from sections import Options, SectionResult, Table
from sections.emulator_process import (
    FLOOR_REPLY,
    EmulatorProcess,
    FloorBot,
    emulator_process,
    latency_figures,
    percentile,
    profile_top,
    profiled,
)

JSON = dict[str, Any]
P50_RATIO_MAX = 1.25
THROUGHPUT_RATIO_MIN = 0.8
QUESTION = "How long is the framework?"
OURS = ("ask", "quote")


@dataclass(frozen=True)
class Sizes:
    commands: int  # per target and mode, after warm-up
    in_flight: int
    rounds: int  # one at a time: batches per target
    flight_rounds: int  # in flight: fewer, larger batches, so ramp-up and drain weigh less
    warmup: int
    users: int


FULL = Sizes(commands=500, in_flight=50, rounds=10, flight_rounds=5, warmup=100, users=50)
QUICK = Sizes(commands=30, in_flight=5, rounds=2, flight_rounds=2, warmup=10, users=5)


@dataclass(frozen=True)
class Target:
    """One command of one bot."""

    label: str
    application_id: int
    name: str
    options: JSON


@dataclass
class Tally:
    """What the batches of one target in one mode added up to."""

    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    bot_cpu: float = 0.0
    emulator_cpu: float = 0.0
    batch_p50: list[float] = field(default_factory=list)
    batch_per_s: list[float] = field(default_factory=list)

    def figures(self) -> JSON:
        n = len(self.latencies)
        out = latency_figures(self.latencies)
        out["per_s"] = round(n / self.wall, 1) if self.wall else 0.0
        out["bot_cpu_us"] = round(self.bot_cpu / n * 1e6, 1) if n else 0.0
        out["emulator_cpu_us"] = round(self.emulator_cpu / n * 1e6, 1) if n else 0.0
        return out


@dataclass(frozen=True)
class World:
    users: list[int]
    guild_id: int
    channel_id: int


async def build_world(emu: EmulatorProcess, bot_ids: list[int], users: int) -> World:
    """One server with `users` members, the bots and a #general channel."""
    people = [int((await emu.post("/users", {"name": f"reader{i}"}))["id"]) for i in range(users)]
    guild_id = int((await emu.post("/guilds", {"name": "Bench", "owner_id": people[0]}))["id"])
    for member in [*people[1:], *bot_ids]:
        await emu.post(f"/guilds/{guild_id}/members", {"user_id": member})
    channel_id = int((await emu.post(f"/guilds/{guild_id}/channels", {"name": "general"}))["id"])
    return World(people, guild_id, channel_id)


async def run_batch(emu: EmulatorProcess, world: World, target: Target, count: int, in_flight: int) -> JSON:
    """`count` invocations with `in_flight` at a time, run and timed by the emulator."""
    result: JSON = await emu.post(
        "/interactions/run",
        {
            "name": target.name,
            "options": target.options,
            "application_id": target.application_id,
            "user_ids": world.users,
            "guild_id": world.guild_id,
            "channel_id": world.channel_id,
            "count": count,
            "concurrency": in_flight,
            "timeout": 10.0,
        },
    )
    if result["failed"]:
        raise RuntimeError(f"{target.label}: {result['failed']} invocation(s) failed: {result['errors']}")
    return result


async def timed_batch(
    emu: EmulatorProcess, world: World, target: Target, count: int, in_flight: int, tally: Tally
) -> None:
    """Run a batch; add its latencies, wall time and both processes' CPU to the tally."""
    cpu, emulator_cpu = time.process_time(), emu.cpu_seconds()
    result = await run_batch(emu, world, target, count, in_flight)
    tally.bot_cpu += time.process_time() - cpu
    tally.emulator_cpu += emu.cpu_seconds() - emulator_cpu
    tally.latencies += result["latencies"]
    tally.wall += result["wall"]
    tally.batch_p50.append(percentile(result["latencies"], 50))
    tally.batch_per_s.append(len(result["latencies"]) / result["wall"])


async def check_replies(emu: EmulatorProcess, world: World, targets: list[Target]) -> None:
    """Each target really answers before anything is timed (a refusal or "not in the articles"
    is fast, and not what is being measured)."""
    for target in targets:
        answer = await emu.post(
            "/interactions/command",
            {
                "user_id": world.users[0],
                "name": target.name,
                "options": target.options,
                "application_id": target.application_id,
                "guild_id": world.guild_id,
                "channel_id": world.channel_id,
                "wait": "final",
                "timeout": 10.0,
            },
        )
        message = answer["original"] or {}
        if target.label == "floor":
            ok = message.get("content") == FLOOR_REPLY
        else:
            embeds = message.get("embeds") or [{}]
            answered = not str(embeds[0].get("description", "")).startswith(NOT_FOUND_TEXT)
            ok = answered and bool(message.get("embeds")) and not int(message.get("flags") or 0) & 64
        if not ok:
            raise RuntimeError(f"{target.label}: unexpected reply {message!r}")


async def measure(options: Options) -> JSON:
    """Both bots on one emulator; warm-up, then interleaved rounds in each mode."""
    sizes = QUICK if options.quick else FULL
    modes = {"one_at_a_time": 1, "in_flight": sizes.in_flight}
    rounds = {"one_at_a_time": sizes.rounds, "in_flight": sizes.flight_rounds}
    profiles: JSON = {}
    async with emulator_process(global_rate_limit=None) as emu:
        floor_app = await emu.post("/applications", {"name": "Floor"})
        floor_id = int(floor_app["id"])
        world = await build_world(emu, [emu.application_id, floor_id], sizes.users)
        targets = [
            Target("floor", floor_id, "ping", {}),
            Target("ask", emu.application_id, "ask", {"question": QUESTION}),
            Target("quote", emu.application_id, "quote", {}),
        ]
        tallies = {mode: {t.label: Tally() for t in targets} for mode in modes}
        previous = point_discord_at(emu.api_base, emu.gateway_url)
        store = SqliteStore(":memory:")
        await store.open()
        # Generous per-user limits: the benchmark measures answering, not refusing.
        bot_options = BotOptions(command_burst=1_000_000_000, command_window=1.0, run_scheduler=False)
        try:
            async with running_bot(emu.token, store, ManualClock(dt.datetime.now(dt.UTC)), options=bot_options) as ours:
                await ours.tree.sync()
                floor = FloorBot()
                async with running_client(floor, floor_app["token"], ready_timeout=30.0):
                    await floor.tree.sync()
                    await check_replies(emu, world, targets)
                    options.log(f"e2e: warming up ({sizes.warmup} commands per target and mode)")
                    for target in targets:
                        for in_flight in modes.values():
                            await run_batch(emu, world, target, sizes.warmup, in_flight)
                    for mode, in_flight in modes.items():
                        options.log(f"e2e: {sizes.commands} commands per target, {in_flight} in flight")
                        per_round = max(1, sizes.commands // rounds[mode])
                        for round_no in range(rounds[mode]):
                            shift = round_no % len(targets)
                            for target in targets[shift:] + targets[:shift]:
                                await timed_batch(emu, world, target, per_round, in_flight, tallies[mode][target.label])
                    if options.profile:
                        for target in targets:
                            options.log(f"e2e: profiling {target.label}, {sizes.in_flight} in flight")
                            with profiled(True) as profile:
                                await run_batch(emu, world, target, sizes.commands, sizes.in_flight)
                            assert profile is not None
                            profiles[target.label] = profile_top(profile)
        finally:
            await store.close()
            restore_endpoints(previous)
    figures = summarize(sizes, tallies, quick=options.quick)
    if profiles:
        figures["profile"] = profiles
    return figures


def summarize(sizes: Sizes, tallies: dict[str, dict[str, Tally]], *, quick: bool) -> JSON:
    """Figures per mode and target, our ratios to the floor, and verdicts (none when quick)."""
    figures: JSON = {mode: {label: t.figures() for label, t in by.items()} for mode, by in tallies.items()}
    seq, par = tallies["one_at_a_time"], tallies["in_flight"]
    ratios: JSON = {}
    for label in OURS:
        # Each round ran every target back to back, so a round's ratio compares like with like
        # even when other load on the machine comes and goes; the median of the rounds is the
        # figure judged, the ratio of the pooled figures is shown beside it.
        p50s = [o / f for o, f in zip(seq[label].batch_p50, seq["floor"].batch_p50, strict=True)]
        rates = [o / f for o, f in zip(par[label].batch_per_s, par["floor"].batch_per_s, strict=True)]
        pooled = figures["one_at_a_time"], figures["in_flight"]
        ratios[label] = {
            "p50": round(statistics.median(p50s), 3),
            "throughput": round(statistics.median(rates), 3),
            "p50_pooled": round(pooled[0][label]["p50_us"] / pooled[0]["floor"]["p50_us"], 3),
            "throughput_pooled": round(pooled[1][label]["per_s"] / pooled[1]["floor"]["per_s"], 3),
            "p50_by_round": [round(r, 3) for r in p50s],
            "throughput_by_round": [round(r, 3) for r in rates],
        }
    verdicts: JSON = {}
    if not quick:
        for label, ratio in ratios.items():
            verdicts[f"{label}_p50"] = ratio["p50"] <= P50_RATIO_MAX
            verdicts[f"{label}_throughput"] = ratio["throughput"] >= THROUGHPUT_RATIO_MIN
    return {
        "quick": quick,
        "sizes": asdict(sizes),
        "question": QUESTION,
        **figures,
        "ratios": ratios,
        "targets": {"p50_ratio_max": P50_RATIO_MAX, "throughput_ratio_min": THROUGHPUT_RATIO_MIN},
        "verdicts": verdicts,
    }


def _verdict(figures: JSON, key: str, ratio: float, limit: float, *, at_most: bool) -> str:
    verdict = figures["verdicts"].get(key)
    if verdict is None:
        return ""
    if verdict:
        return "ok"
    gap = ratio - limit if at_most else limit - ratio
    return f"MISS by {gap:.2f}x"


def table(figures: JSON) -> Table:
    """One column per target, one row per figure; ratio rows carry the targets."""
    labels = ["floor", *OURS]
    seq, par = figures["one_at_a_time"], figures["in_flight"]
    sizes = figures["sizes"]
    columns = ["figure", "floor: /ping (fixed string)", "ours: /ask", "ours: /quote", "target", "verdict"]

    def cells(data: JSON, key: str, fmt: str, scale: float = 1.0) -> list[str]:
        return [format(data[label][key] * scale, fmt) for label in labels]

    def ratio_row(label: str, key: str, limit: float, *, at_most: bool) -> list[str]:
        values = {name: figures["ratios"][name][key] for name in OURS}
        marks = [f"{name} {_verdict(figures, f'{name}_{key}', values[name], limit, at_most=at_most)}" for name in OURS]
        shown = "; ".join(m for m in marks if not m.endswith(" "))
        sign = "≤" if at_most else "≥"
        return [label, "1.00", *(f"{values[name]:.2f}" for name in OURS), f"{sign} {limit}x floor", shown]

    blank = ["", ""]

    def pooled_row(label: str, key: str) -> list[str]:
        return [label, "1.00", *(f"{figures['ratios'][name][key]:.2f}" for name in OURS), *blank]

    tails = [f"{seq[x]['p90_us']:.0f} / {seq[x]['p99_us']:.0f}" for x in labels]
    flight = sizes["in_flight"]
    rows = [
        ["p50 latency, one at a time (µs)", *cells(seq, "p50_us", ".0f"), "", ""],
        ["p90 / p99, one at a time (µs)", *tails, *blank],
        ratio_row("p50 vs floor (median of rounds)", "p50", P50_RATIO_MAX, at_most=True),
        pooled_row("p50 vs floor (all commands pooled)", "p50_pooled"),
        [f"throughput, {sizes['in_flight']} in flight (/s)", *cells(par, "per_s", ".0f"), "", ""],
        ratio_row("throughput vs floor (median of rounds)", "throughput", THROUGHPUT_RATIO_MIN, at_most=False),
        pooled_row("throughput vs floor (pooled)", "throughput_pooled"),
        [f"p50 latency, {sizes['in_flight']} in flight (ms)", *cells(par, "p50_us", ".1f", 1e-3), "", ""],
        ["bot CPU per command, one at a time (µs)", *cells(seq, "bot_cpu_us", ".0f"), "", ""],
        [f"bot CPU per command, {sizes['in_flight']} in flight (µs)", *cells(par, "bot_cpu_us", ".0f"), "", ""],
        [f"emulator CPU per command, {flight} in flight (µs)", *cells(par, "emulator_cpu_us", ".0f"), *blank],
    ]
    notes = [
        f"{sizes['commands']} commands per target and mode (after {sizes['warmup']} warm-up), in "
        f"rounds that alternate the targets ({sizes['rounds']} one at a time, {sizes['flight_rounds']} in flight); "
        f"{sizes['users']} users. /ask asks "
        f"\"{figures['question']}\"; /quote has no options. The emulator runs in its own process and times "
        "each interaction from INTERACTION_CREATE to the callback arriving; CPU is per process "
        "(the bot's includes discord.py).",
    ]
    if figures["quick"]:
        notes.append("Quick run: tiny sizes; targets are not judged.")
    for label, lines in figures.get("profile", {}).items():
        notes.append(f"cProfile of the bot process, {label}, {sizes['in_flight']} in flight (top own time):")
        notes.extend(f"    {line}" for line in lines)
    return Table(
        title="End to end: slash commands through the emulator, ours beside a bare discord.py bot",
        columns=columns,
        rows=rows,
        notes=notes,
    )


def run(options: Options) -> SectionResult:
    """Entry point for run.py."""
    figures = asyncio.run(measure(options))
    return SectionResult(figures=figures, tables=[table(figures)])
