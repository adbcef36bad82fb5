"""The search on a library larger than its `recent` window (common vs rare terms)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.answers import Answers
from bot.answers.search import WINDOW_ROWS
from bot.facts import Article

SEED_ID = "india-us-defence-framework-2025"


def test_rare_terms_reach_old_articles_and_common_terms_favour_new_ones(
    make_answers: Callable[..., Answers], make_article: Callable[..., Article]
) -> None:
    newer = [make_article(f"bridge-{n}", dt.date(2026, 1, 1) + dt.timedelta(days=n)) for n in range(250)]
    built = make_answers(*newer)
    index = built.index
    assert index.size > 2 * WINDOW_ROWS  # the seed article is outside the recent window

    old = built.ask("How long is the framework?")
    assert old.article == SEED_ID
    assert 1 in [c.paragraph for c in old.citations]
    assert built.ask("Where was it signed? Kuala Lumpur").article == SEED_ID

    common = built.ask("bridge")
    assert common.kind == "ask"
    # Identical articles score alike; ties go to the newest.
    assert common.article == "bridge-249"

    assert built.ask("bitcoin price").kind == "not_found"
