"""Words that make a street: the street types ("road", "lane", "crescent") and the words that can
never be part of a street's name (function words, units, things a command counts)."""

from __future__ import annotations

from sottovoce.privacy.redaction.numbers import COMPOUND_WORDS, DIGIT_WORDS, MAGNITUDE_WORDS
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS

STREET_TYPES = frozenset("""
street st avenue ave road rd lane ln drive dr court ct boulevard blvd way place pl terrace close crescent
circle cir parkway pkwy highway hwy square sq row trail mews grove gardens walk alley loop pike plaza
hill ridge view park heights crossing point parade esplanade promenade quay wynd rise vale broadway causeway
embankment
""".split())
NOT_STREET = FUNCTION_WORDS | frozenset("""
minutes minute hours hour seconds second degrees percent times plus minus dollars pounds euros cents
track channel volume room level timer alarm lights light songs song music items steps miles blocks
kilometers km feet meters the decimal decimals significant figures
""".split())


def numberish(low: str) -> bool:
    return low.isdigit() or low in DIGIT_WORDS or low in COMPOUND_WORDS or low in MAGNITUDE_WORDS
