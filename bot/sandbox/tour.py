"""`sandbox --tour`: every command once, typed at the prompt as a person would, with what they see.

The tour starts at a fixed moment (the testbed's default: 02:00 UTC, 07:30 in Kolkata), so the
digest set for 09:00 Asia/Kolkata posts during `tick 2h` and the output reads the same every run.
"""

from __future__ import annotations

from bot.sandbox.session import Session
from bot.sandbox.show import paint

TOUR: tuple[str, ...] = (
    "/summary",
    "/quote speaker:Singh",
    "Next quote",
    "/quote speaker:Hegseth",
    "/background",
    "/background topic:tariffs",
    "/facts",
    "/who person:Rajnath Singh",
    "/timeline",
    "/ask question:How long is the framework?",
    "/ask question:What is the capital of France?",
    "/articles",
    "/about",
    "dm what did Singh say?",
    "/digest status",
    "as admin",
    "/digest setup channel:#digest time:09:00 timezone:Asia/Kolkata",
    "tick 2h",
    "/digest status",
)


async def run_tour(session: Session, lines: tuple[str, ...] = TOUR) -> int:
    """Type each line, show everything; 0 when every step got its answer, 1 otherwise."""
    session.write(session.welcome())
    for line in lines:
        session.write("")
        session.write(paint(session.prompt + line, ["bold"], session.style))
        await session.execute(line)
    digest_posts = session.testbed.emulator.messages(session.testbed.world.digest_id)
    session.write("")
    if session.failures or not digest_posts:
        problems = f"{session.failures} step(s) failed" if session.failures else "no digest was posted"
        session.write(paint(f"Tour finished with problems: {problems}.", ["bold"], session.style))
        return 1
    session.write(
        "Tour done: every command answered and the digest posted in #digest. "
        "Run `python -m bot sandbox` to type your own."
    )
    return 0
