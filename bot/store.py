"""The postings index in Chroma, written in generations so a failed ingest never shows.

Layout (prefix ``roles`` by default):

* ``roles_meta``: one record, ``active``, whose metadata names the generation readers use, when it was
  written and what the last run reported (including its failures).
* ``roles_g<N>_chunks``: chunk texts, their embeddings and metadata (posting id, title, company, source,
  section, content hash...).
* ``roles_g<N>_postings``: one record per posting, its ``PostingRecord`` (facts included) as JSON.

An ingest that changes anything builds generation N+1 beside N (copying unchanged postings' vectors, so nothing
is re-embedded), then flips the pointer in one single-record write. Until that write, readers see N exactly as
before; a run killed at any point leaves N answering, and the next run deletes the half-built N+1. The
generation before the active one is kept one cycle so a reader that is mid-question never loses its collection.
The same scheme works unchanged against a Chroma server, where several bot workers share the index.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import IndexNotReady, StoreError
from .models import Chunk, PostingRecord

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from .settings import Settings

log = logging.getLogger(__name__)

ACTIVE_ID = "active"
ADD_BATCH = 512
POINTER_TTL_SECONDS = 1.0  # how often a reader re-reads the pointer


def make_chroma_client(settings: "Settings") -> "ClientAPI":
    """Factory: embedded Chroma on disk by default, a Chroma server when ``CHROMA_HOST`` is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises a zoo of types for an unreadable store
        raise StoreError(f"cannot open Chroma store ({settings.chroma_host or settings.chroma_path}): {exc}") from exc


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class IndexStatus:
    """What admins see: the active generation and what the last ingest run reported."""

    generation: int | None
    postings: int
    chunks: int
    ingested_at: str | None
    last_run: dict[str, Any] = field(default_factory=dict)  # SyncReport.to_json() of the last run, plus "finished_at"


@dataclass
class IndexSnapshot:
    """One generation, read-only: every posting record and every chunk's text (for BM25), plus dense search."""

    generation: int
    postings: dict[str, PostingRecord]
    chunk_ids: list[str]
    chunk_texts: list[str]
    chunk_metas: list[dict[str, Any]]
    _chunks: "Collection" = field(repr=False)
    ingested_at: str | None = None

    def dense_search(
        self, query_embedding: Sequence[float], k: int, posting_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine distance) best first, optionally restricted to some postings."""
        if not self.chunk_ids:
            return []
        where: dict[str, Any] | None = None
        if posting_ids:
            ids = list(posting_ids)
            where = {"posting_id": ids[0]} if len(ids) == 1 else {"posting_id": {"$in": ids}}
        result = self._chunks.query(
            query_embeddings=[list(map(float, query_embedding))],
            n_results=max(1, min(k, len(self.chunk_ids))),
            where=where,
            include=["distances"],
        )
        return list(zip(result["ids"][0], result["distances"][0]))


def _collection_names(client: "ClientAPI") -> list[str]:
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]


class PostingStore:
    """Reads and writes the generational index. One instance per process; thread-safe for readers."""

    def __init__(self, client: "ClientAPI", embedding_function: Any, prefix: str = "roles", lock_dir: Path | None = None):
        self.client = client
        self.ef = embedding_function
        self.prefix = prefix
        self.lock_dir = lock_dir
        self._cache: IndexSnapshot | None = None
        self._pointer_checked = 0.0
        self._lock = threading.Lock()
        self._gen_re = re.compile(rf"^{re.escape(prefix)}_g(\d+)_(chunks|postings)$")

    # -- names -------------------------------------------------------------------------------------------
    def _chunks_name(self, gen: int) -> str:
        return f"{self.prefix}_g{gen}_chunks"

    def _postings_name(self, gen: int) -> str:
        return f"{self.prefix}_g{gen}_postings"

    def _meta(self) -> "Collection":
        return self.client.get_or_create_collection(f"{self.prefix}_meta", embedding_function=None)

    # -- pointer -----------------------------------------------------------------------------------------
    def _read_pointer(self) -> dict[str, Any] | None:
        got = self._meta().get(ids=[ACTIVE_ID], include=["metadatas"])
        metas = got.get("metadatas") or []
        return dict(metas[0]) if metas and metas[0] else None

    def active_generation(self) -> int | None:
        pointer = self._read_pointer()
        gen = pointer.get("generation") if pointer else None
        return int(gen) if isinstance(gen, int) and gen >= 0 else None

    def _write_pointer(self, generation: int | None, last_run: dict[str, Any]) -> None:
        meta: dict[str, Any] = {"last_run": json.dumps(last_run), "updated_at": now_iso()}
        if generation is not None:
            meta["generation"] = generation
            meta["ingested_at"] = now_iso()
        else:
            old = self._read_pointer() or {}
            for key in ("generation", "ingested_at"):
                if key in old:
                    meta[key] = old[key]
        self._meta().upsert(ids=[ACTIVE_ID], embeddings=[[0.0]], metadatas=[meta], documents=["pointer"])

    def record_run(self, last_run: dict[str, Any]) -> None:
        """Remember a run that changed nothing (or was refused) without touching the active generation."""
        self._write_pointer(None, last_run)

    # -- reading -----------------------------------------------------------------------------------------
    def status(self) -> IndexStatus:
        pointer = self._read_pointer() or {}
        gen = pointer.get("generation")
        postings = chunks = 0
        if isinstance(gen, int):
            try:
                postings = self.client.get_collection(self._postings_name(gen)).count()
                chunks = self.client.get_collection(self._chunks_name(gen)).count()
            except Exception:  # pointer names a generation that is gone: report it as empty
                log.exception("active generation %s is missing", gen)
        try:
            last_run = json.loads(pointer.get("last_run") or "{}")
        except ValueError:
            last_run = {}
        return IndexStatus(
            generation=gen if isinstance(gen, int) else None,
            postings=postings,
            chunks=chunks,
            ingested_at=pointer.get("ingested_at"),
            last_run=last_run,
        )

    def snapshot(self, *, fresh: bool = False) -> IndexSnapshot:
        """The active generation, cached per process and re-checked at most every POINTER_TTL_SECONDS.

        Raises IndexNotReady when there is no index or it holds no posting.
        """
        with self._lock:
            now = time.monotonic()
            if self._cache is not None and not fresh and now - self._pointer_checked < POINTER_TTL_SECONDS:
                return self._cache
            pointer = self._read_pointer() or {}
            self._pointer_checked = now
            gen = pointer.get("generation")
            if not isinstance(gen, int):
                raise IndexNotReady("no generation has been written")
            if self._cache is not None and self._cache.generation == gen:
                return self._cache
            snap = self._load(gen, pointer.get("ingested_at"))
            if not snap.postings:
                raise IndexNotReady(f"generation {gen} holds no posting")
            self._cache = snap
            return snap

    def snapshot_or_none(self) -> IndexSnapshot | None:
        try:
            return self.snapshot(fresh=True)
        except IndexNotReady:
            return None

    def _load(self, gen: int, ingested_at: str | None) -> IndexSnapshot:
        try:
            chunks = self.client.get_collection(self._chunks_name(gen), embedding_function=self.ef)
            postings = self.client.get_collection(self._postings_name(gen), embedding_function=self.ef)
        except Exception as exc:
            raise IndexNotReady(f"generation {gen} is missing: {exc}") from exc
        precs = postings.get(include=["metadatas"])
        records: dict[str, PostingRecord] = {}
        for meta in precs.get("metadatas") or []:
            record = PostingRecord.from_dict(json.loads(meta["record"]))
            records[record.posting_id] = record
        got = chunks.get(include=["documents", "metadatas"])
        order = sorted(range(len(got["ids"])), key=lambda i: got["ids"][i])
        return IndexSnapshot(
            generation=gen,
            postings=records,
            chunk_ids=[got["ids"][i] for i in order],
            chunk_texts=[got["documents"][i] for i in order],
            chunk_metas=[dict(got["metadatas"][i]) for i in order],
            _chunks=chunks,
            ingested_at=ingested_at,
        )

    # -- writing -----------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        """One writer at a time: a thread lock in-process, plus a file lock across processes on an embedded store."""
        if self.lock_dir is None:
            yield
            return
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lock_dir / ".ingest.lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                from .errors import IngestBusy

                raise IngestBusy("another ingest holds the lock") from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def generations(self) -> set[int]:
        gens: set[int] = set()
        for name in _collection_names(self.client):
            match = self._gen_re.match(name)
            if match:
                gens.add(int(match.group(1)))
        return gens

    def cleanup(self, keep: Sequence[int]) -> list[int]:
        """Delete every generation not in ``keep`` (half-built leftovers of killed runs, old generations)."""
        dropped = []
        for gen in sorted(self.generations() - set(keep)):
            for name in (self._chunks_name(gen), self._postings_name(gen)):
                with contextlib.suppress(Exception):
                    self.client.delete_collection(name)
            dropped.append(gen)
        if dropped:
            log.info("removed index generations %s", dropped)
        return dropped

    def cleanup_leftovers(self) -> list[int]:
        """Before a run: drop half-built generations of killed runs (numbered above the active one) and any
        generation older than the one before the active one."""
        active = self.active_generation()
        gens = self.generations()
        if active is None:
            return self.cleanup(keep=[])
        older = [g for g in gens if g < active]
        return self.cleanup(keep=[active] + ([max(older)] if older else []))

    def begin(self) -> "GenerationWriter":
        active = self.active_generation()
        gens = self.generations() | ({active} if active is not None else set())
        return GenerationWriter(self, (max(gens) + 1) if gens else 1, active)


class GenerationWriter:
    """Builds one new generation; nothing is visible to readers until ``commit``."""

    def __init__(self, store: PostingStore, generation: int, previous: int | None):
        self.store = store
        self.generation = generation
        self.previous = previous
        client = store.client
        space = {"hnsw": {"space": "cosine"}}
        self.chunks = client.create_collection(
            store._chunks_name(generation), embedding_function=store.ef, configuration=space  # type: ignore[arg-type]
        )
        self.postings = client.create_collection(
            store._postings_name(generation), embedding_function=store.ef, configuration=space  # type: ignore[arg-type]
        )
        self.chunk_count = 0
        self.posting_count = 0
        self._chunk_rows: list[tuple[str, str, dict[str, Any], list[float]]] = []
        self._posting_rows: list[tuple[str, str, dict[str, Any], list[float]]] = []

    def copy_from(self, old: IndexSnapshot, posting_ids: set[str]) -> None:
        """Copy postings' chunks and vectors from the previous generation: nothing is re-embedded."""
        if not posting_ids:
            return
        wanted = [cid for cid, meta in zip(old.chunk_ids, old.chunk_metas) if meta.get("posting_id") in posting_ids]
        self.chunk_count += _copy_records(old._chunks, self.chunks, wanted)
        src_postings = self.store.client.get_collection(self.store._postings_name(old.generation))
        self.posting_count += _copy_records(src_postings, self.postings, sorted(posting_ids))

    def add(self, record: PostingRecord, chunks: list[Chunk], chunk_vectors: np.ndarray, posting_vector: np.ndarray) -> None:
        """Add one new or changed posting with vectors computed by the caller (buffered: Chroma pays per call)."""
        for chunk, vector in zip(chunks, chunk_vectors):
            self._chunk_rows.append((chunk.chunk_id, chunk.text, {**chunk.metadata, "header": chunk.header}, vector.tolist()))
        self.chunk_count += len(chunks)
        record.chunk_count = len(chunks)
        self._posting_rows.append((
            record.posting_id,
            posting_document(record),
            {"posting_id": record.posting_id, "record": json.dumps(record.to_dict())},
            posting_vector.tolist(),
        ))
        self.posting_count += 1
        if len(self._chunk_rows) >= ADD_BATCH:
            self.flush()

    def flush(self) -> None:
        for collection, rows in ((self.chunks, self._chunk_rows), (self.postings, self._posting_rows)):
            if rows:
                ids, docs, metas, vectors = (list(col) for col in zip(*rows))
                collection.add(ids=ids, documents=docs, metadatas=metas, embeddings=vectors)
                rows.clear()

    def _owns(self, name: str, created: "Collection") -> bool:
        """Whether ``name`` still holds the collection this writer created: against a server, another worker's
        ingest may have removed it (as a leftover) and built its own generation under the same name."""
        try:
            return self.store.client.get_collection(name).id == created.id
        except Exception:
            return False

    def commit(self, last_run: dict[str, Any]) -> None:
        """Flip the pointer (the one atomic step), then drop generations older than the previous one."""
        self.flush()
        if not (
            self._owns(self.store._chunks_name(self.generation), self.chunks)
            and self._owns(self.store._postings_name(self.generation), self.postings)
        ):
            raise StoreError(f"generation {self.generation} was removed by another ingest running at the same time")
        self.store._write_pointer(self.generation, last_run)
        keep = [self.generation] + ([self.previous] if self.previous is not None else [])
        self.store.cleanup(keep)

    def abort(self) -> None:
        """Drop what this writer built, and only that: never a same-named generation another worker committed."""
        for name, created in (
            (self.store._chunks_name(self.generation), self.chunks),
            (self.store._postings_name(self.generation), self.postings),
        ):
            if self._owns(name, created):
                with contextlib.suppress(Exception):
                    self.store.client.delete_collection(name)


def _copy_records(src: "Collection", dst: "Collection", ids: list[str]) -> int:
    """Copy records (text, metadata and vector) between collections in batches; returns how many were copied."""
    copied = 0
    for start in range(0, len(ids), ADD_BATCH):
        got = src.get(ids=ids[start : start + ADD_BATCH], include=["documents", "metadatas", "embeddings"])
        dst.add(ids=got["ids"], documents=got["documents"], metadatas=got["metadatas"], embeddings=got["embeddings"])
        copied += len(got["ids"])
    return copied


def posting_document(record: PostingRecord) -> str:
    """What a posting's own vector is computed from: the words people use to name it."""
    facts = record.facts
    places = ", ".join(str(f.value) for f in facts.job_locations[:3])
    workplace = facts.workplace_type.value if facts.workplace_type else ""
    return " · ".join(x for x in (record.title, record.company, places, workplace) if x)


def make_store(settings: "Settings", client: "ClientAPI | None" = None, embedding_function: Any = None) -> PostingStore:
    """Factory used by the CLI, the Slack app and tests."""
    from .embeddings import make_embedding_function

    return PostingStore(
        client or make_chroma_client(settings),
        embedding_function or make_embedding_function(settings),
        prefix=settings.collection_prefix,
        lock_dir=None if settings.chroma_host else settings.chroma_path,
    )
