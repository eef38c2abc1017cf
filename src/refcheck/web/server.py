"""Start the server: bind, print the address with its token, open the browser, serve until Ctrl-C.

uvicorn serves the application on a socket bound here first, so that a port in use is one clear
line (and ``--port 0`` picks a free port, whose address is printed).
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import secrets
import signal
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Mapping
from typing import Any, TextIO

import uvicorn

from refcheck.errors import UsageError
from refcheck.web.app import create_app
from refcheck.web.jobs import Jobs


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _bind(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        hint = ""
        if exc.errno == errno.EADDRINUSE:  # another refcheck serve, or another program, has it
            hint = "; choose another with --port (--port 0: any free port)"
        raise UsageError(f"cannot listen on {host} port {port}: {exc.strerror or exc}{hint}") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def is_loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def exposure_note(host: str, token: str, chosen: bool) -> str:
    """What to say when the server listens where other machines can reach it."""
    who = "the token you chose" if chosen else f"the token {token}"
    return (
        f"refcheck serve: listening on {host}, which other machines can reach: anyone with {who} "
        "can upload files here and read the results"
    )


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    token: str | None = None,
    open_browser: bool = True,
    max_file_size: int | None = None,
    workers: int | None = None,
    config: str | None = None,
    extra: Mapping[str, Any] | None = None,
    out: TextIO = sys.stderr,
) -> None:
    """Serve until interrupted; UsageError when the address cannot be used."""
    local = is_loopback(host)
    chosen = token is not None
    token = token or new_token()
    sock = _bind(host, port)
    bound = sock.getsockname()
    shown = host if local or host not in ("0.0.0.0", "::", "") else socket.gethostname()
    url_host = f"[{shown}]" if ":" in shown else shown
    url = f"http://{url_host}:{bound[1]}/?token={token}"
    logging.basicConfig(format="refcheck serve: %(message)s", level=logging.INFO, stream=out)
    kwargs: dict[str, Any] = {"max_file_size": max_file_size} if max_file_size else {}
    jobs = Jobs(workers=workers, config=config, extra=extra, **kwargs)
    print(f"refcheck serve: checking files at {url}", file=out, flush=True)
    if not local:
        print(exposure_note(host, token, chosen), file=out, flush=True)
    print(
        f"refcheck serve: each check's files are kept in {jobs.root} only until the check ends",
        file=out,
        flush=True,
    )
    print("refcheck serve: press Ctrl-C to stop", file=out, flush=True)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(token, jobs),
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
            server_header=False,
        )
    )
    if open_browser:

        def opener() -> None:
            deadline = time.monotonic() + 10
            while not server.started and time.monotonic() < deadline:
                time.sleep(0.05)
            if server.started:
                webbrowser.open(url)

        threading.Thread(target=opener, daemon=True).start()
    if threading.current_thread() is threading.main_thread():
        # uvicorn shuts down on SIGTERM, then raises it again: end as on Ctrl-C, so that the
        # temporary directory is removed
        signal.signal(signal.SIGTERM, _terminated)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn has shut down gracefully and passes Ctrl-C on
    finally:
        jobs.close()
        sock.close()
        print("refcheck serve: stopped; the uploaded files are gone", file=out, flush=True)
