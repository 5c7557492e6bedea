"""The loopback server helpers themselves: they start, answer, stop cleanly, and keep data where they are told."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.servers import ServerProcess, chroma_server_factory, redis_ping, redis_server  # noqa: F401 - fixtures


def _port_is_closed(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host, port)) != 0


def test_redis_server_answers_ping_and_stops(redis_server: ServerProcess) -> None:
    host, port = redis_server
    try:
        import redis  # type: ignore[import-not-found]
    except ImportError:  # the bot does not depend on the client yet: speak RESP by hand
        with socket.create_connection((host, port), timeout=2.0) as sock:
            sock.sendall(b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nv1\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")
            reply = b""
            while not reply.endswith(b"v1\r\n"):
                chunk = sock.recv(64)
                assert chunk, reply
                reply += chunk
        assert reply == b"+OK\r\n$2\r\nv1\r\n"
    else:
        client = redis.Redis(host=str(host), port=int(port))  # type: ignore[arg-type]
        assert client.ping() is True
        client.set("k", "v1")
        assert client.get("k") == b"v1"
    assert redis_server.stop() == 0
    assert not redis_ping(redis_server)
    assert not list(Path(redis_server.log_path.parent).glob("*.rdb")), "persistence should be off"


@pytest.mark.slow
def test_chroma_server_restarts_on_the_same_data(
    chroma_server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    def client(server: ServerProcess) -> "chromadb.ClientAPI":
        return chromadb.HttpClient(host=server.host, port=server.port, settings=ChromaSettings(anonymized_telemetry=False))

    data = tmp_path / "db"
    first = chroma_server_factory(data)
    client(first).create_collection("kept", embedding_function=None).add(ids=["a"], embeddings=[[1.0, 0.0]])
    assert first.stop() == 0  # SIGTERM is a clean shutdown, not a kill
    assert _port_is_closed(first.host, first.port)

    second = chroma_server_factory(data)
    assert second.alive() and second.started_seconds > 0
    assert client(second).get_collection("kept").count() == 1
