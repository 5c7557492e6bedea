"""date_posted / valid_through as ISO dates, from declared metadata first, then "Posted ..."/"apply by ..." text."""

from __future__ import annotations

import re
from datetime import date

from bot.models import Fact

from .text import clean_quote, sentences_with

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"])}  # fmt: skip
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(20\d\d)\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(20\d\d)\b")
_YEAR = re.compile(r"20\d\d")  # prefilter: every date form above has a 20xx year
_POSTED = re.compile(r"\bposted\b|\bpublished\b|\bdate posted\b|veröffentlicht|publié", re.I)
_CLOSES = re.compile(r"\bclos(?:es|ing)\b|\bdeadline\b|\bapply by\b|\bapplications? (?:close|by|until|due)\b|\bby\b|\buntil\b|\bbewerbungsschluss\b|\bvalid through\b", re.I)


def iso_date(value: object) -> str | None:
    """"2025-07-31T23:59:00+02:00" / "31 July 2025" / "July 31, 2025" -> "2025-07-31"."""
    if not isinstance(value, str):
        return None
    m = _ISO.search(value)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY.search(value)
    if m and m.group(2).lower() in _MONTHS:
        return _make(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _MDY.search(value)
    if m and m.group(1).lower() in _MONTHS:
        return _make(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    return None


_ANY_DATE = re.compile(f"{_ISO.pattern}|{_DMY.pattern}|{_MDY.pattern}")


def _dated_parts(sentence: str) -> list[tuple[str, str]]:
    """(the words before a date, the date as ISO) for each date of a sentence; one date keeps the whole sentence."""
    matches = [(m, iso_date(m.group(0))) for m in _ANY_DATE.finditer(sentence)]
    matches = [(m, v) for m, v in matches if v]
    if len(matches) <= 1:
        value = iso_date(sentence)
        return [(sentence, value)] if value else []
    out, start = [], 0
    for m, value in matches:
        out.append((sentence[start : m.end()], value))
        start = m.end()
    return out


def _make(y: int, mo: int, d: int) -> str | None:
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def extract_dates(text: str, meta: dict) -> tuple[Fact | None, Fact | None]:
    job = meta.get("jsonld") if isinstance(meta.get("jsonld"), dict) else {}
    posted = _declared(job.get("datePosted"), "datePosted") or _declared(meta.get("posted"), "posted")
    closes = _declared(job.get("validThrough"), "validThrough") or _declared(meta.get("closes"), "closes")
    for s in sentences_with(text, _YEAR):
        if posted is not None and closes is not None:
            break
        # "Posted 2025-05-26 | Apply by 2025-06-27": each date is read with the words between it and the one before
        for cue, value in _dated_parts(s.text):
            if posted is None and _POSTED.search(cue):
                posted = Fact(value, clean_quote(s.text))
            elif closes is None and _CLOSES.search(cue):
                closes = Fact(value, clean_quote(s.text))
    # a declared value keeps the sentence that states it, when there is one
    return _quoted(posted, text), _quoted(closes, text)


def _declared(value: object, name: str) -> Fact | None:
    iso = iso_date(value)
    return Fact(iso, f"{name}: {value}") if iso else None


def _quoted(fact: Fact | None, text: str) -> Fact | None:
    if fact is None or not fact.quote.split(": ", 1)[0] in ("datePosted", "validThrough", "posted", "closes"):
        return fact
    for s in sentences_with(text, _YEAR):
        if iso_date(s.text) == fact.value:
            return Fact(fact.value, clean_quote(s.text))
    return fact
