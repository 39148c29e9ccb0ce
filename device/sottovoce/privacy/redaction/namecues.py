"""The words around a name: titles, places, media and the verbs that only people do.

Kept apart from the detector in `names` so the rules read as rules and the vocabulary as data.
"""

from __future__ import annotations

# Verbs whose object is a person; an unknown word right after one is taken as a name.
CONTACT_VERBS = frozenset("call text message remind tell ask ping email invite dial facetime whatsapp".split())
DETERMINERS = frozenset("my the your a an his her our their this that its".split())  # "my email address"
# After these, a month is a month ("set the alarm for june", "remind me in may").
WEAK_FOR_MONTHS = frozenset(("for", "to", "and", "with", "from"))
# A listed word after these is a person even when it is also a word: "uncle bob", "coach will".
TITLES = frozenset("""
uncle aunt auntie grandma grandpa granny nana cousin mr mrs ms miss dr doctor professor prof coach sister
brother son daughter nephew niece mister missus missis madame mme madam sir lady lord pastor father reverend
officer nurse
queen king prince princess nanny gran grandad granddad nonna nonno abuela abuelo
""".split())
KINSHIP = frozenset("""
mama papa baba mam mammy pappa dadi dada nani nanaji naniji dadaji chacha chachi mami mamu bua phupho phuphi
mausi masi bhaiya bhaia didi bhabhi dadu dida thakuma thakurda nanu
amma appa paati thatha patti akka anna thambi ammamma ammachi achan ajji ajja aaji aajoba
kuya ate lola lolo tita tito nanay tatay inay itay manang manong mang aling
koro kui kuia nanny koka whaea matua tupuna
gogo mkhulu khulu sisi bhuti makhulu ugogo umkhulu
iya iyawo egbon aburo nne nna dede
teta jiddo jeddo sitto sitti ammo khalo khalto ammto khala tante
nagymama nagypapa mémé pépé memere pepere mémère pépère mamie papi tata tonton
abuelita abuelito tía tío tia tio mami
zia zio oma opa omi opi mutti vati onkel babcia dziadek ciocia wujek babushka dedushka dido babusya
yiayia yiayiá pappou pappoú theia theio avó avô vovó vovô vovo
halmeoni harabeoji eomma oppa unni unnie noona hyung
nainai yeye laolao laoye popo gonggong ayi shushu obaachan ojiichan okaasan otousan
mamó daideo granda nanna ouma oupa tannie oom bibi babu shangazi mjomba shosho guka cucu tutu kupuna
maame agya ena wofa
nenek atuk datuk opah mak makcik pakcik bozorg madar pedar khaleh amoo ammeh dayi bà ông noi ngoai bebe biji massi
maman mamá papá ammi abbu abba ammu dadima nanima hooyo aabo ayeeyo awoowe mamãe papai maa pitaji mataji
""".split())
"""Words for relatives in the many languages households speak ("call dadi", "tell jiddo", "kuya jun"):
on their own they name nobody (they join FAMILY in `namelists`), and a name after them is a person,
like "uncle bob"."""
TITLES = TITLES | KINSHIP
# Media context: "play taylor swift", "songs by grace jones" name an artist, not a household member.
MEDIA_CUES = frozenset(("play", "by", "playing", "shuffle"))
PERSONAL_MEDIA = frozenset("playlist playlists mix favorites favourites station queue library audiobook".split())
MEDIA_FILLERS = frozenset("the song songs album track some music by artist playlist called titled radio".split())
PLACE_PREPOSITIONS = frozenset("the a an of on in at about to from near for with by into like".split())
MEDIA_PHRASES = frozenset((("put", "on"), ("listen", "to"), ("songs", "from"), ("music", "from")))
PERSON_VERBS = frozenset("""
said says wants wanted needs needed called texted asked told left arrived went thinks likes loves hates
knows sent would should could can can't won't didn't doesn't isn't wasn't comes goes gets came got
""".split())
# Ambiguous names that are rarely the subject of a sentence as words ("will comes over", "jack said").
SUBJECT_OK = frozenset("will jack frank drew pat sue bob dean ray lance kent earl don gene chad cole victor norman"
                       .split())
QUESTION_AUX = frozenset("did does has have is was will can could should".split())
PERSON_ACTIONS = frozenset("""
call called calling come coming came say said text texted leave left get arrive arrived want need know reply
replied answer answered pick pay paid eat eaten sleep wake woke feed fed finish finished go going
""".split())
PERSON_STATES = frozenset("""
home here there coming going at on in out back late sick asleep awake running driving staying picking
bringing still not leaving away outside upstairs downstairs ready
diabetic allergic asthmatic pregnant poorly unwell ill vegetarian vegan epileptic teething napping feverish
""".split())
HOLIDAYS = frozenset("""
christmas easter halloween thanksgiving hanukkah diwali eid ramadan passover valentine valentine's kwanzaa
""".split())
# Names that are also places: after "to"/"for"/"with" they are more likely the place.
PLACES = frozenset("""
austin houston jackson jordan madison charlotte savannah sydney victoria virginia dakota cheyenne chelsea
washington georgia florence paris phoenix lincoln brooklyn kingston york carolina israel india trinidad
santiago salvador camden dallas denver orlando raleigh regina sierra aurora eden
""".split())
COLOURS_AND_LEVELS = frozenset("""
green white black brown gray grey rose amber ruby violet hazel olive ivory jade coral lavender max min
""".split())
# Things only a person does (no modal verbs: "rain would", "snow can").
PERSON_DEEDS = frozenset("said says called texted asked told thinks likes loves hates knows".split())
NOT_AFTER_POSSESSIVE = frozenset("day eve weather forecast population time news price stock score".split())
WHEREABOUTS = frozenset("home awake asleep sick upstairs downstairs outside".split())
# Where a word that is no English word can only be a person ("ring dmitri", "add rahul mehta",
# "leave a message for oluwaseun", "under the name okonkwo", "this is sanjay", "ask for tariq").
# Not "to", "from", "in" or "with": "flights to nairobi", "weather in accra" name places.
NAME_SLOTS = tuple(tuple(p.split()) for p in """
call|text|ring|phone|message|tell|ask|remind|email|ping|invite|dial|facetime|add|send|named|dm|thank|
reply to|answer|contacts as|contact as|phone as|number as|
ask for|calling for|message for|message to|note for|text to|reminder for|this is|it's|name is|name's|the name|
contact called|friend called|someone called|person called|guy called|girl called|man called|woman called|
babysitter is|nanny is|friend is|neighbour is|neighbor is|boss is|dentist is|doctor is|teacher is
""".replace("\n", "").split("|") if p.strip())
# Particles inside a surname: "fatima al sayed", "Ludwig van Beethoven", "maria de la cruz".
PARTICLES = frozenset("""
al el bin bint ibn van von der den ter ten de da di du la le del della dos das mac mc abu ben o wa
""".split())
# Verbs that send something to someone: "email the tickets to hazel", "send it to oluwaseun" (a person after
# "to", not a town).
SENDERS = frozenset("send email text forward give pass share whatsapp message".split())
# A run of names right before these is a place: "Rose Hill station", "king george hospital".
PLACE_NOUNS = frozenset("""
station airport hospital school college university street road avenue lane park bridge square stadium
church cathedral library museum centre center mall market terminal
beach bay harbour harbor island lake river valley falls zoo pier reserve stadium
county parish shire district province township hills heights springs
statue memorial monument tower gallery theatre theater gardens boulevard
""".split())
# What only a named person does next: "jamal washington said", "Precious Dlamini will pick up the kids".
SUBJECT_NEXT = PERSON_VERBS | frozenset("will is was has had just".split())
# Greetings inside song titles after "play": "play hey jude", "play hello adele".
TITLE_GREETINGS = frozenset("hey hi hello dear oh".split())
# Function words that are also first names: the only ones a name detector looks at ("will", "may").
NAME_LIKE_FUNCTION_WORDS = frozenset(("will", "may", "mark", "bill", "pat", "don"))
