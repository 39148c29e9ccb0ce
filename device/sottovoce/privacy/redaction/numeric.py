"""Numbers that identify someone: phone, card, expiry, security code, national ID, account, zip.

Every run of digits (written or spoken, see `numbers`) is classified by the nearest cue before it
and by its shape. Without a cue only long runs are removed (7+ digits: phones, cards, accounts),
so times, temperatures, prices, track numbers and arithmetic pass untouched. Phone shape is
checked with `phonenumbers` (Google's libphonenumber metadata, maintained for every region) rather
than our own length tables.
"""

from __future__ import annotations

import phonenumbers

from sottovoce.privacy.redaction.cues import CUE_INDEX
from sottovoce.privacy.redaction.numbers import DIGIT_WORDS, DigitRun, digit_runs
from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.tokens import Token

# Shortest digit string each cued kind accepts (a shorter number after the cue is something else:
# "call me in five minutes").
MIN_DIGITS = {"PHONE_AREA": 3, "PHONE_EXT": 1, "CARD_LAST4": 4, "PHONE": 7, "CARD": 12, "CVV": 3, "EXPIRY": 3,
              "NATIONAL_ID": 5, "ACCOUNT": 4, "ACCOUNT_SHORT": 3, "POSTCODE": 5,
              "SECRET": 3, "PLATE": 3, "DOB": 4}
MAX_DIGITS = {"ACCOUNT_SHORT": 17, "PHONE_AREA": 15, "PHONE_EXT": 6, "CARD_LAST4": 4, "CVV": 4, "EXPIRY": 8, "POSTCODE": 9, "DOB": 8}
_REGIONS = ("US", "GB")
ALIASES = {"ACCOUNT_SHORT": "ACCOUNT", "PHONE_EXT": "PHONE", "PHONE_AREA": "PHONE", "CARD_LAST4": "CARD"}
# "the weather in 90210", "pharmacies near nine oh two one oh": a bare 5-digit place is a zip code.
PLACE_WORDS = frozenset(("in", "near", "around", "to", "for", "at"))
UNIT_AFTER = frozenset("""
minutes minute seconds second hours hour days day weeks week years year degrees percent dollars pounds euros
times steps calories miles feet meters kilometers grams kilos people points
""".split())
# A long number next to these is arithmetic ("what is one two three four five six seven divided by two").
OPERATORS = frozenset("""
plus minus times divided multiplied over percent squared cubed x + * = equals add subtract
""".split())


def luhn_ok(digits: str) -> bool:
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = int(ch)
        if k % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def looks_like_phone(digits: str) -> bool:
    for region in _REGIONS:
        try:
            if phonenumbers.is_possible_number(phonenumbers.parse(digits, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _looks_like_date(run: DigitRun) -> bool:
    """ "3/15/2025", "03-15-2025", "2024-03-15", "1990-1995": dates and year ranges, not identifiers."""
    g = run.groups
    if run.slashes:
        return True
    if len(g) == 3 and ((g[0] <= 2 and g[1] <= 2 and g[2] in (2, 4)) or (g[0] == 4 and g[1] <= 2 and g[2] <= 2)):
        return True
    return len(g) == 2 and g == (4, 4) and run.digits[:2] in ("19", "20") and run.digits[4:6] in ("19", "20")


def _counting(digits: str) -> bool:
    if len(digits) > 10:
        # A count goes up or down to ten ("one two ... nine ten"); "oh one two ... nine oh" is a UK phone.
        return digits in "12345678910" or digits in "10987654321"
    steps = {int(b) - int(a) for a, b in zip(digits, digits[1:])}
    return steps in ({1}, {-1}, {1, -9}, {-1, 9})


def _uncued_kind(run: DigitRun) -> tuple[str, str] | None:
    """(kind, why) for a run of digits said without a cue, or None when it is no identifier."""
    digits = run.digits
    n = len(digits)
    if run.written and _looks_like_date(run):
        return None
    if _counting(digits):
        return None  # "ten nine eight seven six five four three two one", said without a cue
    if run.groups == (3, 2, 4):
        return "NATIONAL_ID", "grouped 3-2-4 as a US Social Security number"
    if 13 <= n <= 19 and luhn_ok(digits):
        return "CARD", "the Luhn checksum passes"
    if 7 <= n <= 15:
        if looks_like_phone(digits):
            return "PHONE", "libphonenumber: a possible US or UK number"
        return "ACCOUNT", "too long for a quantity, not a possible phone number"
    if n > 15:
        return "ACCOUNT", "longer than any phone number"
    return None


_ID_CUES = frozenset(("PHONE", "CARD", "ACCOUNT", "NATIONAL_ID"))


# How cards are printed, and so how Whisper writes them: "4929 1038 2275 6610", Amex "3782 822463 10005".
CARD_GROUPS = frozenset(((4, 4, 4, 4), (4, 6, 5), (4, 6, 4), (4, 4, 4, 4, 3), (4, 4, 4, 3), (4, 4, 4, 1)))


def _card_shaped(run: DigitRun) -> bool:
    """13-19 digits that pass the Luhn check, or are grouped as cards are printed, not an amount: a payment
    card whatever was said before (a made-up or misheard digit fails the checksum, not the grouping)."""
    return 13 <= len(run.digits) <= 19 and not (run.quantity and not run.written) and not _counting(run.digits) \
        and (luhn_ok(run.digits) or (run.written and run.groups in CARD_GROUPS))


def _after_card(run: DigitRun) -> str | None:
    """A short number after card details: expiry if it reads as a month/year, else the security code."""
    d = run.digits
    if run.slashes or (len(d) in (4, 6) and 1 <= int(d[:2]) <= 12 and len(run.groups) >= 2):
        return "EXPIRY"
    if len(d) in (3, 4):
        return "CVV"
    return None


def _after_town(tokens: list[Token], i: int) -> bool:
    """Right after a capitalised town that ends an address: ", Lagos 106104", ", Singapore 560412"."""
    return i > 1 and tokens[i - 1].is_word and tokens[i - 1].text[0].isupper() and tokens[i - 2].low == "," \
        and (i + 1 == len(tokens) or not tokens[i + 1].is_alnum)


def _letter_prefix(tok: Token) -> bool:
    """Letters an ID number starts with: one spoken letter, or up to four written capitals."""
    text = tok.text
    return text.isalpha() and ((len(text) == 1 and text.lower() not in ("a", "i")) or (
        text.isupper() and len(text) <= 4))


def _arithmetic(tokens: list[Token], run: DigitRun) -> bool:
    before = tokens[run.first - 1].low if run.first > 0 else ""
    after = tokens[run.last + 1].low if run.last + 1 < len(tokens) else ""
    if before in ("add", "subtract") and after not in OPERATORS:
        # "add 5 and 7" is a sum, "add 617-555-0142 to contacts" a contact: a sum names another number.
        return any(t.low[:1].isdigit() or t.low in DIGIT_WORDS for t in tokens[run.last + 1:run.last + 4])
    return before in OPERATORS or after in OPERATORS


def number_spans(tokens: list[Token], runs: list[DigitRun] | None = None) -> list[Span]:
    spans: list[Span] = []
    card_seen = False
    card_end = -99  # index of the last token of the card or of what followed it
    for run in digit_runs(tokens) if runs is None else runs:
        n = len(run.digits)
        kind: str | None = None
        why = ""
        phrases = CUE_INDEX.phrases_before(tokens, run.first, window=8)
        cues = [cued for cued, _ in phrases]
        for cued, phrase in phrases:
            # The nearest cue that fits this length: "the last four of my card are ..." is CARD_LAST4.
            if cued == "KEEP":
                break
            # Whisper writes "Call 5,550,199": after an identifier's cue, thousands commas are no amount.
            amount = run.quantity and cued != "DOB" and not (run.written and cued in _ID_CUES)
            if MIN_DIGITS.get(cued, 99) <= n <= MAX_DIGITS.get(cued, 99) and not amount:
                kind = cued
                why = f"after the cue '{phrase}'"
                break
        if kind is None and card_seen and n <= 6 and (
                (cues and cues[0] in ("CARD", "PHONE")) or run.first - card_end <= 3):
            kind = _after_card(run)  # "5500 2143 8892 0617, 05/26, 341": expiry and code right after the card
            why = "right after a card number" + ("; reads as month and year" if kind == "EXPIRY" else "")
        if kind is None and _card_shaped(run):
            kind = "CARD"  # a checksummed card number is one after "order it with" or "add" too
            why = "the Luhn checksum passes" if luhn_ok(run.digits) else "grouped as cards are printed"
        if kind is None and cues and cues[0] == "KEEP":
            continue  # "track order number 112 3456789", "flight 1234"
        if kind is None and not run.quantity and not _arithmetic(tokens, run):
            kind, why = _uncued_kind(run) or (None, "")
            if kind is None and n == 6 and run.written and run.groups == (6,) and _after_town(tokens, run.first):
                kind = "POSTCODE"  # "..., Lagos 106104", "Bengaluru 560038", "Singapore 560412": PIN and post codes
                why = "six digits after a town that ends an address"
            if kind is None and n == 5 and run.first > 0 and tokens[run.first - 1].low in PLACE_WORDS and (
                    run.last + 1 >= len(tokens) or tokens[run.last + 1].low not in UNIT_AFTER):
                kind = "POSTCODE"
                why = f"five digits after '{tokens[run.first - 1].text}', not a quantity"
        if kind is None:
            continue
        kind = ALIASES.get(kind, kind)
        if kind == "CARD" or (card_seen and kind in ("EXPIRY", "CVV")):
            card_seen = True
            card_end = run.last
        first = run.first
        if kind in ("NATIONAL_ID", "ACCOUNT") and first > 0 and _letter_prefix(tokens[first - 1]):
            first -= 1  # "drivers licence is c six four one two ...", "RAMQ number is FONG 8456 2208"
        spans.append(Span(tokens[first].start, tokens[run.last].end, kind, 2, why=f"{n} digits; {why}"))
    return spans
