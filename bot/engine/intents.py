"""What a question asks about: a keyword/regex table, checked in order (first match wins).

A table rather than a model: it is predictable, testable and instant, and the writers only need a coarse label
to pick which structured fact to answer from.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .linking import _common_words
from .text import normalize

# Order matters: more specific asks first ("how many years" is seniority, not pay's "how much").
_TABLE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "apply",
        re.compile(r"\b(?:apply|applying|application|applications|how (?:do|can) i (?:get|send)|where do i send|recruiter|contact|hiring manager|careers page|write to|email|e-mail|reach out)\b"),
    ),
    (
        "seniority",
        re.compile(
            r"\b(?:how many (?:years|yrs)|(?:years|yrs) of (?:experience|exp)|(?:years|yrs)' experience|yrs (?:exp|experience)|yoe|how senior|seniority|what level|which level|"
            r"entry[- ]level|junior|(?:is|it) (?:a )?(?:senior|staff|principal|lead)\b|an? (?:senior|junior|staff|principal|lead|mid[- ]level) (?:position|role|job|gig)|level(?:l)?ed|experience (?:do|does|is|are) (?:they|required|needed|it)|"
            r"experience required|experience needed|how much experience|need (?:any )?experience|new grad|graduate)\b"
        ),
    ),
    (
        "pay",
        re.compile(
            r"(?:\b(?:pay|pays|paid|paying|salary|salaries|compensation|comp|wage|wages|earn|earning|money|how much|"
            r"rate|hourly|per hour|an hour|a day|day rate|base|range|ote|stipend for pay|remuneration|bonus|equity|stock|stocks|"
            r"stock options?|share options?|rsus?|esops?|"
            r"package|band|usd|eur|gbp|cad|aud|nzd|chf|pln|inr|sek|nok|dkk)\b|[$€£]\s?\d|\b\d+\s?k\b)"
        ),
    ),
    (
        "employment_type",
        re.compile(
            r"\b(?:full[- ]?time|part[- ]?time|contract|contractor|contracting|freelance|freelancer|intern|internship|"
            r"internships|apprenticeship|temporary|temp|permanent|employment type|w2|1099|b2b|fixed[- ]term|"
            r"employee or|as an employee)\b"
        ),
    ),
    (
        "benefits",
        re.compile(
            r"\b(?:benefit|benefits|perk|perks|pto|vacation|holiday|holidays|leave|parental|maternity|paternity|"
            r"insurance|health|dental|vision|401k|401\(k\)|pension|retirement|stipend|stipends|allowance|equipment|"
            r"learning budget|wellness|time off|sick)\b"
        ),
    ),
    (
        "workplace",
        re.compile(
            r"\b(?:remote|remotely|hybrid|on[- ]?site|in[- ]office|in the office|office|wfh|work from home|from home|"
            r"working from home|in[- ]person|distributed|days a week|days per week|commute|relocate from home|"
            r"come in|come into|go in|go into|how many days (?:do|must|should|would|will|a|per|in|on)|on-?prem)\b"
        ),
    ),
    (
        "location",
        re.compile(
            r"\b(?:where|location|located|locations|based|city|cities|country|countries|region|time ?zones?|"
            r"relocat\w*|visa|sponsorship|sponsor|work permit|eligible|from which|hire in|hiring in)\b"
        ),
    ),
    (
        "stack",
        re.compile(
            r"\b(?:stack|tech|technology|technologies|language|languages|framework|frameworks|tools|tooling|"
            r"library|libraries|database|databases|cloud|infrastructure|written in|use|uses|using|code in|coding|"
            r"programming|python|golang|go|rust|java|javascript|typescript|ruby|elixir|kotlin|swift|scala|"
            r"c\+\+|c#|\.net|php|react|node|kubernetes|aws|gcp|azure|sql|postgres\w*|kafka)\b"
        ),
    ),
)


# Words people misspell in Slack ("salery", "benifits", "hybird"): a typo of one of these is read as it.
_KEYWORDS = (
    "salary", "salaries", "compensation", "remote", "remotely", "hybrid", "onsite", "office", "benefits", "insurance",
    "vacation", "experience", "seniority", "location", "located", "sponsor", "sponsorship", "relocation", "relocate",
    "languages", "language", "technologies", "framework", "stack", "internship", "contract", "contractor",
    "freelance", "part-time", "full-time", "apply", "application", "pension", "parental", "remuneration",
)  # fmt: skip


def _fix_typos(text: str) -> str:
    """Replace a word that is no English word but is one edit-ish away from an intent keyword."""
    common = _common_words()
    out = []
    for tok in re.split(r"(\W+)", text):
        if len(tok) >= 5 and tok.isalpha() and tok not in common and tok not in _KEYWORDS:
            hit = process.extractOne(tok, _KEYWORDS, scorer=fuzz.ratio, score_cutoff=80)
            if hit:
                tok = hit[0]
        out.append(tok)
    return "".join(out)


def classify(question: str) -> str:
    """One of ``context.INTENTS``; "general" when nothing specific is asked."""
    text = _fix_typos(normalize(question)[:4000])
    if re.search(r"\b401\s?\(?k\)?", text):  # "401k" is a retirement benefit, not a "401k" salary
        return "benefits"
    if re.search(r"\b(?:benefits?|perks?) package\b", text):  # "package" alone is pay; a benefits package is not
        return "benefits"
    if re.search(r"\brelocation (?:package|assistance|support|help|budget|bonus|stipend)\b", text):
        return "location"  # help with moving is asked where the posting talks about moving, not in its pay
    if re.search(r"\b(?:can|could|may) (?:\w+ians?|\w+ans|\w+ese|people (?:from|in|outside)|someone (?:from|in|outside)|non-\w+|i|we) "
                 r"(?:apply|work|live|be based)(?: remotely| remote)? (?:from|in|outside)\b(?! (?:home|the office|an office|office)\b)"
                 r"|\b(?:can|could|may) \w+(?:ians?|ans|ese) apply\b", text):
        return "location"  # "can canadians apply?" asks where applicants may be
    benefits = dict(_TABLE)["benefits"]
    for intent, pattern in _TABLE:
        if pattern.search(text):
            if intent == "pay" and benefits.search(text) and not _STRONG_PAY.search(text):
                continue  # "how much pto?" asks about a benefit; "how much" alone is not pay
            return intent
    return "general"


_STRONG_PAY = re.compile(
    r"\b(?:pay|pays|paid|paying|salary|salaries|compensation|comp|wage|wages|earn|earning|money|rate|hourly|base|range|"
    r"band|ote|remuneration|bonus|equity)\b|[$€£]\s?\d|\b\d+\s?k\b"
)
