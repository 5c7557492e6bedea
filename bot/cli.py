"""``python -m bot``: ask, console, serve, run, ingest.

    python -m bot ask [--db DIR] [--json] QUESTION|-   one answer, or one per stdin line (model loaded once)
    python -m bot console [--db DIR]                   a local chat on the same engine (follow-ups work)
    python -m bot serve [--http] [--port N]            the Slack app: Socket Mode, or HTTP on /slack/events
    python -m bot run                                  Slack when tokens are configured, else the console
    python -m bot ingest ...                           same as ingest.py

Domain errors become one friendly line and an exit code here; details go to the log.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import IndexNotReady, RolesBotError
from .logs import configure_logging
from .settings import Settings

if TYPE_CHECKING:
    from .engine.engine import Engine
    from .models import Answer

log = logging.getLogger("bot")

EXIT_USAGE = 2
EXIT_NO_INDEX = 3
EXIT_ERROR = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Answers questions about open roles.")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer a question (or one per stdin line with '-')")
    ask.add_argument("question", help="the question, or '-' to read one per line from stdin")
    ask.add_argument("--db", type=Path, metavar="DIR", help="Chroma directory (default: CHROMA_PATH)")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")

    console = sub.add_parser("console", help="chat with the bot in the terminal")
    console.add_argument("--db", type=Path, metavar="DIR")

    serve = sub.add_parser("serve", help="run the Slack app")
    serve.add_argument("--http", action="store_true", help="HTTP mode (POST /slack/events, GET /healthz)")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument("--host", default="0.0.0.0")

    sub.add_parser("run", help="Slack if tokens are configured, else the console")
    sub.add_parser("ingest", help="same as ingest.py", add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["ingest"]:
        from .ingest.cli import main as ingest_main

        return ingest_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        settings = Settings.load()
    except RolesBotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    configure_logging("WARNING" if args.command in {"ask", "console"} else settings.log_level)
    if getattr(args, "db", None):
        settings = settings.with_(chroma_path=args.db)
    try:
        if args.command == "ask":
            return cmd_ask(settings, args.question, as_json=args.json)
        if args.command == "console":
            return cmd_console(settings)
        if args.command == "serve":
            return cmd_serve(settings, http=args.http, port=args.port, host=args.host)
        if args.command == "run":
            if settings.slack_bot_token and (settings.slack_app_token or settings.slack_signing_secret):
                return cmd_serve(settings, http=not settings.slack_app_token, port=3000, host="0.0.0.0")
            print("No Slack tokens in .env: starting the local console (same engine).", file=sys.stderr)
            return cmd_console(settings)
    except IndexNotReady as exc:
        log.debug("index not ready: %s", exc)
        print(f"error: {exc.user_message}", file=sys.stderr)
        return EXIT_NO_INDEX
    except RolesBotError as exc:
        log.error("%s", exc, exc_info=log.isEnabledFor(logging.DEBUG))
        print(f"error: {exc.user_message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _engine(settings: Settings) -> "Engine":
    if not settings.chroma_host and not (settings.chroma_path.is_dir() and any(settings.chroma_path.iterdir())):
        raise IndexNotReady(f"no index at {settings.chroma_path}")
    from .engine.factory import make_engine

    engine = make_engine(settings)
    engine.store.snapshot()  # fail fast (IndexNotReady) before reading any question
    return engine


def format_answer(answer: "Answer") -> str:
    """Plain text for a terminal: the answer, then its numbered sources with their quotes."""
    lines = [answer.text.strip()]
    if answer.sources:
        lines.append("")
        for i, src in enumerate(answer.sources, 1):
            where = src.url or src.source
            lines.append(f"[{i}] {src.title} · {src.company} — {where}")
            if src.quote:
                lines.append(f"    “{_one_line(src.quote)}”")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def cmd_ask(settings: Settings, question: str, *, as_json: bool, stdin: TextIO | None = None,
            stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    engine = _engine(settings)
    questions: Iterable[str] = (line.rstrip("\n") for line in (stdin or sys.stdin)) if question == "-" else [question]
    for q in questions:
        if question == "-" and not q.strip():
            continue
        answer = engine.answer(q)
        if as_json:
            out.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
        elif question == "-":
            out.write(_one_line(format_answer(answer)) + "\n")  # one answer per line, as the contract says
        else:
            out.write(format_answer(answer) + "\n")
        out.flush()
    return 0


def cmd_console(settings: Settings) -> int:
    """A terminal chat on the same engine as Slack; earlier turns make follow-ups work."""
    from .models import Turn

    engine = _engine(settings)
    status = engine.status()
    mode = "LLM" if settings.llm_enabled else "offline"
    print(f"roles-bot console · {status.postings} postings · {mode} answers. "
          "Ask a question; /list shows the roles, /new starts over, /quit leaves.")
    history: list[Turn] = []
    while True:
        try:
            question = input("\n› ")
        except EOFError:
            print()
            return 0
        cmd = question.strip().lower()
        if cmd in {"/quit", "/exit", "quit", "exit"}:
            return 0
        if cmd == "/new":
            history.clear()
            print("Started a new conversation.")
            continue
        if cmd == "/list":
            for rec in engine.list_roles():
                print(f"• {rec.title} · {rec.company}  ({rec.url or rec.source})")
            continue
        answer = engine.answer(question, history=tuple(history[-6:]))
        print(format_answer(answer))
        history.append(Turn(question, answer.text, tuple(s.posting_id for s in answer.sources)))


def cmd_serve(settings: Settings, *, http: bool, port: int, host: str) -> int:
    from .slack.runner import serve

    return serve(settings, http=http, port=port, host=host)
