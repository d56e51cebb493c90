"""Tags and chapters in the audio file (mutagen; ffmetadata for m4a), and the sidecar files next to it.

mp3 and wav: ID3v2.4 (TIT2, TPE1, TALB, TDRC, TCON, COMM) with CHAP frames, in time order, and a CTOC.
ogg and opus: Vorbis comments, chapters as CHAPTER001=00:00:00.000 / CHAPTER001NAME=Intro.
m4a: tags and chapters muxed by ffmpeg from an ffmetadata file (read back by mutagen as Nero chapters).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..document import Article, Paragraph, Section, Sentence
from ..errors import OutputError
from ..fileio import write_text_atomic
from ..formats import AUDIO_FORMATS
from ..segmenter.metadata import strip_controls
from ..segmenter.words import timed_words
from ..timecode import timecode
from .script import Script, credit_lines

log = logging.getLogger(__name__)

Chapter = tuple[float, float, str]  # (start s, end s, title)


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str | None  # the byline
    album: str | None  # the publisher
    date: str | None  # ISO 8601
    genre: str
    comment: str | None  # the original source
    chapters: tuple[Chapter, ...] = ()
    urls: tuple[str | None, ...] = ()  # each chapter's web address (ID3 WXXX in its CHAP, Vorbis CHAPTERxxxURL)


def article_tags(article: Article, chapters: tuple[Chapter, ...] = (), *, fallback_title: str = "Briefing",
                 urls: Sequence[str | None] = ()) -> Tags:
    """Tags from the article; the comment carries the credits, the original source and the URL, as sentences.
    `urls`: each chapter's web address, when chapters have them (a brief's stories)."""
    parts = credit_lines(article)
    if article.source.name:
        parts.append(f"Originally published by {article.source.name}"
                     + (f" on {article.source.published}" if article.source.published else ""))
    if article.url:
        parts.append(article.url)
    line = strip_controls  # metadata is one line of plain text in every tag format
    return Tags(title=line(article.title) or fallback_title, artist=line(article.byline), album=line(article.publisher),
                date=line(article.published), genre="Podcast", comment=line(". ".join(parts)),
                chapters=tuple((s, e, line(t) or "") for s, e, t in chapters), urls=tuple(urls))


def write_tags(path: Path, fmt: str, tags: Tags) -> None:
    """Write tags and chapters into an encoded file (m4a gets them at muxing time instead)."""
    tagging = AUDIO_FORMATS[fmt].tagging
    if tagging == "id3":
        _write_id3(path, fmt, tags)
    elif tagging == "vorbis":
        _write_vorbis(path, fmt, tags)


def _write_id3(path: Path, fmt: str, tags: Tags) -> None:
    from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TPE1, WXXX, CTOCFlags

    audio: Any = None
    id3: Any = ID3()
    if fmt == "wav":
        from mutagen.wave import WAVE

        audio = WAVE(str(path))
        if audio.tags is None:
            audio.add_tags()
        id3 = audio.tags
    id3.add(TIT2(encoding=3, text=tags.title))
    if tags.artist:
        id3.add(TPE1(encoding=3, text=tags.artist))
    if tags.album:
        id3.add(TALB(encoding=3, text=tags.album))
    if tags.date:
        id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TCON(encoding=3, text=tags.genre))
    if tags.comment:
        id3.add(COMM(encoding=3, lang="eng", desc="", text=tags.comment))
    ids = [f"chp{i}" for i in range(len(tags.chapters))]
    if ids:
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                     sub_frames=[TIT2(encoding=3, text="Chapters")]))
        for i, (cid, (start, end, title)) in enumerate(zip(ids, tags.chapters)):
            url = tags.urls[i] if i < len(tags.urls) else None
            sub = [TIT2(encoding=3, text=title)] + ([WXXX(encoding=3, desc="", url=url)] if url else [])
            id3.add(CHAP(element_id=cid, start_time=int(round(start * 1000)), end_time=int(round(end * 1000)),
                         sub_frames=sub))
    if fmt == "wav":
        audio.save()
    else:
        id3.save(str(path), v2_version=4)
    if ids:
        _chapters_in_time_order(path, fmt)


def _chapters_in_time_order(path: Path, fmt: str) -> None:
    """Put the CHAP frames of a saved ID3v2.4 tag in time order, in place (the tag keeps its size).

    mutagen sorts frames by size when it saves, so CHAP frames land in title-length order; the CTOC is right, but
    players that list CHAP frames as they find them in the file would show the chapters shuffled.
    """
    with open(path, "r+b") as f:
        start = _riff_chunk(f, b"id3 ") if fmt == "wav" else 0
        f.seek(start)
        header = f.read(10)
        if header[:4] != b"ID3\x04" or header[5] & 0xC0:  # not v2.4, or unsynchronised / extended header
            log.warning("%s: unexpected ID3 header, chapter frames left in mutagen's order", path)
            return
        tag = f.read(_syncsafe(header[6:10]))
        frames: list[bytes] = []
        pos = 0
        while pos + 10 <= len(tag) and tag[pos:pos + 4] != b"\0\0\0\0":  # zero bytes: the padding
            end = pos + 10 + _syncsafe(tag[pos + 4:pos + 8])
            frames.append(tag[pos:end])
            pos = end
        slots = [i for i, frame in enumerate(frames) if frame[:4] == b"CHAP"]
        for i, frame in zip(slots, sorted((frames[i] for i in slots), key=_chap_start)):
            frames[i] = frame
        f.seek(start + 10)
        f.write(b"".join(frames))


def _syncsafe(b: bytes) -> int:
    """An ID3v2.4 size: 7 bits a byte, big-endian."""
    return (b[0] << 21) | (b[1] << 14) | (b[2] << 7) | b[3]


def _chap_start(frame: bytes) -> int:
    """A CHAP frame's start time (ms): after the 10-byte header and the zero-terminated element id."""
    at = frame.index(b"\0", 10) + 1
    return int.from_bytes(frame[at:at + 4], "big")


def _riff_chunk(f: BinaryIO, name: bytes) -> int:
    """Offset of the data of a top-level RIFF chunk (case-insensitive id), e.g. the ID3 tag of a WAV file."""
    f.seek(12)  # "RIFF", size, "WAVE"
    while len(head := f.read(8)) == 8:
        size = int.from_bytes(head[4:], "little")
        if head[:4].lower() == name:
            return f.tell()
        f.seek(size + (size & 1), 1)
    raise OutputError(f"{f.name}: no {name.decode().strip()} chunk after tagging", hint="report this as a bug")


def _write_vorbis(path: Path, fmt: str, tags: Tags) -> None:
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis

    audio = OggOpus(str(path)) if fmt == "opus" else OggVorbis(str(path))
    c: Any = audio.tags
    c.clear()
    for key, value in (("TITLE", tags.title), ("ARTIST", tags.artist), ("ALBUM", tags.album),
                       ("DATE", tags.date), ("GENRE", tags.genre), ("COMMENT", tags.comment)):
        if value:
            c[key] = [value]
    for i, (start, _end, title) in enumerate(tags.chapters, 1):
        c[f"CHAPTER{i:03d}"] = [timecode(start, fraction=".")]
        c[f"CHAPTER{i:03d}NAME"] = [title]
        if i <= len(tags.urls) and tags.urls[i - 1]:
            c[f"CHAPTER{i:03d}URL"] = [tags.urls[i - 1]]
    audio.save()


def ffmetadata(tags: Tags) -> str:
    """An ffmetadata document with the tags and chapters (millisecond timebase), for muxing m4a."""
    def esc(v: str) -> str:
        return "".join("\\" + ch if ch in "=;#\\\n" else ch for ch in v)

    lines = [";FFMETADATA1"]
    for key, value in (("title", tags.title), ("artist", tags.artist), ("album", tags.album), ("date", tags.date),
                       ("genre", tags.genre), ("comment", tags.comment)):
        if value:
            lines.append(f"{key}={esc(value)}")
    for start, end, title in tags.chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={int(round(start * 1000))}",
                  f"END={int(round(end * 1000))}", f"title={esc(title)}"]
    return "\n".join(lines) + "\n"


def sidecar_paths(audio: Path, kinds: tuple[str, ...]) -> dict[str, Path]:
    """Where each sidecar goes: next to the audio, same stem (`briefing.srt`, `briefing.chapters.json`)."""
    return {k: audio.with_name(audio.stem + (".chapters.json" if k == "chapters" else f".{k}")) for k in kinds}


def chapters_json(chapters: tuple[Chapter, ...] | list[Chapter], urls: Sequence[str | None] = ()) -> str:
    """Podcasting 2.0 chapters (https://github.com/Podcastindex-org/podcast-namespace, version 1.2.0), each with its
    `url` when `urls` gives one."""
    listed: list[dict[str, Any]] = []
    for i, (s, e, t) in enumerate(chapters):
        listed.append({"startTime": round(s, 3), "endTime": round(e, 3), "title": t})
        if i < len(urls) and urls[i]:
            listed[-1]["url"] = urls[i]
    return json.dumps({"version": "1.2.0", "chapters": listed}, ensure_ascii=False, indent=2) + "\n"


def spoken_captions(timed: Article, script: Script, spans: Sequence[Sequence[float]],
                    words: Sequence[Sequence[tuple[float, float] | None] | None] = ()) -> Article:
    """Everything said, in order, as one flat timed Article for the subtitle writers (see spoken_lines)."""
    said, _ = spoken_lines(timed, script, spans, words)
    return Article(title=timed.title, language=timed.language, duration=timed.duration,
                   sections=[Section(paragraphs=[Paragraph(said)])])


def spoken_lines(timed: Article, script: Script, spans: Sequence[Sequence[float]],
                 words: Sequence[Sequence[tuple[float, float] | None] | None] = ()
                 ) -> tuple[list[Sentence], list[Sentence]]:
    """Everything said, in order, and of it the lines that are not body sentences. The intro lines, standfirst,
    headings, notes and outro lines are as written (a line said in pieces spans them all, its words timed from
    `words`, each utterance's spoken word spans, where the engine timed them); the body sentences are `timed`'s."""
    said: list[Sentence] = []
    frame: list[Sentence] = []
    seen: set[int] = set()
    heard: list[tuple[str, tuple[float, float] | None]] | None = None  # the words of the frame line being said
    for u, (start, end), spans_of in zip(script.utterances, spans, [*words] + [None] * (len(spans) - len(words))):
        if u.sentence is not None:
            if u.sentence not in seen:
                seen.add(u.sentence)
                said.append(timed.sentences[u.sentence])
            continue
        if u.level == "clause" and said:  # the next piece of the intro/outro line just added
            said[-1].end = round(end, 3)
        else:
            frame.append(Sentence(u.shown or u.text, start=round(start, 3), end=round(end, 3)))
            said.append(frame[-1])
            heard = []
        heard = None if heard is None or spans_of is None else heard + list(zip(u.text.split(), spans_of))
        if heard:
            said[-1].words = timed_words(said[-1].text, heard, said[-1].start or 0.0)
    return said, frame


def write_sidecars(article: Article, audio: Path, kinds: tuple[str, ...], chapters: tuple[Chapter, ...],
                   captions: Article | None = None, urls: Sequence[str | None] = ()) -> dict[str, Path]:
    """Write subtitles (srt, vtt), the timed Article (json) and chapters (chapters.json) next to `audio`.
    `captions` (see spoken_captions) is what the subtitles show, when it is more than the article's body."""
    from ..writers import get_writer

    written: dict[str, Path] = {}
    for kind, path in sidecar_paths(audio, kinds).items():
        shown = captions if captions is not None and kind in ("srt", "vtt") else article
        text = chapters_json(chapters, urls) if kind == "chapters" else get_writer(kind).render(shown)
        written[kind] = write_text_atomic(path, text)
    return written
