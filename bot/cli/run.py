"""`newsbrief run` and `newsbrief sync`: the bot against real Discord (or any compatible endpoint)."""

from __future__ import annotations

import argparse
import asyncio

from bot import app
from bot.logs import setup_logging
from bot.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run_parser = sub.add_parser("run", help="connect to Discord and serve (needs DISCORD_TOKEN)")
    run_parser.set_defaults(handler=run)
    sync_parser = sub.add_parser("sync", help="register the slash commands with Discord")
    sync_parser.add_argument("--guild", type=int, default=None, metavar="ID", help="one server only (instant)")
    sync_parser.set_defaults(handler=sync)


def _settings() -> Settings:
    settings = Settings()
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    setup_logging(settings.log_level, token)
    return settings


def run(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(app.run(_settings()))
    except KeyboardInterrupt:
        return 0


def sync(args: argparse.Namespace) -> int:
    return asyncio.run(app.sync(_settings(), args.guild))
