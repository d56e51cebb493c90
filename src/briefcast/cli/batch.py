"""`briefcast batch`: convert many files into one folder, in parallel, resumable."""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import click

from ..transcribe.backends import CHOICES as BACKEND_CHOICES
from . import quiet_option, show_progress


def _csv(value: str | None) -> tuple[str, ...] | None:
    return tuple(p.strip() for p in value.split(",") if p.strip()) if value else None


def _options(cls: type, values: dict[str, Any]) -> Any:
    """An options dataclass from the values given on the command line (unset ones keep the dataclass default)."""
    fields = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if v is not None and k in fields})


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(),
              help="Output folder (created if needed); the manifest of what is done lives in it.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Files converted at once (worker processes). [default: number of cores]")
@click.option("--to", "to", type=click.Choice(["auto", "audio", "text"]), default="auto", show_default=True,
              help="auto: articles -> audio, audio/video -> text; audio: articles only; text: everything -> text.")
@click.option("--glob", "pattern", metavar="PATTERN", help="Only files in folders that match, e.g. '*.md'.")
@click.option("-r", "--recursive", is_flag=True, help="Descend into subfolders of folder inputs.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes here; dask: a Dask cluster (extra [dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask; default: a LocalCluster here).")
@click.option("--force", is_flag=True, help="Convert everything again, even what is done and unchanged.")
@click.option("--format", "audio_format", type=click.Choice(["mp3", "ogg", "opus", "m4a", "wav"]), default=None,
              help="Narration: audio format. [default: mp3]")
@click.option("--voice", default=None, help="Narration: voice name or id (see `espeak-ng --voices`).")
@click.option("--rate", type=int, default=None, help="Narration: speaking rate in words per minute.")
@click.option("--subtitles", default=None, metavar="FORMATS",
              help="Narration: sidecars next to the audio. [default: srt,vtt,json]")
@click.option("--no-cache", is_flag=True, help="Narration: do not reuse cached speech.")
@click.option("--model", default=None, help="Transcription: Whisper model name or path. [default: bundled tiny.en]")
@click.option("--backend", type=click.Choice(BACKEND_CHOICES), default=None,
              help="Transcription: recogniser backend. [default: auto]")
@click.option("--language", default=None, help="Transcription: language code, e.g. en.")
@click.option("-t", "--transcript-format", "text_formats", default="md,json", show_default=True,
              help="Transcription and --to text: output formats (md, txt, json, srt, vtt, all).")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable report on stdout.")
@quiet_option
def batch(inputs: tuple[str, ...], outdir: str, jobs: int | None, to: str, pattern: str | None, recursive: bool,
          engine: str, scheduler: str | None, force: bool, audio_format: str | None, voice: str | None,
          rate: int | None, subtitles: str | None, no_cache: bool, model: str | None, backend: str | None,
          language: str | None, text_formats: str, as_json: bool, quiet: bool) -> None:
    """Convert many files into OUTDIR: articles are narrated, audio and video transcribed.

    INPUTS are files, folders, globs or @list.txt (one path a line). Runs N files at once, skips what an earlier
    run finished (unless the input or the settings changed), and never lets one bad file stop the others.
    Exit code 0 when every input succeeded, 1 when any failed.

    \b
    Examples:
      briefcast batch articles/ -o podcast/ --jobs 2
      briefcast batch 'downloads/*.mp4' @more.txt -o transcripts/ --to text
      briefcast batch articles/ -r --glob '*.md' -o podcast/ --subtitles srt,vtt --json
      briefcast batch articles/ -o podcast/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from ..batch import DEFAULT_SIDECARS, BatchOptions, run_batch
    from ..writers import format_names

    formats = tuple(format_names(text_formats))
    narrate_options = transcribe_options = None
    if any(v is not None for v in (audio_format, voice, rate, subtitles)) or no_cache:
        from ..narrate import NarrateOptions

        narrate_options = _options(NarrateOptions, {"format": audio_format, "voice": voice, "rate": rate,
                                                    "subtitles": _csv(subtitles) or DEFAULT_SIDECARS,
                                                    "cache": False if no_cache else None, "jobs": 1})
    if any(v is not None for v in (model, backend, language)):
        import os

        from ..transcribe import TranscribeOptions

        workers = jobs or os.cpu_count() or 1
        transcribe_options = _options(TranscribeOptions, {"model": model, "backend": backend, "language": language,
                                                          "threads": max(1, (os.cpu_count() or 1) // workers)})
    if scheduler and engine == "local":
        engine = "dask"  # a scheduler address only makes sense for Dask
    options = BatchOptions(to=to, jobs=jobs, engine=engine, scheduler=scheduler, pattern=pattern,
                           recursive=recursive, narrate=narrate_options, transcribe=transcribe_options,
                           text_formats=formats, force=force)
    display = _Display() if show_progress(quiet) else None
    try:
        report = run_batch(inputs, outdir, options=options, progress=display)
    finally:
        if display is not None:
            display.close()
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    for r in report.failed:
        click.echo(f"briefcast: failed: {r.input}: {r.error}", err=True)
    if not quiet:
        click.echo(summary_table(report), err=True)
    if report.interrupted:
        click.echo("briefcast: interrupted: finished outputs are kept; run the same command again to resume",
                   err=True)
        sys.exit(130)
    sys.exit(0 if report.ok else 1)


def summary_table(report: Any) -> str:
    """The end-of-batch table: done, skipped, failed, audio minutes, wall time."""
    rows = [("done", str(len(report.done))), ("skipped", str(len(report.skipped))),
            ("failed", str(len(report.failed))), ("audio", f"{report.audio_seconds / 60:.1f} min"),
            ("time", f"{report.elapsed:.1f} s")]
    if report.ignored:
        rows.insert(3, ("ignored", f"{len(report.ignored)} (inside the output folder)"))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"  {k:<{width}}  {v}" for k, v in rows)


class _Display:
    """One overall progress bar plus the files in flight, on stderr."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, event: str, value: Any) -> None:
        from tqdm import tqdm

        if event == "planned":
            self.bar = tqdm(total=value, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)
        elif self.bar is None:
            return
        elif event == "running":
            names = [Path(v).name for v in value]
            self.bar.set_postfix_str(", ".join(names[:3]) + (" ..." if len(names) > 3 else ""), refresh=True)
        elif event == "result":
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
