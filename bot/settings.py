"""One settings object, read once at start-up from the environment and ``.env``.

Nothing else in the package reads the environment: factories take a ``Settings`` and build clients.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dotenv import dotenv_values

from .errors import ConfigError


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(env: Mapping[str, str], key: str, default: int) -> int:
    raw = env.get(key, "")
    if not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{key} must be a whole number, got {raw!r}") from exc


def _float(env: Mapping[str, str], key: str, default: float) -> float:
    raw = env.get(key, "")
    if not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{key} must be a number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """Every setting the bot has; ``.env.example`` lists the same names."""

    # Postings and the index
    knowledge_dir: Path = Path("knowledge")
    chroma_path: Path = Path(".chroma")
    chroma_host: str = ""  # set to use a Chroma server instead of the embedded store
    chroma_port: int = 8000
    collection_prefix: str = "roles"
    embeddings: str = "local"  # "local" (bundled MiniLM) or "openai"
    openai_embedding_model: str = "text-embedding-3-small"

    # LLM (optional): any OpenAI-compatible server
    openai_api_key: str = ""
    openai_base_url: str = ""
    openai_model: str = "gpt-4o-mini"
    llm_timeout: float = 20.0
    llm_temperature: float = 0.0

    # Slack
    slack_bot_token: str = ""
    slack_app_token: str = ""
    slack_signing_secret: str = ""
    slack_api_url: str = ""
    admin_user_ids: frozenset[str] = field(default_factory=frozenset)
    rate_limit_per_minute: int = 12

    # Local state
    state_dir: Path = Path(".roles-bot")
    log_level: str = "INFO"

    @property
    def llm_enabled(self) -> bool:
        """The LLM writes answers only when a key or an OpenAI-compatible base URL is configured."""
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def slack_socket_mode(self) -> bool:
        return bool(self.slack_bot_token and self.slack_app_token)

    @property
    def feedback_db(self) -> Path:
        return self.state_dir / "feedback.sqlite3"

    def with_(self, **changes: object) -> "Settings":
        """A copy with some fields changed (tests and CLI flags such as ``--db``)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, dotenv_path: str | Path | None = ".env") -> "Settings":
        """Read ``.env`` (if present) then the process environment, which wins."""
        env: dict[str, str] = {}
        if dotenv_path is not None and Path(dotenv_path).is_file():
            env.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
        env.update(os.environ if environ is None else environ)
        admins = frozenset(x.strip() for x in env.get("ADMIN_USER_IDS", "").split(",") if x.strip())
        embeddings = env.get("EMBEDDINGS", "local").strip().lower() or "local"
        if embeddings not in {"local", "openai"}:
            raise ConfigError(f"EMBEDDINGS must be 'local' or 'openai', got {embeddings!r}")
        return cls(
            knowledge_dir=Path(env.get("KNOWLEDGE_DIR", "knowledge") or "knowledge"),
            chroma_path=Path(env.get("CHROMA_PATH", ".chroma") or ".chroma"),
            chroma_host=env.get("CHROMA_HOST", "").strip(),
            chroma_port=_int(env, "CHROMA_PORT", 8000),
            collection_prefix=env.get("CHROMA_COLLECTION_PREFIX", "roles").strip() or "roles",
            embeddings=embeddings,
            openai_embedding_model=env.get("OPENAI_EMBEDDING_MODEL", "text-embedding-3-small").strip()
            or "text-embedding-3-small",
            openai_api_key=env.get("OPENAI_API_KEY", "").strip(),
            openai_base_url=env.get("OPENAI_BASE_URL", "").strip(),
            openai_model=env.get("OPENAI_MODEL", "gpt-4o-mini").strip() or "gpt-4o-mini",
            llm_timeout=_float(env, "LLM_TIMEOUT_SECONDS", 20.0),
            llm_temperature=_float(env, "LLM_TEMPERATURE", 0.0),
            slack_bot_token=env.get("SLACK_BOT_TOKEN", "").strip(),
            slack_app_token=env.get("SLACK_APP_TOKEN", "").strip(),
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip(),
            slack_api_url=env.get("SLACK_API_URL", "").strip(),
            admin_user_ids=admins,
            rate_limit_per_minute=_int(env, "RATE_LIMIT_PER_MINUTE", 12),
            state_dir=Path(env.get("STATE_DIR", ".roles-bot") or ".roles-bot"),
            log_level=env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO",
        )
