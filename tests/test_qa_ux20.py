"""QA round ux20: refcheck as an author, a CI gate and an editor meet it (merge, the Python API, the
GitHub Action, the registry options). Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

from tests.verify.fakes import FakeRegistries
from tests.verify.test_verify import SMITH, SMITH_ENTRY, doc_with


def test_registry_answers_of_one_endpoint_are_not_reused_for_another(tmp_path: Path) -> None:
    """docs/verify.md lets the user choose the registries' endpoints (a mirror, a local fake); their
    answers were cached under the DOI alone, so a run against an endpoint that knew nothing left
    "no such work" for 7 days, and the next run against Crossref itself reported the real DOI as
    doi-not-found (an error on a correct entry) without asking."""
    from refcheck.verify.run import verify_documents

    with FakeRegistries([]) as empty:
        first = doc_with(SMITH_ENTRY)
        verify_documents([first], empty.verify_options(tmp_path))
    assert first.references[0].verification is not None
    assert first.references[0].verification.status == "not-found"
    with FakeRegistries([SMITH]) as real:
        second = doc_with(SMITH_ENTRY)
        verify_documents([second], real.verify_options(tmp_path))
        assert real.requests() > 0
    assert second.references[0].verification is not None
    assert second.references[0].verification.status == "verified"
