"""MQTT topic names: one place that turns settings into the topics every other module uses.

Pure: no sockets, no clocks. The default prefix uses the room label only when the household chose
one for `consent.site` (it is then already public in every message); otherwise a generic
"sottovoce/home", so the topic never carries a hostname or other device identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PSEUDONYM_MODES = ("per_message", "daily")
_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def topic_segment(text: str, fallback: str = "home") -> str:
    """A single topic level made of [a-z0-9_-]: no '/', '+', '#' or NUL can reach a topic."""
    cleaned = _UNSAFE.sub("_", text.strip().lower()).strip("_")
    return cleaned[:64] or fallback


def normalize_prefix(prefix: str) -> str:
    """mqtt.prefix or mqtt.discovery_prefix as used: surrounding spaces and trailing '/' dropped."""
    return prefix.strip().rstrip("/")


def valid_prefix(prefix: str) -> bool:
    """A usable publish prefix: non-empty levels, no wildcards, no NUL, no leading/trailing '/'."""
    if not prefix:
        return True  # "" means the default
    if any(c in prefix for c in "+#\0") or prefix.startswith("/") or prefix.endswith("/"):
        return False
    return all(prefix.split("/")) and len(prefix.encode("utf-8")) <= 512


def default_prefix(site: str) -> str:
    """sottovoce/<room label> when consent.site is a label, else sottovoce/home."""
    if site in PSEUDONYM_MODES:
        return "sottovoce/home"
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


def topics_for(prefix: str, site: str, discovery_prefix: str = "homeassistant") -> Topics:
    """Topics from mqtt.prefix (may be ""), consent.site and mqtt.discovery_prefix."""
    chosen = normalize_prefix(prefix) or default_prefix(site)
    if not valid_prefix(chosen):
        raise ValueError(f"mqtt.prefix {prefix!r}: expected topic levels without '+', '#' or empty levels")
    disc = normalize_prefix(discovery_prefix) or "homeassistant"
    if not valid_prefix(disc):
        raise ValueError(f"mqtt.discovery_prefix {discovery_prefix!r}: expected topic levels without wildcards")
    return Topics(prefix=chosen, discovery_prefix=disc)
