"""Names found by the role a word plays in the sentence, not by a list.

No list holds every name a household uses ("eun ji", "giorgos", "Nkechi"). But English grammar
has slots only a person fills: the object of "remind ... to" or "let ... know", the first object
of "read ... a story" or "wish ... a happy birthday", the subject asked about in "who is ...",
"did ... win", the vocative "Nkechi, your alarm ...", "the ... family". A word in such a slot that
is a listed name, no English word, or (Whisper) capitalised mid-sentence is taken as a name.
Everyday words in the slot ("remind the kids to", "give it a try") are kept by requiring the slot's
first word to look like a name.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import PERSON_STATES, PERSON_VERBS, PLACES, TITLES, WHEREABOUTS
from sottovoce.privacy.redaction.namelists import (
    AMBIGUOUS,
    ASSISTANTS,
    BRANDS,
    FAMILY,
    MONTHS_AND_DAYS,
    NOT_CONTACTS,
    NameList,
    countries,
    english_words,
)
from sottovoce.privacy.redaction.nameslots import foreign, unheard
from sottovoce.privacy.redaction.numbers import DIGIT_WORDS
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["role_names"]

# "remind X to ...", "let X know", "ask X about ...": the words between verb and particle are a person.
OBJECT_THEN_TO = {"remind": ("to", "about", "that"), "tell": ("to", "that", "about"), "ask": ("to", "if", "about"),
                  "let": ("know",), "invite": ("to", "for", "over"), "help": ("with",), "teach": ("to", "how"),
                  "save": ("as",), "wake": ("up",), "get": ("to",), "allow": ("to",), "pay": ("back",),
                  "call": ("back",), "ring": ("back",), "text": ("back",), "pick": ("up",), "drop": ("off", "at"),
                  "take": ("to",), "bring": ("to", "home", "back")}
# "read X a story", "wish X a happy birthday", "send X the photos": two objects, the first a person.
DITRANSITIVE = frozenset("read wish give send buy get bring show pay lend owe sing order make text email".split())
OWING = frozenset("owe pay lend give send".split())  # "i owe frank twenty quid"
SECOND_OBJECT = frozenset("a an the some his her their our my this that these those".split())
# Questions about what a person did or is: "who is X", "did X win", "does X like", "was X born".
ASKING = frozenset(("did", "does", "has", "was", "is"))
AFTER_WHO = frozenset(("is", "was", "'s"))
GROUP_NOUNS = frozenset("family household twins kids children residence".split())
_NEVER = (FUNCTION_WORDS | FAMILY | NOT_CONTACTS | ASSISTANTS | BRANDS | MONTHS_AND_DAYS | TITLES
          | frozenset(DIGIT_WORDS))


def _name_like(tok: Token, names: NameList, written: bool, mid: bool) -> bool:
    base = tok.base
    if not tok.is_word or base in _NEVER or base in countries():
        return False
    if written:
        return tok.text[0].isupper() and (mid or names.is_listed(base) or foreign(tok, names))
    return names.is_listed(base) or foreign(tok, names)


def _syllable(tok: Token, written: bool) -> bool:
    """A two-letter word that is no English word: the first half of "ji hoon", "yu na"."""
    return len(tok.low) == 2 and tok.text.isalpha() and tok.low not in _NEVER and tok.low not in english_words() \
        and (not written or tok.text[0].isupper())


def _mid(tokens: list[Token], i: int) -> bool:
    return i > 0 and tokens[i - 1].low not in (".", "!", "?", ":", '"')


def _mark(is_name: list[bool], blocked: list[bool], a: int, b: int) -> None:
    for k in range(a, b):
        if not blocked[k]:
            is_name[k] = True


def _run_until(tokens: list[Token], j: int, stops: tuple[str, ...] | frozenset[str], limit: int = 3) -> int:
    """Index of the stop word within `limit` words after j, or -1."""
    for k in range(j, min(len(tokens), j + limit + 1)):
        tok = tokens[k]
        if tok.low in stops and k > j:
            return k
        if not tok.is_word or (tok.base in _NEVER and k > j):
            return -1
    return -1


def role_names(tokens: list[Token], names: NameList, written: bool, blocked: list[bool],
               is_name: list[bool]) -> None:
    """Mark in `is_name` the words that sit in a person's slot."""
    n = len(tokens)
    for i, tok in enumerate(tokens):
        low = tok.low
        j = i + 1
        if j >= n:
            break
        first = tokens[j]
        like = _name_like(first, names, written, True)
        if low in OBJECT_THEN_TO and (like or _syllable(first, written)):
            end = _run_until(tokens, j, OBJECT_THEN_TO[low])
            if end > 0:
                _mark(is_name, blocked, j, end)  # "remind hyun woo to practise", "let giorgos know"
        if low in DITRANSITIVE and like and j + 1 < n and (tokens[j + 1].low in SECOND_OBJECT or (
                low in OWING and (tokens[j + 1].low in DIGIT_WORDS or tokens[j + 1].low[:1].isdigit()
                                  or tokens[j + 1].low in ("twenty", "fifty", "ten", "hundred")))) \
                and first.low == first.base:
            _mark(is_name, blocked, j, j + 1)  # "read ravi a bedtime story"
        if low == "who" and first.low in AFTER_WHO and j + 1 < n:
            _subject(tokens, j + 1, names, written, blocked, is_name, need_verb=False)  # "who was Cleopatra"
        if low in ASKING and (i == 0 or tokens[i - 1].is_word):
            # "how many goals did Pelé score"; after "is" only an unknown word ("Is Kyoto worth a visit?")
            _subject(tokens, j, names, written, blocked, is_name, need_verb=True, weak=low in ("is", "was"))
        if low == "where's" and (j + 1 == n or not tokens[j + 1].is_alnum) and _slot_name(first, names, written):
            _mark(is_name, blocked, j, j + 1)  # "where's ruby"
        if low in GREETINGS and (j + 1 == n or not tokens[j + 1].is_alnum) and first.base in names.first \
                and _slot_name(first, names, written):
            _mark(is_name, blocked, j, j + 1)  # "goodnight ruby", "Thanks, Hope."
        if (low in TO_GIVERS or low in GIFT_MAKERS) and _given_to(tokens, i, names, written):
            last = n - 1 if n > 1 and not tokens[-1].is_alnum else n
            _mark(is_name, blocked, last - 1, last)
        if low in ("is", "was") and i > 0 and (tokens[i - 1].low == "where" or (
                i > 1 and tokens[i - 1].low == "old" and tokens[i - 2].low == "how")):
            _subject(tokens, j, names, written, blocked, is_name, need_verb=False, weak=True)  # "how old is kemi"
        if low == "the" and like:
            k = j
            while k + 2 < n and tokens[k + 1].low == "-" and tokens[k + 2].is_word \
                    and tokens[k].end == tokens[k + 1].start and tokens[k + 1].end == tokens[k + 2].start:
                k += 2  # "the Abernathy-Oyelowo family"
            if k + 1 < n and tokens[k + 1].low in GROUP_NOUNS:
                for m in range(j, k + 1, 2):
                    is_name[m] = True  # "the Nakamura family"
        if low == "for" and _strong(first, names, written) and first.base not in AMBIGUOUS \
                and (names.is_listed(first.base) or _for_someone(tokens, i)) and (
                j + 1 == n or not tokens[j + 1].is_alnum or tokens[j + 1].low in FUNCTION_WORDS):
            _mark(is_name, blocked, j, j + 1)  # "play a lullaby for aanya", "Date of birth for Aiyana is ..."
        if (i == 0 or tokens[i - 1].low in (".", "!", "?")) and _starts_clause(tokens, i, names, written):
            _mark(is_name, blocked, i, i + 1)  # "Oluwaseun is picking up the kids", "Rashida's birthday is ..."
        if (i == 0 or tokens[i - 1].low in (".", "!", "?", ",", ";")) and _does_deed(tokens, i, names, written):
            _mark(is_name, blocked, i, i + 1)  # "bill wants his ladder back", "Dawn says the boiler ..."
        if low in SIGN_OFFS and _signs(tokens, j, names, written) and not (i > 0 and tokens[i - 1].low in PRONOUNS) \
                and not blocked[j]:  # not 'Play "Love Nwantiti"': a title
            is_name[j] = True  # "... thank you for the flowers love beata": even after "the flowers"
        if _person_phrase(tokens, j) and _slot_name(first, names, written):
            _mark(is_name, blocked, j, j + 1)  # "message from hope", "chat with amber", "whatsapp chioma"
        if low == "as" and first.low == first.base and _slot_name(first, names, written, True) and any(
                t.low in SAVERS for t in tokens[max(0, i - 12):i]) and (
                j + 1 == n or not tokens[j + 1].is_alnum or tokens[j + 1].low in ("in", "on", "please", "to")
                or _name_like(tokens[j + 1], names, written, True)):
            _mark(is_name, blocked, j, j + 1)  # "save six four seven ... as jordan"
        if low in MONTHS_AND_DAYS and low in names.first and _month_visits(tokens, i):
            _mark(is_name, blocked, i, i + 1)  # "remind me that may is coming to stay"
        if low == "and" and 0 < i < n - 3 and tokens[j + 1].low in ("are", "were") and (
                tokens[j + 2].low in DOING or tokens[j + 2].low in PERSON_STATES) \
                and all(_slot_name(tokens[m], names, written) and tokens[m].base in names.first for m in (i - 1, j)):
            _mark(is_name, blocked, i - 1, i)  # "sunny and ivy are coming round"
            _mark(is_name, blocked, j, j + 1)
        if _did_with_own(tokens, i, names, written):
            _mark(is_name, blocked, i, i + 1)  # "frank refused his lunch", "ruby lost her glasses"
        if low in CONJUNCTIONS and written and first.is_word and first.text[0].isupper() and unheard(first, names) \
                and first.base not in _NEVER and j + 1 < n and tokens[j + 1].low in ("will", "has", "had", "is", "was"):
            _mark(is_name, blocked, j, j + 1)  # "Tell Ms. Adebayo that Femi will be picked up"
        if (i == 0 or tokens[i - 1].low in (".", "!", "?", ":")) and written and tok.text[0].isupper() \
                and first.low == "," and tok.is_word and tok.base not in _NEVER and (
                    names.is_listed(tok.base) or unheard(tok, names)):
            _mark(is_name, blocked, i, i + 1)  # "Nkechi, your alarm is going off."


# Phrases whose next word is the person talked with, heard from or visited.
PERSON_PHRASES = tuple(tuple(p.split()) for p in """
message from|messages from|text from|texts from|email from|emails from|call from|calls from|voicemail from|
voice note from|letter from|note from|card from|missed call from|chat with|chatting with|talk to|talk with|
speak to|speak with|spoke to|spoke with|talked to|text to|message to|email to|note to|card to|visited|visit|
visiting|whatsapp|video call|voice call|catch up with|play date with|playdate with|sleepover with|facetime
""".replace("\n", "").split("|"))
SAVERS = frozenset("save store add put record".split())
GREETINGS = frozenset("goodnight night morning thanks bye goodbye congratulations congrats cheers welcome".split())
# "send the photo to ruby", "give the keys to jack", "a gift for rose": the one things are sent to or made for.
TO_GIVERS = frozenset("send give forward pass hand show lend post mail sent gave email text share".split())
GIFTS = frozenset("gift present presents card cake surprise treat flowers party".split())
GIFT_MAKERS = frozenset("buy get make bake order bought got made baked ordered pick choose wrap".split())
CONJUNCTIONS = frozenset("that and but so because when if until while since".split())
# A past-tense deed then "his"/"her": "frank refused his lunch", "ruby lost her glasses".
PAST_DEEDS = frozenset("""
took ate had lost left forgot broke brought wore made did hurt cut found missed threw drank spilled spilt
""".split())


_PHRASES_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _p in PERSON_PHRASES:
    _PHRASES_BY_LAST.setdefault(_p[-1], []).append(_p)


# Things made, kept or said for someone: "a lullaby for aanya", "date of birth for Aiyana", "a message for
# oluwaseun". Tickets, deals and parking "for" an unknown word are for an event or a place.
FOR_SOMEONE = frozenset("""
lullaby story song gift present card cake surprise treat flowers party birth birthday message note reminder
appointment booking reservation table room bed lunch dinner breakfast tea snack bottle medicine nappy nappies
clothes outfit costume kit uniform pickup collection lift ride bath bedtime ready something thanks
number passport phone email address details contact licence license visa prescription vaccine jab form
permission consent application
""".split())


def _for_someone(tokens: list[Token], i: int) -> bool:
    return any(t.low in FOR_SOMEONE for t in tokens[max(0, i - 4):i])


def _person_phrase(tokens: list[Token], j: int) -> bool:
    for phrase in _PHRASES_BY_LAST.get(tokens[j - 1].low, ()) if j > 0 else ():
        k = j - len(phrase)
        if k >= 0 and all(tokens[k + m].low == w for m, w in enumerate(phrase)):
            return True
    return False


def _slot_name(tok: Token, names: NameList, written: bool, places_ok: bool = False) -> bool:
    """A listed first name (even an everyday word: "hope", "amber") or a word no English has, but no
    month, country or town ("message from may", "visit paris")."""
    base = tok.base
    if not tok.is_word or base in _NEVER or base in countries() or (base in PLACES and not places_ok) or (
            written and not tok.text[0].isupper()):
        return False
    return base in names.first or base in names.household or unheard(tok, names)


def _month_visits(tokens: list[Token], i: int) -> bool:
    """A month that is also a name, doing what only a guest does: "may is staying", "june is coming over"."""
    lows = [t.low for t in tokens[i + 1:i + 5]] + ["", "", "", ""]
    if lows[0] not in ("is", "was", "'s", "will"):
        return False
    k = 2 if lows[0] == "will" and lows[1] == "be" else 1
    if lows[k] in ("staying", "sleeping", "visiting", "babysitting", "picking", "bringing"):
        return True
    return lows[k] in ("coming", "come") and (lows[k + 1] in ("over", "round", "around") or (
        lows[k + 1] == "to" and lows[k + 2] in ("stay", "visit", "dinner", "lunch", "tea", "babysit")))


def _given_to(tokens: list[Token], i: int, names: NameList, written: bool) -> bool:
    """The verb at i sends something "to" (or a gift "for") a name that ends the sentence."""
    n = len(tokens)
    last = n - 1 if n > 1 and not tokens[-1].is_alnum else n
    if last - i < 3 or last - i > 8:
        return False
    prep = tokens[last - 2].low
    gift = any(t.low in GIFTS for t in tokens[i + 1:last - 2])
    if not ((prep == "to" and tokens[i].low in TO_GIVERS) or (prep == "for" and gift)) or any(t.low in ("and", "then", ",") for t in tokens[i + 1:last]):
        return False
    tok = tokens[last - 1]
    return tok.low == tok.base and tok.base in names.first and _slot_name(tok, names, written)


def _did_with_own(tokens: list[Token], i: int, names: NameList, written: bool) -> bool:
    tok = tokens[i]
    if i + 2 >= len(tokens) or tokens[i + 2].low not in ("his", "her", "their") or tok.low != tok.base:
        return False
    verb = tokens[i + 1].low
    if not (verb in PAST_DEEDS or (verb.endswith("ed") and len(verb) > 4)) or (i > 0 and tokens[i - 1].low in (
            "the", "a", "an", "my", "your", "our", "his", "her", "their")):
        return False
    return _slot_name(tok, names, written) and not (written and not tok.text[0].isupper())


# Things only a person does, said right after the subject: even "bill", "hunter" or "rose" is then a person.
DEEDS = frozenset("""
says said wants wanted needs needed told asked texted thinks thought loves hates knows rang messaged promised
reckons wonders forgot remembered
""".split())
CARRIES = frozenset("left took brought borrowed lost forgot found dropped broke lent owes".split())
OWNERS = frozenset("her his their my our your".split())
SIGN_OFFS = frozenset("love regards cheers xoxo xx thanks yours".split())  # the word before a signature
PRONOUNS = frozenset("i we you they he she would 'd really".split())


def _does_deed(tokens: list[Token], i: int, names: NameList, written: bool) -> bool:
    """A listed word as the subject of what only people do, at the start of a clause."""
    tok = tokens[i]
    if i + 1 >= len(tokens) or not tok.is_word or tok.low != tok.base or tok.base in _NEVER \
            or tok.base in countries() or not names.is_listed(tok.base) or (written and not tok.text[0].isupper()):
        return False
    nxt = tokens[i + 1].low
    return nxt in DEEDS or (nxt in CARRIES and i + 2 < len(tokens) and tokens[i + 2].low in OWNERS)


def _signs(tokens: list[Token], j: int, names: NameList, written: bool) -> bool:
    """A name closing a message: the last word, or the last before the full stop."""
    if j >= len(tokens) or (j + 1 < len(tokens) and tokens[j + 1].is_alnum):
        return False
    tok = tokens[j]
    return tok.is_word and tok.base not in _NEVER and tok.base not in countries() and (
        not written or tok.text[0].isupper()) and (names.is_listed(tok.base) or (written and foreign(tok, names)))


def _subject(tokens: list[Token], j: int, names: NameList, written: bool, blocked: list[bool],
             is_name: list[bool], need_verb: bool, weak: bool = False) -> None:
    """One to three name-like words at j; with `need_verb`, followed by a word (the verb asked about).
    With `weak`, the first must be a listed name or unknown even as a proper noun (not a place)."""
    n = len(tokens)
    if weak and j < n and not (names.is_listed(tokens[j].base) or unheard(tokens[j], names)):
        return
    k = j
    while k < n and k - j < 3 and (_strong(tokens[k], names, written) or (
            k > j and foreign(tokens[k], names) and (not written or tokens[k].text[0].isupper()))):
        k += 1
    if k == j:
        return
    if need_verb and not written and k == j + 1 and tokens[j].base in AMBIGUOUS and not (
            k < n and tokens[k].low in WHEREABOUTS and tokens[j].base in names.first):
        return  # "what does bill mean", "the password is case sensitive" (but "is amber awake")
    if need_verb and not (k < n and tokens[k].is_word and tokens[k].base not in _NEVER):
        return
    if need_verb and weak and not written and k < n and tokens[k].low not in PERSON_STATES | DOING | WHEREABOUTS \
            and not tokens[k].low.endswith("ing") and all(foreign(tokens[m], names) for m in range(j, k)) \
            and not any(names.is_listed(tokens[m].base) for m in range(j, k)):
        return  # looks alone: "is pairc ui chaoimh sold out" names a ground (but "is kwame coming")
    if need_verb and weak and any(t.low in THING_STATES for t in tokens[k:k + 3]):
        return  # "Is Páirc Uí Chaoimh sold out", "Is Kyoto worth a visit"
    _mark(is_name, blocked, j, k)


def _strong(tok: Token, names: NameList, written: bool) -> bool:
    """A name whatever its neighbours: listed, or (spoken) unknown even as a proper noun, or (written)
    capitalised and no English word."""
    base = tok.base
    if not tok.is_word or base in _NEVER or base in countries():
        return False
    if written:
        return tok.text[0].isupper() and (names.is_listed(base) or foreign(tok, names))
    return names.is_listed(base) or unheard(tok, names)


# What is said of places and events, not people: "Is Páirc Uí Chaoimh sold out".
THING_STATES = frozenset("""
sold open closed shut worth flooded busy packed full cancelled postponed nice far safe expensive cheap beautiful
crowded pretty warm sunny rainy
""".split())
# What follows a person at the start of a sentence: "X is picking up", "X's birthday", "X needs".
DOING = frozenset("""
coming going picking bringing staying driving sleeping leaving visiting cooking arriving working getting
taking dropping walking flying joining having feeling playing
""".split())
BELONGINGS = frozenset("""
birthday phone number car keys room bag coat school class homework party lunch dinner appointment email
flight train bus mum mom dad wife husband address bedtime friend friends teacher shoes tablet laptop
""".split())


def _starts_clause(tokens: list[Token], i: int, names: NameList, written: bool) -> bool:
    """A name-like first word (listed first name or unknown even as a proper noun) as the subject."""
    tok = tokens[i]
    base = tok.base
    if not tok.is_word or base in _NEVER or base in AMBIGUOUS or (written and not tok.text[0].isupper()) or not (
            base in names.first or unheard(tok, names)):
        return False
    if tok.low != base:
        return i + 1 < len(tokens) and tokens[i + 1].low in BELONGINGS
    if i + 2 < len(tokens) and tokens[i + 1].low in ("is", "was", "'s") and tokens[i + 2].low in DOING:
        return True
    return i + 1 < len(tokens) and tokens[i + 1].low in PERSON_VERBS
