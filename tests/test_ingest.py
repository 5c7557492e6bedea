"""Ingest sync semantics on real Chroma in a temp dir with the real embedding model."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.embeddings import MiniLMEmbeddingFunction
from bot.errors import IngestBusy
from bot.ingest.sync import sync
from bot.settings import Settings
from bot.store import PostingStore, make_store

ROOT = Path(__file__).resolve().parents[1]


class CountingEF(MiniLMEmbeddingFunction):
    """The real embedding function, counting how many texts it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def __call__(self, input):  # type: ignore[override]
        self.embedded += len(input)
        return super().__call__(input)

    def embed_passages(self, texts, max_tokens):  # type: ignore[no-untyped-def]
        self.embedded += len(texts)
        return super().embed_passages(texts, max_tokens)


def _store(db: Path, ef: MiniLMEmbeddingFunction | None = None) -> PostingStore:
    return make_store(Settings().with_(chroma_path=db), embedding_function=ef or CountingEF())


def _posting(title: str, company: str, body: str, pid: str | None = None) -> str:
    front = f"---\nid: {pid}\n" if pid else "---\n"
    return (
        f"{front}title: {title}\ncompany: {company}\nlocation: Remote\n---\n\n# {title}\n\n"
        f"## About the role\n\n{body}\n\n## Requirements\n\n- 5+ years of Python\n- Kind to colleagues\n\n"
        "## Compensation\n\nThe salary range is $120,000 - $150,000 per year.\n"
    )


@pytest.fixture()
def src(tmp_path: Path) -> Path:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "alpha.md").write_text(_posting("Backend Engineer", "Alpha", "You will build APIs for shipping."))
    (folder / "beta.md").write_text(_posting("Data Engineer", "Beta", "You will own our pipelines and dbt models."))
    (folder / "gamma.md").write_text(_posting("Frontend Engineer", "Gamma", "You will craft the checkout in React."))
    return folder


def test_samples_ingest_cleanly(tmp_path: Path, knowledge_dir: Path) -> None:
    files = [p for p in knowledge_dir.iterdir() if p.is_file() and not p.name.startswith(".")]
    store = _store(tmp_path / "db")
    report = sync([knowledge_dir], store)
    assert report.failed == 0, report.errors
    assert report.added == len(files) >= 10
    assert report.postings == len(files)
    snap = store.snapshot()
    assert len(snap.postings) == len(files)
    assert report.chunks == len(snap.chunk_ids) > len(files)
    # every chunk carries the metadata the engine and citations rely on
    for meta in snap.chunk_metas:
        for key in ("posting_id", "title", "company", "source", "section", "content_hash"):
            assert meta.get(key) not in (None, ""), (key, meta)
        assert meta["source"].startswith(str(knowledge_dir))


def test_second_run_embeds_nothing(tmp_path: Path, src: Path) -> None:
    ef = CountingEF()
    store = _store(tmp_path / "db", ef)
    first = sync([src], store)
    assert (first.added, first.failed) == (3, 0)
    gen = store.active_generation()
    embedded = ef.embedded
    assert embedded > 0
    second = sync([src], store)
    assert (second.added, second.updated, second.unchanged, second.removed) == (0, 0, 3, 0)
    assert ef.embedded == embedded, "an unchanged re-ingest must not embed anything"
    assert store.active_generation() == gen, "an unchanged re-ingest must not write a new generation"
    assert second.postings == 3 and second.chunks == first.chunks


def test_update_and_removal(tmp_path: Path, src: Path) -> None:
    ef = CountingEF()
    store = _store(tmp_path / "db", ef)
    sync([src], store)
    before = store.snapshot(fresh=True)
    alpha_id = next(pid for pid, r in before.postings.items() if r.company == "Alpha")
    beta_chunks = [c for c, m in zip(before.chunk_ids, before.chunk_metas) if m["company"] == "Beta"]

    (src / "alpha.md").write_text(_posting("Backend Engineer", "Alpha", "You will build APIs for penguin logistics."))
    (src / "gamma.md").unlink()
    embedded = ef.embedded
    report = sync([src], store)
    assert (report.added, report.updated, report.unchanged, report.removed) == (0, 1, 1, 1)
    after = store.snapshot(fresh=True)
    assert {r.company for r in after.postings.values()} == {"Alpha", "Beta"}
    assert after.postings[alpha_id].content_hash != before.postings[alpha_id].content_hash
    assert any("penguin" in t for t in after.chunk_texts)
    assert not any("shipping" in t for t in after.chunk_texts)
    # only the changed posting was embedded (its chunks; its posting vector is their mean)
    assert ef.embedded - embedded == after.postings[alpha_id].chunk_count
    # the unchanged posting's chunks were carried over, same ids
    assert set(beta_chunks) <= set(after.chunk_ids)


def test_sync_is_per_source(tmp_path: Path, src: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "delta.md").write_text(_posting("SRE", "Delta", "You will keep the lights on."))
    store = _store(tmp_path / "db")
    sync([src, other], store)
    (src / "beta.md").unlink()
    report = sync([src], store)
    assert report.removed == 1
    companies = {r.company for r in store.snapshot(fresh=True).postings.values()}
    assert companies == {"Alpha", "Gamma", "Delta"}


def test_bad_file_keeps_previous_version(tmp_path: Path, src: Path) -> None:
    store = _store(tmp_path / "db")
    sync([src], store)
    old = {r.source: r for r in store.snapshot(fresh=True).postings.values()}
    beta_src = str(src / "beta.md")
    (src / "beta.md").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 100)
    (src / "epsilon.md").write_text(_posting("ML Engineer", "Epsilon", "You will train ranking models."))
    report = sync([src], store)
    assert report.failed == 1 and report.added == 1
    assert report.errors[0].source == beta_src and "binary" in report.errors[0].error
    now = {r.source: r for r in store.snapshot(fresh=True).postings.values()}
    assert now[beta_src].content_hash == old[beta_src].content_hash, "the last good version keeps answering"
    assert {r.company for r in now.values()} == {"Alpha", "Beta", "Gamma", "Epsilon"}
    status = store.status()
    assert status.last_run["failed"] == 1 and status.last_run["errors"][0]["source"] == beta_src


def test_refuses_to_empty_the_index(tmp_path: Path, src: Path) -> None:
    store = _store(tmp_path / "db")
    sync([src], store)
    for path in src.iterdir():
        path.unlink()
    report = sync([src], store)
    assert report.failed == 1 and report.removed == 0
    assert "refusing to empty" in report.errors[0].error
    assert len(store.snapshot(fresh=True).postings) == 3


def test_missing_source_removes_nothing(tmp_path: Path, src: Path) -> None:
    store = _store(tmp_path / "db")
    sync([src], store)
    report = sync([tmp_path / "nope"], store)
    assert report.failed == 1 and report.removed == 0
    assert len(store.snapshot(fresh=True).postings) == 3


def test_dry_run_writes_nothing(tmp_path: Path, src: Path) -> None:
    ef = CountingEF()
    store = _store(tmp_path / "db", ef)
    report = sync([src], store, dry_run=True)
    assert report.added == 3 and report.postings == 3
    assert store.active_generation() is None and ef.embedded == 0


def test_exception_midway_leaves_previous_index(tmp_path: Path, src: Path) -> None:
    store = _store(tmp_path / "db")
    sync([src], store)
    gen = store.active_generation()
    (src / "alpha.md").write_text(_posting("Backend Engineer", "Alpha", "Changed text about llamas."))

    def explode(stage: str, done: int, total: int) -> None:
        if stage == "write":
            raise KeyboardInterrupt  # what Ctrl-C looks like inside the run

    with pytest.raises(KeyboardInterrupt):
        sync([src], store, progress=explode)
    assert store.active_generation() == gen
    assert store.generations() == {gen}, "the half-built generation was dropped"
    assert not any("llamas" in t for t in store.snapshot(fresh=True).chunk_texts)


def test_one_writer_at_a_time(tmp_path: Path, src: Path) -> None:
    store = _store(tmp_path / "db")
    with store.writer_lock():
        with pytest.raises(IngestBusy):
            sync([src], _store(tmp_path / "db"))


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "ingest.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_json_contract_and_exit_codes(tmp_path: Path, src: Path) -> None:
    db = tmp_path / "db"
    done = _cli("--source", str(src), "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(data) == {"added", "updated", "unchanged", "removed", "failed", "postings", "chunks", "seconds", "errors"}
    assert (data["added"], data["postings"], data["failed"], data["errors"]) == (3, 3, 0, [])
    assert all(isinstance(data[k], int) for k in ("added", "updated", "unchanged", "removed", "failed", "postings", "chunks"))

    (src / "broken.html").write_bytes(b"")
    done = _cli("--source", str(src), "--db", str(db), "--json")
    assert done.returncode == 1
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert data["failed"] == 1 and data["unchanged"] == 3
    assert data["errors"][0]["source"].endswith("broken.html") and data["errors"][0]["error"]

    assert _cli("--bogus").returncode == 2
    unreadable = tmp_path / "not-a-dir"
    unreadable.write_text("a file where the store should be")
    done = _cli("--source", str(src), "--db", str(unreadable))
    assert done.returncode == 2 and "error" in done.stderr.lower()


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from bot.settings import Settings
    from bot.store import make_store
    from bot.ingest.sync import sync

    def tick(stage, done, total):
        if stage == "write" and done == max(1, total // 2):
            print("HALFWAY", flush=True)
            time.sleep(60)   # hold the writer mid-generation so the kill lands there

    sync([Path(sys.argv[2])], make_store(Settings().with_(chroma_path=Path(sys.argv[1]))), progress=tick)
    print("FINISHED", flush=True)
    """
)


@pytest.mark.slow
def test_kill_9_midway_keeps_old_index_answering(tmp_path: Path, src: Path) -> None:
    db = tmp_path / "db"
    store = _store(db)
    sync([src], store)
    gen = store.active_generation()
    # the next run has 12 new postings to write
    for i in range(12):
        (src / f"extra-{i}.md").write_text(_posting(f"Engineer {i}", f"Extra{i}", f"Role number {i} about owls."))
    script = tmp_path / "slow_ingest.py"
    script.write_text(KILL_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(src)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "HALFWAY"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    reopened = _store(db)  # a new process would do exactly this
    assert reopened.active_generation() == gen
    snap = reopened.snapshot(fresh=True)
    assert {r.company for r in snap.postings.values()} == {"Alpha", "Beta", "Gamma"}
    hits = snap.dense_search(MiniLMEmbeddingFunction().embed_one("who builds APIs for shipping?"), 3)
    assert hits and snap.chunk_metas[snap.chunk_ids.index(hits[0][0])]["company"] == "Alpha"

    report = sync([src], reopened)  # the next run cleans up and completes
    assert report.added == 12 and report.failed == 0
    assert len(reopened.generations()) <= 2
    assert len(reopened.snapshot(fresh=True).postings) == 15


def test_unicode_and_spaces_in_names(tmp_path: Path) -> None:
    folder = tmp_path / "söurce dir"
    folder.mkdir()
    name = "Senior Engineer – Zürich (Remote) ünïcödé.md"
    (folder / name).write_text(_posting("Senior Engineer", "Zürich AG", "Du baust Dinge. 你好。"))
    store = _store(tmp_path / "db")
    report = sync([folder], store)
    assert report.added == 1 and report.failed == 0
    record = next(iter(store.snapshot(fresh=True).postings.values()))
    assert record.source == str(folder / name)
    shutil.rmtree(folder)
