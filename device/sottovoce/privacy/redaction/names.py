"""Person names: listed names, names after cues ("call", "text", "my name is" ...), and the
household's own names.

Names that are also everyday words ("will", "mark", "grace", "bill", "green", "hall") count only
next to another name, after a cue, as the subject of what people do ("mark said ..."), with a
possessive, or when Whisper capitalises them mid-sentence. Word lists live in `namelists`.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.nameblocks import block_food, block_media_titles, block_places, block_teams
from sottovoce.privacy.redaction.namecontexts import block_thing_contexts
from sottovoce.privacy.redaction.namecues import (
    COLOURS_AND_LEVELS,
    CONTACT_VERBS,
    DETERMINERS,
    HOLIDAYS,
    MEDIA_CUES,
    MEDIA_PHRASES,
    NAME_LIKE_FUNCTION_WORDS,
    NOT_AFTER_POSSESSIVE,
    PARTICLES,
    PERSON_ACTIONS,
    PERSON_DEEDS,
    PERSON_STATES,
    PERSON_VERBS,
    PLACE_PREPOSITIONS,
    PLACES,
    SUBJECT_OK,
    TITLES,
    WEAK_FOR_MONTHS,
)
from sottovoce.privacy.redaction.namedeeds import (
    PHRASE_END,
    acts_like_person,
    appositive,
    asked_about,
    back_or_still,
    born_on,
    called_over,
    coming_to_do,
    did_to_own,
    followed_by_number,
    has_lesson,
    listed_with,
    messaged,
    month_beside_name,
    named_subject,
    owns_personal,
    paired_subjects,
    person_context,
    vocative,
    where_is,
)
from sottovoce.privacy.redaction.nameerrands import block_errands
from sottovoce.privacy.redaction.nameidioms import block_idioms
from sottovoce.privacy.redaction.namelists import (
    AMBIGUOUS,
    ASSISTANTS,
    BRANDS,
    FAMILY,
    MONTHS_AND_DAYS,
    NOT_CONTACTS,
    THINGS,
    NameList,
    common_words,
    countries,
    english_words,
    fold,
    load_names,
    proper_nouns,
)
from sottovoce.privacy.redaction.namemodel import NameModel
from sottovoce.privacy.redaction.nameroles import SIGN_OFFS, role_names
from sottovoce.privacy.redaction.namescore import scored_names
from sottovoce.privacy.redaction.nameslots import aux_inversion as _aux_inversion
from sottovoce.privacy.redaction.nameslots import capitalised_mid_sentence as _capitalised_mid_sentence
from sottovoce.privacy.redaction.nameslots import foreign, in_name_slot
from sottovoce.privacy.redaction.namethings import block_things
from sottovoce.privacy.redaction.numbers import COMPOUND_WORDS, DIGIT_WORDS, MAGNITUDE_WORDS, ORDINAL_WORDS
from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token, written_form

__all__ = ["NameList", "load_names", "name_spans"]

# Words after which a listed or capitalised word is a person, even an ambiguous one.
STRONG_CUES = (
    "call", "text", "tell", "message", "remind", "ask", "ring", "email", "ping", "invite", "meet", "phone",
    "dial", "notify", "warn", "facetime", "whatsapp", "dm", "thank", "congratulate", "wake", "pick up", "drop off",
    "my name is", "name is", "named", "called", "this is", "i'm", "i am", "it's", "dear", "hi", "hey", "hello",
    "good morning", "good night", "goodnight", "happy birthday",
    "meeting with", "lunch with", "dinner with", "call with", "appointment with", "date with", "from",
    "with", "for", "to", "and", "cc", "let", "collect", "fetch", "babysit", "hug",
)
# "my name is" takes even a name we do not know; the others only take listed or capitalised names.
INTRO_CUES = (("my", "name", "is"), ("name", "is"), ("name's",), ("i'm",), ("i", "am"),
              ("name", "on", "the", "card", "is"), ("name", "on", "the", "card", ":"), ("name", "on", "card", ":"),
              ("name", "on", "card", "is"), ("cardholder", "name", "is"), ("cardholder", "name", ":"),
              ("cardholder", "is"), ("name", "on", "the", "account", "is"), ("account", "holder", "is"),
              ("under", "the", "name"))
_GREETINGS = frozenset((("hi",), ("hey",), ("hello",), ("good", "morning"), ("good", "night"), ("goodnight",),
                        ("happy", "birthday")))
_INTRO_FIRST = frozenset(p[0] for p in INTRO_CUES)
NOT_BEFORE_PERSON = frozenset(("a", "an", "the", "saint", "st", "new", "san", "santa", "los", "las", "fort", "lake",
                               "loch", "lough", "cape", "isle", "mount", "storm", "hurricane", "typhoon",
                               "cyclone"))  # "Storm Ciara", "loch morar"
NOT_INTRO = FUNCTION_WORDS | FAMILY | TITLES | frozenset("""
not so very really just going here back home out ready done fine good sorry busy tired hungry late
calling looking trying sure afraid
""".split())


# Cue words that are also nouns: after "my", "the" ... they name a thing ("my phone bill").
_NOUN_CUES = frozenset("call text message email phone ring ping dm facetime whatsapp hug date".split())
_CUES_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _cue in sorted((tuple(c.split()) for c in STRONG_CUES), key=len, reverse=True):
    _CUES_BY_LAST.setdefault(_cue[-1], []).append(_cue)


def _cue_before(tokens: list[Token], i: int) -> tuple[str, ...] | None:
    if i == 0:
        return None
    for phrase in _CUES_BY_LAST.get(tokens[i - 1].low, ()):
        k = i - len(phrase)
        if k >= 0 and all(tokens[k + m].low == w for m, w in enumerate(phrase)):
            if len(phrase) == 1 and phrase[0] in _NOUN_CUES and k > 0 and tokens[k - 1].low in DETERMINERS:
                continue  # "pay my phone bill", "the text message": the noun, not the verb
            return phrase
    return None


def name_spans(tokens: list[Token], names: NameList, model: NameModel | None = None) -> list[Span]:
    n = len(tokens)
    written = written_form(tokens)
    # "a riddle", "the harry potter audiobook", "saint patrick's day", "New York": not people.
    blocked = [i > 0 and tokens[i - 1].low in NOT_BEFORE_PERSON
               or i > 1 and tokens[i - 1].low == "." and tokens[i - 2].low in ("st", "mt", "ft")  # "St. Patrick"
               or i + 1 < n and tokens[i].low != tokens[i].base and tokens[i + 1].low in ("day", "eve")
               for i in range(n)]  # "St. Patrick's Day"
    for i in range(1, n):
        if blocked[i - 1] and names.is_listed(tokens[i - 1].base) and names.is_listed(tokens[i].base):
            blocked[i] = True  # "the grace kelly song"
    for i in range(n - 1):
        if tokens[i + 1].low == "law" and tokens[i].low == "in":
            blocked[i + 1] = True  # "my brother in law joe"
        if tokens[i].low in ("storm", "hurricane", "typhoon", "cyclone"):
            blocked[i] = True  # "Storm Ciara has caused flooding": the storm and its name
    block_media_titles(tokens, names, written, blocked)
    block_places(tokens, names, written, blocked)
    block_things(tokens, names, written, blocked)
    block_teams(tokens, names, written, blocked)
    block_food(tokens, names, written, blocked)
    block_thing_contexts(tokens, names, written, blocked)
    block_idioms(tokens, names, written, blocked)
    block_errands(tokens, written, blocked)
    is_name = [tok.is_word and (tok.base in names.household
                                or (not blocked[i] and not _acronym(tok) and _is_person(tokens, i, names, written)))
               for i, tok in enumerate(tokens)]
    _introductions(tokens, names, is_name)
    role_names(tokens, names, written, blocked, is_name)
    scored_names(tokens, names, written, blocked, is_name)
    paired_subjects(tokens, names, blocked, is_name)
    if model is not None:
        model.add_names(tokens, names, written, blocked, is_name)
    _grow(tokens, names, written, blocked, is_name)
    for i in range(2, n):
        if is_name[i] and not is_name[i - 1] and tokens[i - 1].low in PARTICLES \
                and (tokens[i - 2].low in TITLES or tokens[i - 2].low in CONTACT_VERBS):
            is_name[i - 1] = True  # "ring father o mahony", "call dr van dyke"
    return [Span(tokens[_title_before(tokens, i) if i == 0 or not is_name[i - 1] else i].start,
                 tokens[i].base_end, "NAME", 1) for i in range(n) if is_name[i]]


def _acronym(tok: Token) -> bool:
    return len(tok.text) > 1 and tok.text.isupper()  # "IBAN", "NHS", "BMW"


def _title_before(tokens: list[Token], i: int) -> int:
    """Index where the name starts, taking in a title right before it ("Dr. Patel", "uncle bob"):
    annotators differ on whether the title is part of the name, and it says little without it."""
    j = i - 1
    if j > 0 and tokens[j].low == "." and tokens[j].start == tokens[j - 1].end:
        j -= 1
    return j if j >= 0 and tokens[j].low in TITLES else i


def _is_person(tokens: list[Token], i: int, names: NameList, written: bool) -> bool:
    """Whether token i on its own (with its cue and neighbours) is a person's name."""
    tok = tokens[i]
    base = tok.base
    if base in names.household:
        return True
    if tok.low in BRANDS and base in names.first and messaged(tokens, i):
        return True  # "Text Chase: we're leaving in five." (but "call chase about my card")
    if base in FAMILY or base in ASSISTANTS or base in TITLES or tok.low in BRANDS or base in HOLIDAYS \
            or base in countries() or base in ("double", "triple", "treble"):  # "call triple zero"
        return False
    if i > 0 and tokens[i - 1].low != tokens[i - 1].base and base in NOT_AFTER_POSSESSIVE:
        return False  # "Valentine's Day", "Mother's Day"
    listed = names.is_listed(base)
    capitalised = written and _capitalised_mid_sentence(tokens, i)
    prev = tokens[i - 1].low if i > 0 else ""
    if prev == "." and i > 1 and tokens[i - 2].low in TITLES:
        prev = tokens[i - 2].low  # "Dr. Okonkwo"
    if prev in PARTICLES and i > 1 and tokens[i - 2].low in TITLES:
        prev = tokens[i - 2].low  # "father o mahony", "Dr. van Dyke"
    is_foreign = foreign(tok, names) and (not written or tok.text[0].isupper())
    if (listed or is_foreign or (written and tok.text[0].isupper())) and prev.rstrip(".") in TITLES \
            and base not in MONTHS_AND_DAYS and base not in FUNCTION_WORDS:
        return True  # "uncle bob", "auntie sue", "Dr. Patel"
    media = prev in MEDIA_CUES or (i > 1 and (tokens[i - 2].low, prev) in MEDIA_PHRASES)
    if names.is_clear_given(base) and not media:
        return True
    if is_foreign and in_name_slot(tokens, i):
        return True  # "ring dmitri", "add rahul", "Send a message to Tendai"
    if named_subject(tokens, i, names, written):
        return True  # "jamal washington said", "Precious Dlamini will pick up the kids"
    cue = _cue_before(tokens, i)
    if cue is not None:
        weak = cue[-1] in WEAK_FOR_MONTHS
        if base in MONTHS_AND_DAYS and cue[-1] in CONTACT_VERBS and i + 1 < len(tokens) \
                and tokens[i + 1].low in ("to", "that"):
            return True  # "Tell Sunday to bring the car round", "remind june that ...": told, so a person
        if base in MONTHS_AND_DAYS and (weak or followed_by_number(tokens, i)):
            return False  # "set the alarm for june", "remind me may fifth"
        first_like = base not in AMBIGUOUS or base in names.first or capitalised  # not "it's good"
        if listed and first_like and (not weak or (base in names.first and (base not in FUNCTION_WORDS or (
                                        base in NAME_LIKE_FUNCTION_WORDS and cue[-1] != "and"
                                        and _ends_phrase(tokens, i, names) and not _aux_inversion(tokens, i)))
                                    and (base not in THINGS or base in SUBJECT_OK) and base not in PLACES
                                    and (base not in AMBIGUOUS or _ends_phrase(tokens, i, names)))):
            return True
        if capitalised and not weak and base not in FUNCTION_WORDS and base not in MONTHS_AND_DAYS \
                and base not in NOT_CONTACTS:
            return True  # "Call Xiomara"
        if capitalised and weak and listed and base not in MONTHS_AND_DAYS and base not in PLACES \
                and base not in COLOURS_AND_LEVELS:
            return True  # "Dinner with Will", "a gift for Rose": Whisper capitalises the person, not the thing
        if cue in _GREETINGS and tok.text.isalpha() and base not in english_words() and base not in common_words() \
                and base not in FAMILY and (i + 1 == len(tokens) or not tokens[i + 1].is_word
                                            or tokens[i + 1].low in FUNCTION_WORDS):
            return True  # "good night kels", "good morning zee did you sleep well"
        if cue[-1] in CONTACT_VERBS and len(cue) == 1 and _unknown_word(tok, names) and not (
                i > 1 and tokens[i - 2].low in DETERMINERS):
            return True  # "call siobhan": whoever you call, text or remind by name is a person
    if written and listed and base in names.first and base not in MONTHS_AND_DAYS and tok.text[0].isupper() \
            and (i == 0 or tokens[i - 1].low in (".", "!", "?")) and i + 1 < len(tokens) and tokens[i + 1].low == ",":
        return True  # "Will, dinner is ready."
    if (listed and base in names.first or base in MONTHS_AND_DAYS) and (
            has_lesson(tokens, i) or coming_to_do(tokens, i) or owns_personal(tokens, i)):
        return True  # "June has piano at 4:30", "Sunday is coming to fix the roof", "June's passport number"
    if (listed and base in names.first or is_foreign) and base not in common_words() and (
            owns_personal(tokens, i) or called_over(tokens, i)):
        return True  # "Tavita's Medicare number", "malia come to the kitchen please"
    if written and is_foreign and vocative(tokens, i):
        return True  # "Announce: Ire, Dami, dinner is ready!"
    if tok.is_word and base not in FUNCTION_WORDS and born_on(tokens, i) and (
            listed or is_foreign or written and tok.text[0].isupper() and fold(base) not in proper_nouns()):
        return True  # "Vy was born on March 8, 2013." (not "Mozart was born on ...")
    if written and tok.is_word and base not in FUNCTION_WORDS and appositive(tokens, i):
        return True  # "Call the aircon servicing guy, Ah Huat, on 8122 0937."
    if prev in TITLES and i > 1 and tokens[i - 2].low in _SINGLE_WORD_CUES and tok.is_word and i + 1 == len(tokens) \
            and base not in PHRASE_END and base not in DIGIT_WORDS:
        return True  # "ring granda paddy": whoever is called with a title is a person
    if base not in FUNCTION_WORDS and base not in BRANDS and base not in THINGS and tok.is_word and not (
            written and not tok.text[0].isupper()) and (where_is(tokens, i) or did_to_own(tokens, i)):
        return True  # "is june home yet", "Is Chance awake?", "did august finish his chores"
    if listed and base in names.first and base not in MONTHS_AND_DAYS and (
            ((base not in THINGS or base in SUBJECT_OK) and acts_like_person(tokens, i))
            or asked_about(tokens, i) or tok.low != base):
        return True  # "mark is at the door", "grace said yes", "is will's phone charged"
    if tok.low == base and base not in BRANDS and base not in FUNCTION_WORDS and back_or_still(tokens, i):
        return True  # "is lea back from skating", "Is River still asleep?"
    if not listed and _unknown_word(tok, names) and base not in common_words() and base not in BRANDS \
            and (not written or tok.text[0].isupper()) and where_is(tokens, i):
        return True  # "is kwame home", "Is Thandiwe awake?"
    if not written and not listed and _unknown_word(tok, names) and base not in common_words() \
            and base not in BRANDS and i + 1 < len(tokens) and tokens[i + 1].low in PERSON_DEEDS \
            and not (i > 0 and tokens[i - 1].low in DETERMINERS):
        return True  # spoken "olumide said he's late"
    if written and not listed and tok.text[0].isupper() and _unknown_word(tok, names) and base not in BRANDS \
            and base not in common_words() and base not in HOLIDAYS and person_context(tokens, i, capitalised):
        return True  # "Olumide said he's late", "Is Thandiwe coming?", "dinner with Kwame", "Siobhan's keys"
    if listed and fold(base) in names.first and capitalised and base not in MONTHS_AND_DAYS and not media and prev not in PLACE_PREPOSITIONS \
            and not (i > 1 and tokens[i - 1].text[0].isupper() and _capitalised_mid_sentence(tokens, i - 1)
                     and not names.is_listed(prev)) \
            and not (i + 1 < len(tokens) and tokens[i + 1].text[0].isupper()
                     and not names.is_listed(tokens[i + 1].base)):
        return True  # "Is Grace home?" (but not "Play Summer Nights")
    return False


def _introductions(tokens: list[Token], names: NameList, is_name: list[bool]) -> None:
    """ "my name is xiomara okafor": up to two words after an introduction, even unlisted."""
    n = len(tokens)
    for i in range(n):
        if tokens[i].low not in _INTRO_FIRST:
            continue
        for phrase in INTRO_CUES:
            if i + len(phrase) <= n and all(tokens[i + m].low == w for m, w in enumerate(phrase)):
                j = i + len(phrase)
                if phrase in (("i'm",), ("i", "am")) and not (
                        j < n and (is_name[j] or names.is_listed(tokens[j].base))):
                    continue  # "i'm hungry" is not an introduction
                taken = 0
                while j < n and taken < 2 and tokens[j].is_word and tokens[j].base not in NOT_INTRO:
                    is_name[j] = True
                    j += 1
                    taken += 1
                if taken == 2 and j < n and tokens[j].is_word and tokens[j].base not in NOT_INTRO and (
                        tokens[j].base in names.last or foreign(tokens[j], names)):
                    is_name[j] = True  # "my name is mei ling tan"
                break


def _unknown_word(tok: Token, names: NameList) -> bool:
    low = tok.low
    return (tok.text.isalpha() and len(low) >= 3 and not low.endswith(("ing", "ly", "ed", "s"))
            and low not in FUNCTION_WORDS and low not in NOT_CONTACTS
            and low not in FAMILY and low not in MONTHS_AND_DAYS and low not in DIGIT_WORDS
            and low not in COMPOUND_WORDS and low not in MAGNITUDE_WORDS and low not in ORDINAL_WORDS)


_SINGLE_WORD_CUES = frozenset(c for c in STRONG_CUES if " " not in c) | CONTACT_VERBS


def _grow(tokens: list[Token], names: NameList, written: bool, blocked: list[bool], is_name: list[bool]) -> None:
    """Neighbours of a name that are names too: "will smith", "john white", "John Okafor", "emma and jack"."""
    n = len(tokens)
    changed = True
    while changed:
        changed = False
        # Both directions each round, so a long run grows in one round rather than one word per round.
        for i in (*range(n), *range(n - 1, -1, -1)):
            if is_name[i]:
                continue
            tok = tokens[i]
            base = tok.base
            if base in MONTHS_AND_DAYS and not blocked[i] and month_beside_name(tokens, i, is_name):
                is_name[i] = True  # "Hollis and June need to be picked up"
                changed = True
                continue
            if is_name[i] or blocked[i] or not tok.is_word or base in FAMILY or base in MONTHS_AND_DAYS \
                    or base in countries() \
                    or base in _SINGLE_WORD_CUES or (
                    base in FUNCTION_WORDS and base not in NAME_LIKE_FUNCTION_WORDS):
                continue
            if base in NAME_LIKE_FUNCTION_WORDS and i + 1 < n and tokens[i + 1].is_word and not is_name[i + 1]:
                continue  # "Precious Dlamini will pick up": the verb
            if base in NAME_LIKE_FUNCTION_WORDS and (i == 0 or tokens[i - 1].low in ".!?") and i + 2 < n \
                    and tokens[i + 2].low in ("be", "have", "come", "go", "get", "stay", "need", "want", "like"):
                continue  # "Will Hope be at the party?": the auxiliary asking about her
            left = i > 0 and is_name[i - 1] and tokens[i - 1].low == tokens[i - 1].base
            if not left and base in SIGN_OFFS:
                continue  # "love beata": the sign-off, not a surname
            right = i + 1 < n and is_name[i + 1]
            listed = names.is_listed(base)
            capitalised = written and _capitalised_mid_sentence(tokens, i)
            if i > 1 and is_name[i - 2] and tokens[i - 1].low in ("and", "or", "&", ",") and (
                    capitalised if written else listed and base not in NAME_LIKE_FUNCTION_WORDS):
                left = True  # "emma and jack", "Chris and Pat"
            if i + 2 < n and is_name[i + 2] and tokens[i + 1].low in ("and", "or", "&") and (
                    (capitalised or listed and tok.text[0].isupper()) if written else (listed or foreign(tok, names)) and base not in NAME_LIKE_FUNCTION_WORDS):
                right = True  # "ruby and alfie", "sanjay and anjali patel"
            if i > 1 and is_name[i - 2] and tokens[i - 1].low == "-" and \
                    tokens[i - 2].end == tokens[i - 1].start and tokens[i - 1].end == tok.start:
                left = True  # "Jean-Luc"
            is_foreign = foreign(tok, names) and (not written or tok.text[0].isupper()) and base not in NOT_SURNAME
            k = i + 2 if i + 2 < n and tokens[i + 1].low in PARTICLES and base in PARTICLES else i + 1
            if left and base in PARTICLES and k < n and tokens[k].is_word and (
                    tokens[k].text[0].isupper() if written else tokens[k].low not in PHRASE_END
                    and tokens[k].low not in DIGIT_WORDS):
                for m in range(i, k + 1):
                    is_name[m] = True  # "fatima al sayed", "Pieter van der Merwe"
                changed = True
            elif i > 1 and is_name[i - 2] and tokens[i - 1].low in ("and", "or", "&") and is_foreign:
                is_name[i] = True  # "video call ama and kofi"
                changed = True
            elif (left or right) and (listed or capitalised or is_foreign):
                is_name[i] = True
                changed = True
            elif not written and listed_with(tokens, i, is_name) and base not in NOT_SURNAME \
                    and base not in THINGS:
                is_name[i] = True  # "text reed and cliff about the fishing trip"
                changed = True
            elif not written and left and len(base) == 2 and base.isalpha() and foreign(tokens[i - 1], names) \
                    and base not in english_words():
                is_name[i] = True  # "call xin yi": a two-syllable given name
                changed = True
            elif not written and left and tokens[i - 1].base in names.first and _unknown_word(tok, names) \
                    and base not in common_words() and base not in NOT_SURNAME \
                    and (base not in english_words() or base in proper_nouns()):  # not "beryl forgot her pills"
                is_name[i] = True  # spoken "john okafor": an unlisted word right after a first name is the surname
                changed = True


def _ends_phrase(tokens: list[Token], i: int, names: NameList) -> bool:
    """ "lunch with grace on friday", "a gift for grace": not "songs from abbey road"."""
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1]
    return not nxt.is_alnum or nxt.low in PHRASE_END or names.is_listed(nxt.base)


NOT_SURNAME = TITLES | NOT_INTRO | PERSON_VERBS | PERSON_STATES | PERSON_ACTIONS
