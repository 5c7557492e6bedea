"""The Slack app's own state in SQLite: answers given (so "Share" posts exactly what was shown), every question
asked (so admins see what went unanswered) and 👍/👎 votes.

One small file under ``settings.state_dir``; a connection per call keeps it safe across Bolt's worker threads.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..models import Answer, Source

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    text TEXT NOT NULL,
    sources TEXT NOT NULL,
    answered INTEGER NOT NULL,
    mode TEXT,
    intent TEXT,
    user TEXT,
    channel TEXT,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question TEXT NOT NULL,
    user TEXT,
    channel TEXT,
    answered INTEGER NOT NULL,
    answer_id TEXT,
    surface TEXT,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    question TEXT,
    answer TEXT,
    sources TEXT,
    user TEXT NOT NULL,
    channel TEXT,
    ts TEXT,
    vote INTEGER NOT NULL,
    created REAL NOT NULL,
    UNIQUE (answer_id, user)
);
"""


@dataclass(frozen=True)
class StoredAnswer:
    id: str
    user: str | None
    channel: str | None
    answer: Answer


@dataclass(frozen=True)
class Vote:
    answer_id: str
    question: str
    answer: str
    sources: list[dict[str, object]]
    user: str
    channel: str | None
    ts: str | None
    vote: int
    created: float


def _sources_json(sources: list[Source]) -> str:
    return json.dumps(
        [
            {
                "posting_id": s.posting_id,
                "title": s.title,
                "company": s.company,
                "source": s.source,
                "url": s.url,
                "quote": s.quote,
                "ingested_at": s.ingested_at,
            }
            for s in sources
        ]
    )


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._conn() as conn:
            conn.executescript(SCHEMA)

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = sqlite3.connect(self.path, timeout=10)
            try:
                conn.row_factory = sqlite3.Row
                yield conn
                conn.commit()
            finally:
                conn.close()

    # -- answers ----------------------------------------------------------------------------------------
    def save_answer(self, answer: Answer, *, user: str | None, channel: str | None, surface: str = "") -> str:
        """Keep the answer (for Share / Copy / votes) and log the question; returns the answer id."""
        answer_id = uuid.uuid4().hex[:16]
        now = time.time()
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO answers VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    answer_id,
                    answer.question,
                    answer.text,
                    _sources_json(answer.sources),
                    int(answer.answered),
                    answer.mode,
                    answer.intent,
                    user,
                    channel,
                    now,
                ),
            )
            conn.execute(
                "INSERT INTO questions (question, user, channel, answered, answer_id, surface, created)"
                " VALUES (?,?,?,?,?,?,?)",
                (answer.question, user, channel, int(answer.answered), answer_id, surface, now),
            )
        return answer_id

    def log_question(self, question: str, *, user: str | None, channel: str | None, surface: str = "") -> None:
        """A question that got no answer at all (an error): admins should still see it."""
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO questions (question, user, channel, answered, answer_id, surface, created)"
                " VALUES (?,?,?,0,NULL,?,?)",
                (question, user, channel, surface, time.time()),
            )

    def get_answer(self, answer_id: str) -> StoredAnswer | None:
        with self._conn() as conn:
            row = conn.execute("SELECT * FROM answers WHERE id = ?", (answer_id,)).fetchone()
        if row is None:
            return None
        sources = [Source(**s) for s in json.loads(row["sources"])]
        answer = Answer(
            question=row["question"],
            text=row["text"],
            answered=bool(row["answered"]),
            sources=sources,
            intent=row["intent"] or "general",
            mode=row["mode"] or "offline",
        )
        return StoredAnswer(id=row["id"], user=row["user"], channel=row["channel"], answer=answer)

    # -- votes ------------------------------------------------------------------------------------------
    def record_vote(self, answer_id: str, *, user: str, vote: int, channel: str | None, ts: str | None) -> bool:
        """Store (or change) a user's vote on an answer; False when the answer id is unknown."""
        stored = self.get_answer(answer_id)
        if stored is None:
            return False
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO feedback (answer_id, question, answer, sources, user, channel, ts, vote, created)"
                " VALUES (?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(answer_id, user) DO UPDATE SET vote=excluded.vote, created=excluded.created,"
                " channel=excluded.channel, ts=excluded.ts",
                (
                    answer_id,
                    stored.answer.question,
                    stored.answer.text,
                    _sources_json(stored.answer.sources),
                    user,
                    channel,
                    ts,
                    1 if vote > 0 else -1,
                    time.time(),
                ),
            )
        return True

    def votes(self) -> list[Vote]:
        with self._conn() as conn:
            rows = conn.execute("SELECT * FROM feedback ORDER BY created").fetchall()
        return [
            Vote(
                answer_id=r["answer_id"],
                question=r["question"],
                answer=r["answer"],
                sources=json.loads(r["sources"] or "[]"),
                user=r["user"],
                channel=r["channel"],
                ts=r["ts"],
                vote=r["vote"],
                created=r["created"],
            )
            for r in rows
        ]

    def counts(self) -> tuple[int, int]:
        """(👍, 👎) totals."""
        with self._conn() as conn:
            row = conn.execute(
                "SELECT COALESCE(SUM(vote > 0), 0), COALESCE(SUM(vote < 0), 0) FROM feedback"
            ).fetchone()
        return int(row[0]), int(row[1])

    def unanswered(self, limit: int = 10) -> list[tuple[str, str | None, float]]:
        """The latest questions no posting answered: (question, user, time)."""
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT question, user, created FROM questions WHERE answered = 0 ORDER BY created DESC, id DESC"
                " LIMIT ?",
                (limit,),
            ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]
