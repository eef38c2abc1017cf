"""refcheck: citation and reference integrity checks for articles, briefs and papers.

Library first, thin CLI. The supported entry point is :func:`check_paths` (and :func:`iter_check`,
one file at a time): paths and settings in, the records of the JSON contract out
(docs/json-output.md), nothing printed; see refcheck.api. :func:`check_file` and
:func:`check_text` run the whole pipeline (load -> document model -> citations -> references ->
link -> rules) on one document and return the internal model, for integrations that need it.
"""

__version__ = "0.1.0"  # before the imports: modules below read it

from refcheck.api import Report, check_paths, iter_check, list_files, summarize
from refcheck.pipeline import CheckOptions, check_file, check_text

__all__ = [
    "CheckOptions",
    "Report",
    "__version__",
    "check_file",
    "check_paths",
    "check_text",
    "iter_check",
    "list_files",
    "summarize",
]
