"""Seniority (from the title) and the minimum years of experience asked for."""

from __future__ import annotations

import re

from bot.models import Fact

from .text import clean_quote, sentences_with

# most specific first: "Sr. Lead" is lead, "Engineering Manager" is manager, "Staff" beats "Senior"
_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("intern", re.compile(r"\bintern(?:ship)?\b|\bapprentice(?:ship)?\b|\bpraktikant|\bwerkstudent", re.I)),
    ("director", re.compile(r"\bdirector\b|\bhead of\b|\bVP\b|\bvice president\b", re.I)),
    ("manager", re.compile(r"\bmanager\b|\bengineering manager\b", re.I)),
    ("principal", re.compile(r"\bprincipal\b|\bdistinguished\b", re.I)),
    ("staff", re.compile(r"\bstaff\b", re.I)),
    ("lead", re.compile(r"\blead\b|\btech lead\b|\bteam lead\b", re.I)),
    ("senior", re.compile(r"\bsenior\b|\bsr\.?(?=\s|$)|\bsnr\b|\bIII\b", re.I)),
    ("junior", re.compile(r"\bjunior\b|\bjr\.?(?=\s|$)|\bentry[- ]level\b|\bgraduate\b|\bnew grad\b", re.I)),
    ("mid", re.compile(r"\bmid[- ]?(?:level|senior)?\b|\bintermediate\b|\bmedior\b", re.I)),
)


def extract_seniority(title: str) -> Fact | None:
    for level, rx in _LEVELS:
        if rx.search(title):
            return Fact(level, title)
    return None


_NUM = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "twelve": 12, "fifteen": 15}  # fmt: skip
_YEARS = re.compile(
    r"(?:at least|minimum(?: of)?|min\.?|over|more than|>)?\s*\b" + _NUM + r"\s*(?:\+|plus)?\s*"
    r"(?:(?:-|–|—|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?|jahre?n?|ans|年)\b(?:\s*\+)?",
    re.I,
)
_EXPERIENCE = re.compile(r"experience|erfahrung|expérience|track record|background|working|building|in industry|经验|professional", re.I)
_NOT_ASK = re.compile(r"\b(?:we have|we've|our team|founded|company|in business|since|ago|old|age|warranty|vesting|for \d+ years)\b", re.I)


_YEAR_WORDS = re.compile(r"year|yr|jahr|ans|年", re.I)  # prefilter: _YEARS needs one of these


def extract_experience_years(text: str) -> Fact | None:
    """The first "N+ years (of) ... experience" ask, as an int (the lower bound of a range)."""
    for s in sentences_with(text, _YEAR_WORDS):
        if _NOT_ASK.search(s.text):
            continue
        for m in _YEARS.finditer(s.text):
            tail = s.text[m.end() : m.end() + 80]
            head = s.text[max(0, m.start() - 40) : m.start()]
            if not (_EXPERIENCE.search(tail) or _EXPERIENCE.search(head)):
                continue
            word = m.group(1).lower()
            years = _WORDS.get(word) or int(word)
            if 1 <= years <= 20:  # "23+ years of experience, OpenTable ..." is the company's history, not an ask
                return Fact(years, clean_quote(s.text))
    return None
