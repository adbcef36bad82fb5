"""HTTP control API under /_emulator: a thin JSON layer over the Emulator's Python API,
so a benchmark or the sandbox in another process can drive it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from bot.emulator.server import Emulator


def register(app: web.Application, emulator: Emulator) -> None:
    """Add the /_emulator routes."""
