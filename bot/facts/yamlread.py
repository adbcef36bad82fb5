"""Read one YAML file into plain Python values, remembering the line of every node.

PyYAML silently keeps the last of duplicated keys and expands aliases at construction time,
so we refuse anchors and aliases from the event stream (before any node is built), compose
the node graph ourselves (libyaml when available), reject duplicated keys, and build the
values from the nodes while recording `location -> line` for error reporting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml

Location = tuple[str | int, ...]

MAX_FILE_BYTES = 1024 * 1024
#: An article nests four levels deep (background -> item -> source -> name); anything far deeper
#: is a mistake or an attack, and would exhaust the stack when built recursively.
MAX_DEPTH = 16

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = "tag:yaml.org,2002:"
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
    with _syntax_errors():
        _reject_anchors(text)
        node = yaml.compose(text, Loader=_Loader)
    if node is None:
        raise _unreadable(1, "file is empty (only comments)")
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise _unreadable(node.start_mark.line + 1, f"the file must be a mapping of keys to values, not {kind}")
    builder = _Builder()
    data = builder.build(node, ())
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
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(YamlProblem(number, "tab used for indentation; YAML needs spaces"))
    if problems:
        raise UnreadableYamlError(*problems)


def _reject_anchors(text: str) -> None:
    """Refuse `&anchor` and `*alias` from parser events: nothing is composed or expanded yet."""
    if "&" not in text and "*" not in text:
        return  # neither can occur; skip the extra pass
    found: dict[tuple[int, str], None] = {}  # ordered, one report per line and name
    event: Any
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            found[line, f"YAML alias `*{event.anchor}` is not allowed; write the value out"] = None
        elif getattr(event, "anchor", None):
            found[line, f"YAML anchor `&{event.anchor}` is not allowed"] = None
    if found:
        raise UnreadableYamlError(*(YamlProblem(line, message) for line, message in found))


@contextmanager
def _syntax_errors() -> Iterator[None]:
    """Turn libyaml's multi-line errors into one `YamlProblem` on the line to fix."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        raise UnreadableYamlError(_syntax_problem(exc)) from None
    except yaml.YAMLError as exc:
        raise _unreadable(1, f"YAML syntax error: {' '.join(str(exc).split())}") from None
    except RecursionError:  # the pure-Python composer, without libyaml
        raise _unreadable(1, f"YAML nesting is too deep (the limit is {MAX_DEPTH} levels)") from None


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
    """Turns composed nodes into values; collects duplicate-key, tag and value problems."""

    def __init__(self) -> None:
        self.lines: dict[Location, int] = {}
        self.problems: list[YamlProblem] = []
        self.refused: set[Location] = set()
        self._seen: set[int] = set()
        self._scalars = yaml.constructor.SafeConstructor()

    def _refuse(self, location: Location, line: int, message: str) -> None:
        self.problems.append(YamlProblem(line, message))
        self.refused.add(location)

    def build(self, node: yaml.Node, location: Location) -> Any:
        line = node.start_mark.line + 1
        self.lines.setdefault(location, line)
        if id(node) in self._seen:
            # Defence in depth: aliases are refused before composing, but a node reached twice
            # must never be expanded.
            self._refuse(location, line, "YAML anchors and aliases are not allowed")
            return None
        self._seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            self._refuse(location, line, f"YAML tag `{_short_tag(node.tag)}` is not allowed")
            return None
        if len(location) > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            self._refuse(location, line, f"YAML nesting is too deep (the limit is {MAX_DEPTH} levels)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*location, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, location, line)

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                self.problems.append(YamlProblem(key_line, f"a key must be a plain name, not {kind}"))
                continue
            if key_node.tag == _CORE + "merge":
                self.problems.append(YamlProblem(key_line, "YAML merge keys (<<) are not allowed"))
                continue
            key = key_node.value
            if key in result:
                first = self.lines.get((*location, key), key_line)
                self.problems.append(YamlProblem(key_line, f"duplicate key `{key}` (first defined on line {first})"))
                continue
            self.lines[(*location, key)] = key_line
            result[key] = self.build(value_node, (*location, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, location: Location, line: int) -> Any:
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            problem = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
            kind = "date" if node.tag == _CORE + "timestamp" else "value"
            self._refuse(location, line, f"invalid {kind} {node.value!r}: {problem}")
            return None
