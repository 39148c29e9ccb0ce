"""scripts/install.sh into a temporary root: files, recorded owners, modes, idempotence, uninstall.

No network: the sottovoce wheel is built from this checkout, the wake word models come from a
wheel laid out like wyoming-openwakeword 1.8.2 holding the real tflite files, and the Vosk model
is a tiny folder of the same shape (only the copy is tested here; loading is doctor's job).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import WAKE_MODELS
from sottovoce.settings import load

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "scripts" / "install.sh"
VENV_PIP = Path(sys.executable).parent / "pip"   # the suite's own venv (.venv, or .venv313 in CI)
PYTHON = getattr(sys, "_base_executable", sys.executable)  # the venv's interpreter: 3.11 or 3.13
VOSK = "vosk-model-small-en-us-0.15"


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheels")
    src = tmp_path_factory.mktemp("src")
    shutil.copy(ROOT / "pyproject.toml", src)
    shutil.copytree(ROOT / "device", src / "device", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    if (ROOT / "README.md").exists():
        shutil.copy(ROOT / "README.md", src)
    subprocess.run([str(VENV_PIP), "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                    "-w", str(out), str(src)], check=True, timeout=300, capture_output=True)
    with zipfile.ZipFile(out / "wyoming_openwakeword-1.8.2-py3-none-any.whl", "w") as zf:
        for model in sorted(WAKE_MODELS.glob("*.tflite")):
            zf.write(model, f"wyoming_openwakeword/models/{model.name}")
        zf.writestr("wyoming_openwakeword/__init__.py", "")
        info = "wyoming_openwakeword-1.8.2.dist-info"
        zf.writestr(f"{info}/METADATA", "Metadata-Version: 2.1\nName: wyoming-openwakeword\nVersion: 1.8.2\n")
        zf.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        zf.writestr(f"{info}/RECORD", "")
    return out


@pytest.fixture(scope="module")
def vosk_folder(tmp_path_factory) -> Path:
    model = tmp_path_factory.mktemp("vosk") / VOSK
    for rel, text in {"am/final.mdl": "acoustic", "conf/mfcc.conf": "--use-energy=false\n",
                      "conf/model.conf": "--min-active=200\n", "graph/HCLr.fst": "graph",
                      "graph/Gr.fst": "grammar", "ivector/final.ie": "ivector", "README": "test model\n"}.items():
        (model / rel).parent.mkdir(parents=True, exist_ok=True)
        (model / rel).write_text(text)
    return model


def install(root: Path, wheels: Path, *extra: str, check: bool = True, env: dict | None = None
            ) -> subprocess.CompletedProcess:
    proc = subprocess.run(["bash", str(INSTALL), "--root", str(root), "--wheel-dir", str(wheels), "--no-deps",
                           "--python", PYTHON, *extra], capture_output=True, text=True, timeout=300, env=env)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def manifest(root: Path) -> dict[str, tuple[str, str, str]]:
    rows = {}
    for line in (root / "opt/sottovoce/install-manifest.tsv").read_text().splitlines():
        if line.startswith("#"):
            continue
        path, owner, group, mode = line.split("\t")
        rows[path] = (owner, group, mode)
    return rows


def snapshot(root: Path) -> dict[str, tuple]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if stat.S_ISREG(st.st_mode) else ""
            out[str(p.relative_to(root))] = (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, st.st_mtime_ns, digest)
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory, wheels, vosk_folder) -> tuple[Path, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("pi")
    return root, install(root, wheels, "--vosk-model", str(vosk_folder))


def test_installs_the_expected_files(installed, vosk_folder):
    root, _ = installed
    opt = root / "opt/sottovoce"
    assert os.access(opt / "venv/bin/sottovoce", os.X_OK)
    version = subprocess.run([str(opt / "venv/bin/python"), "-c",
                              "import importlib.metadata as m, sottovoce.service.notify; print(m.version('sottovoce'))"],
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert os.readlink(root / "usr/local/bin/sottovoce") == "/opt/sottovoce/venv/bin/sottovoce"
    wake = opt / "models/openwakeword"
    for model in WAKE_MODELS.glob("*.tflite"):
        assert (wake / model.name).read_bytes() == model.read_bytes()
    assert {"melspectrogram.tflite", "embedding_model.tflite", "hey_jarvis_v0.1.tflite"} <= {
        p.name for p in wake.iterdir()}
    assert (opt / f"models/{VOSK}/am/final.mdl").read_text() == (vosk_folder / "am/final.mdl").read_text()
    assert (root / "etc/systemd/system/sottovoce.service").read_text() == (
        ROOT / "systemd/sottovoce.service").read_text()
    for path in (ROOT / "config").rglob("*"):
        if path.is_file():
            assert (root / "etc/sottovoce" / path.relative_to(ROOT / "config")).is_file(), path
    assert (root / "var/lib/sottovoce").is_dir()


def test_config_paths_point_at_the_pi_layout(installed):
    root, _ = installed
    cfg = root / "etc/sottovoce/sottovoce.toml"
    data = tomllib.loads(cfg.read_text())
    assert data["wake"]["models_dir"] == "/opt/sottovoce/models/openwakeword"
    assert data["asr"]["model"] == f"/opt/sottovoce/models/{VOSK}"
    assert data["state"]["dir"] == "/var/lib/sottovoce"
    assert "../" not in "".join(l.split("#")[0] for l in cfg.read_text().splitlines())
    settings = load(cfg)  # still a valid config: every type and range check passes
    assert settings.commands.vocabulary == str((root / "etc/sottovoce/vocabulary.toml").resolve())
    assert (root / "etc/sottovoce/sentences/en/household.yaml").read_text() == \
        (ROOT / "config/sentences/en/household.yaml").read_text()


def test_modes_and_recorded_owners(installed):
    root, _ = installed
    rows = manifest(root)
    assert rows["/var/lib/sottovoce"] == ("sottovoce", "sottovoce", "0700")  # as the daemon keeps it
    assert rows["/etc/sottovoce"] == ("root", "sottovoce", "0750")
    assert rows["/etc/sottovoce/sottovoce.toml"] == ("root", "sottovoce", "0640")
    assert rows["/etc/systemd/system/sottovoce.service"] == ("root", "root", "0644")
    assert rows["/opt/sottovoce/venv"][:2] == ("root", "root")
    for path, (_owner, _group, mode) in rows.items():
        p = root / path.lstrip("/")
        assert p.exists() or p.is_symlink(), path
        if not p.is_symlink():
            assert oct(stat.S_IMODE(p.stat().st_mode)) == oct(int(mode, 8)), path
    # Nothing the service writes to is world-readable, and the code is not writable by it.
    assert stat.S_IMODE((root / "var/lib/sottovoce").stat().st_mode) & 0o007 == 0
    assert stat.S_IMODE((root / "etc/sottovoce/sottovoce.toml").stat().st_mode) & 0o007 == 0
    assert all(owner == "root" for path, (owner, _, _) in rows.items() if path.startswith("/opt/"))


def test_second_run_changes_nothing_and_keeps_household_edits(tmp_path, wheels, vosk_folder):
    root = tmp_path / "pi"
    install(root, wheels, "--vosk-model", str(vosk_folder))
    before = snapshot(root)
    again = install(root, wheels, "--vosk-model", str(vosk_folder))
    assert snapshot(root) == before
    assert "nothing changed" in again.stdout

    cfg = root / "etc/sottovoce/sottovoce.toml"
    edited = cfg.read_text().replace('site = "per_message"', 'site = "kitchen"')
    assert edited != cfg.read_text()
    cfg.write_text(edited)
    third = install(root, wheels, "--vosk-model", str(vosk_folder))
    assert cfg.read_text() == edited                       # the household's edit survives
    dist = root / "etc/sottovoce/sottovoce.toml.dist"
    assert dist.read_text() == (root / "opt/sottovoce/config-defaults/sottovoce.toml").read_text()
    assert 'site = "per_message"' in dist.read_text()
    assert "kept your /etc/sottovoce/sottovoce.toml" in third.stdout
    assert not (root / "etc/sottovoce/vocabulary.toml.dist").exists()  # unedited files get no .dist
    settled = snapshot(root)
    install(root, wheels, "--vosk-model", str(vosk_folder))
    assert snapshot(root) == settled


def test_uninstall_keeps_config_and_state_unless_purged(tmp_path, wheels, vosk_folder):
    root = tmp_path / "pi"
    install(root, wheels, "--vosk-model", str(vosk_folder))
    (root / "var/lib/sottovoce/audit.sqlite3").write_bytes(b"audit")
    (root / "etc/sottovoce/sottovoce.toml.dist").write_text("old default")
    proc = install(root, wheels, "--uninstall")
    assert "kept the household's config" in proc.stdout
    assert not (root / "opt/sottovoce").exists()
    assert not (root / "etc/systemd/system/sottovoce.service").exists()
    assert not (root / "usr/local/bin/sottovoce").is_symlink()
    assert not (root / "etc/sottovoce/sottovoce.toml.dist").exists()
    assert (root / "etc/sottovoce/sottovoce.toml").is_file()
    assert (root / "var/lib/sottovoce/audit.sqlite3").read_bytes() == b"audit"
    install(root, wheels, "--uninstall", "--purge")
    assert not (root / "etc/sottovoce").exists()
    assert not (root / "var/lib/sottovoce").exists()


def test_vosk_model_from_a_zip(tmp_path, wheels, vosk_folder):
    archive = tmp_path / f"{VOSK}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in vosk_folder.rglob("*"):
            if p.is_file():
                zf.write(p, f"{VOSK}/{p.relative_to(vosk_folder)}")
    root = tmp_path / "pi"
    install(root, wheels, "--vosk-model", str(archive))
    assert (root / f"opt/sottovoce/models/{VOSK}/graph/HCLr.fst").read_text() == "graph"


def test_bad_vosk_model_fails_before_doing_anything(tmp_path, wheels):
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    root = tmp_path / "pi"
    proc = install(root, wheels, "--vosk-model", str(empty), check=False)
    assert proc.returncode == 1
    assert "is not a Vosk model folder (expected am/final.mdl" in proc.stderr
    assert not (root / "opt").exists()


def test_download_size_is_checked(tmp_path, wheels, vosk_folder, monkeypatch):
    """A short download (here from a file:// mirror) is refused, naming the sizes and the offline fix."""
    short = tmp_path / "short.zip"
    short.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    env = dict(os.environ, SOTTOVOCE_VOSK_URL=short.as_uri())
    root = tmp_path / "pi"
    proc = subprocess.run(["bash", str(INSTALL), "--root", str(root), "--wheel-dir", str(wheels), "--no-deps",
                           "--python", PYTHON], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 1
    assert "is 22 bytes, expected 41205931" in proc.stderr
    assert "--vosk-model PATH" in proc.stderr
    assert not (root / f"opt/sottovoce/models/{VOSK}").exists()


def os_release(tmp_path: Path, codename: str, pretty: str) -> Path:
    path = tmp_path / "os-release"
    path.write_text(f'PRETTY_NAME="{pretty}"\nID=debian\nVERSION_CODENAME={codename}\n')
    return path


def test_the_platform_is_named_in_one_line_first(tmp_path, wheels, vosk_folder):
    env = dict(os.environ, SOTTOVOCE_OS_RELEASE=str(os_release(tmp_path, "trixie", "Debian GNU/Linux 13 (trixie)")),
               SOTTOVOCE_MACHINE="aarch64")
    proc = install(tmp_path / "pi", wheels, "--vosk-model", str(vosk_folder), env=env)
    first = proc.stdout.splitlines()[0]
    version = "%d.%d" % sys.version_info[:2]
    assert first == (f"install.sh: found Debian GNU/Linux 13 (trixie), aarch64, Python {version}; "
                     "supported: 64-bit Raspberry Pi OS Bookworm or Trixie (aarch64, Python 3.11-3.13)")


@pytest.mark.parametrize("machine", ["armv7l", "armv6l"])
def test_32_bit_pi_os_stops_before_changing_anything(tmp_path, wheels, machine):
    env = dict(os.environ, SOTTOVOCE_MACHINE=machine,
               SOTTOVOCE_OS_RELEASE=str(os_release(tmp_path, "bookworm", "Raspbian GNU/Linux 12 (bookworm)")))
    root = tmp_path / "pi"
    proc = install(root, wheels, check=False, env=env)
    assert proc.returncode == 1
    assert f"found Raspbian GNU/Linux 12 (bookworm), {machine}, Python" in proc.stdout
    assert 'Flash "Raspberry Pi OS (64-bit)"' in proc.stderr and "nothing was changed" in proc.stderr
    assert not root.exists()


def test_a_missing_wheel_is_named_and_the_new_venv_removed(tmp_path, wheels):
    """Without --no-deps the dependencies must come from the wheel folder, which has none of them."""
    only_ours = tmp_path / "wheels"
    only_ours.mkdir()
    for whl in wheels.glob("*.whl"):
        shutil.copy(whl, only_ours)
    root = tmp_path / "pi"
    proc = subprocess.run(["bash", str(INSTALL), "--root", str(root), "--wheel-dir", str(only_ours),
                           "--python", PYTHON], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(f"install.sh: getting the Python packages failed: {only_ours} has no wheel of ")
    assert "it never compiles" in last
    assert "removed the half-made /opt/sottovoce/venv" in proc.stdout
    assert not (root / "opt/sottovoce").exists()
