"""Consistency checks for the hand-written eval data over knowledge/.

Why: tests/data/knowledge_facts.yaml and eval/questions.yaml are ground truth for the extractor and the engine;
a typo there would silently mis-score them. These checks read the sample files with a deliberately simple
text extraction (not the project's loaders, which they are meant to judge).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from pypdf import PdfReader

from bot.models import EMPLOYMENT_TYPES, SALARY_UNITS, SENIORITIES, WORKPLACE_TYPES

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
FACTS = ROOT / "tests" / "data" / "knowledge_facts.yaml"
QUESTIONS = ROOT / "eval" / "questions.yaml"


def plain_text(path: Path) -> str:
    """Good-enough clean text: PDF text, HTML without tags/entities, md/txt as is; whitespace folded."""
    if path.suffix == ".pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    else:
        text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<script\b.*?</script>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def load(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


FACT_ROWS = {row["file"]: row for row in load(FACTS)}
QUESTION_ROWS = load(QUESTIONS)


def _locs(row: dict[str, Any]) -> str:
    return " | ".join((row.get("locations") or []) + (row.get("applicant_locations") or []))


# How each list question's expected set follows from the structured facts.
LIST_RULES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "l001": lambda r: r["workplace"] == "remote",
    "l002": lambda r: bool(r["salary"]) and r["salary"]["unit"] == "hour",
    "l003": lambda r: "Rust" in r["languages"],
    "l004": lambda r: any("Berlin" in loc for loc in r["locations"]),
    "l005": lambda r: bool(r["salary"])
    and r["salary"]["currency"] == "USD"
    and r["salary"]["unit"] == "year"
    and r["salary"]["max"] > 150000,
    "l006": lambda r: r["employment_type"] == "INTERN",
    "l007": lambda r: r["employment_type"] == "CONTRACTOR",
    "l008": lambda r: r["workplace"] == "onsite",
    "l009": lambda r: r["workplace"] == "hybrid",
    "l010": lambda r: any("Toronto" in loc for loc in r["locations"]),
    "l011": lambda r: any("New York" in loc for loc in r["locations"]),
    "l012": lambda r: "Go" in r["languages"],
    "l013": lambda r: "Python" in r["languages"],
    "l014": lambda r: r["salary"] is None,
    "l015": lambda r: bool(r["salary"]) and r["salary"]["currency"] == "EUR",
    "l016": lambda r: bool(re.search(r"\bUK\b|United Kingdom", _locs(r))),
    "l017": lambda r: "TypeScript" in r["languages"],
    "l018": lambda r: "Java" in r["languages"],
    "l019": lambda r: r["employment_type"] == "PART_TIME",
}


def test_every_knowledge_file_has_facts() -> None:
    files = {p.name for p in KNOWLEDGE.iterdir() if p.is_file()}
    assert files == set(FACT_ROWS)
    assert len(files) >= 12


@pytest.mark.parametrize("name", sorted(FACT_ROWS))
def test_fact_row_is_valid_and_grounded(name: str) -> None:
    row = FACT_ROWS[name]
    text = plain_text(KNOWLEDGE / name)
    assert row["workplace"] in (*WORKPLACE_TYPES, None)
    assert row["employment_type"] in (*EMPLOYMENT_TYPES, None)
    assert row["seniority"] in (*SENIORITIES, None)
    assert (row["office_days"] is not None) == (row["workplace"] == "hybrid")
    assert row["company"].split()[0] in text
    if row["salary"]:
        assert row["salary"]["unit"] in SALARY_UNITS
        assert row["salary"]["min"] <= row["salary"]["max"]
    if row.get("apply"):
        assert row["apply"].removeprefix("mailto:") in text


def test_questions_schema_and_counts() -> None:
    ids = [q["id"] for q in QUESTION_ROWS]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
    kinds = Counter(q["kind"] for q in QUESTION_ROWS)
    assert kinds["not_stated"] >= 8 and kinds["no_match"] >= 8 and kinds["list"] >= 10
    splits = Counter(q["split"] for q in QUESTION_ROWS)
    assert set(splits) == {"dev", "test"} and abs(splits["dev"] - splits["test"]) <= 6
    for q in QUESTION_ROWS:
        if q["kind"] in ("fact", "not_stated"):
            assert q["posting"] in FACT_ROWS, q["id"]
        else:
            assert "posting" not in q, q["id"]
        if q["kind"] != "fact":
            assert q["expect"] == [], q["id"]


@pytest.mark.parametrize("q", [q for q in QUESTION_ROWS if q["kind"] == "fact"], ids=lambda q: q["id"])
def test_fact_expectations_occur_in_the_posting(q: dict[str, Any]) -> None:
    text = plain_text(KNOWLEDGE / q["posting"])
    assert q["expect"]
    for needle in q["expect"]:
        assert needle in text, (q["id"], needle)


def test_no_salary_questions_match_facts() -> None:
    for q in QUESTION_ROWS:
        if q["kind"] == "not_stated" and re.search(r"salary|how much", q["question"]):
            assert FACT_ROWS[q["posting"]]["salary"] is None, q["id"]


@pytest.mark.parametrize("q", [q for q in QUESTION_ROWS if q["kind"] == "list"], ids=lambda q: q["id"])
def test_list_sets_follow_from_facts(q: dict[str, Any]) -> None:
    rule = LIST_RULES[q["id"]]
    assert set(q["postings"]) == {name for name, row in FACT_ROWS.items() if rule(row)}
    assert len(q["postings"]) == len(set(q["postings"]))
