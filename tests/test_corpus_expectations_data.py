"""Keeps the hand-checked corpus expectations honest: every file they name exists, every expected substring is
really in its posting, and every value is one the models allow. Catches typos before they become false failures
in the facts-extractor and eval tests that read these files."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import yaml

from bot.models import EMPLOYMENT_TYPES, SALARY_UNITS, WORKPLACE_TYPES

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "tests" / "data" / "corpus_facts.yaml"
QUESTIONS = ROOT / "eval" / "questions_corpus.yaml"
KINDS = ("fact", "not_stated", "no_match", "list")


def _load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _text(corpus_dir: Path, name: str) -> str:
    # The raw HN comments carry HTML entities; the bot's clean text decodes them, so compare decoded.
    return html.unescape((corpus_dir / name).read_text(encoding="utf-8"))


def test_facts_cover_every_posting_with_valid_values(corpus_dir: Path) -> None:
    items = _load(FACTS)
    assert sorted(i["file"] for i in items) == sorted(p.name for p in corpus_dir.iterdir())
    for item in items:
        assert item["workplace"] in (*WORKPLACE_TYPES, None), item["file"]
        assert item["employment_type"] in (*EMPLOYMENT_TYPES, None), item["file"]
        assert (item["office_days"] is None) or (item["workplace"] == "hybrid"), item["file"]
        assert item["trap"], item["file"]
        salary = item["salary"]
        if salary is None:
            continue
        assert salary["unit"] in (*SALARY_UNITS, None), item["file"]
        assert salary.get("unit_implied") in (*SALARY_UNITS, None), item["file"]
        assert salary["unit"] is None or "unit_implied" not in salary, item["file"]
        assert salary["min"] is not None, item["file"]
        assert salary["max"] is None or salary["max"] >= salary["min"], item["file"]


def test_questions_point_at_real_text(corpus_dir: Path) -> None:
    items = _load(QUESTIONS)
    names = {p.name for p in corpus_dir.iterdir()}
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item["kind"] in KINDS and item["split"] in ("dev", "test"), item["id"]
        if item["kind"] in ("fact", "not_stated"):
            assert item["posting"] in names, item["id"]
            text = _text(corpus_dir, item["posting"])
            assert all(s in text for s in item["expect"]), item["id"]
            assert bool(item["expect"]) == (item["kind"] == "fact"), item["id"]
        if item["kind"] == "list":
            assert item.get("scope") == "corpus" and set(item["postings"]) <= names, item["id"]


@pytest.mark.parametrize(
    ("qid", "needle"),
    [("c064", "rust"), ("c065", "elixir"), ("c072", "kotlin"), ("c073", "£"), ("c074", "scala")],
)
def test_mention_lists_match_a_grep(corpus_dir: Path, qid: str, needle: str) -> None:
    """The 'which postings mention X' answers must be exactly the files whose text contains X."""
    import re

    item = next(i for i in _load(QUESTIONS) if i["id"] == qid)
    pattern = re.compile(rf"\b{needle}\b" if needle.isalpha() else re.escape(needle), re.I)
    found = {p.name for p in corpus_dir.iterdir() if pattern.search(_text(corpus_dir, p.name))}
    assert found == set(item["postings"])
