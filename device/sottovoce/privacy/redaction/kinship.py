"""Relationship words: what a household calls its family instead of a name ("call ammi", "ring
nonna", "is bhaiya home yet").

A relationship word said alone is not a person's name (the labelling guideline of every corpus
here: "mum", "my boss", "grandma" are left alone), and in English the tagger learns that from the
data. The words other languages use at home are too many and too rare in any corpus for it to
learn them all ("ammi", "didi", "bhaiya", "nonna", "teta" were taken for names), so they are listed
here, by language family, and the redactor never takes one of them for a name.

A word that is also a given name somewhere is left out and left to the tagger, which judges it
from the words around it: lola (Filipino grandmother, Spanish given name), tia, tito, tita, amma
(Akan day name), ama, bibi, omi, unni, zia, hala, abi, anne, anna, dede, saba, abba (Abbas, with
a possessive s), yaya, nan, nana, mamie, ima, beti, babu, mami, and the short ma, da, pa (Ma
is a Chinese surname; "da silva"). See ALSO_GIVEN_NAMES.
"""

from __future__ import annotations

RELATIONSHIP_WORDS = frozenset("""
mum mom mummy mommy mam mammy mother dad daddy pappy papa mama father
nanna gran granny grandma grandmom grandmum grandmother grandpa grandad granddad gramps
grandfather auntie aunty aunt uncle cousin sis sister bro brother hubby wifey
ammi ammu abbu abbuji abbaji appa achan achchan amme ammachi appachan ammamma didi didu dada dadi
dadaji dadiji nani naniji nanaji bhaiya bhaiyya bhai bhaijaan bhaijan bhabhi bhabi chacha chachi chachu
mamu mamaji maami mausi mausa masi bua buaji phupho phuppo phupha thatha paati ajji ajja akka
chechi chettan thambi chithi chithappa periyamma periyappa athai babuji pitaji mataji maa
jiddo jeddo jidde teta tayta sitti sitto jaddah khalto khalti khala khalu khaleh ammo ammto maman
madar pedar madarjoon mamanjoon babajoon dayi amoo ammeh anneanne babaanne teyze amca abla agabey
baba shangazi mjomba gogo makhulu mkhulu ouma oupa tannie oom
halmoni halmeoni harabeoji harabuji eomma umma omma oppa unnie eonni noona nuna hyung hyeong imo
samchon obaachan obaasan ojiichan ojiisan okaasan otousan okaachan otouchan oneesan oniisan
oneechan oniichan nainai yeye laolao waipo waigong popo gunggung gege jiejie meimei
lolo kuya inay itay nanay tatay ninang ninong eyang nenek kakek
nonna nonno nonnina zio mamma mammina abuela abuelo abuelita abuelito papi madrina padrino
vovo vovó avó avô mamãe papai oma opa opi mutti vati tante onkel oncle tata babcia dziadek dziadzio
babunia babka babushka dedushka babulya deda baka bunica bunicul yiayia pappou papou mormor morfar
farmor farfar mummo papy pépé mémé mémère pépère tatie tonton savta doda
""".split())

ALSO_GIVEN_NAMES = frozenset("""
lola tia tito tita amma ama bibi omi unni zia hala abi anne anna dede saba abba yaya ma da pa
nan nana mamie ima beti babu mami
""".split())
"""Relationship words in some language that are also given names or parts of one: left to the tagger."""


def is_relationship_word(norm: str) -> bool:
    """Whether a word in the tagger's spoken shape (lower case, no apostrophe) is a relationship
    word, or its possessive ("nonnas chair", "didis phone")."""
    return norm in RELATIONSHIP_WORDS or (norm.endswith("s") and norm[:-1] in RELATIONSHIP_WORDS)
