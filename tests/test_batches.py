"""Big batches: --format jsonl streamed file by file, --shard K/N, and refcheck merge."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from refcheck import runner
from refcheck.merge import result_from_record
from refcheck.reporters.records import document_record
from refcheck.shard import Shard, key, shard_of

from .conftest import FIXTURES, ROOT, SEED, cli
from .links.conftest import Server, default_routes, start

SCHEMA = json.loads((ROOT / "docs" / "json-output.schema.json").read_text(encoding="utf-8"))


def _part(name: str) -> dict[str, Any]:
    """The schema of one of ``$defs`` (its references into the whole schema still resolve)."""
    keep = ("$schema", "$id", "$defs", "properties")
    return {**{k: SCHEMA[k] for k in keep}, "$ref": f"#/$defs/{name}"}


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def in_fixtures_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the checkout, so that paths (and their shards) are relative: fixtures/..."""
    monkeypatch.chdir(ROOT)


# --- jsonl -----------------------------------------------------------------------------------------


def test_jsonl_lines_are_the_json_files_and_summary(in_fixtures_parent: None) -> None:
    whole = cli("check", "--no-links", "--format", "json", "fixtures")
    lines = cli("check", "--no-links", "--format", "jsonl", "fixtures")
    assert lines.exit_code == whole.exit_code == 1
    report = json.loads(whole.stdout)
    *files, last = _lines(lines.stdout)
    assert files == report["files"]
    assert last == {"version": 1, "summary": report["summary"]}
    for f in files:
        jsonschema.validate(f, _part("file"))
    jsonschema.validate(last, _part("summary_line"))
    assert all("\n" not in line for line in lines.stdout.splitlines(keepends=False))


def test_jsonl_to_a_file_shows_the_text_lines(tmp_path: Path, in_fixtures_parent: None) -> None:
    out = tmp_path / "report.jsonl"
    res = cli("check", "--no-links", "--format", "jsonl", "-o", str(out), "fixtures")
    text = cli("check", "--no-links", "--format", "text", "fixtures")
    assert res.exit_code == text.exit_code == 1
    assert res.stdout == text.stdout  # the concise lines, file by file, then the summary
    assert (
        out.read_text(encoding="utf-8") == cli("check", "--no-links", "--format", "jsonl", "fixtures").stdout
    )


def test_jsonl_gives_each_file_before_the_next_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    real = runner.check_file

    def spy(path: str, options: Any = None) -> Any:
        checked.append(path)
        return real(path, options)

    monkeypatch.setattr(runner, "check_file", spy)
    stream = runner.stream([str(FIXTURES)], {"links": False, "jobs": 1})
    first, fail_on = next(stream.results)
    assert checked == [first.path] and fail_on == "error"
    second, _ = next(stream.results)
    assert checked == [first.path, second.path]
    assert len(list(stream.results)) >= 3


def test_jsonl_unreadable_file_is_a_line_and_a_stderr_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    res = cli("check", "--no-links", "--format", "jsonl", str(SEED), str(missing))
    assert res.exit_code == 2
    *files, last = _lines(res.stdout)
    assert [f["path"] for f in files] == [str(missing), str(SEED)]  # as in the JSON report
    assert files[0]["error"] == "no such file or directory"
    assert last["summary"]["unreadable"] == 1
    assert res.stderr == f"{missing}: error: no such file or directory\n"


def _corpus(directory: Path, n: int) -> None:
    directory.mkdir()
    for i in range(n):
        (directory / f"doc{i:04}.txt").write_text(
            f"Brief {i}\n\nAs Hardy (1968) argued, and later Ostrom (1990, p. 3).\n\n"
            "References\n\nHardy, Garrett (1968) The Tragedy of the Commons. Science 162.\n"
            "Ostrom, Elinor (1990) Governing the Commons. Cambridge University Press.\n",
            encoding="utf-8",
        )


def _peak(directory: Path, streamed: bool) -> int:
    tracemalloc.start()
    try:
        if streamed:
            stream = runner.stream([str(directory)], {"links": False, "jobs": 1})
            for _ in stream.results:
                pass
        else:
            runner.run([str(directory)], {"links": False, "jobs": 1})
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_jsonl_memory_stays_flat_in_the_number_of_files(tmp_path: Path) -> None:
    _corpus(tmp_path / "small", 10)
    _corpus(tmp_path / "large", 100)
    _peak(tmp_path / "small", True)  # first use: imports and caches
    streamed = _peak(tmp_path / "large", True) - _peak(tmp_path / "small", True)
    held = _peak(tmp_path / "large", False) - _peak(tmp_path / "small", False)
    # per file added: a streamed run keeps its path in the list of files to check (a few hundred
    # bytes); a run that holds every document until the end (the JSON report) keeps kilobytes
    assert streamed / 90 < 600, streamed
    assert held / 90 > 3000, held


# --- shards ----------------------------------------------------------------------------------------


def test_shard_of_is_stable_across_machines_and_spellings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    # SHA-256 of the path relative to the current directory, in forward slashes: fixed values
    assert key("./docs/a.md") == key("docs/a.md") == key(str(tmp_path / "docs" / "a.md")) == "docs/a.md"
    assert [shard_of("docs/a.md", n) for n in (1, 2, 3, 4, 7)] == [1, 1, 2, 3, 6]
    assert Shard.parse(" 2/4 ") == Shard(2, 4) and str(Shard(2, 4)) == "2/4"
    for bad in ("0/4", "5/4", "1", "a/b", "1/0"):
        with pytest.raises(ValueError):
            Shard.parse(bad)


def test_shards_split_the_files_without_overlap(in_fixtures_parent: None) -> None:
    everything = _lines(cli("check", "--no-links", "--format", "jsonl", "fixtures", "no-such.txt").stdout)
    seen: list[str] = []
    for k in (1, 2, 3):
        part = _lines(
            cli(
                "check", "--no-links", "--format", "jsonl", "--shard", f"{k}/3", "fixtures", "no-such.txt"
            ).stdout
        )
        *files, last = part
        assert last["summary"]["shard"] == f"{k}/3"
        seen += [f["path"] for f in files]
    assert sorted(seen) == sorted(f["path"] for f in everything[:-1])
    assert len(set(seen)) == len(seen)


# --- merge -----------------------------------------------------------------------------------------


@pytest.fixture
def shards(tmp_path: Path, in_fixtures_parent: None) -> list[Path]:
    out = []
    for k, fmt in ((1, "json"), (2, "jsonl"), (3, "json")):
        path = tmp_path / f"shard{k}.{fmt}"
        res = cli("check", "--no-links", "--format", fmt, "--shard", f"{k}/3", "-o", str(path), "fixtures")
        assert res.exit_code in (0, 1), res.stderr
        out.append(path)
    return out


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "sarif", "github", "junit", "markdown"])
def test_merged_shards_are_the_whole_run(shards: list[Path], fmt: str) -> None:
    whole = cli("check", "--no-links", "--format", fmt, "fixtures")
    merged = cli("merge", "--format", fmt, *map(str, shards))
    assert merged.exit_code == whole.exit_code == 1
    assert merged.stdout == whole.stdout


@pytest.mark.parametrize("fmt", ["full", "html"])
def test_merged_shards_render_in_every_format(shards: list[Path], fmt: str) -> None:
    merged = cli("merge", "--format", fmt, *map(str, shards))
    assert merged.exit_code == 1
    assert "000_bc11b8a9853f7d3f.txt" in merged.stdout and "year-mismatch" in merged.stdout


def test_merge_exit_status_is_that_of_the_whole(shards: list[Path], tmp_path: Path) -> None:
    assert cli("merge", "--fail-on", "never", *map(str, shards)).exit_code == 0
    out = tmp_path / "merged.json"
    res = cli("merge", "--format", "json", "-o", str(out), *map(str, shards))
    assert res.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        cli("check", "--no-links", "--format", "json", "fixtures").stdout
    )


def _one_error(res: Any, *words: str) -> None:
    assert res.exit_code == 2, res.stdout
    (line,) = res.stderr.splitlines()
    assert line.startswith("refcheck: error: ")
    for w in words:
        assert w in line, line


def test_merge_refuses_what_does_not_fit(shards: list[Path], tmp_path: Path) -> None:
    _one_error(cli("merge", str(shards[0]), str(shards[1])), "shard 3/3 missing", "--partial")
    assert cli("merge", "--partial", str(shards[0]), str(shards[1])).exit_code == 1
    _one_error(cli("merge", *map(str, shards), str(shards[0])), "shard 1/3 is given twice")
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(shards[1].read_text(encoding="utf-8").splitlines(keepends=True)[:-1]))
    _one_error(cli("merge", str(cut)), "no summary line", "did not finish")
    edited = tmp_path / "edited.json"
    data = json.loads(shards[0].read_text(encoding="utf-8"))
    data["files"] = data["files"][1:]
    edited.write_text(json.dumps(data))
    _one_error(cli("merge", str(edited)), "does not match the files listed")
    other = tmp_path / "other.json"
    other.write_text('{"files": [], "version": 2, "summary": {}}')
    _one_error(cli("merge", str(other)), "contract version 2")
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text("{not json\n")
    _one_error(cli("merge", str(garbage)), "line 1", "not JSON")
    plain = tmp_path / "plain.json"
    plain.write_text(cli("check", "--no-links", "--format", "json", str(SEED)).stdout)
    _one_error(cli("merge", str(plain), str(shards[0])), "is not a shard")


def test_merge_refuses_a_file_in_two_reports(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for p in (a, b):
        p.write_text(cli("check", "--no-links", "--format", "json", str(SEED)).stdout)
    _one_error(cli("merge", str(a), str(b)), "is in both")


def test_records_round_trip_for_every_format(in_fixtures_parent: None) -> None:
    """Every fixture (each loader, author-date and numeric, notes, .bib entries): the record of the
    result rebuilt from a record is that record."""
    report = json.loads(cli("check", "--no-links", "--format", "json", "fixtures", "no-such.txt").stdout)
    assert len(report["files"]) >= 10
    for rec in report["files"]:
        result = result_from_record(rec)
        again = document_record(result.doc) if result.doc else {**rec}
        assert again == rec, rec["path"]


# --- jsonl with links: checked in batches --------------------------------------------------------


@pytest.fixture
def site() -> Iterator[Server]:
    """The loopback site of the link tests."""
    server = Server(default_routes())
    httpd, _ = start(server)
    yield server
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_with_links_checks_them_in_batches(
    site: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setattr(runner, "BATCH_FILES", 2)  # five files: three batches
    monkeypatch.setattr(runner, "SERIAL_BELOW", 0)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(5):
        (docs / f"d{i}.txt").write_text(
            f"Paper {i} (Smith 2009), see {site.url('/old')}.\n\nReferences\n\n"
            f"Smith, John (2009) Pipelines. {site.url('/missing')} and {site.url('/alive')}.\n",
            encoding="utf-8",
        )

    def check(fmt: str, cache: str) -> Any:
        env = {"REFCHECK_CACHE_DIR": str(tmp_path / cache), "REFCHECK_ARCHIVE_API": site.url("/none")}
        args = ("check", "--format", fmt, "--jobs", jobs, "--allow-private-hosts", "--archive", "none")
        return cli(*args, "--timeout", "5", str(docs), env=env)

    whole = check("json", "cache1")
    asked = site.hits()
    streamed = check("jsonl", "cache2")
    assert site.hits() == 2 * asked  # each URL fetched once per run: later batches use the cache
    assert streamed.exit_code == whole.exit_code == 1
    *files, last = _lines(streamed.stdout)
    report = json.loads(whole.stdout)
    assert files == report["files"] and last["summary"] == report["summary"]
    assert {lk["status"] for f in files for lk in f["links"]} == {"alive", "dead", "redirected"}
    assert sum(1 for f in files for x in f["findings"] if x["rule"] == "dead-link") == 5


def test_jsonl_with_a_baseline_leaves_out_what_json_does(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    cli("check", "--no-links", "--write-baseline", str(base), str(SEED))
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    args = ("check", "--no-links", "--baseline", str(base), str(SEED), str(other))
    whole = cli(*args, "--format", "json")
    streamed = cli(*args, "--format", "jsonl")
    assert _lines(streamed.stdout)[:-1] == json.loads(whole.stdout)["files"]
    assert streamed.exit_code == whole.exit_code == 1
    assert streamed.stderr == whole.stderr == "2 findings in the baseline left out\n"


def test_merge_never_reads_a_device_or_a_fifo(tmp_path: Path) -> None:
    """``refcheck merge /dev/zero`` read until memory ran out, and a FIFO hung."""
    import os

    fifo = tmp_path / "part.jsonl"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        _one_error(cli("merge", path), "not a regular file")
