"""What numbers sound like in news: cardinals, ordinals, years, digit strings, fractions, money, clock times, phones.

Each reader takes the written parts and returns plain words; speech.py decides where a number of each kind stands.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "say_number", "say_digits", "ordinal", "year", "fraction", "money", "clock", "duration", "roman_value",
    "phone", "decade", "year_end",
]

_LEADING_ZERO = re.compile(r"0\d+")
_DECIMAL = re.compile(r"\d*\.\d+")
_SPACES = re.compile(r"\s+")
_DIGIT_WORDS = "zero one two three four five six seven eight nine".split()


def _plain(words: str) -> str:
    return _SPACES.sub(" ", words.replace(",", "").replace("-", " ").replace(" and ", " ")).strip()


@lru_cache(maxsize=4096)
def say_number(number: str) -> str:
    """ "2,500" -> "two thousand five hundred", "7.4" -> "seven point four", "007" -> "zero zero seven"."""
    from num2words import num2words

    digits = number.replace(",", "")
    try:
        if _LEADING_ZERO.fullmatch(digits):
            words = say_digits(digits)
        elif _DECIMAL.fullmatch(digits):
            whole, frac = digits.split(".")
            words = (num2words(int(whole)) + " " if whole else "") + "point " + say_digits(frac)
        else:
            words = num2words(int(digits))
    except (ValueError, OverflowError, ArithmeticError):
        words = say_digits(digits)
    return _plain(words)


def say_digits(digits: str) -> str:
    """ "0040" -> "zero zero four zero": one word a digit, other characters dropped."""
    return " ".join(_DIGIT_WORDS[int(d)] for d in digits if d.isdigit())


@lru_cache(maxsize=1024)
def ordinal(n: int) -> str:
    """ 21 -> "twenty first"."""
    from num2words import num2words

    return _plain(num2words(n, to="ordinal"))


@lru_cache(maxsize=1024)
def year(n: int) -> str:
    """ 2017 -> "twenty seventeen", 2005 -> "two thousand five", 1905 -> "nineteen oh five"."""
    from num2words import num2words

    return _plain(num2words(n, to="year"))


def year_end(digits: str) -> str:
    """A year written with two digits: "19" -> "nineteen", "09" -> "oh nine", "00" -> "two thousand"."""
    if digits == "00":
        return "two thousand"
    return say_number(digits) if digits[0] != "0" else "oh " + say_number(digits[1])


def decade(digits: str) -> str:
    """ "1990" -> "nineteen nineties", "90" -> "nineties", "00" -> "two thousands"."""
    words = year(int(digits)) if len(digits) == 4 else year_end(digits)
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + ("es" if words.endswith("x") else "s")


_DENOMINATORS = {2: ("half", "halves"), 4: ("quarter", "quarters")}


def fraction(numerator: str, denominator: str, whole: str = "") -> str:
    """ ("1", "4") -> "one quarter", ("1", "2", "2") -> "two and a half"."""
    if "." in numerator:
        return f"{say_number(numerator)} out of {say_number(denominator)}"
    num, den = float(numerator), int(denominator)
    if den == 0:
        return f"{say_number(numerator)} over zero"
    if den == 1:
        words = f"{say_number(numerator)} over one"
    else:
        one, many = _DENOMINATORS.get(den, (ordinal(den), ordinal(den) + "s"))
        count = ("a" if whole else "one") if num == 1 else say_number(numerator)
        words = f"{count} {one if num == 1 else many}"
    return f"{say_number(whole)} and {words}" if whole else words


# symbol -> (one, many, subunit one, subunit many)
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "", ""), "₩": ("won", "won", "", ""),
    "₹": ("rupee", "rupees", "", ""), "₽": ("rouble", "roubles", "", ""), "₴": ("hryvnia", "hryvnias", "", ""),
    "₦": ("naira", "naira", "kobo", "kobo"),
}
SCALES = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion", "b": "billion", "tn": "trillion",
          "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
          "lakh": "lakh", "lakhs": "lakhs", "crore": "crore", "crores": "crores"}  # (India's, said as written)


def money(symbol: str, amount: str, scale: str = "", prefix: str = "") -> str:
    """ ("$", "3.50") -> "three dollars fifty cents", ("$", ".01") -> "one cent"."""
    return sum_of(CURRENCIES[symbol], amount, scale, prefix)


def sum_of(names: tuple[str, str, str, str], amount: str, scale: str = "", prefix: str = "") -> str:
    """An amount of a currency named (one, many, subunit one, subunit many): (("ringgit", "ringgit", "", ""),
    "6.162", "million") -> "six point one six two million ringgit"."""
    one, many, sub_one, sub_many = names
    many = prefix + many
    if scale:
        return f"{say_number(amount)} {SCALES[scale.lower()]} {many}"
    whole, _, cents = amount.replace(",", "").partition(".")
    if cents and len(cents) > 2 and cents[2:].strip("0"):
        return f"{say_number(amount)} {many}"  # "$.506": not a sum of cents
    cents = (cents[:2] + "0")[:2] if cents else ""
    cents_value = int(cents) if cents else 0
    if cents_value and not sub_one:
        return f"{say_number(amount)} {many}"
    words = ""
    if whole and (int(whole) or not cents_value):
        words = f"{say_number(whole)} {prefix + one if int(whole) == 1 else many}"
    if cents_value:
        words += f" {say_number(str(cents_value))} {sub_one if cents_value == 1 else sub_many}"
    return words.strip()


def clock(hours: str, minutes: str = "", meridiem: str = "") -> str:
    """ ("9", "30") -> "nine thirty", ("1", "00") -> "one o'clock", ("5", "", "p") -> "five p m"."""
    h = int(hours)
    words = say_number(str(h))
    m = int(minutes) if minutes else 0
    if m:
        words += (" oh " if m < 10 else " ") + say_number(str(m))
    elif minutes and not meridiem:
        words += " hundred" if h > 12 or h == 0 else " o'clock"
    return words + (f" {meridiem.lower()} m" if meridiem else "")


def duration(hours: str, minutes: str, seconds: str) -> str:
    """ ("1", "01", "01") -> "one hour one minute and one second"."""
    parts = []
    for value, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second")):
        n = int(value)
        parts.append(f"{say_number(str(n))} {unit}{'' if n == 1 else 's'}")
    return f"{parts[0]} {parts[1]} and {parts[2]}"


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"


def roman_value(numeral: str) -> int:
    """ "XIV" -> 14 (the numeral is assumed well formed, see ROMAN)."""
    total = 0
    values = [_ROMAN_VALUES[c] for c in numeral.upper()]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def phone(*groups: str) -> str:
    """ ("+1", "123", "456", "7890") -> "plus one, one two three, four five six, seven eight nine zero"."""
    said = []
    for group in groups:
        if group:
            said.append(("plus " if group.startswith("+") else "") + say_digits(group))
    return ", ".join(said)
