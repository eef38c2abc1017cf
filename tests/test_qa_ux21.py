"""QA round ux21: small leftovers of the last QA rounds. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

from refcheck.loaders.bibtex import read_bibliography

NOTE_DATES = r"""@misc{a, author={Doe, Jane}, title={A page}, year={2004}, url={http://example.org/a},
  note={Accessed 16~September 2009}}
@misc{b, author={Doe, Jane}, title={B page}, year={2004}, url={http://example.org/b},
  note={Accessed: {September} 16, 2009}}
@misc{c, author={Doe, Jane}, title={C page}, year={2004}, url={http://example.org/c},
  note={\emph{Last accessed} 2009-09-16}}
@article{d, author={Doe, Jane}, title={D page}, journal={J}, year={2004}, url={http://example.org/d},
  note={Retrieved\ 16 September 2009}}
@misc{e, author={Doe, Jane}, title={E page}, year={2004}, url={http://example.org/e},
  note={Accessed 16 September 2009}}
"""


def test_bib_note_access_dates_written_in_latex(tmp_path: Path) -> None:
    """A .bib entry's note dating the visit in LaTeX ("Accessed 16~September 2009", a braced month,
    "\\emph{Last accessed} ...") was read raw, so its date was not found and an archived copy of the
    dead link was looked for near the publication year or today."""
    (tmp_path / "refs.bib").write_text(NOTE_DATES, encoding="utf-8")
    refs, _ = read_bibliography(str(tmp_path / "refs.bib"))
    assert {r.key: r.accessed for r in refs} == dict.fromkeys("abcde", "2009-09-16")
