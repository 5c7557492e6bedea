"""Chunks: exact slices of the posting text, bounded in size, carrying the metadata Chroma needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.chunking import CHUNK_CHARS, OVERLAP_CHARS, TINY_SECTION_CHARS, chunk_posting, split_span
from bot.ingest.loaders import discover, load_posting
from bot.models import SECTIONS, LoadedPosting, Section

MAX_CHUNK = CHUNK_CHARS + TINY_SECTION_CHARS


def _chunks(path: Path):
    posting = load_posting(path, source=str(path), origin=str(path.parent))
    return posting, chunk_posting(posting, title="Engineer", company="Acme", url=posting.meta.get("url"))


def _check(posting: LoadedPosting, chunks) -> None:
    assert chunks
    assert [c.chunk_id for c in chunks] == [f"{posting.posting_id}:{i}" for i in range(len(chunks))]
    for i, chunk in enumerate(chunks):
        assert chunk.text in posting.text, chunk.chunk_id  # quotes from chunks are exact
        assert chunk.text == chunk.text.strip() and 0 < len(chunk.text) <= MAX_CHUNK
        assert chunk.section in SECTIONS and chunk.header.startswith("Acme · Engineer · ")
        meta = chunk.metadata
        assert meta["chunk_index"] == i and meta["posting_id"] == posting.posting_id
        assert meta["source"] == posting.source and meta["content_hash"] == posting.content_hash
        assert meta["section"] == chunk.section
        assert all(v is not None and isinstance(v, (str, int, float, bool)) for v in meta.values())
    # nothing is lost: chunks, found in order, cover every non-space character of the posting text
    covered = bytearray(len(posting.text))
    cursor = 0
    for chunk in chunks:
        at = posting.text.find(chunk.text, cursor)
        assert at >= 0, chunk.chunk_id
        covered[at:at + len(chunk.text)] = b"\x01" * len(chunk.text)
        cursor = at
    missing = [i for i, c in enumerate(posting.text) if not c.isspace() and not covered[i]]
    assert not missing, posting.text[missing[0]:missing[0] + 60]


def test_knowledge_chunks(knowledge_dir: Path) -> None:
    files = discover(knowledge_dir) if knowledge_dir.is_dir() else []
    if not files:
        pytest.skip("knowledge/ has no postings yet")
    for path in files:
        _check(*_chunks(path))


def test_corpus_chunks(corpus_dir: Path) -> None:
    sizes = []
    for path in discover(corpus_dir):
        posting, chunks = _chunks(path)
        _check(posting, chunks)
        sizes.extend(len(c.text) for c in chunks)
    assert max(sizes) <= MAX_CHUNK and sum(sizes) / len(sizes) > 300


def _posting(text: str, sections: list[Section]) -> LoadedPosting:
    return LoadedPosting(posting_id="p1", source="p1.md", origin=".", content_hash="h", format="md", text=text,
                         sections=sections)


def test_long_section_splits_on_boundaries_with_overlap() -> None:
    paragraphs = [f"Paragraph {n} says one thing. It then says a second thing about item {n}." * 3
                  for n in range(12)]
    body = "Requirements\n" + "\n\n".join(paragraphs)
    text = "Engineer at Acme\n\n" + body
    posting = _posting(text, [Section("summary", "", "Engineer at Acme"), Section("requirements", "Requirements", body)])
    chunks = chunk_posting(posting, title="Engineer", company="Acme", url=None)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert chunk.text in text and len(chunk.text) <= CHUNK_CHARS + TINY_SECTION_CHARS
        assert chunk.text.endswith(".")  # cut at a paragraph/sentence end, not mid-sentence
        assert "url" not in chunk.metadata
    for first, second in zip(chunks, chunks[1:]):
        start = text.index(second.text)
        assert start < text.index(first.text) + len(first.text)  # overlaps the previous piece
        assert text.index(first.text) + len(first.text) - start <= OVERLAP_CHARS + 80
    # the tiny summary rode along with the first requirements chunk but keeps its name
    assert chunks[0].section == "summary" and chunks[0].text.startswith("Engineer at Acme\n\nRequirements")
    assert chunks[0].metadata["sections"] == "summary,requirements"
    assert chunks[0].header == "Acme · Engineer · Summary"


def test_headers_and_url_metadata() -> None:
    text = "Backend Engineer at Acme in Berlin. We make ovens for bakeries and this opening paragraph is long " \
           "enough to be a chunk of its own.\n\n" \
           "Benefits\n" + "- Thirty days of paid holiday every year and a learning budget.\n" * 3
    posting = _posting(text, [Section("summary", "", text.split("\n\n")[0]),
                              Section("benefits", "Benefits", text.split("\n\n", 1)[1].strip())])
    chunks = chunk_posting(posting, title="Backend Engineer", company="Acme", url="https://acme.example/jobs/1")
    assert [c.header for c in chunks] == ["Acme · Backend Engineer · Summary", "Acme · Backend Engineer · Benefits"]
    assert all(c.metadata["url"] == "https://acme.example/jobs/1" for c in chunks)
    assert chunks[1].embed_text.startswith("Acme · Backend Engineer · Benefits\nBenefits\n- Thirty")


def test_split_span_never_cuts_words_when_it_can_avoid_it() -> None:
    text = " ".join(f"word{n}" for n in range(600))  # one paragraph, no sentences
    spans = split_span(text, 0, len(text))
    assert len(spans) >= 4
    for start, end in spans:
        piece = text[start:end]
        assert piece.startswith("word") and (end == len(text) or text[end] == " ")
        assert len(piece) <= CHUNK_CHARS
