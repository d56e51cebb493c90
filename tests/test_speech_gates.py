"""Each speech pass runs only when its gate allows: a gate must hold wherever its pattern would match, or the pass
is skipped where it should have spoken (speech.speak, newsprint.plain). Checked on real news text. (Cricket
figures are read only in a sentence about cricket: that gate is a condition of meaning, not a shortcut.)"""
from __future__ import annotations

import json

import pytest

from briefcast.segmenter import newsprint, speech
from briefcast.segmenter.sentences import split_sentences


@pytest.fixture(scope="module")
def news_sentences(shared_data):
    """The sentences of the scrapinghub gold article bodies (about 90 KB of real news)."""
    truth = json.loads((shared_data / "articles" / "scrapinghub_aeb" / "ground-truth.json").read_text("utf-8"))
    return [s for page in truth.values() for s in split_sentences(page.get("articleBody") or "")]


def test_each_gate_holds_wherever_its_pass_would_change_the_text(news_sentences):
    missed: list[str] = []
    for text in news_sentences:
        for pattern, replacement, gate in newsprint._RULES:
            if gate is not newsprint._about_cricket and not gate(text) and pattern.sub(replacement, text) != text:
                missed.append(f"plain {pattern.pattern[:50]!r}: {text[:80]!r}")
            elif gate(text):
                text = pattern.sub(replacement, text)
        digits = speech._DIGIT.search(text) is not None
        for pattern, replacement, needs_digit, gate in speech._PASSES:
            if needs_digit and not digits:
                continue
            changed = pattern.sub(replacement, text)
            if gate is not None and not gate(text):
                if changed != text:
                    missed.append(f"speak {pattern.pattern[:50]!r}: {text[:80]!r}")
                continue
            text = changed
    assert not missed, missed[:5]
    assert len(news_sentences) > 500


def test_gates_let_the_passes_they_guard_run():
    assert speech.speak("Sales rose 5m this year.") == "Sales rose five million this year."
    assert speech.speak("He was born on the 3rd of May.") == "He was born on the third of May."
    said = speech.speak("Rep. Ilhan Omar, D-Minn., spoke.")
    assert said == "Representative Ilhan Omar, Democrat of Minnesota, spoke."
    assert speech.speak("Call 555.555.5555 (ext. 2) now.").startswith("Call five five five, five five five")


def test_a_text_without_digits_needs_only_the_words_only_rules(news_sentences):
    """newsprint.plain runs only _WORDS_ONLY on a text without digits: every other rule leaves such a text as it is
    (and so do the speech passes that need a digit)."""
    worded = [s for s in news_sentences if not speech._DIGIT.search(s)]
    worded += ["Only One (Ft. Stevie Wonder)", "a $ firm", "No. Ten", "the nineties"]
    for text in worded:
        for rule in newsprint._RULES:
            pattern, replacement, _ = rule
            if rule not in newsprint._WORDS_ONLY:
                assert pattern.sub(replacement, text) == text, (pattern.pattern[:50], text)
        for pattern, replacement, needs_digit, _ in speech._PASSES:
            if needs_digit:
                assert pattern.sub(replacement, text) == text, (pattern.pattern[:50], text)
    assert newsprint.plain("Only One (Ft. Stevie Wonder)") == "Only One (featuring Stevie Wonder)"
    assert len(worded) > 300


def test_the_roman_numeral_pass_waits_for_a_word_of_numeral_letters():
    """"Chapter IV" is said "Chapter four"; a sentence whose capitals only start words ("Mark", "London") is not
    searched for one."""
    gate = next(rule[3] for rule in speech._PASSES if rule[1] is speech._numbered)
    assert gate is not None
    assert not gate("Mark Davis met Chris Lee in London on Monday.")
    assert gate("Read Chapter IV first.") and gate("And then I left.")
    assert speech.speak("Read Chapter IV first.") == "Read Chapter four first."


def test_each_pass_knows_the_characters_its_matches_need():
    """speak skips a pass whose needed characters (read from its pattern) the text lacks, before its gate: a Markdown
    image needs a "!", a percent sign a "%"; a pass with no short list of them (the numbers) has None."""
    needs = {pattern.pattern: chars for pattern, _, chars, _ in speech._ALL_RUNS}
    assert needs[r"!\[[^\]]*\]\([^)]*\)"] == frozenset("!")
    assert needs["%"] == frozenset("%")
    assert needs[r"\d+(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+"] is None
    assert all(chars is None or chars for _, _, chars, _ in speech._WORD_RUNS)
    assert speech.speak("![a chart](chart.png) Sales rose 5%.") == "Sales rose five percent."


def test_gates_look_for_the_words_their_passes_say():
    """A title's pass waits for "Mr.", "Mrs." or "Ms." (not any capital M), a page's for "p." or "No." before a
    figure (not any full stop), a negative number word's for a hyphen before it (not any hyphen), a king's numeral
    for a word of numeral letters (not any capital I, V or X after a space)."""
    def gate(start: str):  # the gate of the pass whose pattern starts so
        return next(rule[3] for rule in speech._PASSES if rule[0].pattern.startswith(start))

    title, page, minus = gate(r"\b(Mr|Mrs|Ms)\."), gate(r"\b(No|Nos|p|pp)\."), gate(r"(?<![\w.-])-(?=(?:zero")
    assert not title("Mark Davis met Chris Lee in May.") and title("Mr. Lee left.")
    assert not page("It cost 3.5 dollars. Then 4.") and page("See p. 5 and pp.6.")
    assert not minus("A well-known two-way street.") and minus("It fell to -five.")
    assert speech.speak("Mr. Lee read p. 5.") == "Mister Lee read page five."
    regnal = gate(r"\b([A-Z][a-z]+)\s+(?!I\b")  # a king's numeral: a word of numeral letters, not "I" or "X" alone
    assert not regnal("I met Mark Xu in Vienna, as I said.") and regnal("Charles III and Henry V.")
    assert speech.speak("Charles III and Henry V met.") == "Charles the third and Henry the fifth met."
