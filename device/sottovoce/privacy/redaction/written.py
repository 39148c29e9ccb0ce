"""Written-form identifiers with a distinctive shape, found with regular expressions.

Only shapes that ordinary commands never take (an @ address, a UK post code, an IBAN, a UK
National Insurance number or number plate) are matched without a cue; digits alone are left to
`numeric`, which knows the cues.
"""

from __future__ import annotations

import re

from sottovoce.privacy.redaction.spans import Span

_IRISH_COUNTIES = "C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LK|LM|LS|MH|MN|MO|OY|RN|SO|T|W|WH|WX|WW"
_PATTERNS = (
    ("EMAIL", re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    ("ACCOUNT", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")),
    ("NATIONAL_ID", re.compile(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")),
    ("POSTCODE", re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b")),
    ("PLATE", re.compile(r"\b[A-Z]{2} ?\d{2} ?[A-Z]{3}\b")),
    # Canadian ("M5V 3L9") and Irish Eircode ("D02 X285", "A65 F4E2") post codes: shapes no command takes.
    ("POSTCODE", re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d\b")),
    ("POSTCODE", re.compile(r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?(?=[0-9A-Z]{0,3}[A-Z])(?=[0-9A-Z]{0,3}\d)[0-9AC-FHKNPRTV-Y]{4}\b")),
    ("NATIONAL_ID", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    # Indian PAN ("ABCPK1234F": the fourth letter says who holds it) and IFSC bank branch ("SBIN0001234").
    ("NATIONAL_ID", re.compile(r"\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b")),
    ("ACCOUNT", re.compile(r"\b[A-Z]{4}0[A-Z0-9]{6}\b")),
    # Plates of the English-speaking world beyond the UK: India "MH 12 AB 1234", Nigeria "KJA 123 AB",
    # Ireland "221-D-4567" (year, county, number), Australia "1ABC 234", Kenya "KBZ 123A",
    # Ghana "GR 1234-20", Singapore "SBA 1234 A". Each mixes letter and digit groups as no command does.
    ("PLATE", re.compile(r"\b[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4}\b")),
    ("PLATE", re.compile(r"\b[A-Z]{3}[ -]?\d{3}[ -]?[A-Z]{2}\b")),
    ("PLATE", re.compile(r"\b(?:\d{2,3}-(?:%s)-\d{1,6}|[12]\d[12] (?:%s) \d{1,6})\b" % ((_IRISH_COUNTIES,) * 2))),
    ("PLATE", re.compile(r"\b\d[A-Z]{3}[ -]?\d{2,3}\b")),
    ("PLATE", re.compile(r"\bK[A-Z]{2} ?\d{3}[A-Z]\b")),
    ("PLATE", re.compile(r"\b[A-Z]{2} ?\d{1,4}-\d{2}\b")),
    ("PLATE", re.compile(r"\bS[A-Z]{1,2} ?\d{2,4} ?[A-Z]\b")),
)


# A capital-letter-and-digit code of 6-8 characters ("7ABC123", "KA01AB1234" has 10 and is split by
# Whisper anyway) is a plate, unless it names a thing ("flight BA117", "model XPS13", "booking ABC123").
_CODE = re.compile(r"(?<![\w-])([A-Za-z]+)?\W{0,2}\b([A-Z0-9]{6,8})\b(?![-@.]\w)")
_THING_BEFORE = frozenset("""
flight model gate room order booking reference ref confirmation tracking serial part version track item
product seat platform train bus route the a an
""".split())


def _plates(text: str) -> list[Span]:
    spans = []
    for m in _CODE.finditer(text):
        code = m.group(2)
        letters = sum(c.isalpha() for c in code)
        if 2 <= letters <= 4 and len(code) - letters >= 2 and (m.group(1) or "").lower() not in _THING_BEFORE:
            spans.append(Span(m.start(2), m.end(2), "PLATE", 3))
    return spans


# US-style "ABC-1234" / "ABC 1234" is a plate when the line talks about a vehicle ("Is ABC-1234 still
# parked across the road?"); elsewhere it may be a product or a flight.
# Other shapes too: "CKRT 418", "KTR-582", "482 XLD", "4417 GR", "1XK 4PQ", South Africa's "HX 29 TV GP".
_SPLIT_CODE = re.compile(r"\b(?:[A-Z]{2} \d{2} [A-Z]{2}(?: [A-Z]{2})?|[A-Z]{2} \d{3}-\d{3}|[A-Z]{2,4}[- ]\d{2,4}"
                         r"|[A-Z]{3}\d{2,3}|\d{3,4}[- ](?!AM\b|PM\b)[A-Z]{2,3}|\d[A-Z]{2} \d[A-Z]{2})\b")
_VEHICLE = re.compile(r"\b(?:park(?:ed|ing)?|car|cars|van|truck|ute|vehicle|driveway|blocking|towed|tow|reg|speeding|"
                      r"ticket|garage|drive|driving|motorbike|taxi|toll|tolls|tabs|registration|rego|licen[cs]e disc|"
                      r"tyres|tires|wof|mot|roadworthy|smog|emissions|coding|fitness|rental|hatchback|suv|minivan|"
                      r"buick|toyota|honda|nissan|mazda|subaru|hyundai|kia|volkswagen|vw|polo|corolla|camry|civic|"
                      r"prius|tesla|bmw|audi|mercedes|volvo|jeep|chevy|chevrolet|ranger|hilux)\b", re.IGNORECASE)


def written_spans(text: str) -> list[Span]:
    if not any(c.isupper() or c == "@" or c.isdigit() for c in text):
        return []
    spans = _plates(text)
    if _VEHICLE.search(text):
        spans += [Span(m.start(), m.end(), "PLATE", 3) for m in _SPLIT_CODE.finditer(text)]
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            spans.append(Span(m.start(), m.end(), kind, 4))
    return spans
