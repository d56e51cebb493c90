#!/usr/bin/env python3
"""Benchmark narration against the raw floor, in one run, on the same text.

    .venv/bin/python scripts/bench_narrate.py [ARTICLE] [--engine piper|pyttsx3|both] [--format mp3] [--repeat 3]
                                              [--threads]

The floor is what any narration must do at least with that engine, on the whole spoken text at the same rate:
pyttsx3, `espeak-ng -w`; Piper, one `python -m piper` call (same voice and length scale, no per-sentence
normalisation); then ffmpeg to the same format, sample rate and bitrate. briefcast does that plus
sentence-by-sentence synthesis in two engine processes, exact pauses, loudness normalisation with a true-peak
limiter, measuring the written file, tags, chapters and sidecars, with the cache off. Runs alternate (narration,
floor) and the medians are compared; the first narration in the process (imports, engine start) is reported
separately. Targets: Piper <= 1.0x, pyttsx3 no slower than 1.44-1.64x. Then the same article twice with the
render cache on (a fresh cache folder): the unchanged re-run must be at least 5x faster than the first. The spoken
rate is body words over the sentences' timed spans. --threads also times Piper as one worker with two ONNX threads
against two workers with one thread each (the default).
"""
from __future__ import annotations

import argparse
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


def floor(engine: str, text: str, out: Path, rate: int, encoder: list[str]) -> float:
    """Seconds for one engine call on all of `text` (espeak-ng -w, or python -m piper), then ffmpeg."""
    from briefcast.narrate.engines import piper

    txt, wav = out.with_suffix(".txt"), out.with_suffix(".wav")
    txt.write_text(text, encoding="utf-8")
    if engine == "piper":
        model, config = piper.voice_files(None)
        cmd = [sys.executable, "-m", "piper", "-m", str(model), "-c", str(config), "-i", str(txt), "-f", str(wav),
               "--length-scale", f"{piper.length_scale(rate):.4f}", "--no-normalize"]
    else:
        cmd = ["espeak-ng", "-s", str(rate), "-w", str(wav), "-f", str(txt)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(wav), *encoder, str(out)], check=True)
    return time.perf_counter() - t0


def bench(engine: str, article: object, script: object, args: argparse.Namespace, **changes: object) -> dict:
    """Narrations and floors alternated; medians, the first call, the spoken rate and the result."""
    from briefcast.narrate import NarrateOptions, narrate
    from briefcast.narrate.encode import encoder_args

    options = NarrateOptions(engine=engine, format=args.format, cache=False, force=True,
                             subtitles=("srt", "vtt", "json")).replace(**changes)
    text = "\n".join(u.text for u in script.utterances)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="bench-narrate-") as tmp:
        folder = Path(tmp)
        out = folder / f"briefing{options.extension}"
        t0 = time.perf_counter()
        result = narrate(article, out, options=options)  # type: ignore[arg-type]
        cold = time.perf_counter() - t0
        ours, raw = [], []
        for i in range(args.repeat):
            t0 = time.perf_counter()
            result = narrate(article, out, options=options)  # type: ignore[arg-type]
            ours.append(time.perf_counter() - t0)
            raw.append(floor(engine, text, folder / f"floor{i}{options.extension}", options.rate,
                             encoder_args(options)))
        cached = options.replace(cache=True, cache_dir=str(folder / "cache"))
        t0 = time.perf_counter()
        narrate(article, out, options=cached)  # type: ignore[arg-type]
        uncached = time.perf_counter() - t0
        t0 = time.perf_counter()
        narrate(article, out, options=cached)  # type: ignore[arg-type]
        rerun = time.perf_counter() - t0
    body = result.article.sentences
    words = sum(len((s.spoken or s.text).split()) for s in body)
    speech = sum(s.end - s.start for s in body if s.start is not None and s.end is not None)
    return {"ours": statistics.median(ours), "raw": statistics.median(raw), "cold": cold, "result": result,
            "wpm": words / speech * 60, "rate": options.rate, "encoder": " ".join(encoder_args(options)),
            "uncached": uncached, "rerun": rerun}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("article", nargs="?", default=str(REAL if REAL.exists() else BUNDLED))
    ap.add_argument("--engine", choices=["piper", "pyttsx3", "both"], default="both")
    ap.add_argument("--format", default="mp3")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", action="store_true", help="also time Piper as 1 worker x 2 ONNX threads")
    args = ap.parse_args()

    from briefcast.narrate import NarrateOptions
    from briefcast.narrate.engines import piper
    from briefcast.narrate.script import build_script
    from briefcast.segmenter.parse import read_article

    article = read_article(args.article)
    script = build_script(article, NarrateOptions())
    words = len(" ".join(u.text for u in script.utterances).split())
    print(f"article:        {Path(args.article).name} ({words} spoken words, {len(script.utterances)} utterances)")
    engines = ["piper", "pyttsx3"] if args.engine == "both" else [args.engine]
    for engine in engines:
        r = bench(engine, article, script, args)
        res = r["result"]
        print(f"[{engine}] briefing:     {res.summary()}, true peak {res.true_peak:.1f} dBTP")
        print(f"[{engine}] narration:    {r['ours']:.2f} s median of {args.repeat} "
              f"(first call in process {r['cold']:.2f} s)")
        print(f"[{engine}] raw floor:    {r['raw']:.2f} s median (one engine call + ffmpeg {r['encoder']})")
        print(f"[{engine}] ratio:        {r['ours'] / r['raw']:.2f}x the raw floor")
        print(f"[{engine}] real-time:    {res.duration / r['ours']:.0f}x faster than real time")
        print(f"[{engine}] spoken rate:  {r['wpm']:.0f} words per minute of speech at --rate {r['rate']}")
        print(f"[{engine}] cached re-run: {r['uncached']:.2f} s then {r['rerun']:.2f} s unchanged: "
              f"{r['uncached'] / r['rerun']:.1f}x faster (target >= 5)")
        if engine == "piper" and args.threads:
            saved = piper.THREADS
            piper.THREADS = 2
            try:
                one = bench(engine, article, script, args, jobs=1)
            finally:
                piper.THREADS = saved
            print(f"[{engine}] threads:      2 workers x 1 ONNX thread {r['ours']:.2f} s, "
                  f"1 worker x 2 threads {one['ours']:.2f} s ({one['ours'] / one['raw']:.2f}x the floor)")
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory:    {self_mb:.0f} MB this process, {child_mb:.0f} MB largest child (engine worker/ffmpeg)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
