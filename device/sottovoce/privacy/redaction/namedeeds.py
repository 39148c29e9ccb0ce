"""What only a person does or is asked about: the contexts that make a word a name even when it is also
a month, a brand or an everyday word ("is june home yet", "did maureen ring back", "June has piano at
4:30", "Text Chase: we're leaving", "mark said"), or is joined by "and" to someone named ("Hollis and
June"). Predicates over tokens, used by `names`."""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import (
    CONTACT_VERBS,
    NOT_AFTER_POSSESSIVE,
    PERSON_ACTIONS,
    PERSON_STATES,
    PERSON_VERBS,
    QUESTION_AUX,
    SUBJECT_NEXT,
    WHEREABOUTS,
)
from sottovoce.privacy.redaction.namelists import MONTHS_AND_DAYS, NameList
from sottovoce.privacy.redaction.nameslots import foreign, unheard
from sottovoce.privacy.redaction.numbers import COMPOUND_WORDS, DIGIT_WORDS, ORDINAL_WORDS
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["PHRASE_END", "acts_like_person", "appositive", "asked_about", "back_or_still", "born_on", "called_over",
           "coming_to_do", "did_to_own", "followed_by_number", "has_lesson", "listed_with", "messaged",
           "month_beside_name", "named_subject", "owns_personal", "paired_subjects", "person_context", "vocative",
           "where_is"]


def where_is(tokens: list[Token], i: int) -> bool:
    """ "is kwame home": only a person is asked about like that."""
    return 0 < i < len(tokens) - 1 and tokens[i - 1].low in ("is", "was", "are") \
        and tokens[i + 1].low in WHEREABOUTS


_LESSON_WHEN = frozenset("at after on tonight tomorrow today until till from".split())
_HELPING = frozenset("fix help clean pick collect stay visit babysit mow cut paint look check drop see sit walk"
                     .split())
# What belongs to a person, not to a month or a day: "June's passport number", not "Sunday's match".
_PERSONAL = frozenset("""
passport phone mobile number email birthday teacher school homework keys bag car room friend friends mum dad mom
shoes coat bike inhaler pills medicine medication glasses uniform kit health ni medicare office national licence
license social tax nhs pps sin ssn insurance id
""".split())
# Who is named right after, between commas: "Call the aircon technician, Mang Boy Santiago, on ...".
_ROLES = frozenset("""
guy man lady woman technician plumber electrician mechanic builder contractor cleaner driver tutor teacher coach
nanny babysitter neighbour neighbor landlord landlady gardener handyman accountant lawyer carpenter painter roofer
locksmith caretaker manager boss friend colleague agent
""".split())
_COME_WHERE = frozenset("to here down downstairs upstairs inside back and eat quick".split())


def has_lesson(tokens: list[Token], i: int) -> bool:
    """ "June has piano at 4:30", "august has swimming after school": a lesson or practice, then when."""
    if i + 3 >= len(tokens) or tokens[i + 1].low != "has":
        return False
    for k in (i + 2, i + 3):
        if not tokens[k].is_word or tokens[k].low in FUNCTION_WORDS:
            return False
        if k + 1 < len(tokens) and tokens[k + 1].low in _LESSON_WHEN:
            return True
    return False


def coming_to_do(tokens: list[Token], i: int) -> bool:
    """ "Sunday is coming to fix the roof": someone coming to do something (not "summer is coming to an end")."""
    return i + 4 < len(tokens) and tokens[i + 1].low == "is" and tokens[i + 2].low == "coming" \
        and tokens[i + 3].low == "to" and tokens[i + 4].low in _HELPING


def owns_personal(tokens: list[Token], i: int) -> bool:
    return tokens[i].low != tokens[i].base and i + 1 < len(tokens) and tokens[i + 1].low in _PERSONAL


def appositive(tokens: list[Token], i: int) -> bool:
    return i > 1 and tokens[i - 1].low == "," and tokens[i - 2].low in _ROLES and tokens[i].text[:1].isupper()


def called_over(tokens: list[Token], i: int) -> bool:
    """ "malia come to the kitchen please": called by name, at the start."""
    return i == 0 and len(tokens) > 2 and tokens[1].low == "come" and tokens[2].low in _COME_WHERE


def messaged(tokens: list[Token], i: int) -> bool:
    """Sent words, not called about: "text chase that ...", "Tell Chase: ...", "message chase" ending the line."""
    return 0 < i and tokens[i - 1].low in ("text", "message", "tell", "remind") and (
        i + 1 == len(tokens) or tokens[i + 1].low in (":", ",", "that", "to", "saying", "i'm", "we're"))


_OWN = frozenset("his her their him back".split())
_SAID = frozenset("say said reply text ring answer".split())


def did_to_own(tokens: list[Token], i: int) -> bool:
    """ "did august finish his chores", "did mere take her togs", "has maureen rung back": someone who
    did something to what is theirs; or who is asked what they said ("what did horatio say")."""
    if 0 < i < len(tokens) - 1 and tokens[i - 1].low == "did" and tokens[i + 1].low in _SAID \
            and (i == 1 or tokens[i - 2].low in ("what", "when", "why", "how")):
        return True  # "what did horatio say in his last message", "did tomas reply"
    return 0 < i < len(tokens) - 2 and tokens[i - 1].low in ("did", "has", "will", "can", "could") \
        and tokens[i + 1].is_word and tokens[i + 1].low not in FUNCTION_WORDS and tokens[i + 2].low in _OWN


_STILL = frozenset("asleep awake sick at home upstairs downstairs".split())


def back_or_still(tokens: list[Token], i: int) -> bool:
    """ "is lea back from skating", "is river still asleep": asked about like that, only a person."""
    if not 0 < i < len(tokens) - 2 or tokens[i - 1].low not in ("is", "was"):
        return False
    nxt, after = tokens[i + 1].low, tokens[i + 2].low
    return (nxt == "back" and after in ("from", "home")) or (nxt == "still" and after in _STILL)


def asked_about(tokens: list[Token], i: int) -> bool:
    """ "did rose call", "is frank coming", "has grace left": a question about what someone did."""
    if i == 0 or i + 1 >= len(tokens) or tokens[i - 1].low not in QUESTION_AUX:
        return False
    return tokens[i + 1].low in PERSON_ACTIONS


def acts_like_person(tokens: list[Token], i: int) -> bool:
    """ "mark said", "grace is home", "bill will be late": a subject doing what people do."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1].low
    if nxt in PERSON_VERBS:
        return True
    if nxt in ("is", "was", "'s") and i + 2 < len(tokens):
        return tokens[i + 2].low in PERSON_STATES
    return False


def month_beside_name(tokens: list[Token], i: int, is_name: list[bool]) -> bool:
    """A month or day joined by "and" to a name that is no month: "Hollis and June", "june and hollis"."""
    if followed_by_number(tokens, i):
        return False
    for k, conj in ((i - 2, i - 1), (i + 2, i + 1)):
        if 0 <= k < len(tokens) and is_name[k] and tokens[conj].low in ("and", "&") \
                and tokens[k].base not in MONTHS_AND_DAYS:
            return True
    return False


_AFTER_LIST = frozenset("about that to saying for at on tonight tomorrow today".split())


def listed_with(tokens: list[Token], i: int, is_name: list[bool]) -> bool:
    """The second of two people a message goes to, ending the list: "text reed and cliff about the trip"."""
    return 2 < i and is_name[i - 2] and tokens[i - 1].low == "and" and tokens[i - 3].low in CONTACT_VERBS \
        and tokens[i].is_word and tokens[i].low not in FUNCTION_WORDS \
        and (i + 1 == len(tokens) or tokens[i + 1].low in _AFTER_LIST)


def followed_by_number(tokens: list[Token], i: int) -> bool:
    if i + 1 >= len(tokens):
        return False
    low = tokens[i + 1].low
    return low[:1].isdigit() or low in DIGIT_WORDS or low in COMPOUND_WORDS or low in ORDINAL_WORDS


_PAIR_VERBS = frozenset("are were have had need want".split())
_GROWING = frozenset("blooming flowering growing planted wilting".split())


def paired_subjects(tokens: list[Token], names: NameList, blocked: list[bool], is_name: list[bool]) -> None:
    """Two first names opening a sentence as the subject of what people are or have: "Faith and Grace are
    twins", "chase and river have a play date" (not "Rose and Lily are blooming")."""
    n = len(tokens)
    for i in range(n - 3):
        if i > 0 and tokens[i - 1].low not in (".", "!", "?"):
            continue
        j = i + 2
        if tokens[i + 1].low not in ("and", "&") or tokens[j + 1].low not in _PAIR_VERBS \
                or (j + 2 < n and tokens[j + 2].low in _GROWING):
            continue
        if all(tokens[k].is_word and tokens[k].low == tokens[k].base and tokens[k].base in names.first
               and tokens[k].base not in MONTHS_AND_DAYS and not blocked[k] for k in (i, j)):
            is_name[i] = is_name[j] = True


# Words that end the phrase a name stands in: "lunch with grace on friday".
PHRASE_END = FUNCTION_WORDS | frozenset("""
tomorrow today tonight later now soon please thanks monday tuesday wednesday thursday friday saturday sunday
next this morning afternoon evening
""".split())


def person_context(tokens: list[Token], i: int, mid_sentence: bool) -> bool:
    """Where an unknown capitalised word can only be a person: subject of "said"/"wants", asked about,
    after "with", or owning something."""
    tok = tokens[i]
    if i + 1 < len(tokens) and tokens[i + 1].low in PERSON_VERBS:
        return True
    if asked_about(tokens, i):
        return True
    if mid_sentence and tokens[i - 1].low == "with":
        return True
    if mid_sentence and tok.low != tok.base:
        return not (i + 1 < len(tokens) and tokens[i + 1].low in NOT_AFTER_POSSESSIVE)
    return False


def named_subject(tokens: list[Token], i: int, names: NameList, written: bool) -> bool:
    """A first and last name, one of them no English word, as the subject of what people do."""
    for a in (i - 1, i):
        b = a + 1
        if a < 0 or b + 1 >= len(tokens) or tokens[b + 1].low not in SUBJECT_NEXT:
            continue
        x, y = tokens[a], tokens[b]
        if not (x.is_word and y.is_word and x.low == x.base) or x.low in FUNCTION_WORDS or y.low in FUNCTION_WORDS:
            continue
        # One of the two must be a listed name or a word unknown even as a proper noun: not "Real Madrid
        # will win", "Manchester United has signed".
        x_name = names.is_listed(x.base) or unheard(x, names)
        y_name = names.is_listed(y.base) or unheard(y, names)
        if written:
            ok = x.text[0].isupper() and y.text[0].isupper() and (
                (x.base in names.first and foreign(y, names)) or (unheard(y, names) and x.low not in PHRASE_END)
                or (x_name and y_name and (foreign(x, names) or foreign(y, names))))
        else:
            ok = (x_name and y_name and (foreign(x, names) or foreign(y, names))) or (
                x.base in names.first and foreign(y, names)) or (foreign(x, names) and y.base in names.last)
        if ok:
            return True
    return False


def born_on(tokens: list[Token], i: int) -> bool:
    """ "Vy was born on March 8, 2013.": whose birth date is given is a person."""
    return [t.low for t in tokens[i + 1:i + 4]] == ["was", "born", "on"]


def vocative(tokens: list[Token], i: int) -> bool:
    """Set off by commas, as one is spoken to: "Announce: Ire, Dami, dinner is ready!", "lights out, Lwazi."."""
    if not 0 < i < len(tokens) - 1:
        return False
    before, after = tokens[i - 1].low, tokens[i + 1].low
    return before == ":" and after == "," or before in (",", ":") and after in (".", "!", "?")  # not "ghee, Maggi, and"
