#!/usr/bin/env python3
"""Make the bundled music assets from pydub's tone generators (no third-party recordings).

    .venv/bin/python scripts/make_audio_assets.py   # writes audio/{sting,bed}.ogg

sting.ogg: a 2.6 s rising four-note chime (sine + a little square for colour) played before the intro and after
the outro with `briefcast narrate --music default`. bed.ogg: an 8 s soft pad (a low sine chord over filtered noise)
that loops seamlessly under the body with `--bed default`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from pydub import AudioSegment
from pydub.generators import Sine, Square, WhiteNoise

# the package sees this folder through the symlink src/briefcast/narrate/audio
OUT = Path(__file__).resolve().parents[1] / "audio"
RATE = 44100  # Hz


def note(freq: float, ms: int, volume: float) -> AudioSegment:
    """A bell-like note: a sine with a quiet octave square, quick attack, long decay."""
    tone = Sine(freq, sample_rate=RATE).to_audio_segment(ms, volume)
    colour = Square(freq * 2, sample_rate=RATE).to_audio_segment(ms, volume - 22).low_pass_filter(3000)
    return tone.overlay(colour).fade_in(8).fade_out(int(ms * 0.8))


def sting() -> AudioSegment:
    notes = [523.25, 659.25, 783.99, 1046.50]  # C5 E5 G5 C6
    out = AudioSegment.silent(2600, frame_rate=RATE)
    for i, f in enumerate(notes):
        out = out.overlay(note(f, 2600 - i * 180, -14.0), position=i * 180)
    pad = Sine(261.63, sample_rate=RATE).to_audio_segment(2400, -24.0).fade_in(300).fade_out(1500)
    return out.overlay(pad).fade_out(400).set_channels(1)


def bed() -> AudioSegment:
    ms = 8000
    chord = AudioSegment.silent(ms, frame_rate=RATE)
    for f, vol in ((110.0, -24.0), (164.81, -27.0), (220.0, -29.0), (277.18, -32.0)):  # A2 E3 A3 C#4
        chord = chord.overlay(Sine(f, sample_rate=RATE).to_audio_segment(ms, vol))
    air = WhiteNoise(sample_rate=RATE).to_audio_segment(ms, -46.0).low_pass_filter(900).high_pass_filter(200)
    # 50 ms fades at both ends so the loop has no click where it joins itself
    return chord.overlay(air).fade_in(50).fade_out(50).set_channels(1)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, seg in (("sting", sting()), ("bed", bed())):
        path = OUT / f"{name}.ogg"
        seg.export(path, format="ogg", codec="libvorbis", parameters=["-q:a", "2"])
        print(f"{path.relative_to(OUT.parents[3])}: {len(seg) / 1000:.1f} s, {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
