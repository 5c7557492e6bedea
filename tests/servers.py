"""Real servers on loopback for tests: a Chroma server (``chroma run``) and a throw-away ``redis-server``.

Why real processes: the scale-out path (several bot workers sharing one index over HTTP) only counts as proven
against the same server binary production runs, not a mock of its API.

Use the fixtures by importing them into a test module (pytest then registers them there)::

    from tests.servers import chroma_server, chroma_server_factory, redis_server  # noqa: F401

Or, outside pytest (benchmarks), ``with running_chroma(path) as server: ...``. Each server:

* listens on 127.0.0.1 on a free port and keeps its data in a temp folder;
* is waited for until it answers (Chroma: ``GET /api/v2/heartbeat``; Redis: ``PING``);
* is stopped with SIGTERM, then SIGKILL if it lingers, and dies with the test process (PR_SET_PDEATHSIG) so a
  killed pytest leaves no orphan;
* skips the test with the reason (and the tail of the server's log) when its binary is missing or cannot start.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 30.0  # chroma run takes ~2 s here, up to ~5 s on a loaded 2-core box
STOP_TIMEOUT = 10.0
CHROMA_HEARTBEAT_PATHS = ("/api/v2/heartbeat", "/api/v1/heartbeat")  # v2 since chromadb 1.0
REDIS_SERVER = Path("/usr/bin/redis-server")
REDIS_MISSING = "redis-server not installed (apt-get install redis-server)"


class ServerUnavailable(RuntimeError):
    """The server binary is missing or did not come up; tests turn this into a skip with the reason."""


def free_port(host: str = LOOPBACK) -> int:
    """A port nobody listens on right now (there is a small race until the server binds it; start retries)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def quiet_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a server or worker process: no telemetry, no model hub, no proxy for loopback."""
    env = dict(os.environ)
    env.update(
        {
            "ANONYMIZED_TELEMETRY": "False",
            "ORT_DISABLE_TELEMETRY": "1",
            "HF_HUB_OFFLINE": "1",
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }
    )
    env.update(extra or {})
    return env


def _die_with_parent() -> None:
    """Runs in the child before exec: ask Linux to SIGTERM it when the test process dies (no orphans)."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class ServerProcess:
    """One running server; unpacks as ``host, port``."""

    def __init__(self, name: str, process: subprocess.Popen[bytes], host: str, port: int, log_path: Path):
        self.name = name
        self.process = process
        self.host = host
        self.port = port
        self.log_path = log_path
        self.started_seconds = 0.0  # how long it took to answer its first health check

    def __iter__(self) -> Iterator[object]:
        yield self.host
        yield self.port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])

    def stop(self, timeout: float = STOP_TIMEOUT) -> int | None:
        """SIGTERM, wait, then SIGKILL: returns the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        return self.process.returncode


def _spawn(name: str, argv: Sequence[str], log_path: Path, host: str, port: int, env: dict[str, str]) -> ServerProcess:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        try:
            proc = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        except OSError as exc:
            raise ServerUnavailable(f"cannot start {name} ({argv[0]}): {exc}") from exc
    return ServerProcess(name, proc, host, port, log_path)


def _wait_until(server: ServerProcess, ready: Callable[[ServerProcess], bool], timeout: float) -> None:
    started = time.perf_counter()
    deadline = started + timeout
    while time.perf_counter() < deadline:
        if not server.alive():
            raise ServerUnavailable(
                f"{server.name} exited with code {server.process.returncode} before answering:\n{server.log_tail()}"
            )
        if ready(server):
            server.started_seconds = time.perf_counter() - started
            return
        time.sleep(0.05)
    server.stop()
    raise ServerUnavailable(f"{server.name} did not answer within {timeout:.0f} s:\n{server.log_tail()}")


def _start(
    name: str,
    make_argv: Callable[[int], Sequence[str]],
    ready: Callable[[ServerProcess], bool],
    log_path: Path,
    env: dict[str, str],
    timeout: float,
    tries: int = 3,
) -> ServerProcess:
    """Start on a free port; try another port if the server dies at once (someone took the port meanwhile)."""
    last: ServerUnavailable | None = None
    for _ in range(tries):
        port = free_port()
        server = _spawn(name, make_argv(port), log_path, LOOPBACK, port, env)
        try:
            _wait_until(server, ready, timeout)
            return server
        except ServerUnavailable as exc:
            server.stop()
            last = exc
            if "within" in str(exc):  # a hang is not a port race: do not wait three times
                break
    assert last is not None
    raise last


# -- Chroma --------------------------------------------------------------------------------------------------------


def chroma_binary() -> Path | None:
    """The ``chroma`` CLI that ships with the chromadb wheel, next to the running interpreter first."""
    beside = Path(sys.executable).parent / "chroma"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("chroma")
    return Path(found) if found else None


def chroma_heartbeat(server: ServerProcess, timeout: float = 1.0) -> bool:
    for path in CHROMA_HEARTBEAT_PATHS:
        try:
            with urllib.request.urlopen(server.url + path, timeout=timeout) as resp:  # noqa: S310 - loopback only
                if resp.status == 200:
                    return True
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                continue  # an older/newer API version: try the other path
            return False
        except OSError:
            return False
    return False


def start_chroma(path: Path, *, timeout: float = START_TIMEOUT) -> ServerProcess:
    """Start ``chroma run`` on ``path`` (created if needed); raises ServerUnavailable."""
    binary = chroma_binary()
    if binary is None:
        raise ServerUnavailable("the `chroma` CLI is not installed (it ships with the chromadb wheel)")
    path.mkdir(parents=True, exist_ok=True)
    return _start(
        "chroma",
        lambda port: [str(binary), "run", "--path", str(path), "--host", LOOPBACK, "--port", str(port)],
        chroma_heartbeat,
        path.parent / f"{path.name}.chroma.log",
        quiet_env(),
        timeout,
    )


@contextlib.contextmanager
def running_chroma(path: Path | None = None, *, timeout: float = START_TIMEOUT) -> Iterator[ServerProcess]:
    """A Chroma server for the duration of the block (data in ``path`` or a temp folder removed afterwards)."""
    with contextlib.ExitStack() as stack:
        if path is None:
            path = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="chroma-"))) / "db"
        server = start_chroma(path, timeout=timeout)
        try:
            yield server
        finally:
            server.stop()


def _skip_if_unavailable(start: Callable[[], ServerProcess]) -> ServerProcess:
    try:
        return start()
    except ServerUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One Chroma server per test module (``host, port = chroma_server``), stopped after the module."""
    path = tmp_path_factory.mktemp("chroma-server") / "db"
    server = _skip_if_unavailable(lambda: start_chroma(path))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def chroma_server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., ServerProcess]]:
    """``start(path=None)`` starts another Chroma server (e.g. a restart on the same data); all stop after the test."""
    started: list[ServerProcess] = []

    def start(path: Path | None = None, *, timeout: float = START_TIMEOUT) -> ServerProcess:
        where = path or tmp_path_factory.mktemp("chroma-server") / "db"
        server = _skip_if_unavailable(lambda: start_chroma(where, timeout=timeout))
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in reversed(started):
            server.stop()


# -- Redis ---------------------------------------------------------------------------------------------------------


def redis_ping(server: ServerProcess, timeout: float = 1.0) -> bool:
    """A raw RESP ``PING`` (no client library needed)."""
    try:
        with socket.create_connection((server.host, server.port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(folder: Path, *, timeout: float = START_TIMEOUT) -> ServerProcess:
    """``redis-server`` on loopback with no persistence (no RDB snapshots, no AOF); raises ServerUnavailable."""
    if not REDIS_SERVER.is_file():
        raise ServerUnavailable(REDIS_MISSING)
    folder.mkdir(parents=True, exist_ok=True)
    return _start(
        "redis",
        lambda port: [
            str(REDIS_SERVER),
            "--bind", LOOPBACK,
            "--port", str(port),
            "--save", "",
            "--appendonly", "no",
            "--dir", str(folder),
            "--daemonize", "no",
            "--protected-mode", "yes",
            "--logfile", "",
        ],
        redis_ping,
        folder / "redis.log",
        quiet_env(),
        timeout,
    )


@pytest.fixture()
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A throw-away Redis (``host, port = redis_server``), stopped after the test."""
    server = _skip_if_unavailable(lambda: start_redis(tmp_path_factory.mktemp("redis")))
    try:
        yield server
    finally:
        server.stop()
