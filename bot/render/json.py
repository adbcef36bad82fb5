"""Answer -> one JSON object (the contract in DESIGN.md)."""

from __future__ import annotations

import json

from bot.answers.model import Answer


def render_json(answer: Answer) -> str:
    """`{"kind", "article", "title", "text", "items", "citations", "source", "suggestions"}`."""
    return json.dumps(answer.to_json(), ensure_ascii=False, indent=2)
