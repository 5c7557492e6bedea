"""Sync postings from sources into the index: idempotent, incremental, per source, and crash-safe.

* Unchanged postings (same content hash) are skipped: nothing is parsed past the hash, nothing re-embedded.
* Changed postings are re-extracted and re-embedded; postings gone from a given source are removed.
* Postings that came from sources not named in this run are left alone.
* A file that fails to load is reported by name and reason; the posting it held before is kept.
* Nothing is visible to readers until the new generation is complete (see bot/store.py); a run that dies
  partway (exception, Ctrl-C, ``kill -9``) leaves the previous index answering exactly as before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..embeddings import DIMENSIONS
from ..errors import PostingError
from ..models import Chunk, LoadedPosting, PostingRecord, SyncError, SyncReport
from ..store import IndexSnapshot, PostingStore, now_iso
from .chunking import chunk_posting
from .facts import extract_facts
from .hashing import content_hash_of
from .loaders import discover, load_posting

log = logging.getLogger(__name__)

# Progress callback: (stage, done, total). Stages: "read", "embed", "write".
Progress = Callable[[str, int, int], None]

EMBED_BATCH = 256  # texts per call to the embedding function (and per progress tick)
# Tokens of each chunk (header first) that go into its vector. The model embeds ~5,000 tokens/s on 2 cores, so
# this sets ingest speed; lexical search (BM25) and the facts always see the whole text. bench/eval.py measures
# answer quality with it.
PASSAGE_TOKENS = 48  # `make eval` scores the same at 48, 64 and 128 (the answers lead with facts and BM25)
LEGAL_EMBED_CHARS = 160  # boilerplate (EEO, privacy) is kept for search and quotes but barely embedded


@dataclass
class _Planned:
    posting: LoadedPosting
    record: PostingRecord
    chunks: list[Chunk]
    status: str  # "added" or "updated"


def _origin_key(path: Path) -> str:
    return str(path.resolve())


def source_string(root: Path, path: Path) -> str:
    """The posting's source as ingested: the path as the caller named it, joined with the file's place under it."""
    if root == path:
        return str(root)
    return str(root / path.relative_to(root))


def build_posting(posting: LoadedPosting) -> tuple[PostingRecord, list[Chunk]]:
    """Facts first (they name the title and company), then chunks that carry them in their headers."""
    facts = extract_facts(posting)
    title = (facts.title.value if facts.title else None) or posting.meta.get("title") or Path(posting.source).stem
    company = (facts.hiring_organization.value if facts.hiring_organization else None) or posting.meta.get("company") or ""
    url = posting.meta.get("url") or None
    record = PostingRecord(
        posting_id=posting.posting_id,
        title=str(title),
        company=str(company),
        source=posting.source,
        origin=posting.origin,
        url=url,
        content_hash=posting.content_hash,
        ingested_at=now_iso(),
        facts=facts,
    )
    chunks = chunk_posting(posting, title=record.title, company=record.company, url=url)
    return record, chunks


def embed_text(chunk: Chunk) -> str:
    if chunk.section == "legal":
        return f"{chunk.header}\n{chunk.text[:LEGAL_EMBED_CHARS]}"
    return chunk.embed_text


def sync(
    sources: Sequence[Path],
    store: PostingStore,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> SyncReport:
    """Bring the index in line with ``sources`` (files or folders). Raises StoreError/IngestBusy, never PostingError."""
    started = time.perf_counter()
    report = SyncReport(dry_run=dry_run)
    tick: Progress = progress or (lambda stage, done, total: None)
    with store.writer_lock():
        if not dry_run:
            store.cleanup_leftovers()
        old = store.snapshot_or_none()
        old_postings: dict[str, PostingRecord] = dict(old.postings) if old else {}
        by_source = {rec.source: rec for rec in old_postings.values()}

        files: list[tuple[Path, Path]] = []
        origins: set[str] = set()  # only sources that exist: a mistyped or vanished folder removes nothing
        for root in map(Path, sources):
            if not root.exists():
                _fail(report, str(root), "no such file or folder", by_source, set())
                continue
            origins.add(_origin_key(root))
            files.extend((root, path) for path in discover(root))

        keep: set[str] = set()  # old postings carried over unchanged
        planned: list[_Planned] = []
        seen: dict[str, str] = {}  # posting id -> source, to catch two files claiming one id
        for i, (root, path) in enumerate(files, 1):
            src = source_string(root, path)
            try:
                previous = by_source.get(src)
                if previous is not None and _quick_unchanged(path, previous):
                    keep.add(previous.posting_id)
                    seen[previous.posting_id] = src
                    report.unchanged += 1
                    report.rows.append((src, "unchanged", previous.chunk_count))
                    continue
                posting = load_posting(path, source=src, origin=_origin_key(root))
                if posting.posting_id in seen:
                    raise PostingError(src, f"posting id {posting.posting_id!r} is already used by {seen[posting.posting_id]}")
                seen[posting.posting_id] = src
                old_rec = old_postings.get(posting.posting_id)
                if old_rec is not None and old_rec.content_hash == posting.content_hash and old_rec.source == src:
                    keep.add(posting.posting_id)
                    report.unchanged += 1
                    report.rows.append((src, "unchanged", old_rec.chunk_count))
                    continue
                record, chunks = build_posting(posting)
                if not chunks:
                    raise PostingError(src, "no text to index after cleaning")
                planned.append(_Planned(posting, record, chunks, "updated" if old_rec is not None else "added"))
            except PostingError as exc:
                _fail(report, src, exc.reason, by_source, keep)
            except Exception as exc:  # a parser bug on one odd file must not stop the others
                log.exception("unexpected error ingesting %s", src)
                _fail(report, src, f"{type(exc).__name__}: {exc}", by_source, keep)
            finally:
                tick("read", i, len(files))

        new_ids = {p.record.posting_id for p in planned}
        removed = [
            rec for pid, rec in old_postings.items() if pid not in keep and pid not in new_ids and rec.origin in origins
        ]
        # Postings from sources this run was not given are carried over untouched.
        keep |= {pid for pid, rec in old_postings.items() if rec.origin not in origins and pid not in new_ids}
        if old_postings and not keep and not planned:
            # Emptying the index is never what an admin meant: keep answering from what we have.
            _fail(report, ", ".join(map(str, sources)), "no posting left to index; refusing to empty the index", {}, set())
            keep = set(old_postings)
            removed = []
        report.removed = len(removed)
        report.rows.extend((rec.source, "removed", 0) for rec in removed)
        report.added = sum(p.status == "added" for p in planned)
        report.updated = sum(p.status == "updated" for p in planned)
        report.rows.extend((p.record.source, p.status, len(p.chunks)) for p in planned)

        changed = bool(planned or removed)
        if changed and not dry_run:
            _write_generation(store, old, keep, planned, report, tick)
        else:
            report.generation = old.generation if old else None
            report.postings = len(keep) + len(planned)
            report.chunks = sum(old_postings[pid].chunk_count for pid in keep) + sum(len(p.chunks) for p in planned)
        report.seconds = time.perf_counter() - started
        if not dry_run:
            store.record_run({**report.to_json(), "finished_at": now_iso(), "changed": changed})
    return report


def _quick_unchanged(path: Path, previous: PostingRecord) -> bool:
    """Skip loading when the file's bytes hash to what was ingested: the cheap path of an unchanged re-ingest."""
    try:
        return content_hash_of(path) == previous.content_hash
    except OSError:
        return False


def _fail(report: SyncReport, src: str, reason: str, by_source: dict[str, PostingRecord], keep: set[str]) -> None:
    report.failed += 1
    report.errors.append(SyncError(src, reason))
    report.rows.append((src, "failed", 0))
    previous = by_source.get(src)
    if previous is not None:
        keep.add(previous.posting_id)  # the last good version keeps answering
    log.warning("skipped %s: %s", src, reason)


def _write_generation(
    store: PostingStore,
    old: IndexSnapshot | None,
    keep: set[str],
    planned: list[_Planned],
    report: SyncReport,
    tick: Progress,
) -> None:
    writer = store.begin()
    try:
        if old is not None and keep:
            writer.copy_from(old, keep)
        texts = [embed_text(c) for p in planned for c in p.chunks]
        chunk_vecs = _embed(store, texts, tick)
        offset = 0
        for i, p in enumerate(planned):
            n = len(p.chunks)
            vecs = chunk_vecs[offset : offset + n]
            # The posting's own vector is the normalised mean of its chunks': no extra model call.
            mean = vecs.mean(axis=0)
            writer.add(p.record, p.chunks, vecs, mean / max(float(np.linalg.norm(mean)), 1e-12))
            offset += n
            tick("write", i + 1, len(planned))
        report.generation = writer.generation
        report.postings = writer.posting_count
        report.chunks = writer.chunk_count
        writer.commit({**report.to_json(), "finished_at": now_iso(), "changed": True})
    except BaseException:
        writer.abort()
        raise


def _embed(store: PostingStore, texts: list[str], tick: Progress) -> np.ndarray:
    out: list[np.ndarray] = []
    passages = getattr(store.ef, "embed_passages", None)
    for start in range(0, len(texts), EMBED_BATCH):
        batch = texts[start : start + EMBED_BATCH]
        vectors = passages(batch, PASSAGE_TOKENS) if passages else store.ef(batch)
        out.append(np.asarray(vectors, dtype=np.float32))
        tick("embed", min(start + len(batch), len(texts)), len(texts))
    return np.concatenate(out) if out else np.zeros((0, DIMENSIONS), dtype=np.float32)
