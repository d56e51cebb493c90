"""A podcast RSS 2.0 feed of the briefings in a folder: iTunes tags, enclosures, transcripts and chapters.

Each audio file STEM.mp3 (or .m4a, .ogg, .opus, .wav) is an episode; its metadata comes from the narration sidecar
STEM.json (the document model), its transcripts from STEM.srt / STEM.vtt and its chapters from STEM.chapters.json
(Podcasting 2.0 `podcast:transcript` and `podcast:chapters`, which feedgen lacks: added by a small extension here).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import as_datetime
from .document import Article
from .errors import InputError, ToolMissingError, UsageError
from .fileio import atomic_path
from .formats import format_of
from .optionspec import REQUIRED, option
from .segmenter.metadata import strip_controls
from .timecode import timecode

log = logging.getLogger(__name__)

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
TRANSCRIPT_TYPES = {".srt": "application/x-subrip", ".vtt": "text/vtt"}
CHAPTERS_TYPE = "application/json+chapters"
FEED_NAME = "feed.xml"
FEEDS = ("feed",)  # the commands that take the podcast's options


@dataclass(frozen=True)
class FeedOptions:
    """The podcast's own metadata; episodes bring theirs from the sidecars."""

    title: str = option(  # the podcast's title
        REQUIRED, "--title", commands=FEEDS, help="The podcast's title.")
    base_url: str = option(  # public URL of the folder the files are served from, e.g. https://example.org/podcast/
        REQUIRED, "--base-url", metavar="URL", commands=FEEDS,
        help="Public URL the folder is served from, e.g. https://example.org/podcast/.")
    author: str | None = option(  # itunes:author and managingEditor-like credit
        None, "--author", commands=FEEDS, help="The podcast's author (itunes:author).")
    image: str | None = option(  # URL of the cover art (itunes:image; 1400..3000 px square JPEG or PNG)
        None, "--image", metavar="URL", commands=FEEDS, help="URL of the cover art (1400-3000 px square).")
    description: str | None = option(  # the podcast's description; None: a line saying what it is
        None, "--description", commands=FEEDS, help="The podcast's description.")
    language: str = option(  # RFC 5646 language code
        "en", "--language", commands=FEEDS, help="Language code of the podcast.")
    category: str = "News"  # iTunes category
    explicit: bool = False  # itunes:explicit

    def validate(self) -> FeedOptions:
        """These options made fit for the feed: the title and author one line of plain text, the description without
        control characters (clean). UsageError for a title with nothing left, or unless the base URL and the cover
        art are http(s) URLs with a host (never `javascript:`, `file:` or `data:`, which a podcast app would
        follow)."""
        for flag, url in (("--base-url", self.base_url), ("--image", self.image)):
            if url is None:
                continue
            parts = urllib.parse.urlparse(url.strip())
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
                raise UsageError(f"{flag} {url!r} is not an http(s) URL",
                                 hint="give the full public URL, e.g. https://example.org/podcast/")
        title = clean(self.title, one_line=True)
        if not title:
            raise UsageError(f"--title {self.title!r}: an empty title", hint='e.g. --title "Morning Briefing"')
        return dataclasses.replace(self, title=title, author=clean(self.author, one_line=True) or None,
                                   description=clean(self.description) or None)


@dataclass
class Episode:
    """One briefing found in the folder."""

    audio: Path
    mime: str  # the audio's MIME type, from its extension
    title: str
    published: dt.datetime  # timezone-aware
    duration: float | None  # seconds
    description: str = ""
    author: str | None = None
    transcripts: list[tuple[Path, str]] = field(default_factory=list)  # (file, MIME type)
    chapters: Path | None = None


def find_episodes(folder: str | os.PathLike[str]) -> list[Episode]:
    """Every audio briefing in `folder` with its metadata and sidecars, oldest first."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{folder}: no such folder", hint="pass the output folder of `briefcast batch`")
    episodes = []
    for p in sorted(root.iterdir()):
        try:
            kind = format_of(p)
            if not (p.is_file() and not p.name.startswith(".") and kind is not None):
                continue
            episodes.append(_episode(p, kind.mime))
        except Exception as e:  # one bad episode (unreadable file, broken link, odd metadata) never stops a feed
            log.warning("%s: left out of the feed (%s)", p, " ".join(str(e).split()) or type(e).__name__)
    return sorted(episodes, key=lambda e: (e.published, e.audio.name))


_NOT_XML = re.compile("[\x0b\x0c\ufffe\uffff]")  # what XML 1.0 cannot carry beyond control characters
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")  # terminal escape sequences (colours) scraped with a title


def clean(text: str | None, *, one_line: bool = False) -> str | None:
    """`text` without escape sequences, control characters and what else XML cannot hold (a title scraped with
    colours); line breaks and tabs stay, unless `one_line` (a title, a name: all whitespace one space)."""
    if text is None:
        return None
    return _NOT_XML.sub("", strip_controls(_ANSI.sub("", text), one_line=one_line) or "")


def _episode(audio: Path, mime: str) -> Episode:
    stem = audio.with_suffix("")
    article = read_sidecar(stem.with_name(stem.name + ".json"))
    title = (article.title if article and article.title else None) or _tag_title(audio) or audio.stem
    duration = article.duration if article and article.duration else _audio_length(audio)
    published = as_datetime(article.published if article else None) \
        or as_datetime(article.source.published if article else None) \
        or dt.datetime.fromtimestamp(audio.stat().st_mtime, dt.timezone.utc)
    description = ""
    if article is not None and article.paragraphs:
        description = article.paragraphs[0].text
    author = (article.byline or article.publisher) if article else None
    transcripts = [(stem.with_name(stem.name + ext), mime) for ext, mime in TRANSCRIPT_TYPES.items()
                   if stem.with_name(stem.name + ext).is_file()]
    chapters = stem.with_name(stem.name + ".chapters.json")
    title = clean(title, one_line=True) or audio.stem
    return Episode(audio, mime, title, published, duration, clean(description) or title,
                   clean(author, one_line=True), transcripts, chapters if chapters.is_file() else None)


def read_sidecar(path: Path) -> Article | None:
    """The Article in a narration sidecar STEM.json, or None when there is none or it cannot be read (a warning)."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Article.from_dict(data.get("article", data) if isinstance(data, dict) else {})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        log.warning("%s: unreadable sidecar, using the audio's own metadata (%s)", path, e)
        return None


def _tag_title(audio: Path) -> str | None:
    try:
        import mutagen

        tags = mutagen.File(audio, easy=True)
        return (tags.get("title") or [None])[0] if tags is not None and tags.tags is not None else None
    except (mutagen.MutagenError, OSError, ValueError) as e:  # an unreadable tag just means "no title tag"
        log.debug("%s: no title tag read: %s", audio, e)
        return None


def _audio_length(audio: Path) -> float | None:
    try:
        import mutagen

        f = mutagen.File(audio)
        return float(f.info.length) if f is not None else None
    except (mutagen.MutagenError, OSError, ValueError) as e:  # unknown length: the feed leaves it out
        log.debug("%s: no length read: %s", audio, e)
        return None


def _url(base: str, path: Path) -> str:
    return base.rstrip("/") + "/" + urllib.parse.quote(path.name)


def build_feed(folder: str | os.PathLike[str], options: FeedOptions,
               episodes: Sequence[Episode] | None = None) -> bytes:
    """The RSS 2.0 document (UTF-8 bytes) for every briefing in `folder` (`episodes`: found already), newest first."""
    try:
        from feedgen.feed import FeedGenerator
    except ImportError as e:
        raise ToolMissingError("writing a podcast feed needs feedgen", hint="pip install 'briefcast[feed]'") from e
    options = options.validate()
    episodes = find_episodes(folder) if episodes is None else episodes
    if not episodes:
        raise InputError(f"{folder}: no audio briefings found",
                         hint="narrate some articles into it first, e.g. `briefcast batch articles/ -o FOLDER`")
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", _PodcastIndexFeed, _PodcastIndexEntry, atom=False, rss=True)
    fg.title(options.title)
    fg.link(href=options.base_url, rel="alternate")
    fg.description(options.description or f"{options.title}: narrated news briefings")
    fg.language(options.language)
    fg.generator("briefcast")
    fg.lastBuildDate(max(e.published for e in episodes))
    fg.podcast.itunes_category(options.category)
    fg.podcast.itunes_explicit("yes" if options.explicit else "no")
    fg.podcast.itunes_summary(options.description or options.title)
    if options.author:
        fg.author({"name": options.author})
        fg.podcast.itunes_author(options.author)
    if options.image:
        fg.image(url=options.image, title=options.title, link=options.base_url)
        fg.podcast.itunes_image(options.image)
    for ep in episodes:  # feedgen prepends: oldest first in, newest first out
        fe = fg.add_entry()
        try:
            _fill_entry(fe, ep, options)
            fe.rss_entry()  # serialise it now: text XML cannot hold fails here, for this episode only
        except Exception as e:  # one bad episode never stops the feed
            fg.remove_entry(fe)
            log.warning("%s: left out of the feed (%s)", ep.audio, " ".join(str(e).split()) or type(e).__name__)
    return fg.rss_str(pretty=True)


def _fill_entry(fe: Any, ep: Episode, options: FeedOptions) -> None:
    """One episode's RSS item: title, guid, enclosure, duration, author, transcripts, chapters."""
    url = _url(options.base_url, ep.audio)
    fe.title(ep.title)
    fe.guid(url, permalink=False)
    fe.description(ep.description)
    fe.published(ep.published)
    fe.enclosure(url, str(ep.audio.stat().st_size), ep.mime)
    if ep.duration:
        fe.podcast.itunes_duration(timecode(ep.duration))
    if ep.author:
        fe.podcast.itunes_author(ep.author)
    for path, mime in ep.transcripts:
        fe.podcastindex.transcript(_url(options.base_url, path), mime, options.language)
    if ep.chapters is not None:
        fe.podcastindex.chapters(_url(options.base_url, ep.chapters), CHAPTERS_TYPE)


def write_feed(folder: str | os.PathLike[str], options: FeedOptions,
               output: str | os.PathLike[str] | None = None, *, episodes: Sequence[Episode] | None = None) -> Path:
    """Build the feed and write it atomically to `output` (default FOLDER/feed.xml)."""
    data = build_feed(folder, options, episodes)
    target = Path(output) if output else Path(folder) / FEED_NAME
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    os.chmod(target, 0o644)  # a feed is meant to be served
    return target


def written_by_briefcast(path: str | os.PathLike[str]) -> bool:
    """True when `path` is a feed this command wrote (its generator says briefcast), so rewriting it loses nothing."""
    try:
        with open(path, "rb") as f:
            head = f.read(1 << 16)
    except OSError:
        return False
    return b"<rss" in head and b"<generator>briefcast</generator>" in head


class _PodcastIndexFeed:
    """feedgen extension: declares the Podcasting 2.0 namespace on the channel."""

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed: Any) -> Any:
        return feed

    def extend_atom(self, feed: Any) -> Any:
        return feed


class _PodcastIndexEntry(_PodcastIndexFeed):
    """feedgen entry extension: `podcast:transcript` and `podcast:chapters` on an item."""

    def __init__(self) -> None:
        self._transcripts: list[dict[str, str]] = []
        self._chapters: dict[str, str] | None = None

    def transcript(self, url: str, mime: str, language: str | None = None) -> None:
        attrs = {"url": url, "type": mime}
        if language:
            attrs["language"] = language
        if mime in TRANSCRIPT_TYPES.values():
            attrs["rel"] = "captions"
        self._transcripts.append(attrs)

    def chapters(self, url: str, mime: str = CHAPTERS_TYPE) -> None:
        self._chapters = {"url": url, "type": mime}

    def extend_rss(self, entry: Any) -> Any:
        from feedgen.util import xml_elem

        for attrs in self._transcripts:
            xml_elem(f"{{{PODCAST_NS}}}transcript", entry).attrib.update(attrs)
        if self._chapters:
            xml_elem(f"{{{PODCAST_NS}}}chapters", entry).attrib.update(self._chapters)
        return entry
