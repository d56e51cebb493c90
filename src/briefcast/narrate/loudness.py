"""Loudness: integrated loudness (ITU-R BS.1770-4: K-weighting and gating), true peak by 4x oversampling, and
normalisation to a target with a look-ahead peak limiter.

Signals are mono float32 numpy arrays in -1..1; loudness in LUFS, peaks in dBTP (true) or dBFS (sample).
"""
from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

OVERSAMPLE = 4  # true-peak oversampling factor (BS.1770-4)
LIMIT_HOLD = 0.012  # seconds a gain reduction is held on either side of a peak (look-ahead and hold)
LIMIT_SMOOTH = 0.012  # seconds over which gain changes are smoothed
STRETCH_GAP = 1.0  # seconds between peaks over the ceiling from which the limiter filters their stretches apart
BLOCK = 0.4  # BS.1770 gating block, seconds
STEP = 0.25  # gating block step, fraction of a block (75% overlap)
ABSOLUTE_GATE = -70.0  # LUFS
RELATIVE_GATE = -10.0  # LU below the ungated loudness
BLOCK_SAMPLES = 1 << 16  # samples the streaming stages hold at once (1.5 s at 44.1 kHz)
POWER_CACHE = 1 << 23  # samples of K-weighted power kept for blocks the limiter touches (32 MB, a fixed cap): the
#                        normaliser's passes re-measure them without filtering again, up to this much


SHELF = (4.0, 1 / math.sqrt(2), 1500.0)  # K-weighting stage 1: high shelf, gain dB, Q, corner Hz (BS.1770)
HIGH_PASS = (0.5, 38.0)  # K-weighting stage 2: high pass (RLB), Q, corner Hz


def k_weighting(rate: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The two BS.1770 K-weighting biquads (b, a) at `rate` Hz, designed with the RBJ cookbook formulae (at
    48 kHz they match the coefficients printed in BS.1770; the same design pyloudnorm uses)."""
    import numpy as np

    gain, q, fc = SHELF
    a_ = 10 ** (gain / 40)
    w0 = 2 * math.pi * fc / rate
    cw, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    root = 2 * math.sqrt(a_) * alpha
    shelf_b = [a_ * ((a_ + 1) + (a_ - 1) * cw + root), -2 * a_ * ((a_ - 1) + (a_ + 1) * cw),
               a_ * ((a_ + 1) + (a_ - 1) * cw - root)]
    shelf_a = [(a_ + 1) - (a_ - 1) * cw + root, 2 * ((a_ - 1) - (a_ + 1) * cw), (a_ + 1) - (a_ - 1) * cw - root]
    q, fc = HIGH_PASS
    w0 = 2 * math.pi * fc / rate
    cw, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    hp_b = [(1 + cw) / 2, -(1 + cw), (1 + cw) / 2]
    hp_a = [1 + alpha, -2 * cw, 1 - alpha]
    return [(np.array(b) / a[0], np.array(a) / a[0]) for b, a in ((shelf_b, shelf_a), (hp_b, hp_a))]


KERNEL = 0.1  # seconds of the K-weighting's impulse response kept: what follows is below 1e-10 of its peak


def k_kernel(rate: int) -> np.ndarray:
    """The impulse response of the two K-weighting biquads in cascade at `rate` Hz, KERNEL seconds of it."""
    import numpy as np

    h = [0.0] * max(1, int(KERNEL * rate))
    h[0] = 1.0
    for b, a in k_weighting(rate):  # the biquads' recursion on an impulse (a few thousand steps, once per meter)
        b0, b1, b2, a1, a2 = float(b[0]), float(b[1]), float(b[2]), float(a[1]), float(a[2])
        x1 = x2 = y1 = y2 = 0.0
        for n, x in enumerate(h):
            y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            h[n], x2, x1, y2, y1 = y, x1, x, y1, y
    return np.array(h)


class Meter:
    """Streaming BS.1770 meter: `feed` consecutive blocks of one signal; memory holds only the K-weighting's state
    (the last KERNEL seconds fed) and the energy sums at the 100 ms gating-block edges (a few hundred kB for an
    hour).

    K-weighting is the filters' impulse response applied by FFT convolution (numpy), which matches the biquads to
    1e-10 and keeps scipy.signal (0.7 s to import on an idle core) off narration's path.

    `integrated(scale, less)` re-measures the same signal times a gain `scale` with the energies `less` (from
    `energy_edges`) taken away where a limiter lowered it, without filtering again: K-weighting is linear, so
    K(g * x) is close to g * K(x) for gains that change slowly next to the filters' time constants (a limiter's
    10 ms). The final figure is always measured again on the written file.
    """

    def __init__(self, rate: int) -> None:
        import numpy as np

        self.rate = rate
        self.kernel = k_kernel(rate)
        self.spectra: dict[int, np.ndarray] = {}  # FFT size -> the kernel's spectrum
        self.history = np.zeros(len(self.kernel) - 1)  # the samples fed last, which the next block's output needs
        self.n = 0  # samples fed
        self.total = 0.0  # their K-weighted energy
        self.lo: list[float] = []  # cumulative energy at each gating block's first sample, and one past its last
        self.hi: list[float] = []

    def lo_at(self, j: int) -> int:
        return int(BLOCK * j * STEP * self.rate)

    def hi_at(self, j: int) -> int:
        return int(BLOCK * (j * STEP + 1) * self.rate)

    def filter(self, x: np.ndarray, history: np.ndarray | None = None) -> np.ndarray:
        """K-weighted power (float32) of the block `x`, after `history`: the len(kernel) - 1 samples before it,
        zeros before the signal starts (default: the meter's own, which moves on past `x`)."""
        import numpy as np

        taps = len(self.kernel)
        past = self.history if history is None else history
        ext = np.concatenate([past, np.asarray(x, dtype=np.float64)])
        if history is None:
            self.history = ext[len(ext) - (taps - 1):]
        if len(x) == 0:
            return np.zeros(0, dtype=np.float32)
        size = -(-len(ext) // 4096) * 4096  # circular convolution: only the first taps - 1 outputs wrap around
        if size not in self.spectra:
            self.spectra[size] = np.fft.rfft(self.kernel, size)
        k = np.fft.irfft(np.fft.rfft(ext, size) * self.spectra[size], size)[taps - 1:len(ext)]
        return np.square(k).astype(np.float32)

    def feed(self, x: np.ndarray) -> np.ndarray:
        """Take the next block; returns its K-weighted power (float32), for callers that keep it."""
        import numpy as np

        p = self.filter(x)
        c = np.cumsum(p, dtype=np.float64)
        a, b = self.n, self.n + len(p)
        for edges, at in ((self.lo, self.lo_at), (self.hi, self.hi_at)):
            while at(len(edges)) <= b:
                i = at(len(edges)) - a
                edges.append(self.total + (float(c[i - 1]) if i > 0 else 0.0))
        self.n, self.total = b, self.total + (float(c[-1]) if len(c) else 0.0)
        return p

    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Sample positions of every gating block's first sample and one past its last, clipped to the signal."""
        import numpy as np

        rate = self.rate
        n = self.n if self.n >= BLOCK * rate else int(BLOCK * rate) + 1  # a short signal: one block, zero-padded
        blocks = int(round((n / rate - BLOCK) / (BLOCK * STEP))) + 1
        j = np.arange(blocks)
        lo = np.minimum((BLOCK * j * STEP * rate).astype(np.int64), self.n)
        hi = np.minimum((BLOCK * (j * STEP + 1) * rate).astype(np.int64), self.n)
        return lo, hi

    def integrated(self, scale: float = 1.0, less: tuple[np.ndarray, np.ndarray] | None = None) -> float:
        """Gated integrated loudness (LUFS) of everything fed, times `scale`, minus the energies `less`."""
        import numpy as np

        lo, hi = self.edges()

        def cum(values: list[float], pos: np.ndarray) -> np.ndarray:
            v = np.asarray(values + [self.total], dtype=np.float64)
            idx = np.minimum(np.arange(len(pos)), len(values))
            return np.where(pos >= self.n, self.total, v[idx])

        c_lo, c_hi = cum(self.lo, lo), cum(self.hi, hi)
        z = (c_hi - c_lo) * scale * scale
        if less is not None:
            z = z - (less[1] - less[0])
        z = np.maximum(z, 0.0) / (BLOCK * self.rate)
        return gated(z)


def gated(z: np.ndarray) -> float:
    """BS.1770 gating of the mean-square energies `z` of the 400 ms blocks: integrated loudness in LUFS."""
    import numpy as np

    with np.errstate(divide="ignore"):
        lj = -0.691 + 10 * np.log10(z)
    above = z[lj >= ABSOLUTE_GATE]
    if len(above) == 0:
        return -math.inf
    gate = -0.691 + 10 * math.log10(above.mean()) + RELATIVE_GATE
    kept = z[(lj > gate) & (lj > ABSOLUTE_GATE)]
    return -0.691 + 10 * math.log10(kept.mean()) if len(kept) else -math.inf


def integrated(x: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (-inf for silence)."""
    meter = Meter(rate)
    meter.feed(x)
    return meter.integrated()


def true_peak(x: np.ndarray) -> float:
    """True peak in dBTP: the highest absolute sample of `x` oversampled 4x (BS.1770-4)."""
    import numpy as np
    from scipy.signal import resample_poly

    if len(x) == 0:
        return -math.inf
    best = float(np.abs(resample_poly(np.asarray(x, dtype=np.float32), OVERSAMPLE, 1)).max())
    return 20 * math.log10(best) if best > 0 else -math.inf


def limiter_gain(x: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray | None:
    """The gain envelope that keeps every sample of `x` at or below `ceiling_db` dBFS, or None if none is needed.

    Each peak's gain reduction is held LIMIT_HOLD on both sides (look-ahead) and then averaged over LIMIT_SMOOTH;
    the hold is wider than the average, so the smoothed gain never exceeds what any sample in reach needs. Only the
    stretches around peaks over the ceiling are filtered, stretches less than STRETCH_GAP apart as one (the gain
    between them is 1 either way; filtered apart, speech with a peak every few syllables took thousands of small
    numpy calls).
    """
    import numpy as np

    ceiling = 10 ** (ceiling_db / 20)
    peak = np.abs(x)
    over = np.flatnonzero(peak > ceiling)
    if len(over) == 0:
        return None
    smooth = max(1, int(rate * LIMIT_SMOOTH)) | 1  # odd, so the average is centred
    hold = max(int(rate * LIMIT_HOLD), smooth // 2 + 1)
    reach = hold + smooth  # how far one peak's gain reduction spreads
    gain = np.ones(len(x), dtype=np.float32)
    breaks = np.flatnonzero(np.diff(over) > max(4 * reach, int(STRETCH_GAP * rate)))
    for a, b in zip(np.concatenate([[0], breaks + 1]), np.concatenate([breaks, [len(over) - 1]])):
        lo, hi = max(0, over[a] - 2 * reach), min(len(x), over[b] + 2 * reach + 1)
        g = np.minimum(1.0, ceiling / np.maximum(peak[lo:hi], 1e-9)).astype(np.float32)
        gain[lo:hi] = np.minimum(running_mean(running_min(g, 2 * hold + 1), smooth), 1.0)
    return gain


def running_min(x: np.ndarray, size: int) -> np.ndarray:
    """The minimum of each odd `size` window centred on each sample, the ends repeated outwards (scipy.ndimage's
    minimum_filter1d, mode "nearest"): prefix and suffix minima in blocks of `size` (van Herk / Gil-Werman)."""
    import numpy as np

    padded = _edge_padded(x, size // 2)
    blocks = -(-len(padded) // size)
    q = np.full(blocks * size, np.inf, dtype=x.dtype)
    q[:len(padded)] = padded
    q = q.reshape(blocks, size)
    prefix = np.minimum.accumulate(q, axis=1).reshape(-1)
    suffix = np.minimum.accumulate(q[:, ::-1], axis=1)[:, ::-1].reshape(-1)
    return np.minimum(suffix[:len(x)], prefix[size - 1:size - 1 + len(x)])


def running_mean(x: np.ndarray, size: int) -> np.ndarray:
    """The mean of each odd `size` window centred on each sample, the ends repeated outwards (scipy.ndimage's
    uniform_filter1d, mode "nearest"), in the input's type."""
    import numpy as np

    sums = np.concatenate([[0.0], np.cumsum(_edge_padded(x, size // 2), dtype=np.float64)])
    return ((sums[size:] - sums[:-size]) / size).astype(x.dtype)


def _edge_padded(x: np.ndarray, n: int) -> np.ndarray:
    """`x` with its first and last values repeated `n` times outwards (np.pad's mode "edge", without its cost)."""
    import numpy as np

    return np.concatenate([np.full(n, x[0], dtype=x.dtype), x, np.full(n, x[-1], dtype=x.dtype)])


def limit(x: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """`x` peak-limited to `ceiling_db` dBFS."""
    gain = limiter_gain(x, rate, ceiling_db)
    return x if gain is None else (x * gain).astype(x.dtype)


Reader = Callable[[int, int], "np.ndarray"]  # samples [a, b) of a signal, read (or rendered) on demand


class Levels:
    """What one streaming pass over a signal, fed in blocks of BLOCK_SAMPLES, learns for normalising it: the
    loudness meter and each block's sample peak (the few blocks a limiter touches are read again, with the
    K-weighting's length of samples before them, and re-weighted alone). Holds a few numbers per block, never the
    signal."""

    def __init__(self, rate: int) -> None:
        self.meter = Meter(rate)
        self.peaks: list[float] = []
        self.n = 0
        self.kept: dict[int, np.ndarray] = {}  # block -> its K-weighted power, up to POWER_CACHE samples in all
        self.kept_samples = 0

    def power(self, i: int, read: Reader) -> np.ndarray:
        """K-weighted power of block `i` (kept, or read again with the samples before it and filtered)."""
        import numpy as np

        if i in self.kept:
            return self.kept[i]
        a, taps = i * BLOCK_SAMPLES, len(self.meter.kernel)
        start = max(0, a - (taps - 1))
        x = read(start, min(self.n, a + BLOCK_SAMPLES))
        history = np.concatenate([np.zeros(taps - 1 - (a - start)), x[:a - start]])
        p = self.meter.filter(x[a - start:], history)
        if self.kept_samples + len(p) <= POWER_CACHE:
            self.kept[i] = p
            self.kept_samples += len(p)
        return p

    def feed(self, x: np.ndarray) -> None:
        import numpy as np

        if self.n % BLOCK_SAMPLES or len(x) > BLOCK_SAMPLES:
            raise ValueError("Levels takes whole blocks of BLOCK_SAMPLES (the last may be shorter)")
        self.meter.feed(x)
        self.peaks.append(float(np.abs(x).max()) if len(x) else 0.0)
        self.n += len(x)


def analyse(blocks: Iterable[np.ndarray], rate: int) -> Levels:
    """Levels of a signal given as consecutive blocks of BLOCK_SAMPLES."""
    levels = Levels(rate)
    for x in blocks:
        levels.feed(x)
    return levels


def _margin(rate: int) -> int:
    """Samples either side of a block that decide the limiter's gain inside it (more than a peak's reach)."""
    smooth = max(1, int(rate * LIMIT_SMOOTH)) | 1
    hold = max(int(rate * LIMIT_HOLD), smooth // 2 + 1)
    return 2 * (hold + smooth)


def _block_gain(read: Reader, levels: Levels, i: int, scale: float, ceiling_db: float) -> np.ndarray | None:
    """The limiter's gain over block `i` of the signal times `scale`, exactly as over the whole signal; None when
    nothing in reach goes over the ceiling."""
    rate, n = levels.meter.rate, levels.n
    if max(levels.peaks[max(0, i - 1):i + 2]) * scale <= 10 ** (ceiling_db / 20):
        return None
    a, b = i * BLOCK_SAMPLES, min(n, (i + 1) * BLOCK_SAMPLES)
    m = _margin(rate)
    wa, wb = max(0, a - m), min(n, b + m)
    g = limiter_gain(read(wa, wb) * scale, rate, ceiling_db)
    return None if g is None else g[a - wa:b - wa]


def limited_loudness(read: Reader, levels: Levels, scale: float, ceiling_db: float) -> float:
    """Integrated loudness of the signal times `scale` after the limiter (only limited blocks are read again)."""
    return limited(read, levels, scale, ceiling_db)[0]


def limited(read: Reader, levels: Levels, scale: float, ceiling_db: float) -> tuple[float, float]:
    """`limited_loudness`, and how fast it grows with the gain (LU per dB) there: the share of the limited signal's
    energy in samples the limiter leaves alone. A held sample's gain falls as fast as `scale` rises, so its energy
    stays; a free one's grows with the gain (gating and the limiter's smoothing aside: a step's estimate)."""
    import numpy as np

    meter = levels.meter
    lo, hi = meter.edges()
    less = []
    for pos in (lo, hi):
        partial, diff = np.zeros(len(pos)), np.zeros(len(pos) + 1)
        less.append((pos, partial, diff))
    held = 0.0  # K-weighted energy, after the limiter, of the samples it lowers
    for i in range(len(levels.peaks)):
        g = _block_gain(read, levels, i, scale, ceiling_db)
        if g is None:
            continue
        a = i * BLOCK_SAMPLES
        p = levels.power(i, read)
        g2 = np.square(g)
        held += float(np.dot(p, np.where(g < 1.0, g2, 0.0))) * scale * scale
        d = np.concatenate([[0.0], np.cumsum(p * (scale * scale) * (1.0 - g2), dtype=np.float64)])
        for pos, partial, diff in less:
            i0, i1 = np.searchsorted(pos, a), np.searchsorted(pos, a + len(g))
            partial[i0:i1] += d[pos[i0:i1] - a]
            diff[i1] += d[-1]
    lo_less, hi_less = (np.cumsum(diff)[:-1] + partial for _, partial, diff in less)
    energy = meter.total * scale * scale - float(less[0][2].sum())  # the limited signal's, all of it
    free = 1.0 - held / energy if energy > 0 else 1.0
    return meter.integrated(scale, (lo_less, hi_less)), min(max(free, 0.05), 1.0)


def plan(read: Reader, levels: Levels, target: float, ceiling_db: float, passes: int = 4) -> tuple[float, float]:
    """The gain that brings the signal to `target` LUFS with samples limited to `ceiling_db` dBFS: (scale,
    estimated loudness). Limiting costs a little loudness, so the gain rises and the limiter runs again until within
    0.05 LU. A silent signal: (1.0, -inf), to be left alone."""
    loud = levels.meter.integrated()
    if not math.isfinite(loud):
        return 1.0, loud
    # Newton's steps on the gain (dB) by the slope each pass reports: loudness rises more slowly than the gain the
    # more the limiter holds (fixed steps and secants through this curve took a pass more, on espeak-ng's voice)
    tries: list[tuple[float, float]] = []
    db = target - loud
    for _ in range(passes):
        loud, slope = limited(read, levels, 10 ** (db / 20), ceiling_db)
        tries.append((db, loud))
        if abs(loud - target) <= 0.05:
            break
        db += (target - loud) / slope
        db = min(db, tries[0][0] + 24.0)  # no more than 24 dB of limiting
    db = tries[-1][0]
    log.debug("normalised to %.2f LUFS (target %.1f), ceiling %.2f dBFS", loud, target, ceiling_db)
    return 10 ** (db / 20), loud


def apply(read: Reader, levels: Levels, scale: float, ceiling_db: float) -> Iterator[np.ndarray]:
    """The signal times `scale`, limited to `ceiling_db` dBFS, block by block (float32)."""
    import numpy as np

    for i in range(len(levels.peaks)):
        a, b = i * BLOCK_SAMPLES, min(levels.n, (i + 1) * BLOCK_SAMPLES)
        g = _block_gain(read, levels, i, scale, ceiling_db)
        env = scale if g is None else g * scale
        yield (read(a, b) * env).astype(np.float32)


def blocks_of(x: np.ndarray) -> Iterator[np.ndarray]:
    """An in-memory signal as consecutive blocks of BLOCK_SAMPLES."""
    for a in range(0, len(x), BLOCK_SAMPLES):
        yield x[a:a + BLOCK_SAMPLES]


def normalize(x: np.ndarray, rate: int, target: float, ceiling_db: float, passes: int = 4) -> tuple[np.ndarray, float]:
    """Scale `x` to `target` LUFS with samples limited to `ceiling_db` dBFS; return (signal, estimated loudness).
    The in-memory form of `analyse`, `plan` and `apply`, which narration runs on a signal it never holds."""
    import numpy as np

    def read(a: int, b: int) -> np.ndarray:
        return np.asarray(x[a:b], dtype=np.float32)

    levels = analyse(blocks_of(np.asarray(x, dtype=np.float32)), rate)
    scale, loud = plan(read, levels, target, ceiling_db, passes)
    if not math.isfinite(loud):
        return x, loud
    out = list(apply(read, levels, scale, ceiling_db))
    return (np.concatenate(out) if out else np.zeros(0, dtype=np.float32)), loud
