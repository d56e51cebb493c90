"""`briefcast transcribe` (media -> article) and `briefcast models` (list, path, convert)."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import click

from ..transcribe.backends import CHOICES as BACKEND_CHOICES
from . import quiet_option, show_progress


@click.command()
@click.argument("media", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(), help="Output file (format from its extension) or folder "
              "(one file per format and input). Default: standard output; with several inputs, files beside them.")
@click.option("-f", "--format", "fmt", help="md, txt, json, srt, vtt, a comma list, or all. [default: md, or "
              "the -o extension]")
@click.option("--backend", type=click.Choice(BACKEND_CHOICES), default="auto",
              show_default=True, help="auto: faster-whisper if installed (faster on CPU), else openai-whisper.")
@click.option("--model", help="A model name (tiny.en, base, small, ...), a CTranslate2 folder or a .pt "
              "checkpoint. [default: the bundled tiny.en]")
@click.option("--language", help="Spoken language (en, fr, ...). [default: detect]")
@click.option("--compute-type", default="int8", show_default=True, help="faster-whisper quantisation on CPU.")
@click.option("--beam-size", type=click.IntRange(1, 20), default=5, show_default=True,
              help="Beam search width (1: greedy, faster).")
@click.option("--vad/--no-vad", default=False, show_default=True,
              help="Input up to 2 min: skip non-speech first (faster-whisper). Longer input is always cut by the VAD.")
@click.option("--batch-size", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Input over 2 min: speech chunks decoded at once (faster-whisper; more takes more memory).")
@click.option("--initial-prompt", help="Text to prime names and spelling, e.g. 'Raqqa, Tabqa, SDF.'")
@click.option("--threads", type=click.IntRange(0, 256), default=0, show_default=True,
              help="CPU threads (0: all cores).")
@click.option("--timestamps/--no-timestamps", default=True, show_default=True,
              help="Prefix Markdown paragraphs with [mm:ss].")
@quiet_option
def transcribe(media: tuple[str, ...], output: str | None, fmt: str | None, backend: str, model: str | None,
               language: str | None, compute_type: str, beam_size: int, vad: bool, batch_size: int,
               initial_prompt: str | None, threads: int, timestamps: bool, quiet: bool) -> None:
    """Transcribe the voiceover of videos or audio files into articles (title, metadata, paragraphs, times).

    MEDIA is any file ffmpeg reads: mp4, mkv, webm, mov, mp3, m4a, ogg, wav, flac.

    \b
    Examples:
      briefcast transcribe video.mp4
      briefcast transcribe video.mp4 -o article.md
      briefcast transcribe video.mp4 -o out/ --format all
      briefcast transcribe talk.mp3 -o talk.json --backend openai-whisper --model tiny.en.pt
    """
    from ..errors import BriefcastError
    from ..transcribe import TranscribeOptions

    options = TranscribeOptions(backend=backend, model=model, language=language, compute_type=compute_type,
                                beam_size=beam_size, vad=vad, batch_size=batch_size, initial_prompt=initial_prompt,
                                threads=threads)
    formats, plan = _plan(media, output, fmt)
    failed = 0
    for item in media:
        try:
            _one(item, plan(item), formats, options, timestamps, quiet)
        except BriefcastError as e:
            if len(media) == 1:
                raise
            click.echo(f"briefcast: error: {e}", err=True)
            failed += 1
    if failed:
        click.echo(f"briefcast: error: {failed} of {len(media)} inputs failed", err=True)
        raise click.exceptions.Exit(1)


def _plan(media: tuple[str, ...], output: str | None, fmt: str | None) -> tuple[list[str], Any]:
    """The formats to write and, per input, a mapping format -> output path (None: standard output)."""
    from ..errors import UsageError
    from ..writers import format_names, get_writer

    out_dir: Path | None = None
    if output is not None:
        p = Path(output)
        if p.is_dir() or output.endswith(("/", os.sep)) or not p.suffix:
            out_dir = p
        elif len(media) > 1:
            raise UsageError(f"-o {output}: one file for {len(media)} inputs", hint="give a folder, e.g. -o out/")
    formats = format_names(fmt) if fmt else (
        [get_writer(Path(output).suffix).name] if output and out_dir is None else ["md"])
    if output and out_dir is None and len(formats) > 1:
        raise UsageError(f"-o {output}: one file for {len(formats)} formats", hint="give a folder, e.g. -o out/")
    if output is None and len(formats) > 1 and len(media) == 1:
        raise UsageError(f"{len(formats)} formats cannot all go to standard output", hint="add -o FOLDER")
    _check_writable(out_dir if out_dir is not None else Path(output).parent if output else None)

    def plan(item: str) -> dict[str, Path | None]:
        stem = Path(item).stem
        if out_dir is not None:
            return {f: out_dir / f"{stem}.{get_writer(f).extension}" for f in formats}
        if output is not None:
            return {formats[0]: Path(output)}
        if len(media) == 1:
            return {formats[0]: None}
        return {f: Path(item).with_suffix("." + get_writer(f).extension) for f in formats}

    return formats, plan


def _check_writable(folder: Path | None) -> None:
    """Fail before the (slow) transcription when the output cannot be written."""
    from ..errors import OutputError

    if folder is None:
        return
    p = folder if str(folder) else Path(".")
    while not p.exists() and p != p.parent:
        p = p.parent
    if not p.is_dir() or not os.access(p, os.W_OK):
        raise OutputError(f"{folder}: cannot write here", hint="choose a writable output folder")


def _one(item: str, targets: dict[str, Path | None], formats: list[str], options: Any, timestamps: bool,
         quiet: bool) -> None:
    from ..transcribe import transcribe as run
    from ..writers import get_writer, write

    bar = None
    if show_progress(quiet):
        from tqdm import tqdm

        bar = tqdm(total=1.0, unit="s", desc=Path(item).name, leave=False, dynamic_ncols=True,
                   bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} s [{elapsed}<{remaining}]")

    def progress(done: float, total: float) -> None:
        if bar is not None:
            bar.total = total
            bar.update(done - bar.n)

    began = time.perf_counter()
    try:
        article = run(item, options=options, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    took = time.perf_counter() - began
    for f, path in targets.items():
        opts = {"timestamps": timestamps} if f == "md" else {}
        if path is None:
            click.echo(get_writer(f, **opts).render(article), nl=False)
        else:
            write(article, path, f, **opts)
    if not quiet:
        words = sum(len(s.words) for s in article.sentences)
        dur = article.duration or 0.0
        rtf = took / dur if dur else 0.0
        where = ", ".join(str(p) for p in targets.values() if p is not None)
        click.echo(f"briefcast: {Path(item).name}: {dur:.1f} s of audio, {words} words, {len(article.paragraphs)} "
                   f"paragraphs, real-time factor {rtf:.2f} ({took:.1f} s)" + (f" -> {where}" if where else ""),
                   err=True)
        for q in article.qa:
            click.echo(f"briefcast: qa: {q['kind']} at {q['start']:.1f} s: {q['message']}", err=True)


@click.group()
def models() -> None:
    """Recognition models: where they are, and converting them for openai-whisper.

    \b
    Examples:
      briefcast models list
      briefcast models convert --bundled tiny.en.pt
      briefcast models convert ./whisper-base-ct2 base.pt
    """


@models.command("list")
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
    cache = Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "whisper"
    for f in sorted(cache.glob("*.pt")):
        click.echo(f"openai-whisper  {f.stem}  {f}")


@models.command("path")
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
@quiet_option
def models_convert(paths: tuple[str, ...], bundled: bool, quiet: bool) -> None:
    """Rebuild an openai-whisper checkpoint from a CTranslate2 Whisper model: CT2_DIR OUT.pt.

    \b
    Examples:
      briefcast models convert --bundled ~/tiny.en.pt
      briefcast models convert ./faster-whisper-base base.pt
      briefcast transcribe talk.mp3 --backend openai-whisper --model base.pt
    """
    from ..errors import UsageError
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
    began = time.perf_counter()
    convert(src, out)
    if not quiet:
        click.echo(f"briefcast: converted {src} -> {out} ({time.perf_counter() - began:.1f} s)", err=True)
