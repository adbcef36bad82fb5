"""End to end: slash commands through the emulator (another process) and the real discord.py
client, beside a bare discord.py bot answering a fixed string (the floor).

Both bots connect to the same emulator at the same time and take turns: every round runs a
batch for each of them, in a rotating order, so drift (CPU frequency, caches, other load, the
emulator's growing state) falls on both alike. The emulator runs each batch itself and times
every interaction from dispatching INTERACTION_CREATE to the bot's callback arriving, so the
driver's own costs stay out of the figures and the method is the same for both bots.
Targets: our p50 one at a time at most 1.25x the floor's; our throughput with 50 in flight at
least 0.8x the floor's.

Requests vary as in a real community: /ask cycles through 40 distinct questions about the seed
article (some it cannot answer) and /quote through a set of speaker and topic filters. Our bot
runs twice: as shipped (its answer cache on, so once a question has been answered repeats are
served from memory: "warm") and with the answer cache off, so every invocation builds its
answer ("cold"). The targets are judged on the shipped configuration; the cold ratios are
shown beside them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.answers.ask import NOT_FOUND_TEXT
from bot.answers.service import DEFAULT_CACHE_SIZE
from bot.client import BotOptions, NewsbriefBot
from bot.clock import ManualClock
from bot.emulator.redirect import point_discord_at, restore_endpoints
from bot.emulator.testing import running_client
from bot.store import SqliteStore
from bot.testbed import running_bot
from sections import Options, SectionResult, Table, profile_top
from sections.emulator_process import (
    FLOOR_REPLY,
    EmulatorProcess,
    FloorBot,
    emulator_process,
    latency_figures,
    percentile,
    profiled,
)

JSON = dict[str, Any]
P50_RATIO_MAX = 1.25
THROUGHPUT_RATIO_MIN = 0.8
#: Distinct questions readers might ask about the seed article, in a fixed order; the last ones
#: (and a few phrasings the content misses) get the honest "not in the articles" answer.
QUESTIONS = (
    "How long is the framework?",
    "How long does the defence framework last?",
    "Where was the framework signed?",
    "Where did Singh and Hegseth meet?",
    "When was the framework signed?",
    "Who signed the framework?",
    "Who is Rajnath Singh?",
    "Who is Pete Hegseth?",
    "What did Singh say?",
    "What did Hegseth say?",
    "What did Rajnath Singh write on X?",
    "What did Hegseth write on X?",
    "What is the framework called?",
    "What will the framework provide?",
    "What are the tariffs on Indian goods?",
    "Why were the trade talks stalled?",
    "What penalty did Trump impose?",
    "Russian oil purchases",
    "What about Russia?",
    "What is China doing in the region?",
    "Indo-Pacific",
    "What was the supply agreement last year?",
    "supply chain disruptions",
    "What cooperation does Hegseth mention?",
    "tech cooperation and info sharing",
    "Is there a trade deal?",
    "What is ASEAN Defence Ministers Meeting Plus?",
    "Kuala Lumpur",
    "What did Singh say about the Indo-Pacific?",
    "Is defence the main pillar of relations?",
    "rules-based international order",
    "deterrence and regional stability",
    "tariffs",
    "How big are the tariffs?",
    "What is the price of oil?",
    "Who won the cricket match?",
    "What is the capital of France?",
    "bitcoin price",
    "Will India buy F-35 jets?",
    "What did Modi say?",
)
#: The one question the fan-out section asks while a digest goes out.
QUESTION = QUESTIONS[0]
#: /quote filters, from none to speaker and topic together.
QUOTE_FILTERS: tuple[JSON, ...] = (
    {},
    {"speaker": "Singh"},
    {"speaker": "Hegseth"},
    {"topic": "partnership"},
    {"speaker": "Rajnath Singh"},
    {"topic": "framework"},
    {"topic": "cooperation"},
    {"topic": "Indo-Pacific"},
    {"speaker": "Singh", "topic": "partnership"},
)
#: Our targets: each command as shipped (answer cache on) and with the answer cache off.
OURS = ("ask", "ask_cold", "quote", "quote_cold")
JUDGED = ("ask", "quote")
HEADINGS = {
    "floor": "floor: /ping (fixed string)",
    "ask": "ours: /ask (warm)",
    "ask_cold": "ours: /ask (cold)",
    "quote": "ours: /quote (warm)",
    "quote_cold": "ours: /quote (cold)",
}


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


@dataclass
class Target:
    """One command of one bot, with the options its invocations cycle through.

    `offset` carries on where the previous batch stopped, so over a run every entry of the
    cycle is used about equally often whatever the batch sizes.
    """

    label: str
    application_id: int
    name: str
    cycle: tuple[JSON, ...] = ({},)
    offset: int = 0

    def next_cycle(self, count: int) -> list[JSON]:
        """The cycle, starting where the last batch stopped; advances past `count` invocations."""
        start = self.offset % len(self.cycle)
        self.offset += count
        return [*self.cycle[start:], *self.cycle[:start]]


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
            "options_cycle": target.next_cycle(count),
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


async def check_replies(emu: EmulatorProcess, world: World, targets: list[Target]) -> JSON:
    """Every request of every target really gets a public answer before anything is timed (a
    refusal is fast, and not what is being measured). Returns how many requests of each of
    our targets the content could not answer: those are part of the mix, and shown."""
    not_found: JSON = {}
    for target in targets:
        not_found[target.label] = 0
        for options in target.cycle:
            answer = await emu.post(
                "/interactions/command",
                {
                    "user_id": world.users[0],
                    "name": target.name,
                    "options": options,
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
                if str(embeds[0].get("description", "")).startswith(NOT_FOUND_TEXT):
                    not_found[target.label] += 1
                ok = bool(message.get("embeds")) and not int(message.get("flags") or 0) & 64
            if not ok:
                raise RuntimeError(f"{target.label} {options}: unexpected reply {message!r}")
    del not_found["floor"]
    for label in OURS:
        warm = label.removesuffix("_cold")
        if not_found[label] != not_found[warm]:
            raise RuntimeError(f"{label} and {warm} answer differently: {not_found}")
    if not_found["ask"] > len(QUESTIONS) // 2:
        raise RuntimeError(f"/ask answers only {len(QUESTIONS) - not_found['ask']} of {len(QUESTIONS)} questions")
    if not_found["quote"]:
        raise RuntimeError("/quote finds nothing for a filter")
    return not_found


def cache_counts(bot: NewsbriefBot) -> tuple[int, int]:
    """Hits and misses of a bot's answer cache so far ((0, 0) when it is off)."""
    info = bot.content.answers.cache_info()
    return (info.hits, info.misses) if info is not None else (0, 0)


async def measure(options: Options) -> JSON:
    """Both bots on one emulator; warm-up, then interleaved rounds in each mode."""
    sizes = QUICK if options.quick else FULL
    modes = {"one_at_a_time": 1, "in_flight": sizes.in_flight}
    rounds = {"one_at_a_time": sizes.rounds, "in_flight": sizes.flight_rounds}
    profiles: JSON = {}
    async with emulator_process(global_rate_limit=None) as emu:
        floor_app = await emu.post("/applications", {"name": "Floor"})
        floor_id = int(floor_app["id"])
        cold_app = await emu.post("/applications", {"name": "Newsbrief, answer cache off"})
        cold_id = int(cold_app["id"])
        world = await build_world(emu, [emu.application_id, cold_id, floor_id], sizes.users)
        asks = tuple({"question": q} for q in QUESTIONS)
        targets = [
            Target("floor", floor_id, "ping"),
            Target("ask", emu.application_id, "ask", asks),
            Target("ask_cold", cold_id, "ask", asks),
            Target("quote", emu.application_id, "quote", QUOTE_FILTERS),
            Target("quote_cold", cold_id, "quote", QUOTE_FILTERS),
        ]
        tallies = {mode: {t.label: Tally() for t in targets} for mode in modes}
        previous = point_discord_at(emu.api_base, emu.gateway_url)
        store = SqliteStore(":memory:")
        await store.open()
        # Generous per-user limits: the benchmark measures answering, not refusing.
        bot_options = BotOptions(command_burst=1_000_000_000, command_window=1.0, run_scheduler=False)
        try:
            clock = ManualClock(dt.datetime.now(dt.UTC))
            async with (
                running_bot(emu.token, store, clock, options=bot_options) as ours,
                running_bot(cold_app["token"], store, clock, options=bot_options, answer_cache_size=0) as cold,
            ):
                await ours.tree.sync()
                await cold.tree.sync()
                floor = FloorBot()
                async with running_client(floor, floor_app["token"], ready_timeout=30.0):
                    await floor.tree.sync()
                    not_found = await check_replies(emu, world, targets)
                    options.log(f"e2e: warming up ({sizes.warmup} commands per target and mode)")
                    for target in targets:
                        for in_flight in modes.values():
                            await run_batch(emu, world, target, sizes.warmup, in_flight)
                    before = cache_counts(ours)
                    for mode, in_flight in modes.items():
                        options.log(f"e2e: {sizes.commands} commands per target, {in_flight} in flight")
                        per_round = max(1, sizes.commands // rounds[mode])
                        for round_no in range(rounds[mode]):
                            shift = round_no % len(targets)
                            for target in targets[shift:] + targets[:shift]:
                                await timed_batch(emu, world, target, per_round, in_flight, tallies[mode][target.label])
                    after = cache_counts(ours)
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
    figures["not_found"] = not_found
    figures["cache_while_timed"] = {"hits": after[0] - before[0], "misses": after[1] - before[1]}
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
        for label in JUDGED:
            verdicts[f"{label}_p50"] = ratios[label]["p50"] <= P50_RATIO_MAX
            verdicts[f"{label}_throughput"] = ratios[label]["throughput"] >= THROUGHPUT_RATIO_MIN
    return {
        "quick": quick,
        "sizes": asdict(sizes),
        "questions": list(QUESTIONS),
        "quote_filters": list(QUOTE_FILTERS),
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


def _filter_text(options: JSON) -> str:
    return " + ".join(f"{k}:{v}" for k, v in options.items()) or "none"


def table(figures: JSON) -> Table:
    """One column per target, one row per figure; ratio rows carry the targets."""
    labels = ["floor", *OURS]
    seq, par = figures["one_at_a_time"], figures["in_flight"]
    sizes = figures["sizes"]
    columns = ["figure", *(HEADINGS[label] for label in labels), "target", "verdict (warm)"]

    def cells(data: JSON, key: str, fmt: str, scale: float = 1.0) -> list[str]:
        return [format(data[label][key] * scale, fmt) for label in labels]

    def ratio_row(label: str, key: str, limit: float, *, at_most: bool) -> list[str]:
        values = {name: figures["ratios"][name][key] for name in OURS}
        marks = [
            f"{name} {_verdict(figures, f'{name}_{key}', values[name], limit, at_most=at_most)}" for name in JUDGED
        ]
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
    questions, filters = figures["questions"], figures["quote_filters"]
    cache = figures["cache_while_timed"]
    looked_up = cache["hits"] + cache["misses"]
    hit_share = f"{cache['hits'] / looked_up:.0%}" if looked_up else "n/a"
    notes = [
        f"{sizes['commands']} commands per target and mode (after {sizes['warmup']} warm-up), in "
        f"rounds that alternate the targets ({sizes['rounds']} one at a time, {sizes['flight_rounds']} in flight); "
        f"{sizes['users']} users. The emulator runs in its own process and times "
        "each interaction from INTERACTION_CREATE to the callback arriving; CPU is per process "
        "(the bot's includes discord.py).",
        f"/ask cycles through {len(questions)} distinct questions about the seed article "
        f"({len(questions) - figures['not_found']['ask']} answered, {figures['not_found']['ask']} "
        f'"not in the articles"); /quote cycles through {len(filters)} filters '
        f"({', '.join(_filter_text(f) for f in filters)}).",
        f"warm = our bot as shipped: its answer cache (LRU, {DEFAULT_CACHE_SIZE} answers per loaded library) "
        "is on, and with "
        f"only {len(questions)} questions and {len(filters)} filters, each asked once by the reply check before "
        f"the warm-up, the timed commands are served from it ({cache['hits']:,} hits, {cache['misses']:,} misses "
        f"while timed: {hit_share} hits). cold = the same bot with the answer cache off: every command builds its "
        "answer. Verdicts judge warm (what ships); cold is shown for what a first-time request costs.",
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
