"""The service unit: systemd-analyze verifies it and scores its sandbox at 2.0 or less."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "systemd" / "sottovoce.service"
EXPOSURE = ROOT / "scripts" / "unit-exposure"
VENV_SOTTOVOCE = ROOT / ".venv" / "bin" / "sottovoce"


@pytest.fixture(scope="session")
def systemd_analyze() -> str:
    """systemd-analyze (Debian package systemd, installed by scripts/setup and .ci/run)."""
    path = shutil.which("systemd-analyze")
    assert path, "systemd-analyze is missing: run scripts/setup (it installs the Debian package systemd)"
    version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout
    assert int(re.match(r"systemd (\d+)", version).group(1)) >= 250, "need --offline (systemd >= 250)"
    return path


def directives(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            out.setdefault(key, []).append(value)
    return out


def test_unit_verifies_clean(systemd_analyze, tmp_path):
    # The real ExecStart lives in /opt/sottovoce (made by install.sh); point it at this checkout's
    # entry point so verify can check everything else, including that the command is executable.
    text = UNIT.read_text()
    assert "ExecStart=/opt/sottovoce/venv/bin/sottovoce run" in text
    copy = tmp_path / "sottovoce.service"
    copy.write_text(text.replace("/opt/sottovoce/venv/bin/sottovoce", str(VENV_SOTTOVOCE)))
    proc = subprocess.run([systemd_analyze, "verify", str(copy)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "" and proc.stdout.strip() == ""


def test_verify_would_catch_a_broken_unit(systemd_analyze, tmp_path):
    copy = tmp_path / "sottovoce.service"
    copy.write_text(UNIT.read_text().replace("/opt/sottovoce/venv/bin/sottovoce", str(VENV_SOTTOVOCE))
                    .replace("Type=notify", "Type=notifyy"))
    proc = subprocess.run([systemd_analyze, "verify", str(copy)], capture_output=True, text=True, timeout=120)
    assert "notifyy" in proc.stderr


def test_exposure_is_at_most_2(systemd_analyze):
    proc = subprocess.run([str(EXPOSURE)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    m = re.fullmatch(r"sottovoce\.service (\d+\.\d) vs plain unit (\d+\.\d) \(limit 2\.0\)", proc.stdout.strip())
    assert m, proc.stdout
    ours, plain = float(m.group(1)), float(m.group(2))
    assert ours <= 2.0
    assert plain > 9.0


def test_exposure_script_fails_an_unhardened_unit(systemd_analyze, tmp_path):
    keep = ("[", "Description", "Type", "ExecStart", "User", "WantedBy")
    stripped = "\n".join(l for l in UNIT.read_text().splitlines() if l.startswith(keep))
    copy = tmp_path / "weak.service"
    copy.write_text(stripped + "\n")
    proc = subprocess.run([str(EXPOSURE), str(copy)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "above 2.0" in proc.stderr


def test_service_contract():
    d = directives(UNIT.read_text())
    assert d["Type"] == ["notify"]
    assert d["NotifyAccess"] == ["main"]
    assert int(d["WatchdogSec"][0]) >= 10
    assert d["Restart"] == ["on-failure"]
    assert d["RestartPreventExitStatus"] == ["2"]      # config errors (exit 2) are not restarted
    assert int(d["StartLimitBurst"][0]) >= 1 and int(d["StartLimitIntervalSec"][0]) > 0
    assert d["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert set(d["After"][0].split()) == {"sound.target", "network-online.target"}
    assert set(d["Wants"][0].split()) == {"sound.target", "network-online.target"}
    assert d["User"] == ["sottovoce"] and d["SupplementaryGroups"] == ["audio"]
    assert d["StateDirectory"] == ["sottovoce"] and d["ConfigurationDirectory"] == ["sottovoce"]
    assert "--config /etc/sottovoce/sottovoce.toml" in d["ExecStart"][0]


def test_sound_devices_and_network_stay_reachable():
    d = directives(UNIT.read_text())
    assert d["DevicePolicy"] == ["closed"]
    assert "char-alsa rw" in d["DeviceAllow"]
    # A private /dev would hide /dev/snd (and hot-plugged USB microphones).
    assert d.get("PrivateDevices", ["no"]) == ["no"]
    assert "BindPaths" not in d
    assert set(d["RestrictAddressFamilies"][0].split()) == {"AF_UNIX", "AF_INET", "AF_INET6"}
    assert d.get("PrivateNetwork", ["no"]) == ["no"]
    allowed = " ".join(d["IPAddressAllow"]).split()
    assert {"localhost", "192.168.0.0/16", "10.0.0.0/8"} <= set(allowed)


def test_every_directive_block_is_commented():
    """Each paragraph of directives in [Service] opens with a comment saying what it is for."""
    section = UNIT.read_text().split("[Service]", 1)[1].split("[Install]", 1)[0]
    for para in re.split(r"\n\s*\n", section):
        lines = [l for l in para.strip().splitlines() if l.strip()]
        if not lines:
            continue
        seen_comment = False
        for line in lines:
            if line.startswith("#"):
                seen_comment = True
            else:
                assert seen_comment, f"uncommented directive: {line}"
