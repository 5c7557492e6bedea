"""Settings are read once, from .env then the environment (which wins)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_are_offline() -> None:
    s = Settings.load(environ={}, dotenv_path=None)
    assert s.knowledge_dir == Path("knowledge") and s.chroma_path == Path(".chroma")
    assert not s.llm_enabled and s.embeddings == "local" and not s.slack_socket_mode


def test_env_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("CHROMA_PATH=/from/dotenv\nOPENAI_MODEL=m1\nADMIN_USER_IDS=U1, U2 ,\n")
    s = Settings.load(environ={"OPENAI_MODEL": "m2"}, dotenv_path=dotenv)
    assert s.chroma_path == Path("/from/dotenv") and s.openai_model == "m2"
    assert s.admin_user_ids == frozenset({"U1", "U2"})


def test_base_url_alone_enables_llm() -> None:
    assert Settings.load(environ={"OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}, dotenv_path=None).llm_enabled


def test_env_example_lists_every_setting() -> None:
    example = Settings.load(environ={}, dotenv_path=ROOT / ".env.example")
    assert example == Settings.load(environ={}, dotenv_path=None), ".env.example must hold defaults/placeholders only"
    names = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines() if "=" in line and not line.startswith("#")}
    source = (ROOT / "bot" / "settings.py").read_text()
    import re

    read = set(re.findall(r'env(?:\.get)?\(\s*"([A-Z_]+)"', source)) | set(re.findall(r'_(?:int|float)\(env, "([A-Z_]+)"', source))
    assert read <= names, f"settings missing from .env.example: {read - names}"


@pytest.mark.parametrize("bad", [{"EMBEDDINGS": "word2vec"}, {"CHROMA_PORT": "eighty"}, {"LLM_TIMEOUT_SECONDS": "soon"}])
def test_bad_values_are_config_errors(bad: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Settings.load(environ=bad, dotenv_path=None)
