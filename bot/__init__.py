"""Newsbrief: answers about news articles on Discord, from curated, cited facts."""

__version__ = "0.1.0"
