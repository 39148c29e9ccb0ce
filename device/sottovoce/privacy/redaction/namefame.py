"""Public figures and characters asked about: "Who was Nelson Mandela?", "how old is david attenborough",
"Tell me a fact about Marie Curie.", "Is Paris Hilton still famous?", "who is jack in the titanic film",
"When did Queen Elizabeth II die?". A smart speaker is asked these of general knowledge, so the name
names no member of the household. Blocked before the person rules run, like `nameidioms`.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import TITLES
from sottovoce.privacy.redaction.namelists import fold, proper_nouns
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["block_famous"]

_FAME_QUESTIONS = (("who", "was"), ("how", "old", "is"), ("when", "did"), ("when", "was"),
                   ("where", "was"), ("who", "wrote"), ("who", "played"), ("who", "sang"), ("who", "invented"),
                   ("who", "painted"), ("who", "discovered"), ("how", "tall", "was"), ("how", "tall", "is"),
                   ("what", "year", "did"), ("who", "plays"), ("what", "did"), ("who", "is"),
                   ("tell", "me", "a", "fact", "about"), ("tell", "me", "facts", "about"),
                   ("tell", "me", "something", "about"), ("tell", "me", "about"))
# Asked only of the famous and of characters, whatever the name: "what year did martin luther king
# give ...", "Who plays Sherlock Holmes".
_ALWAYS_FAMOUS = frozenset((("who", "wrote"), ("what", "year", "did"), ("who", "plays"), ("who", "played"),
                            ("how", "tall", "was")))
# Asked of the famous when the name ends the question: "Who was Shivaji Maharaj?", "how old is dolly
# parton", "Tell me about Martin Luther King." (but not "who was keisha's teacher", "how old is nonno sal
# turning this year", "Who is Siobhan Kelleher? She left a voicemail").
_WHOLE_LINE = frozenset((("who", "was"), ("who", "is"), ("how", "old", "is"), ("tell", "me", "a", "fact", "about"),
                         ("tell", "me", "facts", "about"), ("tell", "me", "something", "about"),
                         ("tell", "me", "about")))
_WHEN = frozenset("now today tonight tomorrow yesterday again born".split())
# What only the famous are asked to have done: "what did marie curie discover" (not "what did keisha say").
_FAME_DEEDS = frozenset("discover discovered invent invented write wrote paint painted compose composed found prove"
                        .split())
# "Is Paris Hilton still famous?": what only a public figure is asked to still be.
_STILL_FAMOUS = frozenset("famous alive touring performing acting president popular".split())
# "who is jack in the titanic film": a character of a work.
_WORKS = frozenset("film films movie movies show series book books novel play musical game cartoon anime".split())
# What only a public figure is asked to own, after a full name: "Serena Williams' record".
_FAME_OWNED = frozenset("record records net height ranking career biography discography filmography".split())
_ROMAN = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi".split())


def block_famous(tokens: list[Token], written: bool, blocked: list[bool]) -> None:
    _block_asked(tokens, written, blocked)
    _block_still_famous(tokens, written, blocked)
    _block_fame_owned(tokens, written, blocked)
    for k in range(2, len(tokens)):
        if tokens[k].text.isupper() and tokens[k].low in _ROMAN and tokens[k - 2].low in TITLES:
            blocked[k - 1] = True  # "When did Queen Elizabeth II die?"


def _name_end(tokens: list[Token], start: int, written: bool) -> int:
    """Past up to four words of a name after the question."""
    end = start
    while end < len(tokens) and end - start < 4 and tokens[end].is_word and tokens[end].low not in FUNCTION_WORDS \
            and tokens[end].low not in _WHEN and tokens[end].low not in _FAME_DEEDS \
            and (not written or tokens[end].text[0].isupper()):
        end += 1
    return end


def _block_asked(tokens: list[Token], written: bool, blocked: list[bool]) -> None:
    """A name asked about in a question of general knowledge, whose last word the dictionary knows as a
    proper noun (Mandela, Nightingale, Swift, Nkrumah), or which ends the question."""
    n = len(tokens)
    for phrase in _FAME_QUESTIONS:
        if n <= len(phrase) or any(tokens[m].low != w for m, w in enumerate(phrase)):
            continue
        start = len(phrase)
        end = _name_end(tokens, start, written)
        if end == start:
            return
        last = tokens[end - 1]
        if last.low in ("jr", "sr") and end - start > 1:
            last = tokens[end - 2]  # "Who was Martin Luther King Jr.?"
        ends = end == n or tokens[end].low in ("dating", "married") \
            or tokens[end].low in ("?", ".", "!") and end + 1 == n
        if phrase == ("what", "did"):
            if end < n and tokens[end].low in _FAME_DEEDS:
                _block(blocked, start, end)
            return
        plain = all(tokens[k].low == tokens[k].base for k in range(start, end))  # not "who was keisha's"
        known = fold(last.base) in proper_nouns()
        if phrase in _ALWAYS_FAMOUS or phrase in _WHOLE_LINE and ends and plain and (
                end - start > 1 or phrase != ("how", "old", "is")):  # "how old is kemi": one of the household
            _block(blocked, start, end)
        elif phrase[0] == "who" and end < n and tokens[end].low == "in" \
                and any(t.low in _WORKS for t in tokens[end + 1:]):
            _block(blocked, start, end)  # "who is jack in the titanic film" (not "... in my contacts")
        elif phrase[0] == "who" and end - start > 1 and known and last.low != last.base:
            _block(blocked, start, end)  # "Who is Sherlock Holmes's landlady?"
        elif known and last.low == last.base and phrase != ("who", "is") and phrase[0] != "tell":
            _block(blocked, start, end)  # "when did nelson mandela die", "Who was Prince before he was famous?"
        return


def _block_still_famous(tokens: list[Token], written: bool, blocked: list[bool]) -> None:
    if len(tokens) < 4 or tokens[0].low not in ("is", "was"):
        return
    end = _name_end(tokens, 1, written)
    if 1 < end < len(tokens) - 1 and tokens[end].low == "still" and tokens[end + 1].low in _STILL_FAMOUS:
        _block(blocked, 1, end)


def _block_fame_owned(tokens: list[Token], written: bool, blocked: list[bool]) -> None:
    """ "What's Serena Williams' record at Wimbledon?", "what is taylor swift's net worth": a full name
    owning what only the famous have."""
    for k in range(1, len(tokens) - 1):
        tok, after = tokens[k], k + 1
        if after < len(tokens) - 1 and tokens[after].low in ("'", "’") and tok.low.endswith("s"):
            after += 1  # "Williams' record"
        elif tok.low == tok.base:
            continue
        if tokens[after].low not in _FAME_OWNED:
            continue
        start = k
        while start > 0 and k - start < 3 and tokens[start - 1].is_word \
                and tokens[start - 1].low not in FUNCTION_WORDS \
                and (not written or tokens[start - 1].text[0].isupper()):
            start -= 1
        if start < k:
            _block(blocked, start, k + 1)


def _block(blocked: list[bool], start: int, end: int) -> None:
    for k in range(start, end):
        blocked[k] = True
