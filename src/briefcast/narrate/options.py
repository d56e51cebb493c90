"""Narration options: one frozen dataclass, validated once before any work starts."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..formats import AUDIO_FORMATS, audio_format
from ..segmenter.pauses import DEFAULT_GRAMMAR, PauseGrammar

# Spoken intro and outro. {placeholders} come from the article's metadata; a [bracketed group] is left out when a
# placeholder inside it is empty, so one template reads well whatever metadata an article has. Groups nest.
DEFAULT_INTRO = "[From {publisher}][, {published_spoken}]. [{title}.] [By {byline}.]"
DEFAULT_OUTRO = "[{credits}.] [Originally published by {source_name}[ on {source_published_spoken}].]"

SUBTITLE_FORMATS = ("srt", "vtt", "json")
MUSIC_NONE = ("", "none", "off")  # spellings of "no music"


@dataclass(frozen=True)
class NarrateOptions:
    """How to narrate an article. Units are in the comments; defaults make a -16 LUFS mono MP3 podcast episode."""

    format: str = "mp3"  # a name in briefcast.formats: mp3 | ogg (Vorbis) | opus (Ogg Opus) | m4a (AAC) | wav
    engine: str = "auto"  # speech engine: "auto" (Piper when its voice is installed, else pyttsx3), "piper", "pyttsx3"
    voice: str | None = None  # the engine's voice: Piper "en_US-joe-medium" or a .onnx path; pyttsx3 an espeak-ng
    #                           voice id, short id or name ("gmw/en-us", "en-us"); None: the engine's default
    rate: int = 175  # speaking rate, words per minute (each engine has its range: pyttsx3 80..450, Piper 100..375)
    volume: float = 1.0  # engine volume, 0..1 (loudness normalisation sets the final level)
    intro: bool = True  # speak an intro made from the metadata
    outro: bool = True  # speak an outro with the credits and the original source
    intro_template: str = DEFAULT_INTRO  # wording of the intro, see DEFAULT_INTRO
    outro_template: str = DEFAULT_OUTRO  # wording of the outro
    music: str | None = None  # sting before the intro and after the outro: None, "default" (bundled) or a file
    bed: str | None = None  # music bed under the body, ducked under speech: None, "default" (bundled) or a file
    loudness: float = -16.0  # integrated loudness target, LUFS (+/- 1 LU)
    true_peak: float = -1.0  # true-peak ceiling, dBTP
    sample_rate: int = 44100  # output sample rate, Hz (opus is always 48000; mp3 and m4a take their standard rates)
    channels: int = 1  # 1 (mono) or 2 (stereo, the same signal on both)
    bitrate: str | None = None  # e.g. "128k"; None: the format's default (mp3 128k, ogg 112k, opus 64k, m4a 128k)
    subtitles: tuple[str, ...] = ()  # sidecars next to the audio: any of "srt", "vtt", "json"
    chapters_json: bool = False  # also write STEM.chapters.json (Podcasting 2.0); implied by any subtitles
    cache: bool = True  # reuse synthesised sentences and unchanged renders
    cache_dir: str | None = None  # None: $BRIEFCAST_CACHE_DIR, else the user cache dir + /tts
    jobs: int = 2  # processes one narration uses at once: engine workers, and metering mp3 while encoding it
    sentence_timeout: float = 30.0  # seconds one sentence may take before its worker is killed and restarted
    retries: int = 1  # further attempts per sentence after a timeout or a bad WAV
    grammar: PauseGrammar = field(default=DEFAULT_GRAMMAR)  # silences between sentences, paragraphs, sections
    force: bool = False  # overwrite existing output files

    def replace(self, **changes: object) -> NarrateOptions:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

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

    def validate(self) -> NarrateOptions:
        """Raise UsageError for values that cannot work; return self for chaining."""
        fmt = audio_format(self.format)
        from .engines import ENGINE_NAMES

        if self.engine not in ENGINE_NAMES:
            raise UsageError(f"unknown speech engine {self.engine!r}", hint="choose one of " + ", ".join(ENGINE_NAMES))
        if not 40 <= self.rate <= 600:  # each engine checks its own range once chosen (narrator.narrate)
            raise UsageError(f"rate {self.rate} words per minute is out of range", hint="choose 100..375 (default 175)")
        if not 0.0 <= self.volume <= 1.0:
            raise UsageError(f"volume {self.volume} is out of range", hint="choose 0..1")
        if not -40.0 <= self.loudness <= -5.0:
            raise UsageError(f"loudness {self.loudness} LUFS is out of range", hint="choose -40..-5 (podcasts: -16)")
        if not -12.0 <= self.true_peak <= 0.0:
            raise UsageError(f"true peak {self.true_peak} dBTP is out of range", hint="choose -12..0 (default -1)")
        if self.true_peak < self.loudness:
            raise UsageError("the true-peak ceiling is below the loudness target", hint="raise --true-peak")
        fmt.check_rate(self.sample_rate)
        if self.channels not in (1, 2):
            raise UsageError(f"{self.channels} channels", hint="choose 1 (mono) or 2 (stereo)")
        if self.jobs < 1 or self.sentence_timeout <= 0 or self.retries < 0:
            raise UsageError("jobs, sentence timeout and retries must be positive")
        bad = [s for s in self.subtitles if s not in SUBTITLE_FORMATS]
        if bad:
            raise UsageError(f"unknown subtitle format {bad[0]!r}", hint="choose from srt, vtt, json")
        if self.bitrate is not None and not _bitrate_ok(self.bitrate):
            raise UsageError(f"bitrate {self.bitrate!r} is not understood", hint="write it like 96k or 128k")
        for name, value in (("music", self.music), ("bed", self.bed)):
            bundled_or_none = value is None or value.lower() in MUSIC_NONE or value == "default"
            if not bundled_or_none and not Path(value).is_file():  # type: ignore[arg-type]
                raise UsageError(f"{name} file {value}: not found", hint="pass an audio file, 'default' or 'none'")
        return self


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
