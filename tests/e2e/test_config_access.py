"""Settings: TOML + --set overrides, every problem in one pass, paths relative to the file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def test_an_unreadable_config_is_a_message_not_a_traceback(tmp_path):
    assert shutil.which("setpriv"), "setpriv (util-linux) runs the CLI as an unprivileged user"
    assert os.geteuid() == 0, "this test drops to another user with setpriv and needs root"
    secret = tmp_path / "etc"
    secret.mkdir(mode=0o700)
    (secret / "sottovoce.toml").write_text("[wake]\n")
    os.chmod(tmp_path, 0o755)
    result = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                             sys.executable, "-m", "sottovoce", "audit", "--config", str(secret / "sottovoce.toml")],
                            capture_output=True, timeout=60, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err and "sudo -u sottovoce" in err
