"""What every benchmark shares: where the postings are, building a throw-away index, timing and memory.

Kept free of heavy imports at module level so ``tests/conftest.py`` can borrow ``copy_corpus`` cheaply.
"""

from __future__ import annotations

import math
import os
import resource
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.models import SyncReport
    from bot.settings import Settings
    from bot.store import PostingStore

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "postings"
OUT = ROOT / "bench" / "out"


def quiet_telemetry() -> None:
    """Chroma and onnxruntime phone home unless told not to; benchmarks must stay offline."""
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def quiet_logs() -> None:
    """Warnings only: bm25s logs every index build at DEBUG on its own logger."""
    import logging

    logging.basicConfig(level=logging.WARNING)
    import bm25s  # noqa: F401 - it sets its logger to DEBUG on import, so import it before quieting it
    for name in ("bm25s", "chromadb", "httpx"):
        logging.getLogger(name).setLevel(logging.WARNING)


def corpus_available() -> bool:
    return CORPUS.is_dir()


def copy_corpus(dest: Path, source: Path | None = None) -> Path:
    """Copy ../shared/corpus/postings into ``dest`` with each file's provenance line (line 1) dropped.

    The provenance line ("Source: RemoteWLB/...") is ours, not the employer's: a bot in production would never
    see it, so no measurement may profit from it.
    """
    src = source or CORPUS
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.iterdir()):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            (dest / path.name).write_text(text.split("\n", 1)[1] if "\n" in text else "", encoding="utf-8")
    return dest


def corpus_names() -> set[str]:
    """File names of the shared corpus (empty when it is absent): list questions scoped to ``corpus`` use them."""
    return {p.name for p in CORPUS.iterdir() if p.is_file()} if corpus_available() else set()


def index_sources(tmpdir: Path, include_corpus: bool = True) -> list[Path]:
    """The roots an eval index is built from: knowledge/ and, when present, a clean tmp copy of the corpus."""
    roots = [KNOWLEDGE]
    if include_corpus and corpus_available():
        roots.append(copy_corpus(Path(tmpdir) / "corpus"))
    return roots


def build_index(
    tmpdir: Path | str, include_corpus: bool = True, roots: Sequence[Path] | None = None
) -> "tuple[Settings, PostingStore, SyncReport]":
    """Ingest knowledge/ (+ the corpus copy) into a fresh Chroma under ``tmpdir``; returns settings, store, report."""
    quiet_telemetry()
    from bot.ingest.sync import sync
    from bot.settings import Settings
    from bot.store import make_store

    tmp = Path(tmpdir)
    tmp.mkdir(parents=True, exist_ok=True)
    settings = Settings().with_(chroma_path=tmp / "chroma", state_dir=tmp / "state")
    store = make_store(settings)
    sources = list(roots) if roots is not None else index_sources(tmp, include_corpus)
    report = sync(sources, store)
    return settings, store, report


def open_index(chroma_path: Path) -> "tuple[Settings, PostingStore]":
    """Reopen an index built earlier (the cached synthetic one)."""
    quiet_telemetry()
    from bot.settings import Settings
    from bot.store import make_store

    settings = Settings().with_(chroma_path=Path(chroma_path), state_dir=Path(chroma_path).parent / "state")
    return settings, make_store(settings)


def source_name(source: str | None) -> str:
    """A cited source (path or URL as ingested) reduced to its file name, which is what question sets name."""
    if not source:
        return ""
    return source.rstrip("/").replace("\\", "/").rsplit("/", 1)[-1]


# -- timing ------------------------------------------------------------------------------------------------
def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (numpy's default), without needing numpy for a handful of numbers."""
    if not values:
        return math.nan
    data = sorted(values)
    if len(data) == 1:
        return float(data[0])
    rank = (len(data) - 1) * p / 100.0
    lo, hi = math.floor(rank), math.ceil(rank)
    return float(data[lo] + (data[hi] - data[lo]) * (rank - lo))


def summarize_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/max/mean in milliseconds, rounded for printing and JSON."""
    ms = [s * 1000.0 for s in seconds]
    if not ms:
        return {"n": 0, "p50_ms": math.nan, "p95_ms": math.nan, "max_ms": math.nan, "mean_ms": math.nan}
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2),
        "mean_ms": round(sum(ms) / len(ms), 2),
    }


@contextmanager
def timer() -> Iterator[list[float]]:
    """``with timer() as t: ...`` then ``t[0]`` is the elapsed seconds."""
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def rss_mb() -> float:
    """Current resident set size, via psutil when installed (dev extra), else the peak as an upper bound."""
    try:
        import psutil
    except ImportError:
        return peak_rss_mb()
    return round(psutil.Process().memory_info().rss / (1024 * 1024), 1)


def fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def fmt_pct(num: float, den: float) -> str:
    return "n/a" if not den else f"{num:g}/{den:g} ({100.0 * num / den:.0f}%)"


def jsonable(obj: Any) -> Any:
    """NaN is not JSON: turn it into None so ``--json`` output parses everywhere."""
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    return obj
