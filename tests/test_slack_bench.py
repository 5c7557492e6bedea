"""The Slack bench's core runs, small: every mention and command answered exactly once, Slack retries dropped,
no errors. A correctness check of the bench and the Slack front under a little concurrency, not a timing test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.slack_bench import concurrent_mentions, questions_for, sequential_commands, sequential_mentions, slack_stack


def test_sequential_and_concurrent_runs_answer_each_event_exactly_once(engine_env: tuple[Any, Any, Any], tmp_path: Path) -> None:
    engine = engine_env[2]
    questions = questions_for(engine, 10)
    with slack_stack(engine, tmp_path / "state") as stack:
        mentions = sequential_mentions(stack, questions)
        assert mentions.problems == [] and mentions.statuses == {200: 10}
        assert len(mentions.first_call) == 10

        stack.slack.reset()
        commands = sequential_commands(stack, questions[:5])
        assert commands.problems == [] and commands.statuses == {200: 5}
        assert len(commands.first_call) == 5

        stack.slack.reset()
        run = concurrent_mentions(stack, questions, senders=10, retry_share=0.3)
        assert run.retries == 3 and run.statuses == {200: 13}  # retries are acked with 200, not answered
        assert run.problems == []
        assert run.answers == run.events == 10
        # the fake really saw one answer per thread (not, say, none plus a duplicate elsewhere)
        posts = stack.slack.calls_to("chat.postMessage")
        assert len(posts) == 10 and len({c.params["thread_ts"] for c in posts}) == 10
