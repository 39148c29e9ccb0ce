"""Addresses that start with the dwelling rather than the street, as much of the world gives them:
"flat eleven carlton house", "plot fifteen admiralty way lekki lagos", "House No. 42, Sector 15, Gurgaon
122001", "block four flat two federal housing estate abuja nine oh oh one oh eight", "apartment six oh
four the palms four oh oh oh five oh mumbai".

A unit word and its number are common in commands too ("unit four of the course", "flat two needs a
plumber"), so the words after them must also hold something only addresses hold: a building or estate
word, a street type, a second unit and number, a post code of four to six digits, or (written) a comma
and a capitalised place.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.numbers import DigitRun
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["unit_led"]

# "lot": a plot in a Jamaican or Philippine scheme ("lot forty six golden acres", "Lot 5 Block 3").
LEAD_UNITS = frozenset("flat apartment apt unit suite plot block villa bungalow duplex house lot".split())
# Inside an address already begun: "apartment 12, floor 3", "block 4, door 2".
INNER_UNITS = LEAD_UNITS | frozenset("floor level door room wing stair entrance".split())  # "block nine lot twelve"
# After these the words that follow may start an address: "deliver to", "visited ruby at", "is", ":",
# "the order is for flat ...".
LEADS = frozenset("to at is in : , address for".split())
ESTATES = frozenset("""
house court building tower towers mansions lodge hall block apartments flats estate estates gardens residency
residence residences heights villas complex compound sector phase layout colony nagar enclave society quarters homes
subdivision village acres
close crescent street road avenue lane drive way place terrace parade boulevard crossing park green mews
""".split())
STOPS = (FUNCTION_WORDS - {"the", "no", "new", "number"}) | frozenset("""
tonight tomorrow today please thanks past quarter half o'clock minutes hours
""".split())
SENTENCE = frozenset(".!?;")


def _number_at(tokens: list[Token], k: int, by_first: dict[int, DigitRun]) -> int:
    """Index past a house/unit number at k ("eleven", "42", "4/27", "2b", "six oh four"), or k."""
    if k in by_first:
        end = by_first[k].last + 1
    elif k < len(tokens) and tokens[k].low[:1].isdigit() and tokens[k].is_alnum:
        end = k + 1
    else:
        return k
    if end + 1 < len(tokens) and len(tokens[end].low) == 1 and tokens[end].low.isalpha() \
            and tokens[end].low not in "ai" and tokens[end + 1].is_alnum:
        end += 1  # "flat nine b"
    return end


def _past_unit(tokens: list[Token], k: int, by_first: dict[int, DigitRun], units: frozenset[str] = LEAD_UNITS) -> int:
    """Index past "flat eleven", "House No. 42", "unit #4", or k if no unit and number start at k."""
    n = len(tokens)
    if k >= n or tokens[k].low not in units:
        return k
    j = k + 1
    if j < n and tokens[j].low == ".":
        j += 1
    if j < n and tokens[j].low in ("no", "number", "#"):
        j += 1
        if j < n and tokens[j].low == ".":
            j += 1
    elif tokens[k].low == "house" and tokens[k].text[0].islower():
        return k  # "house two" is rarely said; "house number two", "House No. 42", "House 42, Street 7" are
    if j + 1 < n and len(tokens[j].low) == 1 and tokens[j].low.isalpha() and tokens[j].low != "i" \
            and _number_at(tokens, j + 1, by_first) > j + 1:
        j += 1  # the wing's letter first: "flat a four oh two", "block c twelve"
    end = _number_at(tokens, j, by_first)
    return end if end > j else k


def unit_led(tokens: list[Token], runs: list[DigitRun], written: bool) -> list[tuple[int, int]]:
    """(first, past-last) token ranges of addresses that begin with a unit and its number."""
    by_first = {r.first: r for r in runs}
    n = len(tokens)
    found = []
    k = 0
    while k < n:
        if tokens[k].low not in LEAD_UNITS or (k > 0 and tokens[k - 1].low not in LEADS):
            k += 1
            continue
        j = _past_unit(tokens, k, by_first)
        if j == k:
            k += 1
            continue
        end = j
        sure = False
        m = j
        while m < n and m - j < 14:
            tok = tokens[m]
            if tok.low in SENTENCE or tok.low in STOPS:
                break
            nxt = _past_unit(tokens, m, by_first, INNER_UNITS)
            if nxt > m:
                sure, end, m = True, nxt, nxt  # "block four flat two"
                continue
            if m in by_first:
                run = by_first[m]
                if 4 <= len(run.digits) <= 6 and not run.quantity:
                    sure = True  # a post code: "... gurgaon 122001", "... mumbai four oh oh oh five oh"
                end = m = run.last + 1
                continue
            if tok.low == ",":
                if written and m + 1 < n and tokens[m + 1].text[:1].isupper():
                    sure = True  # "House No. 42, Sector 15, Gurgaon"
                m += 1
                continue
            if not tok.is_alnum:
                break
            if tok.low in ESTATES and m > j:
                sure = True
            end = m = m + 1
        if sure:
            found.append((k, end))
            k = end
        else:
            k += 1
    return found
