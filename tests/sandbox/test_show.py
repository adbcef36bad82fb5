"""Messages -> terminal text the way Discord lays them out, with and without colours."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.sandbox.show import Names, Style, buttons, clean, show_message, wants_color

NAMES = Names(channels={102: "digest"}, users={202: "Max Member"}, roles={301: "Admin"})
PLAIN = Style(color=False, width=60)
COLOUR = Style(color=True, width=60)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MOMENT = dt.datetime(2026, 11, 25, 3, 0, tzinfo=dt.UTC)


def quote_message(**extra: Any) -> dict[str, Any]:
    message: dict[str, Any] = {
        "author": {"id": "1", "username": "Newsbrief", "bot": True},
        "content": "",
        "interaction": {
            "type": 2,
            "name": "quote",
            "user": {"id": "202", "username": "member", "global_name": "Max Member"},
        },
        "embeds": [
            {
                "title": "Quotes by Pete Hegseth",
                "description": "1 quote, verbatim from the article body.",
                "color": 0x805AD5,
                "fields": [{"name": "Pete Hegseth · ¶7", "value": "“I just met with @rajnathsingh.”", "inline": False}],
                "footer": {"text": "Newsbrief seed report · ¶7"},
            }
        ],
        "components": [
            {"type": 1, "components": [{"type": 2, "style": 2, "label": "Next quote", "custom_id": "nbq:1"}]}
        ],
        "flags": 0,
    }
    message.update(extra)
    return message


def test_everything_a_user_reads_is_there_in_order() -> None:
    text = show_message(quote_message(), names=NAMES, style=PLAIN, where="#general")
    lines = text.splitlines()
    assert lines[0] == "╭─ Max Member used /quote"
    assert lines[1] == "Newsbrief [BOT] · #general"
    order = [
        "Quotes by Pete Hegseth",
        "1 quote, verbatim",
        "Pete Hegseth · ¶7",
        "“I just met with",
        "seed report",
        "[Next quote]",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "│ Quotes by Pete Hegseth" in text  # the embed sits behind a bar, like Discord's border
    assert "only you can see this" not in text


def test_ephemeral_replies_say_so() -> None:
    text = show_message(quote_message(flags=64), names=NAMES, style=PLAIN)
    assert text.splitlines()[-1].strip() == "(only you can see this)"


def test_plain_output_has_no_escape_sequences_and_colour_output_does() -> None:
    plain = show_message(quote_message(), names=NAMES, style=PLAIN, where="#general")
    assert "\x1b" not in plain
    coloured = show_message(quote_message(), names=NAMES, style=COLOUR, where="#general")
    assert "\x1b[38;2;128;90;213m" in coloured  # the embed's colour on its bar
    assert ANSI.sub("", coloured).replace("▌", "│").replace(" BOT ", "[BOT]") == plain


@pytest.mark.parametrize(
    ("isatty", "environ", "expected"),
    [
        (True, {"TERM": "xterm"}, True),
        (False, {"TERM": "xterm"}, False),
        (True, {"TERM": "xterm", "NO_COLOR": "1"}, False),
        (True, {"TERM": "dumb"}, False),
    ],
)
def test_colour_only_on_a_terminal_without_no_color(isatty: bool, environ: dict[str, str], expected: bool) -> None:
    assert wants_color(isatty, environ) is expected


def test_mentions_timestamps_and_markdown_are_rendered() -> None:
    message = {
        "author": {"username": "Newsbrief", "bot": True},
        "content": (
            f"Set: <#102> for <@202> and <@&301>, at <t:{int(MOMENT.timestamp())}:f>. "
            "**Bold** *italic* `/ask` [Invite](https://example.com/x) <#999>"
        ),
    }
    text = show_message(message, names=NAMES, style=Style(color=False, width=200))
    assert "#digest" in text
    assert "@Max Member" in text
    assert "@Admin" in text
    assert "Wed 25 Nov 2026 03:00 UTC" in text
    assert "Bold italic `/ask` Invite <https://example.com/x>" in text
    assert "#unknown-channel" in text
    assert "**" not in text
    assert "<t:" not in text


def test_control_characters_from_content_never_reach_the_terminal() -> None:
    hostile = "safe\x1b[2J\x1b]0;title\x07 text\u202e reversed\x9b"
    message = quote_message(content=hostile)
    message["embeds"][0]["title"] = "\x1b[31mred\x1b[0m"
    for style in (PLAIN, COLOUR):
        text = show_message(message, names=NAMES, style=style)
        rendered = ANSI.sub("", text) if style.color else text
        assert "\x1b" not in rendered
        assert "\u202e" not in text
        assert "\x07" not in text
        assert "\x9b" not in text
    assert clean("a\tb\r\nc") == "a    b\nc"


def test_long_text_wraps_to_the_width() -> None:
    words = " ".join(["defence"] * 60)
    message = quote_message(content=words)
    message["embeds"][0]["description"] = words
    for style in (PLAIN, COLOUR):
        for line in show_message(message, names=NAMES, style=style).splitlines():
            assert len(ANSI.sub("", line)) <= style.width


def test_inline_fields_share_a_row() -> None:
    embed = {
        "title": "Daily digest",
        "fields": [
            {"name": "Channel", "value": "<#102>", "inline": True},
            {"name": "Time", "value": "09:00 Asia/Kolkata", "inline": True},
            {"name": "Next post", "value": "tomorrow", "inline": False},
        ],
    }
    message = {"author": {"username": "Newsbrief"}, "embeds": [embed]}
    lines = show_message(message, names=NAMES, style=PLAIN).splitlines()
    row = next(i for i, line in enumerate(lines) if "Channel" in line)
    assert "Time" in lines[row]
    assert "#digest" in lines[row + 1]
    assert "09:00 Asia/Kolkata" in lines[row + 1]
    assert any(line.strip() == "│ Next post" for line in lines)


def test_buttons_links_and_disabled_ones() -> None:
    rows = [
        {
            "type": 1,
            "components": [
                {"type": 2, "style": 1, "label": "Next quote", "custom_id": "a"},
                {"type": 2, "style": 2, "label": "Done", "custom_id": "b", "disabled": True},
                {"type": 2, "style": 5, "label": "Invite", "url": "https://example.com/invite"},
            ],
        }
    ]
    message = {"author": {"username": "Newsbrief"}, "components": rows}
    text = show_message(message, names=NAMES, style=PLAIN)
    assert "[Next quote]  [Done (disabled)]  [Invite ↗] https://example.com/invite" in text
    assert [b["label"] for b in buttons(message)] == ["Next quote", "Done"]


def test_block_markdown() -> None:
    content = "# Heading\n> quoted line\n- first\n- second\n-# small print"
    text = show_message({"author": {"username": "Newsbrief"}, "content": content}, names=NAMES, style=PLAIN)
    assert "  Heading" in text
    assert "  │ quoted line" in text
    assert "  • first" in text
    assert "  • second" in text
    assert "  small print" in text
    assert "#" not in text
