"""Long recordings in pieces: blocks of a stream cut at quiet points, and speech chunks found by the Silero VAD that
faster-whisper ships (an ONNX model inside the package: nothing to download).

A block is what is held in memory at once (minutes); a chunk is what the recogniser decodes on its own (<= 30 s of
contiguous audio, its inner pauses kept so that word times and sentence ends stay true).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from .energy import FRAME
from .media import SAMPLE_RATE
from .recogniser import Span

BLOCK = 300.0  # seconds of audio held at once (about 19 MB of float32 samples)
CUT_SEARCH = 20.0  # seconds at the end of a block searched for its quietest point, where the block is cut
CUT_SPAN = 0.3  # seconds: the quiet stretch a cut is centred in (a pause between words)
CHUNK = 30.0  # seconds: the most Whisper decodes in one window
CHUNK_GAP = 4.0  # seconds: a silence this long ends a chunk even when the next speech would still fit
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


def chunk_spans(spans: list[Span], *, length: float = CHUNK, gap: float = CHUNK_GAP) -> list[Span]:
    """Consecutive speech spans joined into chunks of at most `length` seconds, split at silences over `gap`."""
    chunks: list[Span] = []
    for start, end in spans:
        if chunks and end - chunks[-1][0] <= length and start - chunks[-1][1] <= gap:
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, min(end, start + length)))
    return chunks
