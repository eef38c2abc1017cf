"""QA round ux20: a LaTeX project's cited URLs, in its .bib, against a loopback server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import cli
from tests.links.conftest import Capture, Server, wayback

MAIN = r"""\documentclass{article}
\begin{document}
Soft power matters \cite{nye2004}. Diplomacy too \cite{smith2010}.
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""


def _bib(site: Server) -> str:
    return (
        "@misc{nye2004,\n  author = {Nye, Joseph},\n  title = {Soft Power},\n  year = {2004}\n}\n"
        "@misc{smith2010,\n  author = {Smith, Adam},\n  title = {Diplomacy Gone},\n  year = {2010},\n"
        f"  url = {{{site.url('/missing')}}},\n  urldate = {{2009-09-16}}\n}}\n"
    )


def _checked(site: Server, tmp_path: Path) -> Any:
    """The JSON report of main.tex in ``tmp_path``, its links checked against ``site`` (the archive's
    look-ups too), with a cache of its own."""
    env = {
        "REFCHECK_CACHE_DIR": str(tmp_path / "cache"),
        "REFCHECK_ARCHIVE_API": site.url("/wayback/available"),
    }
    res = cli(
        "check",
        "--format",
        "json",
        "--allow-private-hosts",
        "--timeout",
        "2",
        str(tmp_path / "main.tex"),
        env=env,
    )
    return json.loads(res.stdout)


def test_a_dead_link_of_a_bib_entry_stands_at_the_entry(site: Server, tmp_path: Path) -> None:
    """The dead URL of a .bib entry was reported as "main.tex: error dead-link ..." with no line:
    every other finding of a .bib entry (uncited, duplicate, incomplete) stands at refs.bib:LINE."""
    site.routes["/wayback/available"] = wayback([Capture("20090101000000")])
    (tmp_path / "main.tex").write_text(MAIN, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(_bib(site), encoding="utf-8")
    data = _checked(site, tmp_path)
    dead = [f for f in data["files"][0]["findings"] if f["rule"] == "dead-link"]
    assert len(dead) == 1
    assert dead[0]["path"] == str(tmp_path / "refs.bib") and dead[0]["line"] == 6


WEB_BIB = r"""@misc{wiki,
  author = "{Wikipedia contributors}",
  title = "Soft power --- {Wikipedia}{,} The Free Encyclopedia",
  year = "2009",
  url = "URL/gone/wiki",
  note = "[Online; accessed 16-September-2009]"
}
@misc{hp,
  author = {Doe, Jane},
  title = {Home page},
  year = {2009},
  howpublished = {\url{URL/gone/hp}},
  note = {Accessed: 2009-09-16}
}
"""


def test_bib_web_pages_without_a_url_field_and_their_access_dates(site: Server, tmp_path: Path) -> None:
    """A .bib written for BibTeX styles that have no url field gives a web page's address in
    `howpublished = {\\url{...}}` (as the entry type's own comment in the loader says): that URL was
    never checked. And Wikipedia's "Cite this page" BibTeX dates the visit
    `note = "[Online; accessed 16-September-2009]"`: not read, so the archived copy was looked for
    near today, not near the visit."""
    site.routes["/wayback/available"] = wayback([Capture("20090901000000")])
    (tmp_path / "main.tex").write_text(
        MAIN.replace("nye2004", "wiki").replace("smith2010", "hp"), encoding="utf-8"
    )
    (tmp_path / "refs.bib").write_text(WEB_BIB.replace("URL", site.url("")), encoding="utf-8")
    links = {lk["url"].rsplit("/", 1)[1]: lk for lk in _checked(site, tmp_path)["files"][0]["links"]}
    assert set(links) == {"wiki", "hp"}
    assert links["wiki"]["accessed"] == links["hp"]["accessed"] == "2009-09-16"
    assert links["wiki"]["status"] == links["hp"]["status"] == "dead"


def test_fix_says_a_bib_entrys_suggestion_is_to_be_made_by_hand(site: Server, tmp_path: Path) -> None:
    """`refcheck fix main.tex` with a dead URL in refs.bib and its archived copy suggested said only
    "0 files would be fixed; 1 finding at or above --fail-on remains that no safe fix removes", as if
    nothing could be done: refcheck fix does not edit bibliography files, the change is to be made
    there by hand."""
    site.routes["/wayback/available"] = wayback([Capture("20090901000000")])
    (tmp_path / "main.tex").write_text(MAIN, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(_bib(site), encoding="utf-8")
    env = {
        "REFCHECK_CACHE_DIR": str(tmp_path / "cache"),
        "REFCHECK_ARCHIVE_API": site.url("/wayback/available"),
    }
    res = cli("fix", "--allow-private-hosts", "--timeout", "2", str(tmp_path / "main.tex"), env=env)
    assert res.exit_code == 1
    assert "1 of them suggests a change in a bibliography file" in res.stderr
