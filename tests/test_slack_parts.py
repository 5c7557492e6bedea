"""The Slack app's pure parts: Block Kit rendering and escaping, dedupe, rate limit, thread history, SQLite."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.models import Answer, Fact, Facts, PostingRecord, Salary, Source, SyncError, SyncReport
from bot.slack.blocks import (
    MAX_BLOCKS,
    SECTION_LIMIT,
    candidate_text,
    days_ago,
    escape,
    render_answer,
    render_roles,
    report_text,
    split_text,
    to_mrkdwn,
)
from bot.slack.conversation import ThreadMemory, strip_mentions, turns_from_messages
from bot.slack.dedupe import MemoryDeduper
from bot.slack.feedback import FeedbackStore
from bot.slack.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def src(n: int = 1, url: str | None = "https://jobs.example.com/a?x=1&y=2", source: str = "knowledge/a.md") -> Source:
    return Source(f"p{n}", f"Role {n}", "Acme", source, url, "Pay is $100,000 - $120,000 per year.", "2025-01-01T00:00:00+00:00")


def test_escape_neutralises_mentions_and_broadcasts() -> None:
    out = escape("<!channel> <!here|here> <@U123> @here @Channel a & b > c")
    assert "<" not in out and ">" not in out
    assert "&lt;!channel&gt;" in out and "&amp;" in out
    assert "@here" not in out and "@Channel" not in out
    assert to_mrkdwn("> quoted <@U1>\nx > y **bold**") == "> quoted &lt;@U1&gt;\nx &gt; y *bold*"


def test_split_text_respects_the_limit_and_keeps_everything() -> None:
    text = "\n\n".join(("word " * 300).strip() for _ in range(10))
    pieces = split_text(text, 3000)
    assert all(len(p) <= 3000 for p in pieces) and len(pieces) >= 5
    assert "".join(pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")
    assert split_text("x" * 7000, 3000) == ["x" * 3000, "x" * 3000, "x" * 1000]


def test_render_answer_limits_for_a_huge_answer() -> None:
    answer = Answer("q", ("A long paragraph about the role. " * 100 + "\n\n") * 60, True, [src(i) for i in range(1, 30)])
    rendered = render_answer(answer, answer_id="abc", share_buttons=True)
    assert len(rendered.blocks) <= MAX_BLOCKS
    assert all(len(b["text"]["text"]) <= SECTION_LIMIT for b in rendered.blocks if b["type"] == "section")
    assert rendered.blocks[-1]["type"] == "actions"  # the buttons survive trimming
    assert len(rendered.text) <= 3000


def test_sources_show_link_or_file_name_age_and_quote() -> None:
    now = datetime(2025, 1, 11, tzinfo=timezone.utc)
    answer = Answer("q", "Pays $100,000 [1] and [2].", True, [src(1), src(2, url=None, source="/srv/postings/b.pdf")])
    text = render_answer(answer, answer_id="id", now=now).blocks[1]["text"]["text"]
    assert "[1] <https://jobs.example.com/a?x=1&amp;y=2|Role 1 — Acme>" in text
    assert "[2] Role 2 — Acme (`b.pdf`)" in text and "/srv/postings" not in text
    assert "updated 10 days ago" in text and "> Pay is $100,000" in text


def test_days_ago() -> None:
    now = datetime(2025, 1, 2, 12, tzinfo=timezone.utc)
    assert days_ago((now - timedelta(hours=3)).isoformat(), now) == "updated today"
    assert days_ago("2025-01-01T00:00:00Z", now) == "updated 1 day ago"
    assert days_ago(None) == "" and days_ago("garbage") == ""


def test_candidate_text_keeps_public_links_only() -> None:
    answer = Answer("q", "Role 1 pays well [1]. Role 2 is hybrid [2].", True, [src(1), src(2, url=None, source="knowledge/b.md")])
    text = candidate_text(answer)
    assert "[1]" in text and "[2]" not in text and "knowledge/" not in text
    assert "https://jobs.example.com/a?x=1&y=2" in text


def test_roles_list_and_report() -> None:
    rec = PostingRecord(
        "p", "Backend <Engineer>", "Acme", "k/a.md", "k", None, "h", "2025-01-01",
        Facts(job_locations=[Fact("Berlin", "Berlin")], workplace_type=Fact("hybrid", "hybrid"),
              base_salary=Salary(1, 2, "EUR", "year", "€70,000 - €85,000", "q")),
    )
    text = render_roles([rec]).blocks[0]["text"]["text"]
    assert "Backend &lt;Engineer&gt;" in text and "Berlin" in text and "hybrid" in text and "€70,000 - €85,000 / year" in text
    report = SyncReport(added=1, updated=2, removed=3, failed=1, errors=[SyncError("/x/y/bad.pdf", "no text")])
    assert "1 added, 2 updated, 3 removed, 1 failed" in report_text(report, None) and "`bad.pdf`" in report_text(report, None)
    assert "failed" in report_text(None, RuntimeError("x"))


def test_dedupe_ttl() -> None:
    clock = Clock()
    dedupe = MemoryDeduper(ttl_seconds=60, clock=clock)
    assert dedupe.claim("a") and not dedupe.claim("a") and dedupe.claim("b")
    clock.now += 61
    assert dedupe.claim("a")


def test_rate_limiter_window() -> None:
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.allow("u") == 0 and limiter.allow("u") == 0
    wait = limiter.allow("u")
    assert 0 < wait <= 60 and limiter.allow("v") == 0
    clock.now += 60
    assert limiter.allow("u") == 0
    assert RateLimiter(0).allow("u") == 0


def test_thread_turns_pair_questions_with_answers() -> None:
    messages = [
        {"ts": "1", "user": "U1", "text": "<@UBOT> what does the Axios role pay?"},
        {"ts": "2", "user": "UBOT", "bot_id": "BBOT", "text": "It pays $1 [1]",
         "metadata": {"event_type": "roles_bot_answer", "event_payload": {"posting_ids": ["axios"]}}},
        {"ts": "3", "user": "U2", "bot_id": "BOTHER", "text": "noise from another bot"},
        {"ts": "4", "user": "U1", "text": "<@UBOT> and is it remote?"},
    ]
    turns = turns_from_messages(messages, bot_user_id="UBOT", bot_id="BBOT", exclude_ts="4")
    assert [(t.question, t.posting_ids) for t in turns] == [("what does the Axios role pay?", ("axios",))]
    assert strip_mentions("<@UBOT|bot>  hi <@U2>") == "hi"
    memory = ThreadMemory(max_threads=1)
    memory.add("C", "1", turns[0])
    memory.add("C", "2", turns[0])
    assert memory.get("C", "1") == () and memory.get("C", "2") == turns


def test_feedback_store_round_trip(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "deep" / "dir" / "fb.sqlite3")
    answer = Answer("q?", "a [1]", True, [src(1)], intent="pay", mode="llm")
    answer_id = store.save_answer(answer, user="U1", channel="C1")
    stored = store.get_answer(answer_id)
    assert stored is not None and stored.answer.sources == answer.sources and stored.answer.mode == "llm"
    assert store.record_vote(answer_id, user="U2", vote=1, channel="C1", ts="1.2")
    assert not store.record_vote("missing", user="U2", vote=1, channel="C1", ts="1.2")
    store.save_answer(Answer("unknown?", "No posting says.", False), user="U3", channel="C1")
    store.log_question("crashed?", user="U4", channel="C1")
    assert store.counts() == (1, 0)
    assert [q for q, _, _ in store.unanswered()] == ["crashed?", "unknown?"]
