"""Bolt listeners as plain functions; ``register(app, deps)`` wires them (Slack's assistant-template layout)."""

from __future__ import annotations

from slack_bolt import App

from ..deps import Deps
from . import actions, assistant, commands, home, mentions, messages


def register(app: App, deps: Deps) -> None:
    assistant.register(app, deps)  # a middleware: must come before the plain message listener
    mentions.register(app, deps)
    messages.register(app, deps)
    commands.register(app, deps)
    actions.register(app, deps)
    home.register(app, deps)
