"""`briefcast batch`: convert many files into one folder, in parallel, resumable."""
from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ..batch import DEFAULT_SIDECARS, BatchOptions
from ..optionspec import flags
from . import interrupted, printable, say, show_progress
from .options import (
    declared_options,
    jobs_option,
    narrate_options,
    narration_options,
    output_options,
    reading_options,
    recognition_options,
    transcribe_options,
)

RUNNING = [f.name for f, _ in flags(BatchOptions, "batch") if f.name != "text_formats"]  # -t comes last in the help


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@jobs_option("files converted at once, one process each", default=None)
@declared_options(BatchOptions, "batch", "run", only=RUNNING)
@narration_options("batch", defaults={"subtitles": DEFAULT_SIDECARS})
@recognition_options("batch")
@reading_options("batch")
@declared_options(BatchOptions, "batch", "run", only=["text_formats"])
@output_options("Output folder (created if needed); the manifest of what is done lives in it. --force: also "
                "overwrite files in it that the manifest does not list.", json=True, required=True)
def batch(inputs: tuple[str, ...], jobs: int | None, run: dict[str, Any], narration: dict[str, Any],
          recognition: dict[str, Any], reading: dict[str, Any], output: str, force: bool, quiet: bool,
          as_json: bool) -> None:
    """Convert many files into OUTDIR: articles are narrated, audio and video transcribed.

    INPUTS are files, folders, globs or @list.txt (one path a line); a URL is media to transcribe (yt-dlp), or
    with --to audio an article page or an RSS/Atom feed to narrate (a feed file too: its items, --latest, --since).
    A recording is aligned with its printed article (as transcribe --script) when NAME.article.html|md|txt is
    beside it, or when a line of an @list pairs them: MEDIA<TAB>ARTICLE.
    Runs N files at once, skips what an earlier run finished (unless the input or the settings changed, or --redo),
    and never lets one bad file stop the others. A file in OUTDIR that this batch did not write is never replaced
    without --force. Exit code 0 when every input succeeded, 1 when any failed.

    \b
    Examples:
      briefcast batch articles/ -o podcast/ --jobs 2
      briefcast batch 'downloads/*.mp4' @more.txt -o transcripts/ --to text
      briefcast batch articles/ -r --glob '*.md' -o podcast/ --subtitles srt,vtt --json
      briefcast batch articles/ -o podcast/ --engine dask --scheduler tcp://10.0.0.5:8786
      briefcast batch https://example.org/feed.xml --to audio --latest 5 -o podcast/
    """
    from ..batch import run_batch
    from ..stories import ReadOptions

    narrate, transcribe = _stage_options(narration, recognition)
    options = BatchOptions(**run, jobs=jobs, narrate=narrate, transcribe=transcribe, reading=ReadOptions(**reading),
                           force=force)
    display = _Display() if show_progress(quiet) else None
    try:
        report = run_batch(inputs, output, options=options, progress=display)
    finally:
        if display is not None:
            display.close()
    _report(report, quiet, as_json)


def _stage_options(narration: dict[str, Any], recognition: dict[str, Any]) -> tuple[Any, Any]:
    """NarrateOptions (one engine process per file: --jobs counts files) and TranscribeOptions from the options
    given; None for a stage given none (run_batch's defaults)."""
    narrate = transcribe = None
    if {k: v for k, v in narration.items() if (k, v) != ("subtitles", DEFAULT_SIDECARS)}:  # any option given
        narrate = narrate_options(narration, jobs=1)
    if recognition:
        transcribe = transcribe_options(recognition)
    return narrate, transcribe


def _report(report: Any, quiet: bool, as_json: bool) -> NoReturn:
    """The report as JSON (--json), a line per failure (with the tool's words under it with -v), the summary
    table; exit 0 when everything succeeded, 1 when anything failed, 128 + the signal when interrupted."""
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    obj = click.get_current_context().find_root().obj or {}
    for r in report.failed:
        say(f"briefcast: failed: {r.input}: {r.error}")
        if r.detail and (obj.get("verbose") or obj.get("debug")):
            for line in r.detail.strip().splitlines()[-20:]:
                say(f"  {line}")
    if not quiet:
        for line in summary_table(report).splitlines():
            say(line)
    if report.interrupted:
        signum = report.signum or signal.SIGINT
        say(f"briefcast: {interrupted(signum)}: finished outputs are kept; run the same command again to resume")
        sys.exit(128 + signum)
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
            names = [printable(Path(v).name) for v in value]
            self.bar.set_postfix_str(", ".join(names[:3]) + (" ..." if len(names) > 3 else ""), refresh=True)
        elif event == "result":
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
