"""QA round ux20: a LaTeX project's cited URLs, in its .bib, against a loopback server."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_a_dead_link_of_a_bib_entry_stands_at_the_entry(site: Server, tmp_path: Path) -> None:
    """The dead URL of a .bib entry was reported as "main.tex: error dead-link ..." with no line:
    every other finding of a .bib entry (uncited, duplicate, incomplete) stands at refs.bib:LINE."""
    site.routes["/wayback/available"] = wayback([Capture("20090101000000")])
    (tmp_path / "main.tex").write_text(MAIN, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(_bib(site), encoding="utf-8")
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
    data = json.loads(res.stdout)
    dead = [f for f in data["files"][0]["findings"] if f["rule"] == "dead-link"]
    assert len(dead) == 1
    assert dead[0]["path"] == str(tmp_path / "refs.bib") and dead[0]["line"] == 6
