"""Rule cases as data: every ``cases/*.yml`` document, checked, gives exactly the findings listed.

A case is ``{name, document | generate, format?, findings: [{rule, line, severity?}], xfail?}``.
``findings`` lists every finding of the document (all rules, all severities) as (rule, line);
``severity`` is checked when given; ``encoding`` (default utf-8) is how the document is stored. ``generate`` builds a numbered reference list of ``entries``
entries in the ``style`` "n.", "[n]" or "n)" under ``body``. ``xfail`` names what the core gets
wrong; the case is then a strict xfail, so it fails once the core is fixed. ``links`` gives the
link checker's result for URLs of the document (``{url: {status, http_status, reason, ...}}``, the
``LinkResult`` fields); the link rules then run on them as after a real check (tests/links checks
real servers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from refcheck import rules
from refcheck.links.results import ContentCheck, Link, LinkResult
from refcheck.loaders import LOADERS
from refcheck.model import Severity
from refcheck.pipeline import LINK_RULES, analyse, run_rules

CASES_DIR = Path(__file__).parent / "cases"
SURNAMES = ["Avery", "Bird", "Chen", "Diaz", "Evans", "Fong", "Garcia", "Hill", "Ito", "Jones", "Kim"]
SURNAMES += ["Lee", "Moreau", "Nagy", "Ortiz", "Park", "Quinn", "Rossi", "Silva", "Tanaka"]


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((data["rule"], case))
    return out


def numbered_document(style: str, entries: int, body: str) -> str:
    lines = [body, "", "References", ""]
    for n in range(1, entries + 1):
        label = style.replace("n", str(n))
        name = SURNAMES[(n - 1) % len(SURNAMES)]
        lines.append(f"{label} {name} A, Other B ({1990 + n}) Study number {n} of metals. J Met {n}: 1-9.")
    return "\n".join(lines) + "\n"


def document_of(case: dict[str, Any]) -> str:
    if "generate" in case:
        return numbered_document(**case["generate"])
    return str(case["document"])


CASES = load_cases()


def _param(rule: str, case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
    return pytest.param(rule, case, id=f"{rule}: {case['name']}", marks=marks)


@pytest.mark.parametrize(("rule", "case"), [_param(r, c) for r, c in CASES])
def test_rule_case(rule: str, case: dict[str, Any]) -> None:
    fmt = case.get("format", "text")
    data = document_of(case).encode(case.get("encoding", "utf-8"))
    suffix = {"markdown": "md", "bibtex": "bib", "html": "html", "latex": "tex"}.get(fmt, "txt")
    doc = analyse(LOADERS[fmt](f"case.{suffix}", data))
    if "links" in case:
        given_links(doc, case["links"])
    if "registry" in case:
        given_registry(doc, case["registry"])
    got = sorted((f.rule, f.line) for f in doc.findings)
    want = sorted((f["rule"], f["line"]) for f in case["findings"])
    assert got == want, [(f.rule, f.line, f.message) for f in doc.findings]
    for exp in case["findings"]:
        if "severity" in exp:
            sevs = {str(f.severity) for f in doc.findings if (f.rule, f.line) == (exp["rule"], exp["line"])}
            assert exp["severity"] in sevs


def given_links(doc: Any, given: dict[str, dict[str, Any]]) -> None:
    """Links as a check would leave them, from the case's results, then the link rules."""
    for u in doc.urls:
        data = {"url": u.url, "status": "alive", **given.get(u.url, {})}
        content = data.pop("content", None)  # the link-content-* verdict, set on the occurrence
        line, column = doc.locate(u.start) if u.start >= 0 else (None, None)
        result = LinkResult.from_json(data)
        doc.links.append(
            Link(u.url, u.start, u.end, line, column, u.reference, u.footnote, u.accessed, result)
        )
        if content is not None:
            doc.links[-1].content = ContentCheck.from_json(content)
    run_rules(doc, only=LINK_RULES)


def given_registry(doc: Any, works: list[dict[str, Any]]) -> None:
    """The entries verified against loopback fakes holding ``works`` (tests/verify/fakes.py)."""
    from refcheck.pipeline import CheckOptions, verify_document_references
    from tests.verify.fakes import FakeRegistries, FakeWork

    fakes = []
    for w in works:
        w = dict(w)
        w["authors"] = [tuple(a.split(" ", 1)) if " " in a else ("", a) for a in w.get("authors", [])]
        w["updates"] = [tuple(u) for u in w.get("updates", [])]
        fakes.append(FakeWork(**w))
    with FakeRegistries(fakes) as fake:
        e = fake.endpoints()
        opts = CheckOptions(
            verify_crossref_api=e["crossref_api"],
            verify_openalex_api=e["openalex_api"],
            verify_doi_api=e["doi_api"],
            link_cache=False,
        )
        verify_document_references([(doc, opts)])


# Rules merged from main after the cases were written; strict, so this fails once cases exist.
PENDING: set[str] = set()


def _rule_param(rule: Any) -> Any:
    marks = []
    if rule.NAME in PENDING:
        marks = [pytest.mark.xfail(strict=True, reason="qa: cases not yet written for this new rule")]
    return pytest.param(rule, id=rule.NAME, marks=marks)


@pytest.mark.parametrize("rule", [_rule_param(r) for r in rules.ALL])
def test_every_registered_rule_has_failing_and_passing_cases(rule: Any) -> None:
    cases = [c for r, c in CASES if r == rule.NAME]
    assert cases, f"{rule.NAME} has no cases in tests/rules/cases/{rule.NAME}.yml"
    assert any(any(f["rule"] == rule.NAME for f in c["findings"]) for c in cases), rule.NAME
    assert any(not any(f["rule"] == rule.NAME for f in c["findings"]) for c in cases), rule.NAME


def test_case_files_name_known_rules() -> None:
    known = set(rules.names()) | {"numeric"}
    for rule, case in CASES:
        assert rule in known
        for f in case["findings"]:
            assert f["rule"] in set(rules.names()) | {"input-encoding"}, case["name"]
            if "severity" in f:
                Severity.parse(f["severity"])


SECTIONS = ("What it does", "Why is this bad", "Example (fails)", "Use instead")


@pytest.mark.parametrize("rule", rules.ALL, ids=lambda r: r.NAME)
def test_rule_module_documents_itself(rule: Any) -> None:
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{rule.NAME}: "), "docstring must start with 'NAME: one line'"
    lines = [ln.rstrip() for ln in doc.splitlines()]
    for section in SECTIONS:
        assert section in lines, f"{rule.NAME}: missing section {section!r}"
        idx = lines.index(section)
        assert idx + 1 < len(lines) and lines[idx + 1].startswith("    "), f"{rule.NAME}: empty {section!r}"
    assert [lines.index(s) for s in SECTIONS] == sorted(lines.index(s) for s in SECTIONS)
    assert rule.NAME.lower() == rule.NAME and " " not in rule.NAME
    assert isinstance(rule.SEVERITY, Severity)
    assert rule.SUMMARY.endswith(".")
    assert rules.get(rule.NAME) is rule


def test_unknown_rule_lists_known_names() -> None:
    with pytest.raises(KeyError, match="year-mismatch"):
        rules.get("no-such-rule")
