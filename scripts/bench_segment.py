#!/usr/bin/env python3
"""Benchmark `briefcast segment`: parse_article on a 5 MB article, with the time split by stage.

    .venv/bin/python scripts/bench_segment.py              # both 5 MB inputs, best of 3 runs each
    .venv/bin/python scripts/bench_segment.py --runs 5 --json

Inputs (from ../shared, like the tests):
  raqqa  the scraped sample article with its body repeated to 5 MB (as tests/test_parse.py builds it)
  news   the 30 article bodies of the scrapinghub benchmark, joined and repeated to 5 MB
  cold   those 30 bodies once (about 125 KB), every cache emptied first: the speed on text never seen before,
         scaled to 5 MB (a real 5 MB article repeats little, so this is its honest estimate)
Stages: split (split_sentences), speak (speech normalisation), classify (boilerplate), other (blocks, header,
markup, assembly). Target: each 5 MB input parses in < 6 s on two cores.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefcast.segmenter import acronyms, boilerplate, markup, numbers, parse, sentences, speech  # noqa: E402

SHARED = ROOT.parent / "shared"
FIVE_MB = 5_000_000
STAGES = ("split", "speak", "classify")


def raqqa_5mb() -> str:
    text = (SHARED / "samples" / "raqqa-video-voiceover.txt").read_text(encoding="utf-8")
    body = text[text.index("ISIS terrorists"):text.index("Voiceover by")]
    return text.replace(body, body * (FIVE_MB // len(body) + 1))


def news_once() -> str:
    truth = json.loads((SHARED / "data" / "articles" / "scrapinghub_aeb" / "ground-truth.json").read_text("utf-8"))
    return "\n\n".join(page["articleBody"] for page in truth.values() if page.get("articleBody"))


def news_5mb() -> str:
    news = news_once()
    return (news * (FIVE_MB // len(news) + 1))[:FIVE_MB]


def clear_caches() -> None:
    """Forget every memoised result of the segmenter (speech, sentence chunks, boilerplate verdicts)."""
    for module in (speech, numbers, acronyms, sentences, boilerplate, markup):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


class StageTimer:
    """Wraps the functions parse.py calls for each stage and adds up the seconds spent in them."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self._saved: list[tuple[object, str, Callable]] = []

    def _wrap(self, owner: object, name: str, stage: str) -> None:
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - t0

        self._saved.append((owner, name, inner))
        setattr(owner, name, timed)

    def __enter__(self) -> StageTimer:
        self._wrap(parse, "split_sentences", "split")
        self._wrap(parse, "speak", "speak")
        self._wrap(parse.boilerplate, "classify", "classify")
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, name, inner in reversed(self._saved):
            setattr(owner, name, inner)


def measure(text: str, runs: int, cold: bool = False) -> dict[str, float]:
    """Best of `runs` parses (each from empty caches): total seconds and seconds per stage."""
    best: dict[str, float] | None = None
    for _ in range(runs):
        clear_caches()
        with StageTimer() as timer:
            t0 = time.perf_counter()
            article = parse.parse_article(text)
            total = time.perf_counter() - t0
        row = {"total": total, **timer.seconds}
        row["other"] = total - sum(timer.seconds.values())
        row["sentences"] = sum(len(p.sentences) for p in article.paragraphs)
        if best is None or total < best["total"]:
            best = row
    assert best is not None
    if cold:
        scale = FIVE_MB / len(text.encode("utf-8"))
        best = {k: (v * scale if k != "sentences" else int(v * scale)) for k, v in best.items()}
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per input; the best is reported (default 3)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"bench needs the shared test data at {SHARED}")
    results = {
        "raqqa": measure(raqqa_5mb(), args.runs),
        "news": measure(news_5mb(), args.runs),
        "cold": measure(news_once(), args.runs, cold=True),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'input (5 MB)':<14}{'total s':>9}" + "".join(f"{s + ' s':>11}" for s in (*STAGES, "other"))
          + f"{'sentences':>11}")
    for name, row in results.items():
        label = name + (" (scaled)" if name == "cold" else "")
        print(f"{label:<14}{row['total']:>9.2f}" + "".join(f"{row[s]:>11.2f}" for s in (*STAGES, "other"))
              + f"{row['sentences']:>11,}")


if __name__ == "__main__":
    main()
