"""The non-name classes generalised after the fourteenth blind corpus (dev14), in new wordings.

National IDs of the Caribbean, Ghana and Singapore (TRN, NIS, SSNIT, FIN) are cues, a spoken letter
first included. Addresses: the road a house is "off", a Jamaican or Philippine "lot", a flat whose
number starts with its wing's letter, a named house and street vouched for by a UK post code (whose
district may be said as one number, "twenty one"), and a four-digit post code said as thousands after
the town. Secrets: "at" for the @ in a password, a phrase password with "and the ...", and the value
remembered a breath later ("oh right, it is ..."). Dates of birth said before "that is my birthday",
and a second person's in the same list. Spoken emails whose domain has digits.
"""

from __future__ import annotations

import pytest

from sottovoce.redaction import Redactor

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
ROUND14_CLEAN = [
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


@pytest.mark.parametrize(("text", "expected"), ROUND14_KINDS + ROUND14_BOUNDARIES)
def test_round_14_kinds(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", ROUND14_CLEAN)
def test_round_14_kinds_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
