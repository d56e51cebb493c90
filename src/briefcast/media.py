"""Media in: read tags and streams with ffprobe, decode the audio to mono float32 with ffmpeg
(the one decoder: all at once, or streamed in windows so that memory stays flat)."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import InputError
from .tools import require

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000  # Hz: what Whisper models expect


@dataclass(frozen=True)
class MediaInfo:
    """What ffprobe says about a media file: duration (seconds), container tags, stream kinds."""

    path: Path
    duration: float | None
    tags: dict[str, str] = field(default_factory=dict)  # lower-case keys: title, artist, date, comment, ...
    streams: tuple[str, ...] = ()  # codec_type of each stream: "audio", "video", "subtitle", ...
    format_name: str = ""

    @property
    def has_audio(self) -> bool:
        return "audio" in self.streams


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file", hint="check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a directory", hint="pass an audio or video file")
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})", hint="check its permissions") from e
    if not head:
        raise InputError(f"{path}: is empty (0 bytes)", hint="pass an audio or video file with a voiceover")
    if _looks_like_text(head):
        raise InputError(f"{path}: looks like a text file, not audio or video",
                         hint="pass a media file; for articles use `briefcast segment` or `briefcast narrate`")


def _looks_like_text(head: bytes) -> bool:
    """True for UTF-8 text without control characters (what ffmpeg would misread as a `tty` animation)."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:  # not just a character cut at the end of the sample
            return False
        text = head[:e.start].decode("utf-8")
    return not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)


def probe(path: str | Path) -> MediaInfo:
    """Tags, streams and duration of a media file; InputError when it is not media ffmpeg can read."""
    p = Path(path)
    _check_file(p)
    cmd = [require("ffprobe"), "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
           media_arg(p)]
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if proc.returncode != 0:
        raise InputError(f"{p}: not a media file ffmpeg can read (corrupt or truncated?)",
                         hint="check the file plays, or download it again", detail=proc.stderr.strip())
    data = json.loads(proc.stdout or "{}")
    fmt = data.get("format", {})
    streams = data.get("streams", [])
    tags = {k.lower(): str(v) for k, v in (fmt.get("tags") or {}).items()}
    for s in streams:  # some containers (ogg, opus) keep the tags on the audio stream
        if s.get("codec_type") == "audio":
            for k, v in (s.get("tags") or {}).items():
                tags.setdefault(k.lower(), str(v))
    duration = fmt.get("duration")
    info = MediaInfo(p, float(duration) if duration not in (None, "N/A") else None, tags,
                     tuple(str(s.get("codec_type")) for s in streams), str(fmt.get("format_name", "")))
    if fmt.get("format_name") == "tty":
        raise InputError(f"{p}: looks like a text file, not audio or video", hint="pass a media file")
    if not info.has_audio:
        kinds = ", ".join(sorted(set(info.streams))) or "no streams"
        raise InputError(f"{p}: has no audio track ({kinds})", hint="pass a video with a voiceover, or its audio")
    return info


def media_arg(path: str | Path) -> str:
    """`path` as ffmpeg/ffprobe must be given it: a `file:` URL of the absolute path, so that a file named
    `-report`, `./-x.wav` or `http:x.mp3` is read as a file, never as an option or a protocol."""
    return "file:" + os.path.abspath(path)


def _decode_command(path: Path, rate: int, seconds: float | None = None) -> list[str]:
    limit = ["-t", f"{seconds:.3f}"] if seconds is not None else []  # ffmpeg stops there: nothing more is decoded
    return [require("ffmpeg"), "-nostdin", "-v", "error", "-i", media_arg(path), *limit, "-map", "0:a:0", "-vn",
            "-ac", "1", "-ar", str(rate), "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"]


def _failed(path: Path, err: str) -> InputError:
    return InputError(f"{path}: cannot decode the audio (corrupt or truncated?)",
                      hint="check the file plays, or download it again", detail=err)


def stream(path: str | Path, *, window: float = 60.0, rate: int = SAMPLE_RATE,
           seconds: float | None = None) -> Iterator[np.ndarray]:
    """The first audio track as mono float32 samples in [-1, 1], `window` seconds at a time (the last one shorter):
    memory stays flat however long the recording; `seconds` stops after the first that many. InputError when
    ffmpeg fails or finds no samples."""
    p = Path(path)
    _check_file(p)
    size = max(int(window * rate), 1) * 4  # bytes per window (f32le)
    with tempfile.TemporaryFile() as errfile:  # stderr to a file: a pipe left unread could block ffmpeg
        proc = subprocess.Popen(_decode_command(p, rate, seconds), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=errfile)
        stdout = proc.stdout
        assert stdout is not None
        total = 0
        finished = False
        try:
            while not finished:
                buf = stdout.read(size)
                finished = len(buf) < size
                if len(buf) >= 4:
                    total += len(buf) // 4
                    yield np.frombuffer(buf[: len(buf) // 4 * 4], dtype="<f4").astype(np.float32)
        finally:
            if not finished:  # the consumer stopped early (or failed): end ffmpeg, do not wait for it
                proc.kill()
            stdout.close()
            returncode = proc.wait()
        errfile.seek(0)
        err = errfile.read().decode("utf-8", "replace").strip()
    if returncode != 0:
        raise _failed(p, err)
    if err:
        log.warning("%s: ffmpeg reported problems while decoding: %s", p, err.splitlines()[0])
    if total == 0:
        raise InputError(f"{p}: the audio track holds no samples (corrupt or truncated?)",
                         hint="check the file plays, or download it again", detail=err)


def decode(path: str | Path, rate: int = SAMPLE_RATE) -> np.ndarray:
    """The first audio track as mono float32 samples in [-1, 1] at `rate` Hz, all at once (the one ffmpeg decoder:
    use `stream` for recordings that may be long)."""
    return np.concatenate(list(stream(path, window=600.0, rate=rate)))
