"""The LLM answer writer: rewrites the offline answer from the same sources, and only keeps it if it verifies.

The offline answer is always computed first and is the fallback for everything: a model error of any kind
(timeout, HTTP 500, refused connection, a broken stream) or an answer that fails ``verify_answer`` gives
back the offline answer with ``note`` saying why, logged. So enabling an LLM can make answers read better but
can never make them less true, and a dead LLM server never makes the bot silent.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from ..errors import LLMError
from ..models import Answer, PostingRecord, Source
from ..settings import Settings
from .context import Context
from .prompts import Prompt, build_prompt, passages_for, posting_for
from .verify import CITATION_RE, cited_numbers, source_texts, verify_answer

log = logging.getLogger(__name__)

MAX_ANSWER_TOKENS = 512
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n")


def make_llm_writer(settings: Settings) -> "LLMWriter | None":
    """An ``LLMWriter`` for the configured OpenAI-compatible server, or None when no LLM is configured."""
    if not settings.llm_enabled:
        return None
    from langchain_openai import ChatOpenAI  # heavy import, only when an LLM is configured

    chat = ChatOpenAI(
        model=settings.openai_model,
        api_key=settings.openai_api_key or "not-needed",  # local servers ignore it; the client insists on one
        base_url=settings.openai_base_url or None,
        timeout=settings.llm_timeout,
        max_retries=0,  # the offline answer is the retry
        temperature=settings.llm_temperature,
        streaming=True,
        max_tokens=MAX_ANSWER_TOKENS,
    )
    return LLMWriter(chat, deadline=max(3 * settings.llm_timeout, settings.llm_timeout + 10))


class LLMWriter:
    """Writes an answer with a LangChain chat model; ``write`` and ``stream`` never raise for model trouble.

    ``deadline`` bounds a whole streamed answer in seconds (the client's ``timeout`` bounds each read, so a
    server trickling tokens forever would otherwise hold the question open).
    """

    def __init__(self, chat: Any, *, deadline: float = 60.0) -> None:
        self.chat = chat
        self.deadline = deadline

    def write(self, ctx: Context, offline: Answer) -> Answer:
        """The verified LLM answer (``mode="llm"``), else ``offline`` with ``note`` saying why."""
        final: Answer | None = None
        for item in self.stream(ctx, offline):
            if isinstance(item, Answer):
                final = item
        assert final is not None  # stream always ends with an Answer
        return final

    def stream(self, ctx: Context, offline: Answer) -> Iterator[str | Answer]:
        """Text deltas as the model writes them, then exactly one final ``Answer``.

        The final Answer's text is authoritative: it may renumber citations, or be the offline answer when the
        streamed one failed verification, so a caller that showed the deltas replaces them with it.
        """
        prompt = build_prompt(ctx, offline)
        if not prompt.sources:
            yield self._fallback(offline, "llm skipped: no sources to ground an answer", logging.INFO)
            return
        parts: list[str] = []
        started = time.monotonic()
        chunks: Iterator[Any] | None = None
        watch = _EarlyStop(prompt.sources, ctx)
        try:
            chunks = self.chat.stream(_to_messages(prompt.messages))
            for chunk in chunks:
                delta = _text_of(chunk)
                if delta:
                    parts.append(delta)
                    yield delta
                    problems = watch.check(parts)
                    if problems:
                        yield self._unverified(ctx, offline, "".join(parts), problems, early=True)
                        return
                if time.monotonic() - started > self.deadline:
                    raise LLMError(f"answer not finished after {self.deadline:.0f}s")
        except Exception as exc:  # noqa: BLE001 - any model trouble means the offline answer
            log.warning("llm error for %r: %s: %s", ctx.question[:200], type(exc).__name__, exc, exc_info=True)
            yield self._fallback(offline, f"llm error: {type(exc).__name__}: {str(exc)[:200]}")
            return
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()  # release the HTTP response if we stopped early
        text = "".join(parts).strip()
        yield self.finish(ctx, offline, prompt, text)

    def finish(self, ctx: Context, offline: Answer, prompt: Prompt, text: str) -> Answer:
        """Verify ``text`` against the prompt's sources; the renumbered LLM answer, or the offline one."""
        text = _tidy(text)
        cited = [n for n in cited_numbers(text) if 1 <= n <= len(prompt.sources)]
        evidence = evidence_texts([prompt.sources[n - 1] for n in cited], ctx)
        problems = verify_answer(text, prompt.sources, evidence)
        if problems:
            return self._unverified(ctx, offline, text, problems)
        text, sources = renumber(text, prompt.sources)
        return Answer(
            question=offline.question,
            text=text,
            answered=offline.answered,
            sources=sources,
            intent=offline.intent,
            mode="llm",
            note=None,
        )

    def _unverified(self, ctx: Context, offline: Answer, text: str, problems: list[str], early: bool = False) -> Answer:
        when = " (stopped early)" if early else ""
        log.warning("unverified llm answer%s for %r: %s | answer: %r", when, ctx.question[:200], problems, text[:1000])
        return self._fallback(offline, ("unverified: " + "; ".join(problems))[:300] + when)

    @staticmethod
    def _fallback(offline: Answer, note: str, level: int = logging.DEBUG) -> Answer:
        log.log(level, "using the offline answer: %s", note)
        return replace(offline, mode="offline", note=note)


class _EarlyStop:
    """Spots, while the answer streams, a problem no later text can fix, so a rambling model is cut off.

    Checked against the evidence of *all* sources (a citation may still follow the number), on whole sentences
    only (the tail may be half a number, or the left end of "155–190k"): a number found nowhere, a citation to no source, a sentence
    said twice, or too much text is final. A missing citation is not: it may come at the end.
    """

    EVERY = 4  # deltas between checks

    def __init__(self, sources: Sequence[Source], ctx: Context) -> None:
        self.sources = sources
        self.evidence = evidence_texts(sources, ctx) + [t for s in sources for t in source_texts(s)]
        self.seen = 0

    def check(self, parts: list[str]) -> list[str]:
        self.seen += 1
        if self.seen % self.EVERY:
            return []
        text = "".join(parts)
        ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
        stable = _tidy(text[: ends[-1]]) if ends else ""
        if not stable:
            return []
        problems = verify_answer(stable, self.sources, self.evidence)
        return [p for p in problems if p not in ("no citation", "empty answer")]


def evidence_texts(sources: Sequence[Source], ctx: Context) -> list[str]:
    """The text an answer citing ``sources`` may take numbers from: passages, fact quotes and values."""
    texts: list[str] = []
    for source in sources:
        texts.append(source.quote)
        texts.extend(p.text for p in passages_for(source.posting_id, ctx.passages))
        posting = posting_for(source, ctx.postings)
        if posting is not None:
            texts.extend(_fact_texts(posting))
    return texts


def _fact_texts(posting: PostingRecord) -> list[str]:
    facts = posting.facts
    out = [posting.title, posting.company, posting.url or ""]
    if facts.base_salary:
        out += [facts.base_salary.text, facts.base_salary.quote]
    singles = (
        facts.title,
        facts.hiring_organization,
        facts.workplace_type,
        facts.office_days,
        facts.employment_type,
        facts.seniority,
        facts.experience_years,
        facts.apply,
        facts.date_posted,
        facts.valid_through,
    )
    lists = (
        facts.job_locations,
        facts.applicant_location_requirements,
        facts.programming_languages,
        facts.technologies,
    )
    for fact in [*singles, *(f for many in lists for f in many)]:
        if fact is not None:
            out += [fact.quote, str(fact.value)]
    return out


def renumber(text: str, sources: Sequence[Source]) -> tuple[str, list[Source]]:
    """Keep only cited sources, in their original order, and rewrite every ``[n]`` to match."""
    cited = sorted(set(cited_numbers(text)))
    mapping = {old: new for new, old in enumerate(cited, start=1)}

    def rewrite(m: re.Match[str]) -> str:
        numbers = [n for n in cited_numbers(m.group(0)) if n in mapping]
        return "".join(f"[{mapping[n]}]" for n in numbers)

    return CITATION_RE.sub(rewrite, text), [sources[n - 1] for n in cited]


def _tidy(text: str) -> str:
    """Drop a chat template's leftovers (``<|im_end|>``) and a leading "Answer:" label."""
    text = re.sub(r"<\|[^|>]{1,40}\|>", "", text)
    return re.sub(r"^\s*(?:answer|a)\s*:\s*", "", text, flags=re.IGNORECASE).strip()


def _to_messages(messages: Sequence[tuple[str, str]]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[role](content=content) for role, content in messages]


def _text_of(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return ""
