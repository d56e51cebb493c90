#!/usr/bin/env python3
"""Benchmark batch narration: throughput of 1 vs 2 jobs on the same files, and the Dask engine's overhead.

    .venv/bin/python scripts/bench_batch.py            # 8 then 16 articles: the bundled sample under new headlines
    .venv/bin/python scripts/bench_batch.py --files 8 --rounds 3 --json

Each batch worker process is started once and reused for its files, and so is its pyttsx3 engine (Piper's starts
for each file, mostly loading its voice); what one job pays and two do not halve is the pool's start (spawning
Python, importing briefcast, the first file's imports of the narration stack) and the coordinator's planning. The
default batches, 8 and 16 files, weigh that start-up against throughput; --speech-engine pyttsx3 or piper chooses
the engine (auto: Piper where its voice is installed).

Narration runs with its cache off and one engine worker per batch worker, so the comparison is about files in
parallel.
Target on two cores (issue 22): 2 jobs >= 1.9x the throughput of 1 job, on 8 and on 16 files. The machine's cores
are shared with other work, so the configurations alternate within each round (their order turning round by
round), each round gives its own ratio (1 job's seconds over 2 jobs'), and the figures are each ratio's min /
median / max with the load average before each round: a ratio only counts against the load it was measured under.
CPU seconds (of every process of a batch) are printed beside the walls: the work 2 jobs add, whatever the load.
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


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished descendants (batch and engine workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(inputs: list[Path], outdir: Path, speech: str = "auto", **options: object) -> tuple[float, float]:
    """Wall and CPU seconds of one batch (CPU: every process of it, which the load of other work does not add to)."""
    narrate = NarrateOptions(cache=False, jobs=1, subtitles=("srt", "vtt", "json"), engine=speech)
    t0, c0 = time.perf_counter(), cpu_seconds()
    report = run_batch(inputs, outdir, options=BatchOptions(narrate=narrate, **options))  # type: ignore[arg-type]
    elapsed, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    if report.failed:
        raise SystemExit(f"bench failed: {report.failed[0].input}: {report.failed[0].error}")
    return elapsed, cpu


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


def spread(values: list[float], digits: int = 2) -> str:
    ordered = sorted(values)
    return "/".join(f"{v:.{digits}f}" for v in (ordered[0], ordered[len(ordered) // 2], ordered[-1]))


def rounds(inputs: list[Path], root: Path, n: int, engine: str) -> dict[str, list[float]]:
    """`n` rounds of 1 job, 2 jobs and Dask with 2 workers on `inputs`, their order turning each round."""
    configs = {"1": {"jobs": 1}, "2": {"jobs": 2}, "dask": {"jobs": 2, "engine": "dask"}}
    runs: dict[str, list[float]] = {**{k: [] for k in configs}, **{f"{k} cpu": [] for k in configs}, "load": []}
    for r in range(n):
        runs["load"].append(os.getloadavg()[0])
        order = list(configs)[r % 3:] + list(configs)[:r % 3]
        for name in order:
            wall, cpu = timed(inputs, root / f"out-{len(inputs)}-{name}-{r}", engine,
                              **configs[name])
            runs[name].append(wall)
            runs[f"{name} cpu"].append(cpu)
    runs["ratio"] = [a / b for a, b in zip(runs["1"], runs["2"])]
    runs["load"].append(os.getloadavg()[0])
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[8, 16], help="articles per batch (default 8 16)")
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds per batch size (default 3)")
    parser.add_argument("--speech-engine", default="auto", help="narration's speech engine (default auto)")
    parser.add_argument("--no-tiny", action="store_true", help="leave out the 1,000 tiny files")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="briefcast-bench-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        inputs = make_articles(root / "in", max(args.files))
        timed(inputs[:1], root / "warm", args.speech_engine, jobs=1)  # first imports and start-ups, left out
        for n in args.files:
            runs = rounds(inputs[:n], root, args.rounds, args.speech_engine)
            figures[f"{n} files"] = {k: [round(x, 3) for x in v] for k, v in runs.items()}
            if not args.json:
                print(f"{n} narrations, cache off, one engine worker per job, {args.rounds} alternated rounds "
                      f"({args.speech_engine}; min/median/max)")
                print(f"  1 job        {spread(runs['1'], 1)} s  (CPU {spread(runs['1 cpu'], 1)} s)")
                print(f"  2 jobs       {spread(runs['2'], 1)} s  (CPU {spread(runs['2 cpu'], 1)} s)")
                print(f"  speed-up     {spread(runs['ratio'])}x  (each round's; target >= 1.9x on two cores)")
                print(f"  dask, 2 wk   {spread(runs['dask'], 1)} s  (CPU {spread(runs['dask cpu'], 1)} s)")
                print(f"  load average {spread(runs['load'], 1)} (before each round and after the last; 2 shared "
                      "cores)", flush=True)
        tiny = None if args.no_tiny else tiny_files(root / "tiny", 1000)
    if tiny is not None:
        figures["tiny_1000_seconds"] = round(tiny, 2)
    if args.json:
        print(json.dumps(figures, indent=2))
    elif tiny is not None:
        print(f"1,000 tiny unusable files recorded in {tiny:.1f} s  (target < 60 s)")


if __name__ == "__main__":
    main()
