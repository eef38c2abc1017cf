"""A refcheck serve application on 127.0.0.1 for the web tests; those that need the web extra skip
without it (the uploads and jobs tests do not need it)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from refcheck.web.jobs import Jobs
from tests.conftest import SRC

WEB_EXTRA = "the web extra is not installed (pip install .[web])"

TOKEN = "test-token-0123456789abcdef"
# No test reaches the internet: no link cache of the user's, no archive lookups.
OFFLINE = {"link_cache": False, "link_archive": "none"}


@dataclass
class Live:
    base: str
    jobs: Jobs
    token: str = TOKEN

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Refcheck-Token": self.token}

    def get(self, path: str, **kw: Any) -> requests.Response:
        return requests.get(self.base + path, headers=self.headers, timeout=30, **kw)

    def post(self, path: str, **kw: Any) -> requests.Response:
        return requests.post(self.base + path, headers=self.headers, timeout=30, **kw)

    def put(self, path: str, data: Any) -> requests.Response:
        return requests.put(self.base + path, headers=self.headers, data=data, timeout=30)

    def check(self, files: dict[str, bytes], wait: bool = True, **options: Any) -> str:
        """Make a job, upload ``files``, start it; its id (after it ended, with ``wait``)."""
        res = self.post("/api/jobs", json={"links": False, **options})
        assert res.status_code == 201, res.text
        job = str(res.json()["id"])
        for name, data in files.items():
            res = self.put(f"/api/jobs/{job}/files/{name}", data)
            assert res.status_code == 201, res.text
        res = self.post(f"/api/jobs/{job}/start")
        assert res.status_code == 202, res.text
        if wait:
            self.wait(job)
        return job

    def wait(self, job: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            p: dict[str, Any] = self.get(f"/api/jobs/{job}/progress").json()
            if p["state"] in ("done", "failed"):
                return p
            time.sleep(0.05)
        raise AssertionError(f"check {job} did not end in {timeout} s")


def _serve(jobs: Jobs, token: str) -> tuple[str, Any, threading.Thread, socket.socket]:
    uvicorn = pytest.importorskip("uvicorn", reason=WEB_EXTRA)
    from refcheck.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = uvicorn.Server(
        uvicorn.Config(create_app(token, jobs), log_level="warning", access_log=False, lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server, thread, sock


@pytest.fixture
def serve_with() -> Iterator[Callable[..., Live]]:
    """Start servers with the given Jobs settings; all are stopped after the test."""
    running: list[tuple[Any, threading.Thread, socket.socket, Jobs]] = []

    def start(token: str = TOKEN, **settings: Any) -> Live:
        settings.setdefault("extra", OFFLINE)
        jobs = Jobs(**settings)
        base, server, thread, sock = _serve(jobs, token)
        running.append((server, thread, sock, jobs))
        return Live(base, jobs, token)

    yield start
    for server, thread, sock, jobs in running:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        jobs.close()


@pytest.fixture
def live(serve_with: Callable[..., Live]) -> Live:
    return serve_with()


def env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "REFCHECK_TOKEN")}
    env["PYTHONPATH"] = str(SRC)
    return env


class Serve:
    """``python -m refcheck serve ...`` in a subprocess; its stderr in a file (the server log)."""

    def __init__(self, tmp: Path, *args: str, environ: dict[str, str] | None = None) -> None:
        """``environ``: more environment for the server (the registries' endpoints of a test)."""
        self.log = tmp / "serve.log"
        self._fh = self.log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "refcheck", "serve", "--no-browser", "--port", "0", *args],
            stdout=self._fh,
            stderr=subprocess.STDOUT,
            env={**env(), **(environ or {})},
            cwd=tmp,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            m = re.search(r"http://(\S+?):(\d+)/\?token=(\S+)", self.log.read_text())
            if m:
                self.url = m[0]
                self.base = f"http://127.0.0.1:{m[2]}"
                self.token = m[3]
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"refcheck serve did not start:\n{self.log.read_text()}")

    def stop(self, how: int = signal.SIGINT) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(how)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._fh.close()
        return self.log.read_text()
