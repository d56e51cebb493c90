"""Narration options: one frozen dataclass, validated once before any work starts."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..formats import AUDIO_FORMATS, FORMAT_NAMES, SUBTITLE_FORMATS, audio_format
from ..optionspec import AUDIO, TEXT, option, setting
from ..segmenter.pauses import DEFAULT_GRAMMAR, PauseGrammar
from .engines import AUTO, ENGINE_NAMES, REGISTRY, engine_help, rate_help, voice_help
from .lexicon import Lexicon, load_lexicon

# Spoken intro and outro. {placeholders} come from the article's metadata; a [bracketed group] is left out when a
# placeholder inside it is empty, so one template reads well whatever metadata an article has. Groups nest.
DEFAULT_INTRO = "[From {publisher}][, {published_spoken}]. [{title}.] [By {byline}.]"
DEFAULT_OUTRO = "[{credits}.] [Originally published by {source_name}[ on {source_published_spoken}].]"

MUSIC_NONE = ("", "none", "off")  # spellings of "no music"
NARRATING = ("narrate", "batch", "roundtrip", "brief")  # the commands that narrate: each takes every narration flag
SPEAKING = (*NARRATING, "say")  # the flags of the voice itself: `say` takes these too
_SUBTITLE_LIST = ", ".join(SUBTITLE_FORMATS)  # "srt, vtt, json", for messages


def parse_subtitles(text: str) -> tuple[str, ...]:
    """`srt,vtt`, `all` or `none` -> the sidecar kinds, in order, once each; an unknown or empty name: UsageError."""
    parts = [p.strip().lower() for p in text.split(",")]
    if not all(parts):
        raise UsageError(f"--subtitles {text!r}: an empty name in the list",
                         hint=f"give {_SUBTITLE_LIST}, all or none, separated by commas, e.g. srt,vtt")
    kinds: list[str] = []
    for part in parts:
        if part == "none":
            continue
        for k in SUBTITLE_FORMATS if part == "all" else (part,):
            if k not in SUBTITLE_FORMATS:
                raise UsageError(f"unknown subtitle format {k!r}", hint=f"choose from {_SUBTITLE_LIST}, all or none")
            if k not in kinds:
                kinds.append(k)
    return tuple(kinds)


@dataclass(frozen=True)
class NarrateOptions:
    """How to narrate an article. Units are in the comments; defaults make a -16 LUFS mono MP3 podcast episode.
    Each field declares its flag and what it shapes (briefcast.optionspec): the commands and the render cache read
    it from here."""

    format: str = option(  # a name in briefcast.formats: mp3 | ogg (Vorbis) | opus (Ogg Opus) | m4a (AAC) | wav
        "mp3", "-f", "--format", choices=FORMAT_NAMES, show_default=False, commands=SPEAKING, shapes=AUDIO,
        help="Audio format: mp3, ogg (Vorbis), opus, m4a (AAC) or wav. [default: an audio file -o's extension, "
             "else mp3]")
    engine: str = option(  # "auto" (Piper when its voice is installed, else pyttsx3), or an engine's name
        AUTO, "--engine", choices=ENGINE_NAMES, commands=SPEAKING, shapes=AUDIO,
        renamed={"batch": ("--speech-engine",)},  # batch's --engine is where the jobs run
        help=engine_help())
    voice: str | None = option(  # Piper "en_US-joe-medium" or a .onnx path; pyttsx3 an espeak-ng voice id, short id
        None, "--voice", show_default=False, commands=SPEAKING, shapes=AUDIO,  # or name; None: the default
        help=voice_help())
    rate: int = option(  # words per minute; each engine has its range, checked once it is chosen
        175, "--rate", type=int, commands=SPEAKING, shapes=AUDIO,
        help=rate_help())
    volume: float = option(  # engine volume, 0..1 (loudness normalisation sets the final level)
        1.0, "--volume", type=float, commands=SPEAKING, shapes=AUDIO, help="Engine volume, 0-1.")
    lexicon: str | None = option(  # a TOML file of pronunciations; None: the default lexicon when it exists; "none"
        None, "--lexicon", metavar="FILE", show_default=False, commands=SPEAKING, shapes=AUDIO,  # (lexicon.py)
        help="Pronunciation lexicon (TOML: Tabqa = \"TAHB-kah\", or [[phonemes]]): what the engine is given for "
             "those words and phrases. [default: lexicon.toml in the user config folder, when there; none: no "
             "lexicon]")
    intro: bool = option(  # speak an intro made from the metadata
        True, "--no-intro", value=False, commands=NARRATING, shapes=AUDIO,
        help="Do not speak the intro (publisher, date, title, byline).")
    outro: bool = option(  # speak an outro with the credits and the original source
        True, "--no-outro", value=False, commands=NARRATING, shapes=AUDIO,
        help="Do not speak the outro (credits and original source).")
    intro_template: str = option(  # wording of the intro, see DEFAULT_INTRO
        DEFAULT_INTRO, "--intro-template", show_default=False, commands=NARRATING, shapes=AUDIO,
        help="Intro wording; {publisher} {published_spoken} {title} {byline}; [groups] drop when empty.")
    outro_template: str = option(  # wording of the outro, see DEFAULT_OUTRO
        DEFAULT_OUTRO, "--outro-template", show_default=False, commands=NARRATING, shapes=AUDIO,
        help="Outro wording; {credits} {source_name} {source_published_spoken}; [groups] drop when empty.")
    music: str | None = option(  # sting at both ends (and, cut short, between stories): None, "default" or a file
        None, "--music", shown="none", commands=NARRATING, shapes=AUDIO,
        help="Sting before the intro and after the outro (in a brief, also between stories, its first 1.6 s): an "
             "audio file, 'default' (the bundled chime) or 'none'.")
    bed: str | None = option(  # music bed under the body, ducked under speech: None, "default" (bundled) or a file
        None, "--bed", shown="none", commands=NARRATING, shapes=AUDIO,
        help="Music bed under the body, ducked under speech: an audio file, 'default' or 'none'.")
    loudness: float = option(  # integrated loudness target, LUFS (+/- 1 LU)
        -16.0, "--loudness", type=float, commands=NARRATING, shapes=AUDIO,
        help="Integrated loudness target in LUFS (-16 stereo/podcast, -19 mono).")
    true_peak: float = option(  # true-peak ceiling, dBTP
        -1.0, "--true-peak", type=float, commands=NARRATING, shapes=AUDIO, help="True-peak ceiling in dBTP.")
    verify_loudness: bool = option(  # meter the written file and encode again when it misses (settings without a
        False, "--verify-loudness", value=True, commands=NARRATING, shapes=AUDIO,  # measured prediction always are)
        help="Meter the written file's loudness and true peak, and encode again if they miss (pyttsx3's default "
             "voice in mp3 at 128k mono is otherwise predicted from the encoder's measured shift; all else is "
             "metered).")
    sample_rate: int = option(  # Hz (opus is always 48000; mp3 and m4a take their standard rates)
        44100, "--sample-rate", type=int, commands=NARRATING, shapes=AUDIO,
        help="Output sample rate in Hz (mp3: 8000-48000, ogg/m4a: 8000-96000, opus: always 48000).")
    channels: int = option(  # 1 (mono) or 2 (stereo, the same signal on both)
        1, "--stereo", value=2, commands=NARRATING, shapes=AUDIO, help="Write two channels (default: mono).")
    bitrate: str | None = option(  # e.g. "128k"; None: the format's default (mp3 128k, ogg 112k, opus 64k, m4a 128k)
        None, "--bitrate", show_default=False, commands=NARRATING, shapes=AUDIO,
        help="e.g. 96k; default: mp3 128k, ogg 112k, opus 64k, m4a 128k.")
    subtitles: tuple[str, ...] = option(  # sidecars next to the audio: any of SUBTITLE_FORMATS
        (), "--subtitles", shown="none", metavar="LIST", parse=parse_subtitles,
        commands=NARRATING, shapes=TEXT,
        help=f"Sidecars next to the audio: {','.join(SUBTITLE_FORMATS)}, all or none (any also writes "
             "STEM.chapters.json).")
    chapters_json: bool = option(  # also write STEM.chapters.json (Podcasting 2.0); implied by any subtitles
        False, "--chapters-json", value=True, commands=NARRATING, shapes=TEXT,
        help="Write STEM.chapters.json (Podcasting 2.0) even without subtitles.")
    cache: bool = option(  # reuse synthesised sentences and unchanged renders
        True, "--no-cache", value=False, commands=NARRATING,
        help="Synthesise everything again; do not read or write the cache.")
    cache_dir: str | None = setting(None)  # None: $BRIEFCAST_CACHE_DIR, else the user cache dir + /tts
    jobs: int = setting(2)  # processes one narration uses at once: engine workers, and metering mp3 while encoding
    sentence_timeout: float = setting(30.0)  # seconds one sentence may take before its worker is killed, restarted
    retries: int = setting(1)  # further attempts per sentence after a timeout or a bad WAV
    grammar: PauseGrammar = setting(DEFAULT_GRAMMAR, shapes=AUDIO)  # silences between sentences, paragraphs, ...
    force: bool = setting(False)  # overwrite existing output files

    def replace(self, **changes: Any) -> NarrateOptions:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    @property
    def extension(self) -> str:
        return AUDIO_FORMATS[self.format].extension

    @property
    def output_rate(self) -> int:
        """The sample rate actually written (Hz)."""
        return AUDIO_FORMATS[self.format].output_rate(self.sample_rate)

    @property
    def sidecar_kinds(self) -> tuple[str, ...]:
        """Sidecar files to write: the subtitles, plus "chapters" when asked for or implied."""
        kinds = tuple(self.subtitles)
        return kinds + ("chapters",) if (kinds or self.chapters_json) else kinds

    def pronunciations(self) -> Lexicon:
        """The lexicon --lexicon names (the default one when not given): InputError when it cannot be used."""
        return load_lexicon(self.lexicon, tuple(REGISTRY))

    def validate(self) -> NarrateOptions:
        """Raise UsageError for values that cannot work; return self for chaining."""
        fmt = audio_format(self.format)
        if self.engine not in ENGINE_NAMES:
            raise UsageError(f"unknown speech engine {self.engine!r}", hint="choose one of " + ", ".join(ENGINE_NAMES))
        if not 40 <= self.rate <= 600:  # each engine checks its own range once chosen (narrator.narrate)
            raise UsageError(f"rate {self.rate} words per minute is out of range", hint="choose 100..375 (default 175)")
        self._check_levels()
        fmt.check_rate(self.sample_rate)
        self._check_output()
        for name, value in (("music", self.music), ("bed", self.bed)):
            if value is None or value.lower() in MUSIC_NONE or value == "default":
                continue  # none, or the bundled music
            if not Path(value).is_file():
                raise UsageError(f"{name} file {value}: not found", hint="pass an audio file, 'default' or 'none'")
        self.pronunciations()  # a broken lexicon is one error before any work
        return self

    def _check_levels(self) -> None:
        """UsageError for a volume, loudness or true peak out of range, or a ceiling below the loudness."""
        if not 0.0 <= self.volume <= 1.0:
            raise UsageError(f"volume {self.volume} is out of range", hint="choose 0..1")
        if not -40.0 <= self.loudness <= -5.0:
            raise UsageError(f"loudness {self.loudness} LUFS is out of range", hint="choose -40..-5 (podcasts: -16)")
        if not -12.0 <= self.true_peak <= 0.0:
            raise UsageError(f"true peak {self.true_peak} dBTP is out of range", hint="choose -12..0 (default -1)")
        if self.true_peak < self.loudness:
            raise UsageError("the true-peak ceiling is below the loudness target", hint="raise --true-peak")

    def _check_output(self) -> None:
        """UsageError for channels, jobs, timeout, retries, subtitle formats or a bitrate that cannot work."""
        if self.channels not in (1, 2):
            raise UsageError(f"{self.channels} channels", hint="choose 1 (mono) or 2 (stereo)")
        if self.jobs < 1 or self.sentence_timeout <= 0 or self.retries < 0:
            raise UsageError("jobs, sentence timeout and retries must be positive")
        bad = [s for s in self.subtitles if s not in SUBTITLE_FORMATS]
        if bad:
            raise UsageError(f"unknown subtitle format {bad[0]!r}", hint=f"choose from {_SUBTITLE_LIST}")
        if self.bitrate is not None and not _bitrate_ok(self.bitrate):
            raise UsageError(f"bitrate {self.bitrate!r} is not understood", hint="write it like 96k or 128k")


def _bitrate_ok(text: str) -> bool:
    t = text.lower().removesuffix("k")
    return t.isdigit() and 6 <= int(t) <= 512


def default_cache_dir() -> Path:
    """$BRIEFCAST_CACHE_DIR, else the platform's user cache dir for briefcast, + /tts."""
    env = os.environ.get("BRIEFCAST_CACHE_DIR")
    if env:
        return Path(env) / "tts"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefcast")) / "tts"
