"""`python -m bot.emulator --port 8999`: run the emulator standalone.

It creates an application (and, unless --empty, a demo guild with a user and a channel),
prints the bot token and the URLs to point a bot at, and serves until interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

from bot.emulator.server import Emulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bot.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8999, help="0 picks a free port")
    parser.add_argument("--token", default=None, help="bot token to accept (default: random)")
    parser.add_argument("--name", default="Newsbrief", help="application name")
    parser.add_argument("--global-rate-limit", type=float, default=50.0, help="requests/s; 0 disables")
    parser.add_argument("--empty", action="store_true", help="no demo guild, user or channel")
    parser.add_argument(
        "--no-request-log", action="store_true", help="keep counters only, not every request (long runs, benchmarks)"
    )
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    """Start, print how to connect, wait for a signal, stop."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    emulator = Emulator(global_rate_limit=args.global_rate_limit or None, keep_request_log=not args.no_request_log)
    await emulator.start(args.host, args.port)
    app = emulator.create_application(args.name, args.token)
    lines = [
        f"DISCORD_TOKEN={app.token}",
        f"NEWSBRIEF_DISCORD_API_BASE={emulator.api_base}",
        f"NEWSBRIEF_DISCORD_GATEWAY={emulator.gateway_url}",
        f"control API: {emulator.control_url}",
        f"application id: {app.id}",
    ]
    if not args.empty:
        user = emulator.create_user("alice")
        guild = emulator.create_guild("Demo", owner_id=user.id)
        emulator.add_member(guild.id, app.bot_user_id)
        channel = emulator.create_channel(guild.id, "general")
        lines.append(f"demo: guild {guild.id}, channel {channel.id}, user alice {user.id}")
    print("\n".join(lines), flush=True)
    try:
        await stop.wait()
    finally:
        await emulator.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    asyncio.run(serve(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
