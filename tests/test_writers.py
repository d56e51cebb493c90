"""Writers keyed by format, and subtitle cues shaped for reading."""
from __future__ import annotations

import json

import pytest

from briefcast.document import Article, Paragraph, Section, Sentence, Word
from briefcast.errors import UsageError
from briefcast.timecode import timecode
from briefcast.writers import WRITERS, format_names, get_writer, write
from briefcast.writers.subtitles import MAX_LINE, MAX_LINES, article_cues
from briefcast.writers.text import Writer

LONG = ("In the province of Raqqa, the Syrian Army's Tiger Forces reached the area controlled by the US-backed "
        "Syrian Democratic Forces (SDF) west of Tabqa after liberating about two dozens of villages.")


def timed_article() -> Article:
    first = Sentence("ISIS terrorists have lost large chunks of territory.", "", 0.5, 3.0)
    second = Sentence(LONG, "", 3.4, 14.0)
    words = [Word(w, 15.0 + i * 0.3, 15.0 + i * 0.3 + 0.25) for i, w in enumerate("Voiceover by Lance Ramsay.".split())]
    third = Sentence("Voiceover by Lance Ramsay.", "", 15.0, 16.15, words)
    return Article(title="Raqqa", byline="South Front", published="2017-06-10",
                   sections=[Section(None, [Paragraph([first, second])]), Section("Credits", [Paragraph([third])])])


def test_every_cue_has_at_most_two_lines_of_at_most_42_characters():
    cues = article_cues(timed_article())
    assert len(cues) >= 4
    for cue in cues:
        assert 1 <= len(cue.lines) <= MAX_LINES
        assert all(len(line) <= MAX_LINE for line in cue.lines)


def test_cues_cover_sentences_in_order_without_overlap():
    cues = article_cues(timed_article())
    assert cues[0].start == 0.5 and cues[-1].end == 16.15
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
    text = " ".join(" ".join(c.lines) for c in cues)
    assert text == " ".join(s.text for s in timed_article().sentences)


def test_srt_and_vtt_render_clock_times():
    srt = get_writer("srt").render(timed_article())
    assert srt.startswith("1\n00:00:00,500 --> ")
    vtt = get_writer("vtt").render(timed_article())
    assert vtt.startswith("WEBVTT\n\n00:00:00.500 --> ")
    assert "00:00:15.000 --> 00:00:16.150\nVoiceover <00:00:15.300>by <00:00:15.600>Lance <00:00:15.900>Ramsay." in vtt


def test_cue_text_is_escaped_for_each_format():
    tricky = Sentence("Q&A: 3 < 4 --> yes", "", 1.0, 2.0)
    article = Article(sections=[Section(None, [Paragraph([tricky])])])
    vtt = get_writer("vtt").render(article)
    assert vtt == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nQ&amp;A: 3 &lt; 4 --&gt; yes\n"
    srt = get_writer("srt").render(article)
    assert srt == "1\n00:00:01,000 --> 00:00:02,000\nQ&A: 3 < 4 -> yes\n"
    assert [line.count("-->") for line in srt.splitlines()] == [0, 1, 0]


@pytest.mark.parametrize(("seconds", "kwargs", "expected"), [
    (0.5, {"fraction": ","}, "00:00:00,500"),
    (3661.0005, {"fraction": "."}, "01:01:01.000"),
    (59.9996, {"fraction": "."}, "00:01:00.000"),
    (-2.0, {}, "00:00:00"),
    (5399.6, {}, "01:30:00"),
    (75, {"compact": True}, "01:15"),
    (3725, {"compact": True}, "1:02:05"),
])
def test_one_timecode_formatter(seconds, kwargs, expected):
    assert timecode(seconds, **kwargs) == expected


def test_markdown_has_title_metadata_sections_and_optional_timestamps():
    md = get_writer("md", timestamps=True).render(timed_article())
    assert md.startswith("# Raqqa\n\n- By South Front\n- Published: 2017-06-10\n")
    assert "## Credits" in md and "[00:00] ISIS terrorists" in md and "[00:15] Voiceover" in md
    assert "[00:" not in get_writer("md").render(timed_article())


def test_text_is_the_body_only_and_json_round_trips(tmp_path):
    article = timed_article()
    assert get_writer("text").render(article).split("\n\n")[0].startswith("ISIS terrorists")
    out = write(article, tmp_path / "a.json")
    assert Article.from_dict(json.loads(out.read_text())) == article


def test_format_lists_expand_all_and_reject_unknown_names():
    assert format_names("srt, vtt,srt") == ["srt", "vtt"]
    assert format_names("all") == ["md", "txt", "json", "srt", "vtt"]
    with pytest.raises(UsageError, match="unknown format 'docx'"):
        format_names("md,docx")


# --- one table of formats -----------------------------------------------------------------------------------------

class RstWriter(Writer):
    """A format that is not briefcast's: one class and one table entry make every command write it."""

    name = extension = "rst"
    suffixes = (".rst",)
    summary = "reStructuredText"

    def render(self, article: Article) -> str:
        return f"{article.title}\n{'=' * len(article.title or '')}\n\n{article.body_text}\n"


def test_a_writer_added_to_the_table_is_written_by_segment_transcribe_and_batch(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from briefcast.batch.tasks import Job, run_job
    from briefcast.cli import main

    src = tmp_path / "flood.md"
    src.write_text("# Flood Barrier Holds\n\nThe barrier closed on Wednesday.\n", encoding="utf-8")
    talk = ["transcribe", str(tmp_path / "missing.mp3"), "-o", str(tmp_path / "talk.rst")]
    assert "unknown extension '.rst'" in CliRunner().invoke(main, talk).output  # not in the table yet

    monkeypatch.setitem(WRITERS, "rst", RstWriter)
    result = CliRunner().invoke(main, ["segment", str(src), "-o", str(tmp_path / "flood.rst")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "flood.rst").read_text(encoding="utf-8").startswith("Flood Barrier Holds\n===")
    assert "unknown extension" not in CliRunner().invoke(main, talk).output  # -o talk.rst now plans an rst

    out = tmp_path / "out"
    out.mkdir()
    assert format_names("md,rst") == ["md", "rst"]  # batch -t reads the same table
    done = run_job(Job(str(src), "segment", str(out), "flood", text_formats=("md", "rst")))
    assert done.status == "done", done.error
    assert sorted(p.name for p in out.iterdir()) == ["flood.md", "flood.rst"]


def test_all_and_the_untimed_formats_come_from_the_table():
    from briefcast.segmented import SEGMENT_FORMATS
    from briefcast.writers import ALL, untimed_names

    assert ALL == ("md", "txt", "json", "srt", "vtt")
    assert untimed_names() == ("md", "txt", "json", "script")
    assert {"md", "txt", "text", "json", "script", "sentences"} <= set(SEGMENT_FORMATS)
    assert not {"srt", "vtt"} & set(SEGMENT_FORMATS)  # an article read from text has no times
