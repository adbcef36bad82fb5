"""Fixtures for the sandbox: a command schema shaped like the bot's, and the terminal driver."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.parse import Directory
from bot.sandbox.schema import Schema

sys.path.insert(0, str(Path(__file__).parent))

GENERAL, DIGEST, ADMIN, MEMBER, ROLE = 101, 102, 201, 202, 301

ARTICLE = {"type": 3, "name": "article", "description": "Which article", "autocomplete": True}
PRIVATE = {"type": 5, "name": "private", "description": "Only you see the answer"}

REGISTERED: list[dict[str, Any]] = [
    {
        "name": "quote",
        "description": "What people said, verbatim",
        "type": 1,
        "options": [
            {"type": 3, "name": "speaker", "description": "Who said it", "autocomplete": True},
            {"type": 3, "name": "topic", "description": "What it is about", "autocomplete": True},
            ARTICLE,
            PRIVATE,
        ],
        "contexts": [0, 1, 2],
        "default_member_permissions": None,
    },
    {
        "name": "summary",
        "description": "A summary",
        "type": 1,
        "options": [
            ARTICLE,
            {
                "type": 3,
                "name": "length",
                "description": "Short or detailed",
                "choices": [{"name": "short", "value": "short"}, {"name": "detailed", "value": "detailed"}],
            },
            PRIVATE,
        ],
    },
    {
        "name": "ask",
        "description": "Ask a question",
        "type": 1,
        "options": [{"type": 3, "name": "question", "description": "Your question", "required": True}, PRIVATE],
    },
    {
        "name": "who",
        "description": "Who someone is",
        "type": 1,
        "options": [{"type": 3, "name": "person", "description": "A person", "required": True, "autocomplete": True}],
    },
    {"name": "about", "description": "About the bot", "type": 1, "options": []},
    {
        "name": "roll",
        "description": "Numbers, to exercise the other option types",
        "type": 1,
        "options": [
            {"type": 4, "name": "count", "description": "How many"},
            {"type": 10, "name": "weight", "description": "How heavy"},
            {"type": 6, "name": "user", "description": "Someone"},
            {"type": 8, "name": "role", "description": "A role"},
        ],
    },
    {
        "name": "digest",
        "description": "The daily digest",
        "type": 1,
        "default_member_permissions": "32",
        "contexts": [0],
        "options": [
            {
                "type": 1,
                "name": "setup",
                "description": "Post the daily digest",
                "options": [
                    {"type": 7, "name": "channel", "description": "Where to post", "required": True},
                    {"type": 3, "name": "time", "description": "HH:MM", "required": True, "autocomplete": True},
                    {"type": 3, "name": "timezone", "description": "IANA", "required": True, "autocomplete": True},
                ],
            },
            {"type": 1, "name": "off", "description": "Stop", "options": []},
            {"type": 1, "name": "status", "description": "Status", "options": []},
            {"type": 1, "name": "send-now", "description": "Post now", "options": []},
        ],
    },
    {"name": "Quote this", "type": 3},  # a message context-menu command: no slash form
]


@pytest.fixture
def schema() -> Schema:
    return Schema.from_registered(REGISTERED)


@pytest.fixture
def directory() -> Directory:
    return Directory(
        channels={"general": GENERAL, "digest": DIGEST},
        users={"member": MEMBER, "admin": ADMIN},
        roles={"Admin": ROLE},
    )
