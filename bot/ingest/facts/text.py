"""Sentence spans over a posting's clean text, so every fact can quote the sentence it came from.

Every extractor walks the same sentences, so they are computed once per text and shared (a small cache keyed
on the text itself): an ingest calls ``extract_facts`` on one posting at a time, and each extractor asking
again costs a dictionary lookup instead of a regex pass over the whole posting.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_BREAK = re.compile(r"\n|<p>|(?<=[.!?。！？])\s+(?=[A-Z¡¿*_\[(\"“#0-9])|(?<=[。！？；])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # exactly text[start:end], stripped of surrounding whitespace


def sentences(text: str) -> tuple[Sentence, ...]:
    """Lines and sentences of ``text`` with their spans, in order; blank ones are skipped."""
    return _sentences(text)


@lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    pos = 0
    for m in _BREAK.finditer(text):
        _emit(out, text, pos, m.start())
        pos = m.end()
    _emit(out, text, pos, len(text))
    return tuple(out)


@lru_cache(maxsize=16)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(s.start for s in _sentences(text))


def _emit(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        out.append(Sentence(s, s + len(stripped), stripped))


def sentence_at(text: str, pos: int) -> Sentence:
    """The sentence that contains character ``pos`` (or the next one, when ``pos`` falls between sentences)."""
    sents = _sentences(text)
    if not sents:
        return Sentence(0, len(text), text.strip())
    i = bisect_right(_starts(text), pos) - 1
    if i >= 0 and pos < sents[i].end:
        return sents[i]
    if i + 1 < len(sents):
        return sents[i + 1]
    return Sentence(0, len(text), text.strip())


def quote_containing(text: str, needle: str) -> str | None:
    """The first sentence holding ``needle`` (cleaned for quoting), or None."""
    if not needle:
        return None
    pos = text.find(needle)
    while pos >= 0:
        s = sentence_at(text, pos)
        if needle in s.text:
            return clean_quote(s.text)
        pos = text.find(needle, pos + 1)
    return None


def clean_quote(quote: str, limit: int = 300) -> str:
    """Quotes are substrings of the text; very long sentences are cut (still a substring) to keep them readable."""
    return quote if len(quote) <= limit else quote[:limit].rstrip()


def sentences_with(text: str, keywords: re.Pattern[str]) -> tuple[Sentence, ...]:
    """The sentences (in order) holding a match of ``keywords``: one regex pass over the whole text instead of
    trying every pattern on every sentence. ``keywords`` must be a plain prefilter (literal words, no anchors or
    lookarounds) that matches wherever the extractor's real patterns could; those still run on each sentence."""
    return _sentences_with(text, keywords)


@lru_cache(maxsize=128)
def _sentences_with(text: str, keywords: re.Pattern[str]) -> tuple[Sentence, ...]:
    sents = _sentences(text)
    starts = _starts(text)
    haystack, keywords = _case_folded(text, keywords)
    out: list[Sentence] = []
    m = keywords.search(haystack)
    while m is not None:
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < sents[i].end:
            out.append(sents[i])
            m = keywords.search(haystack, sents[i].end)  # the rest of this sentence can't add anything
        else:
            m = keywords.search(haystack, m.start() + 1)
    return tuple(out)


def _case_folded(text: str, keywords: re.Pattern[str]) -> tuple[str, re.Pattern[str]]:
    """A case-insensitive alternation of words defeats the regex engine's first-character skip; the same words
    lower-cased, searched case-sensitively in the lower-cased text, keep it (when lowering keeps offsets)."""
    if not keywords.flags & re.IGNORECASE or re.search(r"\\[A-Z]", keywords.pattern):
        return text, keywords
    lowered = _lower(text)
    if len(lowered) != len(text):
        return text, keywords
    return lowered, _lower_pattern(keywords)


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=64)
def _lower_pattern(keywords: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(keywords.pattern.lower(), keywords.flags & ~re.IGNORECASE)
