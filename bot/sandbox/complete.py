"""What Tab offers at the prompt: commands, subcommands, option names and option values.

Pure apart from `lookup`, which the caller supplies to ask the bot's own autocomplete (the
prompt bridges it to the running bot); choices, booleans and channels come from the schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from bot.sandbox.parse import Directory
from bot.sandbox.schema import BOOLEAN, CHANNEL, MENTIONABLE, ROLE, USER, CommandSpec, OptionSpec, Schema

VERBS = ("dm ", "as ", "tick ", "help", "quit")
TICKS = ("30m", "2h", "1d")


@dataclass(frozen=True)
class Focus:
    """The option value being typed, for the bot's autocomplete."""

    command: str
    subcommand: str | None
    option: str
    typed: str
    options: dict[str, str]


Lookup = Callable[[Focus], list[str]]


@dataclass(frozen=True)
class Completion:
    """Candidates that each replace `line[start:]` (the text before the cursor)."""

    start: int
    candidates: list[str]


def complete(
    line: str,
    schema: Schema,
    directory: Directory,
    *,
    labels: Sequence[str] = (),
    lookup: Lookup | None = None,
    hidden: Collection[str] = (),
) -> Completion:
    """Completions for `line`, the text left of the cursor; `hidden` commands are not offered
    (Discord's client hides commands the user lacks the permissions for)."""
    if hidden:
        schema = Schema({name: spec for name, spec in schema.commands.items() if name not in hidden})
    stripped = line.lstrip()
    offset = len(line) - len(stripped)
    if stripped.startswith("/"):
        return _slash(stripped, offset, schema, directory, lookup, in_dm=False)
    verb, space, rest = stripped.partition(" ")
    if not space:
        words = [*VERBS, *labels, *(f"/{n} " for n in schema.names)]
        return Completion(offset, _prefixed(words, stripped))
    lowered = verb.lower()
    start = offset + len(verb) + 1
    rest_start = len(rest) - len(rest.lstrip())
    if lowered == "as":
        return Completion(start + rest_start, _prefixed(list(directory.users), rest.lstrip()))
    if lowered == "tick":
        return Completion(start + rest_start, _prefixed(list(TICKS), rest.lstrip()))
    if lowered == "help":
        return Completion(start + rest_start, _prefixed([f"/{n}" for n in schema.names], rest.lstrip()))
    if lowered == "dm" and rest.lstrip().startswith("/"):
        return _slash(rest.lstrip(), start + rest_start, schema, directory, lookup, in_dm=True)
    return Completion(offset, _prefixed(list(labels), stripped))


def _slash(
    text: str, offset: int, schema: Schema, directory: Directory, lookup: Lookup | None, *, in_dm: bool
) -> Completion:
    head, space, rest = text[1:].partition(" ")
    if not space:
        names = [n for n in schema.names if not (in_dm and schema.commands[n].guild_only)]
        return Completion(offset, _prefixed([f"/{n} " for n in names], text))
    command = schema.get(head.lower())
    if command is None:
        return Completion(offset + len(text), [])
    spec: CommandSpec = command
    consumed = 1 + len(head) + 1
    path: list[str] = []
    while spec.subcommands:
        word, space, remainder = rest.partition(" ")
        if not space:
            return Completion(offset + consumed, _prefixed([f"{s} " for s in spec.subcommands], word))
        chosen = spec.subcommands.get(word.lower())
        if chosen is None:
            return Completion(offset + len(text), [])
        path.append(chosen.name)
        spec = chosen
        consumed += len(word) + 1
        rest = remainder
    token_start = _token_start(rest)
    token = rest[token_start:]
    start = offset + consumed + token_start
    given = _given(rest[:token_start], spec)
    name, colon, typed = token.partition(":")
    option = spec.option(name) if colon else None
    if option is not None:
        focus = Focus(command.name, " ".join(path) or None, option.name, typed.lstrip("\"'“"), given)
        values = _values(option, focus, directory, lookup)
        return Completion(start, [f"{option.name}:{_quote(v)} " for v in values])
    if colon:
        return Completion(start, [])
    unused = [f"{o.name}:" for o in spec.options if o.name not in given]
    return Completion(start, _prefixed(unused, token))


def _token_start(rest: str) -> int:
    """Where the word under the cursor starts; a quoted value counts as one word."""
    quote_open = False
    start = 0
    for index, char in enumerate(rest):
        if char in "\"“”" or (char == "'" and (index == 0 or rest[index - 1] in " :")):
            quote_open = not quote_open
        elif char == " " and not quote_open:
            start = index + 1
    return start


def _given(before: str, spec: CommandSpec) -> dict[str, str]:
    """Options already typed before the word under the cursor (raw values)."""
    known = "|".join(re.escape(n) for n in spec.option_names)
    if not known:
        return {}
    pattern = re.compile(rf"(?<!\S)({known}):")
    matches = list(pattern.finditer(before))
    given: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(before)
        given[match.group(1)] = before[match.end() : end].strip().strip("\"'“”")
    return given


def _values(option: OptionSpec, focus: Focus, directory: Directory, lookup: Lookup | None) -> list[str]:
    typed = focus.typed
    if option.choices:
        return _prefixed([c.name for c in option.choices], typed)
    if option.type == BOOLEAN:
        return _prefixed(["true", "false"], typed)
    if option.type == CHANNEL:
        return _prefixed([f"#{n}" for n in directory.channels], typed)
    if option.type in (USER, MENTIONABLE):
        return _prefixed([f"@{n}" for n in directory.users], typed)
    if option.type == ROLE:
        return _prefixed([f"@{n}" for n in directory.roles], typed)
    if option.autocomplete and lookup is not None:
        return lookup(focus)
    return []


def _quote(value: str) -> str:
    if value and not any(c.isspace() for c in value) and '"' not in value:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _prefixed(words: Sequence[str], typed: str) -> list[str]:
    """Words starting with `typed` (case-insensitive; `#` and `@` optional)."""
    wanted = typed.casefold()
    bare = wanted.lstrip("#@")
    return [w for w in words if w.casefold().startswith(wanted) or w.casefold().lstrip("#@").startswith(bare)]
