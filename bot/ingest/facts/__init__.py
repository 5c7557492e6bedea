"""Structured facts of one posting (schema.org JobPosting names), each with the quote it came from.

Declared metadata (JSON-LD, front matter) wins over text heuristics; the heuristics prefer "unknown" to a guess.
``extract_facts`` never raises on odd text: a failing extractor leaves its fact unknown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from bot.models import Fact, Facts, LoadedPosting, Salary

from .apply import extract_apply
from .dates import extract_dates
from .employment import extract_employment_type
from .header import Header, read_header
from .locations import extract_locations
from .salary import best_salary, parse_salaries
from .seniority import extract_experience_years, extract_seniority
from .text import quote_containing
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
    header = _safe(Header(), lambda: read_header(text, meta, job, posting.source))
    facts.title, facts.hiring_organization = header.title, header.company
    title = facts.title.value if facts.title else ""

    declared = _declared_header(meta, job)
    workplace, days = _safe((None, None), lambda: extract_workplace(text, declared))
    facts.workplace_type, facts.office_days = workplace, days
    facts.job_locations, facts.applicant_location_requirements = _safe(
        ([], []), lambda: extract_locations(text, meta, header.places)
    )
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
    return quote_containing(text, needle) or fallback


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
