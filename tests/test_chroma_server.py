"""The scale-out path against a REAL Chroma server (``chroma run`` on loopback, started by tests/servers.py).

One worker ingests through HTTP; other workers (their own clients, some in their own processes with the network
cut off but for loopback) answer from the server, see a changed posting only once its whole generation is
committed, and find the bundled embedding function by its registered name when they reopen a collection.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.ingest.sync import sync
from bot.models import SyncReport
from bot.settings import Settings
from bot.store import PostingStore, make_store
from tests.servers import ServerProcess, chroma_server, quiet_env  # noqa: F401 - chroma_server is a fixture

pytestmark = pytest.mark.slow  # real server, real model, worker subprocesses: ~40 s on a 2-core box

ROOT = Path(__file__).resolve().parents[1]
AXIOS = "axios-senior-backend-engineer"
OLD_PAY = "$155,000 - $190,000"
NEW_PAY = "$171,000 - $204,000"
ASK = "what does the axios role pay?"
EF_NAME = "roles-bot-minilm"

# Loaded first in every worker subprocess (via PYTHONPATH): any connection or DNS lookup that is not loopback is
# logged and refused, so "no download happened" is checked, not assumed.
NET_GUARD = textwrap.dedent(
    """
    import os, socket

    _LOG = os.environ.get("NET_GUARD_LOG")
    _OK = {"127.0.0.1", "::1", "localhost", None}

    def _refuse(what):
        if _LOG:
            with open(_LOG, "a") as fh:
                fh.write(what + "\\n")
        raise OSError("network is cut off in this test process: " + what)

    _connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _OK:
            _refuse("connect %s:%s" % tuple(address[:2]))
        return _connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _OK:
            _refuse("connect %s:%s" % tuple(address[:2]))
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in _OK:
            _refuse("resolve %s" % name)
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
    """
)

# A second client that reopens a collection WITHOUT passing an embedding function, before and after the bot's
# embedding function is registered (by importing bot.embeddings).
REOPEN = textwrap.dedent(
    """
    import json, sys
    import chromadb
    from chromadb.config import Settings

    host, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    client = chromadb.HttpClient(host=host, port=port, settings=Settings(anonymized_telemetry=False))
    out = {}
    col = client.get_collection(name)
    try:
        ef = col.configuration.get("embedding_function")
        out["before_import"] = ef.name() if ef is not None else None
    except Exception as exc:
        out["before_import_error"] = "%s: %s" % (type(exc).__name__, exc)
    try:
        col.query(query_texts=["axios salary"], n_results=1)
        out["query_before_import"] = "ran"
    except Exception as exc:
        out["query_before_import_error"] = "%s: %s" % (type(exc).__name__, exc)

    import bot.embeddings  # registers roles-bot-minilm

    col = client.get_collection(name)
    ef = col.configuration["embedding_function"]
    out["ef_name"] = ef.name()
    out["ef_class"] = type(ef).__module__ + "." + type(ef).__qualname__
    got = col.query(query_texts=["What is the salary range for the Axios backend role?"], n_results=3,
                    include=["metadatas"])
    out["companies"] = [m["company"] for m in got["metadatas"][0]]
    print(json.dumps(out))
    """
)


@dataclass
class SharedIndex:
    server: ServerProcess
    settings: Settings
    store: PostingStore  # the ingesting worker
    postings: Path  # a tmp copy of knowledge/: this module edits it, never knowledge/ itself
    report: SyncReport
    ingest_seconds: float


@pytest.fixture(scope="module")
def index(chroma_server: ServerProcess, tmp_path_factory: pytest.TempPathFactory, knowledge_dir: Path) -> SharedIndex:
    postings = tmp_path_factory.mktemp("server-postings") / "knowledge"
    shutil.copytree(knowledge_dir, postings)
    settings = Settings().with_(
        chroma_host=chroma_server.host,
        chroma_port=chroma_server.port,
        chroma_path=tmp_path_factory.mktemp("unused") / "never-created",
    )
    store = make_store(settings)
    started = time.perf_counter()
    report = sync([postings], store)
    seconds = time.perf_counter() - started
    print(f"\nchroma server up in {chroma_server.started_seconds:.2f} s; ingest over HTTP {seconds:.1f} s "
          f"({report.postings} postings, {report.chunks} chunks)")
    return SharedIndex(chroma_server, settings, store, postings, report, seconds)


def _worker_env(index: SharedIndex, tmp: Path) -> tuple[dict[str, str], Path, Path]:
    """Environment of a separate bot worker: the server's address, no .env, no LLM, no network but loopback."""
    guard_dir, home = tmp / "guard", tmp / "home"
    guard_dir.mkdir(exist_ok=True)
    home.mkdir(exist_ok=True)
    (guard_dir / "sitecustomize.py").write_text(NET_GUARD)
    net_log = tmp / "net.log"
    env = {
        k: v
        for k, v in quiet_env().items()
        if not k.startswith(("OPENAI_", "SLACK_", "CHROMA_", "EMBEDDINGS", "KNOWLEDGE_DIR", "PYTHONPATH"))
    }
    env.update(
        {
            "CHROMA_HOST": index.server.host,
            "CHROMA_PORT": str(index.server.port),
            "CHROMA_PATH": str(tmp / "no-local-store"),  # must stay unused: the server is the store
            "PYTHONPATH": os.pathsep.join([str(guard_dir), str(ROOT)]),
            "HOME": str(home),  # Chroma's default model would be downloaded under ~/.cache/chroma
            "NET_GUARD_LOG": str(net_log),
        }
    )
    return env, net_log, home


def _assert_stayed_offline(net_log: Path, home: Path, tmp: Path) -> None:
    assert not net_log.exists(), f"the worker tried to reach the network: {net_log.read_text()}"
    assert not (home / ".cache" / "chroma").exists(), "Chroma's default embedding model was downloaded"
    assert not (tmp / "no-local-store").exists(), "the worker opened a local store instead of the server"


def _ask(index: SharedIndex, tmp: Path, question: str) -> dict[str, Any]:
    env, net_log, home = _worker_env(index, tmp)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", question],
        cwd=tmp,  # no .env here
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    _assert_stayed_offline(net_log, home, tmp)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _axios_text(store: PostingStore, fresh: bool = True) -> tuple[int, str, int, int]:
    """(generation, every Axios chunk's text joined, postings, chunks) as one reader sees the active generation."""
    snap = store.snapshot(fresh=fresh)
    text = "\n".join(t for t, m in zip(snap.chunk_texts, snap.chunk_metas) if m["posting_id"] == AXIOS)
    return snap.generation, text, len(snap.postings), len(snap.chunk_ids)


def _fresh_reader(settings: Settings) -> PostingStore:
    """Another worker's store: its own HttpClient and no cached snapshot."""
    return make_store(settings)


def test_ingest_over_http_writes_one_generation_on_the_server(index: SharedIndex, knowledge_dir: Path) -> None:
    files = [p for p in knowledge_dir.iterdir() if p.is_file() and not p.name.startswith(".")]
    assert index.report.failed == 0, index.report.errors
    assert index.report.added == len(files) >= 10
    assert index.store.lock_dir is None  # no file lock against a server: nothing local is written
    assert not index.settings.chroma_path.exists()

    import chromadb  # a bare client sees exactly the pointer and one generation
    from chromadb.config import Settings as ChromaSettings

    raw = chromadb.HttpClient(host=index.server.host, port=index.server.port,
                              settings=ChromaSettings(anonymized_telemetry=False))
    gen = index.report.generation
    names = {c if isinstance(c, str) else c.name for c in raw.list_collections()}
    assert names == {"roles_meta", f"roles_g{gen}_chunks", f"roles_g{gen}_postings"}
    assert raw.get_collection(f"roles_g{gen}_postings").count() == len(files)
    assert raw.get_collection(f"roles_g{gen}_chunks").count() == index.report.chunks


def test_second_worker_process_answers_from_the_server(index: SharedIndex, tmp_path: Path) -> None:
    answer = _ask(index, tmp_path, ASK)
    assert answer["answered"] is True, answer
    assert answer["sources"], answer
    assert answer["sources"][0]["company"] == "Axios", answer["sources"]
    assert "155,000" in answer["answer"] and "190,000" in answer["answer"], answer["answer"]
    assert answer["sources"][0]["source"].endswith(f"{AXIOS}.md")


def test_reopened_collection_finds_the_embedding_function_by_name(index: SharedIndex, tmp_path: Path) -> None:
    env, net_log, home = _worker_env(index, tmp_path)
    name = f"roles_g{index.store.active_generation()}_chunks"
    proc = subprocess.run(
        [sys.executable, "-c", REOPEN, index.server.host, str(index.server.port), name],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    # Before bot.embeddings is imported, Chroma refuses (naming our function) instead of silently using its
    # default model: no download, no vectors from a different model.
    assert EF_NAME in out.get("before_import_error", ""), out
    assert EF_NAME in out.get("query_before_import_error", ""), out
    assert out["ef_name"] == EF_NAME
    assert out["ef_class"] == "bot.embeddings.MiniLMEmbeddingFunction"
    assert out["companies"][0] == "Axios", out
    _assert_stayed_offline(net_log, home, tmp_path)


def test_changed_posting_appears_only_as_a_whole_new_generation(index: SharedIndex, tmp_path: Path) -> None:
    reader = _fresh_reader(index.settings)  # the second worker, in this process but with its own client
    g1, text1, postings1, chunks1 = _axios_text(reader)
    assert OLD_PAY in text1 and NEW_PAY not in text1
    old_snapshot = reader.snapshot()

    path = index.postings / f"{AXIOS}.md"
    path.write_text(path.read_text().replace(OLD_PAY, NEW_PAY))

    seen_mid_build: list[tuple[str, int, bool, bool, int, int, set[int]]] = []

    def while_building(stage: str, done: int, total: int) -> None:
        """Runs inside the ingest, after the new generation was created and before the pointer flips."""
        if stage not in {"embed", "write"}:
            return
        gen, text, n_postings, n_chunks = _axios_text(_fresh_reader(index.settings))
        seen_mid_build.append(
            (stage, gen, OLD_PAY in text, NEW_PAY in text, n_postings, n_chunks, reader.generations())
        )

    started = time.perf_counter()
    report = sync([index.postings], index.store, progress=while_building)
    print(f"\nre-ingest of one changed posting over HTTP: {time.perf_counter() - started:.1f} s")
    assert (report.updated, report.unchanged, report.added, report.failed) == (1, postings1 - 1, 0, 0), report
    g2 = report.generation
    assert g2 == g1 + 1

    # Mid-build, every fresh reader still saw the whole old generation while the new one sat on the server.
    assert any(s[0] == "write" for s in seen_mid_build), seen_mid_build
    for stage, gen, has_old, has_new, n_postings, n_chunks, gens in seen_mid_build:
        assert (gen, has_old, has_new, n_postings, n_chunks) == (g1, True, False, postings1, chunks1), stage
        assert g2 in gens, "the new generation should exist on the server before the flip"

    # After the flip the other worker sees the new generation, whole, on its next fresh look.
    gen, text, n_postings, _ = _axios_text(reader, fresh=True)
    assert gen == g2 > g1
    assert NEW_PAY in text and OLD_PAY not in text
    assert n_postings == postings1
    # A reader still holding the old snapshot (mid-question) keeps working: the previous generation is kept.
    query = reader.ef.embed_one("Axios salary range")
    assert old_snapshot.generation == g1 and old_snapshot.dense_search(query, 3)
    assert reader.generations() == {g1, g2}

    # A separate worker process answers with the new numbers.
    answer = _ask(index, tmp_path, ASK)
    assert answer["answered"] is True and answer["sources"][0]["company"] == "Axios", answer
    assert "171,000" in answer["answer"] and "155,000" not in answer["answer"], answer["answer"]


def test_two_workers_ingesting_at_once_never_take_the_index_down(index: SharedIndex, tmp_path: Path) -> None:
    """No cross-worker writer lock exists against a server: a second ingest that starts while the first is building
    removes the first's half-built generation as a leftover and commits its own under the same name. The first
    must then fail without deleting that committed generation (it used to, leaving the pointer on nothing)."""
    postings = tmp_path / "postings"
    postings.mkdir()
    for name in (f"{AXIOS}.md", "mares-lead-ios-engineer.md"):
        shutil.copy(index.postings / name, postings / name)
    settings = index.settings.with_(collection_prefix="race")  # its own index on the same server
    first, second = make_store(settings), make_store(settings)
    g1 = sync([postings], first).generation
    path = postings / f"{AXIOS}.md"
    path.write_text(path.read_text().replace("Senior Backend Engineer", "Senior Backend Engineer (Payments)"))

    interleaved: list[SyncReport] = []

    def second_worker_ingests(stage: str, done: int, total: int) -> None:
        if stage == "embed" and not interleaved:
            interleaved.append(sync([postings], second))

    with pytest.raises(Exception):  # noqa: B017 - chromadb's NotFoundError or our StoreError, either is a clean failure
        sync([postings], first, progress=second_worker_ingests)
    assert interleaved and interleaved[0].updated == 1 and interleaved[0].generation == g1 + 1
    snap = _fresh_reader(settings).snapshot(fresh=True)
    assert snap.generation == g1 + 1
    assert snap.postings[AXIOS].title == "Senior Backend Engineer (Payments)"
    assert len(snap.chunk_ids) == sum(r.chunk_count for r in snap.postings.values())
