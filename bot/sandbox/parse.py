"""Turn what someone types at the sandbox prompt into an action, the way Discord's client would.

Pure: no I/O, no bot. Slash commands are checked against the schema the bot registered, so an
unknown option or a missing required one is explained here, before anything is sent.

    /quote speaker:Hegseth topic:"new era"
    /ask question:How long is the framework?      (a value runs until the next `option:`)
    /ask How long is the framework?                (leading text fills the first required option)
    /digest setup channel:#digest time:09:00 timezone:Asia/Kolkata
    dm what did Singh say?     dm /about     as admin     tick 1d     help     quit
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.schema import (
    BOOLEAN,
    CHANNEL,
    INTEGER,
    MENTIONABLE,
    NUMBER,
    ROLE,
    USER,
    CommandSpec,
    OptionSpec,
    Schema,
)

MAX_TICK = dt.timedelta(days=366)
_ATTEMPT = re.compile(r"(?<!\S)([a-z][a-z0-9_-]*):")
_DURATION_PART = re.compile(r"(\d+)\s*([dhm])", re.IGNORECASE)
_DURATION = re.compile(r"^(?:\d+\s*[dhm]\s*)+$", re.IGNORECASE)
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
_QUOTES = {'"': '"', "'": "'", "“": "”"}
_TRUE = {"true", "yes", "on", "1", "y"}
_FALSE = {"false", "no", "off", "0", "n"}
_SNOWFLAKE_MENTION = re.compile(r"^<(?:#|@!?|@&)(\d+)>$")


class ParseError(ValueError):
    """The line cannot be sent as typed; the message says what to type instead."""


@dataclass(frozen=True)
class Slash:
    command: str
    subcommand: str | None = None  # "setup", or "group sub" for nested groups
    options: dict[str, Any] = field(default_factory=dict)
    in_dm: bool = False

    @property
    def path(self) -> str:
        return f"/{self.command} {self.subcommand}" if self.subcommand else f"/{self.command}"


@dataclass(frozen=True)
class DirectMessage:
    text: str


@dataclass(frozen=True)
class SwitchUser:
    user: str


@dataclass(frozen=True)
class Tick:
    delta: dt.timedelta


@dataclass(frozen=True)
class Help:
    topic: str | None = None


@dataclass(frozen=True)
class Quit:
    pass


@dataclass(frozen=True)
class Words:
    """Anything else: the session decides (a button label, or a friendly "unknown")."""

    text: str


Action = Slash | DirectMessage | SwitchUser | Tick | Help | Quit | Words


@dataclass(frozen=True)
class Directory:
    """Names a person can type that stand for ids: `#digest`, `@admin`."""

    channels: Mapping[str, int] = field(default_factory=dict)
    users: Mapping[str, int] = field(default_factory=dict)
    roles: Mapping[str, int] = field(default_factory=dict)


def parse_line(line: str, schema: Schema, directory: Directory) -> Action | None:
    """The action for one typed line; None for a blank line. Raises ParseError."""
    text = line.strip()
    if not text:
        return None
    if text.startswith("/"):
        return parse_slash(text, schema, directory)
    verb, _, rest = text.partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if verb in ("quit", "exit"):
        return Quit()
    if verb in ("help", "?"):
        return Help(rest or None)
    if verb == "dm":
        if not rest:
            raise ParseError("dm needs something to say, e.g. dm what did Singh say?")
        if rest.startswith("/"):
            found = parse_slash(rest, schema, directory)
            return Slash(found.command, found.subcommand, found.options, in_dm=True)
        return DirectMessage(rest)
    if verb == "as":
        who = rest.lstrip("@").lower()
        if who not in directory.users:
            raise ParseError(f"No user {rest!r} here; try {' or '.join('as ' + u for u in directory.users)}")
        return SwitchUser(who)
    if verb == "tick":
        return Tick(parse_duration(rest))
    return Words(text)


def parse_duration(text: str) -> dt.timedelta:
    """`1d`, `2h`, `30m`, or combinations such as `1h30m`.

    Whole minutes only: the digest scheduler looks at the clock once a minute, so a finer step
    would not be seen by it anyway.
    """
    compact = text.strip()
    if not compact or not _DURATION.match(compact):
        raise ParseError("tick needs a duration, e.g. tick 1d, tick 2h, tick 30m or tick 1h30m")
    delta = dt.timedelta()
    for amount, unit in _DURATION_PART.findall(compact):
        delta += dt.timedelta(**{_UNITS[unit.lower()]: int(amount)})
    if delta <= dt.timedelta():
        raise ParseError("tick needs a duration above zero")
    if delta > MAX_TICK:
        raise ParseError("tick moves at most 366 days at a time")
    return delta


def parse_slash(text: str, schema: Schema, directory: Directory) -> Slash:
    """`/name [sub] option:value ...` checked against the registered schema."""
    head, _, rest = text.strip()[1:].partition(" ")
    name = head.lower()
    command = schema.get(name)
    if command is None:
        typed = f"/{head}"
        raise ParseError(_unknown(f"Unknown command {typed}.", typed, [f"/{n}" for n in schema.names], "Commands"))
    path: list[str] = []
    spec = command
    rest = rest.strip()
    while spec.subcommands:
        word, _, remainder = rest.partition(" ")
        chosen = spec.subcommands.get(word.lower())
        where = " ".join([f"/{name}", *path])
        if chosen is None:
            listing = ", ".join(spec.subcommands)
            if not word:
                raise ParseError(f"{where} needs a subcommand: {listing}")
            raise ParseError(
                _unknown(f"{where} has no subcommand {word!r}.", word, list(spec.subcommands), "Subcommands")
            )
        path.append(chosen.name)
        spec = chosen
        rest = remainder.strip()
    where = " ".join([f"/{name}", *path])
    raw = _split_options(rest, spec, where)
    options = {key: convert(spec.option(key), value, directory, where) for key, value in raw.items()}
    missing = [o.name for o in spec.options if o.required and o.name not in options]
    if missing:
        needs = ", ".join(f"{m}:" for m in missing)
        raise ParseError(f"{where} needs {needs} (e.g. {example(where, spec)})")
    return Slash(command.name, " ".join(path) or None, options)


def _split_options(rest: str, spec: CommandSpec, where: str) -> dict[str, str]:
    """Raw option values; a value runs to the next known `option:` unless it is quoted."""
    known = set(spec.option_names)
    values: dict[str, str] = {}
    leading, pos = _until_boundary(rest, 0, known, where)
    current: str | None = None
    while pos < len(rest):
        match = _ATTEMPT.match(rest, pos)
        if match is None:  # pragma: no cover - _until_boundary stops only at a boundary
            break
        current = match.group(1)
        if current in values:
            raise ParseError(f"{where}: {current}: is given twice")
        pos = match.end()
        while pos < len(rest) and rest[pos].isspace():
            pos += 1
        if pos < len(rest) and rest[pos] in _QUOTES:
            value, pos = _quoted(rest, pos, current)
            after, pos = _until_boundary(rest, pos, known, where)
            if after:
                raise ParseError(f"{where}: unexpected {after!r} after the quoted value of {current}:")
        else:
            value, pos = _until_boundary(rest, pos, known, where)
        values[current] = value
    if leading:
        target = next((o for o in spec.options if o.required and o.name not in values), None)
        if target is None:
            raise ParseError(
                f"{where} takes options by name: {_listing(spec)} (e.g. {example(where, spec)})"
                if spec.options
                else f"{where} takes no options"
            )
        values = {target.name: leading, **values}
    return values


def _until_boundary(text: str, start: int, known: set[str], where: str) -> tuple[str, int]:
    """Text up to the next `known:` (stripped), and where that boundary starts."""
    pos = start
    while True:
        match = _ATTEMPT.search(text, pos)
        if match is None:
            return text[start:].strip(), len(text)
        name = match.group(1)
        if name in known:
            return text[start : match.start()].strip(), match.start()
        following = text[match.end() : match.end() + 2]
        if following[:1] and not following[:1].isspace() and following != "//":
            valid = [f"{k}:" for k in sorted(known)]
            raise ParseError(
                _unknown(f"{where} has no option {name!r}.", f"{name}:", valid, "Options")
                + " (put quotes around a value that contains `word:`)"
            )
        pos = match.end()


def _quoted(text: str, start: int, option: str) -> tuple[str, int]:
    closing = _QUOTES[text[start]]
    out: list[str] = []
    pos = start + 1
    while pos < len(text):
        char = text[pos]
        if char == "\\" and pos + 1 < len(text) and text[pos + 1] in (closing, "\\"):
            out.append(text[pos + 1])
            pos += 2
            continue
        if char == closing:
            return "".join(out), pos + 1
        out.append(char)
        pos += 1
    raise ParseError(f"{option}: the quote is not closed")


def convert(option: OptionSpec | None, raw: str, directory: Directory, where: str) -> Any:
    """A raw typed value as the option's type; `#digest` becomes that channel's id."""
    if option is None:  # pragma: no cover - names come from the schema
        raise ParseError(f"{where}: unknown option")
    label = f"{option.name}:"
    if raw == "":
        raise ParseError(f"{label} needs a value ({option.description or option.kind})")
    if option.choices:
        for choice in option.choices:
            if raw.casefold() in (choice.name.casefold(), str(choice.value).casefold()):
                return choice.value
        names = ", ".join(c.name for c in option.choices)
        raise ParseError(f"{label} {raw!r} is not one of the choices: {names}")
    if option.type == BOOLEAN:
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ParseError(f"{label} is true or false, not {raw!r}")
    if option.type == INTEGER:
        try:
            return int(raw)
        except ValueError:
            raise ParseError(f"{label} needs a whole number, not {raw!r}") from None
    if option.type == NUMBER:
        try:
            return float(raw)
        except ValueError:
            raise ParseError(f"{label} needs a number, not {raw!r}") from None
    if option.type == CHANNEL:
        return _lookup(raw, directory.channels, "#", label, "channel")
    if option.type == USER:
        return _lookup(raw, directory.users, "@", label, "user")
    if option.type == ROLE:
        return _lookup(raw, directory.roles, "@", label, "role")
    if option.type == MENTIONABLE:
        return _lookup(raw, {**directory.roles, **directory.users}, "@", label, "user or role")
    return raw


def _lookup(raw: str, names: Mapping[str, int], sigil: str, label: str, kind: str) -> int:
    mention = _SNOWFLAKE_MENTION.match(raw)
    if mention:
        return int(mention.group(1))
    if raw.isdigit():
        return int(raw)
    wanted = raw.removeprefix(sigil).casefold()
    for name, snowflake in names.items():
        if name.casefold() == wanted:
            return snowflake
    known = ", ".join(sigil + n for n in names) or "none"
    raise ParseError(f"{label} there is no {kind} {raw!r} here; try {known}")


def example(where: str, spec: CommandSpec) -> str:
    """A line someone could type: the required options with placeholder values."""
    parts = [where]
    for option in spec.options:
        if option.required:
            sample = option.choices[0].name if option.choices else f"<{option.kind}>"
            parts.append(f"{option.name}:{sample}")
    return " ".join(parts)


def _listing(spec: CommandSpec) -> str:
    return ", ".join(f"{o.name}:" for o in spec.options)


def _unknown(problem: str, typed: str, valid: list[str], heading: str) -> str:
    close = difflib.get_close_matches(typed.lower(), valid, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else ""
    return f"{problem}{hint} {heading}: {', '.join(valid) or 'none'}"
