"""Runtime configuration from the environment (and an optional .env), validated once."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_content_dir() -> Path:
    return REPO_ROOT / "content"


def default_data_dir() -> Path:
    return REPO_ROOT / "data"


class Settings(BaseSettings):
    """Every knob the bot reads; the names are a public contract (see README)."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSBRIEF_",
        env_file=REPO_ROOT / ".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    content_dir: Path = Field(default_factory=default_content_dir)
    database: Path = Field(default_factory=lambda: default_data_dir() / "newsbrief.sqlite3")
    health_host: str = "127.0.0.1"
    health_port: int = Field(default=8080, ge=0, le=65535)
    discord_api_base: str | None = None
    discord_gateway: str | None = None
    owner_ids: list[int] = []
    log_level: str = "INFO"
