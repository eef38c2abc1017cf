"""``refcheck serve`` as a user starts it: the address it prints, its refusals, what it never imports."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import SEED, cli
from tests.web.conftest import Serve, env


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Serve]:
    pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install .[web])")
    server = Serve(tmp_path)
    yield server
    server.stop()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_prints_its_address_and_stops_cleanly(serve: Serve, how: int) -> None:
    assert serve.url.startswith("http://127.0.0.1:")
    assert len(serve.token) >= 32
    assert requests.get(serve.url, timeout=10).status_code == 200
    assert requests.get(serve.base + "/?token=wrong", timeout=10).status_code == 403
    found = re.search(r"files are kept in (\S+) only until the check ends", serve.log.read_text())
    assert found is not None
    root = Path(found[1])
    assert root.is_dir()
    log = serve.stop(how)
    assert serve.proc.returncode == 0, log
    assert "stopped; the uploaded files are gone" in log and "Traceback" not in log
    assert not root.exists()


def test_a_busy_port_is_one_line() -> None:
    pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install .[web])")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        res = cli("serve", "--no-browser", "--port", str(port))
    assert res.exit_code == 2
    assert res.stderr.strip().startswith(f"refcheck: error: cannot listen on 127.0.0.1 port {port}")
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    # ("Address already in use" and no more: docs/editors.md has the answer, the message gives it)
    assert "choose another with --port (--port 0: any free port)" in res.stderr


def test_a_short_token_is_refused() -> None:
    res = cli("serve", "--no-browser", "--token", "abc")
    assert res.exit_code == 2 and "at least 16 characters" in res.stderr


def test_a_bad_configuration_is_said_at_start(tmp_path: Path) -> None:
    bad = tmp_path / "refcheck.toml"
    bad.write_text("fail-on = 'sometimes'\n", encoding="utf-8")
    res = cli("serve", "--no-browser", "--config", str(bad))
    assert res.exit_code == 2 and "fail-on" in res.stderr and "Traceback" not in res.output


def test_another_address_says_who_can_reach_it(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install .[web])")
    from refcheck.web.server import exposure_note, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and not is_loopback("0.0.0.0")
    note = exposure_note("0.0.0.0", "t0k3n", chosen=False)
    assert "which other machines can reach" in note and "the token t0k3n" in note
    assert "t0k3n" not in exposure_note("0.0.0.0", "t0k3n", chosen=True)
    server = Serve(tmp_path, "--host", "0.0.0.0", "--token", "a-token-of-our-own-choosing")
    try:
        log = server.log.read_text()
        assert server.token == "a-token-of-our-own-choosing" and "anyone with the token you chose" in log
        assert requests.get(server.base + "/api/info", timeout=10).status_code == 403
        res = requests.get(server.base + "/api/info?token=a-token-of-our-own-choosing", timeout=10)
        assert res.status_code == 200
    finally:
        server.stop()


def test_without_the_web_extra_serve_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("uvicorn", "starlette"):
        monkeypatch.setitem(sys.modules, name, None)  # type: ignore[arg-type]
    for name in [m for m in sys.modules if m.startswith("refcheck.web.")]:
        monkeypatch.delitem(sys.modules, name)
    res = cli("serve", "--no-browser")
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    # the README's commands: the distribution is not on the package index yet (break23)
    assert "pip install 'refcheck-citations[web] @ git+https://github.com/refcheck/refcheck'" in res.stderr
    assert "pip install '.[web]'" in res.stderr


def test_check_never_imports_the_web_framework(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from refcheck.cli import main\n"
        f"try:\n    main(['check', '--no-links', {str(SEED)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'anyio')"
        " or m.startswith('refcheck.web')))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env(), cwd=tmp_path, timeout=60
    )
    assert res.stdout.strip().splitlines()[-1] == "[]", res.stderr
