#!/usr/bin/env python3
"""Peak memory and speed of narrating long articles: memory must not grow with the article's length.

    .venv/bin/python scripts/bench_long_narration.py [--engine pyttsx3|piper] [--minutes 10 30 60] [--format mp3]

The article is REAL text: the bodies of the shared news pages (/work/shared/data/articles/mozilla_readability, each
parsed by briefcast's own HTML parser), one section per page, concatenated until the text reaches about the asked
number of minutes at the default rate (175 words per minute). Each length is narrated in a fresh child process (cache
off) so its peak is its own; printed per length: audio minutes, peak RSS of the narrating process and of its largest
child (engine workers, ffmpeg), seconds per audio minute, and those figures relative to the shortest length (flat is
the target: peak memory independent of length, time per audio minute constant). The machine is shared: timings are
noisy under contention.
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PAGES = ROOT.parent / "shared" / "data" / "articles" / "mozilla_readability"
WPM = 175


def long_markdown(minutes: float) -> str:
    """A Markdown article of real news text, about `minutes` long when spoken at WPM."""
    from briefcast.segmenter.parse import parse_html

    want = int(minutes * WPM)
    parts, words, used = ["# A long briefing from the shared news pages", ""], 0, 0
    pages = sorted(p for p in PAGES.iterdir() if (p / "source.html.gz").exists())
    while words < want:
        for page in pages:
            article = parse_html(gzip.decompress((page / "source.html.gz").read_bytes()).decode("utf-8", "replace"))
            paras = [" ".join(s.text for s in p.sentences) for sec in article.sections for p in sec.paragraphs]
            paras = [p for p in paras if len(p.split()) >= 8]
            if not paras:
                continue
            used += 1
            parts += [f"## {article.title or page.name} ({used})", ""]
            for p in paras:
                parts += [p, ""]
                words += len(p.split())
                if words >= want:
                    break
            if words >= want:
                break
    return "\n".join(parts)


def child(md: Path, out: Path, engine: str, fmt: str) -> None:
    """Narrate in this process and print a JSON line of figures."""
    import resource

    from briefcast.narrate import NarrateOptions
    from briefcast.narrate.narrator import narrate_file

    t0 = time.perf_counter()
    res = narrate_file(md, out, options=NarrateOptions(engine=engine, format=fmt, cache=False, force=True))
    seconds = time.perf_counter() - t0
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"duration": res.duration, "seconds": seconds, "self_mb": self_kb / 1024,
                      "loudness": res.loudness, "true_peak": res.true_peak}))


def _descendants(pid: int) -> list[int]:
    """Process ids below `pid` (from /proc)."""
    parents: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def _peak_kb(pid: int) -> int:
    """VmHWM (peak resident set) of a live process, in kB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_child(cmd: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the narrating child; returns it and the largest peak RSS (MB) any of its own children reached (engine
    workers, ffmpeg), sampled every 0.2 s: a fork's ru_maxrss would count its parent's pages, so /proc is read."""
    import threading

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    best = [0]

    def poll() -> None:
        while proc.poll() is None:
            for pid in _descendants(proc.pid):
                best[0] = max(best[0], _peak_kb(pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    watcher.join()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), best[0] / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", default="pyttsx3", choices=["pyttsx3", "piper"])
    ap.add_argument("--minutes", type=float, nargs="+", default=[10, 30, 60])
    ap.add_argument("--format", default="mp3")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.engine, args.format)
        return
    if not PAGES.is_dir():
        sys.exit(f"{PAGES}: the shared news pages are missing")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        for minutes in args.minutes:
            md = Path(tmp) / f"long-{minutes:g}.md"
            md.write_text(long_markdown(minutes), encoding="utf-8")
            out = Path(tmp) / f"long-{minutes:g}.{args.format}"
            proc, child_mb = run_child([sys.executable, __file__, "--engine", args.engine, "--format", args.format,
                                        "--child", str(md), str(out)])
            if proc.returncode != 0:
                sys.exit(f"{minutes:g} min: narration failed\n{proc.stderr[-3000:]}")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            r["child_mb"] = child_mb
            r["words"] = len(md.read_text(encoding="utf-8").split())
            rows.append(r)
            audio = r["duration"] / 60
            print(f"{args.engine} {minutes:g} min asked: {r['words']} words, {audio:.1f} audio min, "
                  f"peak RSS {r['self_mb']:.0f} MB (largest child {r['child_mb']:.0f} MB), "
                  f"{r['seconds'] / audio:.1f} s per audio minute, {r['loudness']:.1f} LUFS, "
                  f"{r['true_peak']:.1f} dBTP", flush=True)
    base = rows[0]
    for r in rows[1:]:
        ratio_t = (r["seconds"] / r["duration"]) / (base["seconds"] / base["duration"])
        print(f"{r['duration'] / 60:.1f} vs {base['duration'] / 60:.1f} audio min: peak RSS x"
              f"{r['self_mb'] / base['self_mb']:.2f}, time per audio minute x{ratio_t:.2f}")


if __name__ == "__main__":
    main()
