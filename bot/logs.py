"""Logging set-up for the edges (CLI, Slack server): detail goes to the log, people get short messages."""

from __future__ import annotations

import logging
import sys


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Chroma and httpx are chatty at INFO; their warnings still show.
    for noisy in ("chromadb", "httpx", "httpcore", "urllib3", "slack_bolt.App", "openai", "bm25s"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
