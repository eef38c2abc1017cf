"""Regenerate docs/rules.md from the rule registry: ``python docs/gen_rules.py > docs/rules.md``."""

from __future__ import annotations

import textwrap

from refcheck import rules


def render() -> str:
    out = ["# Rules", "", "Generated from the rule registry by `docs/gen_rules.py`; `refcheck explain RULE`"]
    out += ["prints the same text.", "", "| rule | severity | summary |", "|---|---|---|"]
    out += [f"| `{r.NAME}` | {r.SEVERITY} | {r.SUMMARY} |" for r in rules.ALL]
    for r in rules.ALL:
        out += [
            "",
            f"## {r.NAME} ({r.SEVERITY})",
            "",
            "```text",
            textwrap.dedent(r.__doc__ or "").strip(),
            "```",
        ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
