"""Where audio enters: the source interface, WAV files, stdin, the microphone, framing and resampling."""
