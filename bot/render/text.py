"""Answer -> readable terminal text."""

from __future__ import annotations

import textwrap

from bot.answers.common import paragraph_list
from bot.answers.model import Answer, Item

_WIDTH = 88


def render_text(answer: Answer) -> str:
    """Title, text, one block per item, suggestions, then the source line."""
    lines = [answer.title, "=" * min(len(answer.title), _WIDTH), ""]
    lines.extend(_wrap(answer.text))
    if answer.items:
        lines.append("")
        for item in answer.items:
            lines.extend(_item(item))
    if answer.suggestions:
        lines.extend(["", "Try: " + "; ".join(answer.suggestions)])
    if answer.source:
        lines.extend(["", f"Source: {answer.source}"])
    return "\n".join(lines).rstrip() + "\n"


def _item(item: Item) -> list[str]:
    where = f" (¶{paragraph_list(item.paragraphs)})" if item.paragraphs else ""
    quoted = "speaker" in item.data
    body = f"“{item.text}”" if quoted else item.text
    via = item.data.get("via")
    if quoted and via:
        body += f" (via {via})"
    head = f"- {item.label}{where}:"
    return [head, *_wrap(body, indent="  ")]


def _wrap(text: str, indent: str = "") -> list[str]:
    out: list[str] = []
    for paragraph in text.splitlines() or [""]:
        out.extend(
            textwrap.wrap(paragraph, _WIDTH, initial_indent=indent, subsequent_indent=indent,
                          break_long_words=True, break_on_hyphens=False)
            or [indent.rstrip()]
        )
    return out
