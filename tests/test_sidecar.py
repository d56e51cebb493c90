"""Downloaded videos: yt-dlp's info.json and .description, and the container's tags and chapters, on the Article."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from briefcast.document import Article, Word
from briefcast.segmenter.assemble import assemble
from briefcast.transcribe.sidecar import (
    PROMPT_CHARS,
    Chapter,
    apply_metadata,
    chapter_sections,
    description_credits,
    priming_prompt,
    proper_nouns,
    read_metadata,
)

DESCRIPTION = """Syrian Democratic Forces advance on Raqqa as the battle for Tabqa dam ends.

The SDF, backed by the US-led coalition, took the Tabqa dam from the Islamic State group on Wednesday.

Voiceover by Jane Doe | Edited by: John Roe
Music: Kevin MacLeod
Subscribe for more: https://example.org/subscribe"""

INFO = {
    "id": "abc123", "title": "Raqqa offensive: the battle for Tabqa", "fulltitle": "Raqqa offensive",
    "uploader": "Frontline Uploads", "channel": "Frontline News", "upload_date": "20170512",
    "webpage_url": "https://video.example.org/watch?v=abc123", "description": DESCRIPTION,
    "tags": ["Raqqa", "Tabqa", "SDF", "Syria"], "categories": ["News & Politics"], "duration": 12,
    "chapters": [{"start_time": 0.0, "end_time": 6.0, "title": "The dam"},
                 {"start_time": 6.0, "end_time": 12.0, "title": "Towards Raqqa"}],
}

FFMETADATA = """;FFMETADATA1
title=Embedded title
artist=Embedded Artist
date=20160101
comment=https://embedded.example.org/v/1
description=An embedded description. Narrated by Sam Poe.

[CHAPTER]
TIMEBASE=1/1000
START=0
END=4000
title=Opening

[CHAPTER]
TIMEBASE=1/1000
START=4000
END=12000
title=The rest
"""


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


@pytest.fixture
def video(tmp_path: Path) -> Path:
    """A 12 s mp4 as yt-dlp --embed-metadata --embed-chapters leaves it: tags and two chapters in the container."""
    meta = tmp_path / "meta.txt"
    meta.write_text(FFMETADATA, encoding="utf-8")
    out = tmp_path / "Raqqa offensive [abc123].mp4"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:sample_rate=16000:duration=12", "-i", str(meta),
           "-map_metadata", "1", "-map_chapters", "1", "-c:a", "aac", str(out))
    return out


def timed(sentences: list[tuple[float, str]]) -> list[Word]:
    """Words 0.3 s each for sentences starting at the given times."""
    words = []
    for start, sentence in sentences:
        for i, w in enumerate(sentence.split()):
            words.append(Word(w, start + 0.3 * i, start + 0.3 * i + 0.28, 0.9))
    return words


def test_embedded_tags_and_chapters_are_read(video: Path):
    meta = read_metadata(video)
    assert (meta.title, meta.byline, meta.published, meta.url) == (
        "Embedded title", "Embedded Artist", "2016-01-01", "https://embedded.example.org/v/1")
    assert [(c.start, c.title) for c in meta.chapters] == [(0.0, "Opening"), (4.0, "The rest")]
    assert meta.credits == {"narration": "Sam Poe"}
    assert set(meta.origin.values()) == {"tags"}


def test_the_info_json_beats_the_container(video: Path):
    video.with_name(video.stem + ".info.json").write_text(json.dumps(INFO), encoding="utf-8")
    meta = read_metadata(video)
    assert (meta.title, meta.byline, meta.published, meta.url) == (
        INFO["title"], "Frontline News", "2017-05-12", INFO["webpage_url"])
    assert meta.tags == {"keywords": ["Raqqa", "Tabqa", "SDF", "Syria"], "categories": ["News & Politics"]}
    assert [c.title for c in meta.chapters] == ["The dam", "Towards Raqqa"]
    assert meta.credits == {"voiceover": "Jane Doe", "editing": "John Roe", "music": "Kevin MacLeod"}
    assert meta.origin["title"] == meta.origin["chapters"] == "info.json"


def test_a_description_file_is_used_when_the_info_json_has_none(video: Path):
    video.with_name(video.stem + ".description").write_text("Reporting by Ann Lee.\n", encoding="utf-8")
    meta = read_metadata(video)
    assert meta.description == "Reporting by Ann Lee.\n" and meta.origin["description"] == "description"
    assert meta.credits == {"reporting": "Ann Lee"}


def test_chapters_become_sections_and_a_spoken_chapter_title_is_a_heading(video: Path):
    video.with_name(video.stem + ".info.json").write_text(json.dumps(INFO), encoding="utf-8")
    words = timed([(0.5, "The dam."), (1.2, "Fighters took the dam on Wednesday."),
                   (6.2, "Now they turn to Raqqa."), (8.0, "The city is next.")])
    article = apply_metadata(assemble(words, tags={"title": "Embedded title"}, name=video.name), read_metadata(video))
    assert [s.heading for s in article.sections] == ["The dam", "Towards Raqqa"]
    assert [p.text for p in article.sections[0].paragraphs] == ["Fighters took the dam on Wednesday."]
    assert article.sections[1].paragraphs[0].text == "Now they turn to Raqqa. The city is next."
    assert any(r.kind == "heading" and r.text == "The dam." for r in article.removed)
    assert article.title == INFO["title"] and article.byline == "Frontline News"
    assert article.published == "2017-05-12" and article.url == INFO["webpage_url"]
    assert article.credits["voiceover"] == "Jane Doe"
    assert article.provenance["title"] == "info.json" and article.provenance["sections"] == "chapters (info.json)"
    assert Article.from_json(article.to_json()).to_dict() == article.to_dict()  # lossless, provenance included


def test_chapters_that_mark_paragraphs_or_repeat_the_title_are_not_headings():
    words = timed([(0.0, "Fighters took the dam on Wednesday."), (3.0, "Now they turn to Raqqa at last."),
                   (6.0, "The city is next.")])
    chapters = [Chapter(0.0, 2.9, "Dam holds"), Chapter(2.9, 5.9, "Now they turn to\u2026"),
                Chapter(5.9, 9.0, "Next steps")]
    article = assemble(words, tags={"title": "Dam holds"})
    sections = chapter_sections(article, chapters)
    assert [s.heading for s in sections] == [None, "Next steps"]
    assert [len(p.sentences) for p in sections[0].paragraphs] == [1, 1]


def test_speech_fills_what_the_metadata_lacks_and_says_so():
    words = timed([(0.0, "Voiceover by Maria Lopez."), (3.0, "The dam held.")])
    article = assemble(words, tags={"title": "Dam holds"})
    assert article.provenance == {"title": "tags", "credits.voiceover": "speech"}


def test_credits_in_descriptions():
    assert description_credits("Narrated by Anna Smith. Video: Tom Jones") == {
        "narration": "Anna Smith", "video": "Tom Jones"}
    assert description_credits("We read the news by the river every day") == {}


def test_priming_prompt_spells_the_names_and_stays_short():
    meta = read_metadata_from(INFO)
    prompt = priming_prompt(meta)
    assert prompt is not None and prompt.startswith("Raqqa offensive: the battle for Tabqa.")
    for name in ("SDF", "Syria", "Syrian Democratic Forces", "Islamic State"):
        assert name in prompt
    assert len(priming_prompt(read_metadata_from({**INFO, "description": DESCRIPTION * 40})) or "") <= PROMPT_CHARS
    assert "Subscribe" not in proper_nouns(DESCRIPTION)


def read_metadata_from(info: dict, tmp: Path | None = None):
    """Metadata from an info.json beside a media path that need not exist (no ffprobe: no tags, no chapters)."""
    import tempfile

    folder = Path(tmp or tempfile.mkdtemp())
    (folder / "v.info.json").write_text(json.dumps(info), encoding="utf-8")
    return read_metadata(folder / "v.mp4", tags={}, chapters=[])


def test_no_metadata_no_priming(tmp_path: Path):
    meta = read_metadata(tmp_path / "plain.wav", tags={}, chapters=[])
    assert meta.is_empty and priming_prompt(meta) is None
    titled = read_metadata(tmp_path / "plain.wav", tags={"title": "Dam holds", "comment": "Voiceover by X."},
                           chapters=[])
    assert priming_prompt(titled) is None  # a bare title primes badly: names come from a description or tags


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_a_downloaded_video_comes_back_with_its_metadata_and_chapters(tmp_path: Path):
    from briefcast.transcribe import TranscribeOptions, transcribe

    first, second = tmp_path / "a.wav", tmp_path / "b.wav"
    subprocess.run(["espeak-ng", "-w", str(first), "The dam fell on Wednesday. Fighters crossed the river."],
                   check=True)
    subprocess.run(["espeak-ng", "-w", str(second), "Now the city is next. The siege will be long."], check=True)
    meta = tmp_path / "meta.txt"
    meta.write_text(";FFMETADATA1\ntitle=Embedded\n\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=5500\ntitle=The dam\n\n"
                    "[CHAPTER]\nTIMEBASE=1/1000\nSTART=5500\nEND=12000\ntitle=Towards the city\n", encoding="utf-8")
    video = tmp_path / "clip.mp4"
    ffmpeg("-i", str(first), "-i", str(second), "-i", str(meta), "-filter_complex",
           "[0:a]apad=whole_dur=5.5[a0];[a0][1:a]concat=n=2:v=0:a=1[a]", "-map", "[a]", "-map_metadata", "2",
           "-map_chapters", "2", "-c:a", "aac", str(video))
    info = {k: v for k, v in INFO.items() if k != "chapters"}
    video.with_name("clip.info.json").write_text(json.dumps(info), encoding="utf-8")
    article = transcribe(video, options=TranscribeOptions(allow_download=False))
    assert article.title == INFO["title"] and article.provenance["title"] == "info.json"
    assert [s.heading for s in article.sections] == ["The dam", "Towards the city"]
    assert "river" in article.sections[0].paragraphs[0].text.lower()
    assert "siege" in article.sections[1].paragraphs[-1].text.lower()
    assert article.provenance["sections"] == "chapters (tags)"


def test_our_own_paragraph_chapters_are_no_headings_even_misheard():
    from briefcast.transcribe.sidecar import _opens

    title = "The government forces made this advance after a full\u2026"  # a chapter our narration wrote
    assert _opens(title, "The government forces made this advance after a fall with role on ISIS members.")
    assert not _opens("Towards the city", "Now the city is next.")
    assert not _opens("The dam", "Fighters crossed the river.")
    assert not _opens("The dam", "The fam fell on Wednesday.")  # misheard, but a short title is a heading
