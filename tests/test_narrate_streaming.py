"""Narration streams: the timeline, loudness meter, limiter and normaliser work a block at a time, agree with the
whole-signal computation, and hold a bounded amount of memory whatever the length (synthetic signals, fast)."""
from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pytest

from briefcast.narrate import loudness, mix

RATE = 16000


def clip(i: int) -> np.ndarray:
    """A reproducible 'utterance': 1.5-3.5 s of noise shaped like syllables, with a few peaks the limiter must catch."""
    rng = np.random.default_rng(i)
    n = int(RATE * (1.5 + 2.0 * rng.random()))
    t = np.arange(n) / RATE
    x = (0.05 * rng.standard_normal(n) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t) ** 2)).astype(np.float32)
    if i % 4 == 0:
        x[rng.integers(0, n, 3)] = 0.8
    return x


def music(seconds: float, seed: int) -> np.ndarray:
    return (0.1 * np.random.default_rng(seed).standard_normal(int(RATE * seconds))).astype(np.float32)


def timeline(count: int) -> mix.Timeline:
    lengths = [len(clip(i)) for i in range(count)]
    pauses = [0.0] + [0.3 + 0.4 * (i % 3) for i in range(1, count)]
    return mix.Timeline(lengths, clip, pauses, RATE, sting=music(1.0, 1), bed=music(2.0, 2),
                        bed_span=(1, count - 2))


def test_any_window_size_renders_the_same_timeline():
    tl = timeline(12)
    whole = tl.window(0, tl.total)
    for size in (777, 4096, loudness.BLOCK_SAMPLES):
        assert np.allclose(np.concatenate(list(tl.blocks(size))), whole, atol=1e-6)
    assert len(whole) == tl.total and tl.layout.duration == tl.total / RATE


def test_streaming_meter_and_limiter_agree_with_the_whole_signal():
    x = np.concatenate([clip(i) for i in range(40)])  # about 100 s: many blocks, limited in several
    meter = loudness.Meter(RATE)
    for a in range(0, len(x), 5000):  # blocks of any size
        meter.feed(x[a:a + 5000])
    assert meter.integrated() == pytest.approx(loudness.integrated(x, RATE), abs=1e-4)
    levels = loudness.analyse(loudness.blocks_of(x), RATE)

    def read(a: int, b: int) -> np.ndarray:
        return x[a:b]

    scale, estimate = loudness.plan(read, levels, -16.0, -1.5)
    out = np.concatenate(list(loudness.apply(read, levels, scale, -1.5)))
    whole = loudness.limit((x * scale).astype(np.float32), RATE, -1.5)
    assert np.allclose(out, whole, atol=1e-6)  # block by block is the limiter over the whole signal
    assert float(np.abs(out).max()) <= 10 ** (-1.5 / 20) + 1e-6
    assert loudness.integrated(out, RATE) == pytest.approx(-16.0, abs=0.1)
    assert estimate == pytest.approx(-16.0, abs=0.05)


def peak_bytes(count: int) -> tuple[int, int, float]:
    """Render, measure, normalise and consume a timeline of `count` clips, never keeping the signal: returns the
    signal's size in bytes, the peak memory Python and numpy allocated meanwhile, and the output's loudness."""
    tracemalloc.start()
    try:
        tl = timeline(count)
        levels = loudness.analyse(tl.blocks(), RATE)
        scale, _ = loudness.plan(tl.window, levels, -16.0, -1.5)
        meter, top = loudness.Meter(RATE), 0.0
        for block in loudness.apply(tl.window, levels, scale, -1.5):
            meter.feed(block)
            top = max(top, float(np.abs(block).max()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert top <= 10 ** (-1.5 / 20) + 1e-6
    return 4 * tl.total, peak, meter.integrated()


def test_memory_stays_bounded_whatever_the_length(monkeypatch):
    monkeypatch.setattr(loudness, "POWER_CACHE", 1 << 18)  # the fixed cap on kept power (32 MB) made 1 MB here
    peak_bytes(4)  # imports (scipy) allocate too: done before measuring
    small_signal, small_peak, small_loud = peak_bytes(30)  # about 1.5 minutes
    signal, peak, loud = peak_bytes(180)  # about 9 minutes: a 34 MB signal at 16 kHz, float32
    assert signal > 30e6 and signal > 5 * small_signal
    assert peak < 8e6  # a quarter of the signal: it is never held whole (nor its power, nor its gain)
    assert peak < small_peak + 2e6  # and six times the length costs (almost) nothing more
    assert loud == pytest.approx(-16.0, abs=0.2) and small_loud == pytest.approx(-16.0, abs=0.2)


@pytest.mark.parametrize("fmt,jobs", [("wav", 1), ("mp3", 2)])  # mp3 with 2 jobs: tee-metered in a writer thread
def test_encoding_streams_blocks_and_an_error_making_them_is_raised(tmp_path, fmt, jobs):
    from briefcast.narrate import encode
    from briefcast.narrate.options import NarrateOptions

    options = NarrateOptions(format=fmt, jobs=jobs, sample_rate=RATE)
    out = tmp_path / f"ok.{fmt}"
    blocks = (music(0.5, i) for i in range(6))
    if fmt == "mp3":
        loud, _ = encode.encode_measured(blocks, RATE, out, options)
        assert math.isfinite(loud)
    else:
        encode.encode(blocks, RATE, out, options)
    assert len(encode.decode(out, RATE)) == pytest.approx(3 * RATE, abs=RATE // 10)

    def broken():
        yield music(0.5, 1)
        raise OSError("a clip could not be read")

    with pytest.raises(OSError, match="clip could not be read"):
        encode.encode_measured(broken(), RATE, tmp_path / f"bad.{fmt}", options)
