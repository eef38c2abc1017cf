"""The link options on the command line, end to end against a loopback server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import cli
from tests.links.conftest import Capture, Server, wayback


@pytest.fixture
def document(site: Server, tmp_path: Path) -> Path:
    site.routes["/wayback/available"] = wayback([Capture("20090101000000")])
    path = tmp_path / "paper.txt"
    path.write_text(
        "Energy matters (Smith 2009). See also " + site.url("/old") + " for the new site.\n\n"
        "References\n\n"
        f"Smith, John (2009) Pipelines. {site.url('/missing')} (accessed 16 September 2009).\n",
        encoding="utf-8",
    )
    return path


def run(site: Server, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    env = {
        "REFCHECK_CACHE_DIR": str(tmp_path / "cache"),
        "REFCHECK_ARCHIVE_API": site.url("/wayback/available"),
    }
    return cli("check", "--format", "json", "--allow-private-hosts", "--timeout", "2", *args, env=env)


def test_json_links_and_findings(site: Server, tmp_path: Path, document: Path) -> None:
    res = run(site, tmp_path, str(document))
    data = json.loads(res.stdout)
    links = data["files"][0]["links"]
    by_status = {lk["status"]: lk for lk in links}
    assert set(by_status) == {"redirected", "dead"}
    dead = by_status["dead"]
    assert (dead["reference"], dead["accessed"], dead["http_status"]) == ("ref-1", "2009-09-16", 404)
    assert dead["archive_timestamp"] == "20090101000000" and dead["line"] == 5
    rules = {f["rule"]: f for f in data["files"][0]["findings"]}
    assert rules["dead-link"]["suggestion"] == dead["archive_url"]
    assert rules["link-redirect"]["suggestion"] == site.url("/new")
    assert res.exit_code == 1


def test_no_links(site: Server, tmp_path: Path, document: Path) -> None:
    res = run(site, tmp_path, "--no-links", str(document))
    assert json.loads(res.stdout)["files"][0]["links"] == []
    assert site.hits() == 0


def test_private_hosts_skipped_without_flag(site: Server, tmp_path: Path, document: Path) -> None:
    env = {"REFCHECK_CACHE_DIR": str(tmp_path / "cache")}
    res = cli("check", "--format", "json", str(document), env=env)
    links = json.loads(res.stdout)["files"][0]["links"]
    assert {lk["status"] for lk in links} == {"skipped"}
    assert site.hits() == 0


def test_exclude_archive_none_and_accept(site: Server, tmp_path: Path, document: Path) -> None:
    res = run(
        site, tmp_path, "--exclude", "/old$", "--archive", "none", "--accept", "200..299,404", str(document)
    )
    links = json.loads(res.stdout)["files"][0]["links"]
    assert [lk["status"] for lk in links] == ["skipped", "alive"]
    assert site.hits("/wayback/available") == 0


def test_accept_is_not_answered_by_results_judged_without_it(
    site: Server, tmp_path: Path, document: Path
) -> None:
    # a cached row was judged under the default --accept: a 404 kept as dead must not stay dead
    # under --accept 200..299,404, and what --accept judged alive must not be kept for later runs
    def missing(*args: str) -> str:
        res = run(site, tmp_path, "--archive", "none", *args, str(document))
        links = json.loads(res.stdout)["files"][0]["links"]
        return next(lk["status"] for lk in links if lk["url"].endswith("/missing"))

    assert missing() == "dead"
    assert missing("--accept", "200..299,404") == "alive"
    assert missing() == "dead"
    assert missing("--accept", "200..299,404") == "alive"


def test_bad_accept_is_a_usage_error(document: Path) -> None:
    res = cli("check", "--accept", "teapot", str(document))
    assert res.exit_code == 2


def test_no_cache_and_max_age(site: Server, tmp_path: Path, document: Path) -> None:
    run(site, tmp_path, "--archive", "none", str(document))
    first = site.hits()
    run(site, tmp_path, "--archive", "none", "--cache-max-age", "1h", str(document))
    assert site.hits() == first
    run(site, tmp_path, "--archive", "none", "--no-cache", str(document))
    assert site.hits() > first


def test_links_not_fetched_are_noted_once(site: Server, tmp_path: Path, document: Path) -> None:
    # issue 9: private addresses and --exclude are said once, at info level, on stderr
    other = tmp_path / "other.txt"
    other.write_text(f"See {site.url('/alive')} and {site.url('/gone')} again.\n", encoding="utf-8")
    env = {"REFCHECK_CACHE_DIR": str(tmp_path / "cache")}
    res = cli("check", "--format", "json", "--exclude", "/gone$", str(document), str(other), env=env)
    notes = [ln for ln in res.stderr.splitlines() if "not fetched" in ln]
    assert len(notes) == 1, res.stderr
    assert "4 link(s) were not fetched" in notes[0]
    assert "3 on loopback, private or other non-public addresses" in notes[0]
    assert "1 excluded by --exclude-url" in notes[0]
    assert site.hits() == 0
    assert "Traceback" not in res.stderr


def test_links_timeout_option(site: Server, tmp_path: Path, document: Path) -> None:
    res = run(site, tmp_path, "--archive", "none", "--links-timeout", "15m", str(document))
    assert json.loads(res.stdout)["files"][0]["links"]
    res = run(site, tmp_path, "--archive", "none", "--links-timeout", "0", "--no-cache", str(document))
    assert res.exit_code == 1
    bad = cli("check", "--links-timeout", "soon", str(document))
    assert bad.exit_code == 2


def test_links_timeout_in_config(site: Server, tmp_path: Path, document: Path) -> None:
    (tmp_path / "refcheck.toml").write_text('links-timeout = "1m"\n', encoding="utf-8")
    res = cli("config", str(document))
    assert "links-timeout" in res.stdout


@pytest.mark.parametrize("value", ["0", '"1w"', "-5", '"soon"'])
def test_links_timeout_in_config_is_capped(tmp_path: Path, document: Path, value: str) -> None:
    # a configuration (perhaps added in a pull request) cannot lift the link stage's deadline
    (tmp_path / "refcheck.toml").write_text(f"links-timeout = {value}\n", encoding="utf-8")
    res = cli("check", "--no-links", str(document))
    assert res.exit_code == 2
    assert "links-timeout" in res.output
