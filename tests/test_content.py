from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

from bot.content import ContentHolder


async def test_a_reload_frees_the_old_library_without_the_cyclic_collector(
    content_dir: Path, tmp_path: Path
) -> None:
    """The served content is frozen out of the collector's sight (gc.freeze), so it must hold
    no reference cycle: otherwise every reload would leak a whole library."""
    content = tmp_path / "content"
    shutil.copytree(content_dir, content)
    holder = ContentHolder.load(content)  # with the answer cache, as the bot runs
    old = holder.answers
    old.summary()
    old.quotes(speaker="hegseth")
    old.ask("Who signed the framework?")
    old.autocomplete("topic", "trde")
    refs = [weakref.ref(x) for x in (old, old.library, old.catalog, old.index, old.library.articles[0])]
    del old
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        assert await holder.reload() == []
        assert [ref() is None for ref in refs] == [True] * len(refs)
    finally:
        if was_enabled:
            gc.enable()
        holder.answers.close()
