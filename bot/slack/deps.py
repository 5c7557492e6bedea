"""Everything the listeners need, built once by ``make_app`` and passed to each ``register``."""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import Settings
from .admin import ReingestService
from .answering import Responder
from .conversation import ThreadMemory
from .dedupe import Deduper
from .feedback import FeedbackStore
from .ports import Engine
from .ratelimit import RateLimiter


@dataclass
class Deps:
    settings: Settings
    engine: Engine
    feedback: FeedbackStore
    reingest: ReingestService
    deduper: Deduper
    limiter: RateLimiter
    memory: ThreadMemory
    responder: Responder
