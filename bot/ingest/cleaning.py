"""Clean text shared by every format: one place decides what a posting's text looks like.

Format readers produce ``Line`` lists (text plus "this line is a heading" from the markup, "" for a paragraph
break); ``assemble`` cleans each line, drops obvious page chrome and returns the final text together with
the indices of the heading lines, so section detection can trust the markup instead of guessing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\f\v]+")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_STRAY_EMPHASIS = re.compile(r"(?:(?<=\s)|^)(?:\*{2,}|_{2,})(?=\s|$)")
_LINKEDIN_TAGS = re.compile(r"^(?:#LI-[A-Za-z0-9]+\**\s*)+$")

# Whole lines that are site furniture, not posting text (compared case-insensitively, exact line).
CHROME_LINES = frozenset(
    s.lower()
    for s in (
        "Back to jobs", "Back to all jobs", "← Back to jobs", "Apply now", "Apply Now »", "Apply for this job",
        "Apply for this position", "Click to apply", "CLICK TO APPLY", "Logo", "Company logo", "Share this job",
        "Save job", "Skip to main content", "Skip to content", "Start of main content", "Home", "Sign in",
        "Company reviews", "Find salaries", "Employers / Post Job", "1 new update", "WhatWhereFind Jobs",
        "Show morechevron down", "Report job", "Diesen Job melden", "Job melden", "Startseite",
        "Unternehmensbewertungen", "Gehälter finden", "Anmelden", "Arbeitgeber/Jobschaltung",
        "Beginn des Hauptinhalts", "WasWoJobs finden", "Print", "Share", "Tweet",
    )
)
# Headings after which a job board page has only its own links (Indeed's footer); everything from them on goes.
TRAILER_HEADINGS = frozenset(
    s.lower()
    for s in (
        "Company and salary information", "Career Guide articles", "Similar jobs nearby", "Similar jobs",
        "Fügen Sie Gehaltsangaben hinzu", "Karriere-Guide-Artikel", "Ähnliche Jobs in der Nähe",
    )
)


# Heading levels: 1-6 from <h1>-<h6> / markdown, BOLD_HEADING for a bold-only line, 0 for body text.
BOLD_HEADING = 7


@dataclass
class Line:
    text: str
    heading: int = 0


@dataclass
class Doc:
    """What a format reader hands back: lines (``Line("")`` is a paragraph break) and declared metadata."""

    lines: list[Line] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def decode_entities(text: str) -> str:
    """Decode ``&amp;``-style entities; only well-formed ones (with ';') so "AT&T" or "R&D" survive."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def clean_inline(text: str) -> str:
    """NFC, entities, zero-width and control characters out, whitespace runs folded to one space."""
    text = unicodedata.normalize("NFC", decode_entities(text))
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def clean_line(text: str) -> str:
    text = clean_inline(text)
    text = _STRAY_EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_chrome(line: str) -> bool:
    low = line.lower().strip()
    if low in CHROME_LINES or _LINKEDIN_TAGS.match(line):
        return True
    # "Acme logo" / "Logo" lines left by image alt texts; only when the whole line is short.
    return len(low) <= 40 and (low == "logo" or low.endswith(" logo")) and not low.endswith(". logo")


def assemble(lines: list[Line]) -> tuple[str, dict[int, int]]:
    """Clean lines into the posting text; returns it and ``{line index: heading level}`` for heading lines
    (indices into ``text.split("\\n")``)."""
    out: list[str] = []
    headings: dict[int, int] = {}
    for line in lines:
        cleaned = clean_line(line.text) if line.text else ""
        if not cleaned:
            if out and out[-1] != "":
                out.append("")
            continue
        if line.heading and cleaned.lower().rstrip(":") in TRAILER_HEADINGS:
            break
        if is_chrome(cleaned) or not cleaned.strip("*_#-=~`|> "):
            continue
        if line.heading:
            headings[len(out)] = line.heading
        out.append(cleaned)
    while out and out[-1] == "":
        out.pop()
    # Lines like "Diesen" left over from a chrome line the page wrapped in two, right before the trailer.
    while out and len(out[-1]) <= 12 and out[-1].lower() in {"diesen", "report"}:
        out.pop()
        while out and out[-1] == "":
            out.pop()
    headings = {i: level for i, level in headings.items() if i < len(out)}
    return "\n".join(out), headings
