"""Title, hiring organization and the header's location, read off the top of a posting.

Declared metadata (JSON-LD, front matter) wins; otherwise the first lines are matched against the layouts postings
really use: a job board's title line then company line ("# [Title](url)" / "### Company" once cleaned), an Indeed
page ("Title - Place - Indeed.com", then the title again and the company under it), a Hacker News comment
("Company | Role | Location | ..."), a byline under the title ("Company · City · Hybrid", "Company - City (Hybrid)"),
a company name in capitals above the title, "Title - Company" with the company on a line of its own. A company
named nowhere in the text falls back to the corpus file name ("NNN_company-slug_title.md"), never a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from bot.models import Fact

from .text import clean_quote, quote_containing

_ROLE = re.compile(
    r"\b(?:engineer(?:ing)?|developer|development|programmer|architect|lead|manager|scientist|designer|intern(?:ship)?|"
    r"analyst|consultant|administrator|specialist|director|head of|cto|sre|devops|apprentice(?:ship)?|roles?|"
    r"entwickler\w*|développeur\w*|ingénieur\w*)\b|工程师|开发",
    re.I,
)
_STRONG_SEP = re.compile(r"\s*\|\s*|\s+·\s+|\s+—\s+")
_WEAK_SEP = re.compile(r"\s+[-–]\s+")
_JUNK = re.compile(
    r"^(?:was|wo|home|jobs? finden|startseite|sign in|anmelden|login|menu|skip to|apply|share|save|posted|"
    r"opportunity|job description|description|about the (?:job|role)|overview|summary|hire with us)\b|"
    r"indeed|expired|abgelaufen|job opportunity|stellenanzeige|cookies?\b|@|https?://|[💰🌎📍]",
    re.I,
)
_WORKPLACE_WORD = re.compile(r"^\(?(?:remote|hybrid|on-?site|in[- ]office|full[- ]?time|part[- ]?time|contract)\)?$", re.I)
_PLACE_HINT = re.compile(
    r"\bremote\b|\b[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+)*,\s*(?:[A-Z]{2}\b|[A-Z][a-zà-ÿ]+)|\b\d{5}\b|"
    r"\b(?:NYC|SF|London|Berlin|Paris|Amsterdam|Toronto|Dublin|Munich|München|Lisbon|Madrid|Barcelona|Warsaw|"
    r"Prague|Vienna|Zurich|Stockholm|Copenhagen|Oslo|Helsinki|Singapore|Sydney|Melbourne|Tokyo|Seattle|Boston|"
    r"Austin|Chicago|Denver|Atlanta|Vancouver|Montreal|Bangalore|Shenzhen|Beijing|Shanghai|New York|"
    r"San Francisco|Los Angeles|Bay Area|Remote|Europe|EMEA|USA?|UK|Canada|Germany|France|Spain|Netherlands|"
    r"Portugal|Poland|Ireland|Brazil|India|Australia|Worldwide|Anywhere|Global)\b"
)
_NOT_PLACE = re.compile(r"\$|€|£|\d+\s*[kK]\b|equity|salary|full[- ]?time|part[- ]?time|contract|intern|stars|reviews|hours", re.I)
_INDEED_TAIL = re.compile(r"\s+-\s+Indeed\.com$")
_REQ_NUMBER = re.compile(r"^\d{2,6}\s+-\s+")
_ABOUT = re.compile(r"^About (?:us at |the company:? )?([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s*$")
_HIRING = re.compile(
    r"\b(?:is|are) (?:hiring|looking for|seeking) (?:an? |our (?:first |next )?)?(?:[a-z-]+ )?"
    r"((?:(?:Senior|Sr\.?|Staff|Principal|Lead|Junior|Founding|Full[- ]?[Ss]tack|Backend|Frontend|Software|Data|"
    r"Platform|Mobile|Machine Learning|ML|DevOps|Product|Site Reliability)\s+)+(?:Engineer|Developer))\b"
)
_CJK_TITLE = re.compile(r"招聘\s*([\u4e00-\u9fffA-Za-z]+?(?:工程师|开发|设计师|经理))")
_SLUG_WORDS = {"senior", "junior", "staff", "lead", "principal", "software", "engineer", "developer", "backend",
               "frontend", "remote", "job", "jobs", "posting", "careers", "career", "the", "and", "full", "part"}  # fmt: skip


@dataclass
class Header:
    title: Fact | None = None
    company: Fact | None = None
    places: list[Fact] = field(default_factory=list)  # locations as the header shows them


@dataclass(frozen=True)
class _Line:
    text: str
    start: int


def _lines(text: str, limit: int = 40) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            out.append(_Line(stripped, pos + raw.index(stripped[0])))
            if len(out) >= limit:
                break
        pos += len(raw) + 1
    return out


def _title_like(s: str) -> bool:
    return 3 <= len(s) <= 120 and bool(_ROLE.search(s)) and not _JUNK.search(s) and not s.endswith((".", ":", ","))


def _company_like(s: str) -> bool:
    if not (2 <= len(s) <= 60) or _JUNK.search(s) or s.startswith(("-", "*", "•", "#")):
        return False
    if _ROLE.search(s) or _WORKPLACE_WORD.match(s):
        return False
    if s.endswith((".", ":", ",")) and not re.search(r"\b(?:inc|ltd|llc|b\.v|co|corp|s\.a)\.$", s, re.I):
        return False
    if re.fullmatch(r"[\d\s.,/%$€£+-]+", s) or len(s.split()) > 6:
        return False
    return bool(re.match(r"[\w\"'(]", s))


def _place_like(s: str) -> bool:
    return bool(_PLACE_HINT.search(s)) and not _NOT_PLACE.search(s) and len(s) <= 120


def _clean_place(s: str) -> str:
    """"New York, NY (hybrid)" -> "New York, NY"; "Remote (Europe)" stays."""
    s = re.sub(r"\s*\((?:hybrid|on-?site|in[- ]office|remote|full[- ]?time)\)\s*$", "", s.strip(), flags=re.I)
    return s.strip(" `*|-·")


def _clean_company(s: str) -> str:
    s = re.sub(r"https?://\S+", " ", s)
    s = re.sub(r"\s*\([^)]*\)", " ", s)
    s = re.split(r"\s+[-–—]\s+|:\s", s)[0]
    return re.sub(r"\s+", " ", s).strip(" -–—|·*")


def _fact(value: str, quote: str) -> Fact | None:
    value = re.sub(r"\s+", " ", value).strip()
    return Fact(value, clean_quote(quote)) if value else None


def read_header(text: str, meta: dict[str, Any], job: dict[str, Any], source: str = "") -> Header:
    header = _from_layout(_lines(text))
    declared_title = _declared_title(meta, job)
    if declared_title:
        header.title = Fact(declared_title, quote_containing(text, declared_title) or f"title: {declared_title}")
    declared_company = _declared_company(meta, job)
    if declared_company:
        header.company = Fact(
            declared_company, quote_containing(text, declared_company) or f"hiringOrganization: {declared_company}"
        )
    if header.title is not None:
        header.title = Fact(_REQ_NUMBER.sub("", header.title.value), header.title.quote)
    if header.company is None:
        header.company = _about_company(text) or _company_from_source(text, source)
    if header.company is not None and header.company.value.isupper() and len(header.company.value) > 4:
        m = re.search(re.escape(header.company.value), text, re.I)
        while m is not None and m.group(0).isupper():
            m = re.compile(re.escape(header.company.value), re.I).search(text, m.end())
        if m is not None:
            header.company = Fact(m.group(0), quote_containing(text, m.group(0)) or header.company.quote)
    return header


def _declared_title(meta: dict[str, Any], job: dict[str, Any]) -> str | None:
    for value in (job.get("title"), meta.get("title")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _declared_company(meta: dict[str, Any], job: dict[str, Any]) -> str | None:
    org = job.get("hiringOrganization")
    name = org.get("name") if isinstance(org, dict) else org if isinstance(org, str) else None
    name = name or meta.get("company")
    return name.strip() if isinstance(name, str) and name.strip() else None


def _from_layout(lines: list[_Line]) -> Header:
    h = Header()
    if not lines:
        return h
    first = lines[0].text
    if _INDEED_TAIL.search(first):
        return _indeed(lines)
    fields = [f for f in _STRONG_SEP.split(first) if f.strip()]
    if len(fields) >= 2:
        return _byline_first(lines, fields)
    if _CJK_TITLE.search(first):
        m = _CJK_TITLE.search(first)
        assert m is not None
        h.title = _fact(m.group(1), first)
        return h
    second = lines[1].text if len(lines) > 1 else ""
    if _title_like(first):
        h.title = _fact(first, first)
        fields2 = [f for f in _STRONG_SEP.split(second) if f.strip()]
        if len(fields2) < 2:
            weak = _WEAK_SEP.split(second, maxsplit=1)
            if len(weak) == 2 and _place_like(weak[1]):
                fields2 = weak
        third = lines[2].text if len(lines) > 2 else ""
        if " - " in first and _title_company(lines, h):
            return h
        if re.match(r"[💰🌎📍]", third) and second and not _JUNK.search(second) and len(second) <= 60:
            h.company = _fact(second, second)  # job board: title, company, "🌎 Remote" badge line
        elif len(fields2) >= 2 and _company_like(_clean_company(fields2[0])):
            h.company = _fact(_clean_company(fields2[0]), second)
            h.places = [f for f in (_fact(_clean_place(x), second) for x in fields2[1:] if _place_like(x)) if f]
        elif second and _company_like(second.lstrip("- ")) and not _place_like(second):
            h.company = _fact(second.lstrip("- "), second)
            third = lines[2].text if len(lines) > 2 else ""
            if _place_like(third) and len(third) <= 60:
                h.places = [f for f in [_fact(_clean_place(third), third)] if f]
        if h.places == [] and second.startswith("- "):  # "- Company" / "- City, Country (Hybrid)" bullets
            third = lines[2].text if len(lines) > 2 else ""
            if third.startswith("- ") and _place_like(third[2:]):
                h.places = [f for f in [_fact(_clean_place(third[2:]), third)] if f]
        return h
    # a company name in capitals above the title
    if first.isupper() and _company_like(first) and _title_like(second):
        h.title = _fact(second, second)
        h.company = _fact(first, first)
        return h
    return h


def _title_company(lines: list[_Line], h: Header) -> bool:
    """"Title - Company" on the first line, the company and the title again on lines of their own below."""
    first = lines[0].text
    left, _, right = first.rpartition(" - ")
    texts = [line.text for line in lines[1:]]
    if right not in texts or left not in texts or not _company_like(right):
        return False
    h.title, h.company = _fact(left, first), _fact(right, right)
    after = texts.index(left, texts.index(right)) if left in texts[texts.index(right) :] else texts.index(left)
    for line in texts[after + 1 : after + 5]:
        if re.search(r"[A-Z][\w. ]+,\s*[A-Z]", line) and _place_like(line):
            h.places = [f for f in [_fact(line, line)] if f]
            break
    return True


def _byline_first(lines: list[_Line], fields: list[str]) -> Header:
    """"Company | Role | Place | ..." (Hacker News) or "Title — Company" on the first line."""
    h = Header()
    first = lines[0].text
    head = _clean_company(fields[0])
    if _title_like(fields[0]) and len(fields) == 2 and _company_like(fields[1]):
        h.title, h.company = _fact(fields[0], first), _fact(fields[1], first)
        return h
    if _company_like(head):
        h.company = _fact(head, first)
    for f in fields[1:]:
        if h.title is None and _title_like(f) and not _NOT_PLACE.search(f.replace("Full-time", "")):
            h.title = _fact(f.strip(), first)
        elif _place_like(f) and not re.search(r"https?://", f):
            place = _fact(_clean_place(f), first)
            if place:
                h.places.append(place)
    if h.title is None:  # "-- Founding Frontend Engineer" lines under the header
        roles = [line.text.lstrip("-–— ").strip() for line in lines[1:6] if re.match(r"^(?:--|—|–)\s*\S", line.text)]
        roles = [r for r in roles if _title_like(r)]
        if roles:
            h.title = _fact(" / ".join(roles), lines[1].text)
    if h.title is None:
        for line in lines[1:4]:
            m = _HIRING.search(line.text)
            if m:
                h.title = _fact(m.group(1), line.text)
                break
    return h


def _indeed(lines: list[_Line]) -> Header:
    """Indeed: "Title - Place - Indeed.com", banners, the title on its own line, then the company and place."""
    h = Header()
    full = _INDEED_TAIL.sub("", lines[0].text)
    parts = full.split(" - ")
    candidates = [" - ".join(parts[:n]) for n in range(len(parts), 0, -1)]
    for i, line in enumerate(lines[1:], start=1):
        if line.text in candidates:
            h.title = _fact(line.text, line.text)
            rest = [x.text for x in lines[i + 1 : i + 8] if not re.search(r"out of 5 stars|^\d[\d.,]*$|reviews?$", x.text)]
            if rest and _company_like(rest[0]):
                h.company = _fact(rest[0], rest[0])
                if len(rest) > 1 and re.search(r"[A-Z][\w. ]+,\s*[A-Z]{2}\b|\b\d{5}\b", rest[1]) and not _NOT_PLACE.search(rest[1]):
                    h.places = [f for f in [_fact(rest[1], rest[1])] if f]
            break
    if h.title is None:
        h.title = _fact(parts[0], lines[0].text)
    rest = full[len(h.title.value) :].strip(" -") if h.title and full.startswith(h.title.value) else ""
    if not h.places and rest and _place_like(rest):
        h.places = [f for f in [_fact(rest, lines[0].text)] if f]
    return h


def _about_company(text: str) -> Fact | None:
    for line in _lines(text, 60):
        m = _ABOUT.match(line.text)
        if m and _company_like(m.group(1)) and m.group(1).lower() not in ("us", "you", "the", "our"):
            return _fact(m.group(1), line.text)
    return None


def _company_from_source(text: str, source: str) -> Fact | None:
    """Last resort: the company slug of a corpus file name ("048_inlang_sdk-lead.md"), spelled as the text
    spells it when the text uses it, else title-cased from the slug."""
    m = re.match(r"^\d+_([a-z0-9-]+)_", PurePath(source).name)
    if not m:
        return None
    slug = m.group(1)
    if slug in _SLUG_WORDS:
        return None
    pattern = re.compile(r"(?<![\w-])" + r"[\s-]?".join(re.escape(w) for w in slug.split("-")) + r"(?![\w])", re.I)
    for found in pattern.finditer(text):
        around = text[max(0, found.start() - 1) : found.end() + 1]
        if not re.search(r"[./@:]", around):  # as a word, not inside a URL or an address
            return _fact(found.group(0), quote_containing(text, found.group(0)) or found.group(0))
    name = " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in slug.split("-"))
    return Fact(name, f"file name: {PurePath(source).name}")
