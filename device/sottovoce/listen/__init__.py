"""After the wake word: voice activity, the end-of-utterance state machine, the listening loop."""
