"""Offline speech recognition behind one interface: Vosk (default) and faster-whisper."""
