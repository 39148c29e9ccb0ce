"""Which parts a reload may keep: pure rules over two settings objects, and the one-line error."""

from __future__ import annotations

import pytest
from sottovoce.assembly import _same_link, _same_state
from sottovoce.service.reload import one_line
from sottovoce.settings import ConfigError, load

BASE = ["state.dir='/var/lib/sottovoce'"]


@pytest.mark.parametrize("change, state_kept, link_kept", [
    ([], True, True),
    (["consent.text=true"], True, True),
    (["wake.words=['alexa']"], True, True),
    (["audio.source='stdin'"], True, True),
    (["utterance.silence=1.5"], True, True),
    (["audit.retention_days=3"], True, True),          # the shared log takes the new retention
    (["mqtt.host='broker.lan'"], True, False),
    (["mqtt.prefix='home/kitchen'"], True, False),
    (["consent.site='kitchen'"], True, False),          # the site is part of the topics
    (["mqtt.outbox_max=50"], False, False),             # a new outbox, so a new publisher on it
    (["state.dir='/tmp/elsewhere'"], False, False),
])
def test_a_reload_keeps_the_state_files_and_the_connection_only_when_their_settings_did_not_change(
        change, state_kept, link_kept):
    old, new = load(None, BASE), load(None, BASE + change)
    assert _same_state(old, new) is state_kept
    assert (_same_state(old, new) and _same_link(old, new)) is link_kept


def test_a_config_error_with_several_problems_is_one_line():
    with pytest.raises(ConfigError) as caught:
        load(None, ["wake.threshold=7", "utterance.silence=-1"])
    line = one_line(caught.value)
    assert "\n" not in line and "wake.threshold" in line and "utterance.silence" in line
    assert one_line(RuntimeError()) == "RuntimeError"
