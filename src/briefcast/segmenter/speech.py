"""Normalisation for speech: the words a narrator says for a sentence of written news.

speak("On June 10, 2017 the SDF was 40 km from Raqqa.") ->
"On June tenth, twenty seventeen the S D F was forty kilometres from Raqqa."
The output is plain words and sentence punctuation (for intonation), ready for espeak-ng. Rules run in a fixed
order, most specific first (links before numbers, dates before years, currencies before plain numbers).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from briefcast.dates import MONTH_NAMES, iso_parts
from briefcast.segmenter.acronyms import ABBREVIATIONS, TITLES, say_acronym

__all__ = ["speak", "speak_date", "say_number"]

MONTHS = list(MONTH_NAMES)
_MONTH_INDEX = {m.lower(): i for i, m in enumerate(MONTHS)}
_MONTH_INDEX.update({m[:3].lower(): i for i, m in enumerate(MONTHS)} | {"sept": 8})
_MONTH = r"\b(?P<month>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"

_CURRENCIES = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros"), "¥": ("yen", "yen")}
_SCALES = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion", "b": "billion", "tn": "trillion",
           "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion"}
# unit -> (singular, plural)
_UNITS = {
    "km/h": ("kilometre per hour", "kilometres per hour"), "kph": ("kilometre per hour", "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"), "km²": ("square kilometre", "square kilometres"),
    "km2": ("square kilometre", "square kilometres"), "sq km": ("square kilometre", "square kilometres"),
    "km": ("kilometre", "kilometres"), "cm": ("centimetre", "centimetres"), "mm": ("millimetre", "millimetres"),
    "m": ("metre", "metres"), "mi": ("mile", "miles"), "ft": ("foot", "feet"), "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"), "t": ("tonne", "tonnes"),
    "ha": ("hectare", "hectares"), "kW": ("kilowatt", "kilowatts"), "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"), "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"), "°": ("degree", "degrees"),
}
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_DASH = r"\s?[-–—]\s?"
_TLDS = "com|org|net|info|ru|ca|uk|de|fr|io|gov|edu"  # bare domains said as links ("example.com")
_SYMBOLS = {"&": " and ", "+": " plus ", "=": " equals ", "§": " section ", "~": " about ", "|": ", ",
            "©": " copyright ", "®": " ", "™": " ", "•": ", ", "→": " to ", "×": " by "}


_LEADING_ZERO = re.compile(r"0\d+")
_DECIMAL = re.compile(r"\d+\.\d+")
_SPACES = re.compile(r"\s+")
_YEARLIKE = re.compile(r"1[1-9]\d\d|20\d\d")
_YEAR_END = re.compile(r"1[1-9]\d\d|20\d\d|\d\d")
_SCHEME = re.compile(r"^(?:[a-z]+://)?(?:www\.)?", re.IGNORECASE)
_URL_PUNCT = re.compile(r"[-_?=&#%:]+")


@lru_cache(maxsize=4096)
def say_number(number: str) -> str:
    """ "2,500" -> "two thousand five hundred", "7.4" -> "seven point four", "007" -> "zero zero seven"."""
    from num2words import num2words

    digits = number.replace(",", "")
    try:
        if _LEADING_ZERO.fullmatch(digits):
            words = " ".join(num2words(int(d)) for d in digits)
        elif _DECIMAL.fullmatch(digits):
            whole, frac = digits.split(".")
            words = num2words(int(whole)) + " point " + " ".join(num2words(int(d)) for d in frac)
        else:
            words = num2words(int(digits))
    except (ValueError, OverflowError, ArithmeticError):
        words = " ".join(num2words(int(d)) for d in digits if d.isdigit())
    return _plain(words)


def _plain(words: str) -> str:
    return _SPACES.sub(" ", words.replace(",", "").replace("-", " ").replace(" and ", " ")).strip()


@lru_cache(maxsize=1024)
def _ordinal(n: int) -> str:
    from num2words import num2words

    return _plain(num2words(n, to="ordinal"))


@lru_cache(maxsize=1024)
def _year(n: int) -> str:
    from num2words import num2words

    return _plain(num2words(n, to="year"))


def speak_date(iso: str) -> str:
    """ "2017-06-10" -> "June tenth, twenty seventeen" (the same as speak("June 10, 2017"))."""
    date = iso_parts(iso)
    if date is None:
        return speak(iso)
    year, month, day = date
    return f"{MONTHS[month - 1]} {_ordinal(day)}, {_year(year)}"


# -- the passes, in order ------------------------------------------------------------------------------------------

Gate = Callable[[str], object]
# (pattern, replacement, needs a digit, gate). A pass runs only when its gate is true of the text so far: each gate is
# a cheap test that any match needs (a character, a word), so skipping a pass whose gate fails changes nothing.
Rule = tuple["re.Pattern[str]", "str | Callable[[re.Match[str]], str]", bool, "Gate | None"]


def _markup(m: re.Match[str]) -> str:
    return m.group("label") or ""


def _link(m: re.Match[str]) -> str:
    """ "https://www.patreon.com/southfront" -> "patreon dot com slash southfront"."""
    url = _SCHEME.sub("", m.group(0)).rstrip("/")
    url = url.replace("@", " at ").replace(".", " dot ").replace("/", " slash ")
    return " " + _URL_PUNCT.sub(" ", url) + " "


def _iso_date(m: re.Match[str]) -> str:
    # not a calendar date ("2020-13-45"): the later passes say its numbers (speak_date would recurse into speak)
    return speak_date(m.group(0)) if iso_parts(m.group(0)) else m.group(0)


def _month_day(m: re.Match[str]) -> str:
    month = MONTHS[_MONTH_INDEX[m.group("month").rstrip(".").lower()]]
    if not 1 <= int(m.group("day")) <= 31:
        return m.group(0)
    out = f"{month} {_ordinal(int(m.group('day')))}"
    return out + (f", {_year(int(m.group('year')))}" if m.group("year") else "")


def _day_month(m: re.Match[str]) -> str:
    month = MONTHS[_MONTH_INDEX[m.group("month").rstrip(".").lower()]]
    if not 1 <= int(m.group("day")) <= 31:
        return m.group(0)
    out = f"the {_ordinal(int(m.group('day')))} of {month}"
    return out + (f", {_year(int(m.group('year')))}" if m.group("year") else "")


def _month_year(m: re.Match[str]) -> str:
    return f"{MONTHS[_MONTH_INDEX[m.group('month').rstrip('.').lower()]]} {_year(int(m.group('year')))}"


def _time(m: re.Match[str]) -> str:
    hours, minutes = int(m.group(1)), int(m.group(2))
    if hours > 24 or minutes > 59:
        return m.group(0)
    spoken = say_number(str(hours))
    if minutes == 0:
        spoken += "" if m.group(3) else " hundred" if hours > 12 or m.group(1).startswith("0") else " o'clock"
    else:
        spoken += (" oh " if minutes < 10 else " ") + say_number(str(minutes))
    return spoken + (" " + m.group(3)[0].lower() + " m" if m.group(3) else "")


def _money(m: re.Match[str]) -> str:
    one, many = _CURRENCIES[m.group("cur")]
    amount, scale = m.group("amount"), (m.group("scale") or "").lower()
    prefix = "U S " if m.group("us") else ""
    if scale:
        return f"{say_number(amount)} {_SCALES[scale]} {prefix}{many}"
    whole, _, cents = amount.partition(".")
    unit = one if whole.replace(",", "") == "1" else many
    out = f"{say_number(whole)} {prefix}{unit}"
    if len(cents) == 2 and int(cents):
        out += f" {say_number(cents.lstrip('0'))} " + ("cent" if cents == "01" else "cents")
    elif cents:
        out = f"{say_number(amount)} {prefix}{many}"
    return out


def _range(m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    if m.group("unit"):
        return f"{say_number(a)} to {say_number(b)} {_UNITS[m.group('unit')][1]}"
    if _YEARLIKE.fullmatch(a) and _YEAR_END.fullmatch(b):
        b = a[:2] + b if len(b) == 2 else b
        return f"{_year(int(a))} to {_year(int(b))}"
    return f"{say_number(a)} to {say_number(b)}"


def _unit(m: re.Match[str]) -> str:
    one, many = _UNITS[m.group("unit")]
    return f"{m.group('n')} {one if m.group('n') in ('1', 'one') else many}"


def _ordinal_match(m: re.Match[str]) -> str:
    return _ordinal(int(m.group(1)))


def _title(m: re.Match[str]) -> str:
    return TITLES[m.group(1)]


def _saint_or_street(m: re.Match[str]) -> str:
    before, after = m.group(1) or "", m.group(2) or ""
    if after[:1].isupper() or not before[:1].isupper():
        return f"{before} Saint{after}".lstrip()
    return f"{before} Street{after}"


def _abbreviation(m: re.Match[str]) -> str:
    word = ABBREVIATIONS[m.group(1)]
    return word + ("." if m.group(2) is not None else "")


def _dotted(m: re.Match[str]) -> str:
    letters = m.group(0).replace(".", "")
    return " ".join(letters) + ("." if m.group(1) is not None else "")


def _caps(m: re.Match[str]) -> str:
    return say_acronym(m.group(0))


_ROMAN = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "XI": 11, "XII": 12}


def _roman(m: re.Match[str]) -> str:
    return f"{m.group(1)} {say_number(str(_ROMAN[m.group(2)]))}"


def _decade(m: re.Match[str]) -> str:
    words = _year(int(m.group(1)))
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _number(m: re.Match[str]) -> str:
    number = m.group(0)
    if _YEARLIKE.fullmatch(number):
        return _year(int(number))
    return say_number(number)


_END = r"(\s*$)?"  # an abbreviation at the very end keeps its full stop: it ends the sentence


def _has(needle: str) -> Gate:
    return lambda s: needle in s


def _any(chars: str) -> Gate:
    return re.compile("[" + re.escape(chars) + "]").search


_DIGIT = re.compile(r"\d")
_MONTH_GATE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec").search  # every month name starts so
_DOT_SPACE = re.compile(r"\.\s").search  # titles and initials: a full stop before a space
_LIST_MARK = re.compile(r"(?m)^\s{0,3}(?:#{1,6}|>|[-*+•]|\d{1,3}[.)])\s+")
_ABBREVIATED = (r"(e\.g|i\.e|etc|vs|approx|Jr|Sr|Inc|Ltd|Corp|Co|Bros|Dept|Govt|Sept|Jan|Feb|Aug|Oct|Nov|Dec|Ave|Blvd|"
                r"Rd|cf)\.")
# Gates that start with a full stop, so that re jumps from one full stop to the next instead of trying every letter.
_ABBREVIATED_GATE = re.compile(r"\.(?:" + "|".join(f"(?<={a}\\.)" for a in _ABBREVIATED[1:-3].split("|")) + ")").search
_DOTTED_GATE = re.compile(r"\.[A-Za-z]\.(?<=[A-Za-z]\.[A-Za-z]\.)").search


def _odd_space(s: str) -> bool:
    """Whether s has whitespace other than single spaces (every other whitespace character is unprintable)."""
    return "  " in s or not s.isprintable()
_RULES: list[Rule] = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), "", False, _has("![")),  # Markdown image
    (re.compile(r"\[(?P<label>[^\]]*)\]\([^)]*\)"), _markup, False, _has("](")),  # Markdown link: keep the label
    (re.compile(r"<(?P<label>(?:https?://|www\.|mailto:)[^>\s]+)>"), _markup, False, _has("<")),  # autolink
    (re.compile(r"</?[A-Za-z][^>]*>"), " ", False, _has("<")),  # stray HTML tag
    (re.compile(r"\[\s*(?:\.\.\.|…)\s*\]"), "...", False, _has("[")),
    (re.compile(r"[\[\]{}]"), " ", False, None),
    # heading, quote and list markers; without a line break only the start can match
    (_LIST_MARK, "", False, lambda s: "\n" in s or _LIST_MARK.match(s)),
    (re.compile(r"(\*\*|__|\*|`+|~~)"), "", False, _any("*_`~")),  # emphasis and code marks
    (re.compile(r"(?<=\w)\(s\)"), "s", False, _has("(s)")),  # "author(s)"
    (re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"')\]]+?(?=[.,;:!?]?(?:\s|$))"
                r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:" + _TLDS + r")(?:/[^\s]*)?\b"),
     _link, False, re.compile(r"@|://|www\.|\.(?:" + _TLDS + ")").search),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), _iso_date, True, _has("-")),
    (re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?"), _month_day, True,
     _MONTH_GATE),
    (re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4})\b)?"),
     _day_month, True, _MONTH_GATE),
    (re.compile(_MONTH + r",?\s+(?P<year>\d{4})\b"), _month_year, True, _MONTH_GATE),
    (re.compile(r"\b(\d{1,2}):(\d{2})(?:\s*([AaPp])\.?[Mm]\b)?"), _time, True, _has(":")),
    (re.compile(r"\b([AaPp])\.[Mm]\.(\s*$)?"),
     lambda m: f"{m.group(1).lower()} m" + ("." if m.group(2) is not None else ""),
     False, lambda s: ".m." in s or ".M." in s),
    (re.compile(r"(?P<us>US)?(?P<cur>[$£€¥])\s?(?P<amount>" + _NUM + r")(?:\s?(?P<scale>bn|mn|tn|[kmb]|"
                r"thousand|million|billion|trillion)\b)?", re.IGNORECASE), _money, True, _any("$£€¥")),
    (re.compile(r"(" + _NUM + r")\s?(?:%|per\s?cent\b)"), lambda m: f"{say_number(m.group(1))} percent", True,
     lambda s: "%" in s or "per" in s),
    (re.compile(r"(?<![\d.,-])(?P<a>" + _NUM + r")" + _DASH + r"(?P<b>" + _NUM + r")(?![\d-])"
                r"(?:\s?(?P<unit>" + _UNIT + r")(?![\w/²]))?"), _range,
     True, _any("-–—")),
    (re.compile(r"(?<![\w.])-(?=\d)"), "minus ", True, _has("-")),
    (re.compile(r"(?P<n>" + _NUM + r")\s?(?P<unit>" + _UNIT + r")(?![\w/²])"), _unit, True, None),
    (re.compile(r"\b(\d+)(?:st|nd|rd|th)\b"), _ordinal_match, True, None),
    (re.compile(r"\b(" + "|".join(TITLES) + r")\.(?=\s+[A-Z])"), _title, False, _DOT_SPACE),
    (re.compile(r"(?:\b([A-Za-z]+)\s+)?\bSt\.(\s+\w)?"), _saint_or_street, False, _has("St.")),
    (re.compile(r"\b(No|Nos|p|pp)\.\s*(?=\d)"), lambda m: ABBREVIATIONS[m.group(1)] + " ", True, _has(".")),
    (re.compile(r"(?<![\w.])" + _ABBREVIATED + _END), _abbreviation, False, _ABBREVIATED_GATE),
    (re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(\s*$)?"), _dotted, False,  # "U.S." -> "U S"
     _DOTTED_GATE),
    (re.compile(r"\b([A-Z])\.(?=\s+[A-Z])"), r"\1", False, _DOT_SPACE),  # initials: "George W. Bush"
    (re.compile(r"\b([A-Z][a-z]+) (II|III|IV|VI|VII|VIII|IX|XI|XII)\b"), _roman, False, re.compile(" [IVX]").search),
    (re.compile(r"\b[A-Z]{2,}s?\b"), _caps, False, re.compile("[A-Z]{2}").search),
    (re.compile(r"\b(1[1-9]\d0|20\d0)s\b"), _decade, True, _has("0s")),
    (re.compile(r"\d+(?:\.\d+){2,}"), lambda m: " dot ".join(say_number(p) for p in m.group(0).split(".")), True,
     None),
    (re.compile(r"(?<=[A-Za-z])-(?=\d)|(?<=\d)-(?=[A-Za-z])"), " ", True, _has("-")),
    (re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+"), _number, True, None),
]
_CLEANUP: list[Rule] = [
    (re.compile(r"[()]"), ", ", False, None),
    (re.compile(r"\s[-–—]+\s|--+|[–—]"), ", ", False,
     lambda s: "–" in s or "—" in s or "--" in s or " -" in s or (not s.isprintable() and "-" in s)),
    (re.compile(r"(?<=\s)/(?=\s)|(?<=[A-Za-z])/(?=[A-Za-z])"), " or ", False, _has("/")),
    (re.compile(r"[_^\\]"), " ", False, None),
    (re.compile(r"\s+"), " ", False, _odd_space),  # single spaces stay as they are
    (re.compile(r"\b([ap]) m\.(?!\s*$)"), r"\1 m", False, _has(" m.")),
    (re.compile(r"\s+([,.;:!?])"), r"\1", False,
     lambda s: " ," in s or " ." in s or " ;" in s or " :" in s or " !" in s or " ?" in s or not s.isprintable()),
    (re.compile(r"([.!?;:]),+"), r"\1", False, lambda s: ".," in s or "!," in s or "?," in s or ";," in s or ":," in s),
    (re.compile(r",(?:\s*,)+"), ",", False, None),
    (re.compile(r",\s*([.!?;:])"), r"\1", False, _has(",")),
]
_PASSES = _RULES + _CLEANUP
_COPYRIGHT = re.compile(r"(?i)\b(copyright)\s*©")
_EDGE = ",;:"  # stripped from both ends, with whitespace


def _strip_edges(text: str) -> str:
    """The text without leading and trailing whitespace, commas, semicolons and colons."""
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
        end -= 1
    return text[start:end]


@lru_cache(maxsize=8192)
def speak(text: str) -> str:
    """What a narrator says for text: numbers, dates, money, units, acronyms and links as words; markup dropped."""
    out = _COPYRIGHT.sub(r"\1", text) if "©" in text else text
    for symbol, word in _SYMBOLS.items():
        out = out.replace(symbol, word)
    digits = _DIGIT.search(out) is not None  # no pass turns a non-digit into a digit
    for pattern, replacement, needs_digit, gate in _PASSES:
        if (needs_digit and not digits) or (gate is not None and not gate(out)):
            continue
        out = pattern.sub(replacement, out)
    out = _strip_edges(out)
    if not out.strip() or (any(ch.isalnum() for ch in text) and not any(ch.isalnum() for ch in out)):
        out = " ".join(text.split())  # never say nothing for a text that has words
    return out.strip()
