#!/usr/bin/env python3
"""Ingest job postings into the index: ``python ingest.py --help``."""

import bot  # noqa: F401  (sets the no-telemetry environment before anything imports onnxruntime or Chroma)
from bot.ingest.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
