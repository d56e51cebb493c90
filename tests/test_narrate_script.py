"""The parts of narration that need no speech engine: the spoken intro and outro, output names, and metering the
mp3 while it is encoded (ffmpeg only). Fast; the engine-driven tests are in test_narrate.py."""
from __future__ import annotations

import pytest

from briefcast.document import Article, Paragraph, Section, Sentence, Source
from briefcast.names import safe_stem
from briefcast.narrate import NarrateOptions
from briefcast.narrate.script import build_script, render_template, template_fields
from briefcast.segmenter.parse import read_article


def small_article() -> Article:
    return Article(
        title="Test Briefing: Rivers", byline="Desk", publisher="Review", published="2024-03-14",
        source=Source("Harbour Desk", "2024-03-13"), credits={"voiceover": "Maya Okafor"},
        sections=[Section(None, [Paragraph([Sentence("The river rose.", "The river rose."),
                                            Sentence("The barrier held.", "The barrier held.")])]),
                  Section("Next", [Paragraph([Sentence("A review follows.", "A review follows.")])])])


def test_intro_and_outro_templates_drop_what_the_article_does_not_say():
    fields = template_fields(small_article())
    assert render_template("[From {publisher}][, {published_spoken}]. [{title}.] [By {byline}.]", fields) == \
        "From Review, March fourteenth, twenty twenty four. Test Briefing: Rivers. By Desk."
    bare = template_fields(Article(title="Only a title"))
    assert render_template("[From {publisher}][, {published_spoken}]. [{title}.] [By {byline}.]", bare) == \
        "Only a title."
    assert render_template("[{credits}.] [Originally published by {source_name}[ on {source_published_spoken}].]",
                           fields) == ("Voiceover by Maya Okafor. Originally published by Harbour Desk on "
                                       "March thirteenth, twenty twenty four.")


def test_the_raqqa_outro_reads_like_the_issue_says(raqqa_path):
    script = build_script(read_article(raqqa_path), NarrateOptions())
    intro = [u.text for u in script.utterances if u.kind == "intro"]
    outro = [u.text for u in script.utterances if u.kind == "outro"]
    assert intro[0] == "From Global Research, June tenth, twenty seventeen."
    assert intro[-1] == "By South Front."
    assert outro == ["Voiceover by Lance Ramsay.",
                     "Originally published by South Front on June ninth, twenty seventeen."]


@pytest.mark.parametrize("title, stem", [
    ("Video: Syrian Army Advancing in Raqqa Province", "Video-Syrian-Army-Advancing-in-Raqqa-Province"),
    ("../../etc/passwd", "etc-passwd"), ("-rf /", "rf"), ("", "briefing"), ("CON", "briefing"),
    ("Ünïcödé—title", "Unicode-title"),
])
def test_output_names_from_titles_are_safe(title, stem):
    assert safe_stem(title) == stem
    assert len(safe_stem("word " * 100)) <= 80


def test_metering_while_encoding_writes_the_same_file_and_figures(shared_data, tmp_path):
    from briefcast.narrate import encode

    speech = encode.decode(shared_data / "speech" / "jfk" / "jfk.flac", 22050)
    options = NarrateOptions()
    figures = encode.encode_measured(speech, 22050, tmp_path / "metered while encoding.mp3", options)
    encode.encode(speech, 22050, tmp_path / "plain.mp3", options)
    assert (tmp_path / "metered while encoding.mp3").read_bytes() == (tmp_path / "plain.mp3").read_bytes()
    assert figures == encode.measure(tmp_path / "plain.mp3")
    assert -40 < figures[0] < -10 and figures[1] < 0
    one_at_a_time = encode.encode_measured(speech, 22050, tmp_path / "one.mp3", NarrateOptions(jobs=1))
    assert one_at_a_time == figures
