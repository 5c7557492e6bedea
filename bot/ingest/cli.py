"""``python ingest.py [--source PATH ...] [--db DIR] [--dry-run] [--json]``

Exit codes: 0 everything ingested, 1 some posting failed (the others ingested), 2 bad usage or unreadable store.
With ``--json`` the last line of stdout is one JSON object (see ``SyncReport.to_json``).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import RolesBotError
from ..logs import configure_logging
from ..models import SyncReport
from ..settings import Settings

log = logging.getLogger("bot.ingest")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ingest.py",
        description="Sync job postings (md, txt, html, pdf, json) into the index. Idempotent: unchanged postings "
        "are skipped, changed ones replaced, vanished ones removed (per source).",
    )
    parser.add_argument("--source", action="append", type=Path, metavar="PATH",
                        help="a posting file or a folder of them; may repeat (default: KNOWLEDGE_DIR)")
    parser.add_argument("--db", type=Path, metavar="DIR", help="Chroma directory (default: CHROMA_PATH)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON object on the last line")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        settings = settings or Settings.load()
    except RolesBotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    configure_logging("WARNING" if not args.json else "ERROR")
    if args.db:
        settings = settings.with_(chroma_path=args.db)
    sources = args.source or [settings.knowledge_dir]

    from ..store import make_store  # heavy imports after argument parsing, so --help is instant
    from .sync import sync

    try:
        store = make_store(settings)
        report = _run(sync, sources, store, dry_run=args.dry_run, show_progress=not (args.quiet or args.json))
    except RolesBotError as exc:
        log.debug("ingest failed", exc_info=True)
        print(f"error: {exc.user_message} ({exc})", file=sys.stderr)
        return 2
    _print_summary(report, to_stderr=args.json)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    return 1 if report.failed else 0


def _run(sync, sources, store, *, dry_run: bool, show_progress: bool) -> SyncReport:  # type: ignore[no-untyped-def]
    if not show_progress or not sys.stderr.isatty():
        return sync(sources, store, dry_run=dry_run)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    labels = {"read": "Reading postings", "embed": "Embedding chunks", "write": "Writing index"}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, console=_console(stderr=True)) as bar:
        tasks: dict[str, int] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(labels.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        return sync(sources, store, dry_run=dry_run, progress=tick)


def _console(stderr: bool):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _print_summary(report: SyncReport, *, to_stderr: bool) -> None:
    from rich.table import Table

    console = _console(stderr=to_stderr)
    interesting = [row for row in report.rows if row[1] != "unchanged"]
    if interesting:
        table = Table(title="Postings" + (" (dry run: nothing written)" if report.dry_run else ""), title_justify="left")
        table.add_column("status")
        table.add_column("source", overflow="fold")
        table.add_column("chunks", justify="right")
        reasons = {e.source: e.error for e in report.errors}
        for src, status, chunks in sorted(interesting, key=lambda r: (r[1], r[0])):
            shown = f"{src}\n[dim]{reasons[src]}[/dim]" if status == "failed" and src in reasons else src
            table.add_row(_STYLE.get(status, status), shown, str(chunks) if chunks else "")
        console.print(table)
    summary = Table(show_header=True, title="Summary", title_justify="left")
    for col in ("added", "updated", "unchanged", "removed", "failed", "postings", "chunks", "seconds"):
        summary.add_column(col, justify="right")
    summary.add_row(*(str(report.to_json()[k]) for k in
                      ("added", "updated", "unchanged", "removed", "failed", "postings", "chunks", "seconds")))
    console.print(summary)
    if report.failed:
        console.print(f"[red]{report.failed} posting(s) failed[/red]; the others were ingested"
                      " and failed postings keep their previous version.")


_STYLE = {
    "added": "[green]added[/green]",
    "updated": "[yellow]updated[/yellow]",
    "removed": "[magenta]removed[/magenta]",
    "failed": "[red]failed[/red]",
}
