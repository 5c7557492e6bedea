"""The textbook LangChain RAG the bot is measured against.

RecursiveCharacterTextSplitter(1000, 200) over each posting's clean text, a langchain_chroma.Chroma store with
the same embedding model as the bot, ``similarity_search`` with k=4. Offline there is no LLM, so its "answer" is
the four chunks concatenated: exactly what an LLM would be grounded on, which makes it an upper bound on what
such a pipeline could state correctly. Its sources are the chunks' postings in rank order.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .common import quiet_telemetry, source_name

if TYPE_CHECKING:
    from bot.models import LoadedPosting

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4


@dataclass
class BaselineHit:
    source: str
    text: str
    distance: float

    @property
    def similarity(self) -> float:
        """Chroma's default space is squared L2; for unit vectors that is 2 - 2·cos."""
        return 1.0 - self.distance / 2.0


@dataclass
class BaselineAnswer:
    question: str
    text: str
    hits: list[BaselineHit] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """Distinct posting sources of the chunks, best first."""
        seen: list[str] = []
        for hit in self.hits:
            if hit.source not in seen:
                seen.append(hit.source)
        return seen

    @property
    def source_names(self) -> list[str]:
        return [source_name(s) for s in self.sources]

    @property
    def top_similarity(self) -> float:
        return self.hits[0].similarity if self.hits else 0.0


def load_postings(roots: Sequence[Path]) -> "list[LoadedPosting]":
    """Load with the bot's own loaders (as sync does), so both systems see the same clean text and sources."""
    from bot.errors import PostingError
    from bot.ingest.loaders import discover, load_posting
    postings = []
    for root in map(Path, roots):
        for path in discover(root):
            try:
                postings.append(load_posting(path, source=_source_string(root, path), origin=str(root.resolve())))
            except PostingError:
                continue  # the bot skips (and reports) it too
    return postings


def _source_string(root: Path, path: Path) -> str:
    """As bot.ingest.sync.source_string names a posting, so both systems cite the same strings."""
    return str(root) if root == path else str(root / path.relative_to(root))


class TextbookRAG:
    """Split, embed, store, top-k: nothing else."""

    def __init__(self, persist_dir: Path, k: int = TOP_K, chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP):
        quiet_telemetry()
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from bot.embeddings import MiniLMEmbeddingFunction

        self.k = k
        self.splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap)
        self.db = Chroma(
            collection_name=f"baseline_{uuid.uuid4().hex[:8]}",
            embedding_function=MiniLMEmbeddingFunction(),  # type: ignore[arg-type] - it speaks LangChain's protocol
            persist_directory=str(persist_dir),
        )
        self.chunks = 0

    def index(self, postings: Iterable["LoadedPosting"]) -> int:
        docs = []
        for posting in postings:
            docs.extend(self.splitter.create_documents([posting.text], metadatas=[{"source": posting.source}]))
        for start in range(0, len(docs), 256):
            self.db.add_documents(docs[start : start + 256])
        self.chunks += len(docs)
        return len(docs)

    def answer(self, question: str) -> BaselineAnswer:
        found = self.db.similarity_search_with_score(question, k=self.k)
        hits = [BaselineHit(source=str(doc.metadata.get("source", "")), text=doc.page_content, distance=float(d)) for doc, d in found]
        return BaselineAnswer(question=question, text="\n\n".join(h.text for h in hits), hits=hits)


def build_baseline(roots: Sequence[Path], persist_dir: Path) -> TextbookRAG:
    rag = TextbookRAG(persist_dir)
    rag.index(load_postings(roots))
    return rag
