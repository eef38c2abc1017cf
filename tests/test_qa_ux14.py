"""QA round ux14: refcheck used as its users use it (CI jobs, editors, authors), on real document
shapes. Each test failed before its fix."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import cli

CITING = "# Paper\n\nSmith (2010) showed it, and Brown (2012) agreed.\n\n## References\n\nSmith, J. (2010). A title. Journal of Things, 1(2), 3-4.\n"


def _deny_listing(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """``os.scandir`` of ``denied`` fails as for a directory without read permission (the tests may
    run as root, whom chmod does not stop)."""
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fspath(path)).resolve() == denied.resolve():  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_subdirectory_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory of the checked tree that cannot be listed (no permission) was skipped without a
    word: a CI job got a clean report, exit 0, while a chapter was never read. It is one error line
    naming it, exit 2, and the other files are still checked."""
    (tmp_path / "a.md").write_text(CITING, encoding="utf-8")
    locked = tmp_path / "chapters"
    locked.mkdir()
    (locked / "b.md").write_text(CITING, encoding="utf-8")
    _deny_listing(monkeypatch, locked)
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(tmp_path))
    out = res.stdout + res.stderr
    assert "Traceback" not in out
    assert res.exit_code == 2, out
    lines = [ln for ln in out.splitlines() if ln.startswith(f"{locked}: error:")]
    assert len(lines) == 1, out
    assert "cannot be read (permission denied)" in lines[0]
    assert f"{tmp_path / 'a.md'}:3:" in out  # the readable file still checked


def test_unreadable_named_directory_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A named directory that cannot be listed said "no supported files in this directory"."""
    locked = tmp_path / "book"
    locked.mkdir()
    (locked / "b.md").write_text(CITING, encoding="utf-8")
    _deny_listing(monkeypatch, locked)
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(locked))
    out = res.stdout + res.stderr
    assert res.exit_code == 2, out
    lines = [ln for ln in out.splitlines() if ln.startswith(f"{locked}: error:")]
    assert len(lines) == 1, out
    assert "permission denied" in lines[0] and "no supported files" not in out


def test_unreadable_named_file_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A named file the user may not read stopped the whole run before any file was checked (click's
    "Path 'x.md' is not readable", a usage error); it is now bad input like any other: one line, exit
    2, the other files checked."""
    denied = tmp_path / "secret.md"
    denied.write_text(CITING, encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text(CITING, encoding="utf-8")
    real_access, real_open = os.access, os.open

    def access(path: object, mode: int, *a: object, **k: object) -> bool:
        if os.fspath(path) == str(denied) and mode & os.R_OK:  # type: ignore[arg-type]
            return False
        return real_access(path, mode, *a, **k)  # type: ignore[arg-type]

    def open_(path: object, flags: int, *a: object, **k: object) -> int:
        if os.fspath(path) == str(denied):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(denied))
        return real_open(path, flags, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "open", open_)
    for command in ("check", "fix"):
        res = cli(command, "--no-links", "--no-verify", str(denied), str(other))
        out = res.stdout + res.stderr
        assert "not readable" not in out, out
        assert res.exit_code == 2, out
        assert f"{denied}: error: permission denied" in out, out
        if command == "check":
            assert f"{other}:3:" in out, out


BRIEF_BODY = (
    "How Azerbaijan and Mexico could become strategic partners\n\n"
    "Azerbaijan and Mexico would seem to have little reason to become strategic partners. The two "
    "countries are far apart, yet both are oil producers (Bayramov 2008) and both rely on oil for "
    "their budgets (Martínez-Díaz 2008).\n\n"
    "Baku needs a policy that combines soft power (Bohorquez 2005) and public diplomacy, and official "
    "ties (Hardy 1968, p. 14) that bring visits by high officials.\n\n"
    "Bayramov, Vugar (2008) “Using Oil Revenues Effectively in Azerbaijan”, Azerbaijan in the World, "
    "Vol. I, No. 10, 15 June.\n\n"
    "Bohorquez, Tysha (2005) “Soft Power – The Means to Success in World Politics,” UCLA International "
    "Institute, 12 January.\n\n"
    "Hardy, Michael (1968) Modern Diplomatic Law, Manchester University Press.\n\n"
    "Martínez-Díaz, Leonardo (2007) “Mexico’s Economic Challenges,” The Brookings Institution, September.\n"
)


@pytest.mark.parametrize(
    "after",
    [
        "Appendix A. Oil revenues and the State Oil Fund\n\nThe fund held 2.5 billion dollars in 2008.\n",
        "Acknowledgements\n\nThe authors thank the Azerbaijan Diplomatic Academy for its support.\n",
        "Notes\n\nThe views expressed are the authors' own.\n",
    ],
)
def test_unheaded_list_followed_by_back_matter_is_read(tmp_path: Path, after: str) -> None:
    """A policy brief whose reference list has no heading (the seed's shape) is read from its
    trailing entries; an appendix, acknowledgements or notes after the list made it "no reference
    list" (an error naming every citation) and hid the real year slip. The list ends where the back
    matter begins."""
    p = tmp_path / "brief.txt"
    p.write_text(BRIEF_BODY + "\n" + after, encoding="utf-8")
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(p))
    out = res.stdout + res.stderr
    assert "no reference list" not in out, out
    assert 'year-mismatch "Martínez-Díaz 2008" cites an entry dated 2007' in out, out
    assert "uncited-reference" not in out and "missing-reference" not in out, out


def test_ambiguous_citation_names_entries_as_the_list_shows_them(tmp_path: Path) -> None:
    """An ambiguous citation's message named its entries by their first 60 characters, which cut
    eLife's long author lists before the year and title ("Dickson, BJ (2010" for an entry of 2010b,
    read as 2010; "Kuhlemeie" cut in two), so the editor could not tell which entries were meant. Each
    is named by its author, year as printed and the start of its title."""
    p = tmp_path / "article.txt"
    p.write_text(
        "Neuronal lineages\n\n"
        "The circuit develops in stages (Yu et al., 2010), as shown before.\n\n"
        "References\n\n"
        "Yu, HH, Kao, CF, He, Y, Ding, P, Kao, JC, Lee, T (2010a) A complete developmental sequence of a "
        "Drosophila neuronal lineage as revealed by twin-spot MARCM. PLOS Biology 8: e1000461.\n"
        "Yu, JY, Kanai, MI, Demir, E, Jefferis, GS, Dickson, BJ (2010b) Cellular organization of the neural "
        "circuit that drives Drosophila courtship behavior. Current Biology 20: 1602–1614.\n",
        encoding="utf-8",
    )
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(p))
    line = next(ln for ln in res.stdout.splitlines() if "ambiguous-citation" in ln)
    assert 'Yu et al. 2010a, "A complete developmental sequence' in line, line
    assert 'Yu et al. 2010b, "Cellular organization of the neural circuit' in line, line
    assert "cite 2010a or 2010b as meant" in line


def test_duplicate_reference_names_the_earlier_entry_and_its_line(tmp_path: Path) -> None:
    """duplicate-reference quoted the earlier entry's first 60 characters ("'Kessler, A, Baldwin, IT
    (2001) Defensive function of herbivo'"), a cut word and no place to find it; it is named by
    author, year and title start, with its line."""
    p = tmp_path / "article.txt"
    p.write_text(
        "Plant defence\n\n"
        "Volatiles attract predators (Kessler and Baldwin, 2001; Kessler and Baldwin, 2004).\n\n"
        "References\n\n"
        "Kessler, A, Baldwin, IT (2001) Defensive function of herbivore-induced plant volatile emissions "
        "in nature. Science 291: 2141–2144. https://doi.org/10.1126/science.291.5511.2141\n"
        "Kessler, A, Baldwin, IT (2004) Herbivore-induced plant vaccination. Part I. The Plant Journal "
        "38: 639–649. https://doi.org/10.1126/science.291.5511.2141\n",
        encoding="utf-8",
    )
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(p))
    line = next(ln for ln in res.stdout.splitlines() if "duplicate-reference" in ln)
    assert 'earlier one, Kessler and Baldwin 2001, "Defensive function of herbivore-induced' in line, line
    assert "(line 7)" in line, line


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (("explain", "uncited"), "uncited-reference"),
        (("explain", "year-missmatch"), "year-mismatch"),
        (("check", "--no-links", "--select", "dead-links", "x.md"), "dead-link"),
    ],
)
def test_a_misspelt_rule_name_suggests_the_rule(args: tuple[str, ...], meant: str) -> None:
    """A misspelt or shortened rule name listed all 29 rules and left the user to find theirs, while
    a suppression comment's misspelling was answered "did you mean ...?"; the command line and the
    configuration now say it too."""
    res = cli(*args)
    assert res.exit_code == 2
    assert f"(did you mean {meant}?)" in res.stderr, res.stderr


def test_jats_xref_to_no_ref_is_named_by_its_text_and_rid(tmp_path: Path) -> None:
    """An <xref> whose rid no <ref> has was "key 'b9' is cited ... (no bibliography entry has that
    key); correct the key or add the entry to the bibliography": a LaTeX user's words, no sign of
    which citation of the article it is. It names the citation's text and its rid."""
    p = tmp_path / "article.xml"
    p.write_text(
        '<?xml version="1.0"?>\n<article><front><article-meta><title-group><article-title>T'
        "</article-title></title-group></article-meta></front><body>\n"
        '<p>Growth was fast <xref ref-type="bibr" rid="b1">(Smith 2010)</xref> and slow '
        '<xref ref-type="bibr" rid="b9">(Black 2014)</xref>.</p>\n</body><back><ref-list>'
        '<ref id="b1"><mixed-citation>Smith J. 2010. A title. J Things 1: 3-4.</mixed-citation></ref>'
        "</ref-list></back></article>\n",
        encoding="utf-8",
    )
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(p))
    line = next(ln for ln in res.stdout.splitlines() if "missing-reference" in ln)
    assert "(xref rid 'b9')" in line and "Black" in line, line
    assert "bibliography" not in line and "key" not in line, line


def test_prose_opening_with_citations_before_acknowledgements_is_no_list(tmp_path: Path) -> None:
    """The other side of the unheaded list before back matter: paragraphs of prose that open with a
    citation ("Smith (2010) found that ...") before the acknowledgements, cited nowhere before them,
    are no reference list (their citations stay citations of a document without one)."""
    p = tmp_path / "note.txt"
    p.write_text(
        "A note on trade\n\n"
        "Trade between the two countries has grown since the treaty was signed, and the ministries now "
        "meet every year to review it.\n\n"
        "Smith (2010) found that the new ports doubled the traffic within two years of opening, see "
        "the survey.\n\n"
        "Jones (2011) found the opposite for the southern ports, where traffic fell by a third after "
        "the treaty.\n\n"
        "Acknowledgements\n\nWe thank the ministry.\n",
        encoding="utf-8",
    )
    res = cli("check", "--no-links", "--no-verify", "--format", "json", str(p))
    data = json.loads(res.stdout)["files"][0]
    assert data["references"] == []
    assert {c["text"] for c in data["citations"]} == {"Smith (2010)", "Jones (2011)"}


def test_serve_shows_an_uploaded_tex_by_its_name_whatever_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """refcheck serve started in / or /tmp (a launcher, a service) showed an uploaded .tex with its
    .bib as "tmp/refcheck-serve-.../job-.../files/brief.tex": the LaTeX main file is written relative
    to the working directory when below it, and only the absolute form of the job's directory was
    taken off. The page, the reports and the fixed file's name leaked the server's temporary path."""
    pytest.importorskip("starlette")
    import tempfile

    from refcheck.web.jobs import Jobs, Options

    from .conftest import FIXTURES

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    jobs = Jobs(extra={"link_cache": False, "link_archive": "none"})
    try:
        job = jobs.create(Options(links=False))
        latex = FIXTURES / "formats" / "latex"
        for name in ("brief.tex", "brief.bib"):
            sink = job.receive(name)
            sink.write((latex / name).read_bytes())
            sink.close()
        job.run()
        assert job.progress().state == "done", job.error
        assert [r.path for r in job.results] == ["brief.tex"]
        paths = {f.path for r in job.results if r.doc for f in r.doc.findings if f.path}
        assert all("refcheck-serve" not in p and "files" not in p for p in paths), paths
    finally:
        jobs.close()


def test_refcheck_alone_prints_the_help_as_written() -> None:
    """ "refcheck" typed alone (a new user's first command) printed its whole help run together on one
    line after "refcheck: error: Usage: ...": click 8.2 raises the help as a usage error, which the
    one-line error handler flattened. The help is printed as written."""
    res = cli()
    assert res.exit_code in (0, 2)
    out = res.stdout + res.stderr
    assert "refcheck: error" not in out, out
    lines = out.splitlines()
    assert lines[0].startswith("Usage:"), out
    assert any(ln.strip().startswith("check") for ln in lines), out


def test_a_small_size_limit_is_said_in_bytes(tmp_path: Path) -> None:
    """--max-file-size below a MiB said "the file is 0.0 MiB, over the 0 MiB limit"."""
    p = tmp_path / "a.md"
    p.write_text(CITING, encoding="utf-8")
    res = cli("check", "--no-links", "--no-verify", "--max-file-size", "100", str(p))
    assert res.exit_code == 2
    assert f"the file is {len(CITING.encode())} bytes, over the 100 bytes limit" in res.stdout + res.stderr
