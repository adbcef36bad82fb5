"""Cutting text to fit a limit, honestly: an ellipsis marks every cut."""

from __future__ import annotations

from bot.render.limits import ELLIPSIS


def truncate(text: str, limit: int) -> str:
    """`text` if it fits, else cut (at a word boundary when one is near) with a trailing `…`."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit == 1:
        return ELLIPSIS
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 3 // 4:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def split(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, broken at spaces where possible; nothing is lost."""
    if limit <= 0:
        return []
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind(" ", limit // 2, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces
