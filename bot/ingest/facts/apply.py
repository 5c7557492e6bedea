"""How to apply: a URL or a mailto: address. Obfuscated addresses ("name#domain.com") are left unknown."""

from __future__ import annotations

import re

from bot.models import Fact

from .text import clean_quote, quote_containing, sentences_with

_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_APPLY = re.compile(r"\bappl(?:y|ication|ications)\b|\bsend (?:your|us)\b|\bCV\b|\brésumé|\bresume\b|\bwrite\b|\bbewerb|\bpostuler|简历|\bjobs?\.|careers?", re.I)
# prefilter: _APPLY needs one of these
_APPLY_WORDS = re.compile(r"appl|send (?:your|us)|CV|résumé|resume|write|bewerb|postuler|简历|job|career", re.I)
_NOT_APPLY = re.compile(r"accommodation|privacy|unsubscribe|questions? or remarks|press|support@|benefits|handbook|blog", re.I)


def extract_apply(text: str, meta: dict) -> Fact | None:
    declared = meta.get("apply_url")
    if isinstance(declared, str) and declared.strip():
        return Fact(declared.strip(), _quote_for(text, declared.strip()) or f"apply_url: {declared.strip()}")
    for s in sentences_with(text, _APPLY_WORDS):
        if not _APPLY.search(s.text) or _NOT_APPLY.search(s.text):
            continue
        url = _URL.search(s.text)
        if url and re.search(r"appl|career|jobs?\b|greenhouse|lever|workable|ashby|recruitee|dub\.sh", url.group(0) + s.text, re.I):
            return Fact(url.group(0).rstrip(".,;"), clean_quote(s.text))
        mail = _EMAIL.search(s.text)
        if mail:
            return Fact(f"mailto:{mail.group(0)}", clean_quote(s.text))
    for link in meta.get("links") or []:
        if isinstance(link, str) and re.search(r"/apply\b|/apply/", link):
            return Fact(link, _quote_for(text, link) or f"link: {link}")
    return None


def _quote_for(text: str, needle: str) -> str | None:
    return quote_containing(text, needle)
