"""The one error type the stages raise for a problem the household can fix.

Its message names the problem and the fix, so whoever catches it (the CLI, the daemon, a reload)
prints one line instead of a traceback. The stages never know about the CLI.
"""

from __future__ import annotations


class FixableError(Exception):
    """A problem the user can fix; the message names it and the fix. `status` is the exit status."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status
