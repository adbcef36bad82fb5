"""Logging setup: discord.py's formatter, and a filter that keeps the token out of every line."""

from __future__ import annotations

import logging

import discord.utils


class RedactSecrets(logging.Filter):
    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "[redacted]")
            record.msg, record.args = message, None
        return True


def setup_logging(level: str, *secrets: str) -> None:
    discord.utils.setup_logging(level=logging.getLevelNamesMapping().get(level.upper(), logging.INFO), root=True)
    redact = RedactSecrets(*secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
