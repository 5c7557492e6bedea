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


@pytest.fixture(scope="session")
def engine_env(tmp_path_factory: pytest.TempPathFactory, knowledge_dir: Path):
    """(settings, store, engine) over a real Chroma index of knowledge/, ingested once per session, offline."""
    from bot.engine.factory import make_engine
    from bot.ingest.sync import sync
    from bot.settings import Settings
    from bot.store import make_store

    base = tmp_path_factory.mktemp("engine_env")
    settings = Settings.load(environ={}, dotenv_path=None).with_(
        chroma_path=base / "chroma", state_dir=base / "state", knowledge_dir=knowledge_dir
    )
    store = make_store(settings)
    report = sync([knowledge_dir], store)
    assert report.failed == 0, report.errors
    engine = make_engine(settings, store=store, llm=None)
    yield settings, store, engine
