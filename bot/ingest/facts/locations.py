"""Job locations (places as written) and applicant location requirements (countries, regions, time zones).

Declared metadata first (JSON-LD jobLocation / applicantLocationRequirements, front matter ``location``, the
board's "🌎" line); otherwise phrases like "US only", "based in the EU", "within EU time zones",
"UTC-1 to UTC+3", "EMEA", "Eastern or Central time".
"""

from __future__ import annotations

import re
from typing import Any

from bot.models import Fact

from .text import clean_quote, quote_containing, sentences, sentences_with

_COUNTRIES = (
    "United States", "USA", "U.S.", "US", "Canada", "Mexico", "Brazil", "Argentina", "Colombia", "Chile", "Uruguay",
    "Peru", "United Kingdom", "UK", "U.K.", "Ireland", "Germany", "France", "Spain", "Portugal", "Italy",
    "Netherlands", "Belgium", "Switzerland", "Austria", "Poland", "Czechia", "Czech Republic", "Slovakia",
    "Lithuania", "Latvia", "Estonia", "Sweden", "Norway", "Denmark", "Finland", "Romania", "Bulgaria", "Greece",
    "Croatia", "Serbia", "Ukraine", "Hungary", "Israel", "Turkey", "India", "Pakistan", "China", "Japan",
    "Singapore", "Australia", "New Zealand", "South Africa", "Nigeria", "Kenya", "Egypt", "Philippines",
)  # fmt: skip
_REGIONS = (
    "EU", "European Union", "Europe", "EMEA", "APAC", "LATAM", "Latin America", "South America", "North America",
    "the Americas", "Americas", "Nordics", "DACH", "CET", "CEST", "GMT", "BST", "EST", "EDT", "CST", "PST", "PT",
    "ET", "MST",
)  # fmt: skip
_PLACE = "|".join(re.escape(p) for p in sorted(_COUNTRIES + _REGIONS, key=len, reverse=True))
_PLACE_RE = re.compile(r"(?<![\w.])(?:" + _PLACE + r")(?![\w])")
_TZ_RANGE = re.compile(r"\b(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::\d\d)?\s*(?:to|-|–|and)\s*(?:UTC|GMT)?\s?[+−-]\s?\d{1,2}(?::\d\d)?", re.I)
_TZ_WORDS = re.compile(
    r"\b(?:Eastern|Central|Mountain|Pacific)(?:\s+(?:or|and|/)\s+(?:Eastern|Central|Mountain|Pacific))*\s+(?:time|time zones?|hours)\b"
    r"|\b(?:EU|European|US|U\.S\.|CET|EST|PST|overlapping)\s+time\s?zones?\b|\btime\s?zones?\s+(?:between|from|within)\b[^.]{0,60}",
    re.I,
)
_REQUIREMENT = re.compile(
    r"\bonly\b|\bbased in\b|\bbased within\b|\blocated in\b|\bwithin\b|\bmust (?:be|live|reside)|\breside\b|"
    r"\bresidents? of\b|\beligible to work in\b|\bauthori[sz]ed to work in\b|\bremote\b|\bremotely\b|\bfrom\b|"
    r"\bliving in\b|\bcitizens?\b|\bright to work\b|\bauthori[sz]ation to work\b|\bentitled to work\b|\blive in\b",
    re.I,
)
_NOT_REQ = re.compile(r"\boffices? in\b|\bcustomers\b|\busers\b|\bteam(?:s)? (?:in|across)\b|\bheadquarter|\bfounded\b|\binvestors?\b", re.I)
# "You live in the Netherlands or are willing to move here": an offer, not a requirement (checked near the place)
_NOT_REQ_NEAR = re.compile(r"\bwilling to (?:move|relocate)\b|\brelocat", re.I)
_HEADER_MARK = re.compile(r"🌎\s*([^💰📍\n]+)|📍\s*([^|💰\n]+)")
_MARKS = re.compile(r"🌎|📍")
_LABEL = re.compile(r"^(?:Location|Job location|Based in|Office)\s*:\s*(.{2,120})$", re.I)
# prefilter for the per-sentence scan below (see text.sentences_with): a place, a zone, or an offset
# case-sensitive literal alternatives (no lookarounds) so the regex engine can skip ahead on first characters
_KEYWORDS = re.compile(_PLACE + r"|UTC|GMT|utc|gmt|[Tt]ime|TIME")
_ALIASES = {"USA": "United States", "U.S.": "United States", "US": "United States", "UK": "United Kingdom",
            "U.K.": "United Kingdom", "Czech Republic": "Czechia", "European Union": "EU", "the Americas": "Americas"}  # fmt: skip


def _norm(place: str) -> str:
    return _ALIASES.get(place, place)


def extract_locations(text: str, meta: dict[str, Any], header: list[Fact] | None = None) -> tuple[list[Fact], list[Fact]]:
    """(job_locations, applicant_location_requirements). ``header`` is the places the posting's header line
    shows (see header.read_header), used when nothing is declared."""
    job = meta.get("jsonld") if isinstance(meta.get("jsonld"), dict) else {}
    places: list[Fact] = []
    for place in _jsonld_places(job.get("jobLocation")):
        places.append(Fact(place, _quote(text, place) or f"jobLocation: {place}"))
    if not places and isinstance(meta.get("location"), str) and meta["location"].strip():
        loc = meta["location"].strip()
        places.append(Fact(loc, _quote(text, loc) or f"location: {loc}"))
    marked = _marked_places(text)
    if not places:
        places = marked or list(header or []) or _labelled_places(text)
    if all(re.fullmatch(r"\W*remote\b.*", p.value, re.I) for p in places):
        # a "Remote - US" header over "3 days per week in our San Francisco office": the office is a place too
        places += [o for o in _office_places(text) if not any(o.value.lower() in p.value.lower() for p in places)]

    required: list[Fact] = []
    seen: set[str] = set()

    def add(value: str, quote: str) -> None:
        if value and value not in seen:
            seen.add(value)
            required.append(Fact(value, clean_quote(quote)))

    for value in _jsonld_applicant(job.get("applicantLocationRequirements")):
        add(value, _quote(text, value) or f"applicantLocationRequirements: {value}")
    for fact in [*places, *marked]:
        if re.search(r"remote", fact.value, re.I):
            for pm in _PLACE_RE.finditer(fact.value):
                add(_norm(pm.group(0)), fact.quote)
    for s in sentences_with(text, _KEYWORDS):
        for m in _TZ_RANGE.finditer(s.text):
            add(m.group(0), s.text)
        for m in _TZ_WORDS.finditer(s.text):
            add(m.group(0).strip(), s.text)
        if _REQUIREMENT.search(s.text) and not _NOT_REQ.search(s.text) and len(s.text) < 400:
            for pm in _PLACE_RE.finditer(s.text):
                window = s.text[max(0, pm.start() - 40) : pm.end() + 25]
                if _REQUIREMENT.search(window) and not _NOT_REQ.search(window) and not _NOT_REQ_NEAR.search(window):
                    add(_norm(pm.group(0)), s.text)
    return places, required


def _marked_places(text: str) -> list[Fact]:
    """The job board's "🌎 ..." / "📍 ..." header, split at ";" ("Toronto, Canada; Remote, US; NYC")."""
    for s in sentences_with(text, _MARKS):
        if s.start > 1500:  # "📍 Berlin" lower down is a list of other jobs, not this one's header
            break
        m = _HEADER_MARK.search(s.text)
        if m:
            loc = (m.group(1) or m.group(2)).strip().strip("`* |")
            if re.match(r"remote\s*,", loc, re.I):  # the board's "remote,Remote (US or Canada)", "remote,Canada"
                rest = loc.split(",", 1)[1].strip()
                loc = rest if re.search(r"remote", rest, re.I) else f"Remote, {rest}"
            parts = [p.strip() for p in loc.split(";") if p.strip()]
            return [Fact(p, clean_quote(s.text)) for p in parts]
    return []


_OFFICE_PLACE = re.compile(
    r"\b(?:in|at|from|into|to) (?:our|the) ((?:[A-Z][\w'’.-]+)(?: [A-Z][\w'’.-]+){0,2}) (?:office|offices|HQ|headquarters|hub|studio|campus)\b"
)
_OFFICE_WORDS = re.compile(r"office|HQ|headquarters|hub|studio|campus", re.I)
_NOT_PLACE = frozenset({"Main", "Head", "Home", "Local", "Regional", "Global", "Central", "New", "Remote", "Company", "Engineering"})


def _office_places(text: str) -> list[Fact]:
    """Offices the prose names near the top ("in our San Francisco office", "at our Kaunas office")."""
    out: list[Fact] = []
    for s in sentences_with(text, _OFFICE_WORDS):
        if s.start > 4000:
            break
        for m in _OFFICE_PLACE.finditer(s.text):
            place = m.group(1)
            if place.split()[0] in _NOT_PLACE or any(o.value == place for o in out):
                continue
            out.append(Fact(place, clean_quote(s.text)))
    return out[:3]


def _labelled_places(text: str) -> list[Fact]:
    """A "Location: Remote - US only" line near the top."""
    for s in sentences(text)[:15]:
        m = _LABEL.match(s.text)
        if m and m.group(1).strip():
            return [Fact(m.group(1).strip(), clean_quote(s.text))]
    return []


# ISO 3166 codes JSON-LD writes in addressCountry, named as people ask for them ("anything in Germany?")
_COUNTRY_CODES = {"US": "United States", "USA": "United States", "GB": "United Kingdom", "UK": "United Kingdom",
                  "DE": "Germany", "FR": "France", "NL": "Netherlands", "ES": "Spain", "PT": "Portugal",
                  "IE": "Ireland", "IT": "Italy", "PL": "Poland", "CA": "Canada", "AU": "Australia",
                  "CH": "Switzerland", "AT": "Austria", "BE": "Belgium", "SE": "Sweden", "DK": "Denmark",
                  "NO": "Norway", "FI": "Finland", "CZ": "Czechia", "IN": "India", "BR": "Brazil", "MX": "Mexico",
                  "JP": "Japan", "SG": "Singapore", "IL": "Israel", "NZ": "New Zealand"}  # fmt: skip


def _jsonld_places(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
            continue
        if not isinstance(item, dict):
            continue
        addr = item.get("address", item)
        if isinstance(addr, str):
            out.append(addr)
        elif isinstance(addr, dict):
            parts = [addr.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
            country = addr.get("addressCountry")
            if isinstance(country, dict):
                parts[2] = country.get("name")
            elif isinstance(country, str):
                parts[2] = _COUNTRY_CODES.get(country.strip().upper(), country)
            text = ", ".join(str(p) for p in parts if p)
            if text:
                out.append(text)
    return out


def _jsonld_applicant(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and item.get("name"):
            out.append(str(item["name"]))
    return out


def _quote(text: str, needle: str) -> str | None:
    return quote_containing(text, needle.split(",")[0].strip())
