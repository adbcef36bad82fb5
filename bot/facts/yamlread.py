"""Read one YAML file into plain Python values, remembering the line of every node.

PyYAML silently keeps the last of duplicated keys and expands aliases at construction time,
so we build the values ourselves, straight from the parser's event stream (libyaml when
available): anchors and aliases are refused as events (nothing is ever expanded), duplicated
keys are rejected, and `location -> line` is recorded for error reporting. Going without
PyYAML's node graph and its resolver (except for the few plain scalars that may not be text)
makes reading about twice as fast as composing nodes and constructing values from them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml

Location = tuple[str | int, ...]

MAX_FILE_BYTES = 1024 * 1024
#: An article nests four levels deep (background -> item -> source -> name); anything far deeper
#: is a mistake or an attack, and is refused (and skipped) rather than built recursively.
MAX_DEPTH = 16

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _MERGE = (_CORE + name for name in ("str", "int", "merge"))
_RESOLVER: Any = yaml.resolver.Resolver()
#: First characters of plain scalars that may resolve to something other than text (`yes`, `12`,
#: `~`, `2025-10-31`, `<<`, the empty string ...); any other plain scalar is text.
_IMPLICIT_FIRST = frozenset(key for key in yaml.resolver.Resolver.yaml_implicit_resolvers if key is not None)
#: First letters whose only implicit resolvers are word lists (bool, null): a plain scalar starting
#: with one of them and longer than the longest word (`false`) is text whatever the resolver says.
_WORDS_ONLY_FIRST = frozenset(
    key
    for key, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    if key and key.isalpha() and all(tag in (_CORE + "bool", _CORE + "null") for tag, _ in resolvers)
)
_LONGEST_WORD = len("false")
_OPENS = frozenset({yaml.MappingStartEvent, yaml.SequenceStartEvent})
_CLOSES = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})
#: Tags a plain editor's file can produce; anything else (!!binary, !!set, !!python/...) is refused.
_ALLOWED_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
#: Syntax errors whose `context` mark is where the broken construct starts (an unclosed
#: quote or bracket): that line, not the end of file where libyaml noticed, is the one to fix.
_CONTEXT_IS_THE_CULPRIT = ("while scanning a quoted scalar", "while parsing a flow")


@dataclass(frozen=True)
class YamlProblem:
    """One problem found while reading, on the line an editor should look at."""

    line: int
    message: str


class UnreadableYamlError(Exception):
    """The file cannot be read at all; `problems` says why, line by line."""

    def __init__(self, *problems: YamlProblem) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


@dataclass
class ReadResult:
    """The file's data plus where each value was written."""

    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    #: Locations whose value was refused while reading (already reported in `problems`).
    refused: set[Location] = field(default_factory=set)

    def line_of(self, location: Location) -> int:
        """The line of the deepest known node on the path (a missing key points at its parent)."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return 1

    def was_refused(self, location: Location) -> bool:
        """Whether `location` (or a value containing it) was already reported while reading."""
        return any(tuple(location[:end]) in self.refused for end in range(len(location) + 1))


def read_yaml(raw: bytes) -> ReadResult:
    """Parse `raw` into a ReadResult; raises UnreadableYamlError when it cannot be read at all."""
    if len(raw) > MAX_FILE_BYTES:
        raise _unreadable(1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} (1 MiB)")
    text = _decode(raw)
    _reject_tabs(text)
    if not text.strip():
        raise _unreadable(1, "file is empty")
    # Anchors and aliases are refused from the event stream, so nothing is ever expanded. Without
    # them in the text, a second document stops the reading as soon as it starts (as composing
    # would); with them, the whole stream is read first so that every anchor is reported.
    builder = _Builder(text)
    with _syntax_errors():
        data = builder.read()
    return ReadResult(data=data, lines=builder.lines, problems=builder.problems, refused=builder.refused)


def _unreadable(line: int, message: str) -> UnreadableYamlError:
    return UnreadableYamlError(YamlProblem(line, message))


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _unreadable(line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8") from None
    return text.removeprefix("\ufeff")


def _reject_tabs(text: str) -> None:
    if "\t" not in text:
        return  # the usual case: no need to look line by line
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(YamlProblem(number, "tab used for indentation; YAML needs spaces"))
    if problems:
        raise UnreadableYamlError(*problems)


@contextmanager
def _syntax_errors() -> Iterator[None]:
    """Turn libyaml's multi-line errors into one `YamlProblem` on the line to fix."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        raise UnreadableYamlError(_syntax_problem(exc)) from None
    except yaml.YAMLError as exc:
        raise _unreadable(1, f"YAML syntax error: {' '.join(str(exc).split())}") from None


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    problem = exc.problem or "cannot parse"
    context = exc.context or ""
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    problem_line = problem_mark.line + 1 if problem_mark is not None else None
    context_line = context_mark.line + 1 if context_mark is not None else None
    line = problem_line or context_line or 1
    if not context or context == "while scanning for the next token":
        message = problem
    elif not context.startswith("while"):
        message = f"{context}, {problem}"
    else:
        message = f"{problem} ({context} started on line {context_line})"
        if context.startswith(_CONTEXT_IS_THE_CULPRIT) and context_line is not None:
            line = context_line
    return YamlProblem(line, f"YAML syntax error: {message}")


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


class _Builder:
    """Builds values straight from parser events; collects anchor, duplicate-key, tag and value problems.

    No node graph is composed and PyYAML's resolver runs only for plain scalars whose first
    character could make them something other than text (`12`, `yes`, `~`, `2025-10-31`, `<<`).
    Refused subtrees (too deep, a disallowed tag, a duplicated key) are skipped without
    recursion, so depth costs nothing beyond `MAX_DEPTH`.
    """

    def __init__(self, text: str) -> None:
        self.lines: dict[Location, int] = {}
        self.problems: list[YamlProblem] = []
        self.refused: set[Location] = set()
        #: `&anchor` and `*alias` found anywhere, in order, one per line and message.
        self.anchors: dict[tuple[int, str], None] = {}
        self._parser = _Loader(text)
        # Neither an anchor nor an alias can occur without its sigil: only then look for them.
        self._may_have_anchors = "&" in text or "*" in text
        self._next: Callable[[], Any] = self._next_noting_anchors if self._may_have_anchors else self._parser.get_event
        self._scalars = yaml.constructor.SafeConstructor()

    def read(self) -> Any:
        """The one document's value; raises UnreadableYamlError or a composer error when it has none."""
        try:
            return self._read()
        finally:
            self._parser.dispose()

    def _read(self) -> Any:
        self._next()  # stream start
        root: Any = None
        data: Any = None
        if self._next().__class__ is not yaml.StreamEndEvent:  # else: no document, only comments
            root = self._next()
            if root.__class__ is yaml.MappingStartEvent:
                data = self.value(root, ())
            else:
                self._skip(root)
            self._next()  # document end
            after = self._next()
            if after.__class__ is not yaml.StreamEndEvent:
                # Stop at a second document, as PyYAML's composer does; but when anchors may be
                # present read on to the end, as they are reported first and every one of them.
                if self._may_have_anchors:
                    while self._next().__class__ is not yaml.StreamEndEvent:
                        pass
                self._raise_anchors()
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    root.start_mark,
                    "but found another document",
                    after.start_mark,
                )
        self._raise_anchors()
        if root is None:
            raise _unreadable(1, "file is empty (only comments)")
        if root.__class__ is not yaml.MappingStartEvent:
            kind = "a list" if root.__class__ is yaml.SequenceStartEvent else "a single value"
            raise _unreadable(root.start_mark.line + 1, f"the file must be a mapping of keys to values, not {kind}")
        return data

    def _raise_anchors(self) -> None:
        if self.anchors:
            raise UnreadableYamlError(*(YamlProblem(line, message) for line, message in self.anchors))

    def _next_noting_anchors(self) -> Any:
        event = self._parser.get_event()
        anchor = getattr(event, "anchor", None)
        if anchor:
            line = event.start_mark.line + 1
            if event.__class__ is yaml.AliasEvent:
                self.anchors[line, f"YAML alias `*{anchor}` is not allowed; write the value out"] = None
            else:
                self.anchors[line, f"YAML anchor `&{anchor}` is not allowed"] = None
        return event

    def _skip(self, event: Any) -> None:
        """Consume the rest of the node `event` starts (its anchors are still noted)."""
        depth = 1 if event.__class__ in _OPENS else 0
        while depth:
            event = self._next()
            if event.__class__ in _OPENS:
                depth += 1
            elif event.__class__ in _CLOSES:
                depth -= 1

    def _refuse(self, location: Location, line: int, message: str) -> None:
        self.problems.append(YamlProblem(line, message))
        self.refused.add(location)

    def value(self, event: Any, location: Location) -> Any:
        """The value of the node `event` starts, at `location`; problems are collected, not raised."""
        line = event.start_mark.line + 1
        self.lines.setdefault(location, line)
        kind = event.__class__
        if kind is yaml.AliasEvent:
            self.refused.add(location)  # reported as an alias; never expanded
            return None
        tag: str | None = event.tag
        if kind is yaml.ScalarEvent:
            if tag is None or tag == "!":
                tag = _scalar_tag(event.value, event.implicit)
                if tag == _STR:
                    return event.value
            return self._scalar(event, tag, location, line)
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            self._refuse(location, line, f"YAML tag `{_short_tag(tag)}` is not allowed")
            self._skip(event)
            return None
        if len(location) > MAX_DEPTH:
            self._refuse(location, line, f"YAML nesting is too deep (the limit is {MAX_DEPTH} levels)")
            self._skip(event)
            return None
        if kind is yaml.MappingStartEvent:
            return self._mapping(location)
        items: list[Any] = []
        next_event = self._next
        while (child := next_event()).__class__ is not yaml.SequenceEndEvent:
            items.append(self.value(child, (*location, len(items))))
        return items

    def _mapping(self, location: Location) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        next_event = self._next
        key_event: Any
        while (key_event := next_event()).__class__ is not yaml.MappingEndEvent:
            if key_event.__class__ is not yaml.ScalarEvent:
                if key_event.__class__ in _OPENS:
                    kind = "a list" if key_event.__class__ is yaml.SequenceStartEvent else "a mapping"
                    message = f"a key must be a plain name, not {kind}"
                    self.problems.append(YamlProblem(_line(key_event), message))
                    self._skip(key_event)
                self._skip(next_event())
                continue
            key = key_event.value
            if key[:1] == "<" or (key_event.tag is not None and key_event.tag != "!"):
                tag = key_event.tag
                if tag is None or tag == "!":
                    tag = _scalar_tag(key, key_event.implicit)
                if tag == _MERGE:
                    message = "YAML merge keys (<<) are not allowed"
                    self.problems.append(YamlProblem(_line(key_event), message))
                    self._skip(next_event())
                    continue
            key_line = _line(key_event)
            if key in result:
                first = self.lines.get((*location, key), key_line)
                self.problems.append(YamlProblem(key_line, f"duplicate key `{key}` (first defined on line {first})"))
                self._skip(next_event())
                continue
            self.lines[(*location, key)] = key_line
            result[key] = self.value(next_event(), (*location, key))
        return result

    def _scalar(self, event: Any, tag: str, location: Location, line: int) -> Any:
        value: str = event.value
        if tag not in _ALLOWED_TAGS:
            self._refuse(location, line, f"YAML tag `{_short_tag(tag)}` is not allowed")
            return None
        if tag == _STR:
            return value
        if tag == _INT and value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
            return int(value)  # what the constructor makes of plain decimal digits, without its detour
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            problem = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
            kind = "date" if tag == _CORE + "timestamp" else "value"
            self._refuse(location, line, f"invalid {kind} {value!r}: {problem}")
            return None


def _line(event: Any) -> int:
    """The 1-based line an event starts on."""
    return int(event.start_mark.line) + 1


def _is_text(value: str, implicit: tuple[bool, bool]) -> bool:
    """Whether an untagged scalar is text without asking the resolver (quoted, or plain `Singh`)."""
    first = value[:1]
    return (
        not implicit[0] or first not in _IMPLICIT_FIRST or (first in _WORDS_ONLY_FIRST and len(value) > _LONGEST_WORD)
    )


def _scalar_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag PyYAML's resolver gives an untagged scalar, asking it only when it could matter."""
    if _is_text(value, implicit):
        return _STR
    return str(_RESOLVER.resolve(yaml.ScalarNode, value, implicit))
