"""The classes generalised after the fourth blind corpus: codes and addresses of the wider English-speaking
world, everyday-word first names in roles only people take, and the commands those rules must not touch.

Rows are new wordings, not lines of any corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sottovoce.privacy.redaction import Redactor

PACKAGE = Path(__file__).resolve().parents[2] / "device" / "sottovoce" / "privacy" / "redaction"


WORLD = [
    # (a) numbers and codes: cue + format, spoken and written
    ("the bsb number is oh three two one two three", "the bsb number is <ACCOUNT>"),
    ("Send it via IFSC ICIC0004321 please.", "Send it via IFSC <ACCOUNT> please."),
    ("institution number 003 transit 45678", "institution number <ACCOUNT> transit <ACCOUNT>"),
    ("my nin is one two three four five six seven eight nine one two", "my nin is <NATIONAL_ID>"),
    ("Her PAN: BNZPM2501F.", "Her PAN: <NATIONAL_ID>."),
    ("Book the service for DL 08 CX 5521.", "Book the service for <PLATE>."),
    ("The taxi was ABJ 552 KL.", "The taxi was <PLATE>."),
    ("Is 191-KY-774 taxed?", "Is <PLATE> taxed?"),
    ("pay the toll for one six two c one two three four", "pay the toll for <PLATE>"),
    ("the card verification number is seven seven one", "the card verification number is <CVV>"),
    ("the three-digit number is 093", "the three-digit number is <CVV>"),
    # (b) a post code right after an address, its town and state
    ("Send it to 3 Acacia Avenue, Subiaco WA 6008.", "Send it to <ADDRESS> <POSTCODE>."),
    ("ship to nine harbour road durban four oh oh one", "ship to <ADDRESS> <POSTCODE>"),
    ("Deliver to 22 Allen Avenue, Ikeja, Lagos 100271.", "Deliver to <ADDRESS> <POSTCODE>."),
    # (c) the dwelling first
    ("leave it at flat six bayview mansions", "leave it at <ADDRESS>"),
    ("Deliver to House No. 7, Phase 2, Noida 201301.", "Deliver to <ADDRESS>."),
    ("deliver to plot nine adeola odeku street victoria island", "deliver to <ADDRESS>"),
    ("the address is block b flat four sunshine estate", "the address is <ADDRESS>"),
    # (d, e) everyday-word first names in a person's role
    ("any new texts from precious", "any new texts from <NAME>"),
    ("start a chat with hope", "start a chat with <NAME>"),
    ("whatsapp kemi that i'm running late", "whatsapp <NAME> that i'm running late"),
    ("ring jack back after lunch", "ring <NAME> back after lunch"),
    ("amber lost her phone again", "<NAME> lost her phone again"),
    ("frank is asthmatic so keep the windows open", "<NAME> is asthmatic so keep the windows open"),
    ("i visited ivy this morning", "i visited <NAME> this morning"),
    ("Reminder for everyone: Ayo, the bins go out tonight.", "Reminder for everyone: <NAME>, the bins go out tonight."),
    ("Tell the teacher that Chidi will be late.", "Tell the teacher that <NAME> will be late."),
    ("the cardholder name is temitope okafor", "the cardholder name is <NAME>"),
    ("forward the invite to amber", "forward the invite to <NAME>"),
    ("order a birthday cake for ruby", "order a birthday cake for <NAME>"),
    ("where's jasmine", "where's <NAME>"),
    ("is ivy asleep", "is <NAME> asleep"),
    ("night night holly", "night night <NAME>"),
    ("i owe hope fifty pounds", "i owe <NAME> fifty pounds"),
    ("drop daisy at nursery", "drop <NAME> at nursery"),
    ("amber and jack are staying over", "<NAME> and <NAME> are staying over"),
    ("reserve a table under the name ruby", "reserve a table under the name <NAME>"),
    ("I lived at 12 Oak Road 2015 to 2019.", "I lived at <ADDRESS> 2015 to 2019."),
]
WORLD_CLEAN = [
    # precision: things, teams, foods, rides, artists, units of a course
    "pay the electricity bill", "where is my phone bill", "round pi to three decimal places",
    "Did Newcastle United win?", "did liverpool lose again", "what's the score in the spurs game",
    "how long do i cook basmati rice", "a marinade for the chicken", "recipe for suya spice",
    "when is the next luas to bride's glen", "buy a ferry ticket to holyhead",
    "play the song hello by lionel richie", "unit three of the course is hard", "block two starts at ten",
    "flat four has a leak", "save the photo as wallpaper", "chat with customer support",
    "the cat refused his food", "may is a lovely month", "pick the parcel up at five",
    "the pan needs washing", "sort by name", "set the heating to 21 at 0700",
    "what's 4000 divided by 8", "text me the code", "open the wifi settings",
    "send the file to print", "send this to alexa", "send the kids to bed", "buy flowers for the party",
    "where's the remote", "is amber a colour", "good morning", "in the name of love",
    "salt and pepper are running low", "drop it at the post office", "Did Boca Juniors play today?",
    "go to room 4 on floor 3", "how far is bondi beach from the city", "what's the weather in melbourne 3000",
    "is the 46A bus on time", "when is the next 15 to town", "how many flats are in the block",
    "what's the recipe for rice and peas", "did the eagles win", "chat with mum later", "i owe the bank 500 dollars",
]


@pytest.mark.parametrize(("text", "expected"), WORLD)
def test_world_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", WORLD_CLEAN)
def test_world_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
