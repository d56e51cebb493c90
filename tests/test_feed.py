"""The podcast feed of a batch of real narrations: enclosures, durations, dates, transcripts, chapters, escaping."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from lxml import etree
from mutagen.mp3 import MP3

from briefcast.batch import BatchOptions, run_batch
from briefcast.cli import main
from briefcast.errors import UsageError
from briefcast.feed import PODCAST_NS, FeedOptions, build_feed

ARTICLES = {
    "floods.md": """# Floods & <Barriers>: What Held

By Harbour & Sons Desk

Coastline Review, March 14, 2024

The barrier closed on Wednesday as the river rose.

Engineers said the gates held for nine hours.
""",
    "harvest.md": """# Early Harvest in the Valley

By Field Desk

Valley Times, June 2, 2023

The wheat harvest began two weeks early after a warm spring.
""",
}
BASE = "https://example.org/podcast/"


@pytest.fixture(scope="module")
def podcast(tmp_path_factory) -> Path:
    """A folder of two real narrations with their srt, vtt, json and chapters sidecars, made by `batch`."""
    root = tmp_path_factory.mktemp("feed")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    report = run_batch([root / n for n in ARTICLES], root / "podcast", options=BatchOptions(jobs=2))
    assert not report.failed, report.failed
    return root / "podcast"


@pytest.mark.slow
def test_feed_of_a_batch_parses_with_enclosures_durations_transcripts_and_chapters(podcast):
    result = CliRunner().invoke(main, ["feed", str(podcast), "--title", "Morning & <Evening> Briefs",
                                       "--base-url", BASE, "--author", "News Desk",
                                       "--image", "https://example.org/cover.jpg"])
    assert result.exit_code == 0, result.output
    path = podcast / "feed.xml"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Morning & <Evening> Briefs"
    assert parsed.feed.author == "News Desk" and parsed.feed.image.href == "https://example.org/cover.jpg"
    entries = {e.title: e for e in parsed.entries}
    assert list(entries) == ["Floods & <Barriers>: What Held", "Early Harvest in the Valley"]  # newest first

    floods = entries["Floods & <Barriers>: What Held"]
    (enclosure,) = floods.enclosures
    assert enclosure.href == "https://example.org/podcast/floods.mp3" and enclosure.type == "audio/mpeg"
    assert int(enclosure.length) == (podcast / "floods.mp3").stat().st_size
    seconds = MP3(podcast / "floods.mp3").info.length
    h, m, s = map(int, floods.itunes_duration.split(":"))
    assert abs(h * 3600 + m * 60 + s - seconds) <= 1
    assert floods.published_parsed[:3] == (2024, 3, 14)
    assert entries["Early Harvest in the Valley"].published_parsed[:3] == (2023, 6, 2)
    assert floods.podcast_chapters["url"].endswith("/floods.chapters.json")
    assert floods.podcast_chapters["type"] == "application/json+chapters"

    # feedparser keeps one podcast:transcript per item: read them all from the XML itself
    item = next(i for i in etree.fromstring(path.read_bytes()).iter("item") if i.findtext("title").startswith("Floods"))
    transcripts = {t.get("type"): t.get("url") for t in item.iter(f"{{{PODCAST_NS}}}transcript")}
    assert transcripts == {"application/x-subrip": "https://example.org/podcast/floods.srt",
                           "text/vtt": "https://example.org/podcast/floods.vtt"}
    for url in [*transcripts.values(), floods.podcast_chapters["url"]]:
        assert (podcast / url.rsplit("/", 1)[1]).is_file()
    assert json.loads((podcast / "floods.chapters.json").read_text(encoding="utf-8"))["chapters"]
    raw = path.read_text(encoding="utf-8")
    assert "<title>Floods &amp; &lt;Barriers&gt;: What Held</title>" in raw


@pytest.mark.slow
def test_feed_with_site_writes_the_pages_beside_it_or_nothing(podcast, tmp_path):
    folder = tmp_path / "p"
    shutil.copytree(podcast, folder)
    (folder / "feed.xml").unlink(missing_ok=True)  # the other test's
    (folder / "index.html").write_text("my own page", encoding="utf-8")
    args = ["feed", str(folder), "--title", "Morning Briefing", "--base-url", BASE, "--site"]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 1 and "index.html: already exists" in refused.output
    assert not (folder / "feed.xml").exists() and not (folder / "floods.html").exists()  # nothing written
    result = CliRunner().invoke(main, [*args, "--force"])
    assert result.exit_code == 0, result.output
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "<h1>Morning Briefing</h1>" in index and '<a href="feed.xml">Podcast feed (RSS)</a>' in index
    assert (folder / "floods.html").is_file() and (folder / "embed" / "harvest.html").is_file()
    assert feedparser.parse((folder / "feed.xml").read_bytes()).feed.title == "Morning Briefing"
    again = CliRunner().invoke(main, args)  # what it wrote is replaced without --force
    assert again.exit_code == 0 and "and its site" in again.output


def test_feed_needs_briefings_and_a_full_base_url(tmp_path):
    with pytest.raises(UsageError, match="is not an http"):
        build_feed(tmp_path, FeedOptions(title="x", base_url="example.org/pod"))
    result = CliRunner().invoke(main, ["feed", str(tmp_path), "--title", "x", "--base-url", BASE])
    assert result.exit_code == 1
    assert result.output.strip() == (f"briefcast: error: {tmp_path}: no audio briefings found: narrate some "
                                     "articles into it first, e.g. `briefcast batch articles/ -o FOLDER`")
