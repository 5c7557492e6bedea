"""End to end through the real Bolt app in HTTP mode on loopback: properly signed requests in, a loopback
fake Slack Web API out (tests/fakes/slack_api.py records every call the app makes)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.errors import IndexNotReady
from bot.settings import Settings
from bot.slack.app import make_app
from bot.slack.blocks import escape
from bot.slack.blocks import ACTION_COPY, ACTION_REINGEST, ACTION_SHARE, ACTION_VOTE_DOWN, ACTION_VOTE_UP
from bot.slack.feedback import FeedbackStore
from bot.slack.server import SlackHTTPServer
from tests.fakes.engine import EchoEngine, LongEngine, SlowEngine, StreamingEngine
from tests.fakes.runner import GatedRunner
from tests.fakes.slack_api import BOT_ID, BOT_USER_ID, Call, FakeSlack
from tests.slack_helpers import SlackClientForTests

SECRET = "test-signing-secret"
ADMIN = "UADMIN"
USER = "UALICE"


# -- fixtures -------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def slack_fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture(scope="session")
def engine_parts(engine_env: tuple[Any, Any, Any]) -> tuple[Any, Any, Any]:
    """(settings, store, engine): the real engine over knowledge/ from the shared ``engine_env`` fixture."""
    return engine_env


@pytest.fixture(scope="session")
def base_engine(engine_parts: tuple[Any, Any, Any]) -> Any:
    return engine_parts[2]


@dataclass
class Bot:
    slack: FakeSlack
    client: SlackClientForTests
    settings: Settings
    server: SlackHTTPServer
    runner: Any
    engine: Any

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def answers(self, **match: Any) -> list[Call]:
        return self.slack.calls_to("chat.postMessage", **match)


@pytest.fixture
def make_bot(slack_fake: FakeSlack, base_engine: Any, tmp_path: Path) -> Iterator[Callable[..., Bot]]:
    servers: list[SlackHTTPServer] = []
    runners: list[Any] = []

    def build(engine: Any = None, runner: Any = None, **changes: Any) -> Bot:
        slack_fake.reset()
        settings = Settings(
            knowledge_dir=Path("knowledge"),
            chroma_path=tmp_path / "chroma",
            state_dir=tmp_path / "state",
            slack_bot_token="xoxb-test",
            slack_signing_secret=SECRET,
            slack_api_url=slack_fake.api_url,
            admin_user_ids=frozenset({ADMIN}),
            rate_limit_per_minute=50,
        ).with_(**changes)
        runner = runner if runner is not None else GatedRunner()
        engine = engine if engine is not None else base_engine
        app = make_app(settings, engine, runner, FeedbackStore(settings.feedback_db))
        server = SlackHTTPServer(app, host="127.0.0.1", port=0).start()
        servers.append(server)
        runners.append(runner)
        return Bot(slack_fake, SlackClientForTests(f"http://127.0.0.1:{server.port}", SECRET), settings, server, runner, engine)

    yield build
    for runner in runners:
        if hasattr(runner, "gate"):
            runner.gate.set()
            runner.wait()
    for server in servers:
        server.stop()


@pytest.fixture
def bot(make_bot: Callable[..., Bot]) -> Bot:
    return make_bot()


# -- helpers --------------------------------------------------------------------------------------------
_ts = iter(range(1, 1_000_000))


def new_ts() -> str:
    return f"1710000{next(_ts):03d}.000200"


def mention(text: str, *, channel: str = "C0GENERAL", user: str = USER, thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": new_ts(),
        "channel": channel,
        "event_ts": "1",
        "client_msg_id": f"cm-{next(_ts)}",
        **extra,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm(text: str, *, user: str = USER, channel: str = "D0ALICE", thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    event = {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": new_ts(),
        "channel": channel,
        "event_ts": "1",
        "client_msg_id": f"cm-{next(_ts)}",
        **extra,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def blocks_text(call: Call) -> str:
    """All visible text of a message's blocks."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and "text" in node:
                out.append(node["text"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(call.params.get("blocks") or [])
    return "\n".join(out)


def action_values(call: Call) -> dict[str, str]:
    values = {}
    for block in call.params.get("blocks") or []:
        if block.get("type") == "actions":
            for el in block["elements"]:
                values[el["action_id"]] = el["value"]
    return values


def quiet(seconds: float = 0.4) -> None:
    """Let background workers run, to show that something does NOT happen."""
    time.sleep(seconds)


def assert_slack_limits(call: Call) -> None:
    blocks = call.params.get("blocks") or []
    assert len(blocks) <= 50
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    assert len(call.params.get("text") or "") <= 40_000


def question_for(bot: Bot) -> str:
    """A question the engine answers with a source: the pay of a role that states pay."""
    roles = sorted(bot.engine.list_roles(), key=lambda r: r.posting_id)
    paid = next((r for r in roles if r.facts.base_salary and r.company and r.title), roles[0])
    return f"What does the {paid.title} role at {paid.company} pay?"


# -- mentions, DMs, threads -----------------------------------------------------------------------------
def test_mention_is_answered_in_its_thread_with_sources(bot: Bot) -> None:
    event = mention(question_for(bot))
    reply = bot.client.event(event)
    assert reply.status == 200 and reply.elapsed < 2.0
    [call] = bot.slack.wait_for("chat.postMessage", channel="C0GENERAL", thread_ts=event["ts"])
    text = blocks_text(call)
    assert "*Sources*" in text and "[1]" in text
    assert set(action_values(call)) == {ACTION_VOTE_UP, ACTION_VOTE_DOWN}
    assert call.params["metadata"]["event_type"] == "roles_bot_answer"
    assert call.params["metadata"]["event_payload"]["posting_ids"]
    assert call.token == "xoxb-test"
    assert_slack_limits(call)


def test_follow_up_mention_in_thread_carries_the_earlier_turn(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    engine = StreamingEngine(base_engine)
    bot = make_bot(engine=engine)
    first = mention(question_for(bot))
    bot.client.event(first)
    bot.slack.wait_for("chat.stopStream")
    follow = mention("and is it remote?", thread_ts=first["ts"])
    bot.client.event(follow)
    bot.slack.wait_for("chat.stopStream", count=2)
    assert engine.histories[0] == ()
    assert [t.question for t in engine.histories[1]] == [question_for(bot)]
    assert engine.histories[1][0].posting_ids  # which posting the thread is about
    # the follow-up streamed into the same thread
    assert [c.params["thread_ts"] for c in bot.slack.calls_to("chat.startStream")] == [first["ts"], first["ts"]]


def test_follow_up_after_restart_reads_the_thread_from_slack(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    engine = StreamingEngine(base_engine)
    bot = make_bot(engine=engine)
    root_ts = "1700000500.000100"
    bot.slack.seed_thread(
        "C0GENERAL",
        root_ts,
        [
            {"ts": root_ts, "user": USER, "text": f"<@{BOT_USER_ID}> What does the Axios role pay?"},
            {
                "ts": "1700000501.000100",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "text": "The Axios role pays ... [1]",
                "metadata": {"event_type": "roles_bot_answer", "event_payload": {"posting_ids": ["axios-1"]}},
            },
        ],
    )
    follow = mention("is it remote?", thread_ts=root_ts)
    bot.client.event(follow)
    bot.slack.wait_for("chat.stopStream")
    [replies] = bot.slack.calls_to("conversations.replies")
    assert replies.params["ts"] == root_ts
    [turn] = engine.histories[0]
    assert turn.question == "What does the Axios role pay?" and turn.posting_ids == ("axios-1",)


def test_dm_is_answered_and_dm_thread_follow_up_needs_no_mention(bot: Bot) -> None:
    event = dm(question_for(bot))
    bot.client.event(event)
    [call] = bot.slack.wait_for("chat.postMessage", channel="D0ALICE", thread_ts=event["ts"])
    assert "*Sources*" in blocks_text(call)
    follow = dm("does it say anything about remote work?", thread_ts=event["ts"])
    bot.client.event(follow)
    calls = bot.slack.wait_for("chat.postMessage", count=2, channel="D0ALICE", thread_ts=event["ts"])
    assert len(calls) == 2


def test_plain_channel_messages_and_bot_messages_are_ignored(bot: Bot) -> None:
    q = question_for(bot)
    assert bot.client.event({**dm(q), "channel_type": "channel", "channel": "C0GENERAL"}).status == 200
    assert bot.client.event({**dm(q), "bot_id": "BOTHER", "subtype": "bot_message"}).status == 200
    assert bot.client.event({**dm(q), "bot_id": "BOTHER"}).status == 200
    assert bot.client.event({**mention(q), "bot_id": "BOTHER"}).status == 200
    assert bot.client.event({**dm(q), "user": BOT_USER_ID, "bot_id": BOT_ID}).status == 200  # our own
    assert bot.client.event({**dm(q), "subtype": "message_changed"}).status == 200
    quiet()
    assert bot.answers() == []
    assert bot.slack.calls_to("chat.startStream") == []


# -- streaming ------------------------------------------------------------------------------------------
def test_llm_answer_streams_then_ends_with_sources_and_buttons(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    bot = make_bot(engine=StreamingEngine(base_engine, piece=15))
    event = mention(question_for(bot))
    bot.client.event(event)
    [stop] = bot.slack.wait_for("chat.stopStream")
    [start] = bot.slack.calls_to("chat.startStream")
    assert start.params["thread_ts"] == event["ts"] and start.params["recipient_user_id"] == USER
    assert start.params["recipient_team_id"]
    streamed = "".join(
        ch.get("text", "")
        for c in [start, *bot.slack.calls_to("chat.appendStream"), stop]
        for ch in c.params.get("chunks") or []
    )
    final = base_engine.answer(question_for(bot))
    assert streamed == escape(final.text, keep_quotes=True)
    assert "*Sources*" in blocks_text(stop) and ACTION_VOTE_UP in action_values(stop)
    assert bot.slack.calls_to("chat.update") == []  # the final answer is what streamed
    assert bot.answers() == []


def test_streamed_draft_replaced_by_verified_answer_is_updated(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    bot = make_bot(engine=StreamingEngine(base_engine, final_text="The verified answer [1]."))
    bot.client.event(mention(question_for(bot)))
    [stop] = bot.slack.wait_for("chat.stopStream")
    [update] = bot.slack.wait_for("chat.update")
    assert update.params["ts"] == bot.slack.calls_to("chat.startStream")[0].params.get("ts") or update.params["ts"]
    assert "The verified answer [1]." in blocks_text(update)
    assert "*Sources*" in blocks_text(update)


def test_stream_refused_falls_back_to_a_whole_post(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    bot = make_bot(engine=StreamingEngine(base_engine))
    bot.slack.fail("chat.startStream", "not_allowed_token_type")
    event = mention(question_for(bot))
    bot.client.event(event)
    [call] = bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
    assert "*Sources*" in blocks_text(call)


# -- /roles ---------------------------------------------------------------------------------------------
def test_roles_question_is_ephemeral_then_shared_and_copied(bot: Bot) -> None:
    url = bot.slack.response_url("roles-1")
    reply = bot.client.command(question_for(bot), response_url=url)
    assert reply.status == 200 and reply.elapsed < 2.0
    [eph] = bot.slack.wait_for("response_url", path="/response/roles-1")
    assert eph.params["response_type"] == "ephemeral"
    values = action_values(eph)
    assert {ACTION_SHARE, ACTION_COPY, ACTION_VOTE_UP} <= set(values)
    answer_id = values[ACTION_SHARE]

    bot.client.action(ACTION_SHARE, answer_id, response_url=bot.slack.response_url("share"))
    [shared] = bot.slack.wait_for("chat.postMessage", channel="C0GENERAL")
    assert f"shared by <@{USER}>" in blocks_text(shared)
    assert blocks_text(shared).split("*Sources*")[0].strip() in blocks_text(eph)  # the same answer, stored
    assert ACTION_SHARE not in action_values(shared)  # no share button in public

    bot.client.action(ACTION_COPY, answer_id, response_url=bot.slack.response_url("copy"))
    [copy] = bot.slack.wait_for("response_url", path="/response/copy")
    assert copy.params["response_type"] == "ephemeral"
    assert action_values(copy) == {}  # no feedback buttons, no internal notes
    text = blocks_text(copy)
    assert "knowledge/" not in text and ".md`" not in text  # no internal file names
    stored = FeedbackStore(bot.settings.feedback_db).get_answer(answer_id)
    assert stored is not None
    for src in stored.answer.sources:
        if src.url and src.url.startswith("http"):
            assert src.url in text


def test_share_is_refused_for_someone_elses_answer(bot: Bot) -> None:
    bot.client.command(question_for(bot), response_url=bot.slack.response_url("r"))
    [eph] = bot.slack.wait_for("response_url", path="/response/r")
    bot.client.action(ACTION_SHARE, action_values(eph)[ACTION_SHARE], user="UMALLORY", response_url=bot.slack.response_url("m"))
    [refused] = bot.slack.wait_for("response_url", path="/response/m")
    assert "no longer have" in refused.params["text"]
    assert bot.answers() == []


def test_roles_help_and_list(bot: Bot) -> None:
    bot.client.command("", response_url=bot.slack.response_url("help"))
    [help_] = bot.slack.wait_for("response_url", path="/response/help")
    assert "/roles list" in blocks_text(help_) and "reingest" not in blocks_text(help_)
    bot.client.command("list", response_url=bot.slack.response_url("list"))
    [listing] = bot.slack.wait_for("response_url", path="/response/list")
    text = blocks_text(listing)
    roles = bot.engine.list_roles()
    assert f"{len(roles)} open role" in text
    for role in roles:
        assert role.title.replace("&", "&amp;") in text
    paid = [r for r in roles if r.facts.base_salary]
    if paid:
        assert paid[0].facts.base_salary.text.replace("&", "&amp;") in text


def test_ack_never_waits_for_a_slow_engine(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    engine = SlowEngine(base_engine)
    bot = make_bot(engine=engine)
    reply = bot.client.command(question_for(bot), response_url=bot.slack.response_url("slow"))
    assert reply.status == 200 and reply.elapsed < 1.0
    reply = bot.client.event(mention(question_for(bot)))
    assert reply.status == 200 and reply.elapsed < 1.0
    engine.release.set()
    bot.slack.wait_for("response_url", path="/response/slow")
    bot.slack.wait_for("chat.postMessage")


# -- feedback ---------------------------------------------------------------------------------------------
def test_feedback_click_is_stored(bot: Bot) -> None:
    event = mention(question_for(bot))
    bot.client.event(event)
    [answer] = bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
    answer_id = action_values(answer)[ACTION_VOTE_DOWN]
    container = {"type": "message", "message_ts": answer.params.get("ts", "1.2"), "channel_id": "C0GENERAL"}
    bot.client.action(ACTION_VOTE_DOWN, answer_id, user="UBOB", response_url=bot.slack.response_url("v"), container=container)
    [thanks] = bot.slack.wait_for("response_url", path="/response/v")
    assert thanks.params["response_type"] == "ephemeral" and thanks.params["replace_original"] is False
    with sqlite3.connect(bot.settings.feedback_db) as conn:
        rows = conn.execute("SELECT question, answer, sources, user, channel, vote, created FROM feedback").fetchall()
    [(question, text, sources, user, channel, vote, created)] = rows
    assert question == question_for(bot) and text and json.loads(sources)
    assert (user, channel, vote) == ("UBOB", "C0GENERAL", -1) and created > 0
    # changing one's mind replaces the vote
    bot.client.action(ACTION_VOTE_UP, answer_id, user="UBOB", response_url=bot.slack.response_url("v2"))
    bot.slack.wait_for("response_url", path="/response/v2")
    assert FeedbackStore(bot.settings.feedback_db).counts() == (1, 0)


def test_feedback_on_unknown_answer_is_not_stored(bot: Bot) -> None:
    bot.client.action(ACTION_VOTE_UP, "nope' OR 1=1 --", response_url=bot.slack.response_url("x"))
    [reply] = bot.slack.wait_for("response_url", path="/response/x")
    assert "no longer have" in reply.params["text"]
    assert FeedbackStore(bot.settings.feedback_db).counts() == (0, 0)


# -- admin re-ingest --------------------------------------------------------------------------------------
def test_non_admin_reingest_is_refused(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="bot.slack.admin"):
        bot.client.command("reingest", user=USER, response_url=bot.slack.response_url("ri"))
        [reply] = bot.slack.wait_for("response_url", path="/response/ri")
    assert "only the bot's admins" in reply.params["text"]
    assert bot.runner.started == 0
    assert any("non-admin" in r.getMessage() and USER in r.getMessage() for r in caplog.records)


def test_admin_reingest_reports_and_bot_answers_meanwhile(bot: Bot) -> None:
    bot.client.command("reingest", user=ADMIN, response_url=bot.slack.response_url("a1"))
    [started] = bot.slack.wait_for("response_url", path="/response/a1")
    assert "started" in started.params["text"].lower()
    # while it runs: questions are still answered, and a second request hears it is running
    event = mention(question_for(bot))
    bot.client.event(event)
    bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
    bot.client.command("reingest", user=ADMIN, response_url=bot.slack.response_url("a2"))
    [second] = bot.slack.wait_for("response_url", path="/response/a2")
    assert "already running" in second.params["text"]
    assert bot.runner.started == 1
    with urllib.request.urlopen(bot.url + "/healthz") as resp:
        assert json.load(resp)["reingest_running"] is True
    bot.runner.gate.set()
    [report] = bot.slack.wait_for("chat.postMessage", channel=ADMIN)
    text = report.params["text"]
    assert "2 added, 1 updated, 0 removed, 1 failed" in text and "broken.pdf" in text and "no text layer" in text


def test_reingest_failure_is_reported_without_a_trace(make_bot: Callable[..., Bot]) -> None:
    bot = make_bot(runner=GatedRunner(error=RuntimeError("disk on fire")))
    bot.runner.gate.set()
    bot.client.command("reingest", user=ADMIN, response_url=bot.slack.response_url("f"))
    [report] = bot.slack.wait_for("chat.postMessage", channel=ADMIN)
    assert "Re-ingest failed" in report.params["text"] and "Traceback" not in report.params["text"]


def test_admin_reingest_with_the_real_runner(make_bot: Callable[..., Bot], base_engine: Any, tmp_path: Path, knowledge_dir: Path) -> None:
    try:
        from bot.ingest.runner import ReingestRunner
        from bot.ingest.sync import sync  # noqa: F401
        from bot.store import make_store
    except ImportError as exc:
        pytest.skip(f"ingest not available: {exc}")
    postings = tmp_path / "postings"
    postings.mkdir()
    for path in sorted(knowledge_dir.iterdir())[:2]:
        shutil.copy(path, postings / path.name)
    (postings / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    settings = Settings(knowledge_dir=postings, chroma_path=tmp_path / "rchroma", state_dir=tmp_path / "rstate")
    runner = ReingestRunner(settings, make_store(settings))
    bot = make_bot(runner=runner)
    bot.client.command("reingest", user=ADMIN, response_url=bot.slack.response_url("real"))
    bot.slack.wait_for("response_url", path="/response/real")
    [report] = bot.slack.wait_for("chat.postMessage", channel=ADMIN, timeout=60)
    assert "2 added" in report.params["text"] and "1 failed" in report.params["text"]
    assert "broken.pdf" in report.params["text"]


# -- App Home -------------------------------------------------------------------------------------------
def test_app_home_for_admin_shows_status_feedback_unanswered_and_button(bot: Bot) -> None:
    bot.client.event(mention("What is the office dog's name on Jupiter?"))
    bot.slack.wait_for("chat.postMessage")
    bot.client.event({"type": "app_home_opened", "user": ADMIN, "channel": "D0ADMIN", "tab": "home", "event_ts": "1"})
    [pub] = bot.slack.wait_for("views.publish", user_id=ADMIN)
    view = pub.params["view"]
    text = blocks_text(Call("x", {"blocks": view["blocks"]}))
    status = bot.engine.status()
    assert f"{status.postings} postings" in text and f"{status.chunks} chunks" in text
    assert "Last ingest" in text and "👍 0 · 👎 0" in text
    answered = FeedbackStore(bot.settings.feedback_db)
    if answered.unanswered():
        assert "office dog" in text
    assert ACTION_REINGEST in json.dumps(view)
    for err in (status.last_run or {}).get("errors") or []:
        assert Path(err["source"]).name in text


def test_app_home_for_others_is_help_and_their_click_is_refused(bot: Bot) -> None:
    bot.client.event({"type": "app_home_opened", "user": USER, "channel": "D0ALICE", "tab": "home", "event_ts": "1"})
    [pub] = bot.slack.wait_for("views.publish", user_id=USER)
    assert ACTION_REINGEST not in json.dumps(pub.params["view"]) and "/roles" in json.dumps(pub.params["view"])
    # a forged click from a non-admin (the button value says nothing about who may click)
    bot.client.action(ACTION_REINGEST, "reingest", user=USER, channel=None, container={"type": "view", "view_id": "V1"})
    [dm_] = bot.slack.wait_for("chat.postMessage", channel=USER)
    assert "only the bot's admins" in dm_.params["text"]
    assert bot.runner.started == 0


def test_app_home_button_starts_reingest_for_admin(bot: Bot) -> None:
    bot.client.action(ACTION_REINGEST, "reingest", user=ADMIN, channel=None, container={"type": "view", "view_id": "V1"})
    [pub] = bot.slack.wait_for("views.publish", user_id=ADMIN)
    assert "Re-ingest running" in json.dumps(pub.params["view"])
    assert bot.runner.started == 1
    bot.runner.gate.set()
    bot.slack.wait_for("chat.postMessage", channel=ADMIN, where=lambda c: "finished" in c.params["text"])
    bot.slack.wait_for("views.publish", count=2, user_id=ADMIN)  # refreshed when done


# -- assistant panel ------------------------------------------------------------------------------------
def test_assistant_thread_started_greets_with_prompts_from_postings(bot: Bot) -> None:
    thread = {"user_id": USER, "context": {}, "channel_id": "D0ASSIST", "thread_ts": "1700000900.000100"}
    bot.client.event({"type": "assistant_thread_started", "assistant_thread": thread, "event_ts": "1"})
    [prompts] = bot.slack.wait_for("assistant.threads.setSuggestedPrompts")
    assert prompts.params["channel_id"] == "D0ASSIST" and prompts.params["thread_ts"] == thread["thread_ts"]
    titles = [r.title for r in bot.engine.list_roles()]
    assert any(any(t in p["message"] for t in titles) for p in prompts.params["prompts"])
    [greet] = bot.slack.wait_for("chat.postMessage", channel="D0ASSIST", thread_ts=thread["thread_ts"])
    assert "open roles" in greet.params["text"]


def test_assistant_message_sets_status_and_title_then_answers(bot: Bot) -> None:
    thread_ts = "1700000901.000100"
    event = dm(question_for(bot), channel="D0ASSIST", thread_ts=thread_ts)
    bot.client.event(event)
    [status] = bot.slack.wait_for("assistant.threads.setStatus")
    assert status.params["status"] == "Searching postings…" and status.params["thread_ts"] == thread_ts
    [title] = bot.slack.wait_for("assistant.threads.setTitle")
    assert title.params["title"] == question_for(bot)[:60] or question_for(bot).startswith(title.params["title"].rstrip("…"))
    [answer] = bot.slack.wait_for("chat.postMessage", channel="D0ASSIST", thread_ts=thread_ts)
    assert "*Sources*" in blocks_text(answer)
    assert status.at <= answer.at


# -- hygiene --------------------------------------------------------------------------------------------
def test_redelivered_event_is_answered_once(bot: Bot) -> None:
    event = mention(question_for(bot))
    assert bot.client.event(event, event_id="EvDUP1").status == 200
    assert bot.client.event(event, event_id="EvDUP1", retry_num=1).status == 200
    assert bot.client.event(event, event_id="EvDUP1", retry_num=2).status == 200
    bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
    quiet()
    assert len(bot.answers(thread_ts=event["ts"])) == 1


def test_forged_signature_and_stale_timestamp_are_rejected(bot: Bot) -> None:
    event = mention(question_for(bot))
    body = json.dumps({"type": "event_callback", "event_id": "EvF", "team_id": "T", "event": event})
    assert bot.client.post(body, "application/json", signature="v0=" + "0" * 64).status == 401
    assert bot.client.post(body, "application/json", ts=int(time.time()) - 10 * 60).status == 401
    other = SlackClientForTests(bot.url, "not-the-secret")
    assert other.event(event).status == 401
    quiet()
    assert bot.slack.calls == [] or all(c.method != "chat.postMessage" for c in bot.slack.calls)


def test_url_verification_and_healthz(bot: Bot) -> None:
    reply = bot.client.post(json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"}), "application/json")
    assert reply.status == 200 and "abc123" in reply.body
    with urllib.request.urlopen(bot.url + "/healthz") as resp:
        assert resp.status == 200
        health = json.load(resp)
    assert health["ok"] is True and health["index"]["postings"] == bot.engine.status().postings > 0


def test_rate_limit_is_friendly(make_bot: Callable[..., Bot]) -> None:
    bot = make_bot(rate_limit_per_minute=2)
    for _ in range(3):
        bot.client.event(mention(question_for(bot)))
    calls = bot.slack.wait_for("chat.postMessage", count=3)
    limited = [c for c in calls if "try again in" in (c.params.get("text") or "")]
    assert len(limited) == 1 and not limited[0].params.get("blocks")
    bot.client.command(question_for(bot), response_url=bot.slack.response_url("rl"))
    [slash] = bot.slack.wait_for("response_url", path="/response/rl")
    assert "try again in" in slash.params["text"]
    bot.client.command(question_for(bot), user="UOTHER", response_url=bot.slack.response_url("ok"))
    [other] = bot.slack.wait_for("response_url", path="/response/ok")
    assert "try again" not in other.params["text"]


def test_mentions_in_questions_and_postings_are_escaped(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    bot = make_bot(engine=EchoEngine(base_engine))
    event = mention("<!channel> <!here> @everyone <@U0BOSS> what pays?")
    bot.client.event(event)
    [call] = bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
    everything = json.dumps(call.params["blocks"]) + call.params["text"]
    for bad in ("<!channel>", "<!here>", "<@U0BOSS>", "<@U999>", "@everyone", "@here"):
        assert bad not in everything
    assert "&lt;!channel&gt;" in blocks_text(call) and "Acme &amp; Co" in blocks_text(call)


def test_a_12000_character_answer_is_posted_within_limits(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    bot = make_bot(engine=LongEngine(base_engine, chars=12_000))
    event = mention("tell me everything")
    bot.client.event(event)
    [call] = bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
    assert_slack_limits(call)
    sections = [b["text"]["text"] for b in call.params["blocks"] if b["type"] == "section"]
    assert len(sections) >= 5
    assert sum(len(s) for s in sections if "*Sources*" not in s) >= 11_500  # split, not trimmed
    assert ACTION_VOTE_UP in action_values(call)


def test_engine_errors_become_a_short_apology(make_bot: Callable[..., Bot], base_engine: Any) -> None:
    class Broken(StreamingEngine):
        def stream(self, question, history=()):
            raise RuntimeError("boom: secret stack detail")
            yield  # pragma: no cover

    class NotReady(StreamingEngine):
        def stream(self, question, history=()):
            raise IndexNotReady("no generation")
            yield  # pragma: no cover

    bot = make_bot(engine=Broken(base_engine))
    event = mention("anything")
    bot.client.event(event)
    [call] = bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
    assert call.params["text"].startswith("Sorry") and "boom" not in call.params["text"]
    assert FeedbackStore(bot.settings.feedback_db).unanswered()[0][0] == "anything"

    bot = make_bot(engine=NotReady(base_engine))
    event = mention("anything")
    bot.client.event(event)
    [call] = bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
    assert call.params["text"] == IndexNotReady.user_message


# -- Socket Mode ------------------------------------------------------------------------------------------
def test_socket_mode_request_is_dispatched_and_acked(make_bot: Callable[..., Bot]) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.socket_mode.request import SocketModeRequest

    bot = make_bot()
    sm_app = make_app(bot.settings, bot.engine, bot.runner, FeedbackStore(bot.settings.feedback_db))

    class RecordingClient:
        def __init__(self) -> None:
            import logging

            self.logger = logging.getLogger("test.socket")
            self.responses: list[Any] = []

        def send_socket_mode_response(self, response: Any) -> None:
            self.responses.append(response)

    handler = SocketModeHandler(sm_app, app_token="xapp-test")
    try:
        client = RecordingClient()
        event = mention(question_for(bot))
        payload = {"type": "event_callback", "event_id": "EvSOCK1", "team_id": "T0TEAM", "event": event}
        handler.handle(client, SocketModeRequest(type="events_api", envelope_id="env-1", payload=payload))
        assert [r.envelope_id for r in client.responses] == ["env-1"]
        [answer] = bot.slack.wait_for("chat.postMessage", thread_ts=event["ts"])
        assert "*Sources*" in blocks_text(answer)
        # a retry over the socket (retry_attempt) is dropped too
        handler.handle(client, SocketModeRequest(type="events_api", envelope_id="env-2", payload=payload, retry_attempt=1))
        command = {"command": "/roles", "text": "list", "user_id": USER, "channel_id": "C0GENERAL", "team_id": "T0TEAM",
                   "response_url": bot.slack.response_url("sock")}
        handler.handle(client, SocketModeRequest(type="slash_commands", envelope_id="env-3", payload=command))
        bot.slack.wait_for("response_url", path="/response/sock")
        assert [r.envelope_id for r in client.responses] == ["env-1", "env-2", "env-3"]
        quiet()
        assert len(bot.answers(thread_ts=event["ts"])) == 1
    finally:
        handler.client.close()


# -- the real engine in LLM mode (loopback OpenAI-compatible server) ------------------------------------------
@pytest.fixture
def llm_bot(make_bot: Callable[..., Bot], engine_parts: tuple[Any, Any, Any]) -> Iterator[tuple[Bot, Any]]:
    from tests.fakes.openai_server import FakeOpenAI

    settings, store, _ = engine_parts
    if store is None:
        pytest.skip("the real engine is not available")
    from bot.engine.factory import make_engine

    with FakeOpenAI() as fake_llm:
        engine = make_engine(settings.with_(openai_base_url=fake_llm.base_url, openai_api_key="k"), store=store)
        yield make_bot(engine=engine), fake_llm


def test_real_llm_answer_streams_into_the_thread(llm_bot: tuple[Bot, Any]) -> None:
    bot, fake_llm = llm_bot
    question = question_for(bot)
    roles = sorted(bot.engine.list_roles(), key=lambda r: r.posting_id)
    paid = next(r for r in roles if r.facts.base_salary and r.company and r.title)
    fake_llm.reply(f"The {paid.title} role pays {paid.facts.base_salary.text} [1].", chunk_chars=5)
    event = mention(question)
    bot.client.event(event)
    [stop] = bot.slack.wait_for("chat.stopStream")
    [start] = bot.slack.calls_to("chat.startStream")
    assert start.params["thread_ts"] == event["ts"]
    assert "*Sources*" in blocks_text(stop) and ACTION_VOTE_UP in action_values(stop)
    quiet(0.2)
    for update in bot.slack.calls_to("chat.update"):  # only if tidying changed the text
        assert "*Sources*" in blocks_text(update)


def test_real_llm_invented_number_is_replaced_by_the_verified_answer(llm_bot: tuple[Bot, Any]) -> None:
    bot, fake_llm = llm_bot
    fake_llm.reply("It pays $987,654 a year [1].", chunk_chars=5)
    event = mention(question_for(bot))
    bot.client.event(event)
    bot.slack.wait_for("chat.stopStream")
    [update] = bot.slack.wait_for("chat.update")
    assert "987,654" not in blocks_text(update) and "*Sources*" in blocks_text(update)
