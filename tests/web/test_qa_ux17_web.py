"""QA round ux17, the web page's API (tests/test_qa_ux17.py has the rest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install .[web])")
pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install .[web])")

from tests.conftest import SEED
from tests.web.conftest import Live


def test_the_page_starts_from_the_house_configuration(
    serve_with: Callable[..., Live], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`refcheck serve --config house.toml` with `fail-on = "warning"`, `links = false`: the page still
    offered "Fail on: error" and link checking ticked, and sent them with every check, so the page's
    defaults overrode the house configuration the editor had chosen. The page now starts from it."""
    monkeypatch.delenv("REFCHECK_VERIFY", raising=False)
    house = tmp_path / "house.toml"
    house.write_text('fail-on = "warning"\nlinks = false\nverify = false\nignore = ["uncited-reference"]\n')
    live = serve_with(config=str(house))
    defaults = live.get("/api/info").json()["defaults"]
    assert defaults == {
        "links": False,
        "fail_on": "warning",
        "verify": False,
        "ignore": ["uncited-reference"],
    }
    assert live.get("/api/info").json()["verify_default"] is False


def test_the_page_without_configuration_and_refcheck_verify_off(
    serve_with: Callable[..., Live], monkeypatch: pytest.MonkeyPatch
) -> None:
    """REFCHECK_VERIFY=0 turns verification off for every check in that environment (README), but
    the page ticked "Verify references" and so turned it back on for each check."""
    monkeypatch.setenv("REFCHECK_VERIFY", "0")
    live = serve_with()
    info = live.get("/api/info").json()
    assert info["defaults"] == {"links": True, "fail_on": "error", "verify": False, "ignore": []}
    assert info["verify_default"] is False
    monkeypatch.delenv("REFCHECK_VERIFY")
    assert live.get("/api/info").json()["defaults"]["verify"] is True


def test_a_check_that_names_no_option_gets_the_house_configuration(
    serve_with: Callable[..., Live], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check made through the API without options (curl, a script) was checked at fail-on
    "error" whatever the house configuration said: the options' own defaults stood for the user's
    choice and overrode it."""
    monkeypatch.delenv("REFCHECK_VERIFY", raising=False)
    house = tmp_path / "house.toml"
    house.write_text('fail-on = "warning"\nlinks = false\nverify = false\n')
    live = serve_with(config=str(house))
    res = live.post("/api/jobs", json={})
    assert res.status_code == 201, res.text
    job = res.json()["id"]
    assert live.put(f"/api/jobs/{job}/files/brief.txt", SEED.read_bytes()).status_code == 201
    assert live.post(f"/api/jobs/{job}/start").status_code == 202
    live.wait(job)
    view = live.get(f"/api/jobs/{job}/result").json()
    assert view["options"]["fail_on"] == "warning" and view["options"]["links"] is False
    (doc,) = view["files"]
    assert doc["fail_on"] == "warning"
