"""`briefcast narrate` and `briefcast voices`: articles to audio briefings, and the voices to read them with."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from . import quiet_option, show_progress

FORMAT_NAMES = ["mp3", "ogg", "opus", "m4a", "wav"]


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-o", "--output", "output", type=click.Path(allow_dash=False),
              help="Audio file to write, or a folder (the name comes from the title). Default: a name made from "
                   "the title, in the current folder. Several FILES need a folder.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_NAMES), default=None,
              help="mp3 (default), ogg (Vorbis), opus, m4a (AAC) or wav. Default: from the -o extension, else mp3.")
@click.option("--engine", type=click.Choice(["auto", "piper", "pyttsx3"]), default="auto", show_default=True,
              help="Speech engine: auto is Piper when its voice is installed, else pyttsx3 (espeak-ng).")
@click.option("--voice", default=None,
              help="The engine's voice (see `briefcast voices`): Piper en_US-joe-medium or a .onnx file; "
                   "pyttsx3 an espeak-ng voice such as en-us.")
@click.option("--rate", type=int, default=175, show_default=True,
              help="Speaking rate in words per minute (pyttsx3 80-450, Piper 100-375).")
@click.option("--volume", type=float, default=1.0, show_default=True, help="Engine volume, 0-1.")
@click.option("--no-intro", is_flag=True, help="Do not speak the intro (publisher, date, title, byline).")
@click.option("--no-outro", is_flag=True, help="Do not speak the outro (credits and original source).")
@click.option("--intro-template", default=None,
              help="Intro wording; {publisher} {published_spoken} {title} {byline}; [groups] drop when empty.")
@click.option("--outro-template", default=None,
              help="Outro wording; {credits} {source_name} {source_published_spoken}; [groups] drop when empty.")
@click.option("--music", default="none", show_default=True,
              help="Sting before the intro and after the outro: an audio file, 'default' (the bundled chime) "
                   "or 'none'.")
@click.option("--bed", default="none", show_default=True,
              help="Music bed under the body, ducked under speech: an audio file, 'default' or 'none'.")
@click.option("--loudness", type=float, default=-16.0, show_default=True,
              help="Integrated loudness target in LUFS (-16 stereo/podcast, -19 mono).")
@click.option("--true-peak", type=float, default=-1.0, show_default=True, help="True-peak ceiling in dBTP.")
@click.option("--sample-rate", type=int, default=44100, show_default=True, help="Output sample rate in Hz.")
@click.option("--bitrate", default=None, help="e.g. 96k; default: mp3 128k, ogg 112k, opus 64k, m4a 128k.")
@click.option("--stereo", is_flag=True, help="Write two channels (default: mono).")
@click.option("--subtitles", default="", metavar="LIST",
              help="Sidecars next to the audio: srt,vtt,json (or all); also writes STEM.chapters.json.")
@click.option("--chapters-json", is_flag=True, help="Write STEM.chapters.json (Podcasting 2.0) even without subtitles.")
@click.option("--no-cache", is_flag=True, help="Synthesise everything again; do not read or write the cache.")
@click.option("--jobs", type=int, default=2, show_default=True,
              help="Processes working at once: speech engines, and metering the mp3 while it is encoded "
                   "(1: one at a time).")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@quiet_option
def narrate(files: tuple[str, ...], output: str | None, fmt: str | None, engine: str, voice: str | None, rate: int,
            volume: float, no_intro: bool, no_outro: bool, intro_template: str | None, outro_template: str | None,
            music: str, bed: str, loudness: float, true_peak: float, sample_rate: int, bitrate: str | None,
            stereo: bool, subtitles: str, chapters_json: bool, no_cache: bool, jobs: int, force: bool,
            quiet: bool) -> None:
    """Narrate articles into podcast-ready audio briefings.

    FILE is a .txt, .md or .html article, or - for standard input. The briefing has a spoken intro from the
    metadata, the body with pauses between sentences, paragraphs and sections, and an outro with the credits; it
    is normalised to -16 LUFS (true peak -1 dBTP), tagged, and has chapters. Sentences are cached, so narrating
    an article again is fast. A one-line summary goes to stderr.

    \b
    Examples:
      briefcast narrate article.txt -o briefing.mp3 --subtitles srt,vtt,json
      briefcast narrate page.html -o episodes/ --music default --bed default
      briefcast narrate article.md -o briefing.opus --engine pyttsx3 --voice en-us --rate 190
      cat article.txt | briefcast narrate - -o briefing.m4a --no-outro
      briefcast narrate a.txt b.txt c.txt -o podcast/ -q
    """
    from ..errors import UsageError
    from ..narrate import NarrateOptions, narrate_file
    from ..narrate.options import DEFAULT_INTRO, DEFAULT_OUTRO, SUBTITLE_FORMATS

    if len(files) > 1 and output is not None and not Path(output).is_dir() and Path(output).suffix:
        raise UsageError("several files need -o to be a folder", hint="e.g. -o podcast/")
    if files.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    kinds: list[str] = []
    for part in (p.strip().lower() for p in subtitles.split(",") if p.strip()):
        for k in SUBTITLE_FORMATS if part == "all" else (part,):
            if k not in SUBTITLE_FORMATS:
                raise UsageError(f"unknown subtitle format {k!r}", hint="choose from srt, vtt, json or all")
            if k not in kinds:
                kinds.append(k)
    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output else ""
        fmt = suffix if suffix in FORMAT_NAMES else "mp3"
    options = NarrateOptions(
        format=fmt, engine=engine, voice=voice, rate=rate, volume=volume, intro=not no_intro, outro=not no_outro,
        intro_template=intro_template or DEFAULT_INTRO, outro_template=outro_template or DEFAULT_OUTRO,
        music=music, bed=bed, loudness=loudness, true_peak=true_peak, sample_rate=sample_rate, bitrate=bitrate,
        channels=2 if stereo else 1, subtitles=tuple(kinds), chapters_json=chapters_json, cache=not no_cache,
        jobs=jobs, force=force).validate()
    if len(files) > 1 and output is not None:
        Path(output).mkdir(parents=True, exist_ok=True)
    for file in files:
        with _progress(show_progress(quiet), file) as progress:
            result = narrate_file(file, output, options=options, progress=progress)
        if not quiet:
            click.echo(result.summary(), err=True)


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

                self.bar = tqdm(total=total, desc=Path(self.label).name, unit="sentence", leave=False)
            self.bar.n = done
            self.bar.refresh()

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


@click.command()
@click.option("--language", "-l", default=None, help="Only voices for this language code prefix, e.g. en.")
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
