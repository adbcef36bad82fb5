"""The "Next quote" button; its state lives in the custom id, so it works after a restart."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.answers import Answer
from bot.answers.common import citations, source_line
from bot.facts import Library
from bot.render.embeds import render_embeds
from bot.respond import NO_PINGS

if TYPE_CHECKING:
    from bot.client import NewsbriefBot

PREFIX = "nbq"
CUSTOM_ID_MAX = 100


def _clean(value: str | None) -> str:
    return (value or "").replace("|", " ").replace(":", " ")[:40]


def encode(index: int, speaker: str | None, topic: str | None, article: str | None) -> str | None:
    custom_id = f"{PREFIX}:{index}:{_clean(speaker)}|{_clean(topic)}|{_clean(article)}"
    return custom_id if len(custom_id) <= CUSTOM_ID_MAX else None


def one_quote(answer: Answer, index: int, library: Library) -> Answer:
    """The quotes answer narrowed to its quote number `index` (wrapping around), citing
    only that quote's paragraph."""
    if not answer.items:
        return answer
    position = index % len(answer.items)
    item = answer.items[position]
    article = library.get(str(item.data.get("article") or answer.article or ""))
    if article is None:
        return dataclasses.replace(answer, items=(item,))
    title = answer.title
    if len(answer.items) > 1:
        title = f"{answer.title} ({position + 1} of {len(answer.items)})"
    return dataclasses.replace(
        answer,
        title=title,
        items=(item,),
        citations=citations(article, item.paragraphs),
        source=source_line(article, item.paragraphs),
    )


def quote_view(
    answer: Answer, index: int, speaker: str | None, topic: str | None, article: str | None
) -> discord.ui.View | None:
    if len(answer.items) < 2:
        return None
    custom_id = encode(index + 1, speaker, topic, article)
    if custom_id is None:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(NextQuoteButton(custom_id))
    # Clicks are dispatched by the dynamic item registered at start-up, not by this view.
    # A stopped view is sent but never stored, so its expiry (discord.py times out ephemeral
    # views after 15 minutes) cannot unregister the dynamic item for everyone else.
    view.stop()
    return view


class NextQuoteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"{PREFIX}:(?P<index>\d+):(?P<query>[^:]*)",
):
    def __init__(self, custom_id: str) -> None:
        super().__init__(
            discord.ui.Button(label="Next quote", style=discord.ButtonStyle.secondary, custom_id=custom_id)
        )
        self.custom_id_value = custom_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> NextQuoteButton:
        return cls(match.group(0))

    async def callback(self, interaction: discord.Interaction[NewsbriefBot]) -> None:  # type: ignore[override]
        match = re.fullmatch(self.__discord_ui_compiled_template__, self.custom_id_value)
        assert match is not None
        index = int(match.group("index"))
        parts = [*match.group("query").split("|"), "", ""][:3]
        speaker, topic, article = (part or None for part in parts)
        answers = interaction.client.content.answers
        answer = answers.quotes(speaker=speaker, topic=topic, article=article)
        shown = one_quote(answer, index, answers.library)
        view = quote_view(answer, index, speaker, topic, article)
        interaction.client.metrics.commands.inc(command="quote-next", outcome=answer.kind)
        await interaction.response.edit_message(embeds=render_embeds(shown), view=view, allowed_mentions=NO_PINGS)
