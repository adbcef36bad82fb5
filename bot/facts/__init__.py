"""The content model: validated articles loaded from editors' YAML."""

from bot.facts.errors import ContentError, Problem
from bot.facts.library import Library
from bot.facts.loader import load_library
from bot.facts.schema import (
    Article,
    Background,
    Fact,
    Image,
    Person,
    Quote,
    Source,
    Summary,
    TimelineEntry,
)

__all__ = [
    "Article",
    "Background",
    "ContentError",
    "Fact",
    "Image",
    "Library",
    "Person",
    "Problem",
    "Quote",
    "Source",
    "Summary",
    "TimelineEntry",
    "load_library",
]
