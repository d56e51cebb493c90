"""Written forms particular to news copy, rewritten to the plain forms the rest of the segmenter reads.

`repair` mends the written text of a paragraph where a page's markup broke it: a drop cap split from its word
("T he"), an editor's bracketed letter ("[S]ome"), two sentences run together without a space ("Trump.An").
`dateline` recases a wire story's dateline in capitals ("WASHINGTON (Reuters) - "), so it is said as words.
`plain` runs first in speech normalisation (speech.speak) and turns news shorthand into forms that speech then says
right: footnote markers dropped, superscript ordinals, decades written "1980's", "No 10", "5v5", plural numerals
("the 9s"), ranges with one unit ("5-8%"), aircraft, flight and other model numbers ("A320", "Boeing 777", "BA283",
"Atari 2600") and video resolutions ("1080p") in pairs, money used as an adjective ("a $1bn firm"), cricket figures
in a sentence about cricket ("6-174": six for one hundred seventy four), street directions after a house number
("1225 N. Rampart St.").
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .numbers import say_number

AIRCRAFT_MAKERS = ("Airbus", "Boeing", "Embraer", "Bombardier", "Cessna", "Tupolev", "Antonov", "Ilyushin", "Sukhoi",
                   "Lockheed", "McDonnell Douglas", "ATR", "Comac")
_CURRENCY = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros")}
_SCALE = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion", "b": "billion", "tn": "trillion",
          "million": "million", "billion": "billion", "trillion": "trillion", "thousand": "thousand"}
_SCALE_WORDS = r"(?:thousand|million|billion|trillion)\b"  # ("a $100-million, ...": the scale, not a noun)
_DIRECTIONS = {"N": "North", "S": "South", "E": "East", "W": "West", "NE": "Northeast", "NW": "Northwest",
               "SE": "Southeast", "SW": "Southwest"}
_CRICKET = re.compile(r"\b(?:wickets?|innings|overs|stumps|cricket|bowled|bowling|batting|batted|declared|all out|"
                      r"T20|ODI|run chase|runs)\b")
_FIGURES = re.compile(r"\d[-/]\d").search  # ("6-174": looked for before the cricket words, a slower search)


def _about_cricket(text: str) -> bool:
    """Whether a text with cricket figures in it is about cricket."""
    return bool(_FIGURES(text)) and bool(_CRICKET.search(text))


_SUPERSCRIPT_ORDINAL = {"ˢᵗ": "st", "ⁿᵈ": "nd", "ʳᵈ": "rd", "ᵗʰ": "th"}

# written text
_DROP_CAP = re.compile(r"^([“\"‘']?)([B-HJ-Z]) ([a-z]{1,12})\b")  # "T he", never "A man" or "I am"
_BRACKETED_LETTER = re.compile(r"\[([A-Za-z])\](?=[a-z])")  # "[S]ome", "[t]he"
# "Trump.An elector": a full stop between a lower-case word and a capitalised one, no space (not a domain or "U.S.");
# ('McKelvey:When he'). The pattern starts at the stop or colon and looks behind it for the word: re then goes from
# one such sign to the next instead of trying every character.
_RUN_ON = re.compile(r"([.!?:])(?:(?<=[.!?])(?:(?<=[a-z]{3}.)|(?<=\d\d.)|(?<=\d\ds.))(?=[A-Z][a-z]{1,20}\b(?![.@/]))"
                     r"|(?<=[a-z]{2}:)(?=[“\"][A-Z]|[A-Z][a-z]))")


# A wire story's dateline: "WASHINGTON (Reuters) - ", "ST. LOUIS, MO (KTVI) -- ", "NEW YORK — ",
# "Honolulu, Dec. 23 (UPI) -- ".
_CAPS_PLACE = r"[A-Z][A-Z.'’ /-]*[A-Z.](?:,\s*[A-Z][A-Za-z.' ]{1,25}?)?"
_NAME_PLACE = r"[A-Z][a-z]+(?:[ /-]+[A-Z][a-z]+){0,3}(?:,\s*[A-Z][A-Za-z.]+){0,2}"
_WHEN = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
_DATELINE = re.compile(
    rf"^(?:{_CAPS_PLACE}{_WHEN}\s*(?:\([A-Za-z][\w .&/-]{{0,30}}\)\s*)?(?:—|–|-{{1,2}})"  # "WASHINGTON (Reuters) -"
    rf"|{_NAME_PLACE}{_WHEN}\s*\([A-Z][\w .&/-]{{0,30}}\)\s*(?:—|–|-{{1,2}}|:))"  # "Washington (Reuters) -"
    rf"\s+(?=[\"“‘'(]?[A-Z0-9])")


def dateline(text: str) -> str:
    """The paragraph with its wire dateline said as words: the place in capitals recased ("ST. LOUIS, MO (KTVI) --
    Amid" -> "St. Louis, MO (KTVI) -- Amid", which speech says "St. Louis, Missouri, K T V I, Amid"), the agency
    kept (a `with` gold quotes it as printed). Other text is unchanged."""
    m = _DATELINE.match(text)
    if not m or len(m.group(0).split()) > 8:
        return text
    head = re.sub(r"\b([A-Z])([A-Z'’]{2,}|[A-Z]\.)", lambda w: w.group(1) + w.group(2).lower(),
                  m.group(0).split("(")[0])  # "ST." -> "St.", "LOUIS" -> "Louis"; "MO" stays
    return head + m.group(0)[len(head):] + text[m.end():]


# A market data code in wire copy, no word of the story: "the S&P 500 .SPX fell", "Apple <AAPL.O> rose".
_INSTRUMENT = re.compile(r"(?<=\w) \.(?!NET\b)[A-Z][A-Z0-9]{1,11}\b(?![.\w])|\s?<[A-Z0-9]{1,6}\.[A-Z]{1,2}>"
                         r"|(?<=\w) [A-Z]{2,4}c\d\b|(?<=\w) [A-Z]{3,6}=(?=\s)"  # (".MIWD00000PUS", "LCOc1", "EUR=")
                         r"|\s?\((?:NASDAQ|Nasdaq|NYSE|NYSEARCA|NYSEMKT|AMEX|LSE|LON|TSX|TSXV|ASX|OTC|OTCMKTS|BATS|HKEX|"
                         r"HKG|ETR|EPA|FRA|SIX|NSE|BSE|TYO)\s*:\s*[A-Z0-9.]{1,8}\)")  # "Amazon (NASDAQ: AMZN)"


# What each pattern of `repair` needs (every match holds one), looked for before it runs: a futures code (" LCOc1"),
# a number's suffix after a space ("17 th"), a stop or colon before a capital or a quotation mark ("Trump.An").
_FUTURES = re.compile(r"c\d(?<=[A-Z]{2}c\d)").search  # (from the "c": re tried the space before every word)
_ORDINAL_SUFFIX = re.compile(r"\d (?:st|nd|rd|th)").search
_RUN_ON_GATE = re.compile(r"[.!?:][A-Z\"“”]").search


_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\ufffd(?=(?:t|s|re|ve|ll|m|d)\b)")  # "haven\ufffdt", "Ginsburg\ufffds"
_LOST_SPACE = re.compile(r"\s*\ufffd+\s*")  # "The\ufffdslim chances", "WASHINGTON\ufffd\ufffd\ufffdThe"


def repair(text: str, *, page: bool = False, code: tuple[str, ...] = ()) -> str:
    """A paragraph's written text with run-ons spaced and market data codes taken out (".SPX", "<AAPL.O>"); from a
    web page (`page`), also drop caps rejoined, bracketed letters unbracketed (there they are the markup's doing;
    in a text file, "B a" may be meant) and the replacement characters of a page saved without its apostrophes and
    spaces mended. Where the text holds one of `code` (its code spans), no run-on is spaced:
    "Task.Delay" there is a name, not two sentences."""
    if " ." in text or "<" in text or (":" in text and "(" in text) or "=" in text or _FUTURES(text):
        text = _INSTRUMENT.sub("", text)
    if page:
        if "\ufffd" in text:  # characters the page was saved without: an apostrophe where one fits, else a space
            text = _LOST_SPACE.sub(" ", _LOST_APOSTROPHE.sub("’", text))
        if "[" in text:
            text = _BRACKETED_LETTER.sub(r"\1", text)
        text = _DROP_CAP.sub(lambda m: m.group(1) + m.group(2) + m.group(3), text, count=1)
        if _ORDINAL_SUFFIX(text):
            text = _LOOSE_ORDINAL.sub(_ordinal_joined, text)
    if not _RUN_ON_GATE(text):
        return text
    if '"' in text or "“" in text or "”" in text:
        text = _QUOTE_RUN_ON.sub(lambda m: _spaced_quote(m, text), text)
    kept = [m.span() for c in code for m in re.finditer(re.escape(c), text)]
    return _RUN_ON.sub(lambda m: m.group() if any(a < m.start() < b for a, b in kept)
                       else m.group(1) + " ", text)


# A quotation mark run between two sentences ('Tim Kaine."So that is ...'): spaced on the side it belongs to, an
# opening mark before the next sentence, a closing one after the stop (a straight mark: by the count before it).
_QUOTE_RUN_ON = re.compile(r"(?<=[a-z][.!?])([\"“”])(?=[A-Z][a-z])")


def _spaced_quote(m: re.Match[str], text: str) -> str:
    mark = m.group(1)
    opening = mark == "“" or (mark == '"' and text.count('"', 0, m.start()) % 2 == 0)
    return " " + mark if opening else mark + " "


# A superscript ordinal's letters set apart from its number ("the 17<sup>th</sup>" -> "the 17 th"): rejoined when
# they are the number's own suffix ("1 st", "22 nd", "13 th"; not "5 st" or "12 nd", which are something else).
_LOOSE_ORDINAL = re.compile(r"\b(\d{1,4}) (st|nd|rd|th)\b")


def _ordinal_joined(m: re.Match[str]) -> str:
    number, suffix = m.group(1), m.group(2)
    tens, units = int(number) % 100, int(number) % 10
    own = "th" if 10 <= tens <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(units, "th")
    return number + suffix if suffix == own else m.group(0)


def _plural_number(m: re.Match[str]) -> str:
    return _plural(m.group(3))


def _plural(digits: str) -> str:
    """ "40" -> "forties", "47" -> "forty sevens", "6" -> "sixes": a number said in the plural."""
    words = say_number(digits)
    last = words.split()[-1]
    if last.endswith(("x", "s")):
        plural = last + "es"
    elif last.endswith("y"):
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return " ".join([*words.split()[:-1], plural])


_NOT_NOUNS = ("(?:of|to|in|for|and|or|the|that|which|was|were|are|will|would|could|should|has|had|have|came|went|"
              "goes|comes|more|less|each|per|from|on|at|by|with|it|he|she|they|we|into|over|under|this|these|those|"
              "is|be|been|being|may|might|must|can|did|does|do|also|still|now|then|already|thousand|million|"
              "billion|trillion|spent|paid|lost|won|sought|bought|sold|left|made|given|taken|cut|set|put|held|kept|"
              "brought|built|got|gotten|owing|people|[a-z]+ly)")


# Capitalised words before a number that is a quantity, not a model's name: "About 300", "March 2021", "Page 3".
_NOT_NAMES = ("(?:About|Around|Over|Under|Nearly|Almost|Roughly|Approximately|Exactly|Some|More|Less|Fewer|Only|Just|"
              "All|Another|Those|These|The|Its|His|Her|Their|Our|Your|Since|Until|Between|Among|After|Before|During|"
              "Than|And|But|From|With|When|While|Where|Top|Fortune|Population|Jan|January|Feb|February|Mar|March|"
              "Apr|April|May|June|July|Aug|August|Sept|Sep|September|Oct|October|Nov|November|Dec|December|"
              "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Spring|Summer|Autumn|Fall|Winter|Christmas|"
              "Easter|Class|Year|Years|Total|Totals|Score|Rank|Level|Grade|Age|Aged|Vote|Votes|Height|Weight|"
              "Length|Price|Cost|Salary|Budget|Circa|Approx|Against|Within|Without|Through|Into|Onto|Upon|Toward|"
              "Towards|Across|Behind|Beyond|Despite|Including|Except|Plus|Minus|Times|Least|Most|Many|Several|Few|"
              "Any|Each|Every|Both|Either|Neither|Once|Twice|Then|Now|Still|Also|Already|Even|There|Here|"
              "Were|Was|Are|Has|Have|Had|Will|Would|Could|Should|Might|Must|Did|Does|Got|Gets|Won|Lost|Hit|"
              "Scored|Made|Took|Gave|Sold|Bought|Paid|Raised|Killed|Injured|Reported|Recorded|Ranked|Number|Dial|Call|"
              "Text|Phone|Tel|Fax)")


def _money_adjective(m: re.Match[str]) -> str:
    one, _ = _CURRENCY[m.group("cur")]
    scale = _SCALE.get((m.group("scale") or "").lower(), "")
    return f"{m.group('art')} {m.group('amount')} {scale + ' ' if scale else ''}{one} {m.group('noun')}"


def _model(m: re.Match[str]) -> str:
    """ "A320" -> "A 3 20", "777" -> "7 77", "BA283" -> "BA 2 83": said "A three twenty", "seven seventy seven";
    round hundreds whole: "S-300" -> "S 300", "A400" -> "A 400" ("three hundred"), "BA1900" -> "BA 19 hundred"."""
    return f"{m.group('pre')} {_in_pairs(m.group('num'))}"


def _in_pairs(digits: str) -> str:
    """Three or four digits written as the pairs they are said in (see _model): "1080" -> "10 80", "304" ->
    "3 oh 4"."""
    if digits.endswith("000") or (len(digits) == 3 and digits.endswith("00")):
        return digits
    if digits.endswith("00"):
        return f"{digits[:2]} hundred"  # "BA1900": "nineteen hundred"
    if len(digits) == 3:
        return f"{digits[0]} {'oh ' + digits[2] if digits[1] == '0' else digits[1:]}"
    return f"{digits[:2]} {'oh ' + digits[3] if digits[2] == '0' else digits[2:]}"


_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str], Callable[[str], object]]
# a song's guest: "Only One (Ft. Stevie Wonder)", "Hotline ft. Drake" (not "Ft. Worth", not "10 ft. tall")
_FEATURING: _Rule = (re.compile(r"(?:(?<=\()(?:[Ff]eat|FEAT|[Ff]t|FT)|(?<=[A-Za-z)] )(?:feat|ft))\.?\s+(?=[A-Z])"),
                     "featuring ", re.compile(r"[Ff](?:[Ee][Aa][Tt]|[Tt])\.?\s").search)  # (faster than (?i))
_VERSUS: _Rule = (re.compile(r"\b([A-Z][a-z]+) v\.? (?=[A-Z])"), r"\1 versus ", lambda s: " v" in s)  # "Roe v. Wade"
_RULES: list[_Rule] = [
    (re.compile(r"(?<=[\w.,;:!?”\"')])(?:\[\d{1,3}\])+"), "", lambda s: "[" in s),  # footnote markers "study[1][2]"
    (re.compile(r"(?<=\d)(ˢᵗ|ⁿᵈ|ʳᵈ|ᵗʰ)"), lambda m: _SUPERSCRIPT_ORDINAL[m.group(1)], lambda s: not s.isascii()),
    (re.compile(r"\b(1[1-9]\d0|20\d0)['’]s\b"), r"\1s", lambda s: "'s" in s or "’s" in s),  # "1980's"
    (re.compile(r"\bNo\.?\s?(?=\d)"), "number ", lambda s: "No" in s),  # "No 10 Downing Street"
    _FEATURING,
    (re.compile(r"\b(\d{1,2})\s?v\s?(\d{1,2})\b"), r"\1 versus \2", re.compile(r"\d\s?v\s?\d").search),  # "5v5"
    (re.compile(r"\b(the|his|her|their|its|our|in|into|mid|early|late|low|high|upper|lower)([ -])(\d{1,2})s\b"),
     lambda m: m.group(1) + m.group(2) + _plural_number(m), re.compile(r"\ds\b").search),  # "in the 9s", "in his 40s"
    (re.compile(r"\b(\d+(?:\.\d+)?)\s?[-–]\s?(\d+(?:\.\d+)?)\s?(%|percent\b|per cent\b)"), r"\1 to \2\3",
     lambda s: "%" in s or "cent" in s),  # "5-8%"
    (re.compile(r"(?P<pre>\b(?:" + "|".join(AIRCRAFT_MAKERS) + r")) (?P<num>[1-9]\d{2})\b"), _model,
     re.compile("|".join(AIRCRAFT_MAKERS)).search),
    (re.compile(r"(?P<pre>\b[A-Z]{1,3})-?(?P<num>[1-9]\d{2,3})\b(?![.,]\d)"), _model,
     re.compile(r"[A-Z]-?\d{3}").search),  # "A320", "MH370", "Tu-154", "BA283"
    (re.compile(r"(?P<pre>\b[Ff]light [A-Z]{2}) (?P<num>[1-9]\d{2,3})\b"), _model, lambda s: "light " in s),
    # a video's resolution, "720p", "1080p", "4320p": the number in pairs ("seven twenty p", "ten eighty p")
    (re.compile(r"(?<![\w.,])(144|240|360|480|576|720|1080|1440|2160|4320)p\b"),
     lambda m: f"{_in_pairs(m.group(1))} p", re.compile(r"\dp\b").search),
    # a number that names a thing after its name, said in pairs as a model number is: "Atari 2600" (twenty-six
    # hundred), "HTTP 304" (three oh four), "Xbox 360"; not a quantity ("Nearly 300 people", "Kenya 1500 votes"), a
    # year (the year pass says it in pairs too) nor a number to dial
    (re.compile(r"(?P<pre>\b(?!" + _NOT_NAMES + r"\b)(?:[A-Z][a-z]{2,}[A-Za-z]*|[A-Z]{4,})) "
                r"(?P<num>(?!1[1-9]\d\d|20\d\d)[1-9]\d{2,3})\b"
                r"(?![.,:]\d|\s?(?:%|[-–]\d|(?:st|nd|rd|th|s)\b)|\s+(?!(?:is|was|has|does|says|as|plus|versus)\b)"
                r"[a-z]+s\b)"), _model, re.compile(r"[1-9]\d\d(?<=[A-Za-z] [1-9]\d\d)").search),
    _VERSUS,
    (re.compile(r"(?<![\w'’.,$€£-])([1-9])(\d[1-9])s\b"), lambda m: f"{say_number(m.group(1))} {_plural(m.group(2))}",
     re.compile(r"\d\d\ds\b").search),  # "two 747s": models in the plural ("seven forty sevens")
    (re.compile(r"\b(?P<art>[Aa]n?) (?P<cur>[$£€])(?P<amount>\d+(?:\.\d+)?)[\s-]?(?P<scale>bn|mn|tn|[kmbKMB]|thousand|"
                r"million|billion|trillion)?[- ](?P<noun>(?!of\b|to\b|in\b|for\b|a\b|and\b|or\b|" + _SCALE_WORDS
                + r")[a-z]{3,}|[A-Z][a-z]{2,}(?= [A-Z]\b))\b"),
     _money_adjective, lambda s: "$" in s or "£" in s or "€" in s),  # "a $1bn firm"
    # the same after "the", "its", ...: a noun, not a verb or a participle ("the $4 investment"; "the $4bn spent")
    (re.compile(r"\b(?P<art>[Tt]he|[Tt]his|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur) (?P<cur>[$£€])"
                r"(?P<amount>\d+(?:\.\d+)?)[\s-]?(?P<scale>bn|mn|tn|[kmbKMB]|thousand|million|billion|trillion)?[- ]"
                r"(?P<noun>(?!" + _NOT_NOUNS + r"\b|" + _SCALE_WORDS + r")(?![a-z]+ed\b)[a-z]{3,})\b"),
     _money_adjective, lambda s: "$" in s or "£" in s or "€" in s),
    (re.compile(r"(?<![\d/.-])\b(10|[0-9])[-/](\d{1,3})\b(?![/.-]\d)"), r"\1 for \2",
     _about_cricket),  # cricket: wickets for runs, "6-174", "3/45"
    (re.compile(r"(?<=\d )(N|S|E|W|NE|NW|SE|SW)\.?(?= (?!(?:By|The|A|An|In|On|At|For|But|And|It|Its|This|That|"
                r"These|Those|He|She|They|We|I|As|If|When|While|With|From|So|Yet|Or|Nor)\b)[A-Z][a-z])"),
     lambda m: _DIRECTIONS[m.group(1)],
     re.compile(r"\d [NSEW]").search),  # "1225 N. Rampart St.", never "65 W. By contrast" (watts, then a sentence)
    # a house number before its street's name, said in pairs: "8777 Frederick Road" (eighty-seven seventy-seven),
    # "350 Fifth Ave." (three fifty); not a count ("in the 400 block of East 15th Avenue")
    (re.compile(r"(?<![\w$€£.,/-])([1-9]\d{2,3})(?= (?:(?:North|South|East|West|[NSEW]\.?) )?(?:[A-Z0-9][\w'’-]*\.? )"
                r"{1,3}(?:Road|Rd|Street|St|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|"
                r"Pkwy|Highway|Hwy|Terrace|Circle|Pike)\b)"), lambda m: _in_pairs(m.group(1)),
     re.compile(r"\d \w+\.? (?:\w+\.? ){0,3}(?:R[do]|St|Av|Bl|Dr|La|Ln|Way|Co|Ct|Pl|Pa|Pk|Hi|Hw|Te|Ci|Pi)").search),
]


_WORDS_ONLY = [_FEATURING, _VERSUS]  # the rules a text without digits can need: every other one matches a digit
_DIGIT = re.compile(r"\d")


def plain(text: str) -> str:
    """News shorthand rewritten to plain written forms (see the module docstring); other text unchanged."""
    for pattern, replacement, gate in _RULES if _DIGIT.search(text) else _WORDS_ONLY:
        if gate(text):
            text = pattern.sub(replacement, text)
    return text
