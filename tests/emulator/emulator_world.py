"""The standard cast of the emulator tests: the bot, an owner, a member, a guild, roles
and two channels."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot.emulator import Emulator
from bot.emulator.state import Application, Channel, Guild, Role, User

TOKEN = "emulator-test-token"


@dataclass
class World:
    """The standard cast: the bot, an admin, a member, a guild with two channels."""

    app: Application
    admin: User
    alice: User
    guild: Guild
    everyone: Role
    editor_role: Role
    bot_role: Role
    general: Channel
    news: Channel


def build_world(emu: Emulator) -> World:
    """Create the cast in a running emulator."""
    app = emu.create_application("Newsbrief", token=TOKEN)
    admin = emu.create_user("admin")
    alice = emu.create_user("alice")
    guild = emu.create_guild("Demo", owner_id=admin.id)
    editor = emu.create_role(guild.id, "Editor", discord.Permissions(manage_guild=True).value)
    bot_role = emu.create_role(guild.id, "Bot", discord.Permissions(send_messages=True, embed_links=True).value)
    emu.add_member(guild.id, alice.id)
    emu.add_member(guild.id, app.bot_user_id, roles=[bot_role.id])
    general = emu.create_channel(guild.id, "general")
    news = emu.create_channel(guild.id, "news")
    return World(app, admin, alice, guild, guild.roles[guild.id], editor, bot_role, general, news)
