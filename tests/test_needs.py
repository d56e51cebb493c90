"""needs: the characters a pattern's every match holds, tested before the pattern runs."""
from __future__ import annotations

import json
import re

import pytest

from briefcast.segmenter.needs import needed_chars, needs_test


@pytest.mark.parametrize(
    "pattern, chars",
    [
        (r"(\d+)%", "%"),  # "40%"
        (r"&ᓴ&$", "&"),  # one of pySBD's placeholders
        (r"\[(?P<label>[^\]]*)\]\([^)]*\)", "["),  # a Markdown link: its first sign is enough
        (r"\s[-–—]+\s|--+|[–—]", "-–—"),  # every alternative needs one of them
        (r"(?:https?://)?pic\.twitter\.com/\w+", "/"),  # (an optional part needs nothing; "/" is rarer than "p")
        (r"\b(No|Nos|p|pp)\.\s*(?=\d)", "."),
        (r"(?<=Co)\.(?=\sKG)", "C"),  # what a lookbehind or lookahead sees is in the text, if not in the match
        (r"(?<=\w) @ (?=\w)", "@"),  # the rarer of two signs: "@", not a space
        (r"(?i)\band\s?/\s?or\b", "/"),  # case ignored: a sign has none ("and/or")
        (r"(?i)\btl;\s?dr\b", ";"),
        (r"(?i)\b(zip|post)(?-i:Z)", "Z"),  # case heeded again inside
    ],
)
def test_the_characters_every_match_holds(pattern: str, chars: str) -> None:
    assert needed_chars(pattern) == frozenset(chars)
    test = needs_test(pattern)
    assert test is not None and test(f"a {chars[0]} b") and not test("nothing here to see")


@pytest.mark.parametrize(
    "pattern",
    [r"\s+", r"\d+(?:,\d{3})*", r"a|\d", r"[^a-z]", r"(?i)kelvin", r"(?i:k)m?", r"(?<!x)y?"],
)
def test_no_test_where_a_match_needs_no_listed_character(pattern: str) -> None:
    """Categories, negated classes and lookarounds, and case ignored ("k" matches the Kelvin sign "\u212a")."""
    assert needs_test(pattern) is None


def test_a_sign_matches_only_itself_when_case_is_ignored() -> None:
    """What lets a pattern that ignores case need its signs and digits: no other character matches them."""
    signs = "".join(chr(c) for c in range(128) if not chr(c).isalpha())
    others = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    assert re.search("(?i)[" + re.escape(signs) + "]", others) is None


def test_a_refused_text_is_one_the_pattern_cannot_match(shared_data, raqqa_text: str) -> None:
    """Every pattern of speech normalisation and of pySBD's English rules, on every sentence of the sample and of
    the Golden Rules: where the test says no, the pattern finds nothing."""
    from pysbd.lang.english import English

    from briefcast.segmenter import speech
    from briefcast.segmenter.sentences import split_sentences

    rules = [getattr(English, name) for name in dir(English) if not name.startswith("_")]
    patterns = [rule.pattern for group in rules for rule in getattr(group, "All", [group]) if hasattr(rule, "pattern")]
    patterns += [rule[0].pattern for rule in speech._PASSES]
    texts = split_sentences(raqqa_text)
    for name in ("golden_rules_en.json", "golden_rules_en_pragmatic52.json"):
        texts += [case["text"] for case in json.loads((shared_data / name).read_text("utf-8"))]
    refused = 0
    for pattern in patterns:
        if (test := needs_test(pattern)) is None:
            continue
        for text in texts:
            if not test(text):
                refused += 1
                assert re.search(pattern, text) is None, (pattern, text)
    assert len(patterns) > 100 and refused > 10_000


def test_pysbd_sentences_are_its_own_with_its_passes_gated(shared_data) -> None:
    """The processor that gates pySBD's passes over each sentence gives pySBD's own sentences (Golden Rules)."""
    import pysbd

    from briefcast.segmenter import pysbd_english

    plain = pysbd.Segmenter(language="en", clean=False)
    ours = pysbd_english.Segmenter()
    assert ours.processor("A text.").__class__ is pysbd_english.Processor
    for name in ("golden_rules_en.json", "golden_rules_en_pragmatic52.json"):
        for case in json.loads((shared_data / name).read_text("utf-8")):
            assert ours.segment(case["text"]) == plain.segment(case["text"])


def test_a_list_markers_sign_is_in_every_text_where_its_search_finds_one(shared_data) -> None:
    """The sign looked for before each of pySBD's list-marker searches ("a.", "b)", "2. ", "3) ") is in every text
    where the search finds a marker: the Golden Rules, and lists written every way."""
    from briefcast.segmenter.pysbd_english import _MARKER_SIGNS

    texts = ["a. one b. two", "(a) one (b) two", "x a. b. c.", "Items: a) one, b) two.", "1. Go. 2. Stop.",
             "1) one 2) two", "i. first ii. second", "(iv) fourth", "a.b. c", "\ta. tabbed", "a.", "z)", "-3.) c",
             "⁃4. d", "In 2019. 1. First", "12. twelve"]
    for name in ("golden_rules_en.json", "golden_rules_en_pragmatic52.json"):
        texts += [case["text"] for case in json.loads((shared_data / name).read_text("utf-8"))]
    found = 0
    for regex, sign in _MARKER_SIGNS.items():
        for text in texts:
            if re.search(regex, text):
                found += 1
                assert sign(text), (regex, text)
    assert found > 20
