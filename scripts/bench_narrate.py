#!/usr/bin/env python3
"""Benchmark narration against the raw floor, in one run, on the same text.

    .venv/bin/python scripts/bench_narrate.py [ARTICLE] [--format mp3] [--repeat 3]

The floor is what any narration must do at least: `espeak-ng -w` of the whole spoken text at the same rate, then
ffmpeg to the same format, sample rate and bitrate. briefcast does that plus sentence-by-sentence synthesis in two
engine processes, exact pauses, loudness normalisation with a true-peak limiter, measuring the written file, tags,
chapters and sidecars, with the cache off. Runs alternate (narration, floor) and the medians are compared; the
first narration in the process (imports, engine start) is reported separately. Target: ratio <= 2.0.
Then the same article twice with the render cache on (a fresh cache folder): the unchanged re-run must be at least
5x faster than the first (target >= 5).
"""
from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
REAL = ROOT.parent / "shared" / "samples" / "raqqa-video-voiceover.txt"
BUNDLED = ROOT / "src" / "briefcast" / "data" / "sample-article.md"


def floor(text: str, out: Path, rate: int, encoder: list[str]) -> float:
    """Seconds for espeak-ng -w of `text`, then ffmpeg to the output format."""
    txt, wav = out.with_suffix(".txt"), out.with_suffix(".wav")
    txt.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run(["espeak-ng", "-s", str(rate), "-w", str(wav), "-f", str(txt)], check=True)
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(wav), *encoder, str(out)], check=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("article", nargs="?", default=str(REAL if REAL.exists() else BUNDLED))
    ap.add_argument("--format", default="mp3")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from briefcast.narrate import NarrateOptions, narrate
    from briefcast.narrate.encode import encoder_args
    from briefcast.narrate.script import build_script
    from briefcast.segmenter.parse import read_article

    options = NarrateOptions(format=args.format, cache=False, force=True, subtitles=("srt", "vtt", "json"))
    article = read_article(args.article)
    script = build_script(article, options)
    text = "\n".join(u.text for u in script.utterances)
    words = len(text.split())
    with tempfile.TemporaryDirectory(prefix="bench-narrate-") as tmp:
        folder = Path(tmp)
        out = folder / f"briefing{options.extension}"
        t0 = time.perf_counter()
        result = narrate(article, out, options=options)
        cold = time.perf_counter() - t0
        ours, raw = [], []
        for i in range(args.repeat):
            t0 = time.perf_counter()
            result = narrate(article, out, options=options)
            ours.append(time.perf_counter() - t0)
            raw.append(floor(text, folder / f"floor{i}{options.extension}", options.rate, encoder_args(options)))
        cached = dataclasses.replace(options, cache=True, cache_dir=str(folder / "cache"))
        t0 = time.perf_counter()
        narrate(article, out, options=cached)
        uncached = time.perf_counter() - t0
        t0 = time.perf_counter()
        narrate(article, out, options=cached)
        rerun = time.perf_counter() - t0
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n, f = statistics.median(ours), statistics.median(raw)
    print(f"article:        {Path(args.article).name} ({words} spoken words, {len(script.utterances)} utterances)")
    print(f"briefing:       {result.summary()}, true peak {result.true_peak:.1f} dBTP")
    print(f"narration:      {n:.2f} s median of {args.repeat} (first call in process {cold:.2f} s)")
    print(f"raw floor:      {f:.2f} s median (espeak-ng -w + ffmpeg {' '.join(encoder_args(options))})")
    print(f"ratio:          {n / f:.2f}x the raw floor (target <= 2.0)")
    print(f"real-time:      {result.duration / n:.0f}x faster than real time "
          f"(real-time factor {n / result.duration:.4f})")
    print(f"cached re-run:  {uncached:.2f} s then {rerun:.2f} s unchanged: {uncached / rerun:.1f}x faster "
          "(target >= 5)")
    print(f"peak memory:    {self_mb:.0f} MB this process, {child_mb:.0f} MB largest child (engine/ffmpeg)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
