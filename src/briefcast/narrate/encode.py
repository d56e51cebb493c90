"""Encoding and decoding with ffmpeg: float samples in, a finished mp3/ogg/opus/m4a/wav file out (and back).

The caller passes a temporary path (from briefcast.fileio.atomic_path), so a failed encode never leaves a partial
file where the output belongs.
"""
from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Union

from ..errors import EngineError, OutputError, UsageError
from ..formats import AUDIO_FORMATS
from ..tools import pipe
from .engine import check_ffmpeg
from .options import NarrateOptions

if TYPE_CHECKING:
    import numpy as np


def encoder_args(options: NarrateOptions) -> list[str]:
    """ffmpeg output options for the chosen format: channels, sample rate, codec, bitrate."""
    fmt = AUDIO_FORMATS[options.format]
    args = ["-ac", str(options.channels), "-ar", str(options.output_rate), "-c:a", fmt.codec]
    bitrate = options.bitrate or fmt.bitrate
    if bitrate:
        args += ["-b:a", bitrate]
    if options.format == "opus":
        args += ["-application", "voip" if options.channels == 1 else "audio"]
    return args + ["-f", fmt.muxer]


def check_encoder(options: NarrateOptions) -> None:
    """Fail before any work when the format cannot be encoded at this sample rate and bitrate: a known table
    first, then a 10 ms trial encode of silence with the very arguments the real encode will use."""
    fmt = AUDIO_FORMATS[options.format]
    fmt.check_rate(options.sample_rate)
    hint = f"choose --sample-rate {', '.join(map(str, fmt.rates))}" if fmt.rates else "try --sample-rate 44100 or 48000"
    if options.format == "wav":
        return
    cmd = _encode_command(options.output_rate, options, None) + ["-"]
    cmd[cmd.index("-f", cmd.index("-c:a")) + 1] = "null"  # the encoder is what may refuse, not the muxer
    proc = subprocess.run(cmd, input=bytes(2 * (options.output_rate // 100)), capture_output=True)
    if proc.returncode != 0:
        bitrate = options.bitrate or fmt.bitrate
        raise UsageError(f"{options.format} cannot be encoded at {options.output_rate} Hz and {bitrate}",
                         hint=f"{hint}, or another --bitrate",
                         detail=proc.stderr.decode(errors="replace").strip())


def _encode_command(rate: int, options: NarrateOptions, metadata: Path | None) -> list[str]:
    """ffmpeg reading 16-bit mono PCM on stdin, with the format's encoder; the output is appended by the caller."""
    cmd = [check_ffmpeg(), "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
    if metadata is not None:
        cmd += ["-f", "ffmetadata", "-i", _ffmpeg_path(metadata), "-map", "0:a", "-map_metadata", "1",
                "-map_chapters", "1"]
    else:
        cmd += ["-map", "0:a", "-map_metadata", "-1"]
    return cmd + encoder_args(options)


def _ffmpeg_path(path: Path | str) -> str:
    """A path ffmpeg cannot take for an option (`-report`) or a protocol (`http:x.mp3`): `file:` and absolute."""
    return "file:" + str(Path(path).absolute())


def _pcm16(x: np.ndarray) -> bytes:
    import numpy as np

    return np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2").tobytes()  # 16-bit: the encoders' native


def _encode_failed(path: Path, options: NarrateOptions, cmd: list[str], err: str) -> Exception:
    if "No space left" in err:
        return OutputError(f"{path.parent}: the disk is full", hint="free some space or choose another output folder",
                           detail=err)
    if "Permission denied" in err or "Read-only" in err:
        return OutputError(f"{path.parent}: cannot write the audio ({err.splitlines()[-1]})",
                           hint="choose a writable output folder", detail=err)
    return EngineError(f"ffmpeg could not encode {options.format}", hint="see the detail with --debug",
                       detail=" ".join(cmd) + "\n" + err)


Samples = Union["np.ndarray", Iterable["np.ndarray"]]  # a signal, or its consecutive blocks (streamed to ffmpeg)


def _blocks(x: Samples) -> Iterable[np.ndarray]:
    import numpy as np

    return [x] if isinstance(x, np.ndarray) else x


def _feed(proc: subprocess.Popen[bytes], x: Samples, failed: list[BaseException] | None = None) -> None:
    """Write the samples, block by block, to the process's standard input, then close it. An error making the
    blocks is appended to `failed` (when given, for a writer thread) or raised."""
    try:
        for block in _blocks(x):
            pipe(proc.stdin).write(_pcm16(block))
    except BrokenPipeError:
        pass  # ffmpeg failed: its stderr says why
    except BaseException as e:
        if failed is None:
            raise
        failed.append(e)
    finally:
        try:
            pipe(proc.stdin).close()
        except BrokenPipeError:
            pass


def encode(x: Samples, rate: int, path: Path, options: NarrateOptions, *, metadata: Path | None = None) -> None:
    """Encode mono float samples at `rate` Hz (an array, or its blocks, streamed) to `path` in `options.format`;
    `metadata` is an ffmetadata file whose tags and chapters are muxed in (used for m4a)."""
    cmd = _encode_command(rate, options, metadata) + [_ffmpeg_path(path)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(pipe(proc.stderr).read()), daemon=True)
    reader.start()
    try:
        _feed(proc, x)
    finally:
        reader.join()
        code = proc.wait()
    if code != 0:
        raise _encode_failed(path, options, cmd, b"".join(errors).decode(errors="replace").strip())


def encode_measured(x: Samples, rate: int, path: Path, options: NarrateOptions) -> tuple[float, float]:
    """Encode like `encode` and return `measure` of what was written, the two running at once on two cores.

    For mp3, ffmpeg's tee muxer writes the file and, frame for frame, the same stream to a second ffmpeg that meters
    it (the copy lacks only the LAME header's delay and padding: silence, which changes neither figure). Other
    formats, paths the tee syntax cannot carry, and narrations held to one process (`jobs=1`, as batch runs them
    when files already fill the cores) are encoded and then measured.
    """
    if options.format != "mp3" or options.jobs < 2 or any(c in str(path) for c in "|[]\\'\""):
        encode(x, rate, path, options)
        return measure(path)
    cmd = _encode_command(rate, options, None)[:-2] + ["-f", "tee", f"[f=mp3]{_ffmpeg_path(path)}|[f=mp3]pipe:1"]
    enc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    meter = subprocess.Popen(_meter_command(["-f", "mp3", "-i", "pipe:0"]), stdin=enc.stdout,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    pipe(enc.stdout).close()  # the meter owns it now
    failed: list[BaseException] = []
    writer = threading.Thread(target=_feed, args=(enc, x, failed), daemon=True)
    writer.start()
    _, report = meter.communicate()
    writer.join()
    if failed:
        enc.wait()
        raise failed[0]
    err = pipe(enc.stderr).read().decode(errors="replace").strip()
    if enc.wait() != 0:
        raise _encode_failed(path, options, cmd, err)
    return _meter_result(path, meter.returncode, report)


def decode(path: Path, rate: int) -> np.ndarray:
    """Decode an audio file to mono float32 at `rate` Hz (to measure what was really written)."""
    from ..errors import InputError
    from ..media import decode as decode_media  # the one ffmpeg decoder, shared by both sides

    try:
        return decode_media(path, rate)
    except InputError as e:
        raise EngineError(f"ffmpeg could not read back {path.name}", detail=e.detail) from e


def _meter_command(source: list[str]) -> list[str]:
    return [check_ffmpeg(), "-nostdin", "-hide_banner", "-nostats", *source,
            "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"]


def _meter_result(path: Path, returncode: int, report: str) -> tuple[float, float]:
    import math
    import re

    loud = re.findall(r"^\s+I:\s+(-?[\d.]+|-inf|nan)\s+LUFS", report, re.M)
    peak = re.findall(r"^\s+Peak:\s+(-?[\d.]+|-inf|nan)\s+dBFS", report, re.M)
    if returncode != 0 or not loud or not peak:
        raise EngineError(f"ffmpeg could not measure {path.name}", detail=report[-2000:])
    value = float(loud[-1])
    return (value if value > -70.0 else -math.inf), float(peak[-1])


def measure(path: Path) -> tuple[float, float]:
    """(integrated loudness LUFS, true peak dBTP) of an audio file as written, by ffmpeg's EBU R128 meter
    (BS.1770 gating; true peak oversampled to 192 kHz). Figures have one decimal."""
    proc = subprocess.run(_meter_command(["-i", _ffmpeg_path(path)]), capture_output=True, text=True, errors="replace")
    return _meter_result(path, proc.returncode, proc.stderr)
