"""Structured facts of one posting (schema.org JobPosting names), each with the quote it came from.

Declared metadata (JSON-LD, front matter) wins over text heuristics; the heuristics prefer "unknown" to a guess.
``extract_facts`` never raises on odd text: a failing extractor leaves its fact unknown.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

from bot.models import Fact, Facts, LoadedPosting, Salary

from .apply import extract_apply
from .dates import extract_dates
from .employment import extract_employment_type
from .locations import extract_locations
from .salary import best_salary, parse_salaries
from .seniority import extract_experience_years, extract_seniority
from .text import clean_quote, sentences
from .vocab import find_technologies
from .workplace import extract_workplace

__all__ = ["extract_facts", "parse_salaries"]

log = logging.getLogger(__name__)
T = TypeVar("T")

_UNITS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}


def _safe(default: T, fn: Callable[[], T]) -> T:
    try:
        return fn()
    except Exception:  # one odd posting must not stop an ingest; the fact just stays unknown
        log.exception("facts extractor %s failed", getattr(fn, "__name__", fn))
        return default


def extract_facts(posting: LoadedPosting) -> Facts:
    text = posting.text or ""
    meta: dict[str, Any] = posting.meta or {}
    job: dict[str, Any] = meta["jsonld"] if isinstance(meta.get("jsonld"), dict) else {}
    facts = Facts()
    facts.title = _safe(None, lambda: _title(text, meta, job))
    facts.hiring_organization = _safe(None, lambda: _company(text, meta, job))
    title = facts.title.value if facts.title else ""

    header = _declared_header(meta, job)
    workplace, days = _safe((None, None), lambda: extract_workplace(text, header))
    facts.workplace_type, facts.office_days = workplace, days
    facts.job_locations, facts.applicant_location_requirements = _safe(([], []), lambda: extract_locations(text, meta))
    facts.base_salary = _safe(None, lambda: _jsonld_salary(job, text) or best_salary(text))
    facts.employment_type = _safe(None, lambda: extract_employment_type(text, title, job.get("employmentType")))
    facts.seniority = _safe(None, lambda: _seniority(facts.title))
    facts.experience_years = _safe(None, lambda: _jsonld_experience(job) or extract_experience_years(text))
    langs, techs = _safe(([], []), lambda: _technologies(text))
    facts.programming_languages, facts.technologies = langs, techs
    facts.apply = _safe(None, lambda: extract_apply(text, meta))
    facts.date_posted, facts.valid_through = _safe((None, None), lambda: extract_dates(text, meta))
    return facts


# ---- declared metadata --------------------------------------------------------------------------------------


def _quote_of(text: str, needle: str, fallback: str) -> str:
    if needle:
        for s in sentences(text):
            if needle in s.text:
                return clean_quote(s.text)
    return fallback


def _title(text: str, meta: dict[str, Any], job: dict[str, Any]) -> Fact | None:
    for key, value in (("title", job.get("title")), ("title", meta.get("title"))):
        if isinstance(value, str) and value.strip():
            return Fact(value.strip(), _quote_of(text, value.strip(), f"{key}: {value.strip()}"))
    first = next(iter(sentences(text)), None)
    if first is None or len(first.text) > 160:
        return None
    line = first.text
    if "|" in line:  # "Company | Title | Place | Full-time | $170-225K"
        fields = [f.strip() for f in line.split("|")]
        for f in fields[1:]:
            if re.search(r"engineer|developer|lead|architect|manager|scientist|designer|roles?\b", f, re.I):
                return Fact(f, line)
        return None
    line = re.sub(r"\s+-\s+[^-]*\bIndeed\.com$", "", line)
    return Fact(line, first.text) if line else None


def _company(text: str, meta: dict[str, Any], job: dict[str, Any]) -> Fact | None:
    org = job.get("hiringOrganization")
    name = org.get("name") if isinstance(org, dict) else org if isinstance(org, str) else None
    name = name or meta.get("company")
    if isinstance(name, str) and name.strip():
        return Fact(name.strip(), _quote_of(text, name.strip(), f"hiringOrganization: {name.strip()}"))
    lines = [s for s in sentences(text)][:3]
    if lines and "|" in lines[0].text:
        head = lines[0].text.split("|")[0].strip()
        head = re.sub(r"\s*\(.*?\)\s*|\s+https?://\S+", " ", head).strip()
        return Fact(head, lines[0].text) if head and len(head) <= 60 else None
    # job-board layout: title line, then the company on its own short line
    if len(lines) >= 2 and len(lines[1].text) <= 60 and not re.search(r"[💰🌎.:]|\d", lines[1].text):
        return Fact(lines[1].text, lines[1].text)
    return None


def _declared_header(meta: dict[str, Any], job: dict[str, Any]) -> str:
    parts: list[str] = []
    if str(job.get("jobLocationType", "")).upper() == "TELECOMMUTE":
        parts.append("jobLocationType: TELECOMMUTE (remote)")
    if isinstance(meta.get("location"), str):
        parts.append(meta["location"])
    return " ; ".join(parts)


def _jsonld_salary(job: dict[str, Any], text: str) -> Salary | None:
    base = job.get("baseSalary")
    if not isinstance(base, dict):
        return None
    value = base.get("value")
    currency = base.get("currency") or (value.get("currency") if isinstance(value, dict) else None)
    if isinstance(value, dict):
        lo, hi = value.get("minValue"), value.get("maxValue")
        single = value.get("value")
        unit_text = value.get("unitText")
    else:
        lo = hi = single = value
        unit_text = base.get("unitText")
    if lo is None and hi is None:
        lo = hi = single
    try:
        lo = float(lo) if lo is not None else None
        hi = float(hi) if hi is not None else None
    except (TypeError, ValueError):
        return None
    if lo is None:
        return None
    unit = _UNITS.get(str(unit_text or "").upper())
    lo_n = float(int(lo)) if lo == int(lo) else lo
    hi_n = None if hi is None else (float(int(hi)) if hi == int(hi) else hi)
    # the same figures written in the text give the quote and the text "as written"
    for s in parse_salaries(text):
        if s.min == lo_n and (s.max == hi_n or hi_n is None):
            return Salary(lo_n, hi_n, str(currency) if currency else s.currency, unit or s.unit, s.text, s.quote)
    written = f"{currency or ''} {lo_n:g}" + (f"-{hi_n:g}" if hi_n is not None and hi_n != lo_n else "")
    written = written.strip() + (f" per {unit_text}" if unit_text else "")
    return Salary(lo_n, hi_n, str(currency) if currency else None, unit, written, f"baseSalary: {written}")


def _seniority(title: Fact | None) -> Fact | None:
    found = extract_seniority(title.value) if title else None
    return Fact(found.value, title.quote) if found and title else None


def _jsonld_experience(job: dict[str, Any]) -> Fact | None:
    req = job.get("experienceRequirements")
    if isinstance(req, dict) and isinstance(req.get("monthsOfExperience"), (int, float)):
        months = req["monthsOfExperience"]
        if months >= 12:
            return Fact(int(months // 12), f"experienceRequirements: monthsOfExperience {months:g}")
    return None


def _technologies(text: str) -> tuple[list[Fact], list[Fact]]:
    langs: list[Fact] = []
    techs: list[Fact] = []
    for canonical, span, is_lang in find_technologies(text):
        quote = _quote_of(text, span, span)
        (langs if is_lang else techs).append(Fact(canonical, quote))
    return langs, techs
