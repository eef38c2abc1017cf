"""The web application (Starlette): the page, its static files, and the API the page calls.

Every request needs the server's token, as ``?token=`` or the ``X-Refcheck-Token`` header (compared
in constant time); anything else gets 403. The page and the API send headers that keep the token
from leaking (no Referer) and the page from running anything it did not load from refcheck itself.

    POST   /api/jobs                      {"links": true, "fail_on": "error", "ignore": [...]} -> {"id"}
    PUT    /api/jobs/{id}/files/{name}    the file's bytes as the body (streamed to disk, size capped)
    POST   /api/jobs/{id}/start
    GET    /api/jobs/{id}/events          server-sent events: progress, then done or failed
    GET    /api/jobs/{id}/progress        the same, once (for polling)
    GET    /api/jobs/{id}/result          what the page shows (refcheck.web.view)
    GET    /api/jobs/{id}/report.html     refcheck's HTML report; report.json its JSON report
    GET    /api/jobs/{id}/fixed?file=N    the file with the safe fixes (a DOCX: tracked changes;
                                          &comments=1 adds the other findings as Word comments)
    DELETE /api/jobs/{id}
"""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
import html
import json
import time
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from refcheck import __version__, rules
from refcheck.reporters import REPORTERS
from refcheck.reporters.html_assets import CSS as REPORT_CSS
from refcheck.web import view
from refcheck.web.jobs import Job, Jobs, Options, log, too_big, verify_available
from refcheck.web.uploads import TooLarge, UploadError, accepted_suffixes

TOKEN_HEADER = "x-refcheck-token"
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
FORBIDDEN = (
    "403 Forbidden: this address needs the token that refcheck serve printed when it started "
    "(open the whole address it printed, with ?token=...).\n"
)


class TokenGuard:
    """Refuse every request without the token; add the security headers to every response."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode("utf-8")

    def _given(self, scope: Scope) -> bytes:
        for name, value in scope.get("headers") or []:
            if name == TOKEN_HEADER.encode():
                return bytes(value)
        query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
        return str((query.get("token") or [""])[0]).encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                extra = {
                    b"referrer-policy": b"no-referrer",
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"cache-control": b"no-store",
                    b"content-security-policy": PAGE_CSP.encode(),
                }
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        if not hmac.compare_digest(self._given(scope), self.token):
            response = PlainTextResponse(FORBIDDEN, status_code=403)
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _static(name: str) -> str:
    return resources.files("refcheck.web").joinpath("static", name).read_text(encoding="utf-8")


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _download(body: bytes | str, filename: str, media_type: str) -> Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    return Response(
        data,
        media_type=media_type,
        headers={
            "content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}",
            # a report opened from here anyway runs in an origin of its own, away from the token
            "content-security-policy": "sandbox",
        },
    )


def create_app(token: str, jobs: Jobs) -> ASGIApp:
    """The application guarded by ``token``, running its checks with ``jobs``."""
    page = _static("index.html")

    def job_or_404(request: Request) -> Job | JSONResponse:
        job = jobs.get(request.path_params["job"])
        if job is None:
            return _error("no such check (it may have expired; start a new one)", 404)
        return job

    async def index(request: Request) -> Response:
        body = (
            page.replace("{{token_q}}", html.escape(quote(token, safe=""), quote=True))
            .replace("{{token}}", html.escape(token, quote=True))
            .replace("{{version}}", __version__)
        )
        return Response(body, media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name == "report.css":
            return Response(REPORT_CSS, media_type="text/css; charset=utf-8")
        types = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
        if name not in types:
            return PlainTextResponse("not found", status_code=404)
        return Response(_static(name), media_type=types[name])

    async def info(request: Request) -> Response:
        defaults = jobs.defaults()
        return JSONResponse(
            {
                "version": __version__,
                "verify": verify_available(),
                "verify_default": defaults["verify"],
                "defaults": defaults,
                "max_file_size": jobs.max_file_size,
                "suffixes": accepted_suffixes(),
                "rules": [
                    {"name": r.NAME, "severity": str(r.SEVERITY), "summary": r.SUMMARY} for r in rules.ALL
                ],
            }
        )

    async def create(request: Request) -> Response:
        try:
            data = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _error("the options are not valid JSON")
        if not isinstance(data, dict):
            return _error("the options must be a JSON object")
        try:
            options = Options.parse({**jobs.defaults(), **data})  # what is not said: the page's defaults
        except UploadError as exc:
            return _error(str(exc))
        job = jobs.create(options)
        return JSONResponse({"id": job.id}, status_code=201)

    async def upload(request: Request) -> Response:
        job = job_or_404(request)
        if isinstance(job, JSONResponse):
            return job
        length = request.headers.get("content-length")
        try:
            sink = job.receive(request.path_params["name"])
        except UploadError as exc:
            log.info("upload refused: %s", exc)
            return _error(str(exc))
        refused: UploadError | None = None
        if length and length.isdigit() and int(length) > jobs.max_file_size:
            sink.abort()
            refused = TooLarge(too_big(sink.name, int(length), jobs.max_file_size))
        async for chunk in request.stream():
            if refused is not None:
                continue  # read what the browser sends, so that it sees the answer
            try:
                sink.write(chunk)
            except UploadError as exc:
                refused = exc
        if refused is not None:
            log.info("upload refused: %s", refused)
            return _error(str(refused), 413 if isinstance(refused, TooLarge) else 400)
        sink.close()
        return JSONResponse({"name": sink.name, "size": sink.size}, status_code=201)

    async def start(request: Request) -> Response:
        job = job_or_404(request)
        if isinstance(job, JSONResponse):
            return job
        try:
            jobs.start(job)
        except UploadError as exc:
            return _error(str(exc))
        return JSONResponse({"id": job.id}, status_code=202)

    def progress_record(job: Job) -> dict[str, Any]:
        p = job.progress()
        return {**dataclasses.asdict(p), "error": job.error}

    async def progress(request: Request) -> Response:
        job = job_or_404(request)
        if isinstance(job, JSONResponse):
            return job
        return JSONResponse(progress_record(job))

    async def events(request: Request) -> Response:
        job = job_or_404(request)
        if isinstance(job, JSONResponse):
            return job

        async def stream() -> Any:
            last = -1
            quiet = time.monotonic()
            while True:
                record = progress_record(job)
                if record["version"] != last:
                    last = record["version"]
                    quiet = time.monotonic()
                    yield f"event: progress\ndata: {json.dumps(record)}\n\n"
                    if record["state"] in ("done", "failed"):
                        yield f"event: {record['state']}\ndata: {json.dumps(record)}\n\n"
                        return
                elif time.monotonic() - quiet > 15:
                    quiet = time.monotonic()
                    yield ": still working\n\n"
                await asyncio.sleep(0.1)

        return StreamingResponse(stream(), media_type="text/event-stream")

    def finished(request: Request) -> Job | JSONResponse:
        job = job_or_404(request)
        if isinstance(job, JSONResponse):
            return job
        state = job.progress().state
        if state == "failed":
            return _error(job.error or "the check failed", 409)
        if state != "done":
            return _error("the check has not finished yet", 409)
        return job

    async def result(request: Request) -> Response:
        job = finished(request)
        if isinstance(job, JSONResponse):
            return job
        if job.view_cache is None:
            data = await run_in_threadpool(view.result_view, job.results, job.fail_on, job.options.fail_on)
            data["notes"] = job.notes
            data["options"] = dataclasses.asdict(job.options)
            data["elapsed"] = round(job.elapsed, 2)
            job.view_cache = json.dumps(data, ensure_ascii=False)
        return Response(job.view_cache, media_type="application/json")

    def base_name(job: Job) -> str:
        first = job.results[0].path if job.results else "report"
        stem = first.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0] or "report"
        return f"{stem}-refcheck"

    async def report(request: Request) -> Response:
        job = finished(request)
        if isinstance(job, JSONResponse):
            return job
        fmt = request.path_params["fmt"]
        if fmt not in ("html", "json"):
            return _error("reports are report.html and report.json", 404)
        body = await run_in_threadpool(REPORTERS[fmt], job.results, color=False)
        media = "text/html; charset=utf-8" if fmt == "html" else "application/json"
        return _download(body, f"{base_name(job)}.{fmt}", media)

    async def fixed(request: Request) -> Response:
        job = finished(request)
        if isinstance(job, JSONResponse):
            return job
        try:
            n = int(request.query_params.get("file", "0"))
            if n < 0:
                raise IndexError(n)  # (not Python's count from the end: "file=-1" is no file)
            r = job.results[n]
        except (ValueError, IndexError):
            return _error("no such file in this check", 404)
        if r.doc is None:
            return _error(f"{r.path} could not be read, so it cannot be fixed", 409)
        comments = request.query_params.get("comments") in ("1", "true", "on")
        planned = await run_in_threadpool(view.plan, r.doc, comments)
        if planned.new == planned.old:
            why = getattr(planned, "comments_refused", None)
            return _error(
                f"{r.path}: " + (f"no Word comments written: {why}" if why else "nothing to change"), 409
            )
        media = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if r.doc.format == "docx"
            else "application/octet-stream"
        )
        return _download(planned.new, view.fixed_name(r.path), media)

    async def discard(request: Request) -> Response:
        jobs.discard(request.path_params["job"])
        return Response(status_code=204)

    routes = [
        Route("/", index),
        Route("/static/{name}", static),
        Route("/api/info", info),
        Route("/api/jobs", create, methods=["POST"]),
        Route("/api/jobs/{job}/files/{name}", upload, methods=["PUT"]),
        Route("/api/jobs/{job}/start", start, methods=["POST"]),
        Route("/api/jobs/{job}/events", events),
        Route("/api/jobs/{job}/progress", progress),
        Route("/api/jobs/{job}/result", result),
        Route("/api/jobs/{job}/report.{fmt:str}", report),
        Route("/api/jobs/{job}/fixed", fixed),
        Route("/api/jobs/{job}", discard, methods=["DELETE"]),
    ]
    app = Starlette(routes=routes)
    return TokenGuard(app, token)
