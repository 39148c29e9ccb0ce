"""MQTT topic names: one place that turns settings into the topics every other module uses.

Pure: no sockets, no clocks. The default prefix uses the room label when the household chose one
for `consent.site` (it is then already public in every message); otherwise this speaker's install
id (privacy.install_id: random, never a hostname or MAC), so several speakers in one home get their
own topics, devices and availability in Home Assistant without any configuration.

`prefix_problem` is the one rule for mqtt.prefix and mqtt.discovery_prefix: `settings.load` (and so
check-config) and the daemon both use it, so a prefix check-config accepts is one `run` accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sottovoce.errors import shown

PSEUDONYM_MODES = ("per_message", "daily")
_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def topic_segment(text: str, fallback: str = "home") -> str:
    """A single topic level made of [a-z0-9_-]: no '/', '+', '#' or NUL can reach a topic."""
    cleaned = _UNSAFE.sub("_", text.strip().lower()).strip("_")
    return cleaned[:64] or fallback


def normalize_prefix(prefix: str) -> str:
    """mqtt.prefix or mqtt.discovery_prefix as used: surrounding spaces and trailing '/' dropped."""
    return prefix.strip().rstrip("/")


MAX_PREFIX_BYTES = 512
"""Far below MQTT's 65,535-byte topic limit, so every topic built on it (discovery included) fits."""


def prefix_problem(prefix: str) -> str | None:
    """Why `prefix` (already normalized) cannot be used as a topic prefix, or None when it can."""
    if not prefix:
        return None  # "" means the default
    if any(c in prefix for c in "+#"):
        return "it contains the wildcard '+' or '#'"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in prefix):
        return "it contains a control character (brokers drop the connection on those)"
    if prefix.startswith("$"):
        return "it starts with '$' (reserved for the broker, e.g. $SYS)"
    if prefix.startswith("/") or prefix.endswith("/") or not all(prefix.split("/")):
        return "it has an empty level ('//', or a '/' at the start)"
    if any(level != level.strip() for level in prefix.split("/")):
        return "a level starts or ends with a space"
    size = len(prefix.encode("utf-8", "surrogatepass"))
    if size > MAX_PREFIX_BYTES:
        return f"it is {size} bytes long (at most {MAX_PREFIX_BYTES})"
    return None


def valid_prefix(prefix: str) -> bool:
    """A usable publish prefix (see `prefix_problem`)."""
    return prefix_problem(prefix) is None


def default_prefix(site: str, install_id: str = "") -> str:
    """sottovoce/<room label> when consent.site is a label, else sottovoce/<install id>."""
    if site in PSEUDONYM_MODES:
        return f"sottovoce/{topic_segment(install_id)}" if install_id else "sottovoce/home"
    return f"sottovoce/{topic_segment(site)}"


@dataclass(frozen=True)
class Topics:
    """All topics the daemon publishes on or subscribes to."""

    prefix: str
    discovery_prefix: str = "homeassistant"

    @property
    def text(self) -> str:
        """Messages exactly as built (QoS 1, not retained)."""
        return f"{self.prefix}/text"

    @property
    def event(self) -> str:
        """The same messages with an "event_type" for Home Assistant's event entity (QoS 1)."""
        return f"{self.prefix}/event"

    @property
    def status(self) -> str:
        """"online"/"offline", retained; "offline" is also the last will."""
        return f"{self.prefix}/status"

    @property
    def state(self) -> str:
        """"listening"/"muted", retained."""
        return f"{self.prefix}/state"

    @property
    def cmd(self) -> str:
        """Commands in ("mute", "unmute"); subscribed."""
        return f"{self.prefix}/cmd"

    @property
    def ha_status(self) -> str:
        """Home Assistant's birth/will topic: "online" there means "send discovery again"."""
        return f"{self.discovery_prefix}/status"

    def discovery(self, component: str, node_id: str, object_id: str) -> str:
        return f"{self.discovery_prefix}/{component}/{node_id}/{object_id}/config"


def topics_for(prefix: str, site: str, discovery_prefix: str = "homeassistant", *,
               install_id: str = "") -> Topics:
    """Topics from mqtt.prefix (may be ""), consent.site, mqtt.discovery_prefix and the install id
    (the daemon always passes it; without one the pseudonymous default is sottovoce/home)."""
    chosen = normalize_prefix(prefix) or default_prefix(site, install_id)
    why = prefix_problem(chosen)
    if why:
        raise ValueError(f"mqtt.prefix {shown(prefix)}: {why}")
    disc = normalize_prefix(discovery_prefix) or "homeassistant"
    why = prefix_problem(disc)
    if why:
        raise ValueError(f"mqtt.discovery_prefix {shown(discovery_prefix)}: {why}")
    return Topics(prefix=chosen, discovery_prefix=disc)
