"""Errors that end the checking of one input file (reported in one line, exit status 2)."""


class InputError(Exception):
    """A file that cannot be read or understood: the message names the reason, the CLI adds the path."""


class UsageError(Exception):
    """Bad options or configuration."""
