"""Hybrid retrieval: dense (Chroma, MiniLM) + lexical (BM25 via ``bm25s``), fused by reciprocal rank fusion.

The BM25 index is built once per index generation and cached, so a question costs one embedding, one Chroma
query and one sparse dot product; no per-question loop over all chunks. Dense similarity finds paraphrases
("work from home" ~ "remote"); BM25 finds exact rare words (company names, "Elixir", "Garching") that a small
embedding model blurs. RRF needs no score calibration between the two.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..store import IndexSnapshot
from .context import Passage
from .text import clip, tokenize

log = logging.getLogger(__name__)

RRF_K = 60
DENSE_K = 40
LEXICAL_K = 40


@dataclass
class LexicalIndex:
    """Everything derived from one snapshot that retrieval and linking reuse across questions."""

    generation: int
    snapshot_key: int
    bm25: object
    vocab: dict[str, int]
    chunk_posting: np.ndarray  # int32: index into posting_ids, per chunk (snapshot chunk order)
    posting_ids: list[str]
    posting_index: dict[str, int]
    chunk_index: dict[str, int]
    chunk_sections: list[str]
    token_df: dict[str, int] = field(default_factory=dict)  # in how many postings a token occurs


@dataclass
class RetrievalResult:
    passages: list[Passage]
    posting_scores: list[tuple[str, float]]  # best first


def _build_lexical(snapshot: IndexSnapshot) -> LexicalIndex:
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on itself at import

    posting_ids = sorted(snapshot.postings)
    posting_index = {pid: i for i, pid in enumerate(posting_ids)}
    corpus: list[list[str]] = []
    chunk_posting = np.full(len(snapshot.chunk_ids), -1, dtype=np.int32)
    sections: list[str] = []
    per_posting_tokens: dict[int, set[str]] = {}
    for i, (text, meta) in enumerate(zip(snapshot.chunk_texts, snapshot.chunk_metas)):
        tokens = tokenize(f"{meta.get('header', '')}\n{text or ''}") or [""]
        corpus.append(tokens)
        pidx = posting_index.get(str(meta.get("posting_id")), -1)
        chunk_posting[i] = pidx
        sections.append(str(meta.get("section") or "other"))
        per_posting_tokens.setdefault(pidx, set()).update(tokens)
    df: dict[str, int] = {}
    for toks in per_posting_tokens.values():
        for t in toks:
            df[t] = df.get(t, 0) + 1
    bm25 = bm25s.BM25()
    if corpus:
        bm25.index(corpus, show_progress=False)
    return LexicalIndex(
        generation=snapshot.generation,
        snapshot_key=id(snapshot),
        bm25=bm25,
        vocab=dict(getattr(bm25, "vocab_dict", {}) or {}),
        chunk_posting=chunk_posting,
        posting_ids=posting_ids,
        posting_index=posting_index,
        chunk_index={cid: i for i, cid in enumerate(snapshot.chunk_ids)},
        chunk_sections=sections,
        token_df=df,
    )


class Retriever:
    """Hybrid search over one snapshot; thread-safe, caches the lexical index per generation."""

    def __init__(self, embed: Callable[[str], np.ndarray]):
        self._embed = embed
        self._lock = threading.Lock()
        self._index: LexicalIndex | None = None

    def warm(self) -> None:
        """Load the embedding model now: its first call loads the ONNX session, about a second."""
        try:
            self._embed("warm up")
        except Exception:  # a broken model shows on the first question, where search degrades to BM25
            log.warning("embedding warm-up failed", exc_info=True)

    def lexical(self, snapshot: IndexSnapshot) -> LexicalIndex:
        with self._lock:
            idx = self._index
            if idx is None or idx.generation != snapshot.generation or idx.snapshot_key != id(snapshot):
                idx = _build_lexical(snapshot)
                self._index = idx
            return idx

    def _bm25_scores(self, idx: LexicalIndex, query: str) -> np.ndarray:
        ids = [idx.vocab[t] for t in tokenize(query) if t in idx.vocab]
        n = len(idx.chunk_posting)
        if not ids or n == 0:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(idx.bm25.get_scores_from_ids(ids), dtype=np.float32)  # type: ignore[attr-defined]

    def search(
        self,
        snapshot: IndexSnapshot,
        question: str,
        *,
        k: int = 8,
        posting_ids: Sequence[str] | None = None,
        dense: bool = True,
    ) -> RetrievalResult:
        """Top ``k`` passages (RRF of dense and BM25) and every touched posting's score, best first.

        ``dense=False`` skips the query embedding (the costliest step): the engine does that when the question
        already names its postings and every chunk of them goes to the writers anyway.
        """
        idx = self.lexical(snapshot)
        query = clip(question).strip()
        n = len(idx.chunk_posting)
        if not query or n == 0:
            return RetrievalResult([], [])
        allowed: np.ndarray | None = None
        if posting_ids:
            wanted = [idx.posting_index[p] for p in posting_ids if p in idx.posting_index]
            if not wanted:
                return RetrievalResult([], [])
            allowed = np.isin(idx.chunk_posting, np.asarray(wanted, dtype=np.int32))

        fused = np.zeros(n, dtype=np.float64)
        # Lexical
        scores = self._bm25_scores(idx, query)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        positive = int(np.count_nonzero(scores > 0))
        if positive:
            top = min(LEXICAL_K, positive)
            cand = np.argpartition(-scores, top - 1)[:top]
            cand = cand[np.argsort(-scores[cand], kind="stable")]
            fused[cand] += 1.0 / (RRF_K + np.arange(1, len(cand) + 1))
        # Dense
        try:
            hits = []
            if dense:
                vector = self._embed(query)
                hits = snapshot.dense_search(vector, DENSE_K, list(posting_ids) if posting_ids else None)
        except Exception:  # a dense failure degrades to lexical only, never to an error
            log.exception("dense search failed; using BM25 only")
            hits = []
        for rank, (cid, _dist) in enumerate(hits, 1):
            i = idx.chunk_index.get(cid)
            if i is not None and (allowed is None or allowed[i]):
                fused[i] += 1.0 / (RRF_K + rank)

        touched = np.flatnonzero(fused > 0)
        order = touched[np.argsort(-fused[touched], kind="stable")]
        passages = [
            Passage(
                chunk_id=snapshot.chunk_ids[i],
                posting_id=idx.posting_ids[idx.chunk_posting[i]] if idx.chunk_posting[i] >= 0 else "",
                section=idx.chunk_sections[i],
                text=snapshot.chunk_texts[i] or "",
                score=float(fused[i]),
            )
            for i in order[:k]
        ]
        # A posting's score: its best chunk plus half its second best (one lucky chunk should not win alone).
        best: dict[int, list[float]] = {}
        for i in order:
            p = int(idx.chunk_posting[i])
            if p < 0:
                continue
            got = best.setdefault(p, [])
            if len(got) < 2:
                got.append(float(fused[i]))
        posting_scores = sorted(
            ((idx.posting_ids[p], s[0] + 0.5 * (s[1] if len(s) > 1 else 0.0)) for p, s in best.items()),
            key=lambda x: -x[1],
        )
        return RetrievalResult(passages, posting_scores)
