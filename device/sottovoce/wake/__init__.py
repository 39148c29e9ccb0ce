"""The wake word, heard locally with openWakeWord; audio before it never leaves RAM."""
