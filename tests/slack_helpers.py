"""Signed requests to the Slack app under test, built the way Slack builds them (v0 signing scheme)."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

TEAM_ID = "T0TEAM"
_ids = itertools.count(1)


def sign(body: str, secret: str, ts: str | int) -> str:
    """``v0=`` + HMAC-SHA256 of ``v0:{timestamp}:{body}`` with the signing secret."""
    base = f"v0:{ts}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Reply:
    status: int
    body: str
    elapsed: float

    def json(self) -> Any:
        return json.loads(self.body)


class SlackClientForTests:
    """Posts events, slash commands and interactivity payloads to ``{base}/slack/events``."""

    def __init__(self, base_url: str, secret: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.secret = secret

    def post(
        self,
        body: str,
        content_type: str,
        *,
        ts: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        stamp = int(time.time()) if ts is None else ts
        req = urllib.request.Request(
            self.base_url + "/slack/events",
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": str(stamp),
                "X-Slack-Signature": signature or sign(body, self.secret, stamp),
                **(headers or {}),
            },
        )
        start = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return Reply(resp.status, resp.read().decode(), time.monotonic() - start)
        except urllib.error.HTTPError as err:
            return Reply(err.code, err.read().decode(), time.monotonic() - start)

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None, **kw: Any) -> Reply:
        envelope = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "api_app_id": "A0APP",
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": "UBOT", "is_bot": True}],
            "event": event,
        }
        headers = kw.pop("headers", {}) or {}
        if retry_num is not None:
            headers = {**headers, "X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(json.dumps(envelope), "application/json", headers=headers, **kw)

    def command(self, text: str, *, user: str = "UALICE", channel: str = "C0GENERAL", response_url: str, **kw: Any) -> Reply:
        form = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "team_domain": "example",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/roles",
            "text": text,
            "api_app_id": "A0APP",
            "response_url": response_url,
            "trigger_id": f"{next(_ids)}.trigger",
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded", **kw)

    def action(
        self,
        action_id: str,
        value: str,
        *,
        user: str = "UALICE",
        channel: str | None = "C0GENERAL",
        response_url: str | None = None,
        container: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
        **kw: Any,
    ) -> Reply:
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": TEAM_ID, "domain": "example"},
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "api_app_id": "A0APP",
            "token": "legacy",
            "trigger_id": f"{next(_ids)}.trigger",
            "container": container or {"type": "message", "message_ts": "1700000000.000100", "channel_id": channel, "is_ephemeral": True},
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b1",
                    "value": value,
                    "action_ts": str(time.time()),
                }
            ],
        }
        if channel:
            payload["channel"] = {"id": channel, "name": "general"}
        if response_url:
            payload["response_url"] = response_url
        if view is not None:
            payload["view"] = view
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded", **kw)
