"""Loading settings: find the config file, read its TOML, apply ``--set`` overrides, check every key.

Every problem is collected in one pass (``sottovoce check-config`` shows them all) and names the
file, the key, the value and what was expected. Relative paths in a config file are resolved
against that file's folder; relative paths given with ``--set`` against the current folder.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
import types
import typing
from pathlib import Path
from typing import Any

from sottovoce.settings.model import DEFAULT_CONFIG_PATHS, ConfigError, Problem, Settings


def find_config(explicit: str | None) -> Path | None:
    """The config to read: --config, else $SOTTOVOCE_CONFIG, else /etc/sottovoce/sottovoce.toml if present."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("SOTTOVOCE_CONFIG")
    if env:
        return Path(env)
    for path in DEFAULT_CONFIG_PATHS:
        try:
            if path.is_file():
                return path
        except PermissionError:  # /etc/sottovoce is 0750 root:sottovoce on a Pi
            raise ConfigError([Problem(str(path), "(file)", str(path),
                                       "a config file this user may read; run the command as the service "
                                       "user (sudo -u sottovoce sottovoce ...) or with sudo")]) from None
    return None


def parse_override(text: str) -> tuple[str, Any]:
    """``section.key=VALUE``: VALUE is read as TOML when it parses as one, else kept as a string."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError([Problem("", text, text, "--set section.key=VALUE")])
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key.strip(), value


def load(config: str | Path | None = None, overrides: list[str] = ()) -> Settings:
    """Read the config file (if any) and apply overrides; raise ConfigError listing every problem."""
    path = find_config(str(config) if config else None)
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    fname = str(path) if path else ""
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([Problem(fname, "(file)", str(path), "an existing config file; "
                                       "copy config/sottovoce.toml there or pass --config")]) from None
        except PermissionError:
            raise ConfigError([Problem(fname, "(file)", str(path), "a config file this user may read; run the "
                                       "command as the service user (sudo -u sottovoce ...) or with sudo")]) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError([Problem(fname, "(file)", str(path), f"a readable UTF-8 file ({exc})")]) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([Problem(fname, "(syntax)", str(exc), "valid TOML")]) from None
    base_dir = path.resolve().parent if path else Path.cwd()
    origins: dict[str, str] = {}
    for item in overrides:
        try:
            key, value = parse_override(item)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        node = data
        parts = key.split(".")
        for part in parts[:-1]:
            nxt = node.setdefault(part, {})
            if not isinstance(nxt, dict):
                problems.append(Problem("", key, value, f"{part} to be a section"))
                break
            node = nxt
        else:
            node[parts[-1]] = value
            origins[key] = "override"
    settings = _build(Settings, data, "", fname, base_dir, origins, problems)
    if problems:
        raise ConfigError(problems)
    return dataclasses.replace(settings, source_file=fname)


def load_lenient(path: Path | None, overrides: list[str]) -> Settings | None:
    """Settings with the keys that failed validation left at their defaults, for the file checks.

    None when the file cannot be parsed at all (then only the syntax problem is reported).
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    for item in overrides:
        try:
            key, value = parse_override(item)
        except ConfigError:
            continue
        node = data
        *sections, last = key.split(".")
        for part in sections:
            node = node.setdefault(part, {}) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node[last] = value
    base = path.resolve().parent if path else Path.cwd()
    built = _build(Settings, data, "", str(path or ""), base, {}, [])
    return dataclasses.replace(built, source_file=str(path or ""))


def _build(cls, data: Any, prefix: str, fname: str, base_dir: Path, origins: dict[str, str],
           problems: list[Problem]):
    if not isinstance(data, dict):
        problems.append(Problem(fname, prefix.rstrip(".") or "(top)", data, "a table of settings"))
        return cls()
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "source_file"}
    for key in data:
        if key not in fields:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"one of {', '.join(fields)}" + (f" (did you mean {prefix}{close[0]}?)" if close else "")
            problems.append(Problem(fname, f"{prefix}{key}", data[key], f"a known key: {hint}"))
    values: dict[str, Any] = {}
    for name, f in fields.items():
        key = f"{prefix}{name}"
        typ = hints[name]
        if dataclasses.is_dataclass(typ):  # absent sections too, so their default paths are resolved
            values[name] = _build(typ, data.get(name, {}), key + ".", fname, base_dir, origins, problems)
            continue
        if name not in data:
            continue
        ok, value, expected = _coerce(typ, data[name])
        check = f.metadata.get("check")
        if ok and check is not None and not check(value):
            ok, expected = False, f.metadata["expected"]
        if not ok:
            problems.append(Problem("" if origins.get(key) else fname, key, data[name],
                                    f.metadata.get("expected", expected)))
            continue
        if f.metadata.get("path") and value:
            root = Path.cwd() if origins.get(key) else base_dir
            value = str((root / Path(value).expanduser()))
        values[name] = value
    try:
        obj = cls(**values)
    except TypeError as exc:  # pragma: no cover - all keys are validated above
        problems.append(Problem(fname, prefix.rstrip("."), data, str(exc)))
        return cls()
    return _resolve_default_paths(obj, base_dir, values)


def _resolve_default_paths(obj, base_dir: Path, given: dict[str, Any]):
    """Default relative paths are relative to the config file's folder, like those written in it."""
    changes = {}
    for f in dataclasses.fields(obj):
        if f.metadata.get("path") and f.name not in given:
            default = getattr(obj, f.name)
            if default and not Path(default).is_absolute():
                changes[f.name] = str(base_dir / default)
    return dataclasses.replace(obj, **changes) if changes else obj


def _coerce(typ, value) -> tuple[bool, Any, str]:
    if typ is bool:
        return isinstance(value, bool), value, "true or false"
    if typ is int:
        return isinstance(value, int) and not isinstance(value, bool), value, "a whole number"
    if typ is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return ok, float(value) if ok else value, "a number"
    if typ is str:
        if isinstance(value, int) and not isinstance(value, bool):
            return True, str(value), "a string"  # e.g. audio.device=2
        return isinstance(value, str), value, "a string"
    origin = typing.get_origin(typ)
    if origin is tuple:
        if isinstance(value, str):
            value = [value]
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return ok, tuple(value) if ok else value, "a list of strings"
    if origin in (typing.Union, types.UnionType):  # pragma: no cover - not used yet
        return True, value, "a value"
    return False, value, f"a {typ}"


def masked(settings: Settings) -> dict[str, Any]:
    """The settings as a dict for echoing, with anything secret-looking masked."""
    out = dataclasses.asdict(settings)
    mqtt = out.get("mqtt", {})
    if mqtt.get("password_env"):
        mqtt["password_env"] = mqtt["password_env"] + " (value not shown)"
    return out
