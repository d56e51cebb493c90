"""Assembly: speech clips, silences and music laid out on one timeline, sample-exact.

Clips arrive as 16-bit PCM from the engine; each is trimmed to its speech (so a sentence's start in the file is its
speech onset) and placed after the silence the script asks for. Music files are decoded with pydub (ffmpeg). A sting
plays before the intro and after the outro; a bed loops under the body and ducks under speech, whose spans are known
exactly, so no side-chain detection is needed. Works on mono float32 numpy arrays; times are seconds.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    import numpy as np

SILENCE_THRESHOLD = 10 ** (-50 / 20)  # samples below -50 dBFS before/after speech are trimmed
LEAD_IN = 0.4  # seconds of silence before the first word (without a sting)
TAIL = 0.6  # seconds of silence after the last sound
EDGE_FADE = 0.005  # seconds of raised-cosine fade inside each trimmed clip's ends: no step (click) at a join
STING_GAP = 0.25  # seconds between a sting and speech
STING_LEVEL = -4.0  # sting loudness relative to the speech, LU
BED_LEVEL = -20.0  # bed loudness relative to the speech in pauses, LU
BED_DUCK = -10.0  # further bed attenuation under speech, dB
BED_RAMP = 0.3  # seconds for the bed to duck or recover
BED_MARGIN = 1.5  # seconds the bed starts before the body and runs on after it
BED_FADE = 1.0  # seconds of bed fade in and out


@dataclass(frozen=True)
class Layout:
    """Where each utterance landed: (start, end) seconds of its speech, and the whole duration."""

    spans: tuple[tuple[float, float], ...]
    duration: float


def pcm_to_float(pcm: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def speech_bounds(pcm: bytes) -> tuple[int, int]:
    """First and one-past-last sample of speech (above -50 dBFS) in 16-bit PCM; (0, 0) when silent."""
    import numpy as np

    x = np.abs(np.frombuffer(pcm, dtype="<i2").astype(np.int32))
    loud = np.flatnonzero(x > SILENCE_THRESHOLD * 32768)
    if len(loud) == 0:
        return 0, 0
    return int(loud[0]), int(loud[-1]) + 1


def trim_pcm(pcm: bytes) -> bytes:
    """The speech of a clip without its leading and trailing silence."""
    a, b = speech_bounds(pcm)
    return pcm[2 * a:2 * b]


def edge_fade(x: np.ndarray, rate: int) -> np.ndarray:
    """`x` with EDGE_FADE fades at both ends. A clip trimmed at -50 dBFS starts and ends on a small non-zero sample;
    once the briefing is made louder that step could tick, so the first and last 5 ms ramp from and to zero. The
    clip keeps its length, so subtitle times do not move."""
    import numpy as np

    n = min(int(EDGE_FADE * rate), len(x) // 2)
    if n < 2:
        return x
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n))).astype(np.float32)
    y = np.array(x, dtype=np.float32)
    y[:n] *= ramp
    y[-n:] *= ramp[::-1]
    return y


def resample(x: np.ndarray, src: int, dst: int) -> np.ndarray:
    """Band-limited resampling (polyphase)."""
    if src == dst:
        return x
    import numpy as np
    from scipy.signal import resample_poly

    g = math.gcd(src, dst)
    return resample_poly(x, dst // g, src // g).astype(np.float32)


def load_music(path: str | Path, rate: int) -> np.ndarray:
    """Decode any audio file ffmpeg reads to mono float32 at `rate`."""
    import numpy as np
    from pydub import AudioSegment
    from pydub.exceptions import CouldntDecodeError

    try:
        # absolute: pydub hands the name to ffprobe and ffmpeg, which would read `-report.wav` as an option
        seg = AudioSegment.from_file(str(Path(path).absolute())).set_channels(1).set_sample_width(2)
    except (CouldntDecodeError, OSError, IndexError) as e:
        raise InputError(f"{path}: cannot decode this audio file", hint="pass an mp3, ogg, wav or m4a file") from e
    x = np.array(seg.get_array_of_samples(), dtype=np.float32) / 32768.0
    if len(x) == 0:
        raise InputError(f"{path}: the audio file is empty", hint="pass a file with some sound")
    return resample(x, seg.frame_rate, rate)


def layout(lengths: Sequence[int], pauses: Sequence[float], rate: int, *, sting: int = 0) -> tuple[list[int], int]:
    """Start sample of each clip, and the total length, for clips of `lengths` samples after `pauses` seconds."""
    t = sting + int(STING_GAP * rate) if sting else int(LEAD_IN * rate)
    starts = []
    for i, (n, pause) in enumerate(zip(lengths, pauses)):
        if i:
            t += int(round(pause * rate))
        starts.append(t)
        t += n
    t += (int(STING_GAP * rate) + sting) if sting else 0
    return starts, t + int(TAIL * rate)


def assemble(
    clips: Sequence[np.ndarray],
    pauses: Sequence[float],
    rate: int,
    *,
    sting: np.ndarray | None = None,
    bed: np.ndarray | None = None,
    bed_span: tuple[int, int] | None = None,
) -> tuple[np.ndarray, Layout]:
    """Lay the clips out with their pauses; add the sting at both ends and the ducked bed over `bed_span` (indices
    of the first and last clip it lies under). Returns the mono signal and where each clip landed."""
    import numpy as np

    n_sting = len(sting) if sting is not None else 0
    starts, total = layout([len(c) for c in clips], pauses, rate, sting=n_sting)
    out = np.zeros(total, dtype=np.float32)
    for s, c in zip(starts, clips):
        out[s:s + len(c)] += c
    spans = tuple((s / rate, (s + len(c)) / rate) for s, c in zip(starts, clips))
    if sting is not None or bed is not None:
        from .loudness import integrated

        speech = integrated(out, rate)
        if sting is not None:
            g = _gain_to(sting, rate, speech + STING_LEVEL)
            out[:n_sting] += sting * g
            end = starts[-1] + len(clips[-1]) + int(STING_GAP * rate)
            out[end:end + n_sting] += sting[:total - end] * g
        if bed is not None and bed_span is not None:
            a, b = bed_span
            lo = max(0, starts[a] - int(BED_MARGIN * rate))
            hi = min(total, starts[b] + len(clips[b]) + int(BED_MARGIN * rate))
            loop = np.resize(bed, hi - lo) * _gain_to(bed, rate, speech + BED_LEVEL)
            loop *= _fades(hi - lo, int(BED_FADE * rate))
            loop *= _ducking(starts, [len(c) for c in clips], lo, hi, rate)
            out[lo:hi] += loop
    return out, Layout(spans, total / rate)


def _gain_to(x: np.ndarray, rate: int, target: float) -> float:
    from .loudness import integrated

    loud = integrated(x, rate)
    return 10 ** ((target - loud) / 20) if math.isfinite(loud) and math.isfinite(target) else 0.0


def _fades(n: int, fade: int) -> np.ndarray:
    import numpy as np

    env = np.ones(n, dtype=np.float32)
    fade = min(fade, n // 2)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        env[:fade] = ramp
        env[n - fade:] = ramp[::-1]
    return env


def _ducking(starts: Sequence[int], lengths: Sequence[int], lo: int, hi: int, rate: int) -> np.ndarray:
    """Bed gain over [lo, hi): 1 in pauses, BED_DUCK under speech, with BED_RAMP ramps that finish before speech."""
    import numpy as np
    from scipy.ndimage import uniform_filter1d

    ramp = int(BED_RAMP * rate)
    speaking = np.zeros(hi - lo, dtype=np.float32)
    for s, n in zip(starts, lengths):
        a, b = max(0, s - lo - ramp // 2), min(hi - lo, s + n - lo + ramp // 2)
        if a < b:
            speaking[a:b] = 1.0
    speaking = uniform_filter1d(speaking, size=max(ramp, 1), mode="nearest")
    duck = 10 ** (BED_DUCK / 20)
    return (1.0 - speaking * (1.0 - duck)).astype(np.float32)
