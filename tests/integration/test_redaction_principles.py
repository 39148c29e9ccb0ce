"""The principle cases of sottovoce.privacy.redaction: every kind (phone, card, expiry, CVV, national
ID, account, email, address, post code, date of birth, secret, plate, name) in spoken (Vosk) and
written (Whisper) form, hard negatives that must pass untouched, and the facade's contract.

An integration test since the names come from the shipped tagger model (data/names). This is the
one table of principle cases; the round-named tables (rounds 8-14, "world") are gone: they asserted
the rules' behaviour on wordings taken from the corpora the model is now trained on. Corpus scores
are printed by scripts/eval-redaction, with their split."""

from __future__ import annotations

import threading

import pytest
from sottovoce.privacy.redaction import KINDS, RedactionResult, Redactor


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(extra_names=("Zanzibar Quill",))


# (input, expected output): one or more rows per kind, both forms.
REDACTED = [
    # PHONE
    ("call me back on five five five two three four eight nine nine one", "call me back on <PHONE>"),
    ("Call me back on 555-234-8991.", "Call me back on <PHONE>."),
    ("my mobile is oh seven seven double oh nine triple five one two", "my mobile is <PHONE>"),
    ("Text (312) 555-0147 when you land.", "Text <PHONE> when you land."),
    ("the pharmacy called from one eight hundred five five five oh one nine nine",
     "the pharmacy called from <PHONE>"),
    ("Save +44 20 7946 0958 as the office.", "Save <PHONE> as the office."),
    # CARD, EXPIRY, CVV
    ("my card number is four one one one one one one one one one one one one one one one",
     "my card number is <CARD>"),
    ("Card 4111 1111 1111 1111, exp 08/27, CVV 123.", "Card <CARD>, exp <EXPIRY>, CVV <CVV>."),
    ("it expires oh three slash twenty eight and the cvv is four four one",
     "it expires <EXPIRY> and the cvv is <CVV>"),
    ("The card expires December 2027.", "The card expires <EXPIRY>."),
    ("use my visa ending in four two four two", "use my visa ending in <CARD>"),
    # NATIONAL_ID
    ("my social security number is one two three four five six seven eight nine",
     "my social security number is <NATIONAL_ID>"),
    ("SSN: 078-05-1120", "SSN: <NATIONAL_ID>"),
    ("My National Insurance number is QQ 12 34 56 C.", "My National Insurance number is <NATIONAL_ID>."),
    ("passport number l eight nine eight nine two four three one", "passport number <NATIONAL_ID>"),
    # ACCOUNT
    ("sort code twenty forty fifteen account three one nine two six eight one nine",
     "sort code <ACCOUNT> account <ACCOUNT>"),
    ("My IBAN is GB82 WEST 1234 5698 7654 32.", "My IBAN is <ACCOUNT>."),
    ("Routing number 021000021.", "Routing number <ACCOUNT>."),
    # EMAIL
    ("my email is john dot smith at gmail dot com", "my email is <EMAIL>"),
    ("Email john.smith@gmail.com please.", "Email <EMAIL> please."),
    ("send it to sarah underscore lee eighty two at yahoo dot com", "send it to <EMAIL>"),
    ("the address is hello at my dash bakery dot com", "the address is <EMAIL>"),
    # issue 16: the address written with its @ is the text glued to it, never the command before it
    ("add new email to my contacts macs@gmail dot com", "add new email to my contacts <EMAIL>"),
    # ADDRESS and POSTCODE
    ("i live at four five six elm avenue apartment three b", "i live at <ADDRESS>"),
    ("Send the package to 221B Baker Street.", "Send the package to <ADDRESS>."),
    ("i live on maple street", "i live on <ADDRESS>"),
    ("i live at twelve oak street springfield six two seven oh four", "i live at <ADDRESS> <POSTCODE>"),
    ("my zip code is nine oh two one oh", "my zip code is <POSTCODE>"),
    ("The postcode is SW1A 1AA.", "The postcode is <POSTCODE>."),
    ("the postcode is s w one a one a a", "the postcode is <POSTCODE>"),
    # DOB
    ("my date of birth is march third nineteen eighty four", "my date of birth is <DOB>"),
    ("Date of birth: 03/15/1984.", "Date of birth: <DOB>."),
    ("i was born on the fifth of june nineteen ninety", "i was born on <DOB>"),
    ("She was born in nineteen seventy six.", "She was born in <DOB>."),
    # SECRET
    ("my password is purple monkey dishwasher", "my password is <SECRET>"),
    ("My PIN is 4821.", "My PIN is <SECRET>."),
    ("door code five five two two and lock the back door", "door code <SECRET> and lock the back door"),
    ("the gate code is star one two three four pound", "the gate code is <SECRET>"),
    ("Change the garage code to 2468.", "Change the garage code to <SECRET>."),
    # PLATE
    ("my license plate is seven a b c one two three", "my license plate is <PLATE>"),
    ("My license plate is 7ABC123.", "My license plate is <PLATE>."),
    ("A car with plate AB12 CDE is blocking the drive.", "A car with plate <PLATE> is blocking the drive."),
    ("add the plate tango romeo four five six to the list", "add the plate <PLATE> to the list"),
    # NAME
    ("my name is john smith", "my name is <NAME>"),
    ("My name is Xiomara Okafor.", "My name is <NAME>."),
    ("text mark that dinner is ready", "text <NAME> that dinner is ready"),
    ("remind grace about the dentist", "remind <NAME> about the dentist"),
    ("will smith is coming over", "<NAME> is coming over"),
    ("Is Olivia home yet?", "Is <NAME> home yet?"),
    ("is chloe's phone charged", "is <NAME>'s phone charged"),
    ("hi this is patrick o'brien calling", "hi this is <NAME> calling"),
    ("is zanzibar quill home", "is <NAME> home"),
    ("call siobhan about saturday", "call <NAME> about saturday"),
    ("Dr. Okonkwo's office called.", "Dr. <NAME>'s office called."),  # a title is not private: it stays
    ("call uncle bob", "call uncle <NAME>"),  # so does a relation
    ("did rose call", "did <NAME> call"),
    ("Text Jean-Luc that I'm here.", "Text <NAME> that I'm here."),
    ("i live at twelve high street london s w one a one a a", "i live at <ADDRESS> <POSTCODE>"),
    ("send it to p o box one two three four", "send it to <ADDRESS>"),
    ("My number is five five five, two three four, eight nine nine one.", "My number is <PHONE>."),
    ("Call Priya on speaker.", "Call <NAME> on speaker."),
]

# Ordinary commands: must come out byte-for-byte unchanged.
CLEAN = [
    "set a timer for twenty five minutes", "Set an alarm for 6:45 a.m.", "wake me up at seven thirty",
    "set the thermostat to seventy two degrees", "Dim the bedroom lights to 30%.", "play track twelve",
    "switch to channel one oh seven", "turn on the fan in room two oh three", "How much is $12.99 plus tax?",
    "what is twelve times fourteen", "what's one million divided by eight",
    "what is one two three four five six seven eight divided by two", "What's 1,000,000 divided by 8?",
    "remind me on march third to renew the insurance", "set the alarm for june", "remind me in may",
    "will it rain tomorrow", "mark it as done", "play may it be", "grace period for the library books",
    "call mom", "Call Mom.", "turn on the sun lamp", "what does bill mean", "turn the lights green",
    "set volume to max", "turn on the hall light", "add black beans and brown rice",
    "what's the weather in austin", "play the grace period podcast", "what's the wifi password",
    "I forgot my PIN.", "pin this note to the top", "write some code for me", "reset my password",
    "my subscription expires on march third", "The milk expires on Friday.", "call me in five minutes",
    "what's the traffic like on main street", "play songs from abbey road", "how long is the drive to the park",
    "look at amazon dot com", "set an alarm at seven", "what day is it", "Turn the kitchen lights white.",
    "", "   ", "create a list called camping", "call reception", "text back", "call waiting", "ask alexa",
    "is the ring camera on", "read my text messages", "call an ambulance", "turn the volume up to eleven",
    "play radio four", "play the countdown ten nine eight seven six five four three two one",
    "Remind me on 3/15/2025 to pay taxes.", "track order number one one two three four five six seven eight nine",
    "my birthday is in two weeks", "the code is valid for ten minutes", "Put on Taylor Swift.",
    "Call Domino's and order a large pizza.", "Tell me about Paris.", "play the song jolene",
]


@pytest.mark.parametrize(("text", "expected"), REDACTED)
def test_redacts_each_kind_in_both_forms(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", CLEAN)
def test_ordinary_commands_pass_unchanged(redactor: Redactor, text: str) -> None:
    result = redactor.redact(text)
    assert result.text == text
    assert result.counts == {}


def test_counts_by_kind(redactor: Redactor) -> None:
    result = redactor.redact("My name is John Smith and my number is 555-234-8991, PIN 4821.")
    assert result == RedactionResult("My name is <NAME> and my number is <PHONE>, PIN <SECRET>.",
                                     {"NAME": 1, "PHONE": 1, "SECRET": 1})
    assert set(result.counts) <= set(KINDS)


def test_text_outside_spans_is_byte_identical(redactor: Redactor) -> None:
    text = "  Text  Michael:\tthe code is 7761 …  café ✓  "
    out = redactor.redact(text).text
    assert out == "  Text  <NAME>:\tthe code is <SECRET> …  café ✓  "


def test_every_kind_has_a_row() -> None:
    seen = {k for _, out in REDACTED for k in KINDS if f"<{k}>" in out}
    assert seen == set(KINDS)


def test_household_names_need_the_setting() -> None:
    assert Redactor().redact("play zanzibar tonight").text == "play zanzibar tonight"
    assert Redactor(["Zanzibar"]).redact("play zanzibar tonight").text == "play <NAME> tonight"


def test_thread_safe(redactor: Redactor) -> None:
    cases = REDACTED[:20] + [(c, c) for c in CLEAN[:20]]
    errors: list[str] = []

    def work() -> None:
        for _ in range(20):
            for text, expected in cases:
                got = redactor.redact(text).text
                if got != expected:
                    errors.append(f"{text!r} -> {got!r}")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert errors == []


def test_outside_spans_kept_in_order_on_every_row(redactor: Redactor) -> None:
    """What is not a placeholder is the input's own text, in order: nothing rewritten around a span."""
    import re

    for text, _ in REDACTED:
        out = redactor.redact(text).text
        pos = 0
        for literal in re.split(r"<[A-Z_]+>", out):
            found = text.find(literal, pos)
            assert found >= 0, (text, out, literal)
            pos = found + len(literal)


def test_long_lines_stay_fast(redactor: Redactor) -> None:
    import time

    # 400 words is far past what one utterance holds (UtteranceLimits); the tagger reads it in windows
    t0 = time.perf_counter()
    out = redactor.redact("will " * 400 + "smith and call five five five one two three four")
    assert out.text.endswith("and call <PHONE>")
    assert time.perf_counter() - t0 < 2.0


# --- more principle cases per kind, in other wordings (each with what must not be touched)
GENERALISED = [
    # unlisted names after contact verbs, as surnames, after "and", with particles, as subjects
    ("ring bogdan when you get in", "ring <NAME> when you get in"),
    ("add siddharth rao to the group", "add <NAME> to the group"),
    ("leave a message for yevgenia", "leave a message for <NAME>"),
    ("facetime ngozi and emeka", "facetime <NAME> and <NAME>"),
    ("remind layla el amin about piano", "remind <NAME> about piano"),
    ("Send a message to Tendai Moyo.", "Send a message to <NAME>."),
    ("bongani mthembu said the gate is open", "<NAME> said the gate is open"),
    ("call my niece oyelaran", "call my niece <NAME>"),
    # spelled plates and post codes without a cue
    ("the van was l x six nine b d v", "the van was <PLATE>"),
    ("it was b as in bravo r nine one k p", "it was <PLATE>"),
    # a value before its cue
    ("three eight one is the code on the back of the card", "<CVV> is the code on the back of the card"),
    ("april ninth two thousand and ten is my daughter's birthday", "<DOB> is my daughter's birthday"),
    # secrets, emails, birthdays in unusual forms
    ("the guest wifi password mango forty two", "the guest wifi password <SECRET>"),
    ("my passcode is seahorse nineteen hundred and six", "my passcode is <SECRET>"),
    ("mail it to k mbeki at proton mail dot com", "mail it to <EMAIL>"),
    ("i was born on new year's eve nineteen eighty eight", "i was born on <DOB>"),
    # Whisper's renderings of a spoken digit string
    ("1,0001 90210 0,1803", "<ACCOUNT>"),
    ("Text me on 0,7700 900 1,23.", "Text me on <PHONE>."),
    # after the third blind corpus: subjects of what people do, signatures, pairs, collect/fetch
    ("hunter wants a lift to rugby", "<NAME> wants a lift to rugby"),
    ("Dawn says the boiler is noisy.", "<NAME> says the boiler is noisy."),
    ("see you soon love beata", "see you soon love <NAME>"),
    ("ruby and alfie come downstairs", "<NAME> and <NAME> come downstairs"),
    ("Remind me to collect Vikram at six.", "Remind me to collect <NAME> at six."),
    # expiry, ID, DOB, secret cues in other wordings; dashed spelled plates; other countries' post codes
    ("it expires at the end of may twenty six", "it expires at the end of <EXPIRY>"),
    ("It expires March '28.", "It expires <EXPIRY>."),
    ("My PPS number is 1234567TA.", "My PPS number is <NATIONAL_ID>."),
    ("D.O.B. 12.05.1990", "D.O.B. <DOB>"),
    ("The guest Wi-Fi key is FlatFour_Guest42.", "The guest Wi-Fi key is <SECRET>."),
    ("add my car a b c dash one two three four", "add my car <PLATE>"),
    ("Book a slot for SK 22 ZPL.", "Book a slot for <PLATE>."),
    ("Our Eircode is D02 X285.", "Our Eircode is <POSTCODE>."),
    ("Add 617-555-0142 to contacts.", "Add <PHONE> to contacts."),
    ("they live at eighteen a victoria terrace", "they live at <ADDRESS>"),
]
GENERALISED_CLEAN = [
    "add oat milk and hummus to the shopping list", "Add Doritos to my cart.", "this is delicious",
    "ask for the bill please", "play hey jude", "Is Rose Hill station step-free?", "flights to kinshasa",
    "what's the weather in ouagadougou", "message whatsapp support", "Real Madrid will win tonight",
    "Manchester United has signed a new striker", "play b b c radio two", "set an alarm for five o five p m",
    "the answer is a one b two c three", "seven is my lucky number", "twenty minutes is the limit",
    "the password is case sensitive", "reset my password in ten minutes", "remind me on christmas eve",
    "The stadium holds 60,000 people.", "That comes to 1,249.99 dollars.", "Add 1,2 and 3.",
    # names that name things: colours, credits, countries, dishes, appliances, heights, holidays
    "Set the lights to Hunter Green.", "Play the latest Drake album.", "Did Nigeria win the match?",
    "how many countries are in africa", "chicken tikka masala for four", "start the robot hoover",
    "How high is Ben Nevis?", "When is April Fools' Day?", "the kids love lego", "add 25 and 17",
    "my gym membership runs out in march", "what is a dash b", "salt and pepper",
]


@pytest.mark.parametrize(("text", "expected"), GENERALISED)
def test_generalised_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", GENERALISED_CLEAN)
def test_generalised_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


# --- numbers and addresses in other shapes
NUMBER_ROWS = [
    # a card grouped as printed is a card even when a digit was misheard (no Luhn check passes)
    ("card for the deposit is 5312 4408 9921 0365 expiring 08/29",
     "card for the deposit is <CARD> expiring <EXPIRY>"),
    # expiry and security code right after a card, with no cue of their own
    ("Book it on 4716 2290 5513 8047, 11/28, 902 please.", "Book it on <CARD>, <EXPIRY>, <CVV> please."),
    # Canada's three-digit institution number
    ("The routing is 021000089, institution 010, transit 00123.",
     "The routing is <ACCOUNT>, institution <ACCOUNT>, transit <ACCOUNT>."),
    # an abbreviated direction before the street name
    ("Deliver the crib to 77 E. Pine Ave., Portland.", "Deliver the crib to <ADDRESS>."),
]
NUMBER_CLEAN = ["Mark the order 1234 5678 for room 12 as done.", "What's 1,250 plus 875?",
                "Set the thermostat to 21, then 19 at 10/30."]


@pytest.mark.parametrize(("text", "expected"), NUMBER_ROWS)
def test_generalised_number_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", NUMBER_CLEAN)
def test_number_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


# Names inside sayings, languages, shows on a service, shops and artists' credits, and the people in
# the same places that must still go.
IDIOM_CLEAN = [
    "how do you make a sloppy joe", "is a jack russell good with kids", "Set the subtitles to Spanish.",
    "can you say thank you in Welsh", "Is Only Murders in the Building on Hulu?",
    pytest.param("Is Bluey on Disney+?", marks=pytest.mark.xfail(strict=True, reason=(
        "a known miss of the shipped tagger (two seeds averaged): 'bluey' 0.62 against 0.38; kept visible"))),
    "Where is the nearest Wells Fargo?", "Is Trader Joe's open on Sunday?", "when do i sow daisy seeds",
    "the cleaning crew arrives at nine", 'Play "Memory" from Cats.', "what should we do this arvo",
]
IDIOM_PEOPLE = [
    ("Play the message from Oksana.", "Play the message from <NAME>."),
    ("Did Mary Jane call back?", "Did <NAME> call back?"),
    ("I left my keys at Kwame's house.", "I left my keys at <NAME>'s house."),
    ("Book Ifeoma's parents' evening for Monday.", "Book <NAME>'s parents' evening for Monday."),
    ("call omar bin laden", "call <NAME>"),
]


# What a household calls its family, in many languages, is not a name (sottovoce.privacy.redaction.kinship);
# the name said beside it still goes, and a word joined to a name goes with it (name_tagger.taken).
RELATIONS_CLEAN = [
    "call ammi on speaker", "is bhaiya home yet", "tell teta the bread is ready", "did didi get home",
    "tell nainai happy new year", "Is Nonna's flight on time?",
]
RELATIONS_PEOPLE = [
    ("ask farida khala to call me", "ask <NAME> khala to call me"),
    ("video call abuela rosa", "video call abuela <NAME>"),
    ("did anh tu fix the sink", "did <NAME> fix the sink"),
    pytest.param("tell thanh huong dinner is ready", "tell <NAME> dinner is ready", marks=pytest.mark.xfail(
        strict=True, reason="a known miss of the shipped tagger (session 15): 'huong' 0.10 beside 'thanh', below "
                            "the neighbour threshold 0.2 (the tagger before gave 0.44)")),
]


@pytest.mark.parametrize("text", RELATIONS_CLEAN)
def test_relationship_words_stay(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


@pytest.mark.parametrize(("text", "expected"), RELATIONS_PEOPLE)
def test_the_person_beside_a_relationship_word_goes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", IDIOM_CLEAN)
def test_names_inside_sayings_shows_and_shops_stay(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


@pytest.mark.parametrize(("text", "expected"), IDIOM_PEOPLE)
def test_people_next_to_those_rules_still_go(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected
