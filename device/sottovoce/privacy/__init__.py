"""What may leave the device: redaction, sensitive topics, consent, the anonymous message and its pseudonym."""
