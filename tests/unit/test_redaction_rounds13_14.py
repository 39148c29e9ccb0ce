"""The classes generalised after the thirteenth and fourteenth blind corpora (dev13, dev14), in new wordings.

dev13: a surname alone, or a first name that is also an English word ("rosemary", "rob"), is no longer a name
wherever it stands: it needs a cue, a title or a neighbour. What stays untouched: the famous asked about
("how old is ...", "tell me a fact about ...", "is ... still touring", a character "in the ... film"),
pets walked or booked at the groomer's, goods on a long shopping list, things ordered, festivals and
"... Day" announced with a date, events "happening", lochs and statues, radio stations, places "safe to
visit". Greeted and WhatsApp'd people, and people after "madame" or "missus", are names.

dev14, names: untouched are greetings in the household's languages ("kia ora", "namaste"), grandparents in Malay and
Persian, Hari Raya, pets let out, fed or taken for a walk, clubs ("leeds united") with no talk of a match,
and what only the famous own ("Roger Federer's record"). Names: whoever "was born on" a date, and
unknown words spoken to between commas ("Lights out now, Sipho.").

dev14, other kinds: National IDs of the Caribbean, Ghana and Singapore (TRN, NIS, SSNIT, FIN) are cues, a spoken letter
first included. Addresses: the road a house is "off", a Jamaican or Philippine "lot", a flat whose
number starts with its wing's letter, a named house and street vouched for by a UK post code (whose
district may be said as one number, "twenty one"), and a four-digit post code said as thousands after
the town. Secrets: "at" for the @ in a password, a phrase password with "and the ...", and the value
remembered a breath later ("oh right, it is ..."). Dates of birth said before "that is my birthday",
and a second person's in the same list. Spoken emails whose domain has digits."""

from __future__ import annotations

import pytest
from sottovoce.privacy.redaction import Redactor

ROUND13_PEOPLE = [
    # a clear first name still stands alone; a surname or an English word needs a cue or a title
    ("david is picking us up at six", "<NAME> is picking us up at six"),
    ("text Mrs Blanco that the kids are sick", "text <NAME> that the kids are sick"),
    ("Tell Rosemary the plumber is here.", "Tell <NAME> the plumber is here."),
    ("ask rob to move his car", "ask <NAME> to move his car"),
    # greeted, messaged on WhatsApp, after a French or spoken title
    ("good morning chidi", "good morning <NAME>"),
    ("good night tayo sleep tight", "good night <NAME> sleep tight"),
    ("whatsapp amaka that we're running late", "whatsapp <NAME> that we're running late"),
    ("message madame dufresne about the recital", "message <NAME> about the recital"),
    ("text missus okoro that the parcel came", "text <NAME> that the parcel came"),
    # walked somewhere, or bought for, is a person
    ("walk tomasz home after school", "walk <NAME> home after school"),
    ("add a birthday cake for ingrid to the shopping list", "add a birthday cake for <NAME> to the shopping list"),
    ("Add Sarah, Mia and Tom to the guest list.", "Add <NAME>, <NAME> and <NAME> to the guest list."),
]
ROUND13_CLEAN = [
    "Add oat milk, crumpets, a block of cheddar, two tins of beans and Tony's chocolate to the shopping list.",
    "order more milo", "Order some Hill's kibble.",
    "walk biscuit before dinner", "did anyone walk pepper this morning", "Book Mango in at the groomers on Tuesday.",
    "how old is morgan freeman", "tell me a fact about ada lovelace", "Tell me something about Frida Kahlo.",
    "is dolly parton still touring", "who is sam in the lord of the rings film", "Who is Harry Potter's godfather?",
    "Remind me on 16 December it's Reconciliation Day.", "remind me on the fifth of march that it's holi",
    "is sinulog happening this weekend", "is lough neagh bigger than loch lomond",
    "How old is the King Edward statue in the square?", "play radio na gaeltachta",
    "Is Georgia safe to visit in May?", "Add a sprig of rosemary and a bay leaf.",
]
ROUND14_PEOPLE = [
    ("Bola was born on May 2, 2010.", "<NAME> was born on <DOB>."),
    ("Announce: Tunde, Ife, the taxi is here!", "Announce: <NAME>, <NAME>, the taxi is here!"),
    ("Lights out now, Sipho.", "Lights out now, <NAME>."),
    ("hey Thabo, dinner.", "hey <NAME>, dinner."),
    ("call auntie efe about the party", "call <NAME> about the party"),
    ("walk sarah to the bus stop", "walk <NAME> to the bus stop"),
    ("take lindiwe to the park for a walk", "take <NAME> to the park for a walk"),
]
ROUND14_CLEAN = [
    "hola what time is it", "kia ora what's the weather in rotorua", "namaste play some music",
    "call atuk", "ring nenek tonight", "call baba bozorg", "remind me on hari raya haji to call mak",
    "Take Biscuit out for a walk after lunch.", "Let Pepper out before bed.", "has mochi been fed today",
    "what did leeds united get", "how did bristol rovers do", "What's Roger Federer's record at Wimbledon?",
    "what is rihanna's net worth", "hello, how are you?",
]
ROUND14_KINDS = [
    # Caribbean, Ghanaian and Singaporean identifiers
    ("my trn is one two three four five six seven eight nine", "my trn is <NATIONAL_ID>"),
    ("Her TRN is 107-334-921.", "Her TRN is <NATIONAL_ID>."),
    ("Dad's NIS number is A118204.", "Dad's NIS number is <NATIONAL_ID>."),
    ("my nis number is c four five one two eight nine", "my nis number is <NATIONAL_ID>"),
    ("My FIN is F7712034Q.", "My FIN is <NATIONAL_ID>."),
    ("his ssnit number is d nine eight seven six five four three two one zero one two",
     "his ssnit number is <NATIONAL_ID>"),
    # addresses
    ("She lives at Plot 7, Kileleshwa Gardens, off Gitanga Road, Nairobi.", "She lives at <ADDRESS>."),
    ("deliver to plot twelve admiralty estate off lekki road", "deliver to <ADDRESS>"),
    ("send the parcel to lot nine palm acres spanish town road", "send the parcel to <ADDRESS>"),
    ("the pizza is for flat b six oh one lakeview heights sarjapur road", "the pizza is for <ADDRESS>"),
    ("the cake delivery is for apartment c twelve green meadows society", "the cake delivery is for <ADDRESS>"),
    ("the letter goes to rose cottage mill lane ashford t n twenty three four a b",
     "the letter goes to <ADDRESS> <POSTCODE>"),
    ("Post it to The Old Vicarage, Church Lane, Hemsby, NR29 4NT.", "Post it to <ADDRESS>, <POSTCODE>."),
    # a four-digit post code said as thousands after the town
    ("the taxi should take me to fourteen marina road bondi beach sydney two thousand",
     "the taxi should take me to <ADDRESS> <POSTCODE>"),
    ("please drive to five mango avenue cebu city six thousand", "please drive to <ADDRESS> <POSTCODE>"),
    # secrets
    ("guest wifi password kiwi at parnell ninety nine", "guest wifi password <SECRET>"),
    ("the guest wifi password, um, oh yeah, it's purple monkey dishwasher",
     "the guest wifi password, um, oh yeah, it's <SECRET>"),
    ("the wifi password is salt and the pepper grinder", "the wifi password is <SECRET>"),
    # dates of birth
    ("june third nineteen seventy nine that's my date of birth", "<DOB> that's my date of birth"),
    ("The 3rd of May 1988, that is my date of birth.", "<DOB>, that is my date of birth."),
    ("my son was born on 4 March 2010, and my daughter on 9 July 2013.",
     "my son was born on <DOB>, and my daughter on <DOB>."),
    ("he was born in 1950 and his wife in 1955", "he was born in <DOB> and his wife in <DOB>"),
    # a spoken email with digits in its domain
    ("the coach's email is ruiz dot k at district one nine six dot org", "the coach's email is <EMAIL>"),
]
ROUND14_KINDS_CLEAN = [
    "what time is it", "set a timer for five minutes", "the password is wrong", "what is the wifi password",
    "what is the wifi password oh never mind", "I was born in the eighties", "my birthday is in two weeks",
    "book a room for two thousand", "meet me at the park at seven thirty", "add six thousand steps to my goal",
    "it cost six thousand pesos in cebu city", "the lot is full", "there is a lot of traffic on ngong road",
    "park in lot four near the main gate", "order a pizza for flat tyre friday", "the parcel is for room four oh two",
    "we drove off the m four this morning", "the shark's fin is 3 meters long",
    "can i get the fin on the surfboard fixed", "turn off the lights at seven", "book the barn for saturday",
]
# Where a value ends: a new clause after "and" is not part of the password.
ROUND14_BOUNDARIES = [
    ("the wifi password is sunshine and lock the back door", "the wifi password is <SECRET> and lock the back door"),
    ("the wifi password is sunshine and the door code is four four one two",
     "the wifi password is <SECRET> and the door code is <SECRET>"),
    ("the wifi password is tiger at seven", "the wifi password is <SECRET> at seven"),
    ("my birthday is june 2 and my party is at 5", "my birthday is <DOB> and my party is at 5"),
]


@pytest.mark.parametrize(("text", "expected"), ROUND13_PEOPLE + ROUND14_PEOPLE + ROUND14_KINDS + ROUND14_BOUNDARIES)
def test_rounds_13_and_14_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", ROUND13_CLEAN + ROUND14_CLEAN + ROUND14_KINDS_CLEAN)
def test_rounds_13_and_14_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
