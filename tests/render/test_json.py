from __future__ import annotations

import json

from bot.answers import Answers
from bot.render.json import render_json


def test_json_contract(seed_answers: Answers) -> None:
    data = json.loads(render_json(seed_answers.ask("How long is the framework?")))
    assert set(data) >= {"kind", "article", "title", "text", "items", "citations"}
    assert data["kind"] == "ask"
    assert data["article"] == "india-us-defence-framework-2025"
    assert {"article": "india-us-defence-framework-2025", "paragraph": 1} in data["citations"]


def test_json_keeps_unicode_unescaped(seed_answers: Answers) -> None:
    out = render_json(seed_answers.quotes(speaker="hegseth"))
    assert "We’re" in out
    item = json.loads(out)["items"][0]
    assert {"speaker", "text", "paragraph"} <= set(item)
