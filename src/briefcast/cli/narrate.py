"""`briefcast narrate` and `briefcast voices`: articles to audio briefings, and the voices to read them with."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..narrate.options import NarrateOptions
from ..optionspec import default_of
from . import printable, report_error, say, show_progress
from .options import (
    jobs_option,
    narrate_options,
    narration_options,
    output_options,
    reading_options,
    verbosity_options,
)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@narration_options("narrate")
@reading_options("narrate")
@jobs_option("speech engines for one article, and metering the mp3 while it is encoded",
             default=default_of(NarrateOptions, "jobs"))
@output_options("Audio file to write (.mp3, .ogg, .opus, .m4a, .wav), or a folder (names come from the titles; "
                "articles with the same title get -2, -3...). Default: a name made from the title, in the current "
                "folder. Several FILES need a folder.", json=True)
@click.option("--script", "show_script", is_flag=True,
              help="Print what would be spoken, intro and outro included, one utterance a line with the pause "
                   "after it ([sentence], [paragraph], [section], ...); start no engine, write no audio.")
def narrate(files: tuple[str, ...], narration: dict[str, Any], reading: dict[str, Any], jobs: int,
            output: str | None, force: bool, quiet: bool, as_json: bool, show_script: bool) -> None:
    """Narrate articles into podcast-ready audio briefings.

    FILE is a .txt, .md or .html article, - for standard input, an article page's URL (fetched and cached), or
    an RSS/Atom feed (a URL or a file: its items, or the newest with --latest N or --since DATE). The briefing has
    a spoken intro from the metadata, the body with pauses between sentences, paragraphs and sections, and an
    outro with the credits; it is normalised to -16 LUFS (true peak -1 dBTP), tagged, and has chapters. Sentences
    are cached, so narrating an article again is fast. A one-line summary goes to stderr. An existing output file
    is an error unless --force; an input is never overwritten.

    \b
    Examples:
      briefcast narrate article.txt -o briefing.mp3 --subtitles srt,vtt,json
      briefcast narrate page.html -o episodes/ --music default --bed default
      briefcast narrate article.md -o briefing.opus --engine pyttsx3 --voice en-us --rate 190
      cat article.txt | briefcast narrate - -o briefing.m4a --no-outro
      briefcast narrate a.txt b.txt c.txt -o podcast/ -q
      briefcast narrate article.txt --script
      briefcast narrate https://example.org/news/story.html -o story.mp3
      briefcast narrate https://example.org/feed.xml --latest 3 -o podcast/

    Pages of one site narrated together are compared: a paragraph that two or more of them print (the site's
    template) is not said.
    """
    from ..briefings import narrate_inputs
    from ..errors import Failure
    from ..outputs import audio_format
    from ..stories import ReadOptions

    chosen = audio_format(output, files)
    if "format" not in narration and chosen is not None:  # else NarrateOptions' default
        narration["format"] = chosen
    options = narrate_options(narration, jobs=jobs, force=force)
    read = ReadOptions(**reading)
    if show_script or as_json:  # --json prints the --script preview as data
        _print_script(files, options, read, as_json)
        return
    bars = _Bars(show_progress(quiet))

    def report(outcome: Any) -> None:
        bars.close()
        if isinstance(outcome, Failure):
            report_error(click.get_current_context(), outcome.error)
        elif not quiet:
            say(outcome.summary())

    try:
        done = narrate_inputs(files, output, options=options, reading=read, progress=bars, report=report)
    finally:
        bars.close()
    if done.failures:
        say(f"briefcast: error: {len(done.failures)} of {len(files)} articles failed")
        raise click.exceptions.Exit(1)


def _print_script(files: tuple[str, ...], options: Any, read: Any, as_json: bool) -> None:
    """`--script`: the utterances each FILE would be narrated as (library: briefings.script_previews)."""
    import json

    from ..briefings import script_previews
    from ..narrate.script import format_preview

    scripts = script_previews(files, options, read)
    if as_json:
        click.echo(json.dumps([{**line.to_dict(), "file": file} for file, lines in scripts for line in lines],
                              ensure_ascii=False, indent=1))
    else:
        click.echo("\n\n".join(format_preview(lines) for _, lines in scripts))


class _Bars:
    """A tqdm bar on stderr for the article being narrated, fed by narrate_inputs' progress(input, done, total);
    nothing when quiet or not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.label: str | None = None
        self.bar: _progress | None = None
        self.update: Any = None

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if label != self.label or self.bar is None:
            self.close()
            self.label, self.bar = label, _progress(True, label)
            self.update = self.bar.__enter__()
        self.update(done, total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = self.update = None


class _progress:
    """A tqdm bar on stderr fed by narrate's progress(done, total) callback; None when quiet or not a terminal."""

    def __init__(self, enabled: bool, label: str) -> None:
        self.enabled, self.label = enabled, label
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return None

        def update(done: int, total: int) -> None:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, desc=printable(Path(self.label).name), unit="sentence", leave=False)
            self.bar.n = done
            self.bar.refresh()

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


@click.command()
@click.option("--language", "-l", default=None, help="Only voices for this language code prefix, e.g. en.")
@verbosity_options
def voices(language: str | None) -> None:
    """List the voices of every installed speech engine: engine, voice, languages, and which is the default.

    Pass the voice (for espeak-ng voices also its last part, or its name) to `briefcast narrate --voice`, with
    `--engine` when it is not the default engine's. Piper also speaks any .onnx voice file given by its path.

    \b
    Examples:
      briefcast voices
      briefcast voices --language en
    """
    from ..narrate.engines import offered_voices

    click.echo(f"{'ENGINE':<8} {'VOICE':<24} {'NAME':<40} {'LANGUAGES':<16} DEFAULT")
    for o in offered_voices(language):
        click.echo(f"{o.engine:<8} {o.voice.id:<24} {o.voice.name[:40]:<40} {','.join(o.voice.languages):<16} "
                   f"{o.default}")
