"""Score sentence splitters on the Golden Rules: pySBD alone, syntok alone (if installed) and briefcast's splitter.

Also on tests/data/quotation_cases.json: 30 cases of the kinds news splitting gets wrong (quoted speech with several
sentences inside one pair of quotes, full-width stops, letter- and number-marked lists), written for this check
from the pragmatic segmenter's spec and pySBD's regression cases, and not used to tune the golden-rule fixes.

Usage: .venv/bin/python scripts/measure_sentences.py [--data ../shared/data] [-v]
Sentence lists are compared after folding whitespace; -v prints every failure.
"""
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from briefcast.segmenter.sentences import split_sentences

GOLD_SETS = ["golden_rules_en.json", "golden_rules_en_pragmatic52.json"]
QUOTATION_CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "quotation_cases.json"


def _fold(text: str) -> str:
    return " ".join(text.split())


def pysbd_alone(text: str) -> list[str]:
    import pysbd

    return [s for s in map(_fold, pysbd.Segmenter(language="en", clean=False).segment(text)) if s]


def syntok_alone(text: str) -> list[str]:
    import syntok.segmenter as segmenter

    return [
        s
        for paragraph in segmenter.analyze(text)
        for s in (_fold("".join(t.spacing + t.value for t in sentence)) for sentence in paragraph)
        if s
    ]


def score(split: Callable[[str], list[str]], cases: list[dict], verbose: bool) -> int:
    passed = 0
    for case in cases:
        got, expected = split(case["text"]), [_fold(s) for s in case["expected"]]
        passed += got == expected
        if verbose and got != expected:
            print(f"    FAIL {case['text']!r}\n      got      {got}\n      expected {expected}")
    return passed


def pysbd_pattern_timing(rounds: int = 3) -> None:
    """Split 0.5 MB of distinct news (bench_segment.py's text) with briefcast's pySBD (each abbreviation pattern
    compiled once, each pass run only where the characters it needs are: segmenter/pysbd_english.py) and with
    pySBD's own English rules and processor (every pattern through re's cache of 512, which this text overflows,
    on every piece); CPU seconds, best of `rounds`, interleaved in this process."""
    from pysbd.lang.english import English

    from bench_segment import distinct_text
    from briefcast.segmenter import pysbd_english, sentences

    class ThroughRe(pysbd_english.Segmenter):
        def __init__(self) -> None:
            super().__init__()
            self.language_module = English

    text = distinct_text(500_000)
    ours, own = "briefcast's", "pySBD's own"
    segmenters = {ours: pysbd_english.Segmenter(), own: ThroughRe()}
    best, found = dict.fromkeys(segmenters, float("inf")), {}
    try:
        for _ in range(rounds):
            for label, segmenter in segmenters.items():
                sentences._local.segmenter = segmenter  # (this thread's pySBD)
                sentences._chunk_spans.cache_clear()
                start = time.process_time()
                found[label] = split_sentences(text)
                best[label] = min(best[label], time.process_time() - start)
    finally:
        del sentences._local.segmenter
    assert found[ours] == found[own], "the same sentences"
    print(f"pySBD's English, {len(text) // 1000} KB of news, CPU s, best of {rounds}: "
          + ", ".join(f"{k} {v:.3f} s" for k, v in best.items())
          + f"; {own} / {ours} {best[own] / best[ours]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    splitters: dict[str, Callable[[str], list[str]]] = {"pysbd": pysbd_alone}
    try:
        import syntok  # noqa: F401

        splitters["syntok"] = syntok_alone
    except ImportError:
        print("syntok is not installed: skipped")
    splitters["briefcast"] = split_sentences
    for path in [args.data / name for name in GOLD_SETS] + [QUOTATION_CASES]:
        name = path.name
        cases = json.loads(path.read_text(encoding="utf-8"))
        for label, split in splitters.items():
            start = time.perf_counter()
            passed = score(split, cases, args.verbose)
            print(f"{name:36} {label:10} {passed:3d}/{len(cases)} = {passed / len(cases):.2f}"
                  f"  ({time.perf_counter() - start:.2f} s)")
    pysbd_pattern_timing()


if __name__ == "__main__":
    main()
