"""Words that name a place, a team, a dish, a ride or a work, blocked before the person rules run.

"play taylor swift", "how far is it to milton keynes", "Did Liverpool score?", "jasmine rice",
"a marinade for suya", "the next dart to bray": a listed or unknown word here is not a contact.
Split from `names` so the blocking rules read on their own.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import (
    MEDIA_CUES,
    MEDIA_FILLERS,
    MEDIA_PHRASES,
    PERSONAL_MEDIA,
    PLACE_NOUNS,
    SENDERS,
    TITLE_GREETINGS,
    TITLES,
)
from sottovoce.privacy.redaction.namelists import FAMILY, NameList
from sottovoce.privacy.redaction.nameslots import foreign
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["block_food", "block_media_titles", "block_places", "block_teams"]

DESTINATION_PREPOSITIONS = frozenset(("to", "in", "from", "near", "around"))
TRAVEL = frozenset("""
far distance directions drive driving flights flight fly flying train trains bus buses route traffic trip
travel weather forecast temperature miles kilometres kilometers hotels restaurants
tram trams dart luas metro subway tube underground overground ferry ferries boat coach coaches ride taxi cab
journey commute ticket tickets fare fares timetable departures service services shuttle bart amtrak
""".split())
# Clubs are named after their town and a club word: "Manchester United", "Leeds Rovers", "Hearts FC".
CLUB_WORDS = frozenset("""
united city rovers wanderers athletic albion hotspur fc afc rangers town county villa forest olympic
sporting dynamo dynamos real inter juniors stars pirates chiefs sundowns harriers thistle academicals argyle
orient palace hearts celtic rovers
""".split())
# Clubs and franchises people ask about by one word, and the towns most clubs are named after.
# Club words no person's name ends with: "what did dundee united get", even with no talk of a match.
_ONLY_CLUBS = frozenset("united rovers wanderers athletic albion hotspur fc afc thistle academicals argyle".split())
TEAMS = frozenset("""
liverpool arsenal chelsea spurs tottenham everton arsenal celtic hearts hibs barcelona barca madrid juventus
bayern dortmund ajax benfica porto milan napoli psg leeds newcastle manchester wolves brighton fulham brentford
sunderland southampton leicester burnley villa lakers celtics yankees knicks bulls warriors cowboys patriots
packers raiders eagles giants dodgers cubs mets steelers chiefs broncos jets nets heat suns spurs raptors
leinster munster ulster connacht dublin cork kerry galway mayo kilkenny tipperary wexford
enyimba kaizer chiefs pirates sundowns kotoko gor mahia leopards boca river flamengo galatasaray
""".split())
SPORT_WORDS = frozenset("""
win won winning lose lost losing score scored scores draw drew beat beaten play played playing match game
fixture fixtures league cup final semi kickoff kick goal goals result results standings table season
""".split())
# Dishes and the words around them: "jasmine rice", "a marinade for suya", "recipe for jollof".
FOOD_HEADS = frozenset("""
rice tea sauce soup salad cake pie bread curry stew pudding jam oil wine beer juice syrup noodles pasta
cookies biscuits tart pepper peppers potatoes potato apples apple chutney honey cheese butter chocolate
""".split())
FOOD_CUES = frozenset("""
recipe recipes marinade marinate seasoning spice spices ingredients calories
""".split())
DISHES = frozenset("""
suya jollof egusi fufu ugali chapati chapatti biryani dal dhal roti samosa samosas pakora pakoras injera
kimchi bibimbap pho ramen sushi tacos moussaka paella risotto gnocchi tagine shakshuka bobotie biltong
bunny chow nyama choma sukuma mandazi pilau githeri matoke kenkey banku waakye kelewele moi puff chin
akara ogbono efo amala eba pounded yam boerewors koeksisters pavlova lamingtons anzac vegemite poutine
tourtiere colcannon boxty coddle rendang laksa satay nasi lemak dosa idli vada upma paratha paneer tikka
halloumi feta tofu tempeh seitan chai pierogi pierogies gyoza ghee atta masala tzatziki hummus falafel
""".split())


# What is played, and what ends its title: 'Play "Love Nwantiti" by CKay.', "play sweet caroline".
_PLAY = frozenset("play playing shuffle listen queue".split())
_QUOTES = frozenset(('"', "“", "”", "'", "‘", "’"))
_TITLE_ENDS = frozenset("by from for to with on in at please".split())
_PERSONAL = frozenset("voicemail voicemails message messages recording recordings note notes video videos text texts"
                      .split())
_CREDIT_LINKS = frozenset("of the and & a an in on at ni de la le y da du van von".split())


def block_media_titles(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    """ "Play Taylor Swift", "put on Hey Jude", "play frank sinatra": an artist or a title, not a contact."""
    n = len(tokens)
    for k, tok in enumerate(tokens):
        if tok.low in _PLAY and k + 1 < n:
            _block_played_title(tokens, k + 1, written, blocked)
        if tok.low in ("from", "by") and written and any(t.low in _PLAY for t in tokens[:k]) \
                and not any(t.low in _PERSONAL for t in tokens[:k]):  # "Play the voicemail from Anthony."
            _block_credit_after(tokens, k, blocked)
    for k in range(n):
        if not (tokens[k].low in MEDIA_CUES or (k > 0 and (tokens[k - 1].low, tokens[k].low) in MEDIA_PHRASES)):
            continue
        j = k + 1
        station = False  # "play radio nan gaidheal": a station's name, whatever its words
        while j < n and j - k <= 5:
            tok = tokens[j]
            if station and tok.is_word and tok.low not in FUNCTION_WORDS:
                blocked[j] = True
            elif tok.low in ('"', "“", "'", "‘", "&") or tok.low in MEDIA_FILLERS or tok.low in TITLE_GREETINGS or (
                    len(tok.low) == 1 and tok.is_word) or (  # "play a r rahman": initials
                    tok.low == "." and len(tokens[j - 1].low) == 1):  # "Play A. R. Rahman.", "Play Ben&Ben."
                station = station or tok.low == "radio"  # "play the song jolene", "play some music by ..."
            elif tok.low != tok.base and tok.base in names.first and j + 1 < n \
                    and tokens[j + 1].low in PERSONAL_MEDIA:
                break  # "play emma's playlist": a household member, not an artist
            elif (written and tok.text[0].isupper()) or (not written and (
                    names.is_listed(tok.base) or foreign(tok, names))):
                blocked[j] = True  # "happy by pharrell williams": an artist we do not list is still an artist
            else:
                break
            j += 1


def _block_played_title(tokens: list[Token], start: int, written: bool, blocked: list[bool]) -> None:
    """What is played is a title: 'Play "Love Nwantiti" by CKay.' (quoted), spoken "play sweet caroline",
    "play el rey by vicente fernandez" (up to the artist, the source or the listener), but not someone's
    own recording ("play emma's playlist", "play the voicemail from anthony")."""
    n = len(tokens)
    if written:
        if tokens[start].low in _QUOTES:
            j = start + 1
            while j < n and j - start <= 8 and tokens[j].low not in _QUOTES:
                blocked[j] = True
                j += 1
        return
    end = start
    while end < n and end - start < 6 and tokens[end].low not in _TITLE_ENDS:
        if tokens[end].low != tokens[end].base or tokens[end].low in _PERSONAL or tokens[end].low in FAMILY:
            return
        end += 1
    if end - start <= 5:
        for j in range(start, end):
            blocked[j] = True


def _block_credit_after(tokens: list[Token], k: int, blocked: list[bool]) -> None:
    """ 'Play "Maria" from West Side Story.', "by Parokya ni Edgar": the capitalised run is the work or the
    artist, small linking words included."""
    j = k + 1
    while j < len(tokens) and j - k <= 6:
        tok = tokens[j]
        if tok.is_word and tok.text[0].isupper():
            blocked[j] = True
        elif not (tok.low in _CREDIT_LINKS and j + 1 < len(tokens) and tokens[j + 1].text[0].isupper()):
            break
        j += 1


def block_places(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    """ "Rose Hill station", "king george hospital": names right before a place noun are the place;
    "how far is it to milton keynes", "weather in Ouagadougou": after travel words, the destination."""
    n = len(tokens)
    for k in range(1, n):
        if tokens[k].low in DESTINATION_PREPOSITIONS and any(t.low in TRAVEL for t in tokens[max(0, k - 4):k]) \
                and tokens[0].low not in SENDERS:  # "email the tickets to hazel": a person, not a town
            j = k + 1
            while j < n and j - k <= 3 and tokens[j].is_word and tokens[j].low == tokens[j].base \
                    and tokens[j].low not in FUNCTION_WORDS and (not written or tokens[j].text[0].isupper()):
                if tokens[j].low in TITLES or tokens[j].low in FAMILY:
                    break  # "how long to drive to auntie bisi": a person's home, not a town
                blocked[j] = True
                j += 1
    for k in range(1, n):
        if tokens[k].low not in PLACE_NOUNS:
            continue
        j = k - 1
        while j >= 0 and k - j <= 3 and tokens[j].is_word and tokens[j].low == tokens[j].base and (
                (written and tokens[j].text[0].isupper()) or (not written and (
                    names.is_listed(tokens[j].base) or foreign(tokens[j], names)))):
            blocked[j] = True
            j -= 1
        if j < k - 1:
            blocked[k] = True  # "Santo Domingo Church": the place noun too, when it is also a surname


def block_teams(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    """ "Did Liverpool score?", "Did Manchester United win", "Chelsea or Spurs": in talk of matches a club
    (a team word, or any word before a club word) is no person; the teams that are no first name always."""
    sport = any(t.low in SPORT_WORDS for t in tokens)
    for k, tok in enumerate(tokens):
        low = tok.base
        if low in TEAMS and (sport or low not in names.first):
            blocked[k] = True
        if (sport or low in _ONLY_CLUBS) and low in CLUB_WORDS and k > 0 and tokens[k - 1].is_word:
            blocked[k] = blocked[k - 1] = True  # "Manchester United", "hearts f c"


def block_food(tokens: list[Token], names: NameList, written: bool, blocked: list[bool]) -> None:
    """ "is jasmine rice healthier", "a good marinade for suya", "recipe for jollof": dishes, not people."""
    n = len(tokens)
    for k, tok in enumerate(tokens):
        if tok.low in DISHES:
            blocked[k] = True
            if k + 1 < n and tokens[k + 1].is_word and foreign(tokens[k + 1], names):
                blocked[k + 1] = True  # "dal makhani", "nasi goreng": the dish's second word
            prev = tokens[k - 1] if k > 0 else None
            if prev is not None and prev.is_word and foreign(prev, names) and prev.low == prev.base:
                blocked[k - 1] = True  # "chana masala"
        elif tok.low in FOOD_HEADS and k > 0 and tokens[k - 1].low == tokens[k - 1].base \
                and tokens[k - 1].low not in TITLES:
            blocked[k - 1] = True  # "jasmine rice", "rose wine"
            if tok.low in names.last:
                blocked[k] = True
        elif tok.low in FOOD_CUES and k + 1 < n:
            j = k + 1
            if tokens[j].low in ("for", "of", "with", "in", "a", "an", "some", "the"):
                j += 1
            while j < n and j - k <= 3 and tokens[j].is_word and tokens[j].low not in FUNCTION_WORDS and (
                    not names.is_clear(tokens[j].base)):
                blocked[j] = True  # "marinade for suya", "how to cook egusi soup"
                j += 1
