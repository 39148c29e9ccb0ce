"""Email addresses said aloud ("john dot smith at gmail dot com") or half-written by Whisper.

A spoken "at" is everywhere in commands ("set an alarm at seven"), so an address needs a domain
("gmail", or a word then "dot" then a top-level domain) and, unless the domain is a mail
provider, either a spelled local part (dots, digits) or an email cue in the line.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.numbers import COMPOUND_WORDS, DIGIT_WORDS
from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

PROVIDERS = frozenset("""
gmail googlemail yahoo hotmail outlook icloud aol protonmail proton live msn gmx comcast verizon att
mac yandex zoho btinternet sky mail fastmail hey tutanota
""".split())
TLDS = frozenset("com net org edu gov io co uk us ca de fr info biz me app dev ai au in nz ie tv ly".split())
DOTS = frozenset((".", "dot", "period"))
LOCAL_JOINERS = frozenset(("dot", ".", "underscore", "_", "dash", "-", "hyphen", "plus", "+"))
EMAIL_CUES = frozenset(("email", "e-mail", "emails", "emailed", "mail", "address", "gmail", "inbox"))
LOCAL_STOP = FUNCTION_WORDS | EMAIL_CUES | frozenset((
    "me", "it", "at", "is", "send", "write", "contact", "reach", "forward", "cc", "copy", "reply", "share",
    "look", "shop", "shopping", "buy", "search", "deals", "sale", "prices", "check", "order", "browse", "visit",
    "sign", "log", "login"))
# With a top-level domain after "dot", "X at Y dot com" is an address even without a cue.
STRONG_TLDS = frozenset("com net org edu gov io co uk ie au nz ca de fr".split())


def _spelled_label(tokens: list[Token], i: int) -> int:
    """How many single letters (two or three) spell a domain label at i: "n e", "j p", "c o m"."""
    k = i
    while k < len(tokens) and k - i < 3 and len(tokens[k].low) == 1 and tokens[k].low.isalpha():
        k += 1
    return k - i if k - i >= 2 else 0


def _domain_end(tokens: list[Token], i: int) -> tuple[int, bool] | None:
    """(index past the domain, is a known provider) for a domain starting at token i."""
    n = len(tokens)
    if i >= n or not tokens[i].is_alnum:
        return None
    provider = tokens[i].low in PROVIDERS
    j = i + 1
    if tokens[i].is_word:
        while j < n and (tokens[j].low in DIGIT_WORDS or tokens[j].low in COMPOUND_WORDS or tokens[j].low.isdigit()):
            j += 1  # digits spelled inside a label: "isd seven oh nine dot org" is isd709.org
    # A spoken domain of two or three words: "info at smith plumbing dot com".
    k = j
    while k < n and k - i < 3 and tokens[k].is_alnum and tokens[k].low not in DOTS and (
            tokens[k].low not in LOCAL_STOP or tokens[k].low in EMAIL_CUES):  # "ghana mail dot com"
        k += 1
    if k > j and k + 1 < n and tokens[k].low in DOTS and tokens[k + 1].low in TLDS:
        j = k
    while j + 1 < n and tokens[j].low in ("dash", "-", "hyphen") and tokens[j + 1].is_alnum:
        j += 2  # "my dash bakery dot com"
    dots = 0
    while j + 1 < n and tokens[j].low in DOTS and tokens[j + 1].is_alnum:
        spelled = _spelled_label(tokens, j + 1)
        if spelled:
            j += 1 + spelled  # "docomo dot n e dot j p": a label spelled letter by letter
        elif tokens[j + 1].low in TLDS or (j + 2 < n and tokens[j + 2].low in DOTS) or (
                len(tokens[j + 1].low) == 2 and tokens[j + 1].text.isalpha()) or (
                provider and tokens[j + 1].text.isalpha() and len(tokens[j + 1].text) <= 4) or (
                dots == 0 and tokens[j + 1].text.isalpha() and len(tokens[j + 1].text) <= 10 and (
                    j + 2 == n or not tokens[j + 2].is_alnum or tokens[j + 2].low in FUNCTION_WORDS)):
            j += 2  # "dot com", "dot co dot uk", any country ("online dot no"), after a provider "dot fm"
        else:
            break
        dots += 1
    if dots == 0 and not provider:
        return None
    return j, provider


def email_spans(tokens: list[Token]) -> list[Span]:
    spans: list[Span] = []
    lows = [t.low for t in tokens]
    cued = any(w in EMAIL_CUES for w in lows)
    for k, tok in enumerate(tokens):
        if tok.low not in ("at", "@") or k == 0:
            continue
        after = k + 2 if k + 1 < len(tokens) and lows[k + 1] in ("sign", "symbol") else k + 1  # "at sign"
        dom = _domain_end(tokens, after)
        if dom is None:
            continue
        end, provider = dom
        provider = provider or tokens[end - 1].low in STRONG_TLDS
        first = k
        spelled = False
        j = k - 1
        domain = " ".join(t.text for t in tokens[after:end])
        if tok.low == "@" and tokens[j].end == tok.start:
            # Written "macs@gmail": the local part is the text glued to the @, never the words before it
            # ("add new email to my contacts macs@gmail dot com" keeps "contacts").
            while j > 0 and tokens[j - 1].end == tokens[j].start and (
                    tokens[j - 1].is_alnum or tokens[j - 1].low in LOCAL_JOINERS):
                j -= 1
            spans.append(Span(tokens[j].start, tokens[end - 1].end, "EMAIL", 3,
                              why=f"an address written with '@' then the domain '{domain}'"))
            continue
        while j >= 0 and k - j <= 8:
            low = lows[j]
            joined = j + 1 < k and lows[j + 1] in LOCAL_JOINERS
            if low in LOCAL_JOINERS:
                spelled = True
            elif len(low) == 1 and low.isalpha() and low != "i" and first == j + 1 < k and provider:
                pass  # an initial: "a okafor at outlook dot com"
            elif not tokens[j].is_alnum or (low in LOCAL_STOP and not joined):
                break
            elif low.isdigit() or low in DIGIT_WORDS or low in COMPOUND_WORDS:
                spelled = True
            first = j
            j -= 1
        while first < k and lows[first] in LOCAL_JOINERS:
            first += 1
        if first == k or not (provider or spelled or cued):
            continue
        because = ("the mail provider" if tokens[after].low in PROVIDERS else "a domain ending in a known top-level"
                   if provider else "the domain") + f" '{domain}'"
        because += "; " + ("a spelled local part (dots, digits)" if spelled else "an email cue in the line" if cued
                           else "the local part runs back to the first command word")
        spans.append(Span(tokens[first].start, tokens[end - 1].end, "EMAIL", 3,
                          why=f"'{tokens[k].text}' then {because}"))
    return spans
