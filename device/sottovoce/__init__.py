"""sottovoce: an on-device privacy filter for smart speakers."""

from importlib.metadata import PackageNotFoundError, version

from sottovoce.privacy import no_phoning_home  # noqa: F401  (must run before any third-party import)

try:
    __version__ = version("sottovoce")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"
