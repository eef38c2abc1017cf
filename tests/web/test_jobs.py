"""Jobs without the server: options as the CLI passes them, the worker, the temporary directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from refcheck import runner
from refcheck.web import jobs as jobs_mod
from refcheck.web.jobs import Jobs, Options
from refcheck.web.uploads import UploadError
from tests.conftest import SEED
from tests.web.conftest import OFFLINE


def _run(jobs: Jobs, options: Options, files: dict[str, bytes]) -> jobs_mod.Job:
    job = jobs.create(options)
    for name, data in files.items():
        sink = job.receive(name)
        sink.write(data)
        sink.close()
    job.run()  # in this thread: what the worker does
    return job


@pytest.fixture
def jobs() -> Any:
    j = Jobs(extra=OFFLINE)
    yield j
    j.close()


def test_options_become_the_command_line(jobs: Jobs, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    real = runner.run

    def spy(
        paths: Any, command_line: Any, explicit: Any = None, progress: Any = None, extra: Any = None
    ) -> Any:
        seen.update(command_line=dict(command_line), extra=dict(extra or {}), paths=list(paths))
        return real(paths, command_line, explicit, progress, extra)

    monkeypatch.setattr(runner, "run", spy)
    options = Options.parse({"links": False, "fail_on": "warning", "ignore": ["uncited-reference"]})
    job = _run(jobs, options, {"brief.txt": SEED.read_bytes()})
    assert seen["command_line"] == {"links": False, "fail-on": "warning", "ignore": ["uncited-reference"]}
    assert job.fail_on == {"brief.txt": "warning"}
    assert job.results[0].doc is not None
    assert [f.rule for f in job.results[0].doc.findings] == ["year-mismatch"]
    assert "verify" not in seen["extra"] or jobs_mod.verify_available()


def test_verify_is_passed_on_when_refcheck_can_verify(jobs: Jobs, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    real = runner.check_file

    def spy(path: str, options: Any = None) -> Any:
        seen.append(getattr(options, "verify", "absent"))
        return real(path, options)

    monkeypatch.setattr(runner, "check_file", spy)
    monkeypatch.setattr(jobs_mod, "verify_available", lambda: True)
    _run(jobs, Options.parse({"links": False, "verify": True}), {"a.txt": SEED.read_bytes()})
    _run(jobs, Options.parse({"links": False, "verify": False}), {"a.txt": SEED.read_bytes()})
    assert seen == [True, False]
    monkeypatch.setattr(jobs_mod, "verify_available", lambda: False)
    assert Options.parse({"verify": True}).verify is None  # not offered: never passed on


def test_the_directory_goes_and_paths_read_as_uploaded(jobs: Jobs) -> None:
    job = _run(
        jobs, Options(links=False), {"brief.txt": SEED.read_bytes(), "refs.bib": b"@book{a,title={A}}"}
    )
    assert not job.dir.exists()
    assert [r.path for r in job.results] == ["brief.txt"]  # the .bib is read with, not as, a document
    doc = job.results[0].doc
    assert doc is not None and doc.path == "brief.txt"
    assert job.progress().state == "done"


def test_a_failing_check_leaves_no_traceback_and_no_directory(
    jobs: Jobs, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*a: Any, **k: Any) -> Any:
        raise UploadError("nothing to see")

    monkeypatch.setattr(runner, "run", boom)
    job = _run(jobs, Options(links=False), {"a.txt": b"text"})
    assert job.progress().state == "failed" and job.error == "nothing to see"
    assert not job.dir.exists()
    assert "Traceback" not in caplog.text


def test_finished_jobs_are_let_go(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(jobs_mod, "KEEP", 3)
    jobs = Jobs(extra=OFFLINE)
    try:
        made = [_run(jobs, Options(links=False), {"a.txt": b"Plain text.\n"}) for _ in range(5)]
        jobs.create(Options())
        assert [jobs.get(j.id) is not None for j in made] == [False, False, False, True, True]
    finally:
        jobs.close()
    assert not jobs.root.exists()
