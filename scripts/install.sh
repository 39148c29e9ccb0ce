#!/usr/bin/env bash
# Install sottovoce on a Raspberry Pi as a hardened systemd service. Supported: 64-bit Raspberry Pi
# OS (aarch64) Bookworm (Debian 12, Python 3.11) or Trixie (Debian 13, Python 3.13); it checks
# the platform first and stops on 32-bit Pi OS before changing anything.
#
#   sudo scripts/install.sh                       install or update, then enable and start the service
#   sudo scripts/install.sh --vosk-model PATH     take the Vosk model from a .zip or folder (offline)
#   sudo scripts/install.sh --uninstall           remove it; keep /etc/sottovoce and /var/lib/sottovoce
#   sudo scripts/install.sh --uninstall --purge   remove those too, and the sottovoce user
#   scripts/install.sh --root DIR ...             install into DIR (an image, or a test) without
#                                                 touching apt, users or systemd
#
# Other options:
#   --wheel-dir DIR   install from wheels in DIR only (pip --no-index): the sottovoce wheel
#                     (`pip wheel --no-deps . -w DIR`), its dependencies and
#                     wyoming_openwakeword-1.8.2-py3-none-any.whl. Also $SOTTOVOCE_WHEEL_DIR.
#   --no-deps         install the sottovoce package alone, without its dependencies
#   --no-start        enable the service but do not (re)start it
#   --python PY       interpreter for the virtual environment (default python3, needs 3.11-3.13)
#
# Python packages come as wheels only (pip --only-binary=:all:): nothing is compiled on the Pi; the
# one exception is srt, vosk's pure-Python dependency, published only as a source archive. All
# wheels are fetched before anything is installed: if one is missing, it names the package and
# the reason, and a virtual environment made by this run is removed again.
# SOTTOVOCE_OS_RELEASE and SOTTOVOCE_MACHINE override /etc/os-release and `uname -m` (for tests).
#
# Safe to run again: it changes only what differs, never overwrites the household's config
# (a changed default is written beside it as FILE.dist) and restarts the service only when
# something changed. Every path it creates is listed, with its owner and mode, in
# /opt/sottovoce/install-manifest.tsv.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WAKE_WHEEL="wyoming-openwakeword==1.8.2"
VOSK_NAME="vosk-model-small-en-us-0.15"
VOSK_URL="${SOTTOVOCE_VOSK_URL:-https://alphacephei.com/vosk/models/$VOSK_NAME.zip}"  # env: a local mirror
VOSK_BYTES=41205931
VOSK_SHA256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"
# libatomic1: vosk's libvosk.so
APT_PACKAGES=(python3-venv python3-pip libportaudio2 libatomic1 curl ca-certificates)
SOURCE_OK=srt   # pure Python, no wheel on PyPI: the only package pip may build
SERVICE=sottovoce
USER_NAME=sottovoce

root_dir=""
wheel_dir="${SOTTOVOCE_WHEEL_DIR:-}"
vosk_model=""
python_bin="python3"
no_deps=0
no_start=0
uninstall=0
purge=0

die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
step() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --root) root_dir="${2:?--root needs a folder}"; shift 2 ;;
        --wheel-dir) wheel_dir="${2:?--wheel-dir needs a folder}"; shift 2 ;;
        --vosk-model) vosk_model="${2:?--vosk-model needs a .zip or a folder}"; shift 2 ;;
        --python) python_bin="${2:?--python needs an interpreter}"; shift 2 ;;
        --no-deps) no_deps=1; shift ;;
        --no-start) no_start=1; shift ;;
        --uninstall) uninstall=1; shift ;;
        --purge) purge=1; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
if [[ $purge -eq 1 && $uninstall -eq 0 ]]; then die "--purge only goes with --uninstall"; fi
if [[ -n "$vosk_model" && $uninstall -eq 0 ]]; then  # fail before doing anything slow
    [[ -e "$vosk_model" ]] || die "--vosk-model $vosk_model does not exist"
    if [[ -d "$vosk_model" && ! -f "$vosk_model/am/final.mdl" ]]; then
        die "--vosk-model $vosk_model is not a Vosk model folder (expected am/final.mdl, conf/ and graph/ in it)"
    fi
    vosk_model="$(cd "$(dirname "$vosk_model")" && pwd)/$(basename "$vosk_model")"
fi

# ---------------------------------------------------------------------------------------------
# The platform, checked before anything changes: OS release, architecture, Python.
check_platform() {
    local os_file="${SOTTOVOCE_OS_RELEASE:-/etc/os-release}" id="" codename="" pretty="" machine bits pyver found ok=1
    if [[ -r "$os_file" ]]; then
        id="$(. "$os_file" && printf '%s' "${ID:-}")"
        codename="$(. "$os_file" && printf '%s' "${VERSION_CODENAME:-}")"
        pretty="$(. "$os_file" && printf '%s' "${PRETTY_NAME:-$ID}")"
    fi
    machine="${SOTTOVOCE_MACHINE:-$(uname -m)}"
    command -v "$python_bin" >/dev/null || die "no $python_bin on this system; install it: sudo apt install python3-venv (or pass --python)"
    read -r pyver bits < <("$python_bin" -c 'import struct, sys; print("%d.%d" % sys.version_info[:2], struct.calcsize("P") * 8)') \
        || die "$python_bin does not run"
    # 32-bit Pi OS often runs a 64-bit kernel: the interpreter's pointer size tells the userland.
    [[ "$machine" == aarch64 && "$bits" == 32 ]] && machine="armv7l (32-bit userland on a 64-bit kernel)"
    found="${pretty:-unknown OS}"
    [[ -z "$codename" || "$found" == *"$codename"* ]] || found="$found ($codename)"
    found="$found, $machine, Python $pyver"
    printf 'install.sh: found %s; supported: 64-bit Raspberry Pi OS Bookworm or Trixie (aarch64, Python 3.11-3.13)\n' "$found"
    case "$machine" in
        aarch64|arm64) ;;
        x86_64|amd64) note "not a Raspberry Pi: going on (a development machine or an image build)" ;;
        arm*|i?86)
            die "32-bit systems cannot run sottovoce (onnxruntime and LiteRT have no 32-bit wheels); nothing was changed. Flash \"Raspberry Pi OS (64-bit)\" (Bookworm or Trixie) with Raspberry Pi Imager and run this again" ;;
        *) die "unsupported architecture $machine; nothing was changed. Use 64-bit Raspberry Pi OS (aarch64)" ;;
    esac
    case "$pyver" in
        3.11|3.12|3.13) ;;
        3.[0-9]|3.10) die "$python_bin is Python $pyver, older than 3.11; nothing was changed. Use Raspberry Pi OS Bookworm or Trixie, or pass --python with Python 3.11-3.13" ;;
        *) note "Python $pyver is newer than 3.13 and not tested: wheels may be missing (pip will say which)" ;;
    esac
    case "$codename" in
        bookworm|trixie) ;;
        *) note "${codename:-this OS release} is not Bookworm or Trixie: going on, untested" ;;
    esac
}
if [[ $uninstall -eq 0 ]]; then check_platform; fi

# live: a real install on this machine (root, no --root): apt, users, chown and systemd happen.
live=0
if [[ -n "$root_dir" ]]; then
    mkdir -p "$root_dir"
    root_dir="$(cd "$root_dir" && pwd)"
    [[ "$root_dir" == "/" ]] && root_dir=""
fi
if [[ -z "$root_dir" ]]; then
    [[ $EUID -eq 0 ]] || die "run it with sudo (or use --root DIR to install into a folder)"
    live=1
fi
if [[ -n "$wheel_dir" ]]; then
    [[ -d "$wheel_dir" ]] || die "--wheel-dir $wheel_dir is not a folder"
    wheel_dir="$(cd "$wheel_dir" && pwd)"
fi

OPT=/opt/sottovoce
ETC=/etc/sottovoce
STATE=/var/lib/sottovoce
UNIT=/etc/systemd/system/$SERVICE.service
LINK=/usr/local/bin/sottovoce
VENV=$OPT/venv
MANIFEST=$OPT/install-manifest.tsv
R="$root_dir"   # prefix for every path touched on disk

work="$(mktemp -d -p "${TMPDIR:-/var/tmp}" sottovoce-install.XXXXXX)"  # not /tmp: a RAM disk on Trixie; the wheels go here
trap 'rm -rf "$work"' EXIT
changed=0
declare -A manifest=()

# record PATH OWNER GROUP MODE: what the path should be owned by on the Pi.
record() { manifest["$1"]="$2	$3	$4"; }

set_owner() {  # set_owner PATH OWNER GROUP (only on a live install: in --root mode it is recorded)
    if [[ $live -eq 1 ]]; then chown "$2:$3" "$R$1"; fi
}

make_dir() {  # make_dir PATH MODE OWNER GROUP
    if [[ ! -d "$R$1" ]]; then mkdir -p "$R$1"; changed=1; fi
    if [[ "$(stat -c %a "$R$1")" != "${2#0}" ]]; then chmod "$2" "$R$1"; fi
    set_owner "$1" "$3" "$4"
    record "$1" "$3" "$4" "$2"
}

put_file() {  # put_file SRC PATH MODE OWNER GROUP: copy only when the content differs
    if [[ ! -f "$R$2" ]] || ! cmp -s "$1" "$R$2"; then
        install -m "$3" "$1" "$R$2"
        changed=1
    elif [[ "$(stat -c %a "$R$2")" != "${3#0}" ]]; then
        chmod "$3" "$R$2"
    fi
    set_owner "$2" "$4" "$5"
    record "$2" "$4" "$5" "$3"
}

write_manifest() {
    local tmp="$work/manifest" path
    record "$MANIFEST" root root 0644
    printf '# path\towner\tgroup\tmode\t(intended owner and mode on the Pi, written by scripts/install.sh)\n' > "$tmp"
    for path in "${!manifest[@]}"; do printf '%s\t%s\n' "$path" "${manifest[$path]}"; done | sort >> "$tmp"
    put_file "$tmp" "$MANIFEST" 0644 root root
}

# ---------------------------------------------------------------------------------------------
uninstall() {
    step "Removing sottovoce${R:+ from $R}"
    if [[ $live -eq 1 ]] && command -v systemctl >/dev/null; then
        systemctl disable --now "$SERVICE" 2>/dev/null || true
    fi
    rm -f "$R$UNIT"
    if [[ $live -eq 1 ]] && command -v systemctl >/dev/null; then systemctl daemon-reload || true; fi
    if [[ -L "$R$LINK" && "$(readlink "$R$LINK")" == "$VENV/bin/sottovoce" ]]; then rm -f "$R$LINK"; fi
    rm -rf "$R$OPT"
    rm -f "$R$ETC"/*.dist
    if [[ $purge -eq 1 ]]; then
        rm -rf "$R$ETC" "$R$STATE"
        if [[ $live -eq 1 ]]; then
            if id "$USER_NAME" >/dev/null 2>&1; then userdel "$USER_NAME"; fi
            if getent group "$USER_NAME" >/dev/null; then groupdel "$USER_NAME"; fi
        fi
        step "Purged config ($ETC), state ($STATE) and the $USER_NAME user"
    else
        note "kept the household's config in $ETC and state (audit log, outbox) in $STATE;"
        note "remove them with: sudo scripts/install.sh --uninstall --purge"
    fi
    note "apt packages (${APT_PACKAGES[*]}) were left installed"
}

if [[ $uninstall -eq 1 ]]; then uninstall; exit 0; fi

# ---------------------------------------------------------------------------------------------
install_apt() {
    local missing=() pkg
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then note "apt packages present"; return; fi
    step "Installing apt packages: ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
}

make_user() {
    if ! getent group "$USER_NAME" >/dev/null; then groupadd --system "$USER_NAME"; fi
    if ! id "$USER_NAME" >/dev/null 2>&1; then
        step "Creating system user $USER_NAME (group audio)"
        useradd --system --gid "$USER_NAME" --groups audio --home-dir "$STATE" --no-create-home \
            --shell /usr/sbin/nologin --comment "sottovoce privacy filter" "$USER_NAME"
    elif ! id -nG "$USER_NAME" | tr ' ' '\n' | grep -qx audio; then
        usermod -a -G audio "$USER_NAME"
    fi
}

pip_index_opts() {
    if [[ -n "$wheel_dir" ]]; then printf '%s\n' --no-index --find-links "$wheel_dir"; fi
}

# The packages pip installs with --no-deps, from pyproject.toml's [tool.sottovoce] (openwakeword:
# its metadata names tflite-runtime, which has no wheel for Python 3.13, and training libraries).
no_deps_packages() {
    "$R$VENV/bin/python" - "$REPO/pyproject.toml" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print(*tomllib.load(f).get("tool", {}).get("sottovoce", {}).get("no-deps", []), sep="\n")
PY
}

pip_failed() {  # pip_failed LOG WHAT: one line naming the package and why, then pip's own last lines
    local log="$1" what="$2" pkg reason
    pkg="$(grep -oE "(No matching distribution found for|satisfies the requirement) [^ ;]+" "$log" | head -n 1 | awk '{print $NF}' || true)"
    if [[ -n "$pkg" ]]; then
        reason="${wheel_dir:-PyPI} has no wheel of $pkg for Python $(
            "$R$VENV/bin/python" -c 'import sys, platform; print("%d.%d on %s" % (*sys.version_info[:2], platform.machine()))')"
        reason="$reason (this script installs wheels only, it never compiles), or the network is down"
    elif grep -q "ResolutionImpossible\|conflicting dependencies" "$log"; then
        reason="the dependencies conflict: $(grep -m1 -E "requires|depends on" "$log" | sed 's/^ *//' || true)"
    else
        reason="$(grep -E "^ERROR" "$log" | tail -n 1 | sed 's/^ERROR: //' || true)"
    fi
    sed 's/^/    pip: /' "$log" | { grep -v "^    pip: WARNING: Location" || true; } | tail -n 6 >&2
    printf 'install.sh: %s failed: %s\n' "$what" "${reason:-see the pip output above}" >&2
}

undo_new_venv() {  # a virtual environment made by this run is removed, so nothing is left half-made
    if [[ $venv_created -eq 1 ]]; then
        rm -rf "${R:?}$VENV"
        [[ $opt_existed -eq 1 ]] || rm -rf "${R:?}$OPT"
        note "removed the half-made $VENV; nothing else was changed by the Python step"
    else
        note "the previous installation in $VENV was not touched"
    fi
}

install_package() {
    local pkg="$REPO" stamp wheel wheels="$work/wheels" extra=()
    wheel=""
    if [[ -n "$wheel_dir" ]]; then
        wheel="$(find "$wheel_dir" -maxdepth 1 -name 'sottovoce-*.whl' | sort -V | tail -n 1)"
    fi
    if [[ -n "$wheel" ]]; then
        pkg="$wheel"
        stamp="wheel $(sha256sum "$wheel" | cut -d' ' -f1)"
    else
        [[ -z "$wheel_dir" ]] || die "--wheel-dir $wheel_dir has no sottovoce-*.whl (make one: pip wheel --no-deps $REPO -w $wheel_dir)"
        stamp="source $(cd "$REPO" && find device pyproject.toml -type f ! -path '*/__pycache__/*' \
            ! -path '*.egg-info/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
    fi
    stamp="$stamp no-deps=$no_deps"
    venv_created=0
    if [[ ! -x "$R$VENV/bin/python" ]]; then
        step "Creating the virtual environment $VENV"
        "$python_bin" -m venv "$R$VENV" || { venv_created=1; undo_new_venv; die "$python_bin -m venv failed (on Debian: sudo apt install python3-venv)"; }
        venv_created=1
        changed=1
    fi
    if [[ -x "$R$VENV/bin/sottovoce" && "$(cat "$R$OPT/package-stamp" 2>/dev/null)" == "$stamp" ]]; then
        note "sottovoce package up to date in $VENV"
        record "$OPT/package-stamp" root root 0644
    else
        local opts=() loose=()
        mapfile -t opts < <(pip_index_opts)
        mapfile -t loose < <(no_deps_packages)
        local pip=("$R$VENV/bin/pip" --disable-pip-version-check --timeout 60 --retries 5)
        # 1. Every wheel into $wheels first (only the build tools are installed yet): wheels only,
        #    except SOURCE_OK.
        step "Fetching sottovoce's wheels (${wheel:-from $REPO})"
        if [[ $no_deps -eq 1 ]]; then extra=(--no-deps); fi
        # Building (sottovoce from source, srt) uses the venv's own setuptools: no isolated build
        # environments, each of which would reach PyPI again (slow and fragile on a busy Pi).
        if ! { { [[ -n "$wheel" && $no_deps -eq 1 ]] \
                 || "${pip[@]}" install -q "${opts[@]}" --only-binary=:all: "setuptools>=68" wheel; } \
               && "${pip[@]}" wheel -q "${opts[@]}" --only-binary=:all: --no-binary="$SOURCE_OK" \
                   --no-build-isolation -w "$wheels" "${extra[@]}" "$pkg" \
               && { [[ $no_deps -eq 1 || ${#loose[@]} -eq 0 ]] \
                    || "${pip[@]}" wheel -q "${opts[@]}" --only-binary=:all: --no-deps -w "$wheels" "${loose[@]}"; }
             } 2>"$work/pip.log"; then
            pip_failed "$work/pip.log" "getting the Python packages"
            undo_new_venv
            exit 1
        fi
        # 2. Install from those wheels only.
        step "Installing sottovoce into $VENV"
        local own
        own="$(find "$wheels" -maxdepth 1 -name 'sottovoce-*.whl' | sort -V | tail -n 1)"
        if ! { "${pip[@]}" install -q --no-index --find-links "$wheels" --upgrade --force-reinstall --no-deps "$own" \
               && { [[ $no_deps -eq 1 ]] || "${pip[@]}" install -q --no-index --find-links "$wheels" "$own"; } \
               && { [[ $no_deps -eq 1 || ${#loose[@]} -eq 0 ]] \
                    || "${pip[@]}" install -q --no-index --find-links "$wheels" --no-deps "${loose[@]}"; }
             } 2>"$work/pip.log"; then
            pip_failed "$work/pip.log" "installing the Python packages"
            if [[ $venv_created -eq 1 ]]; then undo_new_venv; else
                note "$VENV may be partly updated: run sudo scripts/install.sh again to finish"; fi
            exit 1
        fi
        printf '%s\n' "$stamp" > "$work/stamp"
        put_file "$work/stamp" "$OPT/package-stamp" 0644 root root
        changed=1
    fi
    record "$VENV" root root 0755
    if [[ "$(readlink "$R$LINK" 2>/dev/null)" != "$VENV/bin/sottovoce" ]]; then
        mkdir -p "$(dirname "$R$LINK")"
        ln -sfn "$VENV/bin/sottovoce" "$R$LINK"
    fi
    record "$LINK" root root 0777
}

install_wake_models() {
    local dest="$OPT/models/openwakeword" wheel f
    make_dir "$dest" 0755 root root
    if [[ "$(cat "$R$dest/.source" 2>/dev/null)" == "$WAKE_WHEEL" && -f "$R$dest/melspectrogram.tflite" ]]; then
        note "wake word models present ($WAKE_WHEEL)"
    else
        step "Taking the openWakeWord models from the PyPI wheel $WAKE_WHEEL"
        local opts=()
        mapfile -t opts < <(pip_index_opts)
        "$R$VENV/bin/pip" download --disable-pip-version-check --quiet "${opts[@]}" --no-deps \
            --only-binary=:all: -d "$work/wake" "$WAKE_WHEEL" \
            || die "could not get $WAKE_WHEEL from PyPI (no network?); put the wheel in a folder and pass --wheel-dir"
        wheel="$(find "$work/wake" -maxdepth 1 -name 'wyoming_openwakeword-*.whl' | head -n 1)"
        "$R$VENV/bin/python" - "$wheel" "$work/wake/models" <<'PY'
import sys, zipfile
from pathlib import Path
wheel, out = sys.argv[1], Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
with zipfile.ZipFile(wheel) as zf:
    names = [n for n in zf.namelist() if n.startswith("wyoming_openwakeword/models/") and n.endswith(".tflite")]
    for name in names:
        (out / Path(name).name).write_bytes(zf.read(name))
print(f"    {len(names)} model files")
PY
        for f in melspectrogram.tflite embedding_model.tflite; do
            [[ -f "$work/wake/models/$f" ]] || die "$wheel has no wyoming_openwakeword/models/$f"
        done
        printf '%s\n' "$WAKE_WHEEL" > "$work/wake/models/.source"
    fi
    for f in "$work"/wake/models/*.tflite "$work"/wake/models/.source; do
        if [[ -f "$f" ]]; then put_file "$f" "$dest/$(basename "$f")" 0644 root root; fi
    done
    for f in "$R$dest"/*.tflite "$R$dest/.source"; do
        if [[ -f "$f" ]]; then record "$dest/$(basename "$f")" root root 0644; fi
    done
}

is_vosk_model() { [[ -f "$1/am/final.mdl" && -d "$1/conf" && -d "$1/graph" ]]; }

fetch_vosk_zip() {
    local zip="$work/$VOSK_NAME.zip" size
    step "Downloading $VOSK_NAME ($((VOSK_BYTES / 1000000)) MB) from the Vosk model site" >&2
    curl --fail --location --progress-bar --retry 3 --connect-timeout 20 -o "$zip" "$VOSK_URL" \
        || die "download of $VOSK_URL failed. Download it on another computer and run again with --vosk-model PATH"
    size="$(stat -c %s "$zip")"
    [[ "$size" == "$VOSK_BYTES" ]] \
        || die "$VOSK_NAME.zip is $size bytes, expected $VOSK_BYTES: the download was cut short or the file changed. Run again, or pass --vosk-model PATH"
    [[ "$(sha256sum "$zip" | cut -d' ' -f1)" == "$VOSK_SHA256" ]] \
        || die "$VOSK_NAME.zip has the right size but the wrong SHA-256: not the published model. Pass --vosk-model PATH with a trusted copy"
    printf '%s\n' "$zip"
}

install_vosk_model() {
    local src="$vosk_model" name model
    make_dir "$OPT/models" 0755 root root
    if [[ -z "$src" && -d "$R$OPT/models/$VOSK_NAME" ]] && is_vosk_model "$R$OPT/models/$VOSK_NAME"; then
        note "Vosk model present ($OPT/models/$VOSK_NAME)"
        record "$OPT/models/$VOSK_NAME" root root 0755
        return
    fi
    if [[ -z "$src" ]]; then src="$(fetch_vosk_zip)" || exit 1; fi
    [[ -e "$src" ]] || die "--vosk-model $src does not exist"
    if [[ -f "$src" ]]; then
        mkdir -p "$work/vosk"
        "$python_bin" - "$src" "$work/vosk" <<'PY' || die "--vosk-model $src is not a readable .zip"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zf:
    zf.extractall(sys.argv[2])
PY
        model="$(find "$work/vosk" -path '*/am/final.mdl' -printf '%h\n' | head -n 1)"
        model="${model%/am}"
        [[ -n "$model" ]] || die "$src holds no Vosk model (no am/final.mdl inside)"
        [[ "$model" != "$work/vosk" ]] || { mkdir -p "$work/vosk2"; mv "$work/vosk" "$work/vosk2/$VOSK_NAME"; model="$work/vosk2/$VOSK_NAME"; }
    else
        model="$(cd "$src" && pwd)"
    fi
    is_vosk_model "$model" || die "$src is not a Vosk model folder (expected am/final.mdl, conf/ and graph/ in it)"
    name="$(basename "$model")"
    if [[ -d "$R$OPT/models/$name" ]] && is_vosk_model "$R$OPT/models/$name" \
            && diff -rq "$model" "$R$OPT/models/$name" >/dev/null 2>&1; then
        note "Vosk model $name already installed"
    else
        step "Installing the Vosk model $name into $OPT/models"
        rm -rf "$R$OPT/models/$name.new"
        cp -r "$model" "$R$OPT/models/$name.new"
        chmod -R u=rwX,go=rX "$R$OPT/models/$name.new"
        rm -rf "$R$OPT/models/$name"
        mv "$R$OPT/models/$name.new" "$R$OPT/models/$name"
        changed=1
    fi
    if [[ $live -eq 1 ]]; then chown -R root:root "$R$OPT/models/$name"; fi
    record "$OPT/models/$name" root root 0755
    if [[ "$name" != "$VOSK_NAME" ]]; then
        note "this model is not $VOSK_NAME: set  model = \"$OPT/models/$name\"  under [asr] in $ETC/sottovoce.toml"
    fi
}

render_config() {  # the repository's config with its paths made absolute for the Pi
    sed -e "s|\"\\.\\./models/|\"$OPT/models/|g" -e "s|\"\\.\\./\\.state\"|\"$STATE\"|g" "$1"
}

install_config() {
    local src name new dest defaults="$OPT/config-defaults"
    make_dir "$ETC" 0750 root "$USER_NAME"
    make_dir "$defaults" 0755 root root
    for src in "$REPO"/config/* "$REPO"/config/sentences/*/*.yaml; do
        [[ -f "$src" ]] || continue
        name="${src#"$REPO"/config/}"   # e.g. sentences/en/household.yaml: the folder comes along
        if [[ "$name" == */* ]]; then  # sentences, then sentences/en
            make_dir "$ETC/${name%%/*}" 0750 root "$USER_NAME"
            make_dir "$defaults/${name%%/*}" 0755 root root
            make_dir "$ETC/$(dirname "$name")" 0750 root "$USER_NAME"
            make_dir "$defaults/$(dirname "$name")" 0755 root root
        fi
        new="$work/config-${name//\//_}"
        if [[ "$name" == *.toml ]]; then render_config "$src" > "$new"; else cp "$src" "$new"; fi
        dest="$ETC/$name"
        if [[ ! -f "$R$dest" ]] || cmp -s "$R$dest" "$R$defaults/$name" 2>/dev/null; then
            # New, or never edited since the last install: the new default is safe to take.
            put_file "$new" "$dest" 0640 root "$USER_NAME"
            rm -f "$R$dest.dist"
        elif cmp -s "$R$dest" "$new"; then
            rm -f "$R$dest.dist"
            record "$dest" root "$USER_NAME" 0640
        else
            put_file "$new" "$dest.dist" 0640 root "$USER_NAME"
            record "$dest" root "$USER_NAME" 0640
            note "kept your $dest; the new default is beside it: diff -u $dest $dest.dist"
        fi
        set_owner "$dest" root "$USER_NAME"
        put_file "$new" "$defaults/$name" 0644 root root
    done
}

# ---------------------------------------------------------------------------------------------
step "Installing sottovoce${R:+ into $R} from $REPO"
if [[ $live -eq 1 ]]; then
    install_apt
    make_user
fi
opt_existed=0; [[ -d "$R$OPT" ]] && opt_existed=1
make_dir "$OPT" 0755 root root
install_package
install_wake_models
install_vosk_model
install_config
make_dir "$STATE" 0700 "$USER_NAME" "$USER_NAME"
mkdir -p "$R$(dirname "$UNIT")"
unit_before="$(cat "$R$UNIT" 2>/dev/null || true)"
put_file "$REPO/systemd/$SERVICE.service" "$UNIT" 0644 root root
write_manifest

if [[ $live -eq 1 ]]; then
    if [[ "$unit_before" != "$(cat "$UNIT")" ]]; then systemctl daemon-reload; fi
    systemctl enable "$SERVICE" >/dev/null 2>&1 || systemctl enable "$SERVICE"
    if [[ $no_start -eq 1 ]]; then
        note "enabled; start it with: sudo systemctl start $SERVICE"
    elif [[ $changed -eq 1 ]] || ! systemctl is-active --quiet "$SERVICE"; then
        step "Starting $SERVICE"
        systemctl restart "$SERVICE" || {
            note "the service did not start; see: journalctl -u $SERVICE -e   and run: sudo -u $USER_NAME $LINK doctor"
            exit 1
        }
    fi
    systemctl --no-pager --lines=0 status "$SERVICE" || true
fi
step "Done${R:+ (into $R)}. Check it with: ${R:+$R}$LINK doctor   (journal: journalctl -u $SERVICE -f)"
[[ $changed -eq 1 ]] || note "nothing changed"
