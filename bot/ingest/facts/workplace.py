"""Remote / hybrid / onsite, and the office days of a hybrid role.

Job boards put "🌎 Remote" on nearly everything, so the posting's own words win over the board header:
a role-level "hybrid, 3 days a week in our office" beats a "Remote" badge, an offer of remote *or* an office is
remote, and asides ("if you live in London we have a hybrid approach", "a bonus for employees who commit to
3 office days") are not the role's policy.
"""

from __future__ import annotations

import re

from bot.models import Fact

from .text import Sentence, clean_quote, sentences, sentences_with

_N = r"(\d|one|two|three|four|five)"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_PLACE = r"(?:office|offices|on-?site|in[- ]person|hq|headquarters|studio|campus)"
_OFFICE_DAYS = (
    re.compile(_N + r"\s*\+?\s*days?\s*(?:a|per|each|every|/|in\s+a)\s*week\b(?:(?!remote)[^.]){0,60}?\b" + _PLACE, re.I),
    re.compile(r"\b" + _PLACE + r"\b\W{0,3}(?:(?!remote)[^.]){0,50}?\b" + _N + r"\s*days?\b", re.I),
    re.compile(r"\b" + _N + r"\s*days?\s*(?:(?:a|per)\s+week\s+)?(?:on-?site|in[- ]office|in\s+the\s+office|in\s+office|in[- ]person)", re.I),
)  # fmt: skip
_HYBRID = re.compile(r"\bhybrid\b|混合办公", re.I)
_REMOTE = re.compile(
    r"\bremote(?:ly)?\b(?!\s*(?:-\s*)?first)|\bwork(?:ing)?[- ]from[- ]home\b(?![- ](?:stipend|setup|set-up|allowance|budget|equipment))"
    r"|\bhomeoffice\b|\bhome-office-möglichkeit|télétravail|"
    r"\bdistributed working\b|\bfully distributed\b|远程",
    re.I,
)
_NOT_REMOTE = re.compile(
    r"\bnot\s+(?:a\s+)?(?:position|role|job)?\s*(?:for\s+)?(?:working\s+)?remote(?:ly)?\b|\bno\s+remote\b|"
    r"\bnon-?remote\b|非远程|不支持远程|kein(?:e)?\s+(?:remote|homeoffice)|\bnot\s+remote\b|\bremote\s+(?:is\s+)?not\s+(?:possible|available|an option)",
    re.I,
)
_ONSITE = re.compile(
    r"\bon-?site\b|\bin-office\b|\boffice-based\b|\bin the office (?:full[- ]time|every day|five days)|"
    r"\bvor ort\b|\bprésentiel\b|现场办公|坐班",
    re.I,
)
_WEAK_ONSITE = re.compile(r"poste situé|job location\s*[-:]|arbeitsort", re.I)
# asides that are not the role's own policy
_ASIDE = re.compile(
    r"\bif you(?:'re| are| live)\b|\bbonus\b|\bcommit to\b|\bencourage\b|\bfully flexible\b|\boptional\b|"
    r"\bif you want\b|\bwelcome to\b|\bteams? across\b|\bcustomers?\b|\bcross-functional\b|\bmultiple time zones\b",
    re.I,
)
_REMOTE_OR_HYBRID = re.compile(r"remote(?:ly)?\b[^.]{0,60}\bor\b[^.]{0,40}hybrid|hybrid[^.]{0,40}\bor\b[^.]{0,40}remote", re.I)
_HEADER_MARK = re.compile(r"🌎|📍")
# a sentence none of the patterns above can match lacks all of these words (see text.sentences_with)
_KEYWORDS = re.compile(
    r"day|remote|hybrid|home|office|on-?site|distributed|télétravail|vor ort|présentiel|poste situ|job location|"
    r"arbeitsort|远程|混合|现场|坐班|🌎|📍",
    re.I,
)


def _days(m: re.Match[str]) -> int:
    word = next(g for g in m.groups() if g).lower()
    return _WORDS.get(word) or int(word)


def office_days_in(text: str) -> tuple[int, str] | None:
    """The first "N days a week in the office" statement that is the role's policy."""
    return _office_days(sentences_with(text, _KEYWORDS))


def _office_days(sents: tuple[Sentence, ...] | list[Sentence]) -> tuple[int, str] | None:
    for s in sents:
        if _ASIDE.search(s.text):
            continue
        for rx in _OFFICE_DAYS:
            m = rx.search(s.text)
            if m:
                days = _days(m)
                if 1 <= days <= 5:
                    return days, s.text
    return None


def extract_workplace(text: str, header: str = "") -> tuple[Fact | None, Fact | None]:
    """(workplace_type, office_days). ``header`` is declared location text (front matter, JSON-LD
    "jobLocationType: TELECOMMUTE") that counts like the board's "🌎" line."""
    body: list[Sentence] = []
    header_remote: str | None = None
    for s in sentences_with(text, _KEYWORDS):
        if _HEADER_MARK.search(s.text):
            if _REMOTE.search(s.text) and header_remote is None:
                header_remote = s.text
        else:
            body.append(s)
    if header and _REMOTE.search(header) and header_remote is None:
        header_remote = next((s.text for s in sentences(text) if s.text in header or header in s.text), None)
        header_remote = header_remote or f"location: {header}"

    days = _office_days(body)
    if days is not None:
        n, quote = days
        if _REMOTE_OR_HYBRID.search(quote):
            return Fact("remote", clean_quote(quote)), None
        if n >= 5:
            return Fact("onsite", clean_quote(quote)), None
        return Fact("hybrid", clean_quote(quote)), Fact(n, clean_quote(quote))

    for s in body:
        if _NOT_REMOTE.search(s.text):
            return Fact("onsite", clean_quote(s.text)), None

    for s in body:
        if _HYBRID.search(s.text) and not _ASIDE.search(s.text) and not s.text.lstrip().startswith("#LI-"):
            if _REMOTE_OR_HYBRID.search(s.text):
                return Fact("remote", clean_quote(s.text)), None
            return Fact("hybrid", clean_quote(s.text)), None

    body_remote = next((s for s in body if _REMOTE.search(s.text) and not _NOT_REMOTE.search(s.text)), None)
    onsite = next((s for s in body if _ONSITE.search(s.text) and not _ASIDE.search(s.text)), None)
    if onsite is not None and body_remote is None:
        return Fact("onsite", clean_quote(onsite.text)), None
    if body_remote is not None:
        return Fact("remote", clean_quote(body_remote.text)), None
    if header_remote is not None:
        if any(_WEAK_ONSITE.search(s.text) for s in body):
            return None, None  # the badge says remote, the posting names a place of work: can't tell
        return Fact("remote", clean_quote(header_remote)), None
    return None, None
