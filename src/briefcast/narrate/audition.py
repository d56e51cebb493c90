"""Auditioning: a word or phrase said on its own (`briefcast say`), to hear a lexicon entry before narrating.

The text is narrated like one body sentence (normalised for speech, the lexicon applied, loudness set), without
intro, outro, music or sidecars; `play` hands a file to the first audio player found.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..document import Article, Paragraph, Section, Sentence
from ..errors import EngineError, InputError, ToolMissingError
from .narrator import NarrationResult, narrate
from .options import NarrateOptions

PLAYERS = (  # the players tried, in order, with the arguments that play a file once and exit
    ("ffplay", ("-nodisp", "-autoexit", "-loglevel", "error")),
    ("pw-play", ()),
    ("paplay", ()),
    ("aplay", ("-q",)),
)
PLAY_TIMEOUT = 120.0  # seconds a player may take


def say(text: str, output: str | Path, *, options: NarrateOptions = NarrateOptions()) -> NarrationResult:
    """Say `text` into the audio file `output` with the narration's engine, voice, rate and lexicon."""
    from ..segmenter.speech import speak

    if not any(c.isalnum() for c in text):
        raise InputError(f"nothing to say in {text!r}", hint='give a word or phrase, e.g. briefcast say "Tabqa"')
    written = " ".join(text.split())
    article = Article(sections=[Section(paragraphs=[Paragraph([Sentence(written, " ".join(speak(written).split()))])])])
    plain = options.replace(intro=False, outro=False, music=None, bed=None, subtitles=(), chapters_json=False)
    return narrate(article, output, options=plain)


def audition(text: str, output: str | Path | None = None, *, options: NarrateOptions = NarrateOptions(),
             aloud: bool = False) -> NarrationResult:
    """Say `text` into `output` (None: a temporary file, gone when this returns) and, when `aloud`, play it: the
    player is looked for before any synthesis (ToolMissingError when there is none)."""
    from ..fileio import temporary_folder

    if aloud:
        player()
    with temporary_folder("briefcast-say-") as folder:
        result = say(text, Path(output) if output is not None else folder / f"say{options.extension}", options=options)
        if aloud:
            play(result.path)
    return result


def player() -> list[str]:
    """The command line of the first audio player installed (ffplay, pw-play, paplay, aplay), file not included."""
    for name, args in PLAYERS:
        found = shutil.which(name)
        if found:
            return [found, *args]
    raise ToolMissingError("no audio player is installed (ffplay, pw-play, paplay or aplay)",
                           hint="install the Debian package ffmpeg (it has ffplay), or write a file with -o")


def play(path: Path) -> None:
    """Play an audio file to the end; EngineError when the player cannot (no sound device, ...)."""
    command = [*player(), str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PLAY_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        raise EngineError(f"{Path(command[0]).name} did not finish playing in {PLAY_TIMEOUT:g} s") from e
    said = done.stderr.strip()
    if done.returncode or "failed" in said.lower():  # ffplay exits 0 when it cannot open the sound device
        raise EngineError(f"{Path(command[0]).name} could not play {path.name}",
                          hint="check the sound device, or write a file with -o and play it elsewhere",
                          detail=said)
