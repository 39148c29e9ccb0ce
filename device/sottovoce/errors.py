"""The one error type the stages raise for a problem the household can fix, and how it quotes a value.

Its message names the problem and the fix, so whoever catches it (the CLI, the daemon, a reload)
prints one line instead of a traceback. The stages never know about the CLI.
"""

from __future__ import annotations


class FixableError(Exception):
    """A problem the user can fix; the message names it and the fix. `status` is the exit status."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


SHOWN_CHARS = 60
"""A value longer than this is shown by its start and its length: one line stays one line."""


def shown(value: object) -> str:
    """`value` as a config problem quotes it: repr(), clipped when long."""
    text = repr(value)
    if len(text) <= SHOWN_CHARS:
        return text
    size = f"{len(value)} characters" if isinstance(value, str) else f"{len(text)} characters as written"
    return f"{text[:SHOWN_CHARS - 20]}... ({size})"
