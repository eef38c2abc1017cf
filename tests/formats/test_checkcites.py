"""refcheck and checkcites agree key for key on undefined and unused references.

checkcites reads the .aux LaTeX writes; pdflatex/bibtex are not needed: the test writes the .aux
by hand (``\\citation{key}`` per cited key, ``\\bibdata{brief}``) from the keys in the .tex, the way
LaTeX would, and compares checkcites' lists with refcheck's missing-reference / uncited-reference.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.checkcites import checkcites

from refcheck.pipeline import CheckOptions, check_file

ROOT = Path(__file__).resolve().parents[2]
LATEX = ROOT / "fixtures" / "formats" / "latex"
CITE = re.compile(r"\\(?:no)?cite[a-zA-Z]*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^}]*)\}")

pytestmark = pytest.mark.skipif(
    shutil.which("checkcites") is None,
    reason="checkcites is not installed (apt-get install texlive-extra-utils)",
)


def _checkcites(aux: Path) -> tuple[set[str], set[str]]:
    return checkcites(["checkcites", aux.name], aux.parent)


def test_agrees_with_checkcites(tmp_path: Path) -> None:
    keys: list[str] = []
    for tex in [LATEX / "brief.tex", *sorted((LATEX / "sections").glob("*.tex"))]:
        source = "\n".join(line.split("%")[0] for line in tex.read_text(encoding="utf-8").splitlines())
        for m in CITE.finditer(source):
            keys.extend(k.strip() for k in m.group(1).split(",") if k.strip())
    shutil.copy(LATEX / "brief.bib", tmp_path / "brief.bib")
    aux = tmp_path / "brief.aux"
    aux.write_text(
        "\\relax\n" + "".join(f"\\citation{{{k}}}\n" for k in keys) + "\\bibdata{brief}\n", encoding="utf-8"
    )
    unused, undefined = _checkcites(aux)
    assert undefined == {"martinezdiaz2008"}  # the test itself must be able to fail

    result = check_file(str(LATEX / "brief.tex"), CheckOptions())
    assert result.doc is not None
    doc = result.doc
    by_id = {r.id: r.key for r in doc.references or []}
    ours_unused = {
        by_id[f.reference_id] for f in doc.findings if f.rule == "uncited-reference" and f.reference_id
    }
    ours_undefined = {f.citation for f in doc.findings if f.rule == "missing-reference"}
    assert ours_undefined == undefined
    # one defect, one finding: the entry the missing key's suggestion names (martinezdiaz2007 for
    # martinezdiaz2008) counts as cited, where checkcites also lists it as unused
    suggested = {f.suggestion for f in doc.findings if f.rule == "missing-reference"}
    assert suggested == {"martinezdiaz2007"}
    assert ours_unused == unused - suggested
