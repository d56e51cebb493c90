"""Subtitle writers (SRT, WebVTT): sentence-aware cues of at most 2 lines of at most 42 characters."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..document import Article, Sentence
from ..segmenter.metadata import strip_controls
from ..timecode import timecode
from .text import Writer

MAX_LINE = 42  # characters per subtitle line
MAX_LINES = 2  # lines per cue


@dataclass(frozen=True)
class Cue:
    """One subtitle: start and end in seconds, and its lines."""

    start: float
    end: float
    lines: tuple[str, ...]
    speaker: str | None = None  # who says it, where speakers were told apart
    times: tuple[float, ...] = ()  # the start (seconds) of each word of `lines`, where the words were timed


def wrap(words: list[str], width: int = MAX_LINE) -> list[str]:
    """Greedy word wrap; a single word longer than `width` gets a line of its own."""
    lines: list[str] = []
    for w in words:
        if lines and len(lines[-1]) + 1 + len(w) <= width:
            lines[-1] += " " + w
        else:
            lines.append(w)
    return lines


def sentence_cues(sentence: Sentence) -> list[Cue]:
    """Split one timed sentence into cues; time is shared by word timings when known, else by characters."""
    if sentence.start is None or sentence.end is None:
        return []
    words = sentence.text.split()
    if not words:
        return []
    lines = wrap(words)
    chunks = [lines[i:i + MAX_LINES] for i in range(0, len(lines), MAX_LINES)]
    timed = [w for w in sentence.words] if len(sentence.words) == len(words) else None
    cues: list[Cue] = []
    total = sum(len(" ".join(c)) for c in chunks)
    t = sentence.start
    k = 0  # index of the first word of the current chunk
    for i, chunk in enumerate(chunks):
        n = sum(len(line.split()) for line in chunk)
        if timed:
            start = timed[k].start if i else sentence.start
            end = timed[k + n - 1].end if i < len(chunks) - 1 else sentence.end
        else:
            start = t
            share = (sentence.end - sentence.start) * len(" ".join(chunk)) / total
            end = sentence.end if i == len(chunks) - 1 else t + share
        times = tuple(w.start for w in timed[k:k + n]) if timed else ()
        cues.append(Cue(start, max(end, start), tuple(chunk), sentence.speaker, times))
        t, k = end, k + n
    return cues


def article_cues(article: Article) -> list[Cue]:
    """All cues of an article, in time order, never overlapping."""
    cues = [c for s in article.sentences for c in sentence_cues(s)]
    cues.sort(key=lambda c: c.start)
    fixed: list[Cue] = []
    for c in cues:
        if fixed and fixed[-1].end > c.start:
            fixed[-1] = dataclasses.replace(fixed[-1], end=c.start)
        fixed.append(c)
    return fixed


def srt_text(line: str) -> str:
    """A cue line safe in SRT: no control characters, and no `-->` (even one left by mending `--->`), which would
    read as a timing line."""
    return re.sub(r"-{2,}>", "->", strip_controls(line) or "")


def vtt_text(line: str) -> str:
    """A cue line safe in WebVTT: no control characters; `&`, `<` and `>` (so also `-->`) as character references."""
    return (strip_controls(line) or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SrtWriter(Writer):
    name = extension = "srt"
    suffixes = (".srt",)
    summary = "SubRip subtitles"
    timed = True

    def render(self, article: Article) -> str:
        cues = article_cues(article)
        blocks = [
            f"{i}\n{timecode(c.start, fraction=',')} --> {timecode(c.end, fraction=',')}\n"
            + "\n".join(srt_text(line) for line in _named_lines(c, cues[i - 2] if i > 1 else None))
            for i, c in enumerate(cues, 1)
        ]
        return "\n\n".join(blocks) + "\n" if blocks else ""


def _named_lines(cue: Cue, before: Cue | None) -> tuple[str, ...]:
    """The cue's lines, the first prefixed with its speaker's name where the speaker changes (SRT has no voices)."""
    if not cue.speaker or (before is not None and before.speaker == cue.speaker):
        return cue.lines
    return (f"{cue.speaker}: {cue.lines[0]}",) + cue.lines[1:]


class VttWriter(Writer):
    name = extension = "vtt"
    suffixes = (".vtt",)
    summary = "WebVTT subtitles, with each word's start inside the cue where words are timed (karaoke)"
    timed = True

    def render(self, article: Article) -> str:
        blocks = ["WEBVTT"] + [
            f"{timecode(c.start, fraction='.')} --> {timecode(c.end, fraction='.')}\n"
            + (f"<v {vtt_text(c.speaker)}>" if c.speaker else "") + "\n".join(_vtt_lines(c))
            for c in article_cues(article)
        ]
        return "\n\n".join(blocks) + "\n"


def _vtt_lines(cue: Cue) -> list[str]:
    """The cue's lines, each word after the first preceded by its start as a WebVTT timestamp tag
    (`<00:00:01.500>word`) where the words are timed: the ones strictly inside the cue and after the one before."""
    if len(cue.times) != sum(len(line.split()) for line in cue.lines):
        return [vtt_text(line) for line in cue.lines]
    out, k, last = [], 0, cue.start
    for line in cue.lines:
        words = []
        for word in line.split():
            t = cue.times[k]
            k += 1
            tag = f"<{timecode(t, fraction='.')}>" if last < t < cue.end and k > 1 else ""
            last = max(last, t) if tag else last
            words.append(tag + vtt_text(word))
        out.append(" ".join(words))
    return out
