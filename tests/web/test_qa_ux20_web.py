"""QA round ux20, the web page's API (tests/test_qa_ux20.py has the rest)."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install .[web])")
pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install .[web])")

from tests.web.conftest import Live


def test_an_unknown_option_of_a_check_is_refused_with_the_close_one(live: Live) -> None:
    """`POST /api/jobs {"fail-on": "warning"}` (the command line's and configuration's spelling; the
    API's is fail_on) was accepted, the key ignored and the check made under fail-on error without a
    word; an unknown rule to ignore was refused without the "did you mean" the command line gives."""
    res = live.post("/api/jobs", json={"fail-on": "warning"})
    assert res.status_code == 400
    assert "unknown option 'fail-on' (did you mean 'fail_on'?)" in res.json()["error"]
    res = live.post("/api/jobs", json={"ignore": ["year-mismach"]})
    assert res.status_code == 400 and "did you mean 'year-mismatch'?" in res.json()["error"]
    assert live.post("/api/jobs", json={"fail_on": "warning", "links": False}).status_code == 201
