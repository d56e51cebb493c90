"""Transcribing what the user named (`briefcast transcribe`): media files, standard input and URLs, each written to
its planned outputs (outputs.text_targets), one transcript or failure each.

Everything that can be checked is checked before the first (slow) recognition: the outputs (never an input, a
yt-dlp sidecar, the model or the printed article; an existing file only with force), and the printed article of
--script. Standard input and named pipes are copied to a temporary file first (ffmpeg probes and seeks).
"""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .document import Article
from .errors import BriefcastError, Failure, InputError, UsageError
from .optionspec import TEXT, option
from .transcribe.options import AlignOptions, TranscribeOptions
from .writers import ALL

__all__ = ["Transcript", "Transcripts", "TranscriptOptions", "transcribe_inputs", "MAX_STDIN_BYTES"]

MAX_STDIN_BYTES = 4 * 2**30  # media copied from standard input to the temp folder: at most this much
TIMESTAMPS = True  # Markdown paragraphs start with their time, [mm:ss] (transcribe --no-timestamps: not)
TRANSCRIBING = ("transcribe",)  # the commands that take the transcripts' own options


@dataclass(frozen=True)
class TranscriptOptions:
    """How `briefcast transcribe` writes its transcripts (declared once, see briefcast.optionspec); what is
    recognised is TranscribeOptions'."""

    format: str | None = option(  # a format, a comma list or all; None: md, or the -o extension
        None, "-f", "--format", show_default=False, commands=TRANSCRIBING, shapes=TEXT,
        help=f"Output format: {', '.join(ALL)}, changes (with --script), a comma list, or all. [default: md, or the "
             "-o extension]")
    timestamps: bool = option(  # Markdown paragraphs start with their time
        TIMESTAMPS, "--timestamps/--no-timestamps", commands=TRANSCRIBING, shapes=TEXT,
        help="Prefix Markdown paragraphs with [mm:ss].")


@dataclass
class Transcript:
    """One input transcribed: where each format went (None: standard output), the media file recognised (a
    download, a copy of standard input), the seconds recognition took, and the text for standard output."""

    source: str  # the input as the user named it
    media: Path
    article: Article
    targets: dict[str, Path | None]
    seconds: float
    printed: str = ""  # the format whose target is None, rendered, for the caller to print; "" when none is

    def summary(self) -> str:
        """"talk.mp3: 61.2 s of audio, 154 words, 5 paragraphs, real-time factor 0.21 (12.9 s) -> talk.md"."""
        words = sum(len(s.words) for s in self.article.sentences)
        duration = self.article.duration or 0.0
        rtf = self.seconds / duration if duration else 0.0
        where = ", ".join(str(p) for p in self.targets.values() if p is not None)
        paragraphs = len(self.article.paragraphs)
        return (f"{self.media.name}: {duration:.1f} s of audio, {words} word{'s' * (words != 1)}, {paragraphs} "
                f"paragraph{'s' * (paragraphs != 1)}, real-time factor {rtf:.2f} ({self.seconds:.1f} s)"
                + (f" -> {where}" if where else ""))


@dataclass
class Transcripts:
    """What transcribe_inputs() made: a transcript per input done, and the inputs that failed."""

    done: list[Transcript] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


Report = Callable[[Transcript | Failure], None]  # told of each transcript or failure as it happens
MediaProgress = Callable[[str, float, float], None]  # (the media file's name, seconds done, seconds in all)


def transcribe_inputs(media: Sequence[str], output: str | None = None, fmt: str | None = None, *,
                      options: TranscribeOptions = TranscribeOptions(), aligning: AlignOptions = AlignOptions(),
                      timestamps: bool = TIMESTAMPS, force: bool = False, progress: MediaProgress | None = None,
                      show_downloads: bool = False, report: Report | None = None) -> Transcripts:
    """Transcribe each of `media` (a file, "-" for standard input, a URL yt-dlp downloads) into `fmt` (a format, a
    comma list, or all; default md, or -o's extension) at `output`: a file, a folder, or None (standard output for
    one input, else files beside the inputs). With `aligning.script`, the printed article is aligned to the speech
    instead. With one input its error is raised; with several, each failure is kept (and reported) and the others
    go on."""
    from .fileio import check_targets
    from .outputs import text_targets
    from .transcribe.models import model_files
    from .transcribe.sidecar import description_path, info_json_path

    if list(media).count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    script = _script(aligning, media)
    formats, plan = text_targets(media, output, fmt)
    targets = {item: plan(item) for item in media}
    sidecars = [side(Path(m)) for m in media if m != "-" and "://" not in m
                for side in (info_json_path, description_path)]
    sources: list[str | Path] = [*media, *sidecars, *model_files(options.model),  # yt-dlp's sidecars, the model
                                 *([aligning.script] if aligning.script else [])]
    check_targets([p for t in targets.values() for p in t.values() if p is not None], force=force, inputs=sources)
    done = Transcripts()
    for item in media:
        try:
            with _media_path(item) as path:
                transcript = _one(item, path, targets[item], options, aligning, script, timestamps, progress,
                                  show_downloads)
        except BriefcastError as e:
            if len(media) == 1:
                raise
            failure = Failure(item, e)
            done.failures.append(failure)
            if report is not None:
                report(failure)
            continue
        done.done.append(transcript)
        if report is not None:
            report(transcript)
    return done


def _one(item: str, path: str, targets: dict[str, Path | None], options: TranscribeOptions, aligning: AlignOptions,
         script: Article | None, timestamps: bool, progress: MediaProgress | None, show_downloads: bool) -> Transcript:
    """Recognise (or align) one input and write its files; the text for standard output is rendered, for the
    caller to print."""
    from .transcribe import transcribe
    from .transcribe.download import download, is_url
    from .writers import get_writer, write

    media = download(item, progress=show_downloads) if is_url(item) else path
    name = Path(media).name

    def told(done: float, total: float) -> None:
        if progress is not None:
            progress(name, done, total)

    began = time.perf_counter()
    if script is not None:
        from .transcribe.align import align_script

        article = align_script(media, script, options=options, align_options=aligning, progress=told)
    else:
        article = transcribe(media, options=options, progress=told)
    took = time.perf_counter() - began
    printed = ""
    for f, target in targets.items():
        settings = {"timestamps": timestamps} if f == "md" else {}
        if target is not None:
            write(article, target, f, **settings)
        else:
            printed += get_writer(f, **settings).render(article)
    return Transcript(item, Path(media), article, targets, took, printed)


@contextlib.contextmanager
def _media_path(item: str) -> Iterator[str]:
    """The file to transcribe: `item` itself, or standard input or a named pipe copied to a temporary file (ffmpeg
    probes and seeks, which a pipe does not allow; a pipe without a writer fails after a wait, never hangs)."""
    from .fileio import is_pipe

    if item != "-" and not is_pipe(item):
        yield item
        return
    import functools

    from .fileio import copy_capped, open_input, stdin_reader, temporary_folder

    name = "standard input" if item == "-" else item
    fd = open_input(Path(item), item) if item != "-" else None
    try:
        read = stdin_reader() if fd is None else functools.partial(os.read, fd)
        with temporary_folder("briefcast-stdin-") as tmp:
            path = tmp / "stdin"
            copy_capped(read, path, name, MAX_STDIN_BYTES, "media")
            try:
                yield str(path)
            except BriefcastError as e:  # name what the user gave, not the temporary copy
                e.message = e.message.replace(str(path), name)
                e.args = (e.message,)
                raise
    finally:
        if fd is not None:
            os.close(fd)


def _script(aligning: AlignOptions, media: Sequence[str]) -> Article | None:
    """The printed article --script names, read before any recognition (None without --script)."""
    if aligning.script is None:
        return None
    if len(media) > 1:
        raise UsageError(f"--script {aligning.script}: one printed article for {len(media)} inputs",
                         hint="transcribe one video at a time with its article, or use batch")
    from .segmenter.parse import read_article

    article = read_article(aligning.script)
    if article.is_empty:
        raise InputError(f"--script {aligning.script}: the article has no sentences to align",
                         hint="pass the printed article (its text, Markdown or HTML page)")
    return article
