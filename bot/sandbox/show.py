"""A Discord message (the JSON the emulator stores) as terminal text, laid out like Discord shows it.

Pure: the caller says whether colours are wanted and how wide the terminal is. Everything the bot
or an editor wrote is stripped of control characters first, so content can never drive the
terminal; markdown, mentions and timestamps are rendered rather than shown raw.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]
EPHEMERAL = 1 << 6
BUTTON, SELECT = 2, 3
LINK_STYLE = 5

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_INLINE = re.compile(
    r"(?P<bold>\*\*(?P<bold_in>.+?)\*\*)"
    r"|(?P<under>__(?P<under_in>.+?)__)"
    r"|(?P<strike>~~(?P<strike_in>.+?)~~)"
    r"|(?P<italic>\*(?P<italic_in>[^*\s](?:[^*]*?[^*\s])?)\*)"
    r"|(?P<code>`(?P<code_in>[^`]+)`)"
    r"|(?P<link>\[(?P<link_text>[^\]]+)\]\((?P<link_url>https?://[^)\s]+)\))"
    r"|(?P<channel><#(?P<channel_id>\d+)>)"
    r"|(?P<role><@&(?P<role_id>\d+)>)"
    r"|(?P<user><@!?(?P<user_id>\d+)>)"
    r"|(?P<time><t:(?P<time_unix>-?\d+)(?::[tTdDfFR])?>)"
)
_SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "under": "4",
    "strike": "9",
    "code": "36",
    "mention": "94",
    "link": "4;94",
    "bot": "30;104",
}


@dataclass(frozen=True)
class Style:
    """How to draw: ANSI colours or plain text, and the terminal's width."""

    color: bool = False
    width: int = 88


def wants_color(isatty: bool, environ: Mapping[str, str]) -> bool:
    """Colours only on a terminal, and never when NO_COLOR is set (no-color.org) or TERM=dumb."""
    return isatty and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


@dataclass(frozen=True)
class Names:
    """What Discord's client would print for `<#id>`, `<@id>`, `<@&id>`."""

    channels: Mapping[int, str] = field(default_factory=dict)
    users: Mapping[int, str] = field(default_factory=dict)
    roles: Mapping[int, str] = field(default_factory=dict)


Segment = tuple[str, frozenset[str]]


def clean(text: str) -> str:
    """Drop control characters (escape sequences, bidi overrides) but keep newlines and tabs."""
    return _CONTROL.sub("", text.replace("\r\n", "\n")).replace("\t", "    ")


def paint(text: str, styles: Iterable[str], style: Style) -> str:
    """`text` in the given styles, or unchanged without colours."""
    codes = [_SGR[s] for s in styles if s in _SGR]
    if not style.color or not codes or not text:
        return text
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


def show_message(
    message: JSON,
    *,
    names: Names,
    style: Style,
    where: str | None = None,
    updated: bool = False,
) -> str:
    """The whole message: who ran what, the author line, content, embeds, buttons, ephemeral note."""
    lines: list[str] = []
    used = _used_line(message, names)
    if used:
        lines.append(paint(f"╭─ {used}", ["dim"], style))
    author = message.get("author") or {}
    author_name = clean(str(author.get("global_name") or author.get("username") or "someone"))
    head = paint(author_name, ["bold"], style)
    if author.get("bot"):
        head += " " + paint(" BOT ", ["bot"], style) if style.color else " [BOT]"
    if where:
        head += paint(f" · {where}", ["dim"], style)
    if updated:
        head += paint(" (updated)", ["dim"], style)
    lines.append(head)
    indent = "  "
    content = message.get("content") or ""
    if content:
        lines.extend(markdown_lines(content, names, style, indent, style.width))
    for embed in message.get("embeds") or []:
        lines.extend(embed_lines(embed, names, style, indent))
    lines.extend(component_lines(message.get("components") or [], style, indent))
    if int(message.get("flags") or 0) & EPHEMERAL:
        lines.append(indent + paint("(only you can see this)", ["dim", "italic"], style))
    return "\n".join(lines)


def _used_line(message: JSON, names: Names) -> str | None:
    interaction = message.get("interaction") or {}
    name = interaction.get("name")
    if not name or interaction.get("type") != 2:
        return None
    user = interaction.get("user") or {}
    who = user.get("global_name") or user.get("username")
    if not who:
        who = names.users.get(int(user.get("id") or 0), "someone")
    return f"{clean(str(who))} used /{clean(str(name))}"


def embed_lines(embed: JSON, names: Names, style: Style, indent: str = "") -> list[str]:
    """An embed as a block behind a coloured bar, like Discord's left border."""
    colour = embed.get("color")
    bar = indent + _bar(colour if isinstance(colour, int) else None, style) + " "
    width = max(20, style.width - len(indent) - 2)
    blocks: list[tuple[bool, list[str]]] = []  # (blank line before it, lines)
    author = (embed.get("author") or {}).get("name")
    if author:
        blocks.append((False, markdown_lines(str(author), names, style, "", width, extra={"bold"})))
    title = embed.get("title")
    if title:
        block = markdown_lines(str(title), names, style, "", width, extra={"bold"})
        if embed.get("url"):
            block.append(paint(clean(str(embed["url"])), ["dim"], style))
        blocks.append((False, block))
    description = embed.get("description")
    if description:
        blocks.append((False, markdown_lines(str(description), names, style, "", width)))
    for fields in _field_runs(embed.get("fields") or []):
        blocks.append((True, _fields(fields, names, style, width)))
    for kind in ("image", "thumbnail"):
        url = (embed.get(kind) or {}).get("url")
        if url:
            blocks.append((True, [paint(f"[{kind}: {clean(str(url))}]", ["dim"], style)]))
    footer = _footer_text(embed)
    if footer:
        blocks.append((True, markdown_lines(footer, names, style, "", width, extra={"dim"})))
    lines: list[str] = []
    for gap, block in blocks:
        if gap and lines:
            lines.append(bar.rstrip())
        lines.extend((bar + line).rstrip() for line in block)
    return lines


def _bar(colour: int | None, style: Style) -> str:
    if not style.color:
        return "│"
    if not colour:
        return "\x1b[90m▌\x1b[0m"
    red, green, blue = (colour >> 16) & 255, (colour >> 8) & 255, colour & 255
    return f"\x1b[38;2;{red};{green};{blue}m▌\x1b[0m"


def _footer_text(embed: JSON) -> str | None:
    text = str((embed.get("footer") or {}).get("text") or "")
    stamp = embed.get("timestamp")
    if stamp:
        try:
            moment = dt.datetime.fromisoformat(str(stamp))
        except ValueError:
            moment = None
        if moment is not None:
            shown = moment.astimezone(dt.UTC).strftime("%d %b %Y %H:%M UTC")
            text = f"{text} • {shown}" if text else shown
    return text or None


def _field_runs(fields: list[JSON]) -> list[list[JSON]]:
    """Consecutive inline fields share a row in Discord; every other field stands alone."""
    runs: list[list[JSON]] = []
    for item in fields:
        if item.get("inline") and runs and runs[-1][-1].get("inline") and len(runs[-1]) < 3:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _fields(run: list[JSON], names: Names, style: Style, width: int) -> list[str]:
    cells = [
        (
            _plain_inline(str(f.get("name") or ""), names),
            _plain_inline(str(f.get("value") or ""), names),
        )
        for f in run
    ]
    column = max(max(len(n), len(v)) for n, v in cells) + 3
    single = all("\n" not in n and "\n" not in v for n, v in cells)
    if len(run) > 1 and single and column * len(run) <= width:
        heads = "".join(paint(n.ljust(column), ["bold"], style) for n, _ in cells).rstrip()
        values = "".join(v.ljust(column) for _, v in cells).rstrip()
        return [heads, values]
    lines: list[str] = []
    for index, item in enumerate(run):
        if index:
            lines.append("")
        lines.extend(markdown_lines(str(item.get("name") or ""), names, style, "", width, extra={"bold"}))
        lines.extend(markdown_lines(str(item.get("value") or ""), names, style, "", width))
    return lines


def component_lines(rows: list[JSON], style: Style, indent: str = "") -> list[str]:
    """Buttons as `[Label]`, link buttons with their address, select menus as `[▾ placeholder]`."""
    lines: list[str] = []
    for row in rows:
        children = row.get("components") if row.get("type") == 1 else [row]
        shown: list[str] = []
        for component in children or []:
            kind = component.get("type")
            if kind == BUTTON:
                shown.append(_button(component, style))
            elif kind == SELECT:
                placeholder = clean(str(component.get("placeholder") or "choose"))
                shown.append(paint(f"[▾ {placeholder}]", ["bold"], style))
        if shown:
            lines.append(indent + "  ".join(shown))
    return lines


def _button(component: JSON, style: Style) -> str:
    emoji = (component.get("emoji") or {}).get("name") or ""
    label = clean(" ".join(p for p in (str(emoji), str(component.get("label") or "")) if p))
    if component.get("style") == LINK_STYLE:
        url = clean(str(component.get("url") or ""))
        return paint(f"[{label} ↗]", ["bold"], style) + " " + paint(url, ["dim"], style)
    if component.get("disabled"):
        return paint(f"[{label}]", ["dim"], style) if style.color else f"[{label} (disabled)]"
    return paint(f"[{label}]", ["bold"], style)


def buttons(message: JSON) -> list[JSON]:
    """Clickable (non-link, enabled) buttons on a message, in order."""
    found: list[JSON] = []
    for row in message.get("components") or []:
        for component in row.get("components") or []:
            if component.get("type") == BUTTON and component.get("style") != LINK_STYLE and component.get("custom_id"):
                found.append(component)
    return found


# ---- markdown ----


def markdown_lines(
    text: str,
    names: Names,
    style: Style,
    indent: str,
    width: int,
    *,
    extra: Iterable[str] = (),
) -> list[str]:
    """Discord markdown (the subset bots use) rendered and wrapped to `width`."""
    base = frozenset(extra)
    out: list[str] = []
    for raw_line in clean(text).split("\n"):
        prefix, hang, line, styles = _block(raw_line, base)
        if not line.strip():
            out.append("")
            continue
        segments = inline_segments(line, names, styles)
        available = max(10, width - len(indent) - len(prefix))
        for number, wrapped in enumerate(_wrap(segments, available)):
            lead = prefix if number == 0 else hang
            out.append(indent + paint(lead, ["dim"], style) + _render(wrapped, style))
    return out


def _block(line: str, base: frozenset[str]) -> tuple[str, str, str, frozenset[str]]:
    """(first-line prefix, continuation prefix, text, styles) for quotes, headings, bullets."""
    if line.startswith("> "):
        return "│ ", "│ ", line[2:], base
    heading = re.match(r"^(#{1,3}) (.*)$", line)
    if heading:
        return "", "", heading.group(2), base | {"bold"}
    if line.startswith("-# "):
        return "", "", line[3:], base | {"dim"}
    bullet = re.match(r"^(\s*)[-*] (.*)$", line)
    if bullet:
        pad = bullet.group(1)
        return f"{pad}• ", f"{pad}  ", bullet.group(2), base
    return "", "", line, base


def inline_segments(text: str, names: Names, base: frozenset[str] = frozenset()) -> list[Segment]:
    """Inline markdown and mentions as (text, styles) runs."""
    segments: list[Segment] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            segments.append((text[pos : match.start()], base))
        segments.extend(_inline_match(match, names, base))
        pos = match.end()
    if pos < len(text):
        segments.append((text[pos:], base))
    return segments


def _inline_match(match: re.Match[str], names: Names, base: frozenset[str]) -> list[Segment]:
    for kind in ("bold", "under", "strike", "italic"):
        if match.group(kind):
            return inline_segments(match.group(f"{kind}_in"), names, base | {kind})
    if match.group("code"):
        return [(f"`{match.group('code_in')}`", base | {"code"})]
    if match.group("link"):
        return [(match.group("link_text"), base | {"link"}), (f" <{match.group('link_url')}>", base | {"dim"})]
    if match.group("channel"):
        name = names.channels.get(int(match.group("channel_id")))
        return [(f"#{name}" if name else "#unknown-channel", base | {"mention"})]
    if match.group("role"):
        return [(f"@{names.roles.get(int(match.group('role_id')), 'unknown-role')}", base | {"mention"})]
    if match.group("user"):
        return [(f"@{names.users.get(int(match.group('user_id')), 'unknown-user')}", base | {"mention"})]
    moment = dt.datetime.fromtimestamp(int(match.group("time_unix")), dt.UTC)
    return [(moment.strftime("%a %d %b %Y %H:%M UTC"), base | {"mention"})]


def _plain_inline(text: str, names: Names) -> str:
    return "".join(t for t, _ in inline_segments(clean(text), names))


def _wrap(segments: list[Segment], width: int) -> list[list[Segment]]:
    """Greedy word wrap over styled runs; visible width only, so colours never count."""
    words: list[list[Segment]] = [[]]
    spaces: list[bool] = [False]
    for text, styles in segments:
        for index, piece in enumerate(re.split(r"( +)", text)):
            if index % 2:
                words.append([])
                spaces.append(True)
            elif piece:
                words[-1].append((piece, styles))
    lines: list[list[Segment]] = [[]]
    used = 0
    for word, spaced in zip(words, spaces, strict=True):
        size = sum(len(t) for t, _ in word)
        if not word:
            continue
        if used and used + 1 + size > width:
            lines.append([])
            used = 0
        elif used and spaced:
            before, after = lines[-1][-1][1], word[0][1]
            lines[-1].append((" ", before & after))
            used += 1
        lines[-1].extend(word)
        used += size
    return lines


def _render(segments: list[Segment], style: Style) -> str:
    """Paint runs, merging neighbours of the same style so each run costs one escape sequence."""
    merged: list[Segment] = []
    for text, styles in segments:
        if merged and merged[-1][1] == styles:
            merged[-1] = (merged[-1][0] + text, styles)
        else:
            merged.append((text, styles))
    return "".join(paint(text, sorted(styles), style) for text, styles in merged)
