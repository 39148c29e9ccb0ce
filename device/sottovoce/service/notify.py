"""Tell systemd how the daemon is doing: the sd_notify protocol over $NOTIFY_SOCKET.

The protocol is one datagram of ``KEY=VALUE`` lines sent to a unix socket named in the
environment (a path, or an abstract name written with a leading ``@``). It is small enough to
speak with the standard library, and doing so keeps the dependency list short on a Pi:
``systemd-python`` needs libsystemd headers and a compiler to install into a virtual
environment, and the pure-Python ``sdnotify`` package has not been released since 2017.

Outside systemd (no $NOTIFY_SOCKET) every call is a no-op, so `sottovoce run` in a terminal, in
tests or under another supervisor behaves the same. A failed send is logged at DEBUG and never
raises: a notification must not take the daemon down.

Also here: `JournalFormatter`, which prefixes log lines with their syslog priority when stdout is
the journal, so `journalctl -p warning` works.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)


def _socket_address(raw: str) -> str | None:
    """The address to send to: abstract names ("@name") become "\\0name" for Python's AF_UNIX."""
    if not raw:
        return None
    if raw.startswith("@"):
        return "\0" + raw[1:]
    if raw.startswith("/"):
        return raw
    return None  # systemd only ever hands out absolute paths or abstract names (vsock is not used here)


def watchdog_interval(environ: Mapping[str, str] | None = None, pid: int | None = None) -> float | None:
    """Seconds between WATCHDOG=1 pings (half of WatchdogSec, as sd_watchdog_enabled advises).

    None when no watchdog is set up for this process: $WATCHDOG_USEC absent or not a positive
    number, or $WATCHDOG_PID naming another process (the variable leaked to a child).
    """
    env = os.environ if environ is None else environ
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    wpid = env.get("WATCHDOG_PID")
    if wpid:
        try:
            if int(wpid) != (os.getpid() if pid is None else pid):
                return None
        except ValueError:
            return None
    return usec / 2_000_000


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class Notifier:
    """Sends sd_notify messages; every method returns whether a datagram went out.

    Build one with ``Notifier.from_env()`` at start-up, then call ``ready()``, ``status()``,
    ``watchdog_if_due()`` from the main loop, ``reloading()`` on SIGHUP and ``stopping()`` on
    SIGTERM. ``clock`` is injectable so the watchdog rate limit can be tested without sleeping.
    """

    def __init__(self, address: str | None, watchdog: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.address = _socket_address(address or "")
        self.watchdog_seconds = watchdog
        self._clock = clock
        self._last_ping: float | None = None
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()  # the daemon pings from a watchdog thread too

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> "Notifier":
        env = os.environ if environ is None else environ
        return cls(env.get("NOTIFY_SOCKET"), watchdog_interval(env), clock)

    @property
    def enabled(self) -> bool:
        """True when running under a service manager that listens for notifications."""
        return self.address is not None

    def send(self, *fields: str) -> bool:
        """Send ``KEY=VALUE`` fields as one datagram."""
        if self.address is None or not fields:
            return False
        payload = "\n".join(fields).encode("utf-8")
        try:
            with self._lock:
                if self._sock is None:
                    self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                self._sock.sendto(payload, self.address)
        except OSError as exc:
            log.debug("sd_notify %s failed: %s", fields[0], exc)
            return False
        return True

    def ready(self, status: str | None = None) -> bool:
        """Start-up is finished: systemd marks the unit active and starts the watchdog clock."""
        fields = ["READY=1"] + ([f"STATUS={_one_line(status)}"] if status else [])
        if self.send(*fields):
            self._last_ping = self._clock()
            return True
        return False

    def status(self, text: str) -> bool:
        """A short state shown by `systemctl status` ("listening", "muted", ...)."""
        return self.send(f"STATUS={_one_line(text)}")

    def watchdog(self) -> bool:
        """Ping the watchdog now."""
        if self.send("WATCHDOG=1"):
            self._last_ping = self._clock()
            return True
        return False

    def watchdog_if_due(self) -> bool:
        """Ping when half the watchdog period has passed; cheap enough to call every loop turn."""
        if self.watchdog_seconds is None or self.address is None:
            return False
        now = self._clock()
        if self._last_ping is not None and now - self._last_ping < self.watchdog_seconds:
            return False
        return self.watchdog()

    def reloading(self, status: str = "reloading configuration") -> bool:
        """A reload (SIGHUP) has begun; call ``ready()`` again when it is done.

        MONOTONIC_USEC lets newer systemd (Type=notify-reload) match the reload to this message.
        """
        usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        return self.send("RELOADING=1", f"MONOTONIC_USEC={usec}", f"STATUS={_one_line(status)}")

    def stopping(self, status: str = "stopping") -> bool:
        """Shutdown has begun (SIGTERM/SIGINT)."""
        return self.send("STOPPING=1", f"STATUS={_one_line(status)}")

    def close(self) -> None:
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None


# sd-daemon(3) priority prefixes: journald reads "<N>" at the start of a line on a service's stdout.
_PRIORITIES = ((logging.DEBUG, 7), (logging.INFO, 6), (logging.WARNING, 4), (logging.ERROR, 3))


def syslog_priority(levelno: int) -> int:
    """The syslog priority for a logging level (CRITICAL and above: 2)."""
    return next((prio for level, prio in _PRIORITIES if levelno <= level), 2)


def stream_is_journal(stream, environ: Mapping[str, str] | None = None) -> bool:
    """True when `stream` is the journal connection systemd set up ($JOURNAL_STREAM = "dev:ino")."""
    env = os.environ if environ is None else environ
    try:
        dev, ino = (int(x) for x in env.get("JOURNAL_STREAM", "").split(":"))
        st = os.fstat(stream.fileno())
    except (ValueError, OSError, AttributeError):
        return False
    return (st.st_dev, st.st_ino) == (dev, ino)


class JournalFormatter(logging.Formatter):
    """Prefixes every line of a record with "<priority>" so the journal files it at its level."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{syslog_priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).split("\n"))
