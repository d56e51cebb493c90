#!/usr/bin/env python3
"""Benchmark batch narration: throughput of 1 vs 2 jobs on the same files, and the Dask engine's overhead.

    .venv/bin/python scripts/bench_batch.py            # 16 articles: the bundled sample under 16 headlines
    .venv/bin/python scripts/bench_batch.py --files 8 --json

Each batch worker process is started once and reused for its files; what one job pays and two do not halve is the
pool's start (spawning Python, importing briefcast, the first file's imports of the narration stack) and the
coordinator's planning; the speech engine's worker (mostly loading its voice) starts for each
file, in parallel with the other job's. The default batch is folder-sized (16 files) to measure throughput rather
than start-up.

Narration runs with its cache off and one engine worker per file, so the comparison is about files in parallel.
Target on two cores (issue 22): 2 jobs >= 1.9x the throughput of 1 job, on 8 and on 16 files.
Also times the bookkeeping alone: 1,000 tiny unusable files (empty or unsupported), all recorded as failed in the
manifest (target < 60 s).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefcast.batch import BatchOptions, run_batch  # noqa: E402
from briefcast.narrate import NarrateOptions  # noqa: E402
from briefcast.segmenter.parse import read_article  # noqa: E402

SAMPLE = ROOT / "src" / "briefcast" / "data" / "sample-article.md"


def make_articles(folder: Path, n: int) -> list[Path]:
    """n copies of the bundled sample (about 75 s of audio each), each with its own headline."""
    text = SAMPLE.read_text(encoding="utf-8")
    title = read_article(SAMPLE).title or ""
    paths = []
    for i in range(n):
        path = folder / f"article{i:02d}.md"
        path.write_text(text.replace(title, f"Briefing {i + 1}: {title}", 1), encoding="utf-8")
        paths.append(path)
    return paths


def timed(inputs: list[Path], outdir: Path, **options: object) -> float:
    narrate = NarrateOptions(cache=False, jobs=1, subtitles=("srt", "vtt", "json"))
    t0 = time.perf_counter()
    report = run_batch(inputs, outdir, options=BatchOptions(narrate=narrate, **options))  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t0
    if report.failed:
        raise SystemExit(f"bench failed: {report.failed[0].input}: {report.failed[0].error}")
    return elapsed


def tiny_files(folder: Path, n: int) -> float:
    """Seconds for a 2-job batch over n empty or unsupported files (all fail; the cost is bookkeeping)."""
    folder.mkdir()
    for i in range(n):
        (folder / f"note{i:04d}.{'txt' if i % 2 else 'dat'}").write_bytes(b"")
    t0 = time.perf_counter()
    report = run_batch([folder], folder.with_name("tiny-out"), options=BatchOptions(to="text", jobs=2))
    elapsed = time.perf_counter() - t0
    if len(report.failed) != n:
        raise SystemExit(f"bench failed: {len(report.failed)} of {n} tiny files recorded as failed")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=16, help="articles in the batch (default 16)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each configuration; the best counts")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="briefcast-bench-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        inputs = make_articles(root / "in", args.files)
        timed(inputs[:1], root / "warm", jobs=1)  # first imports and espeak-ng start-up, outside the figures
        runs: dict[str, list[float]] = {"1": [], "2": [], "dask": []}
        for r in range(args.repeat):  # interleaved, best of each: other load on the machine hits all alike
            runs["1"].append(timed(inputs, root / f"out1-{r}", jobs=1))
            runs["2"].append(timed(inputs, root / f"out2-{r}", jobs=2))
            runs["dask"].append(timed(inputs, root / f"out3-{r}", jobs=2, engine="dask"))
        t1, t2, td = min(runs["1"]), min(runs["2"]), min(runs["dask"])
        loads.append(os.getloadavg()[0])
        tiny = tiny_files(root / "tiny", 1000)
    n = len(inputs)
    figures = {
        "files": n,
        "jobs1_seconds": round(t1, 2), "jobs2_seconds": round(t2, 2), "dask2_seconds": round(td, 2),
        "jobs1_files_per_minute": round(60 * n / t1, 2), "jobs2_files_per_minute": round(60 * n / t2, 2),
        "speedup_2_jobs": round(t1 / t2, 3),
        "dask_overhead_seconds": round(td - t2, 2), "dask_overhead_ratio": round(td / t2, 3),
        "tiny_1000_seconds": round(tiny, 2),
        "load_average": [round(x, 1) for x in loads],  # (1 minute) before and after the timed runs
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{n} narrations, cache off, one engine worker per file, best of {args.repeat}")
        print(f"  1 job        {t1:7.1f} s  ({figures['jobs1_files_per_minute']} files/min)")
        print(f"  2 jobs       {t2:7.1f} s  ({figures['jobs2_files_per_minute']} files/min)")
        print(f"  speed-up     {figures['speedup_2_jobs']:.2f}x  (target >= 1.9x on two cores)")
        print(f"  dask, 2 wk   {td:7.1f} s  (overhead {td - t2:+.1f} s, {figures['dask_overhead_ratio']:.2f}x local)")
        print(f"  1,000 tiny unusable files recorded in {tiny:.1f} s  (target < 60 s)")
        print(f"  load average {loads[0]:.1f} before, {loads[1]:.1f} after (2 shared cores: compare the ratio)")


if __name__ == "__main__":
    main()
