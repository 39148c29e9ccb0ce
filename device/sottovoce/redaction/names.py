"""Person names: from name lists, after cues ("call", "text", "my name is" ...), and the
household's own names.

The lists are Faker's person providers (first names from en_US, en_GB, en_IN and en_NZ; last
names from en_US, en_GB and en_IN: a few thousand names drawn from census and registry frequency
data): Faker is actively maintained, installs from PyPI, needs no network at run time, and its
lists are plain Python data we read once. The US list alone misses names common in UK and South
Asian households ("Priya", "Mohammed", "Patel" is there but "Sharma" is not). A short supplement
adds nicknames the lists lack ("will", "liz", "jess"). Many names are also everyday words
("will", "mark", "may", "grace", "bill", "green", "hall", "day"); those are AMBIGUOUS and count
as names only next to another name, after a cue, or when Whisper capitalises them mid-sentence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable

from sottovoce.redaction.spans import Span
from sottovoce.redaction.tokens import FUNCTION_WORDS, Token

AMBIGUOUS = frozenset("""
will mark may grace bill june april august autumn summer dawn faith joy hope amber jade jasmine daisy holly
heather ivy crystal diamond ebony melody destiny mercedes angel christian raven misty sandy brandy sherry
candy penny robin rose ruby jack max pat sue bob gene guy jean lance lee ray rich drew grant hunter chase
dale glen dean earl don gay art kent miles norman page paige parker carol carmen victor oscar sierra alexa
jesus chad cole frank frances baker ball banks barber bass bean beard bell berry best bird bishop black
branch bright brooks brown burns bush butler cannon carpenter case chambers cherry church clay combs cook
cooper crane cross curry day downs drake duke english fields fisher flowers ford foster fox french frost fry
fuller gamble gates glass golden good graves gray green gross hall hardy hart heath hill holder holland hood
horn house hull hunt key king knight lamb lane little long love mack mann marks marsh mason mayo meadows
mills moody moon moss newton noble pace park parks peck petty pierce pope porter potter powers price prince
reed rice roach roman rush savage sharp shepherd shields short small snow sparks spears stark stone stout
strong summers tanner turner valentine vega villa wade walker wall walls ward ware washington waters watts
weeks wells west white winters wise wolf wood woods york young luna bond booth bridges buck simon austin
houston jackson jordan madison charlotte savannah sydney victoria virginia dakota cheyenne chelsea kim le li
riddle ho yu wu lam ali case pitts rowe sexton orr floyd marshall cash hope sky joyce tucker
abbey aurora bella beau eden hazel indie ivy lily lucky olive om paris phoenix piper poppy rex skye stella
tai te trinity violet willow harmony jan kai ira eta ati eli dev mahi nia oni tia tui zion kingston lincoln
brooklyn georgia florence israel indi noel mila leo lola forum ganga jalsa aria sienna harley kauri sage
agate bail bal bala bath birch bull butcher char contractor dada dash date deep doctor field finch gala hans
kala kant law lord loyal master merchant more north oak pal pall power ram read sama sane smart swift tailor
tank warrior winter mall mane mani lad lata loke sandal sant sem sen sha sur tak vala vasa walla kar de din
dar bora lal pai rama ravi sagar reed sharpe storey read browne coles brookes parkes nath
""".split())
# Nicknames and names common in UK and South Asian households that the Faker lists lack.
SUPPLEMENT_FIRST = frozenset("""
will liz lizzie sam ben tom kate jen jess matt nick rob ed ted becky meg pete mo aisha fatima ahmed
muhammad yusuf hassan wei mei ling hiroshi yuki kenji sofia lucia mateo diego june alfie ollie
""".split())
# Ambiguous first names that after "to", "for", "with" are far likelier things ("volume to max").
THINGS = frozenset("""
max jack crystal diamond amber jade jasmine daisy holly heather ivy ruby candy brandy sherry penny robin rose
angel christian destiny melody mercedes misty sandy summer autumn dawn joy hope faith chase hunter art
lance kent dale glen dean earl don gay guy gene jean ray rich drew grant page miles norman victor oscar
sierra alexa jesus chad cole frank bill will pat sue bob raven
""".split())
MONTHS_AND_DAYS = frozenset("""
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday
""".split())
# Words after which a listed or capitalised word is a person, even an ambiguous one.
STRONG_CUES = (
    "call", "text", "tell", "message", "remind", "ask", "ring", "email", "ping", "invite", "meet", "phone",
    "dial", "notify", "warn", "facetime", "dm", "thank", "congratulate", "wake", "pick up", "drop off",
    "my name is", "name is", "named", "called", "this is", "i'm", "i am", "it's", "dear", "hi", "hey", "hello",
    "meeting with", "lunch with", "dinner with", "call with", "appointment with", "date with", "from",
    "with", "for", "to", "and", "cc", "let",
)
# After these, a month is a month ("set the alarm for june", "remind me in may").
WEAK_FOR_MONTHS = frozenset(("for", "to", "and", "with", "from"))
# "my name is" takes even a name we do not know; the others only take listed or capitalised names.
INTRO_CUES = (("my", "name", "is"), ("name", "is"), ("name's",), ("i'm",), ("i", "am"))
_INTRO_FIRST = frozenset(p[0] for p in INTRO_CUES)
FAMILY = frozenset("""
mom mum mommy mummy mother dad daddy father grandma grandpa granny nana nan grandmother grandfather
sister brother son daughter wife husband aunt uncle auntie cousin baby babe honey darling boss doctor
nurse teacher neighbour neighbor plumber dentist everyone everybody someone somebody nobody anyone
""".split())
NOT_BEFORE_PERSON = frozenset(("a", "an", "the", "saint", "st", "new", "san", "santa", "fort", "lake", "mount"))
# A listed word after these is a person even when it is also a word: "uncle bob", "coach will".
TITLES = frozenset("""
uncle aunt auntie grandma grandpa granny nana cousin mr mrs ms miss dr doctor professor prof coach sister
brother son daughter nephew niece mister madam sir lady lord pastor father reverend officer nurse
""".split())
# Media context: "play taylor swift", "songs by grace jones" name an artist, not a household member.
MEDIA_CUES = frozenset(("play", "by", "playing", "shuffle"))
NOT_INTRO = FUNCTION_WORDS | FAMILY | frozenset("""
not so very really just going here back home out ready done fine good sorry busy tired hungry late
calling looking trying sure afraid
""".split())


@dataclass(frozen=True)
class NameList:
    first: frozenset[str]
    last: frozenset[str]
    household: frozenset[str]

    def is_listed(self, low: str) -> bool:
        return low in self.first or low in self.last or low in self.household or (
            low.startswith(("o'", "o’")) and len(low) > 3)

    def is_clear(self, low: str) -> bool:
        """Listed and not also an everyday word."""
        return low in self.household or ((low in self.first or low in self.last) and low not in AMBIGUOUS)


@functools.lru_cache(maxsize=1)
def _faker_names() -> tuple[frozenset[str], frozenset[str]]:
    import importlib

    first: set[str] = set(SUPPLEMENT_FIRST)
    last: set[str] = set()
    for locale in ("en_US", "en_GB", "en_IN", "en_NZ"):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_female", "first_names_male"):
            first.update(n.lower() for n in getattr(provider, attr, ()) if " " not in n)
        if locale != "en_NZ":
            last.update(n.lower() for n in provider.last_names if " " not in n)
    return frozenset(first), frozenset(last)


def load_names(extra: Iterable[str] = ()) -> NameList:
    first, last = _faker_names()
    household = frozenset(w.lower() for name in extra for w in name.split() if w.strip())
    return NameList(first, last, household)


_CUES_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _cue in sorted((tuple(c.split()) for c in STRONG_CUES), key=len, reverse=True):
    _CUES_BY_LAST.setdefault(_cue[-1], []).append(_cue)


def _cue_before(tokens: list[Token], i: int) -> tuple[str, ...] | None:
    if i == 0:
        return None
    for phrase in _CUES_BY_LAST.get(tokens[i - 1].low, ()):
        k = i - len(phrase)
        if k >= 0 and all(tokens[k + m].low == w for m, w in enumerate(phrase)):
            return phrase
    return None


def _capitalised_mid_sentence(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    if not tok.text[0].isupper() or tok.text.isupper() and len(tok.text) > 1:
        return False
    return i > 0 and tokens[i - 1].low not in (".", "!", "?", ":", '"')


def name_spans(tokens: list[Token], names: NameList) -> list[Span]:
    n = len(tokens)
    is_name = [False] * n
    written = any(t.text[0].isupper() for t in tokens[1:] if t.is_word and t.low != "i")

    # "a riddle", "the harry potter audiobook", "saint patrick's day", "New York": not people.
    blocked = [i > 0 and tokens[i - 1].low in NOT_BEFORE_PERSON for i in range(n)]
    for i in range(1, n):
        if blocked[i - 1] and names.is_listed(tokens[i - 1].base) and names.is_listed(tokens[i].base):
            blocked[i] = True  # "the grace kelly song"
    for i, tok in enumerate(tokens):
        if not tok.is_word or blocked[i]:
            continue
        base = tok.base
        if base in names.household:
            is_name[i] = True
            continue
        if base in FAMILY:
            continue
        cue = _cue_before(tokens, i)
        if names.is_listed(base) or (written and _capitalised_mid_sentence(tokens, i)):
            if i > 0 and tokens[i - 1].low.rstrip(".") in TITLES and base not in MONTHS_AND_DAYS \
                    and base not in FUNCTION_WORDS:
                is_name[i] = True  # "uncle bob", "auntie sue", "Dr. Patel"
                continue
        media = i > 0 and tokens[i - 1].low in MEDIA_CUES
        if names.is_clear(base) and not media:
            is_name[i] = True
            continue
        listed = names.is_listed(base)
        if cue is not None:
            if base in MONTHS_AND_DAYS and (cue[-1] in WEAK_FOR_MONTHS or _followed_by_number(tokens, i)):
                continue
            weak = cue[-1] in WEAK_FOR_MONTHS
            if listed and (not weak or (base in names.first and base not in FUNCTION_WORDS
                                        and base not in THINGS and (not base in AMBIGUOUS
                                                                    or _ends_phrase(tokens, i, names)))):
                is_name[i] = True
                continue
            if written and _capitalised_mid_sentence(tokens, i) and base not in FUNCTION_WORDS \
                    and base not in MONTHS_AND_DAYS and cue[-1] not in WEAK_FOR_MONTHS:
                is_name[i] = True
                continue
        if listed and base in names.first and base not in MONTHS_AND_DAYS and (
                (base not in THINGS and _acts_like_person(tokens, i)) or tok.low != base):
            is_name[i] = True  # "mark is at the door", "grace said yes", "is will's phone charged"
            continue
        if listed and written and _capitalised_mid_sentence(tokens, i) and base not in MONTHS_AND_DAYS \
                and not media and not (i + 1 < n and tokens[i + 1].text[0].isupper() and not
                                       names.is_listed(tokens[i + 1].base)) \
                and tokens[i - 1].low not in ("the", "a", "of", "on", "in", "at"):
            is_name[i] = True

    # "my name is xiomara okafor": take up to two unknown words after an introduction.
    for i in range(n):
        if tokens[i].low not in _INTRO_FIRST:
            continue
        for phrase in INTRO_CUES:
            if i + len(phrase) <= n and all(tokens[i + m].low == w for m, w in enumerate(phrase)):
                j = i + len(phrase)
                if phrase in (("i'm",), ("i", "am")) and not (j < n and (is_name[j] or names.is_listed(tokens[j].base))):
                    continue
                taken = 0
                while j < n and taken < 2 and tokens[j].is_word and tokens[j].base not in NOT_INTRO:
                    is_name[j] = True
                    j += 1
                    taken += 1
                break

    # Grow runs: an ambiguous or unknown-but-capitalised neighbour of a name is part of it
    # ("will smith", "john white", "John Okafor").
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if is_name[i] or blocked[i] or not tokens[i].is_word or tokens[i].base in FUNCTION_WORDS and tokens[i].base not in (
                    "will", "may", "mark", "bill", "pat", "don"):
                continue
            left = i > 0 and is_name[i - 1] and tokens[i - 1].low == tokens[i - 1].base
            right = i + 1 < n and is_name[i + 1]
            if i > 1 and is_name[i - 2] and tokens[i - 1].low in ("and", "or", "&", ",") \
                    and names.is_listed(tokens[i].base) and tokens[i].base not in FUNCTION_WORDS \
                    and tokens[i].base not in MONTHS_AND_DAYS:
                left = True  # "emma and jack"
            if not (left or right):
                continue
            base = tokens[i].base
            if base in FAMILY or base in MONTHS_AND_DAYS:
                continue
            if names.is_listed(base) or (written and tokens[i].text[0].isupper() and _capitalised_mid_sentence(tokens, i)):
                is_name[i] = True
                changed = True

    spans: list[Span] = []
    for i in range(n):
        if is_name[i]:
            spans.append(Span(tokens[i].start, tokens[i].base_end, "NAME", 1))
    return spans


_PHRASE_END = FUNCTION_WORDS | frozenset("""
tomorrow today tonight later now soon please thanks monday tuesday wednesday thursday friday saturday sunday
next this morning afternoon evening
""".split())


def _ends_phrase(tokens: list[Token], i: int, names: NameList) -> bool:
    """ "lunch with grace on friday", "a gift for grace": not "songs from abbey road"."""
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1]
    return not nxt.is_alnum or nxt.low in _PHRASE_END or names.is_listed(nxt.base)


PERSON_VERBS = frozenset("""
said says wants wanted needs needed called texted asked told left arrived went thinks likes loves hates
knows sent says's would should could can can't won't didn't doesn't isn't wasn't will'll
""".split())
PERSON_STATES = frozenset("""
home here there coming going at on in out back late sick asleep awake running driving staying picking
bringing still not leaving away outside upstairs downstairs ready
""".split())


def _acts_like_person(tokens: list[Token], i: int) -> bool:
    """ "mark said", "grace is home", "bill will be late": a subject doing what people do."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1].low
    if nxt in PERSON_VERBS:
        return True
    if nxt in ("is", "was", "'s") and i + 2 < len(tokens):
        return tokens[i + 2].low in PERSON_STATES
    return False


def _followed_by_number(tokens: list[Token], i: int) -> bool:
    if i + 1 >= len(tokens):
        return False
    low = tokens[i + 1].low
    from sottovoce.redaction.numbers import DIGIT_WORDS, COMPOUND_WORDS, ORDINAL_WORDS

    return low[:1].isdigit() or low in DIGIT_WORDS or low in COMPOUND_WORDS or low in ORDINAL_WORDS
