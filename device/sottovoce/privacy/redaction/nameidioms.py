"""Names inside everyday phrases, languages, shows on a service, and shops named after someone.

"how do i make a bloody mary", "what is a lazy susan", "Set the language to English (Ireland).",
"Is Ted Lasso on Apple TV?", "Is Trader Joe's open?", "the nearest Tim Hortons", "plant iris bulbs":
a first name or surname here names no member of the household. Blocked before the person rules run,
like the rules in `nameblocks` and `namethings`.
"""

from __future__ import annotations

import functools

from sottovoce.privacy.redaction.namecues import COLOURS_AND_LEVELS, DETERMINERS, PLACES, TITLES
from sottovoce.privacy.redaction.namefame import block_famous
from sottovoce.privacy.redaction.namelists import BRANDS, FAMILY, MONTHS_AND_DAYS, NameList, english_words
from sottovoce.privacy.redaction.nameslots import capitalised_mid_sentence, foreign
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["block_idioms"]

# Common nouns and sayings made from a name (eponyms): the name is part of the word.
EPONYMS = frozenset(tuple(p.split()) for p in """
bloody mary|lazy susan|big ben|peeping tom|smart alec|smart aleck|tom collins|jack russell|
sloppy joe|sloppy joes|john doe|jane doe|uncle sam|santa claus|father christmas|mother nature|jack frost|
average joe|doubting thomas|plain jane|typhoid mary|jolly roger|jack o lantern|jack in the box|
even stevens|nosy parker|billy goat|tom cat|tommy gun|jack of all trades|
dapper dan|chatty cathy|debbie downer|negative nancy|nervous nellie|silly billy|clever clogs|
bob's your uncle|for pete's sake|heavens to betsy|every tom dick and harry|tom dick and harry|
lazy bones|baby ruth|dirty harry|jimmy choo|john deere|tim tams|tim tam|anzac biscuits|
sally lunn|eggs benedict|beef wellington|caesar salad|peach melba|margherita pizza|earl grey|
ben and jerry's|ben & jerry's|marks and spencer|marks & spencer|be frank|to be frank|simbang gabi|
""".replace("\n", "").split("|") if p.strip())
# Greetings in the household's languages open a command: "sawubona what is the weather", "sat sri akal".
# Not "ola", "salma" or "ada": those are given names.
WORLD_GREETINGS = frozenset(tuple(p.split()) for p in """
sawubona|sanibonani|molo|dumela|howzit|habari|hujambo|jambo|mambo|talofa|malo e lelei|bula|kia ora|kia orana|
aloha|kumusta|kamusta|mabuhay|sat sri akal|namaste|namaskar|vanakkam|salaam|salam|as salaam alaikum|
assalamu alaikum|shalom|ni hao|annyeong|annyeonghaseyo|konnichiwa|xin chao|selamat pagi|apa khabar|akwaaba|
sannu|kedu|bawo ni|ekaaro|hola|bonjour|ciao|hallo|hej|salut|mingalaba""".replace("\n", "").split("|"))
# Festivals of several words whose first is also a name: "remind me on hari raya to visit nenek".
FESTIVALS = frozenset(tuple(p.split()) for p in
                      "hari raya|hari raya puasa|hari raya haji|chinese new year|lunar new year".split("|"))
_EPONYMS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(EPONYMS | WORLD_GREETINGS | FESTIVALS, key=len, reverse=True):
    _EPONYMS_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)

# Streaming and reading services: "Is Ted Lasso on Apple TV?", "Read Anne of Green Gables on Audible".
SERVICES = frozenset("""
netflix hulu disney disney+ prime iplayer itv itvx channel4 britbox stan binge kayo neon freeview youtube
audible spotify kindle paramount peacock max crave tubi plex apple
""".split())
_VET = frozenset("""
vet vets vet's groomer groomers grooming kennel kennels cattery dewormer dewormers worming wormer flea fleas
tick ticks heartworm litter walkies
""".split())
_CARE_VERBS = frozenset("take give walk bring collect groom brush bath wash book".split())
_COLOUR_TALK = frozenset("colour color colours colors shade shades paint hue tone".split())
# Talk of a country, where a name that is also one ("Jordan", "Georgia", "Chad") is the country.
_COUNTRY_TALK = frozenset("""
currency capital population flag anthem president border borders visa embassy economy gdp continent
""".split())
_TITLE_LINKS = frozenset("of the and a an in on at to for from with de la le".split())
# After these a language is a language: "set the language to English", "say it in Spanish".
_LANGUAGE_BEFORE = frozenset("to in into speak speaks speaking from learn learning translate say".split())
_LANGUAGE_AFTER = frozenset("( language subtitles translation version dub dubbed lesson lessons class".split())
# Plants said with what is planted: "when do i plant iris bulbs", "prune the rose bush".
_PLANTED = frozenset("bulbs bulb seeds seed seedlings plants plant bush bushes shrub hedge cuttings tree trees petals"
                     .split())


@functools.lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """One-word language names from Faker's list ("English", "Tagalog"); "Scottish Gaelic" is too long."""
    from faker.providers.person import Provider

    return frozenset(n.lower() for n in Provider.language_names if " " not in n and n.isalpha())


def block_idioms(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    n = len(tokens)
    block_famous(tokens, written, blocked)
    _block_events(tokens, blocked)
    _block_places_asked(tokens, names, written, blocked)
    vet = any(t.low in _VET for t in tokens)
    for k, tok in enumerate(tokens):
        for phrase in _EPONYMS_BY_FIRST.get(tok.low, ()):
            if k + len(phrase) <= n and all(tokens[k + m].low == w or tokens[k + m].base == w
                                            for m, w in enumerate(phrase)):
                for m in range(len(phrase)):
                    blocked[k + m] = True
                break
        if tok.base in languages() and (k > 0 and tokens[k - 1].low in _LANGUAGE_BEFORE
                                        or k + 1 < n and tokens[k + 1].low in _LANGUAGE_AFTER):
            blocked[k] = True
        if k + 1 < n and tokens[k + 1].low in _PLANTED and tok.low == tok.base and tok.is_word:
            blocked[k] = True
        if tok.low in SERVICES and k > 1 and tokens[k - 1].low == "on":
            _block_title_before(tokens, k - 1, names, written, blocked)
        if tok.low in BRANDS and k > 0 and tokens[k - 1].is_word and tokens[k - 1].low == tokens[k - 1].base \
                and (not written or tokens[k - 1].text[0].isupper()) and not _brand_as_word(tokens, k, names):
            blocked[k - 1] = True  # "Tim Hortons", "Wells Fargo"
        if k > 1 and tokens[k - 2].low in DETERMINERS and tokens[k - 1].low.endswith("ing") \
                and tok.low in english_words() and tok.low == tok.text:
            blocked[k] = True  # "the shearing gang", "the cleaning crew": a compound noun
        if tok.low == "feed" and k + 1 < n and tokens[k + 1].is_word and tokens[k + 1].low not in FUNCTION_WORDS \
                and not names.is_clear(tokens[k + 1].base):
            blocked[k + 1] = True  # "did anyone feed mochi", "feed Pickles at 6": a pet (but "feed tomasz at five")
        if vet and tok.low in _CARE_VERBS and k + 1 < n and tokens[k + 1].is_word \
                and tokens[k + 1].low not in FUNCTION_WORDS and tokens[k + 1].low not in FAMILY:
            blocked[k + 1] = True  # "Remind me to take Ruby to the vet", "give Simba his dewormer": a pet
        if tok.base in PLACES and k > 1 and tokens[k - 2].low == "where" and tokens[k - 1].low == "is" \
                and (k + 1 == n or not tokens[k + 1].is_alnum):
            blocked[k] = True  # "Where is Florence?"
        if k == 0 and tok.low == "did":
            _block_team(tokens, names, blocked)
        if tok.base in COLOURS_AND_LEVELS and any(t.low in _COLOUR_TALK for t in tokens):
            blocked[k] = True  # "is amber a colour"
        if tok.base in PLACES and any(t.low in _COUNTRY_TALK for t in tokens):
            blocked[k] = True  # "What currency does Jordan use?"
        if written and tok.low != tok.base and tok.text[0].isupper() and k > 0 and _shop_word(tokens, k - 1):
            blocked[k - 1] = blocked[k] = True  # "Trader Joe's", "Piggly Wiggly's": a shop named after someone


def _block_events(tokens: list[Token], blocked: list[bool]) -> None:
    """ "when is ganesh chaturthi this year", "When is Matariki next year?", "it's onam on monday": a festival,
    asked about or announced by when it falls."""
    n = len(tokens)
    if n >= 5 and tokens[0].low == "when" and tokens[1].low == "is":
        begin = 2
    elif n >= 4 and tokens[0].low == "it's":
        begin = 1
    else:
        return
    for end in range(begin + 1, min(n - 1, begin + 4)):
        if tokens[end].low in ("this", "next") and tokens[end + 1].low in ("year", "week", "weekend") \
                or tokens[end].low == "on" and tokens[end + 1].low in MONTHS_AND_DAYS:
            if all(t.is_word for t in tokens[begin:end]):
                for k in range(begin, end):
                    blocked[k] = True
            return


_OPENING = frozenset("open closed opening shut".split())
_PLACE_KINDS = frozenset("city town country state village island place county suburb province".split())
_PRAYERS = frozenset("fajr fajar dhuhr zuhr zohar asr asar maghrib isha esha tahajjud".split())
_ABOUT_WORKS = frozenset("""
story stories book books song songs film films movie movies show cartoon chapter chapters episode episodes poem
poems legend legends tale tales
""".split())
# Scenes and modes of the smart home are named, not people: "Set the scene to Autumn."
_SETTINGS = frozenset("scene scenes mode preset theme routine".split())


def _block_places_asked(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    """What only a place, a shop, a prayer or a story's character is asked about: "Is Marks and Spencer open
    on Sunday?", "Find the nearest McDonald's.", "Is Florence worth visiting?", "Is Lincoln a city in
    England?", "remind me to pray asr", "a story about peter rabbit"."""
    n = len(tokens)
    for k, tok in enumerate(tokens):
        low = tok.low
        if low in ("nearest", "closest"):
            _block_run(tokens, k + 1, written, blocked)
        elif low in ("is", "are") and (k == 0 or tokens[k - 1].low in ("when", "time", "what")):
            end = _run_end(tokens, k + 1, written)
            if end < n and end > k + 1 and (
                    tokens[end].low in _OPENING or tokens[end].low == "worth" or _safe_to_visit(tokens, end)
                    or end + 1 < n and tokens[end].low in ("a", "an") and tokens[end + 1].low in _PLACE_KINDS):
                for m in range(k + 1, end):
                    blocked[m] = True
        elif low == "to" and k > 0 and tokens[k - 1].low in _SETTINGS:
            _block_run(tokens, k + 1, written, blocked)
        elif low == "in" and k > 2 and [t.low for t in tokens[k - 3:k]] == ["time", "is", "it"]:
            _block_run(tokens, k + 1, written, blocked)  # "What time is it in Adelaide?"
        elif low == "pray" and k + 1 < n and tokens[k + 1].low in _PRAYERS:
            blocked[k + 1] = True
        elif low == "about" and k > 0 and tokens[k - 1].low in _ABOUT_WORKS:
            _block_run(tokens, k + 1, written, blocked)


def _safe_to_visit(tokens: list[Token], k: int) -> bool:
    """ "Is Jordan safe to visit in August?", "is bali safe to travel to" """
    return [t.low for t in tokens[k:k + 2]] == ["safe", "to"] and k + 2 < len(tokens) \
        and tokens[k + 2].low in ("visit", "travel", "go")


def _run_end(tokens: list[Token], k: int, written: bool) -> int:
    """Past up to four words of a name ("Marks and Spencer", "Devon House", "McDonald's")."""
    end = k
    while end < len(tokens) and end - k < 4 and tokens[end].is_word and (
            tokens[end].low in ("and", "&") and end > k
            or tokens[end].low not in FUNCTION_WORDS and (not written or tokens[end].text[0].isupper())):
        end += 1
    return end


def _block_run(tokens: list[Token], k: int, written: bool, blocked: list[bool]) -> None:
    for m in range(k, _run_end(tokens, k, written)):
        blocked[m] = True


def _block_team(tokens: list[Token], names: NameList, blocked: list[bool]) -> None:
    """ "Did Ginebra win?", "did barangay ginebra lose": one or two words that won or lost are a team,
    unless one is a name we know for sure ("Did Tunde win his match?")."""
    for m in (2, 3):
        if m < len(tokens) and tokens[m].low in ("win", "lose", "score", "draw"):
            if all(t.is_word and t.low not in FUNCTION_WORDS and not names.is_clear(t.base) for t in tokens[1:m]):
                for k in range(1, m):
                    blocked[k] = True
            return


_OBJECTS = frozenset("back me him her them us you".split())


def _brand_as_word(tokens: list[Token], k: int, names: NameList) -> bool:
    """A brand said as a verb or a surname, not a shop: "did maureen ring back", "Tell Mariana Costa her
    shift starts at eight" (but "Tim Hortons", "call wells fargo")."""
    if k + 1 < len(tokens) and tokens[k + 1].low in _OBJECTS:
        return True
    return tokens[k].base in names.last and names.is_clear(tokens[k - 1].base) and tokens[k - 1].base in names.first


def _shop_word(tokens: list[Token], k: int) -> bool:
    """A capitalised English word mid-sentence that is no title or relation, right before a possessive name
    (not "Book Mairead's parents' evening", where the verb opens the sentence)."""
    tok = tokens[k]
    return tok.is_word and capitalised_mid_sentence(tokens, k) and tok.low in english_words() \
        and tok.low not in TITLES \
        and tok.low not in FAMILY and tok.low not in FUNCTION_WORDS


def _block_title_before(tokens: list[Token], on: int, names: NameList, written: bool, blocked: list[bool]) -> None:
    """The words before "on <service>": a show or a book, up to five words of it."""
    j = on - 1
    while j >= 0 and on - j <= 5:
        tok = tokens[j]
        if tok.low in _TITLE_LINKS and j > 0 and tokens[j - 1].is_word and j < on - 1:
            j -= 1
            continue
        if not tok.is_word or tok.low in FUNCTION_WORDS or tok.low in FAMILY or tok.low in TITLES:
            break
        if written and not tok.text[0].isupper():
            break
        if not written and not (names.is_listed(tok.base) or foreign(tok, names)) and j < on - 1:
            break
        blocked[j] = True
        j -= 1
