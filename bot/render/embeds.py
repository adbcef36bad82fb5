"""Answer -> Discord embeds that always fit Discord's limits.

Long descriptions and item texts are split over fields and embeds; when the 6,000-character
message budget or the 10-embed cap runs out, the rest is cut with an ellipsis and a note says
how many items were left out. Every embed carries the source line as its footer.
"""

from __future__ import annotations

import discord

from bot.answers.common import paragraph_list
from bot.answers.model import Answer, Item
from bot.render import limits
from bot.render.fit import split, truncate

COLOURS = {
    "summary": 0x2B6CB0,
    "quotes": 0x805AD5,
    "background": 0x2F855A,
    "topics": 0x2F855A,
    "facts": 0x3182CE,
    "who": 0xD69E2E,
    "timeline": 0x319795,
    "articles": 0x4A5568,
    "ask": 0x3182CE,
    "not_found": 0x718096,
    "digest": 0xDD6B20,
    "unknown": 0xC53030,
}
_DEFAULT_COLOUR = 0x4A5568
_BLANK = "\u200b"  # Discord rejects empty or whitespace-only field names and values
_MORE_NOTE = 60  # room kept for the "N more items" note


def render_embeds(answer: Answer) -> list[discord.Embed]:
    """1 to 10 embeds within every Discord limit, whatever the answer holds."""
    colour = discord.Colour(COLOURS.get(answer.kind, _DEFAULT_COLOUR))
    footer = truncate((answer.source or "").strip() or "Newsbrief", limits.FOOTER_TEXT // 4)
    title = truncate(answer.title.strip() or answer.kind or "Newsbrief", limits.EMBED_TITLE)
    budget = limits.EMBED_TOTAL - len(title) - len(footer) - _MORE_NOTE - 2
    description = answer.text
    if answer.suggestions:
        description += "\n\nTry: " + "; ".join(answer.suggestions)
    description = truncate(description, min(limits.EMBED_DESCRIPTION - _MORE_NOTE - 2, budget // 2))
    embeds = [discord.Embed(title=title, description=description.strip() or None, colour=colour)]
    budget -= len(description)
    fields = [piece for item in answer.items for piece in _fields(item)]
    shown = 0
    for name, value in fields:
        embed = embeds[-1]
        fresh = len(embed.fields) >= limits.EMBED_FIELDS
        cost = len(name) + len(value) + (len(footer) if fresh else 0)
        if cost > budget or (fresh and len(embeds) >= limits.EMBEDS_PER_MESSAGE):
            break
        if fresh:
            embed = discord.Embed(colour=colour)
            embeds.append(embed)
        embed.add_field(name=name, value=value, inline=False)
        budget -= cost
        shown += 1
    left = len(fields) - shown
    if left:
        note = truncate(f"{left} more not shown; narrow the request to see them.", _MORE_NOTE)
        last = embeds[-1]
        last.description = f"{last.description}\n\n{note}" if last.description else note
    for embed in embeds:
        embed.set_footer(text=footer)
    return embeds


def _fields(item: Item) -> list[tuple[str, str]]:
    """An item as one field, or several '(cont.)' fields when its text is long."""
    where = f" · ¶{paragraph_list(item.paragraphs)}" if item.paragraphs else ""
    name = truncate(f"{item.label.strip()}{where}".strip() or _BLANK, limits.FIELD_NAME)
    text = f"“{item.text}”" if "speaker" in item.data else item.text
    pieces = [piece.strip() or _BLANK for piece in split(text, limits.FIELD_VALUE)]
    out = [(name, pieces[0])]
    cont = truncate(f"{item.label.strip()} (cont.)", limits.FIELD_NAME)
    out.extend((cont, piece) for piece in pieces[1:])
    return out


def embeds_length(embeds: list[discord.Embed]) -> int:
    """Characters Discord counts towards the 6,000 limit across a message's embeds."""
    return sum(len(embed) for embed in embeds)
