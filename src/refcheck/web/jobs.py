"""Checks run for the web page: each one a job with its own temporary directory and worker thread.

A job is made with the page's options, receives its files (streamed to its directory, the size
counted as the bytes arrive), then runs the same configured run as ``refcheck check`` does
(``refcheck.runner.run``) in a worker thread, so the server keeps answering while it works; the page
follows its progress. When the check ends, its directory is removed: what remains is the result in
memory (the checked documents, with their source bytes for the fixes) until the job is discarded or
pushed out by newer ones.

Nothing here imports the web framework.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from refcheck import rules, runner
from refcheck.errors import UsageError, one_line
from refcheck.files import size_text
from refcheck.pipeline import DEFAULT_MAX_FILE_SIZE, CheckOptions, FileResult
from refcheck.web.uploads import (
    MAX_FILES,
    TooLarge,
    UploadError,
    extract_zip,
    is_archive,
    safe_name,
    to_check,
)

log = logging.getLogger("refcheck.serve")


def _inert(record: logging.LogRecord) -> bool:
    """The log names uploaded files (and archive members): its lines reach the editor's terminal,
    so the message is made one inert line, as every other line refcheck prints."""
    record.msg, record.args = one_line(record.getMessage()), None
    return True


log.addFilter(_inert)

FAIL_ON = ("error", "warning", "info", "never")
OPEN_FOR = 15 * 60  # seconds a job waits for its files before it is dropped
KEEP = 32  # finished jobs kept in memory (the oldest go first)
# and at most this many characters of their documents (a report page shows the text around each finding):
# 32 checks of 50 large files each would otherwise hold gigabytes
KEEP_CHARS = 256 * 2**20


def verify_available() -> bool:
    """Whether this refcheck can verify references in registries (``CheckOptions.verify``)."""
    return "verify" in {f.name for f in dataclasses.fields(CheckOptions)}


OPTION_KEYS = ("links", "verify", "fail_on", "ignore")


def _close(given: str, names: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for a near miss of one of ``names``, else ''."""
    import difflib  # only on this error's way

    close = difflib.get_close_matches(given, names, 1, 0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass
class Options:
    """What the page lets the user choose; everything else comes from the defaults or a config."""

    links: bool = True
    verify: bool | None = None  # None: not offered (this refcheck cannot verify)
    fail_on: str = "error"
    ignore: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Options:
        """From the page's JSON; UploadError names a bad value or an unknown key (a client writing
        the command line's "fail-on" is told, not checked under the default)."""
        for key in data:
            if key not in OPTION_KEYS:
                close = _close(str(key).replace("-", "_"), OPTION_KEYS)
                raise UploadError(f"unknown option {key!r}{close} (the options are {', '.join(OPTION_KEYS)})")
        links = data.get("links", True)
        verify = data.get("verify")
        fail_on = data.get("fail_on", "error")
        ignore = data.get("ignore") or []
        if not isinstance(links, bool):
            raise UploadError("links must be true or false")
        if verify is not None and not isinstance(verify, bool):
            raise UploadError("verify must be true or false")
        if fail_on not in FAIL_ON:
            raise UploadError(f"fail-on must be one of {', '.join(FAIL_ON)}")
        if not isinstance(ignore, list) or not all(isinstance(n, str) for n in ignore):
            raise UploadError("ignore must be a list of rule names")
        for name in ignore:
            if name not in rules.BY_NAME:
                raise UploadError(f"unknown rule {name!r}{_close(name, list(rules.BY_NAME))}")
        return cls(links, verify if verify_available() else None, fail_on, list(ignore))

    def command_line(self) -> dict[str, Any]:
        """The configuration keys these options set, as the CLI passes what the user typed."""
        out: dict[str, Any] = {"links": self.links, "fail-on": self.fail_on}
        if self.ignore:
            out["ignore"] = list(self.ignore)
        return out


@dataclass
class Progress:
    state: str  # open, queued, running, done, failed
    stage: str
    done: int = 0
    total: int = 0
    version: int = 0


class Job:
    def __init__(self, jobs: Jobs, options: Options) -> None:
        self.id = secrets.token_urlsafe(12)
        self.jobs = jobs
        self.options = options
        self.dir = Path(tempfile.mkdtemp(prefix=f"job-{self.id[:6]}-", dir=jobs.root))
        self.files_dir = self.dir / "files"
        self.files_dir.mkdir()
        # The job's directory is the project root of the check, whatever directory the server runs
        # in, and its configuration the root configuration: discovery stops here (a refcheck.toml
        # above the temporary directory is never read), and an uploaded project's own refcheck.toml
        # is trusted as the project's, except that its bibliography must lie inside the upload.
        (self.dir / "refcheck.toml").write_text("allow-nested-config = true\n", encoding="utf-8")
        self.names: list[str] = []
        self.uploaded = 0
        self.created = time.monotonic()
        self.finished: float | None = None
        self.results: list[FileResult] = []
        self.fail_on: dict[str, str] = {}
        self.notes: list[str] = []
        self.error: str | None = None
        self.elapsed = 0.0
        self.size = 0  # characters of document text its results hold (Jobs._tidy)
        self._lock = threading.Lock()
        self._progress = Progress("open", "Waiting for the files")
        self.view_cache: Any = None

    # --- progress, read by the page ---------------------------------------------------------------

    def progress(self) -> Progress:
        with self._lock:
            return dataclasses.replace(self._progress)

    def _set(self, **changes: Any) -> None:
        with self._lock:
            for k, v in changes.items():
                setattr(self._progress, k, v)
            self._progress.version += 1

    def _links(self, done: int, total: int) -> None:
        self._set(stage="Checking links", done=done, total=total)

    # --- files ------------------------------------------------------------------------------------

    def receive(self, name: str, stream: BinaryIO | None = None) -> Upload:
        """A sink for one uploaded file; UploadError when the job takes no more files or the name is bad."""
        name = safe_name(name)
        if self.progress().state != "open":
            raise UploadError("this check has already started; start a new one")
        if len(self.names) >= MAX_FILES:
            raise UploadError(f"at most {MAX_FILES} files in one check")
        if name in self.names:
            raise UploadError(f"{name} was uploaded twice")
        return Upload(self, name)

    @property
    def max_total(self) -> int:
        return 4 * self.jobs.max_file_size

    # --- running ----------------------------------------------------------------------------------

    def run(self) -> None:
        """The check itself, in a worker thread; its directory is removed however it ends."""
        started = time.monotonic()
        self._set(state="running", stage="Reading the files")
        final = ("failed", "Failed")
        try:
            paths: list[str] = []
            plain = [n for n in self.names if not is_archive(n)]
            for name in self.names:
                if is_archive(name):
                    self._set(stage=f"Unpacking {name}")
                    target = self.files_dir / (Path(name).stem or "project")
                    target.mkdir(exist_ok=True)
                    extract_zip(self.files_dir / name, target, self.jobs.max_file_size, self.max_total)
                    (self.files_dir / name).unlink()
                    paths.append(str(target))
            paths.extend(str(self.files_dir / n) for n in to_check(plain))
            if not paths:
                raise UploadError("no file to check: upload a document or paste its text")
            extra = dict(self.jobs.extra)
            if self.options.verify is not None:
                extra["verify"] = self.options.verify
            self._set(stage="Checking citations and references")
            run = runner.run(
                paths,
                self.options.command_line(),
                self.jobs.config,
                progress=self._links,
                extra=extra,
                root=self.dir,
            )
            _relativise(run, self.files_dir)
            self.results = run.results
            self.size = sum(len(r.doc.text) for r in run.results if r.doc is not None)
            self.fail_on = run.fail_on
            self.notes = list(run.links.notes)
            self.elapsed = time.monotonic() - started
            self._log_result()
            final = ("done", "Done")
        except (UploadError, UsageError) as exc:
            self.error = (
                str(exc).replace(str(self.files_dir) + os.sep, "").replace(str(self.dir), "(the upload)")
            )
            log.info("check %s refused: %s", self.id, exc)
        except Exception:
            self.error = "refcheck failed on this input (an internal error; the server log has the details)"
            log.exception("check %s failed", self.id)
        finally:
            # the files go before the page hears that the check has ended
            shutil.rmtree(self.dir, ignore_errors=True)
            self.finished = time.monotonic()
            self._set(state=final[0], stage=final[1])

    def _log_result(self) -> None:
        for r in self.results:
            if r.error:
                log.info("%s: not checked: %s", r.path, r.error)
            elif r.doc is not None:
                counts = {s: 0 for s in ("error", "warning", "info")}
                for f in r.doc.findings:
                    counts[str(f.severity)] += 1
                log.info(
                    "%s: %d error(s), %d warning(s), %d info (%.1f s)",
                    r.path,
                    counts["error"],
                    counts["warning"],
                    counts["info"],
                    self.elapsed,
                )

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


class Upload:
    """One file being received: written under the job's directory, its size checked as it grows."""

    def __init__(self, job: Job, name: str) -> None:
        self.job = job
        self.name = name
        self.size = 0
        self.path = job.files_dir / name
        try:
            self._fh: BinaryIO | None = self.path.open("xb")
        except FileExistsError:
            raise UploadError(f"{name} was uploaded twice") from None
        except OSError as exc:
            raise UploadError(f"{name} could not be stored ({exc.strerror or exc})") from None

    def write(self, chunk: bytes) -> None:
        limit = self.job.jobs.max_file_size
        self.size += len(chunk)
        if self.size > limit or self.job.uploaded + self.size > self.job.max_total:
            self.abort()
            raise TooLarge(
                too_big(self.name, self.size, limit, more=True)
                if self.size > limit
                else f"the files of one check may not exceed {size_text(self.job.max_total)} in all"
            )
        assert self._fh is not None
        try:
            self._fh.write(chunk)
        except OSError as exc:
            self.abort()
            raise UploadError(f"{self.name} could not be stored ({exc.strerror or exc})") from None

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self.job.uploaded += self.size
            self.job.names.append(self.name)

    def abort(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self.path.unlink(missing_ok=True)


def too_big(name: str, size: int, limit: int, more: bool = False) -> str:
    """The message for a file over the size limit (``more``: its size is known to be at least this)."""
    return (
        f"{name} is {'more than ' if more else ''}{size_text(size)}, over the {size_text(limit)} limit "
        "(refcheck serve --max-file-size)"
    )


def _relativise(run: runner.Run, root: Path) -> None:
    """Paths as the user knows them ("brief.docx", "project/main.tex"), not the temporary ones."""
    prefix = str(root) + os.sep
    # the same directory as the check may show it: relative to the server's working directory when
    # the temporary directory lies below it (a server started in / or in /tmp: a LaTeX main file is
    # shown as the user would write it, "tmp/refcheck-serve-.../files/brief.tex")
    shown = os.path.relpath(root)
    prefixes = [prefix] + ([shown + os.sep] if not shown.startswith("..") and shown != "." else [])

    def rel(path: str) -> str:
        for p in prefixes:
            if path.startswith(p):
                return path[len(p) :]
        return path

    def strip(text: str) -> str:
        for p in prefixes:
            text = text.replace(p, "")
        return text

    for r in run.results:
        r.path = rel(r.path) if r.path != str(root) else "."
        if r.error:
            r.error = strip(r.error)
        if r.doc is None:
            continue
        doc = r.doc
        doc.path = rel(doc.path)
        doc.files = [(a, b, rel(p)) for a, b, p in doc.files]
        for ref in doc.references or []:
            if ref.source is not None:
                ref.source = (rel(ref.source[0]), ref.source[1])
        for f in doc.findings:
            if f.path:
                f.path = rel(f.path)
            f.message = strip(f.message)
    run.fail_on = {rel(k): v for k, v in run.fail_on.items()}
    run.links.notes = [strip(n) for n in run.links.notes]


class Jobs:
    """The jobs of one server: made, fed, run in a bounded pool of workers, then kept a while."""

    def __init__(
        self,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        workers: int | None = None,
        config: str | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="refcheck-serve-"))
        self.max_file_size = max_file_size
        self.config = config
        self.extra = dict(extra or {})
        self.workers = workers or min(4, os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="refcheck-check")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def defaults(self) -> dict[str, Any]:
        """The options the page starts from: the house configuration's (``--config``) or the
        defaults, with REFCHECK_VERIFY turning verification off as for ``refcheck check``, so that a
        check made without touching them is the check the configuration asks for."""
        values: Mapping[str, Any] = {}
        if self.config is not None:
            from refcheck import config as config_mod

            values = config_mod.discover(self.root, self.config).values
        verify = bool(values.get("verify", getattr(CheckOptions(), "verify", False)))
        if os.environ.get("REFCHECK_VERIFY", "").strip().lower() in runner.OFF:
            verify = False
        if "verify" in self.extra:
            verify = bool(self.extra["verify"])
        return {
            "links": bool(values.get("links", True)),
            "fail_on": str(values.get("fail-on") or "error"),
            "verify": verify and verify_available(),
            "ignore": [n for n in values.get("ignore") or [] if n in rules.BY_NAME],
        }

    def create(self, options: Options) -> Job:
        with self._lock:
            self._tidy()
            job = Job(self, options)
            self._jobs[job.id] = job
            return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, job: Job) -> None:
        if job.progress().state != "open":
            raise UploadError("this check has already started")
        if not job.names:
            raise UploadError("no file to check: upload a document or paste its text")
        job._set(state="queued", stage="Waiting for a free worker")
        self._pool.submit(job.run)

    def discard(self, job_id: str) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None and job.progress().state in ("open", "done", "failed"):
                del self._jobs[job_id]
                job.discard()

    def _tidy(self) -> None:
        now = time.monotonic()
        for jid, job in list(self._jobs.items()):
            if job.progress().state == "open" and now - job.created > OPEN_FOR:
                del self._jobs[jid]
                job.discard()
        finished = sorted(
            (j for j in self._jobs.values() if j.finished is not None), key=lambda j: j.finished or 0
        )
        # the oldest go first: KEEP - 1 are left (room for the new one), holding at most KEEP_CHARS
        # unless the newest alone holds more (its page is still being read)
        size = sum(j.size for j in finished)
        while finished and (len(finished) >= KEEP or (size > KEEP_CHARS and len(finished) > 1)):
            job = finished.pop(0)
            del self._jobs[job.id]
            size -= job.size

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)
