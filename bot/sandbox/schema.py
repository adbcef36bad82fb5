"""The slash commands as the bot registered them, in a shape the prompt can reason about.

The sandbox never hard-codes option names: it reads what the bot synced to the emulator, so a
new option or command shows up in parsing, help and completion without touching this package.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = 3, 4, 5, 6, 7, 8, 9, 10

TYPE_NAMES = {
    STRING: "text",
    INTEGER: "whole number",
    BOOLEAN: "true/false",
    USER: "user",
    CHANNEL: "channel",
    ROLE: "role",
    MENTIONABLE: "user or role",
    NUMBER: "number",
}


@dataclass(frozen=True)
class Choice:
    name: str
    value: str | int | float


@dataclass(frozen=True)
class OptionSpec:
    """One leaf option: what Discord's client would show as a field to fill in."""

    name: str
    type: int
    description: str = ""
    required: bool = False
    autocomplete: bool = False
    choices: tuple[Choice, ...] = ()

    @property
    def kind(self) -> str:
        return TYPE_NAMES.get(self.type, "value")


@dataclass(frozen=True)
class CommandSpec:
    """A command, or one subcommand of a group; `path` is what follows the slash."""

    name: str
    description: str = ""
    options: tuple[OptionSpec, ...] = ()
    subcommands: Mapping[str, CommandSpec] = field(default_factory=dict)
    admin_only: bool = False
    guild_only: bool = False

    def option(self, name: str) -> OptionSpec | None:
        return next((o for o in self.options if o.name == name), None)

    @property
    def option_names(self) -> list[str]:
        return [o.name for o in self.options]


@dataclass(frozen=True)
class Schema:
    commands: Mapping[str, CommandSpec]

    @classmethod
    def from_registered(cls, registered: Iterable[Mapping[str, Any]]) -> Schema:
        """Build from `Emulator.registered_commands()` (Discord's application command JSON)."""
        commands: dict[str, CommandSpec] = {}
        for raw in registered:
            if raw.get("type", 1) != 1:  # user and message context-menu commands have no slash form
                continue
            spec = _command(raw)
            contexts = raw.get("contexts")
            commands[spec.name] = CommandSpec(
                name=spec.name,
                description=spec.description,
                options=spec.options,
                subcommands=spec.subcommands,
                admin_only=raw.get("default_member_permissions") not in (None, "0", 0),
                guild_only=contexts is not None and 1 not in contexts,
            )
        return cls(dict(sorted(commands.items())))

    def get(self, name: str) -> CommandSpec | None:
        return self.commands.get(name)

    @property
    def names(self) -> list[str]:
        return list(self.commands)


def _command(raw: Mapping[str, Any]) -> CommandSpec:
    options: list[OptionSpec] = []
    subcommands: dict[str, CommandSpec] = {}
    for item in raw.get("options") or []:
        if item["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP):
            subcommands[item["name"]] = _command(item)
        else:
            options.append(_option(item))
    return CommandSpec(
        name=str(raw["name"]),
        description=str(raw.get("description") or ""),
        options=tuple(options),
        subcommands=subcommands,
    )


def _option(raw: Mapping[str, Any]) -> OptionSpec:
    return OptionSpec(
        name=str(raw["name"]),
        type=int(raw["type"]),
        description=str(raw.get("description") or ""),
        required=bool(raw.get("required")),
        autocomplete=bool(raw.get("autocomplete")),
        choices=tuple(Choice(str(c["name"]), c["value"]) for c in raw.get("choices") or []),
    )
