"""How to say acronyms and abbreviations: a table of known ones plus a pronounceability rule for the rest."""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["say_acronym", "is_pronounceable", "reads_as_word", "ABBREVIATIONS", "SPOKEN_AS_WORDS", "SPOKEN_AS_LETTERS"]

# Acronyms said as words although a letter rule might not guess it (or spelled although it would).
SPOKEN_AS_WORDS = frozenset(
    "NATO NASA ISIS ISIL UNESCO UNICEF OPEC NAFTA AIDS LASER RADAR SCUBA FIFA UEFA ASEAN SWIFT COVID DAESH HAMAS "
    "IKEA FEMA INTERPOL BRICS MERS SARS OSHA NASDAQ SEATO CENTCOM EUROPOL FRONTEX UNIFIL MONUSCO UNAMA GOAL "
    "FOX CRISPR NASCAR SWAT POTUS SCOTUS FLOTUS DARPA NORAD OFCOM CERN AWOL CAPTCHA JPEG GIF PIN ZIP PAC WASP "
    "MOMA LEGO ACAS UNITA SPAD".split()
    # a product's tier and a number, written in capitals ("Ryzen 7 PRO", "SIX times"): words, never initials
    + "PRO MAX PLUS ULTRA MINI LITE AIR NEO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE TWENTY "
      "HUNDRED THOUSAND MILLION BILLION".split()
)
SPOKEN_AS_LETTERS = frozenset(
    "US UK UN EU USA BBC CNN FBI CIA SDF EA IS YPG IDF IMF WHO GOP NGO CEO PKK UAE DNA TV PR ID IPO SEC NHS MP "
    "EP MSNBC ABC NBC CBS AP AFP RT SAA FSA HTS PYD KRG ICC ICJ WTO OECD IAEA UNHCR OSCE NSA DOJ DOD ACLU NAACP "
    "AI API"
    .split()
)
_SPECIAL = {"OK": "okay", "AM": "A M", "PM": "P M", "JPEG": "jay-peg", "WWI": "World War One", "WWII": "World War Two",
            "DRAM": "D RAM", "SRAM": "S RAM", "VRAM": "V RAM"}  # (memory: the letter, then "ram")

_VOWELS = "AEIOUY"
_RUNS = re.compile(r"[AEIOUY]+|[^AEIOUY]+")  # vowel runs and consonant runs
_ONSETS = frozenset(
    "BL BR CH CL CR DR FL FR GL GR KL KR PH PL PR SC SH SK SL SM SN SP ST SW TH TR TW WH WR SCR SPL SPR STR".split()
)
_CODAS = frozenset(
    "CK CT DS FT GS KS LD LF LK LL LM LP LS LT MP MS NC ND NG NK NS NT PS PT RB RD RK RM RN RS RT SH SK SP ST TH TS"
    .split()
)


def is_pronounceable(word: str) -> bool:
    """Whether an all-capital acronym reads as a word: 4+ letters, syllables of legal English onsets and codas."""
    return len(word) >= 4 and reads_as_word(word)


def reads_as_word(word: str) -> bool:
    """Whether capitals read as a word whatever their length: syllables of legal English onsets and codas ("NEW",
    "DIN", "MIDI"), not "USB" or "ABC"."""
    word = word.upper()
    if not word.isalpha():
        return False
    runs = _RUNS.findall(word)
    if all(r[0] not in _VOWELS for r in runs) or any(r[0] in _VOWELS and len(r) > 2 for r in runs):
        return False
    if not all(_consonants_fit(run, i, len(runs) - 1) for i, run in enumerate(runs)
               if run[0] not in _VOWELS and len(run) > 1):
        return False
    if len(runs) >= 2 and runs[-1] in ("U", "I") and len(runs[-2]) >= 2:
        return False  # "ACLU": a word ends in a lone "u" or "i" after one consonant ("menu", "taxi"), not two
    return True


def _consonants_fit(run: str, i: int, last: int) -> bool:
    """Whether a run of two or more consonants, run `i` of a word's runs 0..`last`, is English where it stands."""
    if i == 0 and run not in _ONSETS:
        return False  # "FBI", "SDF": no English word starts like that
    if i == last and run not in _CODAS:
        return False  # "IMF", "USSR"
    if 0 < i < last and len(run) > 2 and run[1:] not in _ONSETS:
        return False  # "UNHCR"
    return not (0 < i < last and run[0] == "H")  # "AHCA": no English syllable closes on "h"


def _is_word(word: str) -> bool:
    """A capitalised word rather than an initialism: six letters or more, with two vowels ("KVELLER", "DAVIDOFF")."""
    return len(word) >= 6 and word.isalpha() and sum(c in _VOWELS for c in word) >= 2


@lru_cache(maxsize=4096)
def say_acronym(word: str) -> str:
    """ "SDF" -> "S D F", "NATO" -> "Nato", "USAs" -> "U S A's"; other words unchanged."""
    plural = len(word) > 2 and word.endswith("s") and word[:-1].isupper()
    stem = word[:-1] if plural else word
    if stem in _SPECIAL:
        return _SPECIAL[stem] + ("s" if plural else "")
    if stem in SPOKEN_AS_WORDS or (stem not in SPOKEN_AS_LETTERS and (is_pronounceable(stem) or _is_word(stem))):
        return stem.capitalize() + ("s" if plural else "")
    return " ".join(stem) + ("'s" if plural else "")


# Abbreviations with a full stop, and what to say. Titles are said only before a name (a capital follows).
TITLES = {
    "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Dr": "Doctor", "Prof": "Professor", "Gen": "General",
    "Lt": "Lieutenant", "Col": "Colonel", "Capt": "Captain", "Sgt": "Sergeant", "Maj": "Major", "Adm": "Admiral",
    "Cmdr": "Commander", "Sen": "Senator", "Rep": "Representative", "Gov": "Governor", "Pres": "President",
    "Rev": "Reverend", "Hon": "Honourable", "Fr": "Father", "Mt": "Mount", "Ft": "Fort",
    "Asst": "Assistant", "Supt": "Superintendent", "Det": "Detective", "Insp": "Inspector", "Atty": "Attorney",
    "Cpl": "Corporal", "Pvt": "Private", "Amb": "Ambassador", "Msgr": "Monsignor", "Brig": "Brigadier",
    "Adv": "Advocate",
}
ABBREVIATIONS = {
    "e.g": "for example", "i.e": "that is", "etc": "et cetera", "vs": "versus", "approx": "approximately",
    "Jr": "Junior", "Sr": "Senior", "Inc": "Incorporated", "Ltd": "Limited", "Corp": "Corporation",
    "Co": "Company", "Bros": "Brothers", "Dept": "Department", "Govt": "Government", "Jan": "January",
    "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June", "Jul": "July", "Aug": "August",
    "Sep": "September", "Sept": "September", "Oct": "October", "Nov": "November", "Dec": "December",
    "No": "number", "Nos": "numbers", "p": "page", "pp": "pages", "cf": "compare", "Ave": "Avenue",
    "Blvd": "Boulevard", "Rd": "Road",
}
