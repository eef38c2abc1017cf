"""Errors that are not findings. Each is reported in one line naming what and why, exit status 2.

``InputError`` ends the checking of one input file (the other files are still checked);
``UsageError`` (bad options, configuration or baseline) and ``OutputError`` (a report or baseline
that cannot be written) concern the whole run.
"""

from refcheck.sanitize import one_line as one_line  # the one escaping (sanitize.py), for error lines


class InputError(Exception):
    """A file that cannot be read or understood: the message names the reason, the CLI adds the path."""


class UsageError(Exception):
    """Bad options or configuration."""


class OutputError(Exception):
    """A report or baseline file that cannot be written: the message names the file and the reason."""
