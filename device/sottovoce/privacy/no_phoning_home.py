"""Keep third-party libraries from collecting or sending anything about this device.

onnxruntime 1.31 (imported by faster-whisper's VAD and available to openWakeWord) creates a
persistent device id and queues telemetry (OS, CPU, executable path) under ~/.cache/Microsoft on
import unless ORT_DISABLE_TELEMETRY is set before the import. huggingface_hub (imported by
faster-whisper) must never reach a hub: models are local folders. Imported first by the package,
so it runs before any of them; tests/test_no_audio_on_disk.py traces every file written.
"""

import os

for _name, _value in (("ORT_DISABLE_TELEMETRY", "1"), ("HF_HUB_OFFLINE", "1"),
                      ("HF_HUB_DISABLE_TELEMETRY", "1"), ("DO_NOT_TRACK", "1")):
    os.environ.setdefault(_name, _value)
