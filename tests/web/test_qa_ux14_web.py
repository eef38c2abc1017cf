"""QA round ux14, the web page's API (tests/test_qa_ux14.py has the rest)."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install .[web])")
pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install .[web])")

from tests.conftest import SEED
from tests.web.conftest import Live


def test_fixed_file_number_is_no_python_index(live: Live) -> None:
    """The fixed-file download took its "file" number as a Python index: "file=-1" gave the last file
    of the check. A number below 0 names no file (404), as one past the last does."""
    job = live.check({"brief.txt": SEED.read_bytes()})
    assert live.get(f"/api/jobs/{job}/fixed?file=0").status_code == 200
    for n in ("-1", "-2", "1"):
        assert live.get(f"/api/jobs/{job}/fixed?file={n}").status_code == 404, n
