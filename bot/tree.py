"""The command tree: per-user limits before a command runs, one error handler after."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.respond import reply

if TYPE_CHECKING:
    from bot.client import NewsbriefBot

log = logging.getLogger(__name__)


class SlowDown(app_commands.CheckFailure):
    """The user is over their command rate; carries how long to wait."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited for {retry_after:.1f}s")
        self.retry_after = retry_after


def permission_name(flag: str) -> str:
    """`manage_guild` -> `Manage Server`, as Discord's own settings call it."""
    return flag.replace("_", " ").title().replace("Guild", "Server")


def describe(error: app_commands.AppCommandError) -> tuple[str, bool]:
    """(short message for the user, whether it is unexpected and worth a traceback in the log)."""
    if isinstance(error, SlowDown):
        return (
            f"You're going a little fast. Try again in {max(1, round(error.retry_after))} s.",
            False,
        )
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server.", False
    if isinstance(error, app_commands.MissingPermissions):
        missing = ", ".join(permission_name(p) for p in error.missing_permissions)
        return f"You need the {missing} permission to use this.", False
    if isinstance(error, app_commands.BotMissingPermissions):
        missing = ", ".join(permission_name(p) for p in error.missing_permissions)
        return f"I need the {missing} permission here.", False
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {error.retry_after:.0f} s.", False
    if isinstance(error, app_commands.TransformerError):
        return f"`{str(error.value)[:50]}` isn't a valid value there.", False
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here.", False
    if isinstance(error, app_commands.CommandNotFound):
        return "I don't know that command any more; it may have been removed.", False
    return "Something went wrong on my side. It has been logged; please try again.", True


#: Where the tree notes when it received a command, for the latency histogram.
STARTED = "newsbrief_started"


def record_command(interaction: discord.Interaction[NewsbriefBot], outcome: str) -> None:
    """Count the command by name and outcome, and its latency since the tree received it."""
    name = command_name(interaction)
    metrics = interaction.client.metrics
    metrics.commands.inc(command=name, outcome=outcome)
    started = interaction.extras.get(STARTED)
    if isinstance(started, float):
        metrics.latency.observe(time.perf_counter() - started, command=name)


class NewsbriefTree(app_commands.CommandTree["NewsbriefBot"]):
    async def interaction_check(self, interaction: discord.Interaction[NewsbriefBot]) -> bool:
        interaction.extras[STARTED] = time.perf_counter()
        if interaction.type is not discord.InteractionType.application_command:
            return True
        allowed, retry_after = interaction.client.command_limiter.take(interaction.user.id)
        if not allowed:
            raise SlowDown(retry_after)
        return True

    async def on_error(
        self, interaction: discord.Interaction[NewsbriefBot], error: app_commands.AppCommandError
    ) -> None:
        message, unexpected = describe(error)
        name = command_name(interaction)
        record_command(interaction, "error" if unexpected else "refused")
        if unexpected:
            log.error("command %s failed", name, exc_info=error)
        else:
            log.debug("command %s refused: %s", name, error)
        try:
            await reply(interaction, content=message, ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("could not tell user about the error in %s: %s", name, exc)


def command_name(interaction: discord.Interaction[Any]) -> str:
    return interaction.command.qualified_name if interaction.command else "unknown"
