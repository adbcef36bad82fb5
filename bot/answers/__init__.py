"""Discord-free answer builders: library + request -> Answer."""

from bot.answers.model import Answer, Citation, Item
from bot.answers.service import Answers

__all__ = ["Answer", "Answers", "Citation", "Item"]
