"""Domain exceptions. They carry a short, friendly ``user_message``; the edges (CLI, Slack) show that
and log the detail, so no stack trace ever reaches a person."""

from __future__ import annotations


class RolesBotError(Exception):
    """Base class: ``user_message`` is safe to show to a person."""

    user_message = "Something went wrong."

    def __init__(self, detail: str = "", *, user_message: str | None = None) -> None:
        super().__init__(detail or self.user_message)
        if user_message is not None:
            self.user_message = user_message


class ConfigError(RolesBotError):
    user_message = "The bot is misconfigured; check the settings in .env."


class IndexNotReady(RolesBotError):
    """No index, or an empty one: the fix is always to run the ingest."""

    user_message = "The postings index is empty or missing. Run `python ingest.py` first."


class StoreError(RolesBotError):
    user_message = "The postings index could not be opened."


class ModelIntegrityError(RolesBotError):
    user_message = "The embedding model file is missing or corrupt; reinstall the package."


class PostingError(RolesBotError):
    """A posting file that cannot be ingested. ``source`` names it; ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}", user_message=f"{source}: {reason}")
        self.source = source
        self.reason = reason


class IngestBusy(RolesBotError):
    user_message = "A re-ingest is already running; try again when it has finished."


class LLMError(RolesBotError):
    user_message = "The language model did not answer."
