"""Employment type (schema.org FULL_TIME, PART_TIME, CONTRACTOR, INTERN, TEMPORARY), only when the posting says it.

Benefit boilerplate ("equity for all full-time employees"), EEO lists ("training, and apprenticeship"), "smart
contracts", "CLT contract" and "Employment Contract" are not the role's type. The title is read first, then
sentences in order; within one sentence the more specific type wins ("Full-Time Contractor" is CONTRACTOR).
"""

from __future__ import annotations

import re

from bot.models import Fact

from .text import clean_quote, sentences_with

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("INTERN", re.compile(r"\bintern(?:ship)?s?\b|\bapprentice(?:ship)?\b|\bpraktik|\bwerkstudent|实习", re.I)),
    (
        "CONTRACTOR",
        re.compile(
            r"\bcontractors?\b|\bcontract[- ](?:role|position|job|basis|assignment|engagement|to[- ]hire|only)\b|"
            r"\bmonths?\s+contract\b|(?:^|[-–|:;(]\s*)contract\b(?!\w)|\bfreelancer?\s+(?:role|position|contract)\b|"
            r"\bfreiberuflich|\bB2B contract\b",
            re.I,
        ),
    ),
    ("TEMPORARY", re.compile(r"\btemporary (?:role|position|job|contract)\b|\bfixed[- ]term\b|\bbefristet\b|\bseasonal\b", re.I)),
    ("PART_TIME", re.compile(r"\bpart[- ]?time\b(?!\s+(?:employees|hours))|\bteilzeit\b|兼职", re.I)),
    (
        "FULL_TIME",
        re.compile(
            r"\bfull[- ]?time\b(?![- ,]*(?:regular\s+|remote\s+|new\s+)?(?:employees?|hours|offer|equivalent|contractors?))"
            r"|\bvollzeit\b|全职|\btemps plein\b",
            re.I,
        ),
    ),
)
_SKIP = re.compile(
    r"discriminat|equal opportunity|promotion, termination|protected|applicants with|how to write|resume\b|"
    r"salaries\b|\bfor all\b|\bemployee offers\b|\bcontracted\b|\bsmart contracts?\b",
    re.I,
)

# every pattern above needs one of these words (prefilter, see text.sentences_with)
_KEYWORDS = re.compile(
    r"intern|apprentic|praktik|werkstudent|实习|contract|freelance|freiberuflich|temporary|fixed|befristet|"
    r"seasonal|part|teilzeit|兼职|full|vollzeit|全职|temps plein",
    re.I,
)


def _type_in(sentence: str) -> tuple[str, re.Match[str]] | None:
    if _SKIP.search(sentence):
        return None
    for name, rx in _PATTERNS:
        m = rx.search(sentence)
        if m:
            return name, m
    return None


def extract_employment_type(text: str, title: str = "", declared: str | None = None) -> Fact | None:
    """``declared`` is a JSON-LD employmentType value (quoted as written)."""
    if declared:
        value = _from_declared(declared)
        if value:
            return Fact(value, f"employmentType: {declared}")
    if title:
        found = _type_in(title)
        if found:
            return Fact(found[0], title)
    for s in sentences_with(text, _KEYWORDS):
        found = _type_in(s.text)
        if found:
            return Fact(found[0], clean_quote(s.text))
    return None


def _from_declared(value: object) -> str | None:
    values = value if isinstance(value, list) else [value]
    names = [str(v).strip().upper().replace("-", "_").replace(" ", "_") for v in values]
    for wanted in ("INTERN", "CONTRACTOR", "TEMPORARY", "PART_TIME", "FULL_TIME"):
        if wanted in names or (wanted == "CONTRACTOR" and "CONTRACT" in names):
            return wanted
    return None
