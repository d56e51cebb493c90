"""Loudness: integrated loudness (ITU-R BS.1770-4: K-weighting and gating), true peak by 4x oversampling, and
normalisation to a target with a look-ahead peak limiter.

Signals are mono float32 numpy arrays in -1..1; loudness in LUFS, peaks in dBTP (true) or dBFS (sample).
"""
from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

OVERSAMPLE = 4  # true-peak oversampling factor (BS.1770-4)
LIMIT_HOLD = 0.012  # seconds a gain reduction is held on either side of a peak (look-ahead and hold)
LIMIT_SMOOTH = 0.012  # seconds over which gain changes are smoothed
BLOCK = 0.4  # BS.1770 gating block, seconds
STEP = 0.25  # gating block step, fraction of a block (75% overlap)
ABSOLUTE_GATE = -70.0  # LUFS
RELATIVE_GATE = -10.0  # LU below the ungated loudness


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


class Meter:
    """Integrated loudness of `x` and of `x` times a gain envelope, sharing one K-weighting pass.

    K-weighting is linear, so K(g * x) is close to g * K(x) for gains that change slowly next to the filters' time
    constants (a limiter's 10 ms); `integrated(gain)` uses that to re-measure after limiting without re-filtering.
    The final figure is always measured again on the written file.
    """

    def __init__(self, x: np.ndarray, rate: int) -> None:
        import numpy as np
        from scipy.signal import lfilter

        k = np.asarray(x, dtype=np.float32)
        for b, a in k_weighting(rate):
            k = lfilter(b.astype(np.float32), a.astype(np.float32), k).astype(np.float32)
        self.power = k * k  # float32; sums below run in float64
        self.rate = rate

    def integrated(self, gain: np.ndarray | float | None = None) -> float:
        """Gated integrated loudness (LUFS) of the signal times `gain` (a scalar or an envelope)."""
        import numpy as np

        p = self.power if gain is None else self.power * np.square(np.asarray(gain, dtype=np.float32))
        n, rate = len(p), self.rate
        if n < BLOCK * rate:
            p = np.concatenate([p, np.zeros(int(BLOCK * rate) - n + 1)])
            n = len(p)
        blocks = int(round((n / rate - BLOCK) / (BLOCK * STEP))) + 1
        j = np.arange(blocks)
        lo = (BLOCK * j * STEP * rate).astype(np.int64)
        hi = np.minimum((BLOCK * (j * STEP + 1) * rate).astype(np.int64), n)
        c = np.concatenate([[0.0], np.cumsum(p, dtype=np.float64)])
        z = (c[hi] - c[lo]) / (BLOCK * rate)
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
    return Meter(x, rate).integrated()


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
    stretches around peaks over the ceiling are filtered.
    """
    import numpy as np
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = 10 ** (ceiling_db / 20)
    peak = np.abs(x)
    over = np.flatnonzero(peak > ceiling)
    if len(over) == 0:
        return None
    smooth = max(1, int(rate * LIMIT_SMOOTH)) | 1  # odd, so the average is centred
    hold = max(int(rate * LIMIT_HOLD), smooth // 2 + 1)
    reach = hold + smooth  # how far one peak's gain reduction spreads
    gain = np.ones(len(x), dtype=np.float32)
    breaks = np.flatnonzero(np.diff(over) > 4 * reach)
    for a, b in zip(np.concatenate([[0], breaks + 1]), np.concatenate([breaks, [len(over) - 1]])):
        lo, hi = max(0, over[a] - 2 * reach), min(len(x), over[b] + 2 * reach + 1)
        g = np.minimum(1.0, ceiling / np.maximum(peak[lo:hi], 1e-9)).astype(np.float32)
        g = minimum_filter1d(g, size=2 * hold + 1, mode="nearest")
        gain[lo:hi] = np.minimum(uniform_filter1d(g, size=smooth, mode="nearest"), 1.0)
    return gain


def limit(x: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """`x` peak-limited to `ceiling_db` dBFS."""
    gain = limiter_gain(x, rate, ceiling_db)
    return x if gain is None else (x * gain).astype(x.dtype)


def normalize(x: np.ndarray, rate: int, target: float, ceiling_db: float, passes: int = 4) -> tuple[np.ndarray, float]:
    """Scale `x` to `target` LUFS with samples limited to `ceiling_db` dBFS; return (signal, estimated loudness).

    Limiting costs a little loudness, so the gain rises and the limiter runs again until within 0.05 LU.
    """
    import numpy as np

    meter = Meter(x, rate)
    loud = meter.integrated()
    if not math.isfinite(loud):
        return x, loud
    # secant search on the gain (dB) for the loudness the limited signal reaches
    tries: list[tuple[float, float]] = []
    db = target - loud
    env: np.ndarray | float = 1.0
    for _ in range(passes):
        scale = 10 ** (db / 20)
        g = limiter_gain(x * scale, rate, ceiling_db)
        env = scale if g is None else g * scale
        loud = meter.integrated(env)
        tries.append((db, loud))
        if abs(loud - target) <= 0.05:
            break
        if len(tries) > 1 and tries[-1][1] != tries[-2][1]:
            (d0, l0), (d1, l1) = tries[-2], tries[-1]
            db = d1 + (target - l1) * (d1 - d0) / (l1 - l0)
        else:
            db += (target - loud) * 1.5
        db = min(db, tries[0][0] + 24.0)  # no more than 24 dB of limiting
    log.debug("normalised to %.2f LUFS (target %.1f), ceiling %.2f dBFS", loud, target, ceiling_db)
    return (x * env).astype(np.float32), loud
