"""The pause grammar: each rendered silence reads back as its own level, with room for speech's own variation."""
from __future__ import annotations

import pytest

from briefcast.segmenter.pauses import DEFAULT_GRAMMAR, Break, PauseGrammar


@pytest.mark.parametrize("level", list(Break))
def test_rendered_silence_reads_back_as_its_level(level):
    assert DEFAULT_GRAMMAR.classify(DEFAULT_GRAMMAR.silence(level)) == level


@pytest.mark.parametrize("level", list(Break))
def test_inverse_tolerates_a_quarter_either_way(level):
    silence = DEFAULT_GRAMMAR.silence(level)
    assert DEFAULT_GRAMMAR.classify(silence * 0.75) == level
    assert DEFAULT_GRAMMAR.classify(silence * 1.25) == level


def test_levels_are_ordered_and_tiny_gaps_are_sentence_breaks():
    silences = [DEFAULT_GRAMMAR.silence(b) for b in Break]
    assert silences == sorted(silences)
    assert DEFAULT_GRAMMAR.classify(0.0) == Break.SENTENCE
    assert DEFAULT_GRAMMAR.classify(60.0) == Break.STORY


def test_scale_stretches_the_grammar_for_slow_speakers():
    grammar = PauseGrammar()
    assert grammar.classify(1.0) == Break.PARAGRAPH
    assert grammar.classify(1.0, scale=2.0) == Break.SENTENCE
