"""`briefcast narrate` and `briefcast voices`: articles to audio briefings, and the voices to read them with."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
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
    from ..errors import UsageError
    from ..narrate.narrator import checked_cache
    from ..outputs import audio_folder
    from ..segmenter.sitewide import drop_site_template
    from ..stories import ReadOptions

    folder = audio_folder(output, files)
    if files.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    if "format" not in narration and output is not None and not folder:  # else NarrateOptions' default
        narration["format"] = Path(output).suffix.lower().lstrip(".")
    options = narrate_options(narration, jobs=jobs, force=force)
    read = ReadOptions(**reading)
    if show_script or as_json:  # --json prints the --script preview as data
        _print_script(files, options, read, as_json)
        return
    with _engine_started(options):
        articles, failed = _read_all(files, options, read)
        if len(articles) > 1 and output is not None and not folder:
            raise UsageError(f"{files[0]} holds {len(articles)} stories: -o must be a folder",
                             hint="e.g. -o podcast/, or pass --latest 1, or use briefcast brief for one episode")
        drop_site_template([article for _, article in articles])
        if len(articles) > 1:  # an unusable cache folder: one warning for all the articles
            options = checked_cache(options)
        failed += _narrate_each(articles, files, output, folder, options, quiet)
    if failed:
        say(f"briefcast: error: {failed} of {len(files)} articles failed")
        raise click.exceptions.Exit(1)


def _engine_started(options: NarrateOptions) -> AbstractContextManager[object]:
    """With the cache off every sentence is synthesised: the engine's workers (--jobs of them) start loading their
    voice while the articles are read and parsed, and the first narration takes them (narrate.engine.starting).
    Nothing is started when the cache may hold the audio, nor when the engine cannot run: the narration says why in
    its turn."""
    from ..errors import BriefcastError
    from ..narrate.engine import starting
    from ..narrate.engines import choose_engine

    if options.cache:
        return nullcontext()
    try:
        speaker = choose_engine(options.engine, options.voice)
        spec = getattr(speaker, "spec", None)
        if spec is None:  # (an engine that does not speak in the pool's workers)
            return nullcontext()
        return starting(spec(options.voice, options.rate, options.volume), options.jobs)
    except BriefcastError:
        return nullcontext()


def _read_all(files: tuple[str, ...], options: Any, read: Any) -> tuple[list[tuple[str, Any]], int]:
    """Every input's articles (read all first: pages of one site are compared, their shared template not said),
    with a trial encode meanwhile (an encoder that refuses the format fails before any synthesis); inputs that
    could not be read are reported and counted (with one input, its error is raised)."""
    from ..errors import BriefcastError
    from ..narrate.encode import check_encoder
    from ..stories import read_input

    failed = 0
    articles: list[tuple[str, Any]] = []
    with ThreadPoolExecutor(1) as pool:
        trial = pool.submit(check_encoder, options)  # a trial encode (an ffmpeg process) while the articles are read
        for file in files:
            try:
                articles.extend((file, story.article) for story in read_input(file, options=read))
            except BriefcastError as e:
                if len(files) == 1:
                    raise
                report_error(click.get_current_context(), e)
                failed += 1
        trial.result()
    return articles, failed


def _narrate_each(articles: list[tuple[str, Any]], files: tuple[str, ...], output: str | None, folder: bool,
                  options: Any, quiet: bool) -> int:
    """Narrate each article to its planned path (outputs.audio_target), a summary line each; failures are reported
    and counted (with one input, its error is raised)."""
    from ..errors import BriefcastError
    from ..narrate.narrator import narrate as run
    from ..outputs import audio_target

    taken: set[Path] = set()
    failed = 0
    for file, article in articles:
        try:
            target = audio_target(article, file, output, folder, options, taken, files)
            with _progress(show_progress(quiet), file) as progress:
                result = run(article, target, options=options, progress=progress)
        except BriefcastError as e:
            if len(files) == 1:
                raise
            report_error(click.get_current_context(), e)
            failed += 1
            continue
        if not quiet:
            say(result.summary())
    return failed


def _print_script(files: tuple[str, ...], options: Any, read: Any, as_json: bool) -> None:
    """`--script`: the utterances each FILE would be narrated as (library: narrate.script.preview)."""
    import json

    from ..narrate.script import format_preview, preview
    from ..segmenter.sitewide import drop_site_template
    from ..stories import read_input

    stories = [(file, story.article) for file in files for story in read_input(file, options=read)]
    drop_site_template([article for _, article in stories])
    scripts = [(file, preview(article, options)) for file, article in stories]
    if as_json:
        click.echo(json.dumps([dict(line, file=file) for file, lines in scripts for line in lines],
                              ensure_ascii=False, indent=1))
    else:
        click.echo("\n\n".join(format_preview(lines) for _, lines in scripts))


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
    from ..narrate.engines import choose_engine, installed_engines

    engines = installed_engines()
    auto = choose_engine("auto").name if engines else None
    click.echo(f"{'ENGINE':<8} {'VOICE':<24} {'NAME':<40} {'LANGUAGES':<16} DEFAULT")
    for engine in engines:
        for v in engine.voices():
            want = (language or "").lower().replace("_", "-")
            if want and not any(x.lower().replace("_", "-").startswith(want) for x in v.languages) \
                    and not v.id.lower().rsplit("/", 1)[-1].startswith(want):
                continue
            mark = ("yes" if engine.name == auto else "engine") if v.default else ""
            click.echo(f"{engine.name:<8} {v.id:<24} {v.name[:40]:<40} {','.join(v.languages):<16} {mark}")
