#!/usr/bin/env python3
"""Measure what each encoder does to a normalised narration's loudness and true peak, on real speech.

    .venv/bin/python scripts/measure_encoder.py [--engines pyttsx3,piper] [--formats mp3,mp3:64k,ogg,opus,m4a,wav]
                                                [--loudness -16,-19] [--narrations] [--json]

The signals: the shared speech clips (../shared/data/speech, human voices, at 44.1 kHz) and the same clips' texts
said by each engine (each text alone, trimmed as narration trims it, and all of them in a row with 0.6 s pauses, a
narration's shape). Each is normalised as narration does it (briefcast.narrate.loudness.normalize: the target with
the shift narrator.encoder_prediction gives that voice and format taken off, sample peaks limited to the ceiling less
its margin), encoded at the format's settings, and the written file metered by ffmpeg's EBU R128 meter (BS.1770,
true peak 4x oversampled). Printed per format, target and voice: the loudness shift (written minus the in-process
estimate, LU) and the true peak's overshoot over the limiter's sample-peak ceiling (dB), min / median / max, and how
many files land outside the narration's promise (loudness within LOUDNESS_TOLERANCE of the target, true peak at
most the ceiling less PEAK_GUARD). narrator.PREDICTED holds what these figures support for the voices and settings
it predicts.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SPEECH = ROOT.parent / "shared" / "data" / "speech"
PAUSE = 0.6  # seconds between the texts said in a row


def human(rate: int = 44100) -> dict[str, np.ndarray]:
    """The shared speech clips, mono float32 at `rate`."""
    from briefcast.media import decode

    index = json.loads((SPEECH / "index.json").read_text(encoding="utf-8"))
    return {f"human {Path(e['file']).stem}": decode(SPEECH / e["file"], rate) for e in index}


def narrations(folder: Path) -> list[str]:
    """The real sample article and a 10-minute article narrated by pyttsx3 as a user would (mp3, predicted), each
    written file then metered: what was predicted against what was written."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_long_narration import long_markdown
    from briefcast.narrate import NarrateOptions, encode, narrate_file

    ten = folder / "ten-minutes.md"
    ten.write_text(long_markdown(10), encoding="utf-8")
    lines = []
    for article in (ROOT.parent / "shared" / "samples" / "raqqa-video-voiceover.txt", ten):
        options = NarrateOptions(engine="pyttsx3", cache=False, force=True)
        result = narrate_file(article, folder / "narration.mp3", options=options)
        lufs, peak = encode.measure(result.path)
        lines.append(f"{article.name[:24]:<26}{result.duration / 60:5.1f} min  predicted {result.loudness:+.2f} LUFS "
                     f"{result.true_peak:+.2f} dBTP (at most)   written {lufs:+.1f} LUFS {peak:+.1f} dBTP")
    return lines


def spoken(engine: str) -> tuple[dict[str, np.ndarray], int]:
    """The shared clips' texts said by `engine` as narration says them: each alone (trimmed), and all in a row."""
    from briefcast.narrate import NarrateOptions
    from briefcast.narrate.engines import choose_engine
    from briefcast.narrate.mix import edge_fade, pcm_to_float, speech_bounds

    index = json.loads((SPEECH / "index.json").read_text(encoding="utf-8"))
    texts = [e["text"] for e in index]
    options = NarrateOptions(engine=engine)
    out: dict[str, np.ndarray] = {}
    rate = 0
    with tempfile.TemporaryDirectory() as tmp:
        import wave

        for i, path in enumerate(choose_engine(engine).synthesize(texts, Path(tmp), options=options)):
            with wave.open(str(path), "rb") as w:
                raw, rate = w.readframes(w.getnframes()), w.getframerate()
            a, b = speech_bounds(raw)
            out[f"{engine} {Path(index[i]['file']).stem}"] = edge_fade(pcm_to_float(raw[2 * a:2 * b]), rate)
    gap = np.zeros(int(PAUSE * rate), dtype=np.float32)
    out[f"{engine} all in a row"] = np.concatenate([c for x in list(out.values()) for c in (x, gap)])
    return out, rate


def setting(spec: str) -> object:
    """NarrateOptions for 'FORMAT' or 'FORMAT:BITRATE'."""
    from briefcast.narrate import NarrateOptions

    fmt, _, bitrate = spec.partition(":")
    return NarrateOptions(format=fmt, bitrate=bitrate or None)


def measure_one(x: np.ndarray, rate: int, options: object, engine: str | None, folder: Path) -> tuple[float, float]:
    """(loudness shift LU, true-peak overshoot dB) of `x` (said by `engine`; None: a human voice) normalised as
    narration would, encoded with `options` and metered."""
    from briefcast.narrate import encode, loudness, narrator

    target = options.loudness  # type: ignore[attr-defined]
    shift, margin, _ = narrator.encoder_prediction(options, engine)  # type: ignore[arg-type]
    ceiling = options.true_peak - margin  # type: ignore[attr-defined]
    y, est = loudness.normalize(x, rate, target - shift, ceiling)
    path = folder / f"x{options.extension}"  # type: ignore[attr-defined]
    path.unlink(missing_ok=True)
    encode.encode(y, rate, path, options)  # type: ignore[arg-type]
    written, peak = encode.measure(path)
    return written - est, peak - ceiling


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engines", default="pyttsx3,piper")
    ap.add_argument("--formats", default="mp3,mp3:64k,mp3:192k,ogg,opus,m4a,wav")
    ap.add_argument("--loudness", default="-16", help="targets, LUFS, separated by commas (default -16)")
    ap.add_argument("--json", action="store_true", help="every file's figures as JSON")
    ap.add_argument("--narrations", action="store_true", help="also narrate the sample and a 10-minute article with "
                                                              "pyttsx3 (predicted) and meter the written files")
    args = ap.parse_args()
    import dataclasses

    from briefcast.narrate import narrator

    sets: list[tuple[dict[str, np.ndarray], int, str | None]] = [(human(), 44100, None)]
    sets += [(*spoken(e), e) for e in args.engines.split(",") if e]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec, target in ((f, float(t)) for f in args.formats.split(",") for t in args.loudness.split(",")):
            options = dataclasses.replace(setting(spec), loudness=target)  # type: ignore[type-var]
            for signals, rate, engine in sets:
                shift, margin, worst = narrator.encoder_prediction(options, engine)
                shifts, overs, missed = [], [], 0
                for name, x in signals.items():
                    s, o = measure_one(x, rate, options, engine, Path(tmp))
                    written = target - shift + s
                    miss = abs(written - target) > narrator.LOUDNESS_TOLERANCE or o - margin > -narrator.PEAK_GUARD
                    missed += miss
                    shifts.append(s)
                    overs.append(o)
                    rows.append({"format": spec, "loudness": target, "signal": name, "shift": round(s, 3),
                                 "overshoot": round(o, 3), "missed": bool(miss)})
                kind = "predicted" if worst is not None else "metered"
                print(f"{spec:<9}{target:>4.0f} {engine or 'human':<8}{kind:<10} shift LU {min(shifts):+.2f} / "
                      f"{statistics.median(shifts):+.2f} / {max(shifts):+.2f} (taken off {shift:+.2f})   overshoot dB "
                      f"{min(overs):+.2f} / {statistics.median(overs):+.2f} / {max(overs):+.2f} (margin {margin:.2f})"
                      f"   outside the promise: {missed} of {len(shifts)}", flush=True)
        if args.narrations:
            print("\n".join(narrations(Path(tmp))))
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
