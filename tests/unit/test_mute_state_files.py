"""State files made by `sudo sottovoce ...` stay usable by the service's user."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sottovoce.cli.commands.consent import edit_config
from sottovoce.delivery.audit import AuditLog
from sottovoce.privacy.site_key import SiteKey
from sottovoce.service.mute import MuteState
from sottovoce.state.ownership import follow_folder_owner

ROOT = Path(__file__).resolve().parents[2]
SERVICE_UID, SERVICE_GID = 4242, 4343  # a service account that need not exist; root may chown to it

needs_root = os.geteuid() == 0


def test_files_root_creates_in_the_service_folder_belong_to_the_service(tmp_path):
    if not needs_root:  # the behaviour is root-only; as another user, files are the user's own
        path = tmp_path / "f"
        path.write_text("x")
        follow_folder_owner(path)
        assert path.stat().st_uid == os.geteuid()
        return
    state = tmp_path / "state"
    state.mkdir()
    os.chown(state, SERVICE_UID, SERVICE_GID)
    AuditLog(state / "audit.sqlite3").close()
    MuteState(state).set(True, by="test")
    SiteKey(state).get()
    owners = {p.name: (p.stat().st_uid, p.stat().st_gid) for p in state.iterdir()}
    assert owners == {name: (SERVICE_UID, SERVICE_GID) for name in ("audit.sqlite3", "mute.json", "secret")}


@pytest.mark.parametrize("uid,gid", [(SERVICE_UID, SERVICE_GID)])
def test_consent_edit_keeps_the_config_owner(tmp_path, uid, gid):
    for name in ("sottovoce.toml", "vocabulary.toml", "sensitive.toml"):
        shutil.copy(ROOT / "config" / name, tmp_path / name)
    config = tmp_path / "sottovoce.toml"
    if needs_root:
        os.chown(config, uid, gid)
    before = (config.stat().st_uid, config.stat().st_gid)
    edit_config(config, {"text": True})
    assert (config.stat().st_uid, config.stat().st_gid) == before
