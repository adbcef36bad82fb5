"""The Discord adapter: thin cogs that parse, call an answer builder, render and respond."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import NewsbriefBot


async def load_cogs(bot: NewsbriefBot) -> None:
    from bot.cogs.answers import AnswersCog
    from bot.cogs.digest import DigestCog
    from bot.cogs.direct import DirectMessagesCog
    from bot.cogs.quote_button import NextQuoteButton

    await bot.add_cog(AnswersCog(bot))
    await bot.add_cog(DigestCog(bot))
    await bot.add_cog(DirectMessagesCog(bot))
    bot.add_dynamic_items(NextQuoteButton)
