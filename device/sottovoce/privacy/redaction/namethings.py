"""Names that name a thing: a colour, a dish, an album's artist, a mountain, a holiday.

Each rule marks words as `blocked` (never a person) from what surrounds them, before the person
rules run: "set the lights to Hunter Green", "the latest Drake album", "April Fools' Day", "chicken
tikka masala", "start the robot hoover", "how high is Ben Nevis". Kept apart from `names` so each
rule reads on its own and can be tested against the clean commands it protects.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecontexts import PERSON_LISTS
from sottovoce.privacy.redaction.namecues import CONTACT_VERBS, NOT_AFTER_POSSESSIVE, PARTICLES, TITLES
from sottovoce.privacy.redaction.namelists import NameList, english_words
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["block_things"]

# Words that make a colour name a colour ("hunter green", "rose gold", "forest green").
COLOURS = frozenset("""
green blue red yellow orange purple pink white black grey gray brown violet gold silver teal turquoise
navy cyan magenta beige cream lilac maroon
""".split())
COLOUR_CONTEXT = frozenset("""
light lights lamp lamps bulb bulbs colour color colours colors paint shade shades led leds strip hue
wall walls dye
""".split())
# A creator or title right before these is a work's credit, not a contact ("the new Adele album").
WORKS = frozenset("""
album albums song songs track tracks single singles record records podcast podcasts episode episodes movie
movies film films concert concerts tour novel novels documentary lyrics discography soundtrack biography
book books audiobook audiobooks memoir thriller
""".split())
# Questions about a thing's size or distance: "how high is Ben Nevis", "how far is Milton Keynes".
MEASURES = frozenset("high far deep wide big large long cold hot busy expensive".split())
# Verbs and cues that take a person as object: a surname after them stays a person ("ping hoover").
PERSON_TAKERS = CONTACT_VERBS | TITLES | frozenset("""
ring phone send add thank meet invite wake let help pick drop visit see with for from and dear hi hey hello
congratulate notify warn named called about tell name names surname contact friend guest booking
reservation client customer patient student
""".split())
# Before a credit run: "the latest Drake album", "play the new burna boy album" (not "grace kelly movies").
CREDIT_LEAD = frozenset("the a an latest new newest last first this that play by whole entire".split())


def _looks_named(tok: Token, names: NameList, written: bool) -> bool:
    if not tok.is_word or tok.low in FUNCTION_WORDS:
        return False
    return tok.text[0].isupper() if written else names.is_listed(tok.base)


def _unknown(tok: Token) -> bool:
    """A spoken word no dictionary knows: part of a name, of a person or of what is named after one."""
    return len(tok.low) > 2 and tok.low not in FUNCTION_WORDS and tok.low not in english_words()


def block_things(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    n = len(tokens)
    colour_talk = any(t.low in COLOUR_CONTEXT for t in tokens)
    for k, tok in enumerate(tokens):
        low = tok.low
        if low in NOT_AFTER_POSSESSIVE and k > 1 and tokens[k - 1].low in ("'", "’") \
                and tokens[k - 2].low.endswith("s"):
            blocked[k] = True  # "April Fools' Day"
        if colour_talk and low in COLOURS:
            blocked[k] = True
            j = k - 1
            while j >= 0 and k - j <= 2 and _looks_named(tokens[j], names, written):
                blocked[j] = True  # "Hunter Green", "rose gold"
                j -= 1
        if low in WORKS and k > 0 and tokens[k - 1].low == tokens[k - 1].base:
            j = k - 1
            while j >= 0 and k - j <= 3 and (_looks_named(tokens[j], names, written)
                                             or (not written and _unknown(tokens[j]))):
                j -= 1
            if j >= 0 and j < k - 1 and tokens[j].low in CREDIT_LEAD:
                for m in range(j + 1, k):
                    blocked[m] = True  # "the latest Drake album", "play the new burna boy album"
        if low in MEASURES and k > 0 and tokens[k - 1].low == "how" and k + 1 < n \
                and tokens[k + 1].low in ("is", "are", "was"):
            j = k + 2
            while j < n and j - k <= 4 and (_looks_named(tokens[j], names, written)
                                            or (not written and _unknown(tokens[j]))
                                            or (j > k + 2 and tokens[j].is_word and written
                                                and tokens[j].text[0].isupper())):
                blocked[j] = True  # "How high is Ben Nevis?", "how far is ocho rios from kingston"
                j += 1
        if k > 0 and _surname_after_noun(tokens, k, names, written):
            blocked[k] = True
    _block_sized_listed_and_parts(tokens, names, written, blocked)


# Sizes before an order ("a large margherita"), parts of a work ("the next chapter of Harry Potter"),
# lists of goods ("add basil sage and rosemary to the shopping list") and places named after someone
# ("the Luas to Stephen's Green").
SIZES = frozenset("large small medium regular big extra family".split())
PARTS = frozenset("gospel chapter chapters episode episodes season series volume part book books film films audiobook"
                  " audiobooks adaptation version".split())
GOODS_LISTS = frozenset("list basket cart trolley groceries".split())
NAMED_PLACES = frozenset("green park hill street road square cross bridge station hospital wood gate".split())
OWN_MEDIA = frozenset("playlist playlists mix station radio".split())


def _block_sized_listed_and_parts(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    n = len(tokens)
    goods = any(t.low in GOODS_LISTS for t in tokens) and any(t.low in ("add", "put") for t in tokens) \
        and not any(t.low in PERSON_LISTS for t in tokens)  # not "Add Sarah, Mia and Tom to the guest list."
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1].low if k > 0 else ""
        if prev in SIZES and k > 1 and tokens[k - 2].low in ("a", "an", "the", "one", "two"):
            blocked[k] = True  # "order a large margherita"
        if goods and tok.low in english_words() and tok.low not in FUNCTION_WORDS:
            blocked[k] = True  # "add basil sage and rosemary to the shopping list"
        if prev == "of" and k > 1 and tokens[k - 2].low in PARTS:
            j = k
            while j < n and j - k < 5 and (_looks_named(tokens[j], names, written) or (
                    tokens[j].low in ("and", "&") and j + 1 < n and _looks_named(tokens[j + 1], names, written))):
                blocked[j] = True  # "the next chapter of Harry Potter", "an episode of Grace and Frankie"
                j += 1
        if tok.low != tok.base and k + 1 < n and tokens[k + 1].low in NAMED_PLACES and (
                not written or tokens[k + 1].text[0].isupper()):
            blocked[k] = blocked[k + 1] = True  # "the Luas to Stephen's Green"
        if prev in ("my", "the", "our", "your") and tok.low == tok.base and k + 1 < n \
                and tokens[k + 1].low in OWN_MEDIA:
            blocked[k] = True  # "Play my Summer playlist" (but "play Emma's playlist")


def _surname_after_noun(tokens: list[Token], k: int, names: NameList, written: bool) -> bool:
    """ "start the robot hoover", "chicken tikka masala": a word listed only as a surname, right after
    an everyday noun and with no name beside it, names a thing; a person would follow a cue."""
    tok, prev = tokens[k], tokens[k - 1]
    base = tok.base
    if written and not tok.text[:1].islower() and not prev.text[:1].islower():
        return False  # "Dr Hoover", "Tell Smith": Whisper's capitals say little here
    if base not in names.last or base in names.first or base in names.household or tok.low != base:
        return False
    if not prev.is_word or prev.low != prev.base or prev.low in FUNCTION_WORDS or prev.low in PERSON_TAKERS \
            or prev.low in PARTICLES \
            or prev.low not in english_words() or names.is_listed(prev.low):
        return False
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return nxt is None or not names.is_listed(nxt.base)
