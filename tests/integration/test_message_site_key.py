"""The local pseudonym key: made once, private, shared by processes, erasable."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sottovoce.privacy.site_key import KEY_BYTES, SiteKey


def test_created_once_private_and_stable(tmp_path):
    key = SiteKey(tmp_path / "state")
    first = key.get()
    assert len(first) == KEY_BYTES
    assert (tmp_path / "state" / "secret").stat().st_mode & 0o777 == 0o600
    assert key.get() == first and SiteKey(tmp_path / "state").get() == first
    assert [p.name for p in (tmp_path / "state").iterdir()] == ["secret"]


def test_processes_racing_agree_on_one_key(tmp_path):
    code = "import sys; from sottovoce.privacy.site_key import SiteKey; print(SiteKey(sys.argv[1]).get().hex())"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
             for _ in range(4)]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert len(keys) == 1 and bytes.fromhex(keys.pop()) == SiteKey(tmp_path).get()


def test_erase_makes_a_new_key(tmp_path):
    key = SiteKey(tmp_path)
    old = key.get()
    assert key.erase() is True
    assert key.erase() is False
    assert key.get() != old


def test_wrong_size_is_a_clear_error(tmp_path):
    (tmp_path / "secret").write_bytes(b"x" * 5)
    with pytest.raises(ValueError, match="expected 32 bytes"):
        SiteKey(tmp_path).get()
