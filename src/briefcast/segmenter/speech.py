"""Normalisation for speech: the words a narrator says for a sentence of written news.

speak("On June 10, 2017 the SDF was 40 km from Raqqa.") ->
"On June tenth, twenty seventeen the S D F was forty kilometres from Raqqa."
The output is plain words and sentence punctuation (for intonation), ready for espeak-ng. Rules run in a fixed
order, most specific first (links before numbers, phones and dates before ranges, currencies before plain numbers).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from briefcast.dates import MONTH_NAMES, iso_parts
from briefcast.segmenter.acronyms import ABBREVIATIONS, SPOKEN_AS_LETTERS, TITLES, reads_as_word, say_acronym
from briefcast.segmenter.lexicon import DISTANCE_WORDS as _DISTANCE_WORDS
from briefcast.segmenter.lexicon import DOTTED_STATES as _DOTTED
from briefcast.segmenter.lexicon import PER as _PER
from briefcast.segmenter.lexicon import POSTAL as _POSTAL
from briefcast.segmenter.lexicon import POSTAL_WORDS as _POSTAL_WORDS
from briefcast.segmenter.lexicon import SHOUTED_WORDS as _SHOUTED_WORDS
from briefcast.segmenter.lexicon import SLASH_IDIOMS as _SLASH_IDIOMS
from briefcast.segmenter.lexicon import STATES as _STATES
from briefcast.segmenter.lexicon import SYMBOLS as _SYMBOLS
from briefcast.segmenter.lexicon import UNITS as _UNITS
from briefcast.segmenter.lexicon import VULGAR as _VULGAR
from briefcast.segmenter.markup import TEX_DISPLAY, TEX_INLINE
from briefcast.segmenter.needs import needed_chars
from briefcast.segmenter.newsprint import plain
from briefcast.segmenter.numbers import (
    CURRENCIES,
    ROMAN,
    SCALES,
    clock,
    decade,
    duration,
    fraction,
    money,
    ordinal,
    phone,
    roman_value,
    say_digits,
    say_number,
    sum_of,
    year,
    year_end,
)

__all__ = ["speak", "speak_date", "say_number"]

MONTHS = list(MONTH_NAMES)
_MONTH_INDEX = {m.lower(): i for i, m in enumerate(MONTHS)}
_MONTH_INDEX.update({m[:3].lower(): i for i, m in enumerate(MONTHS)} | {"sept": 8})
_MONTH = (r"\b(?=[JFMASONDjfmasond])(?P<month>(?i:" + "|".join(MONTHS) +
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?))")

_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_PER_UNIT = "|".join(re.escape(u) for u in sorted(_PER, key=len, reverse=True))
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_DASH = r"\s?[-–—]\s?"
_TLDS = "com|org|net|info|ru|ca|uk|de|fr|io|gov|edu"  # bare domains said as links ("example.com")
_TIMEZONES = r"(?i:e\.?s\.?t|e\.?d\.?t|c\.?s\.?t|c\.?d\.?t|p\.?s\.?t|p\.?d\.?t|m\.?s\.?t|gmt|utc|bst|cet|cest)"
# words before a roman numeral that make it a plain number ("Chapter IV" -> "chapter four")
_NUMBERED = (r"(?i:chapter|part|pt\.|book|volume|vol\.|act|article|section|phase|title|episode|war|bowl|round|"
             r"stage|level|grade|class|type|mark|tier|appendix|annex|schedule|psalm|canto|series|season)")

_SPACES = re.compile(r"\s+")
_YEARLIKE = re.compile(r"1[1-9]\d\d|20\d\d")
_YEAR_END = re.compile(r"1[1-9]\d\d|20\d\d|\d\d")
_SCHEME = re.compile(r"^(?:[a-z]+://)?(?:www\.)?", re.IGNORECASE)
_URL_PUNCT = re.compile(r"[?=#%:]+")
_URL_DIGITS = re.compile(r"\d+")
URL_PATH_CHARS = 16  # a link's path longer than this (or of three parts or more) is not said: the site is
_ordinal = ordinal
_year = year


def speak_date(iso: str) -> str:
    """ "2017-06-10" -> "June tenth, twenty seventeen" (the same as speak("June 10, 2017"))."""
    date = iso_parts(iso)
    if date is None:
        return speak(iso)
    y, month, day = date
    return f"{MONTHS[month - 1]} {_ordinal(day)}, {_year(y)}"


# -- the passes, in order ------------------------------------------------------------------------------------------

Gate = Callable[[str], object]
# (pattern, replacement, needs a digit, gate). A pass runs only when its gate is true of the text so far: each gate is
# a cheap test that any match needs (a character, a word), so skipping a pass whose gate fails changes nothing.
Rule = tuple["re.Pattern[str]", "str | Callable[[re.Match[str]], str]", bool, "Gate | None"]


def _markup(m: re.Match[str]) -> str:
    return m.group("label") or ""


def _link(m: re.Match[str]) -> str:
    """ "https://www.patreon.com/southfront" -> "patreon dot com slash southfront"; a longer path is left out
    ("harpers.org/blog/2015/08/x" -> "harpers dot org"); digits one by one."""
    url = _SCHEME.sub("", m.group(0)).rstrip("/")
    host, _, path = url.partition("/")
    if path and "@" not in host and (len(path) > URL_PATH_CHARS or path.count("/") > 1):
        url = host  # a newsreader gives the site, not its path ("harpers.org/blog/2015/08/x" -> "harpers dot org")
    url = url.replace("@", " at ").replace(".", " dot ").replace("/", " slash ").replace("-", " dash ")
    url = _URL_DIGITS.sub(lambda d: f" {say_digits(d.group(0))} ", url.replace("_", " underscore "))
    return " " + _SPACES.sub(" ", _URL_PUNCT.sub(" ", url)).strip() + " "


def _iso_date(m: re.Match[str]) -> str:
    # not a calendar date ("2020-13-45"): the later passes say its numbers (speak_date would recurse into speak)
    return speak_date(m.group(0)) if iso_parts(m.group(0)) else m.group(0)


def _numeric_date(m: re.Match[str]) -> str:
    """ "2016/07/03", "10/06/2005" (month first unless the day cannot be a month), "15.01.2020", "11/17/05"."""
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if len(a) == 4:
        y, month, day = a, int(b), int(c)
    elif int(a) > 12:
        y, month, day = c, int(b), int(a)
    else:
        y, month, day = c, int(a), int(b)
    if not (1 <= month <= 12 and 1 <= day <= 31) or len(y) in (1, 3):
        return m.group(0)  # ("4-2-1" is a team's record, not a date)
    said_year = _year(int(y)) if len(y) == 4 else say_number(y)
    if int(a) > 12 and len(a) < 4:
        return f"the {_ordinal(day)} of {MONTHS[month - 1]} {said_year}"
    return f"{MONTHS[month - 1]} {_ordinal(day)} {said_year}"


def _season(m: re.Match[str]) -> str:
    """ "19/20" -> "nineteen twenty", "2019/20" -> "twenty nineteen twenty": a season, when the second year follows
    the first; other pairs are left to the fraction pass ("31/32", "10/12")."""
    a, b = m.group("a"), m.group("b")
    if (int(a) + 1) % 100 != int(b):
        return m.group(0)
    first = _year(int(a)) if len(a) == 4 else year_end(a)
    return f"{first} {year_end(b)}"


def _month_name(m: re.Match[str]) -> str | None:
    """The month's full name, or None for a lowercase "may"/"mar" that is more likely the verb."""
    written = m.group("month")
    if written in ("may", "mar") and not m.group("year"):
        return None
    return MONTHS[_MONTH_INDEX[written.rstrip(".").lower()]]


def _month_day(m: re.Match[str]) -> str:
    month = _month_name(m)
    if month is None or not 1 <= int(m.group("day")) <= 31:
        return m.group(0)
    out = f"{month} {_ordinal(int(m.group('day')))}"
    if m.group("last"):  # "July 10-12": the days from one to the other
        if not int(m.group("day")) < int(m.group("last")) <= 31:
            return m.group(0)
        out += f" to {_ordinal(int(m.group('last')))}"
    return out + (f", {_year(int(m.group('year')))}" if m.group("year") else "")


def _day_month(m: re.Match[str]) -> str:
    month = _month_name(m)
    if month is None or not 1 <= int(m.group("day")) <= 31:
        return m.group(0)
    out = f"the {_ordinal(int(m.group('day')))} of {month}"
    return out + (f", {_year(int(m.group('year')))}" if m.group("year") else "")


def _month_year(m: re.Match[str]) -> str:
    month = _month_name(m)
    return m.group(0) if month is None else f"{month} {_year(int(m.group('year')))}"


def _phone(m: re.Match[str]) -> str:
    groups = [g for g in m.group(0).replace("(", " ").replace(")", " ").replace(".", " ").split() for g in g.split("-")]
    if m.group(0).startswith("+") and groups and not groups[0].startswith("+"):
        groups[0] = "+" + groups[0]
    return phone(*[g for g in groups if g])


def _world_phone(m: re.Match[str]) -> str:
    """A number of another country's plan, its groups joined by hyphens ("212-667-350123"); years in a row
    ("2019-2020-2021") are not one."""
    if all(_YEARLIKE.fullmatch(g) for g in m.group(0).lstrip("+").split("-")):
        return m.group(0)
    return _phone(m)


def _ip(m: re.Match[str]) -> str:
    return " dot ".join(say_digits(part) for part in m.group(0).split("."))


def _meridiem(m: re.Match[str], i: str) -> str:
    hours, minutes = m.group("h" + i), m.group("m" + i) or m.group("d" + i) or ""
    if int(hours) > 24 or (minutes and int(minutes) > 59):
        return m.group(0)
    return clock(hours, minutes, m.group("ap" + i) or "")


_END = r"(\s*$)?"  # an abbreviation at the very end keeps its full stop: it ends the sentence


def _time(m: re.Match[str]) -> str:
    """ "5pm", "1:59 p.m. EST", "2pm-5pm", "4:00 am - 8:12 pm"."""
    out = _meridiem(m, "1")
    if m.group("h2"):
        out += " to " + _meridiem(m, "2")
    if m.group("tz"):
        out += " " + " ".join(m.group("tz").replace(".", "").upper())
    ended = m.group("end") is not None and m.group(0).rstrip().endswith(".")
    return out + ("." if ended and not m.group("tz") else "")


def _clock(m: re.Match[str]) -> str:
    hours, minutes = int(m.group(1)), int(m.group(2))
    if hours > 24 or minutes > 59:
        return m.group(0)
    return clock(m.group(1), m.group(2))


def _hms(m: re.Match[str]) -> str:
    h, mi, s = m.group(1), m.group(2), m.group(3)
    if int(h) > 24 or int(mi) > 59 or int(s) > 59:
        return m.group(0)
    return duration(h, mi, s)


def _military(m: re.Match[str]) -> str:
    """ "2000hrs" -> "twenty hundred hours", "0630 hrs" -> "oh six thirty hours"."""
    hours, minutes = m.group(1), m.group(2)
    said = ("oh " if hours.startswith("0") else "") + say_number(str(int(hours)))
    said += " hundred" if minutes == "00" else (" oh " if minutes.startswith("0") else " ") + say_number(
        str(int(minutes)))
    return said + " hours"


# the country letters before "$" that name whose dollars: "US$", "A$", "NZ$", "N$" (Namibian), "HK$"
_DOLLARS = {"US": "U S", "AU": "Australian", "A": "Australian", "NZ": "New Zealand", "CA": "Canadian", "C": "Canadian",
            "HK": "Hong Kong", "SG": "Singapore", "S": "Singapore", "NT": "Taiwan", "N": "Namibian", "Z": "Zimbabwe",
            "J": "Jamaican", "TT": "Trinidad and Tobago", "EC": "East Caribbean"}
_DOLLAR_COUNTRIES = "|".join(sorted(_DOLLARS, key=len, reverse=True))
# a currency written as letters before its amount: "RM6.2 million" (ringgit), "Rs 500", "KSh 100", "R4bn" (rand,
# only with a scale or grouped digits: "R2" is as often a road or a model)
_CODED = {"RM": ("ringgit", "ringgit"), "Rs": ("rupee", "rupees"), "Rs.": ("rupee", "rupees"),
          "KSh": ("Kenyan shilling", "Kenyan shillings"), "Ksh": ("Kenyan shilling", "Kenyan shillings"),
          "TSh": ("Tanzanian shilling", "Tanzanian shillings"), "USh": ("Ugandan shilling", "Ugandan shillings"),
          "R": ("rand", "rand")}


def _coded_money(m: re.Match[str]) -> str:
    one, many = _CODED[m.group("code")]
    return sum_of((one, many, "", ""), m.group("amount"), m.group("scale") or "")


def _money(m: re.Match[str]) -> str:
    symbol, scale = m.group("cur"), m.group("scale") or m.group("word") or ""  # ("$100-million": the Globe's way)
    prefix = _DOLLARS[m.group("us")] + " " if m.group("us") else ""
    out = money(symbol, m.group("amount"), scale, prefix)
    if m.group("amount2"):
        out = (out.rsplit(" ", 1)[0] if scale else out) + " to " + money(symbol, m.group("amount2"), scale, prefix)
    if m.group("per"):
        out += " per " + _PER[m.group("per").lower()]
    return out


def _fraction(m: re.Match[str]) -> str:
    num, den, whole = m.group("num"), m.group("den"), m.group("whole") or ""
    if not whole and f"{num}/{den}" in _SLASH_IDIOMS:
        return f"{say_number(num)} {say_number(den)}"
    if not whole and den in ("5", "10", "100") and float(num) >= int(den) // 2:
        return f"{say_number(num)} out of {say_number(den)}"  # a rating: "8/10"
    said = fraction(num, den, whole)
    if m.group("unit"):
        said += " " + _UNITS[m.group("unit")][1]
    return said


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_+")


def _camel(word: str) -> str:
    return " ".join(_CAMEL.sub(" ", word).split())


def _plural_numeral(m: re.Match[str]) -> str:
    """ "9s" -> "nines", "500s" -> "five hundreds", "sixes"; "49ers" -> "forty niners", "76ers" -> "seventy sixers"."""
    before, after = m.string[:m.start()].split()[-1:], m.string[m.end():m.end() + 2]
    if len(m.group(1)) == 1 and m.group(2) == "s" and (any(c.isupper() for c in "".join(before))
                                                       or re.match(r" [A-Z]", after)):
        return m.group(0)  # a model: "the iPhone 5s", "6s Plus"
    said = say_number(m.group(1).replace(",", ""))
    if m.group(2) == "ers":
        return said + ("rs" if said.endswith("e") else "ers")
    if said.endswith("y"):
        return said[:-1] + "ies"
    return said + ("es" if said.endswith("x") else "s")


def _decade(m: re.Match[str]) -> str:
    said = decade(m.group("a"))
    return said + (" to " + decade(m.group("b")) if m.group("b") else "")


# what odds are said of, a word or two after them: "5-1 odds", "the 8-1 third choice", "eight 50-1 long shots"
_ODDS = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:odds|long ?shots?|longshots?|favou?rites?|choices?|underdogs?|"
                   r"outsiders?|shots?|bets?|chances?)\b", re.IGNORECASE)


def _range(m: re.Match[str]) -> str:
    """ "10-15" -> "ten to fifteen", "2014-16" -> "twenty fourteen to sixteen"; "3-2", "50-50" are scores."""
    a, b = m.group("a"), m.group("b")
    unit = " " + _UNITS[m.group("unit")][1] if m.group("unit") else ""
    if _YEARLIKE.fullmatch(a) and _YEAR_END.fullmatch(b) and not unit:
        if len(b) == 2:
            return f"{_year(int(a))} to {say_number(b) if b[0] != '0' else _year(int(a[:2] + b))}"
        if int(b) > int(a):
            return f"{_year(int(a))} to {_year(int(b))}"
    after, before = m.string[m.end():m.end() + 6], m.string[max(0, m.start() - 6):m.start()]
    in_a_set = re.match(r"\s\(\d|,\s*\d{1,2}-\d", after) or re.search(r"\d-\d{1,2}(?:\s\(\d+\))?,\s*$", before)
    if not unit and a != b and _ODDS.match(m.string, m.end()):
        return f"{say_number(a)} to {say_number(b)}"  # odds: "a 65-1 long shot", "at 5-1 odds"
    if not unit and "." not in a + b and "," not in a + b and (float(a) >= float(b) or in_a_set):
        return f"{say_number(a)} {say_number(b)}"  # a score or a vote: "three two", "fifty fifty", "6-7 (4), 6-4"
    return f"{say_number(a)} to {say_number(b)}{unit}"


def _scaled(m: re.Match[str]) -> str:
    """ "1.5m people" -> "one point five million people"; "5m away" stays metres (the unit pass says it)."""
    n, suffix, after = m.group(2), m.group(3), m.group(4) or ""
    if suffix == "m" and (m.group(1) or not after or after.lower() in _DISTANCE_WORDS):
        return m.group(0)
    return f"{m.group(1) or ''}{say_number(n)} {SCALES[suffix.lower()]}" + (f" {after}" if after else "")


_LETTER_UNITS = frozenset({"W", "V"})  # units that end model numbers too


def _unit(m: re.Match[str]) -> str:
    """ "80TB" is "80 terabytes", but "80-terabyte" before the noun it describes ("80TB hard drives")."""
    one, many = _UNITS[m.group("unit")]
    if m.group("unit") in _LETTER_UNITS and m.start() and m.string[m.start() - 1].isalpha():
        return m.group(0)  # a model's letters either side ("SLG46620V"), not watts or volts
    after = (m.group("next") or "").strip()
    if after and after.lower() not in _NOT_NOUNS and " " not in one and one != many and m.group("n")[-1].isdigit():
        return f"{m.group('n')}-{one}"
    return f"{m.group('n')} {one if m.group('n') in ('1', 'one') else many}"


# Words that follow a quantity without its being an adjective: "5km long", "80TB of data", "3kg and more".
_NOT_NOUNS = frozenset("""to of in on at by for from with and or nor but per a an the than more less each is are was
were be been being will would can could may might must shall should has have had do does did that which who whom
as into onto over under across away long wide high deep tall thick old ahead behind up down off out so too if when
while after before since until because then now ago apart every total altogether respectively plus minus times
apiece daily weekly yearly annually overall instead already still just only north south east west
northeast northwest southeast southwest northward southward eastward westward further farther inland offshore
upstream downstream underground beyond past along around through toward towards near nearer closer per-hour
higher lower faster slower shorter longer bigger smaller heavier lighter wider deeper or-so""".split())


def _ordinal_match(m: re.Match[str]) -> str:
    digits, suffix = m.group(1).replace(",", ""), m.group(2).lower()
    n = int(digits)
    right = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    if suffix != right:
        return f"{say_number(m.group(1))} {suffix}"  # "1th": say what is written
    return _ordinal(n)


def _title(m: re.Match[str]) -> str:
    return TITLES[m.group(1)]


_FUNCTION_WORDS = frozenset("The A An In On At Of To From By For With And Or But Near Via Into Onto".split())


_ORDINAL_WORD = re.compile(r"^(?:first|second|third|\w*(?:four|fif|six|seven|eigh|nin|ten|eleven|twelf|teen|tie)th)$|"
                           r"^\d+(?:st|nd|rd|th)$")


def _saint_or_street(m: re.Match[str]) -> str:
    """ "St." is Street after a name ("Baker St."), Saint otherwise ("St. Louis", "in St. Louis")."""
    before, after = m.group(1) or "", m.group(2) or ""
    if (before[:1].isupper() and before not in _FUNCTION_WORDS) or _ORDINAL_WORD.search(before):
        return f"{before} Street{after}"  # "Baker St.", "42nd St." ("forty second" by now)
    return f"{before} Saint{after}".lstrip()


_PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent"}


def _state(m: re.Match[str]) -> str:
    """ "Miami, FL" -> "Miami, Florida"; a code that is also a word ("OK", "IN") only where a dateline goes on."""
    place, code, dotted = m.group(1), m.group("code"), m.group("dotted")
    if code:
        after = m.string[m.end():m.end() + 3]
        if code in _POSTAL_WORDS and not re.match(r"\s*[(—–-]", after):
            return m.group(0)
        return f"{place}, {_POSTAL[code]}"
    return f"{place}, {_DOTTED[dotted]}" + ("." if m.group("end") is not None else "")


def _abbreviation(m: re.Match[str]) -> str:
    word = ABBREVIATIONS[m.group(1)]
    return word + ("." if m.group(2) is not None else "")


def _dotted(m: re.Match[str]) -> str:
    letters = m.group(0).replace(".", "")
    return " ".join(letters) + ("." if m.group(1) is not None else "")


def _caps(m: re.Match[str]) -> str:
    word = m.group(0)
    if (word in _SHOUTED_WORDS and not (word in SPOKEN_AS_LETTERS and _named_so(m))) \
            or (word == "IS" and _SUBJECT_BEFORE.search(m.string, 0, m.start())):
        return word.capitalize()
    return say_acronym(word)


# A word that makes a shouted "IS" the verb ("One IS Too Many", "it IS"), not the Islamic State.
_SUBJECT_BEFORE = re.compile(r"\b(?i:one|it|this|that|what|there|here|he|she|who|which|everything|nothing)\s+$")


_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma sigma tau upsilon "
    "phi chi psi omega").split()))


def _inches(m: re.Match[str]) -> str:
    """ "10"" -> "ten-inch" before a noun ("a 10" tablet"), else "10 inches"; a straight mark right after an
    opening one ("We won 10" and") closes the quotation."""
    if m.group(0).endswith('"'):
        opened = m.string.rfind('"', 0, m.start())
        if opened >= 0 and (opened == 0 or not m.string[opened - 1].isalnum()):
            return m.group(0)
    return f"{m.group(1)}-inch" if m.group("noun") else f"{m.group(1)} inches"


def _short_ellipsis(m: re.Match[str]) -> str:
    """Two stops after a word are an ellipsis typed short ("Trump.. became"), or one stop too many after an
    abbreviation ("media, etc.. requires")."""
    word = m.string[:m.start()].rsplit(None, 1)[-1].lstrip("(\"'“‘")
    return "." if word in ABBREVIATIONS or word.lower() in ABBREVIATIONS else "..."


def _hex(m: re.Match[str]) -> str:
    """ "0xFF" -> "hex F F", "0x00000000" -> "hex eight zeros": the digits one by one, a run of four or more
    counted."""
    said = []
    for run in re.finditer(r"([0-9A-Fa-f])\1*", m.group(1).upper()):
        digit = say_digits(run.group(1)) if run.group(1).isdigit() else run.group(1)
        n = len(run.group(0))
        said.append(f"{say_number(str(n))} {digit}{'e' if digit.endswith('x') else ''}s" if n >= 4
                    else " ".join([digit] * n))
    return "hex " + " ".join(said)


def _named_so(m: re.Match[str]) -> bool:
    """Whether a word in capitals that is also an initialism ("WHO") is the initialism here: in brackets after the
    name it shortens ("World Health Organisation (WHO)"), or after "the" ("the WHO believes"), where no word of
    that kind is shouted."""
    before, after = m.string[:m.start()], m.string[m.end():]
    return (before.endswith("(") and after.startswith(")")) or bool(re.search(r"\b[Tt]he\s+$", before))


def _shouted(m: re.Match[str]) -> str:
    """A run of capitalised words ("NEW YORK", "THE HOME DEPOT INC"): words with a vowel read as words (of three
    letters, only those English could spell: "USB MIDI" is "USB Midi"), initialisms the table knows spelled
    ("US FALLS" -> "U S Falls"); a run of short initialisms ("CBS DFW") is left alone."""
    words = re.split(r"(\W+)", m.group(0))
    if not any(len(w) >= 4 and w.isalpha() and w not in SPOKEN_AS_LETTERS and re.search("[AEIOUY]", w)
               for w in words[::2]):
        return m.group(0)
    out = []
    for i, w in enumerate(words):
        if not i % 2 and w in ("S", "T") and i and words[i - 1] in ("'", "’"):
            out.append(w.lower())  # "LOWE'S" -> "Lowe's"
        elif i % 2 or w in SPOKEN_AS_LETTERS or not re.search("[AEIOUY]", w) \
                or (len(w) == 3 and not reads_as_word(w) and w not in _SHOUTED_WORDS):
            out.append(w)  # (three letters that no English syllable spells, "USB", are letters)
        else:
            out.append(w.capitalize())
    return "".join(out)


def _regnal(m: re.Match[str]) -> str:
    """A monarch's, a pope's or a person's numeral: "Charles III" -> "Charles the third"; after a lone name that is
    not a ruler's, a model's or a sequel's number: "Apple II" -> "Apple two", "Vatican II", "Apollo XI"."""
    before = m.string[:m.start()].split()
    ruler = m.group(1) in RULER_NAMES or (before and (before[-1] in _TITLES or before[-1][:1].isupper()
                                                      and before[-1][-1:].isalpha()))
    if ruler:
        return f"{m.group(1)} the {_ordinal(roman_value(m.group(2)))}"
    return f"{m.group(1)} {say_number(str(roman_value(m.group(2))))}"


# Names that rulers and popes bear with a numeral, said "the third" on their own ("Henry VIII", "Benedict XVI").
RULER_NAMES = frozenset("""Elizabeth George Henry Edward Charles William James Richard John Paul Louis Philip Philippe
Frederick Frederik Napoleon Alexander Nicholas Peter Catherine Victoria Mary Anne Carlos Felipe Alfonso Ferdinand
Isabella Leopold Albert Willem Harald Olav Haakon Gustaf Gustav Christian Margrethe Rama Ramesses Ramses Thutmose
Amenhotep Benedict Francis Pius Leo Gregory Innocent Clement Urban Boniface Sixtus Julius Adrian Celestine Martin
Stephen Constantine Justinian Otto Wilhelm Friedrich Ludwig Franz Karl Joseph Josef Maximilian Ivan Abdullah Hussein
Faisal Mohammed Muhammad Hassan Selim Suleiman Mehmed Murad Cleopatra Ptolemy Herod David Robert Malcolm Duncan
Kamehameha Umberto Emmanuel Pedro Manuel Afonso Eric Erik Magnus Valdemar Olaf Knut Harold Edmund Alfred Matilda
Jane Sigismund Casimir Wladyslaw Vladislav Rudolf Baudouin Hirohito Sobhuza Mswati Letsie Norodom Bhumibol""".split())
_TITLES = frozenset({"King", "Queen", "Pope", "Emperor", "Empress", "Tsar", "Czar", "Tsarina", "Sultan", "Prince",
                     "Princess", "Duke", "Duchess", "Pharaoh", "Shah", "Emir", "Kaiser", "Saint", "St.", "Sir"})


# "I'll", "I cover": after "article I", the pronoun
_PRONOUN_AFTER = re.compile(r"[’'](?:ll|m|d|ve)\b| (?!of\b|and\b|or\b)[a-z]")


def _numbered(m: re.Match[str]) -> str:
    if m.group(2) == "I" and (m.string.startswith(("’", "'"), m.end()) or m.group(1)[0].islower()) \
            and _PRONOUN_AFTER.match(m.string, m.end()):
        return m.group(0)  # "in this article I'll cover", "the part I wrote"; not "Article I of", "Part I's end"
    if m.group(2) in ("L", "C", "D", "M"):
        return m.group(0)  # a label, not fifty or five hundred: "Series D", "Section C", "Class M"
    word = {"pt.": "part", "vol.": "volume"}.get(m.group(1).lower(), m.group(1))  # "Pt. II" -> "part two"
    return f"{word} {say_number(str(roman_value(m.group(2))))}"


def _quarter(m: re.Match[str]) -> str:
    return f"the {_ordinal(int(m.group(1)))} quarter of {say_number(m.group(2))}"


def _era(m: re.Match[str]) -> str:
    n = m.group(1)
    said = _year(int(n)) if len(n) >= 3 else say_number(n)
    return f"{said} {' '.join(m.group(2).replace('.', '').upper())}"


def _zip(m: re.Match[str]) -> str:
    """A ZIP code after its label or a state's code, digit by digit ("zip 63848": zip six three eight four eight)."""
    return m.group(1) + m.group(2) + say_digits(m.group(3))


def _number(m: re.Match[str]) -> str:
    number = m.group(0)
    if _YEARLIKE.fullmatch(number) and not (int(number) < OLDEST_NEWS_YEAR and _COUNTED.match(m.string, m.end())
                                            and not _YEAR_BEFORE.search(m.string, 0, m.start())):
        return _year(int(number))
    return say_number(number)  # (a number before what it counts, "1225 votes", is no year before 1800)


OLDEST_NEWS_YEAR = 1800  # a four-digit number before this, followed by a plural noun, counts it ("1225 votes")
_YEAR_BEFORE = re.compile(r"(?i)\b(?:in|by|since|until|till|from|of|before|after|during|circa|c\.|the|year|to|and)\s+$")
_COUNTED = re.compile(r"\s+(?!(?:this|thus|does|plus|less|unless|across|whereas|perhaps|always|towards|besides)\b)"
                      r"[a-z]{3,}s\b")


def _has(needle: str) -> Gate:
    return lambda s: needle in s


def _any(chars: str) -> Gate:
    return re.compile("[" + re.escape(chars) + "]").search


def _seen(pattern: str) -> Gate:
    """A gate that searches for `pattern`, a cheap shape every match of its rule contains (one that starts with a
    character, not a lookbehind or a word boundary, so that re skips to its candidates)."""
    return re.compile(pattern).search


_DIGIT = re.compile(r"\d")
_MONTH_GATE = re.compile(r"(?i)Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec").search  # every month starts so
_M3 = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_DAY_GATE = re.compile(r"(?i)" + _M3 + r"(?:\s+|-)\d").search
_DAY_MONTH_GATE = re.compile(r"(?i)\d(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M3).search
_MONTH_YEAR_GATE = re.compile(r"(?i)" + _M3 + r",?\s+\d{4}").search
_FOUR_DIGITS = re.compile(r"\d{4}").search
_MONTH_LOWER = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec").search  # (no case to ignore: re skips
#                                                                                       to the letters they start with)


@lru_cache(maxsize=1)  # (the three month passes ask of the same text, unless one changed it)
def _month(s: str) -> bool:
    """_MONTH_GATE, on the lower-cased text where that is the same (ASCII: no "ſ" matches an "s" when case is
    ignored)."""
    return bool(_MONTH_LOWER(s.lower()) if s.isascii() else _MONTH_GATE(s))


_ZIP_GATE = re.compile(r"(?i)zip|post(?:al )?code").search
_ZIP_LOWER = re.compile(r"zip|post(?:al )?code").search


def _zip_word(s: str) -> object:
    """_ZIP_GATE, on the lower-cased text where that is the same (as _month)."""
    return _ZIP_LOWER(s.lower()) if s.isascii() else _ZIP_GATE(s)


# Gates that start at a digit (rarer than letters: re skips to the candidates) and look behind it for the letters: a
# letter before a digit ("G7", "F-16"), a letter on either side ("3D" too), a word, then a space or hyphen ("May 5").
_LETTER_DIGIT = re.compile(r"\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d))").search
_BY_LETTER = re.compile(r"\d(?:-?[A-Za-z]|(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d))").search  # on either side
_WORD_THEN_DIGIT = re.compile(r"\d(?:(?<=[A-Za-z.]-\d)|(?<=[A-Za-z.\s]\s\d))").search
_DOT_SPACE = re.compile(r"\.\s").search  # titles and initials: a full stop before a space
_SPACE_ROMAN = re.compile(" [IVXLCDM]").search
_ROMAN_WORD = re.compile(r"\s[IVXLCDM]+\b").search  # a word of roman numerals' letters only ("IV", "I", "MD")
_LIST_MARK = re.compile(r"(?m)^\s{0,3}(?:#{1,6}|>|[-*+•]|\d{1,3}[.)])\s+")
_ABBREVIATED = (r"(e\.g|i\.e|etc|vs|approx|Jr|Sr|Inc|Ltd|Corp|Co|Bros|Dept|Govt|Sept|Jan|Feb|Aug|Oct|Nov|Dec|Ave|Blvd|"
                r"Rd|cf)\.")
# Gates that start with a full stop, so that re jumps from one full stop to the next instead of trying every letter.
_ABBREVIATED_GATE = re.compile(r"\.(?:" + "|".join(f"(?<={a}\\.)" for a in _ABBREVIATED[1:-3].split("|")) + ")").search
_DOTTED_GATE = re.compile(r"\.[A-Za-z]\.(?<=[A-Za-z]\.[A-Za-z]\.)").search
_DOMAIN_GATE = re.compile(r"\.(?<=[a-z]\.)[a-z]{2}").search  # "x.co"
_PARTY_GATE = re.compile(r"[DRI]-[A-Z]|\([DRI]\., [A-Z]").search  # "D-Calif.", "(R., Texas)"
_AMPM = r"\s?(?P<ap{i}>[AaPp])\.?\s?[Mm]\b\.?"
_CLOCK = r"\b(?P<h{i}>\d{{1,2}})(?::(?P<m{i}>\d{{2}})|\.(?P<d{i}>[0-5]\d))?"


def _odd_space(s: str) -> bool:
    """Whether s has whitespace other than single spaces (every other whitespace character is unprintable)."""
    return "  " in s or not s.isprintable()


# Mathematics in TeX (markup.TEX_DISPLAY, TEX_INLINE): a formula set apart is not said; one in a sentence is said as
# its lone symbol ("$s_0$": s zero), anything more as "a formula".
_TEX_SYMBOL = re.compile(r"([A-Za-z])(?:_\{?(\w{1,3})\}?)?")


def _tex(m: re.Match[str]) -> str:
    """What to say for a formula set in a sentence: its symbol ("s_0": "s zero") or "a formula"."""
    inner = (m.group(1) or m.group(2) or "").strip()
    if symbol := _TEX_SYMBOL.fullmatch(inner):
        return symbol.group(1) + (f" {symbol.group(2)}" if symbol.group(2) else "")
    return "a formula"


_RULES: list[Rule] = [
    (TEX_DISPLAY, " ", False, _any("$\\")),
    # a letter of mathematics' alphabets ("𝜋", "𝑥") is its plain letter; a Greek letter on its own is its name
    (re.compile("[\U0001D400-\U0001D7FF]"), lambda m: unicodedata.normalize("NFKC", m.group()), False,
     lambda s: not s.isascii()),
    (re.compile(r"(?:(?<=[\s(])|^)[α-ωΑ-Ω](?=[\s,.;:!?)-]|$)"), lambda m: _GREEK[m.group().lower()], False,
     lambda s: not s.isascii()),
    (re.compile(r"(?<=[a-z]{3})\.\.(?=\s)"), _short_ellipsis, False, _has("..")),  # "Trump.. became"
    (re.compile(r"^<<\s*|\s*>>$|(?<=\S)>>|<<(?=\S)"), " ", False,
     lambda s: "<<" in s or ">>" in s),  # "<< Senator Kennedy ... >>": quotation marks typed as angles
    (TEX_INLINE, _tex, False, _any("$\\")),
    (re.compile(r"(?<![\w.])(" + _NUM + r")%" + _DASH + r"(?=" + _NUM + r"%)"), r"\1 to ", True, _has("%")),  # "3%-4%"
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), "", False, _has("![")),  # Markdown image
    (re.compile(r"\[(?P<label>[^\]]*)\]\([^)]*\)"), _markup, False, _has("](")),  # Markdown link: keep the label
    (re.compile(r"<(?P<label>(?:https?://|www\.|mailto:)[^>\s]+)>"), _markup, False, _has("<")),  # autolink
    (re.compile(r"</?[A-Za-z][^>]*>"), " ", False, _has("<")),  # stray HTML tag
    (re.compile(r"\[\s*(?:\.\.\.|…)\s*\]"), "...", False, _has("[")),
    (re.compile(r"[\[\]{}]"), " ", False, lambda s: "[" in s or "]" in s or "{" in s or "}" in s),
    # heading, quote and list markers; without a line break only the start can match
    (_LIST_MARK, "", False, lambda s: "\n" in s or _LIST_MARK.match(s)),
    (re.compile(r"(\*\*|__|\*|`+|~~)"), "", False, _any("*_`~")),  # emphasis and code marks
    (re.compile(r"(?<=\w)\(s\)"), "s", False, _has("(s)")),  # "author(s)"
    (re.compile(r"\b401\(k\)"), "four oh one k", True, _has("(k)")),
    (re.compile(r"(?i)\btl;\s?dr\b"), "T L D R", False, _has(";")),  # "tl;dr:" the summary that follows
    # hashtags and handles in prose: "#MethWeAreOnIt" -> "hashtag Meth We Are On It", "@MattBevin" -> "Matt Bevin"
    (re.compile(r"(?<![\w&])(hashtag\s+)?#([A-Za-z]\w*)", re.IGNORECASE),
     lambda m: (m.group(1) or "hashtag ") + _camel(m.group(2)), False, _has("#")),
    (re.compile(r"(?i)\b([a-z][\w&-]*) @\1\b(?!\.\w)"), r"\1", False, _has(" @")),  # "Ford @ford": the name once
    (re.compile(r"(?<![\w.])@([A-Za-z_]\w{1,14})\b(?!\.\w)"), lambda m: _camel(m.group(1)), False, _has("@")),
    (re.compile(r"(?:https?://)?pic\.twitter\.com/\w+"), " ", False, _has("pic.twitter.com/")),  # an embed's image
    (re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?:/[^\s]*[^\s.,;:!?])?"
                r"|(?:https?://|www\.)[^\s<>\"')\]]+?(?=[.,;:!?]?(?:\s|$))"
                r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:" + _TLDS + r")(?:\.[a-z]{2}\b)?(?:/[^\s]*[\w/])?\b/?"
                r"|\b[A-Z][A-Za-z0-9-]*\.(?:co|com|org|net|gov|ac)\.[a-z]{2}\b"  # "Telegraph.co.uk" (not "Amazon.com")
                r"|(?<![\w.@])[a-z][a-z0-9-]+\.[a-z]{2,5}(?![\w.@/])(?<!\.html)"),
     _link, False, lambda s: "@" in s or "://" in s or "www." in s or _DOMAIN_GATE(s)),
    # phone numbers: "+1 (123) 456-7890", "123-456-7890", "555.555.5555", "111-11-1111", "624-6456"
    (re.compile(r"(?<![\w$€£.,/-])(?:\+\d{1,3}[\s-]?)?(?:\(\d{3}\)[\s-]?|\d{3}[-.])\d{3}[-.]\d{4}(?:-\d{1,4})?(?![\w/-])"
                r"|(?<![\w$€£.,/-])\d{3}-\d{2}-\d{4}(?![\w/-])|(?<![\w$€£.,/-])\d{3}-\d{4}(?![\w/.,-])"),
     _phone, True, _seen(r"\d\d\d[-.]")),
    # a ZIP code or a postcode's digits, one by one: "zip 63848", "ZIP Code 20500-0003"
    (re.compile(r"(?i)\b(zip(?:\s+codes?)?|post(?:al\s+)?codes?)(\s+)(\d{5}(?:-\d{4})?)\b"),
     _zip, True, _zip_word),
    # ... and after a state's code: "San Francisco, CA 94107" (not "OK", "HI" and the like, which are words too)
    (re.compile(r"(?<=, )(" + "|".join(sorted(set(_POSTAL) - _POSTAL_WORDS)) + r")( )(\d{5}(?:-\d{4})?)\b"),
     _zip, True, re.compile(r", [A-Z]{2} \d{5}").search),
    # thousands set apart by spaces: "800 000 hectares", "1 200 000"; not two numbers side by side ("in 2019 100
    # people", "roughly 400 737 Max jets") nor a phone number's groups ("604 662-6882")
    (re.compile(r"(?<![\d.,+(/-])(?<!\d\s)\d{1,3}(?=[ \u00a0\u202f](?:\d{3}[ \u00a0\u202f]\d{3}|000))"
                r"(?:[ \u00a0\u202f]\d{3})+(?![\d\w]|[.,/-]\d|\s\d)"),
     lambda m: re.sub(r"\s", "", m.group(0)), True, re.compile(r"\d[ \u00a0\u202f]\d{3}").search),
    # other countries' numbers, groups joined by hyphens, nine digits or more: "212-667-350123", "+44-20-7946-0958"
    (re.compile(r"(?<![\w$€£.,/-])(?=\+?(?:\d-?){9})\+?\d{1,4}(?:-\d{2,6}){2,4}(?![\w/-])"
                r"(?!\s?(?:mm|cm|m|in|ft|kg|g|lb|lbs|km|mi|x)\b)"), _world_phone, True, _seen(r"\d-\d\d")),  # (sizes)
    (re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])"), _ip, True, _seen(r"\d\.\d")),  # IP addresses
    (re.compile(r"\.NET\b"), " dot net", False, _has(".NET")),  # "ASP.NET", ".NET": Microsoft's platform
    (re.compile(r"\b([CF])#(?![\w#])"), r"\1 sharp", False, _has("#")),  # the languages C# and F#
    # a file type or domain on its own: "the .org domain", "a new .dex file" (not ".5", not "...")
    (re.compile(r"(?<![\w.])\.(?=[A-Za-z])([A-Za-z][A-Za-z0-9]{1,5})\b(?!\.\w)"), r"dot \1", False,
     _seen(r"\.[A-Za-z]")),
    # a path at the start of a word: "the /proc filesystem", "/r/politics"
    (re.compile(r"(?:(?<=\s)|^)((?:/[a-z][\w-]*)+)/?(?![\w/])"),
     lambda m: " ".join(f"slash {part}" for part in m.group(1).split("/")[1:]), False, _has("/")),
    (re.compile(r"\b([A-Z])/([A-Z])\b(?![+#])"), lambda m: "not applicable" if m.group(0) == "N/A" else
     f"{m.group(1)} {m.group(2)}", False, _has("/")),  # "I/O", "A/B": the letters ("C/C++" is two languages)
    (re.compile(r"(?<![\w-])[2-9]-1-1(?![\w-])"), lambda m: say_digits(m.group(0).replace("-", "")), True,
     _has("-1-1")),  # "9-1-1", "3-1-1": the service number, digit by digit
    (re.compile(r"(?<![\w./-])(\d{1,2})-(\d{1,2})-(\d)(?![\w/-]|\.\d)"), r"\1, \2 and \3", True,
     _has("-")),  # a team's record, "8-8-4": wins, losses and ties
    (re.compile(r"(?<![\w&])#(\d+)\b"), r"number \1", True, _has("#")),  # "a #1 showing"
    (re.compile(r"(?<=\d)[ -]?yrs?\.?(?=[ -]old\b)|(?<=\d) yrs?\b\.?"),
     lambda m: (" years" if m.group(0).strip(" -.").endswith("s") else " year"), True, _has("yr")),
    # a nucleic acid's ends, "the 5′ end", "3′ UTR", "5′-to-3′": "five prime" (not five feet)
    (re.compile(r"\b([35])['’′]\s*(?:-to-|-|to|→)\s*([35])['’′]"), r"\1 prime to \2 prime", True, _any("'’′")),
    (re.compile(r"\b([35])['’′](?=-|\s*(?:ends?|UTRs?|cap|termin(?:us|i|al)|side|direction|overhangs?|to\s+[35]['’′])\b)"),
     r"\1 prime", True, _any("'’′")),
    (re.compile(r"\b(\d)['’′](\d{1,2})(?:\"|”|''|″)"), r"\1 foot \2", True, _any("'’′")),
    (re.compile(r"(?<![\w.,'’])(\d{1,3})['′](?=[\s,.;:!?)]|$)"), r"\1 feet", True, _any("'′")),  # "an 18' boat"
    # inches: "a 10" tablet", "7″" (a straight mark right after an opening one closes a quotation, see _inches)
    (re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{1,2})?)(?:\"|″)(?=(?P<noun>\s+(?!(?:wide|long|tall|high|deep|thick|"
                r"across|in|of|and|or|to|x|by)\b)[A-Za-z])?)"), _inches, True, _any('"″')),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), _iso_date, True, _has("-")),
    (re.compile(r"(?<![\w./-])(?P<a>\d{4}|\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2}|\d{1,2})"
                r"(?![\w/.-]|\.\d)"), _numeric_date, True, _seen(r"\d[/.-]\d")),
    (re.compile(r"(?=[A-Za-z]{3,9}\.?(?:\s+|-)\d)" + _MONTH +
                r"(?:\s+|-)(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:[-–](?P<last>\d{1,2})(?:st|nd|rd|th)?(?![\d.,-]\d))?\b"
                r"(?:(?:,?\s+|-)(?P<year>\d{4})\b)?"),
     _month_day, True, lambda s: _WORD_THEN_DIGIT(s) and _month(s)),
    (re.compile(r"(?:\bthe\s+)?\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH +
                r"(?:,?\s+(?P<year>\d{4})\b)?"), _day_month, True, lambda s: _month(s) and _DAY_MONTH_GATE(s)),
    (re.compile(r"(?=[A-Za-z]{3,9}\.?,?\s+\d{4})" + _MONTH + r",?\s+(?P<year>\d{4})\b"), _month_year, True,
     lambda s: _FOUR_DIGITS(s) and _month(s) and _MONTH_YEAR_GATE(s)),  # (_month: asked by the passes before)
    (re.compile(r"(?:\bthe\s+)?\b([1-4])Q(\d{2})\b"), _quarter, True, _has("Q")),
    (re.compile(r"\b(\d{1,4})\s?(A\.?D|B\.?C\.?E?|C\.?E)\b\.?"), _era, True, re.compile(r"\d\s?[ABC]\.?[DCE]").search),
    # decades: "the '90s", "1990s", "1960s-80s"
    (re.compile(r"(?<![\w.,])['’]?(?P<a>1[1-9]\d0(?=\s?s)|20\d0(?=\s?s)|[1-9]0|00)\s?['’]?s\b(?:\s?[-–]\s?['’]?(?P<b>1[1-9]\d0|20\d0|"
                r"[1-9]0|00)['’]?s\b)?"), _decade, True, re.compile(r"0['’]?\s?s\b").search),
    # a numeral as a plural noun, or a team's name: "thirteen 9s", "Fortune 500s", "the 49ers", "the 76ers"
    (re.compile(r"(?<![\w.,$€£-])(\d{1,3}(?:,\d{3})*)(s|ers)\b"), _plural_numeral, True,
     re.compile(r"\d(?:s|ers)\b").search),
    (re.compile(r"\b(\d{1,2}):(\d{2}):(\d{2})\b"), _hms, True, _has(":")),
    (re.compile(_CLOCK.format(i=1) + _AMPM.format(i=1) + r"(?:\s?[-–]\s?" + _CLOCK.format(i=2) + _AMPM.format(i=2) +
                r")?(?:\s?(?P<tz>" + _TIMEZONES + r")\b\.?)?(?P<end>\s*$)?"), _time, True,
     re.compile(r"\d\s?[APap]\.?\s?[Mm]\b").search),
    (re.compile(r"\b([01]\d|2[0-3])([0-5]\d)\s?(?:hrs|hours|h)\b"), _military, True,
     re.compile(r"\d\s?h").search),
    (re.compile(r"\b([01]\d|2[0-3])([0-5]\d)\s?(?=(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT|Z)\b)"),
     lambda m: _military(m)[: -len(" hours")] + " ", True,
     re.compile(r"\d\s?(?:GMT|UTC|BST|CET|E[SD]T|P[SD]T|Z)\b").search),
    (re.compile(r"\b911\b"), "nine one one", True, _has("911")),
    # a number in hexadecimal, "0xFF", "0x1F4": "hex", then its digits one by one (a run of one digit counted)
    (re.compile(r"\b0x([0-9A-Fa-f]+)\b"), _hex, True, _has("0x")),
    (re.compile(r"\b(\d{1,2}):(\d{2})\b"), _clock, True, _has(":")),
    (re.compile(r"\b([AaPp])\.[Mm]\.(\s*$)?"),
     lambda m: f"{m.group(1).lower()} m" + ("." if m.group(2) is not None else ""), False,
     lambda s: ".m." in s or ".M." in s),
    (re.compile(r"(?<![\w.$])(?P<code>RM|Rs\.?|KSh|Ksh|TSh|USh|R)\s?(?P<amount>" + _NUM + r")"
                r"(?:\s?(?P<scale>bn|mn|tn|[mb]|million|billion|trillion|lakhs?|crores?)\b|(?<=\d)(?=\s|[.,;:!?]|$))"),
     lambda m: _coded_money(m) if m.group("code") != "R" or m.group("scale") or "," in m.group("amount")
     else m.group(0), True, _seen(r"[RS][Mhs]?\.?\s?\d")),
    (re.compile(r"(?:(?<![A-Za-z])(?P<us>(?-i:" + _DOLLAR_COUNTRIES + r"))(?=\$))?(?P<cur>[$£€¥₩₹₽₴₦])\s?(?P<amount>"
                + _NUM + r"|\.\d+)(?:\s?[-–]\s?(?P=cur)?(?P<amount2>"
                + _NUM + r"))?(?:\s?(?P<scale>bn|mn|tn|[kmb])\b|[\s-]?(?P<word>thousand|million|billion|trillion)\b)?"
                r"(?:/(?P<per>mo|month|yr|year|wk|week|d|day|hr|h|min|s))?\b", re.IGNORECASE),
     _money, True, _any("".join(CURRENCIES))),
    (re.compile(r"(?<![\w.])\.(\d+)\s?(?=%|per\s?cent\b)"), lambda m: "point " + say_digits(m.group(1)) + " ",
     True, _seen(r"\.\d")),  # ".5%": the percent pass then says "percent"
    (re.compile(r"(" + _NUM + r")\s?(?:%|per\s?cent\b)"), lambda m: f"{say_number(m.group(1))} percent", True,
     lambda s: "%" in s or "per" in s),
    # two years in full, the second after the first: "the 2025/2026 budget" is "2025/26"
    (re.compile(r"(?<![\w/,.])((?:19|20)\d\d)/((?:19|20)\d\d)(?![\w/]|\.\d)"),
     lambda m: f"{m.group(1)}/{m.group(2)[2:]}" if int(m.group(2)) == int(m.group(1)) + 1 else m.group(0), True,
     _has("/")),
    # a season of two years: "the 19/20 model", "2019/20" (years of this century or the 1990s, the second after the
    # first, no unit or "of" after them: "15/16 of an inch" is a fraction)
    (re.compile(r"(?<![\w/,.])(?P<a>1[1-9]\d\d|20\d\d|0\d|[12]\d|30|9\d)/(?P<b>\d\d)(?![\w/]|\.\d)"
                r"(?!\s?(?:of\b|(?:" + _UNIT + r")\b))"), _season, True, _has("/")),
    # fractions (after dates and phones): "1/4", "2 1/2 lbs", "31/32", "1/3rd"; idioms such as "24/7" are two numbers
    (re.compile(r"(?<![\w/,])(?:(?P<whole>\d{1,3})\s+)?(?P<num>\d+(?:\.\d+)?)\s?/\s?(?P<den>\d+)(?i:st|nd|rd|th)?(?![\w/]|\.\d)"
                r"(?:\s?(?P<unit>" + _UNIT + r")(?![\w/²]))?"), _fraction, True, _has("/")),
    (re.compile(r"(?<=[\w²³])\s?/(?P<unit>" + _PER_UNIT + r")\b"), lambda m: " per " + _PER[m.group("unit")], False,
     _has("/")),
    (re.compile(r"\b(\d+(?:\.\d+)?)x\b"), r"\1 times", True, _seen(r"\dx\b")),  # "3x" -> "three times"
    (re.compile(r"\b(\d+)\s?x\s?(?=\d)"), r"\1 by ", True, _has("x")),  # "2x8" -> "two by eight"
    (re.compile(r"(\ban?\s+)?\b(\d+(?:\.\d+)?)(bn|mn|tn|m|k)\b(?:\s([A-Za-z]+))?"), _scaled, True,
     _seen(r"\d(?:[bmt]n|[mk])\b")),
    (re.compile(r"(?<![\d.,A-Za-z-])(?P<a>" + _NUM + r")" + _DASH + r"(?P<b>" + _NUM + r")(?![\d-])(?:\s?(?P<unit>"
                + _UNIT + r")(?![\w/²]))?(?![A-Za-z])"), _range, True, _any("-–—")),  # (not a model: "747-200B",
    #                                                                                         "DDR4-2400")
    # a temperature written "30C" after a lower-case word or a minus ("highs of 30C", "-5C"); not a model ("iPhone 5C")
    (re.compile(r"(\b[a-z]+ |[-–−])(\d{1,2}(?:\.\d)?)C(?![\w°])"),
     lambda m: f"{m.group(1)}{m.group(2)} degrees Celsius", True, _seen(r"\dC\b")),
    (re.compile(r"\bper (" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True) if len(u) > 1)
                + r")(?![\w/²³])"), lambda m: "per " + _UNITS[m.group(1)][0], True,
     _has("per ")),  # "30p per kWh"
    (re.compile(r"(?<![\w.])-(?=\d)"), "minus ", True, _seen(r"-\d")),
    (re.compile(r"(?P<n>" + _NUM + r"(?:\s(?:thousand|million|billion))?)\s?(?P<unit>" + _UNIT + r")"
                r"(?:(?![\w/²³])|(?<=°[CF])(?=/(?!(?:" + _PER_UNIT + r")\b)))"  # ("15°F/-9°C"; "4m/-" stays)
                r"(?:\.(?= [a-z]))?(?=(?P<next> [A-Za-z]+\b)?)"), _unit, True, None),  # ("40 km. away": no stop)
    (re.compile(r"\b(\d+(?:,\d{3})*)(st|nd|rd|th|ST|ND|RD|TH)\b"), _ordinal_match, True,
     _seen(r"\d(?:st|nd|rd|th|ST|ND|RD|TH)\b")),
    (re.compile(r"(?<![\w'-])(?=[" + "".join(sorted({t[0] for t in TITLES})) + r"])(" + "|".join(TITLES)
                + r")\.?(?=\s+[A-Z])"),
     _title, False, _seen("(?:" + "|".join(TITLES) + r")\.?\s+[A-Z]")),
    # never anything else: "Mr. and Mrs. Smith"
    (re.compile(r"\b(Mr|Mrs|Ms)\.(?=\s|$)(\s*$)?"),
     lambda m: TITLES[m.group(1)] + ("." if m.group(2) is not None else ""), False, _seen(r"M(?:rs?|s)\.")),
    (re.compile(r"(?:\b([A-Za-z]+)\s+)?\bSt\.(\s+\w)?"), _saint_or_street, False, _has("St.")),
    (re.compile(r"\b(No|Nos|p|pp)\.\s*(?=\d)"), lambda m: ABBREVIATIONS[m.group(1)] + " ", True,
     _seen(r"\.(?<=[ops]\.)\s*\d")),
    # a lawmaker's party and state: "Rep. Ilhan Omar, D-Minn.," -> "Democrat of Minnesota"
    (re.compile(r"\b([DRI])(?:-|(?<=\([DRI])\.,\s?)(" + "|".join(re.escape(d) for d in sorted(_DOTTED, key=len,
                                                                                          reverse=True)) + "|"
                + "|".join(sorted(set(_STATES) | set(_POSTAL) | set(_STATES.values()), key=len, reverse=True))
                + r")(?:\b\.?|(?<=\.))(?=[,;)]|\s*$)"),  # ("D-N.Y." too, and "(D., Conn.)", "(R., Texas)")
     lambda m: f"{_PARTIES[m.group(1)]} of "
               f"{_DOTTED.get(m.group(2)) or _STATES.get(m.group(2)) or _POSTAL.get(m.group(2)) or m.group(2)}",
     False, lambda s: ("-" in s or "., " in s) and _PARTY_GATE(s)),
    # a state or province after a place: "Miami, FL, said" "St. Louis, MO (KTVI)", "Buffalo, N.Y. — ", a wire's
    # "SAN FRANCISCO, CA--(Marketwired"
    (re.compile(r"\b([A-Z][a-z]+\.?|[A-Z]{3,}), (?:(?P<code>" + "|".join(_POSTAL) + r")\b(?=,|;|:|\.|$|\s*\(|\s*[-–—@])"
                r"|(?P<dotted>" + "|".join(re.escape(d) for d in _DOTTED) + r")(?P<end>\s*$)?)"),
     _state, False, _seen(r", [A-Z]")),
    (re.compile(r"(?<=, )(" + "|".join(_STATES) + r")\.(\s*$)?"),
     lambda m: _STATES[m.group(1)] + ("." if m.group(2) is not None else ""), False,
     _seen(r", (?:" + "|".join(_STATES) + r")\.")),
    (re.compile(r"(?<![\w.])" + _ABBREVIATED + _END), _abbreviation, False, _ABBREVIATED_GATE),
    (re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(\s*$)?"), _dotted, False,  # "U.S." -> "U S"
     _DOTTED_GATE),
    (re.compile(r"\b([A-Z])\.(?=\s+[A-Z])"), r"\1", False, _DOT_SPACE),  # initials: "George W. Bush"
    # roman numerals: "Chapter IV" -> "chapter four", "Charles III" -> "Charles the third" (not "I", "X" alone)
    (re.compile(r"\b(?=[A-Za-z]+\.?\s+[IVXLCDM]+\b)(" + _NUMBERED + r")\s+(?=[IVXLCDM]+\b)(" + ROMAN + r")\b"),
     _numbered, False, lambda s: _SPACE_ROMAN(s) and _ROMAN_WORD(s)),
    (re.compile(r"\b([A-Z][a-z]+)\s+(?!I\b|X\b)(?=[IVX]+\b)(?!V\.?\s+[A-Z][a-z])(X{0,3}(?:IX|IV|V?I{0,3}))\b"), _regnal,
     False,  # (not a middle initial before the surname: "Emily V. Gordon")
     re.compile(r"\s(?:[IVX][IVX]+|V)\b").search),  # (a word of numeral letters, not "I" or "X")
    # letters and digits in names: "G7", "Q3", "F-16", "Su-24", "COVID-19" (the letters are then said as words or
    # letters by the capitals pass)
    (re.compile(r"\b([A-Za-z]{1,5})-?(?=\d+(?:[a-z]{1,4})?\b)"), r"\1 ", True, _LETTER_DIGIT),
    (re.compile(r"\b[A-Z][A-Z'’]*[A-Z](?:[ -]+[A-Z][A-Z'’]*)+\b"), _shouted, False,
     re.compile("[A-Z][A-Z][ -]+[A-Z]").search),
    (re.compile(r"\b[A-Z]{2,}s?\b"), _caps, False, re.compile("[A-Z][A-Z]").search),  # (not [A-Z]{2}: slower)
    (re.compile(r"\d+(?:\.\d+){2,}"), lambda m: " point ".join(say_number(p) for p in m.group(0).split(".")), True,
     _seen(r"\.\d+\.\d")),  # versions: "2.0.1"
    # a product's version after its name: "Python 3.10" is "three point ten", "Rust 1.75" "one point seventy five"
    (re.compile(r"\b((?:(?!(?:In|At|On|For|By|To|The|An?|Of|About|With|From|Than|And|Or|But|Is|Was|Are|Were|Up|"
                r"Down|Over|Under|Around|Nearly|Almost|Only|Just)\b)[A-Z][A-Za-z]+|version|v) )(\d{1,2})\.([1-9]\d)"
                r"(?![\d.,]\d|\s?(?:%|per\s?cent|[ap]\.?m\b)|[a-z])"),
     lambda m: f"{m.group(1)}{say_number(m.group(2))} point {say_number(m.group(3))}", True, _seen(r"\d\.[1-9]\d")),
    (re.compile(r"(?<=[A-Za-z])-(?=\d)|(?<=\d)-(?=[A-Za-z])|(?<=\d)(?=[A-Za-z])|(?<=[A-Za-z])(?=\d)"), " ", True,
     _BY_LETTER),
    (re.compile(r"(?<![\w.])\.(\d+)"), lambda m: " point " + say_digits(m.group(1)), True,
     _seen(r"\.\d")),  # ".1 trillion"
    (re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+"), _number, True, None),
]
_CLEANUP: list[Rule] = [
    (re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]+"), " ", False,
     lambda s: not s.isascii()),  # emoji and pictographs: nothing a voice says
    (re.compile(r"\+"), " plus ", False, _has("+")),
    (re.compile(r"(?<=\w) @ (?=\w)"), " at ", False, _has(" @ ")),  # "Tampa, FL @ Amalie Arena"
    (re.compile(r"%"), " percent ", False, _has("%")),
    (re.compile(r"[()]"), ", ", False, lambda s: "(" in s or ")" in s),
    # a command's option, "wasmtime --version", not a dash typed before a word of prose ("Lee --and my money")
    (re.compile(r"(?<=\s)--(?=(?!(?:and|but|or|nor|so|yet|if|as|he|she|it|i|we|they|you|the|a|an|that|which|who|not|"
                r"all|even|just|then|though|in|on|at|to|for|with|from|by|of|no|now|only|perhaps|maybe)\b)"
                r"[a-z][a-z0-9-]*(?=[\s=,;:)]|$))"), "dash dash ", False, _has(" --")),
    (re.compile(r"\s[-–—]+\s|--+|[–—]"), ", ", False,
     lambda s: "–" in s or "—" in s or "--" in s or " -" in s or (not s.isprintable() and "-" in s)),
    # slashes: "and/or" -> "or", otherwise a pause (never "or" by default)
    (re.compile(r"\band\s?/\s?or\b", re.IGNORECASE), "or", False, _has("/")),
    (re.compile(r"\s*/\s*"), ", ", False, _has("/")),
    (re.compile(r"[_^\\]"), " ", False, _any("_^\\")),
    (re.compile(r"\s+"), " ", False, _odd_space),  # single spaces stay as they are
    (re.compile(r"\b([ap]) m\.(?!\s*$)"), r"\1 m", False, _has(" m.")),
    (re.compile(r"\s+([,.;:!?])"), r"\1", False,
     lambda s: " ," in s or " ." in s or " ;" in s or " :" in s or " !" in s or " ?" in s or not s.isprintable()),
    (re.compile(r"([.!?;:]),+"), r"\1", False, _seen(r"[.!?;:],")),
    (re.compile(r",(?:\s*,)+"), ",", False, _seen(r",\s*,")),
    (re.compile(r"(?<![\w.-])-(?=(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                r"forty|fifty|sixty|seventy|eighty|ninety)\b)"), "minus ", False,
     _seen(r"-(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
           r"sixty|seventy|eighty|ninety)\b")),  # ("-1.0": said first)
    (re.compile(r",\s*([.!?;:])"), r"\1", False, _seen(r",\s*[.!?;:]")),
]
_PASSES = _RULES + _CLEANUP
# What speak runs: each pass with the characters one of which its every match holds (needs.needed_chars, read from
# the pattern; None: no short list), looked up in the set of the text's characters before the gate is tried.
_Run = tuple["re.Pattern[str]", "str | Callable[[re.Match[str]], str]", "frozenset[str] | None", "Gate | None"]


def _runs(rules: list[Rule]) -> list[_Run]:
    return [(pattern, replacement, needed_chars(pattern), gate) for pattern, replacement, _, gate in rules]


_ALL_RUNS = _runs(_PASSES)
_WORD_RUNS = _runs([rule for rule in _PASSES if not rule[2]])  # the passes for a text without digits (most)
_VULGAR_FRACTION = re.compile("(\\d?)\\s?([" + "".join(_VULGAR) + "])")  # "18½" -> "18 1/2"
_COPYRIGHT = re.compile(r"(?i)\b(copyright)\s*©|(?<=[^\W\d_])([™®]*)©")  # "Copyright ©", a mark: "manifesto™©"
_EDGE = ",;:"  # stripped from both ends, with whitespace
# Faces drawn with punctuation are not said: ":)", ";-)", ":D", "<3"; kaomoji with brackets or slashes
# ("¯\\_(ツ)_/¯", "(╯°□°)╯︵"); runs of box-drawing characters ("┻━┻").
_KAOMOJI = "ツ╯□︵ಠ◕‿◔͜͡ʖლ･∀ﾉ╥﹏ヽ"
_EMOTICON = re.compile(r"(?<!\S)(?:[:;=][-'^o]?[)(\]\[DPp/|*3]{1,3}|<3+)(?=[\s.,!?]|$)|"
                       r"(?<![^\W\d_])[\[(\\/_¯]*(?=[^\s]*[()\\/_])[" + _KAOMOJI + r"]"
                       r"[\[\]()\\/_¯°´`" + _KAOMOJI + r"]*|"
                       r"[\u2500-\u257f]{2,}")
_EMOTICON_SIGN = _any(":;=<" + _KAOMOJI + "━┻")
# (the shape one of its matches holds: most colons and semicolons are punctuation)
_EMOTICON_SHAPE = re.compile(r"[:;=][-'^o]?[)(\]\[DPp/|*3]|<3|[" + _KAOMOJI + r"]|[\u2500-\u257f]{2}").search


def _emoticon_gate(s: str) -> object:
    return _EMOTICON_SIGN(s) and _EMOTICON_SHAPE(s)


# A live blog's entry time at the head of a line, written with a stop ("23.46 This is the search area"): a clock.
_ENTRY_TIME = re.compile(r"^([01]?\d|2[0-3])\.([0-5]\d)(?=\s+(?!(?:Million|Billion|Trillion|Percent)\b)[A-Z])")


# every character str.isspace holds whitespace (tests/test_speech.py checks the list against Python's own)
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
               "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def _strip_edges(text: str) -> str:
    """The text without leading and trailing whitespace, commas, semicolons and colons."""
    return text.strip(_WHITESPACE + _EDGE)


@lru_cache(maxsize=8192)
def speak(text: str) -> str:
    """What a narrator says for text: numbers, dates, money, units, acronyms and links as words; markup dropped."""
    out = plain(text)
    out = _COPYRIGHT.sub(lambda m: m.group(1) or m.group(2), out) if "©" in out else out
    out = _ENTRY_TIME.sub(r"\1:\2", out, count=1) if out[:1].isdigit() else out
    out = _EMOTICON.sub("", out) if _emoticon_gate(out) else out
    chars, written = set(out), out  # the text's characters, taken again whenever the text changes
    if not chars.isdisjoint(_SYMBOLS):
        for symbol, word in _SYMBOLS.items():
            out = out.replace(symbol, word)
    if not chars.isdisjoint(_VULGAR):
        out = _VULGAR_FRACTION.sub(lambda m: (m.group(1) + " " if m.group(1) else " ") + _VULGAR[m.group(2)], out)
    if out is not written:
        chars = set(out)
    # no pass turns a non-digit into a digit
    for pattern, replacement, needs, gate in _ALL_RUNS if _DIGIT.search(out) else _WORD_RUNS:
        if (needs is None or not needs.isdisjoint(chars)) and (gate is None or gate(out)):
            said = pattern.sub(replacement, out)
            if said is not out:  # (re gives the text itself back when nothing matched)
                out, chars = said, set(said)
    out = _strip_edges(out)
    if not out.strip() or (any(ch.isalnum() for ch in text) and not any(ch.isalnum() for ch in out)):
        out = " ".join(text.split())  # never say nothing for a text that has words
    return out.strip()
