"""Values said after a cue: secrets, plates, IDs, accounts, post codes, birth and expiry dates.

The cue names the kind; these readers only decide where the value ends. Three value shapes:
a spelled code (letters, NATO words, digits: "a b c one two three", "7ABC123", "GB82 WEST ..."),
a date ("march third nineteen eighty four", "03/15/1984"), and a free secret ("purple monkey
dishwasher"), which runs to the next boundary word.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.cues import CUE_INDEX
from sottovoce.privacy.redaction.numbers import (
    COMPOUND_WORDS,
    DIGIT_WORDS,
    MAGNITUDE_WORDS,
    ORDINAL_WORDS,
    REPEAT_WORDS,
)
from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, SENTENCE_END, STOP_AFTER_VALUE, Token

# Words between a cue and its value: "my pin is", "plate number:", "account ending in", "set to".
CONNECTORS = frozenset("""
is was it's its are be will should number no num # : = - reads says as ending ends in on of now
to set changed change answer , " ' “ ‘
""".split())
VALUE_KINDS = frozenset(("SECRET", "DOB", "EXPIRY", "PLATE", "NATIONAL_ID", "ACCOUNT", "POSTCODE", "CVV"))
NATO = frozenset("""
alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november
oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray x-ray yankee zulu
""".split())
LETTER_SOUNDS = frozenset("see sea why you are be tea eye pea queue oh".split())
LETTER_NAMES = frozenset("bee cee dee ee eff gee aitch jay kay el em en pee cue ar ess tee vee ex zee zed".split())
SYMBOL_WORDS = frozenset("""
star pound hash hashtag * # capital caps uppercase lowercase small exclamation underscore ampersand asterisk
dollar sign percent
""".split())
CODE_JOINERS = frozenset(("-", "dash", "hyphen", "/", "slash", "space", "."))
MONTHS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
DESCRIBES_VALUE = frozenset("""
digits digit characters character letters letter numbers long short minutes minute hours days
""".split()) | frozenset("""
meters metres meter metre feet foot inches inch cm centimeters centimetres mm kilos kg grams miles km
""".split())  # a measurement, not a code: "the shark's fin is 3 meters long"
DURATION_UNITS = frozenset("""
second seconds minute minutes hour hours day days week weeks month months year years times o'clock
""".split())
# Born on a feast day: "born on christmas day nineteen fifty nine", "new year's eve 1990".
FEAST_DAYS = frozenset("christmas halloween valentine's boxing new year's eve easter hogmanay".split())
DATE_JOINERS = frozenset(("/", "-", ".", ",", "slash", "dash", "of", "the", "year", "day", "'", "’"))
# Words right after a secret cue that say something about the secret, not the secret itself.
NOT_A_SECRET = FUNCTION_WORDS | STOP_AFTER_VALUE | frozenset("""
wrong incorrect expired weak strong same saved working broken locked changed reset forgotten
lost stolen blocked needed required protected hint manager field box screen prompt valid invalid good
ready sent here there right active inactive expiring case sensitive
""".split())
# Words that end a spoken secret: a conjunction, or the next command ("... sunshine what's the weather").
SECRET_ENDS = STOP_AFTER_VALUE | frozenset("""
what what's whats how when where who why can could would set turn play call text remind tell send open close
lock unlock start stop add is
""".split())
CASE_WORDS = frozenset("all lower upper case lowercase uppercase caps capitals".split())
WEAK_VALUE_CUES = frozenset(("tag", "tags", "rego", "reg", "id", "csv", "cid", "social", "pan", "nin", "transit",
                             "sort", "micr", "ird", "bic", "swift", "fin", "nis"))  # a shark's fin, "nis" in Dutch
# Single-word secret cues that are also everyday words ("pin this note", "write some code").
WEAK_SECRET_CUES = frozenset(("pin", "code", "combination", "login", "otp"))
OWNER_WORDS = frozenset("my the our your his her their new this that a its card debit bank phone sim atm".split())
SECRET_LINKS = frozenset("is was it's its : = to be as".split())


def _is_numberish(low: str) -> bool:
    return low.isdigit() or low in DIGIT_WORDS or low in COMPOUND_WORDS or low in MAGNITUDE_WORDS


def _is_code_token(tok: Token) -> bool:
    low = tok.low
    if _is_numberish(low) or low in REPEAT_WORDS or low in NATO or low in LETTER_NAMES:
        return True
    if len(low) == 1 and low.isalpha():
        return True
    if tok.text.isalnum() and any(c.isdigit() for c in low):
        return True
    if low in SYMBOL_WORDS:
        return True  # keypad codes and spelled passwords: "star one two three four pound", "capital t"
    return tok.text.isalpha() and tok.text.isupper() and 2 <= len(tok.text) <= 4


def _code_ahead(tokens: list[Token], i: int) -> bool:
    """A real code token within the next few letter sounds ("see are you four five six")."""
    for k in range(i, min(i + 4, len(tokens))):
        if _is_code_token(tokens[k]):
            return True
        if tokens[k].low not in LETTER_SOUNDS:
            return False
    return False


def _read_code(tokens: list[Token], i: int, limit: int = 40) -> int:
    """Index one past the last token of a spelled code starting at i (i itself if none)."""
    j = i
    end = i
    n = len(tokens)
    while j < n and j - i < limit:
        tok = tokens[j]
        if _is_code_token(tok):
            end = j + 1
        elif tok.low in LETTER_SOUNDS and (end == j > i or _code_ahead(tokens, j + 1)):
            end = j + 1  # Vosk's spelling of letters: "see" C, "why" Y, "are" R, inside a code
        elif tok.low in CODE_JOINERS and end == j and j + 1 < len(tokens) and _is_code_token(tokens[j + 1]):
            pass
        else:
            break
        j += 1
    if end == i:
        return i
    value = tokens[i:end]
    has_digit = any(_is_digit(t.low) for t in value)
    return end if has_digit or len(value) >= 3 else i


def _is_digit(low: str) -> bool:
    """A number word or a written digit, but not "oh" alone: "the wifi password oh right it is ..."."""
    return low not in ("oh", "o") and (_is_numberish(low) or any(c.isdigit() for c in low))


def _at_sign(tokens: list[Token], k: int) -> bool:
    """ "at" said for the @ inside a password: a word, then digits, right after it ("bruno at koramangala
    forty two"), or three digits ("rohan at one two three"); "sunshine at home", "tiger at seven" (a
    time) and "... at the front desk" are not."""
    if tokens[k].low != "at" or k + 2 >= len(tokens):
        return False
    if k + 3 < len(tokens) and all(t.low in DIGIT_WORDS for t in tokens[k + 1:k + 4]):
        return True
    if not tokens[k + 1].is_word or tokens[k + 1].low in FUNCTION_WORDS or _is_numberish(tokens[k + 1].low):
        return False
    return any(_is_digit(t.low) for t in tokens[k + 2:k + 4])


def _has_number_soon(tokens: list[Token], i: int) -> bool:
    """A number among the next three words, or a spelling word ("capital", "underscore") among the next
    five: an unlinked cue word is then followed by its value ("wifi password capital m mango underscore ...")."""
    return any(_is_digit(t.low) for t in tokens[i:i + 3]) or any(
        t.low in SYMBOL_WORDS and t.low not in ("pound", "dollar", "percent") for t in tokens[i:i + 5]) or any(
        _at_sign(tokens, k) for k in range(i + 1, min(i + 3, len(tokens))))


def _is_ordinal(low: str) -> bool:
    return low in ORDINAL_WORDS or (len(low) > 2 and low[:-2].isdigit() and low[-2:] in ("st", "nd", "rd", "th"))


def _read_date(tokens: list[Token], i: int, expiry: bool) -> int:
    j = i
    end = i
    while j < len(tokens) and j - i < 12:
        low = tokens[j].low
        if low in MONTHS or _is_numberish(low) or _is_ordinal(low) or (not expiry and low in FEAST_DAYS):
            end = j + 1
        elif low not in DATE_JOINERS:
            break
        j += 1
    if expiry and any(_is_ordinal(t.low) for t in tokens[i:end]):
        return i  # "the milk expires on march third": a day, not a card expiry
    if end < len(tokens) and tokens[end].low in DURATION_UNITS:
        return i  # "my birthday is in two weeks", "it expires in 3 days"
    return end


def _read_secret(tokens: list[Token], i: int) -> int:
    """A code, else up to eight words up to a boundary word or the end of the sentence."""
    n = len(tokens)
    k = i
    while k + 1 < n and tokens[k].low in CASE_WORDS:
        k += 1  # "all lower case sunshine": how it is typed, then the secret (not "case sensitive")
    if tokens[k].low not in NOT_A_SECRET:
        i = k
    end = _read_code(tokens, i)
    while i < end < n - 1 and tokens[end].is_word and tokens[end].low not in NOT_A_SECRET \
            and tokens[end].low not in SECRET_ENDS and _read_code(tokens, end + 1) > end + 1:
        end = _read_code(tokens, end + 1)  # "h two o lagos twenty twenty": a word inside a spoken code
    if end > i:
        return end
    if i >= n or tokens[i].low in NOT_A_SECRET or not tokens[i].is_alnum:
        return i
    j = i
    end = i
    words = 0
    while j < n:
        tok = tokens[j]
        if tok.is_alnum:
            if words == 8 or tok.low in SECRET_ENDS and not (
                    tok.low == "and" and j > i and tokens[j - 1].low in MAGNITUDE_WORDS
                    and j + 1 < n and _is_numberish(tokens[j + 1].low)  # "sunflower two thousand and twenty"
                    or _at_sign(tokens, j) or tok.low == "and" and j > i and _phrase_tail(tokens, j + 1)):
                break
            words += 1
            end = j + 1
        elif tok.low in SENTENCE_END and (j + 1 == n or tokens[j + 1].start > tok.end):
            break
        j += 1
    return end


# Words that may follow "and" inside a phrase password: "brownie and the ackee tree", "salt and a pepper pot".
ARTICLES = frozenset(("the", "a", "an"))


def _phrase_tail(tokens: list[Token], i: int) -> bool:
    """Whether the words from i (after an "and" inside a spoken secret) finish it: an article, then up to
    three plain words that end the sentence. A new clause ("and the key is under the mat", "and lock the
    door", "and thanks") has a verb or a boundary word and ends the secret."""
    n = len(tokens)
    if i >= n or tokens[i].low not in ARTICLES:
        return False
    k = i + 1
    while k < n and tokens[k].is_alnum and tokens[k].low not in NOT_A_SECRET and tokens[k].low not in SECRET_ENDS:
        k += 1
    return i + 1 < k <= i + 4 and (k == n or tokens[k].low in SENTENCE_END)


def _whole_chunk(tokens: list[Token], end: int) -> int:
    """Extend to the end of the written word: "Tr0ub4dor&3", "ab-12#x" are one secret."""
    n = len(tokens)
    while end < n and tokens[end].start == tokens[end - 1].end:
        last_of_chunk = end + 1 == n or tokens[end + 1].start > tokens[end].end
        if tokens[end].low in SENTENCE_END and last_of_chunk:
            break
        end += 1
    return end


def _past_qualifier(tokens: list[Token], i: int) -> int:
    """ "the password for the wifi is ...", "the code to the front door is ...": skip to the "is"."""
    if i < len(tokens) and tokens[i].low in ("for", "to", "of", "on", "at"):
        for k in range(i + 1, min(i + 6, len(tokens))):
            if tokens[k].low in ("is", "was", ":", "="):
                return k
            if tokens[k].low in ("and", "but", "so", "or", "please", ".", ","):
                break
    return i


def _to_date(tokens: list[Token], i: int) -> int:
    """ "my birthday is coming up on june fifth": skip a few words to a month or ordinal right ahead."""
    for k in range(i, min(i + 4, len(tokens))):
        low = tokens[k].low
        if low in MONTHS or _is_ordinal(low) or _is_numberish(low) or low in FEAST_DAYS:
            return k if k == i or not _is_numberish(low) else i
        if not tokens[k].is_word or low in STOP_AFTER_VALUE - {"on", "in", "of"}:
            break
    return i


# Said while remembering, between a secret's cue and its value: "the wifi password, oh right, it is ...".
HEDGES = frozenset("""
oh ah uh um umm er erm hmm right yeah yes wait okay ok so i think remember now actually , ...
""".split())


def _late_link(tokens: list[Token], i: int) -> int:
    """Index past "it is" / "it's" after one to six hedge words from i ("oh right it is oyen the orange
    cat"), or i: the speaker remembered the secret a breath after naming it."""
    k = i
    while k < len(tokens) and k - i < 6 and tokens[k].low in HEDGES:
        k += 1
    if k == i:
        return i
    if k + 1 < len(tokens) and tokens[k].low == "it" and tokens[k + 1].low in ("is", "was"):
        return k + 2
    return k + 1 if k < len(tokens) and tokens[k].low in ("it's", "it’s") else i


# Whose date comes next in a list of birthdays: "born on 1 January 1950, and my mum on 12 December 1953".
LIST_OWNERS = frozenset("my his her their our your".split())
LIST_PRONOUNS = frozenset("mine his hers theirs ours yours".split())


def _next_in_list(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """(first, past-last) of a second date after a cued one: ", and my mum on ...", "and mine is ..."."""
    n = len(tokens)
    k = end + 1 if end < n and tokens[end].low == "," else end
    if k + 2 >= n or tokens[k].low != "and":
        return None
    k += 1
    if tokens[k].low in LIST_OWNERS and tokens[k + 1].is_word and tokens[k + 1].base not in FUNCTION_WORDS:
        k += 2  # "and my mum", "and her brother's"
        if k < n and tokens[k].is_word and tokens[k].base not in FUNCTION_WORDS and tokens[k].low not in MONTHS:
            k += 1  # "and my little sister"
    elif tokens[k].low in LIST_PRONOUNS:
        k += 1
    else:
        return None
    while k < n and tokens[k].low in ("on", "in", "is", "was", "'s"):
        k += 1
    last = _read_date(tokens, k, expiry=False)
    value = tokens[k:last]
    if any(t.low in MONTHS for t in value) or sum(_is_digit(t.low) for t in value) >= 2 or any(
            len(t.low) == 4 and t.low[:2] in ("19", "20") for t in value):
        return k, last
    return None


def _skip_connectors(tokens: list[Token], i: int) -> int:
    k = 0
    while i < len(tokens) and k < 4 and (tokens[i].low in CONNECTORS or tokens[i].low == "the"):
        i += 1
        k += 1
    return i


def cued_spans(tokens: list[Token]) -> list[Span]:
    spans: list[Span] = []
    n = len(tokens)
    i = 0
    while i < n:
        hit = CUE_INDEX.cue_ending_at(tokens, i)
        if hit is None or hit[0] not in VALUE_KINDS:
            i += 1
            continue
        kind, cue_start = hit
        j = _skip_connectors(tokens, _past_qualifier(tokens, i + 1))
        linked = j > i + 1
        end = j
        if tokens[i].low in WEAK_VALUE_CUES and i == cue_start and not linked:
            i += 1  # "tag 5 photos", "id 3": only "my tag is ...", "id number: ..."
            continue
        if kind == "SECRET":
            if tokens[i].low in WEAK_SECRET_CUES and i - cue_start == 0:
                owned = cue_start > 0 and tokens[cue_start - 1].low in OWNER_WORDS
                said = i + 1 < n and tokens[i + 1].low in ("is", "was", ":", "=")  # "my voicemail pin is ..."
                if not said and not (owned and (linked or (j < n and _is_numberish(tokens[j].low)))):
                    i += 1
                    continue
            if linked and any(tokens[k].low in SECRET_LINKS for k in range(i + 1, j)):
                end = _read_secret(tokens, j)
            elif not linked and tokens[i].low not in WEAK_SECRET_CUES and _has_number_soon(tokens, j):
                end = _read_secret(tokens, j)  # "wifi password kettle ninety nine purple"
            else:
                end = _read_code(tokens, j)
            if end == j and _late_link(tokens, j) > j:
                j = _late_link(tokens, j)
                end = _read_secret(tokens, j)
        elif kind in ("DOB", "EXPIRY"):
            if j < n and tokens[j].low in (".", ":") and j + 1 < n:
                j += 1  # "D.O.B. 12.05.1990"
            if kind == "DOB":
                j = _to_date(tokens, j)
            end = _read_date(tokens, j, expiry=kind == "EXPIRY")
            if kind == "EXPIRY" and not any(_is_numberish(t.low) or t.low.isdigit() for t in tokens[j:end]):
                end = j  # "my passport expires at the end of june": a card's expiry has a year
            if end == j and kind == "EXPIRY":
                end = _read_code(tokens, j)
                if end > j and (not any(_is_numberish(t.low) or t.low.isdigit() for t in tokens[j:end])
                                or (end < n and tokens[end].low in DURATION_UNITS)):
                    end = j
        else:
            end = _read_code(tokens, j)
            if kind == "CVV" and sum(len(t.low) if t.low.isdigit() else _is_numberish(t.low)
                                     for t in tokens[j:end]) < 3:
                end = j  # a security code has three or four digits ("the three digit number on the dial is 5")
        if end < n and tokens[end].low in DESCRIBES_VALUE:
            end = j  # "the code is 4 digits", "the pin is six numbers long"
        if end > j and kind in ("SECRET", "PLATE", "NATIONAL_ID", "ACCOUNT"):
            end = _whole_chunk(tokens, end)
        if end > j:
            if kind in ("DOB", "EXPIRY") and tokens[j - 1].low == "the" and j - 1 > i:
                j -= 1  # "born on the fifth of june": the article is part of the date
            cue = " ".join(t.text for t in tokens[cue_start:i + 1])
            why = f"the value after the cue '{cue}'"
            spans.append(Span(tokens[j].start, tokens[end - 1].end, kind, 3, why=why))
            i = end
            more = _next_in_list(tokens, end) if kind == "DOB" else None
            if more is not None:
                spans.append(Span(tokens[more[0]].start, tokens[more[1] - 1].end, kind, 3,
                                  why=why + ", the next date in its list"))
                i = more[1]
        else:
            i += 1
    return spans
