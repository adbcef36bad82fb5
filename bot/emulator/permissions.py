"""Permission arithmetic in Discord's documented order.

Base permissions: the owner and administrators get everything; otherwise @everyone's
permissions OR the member's roles. Channel permissions then apply the @everyone
overwrite, the union of the member's role overwrites, and the member's own overwrite.
"""

from __future__ import annotations

from bot.emulator.state import MEMBER_OVERWRITE, Channel, Guild

ADMINISTRATOR = 1 << 3
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
MENTION_EVERYONE = 1 << 17
# Every permission bit Discord defines today (53 bits), as discord.Permissions.all().
ALL_PERMISSIONS = 8_866_461_766_385_663
# A new guild's @everyone: invite, react, view, send, embed, attach, read history,
# external emoji, connect, speak, change nickname, application commands, threads.
DEFAULT_EVERYONE = 0x48_8435_CC41


def base_permissions(guild: Guild, user_id: int) -> int:
    """Guild-level permissions of a member, before channel overwrites."""
    if user_id == guild.owner_id:
        return ALL_PERMISSIONS
    everyone = guild.roles.get(guild.id)
    permissions = everyone.permissions if everyone is not None else 0
    member = guild.members.get(user_id)
    if member is not None:
        for role_id in member.roles:
            role = guild.roles.get(role_id)
            if role is not None:
                permissions |= role.permissions
    if permissions & ADMINISTRATOR:
        return ALL_PERMISSIONS
    return permissions


def channel_permissions(guild: Guild, channel: Channel, user_id: int) -> int:
    """A member's effective permissions in a channel, overwrites and implicit rules applied."""
    permissions = base_permissions(guild, user_id)
    if permissions & ADMINISTRATOR:
        return ALL_PERMISSIONS

    everyone = channel.overwrites.get(guild.id)
    if everyone is not None:
        permissions = (permissions & ~everyone.deny) | everyone.allow

    member = guild.members.get(user_id)
    role_ids = set(member.roles) if member is not None else set()
    allow = deny = 0
    for overwrite in channel.overwrites.values():
        if overwrite.type != MEMBER_OVERWRITE and overwrite.id in role_ids:
            allow |= overwrite.allow
            deny |= overwrite.deny
    permissions = (permissions & ~deny) | allow

    own = channel.overwrites.get(user_id)
    if own is not None and own.type == MEMBER_OVERWRITE:
        permissions = (permissions & ~own.deny) | own.allow

    # Implicit rules: no view means nothing; no send means no send-dependent extras.
    if not permissions & VIEW_CHANNEL:
        return 0
    if not permissions & SEND_MESSAGES:
        permissions &= ~(MENTION_EVERYONE | ATTACH_FILES | EMBED_LINKS)
    return permissions


def dm_permissions() -> int:
    """What Discord reports for a DM: viewing, sending, embedding, attaching and history."""
    read_history = 1 << 16
    return VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | read_history
