"""Slash commands that answer from the content: summary, quote, background, facts, who..."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.answers import Answer
from bot.cogs.autocomplete import suggest
from bot.cogs.quote_button import one_quote, quote_view
from bot.render.embeds import render_embeds
from bot.respond import reply
from bot.tree import record_command

if TYPE_CHECKING:
    from bot.client import NewsbriefBot

PRIVATE = "Only you see the answer"
ARTICLE = "Which article (default: the newest)"
MAX_QUESTION = 500


class AnswersCog(commands.Cog):
    def __init__(self, bot: NewsbriefBot) -> None:
        self.bot = bot

    async def _send(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        answer: Answer,
        *,
        private: bool,
        view: discord.ui.View | None = None,
    ) -> None:
        await reply(interaction, embeds=render_embeds(answer), view=view, ephemeral=private)
        record_command(interaction, answer.kind)

    @app_commands.command(name="summary", description="A summary of an article")
    @app_commands.describe(article=ARTICLE, length="Short (one sentence) or detailed", private=PRIVATE)
    @app_commands.autocomplete(article=suggest("article"))
    async def summary(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        article: str | None = None,
        length: Literal["short", "detailed"] = "short",
        private: bool = False,
    ) -> None:
        answer = self.bot.content.answers.summary(article=article, length=length)
        await self._send(interaction, answer, private=private)

    @app_commands.command(name="quote", description="What people said, verbatim, with the paragraph")
    @app_commands.describe(speaker="Who said it", topic="What it is about", article=ARTICLE, private=PRIVATE)
    @app_commands.autocomplete(speaker=suggest("speaker"), topic=suggest("quote_topic"), article=suggest("article"))
    async def quote(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        speaker: app_commands.Range[str, 1, 100] | None = None,
        topic: app_commands.Range[str, 1, 100] | None = None,
        article: str | None = None,
        private: bool = False,
    ) -> None:
        answer = self.bot.content.answers.quotes(speaker=speaker, topic=topic, article=article)
        view = quote_view(answer, 0, speaker, topic, article) if answer.kind == "quotes" else None
        shown = one_quote(answer, 0, self.bot.content.answers.library) if answer.kind == "quotes" else answer
        await self._send(interaction, shown, private=private, view=view)

    @app_commands.command(name="background", description="Context behind the story, or the topics I know")
    @app_commands.describe(topic="A background topic (leave empty to list them)", article=ARTICLE, private=PRIVATE)
    @app_commands.autocomplete(topic=suggest("topic"), article=suggest("article"))
    async def background(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        topic: app_commands.Range[str, 1, 100] | None = None,
        article: str | None = None,
        private: bool = False,
    ) -> None:
        answer = self.bot.content.answers.background(topic=topic, article=article)
        await self._send(interaction, answer, private=private)

    @app_commands.command(name="facts", description="The key facts of an article, each with its paragraph")
    @app_commands.describe(article=ARTICLE, private=PRIVATE)
    @app_commands.autocomplete(article=suggest("article"))
    async def facts(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        article: str | None = None,
        private: bool = False,
    ) -> None:
        await self._send(
            interaction,
            self.bot.content.answers.facts(article=article),
            private=private,
        )

    @app_commands.command(name="who", description="Who someone in the news is, and what they said")
    @app_commands.describe(person="A person named in the articles", private=PRIVATE)
    @app_commands.autocomplete(person=suggest("person"))
    async def who(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        person: app_commands.Range[str, 1, 100],
        private: bool = False,
    ) -> None:
        await self._send(interaction, self.bot.content.answers.who(person), private=private)

    @app_commands.command(name="timeline", description="What happened when, as the article tells it")
    @app_commands.describe(article=ARTICLE, private=PRIVATE)
    @app_commands.autocomplete(article=suggest("article"))
    async def timeline(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        article: str | None = None,
        private: bool = False,
    ) -> None:
        answer = self.bot.content.answers.timeline(article=article)
        await self._send(interaction, answer, private=private)

    @app_commands.command(name="ask", description="Ask a question; I answer only from the articles, with sources")
    @app_commands.describe(question="Your question, e.g. How long is the framework?", private=PRIVATE)
    async def ask(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        question: app_commands.Range[str, 1, MAX_QUESTION],
        private: bool = False,
    ) -> None:
        await self._send(interaction, self.bot.content.answers.ask(question), private=private)

    @app_commands.command(name="articles", description="The articles I can answer about")
    @app_commands.describe(private=PRIVATE)
    async def articles(self, interaction: discord.Interaction[NewsbriefBot], private: bool = False) -> None:
        await self._send(interaction, self.bot.content.answers.articles(), private=private)

    @app_commands.command(name="about", description="What this bot is and where its answers come from")
    async def about(self, interaction: discord.Interaction[NewsbriefBot]) -> None:
        library = self.bot.content.answers.library
        sources = sorted({a.source.name for a in library})
        app_id = self.bot.application_id
        embed = discord.Embed(
            title="About Newsbrief",
            colour=discord.Colour.blurple(),
            description=(
                "I answer questions about the news from facts curated by editors. Every answer "
                "cites the paragraphs it comes from, quotes are word for word, and when the "
                "articles don't say something, I tell you so instead of guessing.\n\n"
                "Try `/ask`, `/summary`, `/quote`, `/background`, or send me a DM."
            ),
        )
        embed.add_field(name="Articles", value=str(len(library)))
        embed.add_field(name="Content version", value=library.version)
        embed.add_field(name="Sources", value=", ".join(sources)[:1024] or "none", inline=False)
        if app_id is not None:
            invite = discord.utils.oauth_url(
                app_id,
                permissions=discord.Permissions(view_channel=True, send_messages=True, embed_links=True),
                scopes=("bot", "applications.commands"),
            )
            embed.add_field(
                name="Add me",
                value=f"[Invite link]({invite}) (servers or your account)",
                inline=False,
            )
        embed.set_footer(text=f"Newsbrief {__version__}")
        await reply(interaction, embeds=[embed], ephemeral=True)
        record_command(interaction, "ok")
