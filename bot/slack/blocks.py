"""Block Kit rendering: answers with numbered sources, the roles list, help, the candidate copy and App Home.

Everything echoed back from a person or a posting goes through ``escape`` (``&``, ``<``, ``>`` and the
``@channel``/``@here``/``@everyone`` words), so neither a question nor a posting can ping a channel or a user.
Slack's limits are enforced here, not hoped for: section text ≤ 3,000 characters (long text is split over
several sections), header ≤ 150, ≤ 50 blocks per message (long answers are trimmed with a note).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote as urlquote

from ..models import Answer, PostingRecord, Source, SyncReport
from ..store import IndexStatus

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
MAX_BLOCKS = 50
FALLBACK_LIMIT = 3000
QUOTE_LIMIT = 500
STREAM_LIMIT = 12_000  # chat.appendStream / stopStream markdown_text

Block = dict[str, Any]

ACTION_VOTE_UP = "feedback_up"
ACTION_VOTE_DOWN = "feedback_down"
ACTION_SHARE = "share_answer"
ACTION_COPY = "copy_for_candidate"
ACTION_REINGEST = "home_reingest"

_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_CITATION = re.compile(r"\[(\d+)\]")
_QUOTE_MARK = re.compile(r"^[ \t]*>", re.MULTILINE)


@dataclass(frozen=True)
class Rendered:
    """A message: ``text`` is the notification/fallback text, ``blocks`` what Slack shows."""

    text: str
    blocks: list[Block]


# -- text helpers ---------------------------------------------------------------------------------------
def escape(text: str, *, keep_quotes: bool = False, at_line_start: bool = True) -> str:
    """Make user or posting text inert in mrkdwn: no ``<!channel>``, ``<@U…>`` or ``@here`` pings.

    ``keep_quotes`` leaves a line-leading ``>`` (a block quote in answers) as it is: without a ``<`` no
    control sequence can form. ``at_line_start`` says whether ``text`` continues a line (streamed deltas).
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    if keep_quotes:
        text = _QUOTE_MARK.sub(lambda m: m.group(0).replace(">", "\0"), text)
        if not at_line_start and text.startswith("\0"):
            text = ">" + text[1:]
    text = text.replace(">", "&gt;").replace("\0", ">")
    return _BROADCAST.sub(lambda m: "@\u200b" + m.group(1), text)


def to_mrkdwn(text: str) -> str:
    """Escape (keeping block quotes), then turn Markdown ``**bold**`` (what LLMs write) into ``*bold*``."""
    return _BOLD.sub(r"*\1*", escape(text.replace("\0", ""), keep_quotes=True))


def trim(text: str, limit: int, suffix: str = "…") -> str:
    return text if len(text) <= limit else text[: max(0, limit - len(suffix))].rstrip() + suffix


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split at paragraph, then line, then sentence, then word boundaries into pieces ≤ ``limit``."""
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep)
            if at > limit // 3:
                cut = at + (1 if sep == ". " else 0)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def days_ago(ingested_at: str | None, now: datetime | None = None) -> str:
    """"updated today" / "updated 1 day ago" / "updated N days ago"; empty when unknown."""
    if not ingested_at:
        return ""
    try:
        when = datetime.fromisoformat(ingested_at.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    days = max(0, ((now or datetime.now(timezone.utc)) - when).days)
    if days == 0:
        return "updated today"
    return f"updated {days} day{'s' if days != 1 else ''} ago"


def is_public_url(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def link(url: str, label: str) -> str:
    safe_url = url.replace("&", "&amp;").replace("<", urlquote("<")).replace(">", urlquote(">")).replace("|", "%7C")
    return f"<{safe_url}|{escape(label)}>"


def source_label(source: Source) -> str:
    parts = [p for p in (source.title, source.company) if p]
    return " — ".join(parts) or PurePosixPath(source.source).name


def source_ref(source: Source) -> str:
    """The posting's URL as a link when it has one, else its file name."""
    if is_public_url(source.url):
        return link(str(source.url), source_label(source))
    if is_public_url(source.source):
        return link(source.source, source_label(source))
    name = PurePosixPath(source.source.replace("\\", "/")).name or source.source
    return f"{escape(source_label(source))} (`{escape(name)}`)"


def quote_block(text: str) -> str:
    lines = [line for line in trim(" ".join(text.split()), QUOTE_LIMIT).splitlines() if line.strip()]
    return "\n".join("> " + escape(line) for line in lines)


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": trim(text, SECTION_LIMIT)}}


def plain_section(text: str) -> Block:
    return {"type": "section", "text": {"type": "plain_text", "text": trim(text, SECTION_LIMIT), "emoji": False}}


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": trim(text, HEADER_LIMIT), "emoji": True}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": trim(text, SECTION_LIMIT)}]}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    out: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        out["style"] = style
    return out


def fit(blocks: list[Block], limit: int = MAX_BLOCKS) -> list[Block]:
    """Keep a message within Slack's block count: drop from the middle (long answers), keep the tail."""
    if len(blocks) <= limit:
        return blocks
    tail = [b for b in blocks[-3:] if b["type"] in {"actions", "context"}]
    head = blocks[: limit - len(tail) - 1]
    return head + [context("_…trimmed to fit Slack's message size._")] + tail


def _pack(lines: Iterable[str], limit: int = SECTION_LIMIT) -> list[str]:
    """Join lines into as few ≤ ``limit`` pieces as possible (each line is already ≤ limit)."""
    out: list[str] = []
    current = ""
    for line in lines:
        line = trim(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            out.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        out.append(current)
    return out


# -- answers --------------------------------------------------------------------------------------------
def answer_sections(text: str) -> list[Block]:
    return [section(piece) for piece in split_text(to_mrkdwn(text))] or [section("_(no answer text)_")]


def sources_blocks(sources: Sequence[Source], now: datetime | None = None) -> list[Block]:
    if not sources:
        return []
    lines = ["*Sources*"]
    for n, src in enumerate(sources, 1):
        age = days_ago(src.ingested_at, now)
        entry = f"[{n}] {source_ref(src)}" + (f" · _{age}_" if age else "")
        if src.quote.strip():
            entry += "\n" + quote_block(src.quote)
        lines.append(entry)
    return [section(piece) for piece in _pack(lines)]


def fallback_text(answer: Answer) -> str:
    return trim(escape(answer.text), FALLBACK_LIMIT)


def render_answer(
    answer: Answer,
    *,
    answer_id: str | None,
    shared_by: str | None = None,
    share_buttons: bool = False,
    feedback: bool = True,
    include_text: bool = True,
    now: datetime | None = None,
) -> Rendered:
    """The full answer message. ``include_text=False`` renders only what follows a streamed answer."""
    blocks: list[Block] = answer_sections(answer.text) if include_text else []
    blocks += sources_blocks(answer.sources, now)
    if shared_by:
        blocks.append(context(f"shared by <@{escape(shared_by)}> · asked: “{escape(trim(answer.question, 300))}”"))
    actions: list[Block] = []
    if answer_id and feedback:
        actions += [button("👍", ACTION_VOTE_UP, answer_id), button("👎", ACTION_VOTE_DOWN, answer_id)]
    if answer_id and share_buttons:
        actions += [
            button("Share in channel", ACTION_SHARE, answer_id, style="primary"),
            button("Copy for a candidate", ACTION_COPY, answer_id),
        ]
    if actions:
        blocks.append({"type": "actions", "block_id": f"answer_{answer_id}", "elements": actions})
    return Rendered(text=fallback_text(answer), blocks=fit(blocks))


def candidate_text(answer: Answer) -> str:
    """Clean text for a candidate: the answer with citations pointing at public links only, no internal files."""
    public: dict[int, int] = {}
    links: list[str] = []
    for n, src in enumerate(answer.sources, 1):
        url = src.url if is_public_url(src.url) else (src.source if is_public_url(src.source) else None)
        if url:
            public[n] = len(links) + 1
            links.append(f"[{public[n]}] {source_label(src)}: {url}")

    def renumber(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return f"[{public[n]}]" if n in public else ""

    body = _CITATION.sub(renumber, answer.text)
    body = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", body)).strip()
    return body + ("\n\n" + "\n".join(links) if links else "")


def render_candidate(answer: Answer) -> Rendered:
    text = candidate_text(answer)
    blocks: list[Block] = [context("Copy this for a candidate (public links only):")]
    blocks += [plain_section(piece) for piece in split_text(text)]
    return Rendered(text=trim(text, FALLBACK_LIMIT), blocks=fit(blocks))


# -- other messages -------------------------------------------------------------------------------------
HELP_TEXT = (
    "*Ask me about our open roles.*\n"
    "• Mention me in a channel: `@roles what does the backend role pay?` — I answer in the thread; "
    "mention me again there for a follow-up.\n"
    "• DM me, or open me in the assistant panel.\n"
    "• `/roles <question>` — a private answer you can share in the channel or copy for a candidate.\n"
    "• `/roles list` — the open roles in brief.\n"
    "Every answer cites the postings it comes from; I never guess a number."
)


def render_help(admin: bool = False) -> Rendered:
    text = HELP_TEXT + ("\n• `/roles reingest` — re-read the postings (admins)." if admin else "")
    return Rendered(text="Ask me about our open roles.", blocks=[section(text)])


def role_line(record: PostingRecord) -> str:
    facts = record.facts
    name = record.title or (str(facts.title.value) if facts.title else "") or "Untitled role"
    parts = [link(str(record.url), name) if is_public_url(record.url) else f"*{escape(name)}*"]
    if record.company:
        parts.append(escape(record.company))
    places = ", ".join(str(f.value) for f in facts.job_locations[:3])
    if places:
        parts.append(escape(places))
    if facts.workplace_type:
        parts.append(escape(str(facts.workplace_type.value)))
    if facts.base_salary and facts.base_salary.text:
        unit = f" / {facts.base_salary.unit}" if facts.base_salary.unit else ""
        parts.append(escape(facts.base_salary.text + unit))
    return "• " + " · ".join(parts)


def render_roles(records: Sequence[PostingRecord]) -> Rendered:
    if not records:
        return Rendered(text="No open roles are indexed.", blocks=[section("No open roles are indexed right now.")])
    ordered = sorted(records, key=lambda r: ((r.company or "").lower(), (r.title or "").lower()))
    lines = [f"*{len(ordered)} open role{'s' if len(ordered) != 1 else ''}*"] + [role_line(r) for r in ordered]
    return Rendered(text=f"{len(ordered)} open roles", blocks=fit([section(p) for p in _pack(lines)]))


def report_text(report: SyncReport | None, error: BaseException | None) -> str:
    """What an admin hears when a re-ingest ends."""
    if error is not None or report is None:
        detail = getattr(error, "user_message", None) or "see the bot's log for details"
        return f":warning: Re-ingest failed: {escape(str(detail))}"
    text = (
        f":white_check_mark: Re-ingest finished: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.failed} failed ({report.postings} postings, {report.chunks} chunks)."
    )
    if report.errors:
        text += "\n" + "\n".join(
            f"• `{escape(PurePosixPath(e.source).name or e.source)}`: {escape(trim(e.error, 300))}"
            for e in report.errors[:20]
        )
    return trim(text, SECTION_LIMIT)


# -- App Home -------------------------------------------------------------------------------------------
def home_view_user() -> dict[str, Any]:
    return {"type": "home", "blocks": [header("Open roles bot"), section(HELP_TEXT)]}


def home_view_admin(
    status: IndexStatus | None,
    counts: tuple[int, int],
    unanswered: Sequence[tuple[str, str | None, float]],
    *,
    running: bool = False,
    status_error: str | None = None,
) -> dict[str, Any]:
    blocks: list[Block] = [header("Open roles bot — admin")]
    if status is None:
        blocks.append(section(f":warning: Index status unavailable: {escape(status_error or 'unknown error')}"))
    else:
        age = days_ago(status.ingested_at)
        blocks.append(
            section(
                f"*Index* · generation {status.generation if status.generation is not None else '—'}\n"
                f"{status.postings} postings · {status.chunks} chunks\n"
                f"Last ingest: {escape(status.ingested_at or 'never')}" + (f" ({age})" if age else "")
            )
        )
        run = status.last_run or {}
        if run:
            summary = (
                f"Last run: {run.get('added', 0)} added, {run.get('updated', 0)} updated, "
                f"{run.get('removed', 0)} removed, {run.get('failed', 0)} failed"
            )
            errors = run.get("errors") or []
            lines = [summary] + [
                f"• `{escape(PurePosixPath(str(e.get('source', ''))).name)}`: {escape(trim(str(e.get('error', '')), 200))}"
                for e in errors[:15]
                if isinstance(e, dict)
            ]
            blocks += [section(p) for p in _pack(lines)]
    up, down = counts
    blocks.append(section(f"*Feedback* · 👍 {up} · 👎 {down}"))
    if unanswered:
        lines = ["*Latest unanswered questions*"] + [
            f"• {escape(trim(q, 200))}" + (f" — <@{escape(u)}>" if u else "") for q, u, _ in unanswered
        ]
        blocks += [section(p) for p in _pack(lines)]
    else:
        blocks.append(section("*Latest unanswered questions*\nNone so far."))
    blocks.append(
        {
            "type": "actions",
            "elements": [button("Re-ingest running…" if running else "Re-ingest now", ACTION_REINGEST, "reingest", "primary")],
        }
    )
    return {"type": "home", "blocks": fit(blocks, 100)}
