"""Answer -> what a reader sees: terminal text, JSON, Discord embeds."""
