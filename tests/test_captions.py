"""Subtitles caption everything that is spoken (intro, headings, body, outro); the Article sidecar keeps the body."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcast.cli import main
from briefcast.document import Article
from briefcast.narrate import NarrateOptions, narrate
from briefcast.narrate.script import build_script
from briefcast.narrate.tags import spoken_captions
from briefcast.writers import get_writer
from test_narrate_script import small_article

ARTICLE = ("Harbour Ferry Returns\n\nBy Jane Doe\n\nThe harbour ferry sailed again on Monday. "
           "Crews repaired the ramp overnight.\n")


def laid_out(article: Article, options: NarrateOptions) -> tuple[Article, list[tuple[float, float]]]:
    """The article with made-up times: each utterance one second long, half a second apart (as the mixer lays out
    real clips), its body sentences timed the same way."""
    script = build_script(article, options)
    spans = [(1.5 * i, 1.5 * i + 1.0) for i in range(len(script.utterances))]
    for u, (start, end) in zip(script.utterances, spans):
        if u.sentence is not None:
            s = article.sentences[u.sentence]
            s.start = start if s.start is None else s.start
            s.end = end
    return spoken_captions(article, script, spans), spans


def test_captions_hold_the_intro_heading_body_and_outro_as_written_in_spoken_order():
    captions, spans = laid_out(small_article(), NarrateOptions())
    assert [s.text for s in captions.sentences] == [
        "From Review, March fourteenth, twenty twenty four.", "Test Briefing: Rivers.", "By Desk.",
        "The river rose.", "The barrier held.", "Next", "A review follows.", "Voiceover by Maya Okafor.",
        "Originally published by Harbour Desk on March thirteenth, twenty twenty four."]
    assert [(s.start, s.end) for s in captions.sentences] == spans
    bare, _ = laid_out(small_article(), NarrateOptions(intro=False, outro=False))
    assert [s.text for s in bare.sentences] == [
        "The river rose.", "The barrier held.", "Next", "A review follows."]


def test_a_long_intro_line_said_in_pieces_is_one_caption_line_over_all_of_them():
    article = small_article()
    article.title = "Floods, " * 80 + "and a barrier"  # 650 characters: said in clause-sized pieces
    options = NarrateOptions(outro=False)
    script = build_script(article, options)
    pieces = [u for u in script.utterances if u.kind == "intro" and u.shown.startswith("Floods")]
    assert len(pieces) > 1
    captions, spans = laid_out(article, options)
    title = next(s for s in captions.sentences if s.text.startswith("Floods"))
    first = script.utterances.index(pieces[0])
    assert (title.start, title.end) == (spans[first][0], spans[first + len(pieces) - 1][1])
    assert title.text == article.title + "."


def srt_cues(path: Path) -> list[tuple[float, float, str]]:
    """(start s, end s, text) of every cue of an SRT file."""
    def seconds(stamp: str) -> float:
        h, m, s = stamp.replace(",", ".").split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    cues = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.splitlines()
        timing = re.fullmatch(r"(\S+) --> (\S+)", lines[1])
        assert timing, block
        start, end = timing.groups()
        cues.append((seconds(start), seconds(end), " ".join(lines[2:])))
    return cues


@pytest.mark.slow
def test_a_narration_captions_its_intro_and_outro_and_the_json_keeps_the_body(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFCAST_CACHE_DIR", str(tmp_path / "cache"))
    article = small_article()
    options = NarrateOptions(engine="pyttsx3", subtitles=("srt", "vtt", "json"))
    result = narrate(article, tmp_path / "b.mp3", options=options)
    cues = srt_cues(result.sidecars["srt"])
    assert cues[0][2] == "From Review, March fourteenth, twenty twenty four."
    assert cues[-1][2].endswith("March thirteenth, twenty twenty four.")
    assert "Voiceover by Maya Okafor." in [c[2] for c in cues]
    assert all(0 <= a < b <= result.duration + 0.001 for a, b, _ in cues)
    assert all(b1 <= a2 for (_, b1, _), (a2, _, _) in zip(cues, cues[1:]))
    body = [s.start for s in result.article.sentences]
    assert cues[0][0] < min(body) and cues[-1][0] > max(body)  # the intro before the body, the outro after
    vtt = result.sidecars["vtt"].read_text(encoding="utf-8")
    assert "From Review, March fourteenth" in vtt and "Originally published by Harbour Desk" in vtt
    timed = Article.from_json(result.sidecars["json"].read_text(encoding="utf-8"))
    assert [s.text for s in timed.sentences] == [s.text for s in article.sentences]  # the body, as it was
    body = {s.text for s in article.sentences}
    assert [(s.start, s.end, s.text) for s in timed.narration] == [c for c in cues if c[2] not in body]  # the rest
    assert get_writer("srt").render(timed).count(" --> ") < len(cues)


@pytest.mark.slow
def test_no_intro_and_no_outro_drop_their_captions(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFCAST_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["narrate", "a.txt", "-o", "a.mp3", "--engine", "pyttsx3", "--subtitles",
                                       "srt", "--no-intro", "--no-outro", "-q"])
    assert result.exit_code == 0, result.stderr
    assert [c[2] for c in srt_cues(tmp_path / "a.srt")] == [
        "The harbour ferry sailed again on Monday.", "Crews repaired the ramp overnight."]
    result = CliRunner().invoke(main, ["narrate", "a.txt", "-o", "b.mp3", "--engine", "pyttsx3", "--subtitles",
                                       "srt", "--no-outro", "-q"])
    assert result.exit_code == 0, result.stderr
    texts = [c[2] for c in srt_cues(tmp_path / "b.srt")]
    assert texts[0] == "Harbour Ferry Returns." and texts[-1] == "Crews repaired the ramp overnight."
