"""Split a posting's clean text into ``Section``s named with the canonical ``SECTIONS``.

Headings come from the markup when there was any (markdown/HTML headings, bold-only lines: the indices the
loader passes in) and otherwise from the shape of a line (short, ends with ':' / Title Case / ALL CAPS) -- but a
guessed heading only counts when its words name a known section, so a short sentence never splits a section.
A paragraph that opens with a known label ("Why it matters: ...") starts a section too.
Each section's text is an exact slice of the posting text, heading line included.
"""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from collections.abc import Mapping

from ..models import SECTIONS, Section

# (phrase, section). The longest phrase found in a heading wins; ties go to the earlier row.
KEYWORDS: tuple[tuple[str, str], ...] = (
    # nice_to_have before requirements: "nice to have requirements" is nice to have
    ("nice to have", "nice_to_have"), ("nice-to-have", "nice_to_have"), ("bonus points", "nice_to_have"),
    ("bonus", "nice_to_have"), ("preferred", "nice_to_have"), ("preferred qualifications", "nice_to_have"),
    ("plus points", "nice_to_have"), ("pluspunkte", "nice_to_have"), ("would be great", "nice_to_have"),
    ("extra credit", "nice_to_have"), ("good to have", "nice_to_have"), ("even better", "nice_to_have"),
    ("besides salary", "benefits"), ("benefits pulled from", "benefits"), ("benefits", "benefits"), ("perks", "benefits"), ("what we offer", "benefits"),
    ("we offer", "benefits"), ("what you get", "benefits"), ("what you'll get", "benefits"), ("why join", "benefits"),
    ("in it for you", "benefits"), ("total rewards", "benefits"), ("wir bieten", "benefits"),
    ("was wir dir", "benefits"), ("was wir ihnen", "benefits"), ("what can you expect", "benefits"),
    ("what do you get", "benefits"), ("brings to the table", "benefits"), ("福利", "benefits"),
    ("compensation", "compensation"), ("salary", "compensation"), ("pay", "compensation"), ("rate", "compensation"),
    ("pay range", "compensation"), ("salary range", "compensation"), ("gehalt", "compensation"),
    ("vergütung", "compensation"), ("salary transparency", "compensation"), ("薪资", "compensation"),
    ("location", "location"), ("where", "location"), ("remote", "location"), ("where you'll work", "location"),
    ("working hours", "location"), ("working arrangements", "location"), ("working pattern", "location"),
    ("working from", "location"), ("hybrid", "location"), ("on-site", "location"), ("onsite", "location"),
    ("office", "location"), ("where you'll work", "location"), ("work model", "location"), ("time zone", "location"), ("timezone", "location"), ("arbeitsort", "location"),
    ("how to apply", "how_to_apply"), ("apply", "how_to_apply"), ("application process", "how_to_apply"),
    ("hiring process", "how_to_apply"), ("interview process", "how_to_apply"), ("next steps", "how_to_apply"),
    ("application journey", "how_to_apply"), ("bewerbung", "how_to_apply"),
    ("equal opportunity", "legal"), ("equal employment", "legal"), ("eeo", "legal"), ("privacy", "legal"),
    ("diversity", "legal"), ("inclusion", "legal"), ("accommodation", "legal"), ("data protection", "legal"),
    ("note to search firms", "legal"), ("recruiters", "legal"), ("agencies", "legal"), ("datenschutz", "legal"),
    ("about us", "about"), ("who we are", "about"), ("quick take", "about"), ("mission", "about"),
    ("about the company", "about"), ("about the team", "about"), ("the team", "about"), ("our team", "about"),
    ("your team", "about"), ("our story", "about"), ("why us", "about"), ("company", "about"), ("über uns", "about"),
    ("wer wir sind", "about"), ("what we do", "about"), ("what we build", "about"), ("about", "about"),
    ("the role", "role"), ("role", "role"), ("the opportunity", "role"), ("opportunity", "role"),
    ("position", "role"), ("overview", "role"), ("job description", "role"), ("description", "role"),
    ("stellenbeschreibung", "role"), ("why it matters", "role"), ("the job", "role"), ("summary", "role"),
    ("the challenge", "role"), ("challenges", "role"), ("the engagement", "role"), ("the project", "role"),
    ("what you'll do", "responsibilities"), ("what you will do", "responsibilities"),
    ("what you'll be doing", "responsibilities"), ("what will you be doing", "responsibilities"),
    ("responsibilities", "responsibilities"), ("responsible for", "responsibilities"),
    ("go deeper", "responsibilities"), ("duties", "responsibilities"), ("tasks", "responsibilities"),
    ("aufgaben", "responsibilities"), ("day to day", "responsibilities"), ("day-to-day", "responsibilities"),
    ("in this role", "responsibilities"), ("you will", "responsibilities"), ("you'll", "responsibilities"),
    ("first 90 days", "responsibilities"), ("job functions", "responsibilities"), ("accomplish", "responsibilities"),
    ("岗位职责", "responsibilities"), ("工作职责", "responsibilities"),
    ("requirements", "requirements"), ("required", "requirements"), ("qualifications", "requirements"),
    ("what we're looking for", "requirements"), ("what we are looking for", "requirements"),
    ("looking for", "requirements"), ("what we look for", "requirements"), ("skills", "requirements"),
    ("about you", "requirements"), ("who you are", "requirements"), ("the details", "requirements"),
    ("you have", "requirements"), ("you bring", "requirements"), ("you'll bring", "requirements"),
    ("what you bring", "requirements"), ("must have", "requirements"), ("experience", "requirements"),
    ("profile", "requirements"), ("profil", "requirements"), ("great fit", "requirements"),
    ("you should apply if", "requirements"), ("hear from you if", "requirements"), ("expect from you", "requirements"),
    ("tool-bag", "requirements"), ("what you need", "requirements"), ("what you've done", "requirements"), ("you need", "requirements"), ("anspruch", "requirements"), ("was du mitbringst", "requirements"),
    ("任职要求", "requirements"), ("岗位要求", "requirements"), ("tech stack", "requirements"),
    ("you'll be using", "requirements"), ("you will be using", "requirements"), ("what you'll use", "requirements"),
    ("tools and technologies", "requirements"), ("technologies", "requirements"),
)
assert all(name in SECTIONS for _, name in KEYWORDS)

_LABEL = re.compile(r"^([^\W\d_][^:\n]{1,48}?):[ \t]+\S")
_LIST_ITEM = re.compile(r"^(?:[-*•▪◦‣✅✔]|\d{1,2}[.)])\s")
_SUMMARY_FOLD_CHARS = 400
_GUESSED_LEVEL = 7
_OPENING_CHARS = 120
_LABEL_LEVEL = 8
_MONEY = re.compile(r"[$€£¥]\s?\d|\d\s?[kK]?\s?[€$£]|\b(?:USD|EUR|GBP|CAD|PLN)\s?\d|\d[\d,.]*\s?(?:USD|EUR|GBP|CAD|PLN)\b")
_VERBS = frozenset({"is", "are", "was", "were", "will", "be", "can", "must", "should", "has", "have"})


def _normalise(heading: str) -> str:
    text = unicodedata.normalize("NFKC", heading).lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w\s'&/-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# One compiled pattern per keyword, built once (this runs for every candidate line of every posting).
_KEYWORD_PATTERNS = tuple(
    (re.compile(rf"(?<![\w'-]){re.escape(phrase)}(?![\w'-])"), phrase, name) for phrase, name in KEYWORDS
)


@lru_cache(maxsize=4096)
def canonical(heading: str) -> str | None:
    """The canonical section a heading names, or None when no keyword matches."""
    text = _normalise(heading)
    if not text:
        return None
    best: tuple[int, int, str] | None = None
    for order, (pattern, phrase, name) in enumerate(_KEYWORD_PATTERNS):
        if (phrase in text and pattern.search(text)) or (not phrase.isascii() and phrase in text):
            key = (len(phrase), -order, name)
            if best is None or key > best:
                best = key
    return best[2] if best else None


def _looks_like_heading(line: str) -> bool:
    """Shape only: a short line that could be a heading in plain text or a PDF."""
    bare = line.strip().strip("*_#").strip()
    if not bare or len(bare) > 80 or _LIST_ITEM.match(line) or bare[-1] in ".,;!" or "|" in bare:
        return False
    first = next((c for c in bare if c.isalpha()), "")
    if first and first.islower():  # a wrapped sentence's second line ("of salary:")
        return False
    words = bare.rstrip(":?").split()
    if not words or len(words) > 10:
        return False
    if bare.endswith((":", "?")):
        return True
    letters = [c for c in bare if c.isalpha()]
    if letters and all(c.isupper() for c in letters if c.isascii()) and len(letters) >= 3:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= 4 or capitalised >= max(1, len(words) - 2)


def split_sections(text: str, heading_levels: Mapping[int, int] | None = None) -> list[Section]:
    """Sections of ``text``; ``heading_levels`` maps indices of lines the markup marked as headings to their
    level (1-6 for h1-h6, 7 for a bold-only line)."""
    marked = dict(heading_levels or {})
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    # Guessed headings never fire in the opening block (the title / company / location lines): that block
    # ends at the first blank line, or after _OPENING_CHARS when the text has no blank lines (PDFs).
    first_break = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    first_break = min(first_break, next((i for i, o in enumerate(offsets) if o >= _OPENING_CHARS), len(lines)))

    def level(i: int) -> int:
        """Heading level of line ``i``, 0 when it is body text."""
        if _MONEY.search(lines[i]):
            return 0  # "💰 $155,000 - $190,000" / "**$128,000 + bonus**" are facts, not headings
        if i in marked:
            return marked[i]
        guessed = (i >= first_break and _looks_like_heading(lines[i]) and canonical(lines[i]) is not None
                   and _next_nonblank(lines, i) is not None)
        return _GUESSED_LEVEL if guessed else 0

    starts: list[tuple[int, str, str, int]] = [(0, "summary", "", 0)]  # (line, name, heading, level)
    seen_body = False
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        _, current, _, current_level = starts[-1]
        heading = line.strip()
        lvl = level(i)
        if lvl:
            name = canonical(heading)
            if current == "summary" and not seen_body:
                next_i = _next_nonblank(lines, i)
                # The title / company / location block at the top of a page stays the summary.
                if (next_i is not None and level(next_i)) or name in (None, "location", "compensation"):
                    continue
            if name is None:
                if current == "summary":
                    if offsets[i] < _SUMMARY_FOLD_CHARS:
                        continue
                elif lvl > current_level or lvl == _GUESSED_LEVEL:
                    continue  # an unknown sub-heading stays in its parent section
                name = "other"
            starts.append((i, name, heading.strip("*_#: ").strip() or heading, lvl))
            continue
        label = _LABEL.match(line)
        if label and not _LIST_ITEM.match(line) and _is_label(label.group(1)):
            name = canonical(label.group(1))
            if name is not None and name != current:
                starts.append((i, name, label.group(1).strip("*_ "), _LABEL_LEVEL))
        seen_body = True

    sections: list[Section] = []
    for n, (start, name, heading, _) in enumerate(starts):
        end = offsets[starts[n + 1][0]] if n + 1 < len(starts) else len(text)
        body = text[offsets[start]:end].strip()
        if body:
            sections.append(Section(name=name, heading=heading, text=body))
    return sections


def _is_label(text: str) -> bool:
    """"Why it matters" or "Salary range" -- not "This position is on-site" (a sentence with a colon)."""
    words = text.strip("*_ ").split()
    return 0 < len(words) <= 5 and words[0][:1].isupper() and not (_VERBS & {w.lower() for w in words})


def _next_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            return j
    return None

