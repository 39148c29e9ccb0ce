"""Voice activity detection: is there speech in this 80 ms frame?

WebRTC's VAD (webrtcvad-wheels: maintained wheels for aarch64 and x86_64, microseconds per call)
takes 10, 20 or 30 ms at 16 kHz, so each 80 ms frame is judged as four 20 ms pieces.
"""

from __future__ import annotations

import numpy as np
import webrtcvad

from sottovoce.events import SAMPLE_RATE

PIECE = SAMPLE_RATE // 50  # 20 ms


class VoiceActivity:
    """Callable: `vad(frame) -> bool`; a frame is speech when at least `min_pieces` of its 20 ms pieces are."""

    def __init__(self, aggressiveness: int = 2, min_pieces: int = 2):
        self._vad = webrtcvad.Vad(aggressiveness)
        self._min_pieces = min_pieces

    def __call__(self, frame: np.ndarray) -> bool:
        data = np.ascontiguousarray(frame, dtype=np.int16).tobytes()
        step = PIECE * 2
        voiced = 0
        for offset in range(0, len(data) - step + 1, step):
            if self._vad.is_speech(data[offset:offset + step], SAMPLE_RATE):
                voiced += 1
                if voiced >= self._min_pieces:
                    return True
        return False
