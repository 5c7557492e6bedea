"""Section-aware chunks: a short section is one chunk, a long one is cut at paragraph, line or sentence
boundaries into pieces of about ``CHUNK_CHARS`` with a small overlap.

Every chunk is a slice of ``posting.text`` (found by offset, never re-joined), so a quote taken from a chunk
is an exact quote from the posting.
"""

from __future__ import annotations

import re

from ..models import Chunk, LoadedPosting, Section

CHUNK_CHARS = 900
OVERLAP_CHARS = 100
TINY_SECTION_CHARS = 120

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n")


def _break_points(text: str, start: int, end: int) -> list[int]:
    """Candidate cut offsets in ``text[start:end]``, best first: paragraph, line, sentence, word."""
    window = text[start:end]
    paras = [start + m.end() for m in re.finditer(r"\n\s*\n", window)]
    lines = [start + m.end() for m in re.finditer(r"\n", window)]
    sentences = [start + m.end() for m in _SENTENCE_END.finditer(window)]
    words = [start + m.end() for m in re.finditer(r"\s+", window)]
    return [p for group in (paras, lines, sentences, words) for p in sorted(group, reverse=True)]


def split_span(text: str, start: int, end: int, size: int = CHUNK_CHARS,
               overlap: int = OVERLAP_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` spans covering ``text[start:end]``, each at most ``size`` characters."""
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        if end - pos <= size:
            spans.append((pos, end))
            break
        limit = pos + size
        cut = None
        # Prefer the strongest boundary that still leaves a piece of at least half the target size.
        for point in _break_points(text, pos, limit):
            if point - pos >= size // 2 and point <= limit:
                cut = point
                break
        if cut is None:
            cut = limit
        piece_end = cut
        while piece_end > pos and text[piece_end - 1].isspace():
            piece_end -= 1
        spans.append((pos, piece_end))
        # Overlap: restart at a sentence/line start (else a word start) within the last ``overlap`` chars.
        back = max(pos + 1, piece_end - overlap)
        restart = None
        for m in _SENTENCE_END.finditer(text, back, piece_end):
            restart = m.end()
            break
        if restart is None:
            m = re.compile(r"\s+").search(text, back, piece_end)
            restart = m.end() if m else cut
        pos = restart if restart < piece_end else cut
    return spans


def _section_spans(posting: LoadedPosting) -> list[tuple[Section, int, int]]:
    """Each section located in the posting text (sections are slices, in order)."""
    located: list[tuple[Section, int, int]] = []
    cursor = 0
    for section in posting.sections:
        at = posting.text.find(section.text, cursor)
        if at < 0:
            at = posting.text.find(section.text)
        if at < 0:
            continue
        located.append((section, at, at + len(section.text)))
        cursor = at + len(section.text)
    return located


def _label(section: Section) -> str:
    return section.heading or section.name.replace("_", " ").capitalize()


def _pieces(posting: LoadedPosting) -> list[tuple[Section, int, int, list[str]]]:
    """``(section, start, end, names covered)``; runs of tiny sections ride along with the next piece."""
    text = posting.text
    pieces: list[tuple[Section, int, int, list[str]]] = []
    pending: tuple[Section, int, int, list[str]] | None = None  # tiny sections waiting for the next piece
    for section, start, end in _section_spans(posting):
        if end - start < TINY_SECTION_CHARS:
            if pending is not None and end - pending[1] <= CHUNK_CHARS:
                pending = (pending[0], pending[1], end, pending[3] + [section.name])
            else:
                if pending is not None:
                    pieces.append(pending)
                pending = (section, start, end, [section.name])
            continue
        for k, (span_start, span_end) in enumerate(split_span(text, start, end)):
            if k == 0 and pending is not None:
                first, p_start, p_end, names = pending
                pending = None
                if span_end - p_start <= CHUNK_CHARS + TINY_SECTION_CHARS:
                    pieces.append((first, p_start, span_end, names + [section.name]))
                    continue
                pieces.append((first, p_start, p_end, names))
            pieces.append((section, span_start, span_end, [section.name]))
    if pending is not None:
        pieces.append(pending)
    return pieces


def chunk_posting(posting: LoadedPosting, *, title: str, company: str, url: str | None) -> list[Chunk]:
    """The posting's chunks, numbered in text order; ids are ``f"{posting_id}:{i}"``."""
    text = posting.text
    pieces = _pieces(posting)
    chunks: list[Chunk] = []
    for section, start, end, names in pieces:
        body = text[start:end].strip()
        if not body:
            continue
        index = len(chunks)
        metadata: dict[str, str | int] = {
            "posting_id": posting.posting_id,
            "title": title,
            "company": company,
            "source": posting.source,
            "section": section.name,
            "sections": ",".join(dict.fromkeys(names)),
            "content_hash": posting.content_hash,
            "chunk_index": index,
        }
        if url:
            metadata["url"] = url
        chunks.append(
            Chunk(
                chunk_id=f"{posting.posting_id}:{index}",
                posting_id=posting.posting_id,
                section=section.name,
                header=f"{company} · {title} · {_label(section)}",
                text=body,
                metadata=metadata,
            )
        )
    return chunks
