"""Normalisation for speech: the words a narrator says for a sentence of written news.

speak("On June 10, 2017 the SDF was 40 km from Raqqa.") ->
"On June tenth, twenty seventeen the S D F was forty kilometres from Raqqa."
The output is plain words and sentence punctuation (for intonation), ready for espeak-ng. Rules run in a fixed
order, most specific first (links before numbers, dates before years, currencies before plain numbers).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from briefcast.segmenter.acronyms import ABBREVIATIONS, TITLES, say_acronym

__all__ = ["speak", "speak_date", "say_number"]

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
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
_SYMBOLS = {"&": " and ", "+": " plus ", "=": " equals ", "§": " section ", "~": " about ", "|": ", ",
            "©": " copyright ", "®": " ", "™": " ", "•": ", ", "→": " to ", "×": " by "}


def say_number(number: str) -> str:
    """ "2,500" -> "two thousand five hundred", "7.4" -> "seven point four", "007" -> "zero zero seven"."""
    from num2words import num2words

    digits = number.replace(",", "")
    try:
        if re.fullmatch(r"0\d+", digits):
            words = " ".join(num2words(int(d)) for d in digits)
        elif re.fullmatch(r"\d+\.\d+", digits):
            whole, frac = digits.split(".")
            words = num2words(int(whole)) + " point " + " ".join(num2words(int(d)) for d in frac)
        else:
            words = num2words(int(digits))
    except (ValueError, OverflowError, ArithmeticError):
        words = " ".join(num2words(int(d)) for d in digits if d.isdigit())
    return _plain(words)


def _plain(words: str) -> str:
    return re.sub(r"\s+", " ", words.replace(",", "").replace("-", " ").replace(" and ", " ")).strip()


def _ordinal(n: int) -> str:
    from num2words import num2words

    return _plain(num2words(n, to="ordinal"))


def _year(n: int) -> str:
    from num2words import num2words

    return _plain(num2words(n, to="year"))


def speak_date(iso: str) -> str:
    """ "2017-06-10" -> "June tenth, twenty seventeen" (the same as speak("June 10, 2017"))."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*", iso)
    if not match or not (1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31):
        return speak(iso)
    year, month, day = (int(g) for g in match.groups())
    return f"{MONTHS[month - 1]} {_ordinal(day)}, {_year(year)}"


# -- the passes, in order ------------------------------------------------------------------------------------------

Rule = tuple["re.Pattern[str]", "str | Callable[[re.Match[str]], str]"]


def _markup(m: re.Match[str]) -> str:
    return m.group("label") or ""


def _link(m: re.Match[str]) -> str:
    """ "https://www.patreon.com/southfront" -> "patreon dot com slash southfront"."""
    url = re.sub(r"^(?:[a-z]+://)?(?:www\.)?", "", m.group(0), flags=re.IGNORECASE).rstrip("/")
    url = url.replace("@", " at ").replace(".", " dot ").replace("/", " slash ")
    return " " + re.sub(r"[-_?=&#%:]+", " ", url) + " "


def _iso_date(m: re.Match[str]) -> str:
    return speak_date(m.group(0))


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
    if re.fullmatch(r"1[1-9]\d\d|20\d\d", a) and re.fullmatch(r"1[1-9]\d\d|20\d\d|\d\d", b):
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
    if re.fullmatch(r"1[1-9]\d\d|20\d\d", number):
        return _year(int(number))
    return say_number(number)


_END = r"(\s*$)?"  # an abbreviation at the very end keeps its full stop: it ends the sentence
_RULES: list[Rule] = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # Markdown image
    (re.compile(r"\[(?P<label>[^\]]*)\]\([^)]*\)"), _markup),  # Markdown link: keep the label
    (re.compile(r"<(?P<label>(?:https?://|www\.|mailto:)[^>\s]+)>"), _markup),  # autolink
    (re.compile(r"</?[A-Za-z][^>]*>"), " "),  # stray HTML tag
    (re.compile(r"\[\s*(?:\.\.\.|…)\s*\]"), "..."),
    (re.compile(r"[\[\]{}]"), " "),
    (re.compile(r"(?m)^\s{0,3}(?:#{1,6}|>|[-*+•]|\d{1,3}[.)])\s+"), ""),  # heading, quote and list markers
    (re.compile(r"(\*\*|__|\*|`+|~~)"), ""),  # emphasis and code marks
    (re.compile(r"(?<=\w)\(s\)"), "s"),  # "author(s)"
    (re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"')\]]+?(?=[.,;:!?]?(?:\s|$))"
                r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|ru|ca|uk|de|fr|io|gov|edu)(?:/[^\s]*)?\b"),
     _link),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), _iso_date),
    (re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?"), _month_day),
    (re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4})\b)?"),
     _day_month),
    (re.compile(_MONTH + r",?\s+(?P<year>\d{4})\b"), _month_year),
    (re.compile(r"\b(\d{1,2}):(\d{2})(?:\s*([AaPp])\.?[Mm]\b)?"), _time),
    (re.compile(r"\b([AaPp])\.[Mm]\.(\s*$)?"), lambda m: f"{m.group(1).lower()} m" + ("." if m.group(2) is not None else "")),
    (re.compile(r"(?P<us>US)?(?P<cur>[$£€¥])\s?(?P<amount>" + _NUM + r")(?:\s?(?P<scale>bn|mn|tn|[kmb]|"
                r"thousand|million|billion|trillion)\b)?", re.IGNORECASE), _money),
    (re.compile(r"(" + _NUM + r")\s?(?:%|per\s?cent\b)"), lambda m: f"{say_number(m.group(1))} percent"),
    (re.compile(r"(?<![\d.,-])(?P<a>" + _NUM + r")" + _DASH + r"(?P<b>" + _NUM + r")(?![\d-])(?:\s?(?P<unit>" + _UNIT + r")(?![\w/²]))?"), _range),
    (re.compile(r"(?<![\w.])-(?=\d)"), "minus "),
    (re.compile(r"(?P<n>" + _NUM + r")\s?(?P<unit>" + _UNIT + r")(?![\w/²])"), _unit),
    (re.compile(r"\b(\d+)(?:st|nd|rd|th)\b"), _ordinal_match),
    (re.compile(r"\b(" + "|".join(TITLES) + r")\.(?=\s+[A-Z])"), _title),
    (re.compile(r"(?:\b([A-Za-z]+)\s+)?\bSt\.(\s+\w)?"), _saint_or_street),
    (re.compile(r"\b(No|Nos|p|pp)\.\s*(?=\d)"), lambda m: ABBREVIATIONS[m.group(1)] + " "),
    (re.compile(r"(?<![\w.])(e\.g|i\.e|etc|vs|approx|Jr|Sr|Inc|Ltd|Corp|Co|Bros|Dept|Govt|Sept|Jan|Feb|Aug|Oct|Nov|"
                r"Dec|Ave|Blvd|Rd|cf)\." + _END), _abbreviation),
    (re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(\s*$)?"), _dotted),  # "U.S." -> "U S"
    (re.compile(r"\b([A-Z])\.(?=\s+[A-Z])"), r"\1"),  # initials: "George W. Bush"
    (re.compile(r"\b([A-Z][a-z]+) (II|III|IV|VI|VII|VIII|IX|XI|XII)\b"), _roman),
    (re.compile(r"\b[A-Z]{2,}s?\b"), _caps),
    (re.compile(r"\b(1[1-9]\d0|20\d0)s\b"), _decade),
    (re.compile(r"\d+(?:\.\d+){2,}"), lambda m: " dot ".join(say_number(p) for p in m.group(0).split("."))),
    (re.compile(r"(?<=[A-Za-z])-(?=\d)|(?<=\d)-(?=[A-Za-z])"), " "),
    (re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+"), _number),
]
_CLEANUP: list[Rule] = [
    (re.compile(r"[()]"), ", "),
    (re.compile(r"\s[-–—]+\s|--+|[–—]"), ", "),
    (re.compile(r"(?<=\s)/(?=\s)|(?<=[A-Za-z])/(?=[A-Za-z])"), " or "),
    (re.compile(r"[_^\\]"), " "),
    (re.compile(r"\s+"), " "),
    (re.compile(r"\b([ap]) m\.(?!\s*$)"), r"\1 m"),
    (re.compile(r"\s+([,.;:!?])"), r"\1"),
    (re.compile(r"([.!?;:]),+"), r"\1"),
    (re.compile(r",(?:\s*,)+"), ","),
    (re.compile(r",\s*([.!?;:])"), r"\1"),
    (re.compile(r"^[\s,;:]+|[\s,;:]+$"), ""),
]


def speak(text: str) -> str:
    """What a narrator says for text: numbers, dates, money, units, acronyms and links as words; markup dropped."""
    out = re.sub(r"(?i)\b(copyright)\s*©", r"\1", text)
    for symbol, word in _SYMBOLS.items():
        out = out.replace(symbol, word)
    for pattern, replacement in _RULES + _CLEANUP:
        out = pattern.sub(replacement, out)
    if not out.strip() or (any(ch.isalnum() for ch in text) and not any(ch.isalnum() for ch in out)):
        out = " ".join(text.split())  # never say nothing for a text that has words
    return out.strip()
