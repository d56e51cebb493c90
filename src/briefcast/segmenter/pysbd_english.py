"""pySBD's English segmenter as briefcast calls it: the same sentences, with less regular-expression compiling.

pySBD builds a regular expression per abbreviation it meets (four shapes, the abbreviation written in) and leaves
them to `re`'s cache of 512 patterns, which news text overflows (over 600 with pySBD's fixed rules): the cache then
thrashes and recompiling takes a third of pySBD's time. Here English's `AbbreviationReplacer` (the class a pySBD
language gives for its own abbreviation rules) builds the same patterns and compiles each once; the fixed rules
stay with `re`, whose cache then holds them. pySBD also compiles a pattern of every sentence it returns, to find it
in the text: `Segmenter.sentences_with_char_spans` finds it with str.find instead. Imported only when pySBD is used.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pysbd
from pysbd.lang.english import English
from pysbd.utils import TextSpan

__all__ = ["Segmenter"]

_CACHED_PATTERNS = 4096  # abbreviation patterns kept compiled (news uses a few hundred; re keeps 512 of all kinds)


@lru_cache(maxsize=_CACHED_PATTERNS)
def _pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


class AbbreviationReplacer(English.AbbreviationReplacer):
    """English's abbreviation rules, pattern for pattern as pySBD 0.3.4 writes them, each pattern compiled once."""

    def search_for_abbreviations_in_string(self, text: str) -> str:
        lowered = text.lower()
        plain = not any(ch in text for ch in _FOLDS_TO_ASCII)
        braced = "{" in text
        for stripped in _ABBREVIATIONS.in_text(lowered, plain):
            found = _pattern(rf"(?:^|\s|\r|\n){stripped}", re.IGNORECASE).findall(text)
            if not found:
                continue
            # (pySBD's pattern asks for the abbreviation in literal braces: "{abbr} ")
            char_array = _pattern(r"(?<={" + str(re.escape(stripped)) + "} ).{1}").findall(text) if braced else []
            for ind, match in enumerate(found):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text

    def scan_for_replacements(self, txt: str, am: str, ind: int, char_array: list[str]) -> str:
        char = char_array[ind] if ind < len(char_array) else ""
        abbr_as_written = am.strip()
        abbr = abbr_as_written.lower()
        prepositive = abbr in self.lang.Abbreviation.PREPOSITIVE_ABBREVIATIONS
        if str(char).isupper() and not prepositive:
            return txt
        if prepositive:
            return _replace_after(txt, abbr_as_written, r"(?<=\s{abbr})\.(?=(\s|:\d+))")
        if abbr in self.lang.Abbreviation.NUMBER_ABBREVIATIONS:
            return _replace_after(txt, abbr_as_written, r"(?<=\s{abbr})\.(?=(\s\d|\s+\())")
        return self.replace_period_of_abbr(txt, am)

    def replace_period_of_abbr(self, txt: str, abbr: str) -> str:
        return _replace_after(txt, re.escape(abbr.strip()),
                              r"(?<=\s{abbr})\.(?=((\.|\:|-|\?|,)|(\s([a-z]|I\s|I'm|I'll|\d|\())))")


# Characters that match an ASCII letter when case is ignored but do not lower-case to it (Kelvin sign, long s,
# dotted and dotless i): without them, a word of ASCII letters matches case-insensitively where the lower-cased text
# holds it.
_FOLDS_TO_ASCII = "\u212a\u017f\u0130\u0131"


class _Abbreviations:
    """English's abbreviations (stripped, in pySBD's order), indexed to find those a text holds."""

    def __init__(self, abbreviations: list[str]) -> None:
        self.stripped = [abbr.strip() for abbr in abbreviations]
        self.dotted = [i for i, abbr in enumerate(self.stripped) if "." in abbr]
        self.place = {abbr: i for i, abbr in enumerate(self.stripped) if "." not in abbr}
        self.prefixes = frozenset(abbr[:k] for abbr in self.place for k in range(1, len(abbr) + 1))
        self.longest = max(map(len, self.place))

    def in_text(self, lowered: str, plain: bool) -> list[str]:
        """The abbreviations, in order, that `lowered` (a text lower-cased) holds. In a `plain` text (one whose
        letters fold to ASCII only as they lower-case), one without a full stop only where a word starts with it:
        elsewhere `(?:^|\\s)abbr` would find nothing. Each word's prefixes are looked up, not each abbreviation."""
        if not plain:
            return [abbr for abbr in self.stripped if abbr in lowered]
        places = [i for i in self.dotted if self.stripped[i] in lowered]
        for word in set(lowered.split()):
            for k in range(1, min(len(word), self.longest) + 1):
                if word[:k] not in self.prefixes:
                    break
                if (i := self.place.get(word[:k])) is not None:
                    places.append(i)
        return [self.stripped[i] for i in sorted(set(places))]


_ABBREVIATIONS = _Abbreviations(English.Abbreviation.ABBREVIATIONS)  # (NewsEnglish's, as AbbreviationReplacer's)


def _replace_after(txt: str, abbr: str, shape: str) -> str:
    """The full stops after `abbr` (a pattern) that `shape` picks out, marked "∯" (not a boundary). A space is put
    before the text while matching, for a lookbehind at its start. An abbreviation of letters that the text never
    writes with a full stop after it leaves the text as it is (most of those found: "is", "me", "co")."""
    if abbr.isalnum() and abbr + "." not in txt:
        return txt
    return _pattern(shape.format(abbr=abbr)).sub("∯", " " + txt)[1:]


class NewsEnglish(English):
    """pySBD's English, its abbreviations replaced by the class above."""

    AbbreviationReplacer = AbbreviationReplacer


class Segmenter(pysbd.Segmenter):
    """pySBD's English segmenter (non-destructive, not cleaning) with NewsEnglish's rules: the same sentences."""

    def __init__(self) -> None:
        super().__init__(language="en", clean=False)
        self.language_module = NewsEnglish

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        if not all(sentences):
            return super().sentences_with_char_spans(sentences)
        return char_spans(sentences, self.original_text)


def char_spans(sentences: list[str], text: str) -> list[TextSpan]:
    r"""Each sentence's first occurrence (with the whitespace after it) that ends past the previous one's end, as
    pySBD's `re.finditer(re.escape(sentence) + r"\s*", text)` finds it; a sentence not found is left out."""
    spans, prior = [], 0
    for sent in sentences:
        pos = 0
        while (start := text.find(sent, pos)) >= 0:
            end = start + len(sent)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior:
                spans.append(TextSpan(text[start:end], start, end))
                prior = end
                break
            pos = end
    return spans
