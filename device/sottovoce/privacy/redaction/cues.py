"""Cue phrases: the words people say just before a piece of personal data.

A cue decides what a number or code *is* ("my social is ...", "expires ...", "door code ...");
the value detectors then only have to find where it ends. Kept in one table so a reviewer can see
every trigger in one place.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.tokens import Token

CUES: dict[str, tuple[str, ...]] = {
    "CARD": ("card", "card number", "card no", "credit card", "debit card", "visa", "mastercard", "master card",
             "amex", "american express", "discover card", "long number"),
    "CARD_LAST4": ("ending in", "ends in", "ending with", "last four", "last four digits", "last 4",
                   "last 4 digits", "card ending in", "card ending", "card ends in"),
    "PHONE_EXT": ("extension", "ext", "extension number"),
    "PHONE_AREA": ("area code",),
    "CVV": ("security number", "sec code", "cid", "card security number", "c v v", "c v c", "c v two", "csv",
            "csv code", "card code", "security digits", "three digits", "cvv", "cvc", "cvv code", "cvc code",
            "cvv number", "cvc number", "card security code", "cv2", "cvv2", "cvc2", "security code",
            "three digit code", "3 digit code", "3-digit code", "code on the back", "digits on the back",
            "numbers on the back", "number on the back", "back of the card", "on the back",
            "card verification code", "verification value", "csc", "card verification number",
            "card verification value", "card verification", "three - digit number", "3 - digit number",
            "three digit number", "3 digit number", "three - digit code", "3 - digit code", "three - digit security code",
            "security value", "cvv2 code", "cvn", "card security value"),
    "EXPIRY": ("expires", "expiry", "expiry date", "expiration", "expiration date", "exp", "exp date", "expiring",
               "valid thru", "valid through", "valid until", "good thru", "good through", "expires on",
               "expires in", "expire", "expires at the end of", "expires end of", "expiring at the end of",
               "valid to", "runs out in", "runs out on", "card runs out", "runs out at the end of", "runs out",
               "valid till", "valid til", "good till", "valid up to", "expires end"),
    "NATIONAL_ID": ("social security number", "social security", "social", "ssn", "s s n", "national insurance",
                    "national insurance number", "ni number", "n i number", "passport number", "passport",
                    "passport no", "driver's license number", "drivers license number", "driver license number",
                    "driving licence number", "driving license number", "license number", "licence number",
                    "driver's license", "drivers license", "driver's licence", "driving licence", "driving license",
                    "driver license", "drivers licence", "drivers licence number", "driver licence",
                    "driver licence number", "health card", "health card number", "ramq", "ramq number", "ohip",
                    "ohip number", "carte soleil", "tax id", "tax number", "taxpayer id", "tax identification number",
                    "id number", "national id", "medicare number", "medicare", "insurance number", "itin", "ein",
                    "social insurance number", "member id", "patient id", "identity number", "id card number",
                    "nhs number", "id", "pps number", "ppsn", "pps", "p p s number", "personal public service number",
                    "aadhaar", "aadhaar number", "aadhar number", "pan number", "pan card number", "sin number",
                    "tax file number", "tfn", "bsn", "burgerservicenummer", "personnummer", "cpf", "curp", "nric",
                    "codice fiscale", "fiscal code", "ird number", "health card number", "ohip number",
                    "personal number", "personal id number", "national identity number", "identity card number",
                    "voter id", "residence permit number", "emirates id", "civil id", "citizen id", "dni", "nie",
                    "steuer id", "tax code", "insurance no", "ni no", "pan", "permanent account number",
                    "aadhaar card number", "aadhar", "aadhar card number", "uidai number", "bvn", "bank verification number",
                    "nin", "national identification number", "nin number", "ghana card number", "ghana card",
                    "kra pin", "huduma number", "id no", "south african id", "sa id number", "sa id", "nric number",
                    "fin number", "irs number", "social insurance", "voter's card number", "voters card number",
                    "national id number", "national id card number", "ppsn number", "tfn number", "medicare card number",
                    "nhi number", "ird", "omang number",
                    # The Philippines: social security, tax, health insurance, housing fund and unified IDs.
                    "sss", "sss number", "s s s", "s s s number", "tin number", "philhealth", "philhealth number",
                    "pag-ibig", "pag - ibig", "pag ibig", "pag-ibig number", "pag - ibig number", "umid",
                    "umid number",
                    # The Caribbean and Ghana: Jamaica's taxpayer registration number, the national insurance
                    # scheme of Jamaica, Barbados and Trinidad, Ghana's social security (SSNIT); Singapore's
                    # foreign identification number (FIN) for residents who hold no NRIC.
                    "trn", "trn number", "t r n", "t r n number", "taxpayer registration number", "nis",
                    "nis number", "n i s number", "national insurance scheme number", "ssnit", "ssnit number",
                    "s s n i t number", "fin", "f i n", "f i n number"),
    "ACCOUNT": ("account", "account number", "account no", "acct", "routing number", "routing", "sort code", "iban",
                "bank account", "checking account", "savings account", "aba number", "swift code",
                "account ending in", "account ending", "routing no", "bank details", "account is", "i b a n",
                "a b a", "routing code", "bic", "swift", "bsb", "b s b", "bsb number", "ifsc", "ifsc code", "i f s c",
                "i f s c code", "transit number", "transit", "branch number", "branch code",
                "bank code", "branch transit number", "clearing number", "nuban", "nuban number", "micr code",
                "micr", "upi id", "account holder number", "bank number", "building society roll number",
                "roll number", "sort"),
    # Canada's three-digit bank institution number ("transit 04512, institution 003").
    "ACCOUNT_SHORT": ("institution", "institution number", "institution code", "institution no"),
    "POSTCODE": ("zip", "zip code", "zipcode", "postcode", "post code", "postal code", "postal"),
    "PLATE": ("plate", "plates", "license plate", "licence plate", "number plate", "plate number", "registration",
              "registration number", "reg", "reg number", "reg plate", "tag number", "license plate number",
              "licence plate number", "car registration", "vehicle registration", "tag", "tags", "plate reads",
              "registration plate", "rego", "vehicle number", "vehicle no", "vehicle registration number",
              "vehicle reg", "car number", "number plate reads", "rego number", "registration no", "plate no"),
    "DOB": ("year of birth", "birth year", "born on the", "birthday's", "bday", "b day", "born", "born on",
            "born in", "birthday", "birth date", "birthdate", "date of birth", "dob", "d o b", "d.o.b",
            "date-of-birth", "d . o . b", "d . o . b .", "d.o.b.", "birth date is", "geboren"),
    "SECRET": ("p i n", "pass word", "security question", "secret question", "maiden name", "mother's maiden name",
               "wifi key", "wi-fi key", "wi - fi key", "wi - fi password", "wi fi key", "wi fi password",
               "wireless key", "wireless password", "network password", "router password", "guest password",
               "guest network password", "wlan key", "wlan password", "network key", "wpa key", "passkey", "pass key", "code word", "safe word",
               "password", "passcode", "pass code", "passphrase", "pass phrase", "pin", "pin number", "pin code",
               "door code", "alarm code", "gate code", "garage code", "lock code", "entry code", "access code",
               "unlock code", "keypad code", "safe code", "safe combination", "combination", "wifi password",
               "wi-fi password", "login", "security pin", "secret code", "verification code", "one time code",
               "otp", "code", "security answer", "secret word", "password hint", "username", "user name", "user id",
               "screen name", "login name", "login id", "key safe", "key safe code", "keysafe", "lockbox",
               "lock box", "key box", "key lock box", "lockbox code", "key code", "memorable word",
               "memorable information", "security word", "mpin", "m pin", "upi pin", "atm pin"),
    # Numbers that identify a thing, not a person: kept even when long.
    "KEEP": ("order number", "order", "tracking number", "tracking", "confirmation number", "confirmation code",
             "reference number", "reference", "flight", "flight number", "model number", "serial number", "model",
             "episode", "page", "chapter", "room", "track", "channel", "level", "gate", "bus", "route", "table",
             "seat", "version", "score", "verse", "season", "parcel number", "package number", "item number",
             "product number", "part number", "lottery numbers", "lottery", "winning numbers", "countdown", "count",
             "count down"),
    "PHONE": ("phone", "phone number", "number", "cell", "cell number", "mobile", "mobile number", "call",
              "call me", "text", "text me", "dial", "ring", "reach me", "reach", "fax", "landline", "contact",
              "whatsapp", "telephone", "home number", "work number", "cell phone", "callback"),
}


# Born, but nobody in particular: "How old is someone born in 1990?", "people born in may".
_NOBODY = frozenset("someone somebody anyone anybody nobody people person babies children kids everyone".split())


class CueIndex:
    """Longest-first lookup of cue phrases ending at a token position."""

    def __init__(self, table: dict[str, tuple[str, ...]]):
        self._by_last: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind, phrases in table.items():
            for phrase in phrases:
                ws = tuple(phrase.split())
                self._by_last.setdefault(ws[-1], []).append((ws, kind))
        for entries in self._by_last.values():
            entries.sort(key=lambda e: -len(e[0]))

    def cue_ending_at(self, tokens: list[Token], i: int) -> tuple[str, int] | None:
        """(kind, index of the cue's first token) for the longest cue whose last word is token i."""
        entries = self._by_last.get(tokens[i].low) or self._by_last.get(tokens[i].base)  # "pin's"
        if not entries:
            return None
        for ws, kind in entries:
            start = i - len(ws) + 1
            if start >= 0 and all(tokens[start + k].low == w or tokens[start + k].base == w
                                  for k, w in enumerate(ws)):
                if kind == "DOB" and start > 0 and tokens[start - 1].low in _NOBODY:
                    return None  # "How old is someone born in 1990?": nobody's birthday
                return kind, start
        return None

    def before(self, tokens: list[Token], i: int, window: int = 8) -> list[str]:
        """Kinds of the cues within `window` tokens before token i, nearest first."""
        return [kind for kind, _ in self.phrases_before(tokens, i, window)]

    def phrases_before(self, tokens: list[Token], i: int, window: int = 8) -> list[tuple[str, str]]:
        """(kind, the cue as said) for the cues within `window` tokens before token i, nearest first."""
        found = []
        for j in range(i - 1, max(-1, i - 1 - window), -1):
            hit = self.cue_ending_at(tokens, j)
            if hit is not None:
                found.append((hit[0], " ".join(t.text for t in tokens[hit[1]:j + 1])))
        return found


CUE_INDEX = CueIndex(CUES)
