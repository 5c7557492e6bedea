"""Engines for the Slack tests that need an answer the real engine would not give on demand.

``StreamingEngine`` wraps an engine and streams its answer as LLM-style deltas (optionally ending with a
different final Answer, as when verification replaces a draft); ``EchoEngine`` puts the question (and a
hostile posting quote) in the answer to test escaping; ``LongEngine`` returns a very long answer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace

from bot.models import Answer, Fact, Facts, PostingRecord, Salary, Source, Turn
from bot.store import IndexStatus


class StreamingEngine:
    def __init__(self, inner, final_text: str | None = None, piece: int = 40) -> None:
        self.inner = inner
        self.final_text = final_text
        self.piece = piece
        self.histories: list[tuple[Turn, ...]] = []

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        return self.inner.answer(question, history)

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        self.histories.append(tuple(history))
        draft = self.inner.answer(question, history)
        for i in range(0, len(draft.text), self.piece):
            yield draft.text[i : i + self.piece]
        final = replace(draft, mode="llm")
        if self.final_text is not None:
            final = replace(final, text=self.final_text, note="verifier replaced the draft")
        yield final

    def list_roles(self) -> list[PostingRecord]:
        return self.inner.list_roles()

    def status(self) -> IndexStatus:
        return self.inner.status()


class EchoEngine(StreamingEngine):
    """Answers "You asked: <question>" citing a source whose quote tries to ping everyone."""

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        src = Source("p1", "Evil <@U999> Engineer", "Acme & Co", "knowledge/evil.md", None, "Ping <!channel> and @here now")
        return Answer(question=question, text=f"You asked: {question} [1]", answered=True, sources=[src])

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        yield self.answer(question, history)


class LongEngine(EchoEngine):
    def __init__(self, inner, chars: int = 12_000) -> None:
        super().__init__(inner)
        self.chars = chars

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        para = "This role pays well and offers remote work across several time zones [1]. "
        text = "\n\n".join(para * 5 for _ in range(self.chars // (len(para) * 5) + 1))[: self.chars]
        src = Source("p1", "Senior Backend Engineer", "Axios", "knowledge/axios.md", "https://example.com/job", "Remote-optional")
        return Answer(question=question, text=text, answered=True, sources=[src] * 8)


class SlowEngine(StreamingEngine):
    """Holds every answer until ``release`` is set: shows that acks never wait for the engine."""

    def __init__(self, inner) -> None:
        super().__init__(inner)
        self.release = threading.Event()

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        self.release.wait(10)
        return self.inner.answer(question, history)

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        yield self.answer(question, history)


def _record(pid: str, title: str, company: str, url: str | None, source: str, pay: str | None, workplace: str) -> PostingRecord:
    facts = Facts(
        title=Fact(title, title),
        hiring_organization=Fact(company, company),
        workplace_type=Fact(workplace, workplace),
        base_salary=Salary(None, None, "USD", "year", pay, f"Pay: {pay}") if pay else None,
    )
    return PostingRecord(pid, title, company, source, "knowledge", url, "h", "2025-01-01T00:00:00+00:00", facts, 3)
