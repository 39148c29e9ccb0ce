"""The name lists and the everyday words among them, loaded once.

The lists are Faker's person providers (first names from en_US, en_GB, en_IN, en_NZ and es_MX, plus
longer first names from a dozen more Latin-script locales; last
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
import importlib
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sottovoce.privacy.redaction.namecues import KINSHIP

log = logging.getLogger(__name__)

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
german alma cristal dulce esparta perla reina rosa luz pilar modesto salvador santiago trinidad rosario dolores
soledad minerva homero esperanza caridad florencia jos carolina
calm over side else edit till urban canal verde viola pier bale divan doner imam isis india flora lore wolf
yank sole dung hung gang fang long yang ping nada baba ante tory kirby cord tarts rico limon romeo enya adele
mona brit hong gala mira dana lotte mac
precious beryl blessing mercy patience comfort favour favor gift peace charity prudence constance verity
felicity godwin goodluck innocent memory princess
""".split())
# Nicknames and names common in UK and South Asian households that the Faker lists lack.
SUPPLEMENT_FIRST = frozenset("""
will liz lizzie sam ben tom kate jen jess matt nick rob ed ted becky meg pete mo aisha fatima ahmed
muhammad yusuf hassan wei mei ling pat may hiroshi yuki kenji sofia lucia mateo diego june alfie ollie
precious beryl blessing mercy patience comfort favour favor gift peace charity prudence constance verity
felicity godwin goodluck innocent memory princess
""".split())
# Ambiguous first names that after "to", "for", "with" are far likelier things ("volume to max").
THINGS = frozenset("""
max jack crystal diamond amber jade jasmine daisy holly heather ivy ruby candy brandy sherry penny robin rose
angel christian destiny melody mercedes misty sandy summer autumn dawn joy hope faith chase hunter art
lance kent dale glen dean earl don gay guy gene jean ray rich drew grant page miles norman victor oscar
sierra alexa jesus chad cole frank bill will pat sue bob raven german alma cristal dulce perla reina rosa
luz pilar salvador santiago trinidad rosario dolores soledad esperanza caridad
""".split())
FAMILY = frozenset("""
mom mum mommy mummy mother dad daddy father grandma grandpa granny nana nan grandmother grandfather
sister brother son daughter wife husband aunt uncle auntie cousin baby babe honey darling boss doctor
nurse teacher neighbour neighbor plumber dentist everyone everybody someone somebody nobody anyone
""".split()) | KINSHIP
# Wake words and assistants: never a household member.
ASSISTANTS = frozenset("alexa jarvis mycroft rhasspy nabu siri google cortana computer bixby chatgpt gemini copilot"
                       .split())
# Businesses people call or name in commands; some are also surnames ("Chase", "Wells Fargo").
BRANDS = frozenset("""
domino's dominos mcdonald's mcdonalds walmart target costco uber lyft verizon comcast xfinity amazon apple
netflix spotify starbucks pizza hut depot cvs walgreens kroger safeway tesco sainsbury's boots asda aldi lidl
ikea fedex ups usps dhl ebay paypal venmo zelle sprint chase wells fargo citi citibank hsbc barclays santander
wendy's wendys subway chipotle doordash grubhub instacart youtube hulu disney roku sonos hue nest ring
primark argos currys halfords nandos nando's uniqlo
whatsapp telegram signal slack zoom skype messenger instagram facebook tiktok snapchat discord gmail outlook
wifi bluetooth hotspot ipad iphone xbox playstation airpods kindle chromecast firestick roomba smartwatch
deliveroo justeat ubereats bolt freenow gett ola didi grab careem rappi glovo swiggy zomato foodpanda wolt
hortons greggs pret costa wetherspoons dishoom wagamama penneys dunnes applegreen maxol
gcash paymaya mpesa paytm phonepe gpay upi cashapp revolut monzo interac
""".split())
# What people call, text or remind that is not a person ("call back", "text the group", "call reception").
NOT_CONTACTS = frozenset("""
back home work office school everyone everybody someone somebody nobody anyone emergency security reception
maintenance support help police ambulance fire sales billing service services customer front desk uber lyft
taxi cab car shotgun dibs off out up down over forward later tomorrow tonight today now again please quickly
immediately right team group family kids children landlord neighbor neighbors neighbour neighbours vet
dentist pharmacy plumber electrician restaurant hotel airline bank hospital clinic store shop pizza mechanic
garage insurance company number voicemail contact contacts last missed recent speaker speakerphone video
conference meeting joke story time weather news something anything nothing everything what how when where
which who whose why joke riddle fact quote landline mobile cell phone house doorbell hotline operator
directory information agent person someone's driver courier delivery guy guys folks people friends friend
customers client clients boss manager teacher coach doctor nurse babysitter nanny cleaner gardener
after before until around about between during address addresses history log size settings
notifications app inbox account password font volume quality
message messages email emails text texts call calls reminder reminders alarm timer list lists
ahead whether lol asap anyway instead first last next whoever everyone's yourself myself himself herself
""".split())
MONTHS_AND_DAYS = frozenset("""
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday
""".split())
# Continents, regions and countries whose official name is longer than what people say.
CONTINENTS = frozenset("""africa asia europe antarctica oceania america americas scandinavia arctic caribbean
england scotland wales britain russia syria slovakia laos kyrgyzstan vatican palestine macedonia""".split())


@functools.lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """One-word country and continent names ("Nigeria", "Kenya", "Africa"): places, never a person, even
    where a name would go ("Did Nigeria win?"). Faker (already loaded for the names) lists the countries;
    phonenumbers' region names would cost ~90 MB of RAM. Names that are also first names ("Jordan",
    "Georgia", "Chad") stay AMBIGUOUS and are left to the context rules."""
    from faker.providers.address.en_US import Provider

    found = {fold(c) for c in Provider.countries if " " not in c}
    return frozenset(w for w in found | CONTINENTS if w.isalpha() and w not in AMBIGUOUS)


@dataclass(frozen=True)
class NameList:
    first: frozenset[str]
    last: frozenset[str]
    household: frozenset[str]

    def is_listed(self, low: str) -> bool:
        if not low.isascii():
            low = fold(low)  # Whisper writes "Inés", "Björn"
        return low in self.first or low in self.last or low in self.household or (
            low.startswith(("o'", "o’")) and len(low) > 3)

    def is_clear(self, low: str) -> bool:
        """Listed and not also an everyday word."""
        if not low.isascii():
            low = fold(low)
        return low in self.household or ((low in self.first or low in self.last) and low not in AMBIGUOUS)

    def is_clear_given(self, low: str) -> bool:
        """A clear first name (or the household's own), and no lower-case English word: a name wherever it
        stands. A surname alone ("Blanco", "Hilton", "Morar") is as often a street, hotel or loch, and
        "rosemary" or "rob" as often the herb or the verb, so those need a cue or a neighbour."""
        if not low.isascii():
            low = fold(low)
        return low in self.household or (low in self.first and low not in AMBIGUOUS and low not in english_words())


_FIRST = ("first_names", "first_names_female", "first_names_male", "first_names_unisex")
OTHER_LOCALES = (("en_IE", _FIRST), ("it_IT", _FIRST), ("fr_FR", _FIRST), ("pt_BR", _FIRST), ("pl_PL", _FIRST),
                 ("de_DE", _FIRST), ("yo_NG", _FIRST), ("zu_ZA", _FIRST), ("sw", _FIRST), ("vi_VN", _FIRST),
                 ("ja_JP", ("first_romanized_names",)), ("zh_CN", ("first_romanized_names",)))

_BOTH = ("first_names", "last_names")
MORE_LOCALES = (("tw_GH", _BOTH), ("ig_NG", _BOTH), ("ha_NG", _BOTH), ("en_KE", _BOTH), ("en_NG", _BOTH),
                ("yo_NG", _BOTH), ("sw", _BOTH), ("ga_IE", _BOTH), ("en_PK", _BOTH), ("es_ES", _BOTH),
                ("pt_PT", _BOTH), ("nl_NL", _BOTH), ("sv_SE", _BOTH), ("no_NO", _BOTH), ("da_DK", _BOTH),
                ("fi_FI", _BOTH), ("ro_RO", _FIRST), ("id_ID", _FIRST), ("hu_HU", _BOTH), ("cs_CZ", _FIRST),
                ("hr_HR", _FIRST), ("ja_JP", ("last_romanized_names",)), ("zh_CN", ("last_romanized_names",)))


def fold(name: str) -> str:
    """Lower case without accents: transcripts write "Adan", not "Adán"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


# Everyday words that may follow a first name without being a surname ("tell emma goodnight").
AFTER_NAME_WORDS = frozenset("""
tonight tomorrow today goodnight morning evening afternoon please thanks thank later again now soon happy
birthday dinner lunch breakfast ready home back yes okay hello hi bye goodbye congratulations sorry love
dear asap too also right here there
""".split())


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """About a thousand common English words (Faker's en_US lorem list) and the words above."""
    from faker.providers.lorem.en_US import Provider

    return frozenset(w.lower() for w in Provider.word_list) | AFTER_NAME_WORDS


# Debian's wamerican word list (SCOWL, maintained, on Raspberry Pi OS too): its lower-case entries
# are English words and its capitalised ones proper nouns, so a word missing from the lower-case
# part is likely a name, a place or a brand. Read once when the Redactor is built.
DICTIONARY = Path("/usr/share/dict/words")
# British, Australian and New Zealand household words the American list lacks ("the carer rota is on the
# fridge", "this arvo").
BRITISH_WORDS = frozenset("""
rota rotas carer carers childminder childminders payslip tannoy satnav flatmate flatmates housemate housemates
grandkid grandkids
arvo brekkie servo ute utes doona esky togs jandals bach smoko bikkie bikkies maccas sanga sangas rellies
bogan dunny footy nappy nappies gaff bap baps biccy biccies cuppa
""".split())


@functools.lru_cache(maxsize=1)
def _word_list() -> tuple[frozenset[str], frozenset[str]]:
    try:
        text = DICTIONARY.read_text(encoding="utf-8", errors="ignore")
    except OSError:
        log.warning("no word list at %s (apt install wamerican): unknown names are found less often", DICTIONARY)
        return frozenset(), frozenset()
    words = [w.removesuffix("'s") for w in text.split()]
    return (frozenset(w for w in words if w[:1].islower()) | BRITISH_WORDS,
            frozenset(fold(w) for w in words if w[:1].isupper()))


def english_words() -> frozenset[str]:
    """Lower-case English words; empty (and a warning) when the word list is not installed."""
    return _word_list()[0]


def proper_nouns() -> frozenset[str]:
    """The word list's capitalised entries, folded: places, teams, brands and some well-known first names
    ("Madrid", "Tottenham", "Jamal"). A word in neither part is unknown to English altogether."""
    return _word_list()[1]


@functools.lru_cache(maxsize=1)
def _faker_names() -> tuple[frozenset[str], frozenset[str]]:
    first: set[str] = set(SUPPLEMENT_FIRST)
    last: set[str] = set()
    for locale in ("en_US", "en_GB", "en_IN", "en_NZ", "es_MX"):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_female", "first_names_male"):
            first.update(fold(n) for n in getattr(provider, attr, ()) if " " not in n)
        if locale in ("en_US", "en_GB", "en_IN"):
            last.update(fold(n) for n in provider.last_names if " " not in n)
    # Households speak many languages: first names from other Latin-script locales too, four letters
    # or more (short ones collide with English words: "an", "ha", "chi").
    for locale, attrs in OTHER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in attrs:
            for n in getattr(provider, attr, ()):
                name = fold(n)
                if " " not in n and name.isalpha() and len(name) >= 4:
                    first.add(name)
    # More households (Ghana, Nigeria, Kenya, Ireland, Pakistan, Iberia, the Nordics ...): first and last
    # names from Faker's Latin-script locales, only those that are no English word ("Mercy", "Faith" and
    # "Aho" stay words unless a cue says otherwise).
    vocab, places = english_words(), proper_nouns()
    for locale, attrs in MORE_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in attrs:
            into = last if attr.startswith("last") else first
            for n in getattr(provider, attr, ()):
                name = fold(n)
                if name.isalpha() and len(name) >= 3 and name not in vocab and n.lower() not in vocab and not (
                        into is last and name in places):  # "Madrid", "Toledo": surnames, but places first
                    into.add(name)
    return frozenset(first), frozenset(last)


def load_names(extra: Iterable[str] = ()) -> NameList:
    english_words()  # read the word list and the country names now, not on the first transcript
    countries()
    first, last = _faker_names()
    household = frozenset(w.lower() for name in extra for w in name.split() if w.strip())
    return NameList(first, last, household)
