"""Assembly: speech clips, silences and music laid out on one timeline, sample-exact.

Clips arrive as 16-bit PCM from the engine; each is trimmed to its speech (so a sentence's start in the file is its
speech onset) and placed after the silence the script asks for. Music files are decoded with pydub (ffmpeg). A sting
plays before the intro and after the outro; a bed loops under the body and ducks under speech, whose spans are known
exactly, so no side-chain detection is needed. Works on mono float32 numpy arrays; times are seconds.
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .loudness import BLOCK_SAMPLES as BLOCK

if TYPE_CHECKING:
    import numpy as np

SILENCE_THRESHOLD = 10 ** (-50 / 20)  # samples below -50 dBFS before/after speech are trimmed
LEAD_IN = 0.4  # seconds of silence before the first word (without a sting)
TAIL = 0.6  # seconds of silence after the last sound
EDGE_FADE = 0.005  # seconds of raised-cosine fade inside each trimmed clip's ends: no step (click) at a join
STING_GAP = 0.25  # seconds between a sting and speech
TRANSITION_GAP = 0.8  # seconds of silence either side of a sting played between two stories (a transition)
STING_LEVEL = -4.0  # sting loudness relative to the speech, LU
BED_LEVEL = -20.0  # bed loudness relative to the speech in pauses, LU
BED_DUCK = -10.0  # further bed attenuation under speech, dB
BED_RAMP = 0.3  # seconds for the bed to duck or recover
BED_MARGIN = 1.5  # seconds the bed starts before the body and runs on after it
BED_FADE = 1.0  # seconds of bed fade in and out
STING_MAX = 30.0  # seconds of a sting file that are played (a longer file is cut there, with BED_FADE's fade-out)
TRANSITION_MAX = 1.6  # seconds of the sting played between two stories (a longer one is cut there, faded out)
TRANSITION_FADE = 0.5  # seconds of fade-out at the end of a sting cut short for a transition


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


def load_music(path: str | Path, rate: int, *, seconds: float | None = None) -> np.ndarray:
    """Decode any audio file ffmpeg reads to mono float32 at `rate`, only its first `seconds` when given: ffmpeg
    downmixes and resamples on the way in, so a 30-minute bed under a short briefing costs the briefing's length."""
    import numpy as np

    from ..media import stream

    try:
        blocks = list(stream(path, window=10.0, rate=rate, seconds=seconds))
    except InputError as e:
        raise InputError(f"{path}: cannot decode this audio file", hint="pass an mp3, ogg, wav or m4a file",
                         detail=e.detail) from e
    return np.concatenate(blocks).astype(np.float32)


def load_sting(path: str | Path, rate: int) -> np.ndarray:
    """The sting: at most STING_MAX seconds of the file, faded out over BED_FADE when it was cut there."""
    x = load_music(path, rate, seconds=STING_MAX + 0.01)  # a little more: enough to know it was longer
    n = int(STING_MAX * rate)
    if len(x) <= n:
        return x
    import numpy as np

    x = x[:n]
    fade = int(BED_FADE * rate)
    x[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    return x


def transition(sting: np.ndarray, rate: int) -> np.ndarray:
    """The sting as played between two stories: at most TRANSITION_MAX seconds, faded out over TRANSITION_FADE when
    cut. A chime's ring-out (the bundled sting's last second) belongs at the show's ends, not between stories."""
    n = int(TRANSITION_MAX * rate)
    if len(sting) <= n:
        return sting
    import numpy as np

    x = np.array(sting[:n], dtype=np.float32)
    fade = int(TRANSITION_FADE * rate)
    x[-fade:] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, np.pi, fade, dtype=np.float32))
    return x


def layout(lengths: Sequence[int], pauses: Sequence[float], rate: int, *, sting: int = 0,
           transitions: Collection[int] = ()) -> tuple[list[int], int]:
    """Start sample of each clip, and the total length, for clips of `lengths` samples after `pauses` seconds. With
    a sting of `sting` samples, a clip in `transitions` follows the sting as a transition plays it (at most
    TRANSITION_MAX seconds), TRANSITION_GAP either side, instead of its pause."""
    t = sting + int(STING_GAP * rate) if sting else int(LEAD_IN * rate)
    between = min(sting, int(TRANSITION_MAX * rate))
    starts = []
    for i, (n, pause) in enumerate(zip(lengths, pauses)):
        if i and sting and i in transitions:
            t += between + 2 * int(TRANSITION_GAP * rate)
        elif i:
            t += int(round(pause * rate))
        starts.append(t)
        t += n
    t += (int(STING_GAP * rate) + sting) if sting else 0
    return starts, t + int(TAIL * rate)


class Timeline:
    """The briefing laid out on one timeline, rendered a window at a time: memory holds a window, the few clips
    under it and the music, never the whole signal. Clip `i` has `lengths[i]` samples and comes from `load(i)`
    (from disk, in narration); `pauses` and the sting, bed and `bed_span` are as for `assemble`; the sting also
    plays before each clip in `transitions` (the stories of a brief)."""

    def __init__(self, lengths: Sequence[int], load: Callable[[int], np.ndarray], pauses: Sequence[float], rate: int,
                 *, sting: np.ndarray | None = None, bed: np.ndarray | None = None,
                 bed_span: tuple[int, int] | None = None, transitions: Collection[int] = ()) -> None:
        import numpy as np

        self.lengths, self.load, self.rate = list(lengths), load, rate
        self.sting, self.bed = sting, bed if bed_span is not None else None
        self.between = transition(sting, rate) if sting is not None else None  # the sting between stories
        n_sting = len(sting) if sting is not None else 0
        self.starts, self.total = layout(self.lengths, pauses, rate, sting=n_sting, transitions=transitions)
        self.between_at = [self.starts[i] - int(TRANSITION_GAP * rate) - len(self.between)  # where each one starts
                           for i in sorted(transitions) if 0 < i < len(self.starts)] if self.between is not None else []
        self.reach = [int(v) for v in np.maximum.accumulate(np.array(self.starts, dtype=np.int64)
                                                            + np.array(self.lengths, dtype=np.int64))] \
            if self.starts else []  # furthest end of any clip up to each index
        self.layout = Layout(tuple((s / rate, (s + n) / rate) for s, n in zip(self.starts, self.lengths)),
                             self.total / rate)
        self._cache: dict[int, np.ndarray] = {}
        self.sting_gain = self.bed_gain = 0.0
        if sting is None and self.bed is None:
            return
        from .loudness import Meter

        meter = Meter(rate)  # the speech alone, in one streaming pass, sets the music's level
        for a in range(0, self.total, BLOCK):
            meter.feed(self._speech(a, min(self.total, a + BLOCK)))
        speech = meter.integrated()
        if sting is not None:
            self.sting_gain = _gain_to(sting, rate, speech + STING_LEVEL)
            self.sting_end = self.starts[-1] + self.lengths[-1] + int(STING_GAP * rate)
        if self.bed is not None and bed_span is not None:
            first, last = bed_span
            self.bed_lo = max(0, self.starts[first] - int(BED_MARGIN * rate))
            self.bed_hi = min(self.total, self.starts[last] + self.lengths[last] + int(BED_MARGIN * rate))
            self.bed_gain = _gain_to(self.bed, rate, speech + BED_LEVEL)

    def blocks(self, size: int = 0) -> Iterator[np.ndarray]:
        """The whole timeline, window after window of `size` samples (default loudness.BLOCK_SAMPLES)."""
        size = size or BLOCK
        for a in range(0, self.total, size):
            yield self.window(a, min(self.total, a + size))

    def _clip(self, i: int) -> np.ndarray:
        if i not in self._cache:
            if len(self._cache) >= 4:
                self._cache.pop(next(iter(self._cache)))
            self._cache[i] = self.load(i)
        return self._cache[i]

    def _under(self, a: int, b: int) -> range:
        """Indices of the clips that may overlap [a, b)."""
        return range(bisect.bisect_right(self.reach, a), bisect.bisect_left(self.starts, b))

    def _speech(self, a: int, b: int) -> np.ndarray:
        import numpy as np

        out = np.zeros(b - a, dtype=np.float32)
        for i in self._under(a, b):
            s, n = self.starts[i], self.lengths[i]
            lo, hi = max(a, s), min(b, s + n)
            if lo < hi:
                out[lo - a:hi - a] += self._clip(i)[lo - s:hi - s]
        return out

    def window(self, a: int, b: int) -> np.ndarray:
        """Samples [a, b) of the finished timeline: speech, sting and ducked bed."""
        import numpy as np

        out = self._speech(a, b)
        if self.sting is not None and self.between is not None:
            plays = [(0, self.sting), *((s, self.between) for s in self.between_at), (self.sting_end, self.sting)]
            for s, sound in plays:
                e = min(s + len(sound), self.total)
                lo, hi = max(a, s), min(b, e)
                if lo < hi:
                    out[lo - a:hi - a] += sound[lo - s:hi - s] * self.sting_gain
        if self.bed is not None:
            lo, hi = max(a, self.bed_lo), min(b, self.bed_hi)
            if lo < hi:
                k = np.arange(lo - self.bed_lo, hi - self.bed_lo)
                loop = self.bed[k % len(self.bed)] * self.bed_gain
                loop *= _fades(self.bed_hi - self.bed_lo, int(BED_FADE * self.rate), k)
                loop *= self._ducking(lo, hi)
                out[lo - a:hi - a] += loop
        return out

    def _ducking(self, a: int, b: int) -> np.ndarray:
        """Bed gain over [a, b): 1 in pauses, BED_DUCK under speech, with BED_RAMP ramps that finish before speech
        (computed over the window and a margin wider than the ramp, so every window agrees with the whole)."""
        import numpy as np
        from scipy.ndimage import uniform_filter1d

        ramp = int(BED_RAMP * self.rate)
        ea, eb = max(self.bed_lo, a - ramp - 1), min(self.bed_hi, b + ramp + 1)
        speaking = np.zeros(eb - ea, dtype=np.float32)
        for i in self._under(ea - ramp, eb + ramp):
            s, n = self.starts[i], self.lengths[i]
            lo, hi = max(0, s - ea - ramp // 2), min(eb - ea, s + n - ea + ramp // 2)
            if lo < hi:
                speaking[lo:hi] = 1.0
        speaking = uniform_filter1d(speaking, size=max(ramp, 1), mode="nearest")[a - ea:b - ea]
        duck = 10 ** (BED_DUCK / 20)
        return (1.0 - speaking * (1.0 - duck)).astype(np.float32)


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
    of the first and last clip it lies under). Returns the mono signal and where each clip landed. The in-memory
    form of `Timeline`, which narration renders a window at a time."""
    import numpy as np

    tl = Timeline([len(c) for c in clips], clips.__getitem__, pauses, rate, sting=sting, bed=bed, bed_span=bed_span)
    parts = list(tl.blocks())
    return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)), tl.layout


def _gain_to(x: np.ndarray, rate: int, target: float) -> float:
    from .loudness import integrated

    loud = integrated(x, rate)
    return 10 ** ((target - loud) / 20) if math.isfinite(loud) and math.isfinite(target) else 0.0


def _fades(n: int, fade: int, k: np.ndarray) -> np.ndarray:
    """Fade-in and fade-out envelope of a stretch of `n` samples, at the positions `k`."""
    import numpy as np

    fade = min(fade, n // 2)
    env = np.ones(len(k), dtype=np.float32)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        head, tail = k < fade, k >= n - fade
        env[head] = ramp[k[head]]
        env[tail] = ramp[::-1][k[tail] - (n - fade)]
    return env
