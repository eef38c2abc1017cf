"""A reply to reviewers kept beside the manuscript in its repository (qa-projects8: eLife and
SORTEE response letters) cites the manuscript's works without repeating its list: the missing list
is said at info, not as an error that fails a CI run over the repository. The same citations in a
document that is no reply keep their error."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.model import Severity
from refcheck.pipeline import CheckOptions, check_file

BODY = (
    "Comment 1.1: The authors should discuss earlier models of barrel formation.\n\n"
    "We now discuss the earlier models (Simons et al., 2009; Lee and Jones, 2012; Brown, 2015) in the "
    "introduction, and cite a review of them (Erzurumlu and Gaspar, 2012).\n"
)


def _no_list(tmp_path: Path, name: str, text: str) -> Severity:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    (finding,) = [f for f in result.doc.findings if f.rule == "missing-reference"]
    assert "no reference list" in finding.message
    return finding.severity


@pytest.mark.parametrize(
    "head",
    [
        "Response to Reviewers\n\n",
        "# Authors' response to the referees\n\n",
        "Reviewer #1\n\n",
        "REFEREE 2:\n\n",
        "We thank the editor and give a point-by-point response below.\n\n",
    ],
)
@pytest.mark.parametrize("name", ["reply.txt", "reply.md"])
def test_a_reply_to_reviewers_without_a_list_is_info(tmp_path: Path, head: str, name: str) -> None:
    assert _no_list(tmp_path, name, "Manuscript eLife-12345\n\n" + head + BODY) is Severity.INFO


@pytest.mark.parametrize("name", ["brief.txt", "brief.md"])
def test_the_same_citations_in_a_brief_are_an_error(tmp_path: Path, name: str) -> None:
    text = "Barrels\n\nThe reviewers of the field agree on little.\n\n" + BODY
    assert _no_list(tmp_path, name, text) is Severity.ERROR
