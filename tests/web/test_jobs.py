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
        paths: Any,
        command_line: Any,
        explicit: Any = None,
        progress: Any = None,
        extra: Any = None,
        root: Any = None,
    ) -> Any:
        seen.update(command_line=dict(command_line), extra=dict(extra or {}), paths=list(paths))
        return real(paths, command_line, explicit, progress, extra, root=root)

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


def test_finished_jobs_are_let_go_by_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept reports hold their documents' text: beyond KEEP_CHARS the oldest go, however few they
    are, but the newest stays whatever its size (its page is still being read)."""
    monkeypatch.setattr(jobs_mod, "KEEP_CHARS", 1000)
    jobs = Jobs(extra=OFFLINE)
    try:
        small = [_run(jobs, Options(links=False), {"a.txt": b"Plain text.\n" * 30}) for _ in range(2)]
        jobs.create(Options())
        assert all(jobs.get(j.id) is not None for j in small) and small[0].size == 360
        big = _run(jobs, Options(links=False), {"b.txt": b"Plain text.\n" * 200})
        jobs.create(Options())
        assert [jobs.get(j.id) is not None for j in [*small, big]] == [False, False, True]
        newest = _run(jobs, Options(links=False), {"a.txt": b"Plain text.\n"})
        jobs.create(Options())
        assert jobs.get(big.id) is None and jobs.get(newest.id) is not None
    finally:
        jobs.close()


def test_the_server_log_never_carries_control_characters(
    jobs: Jobs, caplog: pytest.LogCaptureFixture
) -> None:
    """File names come from the uploader (a name, or an archive member's): the log line that names
    them reaches the editor's terminal, so an OSC or ANSI sequence in one is shown escaped."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("p/evil\x1b]0;owned\x07.txt", SEED.read_bytes())
    caplog.set_level("INFO", logger="refcheck.serve")
    _run(jobs, Options(links=False), {"x\x1b[2J.zip": buf.getvalue(), "brief\x1b[31m.txt": b"Text."})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "evil\\x1b]0;owned\\x07.txt" in logged and "brief\\x1b[31m.txt" in logged
    assert "\x1b" not in logged and "\x07" not in logged


def _project(files: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_an_uploaded_configuration_cannot_read_files_of_the_server(jobs: Jobs, tmp_path: Path) -> None:
    """The upload's own refcheck.toml is used, but the project is the upload: a bibliography it names
    outside the upload (a .bib of whoever runs the server) is refused, whatever directory the server
    was started from."""
    secret = tmp_path / "private.bib"
    secret.write_text("@book{root, author={Agent, Secret}, title={Private Title}, year={1999}}\n")
    doc = b"Text [@root].\n"
    job = _run(
        jobs,
        Options(links=False),
        {"p.zip": _project({"p/main.md": doc, "p/refcheck.toml": f'bibliography = ["{secret}"]\n'.encode()})},
    )
    assert job.progress().state == "failed"
    assert job.error and "outside the project" in job.error and str(jobs.root) not in job.error
    assert not any("Private Title" in (r.doc.text if r.doc else "") for r in job.results)


def test_an_uploaded_configuration_is_still_honoured(jobs: Jobs) -> None:
    job = _run(
        jobs,
        Options(links=False),
        {
            "p.zip": _project(
                {"p/brief.txt": SEED.read_bytes(), "p/refcheck.toml": b'ignore = ["uncited-reference"]\n'}
            )
        },
    )
    assert job.progress().state == "done", job.error
    doc = job.results[0].doc
    assert doc is not None and [f.rule for f in doc.findings] == ["year-mismatch"]


@pytest.mark.parametrize("data", [SEED.read_bytes(), b"PK\x03\x04 not a zip"])
def test_the_files_are_gone_before_the_check_says_it_ended(
    jobs: Jobs, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    """The page (and the tests) read 'done' or 'failed' as 'the files are gone'; the directory was
    removed only after the state was published, so a loaded machine saw both at once."""
    states: list[str] = []
    real = jobs_mod.shutil.rmtree

    def rmtree(path: Any, ignore_errors: bool = False) -> None:
        if job.dir == Path(path):
            states.append(job.progress().state)
        real(path, ignore_errors=ignore_errors)

    monkeypatch.setattr(jobs_mod.shutil, "rmtree", rmtree)
    job = jobs.create(Options(links=False))
    sink = job.receive("brief.zip" if data.startswith(b"PK") else "brief.txt")
    sink.write(data)
    sink.close()
    job.run()
    assert states and states[0] == "running"
    assert job.progress().state in ("done", "failed")


@pytest.mark.parametrize("where", ["absolute", "dot-dot", "device"])
def test_an_uploaded_front_matter_cannot_read_files_of_the_server(
    jobs: Jobs, tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown upload's front matter naming a bibliography outside the upload (issue 13.5): one
    finding, the file never read, whatever directory the server was started from (here: /)."""
    secret = tmp_path / "private.bib"
    secret.write_text("@book{root, author={Agent, Secret}, title={Private Title}, year={1999}}\n")
    name = {"absolute": str(secret), "dot-dot": "../" * 12 + str(secret).lstrip("/"), "device": "/dev/zero"}
    monkeypatch.chdir("/")  # no Git checkout: the server's directory would otherwise take in everything
    doc = f"---\nbibliography: {name[where]}\n---\n\nText [@root].\n".encode()
    job = _run(jobs, Options(links=False), {"p.zip": _project({"p/main.md": doc})})
    [result] = job.results
    assert result.doc is not None
    assert [f.rule for f in result.doc.findings if f.rule == "input-bibliography"] == ["input-bibliography"]
    assert not any(r.title == "Private Title" for r in result.doc.references or [])
