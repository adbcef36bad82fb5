"""Discord's message and embed limits (checked against the API documentation)."""

from __future__ import annotations

EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
#: Sum of titles, descriptions, field names and values, footers and author names over ALL
#: embeds of one message.
EMBED_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10
MESSAGE_CONTENT = 2000
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
ELLIPSIS = "…"
