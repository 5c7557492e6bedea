"""The bot makes no network call but to Slack and the configured LLM: ingest and ask run with every
non-loopback connection refused and recorded, and nothing is recorded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

GUARD = '''
import os, socket
_log = os.environ["NET_GUARD_LOG"]
_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo

def _record(what):
    with open(_log, "a") as fh:
        fh.write(repr(what) + "\\n")

def _loopback(host):
    return host in ("localhost", "::1") or str(host).startswith("127.")

def connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(host):
        _record(("connect", address))
        raise OSError("network disabled by test guard")
    return _real_connect(self, address)

def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _loopback(host):
        _record(("getaddrinfo", host))
        raise socket.gaierror("network disabled by test guard")
    return _real_getaddrinfo(host, *args, **kwargs)

socket.socket.connect = connect
socket.getaddrinfo = getaddrinfo
'''


@pytest.mark.slow
def test_ingest_and_ask_make_no_network_call(tmp_path: Path) -> None:
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "net.log"
    log.touch()
    # No LLM, Slack or Chroma server configured, and no telemetry switches: the package itself must set those.
    dropped = ("OPENAI_", "SLACK_", "CHROMA_", "HF_", "ORT_DISABLE_TELEMETRY", "ANONYMIZED_TELEMETRY")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.update({"PYTHONPATH": f"{guard_dir}{os.pathsep}{ROOT}", "NET_GUARD_LOG": str(log)})
    # the guard itself works: a real attempt to reach the internet is refused and recorded
    probe = subprocess.run([sys.executable, "-c", "import urllib.request as u; u.urlopen('https://pypi.org', timeout=5)"],
                           env=env, capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "pypi.org" in log.read_text()
    log.write_text("")
    db = tmp_path / "db"
    done = subprocess.run([sys.executable, str(ROOT / "ingest.py"), "--db", str(db), "--json", "-q"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    asked = subprocess.run([sys.executable, "-m", "bot", "ask", "--db", str(db), "--json", "what does the axios role pay?"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout.strip().splitlines()[-1])["answered"] is True
    assert log.read_text() == "", f"unexpected network calls: {log.read_text()}"
