"""Builds the engine from settings: the store (Chroma), and the LLM writer when one is configured."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .engine import Engine

if TYPE_CHECKING:
    from ..settings import Settings
    from ..store import PostingStore

log = logging.getLogger(__name__)


def make_engine(settings: "Settings", store: "PostingStore | None" = None, llm: Any = None) -> Engine:
    """The one way the CLI, the Slack app and the eval get an engine.

    ``llm=None`` means "build one from settings when an LLM is configured"; the offline writer is used otherwise
    (and whenever the LLM path fails).
    """
    if store is None:
        from ..store import make_store

        store = make_store(settings)
    if llm is None and settings.llm_enabled:
        try:
            from .llm import make_llm_writer

            llm = make_llm_writer(settings)
        except Exception:  # a broken LLM configuration must not stop the offline bot
            log.exception("cannot build the LLM writer; answering offline")
            llm = None
    return Engine(store, llm)
