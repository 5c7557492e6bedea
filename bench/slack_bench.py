"""``python -m bench.slack_bench [--json]``: how the Slack front behaves under load, end to end on loopback.

The real Bolt app in HTTP mode (``bot.slack.server``) over an offline engine on a throw-away index of
knowledge/, talking to the loopback fake Slack Web API (``tests/fakes/slack_api.py``, ``SLACK_API_URL`` points at
it), fed properly signed requests (``tests/slack_helpers.py``). Figures:

1. Ack latency: signed ``app_mention`` event → HTTP response, and ``/roles <question>`` → HTTP response,
   sequential, ~200 each (distinct users and event ids, so the default per-user rate limit never applies).
2. Event → first Web API call for that event (matched by channel and thread ts) and, for ``/roles``,
   command → ``response_url`` post.
3. 100 concurrent mentions from 100 users over ~50 sender threads, 20% re-sent as Slack retries
   (``X-Slack-Retry-Num: 1``, same event_id): exactly one answer per event, no 5xx, no apology/error posts.

Targets: ack p95 <= 100 ms; event → first Web API call p95 <= 1 s. Exit status 1 when the concurrency run
breaks exactly-once delivery (or anything else in "problems").
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import build_index, jsonable, quiet_logs, quiet_telemetry, summarize_ms

TARGETS = {"ack_p95_ms": 100.0, "first_call_p95_ms": 1000.0}
SECRET = "bench-signing-secret"
CHANNEL = "C0BENCH"
ANSWER_METHODS = ("chat.postMessage", "chat.startStream")  # a delivered answer starts with one of these
_ts_counter = itertools.count(1)


# -- the stack under test ----------------------------------------------------------------------------------
@dataclass
class Stack:
    slack: Any  # tests.fakes.slack_api.FakeSlack
    client: Any  # tests.slack_helpers.SlackClientForTests
    server: Any  # bot.slack.server.SlackHTTPServer
    engine: Any
    settings: Any


@contextmanager
def slack_stack(engine: Any, state_dir: Path, *, rate_limit_per_minute: int | None = None) -> Iterator[Stack]:
    """Fake Slack API + real Bolt app on a loopback port, wired to ``engine``; state (feedback db) in ``state_dir``."""
    from bot.settings import Settings
    from bot.slack.app import make_app
    from bot.slack.feedback import FeedbackStore
    from bot.slack.server import SlackHTTPServer
    from tests.fakes.slack_api import FakeSlack
    from tests.slack_helpers import SlackClientForTests

    with FakeSlack() as slack:
        settings = Settings().with_(
            state_dir=Path(state_dir),
            slack_bot_token="xoxb-bench",
            slack_signing_secret=SECRET,
            slack_api_url=slack.api_url,
        )
        if rate_limit_per_minute is not None:
            settings = settings.with_(rate_limit_per_minute=rate_limit_per_minute)
        app = make_app(settings, engine, None, FeedbackStore(settings.feedback_db))
        server = SlackHTTPServer(app, host="127.0.0.1", port=0).start()
        try:
            client = SlackClientForTests(f"http://127.0.0.1:{server.port}", SECRET)
            yield Stack(slack, client, server, engine, settings)
        finally:
            server.stop()


def offline_engine(tmp: Path) -> tuple[Any, dict[str, Any]]:
    """The offline engine (no LLM) over a fresh index of knowledge/ only."""
    from bot.engine.factory import make_engine

    start = time.perf_counter()
    settings, store, report = build_index(tmp, include_corpus=False)
    settings = settings.with_(openai_api_key="", openai_base_url="")
    engine = make_engine(settings, store=store, llm=None)
    info = {"postings": report.postings, "chunks": report.chunks, "ingest_s": round(time.perf_counter() - start, 2)}
    return engine, info


def questions_for(engine: Any, n: int, seed: int = 5) -> list[str]:
    """Realistic questions about the postings in the index (fact, list and no-match), cycled to ``n``."""
    from .ask_bench import questions_from_records

    pool = [q for _, q in questions_from_records(engine.list_roles(), max(n, 40), seed=seed)]
    return [pool[i % len(pool)] for i in range(n)]


# -- events and matching -----------------------------------------------------------------------------------
def new_ts() -> str:
    return f"{1_720_000_000 + next(_ts_counter)}.000300"


def mention_event(question: str, user: str, channel: str = CHANNEL) -> dict[str, Any]:
    from tests.fakes.slack_api import BOT_USER_ID

    ts = new_ts()
    return {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {question}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "client_msg_id": f"bench-{ts}",
    }


def _thread_of(params: dict[str, Any]) -> str | None:
    return params.get("thread_ts") or params.get("ts")


def calls_by_thread(slack: Any, channel: str = CHANNEL) -> dict[str, list[Any]]:
    """Every recorded Web API call about a thread in ``channel``, keyed by the thread's ts, in arrival order."""
    out: dict[str, list[Any]] = defaultdict(list)
    with slack._lock:
        calls = list(slack.calls)
    for call in calls:
        if call.params.get("channel") == channel and _thread_of(call.params):
            out[str(_thread_of(call.params))].append(call)
    return out


def is_answer(call: Any) -> bool:
    """A real answer: a stream, or a post carrying the bot's answer metadata (apologies and rate-limit notes
    are plain posts without it)."""
    from bot.slack.conversation import METADATA_EVENT

    if call.method == "chat.startStream":
        return True
    meta = call.params.get("metadata") or {}
    return call.method == "chat.postMessage" and meta.get("event_type") == METADATA_EVENT


def error_text(text: str) -> bool:
    from bot.slack.answering import APOLOGY

    lowered = text.lower()
    return APOLOGY in text or "try again in" in lowered or "went wrong" in lowered


def wait_for_answers(slack: Any, thread_keys: Sequence[str], timeout: float = 60.0, settle: float = 0.5) -> dict[str, list[Any]]:
    """Wait until every thread got a post, then ``settle`` seconds more so late duplicates would show up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        by_thread = calls_by_thread(slack)
        if all(any(c.method in ANSWER_METHODS for c in by_thread.get(k, ())) for k in thread_keys):
            break
        time.sleep(0.02)
    time.sleep(settle)
    return calls_by_thread(slack)


def delivery_problems(by_thread: dict[str, list[Any]], thread_keys: Sequence[str]) -> list[str]:
    """Exactly one answer post per thread, and nothing that reads as an error."""
    problems = []
    for key in thread_keys:
        posts = [c for c in by_thread.get(key, ()) if c.method in ANSWER_METHODS]
        answers = [c for c in posts if is_answer(c)]
        if len(answers) != 1 or len(posts) != 1:
            problems.append(f"thread {key}: {len(answers)} answer(s) in {len(posts)} post(s)")
        for c in posts:
            if error_text(c.text_blob()):
                problems.append(f"thread {key}: error/apology posted: {str(c.params.get('text'))[:120]!r}")
    return problems


# -- 1 + 2: sequential mentions and slash commands ---------------------------------------------------------
@dataclass
class SequentialRun:
    acks: list[float] = field(default_factory=list)
    first_call: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _await_call(slack: Any, wanted: Callable[[Any], bool], timeout: float = 30.0) -> None:
    """Until the fake Slack recorded a call ``wanted`` accepts (scanning only calls recorded since the last look)."""
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        calls = slack.calls[seen:]
        seen += len(calls)
        if any(wanted(c) for c in calls):
            return
        time.sleep(0.002)


def sequential_mentions(
    stack: Stack, questions: Sequence[str], user_prefix: str = "UM", *, paced: bool = True
) -> SequentialRun:
    """One signed ``app_mention`` after another (each from a new user); ack latency and event → first call.

    ``paced``: send the next event only once the previous one's answer was posted, so event → first call is
    the bot's own latency, not a queue built by firing events faster than they are answered (the concurrent
    run measures that)."""
    run = SequentialRun()
    sent: dict[str, float] = {}
    for i, question in enumerate(questions):
        event = mention_event(question, f"{user_prefix}{i:05d}")
        t0 = time.monotonic()
        reply = stack.client.event(event, event_id=f"Ev{user_prefix}{event['ts']}")
        sent[event["ts"]] = t0
        run.acks.append(reply.elapsed)
        run.statuses[reply.status] = run.statuses.get(reply.status, 0) + 1
        if paced:
            _await_call(stack.slack, lambda c: c.method in ANSWER_METHODS and _thread_of(c.params) == event["ts"])
    by_thread = wait_for_answers(stack.slack, list(sent))
    for ts, t0 in sent.items():
        calls = by_thread.get(ts)
        if calls:
            run.first_call.append(min(c.at for c in calls) - t0)
    run.problems = delivery_problems(by_thread, list(sent))
    return run


def sequential_commands(
    stack: Stack, questions: Sequence[str], user_prefix: str = "UC", *, paced: bool = True
) -> SequentialRun:
    """``/roles <question>`` one after another (paced like the mentions); ack latency and command →
    ``response_url`` post."""
    run = SequentialRun()
    sent: dict[str, float] = {}
    for i, question in enumerate(questions):
        name = f"{user_prefix.lower()}{next(_ts_counter)}"
        t0 = time.monotonic()
        reply = stack.client.command(
            question, user=f"{user_prefix}{i:05d}", channel=CHANNEL, response_url=stack.slack.response_url(name)
        )
        sent[f"/response/{name}"] = t0
        run.acks.append(reply.elapsed)
        run.statuses[reply.status] = run.statuses.get(reply.status, 0) + 1
        if paced:
            _await_call(stack.slack, lambda c: c.method == "response_url" and c.path == f"/response/{name}")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_responses(stack.slack, sent)) < len(sent):
        time.sleep(0.02)
    time.sleep(0.3)
    responses = _responses(stack.slack, sent)
    for path, t0 in sent.items():
        calls = responses.get(path, [])
        if calls:
            run.first_call.append(min(c.at for c in calls) - t0)
        if len(calls) != 1:
            run.problems.append(f"{path}: {len(calls)} response(s)")
        run.problems += [f"{path}: error text" for c in calls if error_text(str(c.params.get("text") or ""))]
    return run


def _responses(slack: Any, sent: dict[str, float]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for call in slack.calls_to("response_url"):
        if call.path in sent:
            out[call.path].append(call)
    return out


# -- 3: concurrent mentions with retries -------------------------------------------------------------------
@dataclass
class ConcurrentRun:
    events: int
    retries: int
    senders: int
    wall_s: float
    answers: int
    statuses: dict[int, int]
    acks: list[float]
    problems: list[str]

    @property
    def answers_per_s(self) -> float:
        return self.answers / self.wall_s if self.wall_s else 0.0


def concurrent_mentions(
    stack: Stack, questions: Sequence[str], *, senders: int = 50, retry_share: float = 0.2, seed: int = 3
) -> ConcurrentRun:
    """Each question as a mention from its own user, fired from ``senders`` threads; a ``retry_share`` of them
    is re-sent later in the stream as Slack retries (same event_id, ``X-Slack-Retry-Num: 1``)."""
    rng = random.Random(seed)
    events = [(f"EvC{i:05d}{next(_ts_counter)}", mention_event(q, f"UP{i:05d}")) for i, q in enumerate(questions)]
    jobs: list[tuple[str, dict[str, Any], int | None]] = [(eid, ev, None) for eid, ev in events]
    rng.shuffle(jobs)
    n_retries = round(len(events) * retry_share)
    for eid, ev in rng.sample(events, n_retries):
        first = next(i for i, job in enumerate(jobs) if job[0] == eid)
        jobs.insert(rng.randint(first + 1, len(jobs)), (eid, ev, 1))  # a retry never precedes its original

    def send(job: tuple[str, dict[str, Any], int | None]) -> tuple[int, float]:
        eid, ev, retry = job
        t0 = time.monotonic()
        try:
            reply = stack.client.event(ev, event_id=eid, retry_num=retry)
        except OSError:  # refused or reset: what Slack would see as a failed delivery
            return 0, time.monotonic() - t0
        return reply.status, reply.elapsed

    keys = [ev["ts"] for _, ev in events]
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=senders) as pool:
        results = list(pool.map(send, jobs))
    by_thread = wait_for_answers(stack.slack, keys)
    posts = [c for k in keys for c in by_thread.get(k, ()) if c.method in ANSWER_METHODS]
    last = max((c.at for c in posts), default=time.monotonic())
    statuses: dict[int, int] = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    problems = delivery_problems(by_thread, keys)
    problems += [f"{n} response(s) with HTTP {s}" if s else f"{n} connection error(s)" for s, n in statuses.items() if s != 200]
    return ConcurrentRun(
        events=len(events),
        retries=n_retries,
        senders=senders,
        wall_s=last - start,
        answers=sum(1 for c in posts if is_answer(c)),
        statuses=statuses,
        acks=[elapsed for _, elapsed in results],
        problems=problems,
    )


# -- the bench ---------------------------------------------------------------------------------------------
def warm_up(stack: Stack, questions: Sequence[str]) -> None:
    """First requests pay for Bolt's lazy ``auth.test`` and the engine's first query: keep them out of the figures."""
    run = sequential_mentions(stack, questions, user_prefix="UW")
    if run.problems:
        raise RuntimeError(f"warm-up failed: {run.problems[:3]}")


def run_bench(engine: Any, state_dir: Path, *, n: int = 200, concurrent: int = 100, senders: int = 50) -> dict[str, Any]:
    questions = questions_for(engine, max(n, concurrent))
    result: dict[str, Any] = {"targets": TARGETS}
    with slack_stack(engine, state_dir) as stack:
        result["rate_limit_per_minute"] = stack.settings.rate_limit_per_minute
        warm_up(stack, questions[:5])
        stack.slack.reset()
        mentions = sequential_mentions(stack, questions[:n])
        stack.slack.reset()
        commands = sequential_commands(stack, questions[:n])
        stack.slack.reset()
        conc = concurrent_mentions(stack, questions[:concurrent], senders=senders)
    result["mention"] = {
        "ack": summarize_ms(mentions.acks),
        "event_to_first_call": summarize_ms(mentions.first_call),
        "statuses": mentions.statuses,
        "problems": mentions.problems,
    }
    result["command"] = {
        "ack": summarize_ms(commands.acks),
        "command_to_response_url": summarize_ms(commands.first_call),
        "statuses": commands.statuses,
        "problems": commands.problems,
    }
    result["concurrent"] = {
        "events": conc.events,
        "retries": conc.retries,
        "senders": conc.senders,
        "answers": conc.answers,
        "wall_s": round(conc.wall_s, 3),
        "answers_per_s": round(conc.answers_per_s, 1),
        "ack": summarize_ms(conc.acks),
        "statuses": conc.statuses,
        "problems": conc.problems,
    }
    result["verdict"] = {
        "mention_ack_p95": result["mention"]["ack"]["p95_ms"] <= TARGETS["ack_p95_ms"],
        "command_ack_p95": result["command"]["ack"]["p95_ms"] <= TARGETS["ack_p95_ms"],
        "first_call_p95": result["mention"]["event_to_first_call"]["p95_ms"] <= TARGETS["first_call_p95_ms"],
        "exactly_once": not conc.problems and conc.answers == conc.events,
    }
    return result


def _line(label: str, s: dict[str, Any]) -> str:
    return f"  {label:30} n={s['n']:<4} p50 {s['p50_ms']:>7.1f} ms  p95 {s['p95_ms']:>7.1f} ms  max {s['max_ms']:>7.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Slack front latency and exactly-once delivery, on loopback.")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-n", type=int, default=200, help="sequential mentions and slash commands")
    parser.add_argument("--concurrent", type=int, default=100, help="concurrent mention events")
    parser.add_argument("--senders", type=int, default=50, help="sender threads for the concurrent run")
    args = parser.parse_args(argv)
    quiet_telemetry()
    quiet_logs()
    with tempfile.TemporaryDirectory(prefix="roles-slack-") as tmp:
        engine, index = offline_engine(Path(tmp) / "index")
        result = run_bench(engine, Path(tmp) / "state", n=args.n, concurrent=args.concurrent, senders=args.senders)
    result["index"] = index
    failed = bool(result["concurrent"]["problems"] or result["mention"]["problems"] or result["command"]["problems"])
    if args.json:
        print(json.dumps(jsonable(result), indent=2))
        return 1 if failed else 0
    ok = {True: "ok", False: "MISSED"}
    v = result["verdict"]
    print(f"index: knowledge/ only, {index['postings']} postings, {index['chunks']} chunks (offline engine, no LLM)")
    print(f"rate limit: {result['rate_limit_per_minute']}/min per user (default; every request comes from its own user)")
    print("\n1+2. sequential (targets: ack p95 <= 100 ms, event -> first Web API call p95 <= 1000 ms)")
    print(_line("app_mention ack", result["mention"]["ack"]) + f"  [{ok[v['mention_ack_p95']]}]")
    print(_line("/roles ack", result["command"]["ack"]) + f"  [{ok[v['command_ack_p95']]}]")
    print(_line("event -> first Web API call", result["mention"]["event_to_first_call"]) + f"  [{ok[v['first_call_p95']]}]")
    print(_line("/roles -> response_url post", result["command"]["command_to_response_url"]))
    print(f"  statuses: mentions {result['mention']['statuses']}, commands {result['command']['statuses']}")
    c = result["concurrent"]
    print(f"\n3. concurrent: {c['events']} mentions from {c['events']} users + {c['retries']} Slack retries, {c['senders']} senders")
    print(f"  answers posted: {c['answers']}/{c['events']} (exactly once each: {ok[v['exactly_once']]}), HTTP statuses {c['statuses']}")
    print(f"  wall time {c['wall_s']:.2f} s (first send -> last answer), {c['answers_per_s']:.1f} answers/s")
    print(_line("ack under load", c["ack"]))
    for key in ("mention", "command", "concurrent"):
        for problem in result[key]["problems"][:10]:
            print(f"  PROBLEM ({key}): {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
