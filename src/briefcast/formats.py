"""The audio formats briefcast writes, defined once: extension, ffmpeg encoder and muxer, default bitrate, MIME type,
how tags and chapters are stored, and the sample rates the encoder takes; and the sidecars written beside them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

MIN_RATE, MAX_RATE = 8000, 96000  # Hz, what briefcast accepts for any format
_MPEG_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)  # Hz, what LAME encodes


@dataclass(frozen=True)
class AudioFormat:
    """One output format."""

    name: str  # what --format takes: "mp3"
    extension: str  # file extension with its dot: ".mp3"
    codec: str  # ffmpeg encoder
    muxer: str  # ffmpeg output format (-f)
    bitrate: str | None  # default bitrate; None: uncompressed
    mime: str  # MIME type of the file (feed enclosures)
    tagging: str  # how tags and chapters are written: "id3", "vorbis" (comments) or "mp4" (at muxing time)
    rates: tuple[int, ...] | None = None  # sample rates the encoder takes (Hz); None: any in MIN_RATE..MAX_RATE
    fixed_rate: int | None = None  # the only rate written, whatever is asked (Hz): Opus is always 48 kHz
    lossless: bool = False

    def output_rate(self, requested: int) -> int:
        """The sample rate actually written when `requested` Hz is asked for."""
        return self.fixed_rate or requested

    def check_rate(self, requested: int) -> None:
        """UsageError when this format cannot be written at `requested` Hz."""
        if not MIN_RATE <= requested <= MAX_RATE:
            raise UsageError(f"sample rate {requested} Hz is out of range", hint=f"choose {MIN_RATE}..{MAX_RATE}")
        if self.fixed_rate is None and self.rates is not None and requested not in self.rates:
            raise UsageError(f"{self.name} cannot be written at {requested} Hz",
                             hint="choose one of " + ", ".join(str(r) for r in self.rates))


AUDIO_FORMATS: dict[str, AudioFormat] = {f.name: f for f in (
    AudioFormat("mp3", ".mp3", "libmp3lame", "mp3", "128k", "audio/mpeg", "id3", rates=_MPEG_RATES),
    AudioFormat("ogg", ".ogg", "libvorbis", "ogg", "112k", "audio/ogg", "vorbis"),  # Ogg Vorbis
    AudioFormat("opus", ".opus", "libopus", "ogg", "64k", "audio/ogg", "vorbis", fixed_rate=48000),  # Ogg Opus
    AudioFormat("m4a", ".m4a", "aac", "ipod", "128k", "audio/mp4", "mp4",  # AAC in MP4
                rates=(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000)),
    AudioFormat("wav", ".wav", "pcm_s16le", "wav", None, "audio/wav", "id3", lossless=True),  # 16-bit PCM
)}
FORMAT_NAMES = tuple(AUDIO_FORMATS)
SUBTITLE_FORMATS = ("srt", "vtt", "json")  # sidecars a narration writes beside its audio (--subtitles; all: every one)
BY_EXTENSION = {f.extension: f for f in AUDIO_FORMATS.values()}


def audio_format(name: str) -> AudioFormat:
    """The format called `name`; UsageError for an unknown one."""
    try:
        return AUDIO_FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown audio format {name!r}", hint="choose one of " + ", ".join(FORMAT_NAMES)) from None


def format_of(path: str | Path) -> AudioFormat | None:
    """The format a file name's extension says, or None."""
    return BY_EXTENSION.get(Path(path).suffix.lower())
