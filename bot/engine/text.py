"""Small text helpers shared by retrieval, linking and the writers: one tokenizer, one sentence splitter.

One tokenizer for the BM25 index, the linker and sentence scoring, so a word means the same thing everywhere.
"""

from __future__ import annotations

import re
import unicodedata

# Words that carry no meaning for matching postings; question words and job-board filler included.
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being am do does did
    this that these those it its it's i me my we our us you your they them their he she his her
    what which who whom whose when where why how there here than then so such can could would should will
    shall may might must not no nor only own same too very just also any all some each every about into
    over under again further once more most other s t don doesn isn aren wasn weren hasn haven hadn won
    has have had having up down out off tell know want wants like get got please let lets hi hello hey
    anything something thing things one ones much many
    """.split()
)

_TOKEN_RE = re.compile(r"[^\W_]+(?:\+\+|#)?", re.UNICODE)
# Numbers people and postings write as words ("three days a week", "five weeks of holiday").
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "twenty": 20, "thirty": 30}
_MAX_CHARS = 4000  # questions are truncated to this for retrieval and matching


_401K = re.compile(r"\b401\s?\(\s?[kK]\s?\)")


def normalize(text: str) -> str:
    """NFKC, lowercase, curly quotes straightened; safe for any unicode (emoji, RTL)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _401K.sub("401k", text)  # "401(k)" in postings, "401k" in questions: one token
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def fold_accents(text: str) -> str:
    """"marés" -> "mares": people type names without their accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clip(text: str) -> str:
    return (text or "")[:_MAX_CHARS]


_NOT_PLURAL = frozenset({"news", "series", "species", "always", "perhaps", "sometimes", "physics", "economics", "analytics"})


def stem(token: str) -> str:
    """A very light plural stripper: "roles" -> "role", "benefits" -> "benefit", "companies" -> "company"."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")) and token not in _NOT_PLURAL:
        return token[:-1]
    return token


# Slack shorthand for words postings spell out ("how many yrs xp?", "which state mgmt libs?"): expanded in a
# question before its words are matched to a posting's sentences. Whole words only, never inside "co-working".
ABBREVIATIONS = {
    "yrs": "years", "yr": "year", "xp": "experience", "yoe": "years of experience", "eng": "engineer", "engs": "engineers",
    "mgmt": "management", "mgr": "manager", "libs": "libraries", "lib": "library", "grad": "graduate", "grads": "graduates",
    "fe": "frontend", "dev": "developer", "devs": "developers", "req": "requirement", "reqs": "requirements",
    "ppl": "people", "co": "company", "biz": "business", "wk": "week", "wks": "weeks", "hrs": "hours", "hr": "hour", "mo": "month",
    "mos": "months", "govt": "government", "intl": "international", "k8s": "kubernetes", "db": "database",
    "dbs": "databases", "infra": "infrastructure", "approx": "approximately", "w/": "with", "w/o": "without",
    "undergrad": "undergraduate", "undergrads": "undergraduates", "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
    "bday": "birthday", "b-day": "birthday",
}  # fmt: skip
_ABBREVIATION = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, sorted(ABBREVIATIONS, key=len, reverse=True))) + r")(?![\w/-])", re.I)


def expand_abbreviations(text: str) -> str:
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1).lower()], text or "")


def words(text: str) -> list[str]:
    """Lowercased word tokens, stopwords kept (the linker needs "go", "it")."""
    return _TOKEN_RE.findall(normalize(text))


def tokenize(text: str) -> list[str]:
    """Tokens for BM25 and overlap scoring: lowercase, stopwords dropped, lightly stemmed."""
    return [stem(t) for t in _TOKEN_RE.findall(normalize(text)) if t not in STOPWORDS]


# A line break ends a sentence, except inside hard-wrapped prose: a line ending in a lowercase word or comma whose
# next line starts in lowercase ("...appeals to you to\njobs@ondaviva.com") is one sentence.
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'“(\[A-Z0-9$€£*_-])|\n[ \t]*\n\s*|(?<![a-z,])[ \t]*\n\s*|[ \t]*\n\s*(?![a-z0-9(])|"
                         r"[ \t]*\n\s*(?=\d{1,2}[.)]\s)")  # "7. Interview with our VP\n8. Reference check": two list items


def sentences(text: str) -> list[str]:
    """Split passage text into sentences / list items, each an exact substring of ``text`` (stripped)."""
    text = text or ""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_SPLIT.finditer(text):
        end = m.start()
        # hard-wrapped prose: a long line cut mid-sentence ("...between\nUTC-1 and UTC+3.") goes on
        if _WRAPPED.search(text, max(start, end - 2), end) and end - start >= 60 and m.group(0).count("\n") == 1 \
                and not text[start:end].lstrip().startswith(("-", "*", "•")) and not _LIST_ITEM.match(text, m.end()):
            continue
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out: list[str] = []
    for a, b in spans:
        part = text[a:b].strip()
        if len(part) >= 3:
            out.append(part)
    return out


_WRAPPED = re.compile(r"[a-z,]\Z")
_LIST_ITEM = re.compile(r"\d{1,2}[.)]\s")


def clean_quote(sentence: str, limit: int = 300) -> str:
    """A sentence trimmed of list bullets and markdown emphasis, still a contiguous run of the original.

    Only leading/trailing characters are dropped (no ellipsis added), so the result stays a substring of the
    posting text and can be checked against it.
    """
    s = sentence.strip()
    s = re.sub(r"^(?:[-*•·]+|\d+[.)])\s+", "", s)
    s = s.strip(" *_`#>")
    if len(s) > limit:
        cut = s[:limit]
        space = cut.rfind(" ")
        s = cut[: space if space > limit // 2 else limit].rstrip(" ,;:")
    return s
