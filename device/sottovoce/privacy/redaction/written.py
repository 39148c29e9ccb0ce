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
    ("EMAIL", "written email address (@ and a domain)",
     re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    ("ACCOUNT", "IBAN shape (country letters, check digits, 4-character groups)",
     re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")),
    ("NATIONAL_ID", "UK National Insurance number shape (two letters, six digits, A-D)",
     re.compile(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")),
    ("POSTCODE", "UK post code shape",
     re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b")),
    ("PLATE", "UK number plate shape (two letters, two digits, three letters)",
     re.compile(r"\b[A-Z]{2} ?\d{2} ?[A-Z]{3}\b")),
    # Canadian ("M5V 3L9") and Irish Eircode ("D02 X285", "A65 F4E2") post codes: shapes no command takes.
    ("POSTCODE", "Canadian post code shape (A9A 9A9)",
     re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d\b")),
    ("POSTCODE", "Irish Eircode shape",
     re.compile(r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?(?=[0-9A-Z]{0,3}[A-Z])(?=[0-9A-Z]{0,3}\d)[0-9AC-FHKNPRTV-Y]{4}\b")),
    ("NATIONAL_ID", "US Social Security number shape (3-2-4 digits)",
     re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    # Indian PAN ("ABCPK1234F": the fourth letter says who holds it) and IFSC bank branch ("SBIN0001234").
    ("NATIONAL_ID", "Indian PAN shape (five letters, four digits, a letter)",
     re.compile(r"\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b")),
    ("ACCOUNT", "Indian IFSC bank branch code shape",
     re.compile(r"\b[A-Z]{4}0[A-Z0-9]{6}\b")),
    # Plates of the English-speaking world beyond the UK: India "MH 12 AB 1234", Nigeria "KJA 123 AB",
    # Ireland "221-D-4567" (year, county, number), Australia "1ABC 234", Kenya "KBZ 123A",
    # Ghana "GR 1234-20", Singapore "SBA 1234 A". Each mixes letter and digit groups as no command does.
    ("PLATE", "Indian number plate shape (state letters, district digits, series, four digits)",
     re.compile(r"\b[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4}\b")),
    ("PLATE", "Nigerian number plate shape (three letters, three digits, two letters)",
     re.compile(r"\b[A-Z]{3}[ -]?\d{3}[ -]?[A-Z]{2}\b")),
    ("PLATE", "Irish number plate shape (year, county, number)",
     re.compile(r"\b(?:\d{2,3}-(?:%s)-\d{1,6}|[12]\d[12] (?:%s) \d{1,6})\b" % ((_IRISH_COUNTIES,) * 2))),
    ("PLATE", "Australian number plate shape (digit, three letters, digits)",
     re.compile(r"\b\d[A-Z]{3}[ -]?\d{2,3}\b")),
    ("PLATE", "Kenyan number plate shape (K, two letters, three digits, a letter)",
     re.compile(r"\bK[A-Z]{2} ?\d{3}[A-Z]\b")),
    ("PLATE", "Ghanaian number plate shape (region letters, number, year)",
     re.compile(r"\b[A-Z]{2} ?\d{1,4}-\d{2}\b")),
    ("PLATE", "Singaporean number plate shape (S, letters, digits, a check letter)",
     re.compile(r"\bS[A-Z]{1,2} ?\d{2,4} ?[A-Z]\b")),
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
            spans.append(Span(m.start(2), m.end(2), "PLATE", 3,
                              why=f"a {len(code)}-character code of capitals and digits ({letters} letters), "
                                  f"not after a word naming a thing (flight, model, booking ...)"))
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
    vehicle = _VEHICLE.search(text)
    if vehicle:
        spans += [Span(m.start(), m.end(), "PLATE", 3,
                       why=f"a split letters-and-digits code in a line about a vehicle ('{vehicle.group()}')")
                  for m in _SPLIT_CODE.finditer(text)]
    for kind, why, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            spans.append(Span(m.start(), m.end(), kind, 4, why=why))
    return spans
