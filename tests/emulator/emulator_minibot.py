"""A minimal discord.py bot that exercises what the emulator must support.

/ping, /quote (autocomplete), /digest setup (subcommand with a channel option), /slow
(defer, follow-up, edit), /buttons (a view), /post (a channel post that reports
Forbidden/NotFound), /dmme (opens a DM), and a DM echo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import discord
from discord import app_commands

SPEAKERS = ["Hegseth", "Rajnath Singh", "Modi", "Trump"]


@dataclass
class Observed:
    """What the bot saw, for assertions."""

    dms: list[str] = field(default_factory=list)
    guild_messages: list[str] = field(default_factory=list)
    deleted_channels: list[int] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    resumed: int = 0
    connects: int = 0
    digest_args: list[tuple[int, str, str, str]] = field(default_factory=list)


class MoreView(discord.ui.View):
    """One button; clicking it answers ephemerally."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="More", custom_id="nb:more", style=discord.ButtonStyle.primary)
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button[MoreView]) -> None:
        await interaction.response.send_message("more for you", ephemeral=True)


class MiniBot(discord.Client):
    """The test client: an app-command tree plus DM handling."""

    def __init__(self, **options: object) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(intents=intents, guild_ready_timeout=0.05, **options)  # type: ignore[arg-type]
        self.tree = app_commands.CommandTree(self)
        self.seen = Observed()
        _add_commands(self.tree, self)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Skip discord.py's 5 s pause before re-IDENTIFY: the emulator has no IDENTIFY quota."""

    async def on_message(self, message: discord.Message) -> None:
        if self.user is None or message.author.id == self.user.id:
            return  # never answer yourself
        if message.guild is None:
            self.seen.dms.append(message.content)
            await message.channel.send(f"echo: {message.content}")
        else:
            self.seen.guild_messages.append(message.content)

    async def on_resumed(self) -> None:
        self.seen.resumed += 1

    async def on_connect(self) -> None:
        self.seen.connects += 1

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        self.seen.deleted_channels.append(channel.id)


class ShardedMiniBot(discord.AutoShardedClient):
    """An auto-sharded client with just /ping."""

    def __init__(self, shard_count: int) -> None:
        super().__init__(intents=discord.Intents.default(), shard_count=shard_count, guild_ready_timeout=0.05)
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(description="Answer with the shard that handled it")
        async def ping(interaction: discord.Interaction) -> None:
            shard = interaction.guild.shard_id if interaction.guild else 0
            await interaction.response.send_message(f"pong from shard {shard}")

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """No 5 s pause between shards' IDENTIFYs in tests."""


def _add_commands(tree: app_commands.CommandTree[MiniBot], client: MiniBot) -> None:
    @tree.command(description="Check the bot is alive")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")

    @tree.command(description="A quote by a speaker")
    async def quote(interaction: discord.Interaction, speaker: str) -> None:
        await interaction.response.send_message(f"{speaker} said something")

    @quote.autocomplete("speaker")
    async def speaker_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=s, value=s) for s in SPEAKERS if current.lower() in s.lower()]

    digest = app_commands.Group(name="digest", description="Daily digest", guild_only=True)

    @digest.command(name="setup", description="Where and when to post")
    async def setup(
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: str,
        timezone: str,
        days: int = 7,
    ) -> None:
        client.seen.digest_args.append((channel.id, channel.name, time, timezone))
        await interaction.response.send_message(
            f"digest in {channel.mention} at {time} {timezone} for {days} days", ephemeral=True
        )

    tree.add_command(digest)

    @tree.command(description="Slow: defer, follow up, then edit")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("part one", wait=True)
        await interaction.edit_original_response(content="done")

    @tree.command(description="Reply, read and delete the reply, follow up and edit that")
    async def tidy(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("temporary")
        original = await interaction.original_response()
        assert original.content == "temporary"
        await interaction.delete_original_response()
        kept = await interaction.followup.send("kept", wait=True)
        await kept.edit(content="kept, edited")

    @tree.command(description="A message with a button")
    async def buttons(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("click below", view=MoreView())

    @tree.command(description="Post in a channel")
    async def post(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        target = client.get_channel(channel.id)
        assert isinstance(target, discord.TextChannel)
        try:
            await target.send("posted")
        except discord.HTTPException as exc:
            client.seen.errors.append(exc)
            await interaction.response.send_message(f"failed: {type(exc).__name__} {exc.code}", ephemeral=True)
            return
        await interaction.response.send_message("ok", ephemeral=True)

    @tree.command(description="The bot writes to you in a DM")
    async def dmme(interaction: discord.Interaction) -> None:
        await interaction.user.send("hello in private")
        await interaction.response.send_message("sent", ephemeral=True)
