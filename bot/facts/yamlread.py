"""Read one YAML file into plain Python values, remembering the line of every node.

PyYAML silently keeps the last of duplicated keys and expands aliases at construction time,
so we compose the node graph ourselves (libyaml when available), reject both, and build the
values from the nodes while recording `location -> line` for error reporting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Location = tuple[str | int, ...]

MAX_FILE_BYTES = 1024 * 1024

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    """A problem that stops this file from being read at all (or one of several found)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class ReadResult:
    """The file's data plus where each value was written."""

    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def line_of(self, location: Location) -> int:
        """The line of the deepest known node on the path (a missing key points at its parent)."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return 1


def read_yaml(raw: bytes) -> ReadResult:
    """Parse `raw` into a ReadResult; raises YamlProblem when the file cannot be read at all."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} (1 MiB)")
    text = _decode(raw)
    _reject_tabs(text)
    if not text.strip():
        raise YamlProblem(1, "file is empty")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlProblem(line, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML syntax error: {exc}") from None
    if node is None:
        raise YamlProblem(1, "file is empty")
    if not isinstance(node, yaml.MappingNode):
        raise YamlProblem(node.start_mark.line + 1, "the file must be a mapping of keys to values")
    builder = _Builder()
    data = builder.build(node, ())
    return ReadResult(data=data, lines=builder.lines, problems=builder.problems)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x})") from None
    return text.removeprefix("\ufeff")


def _reject_tabs(text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem(number, "tab used for indentation; YAML needs spaces")


class _Builder:
    """Turns composed nodes into values; collects duplicate-key and alias problems."""

    def __init__(self) -> None:
        self.lines: dict[Location, int] = {}
        self.problems: list[YamlProblem] = []
        self._seen: set[int] = set()
        self._scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, location: Location) -> Any:
        line = node.start_mark.line + 1
        self.lines.setdefault(location, line)
        if id(node) in self._seen:
            # A node reached twice is an alias: refuse it before anything is expanded.
            self.problems.append(YamlProblem(line, "YAML anchors and aliases are not allowed"))
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*location, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, line)

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(YamlProblem(key_line, "mapping keys must be plain names"))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(YamlProblem(key_line, "YAML merge keys (<<) are not allowed"))
                continue
            key = key_node.value
            if key in result:
                first = self.lines.get((*location, key), key_line)
                self.problems.append(
                    YamlProblem(key_line, f"duplicate key {key!r} (first defined on line {first})")
                )
                continue
            self.lines[(*location, key)] = key_line
            result[key] = self.build(value_node, (*location, key))
        return result

    def _scalar(self, node: yaml.Node, line: int) -> Any:
        try:
            value = self._scalars.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            self.problems.append(YamlProblem(line, f"invalid value {node.value!r}: {exc}"))
            return None
        return value
