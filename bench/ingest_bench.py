"""Ingest benchmark: full and unchanged re-ingest of the 51-posting corpus and of a generated 2,000-posting corpus.

    python -m bench.ingest_bench [--n 2000] [--json] [--skip-large]

Each measurement runs in a fresh process so peak RSS is that run's own. Targets (2 cores): full ingest ≥ 10
postings/s; unchanged re-ingest ≤ 5% of a full one; peak RSS ≤ 600 MB at 2,000 postings.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, copy_corpus, corpus_available, quiet_telemetry


def _child(db: str, src: str) -> None:
    """One ingest run in this (fresh) process; prints its figures as JSON."""
    quiet_telemetry()
    started = time.perf_counter()
    from bot.ingest.sync import sync
    from bot.settings import Settings
    from bot.store import make_store

    store = make_store(Settings().with_(chroma_path=Path(db)))
    t0 = time.perf_counter()
    report = sync([Path(src)], store)
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "seconds": seconds,
        "process_seconds": time.perf_counter() - started,
        "added": report.added,
        "unchanged": report.unchanged,
        "failed": report.failed,
        "postings": report.postings,
        "chunks": report.chunks,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def _run(db: Path, src: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "bench.ingest_bench", "--child", str(db), str(src)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(name: str, src: Path, workdir: Path) -> dict[str, object]:
    db = workdir / f"db-{name}"
    full = _run(db, src)
    again = _run(db, src)
    return {
        "corpus": name,
        "postings": full["postings"],
        "chunks": full["chunks"],
        "failed": full["failed"],
        "full_seconds": round(full["seconds"], 2),
        "postings_per_s": round(full["postings"] / full["seconds"], 1),
        "chunks_per_s": round(full["chunks"] / full["seconds"], 1),
        "peak_rss_mb": round(full["peak_rss_mb"]),
        "unchanged_seconds": round(again["seconds"], 3),
        "unchanged_pct_of_full": round(100 * again["seconds"] / full["seconds"], 2),
        "unchanged_skipped": again["unchanged"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", nargs=2, metavar=("DB", "SRC"), help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=2000, help="size of the generated corpus")
    parser.add_argument("--skip-large", action="store_true", help="only the 51-posting corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0

    rows = []
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        work = Path(tmp)
        if corpus_available():
            rows.append(measure("shared corpus", copy_corpus(work / "corpus"), work))
        else:
            print("../shared/corpus is absent: skipping the 51-posting run", file=sys.stderr)
        if not args.skip_large:
            from bench.gen_corpus import generate

            gen = work / "generated"
            generate(gen, n=args.n)
            rows.append(measure(f"generated {args.n}", gen, work))
    if args.json:
        print(json.dumps(rows))
        return 0
    cols = ["corpus", "postings", "chunks", "failed", "full_seconds", "postings_per_s", "chunks_per_s",
            "peak_rss_mb", "unchanged_seconds", "unchanged_pct_of_full"]
    widths = [max(len(c), *(len(str(r[c])) for r in rows)) for c in cols]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
    for r in rows:
        print("  ".join(str(r[c]).ljust(w) for c, w in zip(cols, widths)))
    print(f"cores: {os.cpu_count()}; targets: ≥10 postings/s, unchanged ≤5% of full, peak RSS ≤600 MB at 2,000")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
