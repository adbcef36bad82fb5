"""One malformed article per rule, each reported at its exact file, line and message.

Every file in `fixtures/bad/` is `fixtures/good/minimal.yaml` (or a tiny file) with exactly one
thing wrong; its first line says what. Files that must not be committed (not UTF-8, over
1 MiB, "billion laughs") are generated in `tmp_path` by the tests below.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
import yaml

from bot.facts import ContentError, Problem, load_library
from bot.facts.yamlread import MAX_FILE_BYTES, UnreadableYamlError, read_yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good" / "minimal.yaml"

BAD_FIXTURES: dict[str, list[tuple[int, str]]] = {
    "alias": [
        (8, "YAML anchor `&tags` is not allowed"),
        (30, "YAML alias `*tags` is not allowed; write the value out"),
    ],
    "background-without-paragraphs": [
        (42, "`background.0`: background needs `paragraphs` from the article, or `editorial: true` with a `source`"),
    ],
    "binary-tag": [
        (3, "YAML tag `!!binary` is not allowed"),
    ],
    "blank-string": [
        (33, "`facts.1.text`: must not be empty"),
    ],
    "comments-only": [
        (1, "file is empty (only comments)"),
    ],
    "date-as-text": [
        (4, "`published`: expected a date written YYYY-MM-DD, got 'yesterday' (text)"),
    ],
    "date-with-time": [
        (4, "`published`: expected a date written YYYY-MM-DD, got 2025-10-31 09:30:00 (a date and time)"),
    ],
    "detailed-summary-too-long": [
        (11, "`summary.detailed`: is 1107 characters; the limit is 1024"),
    ],
    "duplicate-background-id": [
        (46, "duplicate id 'talks' in `background` (also used by background.0)"),
    ],
    "duplicate-fact-id": [
        (32, "duplicate id 'meeting' in `facts` (also used by facts.0)"),
    ],
    "duplicate-key": [
        (4, "duplicate key `title` (first defined on line 3)"),
    ],
    "duplicate-key-nested": [
        (28, "duplicate key `role` (first defined on line 27)"),
    ],
    "duplicate-person-id": [
        (25, "duplicate id 'alice' in `people` (also used by people.0)"),
    ],
    "duplicate-quote-id": [
        (41, "duplicate id 'glad' in `quotes` (also used by quotes.0)"),
    ],
    "editorial-without-source": [
        (49, "`background.1`: editorial background (`editorial: true`) needs a `source`"),
    ],
    "empty": [
        (1, "file is empty"),
    ],
    "empty-paragraph-list": [
        (34, "`facts.1.paragraphs`: must list at least 1 item"),
    ],
    "empty-string": [
        (3, "`title`: must not be empty"),
    ],
    "empty-summary": [
        (10, "`summary.short`: must not be empty"),
    ],
    "fact-paragraph-out-of-range": [
        (34, "paragraph 5 is out of range: the body has 2 paragraphs"),
    ],
    "image-without-caption": [
        (14, "missing required key `image.caption`"),
    ],
    "invalid-date": [
        (4, "invalid date '2025-13-40': month must be in 1..12"),
    ],
    "invalid-date-day": [
        (54, "invalid date '2025-02-30': day is out of range for month"),
    ],
    "invalid-id": [
        (
            2,
            "`id`: 'Sample Talks' is not a valid id; use lowercase letters, digits and "
            "hyphens, starting with a letter or digit",
        ),
    ],
    "merge-key": [
        (6, "YAML merge keys (<<) are not allowed"),
    ],
    "missing-required-key": [
        (2, "missing required key `body`"),
    ],
    "missing-required-nested-key": [
        (25, "missing required key `people.1.role`"),
    ],
    "non-string-key": [
        (8, "a key must be a plain name, not a list"),
    ],
    "not-a-mapping-list": [
        (2, "the file must be a mapping of keys to values, not a list"),
    ],
    "not-a-mapping-text": [
        (2, "the file must be a mapping of keys to values, not a single value"),
    ],
    "null-value": [
        (3, "`title`: no value given; expected text"),
    ],
    "paragraph-zero": [
        (39, "`quotes.0.paragraph`: must be at least 1, got 0"),
    ],
    "python-tag": [
        (3, "YAML tag `!!python/object/apply:os.system` is not allowed"),
    ],
    "quote-paragraph-out-of-range": [
        (39, "paragraph 3 is out of range: the body has 2 paragraphs"),
    ],
    "quote-reworded": [
        (38, "quote 'glad' is not verbatim in paragraph 1: it matches up to 'We', then has ' are glad to be here'"),
    ],
    "quote-straight-apostrophe": [
        (
            38,
            "quote 'glad' is not verbatim in paragraph 1: it matches up to 'We', then has \"'re "
            "glad to be here\"; quote marks and apostrophes must be the article's own (’ is not "
            "')",
        ),
    ],
    "quote-wrong-paragraph": [
        (38, "quote 'glad' is not verbatim in paragraph 2: none of it appears there"),
    ],
    "short-summary-too-long": [
        (10, "`summary.short`: is 369 characters; the limit is 300"),
    ],
    "syntax-bad-indent": [
        (8, "YAML syntax error: mapping values are not allowed in this context"),
    ],
    "syntax-colon-in-value": [
        (3, "YAML syntax error: mapping values are not allowed in this context"),
    ],
    "syntax-unclosed-bracket": [
        (8, "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence started on line 8)"),
    ],
    "syntax-unclosed-quote": [
        (3, "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar started on line 3)"),
    ],
    "tab-indent": [
        (6, "tab used for indentation; YAML needs spaces"),
    ],
    "timeline-paragraph-out-of-range": [
        (56, "paragraph 9 is out of range: the body has 2 paragraphs"),
    ],
    "two-documents": [
        (52, "YAML syntax error: expected a single document in the stream, but found another document"),
    ],
    "unknown-key": [
        (
            8,
            "unknown key `category` (allowed here: background, body, facts, id, image, people, "
            "published, quotes, source, summary, tags, timeline, title)",
        ),
    ],
    "unknown-key-nested": [
        (40, "unknown key `quotes.0.vai` (did you mean `via`?)"),
    ],
    "unknown-key-typo": [
        (3, "unknown key `titel` (did you mean `title`?)"),
    ],
    "unknown-speaker": [
        (37, "speaker 'carol' is not in `people` (known: alice, bob)"),
    ],
    "wrong-type-boolean-for-int": [
        (39, "`quotes.0.paragraph`: expected a whole number, got true (a boolean)"),
    ],
    "wrong-type-boolean-for-text": [
        (8, "`tags.1`: expected text, got false (a boolean); put it in quotes to make it text"),
    ],
    "wrong-type-float-for-int": [
        (39, "`quotes.0.paragraph`: expected a whole number, got 1.5 (a number)"),
    ],
    "wrong-type-list-for-text": [
        (3, "`title`: expected text, got a list"),
    ],
    "wrong-type-number-for-text": [
        (26, "`people.1.name`: expected text, got 42 (a number); put it in quotes to make it text"),
    ],
    "wrong-type-text-for-boolean": [
        (49, "`background.1.editorial`: expected true or false, got 'maybe' (text)"),
    ],
    "wrong-type-text-for-int": [
        (39, "`quotes.0.paragraph`: expected a whole number, got '1' (text)"),
    ],
    "wrong-type-text-for-list": [
        (8, "`tags`: expected a list, got 'sample' (text)"),
    ],
    "wrong-type-text-for-mapping": [
        (14, "`image`: expected a mapping of keys to values, got 'Alice and Bob at the talks.' (text)"),
    ],
}


def problems_in(directory: Path) -> list[Problem]:
    """The problems `load_library` reports for `directory` (it must refuse to load)."""
    with pytest.raises(ContentError) as caught:
        load_library(directory)
    return caught.value.problems


def good_text() -> str:
    return GOOD.read_text(encoding="utf-8")


def test_libyaml_reads_the_content() -> None:
    # The pure-Python parser words some syntax errors differently from the messages below.
    assert hasattr(yaml, "CSafeLoader"), "PyYAML was built without libyaml"


def test_the_base_of_every_fixture_is_valid() -> None:
    library = load_library(GOOD.parent)
    assert [article.id for article in library] == ["sample-talks"]


def test_every_bad_fixture_has_an_expectation() -> None:
    assert sorted(p.stem for p in BAD.glob("*.yaml")) == sorted(BAD_FIXTURES)
    assert len(BAD_FIXTURES) >= 30


@pytest.mark.parametrize(("fixture", "expected"), sorted(BAD_FIXTURES.items()), ids=sorted(BAD_FIXTURES))
def test_bad_fixture_is_reported_at_its_line(fixture: str, expected: list[tuple[int, str]], tmp_path: Path) -> None:
    path = tmp_path / f"{fixture}.yaml"
    path.write_bytes((BAD / f"{fixture}.yaml").read_bytes())
    assert problems_in(tmp_path) == [Problem(path, line, message) for line, message in expected]


def test_a_whole_directory_of_bad_files_reports_every_problem() -> None:
    expected = sorted(
        Problem(BAD / f"{fixture}.yaml", line, message)
        for fixture, problems in BAD_FIXTURES.items()
        for line, message in problems
    )
    assert problems_in(BAD) == expected


# --- generated fixtures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "line", "byte"),
    [
        pytest.param(
            good_text().replace("hold talks", "hold talks at the Café").encode("cp1252"),
            3,
            0xE9,
            id="latin-1",
        ),
        pytest.param(good_text().encode("utf-16"), 1, 0xFF, id="utf-16"),
    ],
)
def test_a_file_that_is_not_utf8_is_reported(encoded: bytes, line: int, byte: int, tmp_path: Path) -> None:
    path = tmp_path / "not-utf8.yaml"
    path.write_bytes(encoded)
    assert problems_in(tmp_path) == [Problem(path, line, f"file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8")]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + good_text().encode())
    assert load_library(tmp_path).get("sample-talks") is not None


def _padded(size: int) -> bytes:
    """The valid base article, padded with a comment line to exactly `size` bytes."""
    text = good_text().encode()
    pad = size - len(text) - len(b"# \n")
    return text + b"# " + b"x" * pad + b"\n"


def test_a_file_over_1_mib_is_rejected_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(_padded(MAX_FILE_BYTES + 1))
    assert problems_in(tmp_path) == [Problem(path, 1, "file is 1,048,577 bytes; the limit is 1,048,576 (1 MiB)")]


def test_a_file_of_exactly_1_mib_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(_padded(MAX_FILE_BYTES))
    assert len(load_library(tmp_path)) == 1


def billion_laughs(levels: int) -> str:
    """`lol{n}` is 9 aliases of `lol{n-1}`: 9**levels strings once expanded."""
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_rejected_before_expansion(tmp_path: Path) -> None:
    levels = 30  # 9**30 strings if anything expanded it: it would never finish
    path = tmp_path / "laughs.yaml"
    path.write_text(billion_laughs(levels), encoding="utf-8")
    tracemalloc.start()
    try:
        problems = problems_in(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024
    anchors = [Problem(path, n + 1, f"YAML anchor `&lol{n}` is not allowed") for n in range(31)]
    aliases = [
        Problem(path, n + 1, f"YAML alias `*lol{n - 1}` is not allowed; write the value out")
        for n in range(1, levels + 1)
    ]
    assert problems == sorted(anchors + aliases)


def test_aliases_are_refused_by_the_reader_itself() -> None:
    with pytest.raises(UnreadableYamlError) as caught:
        read_yaml(billion_laughs(9).encode())
    assert {p.message.split("`")[0] for p in caught.value.problems} == {
        "YAML anchor ",
        "YAML alias ",
    }


@pytest.mark.parametrize(
    ("opening", "closing", "type_problem"),
    [
        ("[", "]", "`tags.0`: expected text, got a list"),
        ("{a: ", "}", "`tags`: expected a list, got a mapping"),
    ],
    ids=["lists", "mappings"],
)
def test_deep_nesting_is_refused_without_exhausting_the_stack(
    opening: str, closing: str, type_problem: str, tmp_path: Path
) -> None:
    path = tmp_path / "deep.yaml"
    text = good_text().replace("tags: [sample, talks]", f"tags: {opening * 900}sample{closing * 900}")
    path.write_text(text, encoding="utf-8")
    assert problems_in(tmp_path) == [
        Problem(path, 8, "YAML nesting is too deep (the limit is 16 levels)"),
        Problem(path, 8, type_problem),
    ]


def test_article_ids_duplicated_across_files_are_reported(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yml"
    first.write_text(good_text(), encoding="utf-8")
    second.write_text(good_text().replace("title: Sample", "title: Another"), encoding="utf-8")
    assert problems_in(tmp_path) == [Problem(second, 2, f"article id 'sample-talks' is already used by {first}")]


def test_quotes_are_compared_after_folding_whitespace_only(tmp_path: Path) -> None:
    wrapped = good_text().replace(
        "    text: We’re glad to be here\n",
        "    text: >-\n      We’re   glad\n      to be    here\n",
    )
    (tmp_path / "wrapped.yaml").write_text(wrapped, encoding="utf-8")
    article = load_library(tmp_path).get("sample-talks")
    assert article is not None
    assert article.quotes[0].text.split() == ["We’re", "glad", "to", "be", "here"]


def test_a_missing_key_and_its_typo_are_one_problem_each_elsewhere(tmp_path: Path) -> None:
    # A key that is missing with no misspelling nearby is still reported as missing.
    path = tmp_path / "typo.yaml"
    path.write_text(good_text().replace("    role: Minister\n", "    position: Minister\n"), encoding="utf-8")
    assert problems_in(tmp_path) == [
        Problem(path, 25, "missing required key `people.1.role`"),
        Problem(path, 27, "unknown key `people.1.position` (allowed here: aliases, id, name, role)"),
    ]
