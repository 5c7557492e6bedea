"""Shared fixtures: the project root, the sample postings, and the real corpus from ../shared (skipped if absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bench.common import CORPUS, ROOT, SHARED, copy_corpus  # noqa: E402,F401 - one copy of the corpus logic


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def knowledge_dir() -> Path:
    return ROOT / "knowledge"


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    return copy_corpus(tmp_path_factory.mktemp("corpus"))
