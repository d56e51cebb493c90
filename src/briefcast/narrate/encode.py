"""Encoding and decoding with ffmpeg: float samples in, a finished mp3/ogg/opus/m4a/wav file out (and back).

The caller passes a temporary path (from briefcast.fileio.atomic_path), so a failed encode never leaves a partial
file where the output belongs.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EngineError, OutputError
from .engine import check_ffmpeg
from .options import FORMATS, NarrateOptions

if TYPE_CHECKING:
    import numpy as np


def encoder_args(options: NarrateOptions) -> list[str]:
    """ffmpeg output options for the chosen format: channels, sample rate, codec, bitrate."""
    _, codec, default_bitrate, muxer = FORMATS[options.format]
    args = ["-ac", str(options.channels), "-ar", str(options.output_rate), "-c:a", codec]
    bitrate = options.bitrate or default_bitrate
    if bitrate:
        args += ["-b:a", bitrate]
    if options.format == "opus":
        args += ["-application", "voip" if options.channels == 1 else "audio"]
    return args + ["-f", muxer]


def encode(x: np.ndarray, rate: int, path: Path, options: NarrateOptions, *, metadata: Path | None = None) -> None:
    """Encode mono float samples at `rate` Hz to `path` in `options.format`; `metadata` is an ffmetadata file
    whose tags and chapters are muxed in (used for m4a)."""
    import numpy as np

    cmd = [check_ffmpeg(), "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
    if metadata is not None:
        cmd += ["-f", "ffmetadata", "-i", str(metadata), "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
    else:
        cmd += ["-map_metadata", "-1"]
    cmd += encoder_args(options) + [str(path)]
    data = np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2").tobytes()  # 16-bit: the encoders' native
    proc = subprocess.run(cmd, input=data, capture_output=True)
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip()
        if "Permission denied" in err or "No space left" in err or "Read-only" in err:
            raise OutputError(f"{path.parent}: cannot write the audio ({err.splitlines()[-1]})",
                              hint="choose a writable output folder", detail=err)
        raise EngineError(f"ffmpeg could not encode {options.format}", hint="see the detail with --debug",
                          detail=" ".join(cmd) + "\n" + err)


def decode(path: Path, rate: int) -> np.ndarray:
    """Decode an audio file to mono float32 at `rate` Hz (to measure what was really written)."""
    import numpy as np

    cmd = [check_ffmpeg(), "-nostdin", "-v", "error", "-i", str(path), "-ac", "1", "-ar", str(rate),
           "-f", "f32le", "pipe:1"]
    proc = subprocess.run(cmd, capture_output=True)
    if proc.returncode != 0:
        raise EngineError(f"ffmpeg could not read back {path.name}", detail=proc.stderr.decode(errors="replace"))
    return np.frombuffer(proc.stdout, dtype="<f4")


def measure(path: Path) -> tuple[float, float]:
    """(integrated loudness LUFS, true peak dBTP) of an audio file as written, by ffmpeg's EBU R128 meter
    (BS.1770 gating; true peak oversampled to 192 kHz). Figures have one decimal."""
    import math
    import re

    cmd = [check_ffmpeg(), "-nostdin", "-hide_banner", "-nostats", "-i", str(path),
           "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"]
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    loud = re.findall(r"^\s+I:\s+(-?[\d.]+|-inf|nan)\s+LUFS", proc.stderr, re.M)
    peak = re.findall(r"^\s+Peak:\s+(-?[\d.]+|-inf|nan)\s+dBFS", proc.stderr, re.M)
    if proc.returncode != 0 or not loud or not peak:
        raise EngineError(f"ffmpeg could not measure {path.name}", detail=proc.stderr[-2000:])
    value = float(loud[-1])
    return (value if value > -70.0 else -math.inf), float(peak[-1])
