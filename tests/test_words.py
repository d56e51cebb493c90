"""Printed words timed from spoken ones (narration's word times), and word timestamps inside WebVTT cues."""
from __future__ import annotations

import re

from briefcast.document import Article, Paragraph, Section, Sentence, Word
from briefcast.segmenter.words import timed_words
from briefcast.writers import get_writer


def test_a_printed_word_said_as_several_spoken_words_spans_them_all():
    """'$4 billion' is said 'four billion dollars': '$4' spans all three, 'billion' follows inside it."""
    said = [("It", (1.0, 1.1)), ("cost", (1.2, 1.5)), ("four", (1.6, 1.8)), ("billion", (1.8, 2.1)),
            ("dollars", (2.1, 2.5)), ("—", None), ("in", (2.9, 3.0)), ("nineteen", (3.0, 3.4)),
            ("sixty-one.", (3.4, 3.9))]
    words = timed_words("It cost $4 billion — in 1961.", said, 1.0)
    assert [(w.text, w.start, w.end) for w in words] == [
        ("It", 1.0, 1.1), ("cost", 1.2, 1.5), ("$4", 1.6, 2.5), ("billion", 2.5, 2.5), ("—", 2.5, 2.5),
        ("in", 2.9, 3.0), ("1961.", 3.0, 3.9)]


def test_one_spoken_run_for_two_printed_words_is_shared_by_length():
    words = timed_words("twenty-four members", [("twenty-four", (0.0, 1.0)), ("members", (1.0, 1.5))], 0.0)
    assert [(w.text, w.start, w.end) for w in words] == [("twenty-four", 0.0, 1.0), ("members", 1.0, 1.5)]
    words = timed_words("20 4", [("twenty-four", (0.0, 1.0))], 0.0)
    assert [w.text for w in words] == ["20", "4"] and words[0].end == words[1].start == 0.6


def test_webvtt_cues_carry_each_words_start_after_the_first():
    sentence = Sentence("The barrier held.", start=1.0, end=2.5,
                        words=[Word("The", 1.0, 1.2), Word("barrier", 1.25, 1.8), Word("held.", 1.9, 2.5)])
    vtt = get_writer("vtt").render(Article(sections=[Section(paragraphs=[Paragraph([sentence])])]))
    assert "00:00:01.000 --> 00:00:02.500\nThe <00:00:01.250>barrier <00:00:01.900>held." in vtt
    untimed = Sentence("The barrier held.", start=1.0, end=2.5)
    vtt = get_writer("vtt").render(Article(sections=[Section(paragraphs=[Paragraph([untimed])])]))
    assert not re.search(r"<\d\d:", vtt) and "The barrier held." in vtt
