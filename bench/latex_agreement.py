#!/usr/bin/env python3
"""refcheck against checkcites on real LaTeX projects: cited-but-undefined and defined-but-unused keys.

    python bench/latex_agreement.py [ROOT ...] [--limit N] [--show]
    python bench/latex_agreement.py --manifest bench/latex_projects.txt CORPUS [--show]

With ``--manifest``, the projects are the public repositories the manifest names (one line each:
``owner/name commit main-file``), checked out by whoever runs the bench as ``CORPUS/owner+name`` at
that commit (``git archive <commit>``); the whole repository is the project, the main file is the one
named. The list with commits is printed with the results, so the figures can be reproduced.

Projects are found under the ROOTs (default: the TeX distribution's documentation and examples,
/usr/share/doc/texlive-doc and /usr/share/texlive/texmf-dist): a .tex with ``\\documentclass`` whose
``\\bibliography{...}`` names .bib files beside it. Each project is copied to a temporary directory,
compiled once with ``pdflatex -draftmode`` (for the .aux that checkcites reads: LaTeX's own view of
what is cited), then ``checkcites`` lists the undefined and unused keys, and ``refcheck check`` gives
its ``missing-reference`` keys and ``uncited-reference`` entries. Prints per project the two sets'
agreement and every disagreement with refcheck's reason where it is a deliberate difference:

* ``suggested``: a missing key one edit from an entry's key; refcheck counts the entry as cited (one
  defect, one finding), checkcites lists it unused too;
* ``crossref``: an entry only reached through a cited entry's ``crossref`` (BibTeX prints it when
  cited often enough); checkcites lists it unused;
* ``misread``: checkcites lists the key both undefined and unused: its own .bib reader missed the
  entry (a whole entry on one line); refcheck reads it;
* ``one pass``: checkcites calls a key unused that a cite command of the project does cite, where
  one pdflatex pass has not written it to the .aux (a cite inside ``\\nomenclature``, in an
  appendix after LaTeX stopped on an error);
* anything else is printed for a person to judge.

The ``alarms`` column counts refcheck's warning and error findings of every rule on the project (a
compiled, published paper should have few; ``--show`` lists them for a person to judge).

Needs pdflatex and checkcites (Debian: texlive-latex-base, texlive-extra-utils). The list of projects
is printed with the results; nothing fetched is committed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.checkcites import checkcites as run_checkcites  # noqa: E402  (as the checkcites test reads it)

DEFAULT_ROOTS = [
    "/usr/share/doc/texlive-doc",
    "/usr/share/texlive/texmf-dist/doc",
    "/usr/share/texlive/texmf-dist/source",
]
BIB = re.compile(r"^[^%\n]*\\(bibliography|addbibresource)(?:\[[^\]]*\])?\{([^}]+)\}", re.M)


def locate(directory: Path, name: str) -> Path | None:
    """A .bib beside the document, or one the TeX distribution ships (kpsewhich)."""
    local = directory / name
    if local.is_file():
        return local
    proc = subprocess.run(["kpsewhich", name], capture_output=True, text=True, timeout=30)
    found = proc.stdout.strip()
    return Path(found) if found else None


def projects(roots: list[str], limit: int) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in sorted(files):
                if not name.endswith(".tex"):
                    continue
                path = Path(dirpath) / name
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                if "\\documentclass" not in text or "\\begin{document}" not in text:
                    continue
                m = BIB.search(text)
                if not m:
                    continue
                bibs = [b.strip() for b in m.group(2).split(",") if b.strip()]
                names = [b if b.endswith(".bib") else b + ".bib" for b in bibs]
                if all(locate(path.parent, n) for n in names):
                    found.append(path)
                if len(found) >= limit:
                    return found
    return found


def manifest(path: str, corpus: str) -> list[tuple[Path, Path, str]]:
    """(repository directory, main file, "owner/name@commit") per manifest line."""
    found = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split(None, 2)  # (a main file's name may hold spaces)
        if len(parts) != 3:
            continue
        repo, commit, main_file = parts[0], parts[1], parts[2].strip()
        directory = Path(corpus) / repo.replace("/", "+")
        found.append((directory, directory / main_file, f"{repo}@{commit[:10]}"))
    return found


MISSING = re.compile(r"File `([\w.-]+)\.(sty|cls)' not found")


def compile_once(main: Path) -> str | None:
    """pdflatex (lualatex for a fontspec document) until LaTeX has written the .aux. A package or
    class this TeX installation lacks (fonts, a university's class) is stubbed in the project's
    directory, an empty package or a class that loads ``report``: what LaTeX writes to the .aux
    (citations, bibliography data) does not depend on it."""
    engine = "pdflatex"
    for _ in range(12):
        subprocess.run(
            [engine, "-interaction=nonstopmode", "-draftmode", main.name],
            cwd=main.parent,
            capture_output=True,
            timeout=300,
        )
        log = (main.parent / (main.stem + ".log")).read_text(encoding="utf-8", errors="replace")
        if "fontspec package requires either XeTeX or" in log and engine == "pdflatex":
            engine = "lualatex"
            continue
        m = MISSING.search(log)
        stub = main.parent / f"{m.group(1)}.{m.group(2)}" if m else None
        if stub is None or stub.exists():
            if "Fatal error occurred" in log or "Emergency stop" in log:
                first = re.search(r"^! (.*)$", log, re.M)
                return f"LaTeX stopped early ({first.group(1)[:70] if first else 'fatal error'})"
            return None
        assert m is not None
        stub.write_text("\\LoadClass{report}\n" if m.group(2) == "cls" else "\n", encoding="utf-8")
    return None


def checkcites(work: Path, main: Path) -> tuple[set[str], set[str]] | str:
    """checkcites' undefined and unused keys, or why LaTeX gave it nothing to read."""
    try:
        stopped = compile_once(main)
    except (subprocess.TimeoutExpired, OSError):
        return "LaTeX timed out"
    if stopped:
        return stopped
    aux = main.parent / (main.stem + ".aux")
    bcf = main.parent / (main.stem + ".bcf")
    if bcf.is_file():
        command = ["checkcites", "--backend", "biber", bcf.name]
    elif aux.is_file() and "\\bibdata" in aux.read_text(errors="replace"):
        command = ["checkcites", aux.name]
    else:
        return "no bibliography data in the .aux"
    unused, undefined = run_checkcites(command, main.parent)
    return undefined, unused


def ours(work: Path, main: Path) -> tuple[set[str], set[str], set[str], set[str], list[str]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "refcheck",
            "check",
            "--no-links",
            "--no-verify",
            "--format",
            "json",
            main.name,
        ],
        cwd=main.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    data = json.loads(proc.stdout)
    missing: set[str] = set()
    uncited: set[str] = set()
    suggested: set[str] = set()
    alarms: list[str] = []
    unreadable = False
    for f in data["files"][0].get("findings", []):
        if f.get("severity") in ("warning", "error"):
            alarms.append(f"{f['rule']}: {f.get('message', '')}"[:200])
        if f["rule"] == "input-bibliography" and "does not exist" in f.get("message", ""):
            unreadable = True
        if f["rule"] == "missing-reference":
            missing.add(f.get("citation") or "")
            if f.get("suggestion"):
                suggested.add(f["suggestion"])
        elif f["rule"] == "uncited-reference":
            m = re.search(r"\[([^\]]+)\]$", f.get("reference") or "")
            if m:
                uncited.add(m.group(1))
    from refcheck.loaders.bibtex import read_bibliography

    crossref: set[str] = set()
    for bib in work.rglob("*.bib"):
        try:
            refs, _ = read_bibliography(str(bib))
        except Exception:
            continue
        crossref |= {r.crossref for r in refs if r.crossref}
    if unreadable:  # both tools lack the entries; checkcites says nothing, refcheck says it at info
        missing = set()
    return missing, uncited, suggested, crossref, alarms


def cited_in_source(directory: Path, key: str) -> bool:
    """Whether a cite command in one of the project's .tex files names ``key``."""
    cite = re.compile(r"\\\w*cite\w*\*?(?:\[[^\]]*\])*\{[^}]*(?<![\w:.-])" + re.escape(key) + r"(?![\w:.-])")
    for tex in directory.rglob("*.tex"):
        try:
            if cite.search(tex.read_text(encoding="utf-8", errors="replace")):
                return True
        except OSError:
            continue
    return False


SKIP = shutil.ignore_patterns("*.pdf", "*.ps", "*.dvi", "*.png", "*.jpg", "*.jpeg", "*.eps", "*.aux", ".git")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("roots", nargs="*", default=DEFAULT_ROOTS)
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument(
        "--manifest", help="owner/name commit main-file lines; ROOT is where they are checked out"
    )
    ap.add_argument("--show", action="store_true", help="list refcheck's warning and error findings")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if not shutil.which("checkcites") or not shutil.which("pdflatex"):
        sys.exit("needs checkcites and pdflatex")
    if args.manifest:
        todo = manifest(args.manifest, args.roots[0])
    else:
        todo = [(p.parent, p, str(p)[-60:]) for p in projects(args.roots, args.limit)]
    totals = {
        "projects": 0,
        "undef_agree": 0,
        "undef_total": 0,
        "unused_agree": 0,
        "unused_total": 0,
        "alarms": 0,
    }
    print(f"{'project':60} {'undef c/r':>9} {'unused c/r':>10} {'alarms':>6}  disagreements")
    for directory, main_tex, name in todo:
        if not main_tex.is_file():
            print(f"{name:60} not checked out")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "p"
            shutil.copytree(directory, work, ignore=SKIP)
            (work / ".git").mkdir(exist_ok=True)
            main_copy = work / main_tex.relative_to(directory)
            text = main_tex.read_text(encoding="utf-8", errors="replace")
            for m in BIB.finditer(text):  # a .bib TeX ships is copied in: both tools read the same
                for b in m.group(2).split(","):
                    n = b.strip() if b.strip().endswith(".bib") else b.strip() + ".bib"
                    src = locate(main_tex.parent, n)
                    if src is not None and not (main_copy.parent / n).exists():
                        shutil.copy(src, main_copy.parent / n)
            theirs = checkcites(work, main_copy)
            if isinstance(theirs, str):
                print(f"{name:60} not compared: {theirs}")
                continue
            undefined, unused = theirs
            missing, uncited, suggested, crossref, alarms = ours(work, main_copy)
        totals["projects"] += 1
        totals["undef_total"] += len(undefined | missing)
        totals["undef_agree"] += len(undefined & missing)
        totals["unused_total"] += len(unused | uncited)
        totals["unused_agree"] += len(unused & uncited)
        totals["alarms"] += len(alarms)
        notes = []
        misread = undefined & unused
        for k in sorted(undefined ^ missing):
            why = " (misread)" if k in misread else ""
            notes.append(f"undefined {k}: {'checkcites' if k in undefined else 'refcheck'} only{why}")
        for k in sorted(unused ^ uncited):
            why = "suggested" if k in suggested else "crossref" if k in crossref else "?"
            if why == "?" and k in misread:
                why = "misread"
            elif why == "?" and k in unused and cited_in_source(directory, k):
                why = "one pass"
            notes.append(f"unused {k}: {'checkcites' if k in unused else 'refcheck'} only ({why})")
        shown = "; ".join(notes) if args.show else "; ".join(notes)[:300]
        print(
            f"{name:60} {len(undefined):4}/{len(missing):<4} {len(unused):5}/{len(uncited):<4} {len(alarms):6}  {shown}"
        )
        if args.show:
            for a in alarms:
                print(f"    {a}")
    print()
    print(
        f"{totals['projects']} projects; undefined keys agree {totals['undef_agree']}/{totals['undef_total']}, "
        f"unused keys agree {totals['unused_agree']}/{totals['unused_total']}; "
        f"refcheck warnings/errors {totals['alarms']}"
    )


if __name__ == "__main__":
    main()
