"""pySBD's English segmenter as briefcast calls it: the same sentences, with less regular-expression compiling.

pySBD builds a regular expression per abbreviation it meets (four shapes, the abbreviation written in) and leaves
them to `re`'s cache of 512 patterns, which news text overflows (over 600 with pySBD's fixed rules): the cache then
thrashes and recompiling takes a third of pySBD's time. Here English's `AbbreviationReplacer` (the class a pySBD
language gives for its own abbreviation rules) builds the same patterns and compiles each once; the fixed rules
stay with `re`, whose cache then holds them. pySBD also compiles a pattern of every sentence it returns, to find it
in the text: `Segmenter.sentences_with_char_spans` finds it with str.find instead. And pySBD runs some 100 patterns
over every piece it is given, whatever the piece holds: here each runs only where the characters its every match
needs are (`needs.needs_test`, and a sign for each of the list markers' searches), which leaves the text as it was
wherever it is skipped. Imported only when pySBD is used.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import pysbd
import pysbd.between_punctuation
import pysbd.lists_item_replacer
import pysbd.processor
from pysbd.exclamation_words import ExclamationWords
from pysbd.lang.english import English
from pysbd.utils import Rule, TextSpan

from .needs import needs_test

__all__ = ["Segmenter"]

_CACHED_PATTERNS = 4096  # abbreviation patterns kept compiled (news uses a few hundred; re keeps 512 of all kinds)


@lru_cache(maxsize=_CACHED_PATTERNS)
def _pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


class AbbreviationReplacer(English.AbbreviationReplacer):
    """English's abbreviation rules, pattern for pattern as pySBD 0.3.4 writes them, each pattern compiled once."""

    text: str

    def replace(self) -> str:
        """pySBD 0.3.4's, its patterns run only where the characters they need are (`_apply`, and a placeholder
        "∯" for the last step, a dotted abbreviation's ".x." for the one before)."""
        lang = self.lang
        self.text = _apply(self.text, lang.PossessiveAbbreviationRule, lang.KommanditgesellschaftRule,
                           *lang.SingleLetterAbbreviationRules.All)
        self.text = "".join(self.search_for_abbreviations_in_string(line) for line in self.text.splitlines(True))
        if _DOTTED_LETTERS.search(self.text):
            self.replace_multi_period_abbreviations()
        self.text = _apply(self.text, *lang.AmPmRules.All)
        if "∯" in self.text:
            self.text = self.replace_abbreviation_as_sentence_boundary()
        return self.text

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


# What pySBD's dotted abbreviations ("u.s.", case ignored) show: a letter between two full stops.
_DOTTED_LETTERS = re.compile(r"\.[^\W\d_]\.")

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

    def in_text(self, lowered: str, plain: bool) -> list[str]:
        """The abbreviations, in order, that `lowered` (a text lower-cased) holds where pySBD could replace the full
        stop after one. In a `plain` text (one whose letters fold to ASCII only as they lower-case), one without a
        full stop of its own only where a word starts with it and a full stop ("co." in "co. ltd", not "co-op"):
        pySBD's replacements are of a full stop right after it, at a word's start. The dotted ones wherever they
        are; in a text that is not plain, every one it holds."""
        if not plain:
            return [abbr for abbr in self.stripped if abbr in lowered]
        places = [i for i in self.dotted if self.stripped[i] in lowered]
        for word in set(lowered.split()):
            if "." in word and (i := self.place.get(word.partition(".")[0])) is not None:
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


def _apply(text: str, *rules: Rule) -> str:
    """`Text(text).apply(*rules)`, each rule's pattern compiled once and run only where the characters it needs
    are (needs.needs_test: a pattern that cannot match leaves the text as it is)."""
    for rule in rules:
        pattern, test = _compiled_rule(rule.pattern)
        if test is None or test(text):
            text = pattern.sub(rule.replacement, text)
    return text


@lru_cache(maxsize=_CACHED_PATTERNS)
def _compiled_rule(pattern: str) -> tuple[re.Pattern[str], Callable[[str], bool] | None]:
    return _pattern(pattern), needs_test(pattern)


class ListItemReplacer(pysbd.lists_item_replacer.ListItemReplacer):
    """pySBD's list markers ("1. ", "a) ", "(ii) "), looked for only in a text that holds the signs one needs: its
    seven searches a piece, whatever the piece held, were a fifth of pySBD's time."""

    text: str

    def scan_lists(self, regex1: str, regex2: str, replacement: str, strip: bool = False) -> None:
        if _MARKER_SIGNS[regex1](self.text):  # (else no marker is found and nothing is replaced)
            super().scan_lists(regex1, regex2, replacement, strip)

    def iterate_alphabet_array(self, regex: str, parens: bool = False, roman_numeral: bool = False) -> str:
        if not _MARKER_SIGNS[regex](self.text):
            return self.text
        return super().iterate_alphabet_array(regex, parens, roman_numeral)

    # pySBD's own, with its substitutions by `_apply` (run only where their sign is: "♨", "☝", "(")
    def format_numbered_list_with_periods(self) -> None:
        self.replace_periods_in_numbered_list()
        self.add_line_breaks_for_numbered_list_with_periods()
        self.text = _apply(self.text, self.SubstituteListPeriodRule)

    def format_numbered_list_with_parens(self) -> None:
        self.replace_parens_in_numbered_list()
        self.add_line_breaks_for_numbered_list_with_parens()
        self.text = _apply(self.text, self.ListMarkerRule)

    def replace_parens(self) -> str:
        return _apply(self.text, _ROMAN_IN_PARENTHESES)


_LISTS = pysbd.lists_item_replacer.ListItemReplacer
_ROMAN_IN_PARENTHESES = Rule(_LISTS.ROMAN_NUMERALS_IN_PARENTHESES, r"&✂&\1&⌬&")  # (ListItemReplacer.replace_parens)
# What a list marker's every match shows in the text: a number of one or two digits before ". " or ".)" ("2. ",
# "3.)"; not a year's "2019. "), a number before ") " ("2) "), a lone lower-case letter after a space before a full
# stop ("a."), a lower-case letter before a closing bracket ("b)", "(iv)"). The signs after a number or a letter
# start at the stop or the bracket and look behind it (re skips to a stop, but tried a lower-case letter or a
# lookbehind at nearly every position: 10x slower).
_MARKER_SIGNS: dict[str, Callable[[str], object]] = {
    _LISTS.NUMBERED_LIST_REGEX_1: re.compile(r"\.[\s)](?<=\d\.[\s)])(?<!\d\d\d\.[\s)])").search,
    _LISTS.NUMBERED_LIST_PARENS_REGEX: re.compile(r"\d\)\s").search,
    _LISTS.ALPHABETICAL_LIST_WITH_PERIODS: re.compile(r"\.(?<=(?<!\S)[a-z]\.)").search,
    _LISTS.ALPHABETICAL_LIST_WITH_PARENS: re.compile(r"\)(?<=[a-z]\))").search,
}


class BetweenPunctuation(pysbd.between_punctuation.BetweenPunctuation):
    """pySBD's stops inside quotations and brackets (not boundaries), each kind looked for only in a text that
    holds its opening sign: a piece holds few of the eight."""

    def sub_punctuation_between_quotes_and_parens(self, txt: str) -> str:
        for sign, sub in (("'", self.sub_punctuation_between_single_quotes),  # (pySBD's order)
                          ("‘", self.sub_punctuation_between_single_quote_slanted),
                          ('"', self.sub_punctuation_between_double_quotes),
                          ("[", self.sub_punctuation_between_square_brackets),
                          ("(", self.sub_punctuation_between_parens),
                          ("«", self.sub_punctuation_between_quotes_arrow),
                          ("--", self.sub_punctuation_between_em_dashes),
                          ("“", self.sub_punctuation_between_quotes_slanted)):
            if sign in txt:
                txt = sub(txt)
        return txt


# A stop before a footnote's number ("... in 2010.[3] The", "... the ball.2 Then"): a stop, then a bracket or a digit.
_NUMBERED_REFERENCE_SIGN = re.compile(r"[.∯][\[\d]")


class Processor(pysbd.processor.Processor):
    """pySBD's processor with its passes gated: the lists' markers (ListItemReplacer), runs of "!" and "?", stops
    before a footnote's number, and the patterns it applies
    to the text and to every sentence it found, each run only where the characters it needs are (`_apply`): 24
    patterns a sentence, most of them one of pySBD's placeholder signs ("∯", "♬", "&ᓴ&") that few sentences hold,
    were a third of its calls to re. The methods are pySBD 0.3.4's, their `Text(...).apply` made `_apply`."""

    text: str

    def process(self) -> list[str] | str:
        if not self.text:
            return self.text
        self.text = ListItemReplacer(self.text.replace("\n", "\r")).add_line_break()
        self.replace_abbreviations()
        self.text = _apply(self.text, *self.lang.Numbers.All)
        if "!" in self.text or "?" in self.text:  # ("!!!", "?!?")
            self.replace_continuous_punctuation()
        if _NUMBERED_REFERENCE_SIGN.search(self.text):
            self.replace_periods_before_numeric_references()
        self.text = _apply(self.text, self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
                           self.lang.GeoLocationRule, self.lang.FileFormatRule)
        return self.split_into_segments()

    def process_text(self, txt: str) -> list[str]:
        if txt[-1] not in self.lang.Punctuations:
            txt += "ȸ"
        txt = ExclamationWords.apply_rules(txt)
        txt = self.between_punctuation(txt)
        if not re.match(self.lang.DoublePunctuationRules.DoublePunctuation, txt):  # (only double punctuation)
            txt = _apply(txt, *self.lang.DoublePunctuationRules.All)
        txt = _apply(txt, self.lang.QuestionMarkInQuotationRule, *self.lang.ExclamationPointRules.All)
        txt = ListItemReplacer(txt).replace_parens()
        return self.sentence_boundary_punctuation(txt)

    def split_into_segments(self) -> list[str]:
        self.check_for_parens_between_quotes()
        sents = self.rm_none_flatten(self.text.split("\r"))
        sents = [_apply(s, self.lang.SingleNewLineRule, *self.lang.EllipsisRules.All) for s in sents]
        sents = self.rm_none_flatten([self.check_for_punctuation(s) for s in sents])
        postprocessed_sents: list[str] = []
        for sent in sents:
            sent = _apply(sent, *self.lang.SubSymbolsRules.All)
            post_process_sent = self.post_process_segments(sent)
            if post_process_sent and isinstance(post_process_sent, str):
                postprocessed_sents.append(post_process_sent)
            elif isinstance(post_process_sent, list):
                postprocessed_sents.extend(post_process_sent)
        return [_apply(ns, self.lang.SubSingleQuoteRule) for ns in postprocessed_sents]

    def check_for_parens_between_quotes(self) -> None:
        if "(" in self.text:  # (every match of its pattern holds one)
            super().check_for_parens_between_quotes()

    def sentence_boundary_punctuation(self, txt: str) -> list[str]:  # (English has no colon or comma rule for it)
        if "&ᓴ&" in txt:
            txt = re.sub(r"&ᓴ&$", "!", txt)
        return [m.group() for m in _SENTENCE_BOUNDARY.finditer(txt)]

    def post_process_segments(self, txt: str) -> str | list[str]:
        if len(txt) > 2 and _ONLY_LETTERS.search(txt):
            return txt
        txt = _apply(txt, *self.lang.ReinsertEllipsisRules.All)
        if _QUOTATION_AT_END.search(txt):
            return re.split(self.lang.SPLIT_SPACE_QUOTATION_AT_END_OF_SENTENCE_REGEX, txt)
        return txt.replace("\n", "").strip()


_ONLY_LETTERS = re.compile(r"\A[a-zA-Z]*\Z")
_SENTENCE_BOUNDARY = re.compile(English.SENTENCE_BOUNDARY_REGEX)  # (NewsEnglish's, as pySBD's English writes them)
_QUOTATION_AT_END = re.compile(English.QUOTATION_AT_END_OF_SENTENCE_REGEX)


class NewsEnglish(English):
    """pySBD's English, its abbreviations replaced by the class above and its processor by the gated one."""

    AbbreviationReplacer = AbbreviationReplacer
    BetweenPunctuation = BetweenPunctuation
    Processor = Processor


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
