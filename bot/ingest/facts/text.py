"""Sentence spans over a posting's clean text, so every fact can quote the sentence it came from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_BREAK = re.compile(r"\n|<p>|(?<=[.!?。！？])\s+(?=[A-Z¡¿*_\[(\"“#0-9])|(?<=[。！？；])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # exactly text[start:end], stripped of surrounding whitespace


def sentences(text: str) -> Iterator[Sentence]:
    """Lines and sentences of ``text`` with their spans; blank ones are skipped."""
    pos = 0
    for m in _BREAK.finditer(text):
        yield from _emit(text, pos, m.start())
        pos = m.end()
    yield from _emit(text, pos, len(text))


def _emit(text: str, start: int, end: int) -> Iterator[Sentence]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        yield Sentence(s, s + len(stripped), stripped)


def sentence_at(text: str, pos: int) -> Sentence:
    """The sentence that contains character ``pos``."""
    for s in sentences(text):
        if s.start <= pos < s.end or s.start > pos:
            return s
    return Sentence(0, len(text), text.strip())


def clean_quote(quote: str, limit: int = 300) -> str:
    """Quotes are substrings of the text; very long sentences are cut (still a substring) to keep them readable."""
    return quote if len(quote) <= limit else quote[:limit].rstrip()
