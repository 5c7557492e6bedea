"""Ask the engine and deliver the answer into a Slack thread: rate limit, streaming, storing, apologising.

Listeners stay thin (what event, which thread); everything about *answering* lives here, shared by mentions,
DMs and the assistant panel. Errors never reach a person as a stack trace: a domain error shows its
``user_message``, anything else a short apology, and the detail goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web.chat_stream import ChatStream

from ..errors import RolesBotError
from ..models import Answer, Turn
from .blocks import STREAM_LIMIT, escape, render_answer
from .conversation import ThreadMemory, answer_metadata
from .feedback import FeedbackStore
from .ports import Engine
from .ratelimit import RateLimiter

log = logging.getLogger(__name__)

APOLOGY = "Sorry — something went wrong while I was answering. The details are in my log; please try again."
STREAM_BUFFER = 120  # characters buffered before each chat.appendStream


def rate_limited_text(wait: float) -> str:
    return f"You're asking faster than I can keep up :sweat_smile: — please try again in {int(wait + 0.999)} seconds."


def empty_question_text() -> str:
    return "Ask me a question about our open roles, e.g. _what does the backend role pay?_"


@dataclass
class Asked:
    """Where a question came from and where its answer goes."""

    question: str
    user: str
    channel: str
    thread_ts: str
    team_id: str | None = None
    message_ts: str | None = None
    surface: str = "thread"


class Responder:
    def __init__(self, engine: Engine, feedback: FeedbackStore, limiter: RateLimiter, memory: ThreadMemory) -> None:
        self.engine = engine
        self.feedback = feedback
        self.limiter = limiter
        self.memory = memory

    def answer_in_thread(
        self,
        client: WebClient,
        asked: Asked,
        history: Sequence[Turn] = (),
        on_start: Callable[[], None] | None = None,
    ) -> None:
        """Answer ``asked`` in its thread; ``on_start`` runs once the question passed the rate limit."""
        if not asked.question.strip():
            self._post(client, asked, text=empty_question_text())
            return
        wait = self.limiter.allow(asked.user)
        if wait:
            log.info("rate limited %s for %.0fs", asked.user, wait)
            self._post(client, asked, text=rate_limited_text(wait))
            return
        if on_start is not None:
            try:
                on_start()
            except SlackApiError as exc:  # status/title are nice-to-haves: never block the answer
                log.info("assistant status/title failed: %s", exc.response.get("error"))
        try:
            self._stream_and_post(client, asked, tuple(history))
        except RolesBotError as exc:
            log.warning("could not answer %r: %s", asked.question, exc)
            self.feedback.log_question(asked.question, user=asked.user, channel=asked.channel, surface=asked.surface)
            self._post(client, asked, text=escape(exc.user_message))
        except Exception:
            log.exception("failed to answer %r in %s/%s", asked.question, asked.channel, asked.thread_ts)
            self.feedback.log_question(asked.question, user=asked.user, channel=asked.channel, surface=asked.surface)
            self._post(client, asked, text=APOLOGY)

    # -- internals --------------------------------------------------------------------------------------
    def _post(self, client: WebClient, asked: Asked, *, text: str, **kwargs: object) -> None:
        try:
            client.chat_postMessage(
                channel=asked.channel, thread_ts=asked.thread_ts, text=text, unfurl_links=False, **kwargs
            )
        except SlackApiError as exc:
            log.error("chat.postMessage failed in %s: %s", asked.channel, exc.response.get("error"))

    def _stream_and_post(self, client: WebClient, asked: Asked, history: tuple[Turn, ...]) -> None:
        streamer: ChatStream | None = None
        streamed = ""  # the raw text that went out, to compare with the final answer
        truncated = False
        final: Answer | None = None
        for item in self.engine.stream(asked.question, history):
            if isinstance(item, Answer):
                final = item
                break
            if not item or truncated:
                continue
            if len(streamed) + len(item) > STREAM_LIMIT - 500:
                truncated = True  # the final update replaces the whole message anyway
                continue
            try:
                if streamer is None:
                    streamer = client.chat_stream(
                        channel=asked.channel,
                        thread_ts=asked.thread_ts,
                        recipient_team_id=asked.team_id,
                        recipient_user_id=asked.user,
                        buffer_size=STREAM_BUFFER,
                    )
                delta = escape(item.replace("\0", ""), keep_quotes=True, at_line_start=not streamed or streamed.endswith("\n"))
                streamer.append(markdown_text=delta)
                streamed += item
            except SlackApiError as exc:
                log.warning("streaming failed (%s); posting the answer whole", exc.response.get("error"))
                truncated = True
        if final is None:
            raise RolesBotError("engine.stream ended without an Answer", user_message=APOLOGY)

        answer_id = self.feedback.save_answer(final, user=asked.user, channel=asked.channel, surface=asked.surface)
        posting_ids = [s.posting_id for s in final.sources]
        metadata = answer_metadata(answer_id, posting_ids)
        full = render_answer(final, answer_id=answer_id)
        started = streamer is not None and streamer.ts is not None
        if streamer is not None:
            tail = render_answer(final, answer_id=answer_id, include_text=False)
            try:
                streamer.stop(blocks=tail.blocks)
                started = streamer.ts is not None
            except SlackApiError as exc:
                log.warning("chat.stopStream failed: %s", exc.response.get("error"))
                truncated = True
        if started and streamer is not None and streamer.ts:
            if truncated or streamed.strip() != final.text.strip():
                # verification replaced the streamed draft (or it was cut short): show the final answer
                client.chat_update(
                    channel=asked.channel, ts=streamer.ts, text=full.text, blocks=full.blocks, metadata=metadata
                )
        else:
            client.chat_postMessage(
                channel=asked.channel,
                thread_ts=asked.thread_ts,
                text=full.text,
                blocks=full.blocks,
                metadata=metadata,
                unfurl_links=False,
                unfurl_media=False,
            )
        self.memory.add(
            asked.channel, asked.thread_ts, Turn(question=asked.question, answer=final.text, posting_ids=tuple(posting_ids))
        )
