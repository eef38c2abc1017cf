"""refcheck: citation and reference integrity checks for articles, briefs and papers.

Library first, thin CLI: :func:`check_file` and :func:`check_text` run the whole pipeline
(load -> document model -> citations -> references -> link -> rules -> links -> report)
without click.
"""

from refcheck.pipeline import CheckOptions, check_file, check_paths, check_text

__version__ = "0.1.0"
__all__ = ["CheckOptions", "__version__", "check_file", "check_paths", "check_text"]
