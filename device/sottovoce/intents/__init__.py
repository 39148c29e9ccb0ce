"""Command understanding: Home Assistant's intent grammar (hassil + home-assistant-intents) on the speaker.

A transcript that matches an intent leaves as that intent and its slots (`Intent`), so
consent.commands can mean "my commands, nothing else" without a hand-written allow-list.
"""

from sottovoce.intents.recognizer import CommandRecognizer, Intent
from sottovoce.intents.vocabulary import Vocabulary, VocabularyError

__all__ = ["CommandRecognizer", "Intent", "Vocabulary", "VocabularyError"]
