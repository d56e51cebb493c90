"""Long recordings in pieces: blocks of a stream cut at quiet points, and speech chunks found by the Silero VAD that
faster-whisper ships (an ONNX model inside the package: nothing to download).

A block is what is held in memory at once (minutes); a chunk is what the recogniser decodes on its own (<= 30 s of
speech, pauses left out; word times are put back where they were in the recording).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from ..media import SAMPLE_RATE
from .energy import FRAME
from .recogniser import Chunk, Span

BLOCK = 300.0  # seconds of audio held at once (about 19 MB of float32 samples)
CUT_SEARCH = 20.0  # seconds at the end of a block searched for its quietest point, where the block is cut
CUT_SPAN = 0.3  # seconds: the quiet stretch a cut is centred in (a pause between words)
CHUNK = 30.0  # seconds: the most Whisper decodes in one window

VAD_SILENCE = 0.16  # seconds of silence that end a VAD speech span (faster-whisper's batched default)
VAD_PAD = 0.4  # seconds added to each side of a VAD speech span


def blocks(windows: Iterable[np.ndarray], *, length: float = BLOCK,
           rate: int = SAMPLE_RATE) -> Iterator[tuple[float, np.ndarray, bool]]:
    """(offset in seconds, samples, is the last block) for consecutive blocks of about `length` seconds of the
    streamed `windows`, each cut at the quietest point of its last CUT_SEARCH seconds (not inside a word)."""
    frame = int(FRAME * rate)
    target = max(int(length * rate) // frame * frame, frame)
    pending: list[np.ndarray] = []
    held = 0
    offset = 0
    for window in windows:
        pending.append(window)
        held += len(window)
        while held >= target + int(CUT_SEARCH * rate):
            buf = np.concatenate(pending)
            cut = quiet_cut(buf[:target + int(CUT_SEARCH * rate)], target - int(CUT_SEARCH * rate), rate)
            yield offset / rate, buf[:cut], False
            offset += cut
            pending, held = [buf[cut:]], len(buf) - cut
    yield offset / rate, (np.concatenate(pending) if pending else np.zeros(0, np.float32)), True


def quiet_cut(audio: np.ndarray, after: int, rate: int = SAMPLE_RATE) -> int:
    """A sample index (a whole number of frames) after `after`, centred in the quietest CUT_SPAN of `audio`."""
    frame = int(FRAME * rate)
    start = max(after // frame, 0)
    n = (len(audio) // frame) - start
    if n <= 1:
        return len(audio) // frame * frame
    frames = audio[start * frame:(start + n) * frame].reshape(n, frame)
    power = np.mean(np.square(frames, dtype=np.float64), axis=1)
    span = max(int(CUT_SPAN / FRAME), 1)
    smooth = np.convolve(power, np.ones(span), mode="valid") if n >= span else power
    return (start + int(np.argmin(smooth)) + min(span, n) // 2) * frame


def speech_spans(audio: np.ndarray, rate: int = SAMPLE_RATE) -> list[Span]:
    """Where the Silero VAD hears speech in `audio` (seconds, padded by VAD_PAD, each at most CHUNK long)."""
    if len(audio) < rate // 10:
        return []
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(max_speech_duration_s=CHUNK, min_silence_duration_ms=int(VAD_SILENCE * 1000),
                         speech_pad_ms=int(VAD_PAD * 1000))
    return [(s["start"] / rate, s["end"] / rate) for s in get_speech_timestamps(audio, options, sampling_rate=rate)]


def chunk_spans(spans: list[Span], *, length: float = CHUNK) -> list[Chunk]:
    """Consecutive speech spans grouped into chunks of at most `length` seconds of speech (faster-whisper's batched
    way: Whisper decoding without timestamps tends to stop at a long pause inside its window, so pauses are cut
    out, and the word times put back afterwards)."""
    chunks: list[list[Span]] = []
    held = 0.0
    for start, end in spans:
        end = min(end, start + length)
        if chunks and held + end - start <= length:
            chunks[-1].append((start, end))
            held += end - start
        else:
            chunks.append([(start, end)])
            held = end - start
    return [tuple(c) for c in chunks]


class Layout:
    """Chunks of a block laid end to end (what the recogniser decodes), with the way back to the block's times."""

    def __init__(self, audio: np.ndarray, chunks: list[Chunk], rate: int = SAMPLE_RATE) -> None:
        self.rate = rate
        self.pieces: list[tuple[float, float, float]] = []  # (laid-out start, block start, block end)
        self.clips: list[Span] = []  # each chunk's span in the laid-out audio
        parts: list[np.ndarray] = []
        at = 0
        for chunk in chunks:
            first = at
            for a, b in chunk:
                piece = audio[int(a * rate):int(b * rate)]
                self.pieces.append((at / rate, a, b))
                parts.append(piece)
                at += len(piece)
            self.clips.append((first / rate, at / rate))
        self.audio = np.concatenate(parts) if parts else np.zeros(0, np.float32)

    def chunk_of(self, t: float) -> int:
        """Index of the chunk holding laid-out time `t`."""
        for i, (_, b) in enumerate(self.clips):
            if t < b - 0.01:
                return i
        return max(len(self.clips) - 1, 0)

    def to_block(self, t: float, *, is_end: bool = False) -> float:
        """Laid-out time -> the block's time (an end on a joint stays with the piece before it)."""
        for start, a, b in reversed(self.pieces):
            if t > start or (t == start and not is_end):
                return min(a + (t - start), b)
        return self.pieces[0][1] if self.pieces else t
