"""Thing contexts: places where an unknown or listed word names a thing, never a person.

dev6's changed clean commands were nearly all non-English words taken for names: a dish being
made ("how do I make masala chai"), goods on a shopping list ("add pierogi and sour cream to the
grocery list"), a word asked about ("what does craic mean"), a quoted title ('Play "Como la Flor"'),
a shop ("a double double at tim hortons"), a place in weather or travel talk ("the forecast for
Clonakilty", "the ferry leave for waiheke", "Arthur's Seat", "jasper national park",
"Weston-super-Mare"), and a plural weekday ("for Saturdays"). Each rule here marks such words as
`blocked` before the person rules run; a household name still wins (checked first in `names`).
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import SENDERS
from sottovoce.privacy.redaction.namelists import MONTHS_AND_DAYS, NameList
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["block_thing_contexts", "calendar_form"]

_TELLING = frozenset("tell remind ask text message call ring".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Lists that hold people: "add X to the guest list / group chat / contacts" stays a person.
PERSON_LISTS = frozenset("""
guest guests invite invites invitation invitee invitees contact contacts group chat call rota carpool
emergency whatsapp team class register attendee attendees family people visitor visitors club member members
mailing distribution card cards wedding seating party birthday
""".split())
GOODS = frozenset("list lists basket cart trolley groceries shopping order".split())
COOK_VERBS = frozenset("make cook bake brew fry roast grill boil steam prepare marinate reheat defrost".split())
COOK_LEADS = frozenset("to i you we do let's lets can how".split())
SECOND_OBJECTS = frozenset("a an the some his her their our my me him them us".split())
# "what does X mean", "how do you spell X": the word itself is talked about.
WORD_TALK = frozenset("define translate meaning definition synonym".split())
SPELL = frozenset("spell spelled spelt pronounce pronounced".split())  # not a listed name: "how do you spell niamh"
# "what does craic mean", "what time does tim hortons open": asked of a word or a shop, not a person.
MEAN_VERBS = frozenset("mean means meant stand taste cost weigh rhyme open close shut deliver serve sell stock"
                       .split())
# "a cup of masala chai", "a bowl of pozole": what is served.
SERVINGS = frozenset("cup cups glass glasses bowl bowls slice slices plate plates pot mug mugs bottle bottles tin jar"
                     " jars packet packets portion portions serving servings bag bags loaf loaves kilo pound".split())
# Buying, prices and opening hours: "at X", "from X" name a shop.
COMMERCE = frozenset("""
buy bought price prices cost costs much cheap cheaper open opens opening close closes closing hours menu
order ordering sale sells sell deal deals coupon voucher delivery deliver takeaway drive-thru queue
""".split())
# Weather, tides and departures: "forecast for X", "high water at X", "leave for X".
PLACE_TALK = frozenset("""
weather forecast tide tides temperature rain raining snow snowing sunny windy wind humidity pollen uv
sunrise sunset water surf swell frost fog flights flight ferry ferries train trains bus buses
tram coach boat plane depart departs departure departures directions miles kilometres kilometers traffic
""".split())
BUYING = frozenset("buy bought order ordered ordering delivery deliver takeaway".split())
PLACE_PREPS = frozenset("for at in to on near around from".split())
# Nouns that end a place's name and are seldom a surname in these places: "Arthur's Seat".
PLACE_HEADS = frozenset("""
seat castle mountain mountains peak glacier canyon falls cove gardens palace tower abbey moor fell heath
head point beach bay island islands lake loch river national park forest reserve hill hills valley
""".split())
# Lowercase links inside a hyphenated place: "Weston-super-Mare", "Stratford-upon-Avon".
PLACE_LINKS = frozenset("super upon on under in by sur sous en le la de del di les lez am".split())
MEDIA_LEADS = frozenset("play watch read stream queue called titled song album film movie book show sing".split())
QUOTES = frozenset(('"', "“", "”", "‘", "’"))


def calendar_form(low: str) -> bool:
    """A weekday in any form ("Saturdays", "monday's") or a month's plural ("Junes")."""
    base = low[:-2] if low.endswith(("'s", "’s")) else low.rstrip("'’")
    return base in WEEKDAYS or (base.endswith("s") and base[:-1] in MONTHS_AND_DAYS)


def block_thing_contexts(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    n = len(tokens)
    lows = [t.low for t in tokens]
    line = frozenset(lows)
    for k, low in enumerate(lows):
        if calendar_form(low) and not (0 < k < n - 1 and lows[k - 1] in _TELLING and lows[k + 1] in ("to", "that")):
            blocked[k] = True  # "for Saturdays at 9" (but "Tell Sunday to bring the car round": a person)
    _goods(tokens, lows, blocked)
    for k, low in enumerate(lows):
        if low in COOK_VERBS and (k == 0 or lows[k - 1] in COOK_LEADS):
            _run(tokens, k + 1, blocked, stop_possessive=True, objects_stop=True)  # "how do I make masala chai"
        elif low in WORD_TALK or (low == "word" and k + 1 < n and lows[k + 1] == "for") or (
                low in SPELL and k + 1 < n and not names.is_listed(tokens[k + 1].base)):
            j = k + 1
            while j < n and lows[j] in ("of", "for", "the", "word", "to", "in", "say", "you", "it"):
                j += 1
            _run(tokens, j, blocked)  # "how do you spell craic", "the meaning of hygge"
        elif low in MEAN_VERBS and k > 1:
            j = k - 1
            while j >= 0 and k - j <= 5 and (tokens[j].is_word and lows[j] not in FUNCTION_WORDS
                                             or lows[j] in QUOTES or lows[j] == "'"):
                j -= 1
            if j >= 0 and lows[j] in ("does", "do", "did") and j < k - 1:
                for m in range(j + 1, k):
                    blocked[m] = True  # "what does craic mean", not "can jack stand up"
        elif low == "of" and k > 0 and lows[k - 1] in SERVINGS:
            _run(tokens, k + 1, blocked, stop_possessive=True)  # "a proper cup of masala chai"
        elif low in PLACE_PREPS and k > 0 and lows[0] not in SENDERS \
                and any(w in PLACE_TALK for w in lows[max(0, k - 5):k]):
            _run(tokens, k + 1, blocked, stop_possessive=True)  # "the forecast for Clonakilty", "ferry ... for waiheke"
        elif (low == "at" and k > 0 and line & COMMERCE) or (low == "from" and k > 0 and lows[k - 1] in BUYING):
            _run(tokens, k + 1, blocked, limit=3)  # "a double double at tim hortons"
        elif low in QUOTES and k > 0 and lows[k - 1] in MEDIA_LEADS:
            j = k + 1
            while j < n and lows[j] not in QUOTES and j - k <= 10:
                blocked[j] = True  # 'Play "Como la Flor"'
                j += 1
        if low in PLACE_HEADS:
            _place_before(tokens, lows, k, blocked)
        if low == "-" and 0 < k < n - 1:
            _hyphen_place(tokens, lows, k, written, blocked)


def _run(tokens: list[Token], j: int, blocked: list[bool], limit: int = 3, stop_possessive: bool = False,
         objects_stop: bool = False) -> None:
    """Block up to `limit` content words from j ("masala chai", "tim hortons")."""
    n = len(tokens)
    start = j
    while j < n and j - start < limit and tokens[j].is_word and tokens[j].low not in FUNCTION_WORDS:
        if stop_possessive and tokens[j].low != tokens[j].base:
            return  # "make jack's lunch": his lunch, he stays a person
        j += 1
    if objects_stop and j < n and tokens[j].low in SECOND_OBJECTS and j > start:
        return  # "make tunde a sandwich": the one it is made for
    for m in range(start, j):
        blocked[m] = True


def _goods(tokens: list[Token], lows: list[str], blocked: list[bool]) -> None:
    """ "add pierogi and sour cream to the grocery list": the goods between the verb and the list."""
    n = len(tokens)
    for k, low in enumerate(lows):
        if low not in ("add", "put", "get", "buy", "order"):
            continue
        for t in range(k + 2, n):  # however long the list: "Add rashers, sausages, a sliced pan and ..."
            if lows[t] not in ("to", "on", "in"):
                continue
            tail = lows[t + 1:t + 5]
            if any(w in GOODS for w in tail) and not any(w in PERSON_LISTS for w in tail):
                for m in range(k + 1, t):
                    if lows[m] in ("for", '"', "“"):
                        break  # "a football kit for rohan": the one it is for
                    if tokens[m].is_word:
                        blocked[m] = True
            break


def _place_before(tokens: list[Token], lows: list[str], k: int, blocked: list[bool]) -> None:
    """ "Arthur's Seat", "jasper national park", "windy on Ben Lomond hill": the name before a place head.
    A bare surname-like head ("call jack hill") needs a place word before the run."""
    j = k - 1
    if lows[k] == "park" and j >= 0 and lows[j] == "national":
        j -= 1
    start = j
    while j >= 0 and start - j < 3 and tokens[j].is_word and lows[j] not in FUNCTION_WORDS:
        j -= 1
    if j == start:
        return
    strong = lows[k - 1] == "national" or tokens[start].low != tokens[start].base \
        or (j >= 0 and lows[j] in ("on", "at", "in", "near", "up", "climb", "climbing", "hike", "hiking", "visit",
                                   "visiting", "around", "of"))
    if strong:
        for m in range(j + 1, k):
            blocked[m] = True


def _hyphen_place(tokens: list[Token], lows: list[str], k: int, written: bool, blocked: list[bool]) -> None:
    """ "Weston-super-Mare", "Stratford-upon-Avon": a hyphen chain with a lowercase link is a place."""
    a, b = k - 1, k + 1
    if not (tokens[a].end == tokens[k].start and tokens[k].end == tokens[b].start):
        return
    if lows[b] in PLACE_LINKS and b + 2 < len(tokens) and lows[b + 1] == "-":
        for m in (a, b, b + 2):
            blocked[m] = True
