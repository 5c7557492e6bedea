"""Content hashes decide what a re-ingest skips. The pipeline version is part of the hash, so a change to
parsing, facts or chunking re-processes every posting once instead of leaving stale facts behind."""

from __future__ import annotations

import hashlib
from pathlib import Path

PIPELINE_VERSION = "roles-bot/ingest-3"  # bump on any change to parsing, facts (the tech vocabulary too) or chunking


def content_hash_of_bytes(data: bytes) -> str:
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def content_hash_of(path: Path) -> str:
    """Hash a file in blocks (never the whole of a huge file in memory)."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    digest.update(b"\0")
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
