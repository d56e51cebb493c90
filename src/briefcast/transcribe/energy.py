"""Frame energy of decoded audio: where the silences really are (Whisper's word times smear into them)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..media import SAMPLE_RATE

FRAME = 0.02  # seconds per energy frame
QUIET_BELOW_PEAK = 40.0  # dB under the loud frames that always counts as quiet
QUIET_SHARE = 0.25  # or this share of the way from the noise floor up to the loud frames, whichever is higher
SILENT_PEAK = -55.0  # dBFS: audio whose loud frames stay under this holds no speech
FRAMED = 0.5  # seconds of quiet either side of a sound between two sentences that set it apart (an interlude)
MIN_INTERLUDE = 1.0  # seconds: the shortest sound that is an interlude (a sting, music); a shorter one is a breath
NOT_SPEECH = 0.5  # an interlude is a sound heard as speech in less than this share of it


@dataclass(frozen=True)
class Energy:
    """Frame RMS levels (dBFS) of a recording, with its quiet threshold."""

    db: np.ndarray  # one value per FRAME seconds
    peak: float  # dBFS of the loud frames (95th percentile)
    threshold: float  # dBFS under which a frame is quiet

    @classmethod
    def of(cls, audio: np.ndarray, rate: int = SAMPLE_RATE) -> Energy:
        return cls.from_db(frame_db(audio, rate))

    @classmethod
    def from_db(cls, db: np.ndarray) -> Energy:
        """The energy of a recording from its frame levels (`frame_db` of consecutive pieces, concatenated)."""
        if not db.size:
            db = np.full(1, -200.0)
        peak = float(np.percentile(db, 95))
        floor = float(np.percentile(db, 5))
        return cls(db, peak, max(peak - QUIET_BELOW_PEAK, floor + QUIET_SHARE * (peak - floor)))

    @property
    def is_silent(self) -> bool:
        """True when nothing in the recording is loud enough to be speech."""
        return self.peak < SILENT_PEAK

    @property
    def has_pauses(self) -> bool:
        """True when quiet frames exist at all (a continuous music bed hides pauses; then word times must do)."""
        return bool(np.mean(self.db < self.threshold) > 0.02)

    def quiet_run(self, start: float, end: float) -> float:
        """Seconds of the longest run of quiet frames between `start` and `end`."""
        a, b = max(int(start / FRAME), 0), min(int(np.ceil(end / FRAME)), len(self.db))
        if b <= a:
            return 0.0
        best = run = 0
        for quiet in self.db[a:b] < self.threshold:
            run = run + 1 if quiet else 0
            best = max(best, run)
        return best * FRAME

    def interlude(self, start: float, end: float, speech: Sequence[tuple[float, float]] = ()) -> float:
        """Seconds of the pause an interlude makes between `start` and `end`: a sound of MIN_INTERLUDE or more that
        is not speech (the `speech` spans cover less than NOT_SPEECH of it), set apart by FRAMED of quiet either
        side, counted with those quiets (a sting between two stories, 0.8 s of silence either side: 2.6 to 4.2 s
        with the sting cut or whole); 0 when there is none."""
        a, b = max(int(start / FRAME), 0), min(int(np.ceil(end / FRAME)), len(self.db))
        quiet = self.db[a:b] < self.threshold
        runs: list[tuple[int, int]] = []  # quiet runs of FRAMED or more, as frame indices from a
        k = 0
        while k < len(quiet):
            if quiet[k]:
                j = k
                while j < len(quiet) and quiet[j]:
                    j += 1
                if j - k >= FRAMED / FRAME:
                    runs.append((k, j))
                k = j
            else:
                k += 1
        best = 0.0
        for (q0, s0), (s1, q1) in zip(runs, runs[1:]):  # the sound [s0, s1) between two long quiets
            lo, hi = (a + s0) * FRAME, (a + s1) * FRAME
            heard = sum(max(0.0, min(hi, y) - max(lo, x)) for x, y in speech)
            if hi - lo >= MIN_INTERLUDE and heard < NOT_SPEECH * (hi - lo):
                best = max(best, (q1 - q0) * FRAME)
        return best

    def level(self, start: float, end: float) -> float:
        """dBFS of the loudest frame between `start` and `end` (very low: the span is silence)."""
        a, b = max(int(start / FRAME), 0), min(int(np.ceil(end / FRAME)), len(self.db))
        return float(self.db[a:b].max()) if b > a else -200.0


def frame_db(audio: np.ndarray, rate: int = SAMPLE_RATE) -> np.ndarray:
    """RMS level (dBFS) of each whole FRAME of `audio` (a piece shorter than a frame counts as one)."""
    n = int(rate * FRAME)
    frames = audio[: len(audio) // n * n].reshape(-1, n) if len(audio) >= n else audio.reshape(1, -1)
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1)) if frames.size else np.zeros(1)
    return (20 * np.log10(rms + 1e-10)).astype(np.float32)


def common(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Where two sorted lists of (start, end) spans overlap: speech is where the VAD hears it and the recogniser
    timed a word (the VAD takes a chime's attack for speech; the recogniser stretches a word over a sting)."""
    a, b = _merged(a), _merged(b)
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _merged(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
