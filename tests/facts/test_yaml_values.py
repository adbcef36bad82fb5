"""The reader builds values from parser events; they must be exactly what PyYAML would construct."""

from __future__ import annotations

import pytest
import yaml

from bot.facts.yamlread import UnreadableYamlError, read_yaml

#: Plain, quoted and tagged scalars: words, every YAML 1.1 boolean/null/number
#: spelling, dates, and text that merely starts like one of them.
SCALARS = [
    "Singh",
    "The framework",
    "Tuesday",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "False",
    "y",
    "n",
    "null",
    "Null",
    "~",
    "",
    "12",
    "0",
    "012",
    "0o12",
    "0x1F",
    "0b101",
    "1_000",
    "-3",
    "+4",
    "1:30",
    "1.5",
    "-.5",
    ".inf",
    "-.Inf",
    ".nan",
    "1e3",
    "6.02e+23",
    "2025-10-31",
    "2025-10-31 10:00:00",
    "'12'",
    '"yes"',
    "'~'",
    "!!str 12",
    "!!int '7'",
    "!!float 3",
    "! 12",
    "<<x",
    "Yesterday",
    "nothing",
    "offshore",
    "tr",
    '"@rajnathsingh"',
    "“quoted”",
    "Kuala Lumpur",
    "-x",
    ".5.",
    "10-year",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_are_what_pyyaml_constructs(scalar: str) -> None:
    text = f"value: {scalar}\nlist: [{scalar or 'x'}]\n"
    expected = yaml.load(text, Loader=yaml.CSafeLoader)
    assert read_yaml(text.encode()).data == expected


def test_nested_values_and_their_lines() -> None:
    text = "a:\n  b: [1, two]\n  c:\n    - d: 2025-01-02\n      e: >-\n        folded\n        text\nf: |\n  x\n\n  y\n"
    result = read_yaml(text.encode())
    assert result.data == yaml.load(text, Loader=yaml.CSafeLoader)
    assert result.line_of(("a", "b", 1)) == 2
    assert result.line_of(("a", "c", 0, "e")) == 5
    assert result.line_of(("f",)) == 8


def test_anchors_are_reported_before_a_second_document() -> None:
    with pytest.raises(UnreadableYamlError) as caught:
        read_yaml(b"a: 1\n---\nb: &x 2\nc: *x\n")
    assert [(p.line, p.message.split("`")[0]) for p in caught.value.problems] == [
        (3, "YAML anchor "),
        (4, "YAML alias "),
    ]


def test_a_second_document_is_refused_at_its_start() -> None:
    with pytest.raises(UnreadableYamlError) as caught:
        read_yaml(b"a: 1\n---\nb: [\n")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "YAML syntax error: expected a single document in the stream, but found another document"),
    ]


def test_a_quoted_merge_key_is_an_ordinary_key() -> None:
    assert read_yaml(b"'<<': 1\n").data == {"<<": 1}
    assert read_yaml(b"<<: {a: 1}\n").problems[0].message == "YAML merge keys (<<) are not allowed"
