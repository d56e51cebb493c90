#!/usr/bin/env python3
"""Benchmark narration as a user runs it: the whole `briefcast narrate` process, cold, against the floor.

    .venv/bin/python scripts/bench_narrate.py [ARTICLE] [--engine piper|pyttsx3|both] [--runs 7] [--long]
                                              [--warm] [--before ../other/src]

Each run is a fresh process: `briefcast narrate ARTICLE -o out.mp3 --no-cache --engine E` (imports, parsing, engine
start, synthesis, loudness, encode, tags, metering the written file where it is metered). The floor is the least any
narration does with that engine, also run as processes: one `python -m piper` call on the whole spoken text (same
voice, same length scale, no per-sentence normalisation) or one `espeak-ng -w` call (same rate), then the same
ffmpeg encode (the same encoder arguments, sample rate and bitrate as briefcast's mp3). Runs alternate (briefcast,
floor); printed per engine: min / median / max of each and of the ratio of each briefcast run to the floor run
beside it, with the load average (the machine's 2 cores are shared: compare ratios, not seconds), then each kind's
CPU seconds (user + sys of the process tree: its children as they are waited for, which other workers' load changes
less than wall time) and their ratio to the floor's. --before SRC adds a third process to each round: the same
command on other code (SRC, another checkout's src folder, put on PYTHONPATH). --long: also a 10-minute article of
real news text (../shared pages, as scripts/bench_long_narration.py builds it). --warm: the article narrated again
with the cache warm (nothing changed) against `briefcast segment` on the same file, alternated. The code's bytecode
is compiled first (as an install does), so that no run compiles modules from source. Targets (issue 22): Piper <=
0.85x its floor, pyttsx3 <= 1.2x; warm narration within 0.3 s of `briefcast segment`.
"""
from __future__ import annotations

import argparse
import os
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
BRIEFCAST = [str(Path(sys.executable).with_name("briefcast"))]  # the console script beside this Python


CPU: dict[str, list[float]] = {}  # CPU seconds (user + sys) of each timed process tree, by what it was


def cpu_seconds() -> float:
    """User + system CPU seconds of every child process this one has waited for (and of theirs, waited for)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], what: str = "", **kwargs: object) -> float:
    """Wall seconds of one process, which must succeed; its process tree's CPU seconds go to CPU[what]."""
    c0, t0 = cpu_seconds(), time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    took = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    if what:
        CPU.setdefault(what, []).append(cpu_seconds() - c0)
    return took


def floor_commands(engine: str, article: Path, folder: Path) -> list[list[str]]:
    """The floor for `engine`: one engine call on the whole spoken text, then ffmpeg with briefcast's encoder."""
    from briefcast.narrate import NarrateOptions
    from briefcast.narrate.encode import encoder_args
    from briefcast.narrate.engines import piper
    from briefcast.narrate.script import build_script
    from briefcast.segmenter.parse import read_article

    options = NarrateOptions(engine=engine, format="mp3")
    script = build_script(read_article(article), options)
    txt, wav = folder / f"floor-{engine}.txt", folder / f"floor-{engine}.wav"
    txt.write_text("\n".join(u.text for u in script.utterances), encoding="utf-8")
    if engine == "piper":
        model, config = piper.voice_files(None)
        speak = [sys.executable, "-m", "piper", "-m", str(model), "-c", str(config), "-i", str(txt), "-f", str(wav),
                 "--length-scale", f"{piper.length_scale(options.rate):.4f}", "--no-normalize"]
    else:
        speak = ["espeak-ng", "-s", str(options.rate), "-w", str(wav), "-f", str(txt)]
    encode = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(wav), *encoder_args(options),
              str(folder / f"floor-{engine}.mp3")]
    return [speak, encode]


def compiled(sources: list[Path]) -> None:
    """Compile the code's bytecode first, as installing it does: a process run with PYTHONDONTWRITEBYTECODE (or
    from a read-only checkout) otherwise compiles every module it imports from source, each run (0.1-0.2 CPU s)."""
    import compileall

    for src in sources:
        if not compileall.compile_dir(str(src), quiet=1):
            raise SystemExit(f"could not compile the code in {src}")


def spread(values: list[float], digits: int = 2) -> str:
    return "/".join(f"{v:.{digits}f}" for v in (min(values), statistics.median(values), max(values)))


def load() -> float:
    return os.getloadavg()[0]


def bench(engine: str, article: Path, runs: int, folder: Path, before: str | None) -> dict[str, list[float]]:
    """Alternated cold CLI narrations and floors of one article (and narrations by the code in `before`)."""
    floor = floor_commands(engine, article, folder)
    out = folder / f"briefing-{engine}.mp3"
    cli = [*BRIEFCAST, "narrate", str(article), "-o", str(out), "--engine", engine, "--no-cache", "--force", "-q"]
    env = {**os.environ, "PYTHONPATH": before} if before else None
    kinds = ["ours", "floor"] + (["before"] if before else [])
    seconds: dict[str, list[float]] = {k: [] for k in kinds}
    ratios: dict[str, list[float]] = {k: [] for k in kinds if k != "floor"}
    loads = []
    for i in range(runs):
        loads.append(load())
        took = {}
        for what in kinds[i % len(kinds):] + kinds[:i % len(kinds)]:  # each in each position in turn
            took[what] = (sum(timed(cmd, f"{engine} {article.name} floor") for cmd in floor) if what == "floor"
                          else timed(cli, f"{engine} {article.name} {what}", env=env if what == "before" else None))
        for k in kinds:
            seconds[k].append(took[k])
        for k in ratios:
            ratios[k].append(took[k] / took["floor"])
    loads.append(load())
    return {**seconds, **{f"{k} ratio": v for k, v in ratios.items()}, "load": loads}


def warm(engine: str, article: Path, runs: int, folder: Path) -> dict[str, list[float]]:
    """The article narrated again with the cache warm, against `briefcast segment` on it, alternated."""
    env = {**os.environ, "BRIEFCAST_CACHE_DIR": str(folder / "cache")}
    out = folder / f"warm-{engine}.mp3"
    cli = [*BRIEFCAST, "narrate", str(article), "-o", str(out), "--engine", engine, "--force", "-q"]
    segment = [*BRIEFCAST, "segment", str(article)]
    timed(cli, env=env)  # fills the cache
    again, seg = [], []
    for i in range(runs):
        for what in (("again", "seg") if i % 2 == 0 else ("seg", "again")):
            (again if what == "again" else seg).append(timed(cli if what == "again" else segment, env=env))
    return {"again": again, "segment": seg}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("article", nargs="?", default=str(REAL if REAL.exists() else BUNDLED))
    ap.add_argument("--engine", choices=["piper", "pyttsx3", "both"], default="both")
    ap.add_argument("--runs", type=int, default=7, help="alternated pairs per engine and article (default 7)")
    ap.add_argument("--long", action="store_true", help="also a 10-minute article of real news text")
    ap.add_argument("--warm", action="store_true", help="also the warm re-run against `briefcast segment`")
    ap.add_argument("--before", metavar="SRC", help="also time the code in SRC (another checkout's src folder, put "
                                                    "on PYTHONPATH) in the same alternation")
    args = ap.parse_args()
    engines = ["piper", "pyttsx3"] if args.engine == "both" else [args.engine]
    compiled([ROOT / "src", *([Path(args.before)] if args.before else [])])
    with tempfile.TemporaryDirectory(prefix="bench-narrate-") as tmp:
        folder = Path(tmp)
        articles = [Path(args.article)]
        if args.long:
            sys.path.insert(0, str(ROOT / "scripts"))
            from bench_long_narration import long_markdown

            articles.append(folder / "ten-minutes.md")
            articles[-1].write_text(long_markdown(10), encoding="utf-8")
        print(f"{'article':<22}{'engine':<9}{'briefcast s':>20}{'floor s':>20}{'ratio':>17}  load (1 min)")
        print(f"{'':<22}{'':<9}{'min/median/max':>20}{'min/median/max':>20}{'min/median/max':>17}")
        for article in articles:
            for engine in engines:
                r = bench(engine, article, args.runs, folder, args.before)
                for who in ("before", "ours") if args.before else ("ours",):
                    name = f"{article.name[:12]}{' (before)' if who == 'before' else ''}"
                    print(f"{name:<22}{engine:<9}{spread(r[who]):>20}{spread(r['floor']):>20}"
                          f"{spread(r[who + ' ratio']):>17}  {spread(r['load'], 1)}", flush=True)
        print("CPU seconds (user + sys of the process tree) min/median/max:")
        cpu: dict[str, list[float]] = {}
        for key, values in CPU.items():
            name, _, what = key.rpartition(" ")
            if what == "floor":  # the floor is two processes a round: their sum
                values = [a + b for a, b in zip(values[::2], values[1::2])]
            cpu[key] = values
            print(f"  {name} {what}: {spread(values)}")
        for key, values in cpu.items():
            name, _, what = key.rpartition(" ")
            if what != "floor" and f"{name} floor" in cpu:
                ratio = [a / b for a, b in zip(values, cpu[f"{name} floor"])]
                print(f"  {name} {what} / floor: {spread(ratio)}")
        if args.warm:
            for engine in engines:
                w = warm(engine, articles[0], args.runs, folder)
                gap = [a - s for a, s in zip(w["again"], w["segment"])]
                print(f"warm re-run ({engine}): {spread(w['again'])} s against `briefcast segment` "
                      f"{spread(w['segment'])} s: {statistics.median(gap):+.2f} s (median of pairs; target <= 0.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
