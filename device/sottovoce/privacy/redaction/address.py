"""Street addresses ("four five six elm avenue apartment three b", "221B Baker Street, London")
and the zip code that follows one.

An address is a house number, one to three street-name words and a street type; or, after
"I live on/at" / "my address is", the same without a number. Requiring the street type keeps
"play track two on abbey road" and "set a timer for five minutes" out: function words and units
may not be street names.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.addressunits import unit_led
from sottovoce.privacy.redaction.dwellings import named_before_code, skip_commas_back
from sottovoce.privacy.redaction.numbers import DigitRun
from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.streetwords import NOT_STREET, STREET_TYPES, numberish
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token
from sottovoce.privacy.redaction.ukpostcodes import spoken_uk_postcodes, written_uk_postcode_starts

# Street types said before the name in other languages ("27 Calle Mayor", "fourteen via roma").
TYPE_FIRST = frozenset("via calle rue avenida rua strada piazza plaza carrer viale corso ulica chemin rang".split())
ZIP_WORDS = frozenset(("zip", "zipcode", "postcode", "post", "postal", "code"))
ABBREVIATED = frozenset("st ave rd ln dr ct blvd pl cir pkwy hwy sq".split())
# Street types that are also everyday words need a house number or a cue ("the park", "that way").
WEAK_TYPES = frozenset("""
way close walk hill ridge view park heights crossing point row loop square st rise broadway parade promenade vale
""".split())
# Streets named only by their type: "eighteen the crescent", "No. 3 The Mews, Hove".
THE_STREETS = frozenset("crescent mews grove avenue drive close green paddocks parade terrace square gardens quay"
                        " strand circus chase oval".split())
# Roads known by a number: "county road nineteen", "State Route 9".
_NUMBERED_ROADS = frozenset("county state farm forest township rural us interstate".split())
DIRECTIONS = frozenset("north south east west n s e w ne nw se sw northeast northwest southeast southwest".split())
UNIT_WORDS = frozenset("apartment apt unit suite flat number no # floor".split())
# A named building between the flat and the street: "flat 21, Caledonian House, 98 Leith Walk".
BUILDINGS = frozenset("house court building tower towers mansions lodge hall block apartments flats".split())
LIVE_CUES = (("live", "on"), ("live", "at"), ("lives", "on"), ("lives", "at"), ("address", "is"),
             ("address", ":"), ("deliver", "to"), ("ship", "to"), ("moved", "to"), ("staying", "at"),
             ("located", "at"), ("home", "is"), ("house", "is"), ("i'm", "on"), ("i'm", "at"), ("we're", "on"),
             ("we're", "at"), ("am", "on"), ("are", "on"))


def _street_from(tokens: list[Token], i: int, numbered: bool) -> int:
    """Index past "[dir] Name [Name [Name]] Type [unit]" starting at token i, or i if none."""
    n = len(tokens)
    j = i
    if j + 1 < n and tokens[j].low in TYPE_FIRST and tokens[j + 1].is_word and tokens[j + 1].low not in NOT_STREET:
        end = j + 2  # "via roma", "calle mayor", "rue de la paix": the street type comes first
        while end < n and end - j < 4 and tokens[end].is_word and tokens[end].low not in NOT_STREET and (
                tokens[end].low in ("de", "del", "della", "la", "du", "des", "do", "da") or end == j + 2
                and tokens[end - 1].low in ("de", "del", "della", "la", "du", "des", "do", "da")):
            end += 1
        return _unit(tokens, end)
    if j < n and tokens[j].low in DIRECTIONS and j + 1 < n and tokens[j + 1].low not in STREET_TYPES:
        # a direction before the name, unless it is the name ("forty seven south terrace")
        j += 1
        if tokens[j].low == "." and j + 1 < n and len(tokens[j - 1].low) <= 2:
            j += 1  # "2219 W. Commerce St."
    names = 0
    while j < n and names < 4:
        low = tokens[j].low
        if low in STREET_TYPES and names >= 1 and (numbered or low not in WEAK_TYPES):
            end = j + 1
            while end < n and tokens[end].low in STREET_TYPES and tokens[end].low not in WEAK_TYPES:
                end += 1  # "harbor view road"
            if end < n - 1 and tokens[end].low == "." and tokens[end - 1].low in ABBREVIATED:
                end += 1
            if end < n and tokens[end].low in DIRECTIONS and (tokens[end].low in ("north", "south", "east", "west")
                                                             or tokens[end].text.isupper()) and (
                    end + 1 == n or not tokens[end + 1].is_word or tokens[end].text.islower()
                    and tokens[end + 1].low not in ("of", "to", "from", "on", "at", "and")):
                end += 1  # "88 Queen Street West, Toronto", "3419 42nd Ave S.", "king street east toronto"
            elif end < n and tokens[j - 1].low in _NUMBERED_ROADS and low in ("road", "route", "highway", "hwy"):
                while end < n and (numberish(tokens[end].low) or tokens[end].low.isdigit()):
                    end += 1  # "forty one county road nineteen", "1200 County Road 19"
            return _unit(tokens, end)
        if not tokens[j].is_alnum or low in NOT_STREET:
            return i
        names += 1
        j += 1
    return i


def _bare_street(tokens: list[Token], i: int) -> int:
    """One or two street-name words ending the sentence, after a cue and a house number."""
    j = i
    while j < len(tokens) and j - i < 2 and tokens[j].is_word and tokens[j].low not in NOT_STREET:
        j += 1
    if j > i and (j == len(tokens) or tokens[j].low in (".", ",", "!", "?", "and", "please")):
        return j
    return i


def _unit(tokens: list[Token], i: int) -> int:
    n = len(tokens)
    j = i
    if j < n and tokens[j].low == ",":
        j += 1
    if j < n and tokens[j].low in UNIT_WORDS:
        k = j + 1
        if k < n and tokens[k].low == ".":
            k += 1  # "Apt. 5"
        if k < n and tokens[k].low in ("number", "no", "#"):
            k += 1
        end = k
        while end < n and end - k < 4 and (numberish(tokens[end].low) or len(tokens[end].low) == 1
                                             and tokens[end].low.isalnum()
                                             or any(c.isdigit() for c in tokens[end].low)):
            end += 1
        if end > k:
            return end
    return i


def _po_boxes(tokens: list[Token]) -> list[tuple[int, int]]:
    """ "p o box one two three", "P.O. Box 1234", "PO Box 12"."""
    found = []
    for k, tok in enumerate(tokens):
        if tok.low != "box" or k == 0:
            continue
        j = k - 1
        letters = ""
        while j >= 0 and k - j <= 4 and tokens[j].low in ("p", "o", "po", "."):
            letters = tokens[j].low.replace(".", "") + letters
            j -= 1
        if letters != "po":
            continue
        end = k + 1
        while end < len(tokens) and (numberish(tokens[end].low) or tokens[end].low[:1].isdigit()):
            end += 1
        if end > k + 1:
            found.append((j + 1, end))
    return found


NOT_POSTAL = frozenset(("email", "e-mail", "ip", "web", "mac", "website", "server", "wallet", "bitcoin"))
CLAUSE_ENDS = frozenset("and please thanks thank so but because then or".split())


def _after_address_cue(tokens: list[Token]) -> list[tuple[int, int]]:
    """ "my address is number six the paddocks ...", "my address: 27 Calle Mayor, 3º B, 28013 Madrid": after
    the word address itself, the whole clause is the address, whatever the country's street words."""
    found = []
    n = len(tokens)
    for k in range(n - 1):
        if tokens[k].low != "address" or tokens[k + 1].low not in ("is", ":", "-") or (
                k > 0 and tokens[k - 1].low in NOT_POSTAL):
            continue
        j = end = k + 2
        numbered = False
        while j < n and j - k <= 20:
            tok = tokens[j]
            if tok.low in CLAUSE_ENDS or (tok.low in ".!?;" and (j + 1 == n or tokens[j + 1].start > tok.end)):
                break
            if numberish(tok.low) or tok.low[:1].isdigit():
                numbered = True
            if tok.is_alnum:
                end = j + 1
            j += 1
        if numbered and end - (k + 2) >= 2:
            while end < n and (numberish(tokens[end].low) or tokens[end].low.isdigit()):
                end += 1  # the clause stopped inside the post code: "... bangalore five six oh oh two five"
            found.append((k + 2, end))
    return found


def _unit_before(tokens: list[Token], start: int) -> int:
    """Extend left over "unit 5," / "apartment four b" said before the house number."""
    j = start - 1
    if j >= 0 and tokens[j].low == ",":
        j -= 1
    k = j
    while k >= 0 and j - k < 2 and (numberish(tokens[k].low) or tokens[k].low[:1].isdigit()
                                    or (len(tokens[k].low) == 1 and tokens[k].low.isalpha())):
        k -= 1
    # "unit 5, 23 rose street"; or "unit five twenty three rose street", where one run took both numbers.
    if k >= 1 and tokens[k].low == "." and tokens[k - 1].low in UNIT_WORDS:
        k -= 1  # "Apt. 1207, 88 Queen Street West"
    if k >= 0 and tokens[k].low in UNIT_WORDS - {"number", "no", "#"}:
        return k
    if k == j and k >= 1 and tokens[k].low == "house" and tokens[k - 1].low in ("at", "to"):
        return k  # "we stay at house fourteen flamingo road"
    if k == j and k >= 1 and tokens[k].low in ("number", "no") and tokens[k - 1].low in ("at", "to", "on", "from"):
        return k  # "drop it at number sixty one lime street"
    if k == j and k >= 1 and tokens[k].low in BUILDINGS:
        m = k - 1
        while m >= 0 and k - m <= 2 and tokens[m].is_word and tokens[m].low not in FUNCTION_WORDS \
                and tokens[m].low not in UNIT_WORDS and not numberish(tokens[m].low):
            m -= 1  # "flat twenty one caledonian house ninety eight leith walk": the building's name
        if m < k - 1:
            unit = _unit_before(tokens, m + 1)
            if unit <= m:
                return unit
    return start


# Said after a number, these make it an amount or a time, not a post code ("... high street 2000 times").
_NOT_AFTER_CODE = frozenset("""
minutes minute hours hour seconds times steps people pounds dollars euros rand naira shillings percent
""".split())


def _post_code_run(tokens: list[Token], run: DigitRun, after_town: bool = False) -> bool:
    """Four (Australia, South Africa, NZ, the Philippines), five (US), six (India, Nigeria) or nine (ZIP+4)
    digits. A round number ends the line after a town only as a post code: "... cebu city six thousand",
    "... bondi two thousand" (four digits said as thousands)."""
    after = tokens[run.last + 1].low if run.last + 1 < len(tokens) else ""
    if run.quantity and after_town and len(run.digits) == 4 and not (after and tokens[run.last + 1].is_alnum):
        return True
    if not (4 <= len(run.digits) <= 6 or len(run.digits) == 9) or run.quantity:
        return False
    if len(run.digits) == 4 and run.digits[:2] in ("19", "20") and after in ("to", "-", "until", "till", "and"):
        return False  # "at 12 Oak Road 2015 to 2019": years
    return after not in _NOT_AFTER_CODE


def _spelled_start(tokens: list[Token], k: int) -> bool:
    """A post code spelled out next: "c f ten three a t" (two letters, or a letter and a number)."""
    return k + 1 < len(tokens) and len(tokens[k].low) == 1 and tokens[k].low.isalpha() and tokens[k].low not in "ai" \
        and (len(tokens[k + 1].low) == 1 and tokens[k + 1].low.isalpha() or numberish(tokens[k + 1].low))


def _house_number_end(tokens: list[Token], run: DigitRun) -> int:
    """Past the run and an optional letter ("twenty two b", "221 B")."""
    j = run.last + 1
    if j < len(tokens) and len(tokens[j].low) == 1 and tokens[j].low.isalpha() and tokens[j].low not in "ai":
        if j + 1 < len(tokens) and tokens[j + 1].is_alnum:
            return j + 1
    return j


# Kenya, Nigeria, Ghana and India place a house by the main road it turns off: "..., off Ngong Road".
def _off_road(tokens: list[Token], end: int) -> int:
    j = end + 1 if end < len(tokens) and tokens[end].low == "," else end
    if j < len(tokens) and tokens[j].low == "off":
        street = _street_from(tokens, j + 1, numbered=False)
        return street if street > j + 1 else end
    return end


# Words that may end a spoken line after an address without being its town.
NOT_TOWN = frozenset("""
now today tomorrow tonight thanks thank cheers please mate love sorry actually instead anymore again too
though then yesterday soon later asap
""".split())


def address_spans(tokens: list[Token], runs: list[DigitRun], written: bool) -> tuple[list[Span], list[Span]]:
    """(address spans, zip spans right after an address)."""
    found: list[tuple[int, int]] = []
    uk = spoken_uk_postcodes(tokens)
    uk_starts = {a for a, _ in uk}
    codes = uk_starts | written_uk_postcode_starts(tokens)  # spoken or written: the town stops before them
    for run in runs:
        start = run.first
        j = _house_number_end(tokens, run)
        end = _street_from(tokens, j, numbered=True)
        if end > j:
            found.append((start, end))
        elif j + 1 < len(tokens) and tokens[j].low == "the" and tokens[j + 1].low in THE_STREETS and (
                j + 2 == len(tokens) or not tokens[j + 2].is_alnum or j + 2 in uk_starts
                or (written and tokens[j + 2].text[0].isupper()) or _spelled_start(tokens, j + 2)):
            found.append((start, j + 2))  # "eighteen the crescent c f ten three a t"
    # Alphanumeric house numbers ("221B Baker Street") are not digit runs.
    for k, tok in enumerate(tokens):
        if tok.low[0].isdigit() and not tok.low.isdigit() and tok.is_alnum:
            end = _street_from(tokens, k + 1, numbered=True)
            if end > k + 1:
                found.append((k, end))
    for k in range(len(tokens) - 1):
        if (tokens[k].low, tokens[k + 1].low) in LIVE_CUES:
            j = k + 2
            m = j
            if m + 1 < len(tokens) and tokens[m].low in UNIT_WORDS:
                m += 2  # "flat four, twelve high street"
                if m < len(tokens) and tokens[m].low == ",":
                    m += 1
            numbered = False
            while m < len(tokens) and (numberish(tokens[m].low) or tokens[m].low[:1].isdigit()):
                m += 1
                numbered = True
            if numbered and m + 1 < len(tokens) and len(tokens[m].low) == 1 and tokens[m].low.isalpha() \
                    and tokens[m + 1].is_word:
                m += 1  # "lives at eighteen a victoria terrace"
            end = _street_from(tokens, m, numbered=numbered)
            if end == m and numbered:
                end = _bare_street(tokens, m)  # "I live at 42 Elm."
            if end > m:
                found.append((j, end))
    found += unit_led(tokens, runs, written)
    found += _po_boxes(tokens)
    found += _after_address_cue(tokens)
    found += filter(None, (named_before_code(tokens, k) for k in codes))
    found = [(_unit_before(tokens, start), end) for start, end in found]
    addresses: list[Span] = []
    zips: list[Span] = [Span(tokens[a].start, tokens[b - 1].end, "POSTCODE", 2, why="a UK post code said aloud")
                        for a, b in uk]
    by_first = {r.first: r for r in runs}
    for start, end in found:
        end = last = _off_road(tokens, end)
        # Town, state and zip after the street: "..., Springfield, IL 62704" / "... springfield six two seven oh four".
        j = end
        words = 0
        # A written town needs a comma: "221B Baker Street, London".
        town = written and end < len(tokens) and tokens[end].low == ","
        while j < len(tokens) and words <= (6 if town else 4):  # "..., Teachers Village East, Quezon City 1101"
            if j in by_first and _post_code_run(tokens, by_first[j], after_town=words > 0):
                run = by_first[j]
                zips.append(Span(tokens[run.first].start, tokens[run.last].end, "POSTCODE", 3,
                                 why="a zip or post code right after a street address"))
                last = j
                break
            if j in codes:
                last = skip_commas_back(tokens, j) if j > end else j
                break
            tok = tokens[j]
            if tok.low == ",":
                j += 1
                continue
            if not tok.is_word or (tok.low in FUNCTION_WORDS and tok.low != "new") or tok.low in ZIP_WORDS or (
                    written and not tok.text[0].isupper()):
                break
            words += 1
            j += 1
            if town:
                last = j
        rest = tokens[end:]
        if not written and last == end and 1 <= len(rest) <= 2 and all(
                t.is_word and t.low not in FUNCTION_WORDS and t.low not in NOT_TOWN and not numberish(t.low)
                for t in rest):
            last = len(tokens)  # spoken "i live at fourteen te awa road hamilton": the town ends the line
        street = next((t.text for t in tokens[start:end] if t.low in STREET_TYPES or t.low in TYPE_FIRST), "")
        addresses.append(Span(tokens[start].start, tokens[last - 1].end, "ADDRESS", 3,
                              why=f"a street address (street word '{street}')" if street
                              else "a street address (a unit, PO box or 'I live at' and what follows)"))
    return addresses, zips
