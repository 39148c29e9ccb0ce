"""Redaction of personal data from transcripts, before anything leaves the device.

`Redactor().redact(text)` returns the text with phone numbers, card details, IDs, accounts,
emails, addresses, post codes, birth dates, secrets, number plates and person names replaced by
<KIND> placeholders, in both Vosk's spoken form and Whisper's written form.
"""

from sottovoce.privacy.redaction.redactor import KINDS, RedactionResult, Redactor

__all__ = ["KINDS", "RedactionResult", "Redactor"]
