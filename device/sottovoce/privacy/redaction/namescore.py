"""Names by weighed evidence: how much a word looks like a name, plus the person slots it sits in.

The rules in `names` and `nameroles` each need one strong sign. Names in new wordings often give
two weaker ones instead: "norm" is no listed name but sits after "my neighbour" and owns "the spare
key"; "chase" is a bank as often as a boy, but "text chase that practice is cancelled" only fits a
person. So each word left over gets a score: its look (no English word, a listed first name, a
proper noun, capitalised mid-sentence in Whisper's form) plus each person slot it fills (after a
title or a carer/neighbour/friend, subject of "has ballet"/"is off sick", "has X booked", the object
of "text X that", "drop in on X", "add X to the group chat", "X from the agency", "X or Y" in a
question about people, "his"/"her" later on), and is a name above a threshold. Words with a common
everyday sense in that place ("the bill", "may i", "summer sale") are vetoed before scoring.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import (
    DETERMINERS,
    HOLIDAYS,
    NOT_AFTER_POSSESSIVE,
    PERSON_STATES,
    PLACES,
    TITLES,
)
from sottovoce.privacy.redaction.namelists import (
    ASSISTANTS,
    BRANDS,
    FAMILY,
    MONTHS_AND_DAYS,
    NOT_CONTACTS,
    NameList,
    common_words,
    countries,
    english_words,
    proper_nouns,
)
from sottovoce.privacy.redaction.nameslots import foreign
from sottovoce.privacy.redaction.numbers import COMPOUND_WORDS, DIGIT_WORDS, ORDINAL_WORDS
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["scored_names", "look", "slots"]

THRESHOLD = 3.5
_VETO = (FUNCTION_WORDS | FAMILY | NOT_CONTACTS | ASSISTANTS | BRANDS | HOLIDAYS | TITLES | frozenset(DIGIT_WORDS)
         | frozenset(COMPOUND_WORDS) | frozenset(ORDINAL_WORDS)
         | frozenset("he she him hers they them we us everyone someone nobody who".split())) - frozenset(("will", "may", "mark", "bill", "pat"))
# Titles that go with a first name even when it is also a month ("Auntie May", "grandpa ken").
KIN_TITLES = frozenset("uncle aunt auntie aunty grandma grandpa granny grandad granddad nana gran nan cousin".split())
# People who come into a home by their role: "my neighbour norm", "the carer today is blessing".
ROLES = frozenset("""
neighbour neighbor carer caregiver nurse cleaner babysitter nanny childminder friend mate colleague boss
teacher tutor coach driver landlord landlady plumber electrician builder gardener physio therapist
housemate flatmate roommate partner boyfriend girlfriend husband wife fiance fiancee godson goddaughter
stepson stepdaughter helper assistant manager
""".split())
# Where people come from: "precious from the agency is covering sunday".
ORGS = frozenset("""
agency office school work church nursery council surgery clinic practice team club bank hospital pharmacy
gym choir mosque temple synagogue
""".split())
# What a person has on: "dev has football practice", "Aiyana has a dentist appointment".
ENGAGEMENTS = frozenset("""
practice ballet appointment lesson lessons class classes training rehearsal homework exam exams test match
swimming football rugby cricket netball tennis piano violin guitar drums karate judo gymnastics dance
dancing school nursery work shift cold fever temperature flu chickenpox covid appointment
playdate sleepover party club tuition choir scouts brownies cubs nits rash cough earache measles tonsillitis
conjunctivitis sickness hockey basketball baseball soccer softball volleyball badminton squash lacrosse hurling
camogie footy cheer cheerleading orchestra band drama chess coding robotics swim gym athletics archery fencing
""".split())
# Clause openers: a word right after one is the clause's subject.
OPENERS = frozenset(("that", "and", "but", "so", "because", "if", "when", "while", "until", "unless", "sure", "whether",
                     "says", "said", "thinks", "reckons", "think", "reckon", "guess", "bet", ".", ",", "!", "?", ";"))
# Visiting and checking on someone: "drop in on holly", "check on gran", "pop round to X".
VISITS = tuple(tuple(p.split()) for p in (
    "drop in on", "pop in on", "look in on", "check in on", "check on", "call in on", "call on", "pop round to",
    "go round to", "stay with", "staying with", "sit with", "new contact", "add contact", "contact",
    "contact card for", "number for", "birthday card for", "happy birthday", "happy anniversary", "picking up",
    "pick up", "collecting", "dropping off", "drop off"))
_VISITS_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _v in VISITS:
    _VISITS_BY_LAST.setdefault(_v[-1], []).append(_v)
_AFTER_VISIT = frozenset("today tomorrow tonight later number on at this next after before and when please love".split())
GROUPS = frozenset("group chat chats thread call rota contacts whatsapp conversation invite guest guests invites"
                   .split())
OWNERS = frozenset("my our your his her their".split())  # not "the carer rota"
_NOT_AFTER = DETERMINERS - frozenset(("that",))  # "text X that tobi is off sick": "that" opens a clause
ACTS = frozenset("has had is was will said says can can't won't wants needs left came".split())
DETS = frozenset("a an the his her their".split())
KIT = frozenset("dentist doctor doctors spare key keys car vet nap check-up checkup jab cough rash".split())
MODALS = frozenset("will won't can can't cannot should must might".split())
MODAL_DEEDS = frozenset("be come make need pick bring stay call ring have join sleep eat visit".split())
PAST = frozenset("""
forgot lost left took ate broke brought wore made hurt cut found missed drank spilled spilt fell got went came
""".split())
KIN_THINGS = frozenset("""
parents parent parents' mum mom dad mother father teacher teachers friend friends school class nursery birthday party bedtime homework
medicine inhaler lunchbox lunch shoes coat kit uniform bike room cot dentist doctor appointment
""".split())
PICKUP_PLACES = frozenset("school nursery practice training club work swimming football ballet college daycare".split())
ASKED = frozenset("can could may should".split())
ASKED_FOR = frozenset("have come go stay sleep join borrow bring watch".split())
GROUP_PEOPLE = frozenset("twins triplets kids children boys girls grandkids grandchildren".split())
CARE_VERBS = frozenset("wake feed bath bathe dress settle cuddle hug kiss collect fetch".split())
SENDERS = frozenset("send email text forward whatsapp message".split())
APPS = frozenset("""
onedrive dropbox icloud gdrive kindle spotify sonos whatsapp signal telegram slack outlook gmail printer tv
chromecast firestick roku airplay bluetooth evernote notion trello todoist onenote pinterest instagram
""".split())
LIFTS = frozenset("lift ride ticket permission note kit packed".split())
RINGERS = frozenset("ring call phone text message facetime".split())
SPOUSES = frozenset("wife husband partner kids children son daughter girlfriend boyfriend mum mom dad".split())
SEASONS = frozenset("summer autumn winter spring fall".split())
PERSON_ING = frozenset("""
feeling working sleeping coming going staying driving bringing cooking picking visiting getting studying
waiting leaving arriving napping resting revising babysitting
""".split())
MEALS = frozenset("coffee lunch dinner drinks breakfast brunch tea a".split())
PEOPLE_WORDS = frozenset("who whose he she his her him hers they rota carer carers".split())
PARTICIPLES = frozenset("""
booked finished done gone eaten taken seen been written sent paid left got called rung texted replied
arrived come fed signed packed had picked collected paid bought made said taken woken slept
""".split())


def look(tok: Token, names: NameList, written: bool, mid: bool) -> float:
    """How much the word itself looks like a person's name, 0 (an everyday word) to 3."""
    base = tok.base
    if foreign(tok, names):
        score = 2.0
    elif names.is_listed(base):
        score = 0.5 if base in common_words() else 1.5
    elif base in proper_nouns():
        score = 1.0
    else:
        score = 0.0  # an everyday word: only two slots together make it a name ("my neighbour norm has ...")
    if written and mid and tok.text[0].isupper():
        score += 1.0
    return score


def _phrase_before(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    k = i - len(phrase)
    return k >= 0 and all(tokens[k + m].low == w for m, w in enumerate(phrase))


def _opens(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].low in OPENERS


def slots(tokens: list[Token], i: int, names: NameList, written: bool = False,
          is_name: list[bool] | None = None) -> float:
    """The person slots word i fills, each worth 1 to 3."""
    n = len(tokens)
    is_name = is_name or [False] * n
    prev = tokens[i - 1].low if i > 0 else ""
    nxt = tokens[i + 1].low if i + 1 < n else ""
    after = tokens[i + 2].low if i + 2 < n else ""
    score = 0.0
    if prev in ("law", "-law") and i > 1 and tokens[i - 2].low in ("in", "-"):
        prev = "aunt"  # "my sister in law bernie": a kin title like any other
    if prev in KIN_TITLES or (prev in ROLES and i > 1 and tokens[i - 2].low in OWNERS):
        score += 3  # "tell grandpa ken", "my neighbour norm"
    if prev in ("is", "was") and (i + 1 == n or not tokens[i + 1].is_alnum) and any(
            t.low in ROLES for t in tokens[max(0, i - 5):i - 1]):
        score += 3  # "the carer today is blessing"
    if _opens(tokens, i) or prev in ROLES or prev in KIN_TITLES:  # "my neighbour norm has the spare key"
        if nxt == "has" and (after in ENGAGEMENTS or after in DETS and any(
                t.low in ENGAGEMENTS or t.low in KIT for t in tokens[i + 3:i + 5])):
            score += 3  # "dev has football practice", "norm has the spare key"
        if nxt == "from" and after in ("the", "my", "our") and i + 3 < n and tokens[i + 3].low in ORGS:
            score += 3  # "precious from the agency is covering"
        if nxt in ("is", "was") and tokens[i].base not in SEASONS and (after in PERSON_STATES or after == "off" or (
                after.endswith("ing") and after not in ("raining", "snowing", "working", "running", "showing"))):
            score += 2  # "that tobi is off sick", "Esperanza is bringing dessert"
            if i == 0 and (after in PERSON_STATES or after in PERSON_ING):
                score += 1  # the very first word, so no "the" was dropped: "bill is at the door"
    if _opens(tokens, i) and nxt in PAST and after in ("the", "my", "our", "your", "his", "her", "their", "all"):
        score += 2  # "i think nkem took the charger"
    if _opens(tokens, i) and nxt in MODALS and after in MODAL_DEEDS:
        score += 2  # "Kwabena won't be in today", "tunde can come too"
    if _opens(tokens, i) and nxt and (nxt.endswith("ed") or nxt in PAST or nxt in ("needs", "wants", "has")) \
            and any(t.low in ("his", "her", "he", "she", "him") for t in tokens[i + 2:i + 6]):
        score += 2  # "Tunde forgot his lunch", "Ama needs her inhaler"
    if tokens[i].low != tokens[i].base and nxt in KIN_THINGS:
        score += 2  # "pick up tobi's medicine", "ring Ama's teacher"
    if (prev == "and" and i > 1 and tokens[i - 2].low == "me") or (nxt == "and" and after in ("i", "me")):
        score += 2  # "me and kofi", "Ama and I"
    if prev == "is" and i > 1 and tokens[i - 2].low == "how" and tokens[i].base not in PLACES and nxt in ("doing", "getting", "feeling", "settling"):
        score += 3  # "how is ngozi doing"
    if prev in ("up", "collect", "fetch") and nxt in ("from", "at") and after in PICKUP_PLACES:
        score += 3  # "pick up kemi from school"
    if prev in ASKED and (i < 2 or tokens[i - 2].low in OPENERS) and nxt in ASKED_FOR:
        score += 3  # "can hope have a sleepover", "could tayo stay over"
    if prev in ("is", "was") and nxt == "still" and (after in PERSON_STATES or after.endswith("ing")):
        score += 3  # "is faith still coming to dinner"
    if prev in GROUP_PEOPLE and i > 1 and tokens[i - 2].low in ("the", "my", "our") and nxt in ("and", ","):
        score += 3  # "the twins dolly and daisy"
    if nxt == "at" and prev in ("to", "for", "cc", "email") and any(t.low == "dot" for t in tokens[i + 2:i + 10]):
        score += 3  # "forward the booking to chidi at chidi dot eze at yahoo dot com"
    if prev in ("meeting", "meet", "seeing", "see") and nxt == "for" and after in MEALS:
        score += 3  # "I'm meeting Bongani for coffee"
    if prev in ("has", "have", "had", "did") and (i < 2 or tokens[i - 2].low in OPENERS or tokens[i - 2].low in (
            "what", "when", "where", "why", "how", "who")) and nxt in PARTICIPLES:
        score += 3  # "Has Fern booked the holiday yet?"
    if prev in ("text", "tell", "message", "remind", "email", "ask") and nxt in ("that", "about") and i + 2 < n:
        score += 3  # "text chase that practice is cancelled"
    visits = _VISITS_BY_LAST.get(tokens[i - 1].low, ()) if i else ()
    if any(_phrase_before(tokens, i, p) for p in visits) and (i + 1 == n or nxt in _AFTER_VISIT
                                                              or not tokens[i + 1].is_alnum):
        score += 3  # "drop in on holly", "new contact lerato number ..."
    if prev == "add" and nxt == "to" and any(t.low in GROUPS for t in tokens[i + 2:i + 6]):
        score += 3  # "add bill to the family group chat"
    for j in (i - 2, i + 2):
        if 0 <= j < n and tokens[(i + j) // 2].low in ("or", "and") and tokens[j].is_word \
                and tokens[j].base not in _VETO and (is_name[j] or tokens[j].base in names.first):
            score += 2 if is_name[j] else 1  # "joy or hunter", "Sana and Tomás are coming"
            break
    if written and tokens[i].low != tokens[i].base and tokens[i].text[0].isupper() and prev not in OPENERS \
            and i > 0 and nxt not in NOT_AFTER_POSSESSIVE:
        score += 2  # "Put Eilidh's parents' evening in the diary"
    if prev in ("does", "did", "do") and nxt in ("have", "need", "want", "owe") and (
            after in ENGAGEMENTS or (after in ("a", "an") and i + 3 < n and tokens[i + 3].low in LIFTS)):
        score += 3  # "what time does jack have basketball", "does sunny need a lift"
    if nxt in ("owes", "owed") and after in ("me", "us", "you", "him", "her", "them"):
        score += 3  # "Sunny owes me $20"
    if prev in ("broadcast", "announce", "tell", "remind", "ask") and nxt in ("you", "your", "you're"):
        score += 3  # "broadcast dev you need to leave"
    if prev in ("tell", "remind", "ask", "text", "message") and nxt in ("his", "her") and i + 2 < n:
        score += 3  # "tell chase his mom is outside"
    if prev in RINGERS and (i + 1 == n or nxt in ("and", "to", "about", "back", "now", "please")) \
            and any(t.low in ("him", "her", "he", "she", "his") for t in tokens[i + 1:i + 6]):
        score += 3  # "ring paddy and tell him the match is off"
    if prev in ("our", "my") and i > 1 and tokens[i - 2].low in RINGERS and i + 1 == n \
            and tokens[i].base in names.first:
        score += 3  # "ring our heather"
    if nxt in ("was", "is") and after == "born" and (i < 2 or tokens[i - 1].low in OPENERS):
        score += 3  # "Eli was born on 10/14/2012", "summer was born on june twelfth"
    if nxt == "and" and after in ("his", "her") and i + 3 < n and tokens[i + 3].low in SPOUSES:
        score += 3  # "robin and his wife jo are coming"
    if prev == "to" and tokens[0].low in SENDERS and (i + 1 == n or not tokens[i + 1].is_alnum) \
            and not any(t.low in ("it", "them", "this", "that") for t in tokens[1:3]) \
            and tokens[i].base not in APPS:
        score += 3  # "send the train times to oluwaseun" (not "send it to print")
    if prev == "where" and nxt in ("lives", "works", "stays", "studies", "lived", "worked"):
        score += 3  # "what's the weather like where dmitri lives"
    if prev in CARE_VERBS and (i + 1 == n or nxt in ("at", "up", "before", "after", "now", "please", "and")):
        score += 3  # "wake hattie at seven", "bath oskar before bed"
    line = {t.low for t in tokens}
    if score and line & PEOPLE_WORDS:
        score += 1  # "who is on the carer rota today ...", "X ... her"
    return score


SHOWS = frozenset("playing play concert gig tour touring band album song songs tickets arena live".split())


def _family(tokens: list[Token], i: int, names: NameList) -> bool:
    """A surname in the plural after "the", no English word and no show being watched."""
    low = tokens[i].low
    if not (low.endswith("s") and len(low) > 4 and low[:-1] in names.last) or low in english_words() \
            or low[:-1] in english_words() or low[:-1] in common_words():
        return False
    if i > 1 and tokens[i - 2].low in ("watch", "watching", "play", "playing", "episode", "of", "like", "love"):
        return False  # "watch the simpsons"
    if any(t.low in SHOWS for t in tokens):
        return False  # "the jacksons are playing at the arena": a band
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    return nxt in ("", "are", "were", "have", "had", "will", "next", "tonight", "tomorrow", "for", "at", "and") \
        or not tokens[i + 1].is_alnum


def _paired_month(tokens: list[Token], i: int, names: NameList, is_name: list[bool]) -> bool:
    """ "text may and april to say thanks": a month-name paired with a person after a contact verb."""
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    return i > 2 and tokens[i].base in names.first and tokens[i - 1].low == "and" and is_name[i - 2] \
        and tokens[i - 3].low in RINGERS and (nxt in ("", "to", "that", "about") or not tokens[i + 1].is_alnum)


def scored_names(tokens: list[Token], names: NameList, written: bool, blocked: list[bool],
                 is_name: list[bool]) -> None:
    """Mark in `is_name` the words whose look and slots together pass the threshold."""
    for i, tok in enumerate(tokens):
        if is_name[i] or not tok.is_word or (len(tok.text) > 1 and tok.text.isupper()):
            continue
        base = tok.base
        prev = tokens[i - 1].low if i > 0 else ""
        if prev == "the" and _family(tokens, i, names):
            is_name[i] = True  # "a thank you note to the hendersons" ("the" alone blocks names elsewhere)
            continue
        if blocked[i]:
            continue
        if base in _VETO or base in countries() or prev in _NOT_AFTER or len(base) < 2 \
                or not any(c in "aeiouy" for c in base):
            continue  # (no vowel: a spoken acronym, "pick up kfc at six")
        if base in MONTHS_AND_DAYS and prev not in KIN_TITLES and not _paired_month(tokens, i, names, is_name):
            continue  # "march third", but "Auntie May"
        if base in english_words() and base not in proper_nouns() and not names.is_listed(base) \
                and not (written and tok.text[0].isupper()) and not (
                    (prev in KIN_TITLES or prev in ROLES) and i + 1 < len(tokens) and tokens[i + 1].low in ACTS):
            if slots(tokens, i, names, written, is_name) >= 4:
                is_name[i] = True  # two signs, no look needed: "ring paddy and tell him ..."
            continue  # an everyday word, spoken, unless titled and doing something ("my neighbour norm has")
        mid = i > 0 and prev not in (".", "!", "?", ":", '"')
        s = slots(tokens, i, names, written, is_name)
        if s and look(tok, names, written, mid) + s >= THRESHOLD:
            is_name[i] = True
