#!/usr/bin/env python3
"""Voice quality: narrate the sample article with each installed speech engine and score it with DistillMOS.

    .venv/bin/python scripts/measure_voice.py [ARTICLE] [--engine piper --engine pyttsx3] [--keep DIR]

Run from the project root after scripts/setup: the scorer is ../shared/tools/voice-mos (predicted MOS, 1-5; human
news-style reading scores about 4.5). Without it the narrations are made and the scoring is skipped with a reason.
Target: the default engine scores at least 4.3.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
REAL = ROOT.parent / "shared" / "samples" / "raqqa-video-voiceover.txt"
BUNDLED = ROOT / "src" / "briefcast" / "data" / "sample-article.md"
VOICE_MOS = ROOT.parent / "shared" / "tools" / "voice-mos"
TARGET = 4.3


def scores(files: list[Path]) -> dict[str, float] | str:
    """DistillMOS per file, or the reason there are none."""
    if not VOICE_MOS.exists():
        return f"skipped: {VOICE_MOS} is absent"
    proc = subprocess.run([str(VOICE_MOS), *map(str, files)], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        return f"skipped: voice-mos failed ({proc.stderr.strip().splitlines()[-1:] or proc.returncode})"
    out: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        value, _, name = line.partition("\t")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            continue
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("article", nargs="?", default=str(REAL if REAL.exists() else BUNDLED))
    ap.add_argument("--engine", action="append", help="an engine to measure (default: every installed one)")
    ap.add_argument("--keep", type=Path, help="keep the narrations in this folder")
    args = ap.parse_args()

    from briefcast.narrate import NarrateOptions, narrate_file
    from briefcast.narrate.engines import choose_engine, installed_engines

    default = choose_engine("auto").name
    names = args.engine or [e.name for e in installed_engines()]
    with tempfile.TemporaryDirectory(prefix="measure-voice-") as tmp:
        files: dict[str, Path] = {}
        for name in names:
            out = Path(tmp) / f"{name}.wav"
            narrate_file(args.article, out, options=NarrateOptions(engine=name, format="wav", force=True))
            files[name] = out
        got = scores(list(files.values()))
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for f in files.values():
                shutil.copy(f, args.keep / f.name)
    print(f"article: {Path(args.article).name}")
    if isinstance(got, str):
        print(got)
        return 0
    ok = True
    for name, path in files.items():
        mos = got.get(str(path))
        mark = " (default)" if name == default else ""
        print(f"{name:<8} DistillMOS {mos:.2f}{mark}" if mos is not None else f"{name:<8} no score")
        if name == default and (mos is None or mos < TARGET):
            ok = False
    print(f"target: the default engine ({default}) >= {TARGET}: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
